package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/cmd/callfloord/internal/store"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/mood"
)

// coachT0 is when the cases of these tests open; every later time counts
// from it.
var coachT0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// casePath is the path of a case, its id escaped as one segment, with
// suffix ("/events") after it.
func casePath(id, suffix string) string {
	return "/v1/coaching/cases/" + url.PathEscape(id) + suffix
}

// caseInstance is the instance a problem about a case names: the request's
// path as the client sent it, the id escaped as one segment.
func caseInstance(id, suffix string) string { return casePath(id, suffix) }

// caseOf takes what the library gives, failing the test on an error:
// caseOf(t)(pol.Open(...)).
func caseOf(t testing.TB) func(coaching.Case, error) coaching.Case {
	return func(c coaching.Case, err error) coaching.Case {
		t.Helper()
		if err != nil {
			t.Fatalf("the library refuses the test's own case: %v", err)
		}
		return c
	}
}

// completion is the event completing step i of c's workflow under pol,
// each record the step keeps given a value.
func completion(t testing.TB, pol *coaching.Policy, c coaching.Case, i int, id string, at time.Time, by string) coaching.Event {
	t.Helper()
	wf, ok := pol.Workflow(c.Kind)
	if !ok {
		t.Fatalf("no %s workflow", c.Kind)
	}
	e := coaching.Event{ID: id, Case: c.ID, Type: coaching.EventComplete, At: at, Step: wf.Steps[i].ID, By: by}
	for _, name := range wf.Steps[i].Records {
		e.Records = append(e.Records, coaching.Record{Name: name, Value: name + " of " + id})
	}
	return e
}

// storedVersion is the version of the stored case id.
func storedVersion(t testing.TB, ts *testServer, id string) int64 {
	t.Helper()
	rec, err := ts.store.Get(context.Background(), store.KindCase, id)
	if err != nil {
		t.Fatal(err)
	}
	return rec.Version
}

// dueJSON is the due answer the library's own AppendDue gives for cs at.
func dueJSON(t testing.TB, pol *coaching.Policy, at time.Time, cs ...coaching.Case) []byte {
	t.Helper()
	due := []coaching.Reminder{}
	for _, c := range cs {
		due = pol.AppendDue(due, c, at)
	}
	return mustJSON(t, map[string]any{"at": at, "due": due})
}

// TestCoachingCaseLife runs a performance interview over HTTP from its
// opening to its close: after each step the case is the library's own
// for the same calls, and what the case owes shrinks to nothing.
func TestCoachingCaseLife(t *testing.T) {
	ts := newTestServer(t)
	pol := ts.Policies().Coaching
	lead := testPrincipals[tokLead].Person
	c := caseOf(t)(pol.Open(coaching.PerformanceReview, "a.li", coachT0))
	if c.ID != coaching.CaseID(coaching.PerformanceReview, "a.li", coachT0) {
		t.Fatalf("case id %q", c.ID)
	}
	opening := map[string]any{"kind": "performance_review", "subject": "a.li", "opened": "2026-03-02T09:00:00Z"}

	st, body, _ := ts.do(t, tokLead, "POST", "/v1/coaching/cases", opening)
	wantBody(t, st, body, http.StatusCreated, c)
	st, body, _ = ts.do(t, tokLead, "POST", "/v1/coaching/cases", opening)
	wantBody(t, st, body, http.StatusOK, c)
	if v := storedVersion(t, ts, c.ID); v != 1 {
		t.Errorf("version %d after the opening and its retry, want 1", v)
	}

	wf, _ := pol.Workflow(coaching.PerformanceReview)
	if len(wf.Steps) < 2 {
		t.Fatalf("the %s workflow has %d steps; the test walks at least 2", wf.Kind, len(wf.Steps))
	}
	at := coachT0
	for i := range wf.Steps {
		before := dueJSON(t, pol, at, c)
		st, body, _ = ts.do(t, tokLead, "GET", "/v1/coaching/due?at="+at.Format(time.RFC3339), nil)
		wantBody(t, st, body, http.StatusOK, before)
		var owed struct {
			Due []coaching.Reminder `json:"due"`
		}
		if err := json.Unmarshal(body, &owed); err != nil {
			t.Fatal(err)
		}
		if len(owed.Due) != 1 || owed.Due[0].Step != wf.Steps[i].ID || owed.Due[0].Subject != "a.li" || owed.Due[0].Case != c.ID {
			t.Errorf("before step %d, due %+v; want the one reminder of step %s", i, owed.Due, wf.Steps[i].ID)
		}

		at = at.Add(time.Hour)
		e := completion(t, pol, c, i, fmt.Sprintf("ev-%d", i), at, lead)
		want := caseOf(t)(pol.Apply(c, e))
		e.Case = "" // the path names the case
		st, body, _ = ts.do(t, tokLead, "POST", casePath(c.ID, "/events"), e)
		wantBody(t, st, body, http.StatusOK, want)
		var got coaching.Case
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatal(err)
		}
		if got.Status != coaching.StatusOpen || len(got.History) != i+1 || !got.Steps[i].Done.Equal(at) || got.History[i].By != lead {
			t.Errorf("after step %d: status %s, %d events, step done %v, by %q", i, got.Status, len(got.History), got.Steps[i].Done, got.History[i].By)
		}
		if v := storedVersion(t, ts, c.ID); v != int64(i+2) {
			t.Errorf("version %d after step %d, want %d", v, i, i+2)
		}
		c = want
	}

	st, body, _ = ts.do(t, tokLead, "GET", "/v1/coaching/due?at="+at.Format(time.RFC3339), nil)
	wantBody(t, st, body, http.StatusOK, `{"at":"`+at.Format(time.RFC3339)+`","due":[]}`)

	at = at.Add(time.Hour)
	closing := coaching.Event{ID: "ev-close", Case: c.ID, Type: coaching.EventClose, At: at, By: lead}
	want := caseOf(t)(pol.Apply(c, closing))
	st, body, _ = ts.do(t, tokLead, "POST", casePath(c.ID, "/events"), closing)
	wantBody(t, st, body, http.StatusOK, want)
	if want.Status != coaching.StatusClosed {
		t.Errorf("status %s after the close, want closed", want.Status)
	}

	st, body, _ = ts.do(t, tokAgentA, "GET", casePath(c.ID, ""), nil)
	wantBody(t, st, body, http.StatusOK, want)
	rec, err := ts.store.Get(context.Background(), store.KindCase, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Open || rec.Subject != "a.li" || !rec.Updated.Equal(at) {
		t.Errorf("stored record: open %v, subject %q, updated %v; want closed, a.li, %v", rec.Open, rec.Subject, rec.Updated, at)
	}
	st, body, _ = ts.do(t, tokLead, "GET", "/v1/coaching/due?at="+at.Format(time.RFC3339), nil)
	wantBody(t, st, body, http.StatusOK, `{"at":"`+at.Format(time.RFC3339)+`","due":[]}`)
	wantAudits(t, ts)
}

// TestCoachingGet: every role that may read a case reads it whole; an
// agent reads their own case, and another's answers as an unknown id.
func TestCoachingGet(t *testing.T) {
	ts := newTestServer(t)
	pol := ts.Policies().Coaching
	c := caseOf(t)(pol.Open(coaching.Care, "a.li", coachT0))
	st, body, _ := ts.do(t, tokLead, "POST", "/v1/coaching/cases",
		map[string]any{"kind": "care", "subject": "a.li", "opened": "2026-03-02T09:00:00Z"})
	wantBody(t, st, body, http.StatusCreated, c)

	notFound := func(id string) *Problem {
		return problem(http.StatusNotFound, "not-found", "Not found", "", caseInstance(id, ""))
	}
	for _, tc := range []struct {
		name, token, id string
		status          int
		want            any
	}{
		{"the agent it is about", tokAgentA, c.ID, http.StatusOK, c},
		{"another agent, as if it did not exist", tokAgentB, c.ID, http.StatusNotFound, notFound(c.ID)},
		{"an unknown id, to an agent", tokAgentB, "care/b.wu/20260302T090000Z", http.StatusNotFound, notFound("care/b.wu/20260302T090000Z")},
		{"the lead", tokLead, c.ID, http.StatusOK, c},
		{"the counselor", tokCounselor, c.ID, http.StatusOK, c},
		{"the crisis owner", tokCrisis, c.ID, http.StatusOK, c},
		{"hr", tokHR, c.ID, http.StatusOK, c},
		{"an unknown id", tokLead, "nothing", http.StatusNotFound, notFound("nothing")},
		{"the admin, who reads no case", tokAdmin, c.ID, http.StatusForbidden, roleProblem(caseInstance(c.ID, ""), RoleAdmin, "coaching.get")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, body, hdr := ts.do(t, tc.token, "GET", casePath(tc.id, ""), nil)
			if p, ok := tc.want.(*Problem); ok {
				wantProblem(t, st, body, hdr, p)
				return
			}
			wantBody(t, st, body, tc.status, tc.want)
		})
	}
	wantAudits(t, ts)
}

// TestCoachingOpen: what opens a case, and every opening refused, with
// the library's own words where the library refuses it.
func TestCoachingOpen(t *testing.T) {
	pol := coaching.DefaultPolicy()
	const path = "/v1/coaching/cases"
	_, errKind := pol.Open("chat", "a.li", coachT0)
	_, errSubject := pol.Open(coaching.Care, "", coachT0)
	_, errOpened := pol.Open(coaching.Care, "a.li", time.Time{})
	_, errChannel := pol.OpenIssue("a.li", "pigeon", coachT0)
	issue := caseOf(t)(pol.OpenIssue("a.li", coaching.ChannelSuggestionBox, coachT0))
	if issue.Channel != coaching.ChannelSuggestionBox || issue.Kind != coaching.EmployeeIssue {
		t.Fatalf("the library's issue holds channel %q, kind %s", issue.Channel, issue.Kind)
	}
	channelOnCare := "only an employee_issue case records the channel an issue came through, not a care case"

	for _, tc := range []struct {
		name  string
		token string
		body  string
		want  *Problem
		ok    coaching.Case
	}{
		{name: "an issue with its channel", token: tokCounselor,
			body: `{"kind":"employee_issue","subject":"a.li","opened":"2026-03-02T09:00:00Z","channel":"suggestion_box"}`, ok: issue},
		{name: "an unknown kind", token: tokLead,
			body: `{"kind":"chat","subject":"a.li","opened":"2026-03-02T09:00:00Z"}`,
			want: inputProblemAt(t, path, "kind", "not_supported", errKind)},
		{name: "no subject", token: tokLead,
			body: `{"kind":"care","subject":"","opened":"2026-03-02T09:00:00Z"}`,
			want: inputProblemAt(t, path, "subject", "required", errSubject)},
		{name: "no opening time, which Open calls at", token: tokLead,
			body: `{"kind":"care","subject":"a.li"}`,
			want: inputProblemAt(t, path, "opened", "required", errOpened)},
		{name: "an opening JSON cannot hold", token: tokLead,
			body: `{"kind":"care","subject":"a.li","opened":"9999-12-31T23:00:00-23:00"}`,
			want: func() *Problem {
				_, err := pol.Open(coaching.Care, "a.li", time.Date(9999, 12, 31, 23, 0, 0, 0, time.FixedZone("", -23*3600)))
				return inputProblemAt(t, path, "opened", "out_of_range", err)
			}()},
		{name: "a channel on a case no employee raised", token: tokLead,
			body: `{"kind":"care","subject":"a.li","opened":"2026-03-02T09:00:00Z","channel":"mail"}`,
			want: problem(http.StatusUnprocessableEntity, "invalid-input", "Invalid input", "channel: "+channelOnCare, path,
				FieldError{Field: "channel", Kind: "forbidden", Detail: channelOnCare})},
		{name: "an unknown channel", token: tokLead,
			body: `{"kind":"employee_issue","subject":"a.li","opened":"2026-03-02T09:00:00Z","channel":"pigeon"}`,
			want: inputProblemAt(t, path, "channel", "not_supported", errChannel)},
		{name: "an agent, who opens no case", token: tokAgentA,
			body: `{"kind":"care","subject":"a.li","opened":"2026-03-02T09:00:00Z"}`,
			want: roleProblem(path, RoleAgent, "coaching.open")},
		{name: "the admin", token: tokAdmin,
			body: `{"kind":"care","subject":"a.li","opened":"2026-03-02T09:00:00Z"}`,
			want: roleProblem(path, RoleAdmin, "coaching.open")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t)
			st, body, hdr := ts.do(t, tc.token, "POST", path, tc.body)
			if tc.want != nil {
				wantProblem(t, st, body, hdr, tc.want)
			} else {
				wantBody(t, st, body, http.StatusCreated, tc.ok)
			}
			wantAudits(t, ts)
		})
	}
}

// TestCoachingOpenEveryKind: every kind the running policy declares, its
// own kinds beside the built-in ones, opens as the library opens it.
func TestCoachingOpenEveryKind(t *testing.T) {
	ts := newTestServer(t)
	pol := ts.Policies().Coaching
	if len(pol.Kinds()) == 0 {
		t.Fatal("the running policy declares no kind")
	}
	for _, k := range pol.Kinds() {
		want := caseOf(t)(pol.Open(k, "b.wu", coachT0))
		if want.Kind != k || want.Status != coaching.StatusOpen || want.Channel != "" {
			t.Errorf("the library opens %s as kind %s, status %s, channel %q", k, want.Kind, want.Status, want.Channel)
		}
		st, body, _ := ts.do(t, tokCrisis, "POST", "/v1/coaching/cases",
			map[string]any{"kind": k, "subject": "b.wu", "opened": coachT0})
		wantBody(t, st, body, http.StatusCreated, want)
	}
}

// TestCoachingOpenAgain: the same opening sent again answers the case as
// it stands, events included; the same id with another channel is a
// conflict; without a store nothing opens.
func TestCoachingOpenAgain(t *testing.T) {
	ts := newTestServer(t)
	pol := ts.Policies().Coaching
	const path = "/v1/coaching/cases"
	opening := `{"kind":"employee_issue","subject":"b.wu","opened":"2026-03-02T09:00:00Z","channel":"mail"}`
	c := caseOf(t)(pol.OpenIssue("b.wu", coaching.ChannelMail, coachT0))
	st, body, _ := ts.do(t, tokHR, "POST", path, opening)
	wantBody(t, st, body, http.StatusCreated, c)

	e := completion(t, pol, c, 0, "talk", coachT0.Add(time.Hour), testPrincipals[tokHR].Person)
	after := caseOf(t)(pol.Apply(c, e))
	st, body, _ = ts.do(t, tokHR, "POST", casePath(c.ID, "/events"), e)
	wantBody(t, st, body, http.StatusOK, after)

	st, body, _ = ts.do(t, tokHR, "POST", path, opening)
	wantBody(t, st, body, http.StatusOK, after)

	other := strings.Replace(opening, `"mail"`, `"phone"`, 1)
	st, body, hdr := ts.do(t, tokHR, "POST", path, other)
	wantProblem(t, st, body, hdr, problem(http.StatusConflict, "exists", "Already exists",
		"case "+c.ID+` is stored with channel "mail", not "phone"`, path))

	nostore := newTestServer(t, withoutStore())
	st, body, hdr = nostore.do(t, tokHR, "POST", path, opening)
	wantProblem(t, st, body, hdr, problem(http.StatusServiceUnavailable, "no-store", "No store",
		"the service runs without a store; this endpoint keeps state", path))
}

// TestCoachingApplyRefusals: every event the service or the library
// refuses, each with its exact problem, and the retry that changes
// nothing.
func TestCoachingApplyRefusals(t *testing.T) {
	ts := newTestServer(t)
	pol := ts.Policies().Coaching
	lead := testPrincipals[tokLead].Person
	c := caseOf(t)(pol.Open(coaching.PerformanceReview, "a.li", coachT0))
	if _, _, err := createStoredCase(ts, c); err != nil {
		t.Fatal(err)
	}
	first := completion(t, pol, c, 0, "ev-1", coachT0.Add(time.Hour), lead)
	c1 := caseOf(t)(pol.Apply(c, first))
	st, body, _ := ts.do(t, tokLead, "POST", casePath(c.ID, "/events"), first)
	wantBody(t, st, body, http.StatusOK, c1)

	path := caseInstance(c.ID, "/events")
	other := first
	other.At = first.At.Add(time.Minute)
	_, errOther := pol.Apply(c1, other)
	notNext := completion(t, pol, c1, 2, "ev-2", coachT0.Add(2*time.Hour), lead)
	_, errNotNext := pol.Apply(c1, notNext)
	early := completion(t, pol, c1, 1, "ev-2", coachT0, lead)
	_, errEarly := pol.Apply(c1, early)
	noBy := completion(t, pol, c1, 1, "ev-2", coachT0.Add(2*time.Hour), "")
	_, errNoBy := pol.Apply(c1, noBy)
	closeEarly := coaching.Event{ID: "ev-2", Case: c.ID, Type: coaching.EventClose, At: coachT0.Add(2 * time.Hour), By: lead}
	_, errClose := pol.Apply(c1, closeEarly)
	noAt := completion(t, pol, c1, 1, "ev-2", time.Time{}, lead)
	_, errNoAt := pol.Apply(c1, noAt)
	noID := completion(t, pol, c1, 1, "", coachT0.Add(2*time.Hour), lead)
	_, errNoID := pol.Apply(c1, noID)
	for _, err := range []error{errOther, errNotNext, errEarly, errNoBy, errClose, errNoAt, errNoID} {
		if err == nil {
			t.Fatal("the library applies an event the test expects it to refuse")
		}
	}
	forCase := func(e coaching.Event, id string) coaching.Event { e.Case = id; return e }
	byOther := completion(t, pol, c1, 1, "ev-2", coachT0.Add(2*time.Hour), "h.ma")
	wrongCaseMsg := `"performance_review/a.li/other" is not the case of the path, "` + c.ID + `"`
	byMsg := `an event is recorded as by the caller, "l.chen", not "h.ma"`

	for _, tc := range []struct {
		name  string
		token string
		id    string
		body  any
		want  *Problem
	}{
		{"the same id with other content", tokLead, c.ID, other,
			inputProblemAt(t, path, "id", "invalid", errOther)},
		{"a step that is not next", tokLead, c.ID, notNext,
			inputProblemAt(t, path, "step", "invalid", errNotNext)},
		{"an event before the case's last", tokLead, c.ID, early,
			inputProblemAt(t, path, "at", "invalid", errEarly)},
		{"no at", tokLead, c.ID, noAt,
			inputProblemAt(t, path, "at", "required", errNoAt)},
		{"no id", tokLead, c.ID, noID,
			inputProblemAt(t, path, "id", "required", errNoID)},
		{"no by, which the library requires", tokLead, c.ID, noBy,
			inputProblemAt(t, path, "by", "required", errNoBy)},
		{"a close with steps owed", tokLead, c.ID, closeEarly,
			inputProblemAt(t, path, "type", "invalid", errClose)},
		{"an event for another case", tokLead, c.ID, forCase(byOther, "performance_review/a.li/other"),
			problem(http.StatusUnprocessableEntity, "invalid-input", "Invalid input", "case: "+wrongCaseMsg, path,
				FieldError{Field: "case", Kind: "invalid", Detail: wrongCaseMsg})},
		{"an event by someone else than the caller", tokLead, c.ID, byOther,
			forbiddenProblem(path, "by", byMsg)},
		{"an unknown case", tokLead, "performance_review/a.li/none", forCase(noAt, ""),
			problem(http.StatusNotFound, "not-found", "Not found", "", caseInstance("performance_review/a.li/none", "/events"))},
		{"an agent, who records no event", tokAgentA, c.ID, forCase(noBy, ""),
			roleProblem(path, RoleAgent, "coaching.apply")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, body, hdr := ts.do(t, tc.token, "POST", casePath(tc.id, "/events"), tc.body)
			wantProblem(t, st, body, hdr, tc.want)
			if v := storedVersion(t, ts, c.ID); v != 2 {
				t.Errorf("version %d after a refused event, want 2", v)
			}
		})
	}

	// The retry of the applied event changes nothing, whether it names the
	// case or leaves it to the path.
	for _, e := range []coaching.Event{first, forCase(first, "")} {
		st, body, _ := ts.do(t, tokLead, "POST", casePath(c.ID, "/events"), e)
		wantBody(t, st, body, http.StatusOK, c1)
		if v := storedVersion(t, ts, c.ID); v != 2 {
			t.Errorf("version %d after a retry, want 2", v)
		}
	}

	// A closed case takes no more events: a conflict with the stored
	// case, about the body as a whole (the library names the event).
	closed := caseOf(t)(pol.Apply(c1, coaching.Event{ID: "cancel", Case: c.ID, Type: coaching.EventCancel, At: coachT0.Add(3 * time.Hour), By: lead, Reason: "left the team"}))
	st, body, _ = ts.do(t, tokLead, "POST", casePath(c.ID, "/events"), closed.History[1])
	wantBody(t, st, body, http.StatusOK, closed)
	late := completion(t, pol, closed, 1, "late", coachT0.Add(4*time.Hour), lead)
	_, errLate := pol.Apply(closed, late)
	var ie *callfloor.InputError
	if !errors.As(errLate, &ie) || ie.Field != "event" {
		t.Fatalf("the library refuses an event on a cancelled case with %v, want a field of event", errLate)
	}
	st, body, hdr := ts.do(t, tokLead, "POST", casePath(c.ID, "/events"), late)
	wantProblem(t, st, body, hdr, problem(http.StatusConflict, "state-conflict", "The stored record does not take this request", ie.Msg, path,
		FieldError{Field: "", Kind: "invalid", Detail: ie.Msg}))
	wantAudits(t, ts)
}

// createStoredCase stores c as the service stores a case it opened.
func createStoredCase(ts *testServer, c coaching.Case) (store.Record, bool, error) {
	doc, err := json.Marshal(c)
	if err != nil {
		return store.Record{}, false, err
	}
	subject, open, updated := caseMeta(c)
	rec := store.Record{Kind: store.KindCase, ID: c.ID, Subject: subject, Open: open, Version: 1, Doc: doc, Updated: updated}
	return rec, true, ts.store.Create(context.Background(), rec)
}

// TestCoachingDue: what the open cases owe, across subjects and for one,
// in case id order, and every question refused.
func TestCoachingDue(t *testing.T) {
	ts := newTestServer(t)
	pol := ts.Policies().Coaching
	care := caseOf(t)(pol.Open(coaching.Care, "a.li", coachT0))
	review := caseOf(t)(pol.Open(coaching.PerformanceReview, "a.li", coachT0.Add(time.Hour)))
	other := caseOf(t)(pol.Open(coaching.Care, "b.wu", coachT0))
	issue := caseOf(t)(pol.OpenIssue("b.wu", coaching.ChannelPhone, coachT0))
	done := caseOf(t)(pol.Open(coaching.ExitInterview, "b.wu", coachT0))
	done = caseOf(t)(pol.Apply(done, coaching.Event{ID: "x", Case: done.ID, Type: coaching.EventCancel, At: coachT0, By: "h.ma", Reason: "stayed"}))
	for _, c := range []coaching.Case{review, care, issue, other, done} {
		if _, _, err := createStoredCase(ts, c); err != nil {
			t.Fatal(err)
		}
	}
	// Case ids sort by kind, then subject: care a.li, care b.wu,
	// employee_issue b.wu, performance_review a.li; the cancelled exit
	// interview owes nothing and is not listed as open.
	at := coachT0.Add(30 * 24 * time.Hour)
	atQ := url.QueryEscape(at.Format(time.RFC3339))
	all := dueJSON(t, pol, at, care, other, issue, review)
	ofA := dueJSON(t, pol, at, care, review)
	var check struct {
		Due []coaching.Reminder `json:"due"`
	}
	if err := json.Unmarshal(all, &check); err != nil {
		t.Fatal(err)
	}
	if len(check.Due) < 4 || check.Due[0].Case != care.ID || check.Due[len(check.Due)-1].Case != review.ID || !check.Due[0].Overdue {
		t.Fatalf("the library's reminders are not what the test expects of 30 days later: %s", all)
	}
	const path = "/v1/coaching/due"
	subjectMsg := "an agent sees only their own reminders; ask with subject=a.li"
	_, errBadAt := dueTime("yesterday")
	for _, tc := range []struct {
		name, token, query string
		want               any
	}{
		{"every subject", tokLead, "?at=" + atQ, all},
		{"one subject", tokCounselor, "?at=" + atQ + "&subject=a.li", ofA},
		{"a subject with no case", tokHR, "?at=" + atQ + "&subject=nobody", `{"at":"2026-04-01T09:00:00Z","due":[]}`},
		{"an agent's own", tokAgentA, "?at=" + atQ + "&subject=a.li", ofA},
		{"an agent, for someone else", tokAgentA, "?at=" + atQ + "&subject=b.wu", forbiddenProblem(path, "subject", subjectMsg)},
		{"an agent, for everyone", tokAgentA, "?at=" + atQ, forbiddenProblem(path, "subject", subjectMsg)},
		{"no at", tokLead, "?subject=a.li", problem(http.StatusUnprocessableEntity, "invalid-input", "Invalid input",
			"at: is required: the reminders listed are those owed at this time, as RFC 3339", path,
			FieldError{Field: "at", Kind: "required", Detail: "is required: the reminders listed are those owed at this time, as RFC 3339"})},
		{"an at that is no time", tokLead, "?at=yesterday", inputProblemAt(t, path, "at", "invalid", errBadAt)},
		{"an at without its zone", tokLead, "?at=2026-04-01T09:00:00", problem(http.StatusUnprocessableEntity, "invalid-input", "Invalid input",
			`at: "2026-04-01T09:00:00" is not an RFC 3339 time, as 2026-03-02T09:00:00Z`, path,
			FieldError{Field: "at", Kind: "invalid", Detail: `"2026-04-01T09:00:00" is not an RFC 3339 time, as 2026-03-02T09:00:00Z`})},
		{"the admin", tokAdmin, "?at=" + atQ, roleProblem(path, RoleAdmin, "coaching.due")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, body, hdr := ts.do(t, tc.token, "GET", path+tc.query, nil)
			if p, ok := tc.want.(*Problem); ok {
				wantProblem(t, st, body, hdr, p)
				return
			}
			wantBody(t, st, body, http.StatusOK, tc.want)
		})
	}
	wantAudits(t, ts)
}

// manyOpenStore answers ListOpen with limit open cases, as a store holding
// more than the due bound would.
type manyOpenStore struct {
	store.Store
	// asked is the limit of the last ListOpen.
	mu    sync.Mutex
	asked int
}

func (m *manyOpenStore) ListOpen(ctx context.Context, kind store.Kind, subject string, limit int) ([]store.Record, error) {
	m.mu.Lock()
	m.asked = limit
	m.mu.Unlock()
	recs := make([]store.Record, limit)
	for i := range recs {
		recs[i] = store.Record{Kind: kind, ID: fmt.Sprintf("care/s%05d/20260302T090000Z", i), Subject: subject, Open: true, Version: 1, Doc: []byte(`{}`)}
	}
	return recs, nil
}

// TestCoachingDueBound: a sweep over more open cases than the bound is
// refused and asks for one subject; the bound itself is read.
func TestCoachingDueBound(t *testing.T) {
	ts := newTestServer(t)
	many := &manyOpenStore{Store: ts.store}
	ts.cfg.Store = many
	const path = "/v1/coaching/due"
	all := "more than 10000 open cases; ask for one subject's"
	one := "more than 10000 open cases of a.li; close or cancel those done with"
	for _, tc := range []struct{ query, msg string }{
		{"?at=2026-03-02T09:00:00Z", all},
		{"?at=2026-03-02T09:00:00Z&subject=a.li", one},
	} {
		st, body, hdr := ts.do(t, tokLead, "GET", path+tc.query, nil)
		wantProblem(t, st, body, hdr, problem(http.StatusUnprocessableEntity, "invalid-input", "Invalid input", "subject: "+tc.msg, path,
			FieldError{Field: "subject", Kind: "out_of_range", Detail: tc.msg}))
		if many.asked != 10001 {
			t.Errorf("ListOpen asked for %d cases, want 10001: one past the bound tells there are more", many.asked)
		}
	}
}

// TestCoachingApplyRace: events sent at once to one case are each applied
// exactly once, whatever the order the writers win in; the same event
// sent at once by several is applied once.
func TestCoachingApplyRace(t *testing.T) {
	// The default bounds how often a step is rescheduled; without a bound
	// every one of the writers' reschedules fits.
	unbounded := regexp.MustCompile(`(?m)^\s*max_reschedules:\s*\d+\s*\n`).ReplaceAll(coaching.DefaultPolicySource(), nil)
	ts := newTestServer(t, withPolicy("coaching.yaml", string(unbounded)))
	pol := ts.Policies().Coaching
	if wf, _ := pol.Workflow(coaching.PerformanceReview); wf.MaxReschedules != -1 {
		t.Fatalf("the test policy bounds reschedules at %d", wf.MaxReschedules)
	}
	c := caseOf(t)(pol.Open(coaching.PerformanceReview, "a.li", coachT0))
	if _, _, err := createStoredCase(ts, c); err != nil {
		t.Fatal(err)
	}
	step := c.Steps[0].Step
	lead := testPrincipals[tokLead].Person
	at := coachT0.Add(time.Hour)

	const writers = 16
	events := make([]coaching.Event, writers)
	for i := range events {
		events[i] = coaching.Event{ID: fmt.Sprintf("move-%02d", i), Type: coaching.EventReschedule, At: at,
			Step: step, By: lead, Due: at.Add(time.Duration(i+1) * 24 * time.Hour), Reason: "the agent is on leave"}
	}
	statuses := make([]int, writers)
	var wg sync.WaitGroup
	for i := range events {
		body := mustJSON(t, events[i])
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i], _, _ = ts.do(t, tokLead, "POST", casePath(c.ID, "/events"), body)
		}()
	}
	wg.Wait()
	for i, st := range statuses {
		if st != http.StatusOK {
			t.Errorf("writer %d: status %d", i, st)
		}
	}
	st, body, _ := ts.do(t, tokLead, "GET", casePath(c.ID, ""), nil)
	if st != http.StatusOK {
		t.Fatalf("status %d: %s", st, body)
	}
	var got coaching.Case
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, e := range got.History {
		seen[e.ID]++
	}
	for _, e := range events {
		if seen[e.ID] != 1 {
			t.Errorf("event %s is in the history %d times, want once", e.ID, seen[e.ID])
		}
	}
	if len(got.History) != writers || got.Steps[0].Rescheduled != writers {
		t.Errorf("history of %d events, step rescheduled %d times; want %d of each", len(got.History), got.Steps[0].Rescheduled, writers)
	}
	last := got.History[writers-1]
	if !got.Steps[0].Due.Equal(last.Due) {
		t.Errorf("step due %v; want the last event's, %v", got.Steps[0].Due, last.Due)
	}
	if v := storedVersion(t, ts, c.ID); v != writers+1 {
		t.Errorf("version %d, want %d: one per event", v, writers+1)
	}
	// What the service stored is what the library makes of the same
	// events in the order they won.
	want := c
	for _, e := range got.History {
		e.Case = c.ID
		want = caseOf(t)(pol.Apply(want, e))
	}
	wantBody(t, st, body, http.StatusOK, want)

	const retries = 8
	same := completion(t, pol, got, 0, "done-0", at.Add(time.Hour), lead)
	afterSame := caseOf(t)(pol.Apply(got, same))
	bodies := make([][]byte, retries)
	codes := make([]int, retries)
	sameBody := mustJSON(t, same)
	for i := range retries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i], bodies[i], _ = ts.do(t, tokLead, "POST", casePath(c.ID, "/events"), sameBody)
		}()
	}
	wg.Wait()
	for i := range retries {
		wantBody(t, codes[i], bodies[i], http.StatusOK, afterSame)
	}
	if v := storedVersion(t, ts, c.ID); v != writers+2 {
		t.Errorf("version %d after one event sent %d times, want %d", v, retries, writers+2)
	}
}

// TestCoachingProposals: signals from a mood triage come only from a
// health role, whose proposals are audited; any other role's are not.
func TestCoachingProposals(t *testing.T) {
	pol := coaching.DefaultPolicy()
	const path = "/v1/coaching/proposals"
	moodSignals := coaching.Signals{"mood_tier": 2, "mood_watch": 1, "mood_crisis": 0, "qa_avg": 88}
	moodBody := map[string]any{"subject": "a.li", "signals": moodSignals}
	plainBody := map[string]any{"subject": "a.li", "signals": map[string]float64{"qa_periods_below_bar": 2, "qa_avg": 70}}
	// propose is the library's proposals as the audience sees them.
	propose := func(t *testing.T, ts *testServer, a mood.Audience, subject string, s coaching.Signals, open []coaching.Case) coaching.Proposals {
		pol := ts.Policies().Coaching
		out, err := pol.Propose(subject, s, open)
		if err != nil {
			t.Fatalf("the library refuses the test's signals: %v", err)
		}
		return pol.ProposalsFor(out, a)
	}
	_, errTier := pol.Propose("a.li", coaching.Signals{"mood_tier": 7}, nil)
	_, errUndeclared := pol.Propose("a.li", coaching.Signals{"shoe_size": 42}, nil)
	_, errSubject := pol.Propose(" ", coaching.Signals{"qa_avg": 88}, nil)
	tierLead := "signal mood_tier comes from a mood triage, which role lead may not send"
	crisisLead := "signal mood_crisis comes from a mood triage, which role lead may not send"
	customLead := "signal mood_monday comes from a mood triage, which role lead may not send"

	t.Run("a counselor's mood signals, audited", func(t *testing.T) {
		ts := newTestServer(t)
		want := propose(t, ts, mood.AudienceCare, "a.li", moodSignals, nil)
		if len(want.Proposed) == 0 {
			t.Fatalf("the default proposes nothing for a moderate tier: %+v", want)
		}
		st, body, _ := ts.do(t, tokCounselor, "POST", path, moodBody, PurposeHeader, "care planning")
		wantBody(t, st, body, http.StatusOK, want)
		if !strings.Contains(string(body), `"mood_tier"`) {
			t.Errorf("the counselor's view holds no mood_tier fact, as only the lead's may: %s", body)
		}
		wantAudits(t, ts, auditOf(tokCounselor, "coaching.propose", "a.li", "care planning"))
	})
	t.Run("the crisis owner's crisis signal, audited under the endpoint's name", func(t *testing.T) {
		ts := newTestServer(t)
		open := []coaching.Case{caseOf(t)(pol.Open(coaching.Care, "a.li", coachT0))}
		s := coaching.Signals{"mood_crisis": 1, "mood_tier": 3, "qa_periods_below_bar": 3}
		want := propose(t, ts, mood.AudienceCare, "a.li", s, open)
		st, body, _ := ts.do(t, tokCrisis, "POST", path, map[string]any{"subject": "a.li", "signals": s, "open": open})
		wantBody(t, st, body, http.StatusOK, want)
		wantAudits(t, ts, auditOf(tokCrisis, "coaching.propose", "a.li", "coaching.propose"))
	})
	t.Run("a lead's signals without mood, not audited", func(t *testing.T) {
		ts := newTestServer(t)
		want := propose(t, ts, mood.AudienceLead, "a.li", coaching.Signals{"qa_periods_below_bar": 2, "qa_avg": 70}, nil)
		st, body, _ := ts.do(t, tokLead, "POST", path, plainBody)
		wantBody(t, st, body, http.StatusOK, want)
		wantAudits(t, ts)
	})
	t.Run("a lead's signals without mood, with no store", func(t *testing.T) {
		ts := newTestServer(t, withoutStore())
		want := propose(t, ts, mood.AudienceLead, "a.li", coaching.Signals{"qa_periods_below_bar": 2, "qa_avg": 70}, nil)
		st, body, _ := ts.do(t, tokLead, "POST", path, plainBody)
		wantBody(t, st, body, http.StatusOK, want)
	})

	for _, tc := range []struct {
		name    string
		token   string
		body    any
		noStore bool
		want    *Problem
	}{
		{name: "a lead's mood tier", token: tokLead, body: `{"subject":"a.li","signals":{"qa_avg":88,"mood_tier":2}}`,
			want: forbiddenProblem(path, "signals.mood_tier", tierLead)},
		{name: "a lead's mood signals: the first in sorted order", token: tokLead,
			body: `{"subject":"a.li","signals":{"mood_watch":1,"mood_tier":1,"mood_crisis":0}}`,
			want: forbiddenProblem(path, "signals.mood_crisis", crisisLead)},
		{name: "a lead's mood signal the policy does not declare", token: tokLead,
			body: `{"subject":"a.li","signals":{"qa_avg":90,"mood_monday":1}}`,
			want: forbiddenProblem(path, "signals.mood_monday", customLead)},
		{name: "hr's tier off its scale", token: tokHR,
			body: `{"subject":"a.li","signals":{"mood_tier":7}}`,
			want: inputProblemAt(t, path, "signals.mood_tier", "invalid", errTier)},
		{name: "an undeclared signal", token: tokLead,
			body: `{"subject":"a.li","signals":{"shoe_size":42}}`,
			want: inputProblemAt(t, path, "signals.shoe_size", "not_supported", errUndeclared)},
		{name: "no subject", token: tokLead,
			body: `{"subject":" ","signals":{"qa_avg":88}}`,
			want: inputProblemAt(t, path, "subject", "required", errSubject)},
		{name: "a counselor's mood signals with no audit trail", token: tokCounselor, body: moodBody, noStore: true,
			want: problem(http.StatusServiceUnavailable, "no-audit-store", "No audit trail",
				"confidential data is served only when its reading can be written to the audit trail, which needs a store", path)},
		{name: "an agent", token: tokAgentA, body: plainBody,
			want: roleProblem(path, RoleAgent, "coaching.propose")},
		{name: "the admin", token: tokAdmin, body: plainBody,
			want: roleProblem(path, RoleAdmin, "coaching.propose")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var opts []testOption
			if tc.noStore {
				opts = append(opts, withoutStore())
			}
			ts := newTestServer(t, opts...)
			st, body, hdr := ts.do(t, tc.token, "POST", path, tc.body)
			wantProblem(t, st, body, hdr, tc.want)
			wantAudits(t, ts)
		})
	}

	t.Run("an audit trail that fails refuses the proposals", func(t *testing.T) {
		ts := newTestServer(t)
		ts.store.failAudits(errors.New("disk full"))
		st, body, hdr := ts.do(t, tokCounselor, "POST", path, moodBody)
		wantProblem(t, st, body, hdr, problem(http.StatusServiceUnavailable, "audit-failed", "Audit trail unavailable",
			"the read could not be written to the audit trail, so it is refused", path))
	})
}

// memStore is a Store in memory, for the fuzz targets: a SQLite file
// built with the fuzzer's instrumentation answers too slowly to fuzz
// through. It keeps the Store contract the handlers rely on: versions,
// ErrExists, ErrConflict, ListOpen in id order.
type memStore struct {
	mu      sync.Mutex
	records map[string]store.Record
}

func newMemStore() *memStore { return &memStore{records: map[string]store.Record{}} }

func memKey(kind store.Kind, id string) string { return string(kind) + "\x00" + id }

func (m *memStore) Create(_ context.Context, r store.Record) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.records[memKey(r.Kind, r.ID)]; ok {
		return store.ErrExists
	}
	r.Version = 1
	m.records[memKey(r.Kind, r.ID)] = r
	return nil
}

func (m *memStore) Get(_ context.Context, kind store.Kind, id string) (store.Record, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.records[memKey(kind, id)]
	if !ok {
		return store.Record{}, store.ErrNotFound
	}
	return r, nil
}

func (m *memStore) Update(_ context.Context, r store.Record) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	old, ok := m.records[memKey(r.Kind, r.ID)]
	switch {
	case !ok:
		return store.ErrNotFound
	case old.Version != r.Version-1:
		return store.ErrConflict
	}
	m.records[memKey(r.Kind, r.ID)] = r
	return nil
}

func (m *memStore) ListOpen(_ context.Context, kind store.Kind, subject string, limit int) ([]store.Record, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []store.Record
	for _, r := range m.records {
		if r.Kind == kind && r.Open && (subject == "" || r.Subject == subject) {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func (m *memStore) Audit(context.Context, store.AuditEntry) error { return nil }
func (m *memStore) Ping(context.Context) error                    { return nil }
func (m *memStore) Close() error                                  { return nil }

// newFuzzServer is a test server over a store in memory.
func newFuzzServer(f *testing.F) *testServer {
	ts := newTestServer(f, withoutStore())
	ts.store = &recordingStore{Store: newMemStore()}
	ts.cfg.Store = ts.store
	return ts
}

// fuzzCoachingStatus fails unless a response is one the API allows: a
// success or a problem of the client's making or the store's absence,
// never an internal error, and always JSON.
func fuzzCoachingStatus(t *testing.T, st int, body []byte) {
	t.Helper()
	if st >= 500 && st != http.StatusServiceUnavailable {
		t.Fatalf("status %d: %s", st, body)
	}
	if !json.Valid(body) {
		t.Fatalf("status %d with a body that is not JSON: %q", st, body)
	}
}

// FuzzCoachingApply sends arbitrary bodies as events to a freshly opened
// case: none may make the service fail or panic.
func FuzzCoachingApply(f *testing.F) {
	ts := newFuzzServer(f)
	pol := ts.Policies().Coaching
	c := caseOf(f)(pol.Open(coaching.PerformanceReview, "a.li", coachT0))
	seed := completion(f, pol, c, 0, "ev-1", coachT0.Add(time.Hour), "l.chen")
	f.Add(mustJSON(f, seed))
	f.Add([]byte(`{"id":"r","type":"reschedule","at":"2026-03-02T10:00:00Z","step":"analyze_scores","by":"l.chen","due":"2026-03-09T10:00:00Z"}`))
	f.Add([]byte(`{"id":"c","type":"cancel","at":"2026-03-02T10:00:00Z","by":"l.chen","reason":"moved"}`))
	f.Add([]byte(`{"id":"c","type":"close","at":"0001-01-01T00:00:00Z","by":"l.chen"}`))
	f.Add([]byte(`{"id":"x","case":"other","type":"complete","by":"h.ma"}`))
	f.Add([]byte(`{"id":"x","type":"answer_on_the_spot","at":"9999-12-31T23:59:59-23:59","by":"l.chen","records":[{"name":"","value":""}]}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"records":[null,{}],"due":null,"type":"nope"}`))
	var n int
	f.Fuzz(func(t *testing.T, body []byte) {
		n++
		fresh := caseOf(t)(pol.Open(coaching.PerformanceReview, fmt.Sprintf("s%d", n), coachT0))
		if _, _, err := createStoredCase(ts, fresh); err != nil {
			t.Fatal(err)
		}
		st, out, _ := ts.do(t, tokLead, "POST", casePath(fresh.ID, "/events"), body)
		fuzzCoachingStatus(t, st, out)
	})
}

// FuzzCoachingPropose sends arbitrary proposal requests.
func FuzzCoachingPropose(f *testing.F) {
	ts := newFuzzServer(f)
	f.Add(tokCounselor, []byte(`{"subject":"a.li","signals":{"mood_tier":2,"qa_avg":88}}`))
	f.Add(tokLead, []byte(`{"subject":"a.li","signals":{"mood_tier":2}}`))
	f.Add(tokLead, []byte(`{"subject":"a.li","signals":{"qa_avg":1e400}}`))
	f.Add(tokHR, []byte(`{"subject":"a.li","signals":{},"open":[{"id":"x","kind":"care","status":"open"}]}`))
	f.Add(tokHR, []byte(`{"subject":"a.li","signals":{"":-0}}`))
	f.Fuzz(func(t *testing.T, token string, body []byte) {
		st, out, _ := ts.do(t, token, "POST", "/v1/coaching/proposals", body)
		fuzzCoachingStatus(t, st, out)
	})
}

// FuzzCoachingOpen sends arbitrary openings.
func FuzzCoachingOpen(f *testing.F) {
	ts := newFuzzServer(f)
	f.Add([]byte(`{"kind":"care","subject":"a.li","opened":"2026-03-02T09:00:00Z"}`))
	f.Add([]byte(`{"kind":"employee_issue","subject":"a.li","opened":"2026-03-02T09:00:00Z","channel":"forum"}`))
	f.Add([]byte(`{"kind":"care","subject":"a.li","opened":"2026-03-02T09:00:00Z","channel":"forum"}`))
	f.Add([]byte(`{"kind":"care","subject":"a.li","opened":"9999-12-31T23:59:59Z"}`))
	f.Add([]byte(`{"kind":"","subject":"","opened":null}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		st, out, _ := ts.do(t, tokLead, "POST", "/v1/coaching/cases", body)
		fuzzCoachingStatus(t, st, out)
	})
}

// FuzzCoachingDue asks what is due with arbitrary at and subject values.
func FuzzCoachingDue(f *testing.F) {
	ts := newFuzzServer(f)
	c := caseOf(f)(coaching.DefaultPolicy().Open(coaching.Care, "a.li", coachT0))
	if _, _, err := createStoredCase(ts, c); err != nil {
		f.Fatal(err)
	}
	f.Add(tokLead, "2026-03-09T09:00:00Z", "")
	f.Add(tokAgentA, "2026-03-09T09:00:00Z", "a.li")
	f.Add(tokAgentA, "", "b.wu")
	f.Add(tokLead, "10000-01-01T00:00:00Z", "")
	f.Add(tokLead, "2026-03-09T09:00:00+23:59", "a.li")
	f.Add(tokCounselor, "0000-01-01T00:00:00-23:59", "\x00")
	f.Fuzz(func(t *testing.T, token, at, subject string) {
		q := url.Values{"at": {at}}
		if subject != "" {
			q.Set("subject", subject)
		}
		st, out, _ := ts.do(t, token, "GET", "/v1/coaching/due?"+q.Encode(), nil)
		fuzzCoachingStatus(t, st, out)
	})
}

// TestCoachingIncentivesBodies: a body that is not JSON, malformed, with a
// field the endpoint does not take, or too large is refused by every POST
// of coaching and incentives before anything is read or stored.
func TestCoachingIncentivesBodies(t *testing.T) {
	ts := newTestServer(t, withMaxBody(64))
	pol := ts.Policies().Coaching
	c := caseOf(t)(pol.Open(coaching.Care, "a.li", coachT0))
	if _, _, err := createStoredCase(ts, c); err != nil {
		t.Fatal(err)
	}
	var syntax *json.SyntaxError
	if err := json.Unmarshal([]byte(`{"id":`), new(any)); !errors.As(err, &syntax) {
		t.Fatalf("encoding/json reads a cut body as %v", err)
	}
	malformedDetail := strings.TrimPrefix(syntax.Error(), "json: ") + fmt.Sprintf(", at byte %d", syntax.Offset)
	for _, ep := range []struct {
		path, instance, token string
		fields                []string
	}{
		{"/v1/coaching/proposals", "/v1/coaching/proposals", tokCounselor, []string{"open", "signals", "subject"}},
		{"/v1/coaching/cases", "/v1/coaching/cases", tokLead, []string{"channel", "kind", "opened", "subject"}},
		{casePath(c.ID, "/events"), caseInstance(c.ID, "/events"), tokLead,
			[]string{"at", "by", "case", "due", "id", "reason", "records", "role", "step", "type"}},
		{"/v1/incentives/statements", "/v1/incentives/statements", tokHR, []string{"agents", "period"}},
	} {
		unknown := callfloor.NotSupported("colour", "field", "colour", ep.fields)
		for _, tc := range []struct {
			name   string
			body   string
			header []string
			want   *Problem
		}{
			{"a body not said to be JSON", `{}`, []string{"Content-Type", "text/plain"},
				problem(http.StatusUnsupportedMediaType, "unsupported-media-type", "Unsupported media type",
					"a request body is JSON: send Content-Type: application/json", ep.instance)},
			{"a cut body", `{"id":`, nil,
				problem(http.StatusBadRequest, "malformed", "Malformed JSON", malformedDetail, ep.instance)},
			{"a field the endpoint does not take", `{"colour":"red"}`, nil,
				problem(http.StatusUnprocessableEntity, "invalid-input", "Invalid input", unknown.Error(), ep.instance,
					FieldError{Field: "colour", Kind: "not_supported", Detail: unknown.Msg})},
			{"a body over the bound", `{"id":"` + strings.Repeat("x", 64) + `"}`, nil,
				problem(http.StatusRequestEntityTooLarge, "too-large", "Request body too large",
					"a request body holds at most 64 bytes", ep.instance)},
		} {
			t.Run(ep.instance+" "+tc.name, func(t *testing.T) {
				st, body, hdr := ts.do(t, ep.token, "POST", ep.path, tc.body, tc.header...)
				wantProblem(t, st, body, hdr, tc.want)
				if v := storedVersion(t, ts, c.ID); v != 1 {
					t.Errorf("the case is at version %d after a refused body, want 1", v)
				}
			})
		}
	}
	wantAudits(t, ts)
}

// TestCoachingEventRole proves that an event's role is one its caller's
// token lets them act as: the roles acts_as lists, or else the coaching
// role of the caller's own name, and for a lead the mood policy's lead
// too. Any other role is refused on the field before anything is stored;
// an event without a role is left to the library.
func TestCoachingEventRole(t *testing.T) {
	const (
		tokActing    = "tok-acting-counselor"
		tokNarrow    = "tok-narrow-lead"
		tokSupervise = "tok-supervising-hr"
	)
	opts := []testOption{
		withToken(tokActing, "m.jun", RoleCounselor, "[team_lead, supervisor]"),
		withToken(tokNarrow, "n.lan", RoleLead, "[supervisor]"),
		withToken(tokSupervise, "s.hu", RoleHR, "[supervisor, hr]"),
	}
	refused := func(path, who, roles, role string) *Problem {
		return forbiddenProblem(path, "role", fmt.Sprintf("%s acts in a workflow as %s, not %q", who, roles, role))
	}
	cases := []struct {
		name, token, person, role string
		// typ is the event's type; complete when empty.
		typ coaching.EventType
		// want is the service's refusal; nil when the event reaches the
		// library.
		want func(path string) *Problem
		// libField is the field the library refuses; "" when it applies
		// the event.
		libField string
	}{
		{"the lead as the mood policy's lead", tokLead, "l.chen", "team_lead", "", nil, ""},
		{"the lead as hr", tokLead, "l.chen", "hr", "", func(p string) *Problem { return refused(p, "l.chen", "lead or team_lead", "hr") }, ""},
		{"the lead as a supervisor", tokLead, "l.chen", "supervisor", "", func(p string) *Problem { return refused(p, "l.chen", "lead or team_lead", "supervisor") }, ""},
		{"hr as the lead", tokHR, "h.ma", "team_lead", "", func(p string) *Problem { return refused(p, "h.ma", "hr", "team_lead") }, ""},
		{"hr cancels as the lead", tokHR, "h.ma", "team_lead", coaching.EventCancel, func(p string) *Problem { return refused(p, "h.ma", "hr", "team_lead") }, ""},
		{"the counselor as the lead", tokCounselor, "c.zhao", "team_lead", "", func(p string) *Problem { return refused(p, "c.zhao", "counselor", "team_lead") }, ""},
		{"the crisis owner as the lead", tokCrisis, "k.sun", "team_lead", "", func(p string) *Problem { return refused(p, "k.sun", "crisis_owner", "team_lead") }, ""},
		{"a counselor whose token lets them act as the lead", tokActing, "m.jun", "team_lead", "", nil, ""},
		{"a lead whose token names only supervisor", tokNarrow, "n.lan", "team_lead", "", func(p string) *Problem { return refused(p, "n.lan", "supervisor", "team_lead") }, ""},
		{"hr whose token names supervisor and hr, as the lead", tokSupervise, "s.hu", "team_lead", "", func(p string) *Problem { return refused(p, "s.hu", "supervisor or hr", "team_lead") }, ""},
		{"a role in another case", tokLead, "l.chen", "Team_Lead", "", func(p string) *Problem { return refused(p, "l.chen", "lead or team_lead", "Team_Lead") }, ""},
		{"no role, left to the library", tokHR, "h.ma", "", "", nil, ""},
		{"a role the token allows but the step does not", tokActing, "m.jun", "supervisor", "", nil, "role"},
		{"a role the token allows but the policy does not declare", tokLead, "l.chen", "lead", "", nil, "role"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts := newTestServer(t, opts...)
			pol := ts.Policies().Coaching
			cs := caseOf(t)(pol.Open(coaching.PerformanceReview, "a.li", coachT0))
			if _, _, err := createStoredCase(ts, cs); err != nil {
				t.Fatal(err)
			}
			e := completion(t, pol, cs, 0, "ev-1", coachT0.Add(time.Hour), c.person)
			if c.typ == coaching.EventCancel {
				e = coaching.Event{ID: "ev-1", Case: cs.ID, Type: coaching.EventCancel, At: coachT0.Add(time.Hour), By: c.person, Reason: "moved team"}
			}
			e.Role = c.role
			path := casePath(cs.ID, "/events")
			st, body, hdr := ts.do(t, c.token, "POST", path, e)
			if c.want != nil {
				wantProblem(t, st, body, hdr, c.want(caseInstance(cs.ID, "/events")))
				if v := storedVersion(t, ts, cs.ID); v != 1 {
					t.Errorf("version %d after a refused role, want 1", v)
				}
				return
			}
			after, err := pol.Apply(cs, e)
			if c.libField != "" {
				var ie *callfloor.InputError
				if !errors.As(err, &ie) || ie.Field != callfloor.Path("event."+c.libField) {
					t.Fatalf("the library answers %v, want a refusal of event.%s", err, c.libField)
				}
				wantProblem(t, st, body, hdr, inputProblemAt(t, path, c.libField, ie.Kind.String(), err))
				return
			}
			if err != nil {
				t.Fatalf("the library refuses the test's event: %v", err)
			}
			wantBody(t, st, body, http.StatusOK, after)
			if v := storedVersion(t, ts, cs.ID); v != 2 {
				t.Errorf("version %d after the event, want 2", v)
			}
		})
	}
}

// TestCoachingRoles proves the roles a token's holder acts as, for every
// role with and without acts_as, under the default mood policy and one
// whose lead is named otherwise.
func TestCoachingRoles(t *testing.T) {
	_, renamed := renamedMood(t)
	def := &Policies{Mood: mood.DefaultPolicy()}
	ren := &Policies{Mood: renamed}
	cases := []struct {
		name string
		pol  *Policies
		who  Principal
		want []string
	}{
		{"lead", def, Principal{Person: "l", Role: RoleLead}, []string{"lead", "team_lead"}},
		{"lead, lead renamed", ren, Principal{Person: "l", Role: RoleLead}, []string{"lead", "supervisor"}},
		{"counselor", def, Principal{Person: "c", Role: RoleCounselor}, []string{"counselor"}},
		{"crisis owner", def, Principal{Person: "k", Role: RoleCrisisOwner}, []string{"crisis_owner"}},
		{"crisis owner, renamed", ren, Principal{Person: "k", Role: RoleCrisisOwner}, []string{"crisis_owner"}},
		{"hr", def, Principal{Person: "h", Role: RoleHR}, []string{"hr"}},
		{"lead without a mood policy", &Policies{}, Principal{Person: "l", Role: RoleLead}, []string{"lead"}},
		{"lead with acts_as", def, Principal{Person: "l", Role: RoleLead, ActsAs: []string{"supervisor"}}, []string{"supervisor"}},
		{"hr with acts_as", def, Principal{Person: "h", Role: RoleHR, ActsAs: []string{"hr", "team_lead"}}, []string{"hr", "team_lead"}},
	}
	for _, c := range cases {
		if got := coachingRoles(c.pol, c.who); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
