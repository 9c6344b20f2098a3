package qa

import (
	"sync"

	"github.com/callfloor/callfloor"

	"github.com/callfloor/callfloor/internal/policyfile"
)

var policySchema = sync.OnceValue(func() []byte { return policyfile.Schema("qa", rawPolicy{}) })

// PolicySchema returns the JSON Schema (draft 2020-12) of the qa policy
// format, for editors that complete and check a policy as it is written
// and for HR tools that build one. It is generated from the description
// ParsePolicy decodes by, so a policy ParsePolicy accepts is valid against
// it, and one it refuses for its shape (an unknown or missing field, a
// value of the wrong type, a malformed id or duration, a value outside a
// closed set) is invalid. Checks across fields, such as references
// between rules, overlapping bands or a condition naming an undeclared
// metric, are ParsePolicy's alone. The schema is schemas/qa.schema.json
// in the repository; every call returns the same bytes, which the caller
// must not modify.
func PolicySchema() []byte { return policySchema() }

// The rules of the qa validator that the policy's schema states: the
// closed sets some strings come from. Every id of a qa policy is a field
// named id, which the schema holds to the id pattern by its name.

func (rawSources) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"pay_relevant": policyfile.OneOf(sources)}
}

func (rawFeedback) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"praise_setting": {Enum: []string{callfloor.Group.String(), callfloor.OneToOne.String()}}}
}

func (rawItem) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"type": policyfile.OneOf(itemTypes), "critical": policyfile.OneOf(scopes).OrEmpty()}
}
