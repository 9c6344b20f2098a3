package mood

import (
	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/policyfile"
)

// Display names of mood's enumerations, each a catalog message, so that a
// host shows a tier, a band, a setting, a role, a cause or an instrument
// in the policy's language (a setting's name is callfloor.Setting's).
// English keeps the names the policy and its sentences use ("mild",
// "moderately severe", "crisis_owner"); a name no catalog knows (a band
// or role a host's policy adds) is shown as the policy writes it.

var tierDisplay = [...]msg.Message{msg.MoodTierNormal{}, msg.MoodTierMild{}, msg.MoodTierModerate{}, msg.MoodTierSevere{}}

var bandDisplay = map[string]msg.Message{
	BandMinimal:          msg.MoodBandMinimal{},
	BandMild:             msg.MoodBandMild{},
	BandModerate:         msg.MoodBandModerate{},
	BandModeratelySevere: msg.MoodBandModeratelySevere{},
	BandSevere:           msg.MoodBandSevere{},
	BandGoodWellbeing:    msg.MoodBandGoodWellbeing{},
	BandPoorWellbeing:    msg.MoodBandPoorWellbeing{},
	BandLikelyDepression: msg.MoodBandLikelyDepression{},
	BandLow:              msg.MoodBandLow{},
	BandHigh:             msg.MoodBandHigh{},
	BandVeryHigh:         msg.MoodBandVeryHigh{},
	"moderate burnout":   msg.MoodBandModerateBurnout{},
	"high burnout":       msg.MoodBandHighBurnout{},
}

var roleDisplay = map[string]msg.Message{
	"team_lead":    msg.MoodRoleTeamLead{},
	"counselor":    msg.MoodRoleCounselor{},
	"hr":           msg.MoodRoleHr{},
	"crisis_owner": msg.MoodRoleCrisisOwner{},
	"manager":      msg.MoodRoleManager{},
}

// causeDisplay is in the order of Causes.
var causeDisplay = [...]msg.Message{msg.MoodCauseNotValued{}, msg.MoodCauseTooDifficult{}, msg.MoodCauseTooManyTasks{},
	msg.MoodCauseUnfairComparison{}, msg.MoodCauseCustomer{}, msg.MoodCauseLeadership{}, msg.MoodCausePersonalLife{}}

var instrumentDisplay = map[Instrument]msg.Message{
	PHQ9: msg.MoodInstrumentPhq9{},
	GAD7: msg.MoodInstrumentGad7{},
	WHO5: msg.MoodInstrumentWho5{},
	K10:  msg.MoodInstrumentK10{},
	CBI:  msg.MoodInstrumentCbi{},
}

// weekdayDisplay is in time.Weekday order, Sunday first.
var weekdayDisplay = [...]msg.Message{msg.MoodPatternSunday{}, msg.MoodPatternMonday{}, msg.MoodPatternTuesday{},
	msg.MoodPatternWednesday{}, msg.MoodPatternThursday{}, msg.MoodPatternFriday{}, msg.MoodPatternSaturday{}}

func display[K comparable](l *msg.Locale, table map[K]msg.Message, key K, fallback string) string {
	if m, ok := table[key]; ok {
		return m.String(l)
	}
	return fallback
}

// TierName gives the display name of a tier in the policy's locale
// ("moderate", "中度"); a value outside the four tiers is shown as
// Tier.String shows it. Like every display name, it is empty for a nil
// or zero Policy.
func (p *Policy) TierName(t Tier) string {
	switch {
	case p.zero():
		return ""
	case t < Normal || t > Severe:
		return t.String()
	}
	return p.tierNames[t]
}

// BandName gives the display name of a band in the policy's locale
// ("moderately severe", "中重度"): the default policy's band names and the
// bands Score publishes have one; any other name is returned as is.
func (p *Policy) BandName(name string) string {
	if p.zero() {
		return ""
	}
	return p.bandName(name)
}

// SettingName gives the display name of an action's setting in the
// policy's locale, as callfloor.Setting.Name gives it ("one-to-one",
// "一对一"); a value outside the settings is shown as Setting.String
// shows it.
func (p *Policy) SettingName(s callfloor.Setting) string {
	if p.zero() {
		return ""
	}
	return s.LocalizedName(p.loc)
}

// RoleName gives the display name of one of the policy's roles in its
// locale: the default policy's roles have one ("crisis_owner",
// "危机负责人"); English, and any role a host's policy adds, show the
// role's id.
func (p *Policy) RoleName(role string) string {
	if p.zero() {
		return ""
	}
	return p.roleName(role)
}

// CauseName gives the display name of a cause of negative emotion in the
// policy's locale ("too many tasks", "任务多"); an unknown cause is shown
// as its id.
func (p *Policy) CauseName(c Cause) string {
	if p.zero() {
		return ""
	}
	if i, ok := causeIndex(c); ok {
		return causeDisplay[i].String(p.loc)
	}
	return string(c)
}

// InstrumentName gives the published name of an instrument with its full
// title in the policy's locale ("PHQ-9 (Patient Health Questionnaire)",
// "PHQ-9（患者健康问卷）"); an unknown instrument is shown as its id.
func (p *Policy) InstrumentName(i Instrument) string {
	if p.zero() {
		return ""
	}
	return display(p.loc, instrumentDisplay, i, string(i))
}

// roleName gives a role's display name without building a string: from
// the names compile worked out, or the role's id.
func (p *Policy) roleName(role string) string {
	if n, ok := p.roleNames[role]; ok {
		return n
	}
	return role
}

// bandName gives the display name of a band without building a string:
// from the names compile worked out, or the band's name.
func (p *Policy) bandName(name string) string {
	if n, ok := p.bandNames[name]; ok {
		return n
	}
	return name
}

// declarationName gives a declaration kind's name in the policy's
// locale, as the input errors write it ("crisis", "危机").
func declarationName(k DeclarationKind) msg.Message {
	switch k {
	case DeclarationCrisis:
		return msg.MoodDeclarationCrisis{}
	case DeclarationTier:
		return msg.MoodDeclarationTier{}
	}
	return msg.MoodDeclarationUnnamed{Kind: string(k)}
}

// roleMessage names a role for a sentence to word in its own locale: the
// catalog's name of a role of the default policy, else the id.
func roleMessage(role string) msg.Message {
	if m, ok := roleDisplay[role]; ok {
		return m
	}
	return msg.MoodRoleUnnamed{Role: role}
}

// The display names of a policy's own ids live in the policy, under
// names: an action's code, an observation kind, a period of the month or
// an event kind of the emotion cycles, mapped to the words its sentences
// and its hosts show for it. The catalogs cannot know the codes a center
// declares; the policy that declares "care_talk" is the one place that
// can say what it is called, and a policy written in Chinese names its
// codes in Chinese beside its Chinese texts. An id the policy does not
// name is written as it is, which keeps every English result as it
// always was.

// usedIDs gives the ids a policy declares that its sentences, results
// and views write: the ids names may give display names to. The crisis
// escalation is one of every policy's actions, whatever the policy
// lists.
func usedIDs(raw *rawPolicy) map[string]bool {
	ids := map[string]bool{CrisisEscalation: true}
	add := func(id string) {
		if id != "" {
			ids[id] = true
		}
	}
	actions := func(list []rawAction) {
		for _, a := range list {
			add(a.Code)
		}
	}
	actions(raw.Tiers.Mild)
	actions(raw.Tiers.Moderate)
	actions(raw.Tiers.Severe)
	actions(raw.Crisis.FollowUp)
	actions(raw.Watch.Actions)
	actions(raw.Climate.Actions)
	for _, s := range raw.Watch.Signals {
		add(s.Kind)
	}
	add(raw.Cycles.Weekdays.Default.Code)
	for _, d := range raw.Cycles.Weekdays.Days {
		add(d.Code)
	}
	for _, pr := range raw.Cycles.Periods {
		add(pr.ID)
		add(pr.Action.Code)
	}
	for _, er := range raw.Cycles.Events {
		add(er.Kind)
		add(er.Action.Code)
	}
	for _, rc := range [...]*rawCause{&raw.Causes.NotValued, &raw.Causes.TooDifficult, &raw.Causes.TooManyTasks,
		&raw.Causes.UnfairComparison, &raw.Causes.Customer, &raw.Causes.Leadership, &raw.Causes.PersonalLife} {
		actions(rc.Actions)
	}
	return ids
}

// compileNames keeps the display names of the policy's ids and reports a
// name given to an id the policy does not use, or one doc.Names refuses (blank, more than one line).
func (p *Policy) compileNames(doc *policyfile.Doc, raw *rawPolicy) {
	p.names = doc.Names(policyfile.Path("names"), raw.Names, usedIDs(raw), func(id string) msg.Message {
		return msg.MoodPolicyNameUnused{Value: id}
	})
}

// DisplayName gives the display name the policy gives one of its ids
// under names ("care_talk", "关怀谈话"): an action's code (the crisis
// escalation's included), an observation kind, or a period or event
// kind of the emotion cycles. An id the policy does not name is returned
// as it is, as its sentences write it; the result is empty on a nil or
// zero Policy.
func (p *Policy) DisplayName(id string) string {
	if p.zero() {
		return ""
	}
	return p.names.Of(id)
}

// metricDisplay gives the display names of the climate metrics, in the
// order of climateMetrics.
var metricDisplay = [...]msg.Message{msg.MoodMetricTeamSize{}, msg.MoodMetricAtRisk{}, msg.MoodMetricAtRiskShare{},
	msg.MoodMetricMissedTargets{}, msg.MoodMetricRecentChanges{}}
