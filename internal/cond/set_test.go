package cond

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// reference is what a Set must answer for one group: the first tier whose
// decision graph, the general evaluator, says holds.
func reference(tiers []*Expr, vals []float64) int {
	for i, x := range tiers {
		if x.prog.run(vals) == answerTrue {
			return i
		}
	}
	return -1
}

func compileAll(t testing.TB, env *Env, srcs ...string) []*Expr {
	xs := make([]*Expr, len(srcs))
	for i, s := range srcs {
		x, err := Compile(s, env)
		require.NoError(t, err, s)
		xs[i] = x
	}
	return xs
}

// specialised reports which groups of s run as steps rather than chains.
func specialised(s *Set) []bool {
	out := make([]bool, s.Len())
	for i := range out {
		out[i] = true
	}
	for _, f := range s.chains {
		out[f.g] = false
	}
	return out
}

var (
	negZero = math.Copysign(0, -1)
	inf     = math.Inf(1)
	nan     = math.NaN()
)

func TestSetShapes(t *testing.T) {
	env := testEnv(t) // qa_avg, csat, complaints, tenure_months, qa_prev
	tests := []struct {
		name        string
		tiers       []string
		specialised bool
	}{
		{"gold, silver, bronze: && with a metric dropped in the last tier", []string{
			"qa_avg >= 95 && csat >= 4.6 && complaints == 0",
			"qa_avg >= 90 && csat >= 4.3 && complaints <= 1",
			"qa_avg >= 85 && csat >= 4.0"}, true},
		{"triage tiers: || of two metrics", []string{"qa_avg >= 15 || csat >= 15", "qa_avg >= 10 || csat >= 10", "qa_avg >= 5 || csat >= 5"}, true},
		{"discipline steps: one metric, one comparison a tier", []string{"complaints >= 4", "complaints >= 3", "complaints >= 2", "complaints >= 1"}, true},
		{"thresholds going down as < tiers", []string{"qa_avg < 60", "qa_avg < 70", "qa_avg <= 80"}, true},
		{"one condition alone", []string{"tenure_months >= 12 && qa_avg >= 90 && complaints == 0"}, true},
		{"a metric bounded on both sides", []string{"qa_avg >= 90 && qa_avg < 95", "qa_avg >= 80 && qa_avg < 100"}, true},
		{"|| tiers that add a metric further down", []string{"qa_avg >= 95", "qa_avg >= 90 || csat >= 4.8"}, true},
		{"single comparisons that only nest as ||", []string{"qa_avg >= 95", "qa_avg >= 90 || csat >= 4.8", "csat >= 4.5 || qa_avg >= 85"}, true},
		{"thresholds that do not go down", []string{"qa_avg >= 90", "qa_avg >= 95"}, false},
		{"&& tiers that add a metric further down", []string{"qa_avg >= 95", "qa_avg >= 90 && csat >= 4"}, false},
		{"|| tiers that drop a metric", []string{"qa_avg >= 95 || csat >= 4.8", "qa_avg >= 90"}, false},
		{"one tier && and another ||", []string{"qa_avg >= 95 && csat >= 4.6", "qa_avg >= 90 || csat >= 4.3"}, false},
		{"!= is not an interval and holds for NaN", []string{"complaints != 0"}, false},
		{"! of a comparison holds for NaN", []string{"!(qa_avg < 90)"}, false},
		{"a metric against a metric", []string{"qa_avg > qa_prev"}, false},
		{"a constant", []string{"true"}, false},
		{"&& inside ||", []string{"qa_avg >= 95 && csat >= 4 || complaints == 0"}, false},
		{"one metric twice in one ||, a union", []string{"qa_avg < 10 || qa_avg > 90"}, false},
		{"an empty interval", []string{"qa_avg > 90 && qa_avg < 80"}, false},
		{"no tiers", nil, false},
	}
	rows := [][]float64{
		{96, 4.7, 0, 14, 90}, {95, 4.6, 0, 12, 95}, {90, 4.3, 1, 11, 89}, {85, 4.0, 2, 0, 0},
		{84.9, 3.9, 3, 0, 0}, {nan, 4.7, 0, 14, 90}, {96, nan, nan, nan, nan}, {inf, inf, inf, inf, inf},
		{-inf, -inf, -inf, -inf, -inf}, {negZero, negZero, negZero, negZero, 0}, {0, 0, 0, 0, negZero},
		{59.99, 4.5, 4, 0, 0}, {70, 4.8, 1, 0, 0}, {80, 4.8, 5, 0, 0}, {100, 15, 10, 12, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tiers := compileAll(t, env, tt.tiers...)
			s := NewSet(tiers)
			assert.Equal(t, []bool{tt.specialised}, specialised(s))
			first := []int{99}
			for _, vals := range rows {
				s.First(vals, first)
				assert.Equal(t, reference(tiers, vals), first[0], "%v", vals)
			}
		})
	}
}

// The boundaries of every operator, at zero, at the extremes of float64,
// and with NaN, where an interval test could differ from the comparison
// it stands for.
func TestSetBoundaries(t *testing.T) {
	env := testEnv(t)
	smallest := math.SmallestNonzeroFloat64
	values := []float64{nan, -inf, -math.MaxFloat64, -1, -smallest, negZero, 0, smallest, 1,
		math.Nextafter(1, 0), math.Nextafter(1, 2), math.MaxFloat64, inf, -nan}
	for _, c := range []string{"0", "-0", "1", "-1", "1.7976931348623157e308", "-1.7976931348623157e308", "5e-324", "-5e-324"} {
		for _, op := range []string{"<", "<=", ">", ">=", "=="} {
			for _, join := range []string{"", "&&", "||"} {
				src := "qa_avg " + op + " " + c
				if join != "" {
					// A second metric that always passes (&&) or fails (||).
					other := "csat >= 0"
					if join == "||" {
						other = "csat < 0"
					}
					src += " " + join + " " + other
				}
				tiers := compileAll(t, env, src)
				s := NewSet(tiers)
				require.Equal(t, []bool{true}, specialised(s), src)
				first := []int{99}
				for _, v := range values {
					vals := []float64{v, 1, 0, 0, 0}
					s.First(vals, first)
					require.Equal(t, reference(tiers, vals), first[0], "%s with qa_avg %v", src, v)
				}
			}
		}
	}
}

func TestSetGroups(t *testing.T) {
	env := testEnv(t)
	bonus := compileAll(t, env,
		"qa_avg >= 95 && csat >= 4.6 && complaints == 0",
		"qa_avg >= 90 && csat >= 4.3 && complaints <= 1",
		"qa_avg >= 85 && csat >= 4.0")
	general := compileAll(t, env, "qa_avg > qa_prev", "complaints != 0")
	alone := compileAll(t, env, "tenure_months >= 12")
	steps := compileAll(t, env, "complaints >= 2", "complaints >= 1")
	s := NewSet(bonus, general, alone, nil, steps)
	require.Equal(t, 5, s.Len())
	assert.Equal(t, []bool{true, false, true, false, true}, specialised(s), "groups the steps cannot run fall back, in place")
	tests := []struct {
		vals   []float64
		want   []int
		reason string
	}{
		{[]float64{96, 4.7, 0, 14, 90}, []int{0, 0, 0, -1, -1}, "gold; above the previous QA; no complaint"},
		{[]float64{91, 4.7, 1, 11, 95}, []int{1, 1, -1, -1, 1}, "silver; one complaint; tenure short of 12"},
		{[]float64{85, 4.0, 3, 0, 85}, []int{2, 1, -1, -1, 0}, "bronze at both first values; three complaints"},
		{[]float64{nan, nan, nan, nan, nan}, []int{-1, 1, -1, -1, -1}, "NaN holds nothing but !="},
	}
	for _, tt := range tests {
		got := []int{7, 7, 7, 7, 7}
		s.First(tt.vals, got)
		assert.Equal(t, tt.want, got, tt.reason)
	}
	assert.Equal(t, 0, NewSet().Len(), "an empty set")
	NewSet().First(nil, nil)
}

func TestSetPanicsOnShortFirst(t *testing.T) {
	env := testEnv(t)
	s := NewSet(compileAll(t, env, "qa_avg > 1"), compileAll(t, env, "csat > 1"))
	assert.Panics(t, func() { s.First([]float64{0, 0, 0, 0, 0}, make([]int, 1)) }, "first shorter than Len is a programming error")
}

// Groups past maxKeys metrics run as chains and still answer.
func TestSetManyMetrics(t *testing.T) {
	names := make([]string, maxKeys+3)
	for i := range names {
		names[i] = "m" + strconv.Itoa(i)
	}
	env, err := NewEnv(names...)
	require.NoError(t, err)
	groups := make([][]*Expr, len(names))
	for i, n := range names {
		groups[i] = compileAll(t, env, n+" >= 2", n+" >= 1")
	}
	s := NewSet(groups...)
	spec := specialised(s)
	for i := range spec {
		assert.Equal(t, i < maxKeys, spec[i], "group %d", i)
	}
	vals := make([]float64, len(names))
	for i := range vals {
		vals[i] = float64(i % 3)
	}
	first := make([]int, len(names))
	s.First(vals, first)
	for i := range names {
		assert.Equal(t, reference(groups[i], vals), first[i], "group %d", i)
	}
}

// randomTier writes a tier over metrics a to d. Most tiers are built
// to nest (thresholds going down the tiers, as policies write them), so
// that many groups are specialised; the rest mix every operator, !,
// constants and metric against metric.
func randomTier(rng *rand.Rand, tier int, join string) string {
	consts := []string{"0", "-0", "1", "2", "3", "2.5", "-1", "1e300", "-1e300", "5e-324"}
	metrics := []string{"a", "b", "c", "d"}
	if rng.IntN(4) != 0 {
		n := 1 + rng.IntN(3)
		parts := make([]string, 0, n)
		for _, m := range rng.Perm(len(metrics))[:n] {
			ops := []string{">=", ">"}
			c := 4 - tier - rng.IntN(2)
			if rng.IntN(3) == 0 {
				ops, c = []string{"<=", "<"}, tier+rng.IntN(2)
			}
			parts = append(parts, metrics[m]+" "+ops[rng.IntN(2)]+" "+strconv.Itoa(c))
		}
		return strings.Join(parts, " "+join+" ")
	}
	var expr func(depth int) string
	expr = func(depth int) string {
		switch k := rng.IntN(10); {
		case depth > 2 || k < 5:
			l := metrics[rng.IntN(len(metrics))]
			r := consts[rng.IntN(len(consts))]
			if rng.IntN(6) == 0 {
				r = metrics[rng.IntN(len(metrics))]
			}
			if rng.IntN(4) == 0 {
				l, r = r, l
			}
			return l + " " + []string{"<", "<=", ">", ">=", "==", "!="}[rng.IntN(6)] + " " + r
		case k < 7:
			return expr(depth+1) + " " + join + " " + expr(depth+1)
		case k < 8:
			return "!(" + expr(depth+1) + ")"
		case k < 9:
			return "(" + expr(depth+1) + " || " + expr(depth+1) + ")"
		}
		return []string{"true", "false"}[rng.IntN(2)]
	}
	return expr(0)
}

func randomValue(rng *rand.Rand) float64 {
	pool := []float64{nan, -nan, inf, -inf, 0, negZero, 1, 2, 3, 2.5, -1, 1e300, -1e300, 5e-324,
		math.Nextafter(1, 0), math.Nextafter(2, 3), math.MaxFloat64, -math.MaxFloat64}
	if rng.IntN(4) == 0 {
		return rng.NormFloat64() * 3
	}
	return pool[rng.IntN(len(pool))]
}

// A Set answers as the general evaluator does on random groups and random
// rows: NaN of either sign, both zeros, the infinities, the extremes and
// the neighbours of every threshold.
func TestSetAgreesWithGeneralEvaluator(t *testing.T) {
	env, err := NewEnv("a", "b", "c", "d")
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(14, 2))
	spec, total := 0, 0
	for round := 0; round < 400; round++ {
		groups := make([][]*Expr, 1+rng.IntN(5))
		srcs := make([][]string, len(groups))
		for g := range groups {
			join := []string{"&&", "||"}[rng.IntN(2)]
			for tier := range 1 + rng.IntN(4) {
				srcs[g] = append(srcs[g], randomTier(rng, tier, join))
			}
			groups[g] = compileAll(t, env, srcs[g]...)
		}
		s := NewSet(groups...)
		for _, ok := range specialised(s) {
			total++
			if ok {
				spec++
			}
		}
		first := make([]int, len(groups))
		for range 50 {
			vals := []float64{randomValue(rng), randomValue(rng), randomValue(rng), randomValue(rng)}
			s.First(vals, first)
			for g := range groups {
				require.Equal(t, reference(groups[g], vals), first[g], "group %q over %v", srcs[g], vals)
			}
		}
	}
	// The comparison proves little unless both paths ran often.
	assert.Greater(t, spec, total/5, "specialised groups")
	assert.Greater(t, total-spec, total/5, "groups that fall back")
}

func TestSetDoesNotAllocate(t *testing.T) {
	env := testEnv(t)
	s := NewSet(
		compileAll(t, env, "qa_avg >= 95 && csat >= 4.6", "qa_avg >= 90"),
		compileAll(t, env, "qa_avg > qa_prev"),
	)
	vals := []float64{96, 4.7, 0, 14, 90}
	first := make([]int, s.Len())
	assert.Zero(t, testing.AllocsPerRun(1000, func() { s.First(vals, first) }))
}

func FuzzSet(f *testing.F) {
	for _, s := range []string{
		"qa_avg >= 95 && csat >= 4.6 && complaints == 0;qa_avg >= 90 && csat >= 4.3 && complaints <= 1;qa_avg >= 85 && csat >= 4.0",
		"qa_avg >= 15 || csat >= 15;qa_avg >= 10 || csat >= 10",
		"complaints >= 2;complaints >= 1",
		"qa_avg < -0;qa_avg <= 0;qa_avg == 0",
		"qa_avg > qa_prev;complaints != 0",
		"qa_avg >= 90 && qa_avg < 95;qa_avg > 80",
	} {
		f.Add(s, 95.0, 4.6, 0.0, negZero)
		f.Add(s, nan, inf, -inf, 1e300)
	}
	env, err := NewEnv("qa_avg", "csat", "complaints", "tenure_months", "qa_prev")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string, a, b, c, d float64) {
		var tiers []*Expr
		for _, s := range strings.Split(src, ";") {
			x, err := Compile(s, env)
			if err != nil {
				return
			}
			tiers = append(tiers, x)
		}
		// The group as written, each tier alone, and the group after a
		// group that falls back.
		groups := [][]*Expr{tiers, compileAll(t, env, "qa_avg > qa_prev")}
		for _, x := range tiers {
			groups = append(groups, []*Expr{x})
		}
		s := NewSet(groups...)
		first := make([]int, s.Len())
		for _, vals := range [][]float64{{a, b, c, d, a}, {b, a, d, c, 0}, {nan, negZero, inf, -inf, 0}} {
			s.First(vals, first)
			for g := range groups {
				if want := reference(groups[g], vals); first[g] != want {
					t.Fatalf("group %d of %q over %v: set gives %d, the general evaluator %d", g, src, vals, first[g], want)
				}
			}
		}
	})
}

// BenchmarkSetRules runs four rules of the shapes policies use (a bonus
// tier group, a triage group joined by ||, a promotion check and
// discipline steps) as one Set over 1,000 varied rows: one fixed row
// would let every branch be predicted.
func BenchmarkSetRules(b *testing.B) {
	env, err := NewEnv("qa_avg", "csat", "complaints", "phq9", "gad7", "tenure_months", "qa_evals", "exam_passed", "final_warning", "violations_12m")
	require.NoError(b, err)
	s := NewSet(
		compileAll(b, env, "qa_avg >= 95 && csat >= 4.6 && complaints == 0", "qa_avg >= 90 && csat >= 4.3 && complaints <= 1", "qa_avg >= 85 && csat >= 4.0"),
		compileAll(b, env, "phq9 >= 15 || gad7 >= 15", "phq9 >= 10 || gad7 >= 10", "phq9 >= 5 || gad7 >= 5"),
		compileAll(b, env, "tenure_months >= 12 && qa_evals >= 20 && qa_avg >= 90 && csat >= 4.3 && exam_passed == 1 && final_warning == 0"),
		compileAll(b, env, "violations_12m >= 4", "violations_12m >= 3", "violations_12m >= 2", "violations_12m >= 1"),
	)
	require.Equal(b, []bool{true, true, true, true}, specialised(s))
	rng := rand.New(rand.NewPCG(1, 2))
	rows := make([][]float64, 1000)
	for i := range rows {
		rows[i] = []float64{float64(70 + rng.IntN(31)), float64(35+rng.IntN(16)) / 10, float64(rng.IntN(3)),
			float64(rng.IntN(28)), float64(rng.IntN(22)), float64(rng.IntN(48)), float64(rng.IntN(40)),
			float64(rng.IntN(2)), float64(rng.IntN(2)), float64(rng.IntN(5))}
	}
	first := make([]int, s.Len())
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.First(rows[i%len(rows)], first)
	}
}
