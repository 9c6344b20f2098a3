package server

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/callfloor/callfloor/incentives"
)

// statementMonth is the pay period of these tests.
var statementMonth = incentives.MonthOf(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))

// statementAgents are three agents of two teams: one who earns awards,
// one with a violation to answer for, one with too few QA evaluations.
func statementAgents() []incentives.AgentRecord {
	hired := time.Date(2024, 1, 8, 0, 0, 0, 0, time.UTC)
	return []incentives.AgentRecord{
		{ID: "east-01", Team: "east", Hired: hired, QAEvaluations: 6, Metrics: map[string]float64{
			"qa_avg": 96, "csat": 4.8, "fcr": 90, "compliments": 4, "complaints": 0,
			"answered_in_3_rings": 97, "attendance": 100, "adherence": 98, "calls": 1200}},
		{ID: "east-02", Team: "east", Hired: hired, QAEvaluations: 5, Metrics: map[string]float64{
			"qa_avg": 71, "csat": 3.9, "fcr": 70, "compliments": 0, "complaints": 2,
			"answered_in_3_rings": 88, "attendance": 92, "adherence": 90, "calls": 1100},
			Violations: []incentives.Violation{{ID: "v1", Kind: "missed_shift", At: time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)}}},
		{ID: "west-01", Team: "west", Hired: hired, QAEvaluations: 2, Metrics: map[string]float64{
			"qa_avg": 92, "csat": 4.5, "fcr": 86, "compliments": 3, "complaints": 0,
			"answered_in_3_rings": 96, "attendance": 100, "adherence": 99, "calls": 900}},
	}
}

// statementOf is the library's own statement of the same records, under
// the server's policy.
func statementOf(t testing.TB, ts *testServer, per incentives.Period, agents []incentives.AgentRecord) incentives.Statement {
	t.Helper()
	st, err := ts.Policies().Incentives.Evaluate(per, agents)
	if err != nil {
		t.Fatalf("the library refuses the test's records: %v", err)
	}
	return st
}

// TestIncentivesStatement: a statement over HTTP is the library's own,
// byte for byte; health facts come only from a health role and are
// audited as a read of everyone's.
func TestIncentivesStatement(t *testing.T) {
	const path = "/v1/incentives/statements"
	t.Run("a lead's statement, not audited", func(t *testing.T) {
		ts := newTestServer(t)
		agents := statementAgents()
		want := statementOf(t, ts, statementMonth, agents)
		if len(want.Lines) == 0 || len(want.Agents) != 3 || len(want.Teams) != 2 {
			t.Fatalf("the library's statement has %d lines, %d agents, %d teams; the test expects lines for 3 agents of 2 teams",
				len(want.Lines), len(want.Agents), len(want.Teams))
		}
		st, body, hdr := ts.do(t, tokLead, "POST", path, map[string]any{"period": statementMonth, "agents": agents})
		wantBody(t, st, body, http.StatusOK, want)
		if ct := hdr.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type %q", ct)
		}
		wantAudits(t, ts)
	})
	t.Run("without a store, a statement without health facts", func(t *testing.T) {
		ts := newTestServer(t, withoutStore())
		agents := statementAgents()
		st, body, _ := ts.do(t, tokHR, "POST", path, map[string]any{"period": statementMonth, "agents": agents})
		wantBody(t, st, body, http.StatusOK, statementOf(t, ts, statementMonth, agents))
	})
	for _, tc := range []struct {
		name, token, purpose string
		crisis, severe       int
	}{
		{"hr's crisis, audited with the stated purpose", tokHR, "monthly pay run", 1, -1},
		{"hr's severe tier, audited under the endpoint's name", tokHR, "", -1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t)
			agents := statementAgents()
			if tc.crisis >= 0 {
				agents[tc.crisis].Crisis = true
			}
			if tc.severe >= 0 {
				agents[tc.severe].SevereTier = true
			}
			want := statementOf(t, ts, statementMonth, agents)
			var hdr []string
			purpose := "incentives.evaluate"
			if tc.purpose != "" {
				hdr = []string{PurposeHeader, tc.purpose}
				purpose = tc.purpose
			}
			st, body, _ := ts.do(t, tc.token, "POST", path, map[string]any{"period": statementMonth, "agents": agents}, hdr...)
			wantBody(t, st, body, http.StatusOK, want)
			wantAudits(t, ts, auditOf(tc.token, "incentives.evaluate", "*", purpose))
		})
	}
}

// TestIncentivesStatementRefused: every statement refused, with its exact
// problem.
func TestIncentivesStatementRefused(t *testing.T) {
	const path = "/v1/incentives/statements"
	pol := incentives.DefaultPolicy()
	body := func(edit func(per *incentives.Period, agents []incentives.AgentRecord) []incentives.AgentRecord) ([]byte, error) {
		per, agents := statementMonth, statementAgents()
		agents = edit(&per, agents)
		_, err := pol.Evaluate(per, agents)
		buf, merr := json.Marshal(map[string]any{"period": per, "agents": agents})
		if merr != nil {
			t.Fatal(merr)
		}
		return buf, err
	}
	badID, errID := body(func(per *incentives.Period, a []incentives.AgentRecord) []incentives.AgentRecord {
		per.ID = "2026-04"
		return a
	})
	badMetric, errMetric := body(func(_ *incentives.Period, a []incentives.AgentRecord) []incentives.AgentRecord {
		a[1].Metrics["csat"] = 9
		return a
	})
	unknownMetric, errUnknown := body(func(_ *incentives.Period, a []incentives.AgentRecord) []incentives.AgentRecord {
		a[2].Metrics["shoe_size"] = 42
		return a
	})
	twice, errTwice := body(func(_ *incentives.Period, a []incentives.AgentRecord) []incentives.AgentRecord {
		a[2].ID = "east-01"
		return a
	})
	noTeam, errTeam := body(func(_ *incentives.Period, a []incentives.AgentRecord) []incentives.AgentRecord {
		a[0].Team = ""
		return a
	})
	crisisLater, _ := body(func(_ *incentives.Period, a []incentives.AgentRecord) []incentives.AgentRecord {
		a[2].Crisis = true
		a[1].SevereTier = true
		return a
	})
	both, _ := body(func(_ *incentives.Period, a []incentives.AgentRecord) []incentives.AgentRecord {
		a[1].SevereTier = true
		a[1].Crisis = true
		return a
	})
	const healthLead = "a crisis or the severe tier is health data, which role lead may not send"
	for _, tc := range []struct {
		name  string
		token string
		body  []byte
		want  *Problem
	}{
		{"a period named for other dates", tokLead, badID, inputProblemAt(t, path, "period.id", "invalid", errID)},
		{"a metric off its scale", tokLead, badMetric, inputProblemAt(t, path, "agents[1].metrics.csat", "out_of_range", errMetric)},
		{"a metric the policy does not declare", tokHR, unknownMetric, inputProblemAt(t, path, "agents[2].metrics.shoe_size", "not_supported", errUnknown)},
		{"an agent twice", tokHR, twice, inputProblemAt(t, path, "agents[2].id", "duplicate", errTwice)},
		{"an agent without a team", tokHR, noTeam, inputProblemAt(t, path, "agents[0].team", "required", errTeam)},
		{"a lead's severe tier, the first health fact in input order", tokLead, crisisLater,
			forbiddenProblem(path, "agents[1].severe_tier", healthLead)},
		{"a lead's crisis and severe tier in one record", tokLead, both,
			forbiddenProblem(path, "agents[1].crisis", healthLead)},
		{"an agent", tokAgentA, badID, roleProblem(path, RoleAgent, "incentives.evaluate")},
		{"the counselor", tokCounselor, badID, roleProblem(path, RoleCounselor, "incentives.evaluate")},
		{"the admin", tokAdmin, badID, roleProblem(path, RoleAdmin, "incentives.evaluate")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t)
			st, body, hdr := ts.do(t, tc.token, "POST", path, tc.body)
			wantProblem(t, st, body, hdr, tc.want)
			wantAudits(t, ts)
		})
	}

	t.Run("hr's health facts with no audit trail", func(t *testing.T) {
		ts := newTestServer(t, withoutStore())
		st, body, hdr := ts.do(t, tokHR, "POST", path, both)
		wantProblem(t, st, body, hdr, problem(http.StatusServiceUnavailable, "no-audit-store", "No audit trail",
			"confidential data is served only when its reading can be written to the audit trail, which needs a store", path))
	})
	t.Run("hr's health facts on invalid records: refused, and nothing read", func(t *testing.T) {
		ts := newTestServer(t)
		per, agents := statementMonth, statementAgents()
		agents[0].Crisis = true
		agents[0].Team = ""
		_, err := pol.Evaluate(per, agents)
		st, body, hdr := ts.do(t, tokHR, "POST", path, map[string]any{"period": per, "agents": agents})
		wantProblem(t, st, body, hdr, inputProblemAt(t, path, "agents[0].team", "required", err))
		wantAudits(t, ts)
	})
}

// FuzzIncentivesEvaluate sends arbitrary statement requests: none may make
// the service fail or panic.
func FuzzIncentivesEvaluate(f *testing.F) {
	ts := newFuzzServer(f)
	seed := mustJSON(f, map[string]any{"period": statementMonth, "agents": statementAgents()})
	f.Add(tokLead, seed)
	f.Add(tokHR, []byte(`{"period":{"id":"2026-03","start":"2026-03-01T00:00:00Z","end":"2026-04-01T00:00:00Z","cadence":"monthly","budget":-1},"agents":[{"id":"a","team":"t","crisis":true,"metrics":{"calls":1e308}}]}`))
	f.Add(tokLead, []byte(`{"period":{},"agents":[{"severe_tier":true}]}`))
	f.Add(tokHR, []byte(`{"period":{"cadence":"weekly","start":"2026-03-02T00:00:00+14:00"},"agents":null}`))
	f.Add(tokLead, []byte(`{"agents":[{"id":"a","team":"t","violations":[{"id":"v","kind":"late","at":"2026-03-05T09:00:00Z"},{"id":"v"}],"discipline":[{}]}]}`))
	f.Fuzz(func(t *testing.T, token string, body []byte) {
		st, out, _ := ts.do(t, token, "POST", "/v1/incentives/statements", body)
		fuzzCoachingStatus(t, st, out)
	})
}
