package mood

import "github.com/callfloor/callfloor/internal/policyfile"

// PolicyError is returned by ParsePolicy for a policy that cannot be
// compiled. It lists every problem found, each with its field path, line
// and column; reach it with errors.As.
type PolicyError = policyfile.Error

// Problem is one thing wrong with a policy, with its place in the source.
type Problem = policyfile.Problem

// Identity names a compiled policy: its declared version and a short hash
// of its source. Every result carries the identity of the policy that
// produced it.
type Identity = policyfile.Identity

// InputError reports host data that the package refuses: a wrong answer
// count, a value off its scale, a time out of order, an unknown id. Field
// names the offending value the way the host's data is laid out, as in
// "answers[8]" or "assessment.screenings[2].at".
type InputError struct {
	// Field is the path of the offending value.
	Field string
	// Msg says what is wrong with it and what is allowed.
	Msg string
}

// Error formats the error as "<field>: <message>".
func (e *InputError) Error() string {
	if e == nil {
		return "mood: nil InputError"
	}
	return e.Field + ": " + e.Msg
}

func inputErr(field, msg string) error { return &InputError{Field: field, Msg: msg} }
