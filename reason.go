package callfloor

import "github.com/callfloor/callfloor/internal/msg"

// Outcome says what a rule did to a result.
type Outcome uint8

// The outcomes a Reason can state.
const (
	// Fired: the rule applied and shaped the result (a band matched, a
	// tier was reached, a bonus was paid, a deduction was made).
	Fired Outcome = iota + 1
	// Held: the rule applied, but a guardrail held its effect back (a
	// penalty for an agent in crisis, a figure under dispute); the reason
	// says which guardrail.
	Held
	// Suppressed: the rule would have applied, but another rule of the
	// policy stopped it (a care talk comes before a corrective one, a case
	// of the kind is already open, the crisis owner closed a crisis).
	Suppressed
	// NotEvaluated: the rule could not be evaluated because the data it
	// reads is missing (an unmeasured metric, no usable screening).
	NotEvaluated
	// Stale: the data the rule would read is too old to be used (a
	// screening past its validity window).
	Stale
	// NotMet: the rule was evaluated on its data and its condition did
	// not hold (a retention bar not reached, a requirement of the next
	// grade missing); the reason says by how much.
	NotMet
)

var outcomeNames = []string{"", "fired", "held", "suppressed", "not_evaluated", "stale", "not_met"}

// String gives the outcome's name, as in "fired".
func (o Outcome) String() string { return enumString("outcome", outcomeNames, o) }

// MarshalText gives the outcome's name; a value that is not one of the
// constants is an error.
func (o Outcome) MarshalText() ([]byte, error) { return enumText("outcome", outcomeNames, o) }

// UnmarshalText reads an outcome's name and refuses any other text.
func (o *Outcome) UnmarshalText(b []byte) error {
	v, err := enumParse[Outcome](msg.EnumOutcome{}, outcomeNames, b)
	if err == nil {
		*o = v
	}
	return err
}

// Reason is one rule's part in a result: which rule, what it did, one
// sentence for people and the figures it read.
type Reason struct {
	// Rule is the rule's place in the policy, as the dotted path of its
	// YAML ("tiers.moderate", "rewards.tiers.gold", "triggers.low_qa"); a
	// rule built into the package that no policy can change (the PHQ-9
	// item 9 crisis rule) has the path of the YAML section that configures
	// it ("crisis"). Rules are stable
	// across minor versions of the package and across a policy's edits
	// that keep the rule's place.
	Rule string `json:"rule"`
	// Outcome says what the rule did to the result.
	Outcome Outcome `json:"outcome"`
	// Text says in one sentence what the rule did and why, with the
	// figures, for people, in the locale the policy names.
	Text string `json:"text"`
	// Message is the id of the catalog message Text was rendered from
	// ("mood.reason.band"), the same in every locale, so that a host can
	// render the reason in its own words from Message and Facts.
	Message string `json:"message,omitempty"`
	// Facts are the figures the rule read, in the order the sentence
	// names them, so that a host can render the reason itself or audit it
	// without parsing Text. Empty when the rule read no figure.
	Facts []Fact `json:"facts,omitempty"`
}

// Fact is one figure a rule read: a metric, a score, a count, an amount
// in minor units, a threshold.
type Fact struct {
	// Name names the figure: a metric of the policy ("qa_avg"), or a
	// name the package documents for the figure ("total", "threshold").
	Name string `json:"name"`
	// Value is the figure as the rule read it, unrounded.
	Value float64 `json:"value"`
}
