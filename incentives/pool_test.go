package incentives

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestApportion(t *testing.T) {
	tests := []struct {
		name    string
		total   int64
		weights []int64
		want    []int64
	}{
		{"exact shares", 100, []int64{50, 30, 20}, []int64{50, 30, 20}},
		{"leftover to the largest remainder", 10, []int64{1, 1, 1}, []int64{4, 3, 3}},
		{"equal remainders: the earlier part first", 2, []int64{1, 1, 1}, []int64{1, 1, 0}},
		{"largest remainder, not the largest weight", 100, []int64{333, 333, 334}, []int64{33, 33, 34}},
		{"scaling 16250 to 15000", 15000, []int64{1250, 2500, 12500}, []int64{1154, 2308, 11538}},
		{"zero weights get nothing", 7, []int64{0, 3, 0, 4}, []int64{0, 3, 0, 4}},
		{"all zero", 7, []int64{0, 0}, []int64{0, 0}},
		{"big numbers do not overflow", 1_000_000_000_000, []int64{999_999_999_999, 1, 1}, []int64{999_999_999_998, 1, 1}},
	}
	for _, tt := range tests {
		out := make([]int64, len(tt.weights))
		apportion(tt.total, tt.weights, out)
		assert.Equal(t, tt.want, out, tt.name)
	}
}

func TestPoolScalesToTheBudgetExactly(t *testing.T) {
	p := small(t)
	agents := []AgentRecord{
		agentWith(map[string]float64{"qa_avg": 90, "complaints": 0}), // 1000 + 2000
		agentWith(map[string]float64{"qa_avg": 85, "complaints": 0}), // 1000
	}
	agents[1].ID = "b"
	per := march
	budget := int64(2000)
	per.Budget = &budget
	st, err := p.Evaluate(per, agents)
	require.NoError(t, err)
	assert.Equal(t, Pool{Limited: true, Budget: 2000, Requested: 4000, Paid: 2000, Scaled: true}, st.Pool)
	var paid int64
	for _, l := range st.Lines {
		if l.Kind == KindAward && l.Base > 0 {
			paid += l.Amount
			assert.Equal(t, "scaled to the pool: budget EUR 20.00 for EUR 40.00 requested", l.Note)
		}
	}
	assert.Equal(t, int64(2000), paid)
	assert.Equal(t, []got{
		{"rewards.no_complaints", KindAward, 500, 0, 5}, {"rewards.quality", KindAward, 1000, 0, 0},
		{"rewards.no_complaints", KindAward, 500, 0, 5},
	}, summary(st.Lines[:3]))

	budget = 5000
	st, err = p.Evaluate(per, agents)
	require.NoError(t, err)
	assert.Equal(t, Pool{Limited: true, Budget: 5000, Requested: 4000, Paid: 4000}, st.Pool)
	assert.Empty(t, st.Lines[0].Note)
}
