package qa

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// defaultCard returns a scorecard of the default policy.
func defaultCard(t testing.TB, id string) *Scorecard {
	t.Helper()
	sc, ok := DefaultPolicy().Scorecard(id)
	require.True(t, ok, id)
	return sc
}

// perfectBut answers every item of sc in full, except the items changed.
func perfectBut(sc *Scorecard, changes map[string]Answer) Evaluation {
	ev := Evaluation{ID: "ev-1", Agent: "li.na", Evaluator: "qa.wang", Source: QA, Scorecard: sc.ID(), At: t0}
	for _, it := range sc.Items() {
		a, ok := changes[it.ID]
		if !ok {
			a = Answer{Value: float64(it.Max)}
		}
		a.Item = it.ID
		ev.Answers = append(ev.Answers, a)
	}
	return ev
}

// The never-behaviours of the service standard, each on a call otherwise
// perfect: what it strictly forbids (mocking, a rhetorical or
// interrogating tone) and rudeness fail the evaluation; arguing zeroes
// its section and fails the call; an interruption or a forbidden phrase
// costs its weight and the call passes.
func TestNeverBehavioursOnAnOtherwisePerfectCall(t *testing.T) {
	no := Answer{Value: 0}
	tests := []struct {
		reason    string
		scorecard string
		changes   map[string]Answer
		score     float64
		passed    bool
		critical  []string
		first     string // the text of the first reason
	}{
		{"a rude call otherwise perfect fails", "inbound_service", map[string]Answer{"no_rudeness": no},
			0, false, []string{"no_rudeness"}, `critical item "no_rudeness" failed: the whole evaluation fails`},
		{"rude and shouting fails", "inbound_service", map[string]Answer{"no_rudeness": no, "voice": {Value: 1}},
			0, false, []string{"no_rudeness"}, `critical item "no_rudeness" failed: the whole evaluation fails`},
		{"mocking a customer's defect fails", "inbound_service", map[string]Answer{"no_mocking": no},
			0, false, []string{"no_mocking"}, `critical item "no_mocking" failed: the whole evaluation fails`},
		{"a rhetorical or interrogating tone fails", "inbound_service", map[string]Answer{"no_rhetorical_questions": no},
			0, false, []string{"no_rhetorical_questions"}, `critical item "no_rhetorical_questions" failed: the whole evaluation fails`},
		{"mocking and rudeness name both", "inbound_service", map[string]Answer{"no_mocking": no, "no_rudeness": no},
			0, false, []string{"no_mocking", "no_rudeness"}, `critical item "no_mocking" failed: the whole evaluation fails`},
		{"arguing zeroes its section, and the call fails", "inbound_service", map[string]Answer{"no_arguing": no},
			75, false, []string{"no_arguing"}, `critical item "no_arguing" failed: section "conduct" scores 0`},
		{"an interruption costs its weight and passes", "inbound_service", map[string]Answer{"no_interrupting": no},
			100 - 25*2.0/13, true, nil, "the score is at or above the pass mark 80"},
		{"a forbidden phrase costs its weight and passes", "inbound_service", map[string]Answer{"no_forbidden_phrases": {Phrases: []string{"Calm down."}}},
			100 - 25*2.0/13, true, nil, "the score is at or above the pass mark 80"},
		{"outbound: a rude call otherwise perfect fails", "outbound_sales", map[string]Answer{"no_rudeness": no},
			0, false, []string{"no_rudeness"}, `critical item "no_rudeness" failed: the whole evaluation fails`},
		{"outbound: mocking fails", "outbound_sales", map[string]Answer{"no_mocking": no},
			0, false, []string{"no_mocking"}, `critical item "no_mocking" failed: the whole evaluation fails`},
		{"outbound: arguing fails", "outbound_sales", map[string]Answer{"no_arguing": no},
			75, false, []string{"no_arguing"}, `critical item "no_arguing" failed: section "conduct" scores 0`},
		{"outbound: an interruption passes", "outbound_sales", map[string]Answer{"no_interrupting": no},
			100 - 25*2.0/12, true, nil, "the score is at or above the pass mark 80"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			sc := defaultCard(t, tc.scorecard)
			r, err := sc.Score(perfectBut(sc, tc.changes))
			require.NoError(t, err)
			assert.InDelta(t, tc.score, r.Score, 1e-9)
			assert.Equal(t, tc.passed, r.Passed)
			assert.Equal(t, tc.critical, r.CriticalFailed)
			assert.Equal(t, tc.first, r.Reasons[0].Text)
		})
	}
}

// severity ranks what failing an item does: failing the evaluation
// above zeroing a section above losing its weight.
func severity(sc Scope) int {
	switch sc {
	case FailsEvaluation:
		return 2
	case FailsSection:
		return 1
	}
	return 0
}

// Mocking a customer's defect, and everything else the standard strictly
// forbids or names as rudeness or arguing, is never lighter than an
// interruption: in scope, and in score and verdict on every call, from a
// perfect one to one with many shortfalls.
func TestMockingIsNeverLighterThanAnInterruption(t *testing.T) {
	for _, id := range []string{"inbound_service", "outbound_sales"} {
		sc := defaultCard(t, id)
		items := map[string]ItemInfo{}
		for _, it := range sc.Items() {
			items[it.ID] = it
		}
		interrupting := items["no_interrupting"]
		bases := map[string]map[string]Answer{
			"a perfect call":          {},
			"a call with a long hold": {"hold_under_1_minute": {Value: 0}, "hold_permission": {Value: 0}},
			"a mediocre call":         {"voice": {Value: 3}, "courtesy": {Value: 3}, "plain_language": {Value: 0}, "confirm_details": {Value: 0}},
			"a call already failed":   {"protect_customer_information": {Value: 0}},
		}
		for _, never := range []string{"no_mocking", "no_rhetorical_questions", "no_rudeness", "no_arguing"} {
			assert.GreaterOrEqual(t, severity(items[never].Critical), severity(interrupting.Critical), "%s: %s", id, never)
			for name, base := range bases {
				with := func(item string) Result {
					changes := map[string]Answer{item: {Value: 0}}
					for k, v := range base {
						if _, ok := items[k]; ok {
							changes[k] = v
						}
					}
					r, err := sc.Score(perfectBut(sc, changes))
					require.NoError(t, err)
					return r
				}
				n, i := with(never), with("no_interrupting")
				assert.LessOrEqual(t, n.Score, i.Score, "%s, %s: %s scores above an interruption", id, name, never)
				assert.False(t, n.Passed && !i.Passed, "%s, %s: %s passes where an interruption fails", id, name, never)
			}
		}
	}
}

// A forbidden phrase the evaluator ticks is named in the result's
// deduction and in the correction of the feedback talk, in the order the
// policy lists the phrases, as the policy's own words.
func TestForbiddenPhraseTickedShowsInResultAndFeedback(t *testing.T) {
	p := DefaultPolicy()
	sc := defaultCard(t, "inbound_service")
	ev := perfectBut(sc, map[string]Answer{"no_forbidden_phrases": {Phrases: []string{"That's the rule.", "I don't know."}, Note: "twice in the first minute"}})
	r, err := sc.Score(ev)
	require.NoError(t, err)
	require.Len(t, r.Deductions, 1)
	d := r.Deductions[0]
	assert.Equal(t, "no_forbidden_phrases", d.Item)
	assert.Equal(t, "Used none of the forbidden service phrases", d.Text)
	assert.Equal(t, []string{"I don't know.", "That's the rule."}, d.Phrases)
	assert.Equal(t, "twice in the first minute", d.Note)
	assert.True(t, r.Passed)

	plan, err := p.Feedback(r)
	require.NoError(t, err)
	c := plan.Parts[len(plan.Parts)-1]
	assert.Equal(t, Correction, c.Kind)
	assert.Equal(t, "no_forbidden_phrases", c.Item)
	assert.Equal(t, []string{"I don't know.", "That's the rule."}, c.Phrases)
	assert.Equal(t, callfloor.OneToOne, c.Setting)

	// A "no" with no phrase ticked is still a "no": the evaluator may
	// not have caught the words.
	r, err = sc.Score(perfectBut(sc, map[string]Answer{"no_forbidden_phrases": {Value: 0}}))
	require.NoError(t, err)
	require.Len(t, r.Deductions, 1)
	assert.Nil(t, r.Deductions[0].Phrases)

	// The evaluator's form lists the phrases.
	for _, it := range sc.Items() {
		if it.ID == "no_forbidden_phrases" {
			assert.Equal(t, []string{"I don't know.", "That's not my department.", "You should have read the terms.",
				"Calm down.", "There's nothing I can do.", "That's the rule.", "Call back later."}, it.Phrases)
		} else {
			assert.Nil(t, it.Phrases, it.ID)
		}
	}
}

// Phrases ticked on an answer are checked: they name phrases of the
// item, each once, on a "no" to an item that lists phrases.
func TestForbiddenPhraseAnswersRefused(t *testing.T) {
	sc := defaultCard(t, "inbound_service")
	const at = 22 // no_forbidden_phrases, in scorecard order
	require.Equal(t, "no_forbidden_phrases", sc.Items()[at].ID)
	allowed := `"I don't know.", "That's not my department.", "You should have read the terms.", "Calm down.", "There's nothing I can do.", "That's the rule.", "Call back later."`
	tests := []struct {
		reason  string
		changes map[string]Answer
		want    string
		kind    callfloor.ErrorKind
	}{
		{"a phrase the item does not list", map[string]Answer{"no_forbidden_phrases": {Phrases: []string{"Calm down.", "Shut up."}}},
			`evaluation.answers[22].phrases[1]: "Shut up." is not a phrase of item "no_forbidden_phrases"; allowed: ` + allowed, callfloor.ErrNotSupported},
		{"a phrase differing in case only", map[string]Answer{"no_forbidden_phrases": {Phrases: []string{"calm down."}}},
			`evaluation.answers[22].phrases[0]: "calm down." is not a phrase of item "no_forbidden_phrases"; allowed: ` + allowed, callfloor.ErrNotSupported},
		{"an empty phrase", map[string]Answer{"no_forbidden_phrases": {Phrases: []string{""}}},
			`evaluation.answers[22].phrases[0]: "" is not a phrase of item "no_forbidden_phrases"; allowed: ` + allowed, callfloor.ErrNotSupported},
		{"a phrase ticked twice", map[string]Answer{"no_forbidden_phrases": {Phrases: []string{"Calm down.", "I don't know.", "Calm down."}}},
			`evaluation.answers[22].phrases[2]: phrase "Calm down." is ticked twice (first at phrases[0])`, callfloor.ErrDuplicate},
		{"a phrase ticked on a yes", map[string]Answer{"no_forbidden_phrases": {Value: 1, Phrases: []string{"Calm down."}}},
			`evaluation.answers[22].phrases: item "no_forbidden_phrases" ticks a phrase heard, so it is answered no (0), not 1`, callfloor.ErrInvalid},
		{"a phrase ticked on N/A", map[string]Answer{"no_forbidden_phrases": {NA: true, Phrases: []string{"Calm down."}}},
			`evaluation.answers[22].phrases: item "no_forbidden_phrases" ticks a phrase heard, so it is answered no (0), not N/A`, callfloor.ErrInvalid},
		{"a phrase ticked on an item without phrases", map[string]Answer{"no_rudeness": {Value: 0, Phrases: []string{"Calm down."}}},
			`evaluation.answers[18].phrases: item "no_rudeness" lists no phrases to tick`, callfloor.ErrForbidden},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			var into Result
			before := into
			_, err := sc.Score(perfectBut(sc, tc.changes))
			assert.EqualError(t, err, tc.want)
			var ie *callfloor.InputError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, tc.kind, ie.Kind)
			assert.Error(t, sc.ScoreInto(&into, perfectBut(sc, tc.changes)))
			assert.Equal(t, before, into, "ScoreInto changed the result on error")
		})
	}
}

// A reused result names the phrases ticked without allocating, and does
// not carry them into the next evaluation.
func TestScoreIntoPhrasesReuse(t *testing.T) {
	sc := defaultCard(t, "inbound_service")
	ticked := perfectBut(sc, map[string]Answer{"no_forbidden_phrases": {Phrases: []string{"Calm down.", "I don't know."}}, "voice": {Value: 3}})
	clean := perfectBut(sc, map[string]Answer{"no_forbidden_phrases": {Value: 0}, "voice": {Value: 3}})
	var r Result
	require.NoError(t, sc.ScoreInto(&r, ticked))
	require.NoError(t, sc.ScoreInto(&r, clean))
	for _, d := range r.Deductions {
		assert.Empty(t, d.Phrases, d.Item)
	}
	require.NoError(t, sc.ScoreInto(&r, ticked))
	assert.Equal(t, []string{"I don't know.", "Calm down."}, r.Deductions[1].Phrases)
	allocs := testing.AllocsPerRun(100, func() {
		if err := sc.ScoreInto(&r, ticked); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
}

// A policy's phrases belong to a yes/no item, say something, and are
// listed once each.
func TestPolicyPhrases(t *testing.T) {
	card := func(item string) string {
		return "version: x\nscorecards:\n  - id: c\n    version: \"1\"\n    pass_mark: 50\n    sections:\n      - id: s\n        weight: 1\n        items:\n          - " + item + "\n"
	}
	many := make([]string, 51)
	for i := range many {
		many[i] = fmt.Sprintf("p%d", i)
	}
	tests := []struct {
		reason, item, want string
	}{
		{"a yes/no item with phrases", `{id: i, text: t, type: yes_no, good: g, fix: f, phrases: ["Calm down.", "That's the rule."]}`, ""},
		{"fifty phrases", `{id: i, text: t, type: yes_no, good: g, fix: f, phrases: [` + strings.Join(many[:50], ", ") + `]}`, ""},
		{"a scale item", `{id: i, text: t, type: scale, scale: {min: 1, max: 5}, good: g, fix: f, phrases: [a]}`,
			"qa policy: 1 problem\n\tscorecards[0].sections[0].items[0].phrases: line 10, column 94: phrases belong to a yes_no item, answered no when the agent said one of them"},
		{"an empty list", `{id: i, text: t, type: yes_no, good: g, fix: f, phrases: []}`,
			"qa policy: 1 problem\n\tscorecards[0].sections[0].items[0].phrases: line 10, column 70: lists no phrase; list at least one, or leave phrases out"},
		{"a blank phrase", `{id: i, text: t, type: yes_no, good: g, fix: f, phrases: [a, "  "]}`,
			"qa policy: 1 problem\n\tscorecards[0].sections[0].items[0].phrases[1]: line 10, column 74: must not be empty"},
		{"a phrase listed twice", `{id: i, text: t, type: yes_no, good: g, fix: f, phrases: [a, b, a]}`,
			"qa policy: 1 problem\n\tscorecards[0].sections[0].items[0].phrases[2]: line 10, column 77: phrase \"a\" is listed twice (first at phrases[0])"},
		{"fifty-one phrases", `{id: i, text: t, type: yes_no, good: g, fix: f, phrases: [` + strings.Join(many, ", ") + `]}`,
			"qa policy: 1 problem\n\tscorecards[0].sections[0].items[0].phrases: line 10, column 70: an item lists at most 50 phrases, got 51"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := ParsePolicy([]byte(card(tc.item)))
			if tc.want == "" {
				assert.NoError(t, err)
				return
			}
			assert.EqualError(t, err, tc.want)
		})
	}
}

// usualCall is a call otherwise perfect on which every item that allows
// N/A is answered N/A, as most calls are (no hold, no transfer, no
// manager called), with the given answers.
func usualCall(sc *Scorecard, changes map[string]Answer) Evaluation {
	all := map[string]Answer{}
	for _, it := range sc.Items() {
		if it.AllowNA {
			all[it.ID] = Answer{NA: true}
		}
	}
	for k, v := range changes {
		all[k] = v
	}
	return perfectBut(sc, all)
}

// What an interruption, a forbidden phrase and an argument cost on the
// usual call, with the N/A items answered N/A: an interruption costs
// 25 × 2/12 = 4.17 points on either card, 3.85 only where calling the
// manager is answered; an argument that zeroes its section loses all 25
// points of it, and its deduction says so.
func TestWhatTheConductItemsCostOnTheUsualCall(t *testing.T) {
	no := Answer{Value: 0}
	tests := []struct {
		reason    string
		scorecard string
		changes   map[string]Answer
		item      string
		lost      float64
		score     float64
		passed    bool
	}{
		{"inbound: an interruption", "inbound_service", map[string]Answer{"no_interrupting": no}, "no_interrupting", 25 * 2.0 / 12, 100 - 25*2.0/12, true},
		{"inbound: an interruption where the manager was called", "inbound_service", map[string]Answer{"no_interrupting": no, "call_manager": {Value: 1}},
			"no_interrupting", 25 * 2.0 / 13, 100 - 25*2.0/13, true},
		{"inbound: a forbidden phrase", "inbound_service", map[string]Answer{"no_forbidden_phrases": {Phrases: []string{"Calm down."}}}, "no_forbidden_phrases", 25 * 2.0 / 12, 100 - 25*2.0/12, true},
		{"inbound: an argument loses its whole section", "inbound_service", map[string]Answer{"no_arguing": no}, "no_arguing", 25, 75, false},
		{"outbound: an interruption", "outbound_sales", map[string]Answer{"no_interrupting": no}, "no_interrupting", 25 * 2.0 / 12, 100 - 25*2.0/12, true},
		{"outbound: a forbidden phrase", "outbound_sales", map[string]Answer{"no_forbidden_phrases": {Phrases: []string{"Calm down."}}}, "no_forbidden_phrases", 25 * 2.0 / 12, 100 - 25*2.0/12, true},
		{"outbound: an argument loses its whole section", "outbound_sales", map[string]Answer{"no_arguing": no}, "no_arguing", 25, 75, false},
		{"outbound: rudeness loses the whole call", "outbound_sales", map[string]Answer{"no_rudeness": no}, "no_rudeness", 100, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			sc := defaultCard(t, tc.scorecard)
			r, err := sc.Score(usualCall(sc, tc.changes))
			require.NoError(t, err)
			require.Len(t, r.Deductions, 1)
			assert.Equal(t, tc.item, r.Deductions[0].Item)
			assert.InDelta(t, tc.lost, r.Deductions[0].Lost, 1e-9)
			assert.InDelta(t, tc.score, r.Score, 1e-9)
			assert.Equal(t, tc.passed, r.Passed)
		})
	}
}

// The standard strictly forbids a rhetorical or interrogating question,
// so a question among the phrases of an item that does not fail the
// evaluation would let the same words cost a few points there and fail
// the call on no_rhetorical_questions. The default lists none, and
// ParsePolicy refuses one where it is written.
func TestForbiddenPhrasesHoldNoQuestion(t *testing.T) {
	for _, c := range DefaultPolicy().Scorecards() {
		for _, it := range c.Items() {
			for _, ph := range it.Phrases {
				assert.False(t, isQuestion(ph), "%s.%s lists the question %q", c.ID(), it.ID, ph)
			}
		}
	}
	src := string(DefaultPolicySource())
	lineOf := func(s, marker string) int { return strings.Count(s[:strings.Index(s, marker)], "\n") + 1 }
	const calm = "              - Calm down.\n"
	tests := []struct {
		reason, from, to, want string
	}{
		{"a question on the forbidden phrases", calm, "              - Didn't I just tell you?\n",
			`phrase "Didn't I just tell you?" is a question, which the service standard strictly forbids as a rhetorical or interrogating tone; list it only on an item with critical: evaluation (such as no_rhetorical_questions)`},
		{"a full-width question mark, trailing spaces aside", calm, "              - \"我不是说过了吗？ \"\n",
			`phrase "我不是说过了吗？ " is a question, which the service standard strictly forbids as a rhetorical or interrogating tone; list it only on an item with critical: evaluation (such as no_rhetorical_questions)`},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			changed := strings.Replace(src, tc.from, tc.to, 1)
			_, err := ParsePolicy([]byte(changed))
			assert.EqualError(t, err, "qa policy: 1 problem\n\tscorecards[0].sections[4].items[6].phrases[3]: line "+strconv.Itoa(lineOf(changed, tc.to))+", column 17: "+tc.want)
		})
	}
	// On the item for that tone, which fails the evaluation, a question
	// is in its place.
	const rhetorical = "            critical: evaluation\n            good: Your questions were open and helpful"
	require.Contains(t, src, rhetorical)
	_, err := ParsePolicy([]byte(strings.Replace(src, rhetorical, "            critical: evaluation\n            phrases: [\"Didn't I just tell you?\"]\n            good: Your questions were open and helpful", 1)))
	assert.NoError(t, err)
	// A question mark inside a phrase is no question.
	_, err = ParsePolicy([]byte(strings.Replace(src, calm, "              - What? No.\n", 1)))
	assert.NoError(t, err)
}
