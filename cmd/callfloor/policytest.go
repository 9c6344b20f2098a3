package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/policyfile"
)

func init() {
	register(&command{
		name:    "test",
		args:    "TESTFILE...",
		summary: "run the policy unit tests written in YAML test files",
		help:    testHelp,
		flags: func(fs *flag.FlagSet) func(*env, []string) int {
			run := fs.String("run", "", "run only the cases whose name matches this regular expression")
			verbose := fs.Bool("v", false, "list every case run, not only the failures")
			return func(e *env, args []string) int { return runTests(e, args, *run, *verbose) }
		},
	})
}

const testHelp = `
Test runs the cases of each test file against the policies it names and
compares what they decide with what the case expects, as promtool test
rules does for alerting rules. A test file is YAML:

  # Tests of the center's mood and coaching policies.
  policies:
    - file: mood.yaml        # relative to the test file
      kind: mood             # needed when the policy has no kind field
    - file: coaching.yaml
  tolerance: 0.05            # optional: numbers may differ by this much
  tests:
    - name: PHQ-9 of 10 is the moderate tier
      kind: mood             # or policy: mood.yaml; optional with one policy
      input:                 # the document "callfloor eval" reads
        agent: a1
        at: 2025-03-14T10:00:00Z
        screenings:
          - {instrument: phq9, total: 10, band: moderate, crisis: false, at: 2025-03-13T10:00:00Z}
      expect:                # part of the output JSON
        tier: moderate
        crisis: false
        actions:
          - {code: psychological_intervention, deadline: 2025-03-17T10:00:00Z}
          - {code: refer_to_professional}
    - name: an unknown observation kind is refused
      kind: mood
      input: {agent: a1, at: 2025-03-14T10:00:00Z, observations: [{kind: gossip, at: 2025-03-14T09:00:00Z}]}
      expect_error:          # instead of expect: the input is refused
        field: assessment.observations[0].kind
        kind: not_supported
    - name: an issue with no feedback past its deadline is a silence risk
      kind: coaching
      input:
        case: {kind: employee_issue, subject: li.na, opened: 2025-03-03T09:00:00Z}
        events: []           # none: no step was done
        due_at: 2025-03-20T09:00:00Z
      expect:
        due: !contains
          - {step: follow_up_feedback, overdue: true, silence_risk: true}

The input is the document of the case's kind that eval reads, written in
YAML, times in RFC 3339:
  mood        an assessment
  qa          an evaluation
  coaching    {subject, signals, open}: the cases to propose; or
              {case, events, due_at}: a case, opened from {kind, subject,
              opened} or stored (with its id), after each event in order,
              and the steps it owes at due_at, as {case, due}; an event
              refused is named by its index (events[2].step), and an
              event may leave out its case
  incentives  {period, agents}

How expect compares with the output JSON:
  - a mapping names only the fields it checks; the others are not compared;
  - a list must have exactly the elements given, each compared in order;
    tag it !contains to ask only that its elements appear in that order
    among the output's (reasons: !contains [{rule: crisis}]);
  - numbers are equal, or within the file's tolerance;
  - strings are compared as written, except that two times in RFC 3339
    match when they are the same instant, whatever zone each is written
    in: 2025-03-14T10:00:00Z matches "2025-03-14T18:00:00+08:00";
  - null matches a field that is null or absent;
  - expect_error instead of expect: evaluation must refuse the input.
    Best, since a message may be reworded, give the field and kind of one
    of its errors: {field: assessment.at, kind: required} (kinds:
    required, invalid, out_of_range, duplicate, not_supported, forbidden;
    the field is the document's root, as "assessment" or "document", for
    the input as a whole). Or give the text eval prints,
    "field: message" for each error, one a line; a last line break is
    ignored.
Unknown fields, duplicate keys and unknown tags are refused with their
line and column. Anchors, aliases and merge keys (<<) may share inputs.

Each failed case prints its file, line and name, then one line per
difference: "FILE:LINE:COL: expect.tier: want "severe", got "moderate"".
A !contains element that no output element matches in order is followed
by the output element that matches it out of order, or else by how the
closest output element differs (the one with the most equal fields):
"expect.actions[0].deadline: closest output element 1: want ..., got ...".
The last line sums up; a file that cannot be run prints its problems to
stderr and counts as a failure.

Example:

  callfloor test mood/default.test.yaml qa/default.test.yaml
  callfloor test -run 'PHQ-9' -v mood/default.test.yaml
`

// Limits on a test file, so that a hostile or runaway file cannot exhaust
// the command before it is refused.
const (
	maxTestFile   = maxDocument // bytes of one test file
	maxPolicyFile = 1 << 20     // bytes of one policy file, the packages' own limit
	maxTestNodes  = 1_000_000   // YAML nodes one test file expands to, aliases included
	maxTestDepth  = 1_000       // nesting of one value, aliases included
)

// A testFile is one parsed test file.
type testFile struct {
	name      string // as given on the command line
	policies  []*testPolicy
	tolerance float64
	cases     []*testCase
}

// A testPolicy is one entry of a test file's policies list.
type testPolicy struct {
	file      string // as written, relative to the test file
	path      string // as opened
	kind      string // as written, "" when the policy's kind field decides
	line, col int
	p         *policy
}

// A testCase is one entry of a test file's tests list.
type testCase struct {
	name       string
	line       int
	kindName   string // the case's kind field
	policyName string // the case's policy field
	kindNode   *yaml.Node
	policyNode *yaml.Node
	pol        *testPolicy
	input      []byte // the input as JSON
	inputAt    *yaml.Node
	expect     *want // nil when expectErr is set
	expectErr  *wantError
}

// A wantError is a case's expect_error: the text eval prints for the
// refused input, or the field and kind of one of its input errors.
type wantError struct {
	text      string // the text form, its last line break dropped
	isMap     bool   // the mapping form: field and kind
	field     callfloor.Path
	kind      callfloor.ErrorKind
	line, col int
}

// String writes the expectation as the test file gave it, the mapping
// form as JSON in the shape of an error eval writes.
func (w *wantError) String() string {
	if !w.isMap {
		return strconv.Quote(w.text)
	}
	b, _ := json.Marshal(struct {
		Field callfloor.Path      `json:"field"`
		Kind  callfloor.ErrorKind `json:"kind"`
	}{w.field, w.kind}) // a kind read from its name always encodes
	return string(b)
}

// A problem is one thing wrong with a test file, with its place.
type problem struct {
	file      string
	line, col int
	path      callfloor.Path
	msg       string
}

// String writes the problem with its place, as check writes a policy's.
func (p problem) String() string {
	return placed(p.file, p.line, p.col, string(p.path), p.msg, false)
}

// A want is the expected side of a comparison: a YAML value of expect,
// aliases expanded, with its place.
type want struct {
	line, col int
	kind      wantKind
	keys      []string // wantMap, in source order
	vals      []*want  // wantMap values, wantList and wantContains elements
	str       string   // wantString: the text; wantNumber: its JSON form
	num       float64  // wantNumber
	isInt     bool     // wantNumber written as a whole number
	b         bool     // wantBool
}

type wantKind uint8

const (
	wantNull wantKind = iota
	wantBool
	wantNumber
	wantString
	wantMap
	wantList
	wantContains
)

// containsTag marks an expected list whose elements need only appear, in
// order, among the output's.
const containsTag = "!contains"

// parser reads one test file, keeping every problem it finds.
type parser struct {
	file     string
	problems []problem
	nodes    int
	overflow bool
	// expanding holds the alias targets being read, so that an alias
	// inside the node it names is refused instead of followed forever.
	expanding map[*yaml.Node]bool
	// merging counts the merge keys being read, one inside another.
	merging int
	// entries lists a mapping's entries, merge keys expanded as a
	// policy's are, with the bounds above and null keys refused.
	entries policyfile.MappingReader
}

// enter follows n when it is an alias, refusing one inside the node it
// names (an anchored node counts as named while it is read); leave must
// be called with the node returned once it is read.
func (ps *parser) enter(n *yaml.Node, path callfloor.Path) (*yaml.Node, bool) {
	if n.Kind != yaml.AliasNode {
		if n.Anchor != "" {
			ps.expanding[n] = true
		}
		return ps.resolve(n, path)
	}
	t, ok := ps.resolve(n, path)
	if !ok {
		return nil, false
	}
	if ps.expanding[t] {
		ps.at(n, path, "alias *%s refers to a node that contains it", n.Value)
		return nil, false
	}
	ps.expanding[t] = true
	return t, true
}

func (ps *parser) leave(n *yaml.Node) { delete(ps.expanding, n) }

func (ps *parser) at(n *yaml.Node, path callfloor.Path, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Column
	}
	ps.problems = append(ps.problems, problem{file: ps.file, line: line, col: col, path: path, msg: fmt.Sprintf(format, args...)})
}

// parseTestFile reads src, the test file named name, without opening the
// policies it names; loadPolicies does that. Every problem is returned,
// in source order.
func parseTestFile(name string, src []byte) (*testFile, []problem) {
	ps := &parser{file: name, expanding: map[*yaml.Node]bool{}}
	ps.entries = policyfile.MappingReader{Report: ps.at, Resolve: ps.resolve,
		EnterMerge: ps.enterMerge, LeaveMerge: ps.leaveMerge, Key: ps.plainKey, KeyPath: callfloor.Path.Key}
	tf := &testFile{name: name}
	if len(src) > maxTestFile {
		ps.at(nil, "", "test file is %d bytes; the limit is %d", len(src), maxTestFile)
		return nil, ps.problems
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if err == io.EOF {
			ps.problems = append(ps.problems, problem{file: name, line: 1, col: 1, msg: "test file is empty"})
		} else {
			ps.syntax(err)
		}
		return nil, ps.problems
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == io.EOF:
	case err != nil:
		ps.syntax(err)
		return nil, ps.problems
	case len(next.Content) > 0 && !isAbsentNode(next.Content[0]):
		ps.at(&next, "", "a second YAML document starts here; a test file is one document")
		return nil, ps.problems
	}
	if len(root.Content) == 0 || isAbsentNode(root.Content[0]) {
		ps.problems = append(ps.problems, problem{file: name, line: 1, col: 1, msg: "test file is empty"})
		return nil, ps.problems
	}
	doc := root.Content[0]
	top, ok := ps.mapping(doc, "", []string{"policies", "tolerance", "tests"})
	if !ok {
		return nil, ps.problems
	}
	if n := top["policies"]; n == nil {
		ps.at(doc, "policies", "required field is missing")
	} else {
		tf.policies = ps.policies(n)
	}
	if n := top["tolerance"]; n != nil {
		tf.tolerance = ps.tolerance(n)
	}
	if n := top["tests"]; n == nil {
		ps.at(doc, "tests", "required field is missing")
	} else {
		tf.cases = ps.cases(n, tf.policies)
	}
	if len(ps.problems) > 0 {
		sort.SliceStable(ps.problems, func(i, j int) bool {
			a, b := ps.problems[i], ps.problems[j]
			return a.line < b.line || a.line == b.line && a.col < b.col
		})
		return nil, ps.problems
	}
	return tf, nil
}

var yamlLineErr = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func (ps *parser) syntax(err error) {
	if m := yamlLineErr.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		ps.problems = append(ps.problems, problem{file: ps.file, line: line, msg: "YAML syntax: " + m[2]})
		return
	}
	ps.problems = append(ps.problems, problem{file: ps.file, line: 1, msg: "YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")})
}

// resolve follows aliases, counting every node against maxTestNodes.
func (ps *parser) resolve(n *yaml.Node, path callfloor.Path) (*yaml.Node, bool) {
	if ps.overflow {
		return nil, false
	}
	ps.nodes++
	if ps.nodes > maxTestNodes {
		ps.overflow = true
		ps.at(n, path, "the test file expands to more than %d YAML nodes", maxTestNodes)
		return nil, false
	}
	for i := 0; n.Kind == yaml.AliasNode; i++ {
		if i == maxTestDepth || n.Alias == nil {
			ps.at(n, path, "alias *%s does not resolve", n.Value)
			return nil, false
		}
		n = n.Alias
	}
	return n, true
}

// mapping reads a mapping of the fields allowed, merge keys expanded.
func (ps *parser) mapping(n *yaml.Node, path callfloor.Path, allowed []string) (map[string]*yaml.Node, bool) {
	n, ok := ps.resolve(n, path)
	if !ok {
		return nil, false
	}
	if n.Kind != yaml.MappingNode {
		ps.at(n, path, "expected a mapping, got %s", policyfile.Describe(n))
		return nil, false
	}
	out := map[string]*yaml.Node{}
	for _, kv := range ps.entries.Pairs(n, path) {
		if !contains(allowed, kv.Key.Value) {
			ps.at(kv.Key, path.Key(kv.Key.Value), "unknown field; allowed: %s", strings.Join(allowed, ", "))
			continue
		}
		out[kv.Key.Value] = kv.Value
	}
	return out, true
}

// enterMerge reads the value of a merge key as enter does, refusing
// merges nested deeper than maxTestDepth; leaveMerge undoes it.
func (ps *parser) enterMerge(v *yaml.Node, path callfloor.Path) (*yaml.Node, bool) {
	if ps.merging == maxTestDepth {
		ps.at(v, path, "merge keys nest more than %d deep", maxTestDepth)
		return nil, false
	}
	v, ok := ps.enter(v, path)
	if ok {
		ps.merging++
	}
	return v, ok
}

func (ps *parser) leaveMerge(v *yaml.Node) {
	ps.leave(v)
	ps.merging--
}

// plainKey refuses a null key ("~", or none written), which names no
// field of the JSON an input or an expectation stands for.
func (ps *parser) plainKey(k *yaml.Node, path callfloor.Path) bool {
	if k.ShortTag() == "!!null" {
		ps.at(k, path, "keys must be plain strings, got %s", policyfile.Describe(k))
		return false
	}
	return true
}

func (ps *parser) list(n *yaml.Node, path callfloor.Path) ([]*yaml.Node, bool) {
	n, ok := ps.resolve(n, path)
	if !ok {
		return nil, false
	}
	if n.Kind != yaml.SequenceNode {
		ps.at(n, path, "expected a list, got %s", policyfile.Describe(n))
		return nil, false
	}
	if len(n.Content) == 0 {
		ps.at(n, path, "the list is empty")
		return nil, false
	}
	return n.Content, true
}

func (ps *parser) str(n *yaml.Node, path callfloor.Path) (string, bool) {
	n, ok := ps.resolve(n, path)
	if !ok {
		return "", false
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
		ps.at(n, path, "expected a string, got %s", policyfile.Describe(n))
		return "", false
	}
	if n.Value == "" {
		ps.at(n, path, "is empty")
		return "", false
	}
	return n.Value, true
}

func (ps *parser) policies(n *yaml.Node) []*testPolicy {
	items, ok := ps.list(n, "policies")
	if !ok {
		return nil
	}
	var out []*testPolicy
	seen := map[string]callfloor.Path{}
	for i, item := range items {
		path := callfloor.Path("policies").Index(i)
		f, ok := ps.mapping(item, path, []string{"file", "kind"})
		if !ok {
			continue
		}
		tp := &testPolicy{line: item.Line, col: item.Column}
		if f["file"] == nil {
			ps.at(item, path.Child("file"), "required field is missing")
		} else if tp.file, ok = ps.str(f["file"], path.Child("file")); ok {
			tp.line, tp.col = f["file"].Line, f["file"].Column
			if first, dup := seen[tp.file]; dup {
				ps.at(f["file"], path.Child("file"), "%q duplicates %s", tp.file, first)
			}
			seen[tp.file] = path.Child("file")
		}
		if f["kind"] != nil {
			if tp.kind, ok = ps.str(f["kind"], path.Child("kind")); ok && !validKind(tp.kind) {
				ps.at(f["kind"], path.Child("kind"), "unknown kind %q; allowed: %s", tp.kind, strings.Join(kinds, ", "))
			}
		}
		out = append(out, tp)
	}
	return out
}

func (ps *parser) tolerance(n *yaml.Node) float64 {
	n, ok := ps.resolve(n, "tolerance")
	if !ok {
		return 0
	}
	var f float64
	if n.Kind != yaml.ScalarNode || (n.ShortTag() != "!!int" && n.ShortTag() != "!!float") || n.Decode(&f) != nil {
		ps.at(n, "tolerance", "expected a number, got %s", policyfile.Describe(n))
		return 0
	}
	if !(f >= 0) || math.IsInf(f, 0) {
		ps.at(n, "tolerance", "%s is not a finite number of at least 0", n.Value)
		return 0
	}
	return f
}

func (ps *parser) cases(n *yaml.Node, pols []*testPolicy) []*testCase {
	items, ok := ps.list(n, "tests")
	if !ok {
		return nil
	}
	var out []*testCase
	names := map[string]callfloor.Path{}
	for i, item := range items {
		path := callfloor.Path("tests").Index(i)
		f, ok := ps.mapping(item, path, []string{"name", "kind", "policy", "input", "expect", "expect_error"})
		if !ok {
			continue
		}
		tc := &testCase{line: item.Line}
		if f["name"] == nil {
			ps.at(item, path.Child("name"), "required field is missing")
		} else if tc.name, ok = ps.str(f["name"], path.Child("name")); ok {
			if first, dup := names[tc.name]; dup {
				ps.at(f["name"], path.Child("name"), "%q duplicates %s", tc.name, first)
			}
			names[tc.name] = path.Child("name")
		}
		if k := f["kind"]; k != nil {
			tc.kindNode = k
			if tc.kindName, ok = ps.str(k, path.Child("kind")); ok && !validKind(tc.kindName) {
				ps.at(k, path.Child("kind"), "unknown kind %q; allowed: %s", tc.kindName, strings.Join(kinds, ", "))
				tc.kindName = ""
			}
		}
		if p := f["policy"]; p != nil {
			tc.policyNode = p
			tc.policyName, _ = ps.str(p, path.Child("policy"))
		}
		ps.pickPolicy(tc, item, path, pols)
		if in := f["input"]; in == nil {
			ps.at(item, path.Child("input"), "required field is missing")
		} else {
			var b bytes.Buffer
			if ps.inputJSON(&b, in, path.Child("input"), 0) {
				tc.input = b.Bytes()
				tc.inputAt = in
			}
		}
		switch ex, ee := f["expect"], f["expect_error"]; {
		case ex != nil && ee != nil:
			ps.at(ee, path.Child("expect_error"), "give expect or expect_error, not both")
		case ex != nil:
			tc.expect = ps.want(ex, path.Child("expect"), 0)
		case ee != nil:
			tc.expectErr = ps.wantError(ee, path.Child("expect_error"))
		default:
			ps.at(item, path.Child("expect"), "required field is missing (or expect_error)")
		}
		out = append(out, tc)
	}
	return out
}

// wantError reads expect_error: the text eval prints, one line per input
// error, or a mapping of the field and kind of one of them.
func (ps *parser) wantError(n *yaml.Node, path callfloor.Path) *wantError {
	r, ok := ps.resolve(n, path)
	if !ok {
		return nil
	}
	w := &wantError{line: r.Line, col: r.Column}
	switch r.Kind {
	case yaml.ScalarNode:
		text, ok := ps.str(r, path)
		if !ok {
			return nil
		}
		w.text = strings.TrimSuffix(text, "\n")
		return w
	case yaml.MappingNode:
	default:
		ps.at(r, path, "expected the text eval prints or a mapping of field and kind, got %s", policyfile.Describe(r))
		return nil
	}
	f, ok := ps.mapping(r, path, []string{"field", "kind"})
	if !ok {
		return nil
	}
	w.isMap = true
	good := true
	if fn := f["field"]; fn == nil {
		ps.at(r, path.Child("field"), "required field is missing")
		good = false
	} else if fv, ok := ps.str(fn, path.Child("field")); !ok {
		good = false
	} else {
		w.field = callfloor.Path(fv)
	}
	if kn := f["kind"]; kn == nil {
		ps.at(r, path.Child("kind"), "required field is missing")
		good = false
	} else if k, ok := ps.str(kn, path.Child("kind")); !ok {
		good = false
	} else if w.kind.UnmarshalText([]byte(k)) != nil {
		ps.at(kn, path.Child("kind"), "unknown error kind %q; allowed: %s", k, strings.Join(errorKindNames(), ", "))
		good = false
	}
	if !good {
		return nil
	}
	return w
}

// errorKindNames lists the names of callfloor's error kinds, in order.
func errorKindNames() []string {
	var names []string
	for k := callfloor.ErrorKind(1); ; k++ {
		b, err := k.MarshalText()
		if err != nil {
			return names
		}
		names = append(names, string(b))
	}
}

// pickPolicy decides which of the file's policies a case runs: the one
// its policy field names, else the only one of its kind, else the only
// one. A kind not yet known (a policy whose own kind field decides) is
// checked again once the policies are loaded.
func (ps *parser) pickPolicy(tc *testCase, item *yaml.Node, path callfloor.Path, pols []*testPolicy) {
	switch {
	case tc.policyNode != nil:
		if tc.policyName == "" {
			return
		}
		for _, p := range pols {
			if p.file == tc.policyName {
				tc.pol = p
				return
			}
		}
		files := make([]string, len(pols))
		for i, p := range pols {
			files[i] = p.file
		}
		ps.at(tc.policyNode, path.Child("policy"), "unknown policy %q; allowed: %s", tc.policyName, strings.Join(files, ", "))
	case tc.kindNode != nil:
		// Resolved by kind once the policies are loaded.
	case len(pols) == 1:
		tc.pol = pols[0]
	case len(pols) > 1:
		ps.at(item, path, "the file names %d policies: give the case a kind or a policy", len(pols))
	}
}

// inputJSON writes the YAML value n as JSON, the document evaluate reads.
// Strings and times are written as strings, numbers as numbers; a tag
// outside YAML's own is refused.
func (ps *parser) inputJSON(b *bytes.Buffer, n *yaml.Node, path callfloor.Path, depth int) bool {
	n, ok := ps.enter(n, path)
	if !ok {
		return false
	}
	defer ps.leave(n)
	if depth > maxTestDepth {
		ps.at(n, path, "values nest more than %d deep", maxTestDepth)
		return false
	}
	switch n.Kind {
	case yaml.MappingNode:
		b.WriteByte('{')
		for i, kv := range ps.entries.Pairs(n, path) {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, kv.Key.Value)
			b.WriteByte(':')
			if !ps.inputJSON(b, kv.Value, path.Key(kv.Key.Value), depth+1) {
				return false
			}
		}
		b.WriteByte('}')
		return true
	case yaml.SequenceNode:
		if n.Tag == containsTag {
			ps.at(n, path, "%s belongs in expect, not in input", containsTag)
			return false
		}
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			if !ps.inputJSON(b, c, path.Index(i), depth+1) {
				return false
			}
		}
		b.WriteByte(']')
		return true
	case yaml.ScalarNode:
		w := ps.scalar(n, path)
		if w == nil {
			return false
		}
		writeWant(b, w)
		return true
	}
	ps.at(n, path, "expected a value, got %s", policyfile.Describe(n))
	return false
}

// scalar reads a scalar of expect or input.
func (ps *parser) scalar(n *yaml.Node, path callfloor.Path) *want {
	w := &want{line: n.Line, col: n.Column}
	switch n.ShortTag() {
	case "!!null":
		w.kind = wantNull
	case "!!bool":
		w.kind = wantBool
		if err := n.Decode(&w.b); err != nil {
			ps.at(n, path, "expected true or false, got %s", policyfile.Describe(n))
			return nil
		}
	case "!!str", "!!timestamp":
		w.kind, w.str = wantString, n.Value
	case "!!int":
		w.kind, w.isInt = wantNumber, true
		var i int64
		var u uint64
		switch {
		case n.Decode(&i) == nil:
			w.str, w.num = strconv.FormatInt(i, 10), float64(i)
		case n.Decode(&u) == nil:
			w.str, w.num = strconv.FormatUint(u, 10), float64(u)
		default:
			ps.at(n, path, "whole number %s is out of range", n.Value)
			return nil
		}
	case "!!float":
		w.kind = wantNumber
		if err := n.Decode(&w.num); err != nil || math.IsNaN(w.num) || math.IsInf(w.num, 0) {
			ps.at(n, path, "expected a finite number, got %s", n.Value)
			return nil
		}
		w.str = strconv.FormatFloat(w.num, 'g', -1, 64)
	default:
		ps.at(n, path, "unknown tag %s", n.Tag)
		return nil
	}
	return w
}

// want reads the YAML value n of expect.
func (ps *parser) want(n *yaml.Node, path callfloor.Path, depth int) *want {
	n, ok := ps.enter(n, path)
	if !ok {
		return nil
	}
	defer ps.leave(n)
	if depth > maxTestDepth {
		ps.at(n, path, "values nest more than %d deep", maxTestDepth)
		return nil
	}
	w := &want{line: n.Line, col: n.Column}
	switch n.Kind {
	case yaml.MappingNode:
		w.kind = wantMap
		for _, kv := range ps.entries.Pairs(n, path) {
			v := ps.want(kv.Value, path.Key(kv.Key.Value), depth+1)
			if v == nil {
				return nil
			}
			w.keys = append(w.keys, kv.Key.Value)
			w.vals = append(w.vals, v)
		}
		return w
	case yaml.SequenceNode:
		w.kind = wantList
		switch n.Tag {
		case containsTag:
			w.kind = wantContains
		case "", "!!seq", "!":
		default:
			ps.at(n, path, "unknown tag %s; a list may be tagged %s", n.Tag, containsTag)
			return nil
		}
		for i, c := range n.Content {
			v := ps.want(c, path.Index(i), depth+1)
			if v == nil {
				return nil
			}
			w.vals = append(w.vals, v)
		}
		return w
	case yaml.ScalarNode:
		return ps.scalar(n, path)
	}
	ps.at(n, path, "expected a value, got %s", policyfile.Describe(n))
	return nil
}

// isAbsentNode reports whether a document holds nothing at all, only a
// "---" marker or comments, rather than a null written out.
func isAbsentNode(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" && n.Value == "" && n.Style == 0 && n.Anchor == ""
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// loadPolicies opens and parses the policies a test file names, relative
// to the test file, and gives each case its policy. Every problem is
// returned.
func (tf *testFile) loadPolicies() []problem {
	var probs []problem
	dir := filepath.Dir(tf.name)
	for i, tp := range tf.policies {
		path := callfloor.Path("policies").Index(i).Child("file")
		tp.path = tp.file
		if !filepath.IsAbs(tp.file) {
			tp.path = filepath.Join(dir, tp.file)
		}
		at := problem{file: tf.name, line: tp.line, col: tp.col, path: path}
		src, err := readPolicy(tp.path)
		if err != nil {
			at.msg = err.Error()
			probs = append(probs, at)
			continue
		}
		kind := tp.kind
		if k := kindOf(src); k != "" && kind != "" && k != kind {
			at.msg = fmt.Sprintf("%s has kind %q, not %q", tp.path, k, kind)
			probs = append(probs, at)
			continue
		} else if kind == "" {
			kind = k
		}
		if kind == "" {
			at.msg = fmt.Sprintf("%s has no kind field; give the policy a kind (%s)", tp.path, strings.Join(kinds, ", "))
			probs = append(probs, at)
			continue
		}
		p, err := parsePolicy(tp.path, kind, src)
		if err != nil {
			at.msg = fmt.Sprintf("%s is not a valid %s policy", tp.path, kind)
			probs = append(probs, at)
			for _, pp := range checkPolicyProblems(tp.path, kind, err) {
				probs = append(probs, problem{file: pp.File, line: pp.Line, col: pp.Column, path: callfloor.Path(pp.Path), msg: pp.Message})
			}
			continue
		}
		tp.p = p
	}
	if len(probs) > 0 {
		return probs
	}
	for i, tc := range tf.cases {
		path := callfloor.Path("tests").Index(i)
		if tc.pol != nil {
			if tc.kindName != "" && tc.pol.p.kind != tc.kindName {
				probs = append(probs, problem{file: tf.name, line: tc.kindNode.Line, col: tc.kindNode.Column, path: path.Child("kind"),
					msg: fmt.Sprintf("policy %s is of kind %s, not %s", tc.pol.file, tc.pol.p.kind, tc.kindName)})
			}
			continue
		}
		if tc.kindName == "" {
			continue
		}
		var found []*testPolicy
		for _, tp := range tf.policies {
			if tp.p.kind == tc.kindName {
				found = append(found, tp)
			}
		}
		switch len(found) {
		case 1:
			tc.pol = found[0]
		case 0:
			probs = append(probs, problem{file: tf.name, line: tc.kindNode.Line, col: tc.kindNode.Column, path: path.Child("kind"),
				msg: fmt.Sprintf("no policy of kind %s is named in policies", tc.kindName)})
		default:
			probs = append(probs, problem{file: tf.name, line: tc.kindNode.Line, col: tc.kindNode.Column, path: path.Child("kind"),
				msg: fmt.Sprintf("%d policies are of kind %s: name one with policy", len(found), tc.kindName)})
		}
	}
	return probs
}

// readPolicy reads a policy file, refusing what is not a regular file or
// is larger than any policy may be, so that a test file naming a device
// cannot hang the command.
func readPolicy(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	if fi.Size() > maxPolicyFile {
		return nil, fmt.Errorf("%s is %d bytes; a policy is at most %d", path, fi.Size(), maxPolicyFile)
	}
	return os.ReadFile(path)
}

// A difference is one place where the output does not match expect.
type difference struct {
	line, col int
	path      callfloor.Path
	msg       string
}

// compare matches the output JSON got against w, adding every difference
// to diffs. got holds the values encoding/json decodes into an any, with
// numbers as json.Number; present is false when the field is absent.
func compare(w *want, got any, present bool, path callfloor.Path, tol float64, diffs []difference) []difference {
	add := func(format string, args ...any) []difference {
		return append(diffs, difference{line: w.line, col: w.col, path: path, msg: fmt.Sprintf(format, args...)})
	}
	if w.kind == wantNull {
		if present && got != nil {
			return add("want null, got %s", gotText(got))
		}
		return diffs
	}
	if !present {
		return add("want %s, got no such field", wantText(w))
	}
	switch w.kind {
	case wantMap:
		m, ok := got.(map[string]any)
		if !ok {
			return add("want a mapping, got %s", gotTyped(got))
		}
		for i, k := range w.keys {
			v, has := m[k]
			diffs = compare(w.vals[i], v, has, path.Key(k), tol, diffs)
		}
		return diffs
	case wantList:
		l, ok := got.([]any)
		if !ok {
			return add("want a list, got %s", gotTyped(got))
		}
		if len(l) != len(w.vals) {
			diffs = add("want %s, got %s", elements(len(w.vals)), elements(len(l)))
		}
		for i, e := range w.vals {
			if i >= len(l) {
				diffs = append(diffs, difference{line: e.line, col: e.col, path: path.Index(i),
					msg: fmt.Sprintf("missing: want %s", wantText(e))})
				continue
			}
			diffs = compare(e, l[i], true, path.Index(i), tol, diffs)
		}
		for i := len(w.vals); i < len(l); i++ {
			diffs = append(diffs, difference{line: w.line, col: w.col, path: path.Index(i),
				msg: fmt.Sprintf("not expected: got %s", gotText(l[i]))})
		}
		return diffs
	case wantContains:
		l, ok := got.([]any)
		if !ok {
			return add("want a list, got %s", gotTyped(got))
		}
		// Matching each expected element to the earliest output element
		// that fits finds an ordered match whenever one exists.
		j, last, lastAt := 0, -1, 0
		for i, e := range w.vals {
			for ; j < len(l); j++ {
				if len(compare(e, l[j], true, "", tol, nil)) == 0 {
					break
				}
			}
			if j == len(l) {
				diffs = append(diffs, difference{line: e.line, col: e.col, path: path.Index(i),
					msg: fmt.Sprintf("missing: no element of the output (%s) matches in order: want %s", elements(len(l)), wantText(e))})
				diffs = closest(e, l, path.Index(i), last, lastAt, path, tol, diffs)
				j = last + 1
				continue
			}
			last, lastAt = j, i
			j++
		}
		return diffs
	case wantString:
		s, ok := got.(string)
		if !ok {
			return add("want %s (a string), got %s", wantText(w), gotTyped(got))
		}
		if s != w.str && !sameInstant(s, w.str) {
			return add("want %s, got %s", wantText(w), gotText(got))
		}
	case wantBool:
		b, ok := got.(bool)
		if !ok {
			return add("want %s (a boolean), got %s", wantText(w), gotTyped(got))
		}
		if b != w.b {
			return add("want %s, got %s", wantText(w), gotText(got))
		}
	case wantNumber:
		n, ok := got.(json.Number)
		if !ok {
			return add("want %s (a number), got %s", wantText(w), gotTyped(got))
		}
		if !sameNumber(w, n, tol) {
			return add("want %s, got %s", wantText(w), gotText(got))
		}
	}
	return diffs
}

// closest explains why e, an element of the !contains list at list,
// matches no output element in order: the output element that matches it
// but comes no later than last, the output element matched by the
// expected element lastAt; or else the closest output element, the one
// with the most fields equal to e's, then the fewest differences, then
// the first, and how it differs. Its differences are placed at the
// expected values they concern, named by the path of e.
func closest(e *want, l []any, at callfloor.Path, last, lastAt int, list callfloor.Path, tol float64, diffs []difference) []difference {
	best, bestEqual, bestDiffs := -1, 0, []difference(nil)
	for k, g := range l {
		d := compare(e, g, true, at, tol, nil)
		if len(d) == 0 {
			// The ordered search starts after last, so k <= last.
			msg := fmt.Sprintf("output element %d matches it, but comes before output element %d, which matched %s: the order differs", k, last, list.Index(lastAt))
			if k == last {
				msg = fmt.Sprintf("output element %d matches it, but already matched %s; an output element matches one expected element", k, list.Index(lastAt))
			}
			return append(diffs, difference{line: e.line, col: e.col, path: at, msg: msg})
		}
		eq := equalFields(e, g, tol)
		if best < 0 || eq > bestEqual || eq == bestEqual && len(d) < len(bestDiffs) {
			best, bestEqual, bestDiffs = k, eq, d
		}
	}
	for _, d := range bestDiffs {
		d.msg = fmt.Sprintf("closest output element %d: %s", best, d.msg)
		diffs = append(diffs, d)
	}
	return diffs
}

// equalFields counts the fields of the expected mapping e that got, an
// output mapping, has equal; it is 0 when either is not a mapping.
func equalFields(e *want, got any, tol float64) int {
	m, ok := got.(map[string]any)
	if !ok || e.kind != wantMap {
		return 0
	}
	n := 0
	for i, k := range e.keys {
		v, has := m[k]
		if len(compare(e.vals[i], v, has, "", tol, nil)) == 0 {
			n++
		}
	}
	return n
}

// sameInstant reports whether a and b are both times in RFC 3339 and the
// same instant, however each is zoned: "2025-03-14T18:00:00+08:00" is
// "2025-03-14T10:00:00Z".
func sameInstant(a, b string) bool {
	ta, err := time.Parse(time.RFC3339Nano, a)
	if err != nil {
		return false
	}
	tb, err := time.Parse(time.RFC3339Nano, b)
	return err == nil && ta.Equal(tb)
}

// sameNumber reports whether got equals w: exactly, digit for digit, when
// both are whole numbers, else as float64 values; with a tolerance, when
// they differ by at most tol.
func sameNumber(w *want, got json.Number, tol float64) bool {
	s := string(got)
	if w.isInt && !strings.ContainsAny(s, ".eE") && s == w.str {
		return true
	}
	g, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return false
	}
	if w.isInt && !strings.ContainsAny(s, ".eE") && tol == 0 {
		// Two different whole numbers, however close as float64.
		return false
	}
	return g == w.num || math.Abs(g-w.num) <= tol
}

func elements(n int) string {
	if n == 1 {
		return "1 element"
	}
	return strconv.Itoa(n) + " elements"
}

// maxShown bounds how much of a value a difference prints.
const maxShown = 200

func shorten(s string) string {
	if len(s) <= maxShown {
		return s
	}
	cut := maxShown
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + fmt.Sprintf("... (%d bytes)", len(s))
}

func wantText(w *want) string {
	var b bytes.Buffer
	writeWant(&b, w)
	return shorten(b.String())
}

// writeWant writes w as JSON, a mapping's keys in source order and a
// !contains list tagged.
func writeWant(b *bytes.Buffer, w *want) {
	switch w.kind {
	case wantNull:
		b.WriteString("null")
	case wantBool:
		b.WriteString(strconv.FormatBool(w.b))
	case wantNumber:
		b.WriteString(w.str)
	case wantString:
		writeJSONString(b, w.str)
	case wantMap:
		b.WriteByte('{')
		for i, k := range w.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, k)
			b.WriteByte(':')
			writeWant(b, w.vals[i])
		}
		b.WriteByte('}')
	case wantList, wantContains:
		if w.kind == wantContains {
			b.WriteString(containsTag + " ")
		}
		b.WriteByte('[')
		for i, v := range w.vals {
			if i > 0 {
				b.WriteByte(',')
			}
			writeWant(b, v)
		}
		b.WriteByte(']')
	}
}

func writeJSONString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	b.Truncate(b.Len() - 1)
}

func gotText(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return shorten(strings.TrimSuffix(b.String(), "\n"))
}

// gotTyped is gotText with the JSON type named, for values that may
// differ from what was wanted in type as well as in value.
func gotTyped(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return gotText(v) + " (a string)"
	case json.Number:
		return gotText(v) + " (a number)"
	case bool:
		return gotText(v) + " (a boolean)"
	case []any:
		return "a list of " + elements(len(x))
	case map[string]any:
		return "a mapping"
	}
	return gotText(v)
}

// runCase evaluates one case and compares what it decides with what it
// expects.
func runCase(tf *testFile, tc *testCase) []difference {
	out, err := evaluate(tc.pol.p, tc.input)
	if err != nil {
		// The errors as eval reports them, each with its field.
		errs := inputErrors(tc.pol.p.kind, tc.input, err)
		if w := tc.expectErr; w != nil {
			if w.matches(errs) {
				return nil
			}
			at := difference{line: w.line, col: w.col, path: "expect_error"}
			if w.isMap {
				b, _ := json.Marshal(errs) // kinds the library gave always encode
				at.msg = fmt.Sprintf("want an error %s, got %s", w, b)
			} else {
				at.msg = fmt.Sprintf("want error %s, got error %q", w, errorText(errs))
			}
			return []difference{at}
		}
		var diffs []difference
		for _, ie := range errs {
			diffs = append(diffs, difference{line: tc.inputAt.Line, col: tc.inputAt.Column, path: "input",
				msg: "refused: " + ie.Error()})
		}
		return diffs
	}
	if w := tc.expectErr; w != nil {
		return []difference{{line: w.line, col: w.col, path: "expect_error",
			msg: fmt.Sprintf("want error %s, got a result", w)}}
	}
	got, err := asJSON(out)
	if err != nil {
		return []difference{{line: tc.inputAt.Line, col: tc.inputAt.Column, path: "input",
			msg: "the result cannot be written as JSON: " + err.Error()}}
	}
	return compare(tc.expect, got, true, "expect", tf.tolerance, nil)
}

// matches reports whether errs, the errors of a refused input, are those
// w expects: in the text form, exactly the lines eval prints; in the
// mapping form, one error of that field and kind among them.
func (w *wantError) matches(errs []*callfloor.InputError) bool {
	if !w.isMap {
		return errorText(errs) == w.text
	}
	for _, ie := range errs {
		if ie.Field == w.field && ie.Kind == w.kind {
			return true
		}
	}
	return false
}

// errorText is the text eval prints for a refused input: each error as
// "field: message", one a line.
func errorText(errs []*callfloor.InputError) string {
	lines := make([]string, len(errs))
	for i, ie := range errs {
		lines[i] = ie.Error()
	}
	return strings.Join(lines, "\n")
}

// asJSON gives v as encoding/json decodes its JSON into an any, numbers
// kept as written.
func asJSON(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		return nil, err
	}
	return out, nil
}

func runTests(e *env, files []string, run string, verbose bool) int {
	if len(files) == 0 {
		fmt.Fprintln(e.stderr, "callfloor test: no test file given")
		fmt.Fprintln(e.stderr, `usage: callfloor test [flags] TESTFILE... ("callfloor test -h" for more)`)
		return exitUsage
	}
	var sel *regexp.Regexp
	if run != "" {
		var err error
		if sel, err = regexp.Compile(run); err != nil {
			fmt.Fprintf(e.stderr, "callfloor test: -run: %v\n", err)
			return exitUsage
		}
	}
	var passed, failed, skipped, broken int
	for _, name := range files {
		tf, probs := openTestFile(name)
		if len(probs) > 0 {
			broken++
			for _, p := range probs {
				fmt.Fprintln(e.stderr, p)
			}
			continue
		}
		for _, tc := range tf.cases {
			if sel != nil && !sel.MatchString(tc.name) {
				skipped++
				continue
			}
			diffs := runCase(tf, tc)
			if len(diffs) == 0 {
				passed++
				if verbose {
					fmt.Fprintf(e.stdout, "--- PASS: %s:%d: %s\n", tf.name, tc.line, tc.name)
				}
				continue
			}
			failed++
			fmt.Fprintf(e.stdout, "--- FAIL: %s:%d: %s\n", tf.name, tc.line, tc.name)
			for _, d := range diffs {
				fmt.Fprintf(e.stdout, "    %s\n", placed(tf.name, d.line, d.col, string(d.path), d.msg, false))
			}
		}
	}
	fmt.Fprintln(e.stdout, summary(len(files), passed, failed, skipped, broken, run))
	if failed > 0 || broken > 0 || passed == 0 {
		return exitProblems
	}
	return exitOK
}

// openTestFile reads, parses and loads one test file.
func openTestFile(name string) (*testFile, []problem) {
	fi, err := os.Stat(name)
	if err == nil && !fi.Mode().IsRegular() {
		err = fmt.Errorf("not a regular file")
	} else if err == nil && fi.Size() > maxTestFile {
		err = fmt.Errorf("test file is %d bytes; the limit is %d", fi.Size(), maxTestFile)
	}
	var src []byte
	if err == nil {
		src, err = os.ReadFile(name)
	}
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, []problem{{file: name, msg: err.Error()}}
	}
	tf, probs := parseTestFile(name, src)
	if len(probs) > 0 {
		return nil, probs
	}
	if probs := tf.loadPolicies(); len(probs) > 0 {
		return nil, probs
	}
	return tf, nil
}

// summary is the last line: what passed and failed, in how many files.
func summary(files, passed, failed, skipped, broken int, run string) string {
	var b strings.Builder
	run0 := passed+failed == 0 && broken == 0
	switch {
	case failed == 0 && broken == 0 && !run0:
		fmt.Fprintf(&b, "ok: %s passed", count(passed, "case"))
	case run0 && run != "":
		fmt.Fprintf(&b, "FAIL: no case matches -run %q", run)
	default:
		fmt.Fprintf(&b, "FAIL: %d of %s failed", failed, count(passed+failed, "case"))
	}
	fmt.Fprintf(&b, " in %s", count(files, "file"))
	if skipped > 0 && !run0 {
		fmt.Fprintf(&b, ", %d skipped by -run", skipped)
	}
	if broken > 0 {
		fmt.Fprintf(&b, "; %s could not be run", count(broken, "file"))
	}
	return b.String()
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}
