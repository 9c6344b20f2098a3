package qa

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

func loadPolicy(t testing.TB, name string) *Policy {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	p, err := ParsePolicy(src)
	require.NoError(t, err)
	return p
}

func smallCard(t testing.TB) *Scorecard {
	t.Helper()
	sc, ok := loadPolicy(t, "small.yaml").Scorecard("card")
	require.True(t, ok)
	return sc
}

func TestDefaultPolicy(t *testing.T) {
	p, err := ParsePolicy(DefaultPolicySource())
	require.NoError(t, err, "the embedded default policy must compile")
	assert.Equal(t, p.Identity(), DefaultPolicy().Identity())
	assert.Equal(t, "2025.1", p.Identity().Version)

	ids := []string{}
	for _, sc := range p.Scorecards() {
		ids = append(ids, sc.ID())
		var total float64
		for _, s := range sc.Sections() {
			total += s.Weight
		}
		assert.Equal(t, 100.0, total, "%s: section weights", sc.ID())
		leak := false
		for _, it := range sc.Items() {
			assert.NotEmpty(t, strings.TrimSpace(it.Good), "%s.%s good", sc.ID(), it.ID)
			assert.NotEmpty(t, strings.TrimSpace(it.Fix), "%s.%s fix", sc.ID(), it.ID)
			if it.ID == "protect_customer_information" {
				leak = true
				assert.Equal(t, FailsEvaluation, it.Critical, "leaking customer information is the gravest breach")
			}
		}
		assert.True(t, leak, "%s has the confidentiality item", sc.ID())
	}
	assert.Equal(t, []string{"inbound_service", "outbound_sales"}, ids)

	in, _ := p.Scorecard("inbound_service")
	var items []string
	for _, it := range in.Items() {
		items = append(items, it.ID)
	}
	// The call center's service standard, item by item.
	assert.Equal(t, []string{
		"answer_within_3_rings", "standard_greeting", "give_agent_id",
		"confirm_details", "take_notes", "no_pretending", "protect_customer_information",
		"hold_permission", "hold_under_1_minute", "no_long_silence", "transfer_named",
		"voice", "plain_language", "courtesy", "apologise_own_error", "special_needs",
		"no_mocking", "no_rhetorical_questions", "no_rudeness", "no_arguing", "call_manager", "no_interrupting", "no_forbidden_phrases",
		"anything_else", "thank_caller", "customer_hangs_up_first",
	}, items)

	assert.True(t, p.PayRelevant(QA))
	assert.True(t, p.PayRelevant(Lead))
	assert.False(t, p.PayRelevant(Peer))
	assert.False(t, p.PayRelevant(Self))
	assert.False(t, p.PayRelevant("boss"))
	assert.Equal(t, 14*24*time.Hour, p.disputes.window)
	assert.Equal(t, 3, p.feedback.minPositive)
	assert.Equal(t, 5, p.feedback.maxPositive)
	assert.Equal(t, 5.0, p.calibration.tolerance)
}

// TestDefaultsWhenOmitted: a policy that writes only its scorecards gets
// the documented defaults, which are also the values of default.yaml.
func TestDefaultsWhenOmitted(t *testing.T) {
	p := loadPolicy(t, "small.yaml")
	d := DefaultPolicy()
	assert.Equal(t, d.feedback, p.feedback)
	assert.Equal(t, d.calibration, p.calibration)
	assert.Equal(t, d.disputes, p.disputes)
	assert.Equal(t, d.trends, p.trends)
	assert.Equal(t, d.sampling, p.sampling)
	assert.Equal(t, d.evaluators, p.evaluators)
	assert.Equal(t, d.payRelevant, p.payRelevant)
}

// TestPolicyErrorsGolden asserts the whole multi-problem message of each
// fixture, lines and columns included: errors.yaml breaks the scorecard
// rules, errors_settings.yaml every setting and the remaining scorecard
// rules. Run with -update to rewrite the golden files, then read them.
func TestPolicyErrorsGolden(t *testing.T) {
	for _, name := range []string{"errors", "errors_settings"} {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", name+".yaml"))
			require.NoError(t, err)
			p, err := ParsePolicy(src)
			require.Error(t, err)
			assert.Nil(t, p)
			var pe *callfloor.PolicyError
			require.True(t, errors.As(err, &pe))
			golden := filepath.Join("testdata", name+".golden")
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(err.Error()+"\n"), 0o644))
			}
			want, err2 := os.ReadFile(golden)
			require.NoError(t, err2)
			assert.Equal(t, string(want), err.Error()+"\n")
			assert.Len(t, pe.Problems, strings.Count(string(want), "\n\t"), "one Problem per line of the message")
		})
	}
}

func TestPolicyProblems(t *testing.T) {
	const card = `
scorecards:
  - id: c
    version: "1"
    pass_mark: 80
    sections:
      - id: s
        weight: 1
        items:
          - {id: i, text: t, type: yes_no, good: g, fix: f}
`
	tests := []struct {
		name, src, want string
	}{
		{"empty policy is fatal", "", "qa policy: 1 problem\n\tline 1, column 1: policy is empty"},
		{"version is required", card, "qa policy: 1 problem\n\tversion: line 2, column 1: required field is missing"},
		{"no scorecards", "version: x\nscorecards: []\n",
			"qa policy: 1 problem\n\tscorecards: line 2, column 13: a policy needs at least one scorecard"},
		{"weights_total on items that do not add up", `version: x
scorecards:
  - id: c
    version: "1"
    pass_mark: 80
    sections:
      - id: s
        weight: 1
        weights_total: 10
        items:
          - {id: i, text: t, type: yes_no, weight: 4, good: g, fix: f}
          - {id: j, text: t, type: yes_no, weight: 5.5, good: g, fix: f}
`, "qa policy: 1 problem\n\tscorecards[0].sections[0].weights_total: line 9, column 24: item weights add up to 9.5, not the declared 10"},
		{"decimal weights that add up are accepted", `version: x
scorecards:
  - id: c
    version: "1"
    pass_mark: 80
    weights_total: 0.3
    sections:
      - {id: s, weight: 0.1, items: [{id: i, text: t, type: yes_no, good: g, fix: f}]}
      - {id: u, weight: 0.2, items: [{id: j, text: t, type: yes_no, good: g, fix: f}]}
`, ""},
		{"scale with min equal to max", `version: x
scorecards:
  - id: c
    version: "1"
    pass_mark: 80
    sections:
      - {id: s, weight: 1, items: [{id: i, text: t, type: scale, scale: {min: 3, max: 3}, good: g, fix: f}]}
`, "qa policy: 1 problem\n\tscorecards[0].sections[0].items[0].scale.max: line 7, column 87: max 3 must be above min 3"},
		{"section-critical item with N/A", `version: x
scorecards:
  - id: c
    version: "1"
    pass_mark: 80
    sections:
      - {id: s, weight: 1, items: [{id: i, text: t, type: yes_no, critical: section, allow_na: true, good: g, fix: f}]}
`, "qa policy: 1 problem\n\tscorecards[0].sections[0].items[0].allow_na: line 7, column 96: a critical item cannot allow N/A: a check that can be skipped cannot fail the section"},
		{"pass mark on the first valid value", strings.Replace("version: x"+card, "pass_mark: 80", "pass_mark: 0", 1), ""},
		{"pass mark on the last valid value", strings.Replace("version: x"+card, "pass_mark: 80", "pass_mark: 100", 1), ""},
		{"pass mark just above the range", strings.Replace("version: x"+card, "pass_mark: 80", "pass_mark: 100.5", 1),
			"qa policy: 1 problem\n\tscorecards[0].pass_mark: line 5, column 16: must be between 0 and 100, got 100.5"},
		{"min_feedback_delivered above 1", "version: x\nevaluators: {min_feedback_delivered: 90}" + card,
			"qa policy: 1 problem\n\tevaluators.min_feedback_delivered: line 2, column 38: must be a share between 0 and 1, got 90"},
		{"duration in days for the dispute window", "version: x\ndisputes: {window: 7d, max_items: 1}" + card, ""},
		{"negative extra sample", "version: x\nsampling: {new_hire: {within: 30d, extra: -1}}" + card,
			"qa policy: 1 problem\n\tsampling.new_hire.extra: line 2, column 43: must not be negative, got -1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParsePolicy([]byte(tc.src))
			if tc.want == "" {
				require.NoError(t, err)
				require.NotNil(t, p)
				return
			}
			require.Error(t, err)
			assert.Nil(t, p)
			assert.Equal(t, tc.want, err.Error())
		})
	}
}

// TestDefaultScorecardCoversServiceStandard walks the call center's service
// standard rule by rule and finds the inbound item that scores
// it, by the words of the rule in the item's text.
func TestDefaultScorecardCoversServiceStandard(t *testing.T) {
	sc, ok := DefaultPolicy().Scorecard("inbound_service")
	require.True(t, ok)
	items := map[string]ItemInfo{}
	for _, it := range sc.Items() {
		items[it.ID] = it
	}
	rules := []struct {
		rule, item string
		words      []string
	}{
		{"answer inbound calls within 3 rings", "answer_within_3_rings", []string{"3 rings"}},
		{"standard greeting with company and own name", "standard_greeting", []string{"company name", "own name"}},
		{"pleasant, moderate speed and volume", "voice", []string{"pleasant", "speed", "volume"}},
		{"confirm details by repeating them back, spell names correctly", "confirm_details", []string{"repeating them back", "spelled correctly"}},
		{"ask permission before hold, thank for waiting", "hold_permission", []string{"permission", "thanked them for waiting"}},
		{"never on hold more than 1 minute", "hold_under_1_minute", []string{"1 minute"}},
		{"on transfer, state the colleague's name and confirm someone answered", "transfer_named", []string{"colleague's name", "confirmed someone answered"}},
		{"no sudden transfers", "transfer_named", []string{"told the caller first"}},
		{"ask \"anything else?\"", "anything_else", []string{"anything else"}},
		{"thank the caller", "thank_caller", []string{"thanked"}},
		{"end positively and welcome the customer to call again", "thank_caller", []string{"welcomed them to call again"}},
		{"let the customer hang up first", "customer_hangs_up_first", []string{"hang up first"}},
		{"never vague expressions, slang, jargon or clichés", "plain_language", []string{"vague", "slang", "jargon", "clichés"}},
		{"never over-sensitivity", "courtesy", []string{"over-sensitivity"}},
		{"never inappropriate jokes", "courtesy", []string{"jokes"}},
		{"never smoking or eating on a call", "voice", []string{"eating", "smoking"}},
		{"never shouting", "voice", []string{"shouting"}},
		{"never pretend to know everything", "no_pretending", []string{"pretend to know everything"}},
		{"never interrupt or challenge the customer", "no_interrupting", []string{"interrupt", "challenge"}},
		{"never argue or talk back", "no_arguing", []string{"argue", "talk back"}},
		{"call the manager or supervisor in instead of arguing", "call_manager", []string{"manager or supervisor", "instead of arguing"}},
		{"never bureaucratic tone, excessive humility", "courtesy", []string{"bureaucratic", "excessive humility"}},
		{"never rudeness", "no_rudeness", []string{"rude"}},
		{"mocking a customer's defect is strictly forbidden", "no_mocking", []string{"mocked a customer's defect", "strictly forbidden"}},
		{"a list of forbidden service phrases", "no_forbidden_phrases", []string{"forbidden service phrases"}},
		{"apologise at once for one's own error", "apologise_own_error", []string{"apologised at once", "error of one's own"}},
		{"help callers with special needs (elderly, disabled)", "special_needs", []string{"special needs", "elderly", "disabled"}},
		{"avoid long silences", "no_long_silence", []string{"no long silence"}},
		{"give one's agent ID", "give_agent_id", []string{"agent id"}},
		{"never rely on memory without notes", "take_notes", []string{"notes", "memory"}},
		{"a rhetorical or interrogating tone is strictly forbidden", "no_rhetorical_questions", []string{"rhetorical", "interrogating", "strictly forbidden"}},
		{"leaking customer information is the gravest breach", "protect_customer_information", []string{"confidential"}},
	}
	for _, r := range rules {
		it, ok := items[r.item]
		if !assert.True(t, ok, "%s: no item %s", r.rule, r.item) {
			continue
		}
		for _, w := range r.words {
			assert.Contains(t, strings.ToLower(it.Text), strings.ToLower(w), "%s: item %s", r.rule, r.item)
		}
	}
	leak := items["protect_customer_information"]
	assert.Equal(t, FailsEvaluation, leak.Critical, "the gravest breach fails the whole evaluation")
	assert.False(t, leak.AllowNA)
	// What the standard strictly forbids, and rudeness, fail the
	// evaluation; arguing zeroes its section; an interruption costs its
	// weight.
	for _, id := range []string{"no_mocking", "no_rhetorical_questions", "no_rudeness"} {
		assert.Equal(t, FailsEvaluation, items[id].Critical, id)
	}
	assert.Equal(t, FailsSection, items["no_arguing"].Critical)
	assert.Equal(t, NotCritical, items["no_interrupting"].Critical)
	assert.NotEmpty(t, items["no_forbidden_phrases"].Phrases, "the forbidden phrases are listed for the evaluator")
}

func TestPolicyScaleBounds(t *testing.T) {
	card := func(scale string) string {
		return "version: x\nscorecards:\n  - {id: c, version: \"1\", pass_mark: 50, sections: [{id: s, weight: 1, items: [{id: i, text: t, type: scale, scale: " + scale + ", good: g, fix: f}]}]}\n"
	}
	tests := []struct {
		reason, scale, want string
	}{
		{"two points is the smallest scale", "{min: 0, max: 1}", ""},
		{"101 points is the largest", "{min: 0, max: 100}", ""},
		{"102 points is one too many", "{min: 0, max: 101}",
			"qa policy: 1 problem\n\tscorecards[0].sections[0].items[0].scale.max: line 3, column 131: a scale has at most 101 points; 0..101 has 102"},
		{"the lowest end allowed", "{min: -1000, max: -999}", ""},
		{"the highest end allowed", "{min: 999, max: 1000}", ""},
		{"an end beyond the bounds, where max - min would overflow", "{min: -9223372036854775808, max: 9223372036854775807}",
			"qa policy: 2 problems\n\tscorecards[0].sections[0].items[0].scale.min: line 3, column 123: -9223372036854775808 is beyond the scale ends allowed, -1000..1000\n\tscorecards[0].sections[0].items[0].scale.max: line 3, column 150: 9223372036854775807 is beyond the scale ends allowed, -1000..1000"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := ParsePolicy([]byte(card(tc.scale)))
			if tc.want == "" {
				assert.NoError(t, err)
				return
			}
			assert.EqualError(t, err, tc.want)
		})
	}
}

// TestPayRelevantSources: the policy, not the code, says which sources
// count toward pay.
func TestPayRelevantSources(t *testing.T) {
	const card = `
scorecards:
  - {id: c, version: "1", pass_mark: 50, sections: [{id: s, weight: 1, items: [{id: i, text: t, type: yes_no, good: g, fix: f}]}]}
`
	tests := []struct {
		reason string
		list   string
		want   map[Source]bool
	}{
		{"left out: the default, QA and lead", "", map[Source]bool{QA: true, Lead: true, Peer: false, Self: false}},
		{"peer evaluations only", "sources: {pay_relevant: [peer]}\n", map[Source]bool{QA: false, Lead: false, Peer: true, Self: false}},
		{"an empty list: nothing counts", "sources: {pay_relevant: []}\n", map[Source]bool{QA: false, Lead: false, Peer: false, Self: false}},
		{"all four", "sources: {pay_relevant: [qa, peer, self, lead]}\n", map[Source]bool{QA: true, Lead: true, Peer: true, Self: true}},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			p := loadPolicyFromString(t, "version: x\n"+tc.list+card)
			sc, _ := p.Scorecard("c")
			for src, want := range tc.want {
				assert.Equal(t, want, p.PayRelevant(src), "%s", src)
				r, err := sc.Score(Evaluation{Source: src, Answers: []Answer{{Item: "i", Value: 1}}})
				require.NoError(t, err)
				assert.Equal(t, want, r.PayRelevant, "%s", src)
				last := r.Reasons[len(r.Reasons)-1]
				assert.Equal(t, "sources.pay_relevant", last.Rule)
				assert.Contains(t, last.Text, "by source "+string(src)+" ")
				assert.Equal(t, want, !strings.Contains(last.Text, "do not count"), last.Text)
			}
		})
	}
}

// TestPolicyIDs holds every id the policy declares (scorecards, sections,
// items) to callfloor.ValidID, reported at the id with its line and
// column: ids join into the dotted rule paths of reasons, and an id such
// as "critical:a:b" or "a.b" would make them ambiguous.
func TestPolicyIDs(t *testing.T) {
	card := func(scorecard, section, item string) string {
		return fmt.Sprintf(`version: x
scorecards:
  - id: %s
    version: "1"
    pass_mark: 80
    sections:
      - id: %s
        weight: 1
        items:
          - {id: %s, text: t, type: yes_no, good: g, fix: f}
`, scorecard, section, item)
	}
	tests := []struct {
		name, src, want string
	}{
		{"lower_snake_case ids with digits", card("inbound_2", "s1", "answer_within_3_rings"), ""},
		{"a one-letter id", card("c", "s", "i"), ""},
		{"a scorecard id with a dash", card("inbound-service", "s", "i"),
			"qa policy: 1 problem\n\tscorecards[0].id: line 3, column 9: scorecard id \"inbound-service\" must be lower_snake_case (a-z, 0-9, _)"},
		{"a scorecard id in capitals", card("Inbound", "s", "i"),
			"qa policy: 1 problem\n\tscorecards[0].id: line 3, column 9: scorecard id \"Inbound\" must be lower_snake_case (a-z, 0-9, _)"},
		{"a section id with a dot", card("c", "a.b", "i"),
			"qa policy: 1 problem\n\tscorecards[0].sections[0].id: line 7, column 13: section id \"a.b\" must be lower_snake_case (a-z, 0-9, _)"},
		{"a section id starting with a digit", card("c", "1st", "i"),
			"qa policy: 1 problem\n\tscorecards[0].sections[0].id: line 7, column 13: section id \"1st\" must be lower_snake_case (a-z, 0-9, _)"},
		{"an item id with colons", card("c", "s", `"critical:a:b"`),
			"qa policy: 1 problem\n\tscorecards[0].sections[0].items[0].id: line 10, column 18: item id \"critical:a:b\" must be lower_snake_case (a-z, 0-9, _)"},
		{"an item id with a space", card("c", "s", `"no argue"`),
			"qa policy: 1 problem\n\tscorecards[0].sections[0].items[0].id: line 10, column 18: item id \"no argue\" must be lower_snake_case (a-z, 0-9, _)"},
		{"an item id starting with an underscore", card("c", "s", "_i"),
			"qa policy: 1 problem\n\tscorecards[0].sections[0].items[0].id: line 10, column 18: item id \"_i\" must be lower_snake_case (a-z, 0-9, _)"},
		{"an empty item id", card("c", "s", `""`),
			"qa policy: 1 problem\n\tscorecards[0].sections[0].items[0].id: line 10, column 18: must not be empty"},
		{"every kind at once", card("C", "S", "I"),
			"qa policy: 3 problems\n\tscorecards[0].id: line 3, column 9: scorecard id \"C\" must be lower_snake_case (a-z, 0-9, _)" +
				"\n\tscorecards[0].sections[0].id: line 7, column 13: section id \"S\" must be lower_snake_case (a-z, 0-9, _)" +
				"\n\tscorecards[0].sections[0].items[0].id: line 10, column 18: item id \"I\" must be lower_snake_case (a-z, 0-9, _)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParsePolicy([]byte(tc.src))
			if tc.want == "" {
				require.NoError(t, err)
				require.NotNil(t, p)
				return
			}
			assert.Nil(t, p)
			require.EqualError(t, err, tc.want)
		})
	}
}
