package apischema

import (
	"time"

	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

// The service's own request and response bodies, where an endpoint wraps
// the library's values. They are the API's statement of those bodies;
// the service's contract test holds the service to them.

// MoodScoreRequest is the body of POST /v1/mood/screenings.
type MoodScoreRequest struct {
	Agent      string          `json:"agent"`
	Instrument mood.Instrument `json:"instrument"`
	Answers    []int           `json:"answers"`
	At         time.Time       `json:"at"`
}

// QAScoreResponse is the answer of POST /v1/qa/evaluations.
type QAScoreResponse struct {
	Result   qa.Result       `json:"result"`
	Feedback qa.FeedbackPlan `json:"feedback"`
}

// QACalibrateRequest is the body of POST /v1/qa/calibrations.
type QACalibrateRequest struct {
	Calibrations []qa.Calibration `json:"calibrations"`
}

// QACalibrateResponse is the answer of POST /v1/qa/calibrations.
type QACalibrateResponse struct {
	Leans []qa.Lean `json:"leans"`
}

// QADisputeRequest is the body of POST /v1/qa/disputes.
type QADisputeRequest struct {
	Evaluation qa.Evaluation   `json:"evaluation"`
	Event      qa.DisputeEvent `json:"event"`
}

// CoachingProposeRequest is the body of POST /v1/coaching/proposals.
type CoachingProposeRequest struct {
	Subject string           `json:"subject"`
	Signals coaching.Signals `json:"signals"`
	Open    []coaching.Case  `json:"open,omitempty"`
}

// CoachingOpenRequest is the body of POST /v1/coaching/cases.
type CoachingOpenRequest struct {
	Kind    coaching.Kind    `json:"kind"`
	Subject string           `json:"subject"`
	Opened  time.Time        `json:"opened"`
	Channel coaching.Channel `json:"channel,omitempty"`
}

// CoachingDueResponse is the answer of GET /v1/coaching/due.
type CoachingDueResponse struct {
	At  time.Time           `json:"at"`
	Due []coaching.Reminder `json:"due"`
}

// IncentivesEvaluateRequest is the body of POST /v1/incentives/statements.
type IncentivesEvaluateRequest struct {
	Period incentives.Period        `json:"period"`
	Agents []incentives.AgentRecord `json:"agents"`
}

// Health is the answer of GET /healthz.
type Health struct {
	Status string `json:"status"`
}

// Ready is the answer of GET /readyz.
type Ready struct {
	Status string `json:"status"`
	// Store is "ok" when the store answered, "none" without a store.
	Store string `json:"store"`
}

// PoliciesResponse is the answer of GET /v1/policies and of POST
// /v1/admin/reload: the policy running for each kind.
type PoliciesResponse struct {
	Policies []Policy `json:"policies"`
}

// Policy is one running policy.
type Policy struct {
	Kind    string `json:"kind"`
	Version string `json:"version"`
	Hash    string `json:"hash"`
	// File is the file it was read from; absent for a package's default.
	File string `json:"file,omitempty"`
}

// Problem is an RFC 9457 problem document, as the service writes every
// error.
type Problem struct {
	Type     string       `json:"type"`
	Title    string       `json:"title"`
	Status   int          `json:"status"`
	Detail   string       `json:"detail,omitempty"`
	Instance string       `json:"instance,omitempty"`
	Errors   []FieldError `json:"errors,omitempty"`
}

// FieldError is one field at fault in a Problem, its path rooted at the
// request body.
type FieldError struct {
	Field  string `json:"field"`
	Kind   string `json:"kind"`
	Detail string `json:"detail"`
	// File, Line and Column place a problem of a policy or token file
	// that a reload refused.
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}
