package incentives

import (
	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/enum"
	"github.com/callfloor/callfloor/internal/msg"
)

// Comparison is the effect of changing policy on one period: what every
// agent would get under each policy, and why it differs. An HR author
// reads it before a policy edit ships.
type Comparison struct {
	// Before and After name the two policies compared.
	Before callfloor.Identity `json:"before"`
	After  callfloor.Identity `json:"after"`
	// Period is the period both were evaluated on.
	Period Period `json:"period"`
	// CenterBefore and CenterAfter are the center totals under each policy.
	CenterBefore Totals `json:"center_before"`
	CenterAfter  Totals `json:"center_after"`
	// Agents lists, by agent id, only the agents whose outcome changes.
	Agents []AgentChange `json:"agents"`
}

// AgentChange is how one agent's outcome differs between two policies.
type AgentChange struct {
	// Agent and Team are the agent's ids.
	Agent string `json:"agent"`
	Team  string `json:"team"`
	// Before and After are the agent's totals under each policy.
	Before Totals `json:"before"`
	After  Totals `json:"after"`
	// NetDelta is After.Net - Before.Net.
	NetDelta int64 `json:"net_delta"`
	// QualifiesBefore and QualifiesAfter are set when the grade the agent
	// qualifies for changes.
	QualifiesBefore string `json:"qualifies_before,omitempty"`
	QualifiesAfter  string `json:"qualifies_after,omitempty"`
	// Changes lists the lines that differ, in the after statement's order,
	// then the lines only the before statement has.
	Changes []LineChange `json:"changes"`
}

// ChangeKind says how a line differs between two policies.
type ChangeKind string

// The kinds of change.
const (
	// Added: only the after policy has the line.
	Added ChangeKind = "added"
	// Removed: only the before policy has the line.
	Removed ChangeKind = "removed"
	// Changed: both have it, with a different amount, hold, points,
	// title, badge, step, grade or base.
	Changed ChangeKind = "changed"
)

var changeKinds = []ChangeKind{Added, Removed, Changed}

// String gives the change's name, as in "added".
func (c ChangeKind) String() string { return string(c) }

// MarshalText gives the change's name; a value that is not one of the
// constants is an error.
func (c ChangeKind) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumIncentivesChange{}, c, changeKinds)
}

// UnmarshalText reads a change's name and refuses any other text.
func (c *ChangeKind) UnmarshalText(b []byte) error {
	v, err := enum.Unmarshal(msg.EnumIncentivesChange{}, b, changeKinds)
	if err == nil {
		*c = v
	}
	return err
}

// LineChange is one statement line that appears, disappears or differs.
// Lines are matched by rule (Line.Rule) and kind, in statement order.
type LineChange struct {
	// Kind is the line's kind, as on the statement.
	Kind LineKind `json:"kind"`
	// Change says whether the line was added, removed or changed.
	Change ChangeKind `json:"change"`
	// Before and After are the line's Amount under each policy; 0 where
	// the policy has no such line.
	Before int64 `json:"before"`
	After  int64 `json:"after"`
	// PointsBefore and PointsAfter are the line's Points under each
	// policy.
	PointsBefore int64 `json:"points_before"`
	PointsAfter  int64 `json:"points_after"`
	// StepBefore and StepAfter are the line's discipline Step under each
	// policy; absent where the line takes no step.
	StepBefore Step `json:"step_before,omitempty"`
	StepAfter  Step `json:"step_after,omitempty"`
	// Reasons are the line's reasons under the policy that has it, the
	// after policy when both do; the first names the line's rule.
	Reasons []callfloor.Reason `json:"reasons"`
}

// Rule returns the place in the policy of the line's rule: the Rule of
// its first reason.
func (c *LineChange) Rule() string {
	if len(c.Reasons) == 0 {
		return ""
	}
	return c.Reasons[0].Rule
}

// Compare evaluates the period under both policies and reports, per agent,
// what changes and why. An input error is reported as Evaluate reports it;
// a nil or zero policy, either of them, as ErrZeroPolicy.
func Compare(before, after *Policy, per Period, agents []AgentRecord) (Comparison, error) {
	if before.zero() || after.zero() {
		return Comparison{}, ErrZeroPolicy
	}
	sb, err := before.Evaluate(per, agents)
	if err != nil {
		return Comparison{}, err
	}
	sa, err := after.Evaluate(per, agents)
	if err != nil {
		return Comparison{}, err
	}
	c := Comparison{Before: sb.Policy, After: sa.Policy, Period: per, CenterBefore: sb.Center, CenterAfter: sa.Center, Agents: []AgentChange{}}
	qb := qualifications(&sb)
	qa := qualifications(&sa)
	ib, ia := 0, 0
	for k, at := range sa.Agents {
		for ib < len(sb.Lines) && sb.Lines[ib].Agent < at.Agent {
			ib++
		}
		for ia < len(sa.Lines) && sa.Lines[ia].Agent < at.Agent {
			ia++
		}
		eb, ea := ib, ia
		for eb < len(sb.Lines) && sb.Lines[eb].Agent == at.Agent {
			eb++
		}
		for ea < len(sa.Lines) && sa.Lines[ea].Agent == at.Agent {
			ea++
		}
		ch := AgentChange{Agent: at.Agent, Team: at.Team, Before: sb.Agents[k].Totals, After: at.Totals, NetDelta: at.Net - sb.Agents[k].Net}
		ch.Changes = diffLines(sb.Lines[ib:eb], sa.Lines[ia:ea])
		if g1, g2 := qb[at.Agent], qa[at.Agent]; g1 != g2 {
			ch.QualifiesBefore, ch.QualifiesAfter = g1, g2
		}
		if len(ch.Changes) > 0 || ch.QualifiesBefore != ch.QualifiesAfter || ch.Before != ch.After {
			c.Agents = append(c.Agents, ch)
		}
		ib, ia = eb, ea
	}
	return c, nil
}

func qualifications(s *Statement) map[string]string {
	m := make(map[string]string, len(s.Careers))
	for _, c := range s.Careers {
		m[c.Agent] = c.Qualifies
	}
	return m
}

type lineKey struct {
	rule string
	kind LineKind
	nth  int
}

func keyed(lines []Line) []lineKey {
	keys := make([]lineKey, len(lines))
	for i, l := range lines {
		n := 0
		for j := 0; j < i; j++ {
			if lines[j].Rule() == l.Rule() && lines[j].Kind == l.Kind {
				n++
			}
		}
		keys[i] = lineKey{l.Rule(), l.Kind, n}
	}
	return keys
}

func sameLine(a, b *Line) bool {
	return a.Amount == b.Amount && a.Held == b.Held && a.Points == b.Points && a.Title == b.Title &&
		a.Badge == b.Badge && a.Step == b.Step && a.Grade == b.Grade && a.Base == b.Base
}

func diffLines(before, after []Line) []LineChange {
	kb, ka := keyed(before), keyed(after)
	var out []LineChange
	matched := make([]bool, len(before))
	for i := range after {
		a := &after[i]
		j := -1
		for k := range before {
			if !matched[k] && kb[k] == ka[i] {
				j = k
				break
			}
		}
		if j < 0 {
			out = append(out, LineChange{Kind: a.Kind, Change: Added, After: a.Amount, PointsAfter: a.Points, StepAfter: a.Step, Reasons: a.Reasons})
			continue
		}
		matched[j] = true
		b := &before[j]
		if sameLine(b, a) {
			continue
		}
		out = append(out, LineChange{Kind: a.Kind, Change: Changed, Before: b.Amount, After: a.Amount,
			PointsBefore: b.Points, PointsAfter: a.Points, StepBefore: b.Step, StepAfter: a.Step, Reasons: a.Reasons})
	}
	for k := range before {
		if !matched[k] {
			b := &before[k]
			out = append(out, LineChange{Kind: b.Kind, Change: Removed, Before: b.Amount, PointsBefore: b.Points, StepBefore: b.Step, Reasons: b.Reasons})
		}
	}
	return out
}
