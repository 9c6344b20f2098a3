package incentives

import (
	"cmp"
	"container/heap"
	"math"
	"math/bits"
	"slices"

	"github.com/callfloor/callfloor"
)

// The kinds of public recognition, indexes of pubKinds.
const (
	pubTitle uint8 = iota
	pubBadge
	pubImprover
	pubCompliments
	pubContest
)

var pubKinds = [...]RecognitionKind{RecognizeTitle, RecognizeBadge, RecognizeImprover, RecognizeCompliments, RecognizeContest}

// complimentText is where the reason of a count of compliments is in the
// text and its facts, and its praise; praise is nil until they are
// written.
type complimentText struct {
	rs, re int32
	fs, fe int32
	shared int32 // the line's own reason, as rec.shared
	praise []callfloor.Reason
	said   sentence // the message of the line's own reason
}

// pointsSpan is where the reason of a points rule's figure is in the text
// and its facts, and the reason itself, as rec.shared.
type pointsSpan struct{ rs, re, fs, fe, shared int32 }

// praiseKey names praise that reads no figure: a rule's title or badge.
type praiseKey struct {
	src  int32
	kind uint8
}

// explain writes "qa_avg=96.5, csat=4.7" for the metrics a rule reads,
// each by its display name and rounded so that it compares with the
// rule's thresholds as the figure itself does, joined as the policy's
// locale joins a list ("质检均分=96.5、客户满意度=4.7").
func (b *builder) explain(r *rule, vals []float64) {
	for i, s := range r.slots {
		if i > 0 {
			b.str(b.p.listSep)
		}
		b.str(b.p.metrics[s].eq)
		b.text.piece = b.p.appendFigure(b.text.piece, vals[s], r.when.Thresholds(s))
		b.fact(b.p.metrics[s].name, vals[s])
	}
}

func (b *builder) rewards(pos int, a *AgentRecord, f *figures) {
	p := b.p
	if b.matched == nil {
		b.matched = make([]int, p.conds.Len())
	}
	// Every rule and tier group at once, on the figures that pay.
	p.conds.First(f.pay, b.matched)
	for i := range p.rules {
		r := &p.rules[i]
		if b.matched[i] == 0 && r.measured(f.pay, f.pnan) {
			b.awardLine(pos, r, f.pay)
			continue
		}
		if f.hold != holdNone && r.readsQA && r.fires(f.vals, f.nan) {
			b.holdAward(pos, r, f)
		}
	}
	for gi := range p.groups {
		g := &p.groups[gi]
		paid := g.firstFrom(b.matched[len(p.rules)+gi], f.pay, f.pnan)
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
				said := b.said
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
				t.said = said
				t.praise = b.one(callfloor.Reason{Rule: p.sources[c.src].rule, Outcome: callfloor.Fired,
					Text: b.text.endString(), Message: b.msgID, Facts: b.factsOf(t.fs, t.fs+1)})
				if k < len(b.compliments) {
					b.compliments[k] = t
				}
			}
			b.said = t.said
			r := b.addSpan(kAward, c.src, t.rs, t.re, t.fs, t.fe)
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
			b.said = sPoints
			r := b.addSpan(kAward, lr.src, sp.rs, sp.re, sp.fs, sp.fe)
			r.points, r.shared = pts, sp.shared
			continue
		}
		if f.hold != holdNone && p.qaHeld[lr.slot] {
			if real := lr.pointsFor(f.vals[lr.slot]); real > 0 {
				fs := b.pointsFacts(lr, f.vals[lr.slot], real)
				b.begin()
				b.pointsAwardText(lr, f.vals[lr.slot], real)
				r := b.add(kHold, lr.src, fs)
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
	name, label := b.p.metrics[im.slot].name, b.p.label(im.slot)
	v := f.vals[im.slot]
	if rank := b.improver[pos]; rank > 0 {
		fs := b.mark()
		b.fact("rank", float64(rank))
		b.fact(name, v)
		b.fact("evaluations", float64(a.QAEvaluations))
		b.begin()
		b.improverText(int64(rank), label, v, int64(a.QAEvaluations))
		r := b.add(kAward, im.src, fs)
		r.amount, r.base, r.points, r.flags = im.bonus, im.bonus, im.points, fAward
		if im.bonus > 0 {
			r.flags |= fPool
		}
		b.begin()
		b.improverPraiseText(im.title, int64(rank), label, v)
		b.praiseShared(pos, pubImprover, b.one(callfloor.Reason{Rule: b.p.sources[im.src].rule, Outcome: callfloor.Fired,
			Text: b.text.endString(), Message: b.msgID, Facts: b.factsOf(fs, fs+2)}))
		return
	}
	if f.hold != holdNone && b.p.qaHeld[im.slot] && im.eligible(v, a.QAEvaluations) && v >= b.improverMin {
		fs := b.mark()
		b.fact(name, v)
		b.begin()
		b.improverHeldText(label, v)
		r := b.add(kHold, im.src, fs)
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
	b.str(r.tail)
	b.said = r.said
	l := b.add(kAward, r.src, fs)
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
	b.str(r.tail)
	b.said = r.said
	l := b.add(kHold, r.src, fs)
	l.held = r.bonus
	b.qaGuard(l, f)
	b.private()
}

// share stores the reason of a line that many lines read alike (the
// text from rs to re, the facts from fs to fe), for every line that has
// no other reason, and returns it as rec.shared.
func (b *builder) share(src, rs, re, fs, fe int32) int32 {
	b.sharedR = append(b.sharedR, b.one(callfloor.Reason{Rule: b.p.sources[src].rule, Outcome: callfloor.Fired,
		Text: b.text.stringOf(rs, re), Message: b.msgID, Facts: b.factsOf(fs, fe)}))
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
		if kind == pubBadge && !b.p.english() {
			text = BadgeDisplayName(b.p.loc.Tag(), text)
		}
		rs = b.one(callfloor.Reason{Rule: b.p.sources[src].rule, Outcome: callfloor.Fired, Text: text})
		b.praised[key] = rs
	}
	b.praiseShared(pos, kind, rs)
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

// improverBounds are the figures an improvement v is compared with: zero,
// the policy's minimum and the lowest improvement that ranked, unless v
// is that one: the lowest that ranked is shown rounded as any figure is,
// and an equal improvement is shown as it is.
func (b *builder) improverBounds(v float64) []float64 {
	im := b.p.improvers
	b.bounds = append(b.bounds[:0], 0, im.minImprovement)
	if !math.IsInf(b.improverMin, 0) && v != b.improverMin {
		b.bounds = append(b.bounds, b.improverMin)
	}
	return b.bounds
}
