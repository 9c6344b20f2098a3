package main

import (
	"io"
	"math"
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// line writes a report one line at a time into one reused buffer: a line
// is begun, its parts appended, and the whole line written to out at once,
// so that a report of many thousand lines costs the buffer's growth, not a
// string per part.
//
// A message of the catalog takes its arguments as strings. A figure, a
// count or a padded column is not built as a string of its own: it is
// appended to vals, and the message is given a mark in its place
// (marks[k] for the k-th value of the message). When the message is
// added to the line, each mark is replaced by its value. The catalogs
// hold no NUL byte, so that a mark is never mistaken for their text.
type line struct {
	out  io.Writer
	buf  []byte // the line being written
	tmp  []byte // a message rendered with its marks
	vals []byte // the values of the marks, end to end
	ends []int  // vals[ends[k-1]:ends[k]] is the value of marks[k]
}

// marks stand for the values of one message, in the order they were
// appended to vals.
var marks = [...]string{
	"\x00\x00", "\x00\x01", "\x00\x02", "\x00\x03", "\x00\x04", "\x00\x05", "\x00\x06", "\x00\x07",
	"\x00\x08", "\x00\x09", "\x00\x0a", "\x00\x0b", "\x00\x0c", "\x00\x0d", "\x00\x0e", "\x00\x0f",
}

// begin starts a line with indent.
func (ln *line) begin(indent string) { ln.buf = append(ln.buf[:0], indent...) }

// end writes the line with its newline.
func (ln *line) end() {
	ln.buf = append(ln.buf, '\n')
	ln.out.Write(ln.buf)
}

// put writes a line of indent and a message rendered with its marks.
func (ln *line) put(indent string, m []byte) {
	ln.begin(indent)
	ln.add(m)
	ln.end()
}

// add appends a message rendered with its marks to the line, each mark
// replaced by its value, and forgets the values. m is kept as the buffer
// of the next message.
func (ln *line) add(m []byte) {
	start := 0
	for i := 0; i+1 < len(m); i++ {
		if m[i] != 0 || int(m[i+1]) >= len(ln.ends) {
			continue
		}
		ln.buf = append(ln.buf, m[start:i]...)
		k := int(m[i+1])
		from := 0
		if k > 0 {
			from = ln.ends[k-1]
		}
		ln.buf = append(ln.buf, ln.vals[from:ln.ends[k]]...)
		i++
		start = i + 1
	}
	ln.buf = append(ln.buf, m[start:]...)
	ln.tmp = m[:0]
	ln.vals = ln.vals[:0]
	ln.ends = ln.ends[:0]
}

// msg gives the buffer a message is rendered into before add or put.
func (ln *line) msg() []byte { return ln.tmp[:0] }

// mark ends the value appended to vals since the last mark and gives the
// mark that stands for it.
func (ln *line) mark() string {
	ln.ends = append(ln.ends, len(ln.vals))
	return marks[len(ln.ends)-1]
}

// pad gives the mark of s padded with spaces to width columns.
func (ln *line) pad(s string, w int) string {
	ln.vals = appendPad(ln.vals, s, w)
	return ln.mark()
}

// padLeft gives the mark of s right-aligned in width columns.
func (ln *line) padLeft(s string, w int) string {
	ln.vals = appendPadLeft(ln.vals, s, w)
	return ln.mark()
}

// fixed gives the mark of v with prec decimals, right-aligned in w
// columns (0 for none), with a sign when plus: fmt's %+w.precf.
func (ln *line) fixed(v float64, prec, w int, plus bool) string {
	start := len(ln.vals)
	ln.vals = appendFixed(ln.vals, v, prec, plus)
	ln.vals = rightAlign(ln.vals, start, w)
	return ln.mark()
}

// appendFixed writes v with prec decimals as fmt's %.precf does (+Inf
// keeps its sign), with a plus sign for a value that is not negative when
// plus (%+.precf).
func appendFixed(dst []byte, v float64, prec int, plus bool) []byte {
	start := len(dst)
	dst = strconv.AppendFloat(dst, v, 'f', prec, 64)
	if plus && dst[start] != '+' && dst[start] != '-' {
		dst = append(dst, 0)
		copy(dst[start+1:], dst[start:])
		dst[start] = '+'
	}
	return dst
}

// rightAlign moves dst[start:] right with spaces before it, so that it
// takes w columns.
func rightAlign(dst []byte, start, w int) []byte {
	n := w - columnsOf(dst[start:])
	if n <= 0 {
		return dst
	}
	for i := 0; i < n; i++ {
		dst = append(dst, ' ')
	}
	copy(dst[start+n:], dst[start:len(dst)-n])
	for i := 0; i < n; i++ {
		dst[start+i] = ' '
	}
	return dst
}

// appendPad writes s and then spaces up to w columns.
func appendPad(dst []byte, s string, w int) []byte {
	dst = append(dst, s...)
	for n := w - columns(s); n > 0; n-- {
		dst = append(dst, ' ')
	}
	return dst
}

// appendPadLeft writes spaces and then s, so that s ends at column w.
func appendPadLeft(dst []byte, s string, w int) []byte {
	for n := w - columns(s); n > 0; n-- {
		dst = append(dst, ' ')
	}
	return append(dst, s...)
}

// columns is the number of terminal columns s takes: two for a character
// East Asian scripts write wide (汉字, full-width forms), one for any
// other, so that columns of Chinese text line up as columns of Latin
// text do.
func columns(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		n += runeWidth(r)
		i += size
	}
	return n
}

// columnsOf is columns for bytes.
func columnsOf(b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		n += runeWidth(r)
		i += size
	}
	return n
}

func runeWidth(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// appendGroup writes n grouped by thousands with commas, as group does.
func appendGroup(dst []byte, n int64) []byte {
	if n < 0 {
		dst = append(dst, '-')
	}
	u := uint64(n)
	if n < 0 {
		u = uint64(-(n + 1)) + 1
	}
	return appendGroupDigits(dst, u)
}

func appendGroupDigits(dst []byte, u uint64) []byte {
	var b [20]byte
	digits := strconv.AppendUint(b[:0], u, 10)
	lead := len(digits) % 3
	if lead == 0 {
		lead = 3
	}
	dst = append(dst, digits[:lead]...)
	for j := lead; j < len(digits); j += 3 {
		dst = append(dst, ',')
		dst = append(dst, digits[j:j+3]...)
	}
	return dst
}

// appendMoney writes minor units with thousands separators and digits
// minor digits, as formatMoney does.
func appendMoney(dst []byte, v int64, digits int) []byte {
	u := uint64(v)
	if v < 0 {
		u = uint64(-(v + 1)) + 1
		dst = append(dst, '-')
	}
	unit := uint64(1)
	for i := 0; i < digits; i++ {
		if unit > math.MaxUint64/10 {
			break
		}
		unit *= 10
	}
	dst = appendGroupDigits(dst, u/unit)
	if digits > 0 {
		dst = append(dst, '.')
		var b [20]byte
		frac := strconv.AppendUint(b[:0], u%unit, 10)
		for i := len(frac); i < digits; i++ {
			dst = append(dst, '0')
		}
		dst = append(dst, frac...)
	}
	return dst
}
