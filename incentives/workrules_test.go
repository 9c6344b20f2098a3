package incentives

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The seat-management work rules (不得擅自调换工作内容或工作时间; 不得在工作中
// 大声喧哗、私自聊天; working hours kept, breaks included) are violation
// kinds of the default policy, each minor: a first breach is a verbal
// warning, with the fine the policy sets, and the kinds that count
// occurrences take their step at the third.
func TestDefaultWorkRuleKindsFire(t *testing.T) {
	at := func(d int) time.Time { return time.Date(2025, 3, d, 14, 0, 0, 0, time.UTC) }
	v := func(id, kind string, d int) Violation { return Violation{ID: id, Kind: kind, At: at(d)} }
	tests := []struct {
		name  string
		viols []Violation
		want  []stepGot
		texts []string
	}{
		{"an unauthorised swap: fined and a verbal warning at once",
			[]Violation{v("sw-1", "unauthorised_swap", 10)},
			[]stepGot{
				{"discipline.kinds.unauthorised_swap.fine", KindPenalty, -5000, 0, "", []string{"sw-1"}},
				{"discipline.kinds.unauthorised_swap", KindPenalty, 0, 0, VerbalWarning, []string{"sw-1"}},
			},
			[]string{
				"fine for a shift or task swapped without approval on 2025-03-10",
				"a shift or task swapped without approval on 2025-03-10: minor, one step up from no step in the last 12 months",
			}},
		{"two unauthorised swaps: the second a written warning",
			[]Violation{v("sw-1", "unauthorised_swap", 10), v("sw-2", "unauthorised_swap", 17)},
			[]stepGot{
				{"discipline.kinds.unauthorised_swap.fine", KindPenalty, -5000, 0, "", []string{"sw-1"}},
				{"discipline.kinds.unauthorised_swap", KindPenalty, 0, 0, VerbalWarning, []string{"sw-1"}},
				{"discipline.kinds.unauthorised_swap.fine", KindPenalty, -5000, 0, "", []string{"sw-2"}},
				{"discipline.kinds.unauthorised_swap", KindPenalty, 0, 0, WrittenWarning, []string{"sw-2"}},
			},
			nil},
		{"loud or private chat twice: no step yet, no fine",
			[]Violation{v("ch-1", "loud_or_private_chat", 3), v("ch-2", "loud_or_private_chat", 4)},
			[]stepGot{}, nil},
		{"loud or private chat a third time: a verbal warning naming all three, no fine",
			[]Violation{v("ch-1", "loud_or_private_chat", 3), v("ch-2", "loud_or_private_chat", 4), v("ch-3", "loud_or_private_chat", 5)},
			[]stepGot{{"discipline.kinds.loud_or_private_chat", KindPenalty, 0, 0, VerbalWarning, []string{"ch-1", "ch-2", "ch-3"}}},
			[]string{"3 occurrences of loud talk or private chat on the floor, the last on 2025-03-05: minor, one step up from no step in the last 12 months"}},
		{"a break over time: fined each time, the step at the third",
			[]Violation{v("br-1", "break_over_time", 3), v("br-2", "break_over_time", 11), v("br-3", "break_over_time", 20)},
			[]stepGot{
				{"discipline.kinds.break_over_time.fine", KindPenalty, -2000, 0, "", []string{"br-1"}},
				{"discipline.kinds.break_over_time.fine", KindPenalty, -2000, 0, "", []string{"br-2"}},
				{"discipline.kinds.break_over_time.fine", KindPenalty, -2000, 0, "", []string{"br-3"}},
				{"discipline.kinds.break_over_time", KindPenalty, 0, 0, VerbalWarning, []string{"br-1", "br-2", "br-3"}},
			},
			[]string{
				"fine for a break taken over its time on 2025-03-03",
				"fine for a break taken over its time on 2025-03-11",
				"fine for a break taken over its time on 2025-03-20",
				"3 occurrences of a break taken over its time, the last on 2025-03-20: minor, one step up from no step in the last 12 months",
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			agents := northTeam()
			agents[1].Violations = tc.viols
			st, err := DefaultPolicy().Evaluate(march, agents)
			require.NoError(t, err)
			checkStatement(t, st)
			var lines []Line
			for _, l := range disciplineLines(st) {
				if l.Agent == "li.na" {
					lines = append(lines, l)
				}
			}
			assert.Equal(t, tc.want, steps(lines))
			if tc.texts != nil {
				var texts []string
				for _, l := range lines {
					texts = append(texts, l.Reasons[0].Text)
				}
				assert.Equal(t, tc.texts, texts)
			}
		})
	}
}

// A work-rule breach is held, as all discipline is, for an agent in
// crisis.
func TestWorkRuleKindHeldInCrisis(t *testing.T) {
	agents := northTeam()
	agents[1].Crisis = true
	agents[1].Violations = []Violation{{ID: "sw-1", Kind: "unauthorised_swap", At: time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)}}
	st, err := DefaultPolicy().Evaluate(march, agents)
	require.NoError(t, err)
	var got []stepGot
	for _, l := range disciplineLines(st) {
		if l.Agent == "li.na" {
			got = append(got, stepGot{l.Rule(), l.Kind, l.Amount, l.Held, l.Step, l.Violations})
			g, ok := guardOf(l.Reasons)
			assert.True(t, ok)
			assert.Equal(t, "wellbeing hold: care comes before discipline and contest placings", g.Text)
		}
	}
	assert.Equal(t, []stepGot{
		{"discipline.kinds.unauthorised_swap.fine", KindHold, 0, -5000, "", []string{"sw-1"}},
		{"discipline.kinds.unauthorised_swap", KindHold, 0, 0, VerbalWarning, []string{"sw-1"}},
	}, got)
}
