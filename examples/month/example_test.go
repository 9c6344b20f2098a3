package main

import (
	"bytes"
	"fmt"
	"strings"
)

// Example runs the shipped center's month under the default policies and
// prints a few lines of the report: a team alarm, the calibration, the
// disputes, the issue left unanswered, the discipline steps.
func Example() {
	c, err := LoadCenter("data")
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := Run(c, DefaultPolicies(), Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	Render(&buf, r, 5)
	for _, line := range strings.Split(buf.String(), "\n") {
		for _, mark := range []string{"missed its target", "Calibration ", "Dispute of", "SILENCE RISK", " dismissal        ", " written_warning  3"} {
			if strings.Contains(line, mark) {
				fmt.Println(strings.TrimSpace(line))
				break
			}
		}
	}
	// Output:
	// ALARM the team has missed its target 3 periods in a row (missed_targets=3)
	// Calibration cal-2026-10: reference 96.7 (expert qa.lead); agreement alpha 0.38 nominal, 0.38 ordinal
	// Dispute of ev-east-11-1 by east-11: decided, score 96.8 -> 100.0
	// Dispute of ev-east-16-1 by east-16: open, the evaluation is held out of pay until decided (score 92.5)
	// south-09     SILENCE RISK employee_issue: the employee has had no feedback past the deadline of step "follow up and give feedback"; unanswered issues teach everyone to stop speaking up (due Thu Oct 22 11:00, 9 days late)
	// south-15     written_warning  3 occurrences of lateness or leaving early, the last on 2026-10-22: minor, one step up from the verbal_warning in force in the last 12 months
	// east-04      dismissal        malicious leaking of customer information on 2026-10-16: zero tolerance, straight to dismissal
}
