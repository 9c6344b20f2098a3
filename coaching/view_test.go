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

// The lead sees that a care talk is owed and when its first step is due,
// never a tier, a watch or a crisis: no fact of a mood signal, no
// sentence of a rule that reads one, and no corrective talk held because
// of one. Every mood state is tried, alone and with other triggers.
func TestProposalsForLeadHideMood(t *testing.T) {
	p := DefaultPolicy()
	const careOwed = `a care talk is owed: the team_lead's first step, "find_need", is due 1d after the case opens; what prompted it is confidential`
	for _, tc := range []struct {
		name                   string
		tier, watch, crisis    float64
		proposed, held, hidden []Kind // hidden: held for the care roles, absent for the lead
	}{
		{"a crisis at the severe tier", 3, 1, 1, []Kind{Care, PerformanceReview}, nil, []Kind{PerformanceProblem}},
		{"a crisis at the normal tier", 0, 0, 1, []Kind{Care, PerformanceReview}, nil, []Kind{PerformanceProblem}},
		{"the severe tier", 3, 0, 0, []Kind{Care, PerformanceReview}, nil, []Kind{PerformanceProblem}},
		{"the moderate tier", 2, 0, 0, []Kind{Care, PerformanceProblem, PerformanceReview}, nil, nil},
		{"a watch", 0, 1, 0, []Kind{Care, PerformanceProblem, PerformanceReview}, nil, nil},
		{"nothing", 0, 0, 0, []Kind{Care, PerformanceProblem, PerformanceReview}, nil, nil},
	} {
		s := with(quiet(), "mood_tier", tc.tier, "mood_watch", tc.watch, "mood_crisis", tc.crisis,
			"qa_periods_below_bar", 2.0, "qa_evaluations", 8.0, "qa_stable_then_drop", 1.0, "days_since_review", 120.0)
		full, err := p.Propose("li.na", s, nil)
		require.NoError(t, err, tc.name)
		assert.Equal(t, full, p.ProposalsFor(full, mood.AudienceCare), tc.name)
		assert.Equal(t, full, p.ProposalsFor(full, mood.AudienceAgent), tc.name)
		assert.Equal(t, tc.hidden, kindsOf(full.Held), "%s: the care roles see the hold", tc.name)

		lead := p.ProposalsFor(full, mood.AudienceLead)
		assert.Equal(t, tc.proposed, kindsOf(lead.Proposed), tc.name)
		assert.Empty(t, lead.Held, tc.name)
		for _, pr := range lead.Proposed {
			for _, r := range pr.Reasons {
				for _, f := range r.Facts {
					assert.NotContains(t, []string{"mood_tier", "mood_watch", "mood_crisis"}, f.Name, "%s: %s", tc.name, r.Rule)
				}
				assert.NotContains(t, r.Text, "mood", "%s: %s", tc.name, r.Rule)
				assert.NotContains(t, r.Text, "tier", "%s: %s", tc.name, r.Rule)
				assert.NotContains(t, r.Text, "crisis", "%s: %s", tc.name, r.Rule)
			}
		}
		b, err := json.Marshal(lead)
		require.NoError(t, err)
		for _, word := range []string{"mood_tier", "mood_watch", "mood_crisis", "severe", "crisis"} {
			assert.NotContains(t, string(b), word, "%s: the lead's view names %s", tc.name, word)
		}
		var care []callfloor.Reason
		for _, pr := range lead.Proposed {
			if pr.Kind == Care {
				care = pr.Reasons
			}
		}
		require.NotEmpty(t, care, tc.name)
		assert.Equal(t, "triggers.care_sudden_drop", care[0].Rule, tc.name)
		assert.Equal(t, "a long stable, excellent performer suddenly dropped in QA or drew a complaint; find the need behind it (qa_stable_then_drop=1)",
			care[0].Text, "%s: a rule that reads no mood keeps its sentence", tc.name)
		if tc.tier > 0 || tc.watch > 0 || tc.crisis > 0 {
			require.Len(t, care, 2, tc.name)
			assert.Equal(t, callfloor.Reason{Rule: "triggers.care_mood", Outcome: callfloor.Fired, Text: careOwed, Message: "coaching.reason.owed_first_step"}, care[1], tc.name)
		}
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
		{Rule: "triggers.care_mood", Outcome: callfloor.Fired, Text: `a care talk is owed: the team_lead's first step, "find_need", is due 1d after the case opens; what prompted it is confidential`, Message: "coaching.reason.owed_first_step"},
		{Rule: "triggers.care_mood", Outcome: callfloor.Suppressed, Text: "case " + c.ID + " of the same kind is already open for li.na", Message: "coaching.reason.case_open"},
	}, lead.Suppressed[0].Reasons)
	assert.False(t, strings.Contains(mustJSONText(t, lead), "mood_tier\":"), "no mood fact")
}

func kindsOf(ps []Proposal) []Kind {
	var out []Kind
	for _, p := range ps {
		out = append(out, p.Kind)
	}
	return out
}

func mustJSONText(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
