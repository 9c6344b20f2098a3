package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
)

// coachingDefault is the default coaching policy as the command loads it.
func coachingDefault(t testing.TB) *policy {
	t.Helper()
	p, err := parsePolicy("coaching.yaml", "coaching", coaching.DefaultPolicySource())
	require.NoError(t, err)
	return p
}

// issueOpening opens li.na's employee-raised issue on 2025-03-03 at 09:00.
const issueOpening = `{"kind": "employee_issue", "subject": "li.na", "opened": "2025-03-03T09:00:00Z"}`

// interviewHeld completes the issue's interview on 2025-03-04.
const interviewHeld = `{"id": "e1", "type": "complete", "step": "hold_interview", "at": "2025-03-04T09:00:00Z", "by": "wang.lei",
	"records": [{"name": "issue", "value": "rota"}, {"name": "interview_notes", "value": "agreed"}]}`

// evalText evaluates doc under p and gives the result as JSON, or the
// errors as eval prints them.
func evalText(t *testing.T, p *policy, doc string) (string, string) {
	t.Helper()
	out, err := evaluate(p, []byte(doc))
	if err != nil {
		return "", errorText(inputErrors(p.kind, []byte(doc), err))
	}
	b, err := json.Marshal(out)
	require.NoError(t, err)
	return string(b), ""
}

// A case document opens a case, applies its events in order and lists
// what the case owes as of due_at.
func TestCaseDocument(t *testing.T) {
	p := coachingDefault(t)
	out, errText := evalText(t, p, `{"case": `+issueOpening+`, "events": [`+interviewHeld+`], "due_at": "2025-03-20T09:00:00Z"}`)
	require.Empty(t, errText)
	var got coachingCaseOutput
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	assert.Equal(t, "employee_issue/li.na/20250303T090000.000000000Z", got.Case.ID)
	assert.Equal(t, coaching.StatusOpen, got.Case.Status)
	require.Len(t, got.Case.History, 1)
	assert.Equal(t, got.Case.ID, got.Case.History[0].Case, "an event without its case is for the document's case")
	var due []string
	for _, r := range got.Due {
		due = append(due, r.Step+" "+r.Due.Format("2006-01-02")+" late "+r.Late.String()+" silence "+map[bool]string{true: "yes", false: "no"}[r.SilenceRisk])
	}
	assert.Equal(t, []string{
		"joint_analysis 2025-03-08 late 288h silence no",
		"follow_up_feedback 2025-03-17 late 72h silence yes",
	}, due)

	// The case written out is a stored case: read back with no event, it
	// owes the same.
	again, errText := evalText(t, p, `{"case": `+string(mustField(t, out, "case"))+`, "due_at": "2025-03-20T09:00:00Z"}`)
	require.Empty(t, errText)
	assert.JSONEq(t, out, again)

	// Nothing owed is an empty list, not null.
	closedOut, errText := evalText(t, p, `{"case": `+issueOpening+`, "events": [
		{"id": "c", "type": "cancel", "at": "2025-03-03T10:00:00Z", "by": "wang.lei", "reason": "withdrawn"}], "due_at": "2025-03-20T09:00:00Z"}`)
	require.Empty(t, errText)
	assert.Equal(t, `[]`, string(mustField(t, closedOut, "due")))
}

func mustField(t *testing.T, doc, field string) json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(doc), &m))
	return m[field]
}

// Every refusal of a case document names the document's own field, as
// eval prints it: an event by its index, the opening by the case's names.
func TestCaseDocumentErrors(t *testing.T) {
	p := coachingDefault(t)
	stored, errText := evalText(t, p, `{"case": `+issueOpening+`, "events": [`+interviewHeld+`], "due_at": "2025-03-04T09:00:00Z"}`)
	require.Empty(t, errText)
	storedCase := string(mustField(t, stored, "case"))
	const due = `, "due_at": "2025-03-20T09:00:00Z"}`
	tests := []struct {
		why, doc, want string
	}{
		{"an event out of order, by its index",
			`{"case": ` + issueOpening + `, "events": [` + interviewHeld + `, {"id": "e2", "type": "complete", "step": "follow_up_feedback", "at": "2025-03-05T09:00:00Z", "by": "wang.lei"}]` + due,
			`events[1].step: step "follow_up_feedback" is not next; expected: complete "joint_analysis" (or reschedule a step, or cancel)`},
		{"an event with no one who acted",
			`{"case": ` + issueOpening + `, "events": [{"id": "e1", "type": "cancel", "at": "2025-03-04T09:00:00Z", "reason": "r"}]` + due,
			`events[0].by: is required: the history says who acted, for audits`},
		{"an event refused as a whole",
			`{"case": ` + issueOpening + `, "events": [` + interviewHeld + `, {"id": "e2", "type": "close", "at": "2025-03-05T09:00:00Z", "by": "x"}, {"id": "e3", "type": "cancel", "at": "2025-03-06T09:00:00Z", "by": "x", "reason": "r"}]` + due,
			`events[1].type: close needs every step done; step "joint_analysis" is still owed; expected: complete "joint_analysis" (or reschedule a step, or cancel)`},
		{"an event for another case",
			`{"case": ` + issueOpening + `, "events": [{"id": "e1", "case": "care/li.na/x", "type": "cancel", "at": "2025-03-04T09:00:00Z", "by": "x", "reason": "r"}]` + due,
			`events[0].case: the event is for case "care/li.na/x"; this case is "employee_issue/li.na/20250303T090000.000000000Z"`},
		{"an event of an unknown type",
			`{"case": ` + issueOpening + `, "events": [{"id": "e1", "type": "archive"}]` + due,
			`events[0]: unknown event type "archive"; allowed: complete, reschedule, cancel, close, answer_on_the_spot`},
		{"an event field of the wrong type",
			`{"case": ` + issueOpening + `, "events": [{"id": "e1", "type": "cancel", "at": 5}]` + due,
			`events[0]: a time is written as a JSON string (RFC 3339, as in 2026-11-02T09:00:00Z)`},
		{"a record of the wrong type, by its index",
			`{"case": ` + issueOpening + `, "events": [{"id": "e1", "records": [{"name": "a"}, {"name": 3}]}]` + due,
			`events[0].records[1].name: a number where a string is expected`},
		{"events that are not a list",
			`{"case": ` + issueOpening + `, "events": {}` + due,
			`events: an object where an array is expected`},
		{"a stored case's step of the wrong type",
			`{"case": {"id": "x", "steps": [{}, {"rescheduled": "2"}]}` + due,
			`case.steps[1].rescheduled: a string where a whole number is expected`},
		{"an event field no event has",
			`{"case": ` + issueOpening + `, "events": [{"id": "e1", "when": "now"}]` + due,
			`events[0]: unknown field "when"`},
		{"an event that is not an object",
			`{"case": ` + issueOpening + `, "events": [7]` + due,
			`events[0]: a number where an object is expected`},
		{"an unknown kind to open",
			`{"case": {"kind": "chat", "subject": "li.na", "opened": "2025-03-03T09:00:00Z"}` + due,
			`case.kind: unknown kind "chat"; allowed: performance_review, performance_problem, promotion, care, employee_issue, exit_interview, hiring_interview, cross_department`},
		{"no subject to open",
			`{"case": {"kind": "care", "opened": "2025-03-03T09:00:00Z"}` + due,
			`case.subject: is required`},
		{"no opening time",
			`{"case": {"kind": "care", "subject": "li.na"}` + due,
			`case.opened: is required`},
		{"a field of a stored case without its id",
			`{"case": {"kind": "care", "subject": "li.na", "opened": "2025-03-03T09:00:00Z", "status": "open"}` + due,
			`case: unknown field "status"`},
		{"a case that is not an object",
			`{"case": [1]` + due,
			`case: expected an object: a case to open ({kind, subject, opened}) or a stored case (with its id)`},
		{"a null case",
			`{"case": null` + due,
			`case: expected an object: a case to open ({kind, subject, opened}) or a stored case (with its id)`},
		{"a stored case of an unknown kind",
			`{"case": {"id": "x", "kind": "chat"}` + due,
			`case.kind: unknown kind "chat"; allowed: performance_review, performance_problem, promotion, care, employee_issue, exit_interview, hiring_interview, cross_department`},
		{"a stored case edited by hand, with no event",
			`{"case": ` + strings.Replace(storedCase, `"subject":"li.na"`, `"subject":"wang.lei"`, 1) + due,
			`case.id: "employee_issue/li.na/20250303T090000.000000000Z" is not the id of a employee_issue case for subject "wang.lei" opened at 2025-03-03T09:00:00Z, which is "employee_issue/wang.lei/20250303T090000.000000000Z"`},
		{"a stored case edited by hand, before its events",
			`{"case": ` + strings.Replace(storedCase, `"subject":"li.na"`, `"subject":"wang.lei"`, 1) + `, "events": [{"id": "c", "type": "cancel", "at": "2025-03-05T09:00:00Z", "by": "x", "reason": "r"}]` + due,
			`case.id: "employee_issue/li.na/20250303T090000.000000000Z" is not the id of a employee_issue case for subject "wang.lei" opened at 2025-03-03T09:00:00Z, which is "employee_issue/wang.lei/20250303T090000.000000000Z"`},
		{"no due_at",
			`{"case": ` + issueOpening + `}`,
			`due_at: is required: the reminders listed are those the case owes at this time`},
		{"a due_at before the case's last event",
			`{"case": ` + issueOpening + `, "events": [` + interviewHeld + `], "due_at": "2025-03-04T08:59:59Z"}`,
			`due_at: 2025-03-04T08:59:59Z is before the case's last event at 2025-03-04T09:00:00Z; a case owes nothing in its past that its history does not already show done`},
		{"a field neither document has",
			`{"case": ` + issueOpening + `, "signals": {}` + due,
			`document: unknown field "signals"`},
		{"too many events",
			`{"case": ` + issueOpening + `, "events": [` + strings.Repeat(interviewHeld+",", maxCaseEvents) + interviewHeld + `]` + due,
			`events: 1001 events; a case document applies at most 1000`},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			out, errText := evalText(t, p, tt.doc)
			assert.Empty(t, out)
			assert.Equal(t, tt.want, errText)
		})
	}
}

// The event bound lets exactly maxCaseEvents through; retrying one event
// is the cheapest way to send that many.
func TestCaseDocumentEventBound(t *testing.T) {
	p := coachingDefault(t)
	doc := `{"case": ` + issueOpening + `, "events": [` + strings.Repeat(interviewHeld+",", maxCaseEvents-1) + interviewHeld + `], "due_at": "2025-03-04T09:00:00Z"}`
	out, errText := evalText(t, p, doc)
	require.Empty(t, errText)
	assert.Contains(t, out, `"history":[{"id":"e1"`)
}

// A coaching document without a case field is the proposals document,
// read as before, and a due_at at the case's last event is allowed.
func TestCoachingShapes(t *testing.T) {
	p := coachingDefault(t)
	out, errText := evalText(t, p, `{"subject": "li.na", "signals": {"resigned": 1}}`)
	require.Empty(t, errText)
	assert.Contains(t, out, `"proposed":[{"kind":"exit_interview"`)
	_, errText = evalText(t, p, `[]`)
	assert.Equal(t, `document: an array where an object is expected`, errText)
	out, errText = evalText(t, p, `{"case": `+issueOpening+`, "due_at": "2025-03-03T09:00:00Z"}`)
	require.Empty(t, errText)
	assert.Contains(t, out, `"due":[{"policy"`)
	assert.Contains(t, out, `"step":"hold_interview","title":"hold the interview","role":"team_lead","due":"2025-03-06T09:00:00Z","overdue":false`)
}

// FuzzCaseDocument: no case document panics; a result encodes as JSON
// and owes no step of a case that is not open; a refusal is an input
// error.
func FuzzCaseDocument(f *testing.F) {
	f.Add(`{"case": ` + issueOpening + `, "events": [` + interviewHeld + `], "due_at": "2025-03-20T09:00:00Z"}`)
	f.Add(`{"case": ` + issueOpening + `, "events": [{"id": "r", "type": "reschedule", "step": "hold_interview", "at": "2025-03-04T09:00:00Z", "by": "x", "due": "9999-12-31T23:59:59Z"}], "due_at": "9999-12-31T23:59:59Z"}`)
	f.Add(`{"case": {"id": "x", "kind": "care", "subject": "a", "status": "open", "steps": [{"step": "find_need"}], "history": [{}]}, "due_at": "2025-03-20T09:00:00Z"}`)
	f.Add(`{"case": {"kind": "exit_interview", "subject": "a", "opened": "0000-01-01T00:00:00+23:59"}, "events": [{}], "due_at": "0000-01-01T00:00:00Z"}`)
	f.Add(`{"case": 1}`)
	f.Add(`{"case": {}, "events": null, "due_at": null}`)
	p := coachingDefault(f)
	f.Fuzz(func(t *testing.T, doc string) {
		out, err := evaluate(p, []byte(doc))
		if err != nil {
			for _, ie := range inputErrors("coaching", []byte(doc), err) {
				if ie.Kind < callfloor.ErrRequired || ie.Kind > callfloor.ErrForbidden || ie.Msg == "" {
					t.Fatalf("not an input error: %#v", ie)
				}
			}
			return
		}
		if _, err := json.Marshal(out); err != nil {
			t.Fatalf("the result cannot be written as JSON: %v", err)
		}
		if c, ok := out.(coachingCaseOutput); ok && c.Case.Status != coaching.StatusOpen && len(c.Due) > 0 {
			t.Fatalf("a %s case owes %d steps", c.Case.Status, len(c.Due))
		}
	})
}
