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
	// amount, negative and heldWhat are the words month.amount,
	// month.amount_negative and month.effect.held_what put before and
	// after their argument.
	amount, negative, heldWhat [2]string
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
	w.amount = around(msg.MonthAmount{Amount: "\x00"}.String(l))
	w.negative = around(msg.MonthAmountNegative{Amount: "\x00"}.String(l))
	w.heldWhat = around(msg.MonthEffectHeldWhat{What: "\x00"}.String(l))
	return w
}

// around splits a message rendered with a NUL byte for its one argument
// into the words before and after it.
func around(s string) [2]string {
	before, after, _ := strings.Cut(s, "\x00")
	return [2]string{before, after}
}

// s renders a message.
func (w *words) s(m msg.Message) string { return m.String(w.l) }

// n renders a count message whose argument N is n, with n grouped as the
// locale groups a number ("1,250 agents"): an Int argument is written
// without grouping.
func (w *words) n(m msg.Message, n int64) string { return string(w.appendN(nil, m, n)) }

// appendN is n appending to dst.
func (w *words) appendN(dst []byte, m msg.Message, n int64) []byte {
	start := len(dst)
	dst = m.Append(dst, w.l)
	if n > -1000 && n < 1000 {
		return dst
	}
	var d [20]byte
	digits := strconv.AppendInt(d[:0], n, 10)
	i := bytes.Index(dst[start:], digits)
	if i < 0 {
		return dst
	}
	i += start
	var t [64]byte
	tail := append(t[:0], dst[i+len(digits):]...)
	dst = dst[:i]
	if n <= -1<<53 || n >= 1<<53 {
		dst = appendGroup(dst, n)
	} else {
		dst = w.l.AppendNumber(dst, float64(n))
	}
	return append(dst, tail...)
}

// when writes a deadline: its weekday, day and time ("Mon Nov 2 18:00").
func (w *words) when(t time.Time) string {
	return w.s(msg.MonthWhen{Weekday: w.weekdays[t.Weekday()], Day: t.Format(w.dayLayout), Time: t.Format("15:04")})
}

// money writes an amount in minor units with the currency's digits, in
// the locale's money words ("1,234.50", "¥1,234.50").
func (w *words) money(v int64, digits int) string { return string(w.appendMoney(nil, v, digits)) }

// appendMoney is money appending to dst: the figure between the words
// month.amount (or month.amount_negative) puts around it.
func (w *words) appendMoney(dst []byte, v int64, digits int) []byte {
	around := &w.amount
	if v < 0 {
		around = &w.negative
		dst = append(dst, around[0]...)
		start := len(dst)
		dst = appendMoney(dst, v, digits)
		dst = append(dst[:start], dst[start+1:]...) // the figure without its sign
		return append(dst, around[1]...)
	}
	dst = append(dst, around[0]...)
	dst = appendMoney(dst, v, digits)
	return append(dst, around[1]...)
}

// because renders a decision's reasons as one line: each reason's
// sentence, in order, joined by the locale's separator.
func (w *words) because(rs []callfloor.Reason) string {
	if len(rs) == 1 {
		return rs[0].Text
	}
	return string(w.appendBecause(nil, rs))
}

// appendBecause is because appending to dst.
func (w *words) appendBecause(dst []byte, rs []callfloor.Reason) []byte {
	for i, r := range rs {
		if i > 0 {
			dst = append(dst, w.sep...)
		}
		dst = append(dst, r.Text...)
	}
	return dst
}

func (w *words) agents(n int) string { return w.n(msg.MonthCountAgents{N: n}, int64(n)) }

func (w *words) appendPoints(dst []byte, n int64) []byte {
	if n > 1<<31-1 || n < -1<<31 {
		return appendGroup(dst, n)
	}
	return w.appendN(dst, msg.MonthCountPoints{N: int(n)}, n)
}

// lateness says how long past its deadline a step is, in whole days, hours
// or minutes: a manager reads "3 days late", not "74h12m0s".
func (w *words) lateness(d time.Duration) string { return string(w.appendLateness(nil, d)) }

// appendLateness is lateness appending to dst.
func (w *words) appendLateness(dst []byte, d time.Duration) []byte {
	switch {
	case d >= 24*time.Hour:
		n := int(d / (24 * time.Hour))
		return w.appendN(dst, msg.MonthCountDays{N: n}, int64(n))
	case d >= time.Hour:
		n := int(d / time.Hour)
		return w.appendN(dst, msg.MonthCountHours{N: n}, int64(n))
	case d >= time.Minute:
		n := int(d / time.Minute)
		return w.appendN(dst, msg.MonthCountMinutes{N: n}, int64(n))
	}
	return msg.MonthConversationsUnderAMinute{}.Append(dst, w.l)
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
	return string(w.appendEffect(nil, l, func(dst []byte, v int64) []byte { return append(dst, money(v)...) }, n))
}

// appendEffect is lineEffect appending to dst, with money appending the
// amounts.
func (w *words) appendEffect(dst []byte, l incentives.Line, money func([]byte, int64) []byte, n *names) []byte {
	hold := l.Kind == incentives.KindHold
	amount := l.Amount
	if hold {
		amount = l.Held
	}
	start := len(dst)
	if hold {
		dst = append(dst, w.heldWhat[0]...)
	}
	what := len(dst)
	if amount != 0 {
		dst = money(dst, amount)
	}
	if l.Points != 0 {
		if amount != 0 {
			dst = append(dst, " + "...)
		}
		dst = w.appendPoints(dst, l.Points)
	}
	if len(dst) == what {
		switch {
		case l.Step != "":
			dst = append(dst, n.step(l.Step)...)
		case l.Grade != "":
			dst = append(dst, "-> "...)
			dst = append(dst, n.incentive(l.Grade)...)
		case l.Title != "":
			dst = msg.MonthEffectTitle{}.Append(dst, w.l)
		case l.Badge != "":
			dst = msg.MonthEffectBadge{}.Append(dst, w.l)
		}
	}
	if !hold {
		return dst
	}
	if len(dst) == what {
		return msg.MonthEffectHeld{}.Append(dst[:start], w.l)
	}
	return append(dst, w.heldWhat[1]...)
}
