package coaching

import (
	"time"

	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/policyfile"
)

// The display names of the package's enumerations, by value, from the
// catalogs: every built-in value has one in every bundled locale. Roles
// and weekdays are the names the default policy uses; a role a policy
// declares beyond them is shown by its id.
var (
	kindNames = map[Kind]msg.Message{
		"performance_review":  msg.CoachingNameKindPerformanceReview{},
		"performance_problem": msg.CoachingNameKindPerformanceProblem{},
		"promotion":           msg.CoachingNameKindPromotion{},
		"care":                msg.CoachingNameKindCare{},
		"employee_issue":      msg.CoachingNameKindEmployeeIssue{},
		"exit_interview":      msg.CoachingNameKindExitInterview{},
		"hiring_interview":    msg.CoachingNameKindHiringInterview{},
		"cross_department":    msg.CoachingNameKindCrossDepartment{},
	}
	roleNames = map[string]msg.Message{
		"team_lead":          msg.CoachingNameRoleTeamLead{},
		"supervisor":         msg.CoachingNameRoleSupervisor{},
		"hr":                 msg.CoachingNameRoleHr{},
		"using_department":   msg.CoachingNameRoleUsingDepartment{},
		"related_department": msg.CoachingNameRoleRelatedDepartment{},
		"mentor":             msg.CoachingNameRoleMentor{},
		"daily_statistics":   msg.CoachingNameRoleDailyStatistics{},
	}
	dimensionNames = map[Dimension]msg.Message{
		"stress_tolerance":        msg.CoachingNameDimensionStressTolerance{},
		"adaptability":            msg.CoachingNameDimensionAdaptability{},
		"expression":              msg.CoachingNameDimensionExpression{},
		"execution":               msg.CoachingNameDimensionExecution{},
		"self_planning":           msg.CoachingNameDimensionSelfPlanning{},
		"listening_comprehension": msg.CoachingNameDimensionListeningComprehension{},
		"professional_knowledge":  msg.CoachingNameDimensionProfessionalKnowledge{},
		"honesty":                 msg.CoachingNameDimensionHonesty{},
		"service_awareness":       msg.CoachingNameDimensionServiceAwareness{},
		"emotion_management":      msg.CoachingNameDimensionEmotionManagement{},
	}
	exitReasonNames = map[ExitReason]msg.Message{
		"pay":      msg.CoachingNameExitReasonPay{},
		"workload": msg.CoachingNameExitReasonWorkload{},
		"manager":  msg.CoachingNameExitReasonManager{},
		"growth":   msg.CoachingNameExitReasonGrowth{},
		"schedule": msg.CoachingNameExitReasonSchedule{},
		"health":   msg.CoachingNameExitReasonHealth{},
		"personal": msg.CoachingNameExitReasonPersonal{},
		"other":    msg.CoachingNameExitReasonOther{},
	}
	channelNames = map[Channel]msg.Message{
		"talk":           msg.CoachingNameChannelTalk{},
		"phone":          msg.CoachingNameChannelPhone{},
		"mail":           msg.CoachingNameChannelMail{},
		"suggestion_box": msg.CoachingNameChannelSuggestionBox{},
		"forum":          msg.CoachingNameChannelForum{},
		"training":       msg.CoachingNameChannelTraining{},
		"event":          msg.CoachingNameChannelEvent{},
	}
	stageNames = map[Stage]msg.Message{
		"new_hire":    msg.CoachingNameStageNewHire{},
		"established": msg.CoachingNameStageEstablished{},
		"veteran":     msg.CoachingNameStageVeteran{},
	}
	statusNames = map[Status]msg.Message{
		"open":      msg.CoachingNameStatusOpen{},
		"closed":    msg.CoachingNameStatusClosed{},
		"cancelled": msg.CoachingNameStatusCancelled{},
	}
	recommendationNames = map[Recommendation]msg.Message{
		"hire":   msg.CoachingNameRecommendationHire{},
		"hold":   msg.CoachingNameRecommendationHold{},
		"reject": msg.CoachingNameRecommendationReject{},
	}
	checkInNames = map[CheckInKind]msg.Message{
		"care":      msg.CoachingNameCheckInCare{},
		"guidance":  msg.CoachingNameCheckInGuidance{},
		"attention": msg.CoachingNameCheckInAttention{},
	}
	periodNames = map[AttritionPeriod]msg.Message{
		"month":   msg.CoachingNamePeriodMonth{},
		"quarter": msg.CoachingNamePeriodQuarter{},
		"year":    msg.CoachingNamePeriodYear{},
	}
	eventNames = map[EventType]msg.Message{
		"complete":           msg.CoachingNameEventComplete{},
		"reschedule":         msg.CoachingNameEventReschedule{},
		"cancel":             msg.CoachingNameEventCancel{},
		"close":              msg.CoachingNameEventClose{},
		"answer_on_the_spot": msg.CoachingNameEventAnswerOnTheSpot{},
	}
	weekdayDisplay = map[string]msg.Message{
		"monday":    msg.CoachingNameWeekdayMonday{},
		"tuesday":   msg.CoachingNameWeekdayTuesday{},
		"wednesday": msg.CoachingNameWeekdayWednesday{},
		"thursday":  msg.CoachingNameWeekdayThursday{},
		"friday":    msg.CoachingNameWeekdayFriday{},
		"saturday":  msg.CoachingNameWeekdaySaturday{},
		"sunday":    msg.CoachingNameWeekdaySunday{},
	}
)

// nameIn gives the display name of v in the bundled locale tag: English
// for a locale that is not bundled, v itself for a value without one.
func nameIn[T ~string](names map[T]msg.Message, v T, tag string) string {
	l, err := msg.Lookup(tag)
	if err != nil {
		l = msg.English()
	}
	if m, ok := names[v]; ok {
		return m.String(l)
	}
	return string(v)
}

// Name gives the display name of a built-in kind in the locale tag
// ("zh-CN" gives 绩效面谈 for performance_review), English for a locale
// that is not bundled; a kind only a policy declares is given by its id,
// and (*Policy).KindName gives it by its workflow's title.
func (k Kind) Name(locale string) string { return nameIn(kindNames, k, locale) }

// Name gives the display name of a built-in hiring dimension in the
// locale tag, English for a locale that is not bundled; a dimension only
// a policy declares is given by its id.
func (d Dimension) Name(locale string) string { return nameIn(dimensionNames, d, locale) }

// Name gives the display name of a built-in exit reason in the locale
// tag, English for a locale that is not bundled; a reason only a policy
// declares is given by its id.
func (r ExitReason) Name(locale string) string { return nameIn(exitReasonNames, r, locale) }

// Name gives the display name of the channel in the locale tag, English
// for a locale that is not bundled; a value that is not one of the
// constants is given as it is.
func (ch Channel) Name(locale string) string { return nameIn(channelNames, ch, locale) }

// Name gives the display name of the stage in the locale tag ("zh-CN"
// gives 老员工 for veteran), English for a locale that is not bundled.
func (s Stage) Name(locale string) string { return nameIn(stageNames, s, locale) }

// Name gives the display name of the status in the locale tag, English
// for a locale that is not bundled.
func (s Status) Name(locale string) string { return nameIn(statusNames, s, locale) }

// Name gives the display name of the recommendation in the locale tag,
// English for a locale that is not bundled.
func (r Recommendation) Name(locale string) string {
	return nameIn(recommendationNames, r, locale)
}

// Name gives the display name of the check-in kind in the locale tag,
// English for a locale that is not bundled.
func (k CheckInKind) Name(locale string) string { return nameIn(checkInNames, k, locale) }

// Name gives the display name of the period in the locale tag, English
// for a locale that is not bundled.
func (a AttritionPeriod) Name(locale string) string { return nameIn(periodNames, a, locale) }

// Name gives the display name of the event type in the locale tag,
// English for a locale that is not bundled.
func (t EventType) Name(locale string) string { return nameIn(eventNames, t, locale) }

// KindName gives the display name of a kind the policy declares: its
// workflow's title, in the policy's own words; the built-in name in the
// policy's locale for a kind without a workflow, and the id for any
// other. A nil or zero Policy gives the id.
func (p *Policy) KindName(k Kind) string {
	if !p.ready() {
		return string(k)
	}
	if w := p.workflows[k]; w != nil {
		return w.view.Title
	}
	if m, ok := kindNames[k]; ok {
		return m.String(p.loc)
	}
	return string(k)
}

// RoleName gives the display name of a role in the policy's locale: the
// catalog's name for a role of the default policy (team_lead is 组长 in
// zh-CN), the id for a role only the policy declares.
func (p *Policy) RoleName(role string) string {
	if m, ok := roleNames[role]; ok && p.ready() {
		return m.String(p.loc)
	}
	return role
}

// English sentences name kinds, roles, dimensions and weekdays by their
// ids, as they always have, so that hosts that read them keep working;
// every other locale names them by their display names. shown gives the
// text a sentence of the locale l writes for the value id whose display
// name is name.
func shown(l *msg.Locale, id, name string) string {
	if l == msg.English() {
		return id
	}
	return name
}

// showKind gives a kind as the policy's sentences write it.
func (p *Policy) showKind(k Kind) string { return shown(p.loc, string(k), p.KindName(k)) }

// showRole gives a role as the policy's sentences write it.
func (p *Policy) showRole(role string) string { return shown(p.loc, role, p.RoleName(role)) }

// showName gives a value with a catalog display name as the sentences of
// l write it.
func showName[T ~string](l *msg.Locale, names map[T]msg.Message, v T) string {
	if m, ok := names[v]; ok && l != msg.English() {
		return m.String(l)
	}
	return string(v)
}

// appendSpan writes a span for a reason in l: whole days short ("90d",
// "90天"), anything else as Go writes it.
func appendSpan(dst []byte, l *msg.Locale, d time.Duration) []byte {
	if d%(24*time.Hour) == 0 {
		return msg.CoachingSpanDays{N: int(d / (24 * time.Hour))}.Append(dst, l)
	}
	return append(dst, d.String()...)
}

// span is appendSpan as a string.
func span(l *msg.Locale, d time.Duration) string { return string(appendSpan(nil, l, d)) }

// meetingSpan writes how much longer a meeting runs in l: "15 minutes",
// "1 minute", or as Go writes a span that is not whole minutes.
func meetingSpan(l *msg.Locale, d time.Duration) string {
	if d%time.Minute == 0 {
		return msg.CoachingSpanMinutes{N: int(d / time.Minute)}.String(l)
	}
	return d.String()
}

// stampIn writes an instant for a reason in the policy's locale.
func (p *Policy) stampIn(t time.Time) string { return t.Format(p.stampLayout) }

// showRoles gives roles as the sentences of the policy write them.
func (p *Policy) showRoles(roles []string) []string {
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = p.showRole(r)
	}
	return out
}

// The display names of the signals a policy declares live in the policy,
// under names ("qa_avg: 质检均分"): the catalogs cannot know the signals a
// center declares, and a policy written in Chinese names them in Chinese
// beside its Chinese reasons, so that a condition's reason reads
// 质检均分=83.94 and its bar 质检均分 >= 85 且 司龄天数 >= 180. A signal the
// policy does not name is written as it is, which keeps every English
// reason as it always was.

// compileNames keeps the display names of the policy's signals, reports
// a name given to anything else, or an empty one, and presents the
// signal environment in the policy's locale with those names.
func (p *Policy) compileNames(doc *policyfile.Doc, raw *rawPolicy) {
	used := make(map[string]bool, len(p.signals))
	for _, s := range p.signals {
		used[s] = true
	}
	p.names = doc.Names(policyfile.Path("names"), raw.Names, used, func(id string) msg.Message {
		return msg.CoachingPolicyNameUnused{Value: id}
	})
	p.env.Present(p.loc, p.names.Of)
}

// DisplayName gives the display name the policy gives one of its signals
// under names ("qa_avg", "质检均分"), as its reasons write it. A signal
// the policy does not name, and any other id, is returned as it is; the
// result is empty on a nil or zero Policy.
func (p *Policy) DisplayName(id string) string {
	if !p.ready() {
		return ""
	}
	return p.names.Of(id)
}

// signalLabels gives signals as the policy's sentences write them, by
// their display names.
func (p *Policy) signalLabels(signals []string) []string {
	out := make([]string, len(signals))
	for i, s := range signals {
		out[i] = p.names.Of(s)
	}
	return out
}
