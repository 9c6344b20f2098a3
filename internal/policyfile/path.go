package policyfile

import (
	"strings"

	"github.com/callfloor/callfloor"
)

// A Path names a field of a policy the way a reader finds it in YAML:
// "tiers[2].min". It is callfloor.Path, the one path type of host data
// and policies alike. The zero Path is the document itself.
type Path = callfloor.Path

// parent trims the last element of p: "a.b[2]" gives "a.b", "a.b" gives
// "a", and `a["First Call"]` (a key that is not an id) gives "a".
func parent(p Path) Path {
	if strings.HasSuffix(string(p), `"]`) {
		if i := strings.LastIndex(string(p), `["`); i >= 0 {
			return p[:i]
		}
	}
	for i := len(p) - 1; i >= 0; i-- {
		switch p[i] {
		case '.', '[':
			return p[:i]
		}
	}
	return ""
}
