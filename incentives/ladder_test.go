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
			Metrics: map[string]float64{"qa_avg": 88.5, "csat": 4.2, "complaints": 1}}
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
		assert.Equal(t, "tenure 9 of 12 months; QA 88.5 of 90; QA evaluations 5 of 10; csat 4.2 of 4.5; exam exam_b not passed", c.Next[0].Summary)
		assert.Equal(t, Shortfall{Requirement: "tenure_months", Have: 9, Need: 12, Text: "tenure 9 of 12 months"}, c.Next[0].Missing[0])
		assert.Equal(t, Shortfall{Requirement: "metrics.csat", Have: 4.2, Need: 4.5, Text: "csat 4.2 of 4.5"}, c.Next[0].Missing[3])
	})
	t.Run("meeting intermediate and senior climbs both and writes one grade line", func(t *testing.T) {
		a := base()
		a.Hired, a.QAEvaluations, a.ExamsPassed = hired(2020), 25, []string{"exam_b"}
		a.Metrics = map[string]float64{"qa_avg": 93, "csat": 4.5, "complaints": 1}
		st := one(t, p, a)
		c := st.Careers[0]
		assert.Equal(t, "senior", c.Qualifies)
		assert.Empty(t, c.Next)
		g := st.Lines[len(st.Lines)-1]
		assert.Equal(t, KindGrade, g.Kind)
		assert.Equal(t, "ladder.senior", g.Rule)
		assert.Equal(t, "meets every requirement of intermediate, then senior (from junior; tenure 63 months, QA 93 over 25 evaluations)", g.Reason)
	})
	t.Run("an intermediate sees senior and, on application, team lead", func(t *testing.T) {
		a := base()
		a.Grade, a.Hired, a.QAEvaluations = "intermediate", time.Date(2023, 10, 1, 0, 0, 0, 0, time.UTC), 12
		a.Metrics["qa_avg"] = 92.5
		st := one(t, p, a)
		c := st.Careers[0]
		assert.Equal(t, "intermediate", c.Qualifies)
		require.Len(t, c.Next, 2)
		assert.Equal(t, "tenure 18 of 24 months; QA 92.5 of 93; QA evaluations 12 of 20", c.Next[0].Summary)
		assert.Equal(t, NextGrade{Grade: "team_lead", Track: "management", OnApplication: true, Met: true}, c.Next[1])
		for _, l := range st.Lines {
			assert.NotEqual(t, KindGrade, l.Kind, "on-application grades are never given automatically")
		}
	})
	t.Run("a final warning this period blocks the step up; a QA dispute holds the QA figure", func(t *testing.T) {
		a := base()
		a.Hired, a.QAEvaluations, a.ExamsPassed = hired(2020), 25, []string{"exam_b"}
		a.Metrics = map[string]float64{"qa_avg": 91, "csat": 4.6, "complaints": 1}
		a.Discipline = []PriorStep{{Step: VerbalWarning, At: time.Date(2024, 9, 2, 0, 0, 0, 0, time.UTC)}, {Step: WrittenWarning, At: time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC)}}
		a.Violations = []Violation{{ID: "l1", Kind: "late", At: day(4)}, {ID: "l2", Kind: "late", At: day(12)}}
		a.QADisputeOpen = true
		st := one(t, p, a)
		c := st.Careers[0]
		assert.Equal(t, "junior", c.Qualifies)
		assert.Equal(t, "QA average held: a QA evaluation is under open dispute; final warning active until 2026-03-12", c.Next[0].Summary)
	})
}
