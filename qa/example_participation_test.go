package qa_test

import (
	"fmt"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/qa"
)

// A center plans the next turns in QA: Li Na has taken calls for a year
// and never evaluated, Tao was in QA two months ago.
func ExamplePolicy_Rotation() {
	p := qa.DefaultPolicy()
	at := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	rep, err := p.Rotation(at, []qa.RotationMember{
		{Person: "li.na", Role: qa.RoleAgent, Since: at.AddDate(-1, 0, 0)},
		{Person: "tao", Role: qa.RoleAgent, Since: at.AddDate(-3, 0, 0), LastInOtherRole: at.AddDate(0, -2, 0)},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range rep.Members {
		fmt.Printf("%s due=%v never=%v: %s\n", m.Person, m.Due, m.Never, m.Reasons[0].Text)
	}
	// Output:
	// li.na due=true never=true: li.na has taken calls since 2024-06-01 and has never served as a QA evaluator; a turn fell due on 2024-11-28, every 180 days
	// tao due=false never=false: tao last served as a QA evaluator on 2025-04-01; the next turn falls due on 2025-09-28, every 180 days
}

// Three agents question the one-minute hold limit in April: the item is
// reviewed at the next calibration.
func ExamplePolicy_Suggestions() {
	p := qa.DefaultPolicy()
	start := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	april := callfloor.Period{ID: "2025-04", Start: start, End: start.AddDate(0, 1, 0)}
	var in []qa.Suggestion
	for i, who := range []string{"tao", "mei", "jun"} {
		in = append(in, qa.Suggestion{Agent: who, At: start.AddDate(0, 0, 3*i+1), Scorecard: "inbound_service",
			Item: "hold_under_1_minute", Text: "a billing check takes longer than a minute"})
	}
	rep, err := p.Suggestions(april, in)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, it := range rep.Items {
		fmt.Printf("%s review=%v: %s\n", it.Item, it.Review, it.Reasons[0].Text)
	}
	// Output:
	// hold_under_1_minute review=true: 3 suggestions from 3 agents against item "hold_under_1_minute" of scorecard inbound_service in 2025-04; at 3 agents or more the item is reviewed at the next calibration
}
