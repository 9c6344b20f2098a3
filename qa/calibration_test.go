package qa

import (
	"math"
	"testing"
	"time"

	"github.com/callfloor/callfloor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func evalBy(who string, changes ...Answer) Evaluation {
	e := smallEval(changes...)
	e.Evaluator = who
	return e
}

func TestCalibrateMedianReference(t *testing.T) {
	sc := smallCard(t)
	cs := CalibrationSession{ID: "cal-1", At: t0, Evaluations: []Evaluation{
		evalBy("kim"), // 100
		evalBy("lee", Answer{Item: "voice", Value: 3}), // 88
		evalBy("max", Answer{Item: "voice", Value: 4}), // 94
		evalBy("noa", Answer{Item: "extra", Value: 0}), // 80
	}}
	c, err := sc.Calibrate(cs)
	require.NoError(t, err)
	assert.Equal(t, ReferenceMedian, c.ReferenceBy)
	assert.Empty(t, c.Expert)
	assert.InDelta(t, 91, c.Reference, 1e-9, "median of 100, 88, 94, 80")
	devs := map[string]float64{}
	for _, e := range c.Evaluators {
		devs[e.Evaluator] = e.Deviation
	}
	assert.InDelta(t, 9, devs["kim"], 1e-9)
	assert.InDelta(t, -3, devs["lee"], 1e-9)
	assert.InDelta(t, 3, devs["max"], 1e-9)
	assert.InDelta(t, -11, devs["noa"], 1e-9)
	assert.Equal(t, []string{"kim", "noa"}, c.Flagged, "more than 5 points from the reference")

	require.Len(t, c.Disagreements, 2)
	assert.Equal(t, "voice", c.Disagreements[0].Item)
	assert.InDelta(t, 0.5, c.Disagreements[0].Spread, 1e-9)
	assert.InDelta(t, 0.875, c.Disagreements[0].Reference, 1e-9, "median of 1, .5, .75, 1")
	assert.Equal(t, "extra", c.Disagreements[1].Item)
	assert.Equal(t, []bool{false, false, false, true}, differs(c.Disagreements[1]))

	require.NotNil(t, c.Agreement)
	assert.Equal(t, 7, c.Agreement.Units, "seven items, each answered by all four")
}

func differs(d ItemDisagreement) (out []bool) {
	for _, v := range d.Values {
		out = append(out, v.Differs)
	}
	return out
}

func TestCalibrateExpertReferenceAndAlpha(t *testing.T) {
	sc := smallCard(t)
	cs := CalibrationSession{ID: "cal-2", Expert: "boss", Evaluations: []Evaluation{
		evalBy("boss", Answer{Item: "voice", Value: 3}),
		evalBy("kim", Answer{Item: "voice", Value: 3}),
		evalBy("lee", Answer{Item: "voice", Value: 3}, Answer{Item: "hold", NA: true}),
	}}
	c, err := sc.Calibrate(cs)
	require.NoError(t, err)
	assert.Equal(t, ReferenceExpert, c.ReferenceBy)
	assert.Equal(t, "boss", c.Expert)
	assert.InDelta(t, 88, c.Reference, 1e-9)
	assert.True(t, c.Evaluators[0].Expert)
	assert.InDelta(t, -3, c.Evaluators[2].Deviation, 1e-9, "lee: hold N/A gives 85")
	assert.Empty(t, c.Flagged)
	require.Len(t, c.Disagreements, 1)
	assert.Equal(t, "hold", c.Disagreements[0].Item)
	assert.Equal(t, []bool{false, false, true}, differs(c.Disagreements[0]))

	// Alpha over the item scores, with lee's N/A as missing data, must
	// equal Alpha on the same units written out by hand.
	units := [][]float64{{1, 1, 1}, {.5, .5, .5}, {1, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}}
	nom, err := Alpha(Nominal, units)
	require.NoError(t, err)
	ord, err := Alpha(Ordinal, units)
	require.NoError(t, err)
	require.NotNil(t, c.Agreement)
	assert.Equal(t, 1.0, nom, "every answered item agrees")
	assert.Equal(t, Agreement{Nominal: nom, Ordinal: ord, Units: 7}, *c.Agreement)
}

func TestCalibrateAlphaUndefined(t *testing.T) {
	sc := smallCard(t)
	c, err := sc.Calibrate(CalibrationSession{ID: "same", Evaluations: []Evaluation{evalBy("a"), evalBy("b")}})
	require.NoError(t, err)
	assert.Nil(t, c.Agreement, "all answers equal: alpha is 0/0")
	assert.Equal(t, "calibration.alpha", c.Reasons[0].Rule)
	assert.Empty(t, c.Disagreements)
}

func TestCalibrateBadInput(t *testing.T) {
	sc := smallCard(t)
	tests := []struct {
		reason string
		cs     CalibrationSession
		want   string
	}{
		{"one evaluation", CalibrationSession{Evaluations: []Evaluation{evalBy("a")}},
			"session.evaluations: a calibration needs at least two evaluations, got 1"},
		{"same evaluator twice", CalibrationSession{Evaluations: []Evaluation{evalBy("a"), evalBy("a")}},
			`session.evaluations[1].evaluator: "a" duplicates session.evaluations[0].evaluator`},
		{"nameless evaluator", CalibrationSession{Evaluations: []Evaluation{evalBy("a"), evalBy("")}},
			"session.evaluations[1].evaluator: is required"},
		{"expert absent", CalibrationSession{Expert: "z", Evaluations: []Evaluation{evalBy("a"), evalBy("b")}},
			`session.expert: expert "z" has no evaluation in the session`},
		{"a session time JSON cannot hold", CalibrationSession{At: time.Date(10000, 3, 1, 0, 0, 0, 0, time.UTC), Evaluations: []Evaluation{evalBy("a"), evalBy("b")}},
			"session.at: year 10000 is outside 0..9999, the range a stored time can hold"},
		{"an evaluation time JSON cannot hold", CalibrationSession{Evaluations: []Evaluation{evalBy("a"), func() Evaluation {
			e := evalBy("b")
			e.At = time.Date(-1, 3, 1, 0, 0, 0, 0, time.UTC)
			return e
		}()}}, "session.evaluations[1].at: year -1 is outside 0..9999, the range a stored time can hold"},
		{"bad answer named in place", CalibrationSession{Evaluations: []Evaluation{evalBy("a"), evalBy("b", Answer{Item: "voice", Value: 9})}},
			`session.evaluations[1].answers[1].value: 9 is outside 1..5, the scale of item "voice"`},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := sc.Calibrate(tc.cs)
			assert.EqualError(t, err, tc.want)
		})
	}
}

func TestLeans(t *testing.T) {
	p := DefaultPolicy()
	cal := func(devs map[string]float64) Calibration {
		c := Calibration{Evaluators: []EvaluatorDeviation{{Evaluator: "boss", Expert: true}}}
		for _, who := range sortedKeys(devs) {
			c.Evaluators = append(c.Evaluators, EvaluatorDeviation{Evaluator: who, Deviation: devs[who]})
		}
		return c
	}
	cals := []Calibration{
		cal(map[string]float64{"harsh": -3, "soft": 2, "even": 1, "new": -8, "wild": 7}),
		cal(map[string]float64{"harsh": -2, "soft": 2, "even": -1, "wild": 6}),
		cal(map[string]float64{"harsh": -1, "soft": 2, "even": 0.5, "wild": 5}),
	}
	leans, err := p.Leans(cals)
	require.NoError(t, err)
	got := map[string]Lean{}
	var order []string
	for _, l := range leans {
		got[l.Evaluator] = l
		order = append(order, l.Evaluator)
	}
	assert.Equal(t, []string{"boss", "even", "harsh", "new", "soft", "wild"}, order)
	assert.Equal(t, TooFewSessions, got["boss"].Direction, "the expert is never measured against themself")
	assert.Equal(t, Harsher, got["harsh"].Direction, "mean -2 is at the threshold")
	assert.Equal(t, MoreLenient, got["soft"].Direction, "mean +2 is at the threshold")
	assert.Equal(t, Balanced, got["even"].Direction)
	assert.Equal(t, TooFewSessions, got["new"].Direction, "one session is not a lean")
	assert.True(t, got["new"].OutsideTolerance)
	assert.Equal(t, MoreLenient, got["wild"].Direction)
	assert.True(t, got["wild"].OutsideTolerance, "mean +6 is beyond 5")
	assert.False(t, got["soft"].OutsideTolerance)
	assert.InDelta(t, 6, got["wild"].MeanAbsDeviation, 1e-9)

	_, err = p.Leans([]Calibration{{Evaluators: []EvaluatorDeviation{{Evaluator: "x", Deviation: 200}}}})
	assert.EqualError(t, err, "calibrations[0].evaluators[0].deviation: 200 is outside -100..100, the range of deviations in points")
}

// TestCalibrateToleranceBoundary: an evaluator exactly 5 points from the
// reference stays inside the default tolerance; 5.1 points is outside.
func TestCalibrateToleranceBoundary(t *testing.T) {
	p := loadPolicyFromString(t, `version: x
scorecards:
  - id: c
    version: "1"
    pass_mark: 80
    sections:
      - id: s
        weight: 1
        items:
          - {id: a, text: A, type: yes_no, weight: 5, good: g, fix: f}
          - {id: b, text: B, type: yes_no, weight: 0.1, good: g, fix: f}
          - {id: c, text: C, type: yes_no, weight: 94.9, good: g, fix: f}
`)
	sc, _ := p.Scorecard("c")
	ev := func(who string, a, b float64) Evaluation {
		return Evaluation{Evaluator: who, Source: QA, Answers: []Answer{{Item: "a", Value: a}, {Item: "b", Value: b}, {Item: "c", Value: 1}}}
	}
	c, err := sc.Calibrate(CalibrationSession{ID: "tol", Interaction: "call-1", Expert: "lead", Evaluations: []Evaluation{
		ev("lead", 1, 1), ev("five", 0, 1), ev("more", 0, 0), ev("same", 1, 1),
	}})
	require.NoError(t, err)
	got := map[string]EvaluatorDeviation{}
	for _, e := range c.Evaluators {
		got[e.Evaluator] = e
	}
	assert.InDelta(t, -5, got["five"].Deviation, 1e-9)
	assert.False(t, got["five"].OutsideTolerance, "exactly 5 points is within the tolerance of 5")
	assert.InDelta(t, -5.1, got["more"].Deviation, 1e-9)
	assert.True(t, got["more"].OutsideTolerance)
	assert.False(t, got["same"].OutsideTolerance)
	assert.Equal(t, []string{"more"}, c.Flagged)
	last := c.Reasons[len(c.Reasons)-1]
	assert.Equal(t, "calibration.tolerance", last.Rule)
	assert.Equal(t, callfloor.Fired, last.Outcome)
	assert.Equal(t, "more scored 94.9, -5.1 points from the reference; the tolerance is 5", last.Text)
	assert.Equal(t, "the reference score 100.0 is the score of the expert lead", c.Reasons[len(c.Reasons)-2].Text)
}

func TestCalibrateMoreBadInput(t *testing.T) {
	sc := smallCard(t)
	other := evalBy("b")
	other.Interaction = "call-2"
	card := evalBy("b")
	card.Scorecard = "sales"
	tests := []struct {
		reason string
		cs     CalibrationSession
		want   string
	}{
		{"no evaluations", CalibrationSession{}, "session.evaluations: a calibration needs at least two evaluations, got 0"},
		{"an evaluation of another interaction", CalibrationSession{Interaction: "call-1", Evaluations: []Evaluation{evalBy("a"), other}},
			`session.evaluations[1].interaction: evaluation is of interaction "call-2", not the session's "call-1"`},
		{"an evaluation for another scorecard", CalibrationSession{Evaluations: []Evaluation{evalBy("a"), card}},
			`session.evaluations[1].scorecard: evaluation is for scorecard "sales", not "card"`},
		{"a NaN answer", CalibrationSession{Evaluations: []Evaluation{evalBy("a", Answer{Item: "voice", Value: math.NaN()}), evalBy("b")}},
			`session.evaluations[0].answers[1].value: NaN is not a number on the scale of item "voice"`},
		{"a missing answer", CalibrationSession{Evaluations: []Evaluation{evalBy("a"), {Evaluator: "b", Source: QA}}},
			`session.evaluations[1].answers: no answer for item "greet" (every item needs an answer, or N/A where allowed)`},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := sc.Calibrate(tc.cs)
			assert.EqualError(t, err, tc.want)
		})
	}
}

// TestCalibrateTwoEvaluators: the smallest session. The median of two is
// their mean, so each sits half the gap from it.
func TestCalibrateTwoEvaluators(t *testing.T) {
	sc := smallCard(t)
	c, err := sc.Calibrate(CalibrationSession{ID: "pair", Evaluations: []Evaluation{
		evalBy("a"), evalBy("b", Answer{Item: "extra", Value: 0}),
	}})
	require.NoError(t, err)
	assert.InDelta(t, 90, c.Reference, 1e-9)
	assert.InDelta(t, 10, c.Evaluators[0].Deviation, 1e-9)
	assert.InDelta(t, -10, c.Evaluators[1].Deviation, 1e-9)
	assert.Equal(t, []string{"a", "b"}, c.Flagged)
	require.Len(t, c.Disagreements, 1)
	assert.Equal(t, "extra", c.Disagreements[0].Item)
	assert.InDelta(t, 0.5, c.Disagreements[0].Reference, 1e-9, "median of 1 and 0")
	assert.Equal(t, []bool{true, true}, differs(c.Disagreements[0]), "neither matches a median between them")
	require.NotNil(t, c.Agreement)
	assert.Less(t, c.Agreement.Nominal, 1.0)
}

// TestLeanBoundaries checks lean_min_sessions at min-1 and min, and the
// lean threshold of 2 at and just inside its value.
func TestLeanBoundaries(t *testing.T) {
	p := DefaultPolicy()
	cal := func(devs ...float64) []Calibration {
		out := make([]Calibration, len(devs))
		for i, d := range devs {
			out[i] = Calibration{Evaluators: []EvaluatorDeviation{{Evaluator: "ev", Deviation: d}}}
		}
		return out
	}
	tests := []struct {
		reason  string
		devs    []float64
		want    Direction
		outcome callfloor.Outcome
	}{
		{"two sessions, one short of the minimum of 3", []float64{-9, -9}, TooFewSessions, callfloor.NotEvaluated},
		{"three sessions, the minimum", []float64{-9, -9, -9}, Harsher, callfloor.Fired},
		{"mean -2, at the threshold", []float64{-1, -2, -3}, Harsher, callfloor.Fired},
		{"mean -1.99, inside it", []float64{-1.99, -1.99, -1.99}, Balanced, callfloor.NotMet},
		{"mean +2 built from decimals, at the threshold up to rounding", []float64{2.1, 1.9, 2.0}, MoreLenient, callfloor.Fired},
		{"mean +1.99", []float64{1.99, 1.99, 1.99}, Balanced, callfloor.NotMet},
		{"mean 0", []float64{-4, 0, 4}, Balanced, callfloor.NotMet},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			leans, err := p.Leans(cal(tc.devs...))
			require.NoError(t, err)
			require.Len(t, leans, 1)
			assert.Equal(t, tc.want, leans[0].Direction)
			assert.Equal(t, len(tc.devs), leans[0].Sessions)
			assert.Equal(t, tc.outcome, leans[0].Reasons[0].Outcome, "the lean's first reason weighs the threshold")
		})
	}
	leans, err := p.Leans(nil)
	require.NoError(t, err)
	assert.Empty(t, leans, "no calibrations, no leans")

	for _, bad := range []struct {
		c    Calibration
		want string
	}{
		{Calibration{Evaluators: []EvaluatorDeviation{{Deviation: 1}}}, "calibrations[0].evaluators[0].evaluator: is required"},
		{Calibration{Evaluators: []EvaluatorDeviation{{Evaluator: "x", Deviation: math.Inf(-1)}}}, "calibrations[0].evaluators[0].deviation: -Inf is outside -100..100, the range of deviations in points"},
		{Calibration{Evaluators: []EvaluatorDeviation{{Evaluator: "x", Deviation: math.NaN()}}}, "calibrations[0].evaluators[0].deviation: NaN is outside -100..100, the range of deviations in points"},
	} {
		_, err := p.Leans([]Calibration{bad.c})
		assert.EqualError(t, err, bad.want)
	}
}

// TestCalibrateToleranceRounding: weights 0.9 and 8.1 put a failed item
// 10 points down on paper and 10.000000000000014 in float64; at a
// tolerance of 10 that is still inside.
func TestCalibrateToleranceRounding(t *testing.T) {
	p := loadPolicyFromString(t, `version: x
calibration: {tolerance: 10}
scorecards:
  - {id: c, version: "1", pass_mark: 80, sections: [{id: s, weight: 1, items: [
      {id: a, text: A, type: yes_no, weight: 0.9, good: g, fix: f},
      {id: c, text: C, type: yes_no, weight: 8.1, good: g, fix: f}]}]}
`)
	sc, _ := p.Scorecard("c")
	ev := func(who string, a float64) Evaluation {
		return Evaluation{Evaluator: who, Source: QA, Answers: []Answer{{Item: "a", Value: a}, {Item: "c", Value: 1}}}
	}
	c, err := sc.Calibrate(CalibrationSession{Expert: "lead", Evaluations: []Evaluation{ev("lead", 1), ev("kim", 0)}})
	require.NoError(t, err)
	assert.Less(t, c.Evaluators[1].Deviation, -10.0, "float arithmetic lands a hair beyond -10")
	assert.InDelta(t, -10, c.Evaluators[1].Deviation, 1e-9)
	assert.False(t, c.Evaluators[1].OutsideTolerance)
	assert.Empty(t, c.Flagged)
}
