package callfloor

import "time"

// Period is a span of time that results are computed for: a QA trend
// period, an incentives pay period. It is half-open: Start is its first
// instant and End the first instant after it, so that consecutive periods
// meet without a gap or an overlap.
type Period struct {
	// ID labels the period ("2026-10", "2026-W44"); each package says what
	// it requires of it.
	ID string `json:"id"`
	// Start is the period's first instant, inclusive.
	Start time.Time `json:"start"`
	// End is the first instant after the period, exclusive; after Start.
	End time.Time `json:"end"`
}

// Contains reports whether t lies in the period: not before Start, and
// before End.
func (p Period) Contains(t time.Time) bool { return !t.Before(p.Start) && t.Before(p.End) }
