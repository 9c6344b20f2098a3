package qa

import (
	"fmt"
	"github.com/callfloor/callfloor"
	"math"
)

// inputErr reports a mistake whose sentence carries more than the
// callfloor constructors can say, with the kind of mistake it is.
func inputErr(kind callfloor.ErrorKind, field, format string, args ...any) error {
	return &callfloor.InputError{Field: callfloor.Path(field), Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// required reports a missing value at field.
func required(field string) error { return callfloor.Required(callfloor.Path(field), "") }

// hasKey reports whether m holds k.
func hasKey[V any](m map[string]V, k string) bool {
	_, ok := m[k]
	return ok
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
