package qa

import (
	"testing"

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
	assert.Equal(t, "median", c.ReferenceBy)
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
	assert.Equal(t, "expert:boss", c.ReferenceBy)
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
	assert.Equal(t, "alpha_undefined", c.Reasons[0].ID)
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
			`session.evaluations[1].evaluator: evaluator "a" already scored this session at evaluations[0]`},
		{"nameless evaluator", CalibrationSession{Evaluations: []Evaluation{evalBy("a"), evalBy("")}},
			"session.evaluations[1].evaluator: must not be empty"},
		{"expert absent", CalibrationSession{Expert: "z", Evaluations: []Evaluation{evalBy("a"), evalBy("b")}},
			`session.expert: expert "z" has no evaluation in the session`},
		{"bad answer named in place", CalibrationSession{Evaluations: []Evaluation{evalBy("a"), evalBy("b", Answer{Item: "voice", Value: 9})}},
			`session.evaluations[1].answers[1].value: 9 is off the scale 1..5 of item "voice"`},
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
	assert.EqualError(t, err, "calibrations[0].evaluators[0].deviation: 200 is not a deviation between -100 and 100")
}
