package policyfile

import (
	"errors"
	"flag"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor/internal/cond"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

type testTier struct {
	ID      string   `yaml:"id,required"`
	Min     int      `yaml:"min"`
	Max     int      `yaml:"max"`
	When    string   `yaml:"when"`
	Window  Duration `yaml:"window"`
	Enabled bool     `yaml:"enabled"`
}

type testPolicy struct {
	Version  string             `yaml:"version,required"`
	Currency string             `yaml:"currency"`
	Metrics  []string           `yaml:"metrics"`
	Tiers    []testTier         `yaml:"tiers"`
	Weights  map[string]float64 `yaml:"weights"`
	Notes    []string           `yaml:"notes"`
	Owner    *string            `yaml:"owner"`
	Hidden   string             `yaml:"-"`
}

// validate is what a package validator does after Decode: cross-field and
// cross-reference checks, each placed with Errorf or Condition.
func validate(d *Doc, p *testPolicy) {
	env, err := cond.NewEnv(p.Metrics...)
	if err != nil {
		d.Errorf("metrics", "%v", err)
		return
	}
	for i, t := range p.Tiers {
		path := Path("tiers").Index(i)
		if t.Min > t.Max && !d.Failed(path.Child("min")) && !d.Failed(path.Child("max")) {
			d.Errorf(path.Child("min"), "%d is above max %d", t.Min, t.Max)
		}
		if i > 0 && t.Max >= p.Tiers[i-1].Min && !d.Failed(path.Child("max")) && !d.Failed(Path("tiers").Index(i-1).Child("min")) {
			d.Errorf(path.Child("max"), "overlaps tiers[%d] (min %d)", i-1, p.Tiers[i-1].Min)
		}
		if t.When != "" {
			d.Condition(path.Child("when"), t.When, env)
		}
	}
}

func TestGoldenProblems(t *testing.T) {
	src, err := os.ReadFile("testdata/mistakes.yaml")
	require.NoError(t, err)
	var p testPolicy
	d := Decode("test policy", src, &p)
	require.False(t, d.Fatal())
	validate(d, &p)
	policyErr := d.Err()
	require.Error(t, policyErr)
	got := policyErr.Error() + "\n"
	if *update {
		require.NoError(t, os.WriteFile("testdata/mistakes.golden", []byte(got), 0o644))
	}
	want, err := os.ReadFile("testdata/mistakes.golden")
	require.NoError(t, err)
	assert.Equal(t, string(want), got)

	var pe *Error
	require.True(t, errors.As(policyErr, &pe))
	var one Problem
	require.True(t, errors.As(policyErr, &one), "each problem is reachable through Unwrap")
	assert.Equal(t, pe.Problems[0], one)
}

func TestDecodeValid(t *testing.T) {
	src := []byte(`
version: "3"
metrics: [qa_avg]
base: &base
  min: 1
  window: 36h
tiers:
  - id: a
    <<: *base
    max: 5
    enabled: true
  - &b {id: b, max: 0, window: 90m}
owner: hr
weights: {x: 1, y: 2.5}
`)
	type withBase struct {
		testPolicy `yaml:",inline"`
		Base       map[string]string `yaml:"base"`
	}
	var p withBase
	d := Decode("test policy", src, &p)
	require.NoError(t, d.Err())
	assert.Equal(t, "3", p.Version)
	assert.Equal(t, []testTier{
		{ID: "a", Min: 1, Max: 5, Window: Duration(36 * time.Hour), Enabled: true},
		{ID: "b", Max: 0, Window: Duration(90 * time.Minute)},
	}, p.Tiers)
	assert.Equal(t, map[string]float64{"x": 1, "y": 2.5}, p.Weights)
	require.NotNil(t, p.Owner)
	assert.Equal(t, "hr", *p.Owner)
	assert.True(t, d.Has("tiers[0].max"))
	assert.False(t, d.Has("tiers[1].min"))
	line, col := d.Place("tiers[1].min")
	assert.Equal(t, [2]int{12, 5}, [2]int{line, col}, "an absent field is placed at its parent")
	line, col = d.Place("tiers[0].max")
	assert.Equal(t, [2]int{10, 10}, [2]int{line, col})
}

func TestDecodeWrongKinds(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{"version: 1\ntiers: {id: a}", "tiers: line 2, column 8: expected a list, got a mapping"},
		{"version: 1\ntiers: [[1]]", "tiers[0]: line 2, column 9: expected a mapping, got a list"},
		{"version: 1\nmetrics: [a, [b]]", "metrics[1]: line 2, column 14: expected a string, got a list"},
		{"version: 1\ntiers: [{id: a, min: '3'}]", `tiers[0].min: line 2, column 22: expected a whole number, got "3"`},
		{"version: 1\ntiers: [{id: a, min: 99999999999999999999}]", "tiers[0].min: line 2, column 22: expected a whole number, got the number 99999999999999999999"},
		{"version: 1\ntiers: [{id: a, enabled: 1}]", "tiers[0].enabled: line 2, column 26: expected true or false, got the whole number 1"},
		{"version: 1\ntiers: [{id: a, enabled: yes}]", `tiers[0].enabled: line 2, column 26: expected true or false, got "yes"`},
		{"version: 1\nweights: {a: x}", `weights.a: line 2, column 14: expected a number, got "x"`},
		{"version: 1\nweights: {a: 1e400}", `weights.a: line 2, column 14: expected a number, got "1e400"`},
		{"version: 1\nweights: {a: -.inf}", "weights.a: line 2, column 14: expected a finite number, got -.inf"},
		{"version: 1\nweights: [1]", "weights: line 2, column 10: expected a mapping, got a list"},
		{"version: 1\nweights: {[a]: 1}", "weights: line 2, column 11: keys must be plain strings, got a list"},
		{"version: 1\ncurrency: ~", "currency: line 2, column 11: expected a string, got nothing (null)"},
		{"version: 1\ntiers: [{id: a, window: 3 weeks}]", `tiers[0].window: line 2, column 25: expected a duration such as "90m", "36h" or "14d", got "3 weeks"`},
		{"version: 1\ntiers: [{id: a, window: [1]}]", "tiers[0].window: line 2, column 25: expected a scalar value, got a list"},
		{"version: 1\ntiers: [{id: a, window: 200000d}]", "tiers[0].window: line 2, column 25: 200000 days is out of range (at most 100000)"},
		{"version: 1\ntiers: [{id: a, window: -2d}]", "tiers[0].window: line 2, column 25: a duration must not be negative"},
		{"version: 1\ntiers: [{id: a, <<: 3}]", "tiers[0]: line 2, column 21: a merge key takes a mapping or a list of mappings, got the whole number 3"},
		{"version: 1\ntiers: [{id: a, <<: [3]}]", "tiers[0]: line 2, column 22: a merge key takes a mapping or a list of mappings, got the whole number 3"},
		{"version: 1\nHidden: x", "Hidden: line 2, column 1: unknown field; allowed: kind, locale, version, currency, metrics, tiers, weights, notes, owner"},
		{"currency: EUR", "version: line 1, column 1: required field is missing"},
		{"[1, 2]", "line 1, column 1: expected a mapping, got a list"},
		{"version: 1\nweights: &w {a: 1}\ncurrency: *w", "currency: line 3, column 11: expected a string, got a mapping"},
		{"version: 1\nversion: 2", `version: line 2, column 1: duplicate key "version" (first at line 1, column 1)`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			var p testPolicy
			d := Decode("test policy", []byte(tt.src), &p)
			var pe *Error
			require.True(t, errors.As(d.Err(), &pe), "want problems")
			require.Len(t, pe.Problems, 1, "%v", pe)
			assert.Equal(t, tt.want, pe.Problems[0].Error())
		})
	}
}

// TestDecodeMergeKeys holds merge keys to YAML's rules, as Decode reads
// them: an explicit key wins over a merged one and an earlier merged
// mapping over a later one; a merged mapping is checked as if written
// out, and what is not a mapping is refused with its place.
func TestDecodeMergeKeys(t *testing.T) {
	tests := []struct {
		why     string
		src     string
		weights map[string]float64
		tiers   []testTier
		want    []string
	}{
		{why: "explicit over merged, earlier over later",
			src:     "version: 1\nweights: {<<: [{a: 1, b: 1}, {a: 2, b: 2, c: 2}], b: 3}",
			weights: map[string]float64{"a": 1, "b": 3, "c": 2}},
		{why: "an alias merged",
			src:   "version: 1\ntiers: [&t {id: a, min: 1}, {<<: *t, id: b}]",
			tiers: []testTier{{ID: "a", Min: 1}, {ID: "b", Min: 1}}},
		{why: "merges of merges",
			src:     "version: 1\nweights: {<<: {<<: {<<: {a: 1}}}}",
			weights: map[string]float64{"a": 1}},
		{why: "null is a key like any other",
			src:     "version: 1\nweights: {~: 1, null: 2}",
			weights: map[string]float64{"~": 1, "null": 2}},
		{why: "a key twice in a merged mapping",
			src:  "version: 1\nweights: {<<: {a: 1, a: 2}}",
			want: []string{`weights.a: line 2, column 22: duplicate key "a" (first at line 2, column 16)`}},
		{why: "a key that is not an id, twice",
			src:  "version: 1\nweights: {\"First Call\": 1, \"First Call\": 2}",
			want: []string{`weights.First Call: line 2, column 28: duplicate key "First Call" (first at line 2, column 11)`}},
		{why: "a key that is not a scalar, merged",
			src:  "version: 1\nweights: {<<: {[a]: 1}}",
			want: []string{"weights: line 2, column 16: keys must be plain strings, got a list"}},
		{why: "a merged key that breaks the id rule",
			src:  "version: 1\nweights: {<<: {\"a\\e\": 1}}",
			want: []string{`weights: line 2, column 16: key "a\x1b" holds U+001B at character 2, which is not printable; ids, keys and versions are printable, with no control or formatting characters`}},
		{why: "a list of mappings with something else in it",
			src:  "version: 1\nweights: {<<: [{a: 1}, 3, {b: 2}]}",
			want: []string{"weights: line 2, column 24: a merge key takes a mapping or a list of mappings, got the whole number 3"}},
		{why: "a mapping that merges itself is stopped by the node bound",
			src:  "version: 1\ntiers: [&t {id: a, <<: *t}]",
			want: []string{"tiers[0]: line 2, column 24: alias expansion exceeds 200000 nodes; the policy is refused"}},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			var p testPolicy
			d := Decode("test policy", []byte(tt.src), &p)
			var got []string
			var pe *Error
			if errors.As(d.Err(), &pe) {
				for _, pr := range pe.Problems {
					got = append(got, pr.Error())
				}
			}
			assert.Equal(t, tt.want, got)
			if tt.want == nil {
				assert.Equal(t, tt.weights, p.Weights)
				assert.Equal(t, tt.tiers, p.Tiers)
			}
		})
	}
}

func TestFatal(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"empty", "", "test policy: 1 problem\n\tline 1, column 1: policy is empty"},
		{"comment only", "# nothing\n", "test policy: 1 problem\n\tline 1, column 1: policy is empty"},
		{"syntax", "version: 1\ntiers: [a\n", "test policy: 1 problem\n\tline 1: YAML syntax: did not find expected ',' or ']'"},
		{"tab indent", "version: 1\n\tx: 1\n", "test policy: 1 problem\n\tline 2: YAML syntax: found a tab character that violates indentation"},
		{"unknown anchor", "version: *x\n", "test policy: 1 problem\n\tline 1: YAML: unknown anchor 'x' referenced"},
		{"too large", "version: 1\n" + strings.Repeat("#", MaxSize), "test policy: 1 problem\n\tpolicy is 1048587 bytes; the limit is 1048576 (1 MiB)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p testPolicy
			d := Decode("test policy", []byte(tt.src), &p)
			assert.True(t, d.Fatal())
			assert.EqualError(t, d.Err(), tt.want)
		})
	}
}

func TestAliasBomb(t *testing.T) {
	// Billion laughs: each level refers nine times to the one before.
	var b strings.Builder
	b.WriteString("version: 1\na0: &a0 [x, x, x, x, x, x, x, x, x]\n")
	prev := "a0"
	for i := 1; i < 9; i++ {
		name := "a" + string(rune('0'+i))
		b.WriteString(name + ": &" + name + " [")
		for j := 0; j < 9; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = name
	}
	b.WriteString("notes: *" + prev + "\n")
	var target struct {
		Version string                   `yaml:"version"`
		Notes   [][][][][][][][][]string `yaml:"notes"`
	}
	d := Decode("test policy", []byte(b.String()), &target)
	assert.True(t, d.Fatal())
	assert.Contains(t, d.Err().Error(), "alias expansion exceeds 200000 nodes; the policy is refused")
}

type tree []tree

func TestAliasCycle(t *testing.T) {
	src := "version: 1\nnotes: &n\n  - *n\n"
	var p struct {
		Version string `yaml:"version"`
		Notes   tree   `yaml:"notes"`
	}
	d := Decode("test policy", []byte(src), &p)
	assert.EqualError(t, d.Err(), "test policy: 1 problem\n\tnotes[0][0]: line 3, column 5: alias *n refers to a node that contains it")
}

func TestIdentity(t *testing.T) {
	a := IdentityOf("2026-11", []byte("version: 2026-11\n"))
	b := IdentityOf("2026-11", []byte("version: 2026-11\n# edited\n"))
	assert.Equal(t, "2026-11", a.Version)
	assert.Len(t, a.Hash, 12)
	assert.NotEqual(t, a.Hash, b.Hash, "same version, different source")
	assert.Equal(t, a, IdentityOf("2026-11", []byte("version: 2026-11\n")), "stable")
	assert.Equal(t, "2026-11@"+a.Hash, a.String())
}

func TestErrorfAtColumns(t *testing.T) {
	src := "version: 1\nmetrics: [qa_avg]\ntiers:\n  - id: a\n    when: qa_avg > 1 && nps > 2\n  - id: b\n    min: -1\n    max: -1\n    when: \"qa_avg > 1 && nps > 2\"\n  - id: c\n    min: -5\n    max: -5\n    when: |\n      qa_avg > 1 && nps > 2\n"
	var p testPolicy
	d := Decode("test policy", []byte(src), &p)
	validate(d, &p)
	assert.EqualError(t, d.Err(), `test policy: 3 problems
	tiers[0].when: line 5, column 25: unknown metric "nps"; declared: qa_avg
	tiers[1].when: line 9, column 26: unknown metric "nps"; declared: qa_avg
	tiers[2].when: line 13, column 11: unknown metric "nps"; declared: qa_avg`)
}

func TestErrorCapsProblems(t *testing.T) {
	e := &Error{Kind: "k"}
	for i := 0; i < MaxProblems+3; i++ {
		e.Problems = append(e.Problems, Problem{Path: "p", Line: i + 1, Column: 1, Msg: "m"})
	}
	msg := e.Error()
	assert.True(t, strings.HasPrefix(msg, "k: 103 problems\n\tp: line 1, column 1: m\n"))
	assert.True(t, strings.HasSuffix(msg, "\tp: line 100, column 1: m\n\t... and 3 more"))
	assert.Len(t, e.Unwrap(), 103)
}

func TestPathParent(t *testing.T) {
	assert.Equal(t, Path("a.b"), parent(Path("a.b[2]")))
	assert.Equal(t, Path("a"), parent(Path("a.b")))
	assert.Equal(t, Path(""), parent(Path("a")))
	assert.Equal(t, Path("metrics"), parent(Path(`metrics["a.b"]`)))
	assert.Equal(t, Path("tiers[2].min"), Path("").Child("tiers").Index(2).Child("min"))
}

func TestSortedKeys(t *testing.T) {
	assert.Equal(t, []string{"a", "b", "c"}, SortedKeys(map[string]int{"c": 1, "a": 2, "b": 3}))
	assert.Empty(t, SortedKeys(map[string]int(nil)))
}

func FuzzDecode(f *testing.F) {
	seed, err := os.ReadFile("testdata/mistakes.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("version: 1\ntiers: [{id: a, <<: {min: 1}}]\n"))
	f.Add([]byte("version: 1\nnotes: &n [*n]\n"))
	f.Add([]byte("a: &a [x, x]\nb: &b [*a, *a]\nnotes: *b\n"))
	f.Add([]byte(""))
	f.Add([]byte("{"))
	f.Add([]byte("version: 1\n---\nnotes: [a]\n...\n"))
	f.Add([]byte("version: \"1\\u202e\"\nweights: {\"\\e\": 1}\nnotes: [\"\\x85\", \" \"]\ntiers: [{id: \" \"}]\n"))
	f.Add([]byte("version: \"\\t \"\n"))
	f.Add([]byte("version:\nnotes: [a]\n"))
	f.Add([]byte("owner: &v ~\nversion: *v\n"))
	f.Add([]byte("kind: test\nversion: 1\n"))
	f.Add([]byte("kind: qa\n<<: {kind: moods}\nversion: 1\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var p testPolicy
		d := Decode("test policy", src, &p)
		if d.Has("version") && !d.Failed("version") && strings.TrimSpace(p.Version) == "" {
			t.Fatalf("blank version %q accepted", p.Version)
		}
		if !d.Fatal() {
			validate(d, &p)
		}
		if err := d.Err(); err != nil {
			var pe *Error
			if !errors.As(err, &pe) || len(pe.Problems) == 0 {
				t.Fatalf("error %v is not a non-empty *Error", err)
			}
			_ = err.Error()
		}
	})
}

// TestKindField: a policy may name its package in a top-level kind field;
// the right kind is read and dropped, any other is one problem at its
// value, and the package's struct never sees it.
func TestKindField(t *testing.T) {
	tests := []struct {
		why  string
		kind string // the kind Decode is given
		src  string
		want string // the one problem, or "" for none
	}{
		{"the right kind", "mood policy", "kind: mood\nversion: 1\n", ""},
		{"no kind at all", "mood policy", "version: 1\n", ""},
		{"the right kind, last and quoted", "qa policy", "version: 1\nkind: \"qa\"\n", ""},
		{"the right kind through a merge key", "mood policy", "<<: {kind: mood}\nversion: 1\n", ""},
		{"another package's kind", "mood policy", "version: 1\nkind: qa\n",
			`kind: line 2, column 7: this is a mood policy; kind "qa" names another package`},
		{"an before a vowel", "incentives policy", "kind: coaching\nversion: 1\n",
			`kind: line 1, column 7: this is an incentives policy; kind "coaching" names another package`},
		{"quoted value, placed at its quote", "coaching policy", "kind: 'mood'\nversion: 1\n",
			`kind: line 1, column 7: this is a coaching policy; kind "mood" names another package`},
		{"a kind no package has", "mood policy", "kind: moods\nversion: 1\n",
			`kind: line 1, column 7: unknown kind "moods"; a mood policy has kind: mood`},
		{"kinds are case-sensitive", "mood policy", "kind: Mood\nversion: 1\n",
			`kind: line 1, column 7: unknown kind "Mood"; a mood policy has kind: mood`},
		{"empty", "mood policy", "kind: ''\nversion: 1\n", "kind: line 1, column 7: must not be empty"},
		{"null", "mood policy", "kind:\nversion: 1\n", "kind: line 1, column 6: expected a string, got nothing (null)"},
		{"a number", "mood policy", "kind: 3\nversion: 1\n", `kind: line 1, column 7: unknown kind "3"; a mood policy has kind: mood`},
		{"a list", "mood policy", "kind: [mood]\nversion: 1\n", "kind: line 1, column 7: expected a string, got a list"},
		{"held to the id rule", "mood policy", "kind: \"mo\\u202eod\"\nversion: 1\n",
			"kind: line 1, column 7: holds U+202E at character 3, which is not printable; ids, keys and versions are printable, with no control or formatting characters"},
		{"given twice", "mood policy", "kind: mood\nkind: mood\nversion: 1\n",
			`kind: line 2, column 1: duplicate key "kind" (first at line 1, column 1)`},
		{"only at the top: a nested kind is an unknown field", "mood policy", "version: 1\ntiers: [{id: a, kind: mood}]\n",
			"tiers[0].kind: line 2, column 17: unknown field; allowed: id, min, max, when, window, enabled"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			var p testPolicy
			d := Decode(tt.kind, []byte(tt.src), &p)
			if tt.want == "" {
				require.NoError(t, d.Err())
				assert.Equal(t, "1", p.Version)
				assert.True(t, d.Has(KindField) || !strings.Contains(tt.src, "kind"))
				return
			}
			var pe *Error
			require.True(t, errors.As(d.Err(), &pe), "want problems")
			require.Len(t, pe.Problems, 1, "%v", pe)
			assert.Equal(t, tt.want, pe.Problems[0].Error())
			assert.Equal(t, tt.kind, pe.Kind)
		})
	}
}

// TestKindFieldOfTheStruct: a struct with a top-level kind field of its
// own reads it as any other field; Decode does not take it over.
func TestKindFieldOfTheStruct(t *testing.T) {
	var p struct {
		Version string `yaml:"version"`
		Kind    string `yaml:"kind"`
	}
	d := Decode("mood policy", []byte("version: 1\nkind: qa\n"), &p)
	require.NoError(t, d.Err())
	assert.Equal(t, "qa", p.Kind)
}

func TestShortKind(t *testing.T) {
	assert.Equal(t, "mood", ShortKind("mood policy"))
	assert.Equal(t, "incentives", ShortKind("incentives policy"))
	assert.Equal(t, "thing", ShortKind("thing"), "a kind without \" policy\" is its own short kind")
}

// TestUnknownFieldKind: the top-level kind field, which Decode reads for
// every policy, is among the fields an unknown one is told are allowed,
// once even when the policy has a kind field of its own, and only at the
// top.
func TestUnknownFieldKind(t *testing.T) {
	type own struct {
		Kind    string `yaml:"kind"`
		Version string `yaml:"version"`
	}
	type nested struct {
		Version string `yaml:"version"`
		Sub     struct {
			ID string `yaml:"id"`
		} `yaml:"sub"`
	}
	tests := []struct {
		why  string
		src  string
		out  any
		want string
	}{
		{"at the top", "version: v\ncolour: x\n", &nested{},
			"test policy: 1 problem\n\tcolour: line 2, column 1: unknown field; allowed: kind, locale, version, sub"},
		{"below the top, kind is not allowed", "version: v\nsub: {colour: x}\n", &nested{},
			"test policy: 1 problem\n\tsub.colour: line 2, column 7: unknown field; allowed: id"},
		{"a policy with a kind field of its own lists it once", "version: v\ncolour: x\n", &own{},
			"test policy: 1 problem\n\tcolour: line 2, column 1: unknown field; allowed: locale, kind, version"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			assert.EqualError(t, Decode("test policy", []byte(tt.src), tt.out).Err(), tt.want)
		})
	}
}

// TestSyntaxProblemPlace: a YAML syntax error is placed where its
// message says, the column kept when there is one; yaml.v3 writes the
// line alone.
func TestSyntaxProblemPlace(t *testing.T) {
	tests := []struct {
		msg       string
		line, col int
		want      string
	}{
		{"yaml: line 3: did not find expected key", 3, 0, "YAML syntax: did not find expected key"},
		{"yaml: line 3, column 7: did not find expected key", 3, 7, "YAML syntax: did not find expected key"},
		{"yaml: unknown anchor 'x' referenced", 1, 0, "YAML: unknown anchor 'x' referenced"},
		{"yaml: line x: odd", 1, 0, "YAML: line x: odd"},
	}
	for _, tt := range tests {
		t.Run(tt.msg, func(t *testing.T) {
			d := &Doc{}
			d.syntaxProblem(errors.New(tt.msg))
			require.Len(t, d.problems, 1)
			p := d.problems[0]
			assert.Equal(t, Problem{Line: tt.line, Column: tt.col, Msg: tt.want}, Problem{Line: p.Line, Column: p.Column, Msg: p.Msg})
			assert.True(t, p.MessageID == "policy.yaml_syntax" || p.MessageID == "policy.yaml_error", p.MessageID)
		})
	}
}
