package coaching

import (
	"testing"

	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMoodSignals(t *testing.T) {
	for _, tc := range []struct {
		reason string
		triage mood.Triage
		want   Signals
		care   bool
	}{
		{"normal and quiet", mood.Triage{Tier: mood.Normal}, Signals{"mood_tier": 0, "mood_watch": 0, "mood_crisis": 0}, false},
		{"mild", mood.Triage{Tier: mood.Mild}, Signals{"mood_tier": 1, "mood_watch": 0, "mood_crisis": 0}, true},
		{"a watch at tier normal", mood.Triage{Tier: mood.Normal, Watch: true}, Signals{"mood_tier": 0, "mood_watch": 1, "mood_crisis": 0}, true},
		{"severe with a crisis", mood.Triage{Tier: mood.Severe, Crisis: true}, Signals{"mood_tier": 3, "mood_watch": 0, "mood_crisis": 1}, true},
	} {
		got := MoodSignals(tc.triage)
		assert.Equal(t, tc.want, got, tc.reason)
		props, err := DefaultPolicy().Propose("agent-1", got, nil)
		require.NoError(t, err, tc.reason)
		assert.Equal(t, tc.care, len(props.Proposed) == 1 && props.Proposed[0].Kind == Care, tc.reason)
	}
}

func TestQASignals(t *testing.T) {
	drop := qa.Trend{Agent: "agent-2", Latest: qa.PeriodStat{Period: "2026-03", N: 12, Mean: 84.5, Complaints: 1}, StableExcellentThenDrop: true}
	assert.Equal(t, Signals{"qa_avg": 84.5, "qa_evaluations": 12, "complaints": 1, "qa_periods_below_bar": 0, "qa_stable_then_drop": 1}, QASignals(drop))

	low := qa.Trend{Agent: "agent-3", Latest: qa.PeriodStat{Period: "2026-03", N: 8, Mean: 71}, PeriodsBelowBar: 3}
	assert.Equal(t, Signals{"qa_avg": 71, "qa_evaluations": 8, "complaints": 0, "qa_periods_below_bar": 3, "qa_stable_then_drop": 0}, QASignals(low))

	// No score in the latest period: the average is unknown, not zero.
	none := qa.Trend{Agent: "agent-4", PeriodsBelowBar: 0}
	_, has := QASignals(none)["qa_avg"]
	assert.False(t, has)

	p := DefaultPolicy()
	props, err := p.Propose("agent-2", QASignals(drop).Merge(MoodSignals(mood.Triage{})), nil)
	require.NoError(t, err)
	assert.Equal(t, []Kind{Care}, proposedKinds(props))
	props, err = p.Propose("agent-3", QASignals(low), nil)
	require.NoError(t, err)
	assert.Equal(t, []Kind{PerformanceProblem}, proposedKinds(props))
}

func TestMerge(t *testing.T) {
	a := Signals{"x": 1, "y": 2}
	b := Signals{"y": 3}
	m := a.Merge(b, Signals{"z": 4})
	assert.Equal(t, Signals{"x": 1, "y": 3, "z": 4}, m)
	assert.Equal(t, Signals{"x": 1, "y": 2}, a, "Merge leaves its inputs alone")
	assert.Equal(t, Signals{}, Signals(nil).Merge())
}
