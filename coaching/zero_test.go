package coaching

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every exported method of a nil and of a zero Policy is called, found by
// reflection so that a new method cannot be left out: none panics, a
// method with an error returns ErrZeroPolicy and zero values beside it,
// and a method without one returns its zero value.
func TestZeroPolicy(t *testing.T) {
	errType := reflect.TypeFor[error]()
	typ := reflect.TypeFor[*Policy]()
	require.Positive(t, typ.NumMethod())
	for name, p := range map[string]*Policy{"nil": nil, "zero": {}} {
		recv := reflect.ValueOf(p)
		for i := 0; i < typ.NumMethod(); i++ {
			m := typ.Method(i)
			args := []reflect.Value{recv}
			for j := 1; j < m.Type.NumIn(); j++ {
				args = append(args, reflect.Zero(m.Type.In(j)))
			}
			var out []reflect.Value
			require.NotPanics(t, func() { out = m.Func.Call(args) }, "%s Policy.%s", name, m.Name)
			for j, v := range out {
				if m.Type.Out(j) == errType {
					err, _ := v.Interface().(error)
					assert.True(t, errors.Is(err, ErrZeroPolicy), "%s Policy.%s returned %v", name, m.Name, err)
					continue
				}
				assert.True(t, v.IsZero(), "%s Policy.%s result %d is %v, not its zero value", name, m.Name, j, v)
			}
		}
	}
}

// With arguments a real policy would accept, a zero Policy still answers
// nothing rather than something.
func TestZeroPolicyWithRealArguments(t *testing.T) {
	c, err := DefaultPolicy().Open(Care, "agent-1", t0)
	require.NoError(t, err)
	var p Policy
	_, err = p.Open(Care, "agent-1", t0)
	assert.Same(t, ErrZeroPolicy, err)
	got, err := p.Apply(c, Event{ID: "e", Case: c.ID, By: "lead.wang", Type: EventCancel, At: t0, Reason: "r"})
	assert.Same(t, ErrZeroPolicy, err)
	assert.Equal(t, c, got, "the case comes back as it was")
	assert.Nil(t, p.Due(c, t0.Add(30*day)))
	buf := make([]Reminder, 0, 4)
	assert.Equal(t, buf, p.AppendDue(buf, c, t0.Add(30*day)))
	_, err = p.Propose("agent-1", Signals{"mood_tier": 3}, nil)
	assert.Same(t, ErrZeroPolicy, err)
	_, err = p.Plan(Employee{ID: "a", Hired: t0.Add(-day)}, t0)
	assert.Same(t, ErrZeroPolicy, err)
	meetings, err := p.Meetings(Team{ID: "north"}, callfloor.Period{Start: t0, End: t0.Add(7 * day)})
	assert.Same(t, ErrZeroPolicy, err)
	assert.Nil(t, meetings)
	assert.Equal(t, "", p.PeriodOf(t0))
	assert.EqualError(t, ErrZeroPolicy, "coaching: nil or zero Policy; make one with ParsePolicy or DefaultPolicy")
}

// Exported functions and methods of the package's other types take nil and
// zero arguments without a panic.
func TestZeroArguments(t *testing.T) {
	assert.Equal(t, "//00010101T000000.000000000Z", CaseID("", "", time.Time{}))
	assert.Equal(t, "", Case{}.Next())
	assert.Empty(t, Signals(nil).Merge(nil, Signals(nil)))
	_, err := ParsePolicy(nil)
	var pe *callfloor.PolicyError
	assert.True(t, errors.As(err, &pe))
	p := DefaultPolicy()
	assert.NotPanics(t, func() {
		_, _ = p.Open("", "", time.Time{})
		_, _ = p.Apply(Case{}, Event{})
		_ = p.Due(Case{}, time.Time{})
		_, _ = p.Propose("", nil, nil)
		_, _ = p.Retention("", nil)
		_, _ = p.Attrition(nil, nil)
		_, _ = p.ScoreInterview("", nil)
		_, _ = p.Plan(Employee{}, time.Time{})
		_, _ = p.Pairings(nil, time.Time{})
		_, _ = p.Meetings(Team{}, callfloor.Period{})
	})
}
