package incentives

import (
	"github.com/callfloor/callfloor"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/callfloor/callfloor/internal/enum"
	"github.com/callfloor/callfloor/internal/policyfile"
)

// Step is a step of progressive discipline.
type Step string

// The steps, from the lightest. A violation that leads to a step moves an
// agent up from the highest step still active in the look-back window (one
// step for a minor violation, two for a serious one), so a final warning
// still in force makes the next minor violation a dismissal; zero-tolerance
// violations go straight to Dismissal.
//
// A Dismissal taken in a pay period (not one held by the wellbeing
// guardrail) withholds the agent's awards of that period, unless the
// policy sets discipline.dismissal_withholds_awards to false: each award
// line becomes a hold line whose last reason, of the rule
// discipline.dismissal_withholds_awards, reads "withheld: dismissed this
// period (...)", and the agent leaves the public list.
const (
	VerbalWarning  Step = "verbal_warning"
	WrittenWarning Step = "written_warning"
	FinalWarning   Step = "final_warning"
	Dismissal      Step = "dismissal"
)

var stepByLevel = [...]Step{"", VerbalWarning, WrittenWarning, FinalWarning, Dismissal}

// String gives the step's name, as in "final_warning".
func (s Step) String() string { return string(s) }

// MarshalText gives the step's name; a value that is not one of the
// steps is an error. Fields that may hold no step omit it.
func (s Step) MarshalText() ([]byte, error) {
	return enum.Marshal("discipline step", s, stepByLevel[1:])
}

// UnmarshalText reads a step's name and refuses any other text.
func (s *Step) UnmarshalText(b []byte) error {
	v, err := enum.Unmarshal("discipline step", b, stepByLevel[1:])
	if err == nil {
		*s = v
	}
	return err
}

// stepNames lists the steps from the lightest, as errors name them.
func stepNames() []string {
	out := make([]string, 0, len(stepByLevel)-1)
	for _, s := range stepByLevel[1:] {
		out = append(out, string(s))
	}
	return out
}

// level is 1 for a verbal warning up to 4 for dismissal, 0 for no step.
func (s Step) level() int {
	switch s {
	case VerbalWarning:
		return 1
	case WrittenWarning:
		return 2
	case FinalWarning:
		return 3
	case Dismissal:
		return 4
	}
	return 0
}

// Severity is how far one violation of a kind moves an agent.
type Severity string

// Severities: Minor moves one step, Serious two, ZeroTolerance straight to
// dismissal (the domain's malicious leaking of customer information).
const (
	Minor         Severity = "minor"
	Serious       Severity = "serious"
	ZeroTolerance Severity = "zero_tolerance"
)

// severities are the severities, in the order errors list them.
var severities = []Severity{Minor, Serious, ZeroTolerance}

// PriorStep is a discipline step taken before the period, from the
// host's records.
type PriorStep struct {
	// Step is the step taken.
	Step Step `json:"step"`
	// At is when it was taken; it stays active for the policy's
	// look-back window (discipline.look_back_months) from then.
	At time.Time `json:"at"`
	// Violations optionally names the violations that led to it.
	Violations []string `json:"violations,omitempty"`
}

// Violation is one breach of the rules found in the period.
type Violation struct {
	// ID identifies the violation; unique within the agent's record.
	ID string `json:"id"`
	// Kind is a violation kind of the policy.
	Kind string `json:"kind"`
	// At is when it happened; it must fall inside the period.
	At time.Time `json:"at"`
	// Disputed says that the violation rests on a QA evaluation with an
	// open dispute: it is held out of discipline until that is decided.
	Disputed bool `json:"disputed,omitempty"`
}

type rawFines struct {
	Enabled        *bool `yaml:"enabled"`
	PerIncidentMax int64 `yaml:"per_incident_max"`
	PerPeriodMax   int64 `yaml:"per_period_max"`
}

type rawKind struct {
	ID          string `yaml:"id,required"`
	Severity    string `yaml:"severity,required"`
	Occurrences int    `yaml:"occurrences"`
	Fine        int64  `yaml:"fine"`
	Reason      string `yaml:"reason"`
}

type rawDiscipline struct {
	LookBackMonths           *int      `yaml:"look_back_months"`
	DismissalWithholdsAwards *bool     `yaml:"dismissal_withholds_awards"`
	Fines                    rawFines  `yaml:"fines"`
	Kinds                    []rawKind `yaml:"kinds"`
}

type violationKind struct {
	id          string
	label       string
	severity    Severity
	occurrences int
	fine        int64
	fineSrc     int32  // lines "discipline.kinds.<id>.fine"
	stepSrc     int32  // lines "discipline.kinds.<id>"
	occRule     string // notices, "discipline.kinds.<id>.occurrences"
}

type discipline struct {
	lookBack       int // months
	finesOn        bool
	withholdAwards bool  // a dismissal this period withholds the period's awards
	perIncident    int64 // 0: no cap
	perPeriod      int64 // 0: no cap
	kinds          []violationKind
	index          map[string]int
}

func (d *discipline) names() []string {
	out := make([]string, len(d.kinds))
	for i, k := range d.kinds {
		out[i] = k.id
	}
	return out
}

func (p *Policy) compileDiscipline(doc *policyfile.Doc, r *rawDiscipline) {
	base := policyfile.Path("discipline")
	d := &p.discipline
	d.lookBack = 12
	if r.LookBackMonths != nil {
		d.lookBack = *r.LookBackMonths
		if d.lookBack < 1 || d.lookBack > 120 {
			doc.Errorf(base.Child("look_back_months"), "%d is out of range 1..120", d.lookBack)
			d.lookBack = 12
		}
	}
	d.finesOn = r.Fines.Enabled == nil || *r.Fines.Enabled
	d.withholdAwards = r.DismissalWithholdsAwards == nil || *r.DismissalWithholdsAwards
	fp := base.Child("fines")
	checkAmount(doc, fp.Child("per_incident_max"), r.Fines.PerIncidentMax)
	checkAmount(doc, fp.Child("per_period_max"), r.Fines.PerPeriodMax)
	d.perIncident, d.perPeriod = max(r.Fines.PerIncidentMax, 0), max(r.Fines.PerPeriodMax, 0)
	d.index = map[string]int{}
	seen := map[string]policyfile.Path{}
	for i, k := range r.Kinds {
		path := base.Child("kinds").Index(i)
		ok := checkID(doc, path.Child("id"), "violation kind id", k.ID, seen)
		vk := violationKind{id: k.ID, label: k.Reason, severity: Severity(k.Severity), occurrences: k.Occurrences, fine: k.Fine}
		if vk.label == "" {
			vk.label = k.ID
		}
		if !slices.Contains(severities, vk.severity) && doc.Has(path.Child("severity")) {
			doc.Errorf(path.Child("severity"), "%q is not a severity; allowed: %s", k.Severity, enum.Allowed(severities))
		}
		if vk.occurrences == 0 {
			vk.occurrences = 1
		}
		if vk.occurrences < 1 || vk.occurrences > 100 {
			doc.Errorf(path.Child("occurrences"), "%d is out of range 1..100", k.Occurrences)
			vk.occurrences = 1
		}
		if vk.severity == ZeroTolerance && vk.occurrences != 1 {
			doc.Errorf(path.Child("occurrences"), "a zero-tolerance violation leads to dismissal the first time")
		}
		checkAmount(doc, path.Child("fine"), k.Fine)
		if ok {
			vk.fineSrc = p.source(lineSource{rule: "discipline.kinds." + k.ID + ".fine"})
			vk.stepSrc = p.source(lineSource{rule: "discipline.kinds." + k.ID})
			vk.occRule = "discipline.kinds." + k.ID + ".occurrences"
			d.index[k.ID] = len(d.kinds)
			d.kinds = append(d.kinds, vk)
		}
	}
}

// activeSince is the start of the look-back window of an instant: steps
// after it count.
func (d *discipline) activeSince(t time.Time) time.Time { return t.AddDate(0, -d.lookBack, 0) }

// activeSinceDay is activeSince for the first instant of a day, such as
// a period's end: the first instant of the same date lookBack months
// before. Where clocks skip midnight, a day starts at 01:00, and the same
// wall clock months earlier is an hour into that day.
func (d *discipline) activeSinceDay(t time.Time) time.Time {
	if !isDayStart(t) {
		return d.activeSince(t)
	}
	y, m, day := t.Date()
	return dayStart(y, m-time.Month(d.lookBack), day, t.Location())
}

// datedStep is a step in force, from the history or taken this period.
type datedStep struct {
	level int
	at    time.Time
}

// discipline writes the fines and steps of an agent's violations, in date
// order, and returns when an active final warning (or a dismissal) ends,
// or the zero time.
func (b *builder) discipline(pos int, a *AgentRecord) time.Time {
	d := &b.p.discipline
	// The history, in date order; this period's steps come after it, also
	// in date order, as the violations are taken by date.
	b.steps = b.steps[:0]
	for _, s := range a.Discipline {
		b.steps = append(b.steps, datedStep{level: s.Step.level(), at: s.At})
	}
	if len(b.steps) > 1 {
		slices.SortStableFunc(b.steps, func(x, y datedStep) int { return x.at.Compare(y.at) })
	}
	care := a.careHold()
	if len(a.Violations) > 0 {
		b.vidx = b.vidx[:0]
		for j := range a.Violations {
			b.vidx = append(b.vidx, j)
		}
		slices.SortFunc(b.vidx, func(x, y int) int {
			vx, vy := &a.Violations[x], &a.Violations[y]
			if c := vx.At.Compare(vy.At); c != 0 {
				return c
			}
			return strings.Compare(vx.ID, vy.ID)
		})
		if len(b.batches) < len(d.kinds) {
			b.batches = make([][]string, len(d.kinds))
		}
		batches := b.batches[:len(d.kinds)]
		for ki := range batches {
			batches[ki] = batches[ki][:0]
		}
		var fined int64
		for _, j := range b.vidx {
			v := &a.Violations[j]
			ki := d.index[v.Kind]
			k := &d.kinds[ki]
			fine := int64(0)
			if d.finesOn {
				fine = k.fine
			}
			if v.Disputed {
				fs := b.mark()
				b.fact("fine", float64(fine))
				b.begin()
				b.violationText(k.label, v.At)
				r := b.add(pos, kHold, k.stepSrc, fs)
				r.held, r.flags = -fine, fHeldFine
				b.violations(r, v.ID)
				b.begin()
				b.disputedViolationText(k.label, v.At)
				b.guard(r, callfloor.Reason{Rule: ruleDispute, Outcome: callfloor.Held, Text: b.text.endString()})
				b.private()
				continue
			}
			if fine > 0 {
				b.fineLine(pos, k, v, fine, &fined, care)
			}
			batches[ki] = append(batches[ki], v.ID)
			if len(batches[ki]) < k.occurrences {
				continue
			}
			b.stepLine(pos, k, v.At, batches[ki], care)
			batches[ki] = batches[ki][:0]
		}
		for ki, ids := range batches {
			if len(ids) == 0 {
				continue
			}
			k := &d.kinds[ki]
			vs := len(b.viols)
			b.viols = append(b.viols, ids...)
			fs := b.mark()
			b.fact("count", float64(len(ids)))
			b.fact("occurrences", float64(k.occurrences))
			b.begin()
			b.noticeText(len(ids), k)
			b.st.Private = append(b.st.Private, CorrectiveItem{Agent: b.ids[pos], Team: b.teams[b.teamOf[pos]], Kind: ItemNotice,
				Violations: b.viols[vs:len(b.viols):len(b.viols)],
				Reasons:    b.one(b.reason(k.occRule, callfloor.Fired, b.text.stringOf(b.text.endShared()), fs))})
			b.privOf = append(b.privOf, -1)
		}
	}
	var until time.Time
	if len(b.steps) == 0 {
		return until
	}
	if b.sinceEnd.IsZero() {
		b.sinceEnd = d.activeSinceDay(b.per.End)
	}
	since := b.sinceEnd
	for _, s := range b.steps {
		if s.level >= 3 && s.at.After(since) {
			if u := s.at.AddDate(0, d.lookBack, 0); u.After(until) {
				until = u
			}
		}
	}
	return until
}

func (b *builder) date(t time.Time) { b.text.date(t) }

// fineLine writes the fine of a violation: the kind's fine, then the cap
// per incident and the limit per period where they cut it, each a reason
// of its own with the amount it leaves, then the wellbeing hold.
func (b *builder) fineLine(pos int, k *violationKind, v *Violation, fine int64, fined *int64, care bool) {
	d := &b.p.discipline
	fs := b.mark()
	b.fact("fine", float64(fine))
	b.begin()
	b.fineText(k.label, v.At)
	kind := kPenalty
	if care {
		kind = kHold
	}
	r := b.add(pos, kind, k.fineSrc, fs)
	r.xs = int32(len(b.extra))
	amt := fine
	if d.perIncident > 0 && amt > d.perIncident {
		fs := b.mark()
		b.fact("per_incident_max", float64(d.perIncident))
		b.fact("before", float64(amt))
		amt = d.perIncident
		b.fact("after", float64(amt))
		b.begin()
		b.fineIncidentText(d.perIncident)
		b.extra = b.factor(b.extra, rulePerIncident, callfloor.Fired, fs)
	}
	if d.perPeriod > 0 && *fined+amt > d.perPeriod {
		fs := b.mark()
		b.fact("per_period_max", float64(d.perPeriod))
		b.fact("fined", float64(*fined))
		b.fact("before", float64(amt))
		amt = d.perPeriod - *fined
		b.fact("after", float64(amt))
		b.begin()
		b.finePeriodText(d.perPeriod)
		b.extra = b.factor(b.extra, rulePerPeriod, callfloor.Fired, fs)
	}
	r.xe = int32(len(b.extra))
	b.violations(r, v.ID)
	if care {
		r.held, r.flags = -amt, fHeldFine
		b.careGuard(r)
		b.private()
		return
	}
	*fined += amt
	r.amount = -amt
	b.private()
}

func (b *builder) stepLine(pos int, k *violationKind, at time.Time, ids []string, care bool) {
	d := &b.p.discipline
	// The steps active at the violation: after the start of its look-back
	// window, and not after it.
	since := d.activeSince(at)
	lo := sort.Search(len(b.steps), func(i int) bool { return b.steps[i].at.After(since) })
	hi := sort.Search(len(b.steps), func(i int) bool { return b.steps[i].at.After(at) })
	top := 0 // the highest step in force
	for _, s := range b.steps[lo:max(hi, lo)] {
		top = max(top, s.level)
	}
	level := 4
	switch k.severity {
	case Minor:
		level = min(top+1, 4)
	case Serious:
		level = min(top+2, 4)
	}
	fs := b.mark()
	if len(ids) > 1 {
		b.fact("count", float64(len(ids)))
	}
	if k.severity != ZeroTolerance {
		b.fact("look_back_months", float64(d.lookBack))
	}
	b.begin()
	b.stepText(k, len(ids), at, top, d.lookBack)
	kind := kPenalty
	if care {
		kind = kHold
	}
	r := b.add(pos, kind, k.stepSrc, fs)
	r.step = uint8(level)
	b.violations(r, ids...)
	if care {
		b.careGuard(r)
	}
	b.private()
	if !care {
		b.steps = append(b.steps, datedStep{level: level, at: at})
		if level == 4 && b.dismissal < 0 {
			b.dismissal, b.dismissKind, b.dismissAt = int32(len(b.recs)-1), k, at
		}
	}
}

// withhold turns the award lines of the agent's recs[start:end] into hold
// lines, once its discipline has reached dismissal this period: each
// holds what the award would have paid (after the QA multiplier and the
// caps; it takes no share of the pool), keeps its points, title and badge
// on the line, and names the violations that led to the dismissal. The
// agent's recognitions, from pub on, leave the public list; the holds
// join the corrective list at their lines' places among the agent's
// items, from priv on.
func (b *builder) withhold(start, end, pub, priv int) {
	b.st.Public = b.st.Public[:pub]
	// Every hold and penalty line in recs[start:end] put one item on the
	// corrective list, in line order; the items after them (discipline's
	// lines and notices) come after every award line.
	b.tail = append(b.tail[:0], b.st.Private[priv:]...)
	b.st.Private = b.st.Private[:priv]
	b.privTail = append(b.privTail[:0], b.privOf[priv:]...)
	b.privOf = b.privOf[:priv]
	var vs, ve int32
	var k *violationKind
	var at time.Time
	var n int32
	if b.dismissal >= 0 {
		d := &b.recs[b.dismissal]
		k, at, n, vs, ve = b.dismissKind, b.dismissAt, d.ve-d.vs, d.vs, d.ve
	} else {
		at = b.priorAt
		vs = int32(len(b.viols))
		b.viols = append(b.viols, b.priorViols...)
		ve = int32(len(b.viols))
	}
	// One reason, the same for every award withheld, follows each award's
	// own reasons.
	fs := b.mark()
	b.begin()
	if k == nil {
		b.fact("look_back_months", float64(b.p.discipline.lookBack))
		b.withheldPriorText(at, b.p.discipline.lookBack)
	} else {
		if n > 1 {
			b.fact("count", float64(n))
		}
		b.withheldText(k.label, int(n), at)
	}
	b.tails = append(b.tails, b.reason(ruleWithhold, callfloor.Held, b.text.endString(), fs))
	why := int32(len(b.tails))
	next := 0
	for i := start; i < end; i++ {
		r := &b.recs[i]
		if r.kind != kAward {
			if r.kind == kHold || r.kind == kPenalty {
				b.st.Private = append(b.st.Private, b.tail[next])
				b.privOf = append(b.privOf, b.privTail[next])
				next++
			}
			continue
		}
		// The line becomes a private hold that names the dismissal's
		// violations.
		r.kind, r.held, r.amount = kHold, r.amount, 0
		r.flags &^= fPool
		r.vs, r.ve = vs, ve
		r.g = why
		b.privateOf(int32(i))
	}
	b.st.Private = append(b.st.Private, b.tail[next:]...)
	b.privOf = append(b.privOf, b.privTail[next:]...)
	clear(b.tail)
}

// priorDismissal finds a dismissal in the agent's history still in force
// at the period's start (within the look-back window), the latest one,
// and keeps its date and violations for withhold. It reports whether
// there is one.
func (b *builder) priorDismissal(a *AgentRecord) bool {
	found := false
	for _, s := range a.Discipline {
		if s.Step != Dismissal {
			continue
		}
		if b.sinceStart.IsZero() {
			b.sinceStart = b.p.discipline.activeSinceDay(b.per.Start)
		}
		if s.At.After(b.sinceStart) && (!found || s.At.After(b.priorAt)) {
			found, b.priorAt, b.priorViols = true, s.At, s.Violations
		}
	}
	return found
}
