package policyfile

import (
	"bytes"
	"encoding/json"
	"math"
	"math/big"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/callfloor/callfloor"
)

type schemaLeaf struct {
	Code string   `yaml:"code,required"`
	Tags []string `yaml:"tags"`
	Note string   `yaml:"note"`
}

func (schemaLeaf) SchemaRules() map[string]SchemaRule {
	return map[string]SchemaRule{"code": {ID: true}, "tags": OneOf([]string{"a", "b"})}
}

type schemaExtra struct {
	Badge string `yaml:"badge"`
}

func (schemaExtra) SchemaRules() map[string]SchemaRule {
	return map[string]SchemaRule{"badge": SchemaRule{ID: true}.OrEmpty()}
}

type schemaRoot struct {
	Version string         `yaml:"version,required"`
	ID      string         `yaml:"id"`
	Name    string         `yaml:"name,id"`
	Within  Duration       `yaml:"within"`
	Count   int8           `yaml:"count"`
	Big     int64          `yaml:"big"`
	Share   *float64       `yaml:"share"`
	On      bool           `yaml:"on"`
	Leaves  []schemaLeaf   `yaml:"leaves,required"`
	One     *schemaLeaf    `yaml:"one"`
	ByDay   map[string]int `yaml:"by_day"`
	Nested  struct {
		Roles []string `yaml:"roles"`
	} `yaml:"nested"`
	Extra   schemaExtra `yaml:",inline"`
	Skipped string      `yaml:"-"`
}

func (schemaRoot) SchemaRules() map[string]SchemaRule {
	return map[string]SchemaRule{"by_day": OneOf([]string{"monday"}), "nested.roles": {ID: true}}
}

// TestSchemaShape holds each Go type and tag of a raw struct to the JSON
// Schema keyword that says what Decode does with it.
func TestSchemaShape(t *testing.T) {
	var got map[string]any
	if err := json.Unmarshal(Schema("test", schemaRoot{}), &got); err != nil {
		t.Fatal(err)
	}
	props := got["properties"].(map[string]any)
	defs := got["$defs"].(map[string]any)
	for _, tc := range []struct {
		why  string
		got  any
		want string
	}{
		{"the dialect", got["$schema"], `"https://json-schema.org/draft/2020-12/schema"`},
		{"the title", got["title"], `"callfloor test policy"`},
		{"unknown fields are refused", got["additionalProperties"], `false`},
		{"required from the tag, in field order", got["required"], `["version","leaves"]`},
		{"the kind field is optional and names the package", props["kind"], `{"const":"test"}`},
		{"a version follows the id rule", props["version"], `{"$ref":"#/$defs/name"}`},
		{"a field named id is an id", props["id"], `{"$ref":"#/$defs/id"}`},
		{"the id tag option is the id rule", props["name"], `{"$ref":"#/$defs/name"}`},
		{"a duration", props["within"], `{"$ref":"#/$defs/duration"}`},
		{"a small whole number keeps to its range", props["count"], `{"maximum":127,"minimum":-128,"type":"integer"}`},
		{"a 64-bit whole number", props["big"], `{"type":"integer"}`},
		{"a pointer may be null", props["share"], `{"type":["number","null"]}`},
		{"a boolean", props["on"], `{"type":"boolean"}`},
		{"a list of named structs", props["leaves"], `{"items":{"$ref":"#/$defs/schemaLeaf"},"type":"array"}`},
		{"a pointer to a struct may be null", props["one"], `{"anyOf":[{"$ref":"#/$defs/schemaLeaf"},{"type":"null"}]}`},
		{"a map's keys from a closed set", props["by_day"], `{"additionalProperties":{"type":"integer"},"propertyNames":{"enum":["monday"],"type":"string"},"type":"object"}`},
		{"a rule on an unnamed struct's field", props["nested"], `{"additionalProperties":false,"properties":{"roles":{"items":{"$ref":"#/$defs/id"},"type":"array"}},"type":"object"}`},
		{"an inlined struct's field and rule", props["badge"], `{"anyOf":[{"$ref":"#/$defs/id"},{"enum":[""],"type":"string"}]}`},
		{"a skipped field", props["skipped"], `null`},
		{"a rule's id", defs["schemaLeaf"].(map[string]any)["properties"].(map[string]any)["code"], `{"$ref":"#/$defs/id"}`},
		{"a rule's closed set on each element", defs["schemaLeaf"].(map[string]any)["properties"].(map[string]any)["tags"], `{"items":{"enum":["a","b"],"type":"string"},"type":"array"}`},
		{"free text is any scalar but null", defs["text"], `{"description":"Text. A bare number or true/false is read as its text; null is refused.","type":["string","number","boolean"]}`},
		{"the id pattern", defs["id"].(map[string]any)["pattern"], `"^[a-z][a-z0-9_]*$"`},
		{"a duration may be the number 0", defs["duration"].(map[string]any)["anyOf"].([]any)[1], `{"const":0}`},
	} {
		b, _ := json.Marshal(tc.got)
		if string(b) != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.why, b, tc.want)
		}
	}
	var order []string
	text := string(Schema("test", schemaRoot{}))
	text = text[strings.Index(text, "\n  \"properties\": {"):strings.Index(text, "\n  \"required\"")]
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "    \"") {
			order = append(order, strings.Split(line, `"`)[1])
		}
	}
	if want := "kind locale version id name within count big share on leaves one by_day nested badge"; strings.Join(order, " ") != want {
		t.Errorf("properties in the order %q, want the struct's %q", order, want)
	}
}

// TestSchemaASCII: the schema is printable ASCII and line breaks, every
// other character escaped, so that the white space DurationPattern allows
// can be read in the file; it reads back unchanged.
func TestSchemaASCII(t *testing.T) {
	b := Schema("test", schemaRoot{})
	for i, c := range b {
		if (c < ' ' && c != '\n') || c >= 0x7f {
			t.Fatalf("byte %d is %#x", i, c)
		}
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	def := got["$defs"].(map[string]any)["duration"].(map[string]any)["anyOf"].([]any)[0].(map[string]any)
	if def["pattern"] != DurationPattern {
		t.Errorf("the duration pattern reads back as %q, want %q", def["pattern"], DurationPattern)
	}
}

// TestSchemaKindField: a raw struct with its own kind field keeps it; no
// const is added.
func TestSchemaKindField(t *testing.T) {
	type own struct {
		Kind string `yaml:"kind"`
	}
	var got map[string]any
	if err := json.Unmarshal(Schema("test", own{}), &got); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(got["properties"])
	if want := `{"kind":{"$ref":"#/$defs/text"},"locale":{"enum":["en","zh-CN"],"type":"string"}}`; string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
}

// schemaDeclaring declares a list of kinds that its fields refer to at
// every depth: a mapping's keys, a list's elements, a string, through a
// list, a pointer and a mapping's values.
type schemaDeclaring struct {
	Kinds  []string              `yaml:"kinds"`
	Uses   map[string]int        `yaml:"uses"`
	Steps  []schemaStep          `yaml:"steps"`
	One    *schemaStep           `yaml:"one"`
	Groups map[string]schemaStep `yaml:"groups"`
}

type schemaStep struct {
	Kind string   `yaml:"kind"`
	Also []string `yaml:"also"`
}

var builtinKinds = []string{"call", "chat"}

func (schemaDeclaring) SchemaRules() map[string]SchemaRule {
	return map[string]SchemaRule{
		"kinds": Declares(builtinKinds, "uses", "steps.kind", "steps.also", "one.kind", "groups.kind"),
		"uses":  RefersTo(builtinKinds),
	}
}

func (schemaStep) SchemaRules() map[string]SchemaRule {
	return map[string]SchemaRule{"kind": RefersTo(builtinKinds), "also": RefersTo(builtinKinds)}
}

// TestSchemaDeclaredList holds a reference to a list the document
// declares to what a schema can say of it: an id, suggested the
// built-in ids, and one of them when the list is left out.
func TestSchemaDeclaredList(t *testing.T) {
	b := Schema("test", schemaDeclaring{})
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	props := got["properties"].(map[string]any)
	for _, tc := range []struct {
		why  string
		got  any
		want string
	}{
		{"the list is a list of ids", props["kinds"], `{"items":{"$ref":"#/$defs/id"},"type":"array"}`},
		{"a reference is an id, suggested the built-in ids", props["uses"].(map[string]any)["propertyNames"], `{"anyOf":[{"$ref":"#/$defs/id"},{"enum":["call","chat"],"type":"string"}]}`},
		{"the built-in ids when the list is left out, at every reference", got["allOf"], `[{"if":{"not":{"required":["kinds"]}},"then":{` +
			`"description":"When kinds is left out, the built-in ones apply, and each reference names one of them.",` +
			`"properties":{` +
			`"groups":{"additionalProperties":{"properties":{"kind":{"enum":["call","chat"]}}}},` +
			`"one":{"properties":{"kind":{"enum":["call","chat"]}}},` +
			`"steps":{"items":{"properties":{"also":{"items":{"enum":["call","chat"]}},"kind":{"enum":["call","chat"]}}}},` +
			`"uses":{"propertyNames":{"enum":["call","chat"]}}}}}]`},
	} {
		b, _ := json.Marshal(tc.got)
		if string(b) != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.why, b, tc.want)
		}
	}

	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("https://callfloor.test/test.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("https://callfloor.test/test.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		why   string
		doc   string
		valid bool
	}{
		{"built-in ids, the list left out", `{"uses":{"call":1},"steps":[{"kind":"chat","also":["call"]}],"one":{"kind":"call"},"groups":{"g":{"kind":"chat"}}}`, true},
		{"a mapping's key outside the built-in ids, the list left out", `{"uses":{"mail":1}}`, false},
		{"a string in a list outside the built-in ids, the list left out", `{"steps":[{"kind":"mail"}]}`, false},
		{"a list's element outside the built-in ids, the list left out", `{"steps":[{"kind":"call","also":["mail"]}]}`, false},
		{"a string behind a pointer outside the built-in ids, the list left out", `{"one":{"kind":"mail"}}`, false},
		{"a string in a mapping's value outside the built-in ids, the list left out", `{"groups":{"g":{"kind":"mail"}}}`, false},
		{"a declared id the built-in ones lack", `{"kinds":["mail"],"uses":{"mail":1},"steps":[{"kind":"mail","also":["mail"]}],"one":{"kind":"mail"},"groups":{"g":{"kind":"mail"}}}`, true},
		{"an id the list does not declare, which only the validator can see", `{"kinds":["mail"],"uses":{"call":1}}`, true},
		{"a list declared empty, which is the validator's to refuse", `{"kinds":[],"uses":{"mail":1}}`, true},
		{"a reference that is no id, the list declared", `{"kinds":["mail"],"uses":{"Mail":1}}`, false},
		{"a reference in a list that is no id, the list declared", `{"kinds":["mail"],"steps":[{"also":["Mail"]}]}`, false},
	} {
		var v any
		if err := json.Unmarshal([]byte(tc.doc), &v); err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); (err == nil) != tc.valid {
			t.Errorf("%s: %s: valid %v, want %v (%v)", tc.why, tc.doc, err == nil, tc.valid, err)
		}
	}
}

type badRuleName struct {
	A string `yaml:"a"`
}

func (badRuleName) SchemaRules() map[string]SchemaRule { return map[string]SchemaRule{"b": {ID: true}} }

type badRuleType struct {
	N int `yaml:"n"`
}

func (badRuleType) SchemaRules() map[string]SchemaRule { return map[string]SchemaRule{"n": {ID: true}} }

type badRuleNested struct {
	L schemaLeaf `yaml:"l"`
}

func (badRuleNested) SchemaRules() map[string]SchemaRule {
	return map[string]SchemaRule{"l.code": {ID: true}}
}

type badRefField struct {
	Kinds []string `yaml:"kinds"`
	Steps []struct {
		Kind string `yaml:"kind"`
	} `yaml:"steps"`
}

func (badRefField) SchemaRules() map[string]SchemaRule {
	return map[string]SchemaRule{"kinds": Declares(builtinKinds, "steps.knid")}
}

type badRefType struct {
	Kinds []string `yaml:"kinds"`
	Count int      `yaml:"count"`
}

func (badRefType) SchemaRules() map[string]SchemaRule {
	return map[string]SchemaRule{"kinds": Declares(builtinKinds, "count")}
}

type badRefThrough struct {
	Kinds []string `yaml:"kinds"`
	Uses  []string `yaml:"uses"`
}

func (badRefThrough) SchemaRules() map[string]SchemaRule {
	return map[string]SchemaRule{"kinds": Declares(builtinKinds, "uses.kind")}
}

type badRefDefaults struct {
	Kinds []string       `yaml:"kinds"`
	Uses  map[string]int `yaml:"uses"`
}

func (badRefDefaults) SchemaRules() map[string]SchemaRule {
	return map[string]SchemaRule{"kinds": Declares([]string(nil), "uses")}
}

type badScalar struct {
	S otherScalar `yaml:"s"`
}

type otherScalar string

func (*otherScalar) DecodeScalar(string) error { return nil }

// TestSchemaDefects: a package whose rules do not fit its struct is a
// defect its own tests find, by a panic that names it.
func TestSchemaDefects(t *testing.T) {
	for _, tc := range []struct {
		raw  any
		want string
	}{
		{42, "policyfile.Schema: int is not a struct"},
		{nil, "policyfile.Schema: <nil> is not a struct"},
		{badRuleName{}, `policyfile.Schema: policyfile.badRuleName.SchemaRules names "b", which is not one of its fields`},
		{badRuleType{}, `policyfile.Schema: policyfile.badRuleType.SchemaRules names "n", which holds no strings`},
		{badRuleNested{}, `policyfile.Schema: policyfile.badRuleNested.SchemaRules names fields of "l", which is not an unnamed struct`},
		{badScalar{}, "policyfile.Schema: no schema for the scalar type policyfile.otherScalar"},
		{badRefField{}, `policyfile.Schema: policyfile.badRefField.SchemaRules gives "kinds" the reference "steps.knid", which is no field of strings`},
		{badRefType{}, `policyfile.Schema: policyfile.badRefType.SchemaRules gives "kinds" the reference "count", which is no field of strings`},
		{badRefThrough{}, `policyfile.Schema: policyfile.badRefThrough.SchemaRules gives "kinds" the reference "uses.kind", which is no field of strings`},
		{badRefDefaults{}, `policyfile.Schema: policyfile.badRefDefaults.SchemaRules gives "kinds" references but no defaults`},
	} {
		func() {
			defer func() {
				if got := recover(); got != tc.want {
					t.Errorf("Schema(%T) panicked with %v, want %q", tc.raw, got, tc.want)
				}
			}()
			Schema("test", tc.raw)
		}()
	}
}

var idPattern = regexp.MustCompile(IDPattern)

// TestIDPattern: the pattern and callfloor.ValidID agree, at every
// boundary of the rule.
func TestIDPattern(t *testing.T) {
	for _, s := range []string{"", "a", "z", "a0", "a_", "_a", "0a", "A", "aB", "a-b", "a b", "a.b", "é", "a\n", "abc_123", "a\x00"} {
		if got, want := idPattern.MatchString(s), callfloor.ValidID(s); got != want {
			t.Errorf("%q: pattern %v, ValidID %v", s, got, want)
		}
	}
}

// FuzzIDPattern: the schema's id pattern is callfloor.ValidID.
func FuzzIDPattern(f *testing.F) {
	for _, s := range []string{"", "a", "a_1", "A", "1a", "a-b", "a\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := idPattern.MatchString(s), callfloor.ValidID(s); got != want {
			t.Fatalf("%q: pattern %v, ValidID %v", s, got, want)
		}
	})
}

var durationPattern = regexp.MustCompile(DurationPattern)

// TestDurationPattern: the pattern admits every duration ParseDuration
// reads, and refuses the text it refuses, at each boundary.
func TestDurationPattern(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"0", true}, {"+0", true}, {"-0", true}, {"90m", true}, {"1h30m", true}, {"1.5h", true}, {".5h", true},
		{"5.s", true}, {"10µs", true}, {"10μs", true}, {"10us", true}, {"10ns", true}, {"0d", true}, {"14d", true},
		{"+14d", true}, {"-0d", true}, {"0014d", true}, {"100000d", true}, {" 14d ", true}, {"-0s", true}, {"-0.0h", true},
		{"\v0", true}, {"\u00a05m\u3000", true}, {"\u200b5m", false},
		{"", false}, {" ", false}, {"1", false}, {"-1s", false}, {"-1d", false}, {"100001d", false}, {"1.5d", false},
		{"5d3h", false}, {"d", false}, {"h", false}, {".h", false}, {"1x", false}, {"1 h", false}, {"1h ago", false},
		{"--0", false}, {"1H", false},
	} {
		_, err := ParseDuration(tc.s)
		if (err == nil) != tc.want {
			t.Fatalf("%q: ParseDuration error %v, the table says valid %v", tc.s, err, tc.want)
		}
		if got := durationPattern.MatchString(tc.s); got != tc.want {
			t.Errorf("%q: pattern matches %v, ParseDuration accepts %v", tc.s, got, tc.want)
		}
	}
}

// FuzzDurationPattern: the schema never refuses a duration the parser
// reads, and what it admits the parser reads too, unless it is too long
// for time.Duration.
func FuzzDurationPattern(f *testing.F) {
	for _, s := range []string{"0", "90m", "1h30m", "14d", "100001d", "-1s", "1.5d", " 2h ", "9999999999h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, err := ParseDuration(s)
		match := durationPattern.MatchString(s)
		if err == nil && !match {
			t.Fatalf("%q: ParseDuration accepts it, the pattern refuses it", s)
		}
		if err != nil && match && !tooLong(s) {
			t.Fatalf("%q: the pattern admits it, ParseDuration refuses it: %v", s, err)
		}
	})
}

// tooLong reports whether a Go duration the pattern admits is too long
// for time.Duration: the sum of its parts, each a decimal count of a unit,
// beyond the largest count of nanoseconds an int64 holds. It adds them in
// exact arithmetic, so that no part, however written ("9999993h3h",
// "0.000000000000000000001ns"), is misjudged by rounding.
func tooLong(s string) bool {
	units := map[string]int64{"ns": 1, "us": 1e3, "µs": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9}
	total := new(big.Rat)
	for _, m := range regexp.MustCompile(`([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)`).FindAllStringSubmatch(s, -1) {
		n, ok := new(big.Rat).SetString(m[1])
		if !ok {
			continue
		}
		total.Add(total, n.Mul(n, new(big.Rat).SetInt64(units[m[2]])))
	}
	return total.Cmp(new(big.Rat).SetInt64(math.MaxInt64)) > 0
}
