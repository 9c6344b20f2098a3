package qa

import (
	"math"
	"testing"
	"time"

	"github.com/callfloor/callfloor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSamplingPlan(t *testing.T) {
	p := DefaultPolicy()
	start := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	agents := []SampleAgent{
		{Agent: "vet", HiredAt: start.AddDate(-3, 0, 0), RecentMean: 92, RecentN: 10, Evaluated: 8},
		{Agent: "new", HiredAt: start.Add(-89 * day), RecentMean: 92, RecentN: 2},
		{Agent: "day90", HiredAt: start.Add(-90 * day), Evaluated: 12},
		{Agent: "low", HiredAt: start.AddDate(-1, 0, 0), RecentMean: 79.9, RecentN: 6, Evaluated: 7},
		{Agent: "at80", HiredAt: start.AddDate(-1, 0, 0), RecentMean: 80, RecentN: 6},
		{Agent: "complained", HiredAt: start.AddDate(-1, 0, 0), RecentMean: 90, RecentN: 6,
			Complaints: []time.Time{start.Add(-30 * day), start.Add(-31 * day)}},
		{Agent: "old_complaint", RecentMean: 90, RecentN: 6, Complaints: []time.Time{start.Add(-31 * day)}},
		{Agent: "everything", HiredAt: start.Add(-10 * day), RecentMean: 50, RecentN: 3, Complaints: []time.Time{start}},
	}
	plan, err := p.SamplingPlan(monthFrom(start), agents)
	require.NoError(t, err)
	counts := map[string]int{}
	for _, l := range plan.Lines {
		counts[l.Agent] = l.Count
	}
	assert.Equal(t, map[string]int{
		"vet": 4, "new": 8, "day90": 4, "low": 8, "at80": 4, "complained": 6, "old_complaint": 4,
		"everything": 12, // 4 + 4 + 4 + 2 = 14, capped at 12
	}, counts)
	assert.Equal(t, 50, plan.Total)
	last := plan.Lines[len(plan.Lines)-1]
	assert.Equal(t, []string{"sampling.base", "sampling.new_hire", "sampling.low_score", "sampling.complaint", "sampling.max"}, reasonIDs(last.Reasons))
	vet := plan.Lines[0]
	assert.True(t, vet.EnoughForPay, "8 evaluations is the minimum for pay")
	assert.False(t, vet.EnoughForDiscipline, "discipline needs 12")
	assert.Equal(t, 0, vet.Remaining)
	assert.True(t, plan.Lines[2].EnoughForDiscipline)
	assert.False(t, plan.Lines[3].EnoughForPay, "7 is one short")
	assert.Equal(t, 1, plan.Lines[3].Remaining)
}

func reasonIDs(rs []callfloor.Reason) (out []string) {
	for _, r := range rs {
		out = append(out, r.Rule)
	}
	return out
}

func TestSamplingBadInput(t *testing.T) {
	p := DefaultPolicy()
	start := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		reason string
		agents []SampleAgent
		want   string
	}{
		{"no name", []SampleAgent{{}}, "agents[0].agent: is required"},
		{"twice", []SampleAgent{{Agent: "a"}, {Agent: "a"}}, `agents[1].agent: "a" duplicates agents[0].agent`},
		{"NaN mean", []SampleAgent{{Agent: "a", RecentMean: math.NaN()}}, "agents[0].recent_mean: NaN is outside 0..100, the range of scores"},
		{"negative count", []SampleAgent{{Agent: "a", Evaluated: -1}}, "agents[0].evaluated: -1 is negative"},
		{"future complaint", []SampleAgent{{Agent: "a", Complaints: []time.Time{start.Add(time.Second)}}},
			"agents[0].complaints[0]: 2025-04-01T00:00:01Z is after the period's start 2025-04-01T00:00:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := p.SamplingPlan(monthFrom(start), tc.agents)
			assert.EqualError(t, err, tc.want)
		})
	}
	_, err := p.SamplingPlan(callfloor.Period{}, nil)
	assert.EqualError(t, err, "period.start: is required")
	plan, err := p.SamplingPlan(monthFrom(start), nil)
	require.NoError(t, err)
	assert.Empty(t, plan.Lines)
}

func TestSufficient(t *testing.T) {
	p := DefaultPolicy()
	tests := []struct {
		use    Use
		n      int
		enough bool
	}{
		{ForPay, 7, false}, {ForPay, 8, true}, {ForDiscipline, 11, false}, {ForDiscipline, 12, true}, {ForPay, 0, false},
	}
	for _, tc := range tests {
		s, err := p.Sufficient(tc.use, tc.n)
		require.NoError(t, err)
		assert.Equal(t, tc.enough, s.Enough, "%s with %d", tc.use, tc.n)
	}
	s, _ := p.Sufficient(ForPay, 7)
	assert.Equal(t, "7 evaluations, fewer than the 8 needed for pay: the figure is held", s.Reasons[0].Text)
	_, err := p.Sufficient("bonus", 3)
	assert.EqualError(t, err, `use: unknown use "bonus"; allowed: pay, discipline`)
	_, err = p.Sufficient(ForPay, -1)
	assert.EqualError(t, err, "n: -1 is negative")
}

func TestSamplingMoreBadInput(t *testing.T) {
	p := DefaultPolicy()
	start := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		reason string
		agents []SampleAgent
		want   string
	}{
		{"+Inf mean", []SampleAgent{{Agent: "a", RecentMean: math.Inf(1)}}, "agents[0].recent_mean: +Inf is outside 0..100, the range of scores"},
		{"mean above 100", []SampleAgent{{Agent: "a", RecentMean: 100.5}}, "agents[0].recent_mean: 100.5 is outside 0..100, the range of scores"},
		{"negative recent count", []SampleAgent{{Agent: "a", RecentN: -3}}, "agents[0].recent_n: -3 is negative"},
		{"complaint without time", []SampleAgent{{Agent: "a"}, {Agent: "b", Complaints: []time.Time{start.Add(-time.Hour), {}}}},
			"agents[1].complaints[1]: is required"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := p.SamplingPlan(monthFrom(start), tc.agents)
			assert.EqualError(t, err, tc.want)
		})
	}
}

// TestSamplingOneAgent: one agent, and the reasons of each extra.
func TestSamplingOneAgent(t *testing.T) {
	p := DefaultPolicy()
	start := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	plan, err := p.SamplingPlan(monthFrom(start), []SampleAgent{{Agent: "li", HiredAt: start.AddDate(0, 0, -20), RecentMean: 70, RecentN: 3,
		Complaints: []time.Time{start.AddDate(0, 0, -30)}, Evaluated: 3}})
	require.NoError(t, err)
	require.Len(t, plan.Lines, 1)
	l := plan.Lines[0]
	assert.Equal(t, 12, l.Count)
	assert.Equal(t, 9, l.Remaining)
	assert.Equal(t, []callfloor.Reason{
		{Rule: "sampling.base", Outcome: callfloor.Fired, Text: "base sample of 4", Message: "qa.reason.sampling_base", Facts: []callfloor.Fact{{Name: "base", Value: 4}}},
		{Rule: "sampling.new_hire", Outcome: callfloor.Fired, Text: "hired 2025-03-12, less than 90 days before the period: 4 more", Message: "qa.reason.sampling_new_hire_recent",
			Facts: []callfloor.Fact{{Name: "within_days", Value: 90}, {Name: "extra", Value: 4}}},
		{Rule: "sampling.low_score", Outcome: callfloor.Fired, Text: "recent mean 70.0 is below 80: 4 more", Message: "qa.reason.sampling_low_score",
			Facts: []callfloor.Fact{{Name: "recent_mean", Value: 70}, {Name: "below", Value: 80}, {Name: "extra", Value: 4}}},
		{Rule: "sampling.complaint", Outcome: callfloor.Fired, Text: "1 complaint within 30 days before the period: 2 more", Message: "qa.reason.sampling_complaint",
			Facts: []callfloor.Fact{{Name: "complaints", Value: 1}, {Name: "within_days", Value: 30}, {Name: "extra", Value: 2}}},
		{Rule: "sampling.max", Outcome: callfloor.Fired, Text: "capped at 12 per agent", Message: "qa.reason.sampling_max", Facts: []callfloor.Fact{{Name: "max", Value: 12}}},
	}, l.Reasons)
	assert.Equal(t, 12, plan.Total)

	// No recent evaluations: a mean of 0 is no evidence of a low scorer.
	plan, err = p.SamplingPlan(monthFrom(start), []SampleAgent{{Agent: "new", RecentMean: 0, RecentN: 0}})
	require.NoError(t, err)
	assert.Equal(t, 4, plan.Lines[0].Count)
}

func TestSamplingHireDateAndPeriod(t *testing.T) {
	p := DefaultPolicy()
	day := 24 * time.Hour
	start := time.Date(2031, 11, 1, 0, 0, 0, 0, time.UTC)
	period := callfloor.Period{ID: "2031-11", Start: start, End: start.AddDate(0, 1, 0)}
	tests := []struct {
		reason string
		hired  time.Time
		want   string // the new-hire reason, or the error
		err    bool
	}{
		{"hired the day before the period", start.Add(-day), "hired 2031-10-31, less than 90 days before the period: 4 more", false},
		{"hired on the first day", start, "hired 2031-11-01, during the period: 4 more", false},
		{"hired on the last day", period.End.Add(-day), "hired 2031-11-30, during the period: 4 more", false},
		{"hired one day after the last day", period.End, `agents[0].hired_at: 2031-12-01T00:00:00Z is not before the period's end 2031-12-01T00:00:00Z; an agent hired after the period has nothing in it to evaluate`, true},
		{"hired weeks after", time.Date(2031, 12, 23, 0, 0, 0, 0, time.UTC), `agents[0].hired_at: 2031-12-23T00:00:00Z is not before the period's end 2031-12-01T00:00:00Z; an agent hired after the period has nothing in it to evaluate`, true},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			plan, err := p.SamplingPlan(period, []SampleAgent{{Agent: "ana", HiredAt: tc.hired}})
			if tc.err {
				assert.EqualError(t, err, tc.want)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "sampling.new_hire", plan.Lines[0].Reasons[1].Rule)
			assert.Equal(t, tc.want, plan.Lines[0].Reasons[1].Text)
		})
	}

	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	bad := []struct {
		reason string
		call   func() error
		want   string
	}{
		{"a start JSON cannot hold", func() error {
			_, err := p.SamplingPlan(callfloor.Period{Start: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), End: start}, nil)
			return err
		}, "period.start: year -1 is outside 0..9999, the range a stored time can hold"},
		{"a period end JSON cannot hold", func() error {
			_, err := p.SamplingPlan(callfloor.Period{Start: start, End: far}, nil)
			return err
		}, "period.end: year 10000 is outside 0..9999, the range a stored time can hold"},
		{"a period that ends before it starts", func() error {
			_, err := p.SamplingPlan(callfloor.Period{Start: start, End: start}, nil)
			return err
		}, "period.end: 2031-11-01T00:00:00Z is not after the start 2031-11-01T00:00:00Z"},
		{"a period without a start", func() error { _, err := p.SamplingPlan(callfloor.Period{End: start}, nil); return err },
			"period.start: is required"},
		{"trend periods JSON cannot hold", func() error {
			_, err := p.Trends(TrendInput{Periods: []callfloor.Period{{ID: "x", Start: start, End: far}}})
			return err
		}, "periods[0].end: year 10000 is outside 0..9999, the range a stored time can hold"},
		{"trend periods before year 0", func() error {
			_, err := p.Trends(TrendInput{Periods: []callfloor.Period{{ID: "x", Start: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), End: start}}})
			return err
		}, "periods[0].start: year -1 is outside 0..9999, the range a stored time can hold"},
	}
	for _, tc := range bad {
		t.Run(tc.reason, func(t *testing.T) { assert.EqualError(t, tc.call(), tc.want) })
	}
}

// monthFrom is the 30-day period that starts at start.
func monthFrom(start time.Time) callfloor.Period {
	return callfloor.Period{ID: "month", Start: start, End: start.AddDate(0, 0, 30)}
}
