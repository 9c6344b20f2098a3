package coaching

import (
	"encoding/json"
	"testing"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// spotEvent answers the issue of c on the spot in its first talk, with the
// records given.
func spotEvent(c Case, id string, r ...Record) Event {
	return Event{ID: id, Case: c.ID, By: "lead.wang", Role: "team_lead", Type: EventAnswerOnTheSpot, Step: "hold_interview", At: t0.Add(day), Records: r}
}

// spotRecs are the records of an issue answered in the first talk: the
// question, the notes, the answer and the employee's confirmation.
var spotRecs = recs("issue", "may I swap my Saturday shift?", "interview_notes", "doc://talks/agent-3",
	RecordAnswerGiven, "yes, with the lead's approval two days ahead", RecordEmployeeConfirmation, "agent-3 confirmed it answers the question")

func TestAnswerOnTheSpotClosesWithFeedback(t *testing.T) {
	p := DefaultPolicy()
	c, err := p.OpenIssue("agent-3", ChannelTalk, t0)
	require.NoError(t, err)
	got := mustApply(t, p, c, spotEvent(c, "e1", spotRecs...))

	assert.Equal(t, StatusClosed, got.Status)
	assert.Equal(t, t0.Add(day), got.Updated)
	assert.Equal(t, t0.Add(day), got.Steps[0].Done)
	assert.Equal(t, []string{"issue", "interview_notes", "answer_given", "employee_confirmation"}, recordNames(got.Steps[0].Records))
	assert.Equal(t, "yes, with the lead's approval two days ahead", got.Steps[0].Records[2].Value, "the answer is the feedback the employee heard")
	assert.True(t, got.Steps[1].Done.IsZero(), "the later steps are not needed")
	assert.True(t, got.Steps[2].Done.IsZero())
	assert.Empty(t, p.Due(got, t0.Add(30*day)), "a closed issue owes nothing, and is no silence risk")
	assert.Equal(t, "joint_analysis", got.Next())

	_, err = p.Apply(got, complete(got, "e2", "joint_analysis", t0.Add(2*day)))
	assert.EqualError(t, err, "event: the case is closed; it takes no more events")

	// Sent again, the event is a retry and changes nothing.
	again, err := p.Apply(got, spotEvent(c, "e1", spotRecs...))
	require.NoError(t, err)
	assert.Equal(t, got, again)

	// Stored and read back, the case is one Apply accepts.
	b, err := json.Marshal(got)
	require.NoError(t, err)
	var back Case
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, got, back)
	_, err = p.Apply(back, Event{ID: "e3", Case: c.ID, By: "lead.wang", Type: EventCancel, At: t0.Add(2 * day), Reason: "r"})
	assert.EqualError(t, err, "event: the case is closed; it takes no more events")
}

func recordNames(rs []Record) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.Name)
	}
	return out
}

func TestAnswerOnTheSpotRefusals(t *testing.T) {
	p := DefaultPolicy()
	c, err := p.OpenIssue("agent-3", ChannelMail, t0)
	require.NoError(t, err)
	heard := mustApply(t, p, c, complete(c, "e0", "hold_interview", t0.Add(day/2), recs("issue", "rota", "interview_notes", "n")...))
	without := func(name string) []Record {
		var out []Record
		for _, r := range spotRecs {
			if r.Name != name {
				out = append(out, r)
			}
		}
		return out
	}
	withValue := func(name, v string) []Record {
		out := append([]Record(nil), spotRecs...)
		for i := range out {
			if out[i].Name == name {
				out[i].Value = v
			}
		}
		return out
	}
	noSpot, err := ParsePolicy([]byte(`version: v1
roles: [team_lead]
workflows:
  employee_issue:
    employee_raised: true
    phases: [p]
    steps:
      - {id: hold_interview, phase: p, role: team_lead, records: [issue, interview_notes], within: 1d, setting: one_to_one}
      - {id: follow_up_feedback, phase: p, role: team_lead, within: 9d, setting: one_to_one, feedback: true}
`))
	require.NoError(t, err)
	plain, err := noSpot.OpenIssue("agent-3", ChannelTalk, t0)
	require.NoError(t, err)
	for _, tc := range []struct {
		reason string
		p      *Policy
		c      Case
		e      Event
		want   string
		kind   callfloor.ErrorKind
	}{
		{"the employee did not confirm the answer", p, c, spotEvent(c, "e1", without(RecordEmployeeConfirmation)...),
			`event.records: an issue closes on the spot only once the employee confirms the answer settles it; record "employee_confirmation" is missing; without it, complete "hold_interview" and follow up`, callfloor.ErrRequired},
		{"a blank confirmation", p, c, spotEvent(c, "e1", withValue(RecordEmployeeConfirmation, " ")...),
			`event.records[3]: record "employee_confirmation" of step "hold_interview" is empty`, callfloor.ErrRequired},
		{"no answer was given", p, c, spotEvent(c, "e1", without(RecordAnswerGiven)...),
			`event.records: step "hold_interview" must record issue, interview_notes, answer_given, employee_confirmation; missing: answer_given`, callfloor.ErrRequired},
		{"the first talk's own records are still owed", p, c, spotEvent(c, "e1", without("interview_notes")...),
			`event.records: step "hold_interview" must record issue, interview_notes, answer_given, employee_confirmation; missing: interview_notes`, callfloor.ErrRequired},
		{"a record the step does not keep", p, c, spotEvent(c, "e1", append(recs("mood", "x"), spotRecs...)...),
			`event.records[0]: step "hold_interview" does not keep record "mood"; it records issue, interview_notes, answer_given, employee_confirmation and optionally suggestion_adopted`, callfloor.ErrForbidden},
		{"no step named", p, c, func() Event { e := spotEvent(c, "e1", spotRecs...); e.Step = ""; return e }(),
			`event.step: an answer_on_the_spot event names a step; expected: complete "hold_interview" (or reschedule a step, or cancel)`, callfloor.ErrRequired},
		{"a later step", p, c, func() Event { e := spotEvent(c, "e1", spotRecs...); e.Step = "joint_analysis"; return e }(),
			`event.step: an issue is answered on the spot only in the first talk, step "hold_interview", not in step "joint_analysis"`, callfloor.ErrInvalid},
		{"the first talk already took place", p, heard, spotEvent(heard, "e1", spotRecs...),
			`event.step: step "hold_interview" was completed at 2026-03-02T21:00:00Z without an answer on the spot; the issue takes the later steps; expected: complete "joint_analysis" (or reschedule a step, or cancel)`, callfloor.ErrInvalid},
		{"another role", p, c, func() Event { e := spotEvent(c, "e1", spotRecs...); e.Role = "supervisor"; return e }(),
			`event.role: step "hold_interview" is acted by the team_lead, not the supervisor`, callfloor.ErrForbidden},
		{"a workflow that does not close on the spot", noSpot, plain, spotEvent(plain, "e1", spotRecs...),
			`event.type: the employee_issue workflow does not close on the spot; the policy does not declare on_the_spot for it`, callfloor.ErrForbidden},
		{"a deadline with it", p, c, func() Event { e := spotEvent(c, "e1", spotRecs...); e.Due = t0.Add(9 * day); return e }(),
			`event.due: an answer_on_the_spot event sets no deadline; only a reschedule does`, callfloor.ErrForbidden},
	} {
		t.Run(tc.reason, func(t *testing.T) {
			got, err := tc.p.Apply(tc.c, tc.e)
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
			var ie *callfloor.InputError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, tc.kind, ie.Kind)
			assert.Equal(t, tc.c, got, "a refused event leaves the case as it was")
		})
	}
}

// The normal path is unchanged: the first talk completes with its own
// records, the case stays open, and the answer records belong only to an
// answer on the spot.
func TestNormalIssuePathUnchanged(t *testing.T) {
	p := DefaultPolicy()
	c, err := p.OpenIssue("agent-3", ChannelForum, t0)
	require.NoError(t, err)
	_, err = p.Apply(c, complete(c, "e1", "hold_interview", t0.Add(day), spotRecs...))
	assert.EqualError(t, err, `event.records[2]: step "hold_interview" does not keep record "answer_given"; it records issue, interview_notes and optionally suggestion_adopted`)

	c = mustApply(t, p, c,
		complete(c, "e1", "hold_interview", t0.Add(day), recs("issue", "rota", "interview_notes", "n")...),
		complete(c, "e2", "joint_analysis", t0.Add(2*day), recs("problem_analysis", "a", "improvement_plan", "b")...))
	assert.Equal(t, StatusOpen, c.Status)
	_, err = p.Apply(c, Event{ID: "e3", Case: c.ID, By: "lead.wang", Type: EventClose, At: t0.Add(3 * day)})
	assert.EqualError(t, err, `event.type: close needs every step done; step "follow_up_feedback" is still owed; expected: complete "follow_up_feedback" (or reschedule a step, or cancel)`)
	c = mustApply(t, p, c,
		complete(c, "e3", "follow_up_feedback", t0.Add(4*day), recs("follow_up_notes", "c", "feedback_given", "d")...),
		Event{ID: "e4", Case: c.ID, By: "lead.wang", Type: EventClose, At: t0.Add(4 * day)})
	assert.Equal(t, StatusClosed, c.Status)
	assert.Equal(t, ChannelForum, c.Channel)
}

// A stored case answered on the spot is checked against its history like
// any other.
func TestStoredOnTheSpotCaseIsChecked(t *testing.T) {
	p := DefaultPolicy()
	c, err := p.OpenIssue("agent-3", ChannelPhone, t0)
	require.NoError(t, err)
	closed := mustApply(t, p, c, spotEvent(c, "e1", spotRecs...))
	next := Event{ID: "e9", Case: c.ID, By: "lead.wang", Type: EventCancel, At: t0.Add(2 * day), Reason: "r"}
	for _, tc := range []struct {
		reason string
		edit   func(*Case)
		want   string
	}{
		{"reopened by hand", func(c *Case) { c.Status = StatusOpen },
			`case.status: the case is open, but case.history[0] closed it`},
		{"the confirmation wiped from the history", func(c *Case) {
			c.History = []Event{c.History[0]}
			c.History[0].Records = c.History[0].Records[:3]
		}, `case.history[0].records: an issue closes on the spot only once the employee confirms the answer settles it; record "employee_confirmation" is missing`},
		{"the answer dropped from the step", func(c *Case) {
			c.Steps = append([]StepState(nil), c.Steps...)
			c.Steps[0].Records = c.Steps[0].Records[:2]
		}, `case.steps[0].records: the records of step "hold_interview" are not those case.history[0] completed it with`},
		{"answered on the spot in a later step", func(c *Case) {
			c.History = []Event{c.History[0]}
			c.History[0].Step = "joint_analysis"
		}, `case.history[0].step: step "joint_analysis" is not next; the history owes "hold_interview" first`},
		{"a channel no one knows", func(c *Case) { c.Channel = "pigeon" },
			`case.channel: unknown channel "pigeon"; allowed: talk, phone, mail, suggestion_box, forum, training, event`},
	} {
		t.Run(tc.reason, func(t *testing.T) {
			edited := closed
			tc.edit(&edited)
			_, err := p.Apply(edited, next)
			assert.EqualError(t, err, tc.want)
		})
	}
}

func TestOpenIssueChannels(t *testing.T) {
	p := DefaultPolicy()
	for _, ch := range Channels() {
		c, err := p.OpenIssue("agent-3", ch, t0)
		require.NoError(t, err, ch)
		assert.Equal(t, ch, c.Channel)
		assert.Equal(t, EmployeeIssue, c.Kind)
		b, err := json.Marshal(c)
		require.NoError(t, err)
		assert.Contains(t, string(b), `"channel":"`+string(ch)+`"`)
	}
	assert.Equal(t, []Channel{"talk", "phone", "mail", "suggestion_box", "forum", "training", "event"}, Channels())

	noIssue, err := ParsePolicy([]byte(`version: v1
roles: [team_lead]
workflows:
  care:
    phases: [p]
    steps:
      - {id: talk, phase: p, role: team_lead, within: 1d, setting: one_to_one, feedback: true}
`))
	require.NoError(t, err)
	notRaised, err := ParsePolicy([]byte(`version: v1
roles: [team_lead]
workflows:
  employee_issue:
    phases: [p]
    steps:
      - {id: talk, phase: p, role: team_lead, within: 1d, setting: one_to_one, feedback: true}
`))
	require.NoError(t, err)
	for _, tc := range []struct {
		reason  string
		p       *Policy
		subject string
		ch      Channel
		want    string
	}{
		{"no channel", p, "agent-3", "", "channel: is required: an issue records the channel it came through"},
		{"a channel outside the set", p, "agent-3", "wechat", `channel: unknown channel "wechat"; allowed: talk, phone, mail, suggestion_box, forum, training, event`},
		{"a channel in capitals", p, "agent-3", "Mail", `channel: unknown channel "Mail"; allowed: talk, phone, mail, suggestion_box, forum, training, event`},
		{"no subject", p, " ", ChannelMail, "subject: is required"},
		{"a policy without the kind", noIssue, "agent-3", ChannelMail, `kind: unknown kind "employee_issue"; allowed: care`},
		{"a workflow not raised by the employee", notRaised, "agent-3", ChannelMail, "channel: the policy's employee_issue workflow is not marked employee_raised; only an issue an employee raised came through a channel"},
		{"a zero policy", &Policy{}, "agent-3", ChannelMail, ErrZeroPolicy.Error()},
	} {
		t.Run(tc.reason, func(t *testing.T) {
			got, err := tc.p.OpenIssue(tc.subject, tc.ch, t0)
			assert.EqualError(t, err, tc.want)
			assert.Equal(t, Case{}, got)
		})
	}
}

func TestChannelJSON(t *testing.T) {
	var c Case
	err := json.Unmarshal([]byte(`{"channel":"pigeon"}`), &c)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown channel "pigeon"; allowed: talk, phone, mail, suggestion_box, forum, training, event`)
	_, err = json.Marshal(Case{Channel: "pigeon", Kind: Care, Status: StatusOpen})
	require.Error(t, err)

	// A channel on a case whose workflow no employee raised is refused.
	p := DefaultPolicy()
	r, err := p.Open(PerformanceReview, "agent-3", t0)
	require.NoError(t, err)
	r.Channel = ChannelMail
	_, err = p.Apply(r, Event{ID: "e1", Case: r.ID, By: "lead.wang", Type: EventCancel, At: t0, Reason: "r"})
	assert.EqualError(t, err, "case.channel: a performance_review case records no channel; only an issue an employee raised came through one")

	// Open records no channel; the field is left out of the JSON.
	i, err := p.Open(EmployeeIssue, "agent-3", t0)
	require.NoError(t, err)
	b, err := json.Marshal(i)
	require.NoError(t, err)
	assert.NotContains(t, string(b), `"channel"`)
}

func TestOnTheSpotPolicyProblems(t *testing.T) {
	const head = "version: v1\nroles: [team_lead]\nworkflows:\n"
	for _, tc := range []struct {
		reason string
		src    string
		want   string
	}{
		{"not raised by the employee", head + `  care:
    on_the_spot: true
    phases: [p]
    steps:
      - {id: talk, phase: p, role: team_lead, within: 1d, setting: one_to_one, feedback: true}
`, `coaching policy: 1 problem
	workflows.care.on_the_spot: line 5, column 18: only an issue an employee raised is answered on the spot; the workflow is not employee_raised`},
		{"a first step that is desk work", head + `  employee_issue:
    employee_raised: true
    on_the_spot: true
    phases: [p]
    steps:
      - {id: read_note, phase: p, role: team_lead, within: 1d, setting: none}
      - {id: talk, phase: p, role: team_lead, within: 1d, setting: one_to_one, feedback: true}
`, `coaching policy: 1 problem
	workflows.employee_issue.on_the_spot: line 6, column 18: an issue is answered on the spot in the first talk, but step "read_note" is held with setting none`},
		{"a first step already keeping the answer", head + `  employee_issue:
    employee_raised: true
    on_the_spot: true
    phases: [p]
    steps:
      - {id: talk, phase: p, role: team_lead, records: [answer_given], within: 1d, setting: one_to_one, feedback: true}
`, `coaching policy: 1 problem
	workflows.employee_issue.on_the_spot: line 6, column 18: step "talk" already records "answer_given", which answering on the spot adds; rename the step's record`},
	} {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := ParsePolicy([]byte(tc.src))
			assert.EqualError(t, err, tc.want)
		})
	}
	// A group first talk may answer on the spot: a forum question answered
	// before the team.
	_, err := ParsePolicy([]byte(head + `  employee_issue:
    employee_raised: true
    on_the_spot: true
    phases: [p]
    steps:
      - {id: talk, phase: p, role: team_lead, within: 1d, setting: group, feedback: true}
`))
	assert.NoError(t, err)
}
