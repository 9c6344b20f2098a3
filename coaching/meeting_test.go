package coaching

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// beijing is a team's zone; a fixed zone keeps the tests free of the
// machine's time-zone database.
var beijing = time.FixedZone("CST", 8*3600)

// week is Monday 2026-03-02 to the next Monday, in the team's zone.
var week = callfloor.Period{Start: time.Date(2026, 3, 2, 0, 0, 0, 0, beijing), End: time.Date(2026, 3, 9, 0, 0, 0, 0, beijing)}

type slot struct {
	meeting string
	start   time.Time
	length  time.Duration
}

func slots(ms []Meeting) []slot {
	out := []slot{}
	for _, m := range ms {
		out = append(out, slot{m.Meeting, m.Start, m.Length.Std()})
	}
	return out
}

func at(d, h, m int) time.Time { return time.Date(2026, 3, d, h, m, 0, 0, beijing) }

// Teams of the tests: north meets every morning; night works shifts that
// prevent a daily meeting.
var (
	north = Team{ID: "north"}
	night = Team{ID: "night", Shifts: true}
)

// A week of the default policy. Every team holds the weekly meeting on
// Friday afternoon; a team that can meet every day holds the morning
// meeting every day too, longer on Monday for the whole team, and a team
// whose shifts prevent it holds no morning meeting.
func TestMeetingsOfAWeek(t *testing.T) {
	got, err := DefaultPolicy().Meetings(north, week)
	require.NoError(t, err)
	assert.Equal(t, []slot{
		{"morning_meeting", at(2, 8, 45), 25 * time.Minute},
		{"morning_meeting", at(3, 8, 45), 10 * time.Minute},
		{"morning_meeting", at(4, 8, 45), 10 * time.Minute},
		{"morning_meeting", at(5, 8, 45), 10 * time.Minute},
		{"morning_meeting", at(6, 8, 45), 10 * time.Minute},
		{"weekly_meeting", at(6, 16, 0), 45 * time.Minute},
		{"morning_meeting", at(7, 8, 45), 10 * time.Minute},
		{"morning_meeting", at(8, 8, 45), 10 * time.Minute},
	}, slots(got))

	got, err = DefaultPolicy().Meetings(night, week)
	require.NoError(t, err)
	assert.Equal(t, []slot{{"weekly_meeting", at(6, 16, 0), 45 * time.Minute}}, slots(got))
}

// What the Monday meeting and the weekly meeting say, in full: the
// morning meeting says which teams hold it, and why; the weekly meeting,
// which every team holds, says only why.
func TestMeetingContentAndReasons(t *testing.T) {
	p := DefaultPolicy()
	got, err := p.Meetings(north, week)
	require.NoError(t, err)
	require.Len(t, got, 8)
	assert.Equal(t, Meeting{
		Policy: p.Identity(), Team: "north", Meeting: "morning_meeting", Title: "morning meeting",
		Start: at(2, 8, 45), Length: callfloor.Duration(25 * time.Minute),
		Topics: []Topic{
			{ID: "first_impression", Text: "the lead reads each agent's face, and agents read each other's"},
			{ID: "greeting", Text: "everyone greets each other"},
		},
		Reasons: []callfloor.Reason{
			{Rule: "meetings.morning_meeting", Outcome: callfloor.Fired,
				Text:  "the day starts with the morning meeting, where the lead reads each face and everyone greets each other",
				Facts: []callfloor.Fact{{Name: "length_minutes", Value: 10}}},
			{Rule: "meetings.morning_meeting.teams", Outcome: callfloor.Fired,
				Text: "held by a team whose shifts allow a daily meeting", Message: "coaching.reason.teams_daily",
				Facts: []callfloor.Fact{{Name: "shifts", Value: 0}}},
			{Rule: "meetings.morning_meeting.longer.monday", Outcome: callfloor.Fired,
				Text: "15 minutes longer on monday: Monday mornings are always rushed; a longer meeting eases the agents, and through them the callers", Message: "coaching.reason.longer",
				Facts: []callfloor.Fact{{Name: "extra_minutes", Value: 15}}},
		},
	}, got[0])
	assert.Len(t, got[1].Reasons, 2, "Tuesday's morning meeting is not extended")

	weekly := func(team string) Meeting {
		return Meeting{
			Policy: p.Identity(), Team: team, Meeting: "weekly_meeting", Title: "weekly meeting",
			Start: at(6, 16, 0), Length: callfloor.Duration(45 * time.Minute),
			Topics: []Topic{
				{ID: "common_problems", Text: "problems the whole team has newly met, and how to solve them"},
				{ID: "good_news", Text: "good news of the company or the department"},
				{ID: "new_techniques", Text: "news of the call-center field and techniques that help the work"},
			},
			Reasons: []callfloor.Reason{
				{Rule: "meetings.weekly_meeting", Outcome: callfloor.Fired,
					Text:  "once a week the whole team meets to solve the problems everyone meets and share good news and new techniques; everyone may speak freely",
					Facts: []callfloor.Fact{{Name: "length_minutes", Value: 45}}},
			},
		}
	}
	assert.Equal(t, weekly("north"), got[5], "a team that meets every morning holds the weekly meeting too")

	got, err = p.Meetings(night, week)
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, weekly("night"), got[0])
}

// A meeting marked daily is held by a team whose shifts allow a daily
// meeting, one marked shifts by a team whose shifts prevent one, and one
// marked all, or not marked at all as every policy written before the
// field was, by every team.
func TestMeetingTeams(t *testing.T) {
	src := string(DefaultPolicySource())
	head := src[:strings.Index(src, "\nmeetings:\n")+1]
	meeting := func(id, teams string) string {
		return "  - id: " + id + "\n    title: t\n" + teams + "    days: [wednesday]\n    at: \"10:00\"\n    length: 30m\n    reason: r\n    topics: [{id: a, text: a}]\n"
	}
	p, err := ParsePolicy([]byte(head + "meetings:\n" + meeting("unmarked", "") + meeting("every_team", "    teams: all\n") +
		meeting("day_teams", "    teams: daily\n") + meeting("shift_teams", "    teams: shifts\n")))
	require.NoError(t, err)
	names := func(ms []Meeting) []string {
		out := []string{}
		for _, m := range ms {
			out = append(out, m.Meeting)
		}
		return out
	}
	got, err := p.Meetings(north, week)
	require.NoError(t, err)
	assert.Equal(t, []string{"unmarked", "every_team", "day_teams"}, names(got))
	assert.Len(t, got[0].Reasons, 1, "a meeting every team holds gives no reason for the team")
	assert.Len(t, got[1].Reasons, 1)
	got, err = p.Meetings(night, week)
	require.NoError(t, err)
	assert.Equal(t, []string{"unmarked", "every_team", "shift_teams"}, names(got))

	for _, tc := range []struct{ teams, want string }{
		{"weekly", `unknown teams "weekly"; allowed: all, daily, shifts (all, the default, when left out)`},
		{`""`, `unknown teams ""; allowed: all, daily, shifts (all, the default, when left out)`},
		{"Daily", `unknown teams "Daily"; allowed: all, daily, shifts (all, the default, when left out)`},
	} {
		bad := head + "meetings:\n" + meeting("m", "    teams: "+tc.teams+"\n")
		line := strings.Count(head, "\n") + 4
		_, err := ParsePolicy([]byte(bad))
		assert.EqualError(t, err, fmt.Sprintf("coaching policy: 1 problem\n\tmeetings[0].teams: line %d, column 12: %s", line, tc.want), tc.teams)
	}
}

// A window is half-open: a meeting starting at its start is owed, one
// starting at its end is not.
func TestMeetingsWindowBoundaries(t *testing.T) {
	mon := at(2, 8, 45)
	fri := at(6, 16, 0)
	for _, tc := range []struct {
		reason string
		team   Team
		window callfloor.Period
		want   []slot
	}{
		{"starts at the Monday meeting", north, callfloor.Period{Start: mon, End: mon.Add(time.Hour)}, []slot{{"morning_meeting", mon, 25 * time.Minute}}},
		{"starts a nanosecond after it", north, callfloor.Period{Start: mon.Add(1), End: mon.Add(time.Hour)}, []slot{}},
		{"ends at it", north, callfloor.Period{Start: mon.Add(-time.Hour), End: mon}, []slot{}},
		{"ends a nanosecond after it", north, callfloor.Period{Start: mon.Add(-time.Hour), End: mon.Add(1)}, []slot{{"morning_meeting", mon, 25 * time.Minute}}},
		{"one nanosecond, the Friday meeting's first", night, callfloor.Period{Start: fri, End: fri.Add(1)}, []slot{{"weekly_meeting", fri, 45 * time.Minute}}},
		{"one nanosecond, the Friday meeting's first, for a team that meets daily", north, callfloor.Period{Start: fri, End: fri.Add(1)}, []slot{{"weekly_meeting", fri, 45 * time.Minute}}},
		{"the Monday meeting's instant, for a team on shifts", night, callfloor.Period{Start: mon, End: mon.Add(1)}, []slot{}},
		{"between two meetings", north, callfloor.Period{Start: at(3, 9, 0), End: at(4, 8, 45)}, []slot{}},
		{"from Friday noon to Monday 09:00, across the weekend", north, callfloor.Period{Start: at(6, 12, 0), End: at(9, 9, 0)}, []slot{
			{"weekly_meeting", fri, 45 * time.Minute},
			{"morning_meeting", at(7, 8, 45), 10 * time.Minute},
			{"morning_meeting", at(8, 8, 45), 10 * time.Minute},
			{"morning_meeting", at(9, 8, 45), 25 * time.Minute},
		}},
		{"the same, for a team on shifts", night, callfloor.Period{Start: at(6, 12, 0), End: at(9, 9, 0)}, []slot{{"weekly_meeting", fri, 45 * time.Minute}}},
		// Days and times of day are the window start's: the same instants
		// seen from UTC are a Monday 00:45 meeting for a team in UTC.
		{"the window's zone decides the day and the time", north, callfloor.Period{Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)},
			[]slot{{"morning_meeting", time.Date(2026, 3, 2, 8, 45, 0, 0, time.UTC), 25 * time.Minute}}},
		{"an end in another zone is the same instant", north, callfloor.Period{Start: mon, End: mon.Add(1).UTC()}, []slot{{"morning_meeting", mon, 25 * time.Minute}}},
		{"the longest window, 366 days", north, callfloor.Period{Start: at(2, 0, 0), End: at(2, 0, 0).Add(366 * day)}, nil},
		{"the longest window, 366 days, for a team on shifts", night, callfloor.Period{Start: at(2, 0, 0), End: at(2, 0, 0).Add(366 * day)}, nil},
		{"the last day JSON can hold, a Friday", north, callfloor.Period{Start: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), End: time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)},
			[]slot{{"morning_meeting", time.Date(9999, 12, 31, 8, 45, 0, 0, time.UTC), 10 * time.Minute}, {"weekly_meeting", time.Date(9999, 12, 31, 16, 0, 0, 0, time.UTC), 45 * time.Minute}}},
		{"the last day JSON can hold, for a team on shifts", night, callfloor.Period{Start: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), End: time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)},
			[]slot{{"weekly_meeting", time.Date(9999, 12, 31, 16, 0, 0, 0, time.UTC), 45 * time.Minute}}},
	} {
		got, err := DefaultPolicy().Meetings(tc.team, tc.window)
		require.NoError(t, err, tc.reason)
		if tc.want == nil {
			// 366 days from a Monday: 52 weekly meetings, and for a team
			// that meets daily 366 morning meetings besides.
			want := 366 + 52
			if tc.team.Shifts {
				want = 52
			}
			assert.Len(t, got, want, tc.reason)
			continue
		}
		assert.Equal(t, tc.want, slots(got), tc.reason)
	}
}

func TestMeetingsErrors(t *testing.T) {
	p := DefaultPolicy()
	mon := at(2, 0, 0)
	for _, tc := range []struct {
		reason string
		team   string
		window callfloor.Period
		want   string
	}{
		{"no team", "", week, "team.id: is required"},
		{"a blank team", " ", week, "team.id: is required"},
		{"no start", "north", callfloor.Period{End: mon}, "window.start: is required"},
		{"no end", "north", callfloor.Period{Start: mon}, "window.end: is required"},
		{"an end before the start", "north", callfloor.Period{Start: mon, End: mon.Add(-1)}, "window.end: 2026-03-01T23:59:59+08:00 is not after window.start 2026-03-02T00:00:00+08:00"},
		{"an empty window", "north", callfloor.Period{Start: mon, End: mon}, "window.end: 2026-03-02T00:00:00+08:00 is not after window.start 2026-03-02T00:00:00+08:00"},
		{"a window a nanosecond over 366 days", "north", callfloor.Period{Start: mon, End: mon.Add(366*day + 1)}, "window.end: 2027-03-03T00:00:00+08:00 is more than 366 days after window.start 2026-03-02T00:00:00+08:00"},
		{"a start JSON cannot hold", "north", callfloor.Period{Start: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), End: mon}, ""},
		{"an end JSON cannot hold", "north", callfloor.Period{Start: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), End: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}, ""},
	} {
		got, err := p.Meetings(Team{ID: tc.team}, tc.window)
		require.Error(t, err, tc.reason)
		var ie *callfloor.InputError
		require.True(t, errors.As(err, &ie), tc.reason)
		if tc.want != "" {
			assert.EqualError(t, err, tc.want, tc.reason)
		} else {
			assert.True(t, strings.HasPrefix(err.Error(), "window."), tc.reason)
		}
		assert.Equal(t, []Meeting{}, got, tc.reason)
	}
}

// A result is the host's: changing it changes neither the next result
// nor the policy.
func TestMeetingsResultsAreTheHosts(t *testing.T) {
	p := DefaultPolicy()
	got, err := p.Meetings(north, week)
	require.NoError(t, err)
	got[0].Topics[0].Text = "changed"
	got[0].Reasons[0].Facts[0].Value = 99
	got[0].Reasons[1].Facts[0].Value = 99
	got[0].Reasons[2].Facts[0].Value = 99
	again, err := p.Meetings(north, week)
	require.NoError(t, err)
	assert.Equal(t, "the lead reads each agent's face, and agents read each other's", again[0].Topics[0].Text)
	assert.Equal(t, 10.0, again[0].Reasons[0].Facts[0].Value)
	assert.Equal(t, 0.0, again[0].Reasons[1].Facts[0].Value)
	assert.Equal(t, 15.0, again[0].Reasons[2].Facts[0].Value)
}

// A policy without meetings owes none; the section is optional.
func TestNoMeetingsSection(t *testing.T) {
	src := string(DefaultPolicySource())
	i := strings.Index(src, "\n# The team's meetings")
	require.Positive(t, i)
	p, err := ParsePolicy([]byte(src[:i+1]))
	require.NoError(t, err)
	got, err := p.Meetings(north, week)
	require.NoError(t, err)
	assert.Equal(t, []Meeting{}, got)
}

func TestMeetingPolicyProblems(t *testing.T) {
	src := string(DefaultPolicySource())
	i := strings.Index(src, "\nmeetings:\n")
	require.Positive(t, i)
	head := src[:i+1]
	lines := strings.Count(head, "\n")
	for _, tc := range []struct {
		reason string
		yaml   string
		want   []string // problems, each with its line counted from "meetings:"
	}{
		{"every mistake at once", `meetings:
  - id: Morning
    title: " "
    days: [monday, mondays, monday]
    at: "8:45"
    length: 0m
    reason: ""
    topics: []
    longer:
      - day: tuesday
        by: 0m
        reason: " "
      - day: funday
        by: 5m
        reason: r
`, []string{
			`meetings[0].id: line 2, column 9: meeting id "Morning" must be lower_snake_case (a-z, 0-9, _)`,
			`meetings[0].title: line 3, column 12: a meeting needs a title`,
			`meetings[0].days[1]: line 4, column 20: unknown weekday "mondays"; allowed: monday, tuesday, wednesday, thursday, friday, saturday, sunday`,
			`meetings[0].days[2]: line 4, column 29: monday is listed twice`,
			`meetings[0].at: line 5, column 9: "8:45" is not a time of day; write it HH:MM, 00:00 to 23:59`,
			`meetings[0].length: line 6, column 13: is 0s; a meeting lasts more than zero and at most 8h0m0s`,
			`meetings[0].reason: line 7, column 13: a meeting needs a reason a manager can read`,
			`meetings[0].topics: line 8, column 13: a meeting covers at least one topic`,
			`meetings[0].longer[0].day: line 10, column 14: the meeting is not held on tuesday; it is held on monday`,
			`meetings[0].longer[0].by: line 11, column 13: is 0s; an extension is more than zero and leaves the meeting at most 8h0m0s`,
			`meetings[0].longer[0].reason: line 12, column 17: an extension needs a reason a manager can read`,
			`meetings[0].longer[1].day: line 13, column 14: unknown weekday "funday"; allowed: monday, tuesday, wednesday, thursday, friday, saturday, sunday`,
		}},
		{"ids, topics and extensions twice", `meetings:
  - id: weekly
    title: weekly meeting
    days: [friday]
    at: "24:00"
    length: 8h1m
    reason: r
    topics:
      - {id: news, text: good news}
      - {id: news, text: " "}
    longer:
      - {day: friday, by: 5m, reason: r}
      - {day: friday, by: 5m, reason: r}
  - id: weekly
    title: t
    days: []
    at: "23:59"
    length: 8h
    reason: r
    topics: [{id: a, text: a}]
`, []string{
			`meetings[0].at: line 5, column 9: "24:00" is not a time of day; write it HH:MM, 00:00 to 23:59`,
			`meetings[0].length: line 6, column 13: is 8h1m0s; a meeting lasts more than zero and at most 8h0m0s`,
			`meetings[0].topics[1].id: line 10, column 14: topic "news" is already listed at topics[0]`,
			`meetings[0].topics[1].text: line 10, column 26: a topic needs a text that says what the meeting covers`,
			`meetings[0].longer[1].day: line 13, column 15: friday is extended twice`,
			`meetings[1].id: line 14, column 9: meeting "weekly" is already defined at meetings[0]`,
			`meetings[1].days: line 16, column 11: a meeting is held on at least one day; allowed: monday, tuesday, wednesday, thursday, friday, saturday, sunday`,
		}},
		{"an extension past the longest meeting", `meetings:
  - id: weekly
    title: weekly meeting
    days: [monday]
    at: "00:00"
    length: 7h50m
    reason: r
    topics: [{id: a, text: a}]
    longer: [{day: monday, by: 11m, reason: r}]
`, []string{
			`meetings[0].longer[0].by: line 9, column 32: is 11m0s; an extension is more than zero and leaves the meeting at most 8h0m0s`,
		}},
	} {
		_, err := ParsePolicy([]byte(head + tc.yaml))
		require.Error(t, err, tc.reason)
		var pe *callfloor.PolicyError
		require.True(t, errors.As(err, &pe), tc.reason)
		// Each line is counted from "meetings:", the policy above it left out.
		var got []string
		for _, pr := range pe.Problems {
			pr.Line -= lines
			got = append(got, pr.Error())
		}
		assert.Equal(t, tc.want, got, tc.reason)
	}
}

// The edges a policy may reach: a meeting at 00:00 or 23:59, eight hours
// long with its extension, on every day.
func TestMeetingPolicyEdges(t *testing.T) {
	src := string(DefaultPolicySource())
	head := src[:strings.Index(src, "\nmeetings:\n")+1]
	p, err := ParsePolicy([]byte(head + `meetings:
  - id: late
    title: late meeting
    days: [sunday, monday]
    at: "23:59"
    length: 7h50m
    reason: r
    topics: [{id: a, text: a}]
    longer: [{day: sunday, by: 10m, reason: r}]
  - id: early
    title: early meeting
    days: [monday]
    at: "00:00"
    length: 1m
    reason: r
    topics: [{id: a, text: a}]
`))
	require.NoError(t, err)
	// Sunday 8 March to Monday 9 March 23:59 included: at the same start,
	// policy order.
	got, err := p.Meetings(north, callfloor.Period{Start: at(8, 0, 0), End: at(9, 23, 59).Add(1)})
	require.NoError(t, err)
	assert.Equal(t, []slot{
		{"late", at(8, 23, 59), 8 * time.Hour},
		{"early", at(9, 0, 0), time.Minute},
		{"late", at(9, 23, 59), 7*time.Hour + 50*time.Minute},
	}, slots(got))
	assert.Equal(t, "10 minutes longer on sunday: r", got[0].Reasons[1].Text)
}

// FuzzMeetings asks for the meetings of any team, on shifts or not, in
// any window, in any zone: no input may panic, an error is always a *callfloor.InputError,
// and every meeting listed starts inside the window, in order, and
// stores as JSON.
func FuzzMeetings(f *testing.F) {
	f.Add("north", false, int64(1772380800), int64(0), int64(8*3600), int64(7*24*3600))
	f.Add("night", true, int64(1772380800), int64(0), int64(8*3600), int64(7*24*3600))
	f.Add("", false, int64(0), int64(0), int64(0), int64(0))
	f.Add("north", true, int64(253402214400), int64(999999999), int64(-86399), int64(366*24*3600))
	f.Add("south", false, int64(-62135596800), int64(1), int64(50400), int64(-1))
	f.Add(" ", true, int64(1<<62), int64(-1), int64(1<<40), int64(1<<62))
	// The default, and the default in a zone whose clocks change, where a
	// meeting's time of day may be skipped or repeated.
	ny, err := ParsePolicy([]byte(string(DefaultPolicySource()) + "meeting_zone: America/New_York\n"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add("north", false, int64(1772928000), int64(0), int64(1), int64(2*24*3600))
	f.Fuzz(func(t *testing.T, team string, shifts bool, sec, nsec, zone, span int64) {
		p := DefaultPolicy()
		if zone&1 == 1 {
			p = ny
		}
		start := time.Unix(sec, nsec).In(time.FixedZone("z", int(zone%(30*3600))))
		window := callfloor.Period{Start: start, End: start.Add(time.Duration(span))}
		got, err := p.Meetings(Team{ID: team, Shifts: shifts}, window)
		if err != nil {
			var ie *callfloor.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not a *callfloor.InputError", err)
			}
			return
		}
		for i, m := range got {
			if !window.Contains(m.Start) {
				t.Fatalf("meeting %d starts at %v, outside [%v, %v)", i, m.Start, window.Start, window.End)
			}
			if i > 0 && m.Start.Before(got[i-1].Start) {
				t.Fatalf("meeting %d starts before meeting %d", i, i-1)
			}
			// The default holds the weekly meeting for every team and
			// the morning meeting only for a team not on shifts.
			if m.Meeting != "weekly_meeting" && (shifts || m.Meeting != "morning_meeting") {
				t.Fatalf("a team with shifts %v holds the %s", shifts, m.Meeting)
			}
		}
		if _, err := json.Marshal(got); err != nil {
			t.Fatalf("meetings do not store: %v", err)
		}
	})
}

// The policy names the team's zone, so a morning meeting falls in the
// team's morning whatever zone the host's window is written in; an
// unknown zone, an empty one or the host's own is a problem at its place.
func TestMeetingZone(t *testing.T) {
	src := string(DefaultPolicySource()) + "meeting_zone: Asia/Shanghai\n"
	p, err := ParsePolicy([]byte(src))
	require.NoError(t, err)
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	require.NoError(t, err)
	// Tuesday 3 March 2026, 00:00 to 12:00 in Shanghai, written in UTC.
	window := callfloor.Period{Start: time.Date(2026, 3, 2, 16, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 3, 4, 0, 0, 0, time.UTC)}
	ms, err := p.Meetings(north, window)
	require.NoError(t, err)
	require.Len(t, ms, 1)
	assert.Equal(t, "morning_meeting", ms[0].Meeting)
	assert.True(t, ms[0].Start.Equal(time.Date(2026, 3, 3, 8, 45, 0, 0, shanghai)), "08:45 in Shanghai, not in UTC: %v", ms[0].Start)
	assert.Equal(t, shanghai, ms[0].Start.Location())

	// Without a zone, the same window reads its days in UTC: 08:45 UTC
	// on Monday 2 March is before it, Tuesday's after it.
	ms, err = DefaultPolicy().Meetings(north, window)
	require.NoError(t, err)
	assert.Empty(t, ms)

	for _, tc := range []struct{ zone, want string }{
		{"Mars/Olympus", `unknown time zone "Mars/Olympus"; name an IANA time zone, such as "Asia/Shanghai"`},
		{`""`, `an empty zone; name the team's time zone, such as "Asia/Shanghai", or leave meeting_zone out`},
		{"Local", `"Local" is the host's zone, not the team's; name the team's time zone, such as "Asia/Shanghai"`},
	} {
		bad := string(DefaultPolicySource()) + "meeting_zone: " + tc.zone + "\n"
		line := strings.Count(bad, "\n")
		_, err := ParsePolicy([]byte(bad))
		assert.EqualError(t, err, fmt.Sprintf("coaching policy: 1 problem\n\tmeeting_zone: line %d, column 15: %s", line, tc.want), tc.zone)
	}
}

// A meeting whose time of day falls in a spring-forward gap moves
// forward by the gap, as calendars do: 02:30 on the day New York skips
// from 02:00 to 03:00 is 03:30 EDT, not an hour early. At the fall-back
// overlap the first 01:30 is taken, and on the days around them the time
// is the time. Lord Howe Island skips half an hour.
func TestMeetingInAZoneTransition(t *testing.T) {
	policy := func(zone, at string) *Policy {
		p, err := ParsePolicy([]byte("version: v1\nroles: [team_lead]\nworkflows: {}\nmeeting_zone: " + zone + `
meetings:
  - {id: early, title: early, days: [sunday], at: "` + at + `", length: 10m, reason: r, topics: [{id: t, text: t}]}
`))
		require.NoError(t, err)
		return p
	}
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	howe, err := time.LoadLocation("Australia/Lord_Howe")
	require.NoError(t, err)
	for _, tc := range []struct {
		reason   string
		zone, at string
		day      time.Time // midnight UTC of the Sunday
		want     string
	}{
		{"in the spring-forward gap", "America/New_York", "02:30", time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC), "2026-03-08T03:30:00-04:00"},
		{"at the gap's first instant", "America/New_York", "02:00", time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC), "2026-03-08T03:00:00-04:00"},
		{"just before the gap", "America/New_York", "01:59", time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC), "2026-03-08T01:59:00-05:00"},
		{"just after the gap", "America/New_York", "03:00", time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC), "2026-03-08T03:00:00-04:00"},
		{"a week before", "America/New_York", "02:30", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), "2026-03-01T02:30:00-05:00"},
		{"in the fall-back overlap, the first", "America/New_York", "01:30", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), "2026-11-01T01:30:00-04:00"},
		{"half an hour skipped", "Australia/Lord_Howe", "02:15", time.Date(2026, 10, 3, 12, 0, 0, 0, time.UTC), "2026-10-04T02:45:00+11:00"},
	} {
		p := policy(tc.zone, tc.at)
		ms, err := p.Meetings(Team{ID: "t"}, callfloor.Period{Start: tc.day, End: tc.day.Add(30 * time.Hour)})
		require.NoError(t, err, tc.reason)
		require.Len(t, ms, 1, tc.reason)
		assert.Equal(t, tc.want, ms[0].Start.Format(time.RFC3339), tc.reason)
		loc := ny
		if tc.zone != "America/New_York" {
			loc = howe
		}
		assert.Equal(t, loc, ms[0].Start.Location(), tc.reason)
	}
}
