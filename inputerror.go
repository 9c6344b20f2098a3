package callfloor

import (
	"fmt"
	"strconv"
	"time"

	"github.com/callfloor/callfloor/internal/msg"
)

// ErrorKind says what kind of mistake an InputError reports.
type ErrorKind uint8

// The kinds of mistake in host data.
const (
	// ErrRequired: a value that must be given is missing or empty.
	ErrRequired ErrorKind = iota + 1
	// ErrInvalid: a value is malformed or breaks a rule about it (a time
	// out of order, NaN, an answer count that no instrument has).
	ErrInvalid
	// ErrOutOfRange: a number lies outside the range it may take.
	ErrOutOfRange
	// ErrDuplicate: a value that must be unique repeats an earlier one.
	ErrDuplicate
	// ErrNotSupported: a name is not one of those allowed; the message
	// lists the allowed names.
	ErrNotSupported
	// ErrForbidden: the value is well formed, but the rules do not allow
	// it here (a reviewer deciding a dispute on their own evaluation).
	ErrForbidden
)

var errorKindNames = []string{"", "required", "invalid", "out_of_range", "duplicate", "not_supported", "forbidden"}

// String gives the kind's name, as in "required".
func (k ErrorKind) String() string { return enumString("error kind", errorKindNames, k) }

// MarshalText gives the kind's name; a value that is not one of the
// constants is an error.
func (k ErrorKind) MarshalText() ([]byte, error) { return enumText("error kind", errorKindNames, k) }

// UnmarshalText reads a kind's name and refuses any other text.
func (k *ErrorKind) UnmarshalText(b []byte) error {
	v, err := enumParse[ErrorKind](msg.EnumErrorKind{}, errorKindNames, b)
	if err == nil {
		*k = v
	}
	return err
}

// InputError reports host data that a package refuses. Field is the path
// of the offending value, rooted at the name of the argument it came in
// ("assessment.screenings[2].at", "agents[3].metrics.csat", "event.at");
// Msg says what is wrong and what is allowed. Each kind of mistake is
// worded once, by a message of the catalogs: the constructors below word
// it in English around a detail given in English; a package whose policy
// names a locale words it in that locale, and then MessageID and Args
// name the message and its arguments, so that a host can word it itself,
// and Locale.Localize words it in another bundled locale.
type InputError struct {
	// Field is the path of the offending value; empty for a mistake with
	// the argument as a whole.
	Field Path `json:"field"`
	// Kind says what kind of mistake it is.
	Kind ErrorKind `json:"kind"`
	// Msg says what is wrong and, where it helps, what is allowed, in the
	// locale of the policy that refused the data (English when it names
	// none).
	Msg string `json:"message"`
	// MessageID is the id of the catalog message that says what is wrong
	// ("mood.input.closure_role"); empty when the detail was given as
	// English text.
	MessageID string `json:"message_id,omitempty"`
	// Args are the arguments of that message by name, as the data held
	// them; empty with MessageID. An argument that is itself a catalog
	// message, worded in the sentence's locale ("the whole number 3"),
	// is a map {"message": its id, "args": its own Args}, "args" left
	// out when it has none.
	Args map[string]any `json:"args,omitempty"`
	// loc is the locale Msg is worded in; nil for English.
	loc *msg.Locale
	// frame and detail are the catalog messages Msg was worded from, kept
	// so that Localize can word the error again in another locale: frame
	// is the kind's sentence ("{{.Value}} is outside {{.Lo}}..{{.Hi}},
	// {{.What}}") whose one text slot detail fills, nil when detail is the
	// whole sentence; both are nil when Msg was given as English text.
	frame, detail msg.Message
}

// LocalizedInputError gives an input error whose text is already worded
// in the locale l (nil is English) by the catalog message m, which names
// what is specific to the mistake: MessageID and Args are m's. Several
// such errors in an InputErrors are introduced in l too. When text is m
// worded in l, Localize can word the error in another locale; an error
// whose text wraps m in more words is built by FramedInputError instead.
func LocalizedInputError(l *msg.Locale, field Path, kind ErrorKind, text string, m msg.Message) *InputError {
	e := &InputError{Field: field, Kind: kind, Msg: text}
	if m != nil {
		e.MessageID, e.Args = m.ID(), m.Args()
		if text == m.String(orEnglish(l)) {
			e.detail = m
		}
	}
	if l != nil && l != msg.English() {
		e.loc = l
	}
	return e
}

// FramedInputError gives an input error worded in the locale l (nil is
// English) by the kind's sentence frame, whose text slot (Detail, What or
// Why) holds detail worded in l; a nil frame makes detail the whole
// sentence, a nil detail leaves the frame as given. MessageID and Args
// are detail's, or frame's when detail is nil. Package msgerr builds
// every kind of mistake with it, and Localize words it again from the
// same two messages.
func FramedInputError(l *msg.Locale, field Path, kind ErrorKind, frame, detail msg.Message) *InputError {
	l = orEnglish(l)
	e := &InputError{Field: field, Kind: kind, frame: frame, detail: detail}
	if l != msg.English() {
		e.loc = l
	}
	e.Msg = e.wordIn(l)
	if m := detail; m != nil || frame != nil {
		if m == nil {
			m = frame
		}
		e.MessageID, e.Args = m.ID(), m.Args()
	}
	return e
}

// wordIn words the error's message in l from its frame and detail; an
// error built from English text keeps its text.
func (e *InputError) wordIn(l *msg.Locale) string {
	if e.frame == nil {
		if e.detail == nil {
			return e.Msg
		}
		return e.detail.String(l)
	}
	if e.detail == nil {
		return e.frame.String(l)
	}
	d := e.detail.String(l)
	switch f := e.frame.(type) {
	case msg.InputRequiredBecause:
		f.Detail = d
		return f.String(l)
	case msg.InputInvalid:
		f.Detail = d
		return f.String(l)
	case msg.InputOutOfRangeOf:
		f.What = d
		return f.String(l)
	case msg.InputNotSupported:
		f.What = d
		return f.String(l)
	case msg.InputNotSupportedNone:
		f.What = d
		return f.String(l)
	case msg.InputForbidden:
		f.Detail = d
		return f.String(l)
	case msg.InputDuplicateBecause:
		f.Why = d
		return f.String(l)
	}
	return e.frame.String(l)
}

func orEnglish(l *msg.Locale) *msg.Locale {
	if l == nil {
		return msg.English()
	}
	return l
}

// Error formats the error as "<field>: <message>".
func (e *InputError) Error() string {
	if e == nil {
		return "callfloor: nil InputError"
	}
	if e.Field == "" {
		return e.Msg
	}
	return string(e.Field) + ": " + e.Msg
}

// Required reports a missing value; detail, when not empty, says why it is
// needed: Required("assessment.at", "triage speaks as of a time") reads
// "assessment.at: is required: triage speaks as of a time".
func Required(field Path, detail string) *InputError {
	en := msg.English()
	text := msg.InputRequired{}.String(en)
	if detail != "" {
		text = msg.InputRequiredBecause{Detail: detail}.String(en)
	}
	return &InputError{Field: field, Kind: ErrRequired, Msg: text}
}

// Invalid reports a malformed value: the value, then what is wrong with
// it. Invalid("check_ins[2].at", "2026-11-02T09:00:00Z", "is before
// check_ins[1]") reads "check_ins[2].at: 2026-11-02T09:00:00Z is before
// check_ins[1]".
func Invalid(field Path, value any, detail string) *InputError {
	return &InputError{Field: field, Kind: ErrInvalid, Msg: msg.InputInvalid{Value: FormatValue(value), Detail: detail}.String(msg.English())}
}

// OutOfRange reports a number outside the closed range lo..hi, with what
// the range is: OutOfRange("answers[2]", 4, 0, 3, "the scale of GAD-7 item
// 3") reads "answers[2]: 4 is outside 0..3, the scale of GAD-7 item 3".
func OutOfRange(field Path, value, lo, hi any, what string) *InputError {
	v, l, h := FormatValue(value), FormatValue(lo), FormatValue(hi)
	text := msg.InputOutOfRange{Value: v, Lo: l, Hi: h}.String(msg.English())
	if what != "" {
		text = msg.InputOutOfRangeOf{Value: v, Lo: l, Hi: h, What: what}.String(msg.English())
	}
	return &InputError{Field: field, Kind: ErrOutOfRange, Msg: text}
}

// Duplicate reports a value that repeats the one at other:
// Duplicate("agents[4].id", "li.na", "agents[1]") reads
// "agents[4].id: "li.na" duplicates agents[1]".
func Duplicate(field Path, value any, other Path) *InputError {
	return &InputError{Field: field, Kind: ErrDuplicate, Msg: msg.InputDuplicate{Value: FormatValue(value), Other: string(other)}.String(msg.English())}
}

// NotSupported reports a name that is not allowed, listing those that
// are, in the order given: NotSupported("observations[0].kind", "observation
// kind", "gossip", []string{"complaint", "absence"}) reads
// "observations[0].kind: unknown observation kind "gossip"; allowed:
// complaint, absence".
func NotSupported(field Path, what, value string, allowed []string) *InputError {
	text := msg.InputNotSupportedNone{What: what, Value: strconv.Quote(value)}.String(msg.English())
	if len(allowed) > 0 {
		text = msg.InputNotSupported{What: what, Value: strconv.Quote(value), Allowed: allowed}.String(msg.English())
	}
	return &InputError{Field: field, Kind: ErrNotSupported, Msg: text}
}

// Forbidden reports a well-formed value the rules do not allow here, and
// why: Forbidden("event.by", `"qa1" scored the evaluation and cannot
// decide its dispute`).
func Forbidden(field Path, detail string) *InputError {
	return &InputError{Field: field, Kind: ErrForbidden, Msg: msg.InputForbidden{Detail: detail}.String(msg.English())}
}

// FormatValue writes a value as the messages quote it: strings quoted,
// numbers in their shortest exact form, times in RFC 3339 with
// nanoseconds, anything else with %v.
func FormatValue(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case Path:
		return string(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case fmt.Stringer:
		return x.String()
	default:
		return fmt.Sprint(v)
	}
}

// InputErrors is several input errors found at once, in the order of the
// data. errors.As finds each *InputError through Unwrap.
type InputErrors []*InputError

// Error lists the errors one per line after a count, worded in the
// locale of the first error that has one (English when none has).
func (es InputErrors) Error() string {
	l := msg.English()
	for _, e := range es {
		if e != nil && e.loc != nil {
			l = e.loc
			break
		}
	}
	switch len(es) {
	case 0:
		return msg.InputNoErrors{}.String(l)
	case 1:
		return es[0].Error()
	}
	b := msg.InputErrors{N: len(es)}.Append(nil, l)
	for _, e := range es {
		b = append(b, "\n\t"...)
		b = append(b, e.Error()...)
	}
	return string(b)
}

// Unwrap returns each error, so that errors.As reaches every one.
func (es InputErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Path names a value in host data or in a policy the way a reader finds
// it: "agents[3].metrics.csat", "tiers[2].min". The zero Path is the
// argument or document itself.
type Path string

// Child is the path of the field name below p.
func (p Path) Child(name string) Path {
	if p == "" {
		return Path(name)
	}
	return p + "." + Path(name)
}

// Index is the path of element i of the list at p.
func (p Path) Index(i int) Path {
	return p + "[" + Path(strconv.Itoa(i)) + "]"
}

// Key is the path of the entry with key k of the map at p. Keys that are
// ids ("csat") read as children; any other key is quoted in brackets, so
// that the path stays unambiguous.
func (p Path) Key(k string) Path {
	if isID(k) {
		return p.Child(k)
	}
	return p + "[" + Path(strconv.Quote(k)) + "]"
}

// isID reports whether s matches ^[a-z][a-z0-9_]*$, the one rule for ids in
// every policy.
func isID(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}

// ValidID reports whether s is a valid policy id: a lowercase ASCII
// letter, then lowercase letters, digits and underscores
// (^[a-z][a-z0-9_]*$). Rule ids, metric names, role names and every other
// id of every policy follow it, so that ids join into unambiguous dotted
// paths and read the same in every language.
func ValidID(s string) bool { return isID(s) }
