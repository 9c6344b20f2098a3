package enum

import (
	"strings"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
)

// Marshal returns v as text when it is one of names; otherwise an
// *callfloor.InputError that says what kind of value it should be (kind,
// a message of the enum area: "tier") and which are allowed, worded in
// English; callfloor.Localize words it in another locale.
func Marshal[T ~string](kind msg.Message, v T, names []T) ([]byte, error) {
	for _, n := range names {
		if n == v {
			return []byte(v), nil
		}
	}
	return nil, notSupported(kind, string(v), names)
}

// Unmarshal reads b as one of names, or returns an *callfloor.InputError
// that lists them.
func Unmarshal[T ~string](kind msg.Message, b []byte, names []T) (T, error) {
	for _, n := range names {
		if string(n) == string(b) {
			return n, nil
		}
	}
	var zero T
	return zero, notSupported(kind, string(b), names)
}

// Allowed lists names as the error messages do: "a, b, c".
func Allowed[T ~string](names []T) string {
	var b strings.Builder
	for i, n := range names {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(n))
	}
	return b.String()
}

func notSupported[T ~string](kind msg.Message, v string, names []T) *callfloor.InputError {
	allowed := make([]string, len(names))
	for i, n := range names {
		allowed[i] = string(n)
	}
	return msgerr.NotSupported(nil, "", kind, v, allowed)
}
