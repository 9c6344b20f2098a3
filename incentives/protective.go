package incentives

import (
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
)

// HandToCrisisOwner is the protective action the wellbeing guardrail adds
// when it holds the sanction of a violation whose kind protects: the
// case goes to the crisis owner (the escalation owner of the agent's
// crisis in mood), who decides with the agent's care in view. A policy
// cannot name it among a kind's own actions.
const HandToCrisisOwner = "hand_to_crisis_owner"

// CrisisOwner is the Owner of the HandToCrisisOwner action: the role
// that owns the agent's crisis, whom the host resolves to a person.
const CrisisOwner = "crisis_owner"

// ProtectiveAction is a step a host takes at once to protect customers
// (or the case) after a violation, such as revoking the agent's access to
// customer data after a customer-data leak. It is never held: the
// wellbeing guardrail or the dismissal rules may defer the sanction, but
// never the protection. It goes to its Owner only: it is on neither
// the public list nor the corrective list.
type ProtectiveAction struct {
	// Agent and Team are the agent's ids.
	Agent string `json:"agent"`
	Team  string `json:"team"`
	// Action is the action's id, as the policy names it under
	// discipline.kinds.<kind>.protect (as "revoke_customer_data_access"),
	// or HandToCrisisOwner.
	Action string `json:"action"`
	// Owner is the role that takes the action, as the policy names it, or
	// CrisisOwner.
	Owner string `json:"owner"`
	// At is when the violation happened: the action is owed from then.
	At time.Time `json:"at"`
	// Violations names the violation that calls for it.
	Violations []string `json:"violations"`
	// Reasons holds one reason: the rule of the action
	// ("discipline.kinds.customer_data_leak.protect.revoke_customer_data_access",
	// or "guardrails.care.hand_over" for the hand-over), Outcome Fired.
	Reasons []callfloor.Reason `json:"reasons"`
}

// ruleHandOver is the hand-over of a held protective case to the crisis
// owner, built into the wellbeing guardrail.
const ruleHandOver = ruleCare + ".hand_over"

// protect writes the protective actions of a violation, disputed or not:
// the kind's own, then, when the wellbeing guardrail holds its sanction,
// the hand-over to the crisis owner. The sentences do not name the health
// fact.
func (b *builder) protect(pos int, k *violationKind, v *Violation, care bool) {
	if len(k.protect) == 0 {
		return
	}
	agent, team := b.ids[pos], b.teams[b.teamOf[pos]]
	ids := []string{v.ID}
	// A dispute holds the sanction, as the wellbeing guardrail does, and
	// never the protection: access is revoked while the finding is
	// reviewed, and given back if the dispute is decided for the agent.
	for _, a := range k.protect {
		var m msg.Message = msg.IncentivesReasonProtective{Action: b.p.name(a.action), Owner: b.p.name(a.owner), Label: k.label, Date: v.At}
		if v.Disputed {
			m = msg.IncentivesReasonProtectiveDisputed{Action: b.p.name(a.action), Owner: b.p.name(a.owner), Label: k.label, Date: v.At}
		}
		b.st.Protective = append(b.st.Protective, ProtectiveAction{Agent: agent, Team: team, Action: a.action, Owner: a.owner, At: v.At, Violations: ids,
			Reasons: []callfloor.Reason{{Rule: a.rule, Outcome: callfloor.Fired, Text: m.String(b.loc), Message: m.ID()}}})
	}
	if care {
		m := msg.IncentivesReasonHandOver{Label: k.label, Date: v.At}
		b.st.Protective = append(b.st.Protective, ProtectiveAction{Agent: agent, Team: team, Action: HandToCrisisOwner, Owner: CrisisOwner, At: v.At, Violations: ids,
			Reasons: []callfloor.Reason{{Rule: ruleHandOver, Outcome: callfloor.Fired, Text: m.String(b.loc), Message: m.ID()}}})
	}
}
