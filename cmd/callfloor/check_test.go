package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

// defaultSources are the packages' default policies, by kind.
var defaultSources = map[string][]byte{
	"mood":       mood.DefaultPolicySource(),
	"qa":         qa.DefaultPolicySource(),
	"coaching":   coaching.DefaultPolicySource(),
	"incentives": incentives.DefaultPolicySource(),
}

// withKind is a default policy with a kind field, whether or not the
// default already has one.
func withKind(kind string) []byte {
	src := defaultSources[kind]
	if kindOf(src) != "" {
		return src
	}
	return append([]byte("kind: "+kind+"\n"), src...)
}

// runCheck runs the whole program in dir and returns its exit status and
// what it wrote.
func runCheck(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	wd, err := os.Getwd()
	require.NoError(t, err)
	require.NoError(t, os.Chdir(dir))
	defer func() { require.NoError(t, os.Chdir(wd)) }()
	var stdout, stderr bytes.Buffer
	code := run(&env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}, append([]string{"check"}, args...))
	return code, stdout.String(), stderr.String()
}

// checkDir is a folder holding the four default policies with their kind
// fields and the policies of testdata/check.
func checkDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, k := range kinds {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "default_"+k+".yaml"), withKind(k), 0o644))
	}
	files, err := filepath.Glob("testdata/check/*.yaml")
	require.NoError(t, err)
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.Base(f)), src, 0o644))
	}
	return dir
}

// TestKindFieldEveryPackage: each package's parser accepts its own kind
// in the top-level kind field and refuses another's with one problem.
func TestKindFieldEveryPackage(t *testing.T) {
	for _, k := range kinds {
		t.Run(k, func(t *testing.T) {
			p, err := parsePolicy(k+".yaml", k, withKind(k))
			require.NoError(t, err)
			assert.Equal(t, k, p.kind)

			other := "mood"
			if k == "mood" {
				other = "qa"
			}
			article := "a"
			if k == "incentives" {
				article = "an"
			}
			own := withKind(k)
			at := bytes.Index(own, []byte("\nkind: "+k+"\n")) + 1
			require.Positive(t, at, "the default names its kind on a line of its own")
			line := 1 + bytes.Count(own[:at], []byte("\n"))
			src := append(append(append([]byte{}, own[:at]...), "kind: "+other+"\n"...), own[at+len("kind: "+k+"\n"):]...)
			_, err = parsePolicy(k+".yaml", k, src)
			assert.EqualError(t, err, fmt.Sprintf("%s policy: 1 problem\n\tkind: line %d, column 7: this is %s %s policy; kind %q names another package",
				k, line, article, k, other))
		})
	}
}

// TestCheckTogether: the default policies pass checked together, and
// each alone.
func TestCheckTogether(t *testing.T) {
	dir := checkDir(t)
	code, stdout, stderr := runCheck(t, dir, "default_coaching.yaml", "default_incentives.yaml", "default_mood.yaml", "default_qa.yaml")
	assert.Equal(t, exitOK, code)
	assert.Empty(t, stdout)
	assert.Empty(t, stderr)
	for _, k := range kinds {
		code, stdout, _ := runCheck(t, dir, "default_"+k+".yaml")
		assert.Equal(t, exitOK, code, k)
		assert.Empty(t, stdout, k)
	}
}

// TestCheckAcrossFiles: a coaching policy checked with mood and qa
// policies, and with the signals the host names, each problem exactly;
// what is checked depends on the kinds given, never on how many files.
func TestCheckAcrossFiles(t *testing.T) {
	declareQAOf := func(file string) string {
		return "coaching.yaml:9:10: signals: does not declare complaints, qa_evaluations, qa_periods_below_bar, qa_stable_then_drop, " +
			"which callfloor gives from a qa trend, and the qa policy " + file + " is checked with this one; a coaching policy refuses a signal it does not declare\n"
	}
	declareQA := declareQAOf("qa.yaml")
	const (
		declareMood = "coaching.yaml:9:10: signals: does not declare mood_crisis, mood_watch, " +
			"which callfloor gives from a mood triage, and the mood policy default_mood.yaml is checked with this one; a coaching policy refuses a signal it does not declare\n"
		// A quoted condition counts its quote.
		tenure = "coaching.yaml:15:17: triggers[0].hold_when: reads tenure_days, which is neither a mood nor a qa signal, and -signals does not name it as one the host supplies\n"
	)
	tests := []struct {
		why    string
		args   []string
		code   int
		stdout string
	}{
		{"a coaching policy alone is checked against nothing",
			[]string{"coaching.yaml"}, exitOK, ""},
		{"with an incentives policy only, as alone: the mood and qa signals it reads are not asked of any policy",
			[]string{"coaching.yaml", "default_incentives.yaml"}, exitOK, ""},
		{"the default coaching and incentives policies, as alone",
			[]string{"default_coaching.yaml", "default_incentives.yaml"}, exitOK, ""},
		{"with a qa policy: the qa signals it lacks, and nothing of the mood signals it reads",
			[]string{"coaching.yaml", "qa.yaml"}, exitProblems, declareQA},
		// The default incentives policy maps findings of the default qa
		// policy's scorecards, so that it adds nothing of its own.
		{"with the default qa policy: the same qa signals",
			[]string{"coaching.yaml", "default_qa.yaml"}, exitProblems, declareQAOf("default_qa.yaml")},
		{"with a qa policy and an incentives policy whose findings it holds, as with the qa policy alone",
			[]string{"coaching.yaml", "default_incentives.yaml", "default_qa.yaml"}, exitProblems, declareQAOf("default_qa.yaml")},
		{"with a mood policy: the mood signals it lacks, and nothing of the qa signals it reads",
			[]string{"coaching.yaml", "default_mood.yaml"}, exitProblems, declareMood},
		{"with both: both families",
			[]string{"coaching.yaml", "default_mood.yaml", "qa.yaml"}, exitProblems, declareMood + declareQA},
		{"a signal the host names is not asked of any policy",
			[]string{"-signals", "qa_avg,tenure_days", "coaching.yaml", "default_incentives.yaml"}, exitOK, ""},
		{"with -signals, a signal read that is neither a mood nor a qa signal and that -signals does not name is reported",
			[]string{"-signals", "mood_tier,qa_avg", "coaching.yaml"}, exitProblems, tenure},
		{"with -signals, a mood or qa signal read is not asked of -signals",
			[]string{"-signals", "tenure_days", "coaching.yaml"}, exitOK, ""},
		{"a signal the host names must be declared",
			[]string{"-signals", "mood_tier, qa_avg ,tenure_days,wants_promotion", "coaching.yaml"}, exitProblems,
			"coaching.yaml:9:10: signals: does not declare wants_promotion, which -signals says the host supplies; a coaching policy refuses a signal it does not declare\n"},
		{"a qa policy with problems still stands for its signals",
			[]string{"-signals", "resigned", "coaching_all.yaml", "qa_bad.yaml", "default_mood.yaml"}, exitProblems,
			"qa_bad.yaml:3:13: scorecards: a policy needs at least one scorecard\n"},
		{"everything given: nothing to say",
			[]string{"coaching_all.yaml", "qa.yaml", "default_mood.yaml"}, exitOK, ""},
		{"a coaching policy with problems of its own is not checked across files",
			[]string{"coaching_bad.yaml", "qa.yaml"}, exitProblems,
			"coaching_bad.yaml:13:29: triggers[0].when: unknown metric \"qa_avg\"; declared: mood_tier\n"},
		{"files of other kinds read as coaching under -kind are coaching policies, not mood or qa ones",
			[]string{"-kind", "coaching", "qa.yaml", "default_mood.yaml"}, exitProblems,
			"qa.yaml:1:7: kind: kind \"qa\" does not match -kind coaching\n" +
				"default_mood.yaml:4:7: kind: kind \"mood\" does not match -kind coaching\n"},
	}
	dir := checkDir(t)
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			code, stdout, stderr := runCheck(t, dir, tt.args...)
			assert.Equal(t, tt.code, code)
			assert.Equal(t, tt.stdout, stdout)
			assert.Empty(t, stderr)
		})
	}
}

// qaInbound is a qa policy whose one scorecard, inbound_service, holds
// two of the items the default incentives policy maps to violations.
const qaInbound = `kind: qa
version: "t2"
scorecards:
  - id: inbound_service
    version: "1"
    pass_mark: 80
    weights_total: 100
    sections:
      - id: conduct
        weight: 100
        items:
          - {id: protect_customer_information, text: Customer information, type: yes_no, critical: evaluation, good: kept it safe, fix: verify before disclosing}
          - {id: no_mocking, text: No mocking, type: yes_no, critical: evaluation, good: respectful throughout, fix: never mock a customer}
`

// TestCheckQAFindingsAcrossFiles: an incentives policy checked with a
// qa policy has each mapping of discipline.qa_findings to a scorecard or
// an item that qa policy lacks reported at the mapping, exactly, once
// per qa policy given, and nothing when the qa policy holds them all.
func TestCheckQAFindingsAcrossFiles(t *testing.T) {
	dir := checkDir(t)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "qa_inbound.yaml"), []byte(qaInbound), 0o644))
	identity := func(file string) string {
		p, err := parsePolicy(file, "qa", mustRead(t, filepath.Join(dir, file)))
		require.NoError(t, err)
		return p.identity().String()
	}
	card, inbound := identity("qa.yaml"), identity("qa_inbound.yaml")
	noScorecard := func(line, i int, scorecard, qaID, allowed, qaFile string) string {
		return fmt.Sprintf("default_incentives.yaml:%d:19: discipline.qa_findings[%d].scorecard: %q is not a scorecard of qa policy %s; allowed: %s (the qa policy %s is checked with this one)\n",
			line, i, scorecard, qaID, allowed, qaFile)
	}
	noItem := func(line, i int, item string) string {
		return fmt.Sprintf("default_incentives.yaml:%d:42: discipline.qa_findings[%d].item: %q is not an item of scorecard inbound_service in qa policy %s; "+
			"allowed: protect_customer_information, no_mocking (the qa policy qa_inbound.yaml is checked with this one)\n", line, i, item, inbound)
	}
	// The default's mappings, on lines 218 to 227: inbound_service at
	// 0 and 2 to 5, outbound_sales at 1 and 6 to 9. Each mapping's
	// problems, in the order of the qa policies given, as problems are
	// listed by line and column.
	var cardAt, inboundAt [10]string
	for i := range cardAt {
		sc := "outbound_sales"
		if i == 0 || (i >= 2 && i <= 5) {
			sc = "inbound_service"
		}
		cardAt[i] = noScorecard(218+i, i, sc, card, "card", "qa.yaml")
		if sc == "outbound_sales" {
			inboundAt[i] = noScorecard(218+i, i, sc, inbound, "inbound_service", "qa_inbound.yaml")
		}
	}
	inboundAt[3] = noItem(221, 3, "no_rhetorical_questions")
	inboundAt[4] = noItem(222, 4, "no_rudeness")
	inboundAt[5] = noItem(223, 5, "no_arguing")
	againstCard, againstInbound, againstBoth := strings.Join(cardAt[:], ""), strings.Join(inboundAt[:], ""), ""
	for i := range cardAt {
		againstBoth += cardAt[i] + inboundAt[i]
	}
	tests := []struct {
		why    string
		args   []string
		code   int
		stdout string
	}{
		{"the qa policy the mappings were written for: nothing to say",
			[]string{"default_incentives.yaml", "default_qa.yaml"}, exitOK, ""},
		{"a qa policy without the mapped scorecards: every mapping, at its scorecard",
			[]string{"default_incentives.yaml", "qa.yaml"}, exitProblems, againstCard},
		{"the order of the files does not matter",
			[]string{"qa.yaml", "default_incentives.yaml"}, exitProblems, againstCard},
		{"a qa policy with one of the scorecards and some of its items: the missing scorecard, and the missing items at their item",
			[]string{"default_incentives.yaml", "qa_inbound.yaml"}, exitProblems, againstInbound},
		{"with two qa policies, the mappings are held to each",
			[]string{"default_incentives.yaml", "qa.yaml", "default_qa.yaml", "qa_inbound.yaml"}, exitProblems, againstBoth},
		{"an incentives policy alone is checked against nothing",
			[]string{"default_incentives.yaml"}, exitOK, ""},
		{"a qa policy with problems of its own holds no mapping",
			[]string{"default_incentives.yaml", "qa_bad.yaml"}, exitProblems,
			"qa_bad.yaml:3:13: scorecards: a policy needs at least one scorecard\n"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			code, stdout, stderr := runCheck(t, dir, tt.args...)
			assert.Equal(t, tt.code, code)
			assert.Equal(t, tt.stdout, stdout)
			assert.Empty(t, stderr)
		})
	}
}

// TestCheckExitStatus: 0 when nothing is found, 1 for problems of files,
// 2 for a wrong command line, which writes nothing on stdout.
func TestCheckExitStatus(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"qa.yaml"}, exitOK, ""},
		{[]string{"missing.yaml"}, exitProblems, ""},
		{[]string{"qa.yaml", "qa_bad.yaml"}, exitProblems, ""},
		{[]string{}, exitUsage, "callfloor check: no policy file given\nusage: callfloor check [flags] FILE...; \"callfloor check -h\" for help\n"},
		{[]string{"-kind", "QA", "qa.yaml"}, exitUsage, "callfloor check: -kind \"QA\" is not a policy kind (coaching, incentives, mood, qa)\nusage: callfloor check [flags] FILE...; \"callfloor check -h\" for help\n"},
		{[]string{"-o", "xml", "qa.yaml"}, exitUsage, "callfloor check: -o \"xml\" is not an output format (text, json)\nusage: callfloor check [flags] FILE...; \"callfloor check -h\" for help\n"},
		{[]string{"-signals", "qa avg", "qa.yaml"}, exitUsage, "callfloor check: -signals: \"qa avg\" is not a signal name (letters, digits and _, not starting with a digit)\nusage: callfloor check [flags] FILE...; \"callfloor check -h\" for help\n"},
		{[]string{"-signals", "a,b,a", "qa.yaml"}, exitUsage, "callfloor check: -signals: \"a\" is named twice\nusage: callfloor check [flags] FILE...; \"callfloor check -h\" for help\n"},
		{[]string{"-signals", "a,,b", "qa.yaml"}, exitUsage, "callfloor check: -signals: \"\" is not a signal name (letters, digits and _, not starting with a digit)\nusage: callfloor check [flags] FILE...; \"callfloor check -h\" for help\n"},
	}
	dir := checkDir(t)
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := runCheck(t, dir, tt.args...)
			assert.Equal(t, tt.code, code)
			assert.Equal(t, tt.stderr, stderr)
			if code == exitUsage {
				assert.Empty(t, stdout)
			}
		})
	}
}

// TestCheckVerbose: -v names each file that passed, and only those.
func TestCheckVerbose(t *testing.T) {
	dir := checkDir(t)
	code, stdout, _ := runCheck(t, dir, "-v", "qa.yaml", "qa_bad.yaml")
	assert.Equal(t, exitProblems, code)
	p, err := parsePolicy("qa.yaml", "qa", mustRead(t, filepath.Join(dir, "qa.yaml")))
	require.NoError(t, err)
	assert.Equal(t, "qa.yaml: ok (qa t1@"+p.identity().Hash+")\n"+
		"qa_bad.yaml:3:13: scorecards: a policy needs at least one scorecard\n", stdout)
}

// TestCheckJSON: -o json is an array a tool reads back into the same
// problems, with every key present.
func TestCheckJSON(t *testing.T) {
	dir := checkDir(t)
	code, stdout, _ := runCheck(t, dir, "-o", "json", "coaching.yaml", "qa.yaml", "missing.yaml")
	assert.Equal(t, exitProblems, code)
	var got []checkProblem
	require.NoError(t, json.Unmarshal([]byte(stdout), &got))
	assert.Equal(t, []checkProblem{
		{File: "coaching.yaml", Line: 9, Column: 10, Path: "signals", Kind: "coaching",
			Message: "does not declare complaints, qa_evaluations, qa_periods_below_bar, qa_stable_then_drop, which callfloor gives from a qa trend, " +
				"and the qa policy qa.yaml is checked with this one; a coaching policy refuses a signal it does not declare"},
		{File: "missing.yaml", Message: "cannot read: no such file or directory"},
	}, got)
	var raw []map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &raw))
	for _, p := range raw {
		assert.Len(t, p, 6, "every key is present: %v", p)
	}

	code, stdout, _ = runCheck(t, dir, "-o", "json", "qa.yaml")
	assert.Equal(t, exitOK, code)
	assert.Equal(t, "[]\n", stdout)
}

// TestCheckFormat: the parts of a place that are not known are left out.
func TestCheckFormat(t *testing.T) {
	tests := []struct {
		p    checkProblem
		want string
	}{
		{checkProblem{File: "a.yaml", Line: 3, Column: 7, Path: "tiers.mild", Message: "m"}, "a.yaml:3:7: tiers.mild: m"},
		{checkProblem{File: "a.yaml", Line: 3, Message: "YAML syntax: x"}, "a.yaml:3: YAML syntax: x"},
		{checkProblem{File: "a.yaml", Path: "kind", Message: "missing"}, "a.yaml: kind: missing"},
		{checkProblem{File: "a.yaml", Message: "cannot read: x"}, "a.yaml: cannot read: x"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.p.format(false))
	}
	assert.Equal(t, "\x1b[1ma.yaml:3:7:\x1b[0m p: m", checkProblem{File: "a.yaml", Line: 3, Column: 7, Path: "p", Message: "m"}.format(true))
}

// TestCheckNamesRead: every name a condition reads, once, at its first
// mention, and nothing else (numbers with exponents, true and false).
func TestCheckNamesRead(t *testing.T) {
	tests := []struct {
		src  string
		want []checkName
	}{
		{"a >= 1e5 && b < 2 || a == 3", []checkName{{"a", 0}, {"b", 12}}},
		{"!(x_1 > 0) && true", []checkName{{"x_1", 2}}},
		{"1 < 2", nil},
		{"a >", []checkName{{"a", 0}}}, // names before a syntax error still count
		{"", nil},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, checkNamesRead(tt.src), tt.src)
	}
}

func mustRead(t *testing.T, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	return b
}

// FuzzCheck: any policy bytes, read as each kind and as none, never panic;
// a file without problems has a policy; and a coaching source of any
// shape is checked across files without panicking.
func FuzzCheck(f *testing.F) {
	for _, k := range kinds {
		f.Add(withKind(k), uint8(0))
	}
	for _, name := range []string{"coaching.yaml", "coaching_all.yaml", "qa.yaml", "qa_bad.yaml"} {
		src, err := os.ReadFile(filepath.Join("testdata/check", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src, uint8(1))
	}
	f.Add([]byte("kind: [mood]\n"), uint8(2))
	f.Add([]byte("kind: *a\n"), uint8(3))
	f.Add([]byte("triggers: [{when: \"a <\"}, {hold_when: {x: 1}}]\nexit: {retain_when: 3}\nsignals: 5\n"), uint8(4))
	dir := f.TempDir()
	file := filepath.Join(dir, "p.yaml")
	host := map[string]bool{"tenure_days": true}
	given := map[string][]string{"mood": {"m.yaml"}, "qa": {"q.yaml"}}
	f.Fuzz(func(t *testing.T, src []byte, k uint8) {
		if err := os.WriteFile(file, src, 0o644); err != nil {
			t.Fatal(err)
		}
		flagKind := ""
		if int(k)%5 < len(kinds) {
			flagKind = kinds[int(k)%5]
		}
		c := checkFile(file, flagKind)
		if (c.policy == nil) == (len(c.problems) == 0) {
			t.Fatalf("policy %v with problems %v", c.policy != nil, c.problems)
		}
		for _, p := range c.problems {
			if p.File != file || p.Message == "" {
				t.Fatalf("problem without file or message: %+v", p)
			}
		}
		checkCoachingSignals(file, src, []string{"qa_avg"}, given, host)
		checkCoachingSignals(file, src, nil, nil, nil)
	})
}

// TestCheckPipe: a policy read from a pipe, as "check <(cat mood.yaml)"
// gives it, is checked like a file.
func TestCheckPipe(t *testing.T) {
	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	go func() {
		w.Write(withKind("mood"))
		w.Close()
	}()
	name := fmt.Sprintf("/dev/fd/%d", r.Fd())
	code, stdout, stderr := runCheck(t, t.TempDir(), "-v", name)
	assert.Equal(t, exitOK, code, stderr)
	assert.True(t, strings.HasPrefix(stdout, name+": ok (mood mood-default-1@"), stdout)
}
