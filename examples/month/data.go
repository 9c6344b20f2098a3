package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

// Center is one month of a call center's data, as a host would hold it:
// the people, what they answered, what QA found, the KPIs and the events.
type Center struct {
	Agents       []Agent         `json:"agents"`
	KPIs         []KPI           `json:"kpis"`
	Screenings   []Screening     `json:"screenings"`
	CheckIns     []CheckIn       `json:"check_ins"`
	Observations []Observation   `json:"observations"`
	Evaluations  []qa.Evaluation `json:"evaluations"`
	QAHistory    []qa.ScorePoint `json:"qa_history"`
	Events       Events          `json:"events"`
	// ShiftTeams are the teams whose shifts keep their members from
	// meeting every day: they hold no morning meeting, only the weekly
	// meeting every team holds. Every other team meets every morning too.
	ShiftTeams []string         `json:"shift_teams"`
	index      map[string]int   // agent id -> position in Agents
	teams      []string         // in first-seen order
	byTeam     map[string][]int // team -> positions in Agents
	shifts     map[string]bool  // the ShiftTeams
}

// Agent is one person on the floor.
type Agent struct {
	ID             string    `json:"id"`
	Name           string    `json:"name"`
	Team           string    `json:"team"`
	Hired          time.Time `json:"hired"`
	Grade          string    `json:"grade"`
	WantsPromotion bool      `json:"wants_promotion"`
	Exams          []string  `json:"exams"`
	LastReview     time.Time `json:"last_review"`
	// The host's long-run figures for the eleven months before this one,
	// which the career ladder reads.
	QA12mMean        float64 `json:"qa_12m_mean"`
	QA12mEvaluations int     `json:"qa_12m_evaluations"`
	CSAT12m          float64 `json:"csat_12m"`
	FCR12m           float64 `json:"fcr_12m"`
}

// KPI is an agent's figures for the month from the ACD and the CRM.
type KPI struct {
	Agent            string  `json:"agent"`
	Calls            float64 `json:"calls"`
	CSAT             float64 `json:"csat"`
	AHTSeconds       float64 `json:"aht_seconds"`
	FCR              float64 `json:"fcr"`
	AnsweredIn3Rings float64 `json:"answered_in_3_rings"`
	Attendance       float64 `json:"attendance"`
	Adherence        float64 `json:"adherence"`
	Compliments      float64 `json:"compliments"`
	Complaints       float64 `json:"complaints"`
}

// Screening is a questionnaire as the agent answered it.
type Screening struct {
	Agent      string          `json:"agent"`
	Instrument mood.Instrument `json:"instrument"`
	At         time.Time       `json:"at"`
	Answers    []int           `json:"answers"`
}

// CheckIn is an agent's own mood check-in, 1 to 5.
type CheckIn struct {
	Agent string    `json:"agent"`
	At    time.Time `json:"at"`
	Mood  int       `json:"mood"`
}

// Observation is a concern a lead noted, or an operational signal.
type Observation struct {
	Agent string    `json:"agent"`
	Kind  string    `json:"kind"`
	At    time.Time `json:"at"`
}

// Events are the month's happenings that are not figures.
type Events struct {
	Resignations   []Resignation          `json:"resignations"`
	Issues         []RaisedIssue          `json:"issues"`
	Violations     []Violation            `json:"violations"`
	Discipline     []PriorStep            `json:"discipline"`
	LifeEvents     []LifeEvent            `json:"life_events"`
	OrgChanges     []OrgChange            `json:"org_changes"`
	MissedTargets  []MissedTargets        `json:"missed_targets"`
	Calibration    *qa.CalibrationSession `json:"calibration,omitempty"`
	Disputes       []Dispute              `json:"disputes"`
	ComplaintsLogs []qa.Complaint         `json:"complaints"`
	// Declarations are crises and tiers counselors declared after an
	// individual interview. Their reasons (Why) are confidential: the
	// report never shows them.
	Declarations []Declaration `json:"declarations"`
}

// Resignation is a resignation handed in, with the reason the agent gave.
type Resignation struct {
	Agent  string    `json:"agent"`
	At     time.Time `json:"at"`
	Reason string    `json:"reason"`
}

// RaisedIssue is an issue an agent raised with their lead, and how far the
// lead got with it.
type RaisedIssue struct {
	Agent       string    `json:"agent"`
	Raised      time.Time `json:"raised"`
	Topic       string    `json:"topic"`
	InterviewAt time.Time `json:"interview_at"`
}

// Violation is a rule broken this month.
type Violation struct {
	Agent string    `json:"agent"`
	Kind  string    `json:"kind"`
	At    time.Time `json:"at"`
	Note  string    `json:"note"`
}

// PriorStep is a discipline step taken before this month.
type PriorStep struct {
	Agent string    `json:"agent"`
	Step  string    `json:"step"`
	At    time.Time `json:"at"`
}

// LifeEvent is something that happened to an agent that the lead knows
// of, such as a breakup or an illness in the family.
type LifeEvent struct {
	Agent string    `json:"agent"`
	Kind  string    `json:"kind"`
	At    time.Time `json:"at"`
}

// OrgChange is a reorganization that touched a team.
type OrgChange struct {
	Team string    `json:"team"`
	At   time.Time `json:"at"`
	What string    `json:"what"`
}

// MissedTargets counts the periods in a row a team missed its target.
type MissedTargets struct {
	Team    string `json:"team"`
	Periods int    `json:"periods"`
}

// Declaration is a crisis or a tier a counselor declared for an agent
// after an individual interview.
type Declaration struct {
	Agent string `json:"agent"`
	mood.Declaration
}

// Dispute is an agent's dispute of a QA evaluation and its decision.
type Dispute struct {
	Evaluation string           `json:"evaluation"`
	Raise      qa.DisputeEvent  `json:"raise"`
	Decide     *qa.DisputeEvent `json:"decide,omitempty"`
}

// buildIndex builds the lookups the pipeline needs and checks that every
// record names a known agent.
func (c *Center) buildIndex() error {
	c.index = make(map[string]int, len(c.Agents))
	c.byTeam = map[string][]int{}
	c.teams = c.teams[:0]
	for i, a := range c.Agents {
		if a.ID == "" || a.Team == "" {
			return fmt.Errorf("agents[%d]: id and team are required", i)
		}
		if _, dup := c.index[a.ID]; dup {
			return fmt.Errorf("agents[%d]: duplicate id %q", i, a.ID)
		}
		c.index[a.ID] = i
		if _, ok := c.byTeam[a.Team]; !ok {
			c.teams = append(c.teams, a.Team)
		}
		c.byTeam[a.Team] = append(c.byTeam[a.Team], i)
	}
	c.shifts = make(map[string]bool, len(c.ShiftTeams))
	for i, t := range c.ShiftTeams {
		if _, ok := c.byTeam[t]; !ok {
			return fmt.Errorf("shift_teams[%d]: unknown team %q", i, t)
		}
		if c.shifts[t] {
			return fmt.Errorf("shift_teams[%d]: duplicate team %q", i, t)
		}
		c.shifts[t] = true
	}
	known := func(what string, i int, id string) error {
		if _, ok := c.index[id]; !ok {
			return fmt.Errorf("%s[%d]: unknown agent %q", what, i, id)
		}
		return nil
	}
	for i, k := range c.KPIs {
		if err := known("kpis", i, k.Agent); err != nil {
			return err
		}
	}
	for i, s := range c.Screenings {
		if err := known("screenings", i, s.Agent); err != nil {
			return err
		}
	}
	for i, s := range c.CheckIns {
		if err := known("check_ins", i, s.Agent); err != nil {
			return err
		}
	}
	for i, s := range c.Observations {
		if err := known("observations", i, s.Agent); err != nil {
			return err
		}
	}
	for i, s := range c.Evaluations {
		if err := known("evaluations", i, s.Agent); err != nil {
			return err
		}
	}
	// The month runs team by team, so a record of an agent who is in no
	// team would be dropped without a word: it is refused instead.
	for i, s := range c.QAHistory {
		if err := known("qa_history", i, s.Agent); err != nil {
			return err
		}
	}
	ev := &c.Events
	for i, s := range ev.ComplaintsLogs {
		if err := known("events.complaints", i, s.Agent); err != nil {
			return err
		}
	}
	for i, s := range ev.Issues {
		if err := known("events.issues", i, s.Agent); err != nil {
			return err
		}
	}
	for i, s := range ev.Resignations {
		if err := known("events.resignations", i, s.Agent); err != nil {
			return err
		}
	}
	for i, s := range ev.Violations {
		if err := known("events.violations", i, s.Agent); err != nil {
			return err
		}
	}
	for i, s := range ev.Discipline {
		if err := known("events.discipline", i, s.Agent); err != nil {
			return err
		}
	}
	for i, s := range ev.LifeEvents {
		if err := known("events.life_events", i, s.Agent); err != nil {
			return err
		}
	}
	for i, s := range ev.Declarations {
		if err := known("events.declarations", i, s.Agent); err != nil {
			return err
		}
	}
	return nil
}

const agentsHeader = "id,name,team,hired,grade,wants_promotion,exams,last_review,qa_12m_mean,qa_12m_evaluations,csat_12m,fcr_12m"

// The files of a center, in a folder.
const (
	agentsFile       = "agents.csv"
	kpisFile         = "kpis.csv"
	screeningsFile   = "screenings.csv"
	checkInsFile     = "check_ins.csv"
	observationsFile = "observations.csv"
	qaHistoryFile    = "qa_history.csv"
	evaluationsFile  = "evaluations.json"
	eventsFile       = "events.json"
	// teamsFile says which teams work shifts; a center without it has
	// none that do.
	teamsFile   = "teams.csv"
	teamsHeader = "team,shifts"
)

// LoadCenter reads a center from the files in dir.
func LoadCenter(dir string) (*Center, error) {
	c := &Center{}
	read := func(name string, fn func(rec []string) error, header string) error {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		defer f.Close()
		r := csv.NewReader(f)
		first, err := r.Read()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if strings.Join(first, ",") != header {
			return fmt.Errorf("%s: header is %q, want %q", name, strings.Join(first, ","), header)
		}
		for line := 2; ; line++ {
			rec, err := r.Read()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			if err := fn(rec); err != nil {
				return fmt.Errorf("%s line %d: %w", name, line, err)
			}
		}
	}
	err := read(agentsFile, func(r []string) error {
		hired, err := parseDate(r[3])
		if err != nil {
			return err
		}
		review, err := parseDate(r[7])
		if err != nil {
			return err
		}
		var exams []string
		if r[6] != "" {
			exams = strings.Split(r[6], " ")
		}
		a := Agent{ID: r[0], Name: r[1], Team: r[2], Hired: hired, Grade: r[4], WantsPromotion: r[5] == "yes", Exams: exams, LastReview: review}
		var figs [4]float64
		for i := range figs {
			if figs[i], err = strconv.ParseFloat(r[8+i], 64); err != nil {
				return err
			}
		}
		a.QA12mMean, a.QA12mEvaluations, a.CSAT12m, a.FCR12m = figs[0], int(figs[1]), figs[2], figs[3]
		c.Agents = append(c.Agents, a)
		return nil
	}, agentsHeader)
	if err != nil {
		return nil, err
	}
	err = read(kpisFile, func(r []string) error {
		var k KPI
		k.Agent = r[0]
		for i, dst := range []*float64{&k.Calls, &k.CSAT, &k.AHTSeconds, &k.FCR, &k.AnsweredIn3Rings, &k.Attendance, &k.Adherence, &k.Compliments, &k.Complaints} {
			v, err := strconv.ParseFloat(r[i+1], 64)
			if err != nil {
				return err
			}
			*dst = v
		}
		c.KPIs = append(c.KPIs, k)
		return nil
	}, "agent,calls,csat,aht_seconds,fcr,answered_in_3_rings,attendance,adherence,compliments,complaints")
	if err != nil {
		return nil, err
	}
	err = read(screeningsFile, func(r []string) error {
		at, err := time.Parse(time.RFC3339, r[2])
		if err != nil {
			return err
		}
		var answers []int
		for _, f := range strings.Fields(r[3]) {
			v, err := strconv.Atoi(f)
			if err != nil {
				return err
			}
			answers = append(answers, v)
		}
		c.Screenings = append(c.Screenings, Screening{Agent: r[0], Instrument: mood.Instrument(r[1]), At: at, Answers: answers})
		return nil
	}, "agent,instrument,at,answers")
	if err != nil {
		return nil, err
	}
	err = read(checkInsFile, func(r []string) error {
		at, err := time.Parse(time.RFC3339, r[1])
		if err != nil {
			return err
		}
		m, err := strconv.Atoi(r[2])
		if err != nil {
			return err
		}
		c.CheckIns = append(c.CheckIns, CheckIn{Agent: r[0], At: at, Mood: m})
		return nil
	}, "agent,at,mood")
	if err != nil {
		return nil, err
	}
	err = read(observationsFile, func(r []string) error {
		at, err := time.Parse(time.RFC3339, r[2])
		if err != nil {
			return err
		}
		c.Observations = append(c.Observations, Observation{Agent: r[0], Kind: r[1], At: at})
		return nil
	}, "agent,kind,at")
	if err != nil {
		return nil, err
	}
	err = read(qaHistoryFile, func(r []string) error {
		at, err := time.Parse(time.RFC3339, r[2])
		if err != nil {
			return err
		}
		s, err := strconv.ParseFloat(r[3], 64)
		if err != nil {
			return err
		}
		c.QAHistory = append(c.QAHistory, qa.ScorePoint{Agent: r[0], Team: r[1], At: at, Score: s})
		return nil
	}, "agent,team,at,score")
	if err != nil {
		return nil, err
	}
	err = read(teamsFile, func(r []string) error {
		switch r[1] {
		case "yes":
			c.ShiftTeams = append(c.ShiftTeams, r[0])
		case "no":
		default:
			return fmt.Errorf("shifts must be yes or no, not %q", r[1])
		}
		return nil
	}, teamsHeader)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err := readJSON(filepath.Join(dir, evaluationsFile), &c.Evaluations); err != nil {
		return nil, err
	}
	if err := readJSON(filepath.Join(dir, eventsFile), &c.Events); err != nil {
		return nil, err
	}
	return c, c.buildIndex()
}

func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	// Dates are the center's own calendar days.
	return time.ParseInLocation(time.DateOnly, s, cst)
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return nil
}

// WriteCenter writes a center as the files LoadCenter reads.
func WriteCenter(c *Center, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	write := func(name string, header string, rows [][]string) error {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		w := csv.NewWriter(f)
		_ = w.Write(strings.Split(header, ","))
		_ = w.WriteAll(rows)
		if err := w.Error(); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	var rows [][]string
	for _, a := range c.Agents {
		wants := "no"
		if a.WantsPromotion {
			wants = "yes"
		}
		rows = append(rows, []string{a.ID, a.Name, a.Team, date(a.Hired), a.Grade, wants, strings.Join(a.Exams, " "), date(a.LastReview),
			num(a.QA12mMean), strconv.Itoa(a.QA12mEvaluations), num(a.CSAT12m), num(a.FCR12m)})
	}
	if err := write(agentsFile, agentsHeader, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, k := range c.KPIs {
		rows = append(rows, []string{k.Agent, num(k.Calls), num(k.CSAT), num(k.AHTSeconds), num(k.FCR), num(k.AnsweredIn3Rings), num(k.Attendance), num(k.Adherence), num(k.Compliments), num(k.Complaints)})
	}
	if err := write(kpisFile, "agent,calls,csat,aht_seconds,fcr,answered_in_3_rings,attendance,adherence,compliments,complaints", rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, s := range c.Screenings {
		ans := make([]string, len(s.Answers))
		for i, a := range s.Answers {
			ans[i] = strconv.Itoa(a)
		}
		rows = append(rows, []string{s.Agent, string(s.Instrument), s.At.Format(time.RFC3339), strings.Join(ans, " ")})
	}
	if err := write(screeningsFile, "agent,instrument,at,answers", rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, s := range c.CheckIns {
		rows = append(rows, []string{s.Agent, s.At.Format(time.RFC3339), strconv.Itoa(s.Mood)})
	}
	if err := write(checkInsFile, "agent,at,mood", rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, o := range c.Observations {
		rows = append(rows, []string{o.Agent, o.Kind, o.At.Format(time.RFC3339)})
	}
	if err := write(observationsFile, "agent,kind,at", rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, p := range c.QAHistory {
		rows = append(rows, []string{p.Agent, p.Team, p.At.Format(time.RFC3339), num(p.Score)})
	}
	if err := write(qaHistoryFile, "agent,team,at,score", rows); err != nil {
		return err
	}
	// Every team, in the order of the agents, then any shift team no
	// agent is in, so that LoadCenter refuses what it was given.
	rows = rows[:0]
	shifts := make(map[string]bool, len(c.ShiftTeams))
	for _, t := range c.ShiftTeams {
		shifts[t] = true
	}
	seen := map[string]bool{}
	for _, a := range c.Agents {
		if !seen[a.Team] {
			seen[a.Team] = true
			yes := "no"
			if shifts[a.Team] {
				yes = "yes"
			}
			rows = append(rows, []string{a.Team, yes})
		}
	}
	for _, t := range c.ShiftTeams {
		if !seen[t] {
			seen[t] = true
			rows = append(rows, []string{t, "yes"})
		}
	}
	if err := write(teamsFile, teamsHeader, rows); err != nil {
		return err
	}
	// Evaluations one to a line, so the file reads like a table.
	var evs bytes.Buffer
	evs.WriteString("[\n")
	for i, ev := range c.Evaluations {
		b, err := json.Marshal(ev)
		if err != nil {
			return err
		}
		evs.Write(b)
		if i < len(c.Evaluations)-1 {
			evs.WriteByte(',')
		}
		evs.WriteByte('\n')
	}
	evs.WriteString("]\n")
	if err := os.WriteFile(filepath.Join(dir, evaluationsFile), evs.Bytes(), 0o644); err != nil {
		return err
	}
	b, err := json.MarshalIndent(c.Events, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, eventsFile), append(b, '\n'), 0o644)
}
