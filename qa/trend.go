package qa

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
)

// ScorePoint is one evaluation's score for trends: whose, which team, when.
// Hosts build them from Results, usually the pay-relevant ones.
type ScorePoint struct {
	// Agent is the evaluated agent's id; required.
	Agent string `json:"agent"`
	// Team is the agent's team, which EvaluatorFigures groups by.
	// Evaluation is the host's id of the evaluation; optional, not used in
	// the figures.
	// At is when the evaluation was made; it places the score in a period.
	// Score is the evaluation's score, 0 to 100.
	Team       string    `json:"team,omitempty"`
	Evaluation string    `json:"evaluation,omitempty"`
	At         time.Time `json:"at"`
	Score      float64   `json:"score"`
	// Held marks an evaluation under an open dispute (Dispute.Held): its
	// score is left out of every mean, interval, change and improver
	// ranking, and counted in its period's Held instead, until the
	// dispute is decided and the host sends the score that counts. A host
	// may instead leave the point out; marking it keeps the figures
	// saying that a score is missing and why.
	Held bool `json:"held,omitempty"`
}

// Complaint is a customer complaint about an agent.
type Complaint struct {
	// ID is the host's id of the complaint; optional, not used in the
	// figures.
	// Agent is the agent complained about; required.
	// At is when the complaint was made; it places it in a period.
	ID    string    `json:"id,omitempty"`
	Agent string    `json:"agent"`
	At    time.Time `json:"at"`
}

// TrendInput is the data for Trends: periods in time order, the scores and
// the complaints.
type TrendInput struct {
	// Periods are in time order and must not overlap; at least one.
	// Each needs an ID, unique in the list, which the figures name.
	// Scores are the evaluations' scores, in any order.
	// Complaints are the customer complaints, in any order.
	Periods    []callfloor.Period `json:"periods"`
	Scores     []ScorePoint       `json:"scores"`
	Complaints []Complaint        `json:"complaints,omitempty"`
}

// PeriodStat is one agent's (or team's) scores in one period.
type PeriodStat struct {
	// Period is the period's id.
	Period string `json:"period"`
	// N is the number of scores; Mean their mean and SD their sample
	// standard deviation.
	N    int     `json:"n"`
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
	// CILow and CIHigh bound the two-sided 95 % confidence interval of the
	// mean from Student's t with N-1 degrees of freedom, clipped to 0..100.
	// HasCI is false when N < 2.
	CILow  float64 `json:"ci_low"`
	CIHigh float64 `json:"ci_high"`
	HasCI  bool    `json:"has_ci"`
	// Change is Mean minus the mean of the period just before; HasChange
	// is false when either period has no score.
	// Complaints counts the agent's complaints in the period; 0 in a team's
	// figures.
	Change     float64 `json:"change"`
	HasChange  bool    `json:"has_change"`
	Complaints int     `json:"complaints"`
	// Held counts the scores of the period held out of the figures while
	// their evaluation is under an open dispute (ScorePoint.Held); N does
	// not count them.
	Held int `json:"held"`
}

// Trend is one agent's scores over the periods.
type Trend struct {
	// Agent is the agent's id.
	// Periods holds one figure per input period, in the same order.
	Agent   string       `json:"agent"`
	Periods []PeriodStat `json:"periods"`
	// Latest is the last period; Change and HasChange repeat its change.
	Latest    PeriodStat `json:"latest"`
	Change    float64    `json:"change"`
	HasChange bool       `json:"has_change"`
	// StableExcellentThenDrop is the pattern that calls for a care talk:
	// the care.stable_periods periods before the latest each had at least
	// care.min_evaluations scores, every mean at or above care.excellent
	// and within care.stable_spread of each other; and the latest period
	// dropped at least care.drop points below their average, or brought a
	// complaint.
	StableExcellentThenDrop bool `json:"stable_excellent_then_drop"`
	// PeriodsBelowBar counts the most recent periods in a row whose mean
	// is below the policy's bar; periods without scores are passed over.
	// Reasons state, in this order: each period with scores held out
	// under an open dispute (rule "disputes.hold", outcome Held), the
	// periods below the bar ("trends.bar") and the care pattern
	// ("trends.care"), each with its figures.
	PeriodsBelowBar int                `json:"periods_below_bar"`
	Reasons         []callfloor.Reason `json:"reasons,omitempty"`
}

// Improver is an agent among the fastest improvers from the period before
// the latest to the latest.
type Improver struct {
	// Agent is the agent's id.
	Agent string `json:"agent"`
	// From and To are the means of the two periods, over NFrom and NTo
	// scores; Change is To minus From.
	// Reasons state the rise and the samples, under the policy's
	// trends.improvers_top.
	From    float64            `json:"from"`
	To      float64            `json:"to"`
	Change  float64            `json:"change"`
	NFrom   int                `json:"n_from"`
	NTo     int                `json:"n_to"`
	Reasons []callfloor.Reason `json:"reasons"`
}

// TrendReport holds every agent's trend, sorted by agent, and the fastest
// improvers.
type TrendReport struct {
	// Trends holds one trend per agent with a score or complaint in some
	// period, sorted by agent id.
	Trends []Trend `json:"trends"`
	// Improvers are the agents with at least trends.min_evaluations
	// scores in both of the last two periods whose mean rose at least
	// trends.min_gain points, fastest first (ties by agent id); the top
	// trends.improvers_top, and any tied with the last of them.
	Improvers []Improver `json:"improvers,omitempty"`
	// Unassigned counts the scores and complaints that fall in no period.
	// Reasons note, as "unassigned", scores and complaints left out.
	// Policy names the policy that produced the report.
	Unassigned int                `json:"unassigned,omitempty"`
	Reasons    []callfloor.Reason `json:"reasons,omitempty"`
	Policy     callfloor.Identity `json:"policy"`
}

// Trends computes each agent's trend over the periods, the fastest
// improvers, and who shows the stable-excellent-then-drop pattern. Scores
// and complaints outside every period are counted in Unassigned. It takes
// time O(n log n) and memory O(n) in the number of scores and complaints,
// in a few allocations besides those of the reasons it states.
//
// An agent's trend depends on that agent's scores and complaints alone,
// so a host may call Trends per team (or any partition that keeps each
// agent's data together and in the same order, since a mean is summed in
// the order given), with the same periods, and get each agent's trend
// exactly as one call over the whole center gives it; the
// partitions' Unassigned add up to the center's. The fastest improvers
// are a ranking across the center: MergeImprovers combines the
// partitions' Improvers into the ranking one call over everything gives.
func (p *Policy) Trends(in TrendInput) (TrendReport, error) {
	if !p.ready() {
		return TrendReport{}, ErrZeroPolicy
	}
	l := p.locale()
	if err := checkPeriods(l, in.Periods); err != nil {
		return TrendReport{}, err
	}
	if err := checkScores(l, in.Scores, "scores"); err != nil {
		return TrendReport{}, err
	}
	for i := range in.Complaints {
		c := &in.Complaints[i]
		if c.Agent == "" {
			return TrendReport{}, required(l, "complaints["+itoa(i)+"].agent")
		}
		if c.At.IsZero() {
			return TrendReport{}, required(l, "complaints["+itoa(i)+"].at")
		}
	}
	rep := TrendReport{Policy: p.id}
	g := groupByAgent(in)
	rep.Unassigned = g.outside
	if g.outside > 0 {
		rep.Reasons = append(rep.Reasons, reasonIn(p.locale(), "trends.periods", callfloor.NotEvaluated, msg.QaReasonUnassigned{N: g.outside}, fact("scores", g.outside)))
	}
	np := len(in.Periods)
	stats := make([]PeriodStat, len(g.agents)*np)
	rep.Trends = make([]Trend, len(g.agents))
	for k, a := range g.sorted() {
		st := stats[k*np : (k+1)*np : (k+1)*np]
		for pi := range st {
			slot := a*np + pi
			st[pi] = periodStat(in.Periods[pi].ID, g.vals[g.off[slot]:g.off[slot+1]], g.complaints[slot], g.held[slot])
		}
		linkChanges(st)
		t := &rep.Trends[k]
		*t = Trend{Agent: g.agents[a], Periods: st}
		p.judgeTrend(t)
	}
	if len(rep.Trends) == 0 {
		rep.Trends = nil
	}
	rep.Improvers = p.improvers(rep.Trends)
	return rep, nil
}

// agentGroups is a trend input's scores and complaints grouped by agent
// and period in flat arrays, slot a*periods+pi for agent a in period pi,
// so that grouping takes a few allocations whatever the number of
// agents. Agents are numbered in order of first appearance.
type agentGroups struct {
	agents []string
	// The counted scores of slot s are vals[off[s]:off[s+1]], in input
	// order; held and complaints count the slot's held scores and
	// complaints. outside counts the scores and complaints in no period.
	off              []int
	vals             []float64
	held, complaints []int
	outside          int
}

// groupByAgent groups a checked trend input.
func groupByAgent(in TrendInput) agentGroups {
	var g agentGroups
	np := len(in.Periods)
	index := map[string]int{}
	agentOf := func(id string) int {
		a, ok := index[id]
		if !ok {
			a = len(g.agents)
			index[id] = a
			g.agents = append(g.agents, id)
		}
		return a
	}
	// slots holds each score's slot, then each complaint's; -1 for none.
	slots := make([]int, len(in.Scores)+len(in.Complaints))
	for i := range in.Scores {
		s := &in.Scores[i]
		pi := periodOf(in.Periods, s.At)
		if pi < 0 {
			g.outside++
			slots[i] = -1
			continue
		}
		slots[i] = agentOf(s.Agent)*np + pi
	}
	for i := range in.Complaints {
		c := &in.Complaints[i]
		pi := periodOf(in.Periods, c.At)
		if pi < 0 {
			g.outside++
			slots[len(in.Scores)+i] = -1
			continue
		}
		slots[len(in.Scores)+i] = agentOf(c.Agent)*np + pi
	}
	n := len(g.agents) * np
	g.off = make([]int, n+1)
	counts := make([]int, 2*n)
	g.held, g.complaints = counts[:n:n], counts[n:]
	for i, slot := range slots[:len(in.Scores)] {
		switch {
		case slot < 0:
		case in.Scores[i].Held:
			g.held[slot]++
		default:
			g.off[slot+1]++
		}
	}
	for _, slot := range slots[len(in.Scores):] {
		if slot >= 0 {
			g.complaints[slot]++
		}
	}
	for s := range n {
		g.off[s+1] += g.off[s]
	}
	// Each score goes to the start of its slot, which then moves on by
	// one; at the end off[s] is where slot s+1 starts, so off shifts back.
	g.vals = make([]float64, g.off[n])
	for i, slot := range slots[:len(in.Scores)] {
		if slot >= 0 && !in.Scores[i].Held {
			g.vals[g.off[slot]] = in.Scores[i].Score
			g.off[slot]++
		}
	}
	copy(g.off[1:], g.off[:n])
	g.off[0] = 0
	return g
}

// sorted returns the agents' numbers in order of their ids.
func (g *agentGroups) sorted() []int {
	order := make([]int, len(g.agents))
	for a := range order {
		order[a] = a
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(g.agents[a], g.agents[b]) })
	return order
}

func checkPeriods(l *msg.Locale, ps []callfloor.Period) error {
	if len(ps) == 0 {
		return msgerr.Required(l, "periods", msg.QaBecausePeriods{})
	}
	seen := map[string]int{}
	for i, pr := range ps {
		f := fmt.Sprintf("periods[%d]", i)
		if pr.ID == "" {
			return required(l, f+".id")
		}
		if j, dup := seen[pr.ID]; dup {
			return msgerr.Duplicate(l, callfloor.Path(f+".id"), pr.ID, callfloor.Path(fmt.Sprintf("periods[%d].id", j)))
		}
		seen[pr.ID] = i
		if m := timeProblem(pr.Start); m != nil {
			return inputErr(l, callfloor.ErrInvalid, f+".start", m)
		}
		if m := timeProblem(pr.End); m != nil {
			return inputErr(l, callfloor.ErrInvalid, f+".end", m)
		}
		if !pr.End.After(pr.Start) {
			return inputErr(l, callfloor.ErrInvalid, f+".end", msg.QaInputNotAfterStart{End: pr.End, Start: pr.Start})
		}
		if i > 0 && pr.Start.Before(ps[i-1].End) {
			return inputErr(l, callfloor.ErrInvalid, f+".start", msg.QaInputPeriodOverlap{Start: pr.Start, Previous: i - 1, End: ps[i-1].End})
		}
	}
	return nil
}

func checkScores(l *msg.Locale, ss []ScorePoint, field string) error {
	for i := range ss {
		s := &ss[i]
		if s.Agent != "" && !s.At.IsZero() && s.Score >= 0 && s.Score <= 100 {
			continue
		}
		// Only the score at fault has its path formatted.
		f := field + "[" + itoa(i) + "]"
		if s.Agent == "" {
			return required(l, f+".agent")
		}
		if s.At.IsZero() {
			return required(l, f+".at")
		}
		return msgerr.OutOfRange(l, callfloor.Path(f+".score"), s.Score, 0, 100, msg.QaWhatScores{})
	}
	return nil
}

// periodOf finds the period holding t, or -1.
func periodOf(ps []callfloor.Period, t time.Time) int {
	i := sort.Search(len(ps), func(i int) bool { return ps[i].End.After(t) })
	if i < len(ps) && !t.Before(ps[i].Start) {
		return i
	}
	return -1
}

// series is one agent's or team's data per period: the scores that
// count, the scores held out under an open dispute, and the complaints.
type series struct {
	scores     [][]float64
	held       []int
	complaints []int
}

func newSeries(periods int) *series {
	return &series{scores: make([][]float64, periods), held: make([]int, periods), complaints: make([]int, periods)}
}

// bucket groups scores by key and period, held scores apart; it counts
// the scores outside every period.
func bucket(ps []callfloor.Period, ss []ScorePoint, key func(ScorePoint) string) (map[string]*series, int) {
	out := map[string]*series{}
	outside := 0
	for _, s := range ss {
		pi := periodOf(ps, s.At)
		if pi < 0 {
			outside++
			continue
		}
		k := key(s)
		sr := out[k]
		if sr == nil {
			sr = newSeries(len(ps))
			out[k] = sr
		}
		if s.Held {
			sr.held[pi]++
			continue
		}
		sr.scores[pi] = append(sr.scores[pi], s.Score)
	}
	return out, outside
}

func periodStats(ps []callfloor.Period, s *series) []PeriodStat {
	stats := make([]PeriodStat, len(ps))
	for i, pr := range ps {
		stats[i] = periodStat(pr.ID, s.scores[i], s.complaints[i], s.held[i])
	}
	linkChanges(stats)
	return stats
}

// periodStat is the figures of one period's scores.
func periodStat(id string, scores []float64, complaints, held int) PeriodStat {
	st := PeriodStat{Period: id, N: len(scores), Complaints: complaints, Held: held}
	st.Mean, st.SD, st.CILow, st.CIHigh, st.HasCI = meanCI(scores)
	return st
}

// linkChanges sets each period's change from the one before, where both
// have scores.
func linkChanges(stats []PeriodStat) {
	for i := 1; i < len(stats); i++ {
		if st := &stats[i]; st.N > 0 && stats[i-1].N > 0 {
			st.Change, st.HasChange = st.Mean-stats[i-1].Mean, true
		}
	}
}

func (p *Policy) judgeTrend(t *Trend) {
	loc := p.locale()
	ps := t.Periods
	last := len(ps) - 1
	t.Latest = ps[last]
	t.Change, t.HasChange = t.Latest.Change, t.Latest.HasChange
	for _, st := range ps {
		if st.Held > 0 {
			t.Reasons = append(t.Reasons, reasonIn(loc, holdRule, callfloor.Held,
				msg.QaReasonTrendHeld{Evaluations: msg.QaCountEvaluation{N: st.Held}, Period: st.Period},
				fact("held", st.Held)))
		}
	}
	ts := p.trends
	for i := last; i >= 0; i-- {
		if ps[i].N == 0 {
			continue
		}
		if atLeast(ps[i].Mean, ts.bar) {
			break
		}
		t.PeriodsBelowBar++
	}
	if t.PeriodsBelowBar > 0 {
		t.Reasons = append(t.Reasons, reasonIn(loc, "trends.bar", callfloor.Fired,
			msg.QaReasonTrendBelowBar{Bar: fmtNum(ts.bar), Periods: msg.QaCountPeriod{N: t.PeriodsBelowBar}},
			fact("bar", ts.bar), fact("periods", t.PeriodsBelowBar)))
	}
	care := ts.care
	k := care.stablePeriods
	if last < k || (t.Latest.N == 0 && t.Latest.Complaints == 0) {
		return
	}
	lo, hi, sum := math.Inf(1), math.Inf(-1), 0.0
	for _, st := range ps[last-k : last] {
		if st.N < care.minEvaluations || !atLeast(st.Mean, care.excellent) {
			return
		}
		lo, hi, sum = math.Min(lo, st.Mean), math.Max(hi, st.Mean), sum+st.Mean
	}
	if beyond(hi-lo, care.stableSpread) {
		return
	}
	base := sum / float64(k)
	dropped := t.Latest.N > 0 && atLeast(base-t.Latest.Mean, care.drop)
	if !dropped && t.Latest.Complaints == 0 {
		return
	}
	t.StableExcellentThenDrop = true
	l := t.Latest
	var text msg.Message
	switch {
	case dropped && l.Complaints > 0:
		text = msg.QaReasonCareDropComplaints{Periods: k, Mean: fmtScore(base), Drop: fmtScore(base - l.Mean), Latest: fmtScore(l.Mean),
			Complaints: msg.QaCountComplaint{N: l.Complaints}, Period: l.Period}
	case dropped:
		text = msg.QaReasonCareDrop{Periods: k, Mean: fmtScore(base), Drop: fmtScore(base - l.Mean), Latest: fmtScore(l.Mean), Period: l.Period}
	default:
		text = msg.QaReasonCareComplaints{Periods: k, Mean: fmtScore(base), Complaints: msg.QaCountComplaint{N: l.Complaints}, Period: l.Period}
	}
	t.Reasons = append(t.Reasons, reasonIn(loc, "trends.care", callfloor.Fired, text,
		fact("periods", k), fact("mean", base), fact("drop", dropOf(base, l)), fact("latest_mean", latestMean(l)), fact("complaints", l.Complaints)))
}

func (p *Policy) improvers(trends []Trend) []Improver {
	ts := p.trends
	var out []Improver
	for _, t := range trends {
		n := len(t.Periods)
		if n < 2 {
			return nil
		}
		from, to := t.Periods[n-2], t.Periods[n-1]
		if from.N < ts.minEvaluations || to.N < ts.minEvaluations || !atLeast(to.Mean-from.Mean, ts.minGain) {
			continue
		}
		out = append(out, Improver{Agent: t.Agent, From: from.Mean, To: to.Mean, Change: to.Mean - from.Mean, NFrom: from.N, NTo: to.N})
	}
	out = p.rankImprovers(out)
	for i := range out {
		im := &out[i]
		im.Reasons = []callfloor.Reason{reasonIn(p.locale(), "trends.improvers_top", callfloor.Fired,
			msg.QaReasonImprover{Change: fmtScore(im.Change), From: fmtScore(im.From), NFrom: im.NFrom, To: fmtScore(im.To), NTo: im.NTo, Top: ts.improversTop},
			fact("change", im.Change), fact("from", im.From), fact("n_from", im.NFrom), fact("to", im.To), fact("n_to", im.NTo), fact("improvers_top", ts.improversTop))}
	}
	return out
}

// rankImprovers sorts candidates fastest first, ties by agent id, and
// keeps the top trends.improvers_top and any tied with the last of them.
// Agents are distinct, so the order is total and does not depend on the
// order the candidates come in.
func (p *Policy) rankImprovers(out []Improver) []Improver {
	top := p.trends.improversTop
	// Changes equal up to float rounding are ties.
	key := func(v float64) float64 { return math.Round(v / slack) }
	slices.SortFunc(out, func(a, b Improver) int {
		if c := cmp.Compare(key(b.Change), key(a.Change)); c != 0 {
			return c
		}
		return strings.Compare(a.Agent, b.Agent)
	})
	if len(out) > top {
		cut := top
		for cut < len(out) && key(out[cut].Change) == key(out[top-1].Change) {
			cut++
		}
		out = out[:cut]
	}
	return out
}

// MergeImprovers combines the Improvers of reports from Trends calls
// over partitions of the center (per team, say: each agent's data in one
// partition, the same periods, this policy) into the ranking one call over
// the whole center gives, fastest first, ties by agent id, the top
// trends.improvers_top and any tied with the last of them. It can: every
// agent of the center's ranking is within its own partition's, which
// ranks it among fewer. Each improver is kept as its partition stated it,
// reasons included.
//
// An improver without an agent, with a change that is not a finite
// number, or whose agent is already in another list (its data was split
// across partitions) is an *InputError. The lists are not modified.
func (p *Policy) MergeImprovers(lists ...[]Improver) ([]Improver, error) {
	if !p.ready() {
		return nil, ErrZeroPolicy
	}
	loc := p.locale()
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	if n == 0 {
		return nil, nil
	}
	type place struct{ list, at int }
	seen := make(map[string]place, n)
	out := make([]Improver, 0, n)
	for i, l := range lists {
		for j := range l {
			im := &l[j]
			f := func(field string) string { return "lists[" + itoa(i) + "][" + itoa(j) + "]." + field }
			if im.Agent == "" {
				return nil, required(loc, f("agent"))
			}
			if !finite(im.Change) {
				return nil, inputErr(loc, callfloor.ErrInvalid, f("change"), msg.QaInputNotPoints{Value: value(im.Change)})
			}
			if first, dup := seen[im.Agent]; dup {
				return nil, msgerr.Duplicate(loc, callfloor.Path(f("agent")), im.Agent,
					callfloor.Path("lists["+itoa(first.list)+"]["+itoa(first.at)+"].agent"))
			}
			seen[im.Agent] = place{i, j}
			out = append(out, *im)
		}
	}
	return p.rankImprovers(out), nil
}

// dropOf is how far the period's mean fell below base, or NaN when it
// holds no score, so that a reason leaves the figure out.
func dropOf(base float64, p PeriodStat) float64 {
	if p.N == 0 {
		return math.NaN()
	}
	return base - p.Mean
}

// latestMean is the period's mean, or NaN when it holds no score, so that
// a reason leaves the figure out.
func latestMean(p PeriodStat) float64 {
	if p.N == 0 {
		return math.NaN()
	}
	return p.Mean
}
