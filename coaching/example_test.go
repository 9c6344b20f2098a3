package coaching_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

var monday = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func ExampleParsePolicy() {
	_, err := coaching.ParsePolicy([]byte(`version: site-7
roles: [team_lead]
workflows:
  performance_problem:
    corrective: true
    phases: [preparation, execution]
    steps:
      - id: find_problem
        phase: preparation
        role: team_lead
        within: 3d
        setting: none
      - id: team_talk
        phase: execution
        role: team_lead
        after: follow_up
        within: 2d
        setting: group
        feedback: true
`))
	fmt.Println(err)
	// Output:
	// coaching policy: 2 problems
	//	workflows.performance_problem.steps[1].after: line 16, column 16: unknown step "follow_up"; a deadline counts from "open" or from one of the steps: find_problem, team_talk
	//	workflows.performance_problem.steps[1].setting: line 18, column 18: a corrective talk is held one-to-one; group is not allowed in a corrective workflow
}

// An agent raises an issue; the lead holds the talk but the feedback is
// never given. Two weeks later the scheduler's sweep flags the silence.
func ExamplePolicy_Apply() {
	p := coaching.DefaultPolicy()
	c, _ := p.Open(coaching.EmployeeIssue, "agent-3", monday)
	c, err := p.Apply(c, coaching.Event{
		ID: "ev-1", Case: c.ID, Type: coaching.EventComplete, Step: "hold_interview", Role: "team_lead", By: "lead.wang",
		At:      monday.Add(26 * time.Hour),
		Records: []coaching.Record{{Name: "issue", Value: "break rota favours the day shift"}, {Name: "interview_notes", Value: "notes-118"}},
	})
	fmt.Println(err, c.Next())

	// Skipping ahead is refused, with what is expected instead.
	_, err = p.Apply(c, coaching.Event{ID: "ev-2", Case: c.ID, By: "lead.wang", Type: coaching.EventComplete, Step: "follow_up_feedback", At: monday.Add(48 * time.Hour)})
	fmt.Println(err)

	for _, r := range p.Due(c, monday.AddDate(0, 0, 15)) {
		fmt.Printf("%s overdue=%v late=%v silence=%v\n", r.Step, r.Overdue, r.Late, r.SilenceRisk)
	}
	// Output:
	// <nil> joint_analysis
	// event.step: step "follow_up_feedback" is not next; expected: complete "joint_analysis" (or reschedule a step, or cancel)
	// joint_analysis overdue=true late=238h silence=false
	// follow_up_feedback overdue=true late=24h silence=true
}

// A host stores cases as JSON and sweeps them from its own scheduler.
func ExamplePolicy_Due() {
	p := coaching.DefaultPolicy()
	c, _ := p.Open(coaching.ExitInterview, "agent-12", monday)
	stored, _ := json.Marshal(c)

	// Later, in the nightly job:
	var back coaching.Case
	_ = json.Unmarshal(stored, &back)
	var due []coaching.Reminder
	for _, now := range []time.Time{monday.AddDate(0, 0, 1), monday.AddDate(0, 0, 4)} {
		due = p.AppendDue(due[:0], back, now)
		for _, r := range due {
			fmt.Println(now.Format("Jan 2"), r.Subject, r.Reasons[0].Rule, r.Late)
			fmt.Println("  ", r.Reasons[0].Text)
		}
	}
	// Output:
	// Mar 3 agent-12 workflows.exit_interview.steps.hold_exit_interview 0s
	//    exit_interview: step "hold the exit interview" is owed by the supervisor
	// Mar 6 agent-12 workflows.exit_interview.steps.hold_exit_interview 24h
	//    exit_interview: step "hold the exit interview" is overdue; the supervisor owes it
}

// The mood triage and the QA trend become signals; the triggers propose
// the talks, but not one already open.
func ExamplePolicy_Propose() {
	p := coaching.DefaultPolicy()
	triage := mood.Triage{Agent: "agent-5", Tier: mood.Mild}
	trend := qa.Trend{Agent: "agent-5", Latest: qa.PeriodStat{N: 10, Mean: 83, Complaints: 1}, StableExcellentThenDrop: true}
	signals := coaching.MoodSignals(triage).Merge(coaching.QASignals(trend), coaching.Signals{
		"days_since_review": 95, "eligible_next_grade": 1, "wants_promotion": 0, "resigned": 0,
	})
	review, _ := p.Open(coaching.PerformanceReview, "agent-5", monday.AddDate(0, 0, -3))

	props, _ := p.Propose("agent-5", signals, []coaching.Case{review})
	for _, pr := range props.Proposed {
		for _, why := range pr.Reasons {
			fmt.Println("open", pr.Kind, "by", why.Rule, why.Outcome, why.Facts)
		}
	}
	for _, pr := range props.Suppressed {
		fmt.Println("already open:", pr.OpenCase)
	}
	// Output:
	// open care by triggers.care_sudden_drop fired [{qa_stable_then_drop 1}]
	// open care by triggers.care_mood fired [{mood_tier 1} {mood_watch 0} {mood_crisis 0}]
	// already open: performance_review/agent-5/20260227T090000.000000000Z
}

func ExamplePolicy_ScoreInterview() {
	p := coaching.DefaultPolicy()
	score := func(who string, honesty int, expression int) coaching.ScoreSheet {
		s := coaching.ScoreSheet{Interviewer: who}
		for _, q := range p.QuestionBank() {
			v := 4
			switch q.Dimension {
			case coaching.Honesty:
				v = honesty
			case coaching.Expression:
				v = expression
			}
			s.Answers = append(s.Answers, coaching.Answer{Question: q.ID, Score: v})
		}
		return s
	}
	r, _ := p.ScoreInterview("cand-31", []coaching.ScoreSheet{score("ops-lead", 3, 5), score("hr", 2, 3)})
	fmt.Printf("%s %.2f\n", r.Recommendation, r.Total)
	for _, why := range r.Reasons {
		fmt.Printf("%s (%s): %s\n", why.Rule, why.Outcome, why.Text)
	}
	// Output:
	// reject 3.86
	// hiring.max_spread (fired): interviewers disagree on expression (scores 5, 3; spread 2 > 1.5)
	// hiring.floors.honesty (fired): honesty scored 2.5, below its floor 3
	// hiring.floors (fired): reject: a dimension is below its floor, whatever the total (3.86)
}

func ExamplePolicy_Attrition() {
	p := coaching.DefaultPolicy()
	a, _ := p.Attrition([]coaching.Leaver{
		{Subject: "a1", Team: "north", At: monday, Reason: coaching.ExitSchedule},
		{Subject: "a2", Team: "north", At: monday.AddDate(0, 0, 9), Reason: coaching.ExitSchedule, RetentionAttempted: true, Retained: true},
		{Subject: "a3", Team: "south", At: monday.AddDate(0, 1, 0), Reason: coaching.ExitManager},
	}, []coaching.Headcount{{Team: "north", Period: "2026-03", Count: 18}})
	for _, t := range a.ByTeamPeriod {
		fmt.Printf("%s %s left=%d retained=%d rate=%.3f\n", t.Team, t.Period, t.Left, t.Retained, t.Rate)
	}
	// Output:
	// north 2026-03 left=1 retained=1 rate=0.056
	// south 2026-04 left=1 retained=0 rate=0.000
}

func ExamplePolicy_Pairings() {
	p := coaching.DefaultPolicy()
	pairs, _ := p.Pairings([]coaching.Employee{
		{ID: "lin", Team: "north", Hired: monday.AddDate(-4, 0, 0)},
		{ID: "zhou", Team: "north", Hired: monday.AddDate(0, 0, -12)},
		{ID: "wang", Team: "north", Hired: monday.AddDate(0, 0, -40)},
	}, monday)
	for _, pr := range pairs.Pairs {
		fmt.Println(pr.Mentor, "helps", pr.Mentee)
	}
	plan, _ := p.Plan(coaching.Employee{ID: "zhou", Team: "north", Hired: monday.AddDate(0, 0, -12)}, monday)
	for _, c := range plan.CheckIns {
		fmt.Println(c.Kind, c.Next.Format("Jan 2"))
	}
	// Output:
	// lin helps zhou
	// lin helps wang
	// care Mar 4
	// guidance Mar 4
}

// An agent's note in the suggestion box is heard, analysed with them and
// adopted: the feedback step records what was adopted, and the month's
// count is the metric a host passes to package incentives.
func ExamplePolicy_AdoptedSuggestions() {
	p := coaching.DefaultPolicy()
	c, _ := p.OpenIssue("agent-3", coaching.ChannelSuggestionBox, monday)
	for i, e := range []coaching.Event{
		{Type: coaching.EventComplete, Step: "hold_interview", Records: []coaching.Record{{Name: "issue", Value: "weekends fall on the same people"}, {Name: "interview_notes", Value: "doc://talks/1"}}},
		{Type: coaching.EventComplete, Step: "joint_analysis", Records: []coaching.Record{{Name: "problem_analysis", Value: "three agents took 9 of 12 weekends"}, {Name: "improvement_plan", Value: "a fixed weekend rota"}}},
		{Type: coaching.EventComplete, Step: "follow_up_feedback", Records: []coaching.Record{{Name: "follow_up_notes", Value: "the rota is live"}, {Name: "feedback_given", Value: "told agent-3 and the team"},
			{Name: coaching.RecordSuggestionAdopted, Value: "a fixed weekend rota"}}},
		{Type: coaching.EventClose},
	} {
		e.ID, e.Case, e.By, e.At = fmt.Sprint("e", i), c.ID, "lead.wang", monday.AddDate(0, 0, i+1)
		var err error
		if c, err = p.Apply(c, e); err != nil {
			fmt.Println(err)
			return
		}
	}
	march := callfloor.Period{ID: "2026-03", Start: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)}
	got, _ := p.AdoptedSuggestions([]coaching.Case{c}, march)
	fmt.Println(coaching.MetricSuggestionsAdopted, "of agent-3:", got.Count("agent-3"))
	fmt.Println(got.Subjects[0].Reasons[0].Text)
	// Output:
	// suggestions_adopted of agent-3: 1
	// case employee_issue/agent-3/20260302T090000.000000000Z closed at 2026-03-06T09:00:00Z with the suggestion adopted: a fixed weekend rota
}

// A team that meets every morning, and one whose shifts prevent it, which
// meets once a week instead.
func ExamplePolicy_Meetings() {
	p := coaching.DefaultPolicy()
	week := callfloor.Period{Start: monday.Add(-9 * time.Hour), End: monday.AddDate(0, 0, 7).Add(-9 * time.Hour)}
	for _, team := range []coaching.Team{{ID: "north"}, {ID: "night", Shifts: true}} {
		ms, _ := p.Meetings(team, week)
		fmt.Printf("%s, meetings in the week: %d; the first: %s on %s for %s\n", team.ID, len(ms), ms[0].Meeting, ms[0].Start.Weekday(), ms[0].Length)
	}
	// Output:
	// north, meetings in the week: 8; the first: morning_meeting on Monday for 25m
	// night, meetings in the week: 1; the first: weekly_meeting on Friday for 45m
}
