package coaching

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRetention(t *testing.T) {
	p := DefaultPolicy()
	for _, tc := range []struct {
		reason  string
		signals Signals
		attempt bool
		why     string
	}{
		{"a good performer past probation", Signals{"qa_avg": 91, "tenure_days": 400, "mood_crisis": 0}, true,
			"exit.retain_when (fired): a good performer past probation; try to keep them (qa_avg=91, mood_crisis=0, tenure_days=400)"},
		{"exactly on the bar", Signals{"qa_avg": 85, "tenure_days": 180, "mood_crisis": 0}, true,
			"exit.retain_when (fired): a good performer past probation; try to keep them (qa_avg=85, mood_crisis=0, tenure_days=180)"},
		{"just under the QA bar", Signals{"qa_avg": 84.9, "tenure_days": 400, "mood_crisis": 0}, false,
			`exit.retain_when (not_met): below the bar for keeping "qa_avg >= 85 && tenure_days >= 180 && mood_crisis == 0" (qa_avg=84.9, mood_crisis=0, tenure_days=400)`},
		{"a day short of the tenure", Signals{"qa_avg": 95, "tenure_days": 179, "mood_crisis": 0}, false,
			`exit.retain_when (not_met): below the bar for keeping "qa_avg >= 85 && tenure_days >= 180 && mood_crisis == 0" (qa_avg=95, mood_crisis=0, tenure_days=179)`},
		{"in crisis: care first, not a retention pitch", Signals{"qa_avg": 95, "tenure_days": 900, "mood_crisis": 1}, false,
			`exit.retain_when (not_met): below the bar for keeping "qa_avg >= 85 && tenure_days >= 180 && mood_crisis == 0" (qa_avg=95, mood_crisis=1, tenure_days=900)`},
		{"the tenure unknown", Signals{"qa_avg": 95, "mood_crisis": 0}, false,
			"exit.retain_when (not_evaluated): cannot judge without tenure_days; no retention attempt is proposed"},
	} {
		d, err := p.Retention("agent-9", tc.signals)
		require.NoError(t, err, tc.reason)
		assert.Equal(t, tc.attempt, d.Attempt, tc.reason)
		assert.Equal(t, []string{tc.why}, texts(d.Reasons), tc.reason)
		assert.Equal(t, p.Identity(), d.Policy)
	}
	d, err := p.Retention("agent-9", Signals{"qa_avg": 95})
	require.NoError(t, err)
	assert.Equal(t, []string{"mood_crisis", "tenure_days"}, d.Missing)

	_, err = p.Retention("", nil)
	assert.EqualError(t, err, "subject: is required")
	_, err = p.Retention("a", Signals{"salary": 1})
	assert.EqualError(t, err, `signals.salary: unknown signal "salary"; allowed: `+strings.Join(p.SignalNames(), ", "))

	bare, err := ParsePolicy([]byte("version: v\nroles: [r]\nworkflows: {}\n"))
	require.NoError(t, err)
	d, err = bare.Retention("a", nil)
	require.NoError(t, err)
	assert.False(t, d.Attempt)
	assert.Equal(t, []string{"exit.retain_when (not_evaluated): the policy sets no bar for keeping; no retention attempt is proposed"}, texts(d.Reasons))
}

func TestAttrition(t *testing.T) {
	p := DefaultPolicy()
	cst := time.FixedZone("CST", 8*3600)
	leavers := []Leaver{
		{Subject: "a1", Team: "north", At: time.Date(2026, 1, 10, 18, 0, 0, 0, cst), Reason: ExitPay},
		{Subject: "a2", Team: "north", At: time.Date(2026, 1, 31, 23, 30, 0, 0, cst), Reason: ExitWorkload, RetentionAttempted: true},
		{Subject: "a3", Team: "south", At: time.Date(2026, 2, 1, 0, 30, 0, 0, cst), Reason: ExitPay, RetentionAttempted: true, Retained: true},
		{Subject: "a4", Team: "south", At: time.Date(2026, 2, 14, 9, 0, 0, 0, cst), Reason: ExitManager},
	}
	a, err := p.Attrition(leavers, []Headcount{{Team: "north", Period: "2026-01", Count: 20}, {Team: "south", Period: "2026-02", Count: 25}})
	require.NoError(t, err)
	assert.Equal(t, Monthly, a.Period)
	assert.Equal(t, Tally{Key: "", Left: 3, Retained: 1, Attempted: 2}, a.Total)
	require.Len(t, a.ByReason, 8, "every reason of the taxonomy, zeros included")
	assert.Equal(t, Tally{Key: "pay", Left: 1, Retained: 1, Attempted: 1}, a.ByReason[0])
	assert.Equal(t, Tally{Key: "workload", Left: 1, Attempted: 1}, a.ByReason[1])
	assert.Equal(t, Tally{Key: "manager", Left: 1}, a.ByReason[2])
	assert.Equal(t, Tally{Key: "other"}, a.ByReason[7])
	assert.Equal(t, []Tally{{Key: "north", Team: "north", Left: 2, Attempted: 1}, {Key: "south", Team: "south", Left: 1, Retained: 1, Attempted: 1}}, a.ByTeam)
	// 31 January 23:30 and 1 February 00:30 fall in their own months in
	// the host's time zone.
	assert.Equal(t, []Tally{{Key: "2026-01", Period: "2026-01", Left: 2, Attempted: 1}, {Key: "2026-02", Period: "2026-02", Left: 1, Retained: 1, Attempted: 1}}, a.ByPeriod)
	assert.Equal(t, []Tally{
		{Key: "north 2026-01", Team: "north", Period: "2026-01", Left: 2, Attempted: 1, Headcount: 20, Rate: 0.1},
		{Key: "south 2026-02", Team: "south", Period: "2026-02", Left: 1, Retained: 1, Attempted: 1, Headcount: 25, Rate: 0.04},
	}, a.ByTeamPeriod)

	empty, err := p.Attrition(nil, nil)
	require.NoError(t, err)
	assert.Equal(t, Tally{}, empty.Total)
	assert.Len(t, empty.ByReason, 8)
	assert.Empty(t, empty.ByTeam)
}

func TestAttritionPeriods(t *testing.T) {
	at := time.Date(2026, 8, 31, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ period, want string }{{"month", "2026-08"}, {"quarter", "2026-Q3"}, {"year", "2026"}} {
		p, err := ParsePolicy([]byte("version: v\nroles: [r]\nworkflows: {}\nexit:\n  period: " + tc.period + "\n"))
		require.NoError(t, err)
		assert.Equal(t, tc.want, p.PeriodOf(at), tc.period)
	}
	p, err := ParsePolicy([]byte("version: v\nroles: [r]\nworkflows: {}\nexit:\n  period: quarter\n"))
	require.NoError(t, err)
	for m, q := range map[time.Month]string{1: "2026-Q1", 3: "2026-Q1", 4: "2026-Q2", 12: "2026-Q4"} {
		assert.Equal(t, q, p.PeriodOf(time.Date(2026, m, 1, 0, 0, 0, 0, time.UTC)))
	}
}

func TestAttritionErrors(t *testing.T) {
	p := DefaultPolicy()
	ok := Leaver{Subject: "a", Team: "t", At: t0, Reason: ExitGrowth}
	for _, tc := range []struct {
		reason  string
		leavers []Leaver
		heads   []Headcount
		want    string
	}{
		{"no subject", []Leaver{ok, {Team: "t", At: t0, Reason: ExitPay}}, nil, "leavers[1].subject: is required"},
		{"no team", []Leaver{{Subject: "a", At: t0, Reason: ExitPay}}, nil, "leavers[0].team: is required"},
		{"no time", []Leaver{{Subject: "a", Team: "t", Reason: ExitPay}}, nil, "leavers[0].at: is required"},
		{"a reason off the taxonomy", []Leaver{{Subject: "a", Team: "t", At: t0, Reason: "boredom"}}, nil,
			`leavers[0].reason: unknown exit reason "boredom"; allowed: pay, workload, manager, growth, schedule, health, personal, other`},
		{"retained with no attempt", []Leaver{{Subject: "a", Team: "t", At: t0, Reason: ExitPay, Retained: true}}, nil,
			"leavers[0].retained: a leaver retained without a retention attempt; set retention_attempted"},
		{"counted twice", []Leaver{ok, ok}, nil, `leavers[1].subject: "a" duplicates leavers[0]`},
		{"headcount with no team", []Leaver{ok}, []Headcount{{Period: "2026-03", Count: 3}}, "headcount[0].team: is required"},
		{"headcount with no period", []Leaver{ok}, []Headcount{{Team: "t", Count: 3}}, `headcount[0].period: is required: written as "2026-03"`},
		{"headcount of zero", []Leaver{ok}, []Headcount{{Team: "t", Period: "2026-03", Count: 0}}, "headcount[0].count: 0 is not a headcount; it must be at least 1"},
		{"headcount twice", []Leaver{ok}, []Headcount{{Team: "t", Period: "2026-03", Count: 3}, {Team: "t", Period: "2026-03", Count: 4}},
			`headcount[1]: team "t" in period "2026-03" is already given at headcount[0]`},
		{"a time JSON cannot hold", []Leaver{{Subject: "a", Team: "t", At: time.Date(20000, 1, 1, 0, 0, 0, 0, time.UTC), Reason: ExitPay}}, nil,
			"leavers[0].at: year 20000 is outside 0..9999, the range a stored time can hold"},
		{"5 leavers against a headcount of 1", fiveLeavers("north"), []Headcount{{Team: "north", Period: "2026-03", Count: 1}},
			`headcount[0].count: 1 is under the 5 people who resigned from team "north" in period "2026-03" (5 left, 0 retained); count everyone on the team in the period: its size at the start plus those who joined`},
		{"retained leavers were on the team too", append(fiveLeavers("north"), Leaver{Subject: "kept", Team: "north", At: t0, Reason: ExitPay, RetentionAttempted: true, Retained: true}),
			[]Headcount{{Team: "north", Period: "2026-03", Count: 5}},
			`headcount[0].count: 5 is under the 6 people who resigned from team "north" in period "2026-03" (5 left, 1 retained); count everyone on the team in the period: its size at the start plus those who joined`},
		{"a period in another form", []Leaver{ok}, []Headcount{{Team: "t", Period: "2026-3", Count: 3}}, `headcount[0].period: "2026-3" is not a month period; write it as "2026-03"`},
		{"a month 13", []Leaver{ok}, []Headcount{{Team: "t", Period: "2026-13", Count: 3}}, `headcount[0].period: "2026-13" is not a month period; write it as "2026-03"`},
		{"a quarter under a monthly policy", []Leaver{ok}, []Headcount{{Team: "t", Period: "2026-Q1", Count: 3}}, `headcount[0].period: "2026-Q1" is not a month period; write it as "2026-03"`},
	} {
		_, err := p.Attrition(tc.leavers, tc.heads)
		require.Error(t, err, tc.reason)
		assert.Equal(t, tc.want, err.Error(), tc.reason)
	}
	quarterly, err := ParsePolicy([]byte("version: v\nroles: [r]\nworkflows: {}\nexit:\n  period: quarter\n"))
	require.NoError(t, err)
	yearly, err := ParsePolicy([]byte("version: v\nroles: [r]\nworkflows: {}\nexit:\n  period: year\n"))
	require.NoError(t, err)
	for _, tc := range []struct {
		p      *Policy
		period string
		want   string
	}{
		{quarterly, "2026-Q5", `headcount[0].period: "2026-Q5" is not a quarter period; write it as "2026-Q1"`},
		{quarterly, "2026-03", `headcount[0].period: "2026-03" is not a quarter period; write it as "2026-Q1"`},
		{yearly, "26", `headcount[0].period: "26" is not a year period; write it as "2026"`},
		{yearly, "2026-03", `headcount[0].period: "2026-03" is not a year period; write it as "2026"`},
		{quarterly, "2026-Q4", ""},
		{yearly, "2026", ""},
	} {
		_, err := tc.p.Attrition([]Leaver{ok}, []Headcount{{Team: "t", Period: tc.period, Count: 3}})
		if tc.want == "" {
			assert.NoError(t, err, tc.period)
			continue
		}
		assert.EqualError(t, err, tc.want, tc.period)
	}
}

// fiveLeavers lists five people who left team in March 2026.
func fiveLeavers(team string) []Leaver {
	var out []Leaver
	for i := 0; i < 5; i++ {
		out = append(out, Leaver{Subject: fmt.Sprint("leaver-", i), Team: team, At: t0.Add(time.Duration(i) * day), Reason: ExitWorkload})
	}
	return out
}

// The headcount may equal the leavers, a rate of 1, never above.
func TestAttritionRateAtMostOne(t *testing.T) {
	a, err := DefaultPolicy().Attrition(fiveLeavers("north"), []Headcount{{Team: "north", Period: "2026-03", Count: 5}})
	require.NoError(t, err)
	require.Len(t, a.ByTeamPeriod, 1)
	assert.Equal(t, 1.0, a.ByTeamPeriod[0].Rate)
}

// A team name with a space is a team of its own: "north east" and "north"
// are counted apart, each with its own headcount, sorted by team.
func TestAttritionTeamsWithSpaces(t *testing.T) {
	p := DefaultPolicy()
	leavers := []Leaver{
		{Subject: "a", Team: "north east", At: t0, Reason: ExitPay},
		{Subject: "b", Team: "north", At: t0, Reason: ExitPay},
	}
	a, err := p.Attrition(leavers, []Headcount{
		{Team: "north east", Period: "2026-03", Count: 10},
		{Team: "north", Period: "2026-03", Count: 4},
	})
	require.NoError(t, err)
	assert.Equal(t, []Tally{
		{Key: "north 2026-03", Team: "north", Period: "2026-03", Left: 1, Headcount: 4, Rate: 0.25},
		{Key: "north east 2026-03", Team: "north east", Period: "2026-03", Left: 1, Headcount: 10, Rate: 0.1},
	}, a.ByTeamPeriod)
}
