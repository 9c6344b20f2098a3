package incentives

import (
	"cmp"
	"container/heap"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Evaluate computes the statement of a period for the given agents. It
// checks every record first and returns an *InputError naming the first
// bad field (in input order) without computing anything. Evaluate is
// pure: the same period, records and policy give the same statement, byte
// for byte, whatever the order of the records.
//
// In a period whose cadence is the policy's pay period, Evaluate applies
// the reward rules, tiers, compliments, points, improvers, QA multiplier,
// caps and pool, discipline and the career ladder; in every period it runs
// the contests whose cadence matches.
func (p *Policy) Evaluate(per Period, agents []AgentRecord) (Statement, error) {
	if err := per.validate(); err != nil {
		return Statement{}, err
	}
	b := &builder{p: p, per: per, agents: agents, pay: per.Cadence == p.payPeriod}
	if err := b.load(); err != nil {
		return Statement{}, err
	}
	b.run()
	if err := b.finish(); err != nil {
		return Statement{}, err
	}
	return b.st, nil
}

type teamInfo struct {
	id     string
	agents int
}

// lineMeta is what the builder keeps about a line until the statement is
// finished: the place of its reason in the arena and how its amount was
// adjusted.
type lineMeta struct {
	bandVal      float64
	rs, re       int32
	ns, ne       int32 // note in the arena
	band         int32 // QA multiplier band applied, or -1
	pool         bool
	capped       bool
	pointsCapped bool
	pooled       bool
}

type builder struct {
	p      *Policy
	per    Period
	pay    bool
	agents []AgentRecord
	order  []int32   // input indices sorted by agent id
	matrix []float64 // metric rows by input index
	teams  []teamInfo
	teamOf []int32 // team index by sorted position
	held   []float64
	arena  []byte
	lines  []Line
	meta   []lineMeta
	first  []int32 // first line of each sorted position, plus one past the end

	improver    []int32 // improver rank by sorted position, 0 for none
	improverMin float64 // the lowest improvement that ranked
	contestRank [][]int32
	contestPay  [][]int64
	contestRows [][]teamRow

	privLine []int32 // the line each private item comes from, or -1
	pubText  []pubSpan

	steps    []datedStep
	vidx     []int
	climbed  []int
	miss     []Shortfall // scratch for climbing
	allMiss  []Shortfall // what each next grade misses, for every agent
	missText []span      // the text of each of allMiss in the arena

	nexts    []NextGrade
	nextMeta []nextMeta
	careers  []careerMeta

	st Statement
}

type nextMeta struct{ ms, me, ss, se int }
type careerMeta struct{ ns, ne int }

func (b *builder) load() error {
	p := b.p
	n := len(b.agents)
	m := len(p.metrics)
	b.matrix = make([]float64, n*m)
	for i := range b.agents {
		if err := p.validateAgent(i, &b.agents[i], b.per, b.pay, b.matrix[i*m:i*m+m]); err != nil {
			return err
		}
	}
	b.order = make([]int32, n)
	for i := range b.order {
		b.order[i] = int32(i)
	}
	slices.SortFunc(b.order, func(x, y int32) int {
		if c := strings.Compare(b.agents[x].ID, b.agents[y].ID); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
	dup := -1
	for k := 1; k < n; k++ {
		if b.agents[b.order[k]].ID == b.agents[b.order[k-1]].ID && (dup < 0 || int(b.order[k]) < int(b.order[dup])) {
			dup = k
		}
	}
	if dup >= 0 {
		i, j := b.order[dup], b.order[dup-1]
		return inputErr("agents["+strconv.Itoa(int(i))+"].id", "%q is also agents[%d].id", b.agents[i].ID, j)
	}
	teamIdx := map[string]int32{}
	var ids []string
	for i := range b.agents {
		t := b.agents[i].Team
		if _, ok := teamIdx[t]; !ok {
			teamIdx[t] = 0
			ids = append(ids, t)
		}
	}
	slices.Sort(ids)
	b.teams = make([]teamInfo, len(ids))
	for k, id := range ids {
		teamIdx[id] = int32(k)
		b.teams[k].id = id
	}
	b.teamOf = make([]int32, n)
	for pos, ai := range b.order {
		t := teamIdx[b.agents[ai].Team]
		b.teamOf[pos] = t
		b.teams[t].agents++
	}
	return nil
}

func (b *builder) row(ai int32) []float64 {
	m := len(b.p.metrics)
	return b.matrix[int(ai)*m : int(ai)*m+m]
}

// qaHold says why an agent's QA figures are held out of pay and
// discipline, or "".
func (b *builder) qaHold(a *AgentRecord) string {
	if a.QADisputeOpen {
		return "a QA evaluation is under open dispute"
	}
	if a.QAEvaluations < b.p.qaMinEvals {
		return b.p.fewEvals[a.QAEvaluations]
	}
	return ""
}

const careHoldReason = "wellbeing hold: care comes before discipline and contest placings"

func (b *builder) run() {
	p := b.p
	n := len(b.order)
	b.st = Statement{Policy: p.id, Period: b.per, Currency: p.currency, MinorDigits: p.digits}
	b.lines = make([]Line, 0, min(n, 256)*4+16)
	b.meta = make([]lineMeta, 0, cap(b.lines))
	b.arena = make([]byte, 0, cap(b.lines)*100)
	b.first = make([]int32, n+1)
	b.held = make([]float64, len(p.metrics))
	if b.pay && p.improvers != nil {
		b.selectImprovers()
	}
	for ci := range p.contests {
		c := &p.contests[ci]
		if c.every != b.per.Cadence {
			continue
		}
		rows, res := b.runContest(c)
		b.st.Contests = append(b.st.Contests, res)
		pay := make([]int64, n)
		rank := make([]int32, n)
		for t := range rows {
			r := &rows[t]
			for _, pos := range r.members {
				rank[pos] = int32(r.rank)
			}
			if r.prize <= 0 {
				continue
			}
			w := make([]int64, len(r.members))
			for k := range w {
				w[k] = 1
			}
			out := make([]int64, len(w))
			apportion(r.prize, w, out)
			for k, pos := range r.members {
				pay[pos] = out[k]
			}
		}
		b.contestPay = append(b.contestPay, pay)
		b.contestRank = append(b.contestRank, rank)
		b.contestRows = append(b.contestRows, rows)
		for _, s := range res.Table {
			if s.Prize > 0 {
				txt := "rank " + itoa(s.Rank) + " in " + c.id
				if c.title != "" {
					txt = c.title + ": " + txt
				}
				b.st.Public = append(b.st.Public, Recognition{Team: s.Team, Kind: "contest", Rule: "contest." + c.id, Text: txt})
			}
		}
	}
	const sample = 256
	for pos, ai := range b.order {
		if pos == sample && n > 2*sample {
			b.reserve(sample, n)
		}
		b.first[pos] = int32(len(b.lines))
		b.agent(pos, ai)
	}
	b.first[n] = int32(len(b.lines))
}

// reserve grows the builder's buffers once, to what the first done
// agents suggest the whole center needs, so that they are not copied over
// and over as they fill.
func (b *builder) reserve(done, n int) {
	grow := func(have int) int { return have*n/done + have*n/done/5 + 64 }
	b.lines = slices.Grow(b.lines, grow(len(b.lines))-len(b.lines))
	b.meta = slices.Grow(b.meta, grow(len(b.meta))-len(b.meta))
	b.arena = slices.Grow(b.arena, grow(len(b.arena))-len(b.arena))
	b.nexts = slices.Grow(b.nexts, grow(len(b.nexts))-len(b.nexts))
	b.nextMeta = slices.Grow(b.nextMeta, grow(len(b.nextMeta))-len(b.nextMeta))
	b.allMiss = slices.Grow(b.allMiss, grow(len(b.allMiss))-len(b.allMiss))
	b.missText = slices.Grow(b.missText, grow(len(b.missText))-len(b.missText))
	b.careers = slices.Grow(b.careers, n-len(b.careers))
	b.st.Careers = slices.Grow(b.st.Careers, n-len(b.st.Careers))
	b.st.Public = slices.Grow(b.st.Public, grow(len(b.st.Public))-len(b.st.Public))
}

// reason bookkeeping: a line's reason is written to the arena between
// begin and add.
func (b *builder) begin() int { return len(b.arena) }

func (b *builder) add(l Line, rs int) *lineMeta {
	b.lines = append(b.lines, l)
	b.meta = append(b.meta, lineMeta{rs: int32(rs), re: int32(len(b.arena)), band: -1})
	return &b.meta[len(b.meta)-1]
}

func (b *builder) str(s string)  { b.arena = append(b.arena, s...) }
func (b *builder) num(v float64) { b.arena = appendNum(b.arena, v) }
func (b *builder) int(v int64)   { b.arena = strconv.AppendInt(b.arena, v, 10) }
func (b *builder) money(v int64) { b.arena = appendMoney(b.arena, v, b.p.currency, b.p.digits) }

// appendNum writes v in its shortest form ("96.5", "4", "0.125"), or
// "not measured" for NaN. Figures with at most two decimals, the common
// case, take a fast path that gives the same text.
func appendNum(dst []byte, v float64) []byte {
	if math.IsNaN(v) {
		return append(dst, "not measured"...)
	}
	if a := math.Abs(v); a < 1e12 {
		c := math.Round(v * 100)
		if c/100 == v {
			n := int64(c)
			if n < 0 {
				dst = append(dst, '-')
				n = -n
			}
			dst = strconv.AppendInt(dst, n/100, 10)
			if f := n % 100; f != 0 {
				dst = append(dst, '.', byte('0'+f/10))
				if f%10 != 0 {
					dst = append(dst, byte('0'+f%10))
				}
			}
			return dst
		}
	}
	return strconv.AppendFloat(dst, v, 'f', -1, 64)
}

// explain writes "qa_avg=96.5, csat=4.7" for the metrics a rule reads.
func (b *builder) explain(r *rule, vals []float64) {
	for i, s := range r.slots {
		if i > 0 {
			b.str(", ")
		}
		b.str(b.p.metrics[s].name)
		b.arena = append(b.arena, '=')
		b.num(vals[s])
	}
}

func (b *builder) agent(pos int, ai int32) {
	p := b.p
	a := &b.agents[ai]
	vals := b.row(ai)
	base := Line{Agent: a.ID, Team: a.Team}
	hold := ""
	pay := vals
	if b.pay {
		hold = b.qaHold(a)
		if hold != "" {
			copy(b.held, vals)
			for s, h := range p.qaHeld {
				if h {
					b.held[s] = math.NaN()
				}
			}
			pay = b.held
		}
	}
	start := len(b.lines)
	if b.pay {
		b.rewards(pos, base, a, vals, pay, hold)
		b.applyMultiplier(base, start, vals, pay, hold)
		b.applyCaps(start)
	}
	b.contests(pos, base, a)
	var finalUntil time.Time
	if b.pay {
		finalUntil = b.discipline(base, a)
		if len(p.ladder.grades) > 0 {
			b.career(base, a, vals, hold, finalUntil)
		}
	}
}

func (b *builder) rewards(pos int, base Line, a *AgentRecord, vals, pay []float64, hold string) {
	p := b.p
	for i := range p.rules {
		r := &p.rules[i]
		if r.when.Eval(pay) {
			b.awardLine(base, r, pay, "")
			continue
		}
		if hold != "" && r.readsQA && r.when.Eval(vals) {
			b.holdAward(base, r, vals, hold, "")
		}
	}
	for gi := range p.groups {
		g := &p.groups[gi]
		paid := g.firstTier(pay)
		if paid >= 0 {
			b.awardLine(base, &g.tiers[paid], pay, g.id)
		}
		if hold != "" {
			if real := g.firstTier(vals); real >= 0 && real != paid && (paid < 0 || real < paid) {
				b.holdAward(base, &g.tiers[real], vals, hold, g.id)
			}
		}
	}
	if c := p.compliments; c != nil {
		n := pay[c.slot]
		if amt, capped := c.amount(n); amt > 0 {
			rs := b.begin()
			b.int(int64(n))
			b.str(" customer compliments × ")
			b.money(c.each)
			if capped {
				b.str(", capped at ")
				b.money(c.max)
			}
			l := base
			l.Kind, l.Rule, l.Amount, l.Base, l.Title = KindAward, "compliments", amt, amt, c.title
			b.add(l, rs).pool = true
			ts := b.begin()
			if c.title != "" {
				b.str(c.title)
				b.str(": ")
			}
			b.int(int64(n))
			b.str(" customer compliments")
			b.public(Recognition{Agent: a.ID, Team: a.Team, Kind: "compliments", Rule: "compliments"}, ts)
		}
	}
	for i := range p.points {
		lr := &p.points[i]
		v := pay[lr.slot]
		pts := lr.pointsFor(v)
		if pts > 0 {
			rs := b.begin()
			b.str(p.metrics[lr.slot].name)
			b.arena = append(b.arena, ' ')
			b.num(v)
			b.str(" on the line from ")
			b.num(lr.from)
			b.str(" to ")
			b.num(lr.to)
			b.str(": ")
			b.int(pts)
			b.str(" of ")
			b.int(lr.points)
			b.str(" points")
			l := base
			l.Kind, l.Rule, l.Points = KindAward, lr.id, pts
			b.add(l, rs)
			continue
		}
		if hold != "" && p.qaHeld[lr.slot] {
			if real := lr.pointsFor(vals[lr.slot]); real > 0 {
				rs := b.begin()
				b.str("held: ")
				b.str(hold)
				b.str("; ")
				b.str(p.metrics[lr.slot].name)
				b.arena = append(b.arena, ' ')
				b.num(vals[lr.slot])
				b.str(" would earn ")
				b.int(real)
				b.str(" points")
				l := base
				l.Kind, l.Rule = KindHold, lr.id
				b.add(l, rs)
				b.private(l, "hold")
			}
		}
	}
	if im := p.improvers; im != nil {
		b.improverLine(pos, base, a, vals, hold)
	}
}

// improverLine writes the award of a top improver, or the hold of an agent
// whose improvement would rank but rests on held QA figures.
func (b *builder) improverLine(pos int, base Line, a *AgentRecord, vals []float64, hold string) {
	im := b.p.improvers
	name := b.p.metrics[im.slot].name
	v := vals[im.slot]
	if rank := b.improver[pos]; rank > 0 {
		rs := b.begin()
		b.str("rank ")
		b.int(int64(rank))
		b.str(" of the fastest improvers: ")
		b.str(name)
		b.str(" +")
		b.num(v)
		b.str(" over ")
		b.int(int64(a.QAEvaluations))
		b.str(" evaluations")
		l := base
		l.Kind, l.Rule, l.Amount, l.Base, l.Points, l.Title, l.Badge = KindAward, "improvers", im.bonus, im.bonus, im.points, im.title, im.badge
		b.add(l, rs).pool = im.bonus > 0
		ts := b.begin()
		if im.title != "" {
			b.str(im.title)
			b.str(": ")
		}
		b.str("fastest improver #")
		b.int(int64(rank))
		b.str(", ")
		b.str(name)
		b.str(" +")
		b.num(v)
		b.public(Recognition{Agent: a.ID, Team: a.Team, Kind: "improver", Rule: "improvers"}, ts)
		return
	}
	if hold != "" && b.p.qaHeld[im.slot] && !math.IsNaN(v) && v > 0 && v >= im.minImprovement && v >= b.improverMin && a.QAEvaluations >= im.minEvals {
		rs := b.begin()
		b.str("held: ")
		b.str(hold)
		b.str("; ")
		b.str(name)
		b.str(" +")
		b.num(v)
		b.str(" would rank among the fastest improvers")
		l := base
		l.Kind, l.Rule, l.Held = KindHold, "improvers", im.bonus
		b.add(l, rs)
		b.private(l, "hold")
	}
}

// awardLine writes the line of a rule or tier that fired.
func (b *builder) awardLine(base Line, r *rule, vals []float64, group string) {
	rs := b.begin()
	if group != "" {
		b.str(r.id[len("tiers.")+len(group)+1:])
		b.str(" of ")
		b.str(group)
		b.str(": ")
	}
	b.str(r.label)
	b.str(" (")
	b.explain(r, vals)
	b.arena = append(b.arena, ')')
	l := base
	l.Kind, l.Rule, l.Amount, l.Base, l.Points, l.Title, l.Badge = KindAward, r.id, r.bonus, r.bonus, r.points, r.title, r.badge
	b.add(l, rs).pool = r.bonus > 0
	if r.title != "" {
		b.st.Public = append(b.st.Public, Recognition{Agent: base.Agent, Team: base.Team, Kind: "title", Rule: r.id, Text: r.title})
	}
	if r.badge != "" {
		b.st.Public = append(b.st.Public, Recognition{Agent: base.Agent, Team: base.Team, Kind: "badge", Rule: r.id, Text: r.badge})
	}
}

// holdAward writes a hold line for a rule that fires only on QA figures
// that are held.
func (b *builder) holdAward(base Line, r *rule, vals []float64, hold, group string) {
	rs := b.begin()
	b.str("held: ")
	b.str(hold)
	b.str("; ")
	if group != "" {
		b.str(r.id[len("tiers.")+len(group)+1:])
		b.str(" of ")
		b.str(group)
		b.str(" ")
	}
	b.str("would pay on QA figures (")
	b.explain(r, vals)
	b.arena = append(b.arena, ')')
	l := base
	l.Kind, l.Rule, l.Held = KindHold, r.id, r.bonus
	b.add(l, rs)
	b.private(l, "hold")
}

// public adds a recognition whose text was written to the arena from ts.
func (b *builder) public(r Recognition, ts int) {
	b.st.Public = append(b.st.Public, r)
	b.pubText = append(b.pubText, pubSpan{len(b.st.Public) - 1, span{ts, len(b.arena)}})
}

type pubSpan struct {
	i int
	span
}

// private adds a line to the corrective list, with the line's reason
// filled in when the statement is finished.
func (b *builder) private(l Line, kind string) {
	b.st.Private = append(b.st.Private, CorrectiveItem{Agent: l.Agent, Team: l.Team, Kind: kind, Rule: l.Rule, Step: l.Step, Violations: l.Violations})
	b.privLine = append(b.privLine, int32(len(b.lines)-1))
}

// selectImprovers finds the top improvers: agents with enough QA
// evaluations and QA figures free of holds, whose improvement is at least
// the minimum, the best N of them, all agents tied with the N-th included.
func (b *builder) selectImprovers() {
	im := b.p.improvers
	n := len(b.order)
	b.improver = make([]int32, n)
	h := &floatHeap{}
	eligible := func(a *AgentRecord, v float64) bool {
		return !math.IsNaN(v) && v > 0 && v >= im.minImprovement && a.QAEvaluations >= im.minEvals
	}
	for _, ai := range b.order {
		a := &b.agents[ai]
		v := b.row(ai)[im.slot]
		if !eligible(a, v) || (b.p.qaHeld[im.slot] && b.qaHold(a) != "") {
			continue
		}
		if h.Len() < im.top {
			heap.Push(h, v)
		} else if v > (*h)[0] {
			(*h)[0] = v
			heap.Fix(h, 0)
		}
	}
	// A held agent would rank when there are places left, or when the
	// improvement reaches the lowest that ranked.
	b.improverMin = math.Inf(-1)
	if h.Len() == im.top {
		b.improverMin = (*h)[0]
	}
	if h.Len() == 0 {
		return
	}
	threshold := (*h)[0]
	var winners []int
	for pos, ai := range b.order {
		a := &b.agents[ai]
		v := b.row(ai)[im.slot]
		if eligible(a, v) && v >= threshold && !(b.p.qaHeld[im.slot] && b.qaHold(a) != "") {
			winners = append(winners, pos)
		}
	}
	slices.SortStableFunc(winners, func(x, y int) int {
		return -cmp.Compare(b.row(b.order[x])[im.slot], b.row(b.order[y])[im.slot])
	})
	for k, pos := range winners {
		rank := k + 1
		if k > 0 && b.row(b.order[pos])[im.slot] == b.row(b.order[winners[k-1]])[im.slot] {
			rank = int(b.improver[winners[k-1]])
		}
		b.improver[pos] = int32(rank)
	}
}

type floatHeap []float64

func (h floatHeap) Len() int           { return len(h) }
func (h floatHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h floatHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *floatHeap) Push(x any)        { *h = append(*h, x.(float64)) }
func (h *floatHeap) Pop() any {
	old := *h
	v := old[len(old)-1]
	*h = old[:len(old)-1]
	return v
}

func itoa(n int) string { return strconv.Itoa(n) }

// applyMultiplier scales the agent's bonus lines (from start) by the QA
// band of the agent, rounding each line half up to the minor unit.
func (b *builder) applyMultiplier(base Line, start int, vals, pay []float64, hold string) {
	mu := b.p.multiplier
	if mu == nil {
		return
	}
	bi := mu.bandOf(pay[mu.slot])
	if bi >= 0 && mu.bands[bi].percent != 100 {
		pct := mu.bands[bi].percent
		for k := start; k < len(b.lines); k++ {
			if b.meta[k].pool {
				b.lines[k].Amount = applyPercent(b.lines[k].Base, pct)
				b.meta[k].band = int32(bi)
				b.meta[k].bandVal = pay[mu.slot]
			}
		}
	}
	if hold == "" || !b.p.qaHeld[mu.slot] {
		return
	}
	real := mu.bandOf(vals[mu.slot])
	if real < 0 || real == bi {
		return
	}
	var diff int64
	for k := start; k < len(b.lines); k++ {
		if b.meta[k].pool {
			diff += applyPercent(b.lines[k].Base, mu.bands[real].percent) - b.lines[k].Amount
		}
	}
	rs := b.begin()
	b.str("held: ")
	b.str(hold)
	b.str("; QA band ")
	b.str(mu.bands[real].id)
	b.str(" (")
	b.str(b.p.metrics[mu.slot].name)
	b.arena = append(b.arena, '=')
	b.num(vals[mu.slot])
	b.str(") would make bonuses ")
	b.int(mu.bands[real].percent)
	b.str("%")
	l := base
	l.Kind, l.Rule, l.Held = KindHold, "qa_multiplier", diff
	b.add(l, rs)
	b.private(l, "hold")
}

// applyCaps cuts the agent's bonus lines down to the per-agent bonus cap,
// and its points to the points cap, sharing each cut in proportion by the
// largest remainder so that the parts add up exactly to the cap.
func (b *builder) applyCaps(start int) {
	p := b.p
	if p.capBonus > 0 {
		var sum int64
		for k := start; k < len(b.lines); k++ {
			if b.meta[k].pool {
				sum += b.lines[k].Amount
			}
		}
		if sum > p.capBonus {
			var w []int64
			for k := start; k < len(b.lines); k++ {
				if b.meta[k].pool {
					w = append(w, b.lines[k].Amount)
				}
			}
			out := make([]int64, len(w))
			apportion(p.capBonus, w, out)
			i := 0
			for k := start; k < len(b.lines); k++ {
				if b.meta[k].pool {
					b.lines[k].Amount = out[i]
					b.meta[k].capped = w[i] != out[i]
					i++
				}
			}
		}
	}
	if p.capPoints > 0 {
		var sum int64
		for k := start; k < len(b.lines); k++ {
			if b.lines[k].Kind == KindAward {
				sum += b.lines[k].Points
			}
		}
		if sum > p.capPoints {
			var w []int64
			for k := start; k < len(b.lines); k++ {
				if b.lines[k].Kind == KindAward {
					w = append(w, b.lines[k].Points)
				}
			}
			out := make([]int64, len(w))
			apportion(p.capPoints, w, out)
			i := 0
			for k := start; k < len(b.lines); k++ {
				if b.lines[k].Kind == KindAward {
					b.meta[k].pointsCapped = w[i] != out[i]
					b.lines[k].Points = out[i]
					i++
				}
			}
		}
	}
}

// contests writes the agent's share of its team's contest prizes.
func (b *builder) contests(pos int, base Line, a *AgentRecord) {
	k := 0
	for ci := range b.p.contests {
		c := &b.p.contests[ci]
		if c.every != b.per.Cadence {
			continue
		}
		share := b.contestPay[k][pos]
		rank := b.contestRank[k][pos]
		row := &b.contestRows[k][b.teamOf[pos]]
		k++
		if share <= 0 {
			continue
		}
		rs := b.begin()
		if a.careHold() {
			b.str("held: ")
			b.str(careHoldReason)
			b.str("; ")
		}
		b.str("team ")
		b.str(a.Team)
		b.str(" ranks ")
		b.int(int64(rank))
		b.str(" in ")
		b.str(c.id)
		b.str(" (mean ")
		b.str(c.metric)
		b.arena = append(b.arena, ' ')
		b.num(roundTo(row.value, 4))
		b.str(" over ")
		b.int(int64(len(row.members)))
		b.str(" agents); an equal share of the team prize ")
		b.money(row.prize)
		l := base
		l.Rule, l.Title = "contest."+c.id, c.title
		if a.careHold() {
			l.Kind, l.Held = KindHold, share
			b.add(l, rs)
			b.private(l, "hold")
			continue
		}
		l.Kind, l.Amount, l.Base = KindAward, share, share
		b.add(l, rs)
	}
}
