package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor/cmd/callfloord/internal/server"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

// e2eNow is when the tests' assessments, evaluations and cases happen; no
// test reads the clock.
var e2eNow = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

// e2eCrisisAnswers is a PHQ-9 whose item 9 is above 0: a crisis whatever the
// total.
var e2eCrisisAnswers = []int{2, 2, 1, 1, 2, 1, 1, 1, 1}

// e2eCrisisAssessment is agent's assessment at e2eNow: a crisis PHQ-9 two
// hours old and a worrying read at the morning meeting, so that the lead
// owes a care talk and the crisis owner an escalation.
func e2eCrisisAssessment(t *testing.T, agent string) mood.Assessment {
	t.Helper()
	sc, err := mood.Score(mood.PHQ9, e2eCrisisAnswers)
	if err != nil {
		t.Fatal(err)
	}
	sc.At = e2eNow.Add(-2 * time.Hour)
	return mood.Assessment{
		Agent: agent, At: e2eNow, Screenings: []mood.Screening{sc},
		Observations: []mood.Observation{{Kind: mood.SignalMorningMeeting, At: e2eNow.Add(-time.Hour), Note: "looked exhausted"}},
	}
}

// e2eEvaluation is a QA evaluation of agent on the default policy's first
// scorecard, full marks but for its first two items that are not critical,
// which score their lowest; it returns those items' ids, to dispute.
func e2eEvaluation(t *testing.T, id, agent string) (qa.Evaluation, []string) {
	t.Helper()
	sc := qa.DefaultPolicy().Scorecards()[0]
	ev := qa.Evaluation{ID: id, Agent: agent, Evaluator: "q.eva", Source: qa.QA, Scorecard: sc.ID(), At: e2eNow.Add(-24 * time.Hour)}
	var low []string
	for _, it := range sc.Items() {
		a := qa.Answer{Item: it.ID, Value: float64(it.Max)}
		if it.Critical == "" && len(low) < 2 {
			a.Value = float64(it.Min)
			low = append(low, it.ID)
		}
		ev.Answers = append(ev.Answers, a)
	}
	if len(low) < 2 {
		t.Fatal("the default scorecard has fewer than two items that are not critical")
	}
	return ev, low
}

// e2eRaise is agent's dispute of the items of ev, an hour before e2eNow.
func e2eRaise(ev qa.Evaluation, items []string) qa.DisputeEvent {
	e := qa.DisputeEvent{ID: "raise", Type: qa.EventRaise, At: e2eNow.Add(-time.Hour), By: ev.Agent}
	for _, it := range items {
		e.Items = append(e.Items, qa.DisputeItemEvent{Item: it, Reason: "the caller asked me to skip it"})
	}
	return e
}

// e2eDecide is a reviewer's upholding of the items.
func e2eDecide(by string, items []string) qa.DisputeEvent {
	e := qa.DisputeEvent{ID: "decide", Type: qa.EventDecide, At: e2eNow.Add(-30 * time.Minute), By: by}
	for _, it := range items {
		e.Items = append(e.Items, qa.DisputeItemEvent{Item: it, Decision: qa.Upheld, Rationale: "the recording bears the evaluator out"})
	}
	return e
}

// e2eCalibrations are three sessions in which q.eva scores well below the
// expert.
func e2eCalibrations() []qa.Calibration {
	session := func(id string, dev float64) qa.Calibration {
		return qa.Calibration{Session: id, Scorecard: "inbound_service", At: e2eNow.Add(-48 * time.Hour), Reference: 90,
			ReferenceBy: qa.ReferenceExpert, Expert: "q.lin",
			Evaluators: []qa.EvaluatorDeviation{
				{Evaluator: "q.lin", Score: 90, Expert: true},
				{Evaluator: "q.eva", Score: 90 + dev, Deviation: dev, OutsideTolerance: dev < -5 || dev > 5},
				{Evaluator: "q.ma", Score: 91, Deviation: 1},
			}}
	}
	return []qa.Calibration{session("s1", -8), session("s2", -7), session("s3", -9)}
}

// e2eMonth is the statements' period.
var e2eMonth = incentives.MonthOf(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))

// e2eStatementAgents are three agents of two teams, none with a health fact.
func e2eStatementAgents() []incentives.AgentRecord {
	hired := time.Date(2024, 1, 8, 0, 0, 0, 0, time.UTC)
	return []incentives.AgentRecord{
		{ID: "east-01", Team: "east", Hired: hired, QAEvaluations: 6, Metrics: map[string]float64{
			"qa_avg": 96, "csat": 4.8, "fcr": 90, "compliments": 4, "complaints": 0,
			"answered_in_3_rings": 97, "attendance": 100, "adherence": 98, "calls": 1200}},
		{ID: "east-02", Team: "east", Hired: hired, QAEvaluations: 5, Metrics: map[string]float64{
			"qa_avg": 71, "csat": 3.9, "fcr": 70, "compliments": 0, "complaints": 2,
			"answered_in_3_rings": 88, "attendance": 92, "adherence": 90, "calls": 1100}},
		{ID: "west-01", Team: "west", Hired: hired, QAEvaluations: 2, Metrics: map[string]float64{
			"qa_avg": 92, "csat": 4.5, "fcr": 86, "compliments": 3, "complaints": 0,
			"answered_in_3_rings": 96, "attendance": 100, "adherence": 99, "calls": 900}},
	}
}

// e2eCompletion is the event that completes step i of c, with a value for
// each record the step keeps, by the given person.
func e2eCompletion(t *testing.T, c coaching.Case, i int, id string, at time.Time, by string) coaching.Event {
	t.Helper()
	wf, ok := coaching.DefaultPolicy().Workflow(c.Kind)
	if !ok || i >= len(wf.Steps) {
		t.Fatalf("the default policy has no step %d of %s", i, c.Kind)
	}
	st := wf.Steps[i]
	e := coaching.Event{ID: id, Case: c.ID, Type: coaching.EventComplete, At: at, Step: st.ID, Role: st.Role, By: by}
	for _, r := range st.Records {
		e.Records = append(e.Records, coaching.Record{Name: r, Value: r + " of " + id})
	}
	return e
}

// e2eMust returns v, failing the test on err: the library refusing a test's
// own input is a broken test.
func e2eMust[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatalf("the library refuses the test's input: %v", err)
		}
		return v
	}
}

// e2ePath is the path of a stored record, its id escaped as one segment,
// with the rest appended.
func e2ePath(prefix, id string, rest ...string) string {
	p := prefix + url.PathEscape(id)
	for _, r := range rest {
		p += "/" + r
	}
	return p
}

// e2eDefaultPolicies is GET /v1/policies of a service running every default.
func e2eDefaultPolicies() map[string][]server.Policy {
	list := []server.Policy{
		{Kind: "coaching", Version: coaching.DefaultPolicy().Identity().Version, Hash: coaching.DefaultPolicy().Identity().Hash},
		{Kind: "incentives", Version: incentives.DefaultPolicy().Identity().Version, Hash: incentives.DefaultPolicy().Identity().Hash},
		{Kind: "mood", Version: mood.DefaultPolicy().Identity().Version, Hash: mood.DefaultPolicy().Identity().Hash},
		{Kind: "qa", Version: qa.DefaultPolicy().Identity().Version, Hash: qa.DefaultPolicy().Identity().Hash},
	}
	return map[string][]server.Policy{"policies": list}
}

// TestE2EEveryEndpoint calls each endpoint once with a real body, as a
// role it serves, and holds each answer to the library's own result for
// the same input, byte for byte.
func TestE2EEveryEndpoint(t *testing.T) {
	d := startE2E(t, newE2ESite(t))
	mp, qp, cp, ip := mood.DefaultPolicy(), qa.DefaultPolicy(), coaching.DefaultPolicy(), incentives.DefaultPolicy()

	e2eWantJSON(t, "healthz", d.do("", "GET", "/healthz", nil), 200, `{"status":"ok"}`)
	e2eWantJSON(t, "readyz", d.do("", "GET", "/readyz", nil), 200, `{"status":"ready","store":"ok"}`)
	if x := d.do("", "GET", "/v1/openapi.yaml", nil); x.status != 200 || !bytes.Equal(x.body, server.OpenAPI()) {
		t.Errorf("openapi.yaml: status %d, %d bytes; want 200 and the %d bytes of the description", x.status, len(x.body), len(server.OpenAPI()))
	}
	if x := d.do("", "GET", "/metrics", nil); x.status != 200 || !bytes.Contains(x.body, []byte("\ncallfloor_requests_total{")) {
		t.Errorf("metrics: status %d, no callfloor_requests_total series in\n%s", x.status, x.body)
	}
	e2eWantJSON(t, "policies", d.do(e2eTokAgentA, "GET", "/v1/policies", nil), 200, e2eDefaultPolicies())
	e2eWantJSON(t, "admin.reload", d.do(e2eTokAdmin, "POST", "/v1/admin/reload", "{}"), 200, e2eDefaultPolicies())

	sc := e2eMust[mood.Screening](t)(mood.Score(mood.PHQ9, e2eCrisisAnswers))
	sc.At = e2eNow
	e2eWantJSON(t, "mood.score", d.do(e2eTokAgentA, "POST", "/v1/mood/screenings",
		map[string]any{"agent": "a.li", "instrument": "phq9", "answers": e2eCrisisAnswers, "at": e2eNow}), 200, sc)

	a := e2eCrisisAssessment(t, "a.li")
	tr := e2eMust[mood.Triage](t)(mp.Triage(a))
	e2eWantJSON(t, "mood.triage", d.do(e2eTokCounselor, "POST", "/v1/mood/triage", a), 200, mp.ViewFor(tr, "counselor"))

	ev, low := e2eEvaluation(t, "ev-1", "a.li")
	scard, _ := qp.Scorecard(ev.Scorecard)
	res := e2eMust[qa.Result](t)(scard.Score(ev))
	plan := e2eMust[qa.FeedbackPlan](t)(qp.Feedback(res))
	e2eWantJSON(t, "qa.score", d.do(e2eTokLead, "POST", "/v1/qa/evaluations", ev), 200, struct {
		Result   qa.Result       `json:"result"`
		Feedback qa.FeedbackPlan `json:"feedback"`
	}{res, plan})

	cals := e2eCalibrations()
	leans := e2eMust[[]qa.Lean](t)(qp.Leans(cals))
	e2eWantJSON(t, "qa.calibrate", d.do(e2eTokHR, "POST", "/v1/qa/calibrations", map[string]any{"calibrations": cals}), 200,
		map[string]any{"leans": leans})

	r := e2eRaise(ev, low)
	disp := e2eMust[qa.Dispute](t)(qp.OpenDispute(ev, r))
	body := map[string]any{"evaluation": ev, "event": r}
	e2eWantJSON(t, "qa.dispute", d.do(e2eTokAgentA, "POST", "/v1/qa/disputes", body), 201, disp)
	e2eWantJSON(t, "qa.dispute again", d.do(e2eTokAgentA, "POST", "/v1/qa/disputes", body), 200, disp)
	e2eWantJSON(t, "qa.dispute_get", d.do(e2eTokAgentA, "GET", e2ePath("/v1/qa/disputes/", disp.ID), nil), 200, disp)
	dec := e2eDecide("l.chen", low)
	decided := e2eMust[qa.Dispute](t)(qp.Apply(disp, dec))
	e2eWantJSON(t, "qa.dispute_apply", d.do(e2eTokLead, "POST", e2ePath("/v1/qa/disputes/", disp.ID, "events"), dec), 200, decided)

	signals := coaching.Signals{"mood_tier": 2, "mood_watch": 1, "mood_crisis": 0, "qa_avg": 88}
	props := e2eMust[coaching.Proposals](t)(cp.Propose("a.li", signals, nil))
	e2eWantJSON(t, "coaching.propose", d.do(e2eTokCounselor, "POST", "/v1/coaching/proposals",
		map[string]any{"subject": "a.li", "signals": signals}), 200, props)

	opened := e2eNow.Add(-30 * time.Minute)
	c := e2eMust[coaching.Case](t)(cp.Open(coaching.PerformanceReview, "a.li", opened))
	opening := map[string]any{"kind": "performance_review", "subject": "a.li", "opened": opened}
	e2eWantJSON(t, "coaching.open", d.do(e2eTokLead, "POST", "/v1/coaching/cases", opening), 201, c)
	e2eWantJSON(t, "coaching.open again", d.do(e2eTokLead, "POST", "/v1/coaching/cases", opening), 200, c)
	e2eWantJSON(t, "coaching.get", d.do(e2eTokAgentA, "GET", e2ePath("/v1/coaching/cases/", c.ID), nil), 200, c)
	e := e2eCompletion(t, c, 0, "ev-0", e2eNow, "l.chen")
	next := e2eMust[coaching.Case](t)(cp.Apply(c, e))
	e.Case = ""
	e2eWantJSON(t, "coaching.apply", d.do(e2eTokLead, "POST", e2ePath("/v1/coaching/cases/", c.ID, "events"), e), 200, next)
	at := e2eNow.Add(30 * 24 * time.Hour)
	e2eWantJSON(t, "coaching.due", d.do(e2eTokLead, "GET", "/v1/coaching/due?at="+at.Format(time.RFC3339), nil), 200,
		map[string]any{"at": at, "due": cp.Due(next, at)})

	agents := e2eStatementAgents()
	st := e2eMust[incentives.Statement](t)(ip.Evaluate(e2eMonth, agents))
	e2eWantJSON(t, "incentives.evaluate", d.do(e2eTokHR, "POST", "/v1/incentives/statements",
		map[string]any{"period": e2eMonth, "agents": agents}), 200, st)

	d.stop()
}

// e2eHealthKeys are the names under which a body carries health data: a
// screening's total and band, a triage's tier, watch and crisis, the
// screenings themselves, a statement's health facts. A screening's
// answers are health data too, but "answers" also names a QA evaluation's
// answers, which a lead reads by right; the mood answers can only travel
// inside screenings, which are refused by name.
var e2eHealthKeys = []string{"band", "crisis", "crisis_source", "screenings", "severe_tier", "tier", "total", "watch"}

// e2eHealthKeysIn lists, sorted, the health keys anywhere in a JSON body.
func e2eHealthKeysIn(t *testing.T, body []byte) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("not JSON: %v: %s", err, body)
	}
	found := map[string]bool{}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if slices.Contains(e2eHealthKeys, k) {
					found[path+"."+k] = true
				}
				walk(path+"."+k, x)
			}
		case []any:
			for i, x := range v {
				walk(fmt.Sprintf("%s[%d]", path, i), x)
			}
		}
	}
	walk("", v)
	out := make([]string, 0, len(found))
	for k := range found {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestE2ELeadSeesNoHealthData walks every endpoint as the lead, after a
// counselor has triaged a crisis and opened a care case, and holds each
// answer to the lead's part: what is owed and by when, never a tier, a
// total, a band, answers or a crisis.
func TestE2ELeadSeesNoHealthData(t *testing.T) {
	d := startE2E(t, newE2ESite(t))
	mp, cp := mood.DefaultPolicy(), coaching.DefaultPolicy()
	a := e2eCrisisAssessment(t, "a.li")
	tr := e2eMust[mood.Triage](t)(mp.Triage(a))
	if !tr.Crisis {
		t.Fatal("the test's assessment is no crisis")
	}

	// What the health roles did first, which the lead then walks past.
	if x := d.do(e2eTokCounselor, "POST", "/v1/mood/triage", a); x.status != 200 {
		t.Fatalf("counselor's triage: %d %s", x.status, x.body)
	}
	opened := e2eNow.Add(-time.Hour)
	care := e2eMust[coaching.Case](t)(cp.Open(coaching.Care, "a.li", opened))
	if x := d.do(e2eTokCounselor, "POST", "/v1/coaching/cases", map[string]any{"kind": "care", "subject": "a.li", "opened": opened}); x.status != 201 {
		t.Fatalf("counselor's care case: %d %s", x.status, x.body)
	}

	ev, low := e2eEvaluation(t, "ev-lead", "a.li")
	r := e2eRaise(ev, low)
	disp := e2eMust[qa.Dispute](t)(qa.DefaultPolicy().OpenDispute(ev, r))
	careStep := e2eCompletion(t, care, 0, "care-0", e2eNow, "l.chen")
	careStep.Case = ""
	moodSignals := coaching.Signals{"mood_tier": 2, "mood_watch": 1, "mood_crisis": 1, "qa_avg": 88}
	withCrisis := e2eStatementAgents()
	withCrisis[1].Crisis = true
	dueAt := e2eNow.Add(14 * 24 * time.Hour).Format(time.RFC3339)

	leadView := mp.ViewFor(tr, mp.LeadRole())
	if leadView.Result != nil || len(leadView.Owed) == 0 {
		t.Fatalf("the library's lead view of a crisis: %+v; want what is owed and no result", leadView)
	}
	forbidden := func(path, field, detail string) e2eProblem {
		return e2eProblem{Type: server.ProblemBase + "forbidden", Title: "Forbidden", Status: 403, Detail: detail, Instance: path,
			Errors: []e2eFieldError{{Field: field, Kind: "forbidden", Detail: detail}}}
	}
	roleRefused := func(path, endpoint string) e2eProblem {
		return e2eProblem{Type: server.ProblemBase + "forbidden", Title: "Forbidden", Status: 403,
			Detail: "role lead may not call " + endpoint, Instance: path}
	}
	steps := []struct {
		name, method, path string
		body               any
		status             int
		// want, when set, is the exact body; problem the exact refusal.
		want    any
		refusal *e2eProblem
	}{
		{name: "healthz", method: "GET", path: "/healthz", status: 200, want: `{"status":"ok"}`},
		{name: "readyz", method: "GET", path: "/readyz", status: 200, want: `{"status":"ready","store":"ok"}`},
		{name: "policies", method: "GET", path: "/v1/policies", status: 200, want: e2eDefaultPolicies()},
		{name: "admin.reload", method: "POST", path: "/v1/admin/reload", body: "{}", status: 403,
			refusal: e2ePtr(roleRefused("/v1/admin/reload", "admin.reload"))},
		{name: "mood.score", method: "POST", path: "/v1/mood/screenings", status: 403,
			body:    map[string]any{"agent": "a.li", "instrument": "phq9", "answers": e2eCrisisAnswers, "at": e2eNow},
			refusal: e2ePtr(roleRefused("/v1/mood/screenings", "mood.score"))},
		{name: "mood.triage", method: "POST", path: "/v1/mood/triage", body: a, status: 200, want: leadView},
		{name: "qa.score", method: "POST", path: "/v1/qa/evaluations", body: ev, status: 200},
		{name: "qa.calibrate", method: "POST", path: "/v1/qa/calibrations", body: map[string]any{"calibrations": e2eCalibrations()}, status: 200},
		{name: "qa.dispute", method: "POST", path: "/v1/qa/disputes", body: map[string]any{"evaluation": ev, "event": r}, status: 201, want: disp},
		{name: "qa.dispute_get", method: "GET", path: e2ePath("/v1/qa/disputes/", disp.ID), status: 200, want: disp},
		{name: "qa.dispute_apply", method: "POST", path: e2ePath("/v1/qa/disputes/", disp.ID, "events"), body: e2eDecide("l.chen", low), status: 200},
		{name: "coaching.propose", method: "POST", path: "/v1/coaching/proposals", status: 200,
			body: map[string]any{"subject": "a.li", "signals": coaching.Signals{"qa_periods_below_bar": 2, "qa_avg": 70}}},
		{name: "coaching.propose with mood signals", method: "POST", path: "/v1/coaching/proposals", status: 403,
			body: map[string]any{"subject": "a.li", "signals": moodSignals},
			refusal: e2ePtr(forbidden("/v1/coaching/proposals", "signals.mood_crisis",
				"signal mood_crisis comes from a mood triage, which role lead may not send"))},
		{name: "coaching.open", method: "POST", path: "/v1/coaching/cases", status: 201,
			body: map[string]any{"kind": "performance_problem", "subject": "b.wu", "opened": opened}},
		{name: "coaching.get", method: "GET", path: e2ePath("/v1/coaching/cases/", care.ID), status: 200, want: care},
		{name: "coaching.apply", method: "POST", path: e2ePath("/v1/coaching/cases/", care.ID, "events"), body: careStep, status: 200},
		{name: "coaching.due", method: "GET", path: "/v1/coaching/due?at=" + dueAt, status: 200},
		{name: "incentives.evaluate", method: "POST", path: "/v1/incentives/statements", status: 200,
			body: map[string]any{"period": e2eMonth, "agents": e2eStatementAgents()}},
		{name: "incentives.evaluate with a crisis", method: "POST", path: "/v1/incentives/statements", status: 403,
			body: map[string]any{"period": e2eMonth, "agents": withCrisis},
			refusal: e2ePtr(forbidden("/v1/incentives/statements", "agents[1].crisis",
				"a crisis or the severe tier is health data, which role lead may not send"))},
	}
	for _, s := range steps {
		x := d.do(e2eTokLead, s.method, s.path, s.body)
		switch {
		case s.refusal != nil:
			e2eWantProblem(t, s.name, x, *s.refusal)
		case s.want != nil:
			e2eWantJSON(t, s.name, x, s.status, s.want)
		case x.status != s.status:
			t.Errorf("%s: status %d, want %d; body %s", s.name, x.status, s.status, x.body)
		}
		if keys := e2eHealthKeysIn(t, x.body); len(keys) > 0 {
			t.Errorf("%s: the lead's answer holds health data at %v: %s", s.name, keys, x.body)
		}
		if s.name == "mood.triage" && bytes.Contains(x.body, []byte(`"answers"`)) {
			t.Errorf("%s: the lead's answer holds answers: %s", s.name, x.body)
		}
	}
	// The lead's view of the triage is exactly what is owed, and by when.
	x := d.do(e2eTokLead, "POST", "/v1/mood/triage", a)
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(x.body, &keys); err != nil {
		t.Fatal(err)
	}
	got := make([]string, 0, len(keys))
	for k := range keys {
		got = append(got, k)
	}
	sort.Strings(got)
	if want := []string{"agent", "at", "audience", "owed", "policy"}; !slices.Equal(got, want) {
		t.Errorf("the lead's triage view has keys %v, want %v", got, want)
	}
	// The metrics are the lead's too, to a scraper: they name endpoints
	// and statuses, never what was read.
	m := d.do("", "GET", "/metrics", nil)
	for _, w := range []string{"tier", "crisis", "a.li"} {
		if bytes.Contains(m.body, []byte(w)) {
			t.Errorf("the metrics name %q", w)
		}
	}
	d.stop()
	// The log names endpoints and callers, never what they read.
	for _, w := range []string{"\"tier\"", "crisis", "answers", "looked exhausted"} {
		if strings.Contains(d.log.String(), w) {
			t.Errorf("the log holds %q:\n%s", w, d.log)
		}
	}
}

func e2ePtr[T any](v T) *T { return &v }

// e2eProblemOf is the problem document of a request to path.
func e2eProblemOf(status int, name, title, detail, path string, errs ...e2eFieldError) e2eProblem {
	return e2eProblem{Type: server.ProblemBase + name, Title: title, Status: status, Detail: detail, Instance: path, Errors: errs}
}

// TestE2EBadRequests sends every kind of bad request and holds each to the
// exact problem it must produce.
func TestE2EBadRequests(t *testing.T) {
	d := startE2E(t, newE2ESite(t), "-max-body", "4096")
	const triage = "/v1/mood/triage"
	unknown := `unknown field "agnet"; allowed: agent, at, check_ins, crisis_closures, declarations, observations, screenings`
	deep := strings.Repeat("[", 33) + strings.Repeat("]", 33)
	deepOK := `{"agent":"a.li","observations":` + strings.Repeat("[", 31) + strings.Repeat("]", 31) + `}`
	cases := []struct {
		name    string
		token   string
		body    any
		header  []string
		want    e2eProblem
		wantHdr map[string]string
	}{
		{name: "no token", body: `{}`,
			want:    e2eProblemOf(401, "unauthorized", "Unauthorized", "send a bearer token in the Authorization header", triage),
			wantHdr: map[string]string{}},
		{name: "unknown token", token: "not-a-token", body: `{}`,
			want: e2eProblemOf(401, "unauthorized", "Unauthorized", "the token is not known", triage)},
		{name: "basic authentication", body: `{}`, header: []string{"Authorization", "Basic ZTJlLWxlYWQ6"},
			want: e2eProblemOf(401, "unauthorized", "Unauthorized", "send a bearer token in the Authorization header", triage)},
		{name: "a token of the wrong role", token: e2eTokAdmin, body: `{}`,
			want: e2eProblemOf(403, "forbidden", "Forbidden", "role admin may not call mood.triage", triage)},
		{name: "not JSON", token: e2eTokLead, body: `agent=a.li`, header: []string{"Content-Type", "application/x-www-form-urlencoded"},
			want: e2eProblemOf(415, "unsupported-media-type", "Unsupported media type", "a request body is JSON: send Content-Type: application/json", triage)},
		{name: "one byte over the limit", token: e2eTokLead, body: `{"agent":"` + strings.Repeat("x", 4096-11) + `"}`,
			want: e2eProblemOf(413, "too-large", "Request body too large", "a request body holds at most 4096 bytes", triage)},
		{name: "empty body", token: e2eTokLead, body: ``,
			want: e2eProblemOf(400, "malformed", "Malformed JSON", "the body is empty; send one JSON value", triage)},
		{name: "malformed", token: e2eTokLead, body: `{"agent": "a.li" "at": 1}`,
			want: e2eProblemOf(400, "malformed", "Malformed JSON", `invalid character '"' after object key:value pair, at byte 18`, triage)},
		{name: "cut short", token: e2eTokLead, body: `{"agent": "a.li", `,
			want: e2eProblemOf(400, "malformed", "Malformed JSON", "unexpected end of JSON input, at byte 18", triage)},
		{name: "nested 33 deep", token: e2eTokLead, body: deep,
			want: e2eProblemOf(400, "malformed", "Malformed JSON", "JSON nested deeper than 32 levels", triage)},
		{name: "nested 32 deep is read, and refused for its content", token: e2eTokLead, body: deepOK,
			want: e2eProblemOf(422, "invalid-input", "Invalid input", "observations[0]: must be an object, not an array",
				triage, e2eFieldError{Field: "observations[0]", Kind: "invalid", Detail: "must be an object, not an array"})},
		{name: "unknown field", token: e2eTokLead, body: `{"agnet": "a.li"}`,
			want: e2eProblemOf(422, "invalid-input", "Invalid input", "agnet: "+unknown, triage,
				e2eFieldError{Field: "agnet", Kind: "not_supported", Detail: unknown})},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := d.do(c.token, "POST", triage, c.body, c.header...)
			e2eWantProblem(t, c.name, x, c.want)
		})
	}
	if x := d.do(e2eTokLead, "POST", triage, `{"agent":"`+strings.Repeat("x", 4096-12)+`"}`); x.status == 413 {
		t.Errorf("a body of exactly 4096 bytes is refused as too large: %s", x.body)
	}
	d.stop()
}
