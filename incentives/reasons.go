package incentives

import (
	"math"
	"time"

	"github.com/callfloor/callfloor"
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

// The sentences of the guardrails that are the same for every agent.
const (
	careHoldText    = "wellbeing hold: care comes before discipline and contest placings"
	disputeHoldText = "held: a QA evaluation is under open dispute"
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

// reason makes the reason of rule whose facts start at fs and end here.
func (b *builder) reason(rule string, outcome callfloor.Outcome, text string, fs int32) callfloor.Reason {
	return callfloor.Reason{Rule: rule, Outcome: outcome, Text: text, Facts: b.factsOf(fs, b.mark())}
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
	return append(dst, b.reason(rule, outcome, b.text.stringOf(b.text.endShared()), fs))
}

// The sentences. Each writes one whole sentence into the piece of text
// begun, its template in its comment, so that a sentence is found by
// searching for its words; figures are rounded as appendFigure says.

// complimentsText: "3 customer compliments × CNY 20.00 = CNY 60.00".
func (b *builder) complimentsText(n, each, amount int64) {
	b.count(n, "customer compliment", "customer compliments")
	b.str(" × ")
	b.money(each)
	b.str(" = ")
	b.money(amount)
}

// complimentsCappedText: "12 customer compliments × CNY 20.00 = CNY
// 240.00, capped at CNY 200.00".
func (b *builder) complimentsCappedText(n, each, product, max int64) {
	b.complimentsText(n, each, product)
	b.str(", capped at ")
	b.money(max)
}

// complimentsCapText: "9223372036854775807 customer compliments × CNY
// 20.00, capped at CNY 200.00", for a count whose product the int64
// range cannot hold.
func (b *builder) complimentsCapText(n, each, max int64) {
	b.count(n, "customer compliment", "customer compliments")
	b.str(" × ")
	b.money(each)
	b.str(", capped at ")
	b.money(max)
}

// complimentsPraiseText: "Customer Favourite: 3 customer compliments",
// or without the title when the policy names none.
func (b *builder) complimentsPraiseText(title string, n int64) {
	if title != "" {
		b.strs(title, ": ")
	}
	b.count(n, "customer compliment", "customer compliments")
}

// pointsAwardText: "points award: csat 4.6 on the line from 4 to 5 earns
// 24 of 40 points".
func (b *builder) pointsAwardText(lr *linearRule, v float64, pts int64) {
	b.strs("points award: ", lr.head)
	b.text.piece = appendFigure(b.text.piece, v, lr.bounds[:])
	b.str(lr.mid)
	b.int(pts)
	b.str(lr.tail)
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
	b.str("rank ")
	b.int(rank)
	b.strs(" of the fastest improvers: ", name, " +")
	b.text.piece = appendFigure(b.text.piece, v, b.improverBounds())
	b.str(" over ")
	b.count(evals, "evaluation", "evaluations")
}

// improverPraiseText: "Fastest Improver: fastest improver #1,
// qa_improvement +6.5".
func (b *builder) improverPraiseText(title string, rank int64, name string, v float64) {
	if title != "" {
		b.strs(title, ": ")
	}
	b.str("fastest improver #")
	b.int(rank)
	b.strs(", ", name, " +")
	b.text.piece = appendFigure(b.text.piece, v, b.improverBounds())
}

// improverHeldText: "qa_improvement +6.5 would rank among the fastest
// improvers".
func (b *builder) improverHeldText(name string, v float64) {
	b.strs(name, " +")
	b.text.piece = appendFigure(b.text.piece, v, b.improverBounds())
	b.str(" would rank among the fastest improvers")
}

// bandHeldText: "QA band excellent (qa_avg=96.5) would make bonuses
// 120%".
func (b *builder) bandHeldText(bd *band, name string, v float64, mins []float64) {
	b.strs("QA band ", bd.id, " (", name, "=")
	b.text.piece = appendFigure(b.text.piece, v, mins)
	b.str(") would make bonuses ")
	b.int(bd.percent)
	b.str("%")
}

// bandText: "CNY 60.00 × 120% for QA band excellent (qa_avg=96.5, band
// from 95) = CNY 72.00".
func (b *builder) bandText(base int64, bd *band, eq string, v float64, mins []float64) {
	b.money(base)
	b.str(" × ")
	b.int(bd.percent)
	b.strs("% for QA band ", bd.id, " (", eq)
	b.text.piece = appendFigure(b.text.piece, v, mins)
	b.str(", band from ")
	b.num(bd.min)
	b.str(") = ")
	b.money(applyPercent(base, bd.percent))
}

// noBandText: "no QA band: qa_avg not measured, the bonus stays CNY
// 60.00", or "... qa_avg held, ..." when the figure is held.
func (b *builder) noBandText(name string, held bool, base int64) {
	b.strs("no QA band: ", name)
	if held {
		b.str(" held, the bonus stays ")
	} else {
		b.str(" not measured, the bonus stays ")
	}
	b.money(base)
}

// capBonusText: "bonuses capped at CNY 2000.00 per agent: the agent's CNY
// 2076.00 cut in proportion, this line's CNY 72.00 to CNY 69.36".
func (b *builder) capBonusText(limit int64, c capCut) {
	b.str("bonuses capped at ")
	b.money(limit)
	b.str(" per agent: the agent's ")
	b.money(c.total)
	b.str(" cut in proportion, this line's ")
	b.money(c.in)
	b.str(" to ")
	b.money(c.out)
}

// capPointsText: "points capped at 150 per agent: the agent's 180 points
// cut in proportion, this line's 50 to 41".
func (b *builder) capPointsText(limit int64, c capCut) {
	b.str("points capped at ")
	b.int(limit)
	b.str(" per agent: the agent's ")
	b.count(c.total, "point", "points")
	b.str(" cut in proportion, this line's ")
	b.int(c.in)
	b.str(" to ")
	b.int(c.out)
}

// poolText: "scaled to the pool: budget CNY 5000.00 for CNY 6000.00
// requested, this line's CNY 72.00 to CNY 60.00".
func (b *builder) poolText(budget, requested, in, out int64) {
	b.str("scaled to the pool: budget ")
	b.money(budget)
	b.str(" for ")
	b.money(requested)
	b.str(" requested, this line's ")
	b.money(in)
	b.str(" to ")
	b.money(out)
}

// podiumText: "Quality League: rank 1 in monthly_quality", or without the
// title when the contest has none.
func (b *builder) podiumText(c *contest, rank int) {
	b.begin()
	if c.title != "" {
		b.strs(c.title, ": ")
	}
	b.str("rank ")
	b.int(int64(rank))
	b.strs(" in ", c.id)
}

// violationText: "lateness or leaving early on 2025-03-04".
func (b *builder) violationText(label string, at time.Time) {
	b.strs(label, " on ")
	b.date(at)
}

// disputedViolationText: "held: lateness or leaving early on 2025-03-04
// rests on a QA evaluation under open dispute; it is out of discipline
// until the dispute is decided".
func (b *builder) disputedViolationText(label string, at time.Time) {
	b.strs("held: ", label, " on ")
	b.date(at)
	b.str(" rests on a QA evaluation under open dispute; it is out of discipline until the dispute is decided")
}

// noticeText: "1 of 3 occurrences of lateness or leaving early in this
// period; 3 lead to a step".
func (b *builder) noticeText(n int, k *violationKind) {
	b.int(int64(n))
	b.str(" of ")
	b.int(int64(k.occurrences))
	b.strs(" occurrences of ", k.label, " in this period; ")
	b.int(int64(k.occurrences))
	b.str(" lead to a step")
}

// fineText: "fine for lateness or leaving early on 2025-03-04".
func (b *builder) fineText(label string, at time.Time) {
	b.strs("fine for ", label, " on ")
	b.date(at)
}

// fineIncidentText: "fine capped at CNY 200.00 per incident".
func (b *builder) fineIncidentText(limit int64) {
	b.str("fine capped at ")
	b.money(limit)
	b.str(" per incident")
}

// finePeriodText: "fine cut to the CNY 500.00 limit per period".
func (b *builder) finePeriodText(limit int64) {
	b.str("fine cut to the ")
	b.money(limit)
	b.str(" limit per period")
}

// stepText: "rudeness to a customer on 2025-03-12: serious, two steps up
// from no step in the last 12 months", "3 occurrences of lateness, the
// last on 2025-03-20: minor, one step up from the verbal_warning in force
// in the last 12 months", or "leaking customer data on 2025-03-07: zero
// tolerance, straight to dismissal".
func (b *builder) stepText(k *violationKind, n int, at time.Time, top, lookBack int) {
	if n > 1 {
		b.int(int64(n))
		b.strs(" occurrences of ", k.label, ", the last on ")
	} else {
		b.strs(k.label, " on ")
	}
	b.date(at)
	if k.severity == ZeroTolerance {
		b.str(": zero tolerance, straight to dismissal")
		return
	}
	b.strs(": ", string(k.severity))
	if k.severity == Minor {
		b.str(", one step up from ")
	} else {
		b.str(", two steps up from ")
	}
	if top == 0 {
		b.str("no step in the last ")
	} else {
		b.strs("the ", string(stepByLevel[top]), " in force in the last ")
	}
	b.count(int64(lookBack), "month", "months")
}

// withheldText: "withheld: dismissed this period (malicious leaking of
// customer information on 2025-03-07)", or "withheld: dismissed this
// period (3 occurrences of lateness, the last on 2025-03-20)".
func (b *builder) withheldText(label string, n int, at time.Time) {
	b.str("withheld: dismissed this period (")
	if n > 1 {
		b.int(int64(n))
		b.strs(" occurrences of ", label, ", the last on ")
	} else {
		b.strs(label, " on ")
	}
	b.date(at)
	b.str(")")
}

// withheldPriorText: "withheld: dismissed on 2025-02-20, before this
// period, a step in force in the last 12 months".
func (b *builder) withheldPriorText(at time.Time, lookBack int) {
	b.str("withheld: dismissed on ")
	b.date(at)
	b.str(", before this period, a step in force in the last ")
	b.count(int64(lookBack), "month", "months")
}

// contestShareText: "team north ranks 1 in monthly_quality (mean qa_avg
// 93.5 over 5 agents): the team prize CNY 1000.00 shared equally by 5
// agents = CNY 200.00", with ", the units left over one each to the first
// by agent id" when the prize does not divide evenly.
func (b *builder) contestShareText(team string, c *contest, row *teamRow, share int64) {
	b.strs("team ", team, " ranks ")
	b.int(int64(row.rank))
	b.strs(" in ", c.id, " (mean ", c.metric, " ", row.shown, " over ")
	b.count(int64(row.count), "agent", "agents")
	b.str("): the team prize ")
	b.money(row.prize)
	b.str(" shared equally by ")
	b.count(int64(row.count), "agent", "agents")
	b.str(" = ")
	b.money(share)
	if row.prize%int64(row.count) != 0 {
		b.str(", the units left over one each to the first by agent id")
	}
}
