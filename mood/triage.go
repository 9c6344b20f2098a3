package mood

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
	"github.com/callfloor/callfloor/internal/timerange"
)

// Assessment is what the host knows about one agent as of one moment.
type Assessment struct {
	// Agent identifies the agent; it is copied into the result.
	Agent string `json:"agent"`
	// At is the moment the triage speaks for; nothing in the assessment may
	// be dated after it, and action deadlines count from it.
	At time.Time `json:"at"`
	// Screenings are the agent's scored questionnaires, in any order. The
	// latest per instrument within the policy's validity window gives the
	// tier; a crisis answer stays in force for its own validity window
	// whatever comes after it (see Policy.Triage), so pass every
	// screening of that window, not only the latest.
	Screenings []Screening `json:"screenings,omitempty"`
	// CrisisClosures are the crisis owner's records that a crisis was
	// dealt with, oldest first. A closure closes every crisis answer given
	// at or before its time; a crisis answer given after the latest
	// closure is in force again.
	CrisisClosures []CrisisClosure `json:"crisis_closures,omitempty"`
	// Declarations are crises declared and tiers set in individual
	// interviews, oldest first (see Declaration). Pass every declaration
	// of the policy's declaration windows: like a crisis answer, a
	// declared crisis stays in force until closed or out of its window.
	Declarations []Declaration `json:"declarations,omitempty"`
	// Observations are concerns noted about the agent: a worrying read at
	// the morning meeting, a floor-walk note, a complaint, an absence, a
	// sudden QA drop. Their kinds are the policy's watch signals.
	Observations []Observation `json:"observations,omitempty"`
	// CheckIns are the agent's own mood check-ins, oldest first.
	CheckIns []CheckIn `json:"check_ins,omitempty"`
}

// Observation is one concern noted about an agent. Only concerns are
// passed in: a morning meeting where the agent looked fine is not an
// observation.
type Observation struct {
	// Kind is one of the watch signals the policy declares, such as
	// "morning_meeting", "floor_walk", "complaint", "absence" or "qa_drop".
	Kind string `json:"kind"`
	// At is when the concern was noted; only those within the policy's
	// watch window count.
	At time.Time `json:"at"`
	// Note is the host's free text; triage never reads or returns it.
	Note string `json:"note,omitempty"`
}

// CrisisClosure is the crisis owner's record that a crisis was dealt
// with: the risk was assessed and professional help took over, or the
// answer was found to be a mistake. Only a closure ends a crisis before
// its validity window runs out; a later questionnaire without a crisis
// answer does not.
type CrisisClosure struct {
	// By is who closed the crisis, as the host names people; required.
	By string `json:"by"`
	// Role is the role By closed it in. It is required of a closure that
	// ends a declared crisis, which only the policy's crisis owner may
	// close; when given, it must be the crisis owner's role.
	Role string `json:"role,omitempty"`
	// At is when the crisis was closed; required, and not after the
	// assessment time. The closure closes every crisis answer given at or
	// before it.
	At time.Time `json:"at"`
	// Why is the crisis owner's free text, required so that every closure
	// is explained; triage never reads it beyond checking it is there and
	// never returns it.
	Why string `json:"why"`
}

// CheckIn is an agent's own report of their mood on a 1..5 scale, 1 being
// very low and 5 very good.
type CheckIn struct {
	// At is when the agent checked in.
	At time.Time `json:"at"`
	// Mood is the agent's answer, 1 (very low) to 5 (very good).
	Mood int `json:"mood"`
}

// Action is something a role owes to do by a deadline.
type Action struct {
	// Code names the action in the policy, as in "offer_counseling".
	Code string `json:"code"`
	// Name is the display name the policy gives Code under names
	// ("提供心理咨询"), for a host to show; empty when the policy gives
	// none, and a host then shows Code.
	Name string `json:"name,omitempty"`
	// Owner is the role of the policy that owes the action.
	Owner string `json:"owner"`
	// Deadline is the time the action is counted from (the triage or
	// assessment time) plus the delay the policy allows.
	Deadline time.Time `json:"deadline"`
	// Setting says whether the action is done one-to-one or in a group.
	Setting callfloor.Setting `json:"setting"`
	// Rule names the rule of the policy that asked for the action by its
	// place in the policy's YAML, as a Reason's Rule does: "crisis",
	// "tiers.moderate", "watch", "climate" or "causes.customer".
	Rule string `json:"rule"`
	// Text is the policy's description of the action, for people.
	Text string `json:"text,omitempty"`
}

// UsedScreening is a screening that triage used, with the policy band and
// tier it fell in.
type UsedScreening struct {
	// Screening is the screening as the host passed it in.
	Screening Screening `json:"screening"`
	// PolicyBand is the name of the policy band the screening fell in; for
	// the CBI, the band of the worst subscale.
	PolicyBand string `json:"policy_band"`
	// Tier is the tier the policy maps the screening onto.
	Tier Tier `json:"tier"`
}

// CrisisSource is the crisis a triage is in crisis for: the screening,
// not necessarily the latest of its instrument, whose crisis answer is
// still in force, or the crisis declared in an individual interview.
type CrisisSource struct {
	// Instrument is the questionnaire the answer was given on; only the
	// PHQ-9 (item 9) sets a crisis. It is empty for a declared crisis.
	Instrument Instrument `json:"instrument,omitempty"`
	// Declared is set when the crisis was declared in an individual
	// interview (a Declaration) rather than answered on a questionnaire;
	// By and Role then name who declared it (never why).
	Declared bool   `json:"declared,omitempty"`
	By       string `json:"by,omitempty"`
	Role     string `json:"role,omitempty"`
	// At is when the questionnaire was answered, as its Screening says,
	// or when the crisis was declared.
	At time.Time `json:"at"`
	// Retaken is set when a later screening of the same instrument,
	// without a crisis answer, is the one Used holds: the retake gives the
	// tier, but it does not clear the crisis.
	Retaken bool `json:"retaken,omitempty"`
}

// StaleScreening is an instrument's latest screening that is older than
// the policy's validity window, so it was not used.
type StaleScreening struct {
	// Instrument is the questionnaire that is due again.
	Instrument Instrument `json:"instrument"`
	// At is when the stale screening was answered.
	At time.Time `json:"at"`
	// Age is how old it was at the triage time.
	Age callfloor.Duration `json:"age"`
	// ValidFor is the policy's validity window for the instrument.
	ValidFor callfloor.Duration `json:"valid_for"`
}

// Triage is the result of triaging one agent: a tier, the crisis and watch
// flags, the actions owed and why. It is health data: see View for who may
// see what.
type Triage struct {
	// Agent and At are copied from the assessment.
	Agent string    `json:"agent"`
	At    time.Time `json:"at"`
	// Tier is the worst tier of the screenings used and of the tier
	// declaration used; Normal when none was.
	Tier Tier `json:"tier"`
	// Crisis is set when a crisis answer (PHQ-9 item 9 above 0) is in
	// force: given within its instrument's validity window and not closed
	// by a CrisisClosure since. A later screening without a crisis answer
	// does not clear it.
	Crisis bool `json:"crisis"`
	// CrisisSource names the crisis answer in force, the latest of them
	// when several are; nil exactly when Crisis is false.
	CrisisSource *CrisisSource `json:"crisis_source,omitempty"`
	// Watch is set when observations or check-ins reach a watch signal of
	// the policy, or when a used WHO-5 has an item answered 0 or 1 (unless
	// the policy sets watch.who5_low_item to false). It asks for a care
	// talk and a screening; it never sets a tier.
	Watch bool `json:"watch"`
	// Used lists the screenings used, in instrument order (PHQ-9, GAD-7,
	// WHO-5, K10, CBI).
	Used []UsedScreening `json:"used"`
	// Declared is the tier declaration used, the latest within the
	// policy's declarations.tier.valid_for; nil when none is. Its tier
	// counts as a screening's does: the worst wins.
	Declared *DeclaredTier `json:"declared,omitempty"`
	// Stale lists, per instrument without a usable screening, the latest
	// one the agent had.
	Stale []StaleScreening `json:"stale"`
	// Actions are ordered: the crisis escalation and its follow-up first,
	// then the tier's actions, then the watch actions.
	Actions []Action `json:"actions"`
	// Reasons say why, in this order, each naming its rule by its place
	// in the policy:
	//   - the crisis in force: "crisis", Fired (the package's own rule,
	//     under the policy's crisis section; facts: valid_for_days when a
	//     retake does not clear it);
	//   - or the declared crisis in force: "declarations.crisis", Fired
	//     (facts: valid_for_days);
	//   - the crisis answer a closure ended: "crisis", Suppressed, naming
	//     who closed it and when, or the declared crisis it ended,
	//     "declarations.crisis", Suppressed;
	//   - each screening used: the band it fell in,
	//     "instruments.phq9.bands[2]", Fired (facts: total; percent for
	//     the WHO-5; personal, work and client for the CBI);
	//   - the tier declaration used: "declarations.tier", Fired (facts:
	//     valid_for_days, age_days);
	//   - each stale screening: "instruments.k10.valid_for", Stale (facts:
	//     valid_for_days, age_days);
	//   - "tiers.normal", NotEvaluated, when no screening and no tier
	//     declaration was used;
	//   - each watch signal reached, Fired: "watch.who5_low_item" for
	//     WHO-5 items answered 0 or 1 (facts: each item), the observation
	//     kinds in policy order, "watch.signals.complaint" (facts: count,
	//     window_days, at_least), low check-ins last, "watch.check_ins"
	//     (facts: count, at_most, window_days, at_least).
	// Spans in facts are in days, fractions for a span that is not a
	// whole number of days.
	Reasons []callfloor.Reason `json:"reasons"`
	// Policy names the policy that produced the result.
	Policy callfloor.Identity `json:"policy"`
}

// Triage assesses one agent as of a.At. For each instrument it takes the
// latest screening no later than a.At; one older than the policy's
// validity window is reported as stale and not used. The worst tier of the
// screenings used wins: a retake is how recovery is recorded, so the tier
// may fall.
//
// A crisis does not fall with it. A crisis answer (PHQ-9 item 9 above 0)
// stays in force for its instrument's validity window, whatever
// screenings come after it, until the crisis owner records its closure
// (Assessment.CrisisClosures): every triage inside the window is in
// crisis, names the answer in CrisisSource and adds the escalation to the
// policy's crisis owner, due within the policy's delay (never more than
// CrisisCeiling). Its reason gives the answer's date and time and, when a
// later retake without a crisis answer gives the tier, says that the
// retake does not clear it. A closure ends every crisis answer given at
// or before it, and its reason (rule "crisis", Suppressed) names who closed it and
// when (never why); a crisis answer given after the closure is in force
// again. Adding a screening to an assessment therefore never ends a
// crisis; only a closure, or the window running out, does.
//
// Observations and check-ins within the watch window raise Watch, which
// adds the watch actions but never changes the tier; so does a used
// WHO-5 with an item answered 0 or 1, which its manual flags for
// follow-up whatever the total, unless the policy sets
// watch.who5_low_item to false. A stale WHO-5 raises nothing: its
// StaleScreening asks for a new one.
//
// Declarations from individual interviews count as Declaration says: a
// declared crisis as a crisis answer, a declared tier as a screening.
//
// Bad data is an *callfloor.InputError naming the field: a missing time, a
// screening Score could not have produced, anything dated after a.At, an
// observation kind the policy does not declare, a check-in off the 1..5
// scale, check-ins or closures out of order or duplicated, a closure
// without who or why, two screenings of one instrument at the same time,
// a declaration without who, role, time or why or by a role the policy
// does not allow, a closure of a declared crisis without the crisis
// owner's role, a closure naming another role.
// So is a time the result would hold that JSON cannot store: a.At, or a
// screening's time, outside the years 0..9999 in its own location (or
// with a zone offset of a day or more), or an a.At so late that the
// longest delay of any action the policy's triage may add would take a
// deadline past year 9999. A nil or zero Policy returns ErrZeroPolicy.
func (p *Policy) Triage(a Assessment) (Triage, error) {
	if p.zero() {
		return Triage{}, ErrZeroPolicy
	}
	if a.At.IsZero() {
		return Triage{}, msgerr.Required(p.loc, "assessment.at", msg.MoodInputAsOf{})
	}
	if a.Agent == "" {
		return Triage{}, msgerr.Required(p.loc, "assessment.agent", nil)
	}
	if err := reachErr(p.loc, "assessment.at", a.At, p.triageReach); err != nil {
		return Triage{}, err
	}
	t := Triage{Agent: a.Agent, At: a.At, Stale: []StaleScreening{}, Policy: p.id}

	var latest [5]int
	for i := range latest {
		latest[i] = -1
	}
	// crisis is the latest screening whose crisis answer is within its
	// validity window, closed or not: a closure that closes it closes
	// every earlier one too.
	crisis := -1
	for i := range a.Screenings {
		s := &a.Screenings[i]
		if err := checkScreening(p.loc, s, "assessment.screenings", i); err != nil {
			return Triage{}, err
		}
		if s.At.After(a.At) {
			return Triage{}, afterErr(p.loc, elem("assessment.screenings", i).Child("at"), s.At, a.At)
		}
		if !timerange.Storable(s.At) {
			return Triage{}, timeErr(p.loc, elem("assessment.screenings", i).Child("at"), s.At)
		}
		k, _ := instIndex(s.Instrument)
		if s.Crisis && a.At.Sub(s.At) <= p.instruments[k].validFor && (crisis < 0 || s.At.After(a.Screenings[crisis].At)) {
			crisis = i
		}
		if j := latest[k]; j >= 0 && !s.At.After(a.Screenings[j].At) {
			continue
		}
		latest[k] = i
	}
	if err := checkDuplicateScreenings(p.loc, a.Screenings); err != nil {
		return Triage{}, err
	}
	declCrisis, declTier, err := p.checkDeclarations(a.Declarations, a.At)
	if err != nil {
		return Triage{}, err
	}
	closure, err := p.checkClosures(a.CrisisClosures, a.Declarations, a.At)
	if err != nil {
		return Triage{}, err
	}
	// The source of a crisis in force is the latest crisis answer or
	// declared crisis not closed: it is the newest evidence of risk the
	// crisis owner must act on, and the one whose window runs out last,
	// so the crisis stays in force exactly as long as it does. A closure
	// that ends it ends every earlier one too.
	var crisisFrom, retake, closedFrom *Screening
	var declFrom, declClosed *Declaration
	if crisis >= 0 && (declCrisis == nil || !declCrisis.At.After(a.Screenings[crisis].At)) {
		s := &a.Screenings[crisis]
		if closure == nil || s.At.After(closure.At) {
			crisisFrom = s
			k, _ := instIndex(s.Instrument)
			if j := latest[k]; j != crisis {
				retake = &a.Screenings[j]
			}
		}
	} else if declCrisis != nil && (closure == nil || declCrisis.At.After(closure.At)) {
		declFrom = declCrisis
	}
	if closure != nil {
		// The audit trail names the latest crisis answer or declared
		// crisis the closure ended that would still be in force.
		for i := range a.Screenings {
			c := &a.Screenings[i]
			k, _ := instIndex(c.Instrument)
			if c.Crisis && !c.At.After(closure.At) && a.At.Sub(c.At) <= p.instruments[k].validFor && (closedFrom == nil || c.At.After(closedFrom.At)) {
				closedFrom = c
			}
		}
		for i := range a.Declarations {
			d := &a.Declarations[i]
			if d.Kind == DeclarationCrisis && !d.At.After(closure.At) && a.At.Sub(d.At) <= p.declarations.crisis.validFor {
				declClosed = d
			}
		}
		if declClosed != nil && closedFrom != nil {
			if declClosed.At.After(closedFrom.At) {
				closedFrom = nil
			} else {
				declClosed = nil
			}
		}
	}

	nUsed := 0
	for _, j := range latest {
		if j >= 0 {
			nUsed++
		}
	}
	t.Used = make([]UsedScreening, 0, nUsed)
	var who5From *Screening
	for k, j := range latest {
		if j < 0 {
			continue
		}
		s := &a.Screenings[j]
		ip := &p.instruments[k]
		if age := a.At.Sub(s.At); age > ip.validFor {
			t.Stale = append(t.Stale, StaleScreening{Instrument: s.Instrument, At: s.At, Age: callfloor.Duration(age), ValidFor: callfloor.Duration(ip.validFor)})
			continue
		}
		tier, b := p.tierOf(s)
		u := UsedScreening{Screening: *s, Tier: tier}
		if b != nil {
			u.PolicyBand = b.name
		}
		t.Used = append(t.Used, u)
		if tier > t.Tier {
			t.Tier = tier
		}
		if s.Instrument == WHO5 && s.Wellbeing.FollowUp && p.watch.who5LowItem {
			who5From = s
		}
	}
	if d := declTier; d != nil && a.At.Sub(d.At) <= p.declarations.tier.validFor {
		t.Declared = &DeclaredTier{Tier: d.Tier, By: d.By, Role: d.Role, At: d.At}
		t.Tier = max(t.Tier, d.Tier)
	}

	var hitBuf [8]watchHit
	hits, err := p.watchSignals(&a, hitBuf[:0])
	if err != nil {
		return Triage{}, err
	}
	t.Watch = len(hits) > 0 || who5From != nil

	nActions := len(p.tierActions[t.Tier])
	if crisisFrom != nil {
		t.Crisis = true
		t.CrisisSource = &CrisisSource{Instrument: crisisFrom.Instrument, At: crisisFrom.At, Retaken: retake != nil}
		nActions += 1 + len(p.crisis.followUp)
	} else if declFrom != nil {
		t.Crisis = true
		t.CrisisSource = &CrisisSource{Declared: true, By: declFrom.By, Role: declFrom.Role, At: declFrom.At}
		nActions += 1 + len(p.crisis.followUp)
	}
	if t.Watch {
		nActions += len(p.watch.actions)
	}
	t.Actions = make([]Action, 0, nActions)
	if t.Crisis {
		t.Actions = append(t.Actions, Action{Code: CrisisEscalation, Name: p.names[CrisisEscalation], Owner: p.crisis.owner, Deadline: a.At.Add(p.crisis.within), Setting: callfloor.OneToOne, Rule: "crisis", Text: p.crisis.text})
		for _, r := range p.crisis.followUp {
			t.Actions = append(t.Actions, r.at(a.At, "crisis"))
		}
	}
	for _, r := range p.tierActions[t.Tier] {
		t.Actions = append(t.Actions, r.at(a.At, tierRules[t.Tier]))
	}
	if t.Watch {
		for _, r := range p.watch.actions {
			t.Actions = append(t.Actions, r.at(a.At, "watch"))
		}
	}
	t.Reasons = p.triageReasons(&t, crisisNote{from: crisisFrom, retake: retake, closed: closedFrom, closure: closure, decl: declFrom, declClosed: declClosed}, who5From, hits)
	return t, nil
}

// checkDuplicateScreenings refuses two screenings of one instrument at
// the same time, naming the later index of the first such pair. Few
// screenings are compared pairwise; many are sorted, so that the work
// stays n log n.
func checkDuplicateScreenings(l *msg.Locale, ss []Screening) error {
	i, j := -1, -1
	if len(ss) <= 16 {
		for b := 1; b < len(ss) && i < 0; b++ {
			for c := 0; c < b; c++ {
				if ss[b].Instrument == ss[c].Instrument && ss[b].At.Equal(ss[c].At) {
					i, j = b, c
					break
				}
			}
		}
	} else {
		idx := make([]int, len(ss))
		for k := range idx {
			idx[k] = k
		}
		sort.Slice(idx, func(x, y int) bool {
			a, b := &ss[idx[x]], &ss[idx[y]]
			if a.Instrument != b.Instrument {
				return a.Instrument < b.Instrument
			}
			if !a.At.Equal(b.At) {
				return a.At.Before(b.At)
			}
			return idx[x] < idx[y]
		})
		same := func(x, y int) bool { return ss[x].Instrument == ss[y].Instrument && ss[x].At.Equal(ss[y].At) }
		for k := 1; k < len(idx); k++ {
			// Within a run of equal screenings the indexes ascend: its
			// first pair is its second index and its smallest.
			if !same(idx[k-1], idx[k]) || (k >= 2 && same(idx[k-2], idx[k-1])) {
				continue
			}
			if i < 0 || idx[k] < i {
				i, j = idx[k], idx[k-1]
			}
		}
	}
	if i < 0 {
		return nil
	}
	return duplicate(l, elem("assessment.screenings", i).Child("at"), stamp(ss[i].At), elem("assessment.screenings", j), msg.MoodInputSameTimeScreenings{Instrument: ss[i].Instrument.Name()})
}

// checkClosures validates the crisis owner's closures, given the
// assessment's declarations, already valid, and returns the latest, nil
// when there is none.
func (p *Policy) checkClosures(cs []CrisisClosure, ds []Declaration, asOf time.Time) (*CrisisClosure, error) {
	for i := range cs {
		c := &cs[i]
		f := func() callfloor.Path { return elem("assessment.crisis_closures", i) }
		if strings.TrimSpace(c.By) == "" {
			return nil, msgerr.Required(p.loc, f().Child("by"), msg.MoodInputClosureBy{})
		}
		if c.At.IsZero() {
			return nil, msgerr.Required(p.loc, f().Child("at"), msg.MoodInputClosureAt{})
		}
		if c.At.After(asOf) {
			return nil, afterErr(p.loc, f().Child("at"), c.At, asOf)
		}
		if strings.TrimSpace(c.Why) == "" {
			return nil, msgerr.Required(p.loc, f().Child("why"), msg.MoodInputClosureWhy{})
		}
		if i > 0 {
			prev := cs[i-1].At
			if c.At.Equal(prev) {
				return nil, msgerr.Duplicate(p.loc, f().Child("at"), stamp(c.At), elem("assessment.crisis_closures", i-1))
			}
			if c.At.Before(prev) {
				return nil, msgerr.Invalid(p.loc, f().Child("at"), stamp(c.At), msg.MoodInputClosuresOrder{Prev: string(elem("assessment.crisis_closures", i-1)), PrevAt: prev})
			}
		}
		if c.Role != "" && c.Role != p.crisis.owner {
			return nil, msgerr.Forbidden(p.loc, f().Child("role"), msg.MoodInputClosureForbidden{Role: strconv.Quote(c.Role), Owner: roleMessage(p.crisis.owner)})
		}
		if c.Role == "" {
			var since *time.Time
			if i > 0 {
				since = &cs[i-1].At
			}
			if d := p.closedDeclaration(ds, c, since); d != nil {
				return nil, msgerr.Required(p.loc, f().Child("role"), msg.MoodInputClosureRole{At: d.At, Owner: roleMessage(p.crisis.owner)})
			}
		}
	}
	if len(cs) == 0 {
		return nil, nil
	}
	return &cs[len(cs)-1], nil
}

// reachErr refuses a time that cannot be stored, or from which a deadline
// up to reach later could not be.
func reachErr(l *msg.Locale, field callfloor.Path, at time.Time, reach time.Duration) error {
	if !timerange.Storable(at) {
		return timeErr(l, field, at)
	}
	if end := at.Add(reach); !timerange.Storable(end) {
		return msgerr.Invalid(l, field, stamp(at), msg.MoodInputNoRoom{Reach: reach, Problem: msgerr.TimeProblem(end)})
	}
	return nil
}

var tierRules = [...]string{"tiers.normal", "tiers.mild", "tiers.moderate", "tiers.severe"}

// instrumentRules are the instruments' places in the policy, in
// instrument order.
var instrumentRules = [...]string{"instruments.phq9.bands", "instruments.gad7.bands", "instruments.who5.bands", "instruments.k10.bands", "instruments.cbi.bands"}

// watchHit is a watch signal reached: the index of the signal, or -1 for
// low check-ins, and how many observations reached it.
type watchHit struct {
	signal int
	n      int
}

// crisisNote is what the reasons say about crisis answers: the one in
// force and the later retake that does not clear it, or the one the
// latest closure ended.
type crisisNote struct {
	from, retake, closed *Screening
	closure              *CrisisClosure
	decl, declClosed     *Declaration // the declared crisis in force, or the one the latest closure ended
}

// The names of the facts a triage reason gives. Spans are in days
// (fractions for a window that is not a whole number of days), so that
// they read as the policy writes them.
const (
	factTotal        = "total"          // a PHQ-9, GAD-7 or K10 total
	factPercent      = "percent"        // a WHO-5 percentage
	factPersonal     = "personal"       // CBI subscale scores
	factWork         = "work"           //
	factClient       = "client"         //
	factValidForDays = "valid_for_days" // the instrument's validity window
	factAgeDays      = "age_days"       // a screening's age at the triage time
	factItem         = "item"           // a WHO-5 item answered 0 or 1, 1-based
	factCount        = "count"          // observations or low check-ins counted
	factAtMost       = "at_most"        // the highest mood that counts as low
	factWindowDays   = "window_days"    // the watch window
	factAtLeast      = "at_least"       // the count that raises the watch
)

// inDays gives a span in days, as the facts hold it.
func inDays(d time.Duration) float64 { return d.Hours() / 24 }

// triageReasons lists, in order: the crisis in force, the crisis a
// closure ended, each screening used, each stale one, the normal tier
// when nothing was used, the WHO-5 items answered 0 or 1 when who5From is
// set, each other watch signal.
func (p *Policy) triageReasons(t *Triage, cn crisisNote, who5From *Screening, hits []watchHit) []callfloor.Reason {
	// Every text is built into one buffer and turned into one string that
	// the reasons slice, and the reasons and the facts they share are
	// counted exactly and allocated together: a result's explanations cost
	// two allocations whatever their number.
	var stack [512]byte
	var endStack [16]int
	buf, ends := stack[:0], endStack[:0]
	n := len(t.Used) + len(t.Stale) + len(hits)
	nFacts := 2 * len(t.Stale)
	for i := range t.Used {
		if t.Used[i].Screening.Instrument == CBI {
			nFacts += 3
		} else {
			nFacts++
		}
	}
	for _, h := range hits {
		if h.signal < 0 {
			nFacts += 4
		} else {
			nFacts += 3
		}
	}
	if len(t.Used) == 0 && t.Declared == nil {
		n++
	}
	if cn.decl != nil {
		n++
		nFacts++
	}
	if cn.declClosed != nil {
		n++
	}
	if t.Declared != nil {
		n++
		nFacts += 2
	}
	if cn.retake != nil {
		nFacts++
	}
	if who5From != nil {
		n++
		nFacts += len(who5From.Wellbeing.LowItems)
	}
	if cn.from != nil {
		n++
	}
	if cn.closed != nil {
		n++
	}
	out, facts := reasonSpace(n, nFacts)
	var factEnds [16]int
	fends := factEnds[:0]
	loc := p.loc
	owner := p.roleName(p.crisis.owner)
	if s := cn.from; s != nil {
		if r := cn.retake; r != nil {
			k, _ := instIndex(s.Instrument)
			validFor := p.instruments[k].validFor
			m := msg.MoodReasonCrisisRetake{At: s.At, Owner: owner, Instrument: r.Instrument.Name(), RetakeAt: r.At, ValidFor: validFor}
			out = append(out, callfloor.Reason{Rule: "crisis", Outcome: callfloor.Fired, Message: m.ID()})
			buf = m.Append(buf, loc)
			facts = append(facts, callfloor.Fact{Name: factValidForDays, Value: inDays(validFor)})
		} else {
			m := msg.MoodReasonCrisis{At: s.At, Owner: owner}
			out = append(out, callfloor.Reason{Rule: "crisis", Outcome: callfloor.Fired, Message: m.ID()})
			buf = m.Append(buf, loc)
		}
		ends, fends = append(ends, len(buf)), append(fends, len(facts))
	}
	if d := cn.decl; d != nil {
		m := msg.MoodReasonCrisisDeclared{By: d.By, Role: p.roleName(d.Role), At: d.At, Owner: owner, ValidFor: p.declarations.crisis.validFor}
		out = append(out, callfloor.Reason{Rule: p.declarations.crisis.rule, Outcome: callfloor.Fired, Message: m.ID()})
		buf = m.Append(buf, loc)
		facts = append(facts, callfloor.Fact{Name: factValidForDays, Value: inDays(p.declarations.crisis.validFor)})
		ends, fends = append(ends, len(buf)), append(fends, len(facts))
	}
	if d := cn.declClosed; d != nil {
		m := msg.MoodReasonCrisisDeclaredClosed{By: d.By, Role: p.roleName(d.Role), At: d.At, ClosedBy: cn.closure.By, ClosedAt: cn.closure.At}
		out = append(out, callfloor.Reason{Rule: p.declarations.crisis.rule, Outcome: callfloor.Suppressed, Message: m.ID()})
		buf = m.Append(buf, loc)
		ends, fends = append(ends, len(buf)), append(fends, len(facts))
	}
	if s := cn.closed; s != nil {
		m := msg.MoodReasonCrisisClosed{At: s.At, ClosedBy: cn.closure.By, ClosedAt: cn.closure.At}
		out = append(out, callfloor.Reason{Rule: "crisis", Outcome: callfloor.Suppressed, Message: m.ID()})
		buf = m.Append(buf, loc)
		ends, fends = append(ends, len(buf)), append(fends, len(facts))
	}
	for i := range t.Used {
		u := &t.Used[i]
		s := &u.Screening
		k, _ := instIndex(s.Instrument)
		_, b := p.tierOf(s)
		if b == nil {
			// Coverage checks leave no score outside the bands; a
			// screening that finds none still names its instrument's
			// bands and its tier.
			b = &band{rule: instrumentRules[k], display: p.tierNames[u.Tier], tier: u.Tier}
		}
		tier := p.tierNames[b.tier]
		var id string
		switch s.Instrument {
		case WHO5:
			facts = append(facts, callfloor.Fact{Name: factPercent, Value: float64(s.Wellbeing.Percent)})
			if s.Band != "" {
				m := msg.MoodReasonBandWho5Published{Percent: s.Wellbeing.Percent, Published: p.bandName(s.Band), Date: s.At, Band: b.display, Tier: tier}
				buf, id = m.Append(buf, loc), m.ID()
			} else {
				m := msg.MoodReasonBandWho5{Percent: s.Wellbeing.Percent, Date: s.At, Band: b.display, Tier: tier}
				buf, id = m.Append(buf, loc), m.ID()
			}
		case CBI:
			facts = append(facts, callfloor.Fact{Name: factPersonal, Value: s.Burnout.Personal},
				callfloor.Fact{Name: factWork, Value: s.Burnout.Work}, callfloor.Fact{Name: factClient, Value: s.Burnout.Client})
			m := msg.MoodReasonBandCbi{Personal: round1(s.Burnout.Personal), Work: round1(s.Burnout.Work), Client: round1(s.Burnout.Client),
				Date: s.At, Band: b.display, Tier: tier}
			buf, id = m.Append(buf, loc), m.ID()
		default:
			facts = append(facts, callfloor.Fact{Name: factTotal, Value: float64(s.Total)})
			if s.Band != "" {
				m := msg.MoodReasonBandTotalPublished{Instrument: s.Instrument.Name(), Total: s.Total, Published: p.bandName(s.Band), Date: s.At, Band: b.display, Tier: tier}
				buf, id = m.Append(buf, loc), m.ID()
			} else {
				m := msg.MoodReasonBandTotal{Instrument: s.Instrument.Name(), Total: s.Total, Date: s.At, Band: b.display, Tier: tier}
				buf, id = m.Append(buf, loc), m.ID()
			}
		}
		out = append(out, callfloor.Reason{Rule: b.rule, Outcome: callfloor.Fired, Message: id})
		ends, fends = append(ends, len(buf)), append(fends, len(facts))
	}
	if d := t.Declared; d != nil {
		m := msg.MoodReasonTierDeclared{Tier: p.tierNames[d.Tier], By: d.By, Role: p.roleName(d.Role), Date: d.At}
		out = append(out, callfloor.Reason{Rule: p.declarations.tier.rule, Outcome: callfloor.Fired, Message: m.ID()})
		buf = m.Append(buf, loc)
		facts = append(facts, callfloor.Fact{Name: factValidForDays, Value: inDays(p.declarations.tier.validFor)},
			callfloor.Fact{Name: factAgeDays, Value: inDays(t.At.Sub(d.At))})
		ends, fends = append(ends, len(buf)), append(fends, len(facts))
	}
	for _, s := range t.Stale {
		// <instrument> of <date> is older than <valid for> and was not used; a new screening is due
		k, _ := instIndex(s.Instrument)
		m := msg.MoodReasonStale{Instrument: s.Instrument.Name(), Date: s.At, ValidFor: s.ValidFor.Std()}
		out = append(out, callfloor.Reason{Rule: p.instruments[k].staleRule, Outcome: callfloor.Stale, Message: m.ID()})
		buf = m.Append(buf, p.loc)
		facts = append(facts, callfloor.Fact{Name: factValidForDays, Value: inDays(s.ValidFor.Std())},
			callfloor.Fact{Name: factAgeDays, Value: inDays(s.Age.Std())})
		ends, fends = append(ends, len(buf)), append(fends, len(facts))
	}
	if len(t.Used) == 0 && t.Declared == nil {
		m := msg.MoodReasonNoScreening{}
		out = append(out, callfloor.Reason{Rule: tierRules[Normal], Outcome: callfloor.NotEvaluated, Message: m.ID()})
		buf = m.Append(buf, p.loc)
		ends, fends = append(ends, len(buf)), append(fends, len(facts))
	}
	if who5From != nil {
		items := who5From.Wellbeing.LowItems
		var id string
		if len(items) == 1 {
			m := msg.MoodReasonWho5LowItem{Item: items[0], Date: who5From.At}
			buf, id = m.Append(buf, loc), m.ID()
		} else {
			var names [5]string
			n := 0
			for _, item := range items {
				if n < len(names) {
					names[n] = itemNames[min(max(item, 0), len(itemNames)-1)]
					n++
				}
			}
			m := msg.MoodReasonWho5LowItems{Items: names[:n], Date: who5From.At}
			buf, id = m.Append(buf, loc), m.ID()
		}
		out = append(out, callfloor.Reason{Rule: "watch.who5_low_item", Outcome: callfloor.Fired, Message: id})
		for _, item := range items {
			facts = append(facts, callfloor.Fact{Name: factItem, Value: float64(item)})
		}
		ends, fends = append(ends, len(buf)), append(fends, len(facts))
	}
	w := &p.watch
	for _, h := range hits {
		if h.signal < 0 {
			m := msg.MoodReasonCheckIns{N: h.n, AtMost: w.checkInAtMost, Window: w.window}
			out = append(out, callfloor.Reason{Rule: "watch.check_ins", Outcome: callfloor.Fired, Message: m.ID()})
			buf = m.Append(buf, loc)
			facts = append(facts, callfloor.Fact{Name: factCount, Value: float64(h.n)},
				callfloor.Fact{Name: factAtMost, Value: float64(w.checkInAtMost)},
				callfloor.Fact{Name: factWindowDays, Value: inDays(w.window)},
				callfloor.Fact{Name: factAtLeast, Value: float64(w.checkInCount)})
		} else {
			s := &w.signals[h.signal]
			m := msg.MoodReasonSignal{N: h.n, Window: w.window, Text: s.text}
			out = append(out, callfloor.Reason{Rule: s.rule, Outcome: callfloor.Fired, Message: m.ID()})
			buf = m.Append(buf, loc)
			facts = append(facts, callfloor.Fact{Name: factCount, Value: float64(h.n)},
				callfloor.Fact{Name: factWindowDays, Value: inDays(w.window)},
				callfloor.Fact{Name: factAtLeast, Value: float64(s.count)})
		}
		ends, fends = append(ends, len(buf)), append(fends, len(facts))
	}
	all := string(buf)
	from, ffrom := 0, 0
	for i := range out {
		out[i].Text = all[from:ends[i]]
		if fends[i] > ffrom {
			out[i].Facts = facts[ffrom:fends[i]:fends[i]]
		}
		from, ffrom = ends[i], fends[i]
	}
	return out
}

// itemNames are the WHO-5 item numbers as the reasons list them; an item
// outside 1..5, which Screening checks rule out, is listed as 0.
var itemNames = [...]string{"0", "1", "2", "3", "4", "5"}

// round1 rounds a CBI subscale score to the one decimal the reasons show.
func round1(f float64) float64 { return math.Round(f*10) / 10 }

// reasonSpace gives room for n reasons and m facts. Results with few
// reasons, nearly all of them, get both from one allocation; the facts
// the reasons slice keep it alive as long as any reason is.
func reasonSpace(n, m int) ([]callfloor.Reason, []callfloor.Fact) {
	switch {
	case n <= 2 && m <= 4:
		b := new(struct {
			r [2]callfloor.Reason
			f [4]callfloor.Fact
		})
		return b.r[:0:n], b.f[:0:m]
	case n <= 3 && m <= 6:
		b := new(struct {
			r [3]callfloor.Reason
			f [6]callfloor.Fact
		})
		return b.r[:0:n], b.f[:0:m]
	case n <= 4 && m <= 8:
		b := new(struct {
			r [4]callfloor.Reason
			f [8]callfloor.Fact
		})
		return b.r[:0:n], b.f[:0:m]
	case n <= 8 && m <= 16:
		b := new(struct {
			r [8]callfloor.Reason
			f [16]callfloor.Fact
		})
		return b.r[:0:n], b.f[:0:m]
	}
	return make([]callfloor.Reason, 0, n), make([]callfloor.Fact, 0, m)
}

func days(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		n := int(d / (24 * time.Hour))
		if n == 1 {
			return "1 day"
		}
		return strconv.Itoa(n) + " days"
	}
	return shortDur(d)
}

func afterErr(l *msg.Locale, field callfloor.Path, at, asOf time.Time) error {
	return msgerr.Invalid(l, field, stamp(at), msg.MoodInputAfter{AsOf: asOf})
}

// watchSignals validates observations and check-ins and returns the watch
// signals they reach, in policy order, low check-ins last.
func (p *Policy) watchSignals(a *Assessment, hits []watchHit) ([]watchHit, error) {
	w := &p.watch
	from := a.At.Add(-w.window)
	var small [16]int
	var counts []int
	if len(w.signals) <= len(small) {
		counts = small[:len(w.signals)]
	} else {
		counts = make([]int, len(w.signals))
	}
	for i := range a.Observations {
		o := &a.Observations[i]
		k := -1
		for j := range w.signals {
			if w.signals[j].kind == o.Kind {
				k = j
				break
			}
		}
		if k < 0 {
			return nil, msgerr.NotSupported(p.loc, elem("assessment.observations", i).Child("kind"), msg.MoodInputObservationKind{}, o.Kind, p.signalKinds())
		}
		if o.At.IsZero() {
			return nil, msgerr.Required(p.loc, elem("assessment.observations", i).Child("at"), nil)
		}
		if o.At.After(a.At) {
			return nil, afterErr(p.loc, elem("assessment.observations", i).Child("at"), o.At, a.At)
		}
		if o.At.After(from) {
			counts[k]++
		}
	}
	if err := checkCheckIns(p.loc, a.CheckIns, "assessment.check_ins"); err != nil {
		return nil, err
	}
	low := 0
	for i := range a.CheckIns {
		c := &a.CheckIns[i]
		if c.At.After(a.At) {
			return nil, afterErr(p.loc, elem("assessment.check_ins", i).Child("at"), c.At, a.At)
		}
		if c.At.After(from) && c.Mood <= w.checkInAtMost {
			low++
		}
	}
	for j := range w.signals {
		if counts[j] >= w.signals[j].count {
			hits = append(hits, watchHit{signal: j, n: counts[j]})
		}
	}
	if low >= w.checkInCount {
		hits = append(hits, watchHit{signal: -1, n: low})
	}
	return hits, nil
}

func (p *Policy) signalKinds() []string {
	kinds := make([]string, len(p.watch.signals))
	for i, sig := range p.watch.signals {
		kinds[i] = sig.kind
	}
	return kinds
}

// checkCheckIns verifies that check-ins are dated, on the 1..5 scale and
// strictly in time order.
func checkCheckIns(l *msg.Locale, cs []CheckIn, field callfloor.Path) error {
	for i := range cs {
		c := &cs[i]
		f := func() callfloor.Path { return elem(field, i) }
		if c.At.IsZero() {
			return msgerr.Required(l, f().Child("at"), nil)
		}
		if c.Mood < 1 || c.Mood > 5 {
			return msgerr.OutOfRange(l, f().Child("mood"), c.Mood, 1, 5, msg.MoodInputCheckInScale{})
		}
		if i > 0 {
			prev := cs[i-1].At
			if c.At.Equal(prev) {
				return msgerr.Duplicate(l, f().Child("at"), stamp(c.At), elem(field, i-1))
			}
			if c.At.Before(prev) {
				return msgerr.Invalid(l, f().Child("at"), stamp(c.At), msg.MoodInputCheckInsOrder{Prev: string(elem(field, i-1)), PrevAt: prev})
			}
		}
	}
	return nil
}
