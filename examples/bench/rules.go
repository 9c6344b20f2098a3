package bench

import "math/rand/v2"

// A Record is one agent's figures for a period: what a host hands a rules
// engine.
type Record struct {
	QAAvg         float64 `expr:"qa_avg"`
	CSAT          float64 `expr:"csat"`
	Complaints    float64 `expr:"complaints"`
	PHQ9          float64 `expr:"phq9"`
	GAD7          float64 `expr:"gad7"`
	TenureMonths  float64 `expr:"tenure_months"`
	QAEvals       float64 `expr:"qa_evals"`
	ExamPassed    float64 `expr:"exam_passed"`
	FinalWarning  float64 `expr:"final_warning"`
	Violations12m float64 `expr:"violations_12m"`
}

// An Outcome is what the four rules decide for one record.
type Outcome struct {
	BonusTier      int  // 0 none, 1 bronze, 2 silver, 3 gold
	TriageTier     int  // 0 normal, 1 mild, 2 moderate, 3 severe
	Promote        bool // meets every requirement of the next grade
	DisciplineStep int  // 0 none, 1 verbal, 2 written, 3 final warning, 4 dismissal
}

// The four rules, as callfloor conditions. Each tiered rule lists its
// tiers from the highest; the first that holds wins.
var (
	BonusTiers = []string{
		"qa_avg >= 95 && csat >= 4.6 && complaints == 0",
		"qa_avg >= 90 && csat >= 4.3 && complaints <= 1",
		"qa_avg >= 85 && csat >= 4.0",
	}
	TriageTiers = []string{
		"phq9 >= 15 || gad7 >= 15",
		"phq9 >= 10 || gad7 >= 10",
		"phq9 >= 5 || gad7 >= 5",
	}
	PromotionCheck  = "tenure_months >= 12 && qa_evals >= 20 && qa_avg >= 90 && csat >= 4.3 && exam_passed == 1 && final_warning == 0"
	DisciplineSteps = []string{"violations_12m >= 4", "violations_12m >= 3", "violations_12m >= 2", "violations_12m >= 1"}
	MetricNames     = []string{"qa_avg", "csat", "complaints", "phq9", "gad7", "tenure_months", "qa_evals", "exam_passed", "final_warning", "violations_12m"}
)

// Values lays a record out in the slot order of MetricNames.
func (r *Record) Values(dst []float64) {
	dst[0], dst[1], dst[2], dst[3], dst[4] = r.QAAvg, r.CSAT, r.Complaints, r.PHQ9, r.GAD7
	dst[5], dst[6], dst[7], dst[8], dst[9] = r.TenureMonths, r.QAEvals, r.ExamPassed, r.FinalWarning, r.Violations12m
}

// HandWritten is the same four rules written directly in Go: the floor any
// engine is measured against.
func HandWritten(r *Record) Outcome {
	var o Outcome
	switch {
	case r.QAAvg >= 95 && r.CSAT >= 4.6 && r.Complaints == 0:
		o.BonusTier = 3
	case r.QAAvg >= 90 && r.CSAT >= 4.3 && r.Complaints <= 1:
		o.BonusTier = 2
	case r.QAAvg >= 85 && r.CSAT >= 4.0:
		o.BonusTier = 1
	}
	switch {
	case r.PHQ9 >= 15 || r.GAD7 >= 15:
		o.TriageTier = 3
	case r.PHQ9 >= 10 || r.GAD7 >= 10:
		o.TriageTier = 2
	case r.PHQ9 >= 5 || r.GAD7 >= 5:
		o.TriageTier = 1
	}
	o.Promote = r.TenureMonths >= 12 && r.QAEvals >= 20 && r.QAAvg >= 90 && r.CSAT >= 4.3 && r.ExamPassed == 1 && r.FinalWarning == 0
	switch {
	case r.Violations12m >= 4:
		o.DisciplineStep = 4
	case r.Violations12m >= 3:
		o.DisciplineStep = 3
	case r.Violations12m >= 2:
		o.DisciplineStep = 2
	case r.Violations12m >= 1:
		o.DisciplineStep = 1
	}
	return o
}

// Generate makes n records from a fixed seed, spread so that every tier of
// every rule occurs.
func Generate(n int, seed uint64) []Record {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	// skewed draws most values from [0, common) and one in rare from the
	// whole [0, max): most agents screen low and break no rule.
	skewed := func(common, max, rare int) float64 {
		if rng.IntN(rare) == 0 {
			return float64(rng.IntN(max))
		}
		return float64(rng.IntN(common))
	}
	recs := make([]Record, n)
	for i := range recs {
		recs[i] = Record{
			QAAvg:         float64(70 + rng.IntN(31)),
			CSAT:          float64(35+rng.IntN(16)) / 10,
			Complaints:    skewed(1, 4, 4),
			PHQ9:          skewed(8, 28, 12),
			GAD7:          skewed(7, 22, 12),
			TenureMonths:  float64(rng.IntN(48)),
			QAEvals:       float64(rng.IntN(40)),
			ExamPassed:    float64(rng.IntN(2)),
			FinalWarning:  skewed(1, 2, 10),
			Violations12m: skewed(1, 5, 8),
		}
	}
	return recs
}
