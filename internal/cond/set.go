package cond

import (
	"math"
	"slices"
)

// A Set is every condition of a policy compiled into one program: groups
// of tiers where the first that holds wins (gold, silver, bronze; a
// dismissal before a final warning), and single rules as groups of one.
// One call evaluates them all. A host with several rules per record pays
// one call instead of one per rule, and the usual shapes of tiered rules
// cost a few instructions per tier and metric, with no branch that depends
// on the record.
//
// A Set answers as a Chain of each group's conditions does, on every
// input, NaN and the infinities included.
//
// A Set is immutable and safe for concurrent use.
type Set struct {
	steps  []step
	ends   []groupEnd // by group; read at the step that ends a specialised one
	slots  []int32    // the metrics the steps read, by key index
	acc0   int32      // acc and level before the first step
	level0 int32
	groups int
	chains []fallback
}

// A group is specialised when every tier has a flat form with the same
// join (a single comparison fits either) and, for every metric, the set
// of values that satisfy its part of a tier grows down the tiers:
//
//	qa_avg >= 95 && csat >= 4.6 && complaints == 0
//	qa_avg >= 90 && csat >= 4.3 && complaints <= 1
//	qa_avg >= 85 && csat >= 4.0
//
// Then every tier that holds is followed by tiers that hold, so the first
// tier that holds is found by counting, with no jump that depends on the
// record. For a group joined by &&, count for each metric the tiers whose
// test of it the value passes (a tier that does not name the metric
// passes it): the tiers that hold are as many as the smallest count, and
// the first that holds is the number of tiers less that. For a group
// joined by ||, count for each metric the tiers whose test it fails (a
// tier that does not name it fails): the smallest count is the first tier
// that holds. Either way, a first tier equal to the number of tiers means
// none holds.
//
// A step is one interval test of that count, and every step runs the same
// few instructions: the operator is gone into the bounds, so the loop has
// no switch and makes no call. The test is one unsigned comparison. Each
// value read is first turned into a key, an integer whose order is that
// of the floats (see key); the interval [lo, hi] of keys is then the
// values v with uint64(v-lo) <= hi-lo, and the values outside it (NaN
// among them), which a group joined by || counts, are the interval that
// starts at hi+1 and wraps around. A step that ends a metric folds its
// count into the group's, and a step that ends a group writes the group's
// answer; those branches depend on the program alone, which is the same
// for every record, so the processor predicts them.
type step struct {
	lo   int64  // the first key that counts
	w    uint64 // and how many after it also count
	next int32  // for a step that ends a metric or group: the count the next starts from
	g    int32  // the group, for a step that ends one
	a    int32  // the slot of the metric tested, for NewSet
	k    uint8  // its key index, for First
	end  uint8  // endNone, endMetric or endGroup
}

const (
	endNone uint8 = iota
	endMetric
	endGroup
)

// maxKeys bounds the metrics a Set's steps read, so that their keys fit
// in an array on the stack and indexing it needs no bounds check. A group
// that would read more falls back to a Chain.
const maxKeys = 32

// key maps a float64 to an int64 with the same order: -Inf < ... < -0 <
// +0 < ... < +Inf, with NaNs beyond both infinities (a NaN with the sign
// bit below -Inf, others above +Inf), so that NaN lies in no interval of
// numbers. -0 and +0 are distinct keys, -1 and 0; bounds at zero are set
// at compile time to take in both (see keyBounds).
func key(v float64) int64 {
	b := int64(math.Float64bits(v))
	return b ^ int64(uint64(b>>63)>>1)
}

// keyBounds returns the interval of keys of the values v with lo <= v <=
// hi, as its first key and its width less one. A bound at zero takes in
// both zeros, which compare equal.
func keyBounds(lo, hi float64) (int64, uint64) {
	klo, khi := key(lo), key(hi)
	if lo == 0 {
		klo = key(math.Copysign(0, -1))
	}
	if hi == 0 {
		khi = key(0)
	}
	return klo, uint64(khi - klo)
}

// groupEnd is what the step that ends group g needs beyond the step: its
// answer is off + level (||) or off - level (&&); neg is -1 for && to
// negate level as (level ^ neg) - neg, 0 for ||.
type groupEnd struct {
	off, neg int32
	n        int32 // the group's tiers, the answer that means none
	nextN    int32 // the tier count of the next specialised group
}

// A fallback is a group that is not specialised: it runs as a Chain.
type fallback struct {
	g     int
	chain *Chain
}

// NewSet compiles groups of conditions into a Set; group i's answer is
// the index of its first condition that holds. A rule that stands alone
// is a group of one. The conditions must have been compiled against the
// same Env.
func NewSet(groups ...[]*Expr) *Set {
	s := &Set{groups: len(groups), ends: make([]groupEnd, len(groups))}
	prevEnd := -1 // the step that ends the last specialised group
	for g, tiers := range groups {
		steps, acc0, or, ok := specialise(tiers)
		if ok {
			ok = s.index(steps)
		}
		if !ok {
			s.chains = append(s.chains, fallback{g: g, chain: NewChain(tiers...)})
			continue
		}
		n := int32(len(tiers))
		if prevEnd < 0 {
			s.acc0, s.level0 = acc0, n
		} else {
			s.steps[prevEnd].next = acc0
			s.ends[s.steps[prevEnd].g].nextN = n
		}
		if or {
			s.ends[g] = groupEnd{off: 0, neg: 0, n: n}
		} else {
			s.ends[g] = groupEnd{off: n, neg: -1, n: n}
		}
		steps[len(steps)-1].g = int32(g)
		s.steps = append(s.steps, steps...)
		prevEnd = len(s.steps) - 1
	}
	return s
}

// index sets the key index of every step, adding the slots it reads to
// s.slots; it reports false, adding none, when they would pass maxKeys.
func (s *Set) index(steps []step) bool {
	slots := s.slots
	for i := range steps {
		a := steps[i].a
		k := slices.Index(slots, a)
		if k < 0 {
			if len(slots) == maxKeys {
				return false
			}
			k = len(slots)
			slots = append(slots, a)
		}
		steps[i].k = uint8(k)
	}
	s.slots = slots
	return true
}

// Len is the number of groups in the set: the length First expects.
func (s *Set) Len() int { return s.groups }

// First sets first[g] to the index of the first condition of group g that
// holds over vals, or -1 when none does. first must be at least Len()
// long, and vals at least the Env's Len(); shorter slices are a
// programming error and panic.
func (s *Set) First(vals []float64, first []int) {
	first = first[:s.groups]
	var keys [maxKeys]int64
	for i, a := range s.slots {
		keys[i&(maxKeys-1)] = key(vals[a])
	}
	run(s.steps, s.ends, keys[:], s.acc0, s.level0, first)
	for _, f := range s.chains {
		first[f.g] = f.chain.First(vals)
	}
}

// run is the loop of a Set's steps, on its own so that nothing the
// fallbacks need holds a register in it.
func run(steps []step, ends []groupEnd, keys []int64, acc, level int32, first []int) {
	keys = keys[:maxKeys] // so that a key index masked to maxKeys needs no bounds check
	for i := range steps {
		st := &steps[i]
		acc += b2i(uint64(keys[st.k&(maxKeys-1)]-st.lo) <= st.w)
		if st.end != endNone {
			level = min(level, acc)
			acc = st.next
			if st.end == endGroup {
				e := &ends[st.g]
				k := int(e.off + (level ^ e.neg) - e.neg)
				if k == int(e.n) {
					k = -1
				}
				first[st.g] = k
				level = e.nextN
			}
		}
	}
}

// specialise returns the steps of a group, the count its first step
// starts from and whether it is joined by ||, or false when the group is
// not of a specialised shape.
func specialise(tiers []*Expr) (steps []step, acc0 int32, or, ok bool) {
	if len(tiers) == 0 {
		return nil, 0, false, false
	}
	joinOr, joinAnd := false, false
	for _, x := range tiers {
		if x.flat == nil {
			return nil, 0, false, false
		}
		if !x.flat.join1 {
			joinOr = joinOr || x.flat.or
			joinAnd = joinAnd || !x.flat.or
		}
	}
	switch {
	case joinOr && joinAnd:
		return nil, 0, false, false
	case joinOr:
		steps, acc0, ok = counted(tiers, true)
		return steps, acc0, true, ok
	case joinAnd:
		steps, acc0, ok = counted(tiers, false)
		return steps, acc0, false, ok
	}
	// Single comparisons: either join may nest.
	if steps, acc0, ok = counted(tiers, false); ok {
		return steps, acc0, false, true
	}
	steps, acc0, ok = counted(tiers, true)
	return steps, acc0, true, ok
}

// counted builds the steps of a group joined by || (or) or && (not or),
// or reports that some metric's sets do not grow down the tiers.
func counted(tiers []*Expr, or bool) (steps []step, acc0 int32, ok bool) {
	var metrics []int32
	for _, x := range tiers {
		for _, b := range x.flat.tests {
			if !slices.Contains(metrics, b.a) {
				metrics = append(metrics, b.a)
			}
		}
	}
	prevEnd := -1 // the step that ends the metric before
	for _, a := range metrics {
		var prev *bounds // the metric's test in the tier before; nil when it names none
		absent := int32(0)
		for ti, x := range tiers {
			b := x.flat.test(a)
			if ti > 0 && !grows(prev, b, or) {
				return nil, 0, false
			}
			prev = b
			if b == nil {
				absent++
				continue
			}
			if b.lo > b.hi {
				// x > 2 && x < 1: an empty interval has no width to count.
				return nil, 0, false
			}
			lo, w := keyBounds(b.lo, b.hi)
			if or {
				// Count the values outside: from hi+1 around to lo-1.
				lo, w = lo+int64(w)+1, ^w-1
			}
			steps = append(steps, step{lo: lo, w: w, a: a})
		}
		// A tier that does not name the metric passes it in a group joined
		// by && and fails it in one joined by ||: either way, counted.
		if prevEnd < 0 {
			acc0 = absent
		} else {
			steps[prevEnd].next = absent
		}
		prevEnd = len(steps) - 1
		steps[prevEnd].end = endMetric
	}
	steps[prevEnd].end = endGroup
	return steps, acc0, true
}

// test returns the bounds of the metric in slot a, nil when the condition
// does not name it.
func (f *flat) test(a int32) *bounds {
	for i := range f.tests {
		if f.tests[i].a == a {
			return &f.tests[i]
		}
	}
	return nil
}

// grows reports whether the set of values that pass prev lies within the
// set that passes next. A missing test passes every value, NaN included,
// in a tier joined by &&, and passes none in a tier joined by ||.
func grows(prev, next *bounds, or bool) bool {
	switch {
	case prev == nil && next == nil:
		return true
	case prev == nil:
		return or
	case next == nil:
		return !or
	}
	return next.lo <= prev.lo && prev.hi <= next.hi
}

// b2i is 1 for true; the compiler makes it a flag set, not a jump.
func b2i(b bool) int32 {
	if b {
		return 1
	}
	return 0
}
