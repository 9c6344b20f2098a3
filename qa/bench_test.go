package qa

import (
	"fmt"
	"slices"
	"testing"
	"time"
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

// BenchmarkFeedback20Items plans the talk about a 20-item result with
// five deductions.
func BenchmarkFeedback20Items(b *testing.B) {
	sc := wideCard(b, 20)
	r, err := sc.Score(wideEval(sc, 4))
	if err != nil {
		b.Fatal(err)
	}
	p := sc.policy
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := p.Feedback(r); err != nil {
			b.Fatal(err)
		}
	}
}

// trendBench is n scores of n/10 agents over four months, with varied
// scores and a complaint per hundred scores, in no particular order.
func trendBench(n int) TrendInput {
	in := TrendInput{Periods: months(4), Scores: make([]ScorePoint, 0, n)}
	agents := max(1, n/10)
	x := uint32(2463534242)
	for i := range n {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		agent := fmt.Sprintf("a%06d", int(x>>8)%agents)
		at := jan.Add(time.Duration(x%(120*24)) * time.Hour)
		in.Scores = append(in.Scores, ScorePoint{Agent: agent, Team: "t" + agent[1:4], At: at, Score: float64(50 + x%51)})
		if i%100 == 0 {
			in.Complaints = append(in.Complaints, Complaint{Agent: agent, At: at})
		}
	}
	return in
}

// BenchmarkTrends is Trends over 1,000 and 100,000 scores, ten per agent.
func BenchmarkTrends(b *testing.B) {
	p := DefaultPolicy()
	for _, n := range []int{1_000, 100_000} {
		in := trendBench(n)
		b.Run(fmt.Sprintf("points=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				if _, err := p.Trends(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFeedbackInto20Items plans the same talk into one reused plan,
// as a host planning a batch does.
func BenchmarkFeedbackInto20Items(b *testing.B) {
	sc := wideCard(b, 20)
	r, err := sc.Score(wideEval(sc, 4))
	if err != nil {
		b.Fatal(err)
	}
	p := sc.policy
	var plan FeedbackPlan
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := p.FeedbackInto(&plan, r); err != nil {
			b.Fatal(err)
		}
	}
}
