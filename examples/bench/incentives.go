package bench

import (
	"bytes"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/callfloor/callfloor/incentives"
	"go.yaml.in/yaml/v3"
)

// IncentiveMetrics are the metrics of the incentives benchmark, in the
// order of the fields of Figures. Its policy must declare exactly these.
var IncentiveMetrics = []string{"qa_avg", "csat", "fcr", "attendance", "adherence", "calls", "compliments", "complaints"}

// IncentivePeriod is the pay period every engine evaluates: March 2025.
var IncentivePeriod = incentives.MonthOf(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC))

// Pay is what a period earns one agent: the sum of its bonus lines, in
// minor units, and of its points.
type Pay struct {
	Bonus  int64
	Points int64
}

// Figures are one agent's figures as pay may use them: NaN for a metric
// the record leaves out, and for the QA average while it is held (an open
// QA dispute, or too few evaluations). The expr engine reads them through
// the struct tags; the CEL engine through an activation.
type Figures struct {
	QAAvg       float64 `expr:"qa_avg"`
	CSAT        float64 `expr:"csat"`
	FCR         float64 `expr:"fcr"`
	Attendance  float64 `expr:"attendance"`
	Adherence   float64 `expr:"adherence"`
	Calls       float64 `expr:"calls"`
	Compliments float64 `expr:"compliments"`
	Complaints  float64 `expr:"complaints"`
}

// field returns the field of the metric IncentiveMetrics[k].
func (f *Figures) field(k int) *float64 {
	switch k {
	case 0:
		return &f.QAAvg
	case 1:
		return &f.CSAT
	case 2:
		return &f.FCR
	case 3:
		return &f.Attendance
	case 4:
		return &f.Adherence
	case 5:
		return &f.Calls
	case 6:
		return &f.Compliments
	default:
		return &f.Complaints
	}
}

// An IncentivePlan is the incentives policy read for the engines that are
// not callfloor: the condition texts, which each engine compiles its own
// way, and the amounts, which Go code shared by those engines turns into
// pay with callfloor's arithmetic. It reads the same YAML as
// incentives.ParsePolicy and refuses any part of a policy it does not
// implement (improvers, contests, the pool, discipline, the ladder).
type IncentivePlan struct {
	// Rules are the reward rules, in policy order.
	Rules []PlanRule
	// Groups are the tier groups, each's tiers from the highest; the first
	// that holds wins.
	Groups [][]PlanRule

	compliments *planCompliments
	points      []planPoints
	bandSlot    int // metric of the QA multiplier, or -1 for none
	bands       []planBand
	capBonus    int64 // 0: no cap
	capPoints   int64 // 0: no cap
	held        []int // metrics held under a QA hold
	minEvals    int
}

// A PlanRule is a reward rule or a tier: its condition and award.
type PlanRule struct {
	ID     string
	When   string
	Bonus  int64
	Points int64
}

type planCompliments struct {
	slot      int
	each, max int64
}

type planPoints struct {
	slot     int
	from, to float64
	points   int64
}

type planBand struct {
	min     float64
	percent int64
}

// planFile is the part of an incentives policy the plan reads; the
// decoder refuses every other field.
type planFile struct {
	Version     string `yaml:"version"`
	Currency    string `yaml:"currency"`
	MinorDigits int    `yaml:"minor_digits"`
	PayPeriod   string `yaml:"pay_period"`
	Metrics     []struct {
		Name string   `yaml:"name"`
		Kind string   `yaml:"kind"`
		Min  *float64 `yaml:"min"`
		Max  *float64 `yaml:"max"`
	} `yaml:"metrics"`
	QA struct {
		Average        string   `yaml:"average"`
		Metrics        []string `yaml:"metrics"`
		MinEvaluations int      `yaml:"min_evaluations"`
	} `yaml:"qa"`
	Rewards struct {
		Rules []planRuleFile `yaml:"rules"`
		Tiers []struct {
			ID    string         `yaml:"id"`
			Tiers []planRuleFile `yaml:"tiers"`
		} `yaml:"tiers"`
		Compliments *struct {
			Metric string `yaml:"metric"`
			Each   int64  `yaml:"each"`
			Max    int64  `yaml:"max"`
			Title  string `yaml:"title"`
		} `yaml:"compliments"`
		Points []struct {
			ID     string  `yaml:"id"`
			Metric string  `yaml:"metric"`
			From   float64 `yaml:"from"`
			To     float64 `yaml:"to"`
			Points int64   `yaml:"points"`
		} `yaml:"points"`
		QAMultiplier *struct {
			Metric string `yaml:"metric"`
			Bands  []struct {
				ID      string  `yaml:"id"`
				Min     float64 `yaml:"min"`
				Percent int64   `yaml:"percent"`
			} `yaml:"bands"`
		} `yaml:"qa_multiplier"`
		Caps struct {
			Bonus  int64 `yaml:"bonus"`
			Points int64 `yaml:"points"`
		} `yaml:"caps"`
	} `yaml:"rewards"`
}

type planRuleFile struct {
	ID     string `yaml:"id"`
	When   string `yaml:"when"`
	Reason string `yaml:"reason"`
	Bonus  int64  `yaml:"bonus"`
	Points int64  `yaml:"points"`
	Title  string `yaml:"title"`
	Badge  string `yaml:"badge"`
}

// NewIncentivePlan reads an incentives policy for the engines that are not
// callfloor. It checks only what those engines rely on; ParsePolicy
// validates the policy itself.
func NewIncentivePlan(src []byte) (*IncentivePlan, error) {
	var f planFile
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("incentive plan: %w", err)
	}
	var declared []string
	for _, m := range f.Metrics {
		declared = append(declared, m.Name)
	}
	if !slices.Equal(declared, IncentiveMetrics) {
		return nil, fmt.Errorf("incentive plan: the policy declares %v; the benchmark's figures are %v", declared, IncentiveMetrics)
	}
	slot := func(name string) (int, error) {
		if k := slices.Index(IncentiveMetrics, name); k >= 0 {
			return k, nil
		}
		return 0, fmt.Errorf("incentive plan: metric %q is not declared", name)
	}
	p := &IncentivePlan{bandSlot: -1, minEvals: f.QA.MinEvaluations}
	for _, name := range append([]string{f.QA.Average}, f.QA.Metrics...) {
		if name == "" {
			continue
		}
		k, err := slot(name)
		if err != nil {
			return nil, err
		}
		p.held = append(p.held, k)
	}
	for _, r := range f.Rewards.Rules {
		p.Rules = append(p.Rules, PlanRule{ID: r.ID, When: r.When, Bonus: r.Bonus, Points: r.Points})
	}
	for _, g := range f.Rewards.Tiers {
		var tiers []PlanRule
		for _, t := range g.Tiers {
			tiers = append(tiers, PlanRule{ID: g.ID + "." + t.ID, When: t.When, Bonus: t.Bonus, Points: t.Points})
		}
		p.Groups = append(p.Groups, tiers)
	}
	if c := f.Rewards.Compliments; c != nil {
		k, err := slot(c.Metric)
		if err != nil {
			return nil, err
		}
		if c.Each <= 0 {
			return nil, fmt.Errorf("incentive plan: compliments.each is %d", c.Each)
		}
		p.compliments = &planCompliments{slot: k, each: c.Each, max: c.Max}
	}
	for _, l := range f.Rewards.Points {
		k, err := slot(l.Metric)
		if err != nil {
			return nil, err
		}
		p.points = append(p.points, planPoints{slot: k, from: l.From, to: l.To, points: l.Points})
	}
	if m := f.Rewards.QAMultiplier; m != nil {
		k, err := slot(m.Metric)
		if err != nil {
			return nil, err
		}
		p.bandSlot = k
		for _, b := range m.Bands {
			p.bands = append(p.bands, planBand{min: b.Min, percent: b.Percent})
		}
	}
	p.capBonus, p.capPoints = f.Rewards.Caps.Bonus, f.Rewards.Caps.Points
	return p, nil
}

// Figures fills f from an agent record as callfloor's pay reads it.
func (p *IncentivePlan) Figures(a *incentives.AgentRecord, f *Figures) {
	for k, name := range IncentiveMetrics {
		v, ok := a.Metrics[name]
		if !ok {
			v = math.NaN()
		}
		*f.field(k) = v
	}
	if a.QADisputeOpen || a.QAEvaluations < p.minEvals {
		for _, k := range p.held {
			*f.field(k) = math.NaN()
		}
	}
}

// maxAmount is callfloor's bound on an amount of money: the compliments
// reward stops there when the policy sets no max.
const maxAmount = 1_000_000_000_000

// bonus returns the bonus for n compliments, and whether the
// max cut it.
func (c *planCompliments) bonus(n float64) (int64, bool) {
	if math.IsNaN(n) || n <= 0 {
		return 0, false
	}
	limit := c.max
	if limit == 0 {
		limit = maxAmount
	}
	if n > float64(limit/c.each) {
		return limit, c.max > 0
	}
	return int64(n) * c.each, false
}

// pointsFor returns the points v earns on the line: none at or short of
// from, all at or beyond to, the straight line between them rounded down,
// with a tolerance of 1e-9 points so that csat 4.8 on 4..5 for 40 points
// earns 32 although the binary quotient falls just short.
func (l *planPoints) pointsFor(v float64) int64 {
	if math.IsNaN(v) {
		return 0
	}
	t := (v - l.from) / (l.to - l.from)
	if t <= 0 {
		return 0
	}
	if t >= 1 {
		return l.points
	}
	return min(int64(math.Floor(t*float64(l.points)+1e-9)), l.points)
}

// band returns the QA multiplier band of v, or -1 when v is NaN or below
// every band (the bonuses then stay as the rules state them).
func (p *IncentivePlan) band(v float64) int {
	if math.IsNaN(v) {
		return -1
	}
	for i, b := range p.bands {
		if v >= b.min {
			return i
		}
	}
	return -1
}

// payLine is one award line while an agent's pay is worked out.
type payLine struct {
	base, amount, points int64
	bonus                bool // scaled by the QA band and the bonus cap
}

// payFacts say which parts of the arithmetic one agent's pay went
// through, so that a test can show the generated data exercises them all.
type payFacts struct {
	band              int  // QA band applied, or -1
	complimentsCapped bool // the compliments reward stopped at its max
	bonusCapped       bool // the per-agent bonus cap cut the bonus lines
	pointsCapped      bool // the per-agent points cap cut the points
	tieBroken         bool // a cap's leftover unit went to the earlier of equal remainders
}

// A payer turns decisions into pay with callfloor's arithmetic. It keeps
// scratch space, so one payer serves one goroutine.
type payer struct {
	plan     *IncentivePlan
	lines    []payLine
	w, out   []int64
	rems     []uint64
	given    []bool
	fired    []bool // by rule
	tiers    []int  // by group: the tier that won, or -1
	figures  Figures
	lastTies bool
}

func newPayer(p *IncentivePlan) *payer {
	return &payer{plan: p, fired: make([]bool, len(p.Rules)), tiers: make([]int, len(p.Groups))}
}

// pay works out an agent's pay from its figures, the rules that fired
// (p.fired) and the tier that won in each group (p.tiers), in callfloor's
// order: rule lines, tier lines, compliments, points; the QA multiplier on
// every bonus line, rounded half up per line; then the per-agent caps.
func (p *payer) pay(f *Figures) (Pay, payFacts) {
	pl := p.plan
	facts := payFacts{band: -1}
	lines := p.lines[:0]
	add := func(bonus, points int64) {
		lines = append(lines, payLine{base: bonus, amount: bonus, points: points, bonus: bonus > 0})
	}
	for i, r := range pl.Rules {
		if p.fired[i] {
			add(r.Bonus, r.Points)
		}
	}
	for g, k := range p.tiers {
		if k >= 0 {
			add(pl.Groups[g][k].Bonus, pl.Groups[g][k].Points)
		}
	}
	if c := pl.compliments; c != nil {
		amt, capped := c.bonus(*f.field(c.slot))
		if amt > 0 {
			add(amt, 0)
			facts.complimentsCapped = capped
		}
	}
	for i := range pl.points {
		l := &pl.points[i]
		if pts := l.pointsFor(*f.field(l.slot)); pts > 0 {
			add(0, pts)
		}
	}
	if pl.bandSlot >= 0 {
		if b := pl.band(*f.field(pl.bandSlot)); b >= 0 {
			facts.band = b
			if pct := pl.bands[b].percent; pct != 100 {
				for k := range lines {
					if lines[k].bonus {
						lines[k].amount = (lines[k].base*pct + 50) / 100
					}
				}
			}
		}
	}
	if pl.capBonus > 0 {
		var sum int64
		for _, l := range lines {
			if l.bonus {
				sum += l.amount
			}
		}
		if sum > pl.capBonus {
			facts.bonusCapped = true
			w := p.w[:0]
			for _, l := range lines {
				if l.bonus {
					w = append(w, l.amount)
				}
			}
			out := p.share(pl.capBonus, w)
			facts.tieBroken = facts.tieBroken || p.lastTies
			i := 0
			for k := range lines {
				if lines[k].bonus {
					lines[k].amount = out[i]
					i++
				}
			}
		}
	}
	if pl.capPoints > 0 {
		var sum int64
		for _, l := range lines {
			sum += l.points
		}
		if sum > pl.capPoints {
			facts.pointsCapped = true
			w := p.w[:0]
			for _, l := range lines {
				w = append(w, l.points)
			}
			out := p.share(pl.capPoints, w)
			facts.tieBroken = facts.tieBroken || p.lastTies
			for k := range lines {
				lines[k].points = out[k]
			}
		}
	}
	var total Pay
	for _, l := range lines {
		total.Bonus += l.amount
		total.Points += l.points
	}
	p.lines = lines
	return total, facts
}

// share splits limit, which is below the sum of the weights w, in
// proportion to them by the largest remainder method: each part gets the
// floor of its exact share, and the units left over go one each to the
// parts with the largest remainders, the earlier part first among equal
// remainders. It sets p.lastTies when such a tie decided a unit.
func (p *payer) share(limit int64, w []int64) []int64 {
	p.w = w
	var sum uint64
	for _, x := range w {
		sum += uint64(x)
	}
	out := slices.Grow(p.out[:0], len(w))[:len(w)]
	rems := slices.Grow(p.rems[:0], len(w))[:len(w)]
	given := slices.Grow(p.given[:0], len(w))[:len(w)]
	p.out, p.rems, p.given = out, rems, given
	var sumq int64
	for i, x := range w {
		// limit*x/sum is below x: the quotient fits in 64 bits.
		hi, lo := bits.Mul64(uint64(limit), uint64(x))
		q, r := bits.Div64(hi, lo, sum)
		out[i], rems[i], given[i] = int64(q), r, false
		sumq += int64(q)
	}
	p.lastTies = false
	last := -1
	for left := limit - sumq; left > 0; left-- {
		best := -1
		for i, x := range w {
			if x > 0 && !given[i] && (best < 0 || rems[i] > rems[best]) {
				best = i
			}
		}
		out[best]++
		given[best] = true
		last = best
	}
	if last >= 0 {
		for i, x := range w {
			if x > 0 && !given[i] && rems[i] == rems[last] {
				p.lastTies = true
			}
		}
	}
	return out
}

// HandIncentiveRules are the condition texts the hand-written engine
// implements, rules first, then the tiers of the one group from the
// highest; NewHandIncentives refuses a plan with other conditions.
var HandIncentiveRules = []string{
	"fcr >= 85 && compliments >= 3 && complaints == 0",
	"qa_avg >= 90 && csat >= 4.5",
	"attendance >= 100 && adherence >= 97",
	"qa_avg >= 95 && csat >= 4.8 && fcr >= 85 && complaints == 0 && calls >= 300",
	"qa_avg >= 92 && csat >= 4.6 && fcr >= 80 && complaints == 0 && calls >= 300",
	"qa_avg >= 90 && csat >= 4.4 && fcr >= 75 && complaints <= 1 && calls >= 250",
}

// HandIncentives is the incentives evaluation with its conditions
// hand-written in Go: the floor any engine is measured against. It keeps
// scratch space, so one value serves one goroutine.
type HandIncentives struct{ p *payer }

// NewHandIncentives checks that the plan's conditions are those the Go
// code implements.
func NewHandIncentives(plan *IncentivePlan) (*HandIncentives, error) {
	var conds []string
	for _, r := range plan.Rules {
		conds = append(conds, r.When)
	}
	for _, g := range plan.Groups {
		for _, t := range g {
			conds = append(conds, t.When)
		}
	}
	if len(plan.Rules) != 3 || len(plan.Groups) != 1 || !slices.Equal(conds, HandIncentiveRules) {
		return nil, fmt.Errorf("hand-written incentives implement the conditions %q, not %q", HandIncentiveRules, conds)
	}
	return &HandIncentives{p: newPayer(plan)}, nil
}

// decideByHand evaluates the conditions of HandIncentiveRules into
// p.fired and p.tiers.
func (p *payer) decideByHand(f *Figures) {
	p.fired[0] = f.FCR >= 85 && f.Compliments >= 3 && f.Complaints == 0
	p.fired[1] = f.QAAvg >= 90 && f.CSAT >= 4.5
	p.fired[2] = f.Attendance >= 100 && f.Adherence >= 97
	switch {
	case f.QAAvg >= 95 && f.CSAT >= 4.8 && f.FCR >= 85 && f.Complaints == 0 && f.Calls >= 300:
		p.tiers[0] = 0
	case f.QAAvg >= 92 && f.CSAT >= 4.6 && f.FCR >= 80 && f.Complaints == 0 && f.Calls >= 300:
		p.tiers[0] = 1
	case f.QAAvg >= 90 && f.CSAT >= 4.4 && f.FCR >= 75 && f.Complaints <= 1 && f.Calls >= 250:
		p.tiers[0] = 2
	default:
		p.tiers[0] = -1
	}
}

// Evaluate writes the pay of agents[i] to out[i].
func (h *HandIncentives) Evaluate(agents []incentives.AgentRecord, out []Pay) error {
	p := h.p
	for i := range agents {
		p.plan.Figures(&agents[i], &p.figures)
		p.decideByHand(&p.figures)
		out[i], _ = p.pay(&p.figures)
	}
	return nil
}

// GenerateAgents makes n agent records for the incentives benchmark from a
// fixed seed, in teams of 20 and in id order. Each agent has a skill that
// moves its figures together, as real figures move, so that every rule,
// tier, QA band and cap pays some agents; one in fifty has no CSAT survey
// (csat not measured) and one in a hundred an open QA dispute.
func GenerateAgents(n int, seed uint64) []incentives.AgentRecord {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	// fig rounds v to 1/scale and keeps it within lo..hi.
	fig := func(v, scale, lo, hi float64) float64 {
		return min(max(math.Round(v*scale)/scale, lo), hi)
	}
	out := make([]incentives.AgentRecord, n)
	for i := range out {
		s := rng.Float64()
		m := map[string]float64{
			"qa_avg":      fig(72+26*s+3*rng.NormFloat64(), 10, 0, 100),
			"fcr":         fig(62+33*s+5*rng.NormFloat64(), 10, 0, 100),
			"attendance":  100,
			"adherence":   fig(92+8.5*rng.Float64(), 10, 0, 100),
			"calls":       float64(220 + rng.IntN(200)),
			"compliments": float64(rng.IntN(2 + int(12*s))),
			"complaints":  0,
		}
		if rng.IntN(5) >= 2 {
			m["attendance"] = fig(90+10*rng.Float64(), 10, 0, 99.9)
		}
		if rng.Float64() >= 0.55+0.4*s {
			m["complaints"] = float64(1 + rng.IntN(3))
		}
		if rng.IntN(50) != 0 {
			m["csat"] = fig(3.7+1.3*s+0.2*rng.NormFloat64(), 100, 1, 5)
		}
		out[i] = incentives.AgentRecord{
			ID:            "agent-" + pad(i, 5),
			Team:          "team-" + pad(i/20, 3),
			Metrics:       m,
			QAEvaluations: 5 + rng.IntN(6),
			QADisputeOpen: rng.IntN(100) == 0,
		}
	}
	return out
}

// pad writes n with at least width digits.
func pad(n, width int) string {
	s := strconv.Itoa(n)
	for len(s) < width {
		s = "0" + s
	}
	return s
}
