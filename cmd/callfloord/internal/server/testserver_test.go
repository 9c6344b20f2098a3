package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/cmd/callfloord/internal/store"
)

// The bearer tokens of the test token file: two agents and one holder of
// every other role.
const (
	tokAgentA    = "tok-agent-a"
	tokAgentB    = "tok-agent-b"
	tokLead      = "tok-lead"
	tokCounselor = "tok-counselor"
	tokCrisis    = "tok-crisis"
	tokHR        = "tok-hr"
	tokAdmin     = "tok-admin"
)

// testTokens lists the test tokens in role order, agent a before agent b.
var testTokens = []string{tokAgentA, tokAgentB, tokLead, tokCounselor, tokCrisis, tokHR, tokAdmin}

// testPrincipals is who holds each test token.
var testPrincipals = map[string]Principal{
	tokAgentA:    {Person: "a.li", Role: RoleAgent},
	tokAgentB:    {Person: "b.wu", Role: RoleAgent},
	tokLead:      {Person: "l.chen", Role: RoleLead},
	tokCounselor: {Person: "c.zhao", Role: RoleCounselor},
	tokCrisis:    {Person: "k.sun", Role: RoleCrisisOwner},
	tokHR:        {Person: "h.ma", Role: RoleHR},
	tokAdmin:     {Person: "d.admin", Role: RoleAdmin},
}

// testNow is the test server's clock, which never moves.
var testNow = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

// testServer is a Server over a temporary token file and, unless the test
// asks for none, a SQLite store in a temporary directory whose audit trail
// the test can read.
type testServer struct {
	*Server
	// store is nil for a server without a store.
	store *recordingStore
}

// testConfig is what the options of newTestServer set.
type testConfig struct {
	noStore  bool
	policies map[string]string
	maxBody  int64
	tokens   []string
	logger   *slog.Logger
}

// testOption changes how newTestServer builds its server.
type testOption func(*testConfig)

// withoutStore runs the server stateless, as one started without a
// database.
func withoutStore() testOption { return func(c *testConfig) { c.noStore = true } }

// withPolicy adds a policy file, name (as "mood.yaml") holding src, to the
// server's policy directory; kinds no file names run their defaults.
func withPolicy(name, src string) testOption {
	return func(c *testConfig) {
		if c.policies == nil {
			c.policies = map[string]string{}
		}
		c.policies[name] = src
	}
}

// withMaxBody bounds request bodies to n bytes.
func withMaxBody(n int64) testOption { return func(c *testConfig) { c.maxBody = n } }

// withToken adds an entry to the token file after the test tokens: the
// token tok, held by person in role, acting as actsAs in coaching events
// ("" leaves acts_as out, as "[hr, supervisor]" lists two).
func withToken(tok, person string, role Role, actsAs string) testOption {
	return func(c *testConfig) {
		e := fmt.Sprintf("  - sha256: %s\n    person: %s\n    role: %s\n", hashOf(tok), person, role)
		if actsAs != "" {
			e += "    acts_as: " + actsAs + "\n"
		}
		c.tokens = append(c.tokens, e)
	}
}

// withLogger sends the server's logs to l.
func withLogger(l *slog.Logger) testOption { return func(c *testConfig) { c.logger = l } }

// newTestServer builds a server for a test; everything it makes is
// removed when the test ends.
func newTestServer(t testing.TB, opts ...testOption) *testServer {
	t.Helper()
	var c testConfig
	for _, o := range opts {
		o(&c)
	}
	dir := t.TempDir()
	tokenFile := filepath.Join(dir, "tokens.yaml")
	if err := os.WriteFile(tokenFile, append(testTokenFile(), strings.Join(c.tokens, "")...), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := Config{TokenFile: tokenFile, Now: func() time.Time { return testNow }, MaxBody: c.maxBody, Logger: c.logger}
	if len(c.policies) > 0 {
		cfg.PolicyDir = filepath.Join(dir, "policies")
		if err := os.Mkdir(cfg.PolicyDir, 0o700); err != nil {
			t.Fatal(err)
		}
		for name, src := range c.policies {
			if err := os.WriteFile(filepath.Join(cfg.PolicyDir, name), []byte(src), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	ts := &testServer{}
	if !c.noStore {
		st, err := store.Open(context.Background(), "sqlite:"+filepath.Join(dir, "state.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		ts.store = &recordingStore{Store: st}
		cfg.Store = ts.store
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts.Server = s
	return ts
}

// testTokenFile is the token file of the test tokens, holding their
// SHA-256 as the service expects.
func testTokenFile() []byte {
	var b strings.Builder
	b.WriteString("tokens:\n")
	for _, tok := range testTokens {
		p := testPrincipals[tok]
		sum := sha256.Sum256([]byte(tok))
		fmt.Fprintf(&b, "  - sha256: %s\n    person: %s\n    role: %s\n", hex.EncodeToString(sum[:]), p.Person, p.Role)
	}
	return []byte(b.String())
}

// do sends one request to the server's handler and returns the response's
// status, body and header. token "" sends no Authorization header. body
// nil sends none; a []byte or string is sent as it is; anything else as
// its JSON. A request with a body says Content-Type: application/json
// unless header, name and value pairs set on the request, says otherwise.
func (ts *testServer) do(t testing.TB, token, method, path string, body any, header ...string) (int, []byte, http.Header) {
	t.Helper()
	var rd *bytes.Reader
	switch b := body.(type) {
	case nil:
		rd = bytes.NewReader(nil)
	case []byte:
		rd = bytes.NewReader(b)
	case string:
		rd = bytes.NewReader([]byte(b))
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(buf)
	}
	req := httptest.NewRequest(method, path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if len(header)%2 != 0 {
		t.Fatalf("do: header %q is not name and value pairs", header)
	}
	for i := 0; i < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	ts.Handler().ServeHTTP(rec, req)
	return rec.Code, rec.Body.Bytes(), rec.Header()
}

// audits is the audit trail written so far; nil for a server without a
// store.
func (ts *testServer) audits() []store.AuditEntry {
	if ts.store == nil {
		return nil
	}
	return ts.store.audits()
}

// recordingStore is a Store that keeps a copy of every audit entry written
// through it, and can be made to fail the writing.
type recordingStore struct {
	store.Store
	mu      sync.Mutex
	entries []store.AuditEntry
	// auditErr, when set, is what Audit returns, writing nothing.
	auditErr error
}

// Audit records e, then writes it to the store underneath.
func (r *recordingStore) Audit(ctx context.Context, e store.AuditEntry) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.auditErr != nil {
		return r.auditErr
	}
	if err := r.Store.Audit(ctx, e); err != nil {
		return err
	}
	r.entries = append(r.entries, e)
	return nil
}

// failAudits makes every later Audit return err.
func (r *recordingStore) failAudits(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.auditErr = err
}

// audits returns the entries written so far, oldest first.
func (r *recordingStore) audits() []store.AuditEntry {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]store.AuditEntry(nil), r.entries...)
}

// wantAudits fails the test unless the audit trail is exactly want.
func wantAudits(t testing.TB, ts *testServer, want ...store.AuditEntry) {
	t.Helper()
	got := ts.audits()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("audit trail:\n got %+v\nwant %+v", got, want)
	}
}

// auditOf is the audit entry the test server writes when the holder of
// token reads subject's data through the endpoint named action, stating
// purpose.
func auditOf(token, action, subject, purpose string) store.AuditEntry {
	p := testPrincipals[token]
	return store.AuditEntry{At: testNow, Person: p.Person, Role: string(p.Role), Action: action, Subject: subject, Purpose: purpose}
}

// mustJSON is v's JSON, as the server writes it.
func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wantBody fails the test unless the response is status with a JSON body
// equal, byte for byte once compacted, to want: a []byte or string of
// JSON, or a value whose JSON it must be.
func wantBody(t testing.TB, status int, body []byte, wantStatus int, want any) {
	t.Helper()
	var w []byte
	switch v := want.(type) {
	case []byte:
		w = v
	case string:
		w = []byte(v)
	default:
		w = mustJSON(t, v)
	}
	if status != wantStatus {
		t.Errorf("status %d, want %d; body %s", status, wantStatus, body)
	}
	if got, exp := compactJSON(t, body), compactJSON(t, w); got != exp {
		t.Errorf("body:\n got %s\nwant %s", got, exp)
	}
}

func compactJSON(t testing.TB, b []byte) string {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		t.Fatalf("not JSON: %v: %s", err, b)
	}
	return buf.String()
}

// wantProblem fails the test unless the response is exactly the problem
// want, with its status, content type and instance.
func wantProblem(t testing.TB, status int, body []byte, hdr http.Header, want *Problem) {
	t.Helper()
	if ct := hdr.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type %q, want application/problem+json", ct)
	}
	wantBody(t, status, body, want.Status, want)
}

// problem builds the problem document a request to path must answer. Its
// instance is the path as the client sent it, escaped: a dispute id's
// "%2F" stays one segment, so the instance names the same resource.
func problem(status int, name, title, detail, path string, errs ...FieldError) *Problem {
	u, err := url.Parse(path)
	if err != nil {
		panic(err)
	}
	return &Problem{Type: ProblemBase + name, Title: title, Status: status, Detail: detail, Instance: u.EscapedPath(), Errors: errs}
}

// inputProblemAt is the 422 of one library input error, err, reported on
// field of the request body with the kind given: its message is the
// library's own, its field and kind the ones the API promises.
func inputProblemAt(t testing.TB, path, field, kind string, err error) *Problem {
	t.Helper()
	ie, ok := err.(*callfloor.InputError)
	if !ok {
		t.Fatalf("expected an *InputError from the library, got %T %v", err, err)
	}
	if ie.Kind.String() != kind {
		t.Errorf("the library reports %v as %s, want %s", ie, ie.Kind, kind)
	}
	moved := *ie
	moved.Field = callfloor.Path(field)
	return problem(http.StatusUnprocessableEntity, "invalid-input", "Invalid input", moved.Error(), path,
		FieldError{Field: field, Kind: kind, Detail: ie.Msg})
}

// bodyProblem is the 422 of a body whose field does not fit the type the
// endpoint reads, as the service words it.
func bodyProblem(path, field, kind, detail string) *Problem {
	return problem(http.StatusUnprocessableEntity, "invalid-input", "Invalid input", field+": "+detail, path,
		FieldError{Field: field, Kind: kind, Detail: detail})
}

// forbiddenProblem is the 403 of a value the caller may not send or read.
func forbiddenProblem(path, field, detail string) *Problem {
	p := problem(http.StatusForbidden, "forbidden", "Forbidden", detail, path)
	if field != "" {
		p.Errors = []FieldError{{Field: field, Kind: "forbidden", Detail: detail}}
	}
	return p
}

// roleProblem is the 403 of a role that may not call the endpoint.
func roleProblem(path string, r Role, endpoint string) *Problem {
	return problem(http.StatusForbidden, "forbidden", "Forbidden", fmt.Sprintf("role %s may not call %s", r, endpoint), path)
}

// objectKeys lists the names of a JSON object's members, sorted.
func objectKeys(t testing.TB, b []byte) []string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("not a JSON object: %v: %s", err, b)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
