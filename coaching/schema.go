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
// metric, are ParsePolicy's alone. A workflow, a trigger's kind, and a
// hiring weight, floor or question's dimension name one of the kinds or
// dimensions the policy declares: where the policy leaves that list out,
// the schema holds them to the built-in ones, as ParsePolicy does; where
// it declares the list, the schema holds them to the id pattern and
// suggests the built-in ones, and membership is ParsePolicy's to check.
// The schema is schemas/coaching.schema.json in the repository; every
// call returns the same bytes, which the caller must not modify.
func PolicySchema() []byte { return policySchema() }

// The rules of the coaching validator that the policy's schema states:
// which strings are ids, which come from a closed set, and which refer
// to the kinds or the hiring dimensions, lists a policy declares or
// leaves out for the built-in ones. No exit.reasons entry is referred to
// within a policy, so they are ids alone.

var idRule = policyfile.SchemaRule{ID: true}

func (rawPolicy) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"roles": idRule, "signals": idRule, "kinds": policyfile.Declares(kinds, "workflows", "triggers.kind"), "workflows": policyfile.RefersTo(kinds)}
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
	return map[string]policyfile.SchemaRule{"kind": policyfile.RefersTo(kinds)}
}

func (rawExit) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"period": policyfile.OneOf(attritionPeriods).OrEmpty(), "reasons": idRule}
}

func (rawHiring) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{
		"dimensions": policyfile.Declares(dimensions, "weights", "floors", "questions.dimension"),
		"weights":    policyfile.RefersTo(dimensions),
		"floors":     policyfile.RefersTo(dimensions),
	}
}

func (rawQuestion) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"dimension": policyfile.RefersTo(dimensions)}
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
