package incentives

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/qa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// evalAt is when the evaluation of the leaked call was scored: in March
// 2025, the test period.
var evalAt = time.Date(2025, 3, 10, 14, 0, 0, 0, time.UTC)

// leakedCall is the QA result of an inbound call where the agent read out
// a customer's account data to a caller who had not proved who he was:
// the critical item protect_customer_information failed, so the whole
// evaluation failed.
func leakedCall() qa.Result {
	return qa.Result{Evaluation: "ev-1042", Agent: "li.na", Evaluator: "qa.zhou", Source: qa.Source("qa"), At: evalAt,
		Scorecard: "inbound_service", PayRelevant: true, CriticalFailed: []string{"protect_customer_information"}}
}

// disputeOf is the agent's dispute of the leaked call's finding, as qa
// stores it: open, or decided with the given critical failures standing.
func disputeOf(status qa.Status, decision qa.Decision, standing []string) qa.Dispute {
	opened := evalAt.Add(24 * time.Hour)
	d := qa.Dispute{ID: qa.DisputeID("ev-1042", opened), Evaluation: qa.Evaluation{ID: "ev-1042", Agent: "li.na", Scorecard: "inbound_service", At: evalAt},
		Status: status, Opened: opened, Updated: opened,
		Items:    []qa.DisputedItem{{Item: "protect_customer_information", Reason: "the caller had verified by SMS code", Decision: decision}},
		Versions: []qa.ScoreVersion{{Version: 1, At: evalAt, CriticalFailed: []string{"protect_customer_information"}}}}
	if status != qa.StatusOpen {
		d.Updated = opened.Add(48 * time.Hour)
		d.Versions = append(d.Versions, qa.ScoreVersion{Version: 2, At: d.Updated, CriticalFailed: standing})
	}
	return d
}

// settled is a time when the default QA policy's 14-day dispute window
// of every evaluation in these tests has passed.
var settled = evalAt.Add(30 * 24 * time.Hour)

// A finding nobody disputed is held while its agent may still dispute it:
// through the last instant of the window, and final one nanosecond after.
func TestQAFindingWaitsForItsDisputeWindow(t *testing.T) {
	p, q := DefaultPolicy(), qa.DefaultPolicy()
	deadline := evalAt.Add(q.DisputeWindow())
	vs, held, err := p.ViolationsFromQA(q, deadline, []qa.Result{leakedCall()}, nil)
	require.NoError(t, err)
	assert.Empty(t, vs)
	require.Len(t, held, 1)
	assert.Equal(t, "", held[0].Dispute)
	assert.Equal(t, callfloor.Reason{Rule: "disputes.window", Outcome: callfloor.Held,
		Text: "evaluation ev-1042 may be disputed until 2025-03-24T14:00:00Z: held out of discipline until then", Message: "incentives.reason.dispute_window",
		Facts: []callfloor.Fact{{Name: "window_days", Value: 14}}}, held[0].Reasons[len(held[0].Reasons)-1])
	vs, held, err = p.ViolationsFromQA(q, deadline.Add(time.Nanosecond), []qa.Result{leakedCall()}, nil)
	require.NoError(t, err)
	assert.Empty(t, held)
	require.Len(t, vs, 1)
	assert.Equal(t, "ev-1042#customer_data_exposure", vs[0].Violation.ID)

	_, _, err = p.ViolationsFromQA(nil, settled, []qa.Result{leakedCall()}, nil)
	assert.EqualError(t, err, "q: is required: the QA policy that scored the results says how long they may be disputed")
	_, _, err = p.ViolationsFromQA(q, time.Time{}, []qa.Result{leakedCall()}, nil)
	assert.EqualError(t, err, "as_of: is required: a finding is final once its dispute window has passed as of then")
}

const leakFinding = "evaluation ev-1042 of 2025-03-10 failed the critical item protect_customer_information of inbound_service: customer information exposed on a call, as QA found"

// A QA evaluator sees customer information exposed on a call, not the
// malice that makes a leak a dismissal: the finding is a serious
// violation, two steps up, and the agent's access to customer data is
// revoked at once.
func TestQAFindingOfExposureIsSeriousAndRevokesAccess(t *testing.T) {
	p := DefaultPolicy()
	vs, held, err := p.ViolationsFromQA(qa.DefaultPolicy(), settled, []qa.Result{leakedCall()}, nil)
	require.NoError(t, err)
	assert.Empty(t, held)
	require.Equal(t, []QAViolation{{Agent: "li.na",
		Violation:  Violation{ID: "ev-1042#customer_data_exposure", Kind: "customer_data_exposure", At: evalAt},
		Evaluation: "ev-1042", Scorecard: "inbound_service", Items: []string{"protect_customer_information"}, Evaluations: []string{"ev-1042"},
		Reasons: []callfloor.Reason{{Rule: "discipline.qa_findings.inbound_service.protect_customer_information", Outcome: callfloor.Fired, Text: leakFinding, Message: "incentives.reason.critical_item"}}}}, vs)

	agents := northTeam()
	agents[1].Violations = []Violation{vs[0].Violation}
	st, err := p.Evaluate(march, agents)
	require.NoError(t, err)
	checkStatement(t, st)
	var steps []Step
	for _, l := range st.AgentLines("li.na") {
		if l.Kind == KindPenalty {
			assert.Equal(t, []string{"ev-1042#customer_data_exposure"}, l.Violations, "the evaluation is the evidence")
			if l.Step != "" {
				steps = append(steps, l.Step)
			}
		}
	}
	assert.Equal(t, []Step{WrittenWarning}, steps, "serious, two steps up from none; dismissal needs established malice")
	var actions []string
	for _, pa := range st.Protective {
		if pa.Agent == "li.na" {
			actions = append(actions, pa.Action)
		}
	}
	assert.Equal(t, []string{"revoke_customer_data_access"}, actions)
}

func TestQAFindingHonoursDisputes(t *testing.T) {
	p := DefaultPolicy()
	upheld := disputeOf(qa.StatusDecided, qa.Upheld, []string{"protect_customer_information"})
	tests := []struct {
		name     string
		dispute  qa.Dispute
		violates bool
		held     bool
		last     callfloor.Reason
	}{
		{"open: held out of discipline until decided", disputeOf(qa.StatusOpen, qa.Pending, nil), false, true,
			callfloor.Reason{Rule: "disputes.hold", Outcome: callfloor.Held, Text: "evaluation ev-1042 is disputed since 2025-03-11 with 1 item pending: held out of pay and discipline until decided", Message: "qa.reason.hold_open",
				Facts: []callfloor.Fact{{Name: "pending", Value: 1}}}},
		{"decided in the agent's favour: nothing", disputeOf(qa.StatusDecided, qa.Overturned, nil), false, false, callfloor.Reason{}},
		{"decided against the agent: the violation, with the decision", upheld, true, false,
			callfloor.Reason{Rule: "disputes.hold", Outcome: callfloor.Fired, Text: "the dispute of evaluation ev-1042 is decided; score version 2 counts", Message: "qa.reason.hold_decided",
				Facts: []callfloor.Fact{{Name: "version", Value: 2}}}},
		{"withdrawn: the original finding stands", disputeOf(qa.StatusWithdrawn, qa.Pending, []string{"protect_customer_information"}), true, false,
			callfloor.Reason{Rule: "disputes.hold", Outcome: callfloor.Fired, Text: "the dispute of evaluation ev-1042 was withdrawn; score version 2 counts", Message: "qa.reason.hold_withdrawn",
				Facts: []callfloor.Fact{{Name: "version", Value: 2}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vs, held, err := p.ViolationsFromQA(qa.DefaultPolicy(), settled, []qa.Result{leakedCall()}, []qa.Dispute{tc.dispute})
			require.NoError(t, err)
			head := callfloor.Reason{Rule: "discipline.qa_findings.inbound_service.protect_customer_information", Outcome: callfloor.Fired, Text: leakFinding, Message: "incentives.reason.critical_item"}
			if tc.held {
				assert.Empty(t, vs)
				assert.Equal(t, []HeldFinding{{Agent: "li.na", Kind: "customer_data_exposure", Evaluation: "ev-1042", Scorecard: "inbound_service",
					Items: []string{"protect_customer_information"}, At: evalAt, Dispute: "ev-1042/20250311T140000.000000000Z",
					Reasons: []callfloor.Reason{head, tc.last}}}, held)
				return
			}
			assert.Empty(t, held)
			if !tc.violates {
				assert.Empty(t, vs)
				return
			}
			require.Len(t, vs, 1)
			assert.Equal(t, "ev-1042#customer_data_exposure", vs[0].Violation.ID)
			assert.Equal(t, []callfloor.Reason{head, tc.last}, vs[0].Reasons)
		})
	}
}

func TestQAFindingsSelection(t *testing.T) {
	// The default maps the leak and the never-behaviours of the service
	// standard.
	p := DefaultPolicy()
	both := leakedCall()
	both.CriticalFailed = []string{"protect_customer_information", "no_rudeness"}
	rudeAndMocking := leakedCall()
	rudeAndMocking.CriticalFailed = []string{"no_mocking", "no_rudeness"}
	peer := leakedCall()
	peer.PayRelevant = false
	unmapped := leakedCall()
	unmapped.CriticalFailed = []string{"answer_within_3_rings"}
	otherCard := leakedCall()
	otherCard.Scorecard = "outbound_sales"
	tests := []struct {
		name   string
		result qa.Result
		want   []string // violation ids
	}{
		{"two kinds in one call are one incident, of the kind that protects", both, []string{"ev-1042#customer_data_exposure"}},
		{"two never-behaviours in one call are one incident", rudeAndMocking, []string{"ev-1042#service_misconduct"}},
		{"an evaluation that does not count toward pay leads to no discipline", peer, nil},
		{"a critical item mapped to no kind", unmapped, nil},
		{"the mapping is by scorecard", otherCard, []string{"ev-1042#customer_data_exposure"}},
		{"no critical failure", qa.Result{Evaluation: "ev-1", Agent: "li.na", At: evalAt, Scorecard: "inbound_service", PayRelevant: true}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vs, held, err := p.ViolationsFromQA(qa.DefaultPolicy(), settled, []qa.Result{tc.result}, nil)
			require.NoError(t, err)
			assert.Empty(t, held)
			var ids []string
			for _, v := range vs {
				ids = append(ids, v.Violation.ID)
			}
			assert.Equal(t, tc.want, ids)
		})
	}
}

func TestQAFindingsBadInput(t *testing.T) {
	p := DefaultPolicy()
	with := func(f func(r *qa.Result)) []qa.Result { r := leakedCall(); f(&r); return []qa.Result{r} }
	open := disputeOf(qa.StatusOpen, qa.Pending, nil)
	tests := []struct {
		name     string
		results  []qa.Result
		disputes []qa.Dispute
		want     string
	}{
		{"finding without evaluation id", with(func(r *qa.Result) { r.Evaluation = "" }), nil,
			"results[0].evaluation: is required: a critical finding that leads to discipline names its evaluation as evidence"},
		{"finding without agent", with(func(r *qa.Result) { r.Agent = "" }), nil,
			"results[0].agent: is required: the violation goes to the evaluated agent's record"},
		{"finding without time", with(func(r *qa.Result) { r.At = time.Time{} }), nil,
			"results[0].at: is required: the violation happened then"},
		{"finding at a time JSON cannot hold", with(func(r *qa.Result) { r.At = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }), nil,
			timeErr("results[0].at", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)).Error()},
		{"the same evaluation twice", []qa.Result{leakedCall(), leakedCall()}, nil,
			`results[1].evaluation: "ev-1042" duplicates results[0]`},
		{"dispute without evaluation id", []qa.Result{leakedCall()}, []qa.Dispute{{Status: qa.StatusOpen}},
			"disputes[0].evaluation.id: is required: a dispute belongs to an evaluation by its id"},
		{"dispute of unknown status", []qa.Result{leakedCall()}, []qa.Dispute{func() qa.Dispute { d := open; d.Status = "closed"; return d }()},
			`disputes[0].status: unknown dispute status "closed"; allowed: open, decided, withdrawn`},
		{"two open disputes of one evaluation", []qa.Result{leakedCall()}, []qa.Dispute{open, open},
			`disputes[1].evaluation.id: "ev-1042" duplicates disputes[0].evaluation.id`},
		{"dispute of another agent", []qa.Result{leakedCall()}, []qa.Dispute{func() qa.Dispute { d := open; d.Evaluation.Agent = "wang.wei"; return d }()},
			`disputes[0].evaluation.agent: "wang.wei" is not the agent of results[0], "li.na"`},
		{"two decided disputes of one evaluation raised at the same instant", []qa.Result{leakedCall()},
			[]qa.Dispute{disputeOf(qa.StatusDecided, qa.Upheld, nil), disputeOf(qa.StatusDecided, qa.Upheld, nil)},
			`disputes[1].evaluation.id: "ev-1042" duplicates disputes[0].evaluation.id`},
		{"dispute of no agent: it would decide nothing", []qa.Result{leakedCall()}, []qa.Dispute{{Evaluation: qa.Evaluation{ID: "ev-1042"}, Status: qa.StatusOpen}},
			"disputes[0].evaluation.agent: is required: a dispute is the evaluated agent's"},
		{"a decided dispute without its versions would erase the finding", []qa.Result{leakedCall()},
			[]qa.Dispute{{Evaluation: qa.Evaluation{ID: "ev-1042", Agent: "li.na"}, Status: qa.StatusDecided}},
			"disputes[0].versions: is required: a decided or withdrawn dispute keeps every version of the score, and the last decides"},
		{"dispute of another scorecard", []qa.Result{leakedCall()}, []qa.Dispute{func() qa.Dispute { d := open; d.Evaluation.Scorecard = "outbound_sales"; return d }()},
			`disputes[0].evaluation.scorecard: "outbound_sales" is not the scorecard of results[0], "inbound_service"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vs, held, err := p.ViolationsFromQA(qa.DefaultPolicy(), settled, tc.results, tc.disputes)
			assert.EqualError(t, err, tc.want)
			var ie *callfloor.InputError
			assert.True(t, errors.As(err, &ie), "a *callfloor.InputError")
			assert.Nil(t, vs)
			assert.Nil(t, held)
		})
	}
	_, _, err := (*Policy)(nil).ViolationsFromQA(qa.DefaultPolicy(), settled, []qa.Result{leakedCall()}, nil)
	assert.ErrorIs(t, err, ErrZeroPolicy)
	_, _, err = new(Policy).ViolationsFromQA(qa.DefaultPolicy(), settled, nil, nil)
	assert.ErrorIs(t, err, ErrZeroPolicy)
}

// FuzzViolationsFromQA feeds results and disputes read from JSON, as a
// host stores them: no input panics, an error is an InputError, and
// every violation returned is one Evaluate can take.
func FuzzViolationsFromQA(f *testing.F) {
	seed := func(rs []qa.Result, ds []qa.Dispute) {
		r, _ := json.Marshal(rs)
		d, _ := json.Marshal(ds)
		f.Add(r, d)
	}
	seed([]qa.Result{leakedCall()}, nil)
	seed([]qa.Result{leakedCall()}, []qa.Dispute{disputeOf(qa.StatusOpen, qa.Pending, nil)})
	seed([]qa.Result{leakedCall()}, []qa.Dispute{disputeOf(qa.StatusDecided, qa.Upheld, []string{"protect_customer_information"})})
	seed([]qa.Result{leakedCall(), leakedCall()}, []qa.Dispute{{Status: "x"}})
	p := DefaultPolicy()
	f.Fuzz(func(t *testing.T, rb, db []byte) {
		var rs []qa.Result
		var ds []qa.Dispute
		if json.Unmarshal(rb, &rs) != nil || json.Unmarshal(db, &ds) != nil {
			return
		}
		vs, held, err := p.ViolationsFromQA(qa.DefaultPolicy(), settled, rs, ds)
		if err != nil {
			var ie *callfloor.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("not an InputError: %v", err)
			}
			return
		}
		for _, v := range vs {
			if v.Agent == "" || v.Violation.ID == "" || v.Violation.At.IsZero() || len(v.Items) == 0 {
				t.Fatalf("incomplete violation %+v", v)
			}
		}
		for _, h := range held {
			if h.Dispute == "" || len(h.Reasons) < 2 {
				t.Fatalf("incomplete held finding %+v", h)
			}
		}
	})
}
