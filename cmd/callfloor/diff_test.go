package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/mood"
)

// diffScenario writes the files of a diff script (its policies, data and
// expected output) into a new folder and returns it, so that the unit
// tests read the very data the scripts do.
func diffScenario(t testing.TB, dir, script string) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "script", script))
	require.NoError(t, err)
	for _, f := range ar.Files {
		name := filepath.Join(dir, filepath.FromSlash(f.Name))
		require.NoError(t, os.MkdirAll(filepath.Dir(name), 0o755))
		require.NoError(t, os.WriteFile(name, f.Data, 0o644))
	}
	return dir
}

// diffRun runs the whole program in process with args and returns its
// exit status and outputs.
func diffRun(args ...string) (int, string, string) {
	var out, errs bytes.Buffer
	code := run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &errs}, args)
	return code, out.String(), errs.String()
}

// writeFiles writes name -> content under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
}

// The exit status follows diff(1): 0 when nothing changes, 1 when
// something does, 2 for a wrong command line or input that cannot be
// compared, whatever the output format.
func TestDiffExitStatus(t *testing.T) {
	dir := diffScenario(t, t.TempDir(), "diff.txtar")
	bad := diffScenario(t, t.TempDir(), "diff_errors.txtar")
	// in joins the file arguments, those the flags and their values do not
	// hold, to the scenario's folder.
	in := func(d string, args ...string) []string {
		for i, a := range args {
			if !strings.HasPrefix(a, "-") && (i == 0 || args[i-1] != "-o" && args[i-1] != "-kind") {
				args[i] = filepath.Join(d, a)
			}
		}
		return args
	}
	for _, tc := range []struct {
		why  string
		args []string
		want int
	}{
		{"two versions that differ", in(dir, "old", "new", "-data", "data"), exitProblems},
		{"the same, as JSON", in(dir, "-o", "json", "old", "new", "-data", "data"), exitProblems},
		{"a policy against itself", in(dir, "old", "old", "-data", "data"), exitOK},
		{"itself, as JSON", in(dir, "old", "old", "-data", "data", "-o", "json"), exitOK},
		{"one file pair by -kind", in(dir, "-kind", "qa", "old/qa.yaml", "new/quality.yaml", "-data", "data"), exitProblems},
		{"no -data", in(dir, "old", "new"), exitUsage},
		{"one argument", in(dir, "old", "-data", "data"), exitUsage},
		{"an unknown output format", in(dir, "old", "new", "-data", "data", "-o", "xml"), exitUsage},
		{"an unknown flag after the arguments", in(dir, "old", "new", "-data", "data", "-q"), exitUsage},
		{"-h after the arguments", in(dir, "old", "new", "-h"), exitOK},
		{"a kind on one side only", in(bad, "old", "onlyqa", "-data", "data"), exitUsage},
		{"data the policies refuse", in(bad, "old", "new", "-data", "bad"), exitUsage},
		{"nothing to compare", in(bad, "old/qa.yaml", "new/qa.yaml", "-data", "empty"), exitUsage},
	} {
		code, _, _ := diffRun(append([]string{"diff"}, tc.args...)...)
		assert.Equal(t, tc.want, code, tc.why)
	}
}

// diffJSON is the JSON report as a tool reads it, with no help from the
// command's own types.
type diffJSON struct {
	Policies []struct {
		Kind     string
		Old, New struct {
			File   string
			Policy struct{ Version, Hash string }
		}
	}
	Compared    []string
	NotCompared []struct{ Kind, Reason string } `json:"not_compared"`
	Changes     []struct {
		Kind, Subject, Agent, Field, Item string
		Old, New                          any
	}
	Totals []struct {
		Kind              string
		Compared, Changed int
		Passed, Proposed  *struct{ Old, New int }
		Money             *struct {
			Currency    string
			MinorDigits int `json:"minor_digits"`
			Bonus       struct{ Old, New int64 }
			Fines, Net  struct{ Old, New int64 }
			NetChange   int64 `json:"net_change"`
			Moved       int64
		}
	}
}

// -o json reads back into what the text says: the policies by version,
// the changes with typed values, and the totals with money in minor
// units.
func TestDiffJSONReadsBack(t *testing.T) {
	dir := diffScenario(t, t.TempDir(), "diff.txtar")
	code, out, errs := diffRun("diff", "-o", "json", filepath.Join(dir, "old"), filepath.Join(dir, "new"), "-data", filepath.Join(dir, "data"))
	require.Equal(t, exitProblems, code, errs)
	var r diffJSON
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&r))

	require.Len(t, r.Policies, 4)
	assert.Equal(t, "qa", r.Policies[3].Kind)
	assert.Equal(t, "qa-2025-1", r.Policies[3].Old.Policy.Version)
	assert.Equal(t, "qa-2025-2", r.Policies[3].New.Policy.Version)
	assert.Equal(t, filepath.Join(dir, "new", "quality.yaml"), r.Policies[3].New.File)
	assert.Len(t, r.Policies[3].New.Policy.Hash, 12)
	assert.Equal(t, []string{"coaching", "incentives", "mood", "qa"}, r.Compared)
	assert.Empty(t, r.NotCompared)

	require.Len(t, r.Changes, 14)
	byField := map[string]int{}
	for i, c := range r.Changes {
		byField[c.Kind+" "+c.Subject+" "+c.Field+" "+c.Item] = i
	}
	score := r.Changes[byField["qa ev2 score "]]
	assert.Equal(t, "wang.fang", score.Agent)
	assert.Equal(t, 80.0, score.Old)
	assert.InDelta(t, 500.0/6, score.New, 1e-12)
	bonus := r.Changes[byField["incentives li.na bonus "]]
	assert.Equal(t, 0.0, bonus.Old, "money is in minor units")
	assert.Equal(t, 6000.0, bonus.New)
	action := r.Changes[byField["mood li.na action intervention"]]
	assert.Nil(t, action.Old, "an action the old policy does not owe")
	assert.Equal(t, map[string]any{"owner": "counselor", "deadline": "2025-04-03T17:00:00Z", "setting": "one_to_one"}, action.New)
	line := r.Changes[byField["incentives zhao.lei line discipline.kinds.late.fine#2"]]
	assert.Equal(t, map[string]any{"kind": "penalty", "amount": -500.0, "points": 0.0}, line.Old)
	assert.Equal(t, map[string]any{"kind": "penalty", "amount": -800.0, "points": 0.0}, line.New)
	kase := r.Changes[byField["coaching li.na case performance_problem"]]
	assert.Nil(t, kase.Old)
	assert.Equal(t, "proposed", kase.New)

	require.Len(t, r.Totals, 4)
	money := r.Totals[1].Money
	require.NotNil(t, money)
	assert.Equal(t, "EUR", money.Currency)
	assert.Equal(t, 2, money.MinorDigits)
	assert.Equal(t, int64(10000), money.Bonus.Old)
	assert.Equal(t, int64(16000), money.Bonus.New)
	assert.Equal(t, int64(1600), money.Fines.New)
	assert.Equal(t, int64(14400), money.Net.New)
	assert.Equal(t, int64(5400), money.NetChange, "60.00 more bonus, 6.00 more fines")
	assert.Equal(t, int64(6600), money.Moved, "both agents' changes count, whatever their sign")
	assert.Equal(t, 2, r.Totals[1].Changed)
	assert.Equal(t, 3, r.Totals[1].Compared)
	require.NotNil(t, r.Totals[3].Passed)
	assert.Equal(t, 2, r.Totals[3].Passed.Old)
	assert.Equal(t, 1, r.Totals[3].Passed.New)
	require.NotNil(t, r.Totals[0].Proposed)
	assert.Equal(t, 3, r.Totals[0].Proposed.New)
}

// A file's kind is the part of its name before the first ".", "-" or "_",
// when that is a kind, and nothing else.
func TestDiffNameKind(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"mood.yaml", "mood"},
		{"policies/qa.yml", "qa"},
		{"qa-2025.yaml", "qa"},
		{"incentives_v2.yaml", "incentives"},
		{"coaching.old.yaml", "coaching"},
		{"moodboard.yaml", ""},
		{"Mood.yaml", ""},
		{"quality.yaml", ""},
		{"mood", "mood"},
		{".yaml", ""},
		{"-mood.yaml", ""},
		{"qa/center.yaml", ""},
	} {
		assert.Equal(t, tc.want, diffNameKind(tc.file), tc.file)
	}
}

// The kind field, -kind and the file name must agree where they speak;
// one of them must.
func TestDiffPolicyKind(t *testing.T) {
	kinds := "(coaching, incentives, mood, qa)"
	for _, tc := range []struct {
		why, file, src, flag string
		want, err            string
	}{
		{"the field alone", "center.yaml", "kind: qa\n", "", "qa", ""},
		{"-kind alone", "center.yaml", "version: v\n", "mood", "mood", ""},
		{"the name alone", "coaching-v3.yaml", "version: v\n", "", "coaching", ""},
		{"all three agree", "qa.yaml", "kind: qa\n", "qa", "qa", ""},
		{"none", "center.yaml", "version: v\n", "", "", "no kind: add a top-level kind field " + kinds + ", give -kind, or name the file after its kind"},
		{"field against name", "mood.yaml", "kind: qa\n", "", "", "its kind field says qa but its name says mood"},
		{"field against -kind", "center.yaml", "kind: qa\n", "mood", "", "its kind field says qa but -kind says mood"},
		{"-kind against name", "qa.yaml", "version: v\n", "mood", "", "-kind says mood but its name says qa"},
		{"an unknown kind field", "qa.yaml", "kind: quality\n", "", "", `kind "quality" is not a policy kind ` + kinds},
		{"a source that is not YAML names no kind", "qa.yaml", "kind: [\n", "", "qa", ""},
	} {
		got, err := diffPolicyKind(tc.file, []byte(tc.src), tc.flag)
		if tc.err != "" {
			assert.EqualError(t, err, tc.err, tc.why)
			continue
		}
		assert.NoError(t, err, tc.why)
		assert.Equal(t, tc.want, got, tc.why)
	}
}

// Policies are paired by kind across the two sides; a kind on one side
// only, or twice on one side, is a problem, unless a file of the other
// side could not be told, which may be the missing kind.
func TestDiffPairPolicies(t *testing.T) {
	src := diffScenario(t, t.TempDir(), "diff_errors.txtar")
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(src, name))
		require.NoError(t, err)
		return string(b)
	}
	qa, coaching, inc := read("old/qa.yaml"), read("old/coaching.yaml"), read("old/incentives.yaml")
	for _, tc := range []struct {
		why      string
		old, new map[string]string
		kinds    []string
		problems []string
	}{
		{
			why:   "by name and by kind field; other files and folders are not read",
			old:   map[string]string{"qa.yaml": qa, "coaching_v1.yml": coaching, "notes.txt": "x", ".mood.yaml": "x", "sub/mood.yaml": "x"},
			new:   map[string]string{"quality.yaml": "kind: qa\n" + qa, "coaching.yaml": coaching, "README.md": "x"},
			kinds: []string{"coaching", "qa"},
		},
		{
			why:      "a kind on one side only, each way",
			old:      map[string]string{"qa.yaml": qa, "coaching.yaml": coaching},
			new:      map[string]string{"qa.yaml": qa, "incentives.yaml": inc},
			problems: []string{"OLD/coaching.yaml: NEW (NEW) has no coaching policy to compare this one with", "NEW/incentives.yaml: OLD (OLD) has no incentives policy to compare this one with"},
		},
		{
			why:      "a side with a file of unknown kind may hold the missing one",
			old:      map[string]string{"qa.yaml": qa, "coaching.yaml": coaching},
			new:      map[string]string{"qa.yaml": qa, "talks.yaml": coaching},
			problems: []string{"NEW/talks.yaml: no kind: add a top-level kind field (coaching, incentives, mood, qa), give -kind, or name the file after its kind"},
		},
		{
			why:      "two policies of one kind in a folder",
			old:      map[string]string{"qa.yaml": qa},
			new:      map[string]string{"qa.yaml": qa, "qa-next.yaml": qa},
			problems: []string{"NEW/qa.yaml: a second qa policy in NEW, after NEW/qa-next.yaml; a folder holds one policy of each kind"},
		},
		{
			why:      "a folder with no policy",
			old:      map[string]string{"qa.yaml": qa},
			new:      map[string]string{"qa.json": "{}"},
			problems: []string{"NEW: no policy files (.yaml or .yml) in the folder"},
		},
		{
			why:      "a policy's own problems, with their places",
			old:      map[string]string{"qa.yaml": qa},
			new:      map[string]string{"qa.yaml": strings.Replace(qa, "pass_mark: 80", "pass_mark: 180", 1)},
			problems: []string{"NEW/qa.yaml:5:16: scorecards[0].pass_mark: must be between 0 and 100, got 180"},
		},
	} {
		dir := t.TempDir()
		oldDir, newDir := filepath.Join(dir, "OLD"), filepath.Join(dir, "NEW")
		require.NoError(t, os.MkdirAll(oldDir, 0o755))
		require.NoError(t, os.MkdirAll(newDir, 0o755))
		writeFiles(t, oldDir, tc.old)
		writeFiles(t, newDir, tc.new)
		pairs, ps := diffPairPolicies(oldDir, newDir, "")
		problems := diffTexts(ps)
		for i, p := range problems {
			problems[i] = strings.ReplaceAll(p, dir+string(filepath.Separator), "")
		}
		assert.Equal(t, tc.problems, problems, tc.why)
		if tc.problems != nil {
			continue
		}
		var got []string
		for _, p := range pairs {
			got = append(got, p.kind)
			assert.Equal(t, p.kind, p.old.kind, tc.why)
			assert.Equal(t, p.kind, p.new.kind, tc.why)
		}
		assert.Equal(t, tc.kinds, got, tc.why)
	}
}

// Minor units are written with the currency's digits, exactly, at every
// size and sign int64 holds.
func TestDiffMinor(t *testing.T) {
	for _, tc := range []struct {
		v      int64
		digits int
		want   string
	}{
		{0, 2, "0.00"},
		{5, 2, "0.05"},
		{-5, 2, "-0.05"},
		{99, 2, "0.99"},
		{100, 2, "1.00"},
		{-1250, 2, "-12.50"},
		{7, 0, "7"},
		{-7, 0, "-7"},
		{1, 4, "0.0001"},
		{123456, 4, "12.3456"},
		{1234, 3, "1.234"},
		{math.MaxInt64, 2, "92233720368547758.07"},
		{math.MinInt64, 2, "-92233720368547758.08"},
		{math.MinInt64, 0, "-9223372036854775808"},
	} {
		assert.Equal(t, tc.want, diffMinor(tc.v, tc.digits), "%d with %d digits", tc.v, tc.digits)
	}
	assert.Equal(t, "-12.50 EUR", diffCurrency{"EUR", 2}.format(-1250))
	assert.Equal(t, "+5 JPY", diffCurrency{"JPY", 0}.signed(5))
	assert.Equal(t, "0.000 KWD", diffCurrency{"KWD", 3}.signed(0))
	assert.Equal(t, "-0.001 KWD", diffCurrency{"KWD", 3}.signed(-1))
}

// The money moved is the sum of how much each agent's net changes either
// way; the net change is the center's. A sum that int64 cannot hold is
// an error, never a wrapped figure.
func TestDiffMoneyTotals(t *testing.T) {
	agent := func(before, after int64) incentives.AgentChange {
		return incentives.AgentChange{Before: incentives.Totals{Net: before}, After: incentives.Totals{Net: after}}
	}
	eur := diffCurrency{"EUR", 2}
	for _, tc := range []struct {
		why              string
		center           [2]int64
		agents           []incentives.AgentChange
		netChange, moved int64
		err              error
	}{
		{"nothing changes", [2]int64{9000, 9000}, nil, 0, 0, nil},
		{"one agent gains", [2]int64{9000, 15000}, []incentives.AgentChange{agent(0, 6000)}, 6000, 6000, nil},
		{"pay moves between agents, none is added", [2]int64{2000, 2000}, []incentives.AgentChange{agent(1000, 0), agent(1000, 2000)}, 0, 2000, nil},
		{"a fine grows", [2]int64{-500, -800}, []incentives.AgentChange{agent(-500, -800)}, -300, 300, nil},
		{"an agent's swing at the edge of int64", [2]int64{0, 0}, []incentives.AgentChange{agent(math.MinInt64+1, 0)}, 0, math.MaxInt64, nil},
		{"an agent's swing beyond int64", [2]int64{0, 0}, []incentives.AgentChange{agent(math.MinInt64, 0)}, 0, 0, errDiffMoneyRange},
		{"a change beyond int64", [2]int64{-1, math.MaxInt64}, nil, 0, 0, errDiffMoneyRange},
		{"moved summing beyond int64", [2]int64{0, 0}, []incentives.AgentChange{agent(0, math.MaxInt64), agent(0, 1)}, 0, 0, errDiffMoneyRange},
	} {
		c := incentives.Comparison{CenterBefore: incentives.Totals{Net: tc.center[0], Bonus: 1, Fines: 2}, CenterAfter: incentives.Totals{Net: tc.center[1], Bonus: 3, Fines: 4}, Agents: tc.agents}
		got, err := diffMoneyTotals(eur, &c)
		if tc.err != nil {
			assert.ErrorIs(t, err, tc.err, tc.why)
			continue
		}
		require.NoError(t, err, tc.why)
		assert.Equal(t, tc.netChange, got.NetChange, tc.why)
		assert.Equal(t, tc.moved, got.Moved, tc.why)
		assert.Equal(t, diffOldNew{tc.center[0], tc.center[1]}, got.Net, tc.why)
		assert.Equal(t, diffOldNew{1, 3}, got.Bonus, tc.why)
		assert.Equal(t, diffOldNew{2, 4}, got.Fines, tc.why)
		assert.Equal(t, "EUR", got.Currency, tc.why)
		assert.Equal(t, 2, got.MinorDigits, tc.why)
	}
}

// The checked sums agree with exact arithmetic on every boundary.
func TestDiffAddSub(t *testing.T) {
	for _, tc := range []struct {
		a, b      int64
		sum, diff bool
	}{
		{0, 0, true, true},
		{math.MaxInt64, 0, true, true},
		{math.MaxInt64, 1, false, true},
		{math.MaxInt64, -1, true, false},
		{math.MinInt64, -1, false, true},
		{math.MinInt64, 1, true, false},
		{math.MinInt64, 0, true, true},
		{0, math.MinInt64, true, false},
		{-1, math.MinInt64, false, true},
		{math.MaxInt64, math.MaxInt64, false, true},
	} {
		s, ok := diffAdd(tc.a, tc.b)
		assert.Equal(t, tc.sum, ok, "%d + %d", tc.a, tc.b)
		if ok {
			assert.Equal(t, tc.a+tc.b, s)
		}
		d, ok := diffSub(tc.a, tc.b)
		assert.Equal(t, tc.diff, ok, "%d - %d", tc.a, tc.b)
		if ok {
			assert.Equal(t, tc.a-tc.b, d)
		}
	}
}

// A data file is JSON values one after another: one a line, or spread
// over lines; each is found with the line it starts on, and the first
// malformed one stops the file at its place.
func TestDiffReadDocs(t *testing.T) {
	for _, tc := range []struct {
		why, data string
		lines     []int
		err       string
	}{
		{"empty", "", nil, ""},
		{"only white space", " \n\t\r\n", nil, ""},
		{"JSON Lines", "{\"a\":1}\n{\"a\":2}\n", []int{1, 2}, ""},
		{"no newline at the end", "{\"a\":1}\n{\"a\":2}", []int{1, 2}, ""},
		{"blank lines and CRLF", "\r\n{\"a\":1}\r\n\r\n{\"a\":2}\r\n", []int{2, 4}, ""},
		{"one document over lines", "{\n  \"a\": [\n    1\n  ]\n}\n", []int{1}, ""},
		{"two documents on one line", "{} {}", []int{1, 1}, ""},
		{"a syntax error", "{\"a\":1}\n{\"a\" 2}\n", nil, "2:6: invalid character '2' after object key"},
		{"a cut-off document", "{\"a\":1}\n{\"a\":", nil, "2:6: the data ends inside a document"},
		{"a stray closing brace", "}\n", nil, "1:1: invalid character '}' looking for beginning of value"},
		{"a byte order mark", "\ufeff{}", nil, "1:1: invalid character 'ï' looking for beginning of value"},
	} {
		docs, err := diffReadDocs([]byte(tc.data))
		if tc.err != "" {
			assert.EqualError(t, err, tc.err, tc.why)
			continue
		}
		require.NoError(t, err, tc.why)
		var lines []int
		for _, d := range docs {
			lines = append(lines, d.line)
			assert.True(t, json.Valid(d.raw), tc.why)
		}
		assert.Equal(t, tc.lines, lines, tc.why)
	}
}

// Scores are written with two decimals, more only where two would not
// tell them apart.
func TestDiffScores(t *testing.T) {
	for _, tc := range []struct {
		a, b   float64
		sa, sb string
	}{
		{80, 500.0 / 6, "80.00", "83.33"},
		{83.3341, 83.3342, "83.3341", "83.3342"},
		{100, 0, "100.00", "0.00"},
		{84.996, 85, "84.996", "85.000"},
		{1e-17, 0, "0.00000000000000001", "0"},
	} {
		sa, sb := diffScores(tc.a, tc.b)
		assert.Equal(t, tc.sa, sa, "%v against %v", tc.a, tc.b)
		assert.Equal(t, tc.sb, sb, "%v against %v", tc.a, tc.b)
	}
}

// diffFuzzPairs are the scenario's pairs of each kind, read once.
var diffFuzzPairs map[string]diffPair

// FuzzDiffData reads any bytes as a data file of any kind and compares
// them under the scenario's policies: nothing panics, a document is
// valid JSON found on a real line, and a refusal has a place in the data.
func FuzzDiffData(f *testing.F) {
	dir := diffScenario(f, f.TempDir(), "diff.txtar")
	if diffFuzzPairs == nil {
		pairs, problems := diffPairPolicies(filepath.Join(dir, "old"), filepath.Join(dir, "new"), "")
		require.Empty(f, problems)
		diffFuzzPairs = map[string]diffPair{}
		for _, p := range pairs {
			diffFuzzPairs[p.kind] = p
		}
	}
	for i, k := range kinds {
		b, err := os.ReadFile(filepath.Join(dir, "data", diffDataFiles[k]))
		require.NoError(f, err)
		f.Add(uint8(i), b)
		f.Add(uint8(i), bytes.ReplaceAll(b, []byte("\n"), []byte(" ")))
	}
	for _, s := range []string{"", "{}", "[]", "null", "{\"agent\":\"a\"}\n{\"agent\":\"a\"}", "{\"a\":", "1e999", "\"\\ud800\""} {
		for i := range kinds {
			f.Add(uint8(i), []byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		docs, err := diffReadDocs(data)
		if err != nil {
			var de *diffDataError
			require.True(t, errors.As(err, &de))
			lines := bytes.Count(data, []byte("\n")) + 1
			require.True(t, de.line >= 1 && de.line <= lines && de.column >= 1, "%v", err)
			return
		}
		for _, d := range docs {
			require.True(t, json.Valid(d.raw))
			require.True(t, d.line >= 1)
		}
		k := kinds[int(kind)%len(kinds)]
		p := diffFuzzPairs[k]
		file := filepath.Join("data", diffDataFiles[k])
		changes, _, problems := diffByKind[k](file, docs, p)
		for _, pr := range problems {
			require.True(t, pr.File == file && pr.Line >= 1 || pr.Kind == "incentives", "%+v", pr)
			require.NotEmpty(t, pr.Message, "%+v", pr)
		}
		for _, c := range changes {
			require.NotEmpty(t, c.Field)
			require.NotEqual(t, c.oldText, c.newText, "a change that changes nothing: %+v", c)
		}
	})
}

// Owed actions are matched by code and owner, the nth with the nth; one
// owed later, in another setting, or on one side only is a change.
func TestDiffActions(t *testing.T) {
	at := time.Date(2025, 3, 31, 17, 0, 0, 0, time.UTC)
	act := func(code, owner string, days int, s callfloor.Setting) mood.Action {
		return mood.Action{Code: code, Owner: owner, Deadline: at.AddDate(0, 0, days), Setting: s}
	}
	for _, tc := range []struct {
		why      string
		old, new []mood.Action
		want     []string
	}{
		{"the same actions in another order", []mood.Action{act("a", "hr", 1, callfloor.OneToOne), act("b", "hr", 2, callfloor.Group)},
			[]mood.Action{act("b", "hr", 2, callfloor.Group), act("a", "hr", 1, callfloor.OneToOne)}, nil},
		{"a later deadline", []mood.Action{act("a", "hr", 1, callfloor.OneToOne)}, []mood.Action{act("a", "hr", 3, callfloor.OneToOne)},
			[]string{"a: hr one_to_one by 2025-04-01T17:00:00Z -> hr one_to_one by 2025-04-03T17:00:00Z"}},
		{"another setting", []mood.Action{act("a", "hr", 1, callfloor.OneToOne)}, []mood.Action{act("a", "hr", 1, callfloor.Group)},
			[]string{"a: hr one_to_one by 2025-04-01T17:00:00Z -> hr group by 2025-04-01T17:00:00Z"}},
		{"another owner is another action", []mood.Action{act("a", "hr", 1, callfloor.OneToOne)}, []mood.Action{act("a", "counselor", 1, callfloor.OneToOne)},
			[]string{"a: hr one_to_one by 2025-04-01T17:00:00Z -> none", "a: none -> counselor one_to_one by 2025-04-01T17:00:00Z"}},
		{"a second action of one code and owner", []mood.Action{act("a", "hr", 1, callfloor.OneToOne)},
			[]mood.Action{act("a", "hr", 1, callfloor.OneToOne), act("a", "hr", 5, callfloor.OneToOne)},
			[]string{"a: none -> hr one_to_one by 2025-04-05T17:00:00Z"}},
		{"the same instant in another zone", []mood.Action{act("a", "hr", 1, callfloor.OneToOne)},
			[]mood.Action{{Code: "a", Owner: "hr", Deadline: at.AddDate(0, 0, 1).In(time.FixedZone("CST", 8*3600)), Setting: callfloor.OneToOne}}, nil},
	} {
		var got []string
		for _, c := range diffActions("li.na", tc.old, tc.new) {
			assert.Equal(t, "action", c.Field, tc.why)
			got = append(got, c.Item+": "+c.oldText+" -> "+c.newText)
		}
		assert.Equal(t, tc.want, got, tc.why)
	}
}

// What the trigger rules make of each kind of case: proposed,
// suppressed, held, or, when rules disagree, each in that order.
func TestDiffDispositions(t *testing.T) {
	p := func(k coaching.Kind) coaching.Proposal { return coaching.Proposal{Kind: k} }
	got := diffDispositions(coaching.Proposals{
		Proposed:   []coaching.Proposal{p(coaching.Care), p(coaching.PerformanceProblem)},
		Suppressed: []coaching.Proposal{p(coaching.PerformanceReview)},
		Held:       []coaching.Proposal{p(coaching.PerformanceProblem), p(coaching.Promotion)},
	})
	assert.Equal(t, map[coaching.Kind]string{
		coaching.Care:               "proposed",
		coaching.PerformanceProblem: "proposed+held",
		coaching.PerformanceReview:  "suppressed",
		coaching.Promotion:          "held",
	}, got)
	assert.Empty(t, diffDispositions(coaching.Proposals{}))
}

// A statement line whose figures stay but whose title changes is a
// change, and the text says why its two sides read alike.
func TestDiffIncentivesTitleOnly(t *testing.T) {
	src := func(title string) []byte {
		return []byte("version: v\ncurrency: EUR\nmetrics:\n  - {name: qa_avg, min: 0, max: 100}\nrewards:\n  rules:\n    - {id: quality, when: qa_avg >= 90, bonus: 2000, title: " + title + "}\n")
	}
	before, err := parsePolicy("old.yaml", "incentives", src("Quality Star"))
	require.NoError(t, err)
	after, err := parsePolicy("new.yaml", "incentives", src("Service Star"))
	require.NoError(t, err)
	doc := diffDoc{line: 1, raw: json.RawMessage(`{"period": {"id": "2025-03", "start": "2025-03-01T00:00:00Z", "end": "2025-04-01T00:00:00Z", "cadence": "monthly"},
		"agents": [{"id": "li.na", "team": "north", "metrics": {"qa_avg": 92}}]}`)}
	changes, tot, problems := diffIncentives("incentives.json", []diffDoc{doc}, diffPair{kind: "incentives", old: before, new: after})
	require.Empty(t, problems)
	require.Len(t, changes, 1)
	assert.Equal(t, "rewards.rules.quality", changes[0].Item)
	assert.Equal(t, "20.00 EUR", changes[0].oldText)
	assert.Equal(t, "20.00 EUR (same figures; its title, badge, base or held amount differs)", changes[0].newText)
	assert.Equal(t, 1, tot.Changed)
	assert.Equal(t, int64(0), tot.Money.Moved)
}

// A subject that two documents of one file share is refused at the
// second, naming the field the document names it by, as eval's input
// errors do: a coaching document names its person subject. The
// documents after it are still compared, and a later duplicate is given
// too.
func TestDiffDuplicateSubjects(t *testing.T) {
	dir := diffScenario(t, t.TempDir(), "diff.txtar")
	load := func(t *testing.T, kind string) diffPair {
		old, err := loadPolicy(filepath.Join(dir, "old", kind+".yaml"), kind)
		require.NoError(t, err)
		return diffPair{kind: kind, old: old, new: old}
	}
	mood1 := `{"agent": "li.na", "at": "2025-03-31T17:00:00Z", "screenings": [{"instrument": "phq9", "total": 8, "band": "mild", "at": "2025-03-20T09:00:00Z"}]}`
	mood2 := strings.Replace(mood1, "li.na", "wang.fang", 1)
	qa1 := `{"id": "ev1", "agent": "li.na", "source": "qa", "scorecard": "inbound", "at": "2025-03-10T10:00:00Z", "answers": [{"item": "greeting", "value": 1}, {"item": "confirm", "value": 1}, {"item": "hold", "value": 1}, {"item": "leak", "value": 1}]}`
	qa2 := strings.Replace(qa1, `"ev1"`, `"ev2"`, 1)
	co1 := `{"subject": "li.na", "signals": {"qa_avg": 82, "complaints": 0}}`
	co2 := strings.Replace(co1, "li.na", "wang.fang", 1)
	tests := []struct {
		why  string
		kind string
		docs []string
		run  func(string, []diffDoc, diffPair) ([]diffChange, diffTotals, []checkProblem)
		want []string
	}{
		{"an agent assessed twice, each", "mood", []string{mood1, mood2, mood1, mood2}, diffMood, []string{
			`mood.jsonl:3: assessment.agent: "li.na" duplicates line 1`,
			`mood.jsonl:4: assessment.agent: "wang.fang" duplicates line 2`,
		}},
		{"an evaluation twice, the second time", "qa", []string{qa1, qa2, qa2}, diffQA, []string{
			`qa.jsonl:3: evaluation.id: "ev2" duplicates line 2`,
		}},
		{"a person three times, by subject", "coaching", []string{co1, co1, co2, co1}, diffCoaching, []string{
			`coaching.jsonl:2: subject: "li.na" duplicates line 1`,
			`coaching.jsonl:4: subject: "li.na" duplicates line 1`,
		}},
		{"two people", "coaching", []string{co1, co2}, diffCoaching, nil},
		{"a case followed through its events has no what-if", "coaching", []string{co1,
			`{"case": {"kind": "care", "subject": "li.na", "opened": "2025-03-03T09:00:00Z"}, "due_at": "2025-03-20T09:00:00Z"}`, co2}, diffCoaching, []string{
			`coaching.jsonl:2: case: a case document (case, events, due_at) has no what-if in diff, which compares the proposals of {subject, signals, open} documents; run it with callfloor eval or callfloor test`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			docs, err := diffReadDocs([]byte(strings.Join(tt.docs, "\n")))
			require.NoError(t, err)
			_, tot, problems := tt.run(diffDataFiles[tt.kind], docs, load(t, tt.kind))
			assert.Equal(t, tt.want, diffTexts(problems))
			assert.Equal(t, len(tt.docs), tot.Compared)
			assert.Zero(t, tot.Changed, "a policy against itself changes nothing")
		})
	}
}

// A period the incentives policies refuse is given as the documents of
// other kinds are: once when both refuse it alike, else under each policy
// that refuses it, both when both do.
func TestDiffIncentivesRefused(t *testing.T) {
	src := func(metric string) []byte {
		return []byte("version: v\ncurrency: EUR\nmetrics:\n  - {name: " + metric + ", min: 0, max: 100}\nrewards:\n  rules:\n    - {id: quality, when: " + metric + " >= 90, bonus: 2000}\n")
	}
	before, err := parsePolicy("old.yaml", "incentives", src("qa_avg"))
	require.NoError(t, err)
	after, err := parsePolicy("new.yaml", "incentives", src("csat"))
	require.NoError(t, err)
	doc := func(agent string) diffDoc {
		return diffDoc{line: 2, raw: json.RawMessage(`{"period": {"id": "2025-03", "start": "2025-03-01T00:00:00Z", "end": "2025-04-01T00:00:00Z", "cadence": "monthly"},
		"agents": [` + agent + `]}`)}
	}
	tests := []struct {
		why   string
		agent string
		want  []string
	}{
		{"both refuse it alike", `{"id": "", "team": "north"}`, []string{
			"incentives.json:2: agents[0].id: is required",
		}},
		{"the old alone", `{"id": "li.na", "team": "north", "metrics": {"csat": 95}}`, []string{
			`incentives.json:2: agents[0].metrics.csat: under old.yaml: unknown metric "csat"; allowed: qa_avg`,
		}},
		{"the new alone", `{"id": "li.na", "team": "north", "metrics": {"qa_avg": 95}}`, []string{
			`incentives.json:2: agents[0].metrics.qa_avg: under new.yaml: unknown metric "qa_avg"; allowed: csat`,
		}},
		{"both, each its own way", `{"id": "li.na", "team": "north", "metrics": {"aht": 95}}`, []string{
			`incentives.json:2: agents[0].metrics.aht: under old.yaml: unknown metric "aht"; allowed: qa_avg`,
			`incentives.json:2: agents[0].metrics.aht: under new.yaml: unknown metric "aht"; allowed: csat`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			changes, _, problems := diffIncentives("incentives.json", []diffDoc{doc(tt.agent)}, diffPair{kind: "incentives", old: before, new: after})
			assert.Equal(t, tt.want, diffTexts(problems))
			assert.Empty(t, changes)
		})
	}
}

// Every kind a policy may have is compared and has its data file, so that
// a kind added to the command cannot reach diff without its comparison.
func TestDiffEveryKind(t *testing.T) {
	assert.Len(t, diffByKind, len(kinds))
	assert.Len(t, diffDataFiles, len(kinds))
	for _, k := range kinds {
		assert.NotNil(t, diffByKind[k], k)
		assert.NotEmpty(t, diffDataFiles[k], k)
	}
}

// diffTexts writes problems as diff's text output does, one a line.
func diffTexts(ps []checkProblem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.format(false))
	}
	return out
}

// The totals name their count in the singular for one: "0 of 1 agent
// changed", "1 of 2 evaluations changed".
func TestDiffTotalsPlural(t *testing.T) {
	rep := &diffReport{Compared: []string{"mood", "qa"}, Totals: []diffTotals{
		{Kind: "mood", Compared: 1},
		{Kind: "qa", Compared: 1, Passed: &diffOldNew{}},
		{Kind: "coaching", Compared: 2, Changed: 1, Proposed: &diffOldNew{Old: 1, New: 1}},
	}}
	var b strings.Builder
	require.NoError(t, rep.writeText(&b))
	assert.Contains(t, b.String(), "\nmood: 0 of 1 agent changed\nqa: 0 of 1 evaluation changed; passed 0 -> 0\ncoaching: 1 of 2 agents changed; cases proposed 1 -> 1\n")
}

// A data document the JSON decoder refuses is worded as eval words it:
// the field with its indexes, and JSON's words rather than Go's types.
func TestDiffDecodeErrors(t *testing.T) {
	dir := diffScenario(t, t.TempDir(), "diff.txtar")
	load := func(kind string) diffPair {
		p, err := loadPolicy(filepath.Join(dir, "old", kind+".yaml"), kind)
		require.NoError(t, err)
		return diffPair{kind: kind, old: p, new: p}
	}
	tests := []struct {
		why, kind, doc, want string
	}{
		{"an incentives document that is not an object", "incentives", `[]`,
			"incentives.json:1: document: an array where an object is expected"},
		{"an agent's field, with its index", "incentives", `{"period": {}, "agents": [{"id": "a"}, {"id": 7}]}`,
			"incentives.json:1: agents[1].id: a number where a string is expected"},
		{"a screening's total, with its index", "mood", `{"agent": "a", "screenings": [{"total": "x"}]}`,
			"mood.jsonl:1: assessment.screenings[0].total: a string where a whole number is expected"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			docs, err := diffReadDocs([]byte(tt.doc))
			require.NoError(t, err)
			_, _, problems := diffByKind[tt.kind](diffDataFiles[tt.kind], docs, load(tt.kind))
			assert.Equal(t, []string{tt.want}, diffTexts(problems))
		})
	}
}
