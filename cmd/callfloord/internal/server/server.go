// Package server is callfloord's HTTP API: the library's evaluations and
// stored cases and disputes, each caller seeing only what its role may.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/callfloor/callfloor/cmd/callfloord/internal/store"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

// Role is what a token's holder is to the people whose data the service
// holds. The service gives each role the view the mood policy allows it.
type Role string

// The roles a token may carry.
const (
	RoleAgent       Role = "agent"
	RoleLead        Role = "lead"
	RoleCounselor   Role = "counselor"
	RoleCrisisOwner Role = "crisis_owner"
	RoleHR          Role = "hr"
	RoleAdmin       Role = "admin"
)

// Roles lists every role, in the order above.
func Roles() []Role {
	return []Role{RoleAgent, RoleLead, RoleCounselor, RoleCrisisOwner, RoleHR, RoleAdmin}
}

// Principal is who is calling, as their token says.
type Principal struct {
	Person string
	Role   Role
}

// Policies is the set of policies the service runs, one per package,
// replaced as a whole when the service reloads.
type Policies struct {
	Mood       *mood.Policy
	QA         *qa.Policy
	Coaching   *coaching.Policy
	Incentives *incentives.Policy
	// Files names the file each kind was read from; a kind without a
	// file runs its package's default policy and is absent here.
	Files map[string]string
}

// Config is what New needs.
type Config struct {
	// PolicyDir holds the policy files, one per kind at most.
	PolicyDir string
	// TokenFile maps bearer tokens to people and roles.
	TokenFile string
	// Store keeps cases, disputes and the audit trail; nil runs the
	// service stateless, without the endpoints that need it.
	Store store.Store
	// Logger receives the service's structured logs; nil discards them.
	Logger *slog.Logger
	// Now is the clock for audit entries and rate limits; nil is
	// time.Now.
	Now func() time.Time
	// MaxBody bounds a request body in bytes; 0 is DefaultMaxBody.
	MaxBody int64
	// MaxDepth bounds the nesting of a request's JSON; 0 is
	// DefaultMaxDepth.
	MaxDepth int
	// Rate is how many requests a second each token holder may make,
	// sustained, and Burst how many at once. A Rate of 0 leaves requests
	// unlimited, as an embedding host or a test may want; the command
	// sets DefaultRate and DefaultBurst. A Burst of 0 with a Rate is one
	// second's worth of it.
	Rate  float64
	Burst int
	// RequestTimeout bounds how long one request may run: its context
	// ends then, and a writer still waiting for its record answers 503.
	// The command sets it a little under the HTTP server's WriteTimeout,
	// so that the caller reads the problem rather than a cut connection;
	// 0 is DefaultRequestTimeout.
	RequestTimeout time.Duration
}

// Defaults of Config, and of the command's flags.
const (
	DefaultMaxBody  = 1 << 20
	DefaultMaxDepth = 32
	DefaultRate     = 100
	DefaultBurst    = 200
	// DefaultRequestTimeout is 5 s under the command's default
	// WriteTimeout of 60 s.
	DefaultRequestTimeout = 55 * time.Second
)

// Server is the HTTP API. Make one with New.
type Server struct {
	cfg      Config
	log      *slog.Logger
	policies atomic.Pointer[Policies]
	tokens   atomic.Pointer[tokenSet]
	mux      *http.ServeMux
	metrics  *metrics
	limiter  *limiter
	// reloading keeps two reloads from interleaving their files.
	reloading sync.Mutex
	// locks lets the writers of one record take turns.
	locks recordLocks
}

// request is one call as a handler sees it: who makes it, under which
// policies, and the HTTP request itself.
type request struct {
	s *Server
	r *http.Request
	// w is the response, for the few handlers that write their own body
	// and return written.
	w   http.ResponseWriter
	who Principal
	pol *Policies
	// route is the route the call came in by.
	route *route
}

// A handler serves one route. It returns the status and the value to
// write as JSON, or an error, which is written as a problem document. A
// handler that wrote the response itself, through q.w, returns the body
// written{}.
type handler func(q *request) (status int, body any, err error)

// written is the body a handler returns when it wrote its response itself.
type written struct{}

// route is one endpoint.
type route struct {
	// method and path are the endpoint's, path in http.ServeMux's
	// pattern syntax ("/v1/coaching/cases/{id}").
	method, path string
	// name names the endpoint in metrics, logs and the audit trail, as
	// "mood.triage".
	name string
	// roles may call it; empty for an endpoint open to anyone (health,
	// metrics, the OpenAPI description).
	roles []Role
	// stored says the endpoint needs the store.
	stored bool
	handle handler
}

// routes lists every endpoint, the packages' in package order.
func routes() []route {
	var all []route
	for _, rs := range [][]route{moodRoutes, qaRoutes, coachingRoutes, incentivesRoutes, opsRoutes, openapiRoutes} {
		all = append(all, rs...)
	}
	return all
}

// New loads the policies and tokens cfg names and returns a server
// ready to serve. A policy or token file with problems is an error that
// lists them all.
func New(cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.MaxDepth <= 0 {
		cfg.MaxDepth = DefaultMaxDepth
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.Rate > 0 && cfg.Burst <= 0 {
		cfg.Burst = max(1, int(cfg.Rate))
	}
	s := &Server{cfg: cfg, log: cfg.Logger, metrics: newMetrics(), limiter: newLimiter(cfg.Rate, cfg.Burst)}
	pol, toks, err := s.load()
	if err != nil {
		return nil, err
	}
	s.policies.Store(pol)
	s.tokens.Store(toks)
	s.metrics.setPolicies(pol)
	s.mux = http.NewServeMux()
	for _, rt := range routes() {
		s.mux.Handle(rt.method+" "+rt.path, s.serve(&rt))
	}
	return s, nil
}

// Handler is the service's whole API. A path no route serves, or a method
// its route does not take, is answered with a problem document too.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.route) }

// load reads the policy directory and the token file, and reports the
// problems of both at once.
func (s *Server) load() (*Policies, *tokenSet, error) {
	pol, perr := loadPolicies(s.cfg.PolicyDir)
	toks, terr := loadTokens(s.cfg.TokenFile)
	if err := joinLoadErrors(perr, terr); err != nil {
		return nil, nil, err
	}
	return pol, toks, nil
}

// Reload reads the policies and tokens again and puts them in force
// together. When either has a problem it returns a *LoadError listing the
// problems of both, and the running ones stay.
func (s *Server) Reload() error {
	s.reloading.Lock()
	defer s.reloading.Unlock()
	pol, toks, err := s.load()
	if err != nil {
		s.metrics.reloads.WithLabelValues("failure").Inc()
		s.log.Error("reload failed; the running policies and tokens stay", "problems", problemLines(err))
		return err
	}
	s.policies.Store(pol)
	s.tokens.Store(toks)
	s.metrics.setPolicies(pol)
	s.metrics.reloads.WithLabelValues("success").Inc()
	attrs := []any{"tokens", len(toks.byHash)}
	for _, p := range policyList(pol) {
		attrs = append(attrs, p.Kind, p.Version+"@"+p.Hash)
	}
	s.log.Info("reloaded", attrs...)
	return nil
}

// Policies returns the policies running now.
func (s *Server) Policies() *Policies { return s.policies.Load() }

// serve wraps a route's handler in the middleware (see instrument) and
// writes the result or the problem.
func (s *Server) serve(rt *route) http.Handler {
	return s.instrument(rt, func(q *request) {
		status, body, err := s.call(q)
		if err != nil {
			writeProblem(q.w, q.r, err)
			return
		}
		if _, ok := body.(written); ok {
			return
		}
		writeJSON(q.w, status, body)
	})
}

// call admits a request and runs its handler: the token, the holder's
// rate, the role, a JSON body on every POST, the store when the route
// needs one.
func (s *Server) call(q *request) (int, any, error) {
	rt := q.route
	if len(rt.roles) > 0 {
		who, err := s.authenticate(q.r)
		if err != nil {
			return 0, nil, err
		}
		q.who = who
		if err := s.admit(who); err != nil {
			return 0, nil, err
		}
		if !roleIn(who.Role, rt.roles) {
			return 0, nil, forbiddenRole(who.Role, rt)
		}
	}
	if rt.method == http.MethodPost {
		if err := q.requireJSON(); err != nil {
			return 0, nil, err
		}
	}
	if rt.stored && s.cfg.Store == nil {
		return 0, nil, errNoStore
	}
	return rt.handle(q)
}

func roleIn(r Role, rs []Role) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// audit writes one read of subject's confidential data to the audit
// trail. The read is refused when it cannot be written.
func (q *request) audit(subject string) error {
	st := q.s.cfg.Store
	if st == nil {
		return errNoAuditStore
	}
	e := store.AuditEntry{
		At:      q.s.cfg.Now().UTC(),
		Person:  q.who.Person,
		Role:    string(q.who.Role),
		Action:  q.route.name,
		Subject: subject,
		Purpose: q.r.Header.Get(PurposeHeader),
	}
	if e.Purpose == "" {
		e.Purpose = q.route.name
	}
	if err := st.Audit(q.r.Context(), e); err != nil {
		return errors.Join(errAuditFailed, err)
	}
	return nil
}

// PurposeHeader is the request header in which a caller states why it
// reads confidential data; the audit trail keeps it.
const PurposeHeader = "Callfloor-Purpose"

// ctx is the request's context.
func (q *request) ctx() context.Context { return q.r.Context() }

func writeJSON(w http.ResponseWriter, status int, body any) {
	buf, err := json.Marshal(body)
	if err != nil {
		writeProblem(w, nil, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(buf, '\n'))
}
