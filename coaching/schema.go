package coaching

import (
	"sync"

	"github.com/callfloor/callfloor/internal/policyfile"
)

var policySchema = sync.OnceValue(func() []byte { return policyfile.Schema("coaching", rawPolicy{}) })

// PolicySchema returns the JSON Schema (draft 2020-12) of the coaching policy
// format, for editors that complete and check a policy as it is written
// and for HR tools that build one. It is generated from the description
// ParsePolicy decodes by, so a policy ParsePolicy accepts is valid against
// it, and one it refuses for its shape (an unknown or missing field, a
// value of the wrong type, a malformed id or duration, a value outside a
// closed set) is invalid. Checks across fields, such as references
// between rules, overlapping bands or a condition naming an undeclared
// metric, are ParsePolicy's alone. The schema is schemas/coaching.schema.json
// in the repository; every call returns the same bytes, which the caller
// must not modify.
func PolicySchema() []byte { return policySchema() }

// The rules of the coaching validator that the policy's schema states:
// which strings are ids and which come from a closed set.

var idRule = policyfile.SchemaRule{ID: true}

func (rawPolicy) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"roles": idRule, "signals": idRule, "kinds": idRule, "workflows": idRule}
}

func (rawWorkflow) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"phases": idRule}
}

func (rawStep) SchemaRules() map[string]policyfile.SchemaRule {
	names := make([]string, len(settings))
	for i, s := range settings {
		names[i] = s.String()
	}
	return map[string]policyfile.SchemaRule{"records": idRule, "optional_records": idRule, "setting": {Enum: names}}
}

func (rawTrigger) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"kind": idRule}
}

func (rawExit) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"period": policyfile.OneOf(attritionPeriods).OrEmpty(), "reasons": idRule}
}

func (rawHiring) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"dimensions": idRule, "weights": idRule, "floors": idRule}
}

func (rawQuestion) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"dimension": idRule}
}

func (rawTenure) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"veteran.roles": idRule}
}

func weekdayRule() policyfile.SchemaRule {
	return policyfile.OneOf([]string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
}

func (rawMeeting) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"id": idRule, "days": weekdayRule(), "teams": policyfile.OneOf(meetingTeams)}
}

func (rawTopic) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"id": idRule}
}

func (rawLonger) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"day": weekdayRule()}
}
