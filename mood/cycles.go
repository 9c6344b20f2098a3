package mood

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/enum"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
	"github.com/callfloor/callfloor/internal/policyfile"
	"github.com/callfloor/callfloor/internal/timerange"
)

// Event is something that happened to an agent and may pull their mood
// down for a while after it: a breakup, an illness, a harsh complaint, a
// KPI review. Its kind is one of the event kinds the policy names.
type Event struct {
	// Kind is one of the event kinds of the policy's cycle rules.
	Kind string `json:"kind"`
	// At is when it happened.
	At time.Time `json:"at"`
}

// History is an agent's dated check-ins and events, each list oldest
// first, for finding their emotion cycle.
type History struct {
	// Agent identifies the agent; it is copied into the result.
	Agent string `json:"agent"`
	// CheckIns are the agent's mood check-ins, oldest first.
	CheckIns []CheckIn `json:"check_ins"`
	// Events are the agent's events, oldest first.
	Events []Event `json:"events,omitempty"`
}

// Pattern is the kind of pattern a cycle finding is about.
type Pattern string

// The pattern kinds of a cycle finding.
const (
	// PatternWeekday: a weekday ("monday").
	PatternWeekday Pattern = "weekday"
	// PatternPeriod: a position in the pay or KPI period, one of the
	// policy's period rules ("month_end").
	PatternPeriod Pattern = "period"
	// PatternEvent: the days after an event kind of the policy.
	PatternEvent Pattern = "event"
)

var patterns = []Pattern{PatternWeekday, PatternPeriod, PatternEvent}

// String gives the pattern's name, as in "weekday".
func (p Pattern) String() string { return string(p) }

// MarshalText gives the pattern's name; any other value is an error.
func (p Pattern) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumMoodPattern{}, p, patterns)
}

// UnmarshalText reads a pattern's name and refuses any other text.
func (p *Pattern) UnmarshalText(b []byte) error {
	v, err := enum.Unmarshal(msg.EnumMoodPattern{}, b, patterns)
	if err == nil {
		*p = v
	}
	return err
}

// Preventive is an action the policy names to get ahead of a recurring
// low: something to do before the low point comes round again.
type Preventive struct {
	// Code names the action in the policy, as in "extend_morning_meeting".
	Code string `json:"code"`
	// Name is the display name the policy gives Code under names
	// ("延长晨会"); empty when it gives none, and a host then shows Code.
	Name string `json:"name,omitempty"`
	// Owner is the role of the policy that carries it out.
	Owner string `json:"owner"`
	// Setting says whether it is done one-to-one or in a group.
	Setting callfloor.Setting `json:"setting"`
	// Text is the policy's description of the action.
	Text string `json:"text,omitempty"`
}

// Finding is a recurring low: check-ins inside a pattern (a weekday, a
// position in the pay or KPI period, the days after an event kind) that
// are lower than the rest, by enough and often enough for the policy.
type Finding struct {
	// Pattern is "weekday", "period" or "event"; Key names the weekday
	// ("monday"), the period rule's id ("month_end") or the event kind.
	Pattern Pattern `json:"pattern"`
	Key     string  `json:"key"`
	// Effect is the standardized difference (Cohen's d): the mean mood
	// outside the pattern minus the mean inside, over the pooled standard
	// deviation (floored at 0.5 point, so that perfectly regular data
	// gives a finite effect). Larger is a deeper low.
	Effect float64 `json:"effect"`
	// MeanIn and MeanOut are the mean moods inside and outside the
	// pattern, rounded to two decimals like Effect and Share.
	MeanIn  float64 `json:"mean_in"`
	MeanOut float64 `json:"mean_out"`
	// NIn and NOut are the check-ins inside and outside the pattern: the
	// sample.
	NIn  int `json:"n_in"`
	NOut int `json:"n_out"`
	// Share is the fraction of check-ins inside the pattern that are below
	// MeanOut: how regularly the low recurs.
	Share float64 `json:"share"`
	// Action is what the policy names to prevent the next low.
	Action Preventive `json:"action"`
	// Reasons holds the finding's one reason: the rule whose action is
	// proposed ("cycles.weekdays.days.monday", "cycles.weekdays.default",
	// "cycles.periods.month_end", "cycles.events.personal_loss"), fired,
	// with the means, the effect, the check-ins below and the sample as
	// facts.
	Reasons []callfloor.Reason `json:"reasons"`
}

// Cycles is the emotion-cycle report for one agent.
type Cycles struct {
	// Agent is copied from the history.
	Agent string `json:"agent"`
	// From and To are the first and the last check-in's times; zero for
	// an empty history.
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// CheckIns is the number of check-ins examined.
	CheckIns int `json:"check_ins"`
	// Findings are ordered: weekdays Monday to Sunday, then the policy's
	// period rules, then its event kinds, each in policy order.
	Findings []Finding `json:"findings"`
	// Reasons holds each finding's reason, in the same order.
	Reasons []callfloor.Reason `json:"reasons"`
	// Policy names the policy that produced the report.
	Policy callfloor.Identity `json:"policy"`
}

type periodRule struct {
	id        string
	rule      string // "cycles.periods.<id>"
	firstDays int
	lastDays  int
	action    Preventive
}

type eventRule struct {
	kind   string
	rule   string // "cycles.events.<kind>"
	within time.Duration
	action Preventive
}

type cycleRules struct {
	minSample    int
	minEffect    float64
	minShare     float64
	weekdays     [7]Preventive // indexed by time.Weekday
	weekdayRules [7]string     // the rule of each weekday's action, "cycles.weekdays.days.<day>" or "cycles.weekdays.default"
	periods      []periodRule
	events       []eventRule
}

// minSD floors the pooled standard deviation, in mood points.
const minSD = 0.5

// Cycles looks for an agent's recurring lows, the emotion cycle that
// call-center practice watches so that prevention comes before the low:
// by weekday, by position in the calendar month that the KPI and pay
// periods follow, and in the days after each event kind the policy
// names. A pattern is reported only when both its check-ins and the rest
// number at least the policy's minimum sample, its effect reaches the
// policy's minimum, and the low recurs in at least the policy's share of
// its check-ins. Each finding carries the preventive action the policy
// names for it, so that prevention comes before the low point.
//
// Weekdays and days of the month are read in each check-in's own location.
// Check-ins must be dated, on the 1..5 scale, oldest first and without
// duplicates, and dated in years JSON can store (0..9999 in their own
// location), since From and To copy them; events must be dated, of a kind
// the policy names and oldest first. Anything else is an *callfloor.InputError
// naming the field. A nil or zero Policy returns ErrZeroPolicy.
func (p *Policy) Cycles(h History) (Cycles, error) {
	if p.zero() {
		return Cycles{}, ErrZeroPolicy
	}
	if err := checkCheckIns(p.loc, h.CheckIns, "history.check_ins"); err != nil {
		return Cycles{}, err
	}
	for i := range h.CheckIns {
		if at := h.CheckIns[i].At; !timerange.Storable(at) {
			return Cycles{}, timeErr(p.loc, elem("history.check_ins", i).Child("at"), at)
		}
	}
	cr := &p.cycles
	kinds := make([]int, len(h.Events))
	for i, e := range h.Events {
		f := elem("history.events", i)
		k := -1
		for j := range cr.events {
			if cr.events[j].kind == e.Kind {
				k = j
			}
		}
		if k < 0 {
			return Cycles{}, msgerr.NotSupported(p.loc, f.Child("kind"), msg.MoodInputEventKind{}, e.Kind, p.eventKinds())
		}
		kinds[i] = k
		if e.At.IsZero() {
			return Cycles{}, msgerr.Required(p.loc, f.Child("at"), nil)
		}
		if i > 0 && e.At.Before(h.Events[i-1].At) {
			return Cycles{}, msgerr.Invalid(p.loc, f.Child("at"), stamp(e.At), msg.MoodInputEventsOrder{Prev: string(elem("history.events", i-1))})
		}
		if i > 0 && e.At.Equal(h.Events[i-1].At) && e.Kind == h.Events[i-1].Kind {
			return Cycles{}, msgerr.Duplicate(p.loc, f.Child("at"), stamp(e.At), elem("history.events", i-1))
		}
	}
	out := Cycles{Agent: h.Agent, CheckIns: len(h.CheckIns), Findings: []Finding{}, Reasons: []callfloor.Reason{}, Policy: p.id}
	if len(h.CheckIns) == 0 {
		return out, nil
	}
	out.From, out.To = h.CheckIns[0].At, h.CheckIns[len(h.CheckIns)-1].At

	in := make([]bool, len(h.CheckIns))
	try := func(pattern Pattern, key, rule string, act Preventive) {
		if f, ok := p.test(h.CheckIns, in, pattern, key, rule, act); ok {
			out.Findings = append(out.Findings, f)
			out.Reasons = append(out.Reasons, f.Reasons...)
		}
	}
	for _, wd := range [...]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday} {
		for i, c := range h.CheckIns {
			in[i] = c.At.Weekday() == wd
		}
		try(PatternWeekday, strings.ToLower(wd.String()), cr.weekdayRules[wd], cr.weekdays[wd])
	}
	for _, pr := range cr.periods {
		for i, c := range h.CheckIns {
			y, m, d := c.At.Date()
			if pr.firstDays > 0 {
				in[i] = d <= pr.firstDays
			} else {
				in[i] = d > daysIn(y, m)-pr.lastDays
			}
		}
		try(PatternPeriod, pr.id, pr.rule, pr.action)
	}
	for k, er := range cr.events {
		// Walk the check-ins and the events together: a check-in is
		// inside when the latest event of this kind at or before it is
		// less than er.within old.
		j, last := 0, -1
		for i, c := range h.CheckIns {
			for j < len(h.Events) && !h.Events[j].At.After(c.At) {
				if kinds[j] == k {
					last = j
				}
				j++
			}
			in[i] = last >= 0 && c.At.Sub(h.Events[last].At) < er.within
		}
		try(PatternEvent, er.kind, er.rule, er.action)
	}
	return out, nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func (p *Policy) eventKinds() []string {
	kinds := make([]string, len(p.cycles.events))
	for i, e := range p.cycles.events {
		kinds[i] = e.kind
	}
	return kinds
}

// test compares the check-ins marked in with the rest.
func (p *Policy) test(cs []CheckIn, in []bool, pattern Pattern, key, rule string, act Preventive) (Finding, bool) {
	var nIn, nOut int
	var sumIn, sumOut float64
	for i, c := range cs {
		if in[i] {
			nIn++
			sumIn += float64(c.Mood)
		} else {
			nOut++
			sumOut += float64(c.Mood)
		}
	}
	cr := &p.cycles
	if nIn < cr.minSample || nOut < cr.minSample {
		return Finding{}, false
	}
	meanIn, meanOut := sumIn/float64(nIn), sumOut/float64(nOut)
	var ssIn, ssOut float64
	below := 0
	for i, c := range cs {
		v := float64(c.Mood)
		if in[i] {
			ssIn += (v - meanIn) * (v - meanIn)
			if v < meanOut {
				below++
			}
		} else {
			ssOut += (v - meanOut) * (v - meanOut)
		}
	}
	sd := math.Max(math.Sqrt((ssIn+ssOut)/float64(nIn+nOut-2)), minSD)
	effect := (meanOut - meanIn) / sd
	share := float64(below) / float64(nIn)
	if effect < cr.minEffect || share < cr.minShare {
		return Finding{}, false
	}
	f := Finding{
		Pattern: pattern, Key: key, Effect: round2(effect),
		MeanIn: round2(meanIn), MeanOut: round2(meanOut), NIn: nIn, NOut: nOut,
		Share: round2(share), Action: act,
	}
	f.Reasons = []callfloor.Reason{{
		Rule: rule, Outcome: callfloor.Fired,
		Text: msg.MoodReasonCycle{When: p.describePattern(pattern, key), MeanIn: fixed2(f.MeanIn), MeanOut: fixed2(f.MeanOut), Effect: fixed2(f.Effect),
			Below: below, NIn: nIn, NOut: nOut, Action: p.names.Of(act.Code)}.String(p.loc),
		Message: msg.MoodReasonCycle{}.ID(),
		Facts: []callfloor.Fact{{Name: "mean_in", Value: meanIn}, {Name: "mean_out", Value: meanOut}, {Name: "effect", Value: effect},
			{Name: "below", Value: float64(below)}, {Name: "n_in", Value: float64(nIn)}, {Name: "n_out", Value: float64(nOut)}},
	}}
	return f, true
}

// describePattern names the days of a pattern, for the reason to word in
// the policy's locale: "Mondays", "the days after complaint", or a period
// rule's id, each event kind and period by the display name the policy
// gives it.
func (p *Policy) describePattern(pattern Pattern, key string) msg.Message {
	switch pattern {
	case PatternWeekday:
		if d, ok := weekdayOf(key); ok {
			return weekdayDisplay[d]
		}
	case PatternEvent:
		return msg.MoodPatternEvent{Event: p.names.Of(key)}
	case PatternPeriod:
		return msg.MoodPatternPeriod{Period: p.names.Of(key)}
	}
	return msg.MoodPatternKey{Key: key}
}

// fixed2 writes a figure with exactly two decimals, as the cycle reasons
// show their means and effects.
func fixed2(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

func round2(f float64) float64 { return math.Round(f*100) / 100 }

type rawCycles struct {
	MinSample int            `yaml:"min_sample,required"`
	MinEffect float64        `yaml:"min_effect,required"`
	MinShare  float64        `yaml:"min_share,required"`
	Weekdays  rawWeekdays    `yaml:"weekdays,required"`
	Periods   []rawPeriod    `yaml:"periods"`
	Events    []rawEventRule `yaml:"events"`
}

type rawWeekdays struct {
	Default rawPreventive            `yaml:"default,required"`
	Days    map[string]rawPreventive `yaml:"days"`
}

type rawPreventive struct {
	Code    string `yaml:"code,required"`
	Owner   string `yaml:"owner,required"`
	Setting string `yaml:"setting,required"`
	Text    string `yaml:"text"`
}

type rawPeriod struct {
	ID        string        `yaml:"id,required"`
	FirstDays int           `yaml:"first_days"`
	LastDays  int           `yaml:"last_days"`
	Action    rawPreventive `yaml:"action,required"`
}

type rawEventRule struct {
	Kind   string              `yaml:"kind,required"`
	Within policyfile.Duration `yaml:"within,required"`
	Action rawPreventive       `yaml:"action,required"`
}

func (c *compiler) preventive(path policyfile.Path, r *rawPreventive) Preventive {
	c.code(path.Child("code"), r.Code)
	c.owner(path.Child("owner"), r.Owner)
	return Preventive{Code: r.Code, Name: c.names[r.Code], Owner: r.Owner, Setting: c.setting(path.Child("setting"), r.Setting), Text: r.Text}
}

func (c *compiler) compileCycles(r *rawCycles) cycleRules {
	path := policyfile.Path("cycles")
	cr := cycleRules{minSample: r.MinSample, minEffect: r.MinEffect, minShare: r.MinShare}
	if c.doc.Has(path.Child("min_sample")) && r.MinSample < 2 {
		c.doc.Report(path.Child("min_sample"), msg.MoodPolicyMinSample{Got: r.MinSample})
	}
	if c.doc.Has(path.Child("min_effect")) && r.MinEffect <= 0 {
		c.doc.Report(path.Child("min_effect"), msg.MoodPolicyMinEffect{Got: num(r.MinEffect)})
	}
	if c.doc.Has(path.Child("min_share")) && (r.MinShare <= 0 || r.MinShare > 1) {
		c.doc.Report(path.Child("min_share"), msg.MoodPolicyMinShare{Got: num(r.MinShare)})
	}
	wp := path.Child("weekdays")
	def := c.preventive(wp.Child("default"), &r.Weekdays.Default)
	for i := range cr.weekdays {
		cr.weekdays[i] = def
		cr.weekdayRules[i] = string(wp.Child("default"))
	}
	for _, name := range policyfile.SortedKeys(r.Weekdays.Days) {
		at := wp.Child("days").Key(name)
		wd, ok := weekdayOf(name)
		act := r.Weekdays.Days[name]
		if !ok {
			c.doc.Report(at, msg.MoodPolicyUnknownWeekday{Value: strconv.Quote(name), Allowed: weekdayNames()})
			continue
		}
		cr.weekdays[wd] = c.preventive(at, &act)
		cr.weekdayRules[wd] = string(at)
	}
	ids := map[string]int{}
	for i, pr := range r.Periods {
		at := path.Child("periods").Index(i)
		c.uniqueID(at.Child("id"), pr.ID, ids, i, "periods")
		switch {
		case (pr.FirstDays == 0) == (pr.LastDays == 0):
			c.doc.Report(at, msg.MoodPolicyFirstOrLastDays{})
		case pr.FirstDays < 0 || pr.FirstDays > 27:
			c.doc.Report(at.Child("first_days"), msg.MoodPolicyDaysRange{Got: pr.FirstDays})
		case pr.LastDays < 0 || pr.LastDays > 27:
			c.doc.Report(at.Child("last_days"), msg.MoodPolicyDaysRange{Got: pr.LastDays})
		}
		cr.periods = append(cr.periods, periodRule{id: pr.ID, rule: string(path.Child("periods").Child(pr.ID)), firstDays: pr.FirstDays, lastDays: pr.LastDays, action: c.preventive(at.Child("action"), &pr.Action)})
	}
	kinds := map[string]int{}
	for i, er := range r.Events {
		at := path.Child("events").Index(i)
		c.uniqueID(at.Child("kind"), er.Kind, kinds, i, "events")
		if c.doc.Has(at.Child("within")) && er.Within.Std() <= 0 {
			c.doc.Report(at.Child("within"), msg.MoodPolicyLongerThanZero{})
		}
		cr.events = append(cr.events, eventRule{kind: er.Kind, rule: string(path.Child("events").Child(er.Kind)), within: er.Within.Std(), action: c.preventive(at.Child("action"), &er.Action)})
	}
	return cr
}

// uniqueID checks that id is lower_snake_case and not used before in the
// same list.
func (c *compiler) uniqueID(at policyfile.Path, id string, seen map[string]int, i int, list string) {
	if !c.doc.Has(at) {
		return
	}
	if !c.doc.IDAs(at, msg.MoodWhatEntry{}, id) {
		return
	}
	if j, dup := seen[id]; dup {
		c.doc.Report(at, msg.MoodPolicyIdUsed{Value: strconv.Quote(id), List: list, Index: j})
		return
	}
	seen[id] = i
}

func weekdayOf(name string) (time.Weekday, bool) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.ToLower(d.String()) == name {
			return d, true
		}
	}
	return 0, false
}
