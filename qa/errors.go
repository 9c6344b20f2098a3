package qa

import (
	"math"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
)

// required reports a missing value at field, worded in l.
func required(l *msg.Locale, field string) error {
	return msgerr.Required(l, callfloor.Path(field), nil)
}

// hasKey reports whether m holds k.
func hasKey[V any](m map[string]V, k string) bool {
	_, ok := m[k]
	return ok
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

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
