package policyfile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// SchemaDraft is the JSON Schema dialect Schema writes.
const SchemaDraft = "https://json-schema.org/draft/2020-12/schema"

// IDPattern is callfloor.ValidID as a JSON Schema pattern: the ids that
// join into the dotted rule paths of reasons.
const IDPattern = "^[a-z][a-z0-9_]*$"

// DurationPattern is the text ParseDuration accepts, as a JSON Schema
// pattern: a Go duration ("90m", "1h30m", "0") or whole days ("14d", at
// most callfloor.MaxDays), never negative, with white space around it
// allowed. It admits a Go duration too long for time.Duration, which the
// parser refuses; nothing the parser accepts is refused by it.
const DurationPattern = "^" + space + "*(" +
	`\+?0*([0-9]{1,5}|100000)d|-0+d|` +
	`[+-]?0|` +
	`\+?(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+|` +
	`-((0+(\.0*)?|\.0+)(ns|us|µs|μs|ms|s|m|h))+` +
	")" + space + "*$"

// space is the white space strings.TrimSpace trims (unicode.IsSpace), as
// a character class of the characters themselves: \s differs between the
// Go and the ECMAScript dialects, and neither has the other's escapes for
// code points.
const space = "[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"

// namePattern is the id rule of the package doc, as far as a pattern can
// say it in both the Go and the ECMAScript dialects: not blank, and not
// beginning or ending with white space. Its character classes refuse
// nothing the rule allows.
const namePattern = `^\S(.*\S)?$`

// A SchemaRule is what a package's validator demands of the strings one
// field of a raw policy struct holds, beyond what its Go type says: the
// field's value when it is a string, each element when it is a list of
// strings, each key when it is a mapping.
type SchemaRule struct {
	// ID holds the strings to callfloor.ValidID (IDPattern), as the
	// validator's Doc.ID does.
	ID bool
	// Enum is the closed set of values the validator allows. With ID,
	// it is the values an editor suggests: the strings are ids, and
	// these are the usual ones.
	Enum []string
	// Refs marks a field that declares a list of ids which other fields
	// of the same document refer to, as coaching's kinds name the
	// workflows: each entry is the dotted yaml path, from the struct that
	// states the rule, of a field whose strings the validator holds to
	// the declared ids (a mapping's keys when the path ends at a
	// mapping). No JSON Schema can compare one part of a document with
	// another, so the schema holds those strings to the ids Defaults
	// lists when the field is left out, as the validator does, and to
	// IDPattern alone when it is present.
	Refs []string
	// Defaults are the ids a list that Refs marks stands for when it is
	// left out: the built-in ones.
	Defaults []string
}

// A SchemaRuler is a raw policy struct whose validator holds some of its
// string fields to an id or a closed set of values. The decoder cannot
// see those rules, so the struct states them, keyed by yaml field name,
// for Schema to write into the policy's JSON Schema. A package implements
// it on the value type, next to the constants its validator checks
// against, so that both read one list.
type SchemaRuler interface {
	SchemaRules() map[string]SchemaRule
}

var schemaRulerType = reflect.TypeOf((*SchemaRuler)(nil)).Elem()

// Schema returns the JSON Schema (draft 2020-12) of the policy format that
// Decode reads into raw, a raw policy struct (or a pointer to one) of the
// package whose KindField value is kind, such as "mood". It is written
// from the same walk of yaml tags as Decode, so the two cannot drift:
// every mapping refuses fields it does not declare, required fields are
// required, numbers, whole numbers, booleans and lists are typed, strings
// accept any scalar but null (as Decode reads a bare 2 or true into a
// string), durations follow DurationPattern, versions and names the id
// rule, and pointers alone may be null. A field named "id" is held to
// IDPattern, as every package's validator holds its ids; what else a
// validator holds to IDPattern or to a closed set of values, the raw
// structs say as SchemaRulers. A reference to a list of ids the document
// declares (SchemaRule.Refs) is an id, with the built-in ids as
// suggestions, and one of the built-in ids when the document leaves the
// list out: an "if" on the declaring field's absence. The optional
// top-level KindField is const kind and the optional LocaleField one of
// the bundled locales, unless raw declares a field of that name itself, as
// Decode reads them.
//
// The schema is indented JSON ending in a line break, the same bytes on
// every call. Schema panics if raw is not a struct or a SchemaRuler names
// a field its struct does not hold as a string, a list of strings or a
// mapping, or gives a declared list references that are no such field or
// no defaults: that is a defect of the package, found by its tests.
func Schema(kind string, raw any) []byte {
	t := reflect.TypeOf(raw)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		panic(fmt.Sprintf("policyfile.Schema: %T is not a struct", raw))
	}
	g := &generator{defs: map[string]*jsonSchema{}, names: map[reflect.Type]string{}}
	root := g.object(t, nil)
	if fields, _ := structFields(t); fields[LocaleField].index == nil {
		root.Properties = append(props{{LocaleField, &jsonSchema{Type: "string", Enum: Locales()}}}, root.Properties...)
	}
	if fields, _ := structFields(t); fields[KindField].index == nil {
		root.Properties = append(props{{KindField, &jsonSchema{Const: kind}}}, root.Properties...)
	}
	root.Schema = SchemaDraft
	root.Title = "callfloor " + kind + " policy"
	for _, name := range SortedKeys(g.defs) {
		root.Defs = append(root.Defs, prop{name, g.defs[name]})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		panic("policyfile.Schema: " + err.Error())
	}
	return asciiJSON(b.Bytes())
}

// asciiJSON escapes every character of encoded JSON outside printable
// ASCII, which can only be inside its strings, as \uXXXX: the white
// space in DurationPattern is then visible to a reader of the file, and
// no editor or diff mangles it.
func asciiJSON(b []byte) []byte {
	var out bytes.Buffer
	for _, r := range string(b) {
		if r < 0x7f {
			out.WriteRune(r)
			continue
		}
		for _, u := range utf16.Encode([]rune{r}) {
			fmt.Fprintf(&out, `\u%04x`, u)
		}
	}
	return out.Bytes()
}

// jsonSchema is the part of JSON Schema that Schema writes, its keywords
// in the order a reader looks for them.
type jsonSchema struct {
	Schema               string        `json:"$schema,omitempty"`
	Title                string        `json:"title,omitempty"`
	Description          string        `json:"description,omitempty"`
	Ref                  string        `json:"$ref,omitempty"`
	Type                 any           `json:"type,omitempty"`
	Const                any           `json:"const,omitempty"`
	Enum                 []string      `json:"enum,omitempty"`
	Pattern              string        `json:"pattern,omitempty"`
	Minimum              *int64        `json:"minimum,omitempty"`
	Maximum              *int64        `json:"maximum,omitempty"`
	AnyOf                []*jsonSchema `json:"anyOf,omitempty"`
	Properties           props         `json:"properties,omitempty"`
	Required             []string      `json:"required,omitempty"`
	PropertyNames        *jsonSchema   `json:"propertyNames,omitempty"`
	AdditionalProperties any           `json:"additionalProperties,omitempty"`
	Items                *jsonSchema   `json:"items,omitempty"`
	Not                  *jsonSchema   `json:"not,omitempty"`
	AllOf                []*jsonSchema `json:"allOf,omitempty"`
	If                   *jsonSchema   `json:"if,omitempty"`
	Then                 *jsonSchema   `json:"then,omitempty"`
	Defs                 props         `json:"$defs,omitempty"`
}

type prop struct {
	name   string
	schema *jsonSchema
}

// props keeps the order of a struct's fields, the order of the YAML a
// reader knows.
type props []prop

func (ps props) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(p.name)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(p.schema)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// The shared scalars, one $defs entry each.
var scalarDefs = map[string]*jsonSchema{
	"text": {
		Description: "Text. A bare number or true/false is read as its text; null is refused.",
		Type:        []string{"string", "number", "boolean"},
	},
	"name": {
		Description: "A name or version: printable, not blank, not beginning or ending with a space.",
		Type:        []string{"string", "number", "boolean"},
		Pattern:     namePattern,
	},
	"id": {
		Description: "An id: a lowercase ASCII letter, then lowercase letters, digits and underscores.",
		Type:        "string",
		Pattern:     IDPattern,
	},
	"duration": {
		Description: `A Go duration such as "90m", "36h" or "1h30m", or whole days such as "14d"; never negative.`,
		AnyOf: []*jsonSchema{
			{Type: "string", Pattern: DurationPattern},
			{Const: 0},
		},
	},
}

type generator struct {
	defs  map[string]*jsonSchema
	names map[reflect.Type]string // struct and scalar types already in defs
}

func (g *generator) ref(name string) *jsonSchema {
	if _, ok := g.defs[name]; !ok {
		g.defs[name] = scalarDefs[name]
	}
	return &jsonSchema{Ref: "#/$defs/" + name}
}

// value is the schema of a field of Go type t whose strings are held to
// rule by the decoder and to sr by the package's validator.
func (g *generator) value(t reflect.Type, rule textRule, sr *SchemaRule) *jsonSchema {
	if t.Kind() == reflect.Pointer {
		inner := g.value(t.Elem(), rule, sr)
		if s, ok := inner.Type.(string); ok && inner.Ref == "" && inner.Enum == nil && inner.Pattern == "" {
			inner.Type = []string{s, "null"}
			return inner
		}
		return &jsonSchema{AnyOf: []*jsonSchema{inner, {Type: "null"}}}
	}
	if reflect.PointerTo(t).Implements(scalarType) {
		if t != reflect.TypeOf(Duration(0)) {
			panic("policyfile.Schema: no schema for the scalar type " + t.String())
		}
		return g.ref("duration")
	}
	switch t.Kind() {
	case reflect.Struct:
		return g.named(t)
	case reflect.Slice:
		return &jsonSchema{Type: "array", Items: g.value(t.Elem(), rule, sr)}
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			panic("policyfile.Schema: a mapping with keys of Go type " + t.Key().String())
		}
		// Every key is held to the id rule; only a SchemaRule says more.
		var keys *jsonSchema
		if sr != nil {
			keys = stringSchema(g, anID, sr)
		}
		return &jsonSchema{Type: "object", PropertyNames: keys, AdditionalProperties: g.value(t.Elem(), freeText, nil)}
	case reflect.String:
		return stringSchema(g, rule, sr)
	case reflect.Bool:
		return &jsonSchema{Type: "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		s := &jsonSchema{Type: "integer"}
		if bits := t.Bits(); bits < 64 {
			lo, hi := int64(-1)<<(bits-1), int64(1)<<(bits-1)-1
			s.Minimum, s.Maximum = &lo, &hi
		}
		return s
	case reflect.Float32, reflect.Float64:
		return &jsonSchema{Type: "number"}
	}
	panic("policyfile.Schema: no schema for Go type " + t.String())
}

// stringSchema is the schema of one string held to rule and sr.
func stringSchema(g *generator, rule textRule, sr *SchemaRule) *jsonSchema {
	switch {
	case sr != nil && sr.ID && len(sr.Enum) > 0:
		return &jsonSchema{AnyOf: []*jsonSchema{g.ref("id"), {Type: "string", Enum: sr.Enum}}}
	case sr != nil && len(sr.Enum) > 0:
		return &jsonSchema{Type: "string", Enum: sr.Enum}
	case sr != nil && sr.ID:
		return g.ref("id")
	case rule != freeText:
		return g.ref("name")
	}
	return g.ref("text")
}

// named returns a reference to the $defs entry of a named struct type,
// writing the entry the first time; an anonymous struct is written in
// place.
func (g *generator) named(t reflect.Type) *jsonSchema {
	if t.Name() == "" {
		return g.object(t, nil)
	}
	if name, ok := g.names[t]; ok {
		return &jsonSchema{Ref: "#/$defs/" + name}
	}
	name := defName(t.Name())
	for i := 2; g.defs[name] != nil || scalarDefs[name] != nil; i++ {
		name = fmt.Sprintf("%s%d", defName(t.Name()), i)
	}
	g.names[t] = name
	g.defs[name] = &jsonSchema{} // claimed before the walk, for a type that holds itself
	*g.defs[name] = *g.object(t, nil)
	return &jsonSchema{Ref: "#/$defs/" + name}
}

// defName names a raw struct's $defs entry after its Go type without the
// "raw" prefix: rawAction gives "action".
func defName(goName string) string {
	s := strings.TrimPrefix(goName, "raw")
	if s == "" {
		s = goName
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// object is the schema of a struct as decodeStruct reads it. outer holds
// the rules an enclosing struct states for t's fields, t being the type
// of an unnamed struct field that cannot implement SchemaRuler itself.
func (g *generator) object(t reflect.Type, outer map[string]SchemaRule) *jsonSchema {
	fields, names := structFields(t)
	rules := schemaRules(t)
	for k, v := range outer {
		rules[k] = v
	}
	nested := map[string]map[string]SchemaRule{}
	for k, v := range rules {
		if field, sub, ok := strings.Cut(k, "."); ok {
			if nested[field] == nil {
				nested[field] = map[string]SchemaRule{}
			}
			nested[field][sub] = v
			delete(rules, k)
		}
	}
	s := &jsonSchema{Type: "object", AdditionalProperties: false}
	for _, name := range names {
		f := fields[name]
		ft := t.FieldByIndex(f.index).Type
		var sr *SchemaRule
		if r, ok := rules[name]; ok {
			sr = &r
			checkRuled(t, name, ft)
		} else if name == "id" {
			sr = &SchemaRule{ID: true}
		}
		var fs *jsonSchema
		if sub, ok := nested[name]; ok {
			if ft.Kind() != reflect.Struct || ft.Name() != "" {
				panic(fmt.Sprintf("policyfile.Schema: %s.SchemaRules names fields of %q, which is not an unnamed struct", t, name))
			}
			fs = g.object(ft, sub)
		} else {
			fs = g.value(ft, f.rule, sr)
		}
		s.Properties = append(s.Properties, prop{name, fs})
		if f.required {
			s.Required = append(s.Required, name)
		}
	}
	for name := range rules {
		if _, ok := fields[name]; !ok {
			panic(fmt.Sprintf("policyfile.Schema: %s.SchemaRules names %q, which is not one of its fields", t, name))
		}
	}
	for _, name := range SortedKeys(rules) {
		if r := rules[name]; len(r.Refs) > 0 {
			s.AllOf = append(s.AllOf, declaredList(t, name, r))
		}
	}
	return s
}

// declaredList is the condition of a list of ids that the field name of
// t declares and r.Refs refer to: when the field is left out, every
// reference is one of r.Defaults.
func declaredList(t reflect.Type, name string, r SchemaRule) *jsonSchema {
	if len(r.Defaults) == 0 {
		panic(fmt.Sprintf("policyfile.Schema: %s.SchemaRules gives %q references but no defaults", t, name))
	}
	then := &jsonSchema{Description: "When " + name + " is left out, the built-in ones apply, and each reference names one of them."}
	for _, ref := range r.Refs {
		if !refSchema(then, t, strings.Split(ref, "."), r.Defaults) {
			panic(fmt.Sprintf("policyfile.Schema: %s.SchemaRules gives %q the reference %q, which is no field of strings", t, name, ref))
		}
	}
	return &jsonSchema{If: &jsonSchema{Not: &jsonSchema{Required: []string{name}}}, Then: then}
}

// refSchema adds to s, a schema of values of Go type t, the closed set
// enum at the field path names, through lists and mapping values. It
// reports false when path names no field that holds strings.
func refSchema(s *jsonSchema, t reflect.Type, path []string, enum []string) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if len(path) == 0 {
		switch {
		case t.Kind() == reflect.String:
			s.Enum = enum
		case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
			s.Items = &jsonSchema{Enum: enum}
		case t.Kind() == reflect.Map && t.Key().Kind() == reflect.String:
			s.PropertyNames = &jsonSchema{Enum: enum}
		default:
			return false
		}
		return true
	}
	switch t.Kind() {
	case reflect.Slice:
		if s.Items == nil {
			s.Items = &jsonSchema{}
		}
		return refSchema(s.Items, t.Elem(), path, enum)
	case reflect.Map:
		values, _ := s.AdditionalProperties.(*jsonSchema)
		if values == nil {
			values = &jsonSchema{}
			s.AdditionalProperties = values
		}
		return refSchema(values, t.Elem(), path, enum)
	case reflect.Struct:
		fields, _ := structFields(t)
		f, ok := fields[path[0]]
		if !ok {
			return false
		}
		var sub *jsonSchema
		for _, p := range s.Properties {
			if p.name == path[0] {
				sub = p.schema
			}
		}
		if sub == nil {
			sub = &jsonSchema{}
			s.Properties = append(s.Properties, prop{path[0], sub})
		}
		return refSchema(sub, t.FieldByIndex(f.index).Type, path[1:], enum)
	}
	return false
}

// schemaRules gathers the SchemaRules of t and of the structs inlined in
// it, whose fields read as t's own.
func schemaRules(t reflect.Type) map[string]SchemaRule {
	rules := map[string]SchemaRule{}
	if t.Implements(schemaRulerType) {
		for k, v := range reflect.Zero(t).Interface().(SchemaRuler).SchemaRules() {
			rules[k] = v
		}
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if _, opts, _ := strings.Cut(f.Tag.Get("yaml"), ","); opts == "inline" && f.Type.Kind() == reflect.Struct {
			for k, v := range schemaRules(f.Type) {
				rules[k] = v
			}
		}
	}
	return rules
}

// checkRuled panics unless a field a SchemaRule names holds strings.
func checkRuled(t reflect.Type, name string, ft reflect.Type) {
	for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
		ft = ft.Elem()
	}
	if ft.Kind() == reflect.Map {
		ft = ft.Key()
	}
	if ft.Kind() != reflect.String {
		panic(fmt.Sprintf("policyfile.Schema: %s.SchemaRules names %q, which holds no strings", t, name))
	}
}

// OneOf is the SchemaRule of a closed set of values, in the order the
// validator's problem lists them.
func OneOf[T ~string](values []T) SchemaRule {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return SchemaRule{Enum: out}
}

// Declares is the SchemaRule of a field that declares a list of ids, the
// built-in defaults standing for it when it is left out, which the
// fields at refs, dotted yaml paths from the rule's struct, refer to.
// Each of those fields states RefersTo(defaults) in its own struct.
func Declares[T ~string](defaults []T, refs ...string) SchemaRule {
	return SchemaRule{ID: true, Refs: refs, Defaults: OneOf(defaults).Enum}
}

// RefersTo is the SchemaRule of a field that refers to a list of ids the
// document declares (see Declares), whose built-in ids are defaults: an
// id, of which an editor suggests the built-in ones.
func RefersTo[T ~string](defaults []T) SchemaRule {
	return SchemaRule{ID: true, Enum: OneOf(defaults).Enum}
}

// OrEmpty adds the empty string to the values a rule allows, for a field
// whose validator reads "" as the field left out. An id rule so widened
// allows an id or "".
func (r SchemaRule) OrEmpty() SchemaRule {
	r.Enum = append(append([]string(nil), r.Enum...), "")
	return r
}
