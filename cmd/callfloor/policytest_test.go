package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
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
		{why: "!contains wants the order kept",
			expect: `{reasons: !contains [{rule: d}, {rule: b}]}`, got: `{"reasons":[{"rule":"b"},{"rule":"d"}]}`,
			diffs: []string{`5:45: expect.reasons[1]: missing: no element of the output (2 elements) matches in order: want {"rule":"b"}`}},
		{why: "!contains matches one output element once",
			expect: `{reasons: !contains [{rule: b}, {rule: b}]}`, got: `{"reasons":[{"rule":"b"}]}`,
			diffs: []string{`5:45: expect.reasons[1]: missing: no element of the output (1 element) matches in order: want {"rule":"b"}`}},
		{why: "an empty !contains matches any list",
			expect: `{reasons: !contains []}`, got: `{"reasons":[{"rule":"b"}]}`},
		{why: "!contains on something not a list",
			expect: `{reasons: !contains []}`, got: `{"reasons":"b"}`,
			diffs: []string{`5:23: expect.reasons: want a list, got "b" (a string)`}},
		{why: "a key that is not an id is quoted in the path",
			expect: `{"by band": {moderately severe: 2}}`, got: `{"by band":{"moderately severe":3}}`,
			diffs: []string{`5:45: expect["by band"]["moderately severe"]: want 2, got 3`}},
		{why: "times are compared as written",
			expect: `{at: 2025-03-14T10:00:00Z}`, got: `{"at":"2025-03-14T18:00:00+08:00"}`,
			diffs: []string{`5:18: expect.at: want "2025-03-14T10:00:00Z", got "2025-03-14T18:00:00+08:00"`}},
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
		"a: &a [*a]\n",
		"tests: [\n",
		"",
	} {
		f.Add([]byte(s))
	}
	got := gotOfFuzz()
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
		}
	})
}

func gotOfFuzz() any {
	var v any
	dec := json.NewDecoder(strings.NewReader(`{"tier":"normal","n":1,"reasons":[{"rule":"x"},{"rule":"y"}],"a":[1,2.5,null,true,{"a":null}]}`))
	dec.UseNumber()
	_ = dec.Decode(&v)
	return v
}
