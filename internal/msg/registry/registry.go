// Package registry is the source of truth for every sentence callfloor
// writes: one Def per message, with its id, its named arguments and their
// kinds, the argument that selects a plural form, and a note for
// translators. The catalogs under internal/msg/locales are checked against
// it, and `go generate ./internal/msg` writes one typed struct per Def
// from it.
//
// Each area declares its messages in its own file of this package with
// Register in an init function, so that areas never edit one shared
// table; All returns them sorted by id, which fixes each message's dense
// index.
package registry

import (
	"fmt"
	"sort"
	"strings"
)

// Kind is the kind of a message argument: it fixes the argument's Go type
// in the generated struct and how a locale writes it.
type Kind uint8

// The argument kinds.
const (
	// String is text written as given (a name, an id, a quoted value).
	String Kind = iota + 1
	// Int is a count or an ordinal (Go int), written in digits without
	// grouping; it is the only kind that can select a plural form.
	Int
	// Number is a figure (Go float64), written with the locale's grouping
	// and decimal mark, rounded to two decimals, trailing zeros dropped.
	Number
	// Money is an amount in minor units (Go int64), written with the
	// locale's money pattern and two decimals ("CNY 1,234.50", "¥1,234.50").
	Money
	// Date is a calendar date (Go time.Time) in the locale's date layout
	// ("2026-11-02", "2026年11月2日").
	Date
	// Time is a time of day (Go time.Time) in the locale's 24-hour layout.
	Time
	// DateTime is an instant (Go time.Time) with date, time and offset.
	DateTime
	// Duration is a span (Go time.Duration): whole days in the locale's
	// day words ("3 days", "3天"), any other span in hours, minutes and
	// seconds ("36h", "36小时").
	Duration
	// List is several texts (Go []string) joined by the locale's list
	// separator ("a, b", "a、b").
	List
	// ListAnd is several texts (Go []string) joined as a conjunction ("1, 2
	// and 4", "1、2和4").
	ListAnd
	// Msg is another message (Go msg.Message), written in the locale of
	// the sentence that holds it, so that a part worded from the catalogs
	// ("the whole number 3", "整数3") is never left in a language the
	// rest of the sentence is not: a sentence worded again in another
	// locale words its parts again too. A nil message writes nothing.
	// Args gives it as {"message": id, "args": {...}}, "args" left out
	// when the message has none, and nil for a nil message.
	Msg
	// Stamp is an instant as the data holds it (Go time.Time), to the
	// second, in the locale's format.stamp layout: RFC 3339 in English
	// ("2026-11-02T09:00:00Z"), the locale's date and time elsewhere
	// ("2026年11月2日 09:00:00 Z"). It is the kind of a time the host
	// sent or a case stored, quoted back in an error; Args gives the
	// time itself, which JSON writes in RFC 3339.
	Stamp
	// StampNano is Stamp with the fraction of a second the instant has,
	// none when it has none, in the locale's format.stamp_nano layout
	// ("2026-11-02T09:00:00.5Z", "2026年11月2日 09:00:00.5 Z"), for a
	// sentence that sets one instant against another the data gives to
	// the nanosecond.
	StampNano
)

var kindNames = [...]string{"", "string", "int", "number", "money", "date", "time", "datetime", "duration", "list", "list_and", "message", "stamp", "stamp_nano"}

// String gives the kind's name, as in "money".
func (k Kind) String() string {
	if int(k) < len(kindNames) && k != 0 {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// GoType is the Go type the generated struct gives an argument of the kind.
func (k Kind) GoType() string {
	switch k {
	case String:
		return "string"
	case Int:
		return "int"
	case Number:
		return "float64"
	case Money:
		return "int64"
	case Date, Time, DateTime, Stamp, StampNano:
		return "time.Time"
	case Duration:
		return "time.Duration"
	case List, ListAnd:
		return "[]string"
	case Msg:
		return "Message"
	}
	return ""
}

// Arg is one named argument of a message. Name is how the catalogs write
// it ({{.Name}}) and the generated struct's field name, so it is an
// exported Go identifier.
type Arg struct {
	Name string
	Kind Kind
}

// Def is one message.
type Def struct {
	// ID is the stable message id, dotted and lowercase: the area first
	// ("mood.reason.stale", "input.required").
	ID string
	// Args are the named arguments, in the order the English sentence
	// names them.
	Args []Arg
	// Plural names the Int argument whose value selects the CLDR plural
	// form; empty when the message has one form.
	Plural string
	// Doc tells translators what the message says and when.
	Doc string
}

// FormatPrefix starts the ids of the reserved messages that tell the
// runtime how a locale writes numbers, money, dates, times, durations and
// lists. They are in every catalog but have no generated struct.
const FormatPrefix = "format."

var defs = map[string]Def{}

// Register adds messages to the registry; it panics on a malformed or
// repeated definition, which is a build defect.
func Register(ds ...Def) {
	for _, d := range ds {
		if err := d.check(); err != nil {
			panic("registry: " + err.Error())
		}
		if _, dup := defs[d.ID]; dup {
			panic("registry: " + d.ID + " is registered twice")
		}
		defs[d.ID] = d
	}
}

func (d Def) check() error {
	if d.ID == "" || strings.Trim(d.ID, "abcdefghijklmnopqrstuvwxyz0123456789._") != "" || strings.Contains(d.ID, "..") || d.ID[0] == '.' || d.ID[len(d.ID)-1] == '.' {
		return fmt.Errorf("%q is not a dotted lowercase id", d.ID)
	}
	if d.Doc == "" {
		return fmt.Errorf("%s has no Doc for translators", d.ID)
	}
	seen := map[string]bool{}
	for _, a := range d.Args {
		if a.Name == "" || a.Name[0] < 'A' || a.Name[0] > 'Z' || strings.Trim(a.Name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") != "" {
			return fmt.Errorf("%s: argument %q is not an exported Go name", d.ID, a.Name)
		}
		if isMethod(a.Name) {
			return fmt.Errorf("%s: argument %s is the name of a method of the generated struct (%s); name it for what it holds", d.ID, a.Name, strings.Join(methods[:], ", "))
		}
		if seen[a.Name] {
			return fmt.Errorf("%s: argument %s is declared twice", d.ID, a.Name)
		}
		seen[a.Name] = true
		if a.Kind.GoType() == "" {
			return fmt.Errorf("%s: argument %s has no kind", d.ID, a.Name)
		}
	}
	if d.Plural != "" {
		a, ok := d.Arg(d.Plural)
		if !ok || a.Kind != Int {
			return fmt.Errorf("%s: plural argument %s is not an Int argument", d.ID, d.Plural)
		}
	}
	return nil
}

// methods are the methods every generated struct has (msg.Message); a
// field of the same name would not compile.
var methods = [...]string{"ID", "Append", "String", "Args"}

func isMethod(name string) bool {
	for _, m := range methods {
		if m == name {
			return true
		}
	}
	return false
}

// Arg finds the argument named name.
func (d Def) Arg(name string) (Arg, bool) {
	for _, a := range d.Args {
		if a.Name == name {
			return a, true
		}
	}
	return Arg{}, false
}

// IsFormat reports whether d is one of the reserved format messages.
func (d Def) IsFormat() bool { return strings.HasPrefix(d.ID, FormatPrefix) }

// All returns every registered message sorted by id; a message's place in
// it is its dense index in a compiled locale.
func All() []Def {
	out := make([]Def, 0, len(defs))
	for _, d := range defs {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// TypeName is the name of the generated struct of a message id: the parts
// of the id between dots and underscores, capitalised and joined
// ("mood.reason.stale" gives MoodReasonStale).
func TypeName(id string) string {
	var b strings.Builder
	up := true
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c == '.' || c == '_' {
			up = true
			continue
		}
		if up && c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		up = false
		b.WriteByte(c)
	}
	return b.String()
}
