package registry

// The month example's report (examples/month): its headings, labels and
// its own sentences. Arguments named after a figure (Mean, Score, Share)
// are written by the report, to one decimal or as a whole percentage, and
// padded to their column; those named after a count (Agents, Cases) are
// the rendering of a month.count.* message.
func init() {
	s := func(names ...string) []Arg {
		out := make([]Arg, len(names))
		for i, n := range names {
			out[i] = Arg{n, String}
		}
		return out
	}
	n := []Arg{{"N", Int}}
	count := func(id, doc string) Def { return Def{ID: "month.count." + id, Args: n, Plural: "N", Doc: doc} }
	Register(
		// Layouts, dates and money.
		Def{ID: "month.layout.month", Doc: "a Go time layout for the month a report covers (reference time 2006-01-02), as in \"2006-01\" or \"2006年1月\""},
		Def{ID: "month.layout.as_of", Doc: "a Go time layout for the instant the report is as of, with its zone, as in \"2006-01-02 15:04 MST\""},
		Def{ID: "month.layout.day", Doc: "a Go time layout for a deadline's day, without the weekday, as in \"Jan 2\" or \"1月2日\""},
		Def{ID: "month.when", Args: s("Weekday", "Day", "Time"), Doc: "a deadline: Weekday is a month.weekday.* name, Day is written with month.layout.day, Time is 24-hour, as in \"Mon Nov 2 18:00\""},
		Def{ID: "month.weekday.sun", Doc: "Sunday, short, in a deadline (\"Sun\")"},
		Def{ID: "month.weekday.mon", Doc: "Monday, short, in a deadline (\"Mon\")"},
		Def{ID: "month.weekday.tue", Doc: "Tuesday, short, in a deadline (\"Tue\")"},
		Def{ID: "month.weekday.wed", Doc: "Wednesday, short, in a deadline (\"Wed\")"},
		Def{ID: "month.weekday.thu", Doc: "Thursday, short, in a deadline (\"Thu\")"},
		Def{ID: "month.weekday.fri", Doc: "Friday, short, in a deadline (\"Fri\")"},
		Def{ID: "month.weekday.sat", Doc: "Saturday, short, in a deadline (\"Sat\")"},
		Def{ID: "month.day.sunday", Doc: "Sunday as the day a recurring low comes on (\"sunday\", in \"on sundays\")"},
		Def{ID: "month.day.monday", Doc: "Monday as the day a recurring low comes on (\"monday\")"},
		Def{ID: "month.day.tuesday", Doc: "Tuesday as the day a recurring low comes on (\"tuesday\")"},
		Def{ID: "month.day.wednesday", Doc: "Wednesday as the day a recurring low comes on (\"wednesday\")"},
		Def{ID: "month.day.thursday", Doc: "Thursday as the day a recurring low comes on (\"thursday\")"},
		Def{ID: "month.day.friday", Doc: "Friday as the day a recurring low comes on (\"friday\")"},
		Def{ID: "month.day.saturday", Doc: "Saturday as the day a recurring low comes on (\"saturday\")"},
		Def{ID: "month.amount", Args: s("Amount"), Doc: "an amount of money in the statement; Amount has grouping and the currency's minor digits; the currency is in the section's heading"},
		Def{ID: "month.amount_negative", Args: s("Amount"), Doc: "a negative amount (a fine); Amount is the figure without its sign"},
		Def{ID: "month.separator", Doc: "what joins the sentences of one decision's reasons on one line, as in \"; \""},

		// Counts.
		count("agents", "a number of agents (call-center staff)"),
		count("teams", "a number of teams"),
		count("evaluations", "a number of QA evaluations"),
		count("for_pay", "how many of the evaluations count for pay, after \"540 evaluations scored,\": \"1 counts\", \"479 count\""),
		count("check_ins", "a number of mood check-ins"),
		count("strengths", "a number of strengths found in an evaluation"),
		count("corrections", "a number of corrections to talk about"),
		count("cases", "a number of conversation cases"),
		count("steps_owed", "a number of workflow steps owed"),
		count("silence_risks", "a number of steps that leave an employee without feedback"),
		count("new_hires", "a number of new hires"),
		count("items", "a number of private recognition items"),
		count("lines", "a number of statement lines"),
		count("points", "a number of incentive points"),
		count("days", "how many whole days late"),
		count("hours", "how many whole hours late"),
		count("minutes", "how many whole minutes late"),
		Def{ID: "month.count.meetings", Args: []Arg{{"N", Int}, {"Title", String}}, Plural: "N", Doc: "a number of one team meeting of the policy; Title is the meeting's title (\"morning meeting\")"},

		// The head and the areas.
		Def{ID: "month.title", Args: s("Month", "AsOf"), Doc: "the report's first line; Month is written with month.layout.month, AsOf with month.layout.as_of"},
		Def{ID: "month.size", Args: s("Agents", "Teams"), Doc: "how many agents in how many teams"},
		Def{ID: "month.policy", Args: s("Area", "Ref"), Doc: "one policy the month ran under; Area is a month.area.* name, Ref its version@hash"},
		Def{ID: "month.area.mood", Doc: "the mood (wellbeing) area's name"},
		Def{ID: "month.area.qa", Doc: "the quality inspection area's name"},
		Def{ID: "month.area.coaching", Doc: "the coaching (manager's conversations) area's name"},
		Def{ID: "month.area.incentives", Doc: "the incentives (rewards and discipline) area's name"},
		Def{ID: "month.more", Args: n, Doc: "a list cut short: N items more; -detail 0 is the command's flag"},
		Def{ID: "month.more_teams", Args: s("Teams"), Doc: "the league table cut short: Teams more; -detail 0 is the command's flag"},

		// 1. Climate.
		Def{ID: "month.climate.heading", Doc: "heading of section 1, in capitals where the script has them"},
		Def{ID: "month.climate.confidential", Doc: "the note under the heading of section 1; may be written on two lines (a newline then three spaces)"},
		Def{ID: "month.climate.mean", Args: s("Mean"), Doc: "a team's mean of the latest mood check-ins, on a scale to 5"},
		Def{ID: "month.climate.at_risk", Args: []Arg{{"N", Int}, {"Share", String}}, Doc: "how many of a team are at mild or worse or on watch, and the share in percent"},
		Def{ID: "month.climate.alarm", Args: s("Reason"), Doc: "a team alarm; Reason is the mood package's sentence"},
		Def{ID: "month.climate.team_action", Args: s("Owner", "Code", "Deadline", "Setting"), Doc: "an action a team alarm calls for: who owes it, which, by when and where"},
		Def{ID: "month.climate.leads", Doc: "the heading of the leads' lists of actions owed"},
		Def{ID: "month.climate.nothing_owed", Doc: "the leads owe nothing"},
		Def{ID: "month.climate.owed", Args: s("Team", "Agent", "Code", "Deadline", "Setting"), Doc: "one action a lead owes for an agent; Team, Agent and Code are padded columns"},
		Def{ID: "month.climate.routed", Doc: "the heading of the actions routed to the confidential roles"},
		Def{ID: "month.climate.nothing_routed", Doc: "nothing is routed to the confidential roles"},
		Def{ID: "month.climate.routed_line", Args: s("Owner", "Code", "Count", "Earliest"), Doc: "how many actions of one kind a confidential role owes, and the earliest deadline; padded columns"},
		Def{ID: "month.climate.cycles", Doc: "the heading of the emotion cycles"},
		Def{ID: "month.climate.cycle", Args: s("Agent", "When", "In", "Out", "Effect", "CheckIns", "Others", "Owner", "Code"),
			Doc: "a recurring low: When is a month.pattern.* phrase, In the mood then, Out otherwise, CheckIns the check-ins then and Others the rest, and the preventive action owed"},
		Def{ID: "month.pattern.weekday", Args: s("Day"), Doc: "a low on a day of the week; Day is a month.day.* name"},
		Def{ID: "month.pattern.period", Args: s("Period"), Doc: "a low in a period of the policy (Period is its id, as month_end)"},
		Def{ID: "month.pattern.event", Args: s("Event"), Doc: "a low after an event of the policy (Event is its id, as personal_loss)"},
		Def{ID: "month.pattern.generic", Args: s("Pattern", "Key"), Doc: "a low of another pattern, by its ids"},

		// 2. Quality.
		Def{ID: "month.quality.heading", Doc: "heading of section 2"},
		Def{ID: "month.quality.summary", Args: s("Scored", "ForPay", "Mean", "Passed"), Doc: "the month's evaluations: Scored and ForPay are counts, Mean a score, Passed a whole percentage"},
		Def{ID: "month.quality.team", Args: s("Team", "Evaluations", "Mean", "Passed"), Doc: "a team's pay-relevant evaluations, mean and pass rate; padded columns"},
		Def{ID: "month.quality.team_none", Args: s("Team"), Doc: "a team none of whose evaluations counts for pay"},
		Def{ID: "month.quality.calibration", Args: s("Session", "Reference", "By", "Agreement"), Doc: "a calibration session: the reference score, who set it, and the agreement"},
		Def{ID: "month.quality.reference_expert", Args: s("By", "Expert"), Doc: "the reference set by an expert, named"},
		Def{ID: "month.quality.agreement", Args: s("Nominal", "Ordinal"), Doc: "Krippendorff's alpha of the evaluators, nominal and ordinal"},
		Def{ID: "month.quality.agreement_undefined", Doc: "the agreement cannot be worked out: every evaluator gave the same"},
		Def{ID: "month.quality.recalibrate", Doc: "an evaluator outside the tolerance must recalibrate"},
		Def{ID: "month.quality.dispute_open", Args: s("Evaluation", "Agent", "Score"), Doc: "an open dispute of an evaluation"},
		Def{ID: "month.quality.dispute", Args: s("Evaluation", "Agent", "Status", "From", "To"), Doc: "a dispute closed with its status, the score before and after"},
		Def{ID: "month.quality.finding", Args: []Arg{{"Evaluation", String}, {"Agent", String}, {"Items", List}, {"Kind", String}}, Doc: "a critical finding sent to discipline: the items failed and the violation kind"},
		Def{ID: "month.quality.held_disputed", Args: []Arg{{"Evaluation", String}, {"Agent", String}, {"Items", List}, {"Kind", String}}, Doc: "a critical finding held from discipline while its evaluation is disputed"},
		Def{ID: "month.quality.held_undisputed", Args: []Arg{{"Evaluation", String}, {"Agent", String}, {"Items", List}, {"Kind", String}}, Doc: "a critical finding held from discipline while its evaluation may still be disputed"},
		Def{ID: "month.quality.improvers", Doc: "the heading of the fastest improvers"},
		Def{ID: "month.quality.improver", Args: []Arg{{"Agent", String}, {"From", String}, {"To", String}, {"Change", String}, {"Before", Int}, {"Now", Int}}, Doc: "an improver: mean before, mean now, the rise, and the evaluations of each"},
		Def{ID: "month.quality.care_talks", Doc: "the heading of the agents owed a care talk after a drop"},
		Def{ID: "month.quality.feedback", Doc: "the heading of the feedback talks"},
		Def{ID: "month.quality.feedback_none", Doc: "no feedback talk: no evaluation counts for pay"},
		Def{ID: "month.quality.feedback_line", Args: s("Agent", "Mean", "Evaluations", "Strengths", "Corrections", "More"), Doc: "an agent's feedback talk; More is empty or a month.quality.find_more clause"},
		Def{ID: "month.quality.find_more", Args: []Arg{{"Strengths", String}, {"LookFor", List}}, Doc: "a clause after a feedback line: too few strengths, find more among these items"},
		Def{ID: "month.quality.missed", Args: s("Text"), Doc: "an item missed; Text is the item's text from the policy"},
		Def{ID: "month.quality.missed_critical", Args: s("Text"), Doc: "a critical item missed"},
		Def{ID: "month.quality.how_to_fix", Args: s("Say"), Doc: "how to fix a missed item; Say is the policy's fix text"},
		Def{ID: "month.quality.next_sample", Args: s("Evaluations"), Doc: "how many evaluations next month's sample plans"},

		// 3. Conversations.
		Def{ID: "month.conversations.heading", Doc: "heading of section 3"},
		Def{ID: "month.conversations.cases", Args: []Arg{{"Cases", String}, {"Opened", List}}, Doc: "the cases of the month and how many of each kind were opened (month.conversations.kind items)"},
		Def{ID: "month.conversations.cases_none", Args: s("Cases"), Doc: "no case was opened"},
		Def{ID: "month.conversations.kind", Args: s("Kind", "N"), Doc: "how many cases of one kind were opened"},
		Def{ID: "month.conversations.held", Args: s("Kind", "Subject", "Reasons"), Doc: "a conversation held back, with the reasons"},
		Def{ID: "month.conversations.exit_keep", Args: s("Subject", "Reasons"), Doc: "an exit interview where the policy says to try to keep the employee"},
		Def{ID: "month.conversations.exit_let_go", Args: s("Subject", "Reasons"), Doc: "an exit interview with no retention attempt"},
		Def{ID: "month.conversations.as_of", Args: []Arg{{"AsOf", String}, {"Owed", String}, {"Overdue", Int}, {"Silence", String}}, Doc: "the steps owed as of the report: how many, how many overdue, how many at a silence risk"},
		Def{ID: "month.conversations.mark_overdue", Doc: "the mark of an overdue step (a column of width 12)"},
		Def{ID: "month.conversations.mark_silence", Doc: "the mark of a step at a silence risk, in capitals where the script has them (a column of width 12)"},
		Def{ID: "month.conversations.urgent", Args: s("Agent", "Mark", "Reasons", "Due", "Late"), Doc: "an urgent step: whose, the mark, the reasons, its deadline and how late"},
		Def{ID: "month.conversations.under_a_minute", Doc: "lateness under a minute"},
		Def{ID: "month.conversations.meetings", Doc: "the heading of the team meetings owed"},
		Def{ID: "month.conversations.meeting", Args: s("Meetings", "Topics"), Doc: "one meeting of the policy: how many, and its topics"},
		Def{ID: "month.conversations.meeting_longer", Args: s("Meetings", "Longer", "Topics"), Doc: "one meeting of the policy: how many, how many longer (on Mondays), and its topics"},
		Def{ID: "month.conversations.pairs", Args: s("NewHires"), Doc: "one-helps-one pairs (一帮一): how many new hires are paired"},
		Def{ID: "month.conversations.pair", Args: s("Mentor", "Mentee", "Team"), Doc: "a pair: the veteran helps the new hire"},

		// 4. Incentives.
		Def{ID: "month.incentives.heading", Args: s("Period", "Currency"), Doc: "heading of section 4: the period's id and the currency's code"},
		Def{ID: "month.incentives.center", Args: s("Bonus", "Fines", "Net", "Points"), Doc: "the center's totals"},
		Def{ID: "month.incentives.held_center", Args: s("Lines", "Bonus", "Fines"), Doc: "the lines held back and their amounts"},
		Def{ID: "month.incentives.team", Args: s("Team", "Agents", "Bonus", "Fines", "Net"), Doc: "a team's totals; padded columns"},
		Def{ID: "month.incentives.league", Args: s("Contest", "Metric", "Better"), Doc: "a league table: the contest's id, the metric, and month.better.* saying which way is better"},
		Def{ID: "month.better.higher", Doc: "higher values are better"},
		Def{ID: "month.better.lower", Doc: "lower values are better"},
		Def{ID: "month.incentives.no_prize", Doc: "a team of the league table wins no prize"},
		Def{ID: "month.incentives.prize", Args: s("Prize", "Agents"), Doc: "a team's prize and how many agents share it"},
		Def{ID: "month.incentives.recognition", Doc: "the heading of the public recognitions"},
		Def{ID: "month.incentives.team_name", Args: s("Team"), Doc: "a team named in a list of agents"},
		Def{ID: "month.incentives.none_this_month", Doc: "no recognition this month"},
		Def{ID: "month.incentives.private", Args: s("Items"), Doc: "how many private items go to one-to-one talks"},
		Def{ID: "month.incentives.steps", Doc: "the heading of the discipline steps"},
		Def{ID: "month.incentives.protective", Doc: "the heading of the protective actions"},
		Def{ID: "month.incentives.protective_line", Args: s("Agent", "Action", "Owner"), Doc: "a protective action and who takes it; padded columns"},
		Def{ID: "month.incentives.holds", Doc: "the heading of the lines held back"},
		Def{ID: "month.incentives.grades", Doc: "the heading of the grade changes"},
		Def{ID: "month.incentives.lines_all", Doc: "the heading of the statement lines when every agent is listed"},
		Def{ID: "month.incentives.lines_first", Args: n, Doc: "the heading of the statement lines when the first N agents of each team are listed"},
		Def{ID: "month.incentives.agent_net", Args: s("Agent", "Net", "Points"), Doc: "an agent's net amount and points"},
		Def{ID: "month.incentives.agent_held", Args: s("Held"), Doc: "a clause after an agent's net: the amount held back"},
		Def{ID: "month.effect.title", Doc: "a line that awards a title only"},
		Def{ID: "month.effect.badge", Doc: "a line that awards a badge only"},
		Def{ID: "month.effect.held", Doc: "a hold line that holds nothing counted"},
		Def{ID: "month.effect.held_what", Args: s("What"), Doc: "a hold line: what it holds back (an amount, points, a step)"},

		// The command.
		Def{ID: "month.timing", Args: s("Agents", "Data", "Rules"), Doc: "the command's own measurement, on standard error: how long the data and the rules took"},
	)
}
