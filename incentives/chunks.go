package incentives

import "sort"

// chunks is an append-only store for the facts, reasons and ladder items
// of a statement, in arrays that never move once written: a statement
// holds slices of them while more is written, and nothing is copied to
// grow. The values written since the last open form the open span, which
// never crosses two arrays: when an array is full, the open span moves to
// a new one, and the offsets it was given stay valid. Arrays start small
// and double up to maxChunk values, so that a statement of a few agents
// stays small.
type chunks[T any] struct {
	cur    []T
	base   int32   // offset of cur[0]
	from   int32   // offset of the open span
	full   [][]T   // arrays filled, each cut where its last span ends
	starts []int32 // offset of the first value of each of full
	hint   int     // the array of the last span looked up
}

const (
	minChunk = 64
	maxChunk = 8 << 10
)

// open starts a span and returns its offset, which is also where the
// span before it ends.
func (c *chunks[T]) open() int32 {
	c.from = c.base + int32(len(c.cur))
	return c.from
}

// add appends v to the open span.
func (c *chunks[T]) add(v T) {
	if len(c.cur) == cap(c.cur) {
		c.grow()
	}
	c.cur = append(c.cur, v)
}

// grow moves the open span to a new array.
func (c *chunks[T]) grow() {
	k := int(c.from - c.base)
	span := c.cur[k:]
	n := max(minChunk, min(maxChunk, 2*cap(c.cur)), 2*len(span))
	next := make([]T, len(span), n)
	copy(next, span)
	if k > 0 {
		c.full = append(c.full, c.cur[:k:k])
		c.starts = append(c.starts, c.base)
	}
	c.cur, c.base = next, c.from
}

// span returns the open span, nil when it is empty. Its capacity ends
// with it, so that appending to it never writes over another span.
func (c *chunks[T]) span() []T {
	k := int(c.from - c.base)
	if k == len(c.cur) {
		return nil
	}
	return c.cur[k:len(c.cur):len(c.cur)]
}

// slice returns the values from offset s to e, a span closed before (or
// part of one), nil when it is empty.
func (c *chunks[T]) slice(s, e int32) []T {
	if e <= s {
		return nil
	}
	if s >= c.base {
		return c.cur[s-c.base : e-c.base : e-c.base]
	}
	i := c.hint
	if i >= len(c.starts) || s < c.starts[i] || (i+1 < len(c.starts) && s >= c.starts[i+1]) {
		i = sort.Search(len(c.starts), func(j int) bool { return c.starts[j] > s }) - 1
		c.hint = i
	}
	off := c.starts[i]
	return c.full[i][s-off : e-off : e-off]
}
