package incentives

import (
	"sync"

	"github.com/callfloor/callfloor/internal/policyfile"
)

var policySchema = sync.OnceValue(func() []byte { return policyfile.Schema("incentives", rawPolicy{}) })

// PolicySchema returns the JSON Schema (draft 2020-12) of the incentives policy
// format, for editors that complete and check a policy as it is written
// and for HR tools that build one. It is generated from the description
// ParsePolicy decodes by, so a policy ParsePolicy accepts is valid against
// it, and one it refuses for its shape (an unknown or missing field, a
// value of the wrong type, a malformed id or duration, a value outside a
// closed set) is invalid. Checks across fields, such as references
// between rules, overlapping bands or a condition naming an undeclared
// metric, are ParsePolicy's alone. The schema is schemas/incentives.schema.json
// in the repository; every call returns the same bytes, which the caller
// must not modify.
func PolicySchema() []byte { return policySchema() }

// The rules of the incentives validator that the policy's schema states:
// which strings are ids and which come from a closed set.

var idRule = policyfile.SchemaRule{ID: true}

func (rawPolicy) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"pay_period": policyfile.OneOf(cadences).OrEmpty(), "names": idRule}
}

func (rawMetric) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"name": idRule, "kind": policyfile.OneOf(metricKinds).OrEmpty()}
}

func (rawContest) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"every": policyfile.OneOf(cadences), "better": policyfile.OneOf(directions).OrEmpty()}
}

func (rawKind) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"severity": policyfile.OneOf(severities)}
}

func (rawGrade) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"track": idRule.OrEmpty(), "exam": idRule.OrEmpty()}
}

func (rawAward) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"badge": idRule.OrEmpty()}
}

func (rawProtect) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"action": idRule, "owner": idRule}
}

func (rawQAFinding) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"scorecard": idRule, "item": idRule, "kind": idRule}
}

func (rawConsequence) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"action": idRule, "owner": idRule}
}
