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
