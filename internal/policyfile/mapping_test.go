package policyfile

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// mappingOf parses src, a YAML document whose top is a mapping.
func mappingOf(t testing.TB, src string) *yaml.Node {
	var doc yaml.Node
	require.NoError(t, yaml.Unmarshal([]byte(src), &doc))
	return doc.Content[0]
}

// recorder is a MappingReader's problems, one "line:column path: message"
// each, and an alias resolver that refuses aliases named in refuse.
type recorder struct {
	problems []string
	refuse   string
}

func (r *recorder) report(n *yaml.Node, path Path, format string, args ...any) {
	r.problems = append(r.problems, fmt.Sprintf("%d:%d %s: %s", n.Line, n.Column, path, fmt.Sprintf(format, args...)))
}

func (r *recorder) resolve(n *yaml.Node, path Path) (*yaml.Node, bool) {
	if n.Kind == yaml.AliasNode && n.Value == r.refuse {
		r.report(n, path, "refused *%s", n.Value)
		return nil, false
	}
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n, true
}

// entries writes pairs as "key=value" in order.
func entries(ps []Pair) string {
	var s []string
	for _, p := range ps {
		s = append(s, p.Key.Value+"="+p.Value.Value)
	}
	return strings.Join(s, " ")
}

// TestMappingReader holds the shared walk to YAML's merge rules and each
// hook to its part: Key skips a key, KeyPath places a duplicate, Resolve
// stops a list of merged mappings, EnterMerge and LeaveMerge bracket
// each merge.
func TestMappingReader(t *testing.T) {
	tests := []struct {
		why      string
		src      string
		refuse   string
		key      func(r *recorder) func(*yaml.Node, Path) bool
		keyPath  func(Path, string) Path
		want     string
		problems []string
	}{
		{why: "own keys in order, then merged ones no own key overrides, earlier over later",
			src:  "b: 3\n<<: [{a: 1, b: 1}, {a: 2, c: 2}]\nd: 4\n",
			want: "b=3 d=4 a=1 c=2"},
		{why: "a merge of a merge",
			src:  "<<: {<<: {a: 1}, b: 2}\n",
			want: "b=2 a=1"},
		{why: "a merge key's value through an alias",
			src:  "x: &x {a: 1}\n<<: *x\n",
			want: "x= a=1"},
		{why: "a duplicate is placed by Path.Child when KeyPath is nil",
			src:      "\"First Call\": 1\n\"First Call\": 2\n",
			want:     "First Call=1",
			problems: []string{`2:1 m.First Call: duplicate key "First Call" (first at line 1, column 1)`}},
		{why: "a duplicate is placed by KeyPath",
			src:      "\"First Call\": 1\n\"First Call\": 2\n",
			keyPath:  Path.Key,
			want:     "First Call=1",
			problems: []string{`2:1 m["First Call"]: duplicate key "First Call" (first at line 1, column 1)`}},
		{why: "a duplicate within a merged mapping",
			src:      "<<: {a: 1, a: 2}\n",
			want:     "a=1",
			problems: []string{`1:12 m.a: duplicate key "a" (first at line 1, column 6)`}},
		{why: "a null key is a key when Key is nil",
			src:  "~: 1\n",
			want: "~=1"},
		{why: "Key skips what it refuses, with its problem, merged keys too",
			src: "x: 1\na: 2\n<<: {x: 3, b: 4}\n",
			key: func(r *recorder) func(*yaml.Node, Path) bool {
				return func(k *yaml.Node, path Path) bool {
					if k.Value == "x" {
						r.report(k, path, "no x")
						return false
					}
					return true
				}
			},
			want:     "a=2 b=4",
			problems: []string{"1:1 m: no x", "3:6 m: no x"}},
		{why: "a key that is not a scalar",
			src:      "[a]: 1\nb: 2\n",
			want:     "b=2",
			problems: []string{"1:1 m: keys must be plain strings, got a list"}},
		{why: "a merge of something other than mappings",
			src:      "<<: 3\n",
			problems: []string{"1:5 m: a merge key takes a mapping or a list of mappings, got the whole number 3"}},
		{why: "a list of merged mappings with something else in it",
			src:      "<<: [{a: 1}, [2], {b: 3}]\n",
			want:     "a=1 b=3",
			problems: []string{"1:14 m: a merge key takes a mapping or a list of mappings, got a list"}},
		{why: "Resolve refusing an element stops the list there",
			src:      "x: &x {a: 1}\ny: &y {b: 2}\n<<: [{c: 3}, *x, *y]\n",
			refuse:   "x",
			want:     "x= y= c=3",
			problems: []string{"3:14 m: refused *x"}},
		{why: "Resolve refusing a merge key's value leaves the own keys",
			src:      "x: &x {a: 1}\n<<: *x\nb: 2\n",
			refuse:   "x",
			want:     "x= b=2",
			problems: []string{"2:5 m: refused *x"}},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			rec := &recorder{refuse: tt.refuse}
			r := MappingReader{Report: rec.report, Resolve: rec.resolve, KeyPath: tt.keyPath}
			if tt.key != nil {
				r.Key = tt.key(rec)
			}
			got := r.Pairs(mappingOf(t, tt.src), "m")
			assert.Equal(t, tt.want, entries(got))
			assert.Equal(t, tt.problems, rec.problems)
		})
	}
}

// TestMappingReaderMergeHooks: EnterMerge reads each merge key's value in
// place of Resolve, LeaveMerge follows every EnterMerge that succeeded
// with the node it returned, once its mappings are read, and a merge that
// EnterMerge refuses brings nothing in.
func TestMappingReaderMergeHooks(t *testing.T) {
	rec := &recorder{}
	var log []string
	depth := 0
	r := MappingReader{Report: rec.report, Resolve: rec.resolve,
		EnterMerge: func(v *yaml.Node, path Path) (*yaml.Node, bool) {
			if depth == 2 {
				rec.report(v, path, "too deep")
				return nil, false
			}
			depth++
			n, ok := rec.resolve(v, path)
			log = append(log, fmt.Sprintf("enter %d:%d", n.Line, n.Column))
			return n, ok
		},
		LeaveMerge: func(v *yaml.Node) {
			depth--
			log = append(log, fmt.Sprintf("leave %d:%d", v.Line, v.Column))
		},
	}
	src := "base: &b {a: 1, <<: {<<: {z: 0}, y: 9}}\n<<: *b\nc: 3\n"
	got := r.Pairs(mappingOf(t, src), "m")
	assert.Equal(t, "base= c=3 a=1 y=9", entries(got))
	assert.Equal(t, []string{"enter 1:7", "enter 1:21", "leave 1:21", "leave 1:7"}, log)
	assert.Equal(t, []string{"1:26 m: too deep"}, rec.problems)
	assert.Zero(t, depth)
}

// FuzzMappingReader walks every mapping of any YAML document: no input
// panics, merges are entered and left in pairs, and no key is listed
// twice or as a merge key.
func FuzzMappingReader(f *testing.F) {
	for _, s := range []string{
		"b: 3\n<<: [{a: 1, b: 1}, {a: 2, c: 2}]\n",
		"x: &x {a: 1}\n<<: [*x, {<<: *x}]\nx: 2\n",
		"a: &a {<<: *a}\n",
		"a: &a [{<<: *a}]\n<<: *a\n",
		"[a]: 1\n~: 2\n<<: 3\n<<: [4]\n",
		"- {a: 1, a: 2}\n- !!merge x\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var doc yaml.Node
		if yaml.Unmarshal(src, &doc) != nil {
			return
		}
		visits, depth := 0, 0
		resolve := func(n *yaml.Node, path Path) (*yaml.Node, bool) {
			for i := 0; n.Kind == yaml.AliasNode; i++ {
				if i == 10 || n.Alias == nil {
					return nil, false
				}
				n = n.Alias
			}
			visits++
			return n, visits < 10_000
		}
		r := MappingReader{
			Report:  func(*yaml.Node, Path, string, ...any) {},
			Resolve: resolve,
			EnterMerge: func(v *yaml.Node, path Path) (*yaml.Node, bool) {
				if depth == 50 {
					return nil, false
				}
				n, ok := resolve(v, path)
				if ok {
					depth++
				}
				return n, ok
			},
			LeaveMerge: func(*yaml.Node) { depth-- },
		}
		var walk func(n *yaml.Node, level int)
		walk = func(n *yaml.Node, level int) {
			if n == nil || level > 20 || n.Kind == yaml.AliasNode {
				return
			}
			if n.Kind == yaml.MappingNode {
				seen := map[string]bool{}
				for _, p := range r.Pairs(n, "") {
					if p.Key.Kind != yaml.ScalarNode || p.Key.ShortTag() == "!!merge" || seen[p.Key.Value] {
						t.Fatalf("key %q listed twice or not a plain key", p.Key.Value)
					}
					seen[p.Key.Value] = true
				}
				if depth != 0 {
					t.Fatalf("merges entered and left unpaired: %d", depth)
				}
			}
			for _, c := range n.Content {
				walk(c, level+1)
			}
		}
		walk(&doc, 0)
	})
}
