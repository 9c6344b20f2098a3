package mood

import "time"

// View is a triage result as one audience may see it. Marshal it to JSON
// and hand it to that audience; nothing outside their view is in it.
type View struct {
	Audience Audience  `json:"audience"`
	Agent    string    `json:"agent"`
	At       time.Time `json:"at"`
	// Owed lists, for the lead, the actions the lead owes: only a code, a
	// deadline and a setting. It is empty for the other audiences, whose
	// Result holds every action.
	Owed []Owed `json:"owed,omitempty"`
	// Result is the whole triage, for the agent it is about and for the
	// policy's confidential roles; nil for the lead and for anyone else.
	Result *Triage  `json:"result,omitempty"`
	Policy Identity `json:"policy"`
}

// Owed is an action as the team lead sees it: what to do, by when and in
// which setting. It says nothing about why.
type Owed struct {
	Code     string    `json:"code"`
	Deadline time.Time `json:"deadline"`
	Setting  Setting   `json:"setting"`
}

// View returns what audience a may see of t, a result of this policy's
// Triage (DESIGN.md, Confidentiality):
//   - AudienceAgent, the agent the result is about, and AudienceCare, the
//     counselor or HR role named by the policy, see the whole result.
//   - AudienceLead sees only the actions the lead role owes and their
//     deadlines: never tiers, bands, totals, scores, flags or reasons. The
//     code of an action is visible, so a policy that gives the lead an
//     action only one tier asks for reveals that much; the default policy
//     gives the lead only watch and team actions.
//   - AudienceNone sees the agent, the time and the policy, nothing more.
//
// A crisis is never hidden from its owner: the escalation is an action of
// the crisis owner, who reads it through AudienceCare or the host's own
// routing of Actions.
func (p *Policy) View(t Triage, a Audience) View {
	v := View{Audience: a, Agent: t.Agent, At: t.At, Policy: t.Policy}
	switch a {
	case AudienceAgent, AudienceCare:
		r := t
		v.Result = &r
	case AudienceLead:
		for _, act := range t.Actions {
			if act.Owner == p.lead {
				v.Owed = append(v.Owed, Owed{Code: act.Code, Deadline: act.Deadline, Setting: act.Setting})
			}
		}
	default:
		v.Audience = AudienceNone
	}
	return v
}
