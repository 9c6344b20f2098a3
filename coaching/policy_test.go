package coaching

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestDefaultPolicyParses(t *testing.T) {
	p, err := ParsePolicy(defaultYAML)
	require.NoError(t, err)
	assert.Same(t, DefaultPolicy(), DefaultPolicy())
	assert.Equal(t, "coaching-default-1", p.Identity().Version)
	assert.Equal(t, p.Identity(), DefaultPolicy().Identity())
	assert.Equal(t, defaultYAML, DefaultPolicySource())
	for _, k := range Kinds() {
		_, ok := p.Workflow(k)
		require.True(t, ok, k)
	}
	assert.Equal(t, []string{"team_lead", "supervisor", "hr", "using_department", "related_department"}, p.Roles())
	assert.Len(t, p.QuestionBank(), 20)
}

// The default flows follow the seven conversations of call-center
// management practice step for step.
func TestDefaultFlows(t *testing.T) {
	p := DefaultPolicy()
	flows := map[Kind][]string{
		PerformanceReview:  {"preparation/analyze_scores", "preparation/make_interview_form", "execution/hold_interview", "tracking/follow_up", "tracking/performance_feedback"},
		PerformanceProblem: {"preparation/find_problem", "preparation/analyze_scores", "preparation/make_interview_form", "execution/hold_interview", "tracking/follow_up", "tracking/performance_feedback"},
		Promotion:          {"preparation/lock_target", "preparation/analyze_situation", "execution/hold_interview", "tracking/follow_up", "tracking/result_feedback"},
		Care:               {"preparation/find_need", "preparation/investigate_cause", "execution/hold_interview", "tracking/follow_up"},
		EmployeeIssue:      {"execution/hold_interview", "execution/joint_analysis", "tracking/follow_up_feedback"},
		ExitInterview:      {"execution/hold_exit_interview", "execution/retention_attempt", "tracking/record_attrition"},
		HiringInterview:    {"screening/hr_screen", "interview/second_interview", "decision/decision"},
		CrossDepartment:    {"preparation/identify_problem", "execution/contact_department", "execution/agree_solution", "tracking/follow_up", "tracking/result_feedback"},
	}
	for k, want := range flows {
		w, ok := p.Workflow(k)
		require.True(t, ok)
		var got []string
		for _, s := range w.Steps {
			got = append(got, s.Phase+"/"+s.ID)
			assert.NotEmpty(t, s.Role, "%s.%s", k, s.ID)
			assert.Positive(t, s.Within, "%s.%s", k, s.ID)
			if w.Corrective || k == ExitInterview {
				assert.NotEqual(t, callfloor.Group, s.Setting, "%s.%s is one-to-one", k, s.ID)
			}
		}
		assert.Equal(t, want, got, k)
	}
	pp, _ := p.Workflow(PerformanceProblem)
	assert.True(t, pp.Corrective)
	ei, _ := p.Workflow(EmployeeIssue)
	assert.True(t, ei.EmployeeRaised)
	assert.Equal(t, FromOpening, ei.Steps[2].After, "feedback on a raised issue counts from the day it was raised")
	assert.Equal(t, "joint_analysis", ei.Steps[2-1].ID)
	hi, _ := p.Workflow(HiringInterview)
	assert.Equal(t, "using_department", hi.Steps[1].Role, "the using department holds the second interview")
	ex, _ := p.Workflow(ExitInterview)
	assert.Equal(t, callfloor.OneToOne, ex.Steps[0].Setting, "the exit interview is a mandatory one-to-one")
	pr, _ := p.Workflow(Promotion)
	assert.Equal(t, []string{"stated_wish"}, pr.Steps[0].Records, "only those who want promotion")
}

func TestWorkflowIsACopy(t *testing.T) {
	p := DefaultPolicy()
	w, _ := p.Workflow(Care)
	w.Steps[0].Records[0] = "changed"
	w.Phases[0] = "changed"
	w2, _ := p.Workflow(Care)
	assert.Equal(t, "trigger", w2.Steps[0].Records[0])
	assert.Equal(t, "preparation", w2.Phases[0])
	_, ok := p.Workflow("nope")
	assert.False(t, ok)
}

func TestBadPolicyGolden(t *testing.T) {
	for _, name := range []string{"bad", "bad2"} {
		src, err := os.ReadFile(filepath.Join("testdata", name+".yaml"))
		require.NoError(t, err)
		_, err = ParsePolicy(src)
		require.Error(t, err, name)
		var pe *callfloor.PolicyError
		require.True(t, errors.As(err, &pe), name)
		got := err.Error() + "\n"
		golden := filepath.Join("testdata", name+".golden")
		if *update {
			require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
		}
		want, err := os.ReadFile(golden)
		require.NoError(t, err, name)
		assert.Equal(t, string(want), got, name)
	}
}

func TestPolicyProblems(t *testing.T) {
	const head = "version: v1\nroles: [team_lead]\n"
	for _, tc := range []struct {
		reason string
		src    string
		want   string
	}{
		{"empty", "", "coaching policy: 1 problem\n\tline 1, column 1: policy is empty"},
		{"not YAML", "version: [", "coaching policy: 1 problem\n\tline 1: YAML syntax: did not find expected node content"},
		{"nothing but a version", "version: v1\n", "coaching policy: 2 problems\n\troles: line 1, column 1: required field is missing\n\tworkflows: line 1, column 1: required field is missing"},
		{"a two-step cycle", head + `workflows:
  care:
    phases: [p]
    steps:
      - {id: a, phase: p, role: team_lead, after: b, within: 1d, setting: none}
      - {id: b, phase: p, role: team_lead, within: 1d, setting: none, feedback: true}
`, `coaching policy: 1 problem
	workflows.care.steps[0].after: line 7, column 51: deadlines form a cycle: a -> b -> a`},
		{"a forward reference that is no cycle", head + `workflows:
  care:
    phases: [p]
    steps:
      - {id: a, phase: p, role: team_lead, after: c, within: 1d, setting: none}
      - {id: b, phase: p, role: team_lead, after: open, within: 1d, setting: none}
      - {id: c, phase: p, role: team_lead, after: open, within: 1d, setting: none, feedback: true}
`, `coaching policy: 1 problem
	workflows.care.steps[0].after: line 7, column 51: the deadline of step "a" counts from step "c", which comes later in the flow; it must count from "open" or an earlier step`},
		{"a step reserved id", head + `workflows:
  care:
    phases: [p]
    steps:
      - {id: open, phase: p, role: team_lead, within: 1d, setting: none, feedback: true}
`, `coaching policy: 1 problem
	workflows.care.steps[0].id: line 7, column 14: step id "open" is reserved for deadlines counted from the opening`},
		{"a corrective group talk", head + `workflows:
  performance_problem:
    corrective: true
    phases: [p]
    steps:
      - {id: a, phase: p, role: team_lead, within: 1d, setting: group, feedback: true}
`, `coaching policy: 1 problem
	workflows.performance_problem.steps[0].setting: line 8, column 65: a corrective talk is held one-to-one; group is not allowed in a corrective workflow`},
		{"a group talk is fine when not corrective", head + `workflows:
  performance_review:
    phases: [p]
    steps:
      - {id: a, phase: p, role: team_lead, within: 1d, setting: group, feedback: true}
`, ""},
		{"a trigger for a kind without workflow", head + `workflows:
  care:
    phases: [p]
    steps:
      - {id: a, phase: p, role: team_lead, within: 1d, setting: none, feedback: true}
signals: [resigned]
triggers:
  - {id: t, kind: exit_interview, when: resigned == 1, reason: r}
`, `coaching policy: 1 problem
	triggers[0].kind: line 10, column 19: kind "exit_interview" has no workflow in this policy; workflows: care`},
		{"a condition on an undeclared signal", head + `workflows:
  care:
    phases: [p]
    steps:
      - {id: a, phase: p, role: team_lead, within: 1d, setting: none, feedback: true}
signals: [qa_avg]
triggers:
  - id: t
    kind: care
    when: qa_avg < 80 && mood_tier >= 1
    reason: r
`, `coaching policy: 1 problem
	triggers[0].when: line 12, column 26: unknown metric "mood_tier"; declared: qa_avg`},
		{"a workflow with no feedback step", head + `workflows:
  care:
    phases: [p]
    steps:
      - {id: a, phase: p, role: team_lead, within: 1d, setting: none}
      - {id: b, phase: p, role: team_lead, within: 1d, setting: one_to_one}
`, `coaching policy: 1 problem
	workflows.care.steps: line 7, column 7: no step has feedback: true; feedback closes every flow, so one step must give the employee feedback`},
		{"an exit interview held back", head + `workflows:
  exit_interview:
    phases: [p]
    steps:
      - {id: a, phase: p, role: team_lead, within: 1d, setting: one_to_one, feedback: true}
signals: [resigned, mood_crisis]
triggers:
  - id: exit
    kind: exit_interview
    when: resigned == 1
    reason: r
    hold_when: mood_crisis == 1
    hold_reason: later
`, `coaching policy: 1 problem
	triggers[0].hold_when: line 14, column 16: the exit interview is mandatory for everyone who resigns; it cannot be held`},
		{"a floor on a dimension that is not scored", head + `workflows: {}
hiring:
  hire_at: 3
  hold_at: 2
  max_spread: 1
  weights: {honesty: 0}
  floors: {honesty: 3}
  questions:
    - {id: q, dimension: stress_tolerance, text: t, rubric: [a, b, c, d, e]}
    - {id: r, dimension: adaptability, text: t, rubric: [a, b, c, d, e]}
    - {id: s, dimension: expression, text: t, rubric: [a, b, c, d, e]}
    - {id: u, dimension: execution, text: t, rubric: [a, b, c, d, e]}
    - {id: v, dimension: self_planning, text: t, rubric: [a, b, c, d, e]}
    - {id: w, dimension: listening_comprehension, text: t, rubric: [a, b, c, d, e]}
    - {id: x, dimension: professional_knowledge, text: t, rubric: [a, b, c, d, e]}
`, `coaching policy: 1 problem
	hiring.floors.honesty: line 9, column 21: honesty has weight 0 and is not scored, so its floor would never be checked; give it a weight or drop the floor`},
	} {
		p, err := ParsePolicy([]byte(tc.src))
		if tc.want == "" {
			require.NoError(t, err, tc.reason)
			require.NotNil(t, p)
			continue
		}
		require.Error(t, err, tc.reason)
		assert.Equal(t, tc.want, err.Error(), tc.reason)
		assert.Nil(t, p, tc.reason)
	}
}

func TestIdentityFollowsSource(t *testing.T) {
	a, err := ParsePolicy(defaultYAML)
	require.NoError(t, err)
	b, err := ParsePolicy([]byte(strings.Replace(string(defaultYAML), "within: 5d", "within: 6d", 1)))
	require.NoError(t, err)
	assert.Equal(t, a.Identity().Version, b.Identity().Version)
	assert.NotEqual(t, a.Identity().Hash, b.Identity().Hash)
}

func replaceOnce(t *testing.T, s, old, new string) string {
	t.Helper()
	require.Equal(t, 1, strings.Count(s, old), old)
	return strings.Replace(s, old, new, 1)
}

// idPolicy is a small policy with one id of each kind the policy declares,
// each a placeholder a test replaces with an id to try.
const idPolicy = `version: v1
roles: [team_lead, ROLE]
signals: [qa_avg, SIGNAL]
workflows:
  care:
    phases: [p, PHASE]
    steps:
      - {id: a, phase: p, role: team_lead, records: [RECORD], within: 1d, setting: none, feedback: true}
      - {id: STEP, phase: p, role: team_lead, within: 1d, setting: none}
triggers:
  - {id: TRIGGER, kind: care, when: qa_avg < 80, reason: r}
hiring:
  hire_at: 3
  hold_at: 2
  max_spread: 1
  weights: {adaptability: 0, expression: 0, execution: 0, self_planning: 0, listening_comprehension: 0, professional_knowledge: 0, honesty: 0}
  questions:
    - {id: QUESTION, dimension: stress_tolerance, text: t, rubric: [a, b, c, d, e]}
tenure:
  new_hire_for: 90d
  veteran_after: 365d
  new_hire: {care_every: 14d, guidance_every: 7d}
  veteran: {attention_every: 30d, roles: [mentor, VETERAN_ROLE]}
  pairing: {max_mentees: 2}
`

// Every id a policy declares follows callfloor.ValidID, since ids join
// into the dotted rule paths of reasons: a hyphen, a capital, a leading
// digit or underscore, or a letter outside ASCII is a problem at the id.
func TestPolicyIDs(t *testing.T) {
	ok := strings.NewReplacer("ROLE", "qa_lead", "SIGNAL", "mood_tier", "PHASE", "q", "RECORD", "notes",
		"STEP", "b", "TRIGGER", "low_qa", "QUESTION", "q1", "VETERAN_ROLE", "daily_statistics")
	_, err := ParsePolicy([]byte(ok.Replace(idPolicy)))
	require.NoError(t, err, "the policy with good ids parses")
	for _, tc := range []struct {
		place, id, want string
	}{
		{"ROLE", "Team_Lead", `roles[1]: line 2, column 20: role "Team_Lead" must be lower_snake_case (a-z, 0-9, _)`},
		{"ROLE", "qa-lead", `roles[1]: line 2, column 20: role "qa-lead" must be lower_snake_case (a-z, 0-9, _)`},
		{"SIGNAL", "9lives", `signals[1]: line 3, column 19: signal "9lives" must be lower_snake_case (a-z, 0-9, _)`},
		{"SIGNAL", "QA", `signals[1]: line 3, column 19: signal "QA" must be lower_snake_case (a-z, 0-9, _)`},
		{"PHASE", "_prep", `workflows.care.phases[1]: line 6, column 17: phase "_prep" must be lower_snake_case (a-z, 0-9, _)`},
		{"RECORD", "Notes", `workflows.care.steps[0].records[0]: line 8, column 54: record "Notes" must be lower_snake_case (a-z, 0-9, _)`},
		{"STEP", "step-b", `workflows.care.steps[1].id: line 9, column 14: step id "step-b" must be lower_snake_case (a-z, 0-9, _)`},
		{"TRIGGER", "care-mood", `triggers[0].id: line 11, column 10: trigger id "care-mood" must be lower_snake_case (a-z, 0-9, _)`},
		{"TRIGGER", "café", `triggers[0].id: line 11, column 10: trigger id "café" must be lower_snake_case (a-z, 0-9, _)`},
		{"QUESTION", "Q1", `hiring.questions[0].id: line 18, column 12: question id "Q1" must be lower_snake_case (a-z, 0-9, _)`},
		{"VETERAN_ROLE", "daily stats", `tenure.veteran.roles[1]: line 23, column 51: role "daily stats" must be lower_snake_case (a-z, 0-9, _)`},
	} {
		src := strings.Replace(ok.Replace(strings.Replace(idPolicy, tc.place, "\x00", 1)), "\x00", `"`+tc.id+`"`, 1)
		_, err := ParsePolicy([]byte(src))
		require.Error(t, err, tc.place)
		assert.Equal(t, "coaching policy: 1 problem\n\t"+tc.want, err.Error(), tc.place+" "+tc.id)
	}
}
