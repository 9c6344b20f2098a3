package coaching

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sheet scores both questions of every dimension of the default bank, in
// the order of the default policy's Dimensions, with the given
// per-dimension scores.
func sheet(who string, scores ...int) ScoreSheet {
	p := DefaultPolicy()
	s := ScoreSheet{Interviewer: who}
	for _, q := range p.QuestionBank() {
		s.Answers = append(s.Answers, Answer{Question: q.ID, Score: scores[p.hiring.dimensionIndex(q.Dimension)]})
	}
	return s
}

func TestQuestionBank(t *testing.T) {
	bank := DefaultPolicy().QuestionBank()
	per := map[Dimension]int{}
	for _, q := range bank {
		per[q.Dimension]++
		assert.Len(t, q.Rubric, 5, q.ID)
		assert.NotEmpty(t, q.Text, q.ID)
	}
	for _, d := range Dimensions() {
		assert.Equal(t, 2, per[d], d)
	}
	bank[0].Rubric[0] = "changed"
	assert.NotEqual(t, "changed", DefaultPolicy().QuestionBank()[0].Rubric[0])
}

func TestScoreInterview(t *testing.T) {
	p := DefaultPolicy()
	for _, tc := range []struct {
		reason string
		sheets []ScoreSheet
		total  float64
		rec    Recommendation
		why    []string
	}{
		{"all fours", []ScoreSheet{sheet("lead", 4, 4, 4, 4, 4, 4, 4, 4, 4, 4)}, 4, Hire,
			[]string{"hiring.hire_at (fired): hire: total 4 reaches the hire bar 3.5"}},
		{"the hire bar exactly", []ScoreSheet{sheet("lead", 4, 3, 4, 3, 3, 4, 3, 3, 4, 3)}, 3.5, Hire,
			[]string{"hiring.hire_at (fired): hire: total 3.5 reaches the hire bar 3.5"}},
		{"just under the hire bar", []ScoreSheet{sheet("lead", 4, 3, 4, 3, 3, 3, 3, 4, 3, 4)}, 3.4545454545454546, Hold,
			[]string{"hiring.hold_at (fired): hold: total 3.45 is below the hire bar 3.5 but reaches the hold bar 3"}},
		{"the hold bar exactly", []ScoreSheet{sheet("lead", 3, 3, 3, 3, 3, 3, 3, 3, 3, 3)}, 3, Hold,
			[]string{"hiring.hold_at (fired): hold: total 3 is below the hire bar 3.5 but reaches the hold bar 3"}},
		{"under the hold bar", []ScoreSheet{sheet("lead", 2, 3, 3, 3, 3, 3, 3, 3, 3, 3)}, 2.8636363636363638, Reject,
			[]string{"hiring.hold_at (fired): reject: total 2.86 is below the hold bar 3"}},
		{"brilliant but dishonest", []ScoreSheet{sheet("lead", 5, 5, 5, 5, 5, 5, 5, 2, 5, 5)}, 4.7272727272727275, Reject,
			[]string{"hiring.floors.honesty (fired): honesty scored 2, below its floor 3", "hiring.floors (fired): reject: a dimension is below its floor, whatever the total (4.73)"}},
		{"honesty on its floor", []ScoreSheet{sheet("lead", 5, 5, 5, 5, 5, 5, 5, 3, 5, 5)}, 4.818181818181818, Hire,
			[]string{"hiring.hire_at (fired): hire: total 4.82 reaches the hire bar 3.5"}},
	} {
		r, err := p.ScoreInterview("cand-1", tc.sheets)
		require.NoError(t, err, tc.reason)
		assert.InDelta(t, tc.total, r.Total, 1e-9, tc.reason)
		assert.Equal(t, tc.rec, r.Recommendation, tc.reason)
		assert.Equal(t, tc.why, texts(r.Reasons), tc.reason)
	}
}

func TestScoreInterviewSeveralInterviewers(t *testing.T) {
	p := DefaultPolicy()
	// Two interviewers agree within 1.5 points everywhere but expression.
	r, err := p.ScoreInterview("cand-2", []ScoreSheet{
		sheet("lead", 4, 4, 2, 4, 4, 4, 4, 4, 4, 4),
		sheet("ops", 4, 5, 5, 4, 3, 4, 4, 5, 4, 4),
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"lead", "ops"}, r.Interviewers)
	assert.Equal(t, []Dimension{Expression}, r.Disagreements)
	expr := r.Dimensions[2]
	assert.Equal(t, DimensionScore{Dimension: Expression, Weight: 1.5, Score: 3.5, ByInterviewer: []float64{2, 5}, Spread: 3, Disagree: true}, expr)
	adapt := r.Dimensions[1]
	assert.Equal(t, 4.5, adapt.Score)
	assert.False(t, adapt.Disagree, "a spread of 1 is within the 1.5 allowed")
	assert.Equal(t, Hold, r.Recommendation, "a hire the interviewers disagree on is held")
	assert.Equal(t, []string{
		"hiring.max_spread (fired): interviewers disagree on expression (scores 2, 5; spread 3 > 1.5)",
		"hiring.disagreement_holds (held): hold: total 4 reaches the hire bar 3.5, but the interviewers disagree; discuss before deciding",
	}, texts(r.Reasons))

	// A spread of exactly 1.5 is allowed.
	r, err = p.ScoreInterview("cand-3", []ScoreSheet{
		{Interviewer: "a", Answers: answersFor(4, map[string]int{"expr_explain_fee": 3, "expr_bad_news": 4})},
		{Interviewer: "b", Answers: answersFor(4, map[string]int{"expr_explain_fee": 5, "expr_bad_news": 5})},
	})
	require.NoError(t, err)
	assert.Equal(t, 1.5, r.Dimensions[2].Spread)
	assert.False(t, r.Dimensions[2].Disagree)
	assert.Equal(t, Hire, r.Recommendation)
}

// The disagreement flag and the honesty floor at their edges, with two
// interviewers whose scores are averaged.
func TestScoreInterviewEdgesWithTwoInterviewers(t *testing.T) {
	p := DefaultPolicy()
	for _, tc := range []struct {
		reason   string
		a, b     map[string]int
		spread   float64
		disagree bool
		honesty  float64
		rec      Recommendation
	}{
		{"a spread of 1.5 is within max_spread", map[string]int{"expr_explain_fee": 3, "expr_bad_news": 4}, map[string]int{"expr_explain_fee": 5, "expr_bad_news": 5}, 1.5, false, 4, Hire},
		{"a spread of 2 is past it and holds the hire", map[string]int{"expr_explain_fee": 3, "expr_bad_news": 3}, map[string]int{"expr_explain_fee": 5, "expr_bad_news": 5}, 2, true, 4, Hold},
		{"honesty 3 and 3 meets the floor", map[string]int{"honesty_mistake": 3, "honesty_pressure": 3}, map[string]int{"honesty_mistake": 3, "honesty_pressure": 3}, 0, false, 3, Hire},
		{"honesty 3 and 2 averages 2.5, under the floor", map[string]int{"honesty_mistake": 3, "honesty_pressure": 3}, map[string]int{"honesty_mistake": 2, "honesty_pressure": 2}, 0, false, 2.5, Reject},
	} {
		r, err := p.ScoreInterview("cand", []ScoreSheet{{Interviewer: "a", Answers: answersFor(4, tc.a)}, {Interviewer: "b", Answers: answersFor(4, tc.b)}})
		require.NoError(t, err, tc.reason)
		assert.Equal(t, tc.spread, r.Dimensions[2].Spread, tc.reason)
		assert.Equal(t, tc.disagree, r.Dimensions[2].Disagree, tc.reason)
		assert.Equal(t, tc.honesty, r.Dimensions[7].Score, tc.reason)
		assert.Equal(t, tc.honesty < 3, r.Dimensions[7].BelowFloor, tc.reason)
		assert.Equal(t, tc.rec, r.Recommendation, tc.reason)
	}
}

// answersFor answers every default question with score, except those
// given in override.
func answersFor(score int, override map[string]int) []Answer {
	var out []Answer
	for _, q := range DefaultPolicy().QuestionBank() {
		s := score
		if v, ok := override[q.ID]; ok {
			s = v
		}
		out = append(out, Answer{Question: q.ID, Score: s})
	}
	return out
}

func TestScoreInterviewOneQuestionPerDimensionIsEnough(t *testing.T) {
	p := DefaultPolicy()
	var ans []Answer
	seen := map[Dimension]bool{}
	for _, q := range p.QuestionBank() {
		if !seen[q.Dimension] {
			seen[q.Dimension] = true
			ans = append(ans, Answer{Question: q.ID, Score: 4})
		}
	}
	r, err := p.ScoreInterview("c", []ScoreSheet{{Interviewer: "x", Answers: ans}})
	require.NoError(t, err)
	assert.Equal(t, Hire, r.Recommendation)
	assert.Len(t, r.Dimensions, 10)
}

func TestScoreInterviewErrors(t *testing.T) {
	p := DefaultPolicy()
	good := sheet("lead", 4, 4, 4, 4, 4, 4, 4, 4, 4, 4)
	noHonesty := ScoreSheet{Interviewer: "lead"}
	for _, a := range good.Answers {
		if a.Question != "honesty_mistake" && a.Question != "honesty_pressure" {
			noHonesty.Answers = append(noHonesty.Answers, a)
		}
	}
	off := sheet("lead", 4, 4, 4, 4, 4, 4, 4, 4, 4, 4)
	off.Answers[3].Score = 6
	zero := sheet("lead", 4, 4, 4, 4, 4, 4, 4, 4, 4, 4)
	zero.Answers[0].Score = 0
	twice := sheet("lead", 4, 4, 4, 4, 4, 4, 4, 4, 4, 4)
	twice.Answers = append(twice.Answers, twice.Answers[0])
	unknown := sheet("lead", 4, 4, 4, 4, 4, 4, 4, 4, 4, 4)
	unknown.Answers[1].Question = "q_favourite_colour"
	for _, tc := range []struct {
		reason    string
		candidate string
		sheets    []ScoreSheet
		want      string
	}{
		{"no candidate", "", []ScoreSheet{good}, "candidate: is required"},
		{"no sheets", "c", nil, "sheets: is required: a hiring interview needs at least one score sheet"},
		{"no interviewer", "c", []ScoreSheet{{Answers: good.Answers}}, "sheets[0].interviewer: is required"},
		{"one interviewer twice", "c", []ScoreSheet{good, good}, `sheets[1].interviewer: "lead" duplicates sheets[0]`},
		{"a score of 6", "c", []ScoreSheet{off}, `sheets[0].answers[3].score: 6 is outside 1..5, the scale of question "adapt_unexpected_question"`},
		{"a score of 0", "c", []ScoreSheet{zero}, `sheets[0].answers[0].score: 0 is outside 1..5, the scale of question "stress_angry_caller"`},
		{"a question twice", "c", []ScoreSheet{twice}, `sheets[0].answers[20].question: "stress_angry_caller" duplicates sheets[0].answers[0]`},
		{"a question off the bank", "c", []ScoreSheet{unknown}, `sheets[0].answers[1].question: unknown question "q_favourite_colour"; allowed: stress_angry_caller, stress_pressure_period, adapt_rule_change, adapt_unexpected_question, expr_explain_fee, expr_bad_news, exec_follow_through, exec_procedure, plan_two_years, plan_learning, listen_replay, listen_confirm, know_product, know_service_standard, honesty_mistake, honesty_pressure, service_unasked_need, service_own_time, emotion_after_abuse, emotion_bad_day`},
		{"honesty left out, so its floor cannot be dodged", "c", []ScoreSheet{noHonesty}, "sheets[0].answers: no answer for dimension honesty; each sheet scores every weighted dimension"},
	} {
		_, err := p.ScoreInterview(tc.candidate, tc.sheets)
		require.Error(t, err, tc.reason)
		assert.Equal(t, tc.want, err.Error(), tc.reason)
	}
	bare, err := ParsePolicy([]byte("version: v\nroles: [r]\nworkflows: {}\n"))
	require.NoError(t, err)
	_, err = bare.ScoreInterview("c", []ScoreSheet{good})
	assert.EqualError(t, err, "hiring: the policy has no hiring section")
	assert.Nil(t, bare.QuestionBank())
}

func TestZeroWeightDimensionIsNotScored(t *testing.T) {
	src := `version: v
roles: [r]
workflows: {}
hiring:
  hire_at: 3
  hold_at: 2
  max_spread: 1
  weights: {stress_tolerance: 0, adaptability: 0, expression: 0, execution: 0, self_planning: 0, listening_comprehension: 0, professional_knowledge: 0}
  floors: {honesty: 3}
  questions:
    - {id: h, dimension: honesty, text: t, rubric: [a, b, c, d, e]}
`
	p, err := ParsePolicy([]byte(src))
	require.NoError(t, err)
	r, err := p.ScoreInterview("c", []ScoreSheet{{Interviewer: "x", Answers: []Answer{{Question: "h", Score: 3}}}})
	require.NoError(t, err)
	require.Len(t, r.Dimensions, 1)
	assert.Equal(t, Honesty, r.Dimensions[0].Dimension)
	assert.Equal(t, Hire, r.Recommendation)
}
