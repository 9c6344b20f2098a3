package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/cmd/callfloord/internal/store"
	"github.com/callfloor/callfloor/qa"
)

// The evaluation tests score: made a day before testNow by evaluator
// q.eva, disputed an hour before testNow, decided half an hour later.
var (
	evalAt   = testNow.Add(-24 * time.Hour)
	raiseAt  = testNow.Add(-time.Hour)
	decideAt = testNow.Add(-30 * time.Minute)
)

// testEvaluation is a QA evaluation of agent with the default policy's
// first scorecard: full marks but for its first two items that are not
// critical, which score their lowest, so that there is something to
// dispute and to correct. It returns those two items' ids.
func testEvaluation(t testing.TB, id, agent string) (qa.Evaluation, [2]string) {
	t.Helper()
	sc := qa.DefaultPolicy().Scorecards()[0]
	ev := qa.Evaluation{ID: id, Agent: agent, Evaluator: "q.eva", Source: qa.QA, Scorecard: sc.ID(), At: evalAt}
	var low [2]string
	n := 0
	for _, it := range sc.Items() {
		a := qa.Answer{Item: it.ID, Value: float64(it.Max)}
		if it.Critical == "" && n < len(low) {
			a.Value = float64(it.Min)
			low[n] = it.ID
			n++
		}
		ev.Answers = append(ev.Answers, a)
	}
	if n < len(low) {
		t.Fatal("the default scorecard has fewer than two items that are not critical")
	}
	return ev, low
}

// raiseOf is the agent's raise of the given items of ev.
func raiseOf(ev qa.Evaluation, items ...string) qa.DisputeEvent {
	e := qa.DisputeEvent{ID: "raise", Type: qa.EventRaise, At: raiseAt, By: ev.Agent}
	for _, it := range items {
		e.Items = append(e.Items, qa.DisputeItemEvent{Item: it, Reason: "the caller asked me to skip it"})
	}
	return e
}

// decideOf is a reviewer's upholding of the given items.
func decideOf(id, by string, items ...string) qa.DisputeEvent {
	e := qa.DisputeEvent{ID: id, Type: qa.EventDecide, At: decideAt, By: by}
	for _, it := range items {
		e.Items = append(e.Items, qa.DisputeItemEvent{Item: it, Decision: qa.Upheld, Rationale: "the recording bears the evaluator out"})
	}
	return e
}

// disputePath is the path of a dispute, or of one of its parts, with the
// id escaped as clients must.
func disputePath(id string, rest ...string) string {
	p := "/v1/qa/disputes/" + url.PathEscape(id)
	for _, r := range rest {
		p += "/" + r
	}
	return p
}

// TestQAScoreRoles proves who may score an evaluation and that the answer
// is the library's result and feedback plan.
func TestQAScoreRoles(t *testing.T) {
	const path = "/v1/qa/evaluations"
	pol := qa.DefaultPolicy()
	ev, _ := testEvaluation(t, "ev-1", "a.li")
	sc, _ := pol.Scorecard(ev.Scorecard)
	res, err := sc.Score(ev)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := pol.Feedback(res)
	if err != nil {
		t.Fatal(err)
	}
	want := struct {
		Result   qa.Result       `json:"result"`
		Feedback qa.FeedbackPlan `json:"feedback"`
	}{res, plan}
	anonymous := ev
	anonymous.Agent = ""
	notOwn := forbiddenProblem(path, "agent", "an agent may score only an evaluation of themselves")
	cases := []struct {
		name, token string
		ev          qa.Evaluation
		refused     *Problem
	}{
		{"agent, own", tokAgentA, ev, nil},
		{"agent, another's", tokAgentB, ev, notOwn},
		{"agent, nobody's", tokAgentA, anonymous, notOwn},
		{"lead", tokLead, ev, nil},
		{"hr", tokHR, ev, nil},
		{"counselor", tokCounselor, ev, roleProblem(path, RoleCounselor, "qa.score")},
		{"crisis owner", tokCrisis, ev, roleProblem(path, RoleCrisisOwner, "qa.score")},
		{"admin", tokAdmin, ev, roleProblem(path, RoleAdmin, "qa.score")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts := newTestServer(t, withoutStore())
			status, body, hdr := ts.do(t, c.token, "POST", path, c.ev)
			if c.refused != nil {
				wantProblem(t, status, body, hdr, c.refused)
				return
			}
			wantBody(t, status, body, 200, want)
			if got := objectKeys(t, body); !reflect.DeepEqual(got, []string{"feedback", "result"}) {
				t.Errorf("members %q, want feedback and result", got)
			}
		})
	}
}

// TestQAScoreBadInput proves each kind of bad evaluation gets its exact
// problem, with the library's field paths rooted at the body.
func TestQAScoreBadInput(t *testing.T) {
	const path = "/v1/qa/evaluations"
	pol := qa.DefaultPolicy()
	libErr := func(ev qa.Evaluation) error {
		sc, ok := pol.Scorecard(ev.Scorecard)
		if !ok {
			t.Fatalf("no scorecard %q", ev.Scorecard)
		}
		_, err := sc.Score(ev)
		if err == nil {
			t.Fatalf("Score accepted %+v", ev)
		}
		return err
	}
	ev, _ := testEvaluation(t, "ev-1", "a.li")
	var ids []string
	for _, s := range pol.Scorecards() {
		ids = append(ids, s.ID())
	}
	unknownCard := ev
	unknownCard.Scorecard = "inbound_v0"
	unknownItem := ev
	unknownItem.Answers = append([]qa.Answer{{Item: "smiled", Value: 1}}, ev.Answers[1:]...)
	offScale := ev
	offScale.Answers = append([]qa.Answer{{Item: ev.Answers[0].Item, Value: 7}}, ev.Answers[1:]...)
	missing := ev
	missing.Answers = ev.Answers[1:]
	noSource := ev
	noSource.Source = ""
	cases := []struct {
		name string
		body any
		want *Problem
	}{
		{"malformed", `{"agent":"a.li",}`, problem(400, "malformed", "Malformed JSON", "invalid character '}' looking for beginning of object key string, at byte 17", path)},
		{"unknown field", `{"agent":"a.li","grade":"A"}`,
			bodyProblem(path, "grade", "not_supported", `unknown field "grade"; allowed: agent, answers, at, evaluator, id, interaction, scorecard, source`)},
		{"value of the wrong type", `{"answers":[{"item":"x","value":"1"}]}`, bodyProblem(path, "answers[0].value", "invalid", "must be a number, not a string")},
		{"unknown source", `{"source":"robot"}`, bodyProblem(path, "source", "not_supported", `unknown source "robot"; allowed: qa, peer, self, lead`)},
		{"unknown scorecard", unknownCard,
			inputProblemAt(t, path, "scorecard", "not_supported", callfloor.NotSupported("scorecard", "scorecard", "inbound_v0", ids))},
		{"no scorecard", `{"agent":"a.li"}`,
			inputProblemAt(t, path, "scorecard", "not_supported", callfloor.NotSupported("scorecard", "scorecard", "", ids))},
		{"unknown item", unknownItem, inputProblemAt(t, path, "answers[0].item", "not_supported", libErr(unknownItem))},
		{"answer off the scale", offScale, inputProblemAt(t, path, "answers[0].value", "out_of_range", libErr(offScale))},
		{"an answer missing", missing, inputProblemAt(t, path, "answers", "required", libErr(missing))},
		{"no source", withoutSource(t, ev), inputProblemAt(t, path, "source", "not_supported", libErr(noSource))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts := newTestServer(t, withoutStore())
			status, body, hdr := ts.do(t, tokLead, "POST", path, c.body)
			wantProblem(t, status, body, hdr, c.want)
		})
	}
}

// withoutSource is ev's JSON without its source, which a Go value cannot
// leave out.
func withoutSource(t testing.TB, ev qa.Evaluation) []byte {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(mustJSON(t, ev), &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "source")
	return mustJSON(t, m)
}

// TestQACalibrate proves who may ask for evaluators' leans and that the
// answer is the library's.
func TestQACalibrate(t *testing.T) {
	const path = "/v1/qa/calibrations"
	pol := qa.DefaultPolicy()
	session := func(id string, dev float64) qa.Calibration {
		return qa.Calibration{Session: id, Scorecard: "inbound_service", At: evalAt, Reference: 90, ReferenceBy: qa.ReferenceExpert, Expert: "q.lin",
			Evaluators: []qa.EvaluatorDeviation{
				{Evaluator: "q.lin", Score: 90, Expert: true},
				{Evaluator: "q.eva", Score: 90 + dev, Deviation: dev, OutsideTolerance: dev < -5 || dev > 5},
				{Evaluator: "q.ma", Score: 91, Deviation: 1},
			}}
	}
	cals := []qa.Calibration{session("s1", -8), session("s2", -7), session("s3", -9)}
	leans, err := pol.Leans(cals)
	if err != nil {
		t.Fatal(err)
	}
	if len(leans) != 3 {
		t.Fatalf("the library found %d leans in three evaluators' sessions", len(leans))
	}
	badDev := []qa.Calibration{session("s1", -8)}
	badDev[0].Evaluators[1].Deviation = 101
	noName := []qa.Calibration{session("s1", -8)}
	noName[0].Evaluators[2].Evaluator = ""
	libErr := func(cs []qa.Calibration) error {
		_, err := pol.Leans(cs)
		if err == nil {
			t.Fatal("Leans accepted")
		}
		return err
	}
	cases := []struct {
		name, token string
		body        any
		want        any
	}{
		{"lead", tokLead, map[string]any{"calibrations": cals}, map[string]any{"leans": leans}},
		{"hr", tokHR, map[string]any{"calibrations": cals}, map[string]any{"leans": leans}},
		{"no sessions", tokLead, `{"calibrations":[]}`, `{"leans":[]}`},
		{"nothing", tokLead, `{}`, `{"leans":[]}`},
		{"agent", tokAgentA, `{}`, roleProblem(path, RoleAgent, "qa.calibrate")},
		{"counselor", tokCounselor, `{}`, roleProblem(path, RoleCounselor, "qa.calibrate")},
		{"crisis owner", tokCrisis, `{}`, roleProblem(path, RoleCrisisOwner, "qa.calibrate")},
		{"admin", tokAdmin, `{}`, roleProblem(path, RoleAdmin, "qa.calibrate")},
		{"deviation off the scale", tokLead, map[string]any{"calibrations": badDev},
			inputProblemAt(t, path, "calibrations[0].evaluators[1].deviation", "out_of_range", libErr(badDev))},
		{"evaluator missing", tokLead, map[string]any{"calibrations": noName},
			inputProblemAt(t, path, "calibrations[0].evaluators[2].evaluator", "required", libErr(noName))},
		{"unknown field", tokLead, `{"sessions":[]}`, bodyProblem(path, "sessions", "not_supported", `unknown field "sessions"; allowed: calibrations`)},
		{"not a list", tokLead, `{"calibrations":{}}`, bodyProblem(path, "calibrations", "invalid", "must be an array, not an object")},
		{"malformed", tokLead, `{"calibrations":[}`, problem(400, "malformed", "Malformed JSON", "invalid character '}' looking for beginning of value, at byte 18", path)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts := newTestServer(t, withoutStore())
			status, body, hdr := ts.do(t, c.token, "POST", path, c.body)
			if p, ok := c.want.(*Problem); ok {
				wantProblem(t, status, body, hdr, p)
				return
			}
			wantBody(t, status, body, 200, c.want)
		})
	}
}

// TestQADisputeLifecycle follows a dispute from its raise to its decision
// through every reader, and sends each request twice.
func TestQADisputeLifecycle(t *testing.T) {
	pol := qa.DefaultPolicy()
	ts := newTestServer(t)
	ev, low := testEvaluation(t, "ev-1042", "a.li")
	raise := raiseOf(ev, low[0])
	opened, err := pol.OpenDispute(ev, raise)
	if err != nil {
		t.Fatal(err)
	}
	if opened.ID != qa.DisputeID("ev-1042", raiseAt) {
		t.Fatalf("the library's dispute id %q is not DisputeID's", opened.ID)
	}
	in := map[string]any{"evaluation": ev, "event": raise}

	status, body, _ := ts.do(t, tokAgentA, "POST", "/v1/qa/disputes", in)
	wantBody(t, status, body, http.StatusCreated, opened)
	status, body, _ = ts.do(t, tokAgentA, "POST", "/v1/qa/disputes", in)
	wantBody(t, status, body, http.StatusOK, opened)
	wantVersion(t, ts, opened.ID, 1, "a.li", true)

	for _, tok := range []string{tokAgentA, tokLead, tokHR} {
		status, body, _ = ts.do(t, tok, "GET", disputePath(opened.ID), nil)
		wantBody(t, status, body, 200, opened)
	}
	notFound := problem(404, "not-found", "Not found", "", disputePath(opened.ID))
	status, body, hdr := ts.do(t, tokAgentB, "GET", disputePath(opened.ID), nil)
	wantProblem(t, status, body, hdr, notFound)
	status, body, hdr = ts.do(t, tokCounselor, "GET", disputePath(opened.ID), nil)
	wantProblem(t, status, body, hdr, roleProblem(disputePath(opened.ID), RoleCounselor, "qa.dispute_get"))
	status, body, hdr = ts.do(t, tokLead, "GET", disputePath("ev-9/20260301T000000.000000000Z"), nil)
	wantProblem(t, status, body, hdr, problem(404, "not-found", "Not found", "", disputePath("ev-9/20260301T000000.000000000Z")))

	decide := decideOf("d1", "l.chen", low[0])
	decided, err := pol.Apply(opened, decide)
	if err != nil {
		t.Fatal(err)
	}
	if decided.Status != qa.StatusDecided {
		t.Fatalf("the library left the dispute %s", decided.Status)
	}
	status, body, _ = ts.do(t, tokLead, "POST", disputePath(opened.ID, "events"), decide)
	wantBody(t, status, body, 200, decided)
	wantVersion(t, ts, opened.ID, 2, "a.li", false)
	status, body, _ = ts.do(t, tokLead, "POST", disputePath(opened.ID, "events"), decide)
	wantBody(t, status, body, 200, decided)
	wantVersion(t, ts, opened.ID, 2, "a.li", false)

	// The agent's raise sent again after the decision is still answered:
	// it is the same dispute.
	status, body, _ = ts.do(t, tokAgentA, "POST", "/v1/qa/disputes", in)
	wantBody(t, status, body, http.StatusOK, decided)
	status, body, _ = ts.do(t, tokAgentA, "GET", disputePath(opened.ID), nil)
	wantBody(t, status, body, 200, decided)
	wantAudits(t, ts)
}

// wantVersion fails the test unless the dispute id is stored at version,
// about subject and open or not.
func wantVersion(t testing.TB, ts *testServer, id string, version int64, subject string, open bool) {
	t.Helper()
	rec, err := ts.store.Get(context.Background(), store.KindDispute, id)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Version != version || rec.Subject != subject || rec.Open != open {
		t.Errorf("stored dispute: version %d, subject %q, open %v; want %d, %q, %v", rec.Version, rec.Subject, rec.Open, version, subject, open)
	}
}

// TestQADisputeWithdraw proves that the agent may withdraw their own
// dispute, and nobody else's.
func TestQADisputeWithdraw(t *testing.T) {
	pol := qa.DefaultPolicy()
	ts := newTestServer(t)
	ev, low := testEvaluation(t, "ev-7", "a.li")
	raise := raiseOf(ev, low[0])
	opened, err := pol.OpenDispute(ev, raise)
	if err != nil {
		t.Fatal(err)
	}
	status, body, _ := ts.do(t, tokAgentA, "POST", "/v1/qa/disputes", map[string]any{"evaluation": ev, "event": raise})
	wantBody(t, status, body, http.StatusCreated, opened)

	path := disputePath(opened.ID, "events")
	status, body, hdr := ts.do(t, tokAgentB, "POST", path, qa.DisputeEvent{ID: "w", Type: qa.EventWithdraw, At: decideAt, By: "b.wu"})
	wantProblem(t, status, body, hdr, problem(404, "not-found", "Not found", "", path))
	wantVersion(t, ts, opened.ID, 1, "a.li", true)

	withdraw := qa.DisputeEvent{ID: "w", Type: qa.EventWithdraw, At: decideAt, By: "a.li"}
	withdrawn, err := pol.Apply(opened, withdraw)
	if err != nil {
		t.Fatal(err)
	}
	if withdrawn.Status != qa.StatusWithdrawn {
		t.Fatalf("the library left the dispute %s", withdrawn.Status)
	}
	status, body, _ = ts.do(t, tokAgentA, "POST", path, withdraw)
	wantBody(t, status, body, 200, withdrawn)
	wantVersion(t, ts, opened.ID, 2, "a.li", false)
}

// TestQADisputeRefusals proves each refusal of a dispute request, with its
// exact problem, and that a refused event changes nothing stored.
func TestQADisputeRefusals(t *testing.T) {
	pol := qa.DefaultPolicy()
	ts := newTestServer(t)
	ev, low := testEvaluation(t, "ev-1042", "a.li")
	raise := raiseOf(ev, low[0])
	opened, err := pol.OpenDispute(ev, raise)
	if err != nil {
		t.Fatal(err)
	}
	if status, body, _ := ts.do(t, tokAgentA, "POST", "/v1/qa/disputes", map[string]any{"evaluation": ev, "event": raise}); status != http.StatusCreated {
		t.Fatalf("open: %d %s", status, body)
	}
	openErr := func(ev qa.Evaluation, e qa.DisputeEvent) error {
		_, err := pol.OpenDispute(ev, e)
		if err == nil {
			t.Fatal("OpenDispute accepted")
		}
		return err
	}
	applyErr := func(e qa.DisputeEvent) error {
		_, err := pol.Apply(opened, e)
		if err == nil {
			t.Fatal("Apply accepted")
		}
		return err
	}
	const create = "/v1/qa/disputes"
	events := disputePath(opened.ID, "events")

	bsEval, _ := testEvaluation(t, "ev-2001", "b.wu")
	late := raiseOf(ev, low[0])
	late.At = evalAt.Add(pol.DisputeWindow() + time.Second)
	late.ID = "late"
	noItems := raiseOf(ev)
	noID := ev
	noID.ID = ""
	unknownItem := decideOf("d1", "l.chen", "smiled")
	early := decideOf("d1", "l.chen", low[0])
	early.At = raiseAt.Add(-time.Second)
	noRationale := decideOf("d1", "l.chen", low[0])
	noRationale.Items[0].Rationale = ""
	cases := []struct {
		name, token, method, path string
		body                      any
		want                      *Problem
	}{
		{"agent disputes another's evaluation", tokAgentA, "POST", create,
			map[string]any{"evaluation": bsEval, "event": raiseOf(bsEval, low[0])},
			forbiddenProblem(create, "evaluation.agent", "an agent may dispute only an evaluation of themselves")},
		{"agent raises in another's name", tokAgentB, "POST", create,
			map[string]any{"evaluation": bsEval, "event": raiseOf(ev, low[0])},
			forbiddenProblem(create, "event.by", "an agent raises a dispute in their own name")},
		{"counselor opens", tokCounselor, "POST", create, map[string]any{"evaluation": ev, "event": raise},
			roleProblem(create, RoleCounselor, "qa.dispute")},
		{"admin opens", tokAdmin, "POST", create, map[string]any{"evaluation": ev, "event": raise},
			roleProblem(create, RoleAdmin, "qa.dispute")},
		{"raise after the window", tokAgentA, "POST", create, map[string]any{"evaluation": ev, "event": late},
			inputProblemAt(t, create, "event.at", "invalid", openErr(ev, late))},
		{"raise of no item", tokAgentA, "POST", create, map[string]any{"evaluation": ev, "event": noItems},
			inputProblemAt(t, create, "event.items", "required", openErr(ev, noItems))},
		{"evaluation without id", tokLead, "POST", create, map[string]any{"evaluation": noID, "event": raise},
			inputProblemAt(t, create, "evaluation.id", "required", openErr(noID, raise))},
		{"raise of the wrong type", tokAgentA, "POST", create, `{"evaluation":{},"event":{"type":"appeal"}}`,
			bodyProblem(create, "event.type", "not_supported", `unknown event type "appeal"; allowed: raise, decide, withdraw`)},
		{"open, unknown field", tokAgentA, "POST", create, `{"evaluation":{},"appeal":{}}`,
			bodyProblem(create, "appeal", "not_supported", `unknown field "appeal"; allowed: evaluation, event`)},
		{"evaluated agent decides", tokAgentA, "POST", events, decideOf("d1", "a.li", low[0]),
			forbiddenProblem(events, "type", "an agent may only withdraw their own dispute; a reviewer decides it")},
		{"another agent decides", tokAgentB, "POST", events, decideOf("d1", "b.wu", low[0]),
			forbiddenProblem(events, "type", "an agent may only withdraw their own dispute; a reviewer decides it")},
		{"lead decides in another's name", tokLead, "POST", events, decideOf("d1", "h.ma", low[0]),
			forbiddenProblem(events, "by", "an event is recorded in the caller's own name")},
		{"agent withdraws in another's name", tokAgentA, "POST", events, qa.DisputeEvent{ID: "w", Type: qa.EventWithdraw, At: decideAt, By: "b.wu"},
			forbiddenProblem(events, "by", "an event is recorded in the caller's own name")},
		{"counselor decides", tokCounselor, "POST", events, decideOf("d1", "c.zhao", low[0]),
			roleProblem(events, RoleCounselor, "qa.dispute_apply")},
		{"decide of an item not disputed", tokLead, "POST", events, unknownItem,
			inputProblemAt(t, events, "items[0].item", "not_supported", applyErr(unknownItem))},
		{"decide before the raise", tokLead, "POST", events, early, inputProblemAt(t, events, "at", "invalid", applyErr(early))},
		{"decide without rationale", tokLead, "POST", events, noRationale,
			inputProblemAt(t, events, "items[0].rationale", "required", applyErr(noRationale))},
		{"decide of an unknown dispute", tokLead, "POST", disputePath("ev-9/20260301T000000.000000000Z", "events"), decideOf("d1", "l.chen", low[0]),
			problem(404, "not-found", "Not found", "", disputePath("ev-9/20260301T000000.000000000Z", "events"))},
		{"event, malformed", tokLead, "POST", events, `{"id":"d1"`, problem(400, "malformed", "Malformed JSON", "unexpected end of JSON input, at byte 10", events)},
		{"event, text body", tokLead, "POST", events, `{}`,
			problem(415, "unsupported-media-type", "Unsupported media type", "a request body is JSON: send Content-Type: application/json", events)},
		{"no token", "", "POST", events, `{}`, problem(401, "unauthorized", "Unauthorized", "send a bearer token in the Authorization header", events)},
		{"unknown token", "tok-nobody", "GET", disputePath(opened.ID), nil, problem(401, "unauthorized", "Unauthorized", "the token is not known", disputePath(opened.ID))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var hdr []string
			if c.name == "event, text body" {
				hdr = []string{"Content-Type", "text/plain; charset=utf-8"}
			}
			status, body, h := ts.do(t, c.token, c.method, c.path, c.body, hdr...)
			wantProblem(t, status, body, h, c.want)
			wantVersion(t, ts, opened.ID, 1, "a.li", true)
		})
	}

	// The evaluator may not decide a dispute of their own evaluation.
	byHR, _ := testEvaluation(t, "ev-hr", "a.li")
	byHR.Evaluator = "h.ma"
	hrRaise := raiseOf(byHR, low[0])
	hrOpened, err := pol.OpenDispute(byHR, hrRaise)
	if err != nil {
		t.Fatal(err)
	}
	if status, body, _ := ts.do(t, tokAgentA, "POST", create, map[string]any{"evaluation": byHR, "event": hrRaise}); status != http.StatusCreated {
		t.Fatalf("open: %d %s", status, body)
	}
	own := decideOf("d1", "h.ma", low[0])
	_, ownErr := pol.Apply(hrOpened, own)
	path := disputePath(hrOpened.ID, "events")
	status, body, h := ts.do(t, tokHR, "POST", path, own)
	wantProblem(t, status, body, h, inputProblemAt(t, path, "by", "forbidden", ownErr))
	wantVersion(t, ts, hrOpened.ID, 1, "a.li", true)
}

// TestQARolesRefused proves every role an endpoint of qa does not list is
// refused before anything is read or stored.
func TestQARolesRefused(t *testing.T) {
	ts := newTestServer(t)
	id := qa.DisputeID("ev-1", raiseAt)
	endpoints := []struct {
		name, method, path string
		refused            []string
	}{
		{"qa.score", "POST", "/v1/qa/evaluations", []string{tokCounselor, tokCrisis, tokAdmin}},
		{"qa.calibrate", "POST", "/v1/qa/calibrations", []string{tokAgentA, tokCounselor, tokCrisis, tokAdmin}},
		{"qa.dispute", "POST", "/v1/qa/disputes", []string{tokCounselor, tokCrisis, tokAdmin}},
		{"qa.dispute_get", "GET", disputePath(id), []string{tokCounselor, tokCrisis, tokAdmin}},
		{"qa.dispute_apply", "POST", disputePath(id, "events"), []string{tokCounselor, tokCrisis, tokAdmin}},
	}
	for _, e := range endpoints {
		for _, tok := range e.refused {
			var body any
			if e.method == "POST" {
				body = `{}`
			}
			status, resp, hdr := ts.do(t, tok, e.method, e.path, body)
			wantProblem(t, status, resp, hdr, roleProblem(e.path, testPrincipals[tok].Role, e.name))
		}
	}
	if _, err := ts.store.Get(context.Background(), store.KindDispute, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a refused request stored a dispute: %v", err)
	}
}

// TestQADisputeWithoutStore proves the stored endpoints refuse to run
// without a store, and the stateless ones still run.
func TestQADisputeWithoutStore(t *testing.T) {
	ts := newTestServer(t, withoutStore())
	ev, low := testEvaluation(t, "ev-1", "a.li")
	noStore := func(path string) *Problem {
		return problem(503, "no-store", "No store", "the service runs without a store; this endpoint keeps state", path)
	}
	id := qa.DisputeID("ev-1", raiseAt)
	cases := []struct {
		method, path string
		body         any
	}{
		{"POST", "/v1/qa/disputes", map[string]any{"evaluation": ev, "event": raiseOf(ev, low[0])}},
		{"GET", disputePath(id), nil},
		{"POST", disputePath(id, "events"), decideOf("d1", "l.chen", low[0])},
	}
	for _, c := range cases {
		status, body, hdr := ts.do(t, tokLead, c.method, c.path, c.body)
		wantProblem(t, status, body, hdr, noStore(c.path))
	}
	if status, body, _ := ts.do(t, tokLead, "POST", "/v1/qa/evaluations", ev); status != 200 {
		t.Errorf("scoring without a store: %d %s", status, body)
	}
}

// TestQADisputeConcurrentEvents proves that events racing on one dispute
// are neither lost nor applied twice: two reviewers deciding different
// items both count, and one event sent many times at once counts once.
func TestQADisputeConcurrentEvents(t *testing.T) {
	pol := qa.DefaultPolicy()
	ts := newTestServer(t)
	const rounds = 8
	for r := 0; r < rounds; r++ {
		ev, low := testEvaluation(t, fmt.Sprintf("ev-%d", r), "a.li")
		raise := raiseOf(ev, low[0], low[1])
		opened, err := pol.OpenDispute(ev, raise)
		if err != nil {
			t.Fatal(err)
		}
		if status, body, _ := ts.do(t, tokAgentA, "POST", "/v1/qa/disputes", map[string]any{"evaluation": ev, "event": raise}); status != http.StatusCreated {
			t.Fatalf("open: %d %s", status, body)
		}
		e1, e2 := decideOf("lead-1", "l.chen", low[0]), decideOf("hr-1", "h.ma", low[1])
		var wg sync.WaitGroup
		statuses := make([]int, 2)
		for i, c := range []struct {
			tok string
			e   qa.DisputeEvent
		}{{tokLead, e1}, {tokHR, e2}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i], _, _ = ts.do(t, c.tok, "POST", disputePath(opened.ID, "events"), c.e)
			}()
		}
		wg.Wait()
		if statuses[0] != 200 || statuses[1] != 200 {
			t.Fatalf("round %d: statuses %v", r, statuses)
		}
		status, body, _ := ts.do(t, tokLead, "GET", disputePath(opened.ID), nil)
		if status != 200 {
			t.Fatalf("get: %d %s", status, body)
		}
		oneTwo := mustApply(t, pol, opened, e1, e2)
		twoOne := mustApply(t, pol, opened, e2, e1)
		if got := compactJSON(t, body); got != compactJSON(t, mustJSON(t, oneTwo)) && got != compactJSON(t, mustJSON(t, twoOne)) {
			t.Errorf("round %d: the dispute after both decisions is neither order's:\n%s", r, body)
		}
		wantVersion(t, ts, opened.ID, 3, "a.li", false)
	}

	ev, low := testEvaluation(t, "ev-same", "a.li")
	raise := raiseOf(ev, low[0], low[1])
	opened, err := pol.OpenDispute(ev, raise)
	if err != nil {
		t.Fatal(err)
	}
	if status, body, _ := ts.do(t, tokAgentA, "POST", "/v1/qa/disputes", map[string]any{"evaluation": ev, "event": raise}); status != http.StatusCreated {
		t.Fatalf("open: %d %s", status, body)
	}
	e := decideOf("lead-1", "l.chen", low[0])
	want := mustJSON(t, mustApply(t, pol, opened, e))
	const senders = 6
	var wg sync.WaitGroup
	bodies := make([][]byte, senders)
	statuses := make([]int, senders)
	for i := 0; i < senders; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i], bodies[i], _ = ts.do(t, tokLead, "POST", disputePath(opened.ID, "events"), e)
		}()
	}
	wg.Wait()
	for i := range bodies {
		wantBody(t, statuses[i], bodies[i], 200, want)
	}
	wantVersion(t, ts, opened.ID, 2, "a.li", true)
}

// mustApply applies events to d in order with the library.
func mustApply(t testing.TB, pol *qa.Policy, d qa.Dispute, events ...qa.DisputeEvent) qa.Dispute {
	t.Helper()
	for _, e := range events {
		var err error
		if d, err = pol.Apply(d, e); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// FuzzQAScore sends arbitrary bodies to qa.score as every role that may
// call it: each is answered with a result or a problem, never an internal
// error.
func FuzzQAScore(f *testing.F) {
	ev, _ := testEvaluation(f, "ev-1", "a.li")
	seed, _ := json.Marshal(ev)
	f.Add(seed, uint8(0))
	f.Add(seed, uint8(1))
	f.Add([]byte(`{"scorecard":"inbound_service","source":"qa","answers":[{"item":"voice","value":1e308}]}`), uint8(1))
	f.Add([]byte(`{"scorecard":"inbound_service","source":"qa","answers":[{"item":"voice","na":true}],"at":"0001-01-01T00:00:00Z"}`), uint8(2))
	f.Add([]byte(`{"scorecard":"outbound_sales","answers":null}`), uint8(2))
	f.Add([]byte(`{"agent":"a.li","answers":[{}]}`), uint8(0))
	f.Add([]byte(`"x"`), uint8(1))
	ts := newTestServer(f, withoutStore())
	callers := []string{tokAgentA, tokLead, tokHR}
	f.Fuzz(func(t *testing.T, body []byte, who uint8) {
		status, resp, _ := ts.do(t, callers[int(who)%len(callers)], "POST", "/v1/qa/evaluations", body)
		if status >= 500 {
			t.Fatalf("status %d for %q: %s", status, body, resp)
		}
		if !json.Valid(resp) {
			t.Fatalf("response is not JSON: %s", resp)
		}
	})
}

// TestQADisputeClosed proves that a dispute no longer open refuses every
// event but the one that closed it as a 409 conflict with the stored
// dispute, about the body as a whole, and keeps what it holds.
func TestQADisputeClosed(t *testing.T) {
	pol := qa.DefaultPolicy()
	ev, low := testEvaluation(t, "ev-1042", "a.li")
	raise := raiseOf(ev, low[0])
	opened, err := pol.OpenDispute(ev, raise)
	if err != nil {
		t.Fatal(err)
	}
	withdraw := func(id string) qa.DisputeEvent {
		return qa.DisputeEvent{ID: id, Type: qa.EventWithdraw, At: decideAt, By: "a.li"}
	}
	later := func(e qa.DisputeEvent, id string) qa.DisputeEvent {
		e.ID = id
		e.At = decideAt.Add(time.Minute)
		return e
	}
	cases := []struct {
		name   string
		closer qa.DisputeEvent
		// closerTok sends the closing event, tok the one refused.
		closerTok, tok string
		next           qa.DisputeEvent
	}{
		{"a second decision", decideOf("d1", "l.chen", low[0]), tokLead, tokHR, later(decideOf("d2", "h.ma", low[0]), "d2")},
		{"the same decision under another id", decideOf("d1", "l.chen", low[0]), tokLead, tokLead, later(decideOf("d1", "l.chen", low[0]), "d1-again")},
		{"a withdrawal after the decision", decideOf("d1", "l.chen", low[0]), tokLead, tokAgentA, later(withdraw("w"), "w")},
		{"a decision after the withdrawal", withdraw("w"), tokAgentA, tokLead, later(decideOf("d1", "l.chen", low[0]), "d1")},
		{"a second withdrawal", withdraw("w"), tokAgentA, tokAgentA, later(withdraw("w2"), "w2")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts := newTestServer(t)
			if st, body, _ := ts.do(t, tokAgentA, "POST", "/v1/qa/disputes", map[string]any{"evaluation": ev, "event": raise}); st != http.StatusCreated {
				t.Fatalf("open: %d %s", st, body)
			}
			closed, err := pol.Apply(opened, c.closer)
			if err != nil {
				t.Fatal(err)
			}
			if closed.Status == qa.StatusOpen {
				t.Fatal("the closing event left the dispute open")
			}
			path := disputePath(opened.ID, "events")
			st, body, _ := ts.do(t, c.closerTok, "POST", path, c.closer)
			wantBody(t, st, body, http.StatusOK, closed)

			_, libErr := pol.Apply(closed, c.next)
			var ie *callfloor.InputError
			if !errors.As(libErr, &ie) {
				t.Fatalf("the library refuses the event on a closed dispute with %v, want an input error", libErr)
			}
			msg := "the dispute is " + string(closed.Status) + "; no further event is expected"
			if ie.Field != "event.type" || ie.Kind != callfloor.ErrForbidden || ie.Msg != msg {
				t.Fatalf("the library refuses the event on a closed dispute with %#v, want a forbidden event.type: %s", ie, msg)
			}
			st, body, hdr := ts.do(t, c.tok, "POST", path, c.next)
			wantProblem(t, st, body, hdr, problem(http.StatusConflict, "state-conflict", "The stored record does not take this request", "type: "+msg, path,
				FieldError{Field: "type", Kind: "forbidden", Detail: msg}))
			wantVersion(t, ts, opened.ID, 2, "a.li", false)

			// The closing event sent again is still no change.
			st, body, _ = ts.do(t, c.closerTok, "POST", path, c.closer)
			wantBody(t, st, body, http.StatusOK, closed)
			wantVersion(t, ts, opened.ID, 2, "a.li", false)
		})
	}
}
