package cond

// A Chain is an ordered list of conditions evaluated as one, for rules
// where the first that holds wins: gold before silver before bronze, a
// dismissal before a final warning. Evaluating a Chain costs what
// evaluating its conditions one after another costs, less the calls in
// between: the conditions are linked into one decision graph in which each
// one's "does not hold" edge leads into the next.
//
// A Chain is immutable and safe for concurrent use.
type Chain struct {
	prog  program
	n     int
	tests masked   // when every condition has a mask form and they fit one word
	terms [][]term // the normal form of each condition, over tests
}

// NewChain links conditions, in order, into a Chain. The conditions must
// have been compiled against the same Env.
func NewChain(xs ...*Expr) *Chain {
	c := &Chain{n: len(xs)}
	next := answer(len(xs))
	for i := len(xs) - 1; i >= 0; i-- {
		next = c.prog.link(&xs[i].prog, answer(i), next)
	}
	c.prog.entry = next

	total := 0
	for _, x := range xs {
		if x.mask == nil {
			return c
		}
		total += x.mask.n
	}
	if total > 64 {
		return c
	}
	c.terms = make([][]term, len(xs))
	for i, x := range xs {
		shift := uint(c.tests.n)
		x.mask.appendShifted(&c.tests, uint32(shift))
		c.terms[i] = make([]term, len(x.mask.terms))
		for j, t := range x.mask.terms {
			c.terms[i][j] = term{pos: t.pos << shift, neg: t.neg << shift}
		}
	}
	return c
}

// Len is the number of conditions in the chain.
func (c *Chain) Len() int { return c.n }

// First returns the index of the first condition that holds over vals, or
// -1 when none does.
func (c *Chain) First(vals []float64) int {
	if c.terms != nil {
		bits := c.tests.bits(vals)
		for i, ts := range c.terms {
			if holds(ts, bits) {
				return i
			}
		}
		return -1
	}
	k := int(-1 - c.prog.run(vals))
	if k == c.n {
		return -1
	}
	return k
}
