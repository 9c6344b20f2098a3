package server

import (
	"bytes"
	"encoding"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/callfloor/callfloor"
)

// decode reads the request body, one JSON value, into out. The body is
// bounded by MaxBody and its nesting by MaxDepth. Malformed JSON is a 400
// that gives the byte offset; a well-formed body with a wrong field is a
// 422 naming every field at fault by its path in the body.
func (q *request) decode(out any) error {
	body := http.MaxBytesReader(nil, q.r.Body, q.s.cfg.MaxBody)
	buf, err := io.ReadAll(body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return newProblem(http.StatusRequestEntityTooLarge, "too-large", "Request body too large",
				fmt.Sprintf("a request body holds at most %d bytes", q.s.cfg.MaxBody))
		}
		return newProblem(http.StatusBadRequest, "unreadable", "Unreadable body", err.Error())
	}
	return decodeJSON(buf, q.s.cfg.MaxDepth, out)
}

// decodeJSON is decode's reading of a body already in memory. The body is
// checked against out's type first, so that every mistake is reported
// with its path; only a body with none is handed to encoding/json, which
// then accepts it as it stands.
func decodeJSON(buf []byte, maxDepth int, out any) error {
	root, err := parseBody(buf, maxDepth)
	if err != nil {
		return err
	}
	if errs := checkBody(root, reflect.TypeOf(out)); len(errs) > 0 {
		return inputProblem(errs...)
	}
	dec := json.NewDecoder(bytes.NewReader(buf))
	dec.DisallowUnknownFields()
	if err := dec.Decode(out); err != nil {
		// checkBody refuses all encoding/json refuses (FuzzDecode holds
		// them to it); should they ever differ, the body is still
		// refused, with encoding/json's own words.
		return inputProblem(&callfloor.InputError{Kind: callfloor.ErrInvalid, Msg: err.Error()})
	}
	return nil
}

// parseBody checks that buf is one JSON value nested at most maxDepth deep
// and returns its tree.
func parseBody(buf []byte, maxDepth int) (*jnode, error) {
	if len(bytes.TrimLeft(buf, " \t\r\n")) == 0 {
		return nil, malformed("the body is empty; send one JSON value")
	}
	if err := checkDepth(buf, maxDepth); err != nil {
		return nil, err
	}
	// json.Valid checks the syntax without building anything; only a body
	// it refuses is read again, for the offset of its mistake.
	if !json.Valid(buf) {
		var raw json.RawMessage
		err := json.Unmarshal(buf, &raw)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, malformed(fmt.Sprintf("%s, at byte %d", strings.TrimPrefix(se.Error(), "json: "), se.Offset))
		}
		if err == nil {
			err = errors.New("not one JSON value")
		}
		return nil, malformed(err.Error())
	}
	p := jparser{buf: buf}
	return p.value(), nil
}

func malformed(detail string) *Problem {
	return newProblem(http.StatusBadRequest, "malformed", "Malformed JSON", detail)
}

// checkDepth refuses JSON nested deeper than max, before anything is
// decoded, so that a deep body costs no more than its bytes.
func checkDepth(buf []byte, max int) error {
	depth := 0
	inString, escaped := false, false
	for _, c := range buf {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			if depth > max {
				return malformed(fmt.Sprintf("JSON nested deeper than %d levels", max))
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return nil
}

// jnode is one value of a JSON document known to be well formed.
type jnode struct {
	// kind is the value's first byte, '0' for every number.
	kind byte
	// raw is the value's own bytes in the document.
	raw []byte
	// members are an object's, in document order.
	members []jmember
	// elems are an array's.
	elems []*jnode
}

type jmember struct {
	key string
	val *jnode
}

// jparser reads a document that json.Unmarshal has already accepted, so
// it checks nothing: it only finds where each value starts and ends.
type jparser struct {
	buf []byte
	i   int
}

func (p *jparser) space() {
	for p.i < len(p.buf) {
		switch p.buf[p.i] {
		case ' ', '\t', '\r', '\n':
			p.i++
		default:
			return
		}
	}
}

func (p *jparser) value() *jnode {
	p.space()
	start := p.i
	n := &jnode{kind: p.buf[p.i]}
	switch n.kind {
	case '{':
		p.i++
		p.space()
		if p.buf[p.i] == '}' {
			p.i++
			break
		}
		for {
			p.space()
			ks := p.i
			p.skipString()
			key := unquote(p.buf[ks:p.i])
			p.space()
			p.i++ // ':'
			n.members = append(n.members, jmember{key: key, val: p.value()})
			p.space()
			c := p.buf[p.i]
			p.i++
			if c == '}' {
				break
			}
		}
	case '[':
		p.i++
		p.space()
		if p.buf[p.i] == ']' {
			p.i++
			break
		}
		for {
			n.elems = append(n.elems, p.value())
			p.space()
			c := p.buf[p.i]
			p.i++
			if c == ']' {
				break
			}
		}
	case '"':
		p.skipString()
	case 't', 'n':
		p.i += 4
	case 'f':
		p.i += 5
	default:
		n.kind = '0'
		for p.i < len(p.buf) && strings.IndexByte("+-0123456789.eE", p.buf[p.i]) >= 0 {
			p.i++
		}
	}
	n.raw = p.buf[start:p.i]
	return n
}

func (p *jparser) skipString() {
	p.i++
	for {
		switch p.buf[p.i] {
		case '\\':
			p.i += 2
		case '"':
			p.i++
			return
		default:
			p.i++
		}
	}
}

// unquote reads a JSON string literal as encoding/json does, invalid
// UTF-8 and lone surrogates turned into U+FFFD.
func unquote(raw []byte) string {
	in := raw[1 : len(raw)-1]
	if bytes.IndexByte(in, '\\') < 0 && utf8.Valid(in) {
		return string(in)
	}
	var s string
	_ = json.Unmarshal(raw, &s)
	return s
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	numberType          = reflect.TypeFor[json.Number]()
	timeType            = reflect.TypeFor[time.Time]()
)

// checker walks a JSON tree beside the Go type it is to be decoded into
// and collects every mistake, each with its path in the body. It decides
// as encoding/json decides: the same field names (exact, then any case),
// the same conversions, the same Unmarshal methods; and it refuses one
// thing encoding/json allows, a key given twice in an object.
type checker struct {
	errs callfloor.InputErrors
}

// checkBody checks root against out, a pointer to the value to fill.
func checkBody(root *jnode, out reflect.Type) callfloor.InputErrors {
	var c checker
	um, t := resolve(out, root.kind == 'n', true)
	c.value(root, um, t, "")
	return c.errs
}

// add keeps e, unless it is nil or MaxProblems are kept already.
func (c *checker) add(e *callfloor.InputError) {
	if e != nil && len(c.errs) < callfloor.MaxProblems {
		c.errs = append(c.errs, e)
	}
}

// unmarshalKind says which of its own methods a type decodes with.
type unmarshalKind int

const (
	plain unmarshalKind = iota
	viaJSON
	viaText
)

// resolve follows t as encoding/json's indirect follows a value of type t:
// through pointers, stopping at the first type whose UnmarshalJSON (or,
// for a value other than null, UnmarshalText) decodes it. The type
// returned is that method's receiver, or the type the value lands in. A
// value in a struct field, slice, array or map is settable and
// addressable; the top one, out itself, is a pointer that is neither.
func resolve(t reflect.Type, null, top bool) (unmarshalKind, reflect.Type) {
	settable := !top
	if !top && t.Kind() != reflect.Pointer && t.Name() != "" {
		if k := methodsOf(reflect.PointerTo(t), null); k != plain {
			return k, reflect.PointerTo(t)
		}
		return plain, t
	}
	for t.Kind() == reflect.Pointer {
		if null && settable {
			return plain, t
		}
		if k := methodsOf(t, null); k != plain {
			return k, t
		}
		t, settable = t.Elem(), true
	}
	return plain, t
}

func methodsOf(pt reflect.Type, null bool) unmarshalKind {
	if pt.NumMethod() == 0 {
		return plain
	}
	if pt.Implements(unmarshalerType) {
		return viaJSON
	}
	if !null && pt.Implements(textUnmarshalerType) {
		return viaText
	}
	return plain
}

// value checks n against t, which resolve gave with um.
func (c *checker) value(n *jnode, um unmarshalKind, t reflect.Type, path callfloor.Path) {
	switch um {
	case viaJSON:
		c.viaJSON(n, t, path)
		return
	case viaText:
		if n.kind != '"' {
			c.add(wrongType(path, "a string", n))
			return
		}
		v := reflect.New(t.Elem()).Interface().(encoding.TextUnmarshaler)
		if err := v.UnmarshalText([]byte(unquote(n.raw))); err != nil {
			c.add(atPath(path, err))
		}
		return
	}
	if n.kind == 'n' {
		return
	}
	if t.Kind() == reflect.Interface {
		if t.NumMethod() == 0 {
			c.anything(n, path)
			return
		}
		c.add(wrongType(path, "null", n))
		return
	}
	switch n.kind {
	case '{':
		switch t.Kind() {
		case reflect.Struct:
			c.object(n, t, path)
		case reflect.Map:
			c.mapOf(n, t, path)
		default:
			c.add(wrongType(path, expected(t), n))
		}
	case '[':
		switch t.Kind() {
		case reflect.Slice, reflect.Array:
			et := t.Elem()
			for i, e := range n.elems {
				if t.Kind() == reflect.Array && i >= t.Len() {
					break
				}
				um, rt := resolve(et, e.kind == 'n', false)
				c.value(e, um, rt, path.Index(i))
			}
		default:
			c.add(wrongType(path, expected(t), n))
		}
	case '"':
		c.str(n, t, path)
	case 't', 'f':
		if t.Kind() != reflect.Bool {
			c.add(wrongType(path, expected(t), n))
		}
	default:
		c.number(n, t, path)
	}
}

// viaJSON runs the UnmarshalJSON of a fresh value of t on n.
func (c *checker) viaJSON(n *jnode, t reflect.Type, path callfloor.Path) {
	v := reflect.New(t.Elem()).Interface().(json.Unmarshaler)
	err := v.UnmarshalJSON(n.raw)
	if err == nil {
		return
	}
	if t.Elem() == timeType {
		if n.kind != '"' {
			c.add(wrongType(path, "an RFC 3339 time string", n))
			return
		}
		why := "is not an RFC 3339 time, as 2026-03-01T09:00:00Z"
		var pe *time.ParseError
		if errors.As(err, &pe) && pe.Message != "" {
			why = "is not an RFC 3339 time:" + strings.TrimPrefix(pe.Message, ":")
		}
		c.add(callfloor.Invalid(path, unquote(n.raw), why))
		return
	}
	c.add(atPath(path, err))
}

// atPath is err, the error of a type's own Unmarshal method, at path: the
// library's input errors keep their kind and words, any other is invalid.
func atPath(path callfloor.Path, err error) *callfloor.InputError {
	var ie *callfloor.InputError
	if errors.As(err, &ie) {
		e := *ie
		switch {
		case e.Field == "":
			e.Field = path
		case path != "":
			e.Field = callfloor.Path(string(path) + "." + string(e.Field))
		}
		return &e
	}
	return &callfloor.InputError{Field: path, Kind: callfloor.ErrInvalid, Msg: err.Error()}
}

func (c *checker) object(n *jnode, t reflect.Type, path callfloor.Path) {
	fields := fieldsOf(t)
	seen := make(map[*jfield]bool, len(n.members))
	for _, m := range n.members {
		f := fields.byName[m.key]
		if f == nil {
			f = fields.byFold[foldName(m.key)]
		}
		if f == nil {
			c.add(callfloor.NotSupported(path.Key(m.key), "field", m.key, fields.names))
			continue
		}
		fp := path.Child(f.name)
		if seen[f] {
			c.add(duplicateKey(fp))
			continue
		}
		seen[f] = true
		if f.unsettable {
			c.add(&callfloor.InputError{Field: fp, Kind: callfloor.ErrInvalid,
				Msg: "cannot be set: it lies in an embedded pointer to an unexported struct"})
			continue
		}
		um, rt := resolve(f.typ, m.val.kind == 'n', false)
		c.value(m.val, um, rt, fp)
	}
}

func (c *checker) mapOf(n *jnode, t reflect.Type, path callfloor.Path) {
	kt := t.Key()
	textKey := reflect.PointerTo(kt).Implements(textUnmarshalerType)
	switch kt.Kind() {
	case reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
	default:
		if !textKey {
			c.add(wrongType(path, expected(t), n))
			return
		}
	}
	et := t.Elem()
	seen := make(map[string]bool, len(n.members))
	for _, m := range n.members {
		kp := path.Key(m.key)
		if seen[m.key] {
			c.add(duplicateKey(kp))
			continue
		}
		seen[m.key] = true
		um, rt := resolve(et, m.val.kind == 'n', false)
		c.value(m.val, um, rt, kp)
		switch {
		case textKey:
			k := reflect.New(kt).Interface().(encoding.TextUnmarshaler)
			if err := k.UnmarshalText([]byte(m.key)); err != nil {
				c.add(atPath(kp, err))
			}
		case kt.Kind() != reflect.String:
			c.add(integerRange(kp, m.key, kt, "a key of this object"))
		}
	}
}

// anything checks a value decoded into an empty interface, which takes
// every value but a number beyond float64.
func (c *checker) anything(n *jnode, path callfloor.Path) {
	switch n.kind {
	case '{':
		seen := make(map[string]bool, len(n.members))
		for _, m := range n.members {
			kp := path.Key(m.key)
			if seen[m.key] {
				c.add(duplicateKey(kp))
				continue
			}
			seen[m.key] = true
			c.anything(m.val, kp)
		}
	case '[':
		for i, e := range n.elems {
			c.anything(e, path.Index(i))
		}
	case '0':
		if _, err := strconv.ParseFloat(string(n.raw), 64); err != nil {
			c.add(floatRange(path, n, 64))
		}
	}
}

func (c *checker) str(n *jnode, t reflect.Type, path callfloor.Path) {
	switch t.Kind() {
	case reflect.String:
		if t == numberType && !isValidNumber(unquote(n.raw)) {
			c.add(callfloor.Invalid(path, unquote(n.raw), "is not a JSON number"))
		}
	case reflect.Slice:
		if t.Elem().Kind() != reflect.Uint8 {
			c.add(wrongType(path, expected(t), n))
			return
		}
		if _, err := base64.StdEncoding.DecodeString(unquote(n.raw)); err != nil {
			c.add(&callfloor.InputError{Field: path, Kind: callfloor.ErrInvalid, Msg: "is not standard base64"})
		}
	default:
		c.add(wrongType(path, expected(t), n))
	}
}

func (c *checker) number(n *jnode, t reflect.Type, path callfloor.Path) {
	lit := string(n.raw)
	switch t.Kind() {
	case reflect.String:
		if t != numberType {
			c.add(wrongType(path, expected(t), n))
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if !isInteger(lit) {
			c.add(&callfloor.InputError{Field: path, Kind: callfloor.ErrInvalid, Msg: "must be an integer, not " + lit})
			return
		}
		c.add(integerRange(path, lit, t, ""))
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(lit, t.Bits())
		if err != nil || reflect.Zero(t).OverflowFloat(f) {
			c.add(floatRange(path, n, t.Bits()))
		}
	default:
		c.add(wrongType(path, expected(t), n))
	}
}

// integerRange is the error of lit, a number or a map key, that integer
// type t cannot hold, or nil when t holds it; what names the value for a
// text that is no integer at all.
func integerRange(path callfloor.Path, lit string, t reflect.Type, what string) *callfloor.InputError {
	bits := t.Bits()
	var lo, hi string
	ok := false
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(lit, 10, 64)
		ok = err == nil && !reflect.Zero(t).OverflowInt(n)
		lo, hi = strconv.FormatInt(-1<<(bits-1), 10), strconv.FormatInt(1<<(bits-1)-1, 10)
	default:
		n, err := strconv.ParseUint(lit, 10, 64)
		ok = err == nil && !reflect.Zero(t).OverflowUint(n)
		lo, hi = "0", strconv.FormatUint(^uint64(0)>>(64-bits), 10)
	}
	if ok {
		return nil
	}
	if !isInteger(lit) {
		return &callfloor.InputError{Field: path, Kind: callfloor.ErrInvalid, Msg: strconv.Quote(lit) + " is not an integer, which " + what + " must be"}
	}
	return &callfloor.InputError{Field: path, Kind: callfloor.ErrOutOfRange, Msg: lit + " is outside " + lo + ".." + hi}
}

func floatRange(path callfloor.Path, n *jnode, bits int) *callfloor.InputError {
	return &callfloor.InputError{Field: path, Kind: callfloor.ErrOutOfRange,
		Msg: fmt.Sprintf("%s is beyond the range of a %d-bit floating-point number", n.raw, bits)}
}

// isInteger reports whether s is an optional minus and decimal digits.
func isInteger(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func duplicateKey(path callfloor.Path) *callfloor.InputError {
	return &callfloor.InputError{Field: path, Kind: callfloor.ErrDuplicate,
		Msg: "is given twice; each key may appear once in an object"}
}

// wrongType is the error of a JSON value of the wrong type.
func wrongType(path callfloor.Path, want string, n *jnode) *callfloor.InputError {
	got := map[byte]string{'{': "an object", '[': "an array", '"': "a string", 't': "true", 'f': "false", 'n': "null", '0': "a number"}[n.kind]
	return &callfloor.InputError{Field: path, Kind: callfloor.ErrInvalid, Msg: "must be " + want + ", not " + got}
}

// expected names the JSON a Go type takes.
func expected(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		if t == numberType {
			return "a number"
		}
		return "a string"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return "a base64 string"
		}
		return "an array"
	case reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "null"
}

// isValidNumber reports whether s is a JSON number literal.
func isValidNumber(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '-' {
		s = s[1:]
		if s == "" {
			return false
		}
	}
	switch {
	case s[0] == '0':
		s = s[1:]
	case '1' <= s[0] && s[0] <= '9':
		s = strings.TrimLeft(s, "0123456789")
	default:
		return false
	}
	if len(s) >= 2 && s[0] == '.' && '0' <= s[1] && s[1] <= '9' {
		s = strings.TrimLeft(s[2:], "0123456789")
	}
	if len(s) >= 2 && (s[0] == 'e' || s[0] == 'E') {
		s = s[1:]
		if s[0] == '+' || s[0] == '-' {
			s = s[1:]
			if s == "" {
				return false
			}
		}
		for s != "" && '0' <= s[0] && s[0] <= '9' {
			s = s[1:]
		}
	}
	return s == ""
}

// jfield is one field a JSON object may name, as encoding/json finds it.
type jfield struct {
	name  string
	typ   reflect.Type
	index []int
	tag   bool
	// unsettable: the field lies below an embedded pointer to an
	// unexported struct, which encoding/json cannot allocate.
	unsettable bool
}

type jfields struct {
	byName map[string]*jfield
	byFold map[string]*jfield
	// names are the fields' names, sorted, for an unknown field's error.
	names []string
}

var fieldCache sync.Map // reflect.Type → *jfields

// fieldsOf lists the fields of struct type t by encoding/json's rules:
// json tags rename, "-" hides, embedded structs' fields are promoted, and
// of several fields with one name the shallowest wins, a tagged one
// before an untagged one, none when two tie.
func fieldsOf(t reflect.Type) *jfields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*jfields)
	}
	type level struct {
		typ        reflect.Type
		index      []int
		unsettable bool
	}
	var found []jfield
	visited := map[reflect.Type]bool{}
	count, nextCount := map[reflect.Type]int{}, map[reflect.Type]int{}
	current, next := []level{}, []level{{typ: t}}
	for len(next) > 0 {
		current, next = next, nil
		count, nextCount = nextCount, map[reflect.Type]int{}
		for _, f := range current {
			if visited[f.typ] {
				continue
			}
			visited[f.typ] = true
			for i := 0; i < f.typ.NumField(); i++ {
				sf := f.typ.Field(i)
				if sf.Anonymous {
					et := sf.Type
					if et.Kind() == reflect.Pointer {
						et = et.Elem()
					}
					if !sf.IsExported() && et.Kind() != reflect.Struct {
						continue
					}
				} else if !sf.IsExported() {
					continue
				}
				tag := sf.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, _, _ := strings.Cut(tag, ",")
				if !isValidTag(name) {
					name = ""
				}
				index := append(slices.Clone(f.index), i)
				ft := sf.Type
				if ft.Name() == "" && ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if name != "" || !sf.Anonymous || ft.Kind() != reflect.Struct {
					tagged := name != ""
					if name == "" {
						name = sf.Name
					}
					found = append(found, jfield{name: name, typ: sf.Type, index: index, tag: tagged, unsettable: f.unsettable})
					if count[f.typ] > 1 {
						found = append(found, found[len(found)-1])
					}
					continue
				}
				nextCount[ft]++
				if nextCount[ft] == 1 {
					below := f.unsettable || (sf.Type.Kind() == reflect.Pointer && !sf.IsExported())
					next = append(next, level{typ: ft, index: index, unsettable: below})
				}
			}
		}
	}
	slices.SortFunc(found, func(a, b jfield) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		if c := len(a.index) - len(b.index); c != 0 {
			return c
		}
		if a.tag != b.tag {
			if a.tag {
				return -1
			}
			return 1
		}
		return slices.Compare(a.index, b.index)
	})
	var kept []jfield
	for i := 0; i < len(found); {
		j := i + 1
		for j < len(found) && found[j].name == found[i].name {
			j++
		}
		if j-i == 1 || len(found[i].index) != len(found[i+1].index) || found[i].tag != found[i+1].tag {
			kept = append(kept, found[i])
		}
		i = j
	}
	slices.SortFunc(kept, func(a, b jfield) int { return slices.Compare(a.index, b.index) })
	fs := &jfields{byName: map[string]*jfield{}, byFold: map[string]*jfield{}}
	for i := range kept {
		f := &kept[i]
		fs.byName[f.name] = f
		if _, ok := fs.byFold[foldName(f.name)]; !ok {
			fs.byFold[foldName(f.name)] = f
		}
		fs.names = append(fs.names, f.name)
	}
	slices.Sort(fs.names)
	v, _ := fieldCache.LoadOrStore(t, fs)
	return v.(*jfields)
}

// isValidTag is encoding/json's rule for a name in a json tag.
func isValidTag(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// foldName is encoding/json's case folding of a field name: two names
// match in any case when their folds are equal.
func foldName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' {
				r -= 'a' - 'A'
			}
			b.WriteRune(r)
			continue
		}
		for {
			r2 := unicode.SimpleFold(r)
			if r2 <= r {
				r = r2
				break
			}
			r = r2
		}
		b.WriteRune(r)
	}
	return b.String()
}
