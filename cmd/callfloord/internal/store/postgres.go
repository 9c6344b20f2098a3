package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// migrationLock is the advisory lock key under which PostgreSQL
// migrations run ("callfloo" in ASCII), so that two processes starting at
// once apply them once.
const migrationLock int64 = 0x63616c6c666c6f6f

// pgStore is a Store in PostgreSQL.
type pgStore struct {
	pool *pgxpool.Pool
}

var _ Store = (*pgStore)(nil)

// openPostgres connects and migrates.
func openPostgres(ctx context.Context, cfg *pgxpool.Config) (*pgStore, error) {
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: postgres: %w", err)
	}
	s := &pgStore{pool: pool}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: postgres: %w", err)
	}
	return s, nil
}

// migrate applies the migrations the database lacks in one transaction
// under an advisory lock: PostgreSQL's DDL is transactional, so a failed
// migration leaves nothing behind, and a second process waits for the
// first, then finds them applied.
func (s *pgStore) migrate(ctx context.Context) error {
	ms, err := migrationsOf("postgres")
	if err != nil {
		return err
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY,
		applied text NOT NULL
	)`); err != nil {
		return err
	}
	var have int
	if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return err
	}
	if have > len(ms) {
		return newerError(have, len(ms))
	}
	for _, m := range ms[have:] {
		if _, err := tx.Exec(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		at, _ := encodeTime("applied", time.Now())
		if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, applied) VALUES ($1, $2)`, m.version, at); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return tx.Commit(ctx)
}

func (s *pgStore) Create(ctx context.Context, r Record) error {
	w, err := rowOf(r)
	if err != nil {
		return err
	}
	tag, err := s.pool.Exec(ctx, `INSERT INTO records (kind, id, subject, open, version, doc, updated)
		VALUES ($1, $2, $3, $4, 1, $5, $6) ON CONFLICT (kind, id) DO NOTHING`,
		w.kind, w.id, w.subject, w.open, w.doc, w.updated)
	if err != nil {
		return fmt.Errorf("store: create %s %s: %w", r.Kind, r.ID, err)
	}
	if tag.RowsAffected() == 0 {
		return ErrExists
	}
	return nil
}

func (s *pgStore) Get(ctx context.Context, kind Kind, id string) (Record, error) {
	w := row{kind: string(kind), id: id}
	err := s.pool.QueryRow(ctx, `SELECT subject, open, version, doc, updated FROM records
		WHERE kind = $1 AND id = $2`, w.kind, w.id).Scan(&w.subject, &w.open, &w.version, &w.doc, &w.updated)
	if errors.Is(err, pgx.ErrNoRows) {
		return Record{}, ErrNotFound
	}
	if err != nil {
		return Record{}, fmt.Errorf("store: get %s %s: %w", kind, id, err)
	}
	return w.record()
}

// Update is one statement, so one transaction and one round trip: the
// UPDATE takes the row only at the expected version, and the same
// statement tells a missing record from a newer one. Under READ
// COMMITTED a concurrent writer's UPDATE makes this one wait, then see
// the new version and match nothing: a conflict, never a lost update.
func (s *pgStore) Update(ctx context.Context, r Record) error {
	w, err := rowOf(r)
	if err != nil {
		return err
	}
	var updated, exists bool
	err = s.pool.QueryRow(ctx, `WITH u AS (
			UPDATE records SET subject = $3, open = $4, version = $5, doc = $6, updated = $7
			WHERE kind = $1 AND id = $2 AND version = $8
			RETURNING 1
		)
		SELECT EXISTS (SELECT 1 FROM u), EXISTS (SELECT 1 FROM records WHERE kind = $1 AND id = $2)`,
		w.kind, w.id, w.subject, w.open, w.version, w.doc, w.updated, w.version-1).Scan(&updated, &exists)
	switch {
	case err != nil:
		return fmt.Errorf("store: update %s %s: %w", r.Kind, r.ID, err)
	case updated:
		return nil
	case exists:
		return ErrConflict
	}
	return ErrNotFound
}

func (s *pgStore) ListOpen(ctx context.Context, kind Kind, subject string, limit int) ([]Record, error) {
	if err := checkLimit(limit); err != nil {
		return nil, err
	}
	q := `SELECT id, subject, version, doc, updated FROM records
		WHERE kind = $1 AND open ORDER BY id LIMIT $2`
	args := []any{string(kind), limit}
	if subject != "" {
		q = `SELECT id, subject, version, doc, updated FROM records
			WHERE kind = $1 AND open AND subject = $2 ORDER BY id LIMIT $3`
		args = []any{string(kind), subject, limit}
	}
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list open %s: %w", kind, err)
	}
	defer rows.Close()
	return scanOpen(kind, rows)
}

func (s *pgStore) Audit(ctx context.Context, e AuditEntry) error {
	a, err := auditRowOf(e)
	if err != nil {
		return err
	}
	if _, err := s.pool.Exec(ctx, `INSERT INTO audit (at, person, role, action, subject, purpose)
		VALUES ($1, $2, $3, $4, $5, $6)`, a.at, a.person, a.role, a.action, a.subject, a.purpose); err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	return nil
}

func (s *pgStore) Ping(ctx context.Context) error {
	var v int
	if err := s.pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return fmt.Errorf("store: postgres ping: %w", err)
	}
	return nil
}

func (s *pgStore) Close() error {
	s.pool.Close()
	return nil
}
