package callfloor

import (
	"maps"
	"reflect"
	"strings"

	"github.com/callfloor/callfloor/internal/msg"
)

// Locale is a bundled locale that errors can be worded in, as
// LookupLocale gives it. The zero Locale is English. A Locale is a small
// immutable value, safe for concurrent use.
type Locale struct{ l *msg.Locale }

// LookupLocale gives the bundled locale of the BCP 47 tag ("en",
// "zh-CN"), the tags a policy's locale field takes. A tag that is not
// bundled is an error naming those that are.
func LookupLocale(tag string) (Locale, error) {
	l, err := msg.Lookup(tag)
	if err != nil {
		return Locale{}, err
	}
	return Locale{l}, nil
}

// Locales lists the tags of the bundled locales, sorted: the tags
// LookupLocale accepts, for a host that matches a reader's languages
// against them.
func Locales() []string { return msg.Tags() }

// String gives the locale's tag, as in "zh-CN".
func (l Locale) String() string { return l.loc().Tag() }

func (l Locale) loc() *msg.Locale { return orEnglish(l.l) }

// Localize gives err worded in the locale l: a host words an error in its
// reader's language rather than in the locale of the policy that refused
// the data, or words an error of a function that takes no policy (such as
// mood.Score), which is English, in the policy's locale.
//
// Every *InputError, InputErrors, *PolicyError and Problem in err's tree
// is worded again, the whole sentence from the catalogs: the kind's
// wording ("is outside 0..3"), what is specific to the mistake, a
// problem's place and the heading of a list. A wrapping error (fmt.Errorf
// with %w, errors.Join) keeps its own words, with the text of each error
// it wraps replaced by the new wording; errors.Is and errors.As see
// through it to the errors it wraps as before, worded again, and match
// the wrapper itself as they did. Any other error is kept as it is.
// Localize returns a new error and never changes err; Field, Kind,
// MessageID, Args, Path, Line and Column stay as they were.
//
// Some errors stay English whatever the locale, because they are for the
// developer who wrote the call rather than for the people the data is
// about, as a panic message is: a nil or zero policy or scorecard
// (ErrZeroPolicy, ErrZeroScorecard), a nil pointer given to be written
// into, a total beyond the int64 range, an enumeration value outside its
// constants given to MarshalText. So does the text of an error built by
// Required, Invalid, OutOfRange, Duplicate, NotSupported or Forbidden
// around a detail written in English, kind's words included: it is kept
// whole (a list of errors holding it still gets its heading in l).
// A value an error quotes as the data holds it (an id, a number, the time
// that was refused) is kept as written; the other times a sentence names
// (a deadline, the last event of a case, the start of a period) are
// written as l writes them.
func (l Locale) Localize(err error) error {
	out, _ := l.reword(err)
	return out
}

// reword gives err worded in l, and whether anything in its tree was.
func (l Locale) reword(err error) (error, bool) {
	switch e := err.(type) {
	case nil:
		return nil, false
	case *InputError:
		if e == nil {
			return err, false
		}
		return e.in(l.loc()), true
	case InputErrors:
		out := make(InputErrors, len(e))
		for i, x := range e {
			if x != nil {
				x = x.in(l.loc())
			}
			out[i] = x
		}
		return out, true
	case *PolicyError:
		if e == nil {
			return err, false
		}
		return e.in(l.loc()), true
	case Problem:
		return e.in(l.loc()), true
	case interface{ Unwrap() error }:
		inner := e.Unwrap()
		r, ok := l.reword(inner)
		if !ok {
			return err, false
		}
		return &rewordedWrap{rewordedShell{orig: err, text: replaceText(err.Error(), inner, r)}, r}, true
	case interface{ Unwrap() []error }:
		inner := e.Unwrap()
		out := make([]error, len(inner))
		text, any := err.Error(), false
		for i, x := range inner {
			r, ok := l.reword(x)
			out[i] = r
			if ok {
				any = true
				text = replaceText(text, x, r)
			}
		}
		if !any {
			return err, false
		}
		return &rewordedJoin{rewordedShell{orig: err, text: text}, out}, true
	}
	return err, false
}

// replaceText replaces in text the first occurrence of the text of old
// with that of new: a wrapper's text holds the wrapped error's.
func replaceText(text string, old, new error) string {
	o := old.Error()
	if o == "" {
		return text
	}
	return strings.Replace(text, o, new.Error(), 1)
}

// in gives a copy of e worded in l.
func (e *InputError) in(l *msg.Locale) *InputError {
	c := *e
	c.Msg = e.wordIn(l)
	c.Args = maps.Clone(e.Args)
	c.loc = nil
	if l != msg.English() {
		c.loc = l
	}
	return &c
}

// in gives a copy of e with every problem worded in l.
func (e *PolicyError) in(l *msg.Locale) *PolicyError {
	c := &PolicyError{Kind: e.Kind, Problems: make([]Problem, len(e.Problems))}
	if l != msg.English() {
		c.Locale = l.Tag()
	}
	for i, p := range e.Problems {
		c.Problems[i] = p.in(l)
	}
	return c
}

// in gives p worded in l; a problem worded in English only keeps its
// message, and its place is worded in l.
func (p Problem) in(l *msg.Locale) Problem {
	if p.m != nil {
		p.Msg = p.m.String(l)
	}
	p.Args = maps.Clone(p.Args)
	p.loc = nil
	if l != msg.English() {
		p.loc = l
	}
	return p
}

// rewordedShell is a wrapping error worded again: the wrapper's text with
// the wrapped errors' texts replaced. errors.Is and errors.As match the
// original wrapper itself through it, but not what it wrapped, which the
// reworded errors stand for.
type rewordedShell struct {
	orig error
	text string
}

func (w *rewordedShell) Error() string { return w.text }

// Is reports whether the original wrapper is target, or says it is.
func (w *rewordedShell) Is(target error) bool {
	if t := reflect.TypeOf(target); t != nil && t == reflect.TypeOf(w.orig) && t.Comparable() && w.orig == target {
		return true
	}
	if x, ok := w.orig.(interface{ Is(error) bool }); ok {
		return x.Is(target)
	}
	return false
}

// As sets target to the original wrapper when it has target's type.
func (w *rewordedShell) As(target any) bool {
	v := reflect.ValueOf(target)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return false
	}
	if reflect.TypeOf(w.orig).AssignableTo(v.Type().Elem()) {
		v.Elem().Set(reflect.ValueOf(w.orig))
		return true
	}
	return false
}

// rewordedWrap is a reworded wrapper of one error.
type rewordedWrap struct {
	rewordedShell
	err error
}

func (w *rewordedWrap) Unwrap() error { return w.err }

// rewordedJoin is a reworded wrapper of several errors.
type rewordedJoin struct {
	rewordedShell
	errs []error
}

func (w *rewordedJoin) Unwrap() []error { return w.errs }
