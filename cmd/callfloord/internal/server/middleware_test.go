package server

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// clock is a test clock that moves only when told.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// logged is a server whose log lines the test reads.
type logged struct {
	*testServer
	buf   *bytes.Buffer
	clock *clock
}

// newLoggedServer is a stateless server logging into a buffer, with a
// clock the test moves and the rate limit given.
func newLoggedServer(t *testing.T, perSecond float64, burst int) *logged {
	t.Helper()
	file := filepath.Join(t.TempDir(), "tokens.yaml")
	if err := os.WriteFile(file, testTokenFile(), 0o600); err != nil {
		t.Fatal(err)
	}
	buf := &bytes.Buffer{}
	log := slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey && len(groups) == 0 {
			return slog.Attr{}
		}
		return a
	}}))
	c := &clock{now: testNow}
	s, err := New(Config{TokenFile: file, Logger: log, Now: c.Now, Rate: perSecond, Burst: burst})
	if err != nil {
		t.Fatal(err)
	}
	return &logged{testServer: &testServer{Server: s}, buf: buf, clock: c}
}

// lines are the log lines written so far, each decoded.
func (l *logged) lines(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, ln := range strings.Split(strings.TrimSpace(l.buf.String()), "\n") {
		if ln == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(ln), &m); err != nil {
			t.Fatalf("log line %q: %v", ln, err)
		}
		delete(m, "stack")
		out = append(out, m)
	}
	return out
}

func TestRequestLogLine(t *testing.T) {
	ls := newLoggedServer(t, 0, 0)
	ls.do(t, tokLead, "GET", "/v1/policies", nil)
	ls.do(t, "", "GET", "/healthz", nil)
	ls.do(t, "nope", "GET", "/v1/policies", nil)
	want := []map[string]any{
		{"level": "INFO", "msg": "request", "method": "GET", "endpoint": "policies", "status": 200.0, "duration": 0.0, "person": "l.chen", "role": "lead"},
		{"level": "INFO", "msg": "request", "method": "GET", "endpoint": "healthz", "status": 200.0, "duration": 0.0},
		{"level": "INFO", "msg": "request", "method": "GET", "endpoint": "policies", "status": 401.0, "duration": 0.0},
	}
	if got := ls.lines(t); !reflect.DeepEqual(got, want) {
		t.Errorf("log lines:\n got %v\nwant %v", got, want)
	}
}

func TestRequestLogHoldsNoBody(t *testing.T) {
	ls := newLoggedServer(t, 0, 0)
	body := `{"agent":"a.li","instrument":"phq9","answers":[3,3,3,3,3,3,3,3,3],"at":"2026-03-01T09:00:00Z"}`
	status, _, _ := ls.do(t, tokAgentA, "POST", "/v1/mood/screenings", body)
	lines := ls.lines(t)
	if len(lines) != 1 {
		t.Fatalf("%d log lines, want 1: %s", len(lines), ls.buf)
	}
	level := "INFO"
	if status >= 500 {
		level = "ERROR"
	}
	want := map[string]any{"level": level, "msg": "request", "method": "POST", "endpoint": "mood.score", "status": float64(status), "duration": 0.0, "person": "a.li", "role": "agent"}
	if !reflect.DeepEqual(lines[0], want) {
		t.Errorf("log line %v, want %v", lines[0], want)
	}
	for _, secret := range []string{"phq9", "3,3", "answers", "2026-03-01"} {
		if strings.Contains(ls.buf.String(), secret) {
			t.Errorf("the log holds %q of the body: %s", secret, ls.buf)
		}
	}
}

// withRoute serves rt on ls beside the service's own routes.
func (l *logged) withRoute(rt route) {
	l.mux.Handle(rt.method+" "+rt.path, l.serve(&rt))
}

func TestPanicIsA500(t *testing.T) {
	ls := newLoggedServer(t, 0, 0)
	ls.withRoute(route{method: "GET", path: "/test/panic", name: "test.panic", roles: Roles(), handle: func(q *request) (int, any, error) {
		panic("PHQ-9 total 27 for a.li")
	}})
	ls.withRoute(route{method: "GET", path: "/test/index", name: "test.index", handle: func(q *request) (int, any, error) {
		var xs []int
		return 200, xs[3], nil
	}})
	status, body, h := ls.do(t, tokCounselor, "GET", "/test/panic", nil)
	wantProblem(t, status, body, h, problem(500, "internal", "Internal error", "", "/test/panic"))
	status, body, h = ls.do(t, "", "GET", "/test/index", nil)
	wantProblem(t, status, body, h, problem(500, "internal", "Internal error", "", "/test/index"))

	want := []map[string]any{
		{"level": "ERROR", "msg": "panic", "endpoint": "test.panic", "panic": "string"},
		{"level": "ERROR", "msg": "request", "method": "GET", "endpoint": "test.panic", "status": 500.0, "duration": 0.0, "person": "c.zhao", "role": "counselor"},
		{"level": "ERROR", "msg": "panic", "endpoint": "test.index", "panic": "runtime error: index out of range [3] with length 0"},
		{"level": "ERROR", "msg": "request", "method": "GET", "endpoint": "test.index", "status": 500.0, "duration": 0.0},
	}
	if got := ls.lines(t); !reflect.DeepEqual(got, want) {
		t.Errorf("log lines:\n got %v\nwant %v", got, want)
	}
	if strings.Contains(ls.buf.String(), "PHQ-9 total") {
		t.Errorf("the log holds the panic's value: %s", ls.buf)
	}
	wantMetrics(t, ls.testServer, `
# HELP callfloor_panics_total Requests whose handler panicked; each was answered 500.
# TYPE callfloor_panics_total counter
callfloor_panics_total 2
# HELP callfloor_requests_total Requests answered, by endpoint name and HTTP status.
# TYPE callfloor_requests_total counter
callfloor_requests_total{code="500",endpoint="test.index"} 1
callfloor_requests_total{code="500",endpoint="test.panic"} 1
`, "callfloor_panics_total", "callfloor_requests_total")
}

func TestRateLimit(t *testing.T) {
	ls := newLoggedServer(t, 1, 2)
	get := func(tok string) (int, []byte, http.Header) { return ls.do(t, tok, "GET", "/v1/policies", nil) }
	for i := 0; i < 2; i++ {
		if status, body, _ := get(tokLead); status != 200 {
			t.Fatalf("request %d within the burst: %d %s", i, status, body)
		}
	}
	status, body, h := get(tokLead)
	want := problem(429, "rate-limited", "Too many requests", "l.chen may make 1 requests a second, 2 at once; retry in 1 s", "/v1/policies")
	wantProblem(t, status, body, h, want)
	if got := h.Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After %q, want 1", got)
	}
	if status, _, _ := get(tokHR); status != 200 {
		t.Errorf("another holder was limited too: %d", status)
	}
	// Nor are requests without a token limited.
	for i := 0; i < 5; i++ {
		if status, _, _ := ls.do(t, "", "GET", "/healthz", nil); status != 200 {
			t.Fatalf("healthz %d: %d", i, status)
		}
	}
	ls.clock.advance(999 * time.Millisecond)
	if status, _, _ := get(tokLead); status != 429 {
		t.Errorf("a millisecond before a token comes back: %d, want 429", status)
	}
	ls.clock.advance(time.Millisecond)
	if status, _, _ := get(tokLead); status != 200 {
		t.Errorf("once a token came back: %d, want 200", status)
	}
	wantMetrics(t, ls.testServer, `
# HELP callfloor_rate_limited_total Requests refused 429 because their token holder went over the rate.
# TYPE callfloor_rate_limited_total counter
callfloor_rate_limited_total 2
`, "callfloor_rate_limited_total")
}

func TestRetryAfterRoundsUp(t *testing.T) {
	l := newLimiter(0.4, 1)
	if ok, _ := l.allow("a", testNow); !ok {
		t.Fatal("the first request was refused")
	}
	ok, retry := l.allow("a", testNow)
	if ok || retry != 2500*time.Millisecond {
		t.Errorf("allow = %v, %v; want false, 2.5s", ok, retry)
	}
	ls := newLoggedServer(t, 0.4, 1)
	ls.do(t, tokLead, "GET", "/v1/policies", nil)
	if _, _, h := ls.do(t, tokLead, "GET", "/v1/policies", nil); h.Get("Retry-After") != "3" {
		t.Errorf("Retry-After %q, want 3", h.Get("Retry-After"))
	}
}

func TestLimiterForgetsIdleHolders(t *testing.T) {
	l := newLimiter(10, 20) // a bucket fills in 2 s
	for i, h := range []string{"a", "b", "c"} {
		l.allow(h, testNow.Add(time.Duration(i)*time.Millisecond))
	}
	if l.size() != 3 {
		t.Fatalf("%d holders, want 3", l.size())
	}
	l.allow("d", testNow.Add(2*time.Second+time.Millisecond))
	if l.size() != 2 {
		t.Errorf("after 2 s: %d holders, want 2 (c, a millisecond short of full, and d)", l.size())
	}
	l.allow("d", testNow.Add(4*time.Second+2*time.Millisecond))
	if l.size() != 1 {
		t.Errorf("after 4 s: %d holders, want 1", l.size())
	}
	// A holder forgotten starts with a full bucket, as it would have had.
	for i := 0; i < 20; i++ {
		if ok, _ := l.allow("a", testNow.Add(5*time.Second)); !ok {
			t.Fatalf("request %d of a full bucket refused", i)
		}
	}
}

func TestNoLimiterAllowsAll(t *testing.T) {
	var l *limiter = newLimiter(0, 0)
	for i := 0; i < 1000; i++ {
		if ok, _ := l.allow("a", testNow); !ok {
			t.Fatal("a zero rate limited requests")
		}
	}
}

func TestUnmatched(t *testing.T) {
	ls := newLoggedServer(t, 0, 0)
	status, body, h := ls.do(t, "", "GET", "/v1/nothing", nil)
	wantProblem(t, status, body, h, problem(404, "not-found", "Not found", "no endpoint has this path", "/v1/nothing"))
	status, body, h = ls.do(t, "", "DELETE", "/v1/policies", nil)
	wantProblem(t, status, body, h, problem(405, "method-not-allowed", "Method not allowed", "this path takes GET, HEAD", "/v1/policies"))
	if h.Get("Allow") != "GET, HEAD" {
		t.Errorf("Allow %q, want GET, HEAD", h.Get("Allow"))
	}
}

func TestPostMustBeJSON(t *testing.T) {
	ls := newLoggedServer(t, 0, 0)
	for _, ct := range []string{"", "text/plain", "application/x-www-form-urlencoded", "application/jsonx"} {
		req := httptest.NewRequest("POST", "/v1/admin/reload", strings.NewReader("{}"))
		req.Header.Set("Authorization", "Bearer "+tokAdmin)
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		rec := httptest.NewRecorder()
		ls.Handler().ServeHTTP(rec, req)
		wantProblem(t, rec.Code, rec.Body.Bytes(), rec.Header(), problem(415, "unsupported-media-type", "Unsupported media type",
			"a request body is JSON: send Content-Type: application/json", "/v1/admin/reload"))
	}
	status, _, _ := ls.do(t, tokAdmin, "POST", "/v1/admin/reload", "", "Content-Type", "application/json; charset=utf-8")
	if status != 200 {
		t.Errorf("application/json with a charset: %d, want 200", status)
	}
}

// TestUncleanPath: a path http.ServeMux would redirect to its clean form
// is a 404 problem naming that form, counted and logged as unmatched; no
// request, a POST least of all, is redirected. A trailing slash is no
// unclean path: no endpoint has one.
func TestUncleanPath(t *testing.T) {
	cases := []struct{ method, path, clean string }{
		{"GET", "//v1/policies", "/v1/policies"},
		{"GET", "/v1/./policies", "/v1/policies"},
		{"GET", "/v1/coaching/../policies", "/v1/policies"},
		{"POST", "/v1/admin//reload", "/v1/admin/reload"},
		{"POST", "/v1/coaching/cases/x/../../cases", "/v1/coaching/cases"},
		{"GET", "/healthz/.", "/healthz"},
		{"GET", "/v1/policies/", "/v1/policies/"},
	}
	ls := newLoggedServer(t, 0, 0)
	var lines []map[string]any
	for _, c := range cases {
		status, body, h := ls.do(t, tokAdmin, c.method, c.path, "{}")
		want := &Problem{Type: ProblemBase + "not-found", Title: "Not found", Status: 404,
			Detail: "no endpoint has this path; the path in clean form is " + c.clean, Instance: c.path}
		if c.clean == c.path {
			want.Detail = "no endpoint has this path"
		}
		wantProblem(t, status, body, h, want)
		if loc := h.Get("Location"); loc != "" {
			t.Errorf("%s %s: Location %q, want none", c.method, c.path, loc)
		}
		lines = append(lines, map[string]any{"level": "INFO", "msg": "request", "method": c.method, "endpoint": "unmatched", "status": 404.0, "duration": 0.0})
	}
	if got := ls.lines(t); !reflect.DeepEqual(got, lines) {
		t.Errorf("log lines:\n got %v\nwant %v", got, lines)
	}
	wantMetrics(t, ls.testServer, `
# HELP callfloor_requests_total Requests answered, by endpoint name and HTTP status.
# TYPE callfloor_requests_total counter
callfloor_requests_total{code="404",endpoint="unmatched"} 7
`, "callfloor_requests_total")

	// A clean path with an escaped slash in a segment is served as it is.
	status, body, h := ls.do(t, tokLead, "GET", "/v1/coaching/cases/a%2F..%2Fb", nil)
	wantProblem(t, status, body, h, problem(503, "no-store", "No store",
		"the service runs without a store; this endpoint keeps state", "/v1/coaching/cases/a%2F..%2Fb"))
}

// TestRequestDeadline: every request runs under a deadline of
// RequestTimeout, DefaultRequestTimeout when the configuration gives none.
func TestRequestDeadline(t *testing.T) {
	for _, c := range []struct {
		set, want time.Duration
	}{{0, DefaultRequestTimeout}, {-time.Second, DefaultRequestTimeout}, {3 * time.Second, 3 * time.Second}} {
		ts := newServerOver(t, nil, c.set)
		var left time.Duration
		var ok bool
		rt := route{method: "GET", path: "/test/deadline", name: "test.deadline", handle: func(q *request) (int, any, error) {
			var deadline time.Time
			deadline, ok = q.ctx().Deadline()
			left = time.Until(deadline)
			return 200, nil, nil
		}}
		ts.mux.Handle(rt.method+" "+rt.path, ts.serve(&rt))
		ts.do(t, "", "GET", "/test/deadline", nil)
		if !ok || left > c.want || left < c.want-time.Second {
			t.Errorf("RequestTimeout %v: deadline %v (set %v) away, want %v", c.set, left, ok, c.want)
		}
	}
}

// FuzzRoutePath: whatever path and method a request has, the service
// answers without a panic and never with a redirect, and every error is a
// problem document.
func FuzzRoutePath(f *testing.F) {
	for _, seed := range []string{"/v1/policies", "//v1/policies", "/v1/./policies", "/v1/../v1/policies", "/healthz/.",
		"/v1/coaching/cases/a%2F..%2Fb", "/v1/coaching/cases/..", "/%2e%2e/healthz", "/v1/policies/", "/./", ""} {
		f.Add("GET", seed)
		f.Add("POST", seed)
	}
	ts := newServerOver(f, nil, 0)
	f.Fuzz(func(t *testing.T, method, path string) {
		req, err := http.NewRequest(method, "http://callfloor.test", nil)
		if err != nil {
			return
		}
		// path as sent on the request line, escapes and all, where it
		// reads as a path; as a decoded path otherwise.
		req.URL.RawPath, req.URL.Path = "", path
		if u, err := req.URL.Parse(path); err == nil && u.Host == "" {
			req.URL.Path, req.URL.RawPath = u.Path, u.RawPath
		}
		req.Header.Set("Authorization", "Bearer "+tokLead)
		rec := httptest.NewRecorder()
		ts.Handler().ServeHTTP(rec, req)
		if rec.Code >= 300 && rec.Code < 400 {
			t.Fatalf("%s %q: %d, Location %q", method, path, rec.Code, rec.Header().Get("Location"))
		}
		if rec.Code >= 400 && rec.Header().Get("Content-Type") != "application/problem+json" {
			t.Fatalf("%s %q: %d with Content-Type %q", method, path, rec.Code, rec.Header().Get("Content-Type"))
		}
	})
}
