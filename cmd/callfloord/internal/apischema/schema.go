// Package apischema writes callfloord's OpenAPI 3.1 description. The
// schemas of the bodies are not written by hand: they are reflected from
// the Go types the service reads and writes, so that the description
// follows the library's JSON wherever the library changes it. Only the
// paths, the statuses each endpoint answers and the service's own
// request and response wrappers are stated here, the wrappers as Go
// structs reflected the same way.
//
// A Go type becomes a JSON Schema (draft 2020-12, the OpenAPI 3.1
// dialect) as encoding/json would write it:
//
//   - each exported field under its json name; a field tagged omitempty
//     or omitzero may be absent, every other one is required in what the
//     service writes;
//   - time.Time is a date-time string, callfloor.Duration a Go duration
//     string ("36h", "1h30m") or whole days ("14d");
//   - a type with a MarshalText method is a string, limited to the
//     package's values of the type when they can be listed (see enums.go);
//   - maps are objects whose additionalProperties give the values;
//   - a pointer, slice or map that encoding/json writes as null when nil
//     and not omitted may be null, stated as a type array (["array",
//     "null"]) or, for a reference, as anyOf with {"type": "null"}:
//     OpenAPI 3.1 removed nullable;
//   - []byte is a base64 string and json.RawMessage any value.
//
// What the service reads is described apart from what it writes (the
// Input schemas): the service's decoder takes any field as absent and
// leaves it zero, and the library says which fields it needs, so an input
// schema requires nothing and refuses only what the decoder refuses:
// unknown fields, wrong types and values no enum holds.
package apischema

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/policyfile"
)

// Schema is one JSON Schema, with the keywords the description uses, in
// the order they are written.
type Schema struct {
	Ref                  string     `yaml:"$ref,omitempty"`
	Description          string     `yaml:"description,omitempty"`
	Type                 Types      `yaml:"type,omitempty"`
	Format               string     `yaml:"format,omitempty"`
	ContentEncoding      string     `yaml:"contentEncoding,omitempty"`
	Pattern              string     `yaml:"pattern,omitempty"`
	Minimum              *float64   `yaml:"minimum,omitempty"`
	Enum                 []string   `yaml:"enum,omitempty"`
	Const                any        `yaml:"const,omitempty"`
	Items                *Schema    `yaml:"items,omitempty"`
	Properties           Properties `yaml:"properties,omitempty"`
	Required             []string   `yaml:"required,omitempty"`
	AdditionalProperties any        `yaml:"additionalProperties,omitempty"`
	AnyOf                []*Schema  `yaml:"anyOf,omitempty"`
}

// Types is a schema's type: one name, written as a string, or several,
// written as a list.
type Types []string

// MarshalYAML writes a single type as a plain string, as it is usually
// read.
func (t Types) MarshalYAML() (any, error) {
	if len(t) == 1 {
		return t[0], nil
	}
	return []string(t), nil
}

// Property is one named property of an object schema.
type Property struct {
	Name   string
	Schema *Schema
}

// Properties are an object's properties in the order of the Go struct's
// fields, which is the order encoding/json writes them in.
type Properties []Property

// MarshalYAML writes the properties as a mapping that keeps their order.
func (ps Properties) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, p := range ps {
		var v yaml.Node
		if err := v.Encode(p.Schema); err != nil {
			return nil, err
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: p.Name}, &v)
	}
	return n, nil
}

// Direction says whether a schema describes what the service reads or
// what it writes.
type Direction int

// The directions.
const (
	// Out is what the service writes: fields not omitted when empty are
	// required.
	Out Direction = iota
	// In is what the service reads: nothing is required.
	In
)

// Generator reflects Go types into schemas, collecting every named
// struct and enum it meets as a component, once.
type Generator struct {
	// Components are the named schemas met so far, by component name.
	Components map[string]*Schema
	// enums finds the values of a text-marshalled type.
	enums Enums
	// building holds the components being reflected, so that a type that
	// refers to itself gets a reference rather than an endless schema.
	building map[string]bool
}

// Enums lists the values a text-marshalled type may take, or none when
// they cannot be listed (the type is then any string).
type Enums func(reflect.Type) ([]string, error)

// NewGenerator returns a Generator that lists enum values with enums; a
// nil enums describes every text type as a plain string.
func NewGenerator(enums Enums) *Generator {
	if enums == nil {
		enums = func(reflect.Type) ([]string, error) { return nil, nil }
	}
	return &Generator{Components: map[string]*Schema{}, enums: enums, building: map[string]bool{}}
}

var (
	timeType          = reflect.TypeFor[time.Time]()
	durationType      = reflect.TypeFor[callfloor.Duration]()
	rawMessageType    = reflect.TypeFor[json.RawMessage]()
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// ownPackage is this package's path: its types are the service's own
// bodies, named after the service and used in one direction only.
var ownPackage = reflect.TypeFor[Health]().PkgPath()

// ComponentName is the name of a named type's component: its package's
// name, a dot and the type's name ("mood.Assessment"), with "Input"
// appended for a library struct as the service reads it; the service's
// own bodies are "callfloord.MoodScoreRequest".
func ComponentName(t reflect.Type, d Direction) string {
	pkg := t.PkgPath()
	if pkg == ownPackage {
		return "callfloord." + t.Name()
	}
	if i := strings.LastIndex(pkg, "/"); i >= 0 {
		pkg = pkg[i+1:]
	}
	name := pkg + "." + t.Name()
	if d == In && t.Kind() == reflect.Struct {
		name += "Input"
	}
	return name
}

// Schema returns the schema of t as the service reads or writes it: a
// reference to a component for a named struct or enum, an inline schema
// for anything else. A type encoding/json cannot write, or writes in its
// own way (a MarshalJSON method), is an error: it needs a schema stated
// by hand.
func (g *Generator) Schema(t reflect.Type, d Direction) (*Schema, error) {
	if t.Kind() == reflect.Pointer {
		return g.Schema(t.Elem(), d)
	}
	switch {
	case t == timeType:
		return &Schema{Type: Types{"string"}, Format: "date-time"}, nil
	case t == durationType:
		return g.named(t, d, func() (*Schema, error) {
			return &Schema{Type: Types{"string"}, Pattern: policyfile.DurationPattern,
				Description: `A Go duration ("90m", "36h", "1h30m") or whole days ("14d"); written as the shortest Go duration.`}, nil
		})
	case t == rawMessageType:
		return &Schema{}, nil
	case t.Implements(jsonMarshalerType) || reflect.PointerTo(t).Implements(jsonMarshalerType):
		return nil, fmt.Errorf("%s has its own MarshalJSON; its schema must be stated by hand", t)
	case t.Implements(textMarshalerType):
		return g.named(t, d, func() (*Schema, error) {
			vals, err := g.enums(t)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", t, err)
			}
			return &Schema{Type: Types{"string"}, Enum: vals}, nil
		})
	}
	switch t.Kind() {
	case reflect.Bool:
		return &Schema{Type: Types{"boolean"}}, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return &Schema{Type: Types{"integer"}}, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		zero := 0.0
		return &Schema{Type: Types{"integer"}, Minimum: &zero}, nil
	case reflect.Float32, reflect.Float64:
		return &Schema{Type: Types{"number"}}, nil
	case reflect.String:
		return &Schema{Type: Types{"string"}}, nil
	case reflect.Interface:
		return &Schema{}, nil
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 && t.Kind() == reflect.Slice {
			return &Schema{Type: Types{"string"}, ContentEncoding: "base64"}, nil
		}
		items, err := g.Schema(t.Elem(), d)
		if err != nil {
			return nil, err
		}
		return &Schema{Type: Types{"array"}, Items: items}, nil
	case reflect.Map:
		k := t.Key()
		if k.Kind() != reflect.String && !k.Implements(textMarshalerType) {
			return nil, fmt.Errorf("%s: a map key of kind %s is not a JSON object's key", t, k.Kind())
		}
		vals, err := g.Schema(t.Elem(), d)
		if err != nil {
			return nil, err
		}
		return &Schema{Type: Types{"object"}, AdditionalProperties: vals}, nil
	case reflect.Struct:
		if t.Name() == "" {
			return g.object(t, d)
		}
		return g.named(t, d, func() (*Schema, error) { return g.object(t, d) })
	}
	return nil, fmt.Errorf("%s: a value of kind %s has no JSON form", t, t.Kind())
}

// named returns a reference to t's component, reflecting it with build
// the first time t is met.
func (g *Generator) named(t reflect.Type, d Direction, build func() (*Schema, error)) (*Schema, error) {
	if t.Name() == "" || t.PkgPath() == "" {
		return build()
	}
	name := ComponentName(t, d)
	ref := &Schema{Ref: "#/components/schemas/" + name}
	if _, ok := g.Components[name]; ok || g.building[name] {
		return ref, nil
	}
	g.building[name] = true
	s, err := build()
	delete(g.building, name)
	if err != nil {
		return nil, err
	}
	g.Components[name] = s
	return ref, nil
}

// object is the schema of a struct's fields as encoding/json writes them:
// embedded structs without a json name lend their fields, and a field
// that may be written as null says so.
func (g *Generator) object(t reflect.Type, d Direction) (*Schema, error) {
	s := &Schema{Type: Types{"object"}, AdditionalProperties: false}
	seen := map[string]bool{}
	if err := g.fields(t, d, s, seen); err != nil {
		return nil, err
	}
	return s, nil
}

func (g *Generator) fields(t reflect.Type, d Direction, s *Schema, seen map[string]bool) error {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		ft := f.Type
		if f.Anonymous && name == "" {
			et := ft
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct && !et.Implements(textMarshalerType) {
				if err := g.fields(et, d, s, seen); err != nil {
					return err
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if seen[name] {
			return fmt.Errorf("%s: two fields write %q", t, name)
		}
		seen[name] = true
		if strings.Contains(","+opts+",", ",string,") {
			return fmt.Errorf("%s.%s: the string option needs a schema stated by hand", t, f.Name)
		}
		omitted := strings.Contains(","+opts+",", ",omitempty,") || strings.Contains(","+opts+",", ",omitzero,")
		fs, err := g.Schema(ft, d)
		if err != nil {
			return fmt.Errorf("%s.%s: %w", t, f.Name, err)
		}
		if !omitted && writesNull(ft) {
			fs = nullable(fs)
		}
		s.Properties = append(s.Properties, Property{Name: name, Schema: fs})
		if !omitted && d == Out {
			s.Required = append(s.Required, name)
		}
	}
	return nil
}

// writesNull says whether encoding/json writes a zero value of t as null:
// a nil pointer, slice, map or interface, unless the type writes itself.
func writesNull(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface:
		return true
	case reflect.Slice, reflect.Map:
		return !t.Implements(textMarshalerType)
	}
	return false
}

// nullable lets s be null too: a type array when s states its types, anyOf
// with null around a reference.
func nullable(s *Schema) *Schema {
	switch {
	case s.Ref != "":
		return &Schema{AnyOf: []*Schema{s, {Type: Types{"null"}}}}
	case len(s.Type) == 0:
		return s
	}
	c := *s
	c.Type = append(append(Types{}, s.Type...), "null")
	return &c
}
