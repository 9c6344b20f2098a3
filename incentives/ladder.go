package incentives

import (
	"math"
	"slices"
	"time"

	"github.com/callfloor/callfloor"

	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/policyfile"
)

type rawGradeQA struct {
	Min         float64 `yaml:"min,required"`
	Evaluations int     `yaml:"evaluations"`
}

type rawGrade struct {
	ID             string             `yaml:"id,required"`
	Track          string             `yaml:"track"`
	After          string             `yaml:"after"`
	OnApplication  bool               `yaml:"on_application"`
	TenureMonths   int                `yaml:"tenure_months"`
	QA             *rawGradeQA        `yaml:"qa"`
	Metrics        map[string]float64 `yaml:"metrics"`
	Exam           string             `yaml:"exam"`
	NoFinalWarning bool               `yaml:"no_final_warning"`
}

type rawLadder struct {
	Grades []rawGrade `yaml:"grades"`
}

type metricMin struct {
	col   int // column of the career row
	name  string
	label string // how sentences write the metric (Policy.label)
	req   int32  // index in ladder.reqs of "metrics.<name>"
	min   float64
}

type grade struct {
	id, track      string
	after          int // index of the grade before, -1 for an entry grade
	onApplication  bool
	tenure         int
	hasQA          bool
	qaMin          float64
	qaEvals        int
	mins           []metricMin
	exam           string
	noFinalWarning bool
	next           []int // grades whose after is this one, in policy order
	auto           int   // the one next grade reached without applying, or -1
	src            int32
	reqRules       []string // the place of each requirement, by index of ladder.reqs
}

type ladder struct {
	grades []grade
	index  map[string]int
	entry  int // the first entry grade, or -1
	// cols are the slots of the metrics grades require, in the order of
	// the columns of a career row.
	cols []int
	// reqs names the requirements of Shortfall: the fixed ones, then
	// "metrics.<name>" for each column.
	reqs []string
	// exams are the exams the grades require, sorted: the only ids an
	// agent's ExamsPassed may hold.
	exams []string
}

// The fixed requirements, indexes of ladder.reqs.
const (
	reqTenure int32 = iota
	reqQA
	reqQAEvaluations
	reqExam
	reqNoFinalWarning
)

// col returns the career-row column of a slot, adding one if needed.
func (l *ladder) col(slot int, name string) (int, int32) {
	c := slices.Index(l.cols, slot)
	if c < 0 {
		c = len(l.cols)
		l.cols = append(l.cols, slot)
		l.reqs = append(l.reqs, "metrics."+name)
	}
	return c, reqNoFinalWarning + 1 + int32(c)
}

func (l *ladder) names() []string {
	out := make([]string, len(l.grades))
	for i, g := range l.grades {
		out[i] = g.id
	}
	return out
}

func (p *Policy) compileLadder(doc *policyfile.Doc, r *rawLadder) {
	base := policyfile.Path("ladder").Child("grades")
	l := &p.ladder
	l.index = map[string]int{}
	l.entry = -1
	l.reqs = []string{"tenure_months", "qa", "qa_evaluations", "exam", "no_final_warning"}
	seen := map[string]policyfile.Path{}
	for i, rg := range r.Grades {
		path := base.Index(i)
		if !checkID(doc, path.Child("id"), msg.IncentivesWhatIdGrade{}, rg.ID, seen) {
			continue
		}
		if rg.Track != "" {
			doc.IDAs(path.Child("track"), msg.IncentivesWhatIdTrack{}, rg.Track)
		}
		if rg.Exam != "" {
			doc.IDAs(path.Child("exam"), msg.IncentivesWhatIdExam{}, rg.Exam)
		}
		g := grade{id: rg.ID, track: rg.Track, after: -1, auto: -1, onApplication: rg.OnApplication,
			tenure: rg.TenureMonths, exam: rg.Exam, noFinalWarning: rg.NoFinalWarning}
		if g.track == "" {
			g.track = "professional"
		}
		if g.exam != "" && !slices.Contains(l.exams, g.exam) {
			l.exams = append(l.exams, g.exam)
			slices.Sort(l.exams)
		}
		if rg.TenureMonths < 0 || rg.TenureMonths > 600 {
			doc.Report(path.Child("tenure_months"), msg.IncentivesPolicyOutOfRange{Value: inum(rg.TenureMonths), Lo: "0", Hi: "600"})
		}
		if rg.QA != nil {
			qp := path.Child("qa")
			g.hasQA, g.qaMin, g.qaEvals = true, rg.QA.Min, rg.QA.Evaluations
			if (rg.QA.Min < 0 || rg.QA.Min > 100) && doc.Has(qp.Child("min")) {
				doc.Report(qp.Child("min"), msg.IncentivesPolicyQaMinRange{Value: gnum(rg.QA.Min)})
			}
			if rg.QA.Evaluations < 0 {
				doc.Report(qp.Child("evaluations"), msg.IncentivesPolicyNotNegative{})
			}
		}
		for _, name := range policyfile.SortedKeys(rg.Metrics) {
			mp := path.Child("metrics").Key(name)
			if s := p.metricRef(doc, mp, name); s >= 0 {
				c, req := l.col(s, name)
				g.mins = append(g.mins, metricMin{col: c, name: name, label: p.label(s), req: req, min: rg.Metrics[name]})
			}
		}
		g.src = p.source(lineSource{rule: "ladder.grades." + rg.ID, grade: rg.ID, heading: p.name(rg.ID)})
		l.index[rg.ID] = len(l.grades)
		l.grades = append(l.grades, g)
	}
	// Resolve "after" once every grade is known, so a grade may name one
	// written below it.
	k := 0
	for i, rg := range r.Grades {
		gi, ok := l.index[rg.ID]
		if !ok || gi != k {
			continue
		}
		k++
		path := base.Index(i)
		g := &l.grades[gi]
		if rg.After == "" {
			if g.onApplication {
				doc.Report(path.Child("on_application"), msg.IncentivesPolicyEntryOnApplication{})
			}
			if l.entry < 0 {
				l.entry = gi
			}
			continue
		}
		a, ok := l.index[rg.After]
		if !ok {
			doc.Report(path.Child("after"), msg.IncentivesPolicyNotGrade{Value: quoted(rg.After)})
			continue
		}
		if a == gi {
			doc.Report(path.Child("after"), msg.IncentivesPolicyAfterItself{})
			continue
		}
		g.after = a
		prev := &l.grades[a]
		prev.next = append(prev.next, gi)
		if !g.onApplication {
			if prev.auto >= 0 {
				doc.Report(path.Child("after"), msg.IncentivesPolicySecondAfter{After: quoted(rg.After), Next: quoted(l.grades[prev.auto].id)})
				continue
			}
			prev.auto = gi
		}
	}
	// Each requirement's place in the policy, for the reasons.
	for gi := range l.grades {
		g := &l.grades[gi]
		g.reqRules = make([]string, len(l.reqs))
		for i, r := range l.reqs {
			switch r {
			case "qa":
				r = "qa.min"
			case "qa_evaluations":
				r = "qa.evaluations"
			}
			g.reqRules[i] = "ladder.grades." + g.id + "." + r
		}
	}
	// A cycle of "after" would make climbing endless.
	for gi := range l.grades {
		steps, at := 0, gi
		for at >= 0 && steps <= len(l.grades) {
			at = l.grades[at].after
			steps++
		}
		if at >= 0 {
			for i, rg := range r.Grades {
				if rg.ID == l.grades[gi].id {
					doc.Report(base.Index(i).Child("after"), msg.IncentivesPolicyGradeCycle{Value: quoted(rg.ID)})
					break
				}
			}
			return
		}
	}
	if len(l.grades) > 0 && l.entry < 0 {
		doc.Report("ladder.grades", msg.IncentivesPolicyNoEntryGrade{})
	}
}

// Career is where an agent stands on the ladder at the end of the period.
type Career struct {
	// Agent is the agent's id.
	Agent string `json:"agent"`
	// Grade is the agent's grade coming into the period.
	Grade string `json:"grade"`
	// Qualifies is the highest grade the agent meets every requirement of,
	// climbing from Grade one grade at a time along grades reached without
	// applying; it is Grade when no step up is met. The ladder never moves
	// an agent down.
	Qualifies string `json:"qualifies"`
	// Next lists the grades right after Qualifies, with what is missing.
	Next []NextGrade `json:"next,omitempty"`
}

// NextGrade is a grade an agent could reach next and what stands between.
type NextGrade struct {
	// Grade is the grade's id and Track its track ("professional" unless
	// the policy names another, such as "management").
	Grade string `json:"grade"`
	Track string `json:"track"`
	// OnApplication grades (such as the team-lead track) are reached only
	// when the agent applies; Met says the requirements are.
	OnApplication bool `json:"on_application"`
	// Met says the agent meets every requirement of the grade.
	Met bool `json:"met"`
	// Missing lists the requirements the agent does not meet, in the
	// order tenure, QA average, QA evaluations, metrics by name, exam,
	// final warning; none when Met.
	Missing []Shortfall `json:"missing"`
	// Reasons say what is missing, one reason per Missing requirement in
	// the same order: its Rule is the requirement's place in the policy
	// ("ladder.grades.senior.tenure_months", "ladder.grades.senior.qa.min",
	// "ladder.grades.senior.metrics.csat", "ladder.grades.senior.exam"),
	// its Outcome NotMet for a requirement not met, NotEvaluated for a
	// figure not measured, Held for a QA average held by an open dispute;
	// its Text says what is missing and by how much ("tenure 9 of 12
	// months", "QA 88.5 of 90", "csat not measured (needs 4.3)"), and its
	// Facts give the agent's figure by name and the requirement as "min".
	// Join the texts with "; " for a one-line summary.
	Reasons []callfloor.Reason `json:"reasons"`
}

// Shortfall is one requirement an agent does not yet meet.
type Shortfall struct {
	// Requirement is "tenure_months", "qa", "qa_evaluations",
	// "metrics.<name>", "exam" or "no_final_warning".
	Requirement string `json:"requirement"`
	// Have and Need are the agent's figure and the requirement. A figure
	// that is not measured, or held, has Have 0 and its reason says so, as
	// in "csat not measured (needs 4.3)"; an exam or a final warning has
	// both 0.
	Have float64 `json:"have"`
	// Need is the grade's requirement.
	Need float64 `json:"need"`
}

// tenureMonths counts the whole months from hired to at, in the location
// of hired.
func tenureMonths(hired, at time.Time) int {
	y2, m2, d2 := at.In(hired.Location()).Date()
	return monthsSince(hired, y2, m2, d2)
}

// monthsSince counts the whole months from hired to the date y, m, d.
func monthsSince(hired time.Time, y int, m time.Month, d int) int {
	y1, m1, d1 := hired.Date()
	n := (y-y1)*12 + int(m-m1)
	if d < d1 {
		n--
	}
	return max(n, 0)
}

// tenure is tenureMonths(hired, the period's end), with the end's date
// kept for the location of the last agent asked about.
func (b *builder) tenure(hired time.Time) int {
	if loc := hired.Location(); loc != b.endLoc || b.endY == 0 {
		b.endLoc = loc
		b.endY, b.endM, b.endD = b.per.End.In(loc).Date()
	}
	return monthsSince(hired, b.endY, b.endM, b.endD)
}

// ladderFacts are what the requirements are checked against.
type ladderFacts struct {
	tenure     int
	qaHeld     uint8   // why the QA average is held: holdNone or holdDispute
	qaAvg      float64 // NaN when the career record has no QA average
	qaEvals    int
	row        []float64 // career figures by column, NaN when not measured
	exams      []string
	finalUntil time.Time // end of an active final warning, or zero
}

// meets reports whether the agent meets every requirement of g. With
// write, it goes on past the first missing requirement and adds each to
// the span of b.shortfalls opened, with its reason to the span of
// b.reasons opened.
func (b *builder) meets(g *grade, f *ladderFacts, write bool) bool {
	met := true
	var fs int32
	var key ladderKey
	// miss adds a shortfall of the requirement req. Its reason depends on
	// the grade, the requirement, the outcome and the figure alone: it
	// reports whether the reason is still to be written, between miss and
	// done, or was written before for another agent and is reused.
	miss := func(req int32, have, need float64, outcome callfloor.Outcome, figure float64) bool {
		met = false
		b.shortfalls.add(Shortfall{Requirement: b.p.ladder.reqs[req], Have: have, Need: need})
		key = ladderKey{src: g.src, req: req, outcome: uint64(outcome), bits: math.Float64bits(figure)}
		if x, ok := b.ladderR[key]; ok {
			b.reasons.add(x)
			return false
		}
		fs = b.mark()
		b.begin()
		return true
	}
	done := func() {
		x := b.reason(g.reqRules[key.req], callfloor.Outcome(key.outcome), b.text.endString(), b.msgID, fs)
		if b.ladderR == nil {
			b.ladderR = map[ladderKey]callfloor.Reason{}
		}
		b.ladderR[key] = x
		b.reasons.add(x)
	}
	if f.tenure < g.tenure {
		if !write {
			return false
		}
		if miss(reqTenure, float64(f.tenure), float64(g.tenure), callfloor.NotMet, float64(f.tenure)) {
			b.fact("tenure_months", float64(f.tenure))
			b.fact("min", float64(g.tenure))
			b.tenureText(f.tenure, g.tenure)
			done()
		}
	}
	if g.hasQA {
		v := f.qaAvg
		switch {
		case f.qaHeld == holdNone && !math.IsNaN(v) && v >= g.qaMin:
		case !write:
			return false
		case f.qaHeld != holdNone:
			if miss(reqQA, 0, g.qaMin, callfloor.Held, 0) {
				b.fact("min", g.qaMin)
				b.qaAverageHeldText()
				done()
			}
		case math.IsNaN(v):
			if miss(reqQA, 0, g.qaMin, callfloor.NotEvaluated, 0) {
				b.fact("min", g.qaMin)
				b.qaNotMeasuredText(g.qaMin)
				done()
			}
		default:
			if miss(reqQA, v, g.qaMin, callfloor.NotMet, v) {
				b.fact("qa_average", v)
				b.fact("min", g.qaMin)
				b.qaOfText(v, g.qaMin)
				done()
			}
		}
		if f.qaEvals < g.qaEvals {
			if !write {
				return false
			}
			if miss(reqQAEvaluations, float64(f.qaEvals), float64(g.qaEvals), callfloor.NotMet, float64(f.qaEvals)) {
				b.fact("qa_evaluations", float64(f.qaEvals))
				b.fact("min", float64(g.qaEvals))
				b.evaluationsOfText(f.qaEvals, g.qaEvals)
				done()
			}
		}
	}
	for i := range g.mins {
		m := &g.mins[i]
		v := f.row[m.col]
		switch {
		case v >= m.min:
		case !write:
			return false
		case math.IsNaN(v):
			if miss(m.req, 0, m.min, callfloor.NotEvaluated, 0) {
				b.fact("min", m.min)
				b.notMeasuredText(m.label, m.min)
				done()
			}
		default:
			if miss(m.req, v, m.min, callfloor.NotMet, v) {
				b.fact(m.name, v)
				b.fact("min", m.min)
				b.figureOfText(m.label, v, m.min)
				done()
			}
		}
	}
	if g.exam != "" && !slices.Contains(f.exams, g.exam) {
		if !write {
			return false
		}
		if miss(reqExam, 0, 0, callfloor.NotMet, 0) {
			b.examText(g.exam)
			done()
		}
	}
	if g.noFinalWarning && !f.finalUntil.IsZero() {
		if !write {
			return false
		}
		// The sentence names a date: it is written for each agent.
		met = false
		b.shortfalls.add(Shortfall{Requirement: b.p.ladder.reqs[reqNoFinalWarning]})
		fs := b.mark()
		b.begin()
		b.finalWarningText(f.finalUntil)
		b.reasons.add(b.reason(g.reqRules[reqNoFinalWarning], callfloor.NotMet, b.text.endString(), b.msgID, fs))
	}
	return met
}

// ladderKey is what the reason of a requirement not met depends on: the
// grade, the requirement, the outcome and the figure that misses (its
// bits, so that -0 and 0 stay apart). The grade is its grade.src and the
// outcome a callfloor.Outcome widened, so that the key holds no pointer
// and no padding, and hashes as plain memory: it is looked up for every
// requirement an agent misses.
type ladderKey struct {
	src, req      int32
	outcome, bits uint64
}

// placeOnLadder places an agent on the ladder from the career record and
// writes a grade line when the agent qualifies for a higher grade than
// the one held.
func (b *builder) placeOnLadder(pos int, ai int32, a *AgentRecord, finalUntil time.Time) {
	l := &b.p.ladder
	cur := int(b.grade[ai])
	f := ladderFacts{tenure: b.tenure(a.Hired), qaAvg: math.NaN(), qaEvals: a.Career.QAEvaluations,
		exams: a.ExamsPassed, finalUntil: finalUntil}
	if a.Career.QAEvaluations > 0 {
		f.qaAvg = a.Career.QAAverage
	}
	if a.QADisputeOpen {
		f.qaHeld = holdDispute
	}
	if lc := len(l.cols); lc > 0 {
		f.row = b.career[int(ai)*lc : int(ai)*lc+lc]
	}
	g := cur
	b.climbed = b.climbed[:0]
	for steps := 0; steps < len(l.grades); steps++ {
		nx := l.grades[g].auto
		if nx < 0 || !b.meets(&l.grades[nx], &f, false) {
			break
		}
		g = nx
		b.climbed = append(b.climbed, nx)
	}
	b.nexts.open()
	for _, nx := range l.grades[g].next {
		ng := &l.grades[nx]
		n := NextGrade{Grade: ng.id, Track: ng.track, OnApplication: ng.onApplication}
		b.shortfalls.open()
		b.reasons.open()
		n.Met = b.meets(ng, &f, true)
		n.Missing, n.Reasons = b.shortfalls.span(), b.reasons.span()
		b.nexts.add(n)
	}
	b.st.Careers = append(b.st.Careers, Career{Agent: b.ids[pos], Grade: l.grades[cur].id, Qualifies: l.grades[g].id, Next: b.nexts.span()})
	if g == cur {
		return
	}
	fs := b.mark()
	b.fact("tenure_months", float64(f.tenure))
	if l.grades[g].hasQA {
		b.fact("qa_average", f.qaAvg)
		b.fact("qa_evaluations", float64(f.qaEvals))
	}
	b.begin()
	b.gradeText(cur, g, &f)
	b.add(kGrade, l.grades[g].src, fs)
}

// The sentences of the ladder.

// tenureText: "tenure 9 of 12 months".
func (b *builder) tenureText(have, need int) {
	m := msg.IncentivesReasonTenure{Have: have, Need: need}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// qaAverageHeldText: "QA average held: a QA evaluation is under open
// dispute".
func (b *builder) qaAverageHeldText() {
	m := msg.IncentivesReasonQaAverageHeld{}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// notMeasuredText: "csat not measured (needs 4.3)".
func (b *builder) notMeasuredText(name string, need float64) {
	b.args.reset()
	m := msg.IncentivesReasonNotMeasured{Metric: name, Need: b.numArg(need)}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// qaNotMeasuredText: "QA average not measured (needs 88)".
func (b *builder) qaNotMeasuredText(need float64) {
	b.args.reset()
	m := msg.IncentivesReasonQaAverageNotMeasured{Need: b.numArg(need)}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// figureOfText: "csat 4.2 of 4.3".
func (b *builder) figureOfText(name string, have, need float64) {
	b.args.reset()
	m := msg.IncentivesReasonFigureOf{Metric: name, Have: b.figureArg(have, []float64{need}), Need: b.numArg(need)}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// qaOfText: "QA 88.5 of 90".
func (b *builder) qaOfText(have, need float64) {
	b.args.reset()
	m := msg.IncentivesReasonQaOf{Have: b.figureArg(have, []float64{need}), Need: b.numArg(need)}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// evaluationsOfText: "QA evaluations 12 of 20".
func (b *builder) evaluationsOfText(have, need int) {
	m := msg.IncentivesReasonEvaluationsOf{Have: have, Need: need}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// examText: "exam senior_exam not passed".
func (b *builder) examText(exam string) {
	m := msg.IncentivesReasonExam{Exam: b.p.name(exam)}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// finalWarningText: "final warning active until 2026-01-05".
func (b *builder) finalWarningText(until time.Time) {
	m := msg.IncentivesReasonFinalWarning{Date: until}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// gradeText: "meets every requirement of intermediate (from junior;
// tenure 26 months, QA 94.2 over 82 evaluations)", or "meets every
// requirement of intermediate, then senior (from junior; ...)" when the
// agent climbs more than one grade.
func (b *builder) gradeText(cur, top int, f *ladderFacts) {
	l := &b.p.ladder
	b.args.reset()
	for k, gi := range b.climbed {
		if k > 0 {
			b.args.buf = msg.IncentivesGradeThen{}.Append(b.args.buf, b.loc)
		}
		b.args.buf = append(b.args.buf, b.p.name(l.grades[gi].id)...)
	}
	grades := b.args.take()
	if l.grades[top].hasQA {
		b.args.buf = msg.IncentivesMonths{N: f.tenure}.Append(b.args.buf, b.loc)
		months := b.args.take()
		m := msg.IncentivesReasonGradeQa{Grades: grades, From: b.p.name(l.grades[cur].id), Months: months,
			QA: b.figureArg(f.qaAvg, []float64{l.grades[top].qaMin}), N: f.qaEvals}
		b.put(m.Append(b.text.piece, b.loc))
		b.msgID, b.said = m.ID(), sGradeQA
		return
	}
	m := msg.IncentivesReasonGrade{Grades: grades, From: b.p.name(l.grades[cur].id), Months: f.tenure}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID, b.said = m.ID(), sGrade
}
