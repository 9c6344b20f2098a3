package incentives

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/qa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rudeCall scores, on the default inbound scorecard, a call of li.na's
// that is perfect but for the items given at 0.
func rudeCall(t *testing.T, failed ...string) qa.Result {
	t.Helper()
	sc, ok := qa.DefaultPolicy().Scorecard("inbound_service")
	require.True(t, ok)
	ev := qa.Evaluation{ID: "ev-2001", Agent: "li.na", Evaluator: "qa.zhou", Source: qa.QA, Scorecard: sc.ID(), At: evalAt}
	for _, it := range sc.Items() {
		a := qa.Answer{Item: it.ID, Value: float64(it.Max)}
		for _, f := range failed {
			if f == it.ID {
				a.Value = 0
			}
		}
		ev.Answers = append(ev.Answers, a)
	}
	r, err := sc.Score(ev)
	require.NoError(t, err)
	return r
}

// A rude call otherwise perfect fails its evaluation, and the failure
// becomes a serious violation with the evaluation as evidence: a written
// warning and a fine, once nobody can dispute it any more.
func TestRudeCallBecomesAViolation(t *testing.T) {
	p, q := DefaultPolicy(), qa.DefaultPolicy()
	r := rudeCall(t, "no_rudeness")
	require.False(t, r.Passed)

	vs, held, err := p.ViolationsFromQA(q, settled, []qa.Result{r}, nil)
	require.NoError(t, err)
	assert.Empty(t, held)
	require.Equal(t, []QAViolation{{Agent: "li.na",
		Violation:  Violation{ID: "ev-2001#service_misconduct", Kind: "service_misconduct", At: evalAt},
		Evaluation: "ev-2001", Scorecard: "inbound_service", Items: []string{"no_rudeness"}, Evaluations: []string{"ev-2001"},
		Reasons: []callfloor.Reason{{Rule: "discipline.qa_findings.inbound_service.no_rudeness", Outcome: callfloor.Fired,
			Text: "evaluation ev-2001 of 2025-03-10 failed the critical item no_rudeness of inbound_service: a behaviour the service standard forbids toward a customer, as QA found", Message: "incentives.reason.critical_item"}}}}, vs)

	agents := northTeam()
	agents[1].Violations = []Violation{vs[0].Violation}
	st, err := p.Evaluate(march, agents)
	require.NoError(t, err)
	checkStatement(t, st)
	var steps []Step
	var fined int64
	for _, l := range st.AgentLines("li.na") {
		if l.Kind != KindPenalty {
			continue
		}
		assert.Equal(t, []string{"ev-2001#service_misconduct"}, l.Violations, "the evaluation is the evidence")
		if l.Step != "" {
			steps = append(steps, l.Step)
		}
		fined += l.Amount
	}
	assert.Equal(t, []Step{WrittenWarning}, steps, "serious, two steps up from none")
	assert.Equal(t, int64(-10000), fined)
}

// Each never-behaviour the default maps is one incident per call: the
// items found together give one violation that names them all.
func TestNeverBehavioursOfOneCallAreOneIncident(t *testing.T) {
	p, q := DefaultPolicy(), qa.DefaultPolicy()
	tests := []struct {
		name   string
		failed []string
		items  []string
	}{
		{"mocking", []string{"no_mocking"}, []string{"no_mocking"}},
		{"a rhetorical or interrogating tone", []string{"no_rhetorical_questions"}, []string{"no_rhetorical_questions"}},
		{"arguing", []string{"no_arguing"}, []string{"no_arguing"}},
		{"mocking, rudeness and arguing on one call", []string{"no_arguing", "no_rudeness", "no_mocking"}, []string{"no_mocking", "no_rudeness", "no_arguing"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vs, held, err := p.ViolationsFromQA(q, settled, []qa.Result{rudeCall(t, tc.failed...)}, nil)
			require.NoError(t, err)
			assert.Empty(t, held)
			require.Len(t, vs, 1)
			assert.Equal(t, "ev-2001#service_misconduct", vs[0].Violation.ID)
			assert.Equal(t, tc.items, vs[0].Items)
		})
	}
	// An interruption is coached, never disciplined.
	vs, held, err := p.ViolationsFromQA(q, settled, []qa.Result{rudeCall(t, "no_interrupting")}, nil)
	require.NoError(t, err)
	assert.Empty(t, vs)
	assert.Empty(t, held)
}

// A rude call is held while its agent may still dispute it, and while a
// dispute of it is open, as every QA finding is.
func TestRudeCallHeldWhileDisputable(t *testing.T) {
	p, q := DefaultPolicy(), qa.DefaultPolicy()
	r := rudeCall(t, "no_rudeness")
	vs, held, err := p.ViolationsFromQA(q, evalAt.Add(24*time.Hour), []qa.Result{r}, nil)
	require.NoError(t, err)
	assert.Empty(t, vs)
	require.Len(t, held, 1)
	assert.Equal(t, "service_misconduct", held[0].Kind)
	assert.Equal(t, "", held[0].Dispute)
	assert.Equal(t, "evaluation ev-2001 may be disputed until 2025-03-24T14:00:00Z: held out of discipline until then", held[0].Reasons[1].Text)

	opened := evalAt.Add(24 * time.Hour)
	d := qa.Dispute{ID: qa.DisputeID("ev-2001", opened), Evaluation: qa.Evaluation{ID: "ev-2001", Agent: "li.na", Scorecard: "inbound_service", At: evalAt},
		Status: qa.StatusOpen, Opened: opened, Updated: opened,
		Items:    []qa.DisputedItem{{Item: "no_rudeness", Reason: "the customer swore first; I stayed polite"}},
		Versions: []qa.ScoreVersion{{Version: 1, At: evalAt, CriticalFailed: []string{"no_rudeness"}}}}
	vs, held, err = p.ViolationsFromQA(q, settled, []qa.Result{r}, []qa.Dispute{d})
	require.NoError(t, err)
	assert.Empty(t, vs)
	require.Len(t, held, 1)
	assert.Equal(t, d.ID, held[0].Dispute)
	assert.Equal(t, callfloor.Held, held[0].Reasons[len(held[0].Reasons)-1].Outcome)
}

// A mapping must name a scorecard and a critical item of the QA policy:
// one that does not would never fire. CheckQA says where it is written, and
// ViolationsFromQA refuses to run with it.
func TestQAMappingsCheckedAgainstTheQAPolicy(t *testing.T) {
	q := qa.DefaultPolicy()
	const last = "    - {scorecard: outbound_sales, item: no_arguing, kind: service_misconduct}\n"
	with := func(extra string) *Policy {
		t.Helper()
		src := string(DefaultPolicySource())
		require.Contains(t, src, last)
		p, err := ParsePolicy([]byte(strings.Replace(src, last, last+extra, 1)))
		require.NoError(t, err)
		return p
	}
	line := strings.Count(string(DefaultPolicySource())[:strings.Index(string(DefaultPolicySource()), last)], "\n") + 2
	inbound := "answer_within_3_rings, standard_greeting, give_agent_id, confirm_details, take_notes, no_pretending, protect_customer_information, hold_permission, hold_under_1_minute, no_long_silence, transfer_named, voice, plain_language, courtesy, apologise_own_error, special_needs, no_mocking, no_rhetorical_questions, no_rudeness, no_arguing, call_manager, no_interrupting, no_forbidden_phrases, anything_else, thank_caller, customer_hangs_up_first"
	tests := []struct {
		name, extra, want string
	}{
		{"an item the scorecard does not have",
			"    - {scorecard: inbound_service, item: no_shouting, kind: service_misconduct}\n",
			"incentives policy: 1 problem\n\tdiscipline.qa_findings[10].item: line " + strconv.Itoa(line) + ", column 42: \"no_shouting\" is not an item of scorecard inbound_service in qa policy " + q.Identity().String() + "; allowed: " + inbound},
		{"a scorecard the QA policy does not have",
			"    - {scorecard: chat_service, item: no_rudeness, kind: service_misconduct}\n",
			"incentives policy: 1 problem\n\tdiscipline.qa_findings[10].scorecard: line " + strconv.Itoa(line) + ", column 19: \"chat_service\" is not a scorecard of qa policy " + q.Identity().String() + "; allowed: inbound_service, outbound_sales"},
		{"an item of the other scorecard",
			"    - {scorecard: outbound_sales, item: call_manager, kind: service_misconduct}\n",
			"incentives policy: 1 problem\n\tdiscipline.qa_findings[10].item: line " + strconv.Itoa(line) + ", column 41: \"call_manager\" is not an item of scorecard outbound_sales in qa policy " + q.Identity().String() + "; allowed: standard_greeting, convenient_time, confirm_details, listen_needs, plain_language, no_pretending, courtesy, apologise_own_error, no_mocking, no_rhetorical_questions, no_rudeness, no_arguing, no_interrupting, no_forbidden_phrases, protect_customer_information, thank_caller, customer_hangs_up_first"},
		{"an item that is not critical, which never fails as a finding",
			"    - {scorecard: inbound_service, item: no_interrupting, kind: service_misconduct}\n",
			"incentives policy: 1 problem\n\tdiscipline.qa_findings[10].item: line " + strconv.Itoa(line) + ", column 42: \"no_interrupting\" is not a critical item of scorecard inbound_service in qa policy " + q.Identity().String() + ", so it is never a finding; allowed: protect_customer_information, no_mocking, no_rhetorical_questions, no_rudeness, no_arguing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := with(tc.extra)
			err := p.CheckQA(q)
			assert.EqualError(t, err, tc.want)
			var pe *callfloor.PolicyError
			require.ErrorAs(t, err, &pe)
			_, _, err = p.ViolationsFromQA(q, settled, []qa.Result{leakedCall()}, nil)
			assert.EqualError(t, err, tc.want)
		})
	}
	assert.NoError(t, DefaultPolicy().CheckQA(q), "the defaults fit each other")
	assert.EqualError(t, DefaultPolicy().CheckQA(nil), "q: is required: the mappings of discipline.qa_findings name its scorecards and items")
	assert.ErrorIs(t, (*Policy)(nil).CheckQA(q), ErrZeroPolicy)
}

// An adopted constructive suggestion earns a small bonus, points and a
// badge; a month with none, or without coaching's count, earns nothing.
func TestAdoptedSuggestionRewarded(t *testing.T) {
	p := DefaultPolicy()
	tests := []struct {
		name    string
		adopted float64
		given   bool
		bonus   int64
		points  int64
	}{
		{"one suggestion adopted", 1, true, 5000, 10},
		{"three adopted earn the same", 3, true, 5000, 10},
		{"none adopted", 0, true, 0, 0},
		{"no count from coaching", 0, false, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			agents := northTeam()
			// liu.yang's QA average sits in the standard band: no multiplier.
			if tc.given {
				agents[2].Metrics["suggestions_adopted"] = tc.adopted
			}
			st, err := p.Evaluate(march, agents)
			require.NoError(t, err)
			checkStatement(t, st)
			var bonus, points int64
			var badges []string
			for _, l := range st.AgentLines("liu.yang") {
				if l.Rule() == "rewards.rules.suggestion_adopted" {
					bonus += l.Amount
					points += l.Points
					if l.Badge != "" {
						badges = append(badges, l.Badge)
					}
					assert.Contains(t, l.Reasons[0].Text, "made a constructive suggestion that was adopted")
				}
			}
			assert.Equal(t, tc.bonus, bonus)
			assert.Equal(t, tc.points, points)
			if tc.bonus > 0 {
				assert.Equal(t, []string{"suggestion_adopted"}, badges)
			}
		})
	}
	_, err := p.Evaluate(march, func() []AgentRecord {
		a := northTeam()
		a[2].Metrics["suggestions_adopted"] = 1.5
		return a
	}())
	assert.EqualError(t, err, "agents[2].metrics.suggestions_adopted: 1.5 is not a whole count")
}

// oneCallLines evaluates li.na's violations in March and returns her
// steps, the total of her fines, the violations her penalty lines name,
// and the protective actions issued.
func oneCallLines(t *testing.T, vs ...Violation) (steps []Step, fined int64, named [][]string, protect []string) {
	t.Helper()
	agents := northTeam()
	agents[1].Violations = vs
	st, err := DefaultPolicy().Evaluate(march, agents)
	require.NoError(t, err)
	checkStatement(t, st)
	for _, l := range st.AgentLines("li.na") {
		if l.Kind != KindPenalty {
			continue
		}
		named = append(named, l.Violations)
		if l.Step != "" {
			steps = append(steps, l.Step)
		}
		fined += l.Amount
	}
	for _, pa := range st.Protective {
		protect = append(protect, pa.Action+" "+strings.Join(pa.Violations, ","))
	}
	return steps, fined, named, protect
}

// One call is one incident, whoever reports it: a host's rudeness and
// the misconduct QA found on the same call had given a written warning
// and a dismissal, fined twice, on a first offence.
func TestHostAndQAViolationsOfOneCallAreOneIncident(t *testing.T) {
	p, q := DefaultPolicy(), qa.DefaultPolicy()
	r := rudeCall(t, "no_rudeness")
	r.Interaction = "call-77"
	found, _, err := p.ViolationsFromQA(q, settled, []qa.Result{r}, nil)
	require.NoError(t, err)
	require.Len(t, found, 1)
	require.Equal(t, Violation{ID: "call-77#service_misconduct", Kind: "service_misconduct", At: evalAt, Interaction: "call-77"}, found[0].Violation)
	callAt := evalAt.Add(-2 * time.Hour)

	tests := []struct {
		name  string
		vs    []Violation
		steps []Step
		fined int64
		named [][]string
		prot  []string
	}{
		{"the host's and QA's of one call: one step and one fine, naming both",
			[]Violation{{ID: "crm-5", Kind: "rude_to_customer", At: callAt, Interaction: "call-77"}, found[0].Violation},
			[]Step{WrittenWarning}, -10000, [][]string{{"crm-5", "call-77#service_misconduct"}, {"crm-5", "call-77#service_misconduct"}}, nil},
		{"the same two of different calls are two incidents",
			[]Violation{{ID: "crm-5", Kind: "rude_to_customer", At: callAt, Interaction: "call-76"}, found[0].Violation},
			[]Step{WrittenWarning, Dismissal}, -20000, [][]string{{"crm-5"}, {"crm-5"}, {"call-77#service_misconduct"}, {"call-77#service_misconduct"}}, nil},
		{"a host violation naming no call is an incident of its own",
			[]Violation{{ID: "crm-5", Kind: "rude_to_customer", At: callAt}, found[0].Violation},
			[]Step{WrittenWarning, Dismissal}, -20000, [][]string{{"crm-5"}, {"crm-5"}, {"call-77#service_misconduct"}, {"call-77#service_misconduct"}}, nil},
		{"the more severe kind is kept, however late it comes",
			[]Violation{{ID: "crm-5", Kind: "break_over_time", At: callAt, Interaction: "call-77"}, found[0].Violation},
			[]Step{WrittenWarning}, -10000, [][]string{{"call-77#service_misconduct", "crm-5"}, {"call-77#service_misconduct", "crm-5"}}, nil},
		{"a zero-tolerance leak of the call dismisses; the exposure's protection still issues",
			[]Violation{{ID: "crm-9", Kind: "customer_data_exposure", At: callAt, Interaction: "call-77"}, {ID: "sec-1", Kind: "customer_data_leak", At: evalAt, Interaction: "call-77"}},
			[]Step{Dismissal}, 0, [][]string{{"sec-1", "crm-9"}},
			[]string{"revoke_customer_data_access crm-9", "revoke_customer_data_access sec-1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			steps, fined, named, prot := oneCallLines(t, tc.vs...)
			assert.Equal(t, tc.steps, steps)
			assert.Equal(t, tc.fined, fined)
			assert.Equal(t, tc.named, named)
			assert.Equal(t, tc.prot, prot)
		})
	}
}

// A QA evaluator and a lead who both score one call (both count toward
// pay) found one incident, not two.
func TestQAAndLeadEvaluationsOfOneCallAreOneIncident(t *testing.T) {
	p, q := DefaultPolicy(), qa.DefaultPolicy()
	byQA := rudeCall(t, "no_rudeness")
	byQA.Interaction = "call-77"
	byLead := rudeCall(t, "no_rudeness", "no_mocking")
	byLead.Evaluation, byLead.Evaluator, byLead.Source, byLead.Interaction = "ev-2002", "lead.wu", qa.Lead, "call-77"
	byLead.At = evalAt.Add(time.Hour)
	other := rudeCall(t, "no_rudeness")
	other.Evaluation, other.Interaction = "ev-2003", "call-78"
	vs, held, err := p.ViolationsFromQA(q, settled, []qa.Result{byQA, byLead, other}, nil)
	require.NoError(t, err)
	assert.Empty(t, held)
	require.Len(t, vs, 2)
	assert.Equal(t, Violation{ID: "call-77#service_misconduct", Kind: "service_misconduct", At: evalAt, Interaction: "call-77"}, vs[0].Violation)
	assert.Equal(t, "call-77", vs[0].Interaction)
	assert.Equal(t, "ev-2001", vs[0].Evaluation)
	assert.Equal(t, []string{"ev-2001", "ev-2002"}, vs[0].Evaluations)
	assert.Equal(t, []string{"no_rudeness", "no_mocking"}, vs[0].Items)
	require.Len(t, vs[0].Reasons, 4)
	assert.Equal(t, "evaluation ev-2002 of 2025-03-10 failed the critical item no_mocking of inbound_service: a behaviour the service standard forbids toward a customer, as QA found", vs[0].Reasons[1].Text)
	assert.Equal(t, callfloor.Reason{Rule: "discipline.qa_findings", Outcome: callfloor.Fired,
		Text: "one call is one incident: call-77 gives one violation of service_misconduct, the most severe kind of what ev-2001, ev-2002 found: no_rudeness, no_mocking", Message: "incentives.reason.one_incident"}, vs[0].Reasons[3])
	assert.Equal(t, "call-78#service_misconduct", vs[1].Violation.ID)
	assert.Len(t, vs[1].Reasons, 1, "one item of one evaluation needs no summary")

	steps, fined, _, _ := oneCallLines(t, vs[0].Violation)
	assert.Equal(t, []Step{WrittenWarning}, steps)
	assert.Equal(t, int64(-10000), fined)

	// Held while they may be disputed, the findings name the call, so
	// that the host can tell them one incident when they become final.
	_, held, err = p.ViolationsFromQA(q, evalAt.Add(24*time.Hour), []qa.Result{byQA, byLead}, nil)
	require.NoError(t, err)
	require.Len(t, held, 2)
	assert.Equal(t, []string{"call-77", "call-77"}, []string{held[0].Interaction, held[1].Interaction})
}

// A call that both exposed customer information and was rude is one
// violation, of the kind that protects the customers' data, not two
// serious ones that dismiss.
func TestExposureAndRudenessOfOneCallAreOneIncident(t *testing.T) {
	p, q := DefaultPolicy(), qa.DefaultPolicy()
	vs, _, err := p.ViolationsFromQA(q, settled, []qa.Result{rudeCall(t, "no_rudeness", "protect_customer_information")}, nil)
	require.NoError(t, err)
	require.Len(t, vs, 1)
	assert.Equal(t, Violation{ID: "ev-2001#customer_data_exposure", Kind: "customer_data_exposure", At: evalAt}, vs[0].Violation)
	assert.Equal(t, []string{"protect_customer_information", "no_rudeness"}, vs[0].Items)
	assert.Equal(t, "one call is one incident: ev-2001 gives one violation of customer_data_exposure, the most severe kind of what ev-2001 found: protect_customer_information, no_rudeness",
		vs[0].Reasons[len(vs[0].Reasons)-1].Text)

	steps, fined, _, prot := oneCallLines(t, vs[0].Violation)
	assert.Equal(t, []Step{WrittenWarning}, steps)
	assert.Equal(t, int64(-10000), fined)
	assert.Equal(t, []string{"revoke_customer_data_access ev-2001#customer_data_exposure"}, prot)
}

// Calls are told apart the same way for a few violations and for many:
// a second violation of a call counts toward no occurrence, whether the
// calls are compared pairwise or through a map.
func TestOneIncidentPerCallAmongManyViolations(t *testing.T) {
	for _, n := range []int{10, 18} {
		t.Run(strconv.Itoa(n)+" calls", func(t *testing.T) {
			var vs []Violation
			for i := range n {
				vs = append(vs, Violation{ID: "chat-" + strconv.Itoa(i), Kind: "loud_or_private_chat", At: evalAt.Add(time.Duration(i) * time.Minute), Interaction: "call-" + strconv.Itoa(i)})
			}
			vs = append(vs, Violation{ID: "again", Kind: "loud_or_private_chat", At: evalAt.Add(time.Hour), Interaction: "call-0"})
			agents := northTeam()
			agents[1].Violations = vs
			st, err := DefaultPolicy().Evaluate(march, agents)
			require.NoError(t, err)
			checkStatement(t, st)
			steps, named := 0, 0
			for _, l := range st.AgentLines("li.na") {
				if l.Step != "" {
					steps++
					named += len(l.Violations)
				}
			}
			var notice []string
			for _, it := range st.Private {
				if it.Agent == "li.na" && it.Kind == ItemNotice {
					notice = append(notice, it.Violations...)
				}
			}
			assert.Equal(t, n/3, steps, "a step at every third call")
			assert.Equal(t, n-n%3+1, named, "the first step names the call's second violation too")
			if n%3 == 0 {
				assert.Empty(t, notice)
			} else {
				assert.Len(t, notice, n%3)
			}
		})
	}
}

// A mapping to a scorecard with no critical item says so rather than
// list nothing as allowed.
func TestQAMappingToAScorecardWithNoCriticalItem(t *testing.T) {
	q, err := qa.ParsePolicy([]byte(`version: "1"
scorecards:
  - id: inbound_service
    version: "1"
    pass_mark: 80
    weights_total: 100
    sections:
      - id: conduct
        weight: 100
        items:
          - {id: no_rudeness, text: Polite, type: yes_no, good: polite, fix: stay polite}
`))
	require.NoError(t, err)
	src := `version: "1"
currency: CNY
metrics:
  - {name: qa_avg, min: 0, max: 100}
discipline:
  kinds:
    - {id: service_misconduct, severity: serious}
  qa_findings:
    - {scorecard: inbound_service, item: no_rudeness, kind: service_misconduct}
`
	p, err := ParsePolicy([]byte(src))
	require.NoError(t, err)
	assert.EqualError(t, p.CheckQA(q), "incentives policy: 1 problem\n\tdiscipline.qa_findings[0].item: line 9, column 42: \"no_rudeness\" is not a critical item of scorecard inbound_service in qa policy "+q.Identity().String()+", so it is never a finding; the scorecard has no critical item")
}
