package main

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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

// DefaultPolicies returns the embedded default policies, in English.
func DefaultPolicies() Policies {
	return Policies{mood.DefaultPolicy(), qa.DefaultPolicy(), coaching.DefaultPolicy(), incentives.DefaultPolicy()}
}

// DefaultPoliciesFor returns the embedded default policies of the bundled
// locale tag ("en", "zh-CN"): each package's default written in that
// language, which words every result in it.
func DefaultPoliciesFor(tag string) (Policies, error) {
	var p Policies
	var err error
	if p.Mood, err = mood.DefaultPolicyFor(tag); err != nil {
		return p, err
	}
	if p.QA, err = qa.DefaultPolicyFor(tag); err != nil {
		return p, err
	}
	if p.Coaching, err = coaching.DefaultPolicyFor(tag); err != nil {
		return p, err
	}
	if p.Incentives, err = incentives.DefaultPolicyFor(tag); err != nil {
		return p, err
	}
	return p, nil
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

	// Omitted counts, per list, the items left out under Options.Detail.
	Omitted Omitted `json:"omitted"`

	// teamOf maps every agent to their team, so that Render orders the
	// lists of agents the report holds without searching for their teams.
	teamOf map[string]string
	// pol are the policies the month ran under, whose display names
	// RenderIn uses.
	pol *Policies
}

// Omitted counts the items each per-agent list leaves out when a report
// shows only the first agents of each team (Options.Detail); all zero when
// it shows every agent.
type Omitted struct {
	LeadOwes     int `json:"lead_owes"`
	Cycles       int `json:"cycles"`
	Feedback     int `json:"feedback"`
	Urgent       int `json:"urgent"`
	Pairs        int `json:"pairs"`
	Recognitions int `json:"recognitions"`
	Steps        int `json:"steps"`
	Holds        int `json:"holds"`
	Grades       int `json:"grades"`
	Agents       int `json:"agents"`
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
	// Findings are the critical QA findings the incentives policy turns
	// into violations, each with its evaluation as evidence; HeldFindings
	// are those whose evaluation is under an open dispute.
	Findings     []incentives.QAViolation `json:"findings"`
	HeldFindings []incentives.HeldFinding `json:"held_findings"`
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
	Opened    map[coaching.Kind]int        `json:"opened"`
	Held      []coaching.Proposal          `json:"held"`
	Retention []coaching.RetentionDecision `json:"retention"`
	// Owed counts the steps owed as of the report; Overdue and Silence
	// count those past their deadline and those that leave an employee
	// without feedback.
	Owed    int `json:"steps_owed"`
	Overdue int `json:"overdue"`
	Silence int `json:"silence_risks"`
	// Urgent are the steps overdue or at a silence risk.
	Urgent []coaching.Reminder `json:"urgent"`
	// Due is every step owed; it is kept only when the report shows every
	// agent (Options.Detail 0).
	Due        []coaching.Reminder `json:"due,omitempty"`
	Pairings   coaching.Pairings   `json:"pairings"`
	CasesTotal int                 `json:"cases"`
	// Meetings are the team meetings owed in the month, over every team.
	Meetings []MeetingsOwed `json:"meetings"`
}

// MeetingsOwed counts one team meeting of the policy owed in the month,
// over every team: how many, how many of them longer (the Monday rule),
// and what each covers.
type MeetingsOwed struct {
	Meeting string           `json:"meeting"`
	Title   string           `json:"title"`
	Count   int              `json:"count"`
	Longer  int              `json:"longer"`
	Topics  []coaching.Topic `json:"topics"`
}

// IncentivesSection is the month's statement. When the report shows only
// the first agents of each team, Statement holds the totals of the center,
// the teams and the contests in full, and the lines, totals and
// recognitions of the agents shown; HoldLines and PrivateItems count over
// every agent.
type IncentivesSection struct {
	Statement    incentives.Statement `json:"statement"`
	HoldLines    int                  `json:"hold_lines"`
	PrivateItems int                  `json:"private_items"`
}

// Options say how much of the month a report keeps and how the month runs.
type Options struct {
	// Detail is how many agents of each team every per-agent list keeps,
	// the first by id; 0 keeps every agent. Report.Omitted counts the
	// items left out. A report for people to read keeps a few; a report
	// for machines keeps all.
	Detail int
	// Workers is how many teams are worked on at once; 0 means
	// runtime.GOMAXPROCS. The report is the same whatever the number.
	Workers int

	// probe, when set, is called between the steps and once the
	// statement is evaluated, while every record and the whole statement
	// are held: -scale measures the memory the month holds there.
	probe func()
}

func (o *Options) step() {
	if o.probe != nil {
		o.probe()
	}
}

// Run runs the month end to end under the policies, team by team: first
// each team's wellbeing and quality, then the one step that needs the
// whole center (the incentives statement, whose bonus pools and contests
// span teams), then each team's conversations, which read all three. The
// teams are worked on in parallel; every team's results are merged in the
// order of Report.Teams, so the report does not depend on Options.Workers.
//
// Memory stays proportional to what the report keeps: each agent's
// screenings, evaluations and triage are dropped once the agent's team is
// done, and between the steps the month holds per agent only its
// incentives record and its conversation signals.
func Run(c *Center, pol Policies, o Options) (*Report, error) {
	if o.Detail < 0 {
		return nil, fmt.Errorf("detail must be 0 (every agent) or more, not %d", o.Detail)
	}
	m, err := newMonth(c, pol, o)
	if err != nil {
		return nil, err
	}
	r := &Report{
		Month: monthStart.Format("2006-01"), AsOf: asOf, Agents: len(c.Agents), Teams: append([]string(nil), c.teams...),
		Policies: []string{"mood " + pol.Mood.Identity().String(), "qa " + pol.QA.Identity().String(),
			"coaching " + pol.Coaching.Identity().String(), "incentives " + pol.Incentives.Identity().String()},
		pol: &pol,
	}
	if err := m.eachTeam(m.wellbeingAndQuality); err != nil {
		return nil, err
	}
	o.step()
	if err := m.mergeWellbeingAndQuality(r); err != nil {
		return nil, err
	}
	m.dropRecordIndexes()
	o.step()
	if err := m.incentives(r); err != nil {
		return nil, fmt.Errorf("incentives: %w", err)
	}
	o.step()
	if err := m.eachTeam(m.conversations); err != nil {
		return nil, err
	}
	o.step()
	if err := m.mergeConversations(r); err != nil {
		return nil, fmt.Errorf("coaching: %w", err)
	}
	r.teamOf = m.teamsOfNamed(r)
	return r, nil
}

// teamsOfNamed maps to their teams the agents that the report's lists name
// without their team, for Render to order them; every other list carries
// its team.
func (m *month) teamsOfNamed(r *Report) map[string]string {
	teams := map[string]string{}
	add := func(agent string) {
		if i, ok := m.c.index[agent]; ok {
			teams[agent] = m.c.Agents[i].Team
		}
	}
	for _, cy := range r.Cycles {
		add(cy.Agent)
	}
	for _, d := range r.QA.Disputes {
		add(d.Evaluation.Agent)
	}
	for _, f := range r.QA.Findings {
		add(f.Agent)
	}
	for _, f := range r.QA.HeldFindings {
		add(f.Agent)
	}
	for _, h := range r.Coaching.Held {
		add(h.Subject)
	}
	for _, rd := range r.Coaching.Retention {
		add(rd.Subject)
	}
	for _, d := range r.Coaching.Urgent {
		add(d.Subject)
	}
	for _, d := range r.Coaching.Due {
		add(d.Subject)
	}
	return teams
}

// byAgent lists the records of each agent, in the records' order: agent
// i's are pos[start[i]:start[i+1]], positions in the record slice. One
// array for all agents costs four bytes a record, where a slice per agent
// would cost a header and a spare capacity each.
type byAgent struct{ start, pos []int32 }

func indexByAgent(agents, records int, agentOf func(int) int) byAgent {
	b := byAgent{start: make([]int32, agents+1), pos: make([]int32, records)}
	for i := 0; i < records; i++ {
		b.start[agentOf(i)+1]++
	}
	for i := 1; i <= agents; i++ {
		b.start[i] += b.start[i-1]
	}
	next := append([]int32(nil), b.start[:agents]...)
	for i := 0; i < records; i++ {
		a := agentOf(i)
		b.pos[next[a]] = int32(i)
		next[a]++
	}
	return b
}

func (b byAgent) of(agent int) []int32 { return b.pos[b.start[agent]:b.start[agent+1]] }

// month is one run: the center, its indexes, and what each step leaves for
// the next.
type month struct {
	c   *Center
	pol Policies
	o   Options
	ro  *roster

	screenings, checkIns, observations, evaluations, history byAgent
	complaints, life, issues, violations, discipline         byAgent
	declarations                                             byAgent
	kpi                                                      []int32 // position in KPIs, -1 for none
	resigned                                                 []time.Time
	members                                                  [][]int // per team, as in the agents file
	disputes                                                 [][]int // per team, positions in Events.Disputes
	disputed                                                 []int   // per dispute, the position of its evaluation
	periods                                                  []callfloor.Period
	lead                                                     mood.Audience

	// Per agent, from the first step to the last.
	records []incentives.AgentRecord
	signals []agentSignals
	// eligible says, per agent, whether the statement found them eligible
	// for a higher grade.
	eligible []bool

	teams []teamMonth
}

// teamMonth is one team's part of the report, before it is merged.
type teamMonth struct {
	climate   TeamClimate
	leadOmit  int
	routed    map[[2]string]*RoutedAction
	cycles    []CycleNote
	cycleOmit int
	feedback  []AgentFeedback
	fbOmit    int
	disputes  []qa.Dispute
	qa        TeamQA
	qaSum     float64
	passed    int
	care      []CareTalk
	improvers []qa.Improver
	findings  []incentives.QAViolation
	heldQA    []incentives.HeldFinding

	held       []coaching.Proposal
	retention  []coaching.RetentionDecision
	opened     map[coaching.Kind]int
	cases      int
	owed       int
	overdue    int
	silence    int
	urgent     []coaching.Reminder
	urgentOmit int
	due        []coaching.Reminder
	meetings   []coaching.Meeting
}

func newMonth(c *Center, pol Policies, o Options) (*month, error) {
	n := len(c.Agents)
	agent := func(id string) int { return c.index[id] }
	m := &month{c: c, pol: pol, o: o, lead: pol.Mood.AudienceOf("team_lead")}
	m.screenings = indexByAgent(n, len(c.Screenings), func(i int) int { return agent(c.Screenings[i].Agent) })
	m.checkIns = indexByAgent(n, len(c.CheckIns), func(i int) int { return agent(c.CheckIns[i].Agent) })
	m.observations = indexByAgent(n, len(c.Observations), func(i int) int { return agent(c.Observations[i].Agent) })
	m.evaluations = indexByAgent(n, len(c.Evaluations), func(i int) int { return agent(c.Evaluations[i].Agent) })
	m.history = indexByAgent(n, len(c.QAHistory), func(i int) int { return agent(c.QAHistory[i].Agent) })
	ev := &c.Events
	m.complaints = indexByAgent(n, len(ev.ComplaintsLogs), func(i int) int { return agent(ev.ComplaintsLogs[i].Agent) })
	m.life = indexByAgent(n, len(ev.LifeEvents), func(i int) int { return agent(ev.LifeEvents[i].Agent) })
	m.issues = indexByAgent(n, len(ev.Issues), func(i int) int { return agent(ev.Issues[i].Agent) })
	m.violations = indexByAgent(n, len(ev.Violations), func(i int) int { return agent(ev.Violations[i].Agent) })
	m.discipline = indexByAgent(n, len(ev.Discipline), func(i int) int { return agent(ev.Discipline[i].Agent) })
	m.declarations = indexByAgent(n, len(ev.Declarations), func(i int) int { return agent(ev.Declarations[i].Agent) })
	m.kpi = make([]int32, n)
	for i := range m.kpi {
		m.kpi[i] = -1
	}
	for i, k := range c.KPIs {
		m.kpi[agent(k.Agent)] = int32(i)
	}
	m.resigned = make([]time.Time, n)
	for _, rs := range ev.Resignations {
		m.resigned[agent(rs.Agent)] = rs.At
	}

	teamIndex := make(map[string]int, len(c.teams))
	// The lists the month bounds carry their agents' teams: the roster
	// needs only the order of the teams.
	m.ro = &roster{rank: teamIndex}
	m.members = make([][]int, len(c.teams))
	for t, team := range c.teams {
		teamIndex[team] = t
		m.members[t] = c.byTeam[team]
	}

	// A dispute names its evaluation by id; the last evaluation of that id
	// is the one disputed.
	wanted := make(map[string]bool, len(ev.Disputes))
	for _, d := range ev.Disputes {
		wanted[d.Evaluation] = true
	}
	last := make(map[string]int, len(wanted))
	for i := range c.Evaluations {
		if id := c.Evaluations[i].ID; wanted[id] {
			last[id] = i
		}
	}
	m.disputes = make([][]int, len(c.teams))
	m.disputed = make([]int, len(ev.Disputes))
	for i, d := range ev.Disputes {
		k, ok := last[d.Evaluation]
		if !ok {
			return nil, fmt.Errorf("qa: dispute of unknown evaluation %q", d.Evaluation)
		}
		m.disputed[i] = k
		t := teamIndex[c.Agents[agent(c.Evaluations[k].Agent)].Team]
		m.disputes[t] = append(m.disputes[t], i)
	}

	for back := 3; back >= 0; back-- {
		start := monthStart.AddDate(0, -back, 0)
		m.periods = append(m.periods, callfloor.Period{ID: start.Format("2006-01"), Start: start, End: start.AddDate(0, 1, 0)})
	}
	m.records = make([]incentives.AgentRecord, n)
	m.signals = make([]agentSignals, n)
	m.teams = make([]teamMonth, len(c.teams))
	return m, nil
}

// dropRecordIndexes lets go of the indexes of the records the first step
// read, before the statement is evaluated: the month's peak of memory is
// the statement's evaluation, over every agent's record at once.
func (m *month) dropRecordIndexes() {
	m.screenings, m.checkIns, m.observations, m.evaluations, m.history = byAgent{}, byAgent{}, byAgent{}, byAgent{}, byAgent{}
	m.complaints, m.life, m.violations, m.discipline, m.declarations = byAgent{}, byAgent{}, byAgent{}, byAgent{}, byAgent{}
	m.kpi, m.disputes, m.disputed = nil, nil, nil
}

// eachTeam runs step on every team, Options.Workers at a time. The error
// is that of the first team, in the order of the teams, that failed, so
// that it too does not depend on the number of workers.
func (m *month) eachTeam(step func(w *worker, t int) error) error {
	n := len(m.teams)
	workers := m.o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	errs := make([]error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &worker{}
			for {
				t := int(next.Add(1) - 1)
				if t >= n {
					return
				}
				errs[t] = step(w, t)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// worker holds what one goroutine reuses from agent to agent and from
// team to team, so that the month allocates in proportion to what it
// keeps rather than to what it reads. None of the packages keeps a
// reference to its input.
type worker struct {
	// scored and latest are QA results scored into again and again: the
	// evaluation just scored, and the agent's latest pay-relevant one.
	scored, latest qa.Result

	screenings, before []mood.Screening
	observations       []mood.Observation
	checkIns           []mood.CheckIn
	events             []mood.Event
	points             []qa.ScorePoint
	complaints         []qa.Complaint
}

// admitted bounds a per-agent list to the first Options.Detail agents of a
// team: add reports whether an agent's items enter the list, and counts
// them as omitted when they do not.
type admitted struct {
	detail, agents, omitted int
}

func (a *admitted) add(items int) bool {
	if items == 0 {
		return false
	}
	if a.detail > 0 && a.agents >= a.detail {
		a.omitted += items
		return false
	}
	a.agents++
	return true
}

// byID returns a team's members ordered by agent id, the order of every
// per-agent list of the report.
func (m *month) byID(t int) []int {
	ids := append([]int(nil), m.members[t]...)
	sort.Slice(ids, func(a, b int) bool { return m.c.Agents[ids[a]].ID < m.c.Agents[ids[b]].ID })
	return ids
}

// agentSignals is what the conversations read of an agent's triage and QA
// trend, kept between the steps in a few bytes rather than in a map: the
// fields coaching.MoodSignals and coaching.QASignals turn into signals.
type agentSignals struct {
	tier           mood.Tier
	watch, crisis  bool
	trend          bool // whether the agent has a QA trend at all
	stableThenDrop bool
	belowBar       int
	latest         qa.PeriodStat
}

// of gives the agent's signals from their triage and QA trend.
func (s *agentSignals) of() coaching.Signals {
	sig := coaching.MoodSignals(mood.Triage{Tier: s.tier, Watch: s.watch, Crisis: s.crisis})
	if s.trend {
		sig = sig.Merge(coaching.QASignals(qa.Trend{Latest: s.latest, PeriodsBelowBar: s.belowBar, StableExcellentThenDrop: s.stableThenDrop}))
	}
	return sig
}

// agentMonth is what the first step learns of one agent and keeps until
// its team is done.
type agentMonth struct {
	triage   mood.Triage
	owed     []mood.Owed
	cycles   []mood.Finding
	care     careInMonth
	mean     float64
	n        int
	disputed bool
	improved float64
	// qaViolations are the violations the agent's QA findings give.
	qaViolations []incentives.Violation
}

// wellbeingAndQuality is the first step for team t: triage, climate and
// cycles; every evaluation scored, disputes decided, feedback planned and
// trends found; then each agent's incentives record and conversation
// signals.
func (m *month) wellbeingAndQuality(w *worker, t int) error {
	c, out := m.c, &m.teams[t]
	team := c.teams[t]
	members := m.members[t]
	agents := make([]agentMonth, len(members))
	slot := make(map[int]int, len(members)) // agent -> position in members
	for k, i := range members {
		slot[i] = k
	}

	// Wellbeing.
	p := m.pol.Mood
	out.routed = map[[2]string]*RoutedAction{}
	g := mood.MoodGroup{ID: team}
	in := mood.Team{Team: team, At: asOf, Members: make([]mood.Triage, 0, len(members))}
	for k, i := range members {
		am := &agents[k]
		if err := m.triage(w, i, am); err != nil {
			return err
		}
		for _, act := range am.triage.Actions {
			if act.Owner == "team_lead" {
				continue
			}
			key := [2]string{act.Owner, act.Code}
			ra := out.routed[key]
			if ra == nil {
				ra = &RoutedAction{Owner: act.Owner, Code: act.Code, Earliest: act.Deadline}
				out.routed[key] = ra
			}
			ra.Count++
			if act.Deadline.Before(ra.Earliest) {
				ra.Earliest = act.Deadline
			}
		}
		am.owed = p.View(am.triage, m.lead).Owed
		if ci := m.checkIns.of(i); len(ci) > 0 {
			g.Moods = append(g.Moods, c.CheckIns[ci[len(ci)-1]].Mood)
		}
		in.Members = append(in.Members, am.triage)
		m.signals[i] = agentSignals{tier: am.triage.Tier, watch: am.triage.Watch, crisis: am.triage.Crisis}
	}
	for _, mt := range c.Events.MissedTargets {
		if mt.Team == team {
			in.MissedTargets = mt.Periods
		}
	}
	for _, oc := range c.Events.OrgChanges {
		if oc.Team == team {
			in.Changes = append(in.Changes, mood.OrgChange{Kind: "reorganization", At: oc.At})
		}
	}
	cl, err := p.Climate(in)
	if err != nil {
		return fmt.Errorf("mood: team %s: %w", team, err)
	}
	mm, err := p.MoodMap([]mood.MoodGroup{g})
	if err != nil {
		return fmt.Errorf("mood: %w", err)
	}
	out.climate = TeamClimate{Team: team, Climate: cl, MoodMap: mm.Groups[0]}

	// Quality.
	byID := m.byID(t)
	if err := m.quality(w, t, byID, agents, slot); err != nil {
		return fmt.Errorf("qa: %w", err)
	}

	// The lists, in agent id order, each bounded to the first agents.
	owed := admitted{detail: m.o.Detail}
	cyc := admitted{detail: m.o.Detail}
	for _, i := range byID {
		am := &agents[slot[i]]
		id := c.Agents[i].ID
		if owed.add(len(am.owed)) {
			for _, o := range am.owed {
				out.climate.LeadOwes = append(out.climate.LeadOwes, LeadItem{Agent: id, Owed: o})
			}
		}
		if cyc.add(len(am.cycles)) {
			for _, f := range am.cycles {
				out.cycles = append(out.cycles, CycleNote{Agent: id, Finding: f, Action: f.Action})
			}
		}
	}
	out.leadOmit, out.cycleOmit = owed.omitted, cyc.omitted

	for k, i := range members {
		m.records[i] = m.record(i, &agents[k])
	}
	return nil
}

// triage triages agent i as of the month's end, finds the cycles in their
// check-ins, and says whether care came first at any time in the month:
// in crisis or at the severe tier as the month began (a triage as of its
// first instant, over the screenings given by then), on a screening taken
// in the month, or at the month's end. The incentives guardrail needs the
// whole month, not its last moment: a crisis answer given late last month,
// or early in this one, may have run out of its window by the end, and a
// severe screening may have been retaken lower, yet a penalty for what
// happened meanwhile must still be held.
func (m *month) triage(w *worker, i int, am *agentMonth) error {
	c, p := m.c, m.pol.Mood
	a := &c.Agents[i]
	scr, obs, ci := m.screenings.of(i), m.observations.of(i), m.checkIns.of(i)
	as := mood.Assessment{Agent: a.ID, At: asOf,
		Screenings: w.screenings[:0], Observations: w.observations[:0], CheckIns: w.checkIns[:0]}
	defer func() { w.screenings, w.observations, w.checkIns = as.Screenings, as.Observations, as.CheckIns }()
	for _, k := range scr {
		s := &c.Screenings[k]
		sc, err := mood.Score(s.Instrument, s.Answers)
		if err != nil {
			return fmt.Errorf("mood: screenings[%d]: %w", k, err)
		}
		sc.At = s.At
		as.Screenings = append(as.Screenings, sc)
		if !sc.At.Before(monthStart) {
			am.care.crisis = am.care.crisis || sc.Crisis
			am.care.severe = am.care.severe || p.TierOf(sc) == mood.Severe
		}
	}
	for _, k := range m.declarations.of(i) {
		as.Declarations = append(as.Declarations, c.Events.Declarations[k].Declaration)
	}
	if err := careAtStart(p, a.ID, as.Screenings, as.Declarations, &w.before, &am.care); err != nil {
		return fmt.Errorf("mood: %w", err)
	}
	for _, k := range obs {
		o := &c.Observations[k]
		as.Observations = append(as.Observations, mood.Observation{Kind: o.Kind, At: o.At})
	}
	// Each agent's positions are their own part of the index, so sorting
	// them here touches no other team's.
	sort.SliceStable(ci, func(x, y int) bool { return c.CheckIns[ci[x]].At.Before(c.CheckIns[ci[y]].At) })
	for _, k := range ci {
		as.CheckIns = append(as.CheckIns, mood.CheckIn{At: c.CheckIns[k].At, Mood: c.CheckIns[k].Mood})
	}
	t, err := p.Triage(as)
	if err != nil {
		return fmt.Errorf("mood: agent %s: %w", a.ID, err)
	}
	am.triage = t
	am.care.crisis = am.care.crisis || t.Crisis
	am.care.severe = am.care.severe || t.Tier == mood.Severe
	if len(as.CheckIns) > 0 {
		hist := mood.History{Agent: a.ID, CheckIns: as.CheckIns, Events: w.events[:0]}
		for _, k := range m.life.of(i) {
			e := &c.Events.LifeEvents[k]
			hist.Events = append(hist.Events, mood.Event{Kind: e.Kind, At: e.At})
		}
		w.events = hist.Events
		cy, err := p.Cycles(hist)
		if err != nil {
			return fmt.Errorf("mood: agent %s cycles: %w", a.ID, err)
		}
		am.cycles = cy.Findings
	}
	return nil
}

// careInMonth says whether an agent was in crisis, or at the severe tier,
// at any time in the month.
type careInMonth struct{ crisis, severe bool }

// careAtStart triages the agent as of the month's first instant, over the
// screenings given and the declarations made by then, and marks care for a crisis in force or a
// severe tier at that moment.
func careAtStart(p *mood.Policy, agent string, screenings []mood.Screening, declarations []mood.Declaration, buf *[]mood.Screening, care *careInMonth) error {
	before := (*buf)[:0]
	for _, s := range screenings {
		if !s.At.After(monthStart) {
			before = append(before, s)
		}
	}
	*buf = before
	var declared []mood.Declaration
	for _, d := range declarations {
		if !d.At.After(monthStart) {
			declared = append(declared, d)
		}
	}
	if len(before) == 0 && len(declared) == 0 {
		return nil
	}
	t, err := p.Triage(mood.Assessment{Agent: agent, At: monthStart, Screenings: before, Declarations: declared})
	if err != nil {
		return fmt.Errorf("agent %s as the month began: %w", agent, err)
	}
	care.crisis = care.crisis || t.Crisis
	care.severe = care.severe || t.Tier == mood.Severe
	return nil
}

// quality scores team t's evaluations, decides its disputes, plans the
// feedback talk of each agent the report lists from their latest
// pay-relevant evaluation, and finds the team's QA trends. It goes through
// the agents by id, the order of the feedback list, so that a talk is
// planned only for an agent the list keeps.
func (m *month) quality(w *worker, t int, byID []int, agents []agentMonth, slot map[int]int) error {
	c, p, out := m.c, m.pol.QA, &m.teams[t]
	team := c.teams[t]

	// Disputes first: an open one holds its evaluation out of pay, a
	// decided one replaces the evaluation's answers with the decided ones;
	// every version of the score stays in the dispute.
	var held map[int]bool
	var decided map[int]qa.Evaluation
	for _, di := range m.disputes[t] {
		dd := &c.Events.Disputes[di]
		k := m.disputed[di]
		d, err := p.OpenDispute(c.Evaluations[k], dd.Raise)
		if err != nil {
			return fmt.Errorf("dispute of %s: %w", dd.Evaluation, err)
		}
		if dd.Decide != nil {
			if d, err = p.Apply(d, *dd.Decide); err != nil {
				return fmt.Errorf("decision on %s: %w", dd.Evaluation, err)
			}
		}
		if d.Held() {
			if held == nil {
				held = map[int]bool{}
			}
			held[k] = true
			agents[slot[c.index[c.Evaluations[k].Agent]]].disputed = true
		} else {
			if decided == nil {
				decided = map[int]qa.Evaluation{}
			}
			ev := d.Evaluation
			ev.Answers = d.Answers
			decided[k] = ev
		}
		out.disputes = append(out.disputes, d)
	}

	out.qa.Team = team
	trendIn := qa.TrendInput{Periods: m.periods, Scores: w.points[:0], Complaints: w.complaints[:0]}
	defer func() { w.points, w.complaints = trendIn.Scores, trendIn.Complaints }()
	for _, i := range byID {
		for _, k := range m.history.of(i) {
			trendIn.Scores = append(trendIn.Scores, c.QAHistory[k])
		}
	}
	fb := admitted{detail: m.o.Detail}
	var critical []qa.Result
	for _, i := range byID {
		a, am := &c.Agents[i], &agents[slot[i]]
		latest := false
		for _, e := range m.evaluations.of(i) {
			ev := &c.Evaluations[e]
			sc, ok := p.Scorecard(ev.Scorecard)
			if !ok {
				return fmt.Errorf("evaluations[%d].scorecard: unknown scorecard %q", e, ev.Scorecard)
			}
			if err := sc.ScoreInto(&w.scored, *ev); err != nil {
				return fmt.Errorf("evaluations[%d] (%s): %w", e, ev.ID, err)
			}
			if dev, ok := decided[int(e)]; ok {
				if err := sc.ScoreInto(&w.scored, dev); err != nil {
					return fmt.Errorf("re-scoring %s: %w", ev.ID, err)
				}
			}
			res := &w.scored
			if res.PayRelevant && len(res.CriticalFailed) > 0 {
				critical = append(critical, keptResult(res))
			}
			if !res.PayRelevant || held[int(e)] {
				continue
			}
			am.mean += res.Score
			am.n++
			if res.Passed {
				out.passed++
			}
			out.qa.N++
			out.qaSum += res.Score
			trendIn.Scores = append(trendIn.Scores, qa.ScorePoint{Agent: a.ID, Team: a.Team, Evaluation: res.Evaluation, At: res.At, Score: res.Score})
			if !latest || res.At.After(w.latest.At) {
				w.scored, w.latest = w.latest, w.scored
				latest = true
			}
		}
		if am.n > 0 {
			am.mean /= float64(am.n)
		}
		if latest && fb.add(1) {
			plan, err := p.Feedback(w.latest)
			if err != nil {
				return fmt.Errorf("feedback for %s: %w", a.ID, err)
			}
			out.feedback = append(out.feedback, AgentFeedback{Agent: a.ID, Team: a.Team, Month: am.mean, N: am.n, Plan: plan})
		}
		for _, k := range m.complaints.of(i) {
			trendIn.Complaints = append(trendIn.Complaints, c.Events.ComplaintsLogs[k])
		}
	}
	out.fbOmit = fb.omitted

	// Critical findings feed discipline, as the incentives policy maps
	// them; a finding under an open dispute, or still open to one as the
	// month ends, is held.
	if len(critical) > 0 {
		found, heldFindings, err := m.pol.Incentives.ViolationsFromQA(m.pol.QA, asOf, critical, out.disputes)
		if err != nil {
			return fmt.Errorf("findings: %w", err)
		}
		for _, f := range found {
			am := &agents[slot[c.index[f.Agent]]]
			am.qaViolations = append(am.qaViolations, f.Violation)
		}
		out.findings, out.heldQA = found, heldFindings
	}
	if out.qa.N > 0 {
		out.qa.Mean = out.qaSum / float64(out.qa.N)
		out.qa.PassRate = float64(out.passed) / float64(out.qa.N)
	}

	tr, err := p.Trends(trendIn)
	if err != nil {
		return fmt.Errorf("trends: %w", err)
	}
	out.improvers = tr.Improvers
	for _, tt := range tr.Trends {
		i := c.index[tt.Agent]
		am := &agents[slot[i]]
		sg := &m.signals[i]
		sg.trend, sg.latest, sg.belowBar, sg.stableThenDrop = true, tt.Latest, tt.PeriodsBelowBar, tt.StableExcellentThenDrop
		if tt.StableExcellentThenDrop {
			ct := CareTalk{Agent: tt.Agent, Team: team}
			for _, rs := range tt.Reasons {
				if rs.Rule == "trends.care" {
					ct.Reason = rs.Text
				}
			}
			out.care = append(out.care, ct)
		}
		if len(tt.Periods) >= 2 {
			last, prev := tt.Periods[len(tt.Periods)-1], tt.Periods[len(tt.Periods)-2]
			if last.N > 0 && prev.N > 0 {
				am.improved = last.Mean - prev.Mean
			}
		}
	}
	return nil
}

// record is agent i's incentives record for the month.
func (m *month) record(i int, am *agentMonth) incentives.AgentRecord {
	c := m.c
	a := &c.Agents[i]
	rec := incentives.AgentRecord{
		ID: a.ID, Team: a.Team, Hired: a.Hired, Grade: a.Grade, ExamsPassed: a.Exams,
		QAEvaluations: am.n, QADisputeOpen: am.disputed,
		Crisis: am.care.crisis, SevereTier: am.care.severe,
		Metrics: make(map[string]float64, 11),
	}
	for _, k := range m.discipline.of(i) {
		s := &c.Events.Discipline[k]
		rec.Discipline = append(rec.Discipline, incentives.PriorStep{Step: incentives.Step(s.Step), At: s.At})
	}
	for _, k := range m.violations.of(i) {
		v := &c.Events.Violations[k]
		rec.Violations = append(rec.Violations, incentives.Violation{ID: v.At.Format("01-02") + "/" + v.Kind + "/" + strconv.Itoa(int(k)+1), Kind: v.Kind, At: v.At})
	}
	rec.Violations = append(rec.Violations, am.qaViolations...)
	if k := m.kpi[i]; k >= 0 {
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
	if am.n > 0 {
		rec.Metrics["qa_avg"] = am.mean
		rec.Metrics["qa_improvement"] = am.improved
	}
	// The ladder reads the long run: the eleven months before, and this
	// one.
	if n := a.QA12mEvaluations + am.n; n > 0 {
		rec.Career.QAEvaluations = n
		rec.Career.QAAverage = (a.QA12mMean*float64(a.QA12mEvaluations) + am.mean*float64(am.n)) / float64(n)
	}
	if a.QA12mEvaluations > 0 {
		rec.Career.Metrics = map[string]float64{"csat": a.CSAT12m, "fcr": a.FCR12m}
	}
	return rec
}

// mergeWellbeingAndQuality joins the teams' first step in the order of the
// teams and adds what needs the whole center: the routed counts, the
// fastest improvers, the calibration and next month's sample.
func (m *month) mergeWellbeingAndQuality(r *Report) (err error) {
	c, p := m.c, m.pol.QA
	routed := map[[2]string]*RoutedAction{}
	var total float64
	var passed int
	var improvers [][]qa.Improver
	for t := range m.teams {
		tm := &m.teams[t]
		r.Climate = append(r.Climate, tm.climate)
		r.Omitted.LeadOwes += tm.leadOmit
		for key, ra := range tm.routed {
			if sum := routed[key]; sum == nil {
				cp := *ra
				routed[key] = &cp
			} else {
				sum.Count += ra.Count
				if ra.Earliest.Before(sum.Earliest) {
					sum.Earliest = ra.Earliest
				}
			}
		}
		r.Cycles = append(r.Cycles, tm.cycles...)
		r.Omitted.Cycles += tm.cycleOmit
		r.QA.Feedback = append(r.QA.Feedback, tm.feedback...)
		r.Omitted.Feedback += tm.fbOmit
		r.QA.Disputes = append(r.QA.Disputes, tm.disputes...)
		r.QA.Teams = append(r.QA.Teams, tm.qa)
		r.QA.PayRelevant += tm.qa.N
		total += tm.qaSum
		passed += tm.passed
		for _, ct := range tm.care {
			r.QA.CareSignals = append(r.QA.CareSignals, ct.Agent)
			r.QA.CareTalks = append(r.QA.CareTalks, ct)
		}
		improvers = append(improvers, tm.improvers)
		r.QA.Findings = append(r.QA.Findings, tm.findings...)
		r.QA.HeldFindings = append(r.QA.HeldFindings, tm.heldQA...)
		*tm = teamMonth{}
	}
	r.QA.Evaluations = len(c.Evaluations)
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
	if r.QA.PayRelevant > 0 {
		r.QA.Mean = total / float64(r.QA.PayRelevant)
		r.QA.PassRate = float64(passed) / float64(r.QA.PayRelevant)
	}
	// Each team ranked its own agents; the center's fastest improvers are
	// among the teams' and are ranked again together.
	if r.QA.Improvers, err = p.MergeImprovers(improvers...); err != nil {
		return fmt.Errorf("qa: improvers: %w", err)
	}

	if s := c.Events.Calibration; s != nil {
		sc, ok := p.Scorecard(s.Evaluations[0].Scorecard)
		if !ok {
			return fmt.Errorf("qa: calibration: unknown scorecard %q", s.Evaluations[0].Scorecard)
		}
		cal, err := sc.Calibrate(*s)
		if err != nil {
			return fmt.Errorf("qa: calibration: %w", err)
		}
		r.QA.Calibration = &cal
	}

	sample := make([]qa.SampleAgent, len(c.Agents))
	for i, a := range c.Agents {
		rec := &m.records[i]
		sample[i] = qa.SampleAgent{Agent: a.ID, HiredAt: a.Hired, RecentMean: rec.Metrics["qa_avg"], RecentN: rec.QAEvaluations}
	}
	next := callfloor.Period{ID: monthEnd.Format("2006-01"), Start: monthEnd, End: monthEnd.AddDate(0, 1, 0)}
	plan, err := p.SamplingPlan(next, sample)
	if err != nil {
		return fmt.Errorf("qa: sampling: %w", err)
	}
	r.QA.NextSample = plan.Total
	return nil
}

// incentives evaluates the month's statement over every agent's record,
// the one step that needs the whole center at once, and keeps of it what
// the report shows.
func (m *month) incentives(r *Report) error {
	st, err := m.pol.Incentives.Evaluate(incentives.MonthOf(monthStart), m.records)
	if err != nil {
		return err
	}
	m.o.step()
	m.records = nil
	m.eligible = make([]bool, len(m.c.Agents))
	for _, car := range st.Careers {
		e := car.Qualifies != car.Grade
		for _, n := range car.Next {
			e = e || (n.Met && !n.OnApplication)
		}
		if e {
			m.eligible[m.c.index[car.Agent]] = true
		}
	}
	sec := &r.Incentives
	sec.PrivateItems = len(st.Private)
	for i := range st.Lines {
		if st.Lines[i].Kind == incentives.KindHold {
			sec.HoldLines++
		}
	}
	if m.o.Detail == 0 {
		sec.Statement = st
		return nil
	}
	sec.Statement = m.shown(&st, &r.Omitted)
	return nil
}

// shown keeps of a statement what a report bounded to the first agents of
// each team shows: every total of the center, the teams and the contests,
// every protective action, the team recognitions, and of the agents' recognitions, discipline
// steps, holds, grade changes and lines, those of the first agents of each
// team, as Render lists them.
func (m *month) shown(st *incentives.Statement, om *Omitted) incentives.Statement {
	d := m.o.Detail
	out := incentives.Statement{Period: st.Period, Currency: st.Currency, MinorDigits: st.MinorDigits,
		Center: st.Center, Teams: st.Teams, Contests: st.Contests, Protective: st.Protective, Policy: st.Policy}
	for _, rc := range st.Public {
		if rc.Agent == "" {
			out.Public = append(out.Public, rc)
		}
	}
	var agentRec []incentives.Recognition
	for _, rc := range st.Public {
		if rc.Agent != "" {
			agentRec = append(agentRec, rc)
		}
	}
	recs, hidden := listed(m.ro, agentRec, d, func(rc *incentives.Recognition) (string, string) { return rc.Team, rc.Agent })
	out.Public, om.Recognitions = append(out.Public, recs...), hidden

	totals, hidden := listed(m.ro, st.Agents, d, func(at *incentives.AgentTotal) (string, string) { return at.Team, at.Agent })
	out.Agents, om.Agents = totals, hidden

	// A line is kept when its agent's lines are shown in full, or when it
	// is one of the steps, holds or grade changes shown.
	keep := make(map[string]bool, len(totals))
	for _, at := range totals {
		keep[at.Agent] = true
	}
	kinds := []struct {
		is      func(*incentives.Line) bool
		omitted *int
	}{
		{func(l *incentives.Line) bool { return l.Kind == incentives.KindPenalty && l.Step != "" }, &om.Steps},
		{func(l *incentives.Line) bool { return l.Kind == incentives.KindHold }, &om.Holds},
		{func(l *incentives.Line) bool { return l.Kind == incentives.KindGrade }, &om.Grades},
	}
	// Lines are chosen by their team and agent alone, without copying
	// them.
	type lineRef struct{ team, agent string }
	refKey := func(l *lineRef) (string, string) { return l.team, l.agent }
	keepKind := make([]map[string]bool, len(kinds))
	for k, kind := range kinds {
		var of []lineRef
		for i := range st.Lines {
			if l := &st.Lines[i]; kind.is(l) {
				of = append(of, lineRef{l.Team, l.Agent})
			}
		}
		shownLines, hidden := listed(m.ro, of, d, refKey)
		*kind.omitted = hidden
		keepKind[k] = map[string]bool{}
		for _, l := range shownLines {
			keepKind[k][l.agent] = true
		}
	}
	for i := range st.Lines {
		l := &st.Lines[i]
		ok := keep[l.Agent]
		for k, kind := range kinds {
			ok = ok || (kind.is(l) && keepKind[k][l.Agent])
		}
		if ok {
			out.Lines = append(out.Lines, *l)
		}
	}
	return out
}

// conversations is the last step for team t: the issues the agents raised
// become cases, the policy proposes conversations from every agent's
// signals, and the steps owed are listed.
func (m *month) conversations(_ *worker, t int) error {
	c, p, out := m.c, m.pol.Coaching, &m.teams[t]
	out.opened = map[coaching.Kind]int{}
	urgent := admitted{detail: m.o.Detail}
	for _, i := range m.byID(t) {
		a := &c.Agents[i]
		var cases []coaching.Case
		// Issues the agents raised are cases from the day they were
		// raised; the lead held the talk, and nothing since.
		for _, k := range m.issues.of(i) {
			is := &c.Events.Issues[k]
			cs, err := p.Open(coaching.EmployeeIssue, is.Agent, is.Raised)
			if err != nil {
				return fmt.Errorf("coaching: %w", err)
			}
			cs, err = p.Apply(cs, coaching.Event{ID: "issue-talk-" + is.Agent, Case: cs.ID, By: "team_lead", Type: coaching.EventComplete,
				Step: cs.Next(), At: is.InterviewAt, Records: recordsFor(p, coaching.EmployeeIssue, cs.Next(), is.Topic)})
			if err != nil {
				return fmt.Errorf("coaching: %w", err)
			}
			cases = append(cases, cs)
			out.opened[coaching.EmployeeIssue]++
		}
		sig := m.signals[i].of()
		sig["days_since_review"] = float64(int(asOf.Sub(a.LastReview).Hours() / 24))
		sig["eligible_next_grade"] = b2f(m.eligible[i])
		sig["wants_promotion"] = b2f(a.WantsPromotion)
		sig["resigned"] = b2f(!m.resigned[i].IsZero())
		sig["tenure_days"] = float64(int(asOf.Sub(a.Hired).Hours() / 24))
		props, err := p.Propose(a.ID, sig, cases)
		if err != nil {
			return fmt.Errorf("coaching: agent %s: %w", a.ID, err)
		}
		out.held = append(out.held, props.Held...)
		for _, pr := range props.Proposed {
			at := asOf
			if pr.Kind == coaching.ExitInterview {
				at = m.resigned[i]
				dec, err := p.Retention(a.ID, sig)
				if err != nil {
					return fmt.Errorf("coaching: %w", err)
				}
				out.retention = append(out.retention, dec)
			}
			cs, err := p.Open(pr.Kind, a.ID, at)
			if err != nil {
				return fmt.Errorf("coaching: %w", err)
			}
			cases = append(cases, cs)
			out.opened[pr.Kind]++
		}
		out.cases += len(cases)
		var due, late []coaching.Reminder
		for _, cs := range cases {
			due = p.AppendDue(due, cs, asOf)
		}
		for _, d := range due {
			if d.Overdue {
				out.overdue++
			}
			if d.SilenceRisk {
				out.silence++
			}
			if d.Overdue || d.SilenceRisk {
				late = append(late, d)
			}
		}
		out.owed += len(due)
		if urgent.add(len(late)) {
			out.urgent = append(out.urgent, late...)
		}
		if m.o.Detail == 0 {
			out.due = append(out.due, due...)
		}
	}
	out.urgentOmit = urgent.omitted
	meetings, err := p.Meetings(coaching.Team{ID: c.teams[t], Shifts: c.shifts[c.teams[t]]}, callfloor.Period{ID: monthStart.Format("2006-01"), Start: monthStart, End: monthEnd})
	if err != nil {
		return fmt.Errorf("coaching: meetings of %s: %w", c.teams[t], err)
	}
	out.meetings = meetings
	return nil
}

// mergeConversations joins the teams' conversations in the order of the
// teams and proposes the one-helps-one pairs, which may cross teams.
func (m *month) mergeConversations(r *Report) error {
	cr := &r.Coaching
	cr.Opened = map[coaching.Kind]int{}
	for t := range m.teams {
		tm := &m.teams[t]
		cr.Held = append(cr.Held, tm.held...)
		cr.Retention = append(cr.Retention, tm.retention...)
		for k, n := range tm.opened {
			cr.Opened[k] += n
		}
		cr.CasesTotal += tm.cases
		cr.Owed += tm.owed
		cr.Overdue += tm.overdue
		cr.Silence += tm.silence
		cr.Urgent = append(cr.Urgent, tm.urgent...)
		r.Omitted.Urgent += tm.urgentOmit
		cr.Due = append(cr.Due, tm.due...)
		for _, mt := range tm.meetings {
			cr.Meetings = countMeeting(cr.Meetings, mt)
		}
	}
	staff := make([]coaching.Employee, len(m.c.Agents))
	for i, a := range m.c.Agents {
		staff[i] = coaching.Employee{ID: a.ID, Team: a.Team, Hired: a.Hired, Away: !m.resigned[i].IsZero()}
	}
	pairs, err := m.pol.Coaching.Pairings(staff, asOf)
	if err != nil {
		return err
	}
	if m.o.Detail > 0 {
		pairs.Pairs, r.Omitted.Pairs = listed(m.ro, pairs.Pairs, m.o.Detail, func(pr *coaching.Pair) (string, string) { return pr.Team, pr.Mentee })
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

// keptResult copies a result scored into a reused buffer, so that it
// outlives the next evaluation scored into it.
func keptResult(r *qa.Result) qa.Result {
	k := *r
	k.CriticalFailed = slices.Clone(r.CriticalFailed)
	k.Sections = slices.Clone(r.Sections)
	k.Strengths = slices.Clone(r.Strengths)
	k.Deductions = slices.Clone(r.Deductions)
	k.Reasons = slices.Clone(r.Reasons)
	return k
}

// countMeeting adds one meeting owed to the month's counts, a count per
// meeting of the policy in the order they first come.
func countMeeting(owed []MeetingsOwed, mt coaching.Meeting) []MeetingsOwed {
	i := slices.IndexFunc(owed, func(o MeetingsOwed) bool { return o.Meeting == mt.Meeting })
	if i < 0 {
		owed = append(owed, MeetingsOwed{Meeting: mt.Meeting, Title: mt.Title, Topics: mt.Topics})
		i = len(owed) - 1
	}
	owed[i].Count++
	for _, rs := range mt.Reasons {
		if strings.HasPrefix(rs.Rule, "meetings."+mt.Meeting+".longer.") {
			owed[i].Longer++
			break
		}
	}
	return owed
}
