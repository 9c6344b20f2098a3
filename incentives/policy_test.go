package incentives

import (
	"errors"
	"flag"
	"github.com/callfloor/callfloor"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

func mustPolicy(t testing.TB, path string) *Policy {
	t.Helper()
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	p, err := ParsePolicy(src)
	require.NoError(t, err)
	return p
}

func small(t testing.TB) *Policy { return mustPolicy(t, "testdata/small.yaml") }

func TestDefaultPolicyParses(t *testing.T) {
	p, err := ParsePolicy(DefaultPolicySource())
	require.NoError(t, err)
	assert.Equal(t, "default-1", p.Identity().Version)
	assert.Len(t, p.Identity().Hash, 12)
	assert.Equal(t, "CNY", p.Currency())
	assert.Equal(t, 2, p.MinorDigits())
	assert.Equal(t, Monthly, p.PayPeriod())
	assert.Same(t, DefaultPolicy(), DefaultPolicy())
	assert.Equal(t, p.Identity(), DefaultPolicy().Identity())
	assert.Contains(t, p.Metrics(), "qa_avg")
}

// TestPolicyErrorsGolden checks the whole multi-problem message of a policy
// with many mistakes, lines and columns included.
func TestPolicyErrorsGolden(t *testing.T) {
	src, err := os.ReadFile("testdata/errors.yaml")
	require.NoError(t, err)
	_, perr := ParsePolicy(src)
	require.Error(t, perr)
	var pe *callfloor.PolicyError
	require.True(t, errors.As(perr, &pe))
	assert.Equal(t, "incentives policy", pe.Kind)
	assert.Len(t, pe.Problems, 33)
	got := perr.Error() + "\n"
	if *update {
		require.NoError(t, os.WriteFile("testdata/errors.golden", []byte(got), 0o644))
	}
	want, err := os.ReadFile("testdata/errors.golden")
	require.NoError(t, err)
	assert.Equal(t, string(want), got)
	var pr callfloor.Problem
	require.True(t, errors.As(perr, &pr))
	assert.Equal(t, "version", pr.Path)
}

func TestParsePolicyProblems(t *testing.T) {
	const head = "version: v\ncurrency: EUR\nmetrics: [{name: qa_avg}, {name: calls, kind: count}]\n"
	tests := []struct {
		name, src, want string
	}{
		{"an undeclared metric is placed at its column",
			head + "rewards:\n  rules:\n    - {id: r, when: \"qa_avg > 1 && csat > 4\", bonus: 1}\n",
			"rewards.rules[0].when: line 6, column 36: unknown metric \"csat\"; declared: qa_avg, calls"},
		{"a required field is missing",
			"version: v\nmetrics: []\n",
			"currency: line 1, column 1: required field is missing"},
		{"an unknown field at the top",
			head + "bonus: 1\n",
			"bonus: line 4, column 1: unknown field; allowed: kind, locale, version, currency, minor_digits, pay_period, metrics, qa, rewards, pool, discipline, assessment, ladder, contests, names"},
		{"a negative pool budget",
			head + "pool: {budget: -1}\n",
			"pool.budget: line 4, column 16: must not be negative"},
		{"two automatic grades after one",
			head + "ladder:\n  grades:\n    - {id: a}\n    - {id: b, after: a}\n    - {id: c, after: a}\n",
			"ladder.grades[2].after: line 8, column 22: grade \"a\" already leads to \"b\"; a second grade after it must set on_application: true"},
		{"a grade after an unknown grade",
			head + "ladder:\n  grades:\n    - {id: a}\n    - {id: b, after: z}\n",
			"ladder.grades[1].after: line 7, column 22: \"z\" is not a grade of the ladder"},
		{"a ladder QA requirement above 100",
			head + "ladder:\n  grades:\n    - {id: a}\n    - {id: b, after: a, qa: {min: 900}}\n",
			"ladder.grades[1].qa.min: line 7, column 35: 900 is out of range 0..100 of a QA average"},
		{"a ladder without an entry grade",
			head + "ladder:\n  grades:\n    - {id: a, after: b}\n    - {id: b, after: a}\n",
			"ladder.grades[0].after: line 6, column 22: grades form a cycle through \"a\""},
		{"fines off still validates caps",
			head + "discipline:\n  fines: {enabled: false, per_incident_max: -2}\n",
			"discipline.fines.per_incident_max: line 5, column 45: must not be negative"},
		{"a tier id that is not an identifier",
			head + "rewards:\n  tiers:\n    - id: s\n      tiers: [{id: \"go ld\", when: qa_avg > 1, bonus: 1}]\n",
			"rewards.tiers[0].tiers[0].id: line 7, column 20: tier id \"go ld\" must be lower_snake_case (a-z, 0-9, _)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePolicy([]byte(tt.src))
			require.Error(t, err)
			var pe *callfloor.PolicyError
			require.True(t, errors.As(err, &pe))
			lines := make([]string, len(pe.Problems))
			for i, p := range pe.Problems {
				lines[i] = p.Error()
			}
			assert.Contains(t, lines, tt.want, strings.Join(lines, "\n"))
		})
	}
}

func TestParsePolicyFatal(t *testing.T) {
	for _, src := range []string{"", "version: [", strings.Repeat("x", 1<<20+1)} {
		p, err := ParsePolicy([]byte(src))
		assert.Nil(t, p)
		var pe *callfloor.PolicyError
		assert.True(t, errors.As(err, &pe))
	}
}

func TestIdentityTellsSourcesApart(t *testing.T) {
	a := mustPolicy(t, "testdata/small.yaml")
	src, _ := os.ReadFile("testdata/small.yaml")
	b, err := ParsePolicy(append(src, []byte("\n# edited\n")...))
	require.NoError(t, err)
	assert.Equal(t, a.Identity().Version, b.Identity().Version)
	assert.NotEqual(t, a.Identity().Hash, b.Identity().Hash)
}

// An agent below every QA band would be paid in full, more than one in
// the lowest band; a policy must leave no figure outside the bands.
func TestMultiplierBandsCoverTheMetric(t *testing.T) {
	policy := func(metric, lowest string) []byte {
		return []byte(`version: "1"
currency: CNY
metrics:
  - ` + metric + `
rewards:
  qa_multiplier:
    metric: qa_avg
    bands:
      - {id: good, min: 90, percent: 120}
      - {id: low, min: ` + lowest + `, percent: 50}
`)
	}
	_, err := ParsePolicy(policy("{name: qa_avg, min: 0, max: 100}", "60"))
	assert.EqualError(t, err, "incentives policy: 1 problem\n\trewards.qa_multiplier.bands[1].min: line 10, column 24: 60 leaves qa_avg from 0 up to 60 in no band; the last band must start at 0, the metric's minimum")

	_, err = ParsePolicy(policy("{name: qa_avg}", "0"))
	assert.EqualError(t, err, "incentives policy: 1 problem\n\trewards.qa_multiplier.bands[1].min: line 10, column 24: qa_avg declares no minimum, so a figure can fall below every band; declare its min, or start the last band at it")

	_, err = ParsePolicy(policy("{name: qa_avg, min: 0, max: 100}", "0"))
	assert.NoError(t, err, "bands from the metric's minimum up cover every figure")

	_, err = ParsePolicy(policy("{name: qa_avg, min: 0, max: 100}", "-5"))
	assert.NoError(t, err, "a band starting below the minimum covers it too")
}

// Every id a policy declares follows callfloor.ValidID, since ids join
// into the dotted rule paths of reasons: a hyphen, a capital, a leading
// digit or underscore, or a letter outside ASCII is a problem at the id,
// with its line and column; the same policy with a valid id parses.
func TestPolicyIDs(t *testing.T) {
	const head = "version: v\ncurrency: EUR\nmetrics: [{name: qa_avg}, {name: calls, kind: count}]\n"
	tests := []struct {
		name, src, want string
	}{
		{"metric name", "version: v\ncurrency: EUR\nmetrics: [{name: qa_avg}, {name: ID}]\n",
			`metrics[1].name: line 3, column 34: metric name "ID" must be lower_snake_case (a-z, 0-9, _)`},
		{"metric name with a hyphen", "version: v\ncurrency: EUR\nmetrics: [{name: qa-avg}]\n",
			`metrics[0].name: line 3, column 18: metric name "qa-avg" must be lower_snake_case (a-z, 0-9, _)`},
		{"rule id", head + "rewards:\n  rules: [{id: Top, when: qa_avg > 1, bonus: 1}]\n",
			`rewards.rules[0].id: line 5, column 16: rule id "Top" must be lower_snake_case (a-z, 0-9, _)`},
		{"tier group id", head + "rewards:\n  tiers: [{id: _star, tiers: [{id: gold, when: qa_avg > 1, bonus: 1}]}]\n",
			`rewards.tiers[0].id: line 5, column 16: tier group id "_star" must be lower_snake_case (a-z, 0-9, _)`},
		{"tier id", head + "rewards:\n  tiers: [{id: star, tiers: [{id: 1st, when: qa_avg > 1, bonus: 1}]}]\n",
			`rewards.tiers[0].tiers[0].id: line 5, column 35: tier id "1st" must be lower_snake_case (a-z, 0-9, _)`},
		{"points id", head + "rewards:\n  points: [{id: qa-points, metric: qa_avg, from: 80, to: 100, points: 10}]\n",
			`rewards.points[0].id: line 5, column 17: points id "qa-points" must be lower_snake_case (a-z, 0-9, _)`},
		{"band id", "version: v\ncurrency: EUR\nmetrics: [{name: qa_avg, min: 0}]\nrewards:\n  qa_multiplier: {metric: qa_avg, bands: [{id: Top, min: 0, percent: 120}]}\n",
			`rewards.qa_multiplier.bands[0].id: line 5, column 48: band id "Top" must be lower_snake_case (a-z, 0-9, _)`},
		{"badge", head + "rewards:\n  rules: [{id: top, when: qa_avg > 1, badge: Full-Attendance}]\n",
			`rewards.rules[0].badge: line 5, column 46: badge "Full-Attendance" must be lower_snake_case (a-z, 0-9, _)`},
		{"violation kind id", head + "discipline:\n  kinds: [{id: Late, severity: minor}]\n",
			`discipline.kinds[0].id: line 5, column 16: violation kind id "Late" must be lower_snake_case (a-z, 0-9, _)`},
		{"grade id", head + "ladder:\n  grades: [{id: Junior}]\n",
			`ladder.grades[0].id: line 5, column 17: grade id "Junior" must be lower_snake_case (a-z, 0-9, _)`},
		{"track", head + "ladder:\n  grades: [{id: junior, track: pro-track}]\n",
			`ladder.grades[0].track: line 5, column 32: track "pro-track" must be lower_snake_case (a-z, 0-9, _)`},
		{"exam", head + "ladder:\n  grades: [{id: junior, exam: Exam.1}]\n",
			`ladder.grades[0].exam: line 5, column 31: exam "Exam.1" must be lower_snake_case (a-z, 0-9, _)`},
		{"contest id", head + "contests: [{id: Cup, every: monthly, metric: qa_avg, prizes: [1]}]\n",
			`contests[0].id: line 4, column 17: contest id "Cup" must be lower_snake_case (a-z, 0-9, _)`},
		{"a letter outside ASCII", head + "rewards:\n  rules: [{id: é, when: qa_avg > 1, bonus: 1}]\n",
			`rewards.rules[0].id: line 5, column 16: rule id "é" must be lower_snake_case (a-z, 0-9, _)`},
		{"a word of the condition language", "version: v\ncurrency: EUR\nmetrics: [{name: qa_avg}, {name: \"true\"}]\n",
			`metrics[1].name: line 3, column 34: metric name "true" is a word of the condition language`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePolicy([]byte(tt.src))
			var pe *callfloor.PolicyError
			require.True(t, errors.As(err, &pe), "%v", err)
			lines := make([]string, len(pe.Problems))
			for i, p := range pe.Problems {
				lines[i] = p.Error()
			}
			assert.Equal(t, []string{tt.want}, lines)
		})
	}
	// The policies above parse once their id is valid.
	for _, src := range []string{
		head + "rewards:\n  rules: [{id: top_1, when: qa_avg > 1, bonus: 1, badge: full_attendance}]\n",
		head + "ladder:\n  grades: [{id: junior, track: pro_track, exam: exam_1}]\n",
		head + "contests: [{id: cup, every: monthly, metric: qa_avg, prizes: [1]}]\n",
	} {
		_, err := ParsePolicy([]byte(src))
		assert.NoError(t, err, src)
	}
}
