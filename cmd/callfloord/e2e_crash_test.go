package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/callfloor/callfloor/coaching"
)

// e2ePostgresEnv names the variable holding the DSN of the PostgreSQL the
// tests may use, as scripts/test-postgres prints it.
const e2ePostgresEnv = "CALLFLOORD_TEST_POSTGRES"

// e2ePostgres makes a schema of its own on the test server, dropped when
// the test ends, and returns a DSN whose search_path is that schema, so
// that the service starts on an empty database. The test fails when no
// server is given, so that a run that skipped PostgreSQL cannot pass for
// one that tested it; CALLFLOORD_TEST_POSTGRES=off skips it on purpose.
func e2ePostgres(t *testing.T) string {
	t.Helper()
	server := os.Getenv(e2ePostgresEnv)
	switch server {
	case "":
		t.Fatalf("%s is not set. From the repository root run\n"+
			"\texport %s=$(cmd/callfloord/scripts/test-postgres)\n"+
			"to start a local PostgreSQL and test against it, or set %s=off to skip the PostgreSQL tests.",
			e2ePostgresEnv, e2ePostgresEnv, e2ePostgresEnv)
	case "off":
		t.Skipf("%s=off", e2ePostgresEnv)
	}
	ctx := context.Background()
	exec := func(sql string) error {
		conn, err := pgx.Connect(ctx, server)
		if err != nil {
			return fmt.Errorf("connect to %s: %w", e2ePostgresEnv, err)
		}
		defer conn.Close(ctx)
		_, err = conn.Exec(ctx, sql)
		return err
	}
	b := make([]byte, 8)
	rand.Read(b)
	schema := "callfloord_e2e_" + hex.EncodeToString(b)
	if err := exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if err := exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("%s: %v", e2ePostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func TestE2ECrashSQLite(t *testing.T) { e2eCrash(t, newE2ESite(t)) }

func TestE2ECrashPostgres(t *testing.T) { e2eCrash(t, newE2ESite(t, e2ePostgres(t))) }

// The burst of e2eCrash: each client drives its own cases through the
// performance review's five steps and its close, one event at a time per
// case, its cases in turn.
const (
	crashClients        = 8
	crashCasesPerClient = 4
	// crashKillAfter is how many acknowledged events the test waits for
	// before it kills the service: about a third of the burst.
	crashKillAfter = 60
)

// crashCase is one case of the burst: the opened case and its events, in
// the order they must be applied.
type crashCase struct {
	opened coaching.Case
	events []coaching.Event
}

// crashCases are the cases of every client: client c owns
// cases[c*crashCasesPerClient:][:crashCasesPerClient].
func crashCases(t *testing.T) []crashCase {
	t.Helper()
	cp := coaching.DefaultPolicy()
	wf, _ := cp.Workflow(coaching.PerformanceReview)
	var out []crashCase
	for i := range crashClients * crashCasesPerClient {
		opened := e2eNow.Add(time.Duration(i) * time.Minute)
		c := e2eMust[coaching.Case](t)(cp.Open(coaching.PerformanceReview, fmt.Sprintf("crash-%02d", i), opened))
		cc := crashCase{opened: c}
		for k := range wf.Steps {
			cc.events = append(cc.events, e2eCompletion(t, c, k, fmt.Sprintf("c%02d-e%d", i, k), opened.Add(time.Duration(k+1)*time.Hour), "l.chen"))
		}
		cc.events = append(cc.events, coaching.Event{ID: fmt.Sprintf("c%02d-close", i), Case: c.ID, Type: coaching.EventClose,
			At: opened.Add(time.Duration(len(wf.Steps)+1) * time.Hour), By: "l.chen"})
		out = append(out, cc)
	}
	return out
}

// e2eCrash kills the service with SIGKILL in the middle of a burst of
// event writes from several clients, restarts it on the same database, and
// proves that no acknowledged event was lost and none applied twice; then
// every client sends every event again, as a client that never heard back
// retries, and each case holds each of its events exactly once, equal to
// the library's own replay of them.
func e2eCrash(t *testing.T, s *e2eSite) {
	cases := crashCases(t)
	d := startE2E(t, s)
	for _, cc := range cases {
		x := d.do(e2eTokLead, "POST", "/v1/coaching/cases",
			map[string]any{"kind": cc.opened.Kind, "subject": cc.opened.Subject, "opened": cc.opened.Opened})
		if x.status != 201 {
			t.Fatalf("opening %s: %d %s", cc.opened.ID, x.status, x.body)
		}
	}

	// acked[i] counts the events of case i the service acknowledged,
	// sent[i] those a client sent, answered or not.
	acked := make([]int, len(cases))
	sent := make([]int, len(cases))
	var total atomic.Int64
	killNow := make(chan struct{})
	var once sync.Once
	var wg sync.WaitGroup
	for c := range crashClients {
		mine := cases[c*crashCasesPerClient:][:crashCasesPerClient]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range mine[0].events {
				for j, cc := range mine {
					i := c*crashCasesPerClient + j
					e := cc.events[k]
					e.Case = ""
					sent[i]++
					x, err := d.send(d.request(context.Background(), e2eTokLead, "POST",
						e2ePath("/v1/coaching/cases/", cc.opened.ID, "events"), e))
					if err != nil {
						// The service is gone: this client stops, as
						// one whose process died with it would.
						return
					}
					if x.status != 200 {
						t.Errorf("event %s: %d %s", e.ID, x.status, x.body)
						return
					}
					acked[i]++
					if total.Add(1) == crashKillAfter {
						once.Do(func() { close(killNow) })
					}
				}
			}
		}()
	}
	select {
	case <-killNow:
	case <-time.After(e2eTimeout):
		t.Fatalf("%d events acknowledged in %v, want %d before the kill", total.Load(), e2eTimeout, crashKillAfter)
	}
	d.kill()
	wg.Wait()
	if t.Failed() {
		return
	}
	all := len(cases) * len(cases[0].events)
	if n := int(total.Load()); n >= all {
		t.Fatalf("every one of the %d events was acknowledged before the kill took effect; the test killed nothing mid-burst", all)
	}
	t.Logf("killed with %d of %d events acknowledged", total.Load(), all)

	d = startE2E(t, s)
	for i, cc := range cases {
		got := e2eHistory(t, d, cc.opened.ID)
		want := e2eEventIDs(cc.events)
		// Events are applied in order, so the history is the first n of
		// them: all those acknowledged, and at most the one in flight
		// when the service died.
		if len(got) < acked[i] || len(got) > sent[i] || !slices.Equal(got, want[:len(got)]) {
			t.Errorf("case %s after the restart holds %v; %d of its events were acknowledged and %d sent, of %v",
				cc.opened.ID, got, acked[i], sent[i], want)
		}
	}

	// Every client sends every event again, its cases in turn.
	for c := range crashClients {
		mine := cases[c*crashCasesPerClient:][:crashCasesPerClient]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range mine[0].events {
				for _, cc := range mine {
					e := cc.events[k]
					e.Case = ""
					x, err := d.send(d.request(context.Background(), e2eTokLead, "POST",
						e2ePath("/v1/coaching/cases/", cc.opened.ID, "events"), e))
					if err != nil || x.status != 200 {
						t.Errorf("event %s sent again: %v %d %s", e.ID, err, x.status, x.body)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	cp := coaching.DefaultPolicy()
	for _, cc := range cases {
		want := cc.opened
		for _, e := range cc.events {
			want = e2eMust[coaching.Case](t)(cp.Apply(want, e))
		}
		x := d.do(e2eTokLead, "GET", e2ePath("/v1/coaching/cases/", cc.opened.ID), nil)
		e2eWantJSON(t, "case "+cc.opened.ID+" after every event was sent again", x, 200, want)
	}
	d.stop()
}

// e2eHistory is the ids of the events in a stored case's history, oldest
// first.
func e2eHistory(t *testing.T, d *e2eDaemon, id string) []string {
	t.Helper()
	x := d.do(e2eTokLead, "GET", e2ePath("/v1/coaching/cases/", id), nil)
	if x.status != 200 {
		t.Fatalf("GET case %s: %d %s", id, x.status, x.body)
	}
	var c coaching.Case
	if err := json.Unmarshal(x.body, &c); err != nil {
		t.Fatal(err)
	}
	return e2eEventIDs(c.History)
}

func e2eEventIDs(events []coaching.Event) []string {
	ids := make([]string, 0, len(events))
	for _, e := range events {
		ids = append(ids, e.ID)
	}
	return ids
}
