package qa

import (
	"fmt"
	"github.com/callfloor/callfloor"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func kinds(plan FeedbackPlan) (out []string) {
	for _, p := range plan.Parts {
		out = append(out, string(p.Kind)+":"+p.Item+":"+p.Setting.String())
	}
	return out
}

func TestFeedback(t *testing.T) {
	p := DefaultPolicy()
	sc := smallCard(t)
	tests := []struct {
		reason  string
		ev      Evaluation
		parts   []string
		enough  bool
		missing int
		reason0 string
	}{
		{"no deductions: praise up to 5 strengths, the heaviest first, in the group",
			smallEval(),
			[]string{"strength:voice:group", "strength:extra:group", "strength:greet:group", "strength:hold:group", "strength:argue:group"},
			true, 0, "feedback.max_positive_per_negative"},
		{"one deduction and six strengths: 5 strengths (the cap) then the correction one-to-one",
			smallEval(Answer{Item: "voice", Value: 4}),
			[]string{"strength:extra:group", "strength:greet:group", "strength:hold:group", "strength:argue:group", "strength:close:group",
				"correction:voice:one_to_one"},
			true, 0, "feedback.min_positive_per_negative"},
		{"two deductions need six strengths; five are there: say so, invent nothing; the critical one first",
			smallEval(Answer{Item: "voice", Value: 4}, Answer{Item: "leak", Value: 0}),
			[]string{"strength:extra:group", "strength:greet:group", "strength:hold:group", "strength:argue:group", "strength:close:group",
				"correction:leak:one_to_one", "correction:voice:one_to_one"},
			false, 1, "feedback.min_positive_per_negative"},
		{"deductions ordered by points lost",
			smallEval(Answer{Item: "voice", Value: 4}, Answer{Item: "greet", Value: 0}, Answer{Item: "extra", Value: 0}),
			[]string{"strength:hold:group", "strength:argue:group", "strength:close:group", "strength:leak:group",
				"correction:extra:one_to_one", "correction:greet:one_to_one", "correction:voice:one_to_one"},
			false, 5, "feedback.min_positive_per_negative"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			r, err := sc.Score(tc.ev)
			require.NoError(t, err)
			plan, err := p.Feedback(r)
			require.NoError(t, err)
			assert.Equal(t, tc.parts, kinds(plan))
			assert.Equal(t, tc.enough, plan.EnoughStrengths)
			assert.Equal(t, tc.missing, plan.MissingStrengths)
			assert.Equal(t, tc.reason0, plan.Reasons[0].Rule)
			if tc.enough {
				assert.Empty(t, plan.LookFor)
			} else {
				assert.Equal(t, p.feedback.lookFor, plan.LookFor, "suggests where to find real strengths")
			}
			for _, part := range plan.Parts {
				assert.NotEmpty(t, part.Say)
			}
		})
	}

	r, _ := sc.Score(smallEval(Answer{Item: "voice", Value: 4}, Answer{Item: "leak", Value: 0}))
	plan, _ := p.Feedback(r)
	assert.Equal(t, "only 5 genuine strengths for 2 deductions; the ratio 3:1 to 5:1 needs 6: find 1 more in the agent's real work before the talk rather than invent praise", plan.Reasons[0].Text)
	assert.Equal(t, callfloor.NotMet, plan.Reasons[0].Outcome, "the ratio was weighed and not reached")
	assert.Equal(t, "never leak", plan.Parts[5].Say)
}

func TestFeedbackPraiseOneToOne(t *testing.T) {
	p := loadPolicyFromString(t, `version: x
feedback: {praise_setting: one_to_one, min_positive_per_negative: 1, max_positive_per_negative: 1}
scorecards:
  - {id: c, version: "1", pass_mark: 50, sections: [{id: s, weight: 1, items: [
      {id: a, text: A, type: yes_no, good: ga, fix: fa},
      {id: b, text: B, type: yes_no, good: gb, fix: fb},
      {id: c, text: C, type: yes_no, good: gc, fix: fc}]}]}
`)
	sc, _ := p.Scorecard("c")
	r, err := sc.Score(Evaluation{Source: QA, Answers: []Answer{{Item: "a", Value: 1}, {Item: "b", Value: 1}, {Item: "c", Value: 0}}})
	require.NoError(t, err)
	plan, err := p.Feedback(r)
	require.NoError(t, err)
	assert.Equal(t, []string{"strength:a:one_to_one", "correction:c:one_to_one"}, kinds(plan), "ratio 1:1 keeps one strength")
	assert.Equal(t, "feedback.max_positive_per_negative", plan.Reasons[1].Rule)
}

func TestFeedbackBadResult(t *testing.T) {
	p := DefaultPolicy()
	_, err := p.Feedback(Result{Deductions: []ItemOutcome{{Item: "x", Lost: math.NaN()}}})
	assert.EqualError(t, err, "result.deductions[0].lost: NaN is not a number of points")
	_, err = p.Feedback(Result{Strengths: []ItemOutcome{{}}})
	assert.EqualError(t, err, "result.strengths[0].item: is required")
	plan, err := p.Feedback(Result{})
	require.NoError(t, err)
	assert.Empty(t, plan.Parts)
}

// synthetic builds a result with the given numbers of strengths and
// deductions, strengths weighing 1, 2, 3 ... so that their order shows.
func synthetic(strengths, deductions int) Result {
	var r Result
	for i := 0; i < strengths; i++ {
		r.Strengths = append(r.Strengths, ItemOutcome{Item: fmt.Sprintf("s%d", i), Score: 1, Weight: float64(i + 1), Good: "good"})
	}
	for i := 0; i < deductions; i++ {
		r.Deductions = append(r.Deductions, ItemOutcome{Item: fmt.Sprintf("d%d", i), Weight: 1, Lost: float64(i + 1), Fix: "fix"})
	}
	return r
}

// TestFeedbackRatioBounds checks the first and last value of the default
// ratio of 3:1 to 5:1.
func TestFeedbackRatioBounds(t *testing.T) {
	p := DefaultPolicy()
	tests := []struct {
		reason                string
		strengths, deductions int
		positives, missing    int
		enough                bool
		capped                bool
	}{
		{"2 strengths for 1 deduction: one short of 3:1", 2, 1, 2, 1, false, false},
		{"3 strengths for 1 deduction: exactly 3:1, the lower bound", 3, 1, 3, 0, true, false},
		{"5 strengths for 1 deduction: exactly 5:1, the upper bound, all kept", 5, 1, 5, 0, true, false},
		{"6 strengths for 1 deduction: one over 5:1, the lightest dropped", 6, 1, 5, 0, true, true},
		{"10 strengths for 2 deductions: 5:1 kept in full", 10, 2, 10, 0, true, false},
		{"11 strengths for 2 deductions: capped at 10", 11, 2, 10, 0, true, true},
		{"5 strengths for 2 deductions: one short of 6", 5, 2, 5, 1, false, false},
		{"no strengths, one deduction: three to find", 0, 1, 0, 3, false, false},
		{"no deductions: up to 5 strengths of praise", 7, 0, 5, 0, true, true},
		{"nothing at all", 0, 0, 0, 0, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			plan, err := p.Feedback(synthetic(tc.strengths, tc.deductions))
			require.NoError(t, err)
			assert.Equal(t, tc.positives, plan.Positives)
			assert.Equal(t, tc.deductions, plan.Negatives)
			assert.Equal(t, 3*tc.deductions, plan.NeedPositives)
			assert.Equal(t, tc.enough, plan.EnoughStrengths)
			assert.Equal(t, tc.missing, plan.MissingStrengths)
			assert.Equal(t, tc.capped, slices.ContainsFunc(plan.Reasons, func(r callfloor.Reason) bool {
				return r.Rule == "feedback.max_positive_per_negative" && strings.Contains(r.Text, "strengths kept")
			}))
			assert.Equal(t, !tc.enough, len(plan.LookFor) > 0, "where to look only when strengths are missing")
			// Strengths first, heaviest first; then every deduction.
			require.Len(t, plan.Parts, tc.positives+tc.deductions)
			for i, part := range plan.Parts {
				if i < tc.positives {
					assert.Equal(t, Strength, part.Kind)
					assert.Equal(t, fmt.Sprintf("s%d", tc.strengths-1-i), part.Item)
				} else {
					assert.Equal(t, Correction, part.Kind)
					assert.Equal(t, callfloor.OneToOne, part.Setting)
				}
			}
		})
	}
	plan, err := p.Feedback(synthetic(3, 1))
	require.NoError(t, err)
	assert.Equal(t, "3 strengths for 1 deduction, within the ratio 3:1 to 5:1", plan.Reasons[0].Text)
	assert.Equal(t, []string{"feedback.min_positive_per_negative", "feedback.corrections", "feedback.praise_setting"}, reasonIDs(plan.Reasons))
}

func TestFeedbackBadOutcomes(t *testing.T) {
	p := DefaultPolicy()
	tests := []struct {
		reason string
		r      Result
		want   string
	}{
		{"negative weight", Result{Strengths: []ItemOutcome{{Item: "a", Weight: -1}}}, "result.strengths[0].weight: -1 is not a weight"},
		{"NaN weight", Result{Deductions: []ItemOutcome{{Item: "a", Weight: math.NaN()}}}, "result.deductions[0].weight: NaN is not a weight"},
		{"infinite points lost", Result{Deductions: []ItemOutcome{{Item: "a", Lost: math.Inf(1)}}}, "result.deductions[0].lost: +Inf is not a number of points"},
		{"negative points lost", Result{Deductions: []ItemOutcome{{Item: "a"}, {Item: "b", Lost: -2}}}, "result.deductions[1].lost: -2 is not a number of points"},
		{"nameless deduction", Result{Deductions: []ItemOutcome{{}}}, "result.deductions[0].item: is required"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := p.Feedback(tc.r)
			assert.EqualError(t, err, tc.want)
		})
	}
}

func TestFeedbackHugeRatioDoesNotOverflow(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "small.yaml"))
	require.NoError(t, err)
	p := loadPolicyFromString(t, "feedback: {min_positive_per_negative: 4611686018427387904, max_positive_per_negative: 4611686018427387904}\n"+string(src))
	r := synthetic(3, 2)
	var plan FeedbackPlan
	require.NotPanics(t, func() { plan, err = p.Feedback(r) })
	require.NoError(t, err)
	assert.Equal(t, math.MaxInt, plan.NeedPositives, "2 deductions at 2^62 each saturate")
	assert.Equal(t, 3, plan.Positives)
	assert.Equal(t, 2, timesSaturating(1, 2))
	assert.Equal(t, 0, timesSaturating(5, 0))
}
