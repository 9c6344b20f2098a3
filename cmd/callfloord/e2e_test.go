package main

// The end-to-end tests run the real binary, built once by TestMain, as an
// operator would: a token file and a policy directory on disk, a store
// DSN, a port picked by the kernel and read from the "listening" log
// line, signals to reload and to stop. Every exchange goes through the
// contract validator built from the description the binary serves, and a
// test fails on any violation.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/callfloor/callfloor/cmd/callfloord/internal/contract"
)

// e2eBinary is the callfloord binary TestMain built.
var e2eBinary string

// TestMain builds the binary once for every end-to-end test, with the race
// detector when the tests run with it, so that races in the service show
// under the tests' concurrent load too.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "callfloord-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	e2eBinary = filepath.Join(dir, "callfloord")
	args := []string{"build", "-o", e2eBinary}
	if raceBuild {
		args = append(args, "-race")
	}
	build := exec.Command("go", append(args, ".")...)
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "building callfloord for the end-to-end tests: %v\n", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// The bearer tokens of the end-to-end token file: two agents and one
// holder of every other role.
const (
	e2eTokAgentA    = "e2e-agent-a"
	e2eTokAgentB    = "e2e-agent-b"
	e2eTokLead      = "e2e-lead"
	e2eTokCounselor = "e2e-counselor"
	e2eTokCrisis    = "e2e-crisis"
	e2eTokHR        = "e2e-hr"
	e2eTokAdmin     = "e2e-admin"
)

// e2eHolder is who holds a token, as the token file says.
type e2eHolder struct{ person, role string }

// e2eTokens lists the tokens in the order the token file gives them.
var e2eTokens = []string{e2eTokAgentA, e2eTokAgentB, e2eTokLead, e2eTokCounselor, e2eTokCrisis, e2eTokHR, e2eTokAdmin}

var e2eHolders = map[string]e2eHolder{
	e2eTokAgentA:    {"a.li", "agent"},
	e2eTokAgentB:    {"b.wu", "agent"},
	e2eTokLead:      {"l.chen", "lead"},
	e2eTokCounselor: {"c.zhao", "counselor"},
	e2eTokCrisis:    {"k.sun", "crisis_owner"},
	e2eTokHR:        {"h.ma", "hr"},
	e2eTokAdmin:     {"d.admin", "admin"},
}

// e2eTokenFile is the token file of the end-to-end tokens: their SHA-256,
// never the tokens themselves.
func e2eTokenFile() []byte {
	var b strings.Builder
	b.WriteString("tokens:\n")
	for _, tok := range e2eTokens {
		h := e2eHolders[tok]
		sum := sha256.Sum256([]byte(tok))
		fmt.Fprintf(&b, "  - sha256: %s\n    person: %s\n    role: %s\n", hex.EncodeToString(sum[:]), h.person, h.role)
	}
	return []byte(b.String())
}

// e2eSite is what a service runs on: its token file, its policy directory
// and its store. Two runs of one site share the database, as a restart
// does.
type e2eSite struct {
	dir, tokens, policies, store string
}

// newE2ESite makes a site in a temporary directory with the end-to-end token
// file, an empty policy directory (every kind runs its default) and a
// SQLite file; store, when given, replaces the SQLite file ("none", a
// PostgreSQL DSN).
func newE2ESite(t *testing.T, store ...string) *e2eSite {
	t.Helper()
	dir := t.TempDir()
	s := &e2eSite{dir: dir, tokens: filepath.Join(dir, "tokens.yaml"), policies: filepath.Join(dir, "policies"),
		store: "sqlite:" + filepath.Join(dir, "state.db")}
	if len(store) > 0 {
		s.store = store[0]
	}
	if err := os.WriteFile(s.tokens, e2eTokenFile(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(s.policies, 0o700); err != nil {
		t.Fatal(err)
	}
	return s
}

// writePolicy writes the policy file name of the site's policy
// directory.
func (s *e2eSite) writePolicy(t *testing.T, name string, src []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(s.policies, name), src, 0o600); err != nil {
		t.Fatal(err)
	}
}

// e2eTimeout bounds how long a service may take to start and to stop;
// it is a deadline for a failing test, never a wait.
const e2eTimeout = 60 * time.Second

// e2eDaemon is one running callfloord process.
type e2eDaemon struct {
	t    *testing.T
	cmd  *exec.Cmd
	base string // http://127.0.0.1:PORT
	// addr is the host:port the listening line gave.
	addr string
	// contract checks every exchange of client.
	contract *contract.Validator
	client   *http.Client
	log      *e2eLog
	// exited is closed when the process has been waited for; exitErr is
	// what Wait returned.
	exited  chan struct{}
	exitErr error
}

// e2eLog collects the process's standard error, one JSON line each.
type e2eLog struct {
	mu    sync.Mutex
	lines []string
	// grew is closed and replaced whenever a line is added, so that a
	// waiter wakes on the next line instead of polling.
	grew chan struct{}
}

func (l *e2eLog) add(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, line)
	close(l.grew)
	l.grew = make(chan struct{})
}

// snapshot returns the lines so far and a channel closed at the next one.
func (l *e2eLog) snapshot() ([]string, <-chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines...), l.grew
}

func (l *e2eLog) String() string {
	lines, _ := l.snapshot()
	return strings.Join(lines, "\n")
}

// e2eLogEntry is the part of a log line the tests read.
type e2eLogEntry struct {
	Msg      string   `json:"msg"`
	Level    string   `json:"level"`
	Addr     string   `json:"addr"`
	Problems []string `json:"problems"`
	Endpoint string   `json:"endpoint"`
	Status   int      `json:"status"`
}

// waitLog waits until the n-th line (counting from 1) whose msg is msg has
// been logged, and returns it; it fails the test at the deadline or when
// the process exits first.
func (d *e2eDaemon) waitLog(msg string, n int) e2eLogEntry {
	d.t.Helper()
	deadline := time.After(e2eTimeout)
	for {
		// exited closes only once every line has been read, so a
		// process that has exited has logged all it will.
		var over bool
		select {
		case <-d.exited:
			over = true
		default:
		}
		lines, grew := d.log.snapshot()
		if e, ok := e2eNthLog(lines, msg, n); ok {
			return e
		}
		if over {
			d.t.Fatalf("callfloord exited (%v) before logging %q #%d; its log:\n%s", d.exitErr, msg, n, d.log)
		}
		select {
		case <-grew:
		case <-d.exited:
		case <-deadline:
			d.t.Fatalf("callfloord logged no %q #%d within %v; its log:\n%s", msg, n, e2eTimeout, d.log)
		}
	}
}

// e2eNthLog finds the n-th line (counting from 1) whose msg is msg.
func e2eNthLog(lines []string, msg string, n int) (e2eLogEntry, bool) {
	seen := 0
	for _, line := range lines {
		var e e2eLogEntry
		if json.Unmarshal([]byte(line), &e) == nil && e.Msg == msg {
			if seen++; seen == n {
				return e, true
			}
		}
	}
	return e2eLogEntry{}, false
}

// startE2E runs callfloord on s with a port of the kernel's choosing and
// the given extra flags, waits until it answers /healthz, and stops it
// with SIGKILL when the test ends if the test has not stopped it. Rate
// limiting is off unless the flags set it: the tests send bursts from one
// holder.
func startE2E(t *testing.T, s *e2eSite, flags ...string) *e2eDaemon {
	t.Helper()
	args := []string{"-addr", "127.0.0.1:0", "-tokens", s.tokens, "-policies", s.policies, "-store", s.store, "-rate", "0"}
	cmd := exec.Command(e2eBinary, append(args, flags...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	d := &e2eDaemon{t: t, cmd: cmd, log: &e2eLog{grew: make(chan struct{})}, exited: make(chan struct{})}
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			d.log.add(sc.Text())
		}
	}()
	go func() {
		// Wait only once the pipe is drained: Wait closes it.
		<-copied
		d.exitErr = cmd.Wait()
		close(d.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-d.exited:
		default:
			cmd.Process.Kill()
			<-d.exited
		}
	})
	d.addr = d.waitLog("listening", 1).Addr
	if d.addr == "" {
		t.Fatalf("the listening line gives no addr; the log:\n%s", d.log)
	}
	d.base = "http://" + d.addr
	d.waitHealthy()

	// The description is the one this binary serves.
	resp, err := http.Get(d.base + "/v1/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /v1/openapi.yaml: %d %v", resp.StatusCode, err)
	}
	d.contract, err = contract.New(spec)
	if err != nil {
		t.Fatal(err)
	}
	d.client = &http.Client{Transport: d.contract.Transport(&http.Transport{MaxIdleConnsPerHost: 64}), Timeout: e2eTimeout}
	t.Cleanup(d.checkContract)
	return d
}

// waitHealthy polls /healthz until it answers 200, up to the deadline.
func (d *e2eDaemon) waitHealthy() {
	d.t.Helper()
	deadline := time.Now().Add(e2eTimeout)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		resp, err := http.Get(d.base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("/healthz did not answer 200 within %v (last error %v); the log:\n%s", e2eTimeout, err, d.log)
		}
		select {
		case <-tick.C:
		case <-d.exited:
			d.t.Fatalf("callfloord exited (%v) before it was healthy; the log:\n%s", d.exitErr, d.log)
		}
	}
}

// poll calls done until it reports true, waiting between calls twice as
// long as the time before, from a millisecond up to a tenth of a second,
// so that a condition that holds soon is seen soon and one that takes
// longer costs few calls. It fails the test at the deadline, or when
// the process exits first, naming what.
func (d *e2eDaemon) poll(what string, done func() bool) {
	d.t.Helper()
	deadline := time.NewTimer(e2eTimeout)
	defer deadline.Stop()
	for wait := time.Millisecond; !done(); wait = min(2*wait, 100*time.Millisecond) {
		pause := time.NewTimer(wait)
		select {
		case <-pause.C:
		case <-d.exited:
			pause.Stop()
			if done() {
				return
			}
			d.t.Fatalf("callfloord exited (%v) before %s; the log:\n%s", d.exitErr, what, d.log)
		case <-deadline.C:
			pause.Stop()
			d.t.Fatalf("no %s within %v; the log:\n%s", what, e2eTimeout, d.log)
		}
	}
}

// checkContract fails the test for every exchange that broke the
// description.
func (d *e2eDaemon) checkContract() {
	for _, v := range d.contract.Violations() {
		d.t.Errorf("contract violation: %v", v)
	}
}

// signal sends sig to the process.
func (d *e2eDaemon) signal(sig syscall.Signal) {
	d.t.Helper()
	if err := d.cmd.Process.Signal(sig); err != nil {
		d.t.Fatalf("signal %v: %v", sig, err)
	}
}

// wait waits for the process to exit, up to the deadline, and returns its
// exit status.
func (d *e2eDaemon) wait() int {
	d.t.Helper()
	select {
	case <-d.exited:
	case <-time.After(e2eTimeout):
		d.t.Fatalf("callfloord did not exit within %v; the log:\n%s", e2eTimeout, d.log)
	}
	var ee *exec.ExitError
	switch {
	case d.exitErr == nil:
		return 0
	case errors.As(d.exitErr, &ee):
		return ee.ExitCode()
	}
	d.t.Fatalf("waiting for callfloord: %v", d.exitErr)
	return -1
}

// stop stops the service with SIGTERM and fails the test unless it exits
// 0 after logging that it stopped.
func (d *e2eDaemon) stop() {
	d.t.Helper()
	d.signal(syscall.SIGTERM)
	if code := d.wait(); code != 0 {
		d.t.Fatalf("callfloord exited %d on SIGTERM; the log:\n%s", code, d.log)
	}
	d.waitLog("stopped", 1)
}

// kill stops the process with SIGKILL, as a crash or the OOM killer would.
func (d *e2eDaemon) kill() {
	d.t.Helper()
	d.signal(syscall.SIGKILL)
	if code := d.wait(); code != -1 {
		d.t.Fatalf("after SIGKILL callfloord exited %d; want killed by the signal", code)
	}
}

// e2eExchange is one answer of the service.
type e2eExchange struct {
	status int
	body   []byte
	header http.Header
}

// request builds a request to the service: token "" sends no
// Authorization header; body nil sends none, a []byte or string is sent
// as it is and anything else as its JSON, with Content-Type
// application/json unless header (name, value pairs) says otherwise.
func (d *e2eDaemon) request(ctx context.Context, token, method, path string, body any, header ...string) *http.Request {
	d.t.Helper()
	var raw []byte
	switch b := body.(type) {
	case nil:
	case []byte:
		raw = b
	case string:
		raw = []byte(b)
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			d.t.Fatal(err)
		}
	}
	var rd io.Reader = http.NoBody
	if body != nil {
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, d.base+path, rd)
	if err != nil {
		d.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if len(header)%2 != 0 {
		d.t.Fatalf("header %q is not name and value pairs", header)
	}
	for i := 0; i < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return req
}

// send sends a request through the contract validator and returns the
// answer, or the error of a request that got none.
func (d *e2eDaemon) send(req *http.Request) (e2eExchange, error) {
	resp, err := d.client.Do(req)
	if err != nil {
		return e2eExchange{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return e2eExchange{}, err
	}
	return e2eExchange{status: resp.StatusCode, body: b, header: resp.Header}, nil
}

// do sends one request (see request) and fails the test when it gets no
// answer.
func (d *e2eDaemon) do(token, method, path string, body any, header ...string) e2eExchange {
	d.t.Helper()
	x, err := d.send(d.request(context.Background(), token, method, path, body, header...))
	if err != nil {
		d.t.Fatalf("%s %s: %v", method, path, err)
	}
	return x
}

// e2eWantJSON fails the test unless x is status with a JSON body equal,
// once compacted, to want's JSON (want may be JSON text as []byte or
// string).
func e2eWantJSON(t *testing.T, what string, x e2eExchange, status int, want any) {
	t.Helper()
	var w []byte
	switch v := want.(type) {
	case []byte:
		w = v
	case string:
		w = []byte(v)
	default:
		var err error
		if w, err = json.Marshal(v); err != nil {
			t.Fatal(err)
		}
	}
	if x.status != status {
		t.Errorf("%s: status %d, want %d; body %s", what, x.status, status, x.body)
		return
	}
	if got, exp := e2eCompact(t, x.body), e2eCompact(t, w); got != exp {
		t.Errorf("%s: body\n got %s\nwant %s", what, got, exp)
	}
}

// e2eWantProblem fails the test unless x is exactly the problem document
// want, as application/problem+json.
func e2eWantProblem(t *testing.T, what string, x e2eExchange, want e2eProblem) {
	t.Helper()
	if ct := x.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("%s: Content-Type %q, want application/problem+json", what, ct)
	}
	e2eWantJSON(t, what, x, want.Status, want)
}

// e2eProblem is the problem document the service answers, as the API
// defines it.
type e2eProblem struct {
	Type     string          `json:"type"`
	Title    string          `json:"title"`
	Status   int             `json:"status"`
	Detail   string          `json:"detail,omitempty"`
	Instance string          `json:"instance,omitempty"`
	Errors   []e2eFieldError `json:"errors,omitempty"`
}

type e2eFieldError struct {
	Field  string `json:"field"`
	Kind   string `json:"kind"`
	Detail string `json:"detail"`
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

func e2eCompact(t *testing.T, b []byte) string {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		t.Fatalf("not JSON: %v: %s", err, b)
	}
	return buf.String()
}
