// Package qa runs quality inspection the way it is meant to work: to help
// agents improve, not to catch them. Monitoring collects data; coaching
// changes behaviour.
//
// A policy, written in YAML and compiled once by ParsePolicy (or the
// embedded DefaultPolicy), holds one or more scorecards and the settings
// of everything around them:
//
//   - Scorecards: sections with weights, items with weights, yes/no items
//     and rating scales with labelled points, items that allow N/A,
//     critical items that fail the whole evaluation or only their section,
//     and a pass mark. Every item says what good looks like and how to fix
//     it. Scorecard.Score turns an Evaluation into a Result; the Scorecard
//     type documents exactly how.
//   - Sources: an evaluation comes from QA, a peer, the agent themself or
//     the team lead; the policy says which count toward pay
//     (Result.PayRelevant; by default QA and lead).
//   - Feedback: Policy.Feedback plans the talk about a result, strengths
//     first, then every deduction with how to fix it, at three to five
//     positive remarks per negative one. It never invents praise: when
//     the evaluation has too few strengths it says so and where to look.
//     Corrections are one-to-one; praise may go to the group.
//   - Calibration: Scorecard.Calibrate compares several evaluators scoring
//     the same interaction: deviation from the reference (an expert or
//     the median), the items they disagree on, and Krippendorff's alpha;
//     Policy.Leans finds who is consistently harsher or more lenient.
//     Alpha is also exported for hosts with reliability data of their own.
//   - Disputes: Policy.OpenDispute and Policy.Apply move a Dispute through
//     raise, decide and withdraw events. A Dispute is a plain value that
//     round-trips through JSON; the same event twice changes nothing;
//     every version of the score is kept; an open dispute holds the
//     evaluation out of pay and discipline (Dispute.Held).
//   - Trends: Policy.Trends gives each agent's mean per period with a 95 %
//     confidence interval, the change between periods, the fastest
//     improvers (with a minimum number of evaluations) and the "long
//     stable and excellent, then a sudden drop or complaint" pattern that
//     calls for a care talk. Trend is shaped for a coaching package to
//     turn into triggers.
//   - Sampling: Policy.SamplingPlan says how many interactions to
//     evaluate per agent, with more for new hires, low scorers and agents
//     with recent complaints; Policy.Sufficient says whether a sample is
//     large enough for pay or discipline.
//   - Evaluator figures: Policy.EvaluatorFigures ties each QA evaluator's
//     figures to calibration, to whether their feedback reached the
//     agents, and to the quality trend of the teams they cover.
//
// # Contract
//
// Every function is pure: no I/O, no clock, no randomness; times are
// parameters. Same inputs, same outputs, byte for byte; results use
// slices in a documented order, never maps. A *Policy and its Scorecards
// are immutable and safe for concurrent use. Bad policy text is a
// *PolicyError listing every problem with its line and column; bad data
// from the host is an *InputError naming the field. Nothing panics on
// any input. Every result names the policy that produced it (Identity)
// and carries the reasons for its decisions.
//
// Scoring a 20-item scorecard allocates only the result's own slices.
package qa
