package qa

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// krippendorffC is the reliability data of Krippendorff, "Computing
// Krippendorff's Alpha-Reliability" (2011), section C ("nominal data, any
// number of observers, missing data"): 4 observers, 12 units, written here
// unit by unit with the missing values left out.
//
//	unit:  1 2 3 4 5 6 7 8 9 10 11 12
//	A:     1 2 3 3 2 1 4 1 2 .  .  .
//	B:     1 2 3 3 2 2 4 1 2 5  .  3
//	C:     . 3 3 3 2 3 4 2 2 5  1  .
//	D:     1 2 3 3 2 4 4 1 2 5  1  .
var krippendorffC = [][]float64{
	{1, 1, 1}, {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3}, {2, 2, 2, 2}, {1, 2, 3, 4},
	{4, 4, 4, 4}, {1, 1, 2, 1}, {2, 2, 2, 2}, {5, 5, 5}, {1, 1}, {3},
}

// wikipediaData is the example of the Wikipedia article "Krippendorff's
// alpha" (3 coders, 15 units, missing data), whose nominal and interval
// values are also asserted by the fast-krippendorff package's tests
// (tests/test_krippendorff.py: 0.691358 and 0.810845).
var wikipediaData = [][]float64{
	{}, {}, {2, 2}, {1, 1}, {3, 3}, {3, 3, 4}, {4, 4, 4}, {1, 3}, {2, 2}, {1, 1}, {1, 1}, {3, 3}, {3, 3}, {}, {3, 4},
}

func TestAlphaPublishedExamples(t *testing.T) {
	tests := []struct {
		source string
		level  Level
		data   [][]float64
		want   float64
		places float64
	}{
		// Krippendorff (2011), section C, the nominal result: alpha = 0.743.
		{"Krippendorff 2011 section C, nominal", Nominal, krippendorffC, 0.743, 3},
		// Krippendorff (2011) reports the same data at the other levels:
		// ordinal 0.815, interval 0.849, ratio 0.797. The ordinal and
		// ratio values are also asserted by fast-krippendorff's tests.
		{"Krippendorff 2011 section C, ordinal", Ordinal, krippendorffC, 0.815, 3},
		{"Krippendorff 2011 section C, interval", Interval, krippendorffC, 0.849, 3},
		{"Krippendorff 2011 section C, ratio", Ratio, krippendorffC, 0.797, 3},
		// Krippendorff (2011), section A: binary data, two observers, ten
		// units, no missing data: alpha = 0.095.
		//   A: 0 1 0 0 0 0 0 0 1 0
		//   B: 1 1 1 0 0 1 0 0 0 0
		{"Krippendorff 2011 section A, binary", Nominal,
			[][]float64{{0, 1}, {1, 1}, {0, 1}, {0, 0}, {0, 0}, {0, 1}, {0, 0}, {0, 0}, {1, 0}, {0, 0}}, 0.095, 3},
		{"Wikipedia example, nominal", Nominal, wikipediaData, 0.691358, 6},
		{"Wikipedia example, interval", Interval, wikipediaData, 0.810845, 6},
	}
	for _, tc := range tests {
		t.Run(tc.source, func(t *testing.T) {
			got, err := Alpha(tc.level, tc.data)
			require.NoError(t, err)
			scale := math.Pow(10, tc.places)
			assert.Equal(t, tc.want, math.Round(got*scale)/scale, "alpha %v", got)
		})
	}
}

func TestAlphaEdges(t *testing.T) {
	got, err := Alpha(Nominal, [][]float64{{1, 1}, {2, 2}, {3, 3}})
	require.NoError(t, err)
	assert.Equal(t, 1.0, got, "perfect agreement over several values is 1")

	_, err = Alpha(Nominal, [][]float64{{1, 1}, {1, 1}})
	assert.ErrorIs(t, err, ErrAlphaUndefined, "a single value everywhere leaves alpha 0/0")
	_, err = Alpha(Ordinal, [][]float64{{1}, {2}})
	assert.ErrorIs(t, err, ErrAlphaUndefined, "no unit has two values")
	_, err = Alpha(Nominal, nil)
	assert.ErrorIs(t, err, ErrAlphaUndefined)

	// Systematic disagreement drives alpha below zero.
	got, err = Alpha(Nominal, [][]float64{{0, 1}, {1, 0}, {0, 1}, {1, 0}})
	require.NoError(t, err)
	assert.Less(t, got, 0.0)

	_, err = Alpha(Interval, [][]float64{{1, math.NaN()}})
	assert.EqualError(t, err, "units[0][1]: NaN is not a finite value")
	_, err = Alpha(Ratio, [][]float64{{1, -2}})
	assert.EqualError(t, err, "units[0][1]: -2 is negative; ratio values start at 0")
	_, err = Alpha("cardinal", nil)
	assert.EqualError(t, err, `level: unknown level "cardinal"; allowed: nominal, ordinal, interval, ratio`)
}

func TestTQuantile(t *testing.T) {
	// Two-sided 95 % critical values of Student's t, as printed in every
	// statistics table (e.g. NIST/SEMATECH e-Handbook of Statistical
	// Methods, section 1.3.6.7.2, column 0.975), to three decimals.
	table := map[int]float64{
		1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262,
		10: 2.228, 15: 2.131, 20: 2.086, 25: 2.060, 30: 2.042, 40: 2.021, 60: 2.000, 100: 1.984,
	}
	for df, want := range table {
		assert.Equal(t, want, math.Round(tQuantile975(df)*1000)/1000, "df %d", df)
	}
	// Beyond the cached table the quantile is computed directly and tends
	// to the normal 1.960.
	assert.Equal(t, 1.960, math.Round(tQuantile975(100000)*1000)/1000)
	assert.InDelta(t, 12.7062047, tQuantile975(1), 1e-6, "df 1 is tan(0.475 pi)")
	assert.InDelta(t, 12.7062047, math.Tan(0.475*math.Pi), 1e-6)
	assert.InDelta(t, 4.30265273, tQuantile975(2), 1e-7, "df 2 has the closed form 2p-1 / sqrt(2p(1-p))")
}

func TestMeanCI(t *testing.T) {
	m, sd, lo, hi, ok := meanCI([]float64{80, 90})
	require.True(t, ok)
	assert.Equal(t, 85.0, m)
	assert.InDelta(t, math.Sqrt(50), sd, 1e-12)
	half := 12.7062047 * math.Sqrt(50) / math.Sqrt(2)
	assert.InDelta(t, 85-half, lo, 1e-5)
	assert.Equal(t, 100.0, hi, "clipped to the score range")

	m, _, _, _, ok = meanCI([]float64{70})
	assert.False(t, ok, "one score has no interval")
	assert.Equal(t, 70.0, m)
}

// randomUnits draws reliability data: units of one to six values, some
// units left unpairable, values drawn from k distinct values (all distinct
// when k is 0), and nonnegative when ratio data are needed.
func randomUnits(rng *rand.Rand, units, k int, nonNegative bool) [][]float64 {
	out := make([][]float64, units)
	for u := range out {
		m := 1 + rng.IntN(6)
		for range m {
			var v float64
			if k > 0 {
				v = float64(rng.IntN(k)) * 1.5
			} else {
				v = rng.NormFloat64() * 1e3
			}
			if nonNegative {
				v = math.Abs(v)
			}
			out[u] = append(out[u], v)
		}
	}
	return out
}

func TestAlphaAgreesWithCoincidenceMatrix(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		level := []Level{Nominal, Ordinal, Interval, Ratio}[trial%4]
		k := []int{0, 2, 3, 5, 12, 40}[trial%6]
		units := randomUnits(rng, 1+rng.IntN(60), k, level == Ratio)
		want, werr := alphaDense(level, units)
		got, err := Alpha(level, units)
		if werr != nil {
			require.ErrorIs(t, err, werr, "trial %d", trial)
			continue
		}
		require.NoError(t, err, "trial %d", trial)
		require.InDelta(t, 0, (got-want)/math.Max(1, math.Abs(want)), 1e-9, "trial %d, %s: got %v want %v", trial, level, got, want)
	}
}

func TestAlphaHugeAndTinyValues(t *testing.T) {
	// The squares of these values overflow float64: interval alpha is
	// computed on them scaled by a power of two, which is exact and
	// changes no result, so they give what the same data at a human scale
	// give.
	huge := [][]float64{{1e308, -1e308}, {1e308, 1e308}}
	human := [][]float64{{1, -1}, {1, 1}}
	want, err := Alpha(Interval, human)
	require.NoError(t, err)
	assert.Equal(t, 0.0, want, "1 - (n-1) * D_o / D_e = 1 - 3 * 8 / 24")
	got, err := Alpha(Interval, huge)
	require.NoError(t, err, "overflowing squares are not an error: the values are scaled first")
	assert.InDelta(t, want, got, 1e-15)

	const sub = math.SmallestNonzeroFloat64
	tests := []struct {
		level Level
		data  [][]float64
		human [][]float64
	}{
		{Interval, [][]float64{{1e308, 1.5e308}, {-1.7e308, 1.7e308}, {4e-320, 1e308}}, nil},
		{Ratio, [][]float64{{1.7e308, 1.6e308}, {1.7e308, 0}, {1e308, 1.7e308}}, [][]float64{{1.7, 1.6}, {1.7, 0}, {1, 1.7}}},
		// Multiples of the smallest subnormal are exact.
		{Ratio, [][]float64{{4000 * sub, 3000 * sub}, {sub, 4000 * sub}}, [][]float64{{4000, 3000}, {1, 4000}}},
		{Interval, [][]float64{{3 * sub, sub}, {sub, 0}}, [][]float64{{3, 1}, {1, 0}}},
	}
	for i, tc := range tests {
		got, err := Alpha(tc.level, tc.data)
		require.NoError(t, err, "case %d", i)
		assert.False(t, math.IsNaN(got) || math.IsInf(got, 0), "case %d: %v", i, got)
		if tc.human != nil {
			want, err := Alpha(tc.level, tc.human)
			require.NoError(t, err)
			assert.InDelta(t, want, got, 1e-9, "case %d: the same data at a human scale", i)
		}
	}

	// Ratio data mixing values near the largest float64 with values near
	// the smallest: scaled together, the small values would underflow to
	// 0 and give 4/9. The exact alpha comes from the definition evaluated
	// in big.Float, whose exponent range holds every value and every
	// quotient.
	ratio := []struct {
		name  string
		data  [][]float64
		exact float64
	}{
		{"huge beside normal tiny", [][]float64{{1e-300, 2e-300}, {1e308, 1e308}, {1e-300, 1e308}}, 0.3975903614457831},
		{"large beside subnormal", [][]float64{{1e-310, 3e-310}, {1e300, 1e300}, {2e-310, 1e300}}, 0.33518496631603834},
	}
	for _, tc := range ratio {
		t.Run(tc.name, func(t *testing.T) {
			exact := ratioAlphaExact(tc.data)
			require.InDelta(t, 0, (exact-tc.exact)/tc.exact, 1e-12, "the big.Float definition gives %v", exact)
			got, err := Alpha(Ratio, tc.data)
			require.NoError(t, err)
			assert.InDelta(t, 0, (got-exact)/exact, 1e-12, "got %v, exact %v", got, exact)
		})
	}
}

// ratioAlphaExact is ratio alpha straight from its definition over the
// pairs of values, each difference and sum in 256-bit big.Float so that
// no value overflows or underflows: D_o sums ((c - k)/(c + k))^2 over the
// ordered pairs within each unit divided by m_u - 1, D_e over the ordered
// pairs of all pairable values, and alpha = 1 - (n - 1) D_o / D_e.
func ratioAlphaExact(units [][]float64) float64 {
	const prec = 256
	diff := func(c, k float64) *big.Float {
		bc, bk := big.NewFloat(c).SetPrec(prec), big.NewFloat(k).SetPrec(prec)
		sum := new(big.Float).SetPrec(prec).Add(bc, bk)
		if sum.Sign() == 0 {
			return new(big.Float).SetPrec(prec)
		}
		d := new(big.Float).SetPrec(prec).Sub(bc, bk)
		d.Quo(d, sum)
		return d.Mul(d, d)
	}
	pairSum := func(vs []float64) *big.Float {
		s := new(big.Float).SetPrec(prec)
		for i := range vs {
			for j := range vs {
				if i != j {
					s.Add(s, diff(vs[i], vs[j]))
				}
			}
		}
		return s
	}
	var all []float64
	do := new(big.Float).SetPrec(prec)
	for _, vs := range units {
		if len(vs) < 2 {
			continue
		}
		all = append(all, vs...)
		w := pairSum(vs)
		do.Add(do, w.Quo(w, big.NewFloat(float64(len(vs)-1))))
	}
	de := pairSum(all)
	r := new(big.Float).SetPrec(prec).Mul(big.NewFloat(float64(len(all)-1)), do)
	r.Quo(r, de)
	alpha, _ := r.Sub(big.NewFloat(1), r).Float64()
	return alpha
}

func TestAlphaRatioBound(t *testing.T) {
	units := func(distinct int) [][]float64 {
		out := make([][]float64, distinct/2)
		for u := range out {
			out[u] = []float64{float64(2 * u), float64(2*u + 1)}
		}
		return out
	}
	// 10,000 distinct values hold 49,995,000 pairs, within the bound; the
	// units add one pair each.
	_, err := Alpha(Ratio, units(10_000))
	require.NoError(t, err)
	_, err = Alpha(Ratio, units(10_002))
	assert.EqualError(t, err, "units: the ratio level compares every pair of distinct values, and these data hold 50020002 such pairs, more than the 50000000 it computes; use the interval level, or round the values")
	// Repeated values cost nothing more: only distinct values are paired.
	many := make([][]float64, 50_000)
	for u := range many {
		many[u] = []float64{float64(u % 7), float64(u % 5)}
	}
	_, err = Alpha(Ratio, many)
	require.NoError(t, err)
}
