package qa

import (
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// teamScores gives n scores of value v for team in month m, one an hour
// from the month's start, so that any n up to 672 stays in the month.
func teamScores(team string, m, n int, v float64) []ScorePoint {
	out := make([]ScorePoint, n)
	for i := range out {
		out[i] = ScorePoint{Agent: team + ".agent", Team: team, At: jan.AddDate(0, m, 0).Add(time.Duration(i) * time.Hour), Score: v}
	}
	return out
}

// TestEvaluatorKPI ties an evaluator's pay figure to the results of the
// teams they cover: pooled mean and share at or above the bar, paid on
// only from evaluators.min_team_scores (30 by default) scores, in each
// period for the change.
func TestEvaluatorKPI(t *testing.T) {
	p := DefaultPolicy()
	cat := func(parts ...[]ScorePoint) (out []ScorePoint) {
		for _, s := range parts {
			out = append(out, s...)
		}
		return out
	}
	tests := []struct {
		reason        string
		scores        []ScorePoint
		n, prevN      int
		mean, rate    float64
		payable       bool
		changePayable bool
		change        float64
		hasChange     bool
		kpiOutcome    callfloor.Outcome
		kpiText       string
	}{
		{"30 scores in both months: the boundary, paid on",
			cat(teamScores("red", 0, 30, 80), teamScores("red", 1, 20, 90), teamScores("red", 1, 10, 70)),
			30, 30, (20*90 + 10*70) / 30.0, 20 / 30.0, true, true, (20*90+10*70)/30.0 - 80, true, callfloor.Fired,
			"the teams covered have 30 scores in 2025-02, mean 83.3, 66.7% at or above the bar of 80: enough to pay on (at least 30)"},
		{"29 scores this month: reported, held out of pay",
			cat(teamScores("red", 0, 40, 80), teamScores("red", 1, 29, 85)),
			29, 40, 85, 1, false, false, 5, true, callfloor.Held,
			"the teams covered have 29 scores in 2025-02, mean 85.0, 100.0% at or above the bar of 80: fewer than 30, held out of pay"},
		{"enough this month, 29 last month: the mean is paid on, the change is not",
			cat(teamScores("red", 0, 29, 80), teamScores("red", 1, 30, 85)),
			30, 29, 85, 1, true, false, 5, true, callfloor.Fired,
			"the teams covered have 30 scores in 2025-02, mean 85.0, 100.0% at or above the bar of 80: enough to pay on (at least 30)"},
		{"two teams pooled; a score a hair under the bar is at it, one further under is not",
			cat(teamScores("red", 1, 15, 80-1e-10), teamScores("blue", 1, 15, 79)),
			30, 0, (15*(80-1e-10) + 15*79) / 30, 0.5, true, false, 0, false, callfloor.Fired,
			"the teams covered have 30 scores in 2025-02, mean 79.5, 50.0% at or above the bar of 80: enough to pay on (at least 30)"},
		{"scores under dispute are held and said so",
			cat(teamScores("red", 1, 30, 90), []ScorePoint{{Agent: "x", Team: "blue", At: jan.AddDate(0, 1, 3), Score: 0, Held: true}}),
			30, 0, 90, 1, true, false, 0, false, callfloor.Fired,
			"the teams covered have 30 scores in 2025-02, mean 90.0, 100.0% at or above the bar of 80, 1 score held under dispute: enough to pay on (at least 30)"},
		{"no score this month",
			teamScores("red", 0, 40, 80),
			0, 40, 0, 0, false, false, 0, false, callfloor.NotEvaluated,
			"the teams covered have no score in 2025-02"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			figs, err := p.EvaluatorFigures(EvaluatorInput{Periods: months(2), Scores: tt.scores,
				Activity: []EvaluatorActivity{{Evaluator: "qa.wang", Evaluations: 30, FeedbackDelivered: 30, Teams: []string{"red", "blue"}}}})
			require.NoError(t, err)
			f := figs[0]
			assert.Equal(t, tt.n, f.TeamN)
			assert.Equal(t, tt.prevN, f.TeamPreviousN)
			assert.InDelta(t, tt.mean, f.TeamMean, 1e-9)
			assert.InDelta(t, tt.rate, f.TeamPassRate, 1e-12)
			assert.Equal(t, tt.payable, f.Payable)
			assert.Equal(t, tt.changePayable, f.ChangePayable)
			assert.Equal(t, tt.hasChange, f.HasTeamChange)
			assert.InDelta(t, tt.change, f.TeamChange, 1e-9)
			var kpi, trend *callfloor.Reason
			for i := range f.Reasons {
				switch f.Reasons[i].Rule {
				case "evaluators.min_team_scores":
					kpi = &f.Reasons[i]
				case "evaluators.team_trend":
					trend = &f.Reasons[i]
				}
			}
			require.NotNil(t, kpi)
			assert.Equal(t, tt.kpiOutcome, kpi.Outcome)
			assert.Equal(t, tt.kpiText, kpi.Text)
			if !tt.hasChange {
				assert.Nil(t, trend)
				return
			}
			require.NotNil(t, trend)
			if tt.changePayable {
				assert.Equal(t, callfloor.Fired, trend.Outcome)
			} else {
				assert.Equal(t, callfloor.Held, trend.Outcome)
			}
		})
	}
}

// TestEvaluatorKPITrendText gives the team trend's whole sentence, paid
// on and held.
func TestEvaluatorKPITrendText(t *testing.T) {
	p := DefaultPolicy()
	run := func(prevN int) callfloor.Reason {
		scores := append(teamScores("red", 0, prevN, 80), teamScores("red", 1, 30, 84.5)...)
		figs, err := p.EvaluatorFigures(EvaluatorInput{Periods: months(2), Scores: scores,
			Activity: []EvaluatorActivity{{Evaluator: "qa.wang", Teams: []string{"red"}}}})
		require.NoError(t, err)
		rs := figs[0].Reasons
		return rs[len(rs)-1]
	}
	paid := run(30)
	assert.Equal(t, "evaluators.team_trend", paid.Rule)
	assert.Equal(t, "the teams covered moved +4.5 points from 2025-01 to 2025-02, over 30 and 30 scores", paid.Text)
	assert.Equal(t, []callfloor.Fact{{Name: "change", Value: 4.5}, {Name: "previous_scores", Value: 30}, {Name: "scores", Value: 30}, {Name: "min_team_scores", Value: 30}}, paid.Facts)
	held := run(3)
	assert.Equal(t, callfloor.Held, held.Outcome)
	assert.Equal(t, "the teams covered moved +4.5 points from 2025-01 to 2025-02, over 3 and 30 scores: fewer than 30 in a period, held out of pay", held.Text)
}
