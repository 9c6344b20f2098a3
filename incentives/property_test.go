package incentives

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkStatement asserts the invariants every statement of a policy
// whose dismissals withhold awards keeps.
func checkStatement(t testing.TB, st Statement) {
	t.Helper()
	checkStatementFor(t, st, true)
}

// checkStatementFor asserts the invariants every statement keeps;
// withhold is the policy's discipline.dismissal_withholds_awards.
func checkStatementFor(t testing.TB, st Statement, withhold bool) {
	t.Helper()
	byAgent := map[string]Totals{}
	for _, l := range st.Lines {
		tt := byAgent[l.Agent]
		switch l.Kind {
		case KindAward:
			tt.Bonus += l.Amount
			tt.Points += l.Points
			require.GreaterOrEqual(t, l.Amount, int64(0), "award %s of %s", l.Rule(), l.Agent)
		case KindPenalty:
			tt.Fines -= l.Amount
			require.LessOrEqual(t, l.Amount, int64(0))
		case KindHold:
			tt.Held += l.Held
			// A fine held back is a negative Held on a line of the fine
			// or the step of a violation kind; every other hold holds pay.
			if strings.HasPrefix(l.Rule(), "fine.") || strings.HasPrefix(l.Rule(), "discipline.") {
				require.LessOrEqual(t, l.Held, int64(0), "hold %s of %s holds a fine", l.Rule(), l.Agent)
				tt.HeldFines -= l.Held
			} else {
				tt.HeldBonus += l.Held
			}
			require.Zero(t, l.Amount)
		case KindGrade:
			require.Zero(t, l.Amount)
		}
		tt.Net += l.Amount
		byAgent[l.Agent] = tt
		require.NotEmpty(t, reasonOf(l), "every line explains itself")
	}
	teams := map[string]Totals{}
	for _, a := range st.Agents {
		require.Equal(t, byAgent[a.Agent], a.Totals, "agent %s totals are the sum of its lines", a.Agent)
		require.Equal(t, a.Bonus-a.Fines, a.Net)
		require.Equal(t, a.HeldBonus-a.HeldFines, a.Held)
		require.GreaterOrEqual(t, a.HeldFines, int64(0))
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
	require.Equal(t, st.Center.HeldBonus-st.Center.HeldFines, st.Center.Held)
	if withhold {
		checkWithheld(t, st)
	}
	// The corrective list holds every hold and penalty line, in statement
	// order, and the notices.
	var lines, items []string
	for _, l := range st.Lines {
		if l.Kind == KindHold || l.Kind == KindPenalty {
			lines = append(lines, l.Agent+" "+string(l.Kind)+" "+l.Rule()+": "+reasonOf(l))
		}
	}
	for _, it := range st.Private {
		if it.Kind != "notice" {
			items = append(items, it.Agent+" "+string(it.Kind)+" "+itemOf(it).Rule+": "+itemOf(it).Text)
		}
	}
	require.Equal(t, lines, items)
	var pool int64
	for _, l := range st.Lines {
		if l.Kind == KindAward && !strings.HasPrefix(l.Rule(), "contests.") && l.Base > 0 {
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
	withheld := 0
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
		if round%3 == 0 {
			dropMetrics(r, agents)
		}
		st, err := p.Evaluate(per, agents)
		require.NoError(t, err)
		checkStatement(t, st)
		for _, l := range st.Lines {
			if strings.HasPrefix(reasonOf(l), "withheld: dismissed this period (") {
				withheld++
			}
		}
	}
	require.NotZero(t, withheld, "the generated records include dismissals with awards to withhold")
}

// TestPropertyOtherPolicies runs the invariants over the test policies,
// whose caps, bands, points and pools differ from the default's.
func TestPropertyOtherPolicies(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for _, path := range []string{"testdata/small.yaml", "testdata/measured.yaml"} {
		p := mustPolicy(t, path)
		for round := 0; round < 20; round++ {
			agents := fitTo(p, genAgents(uint64(100+round), 1+r.IntN(200)))
			if round%2 == 0 {
				dropMetrics(r, agents)
			}
			per := march
			if round%3 != 0 {
				b := int64(r.IntN(100_000))
				per.Budget = &b
			}
			st, err := p.Evaluate(per, agents)
			require.NoError(t, err, path)
			checkStatement(t, st)
		}
	}
}

// dropMetrics leaves metrics out of about a third of the records, as
// when a host has no figure.
func dropMetrics(r *rand.Rand, agents []AgentRecord) {
	for i := range agents {
		if r.IntN(3) != 0 {
			continue
		}
		for k := range agents[i].Metrics {
			if r.IntN(3) == 0 {
				delete(agents[i].Metrics, k)
			}
		}
	}
}

// fitTo keeps what a policy other than the default knows of generated
// records: its declared metrics and grades, and no violations.
func fitTo(p *Policy, agents []AgentRecord) []AgentRecord {
	declared := map[string]bool{}
	for _, m := range p.Metrics() {
		declared[m] = true
	}
	for i := range agents {
		a := &agents[i]
		for k := range a.Metrics {
			if !declared[k] {
				delete(a.Metrics, k)
			}
		}
		for k := range a.Career.Metrics {
			if !declared[k] {
				delete(a.Career.Metrics, k)
			}
		}
		if _, ok := p.ladder.index[a.Grade]; !ok {
			a.Grade = ""
		}
		a.ExamsPassed = slices.DeleteFunc(a.ExamsPassed, func(e string) bool { return !slices.Contains(p.ladder.exams, e) })
		a.Violations, a.Discipline = nil, nil
	}
	return agents
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

	// Records already in id order skip the sort and give the same bytes.
	sorted := append([]AgentRecord(nil), agents...)
	slices.SortFunc(sorted, func(x, y AgentRecord) int { return strings.Compare(x.ID, y.ID) })
	require.True(t, sortedByID(sorted))
	st3, err := p.Evaluate(per, sorted)
	require.NoError(t, err)
	j3, _ := json.Marshal(st3)
	assert.Equal(t, string(j1), string(j3))
}

func TestEvaluateDoesNotMutateInput(t *testing.T) {
	agents := genAgents(3, 50)
	before, _ := json.Marshal(agents)
	_, err := DefaultPolicy().Evaluate(march, agents)
	require.NoError(t, err)
	after, _ := json.Marshal(agents)
	assert.Equal(t, string(before), string(after))
}

// checkWithheld asserts that an agent dismissed in the period, unless a
// wellbeing hold kept the dismissal back, has no award line and no
// recognition, and that every award withheld from it names the
// violations of the dismissal.
func checkWithheld(t testing.TB, st Statement) {
	t.Helper()
	dismissed := map[string][]string{}
	for _, l := range st.Lines {
		if l.Kind == KindPenalty && l.Step == Dismissal {
			if _, seen := dismissed[l.Agent]; !seen {
				dismissed[l.Agent] = l.Violations
			}
		}
	}
	for _, l := range st.Lines {
		v, ok := dismissed[l.Agent]
		if !ok {
			continue
		}
		require.NotEqual(t, KindAward, l.Kind, "dismissed agent %s is paid %s", l.Agent, l.Rule())
		if strings.HasPrefix(reasonOf(l), "withheld: dismissed this period (") {
			require.Equal(t, KindHold, l.Kind)
			require.Equal(t, v, l.Violations, "withheld %s of %s", l.Rule(), l.Agent)
		}
	}
	for _, r := range st.Public {
		_, ok := dismissed[r.Agent]
		require.False(t, ok, "dismissed agent %s is praised: %s", r.Agent, recogOf(r).Text)
	}
}
