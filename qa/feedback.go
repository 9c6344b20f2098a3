package qa

import (
	"fmt"
	"github.com/callfloor/callfloor"
	"math"
	"sort"
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
	// Lost is the points of the raw total the item cost; 0 on a strength.
	// Critical is the scope of a failed critical item; empty otherwise.
	// Setting is callfloor.OneToOne for a correction and the policy's praise setting
	// for a strength.
	Text     string            `json:"text"`
	Say      string            `json:"say"`
	Note     string            `json:"note,omitempty"`
	Lost     float64           `json:"lost,omitempty"`
	Critical Scope             `json:"critical,omitempty"`
	Setting  callfloor.Setting `json:"setting"`
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
}

// Feedback plans the talk about a result. Deductions come in order of
// importance (failed critical items first, then by points lost), each with
// how to fix it, one-to-one. Strengths come first, the heaviest items
// first, at most max_positive_per_negative per deduction (or that many in
// all when there is no deduction), in the setting the policy gives praise.
func (p *Policy) Feedback(r Result) (FeedbackPlan, error) {
	if !p.ready() {
		return FeedbackPlan{}, ErrZeroPolicy
	}
	for i, o := range r.Strengths {
		if err := checkOutcome("result.strengths", i, o); err != nil {
			return FeedbackPlan{}, err
		}
	}
	for i, o := range r.Deductions {
		if err := checkOutcome("result.deductions", i, o); err != nil {
			return FeedbackPlan{}, err
		}
	}
	fs := p.feedback
	plan := FeedbackPlan{Evaluation: r.Evaluation, Agent: r.Agent, Policy: p.id}
	neg := len(r.Deductions)
	// A policy may set a ratio so large that ratio times deductions
	// overflows; the products saturate instead.
	maxPos := timesSaturating(fs.maxPositive, max(neg, 1))
	plan.NeedPositives = timesSaturating(fs.minPositive, neg)

	strengths := append([]ItemOutcome(nil), r.Strengths...)
	sort.SliceStable(strengths, func(i, j int) bool { return strengths[i].Weight > strengths[j].Weight })
	if len(strengths) > maxPos {
		strengths = strengths[:maxPos]
	}
	deductions := append([]ItemOutcome(nil), r.Deductions...)
	sort.SliceStable(deductions, func(i, j int) bool {
		a, b := deductions[i], deductions[j]
		if (a.Critical != NotCritical) != (b.Critical != NotCritical) {
			return a.Critical != NotCritical
		}
		return a.Lost > b.Lost
	})
	for _, o := range strengths {
		plan.Parts = append(plan.Parts, FeedbackPart{
			Kind: Strength, Item: o.Item, Text: o.Text, Say: o.Good, Note: o.Note, Setting: fs.praise,
		})
	}
	for _, o := range deductions {
		plan.Parts = append(plan.Parts, FeedbackPart{
			Kind: Correction, Item: o.Item, Text: o.Text, Say: o.Fix, Note: o.Note,
			Lost: o.Lost, Critical: o.Critical, Setting: callfloor.OneToOne,
		})
	}
	plan.Positives, plan.Negatives = len(strengths), neg
	ratio := fmt.Sprintf("%d:1 to %d:1", fs.minPositive, fs.maxPositive)
	switch {
	case neg == 0:
		plan.EnoughStrengths = true
		plan.Reasons = append(plan.Reasons, reason("feedback.max_positive_per_negative", callfloor.Fired,
			fmt.Sprintf("no deductions: praise %s, nothing to correct", count(plan.Positives, "strength")),
			fact("strengths", plan.Positives)))
	case plan.Positives >= plan.NeedPositives:
		plan.EnoughStrengths = true
		plan.Reasons = append(plan.Reasons, reason("feedback.min_positive_per_negative", callfloor.Fired,
			fmt.Sprintf("%s for %s, within the ratio %s", count(plan.Positives, "strength"), count(neg, "deduction"), ratio),
			fact("strengths", plan.Positives), fact("deductions", neg),
			fact("min_positive_per_negative", fs.minPositive), fact("max_positive_per_negative", fs.maxPositive)))
	default:
		plan.MissingStrengths = plan.NeedPositives - plan.Positives
		plan.LookFor = append([]string(nil), fs.lookFor...)
		plan.Reasons = append(plan.Reasons, reason("feedback.min_positive_per_negative", callfloor.NotMet,
			fmt.Sprintf("only %d genuine %s for %s; the ratio %s needs %d: find %d more in the agent's real work before the talk rather than invent praise",
				plan.Positives, plural(plan.Positives, "strength"), count(neg, "deduction"), ratio, plan.NeedPositives, plan.MissingStrengths),
			fact("strengths", plan.Positives), fact("deductions", neg),
			fact("min_positive_per_negative", fs.minPositive), fact("max_positive_per_negative", fs.maxPositive),
			fact("need", plan.NeedPositives), fact("missing", plan.MissingStrengths)))
	}
	if len(r.Strengths) > len(strengths) {
		plan.Reasons = append(plan.Reasons, reason("feedback.max_positive_per_negative", callfloor.Fired,
			fmt.Sprintf("%d of %d strengths kept, the heaviest, so that praise stays within %d per deduction", len(strengths), len(r.Strengths), fs.maxPositive),
			fact("kept", len(strengths)), fact("strengths", len(r.Strengths)), fact("max_positive_per_negative", fs.maxPositive)))
	}
	if neg > 0 {
		plan.Reasons = append(plan.Reasons, reason("feedback.corrections", callfloor.Fired, "corrective feedback is given one-to-one"))
	}
	if len(strengths) > 0 && fs.praise == callfloor.Group {
		plan.Reasons = append(plan.Reasons, reason("feedback.praise_setting", callfloor.Fired, "praise may be given in front of the group"))
	}
	return plan, nil
}

func checkOutcome(field string, i int, o ItemOutcome) error {
	f := fmt.Sprintf("%s[%d]", field, i)
	if o.Item == "" {
		return required(f + ".item")
	}
	if !finite(o.Weight) || o.Weight < 0 {
		return inputErr(callfloor.ErrOutOfRange, f+".weight", "%v is not a weight", o.Weight)
	}
	if !finite(o.Lost) || o.Lost < 0 {
		return inputErr(callfloor.ErrOutOfRange, f+".lost", "%v is not a number of points", o.Lost)
	}
	return nil
}

// timesSaturating is a*b for non-negative a and b, or math.MaxInt when the
// product does not fit.
func timesSaturating(a, b int) int {
	if b != 0 && a > math.MaxInt/b {
		return math.MaxInt
	}
	return a * b
}
