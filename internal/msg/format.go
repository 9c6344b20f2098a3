package msg

import (
	"math"
	"strconv"
	"time"
)

// AppendInt writes a count or ordinal in digits, without grouping.
func (l *Locale) AppendInt(dst []byte, n int) []byte { return strconv.AppendInt(dst, int64(n), 10) }

// AppendNumber writes a figure rounded to two decimals, trailing zeros
// dropped, with the locale's grouping and decimal mark: 1234.5 is
// "1,234.5" in en and zh-CN. NaN is written "NaN" and infinities "∞" and
// "-∞", so that a sentence never hides that a figure is not finite.
func (l *Locale) AppendNumber(dst []byte, v float64) []byte {
	switch {
	case math.IsNaN(v):
		return append(dst, "NaN"...)
	case math.IsInf(v, 1):
		return append(dst, "∞"...)
	case math.IsInf(v, -1):
		return append(dst, "-∞"...)
	}
	r := math.Round(v * 100)
	if r == 0 {
		return append(dst, '0')
	}
	if math.Abs(r) >= 1e17 {
		return strconv.AppendFloat(dst, v, 'g', -1, 64)
	}
	c := int64(r)
	if c < 0 {
		dst = append(dst, '-')
		c = -c
	}
	dst = l.appendGrouped(dst, uint64(c/100))
	if frac := c % 100; frac != 0 {
		dst = append(dst, l.decimal...)
		dst = append(dst, byte('0'+frac/10))
		if frac%10 != 0 {
			dst = append(dst, byte('0'+frac%10))
		}
	}
	return dst
}

// AppendMoney writes an amount in minor units with the locale's money
// pattern, grouping and two decimals: 123450 is "CNY 1,234.50" in en and
// "¥1,234.50" in zh-CN.
func (l *Locale) AppendMoney(dst []byte, minor int64) []byte {
	f := l.money.forms[0]
	for i := range f.segs {
		s := &f.segs[i]
		dst = append(dst, s.lit...)
		if s.slot >= 0 {
			u := uint64(minor)
			if minor < 0 {
				dst = append(dst, '-')
				u = uint64(-minor)
			}
			dst = l.appendGrouped(dst, u/100)
			dst = append(dst, l.decimal...)
			dst = append(dst, byte('0'+u%100/10), byte('0'+u%10))
		}
	}
	return dst
}

func (l *Locale) appendGrouped(dst []byte, u uint64) []byte {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	digits := b[i:]
	lead := len(digits) % 3
	if lead == 0 {
		lead = 3
	}
	dst = append(dst, digits[:lead]...)
	for j := lead; j < len(digits); j += 3 {
		dst = append(dst, l.group...)
		dst = append(dst, digits[j:j+3]...)
	}
	return dst
}

// AppendDate writes the calendar date of t in the locale's layout
// ("2026-11-02" in en, "2026年11月2日" in zh-CN), in t's own location.
func (l *Locale) AppendDate(dst []byte, t time.Time) []byte { return t.AppendFormat(dst, l.dateLayout) }

// AppendTime writes the time of day of t, 24-hour ("09:30").
func (l *Locale) AppendTime(dst []byte, t time.Time) []byte { return t.AppendFormat(dst, l.timeLayout) }

// AppendDateTime writes an instant with date, time and offset
// ("2026-11-02 09:30:00Z" in en, "2026年11月2日 09:30:00 Z" in zh-CN).
func (l *Locale) AppendDateTime(dst []byte, t time.Time) []byte {
	return t.AppendFormat(dst, l.dateTimeLayout)
}

// AppendStamp writes an instant quoted from the data, to the second, in
// its own offset: RFC 3339 in en ("2026-11-02T09:05:07Z"), the locale's
// date and time elsewhere ("2026年11月2日 09:05:07 Z" in zh-CN).
func (l *Locale) AppendStamp(dst []byte, t time.Time) []byte {
	return t.AppendFormat(dst, l.stampLayout)
}

// AppendStampNano is AppendStamp with the fraction of a second t has,
// trailing zeros dropped and none when it has none
// ("2026-11-02T09:05:07.5Z", "2026年11月2日 09:05:07.5 Z").
func (l *Locale) AppendStampNano(dst []byte, t time.Time) []byte {
	return t.AppendFormat(dst, l.stampNanoLayout)
}

// AppendDuration writes a span: whole days with the locale's day words
// ("1 day", "3 days", "3天"), any other span as hours, minutes and seconds
// with zero parts at the end left out ("36h", "1h30m", "1小时30分钟").
func (l *Locale) AppendDuration(dst []byte, d time.Duration) []byte {
	if d < 0 {
		dst = append(dst, '-')
		d = -d
	}
	const day = 24 * time.Hour
	if d%day == 0 && d != 0 {
		return l.appendUnit(dst, l.days, int(d/day))
	}
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	sec := d % time.Minute
	if h > 0 {
		dst = l.appendUnit(dst, l.hours, h)
	}
	if m > 0 || (h > 0 && sec > 0) {
		dst = l.appendUnit(dst, l.minutes, m)
	}
	if sec > 0 || d == 0 {
		var b [24]byte
		s := strconv.AppendFloat(b[:0], sec.Seconds(), 'f', -1, 64)
		f := l.seconds.forms[0]
		for i := range f.segs {
			dst = append(dst, f.segs[i].lit...)
			if f.segs[i].slot >= 0 {
				dst = append(dst, s...)
			}
		}
	}
	return dst
}

func (l *Locale) appendUnit(dst []byte, m *message, n int) []byte {
	f := m.forms[0]
	if m.plural {
		if pf := l.pluralForm(n); m.forms[pf] != nil {
			f = m.forms[pf]
		}
	}
	for i := range f.segs {
		dst = append(dst, f.segs[i].lit...)
		if f.segs[i].slot >= 0 {
			dst = strconv.AppendInt(dst, int64(n), 10)
		}
	}
	return dst
}

// AppendList writes items joined by the locale's list separator ("a, b"
// in en, "a、b" in zh-CN).
func (l *Locale) AppendList(dst []byte, items []string) []byte {
	for i, s := range items {
		if i > 0 {
			dst = append(dst, l.listSep...)
		}
		dst = append(dst, s...)
	}
	return dst
}

// ListSeparator gives what joins the items of a list in the locale (", "
// in en, "、" in zh-CN).
func (l *Locale) ListSeparator() string { return l.listSep }

// AppendListAnd writes items as a conjunction ("1, 2 and 4" in en,
// "1、2和4" in zh-CN).
func (l *Locale) AppendListAnd(dst []byte, items []string) []byte {
	for i, s := range items {
		switch {
		case i == 0:
		case i == len(items)-1:
			dst = append(dst, l.listAnd...)
		default:
			dst = append(dst, l.listSep...)
		}
		dst = append(dst, s...)
	}
	return dst
}

// AppendMessage writes m, a message argument of another message, in l,
// the locale of the sentence that holds it; a nil m writes nothing.
func (l *Locale) AppendMessage(dst []byte, m Message) []byte {
	if m == nil {
		return dst
	}
	return m.Append(dst, l)
}

// NestedArgs gives a message argument as Args holds it: its id under
// "message" and its own arguments under "args" (left out when it has
// none), so that a host can word it itself and JSON can hold it, or nil
// for a nil message.
func NestedArgs(m Message) any {
	if m == nil {
		return nil
	}
	out := map[string]any{"message": m.ID()}
	if a := m.Args(); len(a) > 0 {
		out["args"] = a
	}
	return out
}
