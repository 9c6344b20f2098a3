package policyfile

import (
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/callfloor/callfloor/internal/msg"
)

// A Pair is one entry of a YAML mapping: its key and its value, as
// written, aliases not followed.
type Pair struct{ Key, Value *yaml.Node }

// A MappingReader lists the entries of YAML mappings the way every
// callfloor file is read: merge keys ("<<: *base", or "<<: [*a, *b]")
// expanded, an explicit key winning over a merged one and an earlier
// merged mapping over a later one, a merged mapping checked as if written
// out, and a key that is not a scalar or is written twice reported and
// skipped. Decode reads policies with it, and a tool that reads other
// YAML beside them (the unit tests of a policy) uses it too, so that one
// document means one thing to both.
//
// What differs between readers is theirs to say: how aliases are
// followed and bounded (Resolve, EnterMerge, LeaveMerge), which keys are
// allowed (Key), how a key joins a path (KeyPath) and in which locale its
// problems are worded (Say). Resolve and one of Report and Say are
// required; the others may be nil.
type MappingReader struct {
	// Report records a problem at node n for the field at path, in
	// English; it is used when Say is nil.
	Report func(n *yaml.Node, path Path, format string, args ...any)
	// Say, when set, records a problem at node n for the field at path
	// as a catalog message, for a reader that words it in a locale.
	Say func(n *yaml.Node, path Path, m msg.Message)
	// Resolve follows n, when it is an alias, to the node it names,
	// counting it against the reader's bounds. It reports why and
	// returns false when it cannot; the rest of the merge is then not
	// read. It reads each element of a list of merged mappings, and the
	// value of a merge key when EnterMerge is nil.
	Resolve func(n *yaml.Node, path Path) (*yaml.Node, bool)
	// EnterMerge, when set, reads the value of a merge key in place of
	// Resolve, and LeaveMerge, when set, is called with the node
	// EnterMerge returned once the mappings merged from it are read, so
	// that a reader can bound how deep merges nest or refuse a merge of a
	// mapping into itself.
	EnterMerge func(v *yaml.Node, path Path) (*yaml.Node, bool)
	LeaveMerge func(v *yaml.Node)
	// Key holds a scalar key to the reader's own rule, reporting why and
	// returning false for a key to skip. nil allows every scalar key.
	Key func(k *yaml.Node, path Path) bool
	// KeyPath is the path of the entry with key k in the mapping at path,
	// where a duplicate key is reported. nil is Path.Child.
	KeyPath func(path Path, k string) Path
}

func (r *MappingReader) say(n *yaml.Node, path Path, m msg.Message) {
	if r.Say != nil {
		r.Say(n, path, m)
		return
	}
	r.Report(n, path, "%s", m.String(msg.English()))
}

// Pairs lists the entries of the mapping n, found at path: its own in
// the order written, then the merged ones no own key overrides.
func (r *MappingReader) Pairs(n *yaml.Node, path Path) []Pair {
	var explicit, merged []Pair
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merged = append(merged, r.merge(v, path)...)
			continue
		}
		if k.Kind != yaml.ScalarNode {
			r.say(k, path, msg.PolicyKeyNotString{Got: describe(k)})
			continue
		}
		if r.Key != nil && !r.Key(k, path) {
			continue
		}
		if first, dup := seen[k.Value]; dup {
			keyPath := path.Child(k.Value)
			if r.KeyPath != nil {
				keyPath = r.KeyPath(path, k.Value)
			}
			r.say(k, keyPath, msg.PolicyDuplicateKey{Key: strconv.Quote(k.Value), Line: first.Line, Column: first.Column})
			continue
		}
		seen[k.Value] = k
		explicit = append(explicit, Pair{k, v})
	}
	for _, p := range merged {
		if _, ok := seen[p.Key.Value]; ok {
			continue
		}
		seen[p.Key.Value] = p.Key
		explicit = append(explicit, p)
	}
	return explicit
}

// merge lists the entries that the value v of a merge key brings in: a
// mapping's, or those of each mapping of a list.
func (r *MappingReader) merge(v *yaml.Node, path Path) []Pair {
	enter := r.EnterMerge
	if enter == nil {
		enter = r.Resolve
	}
	v, ok := enter(v, path)
	if !ok {
		return nil
	}
	if r.LeaveMerge != nil {
		defer r.LeaveMerge(v)
	}
	switch v.Kind {
	case yaml.MappingNode:
		return r.Pairs(v, path)
	case yaml.SequenceNode:
		var out []Pair
		for _, c := range v.Content {
			c, ok := r.Resolve(c, path)
			if !ok {
				return out
			}
			if c.Kind != yaml.MappingNode {
				r.say(c, path, msg.PolicyMergeNotMapping{Got: describe(c)})
				continue
			}
			out = append(out, r.Pairs(c, path)...)
		}
		return out
	}
	r.say(v, path, msg.PolicyMergeNotMapping{Got: describe(v)})
	return nil
}
