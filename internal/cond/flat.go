package cond

// The flat form of a condition: comparisons of metrics with constants,
// joined all by && or all by ||, such as
//
//	qa_avg >= 95 && csat >= 4.6 && complaints == 0
//	phq9 >= 15 || gad7 >= 15
//
// Each metric of it is held to one interval: comparisons of one metric
// joined by && intersect, and x < c, x == c and the others are intervals
// (see interval). Such a condition holds when every metric (for ||, some
// metric) lies in its interval, which a Set counts without branching.
// Anything else has no flat form: !=, whose set is not an interval and
// holds for NaN; ! (!(x >= c) holds for NaN, where x < c does not);
// constants; nesting of && in || or the reverse; a metric compared with
// another; and a metric named twice in one ||, whose set is a union.
type flat struct {
	or    bool     // joined by ||; a single comparison has both joins
	join1 bool     // a single comparison, which fits either join
	tests []bounds // one per metric, in the order first named
}

// bounds holds a metric when lo <= vals[a] <= hi; NaN never is.
type bounds struct {
	a      int32
	lo, hi float64
}

// toFlat returns the flat form of n, or nil when it has none.
func toFlat(n node) *flat {
	var terms []node
	f := &flat{}
	switch n := n.(type) {
	case cmpNode:
		terms, f.join1 = []node{n}, true
	case andNode:
		terms = n
	case orNode:
		terms, f.or = n, true
	default:
		return nil
	}
	for _, t := range terms {
		c, ok := t.(cmpNode)
		if !ok || c.b >= 0 || c.op == opNE {
			return nil
		}
		lo, hi, _ := interval(c.op, c.c)
		merged := false
		for i := range f.tests {
			b := &f.tests[i]
			if b.a != int32(c.a) {
				continue
			}
			if f.or {
				return nil
			}
			// x >= 1 && x < 5 is x in [1, 5⁻].
			b.lo, b.hi = max(b.lo, lo), min(b.hi, hi)
			merged = true
		}
		if !merged {
			f.tests = append(f.tests, bounds{a: int32(c.a), lo: lo, hi: hi})
		}
	}
	return f
}
