// Package coaching runs a call-center manager's conversations as
// workflows: the performance interview, the performance-problem talk, the
// promotion talk, the care talk, the answer to an issue an employee
// raised, the exit interview and the hiring interview, as call-center
// managers practise them. Each kind has a fixed flow, and each fails when its follow-up and
// feedback are skipped; the package keeps the flow, says what is owed and
// what is late, proposes when a conversation should start, and lists the
// team meetings owed: the weekly meeting of every team, and the morning
// meeting, longer on Mondays, of a team whose shifts allow a daily one.
//
// # Policy
//
// A Policy is compiled from YAML by ParsePolicy; DefaultPolicy holds the
// eight flows, and PolicySchema is the format's JSON Schema, for editors
// and HR tools. Each kind's workflow is a sequence of steps grouped
// into phases (the performance interview's preparation, execution and
// tracking); each step has an id and a title, which every sentence
// naming the step writes ("analyze the scores", 分析绩效成绩; the id when
// the policy gives none, and an empty one is a problem), and names the
// role that acts, the records it must keep (the interview form, the
// agreed actions, the feedback given), those it
// may keep when there is something to record (optional_records, such as
// suggestion_adopted), its deadline counted from the opening or from an
// earlier step, and its setting (one_to_one, group or none). Feedback closes every flow: each
// workflow needs a step with feedback: true, and since a case closes only
// once every step is done, or once an issue is answered on the spot with
// the answer recorded, no case closes before the employee has heard back.
// Unknown roles, phases and steps, deadlines that count from a later step
// or around a cycle, a group setting in a corrective workflow or an
// exit interview, a step with no role and a workflow with no feedback step
// are problems reported with their line and column, all at once. Every id
// the policy declares (roles, signals, phases, step and record names,
// trigger and question ids, veteran roles) is lower_snake_case, as
// callfloor.ValidID has it, since ids join into the dotted rule paths of
// reasons ("triggers.care_mood"); any other is a problem at the id. A
// Policy is immutable and safe for concurrent use.
//
// The kinds of conversation, the hiring interview's dimensions and the
// exit interview's reasons are lists the policy declares (kinds,
// hiring.dimensions, exit.reasons), so that a center adds its own
// without a line of Go. A policy that leaves a list out gets the
// built-in one, the Kind, Dimension and ExitReason constants of the
// practice, and runs exactly as before the lists were declared: the seven
// kinds (a workflow for each optional), the eight dimensions of the
// communication practice and the eight exit reasons. The default policy
// declares an eighth kind, the communication with related departments
// (cross_department: find the norm agreed for the kind of problem, go to
// the department that owns it, agree the solution, follow up, and tell
// whoever raised it), and two more dimensions the seat-management
// practice asks of a recruit, service awareness and emotion management.
// What matters stays checked whatever the lists hold: every id is
// lower_snake_case and declared once, every declared kind has a workflow
// and a workflow no undeclared kind, every flow ends in feedback, a
// corrective workflow and the exit interview talk one-to-one, every
// trigger of a corrective workflow is held for someone in crisis or at
// the severe tier, no trigger of the exit interview is held, and a
// weight, floor or question names a declared dimension. These rules
// follow the workflow's flags, corrective: true and exit: true (the
// exit_interview kind is an exit interview without saying so), so a
// center's own kinds keep them too. Kinds,
// Dimensions and ExitReasons list the built-in ones; the methods of the
// same names list a policy's own.
//
// The catalogs give the built-in values their display names in every
// bundled locale (performance_review is 绩效面谈, honesty 诚信); only the
// policy can name the ids it adds, and it does so under names, beside
// its signals: a role (a veteran role of tenure included), a kind, a
// hiring dimension or an exit reason it runs, "quality_lead: 质检主管".
// A name the policy gives wins over the catalog's, in every locale, and
// its sentences write it, in English too; an id it leaves unnamed is
// written as before, by its id in English and by its display name (a
// kind's by its workflow's title when the workflow has one) elsewhere.
// KindName, RoleName, DimensionName and ExitReasonName give each as the
// policy names it, DisplayName what names alone give, and a name for
// any other id (a step, a phase, a record), or an empty one, is a
// problem at its place. The Chinese default shows every signal, role,
// kind, dimension and exit reason it declares by a Chinese name.
//
// # Cases
//
// Open starts a Case; Apply applies an Event to it and returns a new Case;
// Due says what it owes as of a time. A Case is a plain value with
// exported fields and JSON tags, holding its steps (deadline, completion,
// records) and its full history of events. It keeps the stored-state
// convention of package callfloor, which qa's disputes keep too: ID,
// Status (StatusOpen, StatusClosed, StatusCancelled), Opened, Updated,
// the Policy it was opened under and History; each Event has an ID, a
// Type, an At and a By. Events complete the next step with its records,
// reschedule an owed step, cancel the case with a reason, or close it
// once every step is done (or, for an issue an employee raised, answer it
// on the spot in the first talk, which closes it). Every event names who
// acted (By, as the host
// names people): an audit of a conversation asks who held it, so an event
// without one is refused, and a host acting on its own names itself. An
// event out of order, for another case, earlier than the case's last
// event, missing a record, carrying a record its step neither must nor may
// keep, one record twice, or a field its type does not take is an
// *callfloor.InputError that says what the case expects instead. A step
// stores its records in the policy's order: those it must keep, then
// those of its optional records given. The case passed in is never changed: the
// new case has a history of its own, and shares with the old one only
// records neither changes. Applying an event whose ID the case already
// holds, with the same content, returns the case unchanged with no error,
// so a host may retry freely; the same ID with other content is refused
// ("event id ... was already applied with different content; an event id
// names one event"), since an ID names one event. A refused event leaves
// no trace, so its ID may be sent again once the event is put right.
//
// Apply checks a stored case against its own history before applying
// anything: replayed from the opening, the history must give the case's
// id (from its kind, subject and opening), its status and cancel reason,
// the time of its last update, and every step's completion, records,
// reschedule count and deadline. A case edited by hand (a completion
// cleared while its event stays in the history, a history wiped, a
// subject changed under its id) is an *callfloor.InputError naming the field that
// disagrees. Under the policy the case was opened with, phases, roles,
// record names, the reschedule bound and the deadlines counted from the
// opening or from a step are checked too; under another policy only what
// the history alone decides is, since that policy may count deadlines
// differently and keep other records, or more of them: a step's records
// are then held only to be exactly those its complete event gave, none
// twice, each with a value, however many there are. The check is one pass
// over the history; its time and memory grow in proportion to the size of
// the case (its events and their records), never faster.
//
// Every time a case holds is one JSON can hold (years 0 to 9999, a zone
// under 24 hours off): Open and Apply refuse an opening, an event time, a
// new deadline or a deadline counted from them outside that range as an
// *callfloor.InputError, and Due, which has no error to return, gives no reminders
// for a now outside it.
//
// Every function that touches a case is pure: no clock, no I/O, no state.
// A host persists cases and drives them like this:
//
//  1. Store each Case as JSON (encoding/json) keyed by Case.ID; it
//     round-trips unchanged.
//  2. When something happens, load the case, build an Event with an ID the
//     host will reuse on retry (a database key, a message id), call Apply,
//     and store the result in place of the old value, with optimistic
//     locking on Case.Updated or the history length if several writers
//     may race. Storing is the host's commit; a failed store can simply
//     be retried with the same event.
//  3. From the host's scheduler (a cron job, a queue consumer), load the
//     open cases and call Due, or AppendDue into one reused slice, with the
//     scheduler's notion of now. Reminders say who owes which step and by
//     when; Overdue ones are late, and SilenceRisk marks an issue an
//     employee raised that has had no feedback past its deadline: left
//     so, it teaches everyone to stop speaking up. Due is cheap and
//     allocation-free with AppendDue, so sweeping every open case each
//     run is fine.
//
// # Issues an employee raised
//
// The practice asks a manager to listen on many channels and to answer
// on the spot what can be answered. OpenIssue opens an employee_issue
// case with the Channel it came through: a talk, a phone call, a mail,
// the suggestion box, a forum (an open discussion meeting), a training
// session or a team event. The set is fixed in Go rather than declared by
// the policy, because every stored case holds its channel and must read
// back under any later policy; Open leaves it empty, and a case of a
// workflow not raised by the employee holds none.
//
// A workflow with employee_raised and on_the_spot (the default's
// employee_issue has both) may close in its first talk: an
// EventAnswerOnTheSpot completes the first step with its own records plus
// the answer given (RecordAnswerGiven) and the employee's confirmation
// that it settles the issue (RecordEmployeeConfirmation), and closes the
// case; the later steps are left undone and owe nothing. The answer is
// the feedback, so no case still closes before the employee has heard
// back, and without the confirmation the event is refused: the issue then
// takes the normal path of analysis, follow-up and feedback. An answer
// that promises something still to be done is not an answer on the spot:
// the source asks for its result to be followed up, so it takes the
// normal path too. Only the first step, while it is owed, takes the
// event; the policy may declare on_the_spot only on an employee-raised
// workflow whose first step is a talk (one_to_one or group) and neither
// keeps nor may keep a record under either name. Answered on the spot,
// the first step may also keep its optional records.
//
// A case remembers the identity of the policy it was opened under. Apply
// accepts it under a newer policy as long as the kind's steps are the
// same, in the same order; otherwise it refuses the event and names both,
// each as version@hash: "(the case was opened under policy
// <version>@<hash>; this policy is <version>@<hash>)".
//
// # Adopted suggestions
//
// An issue an employee raised may be a constructive suggestion, and the
// practice asks that one the center adopts be rewarded, materially, in
// spirit or in the career: with no visible answer, employees stop
// speaking up. The default's employee_issue records it at its feedback
// step, follow_up_feedback, or, for an issue answered on the spot, at its
// first talk, hold_interview, under the optional record
// suggestion_adopted (RecordSuggestionAdopted), whose value says what was
// adopted; an issue that was no such suggestion, or one not adopted,
// closes without it. A policy may list the record on any step, but only
// under optional_records: required, it would count an adoption in every
// case. AdoptedSuggestions counts, per employee, the cases closed in a
// period that hold the record at a step whose workflow in the policy
// lists it (a case counts in the period it closed in, once its feedback
// was given), with the case ids as evidence, each case checked against
// its history as Apply checks it; a case that fails the check, one given
// twice, and one whose adoption sits at a step the policy does not list
// are left out and listed in Skipped with their problem, while the
// others count. The count is the metric
// MetricSuggestionsAdopted ("suggestions_adopted"), which a host passes
// to package incentives, whose default policy rewards it.
//
// # Triggers
//
// The policy declares signal names and trigger rules written in the
// condition language (qa_periods_below_bar >= 2), and may give each
// signal a display name under names ("qa_avg: 质检均分"), which
// DisplayName gives: a reason writes the figures a condition read, and
// the exit bar it missed, by those names and in the policy's locale
// ("质检均分 >= 85 且 司龄天数 >= 180"), while facts, Missing and the
// host's Signals keep the ids. The Chinese default names every signal,
// the English default none. Propose evaluates them
// over one person's Signals and proposes the cases to open, with the rules
// that fired, and holds back a proposal when a case of that kind is
// already open for the person. A rule may also name a hold_when: the
// default holds the performance-problem talk of someone in crisis or at
// the severe tier, who is cared for first, and every trigger of a
// corrective workflow must: one with no hold_when, or with one that
// (every other signal 0) lets the talk go ahead when mood_crisis is 1 or
// mood_tier is 3, is a problem at its place. The exit interview is
// mandatory for everyone who resigns, so no policy may hold it. A signal left out is
// unknown: the rules reading it are listed as unevaluated, never read as
// zero. MoodSignals and QASignals turn a mood triage and a qa trend into
// signals; only the tier, watch and crisis flags leave the triage, never
// screening answers. Every signal this package names (the Signal
// constants, which the default policy declares) is held to the range
// stated on its constant, whoever supplies it: a tier 0 to 3; every
// yes-or-no signal (mood_watch, mood_crisis, qa_stable_then_drop,
// eligible_next_grade, wants_promotion, resigned, life_event,
// leaning_to_leave) 1 or 0 and nothing between; counts whole and not
// negative; days (days_since_review, tenure_days, sick_days) not
// negative; qa_avg 0 to 100. NaN or infinity in any signal is refused
// with the signal's name.
//
// The default care triggers start a care talk from each need or
// discomfort the practice names: a long stable, excellent performer who
// suddenly drops or draws a complaint (care_sudden_drop); a mood triage
// asking for attention (care_mood); a day off sick (care_sick_day:
// sick_days >= 1, the threshold a center changes in its policy); a life
// event the lead reported, a bereavement, a breakup or an illness in the
// family, which goes to a care talk directly rather than waiting for it to
// show on the phone (care_life_event); and signs of leaning toward
// leaving before any resignation (care_retention), since a retention talk
// after the resignation rarely works; once resigned is 1 the exit
// interview takes over. These signals keep the care flow's
// confidentiality: life_event says only that there is one, and a reason
// shows only the flag, never which event it was, which stays with the lead
// and the case's records. Care never waits for them: a performance-problem
// talk is held for someone in crisis or at the severe tier whatever else
// fires, while the care talk is proposed.
//
// # Who sees proposals
//
// Proposals read the mood triage's tier, watch and crisis, and their
// reasons carry them as facts, so a declared crisis would reach whoever
// sees proposals. ProposalsFor gives each audience its part, as mood's
// View does for a triage: the person and the confidential roles
// (mood.AudienceAgent, mood.AudienceCare) see the proposals whole; the
// team lead (mood.AudienceLead) sees every proposal in its list but
// nothing that tells one mood state from another: no mood fact; a care
// talk, whatever prompted it, with one reason at its workflow
// ("workflows.care": "a care talk is owed: the team_lead's first step,
// "find the need", is due 1d after the case opens; what prompted it is
// confidential"), never the rule that fired; a corrective talk held for
// someone in crisis or at the severe tier as "held; the care roles will
// say when it may start", at its trigger's rule, never its hold_when;
// a hold not checked for want of mood signals as a warning that names no
// mood state; and a proposal an open case suppresses with the case alone.
// Anyone else sees only whose proposals they are. Open does not read
// holds: a host shows the lead nothing but the lead's view, and leaves a
// held talk for the care roles to start.
//
// # Exit interviews, hiring, tenure
//
// Retention says whether the exit interview should try to keep a leaver
// (the policy's exit.retain_when bar), and Attrition counts leavers by the
// policy's reason taxonomy (by default pay, workload, manager, growth,
// schedule, health, personal, other), team and period. A headcount counts everyone on the
// team in the period (its size at the start plus those who joined), so it
// is never under the period's leavers and a rate never exceeds 1. ScoreInterview scores a hiring
// interview from the question bank's 1-5 rubrics over the policy's
// dimensions of the hiring interview, with a weighted total, per-dimension floors (honesty at
// least 3 by default), a hire, hold or reject recommendation and a flag
// where interviewers disagree. Plan gives new hires their care and
// business-guidance check-ins and veterans their attention and a role;
// Pairings proposes one-helps-one pairs of veterans with new hires,
// deterministically.
//
// # Team meetings
//
// Meetings lists the team meetings a Team owes in a window, for a host's
// calendar: each with its start, its length, the topics it covers and
// its reasons ("meetings.weekly_meeting", "meetings.morning_meeting.teams",
// "meetings.morning_meeting.longer.monday"). The policy's meetings
// section gives each meeting its days, time of day, length, topics and
// reason, the teams that hold it, and may make a meeting longer on given
// days, each extension with its own reason. A meeting marked teams: daily
// is held by a team whose shifts allow a daily meeting; one marked
// teams: shifts by a team whose shifts prevent one, which the host says
// with Team.Shifts; one marked all, or not marked, by every team.
//
// The default holds the two meetings of the practice. Every team holds
// the weekly meeting (每周一会), the team rhythm of the practice, whether
// or not its shifts let it meet daily: Fridays at 16:00 for 45 minutes,
// on the problems the whole team has newly met and how to solve them,
// good news of the company or the department, and news of the field and
// techniques that help the work; it sits at the end of the week, when
// the week's problems are fresh and away from Monday's rush. A team that
// can meet every day holds the morning meeting too, every day at 08:45
// for 10 minutes, where the lead reads each face and everyone greets
// each other; Monday mornings are always rushed, so Monday's is 15
// minutes longer for the whole team, by default, not only for an agent
// in whom the emotion cycles of package mood found a Monday low. A team
// whose working hours differ so that no daily meeting can gather it
// holds no morning meeting. The days are the practice's, the
// times and lengths this library's defaults. The window is half-open,
// like every callfloor.Period: a meeting starting at its start is owed,
// one starting at its end is not. Days and times of day are read in the
// team's zone: the policy's meeting_zone, an IANA name such as
// "Asia/Shanghai" (an unknown one is a problem at its place), so that a
// morning meeting falls in the team's morning whatever zone the host's
// window is written in; a policy that names none reads them in the
// location of the window's start. A time of day the clock skips when
// summer time starts moves forward by the gap, as calendars move it
// (02:30 in New York on that day is 03:30), and one the clock shows twice
// when it ends is the first.
//
// Every result names the policy that produced it and carries its reasons
// as []callfloor.Reason: the rule's place in the policy
// ("triggers.care_mood", "exit.retain_when", "hiring.floors.honesty",
// "workflows.care.steps.follow_up"), its outcome, one sentence and the
// signals or figures it read.
//
// # Wire format
//
// Cases, events and every result encode to JSON with snake_case names,
// and the files under testdata/golden hold each one byte for byte: the
// JSON is a contract. Statuses, event types, channels, stages,
// recommendations, periods and check-in kinds encode as their names and
// refuse any other name when read, so that a stored value misspelt is
// refused on reading, not run. Kinds, dimensions and exit reasons are
// the policy's, so they read as any id and are refused by the policy
// that does not declare them: a case of an undeclared kind by Apply, a
// leaver's undeclared reason by Attrition. A
// step's setting is a callfloor.Setting ("one_to_one", "group", or "none"
// for desk work); spans (a step's deadline, how late a reminder is, a
// tenure, a check-in's interval) are callfloor.Durations and encode as Go
// duration strings ("120h"). An empty list in a result is [], never null.
//
// # Zero values
//
// A nil or zero *Policy never panics: every method with an error result
// returns ErrZeroPolicy, and every other method returns its zero value
// (Due no reminders, Workflow false, PeriodOf "", DisplayName ""), but
// KindName, RoleName, DimensionName and ExitReasonName, which give back
// the id they are asked to name. Make a Policy with ParsePolicy or
// DefaultPolicy.
package coaching
