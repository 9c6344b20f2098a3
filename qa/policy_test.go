package qa

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	// The service standard of DOMAIN.md section 4, item by item.
	assert.Equal(t, []string{
		"answer_within_3_rings", "standard_greeting",
		"confirm_details", "take_notes", "no_pretending", "protect_customer_information",
		"hold_permission", "hold_under_1_minute", "transfer_named",
		"voice", "no_interrupting_or_arguing", "plain_language", "no_rhetorical_questions", "courtesy",
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

func TestPolicyErrorsGolden(t *testing.T) {
	src, err := os.ReadFile("testdata/errors.yaml")
	require.NoError(t, err)
	_, err = ParsePolicy(src)
	require.Error(t, err)
	var pe *PolicyError
	require.True(t, errors.As(err, &pe))
	golden := "testdata/errors.golden"
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(err.Error()+"\n"), 0o644))
	}
	want, err2 := os.ReadFile(golden)
	require.NoError(t, err2)
	assert.Equal(t, string(want), err.Error()+"\n")
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
