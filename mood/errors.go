package mood

import (
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
)

// invalid reports a value that breaks a rule about it, in a sentence no
// constructor of callfloor words: it starts with what is wrong ("is set
// on a GAD-7 screening") rather than with the value. The sentence is m in
// l, and the error carries m's id and arguments.
func invalid(l *msg.Locale, field callfloor.Path, m msg.Message) error {
	return callfloor.FramedInputError(l, field, callfloor.ErrInvalid, nil, m)
}

// timeErr refuses a time JSON cannot hold, worded in l: what is wrong
// with it after the field's path.
func timeErr(l *msg.Locale, field callfloor.Path, t time.Time) error {
	return invalid(l, field, msgerr.TimeProblem(t))
}

// duplicate is callfloor.Duplicate with why the two collide, for a
// value that is only a duplicate together with another field (two
// screenings of one instrument at one time).
func duplicate(l *msg.Locale, field callfloor.Path, value any, other callfloor.Path, why msg.Message) error {
	frame := msg.InputDuplicateBecause{Value: callfloor.FormatValue(value), Other: string(other)}
	return callfloor.FramedInputError(l, field, callfloor.ErrDuplicate, frame, why)
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
