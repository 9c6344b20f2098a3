package registry

// The messages of package coaching: the reasons of proposals, retention
// decisions, hiring results, tenure plans, pairings, meetings and adopted
// suggestions, the reminders of owed steps, and the display names of the
// package's enumerations.
func init() {
	Register(
		Def{ID: "coaching.stamp_layout", Doc: "a Go time layout (reference time 2006-01-02 15:04:05 -07:00) for an instant in coaching's reasons, as in \"2006-01-02T15:04:05Z07:00\""},
		Def{ID: "coaching.span.days", Args: []Arg{{"N", Int}}, Doc: "a deadline or interval of whole days in coaching's reasons, short, as in \"90d\""},
		Def{ID: "coaching.span.minutes", Args: []Arg{{"N", Int}}, Plural: "N", Doc: "how much longer a team meeting runs, in whole minutes, as in \"15 minutes\""},

		Def{ID: "coaching.reminder.owed", Args: []Arg{{"Kind", String}, {"Step", String}, {"Role", String}}, Doc: "a reminder that the next step of a case is owed: Kind is the kind of conversation, Step the step's id, Role who acts in it"},
		Def{ID: "coaching.reminder.overdue", Args: []Arg{{"Kind", String}, {"Step", String}, {"Role", String}}, Doc: "a reminder that a step of a case is past its deadline: Kind is the kind of conversation, Step the step's id, Role who acts in it"},
		Def{ID: "coaching.reminder.silence", Args: []Arg{{"Kind", String}, {"Step", String}}, Doc: "a reminder that the feedback step of an issue an employee raised is past its deadline; the employee has heard nothing back"},

		Def{ID: "coaching.reason.owed_confidential", Args: []Arg{{"Kind", String}}, Doc: "what a team lead reads of a proposal prompted by a mood signal: only that a conversation of kind Kind is owed, not why"},
		Def{ID: "coaching.reason.owed_first_step", Args: []Arg{{"Title", String}, {"Role", String}, {"Step", String}, {"Within", String}}, Doc: "what a team lead reads of a proposal prompted by a mood signal: the conversation Title is owed, its first step Step by Role within the span Within of the opening, and nothing of why"},
		Def{ID: "coaching.reason.rule", Args: []Arg{{"Reason", String}, {"Explain", String}}, Doc: "a rule that fired: Reason is the policy's own sentence, Explain the condition with the figures it read, as in \"qa_avg 70 < 75\""},
		Def{ID: "coaching.reason.hold_unchecked", Args: []Arg{{"Missing", List}}, Doc: "a trigger's hold condition could not be checked, since the signals Missing were not given"},
		Def{ID: "coaching.reason.case_open", Args: []Arg{{"Case", String}, {"Subject", String}}, Doc: "a proposal is suppressed since the case Case of the same kind is already open for the employee Subject"},
		Def{ID: "coaching.reason.no_bar", Doc: "a retention decision under a policy with no exit.retain_when: no attempt to keep the leaver"},
		Def{ID: "coaching.reason.cannot_judge", Args: []Arg{{"Missing", List}}, Doc: "a retention decision that could not be made, since the signals Missing were not given"},
		Def{ID: "coaching.reason.meets_bar", Doc: "the reason a retention attempt is proposed when the policy gives no retain_reason of its own"},
		Def{ID: "coaching.reason.below_bar", Args: []Arg{{"Bar", String}, {"Explain", String}}, Doc: "a leaver is below the bar for keeping: Bar is the condition, quoted, Explain the condition with the figures it read"},
		Def{ID: "coaching.reason.disagree", Args: []Arg{{"Dimension", String}, {"Scores", List}, {"Spread", Number}, {"MaxSpread", Number}}, Doc: "the interviewers of a candidate scored the dimension Dimension far apart: their Scores, the Spread between them and the MaxSpread the policy allows"},
		Def{ID: "coaching.reason.below_floor", Args: []Arg{{"Dimension", String}, {"Score", Number}, {"Floor", Number}}, Doc: "a candidate's average Score on Dimension is below the policy's Floor for it"},
		Def{ID: "coaching.reason.reject_floor", Args: []Arg{{"Total", Number}}, Doc: "a candidate is rejected since a dimension is below its floor, whatever the weighted Total"},
		Def{ID: "coaching.reason.hold_disagree", Args: []Arg{{"Total", Number}, {"HireAt", Number}}, Doc: "a candidate's Total reaches the hire bar HireAt, but the decision is held since the interviewers disagree"},
		Def{ID: "coaching.reason.hire", Args: []Arg{{"Total", Number}, {"HireAt", Number}}, Doc: "a candidate's Total reaches the hire bar HireAt: hire"},
		Def{ID: "coaching.reason.hold", Args: []Arg{{"Total", Number}, {"HireAt", Number}, {"HoldAt", Number}}, Doc: "a candidate's Total is below the hire bar HireAt but reaches the hold bar HoldAt: hold"},
		Def{ID: "coaching.reason.reject", Args: []Arg{{"Total", Number}, {"HoldAt", Number}}, Doc: "a candidate's Total is below the hold bar HoldAt: reject"},
		Def{ID: "coaching.reason.teams_daily", Doc: "a team meeting is held by teams whose shifts allow a daily meeting"},
		Def{ID: "coaching.reason.teams_shifts", Doc: "a team meeting is held by teams whose shifts prevent a daily meeting"},
		Def{ID: "coaching.reason.longer", Args: []Arg{{"Span", String}, {"Day", String}, {"Reason", String}}, Doc: "a team meeting runs longer by Span on the weekday Day; Reason is the policy's own sentence"},
		Def{ID: "coaching.reason.adopted", Args: []Arg{{"Case", String}, {"At", String}, {"Value", String}}, Doc: "the case Case closed at the instant At with the employee's suggestion adopted; Value is the suggestion as recorded"},
		Def{ID: "coaching.reason.new_hire", Args: []Arg{{"Tenure", String}, {"NewHireFor", String}, {"CareEvery", String}, {"GuidanceEvery", String}, {"Until", Date}}, Doc: "the plan of a new hire: Tenure served, under the new-hire period NewHireFor; care every CareEvery and business guidance every GuidanceEvery until the date Until"},
		Def{ID: "coaching.reason.veteran", Args: []Arg{{"Tenure", String}, {"VeteranAfter", String}, {"AttentionEvery", String}, {"Roles", List}}, Doc: "the plan of a veteran: Tenure served, at least VeteranAfter; attention every AttentionEvery and the roles Roles"},
		Def{ID: "coaching.reason.established", Args: []Arg{{"Tenure", String}, {"NewHireFor", String}, {"VeteranAfter", String}}, Doc: "the plan of an employee past the new-hire period NewHireFor and not yet a veteran (VeteranAfter): the regular reviews"},
		Def{ID: "coaching.reason.pair_same_team", Args: []Arg{{"Hired", Date}, {"Mentoring", Int}, {"Max", Int}}, Doc: "a new hire is paired with a veteran of the same team, hired on Hired, who now mentors Mentoring of at most Max new hires"},
		Def{ID: "coaching.reason.pair_cross_team", Args: []Arg{{"Team", String}, {"Hired", Date}, {"Mentoring", Int}, {"Max", Int}}, Doc: "a new hire is paired with a veteran of the team Team, hired on Hired, who now mentors Mentoring of at most Max new hires"},
		Def{ID: "coaching.reason.no_room_team", Args: []Arg{{"Team", String}, {"Max", Int}}, Doc: "a new hire is left unpaired: every veteran of the team Team already mentors Max new hires"},
		Def{ID: "coaching.reason.no_room_any", Args: []Arg{{"Max", Int}}, Doc: "a new hire is left unpaired: every veteran of every team already mentors Max new hires"},
	)
	names("coaching.name.kind.", "the display name of a built-in kind of conversation: ",
		"performance_review", "performance_problem", "promotion", "care", "employee_issue", "exit_interview", "hiring_interview", "cross_department")
	names("coaching.name.role.", "the display name of a role of the default coaching policy: ",
		"team_lead", "supervisor", "hr", "using_department", "related_department", "mentor", "daily_statistics")
	names("coaching.name.dimension.", "the display name of a built-in hiring dimension: ",
		"stress_tolerance", "adaptability", "expression", "execution", "self_planning", "listening_comprehension", "professional_knowledge", "honesty", "service_awareness", "emotion_management")
	names("coaching.name.exit_reason.", "the display name of a built-in reason for leaving: ",
		"pay", "workload", "manager", "growth", "schedule", "health", "personal", "other")
	names("coaching.name.channel.", "the display name of a channel through which an employee raised an issue: ",
		"talk", "phone", "mail", "suggestion_box", "forum", "training", "event")
	names("coaching.name.stage.", "the display name of a stage of tenure: ", "new_hire", "established", "veteran")
	names("coaching.name.status.", "the display name of the status of a case: ", "open", "closed", "cancelled")
	names("coaching.name.recommendation.", "the display name of a hiring recommendation: ", "hire", "hold", "reject")
	names("coaching.name.check_in.", "the display name of a kind of check-in of a tenure plan: ", "care", "guidance", "attention")
	names("coaching.name.period.", "the display name of the period attrition is counted over: ", "month", "quarter", "year")
	names("coaching.name.event.", "the display name of a type of case event: ", "complete", "reschedule", "cancel", "close", "answer_on_the_spot")
	names("coaching.name.weekday.", "the display name of a weekday a team meeting is held on: ",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
}

// names registers one display-name message per value: prefix+value.
func names(prefix, doc string, values ...string) {
	for _, v := range values {
		Register(Def{ID: prefix + v, Doc: doc + v})
	}
}
