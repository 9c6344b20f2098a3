package callfloor

import (
	"strconv"
	"strings"
	"time"

	"github.com/callfloor/callfloor/internal/msg"
)

// Duration is a span of time that reads and writes as text: a Go duration
// ("90m", "36h", "1h30m") or whole days ("14d"). It encodes to JSON as the
// shortest Go duration string ("36h", not 129600000000000), so that stored
// results are readable and do not depend on Go's nanosecond unit.
// Negative spans are refused when read: no rule of the domain looks
// backwards by a negative amount.
type Duration time.Duration

// Std returns the duration as a time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }

// String gives the shortest Go duration string: "36h", "1h30m", "90s",
// "1.5s", "0s".
func (d Duration) String() string {
	s := time.Duration(d).String()
	// time.Duration writes every unit below the largest ("36h0m0s");
	// trailing zero units are dropped, which ParseDuration reads back
	// to the same value.
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// MarshalText gives the duration as String does.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a duration as ParseDuration does.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := ParseDuration(string(b))
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// MaxDays keeps day counts inside time.Duration's range (about 292 years).
const MaxDays = 100_000

// ParseDuration parses a Go duration ("90m", "36h", "1h30m") or a whole
// number of days ("14d", at most MaxDays). It refuses negative spans.
func ParseDuration(s string) (time.Duration, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, messageError{msg.PolicyDurationEmpty{}}
	}
	if days, ok := strings.CutSuffix(t, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil {
			return 0, messageError{msg.PolicyDurationMalformed{Value: strconv.Quote(s)}}
		}
		if n < 0 {
			return 0, messageError{msg.PolicyDurationNegative{}}
		}
		if n > MaxDays {
			return 0, messageError{msg.PolicyDurationDaysRange{N: n, Max: MaxDays}}
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	v, err := time.ParseDuration(t)
	if err != nil {
		return 0, messageError{msg.PolicyDurationMalformed{Value: strconv.Quote(s)}}
	}
	if v < 0 {
		return 0, messageError{msg.PolicyDurationNegative{}}
	}
	return v, nil
}
