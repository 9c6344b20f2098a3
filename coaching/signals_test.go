package coaching

import (
	"math"
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

// Every signal the package gives a meaning to is held to its range, by
// Propose and Retention alike: a value just outside is refused with the
// signal's name, the edges are accepted.
func TestEverySignalIsHeldToItsRange(t *testing.T) {
	p := DefaultPolicy()
	for _, name := range p.SignalNames() {
		_, ok := signalRanges[name]
		assert.True(t, ok, "the default policy declares %s; it needs a range", name)
	}
	yesNo := func(name string) []struct {
		v    float64
		want string
	} {
		return []struct {
			v    float64
			want string
		}{
			{0.5, "signals." + name + ": 0.5 is not a yes-or-no signal: 1 or 0"},
			{-1, "signals." + name + ": -1 is not a yes-or-no signal: 1 or 0"},
			{2, "signals." + name + ": 2 is not a yes-or-no signal: 1 or 0"},
			{0, ""},
			{1, ""},
		}
	}
	count := func(name string) []struct {
		v    float64
		want string
	} {
		return []struct {
			v    float64
			want string
		}{
			{-1, "signals." + name + ": -1 is not a count: a whole number, not negative"},
			{0.5, "signals." + name + ": 0.5 is not a count: a whole number, not negative"},
			{0, ""},
			{1e6, ""},
			{1e12, ""},
			{1e12 + 1, "signals." + name + ": 1.000000000001e+12 is outside 0..1000000000000, the largest count"},
			{1e19, "signals." + name + ": 1e+19 is outside 0..1000000000000, the largest count"},
		}
	}
	daysOf := func(name string) []struct {
		v    float64
		want string
	} {
		return []struct {
			v    float64
			want string
		}{
			{-1000, "signals." + name + ": -1000 is outside 0..36600, days in a career of 100 years"},
			{-0.5, "signals." + name + ": -0.5 is outside 0..36600, days in a career of 100 years"},
			{0, ""},
			{0.5, ""},
			{20000, ""},
			{36600, ""},
			{36600.5, "signals." + name + ": 36600.5 is outside 0..36600, days in a career of 100 years"},
			{1e300, "signals." + name + ": 1e+300 is outside 0..36600, days in a career of 100 years"},
		}
	}
	cases := map[string][]struct {
		v    float64
		want string
	}{
		SignalMoodWatch:         yesNo(SignalMoodWatch),
		SignalMoodCrisis:        yesNo(SignalMoodCrisis),
		SignalQAStableThenDrop:  yesNo(SignalQAStableThenDrop),
		SignalResigned:          yesNo(SignalResigned),
		SignalWantsPromotion:    yesNo(SignalWantsPromotion),
		SignalEligibleNextGrade: yesNo(SignalEligibleNextGrade),
		SignalComplaints:        count(SignalComplaints),
		SignalQAPeriodsBelowBar: count(SignalQAPeriodsBelowBar),
		SignalQAEvaluations:     count(SignalQAEvaluations),
		SignalDaysSinceReview:   daysOf(SignalDaysSinceReview),
		SignalTenureDays:        daysOf(SignalTenureDays),
		SignalSickDays:          daysOf(SignalSickDays),
		SignalLifeEvent:         yesNo(SignalLifeEvent),
		SignalLeaningToLeave:    yesNo(SignalLeaningToLeave),
		SignalMoodTier: {
			{-1, "signals.mood_tier: -1 is not a tier: 0 normal, 1 mild, 2 moderate or 3 severe"},
			{1.5, "signals.mood_tier: 1.5 is not a tier: 0 normal, 1 mild, 2 moderate or 3 severe"},
			{4, "signals.mood_tier: 4 is not a tier: 0 normal, 1 mild, 2 moderate or 3 severe"},
			{0, ""},
			{3, ""},
		},
		SignalQAAvg: {
			{-0.001, "signals.qa_avg: -0.001 is outside 0..100, the QA scale"},
			{100.001, "signals.qa_avg: 100.001 is outside 0..100, the QA scale"},
			{0, ""},
			{100, ""},
		},
	}
	assert.Len(t, cases, len(signalRanges), "every signal with a range is tested")
	for name, rows := range cases {
		for _, tc := range rows {
			sig := Signals{name: tc.v}
			_, err := p.Propose("a", sig, nil)
			_, rerr := p.Retention("a", sig)
			if tc.want == "" {
				assert.NoError(t, err, "%s = %v", name, tc.v)
				assert.NoError(t, rerr, "%s = %v", name, tc.v)
				continue
			}
			assert.EqualError(t, err, tc.want, "%s = %v", name, tc.v)
			assert.EqualError(t, rerr, tc.want, "%s = %v", name, tc.v)
		}
	}
}

// A signal a custom policy declares under a name of its own has no range
// but finiteness.
func TestACustomSignalIsOnlyFinite(t *testing.T) {
	p, err := ParsePolicy([]byte(`version: v1
roles: [team_lead]
signals: [overtime_hours]
workflows:
  care:
    phases: [p]
    steps:
      - {id: talk, phase: p, role: team_lead, within: 1d, setting: one_to_one, feedback: true}
triggers:
  - {id: long_hours, kind: care, when: overtime_hours > 20, reason: long hours}
`))
	require.NoError(t, err)
	got, err := p.Propose("a", Signals{"overtime_hours": -3.5}, nil)
	require.NoError(t, err)
	assert.Empty(t, got.Proposed)
	_, err = p.Propose("a", Signals{"overtime_hours": math.NaN()}, nil)
	assert.EqualError(t, err, "signals.overtime_hours: NaN is not a finite number")
}
