package hardening

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/mood"
	"github.com/stretchr/testify/require"
)

// answersFor spreads a total over n items of scale lo..hi, as evenly as
// the scale allows, so that every total of the instrument is reachable.
func answersFor(total, n, lo, hi int) []int {
	out := make([]int, n)
	rest := total - n*lo
	for i := range out {
		out[i] = lo
		add := min(rest, hi-lo)
		out[i] += add
		rest -= add
	}
	return out
}

// Under the default policy, a screening's tier never falls as distress
// rises: a higher PHQ-9, GAD-7 or K10 total, or a lower WHO-5, never
// gives a lower tier.
func TestTierNeverFallsAsDistressRises(t *testing.T) {
	p := mood.DefaultPolicy()
	for _, inst := range []struct {
		mood.Instrument
		items, lo, hi int
		higherIsWorse bool
	}{
		{mood.PHQ9, 9, 0, 3, true},
		{mood.GAD7, 7, 0, 3, true},
		{mood.K10, 10, 1, 5, true},
		{mood.WHO5, 5, 0, 5, false},
	} {
		prev := mood.Tier(-1)
		if !inst.higherIsWorse {
			prev = mood.Severe + 1
		}
		for total := inst.items * inst.lo; total <= inst.items*inst.hi; total++ {
			s, err := mood.Score(inst.Instrument, answersFor(total, inst.items, inst.lo, inst.hi))
			require.NoError(t, err)
			tier := p.TierOf(s)
			if inst.higherIsWorse {
				require.GreaterOrEqual(t, tier, prev, "%s total %d", inst.Instrument, total)
			} else {
				require.LessOrEqual(t, tier, prev, "%s total %d", inst.Instrument, total)
			}
			prev = tier
		}
	}
}

// A statement's totals add up exactly, whatever the records: each team's
// totals are the sum of its agents', and the center's the sum of the
// teams'; no agent in crisis ever carries a penalty.
func TestStatementTotalsAddUp(t *testing.T) {
	p := incentives.DefaultPolicy()
	period := incentives.MonthOf(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC))
	for seed := uint64(1); seed <= 20; seed++ {
		rng := rand.New(rand.NewPCG(seed, seed*31))
		n := 1 + rng.IntN(300)
		recs := make([]incentives.AgentRecord, n)
		for i := range recs {
			recs[i] = incentives.AgentRecord{
				ID: "a" + string(rune('A'+i%26)) + strconv.Itoa(i), Team: "t" + strconv.Itoa(rng.IntN(1+n/10)),
				Hired:         period.Start.AddDate(0, -1-rng.IntN(60), 0),
				QAEvaluations: rng.IntN(10),
				Crisis:        rng.IntN(20) == 0,
				Metrics: map[string]float64{
					"qa_avg": float64(60 + rng.IntN(41)), "csat": 1 + float64(rng.IntN(41))/10, "fcr": float64(rng.IntN(101)),
					"calls": float64(rng.IntN(500)), "compliments": float64(rng.IntN(8)), "complaints": float64(rng.IntN(3)),
					"attendance": float64(90 + rng.IntN(11)), "adherence": float64(90 + rng.IntN(11)),
				},
			}
			if rng.IntN(8) == 0 {
				recs[i].Violations = []incentives.Violation{{ID: "v" + strconv.Itoa(i), Kind: "late", At: period.Start.Add(time.Duration(rng.IntN(600)) * time.Hour)}}
			}
		}
		st, err := p.Evaluate(period, recs)
		require.NoError(t, err, "seed %d", seed)
		crisis := map[string]bool{}
		for _, r := range recs {
			crisis[r.ID] = r.Crisis
		}
		perTeam := map[string]int64{}
		var center int64
		for _, a := range st.Agents {
			perTeam[a.Team] += a.Net
			center += a.Net
			require.Equal(t, a.Bonus-a.Fines, a.Net)
		}
		for _, tm := range st.Teams {
			require.Equal(t, perTeam[tm.Team], tm.Net, "seed %d team %s", seed, tm.Team)
		}
		require.Equal(t, center, st.Center.Net, "seed %d", seed)
		for _, l := range st.Lines {
			if crisis[l.Agent] {
				require.NotEqual(t, incentives.KindPenalty, l.Kind, "seed %d: %s is in crisis and was penalized", seed, l.Agent)
			}
		}
	}
}
