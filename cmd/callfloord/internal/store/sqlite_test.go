package store

import (
	"context"
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
