package policyfile

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Duration is a span of time written in a policy either as a Go duration
// ("90m", "36h", "1h30m") or as whole days ("14d"). Negative spans are
// refused: no rule of the domain looks backwards by a negative amount.
type Duration time.Duration

// DecodeScalar parses a duration.
func (d *Duration) DecodeScalar(s string) error {
	v, err := ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// Std returns the duration as a time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }

// maxDays keeps day counts inside time.Duration's range (about 292 years).
const maxDays = 100_000

// ParseDuration parses a Go duration or a count of days such as "14d".
func ParseDuration(s string) (time.Duration, error) {
	const allowed = `a duration such as "90m", "36h" or "14d"`
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, fmt.Errorf("expected %s, got an empty string", allowed)
	}
	if days, ok := strings.CutSuffix(t, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil {
			return 0, fmt.Errorf("expected %s, got %q", allowed, s)
		}
		if n < 0 {
			return 0, errors.New("a duration must not be negative")
		}
		if n > maxDays {
			return 0, fmt.Errorf("%d days is out of range (at most %d)", n, maxDays)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	v, err := time.ParseDuration(t)
	if err != nil {
		return 0, fmt.Errorf("expected %s, got %q", allowed, s)
	}
	if v < 0 {
		return 0, errors.New("a duration must not be negative")
	}
	return v, nil
}
