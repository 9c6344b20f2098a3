// Package mood runs the wellbeing rules of a call center: screening
// questionnaires scored as published, their mapping onto four severity
// tiers, triage of one agent with the actions owed, who may see what,
// emotion cycles, differentiated guidance per cause of negative emotion,
// self-regulation techniques, and the team-level climate alarm with its
// mood map.
//
// # How a host uses it
//
// Load a policy once, with ParsePolicy on the center's own YAML or with
// DefaultPolicy, then call its methods as often as needed (PolicySchema
// is the policy format's JSON Schema, for editors and HR tools):
//
//	sc, err := mood.Score(mood.PHQ9, answers) // when an agent answers
//	sc.At = answeredAt
//	t, err := policy.Triage(mood.Assessment{Agent: id, At: now, Screenings: all, CrisisClosures: closed, Observations: obs, CheckIns: cis})
//	v := policy.ViewFor(t, viewerRole) // what that role may see; View(t, AudienceAgent) for the agent
//	c, err := policy.Cycles(mood.History{Agent: id, CheckIns: cis, Events: evs})
//	g, err := policy.Guide(id, mood.CauseCustomer, now)
//	cl, err := policy.Climate(mood.Team{Team: tid, At: now, Members: triages, MissedTargets: 3})
//	m, err := policy.MoodMap(groups)
//
// The host owns storage, clocks, scheduling and display. Every method is a
// pure function of its arguments and the policy: no I/O, no clock, no
// randomness, no global state; the same inputs give the same outputs.
// A *Policy is immutable and safe for concurrent use. Every result names
// the policy that produced it (a callfloor.Identity) and carries the
// reasons for its decisions, in a deterministic order, as
// []callfloor.Reason: each names its rule by its place in the policy's
// YAML ("instruments.phq9.bands[2]", "watch.signals.complaint",
// "climate.alarms.missed_targets"; the PHQ-9 crisis rule, which no policy
// can remove, is "crisis"), says what it did (Fired, Suppressed,
// NotEvaluated, Stale), gives one sentence and the figures it read.
// Facts that are spans are in days ("valid_for_days", "age_days",
// "window_days"). Results encode to JSON with snake_case names;
// durations as Go duration strings ("720h"), enumerations as their
// names. The files under testdata/golden hold each result's JSON.
//
// Bad data is never a panic and never silently dropped: Score, Triage,
// Cycles, Guide, Climate and MoodMap return an *callfloor.InputError naming the
// field and its kind of mistake, as in "answers[8]: 4 is outside 0..3,
// the scale of PHQ-9 item 9". A
// time a result would hold, or a deadline counted from it, must be one
// encoding/json can store (years 0..9999 in its own location): an
// assessment time so late that a deadline would fall past year 9999 is
// refused on its field, so that every result can be stored. A policy
// with mistakes is a *callfloor.PolicyError listing every problem with its line
// and column. A nil or zero Policy is not a policy: its methods that
// return an error return ErrZeroPolicy, the others their zero value, and
// none panics.
//
// # Instruments
//
// Score takes one answer per item, in the published order and on the
// published scale, and prorates nothing:
//
//   - PHQ-9 (Patient Health Questionnaire, depression): 9 items 0..3,
//     total 0..27; minimal 0-4, mild 5-9, moderate 10-14, moderately
//     severe 15-19, severe 20-27. Item 9, thoughts of self-harm, above 0
//     sets Crisis whatever the total. The unscored closing question on
//     how difficult the problems made things is not an answer. Kroenke,
//     Spitzer and Williams, 2001. Developed by Spitzer, Williams, Kroenke
//     and colleagues with an educational grant from Pfizer, which since
//     2010 offers it without copyright restriction and at no charge; no
//     permission is needed to reproduce, translate, display or distribute
//     it.
//   - GAD-7 (Generalized Anxiety Disorder): 7 items 0..3, total 0..21;
//     minimal 0-4, mild 5-9, moderate 10-14, severe 15-21. Spitzer,
//     Kroenke, Williams and Löwe, 2006. Free to use on the same terms as
//     the PHQ-9.
//   - WHO-5 Well-Being Index: 5 items 0..5, raw 0..25, percentage = raw x
//     4, higher is better; at or below 50% poor wellbeing, at or below 28%
//     likely depression; an item answered 0 or 1 is flagged for follow-up
//     whatever the total (Topp, Østergaard, Søndergaard and Bech, 2015).
//     Above 50% the manual names no band; this package calls it "good
//     wellbeing". Developed at the Psychiatric Research Unit, Mental
//     Health Centre North Zealand; earlier editions were free to use
//     without permission. In 2024 the copyright passed to the World
//     Health Organization, whose edition (WHO/UCN/MSD/MHE/2024.01) is
//     published under the Creative Commons
//     Attribution-NonCommercial-ShareAlike 3.0 IGO licence (CC BY-NC-SA
//     3.0 IGO): commercial use of
//     the questionnaire needs WHO's permission, so a commercial host must
//     obtain it before showing the questionnaire. Scoring answers needs
//     no questionnaire text; this package holds none.
//   - K10 (Kessler Psychological Distress Scale): 10 items 1..5 ("none of
//     the time" .. "all of the time"), total 10..50; low 10-15, moderate
//     16-21, high 22-29, very high 30-50, the grouping of the Australian
//     Bureau of Statistics (4817.0.55.001) drawn from Andrews and Slade,
//     2001. US practice codes the answers 0..4; add 1 to each. Kessler et
//     al., 2002. In the public domain, free to use.
//   - CBI (Copenhagen Burnout Inventory): 19 items, personal burnout 1-6,
//     work-related 7-13, client-related 14-19, each answered 0..4 and worth
//     0, 25, 50, 75 or 100 points; item 13, "Do you have enough energy for
//     family and friends during leisure time?", is reversed; each subscale
//     is the mean of its items. Client-related burnout is burnout from the
//     callers. Kristensen, Borritz, Villadsen and Christensen, 2005; public
//     domain. The manual averages the items answered when a few are
//     missing; Score, as for every instrument, needs all 19. The CBI has
//     no total and no published clinical cut-offs: the bands in a policy,
//     including the default's 50 and 75, are a convention, not a clinical
//     standard.
//
// These are screening tools, not diagnoses.
//
// # Tiers, crisis and watch
//
// The policy maps each instrument's bands onto Normal, Mild, Moderate and
// Severe (TierOf); bands that overlap or leave gaps are policy problems.
// Triage uses the latest screening per instrument, reports it as stale
// instead when it is older than the policy's validity window, and lets the
// worst tier of the screenings used win: a retake is how recovery is
// recorded, so the tier may fall.
// Each tier's actions come from the policy, each with an owner role, a
// deadline counted from the triage time and a setting (one-to-one or
// group).
//
// A crisis is not the latest answer's to take back. A crisis answer
// (PHQ-9 item 9 above 0), on any screening the host passes in, stays in
// force for the PHQ-9's validity window whatever screenings come after
// it, until the crisis owner records its closure (a CrisisClosure: who,
// when and why; triage never returns the why). Every triage inside the
// window is in crisis, names the answer in Triage.CrisisSource, and
// always adds the escalation to the policy's crisis owner
// (CrisisEscalation); its reason gives the answer's date and time and
// says when a later retake without a crisis answer does not clear it. A
// closure ends every crisis answer given at or before it, and the reason
// (rule "crisis", Suppressed) says who closed it and when; a crisis answer given
// after the closure is in force again. Adding a screening never ends a
// crisis. A policy may make the escalation due sooner than the default
// hour but never later than CrisisCeiling, and cannot remove it, nor let
// a PHQ-9 lapse sooner than MinPHQ9ValidFor.
//
// # Declarations from an individual interview
//
// Individual interviews (个别访谈) are an assessment method of the
// practice beside questionnaires. A Declaration in Assessment.Declarations
// records a crisis declared, or a tier set, in one: who, in which role,
// when and why (triage checks the why is there and never returns it). Only
// the roles the policy lists may declare (declarations.crisis.by,
// declarations.tier.by; left out, the crisis owner and the confidential
// roles may declare a crisis, the confidential roles a tier); any other
// role is an InputError. A declared crisis is a crisis as a PHQ-9 item 9
// answer is: the same escalation within the hour, the same follow-up, the
// same confidentiality; it stays in force for declarations.crisis.valid_for
// (never shorter than MinPHQ9ValidFor) until a closure ends it, and a
// closure that ends a declared crisis must carry the crisis owner's role
// (CrisisClosure.Role; a closure naming any other role is refused). The
// latest crisis in force, answered or declared, is the CrisisSource; its
// reason is "declarations.crisis" for a declaration. A declared tier
// counts as a screening's does for declarations.tier.valid_for: the worst
// tier declared in that window is used (Triage.Declared; a later, lower
// declaration does not lower it), the worst of it and of the screenings
// wins, and its reason is "declarations.tier".
//
// Observations (a morning-meeting read, a floor-walk note, a complaint, an
// absence, a QA drop) and low check-ins raise Watch, which asks for a care
// talk and a screening and never invents a tier. So does a used WHO-5
// with an item answered 0 or 1, which the manual flags for follow-up
// whatever the total (Wellbeing.FollowUp), under its own reason
// "watch.who5_low_item" naming the items and the date; a stale WHO-5 raises
// nothing but the stale report. The rule is on unless the policy writes
// watch.who5_low_item: false, and while it is on the policy cannot let a
// WHO-5 lapse sooner than MinWHO5ValidFor. The lead sees the care talk it
// owes, never which items or why.
//
// # Confidentiality
//
// Screening results and tiers are health data. Policy.View and
// Policy.ViewFor give each viewer its part of a triage: the agent and the
// policy's confidential roles (a counselor, HR) see everything; the team
// lead, and any other role of the policy, sees only the actions it owes
// and their deadlines, never answers, totals, bands, tiers, flags, crisis
// sources or reasons; anyone else sees nothing. The crisis escalation is an action of
// the crisis owner, so it always reaches that role. A Screening holds no
// individual answers. Team figures (Climate, MoodMap) are withheld for
// groups smaller than the policy's minimum (5 by default). A mood-map
// group where every member, or every member but one, reports the same
// mood is withheld too, whatever its size: its counts would tell each
// member what the others reported; and so is a group where one member
// alone reports a mood: that count of one singles the member out and
// tells them the others' moods. Every withheld group has one reason,
// "climate.withheld", whatever withheld it, since that all but one share
// a mood is itself what the one who differs must not learn. One map
// cannot protect against another: a host gives a map groups that do not
// overlap and keep their members from one map to the next, since a group
// shown before and after a member left tells that member's mood by the
// difference. So is a team's
// count at risk when none, one, all or all but one of its members are at
// risk; the team's alarms still fire on it, and their reasons leave the
// count out. The lead never
// learns that a crisis or a tier was declared, nor by whom.
//
// # Emotion cycles
//
// Cycles compares an agent's check-ins inside a pattern (a weekday, the
// first or last days of the month, the days after an event kind) with the
// rest, and reports a recurring low only when both sides reach the
// policy's minimum sample, the standardized difference reaches the
// policy's minimum effect and the low recurs in at least the policy's
// share of the pattern's check-ins. On uniformly random check-ins the
// default thresholds report a pattern in fewer than 1 in 100 histories of
// twelve weeks or more.
//
// # Languages
//
// A policy's results, and the input errors of its methods, are worded in
// the locale it names ("locale: zh-CN"); DefaultPolicyFor("zh-CN") gives
// the Simplified Chinese default, the same rules and figures as
// DefaultPolicy with every text in Chinese. Each reason carries its
// message id (mood.reason.*) and the same facts in every language. The
// display names of tiers, bands, settings, roles, causes and instruments
// come from the same catalogs (TierName, BandName, ...), and so do those
// of the climate metrics, which an alarm's reason writes with its
// figures ("连续未达标周期=3"; English writes the ids). The policy's own
// ids, which no catalog can know, get their display names from the
// policy, under names: an action's code (crisis_escalation included), an
// observation kind, or a period or event kind of the emotion cycles
// ("care_talk: 关怀谈话"). The sentences write them by those names,
// Policy.DisplayName gives them, and every Action, Owed and Preventive
// carries its code's as Name, for a host to show; the Chinese default
// names every code, the English default none. ParsePolicy's
// problems are worded in the locale the policy names, each with its
// message id (mood.policy.* for mood's own rules) and arguments. Score,
// which has no policy, words its input errors in English, as do the text
// forms of Tier and Audience and DefaultPolicyFor for an unknown locale.
package mood
