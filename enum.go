package callfloor

import (
	"strconv"

	"github.com/callfloor/callfloor/internal/msg"
)

// enumText is the text form of an enumeration: names[v], or an error for
// a value with no name, so that a value outside the enumeration never
// reaches JSON as a number or an empty string.
func enumText[T ~uint8](kind string, names []string, v T) ([]byte, error) {
	if int(v) >= len(names) || names[v] == "" {
		return nil, &InputError{Kind: ErrInvalid, Msg: strconv.Itoa(int(v)) + " is not a " + kind}
	}
	return []byte(names[v]), nil
}

// enumParse finds name among names, or says which names are allowed,
// in English from the catalogs, so that Localize can word it again; kind
// names the enumeration ("outcome").
func enumParse[T ~uint8](kind msg.Message, names []string, name []byte) (T, error) {
	for i, n := range names {
		if n != "" && n == string(name) {
			return T(i), nil
		}
	}
	allowed := make([]string, 0, len(names))
	for _, n := range names {
		if n != "" {
			allowed = append(allowed, n)
		}
	}
	return 0, FramedInputError(nil, "", ErrNotSupported, msg.InputNotSupported{Value: strconv.Quote(string(name)), Allowed: allowed}, kind)
}

// enumString is names[v], or "kind(v)" for a value with no name.
func enumString[T ~uint8](kind string, names []string, v T) string {
	if int(v) < len(names) && names[v] != "" {
		return names[v]
	}
	return kind + "(" + strconv.Itoa(int(v)) + ")"
}
