package incentives

import (
	"errors"
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
	reasons, notes := 0, 0
	ok := true
	for pos := range b.order {
		id, team := b.ids[pos], b.teams[b.teamOf[pos]]
		var t Totals
		for k := b.first[pos]; k < b.first[pos+1]; k++ {
			r := &b.recs[k]
			src := &p.sources[r.src]
			l := &lines[k]
			l.Agent, l.Team, l.Kind, l.Rule, l.Grade = id, team, lineKinds[r.kind], src.rule, src.grade
			l.Amount, l.Base, l.Held, l.Points = r.amount, r.base, r.held, r.points
			if r.flags&fAward != 0 {
				l.Title, l.Badge = src.title, src.badge
			}
			l.Step = stepByLevel[r.step]
			if r.ve > r.vs {
				l.Violations = b.viols[r.vs:r.ve:r.ve]
			}
			l.Reason = b.text.span(r.rs, r.re, &reasons)
			if r.ne > r.ns {
				l.Note = b.text.span(r.ns, r.ne, &notes)
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
	for t := range b.st.Teams {
		ok = addTotals(&b.st.Center, b.st.Teams[t].Totals) && ok
	}
	if !ok {
		return errOverflow
	}
	return nil
}

// finishCareers points every Career at its NextGrades and every
// NextGrade at its Shortfalls, now that their slices are complete.
func (b *builder) finishCareers() {
	for k, m := range b.missing {
		if m.e > m.s {
			b.nexts[k].Missing = b.shortfalls[m.s:m.e:m.e]
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
// base, step by step, each step with its figures and the amount it
// leaves, so that the sentence multiplies out to the line's amount (on a
// withheld award, its Held): the QA band ("CNY 60.00 × 120% for QA band
// excellent (qa_avg=96.5, band from 95) = CNY 72.00"), or why none
// applied, then the per-agent caps and the pool, each cut in proportion
// by the largest remainder. Equal notes share one text.
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
		b.begin()
		sep := func() {
			if len(b.text.piece) > 0 {
				b.str("; ")
			}
		}
		if r.band >= 0 {
			bd := &p.multiplier.bands[r.band]
			val := b.row(b.order[r.pos])[p.multiplier.slot]
			b.money(r.base)
			b.str(" × ")
			b.int(bd.percent)
			b.str("% for QA band ")
			b.str(bd.id)
			b.str(" (")
			b.str(p.metrics[p.multiplier.slot].eq)
			b.text.piece = appendFigure(b.text.piece, val, p.multiplier.mins)
			b.str(", band from ")
			b.num(bd.min)
			b.str(") = ")
			b.money(applyPercent(r.base, bd.percent))
		}
		if r.flags&(fNoBand|fBandHeld) != 0 {
			b.str("no QA band: ")
			b.str(p.metrics[p.multiplier.slot].name)
			if r.flags&fBandHeld != 0 {
				b.str(" held")
			} else {
				b.str(" not measured")
			}
			b.str(", the bonus stays ")
			b.money(r.base)
		}
		if r.flags&fCapped != 0 {
			c := b.capMoney[int32(k)]
			sep()
			b.str("bonuses capped at ")
			b.money(p.capBonus)
			b.str(" per agent: the agent's ")
			b.money(c.total)
			b.str(" cut in proportion, this line's ")
			b.money(c.in)
			b.str(" to ")
			b.money(c.out)
		}
		if r.flags&fPointsCapped != 0 {
			c := b.capPoints[int32(k)]
			sep()
			b.str("points capped at ")
			b.int(p.capPoints)
			b.str(" per agent: the agent's ")
			b.count(c.total, "point", "points")
			b.str(" cut in proportion, this line's ")
			b.int(c.in)
			b.str(" to ")
			b.int(c.out)
		}
		if r.flags&fPooled != 0 {
			sep()
			b.str("scaled to the pool: budget ")
			b.money(b.st.Pool.Budget)
			b.str(" for ")
			b.money(b.st.Pool.Requested)
			b.str(" requested, this line's ")
			b.money(poolIn)
			b.str(" to ")
			b.money(final)
		}
		r.ns, r.ne = b.text.endShared()
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
