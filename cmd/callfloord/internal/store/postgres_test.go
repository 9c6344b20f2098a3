package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// postgresEnv names the variable holding the test server's DSN.
const postgresEnv = "CALLFLOORD_TEST_POSTGRES"

func TestPostgres(t *testing.T) {
	postgresServer(t) // one failure or skip, not one per subtest
	testConformance(t, freshPostgres)
	t.Run("TruncateAudit", func(t *testing.T) {
		s := openT(t, freshPostgres(t))
		err := s.execRaw(context.Background(), `TRUNCATE audit`)
		if want := "audit is append-only: TRUNCATE refused"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("TRUNCATE audit = %v, want an error with %q", err, want)
		}
	})
}

// postgresServer returns the test server's DSN. The PostgreSQL tests fail
// when none is given, so that a run that skipped them cannot pass for a
// run that tested them; CALLFLOORD_TEST_POSTGRES=off skips them on
// purpose.
func postgresServer(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(postgresEnv)
	switch dsn {
	case "":
		t.Fatalf("%s is not set. From the repository root run\n"+
			"\texport %s=$(cmd/callfloord/scripts/test-postgres)\n"+
			"to start a local PostgreSQL and test against it, or set %s=off to skip the PostgreSQL tests.",
			postgresEnv, postgresEnv, postgresEnv)
	case "off":
		t.Skipf("%s=off", postgresEnv)
	}
	return dsn
}

// freshPostgres makes a new schema on the test server, dropped when the
// test ends, and returns a DSN whose search_path is that schema: each test
// has an empty database of its own.
func freshPostgres(t testing.TB) string {
	t.Helper()
	server := postgresServer(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatalf("connect to %s: %v", postgresEnv, err)
	}
	defer conn.Close(ctx)
	b := make([]byte, 8)
	rand.Read(b)
	schema := "callfloord_test_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, server)
		if err != nil {
			t.Errorf("connect to drop schema %s: %v", schema, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("%s: %v", postgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func (s *pgStore) execRaw(ctx context.Context, query string) error {
	_, err := s.pool.Exec(ctx, query)
	return err
}

func (s *pgStore) auditRows(ctx context.Context) ([]AuditEntry, error) {
	rows, err := s.pool.Query(ctx, `SELECT at, person, role, action, subject, purpose FROM audit ORDER BY seq`)
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

func (s *pgStore) migrationVersions(ctx context.Context) ([]int, error) {
	rows, err := s.pool.Query(ctx, `SELECT version FROM schema_migrations ORDER BY version`)
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
