package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite" // registers the "sqlite" driver, pure Go
)

// sqliteParams configures every connection: wait up to 5 s for another
// writer (another process on the same file) rather than fail at once;
// synchronous=FULL so that a committed write survives a crash or kill -9;
// and BEGIN IMMEDIATE so that a transaction takes the write lock before it
// reads, never failing half-way on an upgrade from reader to writer.
// Write-ahead logging, so that readers never wait for the writer, is a
// property of the file, set once by setWAL.
const sqliteParams = "_pragma=busy_timeout(5000)&_pragma=synchronous(FULL)&_txlock=immediate"

// sqliteBusyWait is how long setWAL waits for another process, as the
// busy timeout does for every other statement.
const sqliteBusyWait = 5 * time.Second

// sqliteBusy is SQLITE_BUSY, the primary result code of a locked file.
const sqliteBusy = 5

// sqliteMaxConns bounds the pool: readers run concurrently, writers take
// turns anyway.
const sqliteMaxConns = 8

// sqliteStore is a Store in one SQLite file.
type sqliteStore struct {
	db *sql.DB
	// writer is held by whoever writes: SQLite takes one writer at a time,
	// and waiting here, with the context, is cheaper and fairer than
	// SQLite's busy loop. The busy timeout still covers other processes.
	writer chan struct{}
}

var _ Store = (*sqliteStore)(nil)

// openSQLite opens (creating it when missing) and migrates the file path.
func openSQLite(ctx context.Context, path string) (*sqliteStore, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: sqlite file %s: %w", path, err)
	}
	// SQLite would create a missing file readable by all; the cases hold
	// what people said in confidence, so only the service's user may read
	// them. SQLite gives its -wal and -shm files the same mode.
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("store: sqlite %s: %w", path, err)
	}
	f.Close()
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	// The driver opens names as URIs: escape the path so that a "?" or "%"
	// in it stays part of the file name.
	dsn := "file:" + (&url.URL{Path: p}).EscapedPath() + "?" + sqliteParams
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: sqlite %s: %w", path, err)
	}
	db.SetMaxOpenConns(sqliteMaxConns)
	db.SetMaxIdleConns(sqliteMaxConns)
	s := &sqliteStore{db: db, writer: make(chan struct{}, 1)}
	if err := s.setWAL(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: sqlite %s: %w", path, err)
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: sqlite %s: %w", path, err)
	}
	return s, nil
}

// setWAL puts the file in write-ahead logging mode. Switching a new file
// takes an exclusive lock and, when another process is switching it at the
// same moment, fails at once with SQLITE_BUSY, the busy timeout
// notwithstanding; so setWAL tries again, for as long as the busy timeout
// would have waited. On a file already in WAL mode it changes nothing.
func (s *sqliteStore) setWAL(ctx context.Context) error {
	deadline := time.Now().Add(sqliteBusyWait)
	for delay := time.Millisecond; ; delay = min(2*delay, 100*time.Millisecond) {
		var mode string
		err := s.db.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode)
		var se *sqlite.Error
		switch {
		case err == nil && mode == "wal":
			return nil
		case err == nil:
			return fmt.Errorf("journal mode stays %s, not wal", mode)
		case !errors.As(err, &se) || se.Code()&0xff != sqliteBusy || time.Now().After(deadline):
			return fmt.Errorf("write-ahead logging: %w", err)
		}
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// migrate applies the migrations the file lacks, in one BEGIN IMMEDIATE
// transaction, so that two processes opening a new file at once apply
// them once: the second waits, then finds them applied.
func (s *sqliteStore) migrate(ctx context.Context) error {
	ms, err := migrationsOf("sqlite")
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		applied TEXT NOT NULL
	)`); err != nil {
		return err
	}
	var have int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return err
	}
	if have > len(ms) {
		return newerError(have, len(ms))
	}
	for _, m := range ms[have:] {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		at, _ := encodeTime("applied", time.Now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied) VALUES (?, ?)`, m.version, at); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return tx.Commit()
}

// lock waits for the writer's turn, or for ctx to end.
func (s *sqliteStore) lock(ctx context.Context) error {
	select {
	case s.writer <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *sqliteStore) unlock() { <-s.writer }

func (s *sqliteStore) Create(ctx context.Context, r Record) error {
	w, err := rowOf(r)
	if err != nil {
		return err
	}
	if err := s.lock(ctx); err != nil {
		return err
	}
	defer s.unlock()
	res, err := s.db.ExecContext(ctx, `INSERT INTO records (kind, id, subject, open, version, doc, updated)
		VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT (kind, id) DO NOTHING`,
		w.kind, w.id, w.subject, w.open, w.doc, w.updated)
	if err != nil {
		return fmt.Errorf("store: create %s %s: %w", r.Kind, r.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ErrExists
	}
	return nil
}

func (s *sqliteStore) Get(ctx context.Context, kind Kind, id string) (Record, error) {
	w := row{kind: string(kind), id: id}
	err := s.db.QueryRowContext(ctx, `SELECT subject, open, version, doc, updated FROM records
		WHERE kind = ? AND id = ?`, w.kind, w.id).Scan(&w.subject, &w.open, &w.version, &w.doc, &w.updated)
	if errors.Is(err, sql.ErrNoRows) {
		return Record{}, ErrNotFound
	}
	if err != nil {
		return Record{}, fmt.Errorf("store: get %s %s: %w", kind, id, err)
	}
	return w.record()
}

func (s *sqliteStore) Update(ctx context.Context, r Record) error {
	w, err := rowOf(r)
	if err != nil {
		return err
	}
	if err := s.lock(ctx); err != nil {
		return err
	}
	defer s.unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: update %s %s: %w", r.Kind, r.ID, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE records SET subject = ?, open = ?, version = ?, doc = ?, updated = ?
		WHERE kind = ? AND id = ? AND version = ?`,
		w.subject, w.open, w.version, w.doc, w.updated, w.kind, w.id, w.version-1)
	if err != nil {
		return fmt.Errorf("store: update %s %s: %w", r.Kind, r.ID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		var exists bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM records WHERE kind = ? AND id = ?)`,
			w.kind, w.id).Scan(&exists); err != nil {
			return fmt.Errorf("store: update %s %s: %w", r.Kind, r.ID, err)
		}
		if exists {
			return ErrConflict
		}
		return ErrNotFound
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: update %s %s: %w", r.Kind, r.ID, err)
	}
	return nil
}

func (s *sqliteStore) ListOpen(ctx context.Context, kind Kind, subject string, limit int) ([]Record, error) {
	if err := checkLimit(limit); err != nil {
		return nil, err
	}
	q := `SELECT id, subject, version, doc, updated FROM records
		WHERE kind = ? AND open = 1 ORDER BY id LIMIT ?`
	args := []any{string(kind), limit}
	if subject != "" {
		q = `SELECT id, subject, version, doc, updated FROM records
			WHERE kind = ? AND open = 1 AND subject = ? ORDER BY id LIMIT ?`
		args = []any{string(kind), subject, limit}
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list open %s: %w", kind, err)
	}
	defer rows.Close()
	return scanOpen(kind, rows)
}

func (s *sqliteStore) Audit(ctx context.Context, e AuditEntry) error {
	a, err := auditRowOf(e)
	if err != nil {
		return err
	}
	if err := s.lock(ctx); err != nil {
		return err
	}
	defer s.unlock()
	if _, err := s.db.ExecContext(ctx, `INSERT INTO audit (at, person, role, action, subject, purpose)
		VALUES (?, ?, ?, ?, ?, ?)`, a.at, a.person, a.role, a.action, a.subject, a.purpose); err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	return nil
}

// Ping reads the schema's version, which touches the file, where a bare
// ping of an open connection would not.
func (s *sqliteStore) Ping(ctx context.Context) error {
	var v int
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return fmt.Errorf("store: sqlite ping: %w", err)
	}
	return nil
}

func (s *sqliteStore) Close() error { return s.db.Close() }
