package incentives

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTenureMonths(t *testing.T) {
	at := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	assert.Equal(t, 9, tenureMonths(time.Date(2024, 6, 15, 0, 0, 0, 0, time.UTC), at))
	assert.Equal(t, 10, tenureMonths(time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), at))
	assert.Equal(t, 0, tenureMonths(time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC), at))
}

func TestLadder(t *testing.T) {
	p := small(t)
	base := func() AgentRecord {
		return AgentRecord{ID: "a", Team: "t", Hired: time.Date(2024, 6, 15, 0, 0, 0, 0, time.UTC), QAEvaluations: 5,
			Metrics: map[string]float64{"qa_avg": 97, "csat": 4.9, "complaints": 1},
			Career:  CareerRecord{QAAverage: 88.5, QAEvaluations: 5, Metrics: map[string]float64{"csat": 4.2}}}
	}
	t.Run("everything missing for intermediate, with how much", func(t *testing.T) {
		st := one(t, p, base())
		require.Len(t, st.Careers, 1)
		c := st.Careers[0]
		assert.Equal(t, "junior", c.Grade)
		assert.Equal(t, "junior", c.Qualifies)
		require.Len(t, c.Next, 1)
		assert.Equal(t, "intermediate", c.Next[0].Grade)
		assert.False(t, c.Next[0].Met)
		assert.Equal(t, "tenure 9 of 12 months; QA 88.5 of 90; QA evaluations 5 of 10; csat 4.2 of 4.5; exam exam_b not passed", summaryOf(c.Next[0]))
		assert.Equal(t, Shortfall{Requirement: "tenure_months", Have: 9, Need: 12}, c.Next[0].Missing[0])
		assert.Equal(t, Shortfall{Requirement: "metrics.csat", Have: 4.2, Need: 4.5}, c.Next[0].Missing[3])
	})
	t.Run("meeting intermediate and senior climbs both and writes one grade line", func(t *testing.T) {
		a := base()
		a.Hired, a.ExamsPassed = hired(2020), []string{"exam_b"}
		a.Career = CareerRecord{QAAverage: 93, QAEvaluations: 25, Metrics: map[string]float64{"csat": 4.5}}
		st := one(t, p, a)
		c := st.Careers[0]
		assert.Equal(t, "senior", c.Qualifies)
		assert.Empty(t, c.Next)
		g := st.Lines[len(st.Lines)-1]
		assert.Equal(t, KindGrade, g.Kind)
		assert.Equal(t, "ladder.grades.senior", g.Rule())
		assert.Equal(t, "meets every requirement of intermediate, then senior (from junior; tenure 63 months, QA 93 over 25 evaluations)", reasonOf(g))
	})
	t.Run("an intermediate sees senior and, on application, team lead", func(t *testing.T) {
		a := base()
		a.Grade, a.Hired = "intermediate", time.Date(2023, 10, 1, 0, 0, 0, 0, time.UTC)
		a.Career.QAAverage, a.Career.QAEvaluations = 92.5, 12
		st := one(t, p, a)
		c := st.Careers[0]
		assert.Equal(t, "intermediate", c.Qualifies)
		require.Len(t, c.Next, 2)
		assert.Equal(t, "tenure 18 of 24 months; QA 92.5 of 93; QA evaluations 12 of 20", summaryOf(c.Next[0]))
		assert.Equal(t, NextGrade{Grade: "team_lead", Track: "management", OnApplication: true, Met: true}, c.Next[1])
		for _, l := range st.Lines {
			assert.NotEqual(t, KindGrade, l.Kind, "on-application grades are never given automatically")
		}
	})
	t.Run("a final warning this period blocks the step up; a QA dispute holds the QA figure", func(t *testing.T) {
		a := base()
		a.Hired, a.ExamsPassed = hired(2020), []string{"exam_b"}
		a.Career = CareerRecord{QAAverage: 91, QAEvaluations: 25, Metrics: map[string]float64{"csat": 4.6}}
		a.Discipline = []PriorStep{{Step: VerbalWarning, At: time.Date(2024, 9, 2, 0, 0, 0, 0, time.UTC)}, {Step: WrittenWarning, At: time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC)}}
		a.Violations = []Violation{{ID: "l1", Kind: "late", At: day(4)}, {ID: "l2", Kind: "late", At: day(12)}}
		a.QADisputeOpen = true
		st := one(t, p, a)
		c := st.Careers[0]
		assert.Equal(t, "junior", c.Qualifies)
		assert.Equal(t, "QA average held: a QA evaluation is under open dispute; final warning active until 2026-03-12", summaryOf(c.Next[0]))
	})
}

// TestLadderReadsTheCareerRecord pins that promotion rests on the long
// run: the period's QA figures and evaluation count never gate a grade,
// and a requirement on a figure the career record lacks is missing.
func TestLadderReadsTheCareerRecord(t *testing.T) {
	p := small(t)
	ready := func() AgentRecord {
		return AgentRecord{ID: "a", Team: "t", Hired: time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC), ExamsPassed: []string{"exam_b"},
			QAEvaluations: 2, Metrics: map[string]float64{"qa_avg": 40, "csat": 1.5},
			Career: CareerRecord{QAAverage: 90, QAEvaluations: 10, Metrics: map[string]float64{"csat": 4.5}}}
	}
	tests := []struct {
		name    string
		edit    func(a *AgentRecord)
		summary string // of intermediate; "" when it is met
		missing []Shortfall
	}{
		{"every requirement at its first value: 12 months, QA 90 over 10 evaluations, csat 4.5; the month's 2 evaluations and QA 40 do not count",
			func(a *AgentRecord) {}, "", nil},
		{"tenure one day short of 12 months",
			func(a *AgentRecord) { a.Hired = time.Date(2024, 4, 2, 0, 0, 0, 0, time.UTC) },
			"tenure 11 of 12 months", []Shortfall{{Requirement: "tenure_months", Have: 11, Need: 12}}},
		{"QA average just under",
			func(a *AgentRecord) { a.Career.QAAverage = 89.99 },
			"QA 89.99 of 90", []Shortfall{{Requirement: "qa", Have: 89.99, Need: 90}}},
		{"one evaluation short",
			func(a *AgentRecord) { a.Career.QAEvaluations = 9 },
			"QA evaluations 9 of 10", []Shortfall{{Requirement: "qa_evaluations", Have: 9, Need: 10}}},
		{"no QA average at all: not measured, not passed",
			func(a *AgentRecord) { a.Career.QAAverage, a.Career.QAEvaluations = 0, 0 },
			"QA average not measured (needs 90); QA evaluations 0 of 10",
			[]Shortfall{{Requirement: "qa", Need: 90}, {Requirement: "qa_evaluations", Need: 10}}},
		{"csat left out of the career record is not measured, though the month has it",
			func(a *AgentRecord) { a.Career.Metrics = nil; a.Metrics["csat"] = 5 },
			"csat not measured (needs 4.5)", []Shortfall{{Requirement: "metrics.csat", Need: 4.5}}},
		{"csat just under",
			func(a *AgentRecord) { a.Career.Metrics["csat"] = 4.49 },
			"csat 4.49 of 4.5", []Shortfall{{Requirement: "metrics.csat", Have: 4.49, Need: 4.5}}},
		{"an open QA dispute holds the QA average",
			func(a *AgentRecord) { a.QADisputeOpen = true },
			"QA average held: a QA evaluation is under open dispute", []Shortfall{{Requirement: "qa", Need: 90}}},
		{"an exam not passed",
			func(a *AgentRecord) { a.ExamsPassed = nil },
			"exam exam_b not passed", []Shortfall{{Requirement: "exam"}}},
		{"a final warning taken 12 months before the period end has expired",
			func(a *AgentRecord) {
				a.Discipline = []PriorStep{{Step: FinalWarning, At: time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)}}
			}, "", nil},
		{"a final warning one day younger is active",
			func(a *AgentRecord) {
				a.Discipline = []PriorStep{{Step: FinalWarning, At: time.Date(2024, 4, 2, 0, 0, 0, 0, time.UTC)}}
			}, "final warning active until 2025-04-02", []Shortfall{{Requirement: "no_final_warning"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ready()
			tt.edit(&a)
			st := one(t, p, a)
			require.Len(t, st.Careers, 1)
			c := st.Careers[0]
			if tt.summary == "" {
				assert.Equal(t, "intermediate", c.Qualifies)
				g := st.Lines[len(st.Lines)-1]
				assert.Equal(t, "ladder.grades.intermediate", g.Rule())
				assert.Equal(t, "meets every requirement of intermediate (from junior; tenure 12 months, QA 90 over 10 evaluations)", reasonOf(g))
				return
			}
			assert.Equal(t, "junior", c.Qualifies)
			require.Len(t, c.Next, 1)
			assert.Equal(t, tt.summary, summaryOf(c.Next[0]))
			assert.Equal(t, tt.missing, c.Next[0].Missing)
			assert.False(t, c.Next[0].Met)
		})
	}
}

// TestDefaultLadderIsReachable guards the default policy's ladder against
// requirements that no agent can meet: a year of ordinary QA evaluations
// is enough for intermediate.
func TestDefaultLadderIsReachable(t *testing.T) {
	p := DefaultPolicy()
	a := AgentRecord{ID: "a", Team: "t", Hired: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), ExamsPassed: []string{"intermediate_exam"},
		QAEvaluations: 7, Metrics: map[string]float64{"qa_avg": 89, "csat": 4.3},
		Career: CareerRecord{QAAverage: 88.4, QAEvaluations: 84, Metrics: map[string]float64{"csat": 4.35, "fcr": 78}}}
	st := one(t, p, a)
	require.Len(t, st.Careers, 1)
	c := st.Careers[0]
	assert.Equal(t, "intermediate", c.Qualifies)
	require.Len(t, c.Next, 2)
	assert.Equal(t, "tenure 13 of 30 months; QA 88.4 of 92; csat 4.35 of 4.5; fcr 78 of 80; exam senior_exam not passed", summaryOf(c.Next[0]))
	assert.Equal(t, "tenure 13 of 24 months; QA 88.4 of 90; csat 4.35 of 4.4; exam team_lead_exam not passed", summaryOf(c.Next[1]))
}
