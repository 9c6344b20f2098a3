package server

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http/httptest"
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
	set, problems := parseTokens([]byte("tokens:\n" +
		"  - sha256: " + hashOf("t1") + "\n    person: li.na\n    role: lead\n" +
		"  - {sha256: " + hashOf("t2") + ", person: wu.lan, role: hr, acts_as: [hr, supervisor]}\n" +
		"  - sha256: " + hashOf("t3") + "\n    person: ma.jun\n    role: counselor\n    acts_as:\n      - team_lead\n"))
	if len(problems) != 0 {
		t.Fatalf("problems %v", problems)
	}
	want := map[[sha256.Size]byte]Principal{
		sha256.Sum256([]byte("t1")): {Person: "li.na", Role: RoleLead},
		sha256.Sum256([]byte("t2")): {Person: "wu.lan", Role: RoleHR, ActsAs: []string{"hr", "supervisor"}},
		sha256.Sum256([]byte("t3")): {Person: "ma.jun", Role: RoleCounselor, ActsAs: []string{"team_lead"}},
	}
	if !reflect.DeepEqual(set.byHash, want) {
		t.Errorf("set %v, want %v", set.byHash, want)
	}
}

// TestParseTokensActsAs proves every problem of an entry's acts_as, with
// its place, and that names the coaching policy may not declare are no
// problem of the token file.
func TestParseTokensActsAs(t *testing.T) {
	entry := func(role, actsAs string) string {
		return "tokens:\n  - sha256: " + hashOf("t1") + "\n    person: li.na\n    role: " + role + "\n    acts_as: " + actsAs + "\n"
	}
	cases := []struct {
		name, src string
		want      []callfloor.Problem
	}{
		{"a single name, not a list", entry("lead", "team_lead"), []callfloor.Problem{
			{Path: "tokens[0].acts_as", Line: 5, Column: 14, Msg: "must be a list of the coaching roles the holder acts as, as [team_lead, supervisor]"}}},
		{"a mapping", entry("lead", "{team_lead: 1}"), []callfloor.Problem{
			{Path: "tokens[0].acts_as", Line: 5, Column: 14, Msg: "must be a list of the coaching roles the holder acts as, as [team_lead, supervisor]"}}},
		{"empty", entry("hr", "[]"), []callfloor.Problem{
			{Path: "tokens[0].acts_as", Line: 5, Column: 14, Msg: "is empty; list the coaching roles the holder acts as, or leave acts_as out to act as the role of the same name"}}},
		{"names that are not ids", entry("lead", "[Team_Lead, 'team lead', '', 7up]"), []callfloor.Problem{
			{Path: "tokens[0].acts_as[0]", Line: 5, Column: 15, Msg: `"Team_Lead" is not a role name: a lowercase letter, then lowercase letters, digits and underscores`},
			{Path: "tokens[0].acts_as[1]", Line: 5, Column: 26, Msg: `"team lead" is not a role name: a lowercase letter, then lowercase letters, digits and underscores`},
			{Path: "tokens[0].acts_as[2]", Line: 5, Column: 39, Msg: `"" is not a role name: a lowercase letter, then lowercase letters, digits and underscores`},
			{Path: "tokens[0].acts_as[3]", Line: 5, Column: 43, Msg: `"7up" is not a role name: a lowercase letter, then lowercase letters, digits and underscores`}}},
		{"a list in the list", entry("lead", "[team_lead, [hr]]"), []callfloor.Problem{
			{Path: "tokens[0].acts_as[1]", Line: 5, Column: 26, Msg: "must be a role name"}}},
		{"a name twice", entry("lead", "[team_lead, supervisor, team_lead]"), []callfloor.Problem{
			{Path: "tokens[0].acts_as[2]", Line: 5, Column: 38, Msg: "repeats tokens[0].acts_as[0]"}}},
		{"given twice", entry("lead", "[team_lead]") + "    acts_as: [hr]\n", []callfloor.Problem{
			{Path: "tokens[0].acts_as", Line: 6, Column: 5, Msg: "is given twice"}}},
		{"an agent, who records no event", entry("agent", "[team_lead]"), []callfloor.Problem{
			{Path: "tokens[0].acts_as", Line: 5, Column: 14, Msg: "is for roles that record coaching events (lead, counselor, crisis_owner, hr), not agent"}}},
		{"the admin, who records no event", entry("admin", "[hr]"), []callfloor.Problem{
			{Path: "tokens[0].acts_as", Line: 5, Column: 14, Msg: "is for roles that record coaching events (lead, counselor, crisis_owner, hr), not admin"}}},
		{"with the entry's other problems", "tokens:\n  - sha256: abc\n    person: li.na\n    role: boss\n    acts_as: [X]\n", []callfloor.Problem{
			{Path: "tokens[0].sha256", Line: 2, Column: 13, Msg: `is not 64 hexadecimal digits; a token's hash is printf %s "$TOKEN" | sha256sum`},
			{Path: "tokens[0].role", Line: 4, Column: 11, Msg: `unknown role "boss"; allowed: agent, lead, counselor, crisis_owner, hr, admin`},
			{Path: "tokens[0].acts_as[0]", Line: 5, Column: 15, Msg: `"X" is not a role name: a lowercase letter, then lowercase letters, digits and underscores`}}},
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
	// A role no coaching policy declares is the policy's business, checked
	// when an event names it, not the token file's.
	set, problems := parseTokens([]byte(entry("counselor", "[no_such_role]")))
	if len(problems) != 0 {
		t.Fatalf("problems %v", problems)
	}
	if got := set.byHash[sha256.Sum256([]byte("t1"))].ActsAs; !reflect.DeepEqual(got, []string{"no_such_role"}) {
		t.Errorf("acts_as %q, want [no_such_role]", got)
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
				{Path: "tokens[1].extra", Line: 8, Column: 5, Msg: `unknown key "extra"; allowed: sha256, person, role, acts_as`},
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

// TestAuthenticate proves which Authorization headers authenticate, the
// scheme's name in any case, the exact problem of each that does not, and
// that each failure is counted by its reason and nothing of the token.
func TestAuthenticate(t *testing.T) {
	ts := newTestServer(t, withoutStore())
	const missing = "send a bearer token in the Authorization header"
	const unknown = "the token is not known"
	cases := []struct{ name, header, detail string }{
		{"no header", "", missing},
		{"another scheme", "Basic " + tokLead, missing},
		{"the scheme alone", "Bearer", missing},
		{"empty token", "Bearer ", missing},
		{"spaces only", "Bearer    ", missing},
		{"no space after the scheme", "Bearer" + tokLead, missing},
		{"a scheme that starts as bearer", "Bearerx " + tokLead, missing},
		{"the token alone", tokLead, missing},
		{"unknown token", "Bearer nope", unknown},
		{"a token in another case", "Bearer " + strings.ToUpper(tokLead), unknown},
		{"a token with a space after it", "Bearer " + tokLead + " ", unknown},
		{"the lead's token", "Bearer " + tokLead, ""},
		{"lower case scheme", "bearer " + tokLead, ""},
		{"upper case scheme", "BEARER " + tokLead, ""},
		{"mixed case scheme", "bEaReR " + tokLead, ""},
		{"two spaces", "Bearer  " + tokLead, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var hdr []string
			if c.header != "" {
				hdr = []string{"Authorization", c.header}
			}
			status, body, h := ts.do(t, "", "GET", "/v1/policies", nil, hdr...)
			if c.detail == "" {
				wantBody(t, status, body, 200, defaultPolicies)
				return
			}
			wantProblem(t, status, body, h, problem(401, "unauthorized", "Unauthorized", c.detail, "/v1/policies"))
		})
	}
	wantMetrics(t, ts, `
# HELP callfloor_auth_failures_total Requests refused 401, by reason: missing (no bearer token) or unknown (a token the token file does not list).
# TYPE callfloor_auth_failures_total counter
callfloor_auth_failures_total{reason="missing"} 8
callfloor_auth_failures_total{reason="unknown"} 3
`, "callfloor_auth_failures_total")
}

// TestAuthFailuresStartAtZero proves both reasons have a series before the
// first failure, so that an alert on them has one to read.
func TestAuthFailuresStartAtZero(t *testing.T) {
	ts := newTestServer(t, withoutStore())
	wantMetrics(t, ts, `
# HELP callfloor_auth_failures_total Requests refused 401, by reason: missing (no bearer token) or unknown (a token the token file does not list).
# TYPE callfloor_auth_failures_total counter
callfloor_auth_failures_total{reason="missing"} 0
callfloor_auth_failures_total{reason="unknown"} 0
`, "callfloor_auth_failures_total")
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
	f.Add([]byte("tokens:\n  - {sha256: " + hashOf("t") + ", person: a, role: hr, acts_as: [hr, supervisor]}\n"))
	f.Add([]byte("tokens:\n  - {sha256: " + hashOf("t") + ", person: a, role: agent, acts_as: [X, [y], x, x, {}]}\n"))
	f.Add([]byte("tokens:\n  - {sha256: " + hashOf("t") + ", person: a, role: lead, acts_as: []}\n"))
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

// FuzzAuthenticate: no Authorization header makes authentication panic;
// one authenticates exactly when it is the bearer scheme, in any case,
// then spaces, then a known token, and then it is that token's holder.
func FuzzAuthenticate(f *testing.F) {
	for _, h := range []string{"", "Bearer " + tokLead, "bearer " + tokHR, "BEARER  " + tokAgentA, "Bearer", "Bearer ", "Basic x", "Bearer \x00", "Bearer " + tokLead + " ", "\xffBearer " + tokLead} {
		f.Add(h)
	}
	ts := newTestServer(f, withoutStore())
	toks := ts.policies.Load().tokens
	f.Fuzz(func(t *testing.T, h string) {
		r := httptest.NewRequest("GET", "/v1/policies", nil)
		r.Header["Authorization"] = []string{h}
		who, err := ts.authenticate(r, toks)
		tok := ""
		if len(h) > len("Bearer ") && strings.EqualFold(h[:len("Bearer ")], "Bearer ") {
			tok = strings.TrimLeft(h[len("Bearer "):], " ")
		}
		want, known := testPrincipals[tok]
		if known != (err == nil) {
			t.Fatalf("%q: holder %+v, error %v; known token %v", h, who, err, known)
		}
		if known && !reflect.DeepEqual(who, want) {
			t.Fatalf("%q authenticates %+v, want %+v", h, who, want)
		}
		if err != nil {
			if p, ok := err.(*Problem); !ok || p.Status != 401 {
				t.Fatalf("%q: %v, want a 401 problem", h, err)
			}
		}
	})
}
