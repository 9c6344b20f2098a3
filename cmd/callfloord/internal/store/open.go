package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
)

// dsnForms is what Open accepts, for the error that refuses anything else.
const dsnForms = "sqlite:PATH, a PATH ending in .db, postgres://... or postgresql://..."

// target is a parsed DSN: which database, and how to reach it.
type target struct {
	// sqlitePath is the SQLite file, when the DSN names one.
	sqlitePath string
	// postgres is the pool's configuration, when the DSN names PostgreSQL.
	postgres *pgxpool.Config
}

// Open opens the database dsn names and brings its schema up to date:
//
//   - "sqlite:PATH", or a PATH ending in ".db", is a SQLite file, created
//     when missing (its directory must exist). PATH is a file name taken
//     as it is, not a URI: "sqlite:/var/lib/callfloord/state.db".
//   - "postgres://..." or "postgresql://..." is PostgreSQL, in the URL
//     form libpq and pgx accept, pool settings such as pool_max_conns
//     included.
//
// Open fails, changing nothing, when the database's schema is newer than
// this build knows (ErrSchemaNewer): an older binary must not write to a
// database a newer one has migrated.
func Open(ctx context.Context, dsn string) (Store, error) {
	t, err := parseDSN(dsn)
	if err != nil {
		return nil, err
	}
	if t.postgres != nil {
		return openPostgres(ctx, t.postgres)
	}
	return openSQLite(ctx, t.sqlitePath)
}

// parseDSN tells which database dsn names. Its errors never repeat the
// DSN, which may hold a password; pgx's own parse errors mask it.
func parseDSN(dsn string) (target, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		cfg, err := pgxpool.ParseConfig(dsn)
		if err != nil {
			return target{}, fmt.Errorf("store: postgres DSN: %w", err)
		}
		if !strings.Contains(dsn, "pool_max_conns") {
			cfg.MaxConns = DefaultPostgresConns
		}
		return target{postgres: cfg}, nil
	case strings.HasPrefix(dsn, "sqlite:"):
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" {
			return target{}, errors.New("store: sqlite DSN names no file: write sqlite:PATH")
		}
		if strings.HasPrefix(path, "//") {
			// The URL form sqlite:///abs/path has an empty host; any other
			// host would silently become part of the file name.
			if !strings.HasPrefix(path, "///") {
				return target{}, errors.New("store: sqlite DSN has a host: write sqlite:PATH or sqlite:///ABSOLUTE/PATH")
			}
			path = path[2:]
		}
		return checkSQLitePath(path)
	case strings.HasSuffix(dsn, ".db") && !hasScheme(dsn):
		return checkSQLitePath(dsn)
	case dsn == "":
		return target{}, fmt.Errorf("store: no database named: use %s", dsnForms)
	}
	return target{}, fmt.Errorf("store: unknown database%s: use %s", schemeOf(dsn), dsnForms)
}

// checkSQLitePath refuses the file names SQLite would take for something
// other than a file of the service's own.
func checkSQLitePath(path string) (target, error) {
	switch {
	case path == ":memory:" || strings.HasPrefix(path, "file:"):
		return target{}, errors.New("store: sqlite DSN must name a file, not a memory database or a URI: write sqlite:PATH")
	case strings.ContainsRune(path, 0):
		return target{}, errors.New("store: sqlite file name holds a NUL byte")
	}
	return target{sqlitePath: path}, nil
}

// hasScheme reports whether dsn starts as a URL does, "x:" or "x://",
// which in a bare file name is most likely a mistyped form, "sqlite3:x.db"
// or "file:x.db". A drive letter, "C:", is not a scheme.
func hasScheme(dsn string) bool {
	i := strings.Index(dsn, ":")
	return schemeOf(dsn) != "" && i > 1
}

// schemeOf returns ` (scheme "x")` when dsn starts with a URL scheme, so
// that a refusal says what it saw without repeating the rest of the DSN.
func schemeOf(dsn string) string {
	i := strings.Index(dsn, ":")
	if i <= 0 || i > 32 {
		return ""
	}
	for j, c := range dsn[:i] {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (j == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return ""
		}
	}
	return fmt.Sprintf(" (scheme %q)", dsn[:i])
}

// DefaultPostgresConns is the size of the PostgreSQL connection pool when
// the DSN does not set pool_max_conns. pgx's own default, four on a small
// machine, queues every request that writes behind a few commits' fsync:
// on two cores 16 served 2.5 times the audited reads per second.
const DefaultPostgresConns = 16
