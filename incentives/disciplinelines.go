package incentives

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
)

// datedStep is a step in force, from the history or taken this period.
type datedStep struct {
	level int
	at    time.Time
}

// discipline writes the fines and steps of an agent's violations, in date
// order, and returns when an active final warning (or a dismissal) ends,
// or the zero time.
func (b *builder) discipline(pos int, a *AgentRecord) time.Time {
	d := &b.p.discipline
	// The history, in date order; this period's steps come after it, also
	// in date order, as the violations are taken by date.
	b.steps = b.steps[:0]
	for _, s := range a.Discipline {
		b.steps = append(b.steps, datedStep{level: s.Step.level(), at: s.At})
	}
	if len(b.steps) > 1 {
		slices.SortStableFunc(b.steps, func(x, y datedStep) int { return x.at.Compare(y.at) })
	}
	care := a.careHold()
	if len(a.Violations) > 0 {
		b.vidx = b.vidx[:0]
		for j := range a.Violations {
			b.vidx = append(b.vidx, j)
		}
		slices.SortFunc(b.vidx, func(x, y int) int {
			vx, vy := &a.Violations[x], &a.Violations[y]
			if c := vx.At.Compare(vy.At); c != 0 {
				return c
			}
			return strings.Compare(vx.ID, vy.ID)
		})
		merged := b.oneIncidentPerCall(a)
		if len(b.batches) < len(d.kinds) {
			b.batches = make([][]string, len(d.kinds))
			b.counts = make([]int, len(d.kinds))
		}
		batches, counts := b.batches[:len(d.kinds)], b.counts[:len(d.kinds)]
		for ki := range batches {
			batches[ki], counts[ki] = batches[ki][:0], 0
		}
		var fined int64
		for _, j := range b.vidx {
			v := &a.Violations[j]
			ki := d.index[v.Kind]
			k := &d.kinds[ki]
			fine := int64(0)
			if d.finesOn {
				fine = k.fine
			}
			// A violation of a call another stands for gives no line of its
			// own: the lines of that one name it.
			var also []string
			if merged {
				if b.keep[j] != j {
					b.protect(pos, k, v, care)
					continue
				}
				also = b.mergedInto(a, j)
			}
			if v.Disputed {
				b.protect(pos, k, v, care)
				fs := b.mark()
				b.fact("fine", float64(fine))
				b.begin()
				b.violationText(k.label, v.At)
				r := b.add(kHold, k.stepSrc, fs)
				r.held, r.flags = -fine, fHeldFine
				b.violations(r, v.ID)
				b.alsoViolations(r, also)
				b.begin()
				b.disputedViolationText(k.label, v.At)
				b.guard(r, callfloor.Reason{Rule: ruleDispute, Outcome: callfloor.Held, Text: b.text.endString(), Message: b.msgID})
				b.private()
				continue
			}
			b.protect(pos, k, v, care)
			if fine > 0 {
				b.fineLine(pos, k, v, fine, &fined, care, also)
			}
			batches[ki] = append(batches[ki], v.ID)
			batches[ki] = append(batches[ki], also...)
			counts[ki]++
			if counts[ki] < k.occurrences {
				continue
			}
			b.stepLine(pos, k, v.At, batches[ki], counts[ki], care)
			batches[ki], counts[ki] = batches[ki][:0], 0
		}
		for ki, ids := range batches {
			if len(ids) == 0 {
				continue
			}
			n := counts[ki]
			k := &d.kinds[ki]
			vs := len(b.viols)
			b.viols = append(b.viols, ids...)
			fs := b.mark()
			b.fact("count", float64(n))
			b.fact("occurrences", float64(k.occurrences))
			b.begin()
			b.noticeText(n, k)
			b.st.Private = append(b.st.Private, CorrectiveItem{Agent: b.ids[pos], Team: b.teams[b.teamOf[pos]], Kind: ItemNotice,
				Violations: b.viols[vs:len(b.viols):len(b.viols)],
				Reasons:    b.one(b.reason(k.occRule, callfloor.Fired, b.text.stringOf(b.text.endShared()), b.msgID, fs))})
			b.privOf = append(b.privOf, -1)
		}
	}
	var until time.Time
	if len(b.steps) == 0 {
		return until
	}
	if b.sinceEnd.IsZero() {
		b.sinceEnd = d.activeSinceDay(b.per.End)
	}
	since := b.sinceEnd
	for _, s := range b.steps {
		if s.level >= 3 && s.at.After(since) {
			if u := s.at.AddDate(0, d.lookBack, 0); u.After(until) {
				until = u
			}
		}
	}
	return until
}

// fineLine writes the fine of a violation: the kind's fine, then the cap
// per incident and the limit per period where they cut it, each a reason
// of its own with the amount it leaves, then the wellbeing hold.
func (b *builder) fineLine(pos int, k *violationKind, v *Violation, fine int64, fined *int64, care bool, also []string) {
	d := &b.p.discipline
	fs := b.mark()
	b.fact("fine", float64(fine))
	b.begin()
	b.fineText(k.label, v.At)
	kind := kPenalty
	if care {
		kind = kHold
	}
	r := b.add(kind, k.fineSrc, fs)
	r.xs = int32(len(b.extra))
	amt := fine
	if d.perIncident > 0 && amt > d.perIncident {
		fs := b.mark()
		b.fact("per_incident_max", float64(d.perIncident))
		b.fact("before", float64(amt))
		amt = d.perIncident
		b.fact("after", float64(amt))
		b.begin()
		b.fineIncidentText(d.perIncident)
		b.extra = b.factor(b.extra, rulePerIncident, callfloor.Fired, fs)
	}
	if d.perPeriod > 0 && *fined+amt > d.perPeriod {
		fs := b.mark()
		b.fact("per_period_max", float64(d.perPeriod))
		b.fact("fined", float64(*fined))
		b.fact("before", float64(amt))
		amt = d.perPeriod - *fined
		b.fact("after", float64(amt))
		b.begin()
		b.finePeriodText(d.perPeriod)
		b.extra = b.factor(b.extra, rulePerPeriod, callfloor.Fired, fs)
	}
	r.xn = uint8(int32(len(b.extra)) - r.xs)
	b.violations(r, v.ID)
	b.alsoViolations(r, also)
	if care {
		r.held, r.flags = -amt, fHeldFine
		b.careGuard(r)
		b.private()
		return
	}
	*fined += amt
	r.amount = -amt
	b.private()
}

func (b *builder) stepLine(pos int, k *violationKind, at time.Time, ids []string, n int, care bool) {
	d := &b.p.discipline
	// The steps active at the violation: after the start of its look-back
	// window, and not after it.
	since := d.activeSince(at)
	lo := sort.Search(len(b.steps), func(i int) bool { return b.steps[i].at.After(since) })
	hi := sort.Search(len(b.steps), func(i int) bool { return b.steps[i].at.After(at) })
	top := 0 // the highest step in force
	for _, s := range b.steps[lo:max(hi, lo)] {
		top = max(top, s.level)
	}
	level := 4
	switch k.severity {
	case Minor:
		level = min(top+1, 4)
	case Serious:
		level = min(top+2, 4)
	}
	fs := b.mark()
	if n > 1 {
		b.fact("count", float64(n))
	}
	if k.severity != ZeroTolerance {
		b.fact("look_back_months", float64(d.lookBack))
	}
	b.begin()
	b.stepText(k, n, at, top, d.lookBack)
	kind := kPenalty
	if care {
		kind = kHold
	}
	r := b.add(kind, k.stepSrc, fs)
	r.step = uint8(level)
	b.violations(r, ids...)
	if care {
		b.careGuard(r)
	}
	b.private()
	if !care {
		b.steps = append(b.steps, datedStep{level: level, at: at})
		if level == 4 && b.dismissal < 0 {
			b.dismissal, b.dismissKind, b.dismissAt = int32(len(b.recs)-1), k, at
		}
	}
}

// oneIncidentPerCall sets b.keep[j], for each violation j of a, to the
// violation that stands for it: itself, or the most severe of those that
// name the same Interaction (see Violation.Interaction), the earliest in
// b.vidx order on a tie. It reports whether any violation stands for
// another.
func (b *builder) oneIncidentPerCall(a *AgentRecord) bool {
	calls := 0
	for j := range a.Violations {
		if a.Violations[j].Interaction != "" {
			calls++
		}
	}
	if calls < 2 {
		return false
	}
	b.keep = b.keep[:0]
	for j := range a.Violations {
		b.keep = append(b.keep, j)
	}
	// The first violation of each call, in b.vidx order, holds the call's
	// keeper; calls are found through a map when there are many.
	var first map[string]int
	if calls > 16 {
		first = make(map[string]int, calls)
	}
	merged := false
	for x, j := range b.vidx {
		call := a.Violations[j].Interaction
		if call == "" {
			continue
		}
		head := -1
		if first != nil {
			if h, ok := first[call]; ok {
				head = h
			} else {
				first[call] = j
			}
		} else {
			for _, i := range b.vidx[:x] {
				if a.Violations[i].Interaction == call {
					head = i
					break
				}
			}
		}
		if head < 0 {
			continue
		}
		merged = true
		if b.p.moreSevere(a.Violations[j].Kind, a.Violations[b.keep[head]].Kind) {
			b.keep[head] = j
		}
	}
	if !merged {
		return false
	}
	// Every violation of a call points at the keeper its head found.
	for _, j := range b.vidx {
		call := a.Violations[j].Interaction
		if call == "" {
			continue
		}
		if first != nil {
			b.keep[j] = b.keep[first[call]]
			continue
		}
		for _, i := range b.vidx {
			if a.Violations[i].Interaction == call {
				if i != j {
					b.keep[j] = b.keep[i]
				}
				break
			}
		}
	}
	return true
}

// mergedInto returns the ids of the violations of a that violation k
// stands for, other than its own, in date order, in scratch the next
// call reuses.
func (b *builder) mergedInto(a *AgentRecord, k int) []string {
	b.also = b.also[:0]
	for _, j := range b.vidx {
		if j != k && b.keep[j] == k {
			b.also = append(b.also, a.Violations[j].ID)
		}
	}
	return b.also
}

// alsoViolations adds ids to the violations of the line r, the last
// line whose violations were recorded.
func (b *builder) alsoViolations(r *rec, ids []string) {
	if len(ids) == 0 {
		return
	}
	b.viols = append(b.viols, ids...)
	r.ve = int32(len(b.viols))
}
