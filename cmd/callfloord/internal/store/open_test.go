package store

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseDSN(t *testing.T) {
	tests := []struct {
		dsn      string
		sqlite   string // the file, when SQLite
		postgres string // the host, when PostgreSQL
		err      string
	}{
		{dsn: "sqlite:state.db", sqlite: "state.db"},
		{dsn: "sqlite:/var/lib/callfloord/state", sqlite: "/var/lib/callfloord/state"},
		{dsn: "sqlite:///var/lib/callfloord/state.db", sqlite: "/var/lib/callfloord/state.db"},
		{dsn: "sqlite:a?b%20c.db", sqlite: "a?b%20c.db"},
		{dsn: "sqlite:.db", sqlite: ".db"},
		{dsn: "state.db", sqlite: "state.db"},
		{dsn: "/var/lib/callfloord/state.db", sqlite: "/var/lib/callfloord/state.db"},
		{dsn: "./x.db", sqlite: "./x.db"},
		{dsn: `C:\data\state.db`, sqlite: `C:\data\state.db`},
		{dsn: "dir/a:b.db", sqlite: "dir/a:b.db"},
		{dsn: ".db", sqlite: ".db"},
		{dsn: "postgres://u:p@db.example:5433/callfloord?sslmode=disable", postgres: "db.example"},
		{dsn: "postgresql://u@10.0.0.7/callfloord?pool_max_conns=20", postgres: "10.0.0.7"},

		{dsn: "", err: "store: no database named: use sqlite:PATH, a PATH ending in .db, postgres://... or postgresql://..."},
		{dsn: "sqlite:", err: "store: sqlite DSN names no file: write sqlite:PATH"},
		{dsn: "sqlite://host/state.db", err: "store: sqlite DSN has a host: write sqlite:PATH or sqlite:///ABSOLUTE/PATH"},
		{dsn: "sqlite://", err: "store: sqlite DSN has a host: write sqlite:PATH or sqlite:///ABSOLUTE/PATH"},
		{dsn: "sqlite::memory:", err: "store: sqlite DSN must name a file, not a memory database or a URI: write sqlite:PATH"},
		{dsn: "sqlite:file:state.db?mode=ro", err: "store: sqlite DSN must name a file, not a memory database or a URI: write sqlite:PATH"},
		{dsn: "sqlite:a\x00.db", err: "store: sqlite file name holds a NUL byte"},
		{dsn: "a\x00.db", err: "store: sqlite file name holds a NUL byte"},
		{dsn: "state.sqlite", err: "store: unknown database: use sqlite:PATH, a PATH ending in .db, postgres://... or postgresql://..."},
		{dsn: "state.DB", err: "store: unknown database: use sqlite:PATH, a PATH ending in .db, postgres://... or postgresql://..."},
		{dsn: "SQLite:state.db", err: `store: unknown database (scheme "SQLite"): use sqlite:PATH, a PATH ending in .db, postgres://... or postgresql://...`},
		{dsn: "mysql://root:hunter2@db/x", err: `store: unknown database (scheme "mysql"): use sqlite:PATH, a PATH ending in .db, postgres://... or postgresql://...`},
		{dsn: "file:state.db", err: `store: unknown database (scheme "file"): use sqlite:PATH, a PATH ending in .db, postgres://... or postgresql://...`},
		{dsn: "sqlite3:state.db", err: `store: unknown database (scheme "sqlite3"): use sqlite:PATH, a PATH ending in .db, postgres://... or postgresql://...`},
		{dsn: "http://example.com/state.db", err: `store: unknown database (scheme "http"): use sqlite:PATH, a PATH ending in .db, postgres://... or postgresql://...`},
		{dsn: "postgres:/db", err: `store: unknown database (scheme "postgres"): use sqlite:PATH, a PATH ending in .db, postgres://... or postgresql://...`},
		{dsn: "host=db user=u password=hunter2", err: "store: unknown database: use sqlite:PATH, a PATH ending in .db, postgres://... or postgresql://..."},
		{dsn: "Postgres://db/x", err: `store: unknown database (scheme "Postgres"): use sqlite:PATH, a PATH ending in .db, postgres://... or postgresql://...`},
		{dsn: "postgres://u:hunter2@db:port/x", err: "store: postgres DSN: cannot parse `postgres://u:xxxxx@db:port/x`: invalid port"},
		{dsn: "postgres://u:hunter2@db/x?pool_max_conns=0", err: "store: postgres DSN: cannot parse `postgres://u:xxxxx@db/x?pool_max_conns=0`: pool_max_conns too small"},
		{dsn: "postgres://u:hunter2@db/x?sslmode=maybe", err: "store: postgres DSN: cannot parse `postgres://u:xxxxx@db/x?sslmode=maybe`: failed to configure TLS (sslmode is invalid)"},
	}
	for _, tc := range tests {
		t.Run(tc.dsn, func(t *testing.T) {
			got, err := parseDSN(tc.dsn)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("parseDSN = %v, want %q", err, tc.err)
				}
				if strings.Contains(err.Error(), "hunter2") {
					t.Fatalf("the error repeats the password: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseDSN = %v", err)
			}
			if got.sqlitePath != tc.sqlite {
				t.Errorf("sqlite file = %q, want %q", got.sqlitePath, tc.sqlite)
			}
			host := ""
			if got.postgres != nil {
				host = got.postgres.ConnConfig.Host
			}
			if host != tc.postgres {
				t.Errorf("postgres host = %q, want %q", host, tc.postgres)
			}
		})
	}
}

// FuzzParseDSN: no DSN makes parsing panic, every refusal reads as the
// store's own, and no refusal repeats a URL's password.
func FuzzParseDSN(f *testing.F) {
	for _, seed := range []string{
		"", "sqlite:", "sqlite:x.db", "sqlite:///a/b.db", "sqlite://h/x", "sqlite::memory:",
		"sqlite:file:x?mode=memory", "x.db", "a://b.db", "postgres://", "postgresql://u:pw@h:5432/d?sslmode=disable",
		"postgres://u:pw@h:bad/d", "postgres://u:p%zz@h/d", "postgres://[::1]:5432/d", "postgres://u:pw@h/d?pool_max_conns=-1",
		"mysql://x", "host=h password=pw", "\x00.db", "sqlite:\xff", ":", "1:2", "postgres://u:pw@h/d?connect_timeout=9999999999999999999",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, dsn string) {
		got, err := parseDSN(dsn)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "store: ") {
				t.Fatalf("error %q is not the store's", err)
			}
			if u, perr := url.Parse(dsn); perr == nil && u.User != nil {
				if pw, ok := u.User.Password(); ok && len(pw) >= 6 && strings.Contains(err.Error(), pw) {
					t.Fatalf("error %q repeats the password %q", err, pw)
				}
			}
			return
		}
		if (got.sqlitePath == "") == (got.postgres == nil) {
			t.Fatalf("parseDSN(%q) = %+v: neither or both databases", dsn, got)
		}
		if strings.ContainsRune(got.sqlitePath, 0) {
			t.Fatalf("parseDSN(%q) accepted a NUL in the file name", dsn)
		}
	})
}

func TestOpenFails(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	dir := t.TempDir()
	notDB := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("not a database ", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, dsn, prefix string
	}{
		{"unknown form", "mysql://x", `store: unknown database (scheme "mysql")`},
		{"no such directory", "sqlite:" + filepath.Join(dir, "missing", "state.db"), "store: sqlite " + filepath.Join(dir, "missing", "state.db") + ": "},
		{"not a database", "sqlite:" + notDB, "store: sqlite " + notDB + ": "},
		{"nobody listening", "postgres://u:hunter2@127.0.0.1:1/x?sslmode=disable&connect_timeout=5", "store: postgres: "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Open(ctx, tc.dsn)
			if err == nil {
				s.Close()
				t.Fatal("Open = nil error")
			}
			if !strings.HasPrefix(err.Error(), tc.prefix) {
				t.Errorf("Open = %q, want it to start %q", err, tc.prefix)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("the error repeats the password: %v", err)
			}
		})
	}
}

// TestMigrationsAlike: the two databases have the same migrations, so a
// version means the same schema in both.
func TestMigrationsAlike(t *testing.T) {
	lite, err := migrationsOf("sqlite")
	if err != nil {
		t.Fatal(err)
	}
	pg, err := migrationsOf("postgres")
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) == 0 || len(lite) != len(pg) {
		t.Fatalf("%d sqlite and %d postgres migrations, want the same number, at least one", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i].name != pg[i].name || lite[i].version != i+1 {
			t.Errorf("migration %d: sqlite %s (version %d), postgres %s", i+1, lite[i].name, lite[i].version, pg[i].name)
		}
	}
	if _, err := migrationsOf("oracle"); err == nil {
		t.Error("migrationsOf(oracle) = nil error")
	}
}

// A pool the DSN does not size is DefaultPostgresConns; one it sizes
// keeps its size.
func TestPostgresPoolSize(t *testing.T) {
	for dsn, want := range map[string]int32{
		"postgres://u:p@db/x":                   DefaultPostgresConns,
		"postgres://u:p@db/x?pool_max_conns=20": 20,
		"postgres://u:p@db/x?pool_max_conns=1":  1,
	} {
		got, err := parseDSN(dsn)
		if err != nil {
			t.Fatalf("parseDSN(%q) = %v", dsn, err)
		}
		if got.postgres.MaxConns != want {
			t.Errorf("parseDSN(%q): pool of %d, want %d", dsn, got.postgres.MaxConns, want)
		}
	}
}
