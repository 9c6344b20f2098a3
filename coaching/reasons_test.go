package coaching

import (
	"strings"

	"github.com/callfloor/callfloor"
)

// stepReasons is the one reason a reminder of step of kind k carries.
func stepReasons(k Kind, step, text string) []callfloor.Reason {
	id := "coaching.reminder.silence"
	switch {
	case strings.Contains(text, " is owed by the "):
		id = "coaching.reminder.owed"
	case strings.Contains(text, " is overdue; "):
		id = "coaching.reminder.overdue"
	}
	return []callfloor.Reason{{Rule: stepRule(k, step), Outcome: callfloor.Fired, Text: text, Message: id}}
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
