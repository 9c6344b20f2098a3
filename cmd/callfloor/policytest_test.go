package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/mood"
)

// TestShippedPolicyTests runs the test file shipped beside each default
// policy, so that go test fails when a default stops deciding what its
// cases expect.
func TestShippedPolicyTests(t *testing.T) {
	for _, file := range []string{
		"../../mood/default.test.yaml",
		"../../qa/default.test.yaml",
		"../../coaching/default.test.yaml",
		"../../incentives/default.test.yaml",
	} {
		t.Run(file, func(t *testing.T) {
			var out, errs bytes.Buffer
			code := run(&env{stdout: &out, stderr: &errs}, []string{"test", file})
			if code != exitOK {
				t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out.String(), errs.String())
			}
			if !strings.HasPrefix(out.String(), "ok: ") || errs.Len() != 0 {
				t.Errorf("stdout %q, stderr %q", out.String(), errs.String())
			}
		})
	}
}

// wantOf parses src as the expect value of a case.
func wantOf(t *testing.T, src string) *want {
	t.Helper()
	file := "policies: [{file: p.yaml, kind: mood}]\ntests:\n  - name: c\n    input: {}\n    expect: " + src + "\n"
	tf, probs := parseTestFile("t.yaml", []byte(file))
	if len(probs) > 0 {
		t.Fatalf("parse %q: %v", src, probs)
	}
	return tf.cases[0].expect
}

// gotOf decodes src as output JSON, numbers kept as written.
func gotOf(t *testing.T, src string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(src))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("got %q: %v", src, err)
	}
	return v
}

func TestCompare(t *testing.T) {
	tests := []struct {
		why    string
		expect string // YAML, placed after "expect: " on line 5, column 13
		got    string // JSON
		tol    float64
		diffs  []string
	}{
		{why: "a mapping names only what it checks",
			expect: `{tier: severe}`, got: `{"tier":"severe","crisis":true}`},
		{why: "a string differs",
			expect: `{tier: severe}`, got: `{"tier":"moderate"}`,
			diffs: []string{`5:20: expect.tier: want "severe", got "moderate"`}},
		{why: "a field the output lacks",
			expect: `{tier: severe}`, got: `{}`,
			diffs: []string{`5:20: expect.tier: want "severe", got no such field`}},
		{why: "null matches an absent field",
			expect: `{crisis_source: null}`, got: `{}`},
		{why: "null matches a null field",
			expect: `{crisis_source: ~}`, got: `{"crisis_source":null}`},
		{why: "null does not match a value",
			expect: `{crisis_source: null}`, got: `{"crisis_source":{"at":"x"}}`,
			diffs: []string{`5:29: expect.crisis_source: want null, got {"at":"x"}`}},
		{why: "a value does not match null",
			expect: `{tier: severe}`, got: `{"tier":null}`,
			diffs: []string{`5:20: expect.tier: want "severe" (a string), got null`}},
		{why: "a string is not a number",
			expect: `{total: "5"}`, got: `{"total":5}`,
			diffs: []string{`5:21: expect.total: want "5" (a string), got 5 (a number)`}},
		{why: "a number is not a string",
			expect: `{total: 5}`, got: `{"total":"5"}`,
			diffs: []string{`5:21: expect.total: want 5 (a number), got "5" (a string)`}},
		{why: "a boolean is not a string",
			expect: `{crisis: true}`, got: `{"crisis":"true"}`,
			diffs: []string{`5:22: expect.crisis: want true (a boolean), got "true" (a string)`}},
		{why: "booleans differ",
			expect: `{crisis: true}`, got: `{"crisis":false}`,
			diffs: []string{`5:22: expect.crisis: want true, got false`}},
		{why: "a mapping is not a list",
			expect: `{used: {tier: mild}}`, got: `{"used":[]}`,
			diffs: []string{`5:20: expect.used: want a mapping, got a list of 0 elements`}},
		{why: "a list is not a mapping",
			expect: `{used: []}`, got: `{"used":{}}`,
			diffs: []string{`5:20: expect.used: want a list, got a mapping`}},
		{why: "whole numbers are equal digit for digit",
			expect: `{amount: 9007199254740993}`, got: `{"amount":9007199254740993}`},
		{why: "whole numbers that float64 cannot tell apart still differ",
			expect: `{amount: 9007199254740993}`, got: `{"amount":9007199254740992}`,
			diffs: []string{`5:22: expect.amount: want 9007199254740993, got 9007199254740992`}},
		{why: "a whole number matches the same number written as a float",
			expect: `{score: 80}`, got: `{"score":80.0}`},
		{why: "a float matches exactly",
			expect: `{score: 92.5}`, got: `{"score":92.5}`},
		{why: "numbers differ without a tolerance",
			expect: `{score: 92.89}`, got: `{"score":92.8921568627451}`,
			diffs: []string{`5:21: expect.score: want 92.89, got 92.8921568627451`}},
		{why: "within the tolerance",
			expect: `{score: 92.89}`, got: `{"score":92.8921568627451}`, tol: 0.01},
		{why: "at the tolerance exactly",
			expect: `{score: 1.5}`, got: `{"score":1.75}`, tol: 0.25},
		{why: "beyond the tolerance",
			expect: `{score: 1.5}`, got: `{"score":1.76}`, tol: 0.25,
			diffs: []string{`5:21: expect.score: want 1.5, got 1.76`}},
		{why: "whole numbers within the tolerance",
			expect: `{amount: 100}`, got: `{"amount":101}`, tol: 1},
		{why: "a list matches element by element",
			expect: `{actions: [{code: a}, {code: b}]}`, got: `{"actions":[{"code":"a","owner":"x"},{"code":"b"}]}`},
		{why: "a list element differs",
			expect: `{actions: [{code: a}, {code: b}]}`, got: `{"actions":[{"code":"a"},{"code":"c"}]}`,
			diffs: []string{`5:42: expect.actions[1].code: want "b", got "c"`}},
		{why: "the output's list is shorter: each element missing is named",
			expect: `{actions: [{code: a}, {code: b}]}`, got: `{"actions":[{"code":"a"}]}`,
			diffs: []string{
				`5:23: expect.actions: want 2 elements, got 1 element`,
				`5:35: expect.actions[1]: missing: want {"code":"b"}`,
			}},
		{why: "the output's list is longer: each extra element is shown",
			expect: `{actions: [{code: a}]}`, got: `{"actions":[{"code":"a"},{"code":"b"},{"code":"c"}]}`,
			diffs: []string{
				`5:23: expect.actions: want 1 element, got 3 elements`,
				`5:23: expect.actions[1]: not expected: got {"code":"b"}`,
				`5:23: expect.actions[2]: not expected: got {"code":"c"}`,
			}},
		{why: "an empty list wants an empty list",
			expect: `{actions: []}`, got: `{"actions":[{"code":"a"}]}`,
			diffs: []string{
				`5:23: expect.actions: want 0 elements, got 1 element`,
				`5:23: expect.actions[0]: not expected: got {"code":"a"}`,
			}},
		{why: "!contains finds its elements in order among others",
			expect: `{reasons: !contains [{rule: b}, {rule: d}]}`, got: `{"reasons":[{"rule":"a"},{"rule":"b"},{"rule":"c"},{"rule":"d"}]}`},
		{why: "!contains wants the order kept, and names the element out of order",
			expect: `{reasons: !contains [{rule: d}, {rule: b}]}`, got: `{"reasons":[{"rule":"b"},{"rule":"d"}]}`,
			diffs: []string{
				`5:45: expect.reasons[1]: missing: no element of the output (2 elements) matches in order: want {"rule":"b"}`,
				`5:45: expect.reasons[1]: output element 0 matches it, but comes before output element 1, which matched expect.reasons[0]: the order differs`,
			}},
		{why: "!contains matches one output element once",
			expect: `{reasons: !contains [{rule: b}, {rule: b}]}`, got: `{"reasons":[{"rule":"b"}]}`,
			diffs: []string{
				`5:45: expect.reasons[1]: missing: no element of the output (1 element) matches in order: want {"rule":"b"}`,
				`5:45: expect.reasons[1]: output element 0 matches it, but already matched expect.reasons[0]; an output element matches one expected element`,
			}},
		{why: "!contains shows how the closest output element differs",
			expect: `{actions: !contains [{code: crisis, deadline: 2025-03-14T10:30:00Z}]}`,
			got:    `{"actions":[{"code":"care","deadline":"2025-03-15T10:00:00Z"},{"code":"crisis","deadline":"2025-03-14T11:00:00Z"}]}`,
			diffs: []string{
				`5:34: expect.actions[0]: missing: no element of the output (2 elements) matches in order: want {"code":"crisis","deadline":"2025-03-14T10:30:00Z"}`,
				`5:59: expect.actions[0].deadline: closest output element 1: want "2025-03-14T10:30:00Z", got "2025-03-14T11:00:00Z"`,
			}},
		{why: "!contains shows every difference of the closest, the first of equals",
			expect: `{actions: !contains [{code: a, owner: x}]}`,
			got:    `{"actions":[{"code":"b","owner":"y"},{"code":"c","owner":"z"}]}`,
			diffs: []string{
				`5:34: expect.actions[0]: missing: no element of the output (2 elements) matches in order: want {"code":"a","owner":"x"}`,
				`5:41: expect.actions[0].code: closest output element 0: want "a", got "b"`,
				`5:51: expect.actions[0].owner: closest output element 0: want "x", got "y"`,
			}},
		{why: "!contains ranks a value of another type below a mapping that differs",
			expect: `{l: !contains [{a: 1, b: 2, c: 3}]}`,
			got:    `{"l":["x",{"a":1,"b":5,"c":6}]}`,
			diffs: []string{
				`5:28: expect.l[0]: missing: no element of the output (2 elements) matches in order: want {"a":1,"b":2,"c":3}`,
				`5:38: expect.l[0].b: closest output element 1: want 2, got 5`,
				`5:44: expect.l[0].c: closest output element 1: want 3, got 6`,
			}},
		{why: "!contains against an empty output has nothing close",
			expect: `{l: !contains [{a: 1}]}`, got: `{"l":[]}`,
			diffs: []string{`5:28: expect.l[0]: missing: no element of the output (0 elements) matches in order: want {"a":1}`}},
		{why: "!contains goes on after a missing element from the last match",
			expect: `{l: !contains [a, x, b]}`, got: `{"l":["a","b"]}`,
			diffs: []string{
				`5:31: expect.l[1]: missing: no element of the output (2 elements) matches in order: want "x"`,
				`5:31: expect.l[1]: closest output element 0: want "x", got "a"`,
			}},
		{why: "an empty !contains matches any list",
			expect: `{reasons: !contains []}`, got: `{"reasons":[{"rule":"b"}]}`},
		{why: "!contains on something not a list",
			expect: `{reasons: !contains []}`, got: `{"reasons":"b"}`,
			diffs: []string{`5:23: expect.reasons: want a list, got "b" (a string)`}},
		{why: "a key that is not an id is quoted in the path",
			expect: `{"by band": {moderately severe: 2}}`, got: `{"by band":{"moderately severe":3}}`,
			diffs: []string{`5:45: expect["by band"]["moderately severe"]: want 2, got 3`}},
		{why: "a time matches the same instant written in another zone",
			expect: `{at: 2025-03-14T10:00:00Z}`, got: `{"at":"2025-03-14T18:00:00+08:00"}`},
		{why: "a time matches the same instant with fractional seconds",
			expect: `{at: "2025-03-14T05:00:00-05:00"}`, got: `{"at":"2025-03-14T10:00:00.000Z"}`},
		{why: "a time a nanosecond apart differs",
			expect: `{at: 2025-03-14T10:00:00Z}`, got: `{"at":"2025-03-14T18:00:00.000000001+08:00"}`,
			diffs: []string{`5:18: expect.at: want "2025-03-14T10:00:00Z", got "2025-03-14T18:00:00.000000001+08:00"`}},
		{why: "a time in another zone an hour apart differs, as written",
			expect: `{at: 2025-03-14T10:00:00Z}`, got: `{"at":"2025-03-14T17:00:00+08:00"}`,
			diffs: []string{`5:18: expect.at: want "2025-03-14T10:00:00Z", got "2025-03-14T17:00:00+08:00"`}},
		{why: "a time is not the same instant as text that is not RFC 3339",
			expect: `{at: 2025-03-14T10:00:00Z}`, got: `{"at":"2025-03-14 10:00:00Z"}`,
			diffs: []string{`5:18: expect.at: want "2025-03-14T10:00:00Z", got "2025-03-14 10:00:00Z"`}},
		{why: "a date alone is compared as written",
			expect: `{day: 2025-03-14}`, got: `{"day":"2025-03-14T00:00:00Z"}`,
			diffs: []string{`5:19: expect.day: want "2025-03-14", got "2025-03-14T00:00:00Z"`}},
		{why: "!contains matches a time in another zone",
			expect: `{actions: !contains [{deadline: 2025-03-14T11:00:00Z}]}`, got: `{"actions":[{"deadline":"2025-03-14T12:00:00+01:00"}]}`},
		{why: "every difference is listed, in the order of expect",
			expect: `{tier: severe, crisis: true}`, got: `{"tier":"mild","crisis":false}`,
			diffs: []string{`5:20: expect.tier: want "severe", got "mild"`, `5:36: expect.crisis: want true, got false`}},
		{why: "a long value is shortened",
			expect: `{text: a}`, got: `{"text":"` + strings.Repeat("x", 300) + `"}`,
			diffs: []string{`5:20: expect.text: want "a", got "` + strings.Repeat("x", 199) + `... (302 bytes)`}},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			w := wantOf(t, tt.expect)
			var got []string
			for _, d := range compare(w, gotOf(t, tt.got), true, "expect", tt.tol, nil) {
				got = append(got, strconv.Itoa(d.line)+":"+strconv.Itoa(d.col)+": "+string(d.path)+": "+d.msg)
			}
			if strings.Join(got, "\n") != strings.Join(tt.diffs, "\n") {
				t.Errorf("%s\ngot:\n%s\nwant:\n%s", tt.why, strings.Join(got, "\n"), strings.Join(tt.diffs, "\n"))
			}
		})
	}
}

// TestParseProblems holds the test-file parser to its exact wording: every
// problem at once, each with its line and column.
func TestParseProblems(t *testing.T) {
	tests := []struct {
		why  string
		src  string
		want []string
	}{
		{why: "an empty file", src: "", want: []string{"t.yaml:1:1: test file is empty"}},
		{why: "comments only", src: "# nothing\n", want: []string{"t.yaml:1:1: test file is empty"}},
		{why: "not YAML", src: "tests: [\n", want: []string{"t.yaml:1: YAML syntax: did not find expected node content"}},
		{why: "not a mapping", src: "- a\n", want: []string{"t.yaml:1:1: expected a mapping, got a list"}},
		{why: "two documents", src: "tests: []\n---\na: 1\n", want: []string{"t.yaml:2:1: a second YAML document starts here; a test file is one document"}},
		{why: "nothing required is there", src: "tolerance: 0\n", want: []string{
			"t.yaml:1:1: policies: required field is missing",
			"t.yaml:1:1: tests: required field is missing",
		}},
		{why: "unknown fields everywhere", src: `policies:
  - {file: p.yaml, kind: mood, kid: x}
tests:
  - name: a
    input: {}
    expect: {}
    expected: {}
rule_files: []
`, want: []string{
			"t.yaml:2:32: policies[0].kid: unknown field; allowed: file, kind",
			"t.yaml:7:5: tests[0].expected: unknown field; allowed: name, kind, policy, input, expect, expect_error",
			"t.yaml:8:1: rule_files: unknown field; allowed: policies, tolerance, tests",
		}},
		{why: "duplicate keys, names and files", src: `policies:
  - {file: p.yaml, kind: mood}
  - {file: p.yaml, kind: qa}
tests:
  - name: a
    name: b
    kind: mood
    input: {}
    expect: {tier: a, tier: b}
  - {name: a, kind: mood, input: {x: 1, x: 2}, expect: {}}
`, want: []string{
			"t.yaml:3:12: policies[1].file: \"p.yaml\" duplicates policies[0].file",
			"t.yaml:6:5: tests[0].name: duplicate key \"name\" (first at line 5, column 5)",
			"t.yaml:9:23: tests[0].expect.tier: duplicate key \"tier\" (first at line 9, column 14)",
			"t.yaml:10:12: tests[1].name: \"a\" duplicates tests[0].name",
			"t.yaml:10:41: tests[1].input.x: duplicate key \"x\" (first at line 10, column 35)",
		}},
		{why: "wrong values", src: `policies:
  - {file: "", kind: payroll}
tolerance: -1
tests:
  - {name: a, kind: hr, input: {}, expect: {}, expect_error: x}
  - {name: b, input: [1], expect: {n: .nan}}
  - {name: c, input: {a: !!binary aGk=}, expect: {l: !sorted [1]}}
  - {name: d, policy: q.yaml, input: {l: !contains [1]}}
`, want: []string{
			"t.yaml:2:12: policies[0].file: is empty",
			"t.yaml:2:22: policies[0].kind: unknown kind \"payroll\"; allowed: coaching, incentives, mood, qa",
			"t.yaml:3:12: tolerance: -1 is not a finite number of at least 0",
			"t.yaml:5:21: tests[0].kind: unknown kind \"hr\"; allowed: coaching, incentives, mood, qa",
			"t.yaml:5:62: tests[0].expect_error: give expect or expect_error, not both",
			"t.yaml:6:39: tests[1].expect.n: expected a finite number, got .nan",
			"t.yaml:7:26: tests[2].input.a: unknown tag !!binary",
			"t.yaml:7:54: tests[2].expect.l: unknown tag !sorted; a list may be tagged !contains",
			"t.yaml:8:5: tests[3].expect: required field is missing (or expect_error)",
			"t.yaml:8:23: tests[3].policy: unknown policy \"q.yaml\"; allowed: ",
			"t.yaml:8:42: tests[3].input.l: !contains belongs in expect, not in input",
		}},
		{why: "expect_error of the wrong shape", src: `policies: [{file: p.yaml, kind: mood}]
tests:
  - {name: a, input: {}, expect_error: [x]}
  - {name: b, input: {}, expect_error: ~}
  - {name: c, input: {}, expect_error: ""}
  - {name: d, input: {}, expect_error: {field: a, kind: required, message: m}}
  - {name: e, input: {}, expect_error: {}}
  - {name: f, input: {}, expect_error: {field: 3, kind: wrong}}
  - {name: g, input: {}, expect_error: {field: [a], kind: ""}}
  - {name: h, input: {}, expect_error: {field: "", kind: invalid}}
`, want: []string{
			"t.yaml:3:40: tests[0].expect_error: expected the text eval prints or a mapping of field and kind, got a list",
			"t.yaml:4:40: tests[1].expect_error: expected a string, got nothing (null)",
			"t.yaml:5:40: tests[2].expect_error: is empty",
			"t.yaml:6:67: tests[3].expect_error.message: unknown field; allowed: field, kind",
			"t.yaml:7:40: tests[4].expect_error.field: required field is missing",
			"t.yaml:7:40: tests[4].expect_error.kind: required field is missing",
			"t.yaml:8:57: tests[5].expect_error.kind: unknown error kind \"wrong\"; allowed: required, invalid, out_of_range, duplicate, not_supported, forbidden",
			"t.yaml:9:48: tests[6].expect_error.field: expected a string, got a list",
			"t.yaml:9:59: tests[6].expect_error.kind: is empty",
			"t.yaml:10:48: tests[7].expect_error.field: is empty",
		}},
		{why: "a case of a file with two policies must say which it runs", src: `policies:
  - {file: a.yaml, kind: mood}
  - {file: b.yaml, kind: mood}
tests:
  - {name: a, input: {}, expect: {}}
`, want: []string{"t.yaml:5:5: tests[0]: the file names 2 policies: give the case a kind or a policy"}},
		{why: "empty lists", src: "policies: []\ntests: []\n", want: []string{
			"t.yaml:1:11: policies: the list is empty",
			"t.yaml:2:8: tests: the list is empty",
		}},
		{why: "an alias that contains itself", src: `policies: [{file: p.yaml, kind: mood}]
tests:
  - name: a
    input: &x {a: *x}
    expect: {}
`, want: []string{"t.yaml:4:19: tests[0].input.a: alias *x refers to a node that contains it"}},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			_, probs := parseTestFile("t.yaml", []byte(tt.src))
			var got []string
			for _, p := range probs {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestInputJSON holds the input of a case to the JSON evaluate reads:
// merge keys expanded, numbers and times as written, strings quoted.
func TestInputJSON(t *testing.T) {
	tf, probs := parseTestFile("t.yaml", []byte(`policies: [{file: p.yaml, kind: mood}]
tests:
  - name: a
    input: {<<: &b {agent: a1, at: 2025-03-14T10:00:00Z}, agent: a2, n: 0x10, f: 1.5, ok: yes, no: false, nil: ~, s: "7", l: [1, -2]}
    expect: {}
`))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	want := `{"agent":"a2","n":16,"f":1.5,"ok":"yes","no":false,"nil":null,"s":"7","l":[1,-2],"at":"2025-03-14T10:00:00Z"}`
	if got := string(tf.cases[0].input); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestParseMergeKeys holds the merge keys of a test file to YAML's rules
// and the parser's bounds: an explicit key wins over a merged one and an
// earlier merged mapping over a later one, a merged mapping is checked as
// if written out, and merges nest at most maxTestDepth deep.
func TestParseMergeKeys(t *testing.T) {
	// chain anchors n mappings, each merging the one before, and merges the
	// last into the case's input: n+1 merge keys nested in one another.
	chain := func(n int) string {
		var b strings.Builder
		b.WriteString("{chain: [&m0 {a: 1}")
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, ", &m%d {<<: *m%d}", i, i-1)
		}
		fmt.Fprintf(&b, "], top: {<<: *m%d}}", n)
		return b.String()
	}
	tests := []struct {
		why   string
		input string
		json  string
		want  []string
	}{
		{why: "explicit over merged, earlier over later", input: "{<<: [{a: 1, b: 1}, {a: 2, b: 2, c: 2}], b: 3}", json: `{"b":3,"a":1,"c":2}`},
		{why: "merges of merges", input: "{<<: {<<: {<<: {a: 1}}}}", json: `{"a":1}`},
		{why: "a key twice in a merged mapping", input: "{<<: {a: 1, a: 2}}",
			want: []string{`t.yaml:4:24: tests[0].input.a: duplicate key "a" (first at line 4, column 18)`}},
		{why: "a key that is not an id, twice", input: `{"First Call": 1, "First Call": 2}`,
			want: []string{`t.yaml:4:30: tests[0].input["First Call"]: duplicate key "First Call" (first at line 4, column 13)`}},
		{why: "a key that is not a scalar, merged", input: "{<<: {[a]: 1}}",
			want: []string{"t.yaml:4:18: tests[0].input: keys must be plain strings, got a list"}},
		{why: "a null key", input: "{~: 1}",
			want: []string{"t.yaml:4:13: tests[0].input: keys must be plain strings, got nothing (null)"}},
		{why: "a merge of a number", input: "{<<: 3}",
			want: []string{"t.yaml:4:17: tests[0].input: a merge key takes a mapping or a list of mappings, got the whole number 3"}},
		{why: "a list of mappings with something else in it", input: "{<<: [{a: 1}, 3, {b: 2}]}",
			want: []string{"t.yaml:4:26: tests[0].input: a merge key takes a mapping or a list of mappings, got the whole number 3"}},
		{why: "a mapping that merges itself", input: "&x {<<: *x}",
			want: []string{"t.yaml:4:20: tests[0].input: alias *x refers to a node that contains it"}},
		{why: "a mapping that merges itself from a list", input: "&x {<<: [*x]}",
			want: []string{"t.yaml:4:20: tests[0].input: merge keys nest more than 1000 deep"}},
		{why: "merges nested as deep as allowed", input: chain(maxTestDepth - 1), json: `{"chain":[{"a":1}` + strings.Repeat(`,{"a":1}`, maxTestDepth-1) + `],"top":{"a":1}}`},
		{why: "merges nested one deeper, refused at the innermost", input: chain(maxTestDepth),
			want: []string{fmt.Sprintf("t.yaml:4:%d: tests[0].input.top: merge keys nest more than 1000 deep",
				len("    input: ")+strings.Index(chain(maxTestDepth), "*m0}")+1)}},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			src := "policies: [{file: p.yaml, kind: mood}]\ntests:\n  - name: a\n    input: " + tt.input + "\n    expect: {}\n"
			tf, probs := parseTestFile("t.yaml", []byte(src))
			var got []string
			for _, p := range probs {
				got = append(got, p.String())
			}
			assert.Equal(t, tt.want, got)
			if tt.want == nil && tf != nil {
				assert.Equal(t, tt.json, string(tf.cases[0].input))
			}
		})
	}
}

func FuzzParseTestFile(f *testing.F) {
	for _, s := range []string{
		"policies: [{file: p.yaml, kind: mood}]\ntests:\n  - {name: a, input: {agent: a}, expect: {tier: normal, reasons: !contains [{rule: x}]}}\n",
		"policies: [{file: a.yaml}, {file: b.yaml, kind: qa}]\ntolerance: 1e-9\ntests:\n  - {name: a, policy: a.yaml, input: &x {n: 1}, expect_error: boom}\n  - {name: b, kind: qa, input: {<<: *x, m: [1, 2.5, ~]}, expect: [1, {a: null}]}\n",
		"policies: [{file: p.yaml}]\ntests:\n  - {name: a, input: {}, expect_error: {field: \"assessment.at\", kind: required}}\n  - {name: b, input: {}, expect_error: |\n      a: b\n      c: d\n    }\n",
		"policies: [{file: p.yaml}]\ntests:\n  - {name: a, input: {}, expect_error: {field: [x], kind: nope, message: m}}\n",
		"policies: [{file: p.yaml}]\ntests:\n  - {name: a, input: {}, expect: {at: !contains [2025-03-14T10:00:00Z, {a: 2025-03-14T18:00:00+08:00}]}}\n",
		"a: &a [*a]\n",
		"tests: [\n",
		"",
	} {
		f.Add([]byte(s))
	}
	got := gotOfFuzz()
	errs := []*callfloor.InputError{{Field: "assessment.at", Kind: callfloor.ErrRequired, Msg: "is required"}, {Kind: callfloor.ErrInvalid, Msg: "x"}}
	f.Fuzz(func(t *testing.T, src []byte) {
		tf, probs := parseTestFile("f.yaml", src)
		if tf == nil {
			if len(probs) == 0 {
				t.Fatal("no file and no problem")
			}
			return
		}
		for _, p := range probs {
			_ = p.String()
		}
		for _, tc := range tf.cases {
			if tc.input != nil && !json.Valid(tc.input) {
				t.Fatalf("input is not JSON: %s", tc.input)
			}
			if tc.expect != nil {
				_ = compare(tc.expect, got, true, "expect", tf.tolerance, nil)
				_ = wantText(tc.expect)
			}
			if tc.expectErr != nil {
				_ = tc.expectErr.matches(errs)
				if s := tc.expectErr.String(); s == "" || tc.expectErr.isMap && !json.Valid([]byte(s)) {
					t.Fatalf("expect_error written as %q", s)
				}
			}
		}
	})
}

func gotOfFuzz() any {
	var v any
	dec := json.NewDecoder(strings.NewReader(`{"tier":"normal","n":1,"reasons":[{"rule":"x"},{"rule":"y"}],"a":[1,2.5,null,true,{"a":null}],"at":["2025-03-14T10:00:00Z",{"a":"2025-03-14T10:00:00.5Z"}]}`))
	dec.UseNumber()
	_ = dec.Decode(&v)
	return v
}

// TestHelpExample runs the test file that "callfloor test -h" shows,
// against the default policies, so that the help cannot show a test that
// fails.
func TestHelpExample(t *testing.T) {
	const from, to = "A test file is YAML:\n\n", "\n\nThe input is"
	i, j := strings.Index(testHelp, from), strings.Index(testHelp, to)
	if i < 0 || j < i {
		t.Fatal("the help has no example test file")
	}
	var src strings.Builder
	for _, line := range strings.Split(testHelp[i+len(from):j], "\n") {
		src.WriteString(strings.TrimPrefix(line, "  ") + "\n")
	}
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"help.test.yaml": []byte(src.String()),
		"mood.yaml":      mood.DefaultPolicySource(),
		"coaching.yaml":  coaching.DefaultPolicySource(),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errs bytes.Buffer
	code := run(&env{stdout: &out, stderr: &errs}, []string{"test", "-v", filepath.Join(dir, "help.test.yaml")})
	if code != exitOK || errs.Len() > 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s\nfile:\n%s", code, out.String(), errs.String(), src.String())
	}
	assert.Equal(t, "ok: 3 cases passed in 1 file", lastLine(out.String()))
}

func lastLine(s string) string {
	s = strings.TrimSuffix(s, "\n")
	return s[strings.LastIndexByte(s, '\n')+1:]
}

// runTestFile writes a test file named t.test.yaml beside the default
// policies of mood and coaching, runs it, and gives stdout with the
// directory written as DIR.
func runTestFile(t *testing.T, src string) (string, int) {
	t.Helper()
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"t.test.yaml":   []byte(src),
		"mood.yaml":     mood.DefaultPolicySource(),
		"coaching.yaml": coaching.DefaultPolicySource(),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errs bytes.Buffer
	code := run(&env{stdout: &out, stderr: &errs}, []string{"test", filepath.Join(dir, "t.test.yaml")})
	if errs.Len() > 0 {
		t.Fatalf("stderr:\n%s", errs.String())
	}
	return strings.ReplaceAll(out.String(), dir, "DIR"), code
}

// TestExpectError holds expect_error to what eval prints for the same
// input, "field: message", and to the mapping of field and kind.
func TestExpectError(t *testing.T) {
	const bdi = `{agent: a1, at: 2025-03-14T10:00:00Z, screenings: [{instrument: bdi}]}`
	const allowed = `unknown instrument \"bdi\"; allowed: phq9, gad7, who5, k10, cbi`
	tests := []struct {
		why    string
		input  string
		expect string // YAML after "expect_error: " or "expect: " on line 5
		fails  string // the lines after --- FAIL, "" when the case passes
	}{
		{why: "the text eval prints, the field the decoder refused included",
			input: bdi, expect: `expect_error: 'assessment: unknown instrument "bdi"; allowed: phq9, gad7, who5, k10, cbi'`},
		{why: "the text without its field, which eval never prints",
			input: bdi, expect: `expect_error: 'unknown instrument "bdi"; allowed: phq9, gad7, who5, k10, cbi'`,
			fails: `    DIR/t.test.yaml:5:19: expect_error: want error "` + allowed + `", got error "assessment: ` + allowed + `"`},
		{why: "a block scalar's last line break is ignored",
			input: bdi, expect: "expect_error: |\n      assessment: unknown instrument \"bdi\"; allowed: phq9, gad7, who5, k10, cbi"},
		{why: "field and kind of the library's own error",
			input:  `{agent: a1, at: 2025-03-14T10:00:00Z, observations: [{kind: gossip, at: 2025-03-14T09:00:00Z}]}`,
			expect: `expect_error: {field: "assessment.observations[0].kind", kind: not_supported}`},
		{why: "field and kind of an error the decoder found",
			input: bdi, expect: `expect_error: {field: assessment, kind: not_supported}`},
		{why: "another kind at the same field",
			input: bdi, expect: `expect_error: {field: assessment, kind: invalid}`,
			fails: `    DIR/t.test.yaml:5:19: expect_error: want an error {"field":"assessment","kind":"invalid"}, got [{"field":"assessment","kind":"not_supported","message":"` + allowed + `","message_id":"enum.mood.instrument"}]`},
		{why: "the same kind at another field",
			input: bdi, expect: `expect_error: {field: "assessment.screenings[0].instrument", kind: not_supported}`,
			fails: `    DIR/t.test.yaml:5:19: expect_error: want an error {"field":"assessment.screenings[0].instrument","kind":"not_supported"}, got [{"field":"assessment","kind":"not_supported","message":"` + allowed + `","message_id":"enum.mood.instrument"}]`},
		{why: "an error about the document as a whole is at the document",
			input: `{subject: li.na, signals: {}, oops: 1}`, expect: `expect_error: {field: document, kind: invalid}`},
		{why: "a field the decoder refused is named with its index, as eval names it",
			input:  `{agent: a1, at: 2025-03-14T10:00:00Z, screenings: [{instrument: phq9, total: "x"}]}`,
			expect: `expect_error: 'assessment.screenings[0].total: a string where a whole number is expected'`},
		{why: "an error is wanted and the input evaluates",
			input: `{agent: a1, at: 2025-03-14T10:00:00Z}`, expect: `expect_error: {field: assessment.at, kind: required}`,
			fails: `    DIR/t.test.yaml:5:19: expect_error: want error {"field":"assessment.at","kind":"required"}, got a result`},
		{why: "a text error is wanted and the input evaluates",
			input: `{agent: a1, at: 2025-03-14T10:00:00Z}`, expect: `expect_error: 'assessment.at: is required'`,
			fails: `    DIR/t.test.yaml:5:19: expect_error: want error "assessment.at: is required", got a result`},
		{why: "a result is wanted and the input is refused: eval's text",
			input: bdi, expect: `expect: {tier: normal}`,
			fails: `    DIR/t.test.yaml:4:12: input: refused: assessment: ` + strings.ReplaceAll(allowed, `\"`, `"`)},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			kind := "mood"
			if strings.HasPrefix(tt.input, "{subject") {
				kind = "coaching"
			}
			src := "policies: [{file: mood.yaml}, {file: coaching.yaml}]\ntests:\n  - name: c\n    input: " + tt.input + "\n    " + tt.expect + "\n    kind: " + kind + "\n"
			out, code := runTestFile(t, src)
			if tt.fails == "" {
				assert.Equal(t, exitOK, code, out)
				return
			}
			assert.Equal(t, exitProblems, code)
			want := "--- FAIL: DIR/t.test.yaml:3: c\n" + tt.fails + "\nFAIL: 1 of 1 case failed in 1 file\n"
			assert.Equal(t, want, out)
		})
	}
}

// TestErrorMatch holds both forms of expect_error to several errors: the
// text is every line eval prints, in order; the mapping is one of them.
func TestErrorMatch(t *testing.T) {
	errs := []*callfloor.InputError{
		{Field: "agents[0].id", Kind: callfloor.ErrRequired, Msg: "is required"},
		{Field: "agents[1].id", Kind: callfloor.ErrDuplicate, Msg: `"a" duplicates agents[0]`},
	}
	tests := []struct {
		w    wantError
		want bool
	}{
		{wantError{text: "agents[0].id: is required\nagents[1].id: \"a\" duplicates agents[0]"}, true},
		{wantError{text: "agents[0].id: is required"}, false},
		{wantError{text: "agents[1].id: \"a\" duplicates agents[0]\nagents[0].id: is required"}, false},
		{wantError{isMap: true, field: "agents[1].id", kind: callfloor.ErrDuplicate}, true},
		{wantError{isMap: true, field: "agents[0].id", kind: callfloor.ErrRequired}, true},
		{wantError{isMap: true, field: "agents[0].id", kind: callfloor.ErrDuplicate}, false},
		{wantError{isMap: true, field: "", kind: callfloor.ErrRequired}, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.w.matches(errs), tt.w.String())
	}
	assert.Equal(t, "agents[0].id: is required\nagents[1].id: \"a\" duplicates agents[0]", errorText(errs))
}
