package server

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/qa"
)

// defaultMood is the mood package's default policy source.
func defaultMood(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("../../../../mood/default.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// moodVersion is the default mood policy declaring version v instead.
func moodVersion(t testing.TB, v string) string {
	src := defaultMood(t)
	out := strings.Replace(src, "version: mood-default-1", "version: "+v, 1)
	if out == src {
		t.Fatal("the default mood policy no longer declares version mood-default-1")
	}
	return out
}

// lineCount is how many lines src has.
func lineCount(src string) int { return strings.Count(src, "\n") }

func writePolicies(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadPolicies(t *testing.T) {
	dir := writePolicies(t, map[string]string{"mood.yaml": moodVersion(t, "m-2"), "notes.txt": "not a policy"})
	pol, err := loadPolicies(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := pol.Mood.Identity().Version; got != "m-2" {
		t.Errorf("mood version %q, want m-2", got)
	}
	if want := map[string]string{"mood": filepath.Join(dir, "mood.yaml")}; !reflect.DeepEqual(pol.Files, want) {
		t.Errorf("files %v, want %v", pol.Files, want)
	}
	if pol.QA.Identity() != qa.DefaultPolicy().Identity() {
		t.Errorf("qa runs %v, want its default", pol.QA.Identity())
	}
}

func TestLoadPoliciesProblems(t *testing.T) {
	broken := defaultMood(t) + "bogus: 1\n"
	cases := []struct {
		name  string
		files map[string]string
		dir   string
		want  []FileProblem
	}{
		{"a directory that does not exist", nil, "/nonexistent/policies", []FileProblem{
			{File: "/nonexistent/policies", Problem: callfloor.Problem{Msg: "the policy directory cannot be read: no such file or directory"}},
		}},
		{"no kind", map[string]string{"a.yaml": "version: x\n"}, "", []FileProblem{
			{File: "a.yaml", Problem: callfloor.Problem{Path: "kind", Line: 1, Column: 1, Msg: "is required: one of coaching, incentives, mood, qa, so that the file is read as the policy it is"}},
		}},
		{"an unknown kind", map[string]string{"a.yml": "version: x\nkind: pay\n"}, "", []FileProblem{
			{File: "a.yml", Problem: callfloor.Problem{Path: "kind", Line: 2, Column: 7, Msg: `"pay" is not a policy kind; allowed: coaching, incentives, mood, qa`}},
		}},
		{"not a mapping", map[string]string{"a.yaml": "- kind: mood\n"}, "", []FileProblem{
			{File: "a.yaml", Problem: callfloor.Problem{Line: 1, Column: 1, Msg: "a policy is a mapping whose kind is one of coaching, incentives, mood, qa"}},
		}},
		{"empty", map[string]string{"a.yaml": ""}, "", []FileProblem{
			{File: "a.yaml", Problem: callfloor.Problem{Msg: "the file is empty"}},
		}},
		{"two of a kind", map[string]string{"a.yaml": moodVersion(t, "a"), "b.yaml": moodVersion(t, "b")}, "", []FileProblem{
			{File: "b.yaml", Problem: callfloor.Problem{Path: "kind", Line: 4, Column: 7, Msg: "a second mood policy; a.yaml is the first, and a kind has one policy"}},
		}},
		{"the library's problems, each with the file", map[string]string{"m.yaml": broken, "q.yaml": "kind: qa\n"}, "", []FileProblem{
			{File: "m.yaml", Problem: callfloor.Problem{Path: "bogus", Line: lineCount(broken), Column: 1,
				Msg:       "unknown field; allowed: kind, locale, version, roles, instruments, tiers, crisis, watch, cycles, causes, techniques, climate, practices, declarations, names",
				MessageID: "policy.unknown_field",
				Args:      map[string]any{"Allowed": []string{"kind", "locale", "version", "roles", "instruments", "tiers", "crisis", "watch", "cycles", "causes", "techniques", "climate", "practices", "declarations", "names"}}}},
			{File: "q.yaml", Problem: callfloor.Problem{Path: "scorecards", Line: 1, Column: 1, Msg: "required field is missing", MessageID: "policy.required_field"}},
			{File: "q.yaml", Problem: callfloor.Problem{Path: "version", Line: 1, Column: 1, Msg: "required field is missing", MessageID: "policy.required_field"}},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := c.dir
			if dir == "" {
				dir = writePolicies(t, c.files)
			}
			_, err := loadPolicies(dir)
			le, ok := err.(*LoadError)
			if !ok {
				t.Fatalf("loadPolicies = %v, want a *LoadError", err)
			}
			for i := range le.Problems {
				le.Problems[i].File = strings.TrimPrefix(le.Problems[i].File, dir+string(filepath.Separator))
			}
			// Compared as the service writes them: a library problem also
			// keeps, unexported, the message it was worded from.
			got, _ := json.Marshal(le.Problems)
			want, _ := json.Marshal(c.want)
			if string(got) != string(want) {
				t.Errorf("problems:\n got %s\nwant %s", got, want)
			}
		})
	}
}

func TestLoadErrorText(t *testing.T) {
	err := &LoadError{Problems: []FileProblem{
		{File: "p/mood.yaml", Problem: callfloor.Problem{Path: "tiers[2].min", Line: 14, Column: 10, Msg: "overlaps tiers[1]"}},
		{File: "tokens.yaml", Problem: callfloor.Problem{Msg: "the file is empty"}},
	}}
	want := "p/mood.yaml: tiers[2].min: line 14, column 10: overlaps tiers[1]\ntokens.yaml: the file is empty"
	if err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
}

// FuzzPolicyKind: no policy file makes policyKind panic, and a kind it
// accepts is one of the policy kinds.
func FuzzPolicyKind(f *testing.F) {
	for _, s := range []string{"kind: mood\n", "kind: [mood]\n", "- kind\n", "", "kind: pay\nkind: qa\n", "a: &x [*x]\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		kind, at, ok := policyKind(src)
		if ok && kind != "mood" && kind != "qa" && kind != "coaching" && kind != "incentives" {
			t.Fatalf("accepted kind %q", kind)
		}
		if !ok && at.Msg == "" {
			t.Fatal("a refusal without a message")
		}
	})
}
