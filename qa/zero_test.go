package qa

import (
	"errors"
	"reflect"
	"testing"

	"github.com/callfloor/callfloor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// callAll calls every exported method of recv with zero arguments and
// checks that none panics, that a method with an error result returns
// want, and that every other result is its zero value. Going through the
// method set means a method added later is checked too.
func callAll(t *testing.T, name string, recv any, want error) {
	t.Helper()
	v := reflect.ValueOf(recv)
	require.Positive(t, v.NumMethod())
	errType := reflect.TypeFor[error]()
	for i := range v.NumMethod() {
		m := v.Type().Method(i)
		t.Run(name+"."+m.Name, func(t *testing.T) {
			ft := m.Type
			args := []reflect.Value{v}
			for j := 1; j < ft.NumIn(); j++ {
				args = append(args, reflect.Zero(ft.In(j)))
			}
			var out []reflect.Value
			call := m.Func.Call
			if ft.IsVariadic() {
				// The zero value of the variadic slice: no arguments.
				call = m.Func.CallSlice
			}
			require.NotPanics(t, func() { out = call(args) })
			last := ft.NumOut() - 1
			if last >= 0 && ft.Out(last) == errType {
				err, _ := out[last].Interface().(error)
				assert.ErrorIs(t, err, want)
				assert.Equal(t, want.Error(), err.Error())
				return
			}
			for k, o := range out {
				assert.True(t, o.IsZero(), "result %d of %s is %v, not its zero value", k, m.Name, o)
			}
		})
	}
}

func TestZeroPolicyAndScorecard(t *testing.T) {
	callAll(t, "nil Policy", (*Policy)(nil), ErrZeroPolicy)
	callAll(t, "zero Policy", &Policy{}, ErrZeroPolicy)
	callAll(t, "nil Scorecard", (*Scorecard)(nil), ErrZeroScorecard)
	callAll(t, "zero Scorecard", &Scorecard{}, ErrZeroScorecard)

	// A zero Policy is refused before its arguments are looked at: even
	// well-formed ones get ErrZeroPolicy, never an answer.
	var p *Policy
	_, err := p.Sufficient(ForPay, 20)
	assert.ErrorIs(t, err, ErrZeroPolicy)
	_, err = (&Policy{}).SamplingPlan(callfloor.Period{Start: t0, End: t0.AddDate(0, 1, 0)}, []SampleAgent{{Agent: "ana"}})
	assert.ErrorIs(t, err, ErrZeroPolicy)
	d, err := DefaultPolicy().OpenDispute(Evaluation{}, DisputeEvent{})
	require.Error(t, err)
	back, err := p.Apply(d, DisputeEvent{ID: "x", Type: EventWithdraw, At: t0, By: "ana"})
	assert.ErrorIs(t, err, ErrZeroPolicy)
	assert.Equal(t, d, back, "Apply returns the dispute unchanged when it refuses")
	assert.EqualError(t, ErrZeroPolicy, "qa: nil or zero Policy; make one with ParsePolicy or DefaultPolicy")
}

func TestExportedFunctionsOnZeroArguments(t *testing.T) {
	var ie *callfloor.InputError
	calls := map[string]func(){
		"ParsePolicy(nil)":          func() { _, err := ParsePolicy(nil); assert.Error(t, err) },
		"ParsePolicy(empty)":        func() { _, err := ParsePolicy([]byte{}); assert.Error(t, err) },
		"DefaultPolicy":             func() { assert.NotNil(t, DefaultPolicy()) },
		"DefaultPolicySource":       func() { assert.NotEmpty(t, DefaultPolicySource()) },
		"Alpha zero":                func() { _, err := Alpha("", nil); assert.Error(t, err) },
		"Alpha nil units":           func() { _, err := Alpha(Nominal, [][]float64{nil, {}}); assert.ErrorIs(t, err, ErrAlphaUndefined) },
		"Dispute{}.Held":            func() { assert.False(t, Dispute{}.Held()) },
		"Dispute{}.Hold":            func() { Dispute{}.Hold() },
		"Dispute{}.Current":         func() { assert.Zero(t, Dispute{}.Current()) },
		"nil callfloor.InputError":  func() { assert.Equal(t, "callfloor: nil InputError", ie.Error()) },
		"zero callfloor.InputError": func() { assert.Equal(t, "", (&callfloor.InputError{}).Error()) },
		"Score zero Evaluation": func() {
			sc, _ := DefaultPolicy().Scorecard("inbound_service")
			_, err := sc.Score(Evaluation{})
			asInputError(t, err)
		},
		"ScoreInto nil Result": func() {
			sc, _ := DefaultPolicy().Scorecard("inbound_service")
			assert.Error(t, sc.ScoreInto(nil, Evaluation{Source: QA}))
		},
		"Calibrate zero session": func() {
			sc, _ := DefaultPolicy().Scorecard("inbound_service")
			_, err := sc.Calibrate(CalibrationSession{})
			asInputError(t, err)
		},
		"OpenDispute zero":        func() { _, err := DefaultPolicy().OpenDispute(Evaluation{}, DisputeEvent{}); asInputError(t, err) },
		"Apply zero":              func() { _, err := DefaultPolicy().Apply(Dispute{}, DisputeEvent{}); asInputError(t, err) },
		"SamplingPlan zero":       func() { _, err := DefaultPolicy().SamplingPlan(callfloor.Period{}, nil); asInputError(t, err) },
		"Sufficient zero":         func() { _, err := DefaultPolicy().Sufficient("", 0); asInputError(t, err) },
		"Trends zero":             func() { _, err := DefaultPolicy().Trends(TrendInput{}); asInputError(t, err) },
		"Leans zero":              func() { _, err := DefaultPolicy().Leans(nil); assert.NoError(t, err) },
		"EvaluatorFigures zero":   func() { _, err := DefaultPolicy().EvaluatorFigures(EvaluatorInput{}); asInputError(t, err) },
		"Feedback zero":           func() { _, err := DefaultPolicy().Feedback(Result{}); assert.NoError(t, err) },
		"errors.Is on nil policy": func() { assert.False(t, errors.Is(nil, ErrZeroPolicy)) },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) { assert.NotPanics(t, call) })
	}
}
