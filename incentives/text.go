package incentives

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/callfloor/callfloor/internal/cond"
)

// text holds the prose of a statement while it is built: every reason,
// note, summary and recognition, each found again by its span of offsets.
//
// A piece of prose is written between begin and end (or endShared). The
// pieces are copied into chunks that become strings once full, so that
// nothing is copied to grow; a span never crosses two chunks. Many pieces
// come back again and again ("exam senior_exam not passed", "scaled to
// the pool: ..."): endShared keeps one copy of each distinct piece, and
// the builder keeps the spans of the commonest reasons by the figures
// that make them, so that they are neither written nor copied twice.
type text struct {
	piece  []byte
	cur    strings.Builder
	base   int      // offset of cur's first byte
	chunks []string // full chunks
	starts []int    // offset of each chunk's first byte
	seen   map[string]textSpan
}

type textSpan struct{ s, e int32 }

const chunkSize = 64 << 10

// Len is the offset the next piece copied will start at.
func (t *text) Len() int { return t.base + t.cur.Len() }

// begin starts a new piece.
func (t *text) begin() { t.piece = t.piece[:0] }

// end copies the piece into the text and returns its span.
func (t *text) end() (int32, int32) {
	t.room(len(t.piece))
	s := t.Len()
	t.cur.Write(t.piece)
	return int32(s), int32(t.Len())
}

// endString is end returning the text itself: the piece as it is in the
// chunk, which never changes once written.
func (t *text) endString() string {
	s, e := t.end()
	return t.cur.String()[int(s)-t.base : int(e)-t.base]
}

// endShared is end for a piece that is likely written before: the span of
// an equal piece, when there is one.
func (t *text) endShared() (int32, int32) {
	if sp, ok := t.seen[string(t.piece)]; ok {
		return sp.s, sp.e
	}
	if t.seen == nil {
		t.seen = make(map[string]textSpan)
	}
	s, e := t.end()
	// The key shares the chunk's bytes: room made the chunk big enough for
	// the piece, so the chunk never grows and its bytes never move.
	t.seen[t.cur.String()[t.cur.Len()-len(t.piece):]] = textSpan{s, e}
	return s, e
}

// room starts a new chunk unless the current one has n bytes free.
func (t *text) room(n int) {
	if t.cur.Cap()-t.cur.Len() >= n {
		return
	}
	if t.cur.Len() > 0 {
		t.chunks = append(t.chunks, t.cur.String())
		t.starts = append(t.starts, t.base)
		t.base += t.cur.Len()
	}
	t.cur = strings.Builder{}
	t.cur.Grow(max(chunkSize, n))
}

// close ends the last chunk; the text is complete.
func (t *text) close() {
	t.chunks = append(t.chunks, t.cur.String())
	t.starts = append(t.starts, t.base)
	t.base += t.cur.Len()
	t.cur = strings.Builder{}
	t.seen = nil
}

// stringOf returns the text between two offsets of one chunk, full or
// not.
func (t *text) stringOf(s, e int32) string {
	hint := 0
	return t.span(s, e, &hint)
}

// span returns the text between two offsets of one chunk, full or not.
// hint is the full chunk of the caller's last span, tried first.
func (t *text) span(s, e int32, hint *int) string {
	if int(s) >= t.base {
		return t.cur.String()[int(s)-t.base : int(e)-t.base]
	}
	c := *hint
	if c >= len(t.starts) || int(s) < t.starts[c] || (c+1 < len(t.starts) && int(s) >= t.starts[c+1]) {
		c = sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > int(s) }) - 1
		*hint = c
	}
	off := t.starts[c]
	return t.chunks[c][int(s)-off : int(e)-off]
}

func (t *text) str(s string) { t.piece = append(t.piece, s...) }

// begin starts a piece of text: a line's reason is written between begin
// and add, a recognition's between begin and public.
func (b *builder) begin() { b.text.begin() }

func (b *builder) str(s string) { b.text.str(s) }

// appendNum writes v in its shortest form ("96.5", "4", "0.13"), rounded
// to two decimals as reasons are read by people (the conditions' own
// explanations round the same way), or "not measured" for NaN.
func appendNum(dst []byte, v float64) []byte { return appendFigure(dst, v, nil) }

// appendFigure is appendNum for a figure compared with thresholds: it
// shows more decimals where two would put the figure on the other side
// of, or on, a threshold (cond.AppendFigure), so that a reason never
// makes its rule look wrong. Figures with at most two decimals, the
// common case, take a fast path that gives the same text.
func appendFigure(dst []byte, v float64, thresholds []float64) []byte {
	if math.IsNaN(v) {
		return append(dst, "not measured"...)
	}
	if a := math.Abs(v); a < 1e12 {
		c := math.Round(v * 100)
		if c/100 == v {
			n := int64(c)
			if n < 0 {
				dst = append(dst, '-')
				n = -n
			}
			dst = strconv.AppendInt(dst, n/100, 10)
			if f := n % 100; f != 0 {
				dst = append(dst, '.', byte('0'+f/10))
				if f%10 != 0 {
					dst = append(dst, byte('0'+f%10))
				}
			}
			return dst
		}
	}
	return cond.AppendFigure(dst, v, thresholds)
}
