package cond

import "math"

// The parser builds a small tree; Compile then lowers it to a flat
// decision graph: every comparison is one instruction that names the
// instruction to run next when it holds and when it does not. &&, || and !
// disappear into those jumps (a && b: a's true edge leads to b, its false
// edge to the answer false; ! swaps the edges), so evaluation is one tight
// loop with no recursion, no interface calls and no allocation, and it
// short-circuits exactly as Go does.

type cmpOp uint8

const (
	opLT cmpOp = iota
	opLE
	opGT
	opGE
	opEQ
	opNE
)

func opOf(s string) cmpOp {
	switch s {
	case "<":
		return opLT
	case "<=":
		return opLE
	case ">":
		return opGT
	case ">=":
		return opGE
	case "==":
		return opEQ
	}
	return opNE
}

func compare(op cmpOp, a, b float64) bool {
	switch op {
	case opLT:
		return a < b
	case opLE:
		return a <= b
	case opGT:
		return a > b
	case opGE:
		return a >= b
	case opEQ:
		return a == b
	}
	return a != b
}

func mirror(op cmpOp) cmpOp {
	switch op {
	case opLT:
		return opGT
	case opLE:
		return opGE
	case opGT:
		return opLT
	case opGE:
		return opLE
	}
	return op
}

// Syntax tree.
type node interface{ isNode() }

type (
	constNode bool
	notNode   struct{ inner node }
	andNode   []node
	orNode    []node
	// cmpNode compares slot a with slot b, or with the constant c when b < 0.
	cmpNode struct {
		op   cmpOp
		a, b int
		c    float64
	}
)

func (constNode) isNode() {}
func (notNode) isNode()   {}
func (andNode) isNode()   {}
func (orNode) isNode()    {}
func (cmpNode) isNode()   {}

func makeAnd(terms []node) node {
	if len(terms) == 1 {
		return terms[0]
	}
	return andNode(terms)
}

func makeOr(terms []node) node {
	if len(terms) == 1 {
		return terms[0]
	}
	return orNode(terms)
}

func makeCmp(op cmpOp, l, r operand) node {
	switch {
	case l.slot < 0 && r.slot < 0:
		return constNode(compare(op, l.num, r.num))
	case l.slot >= 0 && r.slot >= 0:
		return cmpNode{op: op, a: l.slot, b: r.slot}
	case l.slot < 0:
		// 5 < x is x > 5.
		return cmpNode{op: mirror(op), a: r.slot, b: -1, c: l.num}
	}
	return cmpNode{op: op, a: l.slot, b: -1, c: r.num}
}

// A negative jump target ends the evaluation with an answer: answer k is
// target -1-k. A single condition answers 0 (holds) or 1 (does not); a
// Chain of n conditions answers the index of the first that holds, or n.
const (
	answerTrue  = -1
	answerFalse = -2
)

func answer(k int) int32 { return int32(-1 - k) }

// An instr tests whether vals[a] lies in [lo, hi] (kind inRange) or
// compares vals[a] with vals[b] (kind slotSlot+op), then continues at t or
// f. Every comparison with a constant is an interval test: x < c is
// x in [-Inf, c⁻] where c⁻ is the float just below c, x == c is [c, c], and
// x != c is x == c with the edges swapped. The tests are exact for every
// float, NaN fails all of them as it fails Go's comparisons, and the loop
// needs no switch on the operator.
type instr struct {
	kind   uint8
	a, b   int32
	lo, hi float64
	t, f   int32
}

const (
	inRange  = 0
	slotSlot = 1
)

func interval(op cmpOp, c float64) (lo, hi float64, swap bool) {
	inf := math.Inf(1)
	switch op {
	case opLT:
		return -inf, math.Nextafter(c, -inf), false
	case opLE:
		return -inf, c, false
	case opGT:
		return math.Nextafter(c, inf), inf, false
	case opGE:
		return c, inf, false
	case opEQ:
		return c, c, false
	}
	return c, c, true
}

type program struct {
	code  []instr
	entry int32
}

// lower emits the instructions for n, given where to go when n holds and
// when it does not, and returns n's entry point. Instructions are emitted
// after their successors, so every jump is to an earlier index or an answer.
func (p *program) lower(n node, onTrue, onFalse int32) int32 {
	switch n := n.(type) {
	case constNode:
		if n {
			return onTrue
		}
		return onFalse
	case notNode:
		return p.lower(n.inner, onFalse, onTrue)
	case andNode:
		next := onTrue
		for i := len(n) - 1; i >= 0; i-- {
			next = p.lower(n[i], next, onFalse)
		}
		return next
	case orNode:
		next := onFalse
		for i := len(n) - 1; i >= 0; i-- {
			next = p.lower(n[i], onTrue, next)
		}
		return next
	case cmpNode:
		in := instr{kind: inRange, a: int32(n.a), t: onTrue, f: onFalse}
		if n.b >= 0 {
			in.kind = slotSlot + uint8(n.op)
			in.b = int32(n.b)
		} else {
			var swap bool
			in.lo, in.hi, swap = interval(n.op, n.c)
			if swap {
				in.t, in.f = in.f, in.t
			}
		}
		p.code = append(p.code, in)
		return int32(len(p.code) - 1)
	}
	panic("cond: unknown syntax node")
}

// run evaluates the program and returns the answer's jump target.
func (p *program) run(vals []float64) int32 {
	pc := p.entry
	code := p.code
	for pc >= 0 {
		in := &code[pc]
		v := vals[in.a]
		var ok bool
		if in.kind == inRange {
			ok = in.lo <= v && v <= in.hi
		} else {
			ok = compare(cmpOp(in.kind-slotSlot), v, vals[in.b])
		}
		if ok {
			pc = in.t
		} else {
			pc = in.f
		}
	}
	return pc
}

// link appends the code of x, with its answers redirected: holding goes to
// onTrue, not holding to onFalse. It returns x's entry point.
func (p *program) link(x *program, onTrue, onFalse int32) int32 {
	base := int32(len(p.code))
	target := func(t int32) int32 {
		switch t {
		case answerTrue:
			return onTrue
		case answerFalse:
			return onFalse
		}
		return t + base
	}
	for _, in := range x.code {
		in.t, in.f = target(in.t), target(in.f)
		p.code = append(p.code, in)
	}
	return target(x.entry)
}
