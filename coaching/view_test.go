package coaching

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/mood"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	leadCareOwed = `a care talk is owed: the team_lead's first step, "find the need", is due 1d after the case opens; what prompted it is confidential`
	leadQABelow  = "QA has stayed under the bar for two periods or more, on enough evaluations to act on; find the problem from the scores and monitoring (qa_evaluations=8, qa_periods_below_bar=2)"
	leadReview   = "the quarterly performance interview is due (days_since_review=120)"
)

// leadCare is the lead's whole view of a care proposal, whatever
// prompted it.
var leadCare = []callfloor.Reason{{Rule: "workflows.care", Outcome: callfloor.Fired, Text: leadCareOwed, Message: "coaching.reason.owed_first_step"}}

func leadProblem(extra ...callfloor.Reason) []callfloor.Reason {
	return append([]callfloor.Reason{{Rule: "triggers.problem_qa_below_bar", Outcome: callfloor.Fired, Text: leadQABelow, Message: "coaching.reason.rule",
		Facts: []callfloor.Fact{{Name: "qa_evaluations", Value: 8}, {Name: "qa_periods_below_bar", Value: 2}}}}, extra...)
}

var leadReviewReasons = []callfloor.Reason{{Rule: "triggers.review_calendar", Outcome: callfloor.Fired, Text: leadReview, Message: "coaching.reason.rule",
	Facts: []callfloor.Fact{{Name: "days_since_review", Value: 120}}}}

// The lead's view, whole, under every mood state, alone and beside a
// care rule that reads no mood: a care talk reads the same whatever
// prompted it, at its workflow, never at a rule's id; a corrective talk
// held stays in Held with a sentence that names no mood state; a hold
// not checked says so in words that name none either. The care roles
// and the person see the proposals whole.
func TestProposalsForLeadHideMood(t *testing.T) {
	p := DefaultPolicy()
	held := leadProblem(callfloor.Reason{Rule: "triggers.problem_qa_below_bar", Outcome: callfloor.Suppressed, Text: "held; the care roles will say when it may start", Message: "coaching.reason.lead_held"})
	notChecked := leadProblem(callfloor.Reason{Rule: "triggers.problem_qa_below_bar", Outcome: callfloor.NotEvaluated,
		Text: "not checked whether the care roles must clear it first: the signals that tell were not supplied; ask them before it starts", Message: "coaching.reason.lead_not_checked"})
	proposed := func(problem []callfloor.Reason) []Proposal {
		out := []Proposal{{Kind: Care, Subject: "li.na", Reasons: leadCare}}
		if problem != nil {
			out = append(out, Proposal{Kind: PerformanceProblem, Subject: "li.na", Reasons: problem})
		}
		return append(out, Proposal{Kind: PerformanceReview, Subject: "li.na", Reasons: leadReviewReasons})
	}
	for _, tc := range []struct {
		name     string
		mood     []any // mood signals set; those left out are not supplied
		drop     bool  // the care rule that reads no mood does not fire
		proposed []Proposal
		held     []Proposal
	}{
		{"a crisis at the severe tier", []any{"mood_tier", 3.0, "mood_watch", 1.0, "mood_crisis", 1.0}, false, proposed(nil), []Proposal{{Kind: PerformanceProblem, Subject: "li.na", Reasons: held}}},
		{"a crisis at the normal tier", []any{"mood_tier", 0.0, "mood_watch", 0.0, "mood_crisis", 1.0}, false, proposed(nil), []Proposal{{Kind: PerformanceProblem, Subject: "li.na", Reasons: held}}},
		{"the severe tier", []any{"mood_tier", 3.0, "mood_watch", 0.0, "mood_crisis", 0.0}, false, proposed(nil), []Proposal{{Kind: PerformanceProblem, Subject: "li.na", Reasons: held}}},
		{"the moderate tier", []any{"mood_tier", 2.0, "mood_watch", 0.0, "mood_crisis", 0.0}, false, proposed(leadProblem()), []Proposal{}},
		{"a watch", []any{"mood_tier", 0.0, "mood_watch", 1.0, "mood_crisis", 0.0}, false, proposed(leadProblem()), []Proposal{}},
		{"nothing", []any{"mood_tier", 0.0, "mood_watch", 0.0, "mood_crisis", 0.0}, false, proposed(leadProblem()), []Proposal{}},
		{"a crisis, care prompted by mood alone", []any{"mood_tier", 3.0, "mood_watch", 1.0, "mood_crisis", 1.0}, true, proposed(nil), []Proposal{{Kind: PerformanceProblem, Subject: "li.na", Reasons: held}}},
		{"the mild tier, care prompted by mood alone", []any{"mood_tier", 1.0, "mood_watch", 0.0, "mood_crisis", 0.0}, true, proposed(leadProblem()), []Proposal{}},
		{"mood not supplied", nil, false, proposed(notChecked), []Proposal{}},
		{"only the tier supplied, at severe", []any{"mood_tier", 3.0}, false, proposed(notChecked), []Proposal{}},
	} {
		s := with(quiet(), "qa_periods_below_bar", 2.0, "qa_evaluations", 8.0, "qa_stable_then_drop", 1.0, "days_since_review", 120.0)
		if tc.drop {
			s["qa_stable_then_drop"] = 0
		}
		for _, m := range []string{"mood_tier", "mood_watch", "mood_crisis"} {
			delete(s, m)
		}
		s = with(s, tc.mood...)
		full, err := p.Propose("li.na", s, nil)
		require.NoError(t, err, tc.name)
		assert.Equal(t, full, p.ProposalsFor(full, mood.AudienceCare), tc.name)
		assert.Equal(t, full, p.ProposalsFor(full, mood.AudienceAgent), tc.name)

		lead := p.ProposalsFor(full, mood.AudienceLead)
		assert.Equal(t, tc.proposed, lead.Proposed, tc.name)
		assert.Equal(t, tc.held, lead.Held, tc.name)
		assert.Empty(t, lead.Suppressed, tc.name)
		assert.Equal(t, full.Unevaluated, lead.Unevaluated, "%s: a rule not evaluated names the signals it lacks, no one's data", tc.name)
		b, err := json.Marshal(Proposals{Proposed: lead.Proposed, Suppressed: lead.Suppressed, Held: lead.Held})
		require.NoError(t, err)
		for _, word := range []string{"mood", "hold_when", "tier", "watch", "severe", "crisis", "care_"} {
			assert.NotContains(t, string(b), word, "%s: the lead's view names %s", tc.name, word)
		}
	}
}

// An open performance-problem case suppresses a new proposal, and the
// person is in crisis or at the severe tier: the lead reads the open
// case, exactly as when the person is not, never the hold.
func TestProposalsForLeadOpenCaseHidesHold(t *testing.T) {
	p := DefaultPolicy()
	c, err := p.Open(PerformanceProblem, "li.na", t0)
	require.NoError(t, err)
	openText := "case " + c.ID + " of the same kind is already open for li.na"
	want := []Proposal{{Kind: PerformanceProblem, Subject: "li.na", OpenCase: c.ID,
		Reasons: leadProblem(callfloor.Reason{Rule: "triggers.problem_qa_below_bar", Outcome: callfloor.Suppressed, Text: openText, Message: "coaching.reason.case_open"})}}
	for _, tc := range []struct {
		name string
		mood []any
	}{
		{"a crisis", []any{"mood_crisis", 1.0}},
		{"the severe tier", []any{"mood_tier", 3.0}},
		{"neither", nil},
		{"mood not supplied", []any{"mood_tier", nil, "mood_crisis", nil}},
	} {
		s := with(quiet(), "qa_periods_below_bar", 2.0, "qa_evaluations", 8.0)
		for i := 0; i+1 < len(tc.mood); i += 2 {
			if tc.mood[i+1] == nil {
				delete(s, tc.mood[i].(string))
			} else {
				s[tc.mood[i].(string)] = tc.mood[i+1].(float64)
			}
		}
		full, err := p.Propose("li.na", s, []Case{c})
		require.NoError(t, err, tc.name)
		require.Len(t, full.Suppressed, 1, tc.name)
		lead := p.ProposalsFor(full, mood.AudienceLead)
		assert.Equal(t, want, lead.Suppressed, tc.name)
		assert.Empty(t, lead.Held, tc.name)
		assert.NotContains(t, mustJSONText(t, lead.Suppressed), "hold_when", tc.name)
	}
}

// The proposals passed in are never changed, and an audience that is not
// the person, the lead or a care role sees only whose proposals they are.
func TestProposalsForOthers(t *testing.T) {
	p := DefaultPolicy()
	full, err := p.Propose("li.na", with(quiet(), "mood_tier", 3.0, "mood_crisis", 1.0), nil)
	require.NoError(t, err)
	before, err := json.Marshal(full)
	require.NoError(t, err)
	_ = p.ProposalsFor(full, mood.AudienceLead)
	after, err := json.Marshal(full)
	require.NoError(t, err)
	assert.Equal(t, string(before), string(after))

	none := p.ProposalsFor(full, mood.AudienceNone)
	assert.Equal(t, Proposals{Policy: full.Policy, Subject: "li.na", Proposed: []Proposal{}, Suppressed: []Proposal{}, Held: []Proposal{}, Unevaluated: []Unevaluated{}}, none)
	assert.Equal(t, Proposals{}, (*Policy)(nil).ProposalsFor(full, mood.AudienceCare))

	// An open care case suppresses the proposal; the lead still reads
	// which case, and nothing of why.
	c, err := p.Open(Care, "li.na", t0)
	require.NoError(t, err)
	sup, err := p.Propose("li.na", with(quiet(), "mood_tier", 2.0), []Case{c})
	require.NoError(t, err)
	lead := p.ProposalsFor(sup, mood.AudienceLead)
	require.Len(t, lead.Suppressed, 1)
	assert.Equal(t, []callfloor.Reason{
		{Rule: "workflows.care", Outcome: callfloor.Fired, Text: leadCareOwed, Message: "coaching.reason.owed_first_step"},
		{Rule: "workflows.care", Outcome: callfloor.Suppressed, Text: "case " + c.ID + " of the same kind is already open for li.na", Message: "coaching.reason.case_open"},
	}, lead.Suppressed[0].Reasons)
	assert.False(t, strings.Contains(mustJSONText(t, lead), "mood_tier\":"), "no mood fact")

	// A reason at a rule this policy does not have, as in proposals an
	// older policy made, could have read anything: the lead does not see
	// it.
	old := Proposals{Subject: "li.na", Proposed: []Proposal{{Kind: PerformanceReview, Subject: "li.na", Reasons: []callfloor.Reason{
		{Rule: "triggers.low_mood_review", Outcome: callfloor.Fired, Text: "the mood triage asks for a review (mood_tier=3)"},
		{Rule: "triggers.review_calendar", Outcome: callfloor.Fired, Text: leadReview, Message: "coaching.reason.rule"}}}}}
	assert.Equal(t, []Proposal{{Kind: PerformanceReview, Subject: "li.na", Reasons: []callfloor.Reason{
		{Rule: "triggers.review_calendar", Outcome: callfloor.Fired, Text: leadReview, Message: "coaching.reason.rule"}}}}, p.ProposalsFor(old, mood.AudienceLead).Proposed)
}

func mustJSONText(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// FuzzProposalsFor gives every audience proposals as a host might hand
// them back, any JSON at all, seeded with real ones: no input may panic,
// the input is never changed, and the lead's view holds no mood fact, no
// reason at a hold_when that reads a mood signal and, for a care talk,
// only the reasons at its workflow.
func FuzzProposalsFor(f *testing.F) {
	p := DefaultPolicy()
	for _, s := range []Signals{
		with(quiet(), "mood_tier", 3.0, "mood_crisis", 1.0, "qa_periods_below_bar", 2.0, "qa_stable_then_drop", 1.0),
		with(quiet(), "mood_watch", 1.0, "qa_periods_below_bar", 3.0),
		{"qa_periods_below_bar": 2, "qa_evaluations": 9},
	} {
		full, err := p.Propose("li.na", s, nil)
		if err != nil {
			f.Fatal(err)
		}
		b, _ := json.Marshal(full)
		f.Add(b)
	}
	f.Add([]byte(`{"proposed":[{"kind":"nope","reasons":[{"rule":"triggers.care_mood.hold_when","outcome":"suppressed","facts":[{"name":"mood_tier","value":3}]}]}],"held":[{"kind":"care","reasons":[]}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		var pr Proposals
		if json.Unmarshal(src, &pr) != nil {
			return
		}
		before, err := json.Marshal(pr)
		if err != nil {
			return
		}
		for _, a := range []mood.Audience{mood.AudienceAgent, mood.AudienceCare, mood.AudienceLead, mood.AudienceNone, mood.Audience(99)} {
			_ = p.ProposalsFor(pr, a)
		}
		lead := p.ProposalsFor(pr, mood.AudienceLead)
		if after, _ := json.Marshal(pr); string(after) != string(before) {
			t.Fatalf("the proposals passed in changed")
		}
		for _, l := range [][]Proposal{lead.Proposed, lead.Suppressed, lead.Held} {
			for _, x := range l {
				for _, r := range x.Reasons {
					for _, fa := range r.Facts {
						if moodSignal(fa.Name) {
							t.Fatalf("the lead sees the fact %s at %s", fa.Name, r.Rule)
						}
					}
					if tr, _ := p.triggerAt(r.Rule); tr == nil && !strings.HasPrefix(r.Rule, "workflows.") {
						t.Fatalf("the lead sees a reason at %s, a rule this policy does not have", r.Rule)
					}
					if tr, hold := p.triggerAt(r.Rule); tr != nil && hold && p.readsMood(tr.holdSlots) {
						t.Fatalf("the lead sees the hold %s", r.Rule)
					}
					if x.Kind == Care && r.Rule != "workflows.care" {
						if tr, _ := p.triggerAt(r.Rule); tr != nil {
							t.Fatalf("the lead sees the care rule %s", r.Rule)
						}
					}
				}
			}
		}
	})
}
