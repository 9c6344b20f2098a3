package incentives

import (
	"encoding/json"
	"errors"
	"github.com/callfloor/callfloor"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func FuzzParsePolicy(f *testing.F) {
	for _, path := range []string{"default.yaml", "default.zh-CN.yaml", "testdata/small.yaml", "testdata/measured.yaml", "testdata/errors.yaml"} {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("version: v\ncurrency: EUR\nmetrics: [{name: x}]\nrewards: {rules: [{id: a, when: 'x > 1 ||', bonus: 1}]}\n"))
	f.Add([]byte("a: &a [*a]"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := ParsePolicy(src)
		if err != nil {
			var pe *callfloor.PolicyError
			if !errors.As(err, &pe) || len(pe.Problems) == 0 {
				t.Fatalf("error %v is not a *callfloor.PolicyError with problems", err)
			}
			if p != nil {
				t.Fatal("a policy and an error")
			}
			return
		}
		st, err := p.Evaluate(march, []AgentRecord{{ID: "a", Team: "t", Hired: hired(2020)}})
		if err != nil {
			return
		}
		checkStatementFor(t, st, p.discipline.withholdAwards)
		for _, l := range st.Lines {
			if p.RuleTitle(l.Rule()) == "" {
				t.Fatalf("no title for the line of %s", l.Rule())
			}
		}
	})
}

func FuzzEvaluate(f *testing.F) {
	seed, _ := json.Marshal(genAgents(5, 8))
	f.Add(seed, int64(-1), true)
	f.Add(seed, int64(100), false)
	f.Add([]byte(`[{"id":"a","team":"t","hired":"2020-01-01T00:00:00Z","metrics":{"csat":"NaN"}}]`), int64(0), true)
	f.Add([]byte(`[{"id":"a","team":"t","hired":"2020-01-01T00:00:00Z","metrics":{"complaints":-1},"violations":[{"id":"v","kind":"late","at":"2025-03-02T00:00:00Z"}]}]`), int64(5), true)
	f.Add([]byte(`[{"id":"a","team":"t"},{"id":"a","team":"t"}]`), int64(5), false)
	f.Add([]byte(`[{"id":"b","team":"t","hired":"2020-01-01T00:00:00Z","metrics":{"qa_avg":91,"complaints":0},"qa_evaluations":2,`+
		`"career":{"qa_average":90,"qa_evaluations":80,"metrics":{"csat":4.5}}},`+
		`{"id":"a","team":"u","hired":"2024-04-01T00:00:00Z","metrics":{"csat":4.9},"qa_dispute_open":true,"career":{"qa_average":3}}]`), int64(-1), true)
	f.Add([]byte(`[{"id":"a","team":"t","qa_evaluations":7,"metrics":{"qa_avg":96,"csat":4.9,"compliments":3,"complaints":0},`+
		`"violations":[{"id":"x","kind":"customer_data_leak","at":"2025-03-07T00:00:00Z"}]},`+
		`{"id":"b","team":"t","crisis":true,"metrics":{"qa_avg":91,"compliments":2},"violations":[{"id":"y","kind":"customer_data_leak","at":"2025-03-08T00:00:00Z"}]},`+
		`{"id":"c","team":"t","qa_dispute_open":true,"metrics":{"qa_avg":93,"csat":4.7},"discipline":[{"step":"verbal_warning","at":"2024-10-01T00:00:00Z"}],`+
		`"violations":[{"id":"r1","kind":"rude_to_customer","at":"2025-03-02T00:00:00Z"},{"id":"r2","kind":"rude_to_customer","at":"2025-03-09T00:00:00Z"}]}]`), int64(1000), true)
	f.Add([]byte(`[{"id":"a","team":"t","violations":[{"id":"h","kind":"rude_to_customer","at":"2025-03-02T00:00:00Z","interaction":"c1"},`+
		`{"id":"q","kind":"service_misconduct","at":"2025-03-03T00:00:00Z","interaction":"c1"},{"id":"e","kind":"customer_data_exposure","at":"2025-03-03T00:00:00Z","interaction":"c1","disputed":true},`+
		`{"id":"l","kind":"loud_or_private_chat","at":"2025-03-04T00:00:00Z","interaction":"c2"},{"id":"m","kind":"loud_or_private_chat","at":"2025-03-04T00:00:00Z"}]}]`), int64(-1), true)
	f.Add([]byte(`[{"id":"a","team":"t","exams_passed":["senior_exam","nope"],"metrics":{"compliments":1e19}}]`), int64(-1), true)
	f.Add([]byte(`[{"id":"a","team":"t","metrics":{"qa_avg":94.996,"compliments":12},"discipline":[{"step":"dismissal","at":"2025-01-02T00:00:00Z","violations":["x"]}]}]`), int64(-1), true)
	p := DefaultPolicy()
	f.Fuzz(func(t *testing.T, data []byte, budget int64, monthly bool) {
		var agents []AgentRecord
		if json.Unmarshal(data, &agents) != nil {
			return
		}
		per := march
		if !monthly {
			per = WeekOf(day(10))
		}
		if budget >= 0 {
			per.Budget = &budget
		}
		st, err := p.Evaluate(per, agents)
		if err != nil {
			var ie *callfloor.InputError
			if !errors.As(err, &ie) && !errors.Is(err, errOverflow) {
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
			return
		}
		checkStatement(t, st)
		// The order of the records changes nothing.
		slices.Reverse(agents)
		again, err := p.Evaluate(per, agents)
		if err != nil {
			t.Fatalf("the records in reverse order fail: %v", err)
		}
		j1, _ := json.Marshal(st)
		j2, _ := json.Marshal(again)
		if string(j1) != string(j2) {
			t.Fatal("the records in reverse order give another statement")
		}
	})
}

// FuzzPeriod holds WeekOf and MonthOf to periods that contain the instant
// they are given and that Evaluate takes, in every zone tried, and
// Evaluate to an error rather than a panic on any period.
func FuzzPeriod(f *testing.F) {
	zones := []string{"UTC", "Africa/Cairo", "America/Asuncion", "America/Havana", "Asia/Beirut", "America/Santiago", "Pacific/Apia", "Asia/Kathmandu", "Europe/London"}
	f.Add(int64(1777003200), uint8(1), "2026-W17", int64(0))
	f.Add(int64(1696132800), uint8(2), "2023-10", int64(3600))
	f.Add(int64(-62135596800), uint8(0), "", int64(-1))
	f.Add(int64(253402300799), uint8(6), "9999-12", int64(86400*31))
	p := DefaultPolicy()
	f.Fuzz(func(t *testing.T, unix int64, zone uint8, id string, span int64) {
		loc, err := time.LoadLocation(zones[int(zone)%len(zones)])
		if err != nil {
			t.Skip(err)
		}
		at := time.Unix(unix, 0).In(loc)
		for _, per := range []Period{WeekOf(at), MonthOf(at)} {
			if !per.Contains(at) {
				t.Fatalf("%s does not contain %s", per.ID, at)
			}
			if err := per.validate(); err != nil {
				var ie *callfloor.InputError
				outside := strings.Contains(err.Error(), "range a stored time can hold")
				// The zero time, a Monday and a first of the month, is
				// taken for a period left out.
				zero := per.Start.IsZero() && err.Error() == "period.start: is required"
				if !errors.As(err, &ie) || !(outside || zero) {
					t.Fatalf("%s: %v", per.ID, err)
				}
			}
		}
		// Any period at all is an error or a statement, never a panic.
		per := Period{Period: callfloor.Period{ID: id, Start: at, End: at.Add(time.Duration(span) * time.Second)}, Cadence: Monthly}
		if span%2 != 0 {
			per.Cadence = Weekly
		}
		_, _ = p.Evaluate(per, nil)
	})
}
