package incentives

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The sentences a manager reads: counts agree with their nouns, figures
// are rounded without misstating a rule, and every amount's sentence
// shows the factors that make it.
func TestSentences(t *testing.T) {
	p := DefaultPolicy()
	agent := func(id, team string, m map[string]float64) AgentRecord {
		a := AgentRecord{ID: id, Team: team, Hired: hired(2020), QAEvaluations: 8, Metrics: m}
		return a
	}
	agents := []AgentRecord{
		agent("a1", "north", map[string]float64{"qa_avg": 94.996, "compliments": 1, "csat": 4.2}),
		agent("a2", "north", map[string]float64{"qa_avg": 85.4948, "compliments": 12}),
		agent("a3", "north", map[string]float64{"qa_avg": 90.004, "csat": 4.4, "fcr": 75, "complaints": 1, "calls": 250}),
		agent("a4", "north", map[string]float64{"qa_avg": 90}),
		agent("a5", "north", map[string]float64{"qa_avg": 90}),
	}
	for i := 0; i < 7; i++ {
		agents = append(agents, agent("b"+string(rune('1'+i)), "south", map[string]float64{"qa_avg": float64(80 + i)}))
	}
	agents[0].Career = CareerRecord{QAAverage: 87.996, QAEvaluations: 40}
	st, err := p.Evaluate(march, agents)
	require.NoError(t, err)
	checkStatement(t, st)
	type sentence struct{ reason, note string }
	got := map[string]sentence{}
	for _, l := range st.Lines {
		got[l.Agent+" "+l.Rule()] = sentence{reasonOf(l), noteOf(l)}
	}
	for key, want := range map[string]sentence{
		"a1 rewards.compliments": {"1 customer compliment × CNY 20.00 = CNY 20.00",
			// 94.996 is in band good, below excellent's 95: not shown as 95.
			"CNY 20.00 × 110% for QA band good (qa_avg=94.996, band from 90) = CNY 22.00"},
		"a1 rewards.points.csat":      {"points award: csat 4.2 on the line from 4 to 5 earns 8 of 40 points", ""},
		"a1 contests.monthly_quality": {"team north ranks 1 in monthly_quality (mean qa_avg 90.1 over 5 agents): the team prize CNY 1000.00 shared equally by 5 agents = CNY 200.00", ""},
		// The standard band is 100%: the capped compliments stand as they are.
		"a2 rewards.compliments": {"12 customer compliments × CNY 20.00 = CNY 240.00, capped at CNY 200.00", ""},
		// 90.004 on the band from 90 is not shown as 90, on the threshold.
		"a3 rewards.tiers.service_star.bronze": {"bronze of service_star: very good quality, satisfaction and resolution (qa_avg=90.004, csat=4.4, fcr=75, calls=250, complaints=1)",
			"CNY 300.00 × 110% for QA band good (qa_avg=90.004, band from 90) = CNY 330.00"},
		"b1 contests.monthly_quality": {"team south ranks 2 in monthly_quality (mean qa_avg 83 over 7 agents): the team prize CNY 600.00 shared equally by 7 agents = CNY 85.72, the units left over one each to the first by agent id", ""},
		"b7 contests.monthly_quality": {"team south ranks 2 in monthly_quality (mean qa_avg 83 over 7 agents): the team prize CNY 600.00 shared equally by 7 agents = CNY 85.71, the units left over one each to the first by agent id", ""},
	} {
		assert.Equal(t, want, got[key], key)
	}
	var praise []string
	for _, r := range st.Public {
		praise = append(praise, r.Agent+": "+recogOf(r).Text)
	}
	assert.Contains(t, praise, "a1: Customer Favourite: 1 customer compliment")
	assert.Contains(t, praise, "a2: Customer Favourite: 12 customer compliments")
	require.NotEmpty(t, st.Careers)
	assert.Equal(t, "intermediate", st.Careers[0].Next[0].Grade)
	assert.Contains(t, summaryOf(st.Careers[0].Next[0]), "QA 87.996 of 88", "not shown as 88, which would meet the requirement")
}
