package incentives

import (
	"strconv"

	"github.com/callfloor/callfloor/internal/msg"
)

// quoted writes a value of a policy or of the host's data quoted, as %q
// does, for the arguments of policy problems and input errors.
func quoted(s string) string { return strconv.Quote(s) }

// gnum writes a number as %g does.
func gnum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// inum writes a whole number as %d does.
func inum[T ~int | ~int64 | ~int32](v T) string { return strconv.FormatInt(int64(v), 10) }

// idList gives the names of an enumeration as the strings a List
// argument takes.
func idList[T ~string](names []T) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = string(n)
	}
	return out
}

// orEnglish gives l, or English when l is nil.
func orEnglish(l *msg.Locale) *msg.Locale {
	if l == nil {
		return msg.English()
	}
	return l
}
