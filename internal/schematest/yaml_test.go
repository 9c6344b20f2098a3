package schematest

import (
	"fmt"
	"math"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// instance reads a YAML source as an editor's schema validator sees it: a
// tree of maps, lists and typed scalars, aliases and merge keys resolved.
// A float JSON cannot hold (.inf, .nan) stays its text, which no number
// schema accepts, as the parser accepts none.
func instance(src []byte) (any, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(src, &n); err != nil {
		return nil, err
	}
	if len(n.Content) == 0 {
		return nil, fmt.Errorf("empty document")
	}
	return value(n.Content[0], 0)
}

func value(n *yaml.Node, depth int) (any, error) {
	if depth > 100 {
		return nil, fmt.Errorf("aliases nest too deep")
	}
	switch n.Kind {
	case yaml.AliasNode:
		return value(n.Alias, depth+1)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := value(c, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := map[string]any{}
		var merged []map[string]any
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, c := n.Content[i], n.Content[i+1]
			v, err := value(c, depth+1)
			if err != nil {
				return nil, err
			}
			if k.ShortTag() == "!!merge" {
				switch m := v.(type) {
				case map[string]any:
					merged = append(merged, m)
				case []any:
					for _, e := range m {
						if em, ok := e.(map[string]any); ok {
							merged = append(merged, em)
						}
					}
				}
				continue
			}
			out[k.Value] = v
		}
		for _, m := range merged {
			for k, v := range m {
				if _, ok := out[k]; !ok {
					out[k] = v
				}
			}
		}
		return out, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil, nil
		case "!!bool":
			var b bool
			err := n.Decode(&b)
			return b, err
		case "!!int":
			var i int64
			if err := n.Decode(&i); err == nil {
				return i, nil
			}
			return n.Value, nil
		case "!!float":
			var f float64
			if err := n.Decode(&f); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
				return n.Value, nil
			}
			return f, nil
		}
		return n.Value, nil
	}
	return nil, fmt.Errorf("YAML node of kind %d at line %d", n.Kind, n.Line)
}

// clone copies an instance tree, so that a mutation leaves the original.
func clone(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = clone(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = clone(e)
		}
		return out
	}
	return v
}

// source writes an instance back as YAML for the parser. Strings that
// would read as another type are quoted by the encoder.
func source(v any) []byte {
	b, err := yaml.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// pointer is a JSON Pointer token list, for reading the schema at a place.
type pointer []string

func (p pointer) child(k string) pointer { return append(append(pointer(nil), p...), k) }
func (p pointer) index(i int) pointer    { return p.child(strconv.Itoa(i)) }
