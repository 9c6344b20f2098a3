// Command callfloord serves the callfloor library over HTTP: mood
// screenings and triage, QA scoring, calibration and disputes, coaching
// proposals and cases, and incentive statements, each caller seeing only
// what its role may, every confidential read written to an audit trail.
//
// Usage:
//
//	callfloord -tokens FILE [flags]
//
// The flags:
//
//	-addr host:port          listen address (default 127.0.0.1:8080); port 0 picks
//	                         a free port, which the "listening" log line gives
//	-policies DIR            directory of policy files; a kind without a file runs
//	                         its package's default policy
//	-tokens FILE             token file (required; see below)
//	-store DSN               where cases, disputes and the audit trail are kept
//	                         (default sqlite:callfloord.db; see below)
//	-tls-cert FILE           PEM certificate; with -tls-key, serve HTTPS (TLS 1.2 or later)
//	-tls-key FILE            PEM private key of -tls-cert
//	-client-ca FILE          PEM CA certificates; with TLS, every client must present
//	                         a certificate one of them signed (mutual TLS)
//	-rate N                  requests a second each token holder may make,
//	                         sustained (default 100); 0 turns the limit off
//	-burst N                 requests each token holder may make at once (default 200)
//	-max-body BYTES          largest request body (default 1048576); larger is 413
//	-shutdown-timeout D      how long requests in flight may take to finish when
//	                         the service is told to stop (default 15s)
//	-log-level LEVEL         debug, info, warn or error (default info)
//
// A mistake on the command line prints one line and exits 2. A service
// that cannot start (a policy or token file with problems, a store that
// cannot be opened, an address in use) prints why and exits 1; for policy
// and token files it prints every problem, one a line, as
// "<file>: <path>: line L, column C: <what is wrong>".
//
// # Policies
//
// Each *.yaml or *.yml file of the -policies directory is one policy, of
// the kind its top-level kind field names: mood, qa, coaching or
// incentives. A file without a kind, with another kind, or a second file
// of a kind already read is a problem, as is a directory that does not
// exist. The service never starts, or reloads, on a policy with a problem.
//
// # Token file
//
// Callers authenticate with "Authorization: Bearer TOKEN" (the scheme's
// name in any case). The token file holds the SHA-256 of each token, in
// hex, never the token itself, with the person who holds it, their role
// and, optionally, the coaching roles they act as:
//
//	tokens:
//	  - sha256: 3b7c...64 hex digits...
//	    person: li.na
//	    role: lead
//	  - sha256: 9e1a...64 hex digits...
//	    person: wu.lan
//	    role: hr
//	    acts_as: [hr, supervisor]
//
// Make a token's hash with
//
//	printf %s "$TOKEN" | sha256sum
//
// (printf, not echo: the newline echo adds would be hashed too). The
// roles are agent, lead, counselor, crisis_owner, hr and admin. Two
// entries of one token, an unknown key or role, or a hash that is not 64
// hex digits are problems, each reported with its line and column.
//
// acts_as lists the roles of the coaching policy the holder may name as
// an event's role when they record a step of a case (lead, counselor,
// crisis_owner and hr tokens only). Without it, the holder acts as the
// coaching role of the same name as their role, and a lead also as the
// mood policy's lead role (team_lead by default); an event naming any
// other role is refused, so that a history says truly in which capacity
// each step was held. Each name is a role id (lowercase letters, digits,
// underscores, starting with a letter), listed once. The names are not
// checked against the coaching policy, which reloads on its own: a name it
// does not declare completes no step, and the event naming it is refused
// by the policy.
//
// The roles decide what a caller sees: an agent only their own data; a
// lead what is owed to their agents and by when, never a screening's
// answers, total or tier; the counselor and HR roles the mood policy
// names confidential see whole results and score screenings (HR neither,
// under a policy that does not name it); the crisis owner every crisis;
// admin runs the service (reload) and never sees health data. A caller
// who may not see health data is told of a bad assessment only which
// field is at fault and how, never what the service worked out from it
// (a total's band, say).
//
// Every mood read but the lead's view of what is owed is written to the
// audit trail before it is answered, the crisis owner's view of an
// escalation owed included, with the reason the Callfloor-Purpose header
// states: at most 256 bytes of UTF-8 text without control characters,
// sent once; any other is 400 on every authenticated call.
//
// # Store
//
// -store takes a DSN as the store package opens it: "sqlite:PATH" (or a
// PATH ending in .db), a SQLite file created when missing; or
// "postgres://user:pass@host/db?sslmode=verify-full" (or postgresql://),
// PostgreSQL. Either is migrated on open. "none" runs the service
// stateless: the stored endpoints answer 503, and so does every read of
// confidential data, since its reading could not be written to the audit
// trail.
//
// # Signals
//
// SIGHUP reloads the policies and the token file. Both are read whole and
// checked before either is put in force, and then put in force together:
// a request is served under the policies of the tokens that authenticated
// it. When one has a problem, the log lists every problem and the running
// policies and tokens stay.
// POST /v1/admin/reload does the same over HTTP.
//
// SIGTERM or SIGINT stops the service gracefully: it stops accepting
// connections, lets requests in flight finish for up to -shutdown-timeout,
// closes the store and exits 0 (1 when requests were still running at the
// deadline).
//
// # Endpoints
//
// Operations, without a token:
//
//	GET  /healthz                 200 while the process serves
//	GET  /readyz                  200 when the store answers a ping within 2 s
//	                              (always, when stateless); else a 503 problem
//	GET  /metrics                 Prometheus metrics
//	GET  /v1/openapi.yaml         the API's OpenAPI description
//
// Operations, with a token:
//
//	GET  /v1/policies             any role: each kind's policy version, hash and file
//	POST /v1/admin/reload         admin: reload policies and tokens; a broken file
//	                              is a 422 problem whose errors give each problem's
//	                              file, line and column, and nothing changes
//
// The library's endpoints (see the OpenAPI description for their bodies
// and the roles each takes):
//
//	POST /v1/mood/screenings              POST /v1/mood/triage
//	POST /v1/qa/evaluations               POST /v1/qa/calibrations
//	POST /v1/qa/disputes                  GET  /v1/qa/disputes/{id}
//	POST /v1/qa/disputes/{id}/events      POST /v1/coaching/proposals
//	POST /v1/coaching/cases               GET  /v1/coaching/cases/{id}
//	POST /v1/coaching/cases/{id}/events   GET  /v1/coaching/due
//	POST /v1/incentives/statements
//
// Every error is an RFC 9457 problem document (application/problem+json)
// whose errors name each field at fault by its path in the request body,
// as "agents[3].metrics.csat". Malformed JSON is 400, with the byte where
// it breaks; a well-formed body with a wrong field, an unknown field (the
// problem lists the allowed names) or a key given twice is 422. Field
// names match exactly, case included, as the OpenAPI description gives
// them. Every POST must send "Content-Type: application/json", else 415.
// A path not in clean form ("//v1/...", "/./", "/../") is a 404 naming the
// clean path: nothing is redirected, so no POST body follows a redirect.
//
// A problem's sentences that come from the library (an input error's
// detail and errors, a policy problem's errors) are in the locale of the
// policy that refused the data, or English for a call that takes no
// policy. A request whose Accept-Language header chooses a bundled locale
// (en, zh-CN; q-values count, and zh, zh-Hans and zh-Hans-CN choose
// zh-CN) gets them worded in it, with Content-Language naming it; any
// other language, "*" or a malformed header is as no header. Such a
// problem sends Vary: Accept-Language. The service's own sentences are
// English in every language: titles, which label the problem's type, and
// the mistakes its JSON decoder finds (unknown fields, wrong types, keys
// given twice, bad times, malformed JSON, bodies too large or too deep)
// and the fixed messages that tell a caller without a care role only a
// fault's kind, which the library's catalogs hold no message for and
// whose wording the library takes from none of its callers; names the
// library's own types refuse (an unknown instrument) are the library's
// and follow the header.
//
// # Limits
//
// Each token holder may make -rate requests a second, -burst at once;
// beyond, 429 with Retry-After. Holders are counted by person, so two
// tokens of one person share a limit. Requests without a token (health,
// readiness, metrics, the OpenAPI description, and requests whose token is
// missing or unknown) are not limited: probes and scrapers must never be
// refused, or a load balancer would take a healthy instance out of
// service; behind a load balancer or proxy every client shares its
// address, so a limit per remote address would refuse them together; and
// none of these requests costs more than a hash of the token. Keep these
// endpoints on a network only the load balancer and the monitoring reach
// when that matters.
//
// Request bodies are bounded by -max-body and their JSON nested at most 32
// deep. The server sets read, write, header and idle timeouts and bounds
// request headers to 64 KiB. Every request ends 5 s before the 60 s write
// timeout: a writer still waiting then for its record, held by other
// writers, answers 503 record-busy, and one whose store call ran out of
// time 503 timeout, both with Retry-After and nothing changed.
//
// # Logs and metrics
//
// Logs are JSON lines on standard error. Each request logs one line
// ("request") with its method, endpoint name, status, duration and, when
// authenticated, the caller's person and role; 5xx at error level. A
// request that fails on the service's side (the store's error, a stored
// record that no longer reads, the audit trail refusing the entry) also
// logs "request failed" with the endpoint, the status and the error. No
// line holds a request or response body, so none holds a screening's
// answers, a total, a band, a tier or a triage result.
//
// Metrics, beside Go's and the process's own:
//
//	callfloor_requests_total{endpoint,code}
//	callfloor_request_duration_seconds{endpoint}   histogram
//	callfloor_panics_total
//	callfloor_reloads_total{result}               result: success, failure
//	callfloor_policy_info{kind,version,hash,file}  1 per running policy
//	callfloor_rate_limited_total
//	callfloor_auth_failures_total{reason}          reason: missing (no bearer token),
//	                                               unknown (a token not in the file)
package main
