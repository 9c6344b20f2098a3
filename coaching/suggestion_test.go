package coaching

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// issueHeard opens an issue an employee raised through the suggestion
// box and takes it through the talk and the joint analysis, so that the
// feedback step is next.
func issueHeard(t testing.TB, p *Policy, subject string, opened time.Time) Case {
	t.Helper()
	c, err := p.OpenIssue(subject, ChannelSuggestionBox, opened)
	require.NoError(t, err)
	return applyAll(t, p, c,
		complete(c, "talk", "hold_interview", opened.Add(day), recs("issue", "weekend shifts fall on the same people", "interview_notes", "doc://talks/1")...),
		complete(c, "analysis", "joint_analysis", opened.Add(2*day), recs("problem_analysis", "three agents took 9 of 12 weekends", "improvement_plan", "rotate weekends by a fixed rota")...))
}

// applyAll is mustApply for tests, benchmarks and fuzz targets alike.
func applyAll(t testing.TB, p *Policy, c Case, es ...Event) Case {
	t.Helper()
	for _, e := range es {
		var err error
		c, err = p.Apply(c, e)
		require.NoError(t, err, e.ID)
	}
	return c
}

// feedback completes the feedback step with its records, and closes the
// case a day later.
func feedback(t testing.TB, p *Policy, c Case, at time.Time, r ...Record) Case {
	t.Helper()
	return applyAll(t, p, c,
		complete(c, "feedback", "follow_up_feedback", at, r...),
		Event{ID: "close", Case: c.ID, By: "lead.wang", Type: EventClose, At: at.Add(day)})
}

var (
	feedbackRecs = recs("follow_up_notes", "the rota is live", "feedback_given", "told agent-3 and the team")
	adopted      = Record{Name: RecordSuggestionAdopted, Value: "weekends rotate by a fixed rota, as proposed"}
)

// The default's issue flow may record, at its feedback step, that the
// employee's suggestion was adopted; the record is optional, so an issue
// that was no such suggestion closes as before.
func TestSuggestionAdoptedIsOptional(t *testing.T) {
	p := DefaultPolicy()
	w, ok := p.Workflow(EmployeeIssue)
	require.True(t, ok)
	assert.Equal(t, []string{"follow_up_notes", "feedback_given"}, w.Steps[2].Records)
	assert.Equal(t, []string{RecordSuggestionAdopted}, w.Steps[2].OptionalRecords)
	assert.Equal(t, []string{RecordSuggestionAdopted}, w.Steps[0].OptionalRecords, "a suggestion adopted on the spot")
	assert.Nil(t, w.Steps[1].OptionalRecords, "a step with no optional record lists none")

	// Given first, the optional record is stored after the required ones,
	// in the policy's order; the history keeps the event as sent.
	with := feedback(t, p, issueHeard(t, p, "agent-3", t0), t0.Add(5*day), adopted, feedbackRecs[0], feedbackRecs[1])
	assert.Equal(t, []string{"follow_up_notes", "feedback_given", "suggestion_adopted"}, recordNames(with.Steps[2].Records))
	assert.Equal(t, []string{"suggestion_adopted", "follow_up_notes", "feedback_given"}, recordNames(with.History[2].Records))
	assert.Equal(t, StatusClosed, with.Status)

	without := feedback(t, p, issueHeard(t, p, "agent-4", t0), t0.Add(5*day), feedbackRecs...)
	assert.Equal(t, []string{"follow_up_notes", "feedback_given"}, recordNames(without.Steps[2].Records))
	assert.Equal(t, StatusClosed, without.Status)

	// Stored and read back, both cases are ones Apply accepts.
	for _, c := range []Case{with, without} {
		b, err := json.Marshal(c)
		require.NoError(t, err)
		var back Case
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, c, back)
		_, err = p.checkCase(&back)
		assert.NoError(t, err)
	}
}

func TestOptionalRecordRefusals(t *testing.T) {
	p := DefaultPolicy()
	c := issueHeard(t, p, "agent-3", t0)
	at := t0.Add(5 * day)
	for _, tc := range []struct {
		reason string
		e      Event
		want   string
	}{
		{"the optional record twice", complete(c, "f", "follow_up_feedback", at, feedbackRecs[0], feedbackRecs[1], adopted, adopted),
			`event.records[3]: record "suggestion_adopted" is given twice`},
		{"the optional record empty", complete(c, "f", "follow_up_feedback", at, feedbackRecs[0], feedbackRecs[1], Record{Name: RecordSuggestionAdopted, Value: " "}),
			`event.records[2]: record "suggestion_adopted" of step "follow_up_feedback" is empty`},
		{"a record the step does not keep", complete(c, "f", "follow_up_feedback", at, feedbackRecs[0], feedbackRecs[1], Record{Name: "bonus_paid", Value: "50"}),
			`event.records[2]: step "follow_up_feedback" does not keep record "bonus_paid"; it records follow_up_notes, feedback_given and optionally suggestion_adopted`},
		{"the optional record in place of a required one", complete(c, "f", "follow_up_feedback", at, feedbackRecs[0], adopted),
			`event.records: step "follow_up_feedback" must record follow_up_notes, feedback_given; missing: feedback_given`},
		{"the optional record alone", complete(c, "f", "follow_up_feedback", at, adopted),
			`event.records: step "follow_up_feedback" must record follow_up_notes, feedback_given; missing: follow_up_notes, feedback_given`},
	} {
		t.Run(tc.reason, func(t *testing.T) {
			assertRefused(t, p, c, tc.e, tc.want, tc.reason)
		})
	}

	// The analysis between the first talk and the feedback does not keep
	// it in the default.
	fresh, err := p.OpenIssue("agent-5", ChannelTalk, t0)
	require.NoError(t, err)
	talked := mustApply(t, p, fresh, complete(fresh, "talk", "hold_interview", t0.Add(day), recs("issue", "i", "interview_notes", "n")...))
	_, err = p.Apply(talked, complete(talked, "a", "joint_analysis", t0.Add(2*day), append(recs("problem_analysis", "a", "improvement_plan", "b"), adopted)...))
	assert.EqualError(t, err, `event.records[2]: step "joint_analysis" does not keep record "suggestion_adopted"; it records problem_analysis, improvement_plan`)
}

// A stored case holding an optional record is checked against its
// history like any other: the record must be the one its event gave, and
// stored in the policy's order.
func TestStoredOptionalRecordIsChecked(t *testing.T) {
	p := DefaultPolicy()
	heard := issueHeard(t, p, "agent-3", t0)
	with := feedback(t, p, heard, t0.Add(5*day), feedbackRecs[0], feedbackRecs[1], adopted)
	without := feedback(t, p, heard, t0.Add(5*day), feedbackRecs...)
	next := Event{ID: "again", Case: with.ID, By: "lead.wang", Type: EventCancel, At: t0.Add(9 * day), Reason: "r"}
	for _, tc := range []struct {
		reason string
		from   Case
		edit   func(*Case)
		want   string
	}{
		{"an adoption added to the step by hand", without, func(c *Case) {
			c.Steps = append([]StepState(nil), c.Steps...)
			c.Steps[2].Records = append(append([]Record(nil), c.Steps[2].Records...), adopted)
		}, `case.steps[2].records: the records of step "follow_up_feedback" are not those case.history[2] completed it with`},
		{"an adoption added to step and history alike, twice", with, func(c *Case) {
			c.Steps = append([]StepState(nil), c.Steps...)
			c.Steps[2].Records = append(append([]Record(nil), c.Steps[2].Records...), adopted)
			c.History = append([]Event(nil), c.History...)
			c.History[2].Records = append(append([]Record(nil), c.History[2].Records...), adopted)
		}, `case.history[2].records[3]: record "suggestion_adopted" is given twice`},
		{"the records out of the policy's order", with, func(c *Case) {
			c.Steps = append([]StepState(nil), c.Steps...)
			r := c.Steps[2].Records
			c.Steps[2].Records = []Record{r[2], r[0], r[1]}
		}, `case.steps[2].records: the records of step "follow_up_feedback" are not those case.history[2] completed it with`},
		{"an adoption on a step that does not keep one", without, func(c *Case) {
			c.Steps = append([]StepState(nil), c.Steps...)
			c.Steps[1].Records = append(append([]Record(nil), c.Steps[1].Records...), adopted)
			c.History = append([]Event(nil), c.History...)
			c.History[1].Records = append(append([]Record(nil), c.History[1].Records...), adopted)
		}, `case.history[1].records[2]: step "joint_analysis" does not keep record "suggestion_adopted"; it records problem_analysis, improvement_plan`},
	} {
		t.Run(tc.reason, func(t *testing.T) {
			edited := tc.from
			tc.edit(&edited)
			_, err := p.Apply(edited, next)
			assert.EqualError(t, err, tc.want)
		})
	}

	// Under another policy, which may keep other records, the adoption is
	// held only to be the one its event gave; the case reads back as it
	// was stored and counts.
	old := with
	old.Policy = callfloor.Identity{Version: "coaching-default-0", Hash: "000000000000"}
	_, err := p.checkCase(&old)
	require.NoError(t, err)
	got, err := p.AdoptedSuggestions([]Case{old}, callfloor.Period{Start: t0, End: t0.Add(30 * day)})
	require.NoError(t, err)
	assert.Equal(t, 1, got.Count("agent-3"))
}

// The example of the practice: an agent's note in the suggestion box
// about weekends falling on the same people is heard, analysed with them
// and adopted; the feedback says so and the case closes. Counted for the
// month it closed in, it is the figure incentives rewards.
func TestAdoptedSuggestions(t *testing.T) {
	p := DefaultPolicy()
	march := callfloor.Period{ID: "2026-03", Start: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)}
	rota := feedback(t, p, issueHeard(t, p, "agent-3", t0), t0.Add(5*day), feedbackRecs[0], feedbackRecs[1], adopted)
	headsets := feedback(t, p, issueHeard(t, p, "agent-3", t0.Add(time.Hour)), t0.Add(4*day), feedbackRecs[0], feedbackRecs[1],
		Record{Name: RecordSuggestionAdopted, Value: "spare headsets at the lead's desk"})
	notAdopted := feedback(t, p, issueHeard(t, p, "agent-4", t0), t0.Add(5*day), feedbackRecs...)
	// Adopted, but the case closes in April: it counts in April.
	april := feedback(t, p, issueHeard(t, p, "agent-5", t0.Add(20*day)), time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), feedbackRecs[0], feedbackRecs[1], adopted)
	require.Equal(t, time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), april.Updated, "a close exactly at the period's end falls outside it")
	// Adopted, but the case is still open (no close yet) or was cancelled.
	answered := func(subject string) Case {
		c := issueHeard(t, p, subject, t0)
		return mustApply(t, p, c, complete(c, "feedback", "follow_up_feedback", t0.Add(5*day), feedbackRecs[0], feedbackRecs[1], adopted))
	}
	open := answered("agent-6")
	cancelled := answered("agent-7")
	cancelled = mustApply(t, p, cancelled, Event{ID: "cancel", Case: cancelled.ID, By: "sup.li", Type: EventCancel, At: t0.Add(6 * day), Reason: "the agent left"})
	// A case of another kind holds no such record and counts for nothing.
	review, err := p.Open(PerformanceReview, "agent-3", t0)
	require.NoError(t, err)

	got, err := p.AdoptedSuggestions([]Case{rota, notAdopted, april, open, cancelled, review, headsets}, march)
	require.NoError(t, err)
	assert.Equal(t, p.Identity(), got.Policy)
	assert.Equal(t, march, got.Period)
	assert.Equal(t, MetricSuggestionsAdopted, got.Metric)
	assert.Equal(t, "suggestions_adopted", MetricSuggestionsAdopted)
	require.Len(t, got.Subjects, 1)
	s := got.Subjects[0]
	assert.Equal(t, "agent-3", s.Subject)
	assert.Equal(t, 2, s.Count)
	assert.Equal(t, []string{headsets.ID, rota.ID}, s.Cases, "in the order the cases closed")
	assert.Equal(t, []callfloor.Reason{
		{Rule: "workflows.employee_issue.steps.follow_up_feedback", Outcome: callfloor.Fired,
			Text: "case employee_issue/agent-3/20260302T100000.000000000Z closed at 2026-03-07T09:00:00Z with the suggestion adopted: spare headsets at the lead's desk", Message: "coaching.reason.adopted"},
		{Rule: "workflows.employee_issue.steps.follow_up_feedback", Outcome: callfloor.Fired,
			Text: "case employee_issue/agent-3/20260302T090000.000000000Z closed at 2026-03-08T09:00:00Z with the suggestion adopted: weekends rotate by a fixed rota, as proposed", Message: "coaching.reason.adopted"},
	}, s.Reasons)
	assert.Equal(t, 2, got.Count("agent-3"))
	assert.Equal(t, 0, got.Count("agent-4"), "an employee with no entry had none adopted")
	assert.Equal(t, 0, got.Count("agent-5"))

	inApril, err := p.AdoptedSuggestions([]Case{rota, april}, callfloor.Period{Start: march.End, End: march.End.AddDate(0, 1, 0)})
	require.NoError(t, err)
	assert.Equal(t, 1, inApril.Count("agent-5"))
	assert.Equal(t, 0, inApril.Count("agent-3"))

	// Subjects come in byte order, whatever the order of the cases.
	two, err := p.AdoptedSuggestions([]Case{april, rota}, callfloor.Period{Start: t0, End: t0.Add(60 * day)})
	require.NoError(t, err)
	assert.Equal(t, "agent-3", two.Subjects[0].Subject)
	assert.Equal(t, "agent-5", two.Subjects[1].Subject)

	none, err := p.AdoptedSuggestions(nil, march)
	require.NoError(t, err)
	assert.Equal(t, []SuggestionsAdopted{}, none.Subjects)
	b, err := json.Marshal(none)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"subjects":[]`)
}

// A suggestion adopted on the spot counts too, where the policy lets the
// first talk record it.
func TestAdoptedOnTheSpot(t *testing.T) {
	p, err := ParsePolicy([]byte(`version: v1
roles: [team_lead]
workflows:
  employee_issue:
    employee_raised: true
    on_the_spot: true
    phases: [p]
    steps:
      - {id: talk, phase: p, role: team_lead, records: [issue], optional_records: [suggestion_adopted], within: 1d, setting: one_to_one}
      - {id: answer, phase: p, role: team_lead, records: [feedback_given], optional_records: [suggestion_adopted], within: 7d, setting: one_to_one, feedback: true}
`))
	require.NoError(t, err)
	c, err := p.OpenIssue("agent-3", ChannelForum, t0)
	require.NoError(t, err)
	spot := mustApply(t, p, c, Event{ID: "s", Case: c.ID, By: "lead.wang", Type: EventAnswerOnTheSpot, Step: "talk", At: t0.Add(day),
		Records: []Record{adopted, {Name: RecordEmployeeConfirmation, Value: "yes"}, {Name: "issue", Value: "rota"}, {Name: RecordAnswerGiven, Value: "adopted from next week"}}})
	assert.Equal(t, []string{"issue", "answer_given", "employee_confirmation", "suggestion_adopted"}, recordNames(spot.Steps[0].Records))
	got, err := p.AdoptedSuggestions([]Case{spot}, callfloor.Period{Start: t0, End: t0.Add(2 * day)})
	require.NoError(t, err)
	require.Len(t, got.Subjects, 1)
	assert.Equal(t, "workflows.employee_issue.steps.talk", got.Subjects[0].Reasons[0].Rule)
}

// The default lets an issue answered on the spot record its adoption in
// the first talk, as the practice answers on the spot what can be
// answered, and counts it.
func TestAdoptedOnTheSpotInTheDefault(t *testing.T) {
	p := DefaultPolicy()
	c, err := p.OpenIssue("agent-5", ChannelTalk, t0)
	require.NoError(t, err)
	spot := mustApply(t, p, c, spotEvent(c, "s", append(append([]Record(nil), spotRecs...), adopted)...))
	assert.Equal(t, StatusClosed, spot.Status)
	got, err := p.AdoptedSuggestions([]Case{spot}, callfloor.Period{Start: t0, End: t0.Add(30 * day)})
	require.NoError(t, err)
	assert.Equal(t, []SuggestionsAdopted{{Subject: "agent-5", Count: 1, Cases: []string{spot.ID}, Reasons: []callfloor.Reason{
		{Rule: "workflows.employee_issue.steps.hold_interview", Outcome: callfloor.Fired,
			Text: "case " + spot.ID + " closed at " + stamp(spot.Updated) + " with the suggestion adopted: " + adopted.Value, Message: "coaching.reason.adopted"}}}}, got.Subjects)
	assert.Equal(t, []SkippedCase{}, got.Skipped)
}

// A case that cannot be trusted counts for nothing and is listed with
// its problem, and the others count all the same: a case Apply refuses,
// one given twice, and one whose adoption sits at a step this policy's
// workflow does not list, as when a case's policy is set to another
// identity so that its records are held only to its history.
func TestAdoptedSuggestionsSkipped(t *testing.T) {
	p := DefaultPolicy()
	month := callfloor.Period{Start: t0, End: t0.Add(30 * day)}
	rota := feedback(t, p, issueHeard(t, p, "agent-3", t0), t0.Add(5*day), feedbackRecs[0], feedbackRecs[1], adopted)
	other := feedback(t, p, issueHeard(t, p, "agent-4", t0), t0.Add(5*day), feedbackRecs...)
	inflated := rota
	inflated.Steps = append([]StepState(nil), rota.Steps...)
	inflated.Steps[1].Records = append(append([]Record(nil), rota.Steps[1].Records...), adopted)
	// Under another policy's identity, a hand adds the adoption to the
	// analysis step and to the event that completed it: the history
	// agrees, but this policy's analysis step records no adoption.
	forged := other
	forged.Policy = callfloor.Identity{Version: "coaching-old", Hash: "000000000000"}
	forged.Steps = append([]StepState(nil), other.Steps...)
	forged.Steps[1].Records = append(append([]Record(nil), other.Steps[1].Records...), adopted)
	forged.History = append([]Event(nil), other.History...)
	forged.History[1].Records = append(append([]Record(nil), other.History[1].Records...), adopted)
	closedByHand := issueHeard(t, p, "agent-6", t0)
	closedByHand.Status = StatusClosed
	legacy := Case{ID: "x", Kind: "coffee_chat"}

	got, err := p.AdoptedSuggestions([]Case{legacy, rota, inflated, forged, rota, closedByHand}, month)
	require.NoError(t, err)
	assert.Equal(t, []SkippedCase{
		{Index: 0, Case: "x", Problem: `cases[0].kind: unknown kind "coffee_chat"; allowed: performance_review, performance_problem, promotion, care, employee_issue, exit_interview, hiring_interview, cross_department`, Message: "coaching.what.kind"},
		{Index: 2, Case: rota.ID, Problem: `cases[2].steps[1].records: the records of step "joint_analysis" are not those cases[2].history[1] completed it with`, Message: "coaching.input.records_mismatch"},
		{Index: 3, Case: other.ID, Problem: `cases[3].steps[1].records[2]: step "joint_analysis" of employee_issue does not list record "suggestion_adopted" in this policy; an adoption counts only where the policy records one`, Message: "coaching.input.adoption_not_listed"},
		{Index: 4, Case: rota.ID, Problem: `cases[4].id: "employee_issue/agent-3/20260302T090000.000000000Z" duplicates cases[1]`, Message: "input.duplicate"},
		{Index: 5, Case: closedByHand.ID, Problem: `cases[5].status: the case is closed, but no event in its history closed it`, Message: "coaching.input.status_without_event"},
	}, got.Skipped)
	assert.Equal(t, 1, got.Count("agent-3"), "the good case counts all the same")
	assert.Equal(t, 0, got.Count("agent-4"), "the forged adoption does not count")
	assert.Len(t, got.Subjects, 1)
}

func TestAdoptedSuggestionsRefusals(t *testing.T) {
	p := DefaultPolicy()
	rota := feedback(t, p, issueHeard(t, p, "agent-3", t0), t0.Add(5*day), feedbackRecs[0], feedbackRecs[1], adopted)
	inflated := rota
	inflated.Steps = append([]StepState(nil), rota.Steps...)
	inflated.Steps[1].Records = append(append([]Record(nil), rota.Steps[1].Records...), adopted)
	month := callfloor.Period{Start: t0, End: t0.Add(30 * day)}
	for _, tc := range []struct {
		reason string
		cases  []Case
		period callfloor.Period
		want   string
	}{
		{"no period start", []Case{rota}, callfloor.Period{End: month.End}, "period.start: is required"},
		{"no period end", []Case{rota}, callfloor.Period{Start: t0}, "period.end: is required"},
		{"an end before the start", []Case{rota}, callfloor.Period{Start: month.End, End: t0},
			"period.end: 2026-03-02T09:00:00Z is not after period.start 2026-04-01T09:00:00Z"},
		{"an empty period", []Case{rota}, callfloor.Period{Start: t0, End: t0},
			"period.end: 2026-03-02T09:00:00Z is not after period.start 2026-03-02T09:00:00Z"},
		{"a start JSON cannot hold", nil, callfloor.Period{Start: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), End: t0},
			"period.start: year -1 is outside 0..9999, the range a stored time can hold"},
		{"an end JSON cannot hold", nil, callfloor.Period{Start: t0, End: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)},
			"period.end: year 10000 is outside 0..9999, the range a stored time can hold"},
	} {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := p.AdoptedSuggestions(tc.cases, tc.period)
			require.Error(t, err)
			assert.EqualError(t, err, tc.want)
			var ie *callfloor.InputError
			assert.True(t, errors.As(err, &ie), "an *callfloor.InputError")
		})
	}
	_, err := (*Policy)(nil).AdoptedSuggestions([]Case{rota}, month)
	assert.ErrorIs(t, err, ErrZeroPolicy)
}

func TestOptionalRecordPolicyProblems(t *testing.T) {
	const head = "version: v1\nroles: [team_lead]\nworkflows:\n  employee_issue:\n    employee_raised: true\n"
	step := func(extra string) string {
		return head + "    phases: [p]\n    steps:\n      - {id: talk, phase: p, role: team_lead, " + extra + "within: 1d, setting: one_to_one, feedback: true}\n"
	}
	for _, tc := range []struct {
		reason string
		src    string
		want   string
	}{
		{"required and optional at once", step("records: [notes], optional_records: [notes], "), `coaching policy: 1 problem
	workflows.employee_issue.steps[0].optional_records[0]: line 8, column 84: record "notes" is also listed under records; a record is required or optional, not both`},
		{"optional twice", step("optional_records: [idea, idea], "), `coaching policy: 1 problem
	workflows.employee_issue.steps[0].optional_records[1]: line 8, column 72: record "idea" is listed twice`},
		{"optional not an id", step("optional_records: [Idea], "), `coaching policy: 1 problem
	workflows.employee_issue.steps[0].optional_records[0]: line 8, column 66: record "Idea" must be lower_snake_case (a-z, 0-9, _)`},
		{"an empty optional list", step("optional_records: [], "), `coaching policy: 1 problem
	workflows.employee_issue.steps[0].optional_records: line 8, column 65: an empty list; name the records the step may keep, or leave optional_records out`},
		{"an adoption every case would record", step("records: [suggestion_adopted], "), `coaching policy: 1 problem
	workflows.employee_issue.steps[0].records[0]: line 8, column 57: record "suggestion_adopted" is kept only when a suggestion was adopted; list it under optional_records`},
		{"an optional answer on the spot", head + "    on_the_spot: true\n    phases: [p]\n    steps:\n      - {id: talk, phase: p, role: team_lead, optional_records: [answer_given], within: 1d, setting: one_to_one, feedback: true}\n", `coaching policy: 1 problem
	workflows.employee_issue.on_the_spot: line 6, column 18: step "talk" already records "answer_given", which answering on the spot adds; rename the step's record`},
	} {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := ParsePolicy([]byte(tc.src))
			assert.EqualError(t, err, tc.want)
		})
	}
	// Optional records on a step that must keep none, in a workflow of
	// any kind.
	_, err := ParsePolicy([]byte("version: v1\nroles: [team_lead]\nworkflows:\n  care:\n    phases: [p]\n    steps:\n      - {id: talk, phase: p, role: team_lead, optional_records: [suggestion_adopted, gift], within: 1d, setting: one_to_one, feedback: true}\n"))
	assert.NoError(t, err)
}

// FuzzAdoptedSuggestions feeds AdoptedSuggestions cases as a host might
// hand them back, any JSON at all, seeded with real ones, and any period:
// it must not panic, must refuse only a period, with a
// *callfloor.InputError, must list as skipped exactly the cases Apply
// refuses, those given again and those whose adoption this policy does
// not list, and must count the other closed cases in the period that
// hold an adoption at a step that lists it.
func FuzzAdoptedSuggestions(f *testing.F) {
	p := DefaultPolicy()
	rota := feedback(f, p, issueHeard(f, p, "agent-3", t0), t0.Add(5*day), feedbackRecs[0], feedbackRecs[1], adopted)
	plain := feedback(f, p, issueHeard(f, p, "agent-4", t0), t0.Add(5*day), feedbackRecs...)
	one, _ := json.Marshal([]Case{rota})
	both, _ := json.Marshal([]Case{plain, rota, rota})
	f.Add(one, t0.Unix(), int64(30*day))
	f.Add(both, t0.Unix(), int64(30*day))
	f.Add(both, t0.Add(8*day).Unix(), int64(day))
	f.Add([]byte(`[{"id":"care/a/x","kind":"care","status":"closed","steps":null,"history":[{"id":"e"}]}]`), int64(0), int64(-1))
	f.Fuzz(func(t *testing.T, src []byte, start, span int64) {
		var cases []Case
		if json.Unmarshal(src, &cases) != nil {
			return
		}
		from := time.Unix(start, 0).UTC()
		period := callfloor.Period{Start: from, End: from.Add(time.Duration(span))}
		got, err := p.AdoptedSuggestions(cases, period)
		if err != nil {
			var ie *callfloor.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not a *callfloor.InputError", err)
			}
			return
		}
		want, skipped := 0, 0
		seen := map[string]bool{}
		for i := range cases {
			c := cases[i]
			w, err := p.checkCase(&c)
			if err != nil || seen[c.ID] {
				if skipped >= len(got.Skipped) || got.Skipped[skipped].Index != i {
					t.Fatalf("case %d, which Apply refuses or an earlier case's id holds, is not listed as skipped: %v", i, err)
				}
				skipped++
				continue
			}
			seen[c.ID] = true
			if c.Status != StatusClosed || !period.Contains(c.Updated) {
				continue
			}
			unlisted := false
			for _, s := range c.Steps {
				if slicesContainsName(s.Records, RecordSuggestionAdopted) {
					if w.lists(s.Step, RecordSuggestionAdopted) {
						want++
						unlisted = false
						break
					}
					unlisted = true
				}
			}
			if unlisted {
				if skipped >= len(got.Skipped) || got.Skipped[skipped].Index != i {
					t.Fatalf("case %d, whose adoption this policy does not list, is not listed as skipped", i)
				}
				skipped++
			}
		}
		if skipped != len(got.Skipped) {
			t.Fatalf("skipped %d cases, want %d", len(got.Skipped), skipped)
		}
		n := 0
		for i, s := range got.Subjects {
			if s.Count != len(s.Cases) || s.Count != len(s.Reasons) || s.Count == 0 || i > 0 && got.Subjects[i-1].Subject >= s.Subject {
				t.Fatalf("subject %+v", s)
			}
			n += s.Count
		}
		if n != want {
			t.Fatalf("counted %d adoptions, want %d", n, want)
		}
		if _, err := json.Marshal(got); err != nil {
			t.Fatalf("the result does not encode: %v", err)
		}
	})
}

func slicesContainsName(rs []Record, name string) bool {
	for _, r := range rs {
		if r.Name == name {
			return true
		}
	}
	return false
}

// stamp writes an instant as an English reason or refusal quotes it.
func stamp(t time.Time) string { return t.Format(time.RFC3339) }
