package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

// The month the example runs: October 2026, in China Standard Time.
var (
	cst        = time.FixedZone("CST", 8*3600)
	monthStart = time.Date(2026, 10, 1, 0, 0, 0, 0, cst)
	monthEnd   = monthStart.AddDate(0, 1, 0)
	asOf       = time.Date(2026, 10, 31, 18, 0, 0, 0, cst)
)

const teamSize = 20

// maxAgents bounds a generated center: a million agents already need
// several gigabytes, and a larger count would overflow the sizes Generate
// reserves.
const maxAgents = 1_000_000

var (
	surnames = []string{"Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Hu", "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo"}
	given    = []string{"Na", "Wei", "Min", "Jie", "Yang", "Lei", "Jing", "Qiang", "Fang", "Tao", "Yan", "Hui", "Ling", "Bo", "Xin", "Hao", "Mei", "Ping", "Yu", "Chao"}
	named    = []string{"north", "south", "east"}
)

// Generate builds a synthetic center of n agents from a fixed seed: teams of
// twenty, a month of check-ins, screenings, QA evaluations and KPIs drawn
// around each agent's own skill and mood, and the storylines of the shipped
// dataset planted in the first three teams. n runs from 1 to 1,000,000.
//
// The evaluations' answers draw from a random source of their own, seeded
// from seed and each agent's place, so that a QA card that gains or loses
// an item changes the answers and what follows from them (scores,
// feedback, the item a dispute names) but no check-in, screening, KPI,
// event or evaluation time, and no other story of the month.
func Generate(n int, seed uint64) (*Center, error) {
	if n < 1 {
		return nil, fmt.Errorf("a center needs at least one agent, not %d", n)
	}
	if n > maxAgents {
		return nil, fmt.Errorf("a generated center holds at most %s agents, not %s", group(maxAgents), group(int64(n)))
	}
	card, _ := qa.DefaultPolicy().Scorecard("inbound_service")
	return generate(n, seed, card)
}

// generate builds the center of Generate with the evaluations answering
// card's items, so that a test can show the other stories do not depend
// on the card.
func generate(n int, seed uint64, card *qa.Scorecard) (*Center, error) {
	g := &generator{
		rng:    rand.New(rand.NewPCG(seed, seed^0x5bd1e995)),
		qaSrc:  rand.NewPCG(0, 0),
		qaSeed: mix64(seed ^ 0x9e3779b97f4a7c15),
		c:      &Center{},
	}
	g.qa = rand.New(g.qaSrc)
	g.card, g.items = card, card.Items()
	g.c.Agents = make([]Agent, 0, n)
	g.c.KPIs = make([]KPI, 0, n)
	g.c.Screenings = make([]Screening, 0, 3*n)
	g.c.CheckIns = make([]CheckIn, 0, 66*n)
	g.c.Evaluations = make([]qa.Evaluation, 0, 9*n)
	g.c.QAHistory = make([]qa.ScorePoint, 0, 18*n)
	teams := (n + teamSize - 1) / teamSize
	for t := 0; t < teams; t++ {
		team := fmt.Sprintf("team-%03d", t+1)
		if n <= len(named)*teamSize && t < len(named) {
			team = named[t]
		}
		for k := 0; k < teamSize && t*teamSize+k < n; k++ {
			g.agent(team, k)
		}
	}
	g.center()
	g.plantStorylines()
	if err := g.c.buildIndex(); err != nil {
		return nil, err
	}
	return g.c, nil
}

type generator struct {
	rng *rand.Rand
	// qa draws the evaluations, and nothing else draws from it: the
	// number of draws an evaluation takes follows the card's items, and
	// a card that gains or loses an item must not move the check-ins,
	// screenings, KPIs and events drawn after it. It is reseeded for each
	// agent from qaSeed and the agent's place, and the evaluations' times
	// are drawn before their answers, so that a new item moves neither
	// another agent's answers nor any evaluation's time.
	qa     *rand.Rand
	qaSrc  *rand.PCG
	qaSeed uint64
	c      *Center
	card   *qa.Scorecard
	items  []qa.ItemInfo // the card's items, read once
	skill  []float64     // probability of full marks on a QA item
	base   []float64     // usual mood, 1..5
}

func (g *generator) between(lo, hi float64) float64 { return lo + g.rng.Float64()*(hi-lo) }

func (g *generator) chance(p float64) bool { return g.rng.Float64() < p }

// workdays lists the weekdays from the first of the month, months months
// back, to the end of October, at the given hour.
func workdays(months, hour int) []time.Time {
	var out []time.Time
	for d := monthStart.AddDate(0, -months, 0); d.Before(monthEnd); d = d.AddDate(0, 0, 1) {
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			out = append(out, d.Add(time.Duration(hour)*time.Hour))
		}
	}
	return out
}

// mix64 is SplitMix64's finalizer: it spreads neighbouring agent numbers
// over the whole seed space, so that consecutive agents' QA draws are
// unrelated.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

func (g *generator) agent(team string, k int) {
	id := fmt.Sprintf("%s-%02d", team, k+1)
	months := 1 + g.rng.IntN(72)
	hired := monthStart.AddDate(0, -months, g.rng.IntN(28))
	grade := "junior"
	switch {
	case months >= 36 && g.chance(0.7):
		grade = "senior"
	case months >= 14 && g.chance(0.8):
		grade = "intermediate"
	}
	var exams []string
	if grade != "junior" || (months >= 12 && g.chance(0.5)) {
		exams = append(exams, "intermediate_exam")
	}
	if grade == "senior" || (grade == "intermediate" && months >= 30 && g.chance(0.5)) {
		exams = append(exams, "senior_exam")
	}
	a := Agent{
		ID:             id,
		Name:           surnames[g.rng.IntN(len(surnames))] + " " + given[g.rng.IntN(len(given))],
		Team:           team,
		Hired:          hired,
		Grade:          grade,
		WantsPromotion: g.chance(0.35),
		Exams:          exams,
		LastReview:     monthEnd.AddDate(0, 0, -(5 + g.rng.IntN(100))),
	}
	skill := g.between(0.80, 0.99)
	if months < 3 {
		skill -= 0.08
	}
	prior := months
	if prior > 11 {
		prior = 11
	}
	a.QA12mEvaluations = 8 * prior
	if prior > 0 {
		a.QA12mMean = round1(math.Min(100, skill*100+g.rng.NormFloat64()*1.5))
		a.CSAT12m = round1(math.Min(5, 3.7+skill-0.8+g.between(0, 0.6)))
		a.FCR12m = round1(math.Min(99, 55+skill*35+g.between(-3, 5)))
	}
	g.c.Agents = append(g.c.Agents, a)
	g.skill = append(g.skill, skill)
	g.base = append(g.base, g.between(3.2, 4.6))
}

// center draws everything but the storylines.
func (g *generator) center() {
	days := workdays(0, 9)
	// Check-ins go back three months: a cycle needs that many Mondays.
	checkInDays := workdays(2, 9)
	for i, a := range g.c.Agents {
		skill := g.skill[i]
		calls := float64(260 + g.rng.IntN(180))
		complaints := 0.0
		if g.chance(0.12) {
			complaints = float64(1 + g.rng.IntN(2))
		}
		g.c.KPIs = append(g.c.KPIs, KPI{
			Agent:            a.ID,
			Calls:            calls,
			CSAT:             round1(math.Min(5, g.between(3.6, 4.3)+skill-0.8+g.between(0, 0.5))),
			AHTSeconds:       float64(170 + g.rng.IntN(220)),
			FCR:              round1(math.Min(99, 55+skill*35+g.between(-5, 8))),
			AnsweredIn3Rings: round1(g.between(88, 100)),
			Attendance:       pick(g, []float64{100, 100, 100, 95.5, 90.9}),
			Adherence:        round1(g.between(92, 100)),
			Compliments:      float64(g.rng.IntN(6)),
			Complaints:       complaints,
		})
		for j := 0; j < int(complaints); j++ {
			g.c.Events.ComplaintsLogs = append(g.c.Events.ComplaintsLogs, qa.Complaint{
				ID: fmt.Sprintf("cmp-%s-%d", a.ID, j+1), Agent: a.ID, At: days[g.rng.IntN(len(days))].Add(5 * time.Hour),
			})
		}

		// The periodic survey on the first Monday of the month.
		survey := time.Date(2026, 10, 5, 10, 0, 0, 0, cst)
		phq, gad := g.distress()
		g.c.Screenings = append(g.c.Screenings,
			Screening{Agent: a.ID, Instrument: mood.PHQ9, At: survey, Answers: phq},
			Screening{Agent: a.ID, Instrument: mood.GAD7, At: survey, Answers: gad},
			Screening{Agent: a.ID, Instrument: mood.WHO5, At: survey, Answers: g.wellbeing(g.base[i])},
		)

		for _, d := range checkInDays {
			m := int(math.Round(g.base[i] + g.rng.NormFloat64()*0.7))
			g.c.CheckIns = append(g.c.CheckIns, CheckIn{Agent: a.ID, At: d, Mood: clamp(m, 1, 5)})
		}
		if g.chance(0.03) {
			kinds := []string{"absence", "qa_drop", "floor_walk"}
			g.c.Observations = append(g.c.Observations, Observation{Agent: a.ID, Kind: kinds[g.rng.IntN(len(kinds))], At: days[10+g.rng.IntN(len(days)-10)].Add(3 * time.Hour)})
		}

		// Seven QA evaluations, one by the lead, one self-evaluation.
		sources := [...]qa.Source{qa.QA, qa.QA, qa.QA, qa.QA, qa.QA, qa.QA, qa.QA, qa.Lead, qa.Self}
		var evAt [len(sources)]time.Time
		g.qaSrc.Seed(g.qaSeed, mix64(uint64(i)))
		for j := range evAt {
			evAt[j] = days[(j*3+g.qa.IntN(3))%len(days)].Add(time.Duration(1+g.qa.IntN(7)) * time.Hour)
		}
		for j, src := range sources {
			evaluator := "qa." + a.Team
			switch src {
			case qa.Lead:
				evaluator = "lead." + a.Team
			case qa.Self:
				evaluator = a.ID
			}
			g.c.Evaluations = append(g.c.Evaluations, g.evaluation(fmt.Sprintf("ev-%s-%d", a.ID, j+1), a.ID, evaluator, src, evAt[j], skill))
		}
		for m := 1; m <= 3; m++ {
			for j := 0; j < 6; j++ {
				at := monthStart.AddDate(0, -m, 2+j*4).Add(11 * time.Hour)
				g.c.QAHistory = append(g.c.QAHistory, qa.ScorePoint{Agent: a.ID, Team: a.Team, At: at, Score: round1(math.Min(100, skill*100+g.rng.NormFloat64()*4))})
			}
		}

		if g.chance(0.015) {
			reasons := []string{"pay", "workload", "schedule", "growth", "personal"}
			g.c.Events.Resignations = append(g.c.Events.Resignations, Resignation{Agent: a.ID, At: days[g.rng.IntN(len(days))].Add(8 * time.Hour), Reason: reasons[g.rng.IntN(len(reasons))]})
		}
		if g.chance(0.02) {
			raised := days[g.rng.IntN(len(days)-5)].Add(6 * time.Hour)
			g.c.Events.Issues = append(g.c.Events.Issues, RaisedIssue{Agent: a.ID, Raised: raised, Topic: "shift swap rules", InterviewAt: raised.Add(26 * time.Hour)})
		}
		if g.chance(0.03) {
			kinds := []string{"late", "late", "hold_over_limit", "missed_shift"}
			g.c.Events.Violations = append(g.c.Events.Violations, Violation{Agent: a.ID, Kind: kinds[g.rng.IntN(len(kinds))], At: days[g.rng.IntN(len(days))].Add(time.Duration(g.rng.IntN(8)) * time.Hour)})
		}
	}
}

func pick(g *generator, xs []float64) float64 { return xs[g.rng.IntN(len(xs))] }

func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// distress draws a PHQ-9 and a GAD-7: most agents low, some mild, a few
// moderate or worse.
func (g *generator) distress() (phq, gad []int) {
	level := 0
	switch r := g.rng.Float64(); {
	case r < 0.01:
		level = 3
	case r < 0.04:
		level = 2
	case r < 0.10:
		level = 1
	}
	draw := func(n int) []int {
		out := make([]int, n)
		for i := range out {
			v := g.rng.IntN(2 + level)
			if level == 0 && g.chance(0.6) {
				v = 0
			}
			out[i] = clamp(v, 0, 3)
		}
		return out
	}
	phq, gad = draw(9), draw(7)
	phq[8] = 0 // thoughts of self-harm: only in the storylines
	return phq, gad
}

// wellbeing draws WHO-5 answers around the agent's usual mood.
func (g *generator) wellbeing(base float64) []int {
	out := make([]int, 5)
	for i := range out {
		out[i] = clamp(int(math.Round(base+g.rng.NormFloat64()*0.6)), 0, 5)
	}
	return out
}

// evaluation answers every item of the inbound card: full marks with the
// agent's skill, a miss otherwise. Critical items are never missed here;
// the storylines plant the critical failures. It draws from g.qa only.
func (g *generator) evaluation(id, agent, evaluator string, src qa.Source, at time.Time, skill float64) qa.Evaluation {
	ev := qa.Evaluation{ID: id, Agent: agent, Evaluator: evaluator, Source: src, Scorecard: g.card.ID(), At: at,
		Answers: make([]qa.Answer, 0, len(g.items))}
	for _, it := range g.items {
		a := qa.Answer{Item: it.ID, Value: float64(it.Max)}
		switch {
		case it.AllowNA && g.qa.Float64() < 0.3:
			a = qa.Answer{Item: it.ID, NA: true}
		case it.Critical != "":
		case g.qa.Float64() >= skill:
			a.Value = float64(it.Min + g.qa.IntN(it.Max-it.Min))
		}
		ev.Answers = append(ev.Answers, a)
	}
	return ev
}

// plantStorylines writes the month's stories into the first three teams:
// the people a manager's report should be about.
func (g *generator) plantStorylines() {
	c := g.c
	has := func(id string) (int, bool) {
		for i, a := range c.Agents {
			if a.ID == id {
				return i, true
			}
		}
		return 0, false
	}
	first := func(t int) string {
		if len(c.Agents) > t*teamSize {
			return c.Agents[t*teamSize].Team
		}
		return ""
	}
	north, south, east := first(0), first(1), first(2)
	day := func(d, hour int) time.Time { return time.Date(2026, 10, d, hour, 0, 0, 0, cst) }

	// Monday is always rushed for her; then a breakup early in the month
	// and a harsh complaint: the lead who watched her would have stepped in
	// before she was rude to a caller (a case call-center managers tell).
	if i, ok := has(north + "-03"); ok {
		id := c.Agents[i].ID
		c.Events.LifeEvents = append(c.Events.LifeEvents, LifeEvent{Agent: id, Kind: "personal_loss", At: day(3, 20)})
		for k := range c.CheckIns {
			ci := &c.CheckIns[k]
			if ci.Agent != id {
				continue
			}
			if ci.At.Weekday() == time.Monday {
				ci.Mood = 1 + k%2
			} else {
				ci.Mood = 4
			}
			if ci.At.After(day(3, 0)) && ci.At.Before(day(17, 0)) {
				ci.Mood = clamp(ci.Mood-2, 1, 5)
			}
		}
		c.Observations = append(c.Observations,
			Observation{Agent: id, Kind: "morning_meeting", At: day(26, 9)},
			Observation{Agent: id, Kind: "complaint", At: day(19, 15)},
			Observation{Agent: id, Kind: "complaint", At: day(27, 11)},
		)
		c.KPIs[i].Complaints = 2
	}
	// Long stable and excellent, then a sudden drop and a complaint.
	if i, ok := has(north + "-07"); ok {
		id := c.Agents[i].ID
		for k := range c.QAHistory {
			if c.QAHistory[k].Agent == id {
				c.QAHistory[k].Score = 97 + float64(k%3)
			}
		}
		for k := range c.Evaluations {
			ev := &c.Evaluations[k]
			if ev.Agent == id && ev.At.Day() > 12 {
				for j, it := range g.items {
					if a := &ev.Answers[j]; !a.NA && j%3 == 0 && j > 0 && it.Critical == "" {
						a.Value = float64(it.Min)
					}
				}
			}
		}
		c.Events.ComplaintsLogs = append(c.Events.ComplaintsLogs, qa.Complaint{ID: "cmp-" + id + "-story", Agent: id, At: day(21, 14)})
		c.KPIs[i].Complaints = 1
	}
	// Thoughts of self-harm on the survey: a crisis whatever the total, and
	// a lateness that discipline must hold while care comes first.
	if i, ok := has(north + "-12"); ok {
		id := c.Agents[i].ID
		for k := range c.Screenings {
			s := &c.Screenings[k]
			if s.Agent == id && s.Instrument == mood.PHQ9 {
				s.Answers = []int{1, 1, 1, 1, 0, 1, 1, 0, 1}
				s.At = day(29, 10)
			}
		}
		c.Events.Violations = append(c.Events.Violations, Violation{Agent: id, Kind: "missed_shift", At: day(28, 8), Note: "did not come in on Wednesday"})
	}
	// A ready senior who asked to be promoted.
	if i, ok := has(north + "-01"); ok {
		a := &c.Agents[i]
		a.Hired, a.Grade, a.WantsPromotion, a.Exams = monthStart.AddDate(-3, -2, 0), "intermediate", true, []string{"intermediate_exam", "senior_exam"}
		for k := range c.Evaluations {
			if ev := &c.Evaluations[k]; ev.Agent == a.ID {
				for j, it := range g.items {
					if !ev.Answers[j].NA {
						ev.Answers[j].Value = float64(it.Max)
					}
				}
			}
		}
		for k := range c.QAHistory {
			if c.QAHistory[k].Agent == a.ID {
				c.QAHistory[k].Score = 95 + float64(k%4)
			}
		}
		c.KPIs[i].CSAT, c.KPIs[i].FCR, c.KPIs[i].Complaints = 4.8, 86, 0
		a.QA12mMean, a.QA12mEvaluations, a.CSAT12m, a.FCR12m = 95.5, 88, 4.7, 85
	}
	// A good agent resigns over the workload.
	if i, ok := has(south + "-02"); ok {
		c.Events.Resignations = append(c.Events.Resignations, Resignation{Agent: c.Agents[i].ID, At: day(20, 17), Reason: "workload"})
		c.KPIs[i].CSAT, c.KPIs[i].FCR = 4.8, 88
	}
	// An issue raised and talked about, but no feedback ever given.
	if i, ok := has(south + "-09"); ok {
		c.Events.Issues = append(c.Events.Issues, RaisedIssue{Agent: c.Agents[i].ID, Raised: day(8, 11), Topic: "the break rota favours the day shift", InterviewAt: day(9, 16)})
	}
	// Lateness again, after a verbal warning in the summer.
	if i, ok := has(south + "-15"); ok {
		id := c.Agents[i].ID
		c.Events.Discipline = append(c.Events.Discipline, PriorStep{Agent: id, Step: "verbal_warning", At: day(1, 0).AddDate(0, -3, 14)})
		for _, d := range []int{6, 14, 22} {
			c.Events.Violations = append(c.Events.Violations, Violation{Agent: id, Kind: "late", At: day(d, 9).Add(17 * time.Minute), Note: "17 minutes late"})
		}
	}
	// An interview with the counselor, and the counselor declares a crisis:
	// it reaches the crisis owner as a questionnaire crisis would.
	if i, ok := has(south + "-11"); ok {
		c.Events.Declarations = append(c.Events.Declarations, Declaration{Agent: c.Agents[i].ID, Declaration: mood.Declaration{
			Kind: mood.DeclarationCrisis, By: "counselor.liu", Role: "counselor", At: day(27, 15),
			Why: "spoke of not wanting to go on during the individual interview"}})
	}
	// Customer information given to the wrong caller, found by QA: the call
	// fails, the finding becomes a violation for discipline, and the
	// agent's access to customer data is revoked at once.
	if i, ok := has(east + "-07"); ok {
		id := c.Agents[i].ID
		for k := range c.Evaluations {
			ev := &c.Evaluations[k]
			if ev.Agent != id || ev.Source != qa.QA || ev.At.Day() <= 10 {
				continue
			}
			for j, it := range g.items {
				if it.ID == "protect_customer_information" {
					ev.Answers[j] = qa.Answer{Item: it.ID, Value: float64(it.Min)}
				}
			}
			break
		}
	}
	// A rude and shouting call, found by QA: the service standard fails the
	// call outright, whatever the rest of it, and the finding becomes a
	// serious violation once its dispute window has passed undisputed.
	if i, ok := has(east + "-09"); ok {
		id := c.Agents[i].ID
		for k := range c.Evaluations {
			ev := &c.Evaluations[k]
			if ev.Agent != id || ev.Source != qa.QA || ev.At.Day() < 3 || ev.At.Day() > 15 {
				continue
			}
			for j, it := range g.items {
				switch it.ID {
				case "no_rudeness", "voice":
					ev.Answers[j] = qa.Answer{Item: it.ID, Value: float64(it.Min), Note: "told the caller to stop wasting her time, and raised her voice"}
				}
			}
			break
		}
	}
	// Customer information leaked on purpose: dismissal, whatever else.
	// She works no shift after it, so she breaks no rule after it either.
	if i, ok := has(east + "-04"); ok {
		id, leak := c.Agents[i].ID, day(16, 14)
		kept := c.Events.Violations[:0]
		for _, v := range c.Events.Violations {
			if v.Agent != id || v.At.Before(leak) {
				kept = append(kept, v)
			}
		}
		c.Events.Violations = append(kept, Violation{Agent: id, Kind: "customer_data_leak", At: leak, Note: "sent a customer's card details to a third party"})
	}
	// Two reorganizations in two months, and a team that keeps missing.
	// Since it took over the billing queue's evening hours, east works
	// shifts that keep it from meeting every morning: it meets weekly.
	if east != "" {
		c.ShiftTeams = append(c.ShiftTeams, east)
		c.Events.OrgChanges = append(c.Events.OrgChanges,
			OrgChange{Team: east, At: day(1, 9).AddDate(0, -1, 0), What: "merged with the billing queue"},
			OrgChange{Team: east, At: day(12, 9), What: "new shift pattern"})
	}
	if south != "" {
		c.Events.MissedTargets = append(c.Events.MissedTargets, MissedTargets{Team: south, Periods: 3})
	}
	// A calibration session on one north call, and two disputes in east.
	if north != "" && len(c.Agents) >= 2 {
		c.Events.Calibration = g.calibration(c.Agents[1].ID)
	}
	if i, ok := has(east + "-11"); ok {
		c.Events.Disputes = append(c.Events.Disputes, g.dispute(c.Agents[i].ID, true))
	}
	if i, ok := has(east + "-16"); ok {
		c.Events.Disputes = append(c.Events.Disputes, g.dispute(c.Agents[i].ID, false))
	}
}

// calibration has four evaluators score the same call, the QA lead's
// score the reference.
func (g *generator) calibration(agent string) *qa.CalibrationSession {
	at := time.Date(2026, 10, 15, 14, 0, 0, 0, cst)
	s := &qa.CalibrationSession{ID: "cal-2026-10", Interaction: "call-" + agent + "-1015", At: at, Expert: "qa.lead"}
	misses := map[string][]int{"qa.lead": {4}, "qa.north": {4}, "qa.south": {4, 7, 11}, "qa.east": {}}
	for _, who := range []string{"qa.lead", "qa.north", "qa.south", "qa.east"} {
		ev := qa.Evaluation{ID: "cal-" + who, Agent: agent, Evaluator: who, Source: qa.QA, Scorecard: g.card.ID(), Interaction: s.Interaction, At: at}
		for j, it := range g.items {
			a := qa.Answer{Item: it.ID, Value: float64(it.Max)}
			for _, m := range misses[who] {
				if m == j && it.Critical == "" {
					a.Value = float64(it.Min)
				}
			}
			ev.Answers = append(ev.Answers, a)
		}
		s.Evaluations = append(s.Evaluations, ev)
	}
	return s
}

// dispute has the agent dispute the first missed item of their first QA
// evaluation; decided ones are overturned on review.
func (g *generator) dispute(agent string, decided bool) Dispute {
	var ev *qa.Evaluation
	for k := range g.c.Evaluations {
		if e := &g.c.Evaluations[k]; e.Agent == agent && e.Source == qa.QA {
			ev = e
			break
		}
	}
	items := g.items
	pick := -1
	for j, a := range ev.Answers {
		if it := items[j]; !a.NA && a.Value < float64(it.Max) && it.Critical == "" {
			pick = j
			break
		}
	}
	if pick < 0 {
		pick = 1
		ev.Answers[pick] = qa.Answer{Item: items[pick].ID, Value: float64(items[pick].Min)}
	}
	item, full := items[pick].ID, float64(items[pick].Max)
	d := Dispute{
		Evaluation: ev.ID,
		Raise: qa.DisputeEvent{ID: "raise-" + ev.ID, Type: qa.EventRaise, At: ev.At.Add(48 * time.Hour), By: agent,
			Items: []qa.DisputeItemEvent{{Item: item, Reason: "the recording shows I did this; the evaluator missed it"}}},
	}
	if decided {
		d.Decide = &qa.DisputeEvent{ID: "decide-" + ev.ID, Type: qa.EventDecide, At: ev.At.Add(5 * 24 * time.Hour), By: "qa.lead",
			Items: []qa.DisputeItemEvent{{Item: item, Decision: qa.Overturned, Value: full, Rationale: "confirmed on the recording"}}}
	}
	return d
}
