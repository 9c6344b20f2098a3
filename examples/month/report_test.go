package main

import (
	"bytes"
	"io"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/qa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func shippedText(t *testing.T, detail int) string {
	t.Helper()
	_, r := shipped(t)
	var buf bytes.Buffer
	Render(&buf, r, detail)
	return buf.String()
}

func lines(text string) map[string]bool {
	out := map[string]bool{}
	for _, l := range strings.Split(text, "\n") {
		out[l] = true
	}
	return out
}

// Every overdue step names whose case it is, what is owed and by whom,
// and how late; the silence risk is said once.
func TestReportOverdueLinesNameTheAgent(t *testing.T) {
	text := shippedText(t, 0)
	got := lines(text)
	for _, want := range []string{
		`   As of Sat Oct 31 18:00: 32 steps owed, 4 overdue, 1 silence risk`,
		`     north-17     overdue      exit_interview: step "hold the exit interview" is overdue; the supervisor owes it (due Mon Oct 5 17:00, 26 days late)`,
		`     south-02     overdue      exit_interview: step "hold the exit interview" is overdue; the supervisor owes it (due Fri Oct 23 17:00, 8 days late)`,
		`     south-09     overdue      employee_issue: step "analyze the problem together" is overdue; the team_lead owes it (due Tue Oct 13 16:00, 18 days late)`,
		`     south-09     SILENCE RISK employee_issue: the employee has had no feedback past the deadline of step "follow up and give feedback"; unanswered issues teach everyone to stop speaking up (due Thu Oct 22 11:00, 9 days late)`,
	} {
		assert.True(t, got[want], "missing line %q", want)
	}
	assert.NotContains(t, text, "silence risk(s)")
	assert.Equal(t, 1, strings.Count(text, "speaking up"), "the silence risk is explained once")
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, " is overdue; ") {
			assert.Regexp(t, `^     (north|south|east)-\d\d `, l, "an overdue line starts with the agent")
		}
	}
}

// Counts the report writes itself take the singular for one.
func TestReportPlurals(t *testing.T) {
	text := shippedText(t, 0)
	got := lines(text)
	for _, want := range []string{
		"     north-05     month mean  92.8 over 8 evaluations; latest: 5 strengths, 1 correction",
		"     north-01     month mean 100.0 over 8 evaluations; latest: 5 strengths, 0 corrections",
		"   One helps one: 2 new hires, each paired with a veteran",
		"   north      20 agents  latest check-in mean 4.0 of 5  at mild or worse or on watch: 4 (20%)",
	} {
		assert.True(t, got[want], "missing line %q", want)
	}
	// The report's own nouns after a 1 (the packages' sentences, such as
	// "1 customer compliments", are theirs and are checked there).
	own := regexp.MustCompile(`(^|[ (])1 (corrections|strengths|evaluations|agents|teams|cases|steps owed|silence risks|new hires|items|lines|points|check-ins|days|hours|minutes)\b`)
	for _, l := range strings.Split(text, "\n") {
		assert.NotRegexp(t, own, l)
	}

	for _, tc := range []struct {
		n    int64
		want string
	}{
		{0, "0 corrections"},
		{1, "1 correction"},
		{2, "2 corrections"},
		{-1, "-1 corrections"},
		{999, "999 corrections"},
		{1000, "1,000 corrections"},
		{1234567, "1,234,567 corrections"},
	} {
		assert.Equal(t, tc.want, count64(tc.n, "correction", "corrections"))
	}
}

// Teams come in the order of the agents file in every section, and agents
// by id within a team.
func TestReportOneTeamOrder(t *testing.T) {
	_, r := shipped(t)
	require.Equal(t, []string{"north", "south", "east"}, r.Teams)
	var buf bytes.Buffer
	Render(&buf, r, 0)
	rank := map[string]int{"north": 0, "south": 1, "east": 2}
	team := regexp.MustCompile(`\b(north|south|east)\b`)
	agentLine := regexp.MustCompile(`^ {5}(?:team )?(north|south|east)(-\d\d)?\b`)
	sections := regexp.MustCompile(`\n\d\. `).Split(buf.String(), -1)
	require.Len(t, sections, 5)
	for i, sec := range sections[1:] {
		var first []string
		seen := map[string]bool{}
		for _, m := range team.FindAllString(sec, -1) {
			if !seen[m] {
				seen[m] = true
				first = append(first, m)
			}
		}
		assert.Equal(t, []string{"north", "south", "east"}, first, "section %d", i+1)

		// Within each list, an agent's line never comes after a later
		// team's, and never before an agent of the same team with a
		// smaller id.
		last, lastAgent, lastKind := -1, "", ""
		ranking := false // rankings keep their rank order
		for _, l := range strings.Split(sec, "\n") {
			m := agentLine.FindStringSubmatch(l)
			if m == nil {
				if !strings.HasPrefix(l, "     ") {
					last, lastAgent, lastKind = -1, "", ""
					ranking = strings.Contains(l, "Fastest improvers") || strings.Contains(l, "League table")
				}
				continue
			}
			if ranking {
				continue
			}
			// Team lines and agent lines are lists of their own.
			kind := "team"
			if m[2] != "" {
				kind = "agent"
			}
			if kind != lastKind {
				last, lastAgent, lastKind = -1, "", kind
			}
			rk, agent := rank[m[1]], m[1]+m[2]
			assert.GreaterOrEqual(t, rk, last, "section %d: %q after a later team", i+1, l)
			if rk == last && kind == "agent" && !strings.Contains(l, " helps ") {
				assert.GreaterOrEqual(t, agent, lastAgent, "section %d: %q", i+1, l)
			}
			last, lastAgent = rk, agent
		}
	}
}

// A team the report does not list comes after the listed ones, by id;
// agents keep to their team's place.
func TestRosterOrder(t *testing.T) {
	r := &Report{Teams: []string{"zeta", "alpha"}}
	r.Incentives.Statement.Agents = []incentives.AgentTotal{{Agent: "a-2", Team: "alpha"}, {Agent: "z-1", Team: "zeta"}}
	ro := newRoster(r)
	type item struct{ team, agent string }
	in := []item{{"omega", "o-1"}, {"alpha", "a-2"}, {"beta", "b-1"}, {"alpha", "a-1"}, {"zeta", "z-1"}, {"alpha", "a-1"}}
	key := func(x *item) (string, string) { return x.team, x.agent }
	ordered := []item{{"zeta", "z-1"}, {"alpha", "a-1"}, {"alpha", "a-1"}, {"alpha", "a-2"}, {"beta", "b-1"}, {"omega", "o-1"}}
	assert.Equal(t, ordered, inOrder(ro, in, key))
	assert.Equal(t, []item{{"omega", "o-1"}, {"alpha", "a-2"}, {"beta", "b-1"}, {"alpha", "a-1"}, {"zeta", "z-1"}, {"alpha", "a-1"}}, in, "the input is not reordered")

	for _, tc := range []struct {
		detail int
		shown  []item
		hidden int
	}{
		{0, ordered, 0},
		{1, []item{{"zeta", "z-1"}, {"alpha", "a-1"}, {"alpha", "a-1"}, {"beta", "b-1"}, {"omega", "o-1"}}, 1},
		{2, ordered, 0},
	} {
		shown, hidden := listed(ro, in, tc.detail, key)
		assert.Equal(t, tc.shown, shown, "detail %d", tc.detail)
		assert.Equal(t, tc.hidden, hidden, "detail %d", tc.detail)
	}
	shown, hidden := listed(ro, []item(nil), 3, key)
	assert.Empty(t, shown)
	assert.Zero(t, hidden)
}

// A line that moves no money shows no money: points as points, a step as
// the step, a grade as the grade.
func TestLineEffect(t *testing.T) {
	money := func(v int64) string { return formatMoney(v, 2) }
	for _, tc := range []struct {
		why  string
		line incentives.Line
		want string
	}{
		{"points only, the reported 0.00", incentives.Line{Kind: incentives.KindAward, Points: 12}, "12 points"},
		{"one point", incentives.Line{Kind: incentives.KindAward, Points: 1}, "1 point"},
		{"money and points", incentives.Line{Kind: incentives.KindAward, Amount: 24000, Points: 20}, "240.00 + 20 points"},
		{"money", incentives.Line{Kind: incentives.KindAward, Amount: 100000}, "1,000.00"},
		{"a fine", incentives.Line{Kind: incentives.KindPenalty, Amount: -8000}, "-80.00"},
		{"a step with no fine", incentives.Line{Kind: incentives.KindPenalty, Step: incentives.Dismissal}, "dismissal"},
		{"a grade change", incentives.Line{Kind: incentives.KindGrade, Grade: "senior"}, "-> senior"},
		{"a title alone", incentives.Line{Kind: incentives.KindAward, Title: "Bronze Service Star"}, "title"},
		{"a badge alone", incentives.Line{Kind: incentives.KindAward, Badge: "full_attendance"}, "badge"},
		{"nothing at all", incentives.Line{Kind: incentives.KindAward}, ""},
		{"held money", incentives.Line{Kind: incentives.KindHold, Held: 6000}, "held 60.00"},
		{"held points", incentives.Line{Kind: incentives.KindHold, Points: 8}, "held 8 points"},
		{"a held fine", incentives.Line{Kind: incentives.KindHold, Held: -10000}, "held -100.00"},
		{"a held step", incentives.Line{Kind: incentives.KindHold, Step: incentives.VerbalWarning}, "held verbal_warning"},
		{"a hold of nothing", incentives.Line{Kind: incentives.KindHold}, "held"},
	} {
		assert.Equal(t, tc.want, lineEffect(tc.line, money), tc.why)
	}

	text := shippedText(t, 0)
	zero := regexp.MustCompile(`^ {9}(award|hold|penalty|grade) +\S.*?\S +(held )?-?0\.00  `)
	for _, l := range strings.Split(text, "\n") {
		assert.NotRegexp(t, zero, l)
	}
	// Each line is shown by its rule's title, not its rule path.
	assert.Regexp(t, `(?m)^ {9}award {4}points: csat +12 points  points award: csat 4\.3 `, text)
	assert.Regexp(t, `(?m)^ {9}award {4}service_star bronze +\d+\.00 \+ 15 points  bronze of service_star: `, text)
	assert.Regexp(t, `(?m)^ {9}award {4}customer compliments +40\.00  2 customer compliments `, text)
	assert.Regexp(t, `(?m)^ {9}award {4}fastest improvers +330\.00 \+ 20 points  rank 3 of the fastest improvers: qa_improvement \+8\.03 over`, text)
	assert.Regexp(t, `(?m)^ {9}award {4}monthly_quality +30\.00  team north ranks 2 `, text)
	assert.Regexp(t, `(?m)^ {9}grade {4}senior +-> senior  meets every requirement`, text)
	assert.Regexp(t, `(?m)^ {9}penalty  customer_data_leak +dismissal  malicious leaking`, text)
	assert.Regexp(t, `(?m)^ {9}hold {5}points: csat +held 8 points  points award: csat 4\.2 .*; withheld: dismissed`, text)
	assert.NotContains(t, text, " rewards.points.")
	assert.Contains(t, text, "   Statement lines by agent (every agent):\n")
}

func TestFormatMoney(t *testing.T) {
	for _, tc := range []struct {
		v      int64
		digits int
		want   string
	}{
		{0, 2, "0.00"},
		{5, 2, "0.05"},
		{-8000, 2, "-80.00"},
		{99999, 2, "999.99"},
		{100000, 2, "1,000.00"},
		{1675200, 2, "16,752.00"},
		{1000, 0, "1,000"},
		{1234567, 3, "1,234.567"},
		{math.MinInt64, 2, "-92,233,720,368,547,758.08"},
		{math.MaxInt64, 0, "9,223,372,036,854,775,807"},
	} {
		assert.Equal(t, tc.want, formatMoney(tc.v, tc.digits), "%d with %d digits", tc.v, tc.digits)
	}
	assert.Equal(t, "-9,223,372,036,854,775,808", group(math.MinInt64))
}

func TestLateness(t *testing.T) {
	for _, tc := range []struct {
		late time.Duration
		want string
	}{
		{0, "under a minute"},
		{59 * time.Second, "under a minute"},
		{time.Minute, "1 minute"},
		{59 * time.Minute, "59 minutes"},
		{time.Hour, "1 hour"},
		{23*time.Hour + 59*time.Minute, "23 hours"},
		{24 * time.Hour, "1 day"},
		{49 * time.Hour, "2 days"},
	} {
		assert.Equal(t, tc.want, lateness(tc.late), "%v", tc.late)
	}
}

func TestPatternPhrase(t *testing.T) {
	assert.Equal(t, "on mondays", patternPhrase("weekday", "monday"))
	assert.Equal(t, "at month_end", patternPhrase("period", "month_end"))
	assert.Equal(t, "after personal_loss", patternPhrase("event", "personal_loss"))
	assert.Equal(t, "season winter", patternPhrase("season", "winter"))
}

// The fastest improvers' rise is the difference of the figures shown, so
// that the line adds up as read.
func TestReportImproverAddsUp(t *testing.T) {
	r := &Report{QA: QAReport{Improvers: []qa.Improver{{Agent: "a-1", From: 76.14, To: 85.56, Change: 9.42, NFrom: 6, NTo: 8}}}}
	var buf bytes.Buffer
	Render(&buf, r, 5)
	assert.Contains(t, buf.String(), "\n     a-1          76.1 -> 85.6 (+9.5; 6 evaluations before, 8 this month)\n")
}

// An empty report renders without a panic and says each list is empty.
func TestRenderEmptyReport(t *testing.T) {
	var buf bytes.Buffer
	Render(&buf, &Report{}, 0)
	text := buf.String()
	assert.Contains(t, text, "0 agents in 0 teams\n")
	assert.Contains(t, text, "     nothing owed\n")
	assert.Contains(t, text, "   0 cases: none opened\n")
	assert.Contains(t, text, "     none this month\n")
}

// A line whose amount is not the rule's own says why: the rule's reason,
// then the reason of each factor (the multiplier, a cap, the pool).
func TestReportShowsLineFactors(t *testing.T) {
	assert.Equal(t, "3 compliments; ×120% QA band", because([]callfloor.Reason{{Text: "3 compliments"}, {Text: "×120% QA band"}}))
	assert.Equal(t, "3 compliments", because([]callfloor.Reason{{Text: "3 compliments"}}))
	assert.Equal(t, "", because(nil))

	_, r := shipped(t)
	var buf bytes.Buffer
	Render(&buf, r, 0)
	text := buf.String()
	factors := 0
	pol := DefaultPolicies().Incentives
	for _, l := range r.Incentives.Statement.Lines {
		if len(l.Reasons) > 1 {
			factors++
			assert.Contains(t, text, " "+pol.RuleTitle(l.Rule())+" ", l.Agent)
			assert.Contains(t, text, "  "+because(l.Reasons)+"\n", "%s %s", l.Agent, l.Rule())
		}
	}
	assert.NotZero(t, factors, "the shipped month has amounts the QA multiplier changed")
}

// The calibration's deviations are those of the figures shown.
func TestReportCalibrationAddsUp(t *testing.T) {
	text := shippedText(t, 0)
	got := lines(text)
	for _, want := range []string{
		"   Calibration cal-2026-10: reference 96.7 (expert qa.lead); agreement alpha 0.38 nominal, 0.38 ordinal",
		"     qa.south    88.6   -8.1  outside tolerance: recalibrate",
		"     qa.east    100.0   +3.3",
	} {
		assert.True(t, got[want], "missing line %q", want)
	}
}

func BenchmarkRender10000(b *testing.B) {
	c, err := Generate(10000, 2026)
	if err != nil {
		b.Fatal(err)
	}
	r, err := Run(c, DefaultPolicies(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Render(io.Discard, r, 5)
	}
}

// Teams' recognitions are read out in the teams' order, however the
// contest ranked them; a team's several placings keep their order, and
// agents follow.
func TestReportRecognitionInTeamOrder(t *testing.T) {
	rec := func(team, agent, text string) incentives.Recognition {
		return incentives.Recognition{Team: team, Agent: agent, Reasons: []callfloor.Reason{{Text: text}}}
	}
	r := &Report{Teams: []string{"north", "south", "east"}}
	r.Incentives.Statement.Agents = []incentives.AgentTotal{{Agent: "north-01", Team: "north"}, {Agent: "east-01", Team: "east"}}
	r.Incentives.Statement.Public = []incentives.Recognition{
		rec("south", "", "Quality League: rank 1"),
		rec("east", "", "Quality League: rank 2"),
		rec("north", "", "Quality League: rank 3"),
		rec("south", "", "Service Cup: rank 1"),
		rec("east", "east-01", "Bronze Service Star"),
		rec("north", "north-01", "Silver Service Star"),
	}
	var buf bytes.Buffer
	Render(&buf, r, 0)
	_, after, ok := strings.Cut(buf.String(), "   Recognition, to read out in front of the team:\n")
	require.True(t, ok, buf.String())
	got := strings.Split(after, "\n")[:6]
	assert.Equal(t, []string{
		"     team north     Quality League: rank 3",
		"     team south     Quality League: rank 1",
		"     team south     Service Cup: rank 1",
		"     team east      Quality League: rank 2",
		"     north-01       Silver Service Star",
		"     east-01        Bronze Service Star",
	}, got)
}
