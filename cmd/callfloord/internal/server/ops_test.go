package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/cmd/callfloord/internal/store"
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
			Detail: "unknown field; allowed: kind, locale, version, roles, instruments, tiers, crisis, watch, cycles, causes, techniques, climate, practices, declarations, names"})
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

// TestReloadSwapsPoliciesAndTokensTogether reloads, again and again,
// between two sets of files, each a mood policy and a token file whose
// one token is not in the other, while requests run: a request the first
// set's token authenticates always runs under the first set's policy, and
// every scrape names one policy per kind.
func TestReloadSwapsPoliciesAndTokensTogether(t *testing.T) {
	ts := newTestServer(t, withoutStore(), withPolicy("mood.yaml", moodVersion(t, "m-1")))
	moodFile := filepath.Join(ts.cfg.PolicyDir, "mood.yaml")
	set := func(version, tok string) func() error {
		return func() error {
			toks := "tokens:\n  - sha256: " + hashOf(tok) + "\n    person: p." + tok + "\n    role: lead\n"
			if err := os.WriteFile(moodFile, []byte(moodVersion(t, version)), 0o600); err != nil {
				return err
			}
			if err := os.WriteFile(ts.cfg.TokenFile, []byte(toks), 0o600); err != nil {
				return err
			}
			return ts.Reload()
		}
	}
	first, second := set("m-1", "tok-first"), set("m-2", "tok-second")
	if err := first(); err != nil {
		t.Fatal(err)
	}
	const reloads = 60
	done := make(chan error, 1)
	go func() {
		for i := 0; i < reloads; i++ {
			step := second
			if i%2 == 1 {
				step = first
			}
			if err := step(); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	var served, scrapes int
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			running = false
		default:
		}
		for _, c := range []struct{ tok, version string }{{"tok-first", "m-1"}, {"tok-second", "m-2"}} {
			status, body, _ := ts.do(t, c.tok, "GET", "/v1/policies", nil)
			switch status {
			case http.StatusUnauthorized:
			case http.StatusOK:
				served++
				if !strings.Contains(string(body), `"kind":"mood","version":"`+c.version+`"`) {
					t.Fatalf("%s authenticated under another set's policy: %s", c.tok, body)
				}
			default:
				t.Fatalf("status %d: %s", status, body)
			}
		}
		mfs, err := ts.metrics.reg.Gather()
		if err != nil {
			t.Fatal(err)
		}
		scrapes++
		n := 0
		for _, mf := range mfs {
			if mf.GetName() == "callfloor_policy_info" {
				n = len(mf.GetMetric())
			}
		}
		if n != len(policyKinds) {
			t.Fatalf("a scrape during a reload names %d policies, want %d", n, len(policyKinds))
		}
	}
	if served == 0 || scrapes == 0 {
		t.Fatalf("%d requests served, %d scrapes: the test checked nothing", served, scrapes)
	}
}

// TestFailuresLogged proves that a request the service fails on its own
// side logs why, with the endpoint, and that refusals of the request, and
// the service's deliberate 503s, log no such line; no line holds the body.
func TestFailuresLogged(t *testing.T) {
	var buf syncBuffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey && len(groups) == 0 {
			return slog.Attr{}
		}
		return a
	}}))
	ts := newTestServer(t, withLogger(logger))
	ts.cfg.Store = failingGetStore{ts.store, errors.New("database disk image is malformed")}
	a := crisisAssessment(t, "a.li")

	status, _, _ := ts.do(t, tokLead, "GET", "/v1/coaching/cases/care%2Fa.li%2F20260302T090000Z", nil)
	if status != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", status)
	}
	ts.store.failAudits(errors.New("disk full"))
	status, _, _ = ts.do(t, tokCounselor, "POST", "/v1/mood/triage", a)
	if status != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503", status)
	}
	// Refusals of the request itself, and the stateless service's 503,
	// are no failure of the service.
	status, _, _ = ts.do(t, tokLead, "POST", "/v1/mood/triage", `{"agent":`)
	if status != http.StatusBadRequest {
		t.Fatalf("status %d, want 400", status)
	}
	nostore := newTestServer(t, withoutStore(), withLogger(logger))
	status, _, _ = nostore.do(t, tokCounselor, "POST", "/v1/mood/triage", a)
	if status != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503", status)
	}

	var failed []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if m["msg"] == "request failed" {
			failed = append(failed, m)
		}
	}
	want := []map[string]any{
		{"level": "ERROR", "msg": "request failed", "endpoint": "coaching.get", "status": float64(500), "error": "database disk image is malformed"},
		{"level": "ERROR", "msg": "request failed", "endpoint": "mood.triage", "status": float64(503),
			"error": "Audit trail unavailable: the read could not be written to the audit trail, so it is refused\ndisk full"},
	}
	if !reflect.DeepEqual(failed, want) {
		t.Errorf("failure lines:\n got %v\nwant %v", failed, want)
	}
	for _, w := range []string{"looked exhausted", "screenings", "answers"} {
		if strings.Contains(buf.String(), w) {
			t.Errorf("the log holds %q: %s", w, buf.String())
		}
	}
}

// failingGetStore is a store whose Get fails with err.
type failingGetStore struct {
	*recordingStore
	err error
}

func (f failingGetStore) Get(context.Context, store.Kind, string) (store.Record, error) {
	return store.Record{}, f.err
}

// syncBuffer is a buffer the log handler and the test may share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestRequestKeepsWhatWasInForce proves that a request that came in before
// a reload is authenticated with the tokens, and served under the
// policies, that were in force when it came in, never with one set's
// tokens under the other's policies.
func TestRequestKeepsWhatWasInForce(t *testing.T) {
	ts := newTestServer(t, withoutStore(), withPolicy("mood.yaml", moodVersion(t, "m-1")),
		withToken("tok-first", "p.first", RoleLead, ""))
	before := ts.policies.Load()
	moodFile := filepath.Join(ts.cfg.PolicyDir, "mood.yaml")
	if err := os.WriteFile(moodFile, []byte(moodVersion(t, "m-2")), 0o600); err != nil {
		t.Fatal(err)
	}
	toks := "tokens:\n  - sha256: " + hashOf("tok-second") + "\n    person: p.second\n    role: lead\n"
	if err := os.WriteFile(ts.cfg.TokenFile, []byte(toks), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := ts.Reload(); err != nil {
		t.Fatal(err)
	}
	var rt *route
	for _, r := range opsRoutes {
		if r.name == "policies" {
			rt = &r
		}
	}
	call := func(tok string, in *inForce) (int, any, error) {
		r := httptest.NewRequest("GET", "/v1/policies", nil)
		r.Header.Set("Authorization", "Bearer "+tok)
		return ts.call(&request{s: ts.Server, r: r, w: httptest.NewRecorder(), pol: in, route: rt})
	}
	moodOf := func(body any) string {
		for _, p := range body.(policiesBody).Policies {
			if p.Kind == "mood" {
				return p.Version
			}
		}
		return ""
	}
	cases := []struct {
		name, tok string
		in        *inForce
		version   string
	}{
		{"before the reload, its token", "tok-first", before, "m-1"},
		{"before the reload, the new token", "tok-second", before, ""},
		{"after the reload, the new token", "tok-second", ts.policies.Load(), "m-2"},
		{"after the reload, the old token", "tok-first", ts.policies.Load(), ""},
	}
	for _, c := range cases {
		status, body, err := call(c.tok, c.in)
		if c.version == "" {
			if p, ok := err.(*Problem); !ok || p.Status != http.StatusUnauthorized {
				t.Errorf("%s: %d %v, want 401", c.name, status, err)
			}
			continue
		}
		if err != nil || status != http.StatusOK || moodOf(body) != c.version {
			t.Errorf("%s: %d %v %+v, want 200 under mood %s", c.name, status, err, body, c.version)
		}
	}
}
