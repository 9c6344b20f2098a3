// Package msgerr builds callfloor.InputError values worded by catalog
// messages in a policy's locale; an InputErrors of them is introduced in
// that locale too ("2个输入错误"). Each constructor mirrors the one of
// package callfloor of the same name, with the locale first and the
// detail as a msg.Message instead of English text; the error's MessageID
// and Args are the detail message's, which says what is specific to the
// mistake, and Msg wraps it in the locale's wording of the kind. The error
// keeps both messages, so that callfloor.Localize can word it again in
// another locale.
package msgerr

import (
	"strconv"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/timerange"
)

// Required reports a missing value; because, when not nil, says why it
// is needed.
func Required(l *msg.Locale, field callfloor.Path, because msg.Message) *callfloor.InputError {
	if because == nil {
		return callfloor.FramedInputError(l, field, callfloor.ErrRequired, nil, msg.InputRequired{})
	}
	return callfloor.FramedInputError(l, field, callfloor.ErrRequired, msg.InputRequiredBecause{}, because)
}

// Invalid reports a malformed value: the value as callfloor.FormatValue
// quotes it, then what is wrong with it.
func Invalid(l *msg.Locale, field callfloor.Path, value any, detail msg.Message) *callfloor.InputError {
	return callfloor.FramedInputError(l, field, callfloor.ErrInvalid, msg.InputInvalid{Value: callfloor.FormatValue(value)}, detail)
}

// OutOfRange reports a number outside the closed range lo..hi; what, when
// not nil, says whose range it is.
func OutOfRange(l *msg.Locale, field callfloor.Path, value, lo, hi any, what msg.Message) *callfloor.InputError {
	v, a, b := callfloor.FormatValue(value), callfloor.FormatValue(lo), callfloor.FormatValue(hi)
	if what == nil {
		return callfloor.FramedInputError(l, field, callfloor.ErrOutOfRange, nil, msg.InputOutOfRange{Value: v, Lo: a, Hi: b})
	}
	return callfloor.FramedInputError(l, field, callfloor.ErrOutOfRange, msg.InputOutOfRangeOf{Value: v, Lo: a, Hi: b}, what)
}

// Duplicate reports a value that repeats the one at other.
func Duplicate(l *msg.Locale, field callfloor.Path, value any, other callfloor.Path) *callfloor.InputError {
	return callfloor.FramedInputError(l, field, callfloor.ErrDuplicate, nil, msg.InputDuplicate{Value: callfloor.FormatValue(value), Other: string(other)})
}

// NotSupported reports a name that is not allowed, listing those that are;
// what names the kind of name in the locale ("observation kind").
func NotSupported(l *msg.Locale, field callfloor.Path, what msg.Message, value string, allowed []string) *callfloor.InputError {
	if len(allowed) == 0 {
		return callfloor.FramedInputError(l, field, callfloor.ErrNotSupported, msg.InputNotSupportedNone{Value: strconv.Quote(value)}, what)
	}
	return callfloor.FramedInputError(l, field, callfloor.ErrNotSupported, msg.InputNotSupported{Value: strconv.Quote(value), Allowed: allowed}, what)
}

// Forbidden reports a well-formed value the rules do not allow here, and
// why.
func Forbidden(l *msg.Locale, field callfloor.Path, detail msg.Message) *callfloor.InputError {
	return callfloor.FramedInputError(l, field, callfloor.ErrForbidden, msg.InputForbidden{}, detail)
}

// TimeProblem says why t cannot be stored as JSON, as the catalog message
// that words it (input.year_range, input.zone_range), or gives nil when it
// can be: the one wording of every package's refusal of such a time,
// alone after a field's path or ending another message.
func TimeProblem(t time.Time) msg.Message {
	if timerange.Storable(t) {
		return nil
	}
	if y := t.Year(); y < timerange.MinYear || y > timerange.MaxYear {
		return msg.InputYearRange{Year: y, Min: timerange.MinYear, Max: timerange.MaxYear}
	}
	_, off := t.Zone()
	return msg.InputZoneRange{Offset: off}
}
