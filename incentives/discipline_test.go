package incentives

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func disciplineLines(st Statement) []Line {
	var out []Line
	for _, l := range st.Lines {
		if strings.HasPrefix(l.Rule(), "discipline.") {
			out = append(out, l)
		}
	}
	return out
}

type stepGot struct {
	Rule       string
	Kind       LineKind
	Amount     int64
	Held       int64
	Step       Step
	Violations []string
}

func steps(lines []Line) []stepGot {
	out := []stepGot{}
	for _, l := range lines {
		out = append(out, stepGot{l.Rule(), l.Kind, l.Amount, l.Held, l.Step, l.Violations})
	}
	return out
}

func TestDiscipline(t *testing.T) {
	p := small(t)
	v := func(id, kind string, d int) Violation { return Violation{ID: id, Kind: kind, At: day(d)} }
	tests := []struct {
		name    string
		history []PriorStep
		viol    []Violation
		care    bool
		want    []stepGot
	}{
		{"a serious violation moves two steps from one active step: final warning; the fine is capped per incident",
			[]PriorStep{{Step: VerbalWarning, At: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)}},
			[]Violation{v("r1", "rude", 5)},
			false,
			[]stepGot{{"discipline.kinds.rude.fine", KindPenalty, -2500, 0, "", []string{"r1"}}, {"discipline.kinds.rude", KindPenalty, 0, 0, FinalWarning, []string{"r1"}}}},
		{"the highest step in force counts, not how many: a lone final warning makes the next minor step a dismissal",
			[]PriorStep{{Step: FinalWarning, At: time.Date(2024, 11, 1, 0, 0, 0, 0, time.UTC)}},
			[]Violation{v("l1", "late", 3), v("l2", "late", 10)},
			false,
			[]stepGot{
				{"discipline.kinds.late.fine", KindPenalty, -500, 0, "", []string{"l1"}},
				{"discipline.kinds.late.fine", KindPenalty, -500, 0, "", []string{"l2"}},
				{"discipline.kinds.late", KindPenalty, 0, 0, Dismissal, []string{"l1", "l2"}},
			}},
		{"two warnings of the same level in force move one step past that level, no further",
			[]PriorStep{{Step: VerbalWarning, At: time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC)}, {Step: VerbalWarning, At: time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)}},
			[]Violation{v("l1", "late", 3), v("l2", "late", 10)},
			false,
			[]stepGot{
				{"discipline.kinds.late.fine", KindPenalty, -500, 0, "", []string{"l1"}},
				{"discipline.kinds.late.fine", KindPenalty, -500, 0, "", []string{"l2"}},
				{"discipline.kinds.late", KindPenalty, 0, 0, WrittenWarning, []string{"l1", "l2"}},
			}},
		{"a step exactly 12 months old has expired",
			[]PriorStep{{Step: WrittenWarning, At: time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)}},
			[]Violation{v("r1", "rude", 5)},
			false,
			[]stepGot{{"discipline.kinds.rude.fine", KindPenalty, -2500, 0, "", []string{"r1"}}, {"discipline.kinds.rude", KindPenalty, 0, 0, WrittenWarning, []string{"r1"}}}},
		{"a step one second younger is still active",
			[]PriorStep{{Step: WrittenWarning, At: time.Date(2024, 3, 5, 10, 0, 1, 0, time.UTC)}},
			[]Violation{v("r1", "rude", 5)},
			false,
			[]stepGot{{"discipline.kinds.rude.fine", KindPenalty, -2500, 0, "", []string{"r1"}}, {"discipline.kinds.rude", KindPenalty, 0, 0, Dismissal, []string{"r1"}}}},
		{"two lateness occurrences make one verbal warning naming both; a third waits",
			nil,
			[]Violation{v("l3", "late", 20), v("l1", "late", 3), v("l2", "late", 10)},
			false,
			[]stepGot{
				{"discipline.kinds.late.fine", KindPenalty, -500, 0, "", []string{"l1"}},
				{"discipline.kinds.late.fine", KindPenalty, -500, 0, "", []string{"l2"}},
				{"discipline.kinds.late", KindPenalty, 0, 0, VerbalWarning, []string{"l1", "l2"}},
				{"discipline.kinds.late.fine", KindPenalty, -500, 0, "", []string{"l3"}},
			}},
		{"steps taken this period count for the next: rude on the written warning rude gave is dismissal",
			nil,
			[]Violation{v("r1", "rude", 3), v("r2", "rude", 9)},
			false,
			[]stepGot{
				{"discipline.kinds.rude.fine", KindPenalty, -2500, 0, "", []string{"r1"}},
				{"discipline.kinds.rude", KindPenalty, 0, 0, WrittenWarning, []string{"r1"}},
				{"discipline.kinds.rude.fine", KindPenalty, -1500, 0, "", []string{"r2"}},
				{"discipline.kinds.rude", KindPenalty, 0, 0, Dismissal, []string{"r2"}},
			}},
		{"zero tolerance: a clean record goes straight to dismissal",
			nil, []Violation{v("x", "leak", 7)}, false,
			[]stepGot{{"discipline.kinds.leak", KindPenalty, 0, 0, Dismissal, []string{"x"}}}},
		{"a disputed violation is held out and does not count toward the next step",
			nil, []Violation{{ID: "r1", Kind: "rude", At: day(3), Disputed: true}, v("r2", "rude", 9)}, false,
			[]stepGot{
				{"discipline.kinds.rude", KindHold, 0, -3000, "", []string{"r1"}},
				{"discipline.kinds.rude.fine", KindPenalty, -2500, 0, "", []string{"r2"}},
				{"discipline.kinds.rude", KindPenalty, 0, 0, WrittenWarning, []string{"r2"}},
			}},
		{"an agent in crisis: the fine and the step are held, with what they would be",
			nil, []Violation{v("r1", "rude", 3)}, true,
			[]stepGot{
				{"discipline.kinds.rude.fine", KindHold, 0, -2500, "", []string{"r1"}},
				{"discipline.kinds.rude", KindHold, 0, 0, WrittenWarning, []string{"r1"}},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := okAgent("a")
			a.Discipline, a.Violations, a.Crisis = tt.history, tt.viol, tt.care
			st := one(t, p, a)
			assert.Equal(t, tt.want, steps(disciplineLines(st)))
		})
	}
}

func TestDisciplineReasonsAndPrivateList(t *testing.T) {
	p := small(t)
	a := okAgent("a")
	a.Discipline = []PriorStep{{Step: VerbalWarning, At: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)}}
	a.Violations = []Violation{{ID: "r1", Kind: "rude", At: day(5)}, {ID: "l1", Kind: "late", At: day(6)}}
	st := one(t, p, a)
	d := disciplineLines(st)
	require.Len(t, d, 3)
	assert.Equal(t, "fine for rude on 2025-03-05; fine capped at EUR 25.00 per incident", sayOf(d[0]))
	assert.Equal(t, "rude on 2025-03-05: serious, two steps up from the verbal_warning in force in the last 12 months", reasonOf(d[1]))
	require.Len(t, st.Private, 4)
	assert.Equal(t, item{Agent: "a", Team: "t", Kind: "notice", Rule: "discipline.kinds.late.occurrences", Violations: []string{"l1"},
		Text: "1 of 2 occurrences of late in this period; 2 lead to a step"}, itemOf(st.Private[3]))
	assert.Equal(t, reasonOf(d[1]), itemOf(st.Private[1]).Text)
	assert.Equal(t, FinalWarning, st.Private[1].Step)
	for _, r := range st.Public {
		assert.NotEqual(t, "a", r.Agent, "corrective items never reach the public list")
	}

	a.Crisis = true
	st = one(t, p, a)
	d = disciplineLines(st)
	assert.Equal(t, "wellbeing hold: care comes before discipline and contest placings; rude on 2025-03-05: serious, two steps up from the verbal_warning in force in the last 12 months", reasonOf(d[1]))
	assert.Equal(t, int64(0), st.Center.Fines)
}

func TestFinesSwitchedOff(t *testing.T) {
	src := []byte(`version: v
currency: EUR
metrics: []
discipline:
  fines: {enabled: false}
  kinds: [{id: rude, severity: serious, fine: 3000}]
`)
	p, err := ParsePolicy(src)
	require.NoError(t, err)
	st, err := p.Evaluate(march, []AgentRecord{{ID: "a", Team: "t", Violations: []Violation{{ID: "r", Kind: "rude", At: day(2)}}}})
	require.NoError(t, err)
	assert.Equal(t, []stepGot{{"discipline.kinds.rude", KindPenalty, 0, 0, WrittenWarning, []string{"r"}}}, steps(st.Lines))
	assert.Equal(t, int64(0), st.Center.Fines)
}

func TestFineCapsAtTheirValues(t *testing.T) {
	src := []byte(`version: v
currency: EUR
metrics: []
discipline:
  fines: {per_incident_max: 2500, per_period_max: 5000}
  kinds:
    - {id: at_cap, severity: minor, occurrences: 9, fine: 2500, reason: a fine at the cap}
    - {id: over_cap, severity: minor, occurrences: 9, fine: 2501, reason: a fine over the cap}
`)
	p, err := ParsePolicy(src)
	require.NoError(t, err)
	v := func(id, kind string, d int) Violation { return Violation{ID: id, Kind: kind, At: day(d)} }
	st, err := p.Evaluate(march, []AgentRecord{{ID: "a", Team: "t", Violations: []Violation{
		v("1", "at_cap", 2), v("2", "over_cap", 3), v("3", "at_cap", 4), v("4", "at_cap", 5),
	}}})
	require.NoError(t, err)
	var reasons []string
	var amounts []int64
	for _, l := range st.Lines {
		reasons = append(reasons, sayOf(l))
		amounts = append(amounts, l.Amount)
	}
	assert.Equal(t, []string{
		"fine for a fine at the cap on 2025-03-02",
		"fine for a fine over the cap on 2025-03-03; fine capped at EUR 25.00 per incident",
		"fine for a fine at the cap on 2025-03-04; fine cut to the EUR 50.00 limit per period",
		"fine for a fine at the cap on 2025-03-05; fine cut to the EUR 50.00 limit per period",
	}, reasons)
	assert.Equal(t, []int64{-2500, -2500, 0, 0}, amounts, "the period limit is reached exactly by the second fine")
	assert.Equal(t, int64(5000), st.Center.Fines)
}
