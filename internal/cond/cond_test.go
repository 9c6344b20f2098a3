package cond

import (
	"errors"
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor/internal/msg"
)

func testEnv(t testing.TB) *Env {
	env, err := NewEnv("qa_avg", "csat", "complaints", "tenure_months", "qa_prev")
	require.NoError(t, err)
	return env
}

func TestEval(t *testing.T) {
	env := testEnv(t)
	// slots: qa_avg, csat, complaints, tenure_months, qa_prev
	star := []float64{96, 4.7, 0, 14, 90}
	tests := []struct {
		src    string
		vals   []float64
		want   bool
		reason string
	}{
		{"qa_avg >= 95 && csat >= 4.6 && complaints == 0", star, true, "the gold-tier rule of DESIGN.md holds for a star agent"},
		{"qa_avg >= 95 && csat >= 4.6 && complaints == 0", []float64{95, 4.6, 0, 0, 0}, true, "both thresholds are inclusive at their first value"},
		{"qa_avg >= 95 && csat >= 4.6 && complaints == 0", []float64{94.999, 4.7, 0, 0, 0}, false, "just under the QA bar"},
		{"qa_avg >= 95 && csat >= 4.6 && complaints == 0", []float64{96, 4.7, 1, 0, 0}, false, "one complaint breaks the tier"},
		{"qa_avg > 95", []float64{95, 0, 0, 0, 0}, false, "strict comparison excludes the bound"},
		{"qa_avg < 60", []float64{59.9, 0, 0, 0, 0}, true, "less than"},
		{"qa_avg <= 60", []float64{60, 0, 0, 0, 0}, true, "less or equal includes the bound"},
		{"complaints != 0", star, false, "not equal"},
		{"95 <= qa_avg", star, true, "constant on the left is mirrored"},
		{"95 < qa_avg", []float64{95, 0, 0, 0, 0}, false, "mirrored strict comparison"},
		{"60 > qa_avg", []float64{59, 0, 0, 0, 0}, true, "mirrored greater-than"},
		{"60 >= qa_avg", []float64{60, 0, 0, 0, 0}, true, "mirrored greater-or-equal"},
		{"0 == complaints", star, true, "mirrored equality"},
		{"1 != complaints", star, true, "mirrored inequality"},
		{"qa_avg > qa_prev", star, true, "metric against metric"},
		{"complaints > 0 || csat < 3", star, false, "or of two false terms"},
		{"complaints > 0 || csat > 3", star, true, "or with one true term"},
		{"!(complaints > 0)", star, true, "negation of a parenthesised comparison"},
		{"!!(complaints > 0)", star, false, "double negation"},
		{"complaints > 0 || csat > 4 && qa_avg > 99", star, false, "&& binds tighter than ||"},
		{"(complaints > 0 || csat > 4) && qa_avg > 99", star, false, "parentheses group ||"},
		{"(complaints > 0 || csat > 4) && qa_avg > 90", star, true, "parentheses group || (true case)"},
		{"true", star, true, "constant true"},
		{"false || tenure_months >= 12", star, true, "constant false in an or"},
		{"2 > 1", star, true, "two constants fold"},
		{"qa_avg >= -1.5e1", star, true, "negative and exponent numbers"},
		{"qa_avg >= .5", star, true, "leading dot number"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			x, err := Compile(tt.src, env)
			require.NoError(t, err, tt.reason)
			assert.Equal(t, tt.want, x.Eval(tt.vals), tt.reason)
		})
	}
}

func TestNaNComparesFalse(t *testing.T) {
	env := testEnv(t)
	vals := []float64{math.NaN(), 0, 0, 0, 0}
	for _, src := range []string{"qa_avg < 1", "qa_avg >= 1", "qa_avg == 1"} {
		assert.False(t, MustCompile(src, env).Eval(vals), src)
	}
	assert.True(t, MustCompile("qa_avg != 1", env).Eval(vals), "NaN != 1 as in Go")
}

func TestCompileErrors(t *testing.T) {
	env := testEnv(t)
	tests := []struct {
		src    string
		offset int
		msg    string
	}{
		{"", 0, "condition is empty"},
		{"   ", 0, "condition is empty"},
		{"qa_avg", 0, "metric qa_avg alone is not a condition; compare it, as in qa_avg > 0"},
		{"qa_avg >= 95 && tenure", 16, `unknown metric "tenure"; declared: qa_avg, csat, complaints, tenure_months, qa_prev`},
		{"qa_avg = 95", 7, `unexpected "="; did you mean "=="?`},
		{"qa_avg >= 95 & csat > 4", 13, `unexpected "&"; did you mean "&&"?`},
		{"qa_avg >= 95 | csat > 4", 13, `unexpected "|"; did you mean "||"?`},
		{"qa_avg >=", 9, "condition ends early; expected a number or a metric name"},
		{"(qa_avg >= 95", 0, "unclosed parenthesis"},
		{"qa_avg >= 95)", 12, `unexpected ")"; expected &&, || or the end of the condition`},
		{"1 < qa_avg < 3", 11, "comparisons do not chain; join them with &&, as in a < b && b < c"},
		{"qa_avg >= 1e999", 10, `"1e999" is not a finite number`},
		{"qa_avg >= 9..5", 10, `"9..5" is not a finite number`},
		{"qa_avg >= 95 && $x > 1", 16, `unexpected character "$"; expected a number or a metric name`},
		{"true > 1", 0, "true cannot be compared; use it alone"},
		{"qa_avg > false", 9, "false cannot be compared; use it alone"},
		{"qa_avg > 1 csat > 2", 11, `unexpected "csat"; expected &&, || or the end of the condition`},
		{"&& qa_avg > 1", 0, `unexpected "&&"; expected a number or a metric name`},
		{"(qa_avg > 1 csat", 12, `unexpected "csat"; expected &&, || or )`},
		{"5", 1, "condition ends early; expected a comparison (<, <=, >, >=, ==, !=)"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := Compile(tt.src, env)
			var ce *Error
			require.True(t, errors.As(err, &ce), "want *Error, got %v", err)
			assert.Equal(t, tt.msg, ce.Msg)
			assert.Equal(t, tt.offset, ce.Offset)
		})
	}
}

func TestLimits(t *testing.T) {
	env := testEnv(t)
	long := make([]byte, MaxLen+1)
	for i := range long {
		long[i] = ' '
	}
	_, err := Compile(string(long), env)
	assert.EqualError(t, err, "offset 4096: condition is 4097 bytes; the limit is 4096")

	deep := ""
	for i := 0; i < maxNesting; i++ {
		deep += "("
	}
	_, err = Compile(deep+"qa_avg > 1", env)
	assert.EqualError(t, err, "offset 64: condition nests deeper than 64")

	ok := ""
	for i := 0; i < maxNesting-1; i++ {
		ok += "!"
	}
	_, err = Compile(ok+"(qa_avg > 1)", env)
	assert.EqualError(t, err, "offset 64: condition nests deeper than 64", "! and ( count toward the same depth")
	_, err = Compile(ok[1:]+"(qa_avg > 1)", env)
	assert.NoError(t, err, "one level less is accepted")
}

func TestNewEnv(t *testing.T) {
	_, err := NewEnv("qa_avg", "qa_avg")
	assert.EqualError(t, err, `metric "qa_avg" is declared twice`)
	_, err = NewEnv("9lives")
	assert.EqualError(t, err, `metric name "9lives" is not an identifier (letters, digits and _, not starting with a digit)`)
	_, err = NewEnv("")
	assert.EqualError(t, err, `metric name "" is not an identifier (letters, digits and _, not starting with a digit)`)
	_, err = NewEnv("true")
	assert.EqualError(t, err, `metric name "true" is reserved`)

	env, err := NewEnv("a", "b_2", "_c")
	require.NoError(t, err)
	assert.Equal(t, 3, env.Len())
	assert.Equal(t, []string{"a", "b_2", "_c"}, env.Names())
	s, ok := env.Slot("b_2")
	assert.True(t, ok)
	assert.Equal(t, 1, s)
	_, ok = env.Slot("d")
	assert.False(t, ok)

	empty, err := NewEnv()
	require.NoError(t, err)
	_, err = Compile("x > 1", empty)
	assert.EqualError(t, err, `offset 0: unknown metric "x"; declared: none`)
}

func TestMetricsAndExplain(t *testing.T) {
	env := testEnv(t)
	x := MustCompile("complaints == 0 && qa_avg >= 95 && qa_avg > qa_prev", env)
	assert.Equal(t, []string{"qa_avg", "complaints", "qa_prev"}, x.Metrics(), "each metric once, in slot order")
	assert.Equal(t, "qa_avg=96.5, complaints=0, qa_prev=90", x.Explain([]float64{96.5, 4.7, 0, 14, 90}))
	assert.Equal(t, "complaints == 0 && qa_avg >= 95 && qa_avg > qa_prev", x.String())
	assert.Equal(t, "", MustCompile("true", env).Explain(nil), "a constant reads no metric")
	assert.Equal(t, "qa_avg=89.16666666666666, complaints=0, qa_prev=100000.5", x.Explain([]float64{89.16666666666666, 0, 0, 0, 100000.5}),
		"a metric compared with another is shown exactly: both sides would be rounded")
	y := MustCompile("complaints == 0 && qa_avg >= 95", env)
	assert.Equal(t, "qa_avg=89.17, complaints=0", y.Explain([]float64{89.16666666666666, 0, 0, 0, 100000.5}), "rounded to two decimals for people")
}

func TestMustCompilePanicsOnProgrammerError(t *testing.T) {
	assert.PanicsWithValue(t, `cond: "qa_avg >": offset 8: condition ends early; expected a number or a metric name`, func() {
		MustCompile("qa_avg >", testEnv(t))
	})
}

func TestMaskFormFallsBackToGraph(t *testing.T) {
	env := testEnv(t)
	// (a1 || b1) && (a2 || b2) && ... has 2^k terms in normal form.
	src := "(qa_avg > 1 || csat > 1)"
	for i := 2; i <= 7; i++ {
		src += " && (qa_avg > " + strconv.Itoa(i) + " || csat > " + strconv.Itoa(i) + ")"
	}
	x := MustCompile(src, env)
	assert.Nil(t, x.mask, "128 terms do not fit")
	assert.True(t, x.Eval([]float64{10, 0, 0, 0, 0}))
	assert.False(t, x.Eval([]float64{5, 5, 0, 0, 0}))

	small := MustCompile("(qa_avg > 1 || csat > 1) && !(complaints != 0)", env)
	require.NotNil(t, small.mask)
	assert.Len(t, small.mask.terms, 2)
	assert.True(t, small.Eval([]float64{0, 2, 0, 0, 0}))
	assert.False(t, small.Eval([]float64{0, 2, 1, 0, 0}))

	many := "qa_avg > 0"
	for i := 1; i < 70; i++ {
		many += " && qa_avg > " + strconv.Itoa(-i)
	}
	x = MustCompile(many, env)
	assert.Nil(t, x.mask, "70 comparisons do not fit one word")
	assert.True(t, x.Eval([]float64{1, 0, 0, 0, 0}))
	chain := NewChain(MustCompile("qa_avg > 100", env), x)
	assert.Equal(t, 1, chain.First([]float64{1, 0, 0, 0, 0}), "a chain with a graph-only member still works")
	assert.Equal(t, -1, chain.First([]float64{0, 0, 0, 0, 0}))
}

func TestEvalDoesNotAllocate(t *testing.T) {
	env := testEnv(t)
	x := MustCompile("qa_avg >= 95 && csat >= 4.6 && complaints == 0 || !(tenure_months < 3) && qa_avg > qa_prev", env)
	vals := []float64{96, 4.7, 0, 14, 90}
	allocs := testing.AllocsPerRun(1000, func() { x.Eval(vals) })
	assert.Zero(t, allocs)
}

func BenchmarkEval3Comparisons(b *testing.B) {
	env := testEnv(b)
	x := MustCompile("qa_avg >= 95 && csat >= 4.6 && complaints == 0", env)
	vals := []float64{96, 4.7, 0, 14, 90}
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		if x.Eval(vals) {
			n++
		}
	}
	if n != b.N {
		b.Fatal("condition should hold")
	}
}

func BenchmarkCompile(b *testing.B) {
	env := testEnv(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Compile("qa_avg >= 95 && csat >= 4.6 && complaints == 0", env); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		"qa_avg >= 95 && csat >= 4.6 && complaints == 0",
		"!(complaints > 0) || tenure_months >= 12",
		"((((qa_avg > 1))))",
		"qa_avg > qa_prev",
		"1 < qa_avg < 3",
		"qa_avg = 1",
		"-.5e-3 <= csat",
		"",
		"(",
		"!!!!",
		"true || false",
	} {
		f.Add(s)
	}
	env, err := NewEnv("qa_avg", "csat", "complaints", "tenure_months", "qa_prev")
	if err != nil {
		f.Fatal(err)
	}
	vals := []float64{96, 4.7, 0, 14, math.NaN()}
	zh, err := msg.Lookup("zh-CN")
	if err != nil {
		f.Fatal(err)
	}
	presented, err := NewEnv("qa_avg", "csat", "complaints", "tenure_months", "qa_prev")
	if err != nil {
		f.Fatal(err)
	}
	presented.Present(zh, func(n string) string { return "指标" + n })
	f.Fuzz(func(t *testing.T, src string) {
		if x, err := Compile(src, presented); err == nil {
			// Labels and words replace tokens; the rest is kept.
			if r := x.Readable(); len(src) > 0 && r == "" {
				t.Fatalf("%q reads as nothing", src)
			}
			_ = x.Explain(vals)
		}
		x, err := Compile(src, env)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			if ce.Offset < 0 || ce.Offset > len(src) && ce.Offset != MaxLen {
				t.Fatalf("offset %d outside a %d-byte source", ce.Offset, len(src))
			}
			if ce.Message == nil || ce.Message.String(msg.English()) != ce.Msg || ce.Message.String(zh) == "" {
				t.Fatalf("%q: error %q has no catalog message that words it", src, ce.Msg)
			}
			return
		}
		if x.Readable() != src {
			t.Fatalf("%q: an Env never presented reads back %q", src, x.Readable())
		}
		first := x.Eval(vals)
		if x.Eval(vals) != first {
			t.Fatal("evaluation is not deterministic")
		}
		// Mask form and decision graph are two lowerings of one tree;
		// they must agree on every input, NaN included.
		for _, v := range [][]float64{vals, {95, 4.6, 0, 12, 95}, {math.NaN(), math.Inf(1), -1, 0, 1e300}} {
			graph := x.prog.run(v) == answerTrue
			if x.mask != nil && holds(x.mask.terms, x.mask.bits(v)) != graph {
				t.Fatalf("%q over %v: mask form and decision graph disagree", src, v)
			}
			chain := NewChain(x, x)
			want := -1
			if graph {
				want = 0
			}
			if got := chain.First(v); got != want {
				t.Fatalf("%q over %v: chain gives %d, want %d", src, v, got, want)
			}
		}
		_ = x.Explain(vals)
		// The same source compiles to the same verdict when negated.
		neg, err := Compile("!("+src+")", env)
		if err == nil && neg.Eval(vals) == first {
			t.Fatalf("!(%s) evaluates like %s", src, src)
		}
	})
}
