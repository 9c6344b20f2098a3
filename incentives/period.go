package incentives

import (
	"fmt"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
)

// Period is the stretch of time a statement covers. Weekly periods run
// from the start of a Monday to the start of the next; monthly periods
// from the start of the first of a month to the start of the first of the
// next, both in the location of Start. A day starts at its first instant:
// 00:00, or, in a zone whose clocks skip midnight on that day (Cairo, Asuncion,
// Havana, Beirut, Santiago at the start of summer time), the instant the
// clocks jump to, such as 01:00. Use WeekOf and MonthOf to build periods;
// Evaluate refuses any other.
//
// A Period is a callfloor.Period (its ID, Start and End, in JSON beside
// the fields below) with what pay needs besides: the Cadence, which says
// which rules run, and an optional Budget for the bonus pool. The ID is
// the one WeekOf or MonthOf gives for the period's dates: the month of
// Start, as in "2025-03", for a monthly period; the ISO 8601 week of its
// Monday, as in "2025-W10", for a weekly one. Evaluate refuses another
// ID, so that a label never names other dates than the ones paid for.
// End is the first instant after the period: the Start of the next.
//
// The zero Period, which Evaluate refuses, encodes to JSON with its zero
// times and no cadence (a zero Cadence is left out), and reads back to
// the zero Period.
type Period struct {
	callfloor.Period
	// Cadence is weekly or monthly; absent from JSON when zero.
	Cadence Cadence `json:"cadence,omitempty"`
	// Budget, when set, is the bonus pool of this period in minor units; it
	// overrides the policy's pool.budget. Nil leaves the policy's.
	Budget *int64 `json:"budget,omitempty"`
}

// MonthOf returns the monthly period containing t, in t's location, with
// an ID such as "2025-03".
func MonthOf(t time.Time) Period {
	y, m, _ := t.Date()
	loc := t.Location()
	per := monthPeriod(y, m, loc)
	if !t.Before(per.End) {
		// Only where clocks go back across midnight into the month before
		// can an instant dated in one month fall after the next begins.
		per = monthPeriod(y, m+1, loc)
	}
	return per
}

// WeekOf returns the weekly period (Monday to Monday) containing t, in t's
// location, with an ISO week ID such as "2025-W10".
func WeekOf(t time.Time) Period {
	y, m, d := t.Date()
	back := (int(civil(y, m, d).Weekday()) + 6) % 7
	per := weekPeriod(y, m, d-back, t.Location())
	if !t.Before(per.End) {
		per = weekPeriod(y, m, d-back+7, t.Location())
	}
	return per
}

func monthPeriod(y int, m time.Month, loc *time.Location) Period {
	c := civil(y, m, 1)
	return Period{Period: callfloor.Period{ID: c.Format("2006-01"), Start: dayStart(y, m, 1, loc), End: dayStart(y, m+1, 1, loc)}, Cadence: Monthly}
}

// weekPeriod is the week whose Monday is the date y, m, d (normalized).
func weekPeriod(y int, m time.Month, d int, loc *time.Location) Period {
	iy, iw := civil(y, m, d).ISOWeek()
	return Period{Period: callfloor.Period{ID: weekID(iy, iw), Start: dayStart(y, m, d, loc), End: dayStart(y, m, d+7, loc)}, Cadence: Weekly}
}

func weekID(y, w int) string { return fmt.Sprintf("%d-W%02d", y, w) }

// civil is the calendar date y, m, d (normalized, so that March 32 is
// April 1) at noon UTC, for calendar arithmetic free of any zone.
func civil(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }

// dayStart returns the first instant, in loc, whose local date is the
// date y, m, d (normalized) or later. That is local midnight, unless the
// clocks skip midnight that day: time.Date then moves the wall clock to
// an instant whose date and hour depend on the zone, and adding days to
// it keeps the shift, so the start is found from the zone's transitions
// instead. Within one zone period, the local clock runs with the
// instant, so the first instant of the day is the first zone period,
// from an instant before the day can have begun anywhere, in which the
// local clock reaches the day's midnight.
func dayStart(y int, m time.Month, d int, loc *time.Location) time.Time {
	c := civil(y, m, d)
	if t := time.Date(y, m, d, 0, 0, 0, 0, loc); t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 && t.YearDay() == c.YearDay() {
		// Midnight exists. It is the day's first instant unless the clocks
		// went back across midnight just before, which the walk below
		// settles.
		if zs, _ := t.ZoneBounds(); zs.IsZero() || !zs.After(t.Add(-26*time.Hour)) {
			return t
		}
	}
	mid := c.Add(-12 * time.Hour).Unix() // the day's midnight, as if in UTC
	// No zone is 26 hours or more ahead of UTC, so at this instant the day
	// has not begun.
	at := time.Unix(mid-26*3600, 0).In(loc)
	for range 64 {
		_, off := at.Zone()
		_, ze := at.ZoneBounds()
		first := time.Unix(mid-int64(off), 0)
		if first.Before(at) {
			first = at
		}
		if ze.IsZero() || first.Before(ze) {
			return first.In(loc)
		}
		at = ze.In(loc)
	}
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// isDayStart reports whether t is the first instant of its local day.
func isDayStart(t time.Time) bool {
	y, m, d := t.Date()
	return t.Equal(dayStart(y, m, d, t.Location()))
}

// validate checks the period with its errors in English.
func (p Period) validate() error { return p.validateIn(nil) }

// validateIn checks the period with its errors worded in the locale l,
// the policy's (nil is English).
func (p Period) validateIn(l *msg.Locale) error {
	if p.Start.IsZero() {
		return msgerr.Required(l, "period.start", nil)
	}
	if err := timeErrIn(l, "period.start", p.Start); err != nil {
		return err
	}
	if err := timeErrIn(l, "period.end", p.End); err != nil {
		return err
	}
	if !p.End.After(p.Start) {
		return inputMsg(l, callfloor.ErrInvalid, "period.end", msg.IncentivesInputEndNotAfter{End: p.End, Start: p.Start})
	}
	y, m, d := p.Start.Date()
	loc := p.Start.Location()
	// The end is checked in its own location: a period read back from
	// JSON carries each end's offset as a fixed zone, and the offset at
	// the end may differ from the start's when the clocks change within
	// the period.
	endLoc := p.End.Location()
	var want Period
	switch p.Cadence {
	case Weekly:
		if civil(y, m, d).Weekday() != time.Monday || !isDayStart(p.Start) {
			return inputMsg(l, callfloor.ErrInvalid, "period.start", msg.IncentivesInputWeeklyStart{Weekday: weekdayName(p.Start.Weekday()), At: p.Start.Format("2006-01-02 15:04")})
		}
		want = weekPeriod(y, m, d, loc)
		if !p.End.Equal(dayStart(y, m, d+7, endLoc)) {
			return inputMsg(l, callfloor.ErrInvalid, "period.end", msg.IncentivesInputWeeklyEnd{Date: civil(y, m, d+7).Format("2006-01-02")})
		}
	case Monthly:
		if d != 1 || !isDayStart(p.Start) {
			return inputMsg(l, callfloor.ErrInvalid, "period.start", msg.IncentivesInputMonthlyStart{Got: p.Start.Format("2006-01-02 15:04")})
		}
		want = monthPeriod(y, m, loc)
		if !p.End.Equal(dayStart(y, m+1, 1, endLoc)) {
			return inputMsg(l, callfloor.ErrInvalid, "period.end", msg.IncentivesInputMonthlyEnd{Date: civil(y, m+1, 1).Format("2006-01-02")})
		}
	default:
		return msgerr.NotSupported(l, "period.cadence", msg.IncentivesWhatCadence{}, string(p.Cadence), cadenceNames())
	}
	if p.ID != want.ID {
		if p.ID == "" {
			return msgerr.Required(l, "period.id", msg.IncentivesInputPeriodId{Cadence: cadenceMessage(p.Cadence), Start: civil(y, m, d).Format("2006-01-02"), Want: quoted(want.ID)})
		}
		return inputMsg(l, callfloor.ErrInvalid, "period.id", msg.IncentivesInputPeriodIdWrong{Got: quoted(p.ID), Cadence: cadenceMessage(p.Cadence), Start: civil(y, m, d).Format("2006-01-02"), Want: quoted(want.ID)})
	}
	if p.Budget != nil && (*p.Budget < 0 || *p.Budget > maxBudget) {
		return msgerr.OutOfRange(l, "period.budget", *p.Budget, 0, int64(maxBudget), nil)
	}
	return nil
}

// weekdayName gives the name of a weekday, for a sentence to word in its
// own locale.
func weekdayName(d time.Weekday) msg.Message {
	var m msg.Message
	switch d {
	case time.Monday:
		m = msg.IncentivesWeekdayMonday{}
	case time.Tuesday:
		m = msg.IncentivesWeekdayTuesday{}
	case time.Wednesday:
		m = msg.IncentivesWeekdayWednesday{}
	case time.Thursday:
		m = msg.IncentivesWeekdayThursday{}
	case time.Friday:
		m = msg.IncentivesWeekdayFriday{}
	case time.Saturday:
		m = msg.IncentivesWeekdaySaturday{}
	default:
		m = msg.IncentivesWeekdaySunday{}
	}
	return m
}
