// Command quickstart shows each callfloor package in a few lines of real
// use, with the default policies: run it with
//
//	go run ./examples/quickstart
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"time"

	"github.com/callfloor/callfloor/mood"
)

func main() {
	log.SetFlags(0)
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	moodTour(now)
}

func moodTour(now time.Time) {
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
		fmt.Println("  because", r.Text)
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
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
