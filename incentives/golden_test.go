package incentives

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/callfloor/callfloor/internal/golden"
	"github.com/stretchr/testify/require"
)

// goldenStatement is the statement of the default policy on fixed
// records: 36 agents from a fixed seed, with disputes, crises,
// violations, a dismissal and an agent past the caps among them, and a
// budget that scales the pool.
func goldenStatement(t *testing.T) Statement {
	t.Helper()
	per := march
	budget := int64(400_000)
	per.Budget = &budget
	st, err := DefaultPolicy().Evaluate(per, goldenAgents())
	require.NoError(t, err)
	return st
}

func goldenAgents() []AgentRecord {
	agents := genAgents(5, 36)
	agents[3].Violations = []Violation{{ID: "sec-1", Kind: "customer_data_leak", At: day(7)}}
	agents[4].Crisis = true
	agents[4].Violations = []Violation{{ID: "r-1", Kind: "rude_to_customer", At: day(9)}}
	agents[5].QADisputeOpen = true
	// One agent earns every award, past the per-agent caps.
	agents[7].QAEvaluations, agents[7].QADisputeOpen, agents[7].Crisis, agents[7].SevereTier, agents[7].Violations = 8, false, false, false, nil
	agents[7].Metrics = map[string]float64{"qa_avg": 97, "qa_improvement": 9.5, "csat": 4.9, "aht_seconds": 170, "fcr": 90,
		"answered_in_3_rings": 99, "attendance": 100, "adherence": 99, "calls": 400, "compliments": 9, "complaints": 0}
	agents[6].Discipline = []PriorStep{{Step: Dismissal, At: time.Date(2025, 2, 20, 0, 0, 0, 0, time.UTC), Violations: []string{"x-9"}}}
	return agents
}

// goldenComparison compares the default policy with one whose fines are
// off, on the same records.
func goldenComparison(t *testing.T) Comparison {
	t.Helper()
	src := bytes.Replace(DefaultPolicySource(), []byte("    enabled: true\n"), []byte("    enabled: false\n"), 1)
	src = bytes.Replace(src, []byte(`version: "default-1"`), []byte(`version: "default-1-no-fines"`), 1)
	after, err := ParsePolicy(src)
	require.NoError(t, err)
	c, err := Compare(DefaultPolicy(), after, march, goldenAgents())
	require.NoError(t, err)
	require.NotEmpty(t, c.Agents)
	return c
}

// TestGolden holds the JSON of every result type to its golden file,
// byte for byte: the wire format is a contract. Run with -update to
// rewrite the files after a deliberate change.
func TestGolden(t *testing.T) {
	golden.JSON(t, "./incentives", map[string]any{"statement": goldenStatement(t), "comparison": goldenComparison(t)}, *update)
}

// TestGoldenRoundTrip decodes each golden file into its type and encodes
// it again: the same bytes, so that a stored result reads back unchanged.
func TestGoldenRoundTrip(t *testing.T) {
	golden.RoundTrip(t, map[string]any{"statement": Statement{}, "comparison": Comparison{}})
}

// TestEnumsRefuseUnknownNames: every kind of a result reads back only by
// its names.
func TestEnumsRefuseUnknownNames(t *testing.T) {
	for _, tt := range []struct {
		v    interface{ UnmarshalText([]byte) error }
		want string
	}{
		{new(LineKind), `unknown line kind "bonus"; allowed: award, penalty, hold, grade`},
		{new(RecognitionKind), `unknown recognition kind "bonus"; allowed: title, badge, improver, compliments, contest`},
		{new(ItemKind), `unknown corrective item kind "bonus"; allowed: penalty, hold, notice`},
		{new(ChangeKind), `unknown change "bonus"; allowed: added, removed, changed`},
		{new(Direction), `unknown direction "bonus"; allowed: higher, lower`},
		{new(Step), `unknown discipline step "bonus"; allowed: verbal_warning, written_warning, final_warning, dismissal`},
		{new(Cadence), `unknown cadence "bonus"; allowed: weekly, monthly`},
	} {
		require.EqualError(t, tt.v.UnmarshalText([]byte("bonus")), tt.want)
	}
	_, err := json.Marshal(Line{Kind: "bonus"})
	require.EqualError(t, err, `json: error calling MarshalText for type incentives.LineKind: unknown line kind "bonus"; allowed: award, penalty, hold, grade`)
}

// TestZeroPeriodJSON: the zero Period, and the zero Statement that holds
// it, encode with no cadence and read back to the zero value; a cadence
// written empty, or unknown, is refused.
func TestZeroPeriodJSON(t *testing.T) {
	got, err := json.Marshal(Period{})
	require.NoError(t, err)
	require.Equal(t, `{"id":"","start":"0001-01-01T00:00:00Z","end":"0001-01-01T00:00:00Z"}`, string(got))
	var back Period
	require.NoError(t, json.Unmarshal(got, &back))
	require.Equal(t, Period{}, back)

	st, err := json.Marshal(Statement{})
	require.NoError(t, err)
	var zero Statement
	require.NoError(t, json.Unmarshal(st, &zero))
	again, err := json.Marshal(zero)
	require.NoError(t, err)
	require.Equal(t, string(st), string(again))

	for _, tt := range []struct{ src, want string }{
		{`{"cadence":""}`, `unknown cadence ""; allowed: weekly, monthly`},
		{`{"cadence":"daily"}`, `unknown cadence "daily"; allowed: weekly, monthly`},
	} {
		require.EqualError(t, json.Unmarshal([]byte(tt.src), new(Period)), tt.want)
	}
	_, err = json.Marshal(Period{Cadence: "daily"})
	require.EqualError(t, err, `json: error calling MarshalText for type incentives.Cadence: unknown cadence "daily"; allowed: weekly, monthly`)
}
