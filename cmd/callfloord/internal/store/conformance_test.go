package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// freshDatabase returns the DSN of a new, empty database that lives as
// long as the test.
type freshDatabase func(t testing.TB) string

// rawStore is what the conformance suite reaches beneath the interface,
// to try what the service cannot do (change the audit trail) and to see
// what was written.
type rawStore interface {
	Store
	execRaw(ctx context.Context, query string) error
	auditRows(ctx context.Context) ([]AuditEntry, error)
	migrationVersions(ctx context.Context) ([]int, error)
}

// testConformance is the one suite every database passes.
func testConformance(t *testing.T, fresh freshDatabase) {
	tests := []struct {
		name string
		run  func(t *testing.T, fresh freshDatabase)
	}{
		{"CreateGet", testCreateGet},
		{"UpdateVersions", testUpdateVersions},
		{"ListOpen", testListOpen},
		{"ListOpenLimit", testListOpenLimit},
		{"RoundTrip", testRoundTrip},
		{"Refused", testRefused},
		{"Audit", testAudit},
		{"Migrations", testMigrations},
		{"SchemaNewer", testSchemaNewer},
		{"CanceledContext", testCanceledContext},
		{"PingClose", testPingClose},
		{"ConcurrentUpdates", testConcurrentUpdates},
		{"RacingOpens", testRacingOpens},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, fresh) })
	}
}

// openT opens dsn and closes it when the test ends.
func openT(t testing.TB, dsn string) rawStore {
	t.Helper()
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s.(rawStore)
}

// at is a fixed instant, with nanoseconds, so that no test depends on the
// clock.
var at = time.Date(2025, 3, 14, 9, 26, 53, 589793238, time.UTC)

func caseRecord(id, subject string, open bool) Record {
	return Record{Kind: KindCase, ID: id, Subject: subject, Open: open, Version: 1,
		Doc: []byte(fmt.Sprintf(`{"id":%q,"subject":%q}`, id, subject)), Updated: at}
}

// sameRecord fails unless got is want exactly: times as the same instant,
// in UTC, and docs byte for byte.
func sameRecord(t testing.TB, got, want Record) {
	t.Helper()
	if got.Kind != want.Kind || got.ID != want.ID || got.Subject != want.Subject ||
		got.Open != want.Open || got.Version != want.Version {
		t.Errorf("record = %s/%s subject %q open %v version %d, want %s/%s subject %q open %v version %d",
			got.Kind, got.ID, got.Subject, got.Open, got.Version, want.Kind, want.ID, want.Subject, want.Open, want.Version)
	}
	if !bytes.Equal(got.Doc, want.Doc) {
		t.Errorf("doc = %q, want %q", got.Doc, want.Doc)
	}
	if !got.Updated.Equal(want.Updated) || got.Updated.Location() != time.UTC {
		t.Errorf("updated = %v, want %v in UTC", got.Updated, want.Updated.UTC())
	}
}

func mustGet(t testing.TB, s Store, kind Kind, id string) Record {
	t.Helper()
	r, err := s.Get(context.Background(), kind, id)
	if err != nil {
		t.Fatalf("Get(%s, %s): %v", kind, id, err)
	}
	return r
}

func testCreateGet(t *testing.T, fresh freshDatabase) {
	ctx := context.Background()
	s := openT(t, fresh(t))
	r := caseRecord("c-1", "ana", true)
	r.Version = 7 // Create stores version 1 whatever the caller says
	if err := s.Create(ctx, r); err != nil {
		t.Fatalf("Create: %v", err)
	}
	want := r
	want.Version = 1
	sameRecord(t, mustGet(t, s, KindCase, "c-1"), want)

	other := caseRecord("c-1", "ben", false)
	if err := s.Create(ctx, other); !errors.Is(err, ErrExists) {
		t.Fatalf("Create again = %v, want ErrExists", err)
	}
	sameRecord(t, mustGet(t, s, KindCase, "c-1"), want)

	// The same id under another kind is another record.
	d := Record{Kind: KindDispute, ID: "c-1", Subject: "cai", Open: true, Doc: []byte(`{}`), Updated: at}
	if err := s.Create(ctx, d); err != nil {
		t.Fatalf("Create dispute: %v", err)
	}
	d.Version = 1
	sameRecord(t, mustGet(t, s, KindDispute, "c-1"), d)
	sameRecord(t, mustGet(t, s, KindCase, "c-1"), want)

	for _, k := range []struct {
		kind Kind
		id   string
	}{{KindCase, "c-2"}, {KindCase, "C-1"}, {KindCase, "c-1 "}, {Kind("other"), "c-1"}, {KindCase, ""}} {
		if _, err := s.Get(ctx, k.kind, k.id); !errors.Is(err, ErrNotFound) {
			t.Errorf("Get(%s, %q) = %v, want ErrNotFound", k.kind, k.id, err)
		}
	}
}

func testUpdateVersions(t *testing.T, fresh freshDatabase) {
	ctx := context.Background()
	s := openT(t, fresh(t))
	r := caseRecord("c-1", "ana", true)
	if err := s.Create(ctx, r); err != nil {
		t.Fatal(err)
	}
	for v := int64(2); v <= 3; v++ {
		r.Version = v
		r.Doc = []byte(fmt.Sprintf(`{"version":%d}`, v))
		r.Updated = at.Add(time.Duration(v) * time.Nanosecond)
		r.Open = v == 2
		r.Subject = fmt.Sprintf("person-%d", v)
		if err := s.Update(ctx, r); err != nil {
			t.Fatalf("Update to %d: %v", v, err)
		}
		sameRecord(t, mustGet(t, s, KindCase, "c-1"), r)
	}
	stored := r

	for _, tc := range []struct {
		name    string
		kind    Kind
		id      string
		version int64
		want    error
	}{
		{"stale: stored is 3, not 2", KindCase, "c-1", 3, ErrConflict},
		{"ahead: stored is 3, not 4", KindCase, "c-1", 5, ErrConflict},
		{"version 1 never follows a stored one", KindCase, "c-1", 1, ErrConflict},
		{"version 0", KindCase, "c-1", 0, ErrConflict},
		{"negative version", KindCase, "c-1", -1, ErrConflict},
		{"missing id", KindCase, "c-2", 2, ErrNotFound},
		{"missing id at version 1", KindCase, "c-2", 1, ErrNotFound},
		{"other kind", KindDispute, "c-1", 4, ErrNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := caseRecord(tc.id, "mallory", false)
			u.Kind, u.Version, u.Doc = tc.kind, tc.version, []byte(`{"lost":true}`)
			if err := s.Update(ctx, u); !errors.Is(err, tc.want) {
				t.Fatalf("Update = %v, want %v", err, tc.want)
			}
			sameRecord(t, mustGet(t, s, KindCase, "c-1"), stored)
			if _, err := s.Get(ctx, KindCase, "c-2"); !errors.Is(err, ErrNotFound) {
				t.Fatalf("a refused Update created c-2: %v", err)
			}
		})
	}

	// The next version still goes through after the refusals.
	r.Version = 4
	if err := s.Update(ctx, r); err != nil {
		t.Fatalf("Update to 4: %v", err)
	}
	sameRecord(t, mustGet(t, s, KindCase, "c-1"), r)
}

func ids(rs []Record) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func testListOpen(t *testing.T, fresh freshDatabase) {
	ctx := context.Background()
	s := openT(t, fresh(t))
	for _, r := range []Record{
		caseRecord("a2", "ana", true),
		caseRecord("a10", "ana", true),
		caseRecord("a1", "ben", true),
		caseRecord("B1", "ana", true), // sorts before "a": byte order
		caseRecord("é1", "ana", true), // sorts after ASCII: byte order
		caseRecord("a3", "ana", false),
		caseRecord("a4", "Ana", true), // subjects match exactly
		{Kind: KindDispute, ID: "a0", Subject: "ana", Open: true, Doc: []byte(`{}`), Updated: at},
	} {
		if err := s.Create(ctx, r); err != nil {
			t.Fatalf("Create %s: %v", r.ID, err)
		}
	}
	tests := []struct {
		kind    Kind
		subject string
		limit   int
		want    []string
	}{
		{KindCase, "", 100, []string{"B1", "a1", "a10", "a2", "a4", "é1"}},
		{KindCase, "ana", 100, []string{"B1", "a10", "a2", "é1"}},
		{KindCase, "ana", 4, []string{"B1", "a10", "a2", "é1"}},
		{KindCase, "ana", 3, []string{"B1", "a10", "a2"}},
		{KindCase, "ana", 1, []string{"B1"}},
		{KindCase, "", 2, []string{"B1", "a1"}},
		{KindCase, "Ana", 100, []string{"a4"}},
		{KindCase, "ben", 100, []string{"a1"}},
		{KindCase, "nobody", 100, []string{}},
		{KindCase, "an", 100, []string{}},
		{KindDispute, "", 100, []string{"a0"}},
		{KindDispute, "ben", 100, []string{}},
		{Kind("other"), "", 100, []string{}},
	}
	for _, tc := range tests {
		got, err := s.ListOpen(ctx, tc.kind, tc.subject, tc.limit)
		if err != nil {
			t.Fatalf("ListOpen(%s, %q, %d): %v", tc.kind, tc.subject, tc.limit, err)
		}
		if g := strings.Join(ids(got), ","); g != strings.Join(tc.want, ",") {
			t.Errorf("ListOpen(%s, %q, %d) = [%s], want [%s]", tc.kind, tc.subject, tc.limit, g, strings.Join(tc.want, ","))
		}
	}

	// Listed records are whole.
	got, _ := s.ListOpen(ctx, KindCase, "ben", 10)
	want := caseRecord("a1", "ben", true)
	sameRecord(t, got[0], want)

	// Closing a record takes it off the list; reopening puts it back.
	r := caseRecord("a2", "ana", false)
	r.Version = 2
	if err := s.Update(ctx, r); err != nil {
		t.Fatal(err)
	}
	got, _ = s.ListOpen(ctx, KindCase, "ana", 100)
	if g := strings.Join(ids(got), ","); g != "B1,a10,é1" {
		t.Errorf("after closing a2: [%s], want [B1,a10,é1]", g)
	}
	r.Open, r.Version, r.Subject = true, 3, "ben"
	if err := s.Update(ctx, r); err != nil {
		t.Fatal(err)
	}
	got, _ = s.ListOpen(ctx, KindCase, "ben", 100)
	if g := strings.Join(ids(got), ","); g != "a1,a2" {
		t.Errorf("after reopening a2 for ben: [%s], want [a1,a2]", g)
	}
}

func testListOpenLimit(t *testing.T, fresh freshDatabase) {
	ctx := context.Background()
	s := openT(t, fresh(t))
	for _, limit := range []int{0, -1, -1 << 31} {
		_, err := s.ListOpen(ctx, KindCase, "", limit)
		want := fmt.Sprintf("store: list limit %d is not positive", limit)
		if err == nil || err.Error() != want {
			t.Errorf("ListOpen limit %d = %v, want %q", limit, err, want)
		}
	}
	// An empty store lists nothing, with no error, at any positive limit.
	for _, limit := range []int{1, 1 << 30} {
		got, err := s.ListOpen(ctx, KindCase, "", limit)
		if err != nil || len(got) != 0 {
			t.Errorf("ListOpen limit %d on empty store = %v, %v; want none", limit, ids(got), err)
		}
	}
}

func testRoundTrip(t *testing.T, fresh freshDatabase) {
	ctx := context.Background()
	s := openT(t, fresh(t))
	big := bytes.Repeat([]byte(`{"k":"v"},`), 100_000)
	tests := []struct {
		name    string
		doc     []byte
		updated time.Time
	}{
		{"key order and spacing kept", []byte("{\"b\": 1,\n  \"a\" :[1,2 ]}"), at},
		{"unicode", []byte(`{"s":"café — 中文 😀 \u00e9 \ud83d\ude00"}`), at},
		{"escaped NUL stays an escape", []byte(`{"s":"\u0000"}`), at},
		{"empty", []byte{}, at},
		{"a megabyte", big, at},
		{"nanoseconds", []byte(`{}`), time.Date(2024, 2, 29, 23, 59, 59, 999999999, time.UTC)},
		{"one nanosecond", []byte(`{}`), time.Date(2024, 1, 1, 0, 0, 0, 1, time.UTC)},
		{"east of UTC", []byte(`{}`), time.Date(2024, 3, 1, 1, 30, 0, 123456789, time.FixedZone("IST", 5*3600+1800))},
		{"west of UTC across a day", []byte(`{}`), time.Date(2023, 12, 31, 23, 0, 0, 7, time.FixedZone("-0800", -8*3600))},
		{"named zone", []byte(`{}`), time.Date(2024, 7, 1, 12, 0, 0, 42, mustZone(t, "Asia/Shanghai"))},
		{"zero time", []byte(`{}`), time.Time{}},
		{"year 0", []byte(`{}`), time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"last instant of 9999", []byte(`{}`), time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)},
		{"monotonic reading dropped", []byte(`{}`), time.Unix(1700000000, 5).Add(0)},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id := fmt.Sprintf("r-%02d", i)
			r := Record{Kind: KindCase, ID: id, Subject: "ana", Open: true, Version: 1, Doc: tc.doc, Updated: tc.updated}
			if err := s.Create(ctx, r); err != nil {
				t.Fatalf("Create: %v", err)
			}
			sameRecord(t, mustGet(t, s, KindCase, id), r)
			r.Version = 2
			r.Updated = tc.updated.Add(time.Nanosecond)
			if tc.name == "last instant of 9999" {
				r.Updated = tc.updated.Add(-time.Nanosecond)
			}
			if err := s.Update(ctx, r); err != nil {
				t.Fatalf("Update: %v", err)
			}
			sameRecord(t, mustGet(t, s, KindCase, id), r)
			listed, err := s.ListOpen(ctx, KindCase, "ana", 1000)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range listed {
				if l.ID == id {
					sameRecord(t, l, r)
				}
			}
		})
	}
}

func mustZone(t testing.TB, name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.FixedZone(name, 8*3600)
	}
	return loc
}

// testRefused: what either database could not keep as written is refused
// by both, with the same error, before anything is stored.
func testRefused(t *testing.T, fresh freshDatabase) {
	ctx := context.Background()
	s := openT(t, fresh(t))
	ok := caseRecord("c-1", "ana", true)
	tests := []struct {
		name   string
		change func(*Record)
		want   string
	}{
		{"no kind", func(r *Record) { r.Kind = "" }, "store: record has no kind"},
		{"no id", func(r *Record) { r.ID = "" }, "store: case record has no id"},
		{"doc not UTF-8", func(r *Record) { r.Doc = []byte{'"', 0xff, '"'} }, "store: doc is not valid UTF-8"},
		{"doc with NUL", func(r *Record) { r.Doc = []byte("{\x00}") }, "store: doc holds a NUL byte"},
		{"id with NUL", func(r *Record) { r.ID = "c\x001" }, "store: id holds a NUL byte"},
		{"kind not UTF-8", func(r *Record) { r.Kind = "\xc3" }, "store: kind is not valid UTF-8"},
		{"subject not UTF-8", func(r *Record) { r.Subject = "an\xe4" }, "store: subject is not valid UTF-8"},
		{"year 10000", func(r *Record) { r.Updated = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) },
			"store: updated 10000-01-01T00:00:00Z is outside the years 0000 to 9999"},
		{"year 10000 once in UTC", func(r *Record) {
			r.Updated = time.Date(9999, 12, 31, 23, 0, 0, 0, time.FixedZone("-0200", -2*3600))
		}, "store: updated 10000-01-01T01:00:00Z is outside the years 0000 to 9999"},
		{"year -1", func(r *Record) { r.Updated = time.Date(-1, 12, 31, 0, 0, 0, 0, time.UTC) },
			"store: updated -0001-12-31T00:00:00Z is outside the years 0000 to 9999"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := ok
			tc.change(&r)
			if err := s.Create(ctx, r); err == nil || err.Error() != tc.want {
				t.Errorf("Create = %v, want %q", err, tc.want)
			}
			r.Version = 2
			if err := s.Update(ctx, r); err == nil || err.Error() != tc.want {
				t.Errorf("Update = %v, want %q", err, tc.want)
			}
		})
	}
	if got, _ := s.ListOpen(ctx, KindCase, "", 100); len(got) != 0 {
		t.Errorf("refused records were stored: %v", ids(got))
	}
}

func testAudit(t *testing.T, fresh freshDatabase) {
	ctx := context.Background()
	s := openT(t, fresh(t))
	entries := []AuditEntry{
		{At: at, Person: "lee", Role: "counselor", Action: "mood.triage", Subject: "ana", Purpose: "follow-up"},
		{At: time.Date(2025, 3, 14, 10, 0, 0, 1, time.FixedZone("+0100", 3600)), Person: "ana", Role: "agent", Action: "mood.score", Subject: "ana"},
		{At: at, Person: "hr-1", Role: "hr", Action: "incentives.evaluate", Subject: "*", Purpose: "月度 review"},
		{}, // nothing required: the service decides what it records
	}
	for _, e := range entries {
		if err := s.Audit(ctx, e); err != nil {
			t.Fatalf("Audit(%+v): %v", e, err)
		}
	}
	checkTrail := func() {
		t.Helper()
		got, err := s.auditRows(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(entries) {
			t.Fatalf("audit has %d entries, want %d", len(got), len(entries))
		}
		for i, e := range entries {
			g := got[i]
			if !g.At.Equal(e.At) || g.Person != e.Person || g.Role != e.Role || g.Action != e.Action ||
				g.Subject != e.Subject || g.Purpose != e.Purpose {
				t.Errorf("audit[%d] = %+v, want %+v", i, g, e)
			}
		}
	}
	checkTrail()

	for _, tc := range []struct {
		query, want string
	}{
		{`UPDATE audit SET purpose = 'none'`, "audit is append-only: UPDATE refused"},
		{`UPDATE audit SET person = 'x' WHERE seq = 1`, "audit is append-only: UPDATE refused"},
		{`DELETE FROM audit`, "audit is append-only: DELETE refused"},
		{`DELETE FROM audit WHERE seq = 2`, "audit is append-only: DELETE refused"},
	} {
		err := s.execRaw(ctx, tc.query)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s = %v, want an error with %q", tc.query, err, tc.want)
		}
	}
	checkTrail()

	bad := []struct {
		e    AuditEntry
		want string
	}{
		{AuditEntry{At: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}, "store: at 10000-01-01T00:00:00Z is outside the years 0000 to 9999"},
		{AuditEntry{Purpose: "a\x00b"}, "store: purpose holds a NUL byte"},
		{AuditEntry{Person: "\xff"}, "store: person is not valid UTF-8"},
		{AuditEntry{Role: "\xff"}, "store: role is not valid UTF-8"},
		{AuditEntry{Action: "\xff"}, "store: action is not valid UTF-8"},
		{AuditEntry{Subject: "\xff"}, "store: subject is not valid UTF-8"},
	}
	for _, tc := range bad {
		if err := s.Audit(ctx, tc.e); err == nil || err.Error() != tc.want {
			t.Errorf("Audit(%+v) = %v, want %q", tc.e, err, tc.want)
		}
	}
	checkTrail()
}

func testMigrations(t *testing.T, fresh freshDatabase) {
	ctx := context.Background()
	dsn := fresh(t)
	known, err := migrationsOf(dialectOf(t, dsn))
	if err != nil {
		t.Fatal(err)
	}
	want := make([]int, len(known))
	for i := range known {
		want[i] = i + 1
	}
	first, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Create(ctx, caseRecord("kept", "ana", true)); err != nil {
		t.Fatal(err)
	}
	first.Close()
	// Opening again, and a third time while the second is open, applies
	// nothing twice and keeps what was stored.
	second := openT(t, dsn)
	third := openT(t, dsn)
	for _, s := range []rawStore{second, third} {
		got, err := s.migrationVersions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("applied migrations = %v, want %v", got, want)
		}
		sameRecord(t, mustGet(t, s, KindCase, "kept"), caseRecord("kept", "ana", true))
	}
}

func testSchemaNewer(t *testing.T, fresh freshDatabase) {
	ctx := context.Background()
	dsn := fresh(t)
	known, err := migrationsOf(dialectOf(t, dsn))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	newer := len(known) + 1
	if err := s.(rawStore).execRaw(ctx, fmt.Sprintf(
		`INSERT INTO schema_migrations (version, applied) VALUES (%d, '2099-01-01T00:00:00.000000000Z')`, newer)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Open(ctx, dsn)
	if !errors.Is(err, ErrSchemaNewer) {
		t.Fatalf("Open of a newer schema = %v, want ErrSchemaNewer", err)
	}
	want := fmt.Sprintf("schema newer than this build: the database is at version %d, this callfloord knows up to %d; run a newer callfloord", newer, len(known))
	if !strings.HasSuffix(err.Error(), want) {
		t.Errorf("error = %q, want it to end %q", err, want)
	}
}

func testCanceledContext(t *testing.T, fresh freshDatabase) {
	s := openT(t, fresh(t))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := caseRecord("c-1", "ana", true)
	if err := s.Create(ctx, r); !errors.Is(err, context.Canceled) {
		t.Errorf("Create = %v, want context.Canceled", err)
	}
	if err := s.Create(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	r.Version = 2
	if err := s.Update(ctx, r); !errors.Is(err, context.Canceled) {
		t.Errorf("Update = %v, want context.Canceled", err)
	}
	if _, err := s.Get(ctx, KindCase, "c-1"); !errors.Is(err, context.Canceled) {
		t.Errorf("Get = %v, want context.Canceled", err)
	}
	if _, err := s.ListOpen(ctx, KindCase, "", 10); !errors.Is(err, context.Canceled) {
		t.Errorf("ListOpen = %v, want context.Canceled", err)
	}
	if err := s.Audit(ctx, AuditEntry{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Audit = %v, want context.Canceled", err)
	}
	if err := s.Ping(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Ping = %v, want context.Canceled", err)
	}
	sameRecord(t, mustGet(t, s, KindCase, "c-1"), caseRecord("c-1", "ana", true))
}

func testPingClose(t *testing.T, fresh freshDatabase) {
	ctx := context.Background()
	s, err := Open(ctx, fresh(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("Ping = %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close = %v", err)
	}
	if err := s.Ping(ctx); err == nil {
		t.Error("Ping after Close = nil, want an error")
	}
	if _, err := s.Get(ctx, KindCase, "c-1"); err == nil || errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Close = %v, want an error other than ErrNotFound", err)
	}
}

// testConcurrentUpdates: writers on two connections to the same database
// (two processes, as far as the database can tell) each read, change and
// write back one record, retrying on conflict. Every increment lands once.
func testConcurrentUpdates(t *testing.T, fresh freshDatabase) {
	const writers, increments = 8, 50
	ctx := context.Background()
	dsn := fresh(t)
	stores := []Store{openT(t, dsn), openT(t, dsn)}
	if err := stores[0].Create(ctx, Record{Kind: KindCase, ID: "counter", Subject: "ana", Open: true,
		Doc: []byte(`{"n":0}`), Updated: at}); err != nil {
		t.Fatal(err)
	}
	var (
		wg        sync.WaitGroup
		mu        sync.Mutex
		conflicts int
		errs      []error
	)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(s Store) {
			defer wg.Done()
			for i := 0; i < increments; i++ {
				for {
					r, err := s.Get(ctx, KindCase, "counter")
					if err != nil {
						mu.Lock()
						errs = append(errs, err)
						mu.Unlock()
						return
					}
					var doc struct{ N int }
					if err := json.Unmarshal(r.Doc, &doc); err != nil {
						mu.Lock()
						errs = append(errs, err)
						mu.Unlock()
						return
					}
					r.Doc = []byte(fmt.Sprintf(`{"n":%d}`, doc.N+1))
					r.Version++
					err = s.Update(ctx, r)
					if errors.Is(err, ErrConflict) {
						mu.Lock()
						conflicts++
						mu.Unlock()
						continue
					}
					if err != nil {
						mu.Lock()
						errs = append(errs, err)
						mu.Unlock()
						return
					}
					break
				}
			}
		}(stores[w%len(stores)])
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("writers failed: %v", errors.Join(errs...))
	}
	r := mustGet(t, stores[1], KindCase, "counter")
	if want := fmt.Sprintf(`{"n":%d}`, writers*increments); r.Version != writers*increments+1 || string(r.Doc) != want {
		t.Errorf("after %d increments: version %d, doc %s; want version %d, doc %s",
			writers*increments, r.Version, r.Doc, writers*increments+1, want)
	}
	t.Logf("%d conflicts retried", conflicts)
}

// testRacingOpens: two processes starting at once on a new database both
// come up, and the schema is applied once.
func testRacingOpens(t *testing.T, fresh freshDatabase) {
	const rounds = 3
	ctx := context.Background()
	for round := 0; round < rounds; round++ {
		dsn := fresh(t)
		var (
			wg     sync.WaitGroup
			stores [2]Store
			errs   [2]error
		)
		for i := range stores {
			wg.Add(1)
			go func() {
				defer wg.Done()
				stores[i], errs[i] = Open(ctx, dsn)
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d: Open %d = %v", round, i, err)
			}
			t.Cleanup(func() { stores[i].Close() })
		}
		if err := stores[0].Create(ctx, caseRecord("c-1", "ana", true)); err != nil {
			t.Fatal(err)
		}
		sameRecord(t, mustGet(t, stores[1], KindCase, "c-1"), caseRecord("c-1", "ana", true))
		got, err := stores[1].(rawStore).migrationVersions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		known, _ := migrationsOf(dialectOf(t, dsn))
		if len(got) != len(known) {
			t.Errorf("round %d: applied migrations = %v, want %d of them", round, got, len(known))
		}
	}
}

// dialectOf names the migrations directory of dsn's database.
func dialectOf(t testing.TB, dsn string) string {
	t.Helper()
	tg, err := parseDSN(dsn)
	if err != nil {
		t.Fatal(err)
	}
	if tg.postgres != nil {
		return "postgres"
	}
	return "sqlite"
}
