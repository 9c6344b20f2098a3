package qa

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var t0 = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

// answers builds an evaluation of small.yaml's card: every item yes and
// the voice at 5, with the given changes.
func smallEval(changes ...Answer) Evaluation {
	as := []Answer{
		{Item: "greet", Value: 1}, {Item: "voice", Value: 5}, {Item: "hold", Value: 1}, {Item: "argue", Value: 1},
		{Item: "close", Value: 1}, {Item: "leak", Value: 1}, {Item: "extra", Value: 1},
	}
	for _, c := range changes {
		for i := range as {
			if as[i].Item == c.Item {
				as[i] = c
			}
		}
	}
	return Evaluation{ID: "e1", Agent: "ana", Evaluator: "qa1", Source: QA, At: t0, Answers: as}
}

func TestScore(t *testing.T) {
	sc := smallCard(t)
	tests := []struct {
		reason   string
		ev       Evaluation
		score    float64
		raw      float64
		passed   bool
		critical []string
		sections []float64
		lost     map[string]float64
	}{
		{"all items at full marks score 100", smallEval(), 100, 100, true, nil, []float64{100, 100}, nil},
		{"voice 3 of 1..5 counts 0.5 with weight 2 of 5 in a 60-weight section: 12 points lost",
			smallEval(Answer{Item: "voice", Value: 3}), 88, 88, true, nil, []float64{80, 100}, map[string]float64{"voice": 12}},
		{"N/A leaves the denominator: section a has weight 4 left, voice 3 gives 3/4",
			smallEval(Answer{Item: "voice", Value: 3}, Answer{Item: "hold", NA: true}), 85, 85, true, nil, []float64{75, 100}, map[string]float64{"voice": 15}},
		{"exactly the pass mark passes (first passing value)",
			smallEval(Answer{Item: "extra", Value: 0}), 80, 80, true, nil, []float64{100, 50}, map[string]float64{"extra": 20}},
		{"below the pass mark fails",
			smallEval(Answer{Item: "extra", Value: 0}, Answer{Item: "voice", Value: 4}), 74, 74, false, nil, []float64{90, 50},
			map[string]float64{"extra": 20, "voice": 6}},
		{"the lowest scale point scores 0",
			smallEval(Answer{Item: "voice", Value: 1}), 76, 76, false, nil, []float64{60, 100}, map[string]float64{"voice": 24}},
		{"a section-critical failure sets its section to 0, the rest stands",
			smallEval(Answer{Item: "argue", Value: 0}), 40, 88, false, []string{"argue"}, []float64{0, 100}, map[string]float64{"argue": 60}},
		{"an evaluation-critical failure gives 0 and fails; raw: b is (1+0+2)/4",
			smallEval(Answer{Item: "leak", Value: 0}), 0, 90, false, []string{"leak"}, []float64{100, 75},
			map[string]float64{"leak": 100}},
		{"both scopes fail together, in scorecard order",
			smallEval(Answer{Item: "leak", Value: 0}, Answer{Item: "argue", Value: 0}), 0, 78, false, []string{"argue", "leak"},
			[]float64{0, 75}, map[string]float64{"argue": 60, "leak": 40}},
		{"a section with every item N/A is left out; hold and extra are N/A but b keeps close and leak",
			smallEval(Answer{Item: "extra", NA: true}, Answer{Item: "hold", NA: true}), 100, 100, true, nil, []float64{100, 100}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			r, err := sc.Score(tc.ev)
			require.NoError(t, err)
			assert.InDelta(t, tc.score, r.Score, 1e-9, "score")
			assert.InDelta(t, tc.raw, r.RawScore, 1e-9, "raw score")
			assert.Equal(t, tc.passed, r.Passed)
			assert.Equal(t, tc.critical, r.CriticalFailed)
			require.Len(t, r.Sections, len(tc.sections))
			for i, s := range tc.sections {
				assert.InDelta(t, s, r.Sections[i].Score, 1e-9, "section %d", i)
			}
			var lostSum float64
			for _, d := range r.Deductions {
				assert.InDelta(t, tc.lost[d.Item], d.Lost, 1e-9, "lost on %s", d.Item)
				assert.NotEmpty(t, d.Fix, "a deduction carries how to fix it")
				assert.Empty(t, d.Good)
				lostSum += d.Lost
			}
			assert.Len(t, r.Deductions, len(tc.lost))
			assert.InDelta(t, 100-r.Score, lostSum, 1e-9, "the points lost add up to 100 - score")
			for _, s := range r.Strengths {
				assert.Equal(t, 1.0, s.Score)
				assert.NotEmpty(t, s.Good, "a strength carries what good looks like")
				assert.Empty(t, s.Fix)
			}
			assert.Equal(t, "7", r.ScorecardVersion)
			assert.Equal(t, "card", r.Scorecard)
			assert.Equal(t, "t1", r.Policy.Version)
			assert.True(t, r.PayRelevant)
		})
	}
}

func TestScoreDetails(t *testing.T) {
	sc := smallCard(t)
	ev := smallEval(Answer{Item: "voice", Value: 1, Note: "rushed the numbers"}, Answer{Item: "leak", Value: 0}, Answer{Item: "hold", NA: true})
	r, err := sc.Score(ev)
	require.NoError(t, err)
	assert.Equal(t, []callfloor.Reason{
		{Rule: "scorecards.card.sections.b.items.leak", Outcome: callfloor.Fired, Text: `critical item "leak" failed: the whole evaluation fails`, Message: "qa.reason.critical_evaluation"},
		{Rule: "sources.pay_relevant", Outcome: callfloor.Fired, Text: "evaluations by source qa count toward pay-relevant figures", Message: "qa.reason.source_pay_relevant"},
	}, r.Reasons)
	require.Len(t, r.Deductions, 2)
	assert.Equal(t, ItemOutcome{Item: "voice", Section: "a", Text: "Voice", Score: 0, Value: 1, Label: "poor", Weight: 2,
		Lost: 30, Fix: "voice better", Note: "rushed the numbers"}, r.Deductions[0])
	assert.Equal(t, FailsEvaluation, r.Deductions[1].Critical)
	var items []string
	for _, s := range r.Strengths {
		items = append(items, s.Item)
	}
	assert.Equal(t, []string{"greet", "argue", "close", "extra"}, items, "N/A items are neither strengths nor deductions")
	assert.Equal(t, SectionScore{Section: "a", Weight: 60, Score: 50, Applicable: true}, r.Sections[0])

	pass, err := sc.Score(smallEval())
	require.NoError(t, err)
	assert.Equal(t, callfloor.Reason{Rule: "scorecards.card.pass_mark", Outcome: callfloor.Fired, Text: "the score is at or above the pass mark 80", Message: "qa.reason.pass_mark_met",
		Facts: []callfloor.Fact{{Name: "score", Value: 100}, {Name: "pass_mark", Value: 80}}}, pass.Reasons[0])
	assert.Nil(t, pass.Deductions, "no deductions is nil, so JSON round-trips")
	assert.Nil(t, pass.CriticalFailed)

	peer := smallEval()
	peer.Source = Peer
	r, err = sc.Score(peer)
	require.NoError(t, err)
	assert.False(t, r.PayRelevant, "peer evaluations do not count toward pay by default")
	assert.Equal(t, callfloor.Reason{Rule: "sources.pay_relevant", Outcome: callfloor.NotMet, Text: "evaluations by source peer do not count toward pay-relevant figures", Message: "qa.reason.source_not_pay_relevant"}, r.Reasons[1])
}

func TestScoreBadInput(t *testing.T) {
	sc := smallCard(t)
	withAnswers := func(as ...Answer) Evaluation {
		ev := smallEval()
		ev.Answers = as
		return ev
	}
	full := smallEval().Answers
	tests := []struct {
		reason string
		ev     Evaluation
		want   string
	}{
		{"unknown source", func() Evaluation { e := smallEval(); e.Source = "boss"; return e }(),
			`evaluation.source: unknown source "boss"; allowed: qa, peer, self, lead`},
		{"empty source", func() Evaluation { e := smallEval(); e.Source = ""; return e }(),
			`evaluation.source: unknown source ""; allowed: qa, peer, self, lead`},
		{"another scorecard", func() Evaluation { e := smallEval(); e.Scorecard = "sales"; return e }(),
			`evaluation.scorecard: evaluation is for scorecard "sales", not "card"`},
		{"a time JSON cannot hold", func() Evaluation { e := smallEval(); e.At = time.Date(10000, 3, 1, 0, 0, 0, 0, time.UTC); return e }(),
			`evaluation.at: year 10000 is outside 0..9999, the range a stored time can hold`},
		{"unknown item", withAnswers(append(append([]Answer{}, full...), Answer{Item: "smile", Value: 1})...),
			`evaluation.answers[7].item: unknown item "smile"; allowed: greet, voice, hold, argue, close, leak, extra`},
		{"answered twice", withAnswers(append(append([]Answer{}, full...), Answer{Item: "greet", Value: 0})...),
			`evaluation.answers[7].item: item "greet" is answered twice`},
		{"missing answer", withAnswers(full[:6]...),
			`evaluation.answers: no answer for item "extra" (every item needs an answer, or N/A where allowed)`},
		{"no answers at all", withAnswers(),
			`evaluation.answers: no answer for item "greet" (every item needs an answer, or N/A where allowed)`},
		{"value off the scale, one above max", smallEval(Answer{Item: "voice", Value: 6}),
			`evaluation.answers[1].value: 6 is outside 1..5, the scale of item "voice"`},
		{"value off the scale, one below min", smallEval(Answer{Item: "voice", Value: 0}),
			`evaluation.answers[1].value: 0 is outside 1..5, the scale of item "voice"`},
		{"half a point", smallEval(Answer{Item: "voice", Value: 3.5}),
			`evaluation.answers[1].value: 3.5 is not a whole point of the scale 1..5 of item "voice"`},
		{"NaN", smallEval(Answer{Item: "voice", Value: math.NaN()}),
			`evaluation.answers[1].value: NaN is not a number on the scale of item "voice"`},
		{"Inf", smallEval(Answer{Item: "greet", Value: math.Inf(1)}),
			`evaluation.answers[0].value: +Inf is not a number on the scale of item "greet"`},
		{"yes/no takes 0 or 1", smallEval(Answer{Item: "greet", Value: 2}),
			`evaluation.answers[0].value: 2 is not an answer to yes/no item "greet" (1 yes, 0 no)`},
		{"N/A where not allowed", smallEval(Answer{Item: "leak", NA: true}),
			`evaluation.answers[5].na: item "leak" does not allow N/A`},
		{"N/A with a value", smallEval(Answer{Item: "hold", NA: true, Value: 1}),
			`evaluation.answers[2].value: item "hold" is answered N/A and also given the value 1`},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := sc.Score(tc.ev)
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
			var ie *callfloor.InputError
			assert.True(t, errors.As(err, &ie))
		})
	}

	allNA := loadPolicyFromString(t, `version: x
scorecards:
  - {id: c, version: "1", pass_mark: 50, sections: [{id: s, weight: 1, items: [{id: i, text: t, type: yes_no, allow_na: true, good: g, fix: f}]}]}
`)
	c, _ := allNA.Scorecard("c")
	_, err := c.Score(Evaluation{Source: QA, Answers: []Answer{{Item: "i", NA: true}}})
	assert.EqualError(t, err, "evaluation.answers: every item is N/A; there is nothing to score")

	var zero Scorecard
	_, err = zero.Score(smallEval())
	assert.ErrorIs(t, err, ErrZeroScorecard)
}

func loadPolicyFromString(t testing.TB, src string) *Policy {
	t.Helper()
	p, err := ParsePolicy([]byte(src))
	require.NoError(t, err)
	return p
}

// TestScoreManyItems covers a scorecard larger than the stack buffers.
func TestScoreManyItems(t *testing.T) {
	sc := wideCard(t, 80)
	ev := wideEval(sc, 0)
	r, err := sc.Score(ev)
	require.NoError(t, err)
	assert.Len(t, r.Strengths, 80)
	assert.InDelta(t, 100, r.Score, 1e-9)
}

func TestScoreAllocs(t *testing.T) {
	sc := wideCard(t, 20)
	ev := wideEval(sc, 3)
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := sc.Score(ev); err != nil {
			t.Fatal(err)
		}
	})
	// The result's own slices: sections, outcomes (strengths and
	// deductions share one), reasons, and the pass mark's facts. Nothing
	// else.
	assert.Equal(t, 4.0, allocs)
}

// TestScorePassMarkBoundary: the first passing score is the pass mark
// itself, even when float arithmetic lands a hair below it, and anything
// measurably below fails. Two sections of weight 1 and 2, five yes/no
// items each, three yes in each: (1*0.6 + 2*0.6)/3 is 60 on paper and
// 59.99999999999999 in float64.
func TestScorePassMarkBoundary(t *testing.T) {
	card := func(mark string) *Scorecard {
		var b strings.Builder
		b.WriteString("version: x\nscorecards:\n  - id: c\n    version: \"1\"\n    pass_mark: " + mark + "\n    sections:\n")
		for s, w := range []int{1, 2} {
			fmt.Fprintf(&b, "      - id: s%d\n        weight: %d\n        items:\n", s, w)
			for i := 0; i < 5; i++ {
				fmt.Fprintf(&b, "          - {id: s%di%d, text: t, type: yes_no, good: g, fix: f}\n", s, i)
			}
		}
		sc, ok := loadPolicyFromString(t, b.String()).Scorecard("c")
		require.True(t, ok)
		return sc
	}
	ev := Evaluation{Source: QA}
	for s := 0; s < 2; s++ {
		for i := 0; i < 5; i++ {
			v := 0.0
			if i < 3 {
				v = 1
			}
			ev.Answers = append(ev.Answers, Answer{Item: fmt.Sprintf("s%di%d", s, i), Value: v})
		}
	}
	tests := []struct {
		reason string
		mark   string
		passed bool
	}{
		{"the score is the pass mark, up to float rounding: passes", "60", true},
		{"a pass mark one millionth of a point above the score: fails", "60.000001", false},
		{"a pass mark just below the score: passes", "59.999999", true},
		{"pass mark 0: every score passes", "0", true},
		{"pass mark 100: only full marks pass", "100", false},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			r, err := card(tc.mark).Score(ev)
			require.NoError(t, err)
			assert.InDelta(t, 60, r.Score, 1e-9)
			assert.Less(t, r.Score, 60.0, "float arithmetic lands a hair below 60")
			assert.Equal(t, tc.passed, r.Passed)
			want, outcome := "the score is below the pass mark ", callfloor.NotMet
			if tc.passed {
				want, outcome = "the score is at or above the pass mark ", callfloor.Fired
			}
			assert.Equal(t, "scorecards.c.pass_mark", r.Reasons[0].Rule)
			assert.Equal(t, outcome, r.Reasons[0].Outcome, "a score short of the mark is the rule evaluated and not met")
			assert.True(t, strings.HasPrefix(r.Reasons[0].Text, want), r.Reasons[0].Text)
		})
	}
	full := Evaluation{Source: QA}
	for _, a := range ev.Answers {
		full.Answers = append(full.Answers, Answer{Item: a.Item, Value: 1})
	}
	r, err := card("100").Score(full)
	require.NoError(t, err)
	assert.True(t, r.Passed, "full marks pass a pass mark of 100")
}

// refScore is an independent, plain implementation of the formula in the
// Scorecard doc, item by item from the ItemInfo a host sees.
func refScore(items []ItemInfo, sections []SectionInfo, ev Evaluation) (score, raw float64, passed bool, lost map[string]float64) {
	ans := map[string]Answer{}
	for _, a := range ev.Answers {
		ans[a.Item] = a
	}
	secW := map[string]float64{}
	for _, s := range sections {
		secW[s.ID] = s.Weight
	}
	type acc struct{ w, sw float64 }
	per := map[string]*acc{}
	failEval := map[bool]bool{}
	zero := map[string]bool{}
	for _, it := range items {
		a := ans[it.ID]
		if a.NA {
			continue
		}
		s := (a.Value - float64(it.Min)) / float64(it.Max-it.Min)
		if per[it.Section] == nil {
			per[it.Section] = &acc{}
		}
		per[it.Section].w += it.Weight
		per[it.Section].sw += it.Weight * s
		if s == 0 && it.Critical == FailsEvaluation {
			failEval[true] = true
		}
		if s == 0 && it.Critical == FailsSection {
			zero[it.Section] = true
		}
	}
	var den, num, rawNum float64
	for id, a := range per {
		den += secW[id]
		rawNum += secW[id] * a.sw / a.w
		if !zero[id] {
			num += secW[id] * a.sw / a.w
		}
	}
	lost = map[string]float64{}
	for _, it := range items {
		a := ans[it.ID]
		if a.NA {
			continue
		}
		s := (a.Value - float64(it.Min)) / float64(it.Max-it.Min)
		if s < 1 {
			lost[it.ID] = (1 - s) * it.Weight / per[it.Section].w * secW[it.Section] / den * 100
		}
		// The first failed critical item of a section takes what the
		// section's answers earned; the first of the evaluation, the
		// score left after that.
		if s == 0 && it.Critical == FailsSection && zero[it.Section] {
			lost[it.ID] += 100 * secW[it.Section] * per[it.Section].sw / per[it.Section].w / den
			zero[it.Section] = false
		}
		if s == 0 && it.Critical == FailsEvaluation && failEval[true] && !failEval[false] {
			lost[it.ID] += 100 * num / den
			failEval[false] = true
		}
	}
	score, raw = 100*num/den, 100*rawNum/den
	if failEval[true] {
		score = 0
	}
	return score, raw, !failEval[true] && score >= 80-1e-9, lost
}

// bigCard builds a scorecard of n items in 5 sections, larger than the
// stack buffers when n > 64: yes/no and 0..10 scale items, every third
// allowing N/A, one section-critical and one evaluation-critical item.
func bigCard(t testing.TB, n int) *Scorecard {
	t.Helper()
	var b strings.Builder
	b.WriteString("version: big\nscorecards:\n  - id: big\n    version: \"1\"\n    pass_mark: 80\n    sections:\n")
	for s := 0; s < 5; s++ {
		fmt.Fprintf(&b, "      - id: s%d\n        weight: %d\n        items:\n", s, 5+s*3)
		for i := s; i < n; i += 5 {
			crit := ""
			switch i {
			case 7:
				crit = ", critical: section"
			case 13:
				crit = ", critical: evaluation"
			}
			na := ""
			if i%3 == 0 && crit == "" {
				na = ", allow_na: true"
			}
			if i%2 == 0 {
				fmt.Fprintf(&b, "          - {id: i%03d, text: t%d, type: yes_no, weight: %d%s%s, good: g%d, fix: f%d}\n", i, i, 1+i%4, crit, na, i, i)
			} else {
				fmt.Fprintf(&b, "          - {id: i%03d, text: t%d, type: scale, scale: {min: 0, max: 10, labels: [{value: 0, label: none}, {value: 10, label: all}]}%s%s, good: g%d, fix: f%d}\n", i, i, crit, na, i, i)
			}
		}
	}
	sc, ok := loadPolicyFromString(t, b.String()).Scorecard("big")
	require.True(t, ok)
	return sc
}

// TestScoreBigCardAgainstReference scores cards beyond the 64 items kept
// on the stack, mixing N/A, partial scale points and both kinds of
// critical failure, and checks every figure against refScore; answers in
// reverse order must give the same result, and so must ScoreInto.
func TestScoreBigCardAgainstReference(t *testing.T) {
	for _, n := range []int{64, 65, 100} {
		sc := bigCard(t, n)
		items := sc.Items()
		for variant := 0; variant < 4; variant++ {
			t.Run(fmt.Sprintf("%d items, variant %d", n, variant), func(t *testing.T) {
				ev := Evaluation{Source: QA}
				for i, it := range items {
					a := Answer{Item: it.ID, Value: float64(it.Max)}
					switch {
					case it.AllowNA && (i+variant)%2 == 0:
						a = Answer{Item: it.ID, NA: true}
					case it.Critical != NotCritical:
						if variant&1 == 1 && it.Critical == FailsSection || variant == 2 && it.Critical == FailsEvaluation {
							a.Value = float64(it.Min)
						}
					case (i+variant)%4 == 1:
						a.Value = float64(it.Min + (it.Max-it.Min)*(i%3)/3)
					}
					ev.Answers = append(ev.Answers, a)
				}
				score, raw, passed, lost := refScore(items, sc.Sections(), ev)
				r, err := sc.Score(ev)
				require.NoError(t, err)
				assert.InDelta(t, score, r.Score, 1e-9)
				assert.InDelta(t, raw, r.RawScore, 1e-9)
				assert.Equal(t, passed, r.Passed)
				require.Len(t, r.Deductions, len(lost))
				for _, d := range r.Deductions {
					assert.InDelta(t, lost[d.Item], d.Lost, 1e-9, d.Item)
				}
				nNA := 0
				for _, a := range ev.Answers {
					if a.NA {
						nNA++
					}
				}
				assert.Equal(t, n-nNA, len(r.Strengths)+len(r.Deductions), "every answered item is a strength or a deduction")
				assert.NotZero(t, nNA, "every variant mixes in N/A")
				switch variant {
				case 1, 3:
					assert.Contains(t, r.CriticalFailed, "i007", "section-critical failure")
					assert.True(t, r.Sections[2].CriticalFailed)
				case 2:
					assert.Equal(t, []string{"i013"}, r.CriticalFailed)
					assert.Equal(t, 0.0, r.Score)
					assert.False(t, r.Passed)
				}

				rev := ev
				rev.Answers = slices.Clone(ev.Answers)
				slices.Reverse(rev.Answers)
				rr, err := sc.Score(rev)
				require.NoError(t, err)
				assert.Equal(t, r.Score, rr.Score)
				assert.Equal(t, r.Strengths, rr.Strengths)
				// What a critical failure takes is a sum of the section
				// scores, added in the answers' order: equal up to float
				// rounding.
				require.Len(t, rr.Deductions, len(r.Deductions))
				for i := range r.Deductions {
					assert.InDelta(t, r.Deductions[i].Lost, rr.Deductions[i].Lost, 1e-9)
					d := rr.Deductions[i]
					d.Lost = r.Deductions[i].Lost
					assert.Equal(t, r.Deductions[i], d)
				}

				var into Result
				require.NoError(t, sc.ScoreInto(&into, ev))
				assert.Equal(t, r, into)
			})
		}
	}
}

func TestScoreScaleWithNegativePoints(t *testing.T) {
	p := loadPolicyFromString(t, `version: x
scorecards:
  - id: c
    version: "1"
    pass_mark: 50
    sections:
      - id: s
        weight: 1
        items:
          - {id: mood, text: M, type: scale, scale: {min: -2, max: 2, labels: [{value: -2, label: hostile}, {value: 0, label: neutral}]}, good: g, fix: f}
`)
	sc, _ := p.Scorecard("c")
	for _, tc := range []struct {
		v     float64
		score float64
		label string
	}{{-2, 0, "hostile"}, {-1, 25, ""}, {0, 50, "neutral"}, {2, 100, ""}} {
		r, err := sc.Score(Evaluation{Source: Lead, Answers: []Answer{{Item: "mood", Value: tc.v}}})
		require.NoError(t, err)
		assert.InDelta(t, tc.score, r.Score, 1e-9, "value %v", tc.v)
		outs := append(append([]ItemOutcome{}, r.Strengths...), r.Deductions...)
		require.Len(t, outs, 1)
		assert.Equal(t, tc.label, outs[0].Label)
	}
	_, err := sc.Score(Evaluation{Source: Lead, Answers: []Answer{{Item: "mood", Value: -3}}})
	assert.EqualError(t, err, `evaluation.answers[0].value: -3 is outside -2..2, the scale of item "mood"`)
}

func TestScoreIntoReuse(t *testing.T) {
	sc := smallCard(t)
	evs := []Evaluation{
		smallEval(Answer{Item: "voice", Value: 3}, Answer{Item: "hold", NA: true}),
		smallEval(Answer{Item: "leak", Value: 0}, Answer{Item: "argue", Value: 0}, Answer{Item: "voice", Value: 1, Note: "n"}),
		smallEval(),
		smallEval(Answer{Item: "greet", Value: 0}),
	}
	var into Result
	for i, ev := range evs {
		want, err := sc.Score(ev)
		require.NoError(t, err)
		require.NoError(t, sc.ScoreInto(&into, ev))
		wj, _ := json.Marshal(want)
		gj, _ := json.Marshal(into)
		assert.JSONEq(t, string(wj), string(gj), "evaluation %d: a reused result says what a fresh one says", i)
	}

	// Once grown, scoring into the same result allocates nothing.
	worst := smallEval(Answer{Item: "leak", Value: 0}, Answer{Item: "argue", Value: 0}, Answer{Item: "voice", Value: 3})
	require.NoError(t, sc.ScoreInto(&into, worst))
	allocs := testing.AllocsPerRun(100, func() {
		for _, ev := range evs {
			if err := sc.ScoreInto(&into, ev); err != nil {
				t.Fatal(err)
			}
		}
	})
	assert.Equal(t, 0.0, allocs)

	// On error the result is left as it was.
	before, _ := json.Marshal(into)
	err := sc.ScoreInto(&into, smallEval(Answer{Item: "voice", Value: 9}))
	assert.EqualError(t, err, `evaluation.answers[1].value: 9 is outside 1..5, the scale of item "voice"`)
	after, _ := json.Marshal(into)
	assert.Equal(t, string(before), string(after))

	assert.ErrorIs(t, sc.ScoreInto(nil, smallEval()), errNoResult)
}

func TestScoreMoreBadInput(t *testing.T) {
	sc := smallCard(t)
	tests := []struct {
		reason string
		ev     Evaluation
		want   string
	}{
		{"-Inf on a scale", smallEval(Answer{Item: "voice", Value: math.Inf(-1)}),
			`evaluation.answers[1].value: -Inf is not a number on the scale of item "voice"`},
		{"NaN on a yes/no item", smallEval(Answer{Item: "close", Value: math.NaN()}),
			`evaluation.answers[4].value: NaN is not a number on the scale of item "close"`},
		{"N/A with a NaN value", smallEval(Answer{Item: "hold", NA: true, Value: math.NaN()}),
			`evaluation.answers[2].value: item "hold" is answered N/A and also given the value NaN`},
		{"an answer without an item", func() Evaluation {
			e := smallEval()
			e.Answers = append(e.Answers, Answer{})
			return e
		}(), `evaluation.answers[7].item: unknown item ""; allowed: greet, voice, hold, argue, close, leak, extra`},
		{"a huge value", smallEval(Answer{Item: "voice", Value: 1e308}),
			`evaluation.answers[1].value: 1e+308 is outside 1..5, the scale of item "voice"`},
		{"yes/no given -1", smallEval(Answer{Item: "greet", Value: -1}),
			`evaluation.answers[0].value: -1 is not an answer to yes/no item "greet" (1 yes, 0 no)`},
		{"answered twice, second time N/A", func() Evaluation {
			e := smallEval()
			e.Answers = append(e.Answers, Answer{Item: "hold", NA: true})
			return e
		}(), `evaluation.answers[7].item: item "hold" is answered twice`},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := sc.Score(tc.ev)
			assert.EqualError(t, err, tc.want)
		})
	}
}

// TestScoreOneItem: the smallest scorecard, one section with one item.
func TestScoreOneItem(t *testing.T) {
	p := loadPolicyFromString(t, `version: x
scorecards:
  - {id: c, version: "1", pass_mark: 100, sections: [{id: s, weight: 1, items: [{id: i, text: t, type: yes_no, good: g, fix: f}]}]}
`)
	sc, _ := p.Scorecard("c")
	yes, err := sc.Score(Evaluation{Source: QA, Answers: []Answer{{Item: "i", Value: 1}}})
	require.NoError(t, err)
	assert.Equal(t, 100.0, yes.Score)
	assert.True(t, yes.Passed)
	no, err := sc.Score(Evaluation{Source: QA, Answers: []Answer{{Item: "i", Value: 0}}})
	require.NoError(t, err)
	assert.Equal(t, 0.0, no.Score)
	assert.False(t, no.Passed)
	require.Len(t, no.Deductions, 1)
	assert.Equal(t, 100.0, no.Deductions[0].Lost)
}
