// Package incentives computes what a period earns every agent of a call
// center, and what it costs them, exactly and with reasons: bonuses,
// points, honorary titles and badges, rewards for customer compliments and
// for the fastest QA improvers, a QA multiplier that makes quality move
// pay, per-agent caps and a bonus pool; progressive discipline with fines;
// the consequences of a failed periodic assessment; the career ladder;
// and team contests with league tables.
//
// # Policy
//
// A policy is YAML (see DefaultPolicySource for a complete one). It names
// its currency and declares the metrics it uses; every `when` condition is
// written in the condition language of callfloor (for example
// "qa_avg >= 95 && csat >= 4.8") and may read only declared metrics.
// Every id the policy declares (metric names, rule, tier group, tier,
// points and band ids, badges, violation kinds, grades, tracks, exams and
// contests) is lower_snake_case, as callfloor.ValidID has it, since ids
// join into the dotted rule paths of reasons
// ("rewards.tiers.service_star.gold"); titles and the sentences of
// reasons are free text. ParsePolicy reports every mistake at once, each
// with its line and column, as a *callfloor.PolicyError; PolicySchema is
// the format's JSON Schema, for editors and HR tools. A compiled *Policy
// is immutable and safe for concurrent use.
//
// # Evaluation
//
// The host passes a Period and one AgentRecord per agent: the period's
// figures by metric name, the QA evaluation count, the guardrail facts
// (open QA dispute, crisis or severe wellbeing tier), exams passed, the
// career record the ladder reads, the discipline history and the period's
// violations. Evaluate checks every record and returns a *callfloor.InputError
// naming the first bad field, or a Statement. Among what it refuses: a
// period that WeekOf or MonthOf would not give, its ID included; a count
// metric above 10^12, or uncapped compliments that would pay more than
// the most one line may (10^12 minor units); an exam the ladder does not
// name (a typo would otherwise read as an exam not passed); a time that
// JSON cannot hold (a year outside 0..9999). On a nil or zero *Policy,
// Evaluate and Compare return ErrZeroPolicy. Evaluate is a pure function:
// no clock, no I/O, no randomness; the same inputs give the same statement
// byte for byte, whatever the order of the records.
//
// A declared metric that a record leaves out is not measured, and nothing
// that reads it fires: a reward rule or tier whose condition names it
// (even "complaints != 0" or "!(csat < 4)", which would hold on a missing
// value taken as NaN; the next tier of a group is tried instead), points
// on its line, a QA band (the bonuses then stay as the rules state them,
// and their notes say so), the improver ranking, a contest's team mean, a
// ladder requirement (listed as missing: "csat not measured (needs 4.3)").
//
// A period starts at the first instant of its first local day: 00:00,
// or where the clocks skip midnight that day (Cairo, Asuncion, Havana,
// Beirut, Santiago at the start of summer time) the instant they jump
// to, such as 01:00. WeekOf and MonthOf build such periods in every zone
// of the time zone database; each ends where the next begins.
//
// Per agent, in a pay period, the order of work is: reward rules and tier
// groups (the first matching tier of a group wins), compliments, linear
// points, fastest improvers, then the QA multiplier on every bonus line
// (percent of the band, rounded half up to the minor unit, per line), then
// the per-agent caps, then contest prizes, discipline and the ladder. The
// bonus pool is applied last across the center: when the bonus lines ask
// for more than the budget, every bonus line is scaled down in proportion
// by the largest remainder method, so that the paid lines add up exactly to
// the budget; a leftover unit goes to the larger remainder, and among
// equal remainders to the earlier line in statement order (agent id, then
// line order). Every scaled or capped line says so in a reason. Contest
// prizes are outside the pool and the caps.
//
// Money is int64 minor units throughout; no float ever holds money.
// Totals add up exactly: an agent's Net is the sum of its lines' Amount,
// a team's totals the sum of its agents', the center's the sum of the
// teams'. Hold lines add up apart: HeldBonus is the pay held back,
// HeldFines the fines held back (a positive number), and Held their
// difference, what Net would gain if every hold were released.
//
// # Sentences
//
// Every line explains itself as Reasons []callfloor.Reason, as every
// result of callfloor does: first the line's own rule, named by its place
// in the policy's YAML ("rewards.tiers.service_star.gold",
// "discipline.kinds.late"), with the sentence that says who earned what
// and why; then each factor between the rule's amount and the amount
// paid (the QA band, the per-agent caps, the pool, a fine's caps), each a
// reason of its own whose facts (before, percent, cap, total, budget,
// after) let a host recompute the amount from Base; then the guardrail
// that holds the line, if any, with Outcome callfloor.Held
// ("guardrails.care", "guardrails.dispute", "qa.min_evaluations",
// "discipline.dismissal_withholds_awards"). The praise of Public, the
// items of Private, the standings of a contest and the requirements a
// next grade misses explain themselves the same way. Every reason's
// Facts hold the figures its sentence names, unrounded. Reasons read
// alike are stored once and shared, read-only: the lines of one points
// figure, the praise of one title, the QA band of one base and figure,
// a grade requirement missed by the same figure; copy a Reasons slice
// before changing it. Figures are rounded to two decimals, with
// more only where rounding would put a figure on the other side of (or
// on) a threshold its rule compares it with, so that a reason never
// makes its rule look wrong. Counts agree with their nouns ("1 customer
// compliment", "2 customer compliments"). A points rule's line is a
// points award that pays nothing ("points award: csat 4.2 on the line
// from 4 to 5 earns 8 of 40 points"): show its Points.
//
// # Languages
//
// Every sentence comes from the message catalogs of internal/msg, in the
// locale the policy names (locale: zh-CN; English when it names none),
// and every reason carries its message id in Reason.Message
// ("incentives.reason.compliments"); the facts are the same in every
// language. Under zh-CN money is written "¥1,234.50", dates
// "2025年3月7日", and a figure not measured "未测得"; English sentences
// are as they always were ("CNY 1234.50"). DefaultPolicyFor("zh-CN") is
// the Simplified Chinese default: the English default's rules, ids and
// figures with every reason and title in Chinese. The enumerations have
// display names per locale (LineKind.DisplayName, Step.DisplayName,
// BadgeDisplayName, ...). Rule ids, metric names, grade, band, exam and
// action ids stay ASCII in every language, in rule paths and facts; a
// policy gives them display names under names ("qa_avg: 质检均分",
// "bronze: 铜牌"), which its sentences write instead, joining the
// figures a rule read as the locale joins a list
// ("质检均分=96.5、客户满意度=4.7"), and DisplayName returns. RuleTitle
// says what a line is in the policy's language ("服务之星铜牌", "积分：
// 客户满意度", "旷班的罚款"), for a host that shows a line by name
// rather than by its rule path. A policy's own texts stay in the
// language it is written in.
//
// # Career ladder
//
// Promotion rests on the long run. A grade's requirements are tenure
// (whole months from Hired to the period's end), a QA average over at
// least a number of evaluations, minimums of declared metrics, an exam
// and no active final warning; the QA and metric requirements read the
// record's Career figures (the host's, over the last 12 months say),
// never one period's. Each Career of the statement names the grade the
// agent qualifies for and, for each grade after it, what is missing and by
// how much ("tenure 9 of 12 months; QA 88.5 of 90"). The ladder runs in
// pay periods only and never moves an agent down; a grade reached on
// application, such as the team-lead track, is reported but never given.
//
// # Guardrails
//
// An agent in crisis or at the severe wellbeing tier is cared for before
// anyone disciplines them: their fines, discipline steps and contest
// prizes become hold lines whose reason says "wellbeing hold" without
// naming the health fact. The period's QA figures under an open dispute,
// or a QA average resting on fewer evaluations than qa.min_evaluations,
// are held out of pay and discipline: rules that would fire only on them,
// the multiplier band and the improver ranking become hold lines, and a
// violation marked Disputed is held out of discipline. An open dispute
// also holds the career QA average out of the ladder. A held amount is
// reported in Held and never counted in Net.
//
// # Discipline
//
// Violation kinds have a severity: minor moves one step, serious two,
// zero tolerance goes straight to dismissal. Steps run verbal warning,
// written warning, final warning, dismissal; the next step is taken from
// the highest step still in force in the look-back window (12 months by
// default) when the violation happens, so a final warning in force makes
// the next minor violation a dismissal, and older steps expire. A kind with occurrences: 3
// takes a step at every third occurrence in the period, and the step names
// all three. Fines are capped per incident and per period, and can be
// switched off where local law forbids them.
//
// An agent whose discipline reaches dismissal in a pay period, by a
// zero-tolerance violation such as malicious leaking of customer
// information or by progressive discipline, earns none of the period's
// awards: every award line of the agent (bonuses, points, titles, badges,
// compliments and improver rewards, its share of a contest prize) becomes
// a hold line: its own reason's Outcome becomes Held, and a last reason
// of the rule discipline.dismissal_withholds_awards says "withheld:
// dismissed this period (" and names the violation; its Held
// is what the award would have paid after the QA multiplier and the
// caps, its Violations those of the dismissal. The agent's praise leaves
// the public list, and the holds go to the corrective list. A withheld
// award takes no share of the bonus pool, which the other agents' bonus
// lines share as if it had never been asked for; the improver ranking
// and the contest tables are not redrawn, and a withheld prize share
// goes to nobody. An agent whose history holds a dismissal still in
// force at the period's start (within the look-back window) is withheld
// the same way, its last reason reading "withheld: dismissed on
// 2025-02-20, before this period" and each line naming that step's
// violations. A dismissal that the wellbeing guardrail holds, or
// that rests on a disputed violation, did not happen and withholds
// nothing. The policy switch discipline.dismissal_withholds_awards
// (true by default) turns the rule off, for a host that settles a
// dismissed agent's pay elsewhere.
//
// The default policy's violation kinds include the work rules of seat
// management, each minor: a shift or task swapped without approval
// (unauthorised_swap, fined), loud talk or private chat on the floor
// (loud_or_private_chat, a step at every third, no fine) and a break
// taken over its time (break_over_time, fined like lateness, a step at
// every third). The rule names no amounts; the default's are its own. A
// center adds its own kinds the same way under discipline.kinds.
//
// # Periodic assessment
//
// Supervisors assess agents regularly; who fails is warned or moved to
// another post (不合格者进行警告或调整岗位). AssessmentConsequences gives
// the consequence of each failed sitting by the policy's
// assessment.failures: the consequence of the first failure in a row,
// of the second, and so on, a failure past the last taking the last
// again. The host numbers each sitting's Attempt in the agent's current
// run (a pass starts it again at 1). The default retrains at the first
// failure, since an agent whose service falls short is trained and
// coached first, warns at the second and changes the post at the third.
// The consequence of an agent in crisis or at the severe tier is held,
// as discipline is, without naming the health fact. A consequence is a
// corrective item, for a one-to-one talk; the warning is not a step of
// progressive discipline, since failing an assessment is not
// misconduct. The reward for passing is a reward rule on a metric the
// host declares.
//
// # QA findings and protective actions
//
// ViolationsFromQA turns critical QA findings into violations for
// Evaluate: discipline.qa_findings maps a scorecard's critical item to a
// violation kind (the default maps protect_customer_information to
// customer_data_exposure, and the never-behaviours of the service
// standard, no_mocking, no_rhetorical_questions, no_rudeness and
// no_arguing, to service_misconduct, serious, on both default
// scorecards; an interruption is coached, never disciplined). Every
// mapping must name a scorecard and a critical item of the QA policy
// given (only a failed critical item is a finding): CheckQA places each
// one that does not, and ViolationsFromQA refuses to run with it. Only
// pay-relevant evaluations count. One call is one incident: the findings
// of one evaluation, and of every evaluation of one call (the results'
// Interaction; a QA evaluator and a lead may both score a call), give
// one violation, of the most severe kind found (the higher severity,
// then a kind with protective actions, then the larger fine), whose
// items and reasons name everything found and whose id, QAViolationID
// ("call-1042#service_misconduct"), names the call. A violation that
// names its call (Violation.Interaction) is merged by Evaluate with the
// agent's other violations of that call, a host's rude_to_customer and
// QA's service_misconduct alike: only the most severe is fined and
// stepped, its lines name the others, and each still issues its
// protective actions. A finding under an open dispute is returned as a HeldFinding,
// not a violation; a decided or withdrawn dispute's current answers
// decide, so a finding overturned in the agent's favour gives nothing.
//
// A violation kind may list protective actions (discipline.kinds.<kind>.
// protect, each an action and the role that owns it, as the default's
// revoke_customer_data_access by information_security after a
// customer-data leak). Every violation of the kind issues them in
// Statement.Protective at once, and none is ever held: a violation under
// dispute holds its sanction, not its protection (the host gives the
// access back if the dispute is decided for the agent), and when the
// wellbeing guardrail holds the sanction, the case is also handed to the
// crisis owner (HandToCrisisOwner): a hold defers the sanction, never the
// protection. A finding ViolationsFromQA holds for an open dispute
// reaches discipline, and so its protective actions, when the host passes
// it to Evaluate as a Violation marked Disputed. Protective actions are on neither the
// public nor the corrective list; the host routes each to its Owner.
//
// # Lists
//
// Statement.Public is praise, to be given one-to-many: titles, badges,
// compliments, improvers, contest podiums; it never names an agent
// dismissed in the period. Statement.Private holds the corrective items,
// for one-to-one talks only: fines, steps, holds (withheld awards among
// them) and notices. Compare evaluates two policies on the same period and explains,
// per agent, what an edit would change.
package incentives
