package incentives

import (
	"math"
	"slices"
	"sort"
	"strconv"

	"github.com/callfloor/callfloor"

	"time"

	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
	"github.com/callfloor/callfloor/internal/policyfile"
	"github.com/callfloor/callfloor/internal/timerange"
)

// inputMsg builds the *callfloor.InputError of kind at field worded by
// the message m in the locale l, English when nil.
func inputMsg(l *msg.Locale, kind callfloor.ErrorKind, field callfloor.Path, m msg.Message) *callfloor.InputError {
	return callfloor.FramedInputError(l, field, kind, nil, m)
}

// timeErr is the error of a time that JSON cannot hold, in English.
func timeErr(field callfloor.Path, t time.Time) *callfloor.InputError {
	return timeErrIn(nil, field, t)
}

// timeErrIn is the error of a time that JSON cannot hold, worded in the
// locale l (nil is English) as msgerr.TimeProblem words it: a year
// outside the range is out of range, a zone offset of a day or more
// invalid.
func timeErrIn(l *msg.Locale, field callfloor.Path, t time.Time) *callfloor.InputError {
	m := msgerr.TimeProblem(t)
	if m == nil {
		return nil
	}
	kind := callfloor.ErrInvalid
	if _, year := m.(msg.InputYearRange); year {
		kind = callfloor.ErrOutOfRange
	}
	return inputMsg(l, kind, field, m)
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
	field := func(name string) callfloor.Path { return callfloor.Path("agents").Index(i).Child(name) }
	if a.ID == "" {
		return f, msgerr.Required(p.loc, field("id"), nil)
	}
	if a.Team == "" {
		return f, msgerr.Required(p.loc, field("team"), nil)
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
		if !d.valid(v) {
			return f, d.refuse(p.loc, field("metrics").Key(d.name), v)
		}
		row[s] = v
	}
	if found != len(a.Metrics) {
		return f, p.undeclared(field("metrics"), a.Metrics)
	}
	if c := p.compliments; c != nil && c.max == 0 && c.each > 0 && row[c.slot] > float64(maxAmount/c.each) {
		// Without a cap the count alone decides the amount; one that
		// would pay more than any amount may be is not a real month.
		return f, inputMsg(p.loc, callfloor.ErrOutOfRange, field("metrics").Key(p.metrics[c.slot].name), msg.IncentivesInputComplimentsOverflow{
			Count: strconv.FormatFloat(row[c.slot], 'f', -1, 64), Each: string(p.appendMoney(nil, c.each)), Most: string(p.appendMoney(nil, maxAmount))})
	}
	if a.QAEvaluations < 0 {
		return f, inputMsg(p.loc, callfloor.ErrOutOfRange, field("qa_evaluations"), msg.IncentivesInputNegativeCount{Value: a.QAEvaluations})
	}
	for j, e := range a.ExamsPassed {
		if _, ok := slices.BinarySearch(p.ladder.exams, e); !ok {
			return f, msgerr.NotSupported(p.loc, field("exams_passed").Index(j), msg.IncentivesWhatExam{}, e, p.ladder.exams)
		}
	}
	if !a.Hired.IsZero() {
		if !timerange.Storable(a.Hired) {
			return f, timeErrIn(p.loc, field("hired"), a.Hired)
		}
	}
	if err := p.validateCareer(i, &a.Career, crow); err != nil {
		return f, err
	}
	if len(p.ladder.grades) > 0 && pay {
		if a.Hired.IsZero() {
			return f, msgerr.Required(p.loc, field("hired"), msg.IncentivesInputHiredNeeded{})
		}
		if !a.Hired.Before(per.End) {
			return f, inputMsg(p.loc, callfloor.ErrInvalid, field("hired"), msg.IncentivesInputHiredLate{Hired: a.Hired, End: per.End})
		}
	}
	if len(p.ladder.grades) > 0 {
		f.grade = int32(p.ladder.entry)
		if a.Grade != "" {
			g, ok := p.ladder.index[a.Grade]
			if !ok {
				return f, msgerr.NotSupported(p.loc, field("grade"), msg.IncentivesWhatGrade{}, a.Grade, p.ladder.names())
			}
			f.grade = int32(g)
		}
	}
	for j, s := range a.Discipline {
		at := func(name string) callfloor.Path { return field("discipline").Index(j).Child(name) }
		if s.Step.level() == 0 {
			return f, msgerr.NotSupported(p.loc, at("step"), msg.IncentivesWhatStep{}, string(s.Step), stepNames())
		}
		if s.At.IsZero() {
			return f, msgerr.Required(p.loc, at("at"), nil)
		}
		if !timerange.Storable(s.At) {
			return f, timeErrIn(p.loc, at("at"), s.At)
		}
		if !s.At.Before(per.Start) {
			return f, inputMsg(p.loc, callfloor.ErrInvalid, at("at"), msg.IncentivesInputStepLate{At: s.At, Start: per.Start})
		}
	}
	if len(a.Violations) > 0 && !pay {
		return f, msgerr.Forbidden(p.loc, field("violations"), msg.IncentivesInputContestsOnly{Cadence: cadenceMessage(per.Cadence), PayPeriod: cadenceMessage(p.payPeriod)})
	}
	// Ids are compared pairwise, or through a map when there are many.
	var ids map[string]int
	if len(a.Violations) > 16 {
		ids = make(map[string]int, len(a.Violations))
	}
	for j, v := range a.Violations {
		at := func(name string) callfloor.Path { return field("violations").Index(j).Child(name) }
		if v.ID == "" {
			return f, msgerr.Required(p.loc, at("id"), nil)
		}
		if ids != nil {
			if k, dup := ids[v.ID]; dup {
				return f, msgerr.Duplicate(p.loc, at("id"), v.ID, field("violations").Index(k))
			}
			ids[v.ID] = j
		} else {
			for k := 0; k < j; k++ {
				if a.Violations[k].ID == v.ID {
					return f, msgerr.Duplicate(p.loc, at("id"), v.ID, field("violations").Index(k))
				}
			}
		}
		if _, ok := p.discipline.index[v.Kind]; !ok {
			return f, msgerr.NotSupported(p.loc, at("kind"), msg.IncentivesWhatViolationKind{}, v.Kind, p.discipline.names())
		}
		if v.At.IsZero() {
			return f, msgerr.Required(p.loc, at("at"), nil)
		}
		if !per.Contains(v.At) {
			return f, inputMsg(p.loc, callfloor.ErrOutOfRange, at("at"), msg.IncentivesInputOutsidePeriod{At: v.At, Period: per.ID, Start: per.Start, End: per.End})
		}
	}
	return f, nil
}

// undeclared returns the error for the first name of m, in sorted order,
// that the policy does not declare; the caller knows there is one.
func (p *Policy) undeclared(field callfloor.Path, m map[string]float64) error {
	var unknown []string
	for k := range m {
		if _, ok := p.slots[k]; !ok {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	return msgerr.NotSupported(p.loc, field.Key(unknown[0]), msg.IncentivesWhatMetric{}, unknown[0], p.env.Names())
}

// validateCareer checks the career record of agents[i] and, when crow is
// not nil, fills the columns of the ladder's metric requirements (NaN when
// left out). Declared metrics the ladder does not read are checked all the
// same.
func (p *Policy) validateCareer(i int, c *CareerRecord, crow []float64) error {
	field := func(name string) callfloor.Path { return callfloor.Path("agents").Index(i).Child("career").Child(name) }
	if c.QAEvaluations < 0 {
		return inputMsg(p.loc, callfloor.ErrOutOfRange, field("qa_evaluations"), msg.IncentivesInputNegativeCount{Value: c.QAEvaluations})
	}
	if math.IsNaN(c.QAAverage) || math.IsInf(c.QAAverage, 0) {
		return msgerr.Invalid(p.loc, field("qa_average"), c.QAAverage, msg.IncentivesInputNotFinite{})
	}
	if c.QAEvaluations == 0 && c.QAAverage != 0 {
		return msgerr.Invalid(p.loc, field("qa_average"), c.QAAverage, msg.IncentivesInputNoEvaluations{})
	}
	if p.qaAverage >= 0 {
		if d := &p.metrics[p.qaAverage]; !d.valid(c.QAAverage) {
			return d.refuse(p.loc, field("qa_average"), c.QAAverage)
		}
	} else if c.QAAverage < 0 || c.QAAverage > 100 {
		return msgerr.OutOfRange(p.loc, field("qa_average"), c.QAAverage, 0, 100, nil)
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
			bad = bad || !d.valid(v)
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
			return p.undeclared(field("metrics"), c.Metrics)
		}
		if d := &p.metrics[s]; !d.valid(c.Metrics[name]) {
			return d.refuse(p.loc, field("metrics").Key(name), c.Metrics[name])
		}
	}
	return nil
}

// valid reports whether v is a value of the metric: finite (v-v is NaN
// for NaN and the infinities), in range, whole when a count.
func (d *metricDef) valid(v float64) bool {
	return v-v == 0 && v >= d.min && v <= d.max && (!d.count || v == math.Trunc(v))
}

// refuse returns the error of a value that valid refuses, worded in the
// locale l (English when nil).
func (d *metricDef) refuse(l *msg.Locale, field callfloor.Path, v float64) *callfloor.InputError {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return msgerr.Invalid(l, field, v, msg.IncentivesInputNotFinite{})
	}
	if d.count {
		if v < 0 || v > maxCount {
			return msgerr.OutOfRange(l, field, v, 0, int64(maxCount), msg.IncentivesInputCountRange{})
		}
		if v != math.Trunc(v) {
			return msgerr.Invalid(l, field, v, msg.IncentivesInputNotWhole{})
		}
	}
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	switch {
	case !math.IsInf(d.min, 0) && !math.IsInf(d.max, 0):
		return msgerr.OutOfRange(l, field, v, d.min, d.max, nil)
	case !math.IsInf(d.min, 0):
		return inputMsg(l, callfloor.ErrOutOfRange, field, msg.IncentivesInputBelowMin{Value: g(v), Min: g(d.min)})
	default:
		return inputMsg(l, callfloor.ErrOutOfRange, field, msg.IncentivesInputAboveMax{Value: g(v), Max: g(d.max)})
	}
}
