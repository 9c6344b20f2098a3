package server

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/callfloor/callfloor"
)

func TestReroot(t *testing.T) {
	cases := []struct {
		field, from, to, want string
	}{
		{"assessment.at", "assessment", "", "at"},
		{"assessment.screenings[2].at", "assessment", "", "screenings[2].at"},
		{"assessment", "assessment", "", ""},
		{"assessments.at", "assessment", "", "assessments.at"},
		{"event.by", "event", "", "by"},
		{"evaluation.agent", "evaluation", "evaluation", "evaluation.agent"},
		{"ev.answers[0]", "ev", "evaluation", "evaluation.answers[0]"},
		{"other.x", "event", "", "other.x"},
	}
	for _, c := range cases {
		got := reroot(&callfloor.InputError{Field: callfloor.Path(c.field), Kind: callfloor.ErrInvalid, Msg: "m"}, c.from, c.to)
		var ie *callfloor.InputError
		if !errors.As(got, &ie) || string(ie.Field) != c.want {
			t.Errorf("reroot(%q, %q, %q) = %v, want field %q", c.field, c.from, c.to, got, c.want)
		}
	}
	many := callfloor.InputErrors{{Field: "event.at"}, {Field: "event.by"}}
	var got callfloor.InputErrors
	if !errors.As(reroot(many, "event", ""), &got) || got[0].Field != "at" || got[1].Field != "by" || many[0].Field != "event.at" {
		t.Errorf("reroot of InputErrors = %v; the original must stay %v", got, many)
	}
	plain := errors.New("x")
	if reroot(plain, "event", "") != plain {
		t.Error("reroot changed an error that is not an input error")
	}
}

func TestStateConflict(t *testing.T) {
	closed := &callfloor.InputError{Field: "dispute.status", Kind: callfloor.ErrNotSupported, Msg: "m"}
	p := problemOf(stateConflict(closed, "dispute"))
	if p.Status != 409 || p.Type != ProblemBase+"state-conflict" || len(p.Errors) != 1 || p.Errors[0].Field != "dispute.status" {
		t.Errorf("a refusal of the stored dispute = %+v, want a 409 state-conflict naming dispute.status", p)
	}
	for _, err := range []error{
		&callfloor.InputError{Field: "event.at", Kind: callfloor.ErrInvalid, Msg: "m"},
		&callfloor.InputError{Field: "disputes", Kind: callfloor.ErrInvalid, Msg: "m"},
		callfloor.InputErrors{closed, {Field: "event.by", Kind: callfloor.ErrRequired, Msg: "m"}},
		errors.New("x"),
	} {
		got := stateConflict(err, "dispute")
		if want := problemOf(err); problemOf(got).Status != want.Status || got.Error() != err.Error() {
			t.Errorf("stateConflict(%v) = %v; an error about the request must pass unchanged", err, got)
		}
	}
}

// A store call that ran out of the request's time is a 503 that says so,
// whichever endpoint made it.
func TestDeadlineIsTimeout(t *testing.T) {
	p := problemOf(fmt.Errorf("store: list open: %w", context.DeadlineExceeded))
	if p.Status != 503 || p.Type != ProblemBase+"timeout" || p.retryAfter != 1 {
		t.Errorf("a deadline = %+v, want a 503 timeout with Retry-After 1", p)
	}
}
