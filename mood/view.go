package mood

import (
	"time"

	"github.com/callfloor/callfloor"
)

// View is a triage result as one audience may see it. Marshal it to JSON
// and hand it to that audience; nothing outside their view is in it.
type View struct {
	// Audience is what the viewer was allowed to see.
	Audience Audience `json:"audience"`
	// Agent is the agent the result is about.
	Agent string `json:"agent"`
	// At is the moment the triage speaks for.
	At time.Time `json:"at"`
	// Owed lists, for a viewer who may not see health data (the lead,
	// or through ViewFor any other role that owes actions), the actions
	// that viewer owes: only a code with its display name, a deadline
	// and a setting. It is
	// empty for the agent and the confidential roles, whose Result holds
	// every action.
	Owed []Owed `json:"owed,omitempty"`
	// Result is the whole triage, for the agent it is about and for the
	// policy's confidential roles; nil for the lead and for anyone else.
	Result *Triage `json:"result,omitempty"`
	// Policy names the policy that produced the triage.
	Policy callfloor.Identity `json:"policy"`
}

// Owed is an action as the team lead, or another role without access to
// health data, sees it: what to do, by when and in which setting. It says
// nothing about why.
type Owed struct {
	// Code is the action's code in the policy, as in "care_talk".
	Code string `json:"code"`
	// Name is the display name the policy gives Code ("关怀谈话"); empty
	// when it gives none. It names the code the viewer sees and says no
	// more than the code does.
	Name string `json:"name,omitempty"`
	// Deadline is when the action is due.
	Deadline time.Time `json:"deadline"`
	// Setting says whether it is done one-to-one or in a group.
	Setting callfloor.Setting `json:"setting"`
}

// View returns what audience a may see of t, a result of this policy's
// Triage (see the package documentation, Confidentiality):
//   - AudienceAgent, the agent the result is about, and AudienceCare, the
//     counselor or HR role named by the policy, see the whole result.
//   - AudienceLead sees only the actions the lead role owes and their
//     deadlines: never tiers, bands, totals, scores, flags or reasons. The
//     code of an action is visible, so a policy that gives the lead an
//     action only one tier asks for reveals that much; the default policy
//     gives the lead only watch and team actions.
//   - AudienceNone sees the agent, the time and the policy, nothing more.
//
// View knows audiences, not roles: to show a role of the policy what it
// may see, the crisis owner included, use ViewFor.
//
// A nil or zero Policy returns the zero View, which shows nothing to
// anyone: it cannot tell who may see what, so it shows no health data,
// and no action owed either, the crisis escalation included.
func (p *Policy) View(t Triage, a Audience) View {
	if p.zero() {
		return View{}
	}
	v := View{Audience: a, Agent: t.Agent, At: t.At, Policy: t.Policy}
	switch a {
	case AudienceAgent, AudienceCare:
		r := t
		v.Result = &r
	case AudienceLead:
		v.Owed = owedBy(t.Actions, p.lead)
	default:
		v.Audience = AudienceNone
	}
	return v
}

// ViewFor returns what a role of the policy may see of t, another
// person's triage result: a confidential role (a counselor, HR) sees the
// whole result, as AudienceCare; every other role the policy declares,
// the lead included, sees only the actions it owes and their deadlines,
// as the lead does in View. A crisis therefore always reaches the crisis
// owner: whatever the policy, the escalation is in the crisis owner's
// view, as a whole result or as an action owed. A role the policy does
// not declare sees nothing. The agent the result is about sees their own
// result through View with AudienceAgent. A nil or zero Policy returns the
// zero View, as View does: it knows no roles, not even the crisis owner.
func (p *Policy) ViewFor(t Triage, role string) View {
	if p.zero() {
		return View{}
	}
	a := p.AudienceOf(role)
	v := p.View(t, a)
	if a == AudienceNone && p.roles[role] {
		v.Owed = owedBy(t.Actions, role)
	}
	return v
}

// owedBy lists the actions owner owes, nil when none.
func owedBy(actions []Action, owner string) []Owed {
	var out []Owed
	for _, act := range actions {
		if act.Owner == owner {
			out = append(out, Owed{Code: act.Code, Name: act.Name, Deadline: act.Deadline, Setting: act.Setting})
		}
	}
	return out
}
