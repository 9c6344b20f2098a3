package incentives

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkStatement asserts the invariants every statement keeps.
func checkStatement(t testing.TB, st Statement) {
	t.Helper()
	byAgent := map[string]Totals{}
	for _, l := range st.Lines {
		tt := byAgent[l.Agent]
		switch l.Kind {
		case KindAward:
			tt.Bonus += l.Amount
			tt.Points += l.Points
			require.GreaterOrEqual(t, l.Amount, int64(0), "award %s of %s", l.Rule, l.Agent)
		case KindPenalty:
			tt.Fines -= l.Amount
			require.LessOrEqual(t, l.Amount, int64(0))
		case KindHold:
			tt.Held += l.Held
			require.Zero(t, l.Amount)
		case KindGrade:
			require.Zero(t, l.Amount)
		}
		tt.Net += l.Amount
		byAgent[l.Agent] = tt
		require.NotEmpty(t, l.Reason, "every line explains itself")
	}
	teams := map[string]Totals{}
	for _, a := range st.Agents {
		require.Equal(t, byAgent[a.Agent], a.Totals, "agent %s totals are the sum of its lines", a.Agent)
		require.Equal(t, a.Bonus-a.Fines, a.Net)
		tt := teams[a.Team]
		addTotals(&tt, a.Totals)
		teams[a.Team] = tt
	}
	var center Totals
	for _, tm := range st.Teams {
		require.Equal(t, teams[tm.Team], tm.Totals, "team %s totals are the sum of its agents", tm.Team)
		addTotals(&center, tm.Totals)
	}
	require.Equal(t, center, st.Center)
	var pool int64
	for _, l := range st.Lines {
		if l.Kind == KindAward && l.Rule[:min(len(l.Rule), 8)] != "contest." && l.Base > 0 {
			pool += l.Amount
		}
	}
	require.Equal(t, st.Pool.Paid, pool)
	if st.Pool.Limited {
		require.LessOrEqual(t, st.Pool.Paid, st.Pool.Budget, "the pool is never exceeded")
		if st.Pool.Scaled {
			require.Equal(t, st.Pool.Budget, st.Pool.Paid, "a scaled pool is paid out exactly")
		}
	}
}

func TestPropertyTotalsAddUpAndPoolsHold(t *testing.T) {
	p := DefaultPolicy()
	r := rand.New(rand.NewPCG(42, 42))
	for round := 0; round < 40; round++ {
		agents := genAgents(uint64(round), 1+r.IntN(300))
		per := march
		if round%4 != 0 {
			b := int64(r.IntN(3_000_000))
			per.Budget = &b
		}
		if round%5 == 0 {
			per = WeekOf(day(10))
			for i := range agents {
				agents[i].Violations = nil
			}
		}
		st, err := p.Evaluate(per, agents)
		require.NoError(t, err)
		checkStatement(t, st)
	}
}

func TestDeterministicWhateverTheOrder(t *testing.T) {
	p := DefaultPolicy()
	agents := genAgents(9, 500)
	per := march
	b := int64(1_234_567)
	per.Budget = &b
	st1, err := p.Evaluate(per, agents)
	require.NoError(t, err)
	j1, _ := json.Marshal(st1)
	shuffled := append([]AgentRecord(nil), agents...)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	st2, err := p.Evaluate(per, shuffled)
	require.NoError(t, err)
	j2, _ := json.Marshal(st2)
	assert.Equal(t, string(j1), string(j2))
}

func TestEvaluateDoesNotMutateInput(t *testing.T) {
	agents := genAgents(3, 50)
	before, _ := json.Marshal(agents)
	_, err := DefaultPolicy().Evaluate(march, agents)
	require.NoError(t, err)
	after, _ := json.Marshal(agents)
	assert.Equal(t, string(before), string(after))
}
