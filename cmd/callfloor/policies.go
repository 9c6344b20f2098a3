package main

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

// kinds are the packages whose policies the command reads, as a policy's
// top-level kind field names them.
var kinds = []string{"coaching", "incentives", "mood", "qa"}

// A policy is one parsed policy file. Exactly one of the package fields is
// set, the one kind names.
type policy struct {
	file string
	kind string
	src  []byte

	mood       *mood.Policy
	qa         *qa.Policy
	coaching   *coaching.Policy
	incentives *incentives.Policy
}

// identity is the policy's version and source hash.
func (p *policy) identity() callfloor.Identity {
	switch {
	case p.mood != nil:
		return p.mood.Identity()
	case p.qa != nil:
		return p.qa.Identity()
	case p.coaching != nil:
		return p.coaching.Identity()
	default:
		return p.incentives.Identity()
	}
}

// kindOf reads the top-level kind field of a policy source, "" when there
// is none. It reads nothing else: the package's own parser checks the rest.
func kindOf(src []byte) string {
	var top struct {
		Kind string `yaml:"kind"`
	}
	// A source that is not a mapping has no kind; its parser says why.
	_ = yaml.NewDecoder(bytes.NewReader(src)).Decode(&top)
	return top.Kind
}

func validKind(k string) bool {
	for _, v := range kinds {
		if v == k {
			return true
		}
	}
	return false
}

// resolveKind decides which package reads src: the -kind flag when given
// (which must agree with a kind field in the file), else the file's kind
// field.
func resolveKind(file string, src []byte, flagKind string) (string, error) {
	if flagKind != "" && !validKind(flagKind) {
		return "", fmt.Errorf("-kind %q is not a policy kind (%s)", flagKind, strings.Join(kinds, ", "))
	}
	k := kindOf(src)
	switch {
	case k == "" && flagKind == "":
		return "", fmt.Errorf("%s: no top-level kind field (one of %s); add one or give -kind", file, strings.Join(kinds, ", "))
	case k == "":
		return flagKind, nil
	case !validKind(k):
		return "", fmt.Errorf("%s: kind %q is not a policy kind (%s)", file, k, strings.Join(kinds, ", "))
	case flagKind != "" && k != flagKind:
		return "", fmt.Errorf("%s: kind %q does not match -kind %s", file, k, flagKind)
	}
	return k, nil
}

// parsePolicy parses src as a policy of kind. The error is the package's
// own, a *callfloor.PolicyError when the source was read but refused.
func parsePolicy(file, kind string, src []byte) (*policy, error) {
	p := &policy{file: file, kind: kind, src: src}
	var err error
	switch kind {
	case "mood":
		p.mood, err = mood.ParsePolicy(src)
	case "qa":
		p.qa, err = qa.ParsePolicy(src)
	case "coaching":
		p.coaching, err = coaching.ParsePolicy(src)
	case "incentives":
		p.incentives, err = incentives.ParsePolicy(src)
	default:
		return nil, fmt.Errorf("%s: kind %q is not a policy kind (%s)", file, kind, strings.Join(kinds, ", "))
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}

// loadPolicy reads, identifies and parses one policy file.
func loadPolicy(file, flagKind string) (*policy, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	kind, err := resolveKind(file, src, flagKind)
	if err != nil {
		return nil, err
	}
	return parsePolicy(file, kind, src)
}

// placed writes a problem as "file:line:column: path: message", the one
// shape every command prints a problem with its place in, as compilers
// do, so that editors and CI annotations jump to it. A line or column of
// 0 is not known and is left out, and so is the column of an unknown
// line; an empty path, the file as a whole, is left out with its colon.
// bold sets the place in bold, for a terminal.
func placed(file string, line, col int, path, msg string, bold bool) string {
	place := file
	if line > 0 {
		place += ":" + strconv.Itoa(line)
		if col > 0 {
			place += ":" + strconv.Itoa(col)
		}
	}
	place += ":"
	if bold {
		place = "\x1b[1m" + place + "\x1b[0m"
	}
	if path != "" {
		return place + " " + path + ": " + msg
	}
	return place + " " + msg
}
