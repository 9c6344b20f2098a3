package coaching

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/golden"
	"github.com/callfloor/callfloor/mood"
)

func zhPolicy(t *testing.T) *Policy {
	t.Helper()
	p, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	return p
}

func TestDefaultPolicyFor(t *testing.T) {
	en, err := DefaultPolicyFor("en")
	require.NoError(t, err)
	require.Same(t, DefaultPolicy(), en)
	require.Equal(t, "en", en.Locale())
	zh := zhPolicy(t)
	require.Equal(t, "zh-CN", zh.Locale())
	again, _ := DefaultPolicyFor("zh-CN")
	require.Same(t, zh, again)
	_, err = DefaultPolicyFor("fr")
	require.EqualError(t, err, `coaching: no default policy for locale "fr"; there are: en, zh-CN`)
	require.Equal(t, "", (*Policy)(nil).Locale())
}

// zhResults are typical results of the Chinese default policy, from the
// inputs of the English goldens.
func zhResults(t *testing.T) map[string]any {
	t.Helper()
	p := zhPolicy(t)
	r := policyResults(t, p)
	return map[string]any{
		"reminders.zh-CN":        r.remindersOwed,
		"proposals.zh-CN":        r.props,
		"proposals_lead.zh-CN":   p.ProposalsFor(r.props, mood.AudienceLead),
		"proposals_unread.zh-CN": r.partial,
		"retention.zh-CN":        r.keep,
		"retention_unread.zh-CN": r.unknown,
		"hiring_result.zh-CN":    r.hiring,
		"plan_new_hire.zh-CN":    r.newHire,
		"plan_veteran.zh-CN":     r.veteran,
		"plan_established.zh-CN": r.settled,
		"pairings.zh-CN":         r.pairings,
		"meetings.zh-CN":         r.meetings,
		"adopted.zh-CN":          r.adoptions,
	}
}

// TestGoldenChinese holds typical results of the Chinese default policy
// to their JSON byte for byte.
func TestGoldenChinese(t *testing.T) {
	golden.JSON(t, "./coaching", zhResults(t), *update)
}

// TestChineseSentences: a few sentences of the Chinese default, in full,
// with the same message ids and facts as the English ones.
func TestChineseSentences(t *testing.T) {
	zh, en := zhPolicy(t), DefaultPolicy()
	c, err := zh.Open(PerformanceReview, "agent-17", t0)
	require.NoError(t, err)
	got := zh.Due(c, t0.Add(10*day))
	require.Len(t, got, 1)
	assert.Equal(t, []callfloor.Reason{{Rule: "workflows.performance_review.steps.analyze_scores", Outcome: callfloor.Fired,
		Text: "绩效面谈：步骤“分析绩效成绩”已逾期，应由组长完成", Message: "coaching.reminder.overdue"}}, got[0].Reasons)
	want := en.Due(c, t0.Add(10*day))
	assert.Equal(t, want[0].Reasons[0].Message, got[0].Reasons[0].Message)

	s := with(quiet(), "resigned", 1.0)
	zr, err := zh.Retention("agent-5", s)
	require.NoError(t, err)
	er, err := en.Retention("agent-5", s)
	require.NoError(t, err)
	assert.Equal(t, "表现优秀且已过试用期；尽量挽留（质检均分=92、危机记录=0、司龄天数=400）", zr.Reasons[0].Text)
	assert.Equal(t, er.Reasons[0].Facts, zr.Reasons[0].Facts)
	assert.Equal(t, er.Reasons[0].Message, zr.Reasons[0].Message)

	sheets := []ScoreSheet{sheet("hr.zhao", 4, 4, 5, 4, 3, 4, 4, 4, 4, 4), sheet("dept.qian", 4, 2, 4, 4, 3, 4, 3, 4, 4, 4)}
	zs, err := zh.ScoreInterview("cand-8", sheets)
	require.NoError(t, err)
	es, err := en.ScoreInterview("cand-8", sheets)
	require.NoError(t, err)
	assert.Equal(t, []string{"面试官对应变能力的评分分歧过大（评分4、2；分差2 > 1.5）", "待定：总分3.89达到录用线3.5，但面试官意见分歧；讨论后再作决定"},
		[]string{zs.Reasons[0].Text, zs.Reasons[1].Text})
	for i := range es.Reasons {
		assert.Equal(t, es.Reasons[i].Facts, zs.Reasons[i].Facts)
		assert.Equal(t, es.Reasons[i].Message, zs.Reasons[i].Message)
	}
	pl, err := zh.Plan(Employee{ID: "n1", Team: "north", Hired: t0.Add(-20 * day)}, t0)
	require.NoError(t, err)
	assert.Equal(t, "入职20天，不满90天：新员工容易被排挤；每14天关怀一次、每7天业务辅导一次，直至2026年5月11日", pl.Reasons[0].Text)
}

// englishWord finds a run of three or more Latin letters, with the
// identifier characters around it, so that an id is read whole.
var englishWord = regexp.MustCompile(`[A-Za-z0-9_./\-]*[A-Za-z]{3,}[A-Za-z0-9_./\-]*`)

// TestChineseHasNoEnglish: no sentence of the typical results of the
// Chinese default holds an English word, nor an id the policy declares
// (a signal, role, kind, dimension or step, all lower_snake_case), which
// it writes by its display name; only the ids of the data (cases and
// people, with a dot, slash, dash or digit), the teams of the test data
// and what the host recorded remain.
func TestChineseHasNoEnglish(t *testing.T) {
	allowed := map[string]bool{"north": true, "east": true, "night": true, "south": true}
	hostData := []string{feedbackRecs[1].Value, adopted.Value}
	var walk func(v any)
	var texts []string
	collect := func(rs []callfloor.Reason) {
		for _, r := range rs {
			texts = append(texts, r.Text)
		}
	}
	walk = func(v any) {
		switch x := v.(type) {
		case []Reminder:
			for _, r := range x {
				collect(r.Reasons)
			}
		case Proposals:
			for _, g := range [][]Proposal{x.Proposed, x.Suppressed, x.Held} {
				for _, p := range g {
					collect(p.Reasons)
				}
			}
		case RetentionDecision:
			collect(x.Reasons)
		case HiringResult:
			collect(x.Reasons)
		case Plan:
			collect(x.Reasons)
		case Pairings:
			for _, p := range x.Pairs {
				collect(p.Reasons)
			}
			for _, p := range x.Unpaired {
				collect(p.Reasons)
			}
		case []Meeting:
			for _, m := range x {
				collect(m.Reasons)
				for _, tp := range m.Topics {
					texts = append(texts, tp.Text)
				}
			}
		case AdoptedSuggestions:
			for _, s := range x.Subjects {
				collect(s.Reasons)
			}
		default:
			t.Fatalf("no walk for %T", v)
		}
	}
	for _, v := range zhResults(t) {
		walk(v)
	}
	require.NotEmpty(t, texts)
	for _, s := range texts {
		for _, h := range hostData {
			s = strings.ReplaceAll(s, h, "")
		}
		for _, w := range englishWord.FindAllString(s, -1) {
			if !allowed[w] && !strings.ContainsAny(w, "./-0123456789") {
				t.Errorf("English word %q in %q", w, s)
			}
		}
	}
}
