package incentives

import (
	"github.com/callfloor/callfloor"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUnmeasuredMetricsNeverFire checks, for every kind of rule, that a
// metric a record leaves out makes the rule not fire, even where the
// condition would hold on NaN ("complaints != 0", "!(csat < 4)"): reward
// rules, tiers (the next tier is tried), points, the QA band, the
// improver ranking, a contest's team mean and a ladder requirement.
func TestUnmeasuredMetricsNeverFire(t *testing.T) {
	p := mustPolicy(t, "testdata/measured.yaml")
	full := func(id string) AgentRecord {
		return AgentRecord{ID: id, Team: "t", Hired: hired(2020), QAEvaluations: 5,
			Metrics: map[string]float64{"qa_avg": 95, "qa_improvement": 3, "csat": 4.6, "complaints": 1},
			Career:  CareerRecord{Metrics: map[string]float64{"csat": 4.2}}}
	}
	agents := []AgentRecord{full("full"), full("nocsat"), full("nocomplaints"), full("noqa"), full("noimp"), full("held")}
	delete(agents[1].Metrics, "csat")
	agents[1].Metrics["complaints"] = 0
	agents[1].Career.Metrics = nil
	delete(agents[2].Metrics, "complaints")
	delete(agents[3].Metrics, "qa_avg")
	delete(agents[4].Metrics, "qa_improvement")
	agents[5].QAEvaluations = 1
	st, err := p.Evaluate(march, agents)
	require.NoError(t, err)

	type line struct {
		Rule         string
		Kind         LineKind
		Amount, Held int64
		Points       int64
		Reason, Note string
	}
	byAgent := map[string][]line{}
	for _, l := range st.Lines {
		if l.Kind == KindGrade || l.Rule() == "contests.c" {
			continue
		}
		byAgent[l.Agent] = append(byAgent[l.Agent], line{l.Rule(), l.Kind, l.Amount, l.Held, l.Points, reasonOf(l), noteOf(l)})
	}
	high := func(amount int64) string {
		return "EUR " + cents(amount*2/3) + " × 150% for QA band high (qa_avg=95, band from 90) = EUR " + cents(amount)
	}
	const improver = "rank 1 of the fastest improvers: qa_improvement +3 over 5 evaluations"
	tests := []struct {
		agent string
		want  []line
	}{
		{"full", []line{
			{"rewards.rules.any_complaint", KindAward, 0, 0, 1, "complaints != 0 (complaints=1)", ""},
			{"rewards.rules.not_low_csat", KindAward, 150, 0, 0, "!(csat < 4) (csat=4.6)", high(150)},
			{"rewards.rules.qa_nonzero", KindAward, 300, 0, 0, "qa_avg != 0 (qa_avg=95)", high(300)},
			{"rewards.tiers.star.gold", KindAward, 1500, 0, 0, "gold of star: !(csat < 4.5) (csat=4.6)", high(1500)},
			{"rewards.points.csat", KindAward, 0, 0, 6, "points award: csat 4.6 on the line from 4 to 5 earns 6 of 10 points", ""},
			{"rewards.improvers", KindAward, 75, 0, 0, improver, high(75)},
		}},
		{"nocsat", []line{
			{"rewards.rules.qa_nonzero", KindAward, 300, 0, 0, "qa_avg != 0 (qa_avg=95)", high(300)},
			{"rewards.tiers.star.silver", KindAward, 750, 0, 0, "silver of star: complaints == 0 (complaints=0)", high(750)},
			{"rewards.improvers", KindAward, 75, 0, 0, improver, high(75)},
		}},
		{"nocomplaints", []line{
			{"rewards.rules.not_low_csat", KindAward, 150, 0, 0, "!(csat < 4) (csat=4.6)", high(150)},
			{"rewards.rules.qa_nonzero", KindAward, 300, 0, 0, "qa_avg != 0 (qa_avg=95)", high(300)},
			{"rewards.tiers.star.gold", KindAward, 1500, 0, 0, "gold of star: !(csat < 4.5) (csat=4.6)", high(1500)},
			{"rewards.points.csat", KindAward, 0, 0, 6, "points award: csat 4.6 on the line from 4 to 5 earns 6 of 10 points", ""},
			{"rewards.improvers", KindAward, 75, 0, 0, improver, high(75)},
		}},
		{"noqa", []line{
			{"rewards.rules.any_complaint", KindAward, 0, 0, 1, "complaints != 0 (complaints=1)", ""},
			{"rewards.rules.not_low_csat", KindAward, 100, 0, 0, "!(csat < 4) (csat=4.6)", "no QA band: qa_avg not measured, the bonus stays EUR 1.00"},
			{"rewards.tiers.star.gold", KindAward, 1000, 0, 0, "gold of star: !(csat < 4.5) (csat=4.6)", "no QA band: qa_avg not measured, the bonus stays EUR 10.00"},
			{"rewards.points.csat", KindAward, 0, 0, 6, "points award: csat 4.6 on the line from 4 to 5 earns 6 of 10 points", ""},
			{"rewards.improvers", KindAward, 50, 0, 0, improver, "no QA band: qa_avg not measured, the bonus stays EUR 0.50"},
		}},
		{"noimp", []line{
			{"rewards.rules.any_complaint", KindAward, 0, 0, 1, "complaints != 0 (complaints=1)", ""},
			{"rewards.rules.not_low_csat", KindAward, 150, 0, 0, "!(csat < 4) (csat=4.6)", high(150)},
			{"rewards.rules.qa_nonzero", KindAward, 300, 0, 0, "qa_avg != 0 (qa_avg=95)", high(300)},
			{"rewards.tiers.star.gold", KindAward, 1500, 0, 0, "gold of star: !(csat < 4.5) (csat=4.6)", high(1500)},
			{"rewards.points.csat", KindAward, 0, 0, 6, "points award: csat 4.6 on the line from 4 to 5 earns 6 of 10 points", ""},
		}},
		{"held", []line{
			{"rewards.rules.any_complaint", KindAward, 0, 0, 1, "complaints != 0 (complaints=1)", ""},
			{"rewards.rules.not_low_csat", KindAward, 100, 0, 0, "!(csat < 4) (csat=4.6)", "no QA band: qa_avg held, the bonus stays EUR 1.00"},
			{"rewards.rules.qa_nonzero", KindHold, 0, 200, 0, "held: the QA average rests on 1 evaluation, fewer than 2; qa_avg != 0 (qa_avg=95)", ""},
			{"rewards.tiers.star.gold", KindAward, 1000, 0, 0, "gold of star: !(csat < 4.5) (csat=4.6)", "no QA band: qa_avg held, the bonus stays EUR 10.00"},
			{"rewards.points.csat", KindAward, 0, 0, 6, "points award: csat 4.6 on the line from 4 to 5 earns 6 of 10 points", ""},
			{"rewards.improvers", KindHold, 0, 50, 0, "held: the QA average rests on 1 evaluation, fewer than 2; qa_improvement +3 would rank among the fastest improvers", ""},
			{"rewards.qa_multiplier.bands.high", KindHold, 0, 550, 0, "held: the QA average rests on 1 evaluation, fewer than 2; QA band high (qa_avg=95) would make bonuses 150%", ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.agent, func(t *testing.T) {
			assert.Equal(t, tt.want, byAgent[tt.agent])
		})
	}

	t.Run("the contest counts only agents whose metric is measured", func(t *testing.T) {
		require.Len(t, st.Contests, 1)
		assert.Equal(t, []stand{{Rank: 1, Team: "t", Agents: 5, Value: 4.6, Prize: 600, Text: "rank 1 of 1 on mean csat 4.6 over 5 agents", Rule: "contests.c"}}, stands(st.Contests[0].Table))
		shares := map[string]int64{}
		for _, l := range st.Lines {
			if l.Rule() == "contests.c" {
				shares[l.Agent] = l.Amount
			}
		}
		assert.Equal(t, map[string]int64{"full": 120, "nocomplaints": 120, "noqa": 120, "noimp": 120, "held": 120}, shares)
	})
	t.Run("the ladder lists an unmeasured requirement as missing", func(t *testing.T) {
		for _, c := range st.Careers {
			if c.Agent != "nocsat" {
				assert.Equal(t, "senior", c.Qualifies, c.Agent)
				continue
			}
			assert.Equal(t, "junior", c.Qualifies)
			assert.Equal(t, []NextGrade{{Grade: "senior", Track: "professional", Reasons: []callfloor.Reason{{Rule: "ladder.grades.senior.metrics.csat",
				Outcome: callfloor.NotEvaluated, Text: "csat not measured (needs 4)", Message: "incentives.reason.not_measured", Facts: []callfloor.Fact{{Name: "min", Value: 4}}}},
				Missing: []Shortfall{{Requirement: "metrics.csat", Need: 4}}}}, c.Next)
		}
	})
}

// TestTierChainSkipsUnmeasuredTiers checks the tier group's fallback when
// the first tier whose condition holds reads an unmeasured metric, with
// tiers on either side of it measured.
func TestTierChainSkipsUnmeasuredTiers(t *testing.T) {
	p, err := ParsePolicy([]byte(`version: v
currency: EUR
metrics: [{name: a}, {name: b}]
rewards:
  tiers:
    - id: g
      tiers:
        - {id: t1, when: a > 10, bonus: 4}
        - {id: t2, when: b != 1, bonus: 3}
        - {id: t3, when: "!(b > 5)", bonus: 2}
        - {id: t4, when: a > 0, bonus: 1}
`))
	require.NoError(t, err)
	tests := []struct {
		name string
		m    map[string]float64
		want string
	}{
		{"all measured: the first that holds", map[string]float64{"a": 11, "b": 1}, "rewards.tiers.g.t1"},
		{"all measured: t2", map[string]float64{"a": 5, "b": 2}, "rewards.tiers.g.t2"},
		{"b unmeasured: t2 and t3 would hold on NaN, t4 fires", map[string]float64{"a": 5}, "rewards.tiers.g.t4"},
		{"a unmeasured: t2 fires", map[string]float64{"b": 2}, "rewards.tiers.g.t2"},
		{"nothing measured: no tier", map[string]float64{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := p.Evaluate(march, []AgentRecord{{ID: "x", Team: "t", Metrics: tt.m}})
			require.NoError(t, err)
			rule := ""
			if len(st.Lines) > 0 {
				require.Len(t, st.Lines, 1)
				rule = st.Lines[0].Rule()
			}
			assert.Equal(t, tt.want, rule)
		})
	}
}

// Tiers of thresholds and a rule of thresholds run as one counted program
// (cond.Set); an unmeasured metric still keeps its tiers and rule from
// firing, and thresholds hold at their first value.
func TestCountedTiersAndRules(t *testing.T) {
	p, err := ParsePolicy([]byte(`version: v
currency: EUR
metrics: [{name: qa}, {name: csat}, {name: complaints, kind: count}]
rewards:
  rules:
    - {id: clean, when: complaints == 0 && csat >= 4, bonus: 10}
  tiers:
    - id: star
      tiers:
        - {id: gold, when: qa >= 95 && csat >= 4.6 && complaints == 0, bonus: 300}
        - {id: silver, when: qa >= 90 && csat >= 4.3 && complaints <= 1, bonus: 200}
        - {id: bronze, when: qa >= 85 && csat >= 4.0, bonus: 100}
`))
	require.NoError(t, err)
	require.Equal(t, 2, p.conds.Len(), "the rule and the tier group")
	tests := []struct {
		name string
		m    map[string]float64
		want []string
	}{
		{"gold and the rule at their first values", map[string]float64{"qa": 95, "csat": 4.6, "complaints": 0}, []string{"rewards.rules.clean", "rewards.tiers.star.gold"}},
		{"one complaint: silver, no rule", map[string]float64{"qa": 99, "csat": 4.9, "complaints": 1}, []string{"rewards.tiers.star.silver"}},
		{"two complaints: bronze", map[string]float64{"qa": 99, "csat": 4.9, "complaints": 2}, []string{"rewards.tiers.star.bronze"}},
		{"just short of bronze", map[string]float64{"qa": 84.999, "csat": 4.9, "complaints": 0}, []string{"rewards.rules.clean"}},
		{"complaints unmeasured: bronze, which does not read them", map[string]float64{"qa": 99, "csat": 4.9}, []string{"rewards.tiers.star.bronze"}},
		{"csat unmeasured: nothing", map[string]float64{"qa": 99, "complaints": 0}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := p.Evaluate(march, []AgentRecord{{ID: "x", Team: "t", Metrics: tt.m}})
			require.NoError(t, err)
			var rules []string
			for i := range st.Lines {
				rules = append(rules, st.Lines[i].Rule())
			}
			assert.Equal(t, tt.want, rules)
		})
	}
}
