package incentives

import (
	"math"
	"strings"

	"github.com/callfloor/callfloor/internal/cond"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/policyfile"
)

type rawAward struct {
	Bonus  int64  `yaml:"bonus"`
	Points int64  `yaml:"points"`
	Title  string `yaml:"title"`
	Badge  string `yaml:"badge"`
}

type rawRule struct {
	ID     string   `yaml:"id,required"`
	When   string   `yaml:"when,required"`
	Reason string   `yaml:"reason"`
	Award  rawAward `yaml:",inline"`
}

type rawTierGroup struct {
	ID    string    `yaml:"id,required"`
	Tiers []rawRule `yaml:"tiers,required"`
}

type rawCompliments struct {
	Metric string `yaml:"metric,required"`
	Each   int64  `yaml:"each,required"`
	Max    int64  `yaml:"max"`
	Title  string `yaml:"title"`
}

type rawImprovers struct {
	Metric         string   `yaml:"metric,required"`
	Top            int      `yaml:"top,required"`
	MinEvaluations int      `yaml:"min_evaluations"`
	MinImprovement float64  `yaml:"min_improvement"`
	Award          rawAward `yaml:",inline"`
}

type rawPoints struct {
	ID     string  `yaml:"id,required"`
	Metric string  `yaml:"metric,required"`
	From   float64 `yaml:"from,required"`
	To     float64 `yaml:"to,required"`
	Points int64   `yaml:"points,required"`
}

type rawBand struct {
	ID      string  `yaml:"id,required"`
	Min     float64 `yaml:"min,required"`
	Percent int64   `yaml:"percent,required"`
}

type rawMultiplier struct {
	Metric string    `yaml:"metric,required"`
	Bands  []rawBand `yaml:"bands,required"`
}

type rawCaps struct {
	Bonus  int64 `yaml:"bonus"`
	Points int64 `yaml:"points"`
}

type rawRewards struct {
	Rules        []rawRule       `yaml:"rules"`
	Tiers        []rawTierGroup  `yaml:"tiers"`
	Compliments  *rawCompliments `yaml:"compliments"`
	Improvers    *rawImprovers   `yaml:"improvers"`
	Points       []rawPoints     `yaml:"points"`
	QAMultiplier *rawMultiplier  `yaml:"qa_multiplier"`
	Caps         rawCaps         `yaml:"caps"`
}

// award is what a rule gives when it fires.
type award struct {
	bonus, points int64
	title, badge  string
}

// rule is a compiled reward rule or tier.
type rule struct {
	id      string // the rule's place, as in "rewards.rules.zero_complaints"
	label   string // the human part of the reason
	head    string // the reason up to the figures: "gold of star: label ("
	tail    string // the reason after the figures: ")"
	said    sentence
	when    *cond.Expr
	slots   []int  // metrics the condition reads, for the reason
	mask    uint64 // maskOf(slots)
	readsQA bool
	src     int32
	award
}

// measured reports whether every metric the rule reads has a value; nan
// is the mask of the record's unmeasured slots. A rule that reads an
// unmeasured metric does not fire, whatever its condition says: NaN
// compares unequal to everything, so "complaints != 0" alone would hold.
func (r *rule) measured(vals []float64, nan uint64) bool {
	if r.mask&nan == 0 {
		return true
	}
	for _, s := range r.slots {
		if math.IsNaN(vals[s]) {
			return false
		}
	}
	return true
}

// fires reports whether the rule's condition holds on measured figures.
func (r *rule) fires(vals []float64, nan uint64) bool {
	return r.measured(vals, nan) && r.when.Eval(vals)
}

type tierGroup struct {
	id    string
	tiers []rule
	chain *cond.Chain
}

type complimentRule struct {
	slot      int
	each, max int64 // max 0: no cap
	title     string
	src       int32
}

type improverRule struct {
	slot           int
	top            int
	minEvals       int
	minImprovement float64
	src            int32
	award
}

type linearRule struct {
	id       string
	slot     int
	from, to float64
	points   int64
	src      int32
	bounds   [2]float64 // from and to, the figures a value is compared with
	// The fixed arguments of the reason "points award: csat 4.6 on the
	// line from 4 to 5 earns 6 of 10 points": the metric, from and to.
	metric, fromS, toS string
}

type band struct {
	id      string
	rule    string // "rewards.qa_multiplier.bands.<id>"
	min     float64
	percent int64
	src     int32 // the line holding the band back
}

type multiplier struct {
	slot  int
	bands []band    // by descending min
	mins  []float64 // the bands' mins, the figures a value is compared with
}

func (p *Policy) compileAward(doc *policyfile.Doc, path policyfile.Path, a rawAward) award {
	checkAmount(doc, path.Child("bonus"), a.Bonus)
	checkAmount(doc, path.Child("points"), a.Points)
	if a.Badge != "" {
		doc.IDAs(path.Child("badge"), msg.IncentivesWhatIdBadge{}, a.Badge)
	}
	if a.Bonus == 0 && a.Points == 0 && a.Title == "" && a.Badge == "" && doc.Has(path) {
		doc.Report(path, msg.IncentivesPolicyGivesNothing{})
	}
	return award{bonus: max(a.Bonus, 0), points: max(a.Points, 0), title: a.Title, badge: a.Badge}
}

// compileRule compiles a reward rule, or a tier of group when group is
// not "".
func (p *Policy) compileRule(doc *policyfile.Doc, path policyfile.Path, r rawRule, id, group string) (rule, bool) {
	x := doc.Condition(path.Child("when"), r.When, p.env)
	aw := p.compileAward(doc, path, r.Award)
	if x == nil {
		return rule{}, false
	}
	out := rule{id: id, label: r.Reason, when: x, award: aw}
	if out.label == "" {
		// The condition as people read it: its metrics by their display
		// names, its && and || in the policy's locale.
		out.label = x.Readable()
	}
	// The sentence is the policy's, with the figures the rule reads in
	// the middle: its fixed parts are written once, here.
	var whole string
	if group != "" {
		whole, out.said = msg.IncentivesReasonTier{Tier: p.name(r.ID), Group: p.name(group), Label: out.label, Figures: figuresMark}.String(p.loc), sTier
	} else {
		whole, out.said = msg.IncentivesReasonAward{Label: out.label, Figures: figuresMark}.String(p.loc), sAward
	}
	out.head, out.tail, _ = strings.Cut(whole, figuresMark)
	for _, name := range x.Metrics() {
		s := p.slots[name]
		out.slots = append(out.slots, s)
		if p.qaHeld[s] {
			out.readsQA = true
		}
	}
	out.mask = maskOf(out.slots)
	heading := p.name(r.ID)
	if group != "" {
		heading = msg.IncentivesHeadingTier{Group: p.name(group), Tier: p.name(r.ID)}.String(p.loc)
	}
	out.src = p.source(lineSource{rule: id, title: aw.title, badge: aw.badge, heading: heading})
	return out, true
}

func (p *Policy) compileRewards(doc *policyfile.Doc, r *rawRewards) {
	base := policyfile.Path("rewards")
	seen := map[string]policyfile.Path{}
	for i, rr := range r.Rules {
		path := base.Child("rules").Index(i)
		ok := checkID(doc, path.Child("id"), msg.IncentivesWhatIdRule{}, rr.ID, seen)
		if c, cok := p.compileRule(doc, path, rr, "rewards.rules."+rr.ID, ""); ok && cok {
			p.rules = append(p.rules, c)
		}
	}
	groups := map[string]policyfile.Path{}
	for i, g := range r.Tiers {
		path := base.Child("tiers").Index(i)
		ok := checkID(doc, path.Child("id"), msg.IncentivesWhatIdTierGroup{}, g.ID, groups)
		tg := tierGroup{id: g.ID}
		tiers := map[string]policyfile.Path{}
		if len(g.Tiers) == 0 && doc.Has(path.Child("tiers")) {
			doc.Report(path.Child("tiers"), msg.IncentivesPolicyTierGroupEmpty{})
		}
		for j, t := range g.Tiers {
			tp := path.Child("tiers").Index(j)
			tok := checkID(doc, tp.Child("id"), msg.IncentivesWhatIdTier{}, t.ID, tiers)
			if c, cok := p.compileRule(doc, tp, t, "rewards.tiers."+g.ID+"."+t.ID, g.ID); tok && cok {
				tg.tiers = append(tg.tiers, c)
			}
		}
		if ok {
			exprs := make([]*cond.Expr, len(tg.tiers))
			for k := range tg.tiers {
				exprs[k] = tg.tiers[k].when
			}
			tg.chain = cond.NewChain(exprs...)
			p.groups = append(p.groups, tg)
		}
	}
	if c := r.Compliments; c != nil {
		path := base.Child("compliments")
		slot := p.metricRef(doc, path.Child("metric"), c.Metric)
		if slot >= 0 && !p.metrics[slot].count {
			doc.Report(path.Child("metric"), msg.IncentivesPolicyMetricNotCount{Value: quoted(c.Metric)})
		}
		if checkAmount(doc, path.Child("each"), c.Each) && c.Each == 0 && doc.Has(path.Child("each")) {
			doc.Report(path.Child("each"), msg.IncentivesPolicyAboveZero{})
		}
		checkAmount(doc, path.Child("max"), c.Max)
		p.compliments = &complimentRule{slot: slot, each: c.Each, max: c.Max, title: c.Title,
			src: p.source(lineSource{rule: "rewards.compliments", title: c.Title, heading: msg.IncentivesHeadingCompliments{}.String(p.loc)})}
	}
	if im := r.Improvers; im != nil {
		path := base.Child("improvers")
		slot := p.metricRef(doc, path.Child("metric"), im.Metric)
		if im.Top < 1 && doc.Has(path.Child("top")) {
			doc.Report(path.Child("top"), msg.IncentivesPolicyAtLeastOne{})
		}
		if im.MinEvaluations < 0 {
			doc.Report(path.Child("min_evaluations"), msg.IncentivesPolicyNotNegative{})
		}
		if im.MinImprovement < 0 {
			doc.Report(path.Child("min_improvement"), msg.IncentivesPolicyImprovementNegative{})
		}
		aw := p.compileAward(doc, path, im.Award)
		p.improvers = &improverRule{slot: slot, top: im.Top, minEvals: im.MinEvaluations, minImprovement: im.MinImprovement, award: aw,
			src: p.source(lineSource{rule: "rewards.improvers", title: aw.title, badge: aw.badge, heading: msg.IncentivesHeadingImprovers{}.String(p.loc)})}
	}
	for i, lr := range r.Points {
		path := base.Child("points").Index(i)
		ok := checkID(doc, path.Child("id"), msg.IncentivesWhatIdPoints{}, lr.ID, seen)
		slot := p.metricRef(doc, path.Child("metric"), lr.Metric)
		if lr.From == lr.To && doc.Has(path.Child("to")) {
			doc.Report(path.Child("to"), msg.IncentivesPolicyToEqualsFrom{})
		}
		if checkAmount(doc, path.Child("points"), lr.Points) && lr.Points == 0 && doc.Has(path.Child("points")) {
			doc.Report(path.Child("points"), msg.IncentivesPolicyAboveZero{})
		}
		if ok && slot >= 0 {
			p.points = append(p.points, linearRule{id: "rewards.points." + lr.ID, slot: slot, from: lr.From, to: lr.To, points: lr.Points,
				src:    p.source(lineSource{rule: "rewards.points." + lr.ID, heading: msg.IncentivesHeadingPoints{Name: p.name(lr.ID)}.String(p.loc)}),
				metric: p.label(slot),
				fromS:  string(appendNum(nil, lr.From)),
				toS:    string(appendNum(nil, lr.To)),
				bounds: [2]float64{lr.From, lr.To}})
		}
	}
	if m := r.QAMultiplier; m != nil {
		path := base.Child("qa_multiplier")
		slot := p.metricRef(doc, path.Child("metric"), m.Metric)
		mu := &multiplier{slot: slot}
		bands := map[string]policyfile.Path{}
		if len(m.Bands) == 0 && doc.Has(path.Child("bands")) {
			doc.Report(path.Child("bands"), msg.IncentivesPolicyNoBand{})
		}
		for i, b := range m.Bands {
			bp := path.Child("bands").Index(i)
			checkID(doc, bp.Child("id"), msg.IncentivesWhatIdBand{}, b.ID, bands)
			if b.Percent < 0 || b.Percent > maxPercent {
				doc.Report(bp.Child("percent"), msg.IncentivesPolicyOutOfRange{Value: inum(b.Percent), Lo: "0", Hi: inum(maxPercent)})
			}
			if i > 0 && b.Min >= m.Bands[i-1].Min && doc.Has(bp.Child("min")) {
				doc.Report(bp.Child("min"), msg.IncentivesPolicyBandOrder{Value: gnum(b.Min), Index: inum(i - 1), Prev: gnum(m.Bands[i-1].Min)})
			}
			rule := "rewards.qa_multiplier.bands." + b.ID
			mu.bands = append(mu.bands, band{id: b.ID, rule: rule, min: b.Min, percent: b.Percent, src: p.source(lineSource{rule: rule, heading: msg.IncentivesHeadingBand{Band: p.name(b.ID)}.String(p.loc)})})
			mu.mins = append(mu.mins, b.Min)
		}
		// Every measured figure must fall in a band: a figure below them
		// all would otherwise be paid in full, more than the lowest band.
		if last := len(m.Bands) - 1; last >= 0 && slot >= 0 {
			lp := path.Child("bands").Index(last).Child("min")
			low := p.metrics[slot].min
			switch {
			case math.IsInf(low, -1):
				doc.Report(lp, msg.IncentivesPolicyBandNoMin{Metric: m.Metric})
			case m.Bands[last].Min > low:
				doc.Report(lp, msg.IncentivesPolicyBandGap{Start: gnum(m.Bands[last].Min), Metric: m.Metric, Low: gnum(low)})
			}
		}
		p.multiplier = mu
	}
	p.conds = p.compileConds()
	checkAmount(doc, base.Child("caps").Child("bonus"), r.Caps.Bonus)
	checkAmount(doc, base.Child("caps").Child("points"), r.Caps.Points)
	p.capBonus, p.capPoints = max(r.Caps.Bonus, 0), max(r.Caps.Points, 0)
}

// compileConds links the conditions of every reward rule and tier group
// into one cond.Set, so that an agent's rewards cost one evaluation rather
// than one per rule: each rule is a group of one, in p.rules order, then
// each tier group.
func (p *Policy) compileConds() *cond.Set {
	groups := make([][]*cond.Expr, 0, len(p.rules)+len(p.groups))
	for i := range p.rules {
		groups = append(groups, []*cond.Expr{p.rules[i].when})
	}
	for gi := range p.groups {
		g := &p.groups[gi]
		tiers := make([]*cond.Expr, len(g.tiers))
		for k := range g.tiers {
			tiers[k] = g.tiers[k].when
		}
		groups = append(groups, tiers)
	}
	return cond.NewSet(groups...)
}

// firstTier returns the index of the first tier of g that fires, or -1.
func (g *tierGroup) firstTier(vals []float64, nan uint64) int {
	return g.firstFrom(g.chain.First(vals), vals, nan)
}

// firstFrom returns the index of the first tier of g that fires, given k,
// the first whose condition holds (-1 for none). A tier that reads an
// unmeasured metric does not fire, whatever its condition says; the tiers
// after it are then tried one by one.
func (g *tierGroup) firstFrom(k int, vals []float64, nan uint64) int {
	if k < 0 || g.tiers[k].measured(vals, nan) {
		return k
	}
	for j := k + 1; j < len(g.tiers); j++ {
		if g.tiers[j].fires(vals, nan) {
			return j
		}
	}
	return -1
}

// bandOf returns the multiplier band that v falls in, or -1 when v is NaN
// (not measured) or below every band.
func (m *multiplier) bandOf(v float64) int {
	if math.IsNaN(v) {
		return -1
	}
	for i, b := range m.bands {
		if v >= b.min {
			return i
		}
	}
	return -1
}

// pointsFor returns the points a value earns: none at or short of from,
// all at or beyond to, and in between the straight line between them,
// rounded down. A tolerance of 1e-9 points keeps decimal figures exact:
// csat 4.8 on the line from 4 to 5 for 10 points earns 8, although
// (4.8-4)/(5-4)*10 is 7.999999999999998 in binary floating point.
func (l *linearRule) pointsFor(v float64) int64 {
	if math.IsNaN(v) {
		return 0
	}
	t := (v - l.from) / (l.to - l.from)
	if t <= 0 {
		return 0
	}
	if t >= 1 {
		return l.points
	}
	return min(int64(math.Floor(t*float64(l.points)+1e-9)), l.points)
}

// amount returns the bonus for n compliments and whether the cap cut it.
// Without a cap, validation has refused a count whose bonus would pass
// maxAmount, so n*each fits an int64; with one, the bonus stops at it.
func (c *complimentRule) amount(n float64) (int64, bool) {
	if math.IsNaN(n) || n <= 0 {
		return 0, false
	}
	if c.max > 0 && n > float64(c.max/c.each) {
		return c.max, true
	}
	return int64(n) * c.each, false
}

// applyPercent returns amount * percent / 100, rounded half up to the
// minor unit. amount is at most maxAmount and percent at most maxPercent,
// so the product fits in an int64.
//
// The award lines of one agent then add up within the int64 range
// without a check, as do the weights the per-agent caps share out: a
// policy holds at most policyfile.MaxNodes YAML nodes, so fewer than
// 30,000 award rules (each at least an id, a condition and an award),
// each paying at most maxAmount*maxPercent/100 = 10^13 after the QA band;
// with the compliments and a contest share, one agent asks less than
// 3×10^17 minor units, and as many points.
func applyPercent(amount, percent int64) int64 {
	return (amount*percent + 50) / 100
}
