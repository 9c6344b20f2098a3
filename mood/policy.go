package mood

import (
	_ "embed"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
	"github.com/callfloor/callfloor/internal/policyfile"
)

// CrisisCeiling is the longest a policy may let a crisis escalation wait.
// A PHQ-9 item 9 above zero calls for a risk assessment in the same
// session; within the hour is the latest that still reaches the agent in
// the shift where the answer was given. The default policy uses the
// ceiling; a policy may shorten it, never lengthen it, and cannot remove
// the escalation.
const CrisisCeiling = time.Hour

// CrisisEscalation is the code of the action Triage always adds for a
// crisis, owned by the policy's crisis owner.
const CrisisEscalation = "crisis_escalation"

// MinPHQ9ValidFor is the shortest validity window a policy may give the
// PHQ-9: the two weeks its questions cover. A crisis answer stays in
// force for that window unless the crisis owner closes it, so a shorter
// window would let it lapse before anyone acted on it, which would switch
// the crisis rule off.
const MinPHQ9ValidFor = 14 * 24 * time.Hour

// MinWHO5ValidFor is the shortest validity window a policy may give the
// WHO-5 while it watches WHO-5 items answered 0 or 1 (watch.who5_low_item,
// on unless the policy sets it to false): the two weeks the questionnaire
// covers. Triage ignores a stale screening, so a shorter window would let
// the follow-up the manual asks for lapse unseen.
const MinWHO5ValidFor = 14 * 24 * time.Hour

type rawPolicy struct {
	Version     string         `yaml:"version,required"`
	Roles       rawRoles       `yaml:"roles,required"`
	Instruments rawInstruments `yaml:"instruments,required"`
	Tiers       rawTierActions `yaml:"tiers,required"`
	Crisis      rawCrisis      `yaml:"crisis,required"`
	Watch       rawWatch       `yaml:"watch,required"`
	Cycles      rawCycles      `yaml:"cycles,required"`
	Causes      rawCauses      `yaml:"causes,required"`
	Techniques  []rawTechnique `yaml:"techniques,required"`
	Climate     rawClimate     `yaml:"climate,required"`
	Practices   []rawPractice  `yaml:"practices"`
	// Declarations is optional: left out, each kind keeps the default
	// compileDeclarations gives it.
	Declarations *rawDeclarations `yaml:"declarations"`
	// Names gives display names to the policy's own ids (names.go).
	Names map[string]string `yaml:"names"`
}

type rawRoles struct {
	Lead         string   `yaml:"lead,required"`
	Confidential []string `yaml:"confidential,required"`
	Others       []string `yaml:"others"`
}

type rawInstruments struct {
	PHQ9 rawInstrument `yaml:"phq9,required"`
	GAD7 rawInstrument `yaml:"gad7,required"`
	WHO5 rawInstrument `yaml:"who5,required"`
	K10  rawInstrument `yaml:"k10,required"`
	CBI  rawInstrument `yaml:"cbi,required"`
}

type rawInstrument struct {
	ValidFor  policyfile.Duration `yaml:"valid_for,required"`
	Subscales []string            `yaml:"subscales"`
	Bands     []rawBand           `yaml:"bands,required"`
}

type rawBand struct {
	Name string  `yaml:"name,required,id"`
	Min  float64 `yaml:"min,required"`
	Max  float64 `yaml:"max,required"`
	Tier string  `yaml:"tier,required"`
}

type rawTierActions struct {
	Mild     []rawAction `yaml:"mild,required"`
	Moderate []rawAction `yaml:"moderate,required"`
	Severe   []rawAction `yaml:"severe,required"`
}

type rawAction struct {
	Code    string              `yaml:"code,required"`
	Owner   string              `yaml:"owner,required"`
	Within  policyfile.Duration `yaml:"within,required"`
	Setting string              `yaml:"setting,required"`
	Text    string              `yaml:"text"`
}

type rawCrisis struct {
	Owner    string              `yaml:"owner,required"`
	Within   policyfile.Duration `yaml:"within,required"`
	Text     string              `yaml:"text"`
	FollowUp []rawAction         `yaml:"follow_up"`
}

type rawWatch struct {
	Window      policyfile.Duration `yaml:"window,required"`
	Signals     []rawSignal         `yaml:"signals,required"`
	CheckIns    rawCheckInWatch     `yaml:"check_ins,required"`
	WHO5LowItem bool                `yaml:"who5_low_item"`
	Actions     []rawAction         `yaml:"actions,required"`
}

type rawSignal struct {
	Kind  string `yaml:"kind,required"`
	Count int    `yaml:"count,required"`
	Text  string `yaml:"text"`
}

type rawCheckInWatch struct {
	AtMost int `yaml:"at_most,required"`
	Count  int `yaml:"count,required"`
}

// ErrZeroPolicy is returned by every method of a nil or zero *Policy
// that returns an error.
var ErrZeroPolicy = errors.New("mood: nil or zero Policy; make one with ParsePolicy or DefaultPolicy")

// Policy is a compiled mood policy: instrument bands and their tiers,
// triage actions, watch signals, emotion-cycle rules, cause guidance,
// self-regulation techniques and team-climate alarms. A Policy is
// immutable once ParsePolicy returns it and safe for concurrent use by
// any number of goroutines; its methods only read it.
//
// Make one with ParsePolicy or DefaultPolicy. A nil *Policy, or a zero
// Policy{} (which has no rules at all, not even the crisis rule), is
// never mistaken for a policy: its methods do not panic; those that
// return an error return ErrZeroPolicy and nothing else, so that a
// crisis is never triaged away by a policy that was never loaded; those
// without an error return their zero value, as each one's documentation
// says.
type Policy struct {
	id           callfloor.Identity
	triageReach  time.Duration // the longest delay of an action Triage may add
	lead         string
	confidential []string
	roles        map[string]bool
	instruments  [5]instPolicy
	tierActions  [4][]actionRule
	crisis       crisisRule
	watch        watchRule
	cycles       cycleRules
	causes       causeRules
	techniques   []Technique
	climate      climateRules
	practices    []Practice
	declarations declarationRules
	// loc is the locale the policy names, in which its sentences are
	// worded.
	loc *msg.Locale
	// tierNames are the tiers' display names in loc, by tier.
	tierNames [4]string
	// roleNames are the display names in loc of the policy's roles, and
	// bandNames those of the bands that have one.
	roleNames, bandNames map[string]string
	// names are the display names the policy gives its own ids (names.go).
	names policyfile.Names
}

type band struct {
	name string
	min  float64
	max  float64
	tier Tier
	rule string // the band's place in the policy, as in "instruments.phq9.bands[2]"
	// display is the band's name in the policy's locale, as its reasons
	// write it ("moderate", "中度").
	display string
}

type instPolicy struct {
	validFor  time.Duration
	staleRule string // "instruments.<inst>.valid_for", the rule a stale screening falls foul of
	bands     []band
	subscales []int // CBI only: 0 personal, 1 work, 2 client
}

type actionRule struct {
	code string
	// name is the display name the policy gives code, empty when it
	// gives none.
	name    string
	owner   string
	within  time.Duration
	setting callfloor.Setting
	text    string
}

// reach is the longest delay of rules: deadlines fall at most that long
// after the time they count from.
func reach(rules []actionRule) time.Duration {
	var d time.Duration
	for _, r := range rules {
		d = max(d, r.within)
	}
	return d
}

func (r actionRule) at(t time.Time, rule string) Action {
	return Action{Code: r.code, Name: r.name, Owner: r.owner, Deadline: t.Add(r.within), Setting: r.setting, Rule: rule, Text: r.text}
}

type crisisRule struct {
	owner    string
	within   time.Duration
	text     string
	followUp []actionRule
}

type signalRule struct {
	rule  string // the signal's place in the policy, "watch.signals.<kind>"
	kind  string
	count int
	text  string
}

type watchRule struct {
	window        time.Duration
	signals       []signalRule
	checkInAtMost int
	checkInCount  int
	who5LowItem   bool // a used WHO-5 with an item answered 0 or 1 raises the watch
	actions       []actionRule
}

// ParsePolicy decodes and compiles a mood policy. It reports every problem
// it finds, each with its field path, line and column, as one
// *callfloor.PolicyError.
func ParsePolicy(src []byte) (*Policy, error) {
	var raw rawPolicy
	p, err := policyfile.Compile("mood policy", src, &raw, compile)
	if err != nil {
		return nil, err
	}
	p.id = callfloor.Identity(policyfile.IdentityOf(raw.Version, src))
	return p, nil
}

//go:embed default.yaml
var defaultYAML []byte

var defaultPolicy = policyfile.Default("mood", ParsePolicy, defaultYAML)

// DefaultPolicy returns the policy embedded from default.yaml, written from
// call-center practice (observing, encouraging and guiding emotion;
// severity-tiered psychological management). Every call returns the same *Policy.
func DefaultPolicy() *Policy { return defaultPolicy() }

//go:embed default.zh-CN.yaml
var defaultZhYAML []byte

var defaultZhPolicy = policyfile.Default("mood", ParsePolicy, defaultZhYAML)

// DefaultPolicyFor returns the embedded default policy of a locale: "en"
// gives DefaultPolicy, "zh-CN" the Simplified Chinese default of
// default.zh-CN.yaml, the same rules and figures with every text in
// Chinese. Any other locale is an error naming those there are. Every
// call for a locale returns the same *Policy.
func DefaultPolicyFor(locale string) (*Policy, error) {
	return policyfile.DefaultFor("mood", locale, DefaultPolicy, defaultZhPolicy)
}

// Locale gives the tag of the locale the policy names ("zh-CN"), in
// which its results, input errors and problems are worded; "en" when it
// names none, and empty for a nil Policy or one ParsePolicy did not make.
func (p *Policy) Locale() string {
	if p == nil || p.loc == nil {
		return ""
	}
	return p.loc.Tag()
}

// DefaultPolicySource returns a copy of the YAML source of DefaultPolicy,
// a starting point for a host's own policy.
func DefaultPolicySource() []byte { return append([]byte(nil), defaultYAML...) }

// zero reports whether p is nil or a Policy{} that ParsePolicy did not
// make: every compiled policy has a hash.
func (p *Policy) zero() bool { return p == nil || p.id.Hash == "" }

// Identity names the policy: its declared version and a hash of its source.
// It is the zero Identity for a nil or zero Policy.
func (p *Policy) Identity() callfloor.Identity {
	if p.zero() {
		return callfloor.Identity{}
	}
	return p.id
}

// Audience is who looks at a triage result; see Policy.View and
// Policy.ViewFor.
type Audience int

// The audiences of a triage result.
const (
	// AudienceNone sees no health data: through View, only that a result
	// exists; through ViewFor, a declared role also sees the actions it
	// owes, as the lead does.
	AudienceNone Audience = iota
	// AudienceAgent is the agent the result is about.
	AudienceAgent
	// AudienceLead is the agent's team lead: only the actions the lead
	// owes and their deadlines.
	AudienceLead
	// AudienceCare is a confidential role of the policy (a counselor, HR):
	// the whole result.
	AudienceCare
)

var audienceNames = [...]string{"none", "agent", "lead", "care"}

// String gives "none", "agent", "lead" or "care".
func (a Audience) String() string {
	if a >= AudienceNone && a <= AudienceCare {
		return audienceNames[a]
	}
	return fmt.Sprintf("Audience(%d)", int(a))
}

// MarshalText gives the audience's name.
func (a Audience) MarshalText() ([]byte, error) {
	if a < AudienceNone || a > AudienceCare {
		return nil, fmt.Errorf("mood: audience %d is not one of none, agent, lead, care", int(a))
	}
	return []byte(audienceNames[a]), nil
}

// UnmarshalText reads an audience's name and refuses any other text, so
// that a stored View reads back as it was written.
func (a *Audience) UnmarshalText(b []byte) error {
	for i, n := range audienceNames {
		if n == string(b) {
			*a = Audience(i)
			return nil
		}
	}
	return msgerr.NotSupported(nil, "", msg.EnumMoodAudience{}, string(b), audienceNames[:])
}

// AudienceOf says what a role named in the policy may see of another
// person's triage: the policy's lead role gets AudienceLead, its
// confidential roles AudienceCare, every other role AudienceNone. The agent
// the result is about is AudienceAgent whatever their role; the host knows
// who is looking. A nil or zero Policy gives AudienceNone.
func (p *Policy) AudienceOf(role string) Audience {
	if p.zero() {
		return AudienceNone
	}
	for _, r := range p.confidential {
		if r == role {
			return AudienceCare
		}
	}
	if role == p.lead {
		return AudienceLead
	}
	return AudienceNone
}

// LeadRole is the role the policy names as the team lead; "" for a nil or
// zero Policy.
func (p *Policy) LeadRole() string {
	if p.zero() {
		return ""
	}
	return p.lead
}

// CrisisOwner is the role that receives every crisis escalation; "" for a
// nil or zero Policy, which has no crisis owner.
func (p *Policy) CrisisOwner() string {
	if p.zero() {
		return ""
	}
	return p.crisis.owner
}

// ValidFor is how long a screening of inst stays usable for triage, and
// how long a crisis answer on it stays in force unless closed; false for
// an unknown instrument, and (0, false) for a nil or zero Policy.
func (p *Policy) ValidFor(inst Instrument) (time.Duration, bool) {
	i, ok := instIndex(inst)
	if !ok || p.zero() {
		return 0, false
	}
	return p.instruments[i].validFor, true
}

func instIndex(inst Instrument) (int, bool) {
	switch inst {
	case PHQ9:
		return 0, true
	case GAD7:
		return 1, true
	case WHO5:
		return 2, true
	case K10:
		return 3, true
	case CBI:
		return 4, true
	}
	return 0, false
}

var subscaleNames = [...]string{"personal", "work", "client"}

// TierOf maps a screening onto a tier through the policy's bands for its
// instrument: the total for PHQ-9, GAD-7 and K10, the percentage for
// WHO-5, and for the CBI the worst tier over the subscales the policy
// names. It does not validate the screening (Triage does); a screening of
// an unknown instrument, or a CBI without its scores, gets Normal. So does
// every screening for a nil or zero Policy, which has no bands: use
// Triage, which refuses such a policy, to decide anything.
func (p *Policy) TierOf(s Screening) Tier {
	if p.zero() {
		return Normal
	}
	t, _ := p.tierOf(&s)
	return t
}

// tierOf returns the tier and the band that decided it.
func (p *Policy) tierOf(s *Screening) (Tier, *band) {
	i, ok := instIndex(s.Instrument)
	if !ok {
		return Normal, nil
	}
	ip := &p.instruments[i]
	if s.Instrument == CBI {
		if s.Burnout == nil {
			return Normal, nil
		}
		scores := [3]float64{s.Burnout.Personal, s.Burnout.Work, s.Burnout.Client}
		var worst *band
		for _, sub := range ip.subscales {
			b := ip.halfOpen(scores[sub])
			if b != nil && (worst == nil || b.tier > worst.tier) {
				worst = b
			}
		}
		if worst == nil {
			return Normal, nil
		}
		return worst.tier, worst
	}
	v := float64(s.Total)
	if s.Instrument == WHO5 {
		v *= 4
	}
	for j := range ip.bands {
		b := &ip.bands[j]
		if v >= b.min && v <= b.max {
			return b.tier, b
		}
	}
	return Normal, nil
}

// halfOpen finds the CBI band holding v: min <= v < max, the last band
// also holding its max.
func (ip *instPolicy) halfOpen(v float64) *band {
	n := len(ip.bands)
	for j := range ip.bands {
		b := &ip.bands[j]
		if v >= b.min && (v < b.max || (j == n-1 && v == b.max)) {
			return b
		}
	}
	return nil
}

type compiler struct {
	doc   *policyfile.Doc
	roles map[string]bool
	// names are the display names the policy gives its ids, read first
	// so that every action compiled carries its code's.
	names policyfile.Names
}

func compile(doc *policyfile.Doc, raw *rawPolicy) *Policy {
	c := &compiler{doc: doc, roles: map[string]bool{}}
	p := &Policy{loc: doc.Locale()}
	p.compileNames(doc, raw)
	c.names = p.names
	for t := range p.tierNames {
		p.tierNames[t] = tierDisplay[t].String(p.loc)
	}
	p.bandNames = make(map[string]string, len(bandDisplay))
	for name, m := range bandDisplay {
		p.bandNames[name] = m.String(p.loc)
	}
	c.compileRoles(p, &raw.Roles)
	p.roles = c.roles
	p.roleNames = make(map[string]string, len(c.roles))
	for r := range c.roles {
		p.roleNames[r] = display(p.loc, roleDisplay, r, r)
	}

	root := policyfile.Path("instruments")
	insts := [5]struct {
		raw  *rawInstrument
		name string
	}{{&raw.Instruments.PHQ9, "phq9"}, {&raw.Instruments.GAD7, "gad7"}, {&raw.Instruments.WHO5, "who5"}, {&raw.Instruments.K10, "k10"}, {&raw.Instruments.CBI, "cbi"}}
	for i, in := range insts {
		p.instruments[i] = c.compileInstrument(root.Child(in.name), Instrument(in.name), in.raw)
	}

	tp := policyfile.Path("tiers")
	p.tierActions[Mild] = c.actions(tp.Child("mild"), raw.Tiers.Mild, true)
	p.tierActions[Moderate] = c.actions(tp.Child("moderate"), raw.Tiers.Moderate, true)
	p.tierActions[Severe] = c.actions(tp.Child("severe"), raw.Tiers.Severe, true)

	p.crisis = c.compileCrisis(&raw.Crisis)
	p.watch = c.compileWatch(&raw.Watch)
	p.declarations = c.compileDeclarations(p, raw.Declarations)
	p.triageReach = p.crisis.within
	for _, rules := range [][]actionRule{p.crisis.followUp, p.tierActions[Mild], p.tierActions[Moderate], p.tierActions[Severe], p.watch.actions} {
		p.triageReach = max(p.triageReach, reach(rules))
	}
	if vp := root.Child("who5").Child("valid_for"); p.watch.who5LowItem && c.doc.Has(vp) {
		if d := p.instruments[2].validFor; d > 0 && d < MinWHO5ValidFor {
			c.doc.Report(vp, msg.MoodPolicyWho5ValidFor{ValidFor: c.days(d), Min: c.days(MinWHO5ValidFor)})
		}
	}
	p.techniques = c.compileTechniques(raw.Techniques)
	p.cycles = c.compileCycles(&raw.Cycles)
	p.causes = c.compileCauses(&raw.Causes, p.techniques)
	p.climate = c.compileClimate(&raw.Climate)
	p.practices = c.compilePractices(raw.Practices)
	return p
}

func (c *compiler) compileRoles(p *Policy, r *rawRoles) {
	path := policyfile.Path("roles")
	add := func(at policyfile.Path, name string) {
		if !c.doc.IDAs(at, msg.MoodWhatRole{}, name) {
			return
		}
		if c.roles[name] {
			c.doc.Report(at, msg.MoodPolicyRoleTwice{Role: strconv.Quote(name)})
			return
		}
		c.roles[name] = true
	}
	p.lead = r.Lead
	if c.doc.Has(path.Child("lead")) {
		add(path.Child("lead"), r.Lead)
	}
	if c.doc.Has(path.Child("confidential")) && len(r.Confidential) == 0 {
		c.doc.Report(path.Child("confidential"), msg.MoodPolicyNoConfidential{})
	}
	for i, name := range r.Confidential {
		add(path.Child("confidential").Index(i), name)
	}
	p.confidential = append([]string(nil), r.Confidential...)
	for i, name := range r.Others {
		add(path.Child("others").Index(i), name)
	}
}

// scale is the range a policy's bands must cover for an instrument.
func scaleOf(inst Instrument) (lo, hi float64, integer bool) {
	switch inst {
	case PHQ9:
		return 0, 27, true
	case GAD7:
		return 0, 21, true
	case WHO5:
		return 0, 100, true
	case K10:
		return 10, 50, true
	}
	return 0, 100, false
}

func (c *compiler) compileInstrument(path policyfile.Path, inst Instrument, r *rawInstrument) instPolicy {
	ip := instPolicy{validFor: r.ValidFor.Std(), staleRule: string(path.Child("valid_for"))}
	switch {
	case !c.doc.Has(path.Child("valid_for")):
	case ip.validFor <= 0:
		c.doc.Report(path.Child("valid_for"), msg.MoodPolicyLongerThanZero{})
	case inst == PHQ9 && ip.validFor < MinPHQ9ValidFor:
		c.doc.Report(path.Child("valid_for"), msg.MoodPolicyPhq9ValidFor{ValidFor: c.days(ip.validFor), Min: c.days(MinPHQ9ValidFor)})
	}
	lo, hi, integer := scaleOf(inst)
	if inst == CBI {
		seen := map[int]bool{}
		for i, s := range r.Subscales {
			at := path.Child("subscales").Index(i)
			k := -1
			for j, n := range subscaleNames {
				if n == s {
					k = j
				}
			}
			switch {
			case k < 0:
				c.doc.Report(at, msg.MoodPolicyUnknownSubscale{Value: strconv.Quote(s), Allowed: subscaleNames[:]})
			case seen[k]:
				c.doc.Report(at, msg.MoodPolicySubscaleTwice{Value: strconv.Quote(s)})
			default:
				seen[k] = true
				ip.subscales = append(ip.subscales, k)
			}
		}
		if c.doc.Has(path) && len(r.Subscales) == 0 {
			c.doc.Report(path.Child("subscales"), msg.MoodPolicyNoSubscale{Allowed: subscaleNames[:]})
		}
	} else if len(r.Subscales) > 0 {
		c.doc.Report(path.Child("subscales"), msg.MoodPolicySubscalesCbiOnly{})
	}
	bp := path.Child("bands")
	if c.doc.Has(bp) && len(r.Bands) == 0 {
		c.doc.Report(bp, msg.MoodPolicyNoBand{})
	}
	names := map[string]int{}
	for i, rb := range r.Bands {
		at := bp.Index(i)
		b := band{name: rb.Name, min: rb.Min, max: rb.Max, rule: string(at)}
		if rb.Name == "" {
			c.doc.Report(at.Child("name"), msg.MoodPolicyNotEmpty{})
		} else if j, dup := names[rb.Name]; dup {
			c.doc.Report(at.Child("name"), msg.MoodPolicyBandTwice{Name: strconv.Quote(rb.Name), Index: j})
		} else {
			names[rb.Name] = i
		}
		if t, ok := parseTier(rb.Tier); ok {
			b.tier = t
		} else if c.doc.Has(at.Child("tier")) {
			c.doc.Report(at.Child("tier"), msg.MoodPolicyUnknownTier{Value: strconv.Quote(rb.Tier), Allowed: tierNames[:]})
		}
		b.display = display(c.doc.Locale(), bandDisplay, rb.Name, rb.Name)
		if integer {
			if rb.Min != math.Trunc(rb.Min) {
				c.doc.Report(at.Child("min"), msg.MoodPolicyWholeNumber{Instrument: inst.Name()})
			}
			if rb.Max != math.Trunc(rb.Max) {
				c.doc.Report(at.Child("max"), msg.MoodPolicyWholeNumber{Instrument: inst.Name()})
			}
		}
		if rb.Min > rb.Max || (!integer && rb.Min == rb.Max) {
			c.doc.Report(at.Child("max"), msg.MoodPolicyMaxNotAboveMin{Max: num(rb.Max), Min: num(rb.Min)})
		}
		ip.bands = append(ip.bands, b)
	}
	c.checkCoverage(bp, inst, ip.bands, lo, hi, integer)
	return ip
}

// checkCoverage reports bands that overlap, leave gaps or fall short of
// the instrument's scale. Integer bands are inclusive: the next band starts
// at max+1. CBI bands are half-open, min <= score < max, the last one
// including 100: the next band starts at max.
func (c *compiler) checkCoverage(bp policyfile.Path, inst Instrument, bands []band, lo, hi float64, integer bool) {
	if len(bands) == 0 {
		return
	}
	step := 1.0
	if !integer {
		step = 0
	}
	if bands[0].min != lo {
		c.doc.Report(bp.Index(0).Child("min"), msg.MoodPolicyFirstBand{Got: num(bands[0].min), Scale: c.scaleName(inst), Want: num(lo)})
	}
	for i := 1; i < len(bands); i++ {
		prev, b := bands[i-1], bands[i]
		want := prev.max + step
		switch {
		case b.min < want:
			c.doc.Report(bp.Index(i).Child("min"), msg.MoodPolicyBandOverlap{Min: num(b.min), Prev: i - 1, PrevName: strconv.Quote(prev.name), PrevMax: num(prev.max), Want: num(want)})
		case b.min > want:
			if integer && b.min-1 == want {
				c.doc.Report(bp.Index(i).Child("min"), msg.MoodPolicyBandGapOne{Min: num(b.min), Prev: i - 1, PrevName: strconv.Quote(prev.name), PrevMax: num(prev.max), Want: num(want)})
			} else if integer {
				c.doc.Report(bp.Index(i).Child("min"), msg.MoodPolicyBandGapRange{Min: num(b.min), Prev: i - 1, PrevName: strconv.Quote(prev.name), PrevMax: num(prev.max), From: num(want), To: num(b.min - 1)})
			} else {
				c.doc.Report(bp.Index(i).Child("min"), msg.MoodPolicyBandGap{Min: num(b.min), Prev: i - 1, PrevName: strconv.Quote(prev.name), PrevMax: num(prev.max), Want: num(want)})
			}
		}
	}
	last := bands[len(bands)-1]
	if last.max != hi {
		c.doc.Report(bp.Index(len(bands)-1).Child("max"), msg.MoodPolicyLastBand{Got: num(last.max), Scale: c.scaleName(inst), Want: num(hi)})
	}
}

// scaleName names the scale an instrument's bands cover, in the policy's
// locale ("PHQ-9 total", "WHO-5 percentage").
func (c *compiler) scaleName(inst Instrument) string {
	switch inst {
	case WHO5:
		return msg.MoodScaleWho5{}.String(c.doc.Locale())
	case CBI:
		return msg.MoodScaleCbi{}.String(c.doc.Locale())
	}
	return msg.MoodScaleTotal{Instrument: inst.Name()}.String(c.doc.Locale())
}

// days words a span for a problem: as days() does in English ("14 days",
// "36h"), in the policy's locale otherwise ("14天").
func (c *compiler) days(d time.Duration) string {
	if l := c.doc.Locale(); l != msg.English() {
		return string(l.AppendDuration(nil, d))
	}
	return days(d)
}

// shortDur words a span for a problem: as shortDur does in English ("1h",
// "90m" as "1h30m"), in the policy's locale otherwise ("1小时").
func (c *compiler) shortDur(d time.Duration) string {
	if l := c.doc.Locale(); l != msg.English() {
		return string(l.AppendDuration(nil, d))
	}
	return shortDur(d)
}

// shortDur prints a duration without trailing zero units: "4h", "1h30m".
func shortDur(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

func num(f float64) string { return fmt.Sprint(f) }

// actions compiles a list of actions; required says the list may not be
// empty.
func (c *compiler) actions(path policyfile.Path, raw []rawAction, required bool) []actionRule {
	if required && c.doc.Has(path) && len(raw) == 0 {
		c.doc.Report(path, msg.MoodPolicyNoAction{})
	}
	out := make([]actionRule, 0, len(raw))
	for i := range raw {
		out = append(out, c.action(path.Index(i), &raw[i]))
	}
	return out
}

func (c *compiler) action(path policyfile.Path, r *rawAction) actionRule {
	c.code(path.Child("code"), r.Code)
	c.owner(path.Child("owner"), r.Owner)
	return actionRule{code: r.Code, name: c.names[r.Code], owner: r.Owner, within: r.Within.Std(), setting: c.setting(path.Child("setting"), r.Setting), text: r.Text}
}

func (c *compiler) code(path policyfile.Path, code string) {
	c.doc.IDAs(path, msg.MoodWhatCode{}, code)
}

func (c *compiler) owner(path policyfile.Path, owner string) {
	if c.doc.Has(path) && !c.roles[owner] {
		c.doc.Report(path, msg.MoodPolicyOwnerUndeclared{Owner: strconv.Quote(owner)})
	}
}

// policySettings are the settings a policy may give an action:
// corrective and care talks are one-to-one, praise and team actions are
// in a group, as call-center practice has it. Every action is a
// conversation or a team step, so callfloor.NoSetting is not one of them.
var policySettings = [...]callfloor.Setting{callfloor.OneToOne, callfloor.Group}

func (c *compiler) setting(path policyfile.Path, s string) callfloor.Setting {
	allowed := make([]string, 0, len(policySettings))
	for _, v := range policySettings {
		if v.String() == s {
			return v
		}
		allowed = append(allowed, v.String())
	}
	if c.doc.Has(path) {
		c.doc.Report(path, msg.MoodPolicyUnknownSetting{Value: strconv.Quote(s), Allowed: allowed})
	}
	return callfloor.NoSetting
}

func (c *compiler) compileCrisis(r *rawCrisis) crisisRule {
	path := policyfile.Path("crisis")
	c.owner(path.Child("owner"), r.Owner)
	cr := crisisRule{owner: r.Owner, within: r.Within.Std(), text: r.Text}
	if cr.within > CrisisCeiling {
		c.doc.Report(path.Child("within"), msg.MoodPolicyCrisisCeiling{Within: c.shortDur(cr.within), Ceiling: c.shortDur(CrisisCeiling)})
	}
	cr.followUp = c.actions(path.Child("follow_up"), r.FollowUp, false)
	for i, a := range cr.followUp {
		if a.code == CrisisEscalation {
			c.doc.Report(path.Child("follow_up").Index(i).Child("code"), msg.MoodPolicyEscalationCode{Code: strconv.Quote(CrisisEscalation)})
		}
	}
	return cr
}

// Observation kinds that the default policy watches; a policy may declare
// others.
const (
	SignalMorningMeeting = "morning_meeting"
	SignalFloorWalk      = "floor_walk"
	SignalComplaint      = "complaint"
	SignalAbsence        = "absence"
	SignalQADrop         = "qa_drop"
)

func (c *compiler) compileWatch(r *rawWatch) watchRule {
	path := policyfile.Path("watch")
	w := watchRule{window: r.Window.Std(), checkInAtMost: r.CheckIns.AtMost, checkInCount: r.CheckIns.Count}
	if c.doc.Has(path.Child("window")) && w.window <= 0 {
		c.doc.Report(path.Child("window"), msg.MoodPolicyLongerThanZero{})
	}
	seen := map[string]int{}
	for i, s := range r.Signals {
		at := path.Child("signals").Index(i)
		if c.doc.Has(at.Child("kind")) {
			if j, dup := seen[s.Kind]; c.doc.IDAs(at.Child("kind"), msg.MoodWhatKind{}, s.Kind) && dup {
				c.doc.Report(at.Child("kind"), msg.MoodPolicyKindTwice{Kind: strconv.Quote(s.Kind), Index: j})
			}
			seen[s.Kind] = i
		}
		if c.doc.Has(at.Child("count")) && s.Count < 1 {
			c.doc.Report(at.Child("count"), msg.MoodPolicySignalCount{Got: s.Count})
		}
		text := s.Text
		if text == "" {
			text = c.names.Of(s.Kind)
		}
		w.signals = append(w.signals, signalRule{rule: string(path.Child("signals").Key(s.Kind)), kind: s.Kind, count: s.Count, text: text})
	}
	cp := path.Child("check_ins")
	if c.doc.Has(cp.Child("at_most")) && (w.checkInAtMost < 1 || w.checkInAtMost > 4) {
		c.doc.Report(cp.Child("at_most"), msg.MoodPolicyCheckInAtMost{Got: w.checkInAtMost})
	}
	if c.doc.Has(cp.Child("count")) && w.checkInCount < 1 {
		c.doc.Report(cp.Child("count"), msg.MoodPolicyCheckInCount{Got: w.checkInCount})
	}
	// Left out, the WHO-5 rule is on: only an explicit false switches it
	// off, and a value that failed to decode keeps it on.
	lp := path.Child("who5_low_item")
	w.who5LowItem = r.WHO5LowItem || !c.doc.Has(lp) || c.doc.Failed(lp)
	w.actions = c.actions(path.Child("actions"), r.Actions, true)
	return w
}
