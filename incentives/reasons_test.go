package incentives

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/require"
)

// factOf returns the fact of a reason by name.
func factOf(t *testing.T, r callfloor.Reason, name string) int64 {
	t.Helper()
	for _, f := range r.Facts {
		if f.Name == name {
			require.Equal(t, math.Trunc(f.Value), f.Value, "%s of %s is an amount", name, r.Rule)
			return int64(f.Value)
		}
	}
	t.Fatalf("reason %s has no fact %q: %v", r.Rule, name, r.Facts)
	return 0
}

// recompute replays a line's factors from its Base, checking each factor
// from its own facts alone, and returns the amount they leave.
func recompute(t *testing.T, l Line) int64 {
	t.Helper()
	cur := l.Base
	for _, r := range l.Reasons[1:] {
		switch {
		case strings.HasPrefix(r.Rule, ruleMultiplier+".bands."):
			require.Equal(t, cur, factOf(t, r, "before"), "%s of %s", r.Rule, l.Agent)
			after := (cur*factOf(t, r, "percent") + 50) / 100
			require.Equal(t, after, factOf(t, r, "after"), "%s of %s", r.Rule, l.Agent)
			cur = after
		case r.Rule == ruleMultiplier:
			require.Equal(t, cur, factOf(t, r, "after"), "no band leaves the bonus as it is")
		case r.Rule == ruleCapBonus:
			require.Equal(t, cur, factOf(t, r, "before"), "%s of %s", r.Rule, l.Agent)
			cap, total, after := factOf(t, r, "cap"), factOf(t, r, "total"), factOf(t, r, "after")
			share := float64(cur) * float64(cap) / float64(total)
			require.True(t, math.Abs(float64(after)-share) < 1, "%s of %s: %d is not %d × %d / %d, rounded by the largest remainder", r.Rule, l.Agent, after, cur, cap, total)
			cur = after
		case r.Rule == rulePool:
			require.Equal(t, cur, factOf(t, r, "before"), "%s of %s", r.Rule, l.Agent)
			budget, requested, after := factOf(t, r, "budget"), factOf(t, r, "requested"), factOf(t, r, "after")
			share := float64(cur) * float64(budget) / float64(requested)
			require.True(t, math.Abs(float64(after)-share) < 1, "pool of %s: %d is not %d × %d / %d", l.Agent, after, cur, budget, requested)
			cur = after
		}
	}
	return cur
}

// TestAmountsRecomputeFromTheFacts: a host recomputes every bonus from
// the line's Base and the facts of its factors (the QA band's percent,
// the per-agent cap, the pool), on the default policy over many agents,
// with and without a pool that scales them.
func TestAmountsRecomputeFromTheFacts(t *testing.T) {
	p := DefaultPolicy()
	for _, budget := range []int64{-1, 4_000_000} {
		for seed := uint64(1); seed <= 4; seed++ {
			per := march
			if budget >= 0 {
				per.Budget = &budget
			}
			st, err := p.Evaluate(per, genAgents(seed, 3000))
			require.NoError(t, err)
			if budget >= 0 {
				require.True(t, st.Pool.Scaled, "the budget scales the pool")
			}
			checked := 0
			for _, l := range st.Lines {
				require.NotEmpty(t, l.Reasons, "every line explains itself")
				own := l.Reasons[0]
				want := callfloor.Fired
				if l.Kind == KindHold {
					want = callfloor.Held
				}
				require.Equal(t, want, own.Outcome, "%s of %s", own.Rule, l.Agent)
				require.True(t, callfloor.ValidID(strings.ReplaceAll(own.Rule, ".", "_")), "rule %q is a dotted path of ids", own.Rule)
				for _, r := range l.Reasons {
					require.NotEmpty(t, r.Text)
					for _, f := range r.Facts {
						require.False(t, math.IsNaN(f.Value) || math.IsInf(f.Value, 0), "%s: %s", r.Rule, f.Name)
					}
				}
				if l.Base <= 0 {
					continue
				}
				got := l.Amount
				if l.Kind == KindHold {
					got = l.Held
				}
				require.Equal(t, got, recompute(t, l), "%s of %s: %v", own.Rule, l.Agent, l.Reasons)
				checked++
			}
			require.Greater(t, checked, 1000)
		}
	}
}

// TestAgentLinesByIndex: AgentLines finds every agent's lines through the
// statement's index, the same lines a scan finds, and none for an agent
// the statement does not hold; a statement read back from JSON is
// scanned and gives the same.
func TestAgentLinesByIndex(t *testing.T) {
	st, err := DefaultPolicy().Evaluate(march, genAgents(2, 500))
	require.NoError(t, err)
	var back Statement
	b, err := json.Marshal(st)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &back))
	for _, a := range st.Agents {
		var want []Line
		for _, l := range st.Lines {
			if l.Agent == a.Agent {
				want = append(want, l)
			}
		}
		require.Equal(t, want, st.AgentLines(a.Agent), a.Agent)
		require.Equal(t, want, back.AgentLines(a.Agent), a.Agent)
	}
	require.Empty(t, st.AgentLines("agent-9999"))
	require.Empty(t, st.AgentLines(""))
	require.Nil(t, (*Statement)(nil).AgentLines("agent-1"))
	require.Equal(t, 0.0, testing.AllocsPerRun(100, func() { st.AgentLines("agent-250") }), "the index is read, not built")
}
