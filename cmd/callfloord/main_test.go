package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestParseFlagsDefaults(t *testing.T) {
	o, err := parseFlags([]string{"-tokens", "t.yaml"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := options{addr: "127.0.0.1:8080", tokens: "t.yaml", store: "sqlite:callfloord.db", rate: 100, burst: 200,
		maxBody: 1 << 20, shutdownTimeout: 15 * time.Second, logLevel: slog.LevelInfo}
	if !reflect.DeepEqual(o, want) {
		t.Errorf("options %+v, want %+v", o, want)
	}
}

func TestParseFlagsAll(t *testing.T) {
	o, err := parseFlags([]string{"-addr", ":0", "-policies", "p", "-tokens", "t", "-store", "none", "-tls-cert", "c", "-tls-key", "k",
		"-client-ca", "ca", "-rate", "0", "-burst", "0", "-max-body", "10", "-shutdown-timeout", "2s", "-log-level", "debug"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := options{addr: ":0", policies: "p", tokens: "t", store: "none", tlsCert: "c", tlsKey: "k", clientCA: "ca",
		maxBody: 10, shutdownTimeout: 2 * time.Second, logLevel: slog.LevelDebug}
	if !reflect.DeepEqual(o, want) {
		t.Errorf("options %+v, want %+v", o, want)
	}
}

func TestUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		line string
	}{
		{nil, "callfloord: -tokens is required: the file of the tokens that may call the service\n"},
		{[]string{"-tokens", "t", "extra"}, "callfloord: unexpected argument \"extra\"; callfloord takes only flags\n"},
		{[]string{"-tokens", "t", "-nope"}, "callfloord: flag provided but not defined: -nope\n"},
		{[]string{"-tokens", "t", "-rate", "x"}, "callfloord: invalid value \"x\" for flag -rate: parse error\n"},
		{[]string{"-tokens", "t", "-rate", "-1"}, "callfloord: -rate -1 is negative; 0 turns the limit off\n"},
		{[]string{"-tokens", "t", "-burst", "0"}, "callfloord: -burst 0 is below 1; a holder could never make a request\n"},
		{[]string{"-tokens", "t", "-tls-cert", "c"}, "callfloord: -tls-cert and -tls-key go together\n"},
		{[]string{"-tokens", "t", "-tls-key", "k"}, "callfloord: -tls-cert and -tls-key go together\n"},
		{[]string{"-tokens", "t", "-client-ca", "ca"}, "callfloord: -client-ca needs -tls-cert and -tls-key: client certificates are asked for over TLS\n"},
		{[]string{"-tokens", "t", "-max-body", "0"}, "callfloord: -max-body 0 is below 1 byte\n"},
		{[]string{"-tokens", "t", "-shutdown-timeout", "0s"}, "callfloord: -shutdown-timeout 0s is not positive\n"},
		{[]string{"-tokens", "t", "-store", ""}, "callfloord: -store is empty; give a DSN, or none to run stateless\n"},
		{[]string{"-tokens", "t", "-log-level", "loud"}, "callfloord: invalid value \"loud\" for flag -log-level: slog: level string \"loud\": unknown name\n"},
	}
	for _, c := range cases {
		var stderr bytes.Buffer
		if code := run(c.args, &stderr, nil); code != exitUsage {
			t.Errorf("run(%q) = %d, want %d", c.args, code, exitUsage)
		}
		if stderr.String() != c.line {
			t.Errorf("run(%q) printed %q, want %q", c.args, stderr.String(), c.line)
		}
	}
}

func TestHelp(t *testing.T) {
	var stderr bytes.Buffer
	if code := run([]string{"-h"}, &stderr, nil); code != exitOK {
		t.Errorf("run(-h) = %d, want 0", code)
	}
	if !strings.HasPrefix(stderr.String(), "usage: callfloord -tokens FILE [flags]\n") || !strings.Contains(stderr.String(), "-shutdown-timeout") {
		t.Errorf("usage:\n%s", stderr.String())
	}
}

func writeTestFile(t *testing.T, dir, name, src string) string {
	t.Helper()
	f := filepath.Join(dir, name)
	if err := os.WriteFile(f, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

func adminTokenFile(t *testing.T, dir string) string {
	sum := sha256.Sum256([]byte("tok"))
	return writeTestFile(t, dir, "tokens.yaml", "tokens:\n  - sha256: "+hex.EncodeToString(sum[:])+"\n    person: d.admin\n    role: admin\n")
}

func TestStartFailsOnEveryProblem(t *testing.T) {
	dir := t.TempDir()
	pol := filepath.Join(dir, "policies")
	if err := os.Mkdir(pol, 0o700); err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, pol, "a.yaml", "version: x\n")
	writeTestFile(t, pol, "b.yaml", "kind: pay\n")
	toks := writeTestFile(t, dir, "tokens.yaml", "tokens:\n  - sha256: x\n    person: a\n    role: agent\n")
	var stderr bytes.Buffer
	if code := run([]string{"-tokens", toks, "-policies", pol, "-store", "none"}, &stderr, nil); code != exitStart {
		t.Errorf("run = %d, want %d", code, exitStart)
	}
	want := "callfloord: cannot start:\n" +
		"  " + pol + "/a.yaml: kind: line 1, column 1: is required: one of coaching, incentives, mood, qa, so that the file is read as the policy it is\n" +
		"  " + pol + "/b.yaml: kind: line 1, column 7: \"pay\" is not a policy kind; allowed: coaching, incentives, mood, qa\n" +
		"  " + toks + ": tokens[0].sha256: line 2, column 13: is not 64 hexadecimal digits; a token's hash is printf %s \"$TOKEN\" | sha256sum\n"
	if stderr.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
	}
}

func TestStartFailsOnMissingPolicyDir(t *testing.T) {
	dir := t.TempDir()
	var stderr bytes.Buffer
	missing := filepath.Join(dir, "nope")
	if code := run([]string{"-tokens", adminTokenFile(t, dir), "-policies", missing, "-store", "none"}, &stderr, nil); code != exitStart {
		t.Errorf("run = %d, want %d", code, exitStart)
	}
	if want := "callfloord: cannot start:\n  " + missing + ": the policy directory cannot be read: no such file or directory\n"; stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
	}
}

// runLog is run's standard error, read line by line as it is written.
type runLog struct {
	w     *io.PipeWriter
	lines chan map[string]any
}

func newRunLog(t *testing.T) *runLog {
	r, w := io.Pipe()
	p := &runLog{w: w, lines: make(chan map[string]any, 100)}
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			var m map[string]any
			if json.Unmarshal(sc.Bytes(), &m) == nil {
				p.lines <- m
			}
		}
		close(p.lines)
	}()
	return p
}

// next waits for the next log line whose msg is msg.
func (p *runLog) next(t *testing.T, msg string) map[string]any {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case m, ok := <-p.lines:
			if !ok {
				t.Fatalf("the log ended before %q", msg)
			}
			if m["msg"] == msg {
				return m
			}
		case <-deadline:
			t.Fatalf("no %q log line within 10 s", msg)
		}
	}
}

// TestServeReloadStop runs the command in this process: it listens on
// the port it logs, reloads on SIGHUP and exits 0 on SIGTERM.
func TestServeReloadStop(t *testing.T) {
	dir := t.TempDir()
	log := newRunLog(t)
	sigs := make(chan os.Signal, 1)
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"-addr", "127.0.0.1:0", "-tokens", adminTokenFile(t, dir), "-store", "none"}, log.w, sigs)
		log.w.Close()
	}()
	addr, _ := log.next(t, "listening")["addr"].(string)
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("healthz %d", resp.StatusCode)
	}
	sigs <- syscall.SIGHUP
	if m := log.next(t, "reloaded"); m["tokens"] != 1.0 {
		t.Errorf("reload line %v", m)
	}
	sigs <- syscall.SIGTERM
	log.next(t, "stopped")
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("run = %d, want 0", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after SIGTERM")
	}
}

func TestStoreKind(t *testing.T) {
	for dsn, want := range map[string]string{
		"none": "none", "sqlite:x.db": "sqlite", "state.db": "sqlite", "postgres://u:secret@h/db": "postgres",
		"postgresql://h/db": "postgres", "mysql://h": "unknown",
	} {
		if got := storeKind(dsn); got != want {
			t.Errorf("storeKind(%q) = %q, want %q", dsn, got, want)
		}
	}
}
