package main

import (
	"bytes"
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

// readDocs splits a stream as eval does.
func readDocs(t testing.TB, stream string) ([]string, error) {
	t.Helper()
	r := newEvalReader(strings.NewReader(stream))
	var out []string
	for {
		doc, err := r.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, string(doc))
	}
}

// TestEvalReader: documents are split where JSON would end them, and a
// line that is not JSON is one document.
func TestEvalReader(t *testing.T) {
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
		{"brackets and quotes inside strings", `{"a": "}]\"{"} [1]`, []string{`{"a": "}]\"{"}`, `[1]`}},
		{"an escaped backslash ends before the quote", `{"a": "\\"} 1`, []string{`{"a": "\\"}`, `1`}},
		{"a string document", `"x y" null`, []string{`"x y"`, `null`}},
		{"a line that is not JSON is one document", "this is not JSON\n{}", []string{"this is not JSON", "{}"}},
		{"an unfinished object is one document", `{"a": [1, 2`, []string{`{"a": [1, 2`}},
		{"a stray closer", "}\n{}", []string{"}", "{}"}},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			got, err := readDocs(t, tt.stream)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestEvalReaderBound: a document over maxDocument stops the stream with
// an error rather than growing without end.
func TestEvalReaderBound(t *testing.T) {
	r := newEvalReader(io.MultiReader(strings.NewReader(`"`), neverEnding('a')))
	_, err := r.next()
	assert.EqualError(t, err, "a document is over 64 MiB; the rest of the input is not read")
}

type neverEnding byte

func (b neverEnding) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
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
		{"a type the field cannot hold", "mood", `{"agent": 3}`, "assessment.agent: a JSON number cannot be read as Go type string"},
		{"an unknown field", "mood", `{"mood": 3}`, `assessment: unknown field "mood"`},
		{"not JSON", "mood", `nope`, "assessment: not JSON: invalid character 'o' in literal null (expecting 'u') (byte 2 of the document)"},
		{"unfinished", "mood", `{"agent": "a"`, "assessment: not JSON: the document ends before its last value is complete"},
		{"after the document", "mood", `{} x`, "assessment: unexpected data after the document"},
		{"a kind whose document holds the arguments", "incentives", `{"period": 1}`, "period: a JSON number cannot be read as Go type incentives.Period"},
		{"a kind whose document holds the arguments, unknown field", "coaching", `{"x": 1}`, `unknown field "x"`},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			p.kind = tt.kind
			_, err := evaluate(p, []byte(tt.doc))
			require.Error(t, err)
			errs := evalErrors(tt.kind, err)
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

// FuzzEval: any bytes on stdin never panic, and stdout has one line per
// document read, so that output line N always answers document N.
func FuzzEval(f *testing.F) {
	f.Add([]byte(`{"agent": "li.na", "at": "2026-11-02T09:00:00Z", "screenings": []}`), uint8(0))
	f.Add([]byte("{\"agent\": \"a\"}\nnot json\n{\n}\n"), uint8(0))
	f.Add([]byte(`{"scorecard": "inbound_service", "source": "qa", "at": "2026-11-02T09:00:00Z", "answers": [{"item": "x", "value": 1}]}`), uint8(1))
	f.Add([]byte(`{"agent": "a", "signals": {"mood_tier": 9, "qa_avg": -1}, "cases": [{}]}`), uint8(2))
	f.Add([]byte(`{"period": {"start": "2026-11-01T00:00:00Z", "end": "2026-10-01T00:00:00Z"}, "agents": [{"id": "a"}]}`), uint8(3))
	f.Add([]byte(`"\"}" [ ] } {`), uint8(0))
	f.Fuzz(func(t *testing.T, stdin []byte, k uint8) {
		kind := kinds[int(k)%len(kinds)]
		docs, readErr := readDocs(t, string(stdin))
		code, stdout, _ := runEval(string(stdin), kind)
		if code != exitOK && code != exitProblems {
			t.Fatalf("exit status %d", code)
		}
		if readErr == nil && strings.Count(stdout, "\n") != len(docs) {
			t.Fatalf("%d output lines for %d documents:\n%s", strings.Count(stdout, "\n"), len(docs), stdout)
		}
	})
}
