package mood

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// zeroSamples gives, per parameter type of a Policy method, an argument
// that the default policy accepts: a zero policy must refuse a good
// input, not merely a bad one. The assessment holds a crisis answer.
func zeroSamples(t *testing.T) map[reflect.Type]reflect.Value {
	crisis := phqAt(t, item9Two, time.Hour)
	tr, err := DefaultPolicy().Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{crisis}})
	require.NoError(t, err)
	out := map[reflect.Type]reflect.Value{}
	for _, v := range []any{
		Assessment{Agent: "a1", At: t0, Screenings: []Screening{crisis}},
		crisis,
		tr,
		AudienceCare,
		"crisis_owner",
		callfloor.OneToOne,
		Moderate,
		PHQ9,
		CauseCustomer,
		DeclarationCrisis,
		t0,
		Team{Team: "t1", At: t0, Members: []Triage{tr}},
		History{Agent: "a1", CheckIns: []CheckIn{{At: t0, Mood: 3}}},
		[]MoodGroup{{ID: "g", Moods: []int{1, 2, 3, 4, 5}}},
	} {
		out[reflect.TypeOf(v)] = reflect.ValueOf(v)
	}
	return out
}

// TestZeroPolicy calls every exported method of *Policy, found by
// reflection so that a new one cannot be forgotten, on a nil and on a
// zero Policy: none panics, every error is ErrZeroPolicy, every other
// result is its zero value. The same arguments on the default policy
// succeed, so the refusal is the policy's, not the input's.
func TestZeroPolicy(t *testing.T) {
	samples := zeroSamples(t)
	errType := reflect.TypeOf((*error)(nil)).Elem()
	typ := reflect.TypeOf((*Policy)(nil))
	require.Greater(t, typ.NumMethod(), 10)
	for i := range typ.NumMethod() {
		m := typ.Method(i)
		args := []reflect.Value{}
		for j := 1; j < m.Type.NumIn(); j++ {
			v, ok := samples[m.Type.In(j)]
			require.True(t, ok, "add a sample %v for Policy.%s to zeroSamples", m.Type.In(j), m.Name)
			args = append(args, v)
		}
		returnsErr := m.Type.NumOut() > 0 && m.Type.Out(m.Type.NumOut()-1) == errType
		good := m.Func.Call(append([]reflect.Value{reflect.ValueOf(DefaultPolicy())}, args...))
		if returnsErr {
			require.True(t, good[len(good)-1].IsNil(), "the default policy refuses the sample for %s: %v", m.Name, good[len(good)-1])
		}
		for _, p := range []*Policy{nil, {}} {
			name := "nil"
			if p != nil {
				name = "zero"
			}
			var out []reflect.Value
			require.NotPanics(t, func() { out = m.Func.Call(append([]reflect.Value{reflect.ValueOf(p)}, args...)) }, "%s Policy.%s", name, m.Name)
			for k, v := range out {
				if returnsErr && k == len(out)-1 {
					err, _ := v.Interface().(error)
					assert.True(t, errors.Is(err, ErrZeroPolicy), "%s Policy.%s returns %v, not ErrZeroPolicy", name, m.Name, err)
					assert.Equal(t, ErrZeroPolicy, err, "%s Policy.%s wraps nothing", name, m.Name)
					continue
				}
				assert.True(t, v.IsZero(), "%s Policy.%s result %d is %#v, not its zero value", name, m.Name, k, v.Interface())
			}
		}
	}
}

// The reported case: a zero Policy given a crisis answer refuses, rather
// than return a calm normal tier.
func TestZeroPolicyNeverDropsACrisis(t *testing.T) {
	a := Assessment{Agent: "a1", At: t0, Screenings: []Screening{phqAt(t, item9Two, time.Hour)}}
	got, err := (&Policy{}).Triage(a)
	assert.Same(t, ErrZeroPolicy, err)
	assert.Equal(t, "mood: nil or zero Policy; make one with ParsePolicy or DefaultPolicy", err.Error())
	assert.Equal(t, Triage{}, got)
	var p *Policy
	_, err = p.Triage(a)
	assert.Same(t, ErrZeroPolicy, err)
	// A copy of a compiled policy is a policy.
	cp := *DefaultPolicy()
	got, err = cp.Triage(a)
	require.NoError(t, err)
	assert.True(t, got.Crisis)
}

// Every time a result holds must be one encoding/json can write: the
// packages refuse, on the field, an input time that is not, or from which
// a deadline would not be.
func TestTimesAResultCannotStore(t *testing.T) {
	p := DefaultPolicy()
	last := time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	reach := 7 * day // the longest triage delay of the default policy
	require.Equal(t, reach, p.triageReach)
	yearMinus1 := time.Date(-1, 6, 1, 0, 0, 0, 0, time.UTC)
	tooFarEast := time.Date(2025, 3, 14, 9, 0, 0, 0, time.FixedZone("far", 24*3600))

	// The reported case: 9999-12-31 is refused; the latest time whose
	// deadlines still fit is accepted, and its result marshals.
	_, err := p.Triage(Assessment{Agent: "a1", At: last})
	assert.EqualError(t, err, "assessment.at: 9999-12-31T00:00:00Z leaves no room for the deadlines counted from it, up to 7 days later: year 10000 is outside 0..9999, the range a stored time can hold")
	edge := time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC).Add(-reach)
	sc, err := Score(PHQ9, item9Two)
	require.NoError(t, err)
	sc.At = edge
	tr, err := p.Triage(Assessment{Agent: "a1", At: edge, Screenings: []Screening{sc}, Observations: []Observation{{Kind: SignalComplaint, At: edge}, {Kind: SignalComplaint, At: edge}}})
	require.NoError(t, err)
	require.True(t, tr.Crisis)
	_, err = json.Marshal(tr)
	require.NoError(t, err, "the latest accepted time gives a result that can be stored")
	_, err = p.Triage(Assessment{Agent: "a1", At: edge.Add(time.Nanosecond)})
	assert.Error(t, err, "one nanosecond later is refused")

	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"triage in year 10000", func() error {
			_, err := p.Triage(Assessment{Agent: "a1", At: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)})
			return err
		}, "assessment.at: year 10000 is outside 0..9999, the range a stored time can hold"},
		{"triage with a zone a day off", func() error {
			_, err := p.Triage(Assessment{Agent: "a1", At: tooFarEast})
			return err
		}, "assessment.at: zone offset 86400s is 24 hours or more, which a stored time cannot hold"},
		{"a screening in year -1, which Stale would copy", func() error {
			s := phqAt(t, allZeros, 0)
			s.At = yearMinus1
			_, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{phqAt(t, allZeros, day), s}})
			return err
		}, "assessment.screenings[1].at: year -1 is outside 0..9999, the range a stored time can hold"},
		{"climate", func() error {
			_, err := p.Climate(Team{Team: "t1", At: last})
			return err
		}, "team.at: 9999-12-31T00:00:00Z leaves no room for the deadlines counted from it, up to 14 days later: year 10000 is outside 0..9999, the range a stored time can hold"},
		{"climate in year -1", func() error {
			_, err := p.Climate(Team{Team: "t1", At: yearMinus1})
			return err
		}, "team.at: year -1 is outside 0..9999, the range a stored time can hold"},
		{"guide", func() error {
			_, err := p.Guide("a1", CauseCustomer, last)
			return err
		}, "at: 9999-12-31T00:00:00Z leaves no room for the deadlines counted from it, up to 1 day later: year 10000 is outside 0..9999, the range a stored time can hold"},
		{"cycles copies the first and last check-in", func() error {
			_, err := p.Cycles(History{Agent: "a1", CheckIns: []CheckIn{{At: yearMinus1, Mood: 3}, {At: t0, Mood: 3}}})
			return err
		}, "history.check_ins[0].at: year -1 is outside 0..9999, the range a stored time can hold"},
		{"cycles in year 10000", func() error {
			_, err := p.Cycles(History{Agent: "a1", CheckIns: []CheckIn{{At: t0, Mood: 3}, {At: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), Mood: 3}}})
			return err
		}, "history.check_ins[1].at: year 10000 is outside 0..9999, the range a stored time can hold"},
	}
	for _, tt := range tests {
		err := tt.call()
		require.Error(t, err, tt.name)
		assert.Equal(t, tt.want, err.Error(), tt.name)
		var ie *callfloor.InputError
		assert.True(t, errors.As(err, &ie), tt.name)
	}

	// Guide counts only the cause's own actions: a cause whose actions
	// are due within a day fits a day before the end.
	g, err := p.Guide("a1", CauseCustomer, time.Date(9999, 12, 30, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	_, err = json.Marshal(g)
	require.NoError(t, err)
	c, err := p.Climate(Team{Team: "t1", At: time.Date(9999, 12, 17, 0, 0, 0, 0, time.UTC), MissedTargets: 3})
	require.NoError(t, err)
	require.True(t, c.Alarm)
	_, err = json.Marshal(c)
	require.NoError(t, err)
}

// bytesPerRun is the memory f allocates, on average over 20 runs.
func bytesPerRun(f func() error) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range 20 {
		_ = f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / 20
}

// Work is bounded by the size of the input, never by its values: the
// same input with extreme values (a policy's longest windows, times
// centuries apart, a count at the largest int) costs about the memory
// of an ordinary one. No loop or
// allocation of the package is sized by a value: each is sized by a
// list of the input or of the policy.
func TestWorkBoundedByInputSizeNotValues(t *testing.T) {
	p := DefaultPolicy()
	src := string(DefaultPolicySource())
	src = replaceOnce(t, src, "  window: 14d\n", "  window: 100000d\n")
	src = replaceOnce(t, src, "  phq9:\n    valid_for: 30d\n", "  phq9:\n    valid_for: 100000d\n")
	src = replaceOnce(t, src, "  change_window: 180d\n", "  change_window: 100000d\n")
	wide, err := ParsePolicy([]byte(src))
	require.NoError(t, err)

	hours := func(i int) time.Time { return t0.Add(-time.Duration(i) * time.Hour) }
	end := time.Date(9000, 1, 1, 0, 0, 0, 0, time.UTC)
	years := func(i int) time.Time { return end.AddDate(-25*i, 0, 0) }
	assessment := func(at func(int) time.Time) Assessment {
		a := Assessment{Agent: "a1", At: at(0)}
		for i := range 3 {
			s := phqAt(t, item9Two, 0)
			s.At = at(10 - i)
			a.Screenings = append(a.Screenings, s)
			a.Observations = append(a.Observations, Observation{Kind: SignalComplaint, At: at(10 - i)})
			a.CheckIns = append(a.CheckIns, CheckIn{At: at(10 - i), Mood: 1})
		}
		a.CrisisClosures = []CrisisClosure{{By: "dr.wu", At: at(9), Why: "reviewed"}}
		return a
	}
	history := func(at func(int) time.Time) History {
		h := History{Agent: "a1"}
		for i := range 40 {
			h.CheckIns = append(h.CheckIns, CheckIn{At: at(40 - i), Mood: 3})
		}
		h.Events = []Event{{Kind: "personal_loss", At: at(39)}, {Kind: "harsh_complaint", At: at(2)}}
		return h
	}
	team := func(missed int, at func(int) time.Time) Team {
		return Team{Team: "t1", At: at(0), Members: members(10, 3), MissedTargets: missed,
			Changes: []OrgChange{{Kind: "reorg", At: at(300)}, {Kind: "reorg", At: at(1)}, {Kind: "reorg", At: at(0)}}}
	}
	cases := []struct {
		name            string
		ordinary, large func() error
	}{
		{"triage", func() error { _, err := p.Triage(assessment(hours)); return err }, func() error { _, err := wide.Triage(assessment(years)); return err }},
		{"cycles", func() error { _, err := p.Cycles(history(hours)); return err }, func() error { _, err := wide.Cycles(history(years)); return err }},
		{"climate", func() error { _, err := p.Climate(team(3, hours)); return err }, func() error { _, err := wide.Climate(team(math.MaxInt, years)); return err }},
	}
	for _, c := range cases {
		require.NoError(t, c.ordinary(), c.name)
		require.NoError(t, c.large(), c.name)
		ordinary, large := bytesPerRun(c.ordinary), bytesPerRun(c.large)
		t.Logf("%s: %d bytes a call with ordinary values, %d with extreme ones", c.name, ordinary, large)
		// Longer numbers make longer reason texts, nothing more.
		assert.Less(t, large, ordinary*3/2, "%s: the memory follows the values", c.name)
	}
	tr, err := wide.Triage(assessment(years))
	require.NoError(t, err)
	assert.True(t, tr.Crisis && tr.Watch, "the large triage decides what the ordinary one does")
}

func TestNilInputErrorDoesNotPanic(t *testing.T) {
	var e *callfloor.InputError
	assert.Equal(t, "callfloor: nil InputError", e.Error())
	var pe *callfloor.PolicyError
	assert.Equal(t, "callfloor: nil PolicyError", pe.Error())
	assert.Nil(t, pe.Unwrap())
}

// TestInputErrorKinds holds each kind of mistake to its callfloor kind,
// so that a host can handle refusals by kind without parsing messages.
func TestInputErrorKinds(t *testing.T) {
	p := DefaultPolicy()
	good, err := Score(PHQ9, allZeros)
	require.NoError(t, err)
	good.At = t0.Add(-day)
	tests := []struct {
		err  func() error
		kind callfloor.ErrorKind
		text string
	}{
		{func() error { _, err := Score("phq8", nil); return err }, callfloor.ErrNotSupported, `instrument: unknown instrument "phq8"; allowed: phq9, gad7, who5, k10, cbi`},
		{func() error { _, err := Score(PHQ9, []int{0}); return err }, callfloor.ErrRequired, "answers[1]: is required: PHQ-9 item 2 is unanswered; PHQ-9 takes 9 answers, got 1, and nothing is prorated"},
		{func() error { _, err := Score(WHO5, []int{0, 0, 0, 0, 0, 0}); return err }, callfloor.ErrInvalid, "answers[5]: is beyond the last item: WHO-5 has 5 items, got 6 answers"},
		{func() error { _, err := Score(WHO5, []int{0, 0, 0, 0, 6}); return err }, callfloor.ErrOutOfRange, "answers[4]: 6 is outside 0..5, the scale of WHO-5 item 5"},
		{func() error {
			_, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{good, good}})
			return err
		}, callfloor.ErrDuplicate,
			"assessment.screenings[1].at: 2025-03-13T10:00:00Z duplicates assessment.screenings[0]: two PHQ-9 screenings at the same time"},
		{func() error { _, err := p.Guide("a1", "weather", t0); return err }, callfloor.ErrNotSupported,
			`cause: unknown cause "weather"; allowed: not_valued, too_difficult, too_many_tasks, unfair_comparison, customer, leadership, personal_life`},
		{func() error { _, err := p.Climate(Team{At: t0, MissedTargets: -1}); return err }, callfloor.ErrInvalid, "team.missed_targets: -1 is negative"},
		{func() error { _, err := p.MoodMap([]MoodGroup{{ID: "a"}, {ID: "a"}}); return err }, callfloor.ErrDuplicate, `groups[1].id: "a" duplicates groups[0]`},
		{func() error { _, err := p.Cycles(History{Events: []Event{{Kind: "birthday", At: t0}}}); return err }, callfloor.ErrNotSupported,
			`history.events[0].kind: unknown event kind "birthday"; allowed: personal_loss, harsh_complaint`},
	}
	for _, tt := range tests {
		err := tt.err()
		var ie *callfloor.InputError
		require.ErrorAs(t, err, &ie, tt.text)
		assert.Equal(t, tt.kind, ie.Kind, tt.text)
		assert.EqualError(t, err, tt.text)
	}
}
