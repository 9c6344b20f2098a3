package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/mood"
)

func init() {
	register(&command{
		name:    "diff",
		args:    "OLD NEW -data DIR",
		summary: "show what a policy change does to one period's decisions and pay",
		help:    diffHelp,
		exits:   fmt.Sprintf("%d no differences, %d differences found, %d wrong command line or input that cannot be compared", exitOK, exitProblems, exitUsage),
		flags:   diffFlags,
	})
}

const diffHelp = `
Diff evaluates one period's data under two versions of the policies and
prints every decision that changes: for mood, the agents whose tier,
crisis or owed actions change; for qa, the evaluations whose score,
passed or pay relevance change; for coaching, the agents whose proposed
cases change; for incentives, the agents whose bonus, fines, points,
held amounts, grade or statement lines change, and the money moved.

OLD and NEW are each a policy file or a folder of them. A folder's .yaml
and .yml files are read, not its subfolders nor names starting with ".";
each is one policy, and a folder holds at most one of each kind. A
policy's kind is named by its top-level kind field, by -kind (only when
OLD and NEW are files), and by its file name when the part before the
first ".", "-" or "_" is a kind (mood.yaml, qa-2025.yaml,
incentives_v2.yml; moodboard.yaml names none). At least one of them must
name it, and all that do must agree. Policies are paired by kind; a kind
on one side only is an error.

DIR holds the period's input documents, one file per kind, each document
as eval reads it:

  mood.jsonl        mood assessments, one per agent
  qa.jsonl          qa evaluations, each with its own id
  coaching.jsonl    {"subject", "signals", "open"}, one per person
  incentives.json   one {"period", "agents"} document

A .jsonl file holds one document per line, or documents spread over
several lines: any JSON values one after another. A kind is compared
when both sides have its policy and DIR its file; the header says which
kinds were compared and why the others were not. Every document must be
accepted by both policies, and incentives policies must pay in the same
currency with the same minor digits.

The output starts with the policies compared, by kind, old then new,
each as version@hash and file. Then comes one line per change, sorted by
kind, subject, field and item:

  KIND SUBJECT FIELD[ ITEM]: OLD -> NEW

where SUBJECT is an agent, or for qa an evaluation id followed by its
agent; "none" stands for what one side does not have. Money is written
in major units with the currency's minor digits. Totals per kind close
the output; the money moved is the sum over agents of how much each
agent's net pay changes.

-o json writes one object: "policies" (kind, old and new, each with file
and policy {version, hash}), "compared" (kinds), "not_compared" (kind and
reason), "changes" (kind, subject, agent for qa, field, item, old, new:
old and new are null where a side has nothing, money is an integer of
minor units, an action is {owner, deadline, setting}, a statement line
{kind, amount, points, step}) and "totals" (per compared kind: compared,
changed, and passed for qa, proposed for coaching as {old, new}, money
for incentives: currency, minor_digits, bonus, fines and net as {old,
new}, net_change and moved). When the policies or the data cannot be
compared, it writes {"errors": [...]} instead, each error as callfloor
check -o json writes a problem (file, line, column, path, message,
kind), and exits 2; a problem of the command line as a whole has file
"".

Examples:

  callfloor diff policies/ proposed/ -data periods/2025-03
  callfloor diff -kind qa qa.yaml qa-pass-85.yaml -data periods/2025-03 -o json
`

// diffFlags declares diff's flags.
func diffFlags(fs *flag.FlagSet) func(*env, []string) int {
	o := &diffOptions{}
	fs.StringVar(&o.data, "data", "", "the `folder` of the period's input documents (required)")
	fs.StringVar(&o.kind, "kind", "", "the kind of OLD and NEW when they are files without a kind field")
	fs.StringVar(&o.format, "o", "text", "output `format`: text or json")
	return func(e *env, args []string) int { return runDiff(e, o, args) }
}

// diffOptions are diff's flags.
type diffOptions struct {
	data, kind, format string
}

// runDiff checks the command line, pairs the policies, compares them over
// the data and writes the report; the status says whether anything
// changed, as diff(1)'s does, so that a CI job fails when pay moves.
func runDiff(e *env, o *diffOptions, args []string) int {
	fail := func(format string, a ...any) int { return e.usageErrorf("diff", format, a...) }
	switch {
	case len(args) != 2:
		return fail("want OLD and NEW, got %s", plural(len(args), "argument", "arguments"))
	case o.data == "":
		return fail("-data is required: the folder of the period's input documents")
	case o.format != "text" && o.format != "json":
		return fail("-o %q: want text or json", o.format)
	case o.kind != "" && !validKind(o.kind):
		return fail("-kind %q is not a policy kind (%s)", o.kind, strings.Join(kinds, ", "))
	}
	if o.kind != "" {
		for _, a := range args {
			if fi, err := os.Stat(a); err == nil && fi.IsDir() {
				return fail("-kind names the kind of two files; %s is a folder, whose files are known by their kind field or name", a)
			}
		}
	}
	pairs, problems := diffPairPolicies(args[0], args[1], o.kind)
	if len(problems) > 0 {
		return diffReportProblems(e, o, problems)
	}
	rep, problems := diffCompare(pairs, o.data)
	if len(problems) > 0 {
		return diffReportProblems(e, o, problems)
	}
	var err error
	if o.format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	} else {
		err = rep.writeText(e.stdout)
	}
	if err != nil {
		// The report could not be written out: trouble, as diff(1)'s 2.
		e.errorf("diff", "%v", err)
		return exitUsage
	}
	if len(rep.Changes) > 0 {
		return exitProblems
	}
	return exitOK
}

// diffReportProblems writes the problems that keep diff from comparing
// and gives the status of input that cannot be compared. As text, they
// go to stderr one a line, each with its place as check writes one, and
// one of the command line as a whole as "callfloor diff: message". With
// -o json, a tool reads them on stdout as {"errors": [...]}, each in the
// shape of check's JSON problems (file, line, column, path, message,
// kind), so that it gets JSON whatever happens.
func diffReportProblems(e *env, o *diffOptions, problems []checkProblem) int {
	if o.format == "json" {
		b, _ := json.MarshalIndent(struct {
			Errors []checkProblem `json:"errors"`
		}{problems}, "", "  ")
		fmt.Fprintf(e.stdout, "%s\n", b)
		return exitUsage
	}
	for _, p := range problems {
		if p.File == "" {
			e.errorf("diff", "%s", p.Message)
		} else {
			fmt.Fprintln(e.stderr, p.format(false))
		}
	}
	return exitUsage
}

// diffStatProblem says why a file or folder named on the command line
// cannot be found or read, in words rather than Go's "stat x: ...";
// missing is what to say when it does not exist.
func diffStatProblem(err error, missing string) string {
	if errors.Is(err, fs.ErrNotExist) {
		return missing
	}
	return readProblem(err)
}

// --- Policies and their pairing by kind ---

// diffPair is the two versions of one kind's policy.
type diffPair struct {
	kind     string
	old, new *policy
}

// diffNameKind is the kind a file name states: the part of its base name
// before the first ".", "-" or "_", when that is a kind; "" otherwise.
func diffNameKind(file string) string {
	base := filepath.Base(file)
	if i := strings.IndexAny(base, ".-_"); i >= 0 {
		base = base[:i]
	}
	if validKind(base) {
		return base
	}
	return ""
}

// diffPolicyKind decides a policy file's kind from the three places that may
// name it (its kind field, -kind, its name), which must agree.
func diffPolicyKind(file string, src []byte, flagKind string) (string, error) {
	field := kindOf(src)
	if field != "" && !validKind(field) {
		return "", fmt.Errorf("kind %q is not a policy kind (%s)", field, strings.Join(kinds, ", "))
	}
	type source struct{ what, kind string }
	var named []source
	for _, s := range []source{{"its kind field", field}, {"-kind", flagKind}, {"its name", diffNameKind(file)}} {
		if s.kind != "" {
			named = append(named, s)
		}
	}
	if len(named) == 0 {
		return "", fmt.Errorf("no kind: add a top-level kind field (%s), give -kind, or name the file after its kind", strings.Join(kinds, ", "))
	}
	for _, s := range named[1:] {
		if s.kind != named[0].kind {
			return "", fmt.Errorf("%s says %s but %s says %s", named[0].what, named[0].kind, s.what, s.kind)
		}
	}
	return named[0].kind, nil
}

// diffPolicyFiles lists the policy files of arg: arg itself when it is a
// file, else the folder's .yaml and .yml files by name. The error is a
// problem of arg.
func diffPolicyFiles(arg string) ([]string, error) {
	fi, err := os.Stat(arg)
	if err != nil {
		return nil, errors.New(diffStatProblem(err, "no such file or folder"))
	}
	if !fi.IsDir() {
		return []string{arg}, nil
	}
	entries, err := os.ReadDir(arg)
	if err != nil {
		return nil, errors.New(readProblem(err))
	}
	var files []string
	for _, en := range entries {
		name := en.Name()
		ext := filepath.Ext(name)
		if en.IsDir() || strings.HasPrefix(name, ".") || ext != ".yaml" && ext != ".yml" {
			continue
		}
		files = append(files, filepath.Join(arg, name))
	}
	if len(files) == 0 {
		return nil, errors.New("no policy files (.yaml or .yml) in the folder")
	}
	return files, nil
}

// diffLoadSide reads one side's policies by kind. known is false when
// the kind of some file could not be told, so that the kinds missing from
// the side are not known to be missing.
func diffLoadSide(arg, flagKind string) (byKind map[string]*policy, known bool, problems []checkProblem) {
	files, err := diffPolicyFiles(arg)
	if err != nil {
		return nil, false, []checkProblem{{File: arg, Message: err.Error()}}
	}
	byKind = map[string]*policy{}
	known = true
	for _, file := range files {
		src, err := readPolicyFile(file)
		if err != nil {
			problems = append(problems, checkProblem{File: file, Message: readProblem(err)})
			known = false
			continue
		}
		kind, err := diffPolicyKind(file, src, flagKind)
		if err != nil {
			problems = append(problems, checkProblem{File: file, Message: err.Error()})
			known = false
			continue
		}
		if other, dup := byKind[kind]; dup {
			problems = append(problems, checkProblem{File: file, Kind: kind,
				Message: fmt.Sprintf("a second %s policy in %s, after %s; a folder holds one policy of each kind", kind, arg, other.file)})
			continue
		}
		p, err := parsePolicy(file, kind, src)
		if err != nil {
			problems = append(problems, checkPolicyProblems(file, kind, err)...)
			byKind[kind] = &policy{file: file, kind: kind}
			continue
		}
		byKind[kind] = p
	}
	return byKind, known, problems
}

// diffPairPolicies loads both sides and pairs their policies by kind, in the
// order of kinds.
func diffPairPolicies(oldArg, newArg, flagKind string) ([]diffPair, []checkProblem) {
	olds, oldKnown, p1 := diffLoadSide(oldArg, flagKind)
	news, newKnown, p2 := diffLoadSide(newArg, flagKind)
	problems := append(p1, p2...)
	var pairs []diffPair
	for _, k := range kinds {
		o, n := olds[k], news[k]
		switch {
		case o == nil && n == nil:
		case n == nil:
			if newKnown {
				problems = append(problems, checkProblem{File: o.file, Kind: k,
					Message: fmt.Sprintf("NEW (%s) has no %s policy to compare this one with", newArg, k)})
			}
		case o == nil:
			if oldKnown {
				problems = append(problems, checkProblem{File: n.file, Kind: k,
					Message: fmt.Sprintf("OLD (%s) has no %s policy to compare this one with", oldArg, k)})
			}
		default:
			pairs = append(pairs, diffPair{kind: k, old: o, new: n})
		}
	}
	return pairs, problems
}

// diffByKind compares the documents of one kind's data file, named file,
// under a pair of that kind's policies: the changes, the totals, and the
// documents that cannot be compared.
var diffByKind = map[string]func(file string, docs []diffDoc, pr diffPair) ([]diffChange, diffTotals, []checkProblem){
	"mood":       diffMood,
	"qa":         diffQA,
	"coaching":   diffCoaching,
	"incentives": diffIncentives,
}

// --- The data folder ---

// diffDataFiles names each kind's file in the data folder.
var diffDataFiles = map[string]string{
	"coaching":   "coaching.jsonl",
	"incentives": "incentives.json",
	"mood":       "mood.jsonl",
	"qa":         "qa.jsonl",
}

// A diffDoc is one JSON value of a data file and the line it starts on.
type diffDoc struct {
	line int
	raw  json.RawMessage
}

// diffDataError is a data file that cannot be split into documents, at the
// place it stops making sense.
type diffDataError struct {
	line, column int
	msg          string
}

func (e *diffDataError) Error() string { return fmt.Sprintf("%d:%d: %s", e.line, e.column, e.msg) }

// diffReadDocs splits data into its JSON values: one a line, as in JSON
// Lines, or values over several lines. It reads no further than the first
// malformed value, whose place the error gives. data is bounded already:
// diffReadData reads no file over maxDocument.
func diffReadDocs(data []byte) ([]diffDoc, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var docs []diffDoc
	for {
		start := int(dec.InputOffset())
		for start < len(data) && (data[start] == ' ' || data[start] == '\t' || data[start] == '\n' || data[start] == '\r') {
			start++
		}
		if start == len(data) {
			return docs, nil
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			at, msg := start, err.Error()
			var se *json.SyntaxError
			switch {
			case errors.As(err, &se):
				// Offset counts the bytes read, the offending one last.
				at = int(se.Offset) - 1
			case errors.Is(err, io.ErrUnexpectedEOF):
				at, msg = len(data), "the data ends inside a document"
			}
			line, col := diffPlace(data, at)
			return docs, &diffDataError{line, col, msg}
		}
		line, _ := diffPlace(data, start)
		docs = append(docs, diffDoc{line: line, raw: raw})
	}
}

// diffPlace gives the 1-based line and byte column of offset at in data.
func diffPlace(data []byte, at int) (line, column int) {
	at = min(max(at, 0), len(data))
	before := data[:at]
	line = 1 + bytes.Count(before, []byte{'\n'})
	return line, at - bytes.LastIndexByte(before, '\n')
}

// diffReadData reads one kind's data file; missing is true when there is none.
func diffReadData(dir, kind string) (file string, docs []diffDoc, missing bool, problem *checkProblem) {
	file = filepath.Join(dir, diffDataFiles[kind])
	data, err := readBounded(file, "a data file", maxDocument)
	if errors.Is(err, fs.ErrNotExist) {
		return file, nil, true, nil
	}
	if err != nil {
		return file, nil, false, &checkProblem{File: file, Message: readProblem(err), Kind: kind}
	}
	docs, err = diffReadDocs(data)
	var de *diffDataError
	if errors.As(err, &de) {
		return file, nil, false, &checkProblem{File: file, Line: de.line, Column: de.column, Message: de.msg, Kind: kind}
	}
	return file, docs, false, nil
}

// --- The report ---

// diffReport is what diff writes: with -o json, as it is.
type diffReport struct {
	Policies    []diffPolicies    `json:"policies"`
	Compared    []string          `json:"compared"`
	NotCompared []diffNotCompared `json:"not_compared"`
	Changes     []diffChange      `json:"changes"`
	Totals      []diffTotals      `json:"totals"`
}

type diffPolicies struct {
	Kind string        `json:"kind"`
	Old  diffPolicyRef `json:"old"`
	New  diffPolicyRef `json:"new"`
}

type diffPolicyRef struct {
	File   string             `json:"file"`
	Policy callfloor.Identity `json:"policy"`
}

type diffNotCompared struct {
	Kind   string `json:"kind"`
	Reason string `json:"reason"`
}

// A diffChange is one thing a subject gets differently under NEW than under
// OLD. Old and New are nil where a side has nothing (an action owed on
// one side only); text holds both as the text output writes them.
type diffChange struct {
	Kind    string `json:"kind"`
	Subject string `json:"subject"`
	Agent   string `json:"agent,omitempty"`
	Field   string `json:"field"`
	Item    string `json:"item,omitempty"`
	Old     any    `json:"old"`
	New     any    `json:"new"`

	order            int
	oldText, newText string
}

// diffTotals sums up one compared kind.
type diffTotals struct {
	Kind     string      `json:"kind"`
	Compared int         `json:"compared"`
	Changed  int         `json:"changed"`
	Passed   *diffOldNew `json:"passed,omitempty"`
	Proposed *diffOldNew `json:"proposed,omitempty"`
	Money    *diffMoney  `json:"money,omitempty"`
}

type diffOldNew struct {
	Old int64 `json:"old"`
	New int64 `json:"new"`
}

// diffMoney is the center's pay under each policy, in minor units of
// its currency, and the money moved between agents.
type diffMoney struct {
	Currency    string     `json:"currency"`
	MinorDigits int        `json:"minor_digits"`
	Bonus       diffOldNew `json:"bonus"`
	Fines       diffOldNew `json:"fines"`
	Net         diffOldNew `json:"net"`
	// NetChange is Net.New - Net.Old.
	NetChange int64 `json:"net_change"`
	// Moved sums, over agents, how much each agent's net pay changes
	// either way: a change that takes 10.00 from one agent and gives it
	// to another moves 20.00 and changes the center's net by nothing.
	Moved int64 `json:"moved"`
}

// diffCompare evaluates the data of every pair that has some and builds the
// report; problems are the documents either policy refuses.
func diffCompare(pairs []diffPair, dir string) (*diffReport, []checkProblem) {
	// A problem with no file is the command line's, and is written as
	// "callfloor diff: message".
	if fi, err := os.Stat(dir); err != nil {
		return nil, []checkProblem{{Message: "-data " + dir + ": " + diffStatProblem(err, "no such folder")}}
	} else if !fi.IsDir() {
		return nil, []checkProblem{{Message: "-data " + dir + " is a file; it names the folder of the period's input documents"}}
	}
	rep := &diffReport{Policies: []diffPolicies{}, Compared: []string{}, NotCompared: []diffNotCompared{}, Changes: []diffChange{}, Totals: []diffTotals{}}
	var problems []checkProblem
	paired := map[string]bool{}
	for _, pr := range pairs {
		paired[pr.kind] = true
		rep.Policies = append(rep.Policies, diffPolicies{Kind: pr.kind,
			Old: diffPolicyRef{File: pr.old.file, Policy: pr.old.identity()},
			New: diffPolicyRef{File: pr.new.file, Policy: pr.new.identity()}})
		file, docs, missing, problem := diffReadData(dir, pr.kind)
		switch {
		case missing:
			rep.NotCompared = append(rep.NotCompared, diffNotCompared{pr.kind, "no " + diffDataFiles[pr.kind] + " in " + dir})
			continue
		case problem != nil:
			problems = append(problems, *problem)
			continue
		}
		changes, tot, errs := diffByKind[pr.kind](file, docs, pr)
		if len(errs) > 0 {
			problems = append(problems, errs...)
			continue
		}
		tot.Kind = pr.kind
		rep.Compared = append(rep.Compared, pr.kind)
		rep.Changes = append(rep.Changes, changes...)
		rep.Totals = append(rep.Totals, tot)
	}
	for _, k := range kinds {
		if paired[k] {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, diffDataFiles[k])); err == nil {
			rep.NotCompared = append(rep.NotCompared, diffNotCompared{k, "no " + k + " policy on either side"})
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	if len(rep.Compared) == 0 {
		var why []string
		for _, n := range rep.NotCompared {
			why = append(why, n.Kind+": "+n.Reason)
		}
		if len(why) == 0 {
			why = append(why, "no policy of any kind on either side")
		}
		return nil, []checkProblem{{Message: "nothing to compare: " + strings.Join(why, "; ")}}
	}
	diffSortChanges(rep.Changes)
	return rep, nil
}

// diffFieldOrder orders the fields of one subject's changes.
var diffFieldOrder = map[string]int{
	"tier": 0, "crisis": 1, "action": 2,
	"score": 0, "passed": 1, "pay_relevant": 2,
	"case":  0,
	"bonus": 0, "fines": 1, "points": 2, "held_bonus": 3, "held_fines": 4, "grade": 5, "line": 6,
}

func diffKindIndex(k string) int {
	for i, v := range kinds {
		if v == k {
			return i
		}
	}
	return len(kinds)
}

func diffSortChanges(cs []diffChange) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := &cs[i], &cs[j]
		switch {
		case a.Kind != b.Kind:
			return diffKindIndex(a.Kind) < diffKindIndex(b.Kind)
		case a.Subject != b.Subject:
			return a.Subject < b.Subject
		case a.order != b.order:
			return a.order < b.order
		case a.Item != b.Item:
			return a.Item < b.Item
		case a.oldText != b.oldText:
			return a.oldText < b.oldText
		}
		return a.newText < b.newText
	})
}

func diffNewChange(kind, subject, field, item string, before, after any, oldText, newText string) diffChange {
	return diffChange{Kind: kind, Subject: subject, Field: field, Item: item, Old: before, New: after,
		order: diffFieldOrder[field], oldText: oldText, newText: newText}
}

// diffEvaluateBoth evaluates one document under both policies; a refusal is
// a problem at the document's line, as diffRefused words it.
func diffEvaluateBoth(file string, d diffDoc, pr diffPair) (before, after any, problems []checkProblem) {
	before, eo := evaluate(pr.old, d.raw)
	after, en := evaluate(pr.new, d.raw)
	return before, after, diffRefused(file, d, pr, eo, en)
}

// diffRefused words the refusals of the document d of file, eo by the
// old policy and en by the new: its errors once when both policies
// refuse it alike, else those of each policy that refuses it, each
// saying under which policy file. It is nil when neither does.
func diffRefused(file string, d diffDoc, pr diffPair, eo, en error) []checkProblem {
	if eo != nil && en != nil && eo.Error() == en.Error() {
		return diffDocProblems(file, d, pr.kind, eo, "")
	}
	var out []checkProblem
	if eo != nil {
		out = append(out, diffDocProblems(file, d, pr.kind, eo, pr.old.file)...)
	}
	if en != nil {
		out = append(out, diffDocProblems(file, d, pr.kind, en, pr.new.file)...)
	}
	return out
}

// diffDocProblems are the problems of the document d of file, a document
// of kind, one for each input error err holds, worded as eval words them
// (inputErrors) and placed at the document's line; under, when not "",
// names the policy file that refused it.
func diffDocProblems(file string, d diffDoc, kind string, err error, under string) []checkProblem {
	var out []checkProblem
	for _, ie := range inputErrors(kind, d.raw, err) {
		msg := ie.Msg
		if under != "" {
			msg = "under " + under + ": " + msg
		}
		out = append(out, checkProblem{File: file, Line: d.line, Path: string(ie.Field), Message: msg, Kind: kind})
	}
	return out
}

// diffEach is what diff does with the documents of every kind but
// incentives: it evaluates each under both policies, refuses a document
// whose subject (read from the old result by subject, and named by field
// in the input) another document of the file has, and lists compare's changes of the
// two results. changed counts the subjects with a change. A refused
// document is a problem at its line, and the documents after it are still
// read, so that every problem is given at once.
func diffEach[R any](file string, docs []diffDoc, pr diffPair, field callfloor.Path,
	subject func(R) (string, error), compare func(before, after R) []diffChange) (changes []diffChange, changed int, problems []checkProblem) {
	seen := map[string]int{} // subject -> the line of its document
	for _, d := range docs {
		ro, rn, errs := diffEvaluateBoth(file, d, pr)
		if len(errs) > 0 {
			problems = append(problems, errs...)
			continue
		}
		before, okOld := ro.(R)
		after, okNew := rn.(R)
		if !okOld || !okNew {
			// Another shape of the kind's documents, which diff does not
			// compare: a coaching case followed through its events.
			problems = append(problems, checkProblem{File: file, Line: d.line, Path: "case", Kind: pr.kind,
				Message: "a case document (case, events, due_at) has no what-if in diff, which compares the proposals of {subject, signals, open} documents; run it with callfloor eval or callfloor test"})
			continue
		}
		s, err := subject(before)
		if err == nil {
			if line, dup := seen[s]; dup {
				err = callfloor.Duplicate(field, s, callfloor.Path(fmt.Sprintf("line %d", line)))
			}
		}
		if err != nil {
			problems = append(problems, diffDocProblems(file, d, pr.kind, err, "")...)
			continue
		}
		seen[s] = d.line
		if cs := compare(before, after); len(cs) > 0 {
			changes = append(changes, cs...)
			changed++
		}
	}
	return changes, changed, problems
}

// diffAction is an owed action as diff compares it.
type diffAction struct {
	Owner    string            `json:"owner"`
	Deadline time.Time         `json:"deadline"`
	Setting  callfloor.Setting `json:"setting"`
}

func (a diffAction) String() string {
	return a.Owner + " " + a.Setting.String() + " by " + a.Deadline.Format(time.RFC3339Nano)
}

// diffMood compares each agent's triage: tier, crisis and owed actions.
func diffMood(file string, docs []diffDoc, pr diffPair) ([]diffChange, diffTotals, []checkProblem) {
	out, changed, problems := diffEach(file, docs, pr, "assessment.agent",
		func(t mood.Triage) (string, error) { return t.Agent, nil },
		func(o, n mood.Triage) []diffChange {
			var cs []diffChange
			if o.Tier != n.Tier {
				cs = append(cs, diffNewChange("mood", o.Agent, "tier", "", o.Tier, n.Tier, o.Tier.String(), n.Tier.String()))
			}
			if o.Crisis != n.Crisis {
				cs = append(cs, diffNewChange("mood", o.Agent, "crisis", "", o.Crisis, n.Crisis, strconv.FormatBool(o.Crisis), strconv.FormatBool(n.Crisis)))
			}
			return append(cs, diffActions(o.Agent, o.Actions, n.Actions)...)
		})
	return out, diffTotals{Compared: len(docs), Changed: changed}, problems
}

// diffActions matches actions by code and owner, the nth of a code and
// owner with the nth, and reports those owed on one side only or owed
// differently.
func diffActions(agent string, before, after []mood.Action) []diffChange {
	type key struct {
		code, owner string
		nth         int
	}
	keyed := func(as []mood.Action) ([]key, map[key]diffAction) {
		keys := make([]key, 0, len(as))
		m := make(map[key]diffAction, len(as))
		n := map[[2]string]int{}
		for _, a := range as {
			k := key{a.Code, a.Owner, n[[2]string{a.Code, a.Owner}]}
			n[[2]string{a.Code, a.Owner}]++
			keys = append(keys, k)
			m[k] = diffAction{Owner: a.Owner, Deadline: a.Deadline, Setting: a.Setting}
		}
		return keys, m
	}
	ko, mo := keyed(before)
	kn, mn := keyed(after)
	var out []diffChange
	for _, k := range ko {
		a := mo[k]
		if b, ok := mn[k]; !ok {
			out = append(out, diffNewChange("mood", agent, "action", k.code, a, nil, a.String(), "none"))
		} else if !a.Deadline.Equal(b.Deadline) || a.Setting != b.Setting {
			out = append(out, diffNewChange("mood", agent, "action", k.code, a, b, a.String(), b.String()))
		}
	}
	for _, k := range kn {
		if _, ok := mo[k]; !ok {
			b := mn[k]
			out = append(out, diffNewChange("mood", agent, "action", k.code, nil, b, "none", b.String()))
		}
	}
	return out
}

// diffScores writes two different scores with two decimals, or with as
// many more as it takes to tell them apart: 83.33 against 80, but
// 83.3341 against 83.3342.
func diffScores(a, b float64) (string, string) {
	for d := 2; d < 17; d++ {
		sa, sb := strconv.FormatFloat(a, 'f', d, 64), strconv.FormatFloat(b, 'f', d, 64)
		if sa != sb {
			return sa, sb
		}
	}
	return strconv.FormatFloat(a, 'f', -1, 64), strconv.FormatFloat(b, 'f', -1, 64)
}

// diffQA compares each evaluation's score, passed and pay relevance,
// and counts those passed under each policy.
func diffQA(file string, docs []diffDoc, pr diffPair) ([]diffChange, diffTotals, []checkProblem) {
	passed := &diffOldNew{}
	out, changed, problems := diffEach(file, docs, pr, "evaluation.id",
		func(r qaOutput) (string, error) {
			if r.Result.Evaluation == "" {
				return "", callfloor.Required("evaluation.id", "diff names each evaluation by its id")
			}
			return r.Result.Evaluation, nil
		},
		func(ro, rn qaOutput) []diffChange {
			o, n := ro.Result, rn.Result
			if o.Passed {
				passed.Old++
			}
			if n.Passed {
				passed.New++
			}
			var cs []diffChange
			if o.Score != n.Score {
				so, sn := diffScores(o.Score, n.Score)
				cs = append(cs, diffNewChange("qa", o.Evaluation, "score", "", o.Score, n.Score, so, sn))
			}
			if o.Passed != n.Passed {
				cs = append(cs, diffNewChange("qa", o.Evaluation, "passed", "", o.Passed, n.Passed, strconv.FormatBool(o.Passed), strconv.FormatBool(n.Passed)))
			}
			if o.PayRelevant != n.PayRelevant {
				cs = append(cs, diffNewChange("qa", o.Evaluation, "pay_relevant", "", o.PayRelevant, n.PayRelevant, strconv.FormatBool(o.PayRelevant), strconv.FormatBool(n.PayRelevant)))
			}
			for i := range cs {
				cs[i].Agent = o.Agent
			}
			return cs
		})
	return out, diffTotals{Compared: len(docs), Changed: changed, Passed: passed}, problems
}

// diffDispositions says, per kind of case, what the trigger rules made of
// it: proposed, suppressed by an open case, or held, joined with "+"
// when rules disagree.
func diffDispositions(p coaching.Proposals) map[coaching.Kind]string {
	m := map[coaching.Kind]string{}
	for _, l := range []struct {
		name string
		ps   []coaching.Proposal
	}{{"proposed", p.Proposed}, {"suppressed", p.Suppressed}, {"held", p.Held}} {
		for _, pp := range l.ps {
			if s := m[pp.Kind]; s == "" {
				m[pp.Kind] = l.name
			} else if !strings.HasSuffix(s, l.name) {
				m[pp.Kind] = s + "+" + l.name
			}
		}
	}
	return m
}

// diffCoaching compares what the trigger rules make of each kind of case
// for each person, and counts the cases proposed under each policy.
func diffCoaching(file string, docs []diffDoc, pr diffPair) ([]diffChange, diffTotals, []checkProblem) {
	proposed := &diffOldNew{}
	out, changed, problems := diffEach(file, docs, pr, "subject",
		func(p coaching.Proposals) (string, error) { return p.Subject, nil },
		func(o, n coaching.Proposals) []diffChange {
			proposed.Old += int64(len(o.Proposed))
			proposed.New += int64(len(n.Proposed))
			do, dn := diffDispositions(o), diffDispositions(n)
			var ks []coaching.Kind
			for k := range do {
				ks = append(ks, k)
			}
			for k := range dn {
				if _, ok := do[k]; !ok {
					ks = append(ks, k)
				}
			}
			var cs []diffChange
			for _, k := range ks {
				a, b := do[k], dn[k]
				if a == b {
					continue
				}
				var ja, jb any
				if a == "" {
					a = "none"
				} else {
					ja = a
				}
				if b == "" {
					b = "none"
				} else {
					jb = b
				}
				cs = append(cs, diffNewChange("coaching", o.Subject, "case", string(k), ja, jb, a, b))
			}
			return cs
		})
	return out, diffTotals{Compared: len(docs), Changed: changed, Proposed: proposed}, problems
}

// diffLine is a statement line on one side of a change.
type diffLine struct {
	Kind   incentives.LineKind `json:"kind"`
	Amount int64               `json:"amount"`
	Points int64               `json:"points"`
	Step   incentives.Step     `json:"step,omitempty"`
}

func (l diffLine) text(m diffCurrency) string {
	var parts []string
	switch l.Kind {
	case incentives.KindHold:
		parts = append(parts, "held")
	case incentives.KindGrade:
		parts = append(parts, "grade")
	}
	if l.Amount != 0 || (l.Kind == incentives.KindAward || l.Kind == incentives.KindPenalty) && l.Points == 0 && l.Step == "" {
		parts = append(parts, m.format(l.Amount))
	}
	if l.Points != 0 {
		parts = append(parts, strconv.FormatInt(l.Points, 10)+" points")
	}
	if l.Step != "" {
		parts = append(parts, "step "+string(l.Step))
	}
	return strings.Join(parts, ", ")
}

// diffCurrency is a currency and how many minor digits make its major unit.
type diffCurrency struct {
	currency string
	digits   int
}

// format writes minor units in major units with the currency's digits,
// as in "-12.50 EUR".
func (m diffCurrency) format(v int64) string {
	return diffMinor(v, m.digits) + " " + m.currency
}

// diffMinor writes v minor units as a decimal with digits digits after
// the point: diffMinor(-1250, 2) is "-12.50".
func diffMinor(v int64, digits int) string {
	neg := v < 0
	u := uint64(v)
	if neg {
		u = -u
	}
	s := strconv.FormatUint(u, 10)
	if digits > 0 {
		if len(s) <= digits {
			s = strings.Repeat("0", digits-len(s)+1) + s
		}
		s = s[:len(s)-digits] + "." + s[len(s)-digits:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// signed writes a change of money with its sign, as in "+5.00 EUR".
func (m diffCurrency) signed(v int64) string {
	if v > 0 {
		return "+" + m.format(v)
	}
	return m.format(v)
}

// diffMoneyTotals sums the center's pay under each policy and the money moved
// between agents. It fails only when a sum leaves the range of int64.
func diffMoneyTotals(m diffCurrency, c *incentives.Comparison) (diffMoney, error) {
	t := diffMoney{Currency: m.currency, MinorDigits: m.digits,
		Bonus: diffOldNew{c.CenterBefore.Bonus, c.CenterAfter.Bonus},
		Fines: diffOldNew{c.CenterBefore.Fines, c.CenterAfter.Fines},
		Net:   diffOldNew{c.CenterBefore.Net, c.CenterAfter.Net}}
	var ok bool
	if t.NetChange, ok = diffSub(t.Net.New, t.Net.Old); !ok {
		return t, errDiffMoneyRange
	}
	for _, a := range c.Agents {
		d, ok := diffSub(a.After.Net, a.Before.Net)
		if ok && d < 0 {
			d, ok = diffSub(0, d)
		}
		if ok {
			t.Moved, ok = diffAdd(t.Moved, d)
		}
		if !ok {
			return t, errDiffMoneyRange
		}
	}
	return t, nil
}

var errDiffMoneyRange = errors.New("the money moved is beyond what 64-bit minor units hold")

func diffAdd(a, b int64) (int64, bool) {
	s := a + b
	return s, (s > a) == (b > 0)
}

func diffSub(a, b int64) (int64, bool) {
	s := a - b
	return s, (s < a) == (b > 0)
}

func diffIncentives(file string, docs []diffDoc, pr diffPair) ([]diffChange, diffTotals, []checkProblem) {
	if len(docs) != 1 {
		return nil, diffTotals{}, []checkProblem{{File: file, Kind: "incentives",
			Message: fmt.Sprintf("%s; %s holds one {\"period\", \"agents\"} document", plural(len(docs), "document", "documents"), diffDataFiles["incentives"])}}
	}
	d := docs[0]
	problems := func(err error) []checkProblem { return diffDocProblems(file, d, "incentives", err, "") }
	po, pn := pr.old.incentives, pr.new.incentives
	if po.Currency() != pn.Currency() || po.MinorDigits() != pn.MinorDigits() {
		return nil, diffTotals{}, []checkProblem{{File: pr.new.file, Kind: "incentives",
			Message: fmt.Sprintf("pays in %s with %d minor digits, and %s in %s with %d; amounts in different units cannot be compared",
				pn.Currency(), pn.MinorDigits(), pr.old.file, po.Currency(), po.MinorDigits())}}
	}
	var in incentivesInput
	if err := decodeStrict(d.raw, &in); err != nil {
		return nil, diffTotals{}, problems(err)
	}
	cmp, err := incentives.Compare(po, pn, in.Period, in.Agents)
	if err != nil {
		// Compare stops at the first policy that refuses the period;
		// evaluating under each says which refuse it, and how.
		_, eo := po.Evaluate(in.Period, in.Agents)
		_, en := pn.Evaluate(in.Period, in.Agents)
		if refused := diffRefused(file, d, pr, eo, en); refused != nil {
			return nil, diffTotals{}, refused
		}
		return nil, diffTotals{}, problems(err)
	}
	m := diffCurrency{currency: po.Currency(), digits: po.MinorDigits()}
	mt, err := diffMoneyTotals(m, &cmp)
	if err != nil {
		return nil, diffTotals{}, problems(err)
	}
	tot := diffTotals{Compared: len(in.Agents), Changed: len(cmp.Agents), Money: &mt}
	var out []diffChange
	for _, a := range cmp.Agents {
		amount := func(field string, o, n int64) {
			if o != n {
				out = append(out, diffNewChange("incentives", a.Agent, field, "", o, n, m.format(o), m.format(n)))
			}
		}
		amount("bonus", a.Before.Bonus, a.After.Bonus)
		amount("fines", a.Before.Fines, a.After.Fines)
		if a.Before.Points != a.After.Points {
			out = append(out, diffNewChange("incentives", a.Agent, "points", "", a.Before.Points, a.After.Points,
				strconv.FormatInt(a.Before.Points, 10), strconv.FormatInt(a.After.Points, 10)))
		}
		amount("held_bonus", a.Before.HeldBonus, a.After.HeldBonus)
		amount("held_fines", a.Before.HeldFines, a.After.HeldFines)
		if a.QualifiesBefore != a.QualifiesAfter {
			out = append(out, diffNewChange("incentives", a.Agent, "grade", "", a.QualifiesBefore, a.QualifiesAfter, a.QualifiesBefore, a.QualifiesAfter))
		}
		// Lines of one rule (two fines of one kind) are told apart by
		// their place among the rule's lines: "#1", "#2".
		perRule := map[string]int{}
		for i := range a.Changes {
			perRule[a.Changes[i].Rule()]++
		}
		nth := map[string]int{}
		for _, l := range a.Changes {
			item := l.Rule()
			if perRule[item] > 1 {
				nth[item]++
				item += "#" + strconv.Itoa(nth[item])
			}
			var o, n any
			ot, nt := "none", "none"
			if l.Change != incentives.Added {
				s := diffLine{Kind: l.Kind, Amount: l.Before, Points: l.PointsBefore, Step: l.StepBefore}
				o, ot = s, s.text(m)
			}
			if l.Change != incentives.Removed {
				s := diffLine{Kind: l.Kind, Amount: l.After, Points: l.PointsAfter, Step: l.StepAfter}
				n, nt = s, s.text(m)
			}
			if ot == nt {
				// Compare tells a line apart by more than the figures
				// it reports: its title, badge, base or held amount.
				nt += " (same figures; its title, badge, base or held amount differs)"
			}
			out = append(out, diffNewChange("incentives", a.Agent, "line", item, o, n, ot, nt))
		}
	}
	return out, tot, nil
}

// writeText writes the report for people: the policies, what was
// compared, one line per change, and the totals.
func (r *diffReport) writeText(w io.Writer) error {
	var b strings.Builder
	for _, p := range r.Policies {
		fmt.Fprintf(&b, "%s: %s (%s) -> %s (%s)\n", p.Kind, p.Old.Policy, p.Old.File, p.New.Policy, p.New.File)
	}
	fmt.Fprintf(&b, "compared: %s\n", strings.Join(r.Compared, ", "))
	for _, n := range r.NotCompared {
		fmt.Fprintf(&b, "not compared: %s: %s\n", n.Kind, n.Reason)
	}
	b.WriteString("\n")
	if len(r.Changes) == 0 {
		b.WriteString("no differences\n")
	}
	for _, c := range r.Changes {
		b.WriteString(c.Kind + " " + c.Subject)
		if c.Agent != "" {
			b.WriteString(" (" + c.Agent + ")")
		}
		b.WriteString(" " + c.Field)
		if c.Item != "" {
			b.WriteString(" " + c.Item)
		}
		fmt.Fprintf(&b, ": %s -> %s\n", c.oldText, c.newText)
	}
	b.WriteString("\n")
	for _, t := range r.Totals {
		one, many := "agent", "agents"
		if t.Kind == "qa" {
			one, many = "evaluation", "evaluations"
		}
		fmt.Fprintf(&b, "%s: %d of %s changed", t.Kind, t.Changed, plural(t.Compared, one, many))
		switch {
		case t.Passed != nil:
			fmt.Fprintf(&b, "; passed %d -> %d", t.Passed.Old, t.Passed.New)
		case t.Proposed != nil:
			fmt.Fprintf(&b, "; cases proposed %d -> %d", t.Proposed.Old, t.Proposed.New)
		case t.Money != nil:
			m := diffCurrency{t.Money.Currency, t.Money.MinorDigits}
			fmt.Fprintf(&b, "; bonus %s -> %s, fines %s -> %s, net %s -> %s (%s), moved %s",
				m.format(t.Money.Bonus.Old), m.format(t.Money.Bonus.New),
				m.format(t.Money.Fines.Old), m.format(t.Money.Fines.New),
				m.format(t.Money.Net.Old), m.format(t.Money.Net.New),
				m.signed(t.Money.NetChange), m.format(t.Money.Moved))
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
