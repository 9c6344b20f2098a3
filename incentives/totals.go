package incentives

import (
	"errors"
	"math"
	"unsafe"
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

// finish scales the pool, writes the notes, fills in every string from the
// arena and adds up the totals.
func (b *builder) finish() error {
	if b.pay {
		if err := b.sharePool(); err != nil {
			return err
		}
	}
	b.notes()
	// The arena is complete and never written again: every reason, note and
	// summary of the statement is a substring of this one string, which
	// shares the arena's memory instead of copying it.
	text := ""
	if len(b.arena) > 0 {
		text = unsafe.String(&b.arena[0], len(b.arena))
	}
	for k := range b.lines {
		m := &b.meta[k]
		b.lines[k].Reason = text[m.rs:m.re]
		if m.ne > m.ns {
			b.lines[k].Note = text[m.ns:m.ne]
		}
	}
	for k, li := range b.privLine {
		if li >= 0 {
			b.st.Private[k].Text = b.lines[li].Reason
		}
	}
	for _, t := range b.pubText {
		b.st.Public[t.i].Text = text[t.s:t.e]
	}
	for k, t := range b.missText {
		b.allMiss[k].Text = text[t.s:t.e]
	}
	for k, nm := range b.nextMeta {
		b.nexts[k].Summary = text[nm.ss:nm.se]
		if nm.me > nm.ms {
			b.nexts[k].Missing = b.allMiss[nm.ms:nm.me:nm.me]
		}
	}
	for k, cm := range b.careers {
		if cm.ne > cm.ns {
			b.st.Careers[k].Next = b.nexts[cm.ns:cm.ne:cm.ne]
		}
	}
	b.st.Lines = b.lines
	return b.totals()
}

func (b *builder) sharePool() error {
	budget := b.p.poolBudget
	if b.per.Budget != nil {
		budget = *b.per.Budget
	}
	var requested int64
	for k := range b.lines {
		if b.meta[k].pool && !addChecked(&requested, b.lines[k].Amount) {
			return errOverflow
		}
	}
	pool := Pool{Limited: budget >= 0, Requested: requested, Paid: requested}
	if budget >= 0 {
		pool.Budget = budget
	}
	if budget >= 0 && requested > budget {
		var w []int64
		for k := range b.lines {
			if b.meta[k].pool {
				w = append(w, b.lines[k].Amount)
			}
		}
		out := make([]int64, len(w))
		apportion(budget, w, out)
		i := 0
		for k := range b.lines {
			if b.meta[k].pool {
				b.meta[k].pooled = w[i] != out[i]
				b.lines[k].Amount = out[i]
				i++
			}
		}
		pool.Paid, pool.Scaled = budget, true
	}
	b.st.Pool = pool
	return nil
}

// notes writes, for each adjusted line, how its amount came from its base.
func (b *builder) notes() {
	p := b.p
	for k := range b.meta {
		m := &b.meta[k]
		if m.band < 0 && !m.capped && !m.pointsCapped && !m.pooled {
			continue
		}
		m.ns = int32(len(b.arena))
		sep := false
		if m.band >= 0 {
			bd := &p.multiplier.bands[m.band]
			b.str("×")
			b.int(bd.percent)
			b.str("% QA band ")
			b.str(bd.id)
			b.str(" (")
			b.str(p.metrics[p.multiplier.slot].name)
			b.arena = append(b.arena, '=')
			b.num(m.bandVal)
			b.arena = append(b.arena, ')')
			sep = true
		}
		if m.capped {
			if sep {
				b.str("; ")
			}
			b.str("bonuses capped at ")
			b.money(p.capBonus)
			b.str(" per agent")
			sep = true
		}
		if m.pointsCapped {
			if sep {
				b.str("; ")
			}
			b.str("points capped at ")
			b.int(p.capPoints)
			b.str(" per agent")
			sep = true
		}
		if m.pooled {
			if sep {
				b.str("; ")
			}
			b.str("scaled to the pool: budget ")
			b.money(b.st.Pool.Budget)
			b.str(" for ")
			b.money(b.st.Pool.Requested)
			b.str(" requested")
		}
		m.ne = int32(len(b.arena))
	}
}

func (b *builder) totals() error {
	n := len(b.order)
	b.st.Agents = make([]AgentTotal, n)
	b.st.Teams = make([]TeamTotal, len(b.teams))
	for t := range b.teams {
		b.st.Teams[t] = TeamTotal{Team: b.teams[t].id, Agents: b.teams[t].agents}
	}
	ok := true
	for pos, ai := range b.order {
		a := &b.agents[ai]
		var t Totals
		for k := b.first[pos]; k < b.first[pos+1]; k++ {
			l := &b.lines[k]
			switch l.Kind {
			case KindAward:
				ok = addChecked(&t.Bonus, l.Amount) && addChecked(&t.Points, l.Points) && ok
			case KindPenalty:
				ok = addChecked(&t.Fines, -l.Amount) && ok
			case KindHold:
				ok = addChecked(&t.Held, l.Held) && ok
			}
			ok = addChecked(&t.Net, l.Amount) && ok
		}
		b.st.Agents[pos] = AgentTotal{Agent: a.ID, Team: a.Team, Totals: t}
		tt := &b.st.Teams[b.teamOf[pos]].Totals
		ok = addTotals(tt, t) && ok
	}
	for t := range b.st.Teams {
		ok = addTotals(&b.st.Center, b.st.Teams[t].Totals) && ok
	}
	if !ok {
		return errOverflow
	}
	if b.st.Public == nil {
		b.st.Public = []Recognition{}
	}
	if b.st.Private == nil {
		b.st.Private = []CorrectiveItem{}
	}
	if b.st.Lines == nil {
		b.st.Lines = []Line{}
	}
	return nil
}

func addTotals(t *Totals, o Totals) bool {
	return addChecked(&t.Bonus, o.Bonus) && addChecked(&t.Fines, o.Fines) && addChecked(&t.Net, o.Net) &&
		addChecked(&t.Points, o.Points) && addChecked(&t.Held, o.Held)
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
// as in "CNY 1234.50".
func (p *Policy) FormatMoney(v int64) string {
	return string(appendMoney(nil, v, p.currency, p.digits))
}
