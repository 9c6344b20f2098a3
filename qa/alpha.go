package qa

import (
	"errors"
	"fmt"
	"math"
	"slices"
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
// finite size are accepted: interval and ratio values are scaled by a
// power of two before they are squared, which changes no result and
// keeps every intermediate finite.
func Alpha(level Level, units [][]float64) (float64, error) {
	switch level {
	case Nominal, Ordinal, Interval, Ratio:
	default:
		return 0, inputErr("level", "unknown level %q; allowed: nominal, ordinal, interval, ratio", level)
	}
	n, longest := 0, 0
	for u, vs := range units {
		for j, v := range vs {
			if !finite(v) {
				return 0, inputErr(fmt.Sprintf("units[%d][%d]", u, j), "%v is not a finite value", v)
			}
			if level == Ratio && v < 0 {
				return 0, inputErr(fmt.Sprintf("units[%d][%d]", u, j), "%v is negative; ratio values start at 0", v)
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
	case Interval, Ratio:
		// Both levels are unchanged by scaling every value by the same
		// factor; a power of two scales exactly and brings the largest
		// magnitude below 1, so that no square or sum overflows.
		_, exp := math.Frexp(math.Max(math.Abs(sorted[0]), math.Abs(sorted[n-1])))
		value = func(v float64) float64 { return math.Ldexp(v, -exp) }
	}

	buf := make([]float64, longest)
	var do, de float64
	switch level {
	case Nominal:
		// Ordered pairs of unequal values: m^2 - sum of count^2.
		de = unequalPairs(n, counts)
		dbuf, cbuf := make([]float64, 0, longest), make([]int, 0, longest)
		for _, vs := range units {
			if len(vs) < 2 {
				continue
			}
			u := append(buf[:0], vs...)
			slices.Sort(u)
			dbuf, cbuf = runs(u, dbuf[:0], cbuf[:0])
			do += unequalPairs(len(vs), cbuf) / float64(len(vs)-1)
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
		for _, vs := range units {
			if len(vs) < 2 {
				continue
			}
			u := buf[:len(vs)]
			for i, v := range vs {
				u[i] = value(v)
			}
			do += squaredPairs(u) / float64(len(vs)-1)
		}
	case Ratio:
		dbuf, cbuf := make([]float64, 0, longest), make([]int, 0, longest)
		work := pairsOf(len(distinct))
		for _, vs := range units {
			if len(vs) < 2 {
				continue
			}
			u := append(buf[:0], vs...)
			slices.Sort(u)
			dbuf, cbuf = runs(u, dbuf[:0], cbuf[:0])
			work += pairsOf(len(dbuf))
		}
		if work > maxRatioPairs {
			return 0, inputErr("units", "the ratio level compares every pair of distinct values, and these data hold %d such pairs, more than the %d it computes; use the interval level, or round the values", work, maxRatioPairs)
		}
		scaled := make([]float64, len(distinct))
		for i, v := range distinct {
			scaled[i] = value(v)
		}
		de = ratioPairs(scaled, counts)
		for _, vs := range units {
			if len(vs) < 2 {
				continue
			}
			u := buf[:len(vs)]
			for i, v := range vs {
				u[i] = value(v)
			}
			slices.Sort(u)
			dbuf, cbuf = runs(u, dbuf[:0], cbuf[:0])
			do += ratioPairs(dbuf, cbuf) / float64(len(vs)-1)
		}
	}
	if de == 0 {
		return 0, ErrAlphaUndefined
	}
	return 1 - float64(n-1)*do/de, nil
}

// runs returns the distinct values of sorted v and how often each occurs,
// appended to ds and cs.
func runs(v []float64, ds []float64, cs []int) ([]float64, []int) {
	for i, x := range v {
		if i == 0 || x != v[i-1] {
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
// difference, for distinct values ds (below 1 in magnitude) occurring cs
// times each.
func ratioPairs(ds []float64, cs []int) float64 {
	var s float64
	for a := range ds {
		var row float64
		for b := a + 1; b < len(ds); b++ {
			sum := ds[a] + ds[b]
			if sum == 0 {
				continue
			}
			d := (ds[a] - ds[b]) / sum
			row += float64(cs[b]) * d * d
		}
		s += 2 * float64(cs[a]) * row
	}
	return s
}

func pairsOf(k int) int { return k * (k - 1) / 2 }
