package coaching

import (
	"encoding/json"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// reviewAt returns a performance interview two steps in, with a
// reschedule of the third step in between, and the event that completes
// the third step.
func reviewAt(t *testing.T) (*Policy, Case, Event) {
	t.Helper()
	p, c := openReview(t)
	c = mustApply(t, p, c,
		complete(c, "e1", "analyze_scores", t0.Add(day), recs("score_analysis", "QA 78")...),
		complete(c, "e2", "make_interview_form", t0.Add(2*day), recs("interview_form", "f")...),
		Event{ID: "e3", Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: "hold_interview", At: t0.Add(2 * day), Due: t0.Add(8 * day), Reason: "agent on leave"},
	)
	return p, c, complete(c, "e4", "hold_interview", t0.Add(3*day), recs("interview_notes", "n", "agreed_actions", "a")...)
}

func TestApplyRefusesACaseAtOddsWithItsHistory(t *testing.T) {
	p, c, e := reviewAt(t)
	tamper := func(f func(*Case)) Case {
		d := deepCopy(c)
		f(&d)
		return d
	}
	for _, tc := range []struct {
		reason string
		c      Case
		e      Event
		want   string
	}{
		{"a cleared Done with its completion still in history", tamper(func(d *Case) { d.Steps[1].Done = time.Time{} }), e,
			`case.steps[1].done: step "make_interview_form" is not done, but case.history[1] completed it at 2026-03-04T09:00:00Z`},
		{"history wiped and an old event id re-sent", tamper(func(d *Case) { d.History = nil }), c.History[0],
			`case.steps[0].done: step "analyze_scores" is done at 2026-03-03T09:00:00Z, but no event in the case's history completed it`},
		{"a subject that no longer matches the id", tamper(func(d *Case) { d.Subject = "agent-18" }), e,
			`case.id: "performance_review/agent-17/20260302T090000.000000000Z" is not the id of a performance_review case for subject "agent-18" opened at 2026-03-02T09:00:00Z, which is "performance_review/agent-18/20260302T090000.000000000Z"`},
		{"an opening moved", tamper(func(d *Case) { d.Opened = d.Opened.Add(time.Nanosecond) }), e,
			`case.id: "performance_review/agent-17/20260302T090000.000000000Z" is not the id of a performance_review case for subject "agent-17" opened at 2026-03-02T09:00:00Z, which is "performance_review/agent-17/20260302T090000.000000001Z"`},
		{"an opening JSON cannot hold", tamper(func(d *Case) { d.Opened = time.Date(20000, 1, 1, 0, 0, 0, 0, time.UTC) }), e,
			"case.opened: year 20000 is outside 0..9999, the range a stored time can hold"},
		{"a Done moved", tamper(func(d *Case) { d.Steps[1].Done = t0.Add(3 * day) }), e,
			`case.steps[1].done: step "make_interview_form" is done at 2026-03-05T09:00:00Z, but case.history[1] completed it at 2026-03-04T09:00:00Z`},
		{"a record rewritten", tamper(func(d *Case) { d.Steps[0].Records[0].Value = "QA 98" }), e,
			`case.steps[0].records: the records of step "analyze_scores" are not those case.history[0] completed it with`},
		{"records on an owed step", tamper(func(d *Case) { d.Steps[3].Records = recs("follow_up_notes", "n") }), e,
			`case.steps[3].records: step "follow_up" is not done, yet holds records`},
		{"a reschedule count lowered", tamper(func(d *Case) { d.Steps[2].Rescheduled = 0 }), e,
			`case.steps[2].rescheduled: the case's history reschedules step "hold_interview" 1 times, not 0`},
		{"a rescheduled deadline moved", tamper(func(d *Case) { d.Steps[2].Due = t0.Add(30 * day) }), e,
			`case.steps[2].due: the deadline of step "hold_interview" is 2026-04-01T09:00:00Z, but the case's history gives 2026-03-10T09:00:00Z`},
		{"a deadline counted from the opening moved", tamper(func(d *Case) { d.Steps[0].Due = t0.Add(50 * day) }), e,
			`case.steps[0].due: the deadline of step "analyze_scores" is 2026-04-21T09:00:00Z, but the case's history gives 2026-03-07T09:00:00Z`},
		{"a deadline set before its step could start", tamper(func(d *Case) { d.Steps[3].Due = t0.Add(9 * day) }), e,
			`case.steps[3].due: the deadline of step "follow_up" is 2026-03-11T09:00:00Z, but the case's history gives none`},
		{"a status set by hand", tamper(func(d *Case) { d.Status = StatusClosed }), e,
			"case.status: the case is closed, but no event in its history closed it"},
		{"a reason without a cancel", tamper(func(d *Case) { d.Reason = "moved team" }), e,
			`case.reason: the case holds the reason "moved team", but only a cancel gives one and its history has none`},
		{"an update time moved", tamper(func(d *Case) { d.Updated = t0.Add(time.Hour) }), e,
			"case.updated: 2026-03-02T10:00:00Z is not the time of its last event case.history[2], 2026-03-04T09:00:00Z"},
		{"a phase renamed", tamper(func(d *Case) { d.Steps[4].Phase = "execution" }), e,
			`case.steps[4].phase: step "performance_feedback" is in phase "tracking" under policy ` + p.Identity().String() + `, not "execution"`},
		{"a role renamed", tamper(func(d *Case) { d.Steps[4].Role = "hr" }), e,
			`case.steps[4].role: step "performance_feedback" is owed by the team_lead under policy ` + p.Identity().String() + `, not the hr`},
		{"an event of the history that names no one who acted", tamper(func(d *Case) { d.History[1].By = "" }), e,
			"case.history[1].by: is required: the history says who acted, for audits"},
		{"an event of the history for another case", tamper(func(d *Case) { d.History[1].Case = "care/agent-17/x" }), e,
			`case.history[1].case: the event is for case "care/agent-17/x"; this case is "performance_review/agent-17/20260302T090000.000000000Z"`},
		{"two events of the history under one id", tamper(func(d *Case) { d.History[2].ID = "e1" }), e,
			`case.history[2].id: "e1" duplicates case.history[0]`},
		{"an event of the history with no id", tamper(func(d *Case) { d.History[1].ID = " " }), e,
			"case.history[1].id: is required"},
		{"the history out of order", tamper(func(d *Case) { d.History[0].At, d.History[1].At = d.History[1].At, d.History[0].At }), e,
			`case.history[1].at: 2026-03-03T09:00:00Z is before case.history[0] at 2026-03-04T09:00:00Z; events must not go back in time`},
		{"the history's completions swapped", tamper(func(d *Case) { d.History[0], d.History[1] = d.History[1], d.History[0] }), e,
			`case.history[0].step: step "make_interview_form" is not next; the history owes "analyze_scores" first`},
		{"an event of the history before the opening", tamper(func(d *Case) { d.History[0].At = t0.Add(-time.Hour); d.Steps[0].Done = t0.Add(-time.Hour) }), e,
			"case.history[0].at: 2026-03-02T08:00:00Z is before the opening at 2026-03-02T09:00:00Z; events must not go back in time"},
		{"an event of the history with a time JSON cannot hold", tamper(func(d *Case) { d.History[2].At = time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC) }), e,
			"case.history[2].at: year -1 is outside 0..9999, the range a stored time can hold"},
		{"a step of the history skipped", tamper(func(d *Case) { d.History[0].Step = "make_interview_form" }), e,
			`case.history[0].step: step "make_interview_form" is not next; the history owes "analyze_scores" first`},
		{"an event of the history that names no step", tamper(func(d *Case) { d.History[2].Step = "" }), e,
			"case.history[2].step: a reschedule event names a step"},
		{"an event of the history with a stray field", tamper(func(d *Case) { d.History[0].Due = t0.Add(day) }), e,
			"case.history[0].due: a complete event sets no deadline; only a reschedule does"},
		{"a record of the history the step does not keep", tamper(func(d *Case) { d.History[0].Records = recs("mood", "low") }), e,
			`case.history[0].records[0]: step "analyze_scores" does not keep record "mood"; it records score_analysis`},
		{"a reschedule in the history into the past", tamper(func(d *Case) { d.History[2].Due = t0 }), e,
			"case.history[2].due: the new deadline 2026-03-02T09:00:00Z must be later than the event at 2026-03-04T09:00:00Z"},
	} {
		assertRefused(t, p, tc.c, tc.e, tc.want, tc.reason)
	}
}

func TestApplyRefusesAHistoryThatEndedOrDidNotEnd(t *testing.T) {
	p, c := openReview(t)
	cancelled := mustApply(t, p, c, Event{ID: "x", Case: c.ID, By: "lead.wang", Type: EventCancel, At: t0.Add(day), Reason: "agent transferred"})
	reopened := deepCopy(cancelled)
	reopened.Status, reopened.Reason = StatusOpen, ""
	_, err := p.Apply(reopened, complete(c, "n", "analyze_scores", t0.Add(2*day), recs("score_analysis", "x")...))
	assert.EqualError(t, err, "case.status: the case is open, but case.history[0] cancelled it")

	reworded := deepCopy(cancelled)
	reworded.Reason = "agent resigned"
	_, err = p.Apply(reworded, Event{ID: "x", Case: c.ID, By: "lead.wang", Type: EventCancel, At: t0.Add(day), Reason: "agent transferred"})
	assert.EqualError(t, err, `case.reason: "agent resigned" is not the reason case.history[0] cancelled the case with, "agent transferred"`)

	extended := deepCopy(cancelled)
	extended.History = append(extended.History, Event{ID: "y", Case: c.ID, By: "lead.wang", Type: EventCancel, At: t0.Add(2 * day), Reason: "again"})
	extended.Updated = t0.Add(2 * day)
	_, err = p.Apply(extended, complete(c, "n", "analyze_scores", t0.Add(2*day), recs("score_analysis", "x")...))
	assert.EqualError(t, err, "case.history[1]: case.history[0] cancelled the case; no event follows it")
}

// A case stored as JSON and read back is the same case to Apply: the
// check against its history accepts it, at every state and in any zone.
func TestApplyAcceptsACaseReadBackFromJSON(t *testing.T) {
	p, c, e := reviewAt(t)
	cst := time.FixedZone("CST", 8*3600)
	zoned, err := p.Open(Care, "agent-9", time.Date(2026, 3, 2, 17, 0, 0, 123456789, cst))
	require.NoError(t, err)
	for _, tc := range []struct {
		reason string
		c      Case
		e      Event
	}{
		{"a case with a reschedule", c, e},
		{"a case opened in another zone, to the nanosecond", zoned, complete(zoned, "z1", "find_need", zoned.Opened.Add(time.Hour), recs("trigger", "QA dropped")...)},
	} {
		b, err := json.Marshal(tc.c)
		require.NoError(t, err, tc.reason)
		var back Case
		require.NoError(t, json.Unmarshal(b, &back), tc.reason)
		stored, err := p.Apply(back, tc.e)
		require.NoError(t, err, tc.reason)
		live, err := p.Apply(tc.c, tc.e)
		require.NoError(t, err, tc.reason)
		s, _ := json.Marshal(stored)
		l, _ := json.Marshal(live)
		assert.Equal(t, string(l), string(s), tc.reason)
	}
}

func TestApplyRefusesAnEventIDReusedForOtherContent(t *testing.T) {
	p, c, _ := reviewAt(t)
	sent := c.History[2] // the reschedule
	change := func(f func(*Event)) Event {
		e := sent
		f(&e)
		return e
	}
	for _, tc := range []struct {
		reason string
		e      Event
	}{
		{"another time", change(func(e *Event) { e.At = e.At.Add(time.Second) })},
		{"another type", change(func(e *Event) { e.Type = EventCancel; e.Step, e.Due = "", time.Time{} })},
		{"another step", change(func(e *Event) { e.Step = "follow_up" })},
		{"another deadline", change(func(e *Event) { e.Due = e.Due.Add(day) })},
		{"another reason", change(func(e *Event) { e.Reason = "lead on a course" })},
		{"another actor", change(func(e *Event) { e.By = "lead-2" })},
		{"another role", change(func(e *Event) { e.Role = "team_lead" })},
		{"records added", change(func(e *Event) { e.Records = recs("interview_notes", "n") })},
	} {
		got, err := p.Apply(c, tc.e)
		require.Error(t, err, tc.reason)
		assert.Equal(t, `event.id: event id "e3" was already applied with different content; an event id names one event`, err.Error(), tc.reason)
		assert.Equal(t, c, got, tc.reason)
	}
	// A record's value changed is another event too.
	first := c.History[0]
	first.Records = recs("score_analysis", "QA 79")
	_, err := p.Apply(c, first)
	assert.EqualError(t, err, `event.id: event id "e1" was already applied with different content; an event id names one event`)

	// The same content changes nothing.
	again, err := p.Apply(c, sent)
	require.NoError(t, err)
	assert.Equal(t, c, again)
}

// A case opened under one policy is driven by a newer one with the same
// steps; a refusal across versions names both.
func TestApplyAcrossPolicyVersions(t *testing.T) {
	old := DefaultPolicy()
	longer, err := ParsePolicy([]byte(replaceOnce(t, string(DefaultPolicySource()), "version: coaching-default-1", "version: coaching-default-2")))
	require.NoError(t, err)
	c, err := old.Open(PerformanceReview, "agent-17", t0)
	require.NoError(t, err)
	c = mustApply(t, old, c, complete(c, "e1", "analyze_scores", t0.Add(day), recs("score_analysis", "x")...))
	c = mustApply(t, longer, c, complete(c, "e2", "make_interview_form", t0.Add(2*day), recs("interview_form", "f")...))
	assert.Equal(t, old.Identity(), c.Policy, "a case keeps the policy it was opened under")

	moved, err := ParsePolicy([]byte(strings.ReplaceAll(string(DefaultPolicySource()), "      - id: make_interview_form", "      - id: design_form")))
	require.NoError(t, err)
	_, err = moved.Apply(c, complete(c, "e3", "hold_interview", t0.Add(3*day), recs("interview_notes", "n", "agreed_actions", "a")...))
	assert.EqualError(t, err, `case.steps[1].step: the case has step "make_interview_form" where the policy's performance_review workflow has "design_form" (the case was opened under policy `+
		old.Identity().String()+`; this policy is `+moved.Identity().String()+`)`)
}

func TestTimesJSONCannotHold(t *testing.T) {
	p, c := openReview(t)
	c = mustApply(t, p, c, complete(c, "e1", "analyze_scores", t0.Add(day), recs("score_analysis", "x")...))
	far := time.Date(20000, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDay := time.Date(9999, 12, 30, 0, 0, 0, 0, time.UTC)
	offZone := time.Date(2026, 3, 5, 9, 0, 0, 0, time.FixedZone("X", 25*3600))
	for _, tc := range []struct {
		reason string
		e      Event
		want   string
	}{
		{"a reschedule into year 20000", Event{ID: "n", Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: "make_interview_form", At: t0.Add(2 * day), Due: far},
			"event.due: year 20000 is outside 0..9999, the range a stored time can hold"},
		{"an event in year 20000", complete(c, "n", "make_interview_form", far, recs("interview_form", "f")...),
			"event.at: year 20000 is outside 0..9999, the range a stored time can hold"},
		{"an event in a zone 25 hours off", complete(c, "n", "make_interview_form", offZone, recs("interview_form", "f")...),
			"event.at: zone offset 90000s is 24 hours or more, which a stored time cannot hold"},
		{"a completion whose next deadline falls past year 9999", complete(c, "n", "make_interview_form", lastDay, recs("interview_form", "f")...),
			`event.at: completing step "make_interview_form" then sets the deadline of step "hold_interview" 3d later, which is out of range: year 10000 is outside 0..9999, the range a stored time can hold`},
	} {
		got, err := p.Apply(c, tc.e)
		require.Error(t, err, tc.reason)
		assert.Equal(t, tc.want, err.Error(), tc.reason)
		assert.Equal(t, c, got, tc.reason)
	}

	for _, tc := range []struct {
		reason string
		at     time.Time
		want   string
	}{
		{"an opening in year 20000", far, "at: year 20000 is outside 0..9999, the range a stored time can hold"},
		{"an opening before year 0", time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC), "at: year -5 is outside 0..9999, the range a stored time can hold"},
		{"an opening whose first deadline falls past year 9999", lastDay, `at: the deadline of step "analyze_scores", 5d after the opening, is out of range: year 10000 is outside 0..9999, the range a stored time can hold`},
	} {
		_, err := p.Open(PerformanceReview, "agent-17", tc.at)
		require.Error(t, err, tc.reason)
		assert.Equal(t, tc.want, err.Error(), tc.reason)
	}
	// The last moment of year 9999 still opens a case whose deadlines fit.
	_, err := p.Open(PerformanceReview, "agent-17", time.Date(9999, 12, 26, 9, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	// The last storable deadline is accepted.
	_, err = p.Apply(c, Event{ID: "n", Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: "make_interview_form", At: t0.Add(2 * day), Due: time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)})
	require.NoError(t, err)

	// Due has no error to give: a now JSON cannot hold finds nothing.
	assert.Nil(t, p.Due(c, far))
	assert.NotEmpty(t, p.Due(c, t0.Add(30*day)))
}

// unboundedPolicy is the default policy with every max_reschedules
// removed, so that a step may be rescheduled without limit.
func unboundedPolicy(t testing.TB) *Policy {
	t.Helper()
	src := regexp.MustCompile(`(?m)^ *max_reschedules: \d+\n`).ReplaceAllString(string(DefaultPolicySource()), "")
	p, err := ParsePolicy([]byte(src))
	require.NoError(t, err)
	require.Equal(t, -1, p.workflows[PerformanceReview].view.MaxReschedules)
	return p
}

// numbered returns n records named n0, n1, ... with the value v.
func numbered(n int) []Record {
	r := make([]Record, n)
	for i := range r {
		r[i] = Record{Name: fmt.Sprint("n", i), Value: "v"}
	}
	return r
}

// storedCase builds a performance interview as a host might hand it back
// after storing it, opened under policy under. When given is not nil, a
// complete event gave its first step the records given, and the step
// holds held; then n reschedules move the step after the last one done.
// It also returns the next reschedule of that step.
func storedCase(t testing.TB, p *Policy, under callfloor.Identity, given, held []Record, n int) (Case, Event) {
	t.Helper()
	c, err := p.Open(PerformanceReview, "agent-17", t0)
	require.NoError(t, err)
	c.Policy = under
	at, step := t0.Add(day), 0
	if given != nil {
		c.History = append(c.History, Event{ID: "done", Case: c.ID, By: "lead.wang", Type: EventComplete, Step: "analyze_scores", At: at, Records: given})
		c.Steps[0].Done, c.Steps[0].Records = at, held
		step = 1
	}
	id := c.Steps[step].Step
	for i := range n {
		c.History = append(c.History, Event{ID: fmt.Sprint("r", i), Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: id, At: at, Due: at.Add(day)})
	}
	if n > 0 {
		c.Steps[step].Rescheduled, c.Steps[step].Due = n, at.Add(day)
	}
	if len(c.History) > 0 {
		c.Updated = at
	}
	return c, Event{ID: "next", Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: id, At: at, Due: at.Add(2 * day)}
}

// countPairs counts, until the test ends, the pairs of ids and records
// the checks of a stored case compare one by one.
func countPairs(t *testing.T) *int {
	pairs := 0
	scanned = func(n int) { pairs += n }
	t.Cleanup(func() { scanned = nil })
	return &pairs
}

// One Apply on a long stored case costs work and memory in proportion
// to the case: the check of the history once built a map of every earlier
// event id at each event (seconds at 16,000 events), and records given
// under another policy version were compared pairwise (seconds at 40,000
// records). Pairwise comparison is kept for short lists only, and memory
// stays within a few hundred bytes an item: the new history and the maps
// of ids and names.
func TestApplyOnALongCaseIsLinear(t *testing.T) {
	p := unboundedPolicy(t)
	other := DefaultPolicy().Identity()
	many := numbered(40_000)
	for _, tc := range []struct {
		reason string
		build  func() (Case, Event)
		items  int // events and records the case holds
	}{
		{"20,000 reschedules under a policy without max_reschedules", func() (Case, Event) {
			return storedCase(t, p, p.Identity(), nil, nil, 20_000)
		}, 20_000},
		{"a complete event with 40,000 records under another policy version, then 20,000 reschedules", func() (Case, Event) {
			return storedCase(t, p, other, many, slices.Clone(many), 20_000)
		}, 100_001},
		{"a complete event with 40,000 records under another policy version", func() (Case, Event) {
			return storedCase(t, p, other, many, slices.Clone(many), 0)
		}, 80_001},
	} {
		c, e := tc.build()
		pairs := countPairs(t)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		got, err := p.Apply(c, e)
		runtime.ReadMemStats(&after)
		require.NoError(t, err, tc.reason)
		require.Len(t, got.History, len(c.History)+1, tc.reason)
		// Three lists are searched for repeats (the history's ids, the
		// records given, the records held), each pairwise only up to
		// pairwiseMax items.
		assert.LessOrEqual(t, *pairs, 3*pairwiseMax*pairwiseMax, "%s: pairs compared one by one", tc.reason)
		assert.LessOrEqual(t, after.TotalAlloc-before.TotalAlloc, uint64(512*tc.items), "%s: bytes allocated", tc.reason)
	}
}

// Repeats and mismatches are found on either side of pairwiseMax, where
// the search moves from comparing pairs to a map: a repeated event id, a
// record given twice, and a step whose records are not exactly those its
// event gave (under another policy version, which does not fix them).
func TestApplyFindsRepeatsOnEitherSideOfThePairwiseBound(t *testing.T) {
	p := unboundedPolicy(t)
	other := DefaultPolicy().Identity()
	const notThose = `case.steps[0].records: the records of step "analyze_scores" are not those case.history[0] completed it with`
	reused := func(k, j int) (string, func() (Case, Event)) {
		return fmt.Sprintf(`case.history[%d].id: "r%d" duplicates case.history[%d]`, k, j, j),
			func() (Case, Event) {
				c, e := storedCase(t, p, p.Identity(), nil, nil, 2*pairwiseMax)
				c.History[k].ID = c.History[j].ID
				return c, e
			}
	}
	givenTwice := func(n, k, j int) (string, func() (Case, Event)) {
		return fmt.Sprintf(`case.history[0].records[%d]: record "n%d" is given twice`, k, j),
			func() (Case, Event) {
				given := numbered(n)
				given[k].Name = given[j].Name
				return storedCase(t, p, other, given, slices.Clone(given), 1)
			}
	}
	held := func(n int, edit func(held []Record) []Record) func() (Case, Event) {
		return func() (Case, Event) {
			given := numbered(n)
			return storedCase(t, p, other, given, edit(slices.Clone(given)), 1)
		}
	}
	reversed := func(h []Record) []Record { slices.Reverse(h); return h }
	type row struct {
		reason string
		want   string // "" when the case is accepted
		build  func() (Case, Event)
	}
	var rows []row
	for _, kj := range [][2]int{{1, 0}, {pairwiseMax - 1, 0}, {pairwiseMax - 1, pairwiseMax - 2}, {pairwiseMax, 0}, {pairwiseMax, pairwiseMax - 1}, {pairwiseMax + 1, pairwiseMax}, {2*pairwiseMax - 1, 5}} {
		want, build := reused(kj[0], kj[1])
		rows = append(rows, row{fmt.Sprintf("history[%d] reuses the id of history[%d]", kj[0], kj[1]), want, build})
	}
	for _, nkj := range [][3]int{{2, 1, 0}, {pairwiseMax, pairwiseMax - 1, 0}, {pairwiseMax + 1, pairwiseMax, 0}, {pairwiseMax + 1, pairwiseMax, pairwiseMax - 1}, {2 * pairwiseMax, 2*pairwiseMax - 1, pairwiseMax + 3}} {
		want, build := givenTwice(nkj[0], nkj[1], nkj[2])
		rows = append(rows, row{fmt.Sprintf("of %d records, records[%d] repeats records[%d]", nkj[0], nkj[1], nkj[2]), want, build})
	}
	for _, n := range []int{2, pairwiseMax, pairwiseMax + 1, 2 * pairwiseMax} {
		rows = append(rows,
			row{fmt.Sprintf("%d records held in another order", n), "", held(n, reversed)},
			row{fmt.Sprintf("%d records, the last held with another value", n), notThose, held(n, func(h []Record) []Record { h[n-1].Value = "w"; return h })},
			row{fmt.Sprintf("%d records, the last held under another name", n), notThose, held(n, func(h []Record) []Record { h[n-1].Name = "m"; return h })},
			row{fmt.Sprintf("%d records, the first held twice in place of the last", n), notThose, held(n, func(h []Record) []Record { h[n-1] = h[0]; return h })},
			row{fmt.Sprintf("%d records, one fewer held", n), notThose, held(n, func(h []Record) []Record { return h[:n-1] })},
		)
	}
	for _, tc := range rows {
		c, e := tc.build()
		got, err := p.Apply(c, e)
		if tc.want == "" {
			require.NoError(t, err, tc.reason)
			assert.Len(t, got.History, len(c.History)+1, tc.reason)
			continue
		}
		require.Error(t, err, tc.reason)
		assert.Equal(t, tc.want, err.Error(), tc.reason)
		assert.Equal(t, c, got, "%s: the case comes back as it was", tc.reason)
	}
}
