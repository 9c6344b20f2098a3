package incentives

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// InputError is host data that Evaluate cannot use, naming the field, as in
//
//	agents[3].metrics.csat: 7 is outside 1..5
type InputError struct {
	// Field is the path of the offending field, such as
	// "agents[3].violations[1].at".
	Field string
	// Msg says what is wrong.
	Msg string
}

func (e *InputError) Error() string { return e.Field + ": " + e.Msg }

func inputErr(field, format string, args ...any) error {
	return &InputError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Period is the stretch of time a statement covers. Weekly periods run
// from Monday 00:00 to the next Monday; monthly periods from the first of
// a month to the first of the next, both in the location of Start. Use
// WeekOf and MonthOf to build them.
type Period struct {
	// ID labels the period on the statement, as in "2025-03".
	ID string `json:"id"`
	// Cadence is weekly or monthly.
	Cadence Cadence `json:"cadence"`
	// Start is included; End is not.
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// Budget, when set, is the bonus pool of this period in minor units; it
	// overrides the policy's pool.budget. Nil leaves the policy's.
	Budget *int64 `json:"budget,omitempty"`
}

// MonthOf returns the monthly period containing t, in t's location, with
// an ID such as "2025-03".
func MonthOf(t time.Time) Period {
	start := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, t.Location())
	return Period{ID: start.Format("2006-01"), Cadence: Monthly, Start: start, End: start.AddDate(0, 1, 0)}
}

// WeekOf returns the weekly period (Monday to Monday) containing t, in t's
// location, with an ISO week ID such as "2025-W10".
func WeekOf(t time.Time) Period {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	back := (int(day.Weekday()) + 6) % 7
	start := day.AddDate(0, 0, -back)
	y, w := start.ISOWeek()
	return Period{ID: fmt.Sprintf("%d-W%02d", y, w), Cadence: Weekly, Start: start, End: start.AddDate(0, 0, 7)}
}

func (p Period) validate() error {
	if p.Start.IsZero() {
		return inputErr("period.start", "required")
	}
	if !p.End.After(p.Start) {
		return inputErr("period.end", "%s is not after the start %s", p.End.Format(time.RFC3339), p.Start.Format(time.RFC3339))
	}
	midnight := p.Start.Hour() == 0 && p.Start.Minute() == 0 && p.Start.Second() == 0 && p.Start.Nanosecond() == 0
	switch p.Cadence {
	case Weekly:
		if !midnight || p.Start.Weekday() != time.Monday {
			return inputErr("period.start", "a weekly period starts on a Monday at 00:00, not %s", p.Start.Format("Monday 2006-01-02 15:04"))
		}
		if !p.End.Equal(p.Start.AddDate(0, 0, 7)) {
			return inputErr("period.end", "a weekly period ends 7 days after its start, on %s", p.Start.AddDate(0, 0, 7).Format("2006-01-02"))
		}
	case Monthly:
		if !midnight || p.Start.Day() != 1 {
			return inputErr("period.start", "a monthly period starts on the first of a month at 00:00, not %s", p.Start.Format("2006-01-02 15:04"))
		}
		if !p.End.Equal(p.Start.AddDate(0, 1, 0)) {
			return inputErr("period.end", "a monthly period ends on the first of the next month, %s", p.Start.AddDate(0, 1, 0).Format("2006-01-02"))
		}
	default:
		return inputErr("period.cadence", "%q is not a cadence; allowed: weekly, monthly", string(p.Cadence))
	}
	if p.Budget != nil && (*p.Budget < 0 || *p.Budget > maxAmount*1000) {
		return inputErr("period.budget", "%d is out of range 0..%d", *p.Budget, int64(maxAmount*1000))
	}
	return nil
}

func (p Period) contains(t time.Time) bool { return !t.Before(p.Start) && t.Before(p.End) }

// AgentRecord is what the host knows of one agent for a period: the
// figures the policy's metrics name, and the facts the guardrails need.
type AgentRecord struct {
	// ID identifies the agent; unique within one call to Evaluate.
	ID string `json:"id"`
	// Team identifies the agent's team; required.
	Team string `json:"team"`
	// Hired is the first day of employment, for tenure. Required when the
	// policy has a career ladder.
	Hired time.Time `json:"hired"`
	// Grade is the agent's current grade on the ladder; empty means the
	// ladder's entry grade.
	Grade string `json:"grade,omitempty"`
	// Metrics holds the period's figures by declared metric name. A metric
	// the policy does not declare is an error; a declared one left out is
	// "not measured": conditions that read it are false.
	Metrics map[string]float64 `json:"metrics"`
	// QAEvaluations is how many QA evaluations the QA average of the
	// period rests on.
	QAEvaluations int `json:"qa_evaluations"`
	// QADisputeOpen says that a QA evaluation of the agent has an open
	// dispute: QA figures are held out of pay and discipline until it is
	// decided.
	QADisputeOpen bool `json:"qa_dispute_open,omitempty"`
	// Crisis and SevereTier come from the agent's wellbeing triage. Either
	// one holds the agent's penalties and contest placings: care comes
	// before discipline.
	Crisis     bool `json:"crisis,omitempty"`
	SevereTier bool `json:"severe_tier,omitempty"`
	// ExamsPassed lists the ids of the exams the agent has passed.
	ExamsPassed []string `json:"exams_passed,omitempty"`
	// Discipline is the agent's earlier discipline history, each step dated
	// before the period starts.
	Discipline []PriorStep `json:"discipline,omitempty"`
	// Violations are the violations found in this period, each dated
	// inside it.
	Violations []Violation `json:"violations,omitempty"`
}

func (a *AgentRecord) careHold() bool { return a.Crisis || a.SevereTier }

// validate checks one record and fills its metric row (by slot; NaN for a
// metric the record leaves out).
func (p *Policy) validateAgent(i int, a *AgentRecord, per Period, pay bool, row []float64) error {
	field := func(name string) string { return "agents[" + strconv.Itoa(i) + "]." + name }
	if a.ID == "" {
		return inputErr(field("id"), "required")
	}
	if a.Team == "" {
		return inputErr(field("team"), "required")
	}
	found := 0
	for s, d := range p.metrics {
		v, ok := a.Metrics[d.name]
		if !ok {
			row[s] = math.NaN()
			continue
		}
		found++
		if err := d.check(v); err != "" {
			return inputErr(field("metrics."+d.name), "%s", err)
		}
		row[s] = v
	}
	if found != len(a.Metrics) {
		var unknown []string
		for k := range a.Metrics {
			if _, ok := p.slots[k]; !ok {
				unknown = append(unknown, k)
			}
		}
		sort.Strings(unknown)
		return inputErr(field("metrics."+unknown[0]), "metric is not declared by the policy; declared: %s", strings.Join(p.env.Names(), ", "))
	}
	if a.QAEvaluations < 0 {
		return inputErr(field("qa_evaluations"), "%d is a negative count", a.QAEvaluations)
	}
	if len(p.ladder.grades) > 0 && pay {
		if a.Hired.IsZero() {
			return inputErr(field("hired"), "required: the career ladder counts tenure from it")
		}
		if !a.Hired.Before(per.End) {
			return inputErr(field("hired"), "%s is not before the period end %s", a.Hired.Format("2006-01-02"), per.End.Format("2006-01-02"))
		}
	}
	if a.Grade != "" && len(p.ladder.grades) > 0 {
		if _, ok := p.ladder.index[a.Grade]; !ok {
			return inputErr(field("grade"), "%q is not a grade of the ladder; grades: %s", a.Grade, strings.Join(p.ladder.names(), ", "))
		}
	}
	for j, s := range a.Discipline {
		f := field("discipline[" + strconv.Itoa(j) + "]")
		if s.Step.level() == 0 {
			return inputErr(f+".step", "%q is not a discipline step; allowed: verbal_warning, written_warning, final_warning, dismissal", string(s.Step))
		}
		if s.At.IsZero() {
			return inputErr(f+".at", "required")
		}
		if !s.At.Before(per.Start) {
			return inputErr(f+".at", "%s is not before the period start %s; this period's steps come from its violations", s.At.Format("2006-01-02"), per.Start.Format("2006-01-02"))
		}
	}
	if len(a.Violations) > 0 && !pay {
		return inputErr(field("violations"), "this %s period runs only contests; discipline is evaluated in %s periods", per.Cadence, p.payPeriod)
	}
	for j, v := range a.Violations {
		f := field("violations[" + strconv.Itoa(j) + "]")
		if v.ID == "" {
			return inputErr(f+".id", "required")
		}
		for k := 0; k < j; k++ {
			if a.Violations[k].ID == v.ID {
				return inputErr(f+".id", "%q is also violations[%d].id", v.ID, k)
			}
		}
		if _, ok := p.discipline.index[v.Kind]; !ok {
			return inputErr(f+".kind", "%q is not a violation kind of the policy; kinds: %s", v.Kind, strings.Join(p.discipline.names(), ", "))
		}
		if !per.contains(v.At) {
			return inputErr(f+".at", "%s is outside the period %s [%s, %s)", v.At.Format(time.RFC3339), per.ID, per.Start.Format("2006-01-02"), per.End.Format("2006-01-02"))
		}
	}
	return nil
}

// check returns why v is not a valid value of the metric, or "".
func (d *metricDef) check(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "expected a finite number, got " + strconv.FormatFloat(v, 'g', -1, 64)
	}
	if d.count {
		if v < 0 {
			return strconv.FormatFloat(v, 'g', -1, 64) + " is a negative count"
		}
		if v != math.Trunc(v) {
			return strconv.FormatFloat(v, 'g', -1, 64) + " is not a whole count"
		}
	}
	if v < d.min || v > d.max {
		return fmt.Sprintf("%g is outside %s", v, d.rangeText())
	}
	return ""
}

func (d *metricDef) rangeText() string {
	switch {
	case !math.IsInf(d.min, 0) && !math.IsInf(d.max, 0):
		return fmt.Sprintf("%g..%g", d.min, d.max)
	case !math.IsInf(d.min, 0):
		return fmt.Sprintf("%g or more", d.min)
	default:
		return fmt.Sprintf("%g or less", d.max)
	}
}
