package server

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/mood"
)

// crisisAnswers is a PHQ-9 whose item 9 is above 0: a crisis whatever the
// total.
var crisisAnswers = []int{2, 2, 1, 1, 2, 1, 1, 1, 1}

// crisisAssessment is agent's assessment as of testNow: a crisis PHQ-9
// two hours old, and a worrying read at the morning meeting that puts the
// agent on watch, so that the lead owes a care talk.
func crisisAssessment(t testing.TB, agent string) mood.Assessment {
	t.Helper()
	sc, err := mood.Score(mood.PHQ9, crisisAnswers)
	if err != nil {
		t.Fatal(err)
	}
	sc.At = testNow.Add(-2 * time.Hour)
	return mood.Assessment{
		Agent: agent, At: testNow, Screenings: []mood.Screening{sc},
		Observations: []mood.Observation{{Kind: mood.SignalMorningMeeting, At: testNow.Add(-time.Hour), Note: "looked exhausted"}},
	}
}

// leakWords are what a view of what is owed must never hold: a
// screening's answers, total, band, tier, crisis source, the screenings.
var leakWords = []string{"tier", "total", "band", "answers", "crisis_source", "screenings"}

func owedCodes(t testing.TB, body []byte) []string {
	t.Helper()
	var v struct {
		Owed []struct {
			Code string `json:"code"`
		} `json:"owed"`
	}
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, o := range v.Owed {
		codes = append(codes, o.Code)
	}
	return codes
}

func audienceOf(t testing.TB, body []byte) string {
	t.Helper()
	var v struct {
		Audience string `json:"audience"`
	}
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	return v.Audience
}

// TestMoodTriageViews proves who sees what of a crisis triage: every role,
// about itself and about another agent, gets exactly the view its mood
// role is owed, and only whole results are audited.
func TestMoodTriageViews(t *testing.T) {
	const path = "/v1/mood/triage"
	const purpose = "crisis follow-up"
	pol := mood.DefaultPolicy()
	type want struct {
		status int
		// view is how the expected view is made from the triage; nil
		// for a refusal.
		view func(mood.Triage) mood.View
		// refused is the problem of a refusal.
		refused *Problem
		// audience, keys and owed are the view's shape, written out.
		audience string
		keys     []string
		owed     []string
		audited  bool
	}
	own := want{status: 200, view: func(tr mood.Triage) mood.View { return pol.View(tr, mood.AudienceAgent) },
		audience: "agent", keys: []string{"agent", "at", "audience", "policy", "result"}, audited: true}
	care := func(role string) want {
		return want{status: 200, view: func(tr mood.Triage) mood.View { return pol.ViewFor(tr, role) },
			audience: "care", keys: []string{"agent", "at", "audience", "policy", "result"}, audited: true}
	}
	lead := want{status: 200, view: func(tr mood.Triage) mood.View { return pol.ViewFor(tr, "team_lead") },
		audience: "lead", keys: []string{"agent", "at", "audience", "owed", "policy"}, owed: []string{"care_talk"}}
	crisis := want{status: 200, view: func(tr mood.Triage) mood.View { return pol.ViewFor(tr, "crisis_owner") },
		audience: "none", keys: []string{"agent", "at", "audience", "owed", "policy"}, owed: []string{"crisis_escalation"}}
	notOwn := want{status: 403, refused: forbiddenProblem(path, "agent", "an agent may triage only themselves")}
	admin := want{status: 403, refused: roleProblem(path, RoleAdmin, "mood.triage")}
	cases := []struct {
		token, subject string
		want           want
	}{
		{tokAgentA, "a.li", own},
		{tokAgentA, "b.wu", notOwn},
		{tokAgentB, "b.wu", own},
		{tokAgentB, "a.li", notOwn},
		{tokLead, "a.li", lead},
		{tokLead, "b.wu", lead},
		{tokCounselor, "a.li", care("counselor")},
		{tokCounselor, "b.wu", care("counselor")},
		{tokCrisis, "a.li", crisis},
		{tokCrisis, "b.wu", crisis},
		{tokHR, "a.li", care("hr")},
		{tokHR, "b.wu", care("hr")},
		{tokAdmin, "a.li", admin},
		{tokAdmin, "b.wu", admin},
	}
	for _, c := range cases {
		t.Run(c.token+"/"+c.subject, func(t *testing.T) {
			ts := newTestServer(t)
			a := crisisAssessment(t, c.subject)
			status, body, hdr := ts.do(t, c.token, "POST", path, a, PurposeHeader, purpose)
			if c.want.refused != nil {
				wantProblem(t, status, body, hdr, c.want.refused)
				wantAudits(t, ts)
				return
			}
			tr, err := pol.Triage(a)
			if err != nil {
				t.Fatal(err)
			}
			if !tr.Crisis {
				t.Fatal("the test's assessment is not a crisis")
			}
			wantBody(t, status, body, c.want.status, c.want.view(tr))
			if got := audienceOf(t, body); got != c.want.audience {
				t.Errorf("audience %q, want %q", got, c.want.audience)
			}
			if got := objectKeys(t, body); !reflect.DeepEqual(got, c.want.keys) {
				t.Errorf("view members %q, want %q", got, c.want.keys)
			}
			if got := owedCodes(t, body); !reflect.DeepEqual(got, c.want.owed) {
				t.Errorf("owed %q, want %q", got, c.want.owed)
			}
			if c.want.owed != nil {
				for _, w := range leakWords {
					if strings.Contains(string(body), w) {
						t.Errorf("a view of what is owed holds %q: %s", w, body)
					}
				}
			}
			if strings.Contains(string(body), "looked exhausted") {
				t.Errorf("the observation's note reached the response: %s", body)
			}
			if c.want.audited {
				wantAudits(t, ts, auditOf(c.token, "mood.triage", c.subject, purpose))
			} else {
				wantAudits(t, ts)
			}
		})
	}
}

// TestMoodScoreRoles proves who may score a screening, and that every
// screening returned is audited first.
func TestMoodScoreRoles(t *testing.T) {
	const path = "/v1/mood/screenings"
	const purpose = "scheduled screening"
	at := testNow.Add(-time.Hour)
	sc, err := mood.Score(mood.PHQ9, crisisAnswers)
	if err != nil {
		t.Fatal(err)
	}
	sc.At = at
	type want struct {
		refused *Problem
	}
	ok := want{}
	cases := []struct {
		token, subject string
		want           want
	}{
		{tokAgentA, "a.li", ok},
		{tokAgentA, "b.wu", want{forbiddenProblem(path, "agent", "an agent may score only their own answers")}},
		{tokAgentB, "b.wu", ok},
		{tokLead, "a.li", want{roleProblem(path, RoleLead, "mood.score")}},
		{tokCounselor, "a.li", ok},
		{tokCrisis, "b.wu", ok},
		{tokHR, "a.li", ok},
		{tokAdmin, "a.li", want{roleProblem(path, RoleAdmin, "mood.score")}},
	}
	for _, c := range cases {
		t.Run(c.token+"/"+c.subject, func(t *testing.T) {
			ts := newTestServer(t)
			in := map[string]any{"agent": c.subject, "instrument": "phq9", "answers": crisisAnswers, "at": at}
			status, body, hdr := ts.do(t, c.token, "POST", path, in, PurposeHeader, purpose)
			if c.want.refused != nil {
				wantProblem(t, status, body, hdr, c.want.refused)
				wantAudits(t, ts)
				return
			}
			wantBody(t, status, body, 200, sc)
			if got, want := objectKeys(t, body), []string{"at", "band", "crisis", "instrument", "total"}; !reflect.DeepEqual(got, want) {
				t.Errorf("screening members %q, want %q", got, want)
			}
			if strings.Contains(string(body), "answers") {
				t.Errorf("the answers came back: %s", body)
			}
			wantAudits(t, ts, auditOf(c.token, "mood.score", c.subject, purpose))
		})
	}
}

// TestMoodAuditPurpose proves that a read without a stated purpose is
// audited under the endpoint's name.
func TestMoodAuditPurpose(t *testing.T) {
	ts := newTestServer(t)
	status, body, _ := ts.do(t, tokCounselor, "POST", "/v1/mood/triage", crisisAssessment(t, "a.li"))
	if status != 200 {
		t.Fatalf("status %d: %s", status, body)
	}
	status, body, _ = ts.do(t, tokHR, "POST", "/v1/mood/screenings",
		map[string]any{"agent": "b.wu", "instrument": "gad7", "answers": []int{0, 0, 0, 0, 0, 0, 0}, "at": testNow})
	if status != 200 {
		t.Fatalf("status %d: %s", status, body)
	}
	wantAudits(t, ts,
		auditOf(tokCounselor, "mood.triage", "a.li", "mood.triage"),
		auditOf(tokHR, "mood.score", "b.wu", "mood.score"))
}

// TestMoodWithoutAuditTrail proves that confidential data is refused when
// its reading cannot be audited, and that the lead's and the crisis
// owner's views of what is owed, which are not health data, are served.
func TestMoodWithoutAuditTrail(t *testing.T) {
	pol := mood.DefaultPolicy()
	a := crisisAssessment(t, "a.li")
	tr, err := pol.Triage(a)
	if err != nil {
		t.Fatal(err)
	}
	screening := map[string]any{"agent": "a.li", "instrument": "phq9", "answers": crisisAnswers, "at": testNow}
	noAudit := func(path string) *Problem {
		return problem(503, "no-audit-store", "No audit trail",
			"confidential data is served only when its reading can be written to the audit trail, which needs a store", path)
	}
	failed := func(path string) *Problem {
		return problem(503, "audit-failed", "Audit trail unavailable",
			"the read could not be written to the audit trail, so it is refused", path)
	}
	cases := []struct {
		name, token, path string
		body              any
		want              any
	}{
		{"own triage", tokAgentA, "/v1/mood/triage", a, noAudit("/v1/mood/triage")},
		{"counselor triage", tokCounselor, "/v1/mood/triage", a, noAudit("/v1/mood/triage")},
		{"hr triage", tokHR, "/v1/mood/triage", a, noAudit("/v1/mood/triage")},
		{"lead triage", tokLead, "/v1/mood/triage", a, pol.ViewFor(tr, "team_lead")},
		{"crisis owner triage", tokCrisis, "/v1/mood/triage", a, pol.ViewFor(tr, "crisis_owner")},
		{"own screening", tokAgentA, "/v1/mood/screenings", screening, noAudit("/v1/mood/screenings")},
		{"counselor screening", tokCounselor, "/v1/mood/screenings", screening, noAudit("/v1/mood/screenings")},
	}
	for _, c := range cases {
		t.Run("no store/"+c.name, func(t *testing.T) {
			ts := newTestServer(t, withoutStore())
			status, body, hdr := ts.do(t, c.token, "POST", c.path, c.body)
			if p, ok := c.want.(*Problem); ok {
				wantProblem(t, status, body, hdr, p)
				return
			}
			wantBody(t, status, body, 200, c.want)
		})
		t.Run("audit fails/"+c.name, func(t *testing.T) {
			ts := newTestServer(t)
			ts.store.failAudits(errors.New("disk full"))
			status, body, hdr := ts.do(t, c.token, "POST", c.path, c.body)
			if p, ok := c.want.(*Problem); ok {
				p.Type, p.Title, p.Detail = failed(c.path).Type, failed(c.path).Title, failed(c.path).Detail
				wantProblem(t, status, body, hdr, p)
				return
			}
			wantBody(t, status, body, 200, c.want)
		})
	}
}

// TestMoodScoreBadInput proves each kind of bad screening request gets
// its exact problem, and nothing is audited.
func TestMoodScoreBadInput(t *testing.T) {
	const path = "/v1/mood/screenings"
	libErr := func(answers []int, inst mood.Instrument) error {
		_, err := mood.Score(inst, answers)
		if err == nil {
			t.Fatalf("mood.Score(%s, %v) accepted", inst, answers)
		}
		return err
	}
	outOfRange := []int{0, 0, 0, 9, 0, 0, 0, 0, 0}
	short := []int{0, 0, 0, 0, 0, 0, 0, 0}
	malformed := func(detail string) *Problem { return problem(400, "malformed", "Malformed JSON", detail, path) }
	cases := []struct {
		name  string
		token string
		body  any
		hdr   []string
		want  *Problem
	}{
		{"truncated", tokCounselor, `{"agent":`, nil, malformed("unexpected end of JSON input, at byte 9")},
		{"not JSON", tokCounselor, `nope`, nil, malformed("invalid character 'o' in literal null (expecting 'u'), at byte 2")},
		{"empty body", tokCounselor, ``, nil, malformed("the body is empty; send one JSON value")},
		{"unknown field", tokCounselor, `{"agent":"a.li","mood":3}`, nil,
			bodyProblem(path, "mood", "not_supported", `unknown field "mood"; allowed: agent, answers, at, instrument`)},
		{"answers of the wrong type", tokCounselor, `{"agent":"a.li","instrument":"phq9","answers":[0,"1"]}`, nil,
			bodyProblem(path, "answers[1]", "invalid", "must be an integer, not a string")},
		{"agent of the wrong type", tokCounselor, `{"agent":7}`, nil, bodyProblem(path, "agent", "invalid", "must be a string, not a number")},
		{"a bad time", tokCounselor, `{"agent":"a.li","at":"yesterday"}`, nil,
			bodyProblem(path, "at", "invalid", `"yesterday" is not an RFC 3339 time, as 2026-03-01T09:00:00Z`)},
		{"data after the value", tokCounselor, `{"agent":"a.li"} {}`, nil, malformed("invalid character '{' after top-level value, at byte 18")},
		{"nested too deep", tokCounselor, `{"agent":` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `}`, nil,
			malformed("JSON nested deeper than 32 levels")},
		{"missing agent", tokCounselor, map[string]any{"instrument": "phq9", "answers": crisisAnswers, "at": testNow}, nil,
			inputProblemAt(t, path, "agent", "required", callfloor.Required("agent", "a screening is of one agent's answers"))},
		{"missing agent, by an agent", tokAgentA, map[string]any{"instrument": "phq9", "answers": crisisAnswers, "at": testNow}, nil,
			inputProblemAt(t, path, "agent", "required", callfloor.Required("agent", "a screening is of one agent's answers"))},
		{"answer off the scale", tokCounselor, map[string]any{"agent": "a.li", "instrument": "phq9", "answers": outOfRange, "at": testNow}, nil,
			inputProblemAt(t, path, "answers[3]", "out_of_range", libErr(outOfRange, mood.PHQ9))},
		{"an answer missing", tokCounselor, map[string]any{"agent": "a.li", "instrument": "phq9", "answers": short, "at": testNow}, nil,
			inputProblemAt(t, path, "answers[8]", "required", libErr(short, mood.PHQ9))},
		{"unknown instrument", tokCounselor, map[string]any{"agent": "a.li", "instrument": "bdi", "answers": short, "at": testNow}, nil,
			inputProblemAt(t, path, "instrument", "not_supported", libErr(short, "bdi"))},
		{"missing instrument", tokCounselor, map[string]any{"agent": "a.li", "answers": short, "at": testNow}, nil,
			inputProblemAt(t, path, "instrument", "not_supported", libErr(short, ""))},
		{"missing time", tokCounselor, map[string]any{"agent": "a.li", "instrument": "phq9", "answers": crisisAnswers}, nil,
			inputProblemAt(t, path, "at", "required", callfloor.Required("at", "a screening is dated when its questionnaire was answered"))},
		{"text body", tokCounselor, `{}`, []string{"Content-Type", "text/plain"},
			problem(415, "unsupported-media-type", "Unsupported media type", "a request body is JSON: send Content-Type: application/json", path)},
		{"no content type", tokCounselor, `{}`, []string{"Content-Type", ""},
			problem(415, "unsupported-media-type", "Unsupported media type", "a request body is JSON: send Content-Type: application/json", path)},
		{"no token", "", `{}`, nil, problem(401, "unauthorized", "Unauthorized", "send a bearer token in the Authorization header", path)},
		{"unknown token", "tok-nobody", `{}`, nil, problem(401, "unauthorized", "Unauthorized", "the token is not known", path)},
		{"basic auth", "", `{}`, []string{"Authorization", "Basic dG9rLWhyOng="},
			problem(401, "unauthorized", "Unauthorized", "send a bearer token in the Authorization header", path)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts := newTestServer(t)
			status, body, hdr := ts.do(t, c.token, "POST", path, c.body, c.hdr...)
			wantProblem(t, status, body, hdr, c.want)
			wantAudits(t, ts)
		})
	}
}

// TestMoodTriageBadInput proves each kind of bad assessment gets its exact
// problem, with the library's field paths rooted at the body.
func TestMoodTriageBadInput(t *testing.T) {
	const path = "/v1/mood/triage"
	pol := mood.DefaultPolicy()
	libErr := func(a mood.Assessment) error {
		_, err := pol.Triage(a)
		if err == nil {
			t.Fatalf("Triage accepted %+v", a)
		}
		return err
	}
	noTime := crisisAssessment(t, "a.li")
	noTime.At = time.Time{}
	noAgent := crisisAssessment(t, "")
	late := crisisAssessment(t, "a.li")
	late.Screenings[0].At = testNow.Add(time.Minute)
	impossible := crisisAssessment(t, "a.li")
	impossible.Screenings[0].Total = 28
	othersBad := impossible
	othersBad.Agent = "b.wu"
	unknownSignal := crisisAssessment(t, "a.li")
	unknownSignal.Observations[0].Kind = "gossip"
	malformed := func(detail string) *Problem { return problem(400, "malformed", "Malformed JSON", detail, path) }
	cases := []struct {
		name  string
		token string
		body  any
		want  *Problem
	}{
		{"truncated", tokCounselor, `{"agent":"a.li"`, malformed("unexpected end of JSON input, at byte 15")},
		{"unknown field", tokCounselor, `{"agent":"a.li","tier":"severe"}`,
			bodyProblem(path, "tier", "not_supported", `unknown field "tier"; allowed: agent, at, check_ins, crisis_closures, declarations, observations, screenings`)},
		{"agent of the wrong type", tokCounselor, `{"agent":["a.li"]}`, bodyProblem(path, "agent", "invalid", "must be a string, not an array")},
		{"unknown instrument", tokCounselor, `{"agent":"a.li","screenings":[{"instrument":"bdi"}]}`,
			bodyProblem(path, "screenings[0].instrument", "not_supported", `unknown instrument "bdi"; allowed: phq9, gad7, who5, k10, cbi`)},
		{"missing time", tokCounselor, noTime, inputProblemAt(t, path, "at", "required", libErr(noTime))},
		{"missing agent", tokCounselor, noAgent, inputProblemAt(t, path, "agent", "required", libErr(noAgent))},
		{"missing agent, by an agent", tokAgentA, noAgent, inputProblemAt(t, path, "agent", "required", libErr(noAgent))},
		{"screening after the time", tokCounselor, late, inputProblemAt(t, path, "screenings[0].at", "invalid", libErr(late))},
		{"impossible total", tokCounselor, impossible, inputProblemAt(t, path, "screenings[0].total", "out_of_range", libErr(impossible))},
		{"undeclared signal", tokLead, unknownSignal, inputProblemAt(t, path, "observations[0].kind", "not_supported", libErr(unknownSignal))},
		{"another agent, with bad data", tokAgentA, othersBad, forbiddenProblem(path, "agent", "an agent may triage only themselves")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts := newTestServer(t)
			status, body, hdr := ts.do(t, c.token, "POST", path, c.body)
			wantProblem(t, status, body, hdr, c.want)
			wantAudits(t, ts)
		})
	}
}

// TestMoodBodyTooLarge proves a body past the bound is refused before it is
// read as JSON.
func TestMoodBodyTooLarge(t *testing.T) {
	ts := newTestServer(t, withMaxBody(64))
	body := `{"agent":"a.li","instrument":"phq9","answers":[0,0,0,0,0,0,0,0,0],"at":"2026-03-02T09:00:00Z"}`
	for _, path := range []string{"/v1/mood/screenings", "/v1/mood/triage"} {
		status, resp, hdr := ts.do(t, tokCounselor, "POST", path, body)
		wantProblem(t, status, resp, hdr, problem(413, "too-large", "Request body too large", "a request body holds at most 64 bytes", path))
	}
	wantAudits(t, ts)
}

// FuzzMoodTriage sends arbitrary bodies to mood.triage as every role that
// may call it: the service answers each with a view or a problem, never an
// internal error, and never a whole result to the lead.
func FuzzMoodTriage(f *testing.F) {
	a := crisisAssessment(f, "a.li")
	seed, _ := json.Marshal(a)
	f.Add(seed, uint8(0))
	f.Add(seed, uint8(2))
	f.Add([]byte(`{"agent":"a.li","at":"2026-03-02T09:00:00Z"}`), uint8(3))
	f.Add([]byte(`{"agent":"a.li","at":"9999-12-31T23:59:59Z"}`), uint8(3))
	f.Add([]byte(`{"agent":"a.li","at":"2026-03-02T09:00:00Z","screenings":[{"instrument":"cbi","at":"2026-03-01T00:00:00Z"}]}`), uint8(4))
	f.Add([]byte(`{"agent":"a.li","at":"2026-03-02T09:00:00Z","crisis_closures":[{"by":"k","at":"2026-03-02T09:00:00Z","why":"x"}]}`), uint8(5))
	f.Add([]byte(`[`), uint8(1))
	f.Add([]byte(``), uint8(0))
	ts := newTestServer(f)
	callers := []string{tokAgentA, tokAgentB, tokLead, tokCounselor, tokCrisis, tokHR}
	f.Fuzz(func(t *testing.T, body []byte, who uint8) {
		tok := callers[int(who)%len(callers)]
		status, resp, _ := ts.do(t, tok, "POST", "/v1/mood/triage", body)
		if status >= 500 {
			t.Fatalf("status %d for %q: %s", status, body, resp)
		}
		if !json.Valid(resp) {
			t.Fatalf("response is not JSON: %s", resp)
		}
		if status == 200 && (tok == tokLead || tok == tokCrisis) && strings.Contains(string(resp), `"result"`) {
			t.Fatalf("%s received a whole result: %s", tok, resp)
		}
	})
}
