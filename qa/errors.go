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

// reason builds a Reason for the rule at the given YAML path. Facts that
// are not finite are left out: JSON cannot hold them, and a figure that
// has no value was not read.
func reason(rule string, o callfloor.Outcome, text string, facts ...callfloor.Fact) callfloor.Reason {
	r := callfloor.Reason{Rule: rule, Outcome: o, Text: text}
	for _, f := range facts {
		if finite(f.Value) {
			r.Facts = append(r.Facts, f)
		}
	}
	return r
}

// fact names a figure a rule read.
func fact[N int | float64](name string, v N) callfloor.Fact {
	return callfloor.Fact{Name: name, Value: float64(v)}
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
