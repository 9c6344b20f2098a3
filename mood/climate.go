package mood

import (
	"math"
	"slices"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/cond"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
	"github.com/callfloor/callfloor/internal/policyfile"
)

// Team is what the host knows about one team as of one moment, for the
// team-level alarm: a team that keeps missing its
// targets or lives through repeated organizational change turns negative
// together, and the lead's own morale then decides the team's.
type Team struct {
	// Team identifies the team; it is copied into the result.
	Team string `json:"team"`
	// At is the moment the assessment speaks for; action deadlines count
	// from it.
	At time.Time `json:"at"`
	// Members holds the latest triage of each member, none after At.
	Members []Triage `json:"members"`
	// MissedTargets is how many periods in a row, up to At, the team has
	// missed its target.
	MissedTargets int `json:"missed_targets"`
	// Changes are organizational changes the team lived through
	// (reorganization, new lead, new process), in any order, none after
	// At.
	Changes []OrgChange `json:"changes,omitempty"`
}

// OrgChange is one organizational change a team lived through.
type OrgChange struct {
	// Kind is the host's name for the change, such as "reorg" or
	// "new_lead"; every kind counts the same.
	Kind string `json:"kind"`
	// At is when the change took effect.
	At time.Time `json:"at"`
}

// Climate is a team's collective state. It holds counts, never who.
type Climate struct {
	// Team and At are copied from the assessment.
	Team string    `json:"team"`
	At   time.Time `json:"at"`
	// Size is the number of members assessed.
	Size int `json:"size"`
	// AtRisk counts members at Mild or worse, in crisis or on watch, and
	// AtRiskShare is their share of the team. Both are nil when the team
	// is smaller than the policy's minimum group, so that no individual
	// can be singled out; alarms on them cannot fire then. Both are nil too
	// when every member, or every member but one, is at risk, or when none
	// or one is: the count would tell each member's state (the
	// "climate.homogeneous" reason says so). Alarms on them still fire
	// then, and their reasons leave the count out.
	AtRisk      *int     `json:"at_risk,omitempty"`
	AtRiskShare *float64 `json:"at_risk_share,omitempty"`
	// MissedTargets is copied from the assessment.
	MissedTargets int `json:"missed_targets"`
	// RecentChanges counts the changes within the policy's change window.
	RecentChanges int `json:"recent_changes"`
	// Alarm is set when any of the policy's climate alarms fires; Actions
	// are then the team-level actions.
	Alarm   bool     `json:"alarm"`
	Actions []Action `json:"actions"`
	// Reasons lists, in policy order, each alarm that fired
	// ("climate.alarms.missed_targets", Fired, with the metrics its
	// condition read as facts), preceded by "climate.min_group", Fired,
	// when team figures were withheld (facts: team_size, min_group).
	Reasons []callfloor.Reason `json:"reasons"`
	// Policy names the policy that produced the result.
	Policy callfloor.Identity `json:"policy"`
}

// The metrics a climate alarm's condition may use.
const (
	MetricTeamSize      = "team_size"
	MetricAtRisk        = "at_risk"
	MetricAtRiskShare   = "at_risk_share"
	MetricMissedTargets = "missed_targets"
	MetricRecentChanges = "recent_changes"
)

// climateMetrics are the climate metrics in slot order; metricDisplay
// gives their display names in the same order.
var climateMetrics = [...]string{MetricTeamSize, MetricAtRisk, MetricAtRiskShare, MetricMissedTargets, MetricRecentChanges}

// climateEnv declares the climate metrics for a policy's alarms,
// presented in the policy's locale l: its reasons write each metric by
// its display name (missed_targets is 连续未达标周期 in zh-CN) and join
// the figures as l joins a list. English writes the ids, as it always
// has.
func climateEnv(l *msg.Locale) *cond.Env {
	env, err := cond.NewEnv(climateMetrics[:]...)
	if err != nil {
		panic(err)
	}
	env.Present(l, func(name string) string {
		for i, m := range climateMetrics {
			if m == name {
				return metricDisplay[i].String(l)
			}
		}
		return name
	})
	return env
}

// climateSlot gives the slot of a climate metric in every policy's
// climate Env.
func climateSlot(name string) int {
	for i, m := range climateMetrics {
		if m == name {
			return i
		}
	}
	return -1
}

type alarmRule struct {
	rule string // the alarm's place in the policy, "climate.alarms.<id>"
	when *cond.Expr
	text string
}

// minGroupRule is the rule that withholds the figures of small groups.
const minGroupRule = "climate.min_group"

// homogeneousRule is the rule that withholds a mood-map group's figures,
// or a team's count at risk, when they would reveal each member's mood or
// state, however large the group.
const homogeneousRule = "climate.homogeneous"

// withheldRule is the one rule a mood map gives for every group it
// withholds, whatever withholds it: a reason that said all but one of a
// group share a mood would tell the one who differs what everyone else
// reported.
const withheldRule = "climate.withheld"

// The names of the facts of the min-group rule besides the metrics.
const (
	factMinGroup = "min_group" // the smallest group whose figures are shown
	factMembers  = "members"   // a mood-map group's members
)

// facts lists the metrics the alarm's condition read, in the order its
// explanation names them, leaving out those withheld for a small team.
func (a *alarmRule) facts(vals []float64) []callfloor.Fact {
	var out []callfloor.Fact
	for _, name := range a.when.Metrics() {
		if v := vals[climateSlot(name)]; !math.IsNaN(v) {
			out = append(out, callfloor.Fact{Name: name, Value: v})
		}
	}
	return out
}

// readsAtRisk reports whether the alarm's condition reads the count or
// the share of members at risk.
func (a *alarmRule) readsAtRisk() bool {
	for _, name := range a.when.Metrics() {
		if name == MetricAtRisk || name == MetricAtRiskShare {
			return true
		}
	}
	return false
}

// withoutAtRisk is vals with the at-risk figures left out, as facts are
// for a team whose count is withheld.
func withoutAtRisk(vals []float64) []float64 {
	out := append([]float64(nil), vals...)
	out[1], out[2] = math.NaN(), math.NaN()
	return out
}

type climateRules struct {
	minGroup     int
	changeWindow time.Duration
	alarms       []alarmRule
	actions      []actionRule
}

// MinGroup is the smallest group whose figures the policy lets anyone see;
// 0 for a nil or zero Policy, which has no such rule.
func (p *Policy) MinGroup() int {
	if p.zero() {
		return 0
	}
	return p.climate.minGroup
}

// Climate assesses a team as of t.At. Each alarm of the policy is a
// condition over team_size, at_risk, at_risk_share, missed_targets and
// recent_changes; when any fires, the result carries the policy's
// team-level actions (by default team building and a check on the lead's
// own state). Members must be distinct agents triaged no later than t.At;
// changes must be dated no later than t.At. A member counts as at risk at
// Mild or worse, on watch or in crisis, as its Triage says: a crisis in
// force from an earlier screening counts however the latest screening
// reads. Anything else is an *callfloor.InputError naming the field, as is a t.At
// that JSON cannot store or so late that a team action's deadline would
// fall past year 9999. A nil or zero Policy returns ErrZeroPolicy.
func (p *Policy) Climate(t Team) (Climate, error) {
	if p.zero() {
		return Climate{}, ErrZeroPolicy
	}
	if t.At.IsZero() {
		return Climate{}, msgerr.Required(p.loc, "team.at", nil)
	}
	if err := reachErr(p.loc, "team.at", t.At, reach(p.climate.actions)); err != nil {
		return Climate{}, err
	}
	if t.MissedTargets < 0 {
		return Climate{}, msgerr.Invalid(p.loc, "team.missed_targets", t.MissedTargets, msg.MoodInputNegative{})
	}
	seen := make(map[string]int, len(t.Members))
	atRisk := 0
	for i := range t.Members {
		m := &t.Members[i]
		f := elem("team.members", i)
		if m.Agent == "" {
			return Climate{}, msgerr.Required(p.loc, f.Child("agent"), nil)
		}
		if j, dup := seen[m.Agent]; dup {
			return Climate{}, msgerr.Duplicate(p.loc, f.Child("agent"), m.Agent, elem("team.members", j))
		}
		seen[m.Agent] = i
		if m.At.IsZero() {
			return Climate{}, msgerr.Required(p.loc, f.Child("at"), msg.MoodInputMemberAt{})
		}
		if m.At.After(t.At) {
			return Climate{}, msgerr.Invalid(p.loc, f.Child("at"), stamp(m.At), msg.MoodInputAfterTeam{AsOf: t.At})
		}
		if m.Tier < Normal || m.Tier > Severe {
			return Climate{}, msgerr.Invalid(p.loc, f.Child("tier"), int(m.Tier), msg.MoodInputNotATier{})
		}
		if m.CrisisSource != nil && !m.Crisis {
			return Climate{}, invalid(p.loc, f.Child("crisis"), msg.MoodInputCrisisSource{At: m.CrisisSource.At})
		}
		if m.Tier >= Mild || m.Watch || m.Crisis {
			atRisk++
		}
	}
	cr := &p.climate
	recent := 0
	for i, ch := range t.Changes {
		f := elem("team.changes", i).Child("at")
		if ch.At.IsZero() {
			return Climate{}, msgerr.Required(p.loc, f, nil)
		}
		if ch.At.After(t.At) {
			return Climate{}, msgerr.Invalid(p.loc, f, stamp(ch.At), msg.MoodInputAfterTeam{AsOf: t.At})
		}
		if t.At.Sub(ch.At) <= cr.changeWindow {
			recent++
		}
	}
	c := Climate{Team: t.Team, At: t.At, Size: len(t.Members), MissedTargets: t.MissedTargets, RecentChanges: recent,
		Actions: []Action{}, Reasons: []callfloor.Reason{}, Policy: p.id}
	vals := []float64{float64(c.Size), math.NaN(), math.NaN(), float64(t.MissedTargets), float64(recent)}
	withheld := false
	if c.Size >= cr.minGroup {
		share := float64(atRisk) / float64(c.Size)
		vals[1], vals[2] = float64(atRisk), share
		if atRisk <= 1 || atRisk >= c.Size-1 {
			// All, or all but one, share one state: the count would tell
			// each member's. The alarms still read it; nobody else does.
			withheld = true
			m := msg.MoodReasonClimateHomogeneous{Size: c.Size}
			c.Reasons = append(c.Reasons, callfloor.Reason{Rule: homogeneousRule, Outcome: callfloor.Fired,
				Text: m.String(p.loc), Message: m.ID(),
				Facts: []callfloor.Fact{{Name: MetricTeamSize, Value: float64(c.Size)}}})
		} else {
			n := atRisk
			c.AtRisk, c.AtRiskShare = &n, &share
		}
	} else {
		m := msg.MoodReasonClimateMinGroup{Size: c.Size, Min: cr.minGroup}
		c.Reasons = append(c.Reasons, callfloor.Reason{Rule: minGroupRule, Outcome: callfloor.Fired,
			Text: m.String(p.loc), Message: m.ID(),
			Facts: []callfloor.Fact{{Name: MetricTeamSize, Value: float64(c.Size)}, {Name: factMinGroup, Value: float64(cr.minGroup)}}})
	}
	for _, a := range cr.alarms {
		if a.when.Eval(vals) {
			c.Alarm = true
			m := msg.MoodReasonClimateAlarm{Text: a.text, Figures: a.when.Explain(vals)}
			r := callfloor.Reason{Rule: a.rule, Outcome: callfloor.Fired, Text: m.String(p.loc), Message: m.ID(), Facts: a.facts(vals)}
			if withheld && a.readsAtRisk() {
				m := msg.MoodReasonClimateAlarmWithheld{Text: a.text}
				r.Text, r.Message, r.Facts = m.String(p.loc), m.ID(), a.facts(withoutAtRisk(vals))
			}
			c.Reasons = append(c.Reasons, r)
		}
	}
	if c.Alarm {
		for _, r := range cr.actions {
			c.Actions = append(c.Actions, r.at(t.At, "climate"))
		}
	}
	return c, nil
}

// MoodGroup is one group of a team mood map (a team, a shift, a site) with
// each member's mood of the day on the 1..5 check-in scale. The groups of
// a map do not overlap, and a group keeps its members from one map to the
// next: MoodMap says why.
type MoodGroup struct {
	// ID names the group; it is copied into the map.
	ID string `json:"id"`
	// Moods holds one mood 1..5 per member, in any order.
	Moods []int `json:"moods"`
}

// MoodCell is one group of a mood map. A group smaller than the policy's
// minimum is suppressed: its figures are left out, so that no individual
// can be singled out. So is a group of any size where every member, or
// every member but one, reports the same mood: its counts would tell
// everyone each member's mood; and one where a mood is reported by one
// member alone: a count of one singles that member out, and tells them
// the others' moods.
type MoodCell struct {
	// ID is the group's id.
	ID string `json:"id"`
	// Members is how many moods the group reported.
	Members int `json:"members"`
	// Suppressed is set when Members is below the policy's minimum group,
	// when all members, or all but one, report the same mood, or when a
	// mood is reported by one member alone.
	Suppressed bool `json:"suppressed"`
	// Mean is the group's mean mood; nil when suppressed.
	Mean *float64 `json:"mean,omitempty"`
	// Counts holds how many members reported each mood 1..5 (Counts[0] is
	// mood 1); nil when suppressed.
	Counts []int `json:"counts,omitempty"`
}

// MoodMap is a team mood map (情绪群体图) that may be shared.
type MoodMap struct {
	// Groups holds one cell per group, in the order given.
	Groups []MoodCell `json:"groups"`
	// Reasons names each suppressed group, in the order of the groups,
	// fired, with the group's members and the minimum group as facts,
	// under one rule, "climate.withheld", and one sentence whatever
	// withheld it: that all members, or all but one, report the same
	// mood, or that one member alone reports a mood, is itself what a
	// member must not learn.
	Reasons []callfloor.Reason `json:"reasons"`
	// Policy names the policy that produced the map.
	Policy callfloor.Identity `json:"policy"`
}

// MoodMap aggregates groups' moods of the day, in the order given,
// suppressing every group smaller than the policy's minimum group size,
// and every group where all members, or all but one, report the same
// mood: in such a group the counts reveal each member's mood (everyone
// sees that the others share theirs, and the one who differs sees what
// everyone else reported), so a large group is no shield. So is every
// group where one member alone reports a mood: that count of one singles
// the member out and tells them the others' moods. A group is shown when
// every mood it holds is reported by at least two members and at least
// two members are away from the most common mood. Every suppressed group
// has the same reason, "climate.withheld", which does not say why.
//
// The map protects one map, not two: a group of 6 shown one day and
// again, with one member gone, the next tells, by the difference, the
// mood of whoever left; groups that overlap (a team and a shift sharing
// members) tell the moods of the members they do not share. A host must
// give a map groups that do not overlap, each keeping its members from
// one map it shares to the next, and show no figures of a group whose
// membership changed. Groups must have distinct, non-empty ids and moods
// on the 1..5 scale.
// A nil or zero Policy returns ErrZeroPolicy.
func (p *Policy) MoodMap(groups []MoodGroup) (MoodMap, error) {
	if p.zero() {
		return MoodMap{}, ErrZeroPolicy
	}
	m := MoodMap{Groups: make([]MoodCell, 0, len(groups)), Reasons: []callfloor.Reason{}, Policy: p.id}
	seen := make(map[string]int, len(groups))
	for i, g := range groups {
		f := elem("groups", i)
		if g.ID == "" {
			return MoodMap{}, msgerr.Required(p.loc, f.Child("id"), nil)
		}
		if j, dup := seen[g.ID]; dup {
			return MoodMap{}, msgerr.Duplicate(p.loc, f.Child("id"), g.ID, elem("groups", j))
		}
		seen[g.ID] = i
		counts := make([]int, 5)
		sum := 0
		for k, v := range g.Moods {
			if v < 1 || v > 5 {
				return MoodMap{}, msgerr.OutOfRange(p.loc, f.Child("moods").Index(k), v, 1, 5, msg.MoodInputCheckInScale{})
			}
			counts[v-1]++
			sum += v
		}
		cell := MoodCell{ID: g.ID, Members: len(g.Moods)}
		facts := []callfloor.Fact{{Name: factMembers, Value: float64(len(g.Moods))}, {Name: factMinGroup, Value: float64(p.climate.minGroup)}}
		// A group below the minimum, one where every member or every
		// member but one gave the same mood, and one where a mood is one
		// member's alone would tell each member how the others feel, or
		// single one out. The reason is one for all three, so that it
		// tells none of this.
		if len(g.Moods) < p.climate.minGroup || slices.Max(counts) >= len(g.Moods)-1 || slices.Contains(counts, 1) {
			cell.Suppressed = true
			r := msg.MoodReasonMapWithheld{Group: g.ID}
			m.Reasons = append(m.Reasons, callfloor.Reason{Rule: withheldRule, Outcome: callfloor.Fired,
				Text: r.String(p.loc), Message: r.ID(), Facts: facts})
		} else {
			mean := round2(float64(sum) / float64(len(g.Moods)))
			cell.Mean, cell.Counts = &mean, counts
		}
		m.Groups = append(m.Groups, cell)
	}
	return m, nil
}

type rawClimate struct {
	MinGroup     int                 `yaml:"min_group,required"`
	ChangeWindow policyfile.Duration `yaml:"change_window,required"`
	Alarms       []rawAlarm          `yaml:"alarms,required"`
	Actions      []rawAction         `yaml:"actions,required"`
}

type rawAlarm struct {
	ID   string `yaml:"id,required"`
	When string `yaml:"when,required"`
	Text string `yaml:"text,required"`
}

func (c *compiler) compileClimate(r *rawClimate) climateRules {
	path := policyfile.Path("climate")
	cr := climateRules{minGroup: r.MinGroup, changeWindow: r.ChangeWindow.Std()}
	if c.doc.Has(path.Child("min_group")) && r.MinGroup < 3 {
		c.doc.Report(path.Child("min_group"), msg.MoodPolicyMinGroup{Got: r.MinGroup})
	}
	if c.doc.Has(path.Child("change_window")) && cr.changeWindow <= 0 {
		c.doc.Report(path.Child("change_window"), msg.MoodPolicyLongerThanZero{})
	}
	if c.doc.Has(path.Child("alarms")) && len(r.Alarms) == 0 {
		c.doc.Report(path.Child("alarms"), msg.MoodPolicyNoAlarm{})
	}
	env := climateEnv(c.doc.Locale())
	ids := map[string]int{}
	for i, a := range r.Alarms {
		at := path.Child("alarms").Index(i)
		c.uniqueID(at.Child("id"), a.ID, ids, i, "alarms")
		var x *cond.Expr
		if c.doc.Has(at.Child("when")) {
			x = c.doc.Condition(at.Child("when"), a.When, env)
		}
		if x != nil {
			cr.alarms = append(cr.alarms, alarmRule{rule: string(path.Child("alarms").Child(a.ID)), when: x, text: a.Text})
		}
	}
	cr.actions = c.actions(path.Child("actions"), r.Actions, true)
	return cr
}
