package coaching

import (
	"time"

	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/policyfile"
)

// The display names of the package's enumerations, by value, from the
// catalogs: every built-in value has one in every bundled locale. Roles
// and weekdays are the names the default policy uses; a role, kind,
// dimension or exit reason a policy declares beyond them takes the name
// the policy gives it under names, and is shown by its id without one.
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
	return catalogName(l, names, v)
}

// Name gives the display name of a built-in kind in the locale tag
// ("zh-CN" gives 绩效面谈 for performance_review), English for a locale
// that is not bundled; a kind only a policy declares is given by its id.
// (*Policy).KindName gives any kind of a policy as that policy names it.
func (k Kind) Name(locale string) string { return nameIn(kindNames, k, locale) }

// Name gives the display name of a built-in hiring dimension in the
// locale tag, English for a locale that is not bundled; a dimension only
// a policy declares is given by its id. (*Policy).DimensionName gives
// any dimension of a policy as that policy names it.
func (d Dimension) Name(locale string) string { return nameIn(dimensionNames, d, locale) }

// Name gives the display name of a built-in exit reason in the locale
// tag, English for a locale that is not bundled; a reason only a policy
// declares is given by its id. (*Policy).ExitReasonName gives any reason
// of a policy as that policy names it.
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

// KindName gives the display name of a kind the policy declares: the
// one the policy gives it under names; else the title the policy gives
// its workflow, in the policy's own words; else the built-in name in the
// policy's locale; else the workflow's title made of the id, or the id
// of a kind without a workflow. A nil or zero Policy gives the id.
func (p *Policy) KindName(k Kind) string {
	if !p.ready() {
		return string(k)
	}
	if s, ok := p.names[string(k)]; ok {
		return s
	}
	w := p.workflows[k]
	if w != nil && w.titled {
		return w.view.Title
	}
	if m, ok := kindNames[k]; ok {
		return m.String(p.loc)
	}
	if w != nil {
		return w.view.Title
	}
	return string(k)
}

// RoleName gives the display name of a role in the policy's locale: the
// one the policy gives it under names; else the catalog's name for a
// role of the default policy (team_lead is 组长 in zh-CN); else the id.
// A nil or zero Policy gives the id.
func (p *Policy) RoleName(role string) string {
	if !p.ready() {
		return role
	}
	return displayNameOf(p, roleNames, role)
}

// DimensionName gives the display name of a hiring dimension in the
// policy's locale: the one the policy gives it under names; else the
// catalog's name for a built-in dimension (honesty is 诚信 in zh-CN);
// else the id. A nil or zero Policy gives the id.
func (p *Policy) DimensionName(d Dimension) string {
	if !p.ready() {
		return string(d)
	}
	return displayNameOf(p, dimensionNames, d)
}

// ExitReasonName gives the display name of a reason for leaving in the
// policy's locale: the one the policy gives it under names; else the
// catalog's name for a built-in reason (pay is 薪酬 in zh-CN); else the
// id. A nil or zero Policy gives the id.
func (p *Policy) ExitReasonName(r ExitReason) string {
	if !p.ready() {
		return string(r)
	}
	return displayNameOf(p, exitReasonNames, r)
}

// displayNameOf gives an id as p names it: its own name under names,
// else the catalog's in the policy's locale, else the id.
func displayNameOf[T ~string](p *Policy, names map[T]msg.Message, v T) string {
	if s, ok := p.names[string(v)]; ok {
		return s
	}
	return catalogName(p.loc, names, v)
}

// catalogName gives the catalog's display name of v in l, or v itself
// for a value without one.
func catalogName[T ~string](l *msg.Locale, names map[T]msg.Message, v T) string {
	if m, ok := names[v]; ok {
		return m.String(l)
	}
	return string(v)
}

// English sentences name kinds, roles and dimensions by their ids, as
// they always have, so that hosts that read them keep working; every
// other locale names them by their display names. A name the policy
// gives an id under names is written in every locale, English included:
// the policy that declares the id is the more specific voice. written
// gives the text of id when the locale or names decide it alone, and
// false when the sentence needs the id's display name.
func (p *Policy) written(id string) (string, bool) {
	if s, ok := p.names[id]; ok {
		return s, true
	}
	return id, p.loc == msg.English()
}

// showKind gives a kind as the policy's sentences write it.
func (p *Policy) showKind(k Kind) string {
	if s, ok := p.written(string(k)); ok {
		return s
	}
	return p.KindName(k)
}

// showRole gives a role as the policy's sentences write it.
func (p *Policy) showRole(role string) string {
	if s, ok := p.written(role); ok {
		return s
	}
	return p.RoleName(role)
}

// showDimension gives a hiring dimension as the policy's sentences write
// it.
func (p *Policy) showDimension(d Dimension) string {
	if s, ok := p.written(string(d)); ok {
		return s
	}
	return p.DimensionName(d)
}

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

// The display names of a policy's own ids live in the policy, under
// names: a signal ("qa_avg: 质检均分"), a role, a kind of conversation, a
// hiring dimension or a reason for leaving. The catalogs name only the
// built-in values; a policy written in Chinese names the ids it adds in
// Chinese beside its Chinese reasons, so that a condition's reason reads
// 质检均分=83.94 and its bar 质检均分 >= 85 且 司龄天数 >= 180, and a
// reminder of a kind the center added names it as the center does. The
// ids share one mapping, as they share one sentence: a role and a kind
// with the same id take the same name. A name the policy gives wins over
// the catalog's, in every locale. An id the policy does not name is
// written as it always was: by its id in English, by its catalog name
// (or, for a kind, its workflow's title) elsewhere.

// namedIDs gives the ids names may give display names to: those the
// policy declares and its sentences or display names write. Kinds,
// dimensions and exit reasons are the lists the policy runs, the
// built-in ones when it declares none; a policy without a hiring
// section has no dimensions.
func (p *Policy) namedIDs() map[string]bool {
	used := make(map[string]bool, len(p.signals)+len(p.roles)+len(p.kinds))
	for _, s := range p.signals {
		used[s] = true
	}
	for _, r := range p.roles {
		used[r] = true
	}
	for _, r := range p.tenure.roles {
		used[r] = true
	}
	for _, k := range p.kinds {
		used[string(k)] = true
	}
	if p.hiring.set {
		for _, d := range p.hiring.dims {
			used[string(d)] = true
		}
	}
	for _, r := range p.exit.reasons {
		used[string(r)] = true
	}
	return used
}

// compileNames keeps the display names of the policy's ids, reports a
// name given to any other id, or one doc.Names refuses (blank, more than one line), and presents the signal
// environment in the policy's locale with those names. It runs once
// every list it checks against is compiled.
func (p *Policy) compileNames(doc *policyfile.Doc, raw *rawPolicy) {
	p.names = doc.Names(policyfile.Path("names"), raw.Names, p.namedIDs(), func(id string) msg.Message {
		return msg.CoachingPolicyNameUnused{Value: id}
	})
	p.env.Present(p.loc, p.names.Of)
}

// DisplayName gives the display name the policy gives one of its ids
// under names ("qa_avg", "质检均分"): a signal, a role (a veteran role of
// tenure included), a kind, a hiring dimension or a reason for leaving,
// as its sentences write it. An id the policy does not name, and any
// other id, is returned as it is; KindName, RoleName, DimensionName and
// ExitReasonName fall back to the catalogs' names instead. The result is
// empty on a nil or zero Policy.
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
