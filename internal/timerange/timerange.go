package timerange

import (
	"strconv"
	"time"
)

// MinYear and MaxYear bound the years, in a time's own location, that
// RFC 3339 and so encoding/json can hold.
const (
	MinYear = 0
	MaxYear = 9999
)

// Storable reports whether t encodes as JSON: its year in its own location
// lies in MinYear..MaxYear and its zone offset is under 24 hours.
func Storable(t time.Time) bool {
	if y := t.Year(); y < MinYear || y > MaxYear {
		return false
	}
	_, off := t.Zone()
	return off > -24*3600 && off < 24*3600
}

// Problem says why t cannot be stored, or returns "" when it can. The
// sentence is written to follow a field name: "year 20000 is outside
// 0..9999, the range a stored time can hold".
func Problem(t time.Time) string {
	if y := t.Year(); y < MinYear || y > MaxYear {
		return "year " + strconv.Itoa(y) + " is outside " + strconv.Itoa(MinYear) + ".." + strconv.Itoa(MaxYear) + ", the range a stored time can hold"
	}
	if _, off := t.Zone(); off <= -24*3600 || off >= 24*3600 {
		return "zone offset " + strconv.Itoa(off) + "s is 24 hours or more, which a stored time cannot hold"
	}
	return ""
}
