package qa

import (
	"fmt"
	"slices"
	"testing"
)

func BenchmarkScore20Items(b *testing.B) {
	sc := wideCard(b, 20)
	ev := wideEval(sc, 3)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := sc.Score(ev); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCalibrate10Evaluators50Items(b *testing.B) {
	sc := wideCard(b, 50)
	cs := CalibrationSession{ID: "bench"}
	for e := 0; e < 10; e++ {
		ev := wideEval(sc, 2+e%4)
		ev.Evaluator = fmt.Sprintf("ev%02d", e)
		cs.Evaluations = append(cs.Evaluations, ev)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := sc.Calibrate(cs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseDefaultPolicy(b *testing.B) {
	src := DefaultPolicySource()
	b.ReportAllocs()
	for range b.N {
		if _, err := ParsePolicy(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScore20ItemsShuffled answers the items in reverse order, so
// that every answer is found through the scorecard's index.
func BenchmarkScore20ItemsShuffled(b *testing.B) {
	sc := wideCard(b, 20)
	ev := wideEval(sc, 3)
	slices.Reverse(ev.Answers)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := sc.Score(ev); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScoreInto20Items scores into one reused Result, as a host
// scoring a batch does.
func BenchmarkScoreInto20Items(b *testing.B) {
	sc := wideCard(b, 20)
	ev := wideEval(sc, 3)
	var r Result
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := sc.ScoreInto(&r, ev); err != nil {
			b.Fatal(err)
		}
	}
}

// distinctUnits is n two-rater units whose 2n values are all distinct, the
// shape of continuous scores.
func distinctUnits(n int) [][]float64 {
	units := make([][]float64, n)
	for u := range units {
		units[u] = []float64{float64(u) + 0.25, float64(n-u) + 0.5}
	}
	return units
}

// BenchmarkAlpha100kDistinct is Alpha over 100,000 two-rater units with
// 200,000 distinct values at each level; the ratio level, which pairs
// distinct values, at the most it accepts (10,000 distinct values).
func BenchmarkAlpha100kDistinct(b *testing.B) {
	for _, level := range []Level{Nominal, Ordinal, Interval, Ratio} {
		units := distinctUnits(100_000)
		if level == Ratio {
			units = distinctUnits(5_000)
		}
		b.Run(string(level), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				if _, err := Alpha(level, units); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
