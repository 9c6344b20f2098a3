package incentives

// LineKind says what a statement line is.
type LineKind string

// The kinds of statement line.
const (
	// KindAward is a bonus, points, a title, a badge or a contest prize.
	KindAward LineKind = "award"
	// KindPenalty is a fine or a discipline step.
	KindPenalty LineKind = "penalty"
	// KindHold is an award, penalty or contest placing that a guardrail
	// held back: its amount is in Held, not in Amount, and its reason says
	// why.
	KindHold LineKind = "hold"
	// KindGrade is a step up the career ladder.
	KindGrade LineKind = "grade"
)

// Line is one item of a statement for one agent.
type Line struct {
	Agent string   `json:"agent"`
	Team  string   `json:"team"`
	Kind  LineKind `json:"kind"`
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
	// positive for an award, negative for a fine.
	Held   int64  `json:"held,omitempty"`
	Points int64  `json:"points,omitempty"`
	Title  string `json:"title,omitempty"`
	Badge  string `json:"badge,omitempty"`
	// Step is the discipline step of a penalty line, or of the step a hold
	// line held back.
	Step Step `json:"step,omitempty"`
	// Grade is the grade of a grade line.
	Grade string `json:"grade,omitempty"`
	// Violations names the violations that led to a penalty or hold.
	Violations []string `json:"violations,omitempty"`
	// Reason is a short sentence with the figures that decided the line.
	Reason string `json:"reason"`
	// Note says how Amount came from Base: the QA multiplier, the cap and
	// the pool, each named.
	Note string `json:"note,omitempty"`
}

// Totals add up lines. Net is exactly the sum of the Amount of every line
// counted, and Bonus - Fines == Net.
type Totals struct {
	// Bonus sums the award lines.
	Bonus int64 `json:"bonus"`
	// Fines sums the fines, as a positive number.
	Fines int64 `json:"fines"`
	Net   int64 `json:"net"`
	// Points sums the points of award lines.
	Points int64 `json:"points"`
	// Held sums the Held of hold lines; it is not part of Net.
	Held int64 `json:"held"`
}

// AgentTotal is one agent's totals.
type AgentTotal struct {
	Agent string `json:"agent"`
	Team  string `json:"team"`
	Totals
}

// TeamTotal is one team's totals: the sum of its agents'.
type TeamTotal struct {
	Team   string `json:"team"`
	Agents int    `json:"agents"`
	Totals
}

// Recognition is an item of public praise: praise is given one-to-many,
// in front of the team.
type Recognition struct {
	// Agent is empty for a team's recognition (a contest placing).
	Agent string `json:"agent,omitempty"`
	Team  string `json:"team"`
	// Kind is "title", "badge", "improver", "compliments" or "contest".
	Kind string `json:"kind"`
	Rule string `json:"rule"`
	Text string `json:"text"`
}

// CorrectiveItem is an item for a private, one-to-one talk: a fine, a
// discipline step, a hold, or a notice of violations counting toward a
// step.
type CorrectiveItem struct {
	Agent string `json:"agent"`
	Team  string `json:"team"`
	// Kind is "penalty", "hold" or "notice".
	Kind       string   `json:"kind"`
	Rule       string   `json:"rule"`
	Step       Step     `json:"step,omitempty"`
	Violations []string `json:"violations,omitempty"`
	Text       string   `json:"text"`
}

// Statement is the outcome of one period for every agent. Lines are
// ordered by agent id and, within an agent, in a fixed order: reward rules
// and tiers in policy order, compliments, points, improvers, multiplier
// holds, contests, then discipline by date and the grade change. Agents
// and Teams are ordered by id. Every amount is in minor units of Currency.
type Statement struct {
	Policy      Identity `json:"policy"`
	Period      Period   `json:"period"`
	Currency    string   `json:"currency"`
	MinorDigits int      `json:"minor_digits"`
	Lines       []Line   `json:"lines"`
	// Agents, Teams and Center add up exactly: each agent's totals are the
	// sum of its lines, each team's the sum of its agents', and Center the
	// sum of the teams'.
	Agents   []AgentTotal    `json:"agents"`
	Teams    []TeamTotal     `json:"teams"`
	Center   Totals          `json:"center"`
	Pool     Pool            `json:"pool"`
	Contests []ContestResult `json:"contests,omitempty"`
	Careers  []Career        `json:"careers,omitempty"`
	// Public is the recognition list, to be read out; Private the
	// corrective list, for one-to-one talks only.
	Public  []Recognition    `json:"public"`
	Private []CorrectiveItem `json:"private"`
}

// AgentLines returns the lines of one agent, in statement order.
func (s *Statement) AgentLines(agent string) []Line {
	var out []Line
	for _, l := range s.Lines {
		if l.Agent == agent {
			out = append(out, l)
		}
	}
	return out
}
