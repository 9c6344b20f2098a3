package server

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

// LoadError is policy and token files that could not be loaded, with
// every problem found in them. New and Reload return one; the command
// prints each problem on its line, and POST /v1/admin/reload lists them.
type LoadError struct {
	Problems []FileProblem
}

// FileProblem is one problem of one file: the library's Problem (the
// path in the file, line, column, message) and the file's name.
type FileProblem struct {
	File string
	callfloor.Problem
}

// Error gives "<file>: <path>: line L, column C: <message>".
func (p FileProblem) Error() string { return p.File + ": " + p.Problem.Error() }

// Error lists the problems one per line.
func (e *LoadError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns each problem, so that errors.As reaches a FileProblem.
func (e *LoadError) Unwrap() []error {
	out := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = p
	}
	return out
}

// joinLoadErrors is one LoadError of the problems of every error given,
// nil when none is an error.
func joinLoadErrors(errs ...error) error {
	var all LoadError
	for _, err := range errs {
		var le *LoadError
		switch {
		case err == nil:
		case errors.As(err, &le):
			all.Problems = append(all.Problems, le.Problems...)
		default:
			all.Problems = append(all.Problems, FileProblem{Problem: callfloor.Problem{Msg: err.Error()}})
		}
	}
	if len(all.Problems) == 0 {
		return nil
	}
	return &all
}

// problemLines is each problem of err on its own, for a log line.
func problemLines(err error) []string {
	var le *LoadError
	if errors.As(err, &le) {
		lines := make([]string, len(le.Problems))
		for i, p := range le.Problems {
			lines[i] = p.Error()
		}
		return lines
	}
	return []string{err.Error()}
}

// policyKinds are the kinds a policy file may declare, sorted.
var policyKinds = []string{"coaching", "incentives", "mood", "qa"}

// loadPolicies reads every *.yaml and *.yml file of dir as a policy of
// the kind its kind field names. A kind no file names runs its package's
// default; an empty dir runs every default. A dir that cannot be read, a
// file without a known kind, two files of one kind and every problem the
// packages find in a policy are problems, all reported at once.
func loadPolicies(dir string) (*Policies, error) {
	pol := &Policies{
		Mood:       mood.DefaultPolicy(),
		QA:         qa.DefaultPolicy(),
		Coaching:   coaching.DefaultPolicy(),
		Incentives: incentives.DefaultPolicy(),
		Files:      map[string]string{},
	}
	if dir == "" {
		return pol, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		msg := err.Error()
		var pe *fs.PathError
		if errors.As(err, &pe) {
			msg = "the policy directory cannot be read: " + pe.Err.Error()
		}
		return nil, &LoadError{Problems: []FileProblem{{File: dir, Problem: callfloor.Problem{Msg: msg}}}}
	}
	var files []string
	for _, e := range entries {
		if ext := filepath.Ext(e.Name()); !e.IsDir() && (ext == ".yaml" || ext == ".yml") {
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	slices.Sort(files)
	var le LoadError
	add := func(f string, p callfloor.Problem) {
		le.Problems = append(le.Problems, FileProblem{File: f, Problem: p})
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			add(f, callfloor.Problem{Msg: err.Error()})
			continue
		}
		kind, at, ok := policyKind(src)
		if !ok {
			add(f, at)
			continue
		}
		if prev, dup := pol.Files[kind]; dup {
			at.Msg = fmt.Sprintf("a second %s policy; %s is the first, and a kind has one policy", kind, filepath.Base(prev))
			add(f, at)
			continue
		}
		switch kind {
		case "mood":
			pol.Mood, err = mood.ParsePolicy(src)
		case "qa":
			pol.QA, err = qa.ParsePolicy(src)
		case "coaching":
			pol.Coaching, err = coaching.ParsePolicy(src)
		case "incentives":
			pol.Incentives, err = incentives.ParsePolicy(src)
		}
		if err != nil {
			var pe *callfloor.PolicyError
			if errors.As(err, &pe) {
				for _, p := range pe.Problems {
					add(f, p)
				}
			} else {
				add(f, callfloor.Problem{Msg: err.Error()})
			}
			continue
		}
		pol.Files[kind] = f
	}
	if len(le.Problems) > 0 {
		return nil, &le
	}
	return pol, nil
}

// policyKind finds a policy's kind. When it is missing or not one of
// policyKinds, ok is false and at says why, with its place. Otherwise at
// is the kind's place, for a later problem with it.
func policyKind(src []byte) (kind string, at callfloor.Problem, ok bool) {
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(src)).Decode(&doc); err != nil {
		return "", yamlProblem(err), false
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return "", callfloor.Problem{Line: root.Line, Column: root.Column,
			Msg: "a policy is a mapping whose kind is one of " + strings.Join(policyKinds, ", ")}, false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value != "kind" {
			continue
		}
		at = callfloor.Problem{Path: "kind", Line: v.Line, Column: v.Column}
		if v.Kind != yaml.ScalarNode || !slices.Contains(policyKinds, v.Value) {
			at.Msg = fmt.Sprintf("%q is not a policy kind; allowed: %s", v.Value, strings.Join(policyKinds, ", "))
			return "", at, false
		}
		return v.Value, at, true
	}
	return "", callfloor.Problem{Path: "kind", Line: root.Line, Column: root.Column,
		Msg: "is required: one of " + strings.Join(policyKinds, ", ") + ", so that the file is read as the policy it is"}, false
}

// Policy is one loaded policy as GET /v1/policies lists it.
type Policy struct {
	Kind    string `json:"kind"`
	Version string `json:"version"`
	Hash    string `json:"hash"`
	// File is the file it was read from; empty for a package's default.
	File string `json:"file,omitempty"`
}

// policyList lists the policies of pol in kind order.
func policyList(pol *Policies) []Policy {
	ids := map[string]callfloor.Identity{
		"coaching":   pol.Coaching.Identity(),
		"incentives": pol.Incentives.Identity(),
		"mood":       pol.Mood.Identity(),
		"qa":         pol.QA.Identity(),
	}
	out := make([]Policy, 0, len(policyKinds))
	for _, k := range policyKinds {
		out = append(out, Policy{Kind: k, Version: ids[k].Version, Hash: ids[k].Hash, File: pol.Files[k]})
	}
	return out
}
