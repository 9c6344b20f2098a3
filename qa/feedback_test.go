package qa

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/callfloor/callfloor"

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

// TestFeedbackInto plans talks of every shape into one reused plan, in
// an order that grows and shrinks each slice, and checks each against a
// fresh Feedback, byte for byte.
func TestFeedbackInto(t *testing.T) {
	p := DefaultPolicy()
	sc := smallCard(t)
	results := []struct {
		reason string
		r      Result
	}{
		{"many strengths over the cap, two deductions, one critical", mustScore(t, sc, smallEval(Answer{Item: "voice", Value: 4}, Answer{Item: "leak", Value: 0}))},
		{"nothing at all", Result{}},
		{"no deductions: praise capped at five", synthetic(7, 0)},
		{"short of strengths: where to look", synthetic(0, 3)},
		{"within the ratio, with notes", mustScore(t, sc, smallEval(Answer{Item: "voice", Value: 4, Note: "rushed"}))},
		{"capped praise for two deductions", synthetic(11, 2)},
		{"one strength, no deduction", synthetic(1, 0)},
	}
	var into FeedbackPlan
	for _, tc := range results {
		want, err := p.Feedback(tc.r)
		require.NoError(t, err)
		require.NoError(t, p.FeedbackInto(&into, tc.r), tc.reason)
		wj, _ := json.Marshal(want)
		gj, _ := json.Marshal(into)
		assert.Equal(t, string(wj), string(gj), tc.reason)
	}

	// On error the plan is left as it was.
	before, _ := json.Marshal(into)
	err := p.FeedbackInto(&into, Result{Deductions: []ItemOutcome{{Item: "a"}, {Item: "b", Lost: -2}}})
	assert.EqualError(t, err, "result.deductions[1].lost: -2 is not a number of points")
	after, _ := json.Marshal(into)
	assert.Equal(t, string(before), string(after), "a refused result changes nothing")

	assert.EqualError(t, p.FeedbackInto(nil, Result{}), "qa: FeedbackInto needs a *FeedbackPlan to write into, got nil")
	assert.ErrorIs(t, (*Policy)(nil).FeedbackInto(&into, Result{}), ErrZeroPolicy, "a nil policy is refused before the plan is looked at")
}

func mustScore(t testing.TB, sc *Scorecard, ev Evaluation) Result {
	t.Helper()
	r, err := sc.Score(ev)
	require.NoError(t, err)
	return r
}

// TestFeedbackIntoAllocs: once a plan has grown, planning the talks of a
// stream of results of the policy's own scorecards allocates nothing,
// whatever the mix of strengths and deductions.
func TestFeedbackIntoAllocs(t *testing.T) {
	sc := wideCard(t, 20)
	p := sc.policy
	var results []Result
	for k := range 6 {
		results = append(results, mustScore(t, sc, wideEval(sc, k)))
	}
	results = append(results, synthetic(20, 0), synthetic(0, 20), synthetic(19, 1))
	var plan FeedbackPlan
	for _, r := range results {
		require.NoError(t, p.FeedbackInto(&plan, r))
	}
	allocs := testing.AllocsPerRun(100, func() {
		for _, r := range results {
			if err := p.FeedbackInto(&plan, r); err != nil {
				t.Fatal(err)
			}
		}
	})
	assert.Equal(t, 0.0, allocs)
}

// TestFeedbackSentenceBound: a policy keeps the sentences of counts up to
// its largest scorecard's item count; past it, and past 63, a sentence is
// written afresh, and reads the same.
func TestFeedbackSentenceBound(t *testing.T) {
	p := DefaultPolicy()
	bound := p.feedbackTexts().bound
	n := 0
	for _, sc := range p.Scorecards() {
		n = max(n, len(sc.Items()))
	}
	require.Equal(t, n+1, bound, "room for every count a scorecard of the policy can give")
	wide := wideCard(t, 70).policy
	assert.Equal(t, 64, wide.feedbackTexts().bound, "never more than 63")
	for _, k := range []int{bound - 1, bound, bound + 1, 70} {
		t.Run(fmt.Sprint(k), func(t *testing.T) {
			want := fmt.Sprintf("only 0 genuine strengths for %d deductions; the ratio 3:1 to 5:1 needs %d: find %d more in the agent's real work before the talk rather than invent praise", k, 3*k, 3*k)
			for range 2 {
				plan, err := p.Feedback(synthetic(0, k))
				require.NoError(t, err)
				assert.Equal(t, want, plan.Reasons[0].Text)
			}
			plan, err := p.Feedback(synthetic(5*k+1, k))
			require.NoError(t, err)
			assert.Equal(t, fmt.Sprintf("%d of %d strengths kept, the heaviest, so that praise stays within 5 per deduction", 5*k, 5*k+1), plan.Reasons[1].Text)
		})
	}
}

// TestFeedbackFactsAreThePlans: a plan's figures are its own; a host
// that changes them changes no other plan.
func TestFeedbackFactsAreThePlans(t *testing.T) {
	p := DefaultPolicy()
	a, err := p.Feedback(synthetic(0, 2))
	require.NoError(t, err)
	a.Reasons[0].Facts[0].Value = 99
	b, err := p.Feedback(synthetic(0, 2))
	require.NoError(t, err)
	assert.Equal(t, callfloor.Fact{Name: "strengths", Value: 0}, b.Reasons[0].Facts[0])
}

// TestFeedbackConcurrent plans the same talks from many goroutines on a
// policy whose sentences are not yet written; every plan reads as one
// planned alone. Run with -race.
func TestFeedbackConcurrent(t *testing.T) {
	shapes := [][2]int{{0, 1}, {3, 1}, {7, 0}, {11, 2}, {2, 5}}
	want := make([]string, len(shapes))
	for i, s := range shapes {
		plan, err := DefaultPolicy().Feedback(synthetic(s[0], s[1]))
		require.NoError(t, err)
		b, _ := json.Marshal(plan)
		want[i] = string(b)
	}
	p, err := ParsePolicy(DefaultPolicySource())
	require.NoError(t, err)
	var wg sync.WaitGroup
	got := make([][]string, 8)
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var plan FeedbackPlan
			for _, s := range shapes {
				if err := p.FeedbackInto(&plan, synthetic(s[0], s[1])); err != nil {
					panic(err)
				}
				b, _ := json.Marshal(plan)
				got[g] = append(got[g], string(b))
			}
		}()
	}
	wg.Wait()
	for g := range got {
		assert.Equal(t, want, got[g], "goroutine %d", g)
	}
}

// TestFeedbackAllocs: a fresh plan allocates its parts, its reasons, their
// figures and its room to sort the outcomes, and nothing per outcome.
func TestFeedbackAllocs(t *testing.T) {
	sc := wideCard(t, 20)
	r := mustScore(t, sc, wideEval(sc, 4))
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := sc.policy.Feedback(r); err != nil {
			t.Fatal(err)
		}
	})
	assert.Equal(t, 4.0, allocs)
}
