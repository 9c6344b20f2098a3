package mood

import (
	"strings"
	"sync"
	"time"

	"github.com/callfloor/callfloor/internal/policyfile"
)

var policySchema = sync.OnceValue(func() []byte { return policyfile.Schema("mood", rawPolicy{}) })

// PolicySchema returns the JSON Schema (draft 2020-12) of the mood policy
// format, for editors that complete and check a policy as it is written
// and for HR tools that build one. It is generated from the description
// ParsePolicy decodes by, so a policy ParsePolicy accepts is valid against
// it, and one it refuses for its shape (an unknown or missing field, a
// value of the wrong type, a malformed id or duration, a value outside a
// closed set) is invalid. Checks across fields, such as references
// between rules, overlapping bands or a condition naming an undeclared
// metric, are ParsePolicy's alone. The schema is schemas/mood.schema.json
// in the repository; every call returns the same bytes, which the caller
// must not modify.
func PolicySchema() []byte { return policySchema() }

// The rules of the mood validator that the policy's schema states: which
// strings are ids and which come from a closed set.

var (
	idRule      = policyfile.SchemaRule{ID: true}
	settingRule = policyfile.OneOf(settingNames())
)

func settingNames() []string {
	out := make([]string, len(policySettings))
	for i, s := range policySettings {
		out[i] = s.String()
	}
	return out
}

func weekdayNames() []string {
	var out []string
	for d := time.Monday; ; d = (d + 1) % 7 {
		out = append(out, strings.ToLower(d.String()))
		if d == time.Sunday {
			return out
		}
	}
}

func (rawRoles) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"lead": idRule, "confidential": idRule, "others": idRule}
}

func (rawInstrument) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"subscales": policyfile.OneOf(subscaleNames[:])}
}

func (rawBand) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"tier": policyfile.OneOf(tierNames[:])}
}

func (rawAction) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"code": idRule, "setting": settingRule}
}

func (rawPreventive) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"code": idRule, "setting": settingRule}
}

func (rawSignal) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"kind": idRule}
}

func (rawEventRule) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"kind": idRule}
}

func (rawWeekdays) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"days": policyfile.OneOf(weekdayNames())}
}

func (rawPractice) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"area": policyfile.OneOf(practiceAreas), "setting": settingRule.OrEmpty()}
}
