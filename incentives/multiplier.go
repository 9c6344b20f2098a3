package incentives

import (
	"math"

	"github.com/callfloor/callfloor"
)

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
	b.bandHeldText(bd, b.p.label(mu.slot), f.vals[mu.slot], mu.mins)
	r := b.add(kHold, bd.src, fs)
	r.held = diff
	b.qaGuard(r, f)
	b.private()
}

// bandKey is what the reason of the QA multiplier on a line depends on:
// the line's base, the band (or noBand, bandHeld) and the figure (its
// bits, so that -0 and 0 stay apart).
type bandKey struct {
	base int64
	bits uint64
	band int
}

// Why no QA band applied to a line, as bandKey.band.
const (
	noBand   = -1 // the figure is not measured
	bandHeld = -2 // the figure is held
)

// bandReason returns, as rec.mul, the reason of the QA multiplier on a
// line of the given base: the band bi on the figure v ("CNY 60.00 × 120%
// for QA band excellent (qa_avg=96.5, band from 95) = CNY 72.00"), or why
// none applied (bi is noBand or bandHeld). Lines alike share it.
func (b *builder) bandReason(base int64, bi int, v float64) int32 {
	key := bandKey{base: base, band: bi}
	if bi >= 0 {
		key.bits = math.Float64bits(v)
	}
	if k, ok := b.mulOf[key]; ok {
		return k
	}
	if b.mulOf == nil {
		b.mulOf = map[bandKey]int32{}
	}
	p := b.p
	mu := p.multiplier
	fs := b.mark()
	var x callfloor.Reason
	if bi >= 0 {
		bd := &mu.bands[bi]
		b.fact("before", float64(base))
		b.fact("percent", float64(bd.percent))
		b.fact(p.metrics[mu.slot].name, v)
		b.fact("min", bd.min)
		b.fact("after", float64(applyPercent(base, bd.percent)))
		b.begin()
		b.bandText(base, bd, p.label(mu.slot), v, mu.mins)
		x = b.reason(bd.rule, callfloor.Fired, b.text.stringOf(b.text.end()), b.msgID, fs)
	} else {
		b.fact("after", float64(base))
		b.begin()
		b.noBandText(p.label(mu.slot), bi == bandHeld, base)
		outcome := callfloor.NotEvaluated
		if bi == bandHeld {
			outcome = callfloor.Held
		}
		x = b.reason(ruleMultiplier, outcome, b.text.stringOf(b.text.end()), b.msgID, fs)
	}
	b.mulR = append(b.mulR, x)
	b.mulOf[key] = int32(len(b.mulR))
	return int32(len(b.mulR))
}
