package coaching

import (
	"container/heap"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
	"github.com/callfloor/callfloor/internal/policyfile"
	"github.com/callfloor/callfloor/internal/timerange"
)

// Stage is where an employee stands by tenure.
type Stage string

// The stages. New hires are easily pushed out and get more care and
// business guidance; veterans get attention and a role, such as mentoring
// a new hire, so that they feel indispensable.
const (
	NewHire     Stage = "new_hire"
	Established Stage = "established"
	Veteran     Stage = "veteran"
)

type rawTenure struct {
	NewHireFor   policyfile.Duration `yaml:"new_hire_for,required"`
	VeteranAfter policyfile.Duration `yaml:"veteran_after,required"`
	NewHire      struct {
		CareEvery     policyfile.Duration `yaml:"care_every,required"`
		GuidanceEvery policyfile.Duration `yaml:"guidance_every,required"`
	} `yaml:"new_hire,required"`
	Veteran struct {
		AttentionEvery policyfile.Duration `yaml:"attention_every,required"`
		Roles          []string            `yaml:"roles"`
	} `yaml:"veteran,required"`
	Pairing struct {
		MaxMentees int  `yaml:"max_mentees,required"`
		CrossTeam  bool `yaml:"cross_team"`
	} `yaml:"pairing,required"`
}

type tenurePolicy struct {
	set            bool
	newHireFor     time.Duration
	veteranAfter   time.Duration
	careEvery      time.Duration
	guidanceEvery  time.Duration
	attentionEvery time.Duration
	roles          []string
	maxMentees     int
	crossTeam      bool
}

func compileTenure(doc *policyfile.Doc, raw *rawTenure) tenurePolicy {
	if raw == nil {
		return tenurePolicy{}
	}
	t := tenurePolicy{
		set:            true,
		newHireFor:     raw.NewHireFor.Std(),
		veteranAfter:   raw.VeteranAfter.Std(),
		careEvery:      raw.NewHire.CareEvery.Std(),
		guidanceEvery:  raw.NewHire.GuidanceEvery.Std(),
		attentionEvery: raw.Veteran.AttentionEvery.Std(),
		maxMentees:     raw.Pairing.MaxMentees,
		crossTeam:      raw.Pairing.CrossTeam,
	}
	positive := func(path policyfile.Path, d time.Duration) {
		if doc.Has(path) && d <= 0 {
			doc.Report(path, msg.CoachingPolicySpanNotPositive{})
		}
	}
	positive("tenure.new_hire_for", t.newHireFor)
	positive("tenure.new_hire.care_every", t.careEvery)
	positive("tenure.new_hire.guidance_every", t.guidanceEvery)
	positive("tenure.veteran.attention_every", t.attentionEvery)
	if doc.Has("tenure.veteran_after") && t.veteranAfter <= t.newHireFor {
		doc.Report("tenure.veteran_after", msg.CoachingPolicyVeteranTooEarly{Span: text(fmtDur(t.newHireFor))})
	}
	if doc.Has("tenure.pairing.max_mentees") && t.maxMentees < 1 {
		doc.Report("tenure.pairing.max_mentees", msg.CoachingPolicyMaxMenteesBelowOne{MaxMentees: t.maxMentees})
	}
	seen := map[string]bool{}
	for i, r := range raw.Veteran.Roles {
		path := policyfile.Path("tenure.veteran.roles").Index(i)
		switch {
		case !doc.IDAs(path, msg.CoachingWhatRole{}, r):
		case seen[r]:
			doc.Report(path, msg.CoachingPolicyRoleListedTwice{Role: quote(r)})
		default:
			seen[r] = true
			t.roles = append(t.roles, r)
		}
	}
	return t
}

// fmtDur writes whole days as "90d" and anything else as Go does.
func fmtDur(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return d.String()
}

// Employee is one member of staff, as tenure plans need them.
type Employee struct {
	// ID identifies the employee; required, and unique among the staff
	// passed to Pairings.
	// Team is the employee's team; mentors are sought in it first.
	// Hired is the hiring date tenure counts from; required, and not after the
	// time the plan or pairings are made for.
	ID    string    `json:"id"`
	Team  string    `json:"team"`
	Hired time.Time `json:"hired"`
	// Away marks someone who can neither mentor nor be mentored now (on
	// leave, or being cared for after a crisis); the host decides.
	Away bool `json:"away"`
}

// CheckInKind is the kind of a recurring conversation a plan asks for.
type CheckInKind string

// The check-ins: a new hire gets care (how they are) and business
// guidance (how the work goes); a veteran gets attention.
const (
	CheckInCare      CheckInKind = "care"
	CheckInGuidance  CheckInKind = "guidance"
	CheckInAttention CheckInKind = "attention"
)

// CheckIn is a recurring conversation a plan asks for.
type CheckIn struct {
	// Kind is what the check-in is for.
	// Every is the policy's interval between two check-ins of the kind.
	Kind  CheckInKind        `json:"kind"`
	Every callfloor.Duration `json:"every"`
	// Next is the first check-in at or after the time of the plan.
	Next time.Time `json:"next"`
	// Until is when the cadence ends; zero while it goes on.
	Until time.Time `json:"until"`
}

// Plan is what an employee's tenure asks of their manager.
type Plan struct {
	// Policy names the policy that produced the plan.
	// Employee is the employee's ID.
	// Stage is NewHire under the policy's new_hire_for, Veteran from its
	// veteran_after, and Established in between.
	// Tenure is the time from Hired to the time of the plan.
	// CheckIns are the recurring conversations owed: care and guidance for a
	// new hire (each while one is still due before the new-hire period ends),
	// attention for a veteran, none for an established employee.
	Policy   callfloor.Identity `json:"policy"`
	Employee string             `json:"employee"`
	Stage    Stage              `json:"stage"`
	Tenure   callfloor.Duration `json:"tenure"`
	CheckIns []CheckIn          `json:"check_ins"`
	// Roles are the roles a veteran should be offered.
	// Reasons holds one reason naming the stage and what it asks for:
	// Rule "tenure.new_hire", "tenure.veteran", or "tenure.veteran_after"
	// for an established employee (past the new-hire period, not yet a
	// veteran), with the tenure in days as a Fact.
	Roles   []string           `json:"roles"`
	Reasons []callfloor.Reason `json:"reasons"`
}

func (p *Policy) stageOf(tenure time.Duration) Stage {
	switch {
	case tenure < p.tenure.newHireFor:
		return NewHire
	case tenure >= p.tenure.veteranAfter:
		return Veteran
	}
	return Established
}

// maxTenureYears bounds how long before the time of a plan a hiring date
// may lie. A longer career is a mistaken date, and a tenure past it would
// come near the about 292 years a time.Duration holds, where arithmetic
// on it saturates and check-in times come out wrong.
const maxTenureYears = 100

func (p *Policy) checkEmployee(f callfloor.Path, e Employee, at time.Time) error {
	switch {
	case strings.TrimSpace(e.ID) == "":
		return msgerr.Required(p.loc, f.Child("id"), nil)
	case e.Hired.IsZero():
		return msgerr.Required(p.loc, f.Child("hired"), nil)
	case !timerange.Storable(e.Hired):
		return inputErr(p.loc, callfloor.ErrInvalid, f+".hired", timeProblem(e.Hired))
	case e.Hired.After(at):
		return inputErr(p.loc, callfloor.ErrInvalid, f+".hired", msg.CoachingInputHiredAfterPlan{Hired: e.Hired, At: at})
	case e.Hired.Before(at.AddDate(-maxTenureYears, 0, 0)):
		return inputErr(p.loc, callfloor.ErrOutOfRange, f+".hired", msg.CoachingInputHiredTooEarly{Hired: e.Hired, MaxTenureYears: maxTenureYears, At: at})
	}
	return nil
}

// nextAt is the first of start, start+every, ... at or after at. It adds
// in two steps, so that no sum of durations can overflow: at - start is
// under maxTenureYears, and every is a policy duration.
func nextAt(start time.Time, every time.Duration, at time.Time) time.Time {
	if !at.After(start) {
		return start
	}
	d := at.Sub(start)
	if r := d % every; r != 0 {
		return at.Add(every - r)
	}
	return at
}

// Plan gives the plan an employee's tenure asks for as of at: a new hire's
// care and business-guidance check-ins until the end of the new-hire
// period; a veteran's attention check-ins and the roles to offer. Times
// JSON cannot hold (at, the hiring date, or a check-in they lead to) and
// a hiring date more than 100 years before at are refused.
func (p *Policy) Plan(e Employee, at time.Time) (Plan, error) {
	if !p.ready() {
		return Plan{}, ErrZeroPolicy
	}
	pl := Plan{Policy: p.id, Employee: e.ID, CheckIns: []CheckIn{}, Roles: []string{}}
	if !p.tenure.set {
		return pl, msgerr.Forbidden(p.loc, "tenure", msg.CoachingDetailNoTenureSection{})
	}
	if at.IsZero() {
		return pl, msgerr.Required(p.loc, "at", nil)
	}
	if tp := timeProblem(at); tp != nil {
		return pl, inputErr(p.loc, callfloor.ErrInvalid, "at", tp)
	}
	if err := p.checkEmployee("employee", e, at); err != nil {
		return pl, err
	}
	t := &p.tenure
	tenure := at.Sub(e.Hired)
	pl.Tenure = callfloor.Duration(tenure)
	pl.Stage = p.stageOf(tenure)
	switch pl.Stage {
	case NewHire:
		until := e.Hired.Add(t.newHireFor)
		for _, c := range []struct {
			kind  CheckInKind
			every time.Duration
		}{{CheckInCare, t.careEvery}, {CheckInGuidance, t.guidanceEvery}} {
			next := nextAt(e.Hired.Add(c.every), c.every, at)
			if next.Before(until) {
				pl.CheckIns = append(pl.CheckIns, CheckIn{Kind: c.kind, Every: callfloor.Duration(c.every), Next: next, Until: until})
			}
		}
		pl.Reasons = append(pl.Reasons, p.tenureReason("tenure.new_hire", tenure, msg.CoachingReasonNewHire{Tenure: span(p.loc, tenure.Truncate(24*time.Hour)),
			NewHireFor: span(p.loc, t.newHireFor), CareEvery: span(p.loc, t.careEvery), GuidanceEvery: span(p.loc, t.guidanceEvery), Until: until}))
	case Veteran:
		pl.CheckIns = append(pl.CheckIns, CheckIn{Kind: CheckInAttention, Every: callfloor.Duration(t.attentionEvery), Next: nextAt(e.Hired.Add(t.attentionEvery), t.attentionEvery, at)})
		pl.Roles = append(pl.Roles, t.roles...)
		pl.Reasons = append(pl.Reasons, p.tenureReason("tenure.veteran", tenure, msg.CoachingReasonVeteran{Tenure: span(p.loc, tenure.Truncate(24*time.Hour)),
			VeteranAfter: span(p.loc, t.veteranAfter), AttentionEvery: span(p.loc, t.attentionEvery), Roles: p.showRoles(t.roles)}))
	default:
		pl.Reasons = append(pl.Reasons, p.tenureReason("tenure.veteran_after", tenure, msg.CoachingReasonEstablished{Tenure: span(p.loc, tenure.Truncate(24*time.Hour)),
			NewHireFor: span(p.loc, t.newHireFor), VeteranAfter: span(p.loc, t.veteranAfter)}))
	}
	for i, c := range pl.CheckIns {
		for _, x := range []time.Time{c.Next, c.Until} {
			if tp := timeProblem(x); tp != nil {
				return Plan{Policy: p.id, Employee: e.ID}, inputErr(p.loc, callfloor.ErrOutOfRange, "at", msg.CoachingInputCheckInOutOfRange{Kind: text(c.Kind), Index: i, Msg: tp})
			}
		}
	}
	return pl, nil
}

// Pair is one veteran mentoring one new hire (one helps one).
type Pair struct {
	// Mentor is the veteran's ID.
	// Mentee is the new hire's ID.
	// Team is the mentee's team; under cross_team the mentor's may differ.
	// Reasons holds one reason, Rule "tenure.pairing": whether the mentor
	// is from the same team or which other, with the mentor's hiring date
	// and their load against max_mentees (Facts "mentoring" and
	// "max_mentees").
	Mentor  string             `json:"mentor"`
	Mentee  string             `json:"mentee"`
	Team    string             `json:"team"`
	Reasons []callfloor.Reason `json:"reasons"`
}

// Unpaired is a new hire no veteran could take.
type Unpaired struct {
	// Mentee is the new hire's ID.
	// Team is the new hire's team.
	// Reasons holds one reason, Rule "tenure.pairing.max_mentees", Outcome
	// Held: no veteran of the team (or, under cross_team, of any team) had
	// room.
	Mentee  string             `json:"mentee"`
	Team    string             `json:"team"`
	Reasons []callfloor.Reason `json:"reasons"`
}

// Pairings is a one-helps-one proposal.
type Pairings struct {
	// Policy names the policy that produced the proposal.
	// Pairs are same-team pairs first, then cross-team ones, each newest hire
	// first.
	// Unpaired lists the new hires left without a mentor, newest hire first.
	Policy   callfloor.Identity `json:"policy"`
	Pairs    []Pair             `json:"pairs"`
	Unpaired []Unpaired         `json:"unpaired"`
}

// Pairings proposes one-helps-one pairs of veterans with new hires as of
// at. The newest hires are served first; each goes to a veteran of their
// own team with the fewest mentees (then the longest tenure, then the
// lowest id), up to the policy's max_mentees. With cross_team, those left
// over then go, in the same order, to any team's veteran with room; their
// pairs follow the same-team ones. People marked Away are left out. The result depends
// only on the input, not on its order.
func (p *Policy) Pairings(staff []Employee, at time.Time) (Pairings, error) {
	if !p.ready() {
		return Pairings{}, ErrZeroPolicy
	}
	out := Pairings{Policy: p.id, Pairs: []Pair{}, Unpaired: []Unpaired{}}
	if !p.tenure.set {
		return out, msgerr.Forbidden(p.loc, "tenure", msg.CoachingDetailNoTenureSection{})
	}
	if at.IsZero() {
		return out, msgerr.Required(p.loc, "at", nil)
	}
	if tp := timeProblem(at); tp != nil {
		return out, inputErr(p.loc, callfloor.ErrInvalid, "at", tp)
	}
	seen := map[string]int{}
	var hires, vets []Employee
	for i, e := range staff {
		f := callfloor.Path("staff").Index(i)
		if err := p.checkEmployee(f, e, at); err != nil {
			return out, err
		}
		if j, dup := seen[e.ID]; dup {
			return out, msgerr.Duplicate(p.loc, f.Child("id"), e.ID, callfloor.Path("staff").Index(j))
		}
		seen[e.ID] = i
		if e.Away {
			continue
		}
		switch p.stageOf(at.Sub(e.Hired)) {
		case NewHire:
			hires = append(hires, e)
		case Veteran:
			vets = append(vets, e)
		}
	}
	sort.Slice(hires, func(i, j int) bool {
		a, b := hires[i], hires[j]
		if !a.Hired.Equal(b.Hired) {
			return a.Hired.After(b.Hired)
		}
		return a.ID < b.ID
	})
	sort.Slice(vets, func(i, j int) bool {
		a, b := vets[i], vets[j]
		if !a.Hired.Equal(b.Hired) {
			return a.Hired.Before(b.Hired)
		}
		return a.ID < b.ID
	})
	// A veteran is picked by fewest mentees, then by the order above
	// (longest tenure, then id): the least of (load, position). Each team
	// keeps its veterans in a heap on that key, and the cross-team pass
	// one heap of all, so that a pick costs a logarithm, not a scan of
	// every veteran: a center of a hundred thousand is paired in
	// milliseconds.
	load := make([]int, len(vets))
	byTeam := map[string]*mentorHeap{}
	for i, v := range vets {
		h := byTeam[v.Team]
		if h == nil {
			h = &mentorHeap{load: load}
			byTeam[v.Team] = h
		}
		h.idx = append(h.idx, i) // in position order: already a heap
	}
	var waiting []Employee
	for _, h := range hires {
		v := -1
		if mh := byTeam[h.Team]; mh != nil {
			v = mh.take(p.tenure.maxMentees)
		}
		if v < 0 {
			waiting = append(waiting, h)
			continue
		}
		out.Pairs = append(out.Pairs, Pair{Mentor: vets[v].ID, Mentee: h.ID, Team: h.Team,
			Reasons: pairReason(load[v], p.tenure.maxMentees, p.loc, msg.CoachingReasonPairSameTeam{Hired: vets[v].Hired, Mentoring: load[v], Max: p.tenure.maxMentees})})
	}
	var all *mentorHeap
	if p.tenure.crossTeam && len(waiting) > 0 {
		all = &mentorHeap{load: load, idx: make([]int, 0, len(vets))}
		for i := range vets {
			if load[i] < p.tenure.maxMentees {
				all.idx = append(all.idx, i)
			}
		}
		heap.Init(all)
	}
	for _, h := range waiting {
		v := -1
		if all != nil {
			v = all.take(p.tenure.maxMentees)
		}
		if v < 0 {
			var m msg.Message = msg.CoachingReasonNoRoomTeam{Team: h.Team, Max: p.tenure.maxMentees}
			if p.tenure.crossTeam {
				m = msg.CoachingReasonNoRoomAny{Max: p.tenure.maxMentees}
			}
			out.Unpaired = append(out.Unpaired, Unpaired{Mentee: h.ID, Team: h.Team, Reasons: []callfloor.Reason{{Rule: "tenure.pairing.max_mentees", Outcome: callfloor.Held,
				Text: m.String(p.loc), Message: m.ID(), Facts: []callfloor.Fact{{Name: "max_mentees", Value: float64(p.tenure.maxMentees)}}}}})
			continue
		}
		out.Pairs = append(out.Pairs, Pair{Mentor: vets[v].ID, Mentee: h.ID, Team: h.Team,
			Reasons: pairReason(load[v], p.tenure.maxMentees, p.loc, msg.CoachingReasonPairCrossTeam{Team: vets[v].Team, Hired: vets[v].Hired, Mentoring: load[v], Max: p.tenure.maxMentees})})
	}
	return out, nil
}

// mentorHeap orders veterans, by their positions in the pairing order,
// on (mentees so far, position). load is shared by every heap of one
// pairing.
type mentorHeap struct {
	idx  []int
	load []int
}

func (h *mentorHeap) Len() int { return len(h.idx) }
func (h *mentorHeap) Less(a, b int) bool {
	i, j := h.idx[a], h.idx[b]
	if h.load[i] != h.load[j] {
		return h.load[i] < h.load[j]
	}
	return i < j
}
func (h *mentorHeap) Swap(a, b int) { h.idx[a], h.idx[b] = h.idx[b], h.idx[a] }
func (h *mentorHeap) Push(x any)    { h.idx = append(h.idx, x.(int)) }
func (h *mentorHeap) Pop() any {
	x := h.idx[len(h.idx)-1]
	h.idx = h.idx[:len(h.idx)-1]
	return x
}

// take gives a new mentee to the veteran with the fewest mentees, the
// first in the pairing order among equals, if they have room under max,
// and returns them; -1 when nobody has room. Only the heap in use changes
// loads: the cross-team heap is built once the same-team picks are done.
func (h *mentorHeap) take(max int) int {
	for h.Len() > 0 {
		v := h.idx[0]
		if h.load[v] >= max {
			heap.Pop(h)
			continue
		}
		h.load[v]++
		heap.Fix(h, 0)
		return v
	}
	return -1
}

// tenureReason is a plan's reason: the stage's rule, its sentence and the
// tenure it read, in days.
func (p *Policy) tenureReason(rule string, tenure time.Duration, m msg.Message) callfloor.Reason {
	return callfloor.Reason{Rule: rule, Outcome: callfloor.Fired, Text: m.String(p.loc), Message: m.ID(),
		Facts: []callfloor.Fact{{Name: "tenure_days", Value: tenure.Hours() / 24}}}
}

// pairReason is a pair's reason: its sentence in l and the mentor's load
// against the bound. It takes the message's own type, not the interface,
// so that a pairing of many staff does not box every sentence.
func pairReason[M interface {
	msg.CoachingReasonPairSameTeam | msg.CoachingReasonPairCrossTeam
	msg.Message
}](load, most int, l *msg.Locale, m M) []callfloor.Reason {
	return []callfloor.Reason{{Rule: "tenure.pairing", Outcome: callfloor.Fired, Text: m.String(l), Message: m.ID(),
		Facts: []callfloor.Fact{{Name: "mentoring", Value: float64(load)}, {Name: "max_mentees", Value: float64(most)}}}}
}
