package incentives

import (
	"math/rand/v2"
	"strconv"
	"time"
)

var march = MonthOf(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC))

func day(d int) time.Time { return time.Date(2025, 3, d, 10, 0, 0, 0, time.UTC) }

// genAgents builds n realistic agent records for the default policy from a
// fixed seed: teams of about 12, figures spread around the thresholds, a
// few disputes, crises and violations, and a career record behind most.
func genAgents(seed uint64, n int) []AgentRecord {
	r := rand.New(rand.NewPCG(seed, 7))
	kinds := []string{"late", "missed_shift", "hold_over_limit", "rude_to_customer", "customer_data_leak"}
	grades := []string{"", "junior", "intermediate", "senior", "team_lead"}
	out := make([]AgentRecord, n)
	for i := range out {
		a := &out[i]
		a.ID = "agent-" + strconv.Itoa(i)
		a.Team = "team-" + strconv.Itoa(i/12)
		a.Hired = time.Date(2015+r.IntN(10), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		a.Grade = grades[r.IntN(len(grades))]
		a.QAEvaluations = r.IntN(50)
		a.QADisputeOpen = r.IntN(40) == 0
		a.Crisis = r.IntN(200) == 0
		a.SevereTier = r.IntN(100) == 0
		if r.IntN(3) == 0 {
			a.ExamsPassed = []string{"intermediate_exam"}
		}
		a.Metrics = map[string]float64{
			"qa_avg":              float64(700+r.IntN(301)) / 10,
			"qa_improvement":      float64(r.IntN(201)-100) / 10,
			"csat":                float64(35+r.IntN(16)) / 10,
			"aht_seconds":         float64(150 + r.IntN(300)),
			"fcr":                 float64(60 + r.IntN(41)),
			"answered_in_3_rings": float64(85 + r.IntN(16)),
			"attendance":          float64(90 + r.IntN(11)),
			"adherence":           float64(90 + r.IntN(11)),
			"calls":               float64(200 + r.IntN(300)),
			"compliments":         float64(r.IntN(8)),
			"complaints":          float64(r.IntN(3)),
		}
		if evals := r.IntN(100); evals > 0 {
			a.Career = CareerRecord{QAAverage: float64(750+r.IntN(251)) / 10, QAEvaluations: evals,
				Metrics: map[string]float64{"csat": float64(38+r.IntN(13)) / 10, "fcr": float64(65 + r.IntN(36))}}
		}
		if r.IntN(10) == 0 {
			for k := 0; k < 1+r.IntN(3); k++ {
				a.Violations = append(a.Violations, Violation{ID: "v" + strconv.Itoa(k), Kind: kinds[r.IntN(len(kinds)-1)], At: day(1 + r.IntN(31)), Disputed: r.IntN(10) == 0})
			}
			if r.IntN(5) == 0 {
				a.Discipline = append(a.Discipline, PriorStep{Step: VerbalWarning, At: time.Date(2024, time.Month(1+r.IntN(12)), 5, 0, 0, 0, 0, time.UTC)})
			}
		}
	}
	return out
}
