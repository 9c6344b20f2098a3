package qa

import (
	"github.com/callfloor/callfloor/internal/enum"
	"github.com/callfloor/callfloor/internal/msg"
)

// The names of each enumeration, in the order the errors list them. Every
// "allowed" list of an error message comes from these, so that it names
// exactly the constants.
var (
	sources      = []Source{QA, Peer, Self, Lead}
	levels       = []Level{Nominal, Ordinal, Interval, Ratio}
	itemTypes    = []ItemType{YesNo, Scale}
	scopes       = []Scope{FailsEvaluation, FailsSection}
	statuses     = []Status{StatusOpen, StatusDecided, StatusWithdrawn}
	eventTypes   = []EventType{EventRaise, EventDecide, EventWithdraw}
	decisions    = []Decision{Upheld, Overturned}
	partKinds    = []PartKind{Strength, Correction}
	uses         = []Use{ForPay, ForDiscipline}
	directions   = []Direction{Harsher, MoreLenient, Balanced, TooFewSessions}
	referenceBys = []ReferenceKind{ReferenceExpert, ReferenceMedian}

	// The enumerations whose zero value is a name of its own: an item that
	// is not critical, an item not yet decided.
	scopesOrNone    = []Scope{NotCritical, FailsEvaluation, FailsSection}
	decisionsOrNone = []Decision{Pending, Upheld, Overturned}
)

// names lists an enumeration's names as strings, for an error message.
func names[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// String gives the source's name, as in "qa".
func (s Source) String() string { return string(s) }

// MarshalText gives the source's name; a value that is not one of the
// constants is an error.
func (s Source) MarshalText() ([]byte, error) { return enum.Marshal(msg.EnumQaSource{}, s, sources) }

// UnmarshalText reads a source's name and refuses any other text.
func (s *Source) UnmarshalText(b []byte) error { return unmarshal(msg.EnumQaSource{}, b, sources, s) }

// String gives the level's name, as in "ordinal".
func (l Level) String() string { return string(l) }

// MarshalText gives the level's name; a value that is not one of the
// constants is an error.
func (l Level) MarshalText() ([]byte, error) { return enum.Marshal(msg.EnumQaLevel{}, l, levels) }

// UnmarshalText reads a level's name and refuses any other text.
func (l *Level) UnmarshalText(b []byte) error { return unmarshal(msg.EnumQaLevel{}, b, levels, l) }

// String gives the item type's name, as in "yes_no".
func (t ItemType) String() string { return string(t) }

// MarshalText gives the item type's name; a value that is not one of the
// constants is an error.
func (t ItemType) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumQaItemType{}, t, itemTypes)
}

// UnmarshalText reads an item type's name and refuses any other text.
func (t *ItemType) UnmarshalText(b []byte) error {
	return unmarshal(msg.EnumQaItemType{}, b, itemTypes, t)
}

// String gives the scope's name: "evaluation", "section", or "" for
// NotCritical.
func (s Scope) String() string { return string(s) }

// MarshalText gives the scope's name ("" for NotCritical); a value that
// is not one of the constants is an error.
func (s Scope) MarshalText() ([]byte, error) { return enum.Marshal(msg.EnumQaScope{}, s, scopesOrNone) }

// UnmarshalText reads a scope's name, or "" for NotCritical, and refuses
// any other text.
func (s *Scope) UnmarshalText(b []byte) error {
	return unmarshal(msg.EnumQaScope{}, b, scopesOrNone, s)
}

// String gives the status's name, as in "open".
func (s Status) String() string { return string(s) }

// MarshalText gives the status's name; a value that is not one of the
// constants is an error.
func (s Status) MarshalText() ([]byte, error) { return enum.Marshal(msg.EnumQaStatus{}, s, statuses) }

// UnmarshalText reads a status's name and refuses any other text.
func (s *Status) UnmarshalText(b []byte) error { return unmarshal(msg.EnumQaStatus{}, b, statuses, s) }

// String gives the event type's name, as in "raise".
func (t EventType) String() string { return string(t) }

// MarshalText gives the event type's name; a value that is not one of the
// constants is an error.
func (t EventType) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumQaEventType{}, t, eventTypes)
}

// UnmarshalText reads an event type's name and refuses any other text.
func (t *EventType) UnmarshalText(b []byte) error {
	return unmarshal(msg.EnumQaEventType{}, b, eventTypes, t)
}

// String gives the decision's name: "upheld", "overturned", or "" for
// Pending.
func (d Decision) String() string { return string(d) }

// MarshalText gives the decision's name ("" for Pending); a value that is
// not one of the constants is an error.
func (d Decision) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumQaDecision{}, d, decisionsOrNone)
}

// UnmarshalText reads a decision's name, or "" for Pending, and refuses
// any other text.
func (d *Decision) UnmarshalText(b []byte) error {
	return unmarshal(msg.EnumQaDecision{}, b, decisionsOrNone, d)
}

// String gives the part kind's name, as in "strength".
func (k PartKind) String() string { return string(k) }

// MarshalText gives the part kind's name; a value that is not one of the
// constants is an error.
func (k PartKind) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumQaPartKind{}, k, partKinds)
}

// UnmarshalText reads a part kind's name and refuses any other text.
func (k *PartKind) UnmarshalText(b []byte) error {
	return unmarshal(msg.EnumQaPartKind{}, b, partKinds, k)
}

// String gives the use's name, as in "pay".
func (u Use) String() string { return string(u) }

// MarshalText gives the use's name; a value that is not one of the
// constants is an error.
func (u Use) MarshalText() ([]byte, error) { return enum.Marshal(msg.EnumQaUse{}, u, uses) }

// UnmarshalText reads a use's name and refuses any other text.
func (u *Use) UnmarshalText(b []byte) error { return unmarshal(msg.EnumQaUse{}, b, uses, u) }

// String gives the direction's name, as in "harsher".
func (d Direction) String() string { return string(d) }

// MarshalText gives the direction's name; a value that is not one of the
// constants is an error.
func (d Direction) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumQaDirection{}, d, directions)
}

// UnmarshalText reads a direction's name and refuses any other text.
func (d *Direction) UnmarshalText(b []byte) error {
	return unmarshal(msg.EnumQaDirection{}, b, directions, d)
}

// String gives the reference kind's name, as in "median".
func (k ReferenceKind) String() string { return string(k) }

// MarshalText gives the reference kind's name; a value that is not one of
// the constants is an error.
func (k ReferenceKind) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumQaReference{}, k, referenceBys)
}

// UnmarshalText reads a reference kind's name and refuses any other text.
func (k *ReferenceKind) UnmarshalText(b []byte) error {
	return unmarshal(msg.EnumQaReference{}, b, referenceBys, k)
}

// unmarshal sets *dst to the name b when it is one of names, and leaves it
// as it was otherwise.
func unmarshal[T ~string](kind msg.Message, b []byte, names []T, dst *T) error {
	v, err := enum.Unmarshal(kind, b, names)
	if err == nil {
		*dst = v
	}
	return err
}
