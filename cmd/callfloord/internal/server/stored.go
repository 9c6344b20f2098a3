package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/callfloor/callfloor/cmd/callfloord/internal/store"
)

// maxApplyAttempts bounds how often applyStored reads a record again
// after losing a race to another writer.
const maxApplyAttempts = 16

// storedOf says what the store indexes of a stored value: whom it is
// about, whether it is open, and when it last changed.
type storedOf[T any] func(v T) (subject string, open bool, updated time.Time)

// createStored stores v, made by the caller, under id. Creating again a
// record identical to the stored one is no change and answers the stored
// value (a retried request); a different record under the same id is a
// conflict.
func createStored[T any](q *request, kind store.Kind, id string, v T, meta storedOf[T]) (T, bool, error) {
	doc, err := json.Marshal(v)
	if err != nil {
		return v, false, err
	}
	subject, open, updated := meta(v)
	rec := store.Record{Kind: kind, ID: id, Subject: subject, Open: open, Version: 1, Doc: doc, Updated: updated}
	err = q.s.cfg.Store.Create(q.ctx(), rec)
	if errors.Is(err, store.ErrExists) {
		old, gerr := q.s.cfg.Store.Get(q.ctx(), kind, id)
		if gerr != nil {
			return v, false, q.late(gerr)
		}
		if jsonEqual(old.Doc, doc) {
			return v, false, nil
		}
		return v, false, newProblem(http.StatusConflict, "exists", "Already exists",
			fmt.Sprintf("a different %s is stored under id %s", kind, id))
	}
	return v, err == nil, q.late(err)
}

// applyStored reads the record kind/id, applies change to its value and
// writes the result back under optimistic concurrency: when another
// writer changed the record in between, it reads it again and applies
// change to the newer value, so that no event is lost. A change that
// leaves the value as it was (an event already applied) writes nothing.
// check, when not nil, sees the stored value before change runs, so that
// a caller who may not act on it is refused before anything happens.
func applyStored[T any](q *request, kind store.Kind, id string, check func(T) error, change func(T) (T, error), meta storedOf[T]) (T, error) {
	var zero T
	st := q.s.cfg.Store
	// Writers of one record in this server take turns, so that they
	// never lose races to each other; the version check still settles
	// races with other replicas. A writer waits its turn no longer than
	// its request may run.
	unlock, err := q.s.locks.lock(q.ctx(), recordKey{kind, id})
	if err != nil {
		return zero, busy(kind, id)
	}
	defer unlock()
	for attempt := 0; attempt < maxApplyAttempts; attempt++ {
		rec, err := st.Get(q.ctx(), kind, id)
		if err != nil {
			return zero, q.late(err)
		}
		var cur T
		if err := json.Unmarshal(rec.Doc, &cur); err != nil {
			return zero, fmt.Errorf("stored %s %s: %w", kind, id, err)
		}
		if check != nil {
			if err := check(cur); err != nil {
				return zero, err
			}
		}
		next, err := change(cur)
		if err != nil {
			return zero, err
		}
		doc, err := json.Marshal(next)
		if err != nil {
			return zero, err
		}
		if jsonEqual(doc, rec.Doc) {
			return next, nil
		}
		subject, open, updated := meta(next)
		err = st.Update(q.ctx(), store.Record{Kind: kind, ID: id, Subject: subject, Open: open,
			Version: rec.Version + 1, Doc: doc, Updated: updated})
		if errors.Is(err, store.ErrConflict) {
			continue
		}
		if err != nil {
			return zero, q.late(err)
		}
		return next, nil
	}
	return zero, store.ErrConflict
}

func jsonEqual(a, b []byte) bool { return string(a) == string(b) }

// busy is the problem of a writer whose request ran out of time while
// other writers of the same record held it.
func busy(kind store.Kind, id string) *Problem {
	p := newProblem(http.StatusServiceUnavailable, "record-busy", "Record busy",
		fmt.Sprintf("other writers held %s %s until this request's deadline; nothing was changed, send it again", kind, id))
	p.retryAfter = 1
	return p
}

// late turns a store error that came of the request's deadline into a
// 503 saying so; any other error, and nil, pass unchanged.
func (q *request) late(err error) error {
	if err == nil || q.ctx().Err() == nil {
		return err
	}
	p := newProblem(http.StatusServiceUnavailable, "timeout", "Request timed out",
		"the store did not answer before this request's deadline; send it again")
	p.retryAfter = 1
	return p
}

// recordKey names one stored record.
type recordKey struct {
	kind store.Kind
	id   string
}

// recordLocks lets the writers of one record take turns while writers of
// other records go on. A record's lock exists while someone holds it or
// waits for it, so the table holds no more entries than writers in
// flight. Each Server has its own, as each replica does: two Servers over
// one store settle their races through the store's versions alone.
type recordLocks struct {
	mu   sync.Mutex
	held map[recordKey]*recordLock
}

// recordLock is held by whoever put a value in turn; waiters counts those
// holding it or waiting for it.
type recordLock struct {
	turn    chan struct{}
	waiters int
}

// lock waits until k is free or ctx is done, and returns the function
// that frees it, or ctx's error.
func (l *recordLocks) lock(ctx context.Context, k recordKey) (func(), error) {
	l.mu.Lock()
	if l.held == nil {
		l.held = map[recordKey]*recordLock{}
	}
	rl := l.held[k]
	if rl == nil {
		rl = &recordLock{turn: make(chan struct{}, 1)}
		l.held[k] = rl
	}
	rl.waiters++
	l.mu.Unlock()
	select {
	case rl.turn <- struct{}{}:
		return func() {
			<-rl.turn
			l.leave(k, rl)
		}, nil
	case <-ctx.Done():
		l.leave(k, rl)
		return nil, ctx.Err()
	}
}

// leave is one holder or waiter of k gone; the last one removes k's lock.
func (l *recordLocks) leave(k recordKey, rl *recordLock) {
	l.mu.Lock()
	defer l.mu.Unlock()
	rl.waiters--
	if rl.waiters == 0 {
		delete(l.held, k)
	}
}

// size is how many records have a holder or a waiter.
func (l *recordLocks) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.held)
}
