package callfloor

import (
	"fmt"
	"strings"
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
	// Msg says what is wrong and, where it helps, what is allowed.
	Msg string `json:"message"`
}

// Error formats the problem as "<path>: line L, column C: <message>".
func (p Problem) Error() string {
	var b strings.Builder
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	switch {
	case p.Line > 0 && p.Column > 0:
		fmt.Fprintf(&b, "line %d, column %d: ", p.Line, p.Column)
	case p.Line > 0:
		fmt.Fprintf(&b, "line %d: ", p.Line)
	}
	b.WriteString(p.Msg)
	return b.String()
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
}

// Error lists the problems one per line, at most MaxProblems of them.
func (e *PolicyError) Error() string {
	if e == nil {
		return "callfloor: nil PolicyError"
	}
	var b strings.Builder
	b.WriteString(e.Kind)
	if len(e.Problems) == 1 {
		b.WriteString(": 1 problem")
	} else {
		fmt.Fprintf(&b, ": %d problems", len(e.Problems))
	}
	for i, p := range e.Problems {
		if i == MaxProblems {
			fmt.Fprintf(&b, "\n\t... and %d more", len(e.Problems)-MaxProblems)
			break
		}
		b.WriteString("\n\t")
		b.WriteString(p.Error())
	}
	return b.String()
}

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
