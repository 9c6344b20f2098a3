package policyfile

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/cond"
	"github.com/callfloor/callfloor/internal/msg"
	"go.yaml.in/yaml/v3"
)

// MaxSize is the largest policy source accepted, in bytes.
const MaxSize = 1 << 20

// MaxNodes bounds how many YAML nodes one decode visits, counting every
// expansion of an alias. A hand-written policy has a few thousand; a
// billion-laughs document is refused long before it can use much memory.
const MaxNodes = 200_000

// maxDepth bounds how deep aliases may nest into each other.
const maxDepth = 200

// A Scalar is a policy type written as one YAML scalar with its own syntax,
// such as a Duration. DecodeScalar returns an error whose text says what is
// allowed; the decoder adds the place.
type Scalar interface {
	DecodeScalar(value string) error
}

// Identity names a compiled policy: its declared version and a short hash
// of its exact source, so two policies that declare the same version but
// differ are told apart.
type Identity struct {
	// Version is the policy's declared version, as written in its source.
	Version string `json:"version"`
	// Hash is a short hex hash of the policy's exact source bytes.
	Hash string `json:"hash"`
}

// String gives "version@hash".
func (id Identity) String() string { return id.Version + "@" + id.Hash }

// IdentityOf computes the identity of a policy source.
func IdentityOf(version string, src []byte) Identity {
	sum := sha256.Sum256(src)
	return Identity{Version: version, Hash: hex.EncodeToString(sum[:6])}
}

type place struct {
	line, col int
	style     yaml.Style
	oneLine   bool
}

// A Doc is a policy source decoded into Go values, with the place of every
// field it held and the problems found so far. Validators add to the same
// list, so that one error reports everything.
type Doc struct {
	kind      string
	places    map[Path]place
	problems  []Problem
	failed    map[Path]bool
	visits    int
	overflow  bool
	fatal     bool
	expanding []*yaml.Node
	// mapping lists the entries of a mapping: merge keys expanded, keys
	// held to the id rule, aliases followed within MaxNodes.
	mapping MappingReader
	// aliasUse maps an alias target being decoded to the alias that led
	// there, so that a problem with the value as a whole is placed where
	// the alias is written, not where its anchor is.
	aliasUse map[*yaml.Node]*yaml.Node
	// loc is the locale the policy names in its LocaleField; nil until
	// one is read.
	loc *msg.Locale
}

var scalarType = reflect.TypeOf((*Scalar)(nil)).Elem()

// Decode reads src strictly into out, which must be a pointer to a struct
// whose fields carry yaml tags ("name", "name,required", "name,id" or
// "name,required,id"; "-" skips a field; ",inline" on an embedded struct
// merges its fields). Unknown fields, duplicate keys, missing required
// fields, values of the wrong type, a second YAML document and strings
// that break the id or text rule (see the package doc) are recorded as
// problems, all of them; decoding goes on past each. kind names the
// policy in the final error, as in "mood policy", and gives the value the
// optional top-level KindField must hold ("mood"), unless out has a
// top-level field of that name itself.
func Decode(kind string, src []byte, out any) *Doc {
	d := &Doc{kind: kind, places: map[Path]place{}, failed: map[Path]bool{}}
	d.mapping = MappingReader{Report: d.at, Say: d.atMsg, Resolve: d.resolve, Key: d.checkKey}
	if len(src) > MaxSize {
		d.fatal = true
		d.add("", 0, 0, msg.PolicyTooLarge{Size: len(src), Limit: MaxSize})
		return d
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil && err != io.EOF {
		d.fatal = true
		d.syntaxProblem(err)
		return d
	}
	if root.Kind != 0 && len(root.Content) > 0 {
		d.peekLocale(root.Content[0], out)
	}
	if !d.oneDocument(dec) {
		return d
	}
	if root.Kind == 0 || len(root.Content) == 0 || isAbsent(root.Content[0]) {
		d.fatal = true
		d.add("", 1, 1, msg.PolicyEmpty{})
		return d
	}
	d.decode(root.Content[0], reflect.ValueOf(out).Elem(), "", freeText)
	return d
}

// oneDocument reads the rest of the stream after the first document. A
// policy is one YAML document: anything written after a "---" would be
// ignored by the decoder and so is refused, with the line of the "---".
// Markers and comments with nothing else after them hold nothing that
// could be ignored and are allowed, as editors and generators write them.
// oneDocument reports false, with a fatal problem, if the rest of the
// stream is not YAML.
func (d *Doc) oneDocument(dec *yaml.Decoder) bool {
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if err == io.EOF {
			return true
		}
		if err != nil {
			d.fatal = true
			d.syntaxProblem(err)
			return false
		}
		if len(doc.Content) > 0 && !isAbsent(doc.Content[0]) {
			d.add("", doc.Line, doc.Column, msg.PolicySecondDocument{})
			return true
		}
	}
}

// isAbsent reports whether a document's content is nothing at all, as in a
// document of only a "---" marker and comments, rather than a null written
// out ("~", "null", a tag or an anchor).
func isAbsent(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" && n.Value == "" &&
		n.Style == 0 && n.Anchor == ""
}

// yamlLine reads the place of a YAML syntax error from its message, the
// only place yaml.v3 gives it: "yaml: line 3: ...". yaml.v3 (v3.0.6)
// keeps the column to itself, so a syntax problem has its line alone;
// a column, should a message carry one as "line 3, column 7", is kept.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+)(?:, column (\d+))?: (.*)$`)

func (d *Doc) syntaxProblem(err error) {
	text := err.Error()
	if m := yamlLine.FindStringSubmatch(text); m != nil {
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		d.add("", line, col, msg.PolicyYamlSyntax{Detail: m[3]})
		return
	}
	d.add("", 1, 0, msg.PolicyYamlError{Detail: strings.TrimPrefix(text, "yaml: ")})
}

// add records the problem m at a place, worded in the policy's locale.
func (d *Doc) add(path Path, line, col int, m msg.Message) {
	d.problems = append(d.problems, callfloor.LocalizedProblem(d.loc, string(path), line, col, m))
}

// Errorf records a problem with the field at path, placed at the field's
// value, or at its nearest ancestor present in the source when the field
// itself is absent. A field that already has a problem (say, a number
// written as text) gets no second one, so that validators can run over a
// partly decoded policy without piling consequences on the cause.
func (d *Doc) Errorf(path Path, format string, args ...any) {
	d.ErrorfAt(path, -1, format, args...)
}

// ID checks an id the policy declares at path, named by the message
// what ("item id"), against callfloor.ValidID, and reports a problem in
// the one wording every package uses. It reports whether the id is
// present and valid; an absent field is neither valid nor reported here,
// since the decoder reports a missing required field itself. Every id of
// a policy joins into the dotted rule paths of reasons, which only such
// ids keep unambiguous. A policy in a locale other than English is told
// without what, since the path says what the id names; IDAs names it in
// every locale.
func (d *Doc) ID(path Path, what msg.Message, id string) bool {
	if !d.Has(path) {
		return false
	}
	if callfloor.ValidID(id) {
		return true
	}
	if d.loc == nil || d.loc == msg.English() {
		d.Report(path, msg.PolicyIdSnakeCaseOf{What: what, Value: strconv.Quote(id)})
	} else {
		d.Report(path, msg.PolicyIdSnakeCase{Value: strconv.Quote(id)})
	}
	return false
}

// IDAs is ID with what named in every locale ("role", "角色").
func (d *Doc) IDAs(path Path, what msg.Message, id string) bool {
	if !d.Has(path) {
		return false
	}
	if callfloor.ValidID(id) {
		return true
	}
	d.Report(path, msg.PolicyIdSnakeCaseOf{What: what, Value: strconv.Quote(id)})
	return false
}

// ErrorfAt records a problem at a byte offset inside the scalar value at
// path, such as the position of an unknown name inside a condition. The
// column is exact for values written plain or quoted on one line; for
// block scalars it falls back to the value's own place.
func (d *Doc) ErrorfAt(path Path, offset int, format string, args ...any) {
	if d.failed[path] {
		return
	}
	d.failed[path] = true
	line, col := d.Place(path)
	if p, ok := d.places[path]; ok && p.oneLine && offset >= 0 {
		switch p.style {
		case 0:
			col += offset
		case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
			col += 1 + offset
		}
	}
	d.problems = append(d.problems, Problem{Path: string(path), Line: line, Column: col, Msg: fmt.Sprintf(format, args...)})
}

// Place returns the line and column of the value at path, or of its nearest
// ancestor present in the source.
func (d *Doc) Place(path Path) (line, col int) {
	for {
		if p, ok := d.places[path]; ok {
			return p.line, p.col
		}
		if path == "" {
			return 0, 0
		}
		path = parent(path)
	}
}

// Failed reports whether the field at path already has a problem, so that
// a cross-field check can stay quiet about a value that was never decoded.
func (d *Doc) Failed(path Path) bool { return d.failed[path] }

// Has reports whether the source wrote the field at path.
func (d *Doc) Has(path Path) bool {
	_, ok := d.places[path]
	return ok
}

// Fatal reports whether the source could not be decoded at all (too large,
// not YAML, empty, or an alias bomb). Validators should not run then: every
// field would look missing.
func (d *Doc) Fatal() bool { return d.fatal }

// OK reports whether no problem has been found so far.
func (d *Doc) OK() bool { return len(d.problems) == 0 }

// Err returns every problem found, sorted by place, as an *Error; or nil.
func (d *Doc) Err() error {
	if len(d.problems) == 0 {
		return nil
	}
	ps := append([]Problem(nil), d.problems...)
	sortProblems(ps)
	e := &Error{Kind: d.kind, Problems: ps}
	if d.loc != nil && d.loc != msg.English() {
		e.Locale = d.loc.Tag()
	}
	return e
}

func (d *Doc) at(n *yaml.Node, path Path, format string, args ...any) {
	d.failed[path] = true
	if use, ok := d.aliasUse[n]; ok {
		n = use
	}
	d.problems = append(d.problems, Problem{Path: string(path), Line: n.Line, Column: n.Column, Msg: fmt.Sprintf(format, args...)})
}

// atMsg records the problem m at node n for the field at path, worded in
// the policy's locale, as at does.
func (d *Doc) atMsg(n *yaml.Node, path Path, m msg.Message) {
	d.failed[path] = true
	if use, ok := d.aliasUse[n]; ok {
		n = use
	}
	d.add(path, n.Line, n.Column, m)
}

// got names what node n holds, for the Got of a policy.expected_*
// message, which words it in the locale the problem is worded in.
func (d *Doc) got(n *yaml.Node) msg.Message { return describe(n) }

func (d *Doc) record(n *yaml.Node, path Path) {
	if _, ok := d.places[path]; ok {
		return
	}
	d.places[path] = place{line: n.Line, col: n.Column, style: n.Style, oneLine: n.Kind == yaml.ScalarNode && !strings.Contains(n.Value, "\n")}
}

// resolve follows aliases, counting every visit against MaxNodes and
// refusing an alias that contains itself.
func (d *Doc) resolve(n *yaml.Node, path Path) (*yaml.Node, bool) {
	if d.overflow {
		return nil, false
	}
	d.visits++
	if d.visits > MaxNodes {
		d.overflow = true
		d.fatal = true
		d.atMsg(n, path, msg.PolicyAliasLimit{Limit: MaxNodes})
		return nil, false
	}
	for n.Kind == yaml.AliasNode {
		for _, e := range d.expanding {
			if e == n.Alias {
				d.atMsg(n, path, msg.PolicyAliasCycle{Alias: n.Value})
				return nil, false
			}
		}
		if len(d.expanding) >= maxDepth {
			d.atMsg(n, path, msg.PolicyAliasDepth{Limit: maxDepth})
			return nil, false
		}
		n = n.Alias
	}
	return n, true
}

// decode reads n into v; a string found there is held to rule.
func (d *Doc) decode(n *yaml.Node, v reflect.Value, path Path, rule textRule) {
	if n.Kind == yaml.AliasNode {
		target, ok := d.resolve(n, path)
		if !ok {
			return
		}
		d.record(n, path)
		d.expanding = append(d.expanding, target)
		if d.aliasUse == nil {
			d.aliasUse = map[*yaml.Node]*yaml.Node{}
		}
		prev, had := d.aliasUse[target]
		d.aliasUse[target] = n
		d.decode(target, v, path, rule)
		if had {
			d.aliasUse[target] = prev
		} else {
			delete(d.aliasUse, target)
		}
		d.expanding = d.expanding[:len(d.expanding)-1]
		return
	}
	if _, ok := d.resolve(n, path); !ok {
		return
	}
	d.record(n, path)

	if v.Kind() == reflect.Pointer {
		if isNull(n) {
			v.Set(reflect.Zero(v.Type()))
			return
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, v.Elem(), path, rule)
		return
	}
	if v.CanAddr() && v.Addr().Type().Implements(scalarType) {
		if n.Kind != yaml.ScalarNode || isNull(n) {
			d.atMsg(n, path, msg.PolicyExpectedScalar{Got: d.got(n)})
			return
		}
		if err := v.Addr().Interface().(Scalar).DecodeScalar(n.Value); err != nil {
			if m := localized(err); m != nil {
				d.atMsg(n, path, m)
			} else {
				d.at(n, path, "%v", err)
			}
		}
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.atMsg(n, path, msg.PolicyExpectedList{Got: d.got(n)})
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.decode(c, s.Index(i), path.Index(i), rule)
		}
		v.Set(s)
	case reflect.Map:
		d.decodeMap(n, v, path)
	case reflect.String:
		if rule == aVersion && isNull(n) {
			d.atMsg(n, path, msg.PolicyEmptyVersion{})
			return
		}
		if n.Kind != yaml.ScalarNode || isNull(n) {
			d.atMsg(n, path, msg.PolicyExpectedString{Got: d.got(n)})
			return
		}
		if !d.checkText(n, path, n.Value, rule) {
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
			d.atMsg(n, path, msg.PolicyExpectedBool{Got: d.got(n)})
			return
		}
		v.SetBool(n.Value == "true" || n.Value == "True" || n.Value == "TRUE")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
			d.atMsg(n, path, msg.PolicyExpectedInt{Got: d.got(n)})
			return
		}
		var i int64
		if err := n.Decode(&i); err != nil || v.OverflowInt(i) {
			d.atMsg(n, path, msg.PolicyIntRange{Value: n.Value})
			return
		}
		v.SetInt(i)
	case reflect.Float32, reflect.Float64:
		if n.Kind != yaml.ScalarNode || (n.ShortTag() != "!!int" && n.ShortTag() != "!!float") {
			d.atMsg(n, path, msg.PolicyExpectedNumber{Got: d.got(n)})
			return
		}
		var f float64
		if err := n.Decode(&f); err != nil {
			d.atMsg(n, path, msg.PolicyNumberRange{Value: n.Value})
			return
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			d.atMsg(n, path, msg.PolicyExpectedFinite{Value: n.Value})
			return
		}
		v.SetFloat(f)
	default:
		d.atMsg(n, path, msg.PolicyGoType{Type: v.Type().String()})
	}
}

type fieldInfo struct {
	index    []int
	required bool
	// rule is the rule its strings are held to: the id rule for a field
	// named "id" or "version" or tagged with the "id" option, else the
	// text rule.
	rule textRule
}

func structFields(t reflect.Type) (map[string]fieldInfo, []string) {
	fields := map[string]fieldInfo{}
	var names []string
	var walk func(t reflect.Type, prefix []int)
	walk = func(t reflect.Type, prefix []int) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("yaml")
			if tag == "-" || (!f.IsExported() && !f.Anonymous) {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			idx := append(append([]int(nil), prefix...), i)
			if opts == "inline" && f.Type.Kind() == reflect.Struct {
				walk(f.Type, idx)
				continue
			}
			if name == "" {
				name = strings.ToLower(f.Name)
			}
			info := fieldInfo{index: idx}
			switch name {
			case "id":
				info.rule = anID
			case "version":
				info.rule = aVersion
			}
			for rest := opts; rest != ""; {
				var o string
				o, rest, _ = strings.Cut(rest, ",")
				switch o {
				case "required":
					info.required = true
				case "id":
					info.rule = max(info.rule, anID)
				}
			}
			fields[name] = info
			names = append(names, name)
		}
	}
	walk(t, nil)
	return fields, names
}

func (d *Doc) decodeStruct(n *yaml.Node, v reflect.Value, path Path) {
	if n.Kind != yaml.MappingNode {
		d.atMsg(n, path, msg.PolicyExpectedMapping{Got: d.got(n)})
		return
	}
	fields, names := structFields(v.Type())
	set := map[string]bool{}
	for _, p := range d.mapping.Pairs(n, path) {
		f, ok := fields[p.Key.Value]
		if !ok && path == "" && p.Key.Value == KindField {
			d.decodeKind(p.Value)
			continue
		}
		if !ok && path == "" && p.Key.Value == LocaleField {
			d.decodeLocale(p.Value)
			continue
		}
		if !ok {
			allowed := names
			if path == "" {
				// kind and locale are read here for every policy, so they
				// are allowed at the top as much as the struct's own
				// fields are, in the order the schemas list them.
				var read []string
				for _, f := range []string{KindField, LocaleField} {
					if _, own := fields[f]; !own {
						read = append(read, f)
					}
				}
				allowed = append(read, names...)
			}
			d.atMsg(p.Key, path.Child(p.Key.Value), msg.PolicyUnknownField{Allowed: allowed})
			continue
		}
		set[p.Key.Value] = true
		d.decode(p.Value, v.FieldByIndex(f.index), path.Child(p.Key.Value), f.rule)
	}
	for _, name := range names {
		if fields[name].required && !set[name] {
			d.atMsg(n, path.Child(name), msg.PolicyRequiredField{})
		}
	}
}

// KindField is the optional top-level field that names the package a
// policy is for ("kind: mood"), so that a tool reading a file, or an
// editor choosing its schema, knows the kind without being told, and a
// policy handed to the wrong package says so at its first line instead of
// failing on every field. Decode reads it for every package and keeps it
// out of the package's raw struct.
const KindField = "kind"

// Kinds are the values KindField may take, one per package that reads
// policies.
var Kinds = []string{"coaching", "incentives", "mood", "qa"}

// ShortKind is the value of KindField that the policy kind named in an
// error ("mood policy") expects: the kind without its " policy".
func ShortKind(kind string) string { return strings.TrimSuffix(kind, " policy") }

// decodeKind checks the top-level kind field against the kind being
// decoded. Its value is held to the id rule like any other name; a value
// that names another package, or none, is one problem at the value.
func (d *Doc) decodeKind(n *yaml.Node) {
	path := Path(KindField)
	var got string
	d.decode(n, reflect.ValueOf(&got).Elem(), path, anID)
	if d.failed[path] {
		return
	}
	want := ShortKind(d.kind)
	if got == want {
		return
	}
	a := aKind(d.kind)
	for _, k := range Kinds {
		if got == k {
			d.Report(path, msg.PolicyKindMismatch{AKind: a, Got: strconv.Quote(got)})
			return
		}
	}
	d.Report(path, msg.PolicyKindUnknown{Got: strconv.Quote(got), AKind: a, Want: want})
}

// aKind names a policy of kind with its indefinite article ("a mood
// policy", "an incentives policy").
func aKind(kind string) msg.Message {
	switch kind {
	case "mood policy":
		return msg.PolicyAKindMood{}
	case "qa policy":
		return msg.PolicyAKindQa{}
	case "coaching policy":
		return msg.PolicyAKindCoaching{}
	case "incentives policy":
		return msg.PolicyAKindIncentives{}
	}
	if kind != "" && strings.ContainsRune("aeiou", rune(kind[0])) {
		return msg.PolicyAnKindGeneric{Kind: kind}
	}
	return msg.PolicyAKindGeneric{Kind: kind}
}

func (d *Doc) decodeMap(n *yaml.Node, v reflect.Value, path Path) {
	if n.Kind != yaml.MappingNode {
		d.atMsg(n, path, msg.PolicyExpectedMapping{Got: d.got(n)})
		return
	}
	if v.Type().Key().Kind() != reflect.String {
		d.atMsg(n, path, msg.PolicyGoMapType{Type: v.Type().String()})
		return
	}
	m := reflect.MakeMap(v.Type())
	for _, p := range d.mapping.Pairs(n, path) {
		e := reflect.New(v.Type().Elem()).Elem()
		d.decode(p.Value, e, path.Key(p.Key.Value), freeText)
		m.SetMapIndex(reflect.ValueOf(p.Key.Value).Convert(v.Type().Key()), e)
	}
	v.Set(m)
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// Describe names what a YAML node holds for a problem that says what was
// expected instead: "a mapping", "a list", "the whole number 3", "nothing
// (null)", or a string quoted and cut after 40 bytes. It is English, for
// problems worded in English only; a catalog message takes the node's
// message itself (policy.expected_* and their Got), worded in its own
// locale.
func Describe(n *yaml.Node) string { return describe(n).String(msg.English()) }

// describe is the catalog message that names what n holds.
func describe(n *yaml.Node) msg.Message {
	switch n.Kind {
	case yaml.MappingNode:
		return msg.PolicyNodeMapping{}
	case yaml.SequenceNode:
		return msg.PolicyNodeList{}
	case yaml.AliasNode:
		return msg.PolicyNodeAlias{}
	case yaml.ScalarNode:
		if isNull(n) {
			return msg.PolicyNodeNull{}
		}
		v := n.Value
		if len(v) > 40 {
			v = v[:40] + "..."
		}
		switch n.ShortTag() {
		case "!!int":
			return msg.PolicyNodeInt{Value: v}
		case "!!float":
			return msg.PolicyNodeFloat{Value: v}
		case "!!bool":
			return msg.PolicyNodeBool{Value: v}
		}
		return msg.PolicyNodeString{Value: strconv.Quote(v)}
	}
	return msg.PolicyNodeEmpty{}
}

// SortedKeys returns the keys of a map in order, for validators that must
// report deterministically.
func SortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Condition compiles the condition written at path against env. A
// condition that does not compile is recorded as a problem placed at the
// offending character, and Condition returns nil.
func (d *Doc) Condition(path Path, src string, env *cond.Env) *cond.Expr {
	x, err := cond.Compile(src, env)
	if err != nil {
		var ce *cond.Error
		switch {
		case errors.As(err, &ce) && ce.Message != nil:
			d.ReportAt(path, ce.Offset, ce.Message)
		case errors.As(err, &ce):
			d.ErrorfAt(path, ce.Offset, "%s", ce.Msg)
		default:
			d.ReportError(path, err)
		}
		return nil
	}
	return x
}

// localizer is an error worded by a catalog message, as the errors of
// callfloor.ParseDuration and of package cond are.
type localizer interface{ LocalizedMessage() msg.Message }

// localized gives the catalog message of err, or nil when it has none.
func localized(err error) msg.Message {
	var l localizer
	if errors.As(err, &l) {
		return l.LocalizedMessage()
	}
	return nil
}

// ReportError records err as the problem with the field at path: worded
// in the policy's locale when err carries a catalog message (the errors
// of cond.NewEnv and callfloor.ParseDuration do), else as its English
// text, as Errorf("%v", err) would.
func (d *Doc) ReportError(path Path, err error) {
	if m := localized(err); m != nil {
		d.Report(path, m)
		return
	}
	d.Errorf(path, "%v", err)
}
