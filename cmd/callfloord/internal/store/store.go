// Package store keeps callfloord's stored state: coaching cases, QA
// disputes and the audit trail of confidential reads, in SQLite (a file,
// the default) or PostgreSQL, behind one small interface.
package store

import (
	"context"
	"errors"
	"time"
)

// The errors a Store returns, for callers to test with errors.Is.
var (
	// ErrNotFound: no record of that kind and id.
	ErrNotFound = errors.New("store: no such record")
	// ErrExists: Create found a record of that kind and id already.
	ErrExists = errors.New("store: record exists")
	// ErrConflict: Update's expected version is not the stored one; another
	// writer got there first. Read the record again and retry.
	ErrConflict = errors.New("store: version conflict")
)

// Kind is the kind of a stored record.
type Kind string

// The kinds of record stored.
const (
	// KindCase is a coaching.Case.
	KindCase Kind = "case"
	// KindDispute is a qa.Dispute.
	KindDispute Kind = "dispute"
)

// Record is one stored case or dispute: the library's JSON of the value
// and what the service looks it up by.
type Record struct {
	Kind Kind
	ID   string
	// Subject is the person the record is about: a case's subject, a
	// dispute's evaluated agent.
	Subject string
	// Open is true while the case or dispute is open.
	Open bool
	// Version is 1 when created and grows by one with each update.
	Version int64
	// Doc is the value as the library marshals it.
	Doc []byte
	// Updated is the value's own updated time.
	Updated time.Time
}

// AuditEntry is one read of confidential data: who read what, when, and
// why. It holds no payload.
type AuditEntry struct {
	At      time.Time
	Person  string
	Role    string
	Action  string // the endpoint's name, as "mood.triage"
	Subject string // whose data was read
	Purpose string // why, as the caller stated it
}

// Store is what callfloord needs of a database. Implementations are safe
// for concurrent use.
type Store interface {
	// Create stores r at version 1, or returns ErrExists.
	Create(ctx context.Context, r Record) error
	// Get returns the record of that kind and id, or ErrNotFound.
	Get(ctx context.Context, kind Kind, id string) (Record, error)
	// Update replaces the stored record of r's kind and id with r, in one
	// transaction, if its stored version is r.Version-1; otherwise it
	// changes nothing and returns ErrConflict (ErrNotFound when there is
	// none).
	Update(ctx context.Context, r Record) error
	// ListOpen returns the open records of a kind, of one subject or of
	// all when subject is empty, ordered by id, at most limit of them.
	ListOpen(ctx context.Context, kind Kind, subject string, limit int) ([]Record, error)
	// Audit appends e to the audit trail, which nothing can change or
	// delete afterwards.
	Audit(ctx context.Context, e AuditEntry) error
	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	// Close releases the database.
	Close() error
}
