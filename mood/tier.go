package mood

import (
	"fmt"

	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
)

// Tier is the severity tier of call-center psychological management
// (normal, mild, moderate, severe) that a policy assigns to a screening, and that triage assigns to an agent. Tiers are ordered:
// Normal < Mild < Moderate < Severe, so the worse of two tiers is the
// larger. A tier marshals to JSON and YAML as its name.
type Tier int

// The four tiers.
const (
	Normal Tier = iota
	Mild
	Moderate
	Severe
)

var tierNames = [...]string{"normal", "mild", "moderate", "severe"}

// String gives "normal", "mild", "moderate" or "severe".
func (t Tier) String() string {
	if t >= Normal && t <= Severe {
		return tierNames[t]
	}
	return fmt.Sprintf("Tier(%d)", int(t))
}

// MarshalText gives the tier's name; a tier outside the four is an error.
func (t Tier) MarshalText() ([]byte, error) {
	if t < Normal || t > Severe {
		return nil, fmt.Errorf("mood: tier %d is not one of normal, mild, moderate, severe", int(t))
	}
	return []byte(tierNames[t]), nil
}

// UnmarshalText reads a tier's name.
func (t *Tier) UnmarshalText(b []byte) error {
	v, ok := parseTier(string(b))
	if !ok {
		return msgerr.NotSupported(nil, "", msg.EnumMoodTier{}, string(b), tierNames[:])
	}
	*t = v
	return nil
}

func parseTier(s string) (Tier, bool) {
	for i, n := range tierNames {
		if n == s {
			return Tier(i), true
		}
	}
	return 0, false
}
