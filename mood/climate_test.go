package mood

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// members builds n triage results, the first risky of them at Mild.
func members(n, risky int) []Triage {
	out := make([]Triage, n)
	for i := range out {
		out[i] = Triage{Agent: "a" + strconv.Itoa(i), At: t0.Add(-day)}
		if i < risky {
			out[i].Tier = Mild
		}
	}
	return out
}

func TestClimate(t *testing.T) {
	p := DefaultPolicy()
	watched := members(10, 2)
	watched[5].Watch = true
	tests := []struct {
		team    Team
		alarm   bool
		reasons []string
		share   *float64
		why     string
	}{
		{Team{Team: "t1", At: t0, Members: members(10, 2)}, false, []string{}, ptr(0.2), "2 of 10 at mild is under 30%"},
		{Team{Team: "t1", At: t0, Members: members(10, 3)}, true, []string{"climate.alarms.many_at_risk fired"}, ptr(0.3), "3 of 10 reaches 30%"},
		{Team{Team: "t1", At: t0, Members: watched}, true, []string{"climate.alarms.many_at_risk fired"}, ptr(0.3), "a watched member counts as at risk"},
		{Team{Team: "t1", At: t0, Members: members(10, 2), MissedTargets: 3}, true, []string{"climate.alarms.missed_targets fired"}, ptr(0.2), "three missed targets in a row"},
		{Team{Team: "t1", At: t0, Members: members(10, 2), MissedTargets: 2}, false, []string{}, ptr(0.2), "two missed targets are not yet an alarm"},
		{Team{Team: "t1", At: t0, Members: members(10, 2), Changes: []OrgChange{{Kind: "reorg", At: t0.Add(-100 * day)}, {Kind: "new_lead", At: t0.Add(-10 * day)}}}, true, []string{"climate.alarms.repeated_change fired"}, ptr(0.2), "two changes in 180 days"},
		{Team{Team: "t1", At: t0, Members: members(10, 2), Changes: []OrgChange{{Kind: "reorg", At: t0.Add(-200 * day)}, {Kind: "new_lead", At: t0.Add(-10 * day)}}}, false, []string{}, ptr(0.2), "an old change does not count"},
		{Team{Team: "t1", At: t0, Members: members(10, 0), MissedTargets: 3}, true, []string{"climate.homogeneous fired", "climate.alarms.missed_targets fired"}, nil, "nobody at risk: the count would say so of each member"},
		{Team{Team: "t2", At: t0, Members: members(4, 4)}, false, []string{"climate.min_group fired"}, nil, "a team of 4 is under the minimum group: states are not counted"},
		{Team{Team: "t2", At: t0, Members: members(4, 4), MissedTargets: 5}, true, []string{"climate.min_group fired", "climate.alarms.missed_targets fired"}, nil, "a small team still gets the targets alarm"},
	}
	for _, tt := range tests {
		c, err := p.Climate(tt.team)
		require.NoError(t, err, tt.why)
		assert.Equal(t, tt.alarm, c.Alarm, tt.why)
		assert.Equal(t, tt.reasons, reasonIDs(c.Reasons), tt.why)
		assert.Equal(t, tt.share, c.AtRiskShare, tt.why)
		if tt.alarm {
			assert.Equal(t, []string{"team_building", "lead_state_check", "team_sharing_session"}, codes(c.Actions), tt.why)
			assert.Equal(t, "manager", c.Actions[1].Owner, "the lead's own state is checked by the manager")
			assert.Equal(t, callfloor.Group, c.Actions[0].Setting, tt.why)
		} else {
			assert.Empty(t, c.Actions, tt.why)
		}
	}
}

func TestClimateReasonText(t *testing.T) {
	c, err := DefaultPolicy().Climate(Team{Team: "t1", At: t0, Members: members(10, 4)})
	require.NoError(t, err)
	assert.Equal(t, "at least 30% of the team is at mild or worse, in crisis or on watch (at_risk_share=0.4)", c.Reasons[0].Text)
	b, err := json.Marshal(c)
	require.NoError(t, err)
	assert.NotContains(t, string(b), `"a0"`, "a climate names no agent")
}

func ptr(f float64) *float64 { return &f }

func TestClimateErrors(t *testing.T) {
	p := DefaultPolicy()
	dup := members(3, 0)
	dup[2].Agent = "a0"
	late := members(3, 0)
	late[1].At = t0.Add(day)
	bad := members(3, 0)
	bad[0].Tier = 9
	undated := members(3, 0)
	undated[1].At = time.Time{}
	tests := []struct {
		team Team
		want string
	}{
		{Team{}, "team.at: is required"},
		{Team{At: t0, MissedTargets: -1}, "team.missed_targets: -1 is negative"},
		{Team{At: t0, Members: dup}, `team.members[2].agent: "a0" duplicates team.members[0]`},
		{Team{At: t0, Members: []Triage{{}}}, "team.members[0].agent: is required"},
		{Team{At: t0, Members: late}, "team.members[1].at: 2025-03-15T10:00:00Z is after the team assessment time 2025-03-14T10:00:00Z"},
		{Team{At: t0, Members: bad}, "team.members[0].tier: 9 is not a tier"},
		{Team{At: t0, Members: undated}, "team.members[1].at: is required: pass each member's latest triage"},
		{Team{At: t0, Changes: []OrgChange{{Kind: "reorg"}}}, "team.changes[0].at: is required"},
		{Team{At: t0, Changes: []OrgChange{{Kind: "reorg", At: t0.Add(day)}}}, "team.changes[0].at: 2025-03-15T10:00:00Z is after the team assessment time 2025-03-14T10:00:00Z"},
	}
	for _, tt := range tests {
		_, err := p.Climate(tt.team)
		require.Error(t, err, tt.want)
		assert.Equal(t, tt.want, err.Error())
		var ie *callfloor.InputError
		assert.True(t, errors.As(err, &ie))
	}
}

func TestMoodMap(t *testing.T) {
	p := DefaultPolicy()
	m, err := p.MoodMap([]MoodGroup{
		{ID: "team-a", Moods: []int{4, 2, 4, 2, 4}},
		{ID: "team-b", Moods: []int{1, 2, 2, 5}},
		{ID: "night", Moods: nil},
	})
	require.NoError(t, err)
	require.Len(t, m.Groups, 3)
	mean := 3.2
	assert.Equal(t, MoodCell{ID: "team-a", Members: 5, Mean: &mean, Counts: []int{0, 2, 0, 3, 0}}, m.Groups[0], "a group of exactly 5 is shown")
	assert.Equal(t, MoodCell{ID: "team-b", Members: 4, Suppressed: true}, m.Groups[1], "a group of 4 is suppressed")
	assert.Equal(t, MoodCell{ID: "night", Members: 0, Suppressed: true}, m.Groups[2], "an empty group is suppressed")
	assert.Equal(t, []callfloor.Reason{
		{Rule: "climate.withheld", Outcome: callfloor.Fired, Text: withheldText("team-b"), Message: "mood.reason.map_withheld",
			Facts: []callfloor.Fact{{Name: "members", Value: 4}, {Name: "min_group", Value: 5}}},
		{Rule: "climate.withheld", Outcome: callfloor.Fired, Text: withheldText("night"), Message: "mood.reason.map_withheld",
			Facts: []callfloor.Fact{{Name: "members", Value: 0}, {Name: "min_group", Value: 5}}},
	}, m.Reasons)
	b, err := json.Marshal(m.Groups[1])
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"team-b","members":4,"suppressed":true}`, string(b), "no figure of a small group leaves the package")

	_, err = p.MoodMap([]MoodGroup{{ID: "a", Moods: []int{3, 0}}})
	assert.EqualError(t, err, "groups[0].moods[1]: 0 is outside 1..5, the check-in scale")
	_, err = p.MoodMap([]MoodGroup{{ID: "a"}, {ID: "a"}})
	assert.EqualError(t, err, `groups[1].id: "a" duplicates groups[0]`)
	_, err = p.MoodMap([]MoodGroup{{}})
	assert.EqualError(t, err, "groups[0].id: is required")
}

func FuzzMoodMap(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 3}, uint8(2))
	f.Add([]byte{}, uint8(0))
	f.Add([]byte{9}, uint8(1))
	f.Add([]byte{3, 3, 3, 3, 3, 1, 2, 2, 2, 2, 2}, uint8(5))
	f.Fuzz(func(t *testing.T, moods []byte, split uint8) {
		moods = clip(moods, 256)
		var groups []MoodGroup
		cut := int(split)
		if cut > len(moods) {
			cut = len(moods)
		}
		for i, part := range [][]byte{moods[:cut], moods[cut:]} {
			g := MoodGroup{ID: "g" + strconv.Itoa(i)}
			for _, m := range part {
				g.Moods = append(g.Moods, int(m%7))
			}
			groups = append(groups, g)
		}
		m, err := DefaultPolicy().MoodMap(groups)
		if err != nil {
			var ie *callfloor.InputError
			if !errors.As(err, &ie) || ie.Field == "" {
				t.Fatalf("%v is not an *callfloor.InputError with a field", err)
			}
			return
		}
		for _, c := range m.Groups {
			if c.Members < 5 && (!c.Suppressed || c.Mean != nil || c.Counts != nil) {
				t.Fatalf("a group of %d shows figures: %+v", c.Members, c)
			}
			if c.Suppressed != (c.Mean == nil) || c.Suppressed != (c.Counts == nil) {
				t.Fatalf("a cell half shown: %+v", c)
			}
			if c.Members >= 5 && !c.Suppressed && (*c.Mean < 1 || *c.Mean > 5 || slices.Max(c.Counts) >= c.Members-1 || slices.Contains(c.Counts, 1)) {
				t.Fatalf("a group of %d is shown though it reveals its members: %+v", c.Members, c)
			}
		}
	})
}

// A group at or above the minimum still reveals each member when all of
// them, or all but one, report the same mood; two members away from the
// most common mood hide each other.
func TestMoodMapHomogeneous(t *testing.T) {
	p := DefaultPolicy()
	tests := []struct {
		name   string
		moods  []int
		rule   string // "" when shown
		counts []int
	}{
		{"min-1, all same", []int{3, 3, 3, 3}, "climate.withheld", nil},
		{"min-1, mixed", []int{1, 2, 3, 4}, "climate.withheld", nil},
		{"min, all same", []int{2, 2, 2, 2, 2}, "climate.withheld", nil},
		{"min, all but one same", []int{4, 4, 1, 4, 4}, "climate.withheld", nil},
		{"min, two differ, each alone", []int{4, 4, 1, 4, 5}, "climate.withheld", nil},
		{"min, two differ alike", []int{5, 5, 5, 1, 1}, "", []int{2, 0, 0, 0, 3}},
		{"min, one alone between pairs", []int{1, 1, 3, 5, 5}, "climate.withheld", nil},
		{"min+1, all same", []int{5, 5, 5, 5, 5, 5}, "climate.withheld", nil},
		{"min+1, all but one same", []int{1, 3, 3, 3, 3, 3}, "climate.withheld", nil},
		{"min+1, two differ, each alone", []int{1, 3, 3, 3, 3, 2}, "climate.withheld", nil},
		{"min+1, one alone", []int{1, 3, 3, 3, 2, 2}, "climate.withheld", nil},
		{"min+1, three pairs", []int{1, 3, 3, 1, 2, 2}, "", []int{2, 2, 2, 0, 0}},
		{"min+2, two pairs and three", []int{1, 5, 5, 1, 4, 4, 4}, "", []int{2, 0, 0, 3, 2}},
		{"min+2, one alone", []int{1, 5, 5, 2, 4, 4, 4}, "climate.withheld", nil},
	}
	for _, tt := range tests {
		m, err := p.MoodMap([]MoodGroup{{ID: "g", Moods: tt.moods}})
		require.NoError(t, err, tt.name)
		c := m.Groups[0]
		if tt.rule == "" {
			assert.False(t, c.Suppressed, tt.name)
			assert.Equal(t, tt.counts, c.Counts, tt.name)
			assert.NotNil(t, c.Mean, tt.name)
			assert.Empty(t, m.Reasons, tt.name)
			continue
		}
		assert.Equal(t, MoodCell{ID: "g", Members: len(tt.moods), Suppressed: true}, c, tt.name)
		require.Len(t, m.Reasons, 1, tt.name)
		assert.Equal(t, tt.rule, m.Reasons[0].Rule, tt.name)
		assert.Equal(t, []callfloor.Fact{{Name: "members", Value: float64(len(tt.moods))}, {Name: "min_group", Value: 5}}, m.Reasons[0].Facts, tt.name)
	}
	// Whatever withholds a group, the reason is the same: a reason that
	// said all but one share a mood would tell the one who differs what
	// everyone else reported.
	for _, g := range []MoodGroup{
		{ID: "night", Moods: []int{1, 1, 1, 1, 1, 1}},
		{ID: "night", Moods: []int{1, 1, 1, 1, 1, 5}},
		{ID: "night", Moods: []int{4, 4, 1, 4, 5, 5}},
		{ID: "night", Moods: []int{1, 2, 3, 4}},
	} {
		m, err := p.MoodMap([]MoodGroup{g})
		require.NoError(t, err)
		assert.Equal(t, []callfloor.Reason{{Rule: "climate.withheld", Outcome: callfloor.Fired,
			Text: `group "night" has its figures withheld: shown, they could single a member out or tell how the others feel`, Message: "mood.reason.map_withheld",
			Facts: []callfloor.Fact{{Name: "members", Value: float64(len(g.Moods))}, {Name: "min_group", Value: 5}}}}, m.Reasons, "%v", g.Moods)
		assert.JSONEq(t, fmt.Sprintf(`{"id":"night","members":%d,"suppressed":true}`, len(g.Moods)), string(mustJSON(t, m.Groups[0])))
		assert.NotContains(t, string(mustJSON(t, m)), `"mean"`)
	}
}

func withheldText(id string) string {
	return fmt.Sprintf("group %q has its figures withheld: shown, they could single a member out or tell how the others feel", id)
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

// A count at risk that all members, or all but one, share would tell each
// member's state: it is withheld, at the minimum group and above, while
// an alarm on it still fires, without the count.
func TestClimateWithholdsAHomogeneousCount(t *testing.T) {
	p := DefaultPolicy()
	min := p.MinGroup()
	for risky := 0; risky <= min; risky++ {
		c, err := p.Climate(Team{Team: "t1", At: t0, Members: members(min, risky)})
		require.NoError(t, err)
		shown := risky >= 2 && risky <= min-2
		assert.Equal(t, shown, c.AtRisk != nil, "%d of %d at risk", risky, min)
		assert.Equal(t, shown, c.AtRiskShare != nil, "%d of %d at risk", risky, min)
		ids := reasonIDs(c.Reasons)
		assert.Equal(t, !shown, slices.Contains(ids, "climate.homogeneous fired"), "%d of %d at risk: %v", risky, min, ids)
		if !shown && risky == min {
			require.True(t, c.Alarm, "the whole team at risk still raises the alarm")
			for _, r := range c.Reasons {
				if r.Rule == "climate.alarms.many_at_risk" {
					assert.NotContains(t, r.Text, "at_risk", "the alarm's reason leaves the count out: %s", r.Text)
					for _, f := range r.Facts {
						assert.NotContains(t, []string{MetricAtRisk, MetricAtRiskShare}, f.Name)
					}
				}
			}
		}
	}
}
