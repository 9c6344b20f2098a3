package mood

import (
	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
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
func (p *Policy) declarationName(k DeclarationKind) string {
	switch k {
	case DeclarationCrisis:
		return msg.MoodDeclarationCrisis{}.String(p.loc)
	case DeclarationTier:
		return msg.MoodDeclarationTier{}.String(p.loc)
	}
	return string(k)
}
