package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/callfloor/callfloor/cmd/callfloord/internal/apischema"
	"github.com/callfloor/callfloor/cmd/callfloord/internal/contract"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

func newContract(t testing.TB) *contract.Validator {
	t.Helper()
	v, err := contract.New(OpenAPI())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestOpenAPIServed checks the description is served as it is embedded,
// to anyone, as YAML.
func TestOpenAPIServed(t *testing.T) {
	ts := newTestServer(t, withoutStore())
	status, body, hdr := ts.do(t, "", "GET", "/v1/openapi.yaml", nil)
	if status != http.StatusOK || hdr.Get("Content-Type") != "application/yaml" || !bytes.Equal(body, OpenAPI()) {
		t.Errorf("GET /v1/openapi.yaml = %d %q, %d bytes; want 200 application/yaml with the %d bytes embedded",
			status, hdr.Get("Content-Type"), len(body), len(OpenAPI()))
	}
}

// TestOpenAPIRoutes holds the route table and the description to each
// other: every route is an operation, under its name and with its roles,
// and every operation is a route.
func TestOpenAPIRoutes(t *testing.T) {
	doc := newContract(t).Document()
	described := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			described[method+" "+path] = true
		}
	}
	for _, rt := range routes() {
		key := rt.method + " " + rt.path
		if !described[key] {
			t.Errorf("route %s (%s) is not in the description", key, rt.name)
			continue
		}
		delete(described, key)
		op := doc.Paths.Value(rt.path).GetOperation(rt.method)
		if op.OperationID != rt.name {
			t.Errorf("%s: operationId %q, want the route's name %q", key, op.OperationID, rt.name)
		}
		var roles []string
		for _, r := range rt.roles {
			roles = append(roles, string(r))
		}
		var described []string
		if x, ok := op.Extensions["x-roles"].([]any); ok {
			for _, r := range x {
				described = append(described, r.(string))
			}
		}
		if !slices.Equal(roles, described) {
			t.Errorf("%s: x-roles %v, want the route's roles %v", key, described, roles)
		}
		secured := op.Security != nil && len(*op.Security) > 0
		if secured != (len(rt.roles) > 0) {
			t.Errorf("%s: security %v, but the route takes a token: %v", key, op.Security, len(rt.roles) > 0)
		}
	}
	for key := range described {
		t.Errorf("the description has %s, which no route serves", key)
	}
}

// TestOpenAPIProblem holds the description's problem document to the one
// the service writes: reflected the same way, they are one schema.
func TestOpenAPIProblem(t *testing.T) {
	reflectProblem := func(typ reflect.Type) string {
		g := apischema.NewGenerator(nil)
		if _, err := g.Schema(typ, apischema.Out); err != nil {
			t.Fatal(err)
		}
		b, err := yaml.Marshal(g.Components)
		if err != nil {
			t.Fatal(err)
		}
		return strings.NewReplacer("server.", "", "callfloord.", "").Replace(string(b))
	}
	if got, want := reflectProblem(reflect.TypeFor[Problem]()), reflectProblem(reflect.TypeFor[apischema.Problem]()); got != want {
		t.Errorf("server.Problem reflects as\n%s\nthe description's as\n%s", got, want)
	}
}

// exchange sends one request as ts.do does and checks it and its answer
// against the description.
func exchange(t *testing.T, v *contract.Validator, ts *testServer, token, method, path string, body any, header ...string) (int, []byte) {
	t.Helper()
	var raw []byte
	switch b := body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	default:
		raw = mustJSON(t, b)
	}
	req := httptest.NewRequest(method, path, bytes.NewReader(raw))
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	ts.Handler().ServeHTTP(rec, req)
	resp := rec.Result()
	if err := v.Check(req, raw, resp, rec.Body.Bytes()); err != nil {
		t.Errorf("%v\nbody %s", err, rec.Body.Bytes())
	}
	return rec.Code, rec.Body.Bytes()
}

// TestContract sends, to every endpoint, requests the service answers
// with a success and requests it refuses, and holds each answer to the
// description.
func TestContract(t *testing.T) {
	v := newContract(t)
	ts := newTestServer(t)
	at := testNow.Add(-time.Hour)

	phq9 := make([]int, 9)
	screening, err := mood.Score(mood.PHQ9, phq9)
	if err != nil {
		t.Fatal(err)
	}
	screening.At = at
	assessment := mood.Assessment{Agent: "a.li", At: testNow, Screenings: []mood.Screening{screening}}

	card := qa.DefaultPolicy().Scorecards()[0]
	ev := qa.Evaluation{ID: "ev-1", Agent: "a.li", Evaluator: "e.qa", Source: qa.QA, Scorecard: card.ID(), At: at}
	for _, it := range card.Items() {
		ev.Answers = append(ev.Answers, qa.Answer{Item: it.ID, Value: float64(it.Max)})
	}
	raise := qa.DisputeEvent{ID: "r1", Type: qa.EventRaise, At: testNow, By: "a.li",
		Items: []qa.DisputeItemEvent{{Item: ev.Answers[0].Item, Reason: "I did"}}}
	kind := coaching.DefaultPolicy().Kinds()[0]
	opened := map[string]any{"kind": kind, "subject": "a.li", "opened": at}

	cases := []struct {
		name, token, method, path string
		body                      any
		want                      int
	}{
		{"healthz", "", "GET", "/healthz", nil, 200},
		{"readyz", "", "GET", "/readyz", nil, 200},
		{"metrics", "", "GET", "/metrics", nil, 200},
		{"openapi", "", "GET", "/v1/openapi.yaml", nil, 200},
		{"policies", tokAgentA, "GET", "/v1/policies", nil, 200},
		{"policies without a token", "", "GET", "/v1/policies", nil, 401},
		{"reload", tokAdmin, "POST", "/v1/admin/reload", "", 200},
		{"reload by a lead", tokLead, "POST", "/v1/admin/reload", "", 403},
		{"reload without JSON", tokAdmin, "POST", "/v1/admin/reload", nil, 415},

		{"mood.score", tokCounselor, "POST", "/v1/mood/screenings",
			map[string]any{"agent": "a.li", "instrument": "phq9", "answers": phq9, "at": at}, 200},
		{"mood.score of too few answers", tokCounselor, "POST", "/v1/mood/screenings",
			map[string]any{"agent": "a.li", "instrument": "phq9", "answers": []int{1}, "at": at}, 422},
		{"mood.score of another agent", tokAgentB, "POST", "/v1/mood/screenings",
			map[string]any{"agent": "a.li", "instrument": "phq9", "answers": phq9, "at": at}, 403},
		{"mood.triage", tokCounselor, "POST", "/v1/mood/triage", assessment, 200},
		{"mood.triage by a lead", tokLead, "POST", "/v1/mood/triage", assessment, 200},
		{"mood.triage of own", tokAgentA, "POST", "/v1/mood/triage", assessment, 200},
		{"mood.triage by admin", tokAdmin, "POST", "/v1/mood/triage", assessment, 403},
		{"mood.triage of malformed JSON", tokCounselor, "POST", "/v1/mood/triage", `{"agent":`, 400},

		{"qa.score", tokLead, "POST", "/v1/qa/evaluations", ev, 200},
		{"qa.score of an unknown scorecard", tokLead, "POST", "/v1/qa/evaluations", map[string]any{"scorecard": "nope", "source": "qa"}, 422},
		{"qa.calibrate", tokLead, "POST", "/v1/qa/calibrations", map[string]any{"calibrations": []any{}}, 200},
		{"qa.calibrate with an unknown field", tokLead, "POST", "/v1/qa/calibrations", map[string]any{"cals": []any{}}, 422},
		{"qa.dispute", tokAgentA, "POST", "/v1/qa/disputes", map[string]any{"evaluation": ev, "event": raise}, 201},
		{"qa.dispute again", tokAgentA, "POST", "/v1/qa/disputes", map[string]any{"evaluation": ev, "event": raise}, 200},
		{"qa.dispute of another's", tokAgentB, "POST", "/v1/qa/disputes", map[string]any{"evaluation": ev, "event": raise}, 403},
		{"qa.dispute_get unknown", tokLead, "GET", "/v1/qa/disputes/nope", nil, 404},
		{"qa.dispute_apply unknown", tokLead, "POST", "/v1/qa/disputes/nope/events",
			qa.DisputeEvent{ID: "w1", Type: qa.EventWithdraw, At: testNow, By: "l.chen"}, 404},

		{"coaching.propose", tokLead, "POST", "/v1/coaching/proposals", map[string]any{"subject": "a.li", "signals": map[string]float64{}}, 200},
		{"coaching.propose of mood signals by a lead", tokLead, "POST", "/v1/coaching/proposals",
			map[string]any{"subject": "a.li", "signals": map[string]float64{"mood_tier": 3}}, 403},
		{"coaching.open", tokLead, "POST", "/v1/coaching/cases", opened, 201},
		{"coaching.open again", tokLead, "POST", "/v1/coaching/cases", opened, 200},
		{"coaching.open of an unknown kind", tokLead, "POST", "/v1/coaching/cases",
			map[string]any{"kind": "nope", "subject": "a.li", "opened": at}, 422},
		{"coaching.get unknown", tokLead, "GET", "/v1/coaching/cases/nope", nil, 404},
		{"coaching.apply unknown", tokLead, "POST", "/v1/coaching/cases/nope/events",
			coaching.Event{ID: "e1", Type: coaching.EventCancel, At: testNow, By: "l.chen"}, 404},
		{"coaching.due", tokLead, "GET", "/v1/coaching/due?at=2026-03-02T09:30:00Z", nil, 200},
		{"coaching.due without at", tokLead, "GET", "/v1/coaching/due", nil, 422},
		{"coaching.due of another by an agent", tokAgentA, "GET", "/v1/coaching/due?at=2026-03-02T09:30:00Z&subject=b.wu", nil, 403},

		{"incentives.evaluate", tokHR, "POST", "/v1/incentives/statements",
			map[string]any{"period": incentives.MonthOf(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)), "agents": []any{}}, 200},
		{"incentives.evaluate by an agent", tokAgentA, "POST", "/v1/incentives/statements",
			map[string]any{"period": incentives.MonthOf(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)), "agents": []any{}}, 403},

		{"unknown path", tokLead, "GET", "/v1/nowhere", nil, 404},
		{"unknown method", tokLead, "DELETE", "/v1/coaching/due", nil, 405},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body := exchange(t, v, ts, c.token, c.method, c.path, c.body)
			if status != c.want {
				t.Errorf("status %d, want %d; body %s", status, c.want, body)
			}
		})
	}

	// The stored records, by the ids the service gave them.
	t.Run("stored", func(t *testing.T) {
		_, body := exchange(t, v, ts, tokLead, "POST", "/v1/coaching/cases", opened)
		var c coaching.Case
		if err := json.Unmarshal(body, &c); err != nil {
			t.Fatal(err)
		}
		for _, x := range []struct {
			name, token, method, path string
			body                      any
			want                      int
		}{
			{"coaching.get", tokLead, "GET", "/v1/coaching/cases/" + url.PathEscape(c.ID), nil, 200},
			{"coaching.get of another's by an agent", tokAgentB, "GET", "/v1/coaching/cases/" + url.PathEscape(c.ID), nil, 404},
			{"coaching.apply by another", tokLead, "POST", "/v1/coaching/cases/" + url.PathEscape(c.ID) + "/events",
				coaching.Event{ID: "e1", Type: coaching.EventCancel, At: testNow, By: "h.ma", Reason: "no longer needed"}, 403},
			{"coaching.apply", tokLead, "POST", "/v1/coaching/cases/" + url.PathEscape(c.ID) + "/events",
				coaching.Event{ID: "e1", Type: coaching.EventCancel, At: testNow, By: "l.chen", Reason: "no longer needed"}, 200},
			{"qa.dispute_get", tokAgentA, "GET", "/v1/qa/disputes/" + url.PathEscape(qa.DisputeID(ev.ID, raise.At)), nil, 200},
			{"qa.dispute_get of another's", tokAgentB, "GET", "/v1/qa/disputes/" + url.PathEscape(qa.DisputeID(ev.ID, raise.At)), nil, 404},
			{"qa.dispute_apply", tokAgentA, "POST", "/v1/qa/disputes/" + url.PathEscape(qa.DisputeID(ev.ID, raise.At)) + "/events",
				qa.DisputeEvent{ID: "w1", Type: qa.EventWithdraw, At: testNow, By: "a.li"}, 200},
			{"qa.dispute_apply by another", tokLead, "POST", "/v1/qa/disputes/" + url.PathEscape(qa.DisputeID(ev.ID, raise.At)) + "/events",
				qa.DisputeEvent{ID: "w2", Type: qa.EventWithdraw, At: testNow, By: "a.li"}, 403},
		} {
			t.Run(x.name, func(t *testing.T) {
				status, body := exchange(t, v, ts, x.token, x.method, x.path, x.body)
				if status != x.want {
					t.Errorf("status %d, want %d; body %s", status, x.want, body)
				}
			})
		}
	})

	// Without a store: the stored endpoints answer 503, the audited ones
	// refuse the read.
	t.Run("no store", func(t *testing.T) {
		bare := newTestServer(t, withoutStore())
		for _, x := range []struct {
			name, token, method, path string
			body                      any
		}{
			{"readyz", "", "GET", "/readyz", nil},
			{"coaching.get", tokLead, "GET", "/v1/coaching/cases/x", nil},
			{"qa.dispute_get", tokLead, "GET", "/v1/qa/disputes/x", nil},
			{"coaching.due", tokLead, "GET", "/v1/coaching/due?at=2026-03-02T09:30:00Z", nil},
			{"mood.score", tokCounselor, "POST", "/v1/mood/screenings",
				map[string]any{"agent": "a.li", "instrument": "phq9", "answers": phq9, "at": at}},
		} {
			t.Run(x.name, func(t *testing.T) {
				status, body := exchange(t, v, bare, x.token, x.method, x.path, x.body)
				want := http.StatusServiceUnavailable
				if x.name == "readyz" {
					want = http.StatusOK
				}
				if status != want {
					t.Errorf("status %d, want %d; body %s", status, want, body)
				}
			})
		}
	})
}

// TestContractCatchesDrift shows the contract test can fail: a real
// answer with a required field taken out, or given a status the
// endpoint does not list, breaks the description.
func TestContractCatchesDrift(t *testing.T) {
	v := newContract(t)
	ts := newTestServer(t)
	body := mustJSON(t, map[string]any{"subject": "a.li", "signals": map[string]float64{}})
	req := httptest.NewRequest("POST", "/v1/coaching/proposals", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+tokLead)
	rec := httptest.NewRecorder()
	ts.Handler().ServeHTTP(rec, req)
	if err := v.Check(req, body, rec.Result(), rec.Body.Bytes()); err != nil {
		t.Fatalf("the answer as served breaks the description: %v", err)
	}
	var answer map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil {
		t.Fatal(err)
	}
	delete(answer, "subject")
	if err := v.Check(req, body, rec.Result(), mustJSON(t, answer)); err == nil || !strings.Contains(err.Error(), "subject") {
		t.Errorf("an answer without its subject: Check = %v, want a violation naming subject", err)
	}
	resp := rec.Result()
	resp.StatusCode = http.StatusCreated
	if err := v.Check(req, body, resp, rec.Body.Bytes()); err == nil || !strings.Contains(err.Error(), "status is not supported") {
		t.Errorf("an answer of an unlisted status: Check = %v, want a violation", err)
	}
}
