package cond

import (
	"math"
	"strconv"
)

// DisplayDecimals is how many decimals a figure in a reason shows, unless
// that would misstate a comparison (see AppendFigure).
const DisplayDecimals = 2

// AppendFigure appends v rounded for people to read: to DisplayDecimals
// decimals, in the shortest form ("96.5", "4", "0.13"), or with as many
// more as it takes for the figure shown to compare with every threshold
// as v does. A reason never shows a figure that makes its condition look
// wrong: qa_avg 84.996 against "qa_avg >= 85" prints as 84.996, not 85,
// and 90.0001 against "qa_avg > 90" as 90.0001, while 85.4948 prints as
// 85.49. NaN prints as "NaN", infinities as "+Inf" and "-Inf", and
// figures of 10^15 or more in exponent form ("1e+300").
func AppendFigure(dst []byte, v float64, thresholds []float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) >= 1e15 {
		// Beyond 10^15 a double has no decimals to round.
		return strconv.AppendFloat(dst, v, 'g', -1, 64)
	}
	for d := DisplayDecimals; d <= 15; d++ {
		s := math.Pow(10, float64(d))
		r := math.Round(v*s) / s
		if math.IsInf(r, 0) || math.IsNaN(r) {
			break
		}
		if sameSides(r, v, thresholds) {
			if r == 0 {
				r = 0 // no "-0"
			}
			return strconv.AppendFloat(dst, r, 'f', -1, 64)
		}
	}
	// The shortest form that reads back as v itself compares as v does.
	return strconv.AppendFloat(dst, v, 'f', -1, 64)
}

// sameSides reports whether r lies on the same side of (or on) every
// threshold as v.
func sameSides(r, v float64, thresholds []float64) bool {
	for _, c := range thresholds {
		if sign(r-c) != sign(v-c) {
			return false
		}
	}
	return true
}

func sign(x float64) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}

// Thresholds returns the constants that the condition compares the metric
// in slot with, for AppendFigure; nil when it compares none.
func (x *Expr) Thresholds(slot int) []float64 {
	for i, s := range x.slots {
		if s == slot {
			return x.thresholds[i]
		}
	}
	return nil
}

// collectThresholds records, for each slot the expression reads (in the
// order of x.slots), the constants it is compared with, and the slots it
// is compared with.
func (x *Expr) collectThresholds(root node) {
	x.thresholds = make([][]float64, len(x.slots))
	x.peers = make([][]int, len(x.slots))
	index := func(slot int) int {
		for i, s := range x.slots {
			if s == slot {
				return i
			}
		}
		return -1
	}
	var walk func(n node)
	walk = func(n node) {
		switch n := n.(type) {
		case notNode:
			walk(n.inner)
		case andNode:
			for _, t := range n {
				walk(t)
			}
		case orNode:
			for _, t := range n {
				walk(t)
			}
		case cmpNode:
			i := index(n.a)
			if n.b < 0 {
				x.thresholds[i] = append(x.thresholds[i], n.c)
				return
			}
			j := index(n.b)
			x.peers[i] = append(x.peers[i], n.b)
			x.peers[j] = append(x.peers[j], n.a)
		}
	}
	walk(root)
}
