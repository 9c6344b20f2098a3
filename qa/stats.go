package qa

import (
	"math"
	"sync"
)

// slack absorbs float rounding where a figure meets a threshold: a score
// that is 60 on paper may be 59.99999999999999 in float64, and it is at a
// pass mark of 60. It is far below any difference a person can see.
const slack = 1e-9

// atLeast reports whether v is at or above mark, up to rounding.
func atLeast(v, mark float64) bool { return v >= mark-slack }

// beyond reports whether v is above limit by more than rounding.
func beyond(v, limit float64) bool { return v > limit+slack }

// tTable caches the 0.975 quantiles for the small samples trends see most.
var tTable = sync.OnceValue(func() []float64 {
	t := make([]float64, 201)
	for df := 1; df < len(t); df++ {
		t[df] = tQuantile(0.975, float64(df))
	}
	return t
})

// tQuantile975 is the 0.975 quantile of Student's t distribution with df
// degrees of freedom, the multiplier of a two-sided 95 % confidence
// interval of a mean. It inverts the t distribution function, computed
// from the regularized incomplete beta function, by bisection to well
// below the precision of printed tables.
func tQuantile975(df int) float64 {
	if t := tTable(); df < len(t) {
		return t[df]
	}
	return tQuantile(0.975, float64(df))
}

// tQuantile returns t such that P(T <= t) = p for p in (0.5, 1).
func tQuantile(p, df float64) float64 {
	lo, hi := 0.0, 1.0
	for tCDF(hi, df) < p {
		lo, hi = hi, hi*2
	}
	for range 200 {
		mid := (lo + hi) / 2
		if tCDF(mid, df) < p {
			lo = mid
		} else {
			hi = mid
		}
		if hi-lo <= 1e-12*hi {
			break
		}
	}
	return (lo + hi) / 2
}

// tCDF is P(T <= t) for t >= 0: 1 - I_x(df/2, 1/2) / 2 with x = df/(df+t^2).
func tCDF(t, df float64) float64 {
	x := df / (df + t*t)
	return 1 - 0.5*regIncBeta(df/2, 0.5, x)
}

// regIncBeta is the regularized incomplete beta function I_x(a, b),
// evaluated by its continued fraction (modified Lentz), using the symmetry
// I_x(a, b) = 1 - I_{1-x}(b, a) where the fraction converges faster.
func regIncBeta(a, b, x float64) float64 {
	switch {
	case x <= 0:
		return 0
	case x >= 1:
		return 1
	}
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	lab, _ := math.Lgamma(a + b)
	front := math.Exp(lab - la - lb + a*math.Log(x) + b*math.Log1p(-x))
	if x < (a+1)/(a+b+2) {
		return front * betaFraction(a, b, x) / a
	}
	return 1 - front*betaFraction(b, a, 1-x)/b
}

func betaFraction(a, b, x float64) float64 {
	const tiny = 1e-300
	c, d := 1.0, 1-(a+b)*x/(a+1)
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	for m := 1; m <= 300; m++ {
		fm := float64(m)
		num := fm * (b - fm) * x / ((a + 2*fm - 1) * (a + 2*fm))
		d = 1 + num*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + num/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		h *= d * c
		num = -(a + fm) * (a + b + fm) * x / ((a + 2*fm) * (a + 2*fm + 1))
		d = 1 + num*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + num/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < 1e-15 {
			break
		}
	}
	return h
}

// meanCI returns the mean, the sample standard deviation and the t-based
// 95 % confidence interval of the mean, clipped to the score range 0..100;
// ok is false when n < 2 and there is no interval.
func meanCI(v []float64) (mean, sd, lo, hi float64, ok bool) {
	n := len(v)
	if n == 0 {
		return 0, 0, 0, 0, false
	}
	for _, x := range v {
		mean += x
	}
	mean /= float64(n)
	if n < 2 {
		return mean, 0, 0, 0, false
	}
	var ss float64
	for _, x := range v {
		ss += (x - mean) * (x - mean)
	}
	sd = math.Sqrt(ss / float64(n-1))
	half := tQuantile975(n-1) * sd / math.Sqrt(float64(n))
	return mean, sd, math.Max(0, mean-half), math.Min(100, mean+half), true
}
