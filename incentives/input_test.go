package incentives

import (
	"errors"
	"github.com/callfloor/callfloor"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func hired(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }

func okAgent(id string) AgentRecord {
	return AgentRecord{ID: id, Team: "t", Hired: hired(2020), QAEvaluations: 10,
		Metrics: map[string]float64{"qa_avg": 88, "csat": 4.2, "complaints": 1}}
}

func TestEvaluateBadInput(t *testing.T) {
	p := small(t)
	tests := []struct {
		name  string
		per   Period
		edit  func(a []AgentRecord) []AgentRecord
		field string
		want  string
	}{
		{"an undeclared metric", march, func(a []AgentRecord) []AgentRecord { a[1].Metrics["nps"] = 3; a[1].Metrics["aaa"] = 1; return a },
			"agents[1].metrics.aaa", "agents[1].metrics.aaa: unknown metric \"aaa\"; allowed: qa_avg, qa_improvement, csat, aht_seconds, compliments, complaints"},
		{"NaN", march, func(a []AgentRecord) []AgentRecord { a[0].Metrics["csat"] = math.NaN(); return a },
			"agents[0].metrics.csat", "agents[0].metrics.csat: NaN is not a finite number"},
		{"Inf", march, func(a []AgentRecord) []AgentRecord { a[0].Metrics["qa_avg"] = math.Inf(1); return a },
			"agents[0].metrics.qa_avg", "agents[0].metrics.qa_avg: +Inf is not a finite number"},
		{"a negative count", march, func(a []AgentRecord) []AgentRecord { a[0].Metrics["complaints"] = -1; return a },
			"agents[0].metrics.complaints", "agents[0].metrics.complaints: -1 is outside 0..1000000000000, the range of a count"},
		{"a fractional count", march, func(a []AgentRecord) []AgentRecord { a[0].Metrics["compliments"] = 1.5; return a },
			"agents[0].metrics.compliments", "agents[0].metrics.compliments: 1.5 is not a whole count"},
		{"out of the declared range", march, func(a []AgentRecord) []AgentRecord { a[0].Metrics["csat"] = 7; return a },
			"agents[0].metrics.csat", "agents[0].metrics.csat: 7 is outside 1..5"},
		{"a negative evaluation count", march, func(a []AgentRecord) []AgentRecord { a[0].QAEvaluations = -2; return a },
			"agents[0].qa_evaluations", "agents[0].qa_evaluations: -2 is a negative count"},
		{"duplicate agent ids", march, func(a []AgentRecord) []AgentRecord { return append(a, okAgent("b")) },
			"agents[2].id", "agents[2].id: \"b\" duplicates agents[1]"},
		{"a duplicate id is reported before a later record's bad field", march, func(a []AgentRecord) []AgentRecord {
			a = append(a, okAgent("a"), okAgent("c"))
			a[3].Metrics["csat"] = math.Inf(-1)
			return a
		}, "agents[2].id", "agents[2].id: \"a\" duplicates agents[0]"},
		{"a bad field is reported before a later duplicate id", march, func(a []AgentRecord) []AgentRecord {
			a[1].Metrics["csat"] = math.NaN()
			return append(a, okAgent("a"))
		}, "agents[1].metrics.csat", "agents[1].metrics.csat: NaN is not a finite number"},
		{"a negative career evaluation count", march, func(a []AgentRecord) []AgentRecord { a[1].Career.QAEvaluations = -1; return a },
			"agents[1].career.qa_evaluations", "agents[1].career.qa_evaluations: -1 is a negative count"},
		{"a career QA average of NaN", march, func(a []AgentRecord) []AgentRecord { a[0].Career.QAAverage = math.NaN(); return a },
			"agents[0].career.qa_average", "agents[0].career.qa_average: NaN is not a finite number"},
		{"a career QA average off the metric's range", march, func(a []AgentRecord) []AgentRecord {
			a[0].Career = CareerRecord{QAAverage: 100.5, QAEvaluations: 30}
			return a
		}, "agents[0].career.qa_average", "agents[0].career.qa_average: 100.5 is outside 0..100"},
		{"a career QA average on no evaluations", march, func(a []AgentRecord) []AgentRecord { a[0].Career.QAAverage = 91; return a },
			"agents[0].career.qa_average", "agents[0].career.qa_average: 91 rests on no evaluations; set career.qa_evaluations"},
		{"an undeclared career metric, after a valid one", march, func(a []AgentRecord) []AgentRecord {
			a[0].Career.Metrics = map[string]float64{"csat": 4.5, "nps": 40}
			return a
		}, "agents[0].career.metrics.nps", "agents[0].career.metrics.nps: unknown metric \"nps\"; allowed: qa_avg, qa_improvement, csat, aht_seconds, compliments, complaints"},
		{"a career metric the ladder reads, out of range", march, func(a []AgentRecord) []AgentRecord {
			a[0].Career.Metrics = map[string]float64{"csat": 5.5}
			return a
		}, "agents[0].career.metrics.csat", "agents[0].career.metrics.csat: 5.5 is outside 1..5"},
		{"a career metric the ladder does not read, checked all the same", march, func(a []AgentRecord) []AgentRecord {
			a[0].Career.Metrics = map[string]float64{"csat": 4.5, "complaints": 2.5}
			return a
		}, "agents[0].career.metrics.complaints", "agents[0].career.metrics.complaints: 2.5 is not a whole count"},
		{"a violation without a date", march, func(a []AgentRecord) []AgentRecord {
			a[0].Violations = []Violation{{ID: "v1", Kind: "late"}}
			return a
		}, "agents[0].violations[0].at", "agents[0].violations[0].at: is required"},
		{"a violation dated one nanosecond before the period", march, func(a []AgentRecord) []AgentRecord {
			a[0].Violations = []Violation{{ID: "v1", Kind: "late", At: march.Start.Add(-1)}}
			return a
		}, "agents[0].violations[0].at", "agents[0].violations[0].at: 2025-02-28T23:59:59Z is outside the period 2025-03 [2025-03-01, 2025-04-01)"},
		{"an empty id", march, func(a []AgentRecord) []AgentRecord { a[1].ID = ""; return a }, "agents[1].id", "agents[1].id: is required"},
		{"no team", march, func(a []AgentRecord) []AgentRecord { a[0].Team = ""; return a }, "agents[0].team", "agents[0].team: is required"},
		{"no hire date with a ladder", march, func(a []AgentRecord) []AgentRecord { a[0].Hired = time.Time{}; return a },
			"agents[0].hired", "agents[0].hired: is required: the career ladder counts tenure from it"},
		{"an unknown grade", march, func(a []AgentRecord) []AgentRecord { a[0].Grade = "guru"; return a },
			"agents[0].grade", "agents[0].grade: unknown grade \"guru\"; allowed: junior, intermediate, senior, team_lead"},
		{"a violation dated before the period", march, func(a []AgentRecord) []AgentRecord {
			a[0].Violations = []Violation{{ID: "v1", Kind: "late", At: day(3)}, {ID: "v2", Kind: "late", At: time.Date(2025, 2, 28, 23, 0, 0, 0, time.UTC)}}
			return a
		}, "agents[0].violations[1].at", "agents[0].violations[1].at: 2025-02-28T23:00:00Z is outside the period 2025-03 [2025-03-01, 2025-04-01)"},
		{"a violation dated at the period end", march, func(a []AgentRecord) []AgentRecord {
			a[0].Violations = []Violation{{ID: "v1", Kind: "late", At: march.End}}
			return a
		}, "agents[0].violations[0].at", "agents[0].violations[0].at: 2025-04-01T00:00:00Z is outside the period 2025-03 [2025-03-01, 2025-04-01)"},
		{"an unknown violation kind", march, func(a []AgentRecord) []AgentRecord {
			a[0].Violations = []Violation{{ID: "v1", Kind: "napping", At: day(3)}}
			return a
		}, "agents[0].violations[0].kind", "agents[0].violations[0].kind: unknown violation kind \"napping\"; allowed: late, rude, leak"},
		{"a repeated violation id", march, func(a []AgentRecord) []AgentRecord {
			a[0].Violations = []Violation{{ID: "v1", Kind: "late", At: day(3)}, {ID: "v1", Kind: "late", At: day(4)}}
			return a
		}, "agents[0].violations[1].id", "agents[0].violations[1].id: \"v1\" duplicates agents[0].violations[0]"},
		{"a prior step in the period", march, func(a []AgentRecord) []AgentRecord {
			a[0].Discipline = []PriorStep{{Step: VerbalWarning, At: day(2)}}
			return a
		}, "agents[0].discipline[0].at", "agents[0].discipline[0].at: 2025-03-02 is not before the period start 2025-03-01; this period's steps come from its violations"},
		{"an unknown prior step", march, func(a []AgentRecord) []AgentRecord {
			a[0].Discipline = []PriorStep{{Step: "scolding", At: hired(2024)}}
			return a
		}, "agents[0].discipline[0].step", "agents[0].discipline[0].step: unknown discipline step \"scolding\"; allowed: verbal_warning, written_warning, final_warning, dismissal"},
		{"violations in a contest-only week", WeekOf(day(3)), func(a []AgentRecord) []AgentRecord {
			a[0].Violations = []Violation{{ID: "v1", Kind: "late", At: day(3)}}
			return a
		}, "agents[0].violations", "agents[0].violations: this weekly period runs only contests; discipline is evaluated in monthly periods"},
		{"a period that does not start on the first", Period{Period: callfloor.Period{ID: "x", Start: day(2), End: day(2).AddDate(0, 1, 0)}, Cadence: Monthly}, nil,
			"period.start", "period.start: a monthly period starts at the first instant of the first of a month (00:00 where the day has one), not 2025-03-02 10:00; build it with MonthOf in the agents' time zone"},
		{"a week that does not end 7 days on", Period{Period: callfloor.Period{ID: "x", Start: WeekOf(day(3)).Start, End: WeekOf(day(3)).Start.AddDate(0, 0, 6)}, Cadence: Weekly}, nil,
			"period.end", "period.end: a weekly period ends 7 days after its start, on 2025-03-10"},
		{"an unknown cadence", Period{Period: callfloor.Period{ID: "x", Start: march.Start, End: march.End}, Cadence: "daily"}, nil,
			"period.cadence", "period.cadence: unknown cadence \"daily\"; allowed: weekly, monthly"},
		{"an end before the start", Period{Period: callfloor.Period{ID: "x", Start: march.End, End: march.Start}, Cadence: Monthly}, nil,
			"period.end", "period.end: 2025-03-01T00:00:00Z is not after the start 2025-04-01T00:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			agents := []AgentRecord{okAgent("a"), okAgent("b")}
			if tt.edit != nil {
				agents = tt.edit(agents)
			}
			_, err := p.Evaluate(tt.per, agents)
			require.Error(t, err)
			var ie *callfloor.InputError
			require.True(t, errors.As(err, &ie))
			assert.Equal(t, tt.field, string(ie.Field))
			assert.Equal(t, tt.want, err.Error())
			assert.Equal(t, kindOf(tt.want), ie.Kind, "the kind of %q", tt.want)
		})
	}
}

// kindOf is the kind of mistake a message of Evaluate states, as its
// words tell: each constructor of callfloor words its kind one way.
func kindOf(msg string) callfloor.ErrorKind {
	switch {
	case strings.Contains(msg, ": is required"):
		return callfloor.ErrRequired
	case strings.Contains(msg, ": unknown "):
		return callfloor.ErrNotSupported
	case strings.Contains(msg, " duplicates "):
		return callfloor.ErrDuplicate
	case strings.Contains(msg, " is outside "), strings.Contains(msg, "negative count"), strings.Contains(msg, "the most one line may pay"),
		strings.Contains(msg, "the metric's m"):
		return callfloor.ErrOutOfRange
	case strings.Contains(msg, "runs only contests"):
		return callfloor.ErrForbidden
	}
	return callfloor.ErrInvalid
}

func TestEvaluateEmptyAndOne(t *testing.T) {
	p := small(t)
	st, err := p.Evaluate(march, nil)
	require.NoError(t, err)
	assert.Empty(t, st.Lines)
	assert.Equal(t, Totals{}, st.Center)
	assert.NotNil(t, st.Public)
	assert.Equal(t, p.Identity(), st.Policy)

	st, err = p.Evaluate(march, []AgentRecord{okAgent("solo")})
	require.NoError(t, err)
	require.Len(t, st.Agents, 1)
	assert.Equal(t, "solo", st.Agents[0].Agent)
}

func TestPeriodHelpers(t *testing.T) {
	w := WeekOf(time.Date(2025, 3, 9, 23, 0, 0, 0, time.UTC)) // a Sunday
	assert.Equal(t, "2025-W10", w.ID)
	assert.Equal(t, time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC), w.Start)
	assert.NoError(t, w.validate())
	m := MonthOf(time.Date(2024, 12, 31, 12, 0, 0, 0, time.UTC))
	assert.Equal(t, "2024-12", m.ID)
	assert.Equal(t, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), m.End)
	assert.NoError(t, m.validate())
}

func TestViolationsAtThePeriodEdgesAreInside(t *testing.T) {
	p := small(t)
	a := okAgent("a")
	a.Violations = []Violation{{ID: "first", Kind: "late", At: march.Start}, {ID: "last", Kind: "late", At: march.End.Add(-1)}}
	st := one(t, p, a)
	assert.Equal(t, []stepGot{
		{"discipline.kinds.late.fine", KindPenalty, -500, 0, "", []string{"first"}},
		{"discipline.kinds.late.fine", KindPenalty, -500, 0, "", []string{"last"}},
		{"discipline.kinds.late", KindPenalty, 0, 0, VerbalWarning, []string{"first", "last"}},
	}, steps(disciplineLines(st)))
}

func TestRepeatedViolationIDAmongMany(t *testing.T) {
	p := small(t)
	a := okAgent("a")
	for k := 0; k < 40; k++ {
		a.Violations = append(a.Violations, Violation{ID: "v" + strconv.Itoa(k), Kind: "late", At: day(1 + k%28)})
	}
	a.Violations[33].ID = "v7"
	_, err := p.Evaluate(march, []AgentRecord{a})
	assert.EqualError(t, err, "agents[0].violations[33].id: \"v7\" duplicates agents[0].violations[7]")
}
