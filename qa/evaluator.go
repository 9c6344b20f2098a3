package qa

import (
	"fmt"
	"slices"
	"sort"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
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
	// TeamMean is the mean of every score of the teams they cover in the
	// latest period, pooled, over TeamN scores; 0 when TeamN is 0.
	// TeamPassRate is the share of those scores at or above the policy's
	// bar (trends.bar). TeamHeld counts the scores of the period held out
	// under an open dispute, which TeamN does not count. TeamPreviousN is
	// the number of scores in the period before.
	TeamMean      float64 `json:"team_mean"`
	TeamN         int     `json:"team_n"`
	TeamPassRate  float64 `json:"team_pass_rate"`
	TeamHeld      int     `json:"team_held"`
	TeamPreviousN int     `json:"team_previous_n"`
	// TeamChange is the change of the mean score over all the teams they
	// cover, from the period before the latest to the latest.
	// HasTeamChange is false unless the teams have scores in both of the
	// last two periods; TeamChange is then 0.
	TeamChange    float64 `json:"team_change"`
	HasTeamChange bool    `json:"has_team_change"`
	// Payable is true when TeamN reaches evaluators.min_team_scores, so
	// that TeamMean and TeamPassRate may be paid on; ChangePayable when
	// TeamN and TeamPreviousN both reach it, so that TeamChange may. A
	// figure on fewer scores is reported but held out of pay.
	Payable       bool `json:"payable"`
	ChangePayable bool `json:"change_payable"`
	// Reasons name, as they apply, a calibration outside the tolerance,
	// feedback delivered below the policy's minimum share, the teams'
	// scores against evaluators.min_team_scores, and the team trend.
	// Policy names the policy that produced the figures.
	Reasons []callfloor.Reason `json:"reasons"`
	Policy  callfloor.Identity `json:"policy"`
}

// EvaluatorFigures computes the figures of every evaluator in the
// activity list, sorted by evaluator id. The figures of the teams an
// evaluator covers are a KPI a host can pay on once Payable (and
// ChangePayable for the change) says they rest on enough scores; a team
// covered by two evaluators counts for both.
func (p *Policy) EvaluatorFigures(in EvaluatorInput) ([]EvaluatorFigures, error) {
	if !p.ready() {
		return nil, ErrZeroPolicy
	}
	l := p.locale()
	if err := checkPeriods(l, in.Periods); err != nil {
		return nil, err
	}
	if err := checkScores(l, in.Scores, "scores"); err != nil {
		return nil, err
	}
	leans, err := p.Leans(in.Calibrations)
	if err != nil {
		return nil, err
	}
	byEvaluator := map[string]Lean{}
	for _, lean := range leans {
		byEvaluator[lean.Evaluator] = lean
	}
	teams, _ := bucket(in.Periods, in.Scores, func(s ScorePoint) string { return s.Team })
	last := len(in.Periods) - 1

	seen := map[string]int{}
	out := make([]EvaluatorFigures, 0, len(in.Activity))
	for i, a := range in.Activity {
		f := fmt.Sprintf("activity[%d]", i)
		if a.Evaluator == "" {
			return nil, required(l, f+".evaluator")
		}
		if j, dup := seen[a.Evaluator]; dup {
			return nil, msgerr.Duplicate(l, callfloor.Path(f+".evaluator"), a.Evaluator, callfloor.Path(fmt.Sprintf("activity[%d].evaluator", j)))
		}
		seen[a.Evaluator] = i
		if a.Evaluations < 0 {
			return nil, inputErr(l, callfloor.ErrOutOfRange, f+".evaluations", msg.QaInputNegative{Value: a.Evaluations})
		}
		if a.FeedbackDelivered < 0 || a.FeedbackDelivered > a.Evaluations {
			return nil, msgerr.OutOfRange(l, callfloor.Path(f+".feedback_delivered"), a.FeedbackDelivered, 0, a.Evaluations, msg.QaWhatFeedbackDelivered{})
		}
		ef := EvaluatorFigures{Evaluator: a.Evaluator, Evaluations: a.Evaluations, FeedbackDelivered: a.FeedbackDelivered, Policy: p.id}
		lean, ok := byEvaluator[a.Evaluator]
		if !ok {
			lean = Lean{Evaluator: a.Evaluator, Direction: TooFewSessions, Policy: p.id,
				Reasons: []callfloor.Reason{reasonIn(l, "calibration.lean_min_sessions", callfloor.NotEvaluated,
					msg.QaReasonLeanMinSessions{Sessions: msg.QaCountSession{N: 0}, Min: p.calibration.leanMinSessions},
					fact("sessions", 0), fact("lean_min_sessions", p.calibration.leanMinSessions))}}
		}
		ef.Calibration = lean
		if lean.OutsideTolerance {
			ef.Reasons = append(ef.Reasons, reasonIn(l, "calibration.tolerance", callfloor.Fired,
				msg.QaReasonCalibrationTolerance{Deviation: fmtSigned(lean.MeanDeviation), Tolerance: fmtNum(p.calibration.tolerance)},
				fact("mean_deviation", lean.MeanDeviation), fact("tolerance", p.calibration.tolerance)))
		}
		if a.Evaluations > 0 {
			ef.DeliveredShare = float64(a.FeedbackDelivered) / float64(a.Evaluations)
			if !atLeast(ef.DeliveredShare, p.evaluators.minFeedbackDelivered) {
				ef.Reasons = append(ef.Reasons, reasonIn(l, "evaluators.min_feedback_delivered", callfloor.Fired,
					msg.QaReasonFeedbackDelivered{Delivered: a.FeedbackDelivered, Evaluations: a.Evaluations,
						Share: fmtScore(100 * ef.DeliveredShare), Min: fmtScore(100 * p.evaluators.minFeedbackDelivered)},
					fact("feedback_delivered", a.FeedbackDelivered), fact("evaluations", a.Evaluations),
					fact("delivered_share", ef.DeliveredShare), fact("min_feedback_delivered", p.evaluators.minFeedbackDelivered)))
			}
		}
		names := append([]string(nil), a.Teams...)
		sort.Strings(names)
		var cur, prev []float64
		held := 0
		for j, team := range names {
			if team == "" {
				return nil, required(l, fmt.Sprintf("%s.teams[%d]", f, slices.Index(a.Teams, team)))
			}
			if j > 0 && names[j-1] == team {
				first := slices.Index(a.Teams, team)
				second := first + 1 + slices.Index(a.Teams[first+1:], team)
				return nil, msgerr.Duplicate(l, callfloor.Path(fmt.Sprintf("%s.teams[%d]", f, second)), team, callfloor.Path(fmt.Sprintf("%s.teams[%d]", f, first)))
			}
			s := teams[team]
			if s == nil {
				s = newSeries(len(in.Periods))
			}
			st := periodStats(in.Periods, s)
			ef.Teams = append(ef.Teams, TeamTrend{Team: team, Latest: st[last], Change: st[last].Change, HasChange: st[last].HasChange})
			cur = append(cur, s.scores[last]...)
			held += s.held[last]
			if last > 0 {
				prev = append(prev, s.scores[last-1]...)
			}
		}
		p.teamKPI(&ef, in.Periods, cur, prev, held)
		out = append(out, ef)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Evaluator < out[j].Evaluator })
	return out, nil
}

// teamKPI sets the figures of the teams an evaluator covers, pooled, from
// the scores of the latest period (cur) and of the one before (prev), and
// says whether each may be paid on.
func (p *Policy) teamKPI(ef *EvaluatorFigures, ps []callfloor.Period, cur, prev []float64, held int) {
	l := p.locale()
	last := len(ps) - 1
	minN := p.evaluators.minTeamScores
	ef.TeamN, ef.TeamPreviousN, ef.TeamHeld = len(cur), len(prev), held
	ef.Payable = ef.TeamN >= minN
	ef.ChangePayable = ef.Payable && ef.TeamPreviousN >= minN
	if ef.TeamN == 0 {
		ef.Reasons = append(ef.Reasons, reasonIn(l, "evaluators.min_team_scores", callfloor.NotEvaluated,
			msg.QaReasonTeamNoScore{Period: ps[last].ID}, fact("scores", 0), fact("held", held), fact("min_team_scores", minN)))
		return
	}
	ef.TeamMean = mean(cur)
	atBar := 0
	for _, v := range cur {
		if atLeast(v, p.trends.bar) {
			atBar++
		}
	}
	ef.TeamPassRate = float64(atBar) / float64(len(cur))
	var text msg.Message = msg.QaReasonTeamScores{Scores: msg.QaCountScore{N: ef.TeamN}, Period: ps[last].ID,
		Mean: fmtScore(ef.TeamMean), Share: fmtScore(100 * ef.TeamPassRate), Bar: fmtNum(p.trends.bar)}
	if held > 0 {
		text = msg.QaReasonTeamHeld{Summary: text, Held: msg.QaCountScore{N: held}}
	}
	facts := []callfloor.Fact{fact("scores", ef.TeamN), fact("mean", ef.TeamMean), fact("pass_rate", ef.TeamPassRate),
		fact("bar", p.trends.bar), fact("held", held), fact("min_team_scores", minN)}
	if ef.Payable {
		ef.Reasons = append(ef.Reasons, reasonIn(l, "evaluators.min_team_scores", callfloor.Fired,
			msg.QaReasonTeamPayable{Summary: text, Min: minN}, facts...))
	} else {
		ef.Reasons = append(ef.Reasons, reasonIn(l, "evaluators.min_team_scores", callfloor.Held,
			msg.QaReasonTeamNotPayable{Summary: text, Min: minN}, facts...))
	}
	if len(prev) == 0 {
		return
	}
	ef.TeamChange, ef.HasTeamChange = ef.TeamMean-mean(prev), true
	moved := msg.QaReasonTeamMoved{Change: fmtSigned(ef.TeamChange), From: ps[last-1].ID, To: ps[last].ID, PreviousN: ef.TeamPreviousN, N: ef.TeamN}
	facts = []callfloor.Fact{fact("change", ef.TeamChange), fact("previous_scores", ef.TeamPreviousN), fact("scores", ef.TeamN), fact("min_team_scores", minN)}
	if ef.ChangePayable {
		ef.Reasons = append(ef.Reasons, reasonIn(l, "evaluators.team_trend", callfloor.Fired, moved, facts...))
	} else {
		ef.Reasons = append(ef.Reasons, reasonIn(l, "evaluators.team_trend", callfloor.Held,
			msg.QaReasonTeamChangeHeld{Summary: moved, Min: minN}, facts...))
	}
}

func mean(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}
