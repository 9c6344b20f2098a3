package qa

import (
	"fmt"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
)

// SampleAgent is what the sampling plan needs to know of an agent.
type SampleAgent struct {
	// Agent is the agent's id; required, and once per call.
	Agent string `json:"agent"`
	// HiredAt is the agent's hiring date; zero when unknown, which gives
	// no new-hire extra.
	HiredAt time.Time `json:"hired_at"`
	// RecentMean is the agent's mean QA score over the host's recent
	// window, from RecentN evaluations (0 when there are none).
	RecentMean float64 `json:"recent_mean"`
	RecentN    int     `json:"recent_n"`
	// Complaints are the times of the agent's customer complaints.
	Complaints []time.Time `json:"complaints,omitempty"`
	// Evaluated counts the pay-relevant evaluations the agent already has
	// in the period.
	Evaluated int `json:"evaluated"`
}

// SampleLine is the plan for one agent.
type SampleLine struct {
	// Agent is the agent's id.
	Agent string `json:"agent"`
	// Count is how many interactions to evaluate in the period.
	Count int `json:"count"`
	// Remaining is Count minus Evaluated, never below zero.
	// Evaluated is copied from SampleAgent.Evaluated.
	Remaining int `json:"remaining"`
	Evaluated int `json:"evaluated"`
	// EnoughForPay and EnoughForDiscipline say whether the evaluations
	// already made are enough for the agent's QA figure to be used for
	// pay, or for discipline.
	// Reasons list the base count and each extra or cap applied, in the
	// order base, new hire, low score, complaint, cap.
	EnoughForPay        bool               `json:"enough_for_pay"`
	EnoughForDiscipline bool               `json:"enough_for_discipline"`
	Reasons             []callfloor.Reason `json:"reasons"`
}

// SamplingPlan says how many interactions to evaluate per agent in a
// period.
type SamplingPlan struct {
	// Period is the period planned, as passed to SamplingPlan.
	// Lines holds one line per agent, in the order given.
	// Total is the sum of every line's Count.
	// Policy names the policy that produced the plan.
	Period callfloor.Period   `json:"period"`
	Lines  []SampleLine       `json:"lines"`
	Total  int                `json:"total"`
	Policy callfloor.Identity `json:"policy"`
}

// Use is what a QA figure is used for.
type Use string

const (
	// ForPay is a figure that feeds pay.
	ForPay Use = "pay"
	// ForDiscipline is a figure that feeds discipline.
	ForDiscipline Use = "discipline"
)

// Sufficiency says whether a sample is large enough for a use.
type Sufficiency struct {
	// Use is ForPay or ForDiscipline, as asked.
	// Have is the number of evaluations given.
	// Need is the policy's min_for_pay or min_for_discipline.
	// Enough is true when Have is at least Need.
	// Reasons hold one reason, from the policy's min_for_pay or
	// min_for_discipline: Fired when the sample is enough, Held when the
	// figure must be held.
	// Policy names the policy that decided.
	Use     Use                `json:"use"`
	Have    int                `json:"have"`
	Need    int                `json:"need"`
	Enough  bool               `json:"enough"`
	Reasons []callfloor.Reason `json:"reasons"`
	Policy  callfloor.Identity `json:"policy"`
}

// SamplingPlan gives each agent, in the order given, the number of
// interactions to evaluate in the period: the base count, plus the extras
// for a new hire (hired during the period, or less than new_hire.within
// before its start), a low scorer (recent mean below low_score.below) and
// an agent with a complaint within complaint.within before the start,
// capped at max.
//
// An agent hired at or after period.End (the period's end, exclusive) is
// an *InputError: they have no interaction in the period to sample. So is
// a period whose end is not after its start, or whose start or end JSON
// cannot hold (outside years 0 to 9999), since the plan stores them.
// period.ID is the host's label, carried into the plan.
//
// A line depends on its agent alone, and Total is the sum of the lines,
// so a host may plan per team: the teams' plans, their lines one after
// the other, are the plan of the whole center with its agents in that
// order, and their totals add up to its total. An agent listed twice is
// refused only within one call; across teams it is the host's to avoid.
func (p *Policy) SamplingPlan(period callfloor.Period, agents []SampleAgent) (SamplingPlan, error) {
	if !p.ready() {
		return SamplingPlan{}, ErrZeroPolicy
	}
	l := p.locale()
	if period.Start.IsZero() {
		return SamplingPlan{}, required(l, "period.start")
	}
	if !period.End.After(period.Start) {
		return SamplingPlan{}, inputErr(l, callfloor.ErrInvalid, "period.end", msg.QaInputNotAfterStart{End: period.End, Start: period.Start})
	}
	if m := timeProblem(period.End); m != nil {
		return SamplingPlan{}, inputErr(l, callfloor.ErrInvalid, "period.end", m)
	}
	return p.samplingPlan(period, agents)
}

// samplingPlan plans a period whose end is checked.
func (p *Policy) samplingPlan(period callfloor.Period, agents []SampleAgent) (SamplingPlan, error) {
	start, end := period.Start, period.End
	loc := p.locale()
	if m := timeProblem(start); m != nil {
		return SamplingPlan{}, inputErr(loc, callfloor.ErrInvalid, "period.start", m)
	}
	sa := p.sampling
	plan := SamplingPlan{Period: period, Policy: p.id, Lines: make([]SampleLine, 0, len(agents))}
	seen := map[string]int{}
	for i, a := range agents {
		f := fmt.Sprintf("agents[%d]", i)
		if a.Agent == "" {
			return SamplingPlan{}, required(loc, f+".agent")
		}
		if j, dup := seen[a.Agent]; dup {
			return SamplingPlan{}, msgerr.Duplicate(loc, callfloor.Path(f+".agent"), a.Agent, callfloor.Path(fmt.Sprintf("agents[%d].agent", j)))
		}
		seen[a.Agent] = i
		if a.RecentN < 0 {
			return SamplingPlan{}, inputErr(loc, callfloor.ErrOutOfRange, f+".recent_n", msg.QaInputNegative{Value: a.RecentN})
		}
		if a.Evaluated < 0 {
			return SamplingPlan{}, inputErr(loc, callfloor.ErrOutOfRange, f+".evaluated", msg.QaInputNegative{Value: a.Evaluated})
		}
		if !finite(a.RecentMean) || a.RecentMean < 0 || a.RecentMean > 100 {
			return SamplingPlan{}, msgerr.OutOfRange(loc, callfloor.Path(f+".recent_mean"), a.RecentMean, 0, 100, msg.QaWhatScores{})
		}
		l := SampleLine{Agent: a.Agent, Evaluated: a.Evaluated, Count: sa.base}
		l.Reasons = append(l.Reasons, reasonIn(loc, "sampling.base", callfloor.Fired, msg.QaReasonSamplingBase{Base: sa.base}, fact("base", sa.base)))
		switch {
		case a.HiredAt.IsZero():
		case !a.HiredAt.Before(end):
			return SamplingPlan{}, inputErr(loc, callfloor.ErrInvalid, f+".hired_at", msg.QaInputHiredAfter{Hired: a.HiredAt, End: end})
		case !a.HiredAt.Before(start):
			l.Count += sa.newHireExtra
			l.Reasons = append(l.Reasons, reasonIn(loc, "sampling.new_hire", callfloor.Fired,
				msg.QaReasonSamplingNewHireDuring{Hired: a.HiredAt, Extra: sa.newHireExtra},
				fact("extra", sa.newHireExtra)))
		case start.Sub(a.HiredAt) < sa.newHireWithin:
			l.Count += sa.newHireExtra
			l.Reasons = append(l.Reasons, reasonIn(loc, "sampling.new_hire", callfloor.Fired,
				msg.QaReasonSamplingNewHireRecent{Hired: a.HiredAt, Within: sa.newHireWithin, Extra: sa.newHireExtra},
				fact("within_days", sa.newHireWithin.Hours()/24), fact("extra", sa.newHireExtra)))
		}
		if a.RecentN > 0 && !atLeast(a.RecentMean, sa.lowBelow) {
			l.Count += sa.lowExtra
			l.Reasons = append(l.Reasons, reasonIn(loc, "sampling.low_score", callfloor.Fired,
				msg.QaReasonSamplingLowScore{Mean: fmtScore(a.RecentMean), Below: fmtNum(sa.lowBelow), Extra: sa.lowExtra},
				fact("recent_mean", a.RecentMean), fact("below", sa.lowBelow), fact("extra", sa.lowExtra)))
		}
		recent := 0
		for j, c := range a.Complaints {
			if c.IsZero() {
				return SamplingPlan{}, required(loc, fmt.Sprintf("%s.complaints[%d]", f, j))
			}
			if c.After(start) {
				return SamplingPlan{}, inputErr(loc, callfloor.ErrInvalid, fmt.Sprintf("%s.complaints[%d]", f, j), msg.QaInputComplaintAfter{At: c, Start: start})
			}
			if start.Sub(c) <= sa.complaintWithin {
				recent++
			}
		}
		if recent > 0 {
			l.Count += sa.complaintExtra
			l.Reasons = append(l.Reasons, reasonIn(loc, "sampling.complaint", callfloor.Fired,
				msg.QaReasonSamplingComplaint{Complaints: msg.QaCountComplaint{N: recent}, Within: sa.complaintWithin, Extra: sa.complaintExtra},
				fact("complaints", recent), fact("within_days", sa.complaintWithin.Hours()/24), fact("extra", sa.complaintExtra)))
		}
		if l.Count > sa.max {
			l.Count = sa.max
			l.Reasons = append(l.Reasons, reasonIn(loc, "sampling.max", callfloor.Fired, msg.QaReasonSamplingMax{Max: sa.max}, fact("max", sa.max)))
		}
		l.Remaining = max(0, l.Count-a.Evaluated)
		l.EnoughForPay = a.Evaluated >= sa.minForPay
		l.EnoughForDiscipline = a.Evaluated >= sa.minForDiscipline
		plan.Total += l.Count
		plan.Lines = append(plan.Lines, l)
	}
	return plan, nil
}

// Sufficient says whether n evaluations are enough for a QA figure to be
// used for pay or for discipline under the policy's min_for_pay and
// min_for_discipline.
func (p *Policy) Sufficient(use Use, n int) (Sufficiency, error) {
	if !p.ready() {
		return Sufficiency{}, ErrZeroPolicy
	}
	l := p.locale()
	var need int
	switch use {
	case ForPay:
		need = p.sampling.minForPay
	case ForDiscipline:
		need = p.sampling.minForDiscipline
	default:
		return Sufficiency{}, msgerr.NotSupported(l, "use", msg.QaWhatUse{}, string(use), names(uses))
	}
	if n < 0 {
		return Sufficiency{}, inputErr(l, callfloor.ErrOutOfRange, "n", msg.QaInputNegative{Value: n})
	}
	s := Sufficiency{Use: use, Have: n, Need: need, Enough: n >= need, Policy: p.id}
	if s.Enough {
		s.Reasons = []callfloor.Reason{reasonIn(l, "sampling.min_for_"+string(use), callfloor.Fired,
			msg.QaReasonSufficient{Evaluations: msg.QaCountEvaluation{N: n}, Need: need, Use: use.name()},
			fact("evaluations", n), fact("need", need))}
	} else {
		s.Reasons = []callfloor.Reason{reasonIn(l, "sampling.min_for_"+string(use), callfloor.Held,
			msg.QaReasonInsufficient{Evaluations: msg.QaCountEvaluation{N: n}, Need: need, Use: use.name()},
			fact("evaluations", n), fact("need", need))}
	}
	return s, nil
}
