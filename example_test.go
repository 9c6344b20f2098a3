package callfloor_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/mood"
)

// A host renders every package's reasons with one function, and audits
// them from their facts rather than their sentences.
func ExampleReason() {
	reasons := []callfloor.Reason{
		{Rule: "rewards.tiers.service_star.gold", Outcome: callfloor.Fired,
			Text:  "gold of service_star: outstanding quality (qa_avg=96.5, csat=4.9)",
			Facts: []callfloor.Fact{{Name: "qa_avg", Value: 96.5}, {Name: "csat", Value: 4.9}}},
		{Rule: "discipline.kinds.late", Outcome: callfloor.Held,
			Text: "held: wellbeing comes first; would be verbal_warning for lateness on 2026-10-22"},
	}
	for _, r := range reasons {
		fmt.Printf("%-10s %s\n", r.Outcome, r.Rule)
	}
	b, _ := json.Marshal(reasons[0])
	fmt.Println(string(b))
	// Output:
	// fired      rewards.tiers.service_star.gold
	// held       discipline.kinds.late
	// {"rule":"rewards.tiers.service_star.gold","outcome":"fired","text":"gold of service_star: outstanding quality (qa_avg=96.5, csat=4.9)","facts":[{"name":"qa_avg","value":96.5},{"name":"csat","value":4.9}]}
}

// Every package reports bad host data as an *InputError; one handler
// serves them all.
func ExampleInputError() {
	var err error = callfloor.OutOfRange("answers[2]", 4, 0, 3, "the scale of GAD-7 item 3")
	var ie *callfloor.InputError
	if errors.As(err, &ie) {
		fmt.Println(ie.Kind, ie.Field)
	}
	fmt.Println(err)
	// Output:
	// out_of_range answers[2]
	// answers[2]: 4 is outside 0..3, the scale of GAD-7 item 3
}

// An error of mood.Score, which takes no policy, is English; a host words
// it in its reader's language, here the one a Chinese-speaking lead reads.
func ExampleLocale_Localize() {
	_, err := mood.Score(mood.GAD7, []int{0, 0, 4, 0, 0, 0, 0})
	fmt.Println(err)
	zh, lerr := callfloor.LookupLocale("zh-CN")
	if lerr != nil {
		panic(lerr)
	}
	fmt.Println(zh.Localize(err))
	// Output:
	// answers[2]: 4 is outside 0..3, the scale of GAD-7 item 3
	// answers[2]: 4超出0..3的范围（GAD-7第3题的分值范围）
}
