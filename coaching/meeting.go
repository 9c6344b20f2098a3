package coaching

import (
	"slices"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
	"github.com/callfloor/callfloor/internal/policyfile"
	"github.com/callfloor/callfloor/internal/timerange"
)

type rawMeeting struct {
	ID     string              `yaml:"id,required"`
	Title  string              `yaml:"title,required"`
	Days   []string            `yaml:"days,required"`
	At     string              `yaml:"at,required"`
	Length policyfile.Duration `yaml:"length,required"`
	Reason string              `yaml:"reason,required"`
	Topics []rawTopic          `yaml:"topics,required"`
	Longer []rawLonger         `yaml:"longer"`
	// Teams says which teams hold the meeting: all (the default), daily
	// (those whose shifts allow a daily meeting) or shifts (those whose
	// shifts prevent one).
	Teams string `yaml:"teams"`
}

// The teams a meeting is held by, as a policy writes them.
const (
	teamsAll    = "all"
	teamsDaily  = "daily"
	teamsShifts = "shifts"
)

var meetingTeams = []string{teamsAll, teamsDaily, teamsShifts}

type rawTopic struct {
	ID   string `yaml:"id,required"`
	Text string `yaml:"text,required"`
}

type rawLonger struct {
	Day    string              `yaml:"day,required"`
	By     policyfile.Duration `yaml:"by,required"`
	Reason string              `yaml:"reason,required"`
}

// maxMeetingLength bounds a meeting, extension included: a team meeting
// longer than a working day is a mistaken figure.
const maxMeetingLength = 8 * time.Hour

// maxMeetingWindow bounds the window Meetings lists, so that a mistaken
// year in a host's call cannot ask for millions of meetings.
const maxMeetingWindow = 366 * 24 * time.Hour

type meeting struct {
	id      string
	title   string
	days    [7]bool // by time.Weekday
	hour    int
	minute  int
	length  time.Duration
	topics  []Topic
	reason  meetingReason
	longer  [7]time.Duration // extra length by time.Weekday
	longers [7]meetingReason // the reason of each day's extension
	// teams is the teams that hold the meeting, one of meetingTeams;
	// held, unless all, the reason that says so.
	teams string
	held  meetingReason
}

// heldBy reports whether a team holds the meeting.
func (m *meeting) heldBy(t Team) bool {
	switch m.teams {
	case teamsDaily:
		return !t.Shifts
	case teamsShifts:
		return t.Shifts
	}
	return true
}

// meetingReason is a reason the policy holds once and gives each meeting
// a copy of, facts included, so that a host changing one result changes
// neither another nor the policy.
type meetingReason struct{ callfloor.Reason }

func (r meetingReason) copy() callfloor.Reason {
	out := r.Reason
	out.Facts = append([]callfloor.Fact(nil), r.Facts...)
	return out
}

var weekdayNames = [7]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

func weekdayOf(name string) (time.Weekday, bool) {
	for i, n := range weekdayNames {
		if n == name {
			return time.Weekday(i), true
		}
	}
	return 0, false
}

const weekdayList = "monday, tuesday, wednesday, thursday, friday, saturday, sunday"

// parseClock reads a time of day written "HH:MM", 00:00 to 23:59.
func parseClock(s string) (h, m int, ok bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, 0, false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return 0, 0, false
		}
	}
	h = int(s[0]-'0')*10 + int(s[1]-'0')
	m = int(s[3]-'0')*10 + int(s[4]-'0')
	return h, m, h < 24 && m < 60
}

func compileMeetings(doc *policyfile.Doc, raws []rawMeeting) []meeting {
	var out []meeting
	ids := map[string]int{}
	for i, r := range raws {
		path := policyfile.Path("meetings").Index(i)
		m := meeting{id: r.ID, title: r.Title, length: r.Length.Std()}
		rule := "meetings." + r.ID
		if doc.Has(path.Child("id")) {
			if j, dup := ids[r.ID]; dup {
				doc.Report(path.Child("id"), msg.CoachingPolicyMeetingTwice{Meeting: quote(r.ID), FirstIndex: j})
			} else if doc.IDAs(path.Child("id"), msg.CoachingWhatMeetingId{}, r.ID) {
				ids[r.ID] = i
			}
		}
		if doc.Has(path.Child("title")) && strings.TrimSpace(r.Title) == "" {
			doc.Report(path.Child("title"), msg.CoachingPolicyMeetingNoTitle{})
		}
		if doc.Has(path.Child("reason")) && strings.TrimSpace(r.Reason) == "" {
			doc.Report(path.Child("reason"), msg.CoachingPolicyMeetingNoReason{})
		}
		if doc.Has(path.Child("days")) && len(r.Days) == 0 {
			doc.Report(path.Child("days"), msg.CoachingPolicyMeetingNoDays{WeekdayList: text(weekdayList)})
		}
		for j, d := range r.Days {
			at := path.Child("days").Index(j)
			wd, ok := weekdayOf(d)
			switch {
			case !ok:
				doc.Report(at, msg.CoachingPolicyUnknownWeekday{Day: quote(d), WeekdayList: text(weekdayList)})
			case m.days[wd]:
				doc.Report(at, msg.CoachingPolicyDayListedTwice{Day: text(d)})
			default:
				m.days[wd] = true
			}
		}
		if doc.Has(path.Child("at")) {
			h, mi, ok := parseClock(r.At)
			if !ok {
				doc.Report(path.Child("at"), msg.CoachingPolicyNotTimeOfDay{At: quote(r.At)})
			}
			m.hour, m.minute = h, mi
		}
		lengthOK := m.length > 0 && m.length <= maxMeetingLength
		if doc.Has(path.Child("length")) && !lengthOK {
			doc.Report(path.Child("length"), msg.CoachingPolicyMeetingLengthRange{Length: text(m.length), MaxMeetingLength: text(maxMeetingLength)})
		}
		if doc.Has(path.Child("topics")) && len(r.Topics) == 0 {
			doc.Report(path.Child("topics"), msg.CoachingPolicyMeetingNoTopics{})
		}
		topics := map[string]int{}
		for j, tp := range r.Topics {
			at := path.Child("topics").Index(j)
			if doc.Has(at.Child("id")) {
				if k, dup := topics[tp.ID]; dup {
					doc.Report(at.Child("id"), msg.CoachingPolicyTopicTwice{Topic: quote(tp.ID), FirstIndex: k})
				} else if doc.IDAs(at.Child("id"), msg.CoachingWhatTopicId{}, tp.ID) {
					topics[tp.ID] = j
				}
			}
			if doc.Has(at.Child("text")) && strings.TrimSpace(tp.Text) == "" {
				doc.Report(at.Child("text"), msg.CoachingPolicyTopicNoText{})
			}
			m.topics = append(m.topics, Topic(tp))
		}
		m.reason.Reason = callfloor.Reason{Rule: rule, Outcome: callfloor.Fired, Text: r.Reason,
			Facts: []callfloor.Fact{{Name: "length_minutes", Value: m.length.Minutes()}}}
		m.teams = compileMeetingTeams(doc, path.Child("teams"), r.Teams)
		switch m.teams {
		case teamsDaily:
			t := msg.CoachingReasonTeamsDaily{}
			m.held.Reason = callfloor.Reason{Rule: rule + ".teams", Outcome: callfloor.Fired,
				Text: t.String(doc.Locale()), Message: t.ID(), Facts: []callfloor.Fact{{Name: "shifts", Value: 0}}}
		case teamsShifts:
			t := msg.CoachingReasonTeamsShifts{}
			m.held.Reason = callfloor.Reason{Rule: rule + ".teams", Outcome: callfloor.Fired,
				Text: t.String(doc.Locale()), Message: t.ID(), Facts: []callfloor.Fact{{Name: "shifts", Value: 1}}}
		}
		var longerSet [7]bool
		for j, l := range r.Longer {
			at := path.Child("longer").Index(j)
			by := l.By.Std()
			wd, ok := weekdayOf(l.Day)
			switch {
			case !doc.Has(at.Child("day")):
			case !ok:
				doc.Report(at.Child("day"), msg.CoachingPolicyUnknownWeekday{Day: quote(l.Day), WeekdayList: text(weekdayList)})
			case longerSet[wd]:
				doc.Report(at.Child("day"), msg.CoachingPolicyDayExtendedTwice{Day: text(l.Day)})
			case !m.days[wd]:
				doc.Report(at.Child("day"), msg.CoachingPolicyExtensionDayNotHeld{Day: text(l.Day), List: m.dayNames()})
			default:
				longerSet[wd] = true
			}
			// Against a wrong length the extension cannot be judged; the
			// length's own problem says what to fix first.
			if doc.Has(at.Child("by")) && (by <= 0 || lengthOK && by > maxMeetingLength-m.length) {
				doc.Report(at.Child("by"), msg.CoachingPolicyExtensionRange{By: text(by), MaxMeetingLength: text(maxMeetingLength)})
			}
			if doc.Has(at.Child("reason")) && strings.TrimSpace(l.Reason) == "" {
				doc.Report(at.Child("reason"), msg.CoachingPolicyExtensionNoReason{})
			}
			if ok {
				m.longer[wd] = by
				loc := doc.Locale()
				t := msg.CoachingReasonLonger{Span: meetingSpan(loc, by), Day: showName(loc, weekdayDisplay, l.Day), Reason: l.Reason}
				m.longers[wd].Reason = callfloor.Reason{Rule: rule + ".longer." + l.Day, Outcome: callfloor.Fired,
					Text: t.String(loc), Message: t.ID(),
					Facts: []callfloor.Fact{{Name: "extra_minutes", Value: by.Minutes()}}}
			}
		}
		out = append(out, m)
	}
	return out
}

// compileMeetingTeams reads which teams hold a meeting; left out, every
// team does.
func compileMeetingTeams(doc *policyfile.Doc, path policyfile.Path, s string) string {
	switch {
	case s == "" && !doc.Has(path):
		return teamsAll
	case slices.Contains(meetingTeams, s):
		return s
	}
	doc.Report(path, msg.CoachingPolicyUnknownTeams{Teams: quote(s), Allowed: meetingTeams})
	return teamsAll
}

func (m *meeting) dayNames() []string {
	var out []string
	for _, wd := range [...]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday} {
		if m.days[wd] {
			out = append(out, weekdayNames[wd])
		}
	}
	return out
}

// Topic is one thing a meeting covers, such as the weekly meeting's
// common problems, good news and new techniques.
type Topic struct {
	// ID is the topic's id in the policy; Text says what is covered.
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Meeting is one team meeting owed in a window.
type Meeting struct {
	// Policy names the policy that produced the meeting.
	// Team is the team's ID, copied from the call.
	// Meeting is the meeting's id in the policy; Title its title.
	Policy  callfloor.Identity `json:"policy"`
	Team    string             `json:"team"`
	Meeting string             `json:"meeting"`
	Title   string             `json:"title"`
	// Start is when the meeting begins, in the policy's meeting_zone or,
	// when it names none, in the location of the window's
	// start.
	// Length is how long it lasts, any extension of its day included.
	Start  time.Time          `json:"start"`
	Length callfloor.Duration `json:"length"`
	// Topics are what the meeting covers, in policy order.
	Topics []Topic `json:"topics"`
	// Reasons hold the meeting's rule (Rule "meetings.<id>", Outcome
	// Fired, its reason, and its usual length as length_minutes); for a
	// meeting held only by some teams, the rule that chose it (Rule
	// "meetings.<id>.teams", whether the team's shifts prevent a daily
	// meeting as shifts, 1 or 0); and, on a day the meeting is extended,
	// the extension's rule (Rule "meetings.<id>.longer.<day>", the extra
	// minutes as extra_minutes).
	Reasons []callfloor.Reason `json:"reasons"`
}

// compileZone resolves the team's time zone by its IANA name; an empty
// name leaves the zone to the window. The names come from the system's
// time zone database or, for a host built with time/tzdata, the one
// embedded in the program.
func compileZone(doc *policyfile.Doc, name string) *time.Location {
	if name == "" {
		if doc.Has("meeting_zone") {
			doc.Report("meeting_zone", msg.CoachingPolicyMeetingZoneEmpty{})
		}
		return nil
	}
	if name == "Local" {
		doc.Report("meeting_zone", msg.CoachingPolicyMeetingZoneLocal{Zone: quote(name)})
		return nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		doc.Report("meeting_zone", msg.CoachingPolicyUnknownTimeZone{Zone: quote(name)})
		return nil
	}
	return loc
}

// Team is the team Meetings lists the meetings of.
type Team struct {
	// ID names the team, as the host does; required.
	ID string `json:"id"`
	// Shifts says that the team works shifts that prevent a daily
	// meeting: its members' hours differ, so that no time of day finds
	// them all at work. Such a team holds the meetings of the policy
	// marked teams: shifts; any other the meetings marked teams: daily
	// (by default the morning meeting). Every team holds those marked all
	// (by default the weekly meeting).
	Shifts bool `json:"shifts"`
}

// Meetings lists the team meetings the policy owes a team in a window:
// every meeting the team holds whose start falls in it (not before
// window.Start, before window.End), ordered by start and, at the same
// start, in policy order. A meeting the policy marks teams: daily is held
// by a team whose shifts allow a daily meeting, one marked teams: shifts
// by a team whose shifts prevent it (team.Shifts), and one marked all, or
// not marked, by every team.
//
// Days and times of day are read in the team's zone, the policy's
// meeting_zone, so that a morning meeting falls in the team's morning
// wherever the host's clock runs; a policy that names no zone reads them
// in the location of window.Start, which should then be the team's. On a
// day when a clock change skips the meeting's time of day, the meeting
// moves forward by the gap, as calendars move it (02:30 in New York on
// the day its clocks go from 02:00 to 03:00 is 03:30); on a day when it
// repeats the time, the meeting is at the first.
// The window's ID is not read.
//
// A blank team.id, a window with a zero start or end, a time JSON cannot
// hold, an end not after its start, or a window longer than 366 days is
// an *callfloor.InputError naming the field. A policy with no meetings
// owes none.
func (p *Policy) Meetings(team Team, window callfloor.Period) ([]Meeting, error) {
	if !p.ready() {
		return nil, ErrZeroPolicy
	}
	out := []Meeting{}
	switch {
	case strings.TrimSpace(team.ID) == "":
		return out, msgerr.Required(p.loc, "team.id", nil)
	case window.Start.IsZero():
		return out, msgerr.Required(p.loc, "window.start", nil)
	case window.End.IsZero():
		return out, msgerr.Required(p.loc, "window.end", nil)
	case !timerange.Storable(window.Start):
		return out, inputErr(p.loc, callfloor.ErrInvalid, "window.start", timeProblem(window.Start))
	case !timerange.Storable(window.End):
		return out, inputErr(p.loc, callfloor.ErrInvalid, "window.end", timeProblem(window.End))
	case !window.End.After(window.Start):
		return out, inputErr(p.loc, callfloor.ErrInvalid, "window.end", msg.CoachingInputWindowEndNotAfterStart{End: window.End, Start: window.Start})
	case window.End.Sub(window.Start) > maxMeetingWindow:
		return out, inputErr(p.loc, callfloor.ErrOutOfRange, "window.end", msg.CoachingInputWindowTooLong{End: window.End, Start: window.Start})
	}
	loc := window.Start.Location()
	if p.zone != nil {
		loc = p.zone
	}
	y, mo, d := window.Start.In(loc).Date()
	last := window.End.In(loc)
	for i := 0; ; i++ {
		day := time.Date(y, mo, d+i, 0, 0, 0, 0, loc)
		if day.After(last) {
			break
		}
		wd := day.Weekday()
		for k := range p.meetings {
			m := &p.meetings[k]
			if !m.days[wd] || !m.heldBy(team) {
				continue
			}
			start := wallTime(day.Year(), day.Month(), day.Day(), m.hour, m.minute, loc)
			if !window.Contains(start) {
				continue
			}
			reasons := []callfloor.Reason{m.reason.copy()}
			if m.teams != teamsAll {
				reasons = append(reasons, m.held.copy())
			}
			if m.longer[wd] > 0 {
				reasons = append(reasons, m.longers[wd].copy())
			}
			out = append(out, Meeting{Policy: p.id, Team: team.ID, Meeting: m.id, Title: m.title, Start: start,
				Length: callfloor.Duration(m.length + m.longer[wd]), Topics: append([]Topic(nil), m.topics...), Reasons: reasons})
		}
	}
	sortMeetings(out)
	return out, nil
}

// wallTime is the instant a calendar gives a time of day on a day in
// loc. A time in a spring-forward gap, which the clock skips, moves
// forward by the gap, read with the offset in force before it, as
// RFC 5545 has it: 02:30 on the day New York skips from 02:00 to 03:00 is
// 03:30. A time the clock shows twice, at a fall-back overlap, is the
// first of the two.
func wallTime(y int, mo time.Month, d, h, mi int, loc *time.Location) time.Time {
	u := time.Date(y, mo, d, h, mi, 0, 0, time.UTC)
	// No zone changes its offset twice in a day, so the offset a day
	// earlier is the one in force before any change around this time.
	_, off := u.Add(-24 * time.Hour).In(loc).Zone()
	before := u.Add(-time.Duration(off) * time.Second).In(loc)
	t := time.Date(y, mo, d, h, mi, 0, 0, loc)
	if !onWall(t, y, mo, d, h, mi) || onWall(before, y, mo, d, h, mi) && before.Before(t) {
		return before
	}
	return t
}

// onWall reports whether t's clock in its location shows the day and
// time of day.
func onWall(t time.Time, y int, mo time.Month, d, h, mi int) bool {
	ty, tm, td := t.Date()
	return ty == y && tm == mo && td == d && t.Hour() == h && t.Minute() == mi
}

// sortMeetings orders meetings by start, keeping policy order at the same
// start; days are walked in order, so only meetings of one day can be out
// of order, and a stable insertion sort puts them right.
func sortMeetings(ms []Meeting) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Start.Before(ms[j-1].Start); j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}
