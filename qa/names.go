package qa

import "github.com/callfloor/callfloor/internal/msg"

// The display names of the enumerations, per locale, from the catalogs'
// qa.enum.* messages. A value's text (its String) is its identifier in
// data and policies and never changes with the locale; DisplayName is
// what a report shows a person.
var (
	sourceNames = map[Source]msg.Message{QA: msg.QaEnumSourceQa{}, Peer: msg.QaEnumSourcePeer{}, Self: msg.QaEnumSourceSelf{}, Lead: msg.QaEnumSourceLead{}}
	levelNames  = map[Level]msg.Message{Nominal: msg.QaEnumLevelNominal{}, Ordinal: msg.QaEnumLevelOrdinal{}, Interval: msg.QaEnumLevelInterval{}, Ratio: msg.QaEnumLevelRatio{}}
	typeNames   = map[ItemType]msg.Message{YesNo: msg.QaEnumItemTypeYesNo{}, Scale: msg.QaEnumItemTypeScale{}}
	scopeNames  = map[Scope]msg.Message{NotCritical: msg.QaEnumScopeNone{}, FailsEvaluation: msg.QaEnumScopeEvaluation{}, FailsSection: msg.QaEnumScopeSection{}}
	statusNames = map[Status]msg.Message{StatusOpen: msg.QaEnumStatusOpen{}, StatusDecided: msg.QaEnumStatusDecided{}, StatusWithdrawn: msg.QaEnumStatusWithdrawn{}}
	eventNames  = map[EventType]msg.Message{EventRaise: msg.QaEnumEventTypeRaise{}, EventDecide: msg.QaEnumEventTypeDecide{}, EventWithdraw: msg.QaEnumEventTypeWithdraw{}}
	decideNames = map[Decision]msg.Message{Pending: msg.QaEnumDecisionPending{}, Upheld: msg.QaEnumDecisionUpheld{}, Overturned: msg.QaEnumDecisionOverturned{}}
	partNames   = map[PartKind]msg.Message{Strength: msg.QaEnumPartKindStrength{}, Correction: msg.QaEnumPartKindCorrection{}}
	useNames    = map[Use]msg.Message{ForPay: msg.QaEnumUsePay{}, ForDiscipline: msg.QaEnumUseDiscipline{}}
	dirNames    = map[Direction]msg.Message{Harsher: msg.QaEnumDirectionHarsher{}, MoreLenient: msg.QaEnumDirectionMoreLenient{}, Balanced: msg.QaEnumDirectionBalanced{}, TooFewSessions: msg.QaEnumDirectionTooFewSessions{}}
	refNames    = map[ReferenceKind]msg.Message{ReferenceExpert: msg.QaEnumReferenceExpert{}, ReferenceMedian: msg.QaEnumReferenceMedian{}}
	roleNames   = map[Role]msg.Message{RoleAgent: msg.QaEnumRoleAgent{}, RoleEvaluator: msg.QaEnumRoleEvaluator{}}
)

// localeOf gives the bundled locale of tag, English for any other.
func localeOf(tag string) *msg.Locale {
	if l, err := msg.Lookup(tag); err == nil {
		return l
	}
	return msg.English()
}

// displayOf gives v's display name in l, or v itself when it is not one
// of the values named.
func displayOf[T ~string](l *msg.Locale, names map[T]msg.Message, v T) string {
	if m, ok := names[v]; ok {
		return m.String(l)
	}
	return string(v)
}

// nameOf gives v's display name as a message, for a sentence that names
// v in its own locale: v itself when it is not one of the values named.
func nameOf[T ~string](names map[T]msg.Message, v T) msg.Message {
	if m, ok := names[v]; ok {
		return m
	}
	return msg.QaNameUnnamed{Value: string(v)}
}

func (s Source) display(l *msg.Locale) string   { return displayOf(l, sourceNames, s) }
func (s Status) display(l *msg.Locale) string   { return displayOf(l, statusNames, s) }
func (d Decision) display(l *msg.Locale) string { return displayOf(l, decideNames, d) }
func (u Use) display(l *msg.Locale) string      { return displayOf(l, useNames, u) }
func (s Scope) display(l *msg.Locale) string    { return displayOf(l, scopeNames, s) }

func (s Source) name() msg.Message   { return nameOf(sourceNames, s) }
func (s Status) name() msg.Message   { return nameOf(statusNames, s) }
func (d Decision) name() msg.Message { return nameOf(decideNames, d) }
func (u Use) name() msg.Message      { return nameOf(useNames, u) }
func (s Scope) name() msg.Message    { return nameOf(scopeNames, s) }

// DisplayName gives the source's name for people in a bundled locale
// ("en", "zh-CN": 组长 for lead); English for any other tag, and the
// value itself when it is not a source.
func (s Source) DisplayName(locale string) string { return s.display(localeOf(locale)) }

// DisplayName gives the level's name for people in a bundled locale.
func (l Level) DisplayName(locale string) string { return displayOf(localeOf(locale), levelNames, l) }

// DisplayName gives the item type's name for people in a bundled locale.
func (t ItemType) DisplayName(locale string) string {
	return displayOf(localeOf(locale), typeNames, t)
}

// DisplayName gives the scope's name for people in a bundled locale;
// NotCritical has one too.
func (s Scope) DisplayName(locale string) string { return s.display(localeOf(locale)) }

// DisplayName gives the status's name for people in a bundled locale.
func (s Status) DisplayName(locale string) string { return s.display(localeOf(locale)) }

// DisplayName gives the event type's name for people in a bundled locale.
func (t EventType) DisplayName(locale string) string {
	return displayOf(localeOf(locale), eventNames, t)
}

// DisplayName gives the decision's name for people in a bundled locale;
// Pending has one too.
func (d Decision) DisplayName(locale string) string { return d.display(localeOf(locale)) }

// DisplayName gives the part kind's name for people in a bundled locale.
func (k PartKind) DisplayName(locale string) string {
	return displayOf(localeOf(locale), partNames, k)
}

// DisplayName gives the use's name for people in a bundled locale.
func (u Use) DisplayName(locale string) string { return u.display(localeOf(locale)) }

// DisplayName gives the direction's name for people in a bundled locale.
func (d Direction) DisplayName(locale string) string {
	return displayOf(localeOf(locale), dirNames, d)
}

// DisplayName gives the reference kind's name for people in a bundled
// locale.
func (k ReferenceKind) DisplayName(locale string) string {
	return displayOf(localeOf(locale), refNames, k)
}

// DisplayName gives the role's name for people in a bundled locale.
func (r Role) DisplayName(locale string) string { return displayOf(localeOf(locale), roleNames, r) }
