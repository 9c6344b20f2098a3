package cond

import "math"

// Most policy conditions are a handful of comparisons joined by && and ||.
// For those, evaluation in two passes beats walking a decision graph:
// first every comparison is computed, without branching, into one bit of a
// word; then the condition, held in disjunctive normal form as pairs of
// masks ("these bits set and those clear"), is checked against the word.
// The first pass has no dependency from one comparison to the next, so the
// processor overlaps them, and no mispredicted jump ever waits on a
// comparison. Comparisons are pure, so computing some that short-circuit
// evaluation would skip changes no answer. Conditions that do not fit (more
// than 64 comparisons, or a normal form of more than maxTerms terms) keep
// the decision graph.

const maxTerms = 64

// The comparisons of a mask-form condition, grouped by shape so that each
// group is one tight loop: x >= c, x <= c, lo <= x <= hi (for ==), and a
// metric against a metric. x > c and x < c are x >= c⁺ and x <= c⁻, with
// c⁺ and c⁻ the floats next to c, which is exact.
type bound struct {
	a   int32
	bit uint32
	c   float64
}

type between struct {
	a      int32
	bit    uint32
	lo, hi float64
}

type pairTest struct {
	op   cmpOp
	bit  uint32
	a, b int32
}

// A term holds when every pos bit is set and every neg bit is clear.
type term struct{ pos, neg uint64 }

type masked struct {
	ge, le []bound
	eq     []between
	pairs  []pairTest
	n      int // comparisons, one bit each
	terms  []term
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

func (m *masked) bits(vals []float64) uint64 {
	var bits uint64
	for _, t := range m.ge {
		bits |= b2u(vals[t.a] >= t.c) << (t.bit & 63)
	}
	for _, t := range m.le {
		bits |= b2u(vals[t.a] <= t.c) << (t.bit & 63)
	}
	for _, t := range m.eq {
		v := vals[t.a]
		bits |= (b2u(t.lo <= v) & b2u(v <= t.hi)) << (t.bit & 63)
	}
	for _, t := range m.pairs {
		bits |= b2u(compare(t.op, vals[t.a], vals[t.b])) << (t.bit & 63)
	}
	return bits
}

// add records one comparison and returns its bit and whether the
// comparison holds when the bit is set (false for !=, stored as ==).
func (m *masked) add(n cmpNode) (uint64, bool) {
	bit := uint32(m.n)
	m.n++
	if n.b >= 0 {
		m.pairs = append(m.pairs, pairTest{op: n.op, bit: bit, a: int32(n.a), b: int32(n.b)})
		return 1 << bit, true
	}
	inf := math.Inf(1)
	a := int32(n.a)
	switch n.op {
	case opGE:
		m.ge = append(m.ge, bound{a, bit, n.c})
	case opGT:
		m.ge = append(m.ge, bound{a, bit, math.Nextafter(n.c, inf)})
	case opLE:
		m.le = append(m.le, bound{a, bit, n.c})
	case opLT:
		m.le = append(m.le, bound{a, bit, math.Nextafter(n.c, -inf)})
	default:
		m.eq = append(m.eq, between{a, bit, n.c, n.c})
		return 1 << bit, n.op == opEQ
	}
	return 1 << bit, true
}

// shifted returns a copy of m's comparisons with every bit moved up by
// shift, for linking conditions into a Chain.
func (m *masked) appendShifted(dst *masked, shift uint32) {
	for _, t := range m.ge {
		t.bit += shift
		dst.ge = append(dst.ge, t)
	}
	for _, t := range m.le {
		t.bit += shift
		dst.le = append(dst.le, t)
	}
	for _, t := range m.eq {
		t.bit += shift
		dst.eq = append(dst.eq, t)
	}
	for _, t := range m.pairs {
		t.bit += shift
		dst.pairs = append(dst.pairs, t)
	}
	dst.n += m.n
}

func holds(terms []term, bits uint64) bool {
	for _, t := range terms {
		if bits&t.pos == t.pos && bits&t.neg == 0 {
			return true
		}
	}
	return false
}

// toMasked lowers a syntax tree to mask form, or reports that it does not
// fit.
func toMasked(n node) (*masked, bool) {
	m := &masked{}
	terms, ok := m.dnf(n, false)
	if !ok {
		return nil, false
	}
	m.terms = terms
	return m, true
}

// dnf returns the terms of n (of !n when negate), adding n's comparisons to
// m.tests.
func (m *masked) dnf(n node, negate bool) ([]term, bool) {
	switch n := n.(type) {
	case constNode:
		if bool(n) != negate {
			return []term{{}}, true
		}
		return nil, true
	case notNode:
		return m.dnf(n.inner, !negate)
	case andNode, orNode:
		children := []node(nil)
		isAnd := false
		switch n := n.(type) {
		case andNode:
			children, isAnd = n, true
		case orNode:
			children = n
		}
		// De Morgan: a negated && is an || of negations, and vice versa.
		if negate {
			isAnd = !isAnd
		}
		var acc []term
		for i, c := range children {
			ts, ok := m.dnf(c, negate)
			if !ok {
				return nil, false
			}
			switch {
			case i == 0:
				acc = ts
			case isAnd:
				acc = product(acc, ts)
			default:
				acc = append(acc, ts...)
			}
			if len(acc) > maxTerms {
				return nil, false
			}
		}
		return acc, true
	case cmpNode:
		if m.n == 64 {
			return nil, false
		}
		bit, polarity := m.add(n)
		if negate {
			polarity = !polarity
		}
		if polarity {
			return []term{{pos: bit}}, true
		}
		return []term{{neg: bit}}, true
	}
	panic("cond: unknown syntax node")
}

// product is the && of two normal forms; contradictory terms drop out.
func product(a, b []term) []term {
	out := make([]term, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			t := term{pos: x.pos | y.pos, neg: x.neg | y.neg}
			if t.pos&t.neg == 0 {
				out = append(out, t)
			}
		}
	}
	return out
}
