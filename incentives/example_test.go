package incentives_test

import (
	"errors"
	"fmt"
	"github.com/callfloor/callfloor"
	"time"

	"github.com/callfloor/callfloor/incentives"
)

func ExampleParsePolicy() {
	_, err := incentives.ParsePolicy([]byte(`version: "2025.1"
currency: CNY
metrics:
  - {name: qa_avg, min: 0, max: 100}
rewards:
  rules:
    - id: quality
      when: qa_avg >= 95 && csat >= 4.6
      bonus: 20000
`))
	var pe *callfloor.PolicyError
	if errors.As(err, &pe) {
		for _, p := range pe.Problems {
			fmt.Println(p)
		}
	}
	// Output:
	// rewards.rules[0].when: line 8, column 29: unknown metric "csat"; declared: qa_avg
}

func ExamplePolicy_Evaluate() {
	p := incentives.DefaultPolicy()
	march := incentives.MonthOf(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC))
	agents := []incentives.AgentRecord{
		{
			ID: "li.na", Team: "north", Hired: time.Date(2023, 2, 1, 0, 0, 0, 0, time.UTC),
			QAEvaluations: 7, ExamsPassed: []string{"intermediate_exam"},
			Metrics: map[string]float64{"qa_avg": 96.5, "csat": 4.9, "fcr": 88, "calls": 420, "complaints": 0, "compliments": 4},
			// The last 12 months, for the career ladder.
			Career: incentives.CareerRecord{QAAverage: 94.2, QAEvaluations: 82, Metrics: map[string]float64{"csat": 4.8, "fcr": 86}},
		},
		{
			ID: "wang.wei", Team: "north", Hired: time.Date(2024, 6, 15, 0, 0, 0, 0, time.UTC),
			QAEvaluations: 6,
			Metrics:       map[string]float64{"qa_avg": 86, "csat": 4.3, "fcr": 78, "calls": 380, "complaints": 1},
			Career:        incentives.CareerRecord{QAAverage: 86.5, QAEvaluations: 54, Metrics: map[string]float64{"csat": 4.2, "fcr": 77}},
			Violations: []incentives.Violation{
				{ID: "call-5512", Kind: "rude_to_customer", At: time.Date(2025, 3, 12, 15, 4, 0, 0, time.UTC)},
			},
		},
	}
	st, err := p.Evaluate(march, agents)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range st.Lines {
		// A points award pays nothing: show its points. The note says
		// how a bonus came from the rule's amount, factor by factor.
		figure := p.FormatMoney(l.Amount)
		if l.Kind == incentives.KindAward && l.Amount == 0 && l.Points > 0 {
			figure = fmt.Sprintf("%d points", l.Points)
		}
		fmt.Printf("%-8s %-7s %-40s %11s\n", l.Agent, l.Kind, l.Rule(), figure)
		// The reasons: the line's own rule, then each factor between
		// the rule's amount and the amount paid, with its figures.
		for _, r := range l.Reasons {
			fmt.Printf("    %s %s: %s\n", r.Outcome, r.Rule, r.Text)
		}
	}
	for _, a := range st.Agents {
		fmt.Printf("%s net %s\n", a.Agent, p.FormatMoney(a.Net))
	}
	fmt.Println("center net", p.FormatMoney(st.Center.Net))
	for _, r := range st.Careers[1].Next[0].Reasons {
		fmt.Println("wang.wei needs:", r.Text, r.Facts)
	}
	// Output:
	// li.na    award   rewards.rules.solved_with_praise          CNY 240.00
	//     fired rewards.rules.solved_with_praise: solved customers' problems with good customer feedback (fcr=88, compliments=4, complaints=0)
	//     fired rewards.qa_multiplier.bands.excellent: CNY 200.00 × 120% for QA band excellent (qa_avg=96.5, band from 95) = CNY 240.00
	// li.na    award   rewards.tiers.service_star.gold          CNY 1200.00
	//     fired rewards.tiers.service_star.gold: gold of service_star: outstanding quality, satisfaction and resolution (qa_avg=96.5, csat=4.9, fcr=88, calls=420, complaints=0)
	//     fired rewards.qa_multiplier.bands.excellent: CNY 1000.00 × 120% for QA band excellent (qa_avg=96.5, band from 95) = CNY 1200.00
	// li.na    award   rewards.compliments                        CNY 96.00
	//     fired rewards.compliments: 4 customer compliments × CNY 20.00 = CNY 80.00
	//     fired rewards.qa_multiplier.bands.excellent: CNY 80.00 × 120% for QA band excellent (qa_avg=96.5, band from 95) = CNY 96.00
	// li.na    award   rewards.points.csat                        36 points
	//     fired rewards.points.csat: points award: csat 4.9 on the line from 4 to 5 earns 36 of 40 points
	// li.na    grade   ladder.grades.intermediate                  CNY 0.00
	//     fired ladder.grades.intermediate: meets every requirement of intermediate (from junior; tenure 26 months, QA 94.2 over 82 evaluations)
	// wang.wei award   rewards.points.csat                        12 points
	//     fired rewards.points.csat: points award: csat 4.3 on the line from 4 to 5 earns 12 of 40 points
	// wang.wei penalty discipline.kinds.rude_to_customer.fine   CNY -100.00
	//     fired discipline.kinds.rude_to_customer.fine: fine for rudeness, shouting or arguing with a customer on 2025-03-12
	// wang.wei penalty discipline.kinds.rude_to_customer           CNY 0.00
	//     fired discipline.kinds.rude_to_customer: rudeness, shouting or arguing with a customer on 2025-03-12: serious, two steps up from no step in the last 12 months
	// li.na net CNY 1536.00
	// wang.wei net CNY -100.00
	// center net CNY 1436.00
	// wang.wei needs: tenure 9 of 12 months [{tenure_months 9} {min 12}]
	// wang.wei needs: QA 86.5 of 88 [{qa_average 86.5} {min 88}]
	// wang.wei needs: csat 4.2 of 4.3 [{csat 4.2} {min 4.3}]
	// wang.wei needs: exam intermediate_exam not passed []
}

// An agent dismissed for leaking customer data earns none of the period's
// awards: they become hold lines on the corrective list, and the agent is
// not praised in public.
func ExamplePolicy_Evaluate_dismissal() {
	p := incentives.DefaultPolicy()
	march := incentives.MonthOf(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC))
	st, err := p.Evaluate(march, []incentives.AgentRecord{{
		ID: "zhao.min", Team: "east", Hired: time.Date(2022, 5, 1, 0, 0, 0, 0, time.UTC), QAEvaluations: 7,
		Metrics: map[string]float64{"qa_avg": 93, "csat": 4.7, "fcr": 82, "calls": 390, "complaints": 0, "compliments": 2},
		Violations: []incentives.Violation{
			{ID: "sec-0419", Kind: "customer_data_leak", At: time.Date(2025, 3, 7, 11, 20, 0, 0, time.UTC)},
		},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range st.Lines {
		fmt.Printf("%-7s %-40s held %11s\n", l.Kind, l.Rule(), p.FormatMoney(l.Held))
		for _, r := range l.Reasons {
			fmt.Printf("    %s %s: %s\n", r.Outcome, r.Rule, r.Text)
		}
	}
	fmt.Println("paid", p.FormatMoney(st.Center.Net), "held", p.FormatMoney(st.Center.HeldBonus), "praised", len(st.Public))
	// Output:
	// hold    rewards.tiers.service_star.silver        held  CNY 660.00
	//     held rewards.tiers.service_star.silver: silver of service_star: excellent quality, satisfaction and resolution (qa_avg=93, csat=4.7, fcr=82, calls=390, complaints=0)
	//     fired rewards.qa_multiplier.bands.good: CNY 600.00 × 110% for QA band good (qa_avg=93, band from 90) = CNY 660.00
	//     held discipline.dismissal_withholds_awards: withheld: dismissed this period (malicious leaking of customer information on 2025-03-07)
	// hold    rewards.compliments                      held   CNY 44.00
	//     held rewards.compliments: 2 customer compliments × CNY 20.00 = CNY 40.00
	//     fired rewards.qa_multiplier.bands.good: CNY 40.00 × 110% for QA band good (qa_avg=93, band from 90) = CNY 44.00
	//     held discipline.dismissal_withholds_awards: withheld: dismissed this period (malicious leaking of customer information on 2025-03-07)
	// hold    rewards.points.csat                      held    CNY 0.00
	//     held rewards.points.csat: points award: csat 4.7 on the line from 4 to 5 earns 28 of 40 points
	//     held discipline.dismissal_withholds_awards: withheld: dismissed this period (malicious leaking of customer information on 2025-03-07)
	// penalty discipline.kinds.customer_data_leak      held    CNY 0.00
	//     fired discipline.kinds.customer_data_leak: malicious leaking of customer information on 2025-03-07: zero tolerance, straight to dismissal
	// paid CNY 0.00 held CNY 704.00 praised 0
}

func ExampleCompare() {
	before := incentives.DefaultPolicy()
	after, err := incentives.ParsePolicy([]byte(`version: "fines-off"
currency: CNY
metrics: [{name: qa_avg, min: 0, max: 100}]
discipline:
  fines: {enabled: false}
  kinds:
    - {id: rude_to_customer, severity: serious, fine: 10000, reason: rudeness to a customer}
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	march := incentives.MonthOf(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC))
	agents := []incentives.AgentRecord{{
		ID: "wang.wei", Team: "north", Hired: time.Date(2024, 6, 15, 0, 0, 0, 0, time.UTC), QAEvaluations: 6,
		Metrics:    map[string]float64{"qa_avg": 86},
		Violations: []incentives.Violation{{ID: "call-5512", Kind: "rude_to_customer", At: time.Date(2025, 3, 12, 15, 4, 0, 0, time.UTC)}},
	}}
	c, err := incentives.Compare(before, after, march, agents)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range c.Agents {
		fmt.Println(a.Agent, "net change", a.NetDelta)
		for _, ch := range a.Changes {
			fmt.Printf("  %s %s %d -> %d: %s\n", ch.Change, ch.Rule(), ch.Before, ch.After, ch.Reasons[0].Text)
		}
	}
	// Output:
	// wang.wei net change 10000
	//   removed discipline.kinds.rude_to_customer.fine -10000 -> 0: fine for rudeness, shouting or arguing with a customer on 2025-03-12
}

// A host shows each line by what it is, in the policy's language, rather
// than by its rule path.
func ExamplePolicy_RuleTitle() {
	en := incentives.DefaultPolicy()
	zh, err := incentives.DefaultPolicyFor("zh-CN")
	if err != nil {
		panic(err)
	}
	for _, rule := range []string{"rewards.tiers.service_star.bronze", "rewards.points.csat", "discipline.kinds.missed_shift.fine"} {
		fmt.Printf("%s | %s\n", en.RuleTitle(rule), zh.RuleTitle(rule))
	}
	// Output:
	// service_star bronze | 服务之星铜牌
	// points: csat | 积分：客户满意度
	// fine for missed_shift | 旷班的罚款
}
