package coaching

import (
	"encoding"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every closed enumeration writes and reads its own names and refuses any
// other, in either direction, with the allowed names listed.
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
		{Veteran, "veteran", Stage("senior"), new(Stage),
			`unknown stage "senior"; allowed: new_hire, established, veteran`},
		{Hold, "hold", Recommendation("maybe"), new(Recommendation),
			`unknown recommendation "maybe"; allowed: hire, hold, reject`},
		{Quarterly, "quarter", AttritionPeriod("fortnight"), new(AttritionPeriod),
			`unknown period "fortnight"; allowed: month, quarter, year`},
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

// Kinds, dimensions and exit reasons are the policy's to declare: their
// text is any id, written and read as it is, and anything else is
// refused in either direction, the value left as it was.
func TestOpenEnumTextForms(t *testing.T) {
	for _, tc := range []struct {
		name      string
		good, bad encoding.TextMarshaler
		read      encoding.TextUnmarshaler
		want      string
	}{
		{"coffee_chat", Kind("coffee_chat"), Kind("Coffee chat"), new(Kind),
			`kind "Coffee chat" is not an id; a policy declares its kinds as lower_snake_case (a-z, 0-9, _)`},
		{"weather", ExitReason("weather"), ExitReason("9weather"), new(ExitReason),
			`exit reason "9weather" is not an id; a policy declares its exit reasons as lower_snake_case (a-z, 0-9, _)`},
		{"charisma", Dimension("charisma"), Dimension(""), new(Dimension),
			`dimension "" is not an id; a policy declares its dimensions as lower_snake_case (a-z, 0-9, _)`},
	} {
		b, err := tc.good.MarshalText()
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.name, string(b))
		require.NoError(t, tc.read.UnmarshalText(b), tc.name)
		assert.Equal(t, tc.good, deref(tc.read), tc.name)

		_, err = tc.bad.MarshalText()
		assert.EqualError(t, err, tc.want, tc.name)
		var ie *callfloor.InputError
		require.ErrorAs(t, err, &ie, tc.name)
		assert.Equal(t, callfloor.ErrInvalid, ie.Kind, tc.name)
		err = tc.read.UnmarshalText([]byte(reflect.ValueOf(tc.bad).String()))
		assert.EqualError(t, err, tc.want, tc.name)
		assert.Equal(t, tc.good, deref(tc.read), "%s: a refused name leaves the value as it was", tc.name)
	}
}

// A stored case whose kind is not an id is refused when it is read; one
// of a kind the policy does not declare reads, and the policy refuses it
// before any rule sees it.
func TestStoredCaseRefusesUnknownKind(t *testing.T) {
	p, c := openReview(t)
	src, err := json.Marshal(c)
	require.NoError(t, err)
	var back Case
	require.NoError(t, json.Unmarshal(src, &back))
	err = json.Unmarshal([]byte(`{"id": "x", "kind": "Coffee"}`), &back)
	var ie *callfloor.InputError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, `kind "Coffee" is not an id; a policy declares its kinds as lower_snake_case (a-z, 0-9, _)`, ie.Msg)

	other := c
	other.Kind = "coffee_chat"
	_, err = p.Apply(other, Event{ID: "n", Case: c.ID, By: "lead.wang", Type: EventCancel, At: c.Updated, Reason: "r"})
	assert.EqualError(t, err, `case.kind: unknown kind "coffee_chat"; allowed: performance_review, performance_problem, promotion, care, employee_issue, exit_interview, hiring_interview, cross_department`)
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
	assert.Equal(t, `{"id":"analyze_scores","title":"analyze the scores","phase":"preparation","role":"team_lead","records":["score_analysis"],"after":"open","within":"120h","setting":"none","feedback":false}`, string(b))
}
