package bench

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/callfloor/callfloor/incentives"
)

type namedIncentiveEngine struct {
	name string
	e    IncentiveEngine
}

func readIncentivePolicy(tb testing.TB) []byte {
	src, err := os.ReadFile("testdata/incentives.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	return src
}

func incentivePlan(tb testing.TB) *IncentivePlan {
	plan, err := NewIncentivePlan(readIncentivePolicy(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return plan
}

func incentiveEngines(tb testing.TB) []namedIncentiveEngine {
	plan := incentivePlan(tb)
	hand, err := NewHandIncentives(plan)
	if err != nil {
		tb.Fatal(err)
	}
	cf, err := NewCallfloorIncentives(readIncentivePolicy(tb), IncentivePeriod)
	if err != nil {
		tb.Fatal(err)
	}
	ex, err := NewExprIncentives(plan)
	if err != nil {
		tb.Fatal(err)
	}
	ce, err := NewCELIncentives(plan)
	if err != nil {
		tb.Fatal(err)
	}
	return []namedIncentiveEngine{{"hand-written", hand}, {"callfloor", cf}, {"expr", ex}, {"cel-go", ce}}
}

// checkIncentives fails unless every engine pays every agent exactly as
// callfloor's statement does.
func checkIncentives(tb testing.TB, engines []namedIncentiveEngine, agents []incentives.AgentRecord) {
	want := make([]Pay, len(agents))
	for _, eng := range engines {
		if eng.name == "callfloor" {
			if err := eng.e.Evaluate(agents, want); err != nil {
				tb.Fatal(err)
			}
		}
	}
	got := make([]Pay, len(agents))
	for _, eng := range engines {
		clear(got)
		if err := eng.e.Evaluate(agents, got); err != nil {
			tb.Fatalf("%s: %v", eng.name, err)
		}
		for i := range agents {
			if got[i] != want[i] {
				tb.Fatalf("%s, %s %v (qa evaluations %d, dispute %v): got %+v, callfloor gives %+v",
					eng.name, agents[i].ID, agents[i].Metrics, agents[i].QAEvaluations, agents[i].QADisputeOpen, got[i], want[i])
			}
		}
	}
}

func TestIncentiveEnginesAgree(t *testing.T) {
	agents := GenerateAgents(records, 1)
	checkIncentives(t, incentiveEngines(t), agents)

	// The generated agents must go through every rule, tier, band, cap
	// and tie-break, or agreement proves little.
	plan := incentivePlan(t)
	p := newPayer(plan)
	var rules [3]int
	var tiers, bands [5]int // index 0: none
	var complimentsCapped, bonusCapped, pointsCapped, ties, noCSAT, fullCSAT, tolerance, held int
	for i := range agents {
		a := &agents[i]
		plan.Figures(a, &p.figures)
		p.decideByHand(&p.figures)
		_, facts := p.pay(&p.figures)
		for k, fired := range p.fired {
			if fired {
				rules[k]++
			}
		}
		tiers[p.tiers[0]+1]++
		bands[facts.band+1]++
		for _, c := range []struct {
			n    *int
			cond bool
		}{
			{&complimentsCapped, facts.complimentsCapped},
			{&bonusCapped, facts.bonusCapped},
			{&pointsCapped, facts.pointsCapped},
			{&ties, facts.tieBroken},
			{&held, a.QADisputeOpen},
		} {
			if c.cond {
				(*c.n)++
			}
		}
		csat, ok := a.Metrics["csat"]
		switch {
		case !ok:
			noCSAT++
		case csat == 5:
			fullCSAT++
		case csat > 4 && math.Floor((csat-4)*40) != math.Floor((csat-4)*40+1e-9):
			tolerance++
		}
	}
	for k, n := range rules {
		if n == 0 || n == len(agents) {
			t.Errorf("rule %s fires for %d of %d agents", plan.Rules[k].ID, n, len(agents))
		}
	}
	for k := 0; k < 4; k++ {
		if tiers[k] == 0 {
			t.Errorf("tier %d (0 for none) never wins: %v", k, tiers[:4])
		}
	}
	for k := 0; k < 5; k++ {
		if bands[k] == 0 {
			t.Errorf("QA band %d (0 for none) never applies: %v", k, bands)
		}
	}
	for _, c := range []struct {
		what string
		n    int
	}{
		{"the compliments max", complimentsCapped},
		{"the bonus cap", bonusCapped},
		{"the points cap", pointsCapped},
		{"a tie between equal remainders", ties},
		{"a QA dispute", held},
		{"csat not measured", noCSAT},
		{"csat 5", fullCSAT},
		{"csat points that need the 1e-9 tolerance", tolerance},
	} {
		if c.n == 0 || c.n == len(agents) {
			t.Errorf("%s: %d of %d agents", c.what, c.n, len(agents))
		}
	}
	t.Logf("rules %v, tiers (none, gold, silver, bronze) %v, bands (none, 120%%, 110%%, 100%%, 80%%) %v", rules, tiers[:4], bands)
	t.Logf("compliments max %d, bonus cap %d, points cap %d, remainder ties %d, disputes %d, no csat %d, csat 5 %d, tolerance %d",
		complimentsCapped, bonusCapped, pointsCapped, ties, held, noCSAT, fullCSAT, tolerance)
}

// TestIncentiveLinesAgree compares the hand-written arithmetic with
// callfloor's line by line. A capped agent's totals are the cap whichever
// line takes a leftover unit, so only the lines show that the largest
// remainder split, and its tie-break, are callfloor's.
func TestIncentiveLinesAgree(t *testing.T) {
	agents := GenerateAgents(records, 1)
	policy, err := incentives.ParsePolicy(readIncentivePolicy(t))
	if err != nil {
		t.Fatal(err)
	}
	st, err := policy.Evaluate(IncentivePeriod, agents)
	if err != nil {
		t.Fatal(err)
	}
	type line struct{ base, amount, points int64 }
	var want []line
	k := 0
	plan := incentivePlan(t)
	p := newPayer(plan)
	for i := range agents {
		a := &agents[i]
		want = want[:0]
		for ; k < len(st.Lines) && st.Lines[k].Agent == a.ID; k++ {
			if l := st.Lines[k]; l.Kind == incentives.KindAward {
				want = append(want, line{l.Base, l.Amount, l.Points})
			}
		}
		plan.Figures(a, &p.figures)
		p.decideByHand(&p.figures)
		p.pay(&p.figures)
		got := make([]line, len(p.lines))
		for j, l := range p.lines {
			got[j] = line{l.base, l.amount, l.points}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%s %v: lines (base, amount, points) %v, callfloor's %v", a.ID, a.Metrics, got, want)
		}
	}
	if k != len(st.Lines) {
		t.Fatalf("%d of callfloor's %d lines belong to no agent in order", len(st.Lines)-k, len(st.Lines))
	}
}

// TestIncentiveEnginesAgreeOutOfOrder passes the agents in reverse id
// order: callfloor's statement lists them by id all the same.
func TestIncentiveEnginesAgreeOutOfOrder(t *testing.T) {
	agents := GenerateAgents(200, 3)
	for i, j := 0, len(agents)-1; i < j; i, j = i+1, j-1 {
		agents[i], agents[j] = agents[j], agents[i]
	}
	checkIncentives(t, incentiveEngines(t), agents)
}

func TestIncentivePay(t *testing.T) {
	p := newPayer(incentivePlan(t))
	for _, c := range []struct {
		why     string
		figures Figures
		fired   []bool
		tier    int
		want    Pay
	}{
		{"nothing fires", Figures{QAAvg: 85, CSAT: 3.9}, []bool{false, false, false}, -1, Pay{}},
		{"bronze at 100%: 30000; csat 4.3 earns 12 points", Figures{QAAvg: 85, CSAT: 4.3}, []bool{false, false, false}, 2, Pay{30000, 15 + 12}},
		{"below 80 the bonus is 80%", Figures{QAAvg: 79.9, CSAT: 4}, []bool{true, false, false}, -1, Pay{16000, 20}},
		{"a QA average not measured leaves bonuses as stated", Figures{QAAvg: math.NaN(), CSAT: 4}, []bool{true, false, false}, -1, Pay{20000, 20}},
		{"csat 4.8 earns 32 points, not 31", Figures{QAAvg: 85, CSAT: 4.8}, []bool{false, false, false}, -1, Pay{0, 32}},
		{"points-only rule is not scaled", Figures{QAAvg: 96, CSAT: 4}, []bool{false, false, true}, -1, Pay{0, 15}},
		{"7 compliments at 110%", Figures{QAAvg: 91, CSAT: 4, Compliments: 7}, []bool{false, false, false}, -1, Pay{15400, 0}},
		{"compliments stop at the max", Figures{QAAvg: 85, CSAT: 4, Compliments: 40}, []bool{false, false, false}, -1, Pay{20000, 0}},
		{
			// 120000, 24000, 12000, 24000 at 120% ask 180000; capped to
			// 120000: 80000, 16000, 8000, 16000, no remainder. Points 20 +
			// 10 + 15 + 50 + 36 = 131 capped to 100.
			"gold with everything", Figures{QAAvg: 96, CSAT: 4.9, Compliments: 10}, []bool{true, true, true}, 0,
			Pay{120000, 100},
		},
	} {
		copy(p.fired, c.fired)
		p.tiers[0] = c.tier
		f := c.figures
		if got, _ := p.pay(&f); got != c.want {
			t.Errorf("%s: got %+v, want %+v", c.why, got, c.want)
		}
	}
}

func TestShare(t *testing.T) {
	p := &payer{}
	for _, c := range []struct {
		why   string
		limit int64
		w     []int64
		want  []int64
		tie   bool
	}{
		{"exact shares", 120000, []int64{120000, 24000, 12000, 24000}, []int64{80000, 16000, 8000, 16000}, false},
		{"largest remainders first", 100, []int64{50, 20, 10, 15, 36}, []int64{38, 15, 8, 11, 28}, false},
		{"equal remainders: the earlier part first", 10, []int64{1, 1, 1}, []int64{4, 3, 3}, true},
		{"a zero weight gets nothing", 3, []int64{0, 2, 2}, []int64{0, 2, 1}, true},
	} {
		got := p.share(c.limit, append([]int64(nil), c.w...))
		if fmt.Sprint(got) != fmt.Sprint(c.want) || p.lastTies != c.tie {
			t.Errorf("%s: share(%d, %v) = %v (tie %v), want %v (tie %v)", c.why, c.limit, c.w, got, p.lastTies, c.want, c.tie)
		}
	}
}

func TestIncentivePlanRefuses(t *testing.T) {
	src := string(readIncentivePolicy(t))
	for _, c := range []struct {
		why, src, want string
	}{
		{"contests are not implemented", src + "contests: []\n", "field contests not found"},
		{"improvers are not implemented", strings.Replace(src, "  compliments:\n", "  improvers: {metric: qa_avg, top: 3, bonus: 100}\n  compliments:\n", 1), "field improvers not found"},
		{"the figures are fixed", strings.Replace(src, "  - {name: calls, kind: count}\n", "", 1), "the benchmark's figures are"},
	} {
		_, err := NewIncentivePlan([]byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error with %q", c.why, err, c.want)
		}
	}
	plan := incentivePlan(t)
	plan.Rules[1].When = "qa_avg >= 91 && csat >= 4.5"
	if _, err := NewHandIncentives(plan); err == nil {
		t.Error("hand-written incentives accept a condition they do not implement")
	}
}

// BenchmarkIncentives evaluates the incentives policy for 10,000 agents per
// op with each engine, side by side; ns/agent is ns/op per agent.
func BenchmarkIncentives(b *testing.B) {
	agents := GenerateAgents(records, 1)
	engines := incentiveEngines(b)
	checkIncentives(b, engines, agents)
	out := make([]Pay, len(agents))
	for _, eng := range engines {
		b.Run("engine="+eng.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := eng.e.Evaluate(agents, out); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(agents)), "ns/agent")
		})
	}
}
