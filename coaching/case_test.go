package coaching

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// t0 is a Monday morning; every test clock counts from it.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

const day = 24 * time.Hour

func recs(kv ...string) []Record {
	var out []Record
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, Record{Name: kv[i], Value: kv[i+1]})
	}
	return out
}

func complete(c Case, id, stepID string, at time.Time, r ...Record) Event {
	return Event{ID: id, Case: c.ID, By: "lead.wang", Type: EventComplete, Step: stepID, At: at, Records: r}
}

// mustApply applies events in order and fails the test on any error.
func mustApply(t *testing.T, p *Policy, c Case, es ...Event) Case {
	t.Helper()
	for _, e := range es {
		var err error
		c, err = p.Apply(c, e)
		require.NoError(t, err, e.ID)
	}
	return c
}

func openReview(t *testing.T) (*Policy, Case) {
	t.Helper()
	p := DefaultPolicy()
	c, err := p.Open(PerformanceReview, "agent-17", t0)
	require.NoError(t, err)
	return p, c
}

func TestOpen(t *testing.T) {
	p, c := openReview(t)
	assert.Equal(t, "performance_review/agent-17/20260302T090000.000000000Z", c.ID)
	assert.Equal(t, StatusOpen, c.Status)
	assert.Equal(t, p.Identity(), c.Policy)
	assert.Equal(t, t0, c.Updated)
	require.Len(t, c.Steps, 5)
	assert.Equal(t, []string{"analyze_scores", "make_interview_form", "hold_interview", "follow_up", "performance_feedback"}, stepNames(c))
	assert.Equal(t, t0.Add(5*day), c.Steps[0].Due, "the first step counts from the opening")
	for _, s := range c.Steps[1:] {
		assert.True(t, s.Due.IsZero(), "%s counts from a step not yet done", s.Step)
	}
	assert.Equal(t, "analyze_scores", c.Next())

	issue, err := p.Open(EmployeeIssue, "agent-3", t0)
	require.NoError(t, err)
	assert.Equal(t, t0.Add(3*day), issue.Steps[0].Due)
	assert.True(t, issue.Steps[1].Due.IsZero())
	assert.Equal(t, t0.Add(14*day), issue.Steps[2].Due, "feedback on a raised issue counts from the day it was raised")
}

func stepNames(c Case) []string {
	var out []string
	for _, s := range c.Steps {
		out = append(out, s.Step)
	}
	return out
}

func TestOpenErrors(t *testing.T) {
	small, err := ParsePolicy([]byte(`version: v1
roles: [team_lead]
workflows:
  care:
    phases: [p]
    steps:
      - {id: talk, phase: p, role: team_lead, within: 1d, setting: one_to_one, feedback: true}
`))
	require.NoError(t, err)
	for _, tc := range []struct {
		reason  string
		p       *Policy
		kind    Kind
		subject string
		at      time.Time
		want    string
	}{
		{"a kind the policy does not declare", DefaultPolicy(), "coffee_chat", "a", t0, `kind: unknown kind "coffee_chat"; allowed: performance_review, performance_problem, promotion, care, employee_issue, exit_interview, hiring_interview, cross_department`},
		{"a kind this policy leaves out", small, Promotion, "a", t0, `kind: unknown kind "promotion"; allowed: care`},
		{"no subject", DefaultPolicy(), Care, " ", t0, "subject: is required"},
		{"no time", DefaultPolicy(), Care, "a", time.Time{}, "at: is required"},
	} {
		_, err := tc.p.Open(tc.kind, tc.subject, tc.at)
		require.Error(t, err, tc.reason)
		assert.Equal(t, tc.want, err.Error(), tc.reason)
		var ie *callfloor.InputError
		assert.True(t, errors.As(err, &ie), tc.reason)
	}
}

func TestApplyFullFlow(t *testing.T) {
	p, c := openReview(t)
	before, err := json.Marshal(c)
	require.NoError(t, err)

	c1 := mustApply(t, p, c, complete(c, "e1", "analyze_scores", t0.Add(day), recs("score_analysis", "QA 78, down from 88; holds too long")...))
	// The original is untouched.
	after, err := json.Marshal(c)
	require.NoError(t, err)
	require.JSONEq(t, string(before), string(after))

	assert.Equal(t, t0.Add(day), c1.Steps[0].Done)
	assert.Equal(t, t0.Add(3*day), c1.Steps[1].Due, "make_interview_form: 2d after analyze_scores")
	assert.Equal(t, t0.Add(day), c1.Updated)

	c2 := mustApply(t, p, c1,
		complete(c, "e2", "make_interview_form", t0.Add(2*day), recs("interview_form", "form-2026-03")...),
		Event{ID: "e3", Case: c.ID, Type: EventComplete, Step: "hold_interview", Role: "team_lead", By: "lead-4", At: t0.Add(4 * day),
			// Given out of the policy's order; stored in it.
			Records: recs("agreed_actions", "ask before every hold", "interview_notes", "agrees holds run long")},
		complete(c, "e4", "follow_up", t0.Add(18*day), recs("follow_up_notes", "holds under a minute")...),
		complete(c, "e5", "performance_feedback", t0.Add(20*day), recs("feedback_given", "praised in the team meeting")...),
	)
	assert.Equal(t, recs("interview_notes", "agrees holds run long", "agreed_actions", "ask before every hold"), c2.Steps[2].Records)
	assert.Equal(t, "", c2.Next())
	assert.Empty(t, p.Due(c2, t0.Add(60*day)), "nothing is owed once every step is done")

	closed := mustApply(t, p, c2, Event{ID: "e6", Case: c.ID, By: "lead.wang", Type: EventClose, At: t0.Add(20 * day)})
	assert.Equal(t, StatusClosed, closed.Status)
	require.Len(t, closed.History, 6)
	assert.Equal(t, "e6", closed.History[5].ID)
	assert.Equal(t, StatusOpen, c2.Status, "closing returns a new case")
	require.Len(t, c2.History, 5)
}

func TestApplyIsIdempotent(t *testing.T) {
	p, c := openReview(t)
	e := complete(c, "e1", "analyze_scores", t0.Add(day), recs("score_analysis", "x")...)
	c1 := mustApply(t, p, c, e)
	again, err := p.Apply(c1, e)
	require.NoError(t, err)
	assert.Equal(t, c1, again, "the same event twice changes nothing")

	// A retry comes back from the host's store: the same event in another
	// representation of the same instants is still the same event.
	cst := time.FixedZone("CST", 8*3600)
	retry := e
	retry.At = e.At.In(cst)
	retry.Records = slices.Clone(e.Records)
	again, err = p.Apply(c1, retry)
	require.NoError(t, err)
	assert.Equal(t, c1, again)

	// Even on a closed case, a retried event is not an error.
	_, done := runToEnd(t, p)
	last := done.History[len(done.History)-1]
	again, err = p.Apply(done, last)
	require.NoError(t, err)
	assert.Equal(t, done, again)
}

// runToEnd opens a care case and closes it.
func runToEnd(t *testing.T, p *Policy) (Case, Case) {
	t.Helper()
	c, err := p.Open(Care, "agent-8", t0)
	require.NoError(t, err)
	end := mustApply(t, p, c,
		complete(c, "c1", "find_need", t0.Add(time.Hour), recs("trigger", "complaint risk after 6 months at 96")...),
		complete(c, "c2", "investigate_cause", t0.Add(day), recs("cause", "father in hospital")...),
		complete(c, "c3", "hold_interview", t0.Add(2*day), recs("interview_notes", "n", "agreed_support", "two weeks of early shifts")...),
		complete(c, "c4", "follow_up", t0.Add(10*day), recs("follow_up_notes", "back to 95", "feedback_given", "thanked her for saying so early")...),
		Event{ID: "c5", Case: c.ID, By: "lead.wang", Type: EventClose, At: t0.Add(10 * day)},
	)
	return c, end
}

func TestApplyBranchesDoNotShareState(t *testing.T) {
	p, c := openReview(t)
	c1 := mustApply(t, p, c, complete(c, "e1", "analyze_scores", t0.Add(day), recs("score_analysis", "x")...))
	a := mustApply(t, p, c1, Event{ID: "a", Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: "make_interview_form", At: t0.Add(day), Due: t0.Add(9 * day)})
	b := mustApply(t, p, c1, complete(c, "b", "make_interview_form", t0.Add(2*day), recs("interview_form", "f")...))
	assert.Equal(t, t0.Add(3*day), c1.Steps[1].Due)
	assert.Equal(t, t0.Add(9*day), a.Steps[1].Due)
	assert.True(t, a.Steps[1].Done.IsZero())
	assert.Equal(t, t0.Add(2*day), b.Steps[1].Done)
	assert.Equal(t, "a", a.History[1].ID)
	assert.Equal(t, "b", b.History[1].ID)

	// The event's records are copied, not shared.
	r := recs("interview_form", "f")
	d := mustApply(t, p, c1, complete(c, "d", "make_interview_form", t0.Add(2*day), r...))
	r[0].Value = "changed"
	assert.Equal(t, "f", d.Steps[1].Records[0].Value)
	assert.Equal(t, "f", d.History[1].Records[0].Value)
}

func TestReschedule(t *testing.T) {
	p, c := openReview(t)
	// A later step may be rescheduled before its anchor is done; its new
	// deadline then stays when the anchor completes.
	c1 := mustApply(t, p, c,
		Event{ID: "r1", Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: "hold_interview", At: t0, Due: t0.Add(12 * day), Reason: "agent on leave"},
		complete(c, "e1", "analyze_scores", t0.Add(day), recs("score_analysis", "x")...),
		complete(c, "e2", "make_interview_form", t0.Add(2*day), recs("interview_form", "f")...),
	)
	assert.Equal(t, t0.Add(12*day), c1.Steps[2].Due)
	assert.Equal(t, 1, c1.Steps[2].Rescheduled)

	c2 := mustApply(t, p, c1, Event{ID: "r2", Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: "hold_interview", At: t0.Add(3 * day), Due: t0.Add(13 * day)})
	assert.Equal(t, 2, c2.Steps[2].Rescheduled)
	_, err := p.Apply(c2, Event{ID: "r3", Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: "hold_interview", At: t0.Add(3 * day), Due: t0.Add(14 * day)})
	require.EqualError(t, err, `event.step: step "hold_interview" has been rescheduled 2 times, the most the policy allows; expected: complete it or cancel the case`)
}

func TestCancel(t *testing.T) {
	p, c := openReview(t)
	x := mustApply(t, p, c, Event{ID: "x", Case: c.ID, By: "lead.wang", Type: EventCancel, At: t0.Add(day), Reason: "agent moved to another site"})
	assert.Equal(t, StatusCancelled, x.Status)
	assert.Equal(t, "agent moved to another site", x.Reason)
	assert.Empty(t, p.Due(x, t0.Add(30*day)))
}

func TestApplyErrors(t *testing.T) {
	p, c := openReview(t)
	c1 := mustApply(t, p, c, complete(c, "e1", "analyze_scores", t0.Add(day), recs("score_analysis", "x")...))
	_, closed := runToEnd(t, p)
	cancelled := mustApply(t, p, c, Event{ID: "x", Case: c.ID, By: "lead.wang", Type: EventCancel, At: t0, Reason: "r"})
	maxed := mustApply(t, p, c1,
		Event{ID: "r1", Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: "make_interview_form", At: t0.Add(day), Due: t0.Add(5 * day)},
		Event{ID: "r2", Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: "make_interview_form", At: t0.Add(day), Due: t0.Add(6 * day)},
	)
	alien := c1
	alien.Steps = append([]StepState(nil), c1.Steps...)
	alien.Steps[1].Step = "design_form"
	short := c1
	short.Steps = c1.Steps[:3]

	at := t0.Add(2 * day)
	form := recs("interview_form", "f")
	for _, tc := range []struct {
		reason string
		c      Case
		e      Event
		want   string
	}{
		{"no id", c1, Event{Case: c.ID, By: "lead.wang", Type: EventComplete, Step: "make_interview_form", At: at, Records: form},
			"event.id: is required: it is what makes a retried event change nothing"},
		{"another case", c1, Event{ID: "n", Case: "care/agent-17/x", By: "lead.wang", Type: EventComplete, Step: "make_interview_form", At: at, Records: form},
			`event.case: the event is for case "care/agent-17/x"; this case is "performance_review/agent-17/20260302T090000.000000000Z"`},
		{"a step skipped", c1, complete(c, "n", "hold_interview", at, recs("interview_notes", "n", "agreed_actions", "a")...),
			`event.step: step "hold_interview" is not next; expected: complete "make_interview_form" (or reschedule a step, or cancel)`},
		{"a step done twice", c1, complete(c, "n", "analyze_scores", at, recs("score_analysis", "y")...),
			`event.step: step "analyze_scores" was completed at 2026-03-03T09:00:00Z; expected: complete "make_interview_form" (or reschedule a step, or cancel)`},
		{"a step of another workflow", c1, complete(c, "n", "find_need", at),
			`event.step: unknown performance_review step "find_need"; allowed: analyze_scores, make_interview_form, hold_interview, follow_up, performance_feedback`},
		{"no step named", c1, Event{ID: "n", Case: c.ID, By: "lead.wang", Type: EventComplete, At: at},
			`event.step: a complete event names a step; expected: complete "make_interview_form" (or reschedule a step, or cancel)`},
		{"the required record missing", c1, complete(c, "n", "make_interview_form", at),
			`event.records: step "make_interview_form" must record interview_form; missing: interview_form`},
		{"one of two records missing", mustApply(t, p, c1, complete(c, "e2", "make_interview_form", at, form...)), complete(c, "n", "hold_interview", at, recs("interview_notes", "n")...),
			`event.records: step "hold_interview" must record interview_notes, agreed_actions; missing: agreed_actions`},
		{"a record the step does not keep", c1, complete(c, "n", "make_interview_form", at, recs("interview_form", "f", "mood", "low")...),
			`event.records[1]: step "make_interview_form" does not keep record "mood"; it records interview_form`},
		{"an empty record", c1, complete(c, "n", "make_interview_form", at, recs("interview_form", "  ")...),
			`event.records[0]: record "interview_form" of step "make_interview_form" is empty`},
		{"a record twice", c1, complete(c, "n", "make_interview_form", at, recs("interview_form", "a", "interview_form", "b")...),
			`event.records[1]: record "interview_form" is given twice`},
		{"the wrong role", c1, Event{ID: "n", Case: c.ID, By: "lead.wang", Type: EventComplete, Step: "make_interview_form", Role: "hr", At: at, Records: form},
			`event.role: step "make_interview_form" is acted by the team_lead, not the hr`},
		{"time going backwards", c1, complete(c, "n", "make_interview_form", t0.Add(12*time.Hour), form...),
			"event.at: 2026-03-02T21:00:00Z is before the case's last event at 2026-03-03T09:00:00Z; events must not go back in time"},
		{"no time", c1, complete(c, "n", "make_interview_form", time.Time{}, form...),
			"event.at: is required"},
		{"no one who acted", c1, Event{ID: "n", Case: c.ID, Type: EventComplete, Step: "make_interview_form", At: at, Records: form},
			"event.by: is required: the history says who acted, for audits"},
		{"a blank one who acted", c1, Event{ID: "n", Case: c.ID, By: " ", Type: EventCancel, At: at, Reason: "r"},
			"event.by: is required: the history says who acted, for audits"},
		{"an event on a closed case", closed, Event{ID: "n", Case: closed.ID, By: "lead.wang", Type: EventCancel, At: t0.Add(30 * day), Reason: "r"},
			"event: the case is closed; it takes no more events"},
		{"an event on a cancelled case", cancelled, complete(c, "n", "analyze_scores", at, recs("score_analysis", "x")...),
			"event: the case is cancelled; it takes no more events"},
		{"cancel without a reason", c1, Event{ID: "n", Case: c.ID, By: "lead.wang", Type: EventCancel, At: at, Reason: " "},
			"event.reason: is required: a cancel says why"},
		{"close with steps owed", c1, Event{ID: "n", Case: c.ID, By: "lead.wang", Type: EventClose, At: at},
			`event.type: close needs every step done; step "make_interview_form" is still owed; expected: complete "make_interview_form" (or reschedule a step, or cancel)`},
		{"reschedule a done step", c1, Event{ID: "n", Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: "analyze_scores", At: at, Due: at.Add(day)},
			`event.step: step "analyze_scores" was completed at 2026-03-03T09:00:00Z; only an owed step can be rescheduled`},
		{"reschedule with no deadline", c1, Event{ID: "n", Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: "follow_up", At: at},
			"event.due: is required: a reschedule sets the new deadline"},
		{"reschedule into the past", c1, Event{ID: "n", Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: "follow_up", At: at, Due: at},
			"event.due: the new deadline 2026-03-04T09:00:00Z must be later than the event at 2026-03-04T09:00:00Z"},
		{"reschedule once too often", maxed, Event{ID: "n", Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: "make_interview_form", At: at, Due: at.Add(day)},
			`event.step: step "make_interview_form" has been rescheduled 2 times, the most the policy allows; expected: complete it or cancel the case`},
		{"an unknown event type", c1, Event{ID: "n", Case: c.ID, By: "lead.wang", Type: "skip", At: at},
			"event.type: unknown event type \"skip\"; allowed: complete, reschedule, cancel, close, answer_on_the_spot"},
		{"a case whose steps differ from the policy", alien, complete(c, "n", "make_interview_form", at, form...),
			`case.steps[1].step: the case has step "design_form" where the policy's performance_review workflow has "make_interview_form" (the case was opened under policy ` + p.Identity().String() + `; this policy is ` + p.Identity().String() + `)`},
		{"a case with fewer steps than the policy", short, complete(c, "n", "make_interview_form", at, form...),
			"case.steps: the case has 3 steps; the policy's performance_review workflow has 5 (the case was opened under policy " + p.Identity().String() + "; this policy is " + p.Identity().String() + ")"},
	} {
		assertRefused(t, p, tc.c, tc.e, tc.want, tc.reason)
	}
}

func TestCaseJSONRoundTrip(t *testing.T) {
	p, c := openReview(t)
	c = mustApply(t, p, c,
		complete(c, "e1", "analyze_scores", t0.Add(day), recs("score_analysis", "QA 78")...),
		Event{ID: "e2", Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: "make_interview_form", At: t0.Add(day), Due: t0.Add(4 * day), Reason: "lead off sick"},
	)
	b1, err := json.Marshal(c)
	require.NoError(t, err)
	var back Case
	require.NoError(t, json.Unmarshal(b1, &back))
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b1), string(b2))

	// The stored case goes on exactly as the live one.
	e := complete(c, "e3", "make_interview_form", t0.Add(2*day), recs("interview_form", "f")...)
	live, err := p.Apply(c, e)
	require.NoError(t, err)
	stored, err := p.Apply(back, e)
	require.NoError(t, err)
	l, _ := json.Marshal(live)
	s, _ := json.Marshal(stored)
	assert.Equal(t, string(l), string(s))
	assert.Equal(t, p.Due(live, t0.Add(9*day)), p.Due(stored, t0.Add(9*day)))
}

func TestApplyAfterTheLastStep(t *testing.T) {
	p := DefaultPolicy()
	c, err := p.Open(ExitInterview, "agent-12", t0)
	require.NoError(t, err)
	c = mustApply(t, p, c,
		complete(c, "x1", "hold_exit_interview", t0.Add(day), recs("exit_reason", "schedule", "real_reason", "night shifts clash with childcare")...),
		complete(c, "x2", "retention_attempt", t0.Add(2*day), recs("retention_outcome", "offered day shifts; declined")...),
		complete(c, "x3", "record_attrition", t0.Add(3*day), recs("attrition_data", "schedule/north/2026-03")...),
	)
	_, err = p.Apply(c, complete(c, "x4", "record_attrition", t0.Add(4*day), recs("attrition_data", "again")...))
	assert.EqualError(t, err, `event.step: step "record_attrition" was completed at 2026-03-05T09:00:00Z; expected: close (or cancel)`)
	c = mustApply(t, p, c, Event{ID: "x5", Case: c.ID, By: "lead.wang", Type: EventClose, At: t0.Add(4 * day)})
	assert.Equal(t, StatusClosed, c.Status)
}

func TestApplyUnderAPolicyWithoutTheKind(t *testing.T) {
	other, err := ParsePolicy([]byte("version: v\nroles: [r]\nworkflows: {}\n"))
	require.NoError(t, err)
	_, c := openReview(t)
	_, err = other.Apply(c, complete(c, "e1", "analyze_scores", t0, recs("score_analysis", "x")...))
	assert.EqualError(t, err, `case.kind: unknown kind "performance_review"; none is allowed here`)
}

// deepCopy copies a case down to its last slice, so that a later
// comparison sees any write Apply makes into what the case holds.
func deepCopy(c Case) Case {
	out := c
	out.Steps = slices.Clone(c.Steps)
	for i := range out.Steps {
		out.Steps[i].Records = slices.Clone(c.Steps[i].Records)
	}
	out.History = slices.Clone(c.History)
	for i := range out.History {
		out.History[i].Records = slices.Clone(c.History[i].Records)
	}
	return out
}

// withRoom gives the case's slices spare capacity, as a case decoded from
// JSON often has, so that an append in place would go unnoticed by len.
func withRoom(c Case) Case {
	c.Steps = append(make([]StepState, 0, len(c.Steps)+4), c.Steps...)
	c.History = append(make([]Event, 0, len(c.History)+4), c.History...)
	return c
}

func TestApplyNeverMutatesItsInput(t *testing.T) {
	p, c := openReview(t)
	c = withRoom(mustApply(t, p, c, complete(c, "e1", "analyze_scores", t0.Add(day), recs("score_analysis", "QA 78")...)))
	events := []Event{
		complete(c, "e2", "make_interview_form", t0.Add(2*day), recs("interview_form", "f")...),
		{ID: "e3", Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: "make_interview_form", At: t0.Add(2 * day), Due: t0.Add(6 * day), Reason: "lead on a course"},
		{ID: "e4", Case: c.ID, By: "lead.wang", Type: EventCancel, At: t0.Add(2 * day), Reason: "agent transferred"},
		complete(c, "e5", "hold_interview", t0.Add(2*day)),                             // refused: not next
		{ID: "e1", Case: c.ID, By: "lead.wang", Type: EventClose, At: t0.Add(2 * day)}, // refused: e1 names another event
		c.History[0], // a retry: no change
	}
	for _, e := range events {
		want := deepCopy(c)
		got, _ := p.Apply(c, e)
		assert.Equal(t, want, c, "%s: the case passed in is unchanged", e.ID)
		// Nothing was written into the room past the end of its slices.
		assert.Equal(t, Event{}, c.History[:len(c.History)+1][len(c.History)], e.ID)
		assert.Equal(t, StepState{}, c.Steps[:len(c.Steps)+1][len(c.Steps)], e.ID)
		// Nor does appending to or rewriting the result's history reach
		// back into the input.
		if len(got.History) > len(c.History) {
			got.History[0].ID = "changed"
			_ = append(got.History, Event{ID: "appended"})
			assert.Equal(t, want, c, "%s: the result's history is its own", e.ID)
		}
	}
}

func TestApplyFromOneCaseTwiceGivesTwoCases(t *testing.T) {
	p, c := openReview(t)
	c = withRoom(mustApply(t, p, c, complete(c, "e1", "analyze_scores", t0.Add(day), recs("score_analysis", "x")...)))
	a := mustApply(t, p, c, complete(c, "a", "make_interview_form", t0.Add(2*day), recs("interview_form", "form a")...))
	b := mustApply(t, p, c, Event{ID: "b", Case: c.ID, By: "lead.wang", Type: EventCancel, At: t0.Add(3 * day), Reason: "moved team"})
	require.Len(t, a.History, 2)
	require.Len(t, b.History, 2)
	assert.Equal(t, "a", a.History[1].ID, "the second branch did not overwrite the first")
	assert.Equal(t, "b", b.History[1].ID)
	assert.Equal(t, "form a", a.Steps[1].Records[0].Value)
	assert.True(t, b.Steps[1].Done.IsZero())
}

func TestApplyRetryAfterARefusal(t *testing.T) {
	p, c := openReview(t)
	// A refused event leaves no trace, so the host may fix it and send it
	// again under the same id.
	_, err := p.Apply(c, complete(c, "e1", "analyze_scores", t0.Add(day)))
	require.Error(t, err)
	c1 := mustApply(t, p, c, complete(c, "e1", "analyze_scores", t0.Add(day), recs("score_analysis", "x")...))
	assert.Equal(t, t0.Add(day), c1.Steps[0].Done)
	again, err := p.Apply(c1, complete(c, "e1", "analyze_scores", t0.Add(day), recs("score_analysis", "x")...))
	require.NoError(t, err)
	assert.Equal(t, c1, again)
}

func TestApplyRefusesFieldsTheEventDoesNotTake(t *testing.T) {
	p, c := openReview(t)
	at := t0.Add(day)
	for _, tc := range []struct {
		reason string
		e      Event
		want   string
	}{
		{"records on a cancel", Event{ID: "n", Case: c.ID, By: "lead.wang", Type: EventCancel, At: at, Reason: "r", Records: recs("score_analysis", "x")},
			"event.records: a cancel event records nothing; records belong to the complete event of a step"},
		{"records on a reschedule", Event{ID: "n", Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: "analyze_scores", At: at, Due: at.Add(day), Records: recs("score_analysis", "x")},
			"event.records: a reschedule event records nothing; records belong to the complete event of a step"},
		{"a deadline on a complete", Event{ID: "n", Case: c.ID, By: "lead.wang", Type: EventComplete, Step: "analyze_scores", At: at, Due: at.Add(day), Records: recs("score_analysis", "x")},
			"event.due: a complete event sets no deadline; only a reschedule does"},
		{"a step on a cancel", Event{ID: "n", Case: c.ID, By: "lead.wang", Type: EventCancel, Step: "analyze_scores", At: at, Reason: "r"},
			"event.step: a cancel event names no step; it ends the whole case"},
		{"a step on a close", Event{ID: "n", Case: c.ID, By: "lead.wang", Type: EventClose, Step: "analyze_scores", At: at},
			"event.step: a close event names no step; it ends the whole case"},
		{"a role the policy does not declare", Event{ID: "n", Case: c.ID, By: "lead.wang", Type: EventComplete, Step: "analyze_scores", Role: "janitor", At: at, Records: recs("score_analysis", "x")},
			`event.role: unknown role "janitor"; allowed: team_lead, supervisor, hr, using_department, related_department`},
		{"an unknown type carrying records", Event{ID: "n", Case: c.ID, By: "lead.wang", Type: "archive", At: at, Records: recs("score_analysis", "x")},
			`event.type: unknown event type "archive"; allowed: complete, reschedule, cancel, close, answer_on_the_spot`},
	} {
		got, err := p.Apply(c, tc.e)
		require.Error(t, err, tc.reason)
		assert.Equal(t, tc.want, err.Error(), tc.reason)
		assert.Equal(t, c, got, tc.reason)
	}
}

func TestApplyRefusesACaseItCouldNotHaveMade(t *testing.T) {
	p, c := openReview(t)
	c = mustApply(t, p, c, complete(c, "e1", "analyze_scores", t0.Add(day), recs("score_analysis", "x")...))
	e := complete(c, "n", "make_interview_form", t0.Add(2*day), recs("interview_form", "f")...)
	tamper := func(f func(*Case)) Case {
		d := deepCopy(c)
		f(&d)
		return d
	}
	for _, tc := range []struct {
		reason string
		c      Case
		want   string
	}{
		{"an unknown status", tamper(func(d *Case) { d.Status = "paused" }),
			`case.status: unknown status "paused"; allowed: open, closed, cancelled`},
		{"no opening time", tamper(func(d *Case) { d.Opened = time.Time{} }),
			"case.opened: is required"},
		{"a negative reschedule count", tamper(func(d *Case) { d.Steps[1].Rescheduled = -3 }),
			"case.steps[1].rescheduled: -3 is a count of reschedules; it must not be negative"},
		{"a step done past an owed one", tamper(func(d *Case) { d.Steps[3].Done = t0.Add(day) }),
			`case.steps[3].done: step "follow_up" is done while the earlier step "make_interview_form" is owed; steps are done in order`},
	} {
		assertRefused(t, p, tc.c, e, tc.want, tc.reason)
	}
}

// Every state a case passes through, open to closed or cancelled, is
// stored as JSON and read back equal, field for field, and goes on
// exactly as the live case.
func TestCaseJSONRoundTripAtEveryState(t *testing.T) {
	p := DefaultPolicy()
	c, err := p.Open(EmployeeIssue, "agent-3", t0)
	require.NoError(t, err)
	events := []Event{
		{ID: "r1", Case: c.ID, Type: EventReschedule, Step: "hold_interview", At: t0.Add(time.Hour), Due: t0.Add(4 * day), Reason: "agent on a late shift", By: "lead-4"},
		{ID: "i1", Case: c.ID, Type: EventComplete, Step: "hold_interview", Role: "team_lead", By: "lead-4", At: t0.Add(2 * day),
			Records: recs("interview_notes", "n", "issue", "the break rota favours the day shift")},
		complete(c, "i2", "joint_analysis", t0.Add(5*day), recs("problem_analysis", "a", "improvement_plan", "rota by lot")...),
		complete(c, "i3", "follow_up_feedback", t0.Add(13*day), recs("follow_up_notes", "n", "feedback_given", "told the team")...),
		{ID: "i4", Case: c.ID, By: "lead.wang", Type: EventClose, At: t0.Add(13 * day)},
	}
	states := []Case{c}
	for _, e := range events {
		c = mustApply(t, p, c, e)
		states = append(states, c)
	}
	cancelled := mustApply(t, p, states[2], Event{ID: "x", Case: c.ID, By: "lead.wang", Type: EventCancel, At: t0.Add(3 * day), Reason: "agent left"})
	states = append(states, cancelled)
	// A zone other than UTC survives too.
	cst := time.FixedZone("CST", 8*3600)
	zoned, err := p.Open(Care, "agent-9", time.Date(2026, 3, 2, 17, 0, 0, 0, cst))
	require.NoError(t, err)
	states = append(states, zoned)

	for i, s := range states {
		b1, err := json.Marshal(s)
		require.NoError(t, err, i)
		var back Case
		require.NoError(t, json.Unmarshal(b1, &back), i)
		b2, err := json.Marshal(back)
		require.NoError(t, err, i)
		assert.Equal(t, string(b1), string(b2), "state %d", i)
		d1, _ := json.Marshal(p.Due(s, t0.Add(20*day)))
		d2, _ := json.Marshal(p.Due(back, t0.Add(20*day)))
		assert.Equal(t, string(d1), string(d2), "state %d", i)
		if s.Kind == EmployeeIssue {
			assert.True(t, s.Opened.Equal(back.Opened) && s.Updated.Equal(back.Updated), "state %d", i)
			assert.Equal(t, s, back, "state %d: field for field", i)
		}
		if i < len(events) {
			live, err1 := p.Apply(s, events[i])
			stored, err2 := p.Apply(back, events[i])
			assert.Equal(t, err1, err2, "state %d", i)
			assert.Equal(t, live, stored, "state %d goes on the same", i)
		}
	}
}

// assertRefused applies e to c and holds the refusal to its exact text,
// to an *callfloor.InputError, and to the case coming back unchanged.
func assertRefused(t *testing.T, p *Policy, c Case, e Event, want, reason string) {
	t.Helper()
	got, err := p.Apply(c, e)
	require.Error(t, err, reason)
	assert.Equal(t, want, err.Error(), reason)
	var ie *callfloor.InputError
	assert.True(t, errors.As(err, &ie), reason)
	assert.Equal(t, c, got, "%s: a refused event returns the case unchanged", reason)
}
