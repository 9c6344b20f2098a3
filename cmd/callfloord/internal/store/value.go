package store

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// timeLayout is how both databases hold a time: UTC, fixed width, with
// nanoseconds, so that text order is time order and a time reads back as
// the very instant written. PostgreSQL's timestamptz would drop the
// nanoseconds.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// encodeTime formats t for storage; field names it in the error.
func encodeTime(field string, t time.Time) (string, error) {
	u := t.UTC()
	if y := u.Year(); y < 0 || y > 9999 {
		return "", fmt.Errorf("store: %s %s is outside the years 0000 to 9999", field, u.Format(time.RFC3339Nano))
	}
	return u.Format(timeLayout), nil
}

// decodeTime reads a time encodeTime wrote.
func decodeTime(field, s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("store: stored %s %q: %w", field, s, err)
	}
	return t, nil
}

// checkText refuses what PostgreSQL cannot store as text, so that both
// databases take and refuse the same values.
func checkText(field, s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("store: %s is not valid UTF-8", field)
	}
	if strings.IndexByte(s, 0) >= 0 {
		return fmt.Errorf("store: %s holds a NUL byte", field)
	}
	return nil
}

// row is a Record as both databases hold it.
type row struct {
	kind, id, subject string
	open              bool
	version           int64
	doc               string
	updated           string
}

// rowOf checks r and converts it for storage.
func rowOf(r Record) (row, error) {
	if r.Kind == "" {
		return row{}, fmt.Errorf("store: record has no kind")
	}
	if r.ID == "" {
		return row{}, fmt.Errorf("store: %s record has no id", r.Kind)
	}
	doc := string(r.Doc)
	for _, f := range []struct{ name, value string }{
		{"kind", string(r.Kind)}, {"id", r.ID}, {"subject", r.Subject}, {"doc", doc},
	} {
		if err := checkText(f.name, f.value); err != nil {
			return row{}, err
		}
	}
	updated, err := encodeTime("updated", r.Updated)
	if err != nil {
		return row{}, err
	}
	return row{kind: string(r.Kind), id: r.ID, subject: r.Subject, open: r.Open,
		version: r.Version, doc: doc, updated: updated}, nil
}

// record converts a stored row back.
func (w row) record() (Record, error) {
	updated, err := decodeTime("updated", w.updated)
	if err != nil {
		return Record{}, err
	}
	return Record{Kind: Kind(w.kind), ID: w.id, Subject: w.subject, Open: w.open,
		Version: w.version, Doc: []byte(w.doc), Updated: updated}, nil
}

// auditRow is an AuditEntry as both databases hold it.
type auditRow struct {
	at, person, role, action, subject, purpose string
}

// auditRowOf checks e and converts it for storage.
func auditRowOf(e AuditEntry) (auditRow, error) {
	for _, f := range []struct{ name, value string }{
		{"person", e.Person}, {"role", e.Role}, {"action", e.Action},
		{"subject", e.Subject}, {"purpose", e.Purpose},
	} {
		if err := checkText(f.name, f.value); err != nil {
			return auditRow{}, err
		}
	}
	at, err := encodeTime("at", e.At)
	if err != nil {
		return auditRow{}, err
	}
	return auditRow{at: at, person: e.Person, role: e.Role, action: e.Action,
		subject: e.Subject, purpose: e.Purpose}, nil
}

// checkLimit refuses a ListOpen limit that could only mean a mistake.
func checkLimit(limit int) error {
	if limit < 1 {
		return fmt.Errorf("store: list limit %d is not positive", limit)
	}
	return nil
}

// openRows is what scanOpen reads of a query's rows: database/sql's and
// pgx's alike.
type openRows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// scanOpen reads the rows of a ListOpen query (id, subject, version, doc,
// updated) as records of kind, open.
func scanOpen(kind Kind, rows openRows) ([]Record, error) {
	var out []Record
	for rows.Next() {
		w := row{kind: string(kind), open: true}
		if err := rows.Scan(&w.id, &w.subject, &w.version, &w.doc, &w.updated); err != nil {
			return nil, fmt.Errorf("store: list open %s: %w", kind, err)
		}
		r, err := w.record()
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list open %s: %w", kind, err)
	}
	return out, nil
}
