package incentives

import (
	"cmp"
	"container/heap"
	"github.com/callfloor/callfloor"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/callfloor/callfloor/internal/cond"
)

// Evaluate computes the statement of a period for the given agents. It
// checks every record first and returns a *callfloor.InputError naming the first
// bad field (in input order) without computing anything; it returns
// another error only when the sums of a statement would leave the int64
// range of minor units. Evaluate is pure: the same period, records and
// policy give the same statement, byte for byte, whatever the order of
// the records.
//
// In a period whose cadence is the policy's pay period, Evaluate applies
// the reward rules, tiers, compliments, points, improvers, QA multiplier,
// caps and pool, discipline and the career ladder; in every period it runs
// the contests whose cadence matches.
//
// On a nil or zero Policy, Evaluate returns ErrZeroPolicy.
func (p *Policy) Evaluate(per Period, agents []AgentRecord) (Statement, error) {
	if p.zero() {
		return Statement{}, ErrZeroPolicy
	}
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

// The kinds of rec, indexes of lineKinds.
const (
	kAward uint8 = iota
	kPenalty
	kHold
	kGrade
)

var lineKinds = [...]LineKind{KindAward, KindPenalty, KindHold, KindGrade}

// Flags of a rec.
const (
	fPool         uint8 = 1 << iota // a bonus: scaled by the multiplier, the cap and the pool
	fAward                          // carries the title and badge of its source
	fCapped                         // cut by the per-agent bonus cap
	fPointsCapped                   // cut by the per-agent points cap
	fPooled                         // scaled to the pool
	fHeldFine                       // a hold line holding back a fine
)

// rec is a statement line while the statement is being built. It holds
// no pointers, so the garbage collector never scans the hundreds of
// thousands of them; finish turns each into a Line, whose strings are the
// policy's, the records' and substrings of the statement's text.
type rec struct {
	amount, base, held, points int64
	pos                        int32 // the agent's position in id order
	src                        int32 // index in Policy.sources
	vs, ve                     int32 // violations, in builder.viols
	rs, re                     int32 // the own reason's text, in the text
	fs, fe                     int32 // the own reason's facts, in builder.facts
	xs, xe                     int32 // the factors' reasons of a fine, in builder.extra
	g                          int32 // 1 + the guardrail's reason in builder.tails, 0 for none
	shared                     int32 // 1 + the own reason in builder.sharedR, 0 for none
	mul                        int32 // 1 + the QA multiplier's reason in builder.mulR, 0 for none
	kind                       uint8
	step                       uint8 // level of the discipline step, 0 for none
	flags                      uint8
}

// The kinds of public recognition, indexes of pubKinds.
const (
	pubTitle uint8 = iota
	pubBadge
	pubImprover
	pubCompliments
	pubContest
)

var pubKinds = [...]RecognitionKind{RecognizeTitle, RecognizeBadge, RecognizeImprover, RecognizeCompliments, RecognizeContest}

// builder computes one statement. Its slices are indexed by input index
// (the order of the records passed in) or by sorted position (the order of
// agent ids, which is the statement's), as their comments say.
type builder struct {
	p        *Policy
	per      Period
	pay      bool
	agents   []AgentRecord
	order    []int32                  // input indices sorted by agent id
	matrix   []float64                // metric rows by input index
	nan      []uint64                 // unmeasured slots by input index, as maskOf makes them
	grade    []int32                  // ladder grade by input index
	career   []float64                // career rows (ladder columns) by input index
	ids      []string                 // agent ids by sorted position
	teams    []string                 // team ids, sorted
	sizes    []int                    // agents per team
	teamOf   []int32                  // team index by sorted position
	held     []float64                // the row of an agent with held QA figures
	text     text                     // every reason's sentence
	facts    chunks[callfloor.Fact]   // every reason's facts
	reasons  chunks[callfloor.Reason] // the reasons of praise, notices and the ladder
	extra    []callfloor.Reason       // the factors of fines, by rec.xs and rec.xe
	tails    []callfloor.Reason       // the guardrails of the lines, by rec.g
	careG    int32                    // the rec.g of the wellbeing hold, 0 until used
	disputeG int32                    // the rec.g of the dispute hold, 0 until used
	privOf   []int32                  // the line of each item of Statement.Private, or -1 for a notice
	recs     []rec
	first    []int32 // first rec of each sorted position, plus one past the end
	viols    []string
	split    apportioner

	// The texts and facts of the commonest lines, by the figures that
	// make them.
	compliments []complimentText         // by count
	pointsText  []map[float64]pointsSpan // by points rule, then figure
	praised     map[praiseKey][]callfloor.Reason
	mulR        []callfloor.Reason             // the QA multiplier's reasons, by rec.mul
	poolR       map[[2]int64]callfloor.Reason  // the pool's reason, by the line's amount before and after
	ladderR     map[ladderKey]callfloor.Reason // a requirement's reason, by what it depends on
	mulOf       map[bandKey]int32              // rec.mul by what the reason depends on
	sharedR     [][]callfloor.Reason           // own reasons that lines of equal figures share

	improver    []int32 // improver rank by sorted position, 0 for none
	improverMin float64 // the lowest improvement that ranked
	bounds      []float64
	running     []runningContest

	steps    []datedStep
	endLoc   *time.Location // the location endY, endM and endD are in
	endY     int
	endM     time.Month
	endD     int
	sinceEnd time.Time // steps after it are active at the period's end
	vidx     []int
	batches  [][]string
	climbed  []int

	// The agent's first dismissal this period: its step line, or -1, and
	// the kind and date of the violation that led to it.
	dismissal   int32
	dismissKind *violationKind
	dismissAt   time.Time
	tail        []CorrectiveItem // scratch for withhold
	privTail    []int32          // scratch for withhold

	// What the caps and the pool did, for the notes: the cuts of the caps
	// by line, and the amount of every pool line before the pool (in
	// line order), when the pool scaled them.
	capMoney, capPoints map[int32]capCut
	poolIn              []int64
	poolAt              []int32 // the line of each weight of poolIn

	// A dismissal of the history still in force at the period's start,
	// when there is none this period: its date and violations.
	sinceStart time.Time // steps after it are in force at the period's start
	priorAt    time.Time
	priorViols []string

	// The career ladder's results, written as they are found.
	nexts      chunks[NextGrade]
	shortfalls chunks[Shortfall]

	st Statement
}

// complimentText is where the reason of a count of compliments is in the
// text and its facts, and its praise; praise is nil until they are
// written.
type complimentText struct {
	rs, re int32
	fs, fe int32
	shared int32 // the line's own reason, as rec.shared
	praise []callfloor.Reason
}

// pointsSpan is where the reason of a points rule's figure is in the text
// and its facts, and the reason itself, as rec.shared.
type pointsSpan struct{ rs, re, fs, fe, shared int32 }

// praiseKey names praise that reads no figure: a rule's title or badge.
type praiseKey struct {
	src  int32
	kind uint8
}

// runningContest is a contest of the period's cadence, its teams ranked.
type runningContest struct {
	c    *contest
	rows []teamRow
	seen []int32 // members of each team met so far, in id order
}

func (b *builder) load() error {
	p := b.p
	n := len(b.agents)
	m := len(p.metrics)
	lc := len(p.ladder.cols)
	b.matrix = make([]float64, n*m)
	b.nan = make([]uint64, n)
	if len(p.ladder.grades) > 0 {
		b.grade = make([]int32, n)
	}
	if b.pay && lc > 0 {
		b.career = make([]float64, n*lc)
	}
	for i := range b.agents {
		var crow []float64
		if b.career != nil {
			crow = b.career[i*lc : i*lc+lc]
		}
		f, err := p.validateAgent(i, &b.agents[i], b.per, b.pay, b.matrix[i*m:i*m+m], crow)
		if err != nil {
			if d := firstDuplicate(b.agents[:i+1]); d != nil {
				return d
			}
			return err
		}
		b.nan[i] = f.nan
		if b.grade != nil {
			b.grade[i] = f.grade
		}
	}
	b.order = make([]int32, n)
	if sortedByID(b.agents) {
		for i := range b.order {
			b.order[i] = int32(i)
		}
	} else if err := b.sortByID(); err != nil {
		return err
	}
	// Teams, by first appearance in input order, then sorted. Records of
	// one team usually come together, so the map is asked only when the
	// team changes.
	index := map[string]int32{}
	var ids []string
	teamIn := make([]int32, n)
	last, lastK := "", int32(-1)
	for i := range b.agents {
		t := b.agents[i].Team
		if lastK < 0 || t != last {
			k, ok := index[t]
			if !ok {
				k = int32(len(ids))
				index[t] = k
				ids = append(ids, t)
			}
			last, lastK = t, k
		}
		teamIn[i] = lastK
	}
	sorted := make([]int32, len(ids))
	for k := range sorted {
		sorted[k] = int32(k)
	}
	slices.SortFunc(sorted, func(x, y int32) int { return strings.Compare(ids[x], ids[y]) })
	rank := make([]int32, len(ids))
	b.teams = make([]string, len(ids))
	for r, k := range sorted {
		rank[k] = int32(r)
		b.teams[r] = ids[k]
	}
	b.sizes = make([]int, len(ids))
	b.teamOf = make([]int32, n)
	b.ids = make([]string, n)
	for pos, ai := range b.order {
		t := rank[teamIn[ai]]
		b.teamOf[pos] = t
		b.sizes[t]++
		b.ids[pos] = b.agents[ai].ID
	}
	return nil
}

// sortedByID reports whether the ids are already in strictly increasing
// order, as a host that keeps its agents sorted passes them: then there
// is nothing to sort and no id repeats.
func sortedByID(agents []AgentRecord) bool {
	for i := 1; i < len(agents); i++ {
		if agents[i-1].ID >= agents[i].ID {
			return false
		}
	}
	return true
}

// sortByID fills b.order with the input indices in id order, and reports
// the first repeated id (in input order).
func (b *builder) sortByID() error {
	agents := b.agents
	// Ids often share a prefix ("agent-", "E00"). The 8 bytes after the
	// prefix all ids share, as a big-endian number padded with zeros,
	// order the ids wherever they differ, and settle most comparisons
	// without reading the ids again.
	lcp := len(agents[0].ID)
	for i := 1; i < len(agents) && lcp > 0; i++ {
		id := agents[i].ID
		n := min(lcp, len(id))
		k := 0
		for k < n && id[k] == agents[0].ID[k] {
			k++
		}
		lcp = k
	}
	type key struct {
		pre uint64
		i   int32
	}
	keys := make([]key, len(agents))
	for i := range keys {
		id := agents[i].ID[lcp:]
		var pre uint64
		for k := 0; k < 8; k++ {
			pre <<= 8
			if k < len(id) {
				pre |= uint64(id[k])
			}
		}
		keys[i] = key{pre, int32(i)}
	}
	keys = radixSort(keys, func(k key) uint64 { return k.pre })
	// Equal keys are in input order; ids that share them are ordered by
	// reading them whole.
	for lo := 0; lo < len(keys); {
		hi := lo + 1
		for hi < len(keys) && keys[hi].pre == keys[lo].pre {
			hi++
		}
		if hi-lo > 1 {
			slices.SortStableFunc(keys[lo:hi], func(x, y key) int { return strings.Compare(agents[x.i].ID, agents[y.i].ID) })
		}
		lo = hi
	}
	dup := -1
	for k := range keys {
		b.order[k] = keys[k].i
		if k > 0 && keys[k].pre == keys[k-1].pre && agents[keys[k].i].ID == agents[keys[k-1].i].ID && (dup < 0 || keys[k].i < keys[dup].i) {
			dup = k
		}
	}
	if dup >= 0 {
		i, j := keys[dup].i, keys[dup-1].i
		return callfloor.Duplicate(callfloor.Path("agents").Index(int(i)).Child("id"), agents[i].ID, callfloor.Path("agents").Index(int(j)))
	}
	return nil
}

// radixSort sorts xs by key, stably, one byte of the key at a time from
// the lowest; a byte that is the same in every key costs one counting
// pass. It returns the sorted slice, which is xs or a scratch copy.
func radixSort[T any](xs []T, key func(T) uint64) []T {
	tmp := make([]T, len(xs))
	var counts [256]int
	for shift := uint(0); shift < 64; shift += 8 {
		clear(counts[:])
		for _, x := range xs {
			counts[byte(key(x)>>shift)]++
		}
		if counts[byte(key(xs[0])>>shift)] == len(xs) {
			continue
		}
		at := 0
		for d, c := range counts {
			counts[d] = at
			at += c
		}
		for _, x := range xs {
			d := byte(key(x) >> shift)
			tmp[counts[d]] = x
			counts[d]++
		}
		xs, tmp = tmp, xs
	}
	return xs
}

// firstDuplicate returns the error of the first record whose id repeats
// an earlier one, or nil.
func firstDuplicate(agents []AgentRecord) error {
	seen := make(map[string]int, len(agents))
	for i := range agents {
		id := agents[i].ID
		if j, dup := seen[id]; dup && id != "" {
			return callfloor.Duplicate(callfloor.Path("agents").Index(i).Child("id"), id, callfloor.Path("agents").Index(j))
		}
		seen[id] = i
	}
	return nil
}

func (b *builder) row(ai int32) []float64 {
	m := len(b.p.metrics)
	return b.matrix[int(ai)*m : int(ai)*m+m]
}

// qaHold says why an agent's QA figures are held out of pay and
// discipline: holdDispute, holdFewEvals or holdNone.
func (b *builder) qaHold(a *AgentRecord) uint8 {
	if a.QADisputeOpen {
		return holdDispute
	}
	if a.QAEvaluations < b.p.qaMinEvals {
		return holdFewEvals
	}
	return holdNone
}

// Why an agent's QA figures are held.
const (
	holdNone uint8 = iota
	holdDispute
	holdFewEvals
)

func (b *builder) run() {
	p := b.p
	n := len(b.order)
	b.st = Statement{Policy: p.id, Period: b.per, Currency: p.currency, MinorDigits: p.digits}
	b.recs = make([]rec, 0, min(n, 256)*4+16)
	b.first = make([]int32, n+1)
	b.held = make([]float64, len(p.metrics))
	if b.pay {
		b.compliments = make([]complimentText, 256)
		b.pointsText = make([]map[float64]pointsSpan, len(p.points))
		for i := range b.pointsText {
			b.pointsText[i] = map[float64]pointsSpan{}
		}
	}
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
		b.running = append(b.running, runningContest{c: c, rows: rows, seen: make([]int32, len(rows))})
		for _, s := range res.Table {
			if s.Prize > 0 {
				fs := b.mark()
				b.fact("rank", float64(s.Rank))
				b.podiumText(c, s.Rank)
				b.st.Public = append(b.st.Public, Recognition{Team: s.Team, Kind: pubKinds[pubContest],
					Reasons: b.one(b.reason(p.sources[c.src].rule, callfloor.Fired, b.text.endString(), fs))})
			}
		}
	}
	const sample = 256
	for pos, ai := range b.order {
		if pos == sample && n > 2*sample {
			b.reserve(sample, n)
		}
		b.first[pos] = int32(len(b.recs))
		b.agent(pos, ai)
	}
	b.first[n] = int32(len(b.recs))
}

// reserve grows the builder's buffers once, to what the first done
// agents suggest the whole center needs, so that they are not copied over
// and over as they fill.
func (b *builder) reserve(done, n int) {
	grow := func(have int) int { return have*n/done + have*n/done/8 + 64 }
	b.recs = slices.Grow(b.recs, grow(len(b.recs))-len(b.recs))
	b.st.Public = slices.Grow(b.st.Public, grow(len(b.st.Public))-len(b.st.Public))
	b.st.Private = slices.Grow(b.st.Private, grow(len(b.st.Private))-len(b.st.Private))
	b.privOf = slices.Grow(b.privOf, grow(len(b.privOf))-len(b.privOf))
	if len(b.st.Careers) > 0 {
		b.st.Careers = slices.Grow(b.st.Careers, n-len(b.st.Careers))
	}
}

// begin starts a piece of text: a line's reason is written between begin
// and add, a recognition's between begin and public.
func (b *builder) begin() { b.text.begin() }

// add appends a line of the agent at pos whose own reason is the text
// written since begin, with the facts from fs on.
func (b *builder) add(pos int, kind uint8, src int32, fs int32) *rec {
	rs, re := b.text.end()
	return b.addSpan(pos, kind, src, rs, re, fs, b.mark())
}

// addSpan appends a line whose reason's text and facts are already
// written.
func (b *builder) addSpan(pos int, kind uint8, src int32, rs, re int32, fs, fe int32) *rec {
	b.recs = append(b.recs, rec{pos: int32(pos), kind: kind, src: src, rs: rs, re: re, fs: fs, fe: fe})
	return &b.recs[len(b.recs)-1]
}

// violations records ids as the violations of the line r.
func (b *builder) violations(r *rec, ids ...string) {
	r.vs = int32(len(b.viols))
	b.viols = append(b.viols, ids...)
	r.ve = int32(len(b.viols))
}

func (b *builder) str(s string) { b.text.str(s) }
func (b *builder) strs(ss ...string) {
	for _, s := range ss {
		b.text.str(s)
	}
}
func (b *builder) num(v float64) { b.text.num(v) }
func (b *builder) int(v int64)   { b.text.int(v) }
func (b *builder) money(v int64) { b.text.money(v, b.p.currency, b.p.digits) }

// appendNum writes v in its shortest form ("96.5", "4", "0.13"), rounded
// to two decimals as reasons are read by people (the conditions' own
// explanations round the same way), or "not measured" for NaN.
func appendNum(dst []byte, v float64) []byte { return appendFigure(dst, v, nil) }

// appendFigure is appendNum for a figure compared with thresholds: it
// shows more decimals where two would put the figure on the other side
// of, or on, a threshold (cond.AppendFigure), so that a reason never
// makes its rule look wrong. Figures with at most two decimals, the
// common case, take a fast path that gives the same text.
func appendFigure(dst []byte, v float64, thresholds []float64) []byte {
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
	return cond.AppendFigure(dst, v, thresholds)
}

// explain writes "qa_avg=96.5, csat=4.7" for the metrics a rule reads,
// each rounded so that it compares with the rule's thresholds as the
// figure itself does.
func (b *builder) explain(r *rule, vals []float64) {
	for i, s := range r.slots {
		if i > 0 {
			b.str(", ")
		}
		b.str(b.p.metrics[s].eq)
		b.text.piece = appendFigure(b.text.piece, vals[s], r.when.Thresholds(s))
		b.fact(b.p.metrics[s].name, vals[s])
	}
}

// figures is one agent's period figures: as measured, and as pay may use
// them (with QA figures held out when hold says why).
type figures struct {
	vals, pay []float64
	nan, pnan uint64 // unmeasured slots of vals and of pay
	hold      uint8  // why QA figures are held: holdNone, holdDispute, holdFewEvals
	evals     int    // the QA evaluations the period's figures rest on
}

func (b *builder) agent(pos int, ai int32) {
	p := b.p
	a := &b.agents[ai]
	start := len(b.recs)
	pub, priv := len(b.st.Public), len(b.st.Private)
	if b.pay {
		f := figures{vals: b.row(ai), nan: b.nan[ai], evals: a.QAEvaluations}
		f.pay, f.pnan = f.vals, f.nan
		if f.hold = b.qaHold(a); f.hold != holdNone {
			copy(b.held, f.vals)
			for _, s := range p.qaSlots {
				b.held[s] = math.NaN()
			}
			f.pay, f.pnan = b.held, f.nan|p.qaMask
		}
		b.rewards(pos, a, &f)
		b.applyMultiplier(pos, start, &f)
		b.applyCaps(start)
	}
	b.contests(pos, a)
	if b.pay {
		awards := len(b.recs)
		b.dismissal = -1
		finalUntil := b.discipline(pos, a)
		if p.discipline.withholdAwards && (b.dismissal >= 0 || b.priorDismissal(a)) {
			b.withhold(start, awards, pub, priv)
		}
		if len(p.ladder.grades) > 0 {
			b.placeOnLadder(pos, ai, a, finalUntil)
		}
	}
}

func (b *builder) rewards(pos int, a *AgentRecord, f *figures) {
	p := b.p
	for i := range p.rules {
		r := &p.rules[i]
		if r.fires(f.pay, f.pnan) {
			b.awardLine(pos, r, f.pay)
			continue
		}
		if f.hold != holdNone && r.readsQA && r.fires(f.vals, f.nan) {
			b.holdAward(pos, r, f)
		}
	}
	for gi := range p.groups {
		g := &p.groups[gi]
		paid := g.firstTier(f.pay, f.pnan)
		if paid >= 0 {
			b.awardLine(pos, &g.tiers[paid], f.pay)
		}
		if f.hold != holdNone {
			if real := g.firstTier(f.vals, f.nan); real >= 0 && (paid < 0 || real < paid) {
				b.holdAward(pos, &g.tiers[real], f)
			}
		}
	}
	if c := p.compliments; c != nil {
		n := f.pay[c.slot]
		if amt, capped := c.amount(n); amt > 0 {
			// The reason and the praise depend on the count alone.
			var t complimentText
			k := int(min(n, float64(len(b.compliments))))
			if k < len(b.compliments) {
				t = b.compliments[k]
			}
			// n*each passes the int64 range beyond 2^63 minor units; the
			// cap is then all there is to say.
			hi, lo := bits.Mul64(uint64(n), uint64(c.each))
			product := hi == 0 && lo <= math.MaxInt64
			if t.praise == nil {
				b.begin()
				switch {
				case !capped:
					b.complimentsText(int64(n), c.each, amt)
				case product:
					b.complimentsCappedText(int64(n), c.each, int64(lo), c.max)
				default:
					b.complimentsCapText(int64(n), c.each, c.max)
				}
				t.rs, t.re = b.text.end()
				t.fs = b.mark()
				b.fact(b.p.metrics[c.slot].name, n)
				b.fact("each", float64(c.each))
				if product {
					b.fact("amount", float64(lo))
				}
				if capped {
					b.fact("max", float64(c.max))
				}
				t.fe = b.mark()
				t.shared = b.share(c.src, t.rs, t.re, t.fs, t.fe)
				b.begin()
				b.complimentsPraiseText(c.title, int64(n))
				t.praise = b.one(callfloor.Reason{Rule: p.sources[c.src].rule, Outcome: callfloor.Fired,
					Text: b.text.endString(), Facts: b.factsOf(t.fs, t.fs+1)})
				if k < len(b.compliments) {
					b.compliments[k] = t
				}
			}
			r := b.addSpan(pos, kAward, c.src, t.rs, t.re, t.fs, t.fe)
			r.amount, r.base, r.flags, r.shared = amt, amt, fPool|fAward, t.shared
			b.praiseShared(pos, pubCompliments, t.praise)
		}
	}
	for i := range p.points {
		lr := &p.points[i]
		v := f.pay[lr.slot]
		if pts := lr.pointsFor(v); pts > 0 {
			// The reason depends on the figure alone.
			sp, ok := b.pointsText[i][v]
			if !ok {
				b.begin()
				b.pointsAwardText(lr, v, pts)
				sp.rs, sp.re = b.text.end()
				sp.fs = b.pointsFacts(lr, v, pts)
				sp.fe = b.mark()
				sp.shared = b.share(lr.src, sp.rs, sp.re, sp.fs, sp.fe)
				b.pointsText[i][v] = sp
			}
			r := b.addSpan(pos, kAward, lr.src, sp.rs, sp.re, sp.fs, sp.fe)
			r.points, r.shared = pts, sp.shared
			continue
		}
		if f.hold != holdNone && p.qaHeld[lr.slot] {
			if real := lr.pointsFor(f.vals[lr.slot]); real > 0 {
				fs := b.pointsFacts(lr, f.vals[lr.slot], real)
				b.begin()
				b.pointsAwardText(lr, f.vals[lr.slot], real)
				r := b.add(pos, kHold, lr.src, fs)
				b.qaGuard(r, f)
				b.private()
			}
		}
	}
	if p.improvers != nil {
		b.improverLine(pos, a, f)
	}
}

// improverLine writes the award of a top improver, or the hold of an agent
// whose improvement would rank but rests on held QA figures.
func (b *builder) improverLine(pos int, a *AgentRecord, f *figures) {
	im := b.p.improvers
	name := b.p.metrics[im.slot].name
	v := f.vals[im.slot]
	if rank := b.improver[pos]; rank > 0 {
		fs := b.mark()
		b.fact("rank", float64(rank))
		b.fact(name, v)
		b.fact("evaluations", float64(a.QAEvaluations))
		b.begin()
		b.improverText(int64(rank), name, v, int64(a.QAEvaluations))
		r := b.add(pos, kAward, im.src, fs)
		r.amount, r.base, r.points, r.flags = im.bonus, im.bonus, im.points, fAward
		if im.bonus > 0 {
			r.flags |= fPool
		}
		b.begin()
		b.improverPraiseText(im.title, int64(rank), name, v)
		b.praiseShared(pos, pubImprover, b.one(callfloor.Reason{Rule: b.p.sources[im.src].rule, Outcome: callfloor.Fired,
			Text: b.text.endString(), Facts: b.factsOf(fs, fs+2)}))
		return
	}
	if f.hold != holdNone && b.p.qaHeld[im.slot] && im.eligible(v, a.QAEvaluations) && v >= b.improverMin {
		fs := b.mark()
		b.fact(name, v)
		b.begin()
		b.improverHeldText(name, v)
		r := b.add(pos, kHold, im.src, fs)
		r.held = im.bonus
		b.qaGuard(r, f)
		b.private()
	}
}

// awardLine writes the line of a rule or tier that fired.
func (b *builder) awardLine(pos int, r *rule, vals []float64) {
	fs := b.mark()
	b.begin()
	b.str(r.head)
	b.explain(r, vals)
	b.text.byte(')')
	l := b.add(pos, kAward, r.src, fs)
	l.amount, l.base, l.points, l.flags = r.bonus, r.bonus, r.points, fAward
	if r.bonus > 0 {
		l.flags |= fPool
	}
	if r.title != "" {
		b.praise(pos, pubTitle, r.src, r.title)
	}
	if r.badge != "" {
		b.praise(pos, pubBadge, r.src, r.badge)
	}
}

// holdAward writes a hold line for a rule that fires only on QA figures
// that are held: the rule's own sentence, as it would pay, and the
// guardrail that holds it.
func (b *builder) holdAward(pos int, r *rule, f *figures) {
	fs := b.mark()
	b.begin()
	b.str(r.head)
	b.explain(r, f.vals)
	b.text.byte(')')
	l := b.add(pos, kHold, r.src, fs)
	l.held = r.bonus
	b.qaGuard(l, f)
	b.private()
}

// share stores the reason of a line that many lines read alike (the
// text from rs to re, the facts from fs to fe), for every line that has
// no other reason, and returns it as rec.shared.
func (b *builder) share(src, rs, re, fs, fe int32) int32 {
	b.sharedR = append(b.sharedR, b.one(callfloor.Reason{Rule: b.p.sources[src].rule, Outcome: callfloor.Fired,
		Text: b.text.stringOf(rs, re), Facts: b.factsOf(fs, fe)}))
	return int32(len(b.sharedR))
}

// praiseShared adds a recognition of the agent at pos with the given
// reasons, which other recognitions may share.
func (b *builder) praiseShared(pos int, kind uint8, reasons []callfloor.Reason) {
	b.st.Public = append(b.st.Public, Recognition{Agent: b.ids[pos], Team: b.teams[b.teamOf[pos]], Kind: pubKinds[kind], Reasons: reasons})
}

// praise adds a recognition of the agent at pos that reads no figure: a
// rule's title or badge, whose reason every agent given it shares.
func (b *builder) praise(pos int, kind uint8, src int32, text string) {
	key := praiseKey{src: src, kind: kind}
	rs, ok := b.praised[key]
	if !ok {
		if b.praised == nil {
			b.praised = map[praiseKey][]callfloor.Reason{}
		}
		rs = b.one(callfloor.Reason{Rule: b.p.sources[src].rule, Outcome: callfloor.Fired, Text: text})
		b.praised[key] = rs
	}
	b.praiseShared(pos, kind, rs)
}

// private adds the last line added to the corrective list.
func (b *builder) private() { b.privateOf(int32(len(b.recs) - 1)) }

// privateOf adds the line recs[k] to the corrective list; its reasons are
// the line's, set when the lines are.
func (b *builder) privateOf(k int32) {
	r := &b.recs[k]
	it := CorrectiveItem{Agent: b.ids[r.pos], Team: b.teams[b.teamOf[r.pos]], Kind: itemKinds[r.kind-1], Step: stepByLevel[r.step]}
	if r.ve > r.vs {
		it.Violations = b.viols[r.vs:r.ve:r.ve]
	}
	b.st.Private = append(b.st.Private, it)
	b.privOf = append(b.privOf, k)
}

// eligible says whether an improvement ranks at all: measured, above
// zero and the policy's minimum, over enough evaluations.
func (im *improverRule) eligible(v float64, evals int) bool {
	return !math.IsNaN(v) && v > 0 && v >= im.minImprovement && evals >= im.minEvals
}

// selectImprovers finds the top improvers: agents with enough QA
// evaluations and QA figures free of holds, whose improvement is at least
// the minimum, the best N of them, all agents tied with the N-th included.
func (b *builder) selectImprovers() {
	im := b.p.improvers
	n := len(b.order)
	b.improver = make([]int32, n)
	held := b.p.qaHeld[im.slot]
	ranks := func(ai int32) (float64, bool) {
		a := &b.agents[ai]
		v := b.row(ai)[im.slot]
		return v, im.eligible(v, a.QAEvaluations) && !(held && b.qaHold(a) != holdNone)
	}
	h := &floatHeap{}
	for _, ai := range b.order {
		v, ok := ranks(ai)
		if !ok {
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
		if v, ok := ranks(ai); ok && v >= threshold {
			winners = append(winners, pos)
		}
	}
	value := func(pos int) float64 { return b.row(b.order[pos])[im.slot] }
	slices.SortStableFunc(winners, func(x, y int) int { return -cmp.Compare(value(x), value(y)) })
	for k, pos := range winners {
		rank := k + 1
		if k > 0 && value(pos) == value(winners[k-1]) {
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

// improverBounds are the figures an improvement is compared with: zero,
// the policy's minimum and the lowest improvement that ranked.
func (b *builder) improverBounds() []float64 {
	im := b.p.improvers
	b.bounds = append(b.bounds[:0], 0, im.minImprovement)
	if !math.IsInf(b.improverMin, 0) {
		b.bounds = append(b.bounds, b.improverMin)
	}
	return b.bounds
}

// count writes "1 point", "2 points": n and the noun for it.
func (b *builder) count(n int64, one, many string) {
	b.int(n)
	b.text.byte(' ')
	if n == 1 {
		b.str(one)
	} else {
		b.str(many)
	}
}

// applyMultiplier scales the agent's bonus lines (from start) by the QA
// band of the agent, rounding each line half up to the minor unit. When
// the band's metric is not measured, or held, the bonuses stay as the
// rules state them and their notes say why; a held band that would have
// changed them gets a hold line with the difference.
func (b *builder) applyMultiplier(pos, start int, f *figures) {
	mu := b.p.multiplier
	if mu == nil {
		return
	}
	v := f.pay[mu.slot]
	bi := mu.bandOf(v)
	switch {
	case bi >= 0 && mu.bands[bi].percent != 100:
		pct := mu.bands[bi].percent
		for k := start; k < len(b.recs); k++ {
			if r := &b.recs[k]; r.flags&fPool != 0 {
				r.amount = applyPercent(r.base, pct)
				r.mul = b.bandReason(r.base, bi, v)
			}
		}
	case math.IsNaN(v):
		band := noBand
		if !math.IsNaN(f.vals[mu.slot]) {
			band = bandHeld
		}
		for k := start; k < len(b.recs); k++ {
			if r := &b.recs[k]; r.flags&fPool != 0 {
				r.mul = b.bandReason(r.base, band, v)
			}
		}
	}
	if f.hold == holdNone || !b.p.qaHeld[mu.slot] {
		return
	}
	real := mu.bandOf(f.vals[mu.slot])
	if real < 0 || real == bi {
		return
	}
	var diff int64
	for k := start; k < len(b.recs); k++ {
		if r := &b.recs[k]; r.flags&fPool != 0 {
			diff += applyPercent(r.base, mu.bands[real].percent) - r.amount
		}
	}
	if diff == 0 {
		return // the band would change nothing: no bonus, or 100%
	}
	bd := &mu.bands[real]
	fs := b.mark()
	b.fact(b.p.metrics[mu.slot].name, f.vals[mu.slot])
	b.fact("min", bd.min)
	b.fact("percent", float64(bd.percent))
	b.fact("difference", float64(diff))
	b.begin()
	b.bandHeldText(bd, b.p.metrics[mu.slot].name, f.vals[mu.slot], mu.mins)
	r := b.add(pos, kHold, bd.src, fs)
	r.held = diff
	b.qaGuard(r, f)
	b.private()
}

// applyCaps cuts the agent's bonus lines down to the per-agent bonus cap,
// and its points to the points cap, sharing each cut in proportion by the
// largest remainder so that the parts add up exactly to the cap.
func (b *builder) applyCaps(start int) {
	p := b.p
	lines := b.recs[start:]
	if p.capBonus > 0 {
		var sum int64
		for k := range lines {
			if lines[k].flags&fPool != 0 {
				sum += lines[k].amount
			}
		}
		if sum > p.capBonus {
			if b.capMoney == nil {
				b.capMoney = map[int32]capCut{}
			}
			b.capLines(start, lines, p.capBonus, fPool, fCapped, b.capMoney,
				func(r *rec) int64 { return r.amount }, func(r *rec, v int64) { r.amount = v })
		}
	}
	if p.capPoints > 0 {
		var sum int64
		for k := range lines {
			if lines[k].kind == kAward {
				sum += lines[k].points
			}
		}
		if sum > p.capPoints {
			if b.capPoints == nil {
				b.capPoints = map[int32]capCut{}
			}
			b.capLines(start, lines, p.capPoints, 0, fPointsCapped, b.capPoints,
				func(r *rec) int64 { return r.points }, func(r *rec, v int64) { r.points = v })
		}
	}
}

// capCut is what a per-agent cap did to one line, for its note: the
// line's figure before and after, and the agent's total before.
type capCut struct{ in, out, total int64 }

// capLines shares limit out among the award lines (those with flag, when
// flag is not 0) in proportion to get, sets each with put, and marks the
// lines it cut with mark, recording each cut in cuts by its index in
// b.recs (lines begins at start).
func (b *builder) capLines(start int, lines []rec, limit int64, flag, mark uint8, cuts map[int32]capCut, get func(*rec) int64, put func(*rec, int64)) {
	counts := func(r *rec) bool { return r.kind == kAward && (flag == 0 || r.flags&flag != 0) }
	var w []int64
	for k := range lines {
		if counts(&lines[k]) {
			w = append(w, get(&lines[k]))
		}
	}
	out := make([]int64, len(w))
	b.split.apportion(limit, w, out)
	var total int64
	for _, v := range w {
		total += v // below 3×10^17: see applyPercent
	}
	i := 0
	for k := range lines {
		if r := &lines[k]; counts(r) {
			if out[i] != w[i] {
				r.flags |= mark
				cuts[int32(start+k)] = capCut{in: w[i], out: out[i], total: total}
			}
			put(r, out[i])
			i++
		}
	}
}
