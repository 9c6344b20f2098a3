package schematest

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/callfloor/callfloor"
)

// A breakage is one change to a package's default policy that its parser
// refuses for the policy's shape, with the problem it reports.
type breakage struct {
	pkg  string
	why  string
	edit func(doc map[string]any)
	path string // the parser's problem, and where the schema must refuse
	msg  string
}

// set writes v at the place ptr names, "/"-separated.
func set(ptr string, v any) func(map[string]any) {
	return func(doc map[string]any) {
		toks := strings.Split(ptr, "/")
		parent := get(doc, toks[:len(toks)-1])
		switch p := parent.(type) {
		case map[string]any:
			p[toks[len(toks)-1]] = v
		case []any:
			p[atoi(toks[len(toks)-1])] = v
		}
	}
}

// del deletes the field ptr names.
func del(ptr string) func(map[string]any) {
	return func(doc map[string]any) {
		toks := strings.Split(ptr, "/")
		delete(get(doc, toks[:len(toks)-1]).(map[string]any), toks[len(toks)-1])
	}
}

// all applies edits in turn.
func all(edits ...func(map[string]any)) func(map[string]any) {
	return func(doc map[string]any) {
		for _, e := range edits {
			e(doc)
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

var breakages = []breakage{
	{"mood", "an unknown top-level field", set("moods", int64(1)), "moods", "unknown field; allowed: kind, locale, version, roles, instruments, tiers, crisis, watch, cycles, causes, techniques, climate, practices, declarations, names"},
	{"mood", "a list for a string", set("roles/lead", []any{"lead"}), "roles.lead", "expected a string, got a list"},
	{"mood", "a missing required field", del("crisis/within"), "crisis.within", "required field is missing"},
	{"mood", "an id that is not lower_snake_case", set("techniques/0/id", "Box Breathing"), "techniques[0].id", "id \"Box Breathing\" must be lower_snake_case (a-z, 0-9, _)"},
	{"mood", "another package's kind", set("kind", "qa"), "kind", "this is a mood policy; kind \"qa\" names another package"},
	{"mood", "a tier outside the closed set", set("instruments/phq9/bands/0/tier", "extreme"), "instruments.phq9.bands[0].tier", "unknown tier \"extreme\"; allowed: normal, mild, moderate, severe"},
	{"mood", "a duration in words", set("crisis/within", "one hour"), "crisis.within", "expected a duration such as \"90m\", \"36h\" or \"14d\", got \"one hour\""},
	{"mood", "a number for a list", set("techniques", int64(3)), "techniques", "expected a list, got the whole number 3"},

	{"qa", "an unknown field in an item", set("scorecards/0/sections/0/items/0/hint", "x"), "scorecards[0].sections[0].items[0].hint", "unknown field; allowed: id, text, type, weight, allow_na, critical, scale, good, fix, phrases"},
	{"qa", "text for a number", set("scorecards/0/pass_mark", "eighty"), "scorecards[0].pass_mark", "expected a number, got \"eighty\""},
	{"qa", "a missing required field", del("scorecards/0/sections/0/items/0/good"), "scorecards[0].sections[0].items[0].good", "required field is missing"},
	{"qa", "an id that is not lower_snake_case", set("scorecards/0/id", "inbound-calls"), "scorecards[0].id", "scorecard id \"inbound-calls\" must be lower_snake_case (a-z, 0-9, _)"},
	{"qa", "an unknown kind", set("kind", "quality"), "kind", "unknown kind \"quality\"; a qa policy has kind: qa"},
	{"qa", "an item type outside the closed set", set("scorecards/0/sections/0/items/0/type", "stars"), "scorecards[0].sections[0].items[0].type", "unknown item type \"stars\"; allowed: yes_no, scale"},
	{"qa", "a list for a whole number", set("disputes/max_items", []any{int64(1)}), "disputes.max_items", "expected a whole number, got a list"},

	{"coaching", "an unknown top-level field", set("workflow", map[string]any{}), "workflow", "unknown field; allowed: kind, locale, version, roles, kinds, workflows, signals, triggers, exit, hiring, tenure, meetings, meeting_zone, names"},
	{"coaching", "text for a boolean", set("workflows/performance_problem/corrective", "yes"), "workflows.performance_problem.corrective", "expected true or false, got \"yes\""},
	{"coaching", "a missing required field", del("workflows/care/steps/0/within"), "workflows.care.steps[0].within", "required field is missing"},
	{"coaching", "a role that is not lower_snake_case", set("roles/0", "Team Lead"), "roles[0]", "role \"Team Lead\" must be lower_snake_case (a-z, 0-9, _)"},
	{"coaching", "another package's kind", set("kind", "mood"), "kind", "this is a coaching policy; kind \"mood\" names another package"},
	// A policy that declares its kinds may name any id; one that leaves
	// them out has the built-in kinds, which the schema knows.
	{"coaching", "a workflow of no built-in kind, with kinds left out", all(del("kinds"), set("workflows/appraisal", map[string]any{"phases": []any{"a"}, "steps": []any{}})), `workflows.appraisal`, "unknown kind \"appraisal\"; allowed: performance_review, performance_problem, promotion, care, employee_issue, exit_interview, hiring_interview"},
	{"coaching", "a trigger of no built-in kind, with kinds left out", all(del("kinds"), set("triggers/0/kind", "appraisal")), `triggers[0].kind`, "unknown kind \"appraisal\"; allowed: performance_review, performance_problem, promotion, care, employee_issue, exit_interview, hiring_interview"},
	{"coaching", "a question of no built-in dimension, with dimensions left out", all(del("hiring/dimensions"), set("hiring/questions/0/dimension", "charisma")), `hiring.questions[0].dimension`, "unknown dimension \"charisma\"; allowed: stress_tolerance, adaptability, expression, execution, self_planning, listening_comprehension, professional_knowledge, honesty"},
	{"coaching", "a weight of no built-in dimension, with dimensions left out", all(del("hiring/dimensions"), set("hiring/weights/charisma", 1.0)), `hiring.weights.charisma`, "unknown dimension \"charisma\"; allowed: stress_tolerance, adaptability, expression, execution, self_planning, listening_comprehension, professional_knowledge, honesty"},
	{"coaching", "a negative duration", set("workflows/care/steps/0/within", "-2h"), "workflows.care.steps[0].within", "a duration must not be negative"},

	{"incentives", "an unknown field in a metric", set("metrics/0/unit", "percent"), "metrics[0].unit", "unknown field; allowed: name, kind, min, max"},
	{"incentives", "text for a whole number", set("rewards/caps/bonus", "lots"), "rewards.caps.bonus", "expected a whole number, got \"lots\""},
	{"incentives", "a missing required field", del("currency"), "currency", "required field is missing"},
	{"incentives", "a metric name that is not lower_snake_case", set("metrics/0/name", "QA score"), "metrics[0].name", "metric name \"QA score\" must be lower_snake_case (a-z, 0-9, _)"},
	{"incentives", "another package's kind", set("kind", "coaching"), "kind", "this is an incentives policy; kind \"coaching\" names another package"},
	{"incentives", "a severity outside the closed set", set("discipline/kinds/0/severity", "grave"), "discipline.kinds[0].severity", "\"grave\" is not a severity; allowed: minor, serious, zero_tolerance"},
	{"incentives", "null for a list", set("metrics", nil), "metrics", "expected a list, got nothing (null)"},
}

// TestBrokenPolicies breaks each package's default policy in the ways an
// author does, one at a time, and holds the parser to its problem and the
// schema to refusing the same place.
func TestBrokenPolicies(t *testing.T) {
	byKind := map[string]pkg{}
	for _, p := range pkgs {
		byKind[p.kind] = p
	}
	kinds := map[string]map[string]bool{}
	for _, b := range breakages {
		p := byKind[b.pkg]
		doc, err := instance(p.def())
		if err != nil {
			t.Fatal(err)
		}
		m := doc.(map[string]any)
		b.edit(m)
		src := source(m)

		var pe *callfloor.PolicyError
		if err := p.parse(src); !errors.As(err, &pe) {
			t.Errorf("%s, %s: the parser accepts it (%v)", b.pkg, b.why, err)
			continue
		}
		// A change may have consequences elsewhere (a role list made a
		// string leaves every owner undeclared); the problem at its place
		// is the one held to its text.
		var got []string
		found := false
		for _, pr := range pe.Problems {
			got = append(got, pr.Path+": "+pr.Msg)
			found = found || (pr.Path == b.path && pr.Msg == b.msg)
		}
		if want := b.path + ": " + b.msg; !found {
			t.Errorf("%s, %s: the parser says\n\t%s\nwant\n\t%s", b.pkg, b.why, strings.Join(got, "\n\t"), want)
		}

		verr := p.compiled(t).Validate(m)
		var ve *jsonschema.ValidationError
		if !errors.As(verr, &ve) {
			t.Errorf("%s, %s: the schema accepts it", b.pkg, b.why)
			continue
		}
		if !refusesAt(ve, b.path) {
			t.Errorf("%s, %s: the schema refuses it, but not at %s: %v", b.pkg, b.why, b.path, verr)
		}
		if kinds[b.pkg] == nil {
			kinds[b.pkg] = map[string]bool{}
		}
		kinds[b.pkg][b.why] = true
	}
	for _, p := range pkgs {
		if len(kinds[p.kind]) < 4 {
			t.Errorf("%s: %d kinds of breakage refused by both; the table wants at least 4", p.kind, len(kinds[p.kind]))
		}
	}
}

// refusesAt reports whether the schema's error, or one of its causes, is
// at the instance place of the parser's path, or at the mapping that
// holds it for a field that is unknown or missing, or is a key refused by
// propertyNames, which this validator reports at the document's root.
func refusesAt(ve *jsonschema.ValidationError, path string) bool {
	want := strings.Split(strings.NewReplacer("[", ".", "]", "").Replace(path), ".")
	key := want[len(want)-1]
	var walk func(e *jsonschema.ValidationError) bool
	walk = func(e *jsonschema.ValidationError) bool {
		if pn, ok := e.ErrorKind.(*kind.PropertyNames); ok && pn.Property == key {
			return true
		}
		if len(e.Causes) == 0 && (slices.Equal(e.InstanceLocation, want) || slices.Equal(e.InstanceLocation, want[:len(want)-1])) {
			return true
		}
		for _, c := range e.Causes {
			if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(ve)
}
