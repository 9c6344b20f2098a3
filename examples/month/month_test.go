package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/qa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func shipped(t testing.TB) (*Center, *Report) {
	t.Helper()
	c, err := LoadCenter("data")
	require.NoError(t, err)
	r, err := Run(c, DefaultPolicies(), Options{})
	require.NoError(t, err)
	return c, r
}

// The shipped center tells the month's stories; each must come out of the
// rules, not be written into the report.
func TestShippedCenterStories(t *testing.T) {
	c, r := shipped(t)
	require.Len(t, c.Agents, 60)
	assert.Equal(t, []string{"north", "south", "east"}, r.Teams)

	t.Run("a crisis always reaches its owner within the hour, from a questionnaire or declared in an interview", func(t *testing.T) {
		var found bool
		for _, ra := range r.CareRouted {
			if ra.Owner == "crisis_owner" && ra.Code == "crisis_escalation" {
				found = true
				assert.Equal(t, 2, ra.Count, "north-12's PHQ-9 answer and the crisis the counselor declared for south-11")
				assert.Equal(t, asOf.Add(60*60*1e9), ra.Earliest)
			}
		}
		assert.True(t, found, "crisis escalation routed: %+v", r.CareRouted)
	})

	t.Run("a declared crisis holds discipline and contest placings as a questionnaire crisis does", func(t *testing.T) {
		var held bool
		for _, l := range r.Incentives.Statement.Lines {
			if l.Agent == "south-11" && l.Kind == incentives.KindHold {
				held = true
				assert.Contains(t, because(l.Reasons), "wellbeing hold")
			}
		}
		assert.True(t, held, "south-11's placing is held while the declared crisis is in force")
		text := shippedReport(t, r)
		assert.NotContains(t, text, "spoke of not wanting", "why a crisis was declared never reaches the manager's report")
		assert.NotContains(t, text, "counselor.liu", "nor who declared it")
	})

	t.Run("QA sends two calls to discipline: the exposed customer information and the rude call", func(t *testing.T) {
		var got []string
		for _, f := range r.QA.Findings {
			got = append(got, f.Evaluation+" "+f.Violation.Kind)
		}
		assert.Equal(t, []string{"ev-east-07-3 customer_data_exposure", "ev-east-09-1 service_misconduct"}, got)
	})

	t.Run("customer information exposed on a call, found by QA, fails the call, becomes a violation and revokes access", func(t *testing.T) {
		f := findingOf(t, r, "east-07")
		assert.Equal(t, "ev-east-07-3", f.Evaluation)
		assert.Equal(t, []string{"protect_customer_information"}, f.Items)
		assert.Equal(t, incentives.QAViolationID(f.Evaluation, "customer_data_exposure"), f.Violation.ID, "the evaluation is the evidence")
		assert.Empty(t, r.QA.HeldFindings)
		var step incentives.Step
		for _, l := range r.Incentives.Statement.Lines {
			if l.Agent == "east-07" && l.Kind == incentives.KindPenalty && l.Step != "" {
				step = l.Step
			}
		}
		assert.Equal(t, incentives.WrittenWarning, step, "serious, two steps up from none: a QA checkbox does not establish the malice a dismissal needs")
		var revoked []string
		for _, pa := range r.Incentives.Statement.Protective {
			revoked = append(revoked, pa.Agent+" "+pa.Action)
		}
		assert.Equal(t, []string{"east-04 revoke_customer_data_access", "east-07 revoke_customer_data_access"}, revoked, "at once, for the leak and for the exposure")
	})

	t.Run("a rude, shouting call fails whatever the rest of it, and becomes a serious violation and a written warning", func(t *testing.T) {
		var ev *qa.Evaluation
		for i := range c.Evaluations {
			if c.Evaluations[i].ID == "ev-east-09-1" {
				ev = &c.Evaluations[i]
			}
		}
		require.NotNil(t, ev, "the shipped data has east-09's rude call")
		assert.True(t, time.Date(2026, 10, 5, 14, 0, 0, 0, cst).Equal(ev.At), "on %v", ev.At)
		card, ok := DefaultPolicies().QA.Scorecard(ev.Scorecard)
		require.True(t, ok)
		res, err := card.Score(*ev)
		require.NoError(t, err)
		assert.False(t, res.Passed, "the service standard fails a rude call outright (score %.1f)", res.Score)
		assert.Equal(t, []string{"no_rudeness"}, res.CriticalFailed)

		f := findingOf(t, r, "east-09")
		assert.Equal(t, []string{"no_rudeness"}, f.Items)
		assert.Equal(t, incentives.Violation{ID: incentives.QAViolationID("ev-east-09-1", "service_misconduct"), Kind: "service_misconduct", At: ev.At}, f.Violation)

		text := shippedReport(t, r)
		got := lines(text)
		for _, want := range []string{
			"   Sent to discipline: ev-east-09-1 by east-09 failed no_rudeness: service_misconduct",
			"     east-09      written_warning  a behaviour the service standard forbids toward a customer, as QA found on 2026-10-05: serious, two steps up from no step in the last 12 months",
		} {
			assert.True(t, got[want], "missing line %q", want)
		}
		for _, pa := range r.Incentives.Statement.Protective {
			assert.NotEqual(t, "east-09", pa.Agent, "rudeness puts no customer data at risk")
		}
	})

	t.Run("every team owes its weekly meeting; the teams that meet every day, not east on shifts, their morning meetings, longer on Mondays", func(t *testing.T) {
		assert.Equal(t, []string{"east"}, c.ShiftTeams)
		want := map[string][2]int{"morning_meeting": {2 * 31, 2 * 4}, "weekly_meeting": {3 * 5, 0}}
		require.Len(t, r.Coaching.Meetings, len(want))
		for _, mt := range r.Coaching.Meetings {
			assert.Equal(t, want[mt.Meeting], [2]int{mt.Count, mt.Longer}, mt.Meeting)
			assert.NotEmpty(t, mt.Topics)
		}
	})

	t.Run("Monday lows and the days after a loss are found in north-03's check-ins", func(t *testing.T) {
		var keys []string
		for _, cy := range r.Cycles {
			if cy.Agent == "north-03" {
				keys = append(keys, string(cy.Finding.Pattern)+":"+cy.Finding.Key)
			}
		}
		assert.Contains(t, keys, "weekday:monday")
		assert.Contains(t, keys, "event:personal_loss")
		for _, cy := range r.Cycles {
			if cy.Finding.Key == "monday" {
				assert.Equal(t, "extend_morning_meeting", cy.Action.Code)
			}
		}
	})

	t.Run("team alarms: south keeps missing, east was reorganized twice", func(t *testing.T) {
		alarms := map[string][]string{}
		for _, tc := range r.Climate {
			for _, rs := range tc.Climate.Reasons {
				alarms[tc.Team] = append(alarms[tc.Team], rs.Rule)
			}
			assert.Equal(t, tc.Climate.Alarm, len(tc.Climate.Actions) > 0, tc.Team)
		}
		assert.Contains(t, strings.Join(alarms["south"], " "), "missed_targets")
		assert.Contains(t, strings.Join(alarms["east"], " "), "repeated_change")
	})

	t.Run("calibration flags the evaluator who scored far below the expert", func(t *testing.T) {
		require.NotNil(t, r.QA.Calibration)
		assert.Equal(t, []string{"qa.south"}, r.QA.Calibration.Flagged)
	})

	t.Run("one dispute decided and re-scored, one open and held out of pay", func(t *testing.T) {
		require.Len(t, r.QA.Disputes, 2)
		decided, open := r.QA.Disputes[0], r.QA.Disputes[1]
		assert.False(t, decided.Held())
		assert.Len(t, decided.Versions, 2)
		assert.Greater(t, decided.Current().Score, decided.Versions[0].Score)
		assert.True(t, open.Held())
		heldMultiplier := false
		for _, l := range r.Incentives.Statement.Lines {
			for _, rs := range l.Reasons {
				if l.Agent == "east-16" && strings.HasPrefix(rs.Rule, "rewards.qa_multiplier") {
					assert.Equal(t, callfloor.Held, rs.Outcome, "QA figures under dispute are held out of pay")
					heldMultiplier = true
				}
			}
		}
		assert.True(t, heldMultiplier, "the disputed agent's QA multiplier is stated, and held")
	})

	t.Run("the stable excellent performer who dropped gets a care talk", func(t *testing.T) {
		assert.Contains(t, r.QA.CareSignals, "north-07")
	})

	t.Run("an issue with no feedback is a silence risk", func(t *testing.T) {
		assert.GreaterOrEqual(t, r.Coaching.Silence, 1)
		var silent []coaching.Reminder
		for _, d := range r.Coaching.Due {
			if d.SilenceRisk {
				silent = append(silent, d)
			}
		}
		require.NotEmpty(t, silent)
		assert.Equal(t, r.Coaching.Silence, len(silent))
	})

	t.Run("the resignation gets its exit interview and a retention attempt", func(t *testing.T) {
		assert.Equal(t, len(c.Events.Resignations), r.Coaching.Opened[coaching.ExitInterview], "every resignation, an exit interview")
		require.Len(t, r.Coaching.Retention, len(c.Events.Resignations))
		var story *coaching.RetentionDecision
		for i := range r.Coaching.Retention {
			if r.Coaching.Retention[i].Subject == "south-02" {
				story = &r.Coaching.Retention[i]
			}
		}
		require.NotNil(t, story)
		assert.True(t, story.Attempt, "a good agent who resigns over the workload is worth keeping")
	})

	t.Run("discipline: a leak is dismissal, repeated lateness a written warning, the agent in crisis is held", func(t *testing.T) {
		steps := map[string]incentives.Step{}
		held := map[string]bool{}
		for _, l := range r.Incentives.Statement.Lines {
			if l.Kind == incentives.KindPenalty && l.Step != "" {
				assert.NotContains(t, steps, l.Agent, "one step each: %s", l.Rule())
				steps[l.Agent] = l.Step
			}
			if l.Kind == incentives.KindHold && l.Step != "" {
				held[l.Agent] = true
			}
		}
		assert.Equal(t, incentives.Dismissal, steps["east-04"])
		assert.Equal(t, incentives.WrittenWarning, steps["south-15"])
		assert.Equal(t, incentives.WrittenWarning, steps["east-07"])
		assert.Equal(t, incentives.WrittenWarning, steps["east-09"])
		assert.NotContains(t, steps, "north-12")
		assert.True(t, held["north-12"])
	})

	t.Run("the statement adds up", func(t *testing.T) {
		st := r.Incentives.Statement
		var net int64
		for _, team := range st.Teams {
			net += team.Net
		}
		assert.Equal(t, st.Center.Net, net)
		require.NotEmpty(t, st.Contests)
		assert.Len(t, st.Contests[0].Table, 3)
		assert.NotEmpty(t, st.Public)
	})
}

// findingOf is the one QA finding sent to discipline for agent.
func findingOf(t *testing.T, r *Report, agent string) incentives.QAViolation {
	t.Helper()
	var found []incentives.QAViolation
	for _, f := range r.QA.Findings {
		if f.Agent == agent {
			found = append(found, f)
		}
	}
	require.Len(t, found, 1, "%s's findings", agent)
	return found[0]
}

// Nothing of an agent's screenings may reach the manager's report: no
// instrument, total, band or tier.
func TestReportKeepsWellbeingConfidential(t *testing.T) {
	c, r := shipped(t)
	var text bytes.Buffer
	Render(&text, r, 0)
	js, err := json.Marshal(r)
	require.NoError(t, err)
	for name, out := range map[string]string{"text": text.String(), "json": string(js)} {
		lower := strings.ToLower(out)
		for _, forbidden := range []string{"phq", "gad-7", "gad7", "who-5", "who5", "k10", "cbi", "moderately severe", "likely depression", "poor wellbeing", "\"tier\"", "\"total\"", "\"instrument\"", "\"band\"", "burnout", "self-harm"} {
			if strings.Contains(lower, forbidden) {
				t.Errorf("the %s report contains %q", name, forbidden)
			}
		}
	}
	require.NotEmpty(t, c.Screenings)
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, err := Generate(137, 7)
	require.NoError(t, err)
	b, err := Generate(137, 7)
	require.NoError(t, err)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	assert.Equal(t, ja, jb)
	d, err := Generate(137, 8)
	require.NoError(t, err)
	jd, _ := json.Marshal(d)
	assert.NotEqual(t, ja, jd, "another seed, another center")

	ra, err := Run(a, DefaultPolicies(), Options{})
	require.NoError(t, err)
	rb, err := Run(b, DefaultPolicies(), Options{})
	require.NoError(t, err)
	var ta, tb bytes.Buffer
	Render(&ta, ra, 0)
	Render(&tb, rb, 0)
	assert.Equal(t, ta.String(), tb.String(), "same data, same report, byte for byte")
}

func TestOneAgent(t *testing.T) {
	c, err := Generate(1, 1)
	require.NoError(t, err)
	r, err := Run(c, DefaultPolicies(), Options{})
	require.NoError(t, err)
	assert.Equal(t, 1, r.Agents)
	require.Len(t, r.Climate, 1)
	assert.Nil(t, r.Climate[0].Climate.AtRisk, "a team of one is never shown as a figure")
	_, err = Generate(0, 1)
	assert.EqualError(t, err, "a center needs at least one agent, not 0")
}

func TestWriteAndLoadRoundTrip(t *testing.T) {
	c, err := Generate(45, 3)
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, WriteCenter(c, dir))
	back, err := LoadCenter(dir)
	require.NoError(t, err)
	ja, _ := json.Marshal(c)
	jb, _ := json.Marshal(back)
	assert.JSONEq(t, string(ja), string(jb))
	assert.True(t, reflect.DeepEqual(c.teams, back.teams))
}

func TestLoadRefusesBadData(t *testing.T) {
	c, err := Generate(3, 3)
	require.NoError(t, err)
	dir := t.TempDir()
	c.KPIs[0].Agent = "nobody"
	require.NoError(t, WriteCenter(c, dir))
	_, err = LoadCenter(dir)
	assert.EqualError(t, err, `kpis[0]: unknown agent "nobody"`)

	_, err = LoadCenter(filepath.Join(dir, "missing"))
	assert.ErrorContains(t, err, "agents.csv")
}

func BenchmarkMonth10000(b *testing.B) {
	c, err := Generate(10000, 2026)
	if err != nil {
		b.Fatal(err)
	}
	pol := DefaultPolicies()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Run(c, pol, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGenerate10000(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Generate(10000, 2026); err != nil {
			b.Fatal(err)
		}
	}
}

// One compiled policy of each package serves many goroutines at once; run
// with -race, this shows they share nothing mutable.
func TestPoliciesServeManyGoroutines(t *testing.T) {
	c, err := LoadCenter("data")
	require.NoError(t, err)
	pol := DefaultPolicies()
	want, err := Run(c, pol, Options{})
	require.NoError(t, err)
	wantJSON, err := json.Marshal(want)
	require.NoError(t, err)

	const workers = 8
	got := make([][]byte, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r, err := Run(c, pol, Options{})
			if err != nil {
				errs[w] = err
				return
			}
			got[w], errs[w] = json.Marshal(r)
		}(w)
	}
	wg.Wait()
	for w := 0; w < workers; w++ {
		require.NoError(t, errs[w])
		assert.Equal(t, string(wantJSON), string(got[w]), "worker %d", w)
	}
}

// The incentives guardrail reads the whole month: a crisis answer given on
// the month's first day, or two days before it, has run out of its window
// by the month's end, so the month-end triage is no longer in crisis, yet
// the shift the agent missed on the 28th was missed while the crisis was
// in force and its penalty is still held.
func TestCareHoldCoversTheWholeMonth(t *testing.T) {
	for _, answered := range []time.Time{
		monthStart.Add(9 * time.Hour),
		monthStart.Add(-2*24*time.Hour + 9*time.Hour),
	} {
		t.Run(answered.Format(time.DateTime), func(t *testing.T) {
			c, err := LoadCenter("data")
			require.NoError(t, err)
			moved := false
			for i := range c.Screenings {
				s := &c.Screenings[i]
				if s.Agent == "north-12" && s.Instrument == "phq9" {
					s.At = answered
					moved = true
				}
			}
			require.True(t, moved, "the shipped data has north-12's PHQ-9 with its crisis answer")
			r, err := Run(c, DefaultPolicies(), Options{})
			require.NoError(t, err)

			held, penalized := false, false
			for _, l := range r.Incentives.Statement.Lines {
				if l.Agent != "north-12" {
					continue
				}
				switch {
				case l.Kind == incentives.KindHold && l.Rule() == "discipline.kinds.missed_shift.fine":
					held = true
				case l.Kind == incentives.KindPenalty:
					penalized = true
				}
			}
			for _, ra := range r.CareRouted {
				if ra.Owner == "crisis_owner" && ra.Code == "crisis_escalation" {
					assert.Equal(t, 1, ra.Count, "the precondition: north-12's crisis answer has run out of its window by the month's end; only south-11's declared crisis is in force")
				}
			}
			assert.True(t, held, "the fine for the shift missed while the crisis was in force is held")
			assert.False(t, penalized, "no penalty reaches an agent who was in crisis in the month")
		})
	}
}

// The report does not depend on how many teams are worked on at once:
// one worker and many give the same JSON and the same text, byte for
// byte, whether every agent is listed or a few.
func TestWorkersGiveTheSameReport(t *testing.T) {
	c, err := Generate(1500, 11)
	require.NoError(t, err)
	pol := DefaultPolicies()
	for _, detail := range []int{0, 3} {
		var want []byte
		for _, workers := range []int{1, 2, 7} {
			r, err := Run(c, pol, Options{Detail: detail, Workers: workers})
			require.NoError(t, err)
			var buf bytes.Buffer
			require.NoError(t, json.NewEncoder(&buf).Encode(r))
			Render(&buf, r, detail)
			if want == nil {
				want = buf.Bytes()
				continue
			}
			assert.True(t, bytes.Equal(want, buf.Bytes()), "detail %d: %d workers differ from one", detail, workers)
		}
	}
}

// A report that keeps only the first agents of each team renders exactly
// as the full report rendered with the same bound: Run keeps what Render
// would show and counts what it would leave out.
func TestBoundedReportRendersAsTheFull(t *testing.T) {
	shippedCenter, err := LoadCenter("data")
	require.NoError(t, err)
	generated, err := Generate(700, 5)
	require.NoError(t, err)
	pol := DefaultPolicies()
	for name, c := range map[string]*Center{"shipped": shippedCenter, "generated": generated} {
		full, err := Run(c, pol, Options{})
		require.NoError(t, err)
		for _, detail := range []int{1, 2, 5, 1000} {
			bounded, err := Run(c, pol, Options{Detail: detail})
			require.NoError(t, err)
			var want, got bytes.Buffer
			Render(&want, full, detail)
			Render(&got, bounded, detail)
			assert.Equal(t, want.String(), got.String(), "%s, detail %d", name, detail)
		}
	}
}

// What a bounded report leaves out, it counts; the counts add up to the
// full report's lists.
func TestBoundedReportCountsWhatItOmits(t *testing.T) {
	c, err := Generate(400, 9)
	require.NoError(t, err)
	pol := DefaultPolicies()
	full, err := Run(c, pol, Options{})
	require.NoError(t, err)
	assert.Equal(t, Omitted{}, full.Omitted, "a full report omits nothing")
	b, err := Run(c, pol, Options{Detail: 1})
	require.NoError(t, err)
	owed := func(r *Report) (n int) {
		for _, tc := range r.Climate {
			n += len(tc.LeadOwes)
		}
		return n
	}
	assert.Equal(t, owed(full), owed(b)+b.Omitted.LeadOwes)
	assert.Equal(t, len(full.Cycles), len(b.Cycles)+b.Omitted.Cycles)
	assert.Equal(t, len(full.QA.Feedback), len(b.QA.Feedback)+b.Omitted.Feedback)
	assert.Equal(t, len(full.Coaching.Urgent), len(b.Coaching.Urgent)+b.Omitted.Urgent)
	assert.Equal(t, len(full.Coaching.Pairings.Pairs), len(b.Coaching.Pairings.Pairs)+b.Omitted.Pairs)
	assert.Equal(t, len(full.Incentives.Statement.Agents), len(b.Incentives.Statement.Agents)+b.Omitted.Agents)
	assert.Equal(t, full.Coaching.Owed, len(full.Coaching.Due), "a full report keeps every step owed")
	assert.Empty(t, b.Coaching.Due, "a bounded report counts the steps owed and keeps the urgent ones")
	assert.Equal(t, full.Coaching.Owed, b.Coaching.Owed)
	assert.Equal(t, full.Incentives.HoldLines, b.Incentives.HoldLines)
	assert.Equal(t, full.Incentives.PrivateItems, b.Incentives.PrivateItems)
	assert.Equal(t, full.Incentives.Statement.Center, b.Incentives.Statement.Center)
	assert.Positive(t, b.Omitted.LeadOwes+b.Omitted.Feedback+b.Omitted.Agents, "the bound left something out")
}

func TestRunRefusesNegativeDetail(t *testing.T) {
	c, err := Generate(2, 1)
	require.NoError(t, err)
	_, err = Run(c, DefaultPolicies(), Options{Detail: -1})
	assert.EqualError(t, err, "detail must be 0 (every agent) or more, not -1")
}

// The month runs team by team, so a record naming an agent who is in no
// team is refused when the center is loaded, rather than dropped.
func TestLoadRefusesRecordsOfUnknownAgents(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spoil func(c *Center)
		want  string
	}{
		{"qa history", func(c *Center) { c.QAHistory[0].Agent = "nobody" }, `qa_history[0]: unknown agent "nobody"`},
		{"complaint", func(c *Center) {
			c.Events.ComplaintsLogs = append(c.Events.ComplaintsLogs, qa.Complaint{Agent: "nobody", At: asOf})
		}, `events.complaints[` + "%d" + `]: unknown agent "nobody"`},
		{"issue", func(c *Center) { c.Events.Issues[0].Agent = "nobody" }, `events.issues[0]: unknown agent "nobody"`},
		{"resignation", func(c *Center) { c.Events.Resignations[0].Agent = "nobody" }, `events.resignations[0]: unknown agent "nobody"`},
		{"violation", func(c *Center) { c.Events.Violations[0].Agent = "nobody" }, `events.violations[0]: unknown agent "nobody"`},
		{"discipline step", func(c *Center) { c.Events.Discipline[0].Agent = "nobody" }, `events.discipline[0]: unknown agent "nobody"`},
		{"life event", func(c *Center) { c.Events.LifeEvents[0].Agent = "nobody" }, `events.life_events[0]: unknown agent "nobody"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := LoadCenter("data")
			require.NoError(t, err)
			tc.spoil(c)
			want := tc.want
			if strings.Contains(want, "%d") {
				want = fmt.Sprintf(want, len(c.Events.ComplaintsLogs)-1)
			}
			dir := t.TempDir()
			require.NoError(t, WriteCenter(c, dir))
			_, err = LoadCenter(dir)
			assert.EqualError(t, err, want)
		})
	}
}

// Which teams work shifts is read from teams.csv; a center without the
// file has no team on shifts, and a row that names no team of the agents,
// repeats one, or says neither yes nor no is refused.
func TestLoadTeamsOnShifts(t *testing.T) {
	for _, tc := range []struct {
		name  string
		teams string // teams.csv; "" removes it
		want  string // the error, or the shift teams as "a b"
	}{
		{"no file: every team meets daily", "", ""},
		{"as shipped", "team,shifts\nnorth,no\nsouth,no\neast,yes\n", "east"},
		{"teams left out meet daily", "team,shifts\nsouth,yes\n", "south"},
		{"two teams", "team,shifts\nnorth,yes\neast,yes\n", "north east"},
		{"only the header", "team,shifts\n", ""},
		{"a team no agent is in", "team,shifts\nwest,yes\n", `shift_teams[0]: unknown team "west"`},
		{"a team twice", "team,shifts\neast,yes\neast,yes\n", `shift_teams[1]: duplicate team "east"`},
		{"neither yes nor no", "team,shifts\neast,true\n", `teams.csv line 2: shifts must be yes or no, not "true"`},
		{"an empty answer", "team,shifts\neast,\n", `teams.csv line 2: shifts must be yes or no, not ""`},
		{"the wrong header", "team,shift\neast,yes\n", `teams.csv: header is "team,shift", want "team,shifts"`},
		{"a missing field", "team,shifts\neast\n", "teams.csv: record on line 2: wrong number of fields"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := LoadCenter("data")
			require.NoError(t, err)
			dir := t.TempDir()
			require.NoError(t, WriteCenter(c, dir))
			path := filepath.Join(dir, teamsFile)
			if tc.teams == "" {
				require.NoError(t, os.Remove(path))
			} else {
				require.NoError(t, os.WriteFile(path, []byte(tc.teams), 0o644))
			}
			back, err := LoadCenter(dir)
			if strings.Contains(tc.want, ":") {
				assert.EqualError(t, err, tc.want)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, strings.Join(back.ShiftTeams, " "))
		})
	}
}

func TestIndexByAgent(t *testing.T) {
	owners := []int{2, 0, 2, 2, 0}
	b := indexByAgent(4, len(owners), func(i int) int { return owners[i] })
	assert.Equal(t, []int32{1, 4}, b.of(0))
	assert.Empty(t, b.of(1))
	assert.Equal(t, []int32{0, 2, 3}, b.of(2), "each agent's records in their order")
	assert.Empty(t, b.of(3))
	empty := indexByAgent(3, 0, nil)
	assert.Empty(t, empty.of(0))
	assert.Empty(t, empty.of(2))
}

// shippedReport is the text report of r, every agent listed.
func shippedReport(t *testing.T, r *Report) string {
	t.Helper()
	var buf bytes.Buffer
	Render(&buf, r, 0)
	return buf.String()
}

// A finding made late in the month can still be disputed as the month
// ends: it is held from discipline, and its violation waits for the window
// to pass.
func TestFindingInItsDisputeWindowIsHeld(t *testing.T) {
	c, err := LoadCenter("data")
	require.NoError(t, err)
	moved := false
	for i := range c.Evaluations {
		ev := &c.Evaluations[i]
		if ev.ID == "ev-east-07-3" {
			ev.At = asOf.Add(-3 * 24 * time.Hour)
			moved = true
		}
	}
	require.True(t, moved, "the shipped data has east-07's call with the exposed customer information")
	r, err := Run(c, DefaultPolicies(), Options{})
	require.NoError(t, err)
	var sent []string
	for _, f := range r.QA.Findings {
		sent = append(sent, f.Evaluation)
	}
	assert.Equal(t, []string{"ev-east-09-1"}, sent, "only the rude call, long past its window, is sent")
	require.Len(t, r.QA.HeldFindings, 1)
	assert.Equal(t, "ev-east-07-3", r.QA.HeldFindings[0].Evaluation)
	assert.Contains(t, shippedReport(t, r), "Held from discipline while it may still be disputed: ev-east-07-3 by east-07")
	for _, l := range r.Incentives.Statement.Lines {
		assert.False(t, l.Agent == "east-07" && l.Kind == incentives.KindPenalty, "no sanction before the agent could dispute: %s", l.Rule())
	}
}

// smallCard is an inbound card of three items where the default has many:
// a card that changes as much as a card can.
const smallCard = `kind: qa
version: "small"
scorecards:
  - id: inbound_service
    name: Inbound service, three items
    version: "1"
    pass_mark: 80
    weights_total: 100
    sections:
      - id: call
        name: The call
        weight: 100
        items:
          - id: standard_greeting
            text: Standard greeting
            type: yes_no
            good: You greeted the caller.
            fix: Greet the caller.
          - id: hold_permission
            text: Asked before a hold
            type: yes_no
            allow_na: true
            good: You asked first.
            fix: Ask before a hold.
          - id: voice
            text: Pleasant voice
            type: scale
            scale: {min: 1, max: 5}
            good: Your voice was pleasant.
            fix: Slow down.
`

// A QA card that gains or loses items moves the evaluations' answers and
// what follows from them (which item a dispute names), and nothing else:
// every evaluation keeps its id, time and evaluator, and the check-ins,
// screenings, KPIs, events and the stories planted in them stay put.
func TestCardChangeMovesOnlyTheAnswers(t *testing.T) {
	def, ok := qa.DefaultPolicy().Scorecard("inbound_service")
	require.True(t, ok)
	pol, err := qa.ParsePolicy([]byte(smallCard))
	require.NoError(t, err)
	small, ok := pol.Scorecard("inbound_service")
	require.True(t, ok)
	require.Less(t, len(small.Items()), len(def.Items()))

	withoutAnswers := func(c *Center) map[string]any {
		for i := range c.Evaluations {
			c.Evaluations[i].Answers = nil
		}
		for i := range c.Events.Calibration.Evaluations {
			c.Events.Calibration.Evaluations[i].Answers = nil
		}
		for i := range c.Events.Disputes {
			d := &c.Events.Disputes[i]
			d.Raise.Items = nil
			if d.Decide != nil {
				d.Decide.Items = nil
			}
		}
		return map[string]any{
			"agents": c.Agents, "kpis": c.KPIs, "screenings": c.Screenings, "check_ins": c.CheckIns,
			"observations": c.Observations, "evaluations": c.Evaluations, "qa_history": c.QAHistory, "events": c.Events,
		}
	}
	for _, n := range []int{60, 137} {
		a, err := generate(n, 2026, def)
		require.NoError(t, err)
		b, err := generate(n, 2026, small)
		require.NoError(t, err)
		require.Len(t, b.Evaluations, len(a.Evaluations))
		assert.NotEqual(t, a.Evaluations[0].Answers, b.Evaluations[0].Answers, "the precondition: the cards differ")
		pa, pb := withoutAnswers(a), withoutAnswers(b)
		for _, part := range slices.Sorted(maps.Keys(pa)) {
			ja, err := json.Marshal(pa[part])
			require.NoError(t, err)
			jb, err := json.Marshal(pb[part])
			require.NoError(t, err)
			assert.True(t, bytes.Equal(ja, jb), "%d agents: the %s moved with the card", n, part)
		}
	}
}

// No teams.csv panics the loader, and whatever it accepts names teams
// of the agents, each once.
func FuzzLoadTeams(f *testing.F) {
	for _, seed := range []string{
		"team,shifts\nnorth,no\nsouth,no\neast,yes\n", "team,shifts\n", "", "team,shifts\neast\n",
		"team,shifts\n\"east\",\"yes\"\n", "team,shifts\r\nnorth,yes\r\n", "team,shifts\nnorth,yes,no\n", "\xff,\x00\n",
	} {
		f.Add(seed)
	}
	c, err := Generate(45, 3)
	if err != nil {
		f.Fatal(err)
	}
	dir := f.TempDir()
	if err := WriteCenter(c, dir); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, teams string) {
		if err := os.WriteFile(filepath.Join(dir, teamsFile), []byte(teams), 0o644); err != nil {
			t.Fatal(err)
		}
		back, err := LoadCenter(dir)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, team := range back.ShiftTeams {
			if _, ok := back.byTeam[team]; !ok || seen[team] {
				t.Fatalf("accepted shift teams %q", back.ShiftTeams)
			}
			seen[team] = true
		}
	})
}
