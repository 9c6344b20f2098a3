package coaching

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/callfloor/callfloor"

	"github.com/callfloor/callfloor/internal/golden"
	"github.com/stretchr/testify/require"
)

// goldenResults are the package's result and state types, each produced
// by the default policy from fixed inputs. Their JSON is a contract: a
// change to a golden file is a change of the wire format.
func goldenResults(t *testing.T) map[string]any {
	t.Helper()
	p := DefaultPolicy()
	r := policyResults(t, p)

	leavers := append(fiveLeavers("north"),
		Leaver{Subject: "s-1", Team: "south", At: t0.Add(40 * day), Reason: ExitPay, RetentionAttempted: true, Retained: true},
		Leaver{Subject: "s-2", Team: "south", At: t0.Add(41 * day), Reason: ExitGrowth, RetentionAttempted: true})
	attrition, err := p.Attrition(leavers, []Headcount{{Team: "north", Period: "2026-03", Count: 40}, {Team: "south", Period: "2026-04", Count: 12}})
	require.NoError(t, err)

	flow, _ := p.Workflow(EmployeeIssue)
	return map[string]any{
		"case":             r.review,
		"case_cancelled":   r.cancelled,
		"case_on_the_spot": r.spot,
		"case_adopted":     r.adoptedCase,
		"adopted":          r.adoptions,
		"reminders":        r.reminders,
		"proposals":        r.props,
		"proposals_unread": r.partial,
		"retention":        r.keep,
		"retention_unread": r.unknown,
		"attrition":        attrition,
		"hiring_result":    r.hiring,
		"plan_new_hire":    r.newHire,
		"plan_veteran":     r.veteran,
		"plan_established": r.settled,
		"pairings":         r.pairings,
		"workflow":         flow,
		"meetings":         r.meetings,
		"question_bank":    p.QuestionBank()[:2],
	}
}

// coachingResults are the results the golden files hold of a policy:
// cases, reminders, proposals, retention, hiring, plans, pairings,
// meetings and adopted suggestions, every kind of sentence the package
// writes.
type coachingResults struct {
	// review has its first step done and its second rescheduled then
	// done; cancelled and spot are an issue withdrawn and one answered
	// on the spot; adoptedCase closed with a suggestion adopted.
	review, cancelled, spot, adoptedCase Case
	// reminders are review's and a fresh issue's past its deadlines;
	// remindersOwed a fresh review's, owed then overdue, and those of an
	// issue heard whose later steps are overdue.
	reminders, remindersOwed  []Reminder
	props, partial            Proposals
	keep, unknown             RetentionDecision
	hiring                    HiringResult
	newHire, veteran, settled Plan
	pairings                  Pairings
	meetings                  []Meeting
	adoptions                 AdoptedSuggestions
}

// policyResults evaluates p on the golden inputs, so that the English and
// the Chinese goldens speak of the same cases.
func policyResults(t *testing.T, p *Policy) coachingResults {
	t.Helper()
	var r coachingResults
	fresh, err := p.Open(PerformanceReview, "agent-17", t0)
	require.NoError(t, err)
	r.review = mustApply(t, p, fresh,
		Event{ID: "ev-1", Case: fresh.ID, Type: EventComplete, Step: "analyze_scores", Role: "team_lead", By: "lead.wang", At: t0.Add(day),
			Records: recs("score_analysis", "doc://scores/agent-17/2026-02")},
		Event{ID: "ev-2", Case: fresh.ID, Type: EventReschedule, Step: "make_interview_form", By: "lead.wang", At: t0.Add(2 * day),
			Due: t0.Add(6 * day), Reason: "the agent is on leave until Friday"},
		Event{ID: "ev-3", Case: fresh.ID, Type: EventComplete, Step: "make_interview_form", Role: "team_lead", By: "lead.wang", At: t0.Add(5 * day),
			Records: recs("interview_form", "doc://forms/agent-17")},
	)
	issue, err := p.Open(EmployeeIssue, "agent-3", t0)
	require.NoError(t, err)
	r.cancelled = mustApply(t, p, issue, Event{ID: "ev-9", Case: issue.ID, Type: EventCancel, By: "sup.li", At: t0.Add(day), Reason: "the agent withdrew the issue"})
	heard := mustApply(t, p, issue, complete(issue, "i1", "hold_interview", t0.Add(2*day), recs("issue", "the rota is unfair", "interview_notes", "n")...))

	// A rota question from the suggestion box, answered and confirmed in
	// the first talk: the case closes there, with the answer as feedback.
	mailed, err := p.OpenIssue("agent-5", ChannelSuggestionBox, t0)
	require.NoError(t, err)
	r.spot = mustApply(t, p, mailed, Event{ID: "ev-11", Case: mailed.ID, Type: EventAnswerOnTheSpot, Step: "hold_interview", Role: "team_lead", By: "lead.wang", At: t0.Add(day),
		Records: recs("issue", "may I swap my Saturday shift with a colleague?", "interview_notes", "doc://talks/agent-5/2026-03-03",
			"answer_given", "yes, with the lead's approval two days ahead, as the rota rules say",
			"employee_confirmation", "agent-5 confirmed this answers the question")})

	r.reminders = p.AppendDue(r.reminders, r.review, t0.Add(10*day))
	r.reminders = p.AppendDue(r.reminders, issue, t0.Add(15*day))
	r.remindersOwed = p.AppendDue(r.remindersOwed, fresh, t0)
	r.remindersOwed = p.AppendDue(r.remindersOwed, fresh, t0.Add(10*day))
	r.remindersOwed = p.AppendDue(r.remindersOwed, heard, t0.Add(15*day))

	open, err := p.Open(PerformanceReview, "li.na", t0)
	require.NoError(t, err)
	r.props, err = p.Propose("li.na", with(quiet(), "mood_tier", 3.0, "qa_periods_below_bar", 2.0, "qa_stable_then_drop", 1.0,
		"days_since_review", 120.0), []Case{r.review, open})
	require.NoError(t, err)
	r.partial, err = p.Propose("wu.fei", Signals{"resigned": 1, "mood_tier": 1}, nil)
	require.NoError(t, err)

	r.keep, err = p.Retention("agent-5", with(quiet(), "resigned", 1.0))
	require.NoError(t, err)
	r.unknown, err = p.Retention("agent-6", Signals{"qa_avg": 90})
	require.NoError(t, err)

	r.hiring, err = p.ScoreInterview("cand-8", []ScoreSheet{sheet("hr.zhao", 4, 4, 5, 4, 3, 4, 4, 4, 4, 4), sheet("dept.qian", 4, 2, 4, 4, 3, 4, 3, 4, 4, 4)})
	require.NoError(t, err)

	r.newHire, err = p.Plan(Employee{ID: "n1", Team: "north", Hired: t0.Add(-20 * day)}, t0)
	require.NoError(t, err)
	r.veteran, err = p.Plan(Employee{ID: "v1", Team: "north", Hired: t0.Add(-800 * day)}, t0)
	require.NoError(t, err)
	r.settled, err = p.Plan(Employee{ID: "e1", Team: "north", Hired: t0.Add(-200 * day)}, t0)
	require.NoError(t, err)
	r.pairings, err = p.Pairings(staff(), t0)
	require.NoError(t, err)

	r.meetings, err = p.Meetings(Team{ID: "north"}, callfloor.Period{Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	weekly, err := p.Meetings(Team{ID: "night", Shifts: true}, callfloor.Period{Start: time.Date(2026, 3, 6, 12, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 6, 18, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	r.meetings = append(r.meetings, weekly...)

	// A suggestion from the suggestion box, adopted at the feedback step:
	// the case, and the month's count the host passes to incentives.
	r.adoptedCase = feedback(t, p, issueHeard(t, p, "agent-8", t0), t0.Add(5*day), feedbackRecs[0], feedbackRecs[1], adopted)
	r.adoptions, err = p.AdoptedSuggestions([]Case{r.adoptedCase, r.cancelled, r.spot}, callfloor.Period{ID: "2026-03", Start: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	return r
}

// TestGolden holds every result and state type to its JSON byte for byte;
// go test ./coaching -run Golden -update rewrites the files.
func TestGolden(t *testing.T) {
	golden.JSON(t, "./coaching", goldenResults(t), *update)
}

// TestGoldenRoundTrip decodes each golden file into its type, refusing
// unknown fields, and encodes it again: the bytes must not change, so that
// a host can store a result or a case and read it back as it was.
func TestGoldenRoundTrip(t *testing.T) {
	golden.RoundTrip(t, goldenResults(t))
}

// A stored case read back from its golden file is the case Apply made: it
// takes the next event as the original does.
func TestGoldenCaseApplies(t *testing.T) {
	p := DefaultPolicy()
	src, err := os.ReadFile(filepath.Join("testdata", "golden", "case.json"))
	require.NoError(t, err)
	var c Case
	require.NoError(t, json.Unmarshal(src, &c))
	want := goldenResults(t)["case"].(Case)
	require.Equal(t, want, c)
	_, err = p.Apply(c, Event{ID: "ev-4", Case: c.ID, By: "lead.wang", Type: EventComplete, Step: "hold_interview", At: t0.Add(6 * day),
		Records: recs("interview_notes", "n", "agreed_actions", "a")})
	require.NoError(t, err)
}
