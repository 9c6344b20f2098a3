package incentives

import (
	_ "embed"
	"math"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/policyfile"
)

//go:embed default.zh-CN.yaml
var defaultZhYAML []byte

var defaultZhPolicy = policyfile.Default("incentives", ParsePolicy, defaultZhYAML)

// DefaultPolicyFor returns the embedded default policy of a locale: "en"
// gives DefaultPolicy, "zh-CN" the Simplified Chinese default of
// default.zh-CN.yaml, the same rules, ids and figures with every reason
// and title in Chinese, whose statements are worded in Chinese. Any other
// locale is an error naming those there are. Every call for a locale
// returns the same *Policy.
func DefaultPolicyFor(locale string) (*Policy, error) {
	return policyfile.DefaultFor("incentives", locale, DefaultPolicy, defaultZhPolicy)
}

// Locale gives the tag of the locale the policy names ("zh-CN"), in which
// its statements, consequences and findings are worded; "en" when it
// names none, and empty on a nil or zero Policy.
func (p *Policy) Locale() string {
	if p.zero() || p.loc == nil {
		return ""
	}
	return p.loc.Tag()
}

// sentence names the catalog message a line's own reason was written
// from, kept in a rec in one byte; sentenceIDs gives its message id.
type sentence uint8

// The sentences of lines, whose text is written once and found again by
// its span.
const (
	sNone sentence = iota
	sAward
	sTier
	sCompliments
	sComplimentsCapped
	sComplimentsCap
	sPoints
	sImprover
	sImproverHeld
	sBandHeld
	sViolation
	sFine
	sStepZero
	sStepMinor
	sStepSerious
	sGrade
	sGradeQA
	sContestShare
	sContestShareUneven
)

var sentenceIDs = [...]string{
	sNone:               "",
	sAward:              msg.IncentivesReasonAward{}.ID(),
	sTier:               msg.IncentivesReasonTier{}.ID(),
	sCompliments:        msg.IncentivesReasonCompliments{}.ID(),
	sComplimentsCapped:  msg.IncentivesReasonComplimentsCapped{}.ID(),
	sComplimentsCap:     msg.IncentivesReasonComplimentsCap{}.ID(),
	sPoints:             msg.IncentivesReasonPoints{}.ID(),
	sImprover:           msg.IncentivesReasonImprover{}.ID(),
	sImproverHeld:       msg.IncentivesReasonImproverHeld{}.ID(),
	sBandHeld:           msg.IncentivesReasonBandHeld{}.ID(),
	sViolation:          msg.IncentivesReasonViolation{}.ID(),
	sFine:               msg.IncentivesReasonFine{}.ID(),
	sStepZero:           msg.IncentivesReasonStepZeroTolerance{}.ID(),
	sStepMinor:          msg.IncentivesReasonStepMinor{}.ID(),
	sStepSerious:        msg.IncentivesReasonStepSerious{}.ID(),
	sGrade:              msg.IncentivesReasonGrade{}.ID(),
	sGradeQA:            msg.IncentivesReasonGradeQa{}.ID(),
	sContestShare:       msg.IncentivesReasonContestShare{}.ID(),
	sContestShareUneven: msg.IncentivesReasonContestShareUneven{}.ID(),
}

// figuresMark stands for the figures of a reward rule's reason while the
// fixed parts around them are cut out of the rendered message; no policy
// text holds it.
const figuresMark = "\x00figures\x00"

// english reports whether the policy words its sentences in English,
// whose money is written as it always was: "CNY 1234.50".
func (p *Policy) english() bool { return p.loc == nil || p.loc.Tag() == "en" }

// appendMoney writes an amount of minor units in the policy's currency
// and locale: "CNY 1234.50" in English, "¥1,234.50" in a locale whose
// catalog writes yuan its own way when the currency is CNY with two
// digits, and the code before the amount otherwise.
func (p *Policy) appendMoney(dst []byte, v int64) []byte {
	if !p.english() && p.currency == "CNY" && p.digits == 2 && v != math.MinInt64 {
		return p.loc.AppendMoney(dst, v)
	}
	return appendMoney(dst, v, p.currency, p.digits)
}

// appendFigure is the package's appendFigure in the policy's locale: a
// figure not measured is written in its words.
func (p *Policy) appendFigure(dst []byte, v float64, thresholds []float64) []byte {
	if math.IsNaN(v) && !p.english() {
		return msg.IncentivesFigureNotMeasured{}.Append(dst, p.loc)
	}
	return appendFigure(dst, v, thresholds)
}

// args holds the figures and money of one sentence, written before the
// sentence: each is a span of buf, handed to the message as a string.
// The strings are short and do not outlive the sentence, so the
// conversion stays on the stack.
type args struct {
	buf []byte
	at  int
}

func (a *args) reset() { a.buf, a.at = a.buf[:0], 0 }

// take returns what was written since the last take.
func (a *args) take() string {
	s := string(a.buf[a.at:])
	a.at = len(a.buf)
	return s
}

// money writes an amount and returns it.
func (b *builder) moneyArg(v int64) string {
	b.args.buf = b.p.appendMoney(b.args.buf, v)
	return b.args.take()
}

// figureArg writes a figure as appendFigure does and returns it.
func (b *builder) figureArg(v float64, thresholds []float64) string {
	b.args.buf = b.p.appendFigure(b.args.buf, v, thresholds)
	return b.args.take()
}

// numArg writes a figure as appendNum does and returns it.
func (b *builder) numArg(v float64) string { return b.figureArg(v, nil) }

// DisplayName gives the kind's name for people in a locale ("award",
// "奖励"); the kind itself for an unknown locale or kind.
func (k LineKind) DisplayName(locale string) string {
	l, err := msg.Lookup(locale)
	if err != nil {
		return string(k)
	}
	switch k {
	case KindAward:
		return msg.IncentivesNameLineAward{}.String(l)
	case KindPenalty:
		return msg.IncentivesNameLinePenalty{}.String(l)
	case KindHold:
		return msg.IncentivesNameLineHold{}.String(l)
	case KindGrade:
		return msg.IncentivesNameLineGrade{}.String(l)
	}
	return string(k)
}

// DisplayName gives the step's name for people in a locale ("final
// warning", "最后警告"); the step itself for an unknown locale or step.
func (s Step) DisplayName(locale string) string {
	l, err := msg.Lookup(locale)
	if err != nil {
		return string(s)
	}
	switch s {
	case VerbalWarning:
		return msg.IncentivesNameStepVerbalWarning{}.String(l)
	case WrittenWarning:
		return msg.IncentivesNameStepWrittenWarning{}.String(l)
	case FinalWarning:
		return msg.IncentivesNameStepFinalWarning{}.String(l)
	case Dismissal:
		return msg.IncentivesNameStepDismissal{}.String(l)
	}
	return string(s)
}

// DisplayName gives the severity's name for people in a locale ("zero
// tolerance", "零容忍"); the severity itself for an unknown locale or
// severity.
func (s Severity) DisplayName(locale string) string {
	l, err := msg.Lookup(locale)
	if err != nil {
		return string(s)
	}
	switch s {
	case Minor:
		return msg.IncentivesNameSeverityMinor{}.String(l)
	case Serious:
		return msg.IncentivesNameSeveritySerious{}.String(l)
	case ZeroTolerance:
		return msg.IncentivesNameSeverityZeroTolerance{}.String(l)
	}
	return string(s)
}

// DisplayName gives the kind's name for people in a locale ("notice",
// "提醒"); the kind itself for an unknown locale or kind.
func (k ItemKind) DisplayName(locale string) string {
	l, err := msg.Lookup(locale)
	if err != nil {
		return string(k)
	}
	switch k {
	case ItemPenalty:
		return msg.IncentivesNameItemPenalty{}.String(l)
	case ItemHold:
		return msg.IncentivesNameItemHold{}.String(l)
	case ItemNotice:
		return msg.IncentivesNameItemNotice{}.String(l)
	}
	return string(k)
}

// DisplayName gives the kind's name for people in a locale ("badge",
// "徽章"); the kind itself for an unknown locale or kind.
func (k RecognitionKind) DisplayName(locale string) string {
	l, err := msg.Lookup(locale)
	if err != nil {
		return string(k)
	}
	switch k {
	case RecognizeTitle:
		return msg.IncentivesNameRecognitionTitle{}.String(l)
	case RecognizeBadge:
		return msg.IncentivesNameRecognitionBadge{}.String(l)
	case RecognizeImprover:
		return msg.IncentivesNameRecognitionImprover{}.String(l)
	case RecognizeCompliments:
		return msg.IncentivesNameRecognitionCompliments{}.String(l)
	case RecognizeContest:
		return msg.IncentivesNameRecognitionContest{}.String(l)
	}
	return string(k)
}

// DisplayName gives the cadence's name for people in a locale ("monthly",
// "每月"); the cadence itself for an unknown locale or cadence.
func (c Cadence) DisplayName(locale string) string {
	l, err := msg.Lookup(locale)
	if err != nil {
		return string(c)
	}
	switch c {
	case Weekly:
		return msg.IncentivesNameCadenceWeekly{}.String(l)
	case Monthly:
		return msg.IncentivesNameCadenceMonthly{}.String(l)
	}
	return string(c)
}

// DisplayName gives the direction's name for people in a locale ("higher
// is better", "越高越好"); the direction itself for an unknown locale or
// direction.
func (d Direction) DisplayName(locale string) string {
	l, err := msg.Lookup(locale)
	if err != nil {
		return string(d)
	}
	switch d {
	case Higher:
		return msg.IncentivesNameDirectionHigher{}.String(l)
	case Lower:
		return msg.IncentivesNameDirectionLower{}.String(l)
	}
	return string(d)
}

// BadgeDisplayName gives the name for people of a badge id in a locale:
// the catalogs name the badges of the default policies ("full_attendance"
// is "Full Attendance", "全勤"); any other badge, or an unknown locale,
// gives the id itself.
func BadgeDisplayName(locale, badge string) string {
	l, err := msg.Lookup(locale)
	if err != nil {
		return badge
	}
	switch badge {
	case "full_attendance":
		return msg.IncentivesNameBadgeFullAttendance{}.String(l)
	case "suggestion_adopted":
		return msg.IncentivesNameBadgeSuggestionAdopted{}.String(l)
	}
	return badge
}

// careHold is the reason of the wellbeing guardrail, the same for every
// agent: "wellbeing hold: care comes before discipline and contest
// placings".
func (p *Policy) careHold() callfloor.Reason {
	return callfloor.Reason{Rule: ruleCare, Outcome: callfloor.Held, Text: p.careHoldText, Message: msg.IncentivesHoldCare{}.ID()}
}
