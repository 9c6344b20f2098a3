package timerange

import "time"

// MinYear and MaxYear bound the years, in a time's own location, that
// RFC 3339 and so encoding/json can hold.
const (
	MinYear = 0
	MaxYear = 9999
)

// safeFrom and safeUntil bound, in Unix seconds, the instants whose year
// lies in MinYear..MaxYear in every location whose offset is under a day:
// from 0000-01-02 to 9999-12-30 in UTC.
var (
	safeFrom  = time.Date(MinYear, 1, 2, 0, 0, 0, 0, time.UTC).Unix()
	safeUntil = time.Date(MaxYear, 12, 30, 23, 59, 59, 0, time.UTC).Unix()
)

// Storable reports whether t encodes as JSON: its year in its own location
// lies in MinYear..MaxYear and its zone offset is under 24 hours. It is
// cheap enough for hot paths: for the instants far from the ends of the
// range, which are nearly all, only the zone offset is looked up.
func Storable(t time.Time) bool {
	if u := t.Unix(); u < safeFrom || u > safeUntil {
		if y := t.Year(); y < MinYear || y > MaxYear {
			return false
		}
	}
	_, off := t.Zone()
	return off > -24*3600 && off < 24*3600
}
