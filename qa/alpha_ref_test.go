package qa

import (
	"fmt"
	"sort"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
)

// alphaDense is Krippendorff's alpha computed the way Krippendorff (2011)
// defines it: it builds the k x k coincidence matrix of the k distinct
// values, unit by unit, takes its marginals, and sums every cell times the
// level's difference function (the ordinal one summed over the marginals
// between the two values, at a cost of k^3). It shares nothing with Alpha
// but the input checks, and serves as the independent reference that
// Alpha is checked against on random data.
func alphaDense(level Level, units [][]float64) (float64, error) {
	switch level {
	case Nominal, Ordinal, Interval, Ratio:
	default:
		return 0, callfloor.NotSupported("level", "level", string(level), names(levels))
	}
	var vals []float64
	for u, vs := range units {
		for j, v := range vs {
			if !finite(v) {
				return 0, inputErr(nil, callfloor.ErrInvalid, fmt.Sprintf("units[%d][%d]", u, j), msg.QaInputNotFinite{Value: value(v)})
			}
			if level == Ratio && v < 0 {
				return 0, inputErr(nil, callfloor.ErrOutOfRange, fmt.Sprintf("units[%d][%d]", u, j), msg.QaInputNegativeRatio{Value: value(v)})
			}
			if len(vs) >= 2 {
				vals = append(vals, v)
			}
		}
	}
	if len(vals) == 0 {
		return 0, ErrAlphaUndefined
	}
	sort.Float64s(vals)
	distinct := vals[:1]
	for _, v := range vals[1:] {
		if v != distinct[len(distinct)-1] {
			distinct = append(distinct, v)
		}
	}
	k := len(distinct)
	if k == 1 {
		return 0, ErrAlphaUndefined
	}
	indexOf := func(v float64) int { return sort.SearchFloat64s(distinct, v) }

	o := make([]float64, k*k)
	counts := make([]int, k)
	for _, vs := range units {
		m := len(vs)
		if m < 2 {
			continue
		}
		for i := range counts {
			counts[i] = 0
		}
		for _, v := range vs {
			counts[indexOf(v)]++
		}
		w := 1 / float64(m-1)
		for c := 0; c < k; c++ {
			if counts[c] == 0 {
				continue
			}
			for kk := 0; kk < k; kk++ {
				if counts[kk] == 0 {
					continue
				}
				pairs := counts[c] * counts[kk]
				if c == kk {
					pairs = counts[c] * (counts[c] - 1)
				}
				o[c*k+kk] += float64(pairs) * w
			}
		}
	}
	nc := make([]float64, k)
	var n float64
	for c := 0; c < k; c++ {
		for kk := 0; kk < k; kk++ {
			nc[c] += o[c*k+kk]
		}
		n += nc[c]
	}
	delta := func(c, kk int) float64 {
		switch level {
		case Nominal:
			if c == kk {
				return 0
			}
			return 1
		case Ordinal:
			lo, hi := min(c, kk), max(c, kk)
			var s float64
			for g := lo; g <= hi; g++ {
				s += nc[g]
			}
			s -= (nc[lo] + nc[hi]) / 2
			return s * s
		case Interval:
			d := distinct[c] - distinct[kk]
			return d * d
		default:
			sum := distinct[c] + distinct[kk]
			if sum == 0 {
				return 0
			}
			d := (distinct[c] - distinct[kk]) / sum
			return d * d
		}
	}
	var do, de float64
	for c := 0; c < k; c++ {
		for kk := 0; kk < k; kk++ {
			if c == kk {
				continue
			}
			d := delta(c, kk)
			do += o[c*k+kk] * d
			de += nc[c] * nc[kk] * d
		}
	}
	if de == 0 {
		return 0, ErrAlphaUndefined
	}
	return 1 - (n-1)*do/de, nil
}
