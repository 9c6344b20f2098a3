package coaching

import (
	"fmt"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
)

// inputErr reports host data refused for a reason that no constructor of
// package msgerr words: the message m, worded in l (nil is English),
// carries what the case or the policy expects instead.
func inputErr[F ~string](l *msg.Locale, kind callfloor.ErrorKind, field F, m msg.Message) error {
	if l == nil {
		l = msg.English()
	}
	return callfloor.FramedInputError(l, callfloor.Path(field), kind, nil, m)
}

// quote writes a value as %q does, for the quoted ids and names of the
// input errors and policy problems.
func quote(v any) string { return fmt.Sprintf("%q", v) }

// text writes a value as %v does.
func text(v any) string { return fmt.Sprint(v) }

// deadline names a step's deadline in a refusal, or none when it is
// zero.
func deadline(t time.Time) msg.Message {
	if t.IsZero() {
		return msg.CoachingInputNone{}
	}
	return msg.CoachingInputDeadline{Due: t}
}

// timeProblem says why t cannot be stored, or nil when it can.
func timeProblem(t time.Time) msg.Message { return msgerr.TimeProblem(t) }

// article names the event type after its indefinite article, as in "an
// answer_on_the_spot", for sentences about one event. Whether the id
// takes "a" or "an" is read from its English spelling; a language without
// articles words both messages as the id alone.
func (t EventType) article() msg.Message {
	if t != "" && strings.ContainsRune("aeiou", rune(t[0])) {
		return msg.CoachingInputEventAn{Type: string(t)}
	}
	return msg.CoachingInputEventA{Type: string(t)}
}

// expected says what a case takes next, for refusals.
func (c *Case) expected() msg.Message {
	switch c.Status {
	case StatusClosed:
		return msg.CoachingInputCaseClosed{}
	case StatusCancelled:
		return msg.CoachingInputCaseCancelled{}
	}
	if i := c.next(); i < len(c.Steps) {
		return msg.CoachingInputExpectedComplete{Step: quote(c.Steps[i].Step)}
	}
	return msg.CoachingInputExpectedClose{}
}

// policies names the policy a case was opened under and the one asked to
// apply an event to it, for refusals across policy versions.
func (p *Policy) policies(c *Case) msg.Message {
	return msg.CoachingInputOpenedUnderPolicy{Opened: text(c.Policy), This: text(p.id)}
}

// previous names the event before the k-th of the history at root, or
// the opening.
func previous(root callfloor.Path, k int) msg.Message {
	if k == 0 {
		return msg.CoachingInputTheOpening{}
	}
	return msg.CoachingInputPreviousEvent{Event: fmt.Sprintf("%s.history[%d]", root, k-1)}
}

// lastName names the last of n events of the history at root, or the
// opening when there are none.
func lastName(root callfloor.Path, n int) msg.Message {
	if n == 0 {
		return msg.CoachingInputLastOpening{}
	}
	return msg.CoachingInputLastEvent{Event: fmt.Sprintf("%s.history[%d]", root, n-1)}
}

// recordList says what a step records, for refusals: "issue,
// interview_notes", "follow_up_notes, feedback_given and optionally
// suggestion_adopted", "nothing". It is built only for an error: Apply
// checks records on every completion.
func recordList(keeps, optional []string) msg.Message {
	switch {
	case len(keeps) == 0 && len(optional) == 0:
		return msg.CoachingInputRecordsNothing{}
	case len(optional) == 0:
		return msg.CoachingInputRecordsKeeps{Keeps: keeps}
	case len(keeps) == 0:
		return msg.CoachingInputRecordsOptional{Optional: optional}
	}
	return msg.CoachingInputRecordsBoth{Keeps: keeps, Optional: optional}
}
