package mood_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/callfloor/callfloor/mood"
)

func ExampleScore() {
	// A PHQ-9 with a total of 11 and item 9 answered "several days".
	sc, err := mood.Score(mood.PHQ9, []int{2, 1, 2, 1, 1, 2, 1, 0, 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sc.Total, sc.Band, sc.Crisis)

	_, err = mood.Score(mood.GAD7, []int{1, 1, 4, 0, 0, 0, 0})
	fmt.Println(err)
	// Output:
	// 11 moderate true
	// answers[2]: 4 is outside 0..3, the scale of GAD-7 item 3
}

func ExamplePolicy_Triage() {
	p := mood.DefaultPolicy()
	now := time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)

	phq, _ := mood.Score(mood.PHQ9, []int{2, 2, 2, 2, 1, 2, 2, 1, 0})
	phq.At = now.AddDate(0, 0, -2)
	cbi, _ := mood.Score(mood.CBI, []int{2, 2, 1, 1, 2, 1, 3, 3, 2, 2, 2, 2, 1, 3, 3, 3, 2, 3, 2})
	cbi.At = now.AddDate(0, 0, -40)

	t, err := p.Triage(mood.Assessment{
		Agent:      "agent-17",
		At:         now,
		Screenings: []mood.Screening{phq, cbi},
		Observations: []mood.Observation{
			{Kind: "complaint", At: now.AddDate(0, 0, -3)},
			{Kind: "complaint", At: now.AddDate(0, 0, -1)},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("tier:", t.Tier, "crisis:", t.Crisis, "watch:", t.Watch)
	for _, a := range t.Actions {
		fmt.Printf("%s by %s before %s (%s)\n", a.Code, a.Owner, a.Deadline.Format("Jan 2 15:04"), a.Setting)
	}
	for _, r := range t.Reasons {
		fmt.Println("-", r.Text)
	}
	// Output:
	// tier: moderate crisis: false watch: true
	// psychological_intervention by counselor before Mar 17 10:00 (one_to_one)
	// refer_to_professional by counselor before Mar 21 10:00 (one_to_one)
	// care_talk by team_lead before Mar 16 10:00 (one_to_one)
	// offer_screening by counselor before Mar 21 10:00 (one_to_one)
	// - PHQ-9 total 14 (moderate) on 2025-03-12 falls in band "moderate": moderate
	// - CBI personal 37.5, work 60.7, client 66.7 on 2025-02-02 falls in band "moderate burnout": mild
	// - 2 in the last 14 days: customer complaints about the agent
}

func ExamplePolicy_Triage_who5() {
	p := mood.DefaultPolicy()
	now := time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)
	// Good wellbeing overall (64%), but items 2 and 4 answered 0 and 1.
	who5, _ := mood.Score(mood.WHO5, []int{5, 0, 5, 1, 5})
	who5.At = now.AddDate(0, 0, -1)

	t, _ := p.Triage(mood.Assessment{Agent: "agent-17", At: now, Screenings: []mood.Screening{who5}})
	fmt.Println("tier:", t.Tier, "watch:", t.Watch)
	for _, r := range t.Reasons {
		fmt.Printf("- %s, %s: %s\n", r.Rule, r.Outcome, r.Text)
		for _, f := range r.Facts {
			fmt.Printf("    %s = %v\n", f.Name, f.Value)
		}
	}
	b, _ := json.Marshal(p.ViewFor(t, p.LeadRole()).Owed)
	fmt.Println("lead owes", string(b))
	// Output:
	// tier: normal watch: true
	// - instruments.who5.bands[2], fired: WHO-5 64% (good wellbeing) on 2025-03-13 falls in band "good wellbeing": normal
	//     percent = 64
	// - watch.who5_low_item, fired: WHO-5 items 2 and 4 were answered 0 or 1 on 2025-03-13: follow up whatever the total
	//     item = 2
	//     item = 4
	// lead owes [{"code":"care_talk","deadline":"2025-03-16T10:00:00Z","setting":"one_to_one"}]
}

// A crisis answer stays in force when the agent retakes the
// questionnaire: the retake gives the tier, and only the crisis owner's
// closure ends the crisis.
func ExamplePolicy_Triage_crisisRetake() {
	p := mood.DefaultPolicy()
	now := time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)
	first, _ := mood.Score(mood.PHQ9, []int{0, 0, 0, 0, 0, 0, 0, 0, 2})
	first.At = now.Add(-10 * time.Minute)
	retake, _ := mood.Score(mood.PHQ9, []int{0, 0, 0, 0, 0, 0, 0, 0, 0})
	retake.At = now.Add(-5 * time.Minute)
	a := mood.Assessment{Agent: "agent-17", At: now, Screenings: []mood.Screening{first, retake}}

	t, _ := p.Triage(a)
	fmt.Println("tier:", t.Tier, "crisis:", t.Crisis, "source:", t.CrisisSource.At.Format(time.TimeOnly), "first action:", t.Actions[0].Code)
	fmt.Println("-", t.Reasons[0].Text)

	a.At = now.Add(2 * time.Hour)
	a.CrisisClosures = []mood.CrisisClosure{{By: "dr.wu", At: now.Add(time.Hour), Why: "risk assessed, safety plan agreed"}}
	t, _ = p.Triage(a)
	fmt.Println("tier:", t.Tier, "crisis:", t.Crisis)
	fmt.Println("-", t.Reasons[0].Text)
	// Output:
	// tier: normal crisis: true source: 09:50:00 first action: crisis_escalation
	// - PHQ-9 item 9 (thoughts of self-harm) was answered above 0 on 2025-03-14 09:50:00Z; immediate escalation to crisis_owner; the later PHQ-9 of 2025-03-14 09:55:00Z has no crisis answer and does not clear it: it stays in force for 30 days unless crisis_owner closes it
	// tier: normal crisis: false
	// - the crisis answer to PHQ-9 item 9 of 2025-03-14 09:50:00Z was closed by dr.wu on 2025-03-14 11:00:00Z
}

func ExamplePolicy_View() {
	p := mood.DefaultPolicy()
	now := time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)
	phq, _ := mood.Score(mood.PHQ9, []int{3, 3, 3, 2, 2, 2, 2, 2, 0})
	phq.At = now
	t, _ := p.Triage(mood.Assessment{Agent: "agent-17", At: now, Screenings: []mood.Screening{phq},
		Observations: []mood.Observation{{Kind: "morning_meeting", At: now.Add(-2 * time.Hour)}}})

	b, _ := json.Marshal(p.View(t, p.AudienceOf("team_lead")).Owed)
	fmt.Println(string(b))
	// Output:
	// [{"code":"care_talk","deadline":"2025-03-16T10:00:00Z","setting":"one_to_one"}]
}

func ExamplePolicy_ViewFor() {
	p := mood.DefaultPolicy()
	now := time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)
	// Item 9 answered "several days": a crisis, whatever the total of 3.
	phq, _ := mood.Score(mood.PHQ9, []int{1, 0, 0, 1, 0, 0, 0, 0, 1})
	phq.At = now.Add(-10 * time.Minute)
	t, _ := p.Triage(mood.Assessment{Agent: "agent-17", At: now, Screenings: []mood.Screening{phq}})

	for _, role := range []string{p.CrisisOwner(), p.LeadRole(), "counselor"} {
		v := p.ViewFor(t, role)
		b, _ := json.Marshal(v.Owed)
		fmt.Printf("%s (%s): owes %s, whole result: %v\n", role, v.Audience, b, v.Result != nil)
	}
	// Output:
	// crisis_owner (none): owes [{"code":"crisis_escalation","deadline":"2025-03-14T11:00:00Z","setting":"one_to_one"}], whole result: false
	// team_lead (lead): owes null, whole result: false
	// counselor (care): owes null, whole result: true
}

func ExamplePolicy_Cycles() {
	p := mood.DefaultPolicy()
	monday := time.Date(2025, 1, 6, 9, 0, 0, 0, time.Local)
	var cis []mood.CheckIn
	for i := 0; i < 84; i++ {
		at := monday.AddDate(0, 0, i)
		m := []int{4, 3, 4, 5, 4}[i%5]
		if at.Weekday() == time.Monday {
			m = 2
		}
		cis = append(cis, mood.CheckIn{At: at, Mood: m})
	}
	c, err := p.Cycles(mood.History{Agent: "agent-17", CheckIns: cis})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range c.Findings {
		fmt.Println(f.Pattern, f.Key, f.NIn, "against", f.NOut, "->", f.Action.Code)
	}
	// Output:
	// weekday monday 12 against 72 -> extend_morning_meeting
}

func ExamplePolicy_Guide() {
	g, _ := mood.DefaultPolicy().Guide("agent-17", mood.CauseCustomer, time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC))
	fmt.Println(g.Text)
	fmt.Println(g.Actions[0].Code, g.Actions[0].Setting)
	for _, t := range g.Techniques {
		fmt.Println("*", t.Name+":", t.Summary)
	}
	// Output:
	// Debrief the call and offer a self-regulation technique.
	// call_debrief one_to_one
	// * Anger control (制怒术): Question the anger before acting on it.
	// * Venting (宣泄术): Let the emotion out in a harmless way.
	// * Relaxation (放松术): Calm body and mind.
}

func ExamplePolicy_Climate() {
	p := mood.DefaultPolicy()
	now := time.Date(2025, 3, 31, 18, 0, 0, 0, time.UTC)
	team := mood.Team{Team: "team-3", At: now, MissedTargets: 3}
	for i := 0; i < 8; i++ {
		team.Members = append(team.Members, mood.Triage{Agent: fmt.Sprint("agent-", i), At: now})
	}
	c, _ := p.Climate(team)
	fmt.Println("alarm:", c.Alarm)
	for _, a := range c.Actions {
		fmt.Println(a.Code, a.Owner, a.Setting)
	}
	// Output:
	// alarm: true
	// team_building team_lead group
	// lead_state_check manager one_to_one
	// team_sharing_session team_lead group
}

func ExampleParsePolicy() {
	_, err := mood.ParsePolicy([]byte(`version: ours-1
roles: {lead: team_lead, confidential: [counselor]}
crisis: {owner: counselor, within: 6h}
`))
	fmt.Println(err)
	// Output:
	// mood policy: 8 problems
	// 	causes: line 1, column 1: required field is missing
	// 	climate: line 1, column 1: required field is missing
	// 	cycles: line 1, column 1: required field is missing
	// 	instruments: line 1, column 1: required field is missing
	// 	techniques: line 1, column 1: required field is missing
	// 	tiers: line 1, column 1: required field is missing
	// 	watch: line 1, column 1: required field is missing
	// 	crisis.within: line 3, column 36: 6h is longer than the crisis ceiling of 1h; a crisis escalation may be made sooner, never later
}
