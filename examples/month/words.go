package main

import (
	"bytes"
	"strconv"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/internal/msg"
)

// words writes the report's own words in one locale: every heading,
// label and sentence of the report is a message of the month's catalog
// (internal/msg/locales/<tag>/month.yaml), rendered here. The layouts,
// weekday names and the separator of reasons are looked up once.
type words struct {
	l *msg.Locale
	// sep joins the sentences of one decision's reasons.
	sep string
	// monthLayout, asOfLayout and dayLayout are Go time layouts.
	monthLayout, asOfLayout, dayLayout string
	weekdays                           [7]string
	// ids says whether values of the packages' enumerations (roles,
	// settings, kinds, steps) are shown by their ids, as the English
	// report always has, or by their display names.
	ids bool
}

// english words the report as it has always read.
var english = newWords(msg.English())

func newWords(l *msg.Locale) *words {
	w := &words{l: l, ids: l.Tag() == msg.Default}
	w.sep = msg.MonthSeparator{}.String(l)
	w.monthLayout = msg.MonthLayoutMonth{}.String(l)
	w.asOfLayout = msg.MonthLayoutAsOf{}.String(l)
	w.dayLayout = msg.MonthLayoutDay{}.String(l)
	for d, m := range [7]msg.Message{msg.MonthWeekdaySun{}, msg.MonthWeekdayMon{}, msg.MonthWeekdayTue{}, msg.MonthWeekdayWed{},
		msg.MonthWeekdayThu{}, msg.MonthWeekdayFri{}, msg.MonthWeekdaySat{}} {
		w.weekdays[d] = m.String(l)
	}
	return w
}

// s renders a message.
func (w *words) s(m msg.Message) string { return m.String(w.l) }

// n renders a count message whose argument N is n, with n grouped as the
// locale groups a number ("1,250 agents"): an Int argument is written
// without grouping.
func (w *words) n(m msg.Message, n int64) string {
	b := m.Append(nil, w.l)
	if n > -1000 && n < 1000 {
		return string(b)
	}
	digits := strconv.FormatInt(n, 10)
	i := bytes.Index(b, []byte(digits))
	if i < 0 {
		return string(b)
	}
	grouped := w.l.AppendNumber(nil, float64(n))
	if n <= -1<<53 || n >= 1<<53 {
		grouped = []byte(group(n))
	}
	return string(b[:i]) + string(grouped) + string(b[i+len(digits):])
}

// when writes a deadline: its weekday, day and time ("Mon Nov 2 18:00").
func (w *words) when(t time.Time) string {
	return w.s(msg.MonthWhen{Weekday: w.weekdays[t.Weekday()], Day: t.Format(w.dayLayout), Time: t.Format("15:04")})
}

// money writes an amount in minor units with the currency's digits, in
// the locale's money words ("1,234.50", "¥1,234.50").
func (w *words) money(v int64, digits int) string {
	if v < 0 {
		s := formatMoney(v, digits)
		return w.s(msg.MonthAmountNegative{Amount: s[1:]})
	}
	return w.s(msg.MonthAmount{Amount: formatMoney(v, digits)})
}

// because renders a decision's reasons as one line: each reason's
// sentence, in order, joined by the locale's separator.
func (w *words) because(rs []callfloor.Reason) string {
	switch len(rs) {
	case 0:
		return ""
	case 1:
		return rs[0].Text
	}
	n := len(w.sep) * (len(rs) - 1)
	for _, r := range rs {
		n += len(r.Text)
	}
	var b strings.Builder
	b.Grow(n)
	for i, r := range rs {
		if i > 0 {
			b.WriteString(w.sep)
		}
		b.WriteString(r.Text)
	}
	return b.String()
}

func (w *words) agents(n int) string { return w.n(msg.MonthCountAgents{N: n}, int64(n)) }

func (w *words) evaluations(n int) string { return w.n(msg.MonthCountEvaluations{N: n}, int64(n)) }

func (w *words) points(n int64) string {
	if n > 1<<31-1 || n < -1<<31 {
		return group(n)
	}
	return w.n(msg.MonthCountPoints{N: int(n)}, n)
}

// lateness says how long past its deadline a step is, in whole days, hours
// or minutes: a manager reads "3 days late", not "74h12m0s".
func (w *words) lateness(d time.Duration) string {
	switch {
	case d >= 24*time.Hour:
		n := int(d / (24 * time.Hour))
		return w.n(msg.MonthCountDays{N: n}, int64(n))
	case d >= time.Hour:
		n := int(d / time.Hour)
		return w.n(msg.MonthCountHours{N: n}, int64(n))
	case d >= time.Minute:
		n := int(d / time.Minute)
		return w.n(msg.MonthCountMinutes{N: n}, int64(n))
	}
	return w.s(msg.MonthConversationsUnderAMinute{})
}

// days are the names of the days of the week a recurring low comes on, by
// the key mood's cycles use.
var days = map[string]msg.Message{
	"sunday": msg.MonthDaySunday{}, "monday": msg.MonthDayMonday{}, "tuesday": msg.MonthDayTuesday{},
	"wednesday": msg.MonthDayWednesday{}, "thursday": msg.MonthDayThursday{}, "friday": msg.MonthDayFriday{},
	"saturday": msg.MonthDaySaturday{},
}

// patternPhrase says when a recurring low comes: "on mondays", "at
// month_end", "after personal_loss".
func (w *words) patternPhrase(pattern, key string) string {
	switch pattern {
	case "weekday":
		day := key
		if m, ok := days[key]; ok {
			day = w.s(m)
		}
		return w.s(msg.MonthPatternWeekday{Day: day})
	case "period":
		return w.s(msg.MonthPatternPeriod{Period: key})
	case "event":
		return w.s(msg.MonthPatternEvent{Event: key})
	}
	return w.s(msg.MonthPatternGeneric{Pattern: pattern, Key: key})
}

// lineEffect says what a statement line does, in the line's own terms:
// money for a line that moves money, points for points, the step or grade
// for a discipline step or a grade change. A line that moves no money
// shows no amount; a hold line says what it holds back.
func (w *words) lineEffect(l incentives.Line, money func(int64) string, n *names) string {
	var parts []string
	amount := l.Amount
	if l.Kind == incentives.KindHold {
		amount = l.Held
	}
	if amount != 0 {
		parts = append(parts, money(amount))
	}
	if l.Points != 0 {
		parts = append(parts, w.points(l.Points))
	}
	if len(parts) == 0 {
		switch {
		case l.Step != "":
			parts = append(parts, n.step(l.Step))
		case l.Grade != "":
			parts = append(parts, "-> "+l.Grade)
		case l.Title != "":
			parts = append(parts, w.s(msg.MonthEffectTitle{}))
		case l.Badge != "":
			parts = append(parts, w.s(msg.MonthEffectBadge{}))
		}
	}
	s := strings.Join(parts, " + ")
	if l.Kind == incentives.KindHold {
		if s == "" {
			return w.s(msg.MonthEffectHeld{})
		}
		return w.s(msg.MonthEffectHeldWhat{What: s})
	}
	return s
}
