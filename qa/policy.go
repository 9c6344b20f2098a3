package qa

import (
	_ "embed"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync/atomic"
	"time"

	"github.com/callfloor/callfloor"

	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/policyfile"
)

type rawPolicy struct {
	Version     string         `yaml:"version,required"`
	Sources     rawSources     `yaml:"sources"`
	Feedback    rawFeedback    `yaml:"feedback"`
	Calibration rawCalibration `yaml:"calibration"`
	Disputes    rawDisputes    `yaml:"disputes"`
	Trends      rawTrends      `yaml:"trends"`
	Sampling    rawSampling    `yaml:"sampling"`
	Evaluators  rawEvaluators  `yaml:"evaluators"`
	Rotation    rawRotation    `yaml:"rotation"`
	Suggestions rawSuggestions `yaml:"suggestions"`
	Scorecards  []rawScorecard `yaml:"scorecards,required"`
}

type rawSources struct {
	PayRelevant []string `yaml:"pay_relevant"`
}

type rawFeedback struct {
	MinPositive   int      `yaml:"min_positive_per_negative"`
	MaxPositive   int      `yaml:"max_positive_per_negative"`
	PraiseSetting string   `yaml:"praise_setting"`
	LookFor       []string `yaml:"look_for"`
}

type rawCalibration struct {
	Tolerance       float64 `yaml:"tolerance"`
	LeanThreshold   float64 `yaml:"lean_threshold"`
	LeanMinSessions int     `yaml:"lean_min_sessions"`
}

type rawDisputes struct {
	Window   policyfile.Duration `yaml:"window"`
	MaxItems int                 `yaml:"max_items"`
}

type rawTrends struct {
	Bar            float64 `yaml:"bar"`
	MinEvaluations int     `yaml:"min_evaluations"`
	ImproversTop   int     `yaml:"improvers_top"`
	MinGain        float64 `yaml:"min_gain"`
	Care           rawCare `yaml:"care"`
}

type rawCare struct {
	StablePeriods  int     `yaml:"stable_periods"`
	Excellent      float64 `yaml:"excellent"`
	StableSpread   float64 `yaml:"stable_spread"`
	Drop           float64 `yaml:"drop"`
	MinEvaluations int     `yaml:"min_evaluations"`
}

type rawSampling struct {
	Base             int        `yaml:"base"`
	NewHire          rawExtraIn `yaml:"new_hire"`
	LowScore         rawExtraLo `yaml:"low_score"`
	Complaint        rawExtraIn `yaml:"complaint"`
	Max              int        `yaml:"max"`
	MinForPay        int        `yaml:"min_for_pay"`
	MinForDiscipline int        `yaml:"min_for_discipline"`
}

type rawExtraIn struct {
	Within policyfile.Duration `yaml:"within"`
	Extra  int                 `yaml:"extra"`
}

type rawExtraLo struct {
	Below float64 `yaml:"below"`
	Extra int     `yaml:"extra"`
}

type rawEvaluators struct {
	MinFeedbackDelivered float64 `yaml:"min_feedback_delivered"`
	MinTeamScores        int     `yaml:"min_team_scores"`
}

type rawRotation struct {
	AgentEvery     policyfile.Duration `yaml:"agent_every"`
	EvaluatorEvery policyfile.Duration `yaml:"evaluator_every"`
}

type rawSuggestions struct {
	ReviewAt int `yaml:"review_at"`
}

// defaults fills every optional setting with the value a policy gets when
// it leaves the setting out; these are also the values of default.yaml.
func defaults() rawPolicy {
	return rawPolicy{
		Sources: rawSources{PayRelevant: []string{"qa", "lead"}},
		Feedback: rawFeedback{
			MinPositive: 3, MaxPositive: 5, PraiseSetting: callfloor.Group.String(),
			LookFor: []string{
				"this agent's recent evaluations with full marks on an item",
				"customer compliments and thank-you notes",
				"peer recognition and help given to colleagues",
			},
		},
		Calibration: rawCalibration{Tolerance: 5, LeanThreshold: 2, LeanMinSessions: 3},
		Disputes:    rawDisputes{Window: policyfile.Duration(14 * 24 * time.Hour), MaxItems: 3},
		Trends: rawTrends{
			Bar: 80, MinEvaluations: 5, ImproversTop: 3, MinGain: 1,
			Care: rawCare{StablePeriods: 3, Excellent: 95, StableSpread: 5, Drop: 10, MinEvaluations: 3},
		},
		Sampling: rawSampling{
			Base:             4,
			NewHire:          rawExtraIn{Within: policyfile.Duration(90 * 24 * time.Hour), Extra: 4},
			LowScore:         rawExtraLo{Below: 80, Extra: 4},
			Complaint:        rawExtraIn{Within: policyfile.Duration(30 * 24 * time.Hour), Extra: 2},
			Max:              12,
			MinForPay:        8,
			MinForDiscipline: 12,
		},
		Evaluators:  rawEvaluators{MinFeedbackDelivered: 0.9, MinTeamScores: 30},
		Rotation:    rawRotation{AgentEvery: policyfile.Duration(180 * 24 * time.Hour), EvaluatorEvery: policyfile.Duration(365 * 24 * time.Hour)},
		Suggestions: rawSuggestions{ReviewAt: 3},
	}
}

// ErrZeroPolicy is the error of every method with an error result called
// on a nil or zero Policy: such a policy holds no scorecard and no
// setting, and answering as if it did would hide what the host asked.
var ErrZeroPolicy = errors.New("qa: nil or zero Policy; make one with ParsePolicy or DefaultPolicy")

// Policy is a compiled QA policy: its scorecards and the settings of
// feedback, calibration, disputes, trends, sampling, evaluator figures,
// rotation between agents and evaluators, and agents' suggestions.
// A Policy is immutable once ParsePolicy returns it and safe for
// concurrent use by any number of goroutines.
//
// Make a Policy with ParsePolicy or DefaultPolicy. A nil or zero Policy
// (var p *Policy, or &Policy{}) never panics: every method with an error
// result returns ErrZeroPolicy, and every other method returns its zero
// value (no identity, no scorecard, nothing pay-relevant).
type Policy struct {
	id         callfloor.Identity
	scorecards []*Scorecard
	byID       map[string]*Scorecard
	// scorecardIDs lists the scorecards' ids in order, for the errors
	// that name the scorecards allowed.
	scorecardIDs []string
	payRelevant  [numSources]bool
	// sourceReasons says, per source, whether it counts toward pay.
	sourceReasons [numSources]callfloor.Reason

	feedback feedbackSettings
	// correctionsReason and praiseReason are the feedback reasons that
	// read no figure; fbTexts holds the sentences of those that do, made
	// on first use.
	correctionsReason, praiseReason callfloor.Reason
	fbTexts                         atomic.Pointer[feedbackTexts]
	calibration                     calibrationSettings
	disputes                        disputeSettings
	trends                          trendSettings
	sampling                        samplingSettings
	evaluators                      evaluatorSettings
	rotation                        rotationSettings
	suggestions                     suggestionSettings
	// loc is the locale the policy names, in which its sentences are
	// worded.
	loc *msg.Locale
}

type feedbackSettings struct {
	minPositive, maxPositive int
	praise                   callfloor.Setting
	lookFor                  []string
}

type calibrationSettings struct {
	tolerance       float64
	leanThreshold   float64
	leanMinSessions int
}

type disputeSettings struct {
	window   time.Duration
	maxItems int
}

type trendSettings struct {
	bar            float64
	minEvaluations int
	improversTop   int
	minGain        float64
	care           careSettings
}

type careSettings struct {
	stablePeriods  int
	excellent      float64
	stableSpread   float64
	drop           float64
	minEvaluations int
}

type samplingSettings struct {
	base             int
	newHireWithin    time.Duration
	newHireExtra     int
	lowBelow         float64
	lowExtra         int
	complaintWithin  time.Duration
	complaintExtra   int
	max              int
	minForPay        int
	minForDiscipline int
}

type evaluatorSettings struct {
	minFeedbackDelivered float64
	minTeamScores        int
}

type rotationSettings struct {
	agentEvery, evaluatorEvery time.Duration
}

type suggestionSettings struct {
	reviewAt int
}

// ParsePolicy decodes and compiles a QA policy. Unknown fields, missing
// required fields, values of the wrong type and every rule broken (weights
// that do not add up as declared, duplicate ids, a critical item that
// allows N/A, a scale whose min is not below its max, and so on) are
// reported together in one *callfloor.PolicyError, each with its line and column.
func ParsePolicy(src []byte) (*Policy, error) {
	raw := defaults()
	p, err := policyfile.Compile("qa policy", src, &raw, compile)
	if err != nil {
		return nil, err
	}
	p.id = callfloor.Identity(policyfile.IdentityOf(raw.Version, src))
	for _, sc := range p.scorecards {
		sc.policy = p
	}
	return p, nil
}

//go:embed default.yaml
var defaultYAML []byte

var defaultPolicy = policyfile.Default("qa", ParsePolicy, defaultYAML)

// DefaultPolicy returns the policy embedded from default.yaml, written from
// the service standard of a call center: an inbound service scorecard and
// an outbound sales scorecard, feedback at three to five positive remarks
// per negative one, calibration within five points, disputes within 14
// days, an agent's turn in QA every 180 days, and a review of any item
// three agents question.
func DefaultPolicy() *Policy { return defaultPolicy() }

//go:embed default.zh-CN.yaml
var defaultZhYAML []byte

var defaultZhPolicy = policyfile.Default("qa", ParsePolicy, defaultZhYAML)

// DefaultPolicyFor returns the embedded default policy of a locale: "en"
// gives DefaultPolicy, "zh-CN" the Simplified Chinese default of
// default.zh-CN.yaml, the same scorecards, ids and figures with every
// text in Chinese and its results worded in Chinese. Any other locale is
// an error naming those there are. Every call for a locale returns the
// same *Policy.
func DefaultPolicyFor(locale string) (*Policy, error) {
	return policyfile.DefaultFor("qa", locale, DefaultPolicy, defaultZhPolicy)
}

// DefaultPolicySource returns a copy of the YAML source of DefaultPolicy,
// a starting point for a policy of one's own.
func DefaultPolicySource() []byte { return append([]byte(nil), defaultYAML...) }

// ready reports whether p was compiled by ParsePolicy: a compiled policy
// always holds at least one scorecard.
func (p *Policy) ready() bool { return p != nil && len(p.scorecards) > 0 }

// Identity names the policy: its declared version and a hash of its source.
// A nil or zero Policy has the zero Identity.
func (p *Policy) Identity() callfloor.Identity {
	if !p.ready() {
		return callfloor.Identity{}
	}
	return p.id
}

// DisputeWindow is how long after an evaluation its agent may dispute it
// (disputes.window): until then, a finding of the evaluation is not final.
// A nil or zero Policy has none.
func (p *Policy) DisputeWindow() time.Duration {
	if !p.ready() {
		return 0
	}
	return p.disputes.window
}

// Scorecard returns the scorecard with the given id. A nil or zero Policy
// has none.
func (p *Policy) Scorecard(id string) (*Scorecard, bool) {
	if !p.ready() {
		return nil, false
	}
	sc, ok := p.byID[id]
	return sc, ok
}

// Scorecards returns the policy's scorecards in the order it declares them;
// nil for a nil or zero Policy.
func (p *Policy) Scorecards() []*Scorecard {
	if !p.ready() {
		return nil
	}
	return append([]*Scorecard(nil), p.scorecards...)
}

// PayRelevant reports whether evaluations from source count toward
// pay-relevant figures under this policy; false for a nil or zero Policy.
func (p *Policy) PayRelevant(s Source) bool {
	i, ok := sourceIndex(s)
	return ok && p.ready() && p.payRelevant[i]
}

func compile(doc *policyfile.Doc, raw *rawPolicy) *Policy {
	p := &Policy{byID: map[string]*Scorecard{}, loc: doc.Locale()}
	compileSources(doc, raw, p)
	compileSettings(doc, raw, p)

	path := policyfile.Path("scorecards")
	if doc.Has(path) && len(raw.Scorecards) == 0 {
		doc.Report(path, msg.QaPolicyNoScorecard{})
	}
	first := map[string]int{}
	for i := range raw.Scorecards {
		sp := path.Index(i)
		sc := compileScorecard(doc, sp, &raw.Scorecards[i])
		id := raw.Scorecards[i].ID
		if j, dup := first[id]; dup && id != "" {
			line, _ := doc.Place(path.Index(j).Child("id"))
			doc.Report(sp.Child("id"), msg.QaPolicyDuplicateScorecard{Name: quoted(id), Line: line})
			continue
		}
		first[id] = i
		p.scorecards = append(p.scorecards, sc)
		p.byID[id] = sc
		p.scorecardIDs = append(p.scorecardIDs, id)
	}
	return p
}

func compileSources(doc *policyfile.Doc, raw *rawPolicy, p *Policy) {
	path := policyfile.Path("sources").Child("pay_relevant")
	for i, s := range raw.Sources.PayRelevant {
		idx, ok := sourceIndex(Source(s))
		if !ok {
			doc.Report(path.Index(i), msg.QaPolicyUnknownSource{Value: quoted(s), Allowed: names(sources)})
			continue
		}
		if p.payRelevant[idx] {
			doc.Report(path.Index(i), msg.QaPolicySourceTwice{Value: quoted(s)})
			continue
		}
		p.payRelevant[idx] = true
	}
	l := doc.Locale()
	for i, src := range [numSources]Source{QA, Peer, Self, Lead} {
		if p.payRelevant[i] {
			p.sourceReasons[i] = reasonIn(l, "sources.pay_relevant", callfloor.Fired, msg.QaReasonSourcePayRelevant{Source: src.name()})
		} else {
			p.sourceReasons[i] = reasonIn(l, "sources.pay_relevant", callfloor.NotMet, msg.QaReasonSourceNotPayRelevant{Source: src.name()})
		}
	}
}

func positiveInt(doc *policyfile.Doc, path policyfile.Path, v int) {
	if v < 1 {
		doc.Report(path, msg.QaPolicyAtLeastOne{Got: v})
	}
}

func nonNegativeInt(doc *policyfile.Doc, path policyfile.Path, v int) {
	if v < 0 {
		doc.Report(path, msg.QaPolicyNotNegative{Got: v})
	}
}

func scoreRange(doc *policyfile.Doc, path policyfile.Path, v float64) {
	if v < 0 || v > 100 {
		doc.Report(path, msg.QaPolicyBetween0100{Got: fmtNum(v)})
	}
}

func positivePoints(doc *policyfile.Doc, path policyfile.Path, v float64) {
	if v <= 0 || v > 100 {
		doc.Report(path, msg.QaPolicyPoints{Got: fmtNum(v)})
	}
}

func compileSettings(doc *policyfile.Doc, raw *rawPolicy, p *Policy) {
	fb := policyfile.Path("feedback")
	positiveInt(doc, fb.Child("min_positive_per_negative"), raw.Feedback.MinPositive)
	positiveInt(doc, fb.Child("max_positive_per_negative"), raw.Feedback.MaxPositive)
	if raw.Feedback.MaxPositive < raw.Feedback.MinPositive && raw.Feedback.MinPositive >= 1 {
		doc.Report(fb.Child("max_positive_per_negative"), msg.QaPolicyMaxPositive{Min: raw.Feedback.MinPositive, Got: raw.Feedback.MaxPositive})
	}
	var praise callfloor.Setting
	if err := praise.UnmarshalText([]byte(raw.Feedback.PraiseSetting)); err != nil || praise == callfloor.NoSetting {
		doc.Report(fb.Child("praise_setting"), msg.QaPolicyUnknownSetting{Value: quoted(raw.Feedback.PraiseSetting), Group: callfloor.Group.String(), OneToOne: callfloor.OneToOne.String()})
	}
	for i, s := range raw.Feedback.LookFor {
		if strings.TrimSpace(s) == "" {
			doc.Report(fb.Child("look_for").Index(i), msg.QaPolicyNotEmpty{})
		}
	}
	p.feedback = feedbackSettings{
		minPositive: raw.Feedback.MinPositive, maxPositive: raw.Feedback.MaxPositive,
		praise: praise, lookFor: raw.Feedback.LookFor,
	}
	p.correctionsReason = reasonIn(doc.Locale(), "feedback.corrections", callfloor.Fired, msg.QaReasonFeedbackCorrections{})
	p.praiseReason = reasonIn(doc.Locale(), "feedback.praise_setting", callfloor.Fired, msg.QaReasonFeedbackPraiseGroup{})

	cal := policyfile.Path("calibration")
	positivePoints(doc, cal.Child("tolerance"), raw.Calibration.Tolerance)
	positivePoints(doc, cal.Child("lean_threshold"), raw.Calibration.LeanThreshold)
	positiveInt(doc, cal.Child("lean_min_sessions"), raw.Calibration.LeanMinSessions)
	p.calibration = calibrationSettings{raw.Calibration.Tolerance, raw.Calibration.LeanThreshold, raw.Calibration.LeanMinSessions}

	dis := policyfile.Path("disputes")
	if raw.Disputes.Window <= 0 {
		doc.Report(dis.Child("window"), msg.QaPolicyLongerThanZero{})
	}
	positiveInt(doc, dis.Child("max_items"), raw.Disputes.MaxItems)
	p.disputes = disputeSettings{window: raw.Disputes.Window.Std(), maxItems: raw.Disputes.MaxItems}

	tr := policyfile.Path("trends")
	scoreRange(doc, tr.Child("bar"), raw.Trends.Bar)
	positiveInt(doc, tr.Child("min_evaluations"), raw.Trends.MinEvaluations)
	positiveInt(doc, tr.Child("improvers_top"), raw.Trends.ImproversTop)
	if raw.Trends.MinGain < 0 || raw.Trends.MinGain > 100 {
		doc.Report(tr.Child("min_gain"), msg.QaPolicyBetween0100{Got: fmtNum(raw.Trends.MinGain)})
	}
	care := tr.Child("care")
	positiveInt(doc, care.Child("stable_periods"), raw.Trends.Care.StablePeriods)
	scoreRange(doc, care.Child("excellent"), raw.Trends.Care.Excellent)
	if raw.Trends.Care.StableSpread < 0 || raw.Trends.Care.StableSpread > 100 {
		doc.Report(care.Child("stable_spread"), msg.QaPolicyBetween0100{Got: fmtNum(raw.Trends.Care.StableSpread)})
	}
	positivePoints(doc, care.Child("drop"), raw.Trends.Care.Drop)
	positiveInt(doc, care.Child("min_evaluations"), raw.Trends.Care.MinEvaluations)
	p.trends = trendSettings{
		bar: raw.Trends.Bar, minEvaluations: raw.Trends.MinEvaluations,
		improversTop: raw.Trends.ImproversTop, minGain: raw.Trends.MinGain,
		care: careSettings{
			stablePeriods: raw.Trends.Care.StablePeriods, excellent: raw.Trends.Care.Excellent,
			stableSpread: raw.Trends.Care.StableSpread, drop: raw.Trends.Care.Drop,
			minEvaluations: raw.Trends.Care.MinEvaluations,
		},
	}

	sa := policyfile.Path("sampling")
	s := raw.Sampling
	positiveInt(doc, sa.Child("base"), s.Base)
	nonNegativeInt(doc, sa.Child("new_hire").Child("extra"), s.NewHire.Extra)
	nonNegativeInt(doc, sa.Child("low_score").Child("extra"), s.LowScore.Extra)
	nonNegativeInt(doc, sa.Child("complaint").Child("extra"), s.Complaint.Extra)
	scoreRange(doc, sa.Child("low_score").Child("below"), s.LowScore.Below)
	if s.NewHire.Within <= 0 {
		doc.Report(sa.Child("new_hire").Child("within"), msg.QaPolicyLongerThanZero{})
	}
	if s.Complaint.Within <= 0 {
		doc.Report(sa.Child("complaint").Child("within"), msg.QaPolicyLongerThanZero{})
	}
	if s.Max < s.Base {
		doc.Report(sa.Child("max"), msg.QaPolicyMaxBelowBase{Base: s.Base, Got: s.Max})
	}
	positiveInt(doc, sa.Child("min_for_pay"), s.MinForPay)
	positiveInt(doc, sa.Child("min_for_discipline"), s.MinForDiscipline)
	p.sampling = samplingSettings{
		base: s.Base, newHireWithin: s.NewHire.Within.Std(), newHireExtra: s.NewHire.Extra,
		lowBelow: s.LowScore.Below, lowExtra: s.LowScore.Extra,
		complaintWithin: s.Complaint.Within.Std(), complaintExtra: s.Complaint.Extra,
		max: s.Max, minForPay: s.MinForPay, minForDiscipline: s.MinForDiscipline,
	}

	ev := policyfile.Path("evaluators").Child("min_feedback_delivered")
	if raw.Evaluators.MinFeedbackDelivered < 0 || raw.Evaluators.MinFeedbackDelivered > 1 {
		doc.Report(ev, msg.QaPolicyShare{Got: fmtNum(raw.Evaluators.MinFeedbackDelivered)})
	}
	positiveInt(doc, policyfile.Path("evaluators").Child("min_team_scores"), raw.Evaluators.MinTeamScores)
	p.evaluators = evaluatorSettings{minFeedbackDelivered: raw.Evaluators.MinFeedbackDelivered, minTeamScores: raw.Evaluators.MinTeamScores}

	ro := policyfile.Path("rotation")
	if raw.Rotation.AgentEvery <= 0 {
		doc.Report(ro.Child("agent_every"), msg.QaPolicyLongerThanZero{})
	}
	if raw.Rotation.EvaluatorEvery <= 0 {
		doc.Report(ro.Child("evaluator_every"), msg.QaPolicyLongerThanZero{})
	}
	p.rotation = rotationSettings{agentEvery: raw.Rotation.AgentEvery.Std(), evaluatorEvery: raw.Rotation.EvaluatorEvery.Std()}

	positiveInt(doc, policyfile.Path("suggestions").Child("review_at"), raw.Suggestions.ReviewAt)
	p.suggestions = suggestionSettings{reviewAt: raw.Suggestions.ReviewAt}
}

// fmtNum prints a number the way a policy author wrote it: 100, 2.5.
func fmtNum(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return fmt.Sprintf("%d", int64(v))
	}
	return fmt.Sprintf("%g", v)
}
