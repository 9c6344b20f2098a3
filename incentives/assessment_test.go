package incentives

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var quarterEnd = time.Date(2025, 3, 31, 16, 0, 0, 0, time.UTC)

func sitting(id string, passed bool, attempt int) Assessment {
	return Assessment{ID: id, Agent: "li.na", At: quarterEnd, Passed: passed, Attempt: attempt}
}

// consequenceGot is a consequence as tests compare it: its first
// reason flattened, and the rule of the hold, if any.
type consequenceGot struct {
	Assessment, Action, Owner string
	Failure                   int
	Held                      bool
	Rule                      string
	Outcome                   callfloor.Outcome
	Text                      string
	Hold                      string
}

func consequencesGot(cs []AssessmentConsequence) []consequenceGot {
	out := []consequenceGot{}
	for _, c := range cs {
		g := consequenceGot{c.Assessment, c.Action, c.Owner, c.Failure, c.Held, c.Reasons[0].Rule, c.Reasons[0].Outcome, c.Reasons[0].Text, ""}
		if len(c.Reasons) > 1 {
			g.Hold = c.Reasons[1].Rule + ": " + c.Reasons[1].Text
		}
		out = append(out, g)
	}
	return out
}

// The seat-management rule: who passes the regular assessment is
// rewarded, who fails it is warned or moved to another post
// (合格者给予奖励,不合格者进行警告或调整岗位); an agent whose service falls
// short is trained and coached first. The default policy retrains,
// then warns, then changes the post.
func TestAssessmentConsequencesOfTheDefaultPolicy(t *testing.T) {
	const hold = "guardrails.care: wellbeing hold: care comes before discipline and contest placings"
	retrain := func(id string) consequenceGot {
		return consequenceGot{id, "retraining", "supervisor", 1, false, "assessment.failures.retraining", callfloor.Fired,
			"failed the periodic assessment " + id + " on 2025-03-31, the first failure in a row: retraining by supervisor (retraining and coaching on what the assessment found short)", ""}
	}
	tests := []struct {
		name string
		in   Assessment
		want []consequenceGot
	}{
		{"a pass has no consequence", sitting("q1", true, 1), []consequenceGot{}},
		{"a pass after failures has none either", sitting("q1", true, 3), []consequenceGot{}},
		{"the first failure: retraining", sitting("q1", false, 1), []consequenceGot{retrain("q1")}},
		{"the second failure in a row: a warning", sitting("q1", false, 2), []consequenceGot{{"q1", "warning", "supervisor", 2, false, "assessment.failures.warning", callfloor.Fired,
			"failed the periodic assessment q1 on 2025-03-31, 2 failures in a row: warning by supervisor (a warning that a next failure changes the post)", ""}}},
		{"the third failure in a row: a change of post", sitting("q1", false, 3), []consequenceGot{{"q1", "change_of_post", "supervisor", 3, false, "assessment.failures.change_of_post", callfloor.Fired,
			"failed the periodic assessment q1 on 2025-03-31, 3 failures in a row: change_of_post by supervisor (a move to another post)", ""}}},
		{"a fourth failure: the last consequence again", sitting("q1", false, 4), []consequenceGot{{"q1", "change_of_post", "supervisor", 4, false, "assessment.failures.change_of_post", callfloor.Fired,
			"failed the periodic assessment q1 on 2025-03-31, 4 failures in a row: change_of_post by supervisor (a move to another post), the last consequence the policy names, again", ""}}},
		{"the most attempts", sitting("q1", false, 1000), []consequenceGot{{"q1", "change_of_post", "supervisor", 1000, false, "assessment.failures.change_of_post", callfloor.Fired,
			"failed the periodic assessment q1 on 2025-03-31, 1000 failures in a row: change_of_post by supervisor (a move to another post), the last consequence the policy names, again", ""}}},
		{"in crisis: the consequence is held", Assessment{ID: "q1", Agent: "li.na", At: quarterEnd, Attempt: 2, Crisis: true},
			[]consequenceGot{{"q1", "warning", "supervisor", 2, true, "assessment.failures.warning", callfloor.Held,
				"failed the periodic assessment q1 on 2025-03-31, 2 failures in a row: warning by supervisor (a warning that a next failure changes the post)", hold}}},
		{"at the severe tier: held, retraining too", Assessment{ID: "q1", Agent: "li.na", At: quarterEnd, Attempt: 1, SevereTier: true},
			[]consequenceGot{{"q1", "retraining", "supervisor", 1, true, "assessment.failures.retraining", callfloor.Held, retrain("q1").Text, hold}}},
		{"a pass in crisis: still nothing", Assessment{ID: "q1", Agent: "li.na", At: quarterEnd, Passed: true, Attempt: 1, Crisis: true}, []consequenceGot{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cs, err := DefaultPolicy().AssessmentConsequences([]Assessment{tc.in})
			require.NoError(t, err)
			assert.Equal(t, tc.want, consequencesGot(cs))
			for _, c := range cs {
				assert.Equal(t, []callfloor.Fact{{Name: "failure", Value: float64(tc.in.Attempt)}}, c.Reasons[0].Facts)
				assert.Equal(t, tc.in.At, c.At)
				assert.Equal(t, "li.na", c.Agent)
			}
		})
	}
}

// Several agents' sittings come back in their order, each with its own
// consequence; a held one never names the health fact.
func TestAssessmentConsequencesInOrder(t *testing.T) {
	in := []Assessment{
		{ID: "q1-wang", Agent: "wang.wei", At: quarterEnd, Attempt: 3},
		{ID: "q1-li", Agent: "li.na", At: quarterEnd, Attempt: 1, Crisis: true},
		{ID: "q1-chen", Agent: "chen.jie", At: quarterEnd, Attempt: 1, Passed: true},
		{ID: "q1-zhao", Agent: "zhao.min", At: quarterEnd, Attempt: 2},
	}
	cs, err := DefaultPolicy().AssessmentConsequences(in)
	require.NoError(t, err)
	var got []string
	for _, c := range cs {
		got = append(got, c.Agent+" "+c.Action)
	}
	assert.Equal(t, []string{"wang.wei change_of_post", "li.na retraining", "zhao.min warning"}, got)
	b, err := json.Marshal(cs)
	require.NoError(t, err)
	assert.NotContains(t, string(b), "crisis")
	assert.NotContains(t, string(b), "severe")
	assert.Contains(t, string(b), `"held":true`)
	assert.Equal(t, 1, strings.Count(string(b), `"held":`), "held is omitted when false")
}

func TestAssessmentConsequencesBadInput(t *testing.T) {
	ok := sitting("q1", false, 1)
	with := func(f func(*Assessment)) []Assessment {
		a := ok
		f(&a)
		return []Assessment{ok, a}
	}
	with2 := func(f func(*Assessment)) []Assessment {
		a := with(f)
		a[0].ID = "q0"
		return a
	}
	tests := []struct {
		name string
		in   []Assessment
		kind callfloor.ErrorKind
		want string
	}{
		{"no id", with(func(a *Assessment) { a.ID = "" }), callfloor.ErrRequired, "assessments[1].id: is required: the consequence names the sitting as evidence"},
		{"a repeated id", with(func(a *Assessment) { a.Agent = "wang.wei" }), callfloor.ErrDuplicate, `assessments[1].id: "q1" duplicates assessments[0]`},
		{"no agent", with2(func(a *Assessment) { a.Agent = "" }), callfloor.ErrRequired, "assessments[1].agent: is required"},
		{"no time", with2(func(a *Assessment) { a.At = time.Time{} }), callfloor.ErrRequired, "assessments[1].at: is required: the consequence is owed from then"},
		{"a year JSON cannot hold", with2(func(a *Assessment) { a.At = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }), callfloor.ErrOutOfRange,
			"assessments[1].at: year 10000 is outside 0..9999, the range a stored time can hold"},
		{"a zone offset of a day", with2(func(a *Assessment) { a.At = time.Date(2025, 3, 31, 0, 0, 0, 0, time.FixedZone("x", 86400)) }), callfloor.ErrInvalid,
			"assessments[1].at: zone offset 86400s is 24 hours or more, which a stored time cannot hold"},
		{"attempt left out", with2(func(a *Assessment) { a.Attempt = 0 }), callfloor.ErrOutOfRange, "assessments[1].attempt: 0 is outside 1..1000, the sitting's number in a run: 1 for the first"},
		{"a negative attempt", with2(func(a *Assessment) { a.Attempt = -1 }), callfloor.ErrOutOfRange, "assessments[1].attempt: -1 is outside 1..1000, the sitting's number in a run: 1 for the first"},
		{"one attempt too many", with2(func(a *Assessment) { a.Attempt = 1001 }), callfloor.ErrOutOfRange, "assessments[1].attempt: 1001 is outside 1..1000, the sitting's number in a run: 1 for the first"},
		{"a pass is checked too", with2(func(a *Assessment) { a.Passed, a.Attempt = true, 0 }), callfloor.ErrOutOfRange, "assessments[1].attempt: 0 is outside 1..1000, the sitting's number in a run: 1 for the first"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cs, err := DefaultPolicy().AssessmentConsequences(tc.in)
			require.Error(t, err)
			assert.Nil(t, cs)
			var ie *callfloor.InputError
			require.True(t, errors.As(err, &ie))
			assert.Equal(t, tc.kind, ie.Kind)
			assert.Equal(t, tc.want, err.Error())
		})
	}
}

func TestAssessmentConsequencesZeroPolicy(t *testing.T) {
	for _, p := range []*Policy{nil, {}} {
		cs, err := p.AssessmentConsequences([]Assessment{sitting("q1", false, 1)})
		assert.Nil(t, cs)
		assert.ErrorIs(t, err, ErrZeroPolicy)
	}
}

// A policy without assessment.failures gives no consequence, but still
// checks its input; one with a single consequence gives it at every
// failure.
func TestAssessmentPolicies(t *testing.T) {
	const head = "version: t\ncurrency: EUR\nmetrics: [{name: qa_avg}]\n"
	none, err := ParsePolicy([]byte(head))
	require.NoError(t, err)
	cs, err := none.AssessmentConsequences([]Assessment{sitting("q1", false, 2)})
	require.NoError(t, err)
	assert.Empty(t, cs)
	_, err = none.AssessmentConsequences([]Assessment{sitting("q1", false, 0)})
	assert.EqualError(t, err, "assessments[0].attempt: 0 is outside 1..1000, the sitting's number in a run: 1 for the first")

	one, err := ParsePolicy([]byte(head + "assessment:\n  failures:\n    - {action: warning, owner: team_lead}\n"))
	require.NoError(t, err)
	cs, err = one.AssessmentConsequences([]Assessment{sitting("q1", false, 1), sitting("q2", false, 2)})
	require.NoError(t, err)
	assert.Equal(t, []consequenceGot{
		{"q1", "warning", "team_lead", 1, false, "assessment.failures.warning", callfloor.Fired,
			"failed the periodic assessment q1 on 2025-03-31, the first failure in a row: warning by team_lead", ""},
		{"q2", "warning", "team_lead", 2, false, "assessment.failures.warning", callfloor.Fired,
			"failed the periodic assessment q2 on 2025-03-31, 2 failures in a row: warning by team_lead, the last consequence the policy names, again", ""},
	}, consequencesGot(cs))
}

func TestAssessmentPolicyProblems(t *testing.T) {
	const head = "version: t\ncurrency: EUR\nmetrics: [{name: qa_avg}]\nassessment:\n  failures:\n"
	tests := []struct {
		name, src, want string
	}{
		{"a repeated consequence", "    - {action: warning, owner: supervisor}\n    - {action: warning, owner: supervisor}\n",
			`assessment.failures[1].action: line 7, column 16: duplicate id "warning" (first at assessment.failures[0].action)`},
		{"a consequence id that is not an id", "    - {action: Change Post, owner: supervisor}\n", `assessment.failures[0].action: line 6, column 16: consequence id "Change Post" must be lower_snake_case (a-z, 0-9, _)`},
		{"an owner that is not an id", "    - {action: warning, owner: The Boss}\n", `assessment.failures[0].owner: line 6, column 32: owner "The Boss" must be lower_snake_case (a-z, 0-9, _)`},
		{"no owner", "    - {action: warning}\n", "assessment.failures[0].owner: line 6, column 7: required field is missing"},
		{"an unknown field", "    - {action: warning, owner: supervisor, fine: 100}\n", "assessment.failures[0].fine: line 6, column 44: unknown field; allowed: action, owner, reason"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParsePolicy([]byte(head + tc.src))
			var pe *callfloor.PolicyError
			require.True(t, errors.As(err, &pe), "%v", err)
			var got []string
			for _, pr := range pe.Problems {
				got = append(got, pr.Error())
			}
			require.Len(t, got, 1, "%q", got)
			assert.Equal(t, tc.want, got[0])
		})
	}
}

// FuzzAssessmentConsequences feeds sittings read from JSON, as a host
// stores them: no input panics, an error is an InputError, and every
// consequence is complete and held exactly when the sitting says crisis
// or the severe tier.
func FuzzAssessmentConsequences(f *testing.F) {
	seed := func(as []Assessment) {
		b, _ := json.Marshal(as)
		f.Add(b)
	}
	seed([]Assessment{sitting("q1", false, 1), {ID: "q2", Agent: "wang.wei", At: quarterEnd, Attempt: 5, Crisis: true}})
	seed([]Assessment{sitting("q1", true, 1), sitting("q1", false, 2)})
	seed([]Assessment{{ID: "q1", Agent: "a", At: quarterEnd, Attempt: 1001}})
	f.Add([]byte(`[{"id":"q","agent":"a","at":"9999-12-31T23:59:59+23:59","attempt":1,"severe_tier":true}]`))
	f.Add([]byte(`[{"id":"q","agent":"a","at":"2025-03-31T00:00:00Z","attempt":-9223372036854775808}]`))
	f.Add([]byte(`[{}]`))
	p := DefaultPolicy()
	f.Fuzz(func(t *testing.T, b []byte) {
		var as []Assessment
		if json.Unmarshal(b, &as) != nil {
			return
		}
		cs, err := p.AssessmentConsequences(as)
		if err != nil {
			var ie *callfloor.InputError
			if !errors.As(err, &ie) || ie.Field == "" {
				t.Fatalf("not an InputError naming its field: %v", err)
			}
			return
		}
		failed := 0
		for _, a := range as {
			if !a.Passed {
				failed++
			}
		}
		if len(cs) != failed {
			t.Fatalf("%d consequences of %d failures", len(cs), failed)
		}
		k := 0
		for _, a := range as {
			if a.Passed {
				continue
			}
			c := cs[k]
			k++
			if c.Assessment != a.ID || c.Agent != a.Agent || c.Failure != a.Attempt || c.Action == "" || c.Owner == "" || len(c.Reasons) == 0 {
				t.Fatalf("incomplete consequence %+v of %+v", c, a)
			}
			if c.Held != (a.Crisis || a.SevereTier) || (len(c.Reasons) == 2) != c.Held {
				t.Fatalf("hold %v of %+v", c.Held, a)
			}
		}
		if _, err := json.Marshal(cs); err != nil {
			t.Fatalf("a consequence JSON cannot hold: %v", err)
		}
	})
}
