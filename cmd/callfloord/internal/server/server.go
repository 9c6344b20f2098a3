// Package server is callfloord's HTTP API: the library's evaluations and
// stored cases and disputes, each caller seeing only what its role may.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
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
}

// Defaults of Config.
const (
	DefaultMaxBody  = 1 << 20
	DefaultMaxDepth = 32
)

// Server is the HTTP API. Make one with New.
type Server struct {
	cfg      Config
	log      *slog.Logger
	policies atomic.Pointer[Policies]
	tokens   atomic.Pointer[tokenSet]
	mux      *http.ServeMux
}

// request is one call as a handler sees it: who makes it, under which
// policies, and the HTTP request itself.
type request struct {
	s   *Server
	r   *http.Request
	who Principal
	pol *Policies
	// route is the route the call came in by.
	route *route
}

// A handler serves one route. It returns the status and the value to
// write as JSON, or an error, which is written as a problem document.
type handler func(q *request) (status int, body any, err error)

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
	s := &Server{cfg: cfg, log: cfg.Logger}
	pol, err := loadPolicies(cfg.PolicyDir)
	if err != nil {
		return nil, err
	}
	toks, err := loadTokens(cfg.TokenFile)
	if err != nil {
		return nil, err
	}
	s.policies.Store(pol)
	s.tokens.Store(toks)
	s.mux = http.NewServeMux()
	for _, rt := range routes() {
		s.mux.Handle(rt.method+" "+rt.path, s.serve(&rt))
	}
	return s, nil
}

// Handler is the service's whole API.
func (s *Server) Handler() http.Handler { return s.mux }

// Reload reads the policies and tokens again. When either has a problem
// it returns the problems and the running ones stay.
func (s *Server) Reload() error {
	pol, err := loadPolicies(s.cfg.PolicyDir)
	if err != nil {
		return err
	}
	toks, err := loadTokens(s.cfg.TokenFile)
	if err != nil {
		return err
	}
	s.policies.Store(pol)
	s.tokens.Store(toks)
	return nil
}

// Policies returns the policies running now.
func (s *Server) Policies() *Policies { return s.policies.Load() }

// serve wraps a route's handler: authentication, the role check, the
// store check, and writing the result or the problem.
func (s *Server) serve(rt *route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := &request{s: s, r: r, pol: s.policies.Load(), route: rt}
		status, body, err := s.call(q)
		if err != nil {
			writeProblem(w, r, err)
			return
		}
		writeJSON(w, status, body)
	})
}

func (s *Server) call(q *request) (int, any, error) {
	rt := q.route
	if len(rt.roles) > 0 {
		who, err := s.authenticate(q.r)
		if err != nil {
			return 0, nil, err
		}
		q.who = who
		if !roleIn(who.Role, rt.roles) {
			return 0, nil, forbiddenRole(who.Role, rt)
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
