package mood

import (
	"time"

	"github.com/callfloor/callfloor"
)

// invalid reports a value that breaks a rule about it, in a sentence no
// constructor of callfloor words: it starts with what is wrong ("is set
// on a GAD-7 screening") rather than with the value.
func invalid(field callfloor.Path, msg string) error {
	return &callfloor.InputError{Field: field, Kind: callfloor.ErrInvalid, Msg: msg}
}

// duplicate is callfloor.Duplicate with why the two collide, for a
// value that is only a duplicate together with another field (two
// screenings of one instrument at one time).
func duplicate(field callfloor.Path, value any, other callfloor.Path, why string) error {
	e := callfloor.Duplicate(field, value, other)
	e.Msg += ": " + why
	return e
}

// stamp quotes a time in the error messages as RFC 3339 with
// nanoseconds, the form the host's JSON holds it in.
type stamp time.Time

func (s stamp) String() string { return time.Time(s).Format(time.RFC3339Nano) }

// elem names element i of a list of the input, as in
// "assessment.screenings[2]".
func elem(list callfloor.Path, i int) callfloor.Path { return list.Index(i) }

// names lists an enumeration's names as the errors' "allowed" lists do.
func names[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
