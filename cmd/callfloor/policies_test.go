package main

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/callfloor/callfloor"
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
			assert.Equal(t, []string{tt.want}, diffPolicyProblems("a.yaml", pe), "diff")
		})
	}
	t.Run("bold sets the place alone in bold, its colon included", func(t *testing.T) {
		assert.Equal(t, "\x1b[1ma.yaml:3:7:\x1b[0m p: m", placed("a.yaml", 3, 7, "p", "m", true))
		assert.Equal(t, "\x1b[1ma.yaml:\x1b[0m m", placed("a.yaml", 0, 0, "", "m", true))
	})
	t.Run("an error that is not a policy's problems is one problem of the file", func(t *testing.T) {
		assert.Equal(t, []string{"a.yaml: boom"}, diffPolicyProblems("a.yaml", errors.New("boom")))
	})
}
