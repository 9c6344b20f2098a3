package qa

import (
	"fmt"
	"github.com/callfloor/callfloor"
	"slices"
	"sort"
)

// EvaluatorActivity is a QA evaluator's work in the latest period: how
// many evaluations they made, for how many of them the feedback reached
// the agent, and which teams they cover.
type EvaluatorActivity struct {
	// Evaluator is the evaluator's id; required, once per input.
	// Evaluations counts the evaluations they made in the latest period.
	// FeedbackDelivered counts those whose feedback reached the agent, 0 to
	// Evaluations.
	// Teams are the ids of the teams they cover, each listed once.
	Evaluator         string   `json:"evaluator"`
	Evaluations       int      `json:"evaluations"`
	FeedbackDelivered int      `json:"feedback_delivered"`
	Teams             []string `json:"teams"`
}

// EvaluatorInput is the data for EvaluatorFigures. Scores carry the team
// of each evaluated agent; Periods are in time order, the last being the
// one reported on.
type EvaluatorInput struct {
	// Periods are in time order and must not overlap; the last is reported on.
	// Activity holds one entry per evaluator to report on.
	// Calibrations are the calibrations from which each evaluator's lean is
	// found; an evaluator in none gets a lean of TooFewSessions.
	// Scores give each team's quality trend by ScorePoint.Team; scores in no
	// period are ignored.
	Periods      []callfloor.Period  `json:"periods"`
	Activity     []EvaluatorActivity `json:"activity"`
	Calibrations []Calibration       `json:"calibrations,omitempty"`
	Scores       []ScorePoint        `json:"scores,omitempty"`
}

// TeamTrend is the quality trend of one team an evaluator covers.
type TeamTrend struct {
	// Team is the team's id.
	Team string `json:"team"`
	// Latest is the team's scores in the latest period; Change and
	// HasChange repeat its change from the period before.
	Latest    PeriodStat `json:"latest"`
	Change    float64    `json:"change"`
	HasChange bool       `json:"has_change"`
}

// EvaluatorFigures are the figures on which a QA evaluator is assessed:
// how close their scoring is to the reference, whether their findings
// reach the agents, and how the teams they cover are doing: call-center
// practice ties the evaluator's KPI to the team's results.
type EvaluatorFigures struct {
	// Evaluator is the evaluator's id.
	Evaluator string `json:"evaluator"`
	// Calibration is the evaluator's lean across the calibrations given.
	// Evaluations is copied from the evaluator's activity.
	Calibration Lean `json:"calibration"`
	Evaluations int  `json:"evaluations"`
	// DeliveredShare is FeedbackDelivered / Evaluations (0 when there are
	// no evaluations).
	// FeedbackDelivered is copied from the evaluator's activity.
	FeedbackDelivered int     `json:"feedback_delivered"`
	DeliveredShare    float64 `json:"delivered_share"`
	// Teams are the teams covered, sorted by name.
	Teams []TeamTrend `json:"teams"`
	// TeamChange is the change of the mean score over all the teams they
	// cover, from the period before the latest to the latest.
	// HasTeamChange is false unless the teams have scores in both of the
	// last two periods; TeamChange is then 0.
	// Reasons name, as they apply, a calibration outside the tolerance,
	// feedback delivered below the policy's minimum share, and the team
	// trend.
	// Policy names the policy that produced the figures.
	TeamChange    float64            `json:"team_change"`
	HasTeamChange bool               `json:"has_team_change"`
	Reasons       []callfloor.Reason `json:"reasons"`
	Policy        callfloor.Identity `json:"policy"`
}

// EvaluatorFigures computes the figures of every evaluator in the
// activity list, sorted by evaluator id.
func (p *Policy) EvaluatorFigures(in EvaluatorInput) ([]EvaluatorFigures, error) {
	if !p.ready() {
		return nil, ErrZeroPolicy
	}
	if err := checkPeriods(in.Periods); err != nil {
		return nil, err
	}
	if err := checkScores(in.Scores, "scores"); err != nil {
		return nil, err
	}
	leans, err := p.Leans(in.Calibrations)
	if err != nil {
		return nil, err
	}
	byEvaluator := map[string]Lean{}
	for _, l := range leans {
		byEvaluator[l.Evaluator] = l
	}
	teams, _ := bucket(in.Periods, in.Scores, func(s ScorePoint) string { return s.Team })
	last := len(in.Periods) - 1

	seen := map[string]int{}
	out := make([]EvaluatorFigures, 0, len(in.Activity))
	for i, a := range in.Activity {
		f := fmt.Sprintf("activity[%d]", i)
		if a.Evaluator == "" {
			return nil, required(f + ".evaluator")
		}
		if j, dup := seen[a.Evaluator]; dup {
			return nil, callfloor.Duplicate(callfloor.Path(f+".evaluator"), a.Evaluator, callfloor.Path(fmt.Sprintf("activity[%d].evaluator", j)))
		}
		seen[a.Evaluator] = i
		if a.Evaluations < 0 {
			return nil, inputErr(callfloor.ErrOutOfRange, f+".evaluations", "%d is negative", a.Evaluations)
		}
		if a.FeedbackDelivered < 0 || a.FeedbackDelivered > a.Evaluations {
			return nil, callfloor.OutOfRange(callfloor.Path(f+".feedback_delivered"), a.FeedbackDelivered, 0, a.Evaluations, "at most the evaluations made")
		}
		ef := EvaluatorFigures{Evaluator: a.Evaluator, Evaluations: a.Evaluations, FeedbackDelivered: a.FeedbackDelivered, Policy: p.id}
		l, ok := byEvaluator[a.Evaluator]
		if !ok {
			l = Lean{Evaluator: a.Evaluator, Direction: TooFewSessions, Policy: p.id,
				Reasons: []callfloor.Reason{reason("calibration.lean_min_sessions", callfloor.NotEvaluated, fmt.Sprintf("0 sessions; a lean needs at least %d", p.calibration.leanMinSessions),
					fact("sessions", 0), fact("lean_min_sessions", p.calibration.leanMinSessions))}}
		}
		ef.Calibration = l
		if l.OutsideTolerance {
			ef.Reasons = append(ef.Reasons, reason("calibration.tolerance", callfloor.Fired,
				fmt.Sprintf("mean calibration deviation %s is beyond the tolerance of %s points", fmtSigned(l.MeanDeviation), fmtNum(p.calibration.tolerance)),
				fact("mean_deviation", l.MeanDeviation), fact("tolerance", p.calibration.tolerance)))
		}
		if a.Evaluations > 0 {
			ef.DeliveredShare = float64(a.FeedbackDelivered) / float64(a.Evaluations)
			if !atLeast(ef.DeliveredShare, p.evaluators.minFeedbackDelivered) {
				ef.Reasons = append(ef.Reasons, reason("evaluators.min_feedback_delivered", callfloor.Fired,
					fmt.Sprintf("feedback reached the agent for %d of %d evaluations (%.1f%%); at least %.1f%% is expected: a finding nobody acts on is worthless",
						a.FeedbackDelivered, a.Evaluations, 100*ef.DeliveredShare, 100*p.evaluators.minFeedbackDelivered),
					fact("feedback_delivered", a.FeedbackDelivered), fact("evaluations", a.Evaluations),
					fact("delivered_share", ef.DeliveredShare), fact("min_feedback_delivered", p.evaluators.minFeedbackDelivered)))
			}
		}
		names := append([]string(nil), a.Teams...)
		sort.Strings(names)
		var cur, prev []float64
		for j, team := range names {
			if team == "" {
				return nil, required(fmt.Sprintf("%s.teams[%d]", f, slices.Index(a.Teams, team)))
			}
			if j > 0 && names[j-1] == team {
				first := slices.Index(a.Teams, team)
				second := first + 1 + slices.Index(a.Teams[first+1:], team)
				return nil, callfloor.Duplicate(callfloor.Path(fmt.Sprintf("%s.teams[%d]", f, second)), team, callfloor.Path(fmt.Sprintf("%s.teams[%d]", f, first)))
			}
			s := teams[team]
			if s == nil {
				s = newSeries(len(in.Periods))
			}
			st := periodStats(in.Periods, s)
			ef.Teams = append(ef.Teams, TeamTrend{Team: team, Latest: st[last], Change: st[last].Change, HasChange: st[last].HasChange})
			cur = append(cur, s.scores[last]...)
			if last > 0 {
				prev = append(prev, s.scores[last-1]...)
			}
		}
		if len(cur) > 0 && len(prev) > 0 {
			ef.TeamChange, ef.HasTeamChange = mean(cur)-mean(prev), true
			ef.Reasons = append(ef.Reasons, reason("evaluators.team_trend", callfloor.Fired,
				fmt.Sprintf("the teams covered moved %s points from %s to %s", fmtSigned(ef.TeamChange), in.Periods[last-1].ID, in.Periods[last].ID),
				fact("change", ef.TeamChange)))
		}
		out = append(out, ef)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Evaluator < out[j].Evaluator })
	return out, nil
}

func mean(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}
