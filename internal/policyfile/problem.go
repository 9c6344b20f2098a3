package policyfile

import (
	"sort"

	"github.com/callfloor/callfloor"
)

// MaxProblems is how many problems an Error lists before it summarises the
// rest.
const MaxProblems = callfloor.MaxProblems

// A Problem is one thing wrong with a policy, with the place it was found.
// It is the shared callfloor.Problem, so that every package reports its
// policy problems in one shape.
type Problem = callfloor.Problem

// Error is a policy that could not be compiled, with every problem found
// in it: the shared callfloor.PolicyError.
type Error = callfloor.PolicyError

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
