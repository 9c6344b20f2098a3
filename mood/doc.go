// Package mood runs the rules of DOMAIN.md sections 1 and 2: screening
// questionnaires scored as published, their mapping onto four severity
// tiers, triage of one agent with the actions owed, who may see what,
// emotion cycles, differentiated guidance per cause of negative emotion,
// self-regulation techniques, and the team-level climate alarm with its
// mood map.
//
// # How a host uses it
//
// Load a policy once, with ParsePolicy on the center's own YAML or with
// DefaultPolicy, then call its methods as often as needed:
//
//	sc, err := mood.Score(mood.PHQ9, answers) // when an agent answers
//	sc.At = answeredAt
//	t, err := policy.Triage(mood.Assessment{Agent: id, At: now, Screenings: all, Observations: obs, CheckIns: cis})
//	v := policy.View(t, policy.AudienceOf(viewerRole)) // what the viewer may see
//	c, err := policy.Cycles(mood.History{Agent: id, CheckIns: cis, Events: evs})
//	g, err := policy.Guide(id, mood.CauseCustomer, now)
//	cl, err := policy.Climate(mood.Team{Team: tid, At: now, Members: triages, MissedTargets: 3})
//	m, err := policy.MoodMap(groups)
//
// The host owns storage, clocks, scheduling and display. Every method is a
// pure function of its arguments and the policy: no I/O, no clock, no
// randomness, no global state; the same inputs give the same outputs.
// A *Policy is immutable and safe for concurrent use. Every result names
// the policy that produced it (Identity) and carries the reasons for its
// decisions, in a deterministic order.
//
// Bad data is never a panic and never silently dropped: Score, Triage,
// Cycles, Guide, Climate and MoodMap return an *InputError naming the
// field, as in "answers[8]: 4 is off the scale 0..3 of PHQ-9 item 9". A
// policy with mistakes is a *PolicyError listing every problem with its
// line and column.
//
// # Instruments
//
// Score takes one answer per item, in the published order and on the
// published scale, and prorates nothing:
//
//   - PHQ-9 (Patient Health Questionnaire, depression): 9 items 0..3,
//     total 0..27; minimal 0-4, mild 5-9, moderate 10-14, moderately
//     severe 15-19, severe 20-27. Item 9, thoughts of self-harm, above 0
//     sets Crisis whatever the total. Kroenke, Spitzer and Williams, 2001.
//     Developed with an educational grant from Pfizer; free to use, no
//     permission needed.
//   - GAD-7 (Generalized Anxiety Disorder): 7 items 0..3, total 0..21;
//     minimal 0-4, mild 5-9, moderate 10-14, severe 15-21. Spitzer et al.,
//     2006. Free to use, as the PHQ-9.
//   - WHO-5 Well-Being Index: 5 items 0..5, raw 0..25, percentage = raw x
//     4, higher is better; at or below 50% poor wellbeing, at or below 28%
//     likely depression; an item answered 0 or 1 is flagged for follow-up
//     whatever the total. Above 50% the manual names no band; this package
//     calls it "good wellbeing". Psychiatric Research Unit, Mental Health
//     Centre North Zealand. Earlier editions were free to use; the newest
//     (2024) edition is published under a non-commercial Creative Commons
//     licence, so a commercial host must check its terms before showing
//     the questionnaire.
//   - K10 (Kessler Psychological Distress Scale): 10 items 1..5, total
//     10..50; low 10-15, moderate 16-21, high 22-29, very high 30-50
//     (Andrews and Slade, 2001). Free to use.
//   - CBI (Copenhagen Burnout Inventory): 19 items, personal burnout 1-6,
//     work-related 7-13, client-related 14-19, each answered 0..4 and worth
//     0, 25, 50, 75 or 100 points; item 13, "Do you have enough energy for
//     family and friends during leisure time?", is reversed; each subscale
//     is the mean of its items. Client-related burnout is burnout from the
//     callers. Kristensen, Borritz, Villadsen and Christensen, 2005; public
//     domain. The CBI has no total and no published clinical cut-offs:
//     the bands in a policy, including the default's 50 and 75, are a
//     convention, not a clinical standard.
//
// These are screening tools, not diagnoses.
//
// # Tiers, crisis and watch
//
// The policy maps each instrument's bands onto Normal, Mild, Moderate and
// Severe (TierOf); bands that overlap or leave gaps are policy problems.
// Triage uses the latest screening per instrument within the policy's
// validity window, lists older ones as stale, and lets the worst tier win.
// Each tier's actions come from the policy, each with an owner role, a
// deadline counted from the triage time and a setting (one-to-one or
// group). A crisis always adds the escalation to the policy's crisis owner
// (CrisisEscalation); a policy may make it due sooner than the default
// hour but never later than CrisisCeiling, and cannot remove it.
// Observations (a morning-meeting read, a floor-walk note, a complaint, an
// absence, a QA drop) and low check-ins raise Watch, which asks for a care
// talk and a screening and never invents a tier.
//
// # Confidentiality
//
// Screening results and tiers are health data. Policy.View gives each
// audience its part of a triage: the agent and the policy's confidential
// roles (a counselor, HR) see everything; the team lead sees only the
// actions the lead owes and their deadlines, never answers, totals,
// bands, tiers or flags; anyone else sees nothing. A Screening holds no
// individual answers. Team figures (Climate, MoodMap) are withheld for
// groups smaller than the policy's minimum (5 by default).
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
package mood
