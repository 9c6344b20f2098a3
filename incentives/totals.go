package incentives

import (
	"errors"
	"github.com/callfloor/callfloor"
	"math"
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

// finish scales the pool, writes the notes, and turns the builder's
// records into the statement. Every reason, note and summary is a
// substring of the few strings the text was written into.
func (b *builder) finish() error {
	if b.pay {
		if err := b.sharePool(); err != nil {
			return err
		}
	}
	b.notes()
	b.text.close()
	if err := b.buildLines(); err != nil {
		return err
	}
	if b.st.Public == nil {
		b.st.Public = []Recognition{}
	}
	if b.st.Private == nil {
		b.st.Private = []CorrectiveItem{}
	}
	b.finishCareers()
	return nil
}

// buildLines turns the records into the statement's lines and adds up
// the totals of every agent, team and the center, in one pass. It reports
// errOverflow when a sum leaves the int64 range.
func (b *builder) buildLines() error {
	p := b.p
	lines := make([]Line, len(b.recs))
	b.st.Agents = make([]AgentTotal, len(b.order))
	b.st.Teams = make([]TeamTotal, len(b.teams))
	for t := range b.teams {
		b.st.Teams[t] = TeamTotal{Team: b.teams[t], Agents: b.sizes[t]}
	}
	// Every reason of the statement goes into one slice, and every fact
	// into another; lines and items take their parts.
	n := len(b.pubR) + len(b.notice)
	for k := range b.recs {
		r := &b.recs[k]
		n += 1 + int(r.xe-r.xs)
		if r.g > 0 {
			n++
		}
	}
	all := make([]callfloor.Reason, n)
	at := 0
	put := func(x *reasonRec) {
		all[at] = callfloor.Reason{Rule: x.rule, Outcome: x.outcome, Text: x.text, Facts: b.factsOf(x.fs, x.fe)}
		at++
	}
	hint := 0
	ok := true
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
			from := at
			outcome := callfloor.Fired
			if r.kind == kHold {
				outcome = callfloor.Held
			}
			all[at] = callfloor.Reason{Rule: src.rule, Outcome: outcome, Text: b.text.span(r.rs, r.re, &hint), Facts: b.factsOf(r.fs, r.fe)}
			at++
			for x := r.xs; x < r.xe; x++ {
				put(&b.extra[x])
			}
			if r.g > 0 {
				put(&b.tails[r.g-1])
			}
			l.Reasons = all[from:at:at]
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
	for i := range b.st.Public {
		put(&b.pubR[i])
		b.st.Public[i].Reasons = all[at-1 : at : at]
	}
	for i, k := range b.privOf {
		it := &b.st.Private[i]
		if k >= 0 {
			it.Reasons = lines[k].Reasons
			continue
		}
		put(&b.notice[-1-k])
		it.Reasons = all[at-1 : at : at]
	}
	for t := range b.st.Teams {
		ok = addTotals(&b.st.Center, b.st.Teams[t].Totals) && ok
	}
	if !ok {
		return errOverflow
	}
	return nil
}

// factsOf returns the facts from fs to fe, nil for none.
func (b *builder) factsOf(fs, fe int32) []callfloor.Fact {
	if fe <= fs {
		return nil
	}
	return b.facts[fs:fe:fe]
}

// finishCareers points every Career at its NextGrades and every
// NextGrade at its Shortfalls and their reasons, now that their slices
// are complete.
func (b *builder) finishCareers() {
	reasons := make([]callfloor.Reason, len(b.shortR))
	for k := range b.shortR {
		x := &b.shortR[k]
		reasons[k] = callfloor.Reason{Rule: x.rule, Outcome: x.outcome, Text: x.text, Facts: b.factsOf(x.fs, x.fe)}
	}
	for k, m := range b.missing {
		if m.e > m.s {
			b.nexts[k].Missing = b.shortfalls[m.s:m.e:m.e]
			b.nexts[k].Reasons = reasons[m.s:m.e:m.e]
		}
	}
	for k, n := range b.next {
		if n.e > n.s {
			b.st.Careers[k].Next = b.nexts[n.s:n.e:n.e]
		}
	}
}

func (b *builder) sharePool() error {
	budget := b.p.poolBudget
	if b.per.Budget != nil {
		budget = *b.per.Budget
	}
	var requested int64
	for k := range b.recs {
		if b.recs[k].flags&fPool != 0 && !addChecked(&requested, b.recs[k].amount) {
			return errOverflow
		}
	}
	pool := Pool{Limited: budget >= 0, Requested: requested, Paid: requested}
	if budget >= 0 {
		pool.Budget = budget
	}
	if budget >= 0 && requested > budget {
		var w []int64
		for k := range b.recs {
			if b.recs[k].flags&fPool != 0 {
				w = append(w, b.recs[k].amount)
			}
		}
		out := make([]int64, len(w))
		b.split.apportion(budget, w, out)
		b.poolIn = w
		i := 0
		for k := range b.recs {
			if r := &b.recs[k]; r.flags&fPool != 0 {
				if w[i] != out[i] {
					r.flags |= fPooled
				}
				r.amount = out[i]
				i++
			}
		}
		pool.Paid, pool.Scaled = budget, true
	}
	b.st.Pool = pool
	return nil
}

// notes writes, for each adjusted line, how its amount came from its
// base, one reason per factor, each with its figures and the amount it
// leaves (the fact "after"), so that the factors multiply out to the
// line's amount (on a withheld award, its Held): the QA band ("CNY 60.00
// × 120% for QA band excellent (qa_avg=96.5, band from 95) = CNY 72.00"),
// or why none applied, then the per-agent caps and the pool, each cut in
// proportion by the largest remainder. Equal sentences share one text.
func (b *builder) notes() {
	p := b.p
	const adjusted = fCapped | fPointsCapped | fPooled | fNoBand | fBandHeld
	pooled := 0 // index in b.poolIn of the next line of the pool
	for k := range b.recs {
		r := &b.recs[k]
		poolIn := int64(0)
		if r.flags&fPool != 0 && pooled < len(b.poolIn) {
			poolIn = b.poolIn[pooled]
			pooled++
		}
		if r.band < 0 && r.flags&adjusted == 0 {
			continue
		}
		final := r.amount
		if r.kind == kHold {
			final = r.held
		}
		r.xs = int32(len(b.extra))
		if r.band >= 0 {
			mu := p.multiplier
			bd := &mu.bands[r.band]
			val := b.row(b.order[r.pos])[mu.slot]
			fs := b.mark()
			b.fact("before", float64(r.base))
			b.fact("percent", float64(bd.percent))
			b.fact(p.metrics[mu.slot].name, val)
			b.fact("min", bd.min)
			b.fact("after", float64(applyPercent(r.base, bd.percent)))
			b.begin()
			b.bandText(r.base, bd, p.metrics[mu.slot].eq, val, mu.mins)
			b.factor(bd.rule, callfloor.Fired, fs)
		}
		if r.flags&(fNoBand|fBandHeld) != 0 {
			fs := b.mark()
			b.fact("after", float64(r.base))
			b.begin()
			b.noBandText(p.metrics[p.multiplier.slot].name, r.flags&fBandHeld != 0, r.base)
			outcome := callfloor.NotEvaluated
			if r.flags&fBandHeld != 0 {
				outcome = callfloor.Held
			}
			b.factor(ruleMultiplier, outcome, fs)
		}
		if r.flags&fCapped != 0 {
			c := b.capMoney[int32(k)]
			fs := b.mark()
			b.fact("cap", float64(p.capBonus))
			b.fact("total", float64(c.total))
			b.fact("before", float64(c.in))
			b.fact("after", float64(c.out))
			b.begin()
			b.capBonusText(p.capBonus, c)
			b.factor(ruleCapBonus, callfloor.Fired, fs)
		}
		if r.flags&fPointsCapped != 0 {
			c := b.capPoints[int32(k)]
			fs := b.mark()
			b.fact("cap", float64(p.capPoints))
			b.fact("total", float64(c.total))
			b.fact("before", float64(c.in))
			b.fact("after", float64(c.out))
			b.begin()
			b.capPointsText(p.capPoints, c)
			b.factor(ruleCapPoints, callfloor.Fired, fs)
		}
		if r.flags&fPooled != 0 {
			fs := b.mark()
			b.fact("budget", float64(b.st.Pool.Budget))
			b.fact("requested", float64(b.st.Pool.Requested))
			b.fact("before", float64(poolIn))
			b.fact("after", float64(final))
			b.begin()
			b.poolText(b.st.Pool.Budget, b.st.Pool.Requested, poolIn, final)
			b.factor(rulePool, callfloor.Fired, fs)
		}
		r.xe = int32(len(b.extra))
	}
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

// FormatMoney renders an amount of minor units in the policy's currency,
// as in "CNY 1234.50". It is "" on a nil or zero Policy.
func (p *Policy) FormatMoney(v int64) string {
	if p.zero() {
		return ""
	}
	return string(appendMoney(nil, v, p.currency, p.digits))
}
