package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/cmd/callfloord/internal/store"
	"github.com/callfloor/callfloor/qa"
)

// qaRoutes are the qa package's endpoints. A dispute's id holds a slash
// (qa.DisputeID), so clients escape it in the path, as "%2F".
var qaRoutes = []route{
	{method: "POST", path: "/v1/qa/evaluations", name: "qa.score",
		roles: []Role{RoleAgent, RoleLead, RoleHR}, handle: qaScore},
	{method: "POST", path: "/v1/qa/calibrations", name: "qa.calibrate",
		roles: []Role{RoleLead, RoleHR}, handle: qaCalibrate},
	{method: "POST", path: "/v1/qa/disputes", name: "qa.dispute",
		roles: []Role{RoleAgent, RoleLead, RoleHR}, stored: true, handle: qaDispute},
	{method: "GET", path: "/v1/qa/disputes/{id}", name: "qa.dispute_get",
		roles: []Role{RoleAgent, RoleLead, RoleHR}, stored: true, handle: qaDisputeGet},
	{method: "POST", path: "/v1/qa/disputes/{id}/events", name: "qa.dispute_apply",
		roles: []Role{RoleAgent, RoleLead, RoleHR}, stored: true, handle: qaDisputeApply},
}

// qaScored is an evaluation scored and the feedback talk planned from it,
// as the callfloor command's eval answers for qa.
type qaScored struct {
	Result   qa.Result       `json:"result"`
	Feedback qa.FeedbackPlan `json:"feedback"`
}

// qaScore scores one evaluation with the scorecard it names and plans the
// feedback talk. An agent may score only an evaluation of themselves.
func qaScore(q *request) (int, any, error) {
	var ev qa.Evaluation
	if err := q.decode(&ev); err != nil {
		return 0, nil, err
	}
	if q.who.Role == RoleAgent && ev.Agent != q.who.Person {
		return 0, nil, forbidden("agent", "an agent may score only an evaluation of themselves")
	}
	pol := q.pol.QA
	sc, ok := pol.Scorecard(ev.Scorecard)
	if !ok {
		var ids []string
		for _, s := range pol.Scorecards() {
			ids = append(ids, s.ID())
		}
		return 0, nil, callfloor.NotSupported("scorecard", "scorecard", ev.Scorecard, ids)
	}
	res, err := sc.Score(ev)
	if err != nil {
		return 0, nil, reroot(err, "evaluation", "")
	}
	plan, err := pol.Feedback(res)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, qaScored{Result: res, Feedback: plan}, nil
}

// calibrationsRequest is calibration sessions already compared, whose
// evaluators' leans are asked for.
type calibrationsRequest struct {
	Calibrations []qa.Calibration `json:"calibrations"`
}

// leansResponse is each evaluator's lean across the calibrations.
type leansResponse struct {
	Leans []qa.Lean `json:"leans"`
}

// qaCalibrate finds how each evaluator leans across calibration sessions.
func qaCalibrate(q *request) (int, any, error) {
	var in calibrationsRequest
	if err := q.decode(&in); err != nil {
		return 0, nil, err
	}
	leans, err := q.pol.QA.Leans(in.Calibrations)
	if err != nil {
		return 0, nil, err
	}
	if leans == nil {
		leans = []qa.Lean{}
	}
	return http.StatusOK, leansResponse{Leans: leans}, nil
}

// disputeRequest is an agent's raise of a dispute of an evaluation.
type disputeRequest struct {
	Evaluation qa.Evaluation   `json:"evaluation"`
	Event      qa.DisputeEvent `json:"event"`
}

// disputeMeta is what the store indexes of a dispute.
func disputeMeta(d qa.Dispute) (string, bool, time.Time) {
	return d.Evaluation.Agent, d.Status == qa.StatusOpen, d.Updated
}

// qaDispute opens a dispute and stores it. Sending the same raise again,
// as a client does that lost the first answer, answers the stored dispute
// whatever has happened to it since.
func qaDispute(q *request) (int, any, error) {
	var in disputeRequest
	if err := q.decode(&in); err != nil {
		return 0, nil, err
	}
	if q.who.Role == RoleAgent {
		if in.Evaluation.Agent != q.who.Person {
			return 0, nil, forbidden("evaluation.agent", "an agent may dispute only an evaluation of themselves")
		}
		if in.Event.By != q.who.Person {
			return 0, nil, forbidden("event.by", "an agent raises a dispute in their own name")
		}
	}
	d, err := q.pol.QA.OpenDispute(in.Evaluation, in.Event)
	if err != nil {
		return 0, nil, err
	}
	d, created, err := createStored(q, store.KindDispute, d.ID, d, disputeMeta)
	var p *Problem
	if errors.As(err, &p) && p.Status == http.StatusConflict {
		// The stored dispute differs: it has moved on since it was
		// raised, or was raised under another policy. It is still this
		// request's dispute when it holds the same evaluation and raise.
		if stored, ok := sameRaise(q, d); ok {
			return http.StatusOK, stored, nil
		}
	}
	if err != nil {
		return 0, nil, err
	}
	if created {
		return http.StatusCreated, d, nil
	}
	return http.StatusOK, d, nil
}

// sameRaise reads the dispute stored under d's id and reports whether it
// was opened by the same evaluation and raise as d.
func sameRaise(q *request, d qa.Dispute) (qa.Dispute, bool) {
	rec, err := q.s.cfg.Store.Get(q.ctx(), store.KindDispute, d.ID)
	if err != nil {
		return qa.Dispute{}, false
	}
	var stored qa.Dispute
	if err := json.Unmarshal(rec.Doc, &stored); err != nil || len(stored.History) == 0 || len(d.History) == 0 {
		return qa.Dispute{}, false
	}
	same := jsonOf(stored.Evaluation) == jsonOf(d.Evaluation) && jsonOf(stored.History[0]) == jsonOf(d.History[0])
	return stored, same
}

// jsonOf is v's JSON, to compare values as they are stored.
func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// loadDispute reads the dispute stored under the path's id. An agent asking
// for a dispute that is not theirs is told there is none, so that ids
// cannot be probed.
func loadDispute(q *request) (qa.Dispute, error) {
	rec, err := q.s.cfg.Store.Get(q.ctx(), store.KindDispute, q.r.PathValue("id"))
	if err != nil {
		return qa.Dispute{}, err
	}
	var d qa.Dispute
	if err := json.Unmarshal(rec.Doc, &d); err != nil {
		return qa.Dispute{}, err
	}
	if err := mayReadDispute(q, d); err != nil {
		return qa.Dispute{}, err
	}
	return d, nil
}

// mayReadDispute refuses an agent a dispute of someone else's evaluation,
// as not found.
func mayReadDispute(q *request, d qa.Dispute) error {
	if q.who.Role == RoleAgent && d.Evaluation.Agent != q.who.Person {
		return store.ErrNotFound
	}
	return nil
}

// qaDisputeGet answers a stored dispute.
func qaDisputeGet(q *request) (int, any, error) {
	d, err := loadDispute(q)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, d, nil
}

// qaDisputeApply applies a decide or withdraw event to a stored dispute.
// The event is the caller's own; an agent may only withdraw their own
// dispute, and a reviewer decides. Events that race are each applied to
// the dispute as the other left it, and an event sent again changes
// nothing. A dispute no longer open refuses any other event as a 409
// conflict with the stored dispute, as a closed case does.
func qaDisputeApply(q *request) (int, any, error) {
	var e qa.DisputeEvent
	if err := q.decode(&e); err != nil {
		return 0, nil, err
	}
	if e.By != q.who.Person {
		return 0, nil, forbidden("by", "an event is recorded in the caller's own name")
	}
	if q.who.Role == RoleAgent && e.Type != qa.EventWithdraw {
		return 0, nil, forbidden("type", "an agent may only withdraw their own dispute; a reviewer decides it")
	}
	pol := q.pol.QA
	check := func(d qa.Dispute) error { return mayReadDispute(q, d) }
	change := func(d qa.Dispute) (qa.Dispute, error) {
		next, err := pol.Apply(d, e)
		if err != nil && d.Status != qa.StatusOpen {
			// A decided or withdrawn dispute takes no event but the one
			// that closed it, which Apply returns unchanged: whatever it
			// refuses, it refuses for being closed.
			return d, stateConflict(reroot(err, "event", ""), "")
		}
		if err != nil {
			return d, reroot(stateConflict(err, "dispute"), "event", "")
		}
		return next, nil
	}
	d, err := applyStored(q, store.KindDispute, q.r.PathValue("id"), check, change, disputeMeta)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, d, nil
}
