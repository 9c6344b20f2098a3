package main

import (
	"encoding/json"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

func main() {
	log.SetFlags(0)
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	triage := moodTour(now)
	fmt.Println()
	qaTour(now)
	fmt.Println()
	coachingTour(now, triage)
	fmt.Println()
	incentivesTour()
}

func moodTour(now time.Time) mood.Triage {
	fmt.Println("== mood: screening, triage and who sees what")
	policy := mood.DefaultPolicy()

	// An agent answers a PHQ-9 and a GAD-7 on Friday.
	phq, err := mood.Score(mood.PHQ9, []int{2, 2, 1, 2, 1, 1, 2, 1, 0})
	check(err)
	phq.At = now.AddDate(0, 0, -3)
	gad, err := mood.Score(mood.GAD7, []int{1, 1, 1, 0, 1, 0, 1})
	check(err)
	gad.At = now.AddDate(0, 0, -3)
	fmt.Printf("PHQ-9 total %d (%s), GAD-7 total %d (%s)\n", phq.Total, phq.Band, gad.Total, gad.Band)

	// The lead noticed something at this morning's meeting.
	t, err := policy.Triage(mood.Assessment{
		Agent:        "li.na",
		At:           now,
		Screenings:   []mood.Screening{phq, gad},
		Observations: []mood.Observation{{Kind: "morning_meeting", At: now.Add(-30 * time.Minute)}},
	})
	check(err)
	fmt.Printf("triage: tier %s, crisis %v, watch %v\n", t.Tier, t.Crisis, t.Watch)
	for _, a := range t.Actions {
		fmt.Printf("  %-28s %-10s due %s\n", a.Code, a.Owner, a.Deadline.Format("Mon Jan 2 15:04"))
	}
	for _, r := range t.Reasons {
		fmt.Printf("  %s %s: %s\n", r.Outcome, r.Rule, r.Text)
	}

	// The same assessment under the Simplified Chinese default: the same
	// decisions and figures, every sentence in Chinese.
	zh, err := mood.DefaultPolicyFor("zh-CN")
	check(err)
	tz, err := zh.Triage(mood.Assessment{
		Agent:        "li.na",
		At:           now,
		Screenings:   []mood.Screening{phq, gad},
		Observations: []mood.Observation{{Kind: "morning_meeting", At: now.Add(-30 * time.Minute)}},
	})
	check(err)
	fmt.Printf("in zh-CN: tier %s (%s)\n", tz.Tier, zh.TierName(tz.Tier))
	for _, r := range tz.Reasons {
		fmt.Printf("  %s %s: %s\n", r.Outcome, r.Rule, r.Text)
	}

	// The team lead sees only what the lead owes, never scores or tiers.
	lead, err := json.Marshal(policy.View(t, policy.AudienceOf("team_lead")))
	check(err)
	fmt.Println("team lead's view:", string(lead))

	// Any answer above 0 on PHQ-9 item 9 is a crisis, whatever the total.
	phq2, err := mood.Score(mood.PHQ9, []int{0, 1, 0, 0, 0, 0, 0, 0, 1})
	check(err)
	phq2.At = now.Add(-10 * time.Minute)
	t2, err := policy.Triage(mood.Assessment{Agent: "wang.wei", At: now, Screenings: []mood.Screening{phq2}})
	check(err)
	esc := t2.Actions[0]
	fmt.Printf("wang.wei: total %d, crisis %v: %s to %s by %s\n", phq2.Total, t2.Crisis, esc.Code, esc.Owner, esc.Deadline.Format("15:04"))
	fmt.Println("policy:", t.Policy)
	return t
}

func qaTour(now time.Time) {
	fmt.Println("== qa: score an inbound call, then plan the feedback talk")
	policy := qa.DefaultPolicy()
	card, _ := policy.Scorecard("inbound_service")

	// Full marks everywhere but two items: a long hold and a flat voice.
	// What did not happen on this call is not applicable, not full marks.
	ev := qa.Evaluation{ID: "ev-1042", Agent: "li.na", Evaluator: "qa.wang", Source: qa.QA, At: now.Add(-2 * time.Hour)}
	for _, it := range card.Items() {
		a := qa.Answer{Item: it.ID, Value: float64(it.Max)}
		switch it.ID {
		case "hold_under_1_minute":
			a.Value, a.Note = 0, "held 2m10s while checking the bill"
		case "voice":
			a.Value = 4
		case "transfer_named", "apologise_own_error", "special_needs", "call_manager":
			// No transfer, no error of the agent's, no special needs
			// and no need of the manager on this call.
			a.NA, a.Value = true, 0
		}
		ev.Answers = append(ev.Answers, a)
	}
	r, err := card.Score(ev)
	check(err)
	fmt.Printf("score %.1f of 100 (pass mark %.0f): passed %v, counts for pay %v\n", r.Score, r.PassMark, r.Passed, r.PayRelevant)

	plan, err := policy.Feedback(r)
	check(err)
	fmt.Printf("feedback talk: %d strengths first, then %d corrections\n", plan.Positives, plan.Negatives)
	for _, part := range plan.Parts {
		if part.Kind == qa.Correction {
			fmt.Printf("  %s (%s, -%.1f points): %s\n", part.Text, part.Setting, part.Lost, part.Say)
		}
	}
}

func coachingTour(now time.Time, triage mood.Triage) {
	fmt.Println("== coaching: a care talk proposed from the triage, run as a workflow")
	policy := coaching.DefaultPolicy()

	// Only the tier, watch and crisis flags leave the triage.
	signals := coaching.MoodSignals(triage).Merge(coaching.Signals{
		"days_since_review": 40, "eligible_next_grade": 0, "wants_promotion": 0, "resigned": 0,
	})
	props, err := policy.Propose("li.na", signals, nil)
	check(err)
	for _, p := range props.Proposed {
		fmt.Printf("proposed: %s talk for %s (%s %s)\n", p.Kind, p.Subject, p.Reasons[0].Rule, p.Reasons[0].Outcome)
	}

	c, err := policy.Open(coaching.Care, "li.na", now)
	check(err)
	step := c.Next()
	c, err = policy.Apply(c, coaching.Event{
		ID: "evt-1", Case: c.ID, By: "lead.wang", Type: coaching.EventComplete, Step: step, At: now.Add(3 * time.Hour),
		Records: recordsFor(policy, coaching.Care, step),
	})
	check(err)
	fmt.Printf("completed %q; next %q\n", step, c.Next())
	for _, r := range policy.Due(c, now.AddDate(0, 0, 5)) {
		fmt.Printf("  five days on, %s's case: %s (overdue %v)\n", r.Subject, explain(r.Reasons), r.Overdue)
	}
}

func incentivesTour() {
	fmt.Println("== incentives: a month's statement, with the ladder's next steps")
	policy := incentives.DefaultPolicy()
	march := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

	st, err := policy.Evaluate(incentives.MonthOf(march), []incentives.AgentRecord{{
		ID: "li.na", Team: "north", Hired: time.Date(2023, 2, 1, 0, 0, 0, 0, time.UTC), QAEvaluations: 7,
		Metrics:     map[string]float64{"qa_avg": 96.5, "csat": 4.9, "fcr": 88, "calls": 420, "complaints": 0, "compliments": 4},
		Career:      incentives.CareerRecord{QAAverage: 94.2, QAEvaluations: 82, Metrics: map[string]float64{"csat": 4.8, "fcr": 86}},
		ExamsPassed: []string{"intermediate_exam"},
	}, {
		ID: "wang.wei", Team: "north", Hired: time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC), QAEvaluations: 8,
		Metrics: map[string]float64{"qa_avg": 86.5, "csat": 4.2, "fcr": 80, "calls": 400, "complaints": 1},
		Career:  incentives.CareerRecord{QAAverage: 86.5, QAEvaluations: 40, Metrics: map[string]float64{"csat": 4.2, "fcr": 80}},
		// A rude call on the 12th: a fine and a discipline step.
		Violations: []incentives.Violation{{ID: "v-0312", Kind: "rude_to_customer", At: time.Date(2025, 3, 12, 10, 0, 0, 0, time.UTC)}},
	}})
	check(err)
	for _, l := range st.Lines {
		// A line shows what it moves: money, points, or (a grade or a
		// discipline step) neither; its note multiplies the amount out.
		figure := ""
		switch {
		case l.Amount != 0:
			figure = policy.FormatMoney(l.Amount)
		case l.Points != 0:
			figure = fmt.Sprintf("%d points", l.Points)
		}
		fmt.Printf("%-8s %-7s %-40s %12s  %s\n", l.Agent, l.Kind, l.Rule(), figure, explain(l.Reasons))
	}
	for _, c := range st.Careers {
		if len(c.Next) > 0 && !c.Next[0].Met {
			fmt.Printf("%-8s next: %s\n", c.Agent, explain(c.Next[0].Reasons))
		}
	}
	fmt.Printf("center: net %s\n", policy.FormatMoney(st.Center.Net))
}

// explain writes a result's reasons as one line, in order: a host renders
// every package's reasons with the same function.
func explain(rs []callfloor.Reason) string {
	texts := make([]string, len(rs))
	for i, r := range rs {
		texts[i] = r.Text
	}
	return strings.Join(texts, "; ")
}

// recordsFor fills the records a step must keep, as a host's form would.
func recordsFor(p *coaching.Policy, k coaching.Kind, step string) []coaching.Record {
	w, _ := p.Workflow(k)
	var out []coaching.Record
	for _, s := range w.Steps {
		if s.ID == step {
			for _, name := range s.Records {
				out = append(out, coaching.Record{Name: name, Value: "see form " + name})
			}
		}
	}
	return out
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
