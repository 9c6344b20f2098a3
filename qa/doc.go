// Package qa runs quality inspection the way it is meant to work: to help
// agents improve, not to catch them. Monitoring collects data; coaching
// changes behaviour. A score therefore always comes with what the agent
// did well and how to fix what they did not, and the figures built on
// scores (pay, discipline, praise for the fastest improvers) say when
// they must be held back.
//
// # The policy
//
// A policy, written in YAML and compiled once by ParsePolicy (or the
// embedded DefaultPolicy, whose source DefaultPolicySource returns as a
// starting point), holds one or more scorecards and the settings of
// everything around them. Every id it declares (of a scorecard, a
// section, an item) is lower_snake_case, as callfloor.ValidID has it,
// since the ids join into the dotted rule paths of reasons
// ("scorecards.inbound_service.sections.manner.items.voice"); display
// names and scale labels are free text. ParsePolicy reports every mistake
// at once, each with its line and column, in a *callfloor.PolicyError;
// PolicySchema is the format's JSON Schema, for editors and HR tools.
// The default policy holds an inbound service scorecard written from the call-center service standard
// (answer within three rings, the standard greeting and the agent's ID,
// repeat details back, permission before a hold, no hold over a minute
// and no long silence, name the colleague on a transfer, apologise at
// once for one's own error, help callers with special needs, "anything
// else?", let the customer hang up first; leaking customer information
// fails the evaluation) and an outbound sales scorecard, which scores
// the rules of the standard that fit a call the agent places (not the
// agent ID, long silences, special needs or calling in the manager, which
// the inbound card scores), with the settings of agents' turns in QA and
// of their suggestions on the standard.
//
// Each behaviour the standard forbids toward a customer has its own item
// on both scorecards, so that a result says which one happened, and
// their weights follow the standard's own words. What it strictly
// forbids (严禁: mocking a customer's defect, a rhetorical or
// interrogating tone) and rudeness fail the evaluation: a rude call
// otherwise perfect scores 0 and fails. Arguing or talking back zeroes
// its section of 25 points, which fails the call on its own; the inbound
// card scores calling in the manager or supervisor instead as an item of
// its own. An interruption, or a forbidden service phrase, costs its
// weight in its section of 25 points: about 4 points (25 × 2/12 = 4.17
// on the outbound card, and on an inbound call where calling the manager
// is N/A, the usual case; 25 × 2/13 = 3.85 where it is answered), while
// mocking fails the call: mocking is never lighter than an
// interruption. The forbidden service phrases (服务忌语) are a list on
// their item (phrases): the evaluator's form shows it, the evaluator
// ticks the phrases heard on a "no" (Answer.Phrases; no speech
// recognition is involved), and the result's deduction and the
// correction of the feedback talk name them. The standard forbids such
// phrases without listing them; the default's list is the library's. It
// holds no question: the standard strictly forbids a rhetorical or
// interrogating question, so the same words must not cost a phrase's few
// points on one item and fail the call on another. ParsePolicy refuses a
// phrase that ends in a question mark on an item that does not fail the
// evaluation (critical: evaluation).
//
// # Scorecards and scoring
//
// A scorecard has sections with weights and items with weights. An item
// is yes/no or a rating scale of whole points min..max with labelled
// points; it may allow N/A; it may be critical, failing the whole
// evaluation or only its section; a yes/no item may list phrases (at
// most 50) the evaluator ticks on a "no" for those the agent said; and
// it always says what good looks like (said as praise) and how to fix
// it (said in coaching). A host builds its
// evaluation form from Scorecard.Items and sends back one Answer per item.
// Scorecard.Score validates the answers and computes:
//
//	item score    s_i = 1 or 0 (yes/no), (value - min) / (max - min) (scale)
//	section score S_k = sum(w_i * s_i) / sum(w_i)   over its items not N/A
//	raw score     R   = 100 * sum(W_k * S_k) / sum(W_k)   over sections with
//	                    at least one item not N/A
//	score             = R after critical failures: a failed section-critical
//	                    item (scoring 0) sets its S_k to 0; a failed
//	                    evaluation-critical item sets the score to 0
//	passed            = no evaluation-critical failure and score >= pass mark
//
// The Result lists the section scores, the failed critical items, the
// strengths (items at full marks, with what good looks like) and the
// deductions (with how to fix them and the points each cost, which add up
// to 100 - score: a failed critical item costs, besides its weight, what
// the failure took from the other answers of its section or of the
// evaluation), the scorecard's version, and whether the evaluation's
// source counts toward pay (by default QA evaluators and team leads; peer
// and self evaluations help agents learn the standard).
//
// A result is self-contained: its strengths and deductions carry the
// item's id, text and what good looks like or how to fix it, so that it
// reads the same once stored or marshalled, and Feedback needs nothing
// else from the scorecard. The strings are the policy's own, shared, not
// copied byte by byte.
//
// # A stream of evaluations, with no allocation
//
// A host scoring many evaluations keeps one Result and one FeedbackPlan
// per worker and writes each evaluation into them:
//
//	var r qa.Result
//	var plan qa.FeedbackPlan
//	for ev := range evaluations {
//		if err := sc.ScoreInto(&r, ev); err != nil { ... }
//		if err := policy.FeedbackInto(&plan, r); err != nil { ... }
//		// use r and plan; copy what must outlive the next evaluation
//	}
//
// Once their slices have grown to the largest evaluation seen, neither
// call allocates (for scorecards of up to 63 items), phrases ticked
// included. Each call overwrites
// everything in its destination, so a figure kept past the next
// evaluation is copied out, or the evaluation is scored with Score and
// Feedback, which return values of their own. A Policy and its
// Scorecards are safe for concurrent use; the destinations are not, so
// each goroutine has its own.
//
// # Feedback
//
// Policy.Feedback turns a result into the talk the coach should have:
// strengths first, heaviest first, then every deduction with how to fix
// it, failed critical items first, at three to five positive remarks per
// negative one. It never invents praise: when the evaluation holds too
// few genuine strengths it says how many are missing and where to look
// for real ones (recent evaluations, compliments). Corrections are given
// one-to-one; praise may go to the group.
//
// # Calibration and evaluators
//
// Scorecard.Calibrate compares several evaluators who scored the same
// interaction: each one's deviation from the reference (a designated
// expert's score, or the median), the items they disagree on, and
// Krippendorff's alpha over the item scores (nominal and ordinal), and
// flags whoever lies beyond the policy's tolerance (5 points by default).
// Policy.Leans finds who is consistently harsher or more lenient over
// several sessions. Alpha is exported for hosts with reliability data of
// their own; it takes time O(n log n) and memory O(n) in the number of
// values at the nominal, ordinal and interval levels, whatever the values
// are, and refuses ratio data with more than 50,000,000 pairs of distinct
// values. Policy.EvaluatorFigures puts each QA evaluator's lean beside
// the share of their evaluations whose feedback reached the agent and the
// results of the teams they cover, so that an evaluator's KPI is tied to
// the team's results, as call-center practice binds the interests of QA
// and the team leads. The team figures are a KPI a host can pay on: the
// mean of the teams' scores in the latest period, all pooled, the share
// at or above the bar (trends.bar), the change from the period before,
// and the sample sizes. A figure is marked payable only from
// evaluators.min_team_scores scores (30 by default; in both periods for
// the change); on fewer it is reported and held out of pay, with a
// reason of outcome Held. Scores under an open dispute are counted apart
// and in no figure.
//
// # Agents in QA: rotation and suggestions
//
// Two practices make agents part of QA rather than its object. Agents
// rotate into QA, even for a short turn, so that they see how scoring is
// done and help settle conflicts between the floor and QA:
// Policy.Rotation takes the roster (each person's post, since when, and
// when they last served in the other post) and says who is due a turn
// and who has never had one, longest overdue first. An agent's turn falls
// due rotation.agent_every (180 days by default) after the last one, or
// after they started taking calls if they never evaluated. The sources
// speak of agents going to QA only; the library also sends evaluators
// back to the floor after rotation.evaluator_every (a year by default),
// so that those who score calls keep taking them. The roster is the
// host's: Rotation plans nothing and moves nobody.
//
// Agents also take part in writing, revising and calibrating the
// standard. A Suggestion is an agent's remark against one item of a
// scorecard; Policy.Suggestions counts them per item over a period, the
// items most agents questioned first, and marks for review at the next
// calibration every item that suggestions.review_at distinct agents
// (three by default) questioned: one agent may have a grievance, several
// point at the standard. A suggestion naming a scorecard or item the
// policy does not hold is an input error.
//
// # Disputes: state the host stores
//
// An agent disputes items of an evaluation, each with a reason, within
// the policy's window (14 days by default) and up to its maximum number
// of items: Policy.OpenDispute returns a Dispute. A reviewer upholds or
// overturns each item with a rationale through Policy.Apply; an overturn
// re-scores the evaluation and adds a version of the score, and every
// version is kept. A Dispute is a plain value: the host stores it (it
// round-trips through JSON unchanged), loads it and passes it back with
// the next event. It keeps the stored-state convention of the callfloor
// packages, as a coaching case does: an ID (DisputeID: the evaluation's
// id and the raise's time), a Status (StatusOpen, StatusDecided,
// StatusWithdrawn), Opened and Updated times, the Policy it was opened
// under, and its full History of events, each with an ID, a Type
// (EventRaise, EventDecide, EventWithdraw), an At and a By. Apply never
// modifies the dispute it is given and returns it unchanged with any
// error. It checks a stored dispute against its own history before
// acting on it (under the policy it was opened with, the history is
// replayed and must give the dispute field for field), so an edited or
// truncated dispute is refused. A dispute of N items holds at most N + 1
// events (the raise, then decides that each settle an item or more, or a
// withdraw while one is pending); a longer history is refused before
// anything else in it is read, and the check of a stored history takes
// time proportional to its length. An event id names one event: the same
// event sent again changes nothing, so a retried event is harmless, while the same
// id with other content is refused. A dispute is decided by a reviewer
// who is neither the agent nor the evaluator who scored the evaluation.
// Times JSON cannot hold (outside years 0 to 9999), and a dispute window
// that would close beyond them, are refused as input errors.
// While a dispute is open the evaluation is held out of pay and
// discipline (Dispute.Held, and Dispute.Hold for the reason to state).
//
// # Trends and sampling
//
// Policy.Trends takes the periods (in order, not overlapping), the score
// of each evaluation and the customer complaints, and gives each agent's
// mean per period with its sample size and 95 % confidence interval, the
// change between periods, the periods below the bar, the fastest
// improvers (only agents with enough evaluations in both periods, so that
// two lucky calls do not win), and the pattern "long stable and excellent,
// then a sudden drop or complaint" that calls for a care talk. Trend is
// shaped for a coaching package to turn into triggers. Hosts usually feed
// Trends the pay-relevant results only. A score whose evaluation is under
// an open dispute still reaches Trends unless the host leaves it out:
// marked Held, it counts in no mean, interval, change or improver
// ranking, its period counts it in Held, and the trend states it as a
// reason with the outcome callfloor.Held. EvaluatorFigures treats the
// scores of a team the same way.
//
// Policy.SamplingPlan says how many interactions to evaluate per agent in
// a period: a base count, more for new hires, low scorers and agents with
// recent complaints, up to a maximum; a hire date after the period is
// refused.
//
// # Partitions: per team, then one reduction
//
// Trends and sampling partition by team with no coordination, so that a
// host can run a large center team by team, in parallel and in bounded
// memory. Trends called for one team's score points and complaints (or
// any partition that keeps each agent's data together, in the order of
// the center's list, with the same periods) gives each of its agents
// the trend one call over the whole center gives; the partitions'
// Unassigned add up. The fastest improvers are the one center-wide
// ranking: Policy.MergeImprovers combines the partitions' Improvers into
// exactly the ranking one call over everything gives, ties at the cut
// included, and refuses an agent found in two partitions. A sampling plan
// holds no center-wide state: the teams' lines, one team after another,
// are the center's plan, and Total is their sum. Scores and feedback are
// per evaluation and partition freely. Periods are callfloor.Period values, half-open. Policy.Sufficient
// says whether a number of evaluations is enough for a figure to be used
// for pay or for discipline: a QA average built on too few evaluations is
// held.
//
// # Contract
//
// Every function is pure: no I/O, no clock, no randomness; times are
// parameters. Same inputs, same outputs, byte for byte; results use
// slices in a documented order, never maps. A *Policy and its Scorecards
// are immutable and safe for concurrent use. Bad data from the host is an
// *callfloor.InputError naming the field and the kind of mistake, such as
//
//	evaluation.answers[3].value: 7 is outside 1..5, the scale of item "voice"
//
// and nothing panics on any input. A nil or zero Policy or Scorecard
// answers ErrZeroPolicy or ErrZeroScorecard rather than panic. Where a
// figure meets a threshold (a pass mark, a tolerance, a bar), a
// difference below 1e-9 points, float rounding, does not decide it.
//
// Every result names the policy that produced it (a callfloor.Identity)
// and explains itself with callfloor.Reasons. A reason's Rule is the
// dotted path of the rule in the policy's YAML
// ("scorecards.inbound_service.pass_mark", "trends.care",
// "sampling.min_for_pay", "rotation.agent_every"), or "disputes.hold" for the hold of a disputed
// evaluation, which no policy can remove. Its Outcome says what the rule
// did: Fired; NotMet for a rule weighed and not met (a score below the
// pass mark, too few genuine strengths for the feedback ratio, a balanced
// lean); Held for a figure held back (too few evaluations, a score under
// dispute); NotEvaluated when the data is missing. Its Facts are the
// figures it read, in the order its sentence names them.
//
// Every result and state type encodes to JSON with snake_case names, and
// the encoding is a contract: the files under testdata/golden hold each
// one as the default policy produces it, and decode and encode to the
// same bytes.
package qa
