package incentives

import (
	"math"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
)

// The places of the rules that are part of the package rather than of a
// policy, and of the factors between a rule's amount and the amount paid.
const (
	// ruleCare is the wellbeing guardrail: an agent in crisis or at the
	// severe tier is cared for before anyone disciplines them.
	ruleCare = "guardrails.care"
	// ruleDispute is the dispute guardrail: a figure under open dispute is
	// held out of pay and discipline until the dispute is decided.
	ruleDispute = "guardrails.dispute"
	// ruleFewEvals holds a QA average resting on too few evaluations.
	ruleFewEvals    = "qa.min_evaluations"
	ruleWithhold    = "discipline.dismissal_withholds_awards"
	ruleMultiplier  = "rewards.qa_multiplier"
	ruleCapBonus    = "rewards.caps.bonus"
	ruleCapPoints   = "rewards.caps.points"
	rulePool        = "pool"
	rulePerIncident = "discipline.fines.per_incident_max"
	rulePerPeriod   = "discipline.fines.per_period_max"
)

// mark opens the facts of a reason and returns where they start; the
// reason's facts end where the next mark is taken.
func (b *builder) mark() int32 { return b.facts.open() }

// fact appends a figure a reason reads. A figure with no value (a metric
// not measured) is left out: JSON cannot hold NaN.
func (b *builder) fact(name string, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return
	}
	b.facts.add(callfloor.Fact{Name: name, Value: v})
}

// factsOf returns the facts from fs to fe, nil for none.
func (b *builder) factsOf(fs, fe int32) []callfloor.Fact { return b.facts.slice(fs, fe) }

// reason makes the reason of rule whose facts start at fs and end here,
// its sentence the text of the catalog message id.
func (b *builder) reason(rule string, outcome callfloor.Outcome, text, id string, fs int32) callfloor.Reason {
	return callfloor.Reason{Rule: rule, Outcome: outcome, Text: text, Message: id, Facts: b.factsOf(fs, b.mark())}
}

// one stores x as a reason of its own and returns it as the Reasons of
// an item that has no other.
func (b *builder) one(x callfloor.Reason) []callfloor.Reason {
	b.reasons.open()
	b.reasons.add(x)
	return b.reasons.span()
}

// factor appends a factor reason, whose sentence is the piece of text
// begun and whose facts start at fs, to dst.
func (b *builder) factor(dst []callfloor.Reason, rule string, outcome callfloor.Outcome, fs int32) []callfloor.Reason {
	return append(dst, b.reason(rule, outcome, b.text.stringOf(b.text.endShared()), b.msgID, fs))
}

// The sentences. Each writes one whole sentence into the piece of text
// begun, from its catalog message in the policy's locale, and sets
// b.msgID to the message's id (and b.said, for a line's own reason); the
// English template is in its comment, so that a sentence is found by
// searching for its words. Figures are rounded as appendFigure says and
// money written as Policy.appendMoney says.

// put appends a rendered message to the piece of text begun.
func (b *builder) put(s []byte) { b.text.piece = s }

// complimentsText: "3 customer compliments × CNY 20.00 = CNY 60.00".
func (b *builder) complimentsText(n, each, amount int64) {
	b.args.reset()
	m := msg.IncentivesReasonCompliments{N: int(n), Each: b.moneyArg(each), Amount: b.moneyArg(amount)}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID, b.said = m.ID(), sCompliments
}

// complimentsCappedText: "12 customer compliments × CNY 20.00 = CNY
// 240.00, capped at CNY 200.00".
func (b *builder) complimentsCappedText(n, each, product, max int64) {
	b.args.reset()
	m := msg.IncentivesReasonComplimentsCapped{N: int(n), Each: b.moneyArg(each), Product: b.moneyArg(product), Max: b.moneyArg(max)}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID, b.said = m.ID(), sComplimentsCapped
}

// complimentsCapText: "9223372036854775807 customer compliments × CNY
// 20.00, capped at CNY 200.00", for a count whose product the int64
// range cannot hold.
func (b *builder) complimentsCapText(n, each, max int64) {
	b.args.reset()
	m := msg.IncentivesReasonComplimentsCap{N: int(n), Each: b.moneyArg(each), Max: b.moneyArg(max)}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID, b.said = m.ID(), sComplimentsCap
}

// complimentsPraiseText: "Customer Favourite: 3 customer compliments",
// or without the title when the policy names none.
func (b *builder) complimentsPraiseText(title string, n int64) {
	if title != "" {
		m := msg.IncentivesPraiseComplimentsTitled{Title: title, N: int(n)}
		b.put(m.Append(b.text.piece, b.loc))
		b.msgID = m.ID()
		return
	}
	m := msg.IncentivesPraiseCompliments{N: int(n)}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// pointsAwardText: "points award: csat 4.6 on the line from 4 to 5 earns
// 24 of 40 points".
func (b *builder) pointsAwardText(lr *linearRule, v float64, pts int64) {
	b.args.reset()
	m := msg.IncentivesReasonPoints{Metric: lr.metric, Value: b.figureArg(v, lr.bounds[:]), From: lr.fromS, To: lr.toS, Points: int(pts), Max: int(lr.points)}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID, b.said = m.ID(), sPoints
}

// pointsFacts appends the figures of pointsAwardText and returns where
// they start.
func (b *builder) pointsFacts(lr *linearRule, v float64, pts int64) int32 {
	fs := b.mark()
	b.fact(b.p.metrics[lr.slot].name, v)
	b.fact("from", lr.from)
	b.fact("to", lr.to)
	b.fact("points", float64(pts))
	b.fact("max_points", float64(lr.points))
	return fs
}

// improverText: "rank 1 of the fastest improvers: qa_improvement +6.5
// over 7 evaluations".
func (b *builder) improverText(rank int64, name string, v float64, evals int64) {
	b.args.reset()
	m := msg.IncentivesReasonImprover{Rank: int(rank), Metric: name, Value: b.figureArg(v, b.improverBounds(v)), N: int(evals)}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID, b.said = m.ID(), sImprover
}

// improverPraiseText: "Fastest Improver: fastest improver #1,
// qa_improvement +6.5".
func (b *builder) improverPraiseText(title string, rank int64, name string, v float64) {
	b.args.reset()
	if title != "" {
		m := msg.IncentivesPraiseImproverTitled{Title: title, Rank: int(rank), Metric: name, Value: b.figureArg(v, b.improverBounds(v))}
		b.put(m.Append(b.text.piece, b.loc))
		b.msgID = m.ID()
		return
	}
	m := msg.IncentivesPraiseImprover{Rank: int(rank), Metric: name, Value: b.figureArg(v, b.improverBounds(v))}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// improverHeldText: "qa_improvement +6.5 would rank among the fastest
// improvers".
func (b *builder) improverHeldText(name string, v float64) {
	b.args.reset()
	m := msg.IncentivesReasonImproverHeld{Metric: name, Value: b.figureArg(v, b.improverBounds(v))}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID, b.said = m.ID(), sImproverHeld
}

// bandHeldText: "QA band excellent (qa_avg=96.5) would make bonuses
// 120%".
func (b *builder) bandHeldText(bd *band, name string, v float64, mins []float64) {
	b.args.reset()
	m := msg.IncentivesReasonBandHeld{Band: b.p.name(bd.id), Metric: name, Value: b.figureArg(v, mins), Percent: int(bd.percent)}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID, b.said = m.ID(), sBandHeld
}

// bandText: "CNY 60.00 × 120% for QA band excellent (qa_avg=96.5, band
// from 95) = CNY 72.00".
func (b *builder) bandText(base int64, bd *band, name string, v float64, mins []float64) {
	b.args.reset()
	m := msg.IncentivesReasonBand{Base: b.moneyArg(base), Percent: int(bd.percent), Band: b.p.name(bd.id), Metric: name,
		Value: b.figureArg(v, mins), Min: b.numArg(bd.min), Amount: b.moneyArg(applyPercent(base, bd.percent))}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// noBandText: "no QA band: qa_avg not measured, the bonus stays CNY
// 60.00", or "... qa_avg held, ..." when the figure is held.
func (b *builder) noBandText(name string, held bool, base int64) {
	b.args.reset()
	if held {
		m := msg.IncentivesReasonNoBandHeld{Metric: name, Base: b.moneyArg(base)}
		b.put(m.Append(b.text.piece, b.loc))
		b.msgID = m.ID()
		return
	}
	m := msg.IncentivesReasonNoBand{Metric: name, Base: b.moneyArg(base)}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// capBonusText: "bonuses capped at CNY 2000.00 per agent: the agent's CNY
// 2076.00 cut in proportion, this line's CNY 72.00 to CNY 69.36".
func (b *builder) capBonusText(limit int64, c capCut) {
	b.args.reset()
	m := msg.IncentivesReasonCapBonus{Limit: b.moneyArg(limit), Total: b.moneyArg(c.total), In: b.moneyArg(c.in), Out: b.moneyArg(c.out)}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// capPointsText: "points capped at 150 per agent: the agent's 180 points
// cut in proportion, this line's 50 to 41".
func (b *builder) capPointsText(limit int64, c capCut) {
	m := msg.IncentivesReasonCapPoints{Limit: int(limit), Total: int(c.total), In: int(c.in), Out: int(c.out)}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// poolText: "scaled to the pool: budget CNY 5000.00 for CNY 6000.00
// requested, this line's CNY 72.00 to CNY 60.00".
func (b *builder) poolText(budget, requested, in, out int64) {
	b.args.reset()
	m := msg.IncentivesReasonPool{Budget: b.moneyArg(budget), Requested: b.moneyArg(requested), In: b.moneyArg(in), Out: b.moneyArg(out)}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// podiumText: "Quality League: rank 1 in monthly_quality", or without the
// title when the contest has none.
func (b *builder) podiumText(c *contest, rank int) {
	b.begin()
	if c.title != "" {
		m := msg.IncentivesPraisePodiumTitled{Title: c.title, Rank: rank, Contest: b.p.name(c.id)}
		b.put(m.Append(b.text.piece, b.loc))
		b.msgID = m.ID()
		return
	}
	m := msg.IncentivesPraisePodium{Rank: rank, Contest: b.p.name(c.id)}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// violationText: "lateness or leaving early on 2025-03-04".
func (b *builder) violationText(label string, at time.Time) {
	m := msg.IncentivesReasonViolation{Label: label, Date: at}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID, b.said = m.ID(), sViolation
}

// disputedViolationText: "held: lateness or leaving early on 2025-03-04
// rests on a QA evaluation under open dispute; it is out of discipline
// until the dispute is decided".
func (b *builder) disputedViolationText(label string, at time.Time) {
	m := msg.IncentivesReasonViolationDisputed{Label: label, Date: at}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// noticeText: "1 of 3 occurrences of lateness or leaving early in this
// period; 3 lead to a step".
func (b *builder) noticeText(n int, k *violationKind) {
	m := msg.IncentivesReasonNotice{N: n, Occurrences: k.occurrences, Label: k.label}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// fineText: "fine for lateness or leaving early on 2025-03-04".
func (b *builder) fineText(label string, at time.Time) {
	m := msg.IncentivesReasonFine{Label: label, Date: at}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID, b.said = m.ID(), sFine
}

// fineIncidentText: "fine capped at CNY 200.00 per incident".
func (b *builder) fineIncidentText(limit int64) {
	b.args.reset()
	m := msg.IncentivesReasonFineIncident{Limit: b.moneyArg(limit)}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// finePeriodText: "fine cut to the CNY 500.00 limit per period".
func (b *builder) finePeriodText(limit int64) {
	b.args.reset()
	m := msg.IncentivesReasonFinePeriod{Limit: b.moneyArg(limit)}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// occurrenceArg writes "lateness or leaving early on 2025-03-04" or "3
// occurrences of lateness, the last on 2025-03-20" and returns it.
func (b *builder) occurrenceArg(label string, n int, at time.Time) string {
	if n > 1 {
		b.args.buf = msg.IncentivesOccurrenceRepeated{N: n, Label: label, Date: at}.Append(b.args.buf, b.loc)
	} else {
		b.args.buf = msg.IncentivesOccurrenceSingle{Label: label, Date: at}.Append(b.args.buf, b.loc)
	}
	return b.args.take()
}

// stepFromArg writes the step a discipline step rises from, "no step" or
// "the verbal_warning in force", and returns it.
func (b *builder) stepFromArg(top int) string {
	switch top {
	case 0:
		b.args.buf = msg.IncentivesStepFromNone{}.Append(b.args.buf, b.loc)
	case 1:
		b.args.buf = msg.IncentivesStepFromVerbalWarning{}.Append(b.args.buf, b.loc)
	case 2:
		b.args.buf = msg.IncentivesStepFromWrittenWarning{}.Append(b.args.buf, b.loc)
	case 3:
		b.args.buf = msg.IncentivesStepFromFinalWarning{}.Append(b.args.buf, b.loc)
	default:
		b.args.buf = msg.IncentivesStepFromDismissal{}.Append(b.args.buf, b.loc)
	}
	return b.args.take()
}

// stepText: "rudeness to a customer on 2025-03-12: serious, two steps up
// from no step in the last 12 months", "3 occurrences of lateness, the
// last on 2025-03-20: minor, one step up from the verbal_warning in force
// in the last 12 months", or "leaking customer data on 2025-03-07: zero
// tolerance, straight to dismissal".
func (b *builder) stepText(k *violationKind, n int, at time.Time, top, lookBack int) {
	b.args.reset()
	what := b.occurrenceArg(k.label, n, at)
	switch k.severity {
	case ZeroTolerance:
		m := msg.IncentivesReasonStepZeroTolerance{What: what}
		b.put(m.Append(b.text.piece, b.loc))
		b.msgID, b.said = m.ID(), sStepZero
	case Minor:
		m := msg.IncentivesReasonStepMinor{What: what, From: b.stepFromArg(top), Months: lookBack}
		b.put(m.Append(b.text.piece, b.loc))
		b.msgID, b.said = m.ID(), sStepMinor
	default:
		m := msg.IncentivesReasonStepSerious{What: what, From: b.stepFromArg(top), Months: lookBack}
		b.put(m.Append(b.text.piece, b.loc))
		b.msgID, b.said = m.ID(), sStepSerious
	}
}

// withheldText: "withheld: dismissed this period (malicious leaking of
// customer information on 2025-03-07)", or "withheld: dismissed this
// period (3 occurrences of lateness, the last on 2025-03-20)".
func (b *builder) withheldText(label string, n int, at time.Time) {
	b.args.reset()
	m := msg.IncentivesReasonWithheld{What: b.occurrenceArg(label, n, at)}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// withheldPriorText: "withheld: dismissed on 2025-02-20, before this
// period, a step in force in the last 12 months".
func (b *builder) withheldPriorText(at time.Time, lookBack int) {
	m := msg.IncentivesReasonWithheldPrior{Date: at, Months: lookBack}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID = m.ID()
}

// contestShareText: "team north ranks 1 in monthly_quality (mean qa_avg
// 93.5 over 5 agents): the team prize CNY 1000.00 shared equally by 5
// agents = CNY 200.00", with ", the units left over one each to the first
// by agent id" when the prize does not divide evenly.
func (b *builder) contestShareText(team string, c *contest, row *teamRow, share int64) {
	b.args.reset()
	prize, each := b.moneyArg(row.prize), b.moneyArg(share)
	if row.prize%int64(row.count) != 0 {
		m := msg.IncentivesReasonContestShareUneven{Team: team, Rank: row.rank, Contest: b.p.name(c.id), Metric: c.label, Value: row.shown, N: row.count, Prize: prize, Share: each}
		b.put(m.Append(b.text.piece, b.loc))
		b.msgID, b.said = m.ID(), sContestShareUneven
		return
	}
	m := msg.IncentivesReasonContestShare{Team: team, Rank: row.rank, Contest: b.p.name(c.id), Metric: c.label, Value: row.shown, N: row.count, Prize: prize, Share: each}
	b.put(m.Append(b.text.piece, b.loc))
	b.msgID, b.said = m.ID(), sContestShare
}
