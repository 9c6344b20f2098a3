package bench

import (
	"fmt"
	"testing"
)

const records = 10_000

func engines(tb testing.TB) []struct {
	name string
	e    Engine
} {
	cf, err := NewCallfloor()
	if err != nil {
		tb.Fatal(err)
	}
	ex, err := NewExpr()
	if err != nil {
		tb.Fatal(err)
	}
	ce, err := NewCEL()
	if err != nil {
		tb.Fatal(err)
	}
	return []struct {
		name string
		e    Engine
	}{{"hand-written", Hand{}}, {"callfloor", cf}, {"expr", ex}, {"cel-go", ce}}
}

// checkAgreement fails unless every engine decides every record exactly as
// hand-written Go does; a benchmark of engines that disagree measures
// nothing.
func checkAgreement(tb testing.TB, recs []Record) {
	for _, eng := range engines(tb) {
		for i := range recs {
			got, err := eng.e.Eval(&recs[i])
			if err != nil {
				tb.Fatalf("%s, record %d: %v", eng.name, i, err)
			}
			if want := HandWritten(&recs[i]); got != want {
				tb.Fatalf("%s, record %d %+v: got %+v, hand-written gives %+v", eng.name, i, recs[i], got, want)
			}
		}
	}
}

func TestEnginesAgree(t *testing.T) {
	recs := Generate(records, 1)
	checkAgreement(t, recs)

	// The generated data must exercise every outcome, or agreement proves
	// little.
	var bonus, triage, discipline [5]int
	promote := 0
	for i := range recs {
		o := HandWritten(&recs[i])
		bonus[o.BonusTier]++
		triage[o.TriageTier]++
		discipline[o.DisciplineStep]++
		if o.Promote {
			promote++
		}
	}
	for tier := 0; tier <= 3; tier++ {
		if bonus[tier] == 0 || triage[tier] == 0 {
			t.Errorf("tier %d never occurs: bonus %v, triage %v", tier, bonus, triage)
		}
	}
	for step := 0; step <= 4; step++ {
		if discipline[step] == 0 {
			t.Errorf("discipline step %d never occurs: %v", step, discipline)
		}
	}
	if promote == 0 || promote == len(recs) {
		t.Errorf("promotion holds for %d of %d records", promote, len(recs))
	}
}

func TestCallfloorDoesNotAllocate(t *testing.T) {
	cf, err := NewCallfloor()
	if err != nil {
		t.Fatal(err)
	}
	recs := Generate(100, 2)
	i := 0
	allocs := testing.AllocsPerRun(1000, func() {
		if _, err := cf.Eval(&recs[i%len(recs)]); err != nil {
			t.Fatal(err)
		}
		i++
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per record", allocs)
	}
}

// BenchmarkRules evaluates the four rules per record with each engine, side
// by side; ns/op is per record.
func BenchmarkRules(b *testing.B) {
	recs := Generate(records, 1)
	checkAgreement(b, recs)
	for _, eng := range engines(b) {
		b.Run("engine="+eng.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := eng.e.Eval(&recs[i%len(recs)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func ExampleHandWritten() {
	recs := Generate(records, 1)
	var gold, severe, promote, dismiss int
	for i := range recs {
		o := HandWritten(&recs[i])
		if o.BonusTier == 3 {
			gold++
		}
		if o.TriageTier == 3 {
			severe++
		}
		if o.Promote {
			promote++
		}
		if o.DisciplineStep == 4 {
			dismiss++
		}
	}
	fmt.Printf("of %d agents: %d gold, %d severe, %d promotable, %d dismissals\n", len(recs), gold, severe, promote, dismiss)
	// Output:
	// of 10000 agents: 495 gold, 640 severe, 345 promotable, 247 dismissals
}

func TestCELSource(t *testing.T) {
	for in, want := range map[string]string{
		"qa_avg >= 95 && csat >= 4.6 && complaints == 0": "qa_avg >= 95.0 && csat >= 4.6 && complaints == 0.0",
		"phq9 >= 15 || gad7 >= 5":                        "phq9 >= 15.0 || gad7 >= 5.0",
		"violations_12m >= 1":                            "violations_12m >= 1.0",
	} {
		if got := CELSource(in); got != want {
			t.Errorf("CELSource(%q) = %q, want %q", in, got, want)
		}
	}
}
