package enum

import (
	"strconv"
	"strings"

	"github.com/callfloor/callfloor"
)

// Marshal returns v as text when it is one of names; otherwise an
// *callfloor.InputError that says what kind of value it should be and
// which are allowed.
func Marshal[T ~string](kind string, v T, names []T) ([]byte, error) {
	for _, n := range names {
		if n == v {
			return []byte(v), nil
		}
	}
	return nil, notSupported(kind, string(v), names)
}

// Unmarshal reads b as one of names, or returns an *callfloor.InputError
// that lists them.
func Unmarshal[T ~string](kind string, b []byte, names []T) (T, error) {
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

func notSupported[T ~string](kind, v string, names []T) error {
	allowed := make([]string, len(names))
	for i, n := range names {
		allowed[i] = string(n)
	}
	return &callfloor.InputError{Kind: callfloor.ErrNotSupported,
		Msg: "unknown " + kind + " " + strconv.Quote(v) + "; allowed: " + strings.Join(allowed, ", ")}
}
