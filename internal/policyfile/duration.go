package policyfile

import (
	"time"

	"github.com/callfloor/callfloor"
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

// ParseDuration parses a Go duration or a count of days such as "14d",
// as callfloor.ParseDuration does.
func ParseDuration(s string) (time.Duration, error) { return callfloor.ParseDuration(s) }
