package coaching

import (
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlanByStage(t *testing.T) {
	p := DefaultPolicy()
	at := t0
	for _, tc := range []struct {
		reason string
		hired  time.Time
		stage  Stage
	}{
		{"hired today", at, NewHire},
		{"the last day of the new-hire period", at.Add(-90*day + 1), NewHire},
		{"the first day past it", at.Add(-90 * day), Established},
		{"a day short of a veteran", at.Add(-365*day + 1), Established},
		{"a year in", at.Add(-365 * day), Veteran},
	} {
		pl, err := p.Plan(Employee{ID: "e", Team: "north", Hired: tc.hired}, at)
		require.NoError(t, err, tc.reason)
		assert.Equal(t, tc.stage, pl.Stage, tc.reason)
		assert.Equal(t, callfloor.Duration(at.Sub(tc.hired)), pl.Tenure, tc.reason)
	}
}

func TestNewHirePlan(t *testing.T) {
	p := DefaultPolicy()
	hired := t0.Add(-20 * day)
	pl, err := p.Plan(Employee{ID: "n1", Team: "north", Hired: hired}, t0)
	require.NoError(t, err)
	until := hired.Add(90 * day)
	assert.Equal(t, []CheckIn{
		{Kind: "care", Every: callfloor.Duration(14 * day), Next: hired.Add(28 * day), Until: until},
		{Kind: "guidance", Every: callfloor.Duration(7 * day), Next: hired.Add(21 * day), Until: until},
	}, pl.CheckIns)
	assert.Empty(t, pl.Roles)
	assert.Equal(t, []string{"tenure.new_hire (fired): 20d in, under 90d: new hires are easily pushed out; care every 14d and business guidance every 7d until 2026-05-11"}, texts(pl.Reasons))

	// On a check-in day, that day is the next one.
	pl, err = p.Plan(Employee{ID: "n1", Hired: hired}, hired.Add(14*day))
	require.NoError(t, err)
	assert.Equal(t, hired.Add(14*day), pl.CheckIns[0].Next)
	// Hired today: the first check-ins come one interval in.
	pl, err = p.Plan(Employee{ID: "n1", Hired: t0}, t0)
	require.NoError(t, err)
	assert.Equal(t, t0.Add(14*day), pl.CheckIns[0].Next)
	// Past the last check-in day no check-in falls inside the period.
	pl, err = p.Plan(Employee{ID: "n1", Hired: hired}, hired.Add(84*day))
	require.NoError(t, err)
	assert.Len(t, pl.CheckIns, 2, "day 84 is a check-in day of both cadences")
	pl, err = p.Plan(Employee{ID: "n1", Hired: hired}, hired.Add(84*day+1))
	require.NoError(t, err)
	assert.Empty(t, pl.CheckIns, "the next would be day 91 and day 98, after the 90-day period")
	assert.Equal(t, NewHire, pl.Stage)
}

func TestVeteranPlan(t *testing.T) {
	p := DefaultPolicy()
	hired := t0.Add(-800 * day)
	pl, err := p.Plan(Employee{ID: "v1", Team: "north", Hired: hired}, t0)
	require.NoError(t, err)
	assert.Equal(t, Veteran, pl.Stage)
	assert.Equal(t, []CheckIn{{Kind: "attention", Every: callfloor.Duration(30 * day), Next: hired.Add(810 * day)}}, pl.CheckIns)
	assert.Equal(t, []string{"mentor", "daily_statistics"}, pl.Roles)
	assert.Equal(t, []string{"tenure.veteran (fired): 800d in, at least 365d: a veteran gets attention every 30d and a role (mentor, daily_statistics) so that they feel indispensable"}, texts(pl.Reasons))

	mid, err := p.Plan(Employee{ID: "m", Hired: t0.Add(-200 * day)}, t0)
	require.NoError(t, err)
	assert.Empty(t, mid.CheckIns)
	assert.Equal(t, []string{"tenure.veteran_after (fired): 200d in, past the new-hire period (90d) and not yet a veteran (365d): the regular reviews apply"}, texts(mid.Reasons))
}

func TestPlanErrors(t *testing.T) {
	p := DefaultPolicy()
	for _, tc := range []struct {
		reason string
		e      Employee
		at     time.Time
		want   string
	}{
		{"no id", Employee{Hired: t0}, t0, "employee.id: is required"},
		{"no hiring date", Employee{ID: "a"}, t0, "employee.hired: is required"},
		{"hired in the future", Employee{ID: "a", Hired: t0.Add(day)}, t0, "employee.hired: 2026-03-03T09:00:00Z is after the plan's time 2026-03-02T09:00:00Z"},
		{"no time", Employee{ID: "a", Hired: t0}, time.Time{}, "at: is required"},
		{"a time in year 20000", Employee{ID: "a", Hired: t0}, time.Date(20000, 1, 1, 0, 0, 0, 0, time.UTC),
			"at: year 20000 is outside 0..9999, the range a stored time can hold"},
		{"hired before year 0", Employee{ID: "a", Hired: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)}, t0,
			"employee.hired: year -1 is outside 0..9999, the range a stored time can hold"},
		{"hired more than 100 years ago", Employee{ID: "a", Hired: t0.AddDate(-100, 0, -1)}, t0,
			"employee.hired: 1926-03-01T09:00:00Z is more than 100 years before the plan's time 2026-03-02T09:00:00Z"},
		{"a veteran whose next check-in falls past year 9999", Employee{ID: "a", Hired: time.Date(9990, 1, 1, 0, 0, 0, 0, time.UTC)}, time.Date(9999, 12, 30, 0, 0, 0, 0, time.UTC),
			"at: the attention check-in of check_ins[0] would fall out of range: year 10000 is outside 0..9999, the range a stored time can hold"},
	} {
		_, err := p.Plan(tc.e, tc.at)
		require.Error(t, err, tc.reason)
		assert.Equal(t, tc.want, err.Error(), tc.reason)
	}
	bare, err := ParsePolicy([]byte("version: v\nroles: [r]\nworkflows: {}\n"))
	require.NoError(t, err)
	_, err = bare.Plan(Employee{ID: "a", Hired: t0}, t0)
	assert.EqualError(t, err, "tenure: the policy has no tenure section")
	_, err = bare.Pairings(nil, t0)
	assert.EqualError(t, err, "tenure: the policy has no tenure section")
}

func staff() []Employee {
	return []Employee{
		{ID: "v-old", Team: "north", Hired: t0.Add(-1500 * day)},
		{ID: "v-mid", Team: "north", Hired: t0.Add(-700 * day)},
		{ID: "v-away", Team: "north", Hired: t0.Add(-2000 * day), Away: true},
		{ID: "v-south", Team: "south", Hired: t0.Add(-400 * day)},
		{ID: "n1", Team: "north", Hired: t0.Add(-60 * day)},
		{ID: "n2", Team: "north", Hired: t0.Add(-10 * day)},
		{ID: "n3", Team: "north", Hired: t0.Add(-30 * day)},
		{ID: "n4", Team: "north", Hired: t0.Add(-30 * day)},
		{ID: "n5", Team: "north", Hired: t0.Add(-80 * day)},
		{ID: "n6", Team: "east", Hired: t0.Add(-5 * day)},
		{ID: "s1", Team: "south", Hired: t0.Add(-200 * day)},
	}
}

func TestPairings(t *testing.T) {
	p := DefaultPolicy()
	got, err := p.Pairings(staff(), t0)
	require.NoError(t, err)
	// Newest first: n6 (east, no veteran), n2, then n3 and n4 (same day, by
	// id), n1, n5. Each goes to the north veteran with the fewest mentees,
	// the longest-serving first; two each at most.
	assert.Equal(t, []Pair{
		{Mentor: "v-old", Mentee: "n2", Team: "north", Reasons: wantPair(1, 2, "same team, veteran hired 2022-01-22, mentoring 1 of 2")},
		{Mentor: "v-mid", Mentee: "n3", Team: "north", Reasons: wantPair(1, 2, "same team, veteran hired 2024-04-01, mentoring 1 of 2")},
		{Mentor: "v-old", Mentee: "n4", Team: "north", Reasons: wantPair(2, 2, "same team, veteran hired 2022-01-22, mentoring 2 of 2")},
		{Mentor: "v-mid", Mentee: "n1", Team: "north", Reasons: wantPair(2, 2, "same team, veteran hired 2024-04-01, mentoring 2 of 2")},
	}, got.Pairs)
	assert.Equal(t, []Unpaired{
		{Mentee: "n6", Team: "east", Reasons: []callfloor.Reason{{Rule: "tenure.pairing.max_mentees", Outcome: callfloor.Held, Text: "no veteran of team east has room (at most 2 new hires each)", Message: "coaching.reason.no_room_team", Facts: []callfloor.Fact{{Name: "max_mentees", Value: 2}}}}},
		{Mentee: "n5", Team: "north", Reasons: []callfloor.Reason{{Rule: "tenure.pairing.max_mentees", Outcome: callfloor.Held, Text: "no veteran of team north has room (at most 2 new hires each)", Message: "coaching.reason.no_room_team", Facts: []callfloor.Fact{{Name: "max_mentees", Value: 2}}}}},
	}, got.Unpaired)

	// The input order does not matter.
	s := staff()
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
	again, err := p.Pairings(s, t0)
	require.NoError(t, err)
	assert.Equal(t, got, again)
}

func TestPairingsAcrossTeams(t *testing.T) {
	src := string(DefaultPolicySource())
	cross, err := ParsePolicy([]byte(replaceOnce(t, src, "cross_team: false", "cross_team: true")))
	require.NoError(t, err)
	got, err := cross.Pairings(staff(), t0)
	require.NoError(t, err)
	require.Len(t, got.Pairs, 6)
	// The same-team pairs stand; the two left over go to the south veteran.
	assert.Equal(t, []Pair{
		{Mentor: "v-south", Mentee: "n6", Team: "east", Reasons: wantPair(1, 2, "from team south, veteran hired 2025-01-26, mentoring 1 of 2")},
		{Mentor: "v-south", Mentee: "n5", Team: "north", Reasons: wantPair(2, 2, "from team south, veteran hired 2025-01-26, mentoring 2 of 2")},
	}, got.Pairs[4:])
	assert.Equal(t, []Unpaired{}, got.Unpaired, "an empty list, never null in JSON")
}

func TestPairingsErrors(t *testing.T) {
	p := DefaultPolicy()
	_, err := p.Pairings([]Employee{{ID: "a", Hired: t0}, {ID: "a", Hired: t0}}, t0)
	assert.EqualError(t, err, `staff[1].id: "a" duplicates staff[0]`)
	_, err = p.Pairings([]Employee{{ID: "a", Hired: t0}, {ID: "b"}}, t0)
	assert.EqualError(t, err, "staff[1].hired: is required")
	_, err = p.Pairings(nil, time.Time{})
	assert.EqualError(t, err, "at: is required")
	none, err := p.Pairings(nil, t0)
	require.NoError(t, err)
	assert.Empty(t, none.Pairs)
}

func TestPairingsAcrossTeamsWithoutRoom(t *testing.T) {
	cross, err := ParsePolicy([]byte(replaceOnce(t, string(DefaultPolicySource()), "cross_team: false", "cross_team: true")))
	require.NoError(t, err)
	got, err := cross.Pairings([]Employee{
		{ID: "v", Team: "north", Hired: t0.Add(-400 * day)},
		{ID: "a", Team: "north", Hired: t0.Add(-1 * day)},
		{ID: "b", Team: "south", Hired: t0.Add(-2 * day)},
		{ID: "c", Team: "east", Hired: t0.Add(-3 * day)},
	}, t0)
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b"}, []string{got.Pairs[0].Mentee, got.Pairs[1].Mentee})
	assert.Equal(t, []Unpaired{{Mentee: "c", Team: "east", Reasons: []callfloor.Reason{{Rule: "tenure.pairing.max_mentees", Outcome: callfloor.Held, Text: "no veteran of any team has room (at most 2 new hires each)", Message: "coaching.reason.no_room_any", Facts: []callfloor.Fact{{Name: "max_mentees", Value: 2}}}}}}, got.Unpaired)
}

func TestPairingsEdgeCases(t *testing.T) {
	p := DefaultPolicy()
	vet := func(id, team string, years int) Employee {
		return Employee{ID: id, Team: team, Hired: t0.AddDate(-years, 0, 0)}
	}
	hire := func(id, team string, days int) Employee {
		return Employee{ID: id, Team: team, Hired: t0.Add(-time.Duration(days) * day)}
	}
	for _, tc := range []struct {
		reason   string
		staff    []Employee
		pairs    []string
		unpaired []string
	}{
		{"nobody", nil, nil, nil},
		{"one veteran, one new hire", []Employee{vet("v", "north", 3), hire("n", "north", 10)}, []string{"v>n"}, nil},
		{"one veteran, three new hires: two at most", []Employee{vet("v", "north", 3), hire("a", "north", 10), hire("b", "north", 20), hire("c", "north", 30)}, []string{"v>a", "v>b"}, []string{"c"}},
		{"new hires but no veteran", []Employee{hire("a", "north", 10), hire("b", "north", 20)}, nil, []string{"a", "b"}},
		{"veterans but no new hire", []Employee{vet("v", "north", 3), vet("w", "north", 5)}, nil, nil},
		{"an established employee mentors nobody", []Employee{{ID: "e", Team: "north", Hired: t0.Add(-200 * day)}, hire("n", "north", 10)}, nil, []string{"n"}},
		{"a veteran away mentors nobody", []Employee{{ID: "v", Team: "north", Hired: t0.AddDate(-3, 0, 0), Away: true}, hire("n", "north", 10)}, nil, []string{"n"}},
		{"a new hire away is not paired", []Employee{vet("v", "north", 3), {ID: "n", Team: "north", Hired: t0.Add(-10 * day), Away: true}}, nil, nil},
		{"a veteran of another team only", []Employee{vet("v", "south", 3), hire("n", "north", 10)}, nil, []string{"n"}},
		{"the last day of the new-hire period is still a new hire", []Employee{vet("v", "north", 3), {ID: "n", Team: "north", Hired: t0.Add(-90*day + 1)}}, []string{"v>n"}, nil},
		{"two veterans share evenly, the longest-serving first", []Employee{vet("w", "north", 2), vet("v", "north", 5), hire("a", "north", 1), hire("b", "north", 2)}, []string{"v>a", "w>b"}, nil},
		{"two veterans hired the same day: the lower id first", []Employee{vet("y", "north", 2), vet("x", "north", 2), hire("a", "north", 1)}, []string{"x>a"}, nil},
	} {
		got, err := p.Pairings(tc.staff, t0)
		require.NoError(t, err, tc.reason)
		var pairs, unpaired []string
		for _, pr := range got.Pairs {
			pairs = append(pairs, pr.Mentor+">"+pr.Mentee)
		}
		for _, u := range got.Unpaired {
			unpaired = append(unpaired, u.Mentee)
		}
		assert.Equal(t, tc.pairs, pairs, tc.reason)
		assert.Equal(t, tc.unpaired, unpaired, tc.reason)
		// Deterministic: the same staff in any order, the same answer.
		rev := append([]Employee(nil), tc.staff...)
		for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
			rev[i], rev[j] = rev[j], rev[i]
		}
		again, err := p.Pairings(rev, t0)
		require.NoError(t, err, tc.reason)
		assert.Equal(t, got, again, tc.reason)
	}
}

// A tenure of a century, the longest accepted, still gives check-ins on
// the policy's cadence: the arithmetic does not overflow.
func TestPlanOverTheLongestTenure(t *testing.T) {
	p := DefaultPolicy()
	hired := t0.AddDate(-100, 0, 0)
	pl, err := p.Plan(Employee{ID: "v", Hired: hired}, t0)
	require.NoError(t, err)
	require.Len(t, pl.CheckIns, 1)
	next := pl.CheckIns[0].Next
	assert.False(t, next.Before(t0), "the next check-in is not before the plan")
	assert.True(t, next.Before(t0.Add(30*day)), "nor a full cadence after it")
	assert.Zero(t, next.Sub(hired)%(30*day), "it falls on the cadence from the hiring date")

	_, err = p.Pairings([]Employee{{ID: "v", Hired: hired}}, time.Date(20000, 1, 1, 0, 0, 0, 0, time.UTC))
	assert.EqualError(t, err, "at: year 20000 is outside 0..9999, the range a stored time can hold")
}

// wantPair is the reason of a pair whose sentence is text.
func wantPair(load, most int, text string) []callfloor.Reason {
	id := "coaching.reason.pair_same_team"
	if strings.HasPrefix(text, "from team") {
		id = "coaching.reason.pair_cross_team"
	}
	return []callfloor.Reason{{Rule: "tenure.pairing", Outcome: callfloor.Fired, Text: text, Message: id,
		Facts: []callfloor.Fact{{Name: "mentoring", Value: float64(load)}, {Name: "max_mentees", Value: float64(most)}}}}
}
