package timerange

import (
	"encoding/json"
	"testing"
	"time"
)

func TestStorableAgreesWithJSON(t *testing.T) {
	far := time.FixedZone("far", 24*3600)
	nearFar := time.FixedZone("near", 23*3600+59*60)
	west := time.FixedZone("west", -24*3600)
	cases := []struct {
		name string
		t    time.Time
		want string
	}{
		{"zero time", time.Time{}, ""},
		{"first instant of year 0", time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), ""},
		{"last instant of year 9999", time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), ""},
		{"first instant of year 10000", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), "year 10000 is outside 0..9999, the range a stored time can hold"},
		{"year -1", time.Date(-1, 12, 31, 23, 59, 59, 0, time.UTC), "year -1 is outside 0..9999, the range a stored time can hold"},
		{"year 20000", time.Date(20000, 6, 1, 0, 0, 0, 0, time.UTC), "year 20000 is outside 0..9999, the range a stored time can hold"},
		{"offset 23:59", time.Date(2026, 11, 2, 9, 0, 0, 0, nearFar), ""},
		{"offset +24h", time.Date(2026, 11, 2, 9, 0, 0, 0, far), "zone offset 86400s is 24 hours or more, which a stored time cannot hold"},
		{"offset -24h", time.Date(2026, 11, 2, 9, 0, 0, 0, west), "zone offset -86400s is 24 hours or more, which a stored time cannot hold"},
		{"year 9999 in UTC is 10000 east of it", time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC).In(time.FixedZone("CST", 8*3600)), "year 10000 is outside 0..9999, the range a stored time can hold"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Problem(c.t)
			if got != c.want {
				t.Fatalf("Problem = %q, want %q", got, c.want)
			}
			_, err := json.Marshal(c.t)
			if Storable(c.t) != (err == nil) {
				t.Fatalf("Storable = %v but json.Marshal error = %v", Storable(c.t), err)
			}
			if Storable(c.t) != (got == "") {
				t.Fatalf("Storable = %v disagrees with Problem %q", Storable(c.t), got)
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
