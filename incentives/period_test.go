package incentives

import (
	"archive/zip"
	"encoding/json"
	"errors"
	"github.com/callfloor/callfloor"
	"io"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

// In zones whose clocks skip midnight at the start of summer time, the
// periods around that day start at the day's first instant and Evaluate
// takes them.
func TestPeriodsWhereMidnightIsSkipped(t *testing.T) {
	tests := []struct {
		zone       string
		at         time.Time // a local date-time of the day clocks skip midnight, as if UTC
		week       string    // the week's ID
		weekStart  string    // RFC 3339 in the zone
		month      string
		monthStart string
	}{
		{"Africa/Cairo", time.Date(2026, 4, 24, 12, 0, 0, 0, time.UTC), "2026-W17", "2026-04-20T00:00:00+02:00", "2026-04", "2026-04-01T00:00:00+02:00"},
		{"America/Asuncion", time.Date(2023, 10, 1, 12, 0, 0, 0, time.UTC), "2023-W39", "2023-09-25T00:00:00-04:00", "2023-10", "2023-10-01T01:00:00-03:00"},
		{"America/Havana", time.Date(2026, 3, 8, 12, 0, 0, 0, time.UTC), "2026-W10", "2026-03-02T00:00:00-05:00", "2026-03", "2026-03-01T00:00:00-05:00"},
		{"Asia/Beirut", time.Date(2026, 3, 29, 12, 0, 0, 0, time.UTC), "2026-W13", "2026-03-23T00:00:00+02:00", "2026-03", "2026-03-01T00:00:00+02:00"},
		{"America/Santiago", time.Date(2026, 9, 6, 12, 0, 0, 0, time.UTC), "2026-W36", "2026-08-31T00:00:00-04:00", "2026-09", "2026-09-01T00:00:00-04:00"},
	}
	p := DefaultPolicy()
	for _, tt := range tests {
		t.Run(tt.zone, func(t *testing.T) {
			loc := mustZone(t, tt.zone)
			y, m, d := tt.at.Date()
			// Every hour of the day, and the day's first instant.
			first := dayStart(y, m, d, loc)
			assert.Equal(t, 1, first.Hour(), "the day begins at 01:00: midnight is skipped")
			for at := first; at.Day() == d; at = at.Add(time.Hour) {
				w, mo := WeekOf(at), MonthOf(at)
				assert.Equal(t, tt.week, w.ID)
				assert.Equal(t, tt.weekStart, w.Start.Format(time.RFC3339))
				assert.Equal(t, tt.month, mo.ID)
				assert.Equal(t, tt.monthStart, mo.Start.Format(time.RFC3339))
				for _, per := range []Period{w, mo} {
					require.True(t, per.Contains(at))
					_, err := p.Evaluate(per, nil)
					require.NoError(t, err)
				}
			}
		})
	}
}

// A period built where midnight is skipped on its first day starts when
// the day begins: Asuncion skipped midnight on Sunday 2010-10-03, and
// Santiago on Sunday 2022-09-11; Brazil's Sao Paulo on Sunday 2018-11-04.
func TestDayStartWhereMidnightIsSkipped(t *testing.T) {
	tests := []struct {
		zone string
		y    int
		m    time.Month
		d    int
		want string
	}{
		{"Africa/Cairo", 2026, 4, 24, "2026-04-24T01:00:00+03:00"},
		{"America/Asuncion", 2023, 10, 1, "2023-10-01T01:00:00-03:00"},
		{"America/Sao_Paulo", 2018, 11, 4, "2018-11-04T01:00:00-02:00"},
		{"America/Santiago", 2022, 9, 11, "2022-09-11T01:00:00-03:00"},
		{"Europe/Paris", 2026, 3, 29, "2026-03-29T00:00:00+01:00"},
		{"UTC", 2026, 3, 29, "2026-03-29T00:00:00Z"},
		// Samoa skipped the whole of 2011-12-30: the first instant dated
		// that day or later is the start of the 31st.
		{"Pacific/Apia", 2011, 12, 30, "2011-12-31T00:00:00+14:00"},
	}
	for _, tt := range tests {
		t.Run(tt.zone, func(t *testing.T) {
			got := dayStart(tt.y, tt.m, tt.d, mustZone(t, tt.zone))
			assert.Equal(t, tt.want, got.Format(time.RFC3339))
		})
	}
}

// zoneNames lists every zone of the Go distribution's time zone database,
// which a machine with Go has even without the system's tzdata, with each
// zone's data.
func zoneNames(t *testing.T) map[string][]byte {
	t.Helper()
	path := filepath.Join(runtime.GOROOT(), "lib", "time", "zoneinfo.zip")
	zr, err := zip.OpenReader(path)
	require.NoError(t, err, "the time zone database of the Go distribution")
	defer zr.Close()
	out := map[string][]byte{}
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		rc, err := f.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(rc)
		rc.Close()
		require.NoError(t, err)
		out[f.Name] = data
	}
	return out
}

// In every zone of the time zone database, over 2020 to 2030, WeekOf and
// MonthOf give periods that Evaluate takes, that start at the first
// instant of their first local day (a Monday, the 1st), and that follow
// each other with no gap and no overlap; every instant around every
// change of the zone's clocks lies in the week and the month they give
// for it. Period.validate is the check Evaluate runs first; calling it
// alone keeps the hundreds of thousands of periods cheap.
func TestPeriodsInEveryZone(t *testing.T) {
	zones := zoneNames(t)
	names := make([]string, 0, len(zones))
	for name := range zones {
		names = append(names, name)
	}
	sort.Strings(names)
	loaded := 0
	for _, name := range names {
		loc, err := time.LoadLocationFromTZData(name, zones[name])
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		loaded++
		from := time.Date(2020, 1, 1, 12, 0, 0, 0, loc)
		until := time.Date(2031, 1, 1, 0, 0, 0, 0, loc)
		check := func(per Period, kind string) {
			t.Helper()
			if err := per.validate(); err != nil {
				t.Fatalf("%s: %s %s: %v", name, kind, per.ID, err)
			}
			y, m, d := per.Start.Date()
			switch {
			case kind == "week" && per.Start.Weekday() != time.Monday,
				kind == "month" && d != 1:
				t.Fatalf("%s: %s %s starts on %s", name, kind, per.ID, per.Start)
			}
			before := per.Start.Add(-time.Nanosecond)
			if by, bm, bd := before.Date(); !time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC).Before(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) {
				t.Fatalf("%s: %s %s starts at %s, after the first instant of its day", name, kind, per.ID, per.Start)
			}
		}
		// Week after week, month after month: each ends where the next starts.
		w := WeekOf(from)
		for w.Start.Before(until) {
			check(w, "week")
			next := WeekOf(w.End)
			if !next.Start.Equal(w.End) {
				t.Fatalf("%s: week %s ends at %s, the next starts at %s", name, w.ID, w.End, next.Start)
			}
			w = next
		}
		mo := MonthOf(from)
		for mo.Start.Before(until) {
			check(mo, "month")
			next := MonthOf(mo.End)
			if !next.Start.Equal(mo.End) {
				t.Fatalf("%s: month %s ends at %s, the next starts at %s", name, mo.ID, mo.End, next.Start)
			}
			mo = next
		}
		// Around every change of the clocks.
		for at := from; at.Before(until); {
			_, end := at.ZoneBounds()
			if end.IsZero() || !end.Before(until) {
				break
			}
			if !end.After(at) {
				// Zones past their table whose rule keeps one offset
				// all year report a bound at the instant itself.
				at = at.Add(24 * time.Hour)
				continue
			}
			for _, x := range []time.Time{end.Add(-time.Nanosecond), end, end.Add(time.Hour), end.Add(-time.Hour)} {
				x = x.In(loc)
				for _, per := range []Period{WeekOf(x), MonthOf(x)} {
					if !per.Contains(x) {
						t.Fatalf("%s: %s does not contain %s", name, per.ID, x.Format(time.RFC3339Nano))
					}
					if err := per.validate(); err != nil {
						t.Fatalf("%s: %s: %v", name, per.ID, err)
					}
				}
			}
			at = end
		}
	}
	if loaded < 300 {
		t.Fatalf("only %d zones loaded from the time zone database; expected several hundred", loaded)
	}
	t.Logf("%d zones", loaded)
}

// Evaluate takes only the ID that WeekOf or MonthOf give the period's
// dates.
func TestPeriodID(t *testing.T) {
	p := DefaultPolicy()
	march := MonthOf(time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC))
	week := WeekOf(time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC))
	// A week whose Monday lies in the ISO year before.
	newYear := WeekOf(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	assert.Equal(t, "2025-03", march.ID)
	assert.Equal(t, "2025-W10", week.ID)
	assert.Equal(t, "2026-W53", newYear.ID)
	tests := []struct {
		name string
		id   string
		per  Period
		want string
	}{
		{"an empty month ID", "", march, "period.id: is required: the monthly period starting 2025-03-01 is \"2025-03\""},
		{"another month's ID", "2025-04", march, `period.id: "2025-04" does not name the monthly period starting 2025-03-01, which is "2025-03"`},
		{"a label of the host's", "March 2025", march, `period.id: "March 2025" does not name the monthly period starting 2025-03-01, which is "2025-03"`},
		{"an empty week ID", "", week, "period.id: is required: the weekly period starting 2025-03-03 is \"2025-W10\""},
		{"a calendar year for an ISO year", "2027-W53", newYear, `period.id: "2027-W53" does not name the weekly period starting 2026-12-28, which is "2026-W53"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			per := tt.per
			per.ID = tt.id
			_, err := p.Evaluate(per, nil)
			var ie *callfloor.InputError
			require.True(t, errors.As(err, &ie), "%v", err)
			assert.Equal(t, "period.id", string(ie.Field))
			assert.Equal(t, tt.want, err.Error())
		})
	}
	for _, per := range []Period{march, week, newYear} {
		_, err := p.Evaluate(per, nil)
		assert.NoError(t, err, per.ID)
	}
}

// A period whose times JSON cannot hold is refused, naming the field.
func TestPeriodOutOfStorableRange(t *testing.T) {
	p := DefaultPolicy()
	far := MonthOf(time.Date(9999, 12, 5, 0, 0, 0, 0, time.UTC))
	_, err := p.Evaluate(far, nil)
	assert.EqualError(t, err, "period.end: year 10000 is outside 0..9999, the range a stored time can hold")
	early := MonthOf(time.Date(-1, 12, 5, 0, 0, 0, 0, time.UTC))
	_, err = p.Evaluate(early, nil)
	assert.EqualError(t, err, "period.start: year -1 is outside 0..9999, the range a stored time can hold")
}

// The look-back window that ends with a period starts at the first
// instant of the same date months before, not at the wall clock of the
// period's end: Asuncion's October 2023 began at 01:00, October 2022 at
// 00:00.
func TestLookBackFromADayStart(t *testing.T) {
	loc := mustZone(t, "America/Asuncion")
	sept := MonthOf(time.Date(2023, 9, 10, 0, 0, 0, 0, loc))
	require.Equal(t, "2023-10-01T01:00:00-03:00", sept.End.Format(time.RFC3339))
	d := discipline{lookBack: 12}
	assert.Equal(t, "2022-10-01T00:00:00-04:00", d.activeSinceDay(sept.End).Format(time.RFC3339))
	// An instant that is not the start of a day keeps its wall clock.
	at := time.Date(2023, 9, 10, 15, 30, 0, 0, loc)
	assert.Equal(t, "2022-09-10T15:30:00-04:00", d.activeSinceDay(at).Format(time.RFC3339))
}

// A period a host stored as JSON comes back with each end's offset as a
// fixed zone. When the clocks change within the period, the two offsets
// differ; Evaluate still takes it, as it took the period MonthOf or
// WeekOf built. Only a start at a skipped midnight cannot be told from
// one at the wrong time once its zone is gone, and the error says to
// rebuild the period in the agents' zone.
func TestPeriodReadBackFromJSON(t *testing.T) {
	p := DefaultPolicy()
	cases := []struct {
		name string
		per  Period
		want string
	}{
		{"Paris, March: summer time starts within", MonthOf(time.Date(2026, 3, 10, 12, 0, 0, 0, mustZone(t, "Europe/Paris"))), ""},
		{"Paris, October: summer time ends within", MonthOf(time.Date(2026, 10, 10, 12, 0, 0, 0, mustZone(t, "Europe/Paris"))), ""},
		{"New York, the week the clocks go back", WeekOf(time.Date(2026, 11, 2, 12, 0, 0, 0, mustZone(t, "America/New_York"))), ""},
		{"Cairo, the week summer time starts", WeekOf(time.Date(2026, 4, 22, 12, 0, 0, 0, mustZone(t, "Africa/Cairo"))), ""},
		{"Shanghai, no clock change", MonthOf(time.Date(2026, 10, 10, 12, 0, 0, 0, mustZone(t, "Asia/Shanghai"))), ""},
		{"Asuncion, a month starting at a skipped midnight", MonthOf(time.Date(2023, 10, 10, 12, 0, 0, 0, mustZone(t, "America/Asuncion"))),
			"period.start: a monthly period starts at the first instant of the first of a month (00:00 where the day has one), not 2023-10-01 01:00; build it with MonthOf in the agents' time zone"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := p.Evaluate(c.per, nil)
			require.NoError(t, err, "as built")
			b, err := json.Marshal(c.per)
			require.NoError(t, err)
			var back Period
			require.NoError(t, json.Unmarshal(b, &back))
			require.True(t, back.Start.Equal(c.per.Start) && back.End.Equal(c.per.End))
			_, err = p.Evaluate(back, nil)
			if c.want == "" {
				assert.NoError(t, err)
			} else {
				assert.EqualError(t, err, c.want)
			}
		})
	}
}
