package incentives

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/callfloor/callfloor/internal/policyfile"
	"github.com/callfloor/callfloor/internal/timerange"
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

// Error returns "field: message"; on a nil *InputError, "incentives: nil
// InputError".
func (e *InputError) Error() string {
	if e == nil {
		return "incentives: nil InputError"
	}
	return e.Field + ": " + e.Msg
}

func inputErr(field, format string, args ...any) error {
	return &InputError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

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
	// the policy does not declare is an error. A declared one left out is
	// not measured, and nothing that reads it fires: a reward rule or tier
	// whose condition names it (whatever the condition, "complaints != 0"
	// included), points on its line, a QA band, the improver ranking, a
	// contest's team mean.
	Metrics map[string]float64 `json:"metrics"`
	// QAEvaluations is how many QA evaluations the period's QA average
	// rests on. Below the policy's qa.min_evaluations, the period's QA
	// figures are held out of pay and discipline.
	QAEvaluations int `json:"qa_evaluations"`
	// QADisputeOpen says that a QA evaluation of the agent has an open
	// dispute: QA figures are held out of pay, discipline and the ladder
	// until it is decided.
	QADisputeOpen bool `json:"qa_dispute_open,omitempty"`
	// Crisis says the agent was in crisis at any time in the period, not
	// only at its end. A host finds it with mood's Triage: as of the
	// period's start (over the screenings given by then), and for every
	// crisis answer given in the period; either in crisis sets it. A crisis
	// answer given before or early in the period may have run out of its
	// window, or been closed, by the period's end, yet what the agent did
	// meanwhile happened in crisis. It holds the agent's penalties and
	// contest placings: care comes before discipline. A dismissal it holds
	// back withholds none of the period's awards.
	Crisis bool `json:"crisis,omitempty"`
	// SevereTier says the agent was at the severe tier at any time in the
	// period: at its start (a triage as of then at mood.Severe), or on a
	// screening taken in the period that the mood policy places there (a
	// later retake may have lowered the tier by the period's end). It
	// holds the same as Crisis.
	SevereTier bool `json:"severe_tier,omitempty"`
	// ExamsPassed lists the ids of the exams the agent has passed, each
	// one that a grade of the ladder requires: another id is an error, as
	// a misspelt exam would otherwise read as one not passed.
	ExamsPassed []string `json:"exams_passed,omitempty"`
	// Career holds the long-run figures the career ladder reads.
	Career CareerRecord `json:"career"`
	// Discipline is the agent's earlier discipline history, each step dated
	// before the period starts. A dismissal still in force at the period's
	// start withholds the period's awards, as a dismissal in the period
	// does.
	Discipline []PriorStep `json:"discipline,omitempty"`
	// Violations are the violations found in this period, each dated
	// inside it. When they lead to dismissal in a pay period, the
	// period's awards are withheld (see Dismissal).
	Violations []Violation `json:"violations,omitempty"`
}

// CareerRecord holds an agent's figures over the long run, usually the
// last 12 months up to the end of the period. A grade rests on a track
// record, not on one period: the ladder's QA and metric requirements read
// these figures, never the period's.
type CareerRecord struct {
	// QAAverage is the QA average over the long run, 0 to 100 (within the
	// range of the policy's qa.average metric when it declares one).
	QAAverage float64 `json:"qa_average"`
	// QAEvaluations is how many QA evaluations QAAverage rests on; a
	// grade's qa.evaluations requirement counts them. With none, there is
	// no QA average: QAAverage must be 0, and a QA requirement is not
	// measured.
	QAEvaluations int `json:"qa_evaluations"`
	// Metrics holds long-run figures by declared metric name, for the
	// ladder's metric requirements (such as csat: 4.3). A metric the
	// policy does not declare is an error; a requirement on one left out
	// is not measured, and so not met.
	Metrics map[string]float64 `json:"metrics,omitempty"`
}

func (a *AgentRecord) careHold() bool { return a.Crisis || a.SevereTier }

// recordFacts are what validating a record finds out on the way.
type recordFacts struct {
	nan   uint64 // the unmeasured slots, as maskOf makes them
	grade int32  // the agent's grade on the ladder, the entry grade for none
}

// validateAgent checks one record and fills its metric row (by slot; NaN
// for a metric the record leaves out) and, when crow is not nil, its
// career row (by ladder column).
func (p *Policy) validateAgent(i int, a *AgentRecord, per Period, pay bool, row, crow []float64) (recordFacts, error) {
	var f recordFacts
	// field names a field of this record; it is called only on an error.
	field := func(name string) string { return "agents[" + strconv.Itoa(i) + "]." + name }
	if a.ID == "" {
		return f, inputErr(field("id"), "required")
	}
	if a.Team == "" {
		return f, inputErr(field("team"), "required")
	}
	found := 0
	for s := range p.metrics {
		d := &p.metrics[s]
		v, ok := a.Metrics[d.name]
		if !ok {
			row[s] = math.NaN()
			f.nan |= 1 << (uint(s) % 64)
			continue
		}
		found++
		if err := d.check(v); err != "" {
			return f, inputErr(field("metrics."+d.name), "%s", err)
		}
		row[s] = v
	}
	if found != len(a.Metrics) {
		return f, p.undeclared(field("metrics."), a.Metrics)
	}
	if c := p.compliments; c != nil && c.max == 0 && c.each > 0 && row[c.slot] > float64(maxAmount/c.each) {
		// Without a cap the count alone decides the amount; one that
		// would pay more than any amount may be is not a real month.
		return f, inputErr(field("metrics."+p.metrics[c.slot].name), "%s customer compliments × %s come to more than %s, the most one line may pay; set rewards.compliments.max to cap them",
			strconv.FormatFloat(row[c.slot], 'f', -1, 64), p.FormatMoney(c.each), p.FormatMoney(maxAmount))
	}
	if a.QAEvaluations < 0 {
		return f, inputErr(field("qa_evaluations"), "%d is a negative count", a.QAEvaluations)
	}
	for j, e := range a.ExamsPassed {
		if _, ok := slices.BinarySearch(p.ladder.exams, e); !ok {
			if len(p.ladder.exams) == 0 {
				return f, inputErr(field("exams_passed["+strconv.Itoa(j)+"]"), "%q is not an exam of the ladder, which requires none", e)
			}
			return f, inputErr(field("exams_passed["+strconv.Itoa(j)+"]"), "%q is not an exam of the ladder; exams: %s", e, strings.Join(p.ladder.exams, ", "))
		}
	}
	if !a.Hired.IsZero() {
		if msg := timerange.Problem(a.Hired); msg != "" {
			return f, inputErr(field("hired"), "%s", msg)
		}
	}
	if err := p.validateCareer(i, &a.Career, crow); err != nil {
		return f, err
	}
	if len(p.ladder.grades) > 0 && pay {
		if a.Hired.IsZero() {
			return f, inputErr(field("hired"), "required: the career ladder counts tenure from it")
		}
		if !a.Hired.Before(per.End) {
			return f, inputErr(field("hired"), "%s is not before the period end %s", a.Hired.Format("2006-01-02"), per.End.Format("2006-01-02"))
		}
	}
	if len(p.ladder.grades) > 0 {
		f.grade = int32(p.ladder.entry)
		if a.Grade != "" {
			g, ok := p.ladder.index[a.Grade]
			if !ok {
				return f, inputErr(field("grade"), "%q is not a grade of the ladder; grades: %s", a.Grade, strings.Join(p.ladder.names(), ", "))
			}
			f.grade = int32(g)
		}
	}
	for j, s := range a.Discipline {
		at := func(name string) string { return field("discipline[" + strconv.Itoa(j) + "]." + name) }
		if s.Step.level() == 0 {
			return f, inputErr(at("step"), "%q is not a discipline step; allowed: verbal_warning, written_warning, final_warning, dismissal", string(s.Step))
		}
		if s.At.IsZero() {
			return f, inputErr(at("at"), "required")
		}
		if msg := timerange.Problem(s.At); msg != "" {
			return f, inputErr(at("at"), "%s", msg)
		}
		if !s.At.Before(per.Start) {
			return f, inputErr(at("at"), "%s is not before the period start %s; this period's steps come from its violations", s.At.Format("2006-01-02"), per.Start.Format("2006-01-02"))
		}
	}
	if len(a.Violations) > 0 && !pay {
		return f, inputErr(field("violations"), "this %s period runs only contests; discipline is evaluated in %s periods", per.Cadence, p.payPeriod)
	}
	// Ids are compared pairwise, or through a map when there are many.
	var ids map[string]int
	if len(a.Violations) > 16 {
		ids = make(map[string]int, len(a.Violations))
	}
	for j, v := range a.Violations {
		at := func(name string) string { return field("violations[" + strconv.Itoa(j) + "]." + name) }
		if v.ID == "" {
			return f, inputErr(at("id"), "required")
		}
		if ids != nil {
			if k, dup := ids[v.ID]; dup {
				return f, inputErr(at("id"), "%q is also violations[%d].id", v.ID, k)
			}
			ids[v.ID] = j
		} else {
			for k := 0; k < j; k++ {
				if a.Violations[k].ID == v.ID {
					return f, inputErr(at("id"), "%q is also violations[%d].id", v.ID, k)
				}
			}
		}
		if _, ok := p.discipline.index[v.Kind]; !ok {
			return f, inputErr(at("kind"), "%q is not a violation kind of the policy; kinds: %s", v.Kind, strings.Join(p.discipline.names(), ", "))
		}
		if v.At.IsZero() {
			return f, inputErr(at("at"), "required")
		}
		if !per.contains(v.At) {
			return f, inputErr(at("at"), "%s is outside the period %s [%s, %s)", v.At.Format(time.RFC3339), per.ID, per.Start.Format("2006-01-02"), per.End.Format("2006-01-02"))
		}
	}
	return f, nil
}

// undeclared returns the error for the first name of m, in sorted order,
// that the policy does not declare; the caller knows there is one.
func (p *Policy) undeclared(prefix string, m map[string]float64) error {
	var unknown []string
	for k := range m {
		if _, ok := p.slots[k]; !ok {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	return inputErr(prefix+unknown[0], "metric is not declared by the policy; declared: %s", strings.Join(p.env.Names(), ", "))
}

// validateCareer checks the career record of agents[i] and, when crow is
// not nil, fills the columns of the ladder's metric requirements (NaN when
// left out). Declared metrics the ladder does not read are checked all the
// same.
func (p *Policy) validateCareer(i int, c *CareerRecord, crow []float64) error {
	field := func(name string) string { return "agents[" + strconv.Itoa(i) + "].career." + name }
	if c.QAEvaluations < 0 {
		return inputErr(field("qa_evaluations"), "%d is a negative count", c.QAEvaluations)
	}
	if math.IsNaN(c.QAAverage) || math.IsInf(c.QAAverage, 0) {
		return inputErr(field("qa_average"), "expected a finite number, got %s", strconv.FormatFloat(c.QAAverage, 'g', -1, 64))
	}
	if c.QAEvaluations == 0 && c.QAAverage != 0 {
		return inputErr(field("qa_average"), "%g rests on no evaluations; set career.qa_evaluations", c.QAAverage)
	}
	if p.qaAverage >= 0 {
		if err := p.metrics[p.qaAverage].check(c.QAAverage); err != "" {
			return inputErr(field("qa_average"), "%s", err)
		}
	} else if c.QAAverage < 0 || c.QAAverage > 100 {
		return inputErr(field("qa_average"), "%g is outside 0..100", c.QAAverage)
	}
	// The ladder's columns are looked up; anything else the record holds,
	// or a bad value, takes the slow path, which names the first problem
	// in name order.
	found, bad := 0, false
	for k, s := range p.ladder.cols {
		d := &p.metrics[s]
		v, ok := c.Metrics[d.name]
		if !ok {
			v = math.NaN()
		} else {
			found++
			bad = bad || d.check(v) != ""
		}
		if crow != nil {
			crow[k] = v
		}
	}
	if found == len(c.Metrics) && !bad {
		return nil
	}
	for _, name := range policyfile.SortedKeys(c.Metrics) {
		s, ok := p.slots[name]
		if !ok {
			return p.undeclared(field("metrics."), c.Metrics)
		}
		if err := p.metrics[s].check(c.Metrics[name]); err != "" {
			return inputErr(field("metrics."+name), "%s", err)
		}
	}
	return nil
}

// check returns why v is not a valid value of the metric, or "".
func (d *metricDef) check(v float64) string {
	// The common case first: finite (v-v is NaN for NaN and the
	// infinities), in range, whole when a count.
	if v-v == 0 && v >= d.min && v <= d.max && (!d.count || v == math.Trunc(v)) {
		return ""
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "expected a finite number, got " + strconv.FormatFloat(v, 'g', -1, 64)
	}
	if d.count {
		if v < 0 {
			return strconv.FormatFloat(v, 'g', -1, 64) + " is a negative count"
		}
		if v > maxCount {
			return strconv.FormatFloat(v, 'g', -1, 64) + " is above the largest count, " + strconv.FormatInt(maxCount, 10)
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
