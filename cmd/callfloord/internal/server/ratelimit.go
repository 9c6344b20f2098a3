package server

import (
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter holds a token bucket for each token holder who called lately.
// A holder's bucket that has had time to fill again is no different from
// a new one, so it is dropped: the map holds only the holders active
// within the time a bucket takes to fill, however many come and go.
type limiter struct {
	mu    sync.Mutex
	limit rate.Limit
	burst int
	// idle is how long an untouched bucket takes to fill.
	idle      time.Duration
	holders   map[string]*bucket
	nextSweep time.Time
}

type bucket struct {
	lim  *rate.Limiter
	last time.Time
}

// newLimiter limits each holder to perSecond requests a second, burst at
// once; it returns nil, which allows everything, when perSecond is not
// positive.
func newLimiter(perSecond float64, burst int) *limiter {
	if perSecond <= 0 || math.IsNaN(perSecond) {
		return nil
	}
	idle := time.Duration(float64(burst) / perSecond * float64(time.Second))
	return &limiter{limit: rate.Limit(perSecond), burst: burst, idle: max(idle, time.Second), holders: map[string]*bucket{}}
}

// allow takes one request of holder at now from its bucket. When the
// bucket is empty it says how long until it holds one again.
func (l *limiter) allow(holder string, now time.Time) (ok bool, retry time.Duration) {
	if l == nil {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if !now.Before(l.nextSweep) {
		for h, b := range l.holders {
			if now.Sub(b.last) >= l.idle {
				delete(l.holders, h)
			}
		}
		l.nextSweep = now.Add(l.idle)
	}
	b := l.holders[holder]
	if b == nil {
		b = &bucket{lim: rate.NewLimiter(l.limit, l.burst)}
		l.holders[holder] = b
	}
	b.last = now
	if b.lim.AllowN(now, 1) {
		return true, 0
	}
	short := 1 - b.lim.TokensAt(now)
	return false, time.Duration(short / float64(l.limit) * float64(time.Second))
}

// size is how many holders' buckets are kept.
func (l *limiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.holders)
}
