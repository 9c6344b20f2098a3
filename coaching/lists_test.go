package coaching

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A policy declares its kinds, hiring dimensions and exit reasons; each
// list is held to ids, once each, and every kind needs its workflow.
func TestDeclaredListProblems(t *testing.T) {
	const head = "version: v1\nroles: [team_lead]\n"
	const flow = `    phases: [p]
    steps:
      - {id: talk, phase: p, role: team_lead, within: 1d, setting: one_to_one, feedback: true}
`
	const bank = `  hire_at: 3.5
  hold_at: 3
  max_spread: 1.5
  questions:
    - {id: q1, dimension: courtesy, text: why, rubric: [a, b, c, d, e]}
`
	for _, tc := range []struct {
		reason string
		src    string
		want   string
	}{
		{"a kind declared twice, one not an id, one with no workflow", head + "kinds: [coffee_chat, coffee_chat, Tea, lunch]\nworkflows:\n  coffee_chat:\n" + flow,
			`coaching policy: 3 problems
	kinds[1]: line 3, column 22: kind "coffee_chat" is declared twice
	kinds[2]: line 3, column 35: kind "Tea" must be lower_snake_case (a-z, 0-9, _)
	kinds[3]: line 3, column 40: kind "lunch" has no workflow; every kind the policy declares needs one under workflows`},
		{"no kind at all", head + "kinds: []\nworkflows: {}\n",
			`coaching policy: 1 problem
	kinds: line 3, column 8: a policy declaring its kinds needs at least one; leave kinds out for the built-in ones`},
		{"a workflow of a kind the list leaves out", head + "kinds: [coffee_chat]\nworkflows:\n  coffee_chat:\n" + flow + "  care:\n" + flow,
			`coaching policy: 1 problem
	workflows.care: line 10, column 5: unknown kind "care"; allowed: coffee_chat`},
		{"a trigger of a kind the list leaves out", head + "kinds: [coffee_chat]\nworkflows:\n  coffee_chat:\n" + flow + "signals: [x]\ntriggers:\n  - {id: t, kind: care, when: x == 1, reason: r}\n",
			`coaching policy: 1 problem
	triggers[0].kind: line 11, column 19: unknown kind "care"; allowed: coffee_chat`},
		{"a declared kind's workflow still closes with feedback", head + "kinds: [coffee_chat]\nworkflows:\n  coffee_chat:\n    phases: [p]\n    steps:\n      - {id: talk, phase: p, role: team_lead, within: 1d, setting: one_to_one}\n",
			`coaching policy: 1 problem
	workflows.coffee_chat.steps: line 8, column 7: no step has feedback: true; feedback closes every flow, so one step must give the employee feedback`},
		{"a declared corrective kind still talks one-to-one", head + "kinds: [warning_talk]\nworkflows:\n  warning_talk:\n    corrective: true\n    phases: [p]\n    steps:\n      - {id: talk, phase: p, role: team_lead, within: 1d, setting: group, feedback: true}\n",
			`coaching policy: 1 problem
	workflows.warning_talk.steps[0].setting: line 9, column 68: a corrective talk is held one-to-one; group is not allowed in a corrective workflow`},
		{"the exit interview, declared, is still one-to-one", head + "kinds: [exit_interview]\nworkflows:\n  exit_interview:\n    phases: [p]\n    steps:\n      - {id: talk, phase: p, role: team_lead, within: 1d, setting: group, feedback: true}\n",
			`coaching policy: 1 problem
	workflows.exit_interview.steps[0].setting: line 8, column 68: the exit interview is a mandatory one-to-one; group is not allowed`},
		{"dimensions declared twice, not ids, or left without a question", head + "workflows: {}\nhiring:\n  dimensions: [courtesy, courtesy, Luck, patience]\n" + bank,
			`coaching policy: 3 problems
	hiring.dimensions[1]: line 5, column 26: dimension "courtesy" is declared twice
	hiring.dimensions[2]: line 5, column 36: dimension "Luck" must be lower_snake_case (a-z, 0-9, _)
	hiring.questions: line 10, column 5: no question for patience; every weighted dimension needs at least one`},
		{"a weight, a floor or a question of an undeclared dimension", head + "workflows: {}\nhiring:\n  dimensions: [courtesy]\n  weights: {honesty: 1}\n  floors: {honesty: 3}\n" + strings.Replace(bank, "dimension: courtesy", "dimension: honesty", 1),
			`coaching policy: 4 problems
	hiring.weights.honesty: line 6, column 22: unknown dimension "honesty"; allowed: courtesy
	hiring.floors.honesty: line 7, column 21: unknown dimension "honesty"; allowed: courtesy
	hiring.questions: line 12, column 5: no question for courtesy; every weighted dimension needs at least one
	hiring.questions[0].dimension: line 12, column 27: unknown dimension "honesty"; allowed: courtesy`},
		{"no dimension at all", head + "workflows: {}\nhiring:\n  dimensions: []\n" + strings.Replace(bank, "dimension: courtesy", "dimension: honesty", 1),
			`coaching policy: 2 problems
	hiring.dimensions: line 5, column 15: a hiring interview declaring its dimensions needs at least one; leave dimensions out for the built-in ones
	hiring.questions[0].dimension: line 10, column 27: unknown dimension "honesty"; allowed: `},
		{"exit reasons declared twice, not ids, or none", head + "workflows: {}\nexit:\n  reasons: [pay, pay, Weather]\n",
			`coaching policy: 2 problems
	exit.reasons[1]: line 5, column 18: exit reason "pay" is declared twice
	exit.reasons[2]: line 5, column 23: exit reason "Weather" must be lower_snake_case (a-z, 0-9, _)`},
		{"no exit reason at all", head + "workflows: {}\nexit:\n  reasons: []\n",
			`coaching policy: 1 problem
	exit.reasons: line 5, column 12: an exit section declaring its reasons needs at least one; leave reasons out for the built-in ones`},
	} {
		_, err := ParsePolicy([]byte(tc.src))
		require.Error(t, err, tc.reason)
		assert.Equal(t, tc.want, err.Error(), tc.reason)
	}
}

// A policy that leaves the lists out runs the built-in ones, exactly as
// before the lists were its to declare: a kind's workflow is optional,
// the hiring interview scores the eight dimensions of the communication
// practice, and attrition counts by the eight reasons.
func TestUndeclaredListsAreTheBuiltIns(t *testing.T) {
	src := string(DefaultPolicySource())
	src = replaceOnce(t, src, "kinds: [performance_review, performance_problem, promotion, care, employee_issue, exit_interview, hiring_interview, cross_department]\n", "")
	src = replaceOnce(t, src, "  dimensions: [stress_tolerance, adaptability, expression, execution, self_planning, listening_comprehension, professional_knowledge, honesty, service_awareness, emotion_management]\n", "")
	src = replaceOnce(t, src, "    service_awareness: 1\n    emotion_management: 1\n", "")
	src = replaceOnce(t, src, "  reasons: [pay, workload, manager, growth, schedule, health, personal, other]\n", "")
	src = replaceOnce(t, src, "  cross_department:\n", "  coffee_chat:\n")
	_, err := ParsePolicy([]byte(src))
	require.EqualError(t, err, `coaching policy: 5 problems
	workflows.coffee_chat: line 312, column 5: unknown kind "coffee_chat"; allowed: performance_review, performance_problem, promotion, care, employee_issue, exit_interview, hiring_interview
	hiring.questions[16].dimension: line 605, column 18: unknown dimension "service_awareness"; allowed: stress_tolerance, adaptability, expression, execution, self_planning, listening_comprehension, professional_knowledge, honesty
	hiring.questions[17].dimension: line 614, column 18: unknown dimension "service_awareness"; allowed: stress_tolerance, adaptability, expression, execution, self_planning, listening_comprehension, professional_knowledge, honesty
	hiring.questions[18].dimension: line 623, column 18: unknown dimension "emotion_management"; allowed: stress_tolerance, adaptability, expression, execution, self_planning, listening_comprehension, professional_knowledge, honesty
	hiring.questions[19].dimension: line 632, column 18: unknown dimension "emotion_management"; allowed: stress_tolerance, adaptability, expression, execution, self_planning, listening_comprehension, professional_knowledge, honesty`)

	src = src[:strings.Index(src, "  coffee_chat:\n")] + src[strings.Index(src, "# Facts the host supplies"):]
	src = src[:strings.Index(src, "    - id: service_unasked_need")] + src[strings.Index(src, "tenure:"):]
	p, err := ParsePolicy([]byte(src))
	require.NoError(t, err)
	assert.Equal(t, Kinds(), p.Kinds())
	assert.Equal(t, Dimensions(), p.Dimensions())
	assert.Equal(t, ExitReasons(), p.ExitReasons())
	_, ok := p.Workflow(CrossDepartment)
	assert.False(t, ok)

	old := func(who string, s ...int) ScoreSheet { return sheet(who, append(s, 0, 0)...) }
	r, err := p.ScoreInterview("cand-8", []ScoreSheet{trim(old("hr.zhao", 4, 4, 5, 4, 3, 4, 4, 4)), trim(old("dept.qian", 4, 2, 4, 4, 3, 4, 3, 4))})
	require.NoError(t, err)
	assert.Len(t, r.Dimensions, 8)
	assert.InDelta(t, 34.75/9, r.Total, 1e-12, "the eight dimensions score as they always did")

	a, err := p.Attrition(fiveLeavers("north"), nil)
	require.NoError(t, err)
	var keys []string
	for _, t := range a.ByReason {
		keys = append(keys, t.Key)
	}
	assert.Equal(t, []string{"pay", "workload", "manager", "growth", "schedule", "health", "personal", "other"}, keys)
}

// trim drops the answers to the two dimensions only the default policy
// declares.
func trim(s ScoreSheet) ScoreSheet {
	var out []Answer
	for _, a := range s.Answers {
		if !strings.HasPrefix(a.Question, "service_") && !strings.HasPrefix(a.Question, "emotion_") {
			out = append(out, a)
		}
	}
	s.Answers = out
	return s
}

// A center's own kind, dimension and reason run like the built-in ones:
// the kind opens a case that closes on its feedback, the dimension is
// scored, and the reason is counted; what the policy does not declare is
// refused, naming what it does.
func TestDeclaredListsRun(t *testing.T) {
	p, err := ParsePolicy([]byte(`version: v1
roles: [team_lead]
kinds: [coffee_chat]
workflows:
  coffee_chat:
    phases: [p]
    steps:
      - {id: talk, phase: p, role: team_lead, records: [notes], after: open, within: 1d, setting: one_to_one, feedback: true}
exit:
  reasons: [commute, other]
hiring:
  dimensions: [courtesy]
  hire_at: 3.5
  hold_at: 3
  max_spread: 1.5
  questions:
    - {id: q1, dimension: courtesy, text: why, rubric: [a, b, c, d, e]}
`))
	require.NoError(t, err)
	assert.Equal(t, []Kind{"coffee_chat"}, p.Kinds())
	c, err := p.Open("coffee_chat", "agent-1", t0)
	require.NoError(t, err)
	c = mustApply(t, p, c, Event{ID: "e1", Case: c.ID, Type: EventComplete, Step: "talk", By: "lead.wang", At: t0.Add(day), Records: recs("notes", "n")},
		Event{ID: "e2", Case: c.ID, Type: EventClose, By: "lead.wang", At: t0.Add(day)})
	assert.Equal(t, StatusClosed, c.Status)
	_, err = p.Open(Care, "agent-1", t0)
	assert.EqualError(t, err, `kind: unknown kind "care"; allowed: coffee_chat`)

	r, err := p.ScoreInterview("cand", []ScoreSheet{{Interviewer: "x", Answers: []Answer{{Question: "q1", Score: 4}}}})
	require.NoError(t, err)
	assert.Equal(t, []Dimension{"courtesy"}, p.Dimensions())
	assert.Equal(t, Dimension("courtesy"), r.Dimensions[0].Dimension)
	assert.Equal(t, Hire, r.Recommendation)

	a, err := p.Attrition([]Leaver{{Subject: "s", Team: "north", At: t0, Reason: "commute"}}, nil)
	require.NoError(t, err)
	assert.Equal(t, []Tally{{Key: "commute", Left: 1}, {Key: "other"}}, a.ByReason)
	_, err = p.Attrition([]Leaver{{Subject: "s", Team: "north", At: t0, Reason: ExitPay}}, nil)
	assert.EqualError(t, err, `leavers[0].reason: unknown exit reason "pay"; allowed: commute, other`)
}

// The default policy declares the communication with related departments
// as its eighth kind: a problem goes to the department that owns it by
// the agreed norm, and whoever raised it hears back.
func TestCrossDepartmentFlow(t *testing.T) {
	p := DefaultPolicy()
	assert.Equal(t, append(Kinds(), CrossDepartment), p.Kinds())
	w, ok := p.Workflow(CrossDepartment)
	require.True(t, ok)
	assert.Equal(t, "cross-department communication", w.Title)
	assert.Equal(t, []string{"problem", "process_norm"}, w.Steps[0].Records, "the norm agreed for the kind of problem")
	assert.Equal(t, "related_department", w.Steps[2].Role)
	assert.True(t, w.Steps[len(w.Steps)-1].Feedback, "feedback closes the flow")
	assert.Equal(t, append(Dimensions(), ServiceAwareness, EmotionManagement), p.Dimensions())
	assert.Equal(t, ExitReasons(), p.ExitReasons())
}
