package qa

import (
	"math"

	"testing"

	"github.com/callfloor/callfloor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEvaluatorFigures(t *testing.T) {
	p := DefaultPolicy()
	var scores []ScorePoint
	team := func(name string, m int, vals ...float64) {
		for _, s := range scoresIn("x", m, vals...) {
			s.Team = name
			scores = append(scores, s)
		}
	}
	team("red", 0, 80, 82)
	team("red", 1, 86, 88)
	team("blue", 0, 90)
	team("blue", 1, 88)
	cal := func(dev float64) Calibration {
		return Calibration{Evaluators: []EvaluatorDeviation{{Evaluator: "zoe", Deviation: dev}, {Evaluator: "yan", Deviation: 1}}}
	}
	in := EvaluatorInput{
		Periods: months(2),
		Activity: []EvaluatorActivity{
			{Evaluator: "zoe", Evaluations: 40, FeedbackDelivered: 30, Teams: []string{"red", "blue"}},
			{Evaluator: "yan", Evaluations: 10, FeedbackDelivered: 9, Teams: []string{"green"}},
			{Evaluator: "xia"},
		},
		Calibrations: []Calibration{cal(-6), cal(-7), cal(-8)},
		Scores:       scores,
	}
	figs, err := p.EvaluatorFigures(in)
	require.NoError(t, err)
	require.Len(t, figs, 3)
	assert.Equal(t, []string{"xia", "yan", "zoe"}, []string{figs[0].Evaluator, figs[1].Evaluator, figs[2].Evaluator})

	zoe := figs[2]
	assert.Equal(t, Harsher, zoe.Calibration.Direction)
	assert.InDelta(t, -7, zoe.Calibration.MeanDeviation, 1e-9)
	assert.Equal(t, 0.75, zoe.DeliveredShare)
	require.Len(t, zoe.Teams, 2)
	assert.Equal(t, "blue", zoe.Teams[0].Team)
	assert.InDelta(t, -2, zoe.Teams[0].Change, 1e-9)
	assert.InDelta(t, 6, zoe.Teams[1].Change, 1e-9)
	assert.True(t, zoe.HasTeamChange)
	assert.InDelta(t, (86+88+88)/3.0-(80+82+90)/3.0, zoe.TeamChange, 1e-9, "all scores of the teams covered, pooled")
	assert.Equal(t, []string{"calibration.tolerance", "evaluators.min_feedback_delivered", "evaluators.min_team_scores", "evaluators.team_trend"}, reasonIDs(zoe.Reasons))

	yan := figs[1]
	assert.Equal(t, 0.9, yan.DeliveredShare, "exactly the minimum share: no flag")
	assert.Equal(t, []string{"evaluators.min_team_scores"}, reasonIDs(yan.Reasons), "green has no scores: no trend to report")
	assert.Equal(t, callfloor.NotEvaluated, yan.Reasons[0].Outcome)
	assert.Equal(t, "the teams covered have no score in 2025-02", yan.Reasons[0].Text)
	assert.False(t, yan.Payable)
	assert.Equal(t, 0, yan.Teams[0].Latest.N)

	xia := figs[0]
	assert.Equal(t, TooFewSessions, xia.Calibration.Direction)
	assert.Equal(t, 0.0, xia.DeliveredShare)

	bad := in
	bad.Activity = []EvaluatorActivity{{Evaluator: "a", Evaluations: 2, FeedbackDelivered: 3}}
	_, err = p.EvaluatorFigures(bad)
	assert.EqualError(t, err, "activity[0].feedback_delivered: 3 is outside 0..2, at most the evaluations made")
	bad.Activity = []EvaluatorActivity{{Evaluator: "a", Teams: []string{"r", "r"}}}
	_, err = p.EvaluatorFigures(bad)
	assert.EqualError(t, err, `activity[0].teams[1]: "r" duplicates activity[0].teams[0]`)
}

func TestEvaluatorFiguresBadInput(t *testing.T) {
	p := DefaultPolicy()
	ps := months(2)
	tests := []struct {
		reason string
		in     EvaluatorInput
		want   string
	}{
		{"no periods", EvaluatorInput{}, "periods: is required: trends are computed per period"},
		{"nameless evaluator", EvaluatorInput{Periods: ps, Activity: []EvaluatorActivity{{}}}, "activity[0].evaluator: is required"},
		{"evaluator twice", EvaluatorInput{Periods: ps, Activity: []EvaluatorActivity{{Evaluator: "a"}, {Evaluator: "a"}}},
			`activity[1].evaluator: "a" duplicates activity[0].evaluator`},
		{"negative evaluations", EvaluatorInput{Periods: ps, Activity: []EvaluatorActivity{{Evaluator: "a", Evaluations: -1}}},
			"activity[0].evaluations: -1 is negative"},
		{"negative deliveries", EvaluatorInput{Periods: ps, Activity: []EvaluatorActivity{{Evaluator: "a", Evaluations: 1, FeedbackDelivered: -1}}},
			"activity[0].feedback_delivered: -1 is outside 0..1, at most the evaluations made"},
		{"nameless team", EvaluatorInput{Periods: ps, Activity: []EvaluatorActivity{{Evaluator: "a", Teams: []string{"red", ""}}}},
			"activity[0].teams[1]: is required"},
		{"NaN score", EvaluatorInput{Periods: ps, Scores: []ScorePoint{{Agent: "x", Team: "red", At: jan, Score: math.NaN()}}},
			"scores[0].score: NaN is outside 0..100, the range of scores"},
		{"bad calibration", EvaluatorInput{Periods: ps, Calibrations: []Calibration{{Evaluators: []EvaluatorDeviation{{Evaluator: "a", Deviation: math.Inf(1)}}}}},
			"calibrations[0].evaluators[0].deviation: +Inf is outside -100..100, the range of deviations in points"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := p.EvaluatorFigures(tc.in)
			assert.EqualError(t, err, tc.want)
		})
	}
	figs, err := p.EvaluatorFigures(EvaluatorInput{Periods: ps})
	require.NoError(t, err)
	assert.Empty(t, figs, "no activity, no figures")
}

// TestEvaluatorFeedbackShareBoundary: the default minimum share is 0.9.
func TestEvaluatorFeedbackShareBoundary(t *testing.T) {
	p := DefaultPolicy()
	figs, err := p.EvaluatorFigures(EvaluatorInput{Periods: months(1), Activity: []EvaluatorActivity{
		{Evaluator: "at", Evaluations: 30, FeedbackDelivered: 27},
		{Evaluator: "under", Evaluations: 1000, FeedbackDelivered: 899},
		{Evaluator: "all", Evaluations: 7, FeedbackDelivered: 7},
	}})
	require.NoError(t, err)
	byID := map[string]EvaluatorFigures{}
	for _, f := range figs {
		byID[f.Evaluator] = f
	}
	assert.Equal(t, []string{"evaluators.min_team_scores"}, reasonIDs(byID["at"].Reasons), "27 of 30 is exactly 0.9")
	assert.Equal(t, []string{"evaluators.min_feedback_delivered", "evaluators.min_team_scores"}, reasonIDs(byID["under"].Reasons), "899 of 1000 is under 0.9")
	assert.Equal(t, "feedback reached the agent for 899 of 1000 evaluations (89.9%); at least 90.0% is expected: a finding nobody acts on is worthless",
		byID["under"].Reasons[0].Text)
	assert.Equal(t, 1.0, byID["all"].DeliveredShare)
	assert.False(t, byID["all"].HasTeamChange, "one period: no team change")
}

// TestEvaluatorFiguresHoldDisputedScores leaves a team's scores under an
// open dispute out of its trend and counts them in its period.
func TestEvaluatorFiguresHoldDisputedScores(t *testing.T) {
	p := DefaultPolicy()
	var scores []ScorePoint
	for _, s := range scoresIn("x", 0, 80, 82) {
		s.Team = "red"
		scores = append(scores, s)
	}
	for i, s := range scoresIn("x", 1, 86, 88, 10) {
		s.Team, s.Held = "red", i == 2
		scores = append(scores, s)
	}
	figs, err := p.EvaluatorFigures(EvaluatorInput{Periods: months(2), Scores: scores,
		Activity: []EvaluatorActivity{{Evaluator: "zoe", Evaluations: 10, FeedbackDelivered: 10, Teams: []string{"red"}}}})
	require.NoError(t, err)
	red := figs[0].Teams[0]
	assert.Equal(t, 2, red.Latest.N)
	assert.Equal(t, 1, red.Latest.Held)
	assert.InDelta(t, 87, red.Latest.Mean, 1e-9)
	assert.InDelta(t, 6, figs[0].TeamChange, 1e-9, "the held 10 is in no mean")
}
