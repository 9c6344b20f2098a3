package cond

// Compiled conditions are trees of small value types behind one interface;
// each comparison is specialised by operator and by operand kind, so an
// evaluation is a handful of direct loads and compares with no allocation.

type cmpOp int

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

type node interface {
	eval(vals []float64) bool
}

type constNode bool

func (c constNode) eval([]float64) bool { return bool(c) }

type notNode struct{ inner node }

func (n notNode) eval(v []float64) bool { return !n.inner.eval(v) }

type andNode []node

func (a andNode) eval(v []float64) bool {
	for _, t := range a {
		if !t.eval(v) {
			return false
		}
	}
	return true
}

type orNode []node

func (o orNode) eval(v []float64) bool {
	for _, t := range o {
		if t.eval(v) {
			return true
		}
	}
	return false
}

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

// Metric against constant, one type per operator: the common case.
type (
	slotLT struct {
		s int
		c float64
	}
	slotLE struct {
		s int
		c float64
	}
	slotGT struct {
		s int
		c float64
	}
	slotGE struct {
		s int
		c float64
	}
	slotEQ struct {
		s int
		c float64
	}
	slotNE struct {
		s int
		c float64
	}
)

func (n slotLT) eval(v []float64) bool { return v[n.s] < n.c }
func (n slotLE) eval(v []float64) bool { return v[n.s] <= n.c }
func (n slotGT) eval(v []float64) bool { return v[n.s] > n.c }
func (n slotGE) eval(v []float64) bool { return v[n.s] >= n.c }
func (n slotEQ) eval(v []float64) bool { return v[n.s] == n.c }
func (n slotNE) eval(v []float64) bool { return v[n.s] != n.c }

// Metric against metric.
type slotSlot struct {
	op   cmpOp
	a, b int
}

func (n slotSlot) eval(v []float64) bool { return compare(n.op, v[n.a], v[n.b]) }

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

func makeCmp(op cmpOp, l, r operand) node {
	switch {
	case l.slot < 0 && r.slot < 0:
		return constNode(compare(op, l.num, r.num))
	case l.slot >= 0 && r.slot >= 0:
		return slotSlot{op: op, a: l.slot, b: r.slot}
	case l.slot < 0:
		// 5 < x is x > 5.
		l, r = r, l
		op = mirror(op)
	}
	s, c := l.slot, r.num
	switch op {
	case opLT:
		return slotLT{s, c}
	case opLE:
		return slotLE{s, c}
	case opGT:
		return slotGT{s, c}
	case opGE:
		return slotGE{s, c}
	case opEQ:
		return slotEQ{s, c}
	}
	return slotNE{s, c}
}
