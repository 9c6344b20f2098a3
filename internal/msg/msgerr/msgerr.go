// Package msgerr builds callfloor.InputError values worded by catalog
// messages in a policy's locale; an InputErrors of them is introduced in
// that locale too ("2个输入错误"). Each constructor mirrors the one of
// package callfloor of the same name, with the locale first and the
// detail as a msg.Message instead of English text; the error's MessageID
// and Args are the detail message's, which says what is specific to the
// mistake, and Msg wraps it in the locale's wording of the kind.
package msgerr

import (
	"strconv"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
)

func loc(l *msg.Locale) *msg.Locale {
	if l == nil {
		return msg.English()
	}
	return l
}

// Required reports a missing value; because, when not nil, says why it
// is needed.
func Required(l *msg.Locale, field callfloor.Path, because msg.Message) *callfloor.InputError {
	l = loc(l)
	if because == nil {
		return callfloor.LocalizedInputError(l, field, callfloor.ErrRequired, msg.InputRequired{}.String(l), msg.InputRequired{})
	}
	return callfloor.LocalizedInputError(l, field, callfloor.ErrRequired, msg.InputRequiredBecause{Detail: because.String(l)}.String(l), because)
}

// Invalid reports a malformed value: the value as callfloor.FormatValue
// quotes it, then what is wrong with it.
func Invalid(l *msg.Locale, field callfloor.Path, value any, detail msg.Message) *callfloor.InputError {
	l = loc(l)
	return callfloor.LocalizedInputError(l, field, callfloor.ErrInvalid, msg.InputInvalid{Value: callfloor.FormatValue(value), Detail: detail.String(l)}.String(l), detail)
}

// OutOfRange reports a number outside the closed range lo..hi; what, when
// not nil, says whose range it is.
func OutOfRange(l *msg.Locale, field callfloor.Path, value, lo, hi any, what msg.Message) *callfloor.InputError {
	l = loc(l)
	v, a, b := callfloor.FormatValue(value), callfloor.FormatValue(lo), callfloor.FormatValue(hi)
	if what == nil {
		m := msg.InputOutOfRange{Value: v, Lo: a, Hi: b}
		return callfloor.LocalizedInputError(l, field, callfloor.ErrOutOfRange, m.String(l), m)
	}
	return callfloor.LocalizedInputError(l, field, callfloor.ErrOutOfRange, msg.InputOutOfRangeOf{Value: v, Lo: a, Hi: b, What: what.String(l)}.String(l), what)
}

// Duplicate reports a value that repeats the one at other.
func Duplicate(l *msg.Locale, field callfloor.Path, value any, other callfloor.Path) *callfloor.InputError {
	l = loc(l)
	m := msg.InputDuplicate{Value: callfloor.FormatValue(value), Other: string(other)}
	return callfloor.LocalizedInputError(l, field, callfloor.ErrDuplicate, m.String(l), m)
}

// NotSupported reports a name that is not allowed, listing those that are;
// what names the kind of name in the locale ("observation kind").
func NotSupported(l *msg.Locale, field callfloor.Path, what msg.Message, value string, allowed []string) *callfloor.InputError {
	l = loc(l)
	if len(allowed) == 0 {
		return callfloor.LocalizedInputError(l, field, callfloor.ErrNotSupported, msg.InputNotSupportedNone{What: what.String(l), Value: strconv.Quote(value)}.String(l), what)
	}
	return callfloor.LocalizedInputError(l, field, callfloor.ErrNotSupported, msg.InputNotSupported{What: what.String(l), Value: strconv.Quote(value), Allowed: allowed}.String(l), what)
}

// Forbidden reports a well-formed value the rules do not allow here, and
// why.
func Forbidden(l *msg.Locale, field callfloor.Path, detail msg.Message) *callfloor.InputError {
	l = loc(l)
	return callfloor.LocalizedInputError(l, field, callfloor.ErrForbidden, msg.InputForbidden{Detail: detail.String(l)}.String(l), detail)
}
