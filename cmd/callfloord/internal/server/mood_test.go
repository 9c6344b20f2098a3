package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

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
// role is owed, and every view but the lead's is audited: the crisis
// owner's escalation owed tells a named agent's crisis.
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
		audience: "none", keys: []string{"agent", "at", "audience", "owed", "policy"}, owed: []string{"crisis_escalation"}, audited: true}
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
// its reading cannot be audited, the crisis owner's escalation owed
// included, and that the lead's view of what is owed, which is not health
// data, is served.
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
		{"crisis owner triage", tokCrisis, "/v1/mood/triage", a, noAudit("/v1/mood/triage")},
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
		{"undeclared signal", tokCounselor, unknownSignal, inputProblemAt(t, path, "observations[0].kind", "not_supported", libErr(unknownSignal))},
		{"undeclared signal, by the lead", tokLead, unknownSignal, quietProblemAt(path, "observations[0].kind", "not_supported", "is not a name the policy allows here")},
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

// quietProblemAt is the 422 a caller who may not see health data gets for
// a fault of kind on field: the fixed message of the kind, repeating no
// value.
func quietProblemAt(path, field, kind, msg string) *Problem {
	return problem(http.StatusUnprocessableEntity, "invalid-input", "Invalid input", field+": "+msg, path,
		FieldError{Field: field, Kind: kind, Detail: msg})
}

// TestMoodTriageQuietErrors proves that the faults the library finds in an
// assessment are told in full, with what it worked out from the data (a
// total's band, a WHO-5 percentage, who may close a crisis), only to the
// agent about themselves and to a health role; the lead, and HR under a
// policy that takes it off the confidential roles, get each fault's field
// and kind with a fixed message that repeats no value.
func TestMoodTriageQuietErrors(t *testing.T) {
	const path = "/v1/mood/triage"
	renamedSrc, _ := renamedMood(t)
	base := func(t *testing.T) mood.Assessment {
		t.Helper()
		a := crisisAssessment(t, "a.li")
		a.Observations = nil
		return a
	}
	screening := func(t *testing.T, inst mood.Instrument, answers []int) mood.Screening {
		t.Helper()
		sc, err := mood.Score(inst, answers)
		if err != nil {
			t.Fatal(err)
		}
		sc.At = testNow.Add(-time.Hour)
		return sc
	}
	faults := []struct {
		name, field, kind, quiet string
		// leaks is what the library's message says that the quiet one
		// must not.
		leaks string
		make  func(t *testing.T) mood.Assessment
	}{
		{"a band that is not the total's", "screenings[0].band", "invalid", "is not consistent with the rest of the assessment", "moderate",
			func(t *testing.T) mood.Assessment {
				a := base(t)
				sc := screening(t, mood.PHQ9, []int{2, 2, 2, 2, 2, 2, 0, 0, 0})
				sc.Band = "none"
				a.Screenings = []mood.Screening{sc}
				return a
			}},
		{"a WHO-5 percentage that is not the total's", "screenings[0].wellbeing.percent", "invalid", "is not consistent with the rest of the assessment", "gives 60",
			func(t *testing.T) mood.Assessment {
				a := base(t)
				sc := screening(t, mood.WHO5, []int{3, 3, 3, 3, 3})
				sc.Wellbeing.Percent = 64
				a.Screenings = []mood.Screening{sc}
				return a
			}},
		{"a total past the instrument's", "screenings[0].total", "out_of_range", "is outside the range it may take", "28",
			func(t *testing.T) mood.Assessment {
				a := base(t)
				a.Screenings[0].Total = 28
				return a
			}},
		{"a closure in a role that may not close", "crisis_closures[0].role", "forbidden", "is not allowed here", "only the crisis owner",
			func(t *testing.T) mood.Assessment {
				a := base(t)
				a.CrisisClosures = []mood.CrisisClosure{{By: "l.chen", Role: "counselor", At: testNow.Add(-30 * time.Minute), Why: "spoke with them"}}
				return a
			}},
		{"two closures at one time", "crisis_closures[1].at", "duplicate", "repeats an earlier value", "crisis_closures[0]",
			func(t *testing.T) mood.Assessment {
				a := base(t)
				c := mood.CrisisClosure{By: "k.sun", At: testNow.Add(-30 * time.Minute), Why: "help took over"}
				a.CrisisClosures = []mood.CrisisClosure{c, c}
				return a
			}},
		{"an undeclared signal", "observations[0].kind", "not_supported", "is not a name the policy allows here", "gossip",
			func(t *testing.T) mood.Assessment {
				a := base(t)
				a.Observations = []mood.Observation{{Kind: "gossip", At: testNow.Add(-time.Hour)}}
				return a
			}},
		{"no time", "at", "required", "is required", "as of",
			func(t *testing.T) mood.Assessment {
				a := base(t)
				a.At = time.Time{}
				return a
			}},
	}
	callers := []struct {
		name, token string
		renamed     bool
		quiet       bool
	}{
		{"the lead", tokLead, false, true},
		{"hr, not confidential", tokHR, true, true},
		{"the agent about themselves", tokAgentA, false, false},
		{"the counselor", tokCounselor, false, false},
		{"the crisis owner", tokCrisis, false, false},
		{"hr", tokHR, false, false},
	}
	for _, c := range callers {
		var opts []testOption
		if c.renamed {
			opts = append(opts, withPolicy("mood.yaml", renamedSrc))
		}
		ts := newTestServer(t, opts...)
		for _, f := range faults {
			t.Run(c.name+"/"+f.name, func(t *testing.T) {
				a := f.make(t)
				_, err := ts.Policies().Mood.Triage(a)
				var ie *callfloor.InputError
				if !errors.As(err, &ie) || string(ie.Field) != "assessment."+f.field {
					t.Fatalf("the library refuses the assessment with %v, want a fault of assessment.%s", err, f.field)
				}
				if !strings.Contains(ie.Msg, f.leaks) {
					t.Fatalf("the library's message %q no longer says %q", ie.Msg, f.leaks)
				}
				want := inputProblemAt(t, path, f.field, f.kind, err)
				if c.quiet {
					want = quietProblemAt(path, f.field, f.kind, f.quiet)
				}
				status, body, hdr := ts.do(t, c.token, "POST", path, a)
				wantProblem(t, status, body, hdr, want)
				if c.quiet && strings.Contains(string(body), f.leaks) {
					t.Errorf("the quiet problem says %q: %s", f.leaks, body)
				}
			})
		}
		wantAudits(t, ts)
	}
}

// TestQuietInputErrors proves every kind of input error has its fixed
// message, that several errors stay several in their order, and that
// other errors pass unchanged.
func TestQuietInputErrors(t *testing.T) {
	cases := []struct {
		kind callfloor.ErrorKind
		want string
	}{
		{callfloor.ErrRequired, "is required"},
		{callfloor.ErrInvalid, "is not consistent with the rest of the assessment"},
		{callfloor.ErrOutOfRange, "is outside the range it may take"},
		{callfloor.ErrDuplicate, "repeats an earlier value"},
		{callfloor.ErrNotSupported, "is not a name the policy allows here"},
		{callfloor.ErrForbidden, "is not allowed here"},
		{callfloor.ErrorKind(0), "is invalid"},
		{callfloor.ErrorKind(99), "is invalid"},
	}
	for _, c := range cases {
		in := &callfloor.InputError{Field: "screenings[0].band", Kind: c.kind, Msg: `is "none" but a PHQ-9 total of 12 is "moderate"`}
		got := quietInputErrors(in)
		want := &callfloor.InputError{Field: "screenings[0].band", Kind: c.kind, Msg: c.want}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("kind %d: %#v, want %#v", c.kind, got, want)
		}
	}
	many := callfloor.InputErrors{
		{Field: "at", Kind: callfloor.ErrRequired, Msg: "is required: triage speaks as of a time"},
		{Field: "screenings[1].total", Kind: callfloor.ErrOutOfRange, Msg: "28 is outside 0..27"},
	}
	wantMany := callfloor.InputErrors{
		{Field: "at", Kind: callfloor.ErrRequired, Msg: "is required"},
		{Field: "screenings[1].total", Kind: callfloor.ErrOutOfRange, Msg: "is outside the range it may take"},
	}
	if got := quietInputErrors(many); !reflect.DeepEqual(got, wantMany) {
		t.Errorf("several errors: %#v, want %#v", got, wantMany)
	}
	if many[1].Msg != "28 is outside 0..27" {
		t.Errorf("the library's error was changed in place: %q", many[1].Msg)
	}
	plain := errors.New("store down")
	if got := quietInputErrors(plain); got != plain {
		t.Errorf("an error that is not an input error became %v", got)
	}
}

// TestMoodScoreFollowsThePolicy proves that a screening is scored for
// anyone but its agent only when the mood policy in force makes them a
// health role: under a policy whose HR is not confidential, HR is refused
// and nothing is audited, while the counselor and the renamed crisis
// owner still score.
func TestMoodScoreFollowsThePolicy(t *testing.T) {
	const path = "/v1/mood/screenings"
	src, _ := renamedMood(t)
	sc, err := mood.Score(mood.PHQ9, crisisAnswers)
	if err != nil {
		t.Fatal(err)
	}
	sc.At = testNow
	in := map[string]any{"agent": "a.li", "instrument": "phq9", "answers": crisisAnswers, "at": testNow}
	cases := []struct {
		token   string
		refused *Problem
	}{
		{tokHR, forbiddenProblem(path, "", "the mood policy does not let role hr see a screening")},
		{tokCounselor, nil},
		{tokCrisis, nil},
		{tokAgentA, nil},
	}
	for _, c := range cases {
		t.Run(c.token, func(t *testing.T) {
			ts := newTestServer(t, withPolicy("mood.yaml", src))
			status, body, hdr := ts.do(t, c.token, "POST", path, in)
			if c.refused != nil {
				wantProblem(t, status, body, hdr, c.refused)
				wantAudits(t, ts)
				return
			}
			wantBody(t, status, body, 200, sc)
			wantAudits(t, ts, auditOf(c.token, "mood.score", "a.li", "mood.score"))
		})
	}
	// The refusal comes before the body is read: a role that may not
	// score learns nothing from a broken body either.
	ts := newTestServer(t, withPolicy("mood.yaml", src))
	status, body, hdr := ts.do(t, tokHR, "POST", path, `{"agent":`)
	wantProblem(t, status, body, hdr, cases[0].refused)
}

// TestMoodPurposeHeader proves that a stated purpose the audit trail could
// not keep as sent is refused as the client's mistake, 400 naming the
// header, on a confidential read and on any other authenticated call, and
// that one at the bound is kept whole.
func TestMoodPurposeHeader(t *testing.T) {
	longest := strings.Repeat("é", MaxPurpose/2)
	bad := func(path, why string) *Problem {
		return problem(http.StatusBadRequest, "invalid-header", "Invalid header", "Callfloor-Purpose "+why, path)
	}
	const triage = "/v1/mood/triage"
	cases := []struct {
		name, path, purpose string
		want                *Problem
	}{
		{"one byte past the bound", triage, longest + "x", bad(triage, "is 257 bytes; at most 256 are kept")},
		{"not UTF-8", triage, "follow\xffup", bad(triage, "is not UTF-8 text")},
		{"a cut character", triage, "\xc3", bad(triage, "is not UTF-8 text")},
		{"NUL", triage, "follow\x00up", bad(triage, "holds a control character at byte 6")},
		{"a newline", triage, "follow-up\nforged: line", bad(triage, "holds a control character at byte 9")},
		{"a tab", triage, "\tfollow-up", bad(triage, "holds a control character at byte 0")},
		{"DEL", triage, "follow-up\x7f", bad(triage, "holds a control character at byte 9")},
		{"a C1 control", triage, "follow\u0085up", bad(triage, "holds a control character at byte 6")},
		{"on a call that reads nothing confidential", "/v1/policies", "\x00", bad("/v1/policies", "holds a control character at byte 0")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts := newTestServer(t)
			method, body := "POST", any(crisisAssessment(t, "a.li"))
			if c.path == "/v1/policies" {
				method, body = "GET", nil
			}
			status, resp, hdr := ts.do(t, tokCounselor, method, c.path, body, PurposeHeader, c.purpose)
			wantProblem(t, status, resp, hdr, c.want)
			wantAudits(t, ts)
		})
	}

	ts := newTestServer(t)
	for _, purpose := range []string{longest, "Überprüfung nach dem Gespräch"} {
		status, body, _ := ts.do(t, tokCounselor, "POST", triage, crisisAssessment(t, "a.li"), PurposeHeader, purpose)
		if status != http.StatusOK {
			t.Fatalf("purpose %q: status %d: %s", purpose, status, body)
		}
	}
	wantAudits(t, ts,
		auditOf(tokCounselor, "mood.triage", "a.li", longest),
		auditOf(tokCounselor, "mood.triage", "a.li", "Überprüfung nach dem Gespräch"))

	// Two purposes are refused rather than one of them kept.
	req := httptest.NewRequest("POST", triage, strings.NewReader(string(mustJSON(t, crisisAssessment(t, "a.li")))))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+tokCounselor)
	req.Header.Add(PurposeHeader, "follow-up")
	req.Header.Add(PurposeHeader, "curiosity")
	rec := httptest.NewRecorder()
	ts.Handler().ServeHTTP(rec, req)
	wantProblem(t, rec.Code, rec.Body.Bytes(), rec.Header(), bad(triage, "is sent 2 times; state one purpose"))
	if n := len(ts.audits()); n != 2 {
		t.Errorf("%d audit entries after a refused purpose, want 2", n)
	}
}

// FuzzCheckPurpose: no header value makes checkPurpose panic, and every
// value it lets through is what the audit trail keeps: UTF-8 without
// control characters, at most MaxPurpose bytes.
func FuzzCheckPurpose(f *testing.F) {
	for _, s := range []string{"", "follow-up", "\x00", "\xff", "\xc3", "a\nb", strings.Repeat("x", MaxPurpose), strings.Repeat("x", MaxPurpose+1), "\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		err := checkPurpose([]string{v})
		if err != nil {
			if p, ok := err.(*Problem); !ok || p.Status != http.StatusBadRequest {
				t.Fatalf("checkPurpose(%q) = %v, want a 400 problem", v, err)
			}
			return
		}
		if len(v) > MaxPurpose || !utf8.ValidString(v) || strings.IndexFunc(v, unicode.IsControl) >= 0 {
			t.Fatalf("checkPurpose let %q through", v)
		}
	})
}
