package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
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
			return v, false, gerr
		}
		if jsonEqual(old.Doc, doc) {
			return v, false, nil
		}
		return v, false, newProblem(http.StatusConflict, "exists", "Already exists",
			fmt.Sprintf("a different %s is stored under id %s", kind, id))
	}
	return v, err == nil, err
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
	// Writers of one record in this process take turns, so that they
	// never lose races to each other; the version check still settles
	// races with other replicas.
	mu := recordLock(kind, id)
	mu.Lock()
	defer mu.Unlock()
	for attempt := 0; attempt < maxApplyAttempts; attempt++ {
		rec, err := st.Get(q.ctx(), kind, id)
		if err != nil {
			return zero, err
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
			return zero, err
		}
		return next, nil
	}
	return zero, store.ErrConflict
}

func jsonEqual(a, b []byte) bool { return string(a) == string(b) }

// recordLocks are striped: a record's writers share one of them, and
// writers of different records rarely do.
var recordLocks [256]sync.Mutex

func recordLock(kind store.Kind, id string) *sync.Mutex {
	h := fnv.New32a()
	h.Write([]byte(kind))
	h.Write([]byte{0})
	h.Write([]byte(id))
	return &recordLocks[h.Sum32()%uint32(len(recordLocks))]
}
