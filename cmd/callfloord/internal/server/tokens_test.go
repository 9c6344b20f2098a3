package server

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/callfloor/callfloor"
)

func hashOf(tok string) string {
	s := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(s[:])
}

func TestParseTokens(t *testing.T) {
	good := hashOf("t1")
	set, problems := parseTokens([]byte("tokens:\n  - sha256: " + good + "\n    person: li.na\n    role: lead\n"))
	if len(problems) != 0 {
		t.Fatalf("problems %v", problems)
	}
	want := map[[sha256.Size]byte]Principal{sha256.Sum256([]byte("t1")): {Person: "li.na", Role: RoleLead}}
	if !reflect.DeepEqual(set.byHash, want) {
		t.Errorf("set %v, want %v", set.byHash, want)
	}
}

func TestParseTokensProblems(t *testing.T) {
	h1, h2 := hashOf("t1"), hashOf("t2")
	cases := []struct {
		name, src string
		want      []callfloor.Problem
	}{
		{"empty file", "", []callfloor.Problem{{Msg: "the file is empty"}}},
		{"not YAML", "tokens: [\n", []callfloor.Problem{{Line: 1, Msg: "not YAML: did not find expected node content"}}},
		{"not a mapping", "- a\n", []callfloor.Problem{{Line: 1, Column: 1, Msg: "a token file is a mapping with one key, tokens"}}},
		{"no tokens key", "other: 1\n", []callfloor.Problem{
			{Path: "other", Line: 1, Column: 1, Msg: `unknown key "other"; allowed: tokens`},
			{Path: "tokens", Line: 1, Column: 1, Msg: "is required: the tokens that may call the service"},
		}},
		{"tokens not a list", "tokens: x\n", []callfloor.Problem{{Path: "tokens", Line: 1, Column: 9, Msg: "must be a list of tokens, each with sha256, person and role"}}},
		{"no token at all", "tokens: []\n", []callfloor.Problem{{Path: "tokens", Line: 1, Column: 9, Msg: "is empty; a service no token may call serves no one"}}},
		{"every problem of every entry, with its place",
			"tokens:\n" +
				"  - sha256: abc\n    person: ''\n    role: boss\n" +
				"  - sha256: " + h1 + "\n    person: a\n    role: agent\n    extra: 1\n" +
				"  - sha256: " + h1 + "\n    person: b\n    role: hr\n" +
				"  - person: c\n    person: d\n" +
				"  - sha256: [x]\n    person: e\n    role: admin\n" +
				"  - just text\n" +
				"  - sha256: " + h2 + "\n    person: f\n    role: counselor\n",
			[]callfloor.Problem{
				{Path: "tokens[0].sha256", Line: 2, Column: 13, Msg: `is not 64 hexadecimal digits; a token's hash is printf %s "$TOKEN" | sha256sum`},
				{Path: "tokens[0].person", Line: 3, Column: 13, Msg: "is required: who holds the token, as the audit trail names them"},
				{Path: "tokens[0].role", Line: 4, Column: 11, Msg: `unknown role "boss"; allowed: agent, lead, counselor, crisis_owner, hr, admin`},
				{Path: "tokens[1].extra", Line: 8, Column: 5, Msg: `unknown key "extra"; allowed: sha256, person, role`},
				{Path: "tokens[2].sha256", Line: 9, Column: 13, Msg: "repeats tokens[1]; a token has one holder"},
				{Path: "tokens[3].person", Line: 13, Column: 5, Msg: "is given twice"},
				{Path: "tokens[3].sha256", Line: 12, Column: 5, Msg: "is required"},
				{Path: "tokens[3].role", Line: 12, Column: 5, Msg: "is required"},
				{Path: "tokens[4].sha256", Line: 14, Column: 13, Msg: "must be a single value"},
				{Path: "tokens[5]", Line: 17, Column: 5, Msg: "must be a mapping with sha256, person and role"},
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			set, got := parseTokens([]byte(c.src))
			if set != nil {
				t.Errorf("a token set from a file with problems")
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("problems:\n got %#v\nwant %#v", got, c.want)
			}
		})
	}
}

func TestLoadTokensNamesTheFile(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "tokens.yaml")
	if err := os.WriteFile(f, []byte("tokens:\n  - sha256: x\n    person: a\n    role: agent\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := loadTokens(f)
	want := f + `: tokens[0].sha256: line 2, column 13: is not 64 hexadecimal digits; a token's hash is printf %s "$TOKEN" | sha256sum`
	if err == nil || err.Error() != want {
		t.Errorf("loadTokens = %v, want %s", err, want)
	}
	_, err = loadTokens(filepath.Join(dir, "missing.yaml"))
	want = filepath.Join(dir, "missing.yaml") + ": the token file cannot be read: no such file or directory"
	if err == nil || err.Error() != want {
		t.Errorf("loadTokens of a missing file = %v, want %s", err, want)
	}
}

func TestAuthenticate(t *testing.T) {
	ts := newTestServer(t, withoutStore())
	cases := []struct{ name, header, detail string }{
		{"no header", "", "send a bearer token in the Authorization header"},
		{"another scheme", "Basic " + tokLead, "send a bearer token in the Authorization header"},
		{"empty token", "Bearer ", "send a bearer token in the Authorization header"},
		{"unknown token", "Bearer nope", "the token is not known"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var hdr []string
			if c.header != "" {
				hdr = []string{"Authorization", c.header}
			}
			status, body, h := ts.do(t, "", "GET", "/v1/policies", nil, hdr...)
			wantProblem(t, status, body, h, problem(401, "unauthorized", "Unauthorized", c.detail, "/v1/policies"))
		})
	}
}

// FuzzParseTokens: no token file makes parseTokens panic, and it returns
// either a set or problems, each problem with a message and a place in
// the file.
func FuzzParseTokens(f *testing.F) {
	f.Add([]byte("tokens:\n  - sha256: " + hashOf("t") + "\n    person: li.na\n    role: lead\n"))
	f.Add([]byte("tokens:\n  - sha256: abc\n    person: ''\n    role: boss\n  - x\n"))
	f.Add([]byte("tokens: &a [*a]\n"))
	f.Add([]byte("{tokens: [{sha256: [1], person: {a: b}, role: [c]}]}\n"))
	f.Add([]byte("---\n---\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		set, problems := parseTokens(src)
		if (set == nil) == (len(problems) == 0) {
			t.Fatalf("set %v and problems %v: exactly one must be given", set, problems)
		}
		for _, p := range problems {
			if p.Msg == "" || strings.HasPrefix(p.Msg, " ") {
				t.Fatalf("problem without a message: %#v", p)
			}
		}
		if len(problems) > callfloor.MaxProblems {
			t.Fatalf("%d problems, more than %d", len(problems), callfloor.MaxProblems)
		}
	})
}
