package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
)

func TestSQLite(t *testing.T) {
	testConformance(t, freshSQLite)
}

var sqliteFiles atomic.Int64

// freshSQLite names a new file in the test's temporary directory.
func freshSQLite(t testing.TB) string {
	return "sqlite:" + filepath.Join(t.TempDir(), "callfloord-"+strconv.FormatInt(sqliteFiles.Add(1), 10)+".db")
}

func (s *sqliteStore) execRaw(ctx context.Context, query string) error {
	_, err := s.db.ExecContext(ctx, query)
	return err
}

func (s *sqliteStore) auditRows(ctx context.Context) ([]AuditEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT at, person, role, action, subject, purpose FROM audit ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at string
		if err := rows.Scan(&at, &e.Person, &e.Role, &e.Action, &e.Subject, &e.Purpose); err != nil {
			return nil, err
		}
		if e.At, err = decodeTime("at", at); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func (s *sqliteStore) migrationVersions(ctx context.Context) ([]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT version FROM schema_migrations ORDER BY version`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// TestSQLitePragmas: every pooled connection runs with write-ahead
// logging, a durable commit and a wait for other writers.
func TestSQLitePragmas(t *testing.T) {
	s := openT(t, freshSQLite(t)).(*sqliteStore)
	ctx := context.Background()
	// Hold several connections at once so that the check reaches more
	// than the first.
	var conns []*sql.Conn
	for i := 0; i < sqliteMaxConns; i++ {
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		var journal string
		var synchronous, busy int
		if err := c.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&journal); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&synchronous); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, `PRAGMA busy_timeout`).Scan(&busy); err != nil {
			t.Fatal(err)
		}
		if journal != "wal" || synchronous != 2 || busy != 5000 {
			t.Errorf("connection %d: journal_mode %s, synchronous %d, busy_timeout %d; want wal, 2 (FULL), 5000",
				i, journal, synchronous, busy)
		}
		c.Close()
	}
}

// TestSQLiteEscapedPath: characters that mean something in a URI are part
// of the file name.
func TestSQLiteEscapedPath(t *testing.T) {
	dir := t.TempDir()
	name := "a?b#c%41 d.db"
	s := openT(t, "sqlite:"+filepath.Join(dir, name))
	if err := s.Create(context.Background(), caseRecord("c-1", "ana", true)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
		t.Errorf("the file is not named %q: %v", name, err)
	}
}

// TestSQLiteFileMode: a new file, and the log beside it, are the service's
// own; an existing file keeps the mode its owner gave it.
func TestSQLiteFileMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new.db")
	s := openT(t, "sqlite:"+path)
	if err := s.Create(context.Background(), caseRecord("c-1", "ana", true)); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{path, path + "-wal"} {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want -rw-------", filepath.Base(f), fi.Mode().Perm())
		}
	}

	shared := filepath.Join(dir, "shared.db")
	if err := os.WriteFile(shared, nil, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o640); err != nil {
		t.Fatal(err)
	}
	openT(t, "sqlite:"+shared)
	fi, err := os.Stat(shared)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o640 {
		t.Errorf("existing file: mode %v, want -rw-r-----", fi.Mode().Perm())
	}
}
