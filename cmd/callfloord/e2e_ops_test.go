package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/cmd/callfloord/internal/server"
	"github.com/callfloor/callfloor/mood"
)

// e2eMoodPolicy is the default mood policy declaring another version, and
// its identity.
func e2eMoodPolicy(t *testing.T, version string) ([]byte, server.Policy) {
	t.Helper()
	src := mood.DefaultPolicySource()
	const declared = "\nversion: mood-default-1\n"
	if !bytes.Contains(src, []byte(declared)) {
		t.Fatalf("the default mood policy does not declare %q", strings.TrimSpace(declared))
	}
	src = bytes.Replace(src, []byte(declared), []byte("\nversion: "+version+"\n"), 1)
	pol, err := mood.ParsePolicy(src)
	if err != nil {
		t.Fatal(err)
	}
	id := pol.Identity()
	return src, server.Policy{Kind: "mood", Version: id.Version, Hash: id.Hash}
}

// e2eRunningMood is the mood entry of GET /v1/policies.
func e2eRunningMood(t *testing.T, d *e2eDaemon) server.Policy {
	t.Helper()
	x := d.do(e2eTokAgentA, "GET", "/v1/policies", nil)
	var body struct {
		Policies []server.Policy `json:"policies"`
	}
	if x.status != 200 {
		t.Fatalf("GET /v1/policies: %d %s", x.status, x.body)
	}
	if err := json.Unmarshal(x.body, &body); err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(body.Policies, func(p server.Policy) bool { return p.Kind == "mood" })
	if i < 0 {
		t.Fatalf("GET /v1/policies lists no mood policy: %s", x.body)
	}
	return body.Policies[i]
}

// TestE2EReload breaks the running mood policy's file and reloads, by
// SIGHUP and by POST /v1/admin/reload: each reload reports every problem
// with its file, line and column, and the old policy stays in force;
// then a good file reloads, by each way in turn, and the identity
// GET /v1/policies gives changes with it.
func TestE2EReload(t *testing.T) {
	s := newE2ESite(t)
	file := filepath.Join(s.policies, "mood.yaml")
	v1, id1 := e2eMoodPolicy(t, "e2e-1")
	v2, id2 := e2eMoodPolicy(t, "e2e-2")
	v3, id3 := e2eMoodPolicy(t, "e2e-3")
	id1.File, id2.File, id3.File = file, file, file
	broken, err := os.ReadFile(filepath.Join("testdata", "e2e", "mood-broken.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	_, perr := mood.ParsePolicy(broken)
	if perr == nil {
		t.Fatal("the library accepts testdata/e2e/mood-broken.yaml")
	}
	// The problems the reload must report are the library's own, each
	// with the file, its path, line and column; among them the unknown
	// key the fixture adds.
	var pe *callfloor.PolicyError
	if !errors.As(perr, &pe) {
		t.Fatalf("the library's refusal is a %T, not a *callfloor.PolicyError: %v", perr, perr)
	}
	var wantLines []string
	for _, p := range pe.Problems {
		wantLines = append(wantLines, file+": "+p.Error())
	}
	if i := slices.IndexFunc(pe.Problems, func(p callfloor.Problem) bool { return p.Path == "colour" }); i < 0 ||
		pe.Problems[i].Line != 6 || pe.Problems[i].Column != 1 {
		t.Fatalf("the library does not place the unknown key colour at line 6, column 1: %v", perr)
	}

	s.writePolicy(t, "mood.yaml", v1)
	d := startE2E(t, s)
	if got := e2eRunningMood(t, d); got != id1 {
		t.Fatalf("running %+v, want %+v", got, id1)
	}

	s.writePolicy(t, "mood.yaml", broken)
	d.signal(syscall.SIGHUP)
	if got := d.waitLog("reload failed; the running policies and tokens stay", 1); !slices.Equal(got.Problems, wantLines) {
		t.Errorf("SIGHUP's reload logged the problems\n%q\nwant\n%q", got.Problems, wantLines)
	}
	if got := e2eRunningMood(t, d); got != id1 {
		t.Errorf("after a broken SIGHUP reload, running %+v, want %+v still", got, id1)
	}

	x := d.do(e2eTokAdmin, "POST", "/v1/admin/reload", "{}")
	var p e2eProblem
	if err := json.Unmarshal(x.body, &p); err != nil {
		t.Fatalf("reload: %d %s", x.status, x.body)
	}
	if p.Status != 422 || x.status != 422 || p.Type != server.ProblemBase+"invalid-policy" || len(p.Errors) != len(wantLines) {
		t.Fatalf("a broken reload answered %d %s; want 422 invalid-policy with %d problems", x.status, x.body, len(wantLines))
	}
	for i, e := range p.Errors {
		got := fmt.Sprintf("%s: %s: line %d, column %d: %s", e.File, e.Field, e.Line, e.Column, e.Detail)
		if e.Field == "" {
			got = fmt.Sprintf("%s: line %d, column %d: %s", e.File, e.Line, e.Column, e.Detail)
		}
		if got != wantLines[i] || e.Kind != "invalid" || e.Line == 0 {
			t.Errorf("problem %d: %+v (%q), want %q with its line", i, e, got, wantLines[i])
		}
	}
	if got := e2eRunningMood(t, d); got != id1 {
		t.Errorf("after a broken HTTP reload, running %+v, want %+v still", got, id1)
	}

	s.writePolicy(t, "mood.yaml", v2)
	d.signal(syscall.SIGHUP)
	d.waitLog("reloaded", 1)
	if got := e2eRunningMood(t, d); got != id2 {
		t.Errorf("after SIGHUP with a good file, running %+v, want %+v", got, id2)
	}

	s.writePolicy(t, "mood.yaml", v3)
	x = d.do(e2eTokAdmin, "POST", "/v1/admin/reload", "{}")
	if x.status != 200 || !bytes.Contains(x.body, e2eMustJSON(t, id3)) {
		t.Errorf("a good HTTP reload answered %d %s; want 200 naming %+v", x.status, x.body, id3)
	}
	if got := e2eRunningMood(t, d); got != id3 {
		t.Errorf("after a good HTTP reload, running %+v, want %+v", got, id3)
	}

	m := e2eScrape(t, d)
	for series, want := range map[string]float64{
		`callfloor_reloads_total{result="failure"}`:                                                      2,
		`callfloor_reloads_total{result="success"}`:                                                      2,
		`callfloor_policy_info{file="` + file + `",hash="` + id3.Hash + `",kind="mood",version="e2e-3"}`: 1,
	} {
		if m[series] != want {
			t.Errorf("%s = %v, want %v", series, m[series], want)
		}
	}
	d.stop()
}

func e2eMustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// e2eMetricLine is one sample of Prometheus's text format: the series (name
// and labels as written) and its value.
var e2eMetricLine = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$`)

// e2eScrape reads /metrics into its samples, keyed by series.
func e2eScrape(t *testing.T, d *e2eDaemon) map[string]float64 {
	t.Helper()
	x := d.do("", "GET", "/metrics", nil)
	if x.status != 200 {
		t.Fatalf("GET /metrics: %d %s", x.status, x.body)
	}
	out := map[string]float64{}
	for _, line := range strings.Split(string(x.body), "\n") {
		m := e2eMetricLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		v, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			t.Fatalf("metric line %q: %v", line, err)
		}
		out[m[1]] = v
	}
	return out
}

// TestE2EMetrics counts the requests of each endpoint and status between
// two scrapes: exactly those the test made, the first scrape included.
func TestE2EMetrics(t *testing.T) {
	d := startE2E(t, newE2ESite(t))
	a := e2eCrisisAssessment(t, "a.li")
	ev, _ := e2eEvaluation(t, "ev-m", "a.li")
	before := e2eScrape(t, d)
	for range 3 {
		d.do(e2eTokLead, "POST", "/v1/mood/triage", a)
	}
	d.do(e2eTokLead, "POST", "/v1/mood/triage", `{"agnet":"a.li"}`)
	d.do("", "POST", "/v1/mood/triage", a)
	d.do(e2eTokLead, "POST", "/v1/qa/evaluations", ev)
	d.do(e2eTokLead, "GET", "/v1/nowhere", nil)
	after := e2eScrape(t, d)

	series := func(endpoint, code string) string {
		return `callfloor_requests_total{code="` + code + `",endpoint="` + endpoint + `"}`
	}
	want := map[string]float64{
		series("mood.triage", "200"):                                       3,
		series("mood.triage", "422"):                                       1,
		series("mood.triage", "401"):                                       1,
		series("qa.score", "200"):                                          1,
		series("unmatched", "404"):                                         1,
		series("metrics", "200"):                                           1,
		`callfloor_request_duration_seconds_count{endpoint="mood.triage"}`: 5,
		`callfloor_request_duration_seconds_count{endpoint="qa.score"}`:    1,
	}
	for k, v := range want {
		if got := after[k] - before[k]; got != v {
			t.Errorf("%s grew by %v, want %v", k, got, v)
		}
	}
	for k, v := range after {
		if strings.HasPrefix(k, "callfloor_requests_total{") && v != before[k] && want[k] == 0 {
			t.Errorf("%s grew by %v; the test made no such request", k, v-before[k])
		}
	}
	if after[`callfloor_panics_total`] != 0 {
		t.Errorf("callfloor_panics_total = %v", after[`callfloor_panics_total`])
	}
	d.stop()
}

// TestE2EGracefulShutdown sends SIGTERM while a request is being read: the
// service stops taking connections, finishes the request with its full
// answer, and exits 0.
func TestE2EGracefulShutdown(t *testing.T) {
	d := startE2E(t, newE2ESite(t))
	a := e2eCrisisAssessment(t, "a.li")
	body := e2eMustJSON(t, a)
	want := e2eMustJSON(t, mood.DefaultPolicy().ViewFor(e2eMust[mood.Triage](t)(mood.DefaultPolicy().Triage(a)), "team_lead"))

	conn, err := net.Dial("tcp", d.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(e2eTimeout))
	// Expect: 100-continue makes the server say when the handler starts
	// reading the body: from then on the request is in flight.
	head := fmt.Sprintf("POST /v1/mood/triage HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: application/json\r\nContent-Length: %d\r\nExpect: 100-continue\r\n\r\n", d.addr, e2eTokLead, len(body))
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(conn)
	line, err := br.ReadString('\n')
	if err != nil || line != "HTTP/1.1 100 Continue\r\n" {
		t.Fatalf("before the body the server said %q (%v), want 100 Continue", line, err)
	}
	if blank, err := br.ReadString('\n'); err != nil || blank != "\r\n" {
		t.Fatalf("100 Continue followed by %q (%v)", blank, err)
	}

	d.signal(syscall.SIGTERM)
	d.waitLog("shutting down", 1)
	// The listener closes as the shutdown starts, just after the line;
	// a new connection is refused from then on.
	d.poll("connections refused after SIGTERM", func() bool {
		c, err := net.Dial("tcp", d.addr)
		if err != nil {
			return true
		}
		c.Close()
		return false
	})

	if _, err := conn.Write(body); err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest("POST", d.base+"/v1/mood/triage", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+e2eTokLead)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.ReadResponse(br, req)
	if err != nil {
		t.Fatalf("the request in flight got no answer: %v", err)
	}
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := d.contract.Check(req, body, resp, got); err != nil {
		t.Errorf("contract violation: %v", err)
	}
	e2eWantJSON(t, "the request in flight", e2eExchange{status: resp.StatusCode, body: got, header: resp.Header}, 200, want)
	// The service closes the connection after the last answer rather
	// than keep it for another request.
	if b, err := br.ReadByte(); err != io.EOF {
		t.Errorf("after the last answer the connection gave %q, %v; want it closed", b, err)
	}
	if code := d.wait(); code != 0 {
		t.Fatalf("exit %d after SIGTERM; the log:\n%s", code, d.log)
	}
	d.waitLog("stopped", 1)
}
