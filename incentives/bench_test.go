package incentives

import "testing"

func BenchmarkEvaluate100k(b *testing.B) {
	p := DefaultPolicy()
	agents := genAgents(1, 100_000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Evaluate(march, agents); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvaluate100kPool(b *testing.B) {
	p := DefaultPolicy()
	agents := genAgents(1, 100_000)
	per := march
	budget := int64(500_000_000)
	per.Budget = &budget
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Evaluate(per, agents); err != nil {
			b.Fatal(err)
		}
	}
}
