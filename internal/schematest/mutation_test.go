package schematest

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/callfloor/callfloor"
)

var listIndex = regexp.MustCompile(`\[[0-9]+\]`)

// bad is a string that breaks the id pattern and is in no closed set,
// yet is printable text any free-text field accepts.
const bad = "Bad-Value"

// A mutation is one change to a valid policy, at one place.
type mutation struct {
	op   string         // "text", "empty", "type", "delete", "unknown" or "rename"
	at   callfloor.Path // the place the parser reports
	ptr  pointer        // the same place in the instance
	key  bool           // the change is to a mapping key: ptr names the mapping
	edit func(doc any)  // applies the change to a copy of the policy
}

// mutations lists every single change of the kinds a schema must judge
// as the parser does: every string replaced by bad and by "", every value by one of
// another type, every mapping key deleted or renamed to bad, and an
// unknown key added to every mapping.
func mutations(v any) []mutation {
	var out []mutation
	var walk func(v any, at callfloor.Path, ptr pointer, set func(doc any, nv any))
	walk = func(v any, at callfloor.Path, ptr pointer, set func(doc any, nv any)) {
		wrong := any(map[string]any{"zz": int64(1)})
		switch v := v.(type) {
		case map[string]any:
			wrong = []any{}
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			here := ptr
			out = append(out, mutation{op: "unknown", at: at.Child("zz_unknown"), ptr: here, key: true,
				edit: func(doc any) { get(doc, here).(map[string]any)["zz_unknown"] = int64(1) }})
			for _, k := range keys {
				k := k
				kp := ptr.child(k)
				out = append(out,
					mutation{op: "delete", at: at.Child(k), ptr: here, key: true,
						edit: func(doc any) { delete(get(doc, here).(map[string]any), k) }},
					mutation{op: "rename", at: at.Key(bad), ptr: here, key: true,
						edit: func(doc any) {
							m := get(doc, here).(map[string]any)
							m[bad] = m[k]
							delete(m, k)
						}})
				walk(v[k], at.Key(k), kp, func(doc any, nv any) { get(doc, here).(map[string]any)[k] = nv })
			}
		case []any:
			wrong = "x"
			here := ptr
			for i, e := range v {
				i := i
				walk(e, at.Index(i), ptr.index(i), func(doc any, nv any) { get(doc, here).([]any)[i] = nv })
			}
		case string:
			out = append(out,
				mutation{op: "text", at: at, ptr: ptr, edit: func(doc any) { set(doc, bad) }},
				mutation{op: "empty", at: at, ptr: ptr, edit: func(doc any) { set(doc, "") }})
		}
		if set != nil {
			out = append(out, mutation{op: "type", at: at, ptr: ptr, edit: func(doc any) { set(doc, wrong) }})
		}
	}
	walk(v, "", nil, nil)
	return out
}

// get follows ptr from doc.
func get(doc any, ptr pointer) any {
	for _, tok := range ptr {
		switch d := doc.(type) {
		case map[string]any:
			doc = d[tok]
		case []any:
			i, _ := strconv.Atoi(tok)
			doc = d[i]
		}
	}
	return doc
}

// A verdict is how the parser judged one mutation.
type verdict struct {
	refused bool
	all     []callfloor.Problem
	shape   []callfloor.Problem // problems with the shape, which the schema must see
	allowed []string            // the closed set the parser named, when the change left it
	id      bool                // the parser held the changed string to the id pattern
}

// shapeWords are the wordings of the problems a schema can see: those of
// the decoder and of Doc.ID.
var shapeWords = []string{
	"unknown field; allowed:",
	"required field is missing",
	"expected a ",
	"expected true or false",
	"must be lower_snake_case",
}

// at reports whether the parser found a problem at path.
func (v verdict) at(path callfloor.Path) bool {
	for _, p := range v.all {
		if p.Path == string(path) {
			return true
		}
	}
	return false
}

func judge(ps []callfloor.Problem) verdict {
	v := verdict{refused: len(ps) > 0, all: ps}
	for _, p := range ps {
		for _, w := range shapeWords {
			if strings.Contains(p.Msg, w) {
				v.shape = append(v.shape, p)
				if w == "must be lower_snake_case" {
					v.id = true
				}
			}
		}
		if strings.Contains(p.Msg, strconv.Quote(bad)) {
			if _, list, ok := strings.Cut(p.Msg, "; allowed: "); ok {
				list, _, _ = strings.Cut(list, " (")
				v.allowed = strings.Split(list, ", ")
				v.shape = append(v.shape, p)
			}
		}
	}
	return v
}

// schemaAt returns the schema that applies at ptr, following $ref and
// the non-null branch of anyOf, or nil.
func schemaAt(root map[string]any, s map[string]any, ptr pointer) map[string]any {
	s = deref(root, s)
	for _, tok := range ptr {
		if s == nil {
			return nil
		}
		if items, ok := s["items"].(map[string]any); ok {
			s = deref(root, items)
			continue
		}
		if props, ok := s["properties"].(map[string]any); ok {
			if p, ok := props[tok].(map[string]any); ok {
				s = deref(root, p)
				continue
			}
		}
		ap, _ := s["additionalProperties"].(map[string]any)
		s = deref(root, ap)
	}
	return s
}

func deref(root, s map[string]any) map[string]any {
	for s != nil {
		if ref, ok := s["$ref"].(string); ok {
			s, _ = get(root, strings.Split(strings.TrimPrefix(ref, "#/"), "/")).(map[string]any)
			continue
		}
		if alts, ok := s["anyOf"].([]any); ok && len(alts) == 2 {
			if null, _ := alts[1].(map[string]any); null["type"] == "null" {
				s, _ = alts[0].(map[string]any)
				continue
			}
		}
		return s
	}
	return nil
}

// closedSet is the enum and whether the id pattern applies, of the
// strings at the place of m in the schema.
func closedSet(root map[string]any, m mutation) (enum []string, id bool) {
	s := schemaAt(root, root, m.ptr)
	if m.key {
		s, _ = s["propertyNames"].(map[string]any)
		s = deref(root, s)
	}
	if s == nil {
		return nil, false
	}
	alts := []map[string]any{s}
	for _, a := range asList(s["anyOf"]) {
		am, _ := a.(map[string]any)
		alts = append(alts, deref(root, am))
	}
	for _, a := range alts {
		for _, e := range asList(a["enum"]) {
			enum = append(enum, fmt.Sprint(e))
		}
		id = id || a["pattern"] == "^[a-z][a-z0-9_]*$"
	}
	return enum, id
}

func asList(v any) []any { l, _ := v.([]any); return l }

// TestMutations changes every policy the parser accepts in every way of
// mutations, one change at a time, and holds the schema to the parser's
// judgement: the schema never refuses what the parser accepts; it
// refuses whatever the parser refuses for its shape; and where the
// parser holds a string to the id pattern or a closed set, the schema
// holds it to the same pattern or the same set, but for a reference to a
// list the policy declares, held as checkReference says.
func TestMutations(t *testing.T) {
	for _, p := range pkgs {
		t.Run(p.kind, func(t *testing.T) {
			s := p.compiled(t)
			root, err := jsonschema.UnmarshalJSON(strings.NewReader(string(p.schema())))
			if err != nil {
				t.Fatal(err)
			}
			// Elements of one list read alike: the first of each change at
			// each place, lists' indexes aside, stands for the rest.
			done := map[string]bool{}
			bases := accepted(t, p)
			if testing.Short() {
				// The default policy, and this package's own policies,
				// which judge what the default leaves unjudged.
				bases = append(bases[:1:1], slices.DeleteFunc(bases[1:], func(b policyFile) bool {
					return !strings.HasPrefix(b.name, "internal/schematest/testdata/")
				})...)
			}
			for _, base := range bases {
				doc, err := instance(base.src)
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range mutations(doc) {
					// A reference to a declared list is judged twice: in
					// a policy that declares the list and in one that
					// leaves it out.
					d, isRef := declaredAt(root.(map[string]any), m)
					k := m.op + " " + listIndex.ReplaceAllString(string(m.at), "[]")
					if isRef {
						k += fmt.Sprintf(" (%s declared: %v)", d.name, has(doc, d.list))
					}
					if done[k] {
						continue
					}
					done[k] = true
					mutated := clone(doc)
					m.edit(mutated)
					src := source(mutated)
					v := judge(p.problems(t, src))
					verr := s.Validate(mutated)
					where := fmt.Sprintf("%s: %s %s", base.name, m.op, m.at)
					if verr != nil && !v.refused {
						t.Errorf("%s: the schema refuses what the parser accepts: %v", where, verr)
					}
					if verr == nil && len(v.shape) > 0 {
						t.Errorf("%s: the parser refuses it for its shape, the schema accepts it: %v", where, v.shape)
					}
					if m.op == "empty" {
						// A problem elsewhere, such as a count metric
						// made a number, is a check across fields.
						if enum, _ := closedSet(root.(map[string]any), m); slices.Contains(enum, "") && v.at(m.at) {
							t.Errorf("%s: the schema allows \"\", the parser refuses it: %v", where, v.all)
						}
						continue
					}
					if m.op != "text" && m.op != "rename" {
						continue
					}
					if m.op == "rename" && !isMap(root.(map[string]any), m) {
						continue
					}
					enum, id := closedSet(root.(map[string]any), m)
					if isRef {
						checkReference(t, where, doc, d, v, enum, id)
						continue
					}
					if !sameSet(slices.DeleteFunc(enum, func(s string) bool { return s == "" }), v.allowed) {
						t.Errorf("%s: the parser allows %q, the schema %q", where, v.allowed, enum)
					}
					if id != v.id {
						t.Errorf("%s: the parser holds it to the id pattern: %v; the schema: %v", where, v.id, id)
					}
				}
			}
		})
	}
}

// isMap reports whether the mapping a key mutation changed is a Go map,
// whose keys a SchemaRule may hold, rather than a struct.
func isMap(root map[string]any, m mutation) bool {
	s := schemaAt(root, root, m.ptr)
	_, ok := s["properties"]
	return s != nil && !ok
}

func sameSet(a, b []string) bool {
	a, b = append([]string(nil), a...), append([]string(nil), b...)
	sort.Strings(a)
	sort.Strings(b)
	return strings.Join(a, "\x00") == strings.Join(b, "\x00")
}

// A declared is a list of ids a policy declares, or leaves out for the
// built-in ones, that the strings at a mutation's place refer to, as
// coaching's workflows refer to its kinds.
type declared struct {
	name     string   // the list's field
	list     pointer  // the list's place in the instance
	defaults []string // the built-in ids, which the schema requires when the list is left out
}

// declaredAt finds the condition a mapping on the way to m's place puts
// on it: an allOf entry whose "if" is the absence of the list's field
// and whose "then" holds the place to the built-in ids.
func declaredAt(root map[string]any, m mutation) (declared, bool) {
	s := deref(root, root)
	for i := 0; i <= len(m.ptr) && s != nil; i++ {
		for _, c := range asList(s["allOf"]) {
			c, _ := c.(map[string]any)
			not, _ := c["if"].(map[string]any)["not"].(map[string]any)
			req := asList(not["required"])
			then, _ := c["then"].(map[string]any)
			if len(req) != 1 || then == nil {
				continue
			}
			at := schemaAt(root, then, m.ptr[i:])
			if m.key {
				at, _ = at["propertyNames"].(map[string]any)
			}
			if enum := asList(at["enum"]); len(enum) > 0 {
				d := declared{name: fmt.Sprint(req[0]), list: append(append(pointer(nil), m.ptr[:i]...), fmt.Sprint(req[0]))}
				for _, e := range enum {
					d.defaults = append(d.defaults, fmt.Sprint(e))
				}
				return d, true
			}
		}
		if i < len(m.ptr) {
			s = schemaAt(root, s, m.ptr[i:i+1])
		}
	}
	return declared{}, false
}

// has reports whether the instance holds a field at ptr.
func has(doc any, ptr pointer) bool {
	if len(ptr) == 0 {
		return true
	}
	m, ok := get(doc, ptr[:len(ptr)-1]).(map[string]any)
	if !ok {
		return false
	}
	_, ok = m[ptr[len(ptr)-1]]
	return ok
}

// checkReference holds a reference to a declared list, which no schema
// can compare with the list, to what each side can check. The parser
// holds it to the ids the policy declares, or to the built-in ids when
// it declares none; the schema holds it to those same built-in ids when
// the list is left out, and otherwise to the id pattern, which every
// declared id follows, suggesting the built-in ids.
func checkReference(t *testing.T, where string, doc any, d declared, v verdict, enum []string, id bool) {
	t.Helper()
	for _, e := range d.defaults {
		if !callfloor.ValidID(e) {
			t.Errorf("%s: the schema requires the built-in %s %q, which is no id", where, d.name, e)
		}
	}
	if !has(doc, d.list) {
		if !sameSet(v.allowed, d.defaults) {
			t.Errorf("%s: with %s left out, the parser allows %q, the schema %q", where, d.name, v.allowed, d.defaults)
		}
		return
	}
	var want []string
	for _, e := range asList(get(doc, d.list)) {
		want = append(want, fmt.Sprint(e))
	}
	if !sameSet(v.allowed, want) {
		t.Errorf("%s: the parser allows %q, the policy declares %s %q", where, v.allowed, d.name, want)
	}
	if !id {
		t.Errorf("%s: the schema does not hold a reference to the declared %s to the id pattern", where, d.name)
	}
	if !sameSet(slices.DeleteFunc(enum, func(s string) bool { return s == "" }), d.defaults) {
		t.Errorf("%s: the schema suggests %q, the built-in %s are %q", where, enum, d.name, d.defaults)
	}
}
