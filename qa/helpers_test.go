package qa

import (
	"fmt"
	"strings"
	"testing"
)

// wideCard builds a scorecard of n items in four sections: yes/no items
// and 1..5 scales, alternately.
func wideCard(t testing.TB, n int) *Scorecard {
	t.Helper()
	var b strings.Builder
	b.WriteString("version: wide\nscorecards:\n  - id: wide\n    version: \"1\"\n    pass_mark: 80\n    sections:\n")
	for s := 0; s < 4; s++ {
		fmt.Fprintf(&b, "      - id: s%d\n        weight: %d\n        items:\n", s, 10+s*5)
		for i := s; i < n; i += 4 {
			if i%2 == 0 {
				fmt.Fprintf(&b, "          - {id: i%02d, text: item %d, type: yes_no, weight: %d, good: good %d, fix: fix %d}\n", i, i, 1+i%3, i, i)
			} else {
				fmt.Fprintf(&b, "          - {id: i%02d, text: item %d, type: scale, scale: {min: 1, max: 5}, good: good %d, fix: fix %d}\n", i, i, i, i)
			}
		}
	}
	sc, ok := loadPolicyFromString(t, b.String()).Scorecard("wide")
	if !ok {
		t.Fatal("no wide scorecard")
	}
	return sc
}

// wideEval answers every item of a wide card in full, except that every
// k-th item (k > 0) loses points.
func wideEval(sc *Scorecard, k int) Evaluation {
	ev := Evaluation{ID: "w", Agent: "ana", Evaluator: "qa1", Source: QA, At: t0}
	for i, it := range sc.Items() {
		v := float64(it.Max)
		if k > 0 && i%k == 0 {
			v = float64(it.Min)
			if it.Type == Scale {
				v = 3
			}
		}
		ev.Answers = append(ev.Answers, Answer{Item: it.ID, Value: v})
	}
	return ev
}
