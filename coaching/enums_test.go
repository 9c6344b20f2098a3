package coaching

import (
	"encoding"
	"encoding/json"
	"testing"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every enumeration writes and reads its own names and refuses any other,
// in either direction, with the allowed names listed.
func TestEnumTextForms(t *testing.T) {
	type textual interface {
		encoding.TextMarshaler
		String() string
	}
	for _, tc := range []struct {
		good textual
		name string
		bad  textual
		read encoding.TextUnmarshaler
		want string
	}{
		{PerformanceProblem, "performance_problem", Kind("coffee_chat"), new(Kind),
			`unknown kind "coffee_chat"; allowed: performance_review, performance_problem, promotion, care, employee_issue, exit_interview, hiring_interview`},
		{Veteran, "veteran", Stage("senior"), new(Stage),
			`unknown stage "senior"; allowed: new_hire, established, veteran`},
		{Hold, "hold", Recommendation("maybe"), new(Recommendation),
			`unknown recommendation "maybe"; allowed: hire, hold, reject`},
		{ExitWorkload, "workload", ExitReason("weather"), new(ExitReason),
			`unknown exit reason "weather"; allowed: pay, workload, manager, growth, schedule, health, personal, other`},
		{Quarterly, "quarter", AttritionPeriod("fortnight"), new(AttritionPeriod),
			`unknown period "fortnight"; allowed: month, quarter, year`},
		{Honesty, "honesty", Dimension("charisma"), new(Dimension),
			`unknown dimension "charisma"; allowed: stress_tolerance, adaptability, expression, execution, self_planning, listening_comprehension, professional_knowledge, honesty`},
		{CheckInGuidance, "guidance", CheckInKind("coffee"), new(CheckInKind),
			`unknown check-in kind "coffee"; allowed: care, guidance, attention`},
	} {
		b, err := tc.good.MarshalText()
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.name, string(b))
		assert.Equal(t, tc.name, tc.good.String())
		require.NoError(t, tc.read.UnmarshalText(b), tc.name)
		assert.Equal(t, tc.good, deref(tc.read), tc.name)

		_, err = tc.bad.MarshalText()
		assert.EqualError(t, err, tc.want, tc.name)
		var ie *callfloor.InputError
		require.ErrorAs(t, err, &ie, tc.name)
		assert.Equal(t, callfloor.ErrNotSupported, ie.Kind, tc.name)
		err = tc.read.UnmarshalText([]byte(tc.bad.String()))
		assert.EqualError(t, err, tc.want, tc.name)
		assert.Equal(t, tc.good, deref(tc.read), "%s: a refused name leaves the value as it was", tc.name)

	}
}

func deref(v encoding.TextUnmarshaler) any {
	switch x := v.(type) {
	case *Kind:
		return *x
	case *Stage:
		return *x
	case *Recommendation:
		return *x
	case *ExitReason:
		return *x
	case *AttritionPeriod:
		return *x
	case *Dimension:
		return *x
	case *CheckInKind:
		return *x
	}
	panic("not an enumeration of the package")
}

// A stored case whose kind is not one of the kinds is refused when it is
// read, before any rule sees it.
func TestStoredCaseRefusesUnknownKind(t *testing.T) {
	_, c := openReview(t)
	src, err := json.Marshal(c)
	require.NoError(t, err)
	var back Case
	require.NoError(t, json.Unmarshal(src, &back))
	bad := []byte(`{"id": "x", "kind": "coffee_chat"}`)
	err = json.Unmarshal(bad, &back)
	require.Error(t, err)
	var ie *callfloor.InputError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, `unknown kind "coffee_chat"; allowed: performance_review, performance_problem, promotion, care, employee_issue, exit_interview, hiring_interview`, ie.Msg)
}

// A step's setting reads and writes through callfloor.Setting: "none" is
// its zero value, for desk work.
func TestStepSettingText(t *testing.T) {
	w, ok := DefaultPolicy().Workflow(PerformanceReview)
	require.True(t, ok)
	assert.Equal(t, callfloor.NoSetting, w.Steps[0].Setting, "analyzing scores is desk work")
	assert.Equal(t, callfloor.OneToOne, w.Steps[2].Setting)
	b, err := json.Marshal(w.Steps[0])
	require.NoError(t, err)
	assert.Equal(t, `{"id":"analyze_scores","title":"analyze scores","phase":"preparation","role":"team_lead","records":["score_analysis"],"after":"open","within":"120h","setting":"none","feedback":false}`, string(b))
}
