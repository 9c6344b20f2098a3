package qa

import (
	"fmt"
	"testing"
)

func BenchmarkScore20Items(b *testing.B) {
	sc := wideCard(b, 20)
	ev := wideEval(sc, 3)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := sc.Score(ev); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCalibrate10Evaluators50Items(b *testing.B) {
	sc := wideCard(b, 50)
	cs := CalibrationSession{ID: "bench"}
	for e := 0; e < 10; e++ {
		ev := wideEval(sc, 2+e%4)
		ev.Evaluator = fmt.Sprintf("ev%02d", e)
		cs.Evaluations = append(cs.Evaluations, ev)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := sc.Calibrate(cs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseDefaultPolicy(b *testing.B) {
	src := DefaultPolicySource()
	b.ReportAllocs()
	for range b.N {
		if _, err := ParsePolicy(src); err != nil {
			b.Fatal(err)
		}
	}
}
