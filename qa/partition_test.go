package qa

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// center is a generated call center: scores and complaints of agents in
// teams, in one interleaved list as a host would read them.
type center struct {
	in   TrendInput
	team map[string]string
}

// genCenter builds a center of agents in teams over four months from a
// seed: scores on a coarse grid, many steady (so that changes tie), some held,
// some before the first month, and complaints.
func genCenter(seed uint32, agents, teams int) center {
	x := seed | 1
	next := func(n int) int {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		return int(x % uint32(n))
	}
	c := center{in: TrendInput{Periods: months(4)}, team: map[string]string{}}
	for a := range agents {
		id := fmt.Sprintf("a%03d", a)
		c.team[id] = fmt.Sprintf("t%d", next(teams))
		for m := -1; m < 4; m++ {
			// Half the agents score alike all month, so that changes
			// are whole multiples of 5 and tie.
			steady := next(2) == 0
			base := float64(60 + 5*next(9))
			for range 5 + next(3) {
				v := base
				if !steady {
					v = float64(60 + 5*next(9))
				}
				s := ScorePoint{Agent: id, Team: c.team[id], At: jan.AddDate(0, m, next(28)), Score: v, Held: next(20) == 0}
				c.in.Scores = append(c.in.Scores, s)
			}
		}
		if next(3) == 0 {
			c.in.Complaints = append(c.in.Complaints, Complaint{Agent: id, At: jan.AddDate(0, next(5)-1, next(28))})
		}
	}
	// Interleave the agents, as scores arrive in time and not by agent.
	for i := len(c.in.Scores) - 1; i > 0; i-- {
		j := next(i + 1)
		c.in.Scores[i], c.in.Scores[j] = c.in.Scores[j], c.in.Scores[i]
	}
	return c
}

// split partitions the center's input by team, each keeping the order
// of the whole; teams come in order of their ids.
func (c center) split() []TrendInput {
	byTeam := map[string]*TrendInput{}
	var names []string
	part := func(agent string) *TrendInput {
		t := c.team[agent]
		if byTeam[t] == nil {
			byTeam[t] = &TrendInput{Periods: c.in.Periods}
			names = append(names, t)
		}
		return byTeam[t]
	}
	for _, s := range c.in.Scores {
		p := part(s.Agent)
		p.Scores = append(p.Scores, s)
	}
	for _, cp := range c.in.Complaints {
		p := part(cp.Agent)
		p.Complaints = append(p.Complaints, cp)
	}
	slices.Sort(names)
	out := make([]TrendInput, len(names))
	for i, n := range names {
		out[i] = *byTeam[n]
	}
	return out
}

// TestTrendsPartitionByTeam: Trends called per team gives every agent the
// trend one call over the whole center gives, the teams' Unassigned add
// up to the center's, and MergeImprovers of the teams' improvers is the
// center's ranking, ties at the cut included.
func TestTrendsPartitionByTeam(t *testing.T) {
	p := DefaultPolicy()
	tests := []struct {
		reason        string
		seed          uint32
		agents, teams int
	}{
		{"one team: the partition is the whole", 1, 12, 1},
		{"a few large teams", 2, 60, 3},
		{"many small teams", 3, 80, 25},
		{"teams of one agent", 4, 15, 1000},
		{"another draw", 5, 200, 12},
		{"another draw", 6, 200, 7},
	}
	tiedAtCut := 0
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			c := genCenter(tc.seed, tc.agents, tc.teams)
			all, err := p.Trends(c.in)
			require.NoError(t, err)
			require.NotEmpty(t, all.Improvers, "a draw with no improver tests nothing")

			var trends []Trend
			var lists [][]Improver
			unassigned := 0
			for _, in := range c.split() {
				rep, err := p.Trends(in)
				require.NoError(t, err)
				trends = append(trends, rep.Trends...)
				lists = append(lists, rep.Improvers)
				unassigned += rep.Unassigned
			}
			slices.SortFunc(trends, func(a, b Trend) int { return strings.Compare(a.Agent, b.Agent) })
			assert.Equal(t, all.Trends, trends)
			assert.Equal(t, all.Unassigned, unassigned)
			merged, err := p.MergeImprovers(lists...)
			require.NoError(t, err)
			assert.Equal(t, all.Improvers, merged)
			if len(all.Improvers) > p.trends.improversTop {
				tiedAtCut++
			}
		})
	}
	assert.Positive(t, tiedAtCut, "some draw has ties at the cut")
}

// TestMergeImproversTies: agents tied with the last place of the ranking
// are kept whichever partition they come from, and ties are ordered by
// agent id across partitions.
func TestMergeImproversTies(t *testing.T) {
	p := DefaultPolicy()
	var scores []ScorePoint
	add := func(agent string, before, after float64) {
		for i := range 5 {
			scores = append(scores, ScorePoint{Agent: agent, At: jan.AddDate(0, 0, i), Score: before}, ScorePoint{Agent: agent, At: jan.AddDate(0, 1, i), Score: after})
		}
	}
	// Third place is +10, held by four agents in three teams; the fastest
	// is alone in its team.
	add("ann", 60, 80)
	add("zed", 70, 80)
	add("bob", 70, 80)
	add("kim", 70, 80)
	add("cat", 70, 85)
	add("dov", 70, 80)
	add("eli", 70, 75)
	team := map[string]int{"ann": 0, "zed": 1, "bob": 1, "kim": 2, "cat": 2, "dov": 0, "eli": 1}
	all, err := p.Trends(TrendInput{Periods: months(2), Scores: scores})
	require.NoError(t, err)
	var got []string
	for _, im := range all.Improvers {
		got = append(got, fmt.Sprintf("%s%+g", im.Agent, im.Change))
	}
	require.Equal(t, []string{"ann+20", "cat+15", "bob+10", "dov+10", "kim+10", "zed+10"}, got)

	parts := make([]TrendInput, 3)
	for _, s := range scores {
		k := team[s.Agent]
		parts[k].Periods = months(2)
		parts[k].Scores = append(parts[k].Scores, s)
	}
	var lists [][]Improver
	for _, in := range parts {
		rep, err := p.Trends(in)
		require.NoError(t, err)
		lists = append(lists, rep.Improvers)
	}
	// In any order of the partitions.
	for range 3 {
		merged, err := p.MergeImprovers(lists...)
		require.NoError(t, err)
		assert.Equal(t, all.Improvers, merged)
		lists = append(lists[1:], lists[0])
	}
	// One partition alone is its own ranking.
	one, err := p.MergeImprovers(lists[0])
	require.NoError(t, err)
	assert.Equal(t, lists[0], one)
}

func TestMergeImproversInput(t *testing.T) {
	p := DefaultPolicy()
	im := func(agent string, change float64) Improver { return Improver{Agent: agent, Change: change} }
	tests := []struct {
		reason string
		lists  [][]Improver
		want   string
	}{
		{"an agent in two partitions: its data was split", [][]Improver{{im("ann", 5)}, {im("bob", 4), im("ann", 3)}},
			`lists[1][1].agent: "ann" duplicates lists[0][0].agent`},
		{"twice in one list", [][]Improver{{im("ann", 5), im("ann", 5)}}, `lists[0][1].agent: "ann" duplicates lists[0][0].agent`},
		{"no agent", [][]Improver{{im("ann", 1)}, {im("", 2)}}, "lists[1][0].agent: is required"},
		{"NaN change", [][]Improver{nil, {im("ann", 1), im("bob", math.NaN())}}, "lists[1][1].change: NaN is not a number of points"},
		{"infinite change", [][]Improver{{im("ann", math.Inf(1))}}, "lists[0][0].change: +Inf is not a number of points"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			before := fmt.Sprint(tc.lists)
			got, err := p.MergeImprovers(tc.lists...)
			assert.EqualError(t, err, tc.want)
			asInputError(t, err)
			assert.Nil(t, got)
			assert.Equal(t, before, fmt.Sprint(tc.lists), "the lists are not modified")
		})
	}

	got, err := p.MergeImprovers()
	require.NoError(t, err)
	assert.Nil(t, got, "no lists, no improver")
	got, err = p.MergeImprovers(nil, []Improver{})
	require.NoError(t, err)
	assert.Nil(t, got, "empty lists, no improver")

	// The lists given stay in their order; the ranking is a new slice.
	a := []Improver{im("bob", 1), im("ann", 9)}
	got, err = p.MergeImprovers(a)
	require.NoError(t, err)
	assert.Equal(t, []Improver{im("ann", 9), im("bob", 1)}, got)
	assert.Equal(t, "bob", a[0].Agent)
}

// TestSamplingPlanPartitionByTeam: a sampling plan holds no center-wide
// state but its total: the plans of the teams, their lines one after
// the other, are the plan of the center with its agents in that order,
// and their totals add up to the center's.
func TestSamplingPlanPartitionByTeam(t *testing.T) {
	p := DefaultPolicy()
	start := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	period := monthFrom(start)
	teams := make([][]SampleAgent, 4)
	for a := range 41 {
		sa := SampleAgent{Agent: fmt.Sprintf("a%02d", a), RecentMean: float64(50 + a), RecentN: a % 7, Evaluated: a % 13}
		if a%3 == 0 {
			sa.HiredAt = start.AddDate(0, 0, -a*5)
		}
		if a%4 == 0 {
			sa.Complaints = []time.Time{start.AddDate(0, 0, -a)}
		}
		teams[a%5%4] = append(teams[a%5%4], sa)
	}
	var center []SampleAgent
	var lines []SampleLine
	total := 0
	for _, team := range teams {
		center = append(center, team...)
		plan, err := p.SamplingPlan(period, team)
		require.NoError(t, err)
		lines = append(lines, plan.Lines...)
		total += plan.Total
	}
	all, err := p.SamplingPlan(period, center)
	require.NoError(t, err)
	assert.Equal(t, all.Lines, lines)
	assert.Equal(t, all.Total, total)
	assert.Greater(t, total, 4*len(center), "some agent got an extra, or the test shows little")
}

// TestTrendsAllocs: Trends allocates a few arrays for its input, however
// many scores, and only the reasons it states on top; here no reason
// fires (every agent steady at 90), so 100 times the scores and agents
// may cost only the growth of the agent index, never an allocation per
// agent or per score.
func TestTrendsAllocs(t *testing.T) {
	p := DefaultPolicy()
	in := func(agents int) TrendInput {
		in := TrendInput{Periods: months(2)}
		for m := range 2 {
			for d := range 5 {
				for a := range agents {
					in.Scores = append(in.Scores, ScorePoint{Agent: fmt.Sprintf("a%05d", a), At: jan.AddDate(0, m, d), Score: 90})
				}
			}
		}
		return in
	}
	allocs := func(in TrendInput) float64 {
		return testing.AllocsPerRun(5, func() {
			rep, err := p.Trends(in)
			if err != nil || len(rep.Improvers) > 0 || len(rep.Trends[0].Reasons) > 0 {
				t.Fatal("a reason fired", err)
			}
		})
	}
	small, large := allocs(in(10)), allocs(in(1000))
	assert.LessOrEqual(t, small, 20.0, "100 scores of 10 agents")
	assert.Less(t, large, small+50, "10,000 scores of 1,000 agents")
}
