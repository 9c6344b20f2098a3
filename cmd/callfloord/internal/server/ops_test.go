package server

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

func TestHealthz(t *testing.T) {
	ts := newTestServer(t, withoutStore())
	status, body, _ := ts.do(t, "", "GET", "/healthz", nil)
	wantBody(t, status, body, 200, `{"status":"ok"}`)
}

// pingStore is a store whose Ping returns err.
type pingStore struct {
	*recordingStore
	err error
}

func (p pingStore) Ping(context.Context) error { return p.err }

func TestReadyz(t *testing.T) {
	t.Run("stateless", func(t *testing.T) {
		ts := newTestServer(t, withoutStore())
		status, body, _ := ts.do(t, "", "GET", "/readyz", nil)
		wantBody(t, status, body, 200, `{"status":"ready","store":"none"}`)
	})
	t.Run("store answers", func(t *testing.T) {
		ts := newTestServer(t)
		status, body, _ := ts.do(t, "", "GET", "/readyz", nil)
		wantBody(t, status, body, 200, `{"status":"ready","store":"ok"}`)
	})
	t.Run("store down", func(t *testing.T) {
		ts := newTestServer(t)
		ts.cfg.Store = pingStore{ts.store, errors.New("dial tcp 10.0.0.5:5432: connection refused")}
		status, body, h := ts.do(t, "", "GET", "/readyz", nil)
		wantProblem(t, status, body, h, problem(503, "store-unavailable", "Store unavailable",
			"the store does not answer; stored endpoints and audited reads are refused until it does", "/readyz"))
	})
}

// defaultPolicies is the listing of the packages' default policies.
var defaultPolicies = func() string {
	entry := func(kind string, id callfloor.Identity) string {
		return `{"kind":"` + kind + `","version":"` + id.Version + `","hash":"` + id.Hash + `"}`
	}
	return `{"policies":[` + entry("coaching", coaching.DefaultPolicy().Identity()) + "," +
		entry("incentives", incentives.DefaultPolicy().Identity()) + "," +
		entry("mood", mood.DefaultPolicy().Identity()) + "," +
		entry("qa", qa.DefaultPolicy().Identity()) + `]}`
}()

// defaultInfo is the policy_info line of a kind running its default.
func defaultInfo(kind string, id callfloor.Identity) string {
	return `callfloor_policy_info{file="",hash="` + id.Hash + `",kind="` + kind + `",version="` + id.Version + `"} 1` + "\n"
}

func TestPoliciesEveryRole(t *testing.T) {
	ts := newTestServer(t, withoutStore())
	for _, tok := range testTokens {
		status, body, _ := ts.do(t, tok, "GET", "/v1/policies", nil)
		wantBody(t, status, body, 200, defaultPolicies)
	}
}

func TestAdminReload(t *testing.T) {
	ts := newTestServer(t, withoutStore(), withPolicy("mood.yaml", moodVersion(t, "m-1")))
	moodFile := filepath.Join(ts.cfg.PolicyDir, "mood.yaml")
	hashOf := func() string { return ts.Policies().Mood.Identity().Hash }
	oldHash := hashOf()
	listing := func(version, hash string) string {
		moodID := mood.DefaultPolicy().Identity()
		return strings.Replace(defaultPolicies, `{"kind":"mood","version":"`+moodID.Version+`","hash":"`+moodID.Hash+`"}`,
			`{"kind":"mood","version":"`+version+`","hash":"`+hash+`","file":"`+moodFile+`"}`, 1)
	}
	status, body, _ := ts.do(t, tokLead, "GET", "/v1/policies", nil)
	wantBody(t, status, body, 200, listing("m-1", oldHash))

	// A broken policy: 422 with its problem's file, line and column, and
	// the running policy stays.
	broken := moodVersion(t, "m-2") + "bogus: 1\n"
	if err := os.WriteFile(moodFile, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	status, body, h := ts.do(t, tokAdmin, "POST", "/v1/admin/reload", "")
	want := problem(422, "invalid-policy", "Invalid policy or token file", "1 problem; the running policies and tokens stay in force", "/v1/admin/reload",
		FieldError{Field: "bogus", Kind: "invalid", File: moodFile, Line: lineCount(broken), Column: 1,
			Detail: "unknown field; allowed: kind, locale, version, roles, instruments, tiers, crisis, watch, cycles, causes, techniques, climate, practices, declarations"})
	wantProblem(t, status, body, h, want)
	status, body, _ = ts.do(t, tokLead, "GET", "/v1/policies", nil)
	wantBody(t, status, body, 200, listing("m-1", oldHash))

	// Fixed: the new policy runs.
	if err := os.WriteFile(moodFile, []byte(moodVersion(t, "m-2")), 0o600); err != nil {
		t.Fatal(err)
	}
	status, body, _ = ts.do(t, tokAdmin, "POST", "/v1/admin/reload", "")
	newHash := hashOf()
	if newHash == oldHash {
		t.Fatal("the reload left the old policy running")
	}
	wantBody(t, status, body, 200, listing("m-2", newHash))

	wantMetrics(t, ts, `
# HELP callfloor_policy_info The policy running for each kind: its declared version, source hash and file (empty for the package default); always 1.
# TYPE callfloor_policy_info gauge
`+defaultInfo("coaching", coaching.DefaultPolicy().Identity())+
		defaultInfo("incentives", incentives.DefaultPolicy().Identity())+
		defaultInfo("qa", qa.DefaultPolicy().Identity())+`callfloor_policy_info{file="`+moodFile+`",hash="`+newHash+`",kind="mood",version="m-2"} 1
# HELP callfloor_reloads_total Reloads of the policies and tokens, by result (success or failure).
# TYPE callfloor_reloads_total counter
callfloor_reloads_total{result="failure"} 1
callfloor_reloads_total{result="success"} 1
`, "callfloor_policy_info", "callfloor_reloads_total")
}

func TestAdminReloadTokens(t *testing.T) {
	ts := newTestServer(t, withoutStore())
	hdr := "tokens:\n  - sha256: " + hashOf(tokAdmin) + "\n    person: d.admin\n    role: admin\n"
	if err := os.WriteFile(ts.cfg.TokenFile, []byte(hdr+"  - sha256: "+hashOf("new")+"\n    person: n.ew\n    role: lead\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	status, _, _ := ts.do(t, "new", "GET", "/v1/policies", nil)
	if status != 401 {
		t.Fatalf("a token not yet loaded: status %d, want 401", status)
	}
	status, body, _ := ts.do(t, tokAdmin, "POST", "/v1/admin/reload", "")
	wantBody(t, status, body, 200, defaultPolicies)
	status, body, _ = ts.do(t, "new", "GET", "/v1/policies", nil)
	wantBody(t, status, body, 200, defaultPolicies)
	status, _, _ = ts.do(t, tokLead, "GET", "/v1/policies", nil)
	if status != 401 {
		t.Errorf("a token the new file no longer holds: status %d, want 401", status)
	}

	if err := os.WriteFile(ts.cfg.TokenFile, []byte(hdr+"  - sha256: x\n    person: b\n    role: agent\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	status, body, h := ts.do(t, tokAdmin, "POST", "/v1/admin/reload", "")
	wantProblem(t, status, body, h, problem(422, "invalid-policy", "Invalid policy or token file", "1 problem; the running policies and tokens stay in force", "/v1/admin/reload",
		FieldError{Field: "tokens[1].sha256", Kind: "invalid", File: ts.cfg.TokenFile, Line: 5, Column: 13,
			Detail: `is not 64 hexadecimal digits; a token's hash is printf %s "$TOKEN" | sha256sum`}))
	status, _, _ = ts.do(t, "new", "GET", "/v1/policies", nil)
	if status != 200 {
		t.Errorf("after a failed reload the running tokens must stay: status %d, want 200", status)
	}
}

func TestAdminReloadRefused(t *testing.T) {
	ts := newTestServer(t, withoutStore())
	for _, tok := range testTokens[:len(testTokens)-1] {
		status, body, h := ts.do(t, tok, "POST", "/v1/admin/reload", "")
		wantProblem(t, status, body, h, roleProblem("/v1/admin/reload", testPrincipals[tok].Role, "admin.reload"))
	}
	status, body, h := ts.do(t, tokAdmin, "POST", "/v1/admin/reload", "", "Content-Type", "text/plain")
	wantProblem(t, status, body, h, problem(http.StatusUnsupportedMediaType, "unsupported-media-type", "Unsupported media type",
		"a request body is JSON: send Content-Type: application/json", "/v1/admin/reload"))
}

// wantMetrics fails the test unless the named metrics of ts are exactly
// want, in Prometheus's text format.
func wantMetrics(t testing.TB, ts *testServer, want string, names ...string) {
	t.Helper()
	if err := testutil.GatherAndCompare(ts.metrics.reg, strings.NewReader(want), names...); err != nil {
		t.Error(err)
	}
}
