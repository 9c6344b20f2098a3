package cond

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestChain(t *testing.T) {
	env := testEnv(t) // qa_avg, csat, complaints, tenure_months, qa_prev
	tiers := NewChain(
		MustCompile("qa_avg >= 95 && csat >= 4.6 && complaints == 0", env),
		MustCompile("qa_avg >= 90 && !(complaints > 1)", env),
		MustCompile("qa_avg >= 85 || csat >= 4.8", env),
	)
	require.Equal(t, 3, tiers.Len())
	tests := []struct {
		vals   []float64
		want   int
		reason string
	}{
		{[]float64{96, 4.7, 0, 0, 0}, 0, "gold holds, so silver and bronze are not reached"},
		{[]float64{96, 4.7, 1, 0, 0}, 1, "a complaint drops gold to silver"},
		{[]float64{90, 3.0, 1, 0, 0}, 1, "silver at its first value"},
		{[]float64{89.9, 3.0, 0, 0, 0}, 2, "bronze through its first term"},
		{[]float64{70, 4.8, 3, 0, 0}, 2, "bronze through its second term"},
		{[]float64{84.9, 4.79, 0, 0, 0}, -1, "no tier"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tiers.First(tt.vals), tt.reason)
	}

	assert.Equal(t, -1, NewChain().First(nil), "an empty chain never matches")
	always := NewChain(MustCompile("false", env), MustCompile("true", env))
	assert.Equal(t, 1, always.First([]float64{0, 0, 0, 0, 0}), "constant conditions link too")
}

func TestChainAgreesWithEval(t *testing.T) {
	env := testEnv(t)
	srcs := []string{
		"qa_avg >= 95 && csat >= 4.6 && complaints == 0",
		"!(qa_avg < 90 || complaints > 1) && qa_avg > qa_prev",
		"qa_avg >= 85 || csat >= 4.8 && tenure_months >= 12",
		"complaints != 0",
	}
	xs := make([]*Expr, len(srcs))
	for i, s := range srcs {
		xs[i] = MustCompile(s, env)
	}
	chain := NewChain(xs...)
	for qa := 80.0; qa <= 100; qa += 2.5 {
		for csat := 4.0; csat <= 5; csat += 0.2 {
			for complaints := 0.0; complaints <= 2; complaints++ {
				for _, prev := range []float64{80, 92} {
					vals := []float64{qa, csat, complaints, 12, prev}
					want := -1
					for i, x := range xs {
						if x.Eval(vals) {
							want = i
							break
						}
					}
					require.Equal(t, want, chain.First(vals), "%v", vals)
				}
			}
		}
	}
}

func TestChainDoesNotAllocate(t *testing.T) {
	env := testEnv(t)
	chain := NewChain(MustCompile("qa_avg >= 95", env), MustCompile("qa_avg >= 90", env))
	vals := []float64{91, 0, 0, 0, 0}
	assert.Zero(t, testing.AllocsPerRun(1000, func() { chain.First(vals) }))
}

func BenchmarkChain3Tiers(b *testing.B) {
	env := testEnv(b)
	chain := NewChain(
		MustCompile("qa_avg >= 95 && csat >= 4.6 && complaints == 0", env),
		MustCompile("qa_avg >= 90 && csat >= 4.3 && complaints <= 1", env),
		MustCompile("qa_avg >= 85 && csat >= 4.0", env),
	)
	vals := []float64{86, 4.1, 0, 0, 0}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if chain.First(vals) != 2 {
			b.Fatal("want bronze")
		}
	}
}
