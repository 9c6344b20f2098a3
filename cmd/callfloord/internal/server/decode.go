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
	if err := parseBody(buf, maxDepth); err != nil {
		return err
	}
	if errs := checkBody(buf, out); len(errs) > 0 {
		return inputProblem(errs...)
	}
	// The checker refuses every body encoding/json refuses, and more
	// (FuzzDecode holds it to that), unknown fields among them, so
	// json.Unmarshal needs no Decoder to refuse them again, nor the copy
	// of the body a Decoder reads into.
	if err := json.Unmarshal(buf, out); err != nil {
		// Should the two ever differ, the body is still refused, with
		// encoding/json's own words.
		return inputProblem(&callfloor.InputError{Kind: callfloor.ErrInvalid, Msg: err.Error()})
	}
	return nil
}

// parseBody checks that buf is one JSON value nested at most maxDepth
// deep.
func parseBody(buf []byte, maxDepth int) error {
	if len(bytes.TrimLeft(buf, " \t\r\n")) == 0 {
		return malformed("the body is empty; send one JSON value")
	}
	if err := checkDepth(buf, maxDepth); err != nil {
		return err
	}
	// json.Valid checks the syntax without building anything; only a body
	// it refuses is read again, for the offset of its mistake.
	if !json.Valid(buf) {
		var raw json.RawMessage
		err := json.Unmarshal(buf, &raw)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return malformed(fmt.Sprintf("%s, at byte %d", strings.TrimPrefix(se.Error(), "json: "), se.Offset))
		}
		if err == nil {
			err = errors.New("not one JSON value")
		}
		return malformed(err.Error())
	}
	return nil
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

// unquote reads a JSON string literal as encoding/json does, invalid
// UTF-8 and lone surrogates turned into U+FFFD. A literal without escapes
// is its own bytes, without a copy.
func unquote(raw []byte) []byte {
	in := raw[1 : len(raw)-1]
	if bytes.IndexByte(in, '\\') < 0 && utf8.Valid(in) {
		return in
	}
	var s string
	_ = json.Unmarshal(raw, &s)
	return []byte(s)
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	numberType          = reflect.TypeFor[json.Number]()
	timeType            = reflect.TypeFor[time.Time]()
)

// checker reads a JSON document json.Valid has accepted beside the Go
// type it is to be decoded into, and collects every mistake, each with
// its path in the body. It decides as encoding/json decides, the same
// conversions, the same Unmarshal methods, but for two things
// encoding/json allows: a key given twice in an object, and a field
// named in another case than its own ("Agent" for "agent"), which the
// API's schema does not allow.
//
// It builds nothing of the document: it walks the bytes once, keeps the
// path to the value it reads as a stack of segments, and spells a path
// out only for a mistake, so that checking a body costs little beyond
// its bytes, whatever it holds.
type checker struct {
	buf  []byte
	i    int
	errs callfloor.InputErrors
	// path is where the value being read lies.
	path []segment
	// spare keeps the seen sets of objects already read, for reuse.
	spare []*keySet
}

// segment is one step of a path: a struct field's name, an object's key
// (its literal, unquoted only when the path is spelled out), or an
// array's index.
type segment struct {
	field string
	key   []byte
	index int
	kind  byte // 'f', 'k' or 'i'
}

// checkBody checks buf, a JSON document json.Valid accepts, against out,
// a pointer to the value to fill.
//
// On the way it gives each slice of out that the body fills its length,
// so that encoding/json, which appends an array's elements one by one,
// fills it in place rather than growing it from nothing: a large array
// then costs its own size once, not the five times its growth would
// allocate. It goes only where encoding/json fills what it finds (struct
// fields, elements of slices and arrays), not through pointers, maps,
// interfaces or a type's own Unmarshal method, which make their values
// afresh.
func checkBody(buf []byte, out any) callfloor.InputErrors {
	c := checker{buf: buf}
	ot := reflect.TypeOf(out)
	um, t := resolve(ot, c.peek() == 'n', true)
	var v reflect.Value
	if ot.Kind() == reflect.Pointer && t == ot.Elem() && um == plain {
		if pv := reflect.ValueOf(out); !pv.IsNil() {
			v = pv.Elem()
		}
	}
	c.value(um, t, v)
	return c.errs
}

// add keeps e at the current path, unless it is nil or MaxProblems are
// kept already. e's own field, when it has one, is taken as relative to
// the current path: a type's Unmarshal method reports the place of a
// mistake within its value.
func (c *checker) add(e *callfloor.InputError) {
	if e == nil || len(c.errs) >= callfloor.MaxProblems {
		return
	}
	path := c.spell()
	switch {
	case e.Field == "":
		e.Field = path
	case path != "":
		e.Field = callfloor.Path(string(path) + "." + string(e.Field))
	}
	c.errs = append(c.errs, e)
}

// spell is the current path, spelled out.
func (c *checker) spell() callfloor.Path {
	var p callfloor.Path
	for _, s := range c.path {
		switch s.kind {
		case 'f':
			p = p.Child(s.field)
		case 'k':
			p = p.Key(string(unquote(s.key)))
		default:
			p = p.Index(s.index)
		}
	}
	return p
}

func (c *checker) push(s segment) { c.path = append(c.path, s) }
func (c *checker) pop()           { c.path = c.path[:len(c.path)-1] }

// keys is an empty set of keys, for one object; give it back with done.
func (c *checker) keys() *keySet {
	if n := len(c.spare); n > 0 {
		s := c.spare[n-1]
		c.spare = c.spare[:n-1]
		return s
	}
	return &keySet{}
}

func (c *checker) done(s *keySet) {
	clear(s.fields)
	s.seen = s.seen[:0]
	s.many = nil
	c.spare = append(c.spare, s)
}

// keySet is the keys an object has given so far. A struct's fields are
// marked by their position; other objects' keys, usually few, are looked
// up in a list, and in a map once there are many.
type keySet struct {
	fields []bool
	seen   [][]byte
	many   map[string]struct{}
}

// field marks f, of fs, seen, and reports whether it was already.
func (s *keySet) field(fs *jfields, f *jfield) bool {
	if len(s.fields) < len(fs.names) {
		s.fields = make([]bool, len(fs.names))
	}
	if s.fields[f.pos] {
		return true
	}
	s.fields[f.pos] = true
	return false
}

// key marks k seen, and reports whether it was already.
func (s *keySet) key(k []byte) bool {
	if s.many != nil {
		if _, ok := s.many[string(k)]; ok {
			return true
		}
		s.many[string(k)] = struct{}{}
		return false
	}
	for _, x := range s.seen {
		if bytes.Equal(x, k) {
			return true
		}
	}
	s.seen = append(s.seen, k)
	if len(s.seen) > 16 {
		s.many = make(map[string]struct{}, 2*len(s.seen))
		for _, x := range s.seen {
			s.many[string(x)] = struct{}{}
		}
	}
	return false
}

func (c *checker) space() {
	for c.i < len(c.buf) {
		switch c.buf[c.i] {
		case ' ', '\t', '\r', '\n':
			c.i++
		default:
			return
		}
	}
}

// peek is the kind of the next value: its first byte, '0' for a number.
func (c *checker) peek() byte {
	c.space()
	switch k := c.buf[c.i]; k {
	case '{', '[', '"', 't', 'f', 'n':
		return k
	}
	return '0'
}

// skip moves past the next value and returns its bytes.
func (c *checker) skip() []byte {
	c.space()
	start := c.i
	switch c.buf[c.i] {
	case '{', '[':
		depth := 0
		for {
			switch c.buf[c.i] {
			case '"':
				c.skipString()
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
			}
			c.i++
			if depth == 0 {
				return c.buf[start:c.i]
			}
		}
	case '"':
		c.skipString()
	case 't', 'n':
		c.i += 4
	case 'f':
		c.i += 5
	default:
		for c.i < len(c.buf) && strings.IndexByte("+-0123456789.eE", c.buf[c.i]) >= 0 {
			c.i++
		}
	}
	return c.buf[start:c.i]
}

func (c *checker) skipString() {
	c.i++
	for {
		switch c.buf[c.i] {
		case '\\':
			c.i += 2
		case '"':
			c.i++
			return
		default:
			c.i++
		}
	}
}

// members calls member for each member of the object that starts next,
// with its key's literal, before the member's value is read; member must
// read or skip the value.
func (c *checker) members(member func(key []byte)) {
	c.space()
	c.i++ // '{'
	c.space()
	if c.buf[c.i] == '}' {
		c.i++
		return
	}
	for {
		c.space()
		ks := c.i
		c.skipString()
		key := c.buf[ks:c.i]
		c.space()
		c.i++ // ':'
		member(key)
		c.space()
		end := c.buf[c.i]
		c.i++
		if end == '}' {
			return
		}
	}
}

// count is how many elements the array that starts next has.
func (c *checker) count() int {
	at := c.i
	n := 0
	c.elems(func(int) {
		c.skip()
		n++
	})
	c.i = at
	return n
}

// elems calls elem for each element of the array that starts next, with
// its index; elem must read or skip the element.
func (c *checker) elems(elem func(i int)) {
	c.space()
	c.i++ // '['
	c.space()
	if c.buf[c.i] == ']' {
		c.i++
		return
	}
	for i := 0; ; i++ {
		elem(i)
		c.space()
		end := c.buf[c.i]
		c.i++
		if end == ']' {
			return
		}
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

// resolved is what resolve gives for one type, for a null and for any
// other value, worked out once for all the elements of an array or the
// values of a map.
type resolved struct {
	um, umNull unmarshalKind
	t, tNull   reflect.Type
}

func resolveBoth(t reflect.Type) resolved {
	var r resolved
	r.um, r.t = resolve(t, false, false)
	r.umNull, r.tNull = resolve(t, true, false)
	return r
}

// next checks the next value against r's type; v, when valid, is where
// encoding/json will put it.
func (c *checker) next(r *resolved, v reflect.Value) {
	if c.peek() == 'n' {
		c.value(r.umNull, r.tNull, reflect.Value{})
		return
	}
	c.value(r.um, r.t, v)
}

// value checks the next value against t, which resolve gave with um. v,
// when valid, is the value of type t that encoding/json will fill with
// it, where checkBody sizes the slices.
func (c *checker) value(um unmarshalKind, t reflect.Type, v reflect.Value) {
	kind := c.peek()
	switch um {
	case viaJSON:
		c.viaJSON(kind, c.skip(), t)
		return
	case viaText:
		raw := c.skip()
		if kind != '"' {
			c.add(wrongType("a string", kind))
			return
		}
		v := reflect.New(t.Elem()).Interface().(encoding.TextUnmarshaler)
		if err := v.UnmarshalText(unquote(raw)); err != nil {
			c.add(fromMethod(err))
		}
		return
	}
	if kind == 'n' {
		c.skip()
		return
	}
	if t.Kind() == reflect.Interface {
		if t.NumMethod() == 0 {
			c.anything()
			return
		}
		c.skip()
		c.add(wrongType("null", kind))
		return
	}
	switch kind {
	case '{':
		switch t.Kind() {
		case reflect.Struct:
			c.object(t, v)
		case reflect.Map:
			c.mapOf(t)
		default:
			c.skip()
			c.add(wrongType(expected(t), kind))
		}
	case '[':
		switch t.Kind() {
		case reflect.Slice, reflect.Array:
			elem := resolveBoth(t.Elem())
			if v.IsValid() && t.Kind() == reflect.Slice {
				if n := c.count(); n > 0 {
					v.Set(reflect.MakeSlice(t, n, n))
				}
			}
			fill := v.IsValid() && t.Elem().Kind() != reflect.Pointer
			c.elems(func(i int) {
				if t.Kind() == reflect.Array && i >= t.Len() {
					c.skip()
					return
				}
				var ev reflect.Value
				if fill {
					ev = v.Index(i)
				}
				c.push(segment{kind: 'i', index: i})
				c.next(&elem, ev)
				c.pop()
			})
		default:
			c.skip()
			c.add(wrongType(expected(t), kind))
		}
	case '"':
		c.str(c.skip(), t)
	case 't', 'f':
		c.skip()
		if t.Kind() != reflect.Bool {
			c.add(wrongType(expected(t), kind))
		}
	default:
		c.number(c.skip(), t)
	}
}

// viaJSON runs the UnmarshalJSON of a fresh value of t on raw.
func (c *checker) viaJSON(kind byte, raw []byte, t reflect.Type) {
	v := reflect.New(t.Elem()).Interface().(json.Unmarshaler)
	err := v.UnmarshalJSON(raw)
	if err == nil {
		return
	}
	if t.Elem() == timeType {
		if kind != '"' {
			c.add(wrongType("an RFC 3339 time string", kind))
			return
		}
		why := "is not an RFC 3339 time, as 2026-03-01T09:00:00Z"
		var pe *time.ParseError
		if errors.As(err, &pe) && pe.Message != "" {
			why = "is not an RFC 3339 time:" + strings.TrimPrefix(pe.Message, ":")
		}
		c.add(callfloor.Invalid("", string(unquote(raw)), why))
		return
	}
	c.add(fromMethod(err))
}

// fromMethod is err, the error of a type's own Unmarshal method: the
// library's input errors keep their kind, words and field, which add
// takes as relative to the value's path; any other is invalid.
func fromMethod(err error) *callfloor.InputError {
	var ie *callfloor.InputError
	if errors.As(err, &ie) {
		e := *ie
		return &e
	}
	return &callfloor.InputError{Kind: callfloor.ErrInvalid, Msg: err.Error()}
}

// object checks an object against struct type t, which v, when valid,
// holds. Field names match exactly.
func (c *checker) object(t reflect.Type, v reflect.Value) {
	fields := fieldsOf(t)
	seen := c.keys()
	c.members(func(raw []byte) {
		f := fields.byName[string(unquote(raw))]
		if f == nil {
			c.skip()
			c.push(segment{kind: 'k', key: raw})
			c.add(callfloor.NotSupported("", "field", string(unquote(raw)), fields.names))
			c.pop()
			return
		}
		c.push(segment{kind: 'f', field: f.name})
		defer c.pop()
		if seen.field(fields, f) {
			c.skip()
			c.add(duplicateKey())
			return
		}
		if f.unsettable {
			c.skip()
			c.add(&callfloor.InputError{Kind: callfloor.ErrInvalid,
				Msg: "cannot be set: it lies in an embedded pointer to an unexported struct"})
			return
		}
		um, rt := resolve(f.typ, c.peek() == 'n', false)
		var fv reflect.Value
		if v.IsValid() && um == plain && f.typ.Kind() != reflect.Pointer {
			if x, err := v.FieldByIndexErr(f.index); err == nil && x.CanSet() {
				fv = x
			}
		}
		c.value(um, rt, fv)
	})
	c.done(seen)
}

func (c *checker) mapOf(t reflect.Type) {
	kt := t.Key()
	textKey := reflect.PointerTo(kt).Implements(textUnmarshalerType)
	switch kt.Kind() {
	case reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
	default:
		if !textKey {
			c.skip()
			c.add(wrongType(expected(t), '{'))
			return
		}
	}
	elem := resolveBoth(t.Elem())
	seen := c.keys()
	c.members(func(raw []byte) {
		c.push(segment{kind: 'k', key: raw})
		defer c.pop()
		key := unquote(raw)
		if seen.key(key) {
			c.skip()
			c.add(duplicateKey())
			return
		}
		c.next(&elem, reflect.Value{})
		switch {
		case textKey:
			k := reflect.New(kt).Interface().(encoding.TextUnmarshaler)
			if err := k.UnmarshalText(key); err != nil {
				c.add(fromMethod(err))
			}
		case kt.Kind() != reflect.String:
			c.add(integerRange(string(key), kt, "a key of this object"))
		}
	})
	c.done(seen)
}

// anything checks a value decoded into an empty interface, which takes
// every value but a number beyond float64.
func (c *checker) anything() {
	switch c.peek() {
	case '{':
		seen := c.keys()
		c.members(func(raw []byte) {
			c.push(segment{kind: 'k', key: raw})
			if seen.key(unquote(raw)) {
				c.skip()
				c.add(duplicateKey())
			} else {
				c.anything()
			}
			c.pop()
		})
		c.done(seen)
	case '[':
		c.elems(func(i int) {
			c.push(segment{kind: 'i', index: i})
			c.anything()
			c.pop()
		})
	case '0':
		raw := c.skip()
		if _, err := strconv.ParseFloat(string(raw), 64); err != nil {
			c.add(floatRange(raw, 64))
		}
	default:
		c.skip()
	}
}

func (c *checker) str(raw []byte, t reflect.Type) {
	switch t.Kind() {
	case reflect.String:
		if t == numberType && !isValidNumber(string(unquote(raw))) {
			c.add(callfloor.Invalid("", string(unquote(raw)), "is not a JSON number"))
		}
	case reflect.Slice:
		if t.Elem().Kind() != reflect.Uint8 {
			c.add(wrongType(expected(t), '"'))
			return
		}
		s := unquote(raw)
		if _, err := base64.StdEncoding.Decode(make([]byte, base64.StdEncoding.DecodedLen(len(s))), s); err != nil {
			c.add(&callfloor.InputError{Kind: callfloor.ErrInvalid, Msg: "is not standard base64"})
		}
	default:
		c.add(wrongType(expected(t), '"'))
	}
}

func (c *checker) number(raw []byte, t reflect.Type) {
	switch t.Kind() {
	case reflect.String:
		if t != numberType {
			c.add(wrongType(expected(t), '0'))
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if !isIntegerBytes(raw) {
			c.add(&callfloor.InputError{Kind: callfloor.ErrInvalid, Msg: "must be an integer, not " + string(raw)})
			return
		}
		c.add(integerRange(string(raw), t, ""))
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(string(raw), t.Bits())
		if err != nil || reflect.Zero(t).OverflowFloat(f) {
			c.add(floatRange(raw, t.Bits()))
		}
	default:
		c.add(wrongType(expected(t), '0'))
	}
}

// integerRange is the error of lit, a number or a map key, that integer
// type t cannot hold, or nil when t holds it; what names the value for a
// text that is no integer at all.
func integerRange(lit string, t reflect.Type, what string) *callfloor.InputError {
	bits := t.Bits()
	ok := false
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(lit, 10, 64)
		ok = err == nil && !reflect.Zero(t).OverflowInt(n)
	default:
		n, err := strconv.ParseUint(lit, 10, 64)
		ok = err == nil && !reflect.Zero(t).OverflowUint(n)
	}
	if ok {
		return nil
	}
	if !isInteger(lit) {
		return &callfloor.InputError{Kind: callfloor.ErrInvalid, Msg: strconv.Quote(lit) + " is not an integer, which " + what + " must be"}
	}
	var lo, hi string
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		lo, hi = strconv.FormatInt(-1<<(bits-1), 10), strconv.FormatInt(1<<(bits-1)-1, 10)
	default:
		lo, hi = "0", strconv.FormatUint(^uint64(0)>>(64-bits), 10)
	}
	return &callfloor.InputError{Kind: callfloor.ErrOutOfRange, Msg: lit + " is outside " + lo + ".." + hi}
}

func floatRange(raw []byte, bits int) *callfloor.InputError {
	return &callfloor.InputError{Kind: callfloor.ErrOutOfRange,
		Msg: fmt.Sprintf("%s is beyond the range of a %d-bit floating-point number", raw, bits)}
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

// isIntegerBytes is isInteger of a number's bytes in the body.
func isIntegerBytes(b []byte) bool {
	if len(b) > 0 && b[0] == '-' {
		b = b[1:]
	}
	if len(b) == 0 {
		return false
	}
	for _, d := range b {
		if d < '0' || d > '9' {
			return false
		}
	}
	return true
}

func duplicateKey() *callfloor.InputError {
	return &callfloor.InputError{Kind: callfloor.ErrDuplicate,
		Msg: "is given twice; each key may appear once in an object"}
}

// wrongType is the error of a JSON value of the wrong kind.
func wrongType(want string, kind byte) *callfloor.InputError {
	var got string
	switch kind {
	case '{':
		got = "an object"
	case '[':
		got = "an array"
	case '"':
		got = "a string"
	case 't':
		got = "true"
	case 'f':
		got = "false"
	case 'n':
		got = "null"
	default:
		got = "a number"
	}
	return &callfloor.InputError{Kind: callfloor.ErrInvalid, Msg: "must be " + want + ", not " + got}
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
	// pos is the field's place among its struct's fields.
	pos int
}

type jfields struct {
	byName map[string]*jfield
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
	var count map[reflect.Type]int
	nextCount := map[reflect.Type]int{}
	var current []level
	next := []level{{typ: t}}
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
	fs := &jfields{byName: map[string]*jfield{}}
	for i := range kept {
		f := &kept[i]
		f.pos = i
		fs.byName[f.name] = f
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
