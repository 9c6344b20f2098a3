package store

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// ErrSchemaNewer is returned by Open when the database has migrations this
// build does not know: a newer callfloord has used it.
var ErrSchemaNewer = errors.New("schema newer than this build")

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// migration is one schema change, applied once, in version order.
type migration struct {
	version int
	name    string
	sql     string
}

// migrationsOf returns a dialect's migrations, numbered 1, 2, 3... with
// no gap, so that a version recorded in a database means one schema.
func migrationsOf(dialect string) ([]migration, error) {
	dir := path.Join("migrations", dialect)
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("store: migration %s/%s is not named NNNN_name.sql", dir, e.Name())
		}
		src, err := fs.ReadFile(migrationFiles, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(src)})
	}
	for i, m := range ms { // ReadDir sorts by name, so by version
		if m.version != i+1 {
			return nil, fmt.Errorf("store: migration %s/%s should be version %d", dir, m.name, i+1)
		}
	}
	return ms, nil
}

// newerError says which versions met when the database is ahead.
func newerError(have, known int) error {
	return fmt.Errorf("%w: the database is at version %d, this callfloord knows up to %d; run a newer callfloord", ErrSchemaNewer, have, known)
}
