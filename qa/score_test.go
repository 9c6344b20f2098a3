package qa

import (
	"errors"
	"math"
	"testing"
	"time"

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
			smallEval(Answer{Item: "argue", Value: 0}), 40, 88, false, []string{"argue"}, []float64{0, 100}, map[string]float64{"argue": 12}},
		{"an evaluation-critical failure gives 0 and fails; raw: b is (1+0+2)/4",
			smallEval(Answer{Item: "leak", Value: 0}), 0, 90, false, []string{"leak"}, []float64{100, 75},
			map[string]float64{"leak": 10}},
		{"both scopes fail together, in scorecard order",
			smallEval(Answer{Item: "leak", Value: 0}, Answer{Item: "argue", Value: 0}), 0, 78, false, []string{"argue", "leak"},
			[]float64{0, 75}, map[string]float64{"argue": 12, "leak": 10}},
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
			assert.InDelta(t, 100-r.RawScore, lostSum, 1e-9, "the points lost add up to 100 - raw score")
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
	assert.Equal(t, []Reason{
		{ID: "critical:leak", Text: `critical item "leak" failed: the whole evaluation fails`},
		{ID: "source:qa", Text: "evaluations by source qa count toward pay-relevant figures"},
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
	assert.Equal(t, Reason{ID: "pass_mark", Text: "the score is at or above the pass mark 80"}, pass.Reasons[0])
	assert.Nil(t, pass.Deductions, "no deductions is nil, so JSON round-trips")
	assert.Nil(t, pass.CriticalFailed)

	peer := smallEval()
	peer.Source = Peer
	r, err = sc.Score(peer)
	require.NoError(t, err)
	assert.False(t, r.PayRelevant, "peer evaluations do not count toward pay by default")
	assert.Equal(t, Reason{ID: "source:peer", Text: "evaluations by source peer do not count toward pay-relevant figures"}, r.Reasons[1])
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
		{"unknown item", withAnswers(append(append([]Answer{}, full...), Answer{Item: "smile", Value: 1})...),
			`evaluation.answers[7].item: unknown item "smile" in scorecard "card"`},
		{"answered twice", withAnswers(append(append([]Answer{}, full...), Answer{Item: "greet", Value: 0})...),
			`evaluation.answers[7].item: item "greet" is answered twice`},
		{"missing answer", withAnswers(full[:6]...),
			`evaluation.answers: no answer for item "extra" (every item needs an answer, or N/A where allowed)`},
		{"no answers at all", withAnswers(),
			`evaluation.answers: no answer for item "greet" (every item needs an answer, or N/A where allowed)`},
		{"value off the scale, one above max", smallEval(Answer{Item: "voice", Value: 6}),
			`evaluation.answers[1].value: 6 is off the scale 1..5 of item "voice"`},
		{"value off the scale, one below min", smallEval(Answer{Item: "voice", Value: 0}),
			`evaluation.answers[1].value: 0 is off the scale 1..5 of item "voice"`},
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
			var ie *InputError
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
	assert.ErrorIs(t, err, errNoPolicy)
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
	// deductions share one), reasons. Nothing else.
	assert.Equal(t, 3.0, allocs)
}
