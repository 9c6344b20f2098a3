package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/internal/cond"
	"github.com/callfloor/callfloor/internal/policyfile"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

func init() {
	register(&command{
		name:    "check",
		args:    "FILE...",
		summary: "validate policies of any kind, every problem with its place",
		help: `Check reads each policy file, as the package its top-level kind field
names (or -kind), and reports every problem of every file at once, one a
line, as

	file:line:column: path: message

and exits 1 if there is any. A file that cannot be read, or whose kind is
missing or unknown, is a problem of that file. On success it prints
nothing, unless -v.

A coaching policy is checked against the kinds of the files checked
with it, never against how many there are, so that checking only the
files a commit changed gives each the same verdict:

  - with a mood policy, it must declare every signal callfloor gives from
    a mood triage (mood_tier, mood_crisis, ...), since a coaching policy
    refuses a signal it does not declare;
  - with a qa policy, every signal callfloor gives from a qa trend
    (qa_avg, complaints, ...);
  - with -signals, every signal named there, and each signal its
    conditions (triggers' when and hold_when, exit.retain_when) read
    that is neither a mood nor a qa signal must be named there.

A coaching policy alone, or with an incentives policy, is checked
against nothing else.

An incentives policy checked with a qa policy must map QA findings
(discipline.qa_findings) only to scorecards and items that qa policy
has: a mapping to anything else would never fire.

-o json writes the problems as one JSON array, "[]" when there is none:

	[{"file": "mood.yaml", "line": 3, "column": 7, "path": "tiers.mild",
	  "message": "...", "kind": "mood"}]

line and column are 0 where the problem has no place (a file that cannot
be read), path is "" for the file as a whole, and kind is the package the
file was read as, "" when it is not known.

Example:

	$ callfloor check mood.yaml qa.yaml
	qa.yaml:1:7: kind: unknown kind "QA"; allowed: coaching, incentives, mood, qa
	$ callfloor check -v mood.yaml
	mood.yaml: ok (mood mood-default-1@7a38a76e14ee)`,
		flags: checkFlags,
	})
}

func checkFlags(fs *flag.FlagSet) func(*env, []string) int {
	kind := fs.String("kind", "", "read every file as a policy of this `kind` ("+strings.Join(kinds, ", ")+"); a kind field in a file must agree")
	out := fs.String("o", "text", "output `format`: text, or json for tools")
	verbose := fs.Bool("v", false, "in text output, print \"FILE: ok (kind version@hash)\" for each valid file")
	signals := fs.String("signals", "", "comma-separated `names` of the signals the host supplies to coaching itself")
	return func(e *env, args []string) int {
		if *kind != "" && !validKind(*kind) {
			return e.usageErrorf("check", "-kind %q is not a policy kind (%s)", *kind, strings.Join(kinds, ", "))
		}
		if *out != "text" && *out != "json" {
			return e.usageErrorf("check", "-o %q is not an output format (text, json)", *out)
		}
		host, err := checkSignalFlag(*signals)
		if err != nil {
			return e.usageErrorf("check", "-signals: %v", err)
		}
		if len(args) == 0 {
			return e.usageErrorf("check", "no policy file given")
		}
		checked := make([]checkedFile, len(args))
		for i, file := range args {
			checked[i] = checkFile(file, *kind)
		}
		checkAcross(checked, host)
		var problems []checkProblem
		for _, c := range checked {
			checkSort(c.problems)
			problems = append(problems, c.problems...)
		}
		if *out == "json" {
			if problems == nil {
				problems = []checkProblem{}
			}
			b, _ := json.MarshalIndent(problems, "", "  ")
			fmt.Fprintf(e.stdout, "%s\n", b)
		} else {
			for _, c := range checked {
				for _, p := range c.problems {
					fmt.Fprintln(e.stdout, p.format(e.color))
				}
				if *verbose && len(c.problems) == 0 {
					fmt.Fprintf(e.stdout, "%s: ok (%s %s)\n", c.file, c.kind, c.policy.identity())
				}
			}
		}
		if len(problems) > 0 {
			return exitProblems
		}
		return exitOK
	}
}

// checkProblem is one problem check reports, in the shape -o json writes.
// Every key is always present, so that a tool reads one shape.
type checkProblem struct {
	// File is the file as it was named on the command line.
	File string `json:"file"`
	// Line and Column are 1-based, 0 where unknown.
	Line   int `json:"line"`
	Column int `json:"column"`
	// Path is the policy field, as in "tiers[2].min"; "" for the file as
	// a whole.
	Path    string `json:"path"`
	Message string `json:"message"`
	// Kind is the package the file was read as, "" when not known.
	Kind string `json:"kind"`
}

// format writes the problem as placed does; color makes the place bold.
func (p checkProblem) format(color bool) string {
	return placed(p.File, p.Line, p.Column, p.Path, p.Message, color)
}

func checkSort(ps []checkProblem) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Line != ps[j].Line {
			return ps[i].Line < ps[j].Line
		}
		return ps[i].Column < ps[j].Column
	})
}

// checkPolicyProblems turns an error of a package's ParsePolicy into
// problems in check's shape: each problem of a *callfloor.PolicyError with
// its place, any other error as one problem of the file. eval, diff and
// test report a policy that does not parse through it too.
func checkPolicyProblems(file, kind string, err error) []checkProblem {
	var pe *callfloor.PolicyError
	if !errors.As(err, &pe) {
		return []checkProblem{{File: file, Message: err.Error(), Kind: kind}}
	}
	out := make([]checkProblem, len(pe.Problems))
	for i, p := range pe.Problems {
		out[i] = checkProblem{File: file, Line: p.Line, Column: p.Column, Path: p.Path, Message: p.Msg, Kind: kind}
	}
	return out
}

// A checkedFile is one file as check read it: its kind when known, its
// policy when it parsed, and its problems.
type checkedFile struct {
	file     string
	kind     string
	src      []byte
	policy   *policy
	problems []checkProblem
}

// checkFile reads, identifies and parses one file, turning every failure
// into problems of the file.
func checkFile(file, flagKind string) checkedFile {
	c := checkedFile{file: file}
	src, err := readPolicyFile(file)
	if err != nil {
		c.problems = []checkProblem{{File: file, Message: readProblem(err)}}
		return c
	}
	c.src = src
	// A source that is not YAML at all is refused in the same words
	// whatever its kind, so say why before asking what kind it is.
	if d := policyfile.Decode("policy", src, &struct{}{}); d.Fatal() {
		c.kind = flagKind
		c.problems = checkPolicyProblems(file, flagKind, d.Err())
		return c
	}
	kind, problem := checkKindOf(file, src, flagKind)
	if problem != nil {
		c.problems = []checkProblem{*problem}
		return c
	}
	c.kind = kind
	p, err := parsePolicy(file, kind, src)
	if err != nil {
		c.problems = checkPolicyProblems(file, kind, err)
		return c
	}
	c.policy = p
	return c
}

// checkKindOf decides the package that reads src, as resolveKind does, but
// places a problem with the kind field at the field. A kind field whose
// value no package has is left to the package's parser when -kind names
// the package, so that the problem reads as every other problem of it.
func checkKindOf(file string, src []byte, flagKind string) (string, *checkProblem) {
	n := checkTop(src, policyfile.KindField)
	if n == nil {
		if flagKind != "" {
			return flagKind, nil
		}
		return "", &checkProblem{File: file, Path: policyfile.KindField, Message: fmt.Sprintf(
			"missing: name the policy's package in a top-level kind field (%s) or give -kind", strings.Join(kinds, ", "))}
	}
	here := func(msg string) *checkProblem {
		return &checkProblem{File: file, Line: n.Line, Column: n.Column, Path: policyfile.KindField, Message: msg, Kind: flagKind}
	}
	if n.Kind != yaml.ScalarNode || !validKind(n.Value) {
		if flagKind != "" {
			return flagKind, nil
		}
		if n.Kind != yaml.ScalarNode {
			return "", here(fmt.Sprintf("expected one of %s", strings.Join(kinds, ", ")))
		}
		return "", here(fmt.Sprintf("unknown kind %q; allowed: %s", n.Value, strings.Join(kinds, ", ")))
	}
	if flagKind != "" && n.Value != flagKind {
		return "", here(fmt.Sprintf("kind %q does not match -kind %s", n.Value, flagKind))
	}
	return n.Value, nil
}

// checkTop returns the value node of a top-level key of a YAML mapping,
// aliases followed, or nil.
func checkTop(src []byte, key string) *yaml.Node {
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(src)).Decode(&doc); err != nil && err != io.EOF {
		return nil
	}
	if len(doc.Content) == 0 {
		return nil
	}
	return checkGet(doc.Content[0], key)
}

// checkGet returns the value of key in the mapping n, aliases followed,
// or nil. Keys merged in with "<<" are not looked at: the policy's own
// parser has read them, and a place inside a merged mapping would point
// away from the field anyway.
func checkGet(n *yaml.Node, key string) *yaml.Node {
	n = checkDeref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Kind == yaml.ScalarNode && n.Content[i].Value == key {
			return checkDeref(n.Content[i+1])
		}
	}
	return nil
}

// checkDeref follows an alias to its anchor; a policy that parsed has no
// alias cycle, and the bound keeps a hostile one from looping.
func checkDeref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// checkSignalFlag reads -signals: names separated by commas, each a
// condition identifier, none twice.
func checkSignalFlag(s string) (map[string]bool, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	names := map[string]bool{}
	for _, name := range strings.Split(s, ",") {
		name = strings.TrimSpace(name)
		switch {
		case !cond.IsIdent(name):
			return nil, fmt.Errorf("%q is not a signal name (letters, digits and _, not starting with a digit)", name)
		case names[name]:
			return nil, fmt.Errorf("%q is named twice", name)
		}
		names[name] = true
	}
	return names, nil
}

// A checkSignalSource is a family of signals callfloor gives coaching
// from another package's result, with the kind of policy that result
// comes from.
type checkSignalSource struct {
	kind  string // "mood" or "qa"
	from  string // "a mood triage"
	names []string
}

// checkSignalSources are read from the functions of package coaching
// that give them (MoodSignals, QASignals), so that a signal they add is
// checked without a change here.
var checkSignalSources = []checkSignalSource{
	{kind: "mood", from: "a mood triage",
		names: policyfile.SortedKeys(coaching.MoodSignals(mood.Triage{}))},
	{kind: "qa", from: "a qa trend",
		names: policyfile.SortedKeys(coaching.QASignals(qa.Trend{Latest: qa.PeriodStat{N: 1}}))},
}

// checkAcross checks each coaching policy that parsed against the kinds
// of the other files checked with it and the signals the host supplies
// (host, nil when -signals was not given), adding the problems to the
// coaching file. What is checked depends on which kinds are given, never
// on how many files: a hook that checks only the files a commit changed
// gives each file the verdict it gets checked with the same kinds.
func checkAcross(files []checkedFile, host map[string]bool) {
	given := map[string][]string{} // kind -> files of that kind
	for _, f := range files {
		if f.kind != "" {
			given[f.kind] = append(given[f.kind], f.file)
		}
	}
	for i := range files {
		f := &files[i]
		if f.policy == nil {
			continue
		}
		if f.policy.coaching != nil {
			f.problems = append(f.problems, checkCoachingSignals(f.file, f.src, f.policy.coaching.SignalNames(), given, host)...)
		}
		if f.policy.incentives != nil {
			for _, q := range files {
				if q.policy != nil && q.policy.qa != nil {
					f.problems = append(f.problems, checkQAFindings(f.file, f.policy.incentives, q.file, q.policy.qa)...)
				}
			}
		}
	}
}

// checkQAFindings is the check across files of an incentives policy and
// a qa policy checked with it: each mapping of discipline.qa_findings
// must name a scorecard and an item of the qa policy, or the finding it
// was written for would never lead to discipline.
func checkQAFindings(file string, p *incentives.Policy, qaFile string, q *qa.Policy) []checkProblem {
	var pe *callfloor.PolicyError
	if !errors.As(p.CheckQA(q), &pe) {
		return nil
	}
	out := make([]checkProblem, len(pe.Problems))
	for i, pr := range pe.Problems {
		out[i] = checkProblem{File: file, Line: pr.Line, Column: pr.Column, Path: pr.Path, Kind: "incentives",
			Message: pr.Msg + " (the qa policy " + qaFile + " is checked with this one)"}
	}
	return out
}

// checkCoachingSignals is the check across files of one coaching
// policy: src is its source, declared its signal names, given the files
// checked with it by kind, and host the signals the host supplies. The
// mood signals are checked only when a mood policy is given: the policy
// must declare every one of them. So are the qa signals when a qa policy
// is given. With -signals, the policy must declare each signal it names,
// and every signal a condition reads that is neither a mood nor a qa
// signal must be named there. A coaching policy alone, or with an
// incentives policy, is checked against nothing.
func checkCoachingSignals(file string, src []byte, declared []string, given map[string][]string, host map[string]bool) []checkProblem {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil || len(root.Content) == 0 {
		return nil
	}
	top := root.Content[0]
	isDeclared := map[string]bool{}
	for _, s := range declared {
		isDeclared[s] = true
	}
	var out []checkProblem
	signalsAt := func(msg string) {
		p := checkProblem{File: file, Path: "signals", Message: msg, Kind: "coaching"}
		if n := checkGet(top, "signals"); n != nil {
			p.Line, p.Column = n.Line, n.Column
		}
		out = append(out, p)
	}
	const refuses = "a coaching policy refuses a signal it does not declare"

	family := map[string]bool{} // the mood and qa signals, given or not
	for i := range checkSignalSources {
		src := &checkSignalSources[i]
		var missing []string
		for _, name := range src.names {
			family[name] = true
			if !isDeclared[name] {
				missing = append(missing, name)
			}
		}
		if files := given[src.kind]; len(files) > 0 && len(missing) > 0 {
			signalsAt(fmt.Sprintf("does not declare %s, which callfloor gives from %s, and the %s policy %s is checked with this one; %s",
				strings.Join(missing, ", "), src.from, src.kind, strings.Join(files, ", "), refuses))
		}
	}
	if host == nil {
		return out
	}
	var hostMissing []string
	for _, name := range policyfile.SortedKeys(host) {
		if !isDeclared[name] {
			hostMissing = append(hostMissing, name)
		}
	}
	if len(hostMissing) > 0 {
		signalsAt(fmt.Sprintf("does not declare %s, which -signals says the host supplies; %s", strings.Join(hostMissing, ", "), refuses))
	}
	for _, c := range checkCoachingConditions(top) {
		for _, r := range checkNamesRead(c.node.Value) {
			if family[r.name] || host[r.name] {
				continue
			}
			line, col := checkOffsetPlace(c.node, r.offset)
			out = append(out, checkProblem{File: file, Line: line, Column: col, Path: c.path, Kind: "coaching",
				Message: fmt.Sprintf("reads %s, which is neither a mood nor a qa signal, and -signals does not name it as one the host supplies", r.name)})
		}
	}
	return out
}

// A condition is one condition of a policy source, with its field path.
type checkCondition struct {
	path string
	node *yaml.Node
}

// checkCoachingConditions lists the conditions of a coaching policy that read
// signals: each trigger's when and hold_when, and the exit interview's
// retain_when.
func checkCoachingConditions(top *yaml.Node) []checkCondition {
	var out []checkCondition
	add := func(path string, n *yaml.Node) {
		if n != nil && n.Kind == yaml.ScalarNode {
			out = append(out, checkCondition{path, n})
		}
	}
	if ts := checkGet(top, "triggers"); ts != nil && ts.Kind == yaml.SequenceNode {
		for i, t := range ts.Content {
			path := callfloor.Path("triggers").Index(i)
			add(string(path.Child("when")), checkGet(t, "when"))
			add(string(path.Child("hold_when")), checkGet(t, "hold_when"))
		}
	}
	add("exit.retain_when", checkGet(checkGet(top, "exit"), "retain_when"))
	return out
}

// A checkName is a signal a condition reads, at the byte offset of its
// first mention.
type checkName struct {
	name   string
	offset int
}

// checkNamesRead lists the names a condition reads, in the order the condition
// language's own parser meets them, by compiling it against an ever
// larger set of names: each compile stops at the first name not yet
// known, with its offset. The language has one lexer, and this keeps it
// that way.
func checkNamesRead(src string) []checkName {
	var out []checkName
	var names []string
	for len(names) <= cond.MaxLen {
		env, err := cond.NewEnv(names...)
		if err != nil {
			return out
		}
		_, err = cond.Compile(src, env)
		var ce *cond.Error
		if err == nil || !errors.As(err, &ce) || !strings.HasPrefix(ce.Msg, "unknown metric ") {
			return out
		}
		name := checkIdentAt(src, ce.Offset)
		if name == "" {
			return out
		}
		names = append(names, name)
		out = append(out, checkName{name, ce.Offset})
	}
	return out
}

// checkIdentAt returns the identifier that starts at byte i of s.
func checkIdentAt(s string, i int) string {
	j := i
	for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || j > i && s[j] >= '0' && s[j] <= '9') {
		j++
	}
	return s[i:j]
}

// checkOffsetPlace is the line and column of byte offset inside the scalar n,
// exact for a value written on one line, plain or quoted, as the
// packages place a problem inside a condition; otherwise the value's own
// place.
func checkOffsetPlace(n *yaml.Node, offset int) (line, col int) {
	if strings.Contains(n.Value, "\n") {
		return n.Line, n.Column
	}
	switch n.Style {
	case 0:
		return n.Line, n.Column + offset
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		return n.Line, n.Column + 1 + offset
	}
	return n.Line, n.Column
}
