package incentives

import (
	"math/bits"
	"slices"
)

// Pool reports the period's bonus pool: the budget, what the rules asked
// for, and what was paid. When the rules ask for more than the budget,
// every pool line is scaled down so that the parts add up exactly to the
// budget, and each scaled line says so in its note.
type Pool struct {
	// Limited is false when neither the policy nor the period sets a
	// budget; then Budget is 0 and nothing is scaled.
	Limited bool `json:"limited"`
	// Budget is the period's budget, or the policy's when the period sets
	// none.
	Budget int64 `json:"budget"`
	// Requested sums the bonus lines after the QA multiplier and the
	// per-agent caps: what the rules ask for.
	Requested int64 `json:"requested"`
	// Paid sums the bonus lines as paid: Requested, or Budget when the
	// lines were scaled down to it.
	Paid int64 `json:"paid"`
	// Scaled says the lines were scaled down to the budget.
	Scaled bool `json:"scaled"`
}

// apportion shares total (non-negative) out in proportion to weights
// (non-negative) by the largest remainder method: each part gets the floor
// of its exact share, and the units left over go one each to the parts
// with the largest remainders, the earlier part first among equal
// remainders. The parts add up exactly to total, unless every weight is
// zero, when every part is zero. The caller keeps the sum of weights
// within an int64. out must be as long as weights.
func apportion(total int64, weights []int64, out []int64) {
	var a apportioner
	a.apportion(total, weights, out)
}

// apportioner is apportion with scratch space kept between calls.
type apportioner struct {
	rems []uint64
	sel  []uint64
}

func (a *apportioner) apportion(total int64, weights []int64, out []int64) {
	var sum uint64
	for _, w := range weights {
		sum += uint64(w)
	}
	if sum == 0 {
		clear(out)
		return
	}
	rems := slices.Grow(a.rems[:0], len(weights))[:len(weights)]
	a.rems = rems
	var given int64
	for i, w := range weights {
		// total*w/sum is at most total, so the 128-bit quotient fits in
		// 64 bits and Div64 cannot overflow.
		hi, lo := bits.Mul64(uint64(total), uint64(w))
		q, r := bits.Div64(hi, lo, sum)
		out[i] = int64(q)
		rems[i] = r
		given += int64(q)
	}
	left := int(total - given)
	if left <= 0 {
		return
	}
	// The units left over, fewer than the parts with a weight, go to the
	// largest remainders, the earlier part first among equal ones: every
	// part whose remainder is above the left-th largest, then the earliest
	// of those equal to it.
	sel := a.sel[:0]
	for i, w := range weights {
		if w > 0 {
			sel = append(sel, rems[i])
		}
	}
	a.sel = sel
	t := kthLargest(sel, left)
	for i, w := range weights {
		if w > 0 && rems[i] > t {
			out[i]++
			left--
		}
	}
	for i, w := range weights {
		if left == 0 {
			break
		}
		if w > 0 && rems[i] == t {
			out[i]++
			left--
		}
	}
}

// kthLargest returns the k-th largest of vals (k from 1 to len(vals)),
// looking at one byte of the values at a time from the highest; it
// reorders vals.
func kthLargest(vals []uint64, k int) uint64 {
	for shift := 56; ; shift -= 8 {
		var counts [256]int
		for _, v := range vals {
			counts[byte(v>>shift)]++
		}
		d := 255
		for ; k > counts[d]; d-- {
			k -= counts[d]
		}
		n := 0
		for _, v := range vals {
			if int(byte(v>>shift)) == d {
				vals[n] = v
				n++
			}
		}
		vals = vals[:n]
		if n == 1 || shift == 0 {
			return vals[0]
		}
	}
}

func (b *builder) sharePool() error {
	budget := b.p.poolBudget
	if b.per.Budget != nil {
		budget = *b.per.Budget
	}
	var requested int64
	lines := 0
	for k := range b.recs {
		if b.recs[k].flags&fPool != 0 {
			if !addChecked(&requested, b.recs[k].amount) {
				return errOverflow
			}
			lines++
		}
	}
	pool := Pool{Limited: budget >= 0, Requested: requested, Paid: requested}
	if budget >= 0 {
		pool.Budget = budget
	}
	if budget >= 0 && requested > budget {
		w := make([]int64, 0, lines)
		for k := range b.recs {
			if b.recs[k].flags&fPool != 0 {
				w = append(w, b.recs[k].amount)
			}
		}
		out := make([]int64, len(w))
		b.split.apportion(budget, w, out)
		b.poolIn = w
		i := 0
		for k := range b.recs {
			if r := &b.recs[k]; r.flags&fPool != 0 {
				if w[i] != out[i] {
					r.flags |= fPooled
				}
				r.amount = out[i]
				i++
			}
		}
		pool.Paid, pool.Scaled = budget, true
	}
	b.st.Pool = pool
	return nil
}
