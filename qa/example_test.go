package qa_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/callfloor/callfloor"

	"github.com/callfloor/callfloor/qa"
)

// A QA evaluator scores an inbound call with the default scorecard; the
// coach then plans the feedback talk.
func Example() {
	p := qa.DefaultPolicy()
	sc, _ := p.Scorecard("inbound_service")

	ev := qa.Evaluation{
		ID: "ev-1042", Agent: "li.na", Evaluator: "qa.wang", Source: qa.QA,
		At: time.Date(2025, 3, 3, 10, 30, 0, 0, time.UTC),
	}
	for _, it := range sc.Items() {
		ev.Answers = append(ev.Answers, qa.Answer{Item: it.ID, Value: float64(it.Max)})
	}
	set := func(item string, a qa.Answer) {
		for i := range ev.Answers {
			if ev.Answers[i].Item == item {
				a.Item = item
				ev.Answers[i] = a
			}
		}
	}
	set("transfer_named", qa.Answer{NA: true})
	set("hold_under_1_minute", qa.Answer{Value: 0, Note: "held 2m10s while checking the bill"})
	set("voice", qa.Answer{Value: 4})

	r, err := sc.Score(ev)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("score %.1f, passed %v, pay-relevant %v\n", r.Score, r.Passed, r.PayRelevant)
	for _, d := range r.Deductions {
		fmt.Printf("- %s (-%.1f): %s\n", d.Item, d.Lost, d.Fix)
	}

	plan, _ := p.Feedback(r)
	fmt.Printf("talk: %d strengths, %d corrections\n", plan.Positives, plan.Negatives)
	for _, part := range plan.Parts[:2] {
		fmt.Printf("%s (%s): %s\n", part.Kind, part.Setting, part.Item)
	}
	// Output:
	// score 93.9, passed true, pay-relevant true
	// - hold_under_1_minute (-5.0): Watch the hold timer; before a minute is up, come back, say where you are and ask whether the caller can wait longer or would like a call back.
	// - voice (-1.1): Listen to this recording with your coach; slow down at numbers and key facts, keep the volume steady and never raise it, and smile as you speak; it is heard. Keep food, drink and cigarettes away from the headset.
	// talk: 10 strengths, 2 corrections
	// strength (group): standard_greeting
	// strength (group): confirm_details
}

// A policy with mistakes is refused with every problem and its place.
func ExampleParsePolicy() {
	_, err := qa.ParsePolicy([]byte(`version: "2"
scorecards:
  - id: inbound
    version: "1"
    pass_mark: 80
    weights_total: 100
    sections:
      - id: opening
        weight: 90
        items:
          - {id: leak, text: No leak, type: yes_no, critical: evaluation, allow_na: true, good: g, fix: f}
          - {id: voice, text: Voice, type: scale, scale: {min: 5, max: 1}, good: g, fix: f}
`))
	var pe *callfloor.PolicyError
	if errors.As(err, &pe) {
		fmt.Println(pe)
	}
	// Output:
	// qa policy: 3 problems
	// 	scorecards[0].weights_total: line 6, column 20: section weights add up to 90, not the declared 100
	// 	scorecards[0].sections[0].items[0].allow_na: line 11, column 85: a critical item cannot allow N/A: a check that can be skipped cannot fail the evaluation
	// 	scorecards[0].sections[0].items[1].scale.max: line 12, column 72: max 1 must be above min 5
}

// Three evaluators and an expert score the same call.
func ExampleScorecard_Calibrate() {
	p := qa.DefaultPolicy()
	sc, _ := p.Scorecard("outbound_sales")
	full := func(who string, changes map[string]float64) qa.Evaluation {
		ev := qa.Evaluation{Evaluator: who, Source: qa.QA}
		for _, it := range sc.Items() {
			v := float64(it.Max)
			if c, ok := changes[it.ID]; ok {
				v = c
			}
			ev.Answers = append(ev.Answers, qa.Answer{Item: it.ID, Value: v})
		}
		return ev
	}
	c, err := sc.Calibrate(qa.CalibrationSession{ID: "cal-march", Expert: "lead.zhao", Evaluations: []qa.Evaluation{
		full("lead.zhao", map[string]float64{"listen_needs": 3}),
		full("qa.wang", map[string]float64{"listen_needs": 3}),
		full("qa.chen", map[string]float64{"listen_needs": 1, "convenient_time": 0}),
		full("qa.liu", map[string]float64{"listen_needs": 4}),
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("reference %.1f (%s %s)\n", c.Reference, c.ReferenceBy, c.Expert)
	for _, e := range c.Evaluators {
		fmt.Printf("%-9s %5.1f %+5.1f\n", e.Evaluator, e.Score, e.Deviation)
	}
	fmt.Println("flagged:", c.Flagged)
	for _, d := range c.Disagreements {
		fmt.Printf("disagree on %s (spread %.2f)\n", d.Item, d.Spread)
	}
	fmt.Printf("alpha nominal %.2f, ordinal %.2f\n", c.Agreement.Nominal, c.Agreement.Ordinal)
	// Output:
	// reference 93.3 (expert lead.zhao)
	// lead.zhao  93.3  +0.0
	// qa.wang    93.3  +0.0
	// qa.chen    79.2 -14.2
	// qa.liu     96.7  +3.3
	// flagged: [qa.chen]
	// disagree on convenient_time (spread 1.00)
	// disagree on listen_needs (spread 0.75)
	// alpha nominal 0.45, ordinal 0.77
}

// An agent disputes an item; a reviewer overturns it and the score is
// recomputed, every version kept.
func ExamplePolicy_Apply() {
	p := qa.DefaultPolicy()
	sc, _ := p.Scorecard("inbound_service")
	at := time.Date(2025, 3, 3, 10, 30, 0, 0, time.UTC)
	ev := qa.Evaluation{ID: "ev-7", Agent: "li.na", Evaluator: "qa.wang", Source: qa.QA, Scorecard: sc.ID(), At: at}
	for _, it := range sc.Items() {
		v := float64(it.Max)
		if it.ID == "no_arguing" {
			v = 0
		}
		ev.Answers = append(ev.Answers, qa.Answer{Item: it.ID, Value: v})
	}
	d, err := p.OpenDispute(ev, qa.DisputeEvent{ID: "raise-1", Type: qa.EventRaise, At: at.AddDate(0, 0, 2), By: "li.na",
		Items: []qa.DisputeItemEvent{{Item: "no_arguing", Reason: "I explained the policy once; the customer kept talking over me"}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("open, held from pay: %v, score %.1f\n", d.Held(), d.Current().Score)
	d, err = p.Apply(d, qa.DisputeEvent{ID: "decide-1", Type: qa.EventDecide, At: at.AddDate(0, 0, 5), By: "qa.lead",
		Items: []qa.DisputeItemEvent{{Item: "no_arguing", Decision: qa.Overturned, Value: 1,
			Rationale: "the recording shows a calm explanation, not an argument"}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range d.Versions {
		fmt.Printf("v%d %.1f passed=%v %v\n", v.Version, v.Score, v.Passed, v.Overturned)
	}
	fmt.Println(d.ID, d.Status)
	for _, e := range d.History {
		fmt.Println(e.ID, e.Type, e.By, e.At.Format(time.DateOnly))
	}
	// Output:
	// open, held from pay: true, score 75.0
	// v1 75.0 passed=false []
	// v2 100.0 passed=true [no_arguing]
	// ev-7/20250305T103000.000000000Z decided
	// raise-1 raise li.na 2025-03-05
	// decide-1 decide qa.lead 2025-03-08
}

// A host scoring a month of evaluations reuses one Result; what it keeps
// it copies out.
func ExampleScorecard_ScoreInto() {
	sc, _ := qa.DefaultPolicy().Scorecard("inbound_service")
	at := time.Date(2025, 3, 3, 10, 30, 0, 0, time.UTC)
	var batch []qa.Evaluation
	for i, missed := range []string{"", "anything_else", "protect_customer_information"} {
		ev := qa.Evaluation{ID: fmt.Sprintf("ev-%d", i+1), Agent: "li.na", Source: qa.QA, At: at}
		for _, it := range sc.Items() {
			v := float64(it.Max)
			if it.ID == missed {
				v = float64(it.Min)
			}
			ev.Answers = append(ev.Answers, qa.Answer{Item: it.ID, Value: v})
		}
		batch = append(batch, ev)
	}
	var r qa.Result
	var failed []string
	for _, ev := range batch {
		if err := sc.ScoreInto(&r, ev); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s %.1f passed=%v\n", r.Evaluation, r.Score, r.Passed)
		failed = append(failed, r.CriticalFailed...) // copied out: r is reused
	}
	fmt.Println("critical failures:", failed)
	// Output:
	// ev-1 100.0 passed=true
	// ev-2 96.7 passed=true
	// ev-3 0.0 passed=false
	// critical failures: [protect_customer_information]
}

// Four months of one team: Mei's long excellent record drops and draws a
// complaint; Tao and Lin improve; Ping's two lucky calls do not count;
// Lin's 40 is under an open dispute, so it waits out of the figures.
func ExamplePolicy_Trends() {
	p := qa.DefaultPolicy()
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var periods []callfloor.Period
	for m := 0; m < 4; m++ {
		start := jan.AddDate(0, m, 0)
		periods = append(periods, callfloor.Period{ID: start.Format("2006-01"), Start: start, End: start.AddDate(0, 1, 0)})
	}
	var scores []qa.ScorePoint
	add := func(agent string, month int, vals ...float64) {
		for d, v := range vals {
			scores = append(scores, qa.ScorePoint{Agent: agent, At: jan.AddDate(0, month, d+1), Score: v})
		}
	}
	add("mei", 0, 97, 96, 98)
	add("mei", 1, 96, 97, 97)
	add("mei", 2, 98, 97, 96)
	add("mei", 3, 85, 88)
	add("tao", 2, 70, 72, 74, 71, 73)
	add("tao", 3, 82, 84, 80, 83, 81)
	add("lin", 2, 80, 81, 79, 80, 80)
	add("lin", 3, 85, 86, 84, 85, 85)
	add("ping", 2, 60, 62)
	add("ping", 3, 100, 100)
	scores = append(scores, qa.ScorePoint{Agent: "lin", Evaluation: "ev-2291", At: jan.AddDate(0, 3, 20), Score: 40, Held: true})
	rep, err := p.Trends(qa.TrendInput{
		Periods:    periods,
		Scores:     scores,
		Complaints: []qa.Complaint{{ID: "c-88", Agent: "mei", At: jan.AddDate(0, 3, 12)}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range rep.Trends {
		l := t.Latest
		fmt.Printf("%-4s %s n=%d mean %.1f (95%% CI %.1f-%.1f) care=%v\n", t.Agent, l.Period, l.N, l.Mean, l.CILow, l.CIHigh, t.StableExcellentThenDrop)
	}
	for _, t := range rep.Trends {
		for _, r := range t.Reasons {
			fmt.Printf("%s %s (%s): %s\n", t.Agent, r.Rule, r.Outcome, r.Text)
		}
	}
	for _, im := range rep.Improvers {
		fmt.Printf("improver %s %+.1f\n", im.Agent, im.Change)
	}
	// Output:
	// lin  2025-04 n=5 mean 85.0 (95% CI 84.1-85.9) care=false
	// mei  2025-04 n=2 mean 86.5 (95% CI 67.4-100.0) care=true
	// ping 2025-04 n=2 mean 100.0 (95% CI 100.0-100.0) care=false
	// tao  2025-04 n=5 mean 82.0 (95% CI 80.0-84.0) care=false
	// lin disputes.hold (held): held out of the figures while under an open dispute: 1 evaluation in 2025-04
	// mei trends.care (fired): 3 stable excellent periods averaging 96.9, then a drop of 10.4 points to 86.5 and 1 complaint in 2025-04: a care talk is due
	// improver tao +10.0
	// improver lin +5.0
}

// The sampling plan for April: a veteran, a new hire, and a low scorer
// with a recent complaint.
func ExamplePolicy_SamplingPlan() {
	p := qa.DefaultPolicy()
	april := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	period := callfloor.Period{ID: "2025-04", Start: april, End: april.AddDate(0, 1, 0)}
	plan, err := p.SamplingPlan(period, []qa.SampleAgent{
		{Agent: "mei", HiredAt: april.AddDate(-4, 0, 0), RecentMean: 96.5, RecentN: 12, Evaluated: 9},
		{Agent: "jun", HiredAt: april.AddDate(0, 0, -40), RecentMean: 84, RecentN: 3, Evaluated: 3},
		{Agent: "tao", HiredAt: april.AddDate(-1, 0, 0), RecentMean: 72.5, RecentN: 10, Evaluated: 12,
			Complaints: []time.Time{april.AddDate(0, 0, -6)}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range plan.Lines {
		fmt.Printf("%-3s evaluate %2d, %d to go; enough for pay %v, for discipline %v\n", l.Agent, l.Count, l.Remaining, l.EnoughForPay, l.EnoughForDiscipline)
	}
	fmt.Println("total", plan.Total)
	// Output:
	// mei evaluate  4, 0 to go; enough for pay true, for discipline false
	// jun evaluate  8, 5 to go; enough for pay false, for discipline false
	// tao evaluate 10, 0 to go; enough for pay true, for discipline true
	// total 22
}
