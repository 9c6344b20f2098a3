package mood

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// day0 is a Monday.
var day0 = time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)

// regular is n days of daily check-ins whose mood follows a fixed,
// unremarkable pattern, with mood(d) deciding each day's value.
func regular(n int, mood func(d time.Time, i int) int) []CheckIn {
	cs := make([]CheckIn, n)
	for i := range cs {
		at := day0.AddDate(0, 0, i)
		cs[i] = CheckIn{At: at, Mood: mood(at, i)}
	}
	return cs
}

var wobble = [...]int{4, 3, 4, 5, 4, 4, 3, 5, 4, 4, 3}

func TestCyclesMondayDip(t *testing.T) {
	p := DefaultPolicy()
	cs := regular(112, func(d time.Time, i int) int {
		if d.Weekday() == time.Monday {
			return []int{2, 2, 3, 1}[i%4]
		}
		return wobble[i%len(wobble)]
	})
	got, err := p.Cycles(History{Agent: "a1", CheckIns: cs})
	require.NoError(t, err)
	require.Len(t, got.Findings, 1, "%+v", got.Findings)
	f := got.Findings[0]
	assert.Equal(t, PatternWeekday, f.Pattern)
	assert.Equal(t, "monday", f.Key)
	assert.Equal(t, 16, f.NIn)
	assert.Equal(t, 96, f.NOut)
	assert.Equal(t, 1.0, f.Share, "every Monday is below the other days' mean")
	assert.Greater(t, f.Effect, 2.0)
	assert.Equal(t, Preventive{Code: "extend_morning_meeting", Owner: "team_lead", Setting: callfloor.Group, Text: "Extend Monday's morning meeting; Monday morning is always rushed."}, f.Action)
	require.Len(t, f.Reasons, 1)
	assert.Equal(t, "cycles.weekdays.days.monday", f.Reasons[0].Rule)
	assert.Equal(t, callfloor.Fired, f.Reasons[0].Outcome)
	assert.Equal(t, f.Reasons, got.Reasons)
	assert.Equal(t, day0, got.From)
	assert.Equal(t, 112, got.CheckIns)
	assert.Equal(t, p.Identity(), got.Policy)
}

func TestCyclesPureNoise(t *testing.T) {
	p := DefaultPolicy()
	for seed := uint64(1); seed <= 20; seed++ {
		r := rand.New(rand.NewPCG(seed, 2025))
		cs := regular(180, func(time.Time, int) int { return 1 + r.IntN(5) })
		var events []Event
		for i := 3; i < 180; i += 17 {
			events = append(events, Event{Kind: "harsh_complaint", At: day0.AddDate(0, 0, i).Add(-time.Hour)})
		}
		got, err := p.Cycles(History{Agent: "a1", CheckIns: cs, Events: events})
		require.NoError(t, err)
		assert.Empty(t, got.Findings, "seed %d: noise is not a cycle", seed)
	}
}

// The package documentation promises that on uniformly random check-ins
// the default thresholds report a pattern in fewer than 1 in 100
// histories of twelve weeks or more. Twelve weeks is the shortest history
// in which every weekday reaches the minimum sample of 10.
func TestCyclesNoiseRate(t *testing.T) {
	p := DefaultPolicy()
	const histories = 1000
	for _, days := range []int{84, 120} {
		hits := 0
		for seed := uint64(0); seed < histories; seed++ {
			r := rand.New(rand.NewPCG(seed, uint64(days)))
			cs := regular(days, func(time.Time, int) int { return 1 + r.IntN(5) })
			var events []Event
			for i := 3; i < days; i += 9 + r.IntN(15) {
				events = append(events, Event{Kind: []string{"harsh_complaint", "personal_loss"}[r.IntN(2)], At: day0.AddDate(0, 0, i).Add(-time.Hour)})
			}
			got, err := p.Cycles(History{Agent: "a1", CheckIns: cs, Events: events})
			require.NoError(t, err)
			if len(got.Findings) > 0 {
				hits++
			}
		}
		assert.Less(t, hits, histories/100, "%d-day noisy histories with a finding", days)
	}
}

func TestCyclesTooFew(t *testing.T) {
	p := DefaultPolicy()
	cs := regular(63, func(d time.Time, i int) int {
		if d.Weekday() == time.Monday {
			return 1
		}
		return 4
	})
	got, err := p.Cycles(History{Agent: "a1", CheckIns: cs})
	require.NoError(t, err)
	assert.Empty(t, got.Findings, "9 Mondays are fewer than the minimum sample of 10")

	cs = regular(70, func(d time.Time, i int) int {
		if d.Weekday() == time.Monday {
			return 1
		}
		return 4
	})
	got, err = p.Cycles(History{Agent: "a1", CheckIns: cs})
	require.NoError(t, err)
	require.Len(t, got.Findings, 1, "10 Mondays reach the minimum sample")
	assert.Equal(t, 6.0, got.Findings[0].Effect, "a difference of 3 points over the 0.5 floor of the standard deviation")
}

func TestCyclesMonthEnd(t *testing.T) {
	p := DefaultPolicy()
	cs := regular(365, func(d time.Time, i int) int {
		last := daysIn(d.Year(), d.Month())
		if d.Day() > last-3 {
			return 2
		}
		return wobble[i%len(wobble)]
	})
	got, err := p.Cycles(History{Agent: "a1", CheckIns: cs})
	require.NoError(t, err)
	require.Len(t, got.Findings, 1, "%+v", got.Findings)
	assert.Equal(t, PatternPeriod, got.Findings[0].Pattern)
	assert.Equal(t, "month_end", got.Findings[0].Key)
	assert.Equal(t, 36, got.Findings[0].NIn, "the last 3 days of 12 months")
	assert.Equal(t, "ease_period_end", got.Findings[0].Action.Code)
}

func TestCyclesAfterEvent(t *testing.T) {
	p := DefaultPolicy()
	var events []Event
	low := map[int]bool{}
	for i := 5; i < 200; i += 20 {
		events = append(events, Event{Kind: "harsh_complaint", At: day0.AddDate(0, 0, i).Add(-2 * time.Hour)})
		low[i], low[i+1] = true, true
	}
	cs := regular(200, func(d time.Time, i int) int {
		if low[i] {
			return 2
		}
		return wobble[i%len(wobble)]
	})
	got, err := p.Cycles(History{Agent: "a1", CheckIns: cs, Events: events})
	require.NoError(t, err)
	require.Len(t, got.Findings, 1, "%+v", got.Findings)
	f := got.Findings[0]
	assert.Equal(t, PatternEvent, f.Pattern)
	assert.Equal(t, "harsh_complaint", f.Key)
	assert.Equal(t, 20, f.NIn, "two check-ins within 2 days after each of 10 complaints")
	assert.Equal(t, "debrief_after_complaint", f.Action.Code)
}

func TestCyclesEmpty(t *testing.T) {
	got, err := DefaultPolicy().Cycles(History{Agent: "a1"})
	require.NoError(t, err)
	assert.Empty(t, got.Findings)
	assert.NotNil(t, got.Findings, "an empty list, not null, in JSON")
}

func TestCyclesErrors(t *testing.T) {
	p := DefaultPolicy()
	tests := []struct {
		h    History
		want string
		why  string
	}{
		{History{CheckIns: []CheckIn{{At: day0, Mood: 3}, {At: day0, Mood: 4}}}, "history.check_ins[1].at: 2025-01-06T09:00:00Z duplicates history.check_ins[0]", "duplicate check-ins"},
		{History{CheckIns: []CheckIn{{At: day0.Add(day), Mood: 3}, {At: day0, Mood: 4}}}, "history.check_ins[1].at: 2025-01-06T09:00:00Z is before history.check_ins[0] (2025-01-07T09:00:00Z); check-ins must be oldest first", "unsorted check-ins"},
		{History{CheckIns: []CheckIn{{At: day0, Mood: 6}}}, "history.check_ins[0].mood: 6 is outside 1..5, the check-in scale", "mood off scale"},
		{History{CheckIns: []CheckIn{{Mood: 3}}}, "history.check_ins[0].at: is required", "undated check-in"},
		{History{Events: []Event{{Kind: "birthday", At: day0}}}, `history.events[0].kind: unknown event kind "birthday"; allowed: personal_loss, harsh_complaint`, "unknown event kind"},
		{History{Events: []Event{{Kind: "personal_loss"}}}, "history.events[0].at: is required", "undated event"},
		{History{Events: []Event{{Kind: "personal_loss", At: day0.Add(day)}, {Kind: "harsh_complaint", At: day0}}}, "history.events[1].at: 2025-01-06T09:00:00Z is before history.events[0]; events must be oldest first", "unsorted events"},
		{History{Events: []Event{{Kind: "personal_loss", At: day0}, {Kind: "personal_loss", At: day0}}}, "history.events[1].at: 2025-01-06T09:00:00Z duplicates history.events[0]", "duplicate events"},
	}
	for _, tt := range tests {
		_, err := p.Cycles(tt.h)
		require.Error(t, err, tt.why)
		assert.Equal(t, tt.want, err.Error(), tt.why)
		var ie *callfloor.InputError
		assert.True(t, errors.As(err, &ie), tt.why)
	}
}

func FuzzCycles(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3}, []byte{0, 1, 2}, []byte{3, 40})
	f.Add([]byte{}, []byte{}, []byte{})
	f.Add([]byte{9, 0, 255}, []byte{200}, []byte{200, 7, 1, 1})
	monday := make([]byte, 140)
	for i := range monday {
		monday[i] = 4
		if i%7 == 0 {
			monday[i] = 1
		}
	}
	f.Add(monday, []byte{}, []byte{0, 10, 1, 30})
	f.Fuzz(func(t *testing.T, moods, gaps, evs []byte) {
		// A year and a half of daily check-ins reaches every pattern of
		// the default policy (10 Mondays take 70 days, 10 month-end days
		// four months); longer inputs only cost time.
		moods, gaps, evs = clip(moods, 550), clip(gaps, 550), clip(evs, 64)
		p := DefaultPolicy()
		at := day0
		cs := make([]CheckIn, len(moods))
		for i, m := range moods {
			if i < len(gaps) {
				at = at.Add(time.Duration(int(gaps[i])-8) * time.Hour)
			} else {
				at = at.Add(day)
			}
			cs[i] = CheckIn{At: at, Mood: int(m % 7)}
		}
		// Each pair of bytes is an event: its kind, then the hours since
		// the previous event.
		var events []Event
		kinds := [...]string{"personal_loss", "harsh_complaint", "other"}
		at = day0.Add(-day)
		for i := 0; i+1 < len(evs); i += 2 {
			at = at.Add(time.Duration(evs[i+1]) * time.Hour)
			events = append(events, Event{Kind: kinds[int(evs[i])%len(kinds)], At: at})
		}
		got, err := p.Cycles(History{Agent: "a", CheckIns: cs, Events: events})
		if err != nil {
			var ie *callfloor.InputError
			if !errors.As(err, &ie) || ie.Field == "" {
				t.Fatalf("%v is not an *callfloor.InputError with a field", err)
			}
			return
		}
		if got.CheckIns != len(cs) || len(got.Reasons) != len(got.Findings) {
			t.Fatalf("report does not match its input: %+v", got)
		}
		for _, fd := range got.Findings {
			if fd.NIn < p.cycles.minSample || fd.NOut < p.cycles.minSample || fd.NIn+fd.NOut != len(cs) ||
				fd.Effect < round2(p.cycles.minEffect) || fd.Share < round2(p.cycles.minShare) || fd.MeanIn >= fd.MeanOut {
				t.Fatalf("a finding below the policy's thresholds: %+v", fd)
			}
		}
	})
}
