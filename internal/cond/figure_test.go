package cond

import (
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Figures are rounded to two decimals, unless that would put them on the
// other side of, or on, a threshold they are not on.
func TestAppendFigure(t *testing.T) {
	tests := []struct {
		name string
		v    float64
		th   []float64
		want string
	}{
		{"four decimals become two", 85.4948, nil, "85.49"},
		{"a mean", 90.30062, []float64{85}, "90.3"},
		{"a whole number", 4, []float64{4}, "4"},
		{"just below a threshold stays below", 84.996, []float64{85}, "84.996"},
		{"far below, rounded", 84.991, []float64{85}, "84.99"},
		{"just above a threshold stays above", 90.0001, []float64{90}, "90.0001"},
		{"just below a threshold by very little", 94.99999999, []float64{95}, "94.99999999"},
		{"on a threshold", 95, []float64{95}, "95"},
		{"a threshold that rounding does not reach", 95.004, []float64{95}, "95.004"},
		{"a threshold that rounding does not cross", 95.006, []float64{95}, "95.01"},
		{"a negative figure", -0.004, []float64{0}, "-0.004"},
		{"negative zero", math.Copysign(0, -1), nil, "0"},
		{"rounding to zero", -0.001, nil, "0"},
		{"the nearest double below a threshold", math.Nextafter(85, 0), []float64{85}, "84.99999999999999"},
		{"NaN", math.NaN(), []float64{1}, "NaN"},
		{"infinity", math.Inf(1), nil, "+Inf"},
		{"huge", 1e300, []float64{1}, "1e+300"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, string(AppendFigure(nil, tt.v, tt.th)))
		})
	}
}

// A reason never shows a figure that makes its condition look wrong.
func TestExplainNeverMisstatesTheCondition(t *testing.T) {
	env := testEnv(t)
	x := MustCompile("qa_avg >= 85 && csat > 4.5", env)
	vals := []float64{84.996, 4.5000001, 0, 0, 0}
	assert.Equal(t, "qa_avg=84.996, csat=4.5000001", x.Explain(vals))
	vals = []float64{85.4948, 4.6666, 0, 0, 0}
	assert.Equal(t, "qa_avg=85.49, csat=4.67", x.Explain(vals))
	assert.Equal(t, []float64{85}, x.Thresholds(0))
	assert.Nil(t, x.Thresholds(3))
}

// FuzzAppendFigure holds AppendFigure to its promise: the figure shown
// reads back on the same side of every threshold as the value.
func FuzzAppendFigure(f *testing.F) {
	f.Add(84.996, 85.0, 90.0)
	f.Add(90.0001, 90.0, 0.0)
	f.Add(-0.004, 0.0, 1e300)
	f.Add(math.Nextafter(85, 0), 85.0, 85.0)
	f.Fuzz(func(t *testing.T, v, a, b float64) {
		th := []float64{a, b}
		s := string(AppendFigure(nil, v, th))
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		r, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("%v shown as %q: %v", v, s, err)
		}
		for _, c := range th {
			if math.IsNaN(c) {
				continue
			}
			if sign(r-c) != sign(v-c) {
				t.Fatalf("%v shown as %q crosses %v", v, s, c)
			}
		}
	})
}
