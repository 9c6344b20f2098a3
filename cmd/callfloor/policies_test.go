package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/policyfile"
)

// TestPlaced holds every command's problem line to one shape, and check,
// diff and test to writing the same line for the same problem: the parts
// of a place that are not known are left out, never written as 0.
func TestPlaced(t *testing.T) {
	tests := []struct {
		why       string
		line, col int
		path, msg string
		want      string
	}{
		{"a full place", 3, 7, "tiers.mild", "m", "a.yaml:3:7: tiers.mild: m"},
		{"no column", 3, 0, "tiers.mild", "m", "a.yaml:3: tiers.mild: m"},
		{"no path", 3, 7, "", "m", "a.yaml:3:7: m"},
		{"a line alone", 3, 0, "", "YAML syntax: x", "a.yaml:3: YAML syntax: x"},
		{"a path alone", 0, 0, "kind", "missing", "a.yaml: kind: missing"},
		{"nothing but the file", 0, 0, "", "cannot read: x", "a.yaml: cannot read: x"},
		{"a column without its line is left out", 0, 7, "p", "m", "a.yaml: p: m"},
		{"negative places are unknown", -1, -1, "p", "m", "a.yaml: p: m"},
		{"the first line and column", 1, 1, "p", "m", "a.yaml:1:1: p: m"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			assert.Equal(t, tt.want, placed("a.yaml", tt.line, tt.col, tt.path, tt.msg, false))
			assert.Equal(t, tt.want, checkProblem{File: "a.yaml", Line: tt.line, Column: tt.col, Path: tt.path, Message: tt.msg}.format(false), "check")
			assert.Equal(t, tt.want, problem{file: "a.yaml", line: tt.line, col: tt.col, path: callfloor.Path(tt.path), msg: tt.msg}.String(), "test")
			pe := &callfloor.PolicyError{Kind: "mood policy", Problems: []callfloor.Problem{{Path: tt.path, Line: tt.line, Column: tt.col, Msg: tt.msg}}}
			assert.Equal(t, []string{tt.want}, diffTexts(checkPolicyProblems("a.yaml", "mood", pe)), "diff")
		})
	}
	t.Run("bold sets the place alone in bold, its colon included", func(t *testing.T) {
		assert.Equal(t, "\x1b[1ma.yaml:3:7:\x1b[0m p: m", placed("a.yaml", 3, 7, "p", "m", true))
		assert.Equal(t, "\x1b[1ma.yaml:\x1b[0m m", placed("a.yaml", 0, 0, "", "m", true))
	})
	t.Run("an error that is not a policy's problems is one problem of the file", func(t *testing.T) {
		assert.Equal(t, []string{"a.yaml: boom"}, diffTexts(checkPolicyProblems("a.yaml", "mood", errors.New("boom"))))
	})
}

// TestReadBounded: a file is read up to its bound and refused one byte
// past it, however much more it holds, as a device that never ends; a
// pipe is read like a file.
func TestReadBounded(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, n int) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, bytes.Repeat([]byte{'a'}, n), 0o644))
		return p
	}
	tests := []struct {
		why  string
		name string
		n    int // bytes read, when there is no error
		err  string
	}{
		{"empty", write("empty", 0), 0, ""},
		{"one under the bound", write("under", 9), 9, ""},
		{"at the bound", write("at", 10), 10, ""},
		{"one over the bound", write("over", 11), 0, "too large: a thing is at most 10 bytes"},
		{"a device that never ends", "/dev/zero", 0, "too large: a thing is at most 10 bytes"},
		{"missing", filepath.Join(dir, "missing"), 0, "cannot read: no such file or directory"},
		{"a folder", dir, 0, "cannot read: is a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			b, err := readBounded(tt.name, "a thing", 10)
			if tt.err != "" {
				require.Error(t, err)
				assert.Equal(t, tt.err, readProblem(err))
				return
			}
			require.NoError(t, err)
			assert.Len(t, b, tt.n)
		})
	}
	assert.Equal(t, "too large: a policy is at most 1 MiB", (&errTooLarge{"a policy", policyfile.MaxSize}).Error())

	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	go func() {
		w.Write([]byte("kind: mood\n"))
		w.Close()
	}()
	b, err := readBounded(fmt.Sprintf("/dev/fd/%d", r.Fd()), "a policy", 100)
	require.NoError(t, err)
	assert.Equal(t, "kind: mood\n", string(b))
}
