package incentives

import (
	"github.com/callfloor/callfloor"
	"strconv"
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

// LineChange is one statement line that appears, disappears or differs.
// Lines are matched by rule and kind, in statement order.
type LineChange struct {
	// Rule and Kind identify the line, as on the statement.
	Rule string   `json:"rule"`
	Kind LineKind `json:"kind"`
	// Change is "added", "removed" or "changed".
	Change string `json:"change"`
	// Before and After are the line's Amount under each policy; 0 where
	// the policy has no such line.
	Before int64 `json:"before"`
	After  int64 `json:"after"`
	// Why quotes the reason (and note) of the line under the policy that
	// has it, the after policy when both do.
	Why string `json:"why"`
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
			if lines[j].Rule == l.Rule && lines[j].Kind == l.Kind {
				n++
			}
		}
		keys[i] = lineKey{l.Rule, l.Kind, n}
	}
	return keys
}

func sameLine(a, b *Line) bool {
	return a.Amount == b.Amount && a.Held == b.Held && a.Points == b.Points && a.Title == b.Title &&
		a.Badge == b.Badge && a.Step == b.Step && a.Grade == b.Grade && a.Base == b.Base
}

func why(l *Line) string {
	if l.Note != "" {
		return l.Reason + " [" + l.Note + "]"
	}
	return l.Reason
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
			out = append(out, LineChange{Rule: a.Rule, Kind: a.Kind, Change: "added", After: a.Amount, Why: why(a)})
			continue
		}
		matched[j] = true
		b := &before[j]
		if sameLine(b, a) {
			continue
		}
		w := why(a)
		if b.Points != a.Points {
			w = "points " + strconv.FormatInt(b.Points, 10) + " to " + strconv.FormatInt(a.Points, 10) + "; " + w
		}
		if b.Step != a.Step {
			w = "step " + string(b.Step) + " to " + string(a.Step) + "; " + w
		}
		out = append(out, LineChange{Rule: a.Rule, Kind: a.Kind, Change: "changed", Before: b.Amount, After: a.Amount, Why: w})
	}
	for k := range before {
		if !matched[k] {
			b := &before[k]
			out = append(out, LineChange{Rule: b.Rule, Kind: b.Kind, Change: "removed", Before: b.Amount, Why: why(b)})
		}
	}
	return out
}
