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
	Limited   bool  `json:"limited"`
	Budget    int64 `json:"budget"`
	Requested int64 `json:"requested"`
	Paid      int64 `json:"paid"`
	Scaled    bool  `json:"scaled"`
}

// apportion shares total (non-negative) out in proportion to weights
// (non-negative) by the largest remainder method: each part gets the floor
// of its exact share, and the units left over go one each to the parts
// with the largest remainders, the earlier part first among equal
// remainders. The parts add up exactly to total, unless every weight is
// zero, when every part is zero. The caller keeps the sum of weights
// within an int64. out must be as long as weights.
func apportion(total int64, weights []int64, out []int64) {
	var sum uint64
	for _, w := range weights {
		sum += uint64(w)
	}
	if sum == 0 {
		clear(out)
		return
	}
	rems := make([]uint64, len(weights))
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
	left := total - given
	if left <= 0 {
		return
	}
	idx := make([]int32, 0, len(weights))
	for i, w := range weights {
		if w > 0 {
			idx = append(idx, int32(i))
		}
	}
	slices.SortFunc(idx, func(a, b int32) int {
		ra, rb := rems[a], rems[b]
		switch {
		case ra > rb:
			return -1
		case ra < rb:
			return 1
		}
		return int(a - b)
	})
	for k := int64(0); k < left; k++ {
		out[idx[k]]++
	}
}
