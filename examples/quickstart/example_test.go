package main

// Example runs the whole tour: each package with its default policy, on
// fixed times, so the output is the same on every run; the triage is also
// shown under the Simplified Chinese default.
func Example() {
	main()
	// Output:
	// == mood: screening, triage and who sees what
	// PHQ-9 total 12 (moderate), GAD-7 total 5 (mild)
	// triage: tier moderate, crisis false, watch true
	//   psychological_intervention   counselor  due Thu Nov 26 09:00
	//   refer_to_professional        counselor  due Mon Nov 30 09:00
	//   care_talk                    team_lead  due Wed Nov 25 09:00
	//   offer_screening              counselor  due Mon Nov 30 09:00
	//   fired instruments.phq9.bands[2]: PHQ-9 total 12 (moderate) on 2026-11-20 falls in band "moderate": moderate
	//   fired instruments.gad7.bands[1]: GAD-7 total 5 (mild) on 2026-11-20 falls in band "mild": mild
	//   fired watch.signals.morning_meeting: 1 in the last 14 days: a worrying read at the morning meeting
	// in zh-CN: tier moderate (中度)
	//   fired instruments.phq9.bands[2]: 2026年11月20日的PHQ-9总分12（中度），落在“中度”区间：中度
	//   fired instruments.gad7.bands[1]: 2026年11月20日的GAD-7总分5（轻度），落在“轻度”区间：轻度
	//   fired watch.signals.morning_meeting: 最近14天内1次：晨会上察觉到情绪状态令人担忧
	// team lead's view: {"audience":"lead","agent":"li.na","at":"2026-11-23T09:00:00Z","owed":[{"code":"care_talk","deadline":"2026-11-25T09:00:00Z","setting":"one_to_one"}],"policy":{"version":"mood-default-1","hash":"859df48432db"}}
	// wang.wei: total 2, crisis true: crisis_escalation to crisis_owner by 10:00
	// policy: mood-default-1@859df48432db
	//
	// == qa: score an inbound call, then plan the feedback talk
	// score 93.5 of 100 (pass mark 80): passed true, counts for pay true
	// feedback talk: 10 strengths first, then 2 corrections
	//   No hold longer than 1 minute (one_to_one, -5.0 points): Watch the hold timer; before a minute is up, come back, say where you are and ask whether the caller can wait longer or would like a call back.
	//   Pleasant voice at a moderate speed and volume, never shouting, with no eating, drinking or smoking on the call (one_to_one, -1.5 points): Listen to this recording with your coach; slow down at numbers and key facts, keep the volume steady and never raise it, and smile as you speak; it is heard. Keep food, drink and cigarettes away from the headset.
	//
	// == coaching: a care talk proposed from the triage, run as a workflow
	// proposed: care talk for li.na (triggers.care_mood fired)
	// completed "find_need"; next "investigate_cause"
	//   five days on, li.na's case: care: step "investigate the cause" is overdue; the team_lead owes it (overdue true)
	//
	// == incentives: a month's statement, with the ladder's next steps
	// li.na    award   rewards.rules.solved_with_praise           CNY 240.00  solved customers' problems with good customer feedback (fcr=88, compliments=4, complaints=0); CNY 200.00 × 120% for QA band excellent (qa_avg=96.5, band from 95) = CNY 240.00
	// li.na    award   rewards.tiers.service_star.gold           CNY 1200.00  gold of service_star: outstanding quality, satisfaction and resolution (qa_avg=96.5, csat=4.9, fcr=88, calls=420, complaints=0); CNY 1000.00 × 120% for QA band excellent (qa_avg=96.5, band from 95) = CNY 1200.00
	// li.na    award   rewards.compliments                         CNY 96.00  4 customer compliments × CNY 20.00 = CNY 80.00; CNY 80.00 × 120% for QA band excellent (qa_avg=96.5, band from 95) = CNY 96.00
	// li.na    award   rewards.points.csat                         36 points  points award: csat 4.9 on the line from 4 to 5 earns 36 of 40 points
	// li.na    grade   ladder.grades.intermediate                             meets every requirement of intermediate (from junior; tenure 26 months, QA 94.2 over 82 evaluations)
	// wang.wei award   rewards.points.csat                          8 points  points award: csat 4.2 on the line from 4 to 5 earns 8 of 40 points
	// wang.wei penalty discipline.kinds.rude_to_customer.fine    CNY -100.00  fine for rudeness, shouting or arguing with a customer on 2025-03-12
	// wang.wei penalty discipline.kinds.rude_to_customer                      rudeness, shouting or arguing with a customer on 2025-03-12: serious, two steps up from no step in the last 12 months
	// li.na    next: tenure 26 of 30 months; exam senior_exam not passed
	// wang.wei next: tenure 9 of 12 months; QA 86.5 of 88; csat 4.2 of 4.3; exam intermediate_exam not passed
	// center: net CNY 1436.00
}
