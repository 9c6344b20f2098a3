// Package server is callfloord's HTTP API: the library's evaluations and
// stored cases and disputes, each caller seeing only what its role may.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

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
	// ActsAs names the coaching policy's roles the holder may act as in a
	// workflow's events, as the token file lists them; nil when the file
	// lists none, and the holder acts as the role of the same name as
	// Role (see coachingRoles).
	ActsAs []string
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
	cfg Config
	log *slog.Logger
	// policies are the policies and tokens in force, replaced together by
	// a reload, so that a request never authenticates with one reload's
	// tokens and runs under another's policies.
	policies atomic.Pointer[inForce]
	mux      *http.ServeMux
	metrics  *metrics
	limiter  *limiter
	// reloading keeps two reloads from interleaving their files.
	reloading sync.Mutex
	// locks lets the writers of one record take turns.
	locks recordLocks
}

// inForce is what one load put in force: the policies, and the tokens
// that authenticate the requests served under them.
type inForce struct {
	*Policies
	tokens *tokenSet
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
	// pol is what was in force when the request came in; the request is
	// authenticated with its tokens and served under its policies, even
	// when a reload replaces them meanwhile.
	pol *inForce
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
	s := &Server{cfg: cfg, log: cfg.Logger, limiter: newLimiter(cfg.Rate, cfg.Burst)}
	s.metrics = newMetrics(s.Policies)
	pol, toks, err := s.load()
	if err != nil {
		return nil, err
	}
	s.policies.Store(&inForce{Policies: pol, tokens: toks})
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
	s.policies.Store(&inForce{Policies: pol, tokens: toks})
	s.metrics.reloads.WithLabelValues("success").Inc()
	attrs := []any{"tokens", len(toks.byHash)}
	for _, p := range policyList(pol) {
		attrs = append(attrs, p.Kind, p.Version+"@"+p.Hash)
	}
	s.log.Info("reloaded", attrs...)
	return nil
}

// Policies returns the policies running now; nil before New has loaded
// them.
func (s *Server) Policies() *Policies {
	if f := s.policies.Load(); f != nil {
		return f.Policies
	}
	return nil
}

// serve wraps a route's handler in the middleware (see instrument) and
// writes the result or the problem.
func (s *Server) serve(rt *route) http.Handler {
	return s.instrument(rt, func(q *request) {
		status, body, err := s.call(q)
		if _, ok := body.(written); ok && err == nil {
			return
		}
		var buf []byte
		if err == nil {
			buf, err = json.Marshal(body)
		}
		if err != nil {
			s.logFailure(q, err)
			writeProblem(q.w, q.r, err)
			return
		}
		q.w.Header().Set("Content-Type", "application/json")
		q.w.WriteHeader(status)
		q.w.Write(append(buf, '\n'))
	})
}

// logFailure logs why a request failed on the service's side: the store's
// error, a stored document that no longer reads, the audit trail's
// refusal. The client is told none of it, so the log is where it is
// found. Refusals the service makes on purpose (no store configured, the
// store not answering a probe) are problems of their own and are not
// logged again. The error never quotes the request body; it may name a
// record's id.
func (s *Server) logFailure(q *request, err error) {
	if _, bare := err.(*Problem); bare {
		return
	}
	status := problemOf(err).Status
	if status < 500 {
		return
	}
	s.log.LogAttrs(q.r.Context(), slog.LevelError, "request failed",
		slog.String("endpoint", q.route.name),
		slog.Int("status", status),
		slog.String("error", err.Error()))
}

// call admits a request and runs its handler: the token, the holder's
// rate, the role, a JSON body on every POST, the store when the route
// needs one.
func (s *Server) call(q *request) (int, any, error) {
	rt := q.route
	if len(rt.roles) > 0 {
		who, err := s.authenticate(q.r, q.pol.tokens)
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
		if err := checkPurpose(q.r.Header.Values(PurposeHeader)); err != nil {
			return 0, nil, err
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
		if q.ctx().Err() != nil {
			// The trail did not refuse the entry; the request ran out of time.
			return q.late(err)
		}
		return errors.Join(errAuditFailed, err)
	}
	return nil
}

// PurposeHeader is the request header in which a caller states why it
// reads confidential data; the audit trail keeps it.
const PurposeHeader = "Callfloor-Purpose"

// MaxPurpose bounds the purpose a request states, in bytes: a sentence,
// not a document, since every audited read stores it.
const MaxPurpose = 256

// checkPurpose refuses a stated purpose the audit trail could not keep as
// it was sent: given twice, longer than MaxPurpose, not UTF-8, or holding
// a control character, which a database may refuse and a log reader would
// be misled by. It is checked on every authenticated request, whether or
// not the request reads confidential data, so that a client learns of it
// the first time, as a mistake of its own rather than as the audit trail
// failing.
func checkPurpose(vals []string) error {
	if len(vals) == 0 {
		return nil
	}
	bad := func(why string) error {
		return newProblem(http.StatusBadRequest, "invalid-header", "Invalid header", PurposeHeader+" "+why)
	}
	if len(vals) > 1 {
		return bad(fmt.Sprintf("is sent %d times; state one purpose", len(vals)))
	}
	v := vals[0]
	if len(v) > MaxPurpose {
		return bad(fmt.Sprintf("is %d bytes; at most %d are kept", len(v), MaxPurpose))
	}
	if !utf8.ValidString(v) {
		return bad("is not UTF-8 text")
	}
	for i, r := range v {
		if unicode.IsControl(r) {
			return bad(fmt.Sprintf("holds a control character at byte %d", i))
		}
	}
	return nil
}

// ctx is the request's context.
func (q *request) ctx() context.Context { return q.r.Context() }
