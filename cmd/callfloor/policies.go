package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/internal/policyfile"
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
	src, err := readPolicyFile(file)
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

// errTooLarge is a file over the bound of what it holds.
type errTooLarge struct {
	what string // "a policy"
	max  int
}

func (e *errTooLarge) Error() string {
	return fmt.Sprintf("too large: %s is at most %s", e.what, sizeWords(e.max))
}

// sizeWords writes a bound in MiB when it is a whole number of them.
func sizeWords(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.Itoa(n>>20) + " MiB"
	}
	return strconv.Itoa(n) + " bytes"
}

// readBounded reads the file name, what (as in "a policy") of at most max
// bytes, and refuses it with an *errTooLarge past that, having read no
// more than max+1 bytes: a file named by mistake (/dev/zero, a log)
// costs no more memory than the largest file allowed. Pipes and devices
// are read like regular files, so that "check <(cat mood.yaml)" works.
// Every file the command reads goes through it.
func readBounded(name, what string, max int) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, int64(max)+1))
	if err != nil {
		return nil, err
	}
	if len(b) > max {
		return nil, &errTooLarge{what: what, max: max}
	}
	return b, nil
}

// readPolicyFile reads a policy file, up to the largest policy the
// packages accept.
func readPolicyFile(name string) ([]byte, error) {
	return readBounded(name, "a policy", policyfile.MaxSize)
}

// readProblem says why a file could not be read, without Go's wording
// of the operation ("open x.yaml: ..."): the file is named already.
func readProblem(err error) string {
	var tl *errTooLarge
	if errors.As(err, &tl) {
		return tl.Error()
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return "cannot read: " + err.Error()
}
