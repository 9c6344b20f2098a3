package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

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

	mood        a mood.Assessment             -> a mood.Triage
	qa          a qa.Evaluation               -> {"result": a qa.Result, "feedback": a qa.FeedbackPlan}
	coaching    {"subject", "signals", "open"} -> a coaching.Proposals
	incentives  {"period", "agents"}          -> an incentives.Statement

each field in the library's own JSON; an unknown field is refused. A
document that is refused still has its line on stdout, so that output
line N always answers input document N:

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
			fmt.Fprintln(e.stderr, "callfloor eval: no package given; usage: callfloor eval [flags] PKG")
			return exitUsage
		}
		pkg := args[0]
		if len(args) > 1 {
			fmt.Fprintf(e.stderr, "callfloor eval: unexpected argument %q after %s; usage: callfloor eval [flags] PKG\n", args[1], pkg)
			return exitUsage
		}
		if !validKind(pkg) {
			fmt.Fprintf(e.stderr, "callfloor eval: %q is not a package with policies (%s)\n", pkg, strings.Join(kinds, ", "))
			return exitUsage
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
		if src, err = os.ReadFile(file); err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, []checkProblem{{File: file, Message: "cannot read: " + err.Error()}}
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
		if err != nil {
			// The stream cannot be read on from here: say so and stop.
			fmt.Fprintf(e.stderr, "input %d: %v\n", n, err)
			status = exitProblems
			break
		}
		res, err := evaluate(p, doc)
		if err != nil {
			status = exitProblems
			errs := evalErrors(p.kind, err)
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
			fmt.Fprintf(e.stderr, "callfloor eval: %v\n", err)
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
// library's arguments as fields ("agents", "period").
var evalRoots = map[string]callfloor.Path{"mood": "assessment", "qa": "evaluation"}

// evalErrors turns the error of one document of kind into input errors:
// the library's own as they are, and a document the JSON decoder refused
// as one invalid-input error, with the field where the decoder knows it.
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
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return []*callfloor.InputError{{Field: evalField(kind, te.Field), Kind: callfloor.ErrInvalid,
			Msg: fmt.Sprintf("a JSON %s cannot be read as Go type %s", te.Value, te.Type)}}
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return []*callfloor.InputError{{Field: evalRoots[kind], Kind: callfloor.ErrInvalid,
			Msg: fmt.Sprintf("not JSON: %s (byte %d of the document)", se.Error(), se.Offset)}}
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "not JSON: the document ends before its last value is complete"
	}
	return []*callfloor.InputError{{Field: evalRoots[kind], Kind: callfloor.ErrInvalid, Msg: msg}}
}

// evalField is the path of a field of a document of kind, as the JSON
// decoder names it ("screenings.at"), below the kind's root.
func evalField(kind, field string) callfloor.Path {
	root := evalRoots[kind]
	switch {
	case field == "":
		return root
	case root == "":
		return callfloor.Path(field)
	}
	return root + "." + callfloor.Path(field)
}

// evalReader splits a stream into JSON documents without decoding them:
// a document is an object, array or string with its brackets or quotes
// balanced, or anything else up to the end of its line. A document that
// is not JSON thus ends where it would have ended if it were, and the
// next one is read as usual: a bad line of a JSON Lines stream costs that
// line only.
type evalReader struct {
	r *bufio.Reader
}

func newEvalReader(r io.Reader) *evalReader {
	return &evalReader{r: bufio.NewReaderSize(r, 64<<10)}
}

// next returns the next document, io.EOF after the last, or an error
// when the stream cannot be read on.
func (d *evalReader) next() ([]byte, error) {
	var first byte
	for {
		c, err := d.r.ReadByte()
		if err != nil {
			return nil, err
		}
		if !evalSpace(c) {
			first = c
			break
		}
	}
	doc := []byte{first}
	depth, inString, escaped := 0, false, false
	switch first {
	case '{', '[':
		depth = 1
	case '"':
		inString = true
	}
	scalar := depth == 0 && !inString
	for depth > 0 || inString || scalar {
		c, err := d.r.ReadByte()
		if err == io.EOF {
			// An unfinished document is still one: its decoder says
			// what is missing.
			return doc, nil
		}
		if err != nil {
			return nil, err
		}
		if scalar && (c == '\n' || c == '\r') {
			break
		}
		if len(doc) == maxDocument {
			return nil, fmt.Errorf("a document is over %d MiB; the rest of the input is not read", maxDocument>>20)
		}
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
	return doc, nil
}

// evalSpace reports whether c is JSON white space.
func evalSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}
