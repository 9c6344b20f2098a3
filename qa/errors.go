package qa

import (
	"fmt"
	"math"
)

// InputError is bad data passed in by the host: an unknown item, a missing
// answer, a value off the scale, a NaN, events out of order. Field names
// the offending value the way the host's data spells it, as in
// "evaluation.answers[3].value".
type InputError struct {
	// Field is the path of the offending value, as in
	// "evaluation.answers[3].value".
	// Msg says what is wrong with it.
	Field string
	Msg   string
}

// Error returns "field: message"; a nil *InputError says so rather than
// panic.
func (e *InputError) Error() string {
	if e == nil {
		return "qa: nil *InputError"
	}
	return e.Field + ": " + e.Msg
}

func inputErr(field, format string, args ...any) error {
	return &InputError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// Reason is one rule that fired in a decision: its id, and a short
// sentence a person can read.
type Reason struct {
	// ID is the rule's stable id, as in "pass_mark" or "critical:<item>".
	// Text is the sentence, with the figures that decided.
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Source is who evaluated an interaction.
type Source string

const (
	// QA is a quality evaluator.
	QA Source = "qa"
	// Peer is another agent scoring with the same standard.
	Peer Source = "peer"
	// Self is the agent scoring their own interaction.
	Self Source = "self"
	// Lead is the agent's team lead.
	Lead Source = "lead"
)

const numSources = 4

const allowedSources = "qa, peer, self, lead"

func sourceIndex(s Source) (int, bool) {
	switch s {
	case QA:
		return 0, true
	case Peer:
		return 1, true
	case Self:
		return 2, true
	case Lead:
		return 3, true
	}
	return 0, false
}
