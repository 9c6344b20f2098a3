package main

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

// Policies are the four policies a month runs under.
type Policies struct {
	Mood       *mood.Policy
	QA         *qa.Policy
	Coaching   *coaching.Policy
	Incentives *incentives.Policy
}

// DefaultPolicies returns the embedded default policies.
func DefaultPolicies() Policies {
	return Policies{mood.DefaultPolicy(), qa.DefaultPolicy(), coaching.DefaultPolicy(), incentives.DefaultPolicy()}
}

// Report is the month as a center manager reads it. It holds no screening
// answer, total, band or tier of any agent: wellbeing appears only as the
// team lead may see it (actions owed and their deadlines) and as team
// figures over groups large enough that nobody is singled out.
type Report struct {
	Month    string    `json:"month"`
	AsOf     time.Time `json:"as_of"`
	Agents   int       `json:"agents"`
	Teams    []string  `json:"teams"`
	Policies []string  `json:"policies"`

	Climate    []TeamClimate     `json:"climate"`
	Cycles     []CycleNote       `json:"cycles"`
	CareRouted []RoutedAction    `json:"care_routed"`
	QA         QAReport          `json:"qa"`
	Coaching   CoachingReport    `json:"coaching"`
	Incentives IncentivesSection `json:"incentives"`
}

// TeamClimate is one team's climate and what its lead owes.
type TeamClimate struct {
	Team    string        `json:"team"`
	Climate mood.Climate  `json:"climate"`
	MoodMap mood.MoodCell `json:"mood_map"`
	// LeadOwes is the lead's view of each member's triage: only the
	// actions the lead owes and their deadlines.
	LeadOwes []LeadItem `json:"lead_owes"`
}

// LeadItem is one action a lead owes for one agent.
type LeadItem struct {
	Agent string    `json:"agent"`
	Owed  mood.Owed `json:"owed"`
}

// RoutedAction counts actions owed by the confidential roles (counselor,
// HR, the crisis owner), who get them through their own view; the manager
// sees only how many and the earliest deadline.
type RoutedAction struct {
	Owner    string    `json:"owner"`
	Code     string    `json:"code"`
	Count    int       `json:"count"`
	Earliest time.Time `json:"earliest"`
}

// CycleNote is a recurring low found in an agent's check-ins.
type CycleNote struct {
	Agent   string          `json:"agent"`
	Finding mood.Finding    `json:"finding"`
	Action  mood.Preventive `json:"action"`
}

// QAReport is the month's quality inspection.
type QAReport struct {
	Evaluations int             `json:"evaluations"`
	PayRelevant int             `json:"pay_relevant"`
	Mean        float64         `json:"mean"`
	PassRate    float64         `json:"pass_rate"`
	Teams       []TeamQA        `json:"teams"`
	Feedback    []AgentFeedback `json:"feedback"`
	Calibration *qa.Calibration `json:"calibration,omitempty"`
	Disputes    []qa.Dispute    `json:"disputes"`
	Improvers   []qa.Improver   `json:"improvers"`
	CareSignals []string        `json:"care_signals"`
	CareTalks   []CareTalk      `json:"care_talks"`
	NextSample  int             `json:"next_month_sample"`
}

// CareTalk is an agent whose QA was long stable and excellent and then
// dropped or brought a complaint: a care talk is due, not a reprimand.
// Reason is the QA trend's sentence saying which.
type CareTalk struct {
	Agent  string `json:"agent"`
	Team   string `json:"team"`
	Reason string `json:"reason"`
}

// TeamQA is a team's pay-relevant QA figures.
type TeamQA struct {
	Team     string  `json:"team"`
	N        int     `json:"n"`
	Mean     float64 `json:"mean"`
	PassRate float64 `json:"pass_rate"`
}

// AgentFeedback is the feedback talk planned from an agent's latest
// pay-relevant evaluation.
type AgentFeedback struct {
	Agent string          `json:"agent"`
	Team  string          `json:"team"`
	Month float64         `json:"month_mean"`
	N     int             `json:"n"`
	Plan  qa.FeedbackPlan `json:"plan"`
}

// CoachingReport is the manager's conversations.
type CoachingReport struct {
	Opened     map[coaching.Kind]int        `json:"opened"`
	Held       []coaching.Proposal          `json:"held"`
	Retention  []coaching.RetentionDecision `json:"retention"`
	Due        []coaching.Reminder          `json:"due"`
	Overdue    int                          `json:"overdue"`
	Silence    int                          `json:"silence_risks"`
	Pairings   coaching.Pairings            `json:"pairings"`
	CasesTotal int                          `json:"cases"`
}

// IncentivesSection is the month's statement.
type IncentivesSection struct {
	Statement incentives.Statement `json:"statement"`
}

// agentData gathers one agent's records, by position in Center.Agents.
type agentData struct {
	screenings   []int
	checkIns     []int
	observations []int
	evaluations  []int
	life         []int
	kpi          int
}

func groupByAgent(c *Center) []agentData {
	d := make([]agentData, len(c.Agents))
	for i := range d {
		d[i].kpi = -1
	}
	for i, s := range c.Screenings {
		k := c.index[s.Agent]
		d[k].screenings = append(d[k].screenings, i)
	}
	for i, s := range c.CheckIns {
		k := c.index[s.Agent]
		d[k].checkIns = append(d[k].checkIns, i)
	}
	for i, s := range c.Observations {
		k := c.index[s.Agent]
		d[k].observations = append(d[k].observations, i)
	}
	for i, s := range c.Evaluations {
		k := c.index[s.Agent]
		d[k].evaluations = append(d[k].evaluations, i)
	}
	for i, s := range c.Events.LifeEvents {
		if k, ok := c.index[s.Agent]; ok {
			d[k].life = append(d[k].life, i)
		}
	}
	for i, k := range c.KPIs {
		d[c.index[k.Agent]].kpi = i
	}
	for k := range d {
		sort.SliceStable(d[k].checkIns, func(a, b int) bool {
			return c.CheckIns[d[k].checkIns[a]].At.Before(c.CheckIns[d[k].checkIns[b]].At)
		})
	}
	return d
}

// Run runs the month end to end: mood, then QA, then incentives (which
// need the guardrail facts of both), then the conversations (which need
// all three).
func Run(c *Center, pol Policies) (*Report, error) {
	r := &Report{
		Month: monthStart.Format("2006-01"), AsOf: asOf, Agents: len(c.Agents), Teams: append([]string(nil), c.teams...),
		Policies: []string{"mood " + pol.Mood.Identity().String(), "qa " + pol.QA.Identity().String(),
			"coaching " + pol.Coaching.Identity().String(), "incentives " + pol.Incentives.Identity().String()},
	}
	data := groupByAgent(c)

	triages, care, err := runMood(c, pol.Mood, data, r)
	if err != nil {
		return nil, fmt.Errorf("mood: %w", err)
	}
	q, err := runQA(c, pol.QA, data, r)
	if err != nil {
		return nil, fmt.Errorf("qa: %w", err)
	}
	st, err := runIncentives(c, pol.Incentives, data, care, q)
	if err != nil {
		return nil, fmt.Errorf("incentives: %w", err)
	}
	r.Incentives.Statement = st
	if err := runCoaching(c, pol.Coaching, triages, q, &st, r); err != nil {
		return nil, fmt.Errorf("coaching: %w", err)
	}
	return r, nil
}

// runMood triages every agent as of the month's end. It also says, per
// agent, whether care came first at any time in the month: in crisis or at
// the severe tier as the month began (a triage as of its first instant,
// over the screenings given by then), on a screening taken in the month,
// or at the month's end. The incentives guardrail needs the whole month,
// not its last moment: a crisis answer given late last month, or early in
// this one, may have run out of its window by the end, and a severe
// screening may have been retaken lower, yet a penalty for what happened
// meanwhile must still be held.
func runMood(c *Center, p *mood.Policy, data []agentData, r *Report) ([]mood.Triage, []careInMonth, error) {
	triages := make([]mood.Triage, len(c.Agents))
	care := make([]careInMonth, len(c.Agents))
	lead := p.AudienceOf("team_lead")
	routed := map[[2]string]*RoutedAction{}
	for i, a := range c.Agents {
		d := &data[i]
		as := mood.Assessment{Agent: a.ID, At: asOf,
			Screenings:   make([]mood.Screening, 0, len(d.screenings)),
			Observations: make([]mood.Observation, 0, len(d.observations)),
			CheckIns:     make([]mood.CheckIn, 0, len(d.checkIns))}
		for _, k := range d.screenings {
			s := &c.Screenings[k]
			sc, err := mood.Score(s.Instrument, s.Answers)
			if err != nil {
				return nil, nil, fmt.Errorf("screenings[%d]: %w", k, err)
			}
			sc.At = s.At
			as.Screenings = append(as.Screenings, sc)
			if !sc.At.Before(monthStart) {
				care[i].crisis = care[i].crisis || sc.Crisis
				care[i].severe = care[i].severe || p.TierOf(sc) == mood.Severe
			}
		}
		if err := careAtStart(p, a.ID, as.Screenings, &care[i]); err != nil {
			return nil, nil, err
		}
		for _, k := range d.observations {
			o := &c.Observations[k]
			as.Observations = append(as.Observations, mood.Observation{Kind: o.Kind, At: o.At})
		}
		for _, k := range d.checkIns {
			as.CheckIns = append(as.CheckIns, mood.CheckIn{At: c.CheckIns[k].At, Mood: c.CheckIns[k].Mood})
		}
		hist := mood.History{Agent: a.ID, CheckIns: as.CheckIns}
		t, err := p.Triage(as)
		if err != nil {
			return nil, nil, fmt.Errorf("agent %s: %w", a.ID, err)
		}
		triages[i] = t
		care[i].crisis = care[i].crisis || t.Crisis
		care[i].severe = care[i].severe || t.Tier == mood.Severe
		for _, act := range t.Actions {
			if act.Owner == "team_lead" {
				continue
			}
			key := [2]string{act.Owner, act.Code}
			ra := routed[key]
			if ra == nil {
				ra = &RoutedAction{Owner: act.Owner, Code: act.Code, Earliest: act.Deadline}
				routed[key] = ra
			}
			ra.Count++
			if act.Deadline.Before(ra.Earliest) {
				ra.Earliest = act.Deadline
			}
		}

		for _, k := range d.life {
			e := c.Events.LifeEvents[k]
			hist.Events = append(hist.Events, mood.Event{Kind: e.Kind, At: e.At})
		}
		if len(hist.CheckIns) > 0 {
			cy, err := p.Cycles(hist)
			if err != nil {
				return nil, nil, fmt.Errorf("agent %s cycles: %w", a.ID, err)
			}
			for _, f := range cy.Findings {
				r.Cycles = append(r.Cycles, CycleNote{Agent: a.ID, Finding: f, Action: f.Action})
			}
		}
	}
	for _, ra := range routed {
		r.CareRouted = append(r.CareRouted, *ra)
	}
	sort.Slice(r.CareRouted, func(i, j int) bool {
		a, b := r.CareRouted[i], r.CareRouted[j]
		if a.Owner != b.Owner {
			return a.Owner < b.Owner
		}
		return a.Code < b.Code
	})

	missed := map[string]int{}
	for _, m := range c.Events.MissedTargets {
		missed[m.Team] = m.Periods
	}
	var groups []mood.MoodGroup
	for _, team := range c.teams {
		tc := TeamClimate{Team: team}
		in := mood.Team{Team: team, At: asOf, MissedTargets: missed[team]}
		g := mood.MoodGroup{ID: team}
		for _, i := range c.byTeam[team] {
			t := triages[i]
			in.Members = append(in.Members, t)
			for _, o := range p.View(t, lead).Owed {
				tc.LeadOwes = append(tc.LeadOwes, LeadItem{Agent: t.Agent, Owed: o})
			}
			if n := len(data[i].checkIns); n > 0 {
				g.Moods = append(g.Moods, c.CheckIns[data[i].checkIns[n-1]].Mood)
			}
		}
		for _, oc := range c.Events.OrgChanges {
			if oc.Team == team {
				in.Changes = append(in.Changes, mood.OrgChange{Kind: "reorganization", At: oc.At})
			}
		}
		cl, err := p.Climate(in)
		if err != nil {
			return nil, nil, fmt.Errorf("team %s: %w", team, err)
		}
		tc.Climate = cl
		r.Climate = append(r.Climate, tc)
		groups = append(groups, g)
	}
	mm, err := p.MoodMap(groups)
	if err != nil {
		return nil, nil, err
	}
	for i := range r.Climate {
		r.Climate[i].MoodMap = mm.Groups[i]
	}
	return triages, care, nil
}

// careInMonth says whether an agent was in crisis, or at the severe tier,
// at any time in the month.
type careInMonth struct{ crisis, severe bool }

// careAtStart triages the agent as of the month's first instant, over the
// screenings given by then, and marks care for a crisis in force or a
// severe tier at that moment.
func careAtStart(p *mood.Policy, agent string, screenings []mood.Screening, care *careInMonth) error {
	before := make([]mood.Screening, 0, len(screenings))
	for _, s := range screenings {
		if !s.At.After(monthStart) {
			before = append(before, s)
		}
	}
	if len(before) == 0 {
		return nil
	}
	t, err := p.Triage(mood.Assessment{Agent: agent, At: monthStart, Screenings: before})
	if err != nil {
		return fmt.Errorf("agent %s as the month began: %w", agent, err)
	}
	care.crisis = care.crisis || t.Crisis
	care.severe = care.severe || t.Tier == mood.Severe
	return nil
}

// qaMonth is what QA leaves for the later steps.
type qaMonth struct {
	mean, improvement []float64 // per agent; NaN-free: see n
	n                 []int     // pay-relevant evaluations behind mean
	disputeOpen       []bool
	trends            map[string]qa.Trend
}

func runQA(c *Center, p *qa.Policy, data []agentData, r *Report) (*qaMonth, error) {
	q := &qaMonth{
		mean: make([]float64, len(c.Agents)), improvement: make([]float64, len(c.Agents)),
		n: make([]int, len(c.Agents)), disputeOpen: make([]bool, len(c.Agents)), trends: map[string]qa.Trend{},
	}
	results := make([]qa.Result, len(c.Evaluations))
	evIndex := make(map[string]int, len(c.Evaluations))
	for i := range c.Evaluations {
		ev := &c.Evaluations[i]
		sc, ok := p.Scorecard(ev.Scorecard)
		if !ok {
			return nil, fmt.Errorf("evaluations[%d].scorecard: unknown scorecard %q", i, ev.Scorecard)
		}
		res, err := sc.Score(*ev)
		if err != nil {
			return nil, fmt.Errorf("evaluations[%d] (%s): %w", i, ev.ID, err)
		}
		results[i] = res
		evIndex[ev.ID] = i
	}

	held := make([]bool, len(c.Evaluations))
	for _, dd := range c.Events.Disputes {
		i, ok := evIndex[dd.Evaluation]
		if !ok {
			return nil, fmt.Errorf("dispute of unknown evaluation %q", dd.Evaluation)
		}
		d, err := p.OpenDispute(c.Evaluations[i], dd.Raise)
		if err != nil {
			return nil, fmt.Errorf("dispute of %s: %w", dd.Evaluation, err)
		}
		if dd.Decide != nil {
			if d, err = p.Apply(d, *dd.Decide); err != nil {
				return nil, fmt.Errorf("decision on %s: %w", dd.Evaluation, err)
			}
		}
		if d.Held() {
			held[i] = true
			q.disputeOpen[c.index[c.Evaluations[i].Agent]] = true
		} else {
			// The decided answers replace the evaluation's; every version of
			// the score stays in the dispute.
			ev := d.Evaluation
			ev.Answers = d.Answers
			sc, _ := p.Scorecard(ev.Scorecard)
			if results[i], err = sc.Score(ev); err != nil {
				return nil, fmt.Errorf("re-scoring %s: %w", dd.Evaluation, err)
			}
		}
		r.QA.Disputes = append(r.QA.Disputes, d)
	}

	teamN, teamSum, teamPass := map[string]int{}, map[string]float64{}, map[string]int{}
	var total float64
	var passed int
	r.QA.Evaluations = len(results)
	trendIn := qa.TrendInput{Complaints: c.Events.ComplaintsLogs}
	for m := 3; m >= 0; m-- {
		start := monthStart.AddDate(0, -m, 0)
		trendIn.Periods = append(trendIn.Periods, callfloor.Period{ID: start.Format("2006-01"), Start: start, End: start.AddDate(0, 1, 0)})
	}
	trendIn.Scores = make([]qa.ScorePoint, 0, len(c.QAHistory)+len(c.Evaluations))
	trendIn.Scores = append(trendIn.Scores, c.QAHistory...)
	for i, a := range c.Agents {
		latest := -1
		for _, k := range data[i].evaluations {
			res := &results[k]
			if !res.PayRelevant || held[k] {
				continue
			}
			q.mean[i] += res.Score
			q.n[i]++
			if res.Passed {
				teamPass[a.Team]++
				passed++
			}
			teamN[a.Team]++
			teamSum[a.Team] += res.Score
			total += res.Score
			trendIn.Scores = append(trendIn.Scores, qa.ScorePoint{Agent: a.ID, Team: a.Team, Evaluation: res.Evaluation, At: res.At, Score: res.Score})
			if latest < 0 || res.At.After(results[latest].At) {
				latest = k
			}
		}
		if q.n[i] > 0 {
			q.mean[i] /= float64(q.n[i])
		}
		if latest >= 0 {
			plan, err := p.Feedback(results[latest])
			if err != nil {
				return nil, fmt.Errorf("feedback for %s: %w", a.ID, err)
			}
			r.QA.Feedback = append(r.QA.Feedback, AgentFeedback{Agent: a.ID, Team: a.Team, Month: q.mean[i], N: q.n[i], Plan: plan})
		}
	}
	r.QA.PayRelevant = passedOf(teamN)
	if r.QA.PayRelevant > 0 {
		r.QA.Mean = total / float64(r.QA.PayRelevant)
		r.QA.PassRate = float64(passed) / float64(r.QA.PayRelevant)
	}
	for _, team := range c.teams {
		t := TeamQA{Team: team, N: teamN[team]}
		if t.N > 0 {
			t.Mean = teamSum[team] / float64(t.N)
			t.PassRate = float64(teamPass[team]) / float64(t.N)
		}
		r.QA.Teams = append(r.QA.Teams, t)
	}

	if s := c.Events.Calibration; s != nil {
		sc, ok := p.Scorecard(s.Evaluations[0].Scorecard)
		if !ok {
			return nil, fmt.Errorf("calibration: unknown scorecard %q", s.Evaluations[0].Scorecard)
		}
		cal, err := sc.Calibrate(*s)
		if err != nil {
			return nil, fmt.Errorf("calibration: %w", err)
		}
		r.QA.Calibration = &cal
	}

	tr, err := p.Trends(trendIn)
	if err != nil {
		return nil, fmt.Errorf("trends: %w", err)
	}
	r.QA.Improvers = tr.Improvers
	for _, t := range tr.Trends {
		q.trends[t.Agent] = t
		if t.StableExcellentThenDrop {
			r.QA.CareSignals = append(r.QA.CareSignals, t.Agent)
			ct := CareTalk{Agent: t.Agent}
			if k, ok := c.index[t.Agent]; ok {
				ct.Team = c.Agents[k].Team
			}
			for _, rs := range t.Reasons {
				if rs.Rule == "trends.care" {
					ct.Reason = rs.Text
				}
			}
			r.QA.CareTalks = append(r.QA.CareTalks, ct)
		}
		if k, ok := c.index[t.Agent]; ok && len(t.Periods) >= 2 {
			last, prev := t.Periods[len(t.Periods)-1], t.Periods[len(t.Periods)-2]
			if last.N > 0 && prev.N > 0 {
				q.improvement[k] = last.Mean - prev.Mean
			}
		}
	}

	sample := make([]qa.SampleAgent, len(c.Agents))
	for i, a := range c.Agents {
		sample[i] = qa.SampleAgent{Agent: a.ID, HiredAt: a.Hired, RecentMean: q.mean[i], RecentN: q.n[i]}
	}
	next := callfloor.Period{ID: monthEnd.Format("2006-01"), Start: monthEnd, End: monthEnd.AddDate(0, 1, 0)}
	plan, err := p.SamplingPlan(next, sample)
	if err != nil {
		return nil, fmt.Errorf("sampling: %w", err)
	}
	r.QA.NextSample = plan.Total
	return q, nil
}

func passedOf(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func runIncentives(c *Center, p *incentives.Policy, data []agentData, care []careInMonth, q *qaMonth) (incentives.Statement, error) {
	records := make([]incentives.AgentRecord, len(c.Agents))
	prior := map[string][]incentives.PriorStep{}
	for _, s := range c.Events.Discipline {
		prior[s.Agent] = append(prior[s.Agent], incentives.PriorStep{Step: incentives.Step(s.Step), At: s.At})
	}
	violations := map[string][]incentives.Violation{}
	for i, v := range c.Events.Violations {
		violations[v.Agent] = append(violations[v.Agent], incentives.Violation{ID: v.At.Format("01-02") + "/" + v.Kind + "/" + strconv.Itoa(i+1), Kind: v.Kind, At: v.At})
	}
	for i, a := range c.Agents {
		rec := incentives.AgentRecord{
			ID: a.ID, Team: a.Team, Hired: a.Hired, Grade: a.Grade, ExamsPassed: a.Exams,
			QAEvaluations: q.n[i], QADisputeOpen: q.disputeOpen[i],
			Crisis: care[i].crisis, SevereTier: care[i].severe,
			Discipline: prior[a.ID], Violations: violations[a.ID],
			Metrics: make(map[string]float64, 11),
		}
		if k := data[i].kpi; k >= 0 {
			kp := &c.KPIs[k]
			rec.Metrics["calls"] = kp.Calls
			rec.Metrics["csat"] = kp.CSAT
			rec.Metrics["aht_seconds"] = kp.AHTSeconds
			rec.Metrics["fcr"] = kp.FCR
			rec.Metrics["answered_in_3_rings"] = kp.AnsweredIn3Rings
			rec.Metrics["attendance"] = kp.Attendance
			rec.Metrics["adherence"] = kp.Adherence
			rec.Metrics["compliments"] = kp.Compliments
			rec.Metrics["complaints"] = kp.Complaints
		}
		if q.n[i] > 0 {
			rec.Metrics["qa_avg"] = q.mean[i]
			rec.Metrics["qa_improvement"] = q.improvement[i]
		}
		// The ladder reads the long run: the eleven months before, and
		// this one.
		if n := a.QA12mEvaluations + q.n[i]; n > 0 {
			rec.Career.QAEvaluations = n
			rec.Career.QAAverage = (a.QA12mMean*float64(a.QA12mEvaluations) + q.mean[i]*float64(q.n[i])) / float64(n)
		}
		if a.QA12mEvaluations > 0 {
			rec.Career.Metrics = map[string]float64{"csat": a.CSAT12m, "fcr": a.FCR12m}
		}
		records[i] = rec
	}
	return p.Evaluate(incentives.MonthOf(monthStart), records)
}

func runCoaching(c *Center, p *coaching.Policy, triages []mood.Triage, q *qaMonth, st *incentives.Statement, r *Report) error {
	cr := &r.Coaching
	cr.Opened = map[coaching.Kind]int{}
	eligible := map[string]bool{}
	for _, car := range st.Careers {
		for _, n := range car.Next {
			if n.Met && !n.OnApplication {
				eligible[car.Agent] = true
			}
		}
		if car.Qualifies != car.Grade {
			eligible[car.Agent] = true
		}
	}
	resigned := map[string]time.Time{}
	for _, rs := range c.Events.Resignations {
		resigned[rs.Agent] = rs.At
	}
	var cases []coaching.Case
	byAgent := map[string][]coaching.Case{}

	// Issues the agents raised are cases from the day they were raised; the
	// lead held the talk, and nothing since.
	for _, is := range c.Events.Issues {
		cs, err := p.Open(coaching.EmployeeIssue, is.Agent, is.Raised)
		if err != nil {
			return err
		}
		cs, err = p.Apply(cs, coaching.Event{ID: "issue-talk-" + is.Agent, Case: cs.ID, By: "team_lead", Type: coaching.EventComplete,
			Step: cs.Next(), At: is.InterviewAt, Records: recordsFor(p, coaching.EmployeeIssue, cs.Next(), is.Topic)})
		if err != nil {
			return err
		}
		cases = append(cases, cs)
		byAgent[is.Agent] = append(byAgent[is.Agent], cs)
		cr.Opened[coaching.EmployeeIssue]++
	}

	for i, a := range c.Agents {
		sig := coaching.MoodSignals(triages[i])
		if t, ok := q.trends[a.ID]; ok {
			sig = sig.Merge(coaching.QASignals(t))
		}
		extra := coaching.Signals{
			"days_since_review":   float64(int(asOf.Sub(a.LastReview).Hours() / 24)),
			"eligible_next_grade": b2f(eligible[a.ID]),
			"wants_promotion":     b2f(a.WantsPromotion),
			"resigned":            b2f(!resigned[a.ID].IsZero()),
			"tenure_days":         float64(int(asOf.Sub(a.Hired).Hours() / 24)),
		}
		sig = sig.Merge(extra)
		props, err := p.Propose(a.ID, sig, byAgent[a.ID])
		if err != nil {
			return fmt.Errorf("agent %s: %w", a.ID, err)
		}
		cr.Held = append(cr.Held, props.Held...)
		for _, pr := range props.Proposed {
			at := asOf
			if pr.Kind == coaching.ExitInterview {
				at = resigned[a.ID]
				dec, err := p.Retention(a.ID, sig)
				if err != nil {
					return err
				}
				cr.Retention = append(cr.Retention, dec)
			}
			cs, err := p.Open(pr.Kind, a.ID, at)
			if err != nil {
				return err
			}
			cases = append(cases, cs)
			byAgent[a.ID] = append(byAgent[a.ID], cs)
			cr.Opened[pr.Kind]++
		}
	}
	cr.CasesTotal = len(cases)
	var due []coaching.Reminder
	for _, cs := range cases {
		due = p.AppendDue(due, cs, asOf)
	}
	for _, d := range due {
		if d.Overdue {
			cr.Overdue++
		}
		if d.SilenceRisk {
			cr.Silence++
		}
	}
	cr.Due = due

	staff := make([]coaching.Employee, len(c.Agents))
	for i, a := range c.Agents {
		staff[i] = coaching.Employee{ID: a.ID, Team: a.Team, Hired: a.Hired, Away: !resigned[a.ID].IsZero()}
	}
	pairs, err := p.Pairings(staff, asOf)
	if err != nil {
		return err
	}
	cr.Pairings = pairs
	return nil
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// recordsFor fills the records a step must keep, as the lead's form would.
func recordsFor(p *coaching.Policy, k coaching.Kind, step, topic string) []coaching.Record {
	w, _ := p.Workflow(k)
	var out []coaching.Record
	for _, s := range w.Steps {
		if s.ID == step {
			for _, name := range s.Records {
				out = append(out, coaching.Record{Name: name, Value: topic})
			}
		}
	}
	return out
}
