package incentives

import (
	_ "embed"
	"errors"
	"math"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/cond"
	"github.com/callfloor/callfloor/internal/enum"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/policyfile"
)

// maxAmount bounds every amount of money and every point count a policy
// writes, so that no sum over a center of agents can overflow.
const maxAmount = 1_000_000_000_000

// maxBudget bounds a period's bonus pool: a thousand times the largest
// amount, far beyond any center's pay and far below the int64 range.
const maxBudget = maxAmount * 1000

// maxCount bounds a count metric (compliments, calls): a figure above it
// is refused, so that every count converts to an int64 exactly and a
// count times an amount is checked against maxAmount before it is paid.
const maxCount = maxAmount

// maxPercent bounds a QA multiplier band.
const maxPercent = 1000

// Cadence is how often a period comes round: weekly (Monday to Monday) or
// monthly (first of the month to first of the next). Its text form is
// its name; any other text, the empty one included, is refused.
type Cadence string

// The cadences a period and a contest may have.
const (
	Weekly  Cadence = "weekly"
	Monthly Cadence = "monthly"
)

// String gives the cadence's name, as in "monthly".
func (c Cadence) String() string { return string(c) }

// MarshalText gives the cadence's name; a value that is not one of the
// constants is an error.
func (c Cadence) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumIncentivesCadence{}, c, cadences)
}

// UnmarshalText reads a cadence's name and refuses any other text.
func (c *Cadence) UnmarshalText(b []byte) error {
	v, err := enum.Unmarshal(msg.EnumIncentivesCadence{}, b, cadences)
	if err == nil {
		*c = v
	}
	return err
}

type rawPolicy struct {
	Version     string        `yaml:"version,required"`
	Currency    string        `yaml:"currency,required"`
	MinorDigits *int          `yaml:"minor_digits"`
	PayPeriod   string        `yaml:"pay_period"`
	Metrics     []rawMetric   `yaml:"metrics,required"`
	QA          rawQA         `yaml:"qa"`
	Rewards     rawRewards    `yaml:"rewards"`
	Pool        rawPool       `yaml:"pool"`
	Discipline  rawDiscipline `yaml:"discipline"`
	Assessment  rawAssessment `yaml:"assessment"`
	Ladder      rawLadder     `yaml:"ladder"`
	Contests    []rawContest  `yaml:"contests"`
	// Names gives display names to the ids the policy writes into its
	// sentences (names.go).
	Names map[string]string `yaml:"names"`
}

type rawMetric struct {
	Name string   `yaml:"name,required"`
	Kind string   `yaml:"kind"`
	Min  *float64 `yaml:"min"`
	Max  *float64 `yaml:"max"`
}

type rawQA struct {
	Average        string   `yaml:"average"`
	Metrics        []string `yaml:"metrics"`
	MinEvaluations int      `yaml:"min_evaluations"`
}

type rawPool struct {
	Budget *int64 `yaml:"budget"`
}

// metricDef is a declared metric, by slot.
type metricDef struct {
	name     string
	label    string // how sentences write it: its display name under names, or name
	eq       string // label + "=", for reasons
	count    bool
	min, max float64 // -Inf and +Inf when the policy sets no bound
}

// ErrZeroPolicy is the error of every method that returns an error, and
// of Compare, when called on a nil *Policy or on a Policy that ParsePolicy
// or DefaultPolicy did not make.
var ErrZeroPolicy = errors.New("incentives: nil or zero Policy; make one with ParsePolicy or DefaultPolicy")

// Policy is a compiled incentives policy: reward rules, tiers, the QA
// multiplier, caps and pool, discipline, the career ladder and team
// contests. A Policy is immutable once ParsePolicy returns it and is safe
// for concurrent use by any number of goroutines.
//
// Make a Policy with ParsePolicy or DefaultPolicy. On a nil or zero
// *Policy, Evaluate returns ErrZeroPolicy and the accessors return their
// zero value (FormatMoney an empty string): a zero Policy pays nobody.
type Policy struct {
	id        callfloor.Identity
	currency  string
	digits    int
	payPeriod Cadence

	env     *cond.Env
	metrics []metricDef
	slots   map[string]int

	qaHeld     []bool // by slot: figures held under a QA dispute or too few evaluations
	qaSlots    []int  // the slots qaHeld marks
	qaMask     uint64 // maskOf(qaSlots)
	qaAverage  int    // slot of the QA average, or -1
	qaMinEvals int
	fewEvals   []string // the hold's sentence for each evaluation count below qaMinEvals

	// sources names what each kind of line comes from: its rule id and the
	// title, badge or grade it gives. Lines refer to it by index.
	sources []lineSource

	rules       []rule
	groups      []tierGroup
	conds       *cond.Set // every condition of rules and groups as one program (compileConds)
	compliments *complimentRule
	improvers   *improverRule
	points      []linearRule
	multiplier  *multiplier
	capBonus    int64 // 0: no cap
	capPoints   int64 // 0: no cap

	poolBudget int64 // -1: no pool unless the period names one

	discipline   discipline
	consequences []consequence // of the 1st, 2nd, ... failed assessment in a row
	ladder       ladder
	contests     []contest

	// loc is the locale the policy names, in which its sentences are
	// worded; careHoldText and disputeHold are its guardrails' sentences.
	loc          *msg.Locale
	listSep      string            // what joins the items of a list in loc: ", ", "、"
	names        policyfile.Names  // display names of ids, by id (names.go)
	titles       map[string]string // what each rule's lines are, by rule (RuleTitle)
	careHoldText string
	disputeHold  string
}

// ParsePolicy decodes, validates and compiles an incentives policy. A
// policy with several mistakes yields one *callfloor.PolicyError listing
// them all, each callfloor.Problem with its field path, line and column;
// reach it with errors.As.
func ParsePolicy(src []byte) (*Policy, error) {
	var raw rawPolicy
	p, err := policyfile.Compile("incentives policy", src, &raw, compile)
	if err != nil {
		return nil, err
	}
	p.id = callfloor.Identity(policyfile.IdentityOf(raw.Version, src))
	return p, nil
}

//go:embed default.yaml
var defaultYAML []byte

var defaultPolicy = policyfile.Default("incentives", ParsePolicy, defaultYAML)

// DefaultPolicy returns the policy embedded from default.yaml, written from
// the domain rules: monthly pay, gold/silver/bronze service stars, rewards
// for compliments and for the fastest QA improvers, a QA multiplier,
// progressive discipline with a 12-month look-back and the work rules of
// seat management among its violation kinds, retraining, a warning and
// a change of post for failed periodic assessments, the junior,
// intermediate and senior grades with a team-lead track, and weekly and
// monthly team contests.
func DefaultPolicy() *Policy { return defaultPolicy() }

// DefaultPolicySource returns a copy of the YAML source of DefaultPolicy,
// a starting point for a host's own policy.
func DefaultPolicySource() []byte { return append([]byte(nil), defaultYAML...) }

// Identity names the policy: its declared version and a hash of its source.
// It is the zero callfloor.Identity on a nil or zero Policy.
func (p *Policy) Identity() callfloor.Identity {
	if p.zero() {
		return callfloor.Identity{}
	}
	return p.id
}

// zero reports a nil Policy, or one that ParsePolicy did not compile:
// every compiled policy has its metric environment.
func (p *Policy) zero() bool { return p == nil || p.env == nil }

// Currency returns the ISO 4217 code of the policy's money, and MinorDigits
// how many digits of minor units make one major unit (2 for cents).
// It is "" on a nil or zero Policy.
func (p *Policy) Currency() string {
	if p.zero() {
		return ""
	}
	return p.currency
}

// MinorDigits returns how many decimal digits the minor unit has.
// It is 0 on a nil or zero Policy.
func (p *Policy) MinorDigits() int {
	if p.zero() {
		return 0
	}
	return p.digits
}

// PayPeriod returns the cadence of the periods in which pay, discipline
// and the career ladder are evaluated.
// It is "" on a nil or zero Policy.
func (p *Policy) PayPeriod() Cadence {
	if p.zero() {
		return ""
	}
	return p.payPeriod
}

// Metrics returns the metric names the policy declares, in order. An
// agent record may carry only these.
// It is nil on a nil or zero Policy.
func (p *Policy) Metrics() []string {
	if p.zero() {
		return nil
	}
	return p.env.Names()
}

func compile(doc *policyfile.Doc, raw *rawPolicy) *Policy {
	p := &Policy{qaAverage: -1, poolBudget: -1, loc: doc.Locale(), titles: map[string]string{}}
	p.listSep = p.loc.ListSeparator()
	p.careHoldText = msg.IncentivesHoldCare{}.String(p.loc)
	p.disputeHold = msg.IncentivesHoldDispute{}.String(p.loc)
	p.currency = raw.Currency
	if doc.Has("currency") && !isCurrency(raw.Currency) {
		doc.Report("currency", msg.IncentivesPolicyCurrencyCode{Value: quoted(raw.Currency)})
	}
	p.digits = 2
	if raw.MinorDigits != nil {
		p.digits = *raw.MinorDigits
		if p.digits < 0 || p.digits > 4 {
			doc.Report("minor_digits", msg.IncentivesPolicyOutOfRange{Value: inum(p.digits), Lo: "0", Hi: "4"})
			p.digits = 2
		}
	}
	p.payPeriod = Monthly
	if raw.PayPeriod != "" {
		c, ok := parseCadence(raw.PayPeriod)
		if !ok {
			doc.Report("pay_period", msg.IncentivesPolicyNotCadence{Value: quoted(string(raw.PayPeriod)), Allowed: idList(cadences)})
		} else {
			p.payPeriod = c
		}
	}
	p.compileNames(doc, raw)
	p.compileMetrics(doc, raw)
	p.compileQA(doc, raw)
	p.compileRewards(doc, &raw.Rewards)
	if raw.Pool.Budget != nil {
		p.poolBudget = *raw.Pool.Budget
		checkAmount(doc, "pool.budget", p.poolBudget)
	}
	p.compileDiscipline(doc, &raw.Discipline)
	p.compileAssessment(doc, &raw.Assessment)
	p.compileLadder(doc, &raw.Ladder)
	p.compileContests(doc, raw.Contests)
	return p
}

func isCurrency(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// The kinds of metric a policy declares: a number, or a count (whole,
// never negative).
const (
	metricNumber = "number"
	metricCount  = "count"
)

// metricKinds are the kinds of metric, in the order errors list them.
var metricKinds = []string{metricNumber, metricCount}

// cadences are the cadences a period and a contest may have, in the order
// errors list them.
var cadences = []Cadence{Weekly, Monthly}

func cadenceNames() []string {
	out := make([]string, len(cadences))
	for i, c := range cadences {
		out[i] = string(c)
	}
	return out
}

func parseCadence(s string) (Cadence, bool) {
	switch Cadence(s) {
	case Weekly, Monthly:
		return Cadence(s), true
	}
	return "", false
}

func (p *Policy) compileMetrics(doc *policyfile.Doc, raw *rawPolicy) {
	names := make([]string, 0, len(raw.Metrics))
	seen := map[string]int{}
	for i, m := range raw.Metrics {
		path := policyfile.Path("metrics").Index(i)
		if !doc.IDAs(path.Child("name"), msg.IncentivesWhatIdMetricName{}, m.Name) {
			continue
		}
		if m.Name == "true" || m.Name == "false" {
			doc.Report(path.Child("name"), msg.IncentivesPolicyMetricKeyword{Value: quoted(m.Name)})
			continue
		}
		if j, dup := seen[m.Name]; dup {
			doc.Report(path.Child("name"), msg.IncentivesPolicyMetricTwice{Value: quoted(m.Name), First: inum(j)})
			continue
		}
		seen[m.Name] = i
		d := metricDef{name: m.Name, min: math.Inf(-1), max: math.Inf(1)}
		switch m.Kind {
		case "", metricNumber:
		case metricCount:
			d.count = true
			d.min = 0
		default:
			doc.Report(path.Child("kind"), msg.IncentivesPolicyNotMetricKind{Value: quoted(string(m.Kind)), Allowed: idList(metricKinds)})
		}
		if m.Min != nil {
			if d.count && *m.Min < 0 {
				doc.Report(path.Child("min"), msg.IncentivesPolicyCountNegativeMin{})
			} else {
				d.min = *m.Min
			}
		}
		if m.Max != nil {
			d.max = *m.Max
			if d.max < d.min {
				doc.Report(path.Child("max"), msg.IncentivesPolicyBelowMin{Max: gnum(d.max), Min: gnum(d.min)})
			}
		}
		if d.count && d.max > maxCount {
			// The common case of check stays one range test.
			d.max = maxCount
		}
		names = append(names, m.Name)
		p.metrics = append(p.metrics, d)
	}
	env, err := cond.NewEnv(names...)
	if err != nil {
		// Names were checked above; an Env that still fails is reported on
		// the list as a whole so that the policy is refused.
		doc.ReportError("metrics", err)
		env, _ = cond.NewEnv()
		p.metrics = nil
	}
	// Every sentence writes a metric by its display name, and joins the
	// figures it reads in the policy's locale ("质检均分=96.5、客户满意度=4.7").
	env.Present(p.loc, p.names.Of)
	p.env = env
	p.slots = make(map[string]int, len(names))
	p.sources = []lineSource{{}}
	for i := range p.metrics {
		d := &p.metrics[i]
		p.slots[d.name] = i
		d.label = env.Label(d.name)
		d.eq = d.label + "="
	}
	p.qaHeld = make([]bool, len(p.metrics))
}

// label gives how sentences write a declared metric: its display name
// under names, or its name.
func (p *Policy) label(slot int) string { return p.metrics[slot].label }

// metricRef resolves a metric named in the policy outside a condition.
func (p *Policy) metricRef(doc *policyfile.Doc, path policyfile.Path, name string) int {
	if !doc.Has(path) {
		return -1
	}
	s, ok := p.slots[name]
	if !ok {
		doc.Report(path, msg.IncentivesPolicyMetricUndeclared{Value: quoted(name), Declared: p.env.Names()})
		return -1
	}
	return s
}

func (p *Policy) compileQA(doc *policyfile.Doc, raw *rawPolicy) {
	q := raw.QA
	base := policyfile.Path("qa")
	if q.Average != "" {
		p.qaAverage = p.metricRef(doc, base.Child("average"), q.Average)
		if p.qaAverage >= 0 {
			p.qaHeld[p.qaAverage] = true
		}
	}
	for i, name := range q.Metrics {
		if s := p.metricRef(doc, base.Child("metrics").Index(i), name); s >= 0 {
			p.qaHeld[s] = true
		}
	}
	for s, h := range p.qaHeld {
		if h {
			p.qaSlots = append(p.qaSlots, s)
		}
	}
	p.qaMask = maskOf(p.qaSlots)
	p.qaMinEvals = q.MinEvaluations
	if q.MinEvaluations < 0 || q.MinEvaluations > 1000 {
		doc.Report(base.Child("min_evaluations"), msg.IncentivesPolicyOutOfRange{Value: inum(q.MinEvaluations), Lo: "0", Hi: "1000"})
		p.qaMinEvals = 0
	}
	p.fewEvals = make([]string, p.qaMinEvals)
	for n := range p.fewEvals {
		p.fewEvals[n] = msg.IncentivesHoldFewEvaluations{N: n, Min: p.qaMinEvals}.String(p.loc)
	}
}

func checkAmount(doc *policyfile.Doc, path policyfile.Path, v int64) bool {
	if v < 0 {
		doc.Report(path, msg.IncentivesPolicyNotNegative{})
		return false
	}
	if v > maxAmount {
		doc.Report(path, msg.IncentivesPolicyAmountLimit{Value: inum(v), Limit: inum(int64(maxAmount))})
		return false
	}
	return true
}

// checkID reports the id a policy declares at path as a what ("rule
// id") when it is not an id as callfloor.ValidID has it, or when it
// repeats one in seen, which maps an id to the path of its first use. Ids
// join into the dotted rule paths of reasons, as in
// "rewards.tiers.service_star.gold", which only such ids keep
// unambiguous.
func checkID(doc *policyfile.Doc, path policyfile.Path, what msg.Message, id string, seen map[string]policyfile.Path) bool {
	if !doc.IDAs(path, what, id) {
		return false
	}
	if first, dup := seen[id]; dup {
		doc.Report(path, msg.IncentivesPolicyDuplicateId{Value: quoted(id), First: string(first)})
		return false
	}
	seen[id] = path
	return true
}

// maskOf sets bit s%64 for every slot s. A record's unmeasured metrics
// make such a mask too: two masks that share no bit share no slot, and a
// shared bit is confirmed slot by slot.
func maskOf(slots []int) uint64 {
	var m uint64
	for _, s := range slots {
		m |= 1 << (uint(s) % 64)
	}
	return m
}

// lineSource is what a line takes from the rule that produced it: its
// place, the honorary title, badge or grade it gives, and what
// RuleTitle calls it.
type lineSource struct {
	rule, title, badge, grade string
	heading                   string
}

// source registers what lines of one rule carry and returns its index.
func (p *Policy) source(s lineSource) int32 {
	p.sources = append(p.sources, s)
	if s.heading != "" {
		p.titles[s.rule] = s.heading
	}
	return int32(len(p.sources) - 1)
}
