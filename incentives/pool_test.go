package incentives

import (
	"cmp"
	"math/rand/v2"
	"slices"
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
			assert.Equal(t, "scaled to the pool: budget EUR 20.00 for EUR 40.00 requested, this line's EUR "+cents(l.Amount*2)+" to EUR "+cents(l.Amount), noteOf(l))
		}
	}
	assert.Equal(t, int64(2000), paid)
	assert.Equal(t, []got{
		{"rewards.rules.no_complaints", KindAward, 500, 0, 5}, {"rewards.rules.quality", KindAward, 1000, 0, 0},
		{"rewards.rules.no_complaints", KindAward, 500, 0, 5},
	}, summary(st.Lines[:3]))

	budget = 5000
	st, err = p.Evaluate(per, agents)
	require.NoError(t, err)
	assert.Equal(t, Pool{Limited: true, Budget: 5000, Requested: 4000, Paid: 4000}, st.Pool)
	assert.Empty(t, noteOf(st.Lines[0]))
}

func TestPoolEqualToTheRequestIsPaidWhole(t *testing.T) {
	p := small(t)
	agents := []AgentRecord{
		agentWith(map[string]float64{"qa_avg": 90, "complaints": 0}), // 1000 + 2000
		agentWith(map[string]float64{"qa_avg": 85, "complaints": 0}), // 1000
	}
	agents[1].ID = "b"
	per := march
	for _, tc := range []struct {
		budget int64
		want   Pool
		note   string
	}{
		{4000, Pool{Limited: true, Budget: 4000, Requested: 4000, Paid: 4000}, ""},
		{3999, Pool{Limited: true, Budget: 3999, Requested: 4000, Paid: 3999, Scaled: true}, "scaled to the pool: budget EUR 39.99 for EUR 40.00 requested, this line's EUR 20.00 to EUR 19.99"},
		{0, Pool{Limited: true, Budget: 0, Requested: 4000, Paid: 0, Scaled: true}, "scaled to the pool: budget EUR 0.00 for EUR 40.00 requested, this line's EUR 20.00 to EUR 0.00"},
	} {
		budget := tc.budget
		per.Budget = &budget
		st, err := p.Evaluate(per, agents)
		require.NoError(t, err)
		assert.Equal(t, tc.want, st.Pool, "budget %d", tc.budget)
		var paid int64
		notes := map[string]bool{}
		for _, l := range st.Lines {
			if l.Kind == KindAward && l.Base > 0 {
				paid += l.Amount
				notes[noteOf(l)] = true
			}
		}
		assert.Equal(t, tc.want.Paid, paid)
		if tc.note == "" {
			assert.Equal(t, map[string]bool{"": true}, notes, "an unscaled pool leaves no note")
		} else {
			// 3999 of 4000: 1000, 2000 and 1000 lose 0.25, 0.5 and 0.25;
			// the line with the largest loss gives the unit.
			assert.Contains(t, notes, tc.note)
		}
	}
	budget := int64(3999)
	per.Budget = &budget
	st, err := p.Evaluate(per, agents)
	require.NoError(t, err)
	assert.Equal(t, []got{
		{"rewards.rules.no_complaints", KindAward, 1000, 0, 5}, {"rewards.rules.quality", KindAward, 1999, 0, 0},
		{"rewards.rules.no_complaints", KindAward, 1000, 0, 5},
	}, summary(st.Lines[:3]))
	assert.Empty(t, noteOf(st.Lines[0]), "a line the pool left whole says nothing")
	assert.Equal(t, "scaled to the pool: budget EUR 39.99 for EUR 40.00 requested, this line's EUR 20.00 to EUR 19.99", noteOf(st.Lines[1]))
}

func TestPolicyBudgetAndPeriodOverride(t *testing.T) {
	src := []byte(`version: v
currency: CNY
metrics: [{name: x}]
rewards:
  rules: [{id: a, when: x > 0, bonus: 300}]
pool: {budget: 500}
`)
	p, err := ParsePolicy(src)
	require.NoError(t, err)
	agents := []AgentRecord{{ID: "a", Team: "t", Metrics: map[string]float64{"x": 1}}, {ID: "b", Team: "t", Metrics: map[string]float64{"x": 1}}}
	st, err := p.Evaluate(march, agents)
	require.NoError(t, err)
	assert.Equal(t, Pool{Limited: true, Budget: 500, Requested: 600, Paid: 500, Scaled: true}, st.Pool)
	assert.Equal(t, []got{{"rewards.rules.a", KindAward, 250, 0, 0}, {"rewards.rules.a", KindAward, 250, 0, 0}}, summary(st.Lines))
	assert.Equal(t, "scaled to the pool: budget CNY 5.00 for CNY 6.00 requested, this line's CNY 3.00 to CNY 2.50", noteOf(st.Lines[0]))

	more := int64(600)
	per := march
	per.Budget = &more
	st, err = p.Evaluate(per, agents)
	require.NoError(t, err)
	assert.Equal(t, Pool{Limited: true, Budget: 600, Requested: 600, Paid: 600}, st.Pool, "the period's budget overrides the policy's")
}

// TestApportionMatchesTheSortedRule checks the selection of the units left
// over against the rule written out the slow way: order the parts by
// remainder, largest first, then by index, and give one unit each to the
// first ones.
func TestApportionMatchesTheSortedRule(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	for round := 0; round < 500; round++ {
		n := 1 + r.IntN(40)
		weights := make([]int64, n)
		for i := range weights {
			switch r.IntN(4) {
			case 0:
				weights[i] = 0
			case 1:
				weights[i] = int64(1 + r.IntN(3)) // many equal remainders
			default:
				weights[i] = r.Int64N(1_000_000)
			}
		}
		total := r.Int64N(10_000_000)
		got := make([]int64, n)
		apportion(total, weights, got)

		var sum int64
		for _, w := range weights {
			sum += w
		}
		want := make([]int64, n)
		if sum > 0 {
			rems := make([]int64, n)
			var given int64
			for i, w := range weights {
				want[i] = total * w / sum
				rems[i] = total * w % sum
				given += want[i]
			}
			idx := []int{}
			for i, w := range weights {
				if w > 0 {
					idx = append(idx, i)
				}
			}
			slices.SortStableFunc(idx, func(a, b int) int { return -cmp.Compare(rems[a], rems[b]) })
			for k := int64(0); k < total-given; k++ {
				want[idx[k]]++
			}
		}
		require.Equal(t, want, got, "total %d weights %v", total, weights)
	}
}
