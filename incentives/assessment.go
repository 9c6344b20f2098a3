package incentives

import (
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
	"github.com/callfloor/callfloor/internal/policyfile"
	"github.com/callfloor/callfloor/internal/timerange"
)

// maxAttempt bounds Assessment.Attempt: far more sittings in a row than
// any center holds, and few enough that a count never wraps.
const maxAttempt = 1000

// Assessment is one sitting of an agent's periodic assessment (工作考核),
// which supervisors hold regularly: the agent passes or fails it.
type Assessment struct {
	// ID identifies the sitting, as the evidence of its consequence;
	// unique within one call to AssessmentConsequences.
	ID string `json:"id"`
	// Agent is the assessed agent.
	Agent string `json:"agent"`
	// At is when the agent sat the assessment; the consequence is owed
	// from then.
	At time.Time `json:"at"`
	// Passed says the agent passed. A pass has no consequence here: the
	// reward for passing is a reward rule on a metric the host declares.
	Passed bool `json:"passed"`
	// Attempt is the sitting's number in the agent's current run: 1 for
	// the first sitting, 2 for the one after a failure, and so on; a pass
	// ends the run, and the next sitting is 1 again. A failure at attempt
	// n is the nth failure in a row, and takes the policy's nth
	// consequence.
	Attempt int `json:"attempt"`
	// Crisis and SevereTier say the agent was in crisis, or at the severe
	// wellbeing tier, at the sitting, as on AgentRecord: the consequence
	// of a failure is then held, since care comes first.
	Crisis     bool `json:"crisis,omitempty"`
	SevereTier bool `json:"severe_tier,omitempty"`
}

// AssessmentConsequence is what a failed assessment leads to, by the
// policy's assessment.failures: retraining, a warning or a change of post
// in the default policy. It is a corrective item, for a one-to-one talk,
// never for the public list; the host routes it to its Owner.
type AssessmentConsequence struct {
	// Agent is the assessed agent.
	Agent string `json:"agent"`
	// Assessment is the id of the failed sitting, and At its time.
	Assessment string    `json:"assessment"`
	At         time.Time `json:"at"`
	// Failure is how many failures in a row this one is: the sitting's
	// Attempt.
	Failure int `json:"failure"`
	// Action is the consequence's id as the policy names it (as
	// "retraining", "warning" or "change_of_post"), and Owner the role
	// that carries it out (as "supervisor").
	Action string `json:"action"`
	Owner  string `json:"owner"`
	// Held says the wellbeing guardrail holds the consequence: the agent
	// was in crisis or at the severe tier at the sitting. The host acts
	// on it only once the agent's care allows.
	Held bool `json:"held,omitempty"`
	// Reasons hold the consequence's rule ("assessment.failures.warning",
	// Outcome Fired, or Held when held), whose fact "failure" is the
	// failure's number, then, when held, the wellbeing hold
	// ("guardrails.care", Outcome Held), which does not name the health
	// fact.
	Reasons []callfloor.Reason `json:"reasons"`
}

type rawAssessment struct {
	// Failures lists the consequence of the first failure in a row, the
	// second, and so on; a failure past the last takes the last again.
	Failures []rawConsequence `yaml:"failures"`
}

type rawConsequence struct {
	Action string `yaml:"action,required"`
	Owner  string `yaml:"owner,required"`
	Reason string `yaml:"reason"`
}

// consequence is a compiled entry of assessment.failures.
type consequence struct {
	action, owner, label string
	rule                 string // "assessment.failures.<action>"
}

func (p *Policy) compileAssessment(doc *policyfile.Doc, r *rawAssessment) {
	base := policyfile.Path("assessment").Child("failures")
	seen := map[string]policyfile.Path{}
	for i, c := range r.Failures {
		path := base.Index(i)
		okA := checkID(doc, path.Child("action"), msg.IncentivesWhatIdConsequence{}, c.Action, seen)
		okO := doc.IDAs(path.Child("owner"), msg.IncentivesWhatIdOwner{}, c.Owner)
		if okA && okO {
			label := c.Reason
			if label == "" {
				label = c.Action
			}
			p.consequences = append(p.consequences, consequence{action: c.Action, owner: c.Owner, label: label, rule: "assessment.failures." + c.Action})
		}
	}
}

// AssessmentConsequences gives the consequence of every failed sitting,
// as the seat-management rule has it: a supervisor assesses agents
// regularly, and an agent who fails is warned or moved to another post
// (不合格者进行警告或调整岗位). The policy's assessment.failures names the
// consequence of the first failure in a row, of the second, and so on;
// a failure past the last takes the last again. The default policy
// retrains at the first failure (an agent whose service falls short is
// trained and coached first), warns at the second and changes the
// agent's post at the third. A policy with no assessment.failures gives
// no consequence.
//
// The consequence of an agent in crisis or at the severe tier at the
// sitting is held, as discipline is: it comes with Held set and the
// wellbeing hold as its last reason. A passed sitting has no consequence.
// The consequences come in the order of the sittings.
//
// Every sitting needs its ID (unique), Agent, At (a time JSON can hold)
// and Attempt (1..1000); the first that lacks one is a
// *callfloor.InputError naming the field, as "assessments[2].attempt".
// On a nil or zero Policy it returns ErrZeroPolicy.
func (p *Policy) AssessmentConsequences(assessments []Assessment) ([]AssessmentConsequence, error) {
	if p.zero() {
		return nil, ErrZeroPolicy
	}
	ids := make(map[string]int, len(assessments))
	var out []AssessmentConsequence
	for i := range assessments {
		a := &assessments[i]
		at := callfloor.Path("assessments").Index(i)
		if a.ID == "" {
			return nil, msgerr.Required(p.loc, at.Child("id"), msg.IncentivesInputSittingEvidence{})
		}
		if j, dup := ids[a.ID]; dup {
			return nil, msgerr.Duplicate(p.loc, at.Child("id"), a.ID, callfloor.Path("assessments").Index(j))
		}
		ids[a.ID] = i
		if a.Agent == "" {
			return nil, msgerr.Required(p.loc, at.Child("agent"), nil)
		}
		if a.At.IsZero() {
			return nil, msgerr.Required(p.loc, at.Child("at"), msg.IncentivesInputOwedFrom{})
		}
		if !timerange.Storable(a.At) {
			return nil, timeErrIn(p.loc, at.Child("at"), a.At)
		}
		if a.Attempt < 1 || a.Attempt > maxAttempt {
			return nil, msgerr.OutOfRange(p.loc, at.Child("attempt"), a.Attempt, 1, maxAttempt, msg.IncentivesWhatAttempt{})
		}
		if a.Passed || len(p.consequences) == 0 {
			continue
		}
		out = append(out, p.consequenceOf(a))
	}
	return out, nil
}

// consequenceOf builds the consequence of a failed sitting, as in
// "failed the periodic assessment q1-2025 on 2025-03-31, 2 failures in
// a row: warning by supervisor (a warning of the supervisor)".
func (p *Policy) consequenceOf(a *Assessment) AssessmentConsequence {
	c := &p.consequences[min(a.Attempt, len(p.consequences))-1]
	held := a.Crisis || a.SevereTier
	var failures msg.Message = msg.IncentivesFailuresFirst{}
	if a.Attempt != 1 {
		failures = msg.IncentivesFailuresRepeated{N: a.Attempt}
	}
	var consequence msg.Message = msg.IncentivesConsequence{Action: p.name(c.action), Owner: p.name(c.owner)}
	if c.label != c.action {
		consequence = msg.IncentivesConsequenceLabelled{Action: p.name(c.action), Owner: p.name(c.owner), Label: c.label}
	}
	var m msg.Message = msg.IncentivesReasonAssessment{Assessment: a.ID, Date: a.At, Failures: failures, Consequence: consequence}
	if a.Attempt > len(p.consequences) {
		m = msg.IncentivesReasonAssessmentAgain{Assessment: a.ID, Date: a.At, Failures: failures, Consequence: consequence}
	}
	out := callfloor.Fired
	if held {
		out = callfloor.Held
	}
	rs := []callfloor.Reason{{Rule: c.rule, Outcome: out, Text: m.String(p.loc), Message: m.ID(), Facts: []callfloor.Fact{{Name: "failure", Value: float64(a.Attempt)}}}}
	if held {
		rs = append(rs, p.careHold())
	}
	return AssessmentConsequence{Agent: a.Agent, Assessment: a.ID, At: a.At, Failure: a.Attempt, Action: c.action, Owner: c.owner, Held: held, Reasons: rs}
}
