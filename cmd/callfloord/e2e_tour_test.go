package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

// The tour is the walk through the API that the README's "Running as a
// service" shows and examples/tour.sh runs, with the tokens and bodies of
// examples/. TestE2ETour holds every call of it to the library's own
// answer and to the facts the README's comments quote, so that neither the
// example files nor the README can drift from what the service answers.

// The example tokens, whose hashes examples/tokens.yaml holds.
const (
	tourTokLead      = "lead-token"
	tourTokCounselor = "counselor-token"
	tourTokAgent     = "agent-token"
	tourTokHR        = "hr-token"
	tourTokCrisis    = "crisis-token"
	tourTokAdmin     = "admin-token"
)

// tourDueAt is when the tour asks what is due: five days after the care
// case opened.
const tourDueAt = "2026-11-28T09:00:00Z"

// tourFile is an example file's path.
func tourFile(name string) string { return filepath.Join("examples", name) }

// tourRead reads an example file.
func tourRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(tourFile(name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// tourDecode reads an example file into v, refusing a field v does not
// have, as the service does: a misspelt key in an example is a broken
// example.
func tourDecode(t *testing.T, name string, v any) []byte {
	t.Helper()
	b := tourRead(t, name)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("examples/%s: %v", name, err)
	}
	return b
}

// tourSite is a site that runs on the example token file.
func tourSite(t *testing.T) *e2eSite {
	t.Helper()
	s := newE2ESite(t)
	abs, err := filepath.Abs(tourFile("tokens.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s.tokens = abs
	return s
}

// tourCall is one answer of the tour, under the name tour.sh prints for it.
type tourCall struct {
	name   string
	status int
	body   []byte
}

// TestE2ETour runs the tour against the built binary on the example token
// file, the default policies and SQLite, each call through the contract
// validator; then, where curl is installed, runs examples/tour.sh against a
// service of its own, twice, and holds it to the same answers.
func TestE2ETour(t *testing.T) {
	mp, qp, cp, ip := mood.DefaultPolicy(), qa.DefaultPolicy(), coaching.DefaultPolicy(), incentives.DefaultPolicy()
	d := startE2E(t, tourSite(t))
	var calls []tourCall
	// call sends one request of the tour and fails the test unless it
	// answers status with exactly want's JSON.
	call := func(name, token, method, path string, body []byte, status int, want any, header ...string) e2eExchange {
		t.Helper()
		var b any
		if body != nil {
			b = body
		}
		x := d.do(token, method, path, b, header...)
		e2eWantJSON(t, name, x, status, want)
		calls = append(calls, tourCall{name, x.status, x.body})
		return x
	}

	// mood: the lead sees what she owes (for a moderate tier, nothing),
	// the counselor the whole triage.
	var a mood.Assessment
	triage := tourDecode(t, "triage.json", &a)
	tr := e2eMust[mood.Triage](t)(mp.Triage(a))
	lead := mp.ViewFor(tr, mp.LeadRole())
	if lead.Audience != mood.AudienceLead || lead.Result != nil || len(lead.Owed) != 0 {
		t.Errorf("the lead's view of examples/triage.json: %+v; want the lead's audience, no result and nothing owed", lead)
	}
	call("mood.triage-lead", tourTokLead, "POST", "/v1/mood/triage", triage, 200, lead)
	care := mp.ViewFor(tr, "counselor")
	if care.Result == nil || care.Result.Tier != mood.Moderate || care.Result.Crisis ||
		len(care.Result.Actions) == 0 || care.Result.Actions[0].Code != "psychological_intervention" {
		t.Errorf("the counselor's view of examples/triage.json: %+v; want the moderate tier, no crisis, a psychological intervention first", care.Result)
	}
	call("mood.triage-counselor", tourTokCounselor, "POST", "/v1/mood/triage", triage, 200, care,
		"Callfloor-Purpose", "weekly case review")

	var in struct {
		Agent      string          `json:"agent"`
		Instrument mood.Instrument `json:"instrument"`
		Answers    []int           `json:"answers"`
		At         time.Time       `json:"at"`
	}
	screening := tourDecode(t, "screening.json", &in)
	sc := e2eMust[mood.Screening](t)(mood.Score(in.Instrument, in.Answers))
	sc.At = in.At
	if sc.Total != 11 || sc.Band != "moderate" || sc.Crisis {
		t.Errorf("examples/screening.json scores %+v; want a total of 11 in the moderate band, no crisis", sc)
	}
	call("mood.score", tourTokAgent, "POST", "/v1/mood/screenings", screening, 200, sc)

	// The same questionnaire with an answer off the scale, asked for in
	// Chinese: the library's own error, worded in zh-CN.
	_, scoreErr := mood.Score(mood.GAD7, []int{0, 0, 4, 0, 0, 0, 0})
	zh, err := callfloor.LookupLocale("zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	offScale, ok := zh.Localize(scoreErr).(*callfloor.InputError)
	if !ok || offScale.Error() != "answers[2]: 4超出0..3的范围（GAD-7第3题的分值范围）" {
		t.Fatalf("mood.Score of a GAD-7 answer of 4, in zh-CN: %v", zh.Localize(scoreErr))
	}
	x := call("mood.score-zh", tourTokAgent, "POST", "/v1/mood/screenings",
		[]byte(`{"agent":"li.na","instrument":"gad7","answers":[0,0,4,0,0,0,0],"at":"2026-11-20T09:00:00Z"}`), 422,
		e2eProblemOf(422, "invalid-input", "Invalid input", offScale.Error(), "/v1/mood/screenings",
			e2eFieldError{Field: string(offScale.Field), Kind: offScale.Kind.String(), Detail: offScale.Msg}),
		"Accept-Language", "zh-CN")
	e2eWantLanguage(t, "mood.score-zh", x, "zh-CN")

	// qa: the evaluation passes with three deductions; li.na disputes
	// the agent ID, and her lead overturns it from the recording.
	var ev qa.Evaluation
	evaluation := tourDecode(t, "evaluation.json", &ev)
	card, ok := qp.Scorecard(ev.Scorecard)
	if !ok {
		t.Fatalf("the default qa policy has no scorecard %q", ev.Scorecard)
	}
	res := e2eMust[qa.Result](t)(card.Score(ev))
	var deducted []string
	for _, x := range res.Deductions {
		deducted = append(deducted, x.Item)
	}
	if res.Score != 89.75 || !res.Passed || !slices.Equal(deducted, []string{"give_agent_id", "hold_under_1_minute", "voice"}) {
		t.Errorf("examples/evaluation.json scores %v (passed %v), deducting %v; want 89.75, passed, deducting give_agent_id, hold_under_1_minute and voice",
			res.Score, res.Passed, deducted)
	}
	plan := e2eMust[qa.FeedbackPlan](t)(qp.Feedback(res))
	call("qa.score", tourTokLead, "POST", "/v1/qa/evaluations", evaluation, 200, tourScored(res, plan))

	var raise struct {
		Evaluation qa.Evaluation   `json:"evaluation"`
		Event      qa.DisputeEvent `json:"event"`
	}
	dispute := tourDecode(t, "dispute.json", &raise)
	if !bytes.Equal(tourJSON(t, raise.Evaluation), tourJSON(t, ev)) {
		t.Errorf("examples/dispute.json disputes another evaluation than examples/evaluation.json")
	}
	opened := e2eMust[qa.Dispute](t)(qp.OpenDispute(raise.Evaluation, raise.Event))
	const disputeID = "ev-2026-1118-042/20261120T100000.000000000Z"
	if opened.ID != disputeID || opened.Status != qa.StatusOpen {
		t.Errorf("examples/dispute.json opens %q, %s; want %q, open", opened.ID, opened.Status, disputeID)
	}
	call("qa.dispute", tourTokAgent, "POST", "/v1/qa/disputes", dispute, 201, opened)

	var dec qa.DisputeEvent
	decide := tourDecode(t, "decide.json", &dec)
	decided := e2eMust[qa.Dispute](t)(qp.Apply(opened, dec))
	if cur := decided.Current(); decided.Status != qa.StatusDecided || decided.Items[0].Decision != qa.Overturned ||
		cur.Score != 93.5 || !cur.Passed {
		t.Errorf("examples/decide.json leaves the dispute %s, item %s, score %v; want decided, overturned, 93.5",
			decided.Status, decided.Items[0].Decision, cur.Score)
	}
	call("qa.dispute_apply", tourTokLead, "POST", e2ePath("/v1/qa/disputes/", disputeID, "events"), decide, 200, decided)

	// coaching: the lead opens a care case for li.na and completes its
	// first step, twice; five days on, the second step is overdue.
	var open struct {
		Kind    coaching.Kind `json:"kind"`
		Subject string        `json:"subject"`
		Opened  time.Time     `json:"opened"`
	}
	caseBody := tourDecode(t, "case.json", &open)
	c := e2eMust[coaching.Case](t)(cp.Open(open.Kind, open.Subject, open.Opened))
	const caseID = "care/li.na/20261123T090000.000000000Z"
	if c.ID != caseID {
		t.Errorf("examples/case.json opens %q, want %q", c.ID, caseID)
	}
	call("coaching.open", tourTokLead, "POST", "/v1/coaching/cases", caseBody, 201, c)

	var e coaching.Event
	event := tourDecode(t, "event.json", &e)
	e.Case = caseID
	next := e2eMust[coaching.Case](t)(cp.Apply(c, e))
	eventPath := e2ePath("/v1/coaching/cases/", caseID, "events")
	call("coaching.apply", tourTokLead, "POST", eventPath, event, 200, next)
	call("coaching.apply-again", tourTokLead, "POST", eventPath, event, 200, next)

	at, err := time.Parse(time.RFC3339, tourDueAt)
	if err != nil {
		t.Fatal(err)
	}
	due := cp.Due(next, at)
	if len(due) != 1 || due[0].Step != "investigate_cause" || due[0].Role != "team_lead" || !due[0].Overdue ||
		!due[0].Due.Equal(time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)) {
		t.Errorf("due at %s: %+v; want investigate_cause alone, owed by the team_lead since 2026-11-25T15:00:00Z", tourDueAt, due)
	}
	call("coaching.due", tourTokLead, "GET", "/v1/coaching/due?at="+tourDueAt, nil, 200, map[string]any{"at": at, "due": due})

	// incentives: October for three agents of two teams; wu.lei's QA
	// average rests on too few evaluations, so what it would pay is
	// held.
	var month struct {
		Period incentives.Period        `json:"period"`
		Agents []incentives.AgentRecord `json:"agents"`
	}
	october := tourDecode(t, "october.json", &month)
	if want := incentives.MonthOf(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)); month.Period != want {
		t.Errorf("examples/october.json's period is %+v, want %+v", month.Period, want)
	}
	st := e2eMust[incentives.Statement](t)(ip.Evaluate(month.Period, month.Agents))
	nets := map[string][2]int64{}
	for _, a := range st.Agents {
		nets[a.Agent] = [2]int64{a.Net, a.Held}
	}
	wantNets := map[string][2]int64{"li.na": {151800, 0}, "wu.lei": {9000, 40900}, "zhang.wei": {1600, 0}}
	if st.Center.Net != 162400 || st.Center.Held != 40900 || len(nets) != len(wantNets) {
		t.Errorf("examples/october.json: center net %d, held %d, %d agents; want 162400, 40900, 3", st.Center.Net, st.Center.Held, len(nets))
	}
	for agent, w := range wantNets {
		if nets[agent] != w {
			t.Errorf("examples/october.json: %s's net and held are %v, want %v", agent, nets[agent], w)
		}
	}
	call("incentives.evaluate", tourTokHR, "POST", "/v1/incentives/statements", october, 200, st)

	// operations.
	call("policies", tourTokAgent, "GET", "/v1/policies", nil, 200, e2eDefaultPolicies())
	call("readyz", "", "GET", "/readyz", nil, 200, `{"status":"ready","store":"ok"}`)
	call("admin.reload", tourTokAdmin, "POST", "/v1/admin/reload", nil, 200, e2eDefaultPolicies(),
		"Content-Type", "application/json")

	// The one example token the tour does not use is known too.
	e2eWantJSON(t, "policies as the crisis owner", d.do(tourTokCrisis, "GET", "/v1/policies", nil), 200, e2eDefaultPolicies())
	d.stop()

	t.Run("tour.sh", func(t *testing.T) {
		if _, err := exec.LookPath("curl"); err != nil {
			t.Skip("curl is not installed; tour.sh runs the tour with it")
		}
		sh := startE2E(t, tourSite(t))
		// The first run stores the dispute and the case, answering
		// exactly what the tour above answered.
		tourWantRun(t, "the first run", tourRun(t, sh.base), calls)
		// A second run finds them stored: the raise and the opening
		// answer 200 with the records as the first run left them.
		again := slices.Clone(calls)
		for i, c := range again {
			switch c.name {
			case "qa.dispute":
				again[i] = tourCall{c.name, 200, tourBody(t, calls, "qa.dispute_apply")}
			case "coaching.open":
				again[i] = tourCall{c.name, 200, tourBody(t, calls, "coaching.apply")}
			}
		}
		tourWantRun(t, "the second run", tourRun(t, sh.base), again)
		sh.stop()
	})
}

// tourScored is the answer of POST /v1/qa/evaluations.
func tourScored(res qa.Result, plan qa.FeedbackPlan) any {
	return struct {
		Result   qa.Result       `json:"result"`
		Feedback qa.FeedbackPlan `json:"feedback"`
	}{res, plan}
}

// tourJSON is v's JSON, to compare values as the wire holds them.
func tourJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// tourBody is the body of the call named name.
func tourBody(t *testing.T, calls []tourCall, name string) []byte {
	t.Helper()
	i := slices.IndexFunc(calls, func(c tourCall) bool { return c.name == name })
	if i < 0 {
		t.Fatalf("the tour has no call %s", name)
	}
	return calls[i].body
}

// tourRun runs examples/tour.sh against base and returns the calls it
// printed; it fails the test unless the script exits 0.
func tourRun(t *testing.T, base string) []tourCall {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), e2eTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, tourFile("tour.sh"), base)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("examples/tour.sh %s: %v\nstderr:\n%s\nstdout:\n%s", base, err, stderr.Bytes(), stdout.Bytes())
	}
	if stderr.Len() > 0 {
		t.Errorf("examples/tour.sh wrote to its standard error:\n%s", stderr.Bytes())
	}
	return tourParse(t, stdout.Bytes())
}

// tourParse reads tour.sh's output: for each call a line "== NAME STATUS"
// and then its body, on one line.
func tourParse(t *testing.T, out []byte) []tourCall {
	t.Helper()
	var calls []tourCall
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		line := sc.Text()
		head, ok := strings.CutPrefix(line, "== ")
		if !ok {
			if len(calls) == 0 || calls[len(calls)-1].body != nil {
				t.Fatalf("examples/tour.sh printed %q where a call's header belongs; its output:\n%s", line, out)
			}
			calls[len(calls)-1].body = []byte(line)
			continue
		}
		name, code, ok := strings.Cut(head, " ")
		status, err := strconv.Atoi(code)
		if !ok || err != nil {
			t.Fatalf("examples/tour.sh printed the header %q; want \"== NAME STATUS\"", line)
		}
		calls = append(calls, tourCall{name: name, status: status})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return calls
}

// tourWantRun fails the test unless tour.sh made exactly the calls want,
// in order, each answered with want's status and body.
func tourWantRun(t *testing.T, run string, got, want []tourCall) {
	t.Helper()
	names := func(cs []tourCall) []string {
		var n []string
		for _, c := range cs {
			n = append(n, c.name+" "+strconv.Itoa(c.status))
		}
		return n
	}
	if !slices.Equal(names(got), names(want)) {
		t.Fatalf("%s of examples/tour.sh made the calls\n%q\nwant\n%q", run, names(got), names(want))
	}
	for i, c := range got {
		if e2eCompact(t, c.body) != e2eCompact(t, want[i].body) {
			t.Errorf("%s of examples/tour.sh: %s answered\n%s\nwant\n%s", run, c.name, c.body, want[i].body)
		}
	}
}
