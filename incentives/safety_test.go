package incentives

import (
	"errors"
	"github.com/callfloor/callfloor"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// defaultAgent is a record the default policy pays in March 2025.
func defaultAgent(id string) AgentRecord {
	return AgentRecord{ID: id, Team: "t", Hired: hired(2020), QAEvaluations: 10,
		Metrics: map[string]float64{"qa_avg": 92, "csat": 4.6, "compliments": 3, "complaints": 0}}
}

// uncappedCompliments is the default policy with no cap on compliments.
func uncappedCompliments(t *testing.T) *Policy {
	t.Helper()
	src := strings.Replace(string(DefaultPolicySource()), "    each: 2000\n    max: 20000\n", "    each: 2000\n", 1)
	require.NotEqual(t, string(DefaultPolicySource()), src)
	p, err := ParsePolicy([]byte(src))
	require.NoError(t, err)
	return p
}

// Counts beyond what an int64 holds, and compliments that would pay more
// than any amount may be, are refused naming the field; before, 1e19
// compliments read "-9223372036854775808 customer compliments" and an
// uncapped bonus stopped silently at 10^12 minor units.
func TestCountsAndAmountsOutOfRange(t *testing.T) {
	def, uncapped := DefaultPolicy(), uncappedCompliments(t)
	tests := []struct {
		name string
		p    *Policy
		edit func(a *AgentRecord)
		want string
	}{
		{"a count beyond int64", def, func(a *AgentRecord) { a.Metrics["compliments"] = 1e19 },
			"agents[0].metrics.compliments: 1e+19 is outside 0..1000000000000, the range of a count"},
		{"a count just above the largest", def, func(a *AgentRecord) { a.Metrics["compliments"] = maxCount + 1 },
			"agents[0].metrics.compliments: 1.000000000001e+12 is outside 0..1000000000000, the range of a count"},
		{"another count metric", def, func(a *AgentRecord) { a.Metrics["complaints"] = 1e300 },
			"agents[0].metrics.complaints: 1e+300 is outside 0..1000000000000, the range of a count"},
		{"uncapped compliments that pay more than a line may", uncapped, func(a *AgentRecord) { a.Metrics["compliments"] = maxAmount/2000 + 1 },
			"agents[0].metrics.compliments: 500000001 customer compliments × CNY 20.00 come to more than CNY 10000000000.00, the most one line may pay; set rewards.compliments.max to cap them"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := defaultAgent("a")
			tt.edit(&a)
			_, err := tt.p.Evaluate(march, []AgentRecord{a})
			var ie *callfloor.InputError
			require.True(t, errors.As(err, &ie), "%v", err)
			assert.Equal(t, tt.want, err.Error())
		})
	}
	// At the largest count, with the cap, the line pays the cap; without
	// it, exactly the most a line may pay.
	a := defaultAgent("a")
	a.Metrics["compliments"] = maxCount
	st, err := def.Evaluate(march, []AgentRecord{a})
	require.NoError(t, err)
	assert.Equal(t, int64(20000), lineOf(t, st, "rewards.compliments").Base)
	a.Metrics["compliments"] = maxAmount / 2000
	st, err = uncapped.Evaluate(march, []AgentRecord{a})
	require.NoError(t, err)
	assert.Equal(t, int64(maxAmount), lineOf(t, st, "rewards.compliments").Base)
}

func lineOf(t *testing.T, st Statement, rule string) Line {
	t.Helper()
	for _, l := range st.Lines {
		if l.Rule() == rule {
			return l
		}
	}
	t.Fatalf("no line %s", rule)
	return Line{}
}

// Records that cannot be right are refused, naming the field.
func TestEvaluateRefusesContradictions(t *testing.T) {
	p := DefaultPolicy()
	tests := []struct {
		name string
		edit func(a *AgentRecord)
		want string
	}{
		{"an exam the ladder does not name", func(a *AgentRecord) { a.ExamsPassed = []string{"senior_exam", "senior_exma"} },
			"agents[0].exams_passed[1]: unknown exam \"senior_exma\"; allowed: intermediate_exam, senior_exam, team_lead_exam"},
		{"a hiring date JSON cannot hold", func(a *AgentRecord) { a.Hired = time.Date(-20, 1, 1, 0, 0, 0, 0, time.UTC) },
			"agents[0].hired: year -20 is outside 0..9999, the range a stored time can hold"},
		{"a prior step JSON cannot hold", func(a *AgentRecord) {
			a.Discipline = []PriorStep{{Step: VerbalWarning, At: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)}}
		}, "agents[0].discipline[0].at: year -1 is outside 0..9999, the range a stored time can hold"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := defaultAgent("a")
			tt.edit(&a)
			_, err := p.Evaluate(march, []AgentRecord{a})
			var ie *callfloor.InputError
			require.True(t, errors.As(err, &ie), "%v", err)
			assert.Equal(t, tt.want, err.Error())
		})
	}
	// A policy whose ladder requires no exam refuses any.
	noExams := strings.NewReplacer("      exam: intermediate_exam\n", "", "      exam: senior_exam\n", "", "      exam: team_lead_exam\n", "").Replace(string(DefaultPolicySource()))
	q, err := ParsePolicy([]byte(noExams))
	require.NoError(t, err)
	a := defaultAgent("a")
	a.ExamsPassed = []string{"senior_exam"}
	_, err = q.Evaluate(march, []AgentRecord{a})
	assert.EqualError(t, err, "agents[0].exams_passed[0]: unknown exam \"senior_exam\"; none is allowed here")
}

// An agent whose history holds a dismissal still in force is not paid in
// full: every award is withheld as a dismissal in the period withholds
// it, with the date and the violations of that dismissal.
func TestDismissalInForceBeforeThePeriod(t *testing.T) {
	p := DefaultPolicy()
	a := defaultAgent("a")
	a.Discipline = []PriorStep{
		{Step: WrittenWarning, At: time.Date(2024, 11, 3, 0, 0, 0, 0, time.UTC)},
		{Step: Dismissal, At: time.Date(2025, 2, 20, 0, 0, 0, 0, time.UTC), Violations: []string{"leak-7"}},
	}
	st, err := p.Evaluate(march, []AgentRecord{a, defaultAgent("b")})
	require.NoError(t, err)
	l := lineOf(t, st, "rewards.compliments")
	assert.Equal(t, KindHold, l.Kind)
	assert.Equal(t, int64(0), l.Amount)
	assert.Equal(t, []string{"leak-7"}, l.Violations)
	assert.True(t, strings.HasPrefix(reasonOf(l), "withheld: dismissed on 2025-02-20, before this period, a step in force in the last 12 months; 3 customer compliments"), reasonOf(l))
	assert.Equal(t, int64(0), st.Agents[0].Net)
	for _, r := range st.Public {
		assert.NotEqual(t, "a", r.Agent, "a dismissed agent is not praised")
	}
	// A dismissal that has left the look-back window withholds nothing.
	a.Discipline[1].At = time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	st, err = p.Evaluate(march, []AgentRecord{a})
	require.NoError(t, err)
	assert.Equal(t, KindAward, lineOf(t, st, "rewards.compliments").Kind)
	// A policy that switches the rule off pays.
	src := strings.Replace(string(DefaultPolicySource()), "dismissal_withholds_awards: true", "dismissal_withholds_awards: false", 1)
	q, err := ParsePolicy([]byte(src))
	require.NoError(t, err)
	a.Discipline[1].At = time.Date(2025, 2, 20, 0, 0, 0, 0, time.UTC)
	st, err = q.Evaluate(march, []AgentRecord{a})
	require.NoError(t, err)
	assert.Equal(t, KindAward, lineOf(t, st, "rewards.compliments").Kind)
}

// No exported method panics on a nil or zero Policy: those with an error
// result return ErrZeroPolicy, the others their zero value. The method
// set is read by reflection, so that a new method is covered.
func TestZeroPolicy(t *testing.T) {
	for _, p := range []*Policy{nil, {}} {
		v := reflect.ValueOf(p)
		typ := v.Type()
		for i := 0; i < typ.NumMethod(); i++ {
			m := typ.Method(i)
			t.Run(m.Name, func(t *testing.T) {
				args := []reflect.Value{v}
				for k := 1; k < m.Type.NumIn(); k++ {
					args = append(args, reflect.Zero(m.Type.In(k)))
				}
				out := m.Func.Call(args)
				for _, o := range out {
					if o.Type() == reflect.TypeFor[error]() {
						assert.Equal(t, ErrZeroPolicy, o.Interface(), "an error result")
						continue
					}
					assert.True(t, o.IsZero(), "%s returns %v", m.Name, o.Interface())
				}
			})
		}
	}
	_, err := Compare(nil, nil, march, nil)
	assert.ErrorIs(t, err, ErrZeroPolicy)
	_, err = Compare(DefaultPolicy(), &Policy{}, march, nil)
	assert.ErrorIs(t, err, ErrZeroPolicy)
	_, err = Compare(nil, DefaultPolicy(), march, nil)
	assert.ErrorIs(t, err, ErrZeroPolicy)
}

// Every exported function and method takes nil and zero arguments
// without panicking.
func TestNilArguments(t *testing.T) {
	var st *Statement
	assert.Nil(t, st.AgentLines("a"))
	var ie *callfloor.InputError
	assert.Equal(t, "callfloor: nil InputError", ie.Error())
	_, err := ParsePolicy(nil)
	assert.Error(t, err)
	assert.NotPanics(t, func() { MonthOf(time.Time{}) })
	assert.NotPanics(t, func() { WeekOf(time.Time{}) })
	_, err = DefaultPolicy().Evaluate(Period{}, nil)
	assert.EqualError(t, err, "period.start: is required")
	_, err = Compare(DefaultPolicy(), DefaultPolicy(), Period{}, nil)
	assert.EqualError(t, err, "period.start: is required")
	_, err = DefaultPolicy().Evaluate(march, []AgentRecord{{}})
	assert.EqualError(t, err, "agents[0].id: is required")
	var l LineKind
	assert.Equal(t, "", string(l))
	assert.Equal(t, 0, Step("").level())
}

// A count of compliments far beyond the texts kept by count costs no
// more than a small one: the cache of their reasons has a fixed size.
func TestManyComplimentsKeepTheCacheBounded(t *testing.T) {
	p := DefaultPolicy()
	a := defaultAgent("a")
	a.Metrics["compliments"] = 1e9
	st, err := p.Evaluate(march, []AgentRecord{a})
	require.NoError(t, err)
	assert.Equal(t, int64(20000), lineOf(t, st, "rewards.compliments").Base)
}

// Figures of the policy that size an allocation or a loop are bounded
// when the policy is parsed: the hold reasons by evaluation count, the
// look-back window and the occurrences that make a step. The improver
// ranking keeps at most one entry per agent, whatever its top.
func TestValuesThatSizeWorkAreBounded(t *testing.T) {
	tests := []struct {
		name, from, to, want string
	}{
		{"a hold reason for each of a million evaluation counts", "  min_evaluations: 4\n", "  min_evaluations: 1000001\n",
			"qa.min_evaluations: line 37, column 20: 1000001 is out of range 0..1000"},
		{"a look-back of a thousand months", "look_back_months: 12", "look_back_months: 1000",
			"discipline.look_back_months: line 137, column 21: 1000 is out of range 1..120"},
		{"a step every thousand occurrences", "      occurrences: 3\n", "      occurrences: 1000\n",
			"discipline.kinds[0].occurrences: line 151, column 20: 1000 is out of range 1..100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(string(DefaultPolicySource()), tt.from, tt.to, 1)
			require.NotEqual(t, string(DefaultPolicySource()), src)
			_, err := ParsePolicy([]byte(src))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	src := strings.Replace(string(DefaultPolicySource()), "    top: 3\n", "    top: 1000000000\n", 1)
	p, err := ParsePolicy([]byte(src))
	require.NoError(t, err)
	a := defaultAgent("a")
	a.Metrics["qa_improvement"] = 5
	a.QAEvaluations = 8
	st, err := p.Evaluate(march, []AgentRecord{a})
	require.NoError(t, err)
	assert.Equal(t, "rank 1 of the fastest improvers: qa_improvement +5 over 8 evaluations", reasonOf(lineOf(t, st, "rewards.improvers")))
}
