package coaching

import "github.com/callfloor/callfloor"

// stepReasons is the one reason a reminder of step of kind k carries.
func stepReasons(k Kind, step, text string) []callfloor.Reason {
	return []callfloor.Reason{{Rule: stepRule(k, step), Outcome: callfloor.Fired, Text: text}}
}

// texts writes reasons as "rule (outcome): text", so that a test asserts
// a rule, its outcome and its sentence at once.
func texts(rs []callfloor.Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Rule + " (" + r.Outcome.String() + "): " + r.Text
	}
	return out
}
