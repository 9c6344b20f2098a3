package qa

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"sync/atomic"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
)

// PartKind is what a part of a feedback talk does.
type PartKind string

const (
	// Strength praises what the agent did well, with what good looks like.
	Strength PartKind = "strength"
	// Correction names a deduction and how to fix it.
	Correction PartKind = "correction"
)

// FeedbackPart is one point of the talk.
type FeedbackPart struct {
	// Kind is Strength or Correction.
	// Item is the id of the scorecard item.
	Kind PartKind `json:"kind"`
	Item string   `json:"item"`
	// Text says what the item checks; Say is what the coach tells the
	// agent: what good looks like for a strength, how to fix it for a
	// correction.
	// Note is the evaluator's note on the answer; empty when none.
	// Lost is the points of the score the item cost, as on ItemOutcome;
	// 0 on a strength.
	// Critical is the scope of a failed critical item; empty otherwise.
	// Setting is callfloor.OneToOne for a correction and the policy's praise setting
	// for a strength.
	// Phrases, on a correction, are the phrases the evaluator ticked as
	// heard (the service standard's forbidden phrases), so that the coach
	// names what was said; they share the result's slice.
	Text     string            `json:"text"`
	Say      string            `json:"say"`
	Note     string            `json:"note,omitempty"`
	Lost     float64           `json:"lost,omitempty"`
	Critical Scope             `json:"critical,omitempty"`
	Setting  callfloor.Setting `json:"setting"`
	Phrases  []string          `json:"phrases,omitempty"`
}

// FeedbackPlan is the talk a coach should have about one result:
// strengths first, then every deduction with how to fix it, at the
// policy's ratio of positive to negative remarks.
type FeedbackPlan struct {
	// Evaluation and Agent are copied from the result.
	// Parts holds the strengths first, heaviest first, then the corrections:
	// failed critical items first, then by points lost.
	// Positives counts the strengths in Parts, capped by the policy's ratio.
	// Negatives counts the corrections: every deduction of the result.
	Evaluation string         `json:"evaluation,omitempty"`
	Agent      string         `json:"agent,omitempty"`
	Parts      []FeedbackPart `json:"parts"`
	Positives  int            `json:"positives"`
	Negatives  int            `json:"negatives"`
	// NeedPositives is the fewest positive remarks the ratio asks for.
	NeedPositives int `json:"need_positives"`
	// EnoughStrengths is false when the evaluation holds fewer genuine
	// strengths than the ratio needs. The plan then does not invent praise:
	// MissingStrengths says how many are missing and LookFor where the
	// coach may find real ones before the talk.
	// Reasons explain the plan: whether the ratio is met, any strengths left
	// out, and the setting of corrections and praise.
	// Policy names the policy that produced the plan.
	EnoughStrengths  bool               `json:"enough_strengths"`
	MissingStrengths int                `json:"missing_strengths,omitempty"`
	LookFor          []string           `json:"look_for,omitempty"`
	Reasons          []callfloor.Reason `json:"reasons"`
	Policy           callfloor.Identity `json:"policy"`

	// order is FeedbackInto's room to sort the result's outcomes, facts
	// holds the figures of the plan's reasons, and room keeps the parts'
	// capacity while Parts is nil, so that a reused plan writes them
	// without allocating.
	order []int
	facts []callfloor.Fact
	room  []FeedbackPart
}

// Feedback plans the talk about a result. Deductions come in order of
// importance (failed critical items first, then by points lost), each with
// how to fix it, one-to-one. Strengths come first, the heaviest items
// first, at most max_positive_per_negative per deduction (or that many in
// all when there is no deduction), in the setting the policy gives praise.
//
// The plan owns its slices; they are nil when empty.
func (p *Policy) Feedback(r Result) (FeedbackPlan, error) {
	var plan FeedbackPlan
	if err := p.FeedbackInto(&plan, r); err != nil {
		return FeedbackPlan{}, err
	}
	return plan, nil
}

// FeedbackInto is Feedback writing its plan into *dst and reusing the
// capacity of dst's slices, for a host that plans many talks in a loop,
// as ScoreInto is for scores: once the slices have grown it allocates
// nothing, for the results of scorecards of up to 63 items. Everything
// in *dst is overwritten, so a plan kept from an earlier call must not
// share dst's slices (copy it, or plan it with Feedback). Empty slices
// may be left non-nil, except Parts, which is nil when the plan has no
// part, as Feedback's is. On error *dst is unchanged.
func (p *Policy) FeedbackInto(dst *FeedbackPlan, r Result) error {
	if !p.ready() {
		return ErrZeroPolicy
	}
	if dst == nil {
		return errNoPlan
	}
	if err := checkOutcomes(p.locale(), "result.strengths", r.Strengths); err != nil {
		return err
	}
	if err := checkOutcomes(p.locale(), "result.deductions", r.Deductions); err != nil {
		return err
	}
	p.planFeedback(dst, &r)
	return nil
}

var errNoPlan = errors.New("qa: FeedbackInto needs a *FeedbackPlan to write into, got nil")

// planFeedback writes the plan of a checked result into plan, reusing
// plan's slices.
func (p *Policy) planFeedback(plan *FeedbackPlan, r *Result) {
	fs := &p.feedback
	neg := len(r.Deductions)
	// A policy may set a ratio so large that ratio times deductions
	// overflows; the products saturate instead.
	maxPos := timesSaturating(fs.maxPositive, max(neg, 1))
	pos := min(len(r.Strengths), maxPos)
	need := timesSaturating(fs.minPositive, neg)
	enough := neg == 0 || pos >= need
	trimmed := len(r.Strengths) > pos
	group := pos > 0 && fs.praise == callfloor.Group

	nReasons := 1
	nFacts := 1
	switch {
	case neg == 0:
	case enough:
		nFacts = 4
	default:
		nFacts = 6
	}
	if trimmed {
		nReasons++
		nFacts += 3
	}
	if neg > 0 {
		nReasons++
	}
	if group {
		nReasons++
	}
	parts := plan.Parts
	if parts == nil {
		parts = plan.room
	}
	*plan = FeedbackPlan{
		Evaluation: r.Evaluation, Agent: r.Agent,
		Positives: pos, Negatives: neg, NeedPositives: need, EnoughStrengths: enough,
		Reasons: plan.Reasons[:0], LookFor: plan.LookFor[:0], Policy: p.id,
		order: plan.order, facts: plan.facts,
	}
	if pos+neg > 0 {
		plan.Parts = reuse(parts, pos+neg, pos+neg)
	} else {
		// A plan with no part says so as null, as a fresh one does; the
		// room stays for the next.
		plan.room = parts
	}
	if cap(plan.Reasons) < nReasons {
		plan.Reasons = make([]callfloor.Reason, 0, nReasons)
	}
	if cap(plan.facts) < nFacts {
		plan.facts = make([]callfloor.Fact, nFacts)
	}

	// The order of the strengths, heaviest first, then of the
	// deductions, failed critical items first, then by points lost; equal
	// ones keep the result's order.
	order := plan.order[:0]
	if n := max(len(r.Strengths), neg); cap(order) < n {
		order = make([]int, 0, n)
	}
	for i := range r.Strengths {
		order = append(order, i)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(r.Strengths[b].Weight, r.Strengths[a].Weight)
	})
	for k, i := range order[:pos] {
		o := &r.Strengths[i]
		plan.Parts[k] = FeedbackPart{Kind: Strength, Item: o.Item, Text: o.Text, Say: o.Good, Note: o.Note, Setting: fs.praise}
	}
	order = order[:0]
	for i := range r.Deductions {
		order = append(order, i)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		da, db := &r.Deductions[a], &r.Deductions[b]
		if ca, cb := da.Critical != NotCritical, db.Critical != NotCritical; ca != cb {
			if ca {
				return -1
			}
			return 1
		}
		return cmp.Compare(db.Lost, da.Lost)
	})
	for k, i := range order {
		o := &r.Deductions[i]
		plan.Parts[pos+k] = FeedbackPart{
			Kind: Correction, Item: o.Item, Text: o.Text, Say: o.Fix, Note: o.Note,
			Lost: o.Lost, Critical: o.Critical, Setting: callfloor.OneToOne, Phrases: o.Phrases,
		}
	}
	plan.order = order[:0]

	facts := plan.facts[:0]
	add := func(rule string, o callfloor.Outcome, k textKind, text string, figures ...callfloor.Fact) {
		start := len(facts)
		facts = append(facts, figures...)
		plan.Reasons = append(plan.Reasons, callfloor.Reason{Rule: rule, Outcome: o, Text: text, Message: textIDs[k], Facts: facts[start:len(facts):len(facts)]})
	}
	texts := p.feedbackTexts()
	switch {
	case neg == 0:
		add("feedback.max_positive_per_negative", callfloor.Fired, noDeductions, texts.get(p, noDeductions, pos, 0),
			fact("strengths", pos))
	case enough:
		add("feedback.min_positive_per_negative", callfloor.Fired, withinRatio, texts.get(p, withinRatio, pos, neg),
			fact("strengths", pos), fact("deductions", neg),
			fact("min_positive_per_negative", fs.minPositive), fact("max_positive_per_negative", fs.maxPositive))
	default:
		plan.MissingStrengths = need - pos
		plan.LookFor = append(plan.LookFor, fs.lookFor...)
		add("feedback.min_positive_per_negative", callfloor.NotMet, shortOfRatio, texts.get(p, shortOfRatio, pos, neg),
			fact("strengths", pos), fact("deductions", neg),
			fact("min_positive_per_negative", fs.minPositive), fact("max_positive_per_negative", fs.maxPositive),
			fact("need", need), fact("missing", plan.MissingStrengths))
	}
	if trimmed {
		add("feedback.max_positive_per_negative", callfloor.Fired, strengthsKept, texts.get(p, strengthsKept, pos, len(r.Strengths)),
			fact("kept", pos), fact("strengths", len(r.Strengths)), fact("max_positive_per_negative", fs.maxPositive))
	}
	if neg > 0 {
		plan.Reasons = append(plan.Reasons, p.correctionsReason)
	}
	if group {
		plan.Reasons = append(plan.Reasons, p.praiseReason)
	}
}

// checkOutcomes checks the figures Feedback reads from a result's
// strengths or deductions; it formats a field's path only for the
// outcome at fault.
func checkOutcomes(l *msg.Locale, field string, outcomes []ItemOutcome) error {
	for i := range outcomes {
		o := &outcomes[i]
		if o.Item != "" && finite(o.Weight) && o.Weight >= 0 && finite(o.Lost) && o.Lost >= 0 {
			continue
		}
		f := field + "[" + itoa(i) + "]"
		if o.Item == "" {
			return required(l, f+".item")
		}
		if !finite(o.Weight) || o.Weight < 0 {
			return inputErr(l, callfloor.ErrOutOfRange, f+".weight", msg.QaInputNotWeight{Value: value(o.Weight)})
		}
		return inputErr(l, callfloor.ErrOutOfRange, f+".lost", msg.QaInputNotPoints{Value: value(o.Lost)})
	}
	return nil
}

// textKind names a sentence of a feedback reason that carries counts.
type textKind int

const (
	noDeductions  textKind = iota // strengths
	withinRatio                   // strengths, deductions
	shortOfRatio                  // strengths, deductions
	strengthsKept                 // kept, strengths
	numTextKinds
)

// textIDs are the message ids of the sentences of each textKind.
var textIDs = [numTextKinds]string{
	noDeductions:  msg.QaReasonFeedbackNoDeductions{}.ID(),
	withinRatio:   msg.QaReasonFeedbackWithinRatio{}.ID(),
	shortOfRatio:  msg.QaReasonFeedbackShortOfRatio{}.ID(),
	strengthsKept: msg.QaReasonFeedbackStrengthsKept{}.ID(),
}

// maxTextCount bounds the counts whose sentences a policy keeps.
const maxTextCount = 63

// feedbackTexts holds the sentences of feedback reasons for counts below
// bound, each written the first time a plan needs it and then shared, so
// that plans at steady state write no new string. Strings are immutable,
// so plans may share them; the figures of a reason are the plan's own.
type feedbackTexts struct {
	bound int
	texts [numTextKinds][]atomic.Pointer[string]
}

// feedbackTexts returns the policy's sentences, making the table on
// first use, with room for counts up to the item count of the largest
// scorecard and at most maxTextCount.
func (p *Policy) feedbackTexts() *feedbackTexts {
	if t := p.fbTexts.Load(); t != nil {
		return t
	}
	n := 0
	for _, sc := range p.scorecards {
		n = max(n, len(sc.items))
	}
	t := &feedbackTexts{bound: min(n, maxTextCount) + 1}
	for k := range t.texts {
		t.texts[k] = make([]atomic.Pointer[string], t.bound*t.bound)
	}
	if p.fbTexts.CompareAndSwap(nil, t) {
		return t
	}
	return p.fbTexts.Load()
}

// get returns the sentence of kind k for the counts a and b.
func (t *feedbackTexts) get(p *Policy, k textKind, a, b int) string {
	if a >= t.bound || b >= t.bound {
		return p.feedbackText(k, a, b)
	}
	slot := &t.texts[k][a*t.bound+b]
	if s := slot.Load(); s != nil {
		return *s
	}
	s := p.feedbackText(k, a, b)
	if !slot.CompareAndSwap(nil, &s) {
		return *slot.Load()
	}
	return s
}

// feedbackText writes the sentence of kind k for the counts a and b.
func (p *Policy) feedbackText(k textKind, a, b int) string {
	fs := &p.feedback
	l := p.locale()
	ratio := msg.QaFeedbackRatio{Min: fs.minPositive, Max: fs.maxPositive}
	switch k {
	case noDeductions:
		return render(l, msg.QaReasonFeedbackNoDeductions{Strengths: msg.QaCountStrength{N: a}})
	case withinRatio:
		return msg.QaReasonFeedbackWithinRatio{Strengths: msg.QaCountStrength{N: a}, Deductions: msg.QaCountDeduction{N: b}, Ratio: ratio}.String(l)
	case shortOfRatio:
		need := timesSaturating(fs.minPositive, b)
		return render(l, msg.QaReasonFeedbackShortOfRatio{Have: a, Deductions: msg.QaCountDeduction{N: b}, Ratio: ratio, Need: need, Missing: need - a})
	default:
		return render(l, msg.QaReasonFeedbackStrengthsKept{Kept: a, Strengths: b, Max: fs.maxPositive})
	}
}

// timesSaturating is a*b for non-negative a and b, or math.MaxInt when the
// product does not fit.
func timesSaturating(a, b int) int {
	if b != 0 && a > math.MaxInt/b {
		return math.MaxInt
	}
	return a * b
}
