package incentives

import (
	"fmt"
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type got struct {
	Rule   string
	Kind   LineKind
	Amount int64
	Held   int64
	Points int64
}

func summary(lines []Line) []got {
	out := make([]got, len(lines))
	for i, l := range lines {
		out[i] = got{l.Rule(), l.Kind, l.Amount, l.Held, l.Points}
	}
	return out
}

func one(t *testing.T, p *Policy, a AgentRecord) Statement {
	t.Helper()
	st, err := p.Evaluate(march, []AgentRecord{a})
	require.NoError(t, err)
	return st
}

func agentWith(m map[string]float64) AgentRecord {
	return AgentRecord{ID: "a", Team: "t", Hired: hired(2024), QAEvaluations: 10, Metrics: m}
}

func TestRewardTiersBandsAndCaps(t *testing.T) {
	p := small(t)
	tests := []struct {
		name string
		m    map[string]float64
		want []got
	}{
		{"gold at its first values, x125%, then cut to the 15000 cap by largest remainder",
			map[string]float64{"qa_avg": 95, "csat": 4.8, "complaints": 0},
			[]got{{"rewards.rules.no_complaints", KindAward, 1154, 0, 5}, {"rewards.rules.quality", KindAward, 2308, 0, 0},
				{"rewards.tiers.star.gold", KindAward, 11538, 0, 0}, {"rewards.points.csat", KindAward, 0, 0, 8}}},
		{"qa 94.9 misses gold and takes silver; band mid is 100%",
			map[string]float64{"qa_avg": 94.9, "csat": 4.8, "complaints": 1},
			[]got{{"rewards.rules.quality", KindAward, 2000, 0, 0}, {"rewards.tiers.star.silver", KindAward, 6000, 0, 0}, {"rewards.points.csat", KindAward, 0, 0, 8}}},
		{"silver at its first values",
			map[string]float64{"qa_avg": 90, "csat": 4.5, "complaints": 1},
			[]got{{"rewards.rules.quality", KindAward, 2000, 0, 0}, {"rewards.tiers.star.silver", KindAward, 6000, 0, 0}, {"rewards.points.csat", KindAward, 0, 0, 5}}},
		{"qa 89.9 falls to bronze",
			map[string]float64{"qa_avg": 89.9, "csat": 4.5, "complaints": 1},
			[]got{{"rewards.tiers.star.bronze", KindAward, 3000, 0, 0}, {"rewards.points.csat", KindAward, 0, 0, 5}}},
		{"band low halves every bonus line",
			map[string]float64{"qa_avg": 84.9, "csat": 4.49, "complaints": 0, "compliments": 1},
			[]got{{"rewards.rules.no_complaints", KindAward, 500, 0, 5}, {"rewards.compliments", KindAward, 150, 0, 0}, {"rewards.points.csat", KindAward, 0, 0, 4}}},
		{"compliments: three are 900, the last below the cap",
			map[string]float64{"qa_avg": 85, "compliments": 3, "complaints": 2},
			[]got{{"rewards.compliments", KindAward, 900, 0, 0}}},
		{"compliments: four are capped at 1000",
			map[string]float64{"qa_avg": 85, "compliments": 4, "complaints": 2},
			[]got{{"rewards.compliments", KindAward, 1000, 0, 0}}},
		{"handle time points grow as time falls: 300 s is half way",
			map[string]float64{"aht_seconds": 300, "complaints": 2},
			[]got{{"rewards.points.aht", KindAward, 0, 0, 5}}},
		{"400 s, the from end, earns nothing",
			map[string]float64{"aht_seconds": 400, "complaints": 2}, []got{}},
		{"200 s, the to end, earns all",
			map[string]float64{"aht_seconds": 200, "complaints": 2},
			[]got{{"rewards.points.aht", KindAward, 0, 0, 10}}},
		{"nothing measured, nothing earned", map[string]float64{}, []got{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := one(t, p, agentWith(tt.m))
			lines := []Line{}
			for _, l := range st.Lines {
				if l.Kind != KindGrade {
					lines = append(lines, l)
				}
			}
			assert.Equal(t, tt.want, summary(lines))
		})
	}
}

func TestRewardReasonsAndNotes(t *testing.T) {
	p := small(t)
	st := one(t, p, agentWith(map[string]float64{"qa_avg": 96.5, "csat": 4.9, "complaints": 0, "compliments": 2}))
	l := st.Lines[2]
	require.Equal(t, "rewards.tiers.star.gold", l.Rule())
	assert.Equal(t, "gold of star: qa_avg >= 95 && csat >= 4.8 (qa_avg=96.5, csat=4.9)", reasonOf(l))
	assert.Equal(t, "EUR 100.00 × 125% for QA band high (qa_avg=96.5, band from 95) = EUR 125.00; bonuses capped at EUR 150.00 per agent: the agent's EUR 170.00 cut in proportion, this line's EUR 125.00 to EUR 110.29", noteOf(l))
	assert.Equal(t, int64(10000), l.Base)
	assert.Equal(t, "Gold Star", l.Title)
	c := st.Lines[3]
	assert.Equal(t, "2 customer compliments × EUR 3.00 = EUR 6.00", reasonOf(c))
	assert.Contains(t, recogs(st.Public), recog{Agent: "a", Team: "t", Kind: "title", Rule: "rewards.tiers.star.gold", Text: "Gold Star"})
	assert.Contains(t, recogs(st.Public), recog{Agent: "a", Team: "t", Kind: "compliments", Rule: "rewards.compliments", Text: "2 customer compliments"})
}

func TestApplyPercentRoundsHalfUp(t *testing.T) {
	tests := []struct{ amount, pct, want int64 }{
		{3, 50, 2},  // 1.5 rounds up
		{1, 125, 1}, // 1.25 rounds down
		{2, 125, 3}, // 2.5 rounds up
		{10000, 120, 12000},
		{maxAmount, maxPercent, maxAmount * 10},
		{7, 0, 0},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, applyPercent(tt.amount, tt.pct), "%d x %d%%", tt.amount, tt.pct)
	}
}

func TestQAHoldsOutOfPay(t *testing.T) {
	p := small(t)
	m := map[string]float64{"qa_avg": 96, "csat": 4.9, "complaints": 0, "qa_improvement": 9}
	for _, tc := range []struct {
		name   string
		edit   func(a *AgentRecord)
		reason string
	}{
		{"an open dispute", func(a *AgentRecord) { a.QADisputeOpen = true }, "a QA evaluation is under open dispute"},
		{"too few evaluations", func(a *AgentRecord) { a.QAEvaluations = 3 }, "the QA average rests on 3 evaluations, fewer than 4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := agentWith(m)
			tc.edit(&a)
			st := one(t, p, a)
			want := []got{
				{"rewards.rules.no_complaints", KindAward, 1000, 0, 5},
				{"rewards.rules.quality", KindHold, 0, 2000, 0},
				{"rewards.tiers.star.bronze", KindAward, 3000, 0, 0},
				{"rewards.tiers.star.gold", KindHold, 0, 10000, 0},
				{"rewards.points.csat", KindAward, 0, 0, 9},
				{"rewards.qa_multiplier.bands.high", KindHold, 0, 1000, 0},
			}
			var lines []Line
			for _, l := range st.Lines {
				if l.Kind != KindGrade {
					lines = append(lines, l)
				}
			}
			if a.QAEvaluations >= 6 {
				want = append(want[:5], got{"rewards.improvers", KindHold, 0, 500, 0}, want[5])
			}
			assert.Equal(t, want, summary(lines))
			assert.Equal(t, "held: "+tc.reason+"; qa_avg >= 90 (qa_avg=96)", reasonOf(lines[1]))
			assert.Equal(t, "held: "+tc.reason+"; QA band high (qa_avg=96) would make bonuses 125%", reasonOf(lines[len(lines)-1]))
			assert.Equal(t, int64(4000), st.Center.Net)
			assert.Equal(t, 2000+10000+1000+int64(len(want)-6)*500, st.Center.Held)
			for _, it := range st.Private {
				assert.Equal(t, ItemHold, it.Kind)
			}
		})
	}
}

func TestImprovers(t *testing.T) {
	p := small(t)
	mk := func(id string, imp float64, evals int) AgentRecord {
		a := agentWith(map[string]float64{"qa_improvement": imp, "complaints": 1})
		a.ID, a.QAEvaluations = id, evals
		return a
	}
	tests := []struct {
		name   string
		agents []AgentRecord
		want   map[string]string
	}{
		{"two tie for first: both rank 1, the third is out",
			[]AgentRecord{mk("a", 5, 8), mk("b", 5, 8), mk("c", 3, 8)},
			map[string]string{"a": "rank 1", "b": "rank 1"}},
		{"a tie at the last place takes both",
			[]AgentRecord{mk("a", 6, 8), mk("b", 4, 8), mk("c", 4, 8), mk("d", 1, 8)},
			map[string]string{"a": "rank 1", "b": "rank 2", "c": "rank 2"}},
		{"too few evaluations and too little improvement do not count",
			[]AgentRecord{mk("a", 9, 5), mk("b", 0.9, 8), mk("c", 1, 6)},
			map[string]string{"c": "rank 1"}},
		{"nobody improved", []AgentRecord{mk("a", -2, 8), mk("b", 0, 8)}, map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := p.Evaluate(march, tt.agents)
			require.NoError(t, err)
			gotm := map[string]string{}
			for _, l := range st.Lines {
				if l.Rule() == "rewards.improvers" {
					require.Equal(t, int64(500), l.Amount)
					gotm[l.Agent] = reasonOf(l)[:6]
				}
			}
			assert.Equal(t, tt.want, gotm)
		})
	}
}

func TestPointsCap(t *testing.T) {
	src := []byte(`version: v
currency: EUR
metrics: [{name: x}]
rewards:
  rules:
    - {id: a, when: x > 0, points: 70}
    - {id: b, when: x > 0, points: 50}
  caps: {points: 100}
`)
	p, err := ParsePolicy(src)
	require.NoError(t, err)
	st, err := p.Evaluate(march, []AgentRecord{{ID: "a", Team: "t", Metrics: map[string]float64{"x": 1}}})
	require.NoError(t, err)
	// 70 and 50 scaled to 100: 58.33 and 41.67, the leftover point to the
	// larger remainder.
	assert.Equal(t, []got{{"rewards.rules.a", KindAward, 0, 0, 58}, {"rewards.rules.b", KindAward, 0, 0, 42}}, summary(st.Lines))
	assert.Equal(t, "points capped at 100 per agent: the agent's 120 points cut in proportion, this line's 70 to 58", noteOf(st.Lines[0]))
	assert.Equal(t, int64(100), st.Center.Points)
}

func TestQAHoldStartsBelowTheMinimumCount(t *testing.T) {
	p := small(t)
	a := agentWith(map[string]float64{"qa_avg": 91, "complaints": 1})
	a.QAEvaluations = 4 // qa.min_evaluations exactly: the figures count
	st := one(t, p, a)
	assert.Equal(t, []got{{"rewards.rules.quality", KindAward, 2000, 0, 0}}, summary(st.Lines[:1]))
	assert.Equal(t, "qa_avg >= 90 (qa_avg=91)", reasonOf(st.Lines[0]))
	assert.Empty(t, st.Private)

	a.QAEvaluations = 0
	st = one(t, p, a)
	assert.Equal(t, []got{{"rewards.rules.quality", KindHold, 0, 2000, 0}}, summary(st.Lines[:1]))
	assert.Equal(t, "held: the QA average rests on 0 evaluations, fewer than 4; qa_avg >= 90 (qa_avg=91)", reasonOf(st.Lines[0]))
	assert.Equal(t, []item{{Agent: "a", Team: "t", Kind: "hold", Rule: "rewards.rules.quality", Text: reasonOf(st.Lines[0])}}, items(st.Private))
}

func TestBonusCapReachedExactlyCutsNothing(t *testing.T) {
	src := []byte(`version: v
currency: EUR
metrics: [{name: x}]
rewards:
  rules:
    - {id: a, when: x > 0, bonus: 600}
    - {id: b, when: x > 1, bonus: 400}
  caps: {bonus: 1000}
`)
	p, err := ParsePolicy(src)
	require.NoError(t, err)
	st, err := p.Evaluate(march, []AgentRecord{{ID: "a", Team: "t", Metrics: map[string]float64{"x": 2}}})
	require.NoError(t, err)
	assert.Equal(t, []got{{"rewards.rules.a", KindAward, 600, 0, 0}, {"rewards.rules.b", KindAward, 400, 0, 0}}, summary(st.Lines))
	assert.Empty(t, noteOf(st.Lines[0]))
	assert.Empty(t, noteOf(st.Lines[1]))

	// A cap one unit short: 600 and 400 scaled to 999 are 599.4 and
	// 399.6, and the unit left over goes to the larger remainder.
	p2, err := ParsePolicy(append(src[:len(src)-len("  caps: {bonus: 1000}\n")], []byte("  caps: {bonus: 999}\n")...))
	require.NoError(t, err)
	st, err = p2.Evaluate(march, []AgentRecord{{ID: "a", Team: "t", Metrics: map[string]float64{"x": 2}}})
	require.NoError(t, err)
	assert.Equal(t, []got{{"rewards.rules.a", KindAward, 599, 0, 0}, {"rewards.rules.b", KindAward, 400, 0, 0}}, summary(st.Lines))
	assert.Equal(t, "bonuses capped at EUR 9.99 per agent: the agent's EUR 10.00 cut in proportion, this line's EUR 6.00 to EUR 5.99", noteOf(st.Lines[0]))
	assert.Empty(t, noteOf(st.Lines[1]), "a line the cap left whole says nothing")
}

func TestAppendNum(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{
		{96.5, "96.5"},
		{4, "4"},
		{-0.25, "-0.25"},
		{0.125, "0.13"},
		{88.60590277777777, "88.61"},
		{85.4948, "85.49"},
		{1e13 + 0.5, "10000000000000.5"},
		{math.NaN(), "not measured"},
	} {
		assert.Equal(t, tt.want, string(appendNum(nil, tt.v)), "%v", tt.v)
	}
}

// cents formats minor units with two decimals, as the policies of the
// tests do.
func cents(v int64) string { return strconv.FormatInt(v/100, 10) + "." + fmt.Sprintf("%02d", v%100) }

// The lowest improvement that ranked is rounded as any figure is: it is
// the threshold the others are compared with, not one it must keep clear
// of.
func TestImproverFigureRounded(t *testing.T) {
	for _, locale := range []string{"en", "zh-CN"} {
		p, err := ParsePolicy([]byte("locale: " + locale + "\nversion: \"1\"\ncurrency: CNY\nmetrics:\n  - {name: qa_improvement, min: -100, max: 100}\n" +
			"rewards:\n  improvers: {metric: qa_improvement, top: 2, min_evaluations: 1, min_improvement: 2, bonus: 100}\n"))
		require.NoError(t, err)
		rec := func(id string, v float64) AgentRecord {
			return AgentRecord{ID: id, Team: "t", QAEvaluations: 3, Metrics: map[string]float64{"qa_improvement": v}}
		}
		st, err := p.Evaluate(march, []AgentRecord{rec("a", 9.5), rec("b", 8.03292124542125), rec("c", 2.004)})
		require.NoError(t, err)
		var texts []string
		for _, l := range st.Lines {
			texts = append(texts, l.Agent+": "+l.Reasons[0].Text)
		}
		want := map[string][]string{
			"en": {"a: rank 1 of the fastest improvers: qa_improvement +9.5 over 3 evaluations",
				"b: rank 2 of the fastest improvers: qa_improvement +8.03 over 3 evaluations"},
			"zh-CN": {"a: 进步最快第1名：qa_improvement提升9.5，共3次质检",
				"b: 进步最快第2名：qa_improvement提升8.03，共3次质检"},
		}[locale]
		require.Equal(t, want, texts, locale)
	}
}
