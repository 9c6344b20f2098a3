package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/cmd/callfloord/internal/store"
)

// Problem is an RFC 9457 problem document, the body of every error the
// service returns, with the fields at fault in Errors.
type Problem struct {
	// Type is a URI naming the kind of problem; ProblemBase plus a name.
	Type string `json:"type"`
	// Title is the same for every problem of the type.
	Title string `json:"title"`
	// Status is the HTTP status.
	Status int `json:"status"`
	// Detail says what went wrong with this request.
	Detail string `json:"detail,omitempty"`
	// Instance is the request's path.
	Instance string `json:"instance,omitempty"`
	// Errors are the fields at fault, each with its path rooted at the
	// request body ("answers[9]", "event.at").
	Errors []FieldError `json:"errors,omitempty"`

	// retryAfter, when positive, is sent as the Retry-After header, in
	// seconds.
	retryAfter int
	// inputs and files are the library's errors Detail and Errors were
	// worded from, kept so that they can be worded again in the reader's
	// language (see in); nil for a problem of the service's own words.
	inputs callfloor.InputErrors
	files  []FileProblem
}

// FieldError is one field at fault. Field is its path in the request
// body; for a problem in a policy or token file the service read, it is
// the path in that file, which File names, at Line and Column.
type FieldError struct {
	Field  string `json:"field"`
	Kind   string `json:"kind"`
	Detail string `json:"detail"`
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// Error makes a Problem an error, so handlers can return one.
func (p *Problem) Error() string {
	if p.Detail != "" {
		return p.Title + ": " + p.Detail
	}
	return p.Title
}

// ProblemBase prefixes every problem type.
const ProblemBase = "https://callfloor.dev/problems/"

func newProblem(status int, name, title, detail string) *Problem {
	return &Problem{Type: ProblemBase + name, Title: title, Status: status, Detail: detail}
}

// The problems every endpoint may return.
var (
	errNoStore      = newProblem(http.StatusServiceUnavailable, "no-store", "No store", "the service runs without a store; this endpoint keeps state")
	errNoAuditStore = newProblem(http.StatusServiceUnavailable, "no-audit-store", "No audit trail", "confidential data is served only when its reading can be written to the audit trail, which needs a store")
	errAuditFailed  = newProblem(http.StatusServiceUnavailable, "audit-failed", "Audit trail unavailable", "the read could not be written to the audit trail, so it is refused")
)

// loadProblem is the 422 of policy or token files that could not be
// loaded, each problem with its file and place.
func loadProblem(err error) *Problem {
	var le *LoadError
	if !errors.As(err, &le) {
		return problemOf(err)
	}
	p := newProblem(http.StatusUnprocessableEntity, "invalid-policy", "Invalid policy or token file",
		fmt.Sprintf("%d problems; the running policies and tokens stay in force", len(le.Problems)))
	if len(le.Problems) == 1 {
		p.Detail = "1 problem; the running policies and tokens stay in force"
	}
	p.files = le.Problems
	p.Errors = fileErrors(le.Problems)
	return p
}

// fileErrors are the errors of a load problem, one per problem.
func fileErrors(fps []FileProblem) []FieldError {
	out := make([]FieldError, len(fps))
	for i, fp := range fps {
		out[i] = FieldError{Field: fp.Path, Kind: "invalid", Detail: fp.Msg, File: fp.File, Line: fp.Line, Column: fp.Column}
	}
	return out
}

// unauthorized is the problem of a missing or unknown token.
func unauthorized(detail string) *Problem {
	return newProblem(http.StatusUnauthorized, "unauthorized", "Unauthorized", detail)
}

// forbiddenRole is the problem of a role that may not call an endpoint.
func forbiddenRole(r Role, rt *route) *Problem {
	return newProblem(http.StatusForbidden, "forbidden", "Forbidden",
		fmt.Sprintf("role %s may not call %s", r, rt.name))
}

// forbidden is the problem of a call the caller's role or person may not
// make on this data; field, when not empty, names the value at fault.
func forbidden(field callfloor.Path, detail string) *Problem {
	p := newProblem(http.StatusForbidden, "forbidden", "Forbidden", detail)
	if field != "" {
		p.Errors = []FieldError{{Field: string(field), Kind: "forbidden", Detail: detail}}
	}
	return p
}

// problemOf turns any error a handler returns into its problem document:
// the library's input errors are 422 with their fields, the store's
// not-found 404 and exists 409, anything unknown a 500 that tells the
// client nothing of the inside.
func problemOf(err error) *Problem {
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	var ies callfloor.InputErrors
	if errors.As(err, &ies) {
		return inputProblem(ies...)
	}
	var ie *callfloor.InputError
	if errors.As(err, &ie) {
		return inputProblem(ie)
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		return newProblem(http.StatusNotFound, "not-found", "Not found", "")
	case errors.Is(err, store.ErrExists):
		return newProblem(http.StatusConflict, "exists", "Already exists", "")
	case errors.Is(err, store.ErrConflict):
		return newProblem(http.StatusConflict, "conflict", "Conflict", "the record changed while the request ran; send it again")
	case errors.Is(err, context.DeadlineExceeded):
		p := newProblem(http.StatusServiceUnavailable, "timeout", "Request timed out",
			"the store did not answer before this request's deadline; send it again")
		p.retryAfter = 1
		return p
	}
	return newProblem(http.StatusInternalServerError, "internal", "Internal error", "")
}

// inputProblem is the 422 of input the library refused.
func inputProblem(ies ...*callfloor.InputError) *Problem {
	p := newProblem(http.StatusUnprocessableEntity, "invalid-input", "Invalid input", "")
	p.inputs = ies
	p.Detail, p.Errors = inputDetail(ies, false), inputErrors(ies)
	return p
}

// inputDetail is the detail of a problem of the input errors ies: the
// error itself when there is one, else their count. The count is the
// service's sentence ("3 fields are invalid"), or, when ies have been
// worded in the reader's language, the heading the library gives a list
// of them in it ("3个输入错误"), so that a reader who asked for Chinese
// reads the detail in Chinese.
func inputDetail(ies callfloor.InputErrors, reworded bool) string {
	if len(ies) == 1 {
		return ies[0].Error()
	}
	if reworded {
		// The library's text of several errors is their count, then
		// one error a line.
		heading, _, _ := strings.Cut(ies.Error(), "\n")
		return heading
	}
	return fmt.Sprintf("%d fields are invalid", len(ies))
}

// inputErrors are the errors of a problem of input errors, one per error.
func inputErrors(ies callfloor.InputErrors) []FieldError {
	out := make([]FieldError, len(ies))
	for i, ie := range ies {
		out[i] = FieldError{Field: string(ie.Field), Kind: ie.Kind.String(), Detail: ie.Msg}
	}
	return out
}

// worded reports whether p holds sentences of the library, which the
// reader's language words.
func (p *Problem) worded() bool { return len(p.inputs) > 0 || len(p.files) > 0 }

// in gives p with the library's sentences it holds worded in l: its
// errors, and its detail when that is the library's. The service's own
// sentences, the title among them, stay as they are. A library error
// built around English text keeps its text (see callfloor.Locale.Localize).
func (p Problem) in(l callfloor.Locale) Problem {
	if len(p.inputs) > 0 {
		ies := make(callfloor.InputErrors, len(p.inputs))
		for i, ie := range p.inputs {
			ies[i] = ie
			if lie, ok := l.Localize(ie).(*callfloor.InputError); ok && lie != nil {
				ies[i] = lie
			}
		}
		p.inputs = ies
		p.Errors = inputErrors(ies)
		p.Detail = inputDetail(ies, l.String() != english)
	}
	if len(p.files) > 0 {
		fps := make([]FileProblem, len(p.files))
		for i, fp := range p.files {
			if lp, ok := l.Localize(fp.Problem).(callfloor.Problem); ok {
				fp.Problem = lp
			}
			fps[i] = fp
		}
		p.files = fps
		p.Errors = fileErrors(fps)
	}
	return p
}

// english is the tag of the library's English locale.
const english = "en"

// writeProblem writes err as its problem document. A problem holding
// the library's sentences is worded in the reader's language when the
// request's Accept-Language chooses a bundled locale, which
// Content-Language then names; it varies with that header, and says so,
// whether or not this request sent it.
func writeProblem(w http.ResponseWriter, r *http.Request, err error) {
	p := *problemOf(err)
	if r != nil {
		p.Instance = r.URL.EscapedPath()
	}
	if p.worded() {
		w.Header().Add("Vary", "Accept-Language")
		if r != nil {
			if l, ok := readerLocale(r.Header.Values("Accept-Language")); ok {
				p = p.in(l)
				w.Header().Set("Content-Language", l.String())
			}
		}
	}
	buf, _ := json.Marshal(p)
	w.Header().Set("Content-Type", "application/problem+json")
	if p.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(p.retryAfter))
	}
	w.WriteHeader(p.Status)
	w.Write(append(buf, '\n'))
}

// reroot renames the root of the field paths of the library's input
// errors in err, so that they name the request body's fields: a body
// that is the assessment itself turns "assessment.at" into "at"
// (reroot(err, "assessment", "")), and a body that holds the event under
// "event" keeps "event.at" (no reroot needed). Other errors pass
// unchanged.
func reroot(err error, from, to string) error {
	fix := func(ie *callfloor.InputError) *callfloor.InputError {
		f := string(ie.Field)
		rest, ok := strings.CutPrefix(f, from)
		if !ok || (rest != "" && rest[0] != '.' && rest[0] != '[') {
			return ie
		}
		switch {
		case to == "" && strings.HasPrefix(rest, "."):
			rest = rest[1:]
		case to != "":
			rest = to + rest
		}
		c := *ie
		c.Field = callfloor.Path(rest)
		return &c
	}
	var ies callfloor.InputErrors
	if errors.As(err, &ies) {
		out := make(callfloor.InputErrors, len(ies))
		for i, ie := range ies {
			out[i] = fix(ie)
		}
		return out
	}
	var ie *callfloor.InputError
	if errors.As(err, &ie) {
		return fix(ie)
	}
	return err
}

// stateConflict turns the library's refusals that name the stored value
// (fields rooted at root, as "dispute.status" or "case.steps[2]") into a
// 409: the request was well formed, but the record as it is stored does
// not take it (a decided dispute, a closed case, a record stored under a
// policy that no longer has its scorecard). Other errors pass unchanged.
// An empty root takes every input error as the record's: for a record
// already closed, whatever it refuses it refuses for being closed.
func stateConflict(err error, root string) error {
	var ies callfloor.InputErrors
	var ie *callfloor.InputError
	switch {
	case errors.As(err, &ies):
	case errors.As(err, &ie):
		ies = callfloor.InputErrors{ie}
	default:
		return err
	}
	for _, e := range ies {
		f := string(e.Field)
		if root != "" && f != root && !strings.HasPrefix(f, root+".") && !strings.HasPrefix(f, root+"[") {
			return err
		}
	}
	p := inputProblem(ies...)
	p.Status = http.StatusConflict
	p.Type = ProblemBase + "state-conflict"
	p.Title = "The stored record does not take this request"
	return p
}
