package qa

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"testing"
	"time"
)

func FuzzParsePolicy(f *testing.F) {
	for _, name := range []string{"testdata/small.yaml", "testdata/errors.yaml", "default.yaml"} {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte(""))
	f.Add([]byte("version: x\nscorecards: [{id: a, version: '1', pass_mark: 1, sections: [{id: s, weight: 1, items: [{id: i, text: t, type: scale, scale: {min: 1, max: 2}, good: g, fix: f}]}]}]"))
	f.Add([]byte("a: &a [*a]"))
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := ParsePolicy(src)
		if err != nil {
			var pe *PolicyError
			if !errors.As(err, &pe) || len(pe.Problems) == 0 {
				t.Fatalf("error %v is not a PolicyError with problems", err)
			}
			if p != nil {
				t.Fatal("a policy alongside an error")
			}
			return
		}
		if len(p.Scorecards()) == 0 {
			t.Fatal("a policy without scorecards compiled")
		}
		for _, sc := range p.Scorecards() {
			// An evaluation with every item at full marks always scores.
			ev := Evaluation{Source: QA}
			for _, it := range sc.Items() {
				ev.Answers = append(ev.Answers, Answer{Item: it.ID, Value: float64(it.Max)})
			}
			r, err := sc.Score(ev)
			if err != nil {
				t.Fatalf("full marks on %s: %v", sc.ID(), err)
			}
			if r.Score != 100 && math.Abs(r.Score-100) > 1e-9 {
				t.Fatalf("full marks scored %v", r.Score)
			}
		}
	})
}

// FuzzScore feeds the small scorecard answers decoded from fuzzed JSON.
func FuzzScore(f *testing.F) {
	seed, _ := json.Marshal(smallEval().Answers)
	f.Add(seed, "qa")
	f.Add([]byte(`[{"item":"voice","value":3},{"item":"hold","na":true}]`), "peer")
	f.Add([]byte(`[{"item":"voice","value":1e308}]`), "lead")
	f.Add([]byte(`[]`), "")
	sc := smallCard(f)
	p := sc.Policy()
	f.Fuzz(func(t *testing.T, answers []byte, source string) {
		var as []Answer
		if json.Unmarshal(answers, &as) != nil {
			return
		}
		// JSON cannot carry NaN; put one in when the fuzzer asks for value 7.
		for i := range as {
			if as[i].Value == 7 {
				as[i].Value = math.NaN()
			}
		}
		r, err := sc.Score(Evaluation{Source: Source(source), Answers: as, At: t0})
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field == "" {
				t.Fatalf("error %v is not an InputError naming a field", err)
			}
			return
		}
		if !(r.Score >= 0 && r.Score <= 100) || !(r.RawScore >= 0 && r.RawScore <= 100+1e-9) {
			t.Fatalf("score %v raw %v out of range", r.Score, r.RawScore)
		}
		if r.Score > r.RawScore+1e-9 {
			t.Fatalf("critical failures raised the score: %v > %v", r.Score, r.RawScore)
		}
		var lost float64
		for _, d := range r.Deductions {
			lost += d.Lost
		}
		if math.Abs(lost-(100-r.RawScore)) > 1e-6 {
			t.Fatalf("deductions lose %v, raw score %v", lost, r.RawScore)
		}
		if r.Passed && (r.Score < r.PassMark || len(r.CriticalFailed) > 0 && r.Score == 0) {
			t.Fatalf("passed with %v", r.Score)
		}
		if _, err := p.Feedback(r); err != nil {
			t.Fatalf("feedback on a scored result: %v", err)
		}
	})
}

// FuzzAlpha checks that alpha never panics and stays at most 1.
func FuzzAlpha(f *testing.F) {
	f.Add([]byte{1, 1, 1, 2, 2, 3, 2, 0, 4, 4}, uint8(0))
	f.Add([]byte{0, 1, 0, 1}, uint8(1))
	f.Add([]byte{}, uint8(3))
	levels := []Level{Nominal, Ordinal, Interval, Ratio}
	f.Fuzz(func(t *testing.T, data []byte, level uint8) {
		// Each byte's high bits end the current unit; low bits are the value.
		var units [][]float64
		cur := []float64{}
		for _, b := range data {
			cur = append(cur, float64(b&7))
			if b&0x80 != 0 {
				units = append(units, cur)
				cur = []float64{}
			}
		}
		units = append(units, cur)
		a, err := Alpha(levels[int(level)%len(levels)], units)
		if err != nil {
			if !errors.Is(err, ErrAlphaUndefined) {
				t.Fatal(err)
			}
			return
		}
		if math.IsNaN(a) || a > 1+1e-9 {
			t.Fatalf("alpha %v", a)
		}
	})
}

// FuzzDispute applies fuzzed events to a dispute; any accepted result
// must round-trip through JSON.
func FuzzDispute(f *testing.F) {
	f.Add("d1", "decide", "rev", "voice", "overturned", 4.0, false, int64(3600))
	f.Add("r1", "raise", "ana", "greet", "", 0.0, false, int64(0))
	f.Add("w", "withdraw", "ana", "", "", 0.0, false, int64(-5))
	p := loadPolicy(f, "small.yaml")
	d0, err := p.OpenDispute(disputedEval(), raise(t0.Add(time.Hour), DisputeItemEvent{Item: "voice", Reason: "noise"}, DisputeItemEvent{Item: "argue", Reason: "calm"}))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, id, kind, by, item, decision string, value float64, na bool, secs int64) {
		e := DisputeEvent{ID: id, Kind: EventKind(kind), At: t0.Add(time.Duration(secs) * time.Second), By: by,
			Items: []DisputeItemEvent{{Item: item, Decision: Decision(decision), Rationale: "r", Value: value, NA: na}}}
		d, err := p.Apply(d0, e)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an InputError", err)
			}
			return
		}
		if len(d.Versions) < 1 || d.Current().Score < 0 || d.Current().Score > 100 {
			t.Fatalf("bad versions %+v", d.Versions)
		}
		b, err := json.Marshal(d)
		if err != nil {
			if math.IsNaN(value) || math.IsInf(value, 0) {
				t.Fatalf("a non-finite value was accepted: %v", value)
			}
			t.Fatal(err)
		}
		var back Dispute
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzTrends feeds scores built from fuzzed bytes.
func FuzzTrends(f *testing.F) {
	f.Add([]byte{10, 200, 30, 90, 90, 90, 250, 1})
	f.Add([]byte{})
	p := DefaultPolicy()
	ps := months(4)
	f.Fuzz(func(t *testing.T, data []byte) {
		var in TrendInput
		in.Periods = ps
		for i := 0; i+2 < len(data); i += 3 {
			in.Scores = append(in.Scores, ScorePoint{
				Agent: string(rune('a' + data[i]%5)),
				At:    jan.Add(time.Duration(data[i+1]) * 12 * time.Hour),
				Score: float64(data[i+2]) / 2,
			})
		}
		rep, err := p.Trends(in)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatal(err)
			}
			return
		}
		for _, tr := range rep.Trends {
			for _, st := range tr.Periods {
				if st.HasCI && (st.CILow > st.Mean+1e-9 || st.CIHigh < st.Mean-1e-9) {
					t.Fatalf("interval %v..%v misses the mean %v", st.CILow, st.CIHigh, st.Mean)
				}
			}
		}
	})
}
