package qa

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bytesPerRun is the heap bytes f allocates, on average over runs calls,
// read from the runtime's count of every byte allocated: a figure that
// does not depend on the machine's speed or load. It runs on one thread,
// as testing.AllocsPerRun does, so that nothing else allocates meanwhile.
func bytesPerRun(runs int, f func()) float64 {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	f() // warm up
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		f()
	}
	runtime.ReadMemStats(&after)
	return float64(after.TotalAlloc-before.TotalAlloc) / float64(runs)
}

// Alpha's memory is O(n) in the number of values at every level; a
// coincidence matrix over distinct values, or any other table of pairs,
// would cost n^2 and exceed the bound by orders of magnitude. The ratio
// level runs at the most it accepts: 10,000 distinct values.
func TestAlphaMemoryGrowsLinearly(t *testing.T) {
	// Measured: about 24 bytes per value at the nominal level, 40 at the
	// ordinal, 32 at the interval and 25 at the ratio; the bound leaves
	// room for growth of the slices, not for a square.
	const perValue = 64
	for _, level := range []Level{Nominal, Ordinal, Interval, Ratio} {
		t.Run(string(level), func(t *testing.T) {
			units := distinctUnits(100_000)
			if level == Ratio {
				units = distinctUnits(5_000)
			}
			n := 2 * len(units)
			var err error
			b := bytesPerRun(2, func() { _, err = Alpha(level, units) })
			require.NoError(t, err)
			assert.LessOrEqual(t, b, float64(perValue*n), "%s alpha over %d distinct values allocates %.0f bytes", level, n, b)
		})
	}
}

// Checking a stored dispute's history, however long and hostile, costs
// memory O(n) in its length: a history longer than its items allow is
// refused before anything in it is read, and the ids of a long one are
// checked for repeats through one map.
func TestDisputeHistoryCheckGrowsLinearly(t *testing.T) {
	p := loadPolicy(t, "small.yaml")
	d, err := p.OpenDispute(disputedEval(), raise(t0.Add(time.Hour), DisputeItemEvent{Item: "voice", Reason: "noise"}, DisputeItemEvent{Item: "argue", Reason: "calm"}))
	require.NoError(t, err)
	const n = 40_000
	// hostile is d with n events in its history and, when items is set,
	// as many disputed items as the history needs; the last event repeats
	// the raise's id when repeat is set.
	hostile := func(items, repeat bool) Dispute {
		c := d.clone()
		for i := 1; i < n; i++ {
			id := fmt.Sprintf("x%d", i)
			if repeat && i == n-1 {
				id = c.History[0].ID
			}
			c.History = append(c.History, DisputeEvent{ID: id, Type: EventWithdraw, At: t0.Add(2 * time.Hour), By: "ana"})
		}
		for items && len(c.Items)+1 < n {
			c.Items = append(c.Items, c.Items[0])
		}
		return c
	}
	tests := []struct {
		reason   string
		d        Dispute
		want     string
		perEvent float64
	}{
		{"more events than items allow", hostile(false, false),
			"dispute.history: 40000 events for 2 items under dispute; a dispute holds at most 3: the raise and one event per item, since a decide settles at least one item and a withdraw comes while one is pending", 0},
		{"as many items as events, the last id repeated", hostile(true, true),
			fmt.Sprintf(`dispute.history[%d].id: "r1" duplicates dispute.history[0].id`, n-1), 128},
		{"as many items as events, ids distinct", hostile(true, false),
			`dispute.history[2].type: the dispute is withdrawn; no further event is expected`, 128},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			e := DisputeEvent{ID: "late", Type: EventWithdraw, At: t0.Add(3 * time.Hour), By: "ana"}
			var err error
			b := bytesPerRun(2, func() { _, err = p.Apply(tc.d, e) })
			assert.EqualError(t, err, tc.want)
			// The refusal's sentence and the replay of the first events
			// cost a few kilobytes whatever the length; the rest is the
			// map of ids, a bounded number of bytes per event.
			assert.LessOrEqual(t, b, tc.perEvent*n+16<<10, "checking %d events allocates %.0f bytes", n, b)
		})
	}
}
