package callfloor

import (
	"github.com/callfloor/callfloor/internal/msg"
)

// MaxProblems is how many problems a PolicyError lists before it
// summarises the rest; a policy with hundreds of mistakes usually has one
// cause, and a wall of text hides it.
const MaxProblems = 100

// Problem is one thing wrong with a policy, with the place it was found.
type Problem struct {
	// Path names the field, as in "tiers[2].min". It is empty for problems
	// with the document as a whole.
	Path string `json:"path,omitempty"`
	// Line and Column are 1-based and point into the policy source. Line is
	// 0 when the problem has no place (the source is too large to read);
	// Column is 0 when only the line is known (a YAML syntax error).
	Line   int `json:"line,omitempty"`
	Column int `json:"column,omitempty"`
	// Msg says what is wrong and, where it helps, what is allowed, in the
	// locale the policy names (English when it names none or names one
	// that is not bundled).
	Msg string `json:"message"`
	// MessageID is the id of the catalog message Msg was rendered from;
	// empty for a problem worded in English only.
	MessageID string `json:"message_id,omitempty"`
	// Args are the arguments of that message by name. An argument that
	// is itself a catalog message, worded in the problem's locale (what a
	// YAML node holds: "the whole number 3", "整数3"), is a map
	// {"message": its id, "args": its own Args}, "args" left out when it
	// has none.
	Args map[string]any `json:"args,omitempty"`
	// loc is the locale the place is worded in; nil for English.
	loc *msg.Locale
	// m is the catalog message Msg was rendered from, kept so that
	// Localize can word the problem in another locale; nil for a problem
	// worded in English only.
	m msg.Message
}

// Error formats the problem as "<path>: line L, column C: <message>",
// the place worded in the locale of its message.
func (p Problem) Error() string { return string(p.appendTo(nil, p.loc)) }

func (p Problem) appendTo(b []byte, l *msg.Locale) []byte {
	if l == nil {
		l = msg.English()
	}
	if p.Path != "" {
		b = append(b, p.Path...)
		b = append(b, ": "...)
	}
	switch {
	case p.Line > 0 && p.Column > 0:
		b = msg.PolicyAtLineColumn{Line: p.Line, Column: p.Column}.Append(b, l)
	case p.Line > 0:
		b = msg.PolicyAtLine{Line: p.Line}.Append(b, l)
	}
	return append(b, p.Msg...)
}

// LocalizedProblem gives a problem worded by the catalog message m in the
// locale l, the locale the policy names; its place reads in l too. A nil
// l is English.
func LocalizedProblem(l *msg.Locale, path string, line, column int, m msg.Message) Problem {
	p := Problem{Path: path, Line: line, Column: column, MessageID: m.ID(), Args: m.Args(), m: m}
	if l == nil || l == msg.English() {
		p.Msg = m.String(msg.English())
	} else {
		p.Msg, p.loc = m.String(l), l
	}
	return p
}

// PolicyError is a policy that could not be compiled, with every problem
// found in it, sorted by place. ParsePolicy of every package returns one;
// reach it with errors.As, and each Problem through Problems or through
// errors.As on the unwrapped errors.
type PolicyError struct {
	// Kind names the policy, as in "mood policy".
	Kind string `json:"kind"`
	// Problems holds every problem found, in source order.
	Problems []Problem `json:"problems"`
	// Locale is the locale the policy names, in which the problems are
	// worded; empty for English.
	Locale string `json:"locale,omitempty"`
}

// Error lists the problems one per line, at most MaxProblems of them.
func (e *PolicyError) Error() string {
	if e == nil {
		return "callfloor: nil PolicyError"
	}
	l := msg.English()
	if e.Locale != "" {
		if ll, err := msg.Lookup(e.Locale); err == nil {
			l = ll
		}
	}
	b := msg.PolicyProblems{Kind: kindName(e.Kind), N: len(e.Problems)}.Append(nil, l)
	for i, p := range e.Problems {
		if i == MaxProblems {
			b = append(b, "\n\t"...)
			b = msg.PolicyMoreProblems{N: len(e.Problems) - MaxProblems}.Append(b, l)
			break
		}
		b = append(b, "\n\t"...)
		b = p.appendTo(b, l)
	}
	return string(b)
}

// kindName is the catalog name of a policy kind as the packages name it
// ("mood policy"); a kind of no package keeps its own name.
func kindName(kind string) msg.Message {
	switch kind {
	case "mood policy":
		return msg.PolicyKindMood{}
	case "qa policy":
		return msg.PolicyKindQa{}
	case "coaching policy":
		return msg.PolicyKindCoaching{}
	case "incentives policy":
		return msg.PolicyKindIncentives{}
	}
	return msg.PolicyKindGeneric{Kind: kind}
}

// messageError is an error worded by a catalog message: Error gives it in
// English, LocalizedMessage the message, so that a policy's decoder can
// word it in the policy's locale.
type messageError struct{ m msg.Message }

func (e messageError) Error() string { return e.m.String(msg.English()) }

// LocalizedMessage gives the catalog message the error is worded from.
func (e messageError) LocalizedMessage() msg.Message { return e.m }

// Unwrap returns each problem as an error, so that errors.As can find a
// Problem.
func (e *PolicyError) Unwrap() []error {
	if e == nil {
		return nil
	}
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

// Identity names a compiled policy: its declared version and a short hash
// of its exact source, so that two policies that declare the same version
// but differ are told apart. Every result carries the identity of the
// policy that produced it.
type Identity struct {
	// Version is the policy's declared version, as written in its source.
	Version string `json:"version"`
	// Hash is a short hex hash (12 digits) of the policy's exact source
	// bytes.
	Hash string `json:"hash"`
}

// String gives "version@hash", as in "mood-default-1@859df48432db".
func (id Identity) String() string { return id.Version + "@" + id.Hash }

// IsZero reports whether id names no policy.
func (id Identity) IsZero() bool { return id == Identity{} }
