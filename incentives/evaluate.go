package incentives

import (
	"math"
	"slices"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
)

// Evaluate computes the statement of a period for the given agents. It
// checks every record first and returns a *callfloor.InputError naming the first
// bad field (in input order) without computing anything; it returns
// another error only when the sums of a statement would leave the int64
// range of minor units. Evaluate is pure: the same period, records and
// policy give the same statement, byte for byte, whatever the order of
// the records.
//
// In a period whose cadence is the policy's pay period, Evaluate applies
// the reward rules, tiers, compliments, points, improvers, QA multiplier,
// caps and pool, discipline and the career ladder; in every period it runs
// the contests whose cadence matches.
//
// On a nil or zero Policy, Evaluate returns ErrZeroPolicy.
func (p *Policy) Evaluate(per Period, agents []AgentRecord) (Statement, error) {
	if p.zero() {
		return Statement{}, ErrZeroPolicy
	}
	if err := per.validateIn(p.loc); err != nil {
		return Statement{}, err
	}
	b := &builder{p: p, loc: p.loc, per: per, agents: agents, pay: per.Cadence == p.payPeriod}
	b.args.buf = make([]byte, 0, 256)
	if err := b.load(); err != nil {
		return Statement{}, err
	}
	b.run()
	if err := b.finish(); err != nil {
		return Statement{}, err
	}
	return b.st, nil
}

// The kinds of rec, indexes of lineKinds.
const (
	kAward uint8 = iota
	kPenalty
	kHold
	kGrade
)

var lineKinds = [...]LineKind{KindAward, KindPenalty, KindHold, KindGrade}

// Flags of a rec.
const (
	fPool         uint8 = 1 << iota // a bonus: scaled by the multiplier, the cap and the pool
	fAward                          // carries the title and badge of its source
	fCapped                         // cut by the per-agent bonus cap
	fPointsCapped                   // cut by the per-agent points cap
	fPooled                         // scaled to the pool
	fHeldFine                       // a hold line holding back a fine
)

// rec is a statement line while the statement is being built. It holds
// no pointers, so the garbage collector never scans the hundreds of
// thousands of them, and it is kept to 80 bytes, so that they cost little
// memory to hold and to read; finish turns each into a Line, whose strings are the
// policy's, the records' and substrings of the statement's text.
type rec struct {
	amount, base, held, points int64
	src                        int32 // index in Policy.sources
	vs, ve                     int32 // violations, in builder.viols
	rs, re                     int32 // the own reason's text, in the text
	fs, fe                     int32 // the own reason's facts, in builder.facts
	xs                         int32 // the first factor's reason of a fine, in builder.extra
	g                          int32 // 1 + the guardrail's reason in builder.tails, 0 for none
	shared                     int32 // 1 + the own reason in builder.sharedR, 0 for none
	mul                        int32 // 1 + the QA multiplier's reason in builder.mulR, 0 for none
	kind                       uint8
	said                       sentence // the message of the own reason
	step                       uint8    // level of the discipline step, 0 for none
	flags                      uint8
	xn                         uint8 // how many factors' reasons of a fine, from xs
}

// builder computes one statement. Its slices are indexed by input index
// (the order of the records passed in) or by sorted position (the order of
// agent ids, which is the statement's), as their comments say.
//
// Its work is in files by concept: records.go checks and orders the
// records; rewardlines.go writes the reward lines and praise,
// multiplier.go and caps.go scale them, disciplinelines.go writes fines,
// steps and notices, ladder.go places agents on the ladder, contest.go
// ranks teams, holds.go holds lines back; pool.go shares the pool out and
// totals.go turns the records into the statement's lines and totals. The
// sentences are in reasons.go, the buffers they and their facts are
// written into in text.go and chunks.go.
type builder struct {
	p        *Policy
	loc      *msg.Locale // the policy's, in which every sentence is written
	args     args        // the figures and money of the sentence being written
	msgID    string      // the message id of the sentence last written
	said     sentence    // the same, for a line's own reason
	per      Period
	pay      bool
	agents   []AgentRecord
	order    []int32                  // input indices sorted by agent id
	matrix   []float64                // metric rows by input index
	nan      []uint64                 // unmeasured slots by input index, as maskOf makes them
	grade    []int32                  // ladder grade by input index
	career   []float64                // career rows (ladder columns) by input index
	ids      []string                 // agent ids by sorted position
	teams    []string                 // team ids, sorted
	sizes    []int                    // agents per team
	teamOf   []int32                  // team index by sorted position
	held     []float64                // the row of an agent with held QA figures
	matched  []int                    // by group of Policy.conds: its first condition that holds, or -1
	text     text                     // every reason's sentence
	facts    chunks[callfloor.Fact]   // every reason's facts
	reasons  chunks[callfloor.Reason] // the reasons of praise, notices and the ladder
	extra    []callfloor.Reason       // the factors of fines, by rec.xs and rec.xn
	tails    []callfloor.Reason       // the guardrails of the lines, by rec.g
	careG    int32                    // the rec.g of the wellbeing hold, 0 until used
	disputeG int32                    // the rec.g of the dispute hold, 0 until used
	privOf   []int32                  // the line of each item of Statement.Private, or -1 for a notice
	recs     []rec
	first    []int32 // first rec of each sorted position, plus one past the end
	cur      int     // the sorted position of the agent whose lines are written
	viols    []string
	split    apportioner

	// The texts and facts of the commonest lines, by the figures that
	// make them.
	compliments []complimentText         // by count
	pointsText  []map[float64]pointsSpan // by points rule, then figure
	praised     map[praiseKey][]callfloor.Reason
	mulR        []callfloor.Reason             // the QA multiplier's reasons, by rec.mul
	poolR       map[[2]int64]callfloor.Reason  // the pool's reason, by the line's amount before and after
	ladderR     map[ladderKey]callfloor.Reason // a requirement's reason, by what it depends on
	mulOf       map[bandKey]int32              // rec.mul by what the reason depends on
	sharedR     [][]callfloor.Reason           // own reasons that lines of equal figures share
	lists       map[listKey][]callfloor.Reason // the reasons of listed lines, by what they depend on
	scratch     []callfloor.Reason

	improver    []int32 // improver rank by sorted position, 0 for none
	improverMin float64 // the lowest improvement that ranked
	bounds      []float64
	running     []runningContest

	steps    []datedStep
	endLoc   *time.Location // the location endY, endM and endD are in
	endY     int
	endM     time.Month
	endD     int
	sinceEnd time.Time // steps after it are active at the period's end
	vidx     []int
	batches  [][]string
	counts   []int    // the violations counted in each batch
	keep     []int    // the violation that stands for each, by call
	also     []string // scratch for mergedInto
	climbed  []int

	// The agent's first dismissal this period: its step line, or -1, and
	// the kind and date of the violation that led to it.
	dismissal   int32
	dismissKind *violationKind
	dismissAt   time.Time
	tail        []CorrectiveItem // scratch for withhold
	privTail    []int32          // scratch for withhold

	// What the caps and the pool did, for the notes: the cuts of the caps
	// by line, and the amount of every pool line before the pool (in
	// line order), when the pool scaled them.
	capMoney, capPoints map[int32]capCut
	poolIn              []int64

	// A dismissal of the history still in force at the period's start,
	// when there is none this period: its date and violations.
	sinceStart time.Time // steps after it are in force at the period's start
	priorAt    time.Time
	priorViols []string

	// The career ladder's results, written as they are found.
	nexts      chunks[NextGrade]
	shortfalls chunks[Shortfall]

	st Statement
}

// runningContest is a contest of the period's cadence, its teams ranked.
type runningContest struct {
	c    *contest
	rows []teamRow
	seen []int32 // members of each team met so far, in id order
}

func (b *builder) run() {
	p := b.p
	n := len(b.order)
	b.st = Statement{Policy: p.id, Period: b.per, Currency: p.currency, MinorDigits: p.digits}
	b.recs = make([]rec, 0, min(n, 256)*4+16)
	b.first = make([]int32, n+1)
	b.held = make([]float64, len(p.metrics))
	if b.pay {
		b.compliments = make([]complimentText, 256)
		b.pointsText = make([]map[float64]pointsSpan, len(p.points))
		for i := range b.pointsText {
			b.pointsText[i] = map[float64]pointsSpan{}
		}
	}
	if b.pay && p.improvers != nil {
		b.selectImprovers()
	}
	for ci := range p.contests {
		c := &p.contests[ci]
		if c.every != b.per.Cadence {
			continue
		}
		rows, res := b.runContest(c)
		b.st.Contests = append(b.st.Contests, res)
		b.running = append(b.running, runningContest{c: c, rows: rows, seen: make([]int32, len(rows))})
		for _, s := range res.Table {
			if s.Prize > 0 {
				fs := b.mark()
				b.fact("rank", float64(s.Rank))
				b.podiumText(c, s.Rank)
				b.st.Public = append(b.st.Public, Recognition{Team: s.Team, Kind: pubKinds[pubContest],
					Reasons: b.one(b.reason(p.sources[c.src].rule, callfloor.Fired, b.text.endString(), b.msgID, fs))})
			}
		}
	}
	const sample = 256
	for pos, ai := range b.order {
		if pos == sample && n > 2*sample {
			b.reserve(sample, n)
		}
		b.first[pos] = int32(len(b.recs))
		b.agent(pos, ai)
	}
	b.first[n] = int32(len(b.recs))
}

// reserve grows the builder's buffers once, to what the first done
// agents suggest the whole center needs, so that they are not copied over
// and over as they fill.
func (b *builder) reserve(done, n int) {
	grow := func(have int) int { return have*n/done + have*n/done/8 + 64 }
	b.recs = slices.Grow(b.recs, grow(len(b.recs))-len(b.recs))
	b.st.Public = slices.Grow(b.st.Public, grow(len(b.st.Public))-len(b.st.Public))
	b.st.Private = slices.Grow(b.st.Private, grow(len(b.st.Private))-len(b.st.Private))
	b.privOf = slices.Grow(b.privOf, grow(len(b.privOf))-len(b.privOf))
	if len(b.st.Careers) > 0 {
		b.st.Careers = slices.Grow(b.st.Careers, n-len(b.st.Careers))
	}
}

// add appends a line of the agent at b.cur whose own reason is the text
// written since begin, with the facts from fs on.
func (b *builder) add(kind uint8, src int32, fs int32) *rec {
	rs, re := b.text.end()
	return b.addSpan(kind, src, rs, re, fs, b.mark())
}

// addSpan appends a line whose reason's text and facts are already
// written.
func (b *builder) addSpan(kind uint8, src int32, rs, re int32, fs, fe int32) *rec {
	b.recs = append(b.recs, rec{kind: kind, src: src, rs: rs, re: re, fs: fs, fe: fe, said: b.said})
	return &b.recs[len(b.recs)-1]
}

// violations records ids as the violations of the line r.
func (b *builder) violations(r *rec, ids ...string) {
	r.vs = int32(len(b.viols))
	b.viols = append(b.viols, ids...)
	r.ve = int32(len(b.viols))
}

// figures is one agent's period figures: as measured, and as pay may use
// them (with QA figures held out when hold says why).
type figures struct {
	vals, pay []float64
	nan, pnan uint64 // unmeasured slots of vals and of pay
	hold      uint8  // why QA figures are held: holdNone, holdDispute, holdFewEvals
	evals     int    // the QA evaluations the period's figures rest on
}

func (b *builder) agent(pos int, ai int32) {
	p := b.p
	a := &b.agents[ai]
	b.cur = pos
	start := len(b.recs)
	pub, priv := len(b.st.Public), len(b.st.Private)
	if b.pay {
		f := figures{vals: b.row(ai), nan: b.nan[ai], evals: a.QAEvaluations}
		f.pay, f.pnan = f.vals, f.nan
		if f.hold = b.qaHold(a); f.hold != holdNone {
			copy(b.held, f.vals)
			for _, s := range p.qaSlots {
				b.held[s] = math.NaN()
			}
			f.pay, f.pnan = b.held, f.nan|p.qaMask
		}
		b.rewards(pos, a, &f)
		b.applyMultiplier(pos, start, &f)
		b.applyCaps(start)
	}
	b.contests(pos, a)
	if b.pay {
		awards := len(b.recs)
		b.dismissal = -1
		finalUntil := b.discipline(pos, a)
		if p.discipline.withholdAwards && (b.dismissal >= 0 || b.priorDismissal(a)) {
			b.withhold(start, awards, pub, priv)
		}
		if len(p.ladder.grades) > 0 {
			b.placeOnLadder(pos, ai, a, finalUntil)
		}
	}
}

// private adds the last line added to the corrective list.
func (b *builder) private() { b.privateOf(int32(len(b.recs) - 1)) }

// privateOf adds the line recs[k], a line of the agent at b.cur, to the
// corrective list; its reasons are the line's, set when the lines are.
func (b *builder) privateOf(k int32) {
	r := &b.recs[k]
	it := CorrectiveItem{Agent: b.ids[b.cur], Team: b.teams[b.teamOf[b.cur]], Kind: itemKinds[r.kind-1], Step: stepByLevel[r.step]}
	if r.ve > r.vs {
		it.Violations = b.viols[r.vs:r.ve:r.ve]
	}
	b.st.Private = append(b.st.Private, it)
	b.privOf = append(b.privOf, k)
}
