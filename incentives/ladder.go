package incentives

import (
	"math"
	"strconv"
	"time"

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
	slot int
	name string
	req  string // "metrics.<name>"
	min  float64
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
}

type ladder struct {
	grades []grade
	index  map[string]int
	entry  int // the first entry grade, or -1
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
	seen := map[string]policyfile.Path{}
	for i, rg := range r.Grades {
		path := base.Index(i)
		if !checkID(doc, path.Child("id"), rg.ID, seen) {
			continue
		}
		g := grade{id: rg.ID, track: rg.Track, after: -1, auto: -1, onApplication: rg.OnApplication,
			tenure: rg.TenureMonths, exam: rg.Exam, noFinalWarning: rg.NoFinalWarning}
		if g.track == "" {
			g.track = "professional"
		}
		if rg.TenureMonths < 0 || rg.TenureMonths > 600 {
			doc.Errorf(path.Child("tenure_months"), "%d is out of range 0..600", rg.TenureMonths)
		}
		if rg.QA != nil {
			qp := path.Child("qa")
			if p.qaAverage < 0 {
				doc.Errorf(qp, "needs qa.average: name the metric that holds the QA average")
			}
			g.hasQA, g.qaMin, g.qaEvals = true, rg.QA.Min, rg.QA.Evaluations
			if rg.QA.Evaluations < 0 {
				doc.Errorf(qp.Child("evaluations"), "must not be negative")
			}
		}
		for _, name := range policyfile.SortedKeys(rg.Metrics) {
			mp := path.Child("metrics").Key(name)
			if s := p.metricRef(doc, mp, name); s >= 0 {
				g.mins = append(g.mins, metricMin{slot: s, name: name, req: "metrics." + name, min: rg.Metrics[name]})
			}
		}
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
				doc.Errorf(path.Child("on_application"), "an entry grade has no grade before it to apply from; set after")
			}
			if l.entry < 0 {
				l.entry = gi
			}
			continue
		}
		a, ok := l.index[rg.After]
		if !ok {
			doc.Errorf(path.Child("after"), "%q is not a grade of the ladder", rg.After)
			continue
		}
		if a == gi {
			doc.Errorf(path.Child("after"), "a grade cannot come after itself")
			continue
		}
		g.after = a
		prev := &l.grades[a]
		prev.next = append(prev.next, gi)
		if !g.onApplication {
			if prev.auto >= 0 {
				doc.Errorf(path.Child("after"), "grade %q already leads to %q; a second grade after it must set on_application: true", rg.After, l.grades[prev.auto].id)
				continue
			}
			prev.auto = gi
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
					doc.Errorf(base.Index(i).Child("after"), "grades form a cycle through %q", rg.ID)
					break
				}
			}
			return
		}
	}
	if len(l.grades) > 0 && l.entry < 0 {
		doc.Errorf("ladder.grades", "no entry grade: one grade must have no after")
	}
}

// Career is where an agent stands on the ladder at the end of the period.
type Career struct {
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
	Grade string `json:"grade"`
	Track string `json:"track"`
	// OnApplication grades (such as the team-lead track) are reached only
	// when the agent applies; Met says the requirements are.
	OnApplication bool        `json:"on_application,omitempty"`
	Met           bool        `json:"met"`
	Missing       []Shortfall `json:"missing,omitempty"`
	// Summary lists the missing requirements in one sentence, as in
	// "tenure 9 of 12 months; QA 88.5 of 90".
	Summary string `json:"summary,omitempty"`
}

type span struct{ s, e int }

// Shortfall is one requirement an agent does not yet meet.
type Shortfall struct {
	// Requirement is "tenure_months", "qa", "qa_evaluations",
	// "metrics.<name>", "exam" or "no_final_warning".
	Requirement string `json:"requirement"`
	// Have and Need are the agent's figure and the requirement (NaN is
	// never used: an unmeasured figure has Have 0 and says so in Text).
	Have float64 `json:"have"`
	Need float64 `json:"need"`
	Text string  `json:"text"`
}

// tenureMonths counts the whole months from hired to at.
func tenureMonths(hired, at time.Time) int {
	y1, m1, d1 := hired.Date()
	y2, m2, d2 := at.In(hired.Location()).Date()
	n := (y2-y1)*12 + int(m2-m1)
	if d2 < d1 {
		n--
	}
	return max(n, 0)
}

// ladderFacts are what the requirements are checked against.
type ladderFacts struct {
	tenure     int
	vals       []float64
	qaHeld     string // why the QA average is held, or ""
	evals      int
	exams      []string
	finalUntil time.Time // end of an active final warning, or zero
}

// shortfalls appends what the agent misses of grade g; none means met.
// With texts, each shortfall's sentence is written to the arena and its
// place kept in missText, to be filled in when the statement is finished.
func (b *builder) shortfalls(g *grade, f *ladderFacts, out []Shortfall, texts bool) []Shortfall {
	p := b.p
	add := func(s Shortfall, write func()) {
		out = append(out, s)
		if texts {
			start := len(b.arena)
			write()
			b.missText = append(b.missText, span{start, len(b.arena)})
		}
	}
	if f.tenure < g.tenure {
		add(Shortfall{Requirement: "tenure_months", Have: float64(f.tenure), Need: float64(g.tenure)}, func() {
			b.str("tenure ")
			b.int(int64(f.tenure))
			b.str(" of ")
			b.int(int64(g.tenure))
			b.str(" months")
		})
	}
	if g.hasQA {
		v := f.vals[p.qaAverage]
		switch {
		case f.qaHeld != "":
			add(Shortfall{Requirement: "qa", Need: g.qaMin}, func() {
				b.str("QA average held: ")
				b.str(f.qaHeld)
			})
		case math.IsNaN(v):
			add(Shortfall{Requirement: "qa", Need: g.qaMin}, func() {
				b.str("QA average not measured (needs ")
				b.num(g.qaMin)
				b.arena = append(b.arena, ')')
			})
		case v < g.qaMin:
			add(Shortfall{Requirement: "qa", Have: v, Need: g.qaMin}, func() {
				b.str("QA ")
				b.num(v)
				b.str(" of ")
				b.num(g.qaMin)
			})
		}
		if f.evals < g.qaEvals {
			add(Shortfall{Requirement: "qa_evaluations", Have: float64(f.evals), Need: float64(g.qaEvals)}, func() {
				b.str("QA evaluations ")
				b.int(int64(f.evals))
				b.str(" of ")
				b.int(int64(g.qaEvals))
			})
		}
	}
	for i := range g.mins {
		m := &g.mins[i]
		v := f.vals[m.slot]
		switch {
		case math.IsNaN(v):
			add(Shortfall{Requirement: m.req, Need: m.min}, func() {
				b.str(m.name)
				b.str(" not measured (needs ")
				b.num(m.min)
				b.arena = append(b.arena, ')')
			})
		case v < m.min:
			add(Shortfall{Requirement: m.req, Have: v, Need: m.min}, func() {
				b.str(m.name)
				b.arena = append(b.arena, ' ')
				b.num(v)
				b.str(" of ")
				b.num(m.min)
			})
		}
	}
	if g.exam != "" && !hasString(f.exams, g.exam) {
		add(Shortfall{Requirement: "exam"}, func() {
			b.str("exam ")
			b.str(g.exam)
			b.str(" not passed")
		})
	}
	if g.noFinalWarning && !f.finalUntil.IsZero() {
		add(Shortfall{Requirement: "no_final_warning"}, func() {
			b.str("final warning active until ")
			b.date(f.finalUntil)
		})
	}
	return out
}

func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// career places an agent on the ladder and writes a grade line when the
// agent qualifies for a higher grade than the one held.
func (b *builder) career(base Line, a *AgentRecord, vals []float64, hold string, finalUntil time.Time) {
	l := &b.p.ladder
	cur := l.entry
	if a.Grade != "" {
		cur = l.index[a.Grade]
	}
	f := ladderFacts{tenure: tenureMonths(a.Hired, b.per.End), vals: vals, qaHeld: hold, evals: a.QAEvaluations, exams: a.ExamsPassed, finalUntil: finalUntil}
	g := cur
	b.climbed = b.climbed[:0]
	for steps := 0; steps < len(l.grades); steps++ {
		nx := l.grades[g].auto
		if nx < 0 {
			break
		}
		b.miss = b.shortfalls(&l.grades[nx], &f, b.miss[:0], false)
		if len(b.miss) > 0 {
			break
		}
		g = nx
		b.climbed = append(b.climbed, nx)
	}
	cm := careerMeta{ns: len(b.nexts)}
	for _, nx := range l.grades[g].next {
		ng := &l.grades[nx]
		ms := len(b.allMiss)
		b.allMiss = b.shortfalls(ng, &f, b.allMiss, true)
		nm := nextMeta{ms: ms, me: len(b.allMiss), ss: len(b.arena)}
		for k := ms; k < len(b.allMiss); k++ {
			if k > ms {
				b.str("; ")
			}
			t := b.missText[k]
			b.arena = append(b.arena, b.arena[t.s:t.e]...)
		}
		nm.se = len(b.arena)
		b.nexts = append(b.nexts, NextGrade{Grade: ng.id, Track: ng.track, OnApplication: ng.onApplication, Met: nm.me == nm.ms})
		b.nextMeta = append(b.nextMeta, nm)
	}
	cm.ne = len(b.nexts)
	b.careers = append(b.careers, cm)
	b.st.Careers = append(b.st.Careers, Career{Agent: a.ID, Grade: l.grades[cur].id, Qualifies: l.grades[g].id})
	if g == cur {
		return
	}
	rs := b.begin()
	b.str("meets every requirement of ")
	for k, gi := range b.climbed {
		if k > 0 {
			b.str(", then ")
		}
		b.str(l.grades[gi].id)
	}
	b.str(" (from ")
	b.str(l.grades[cur].id)
	b.str("; tenure ")
	b.int(int64(f.tenure))
	b.str(" months")
	if l.grades[g].hasQA {
		b.str(", QA ")
		b.num(vals[b.p.qaAverage])
		b.str(" over ")
		b.int(int64(a.QAEvaluations))
		b.str(" evaluations")
	}
	b.arena = append(b.arena, ')')
	line := base
	line.Kind, line.Rule, line.Grade = KindGrade, "ladder."+l.grades[g].id, l.grades[g].id
	b.add(line, rs)
}
