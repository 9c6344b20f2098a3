package incentives

import (
	"sort"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/enum"
	"github.com/callfloor/callfloor/internal/msg"
)

// LineKind says what a statement line is.
type LineKind string

// The kinds of statement line.
const (
	// KindAward is a bonus, points, a title, a badge or a contest prize.
	KindAward LineKind = "award"
	// KindPenalty is a fine or a discipline step.
	KindPenalty LineKind = "penalty"
	// KindHold is an award, penalty or contest placing that a guardrail
	// held back, or an award withheld because the agent was dismissed in
	// the period: its amount is in Held, not in Amount, and its reason says
	// why.
	KindHold LineKind = "hold"
	// KindGrade is a step up the career ladder.
	KindGrade LineKind = "grade"
)

var lineKindNames = []LineKind{KindAward, KindPenalty, KindHold, KindGrade}

// String gives the kind's name, as in "award".
func (k LineKind) String() string { return string(k) }

// MarshalText gives the kind's name; a value that is not one of the
// constants is an error.
func (k LineKind) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumIncentivesLineKind{}, k, lineKindNames)
}

// UnmarshalText reads a kind's name and refuses any other text.
func (k *LineKind) UnmarshalText(b []byte) error {
	v, err := enum.Unmarshal(msg.EnumIncentivesLineKind{}, b, lineKindNames)
	if err == nil {
		*k = v
	}
	return err
}

// Line is one item of a statement for one agent. Its Reasons say why it
// is there and how its amount came about; the first is always the
// line's own rule, whose place in the policy Rule returns.
type Line struct {
	// Agent and Team are the agent's ids, from its record.
	Agent string `json:"agent"`
	Team  string `json:"team"`
	// Kind says whether the line is an award, a penalty, a hold or a
	// grade change.
	Kind LineKind `json:"kind"`
	// Amount is what the line adds to the agent's pay, in minor units:
	// positive for awards, negative for fines, zero for holds, steps and
	// grade changes.
	Amount int64 `json:"amount"`
	// Base is the bonus the rule states, before the QA multiplier, the
	// per-agent cap and the pool; Reasons explain any difference.
	Base int64 `json:"base"`
	// Held is, on a hold line, the amount that would have been applied:
	// positive for an award, negative for a fine; on the qa_multiplier
	// hold line, what the held QA band would have added to (or, below
	// 100%, taken from) the agent's bonuses. On an award withheld from a
	// dismissed agent (its last reason is the rule
	// discipline.dismissal_withholds_awards), it is the award after the
	// QA multiplier and the per-agent caps: a withheld award takes no
	// share of the pool, so the pool never scales it.
	Held int64 `json:"held"`
	// Points are the points an award line gives, after the points cap. On
	// an award withheld from a dismissed agent they are the points held
	// back; Totals.Points counts award lines only. A line of a points rule
	// ("rewards.points.<id>") is a points award that pays nothing: its
	// Amount and Base are 0 and its reason starts "points award: "; show
	// Points rather than the amount.
	Points int64 `json:"points"`
	// Title and Badge are the honorary title and badge the rule gives; on
	// a hold line, the title and badge held back with it. Each is absent
	// when the line gives none.
	Title string `json:"title,omitempty"`
	Badge string `json:"badge,omitempty"`
	// Step is the discipline step of a penalty line, or of the step a hold
	// line held back; absent on a line of no step.
	Step Step `json:"step,omitempty"`
	// Grade is the grade of a grade line; absent on any other line.
	Grade string `json:"grade,omitempty"`
	// Violations names the violations that led to a penalty or hold; on
	// an award withheld from a dismissed agent, those that led to the
	// dismissal.
	Violations []string `json:"violations,omitempty"`
	// Reasons explain the line, in order: the line's own rule first (its
	// Rule is the rule's place in the policy, as
	// "rewards.tiers.service_star.gold", "rewards.compliments",
	// "rewards.points.csat", "discipline.kinds.late.fine",
	// "discipline.kinds.late", "contests.monthly_quality" or
	// "ladder.grades.senior"; its Outcome is Held on a hold line, Fired
	// otherwise), then each factor between the rule's amount and the
	// amount paid, each with the amount it leaves as its last fact (the
	// QA band "rewards.qa_multiplier.bands.excellent", or
	// "rewards.qa_multiplier" when no band applied; the per-agent caps
	// "rewards.caps.bonus" and "rewards.caps.points"; the bonus "pool";
	// a fine's "discipline.fines.per_incident_max" and
	// "discipline.fines.per_period_max"), then the guardrail that holds
	// the line, if any, with Outcome Held ("guardrails.care",
	// "guardrails.dispute", "qa.min_evaluations",
	// "discipline.dismissal_withholds_awards"). So a host recomputes
	// Amount (on a withheld award, Held) from Base and the factors'
	// facts. Figures in the sentences are rounded to two decimals, or
	// shown with more where two would put a figure across a threshold of
	// its rule (84.996 against a minimum of 85 is never shown as 85);
	// the facts hold them unrounded.
	Reasons []callfloor.Reason `json:"reasons"`
}

// Rule returns the place in the policy of the rule that produced the
// line: the Rule of its first reason, "" for a line without reasons.
// Policy.RuleTitle gives what it is called in the policy's language.
func (l *Line) Rule() string {
	if len(l.Reasons) == 0 {
		return ""
	}
	return l.Reasons[0].Rule
}

// Totals add up lines. Net is exactly the sum of the Amount of every line
// counted, and Bonus - Fines == Net. The hold lines add up apart, never
// in Net: HeldBonus - HeldFines == Held.
type Totals struct {
	// Bonus sums the award lines.
	Bonus int64 `json:"bonus"`
	// Fines sums the fines, as a positive number.
	Fines int64 `json:"fines"`
	// Net sums the Amount of every line: Bonus - Fines.
	Net int64 `json:"net"`
	// Points sums the points of award lines.
	Points int64 `json:"points"`
	// HeldBonus sums the Held of the hold lines that hold back pay: held
	// awards and contest shares, awards withheld from a dismissed agent,
	// and the difference a held QA band would make to the bonuses. It is
	// what Bonus would gain if every such hold were released, a positive
	// amount unless a held QA band below 100% would cut the bonuses by
	// more than the held awards add.
	HeldBonus int64 `json:"held_bonus"`
	// HeldFines sums, as a positive number, the fines that hold lines hold
	// back (those of rules "discipline.kinds.<kind>.fine" and
	// "discipline.kinds.<kind>"): what
	// Fines would gain if every such hold were released.
	HeldFines int64 `json:"held_fines"`
	// Held sums the Held of every hold line, HeldBonus - HeldFines: what
	// Net would gain if every hold were released. It mixes held pay and
	// held fines; read HeldBonus and HeldFines for each apart.
	Held int64 `json:"held"`
}

// AgentTotal is one agent's totals.
type AgentTotal struct {
	// Agent and Team are the agent's ids.
	Agent string `json:"agent"`
	Team  string `json:"team"`
	Totals
}

// TeamTotal is one team's totals: the sum of its agents'.
type TeamTotal struct {
	// Team is the team's id.
	Team string `json:"team"`
	// Agents counts the team's agents in the period.
	Agents int `json:"agents"`
	Totals
}

// RecognitionKind says what an item of public praise is for.
type RecognitionKind string

// The kinds of public recognition.
const (
	RecognizeTitle       RecognitionKind = "title"
	RecognizeBadge       RecognitionKind = "badge"
	RecognizeImprover    RecognitionKind = "improver"
	RecognizeCompliments RecognitionKind = "compliments"
	RecognizeContest     RecognitionKind = "contest"
)

var recognitionKinds = []RecognitionKind{RecognizeTitle, RecognizeBadge, RecognizeImprover, RecognizeCompliments, RecognizeContest}

// String gives the kind's name, as in "title".
func (k RecognitionKind) String() string { return string(k) }

// MarshalText gives the kind's name; a value that is not one of the
// constants is an error.
func (k RecognitionKind) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumIncentivesRecognitionKind{}, k, recognitionKinds)
}

// UnmarshalText reads a kind's name and refuses any other text.
func (k *RecognitionKind) UnmarshalText(b []byte) error {
	v, err := enum.Unmarshal(msg.EnumIncentivesRecognitionKind{}, b, recognitionKinds)
	if err == nil {
		*k = v
	}
	return err
}

// Recognition is an item of public praise: praise is given one-to-many,
// in front of the team.
type Recognition struct {
	// Agent is empty for a team's recognition (a contest placing).
	Agent string `json:"agent"`
	// Team is the team's id.
	Team string `json:"team"`
	// Kind says what the praise is for.
	Kind RecognitionKind `json:"kind"`
	// Reasons holds one reason: the rule that earned the praise, as on
	// the statement's lines, and as its Text what to read out, as in
	// "Fastest Improver: fastest improver #1, qa_improvement +6.5" or the
	// title itself.
	Reasons []callfloor.Reason `json:"reasons"`
}

// ItemKind says what an item of the corrective list is.
type ItemKind string

// The kinds of corrective item.
const (
	// ItemPenalty is a fine or a discipline step.
	ItemPenalty ItemKind = "penalty"
	// ItemHold is a line a guardrail held back, or an award withheld
	// from a dismissed agent.
	ItemHold ItemKind = "hold"
	// ItemNotice is a count of violations toward a step.
	ItemNotice ItemKind = "notice"
)

var itemKinds = []ItemKind{ItemPenalty, ItemHold, ItemNotice}

// String gives the kind's name, as in "notice".
func (k ItemKind) String() string { return string(k) }

// MarshalText gives the kind's name; a value that is not one of the
// constants is an error.
func (k ItemKind) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumIncentivesCorrectiveItemKind{}, k, itemKinds)
}

// UnmarshalText reads a kind's name and refuses any other text.
func (k *ItemKind) UnmarshalText(b []byte) error {
	v, err := enum.Unmarshal(msg.EnumIncentivesCorrectiveItemKind{}, b, itemKinds)
	if err == nil {
		*k = v
	}
	return err
}

// CorrectiveItem is an item for a private, one-to-one talk: a fine, a
// discipline step, a hold, or a notice of violations counting toward a
// step.
type CorrectiveItem struct {
	// Agent and Team are the agent's ids.
	Agent string `json:"agent"`
	Team  string `json:"team"`
	// Kind says whether the item is a penalty, a hold or a notice.
	Kind ItemKind `json:"kind"`
	// Step is the discipline step taken or held, if any.
	Step Step `json:"step,omitempty"`
	// Violations names the violations it concerns; absent when it
	// concerns none (a held award).
	Violations []string `json:"violations,omitempty"`
	// Reasons are the reasons of the line the item comes from, or, for a
	// notice, one reason of the rule "discipline.kinds.<kind>.occurrences",
	// as in "1 of 3 occurrences of lateness in this period; 3 lead to a
	// step".
	Reasons []callfloor.Reason `json:"reasons"`
}

// Statement is the outcome of one period for every agent. Lines are
// ordered by agent id and, within an agent, in a fixed order: reward rules
// and tiers in policy order, compliments, points, improvers, multiplier
// holds, contests, then discipline by date and the grade change. Agents
// and Teams are ordered by id. Every amount is in minor units of Currency.
type Statement struct {
	// Period is the period evaluated.
	Period Period `json:"period"`
	// Currency and MinorDigits are the policy's: 2 means an Amount of
	// 1050 is 10.50.
	Currency    string `json:"currency"`
	MinorDigits int    `json:"minor_digits"`
	// Lines holds every line, by agent id, then in the order above.
	Lines []Line `json:"lines"`
	// Agents, Teams and Center add up exactly: each agent's totals are the
	// sum of its lines, each team's the sum of its agents', and Center the
	// sum of the teams'.
	Agents []AgentTotal `json:"agents"`
	Teams  []TeamTotal  `json:"teams"`
	Center Totals       `json:"center"`
	// Pool reports the bonus pool of a pay period.
	Pool Pool `json:"pool"`
	// Contests holds the league table of each contest of the period's
	// cadence, in policy order.
	Contests []ContestResult `json:"contests,omitempty"`
	// Careers places every agent on the ladder, by agent id, in a pay
	// period of a policy with a ladder.
	Careers []Career `json:"careers,omitempty"`
	// Public is the recognition list, to be read out: contest podiums
	// first, then by agent id. An agent dismissed in the period has none
	// (see Line.Held).
	Public []Recognition `json:"public"`
	// Private is the corrective list, for one-to-one talks only, by agent
	// id.
	Private []CorrectiveItem `json:"private"`
	// Protective holds the protective actions of the period's violations
	// (a kind's discipline.kinds.<kind>.protect), by agent id, then by
	// the date of the violation: steps the host takes at once, each
	// routed to its Owner only. None is ever held, whatever holds the
	// sanction. Absent when there are none.
	Protective []ProtectiveAction `json:"protective,omitempty"`
	// Policy names the policy that produced the statement.
	Policy callfloor.Identity `json:"policy"`

	// byAgent indexes Lines by agent, for AgentLines: the first line of
	// each agent of Agents, in Agents' order, and one past the last line.
	byAgent []int32
}

// AgentLines returns the lines of one agent, in statement order, as a
// slice of Lines (do not append to it); none on a nil Statement or for an
// agent it does not hold. A Statement made by Evaluate finds them by a
// binary search of Agents in an index built with the statement, so that
// calling AgentLines for every agent costs no more than reading the lines
// once; it only reads the statement and is safe for concurrent use. A
// Statement built otherwise (read back from JSON, or edited) is scanned.
func (s *Statement) AgentLines(agent string) []Line {
	if s == nil {
		return nil
	}
	if len(s.byAgent) == len(s.Agents)+1 && int(s.byAgent[len(s.Agents)]) == len(s.Lines) {
		k := sort.Search(len(s.Agents), func(i int) bool { return s.Agents[i].Agent >= agent })
		if k == len(s.Agents) || s.Agents[k].Agent != agent {
			return nil
		}
		lo, hi := s.byAgent[k], s.byAgent[k+1]
		if lo == hi {
			return nil
		}
		return s.Lines[lo:hi:hi]
	}
	var out []Line
	for _, l := range s.Lines {
		if l.Agent == agent {
			out = append(out, l)
		}
	}
	return out
}
