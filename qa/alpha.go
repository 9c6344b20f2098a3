package qa

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
)

// Level is the level of measurement of the values an agreement
// coefficient compares.
type Level string

const (
	// Nominal values are categories: two values agree or they do not.
	Nominal Level = "nominal"
	// Ordinal values are ranks: a disagreement weighs more the more values
	// lie between the two.
	Ordinal Level = "ordinal"
	// Interval values are measures: a disagreement weighs the squared
	// difference.
	Interval Level = "interval"
	// Ratio values are measures with a true zero.
	Ratio Level = "ratio"
)

// ErrAlphaUndefined is returned by Alpha when the data hold no pair of
// values within a unit, or no variation at all (every value the same), so
// that the expected disagreement is zero and alpha is 0/0.
var ErrAlphaUndefined = errors.New("qa: Krippendorff's alpha is undefined for these data (no pairable values, or all values equal)")

// maxRatioPairs bounds the pairs of distinct values the ratio level
// compares, over all the values and within each unit: about a tenth of a
// second of work. The ratio difference function does not split into sums
// the way the others do, so its cost is the square of the number of
// distinct values; beyond this bound Alpha refuses the data rather than
// run for minutes.
const maxRatioPairs = 50_000_000

// Alpha computes Krippendorff's alpha, as defined by the coincidence-matrix
// method of Krippendorff, "Computing Krippendorff's Alpha-Reliability"
// (2011).
//
// units holds, for each unit of analysis (an item, a call), the values
// the coders who judged it assigned; a coder who did not judge a unit is
// simply absent from it, which is how missing data are written. Units
// with fewer than two values cannot be paired and are left out, as the
// method prescribes.
//
//	alpha = 1 - (n - 1) * sum(o_ck * d2_ck) / sum(n_c * n_k * d2_ck)
//
// where o_ck is the coincidence matrix (each unit contributing
// 1/(m_u - 1) per ordered pair of its m_u values), n_c its marginals, n
// the number of pairable values, and d2 the difference function of the
// level: nominal 0 or 1; ordinal (sum of n_g for g from c to k - (n_c +
// n_k)/2)^2; interval (c - k)^2; ratio ((c - k)/(c + k))^2.
//
// Values must be finite; ratio values must not be negative. Alpha never
// builds the matrix: nominal, ordinal and interval data take time
// O(n log n) and memory O(n) whatever the values, so a million distinct
// scores cost what a million equal ones do. The ratio level compares
// every pair of distinct values (within each unit, and over all the
// data), and refuses data that would need more than 50,000,000 such pairs
// (about 10,000 distinct values) with an *InputError. Values of any
// finite size are accepted, and data may mix the largest and the
// smallest: interval values are scaled by a power of two before they are
// squared, which is exact and keeps every square finite, and each ratio
// difference is computed from the quotient of the smaller value by the
// larger, which neither overflows nor loses a small value beside a huge
// one.
func Alpha(level Level, units [][]float64) (float64, error) {
	switch level {
	case Nominal, Ordinal, Interval, Ratio:
	default:
		return 0, msgerr.NotSupported(nil, "level", msg.EnumQaLevel{}, string(level), names(levels))
	}
	n, longest := 0, 0
	for u, vs := range units {
		for j, v := range vs {
			if !finite(v) {
				return 0, inputErr(nil, callfloor.ErrInvalid, fmt.Sprintf("units[%d][%d]", u, j), msg.QaInputNotFinite{Value: value(v)})
			}
			if level == Ratio && v < 0 {
				return 0, inputErr(nil, callfloor.ErrOutOfRange, fmt.Sprintf("units[%d][%d]", u, j), msg.QaInputNegativeRatio{Value: value(v)})
			}
		}
		if len(vs) >= 2 {
			n += len(vs)
			longest = max(longest, len(vs))
		}
	}
	if n == 0 {
		return 0, ErrAlphaUndefined
	}
	// The pairable values, sorted, give the distinct values and their
	// counts, which are the coincidence matrix's marginals n_c.
	sorted := make([]float64, 0, n)
	for _, vs := range units {
		if len(vs) >= 2 {
			sorted = append(sorted, vs...)
		}
	}
	slices.Sort(sorted)
	distinct, counts := runs(sorted, make([]float64, 0, n), make([]int, 0, n))
	if len(distinct) == 1 {
		return 0, ErrAlphaUndefined
	}
	var value func(float64) float64
	switch level {
	case Ordinal:
		// The ordinal difference of c and k is the squared distance of
		// their mid-ranks, M_g = (n_1 + ... + n_(g-1)) + n_g/2: the sum of
		// n_g from c to k less (n_c + n_k)/2 is M_k - M_c. Ordinal alpha
		// is interval alpha over the mid-ranks.
		mid := make([]float64, len(distinct))
		below := 0.0
		for g, c := range counts {
			mid[g] = below + float64(c)/2
			below += float64(c)
		}
		value = func(v float64) float64 {
			g, _ := slices.BinarySearch(distinct, v)
			return mid[g]
		}
	case Interval:
		// Interval alpha is unchanged by scaling every value by the same
		// factor; a power of two scales exactly and brings the largest
		// magnitude below 1, so that no square or sum overflows. The
		// ratio level is not scaled: a value far below the largest would
		// underflow to 0, and the ratio difference needs no scaling.
		_, exp := math.Frexp(math.Max(math.Abs(sorted[0]), math.Abs(sorted[n-1])))
		value = func(v float64) float64 { return math.Ldexp(v, -exp) }
	}

	var do, de float64
	switch level {
	case Nominal:
		// Ordered pairs of unequal values: m^2 - sum of count^2.
		de = unequalPairs(n, counts)
		buf, cs := make([]float64, longest), make([]int, longest)
		for _, vs := range units {
			if len(vs) >= 2 {
				_, ucs := unitRuns(vs, buf, cs)
				do += unequalPairs(len(vs), ucs) / float64(len(vs)-1)
			}
		}
	case Ordinal, Interval:
		// Ordered pairs within a group of m values add up to
		// sum (x_i - x_j)^2 = 2 m sum (x_i - mean)^2, taken about the mean
		// so that nothing cancels.
		all := make([]float64, n)
		for i, v := range sorted {
			all[i] = value(v)
		}
		de = squaredPairs(all)
		u := make([]float64, longest)
		for _, vs := range units {
			if len(vs) < 2 {
				continue
			}
			for i, v := range vs {
				u[i] = value(v)
			}
			do += squaredPairs(u[:len(vs)]) / float64(len(vs)-1)
		}
	case Ratio:
		// One pass sorts each unit once: it counts the unit's pairs of
		// distinct values and, while the count stays within the bound,
		// adds up their differences; past the bound it only counts, so
		// that the refusal can say how many pairs the data hold.
		work := pairsOf(len(distinct))
		buf, cs := make([]float64, longest), make([]int, longest)
		for _, vs := range units {
			if len(vs) < 2 {
				continue
			}
			uds, ucs := unitRuns(vs, buf, cs)
			work += pairsOf(len(uds))
			if work <= maxRatioPairs {
				do += ratioPairs(uds, ucs) / float64(len(vs)-1)
			}
		}
		if work > maxRatioPairs {
			return 0, inputErr(nil, callfloor.ErrOutOfRange, "units", msg.QaInputRatioPairs{Pairs: work, Max: maxRatioPairs})
		}
		de = ratioPairs(distinct, counts)
	}
	if de == 0 {
		return 0, ErrAlphaUndefined
	}
	return 1 - float64(n-1)*do/de, nil
}

// unitRuns copies the values of one unit into buf, sorts them and returns
// its distinct values, ascending, and how often each occurs. The distinct
// values share buf's array and the counts cs's, so that one pair of
// buffers serves every unit.
func unitRuns(vs, buf []float64, cs []int) ([]float64, []int) {
	u := append(buf[:0], vs...)
	slices.Sort(u)
	return runs(u, u[:0], cs[:0])
}

// runs appends the distinct values of sorted v to the empty ds, which may
// share v's array, and how often each occurs to the empty cs.
func runs(v []float64, ds []float64, cs []int) ([]float64, []int) {
	for _, x := range v {
		// Each distinct value is written at or before the place it is
		// read from, so a shared array is read before it is overwritten.
		if len(ds) == 0 || x != ds[len(ds)-1] {
			ds = append(ds, x)
			cs = append(cs, 0)
		}
		cs[len(cs)-1]++
	}
	return ds, cs
}

// unequalPairs counts the ordered pairs of unequal values among m values
// with the given counts per distinct value.
func unequalPairs(m int, counts []int) float64 {
	s := float64(m) * float64(m)
	for _, c := range counts {
		s -= float64(c) * float64(c)
	}
	return s
}

// squaredPairs is the sum over ordered pairs of v of (v_i - v_j)^2.
func squaredPairs(v []float64) float64 {
	var mean float64
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	var ss float64
	for _, x := range v {
		ss += (x - mean) * (x - mean)
	}
	return 2 * float64(len(v)) * ss
}

// ratioPairs is the sum over ordered pairs of values of the ratio
// difference ((c - k)/(c + k))^2, for distinct non-negative values ds in
// ascending order occurring cs times each. Of two distinct non-negative
// values the larger is positive, so the difference is never 0/0. The
// values are not scaled, so none underflows beside a huge one; the sum
// of two values overflows only when the larger exceeds half the largest
// float64, and such pairs take the same difference from the quotient t
// of the smaller by the larger, (1 - t)/(1 + t), which cannot overflow.
func ratioPairs(ds []float64, cs []int) float64 {
	// Values from huge on exceed half the largest float64.
	huge := sort.Search(len(ds), func(i int) bool { return ds[i] > math.MaxFloat64/2 })
	var s float64
	for a, small := range ds {
		var row float64
		for b := a + 1; b < huge; b++ {
			d := (ds[b] - small) / (ds[b] + small)
			row += float64(cs[b]) * d * d
		}
		for b := max(a+1, huge); b < len(ds); b++ {
			t := small / ds[b]
			d := (1 - t) / (1 + t)
			row += float64(cs[b]) * d * d
		}
		s += 2 * float64(cs[a]) * row
	}
	return s
}

func pairsOf(k int) int { return k * (k - 1) / 2 }
