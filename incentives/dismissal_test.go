package incentives

import (
	"errors"
	"fmt"
	"github.com/callfloor/callfloor"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// northTeam is a team of five strong agents under the default policy: all
// earn bonuses, the csat points and an improver place, and the team wins
// the monthly quality league.
func northTeam() []AgentRecord {
	mk := func(id string, qa float64) AgentRecord {
		return AgentRecord{ID: id, Team: "north", Hired: hired(2020), QAEvaluations: 7,
			Metrics: map[string]float64{"qa_avg": qa, "qa_improvement": 6.5, "csat": 4.9, "fcr": 88, "calls": 420,
				"complaints": 0, "compliments": 4, "attendance": 100, "adherence": 98, "answered_in_3_rings": 96}}
	}
	agents := []AgentRecord{mk("chen.jie", 91), mk("li.na", 96.5), mk("liu.yang", 85), mk("wang.wei", 88), mk("zhao.min", 92)}
	agents[1].Metrics["qa_improvement"] = 9
	return agents
}

var leak = Violation{ID: "sec-0419", Kind: "customer_data_leak", At: time.Date(2025, 3, 7, 11, 20, 0, 0, time.UTC)}

type withheldGot struct {
	Rule       string
	Kind       LineKind
	Amount     int64
	Base       int64
	Held       int64
	Points     int64
	Title      string
	Badge      string
	Violations []string
	Reason     string
	Note       string
}

func withheldLines(st Statement, agent string) []withheldGot {
	out := []withheldGot{}
	for _, l := range st.AgentLines(agent) {
		out = append(out, withheldGot{l.Rule(), l.Kind, l.Amount, l.Base, l.Held, l.Points, l.Title, l.Badge, l.Violations, reasonOf(l), noteOf(l)})
	}
	return out
}

func TestDismissalWithholdsTheAwardsOfThePeriod(t *testing.T) {
	p := DefaultPolicy()
	agents := northTeam()
	agents[1].Violations = []Violation{leak}
	per := march
	budget := int64(300_000)
	per.Budget = &budget
	st, err := p.Evaluate(per, agents)
	require.NoError(t, err)
	checkStatement(t, st)

	const why = "withheld: dismissed this period (malicious leaking of customer information on 2025-03-07); "
	note := func(base, held int64) string {
		return "CNY " + cents(base) + " × 120% for QA band excellent (qa_avg=96.5, band from 95) = CNY " + cents(base*6/5) +
			"; bonuses capped at CNY 2000.00 per agent: the agent's CNY 2076.00 cut in proportion, this line's CNY " + cents(base*6/5) + " to CNY " + cents(held)
	}
	v := []string{"sec-0419"}
	assert.Equal(t, []withheldGot{
		{"rewards.rules.solved_with_praise", KindHold, 0, 20000, 23121, 20, "", "", v,
			why + "solved customers' problems with good customer feedback (fcr=88, compliments=4, complaints=0)", note(20000, 23121)},
		{"rewards.rules.service_standard", KindHold, 0, 10000, 11561, 10, "", "", v,
			why + "answered within 3 rings and kept the service standard (qa_avg=96.5, answered_in_3_rings=96)", note(10000, 11561)},
		{"rewards.rules.full_attendance", KindHold, 0, 5000, 5780, 0, "", "full_attendance", v,
			why + "every shift worked, on time, no leaving early (attendance=100, adherence=98)", note(5000, 5780)},
		{"rewards.tiers.service_star.gold", KindHold, 0, 100000, 115607, 50, "Gold Service Star", "", v,
			why + "gold of service_star: outstanding quality, satisfaction and resolution (qa_avg=96.5, csat=4.9, fcr=88, calls=420, complaints=0)", note(100000, 115607)},
		{"rewards.compliments", KindHold, 0, 8000, 9249, 0, "Customer Favourite", "", v,
			why + "4 customer compliments × CNY 20.00 = CNY 80.00", note(8000, 9249)},
		{"rewards.points.csat", KindHold, 0, 0, 0, 36, "", "", v,
			why + "points award: csat 4.9 on the line from 4 to 5 earns 36 of 40 points", ""},
		{"rewards.improvers", KindHold, 0, 30000, 34682, 20, "Fastest Improver", "", v,
			why + "rank 1 of the fastest improvers: qa_improvement +9 over 7 evaluations", note(30000, 34682)},
		{"contests.monthly_quality", KindHold, 0, 20000, 20000, 0, "Quality League", "", v,
			why + "team north ranks 1 in monthly_quality (mean qa_avg 90.5 over 5 agents): the team prize CNY 1000.00 shared equally by 5 agents = CNY 200.00", ""},
		{"discipline.kinds.customer_data_leak", KindPenalty, 0, 0, 0, 0, "", "", v,
			"malicious leaking of customer information on 2025-03-07: zero tolerance, straight to dismissal", ""},
	}, withheldLines(st, "li.na"), "every award becomes a hold of what it would have paid, capped bonuses at the cap")

	assert.Equal(t, AgentTotal{Agent: "li.na", Team: "north", Totals: Totals{HeldBonus: 220000, Held: 220000}}, st.Agents[1],
		"the CNY 2000.00 bonus cap and the CNY 200.00 prize share are held; nothing is paid, no points are counted")

	// The withheld bonuses take no share of the pool: the others' bonuses
	// ask for 385600 and share the 300000 budget among themselves.
	assert.Equal(t, Pool{Limited: true, Budget: 300000, Requested: 385600, Paid: 300000, Scaled: true}, st.Pool)
	var paid int64
	for _, l := range st.Lines {
		if l.Kind == KindAward && l.Rule() != "contests.monthly_quality" {
			paid += l.Amount
		}
	}
	assert.Equal(t, int64(300000), paid)

	for _, r := range st.Public {
		assert.NotEqual(t, "li.na", r.Agent, "a dismissed agent is not praised: %s", recogOf(r).Text)
	}
	assert.Equal(t, recog{Team: "north", Kind: "contest", Rule: "contests.monthly_quality",
		Text: "Quality League: rank 1 in monthly_quality"}, recogOf(st.Public[0]), "the team's podium stands")
	assert.Len(t, st.Public, 1+4+3+3+4, "the other agents keep their praise")

	var private []string
	for _, it := range st.Private {
		require.Equal(t, "li.na", it.Agent)
		private = append(private, string(it.Kind)+" "+itemOf(it).Rule)
	}
	assert.Equal(t, []string{
		"hold rewards.rules.solved_with_praise", "hold rewards.rules.service_standard", "hold rewards.rules.full_attendance",
		"hold rewards.tiers.service_star.gold", "hold rewards.compliments", "hold rewards.points.csat", "hold rewards.improvers",
		"hold contests.monthly_quality", "penalty discipline.kinds.customer_data_leak",
	}, private)
	assert.Equal(t, item{Agent: "li.na", Team: "north", Kind: "hold", Rule: "rewards.compliments", Violations: v,
		Text: why + "4 customer compliments × CNY 20.00 = CNY 80.00"}, itemOf(st.Private[4]))

	// Without the leak, li.na's bonuses (200000 after the cap) join the
	// pool's request.
	agents[1].Violations = nil
	clean, err := p.Evaluate(per, agents)
	require.NoError(t, err)
	assert.Equal(t, int64(385600+200000), clean.Pool.Requested)
}

func TestDismissalByProgressiveDiscipline(t *testing.T) {
	p := small(t)
	gold := map[string]float64{"qa_avg": 96, "csat": 4.8, "complaints": 0}
	three := []PriorStep{
		{Step: VerbalWarning, At: time.Date(2024, 6, 3, 0, 0, 0, 0, time.UTC)},
		{Step: WrittenWarning, At: time.Date(2024, 9, 12, 0, 0, 0, 0, time.UTC)},
		{Step: FinalWarning, At: time.Date(2024, 11, 20, 0, 0, 0, 0, time.UTC)},
	}
	verbal := []PriorStep{{Step: VerbalWarning, At: time.Date(2024, 11, 20, 0, 0, 0, 0, time.UTC)}}
	v := func(id, kind string, d int) Violation { return Violation{ID: id, Kind: kind, At: day(d)} }
	tests := []struct {
		name    string
		history []PriorStep
		viol    []Violation
		want    []withheldGot
	}{
		{"two lateness occurrences on three active steps: the step they make is dismissal",
			three, []Violation{v("l1", "late", 3), v("l2", "late", 10)},
			[]withheldGot{
				{"rewards.rules.no_complaints", KindHold, 0, 1000, 1154, 5, "", "", []string{"l1", "l2"},
					"withheld: dismissed this period (2 occurrences of late, the last on 2025-03-10); complaints == 0 (complaints=0)", "EUR 10.00 × 125% for QA band high (qa_avg=96, band from 95) = EUR 12.50; bonuses capped at EUR 150.00 per agent: the agent's EUR 162.50 cut in proportion, this line's EUR 12.50 to EUR 11.54"},
				{"rewards.rules.quality", KindHold, 0, 2000, 2308, 0, "", "", []string{"l1", "l2"},
					"withheld: dismissed this period (2 occurrences of late, the last on 2025-03-10); qa_avg >= 90 (qa_avg=96)", "EUR 20.00 × 125% for QA band high (qa_avg=96, band from 95) = EUR 25.00; bonuses capped at EUR 150.00 per agent: the agent's EUR 162.50 cut in proportion, this line's EUR 25.00 to EUR 23.08"},
				{"rewards.tiers.star.gold", KindHold, 0, 10000, 11538, 0, "Gold Star", "", []string{"l1", "l2"},
					"withheld: dismissed this period (2 occurrences of late, the last on 2025-03-10); gold of star: qa_avg >= 95 && csat >= 4.8 (qa_avg=96, csat=4.8)", "EUR 100.00 × 125% for QA band high (qa_avg=96, band from 95) = EUR 125.00; bonuses capped at EUR 150.00 per agent: the agent's EUR 162.50 cut in proportion, this line's EUR 125.00 to EUR 115.38"},
				{"rewards.points.csat", KindHold, 0, 0, 0, 8, "", "", []string{"l1", "l2"},
					"withheld: dismissed this period (2 occurrences of late, the last on 2025-03-10); points award: csat 4.8 on the line from 4 to 5 earns 8 of 10 points", ""},
				{"discipline.kinds.late.fine", KindPenalty, -500, 0, 0, 0, "", "", []string{"l1"}, "fine for late on 2025-03-03", ""},
				{"discipline.kinds.late.fine", KindPenalty, -500, 0, 0, 0, "", "", []string{"l2"}, "fine for late on 2025-03-10", ""},
				{"discipline.kinds.late", KindPenalty, 0, 0, 0, 0, "", "", []string{"l1", "l2"},
					"2 occurrences of late, the last on 2025-03-10: minor, one step up from the final_warning in force in the last 12 months", ""},
			}},
		{"rude twice on an active verbal warning: a final warning, then dismissal, which the awards name",
			verbal, []Violation{v("r2", "rude", 20), v("r1", "rude", 4)},
			[]withheldGot{
				{"rewards.rules.no_complaints", KindHold, 0, 1000, 1154, 5, "", "", []string{"r2"},
					"withheld: dismissed this period (rude on 2025-03-20); complaints == 0 (complaints=0)", "EUR 10.00 × 125% for QA band high (qa_avg=96, band from 95) = EUR 12.50; bonuses capped at EUR 150.00 per agent: the agent's EUR 162.50 cut in proportion, this line's EUR 12.50 to EUR 11.54"},
				{"rewards.rules.quality", KindHold, 0, 2000, 2308, 0, "", "", []string{"r2"},
					"withheld: dismissed this period (rude on 2025-03-20); qa_avg >= 90 (qa_avg=96)", "EUR 20.00 × 125% for QA band high (qa_avg=96, band from 95) = EUR 25.00; bonuses capped at EUR 150.00 per agent: the agent's EUR 162.50 cut in proportion, this line's EUR 25.00 to EUR 23.08"},
				{"rewards.tiers.star.gold", KindHold, 0, 10000, 11538, 0, "Gold Star", "", []string{"r2"},
					"withheld: dismissed this period (rude on 2025-03-20); gold of star: qa_avg >= 95 && csat >= 4.8 (qa_avg=96, csat=4.8)", "EUR 100.00 × 125% for QA band high (qa_avg=96, band from 95) = EUR 125.00; bonuses capped at EUR 150.00 per agent: the agent's EUR 162.50 cut in proportion, this line's EUR 125.00 to EUR 115.38"},
				{"rewards.points.csat", KindHold, 0, 0, 0, 8, "", "", []string{"r2"},
					"withheld: dismissed this period (rude on 2025-03-20); points award: csat 4.8 on the line from 4 to 5 earns 8 of 10 points", ""},
				{"discipline.kinds.rude.fine", KindPenalty, -2500, 0, 0, 0, "", "", []string{"r1"}, "fine for rude on 2025-03-04", "fine capped at EUR 25.00 per incident"},
				{"discipline.kinds.rude", KindPenalty, 0, 0, 0, 0, "", "", []string{"r1"},
					"rude on 2025-03-04: serious, two steps up from the verbal_warning in force in the last 12 months", ""},
				{"discipline.kinds.rude.fine", KindPenalty, -1500, 0, 0, 0, "", "", []string{"r2"}, "fine for rude on 2025-03-20", "fine capped at EUR 25.00 per incident; fine cut to the EUR 40.00 limit per period"},
				{"discipline.kinds.rude", KindPenalty, 0, 0, 0, 0, "", "", []string{"r2"},
					"rude on 2025-03-20: serious, two steps up from the final_warning in force in the last 12 months", ""},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := agentWith(gold)
			a.Discipline, a.Violations = tt.history, tt.viol
			st := one(t, p, a)
			checkStatement(t, st)
			assert.Equal(t, tt.want, withheldLines(st, "a"))
			assert.Empty(t, st.Public, "no title, no praise")
			assert.Equal(t, int64(0), st.Center.Bonus)
			assert.Equal(t, int64(15000), st.Center.HeldBonus, "the bonus cap, held")
			assert.Equal(t, int64(0), st.Center.Points, "withheld points are not counted")
		})
	}
}

func TestDismissalThatDidNotHappenWithholdsNothing(t *testing.T) {
	const src = `version: v
currency: EUR
metrics: [{name: complaints, kind: count}]
rewards:
  rules: [{id: no_complaints, when: complaints == 0, reason: no justified complaint, bonus: 1000, points: 5, title: Spotless}]
discipline:
%s  kinds:
    - {id: leak, severity: zero_tolerance}
    - {id: rude, severity: serious}
`
	on, err := ParsePolicy([]byte(fmt.Sprintf(src, "")))
	require.NoError(t, err)
	off, err := ParsePolicy([]byte(fmt.Sprintf(src, "  dismissal_withholds_awards: false\n")))
	require.NoError(t, err)
	leakOn := func(disputed bool) []Violation {
		return []Violation{{ID: "x", Kind: "leak", At: day(7), Disputed: disputed}}
	}
	tests := []struct {
		name string
		p    *Policy
		edit func(a *AgentRecord)
		step stepGot
	}{
		{"in crisis, the dismissal is held by the wellbeing guardrail: the agent is paid", on,
			func(a *AgentRecord) { a.Crisis, a.Violations = true, leakOn(false) },
			stepGot{"discipline.kinds.leak", KindHold, 0, 0, Dismissal, []string{"x"}}},
		{"at the severe tier, the same", on,
			func(a *AgentRecord) { a.SevereTier, a.Violations = true, leakOn(false) },
			stepGot{"discipline.kinds.leak", KindHold, 0, 0, Dismissal, []string{"x"}}},
		{"a disputed leak is out of discipline until the dispute is decided", on,
			func(a *AgentRecord) { a.Violations = leakOn(true) },
			stepGot{"discipline.kinds.leak", KindHold, 0, 0, "", []string{"x"}}},
		{"a final warning is not a dismissal", on,
			func(a *AgentRecord) {
				a.Violations = []Violation{{ID: "x", Kind: "rude", At: day(7)}}
				a.Discipline = []PriorStep{{Step: VerbalWarning, At: time.Date(2024, 11, 20, 0, 0, 0, 0, time.UTC)}}
			},
			stepGot{"discipline.kinds.rude", KindPenalty, 0, 0, FinalWarning, []string{"x"}}},
		{"a dismissal in a policy with dismissal_withholds_awards: false pays the agent", off,
			func(a *AgentRecord) { a.Violations = leakOn(false) },
			stepGot{"discipline.kinds.leak", KindPenalty, 0, 0, Dismissal, []string{"x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := AgentRecord{ID: "a", Team: "t", Hired: hired(2020), Metrics: map[string]float64{"complaints": 0}}
			tt.edit(&a)
			st := one(t, tt.p, a)
			checkStatementFor(t, st, tt.p.discipline.withholdAwards)
			require.NotEmpty(t, st.Lines)
			assert.Equal(t, withheldGot{"rewards.rules.no_complaints", KindAward, 1000, 1000, 0, 5, "Spotless", "", nil,
				"no justified complaint (complaints=0)", ""}, withheldLines(st, "a")[0])
			assert.Equal(t, []stepGot{tt.step}, steps(disciplineLines(st)))
			assert.Equal(t, []recog{{Agent: "a", Team: "t", Kind: "title", Rule: "rewards.rules.no_complaints", Text: "Spotless"}}, recogs(st.Public))
		})
	}

	// The same leak under the policy that withholds.
	a := AgentRecord{ID: "a", Team: "t", Hired: hired(2020), Metrics: map[string]float64{"complaints": 0}, Violations: leakOn(false)}
	st := one(t, on, a)
	assert.Equal(t, withheldGot{"rewards.rules.no_complaints", KindHold, 0, 1000, 1000, 5, "Spotless", "", []string{"x"},
		"withheld: dismissed this period (leak on 2025-03-07); no justified complaint (complaints=0)", ""}, withheldLines(st, "a")[0])
	assert.Empty(t, st.Public)
}

func TestDismissalWithholdsAwardsMustBeABool(t *testing.T) {
	_, err := ParsePolicy([]byte("version: v\ncurrency: EUR\nmetrics: []\ndiscipline:\n  dismissal_withholds_awards: sometimes\n"))
	var pe *callfloor.PolicyError
	require.True(t, errors.As(err, &pe))
	assert.Equal(t, "incentives policy: 1 problem\n\tdiscipline.dismissal_withholds_awards: line 5, column 31: expected true or false, got \"sometimes\"", err.Error())
}

func TestHeldPayAndHeldFinesAddUpApart(t *testing.T) {
	p := small(t)
	// A team of two wins the monthly handle-time contest (EUR 10.00, 5.00
	// each); a is in crisis, so its share and its fine for rudeness are
	// both held.
	a := AgentRecord{ID: "a", Team: "t", Hired: hired(2020), QAEvaluations: 10, Crisis: true,
		Metrics:    map[string]float64{"aht_seconds": 300, "complaints": 2},
		Violations: []Violation{{ID: "r1", Kind: "rude", At: day(5)}}}
	b := AgentRecord{ID: "b", Team: "t", Hired: hired(2020), QAEvaluations: 10,
		Metrics:    map[string]float64{"aht_seconds": 300, "complaints": 2},
		Violations: []Violation{{ID: "r2", Kind: "rude", At: day(6), Disputed: true}}}
	st, err := p.Evaluate(march, []AgentRecord{a, b})
	require.NoError(t, err)
	checkStatement(t, st)
	assert.Equal(t, []got{
		{"rewards.points.aht", KindAward, 0, 0, 5},
		{"contests.monthly_aht", KindHold, 0, 500, 0},
		{"discipline.kinds.rude.fine", KindHold, 0, -2500, 0},
		{"discipline.kinds.rude", KindHold, 0, 0, 0},
	}, summary(st.AgentLines("a")), "a: share and fine held")
	assert.Equal(t, Totals{Points: 5, HeldBonus: 500, HeldFines: 2500, Held: -2000}, st.Agents[0].Totals,
		"a held prize of 5.00 and a held fine of 25.00 are reported apart; Held is their difference")
	assert.Equal(t, Totals{Bonus: 500, Net: 500, Points: 5, HeldFines: 3000, Held: -3000}, st.Agents[1].Totals,
		"b's disputed fine of 30.00 is held in full (the caps apply once it stands)")
	want := Totals{Bonus: 500, Net: 500, Points: 10, HeldBonus: 500, HeldFines: 5500, Held: -5000}
	assert.Equal(t, want, st.Teams[0].Totals)
	assert.Equal(t, want, st.Center)
}

func TestWithheldAwardsKeepTheirPlaceAmongHolds(t *testing.T) {
	p := small(t)
	a := agentWith(map[string]float64{"qa_avg": 96, "csat": 4.8, "complaints": 0})
	a.QADisputeOpen = true
	a.Violations = []Violation{{ID: "x", Kind: "leak", At: day(30)}}
	st := one(t, p, a)
	checkStatement(t, st)
	var private []string
	for _, it := range st.Private {
		private = append(private, string(it.Kind)+" "+itemOf(it).Rule+": "+itemOf(it).Text)
	}
	assert.Equal(t, []string{
		"hold rewards.rules.no_complaints: withheld: dismissed this period (leak on 2025-03-30); complaints == 0 (complaints=0)",
		"hold rewards.rules.quality: held: a QA evaluation is under open dispute; qa_avg >= 90 (qa_avg=96)",
		"hold rewards.tiers.star.bronze: withheld: dismissed this period (leak on 2025-03-30); bronze of star: csat >= 4.5 (csat=4.8)",
		"hold rewards.tiers.star.gold: held: a QA evaluation is under open dispute; gold of star: qa_avg >= 95 && csat >= 4.8 (qa_avg=96, csat=4.8)",
		"hold rewards.points.csat: withheld: dismissed this period (leak on 2025-03-30); points award: csat 4.8 on the line from 4 to 5 earns 8 of 10 points",
		"hold rewards.qa_multiplier.bands.high: held: a QA evaluation is under open dispute; QA band high (qa_avg=96) would make bonuses 125%",
		"penalty discipline.kinds.leak: leak on 2025-03-30: zero tolerance, straight to dismissal",
	}, private, "the corrective list follows the lines")
	assert.Equal(t, Totals{HeldBonus: 1000 + 2000 + 3000 + 10000 + 1000, Held: 17000}, st.Center)
}
