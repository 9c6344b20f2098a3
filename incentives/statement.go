package incentives

import "github.com/callfloor/callfloor"

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

// Line is one item of a statement for one agent.
type Line struct {
	// Agent and Team are the agent's ids, from its record.
	Agent string `json:"agent"`
	Team  string `json:"team"`
	// Kind says whether the line is an award, a penalty, a hold or a
	// grade change.
	Kind LineKind `json:"kind"`
	// Rule names what produced the line: "rewards.<id>",
	// "tiers.<group>.<tier>", "compliments", "improvers", "points.<id>",
	// "qa_multiplier", "contest.<id>", "fine.<kind>", "discipline.<kind>"
	// or "ladder.<grade>".
	Rule string `json:"rule"`
	// Amount is what the line adds to the agent's pay, in minor units:
	// positive for awards, negative for fines, zero for holds, steps and
	// grade changes.
	Amount int64 `json:"amount"`
	// Base is the bonus the rule states, before the QA multiplier, the
	// per-agent cap and the pool; Note explains any difference.
	Base int64 `json:"base,omitempty"`
	// Held is, on a hold line, the amount that would have been applied:
	// positive for an award, negative for a fine; on the qa_multiplier
	// hold line, what the held QA band would have added to (or, below
	// 100%, taken from) the agent's bonuses. On an award withheld from a
	// dismissed agent (its reason starts "withheld: dismissed this
	// period"), it is the award after the QA multiplier and the per-agent
	// caps: a withheld award takes no share of the pool, so the pool never
	// scales it.
	Held int64 `json:"held,omitempty"`
	// Points are the points an award line gives, after the points cap. On
	// an award withheld from a dismissed agent they are the points held
	// back; Totals.Points counts award lines only. A line of a points rule
	// ("points.<id>") is a points award that pays nothing: its Amount and
	// Base are 0 and its Reason starts "points award: "; show Points
	// rather than the amount.
	Points int64 `json:"points,omitempty"`
	// Title and Badge are the honorary title and badge the rule gives; on
	// a hold line, the title and badge held back with it.
	Title string `json:"title,omitempty"`
	Badge string `json:"badge,omitempty"`
	// Step is the discipline step of a penalty line, or of the step a hold
	// line held back.
	Step Step `json:"step,omitempty"`
	// Grade is the grade of a grade line.
	Grade string `json:"grade,omitempty"`
	// Violations names the violations that led to a penalty or hold; on
	// an award withheld from a dismissed agent, those that led to the
	// dismissal.
	Violations []string `json:"violations,omitempty"`
	// Reason is a short sentence with the figures that decided the line,
	// and for compliments and contest shares the sum that makes Base, as
	// in "3 customer compliments × CNY 20.00 = CNY 60.00". Figures are
	// rounded to two decimals, or shown with more where two would put a
	// figure across a threshold of its rule (84.996 against a minimum of
	// 85 is never shown as 85).
	Reason string `json:"reason"`
	// Note says, step by step, how Amount (on a withheld award, Held) came
	// from Base, each step with its factor and the amount it leaves, so
	// that the sentence multiplies out to the amount: "CNY 60.00 × 120%
	// for QA band excellent (qa_avg=96.5, band from 95) = CNY 72.00;
	// bonuses capped at CNY 2000.00 per agent: the agent's CNY 2076.00 cut
	// in proportion, this line's CNY 72.00 to CNY 69.36; scaled to the
	// pool: budget ..., this line's CNY 69.36 to CNY 60.00". When no QA
	// band applied it says why ("no QA band: qa_avg not measured, the
	// bonus stays CNY 60.00"). Empty when Amount is Base. Show it with
	// the Reason wherever an amount is shown.
	Note string `json:"note,omitempty"`
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
	// back (those of rules "fine.<kind>" and "discipline.<kind>"): what
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

// Recognition is an item of public praise: praise is given one-to-many,
// in front of the team.
type Recognition struct {
	// Agent is empty for a team's recognition (a contest placing).
	Agent string `json:"agent,omitempty"`
	// Team is the team's id.
	Team string `json:"team"`
	// Kind is "title", "badge", "improver", "compliments" or "contest".
	Kind string `json:"kind"`
	// Rule is the rule that earned it, as on the statement's lines.
	Rule string `json:"rule"`
	// Text is what to read out, as in "Fastest Improver: fastest improver
	// #1, qa_improvement +6.5" or the title itself.
	Text string `json:"text"`
}

// CorrectiveItem is an item for a private, one-to-one talk: a fine, a
// discipline step, a hold, or a notice of violations counting toward a
// step.
type CorrectiveItem struct {
	// Agent and Team are the agent's ids.
	Agent string `json:"agent"`
	Team  string `json:"team"`
	// Kind is "penalty", "hold" or "notice".
	Kind string `json:"kind"`
	// Rule is the rule of the line it comes from, or "discipline.<kind>"
	// for a notice.
	Rule string `json:"rule"`
	// Step is the discipline step taken or held, if any.
	Step Step `json:"step,omitempty"`
	// Violations names the violations it concerns.
	Violations []string `json:"violations,omitempty"`
	// Text is the line's reason, or the notice, as in "1 of 3
	// occurrences of lateness in this period; 3 lead to a step".
	Text string `json:"text"`
}

// Statement is the outcome of one period for every agent. Lines are
// ordered by agent id and, within an agent, in a fixed order: reward rules
// and tiers in policy order, compliments, points, improvers, multiplier
// holds, contests, then discipline by date and the grade change. Agents
// and Teams are ordered by id. Every amount is in minor units of Currency.
type Statement struct {
	// Policy names the policy that produced the statement.
	Policy callfloor.Identity `json:"policy"`
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
}

// AgentLines returns the lines of one agent, in statement order; none on
// a nil Statement.
func (s *Statement) AgentLines(agent string) []Line {
	if s == nil {
		return nil
	}
	var out []Line
	for _, l := range s.Lines {
		if l.Agent == agent {
			out = append(out, l)
		}
	}
	return out
}
