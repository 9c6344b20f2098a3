package incentives

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func member(id, team, metric string, v float64) AgentRecord {
	return AgentRecord{ID: id, Team: team, Metrics: map[string]float64{metric: v}}
}

func TestWeeklyContestTiesShareRankAndPrize(t *testing.T) {
	p := small(t)
	week := WeekOf(day(3))
	agents := []AgentRecord{
		member("a1", "A", "csat", 4.5), member("a2", "A", "csat", 4.7),
		member("b1", "B", "csat", 4.6), member("b2", "B", "csat", 4.6),
		member("c1", "C", "csat", 4.0), member("c2", "C", "csat", 4.2),
		member("d1", "D", "csat", 5),
	}
	st, err := p.Evaluate(week, agents)
	require.NoError(t, err)
	require.Len(t, st.Contests, 1, "only the weekly contest runs in a week")
	c := st.Contests[0]
	assert.Equal(t, "weekly_csat", c.ID)
	var table []Standing
	for _, s := range c.Table {
		s.Value = math.Round(s.Value*1e6) / 1e6
		table = append(table, s)
	}
	assert.Equal(t, []stand{
		{Rank: 1, Team: "A", Agents: 2, Value: 4.6, Prize: 700, Text: "rank 1 of 3 on mean csat 4.6 over 2 agents", Rule: "contests.weekly_csat"},
		{Rank: 1, Team: "B", Agents: 2, Value: 4.6, Prize: 700, Text: "rank 1 of 3 on mean csat 4.6 over 2 agents", Rule: "contests.weekly_csat"},
		{Rank: 3, Team: "C", Agents: 2, Value: 4.1, Prize: 0, Text: "rank 3 of 3 on mean csat 4.1 over 2 agents", Rule: "contests.weekly_csat"},
		{Rank: 0, Team: "D", Agents: 1, Value: 5, Prize: 0, Text: "unranked: 1 measured agent, the contest needs 2", Rule: "contests.weekly_csat"},
	}, stands(table))
	assert.Equal(t, []got{
		{"contests.weekly_csat", KindAward, 350, 0, 0}, {"contests.weekly_csat", KindAward, 350, 0, 0},
		{"contests.weekly_csat", KindAward, 350, 0, 0}, {"contests.weekly_csat", KindAward, 350, 0, 0},
	}, summary(st.Lines))
	assert.Equal(t, int64(1400), st.Center.Bonus)
	assert.Empty(t, st.Careers, "the ladder runs in pay periods only")
}

func TestMonthlyContestLowerIsBetterOddSplit(t *testing.T) {
	p := small(t)
	agents := []AgentRecord{
		member("a1", "A", "aht_seconds", 200), member("a2", "A", "aht_seconds", 300),
		member("b1", "B", "aht_seconds", 250), member("b2", "B", "aht_seconds", 250),
		member("c1", "C", "aht_seconds", 240), member("c2", "C", "aht_seconds", 260),
		member("d1", "D", "aht_seconds", 100), member("d2", "D", "aht_seconds", 900),
	}
	agents[2].Crisis = true
	for i := range agents {
		agents[i].Hired = hired(2024)
		agents[i].QAEvaluations = 10
	}
	st, err := p.Evaluate(march, agents)
	require.NoError(t, err)
	require.Len(t, st.Contests, 1)
	// Three teams tie at 250 s for places 1 to 3: 1000+600+301 = 1901
	// shared 634, 634, 633 by team id; D is fourth.
	prizes := map[string]int64{}
	for _, s := range st.Contests[0].Table {
		prizes[s.Team] = s.Prize
		if s.Team != "D" {
			assert.Equal(t, 1, s.Rank)
		}
	}
	assert.Equal(t, map[string]int64{"A": 634, "B": 634, "C": 633, "D": 0}, prizes)
	var cl []got
	for _, l := range st.Lines {
		if l.Rule() == "contests.monthly_aht" {
			cl = append(cl, got{l.Agent, l.Kind, l.Amount, l.Held, 0})
		}
	}
	assert.Equal(t, []got{
		{"a1", KindAward, 317, 0, 0}, {"a2", KindAward, 317, 0, 0},
		{"b1", KindHold, 0, 317, 0}, {"b2", KindAward, 317, 0, 0},
		{"c1", KindAward, 317, 0, 0}, {"c2", KindAward, 316, 0, 0},
	}, cl)
	assert.Contains(t, recogs(st.Public), recog{Team: "A", Kind: "contest", Rule: "contests.monthly_aht", Text: "rank 1 in monthly_aht"})
}

func TestContestHoldStatesItsReason(t *testing.T) {
	p := small(t)
	agents := []AgentRecord{member("a1", "A", "aht_seconds", 200), member("a2", "A", "aht_seconds", 210)}
	for i := range agents {
		agents[i].Hired = hired(2024)
		agents[i].QAEvaluations = 10
	}
	agents[1].SevereTier = true
	st, err := p.Evaluate(march, agents)
	require.NoError(t, err)
	var held []Line
	for _, l := range st.Lines {
		if l.Kind == KindHold {
			held = append(held, l)
		}
	}
	require.Len(t, held, 1)
	assert.Equal(t, "a2", held[0].Agent)
	assert.Equal(t, "contests.monthly_aht", held[0].Rule())
	assert.Equal(t, int64(500), held[0].Held)
	assert.Equal(t, "wellbeing hold: care comes before discipline and contest placings; team A ranks 1 in monthly_aht (mean aht_seconds 205 over 2 agents): the team prize EUR 10.00 shared equally by 2 agents = EUR 5.00", reasonOf(held[0]))
	assert.Equal(t, []item{{Agent: "a2", Team: "A", Kind: "hold", Rule: "contests.monthly_aht", Text: reasonOf(held[0])}}, items(st.Private))
	assert.Equal(t, Totals{Bonus: 500, Net: 500, Points: 10 + 9, HeldBonus: 500, Held: 500}, st.Center, "aht points: 200 s earns 10, 210 s 9")
}

func TestContestMinimumTeamSizeAtItsValue(t *testing.T) {
	p := small(t)
	week := WeekOf(day(3))
	agents := []AgentRecord{
		member("a1", "A", "csat", 4), member("a2", "A", "csat", 4.2), // exactly the minimum of 2
		member("b1", "B", "csat", 5), {ID: "b2", Team: "B"}, // one measured: unranked
	}
	st, err := p.Evaluate(week, agents)
	require.NoError(t, err)
	require.Len(t, st.Contests, 1)
	tbl := st.Contests[0].Table
	require.Len(t, tbl, 2)
	assert.Equal(t, 1, tbl[0].Rank)
	assert.Equal(t, "A", tbl[0].Team)
	assert.Equal(t, int64(900), tbl[0].Prize)
	assert.Equal(t, stand{Team: "B", Agents: 1, Value: 5, Text: "unranked: 1 measured agent, the contest needs 2", Rule: "contests.weekly_csat"}, standOf(tbl[1]))
}
