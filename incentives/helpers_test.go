package incentives

import (
	"strings"

	"github.com/callfloor/callfloor"
)

// guardOf returns the reason of the guardrail that holds a line, if any:
// its last reason, when that is one of the guardrails.
func guardOf(rs []callfloor.Reason) (callfloor.Reason, bool) {
	if len(rs) < 2 {
		return callfloor.Reason{}, false
	}
	g := rs[len(rs)-1]
	switch g.Rule {
	case ruleCare, ruleDispute, ruleFewEvals, ruleWithhold:
		return g, g.Outcome == callfloor.Held
	}
	return callfloor.Reason{}, false
}

// headOf reads a line's reasons as one sentence: the guardrail that holds
// it, if any, then the line's own sentence.
func headOf(rs []callfloor.Reason) string {
	if len(rs) == 0 {
		return ""
	}
	if g, ok := guardOf(rs); ok {
		return g.Text + "; " + rs[0].Text
	}
	return rs[0].Text
}

// reasonOf is headOf of a line.
func reasonOf(l Line) string { return headOf(l.Reasons) }

// noteOf joins the sentences of the factors between a line's base and
// its amount with "; ".
func noteOf(l Line) string {
	if len(l.Reasons) < 2 {
		return ""
	}
	rs := l.Reasons[1:]
	if _, ok := guardOf(l.Reasons); ok {
		rs = rs[:len(rs)-1]
	}
	var parts []string
	for _, r := range rs {
		parts = append(parts, r.Text)
	}
	return strings.Join(parts, "; ")
}

// recog is a Recognition as tests compare it: its one reason flattened.
type recog struct {
	Agent, Team string
	Kind        RecognitionKind
	Rule, Text  string
}

func recogOf(r Recognition) recog {
	x := recog{Agent: r.Agent, Team: r.Team, Kind: r.Kind}
	if len(r.Reasons) > 0 {
		x.Rule, x.Text = r.Reasons[0].Rule, r.Reasons[0].Text
	}
	return x
}

func recogs(rs []Recognition) []recog {
	out := []recog{}
	for _, r := range rs {
		out = append(out, recogOf(r))
	}
	return out
}

// item is a CorrectiveItem as tests compare it: its rule, and its reasons
// read as headOf reads them.
type item struct {
	Agent, Team string
	Kind        ItemKind
	Rule        string
	Step        Step
	Violations  []string
	Text        string
}

func itemOf(c CorrectiveItem) item {
	x := item{Agent: c.Agent, Team: c.Team, Kind: c.Kind, Step: c.Step, Violations: c.Violations, Text: headOf(c.Reasons)}
	if len(x.Violations) == 0 {
		x.Violations = nil
	}
	if len(c.Reasons) > 0 {
		x.Rule = c.Reasons[0].Rule
	}
	return x
}

func items(cs []CorrectiveItem) []item {
	out := []item{}
	for _, c := range cs {
		out = append(out, itemOf(c))
	}
	return out
}

// summaryOf joins the sentences of what a next grade misses with "; ".
func summaryOf(n NextGrade) string {
	var parts []string
	for _, r := range n.Reasons {
		parts = append(parts, r.Text)
	}
	return strings.Join(parts, "; ")
}

// sayOf reads all of a line's reasons as one line: headOf, then the
// factors.
func sayOf(l Line) string {
	if n := noteOf(l); n != "" {
		return reasonOf(l) + "; " + n
	}
	return reasonOf(l)
}

// stand is a Standing as tests compare it: its one reason's sentence.
type stand struct {
	Rank       int
	Team       string
	Agents     int
	Value      float64
	Prize      int64
	Text, Rule string
}

func standOf(s Standing) stand {
	x := stand{Rank: s.Rank, Team: s.Team, Agents: s.Agents, Value: s.Value, Prize: s.Prize}
	if len(s.Reasons) == 1 {
		x.Text, x.Rule = s.Reasons[0].Text, s.Reasons[0].Rule
	}
	return x
}

func stands(ss []Standing) []stand {
	out := []stand{}
	for _, s := range ss {
		out = append(out, standOf(s))
	}
	return out
}
