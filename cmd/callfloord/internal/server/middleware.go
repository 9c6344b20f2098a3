package server

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"path"
	"runtime"
	"runtime/debug"
	"strconv"
	"time"
)

// instrument wraps every route: it gives the request its deadline,
// recovers a panic into a 500 that tells the client nothing of it, counts
// the request and its duration, and logs one line for it. The line names
// the endpoint, the status and the caller, never the body or anything
// read from it, which may be health data.
//
// The deadline is RequestTimeout: http.Server's WriteTimeout only cuts
// the connection and leaves the handler running, so without its own
// deadline a request stuck on a row lock or a slow disk would hold its
// record, and its goroutine, for as long as the store took.
func (s *Server) instrument(rt *route, serve func(q *request)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := s.cfg.Now()
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.RequestTimeout)
		defer cancel()
		r = r.WithContext(ctx)
		sw := &statusWriter{ResponseWriter: w}
		q := &request{s: s, r: r, w: sw, pol: s.policies.Load(), route: rt}
		defer s.finish(q, sw, start)
		serve(q)
	})
}

// finish is instrument's deferred half; it must be deferred itself, so
// that its recover sees the handler's panic.
func (s *Server) finish(q *request, sw *statusWriter, start time.Time) {
	if v := recover(); v != nil {
		if v == http.ErrAbortHandler {
			panic(v)
		}
		s.metrics.panics.Inc()
		// The panic's value may quote the data it failed on, so only a
		// runtime error's own text is logged, with the stack.
		what := fmt.Sprintf("%T", v)
		if re, ok := v.(runtime.Error); ok {
			what = re.Error()
		}
		s.log.Error("panic", "endpoint", q.route.name, "panic", what, "stack", string(debug.Stack()))
		if sw.status == 0 {
			writeProblem(sw, q.r, errInternal)
		}
	}
	status := sw.status
	if status == 0 {
		status = http.StatusOK
	}
	elapsed := s.cfg.Now().Sub(start)
	s.metrics.requests.WithLabelValues(q.route.name, strconv.Itoa(status)).Inc()
	s.metrics.duration.WithLabelValues(q.route.name).Observe(elapsed.Seconds())
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	attrs := []slog.Attr{
		slog.String("method", q.r.Method),
		slog.String("endpoint", q.route.name),
		slog.Int("status", status),
		slog.Duration("duration", elapsed),
	}
	if q.who.Person != "" {
		attrs = append(attrs, slog.String("person", q.who.Person), slog.String("role", string(q.who.Role)))
	}
	s.log.LogAttrs(q.r.Context(), level, "request", attrs...)
}

// errInternal is the problem of a handler that panicked.
var errInternal = newProblem(http.StatusInternalServerError, "internal", "Internal error", "")

// statusWriter remembers the status written through it.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// admit takes one request of who from the rate limit. Requests without
// a token are not limited: see the package documentation of the command.
func (s *Server) admit(who Principal) error {
	ok, retry := s.limiter.allow(who.Person, s.cfg.Now())
	if ok {
		return nil
	}
	s.metrics.rateLimited.Inc()
	secs := max(1, int(math.Ceil(retry.Seconds())))
	p := newProblem(http.StatusTooManyRequests, "rate-limited", "Too many requests",
		fmt.Sprintf("%s may make %g requests a second, %d at once; retry in %d s", who.Person, float64(s.limiter.limit), s.limiter.burst, secs))
	p.retryAfter = secs
	return p
}

// unmatched is the route of a request no route serves, for its metrics
// and its log line.
var unmatched = &route{name: "unmatched"}

// route serves a request by its route, and answers a path no route has,
// or a method its route does not take, with a problem.
//
// A path that is not in clean form ("//v1/policies", "/v1/./policies",
// "/v1/x/../policies") is answered 404 too, naming the clean form, where
// http.ServeMux would redirect to it: a redirect is answered in plain
// text, and a client that follows a 307 sends a POST's body again to a
// path it did not choose.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	clean := r.URL.EscapedPath()
	if r.Method != http.MethodConnect {
		clean = cleanPath(clean)
	}
	if clean != r.URL.EscapedPath() {
		s.instrument(unmatched, func(q *request) {
			writeProblem(q.w, r, newProblem(http.StatusNotFound, "not-found", "Not found",
				"no endpoint has this path; the path in clean form is "+clean))
		}).ServeHTTP(w, r)
		return
	}
	h, pattern := s.mux.Handler(r)
	if pattern != "" {
		s.mux.ServeHTTP(w, r)
		return
	}
	s.instrument(unmatched, func(q *request) {
		probe := &headerOnly{header: http.Header{}}
		h.ServeHTTP(probe, r)
		p := newProblem(http.StatusNotFound, "not-found", "Not found", "no endpoint has this path")
		if probe.status == http.StatusMethodNotAllowed {
			p = newProblem(http.StatusMethodNotAllowed, "method-not-allowed", "Method not allowed",
				fmt.Sprintf("this path takes %s", probe.header.Get("Allow")))
			q.w.Header().Set("Allow", probe.header.Get("Allow"))
		}
		writeProblem(q.w, r, p)
	}).ServeHTTP(w, r)
}

// headerOnly is a ResponseWriter that keeps the status and headers of
// http.ServeMux's own not-found and method-not-allowed answers and drops
// their text bodies.
type headerOnly struct {
	header http.Header
	status int
}

func (h *headerOnly) Header() http.Header { return h.header }
func (h *headerOnly) WriteHeader(code int) {
	if h.status == 0 {
		h.status = code
	}
}
func (h *headerOnly) Write(b []byte) (int, error) { return len(b), nil }

// cleanPath is the path http.ServeMux serves p as: rooted, without empty,
// "." or ".." segments, a trailing slash kept.
func cleanPath(p string) string {
	if p == "" {
		return "/"
	}
	if p[0] != '/' {
		p = "/" + p
	}
	np := path.Clean(p)
	if p[len(p)-1] == '/' && np != "/" {
		np += "/"
	}
	return np
}
