package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor"
)

// runEval runs the whole program with stdin and returns its exit status
// and what it wrote.
func runEval(stdin string, args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(&env{stdin: strings.NewReader(stdin), stdout: &stdout, stderr: &stderr}, append([]string{"eval"}, args...))
	return code, stdout.String(), stderr.String()
}

// readDocs splits a stream as eval does, with documents over max bytes
// (maxDocument when 0) refused; a refused document is "(too large)".
func readDocs(t testing.TB, stream string, max int) ([]string, error) {
	t.Helper()
	r := newEvalReader(strings.NewReader(stream))
	if max > 0 {
		r.max = max
	}
	var out []string
	for {
		doc, err := r.next()
		if err == io.EOF {
			return out, nil
		}
		if err == errEvalTooLarge {
			out = append(out, "(too large)")
			continue
		}
		if err != nil {
			return out, err
		}
		out = append(out, string(doc))
	}
}

// TestEvalReader: documents are split where JSON would end them, a line
// that is not JSON is one document, and a broken document costs its own
// lines only.
func TestEvalReader(t *testing.T) {
	const (
		a = `{"agent":"a","at":"2026-11-02T09:00:00Z","screenings":[]}`
		b = `{"agent":"b","at":"2026-11-02T09:00:00Z","screenings":[]}`
	)
	tests := []struct {
		why    string
		stream string
		want   []string
	}{
		{"nothing", "", nil},
		{"white space only", " \n\t\r\n", nil},
		{"one object", `{"a": 1}`, []string{`{"a": 1}`}},
		{"JSON Lines", "{\"a\": 1}\n{\"b\": 2}\r\n", []string{`{"a": 1}`, `{"b": 2}`}},
		{"two on one line", `{"a":1}{"b":2}`, []string{`{"a":1}`, `{"b":2}`}},
		{"over several lines", "{\n  \"a\": [1,\n 2]\n}\n{}", []string{"{\n  \"a\": [1,\n 2]\n}", "{}"}},
		{"over several lines with CRLF", "{\r\n\"a\": 1\r\n}\r\n{}", []string{"{\r\n\"a\": 1\r\n}", "{}"}},
		{"brackets and quotes inside strings", `{"a": "}]\"{"} [1]`, []string{`{"a": "}]\"{"}`, `[1]`}},
		{"an escaped backslash ends before the quote", `{"a": "\\"} 1`, []string{`{"a": "\\"}`, `1`}},
		{"a string document", `"x y" null`, []string{`"x y"`, `null`}},
		{"a line that is not JSON is one document", "this is not JSON\n{}", []string{"this is not JSON", "{}"}},
		{"an unfinished object is one document", `{"a": [1, 2`, []string{`{"a": [1, 2`}},
		{"a stray closer", "}\n{}", []string{"}", "{}"}},
		{"a missing closing brace costs its line only",
			a[:len(a)-1] + "\n" + b + "\n" + a + "\n", []string{a[:len(a)-1], b, a}},
		{"an unclosed string ends at its line",
			"{\"agent\":\"a\n" + b + "\n" + a + "\n", []string{`{"agent":"a`, b, a}},
		{"an unclosed string document ends at its line", "\"abc\n{}", []string{`"abc`, "{}"}},
		{"a broken document over several lines is read line by line",
			"{\n  \"a\": 1,,\n}\n{}", []string{"{", `"a": 1,,`, "}", "{}"}},
		{"the rest of the line after a broken document is read as usual",
			"[1,\n2,] {}\n[3]", []string{"[1,", "2,]", "{}", "[3]"}},
		{"blank lines of a broken document are left out", "[\n\n  \t\n{}\n", []string{"[", "{}"}},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			got, err := readDocs(t, tt.stream, 0)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestEvalReaderBound: a document over the bound is refused and costs
// the rest of its line; one over several lines falls back to its lines
// first, so that a JSON Lines stream whose first document lacks its
// closing brace is read in full however long it is.
func TestEvalReaderBound(t *testing.T) {
	tests := []struct {
		why    string
		stream string
		want   []string
	}{
		{"exactly the bound", `"12345678"`, []string{`"12345678"`}},
		{"one byte over", `"123456789"` + "\n{}", []string{"(too large)", "{}"}},
		{"the rest of the line is skipped", `[1, 2, 3, 4, 5] {} {}` + "\n[]", []string{"(too large)", "[]"}},
		{"an over-long line at the end", `"1234567890`, []string{"(too large)"}},
		{"over several lines, the lines so far are documents and the last is read again",
			"[1,\n2,\n33333333333] []", []string{"[1,", "2,", "(too large)"}},
		{"the bound reached at a line break inside brackets costs that line alone",
			"[123456789\n1]", []string{"(too large)", "1]"}},
		{"over several lines, with short lines after", "{\"a\":1\n{}\n{}\n{}\n{}\n[]", []string{`{"a":1`, "{}", "{}", "{}", "{}", "[]"}},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			got, err := readDocs(t, tt.stream, 10)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestEvalLinePerDocument: a broken document never swallows the
// documents after it, and a refused one always has its line on stdout,
// so that output line N answers input document N.
func TestEvalLinePerDocument(t *testing.T) {
	const (
		a     = `{"agent":"a","at":"2026-11-02T09:00:00Z","screenings":[]}`
		b     = `{"agent":"b","at":"2026-11-02T09:00:00Z","screenings":[]}`
		c     = `{"agent":"c","at":"2026-11-02T09:00:00Z","screenings":[]}`
		eof   = `{"errors":[{"field":"assessment","kind":"invalid","message":"not JSON: the document ends before its last value is complete"}]}`
		large = `{"errors":[{"field":"assessment","kind":"invalid","message":"the document is over the limit of 64 MiB; the rest of its line is skipped"}]}`
	)
	tests := []struct {
		why    string
		stdin  string
		stdout []string // the agent of each result, or the refusal line
		stderr string
	}{
		{"a missing closing brace", a[:len(a)-1] + "\n" + b + "\n" + c + "\n",
			[]string{eof, "b", "c"}, "input 1: assessment: not JSON: the document ends before its last value is complete\n"},
		{"an unclosed string", `{"agent":"a` + "\n" + b + "\n" + c + "\n",
			[]string{eof, "b", "c"}, "input 1: assessment: not JSON: the document ends before its last value is complete\n"},
		{"a document over the bound", `"` + strings.Repeat("a", maxDocument) + `"` + "\n" + b + "\n",
			[]string{large, "b"}, "input 1: assessment: the document is over the limit of 64 MiB; the rest of its line is skipped\n"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			code, stdout, stderr := runEval(tt.stdin, "mood")
			assert.Equal(t, exitProblems, code)
			lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
			require.Len(t, lines, len(tt.stdout), stdout)
			for i, want := range tt.stdout {
				if strings.HasPrefix(want, "{") {
					assert.Equal(t, want, lines[i])
				} else {
					assert.True(t, strings.HasPrefix(lines[i], `{"agent":"`+want+`",`), lines[i])
				}
			}
			assert.Equal(t, tt.stderr, stderr)
		})
	}
}

// TestEvalErrors: every kind of failure becomes input errors with the
// field where it is known, rooted where the library roots its own.
func TestEvalErrors(t *testing.T) {
	p := &policy{kind: "mood"}
	tests := []struct {
		why  string
		kind string
		doc  string
		want string
	}{
		{"a type the field cannot hold", "mood", `{"agent": 3}`, "assessment.agent: a number where a string is expected"},
		{"an unknown field", "mood", `{"mood": 3}`, `assessment: unknown field "mood"`},
		{"not JSON", "mood", `nope`, "assessment: not JSON: invalid character 'o' in literal null (expecting 'u') (byte 2 of the document)"},
		{"unfinished", "mood", `{"agent": "a"`, "assessment: not JSON: the document ends before its last value is complete"},
		{"after the document", "mood", `{} x`, "assessment: unexpected data after the document"},
		{"a kind whose document holds the arguments", "incentives", `{"period": 1}`, "period: a number where an object is expected"},
		{"a kind whose document holds the arguments, unknown field", "coaching", `{"x": 1}`, `document: unknown field "x"`},
		{"the index of a list element", "mood", `{"agent": "a", "screenings": [{"total": 1}, {"total": "x"}]}`,
			"assessment.screenings[1].total: a string where a whole number is expected"},
		{"the index of a list element, the list at the top", "incentives", `{"agents": [{"id": "a"}, {"id": 1}]}`,
			"agents[1].id: a number where a string is expected"},
		{"a map key", "incentives", `{"agents": [{"id": "a", "metrics": {"qa_avg": 90, "csat": "high"}}]}`,
			"agents[0].metrics.csat: a string where a number is expected"},
		{"a map key that is not an id is quoted", "incentives", `{"agents": [{"id": "a", "metrics": {"CSAT score": true}}]}`,
			`agents[0].metrics["CSAT score"]: true or false where a number is expected`},
		{"an object where a list is", "mood", `{"screenings": {}}`, "assessment.screenings: an object where an array is expected"},
		{"the document is not an object", "coaching", `[]`, "document: an array where an object is expected"},
		{"the document is not an object, rooted", "mood", `"x"`, "assessment: a string where an object is expected"},
		{"a fraction where a whole number is", "mood", `{"screenings": [{"total": 1.5}]}`, "assessment.screenings[0].total: 1.5 where a whole number is expected"},
		{"a whole number out of range", "mood", `{"screenings": [{"total": 99999999999999999999}]}`,
			"assessment.screenings[0].total: 99999999999999999999 is out of range for this field"},
		{"a number out of range", "incentives", `{"agents": [{"id": "a", "metrics": {"csat": 1e999}}]}`,
			"agents[0].metrics.csat: 1e999 is out of range for this field"},
		{"a time that is not a string", "mood", `{"at": 5}`, "assessment: a time is written as a JSON string (RFC 3339, as in 2026-11-02T09:00:00Z)"},
		{"a time that does not parse", "mood", `{"at": "monday"}`, `assessment: "monday" is not a time as JSON writes one (RFC 3339, as in 2026-11-02T09:00:00Z)`},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			p.kind = tt.kind
			_, err := evaluate(p, []byte(tt.doc))
			require.Error(t, err)
			errs := inputErrors(tt.kind, []byte(tt.doc), err)
			require.Len(t, errs, 1)
			assert.Equal(t, tt.want, errs[0].Error())
			assert.Equal(t, callfloor.ErrInvalid, errs[0].Kind)
		})
	}
	list := callfloor.InputErrors{callfloor.Required("a", ""), callfloor.Required("b", "")}
	assert.Equal(t, []*callfloor.InputError(list), evalErrors("mood", list), "several errors stay several")
	field := &callfloor.InputError{Kind: callfloor.ErrNotSupported, Msg: "unknown source"}
	assert.Equal(t, "evaluation: unknown source", evalErrors("qa", field)[0].Error(), "a field-less error is rooted at the document")
	assert.Equal(t, "", string(field.Field), "the library's error is not changed")
	assert.Equal(t, "assessment: x", evalErrors("mood", errors.New("x"))[0].Error(), "any other error is of the document")
}

// TestEvalExitStatus: 0 when every document is evaluated, 1 when one is
// refused or the policy cannot be used, 2 for a wrong command line.
func TestEvalExitStatus(t *testing.T) {
	const ok = `{"agent": "li.na", "at": "2026-11-02T09:00:00Z", "screenings": []}`
	tests := []struct {
		args  []string
		stdin string
		code  int
		lines int // lines on stdout
	}{
		{[]string{"mood"}, ok, exitOK, 1},
		{[]string{"mood"}, ok + "\n" + ok + "\n", exitOK, 2},
		{[]string{"mood"}, "", exitOK, 0},
		{[]string{"mood"}, ok + "\n{}\n" + ok, exitProblems, 3},
		{[]string{"mood", "-policy", "testdata/check/qa.yaml"}, ok, exitProblems, 0},
		{[]string{"mood", "-policy", "testdata/check/missing.yaml"}, ok, exitProblems, 0},
		{[]string{"qa", "-policy", "testdata/check/qa_bad.yaml"}, ok, exitProblems, 0},
		{[]string{}, ok, exitUsage, 0},
		{[]string{"moods"}, ok, exitUsage, 0},
		{[]string{"mood", "qa"}, ok, exitUsage, 0},
		{[]string{"mood", "-policy"}, ok, exitUsage, 0},
		{[]string{"-indentation", "mood"}, ok, exitUsage, 0},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := runEval(tt.stdin, tt.args...)
			assert.Equal(t, tt.code, code)
			assert.Equal(t, tt.lines, strings.Count(stdout, "\n"), stdout)
			if code == exitOK {
				assert.Empty(t, stderr)
			} else {
				assert.NotEmpty(t, stderr)
			}
		})
	}
}

// TestEvalEveryKind: the default policy of each kind evaluates a document
// of its kind.
func TestEvalEveryKind(t *testing.T) {
	docs := map[string]string{
		"mood":       `{"agent": "li.na", "at": "2026-11-02T09:00:00Z", "screenings": []}`,
		"qa":         `{"scorecard": "inbound_service", "source": "qa", "agent": "li.na", "at": "2026-11-02T09:00:00Z", "answers": []}`,
		"coaching":   `{"subject": "li.na", "signals": {"mood_tier": 2}}`,
		"incentives": `{"period": {"id": "2026-11", "cadence": "monthly", "start": "2026-11-01T00:00:00Z", "end": "2026-12-01T00:00:00Z"}, "agents": []}`,
	}
	for _, k := range kinds {
		t.Run(k, func(t *testing.T) {
			code, stdout, stderr := runEval(docs[k], k)
			assert.Equal(t, 1, strings.Count(stdout, "\n"), stdout)
			if k == "qa" {
				// An evaluation with no answers is refused, on its line.
				assert.Equal(t, exitProblems, code)
				assert.True(t, strings.HasPrefix(stdout, `{"errors":[{"field":"evaluation.`), stdout)
				return
			}
			assert.Equal(t, exitOK, code, stderr)
			assert.Contains(t, stdout, `"policy":{"version":`)
		})
	}
}

// FuzzEval: any bytes on stdin never panic; stdout has one line of JSON
// per document read, so that output line N always answers document N;
// and the documents are the input's own, checked against the input
// rather than against the reader: they follow one another with nothing
// but white space between them, none is over the bound, and none runs
// over several lines unless it is valid JSON. Comparing stdout with the
// reader alone missed a reader that merged a broken document with the
// ones after it, since the command agreed with its own reader.
func FuzzEval(f *testing.F) {
	f.Add([]byte(`{"agent": "li.na", "at": "2026-11-02T09:00:00Z", "screenings": []}`), uint8(0))
	f.Add([]byte("{\"agent\": \"a\"}\nnot json\n{\n}\n"), uint8(0))
	f.Add([]byte(`{"scorecard": "inbound_service", "source": "qa", "at": "2026-11-02T09:00:00Z", "answers": [{"item": "x", "value": 1}]}`), uint8(1))
	f.Add([]byte(`{"agent": "a", "signals": {"mood_tier": 9, "qa_avg": -1}, "cases": [{}]}`), uint8(2))
	f.Add([]byte(`{"period": {"start": "2026-11-01T00:00:00Z", "end": "2026-10-01T00:00:00Z"}, "agents": [{"id": "a"}]}`), uint8(3))
	f.Add([]byte(`"\"}" [ ] } {`), uint8(0))
	f.Add([]byte("{\"agent\":\"a\",\"screenings\":[]\n{\"agent\":\"b\"}\n{\"agent\":\"c\"}\n"), uint8(0))
	f.Add([]byte("{\"agent\":\"a\n{\"agent\":\"b\"}\n"), uint8(0))
	f.Add([]byte("{\"agents\": [{\"id\": 1}], \"period\": {\"start\": 5}}"), uint8(3))
	f.Fuzz(func(t *testing.T, stdin []byte, k uint8) {
		kind := kinds[int(k)%len(kinds)]
		docs, readErr := readDocs(t, string(stdin), 0)
		if readErr != nil {
			t.Fatalf("reading from memory failed: %v", readErr)
		}
		rest := string(stdin)
		for _, doc := range docs {
			i := strings.Index(rest, doc)
			if i < 0 || strings.TrimLeft(rest[:i], " \t\r\n") != "" {
				t.Fatalf("document %q does not follow the one before it in the input", doc)
			}
			rest = rest[i+len(doc):]
			if strings.ContainsAny(doc, "\r\n") && !json.Valid([]byte(doc)) {
				t.Fatalf("a document over several lines that is not JSON: %q", doc)
			}
		}
		if strings.TrimLeft(rest, " \t\r\n") != "" {
			t.Fatalf("input left unread: %q", rest)
		}
		code, stdout, _ := runEval(string(stdin), kind)
		if code != exitOK && code != exitProblems {
			t.Fatalf("exit status %d", code)
		}
		if strings.Count(stdout, "\n") != len(docs) {
			t.Fatalf("%d output lines for %d documents:\n%s", strings.Count(stdout, "\n"), len(docs), stdout)
		}
		for _, line := range strings.SplitAfter(stdout, "\n") {
			if line != "" && !json.Valid([]byte(line)) {
				t.Fatalf("an output line that is not JSON: %q", line)
			}
		}
		small, err := readDocs(t, string(stdin), 16)
		if err != nil {
			t.Fatalf("reading with a small bound failed: %v", err)
		}
		for _, doc := range small {
			if len(doc) > 16 || strings.ContainsAny(doc, "\r\n") && !json.Valid([]byte(doc)) {
				t.Fatalf("with a bound of 16: %q", doc)
			}
		}
	})
}
