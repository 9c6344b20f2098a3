package incentives

import (
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
)

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

// guard sets the guardrail reason of the line r.
func (b *builder) guard(r *rec, x callfloor.Reason) {
	b.tails = append(b.tails, x)
	r.g = int32(len(b.tails))
}

// careGuard marks the line r as held by the wellbeing guardrail. Every
// such line shares one stored reason.
func (b *builder) careGuard(r *rec) {
	if b.careG == 0 {
		b.guard(r, b.p.careHold())
		b.careG = r.g
		return
	}
	r.g = b.careG
}

// qaGuard marks the line r as held because the agent's QA figures are:
// under open dispute, or resting on too few evaluations, as in "held: the
// QA average rests on 2 evaluations, fewer than 4".
func (b *builder) qaGuard(r *rec, f *figures) {
	if f.hold == holdDispute {
		if b.disputeG == 0 {
			b.guard(r, callfloor.Reason{Rule: ruleDispute, Outcome: callfloor.Held, Text: b.p.disputeHold, Message: msg.IncentivesHoldDispute{}.ID()})
			b.disputeG = r.g
			return
		}
		r.g = b.disputeG
		return
	}
	fs := b.mark()
	b.fact("evaluations", float64(f.evals))
	b.fact("min_evaluations", float64(b.p.qaMinEvals))
	b.guard(r, b.reason(ruleFewEvals, callfloor.Held, b.p.fewEvals[f.evals], msg.IncentivesHoldFewEvaluations{}.ID(), fs))
}

// withhold turns the award lines of the agent's recs[start:end] into hold
// lines, once its discipline has reached dismissal this period: each
// holds what the award would have paid (after the QA multiplier and the
// caps; it takes no share of the pool), keeps its points, title and badge
// on the line, and names the violations that led to the dismissal. The
// agent's recognitions, from pub on, leave the public list; the holds
// join the corrective list at their lines' places among the agent's
// items, from priv on.
func (b *builder) withhold(start, end, pub, priv int) {
	b.st.Public = b.st.Public[:pub]
	// Every hold and penalty line in recs[start:end] put one item on the
	// corrective list, in line order; the items after them (discipline's
	// lines and notices) come after every award line.
	b.tail = append(b.tail[:0], b.st.Private[priv:]...)
	b.st.Private = b.st.Private[:priv]
	b.privTail = append(b.privTail[:0], b.privOf[priv:]...)
	b.privOf = b.privOf[:priv]
	var vs, ve int32
	var k *violationKind
	var at time.Time
	var n int32
	if b.dismissal >= 0 {
		d := &b.recs[b.dismissal]
		k, at, n, vs, ve = b.dismissKind, b.dismissAt, d.ve-d.vs, d.vs, d.ve
	} else {
		at = b.priorAt
		vs = int32(len(b.viols))
		b.viols = append(b.viols, b.priorViols...)
		ve = int32(len(b.viols))
	}
	// One reason, the same for every award withheld, follows each award's
	// own reasons.
	fs := b.mark()
	b.begin()
	if k == nil {
		b.fact("look_back_months", float64(b.p.discipline.lookBack))
		b.withheldPriorText(at, b.p.discipline.lookBack)
	} else {
		if n > 1 {
			b.fact("count", float64(n))
		}
		b.withheldText(k.label, int(n), at)
	}
	b.tails = append(b.tails, b.reason(ruleWithhold, callfloor.Held, b.text.endString(), b.msgID, fs))
	why := int32(len(b.tails))
	next := 0
	for i := start; i < end; i++ {
		r := &b.recs[i]
		if r.kind != kAward {
			if r.kind == kHold || r.kind == kPenalty {
				b.st.Private = append(b.st.Private, b.tail[next])
				b.privOf = append(b.privOf, b.privTail[next])
				next++
			}
			continue
		}
		// The line becomes a private hold that names the dismissal's
		// violations.
		r.kind, r.held, r.amount = kHold, r.amount, 0
		r.flags &^= fPool
		r.vs, r.ve = vs, ve
		r.g = why
		b.privateOf(int32(i))
	}
	b.st.Private = append(b.st.Private, b.tail[next:]...)
	b.privOf = append(b.privOf, b.privTail[next:]...)
	clear(b.tail)
}

// priorDismissal finds a dismissal in the agent's history still in force
// at the period's start (within the look-back window), the latest one,
// and keeps its date and violations for withhold. It reports whether
// there is one.
func (b *builder) priorDismissal(a *AgentRecord) bool {
	found := false
	for _, s := range a.Discipline {
		if s.Step != Dismissal {
			continue
		}
		if b.sinceStart.IsZero() {
			b.sinceStart = b.p.discipline.activeSinceDay(b.per.Start)
		}
		if s.At.After(b.sinceStart) && (!found || s.At.After(b.priorAt)) {
			found, b.priorAt, b.priorViols = true, s.At, s.Violations
		}
	}
	return found
}
