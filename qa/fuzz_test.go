package qa

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
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
			var pe *callfloor.PolicyError
			if !errors.As(err, &pe) || len(pe.Problems) == 0 {
				t.Fatalf("error %v is not a *callfloor.PolicyError with problems", err)
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
	// The default inbound card lists forbidden phrases an answer ticks.
	in, _ := DefaultPolicy().Scorecard("inbound_service")
	ticked, _ := json.Marshal(perfectBut(in, map[string]Answer{"no_forbidden_phrases": {Phrases: []string{"Calm down.", "I don't know."}}}).Answers)
	f.Add(ticked, "qa")
	f.Add([]byte(`[{"item":"no_forbidden_phrases","value":1,"phrases":["Calm down.","Calm down."]}]`), "qa")
	sc := smallCard(f)
	p := sc.Policy()
	f.Fuzz(func(t *testing.T, answers []byte, source string) {
		var as []Answer
		if json.Unmarshal(answers, &as) != nil {
			return
		}
		if r, err := in.Score(Evaluation{Source: Source(source), Answers: as, At: t0}); err != nil {
			asInputError(t, err)
		} else if _, err := in.Policy().Feedback(r); err != nil {
			t.Fatalf("feedback on a scored result: %v", err)
		}
		// JSON cannot carry NaN; put one in when the fuzzer asks for value 7.
		for i := range as {
			if as[i].Value == 7 {
				as[i].Value = math.NaN()
			}
		}
		r, err := sc.Score(Evaluation{Source: Source(source), Answers: as, At: t0})
		if err != nil {
			var ie *callfloor.InputError
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
		if math.Abs(lost-(100-r.Score)) > 1e-6 {
			t.Fatalf("deductions lose %v, score %v", lost, r.Score)
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
		e := DisputeEvent{ID: id, Type: EventType(kind), At: t0.Add(time.Duration(secs) * time.Second), By: by,
			Items: []DisputeItemEvent{{Item: item, Decision: Decision(decision), Rationale: "r", Value: value, NA: na}}}
		d, err := p.Apply(d0, e)
		if err != nil {
			var ie *callfloor.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an *callfloor.InputError", err)
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
				Held:  data[i]&0x80 != 0,
			})
		}
		rep, err := p.Trends(in)
		if err != nil {
			var ie *callfloor.InputError
			if !errors.As(err, &ie) {
				t.Fatal(err)
			}
			return
		}
		held := 0
		for _, s := range in.Scores {
			if s.Held && periodOf(in.Periods, s.At) >= 0 {
				held++
			}
		}
		for _, tr := range rep.Trends {
			for _, st := range tr.Periods {
				if st.HasCI && (st.CILow > st.Mean+1e-9 || st.CIHigh < st.Mean-1e-9) {
					t.Fatalf("interval %v..%v misses the mean %v", st.CILow, st.CIHigh, st.Mean)
				}
				held -= st.Held
			}
		}
		if held != 0 {
			t.Fatalf("%d held scores in the periods are not counted as held", held)
		}
		// Split by agent, the trends and the merged improvers are the
		// center's.
		var parts [2]TrendInput
		for _, s := range in.Scores {
			k := int(s.Agent[0]) % 2
			parts[k].Periods = in.Periods
			parts[k].Scores = append(parts[k].Scores, s)
		}
		var trends []Trend
		var lists [][]Improver
		for _, part := range parts {
			if part.Periods == nil {
				continue
			}
			r, err := p.Trends(part)
			if err != nil {
				t.Fatal(err)
			}
			trends = append(trends, r.Trends...)
			lists = append(lists, r.Improvers)
		}
		slices.SortFunc(trends, func(a, b Trend) int { return strings.Compare(a.Agent, b.Agent) })
		if mustJSON(t, trends) != mustJSON(t, rep.Trends) {
			t.Fatalf("trends per partition differ:\n%s\n%s", mustJSON(t, trends), mustJSON(t, rep.Trends))
		}
		merged, err := p.MergeImprovers(lists...)
		if err != nil {
			t.Fatal(err)
		}
		if mustJSON(t, merged) != mustJSON(t, rep.Improvers) {
			t.Fatalf("merged improvers differ:\n%s\n%s", mustJSON(t, merged), mustJSON(t, rep.Improvers))
		}
	})
}

// FuzzMergeImprovers merges lists of improvers built from fuzzed bytes,
// in two orders, and checks the ranking is the same, ordered, and cut
// after the top and its ties.
func FuzzMergeImprovers(f *testing.F) {
	f.Add([]byte{0, 10, 1, 20, 2, 20, 3, 20, 4, 5, 5, 30}, uint8(2))
	f.Add([]byte{0, 0, 0, 1}, uint8(1))
	f.Add([]byte{}, uint8(0))
	p := DefaultPolicy()
	top := p.trends.improversTop
	f.Fuzz(func(t *testing.T, data []byte, nLists uint8) {
		lists := make([][]Improver, int(nLists)%5+1)
		for i := 0; i+1 < len(data); i += 2 {
			im := Improver{Agent: string(rune('a' + data[i]%16)), Change: float64(int8(data[i+1])) / 4}
			if data[i]&0x40 != 0 {
				im.Change = math.NaN()
			}
			k := int(data[i]>>4) % len(lists)
			lists[k] = append(lists[k], im)
		}
		got, err := p.MergeImprovers(lists...)
		rev := slices.Clone(lists)
		slices.Reverse(rev)
		again, err2 := p.MergeImprovers(rev...)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("%v in one order, %v in the other", err, err2)
		}
		if err != nil {
			asInputError(t, err)
			return
		}
		if mustJSON(t, got) != mustJSON(t, again) {
			t.Fatalf("the order of the lists changes the ranking:\n%v\n%v", got, again)
		}
		for i := 1; i < len(got); i++ {
			if got[i].Change > got[i-1].Change+slack {
				t.Fatalf("not fastest first: %v", got)
			}
		}
		if len(got) > top && math.Round(got[len(got)-1].Change/slack) != math.Round(got[top-1].Change/slack) {
			t.Fatalf("%d kept past the top %d without a tie: %v", len(got), top, got)
		}
	})
}

// asInputError fails the test unless err is an *InputError naming a field.
func asInputError(t *testing.T, err error) {
	t.Helper()
	var ie *callfloor.InputError
	if !errors.As(err, &ie) || ie.Field == "" || ie.Msg == "" {
		t.Fatalf("error %v is not an InputError naming a field", err)
	}
}

// FuzzScoreInto scores fuzzed answers into a reused result and checks it
// says what a fresh Score says.
func FuzzScoreInto(f *testing.F) {
	seed, _ := json.Marshal(smallEval().Answers)
	f.Add(seed, []byte(`[{"item":"voice","value":3},{"item":"hold","na":true}]`))
	f.Add([]byte(`[{"item":"leak","value":0}]`), seed)
	sc := smallCard(f)
	f.Fuzz(func(t *testing.T, first, second []byte) {
		var into Result
		for _, raw := range [][]byte{first, second, first} {
			var as []Answer
			if json.Unmarshal(raw, &as) != nil {
				return
			}
			ev := Evaluation{Source: QA, Answers: as}
			want, err := sc.Score(ev)
			before, _ := json.Marshal(into)
			err2 := sc.ScoreInto(&into, ev)
			if (err == nil) != (err2 == nil) {
				t.Fatalf("Score says %v, ScoreInto %v", err, err2)
			}
			if err != nil {
				asInputError(t, err)
				if after, _ := json.Marshal(into); string(after) != string(before) {
					t.Fatal("ScoreInto changed the result on error")
				}
				continue
			}
			wj, _ := json.Marshal(want)
			gj, _ := json.Marshal(into)
			if string(wj) != string(gj) {
				t.Fatalf("reused result differs:\n%s\n%s", wj, gj)
			}
		}
	})
}

// FuzzCalibrate runs a session of three evaluators whose answers to the
// small scorecard's voice and extra items come from fuzzed bytes.
func FuzzCalibrate(f *testing.F) {
	f.Add([]byte{5, 1, 3, 0, 4, 1}, uint8(0), "call-1")
	f.Add([]byte{5, 1, 5, 1, 5, 1}, uint8(3), "")
	f.Add([]byte{9, 7, 0, 255}, uint8(1), "call-2")
	sc := smallCard(f)
	f.Fuzz(func(t *testing.T, data []byte, expert uint8, interaction string) {
		cs := CalibrationSession{ID: "fz", Interaction: "call-1"}
		names := []string{"a", "b", "c"}
		if int(expert) < len(names) {
			cs.Expert = names[expert]
		}
		for i, who := range names {
			ev := evalBy(who)
			if i == 2 {
				ev.Interaction = interaction
			}
			if 2*i+1 < len(data) {
				ev = evalBy(who, Answer{Item: "voice", Value: float64(data[2*i])},
					Answer{Item: "extra", Value: float64(data[2*i+1] % 3), NA: data[2*i+1] == 7})
				if i == 2 {
					ev.Interaction = interaction
				}
			}
			cs.Evaluations = append(cs.Evaluations, ev)
		}
		c, err := sc.Calibrate(cs)
		if err != nil {
			asInputError(t, err)
			return
		}
		if !sort.StringsAreSorted(c.Flagged) {
			t.Fatalf("flagged not sorted: %v", c.Flagged)
		}
		for _, e := range c.Evaluators {
			if !finite(e.Deviation) || math.Abs(e.Deviation) > 100 {
				t.Fatalf("deviation %v", e.Deviation)
			}
			if e.OutsideTolerance != slices.Contains(c.Flagged, e.Evaluator) {
				t.Fatalf("%s: flag and list disagree", e.Evaluator)
			}
		}
		if a := c.Agreement; a != nil && (math.IsNaN(a.Nominal) || a.Nominal > 1+1e-9 || a.Ordinal > 1+1e-9) {
			t.Fatalf("alpha %+v", *a)
		}
	})
}

// FuzzOpenDispute opens disputes with fuzzed raise events.
func FuzzOpenDispute(f *testing.F) {
	f.Add("r1", "ana", "voice", "noise", "argue", "calm", int64(3600), uint8(2))
	f.Add("", "bob", "smile", "", "voice", "r", int64(-1), uint8(0))
	f.Add("r", "ana", "voice", "r", "voice", "r", int64(14*24*3600+1), uint8(9))
	p := loadPolicy(f, "small.yaml")
	f.Fuzz(func(t *testing.T, id, by, item1, reason1, item2, reason2 string, secs int64, n uint8) {
		items := []DisputeItemEvent{{Item: item1, Reason: reason1}, {Item: item2, Reason: reason2}}
		for len(items) < int(n%6) {
			items = append(items, DisputeItemEvent{Item: "greet", Reason: "r"})
		}
		e := DisputeEvent{ID: id, Type: EventRaise, By: by, At: t0.Add(time.Duration(secs) * time.Second), Items: items[:n%6]}
		d, err := p.OpenDispute(disputedEval(), e)
		if err != nil {
			asInputError(t, err)
			return
		}
		if !d.Held() || len(d.Items) == 0 || len(d.Items) > p.disputes.maxItems || len(d.Versions) != 1 {
			t.Fatalf("bad dispute %+v", d)
		}
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var back Dispute
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzApplyStoredDispute applies events to disputes decoded from fuzzed
// JSON, as a host's storage may hand back anything.
func FuzzApplyStoredDispute(f *testing.F) {
	p := loadPolicy(f, "small.yaml")
	d0, err := p.OpenDispute(disputedEval(), raise(t0, DisputeItemEvent{Item: "voice", Reason: "noise"}))
	if err != nil {
		f.Fatal(err)
	}
	seed, _ := json.Marshal(d0)
	f.Add(seed, "decide", "voice", "overturned", 4.0)
	f.Add(seed, "withdraw", "", "", 0.0)
	f.Add([]byte(`{"status":"open","evaluation":{"id":"e1","scorecard":"card","agent":"ana"},"items":[{"item":"voice"}],"answers":[]}`), "decide", "voice", "overturned", 3.0)
	f.Add([]byte(`{}`), "decide", "x", "upheld", 0.0)
	f.Fuzz(func(t *testing.T, stored []byte, kind, item, decision string, value float64) {
		var d Dispute
		if json.Unmarshal(stored, &d) != nil {
			return
		}
		by := "rev"
		if kind == string(EventWithdraw) {
			by = d.Evaluation.Agent
		}
		e := DisputeEvent{ID: "fz", Type: EventType(kind), At: t0.Add(time.Hour), By: by,
			Items: []DisputeItemEvent{{Item: item, Decision: Decision(decision), Rationale: "r", Value: value}}}
		n, err := p.Apply(d, e)
		if err != nil {
			asInputError(t, err)
			return
		}
		if _, err := json.Marshal(n); err != nil {
			t.Fatalf("an applied dispute does not marshal: %v", err)
		}
		again, err := p.Apply(n, e)
		if err != nil {
			t.Fatalf("the same event twice: %v", err)
		}
		a, _ := json.Marshal(again)
		b, _ := json.Marshal(n)
		if string(a) != string(b) {
			t.Fatal("the same event twice changed the dispute")
		}
	})
}

// FuzzFeedback plans talks for results decoded from fuzzed JSON, fresh
// and into a reused plan.
func FuzzFeedback(f *testing.F) {
	r, _ := smallCard(f).Score(smallEval(Answer{Item: "voice", Value: 2}))
	seed, _ := json.Marshal(r)
	f.Add(seed)
	f.Add([]byte(`{"strengths":[{"item":"a","weight":1}],"deductions":[{"item":"b","lost":-1}]}`))
	f.Add([]byte(`{"deductions":[{"item":"b","lost":3,"critical":"evaluation"},{"item":"c","lost":9}]}`))
	p := DefaultPolicy()
	other, _ := smallCard(f).Score(smallEval(Answer{Item: "voice", Value: 1, Note: "n"}, Answer{Item: "leak", Value: 0}))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var r Result
		if json.Unmarshal(raw, &r) != nil {
			return
		}
		plan, err := p.Feedback(r)
		// The same result planned into a plan grown by another says the
		// same, or is refused the same way and leaves the plan as it was.
		var into FeedbackPlan
		if err := p.FeedbackInto(&into, other); err != nil {
			t.Fatal(err)
		}
		before, _ := json.Marshal(into)
		if err2 := p.FeedbackInto(&into, r); (err == nil) != (err2 == nil) {
			t.Fatalf("Feedback says %v, FeedbackInto %v", err, err2)
		}
		if err != nil {
			asInputError(t, err)
			if after, _ := json.Marshal(into); string(after) != string(before) {
				t.Fatal("FeedbackInto changed the plan on error")
			}
			return
		}
		if wj, gj := mustJSON(t, plan), mustJSON(t, into); wj != gj {
			t.Fatalf("reused plan differs:\n%s\n%s", wj, gj)
		}
		fs := p.feedback
		if plan.Negatives != len(r.Deductions) || plan.Positives > fs.maxPositive*max(1, plan.Negatives) ||
			len(plan.Parts) != plan.Positives+plan.Negatives {
			t.Fatalf("plan %+v for %d strengths, %d deductions", plan, len(r.Strengths), len(r.Deductions))
		}
		for i, part := range plan.Parts {
			if (i < plan.Positives) != (part.Kind == Strength) {
				t.Fatal("strengths do not come first")
			}
			if part.Kind == Correction && part.Setting != callfloor.OneToOne {
				t.Fatal("a correction outside a one-to-one talk")
			}
		}
		if plan.EnoughStrengths == (plan.MissingStrengths > 0) {
			t.Fatalf("enough %v with %d missing", plan.EnoughStrengths, plan.MissingStrengths)
		}
	})
}

// FuzzSamplingPlan plans samples for agents built from fuzzed bytes.
func FuzzSamplingPlan(f *testing.F) {
	f.Add([]byte{1, 80, 5, 3, 10, 2, 200, 7, 0, 40}, int16(-30))
	f.Add([]byte{0, 0, 0, 0, 0}, int16(0))
	f.Add([]byte{9, 255, 255, 255, 255, 9, 255, 255, 255, 255}, int16(400))
	p := DefaultPolicy()
	start := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte, complaintDays int16) {
		var agents []SampleAgent
		for i := 0; i+4 < len(data); i += 5 {
			a := SampleAgent{
				Agent:      string(rune('a' + data[i]%6)),
				HiredAt:    start.AddDate(0, 0, -int(data[i+1])),
				RecentMean: float64(data[i+2]) / 2,
				RecentN:    int(data[i+3]) - 10,
				Evaluated:  int(data[i+4]) - 5,
			}
			if data[i]%2 == 0 {
				a.Complaints = []time.Time{start.AddDate(0, 0, int(complaintDays))}
			}
			agents = append(agents, a)
		}
		// The hire dates run from 255 days before the start to 60 days
		// after it, across the 30-day period's end.
		for i := range agents {
			if data[i*5]%3 == 0 {
				agents[i].HiredAt = agents[i].HiredAt.AddDate(0, 0, 315)
			}
		}
		plan, err := p.SamplingPlan(callfloor.Period{Start: start, End: start.AddDate(0, 0, 30)}, agents)
		if err != nil {
			asInputError(t, err)
			return
		}
		sa, total := p.sampling, 0
		for _, l := range plan.Lines {
			if l.Count < min(sa.base, sa.max) || l.Count > sa.max || l.Remaining < 0 || l.Remaining > l.Count {
				t.Fatalf("line %+v", l)
			}
			for _, use := range []Use{ForPay, ForDiscipline} {
				s, err := p.Sufficient(use, l.Evaluated)
				if err != nil {
					t.Fatal(err)
				}
				want := l.EnoughForPay
				if use == ForDiscipline {
					want = l.EnoughForDiscipline
				}
				if s.Enough != want {
					t.Fatalf("%s: plan and Sufficient disagree for %d", use, l.Evaluated)
				}
			}
			total += l.Count
		}
		if total != plan.Total {
			t.Fatalf("total %d, lines add up to %d", plan.Total, total)
		}
	})
}

// FuzzEvaluatorFigures feeds activity, calibrations and team scores built
// from fuzzed bytes.
func FuzzEvaluatorFigures(f *testing.F) {
	f.Add([]byte{1, 40, 30, 3, 2, 200, 9, 9, 1}, []byte{0, 10, 1, 250, 2, 100})
	f.Add([]byte{}, []byte{})
	f.Add([]byte{0, 0, 1, 0}, []byte{3, 255, 255})
	p := DefaultPolicy()
	ps := months(2)
	f.Fuzz(func(t *testing.T, activity, scores []byte) {
		in := EvaluatorInput{Periods: ps}
		teams := []string{"red", "blue", "green"}
		for i := 0; i+3 < len(activity); i += 4 {
			who := string(rune('p' + activity[i]%4))
			in.Activity = append(in.Activity, EvaluatorActivity{
				Evaluator: who, Evaluations: int(activity[i+1]) - 2, FeedbackDelivered: int(activity[i+2]) - 2,
				Teams: teams[:1+int(activity[i+3])%3],
			})
			in.Calibrations = append(in.Calibrations, Calibration{Evaluators: []EvaluatorDeviation{
				{Evaluator: who, Deviation: float64(int(activity[i+3])-128) / 2},
			}})
		}
		for i := 0; i+2 < len(scores); i += 3 {
			in.Scores = append(in.Scores, ScorePoint{Agent: "x", Team: teams[scores[i]%3],
				At: jan.Add(time.Duration(scores[i+1]) * 6 * time.Hour), Score: float64(scores[i+2]) / 2, Held: scores[i]%5 == 4})
		}
		figs, err := p.EvaluatorFigures(in)
		if err != nil {
			asInputError(t, err)
			return
		}
		for i, fg := range figs {
			if i > 0 && figs[i-1].Evaluator >= fg.Evaluator {
				t.Fatal("figures not sorted by evaluator")
			}
			if fg.DeliveredShare < 0 || fg.DeliveredShare > 1 {
				t.Fatalf("share %v", fg.DeliveredShare)
			}
			if fg.HasTeamChange && !finite(fg.TeamChange) {
				t.Fatalf("team change %v", fg.TeamChange)
			}
			if fg.TeamPassRate < 0 || fg.TeamPassRate > 1 || fg.TeamMean < 0 || fg.TeamMean > 100 {
				t.Fatalf("team mean %v, pass rate %v", fg.TeamMean, fg.TeamPassRate)
			}
			min := p.evaluators.minTeamScores
			if fg.Payable != (fg.TeamN >= min) || fg.ChangePayable != (fg.TeamN >= min && fg.TeamPreviousN >= min) {
				t.Fatalf("payable %v/%v on %d and %d scores", fg.Payable, fg.ChangePayable, fg.TeamN, fg.TeamPreviousN)
			}
		}
	})
}

// FuzzAlphaRatioExtremes checks ratio alpha over values from zero and the
// smallest subnormal to the largest float64 against the definition
// evaluated in big.Float, so that no value is lost to overflow or
// underflow beside another.
func FuzzAlphaRatioExtremes(f *testing.F) {
	f.Add([]byte{3, 0x83, 6, 6, 0x86, 3, 6})
	f.Add([]byte{1, 0x82, 5, 5, 0x85, 2, 5})
	f.Add([]byte{7, 0x86, 0, 0x87, 1, 4})
	scale := [...]float64{0, math.SmallestNonzeroFloat64, 1e-310, 1e-300, 1, 1e300, 1e308, math.MaxFloat64}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64 {
			return
		}
		// Each byte's high bit ends the current unit; its low bits pick a
		// magnitude and bits 3-6 a mantissa.
		var units [][]float64
		cur := []float64{}
		for _, b := range data {
			cur = append(cur, scale[b&7]*(1+float64(b>>3&15)/16))
			if b&0x80 != 0 {
				units = append(units, cur)
				cur = []float64{}
			}
		}
		units = append(units, cur)
		for u := range units {
			for j, v := range units[u] {
				if math.IsInf(v, 0) {
					units[u][j] = math.MaxFloat64
				}
			}
		}
		got, err := Alpha(Ratio, units)
		if err != nil {
			if !errors.Is(err, ErrAlphaUndefined) {
				t.Fatal(err)
			}
			return
		}
		exact := ratioAlphaExact(units)
		if math.Abs(got-exact) > 1e-9*math.Max(1, math.Abs(exact)) {
			t.Fatalf("alpha %v, exact %v", got, exact)
		}
	})
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
