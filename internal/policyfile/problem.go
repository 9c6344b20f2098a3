package policyfile

import (
	"fmt"
	"sort"
	"strings"
)

// MaxProblems is how many problems an Error lists before it summarises the
// rest; a policy with hundreds of mistakes usually has one cause, and a
// wall of text hides it.
const MaxProblems = 100

// A Problem is one thing wrong with a policy, with the place it was found.
type Problem struct {
	// Path names the field, as in "tiers[2].min". It is empty for problems
	// with the document as a whole.
	Path string
	// Line and Column are 1-based and point into the policy source. Line is
	// 0 when the problem has no place (the source is too large to read);
	// Column is 0 when only the line is known (a YAML syntax error).
	Line, Column int
	// Msg says what is wrong and, where it helps, what is allowed.
	Msg string
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

// Error is a policy that could not be compiled, with every problem found in
// it, sorted by place. Use errors.As to reach it, and its Problems field (or
// errors.As on each unwrapped error) for the list.
type Error struct {
	// Kind names the policy, as in "mood policy".
	Kind string
	// Problems holds every problem found, in source order.
	Problems []Problem
}

// Error lists the problems one per line, at most MaxProblems of them.
func (e *Error) Error() string {
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
func (e *Error) Unwrap() []error {
	if e == nil {
		return nil
	}
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Path < b.Path
	})
}
