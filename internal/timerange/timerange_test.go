package timerange

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"
)

func TestStorableAgreesWithJSON(t *testing.T) {
	far := time.FixedZone("far", 24*3600)
	nearFar := time.FixedZone("near", 23*3600+59*60)
	west := time.FixedZone("west", -24*3600)
	cases := []struct {
		name     string
		t        time.Time
		storable bool
	}{
		{"zero time", time.Time{}, true},
		{"first instant of year 0", time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"last instant of year 9999", time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), true},
		{"first instant of year 10000", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{"year -1", time.Date(-1, 12, 31, 23, 59, 59, 0, time.UTC), false},
		{"year 20000", time.Date(20000, 6, 1, 0, 0, 0, 0, time.UTC), false},
		{"offset 23:59", time.Date(2026, 11, 2, 9, 0, 0, 0, nearFar), true},
		{"offset +24h", time.Date(2026, 11, 2, 9, 0, 0, 0, far), false},
		{"offset -24h", time.Date(2026, 11, 2, 9, 0, 0, 0, west), false},
		{"year 9999 in UTC is 10000 east of it", time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC).In(time.FixedZone("CST", 8*3600)), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if Storable(c.t) != c.storable {
				t.Fatalf("Storable = %v, want %v", Storable(c.t), c.storable)
			}
			_, err := json.Marshal(c.t)
			if Storable(c.t) != (err == nil) {
				t.Fatalf("Storable = %v but json.Marshal error = %v", Storable(c.t), err)
			}
		})
	}
}

func FuzzStorable(f *testing.F) {
	f.Add(int64(0), int64(0), 0)
	f.Add(int64(253402300799), int64(999999999), 0)
	f.Add(int64(253402300800), int64(0), 0)
	f.Add(int64(-62167219200), int64(0), 0)
	f.Add(int64(1_800_000_000), int64(0), 86400)
	f.Fuzz(func(t *testing.T, sec, nsec int64, off int) {
		if off > 1<<20 || off < -(1<<20) {
			return
		}
		tm := time.Unix(sec, nsec).In(time.FixedZone("z", off))
		_, err := json.Marshal(tm)
		if Storable(tm) != (err == nil) {
			t.Fatalf("%v: Storable = %v, json.Marshal error = %v", tm, Storable(tm), err)
		}
	})
}

// Storable's fast path agrees with encoding/json at the edges of the
// span, in far zones, and on random instants.
func TestStorableFastPath(t *testing.T) {
	zones := []*time.Location{time.UTC, time.FixedZone("e", 23*3600+59*60), time.FixedZone("w", -(23*3600 + 59*60)),
		time.FixedZone("far", 24*3600), time.FixedZone("farw", -24*3600), time.FixedZone("x", 14*3600)}
	if sh, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		zones = append(zones, sh)
	}
	var instants []time.Time
	for _, edge := range []time.Time{
		time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(0, 1, 2, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 30, 23, 59, 59, 0, time.UTC), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
	} {
		for _, d := range []time.Duration{-25 * time.Hour, -24 * time.Hour, -time.Second, -time.Nanosecond, 0, time.Nanosecond, time.Second, 24 * time.Hour, 25 * time.Hour} {
			instants = append(instants, edge.Add(d))
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		instants = append(instants, time.Unix(safeFrom-3*86400+rng.Int64N(safeUntil-safeFrom+6*86400), rng.Int64N(1e9)))
		instants = append(instants, time.Unix(safeUntil-3*86400+rng.Int64N(6*86400), rng.Int64N(1e9)))
		instants = append(instants, time.Unix(safeFrom-3*86400+rng.Int64N(6*86400), rng.Int64N(1e9)))
	}
	for _, at := range instants {
		for _, z := range zones {
			tz := at.In(z)
			_, err := json.Marshal(tz)
			if (err == nil) != Storable(tz) {
				t.Fatalf("%v: Storable = %v, json.Marshal error = %v", tz, Storable(tz), err)
			}
		}
	}
}
