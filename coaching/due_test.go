package coaching

import (
	"testing"
	"time"

	"github.com/callfloor/callfloor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDueOwedAndOverdue(t *testing.T) {
	p, c := openReview(t)
	id := p.Identity()
	deadline := t0.Add(5 * day)
	for _, tc := range []struct {
		reason string
		now    time.Time
		want   []Reminder
	}{
		{"at the opening the first step is owed", t0, []Reminder{{Policy: id, Case: c.ID, Kind: PerformanceReview, Subject: "agent-17", Step: "analyze_scores", Title: "analyze the scores", Role: "team_lead", Due: deadline,
			Reasons: stepReasons("performance_review", "analyze_scores", `performance_review: step "analyze the scores" is owed by the team_lead`)}}},
		{"exactly at the deadline it is still owed, not overdue", deadline, []Reminder{{Policy: id, Case: c.ID, Kind: PerformanceReview, Subject: "agent-17", Step: "analyze_scores", Title: "analyze the scores", Role: "team_lead", Due: deadline,
			Reasons: stepReasons("performance_review", "analyze_scores", `performance_review: step "analyze the scores" is owed by the team_lead`)}}},
		{"one nanosecond later it is overdue", deadline.Add(1), []Reminder{{Policy: id, Case: c.ID, Kind: PerformanceReview, Subject: "agent-17", Step: "analyze_scores", Title: "analyze the scores", Role: "team_lead", Due: deadline,
			Overdue: true, Late: 1, Reasons: stepReasons("performance_review", "analyze_scores", `performance_review: step "analyze the scores" is overdue; the team_lead owes it`)}}},
	} {
		assert.Equal(t, tc.want, p.Due(c, tc.now), tc.reason)
	}
}

func TestDueListsLaterOverdueSteps(t *testing.T) {
	p := DefaultPolicy()
	c, err := p.Open(EmployeeIssue, "agent-3", t0)
	require.NoError(t, err)
	c = mustApply(t, p, c, complete(c, "i1", "hold_interview", t0.Add(2*day), recs("issue", "break rota unfair", "interview_notes", "n")...))

	// Day 10: joint analysis (due day 6) is overdue; the feedback (due day
	// 14) is not yet, and as a later step it is not listed.
	got := p.Due(c, t0.Add(10*day))
	require.Len(t, got, 1)
	assert.Equal(t, "joint_analysis", got[0].Step)
	assert.True(t, got[0].Overdue)
	assert.Equal(t, callfloor.Duration(4*day), got[0].Late)
	assert.False(t, got[0].SilenceRisk)

	// Day 15: the employee has heard nothing past the feedback deadline.
	got = p.Due(c, t0.Add(15*day))
	require.Len(t, got, 2)
	assert.Equal(t, "joint_analysis", got[0].Step)
	assert.False(t, got[0].SilenceRisk, "only the feedback step carries the silence risk")
	assert.Equal(t, Reminder{Policy: p.Identity(), Case: c.ID, Kind: EmployeeIssue, Subject: "agent-3", Step: "follow_up_feedback", Title: "follow up and give feedback", Role: "team_lead",
		Due: t0.Add(14 * day), Overdue: true, Late: callfloor.Duration(day), SilenceRisk: true,
		Reasons: stepReasons("employee_issue", "follow_up_feedback", `employee_issue: the employee has had no feedback past the deadline of step "follow up and give feedback"; unanswered issues teach everyone to stop speaking up`)}, got[1])

	// Answered on time: no silence risk ever.
	c2 := mustApply(t, p, c,
		complete(c, "i2", "joint_analysis", t0.Add(5*day), recs("problem_analysis", "a", "improvement_plan", "rota by lot")...),
		complete(c, "i3", "follow_up_feedback", t0.Add(13*day), recs("follow_up_notes", "n", "feedback_given", "told the team")...),
	)
	assert.Empty(t, p.Due(c2, t0.Add(40*day)))
}

func TestDueSilenceRiskOnlyForRaisedIssues(t *testing.T) {
	p, c := openReview(t)
	c = mustApply(t, p, c,
		complete(c, "e1", "analyze_scores", t0, recs("score_analysis", "x")...),
		complete(c, "e2", "make_interview_form", t0, recs("interview_form", "x")...),
		complete(c, "e3", "hold_interview", t0, recs("interview_notes", "x", "agreed_actions", "x")...),
		complete(c, "e4", "follow_up", t0, recs("follow_up_notes", "x")...),
	)
	got := p.Due(c, t0.Add(30*day))
	require.Len(t, got, 1)
	assert.Equal(t, "performance_feedback", got[0].Step)
	assert.True(t, got[0].Overdue)
	assert.False(t, got[0].SilenceRisk, "a manager-led review is late, not a silenced issue")
}

func TestDueOfACaseTheKindOfWhichThePolicyLacks(t *testing.T) {
	// A case stored under an older policy still shows what it owes.
	other, err := ParsePolicy([]byte(`version: v1
roles: [team_lead]
workflows:
  care:
    phases: [p]
    steps:
      - {id: talk, phase: p, role: team_lead, within: 1d, setting: one_to_one, feedback: true}
`))
	require.NoError(t, err)
	_, c := openReview(t)
	got := other.Due(c, t0.Add(6*day))
	require.Len(t, got, 1)
	assert.Equal(t, `performance_review: step "analyze_scores" is overdue; the team_lead owes it`, got[0].Reasons[0].Text,
		"a policy without the step has no title for it: the reminder names the step by its id")
	assert.Equal(t, "analyze_scores", got[0].Title)
	assert.Equal(t, other.Identity(), got[0].Policy)
}

func TestAppendDueAllocatesNothing(t *testing.T) {
	p := DefaultPolicy()
	c, err := p.Open(EmployeeIssue, "agent-3", t0)
	require.NoError(t, err)
	buf := make([]Reminder, 0, 8)
	now := t0.Add(20 * day)
	allocs := testing.AllocsPerRun(100, func() {
		buf = p.AppendDue(buf[:0], c, now)
	})
	assert.Equal(t, 0.0, allocs)
	assert.Len(t, buf, 2)
}

func TestDueOfACaseWhoseStepsMoved(t *testing.T) {
	// A newer policy added a step at the front; the stored case still
	// finds its steps by name for the reminder texts.
	src := replaceOnce(t, string(DefaultPolicySource()), `    steps:
      - id: find_need`, `    steps:
      - id: check_calendar
        phase: preparation
        role: team_lead
        after: open
        within: 1d
        setting: none
      - id: find_need`)
	newer, err := ParsePolicy([]byte(src))
	require.NoError(t, err)
	c, err := DefaultPolicy().Open(Care, "agent-8", t0)
	require.NoError(t, err)
	got := newer.Due(c, t0.Add(2*day))
	require.Len(t, got, 1)
	assert.Equal(t, `care: step "find the need" is overdue; the team_lead owes it`, got[0].Reasons[0].Text)
	assert.Equal(t, "find the need", got[0].Title)
	_, err = newer.Apply(c, complete(c, "e", "find_need", t0, recs("trigger", "x")...))
	assert.EqualError(t, err, "case.steps: the case has 4 steps; the policy's care workflow has 5 (the case was opened under policy "+DefaultPolicy().Identity().String()+"; this policy is "+newer.Identity().String()+")")
}

func TestSilenceRiskAtTheFeedbackDeadline(t *testing.T) {
	p := DefaultPolicy()
	c, err := p.Open(EmployeeIssue, "agent-3", t0)
	require.NoError(t, err)
	c = mustApply(t, p, c,
		complete(c, "i1", "hold_interview", t0.Add(day), recs("issue", "headsets break", "interview_notes", "n")...),
		complete(c, "i2", "joint_analysis", t0.Add(2*day), recs("problem_analysis", "a", "improvement_plan", "order new ones")...),
	)
	deadline := t0.Add(14 * day)
	for _, tc := range []struct {
		reason  string
		now     time.Time
		overdue bool
		silence bool
		text    string
	}{
		{"a day before the deadline the feedback is owed", deadline.Add(-day), false, false,
			`employee_issue: step "follow up and give feedback" is owed by the team_lead`},
		{"exactly at the deadline it is still owed", deadline, false, false,
			`employee_issue: step "follow up and give feedback" is owed by the team_lead`},
		{"one nanosecond past it the employee has heard nothing in time", deadline.Add(1), true, true,
			`employee_issue: the employee has had no feedback past the deadline of step "follow up and give feedback"; unanswered issues teach everyone to stop speaking up`},
	} {
		got := p.Due(c, tc.now)
		require.Len(t, got, 1, tc.reason)
		assert.Equal(t, "follow_up_feedback", got[0].Step, tc.reason)
		assert.Equal(t, tc.overdue, got[0].Overdue, tc.reason)
		assert.Equal(t, tc.silence, got[0].SilenceRisk, tc.reason)
		assert.Equal(t, tc.text, got[0].Reasons[0].Text, tc.reason)
	}

	// Rescheduling the feedback moves the silence risk with it; giving it
	// ends the risk.
	moved := mustApply(t, p, c, Event{ID: "r", Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: "follow_up_feedback", At: t0.Add(10 * day), Due: t0.Add(20 * day), Reason: "supplier late"})
	assert.False(t, p.Due(moved, t0.Add(20*day))[0].SilenceRisk)
	assert.True(t, p.Due(moved, t0.Add(20*day+1))[0].SilenceRisk)
	done := mustApply(t, p, c, complete(c, "i3", "follow_up_feedback", t0.Add(15*day), recs("follow_up_notes", "n", "feedback_given", "new headsets Monday")...))
	assert.Empty(t, p.Due(done, t0.Add(30*day)))
}
