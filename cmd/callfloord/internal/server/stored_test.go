package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/callfloor/callfloor/cmd/callfloord/internal/store"
	"github.com/callfloor/callfloor/coaching"
)

// newServerOver is a server over st, as one replica of several over one
// database is, with the test tokens, the policy files given (name and
// source pairs) and the request timeout given (0 for the default).
func newServerOver(t testing.TB, st store.Store, timeout time.Duration, policies ...string) *testServer {
	t.Helper()
	dir := t.TempDir()
	cfg := Config{TokenFile: filepath.Join(dir, "tokens.yaml"), Store: st, RequestTimeout: timeout,
		Now: func() time.Time { return testNow }}
	if err := os.WriteFile(cfg.TokenFile, testTokenFile(), 0o600); err != nil {
		t.Fatal(err)
	}
	if len(policies) > 0 {
		cfg.PolicyDir = filepath.Join(dir, "policies")
		if err := os.Mkdir(cfg.PolicyDir, 0o700); err != nil {
			t.Fatal(err)
		}
		for i := 0; i+1 < len(policies); i += 2 {
			if err := os.WriteFile(filepath.Join(cfg.PolicyDir, policies[i]), []byte(policies[i+1]), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &testServer{Server: s}
}

// openSQLite opens the SQLite store in file, closed when the test ends.
// Opening one file twice gives two pools over one database, as two
// processes have.
func openSQLite(t testing.TB, file string) store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), "sqlite:"+file)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// interceptStore counts the Gets and Updates that go through it, and
// runs beforeUpdate, when set, before each Update reaches the store.
type interceptStore struct {
	store.Store
	mu           sync.Mutex
	gets         int
	updates      int
	beforeUpdate func(n int) error
	// get, when set, answers Get in place of the store.
	get func(ctx context.Context) (store.Record, error)
}

func (s *interceptStore) Get(ctx context.Context, kind store.Kind, id string) (store.Record, error) {
	s.mu.Lock()
	s.gets++
	get := s.get
	s.mu.Unlock()
	if get != nil {
		return get(ctx)
	}
	return s.Store.Get(ctx, kind, id)
}

func (s *interceptStore) Update(ctx context.Context, r store.Record) error {
	s.mu.Lock()
	s.updates++
	n, before := s.updates, s.beforeUpdate
	s.mu.Unlock()
	if before != nil {
		if err := before(n); err != nil {
			return err
		}
	}
	return s.Store.Update(ctx, r)
}

func (s *interceptStore) counts() (gets, updates int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gets, s.updates
}

// openReview opens the performance review of a.li at coachT0 through ts.
func openReview(t testing.TB, ts *testServer) coaching.Case {
	t.Helper()
	c := caseOf(t)(ts.Policies().Coaching.Open(coaching.PerformanceReview, "a.li", coachT0))
	opening := map[string]any{"kind": "performance_review", "subject": "a.li", "opened": "2026-03-02T09:00:00Z"}
	st, body, _ := ts.do(t, tokLead, "POST", "/v1/coaching/cases", opening)
	wantBody(t, st, body, http.StatusCreated, c)
	return c
}

// reschedule is the event moving c's first step by days, sent by the lead.
func reschedule(c coaching.Case, id string, days int) coaching.Event {
	at := coachT0.Add(time.Hour)
	return coaching.Event{ID: id, Type: coaching.EventReschedule, At: at, Step: c.Steps[0].Step,
		By: testPrincipals[tokLead].Person, Due: at.Add(time.Duration(days) * 24 * time.Hour), Reason: "the agent is on leave"}
}

func versionIn(t testing.TB, st store.Store, id string) int64 {
	t.Helper()
	rec, err := st.Get(context.Background(), store.KindCase, id)
	if err != nil {
		t.Fatal(err)
	}
	return rec.Version
}

// TestApplyStoredRereadsAfterConflict: another replica's event lands
// between this one's read and its write. The write conflicts, the case is
// read again, and this event is applied once, after the other's: the
// version grows by one for each.
func TestApplyStoredRereadsAfterConflict(t *testing.T) {
	st := openSQLite(t, filepath.Join(t.TempDir(), "state.db"))
	other := newServerOver(t, st, 0)
	spy := &interceptStore{Store: st}
	ts := newServerOver(t, spy, 0)
	pol := ts.Policies().Coaching
	c := openReview(t, other)

	theirs := reschedule(c, "theirs", 2)
	ours := completion(t, pol, c, 0, "ours", coachT0.Add(2*time.Hour), testPrincipals[tokLead].Person)
	spy.beforeUpdate = func(n int) error {
		if n == 1 {
			st, body, _ := other.do(t, tokLead, "POST", casePath(c.ID, "/events"), theirs)
			if st != http.StatusOK {
				t.Errorf("the other replica's event: %d %s", st, body)
			}
		}
		return nil
	}
	theirs.Case, ours.Case = c.ID, c.ID
	want := caseOf(t)(pol.Apply(caseOf(t)(pol.Apply(c, theirs)), ours))

	status, body, _ := ts.do(t, tokLead, "POST", casePath(c.ID, "/events"), ours)
	wantBody(t, status, body, http.StatusOK, want)
	if gets, updates := spy.counts(); gets != 2 || updates != 2 {
		t.Errorf("%d reads and %d writes, want 2 of each: the conflict read the case again and wrote once more", gets, updates)
	}
	if v := versionIn(t, st, c.ID); v != 3 {
		t.Errorf("version %d, want 3: the opening, their event, ours", v)
	}
	status, body, _ = other.do(t, tokLead, "GET", casePath(c.ID, ""), nil)
	wantBody(t, status, body, http.StatusOK, want)
}

// TestApplyStoredGivesUp: a record that changes under every attempt is a
// 409 after maxApplyAttempts reads, with nothing written.
func TestApplyStoredGivesUp(t *testing.T) {
	st := openSQLite(t, filepath.Join(t.TempDir(), "state.db"))
	spy := &interceptStore{Store: st, beforeUpdate: func(int) error { return store.ErrConflict }}
	ts := newServerOver(t, spy, 0)
	c := openReview(t, ts)

	path := casePath(c.ID, "/events")
	status, body, hdr := ts.do(t, tokLead, "POST", path, reschedule(c, "move", 1))
	wantProblem(t, status, body, hdr, problem(http.StatusConflict, "conflict", "Conflict",
		"the record changed while the request ran; send it again", path))
	if gets, updates := spy.counts(); gets != maxApplyAttempts || updates != maxApplyAttempts {
		t.Errorf("%d reads and %d writes, want %d of each", gets, updates, maxApplyAttempts)
	}
	if v := versionIn(t, st, c.ID); v != 1 {
		t.Errorf("version %d, want 1", v)
	}
}

// TestApplyStoredWaitsNoLongerThanItsRequest: a writer whose record
// another writer holds past the request's deadline answers 503, and
// changes nothing.
func TestApplyStoredWaitsNoLongerThanItsRequest(t *testing.T) {
	st := openSQLite(t, filepath.Join(t.TempDir(), "state.db"))
	ts := newServerOver(t, st, time.Millisecond)
	c := openReview(t, newServerOver(t, st, 0))

	unlock, err := ts.locks.lock(context.Background(), recordKey{store.KindCase, c.ID})
	if err != nil {
		t.Fatal(err)
	}
	path := casePath(c.ID, "/events")
	status, body, hdr := ts.do(t, tokLead, "POST", path, reschedule(c, "move", 1))
	wantProblem(t, status, body, hdr, problem(http.StatusServiceUnavailable, "record-busy", "Record busy",
		"other writers held case "+c.ID+" until this request's deadline; nothing was changed, send it again", path))
	if got := hdr.Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After %q, want 1", got)
	}
	unlock()
	if v := versionIn(t, st, c.ID); v != 1 {
		t.Errorf("version %d, want 1", v)
	}
	if n := ts.locks.size(); n != 0 {
		t.Errorf("%d locks left in the table, want 0", n)
	}
}

// TestApplyStoredStoreTimeout: a store that does not answer before the
// request's deadline is a 503 that says so, not a 500.
func TestApplyStoredStoreTimeout(t *testing.T) {
	st := openSQLite(t, filepath.Join(t.TempDir(), "state.db"))
	c := openReview(t, newServerOver(t, st, 0))
	stuck := &interceptStore{Store: st, get: func(ctx context.Context) (store.Record, error) {
		<-ctx.Done()
		return store.Record{}, ctx.Err()
	}}
	ts := newServerOver(t, stuck, time.Millisecond)
	path := casePath(c.ID, "/events")
	status, body, hdr := ts.do(t, tokLead, "POST", path, reschedule(c, "move", 1))
	wantProblem(t, status, body, hdr, problem(http.StatusServiceUnavailable, "timeout", "Request timed out",
		"the store did not answer before this request's deadline; send it again", path))
}

// TestRecordLocks: writers of one record take turns, a waiter gives up
// when its context ends, writers of another record do not wait, and the
// table empties when nobody holds or waits.
func TestRecordLocks(t *testing.T) {
	var l recordLocks
	a, b := recordKey{store.KindCase, "a"}, recordKey{store.KindDispute, "a"}
	unlockA, err := l.lock(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	unlockB, err := l.lock(context.Background(), b)
	if err != nil {
		t.Fatalf("another kind's record waited: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := l.lock(ctx, a); !errors.Is(err, context.Canceled) {
		t.Errorf("a held record with the context ended: %v, want context.Canceled", err)
	}
	if n := l.size(); n != 2 {
		t.Errorf("%d locks while two are held, want 2", n)
	}
	got := make(chan func())
	go func() {
		unlock, err := l.lock(context.Background(), a)
		if err != nil {
			t.Error(err)
		}
		got <- unlock
	}()
	unlockA()
	(<-got)()
	unlockB()
	if n := l.size(); n != 0 {
		t.Errorf("%d locks left, want 0", n)
	}
}

// TestTwoReplicasOneCase: two servers, each over its own pool of one
// SQLite database as two processes are, take distinct events for one
// case at once; each event is in the case once, and the version grew by
// one for each.
func TestTwoReplicasOneCase(t *testing.T) {
	unbounded := regexp.MustCompile(`(?m)^\s*max_reschedules:\s*\d+\s*\n`).ReplaceAll(coaching.DefaultPolicySource(), nil)
	file := filepath.Join(t.TempDir(), "state.db")
	replicas := []*testServer{
		newServerOver(t, openSQLite(t, file), 0, "coaching.yaml", string(unbounded)),
		newServerOver(t, openSQLite(t, file), 0, "coaching.yaml", string(unbounded)),
	}
	pol := replicas[0].Policies().Coaching
	c := openReview(t, replicas[0])

	const writers = 16
	statuses := make([]int, writers)
	bodies := make([][]byte, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i], bodies[i], _ = replicas[i%2].do(t, tokLead, "POST", casePath(c.ID, "/events"), reschedule(c, fmt.Sprintf("move-%02d", i), i+1))
		}()
	}
	wg.Wait()
	for i := range writers {
		if statuses[i] != http.StatusOK {
			t.Errorf("writer %d: %d %s", i, statuses[i], bodies[i])
		}
	}
	status, body, _ := replicas[1].do(t, tokLead, "GET", casePath(c.ID, ""), nil)
	var got coaching.Case
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("%d %s: %v", status, body, err)
	}
	seen := map[string]int{}
	for _, e := range got.History {
		seen[e.ID]++
	}
	for i := range writers {
		if id := fmt.Sprintf("move-%02d", i); seen[id] != 1 {
			t.Errorf("event %s is in the history %d times, want once", id, seen[id])
		}
	}
	if len(got.History) != writers {
		t.Errorf("%d events in the history, want %d", len(got.History), writers)
	}
	want := c
	for _, e := range got.History {
		e.Case = c.ID
		want = caseOf(t)(pol.Apply(want, e))
	}
	wantBody(t, status, body, http.StatusOK, want)
	if v := versionIn(t, openSQLite(t, file), c.ID); v != writers+1 {
		t.Errorf("version %d, want %d: one per event", v, writers+1)
	}
}
