package main

import (
	"bufio"
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/internal/policyfile"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

func init() {
	register(&command{
		name:    "eval",
		args:    "PKG",
		summary: "evaluate JSON input documents under a policy and write the results as JSON",
		help: `Eval reads input documents for package PKG (coaching, incentives, mood
or qa) as JSON on stdin, one document or several one after another (JSON
Lines), evaluates each under the policy of -policy, or under the
package's default policy without it, and writes each result as one line
of JSON on stdout, in the order of the documents.

The documents are those of callfloor test and callfloor diff:

	mood        a mood.Assessment               -> a mood.Triage
	qa          a qa.Evaluation                 -> {"result": a qa.Result, "feedback": a qa.FeedbackPlan}
	coaching    {"subject", "signals", "open"}  -> a coaching.Proposals
	            {"case", "events", "due_at"}    -> {"case": a coaching.Case, "due": a list of coaching.Reminder}
	incentives  {"period", "agents"}            -> an incentives.Statement

each field in the library's own JSON; an unknown field is refused. A
document ends where its brackets balance, or for anything else at the
end of its line; a line break inside a string ends it too. A document
over several lines that is not JSON (a closing brace left out) is read
again line by line, each line a document, so that one broken document
costs its own lines only; one over 64 MiB is refused with the rest of
its line. A document that is refused still has its line on stdout, so
that output line N always answers input document N:

	{"errors": [{"field": "assessment.at", "kind": "required", "message": "..."}]}

each error in the shape of callfloor.InputError, and stderr says

	input N: field: message

for each of its errors. The documents after it are evaluated all the
same, and eval exits 1 at the end. The policy's kind field, if any, must
name PKG; a policy with problems is reported as callfloor check reports
it, and nothing is evaluated.

Example:

	$ echo '{"agent": "li.na", "at": "2026-11-02T09:00:00Z", "screenings": []}' |
	    callfloor eval mood -policy mood.yaml
	{"agent":"li.na","at":"2026-11-02T09:00:00Z","tier":"normal",...}`,
		flags: evalFlags,
	})
}

func evalFlags(fs *flag.FlagSet) func(*env, []string) int {
	policyFile := fs.String("policy", "", "the policy `file`; without it, the package's default policy")
	indent := fs.Bool("indent", false, "indent each result over several lines, for people")
	return func(e *env, args []string) int {
		if len(args) == 0 {
			return e.usageErrorf("eval", "no package given")
		}
		pkg := args[0]
		if len(args) > 1 {
			return e.usageErrorf("eval", "unexpected argument %q after %s", args[1], pkg)
		}
		if !validKind(pkg) {
			return e.usageErrorf("eval", "%q is not a package with policies (%s)", pkg, strings.Join(kinds, ", "))
		}
		p, problems := evalPolicy(pkg, *policyFile)
		if problems != nil {
			for _, pr := range problems {
				fmt.Fprintln(e.stderr, pr.format(false))
			}
			return exitProblems
		}
		return evalStream(e, p, *indent)
	}
}

// evalDefaults are the packages' default policy sources, by kind.
var evalDefaults = map[string]func() []byte{
	"mood":       mood.DefaultPolicySource,
	"qa":         qa.DefaultPolicySource,
	"coaching":   coaching.DefaultPolicySource,
	"incentives": incentives.DefaultPolicySource,
}

// evalPolicy loads the policy file for pkg, or the package's default when
// file is "", as problems in check's shape when it cannot.
func evalPolicy(pkg, file string) (*policy, []checkProblem) {
	var src []byte
	if file == "" {
		file = "(default " + pkg + " policy)"
		src = evalDefaults[pkg]()
	} else {
		var err error
		if src, err = readPolicyFile(file); err != nil {
			return nil, []checkProblem{{File: file, Message: readProblem(err)}}
		}
	}
	if n := checkTop(src, policyfile.KindField); n != nil && n.Value != pkg && validKind(n.Value) {
		return nil, []checkProblem{{File: file, Line: n.Line, Column: n.Column, Path: policyfile.KindField, Kind: n.Value,
			Message: fmt.Sprintf("this is a %s policy, and eval was asked for %s", n.Value, pkg)}}
	}
	p, err := parsePolicy(file, pkg, src)
	if err != nil {
		return nil, checkPolicyProblems(file, pkg, err)
	}
	return p, nil
}

// evalStream evaluates every document on stdin under p, writing one line
// of output per document, and says whether any was refused.
func evalStream(e *env, p *policy, indent bool) int {
	out := bufio.NewWriter(e.stdout)
	docs := newEvalReader(e.stdin)
	status := exitOK
	for n := 1; ; n++ {
		doc, err := docs.next()
		if err == io.EOF {
			break
		}
		var res any
		switch {
		case err == errEvalTooLarge:
			err = &callfloor.InputError{Field: evalDocument(p.kind), Kind: callfloor.ErrInvalid,
				Msg: fmt.Sprintf("the document is over the limit of %d MiB; the rest of its line is skipped", maxDocument>>20)}
		case err != nil:
			// The stream cannot be read on from here: say so and stop.
			e.errorf("eval", "input %d cannot be read: %v", n, err)
			return exitProblems
		default:
			res, err = evaluate(p, doc)
		}
		if err != nil {
			status = exitProblems
			errs := inputErrors(p.kind, doc, err)
			for _, ie := range errs {
				fmt.Fprintf(e.stderr, "input %d: %s\n", n, ie.Error())
			}
			res = evalRefusal{Errors: errs}
		}
		b, err := evalMarshal(res, indent)
		if err != nil {
			// A result the library made and JSON cannot hold is a defect,
			// reported as one of the document's rather than a crash.
			status = exitProblems
			fmt.Fprintf(e.stderr, "input %d: the result cannot be written as JSON: %v\n", n, err)
			b, _ = evalMarshal(evalRefusal{Errors: []*callfloor.InputError{{Kind: callfloor.ErrInvalid, Msg: "the result cannot be written as JSON: " + err.Error()}}}, indent)
		}
		out.Write(b)
		out.WriteByte('\n')
		// A pipeline reads each answer as its document is evaluated.
		if err := out.Flush(); err != nil {
			e.errorf("eval", "%v", err)
			return exitProblems
		}
	}
	return status
}

// evalRefusal is the output line of a document that was refused.
type evalRefusal struct {
	Errors []*callfloor.InputError `json:"errors"`
}

func evalMarshal(v any, indent bool) ([]byte, error) {
	if indent {
		return json.MarshalIndent(v, "", "  ")
	}
	return json.Marshal(v)
}

// evalRoots name the document of a kind where the library's input errors
// do, so that a field the JSON decoder refuses reads as the library's
// own: "assessment.at" either way. The other kinds' documents hold the
// library's arguments as fields ("period", "agents[3].metrics"), so their
// fields are rooted at the document itself.
var evalRoots = map[string]callfloor.Path{"mood": "assessment", "qa": "evaluation"}

// evalDocument names the document of kind as a whole in an error about
// all of it: its root, or "document" for a kind whose fields are rooted
// at the document itself.
func evalDocument(kind string) callfloor.Path {
	if r := evalRoots[kind]; r != "" {
		return r
	}
	return "document"
}

// inputErrors turns the error of evaluating doc, one input document of
// kind, into input errors for the policy author: the library's own as
// they are, and a document the JSON decoder refused as one invalid-input
// error that names its field, with the list indexes and map keys read
// from doc ("assessment.screenings[0].total"), and says in words what was
// written and what is expected, never in Go's types. A mistake with the
// document as a whole is named by its root (evalDocument). eval, diff and
// test word every refusal of a document through it.
func inputErrors(kind string, doc []byte, err error) []*callfloor.InputError {
	errs := evalErrors(kind, err)
	var te *json.UnmarshalTypeError
	if doc != nil && errors.As(err, &te) {
		if at, ok := jsonPathAt(doc, te.Offset, evalRoots[kind]); ok {
			errs[0].Field = at
		}
	}
	if len(errs) == 1 && errs[0].Field == "" {
		c := *errs[0]
		c.Field = evalDocument(kind)
		errs[0] = &c
	}
	return errs
}

// evalErrors is inputErrors without the document: the field of a value
// the decoder refuses is the decoder's own path, which names the fields
// but not the list indexes or map keys on the way ("screenings.total"),
// and a mistake with a coaching or incentives document as a whole has no
// field, so that a caller decoding a part of a document can root it at
// the part.
func evalErrors(kind string, err error) []*callfloor.InputError {
	var list callfloor.InputErrors
	if errors.As(err, &list) && len(list) > 0 {
		return list
	}
	var ie *callfloor.InputError
	if errors.As(err, &ie) {
		if ie.Field == "" && evalRoots[kind] != "" {
			// A value the decoder refused through the library's
			// UnmarshalText (an unknown source) comes without its field;
			// the document is the most that is known.
			c := *ie
			c.Field = evalRoots[kind]
			ie = &c
		}
		return []*callfloor.InputError{ie}
	}
	invalid := func(field callfloor.Path, msg string) []*callfloor.InputError {
		return []*callfloor.InputError{{Field: field, Kind: callfloor.ErrInvalid, Msg: msg}}
	}
	root := evalRoots[kind]
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		at := root
		if te.Field != "" {
			for _, name := range strings.Split(te.Field, ".") {
				at = at.Key(name)
			}
		}
		return invalid(at, jsonTypeWords(te))
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return invalid(root, fmt.Sprintf("not JSON: %s (byte %d of the document)", se.Error(), se.Offset))
	}
	var pe *time.ParseError
	if errors.As(err, &pe) {
		// The decoder does not say which time it was reading.
		return invalid(root, fmt.Sprintf("%s is not a time as JSON writes one (RFC 3339, as in 2026-11-02T09:00:00Z)", strconv.Quote(pe.Value)))
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		msg = "not JSON: the document ends before its last value is complete"
	case strings.HasPrefix(msg, "Time.UnmarshalJSON: "):
		msg = "a time is written as a JSON string (RFC 3339, as in 2026-11-02T09:00:00Z)"
	}
	return invalid(root, msg)
}

// jsonTypeWords says what a value the decoder could not store was and
// what its field expects, as in "a string where a whole number is
// expected".
func jsonTypeWords(te *json.UnmarshalTypeError) string {
	want := jsonWant(te.Type)
	if num, ok := strings.CutPrefix(te.Value, "number "); ok {
		// A number of the right type that the field cannot hold.
		if !strings.ContainsAny(num, ".eE") || want == "a number" {
			return num + " is out of range for this field"
		}
		return num + " where " + want + " is expected"
	}
	got := map[string]string{"string": "a string", "number": "a number", "bool": "true or false",
		"array": "an array", "object": "an object", "null": "null"}[te.Value]
	if got == "" {
		got = "a JSON " + te.Value
	}
	return got + " where " + want + " is expected"
}

// jsonWant says in JSON's words what a value of Go type t is written as.
func jsonWant(t reflect.Type) string {
	if t == nil {
		return "another value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(reflect.TypeFor[encoding.TextUnmarshaler]()) {
		return "a string"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "a whole number, 0 or more"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return "a base64 string"
		}
		return "an array"
	case reflect.Array:
		return "an array"
	}
	return "another value"
}

// jsonPathAt is the path, below root, of the value of doc whose first
// token ends at byte offset: a scalar's last byte or the bracket that
// opens an object or array, which is where json.UnmarshalTypeError's
// Offset points. It reads doc again token by token, counting list
// elements and naming map keys, which the error's own Field leaves out.
// ok is false when doc has no value there.
func jsonPathAt(doc []byte, offset int64, root callfloor.Path) (callfloor.Path, bool) {
	type open struct {
		path    callfloor.Path
		object  bool
		n       int    // elements of a list read so far
		key     string // the key of the value being read in an object
		wantKey bool
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	// A number is kept as written: one out of float64's range is the
	// value looked for, not an error of the walk.
	dec.UseNumber()
	var stack []open
	for {
		at := root
		var top *open
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
			if top.object {
				at = top.path.Key(top.key)
			} else {
				at = top.path.Index(top.n)
			}
		}
		tok, err := dec.Token()
		if err != nil {
			return root, false
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			continue
		}
		if top != nil && top.object && top.wantKey {
			top.key, _ = tok.(string)
			top.wantKey = false
			continue
		}
		if dec.InputOffset() >= offset {
			return at, true
		}
		if top != nil {
			top.n++
			top.wantKey = true
		}
		if d, ok := tok.(json.Delim); ok {
			stack = append(stack, open{path: at, object: d == '{', wantKey: true})
		}
	}
}

// evalReader splits a stream into JSON documents without decoding them:
// a document is an object, array or string with its brackets or quotes
// balanced, or anything else up to the end of its line. A document that
// is not JSON thus ends where it would have ended if it were, and the
// next one is read as usual: a bad line of a JSON Lines stream costs that
// line only. Three rules keep one broken document from swallowing the
// ones after it:
//
//   - a line break inside a string ends the document, since JSON allows
//     none there: an unclosed quote costs its line only;
//   - a document that runs over several lines and is not valid JSON (an
//     object whose closing brace is missing, so that the brackets never
//     balance) is taken back, and each of its lines is a document of its
//     own;
//   - a document over max bytes is refused and the rest of its line
//     skipped (a document over several lines falls back to its lines
//     first), so that memory stays bounded.
type evalReader struct {
	r *bufio.Reader
	// pending is input given back to be read again before r.
	pending []byte
	// queue holds the lines of a document taken back, to be returned
	// one by one.
	queue [][]byte
	max   int
}

func newEvalReader(r io.Reader) *evalReader {
	return &evalReader{r: bufio.NewReaderSize(r, 64<<10), max: maxDocument}
}

// errEvalTooLarge is a document over the reader's bound. It is refused,
// and reading goes on after the end of its line.
var errEvalTooLarge = errors.New("document over the size bound")

// next returns the next document; errEvalTooLarge for a document over
// the bound, which costs its line; io.EOF after the last; or another
// error when the stream cannot be read on.
func (d *evalReader) next() ([]byte, error) {
	if len(d.queue) > 0 {
		doc := d.queue[0]
		d.queue = d.queue[1:]
		return doc, nil
	}
	var first byte
	for {
		c, err := d.readByte()
		if err != nil {
			return nil, err
		}
		if !evalSpace(c) {
			first = c
			break
		}
	}
	doc := []byte{first}
	depth, inString, escaped, lines := 0, false, false, false
	switch first {
	case '{', '[':
		depth = 1
	case '"':
		inString = true
	}
	scalar := depth == 0 && !inString
	for depth > 0 || inString || scalar {
		c, err := d.readByte()
		if err == io.EOF {
			// An unfinished document is still one: its decoder says
			// what is missing.
			break
		}
		if err != nil {
			return nil, err
		}
		newline := c == '\n' || c == '\r'
		if newline && (scalar || inString) {
			break
		}
		if len(doc) >= d.max {
			if lines {
				// The part of the last line read so far is read again
				// as the start of a line.
				last := bytes.LastIndexAny(doc, "\r\n") + 1
				d.unread(append(doc[last:len(doc):len(doc)], c))
				return d.takeBack(doc[:last]), nil
			}
			if !newline {
				if err := d.skipLine(); err != nil && err != io.EOF {
					return nil, err
				}
			}
			return nil, errEvalTooLarge
		}
		lines = lines || newline
		doc = append(doc, c)
		switch {
		case scalar:
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case inString && c == '"':
			inString = false
		case inString:
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
		}
	}
	if lines && !json.Valid(doc) {
		return d.takeBack(doc), nil
	}
	return doc, nil
}

// takeBack splits a document that runs over several lines into its
// lines, each a document of its own, blank ones left out, and returns
// the first; the others are queued. doc starts with a line that is not
// blank.
func (d *evalReader) takeBack(doc []byte) []byte {
	for _, line := range bytes.FieldsFunc(doc, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if line = bytes.Trim(line, " \t"); len(line) > 0 {
			d.queue = append(d.queue, line)
		}
	}
	first := d.queue[0]
	d.queue = d.queue[1:]
	return first
}

func (d *evalReader) readByte() (byte, error) {
	if len(d.pending) > 0 {
		c := d.pending[0]
		d.pending = d.pending[1:]
		return c, nil
	}
	return d.r.ReadByte()
}

// unread gives b back, to be read before anything not yet read.
func (d *evalReader) unread(b []byte) {
	d.pending = append(b, d.pending...)
}

// skipLine reads up to and including the next line break.
func (d *evalReader) skipLine() error {
	for {
		c, err := d.readByte()
		if err != nil {
			return err
		}
		if c == '\n' || c == '\r' {
			return nil
		}
	}
}

// evalSpace reports whether c is JSON white space.
func evalSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}
