package incentives

import (
	"errors"
	"math"
	"math/bits"

	"github.com/callfloor/callfloor"
)

var errOverflow = errors.New("incentives: the statement's totals exceed the int64 range of minor units")

// addChecked adds v to *t and reports false on overflow.
func addChecked(t *int64, v int64) bool {
	s := *t + v
	if (v > 0 && s < *t) || (v < 0 && s > *t) {
		return false
	}
	*t = s
	return true
}

// finish scales the pool and turns the builder's records into the
// statement. Every reason and summary is a substring of the few strings
// the text was written into, and every fact a part of a few arrays.
func (b *builder) finish() error {
	if b.pay {
		if err := b.sharePool(); err != nil {
			return err
		}
	}
	if err := b.buildLines(); err != nil {
		return err
	}
	b.text.close()
	if b.st.Public == nil {
		b.st.Public = []Recognition{}
	}
	if b.st.Private == nil {
		b.st.Private = []CorrectiveItem{}
	}
	return nil
}

// adjusted are the flags of a line whose amount a factor changed, each
// explained by a reason of its own.
const adjusted = fCapped | fPointsCapped | fPooled

// factorCount is how many reasons notes writes for the line r.
func factorCount(r *rec) int {
	n := bits.OnesCount8(r.flags & adjusted)
	if r.mul > 0 {
		n++
	}
	return n
}

// buildLines turns the records into the statement's lines, with their
// reasons, and adds up the totals of every agent, team and the center,
// in one pass. It reports errOverflow when a sum leaves the int64 range.
func (b *builder) buildLines() error {
	p := b.p
	lines := make([]Line, len(b.recs))
	b.st.Agents = make([]AgentTotal, len(b.order))
	b.st.Teams = make([]TeamTotal, len(b.teams))
	for t := range b.teams {
		b.st.Teams[t] = TeamTotal{Team: b.teams[t], Agents: b.sizes[t]}
	}
	// Every reason of every line goes into one array; lines take their
	// parts.
	n := 0
	for k := range b.recs {
		r := &b.recs[k]
		if alone(r) || listed(r) {
			continue
		}
		n += 1 + int(r.xn) + factorCount(r)
		if r.g > 0 {
			n++
		}
	}
	all := make([]callfloor.Reason, 0, n)
	hint := 0
	ok := true
	pooled := 0 // index in b.poolIn of the next line of the pool
	for pos := range b.order {
		id, team := b.ids[pos], b.teams[b.teamOf[pos]]
		var t Totals
		for k := b.first[pos]; k < b.first[pos+1]; k++ {
			r := &b.recs[k]
			src := &p.sources[r.src]
			l := &lines[k]
			l.Agent, l.Team, l.Kind, l.Grade = id, team, lineKinds[r.kind], src.grade
			l.Amount, l.Base, l.Held, l.Points = r.amount, r.base, r.held, r.points
			if r.flags&fAward != 0 {
				l.Title, l.Badge = src.title, src.badge
			}
			l.Step = stepByLevel[r.step]
			if r.ve > r.vs {
				l.Violations = b.viols[r.vs:r.ve:r.ve]
			}
			poolIn := int64(0)
			if r.flags&fPool != 0 && pooled < len(b.poolIn) {
				poolIn = b.poolIn[pooled]
				pooled++
			}
			switch {
			case alone(r):
				l.Reasons = b.sharedR[r.shared-1]
			case listed(r):
				l.Reasons = b.sharedList(k, r, poolIn)
			default:
				from := len(all)
				all = b.lineReasons(all, k, r, poolIn, &hint)
				l.Reasons = all[from:len(all):len(all)]
			}
			switch r.kind {
			case kAward:
				ok = addChecked(&t.Bonus, r.amount) && addChecked(&t.Points, r.points) && ok
			case kPenalty:
				ok = addChecked(&t.Fines, -r.amount) && ok
			case kHold:
				ok = addChecked(&t.Held, r.held) && ok
				if r.flags&fHeldFine != 0 {
					ok = addChecked(&t.HeldFines, -r.held) && ok
				} else {
					ok = addChecked(&t.HeldBonus, r.held) && ok
				}
			}
			ok = addChecked(&t.Net, r.amount) && ok
		}
		b.st.Agents[pos] = AgentTotal{Agent: id, Team: team, Totals: t}
		ok = addTotals(&b.st.Teams[b.teamOf[pos]].Totals, t) && ok
	}
	b.st.Lines = lines
	b.st.byAgent = b.first
	for i, k := range b.privOf {
		if k >= 0 {
			b.st.Private[i].Reasons = lines[k].Reasons
		}
	}
	for t := range b.st.Teams {
		ok = addTotals(&b.st.Center, b.st.Teams[t].Totals) && ok
	}
	if !ok {
		return errOverflow
	}
	return nil
}

// alone says whether the line r has no reason but its own, which it
// shares with the lines of equal figures.
func alone(r *rec) bool {
	return r.shared > 0 && r.kind != kHold && r.xn == 0 && r.g == 0 && factorCount(r) == 0
}

// listed says whether the line r has reasons that every line of the same
// own reason, QA multiplier and pool factor reads alike: a line whose own
// reason is shared, which neither a per-agent cap nor a guardrail changed.
// Such lines share one list of reasons, as sharedList makes it.
func listed(r *rec) bool {
	return r.shared > 0 && r.kind != kHold && r.xn == 0 && r.g == 0 && r.flags&(fCapped|fPointsCapped) == 0
}

// listKey is what the reasons of a listed line depend on: its own reason
// (rec.shared), its QA multiplier's (rec.mul), and, when the pool scaled
// it (pooled is fPooled), its amount before and after the pool.
type listKey struct {
	shared, mul   int32
	pooled        uint8
	poolIn, final int64
}

// sharedList returns the reasons of the listed line r (recs[k]), whose
// amount before the pool is poolIn, written once for every line alike:
// a count of compliments reads the same on tens of thousands of lines.
func (b *builder) sharedList(k int32, r *rec, poolIn int64) []callfloor.Reason {
	key := listKey{shared: r.shared, mul: r.mul, pooled: r.flags & fPooled}
	if key.pooled != 0 {
		key.poolIn, key.final = poolIn, r.amount
	}
	if rs, ok := b.lists[key]; ok {
		return rs
	}
	if b.lists == nil {
		b.lists = map[listKey][]callfloor.Reason{}
	}
	b.scratch = b.notes(append(b.scratch[:0], b.sharedR[r.shared-1][0]), k, r, poolIn)
	b.reasons.open()
	for _, x := range b.scratch {
		b.reasons.add(x)
	}
	rs := b.reasons.span()
	b.lists[key] = rs
	return rs
}

// lineReasons appends the reasons of the line r (recs[k]) to dst: its own
// rule's, its factors' and its guardrail's. poolIn is the line's amount
// before the pool scaled it.
func (b *builder) lineReasons(dst []callfloor.Reason, k int32, r *rec, poolIn int64, hint *int) []callfloor.Reason {
	outcome := callfloor.Fired
	if r.kind == kHold {
		outcome = callfloor.Held
	}
	dst = append(dst, callfloor.Reason{Rule: b.p.sources[r.src].rule, Outcome: outcome, Text: b.text.span(r.rs, r.re, hint), Message: sentenceIDs[r.said], Facts: b.factsOf(r.fs, r.fe)})
	dst = append(dst, b.extra[r.xs:r.xs+int32(r.xn)]...)
	if r.mul > 0 || r.flags&adjusted != 0 {
		dst = b.notes(dst, k, r, poolIn)
	}
	if r.g > 0 {
		dst = append(dst, b.tails[r.g-1])
	}
	return dst
}

// notes appends to dst, for the adjusted line r (recs[k]), how its
// amount came from its base, one reason per factor, each with its figures
// and the amount it leaves (the fact "after"), so that the factors
// multiply out to the line's amount (on a withheld award, its Held): the
// QA band ("CNY 60.00 × 120% for QA band excellent (qa_avg=96.5, band
// from 95) = CNY 72.00"), or why none applied, then the per-agent caps
// and the pool (poolIn is the line's amount before it), each cut in
// proportion by the largest remainder. Equal sentences share one text.
func (b *builder) notes(dst []callfloor.Reason, k int32, r *rec, poolIn int64) []callfloor.Reason {
	p := b.p
	final := r.amount
	if r.kind == kHold {
		final = r.held
	}
	if r.mul > 0 {
		dst = append(dst, b.mulR[r.mul-1])
	}
	if r.flags&fCapped != 0 {
		dst = b.capFactor(dst, false, p.capBonus, b.capMoney[k])
	}
	if r.flags&fPointsCapped != 0 {
		dst = b.capFactor(dst, true, p.capPoints, b.capPoints[k])
	}
	if r.flags&fPooled != 0 {
		// The budget and the request are the statement's: the reason
		// depends on the line's amounts alone.
		key := [2]int64{poolIn, final}
		x, ok := b.poolR[key]
		if !ok {
			fs := b.mark()
			b.fact("budget", float64(b.st.Pool.Budget))
			b.fact("requested", float64(b.st.Pool.Requested))
			b.fact("before", float64(poolIn))
			b.fact("after", float64(final))
			b.begin()
			b.poolText(b.st.Pool.Budget, b.st.Pool.Requested, poolIn, final)
			x = b.reason(rulePool, callfloor.Fired, b.text.stringOf(b.text.end()), b.msgID, fs)
			if b.poolR == nil {
				b.poolR = map[[2]int64]callfloor.Reason{}
			}
			b.poolR[key] = x
		}
		dst = append(dst, x)
	}
	return dst
}

func addTotals(t *Totals, o Totals) bool {
	return addChecked(&t.Bonus, o.Bonus) && addChecked(&t.Fines, o.Fines) && addChecked(&t.Net, o.Net) &&
		addChecked(&t.Points, o.Points) && addChecked(&t.Held, o.Held) &&
		addChecked(&t.HeldBonus, o.HeldBonus) && addChecked(&t.HeldFines, o.HeldFines)
}

// appendMoney writes an amount of minor units as "CNY 1234.50".
func appendMoney(dst []byte, v int64, code string, digits int) []byte {
	dst = append(dst, code...)
	dst = append(dst, ' ')
	u := uint64(v)
	if v < 0 {
		dst = append(dst, '-')
		u = uint64(-v)
		if v == math.MinInt64 {
			u = 1 << 63
		}
	}
	scale := uint64(1)
	for i := 0; i < digits; i++ {
		scale *= 10
	}
	dst = appendUint(dst, u/scale)
	if digits > 0 {
		dst = append(dst, '.')
		frac := u % scale
		for s := scale / 10; s > 0; s /= 10 {
			dst = append(dst, byte('0'+frac/s%10))
		}
	}
	return dst
}

func appendUint(dst []byte, u uint64) []byte {
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	return append(dst, buf[i:]...)
}

// FormatMoney renders an amount of minor units in the policy's currency
// and locale, as in "CNY 1234.50" or, under zh-CN, "¥1,234.50". It is "" on a nil or zero Policy.
func (p *Policy) FormatMoney(v int64) string {
	if p.zero() {
		return ""
	}
	return string(p.appendMoney(nil, v))
}

// capFactor appends the reason of a per-agent cap that cut a line: the
// cap on bonuses, or on points when points is set, with the agent's
// total and the line's amount before and after as its facts.
func (b *builder) capFactor(dst []callfloor.Reason, points bool, limit int64, c capCut) []callfloor.Reason {
	fs := b.mark()
	b.fact("cap", float64(limit))
	b.fact("total", float64(c.total))
	b.fact("before", float64(c.in))
	b.fact("after", float64(c.out))
	b.begin()
	if points {
		b.capPointsText(limit, c)
		return b.factor(dst, ruleCapPoints, callfloor.Fired, fs)
	}
	b.capBonusText(limit, c)
	return b.factor(dst, ruleCapBonus, callfloor.Fired, fs)
}
