package coaching

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/cond"
	"github.com/callfloor/callfloor/internal/enum"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
	"github.com/callfloor/callfloor/internal/policyfile"
	"github.com/callfloor/callfloor/internal/timerange"
)

// ExitReason is the real reason a leaver gives in the exit interview: one
// of the built-in taxonomy, or of the one the policy's exit.reasons
// declares.
type ExitReason string

// The built-in reason taxonomy, that of a policy that declares none.
const (
	ExitPay      ExitReason = "pay"
	ExitWorkload ExitReason = "workload"
	ExitManager  ExitReason = "manager"
	ExitGrowth   ExitReason = "growth"
	ExitSchedule ExitReason = "schedule"
	ExitHealth   ExitReason = "health"
	ExitPersonal ExitReason = "personal"
	ExitOther    ExitReason = "other"
)

// ExitReasons lists the built-in taxonomy in its fixed order: that of a
// policy that declares none. A policy's own list is (*Policy).ExitReasons.
func ExitReasons() []ExitReason {
	return append([]ExitReason(nil), exitReasons...)
}

// ExitReasons lists the reasons the policy's attrition figures count, in
// its order: its exit.reasons, or the built-in taxonomy when it declares
// none. A nil or zero Policy declares none.
func (p *Policy) ExitReasons() []ExitReason {
	if !p.ready() {
		return nil
	}
	return append([]ExitReason(nil), p.exit.reasons...)
}

// AttritionPeriod is how attrition figures are grouped in time.
type AttritionPeriod string

// The attrition periods a policy may choose.
const (
	Monthly   AttritionPeriod = "month"
	Quarterly AttritionPeriod = "quarter"
	Yearly    AttritionPeriod = "year"
)

type rawExit struct {
	RetainWhen   string   `yaml:"retain_when"`
	RetainReason string   `yaml:"retain_reason"`
	Period       string   `yaml:"period"`
	Reasons      []string `yaml:"reasons"`
}

type exitPolicy struct {
	retain *cond.Expr
	slots  []int
	reason string
	period AttritionPeriod
	// reasons is the taxonomy the attrition figures count by, in order.
	reasons []ExitReason
}

func compileExit(doc *policyfile.Doc, raw *rawExit, env *cond.Env) exitPolicy {
	ep := exitPolicy{period: Monthly, reason: msg.CoachingReasonMeetsBar{}.String(doc.Locale()), reasons: ExitReasons()}
	if raw == nil {
		return ep
	}
	ep.reasons = compileExitReasons(doc, raw.Reasons)
	if raw.RetainWhen != "" || doc.Has("exit.retain_when") {
		ep.retain = doc.Condition("exit.retain_when", raw.RetainWhen, env)
		if ep.retain != nil {
			for _, m := range ep.retain.Metrics() {
				s, _ := env.Slot(m)
				ep.slots = append(ep.slots, s)
			}
		}
	}
	if raw.RetainReason != "" {
		ep.reason = raw.RetainReason
	}
	if raw.Period != "" {
		if err := ep.period.UnmarshalText([]byte(raw.Period)); err != nil {
			doc.Report("exit.period", msg.CoachingPolicyUnknownPeriod{Period: quote(raw.Period), Allowed: text(enum.Allowed(attritionPeriods))})
		}
	}
	return ep
}

// compileExitReasons takes the reasons the exit section declares, each an
// id, once; a section that declares none counts by the built-in
// taxonomy.
func compileExitReasons(doc *policyfile.Doc, raw []string) []ExitReason {
	const path = "exit.reasons"
	if !doc.Has(path) {
		return ExitReasons()
	}
	if len(raw) == 0 {
		doc.Report(path, msg.CoachingPolicyExitReasonsEmpty{})
	}
	out := []ExitReason{}
	seen := map[string]bool{}
	for i, r := range raw {
		p := policyfile.Path(path).Index(i)
		switch {
		case !doc.IDAs(p, msg.CoachingWhatExitReason{}, r):
		case seen[r]:
			doc.Report(p, msg.CoachingPolicyExitReasonDeclaredTwice{Reason: quote(r)})
		default:
			seen[r] = true
			out = append(out, ExitReason(r))
		}
	}
	return out
}

// RetentionDecision says whether the exit interview should try to keep the
// leaver.
type RetentionDecision struct {
	// Policy names the policy that produced the decision.
	// Subject is the leaver, as passed to Retention.
	// Attempt is true when the leaver's signals meet the policy's
	// exit.retain_when bar; it is false when the policy sets no bar or a
	// signal the bar reads is missing.
	Policy  callfloor.Identity `json:"policy"`
	Subject string             `json:"subject"`
	Attempt bool               `json:"attempt"`
	// Missing lists the signals the bar reads that were not supplied; the
	// decision is then not to attempt, and the reasons say so.
	Missing []string `json:"missing"`
	// Reasons holds one reason, Rule "exit.retain_when": Fired when the
	// bar is met, NotMet when it is not, each with the signals it read as
	// Facts; NotEvaluated when a signal it reads is missing or the policy
	// sets no bar.
	Reasons []callfloor.Reason `json:"reasons"`
}

// retainRule is the place of the exit interview's bar in the policy.
const retainRule = "exit.retain_when"

// Retention decides whether to attempt to keep a leaver: yes when the
// leaver's signals meet the policy's exit.retain_when bar.
func (p *Policy) Retention(subject string, signals Signals) (RetentionDecision, error) {
	if !p.ready() {
		return RetentionDecision{}, ErrZeroPolicy
	}
	d := RetentionDecision{Policy: p.id, Subject: subject, Missing: []string{}}
	if strings.TrimSpace(subject) == "" {
		return d, msgerr.Required(p.loc, "subject", nil)
	}
	vals, err := p.signalValues("signals", signals)
	if err != nil {
		return d, err
	}
	x := p.exit.retain
	switch {
	case x == nil:
		m := msg.CoachingReasonNoBar{}
		d.Reasons = []callfloor.Reason{{Rule: retainRule, Outcome: callfloor.NotEvaluated, Text: m.String(p.loc), Message: m.ID()}}
	default:
		if miss := p.missing(p.exit.slots, vals); len(miss) > 0 {
			d.Missing = miss
			m := msg.CoachingReasonCannotJudge{Missing: p.signalLabels(miss)}
			d.Reasons = []callfloor.Reason{{Rule: retainRule, Outcome: callfloor.NotEvaluated,
				Text: m.String(p.loc), Message: m.ID(), Facts: p.facts(p.exit.slots, vals)}}
			return d, nil
		}
		if x.Eval(vals) {
			d.Attempt = true
			m := msg.CoachingReasonRule{Reason: p.exit.reason, Explain: x.Explain(vals)}
			d.Reasons = []callfloor.Reason{{Rule: retainRule, Outcome: callfloor.Fired,
				Text: m.String(p.loc), Message: m.ID(), Facts: p.facts(p.exit.slots, vals)}}
		} else {
			m := msg.CoachingReasonBelowBar{Bar: strconv.Quote(x.Readable()), Explain: x.Explain(vals)}
			d.Reasons = []callfloor.Reason{{Rule: retainRule, Outcome: callfloor.NotMet,
				Text: m.String(p.loc), Message: m.ID(), Facts: p.facts(p.exit.slots, vals)}}
		}
	}
	return d, nil
}

// Leaver is one person who resigned, as the exit interview recorded it.
type Leaver struct {
	// Subject identifies the leaver; a leaver may be listed only once.
	// Team is the leaver's team; required.
	Subject string `json:"subject"`
	Team    string `json:"team"`
	// At is when the resignation took effect, in the host's time zone; it
	// places the leaver in a period. It must be a time JSON can hold
	// (years 0 to 9999).
	// Reason is the real reason the leaver gave, one of the policy's
	// ExitReasons.
	At     time.Time  `json:"at"`
	Reason ExitReason `json:"reason"`
	// RetentionAttempted and Retained record the retention attempt; a
	// retained leaver stayed and is not counted as having left.
	RetentionAttempted bool `json:"retention_attempted"`
	Retained           bool `json:"retained"`
}

// Headcount is the size of a team in a period, for attrition rates.
type Headcount struct {
	// Team is the team's id, as in Leaver.Team.
	// Period is the attrition period as PeriodOf writes it, such as "2026-03"
	// under a monthly policy; any other form is refused, since it could
	// never match a leaver.
	// Count is everyone on the team in the period: its size at the start
	// plus those who joined during it. Everyone who resigned in the period
	// is among them, so Count is at least 1 and never under the leavers
	// listed for the team and period, retained or not; the rate, Left over
	// Count, is then never above 1.
	Team   string `json:"team"`
	Period string `json:"period"`
	Count  int    `json:"count"`
}

// Tally counts leavers under one key: a reason, a team, a period, or a
// team in a period.
type Tally struct {
	// Key is the reason, team, period or "team period" counted; empty on
	// Attrition.Total. Team names may hold spaces, so read a team in a
	// period from Team and Period rather than by splitting Key.
	Key string `json:"key"`
	// Team is the team counted, on ByTeam and ByTeamPeriod; Period is the
	// period counted, on ByPeriod and ByTeamPeriod.
	Team   string `json:"team,omitempty"`
	Period string `json:"period,omitempty"`
	// Left counts those who left; Retained those kept by a retention
	// attempt; Attempted every attempt.
	Left      int `json:"left"`
	Retained  int `json:"retained"`
	Attempted int `json:"attempted"`
	// Headcount and Rate (Left / Headcount) are set for a team in a period
	// when the host supplied its headcount.
	Headcount int     `json:"headcount,omitempty"`
	Rate      float64 `json:"rate,omitempty"`
}

// Attrition is the attrition figures of a set of exit interviews.
type Attrition struct {
	// Policy names the policy that produced the figures.
	// Period is the policy's exit.period (Monthly when it sets none).
	// Total counts every leaver; its Key is empty.
	Policy callfloor.Identity `json:"policy"`
	Period AttritionPeriod    `json:"period"`
	Total  Tally              `json:"total"`
	// ByReason has every reason of the policy's taxonomy, in its order,
	// zeros included.
	ByReason []Tally `json:"by_reason"`
	// ByTeam and ByPeriod are sorted by key; ByTeamPeriod by team, then
	// period. A team in a period has the key "team period", as
	// "north 2026-03".
	ByTeam       []Tally `json:"by_team"`
	ByPeriod     []Tally `json:"by_period"`
	ByTeamPeriod []Tally `json:"by_team_period"`
}

// PeriodOf gives the attrition period of a time under the policy, as
// "2026-03" (month), "2026-Q1" (quarter) or "2026" (year), in t's own
// time zone. A nil or zero Policy has no periods and gives "".
func (p *Policy) PeriodOf(t time.Time) string {
	if !p.ready() {
		return ""
	}
	switch p.exit.period {
	case Quarterly:
		return fmt.Sprintf("%04d-Q%d", t.Year(), (int(t.Month())-1)/3+1)
	case Yearly:
		return fmt.Sprintf("%04d", t.Year())
	}
	return fmt.Sprintf("%04d-%02d", t.Year(), int(t.Month()))
}

// validPeriod reports whether s is a period as PeriodOf writes it under
// the policy.
func (p *Policy) validPeriod(s string) bool {
	digits := func(s string) bool {
		for _, r := range s {
			if r < '0' || r > '9' {
				return false
			}
		}
		return true
	}
	switch p.exit.period {
	case Quarterly:
		return len(s) == 7 && digits(s[:4]) && s[4:6] == "-Q" && s[6] >= '1' && s[6] <= '4'
	case Yearly:
		return len(s) == 4 && digits(s)
	}
	return len(s) == 7 && digits(s[:4]) && s[4] == '-' && digits(s[5:]) && s[5:] >= "01" && s[5:] <= "12"
}

// teamPeriod keys a team in a period; a struct, since team names may hold
// any character a joined key would use as its separator.
type teamPeriod struct{ team, period string }

func (p *Policy) validReason(r ExitReason) bool {
	for _, x := range p.exit.reasons {
		if x == r {
			return true
		}
	}
	return false
}

// Attrition counts leavers by reason, team and period (the policy's
// exit.period). headcount is optional; where it gives a team's size in a
// period, that team's figure in that period carries a rate. A headcount
// under the number of leavers of its team and period is refused, as is a
// period not written as PeriodOf writes it.
func (p *Policy) Attrition(leavers []Leaver, headcount []Headcount) (Attrition, error) {
	if !p.ready() {
		return Attrition{}, ErrZeroPolicy
	}
	a := Attrition{Policy: p.id, Period: p.exit.period}
	reasons := p.exit.reasons
	byReason := map[ExitReason]*Tally{}
	for _, r := range reasons {
		byReason[r] = &Tally{Key: string(r)}
	}
	byTeam, byPeriod, byTP := map[string]*Tally{}, map[string]*Tally{}, map[teamPeriod]*Tally{}
	seen := map[string]int{}
	for i, l := range leavers {
		f := callfloor.Path("leavers").Index(i)
		switch {
		case strings.TrimSpace(l.Subject) == "":
			return a, msgerr.Required(p.loc, f.Child("subject"), nil)
		case strings.TrimSpace(l.Team) == "":
			return a, msgerr.Required(p.loc, f.Child("team"), nil)
		case l.At.IsZero():
			return a, msgerr.Required(p.loc, f.Child("at"), nil)
		case !timerange.Storable(l.At):
			return a, inputErr(p.loc, callfloor.ErrInvalid, f+".at", timeProblem(l.At))
		case !p.validReason(l.Reason):
			return a, msgerr.NotSupported(p.loc, f.Child("reason"), msg.CoachingWhatExitReason{}, string(l.Reason), names(p.exit.reasons))
		case l.Retained && !l.RetentionAttempted:
			return a, inputErr(p.loc, callfloor.ErrInvalid, f+".retained", msg.CoachingInputRetainedWithoutAttempt{})
		}
		if j, dup := seen[l.Subject]; dup {
			return a, msgerr.Duplicate(p.loc, f.Child("subject"), l.Subject, callfloor.Path("leavers").Index(j))
		}
		seen[l.Subject] = i
		pd := p.PeriodOf(l.At)
		counts := []*Tally{
			&a.Total, byReason[l.Reason],
			tallyOf(byTeam, l.Team, teamTally),
			tallyOf(byPeriod, pd, periodTally),
			tallyOf(byTP, teamPeriod{l.Team, pd}, teamPeriodTally),
		}
		for _, t := range counts {
			if l.Retained {
				t.Retained++
			} else {
				t.Left++
			}
			if l.RetentionAttempted {
				t.Attempted++
			}
		}
	}
	example := p.PeriodOf(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	seenHC := map[teamPeriod]int{}
	for i, h := range headcount {
		f := callfloor.Path("headcount").Index(i)
		key := teamPeriod{h.Team, h.Period}
		switch {
		case strings.TrimSpace(h.Team) == "":
			return a, msgerr.Required(p.loc, f.Child("team"), nil)
		case strings.TrimSpace(h.Period) == "":
			return a, msgerr.Required(p.loc, f.Child("period"), msg.CoachingBecauseWrittenAs{Example: quote(example)})
		case !p.validPeriod(h.Period):
			return a, inputErr(p.loc, callfloor.ErrInvalid, f+".period", msg.CoachingInputPeriodNotWhole{Value: quote(h.Period), Period: text(p.exit.period), Example: quote(example)})
		case h.Count <= 0:
			return a, inputErr(p.loc, callfloor.ErrOutOfRange, f+".count", msg.CoachingInputHeadcountBelowOne{Count: h.Count})
		}
		if j, dup := seenHC[key]; dup {
			return a, inputErr(p.loc, callfloor.ErrDuplicate, f, msg.CoachingInputHeadcountTwice{Team: quote(h.Team), Period: quote(h.Period), FirstIndex: j})
		}
		seenHC[key] = i
		t := tallyOf(byTP, key, teamPeriodTally)
		if gone := t.Left + t.Retained; h.Count < gone {
			return a, inputErr(p.loc, callfloor.ErrOutOfRange, f+".count", msg.CoachingInputHeadcountBelowResigned{Count: h.Count, Gone: gone, Team: quote(h.Team), Period: quote(h.Period), Left: t.Left, Retained: t.Retained})
		}
		t.Headcount = h.Count
		t.Rate = float64(t.Left) / float64(h.Count)
	}
	for _, r := range reasons {
		a.ByReason = append(a.ByReason, *byReason[r])
	}
	a.ByTeam = sortedTallies(byTeam)
	a.ByPeriod = sortedTallies(byPeriod)
	a.ByTeamPeriod = make([]Tally, 0, len(byTP))
	for _, t := range byTP {
		a.ByTeamPeriod = append(a.ByTeamPeriod, *t)
	}
	sort.Slice(a.ByTeamPeriod, func(i, j int) bool {
		x, y := &a.ByTeamPeriod[i], &a.ByTeamPeriod[j]
		if x.Team != y.Team {
			return x.Team < y.Team
		}
		return x.Period < y.Period
	})
	return a, nil
}

// tallyOf returns the tally m holds under k, first adding the empty one
// mk makes for k when m holds none.
func tallyOf[K comparable](m map[K]*Tally, k K, mk func(K) Tally) *Tally {
	t, ok := m[k]
	if !ok {
		t = new(Tally)
		*t = mk(k)
		m[k] = t
	}
	return t
}

func teamTally(team string) Tally     { return Tally{Key: team, Team: team} }
func periodTally(period string) Tally { return Tally{Key: period, Period: period} }
func teamPeriodTally(k teamPeriod) Tally {
	return Tally{Key: k.team + " " + k.period, Team: k.team, Period: k.period}
}

func sortedTallies(m map[string]*Tally) []Tally {
	out := make([]Tally, 0, len(m))
	for _, t := range m {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// names writes an enumeration's names as the error messages list them.
func names[T ~string](vs []T) []string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return s
}
