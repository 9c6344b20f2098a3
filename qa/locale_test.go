package qa

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/golden"
)

// zhPolicy is the Simplified Chinese default.
func zhPolicy(t *testing.T) *Policy {
	t.Helper()
	p, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	return p
}

func TestDefaultPolicyFor(t *testing.T) {
	en, err := DefaultPolicyFor("en")
	require.NoError(t, err)
	assert.Same(t, DefaultPolicy(), en)
	assert.Equal(t, "en", en.Locale())
	zh := zhPolicy(t)
	assert.Equal(t, "zh-CN", zh.Locale())
	again, _ := DefaultPolicyFor("zh-CN")
	assert.Same(t, zh, again)
	_, err = DefaultPolicyFor("fr")
	assert.EqualError(t, err, `qa: no default policy for locale "fr"; there are: en, zh-CN`)
	assert.Equal(t, "", (*Policy)(nil).Locale())
}

// zhResults are a few results of the Chinese default from the inputs of
// the English goldens, the reasons worded in Chinese and the figures as
// in English.
func zhResults(t *testing.T) map[string]any {
	t.Helper()
	r := policyResults(t, zhPolicy(t))
	return map[string]any{
		"result_failed.zh-CN": r.failedHold, "feedback_thin.zh-CN": r.thinHold, "sampling_plan.zh-CN": r.samplingFew,
		"sufficiency_held.zh-CN": r.few, "trends.zh-CN": r.trends, "rotation.zh-CN": r.rotationPair,
	}
}

// TestGoldenChinese holds a few results of the Chinese default to their
// JSON byte for byte; go test ./qa -run Golden -update rewrites them.
func TestGoldenChinese(t *testing.T) {
	golden.JSON(t, "./qa", zhResults(t), *update)
}

// TestChineseSentences pins the exact text of a few Chinese sentences,
// their message ids and the figures beside them, which are those of the
// English default.
func TestChineseSentences(t *testing.T) {
	p := zhPolicy(t)
	sc, _ := p.Scorecard("inbound_service")
	r, err := sc.Score(goldenEval(t, sc, "ev-1", t0, map[string]Answer{"protect_customer_information": {Value: 0}}))
	require.NoError(t, err)
	enSc, _ := DefaultPolicy().Scorecard("inbound_service")
	en, err := enSc.Score(goldenEval(t, enSc, "ev-1", t0, map[string]Answer{"protect_customer_information": {Value: 0}}))
	require.NoError(t, err)
	require.Len(t, r.Reasons, len(en.Reasons))
	for i := range r.Reasons {
		assert.Equal(t, en.Reasons[i].Facts, r.Reasons[i].Facts)
		assert.Equal(t, en.Reasons[i].Message, r.Reasons[i].Message)
		assert.Equal(t, en.Reasons[i].Rule, r.Reasons[i].Rule)
	}
	texts := []string{}
	for _, rs := range r.Reasons {
		texts = append(texts, rs.Text)
	}
	assert.Equal(t, []string{
		`关键项"protect_customer_information"未通过：整份质检不合格`,
		"来源为质检员的质检计入与薪酬挂钩的数据",
	}, texts)

	s, err := p.Sufficient(ForPay, 1)
	require.NoError(t, err)
	assert.Equal(t, "1份质检，不足用于薪酬所需的"+itoa(s.Need)+"份：该数据暂缓使用", s.Reasons[0].Text)

	_, err = p.Sufficient(ForPay, -1)
	var ie *callfloor.InputError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, "n: -1为负数", err.Error())
	assert.Equal(t, "qa.input.negative", ie.MessageID)

	_, err = sc.Score(goldenEval(t, sc, "ev-2", t0, map[string]Answer{"voice": {Value: 9}}))
	assert.ErrorContains(t, err, `9超出评分项"voice"的分值范围`)

	_, err = ParsePolicy([]byte("locale: zh-CN\nversion: v1\nscorecards: []\n"))
	assert.ErrorContains(t, err, "scorecards: 第3行第13列：策略至少需要一张评分表")

	assert.Equal(t, "组长", Lead.DisplayName("zh-CN"))
	assert.Equal(t, "lead", Lead.DisplayName("en"))
	assert.Equal(t, "改判", Overturned.DisplayName("zh-CN"))
	assert.Equal(t, "偏严", Harsher.DisplayName("zh-CN"))
	assert.Equal(t, "质检员", RoleEvaluator.DisplayName("zh-CN"))
	assert.Equal(t, "gossip", Source("gossip").DisplayName("zh-CN"))
}

// englishWord finds a run of three or more Latin letters, ids with dots,
// underscores and digits included, so that an id is one word.
var englishWord = regexp.MustCompile(`[A-Za-z][A-Za-z0-9_.]*[A-Za-z0-9]`)

// TestChineseHasNoEnglish: under zh-CN, no reason of the default policy's
// typical results holds an English word of three letters or more, apart
// from ids of the data and the policy and the names of the allow-list.
func TestChineseHasNoEnglish(t *testing.T) {
	p := zhPolicy(t)
	allowed := map[string]bool{"Krippendorff": true}
	for _, sc := range p.Scorecards() {
		allowed[sc.ID()] = true
		for _, it := range sc.Items() {
			allowed[it.ID] = true
		}
		for _, s := range sc.Sections() {
			allowed[s.ID] = true
		}
	}
	for _, id := range []string{"li.na", "qa.wang", "qa.chen", "qa.liu", "lead.zhao", "mei", "lin", "tao", "ping", "jun", "team_a", "team_b", "ev-1", "ev-7"} {
		allowed[id] = true
	}
	var texts []string
	collect := func(rs []callfloor.Reason) {
		for _, r := range rs {
			texts = append(texts, r.Text)
		}
	}
	res := zhResults(t)
	collect(res["result_failed.zh-CN"].(Result).Reasons)
	collect(res["feedback_thin.zh-CN"].(FeedbackPlan).Reasons)
	for _, l := range res["sampling_plan.zh-CN"].(SamplingPlan).Lines {
		collect(l.Reasons)
	}
	collect(res["sufficiency_held.zh-CN"].(Sufficiency).Reasons)
	tr := res["trends.zh-CN"].(TrendReport)
	collect(tr.Reasons)
	for _, x := range tr.Trends {
		collect(x.Reasons)
	}
	for _, x := range tr.Improvers {
		collect(x.Reasons)
	}
	for _, m := range res["rotation.zh-CN"].(RotationReport).Members {
		collect(m.Reasons)
	}
	sc, _ := p.Scorecard("outbound_sales")
	cs := CalibrationSession{ID: "c", Interaction: "call-c", Expert: "lead.zhao"}
	for k, who := range []string{"lead.zhao", "qa.wang", "qa.chen", "qa.liu"} {
		ev := Evaluation{Evaluator: who, Source: QA, Interaction: "call-c", At: t0}
		for i, it := range sc.Items() {
			v := float64(it.Max)
			if i == k {
				v = float64(it.Min)
			}
			ev.Answers = append(ev.Answers, Answer{Item: it.ID, Value: v})
		}
		cs.Evaluations = append(cs.Evaluations, ev)
	}
	cal, err := sc.Calibrate(cs)
	require.NoError(t, err)
	collect(cal.Reasons)
	leans, err := p.Leans([]Calibration{cal, cal, cal})
	require.NoError(t, err)
	for _, l := range leans {
		collect(l.Reasons)
	}
	ev := goldenEval(t, sc, "ev-7", t0, nil)
	d, err := p.OpenDispute(ev, DisputeEvent{ID: "r", Type: EventRaise, At: t0.Add(time.Hour), By: ev.Agent,
		Items: []DisputeItemEvent{{Item: sc.Items()[0].ID, Reason: "录音有噪音"}}})
	require.NoError(t, err)
	_, why := d.Hold()
	collect([]callfloor.Reason{why})
	april := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	sug, err := p.Suggestions(goldenPeriod("2025-04", april, april.AddDate(0, 1, 0)), []Suggestion{
		{Agent: "tao", At: april.AddDate(0, 0, 2), Scorecard: "inbound_service", Item: "hold_under_1_minute", Text: "一分钟不够"},
	})
	require.NoError(t, err)
	for _, g := range sug.Items {
		collect(g.Reasons)
	}
	require.NotEmpty(t, texts)
	var bad []string
	for _, s := range texts {
		for _, w := range englishWord.FindAllString(s, -1) {
			if len(w) >= 3 && !allowed[strings.Trim(w, ".")] {
				bad = append(bad, w+" in "+s)
			}
		}
	}
	sort.Strings(bad)
	assert.Empty(t, bad)
}

// TestChineseQuestionPhraseProblem: a question among the forbidden
// phrases of an item lighter than the evaluation is refused in Chinese,
// exactly, where it is written.
func TestChineseQuestionPhraseProblem(t *testing.T) {
	const calm = "              - 您冷静一点。\n"
	src := string(defaultZhYAML)
	require.Contains(t, src, calm)
	bad := strings.Replace(src, calm, calm+"              - 我刚才不是跟您说过了吗？\n", 1)
	line := strings.Count(bad[:strings.Index(bad, calm)], "\n") + 2
	_, err := ParsePolicy([]byte(bad))
	require.EqualError(t, err, "质检策略：1个问题\n\tscorecards[0].sections[4].items[6].phrases[4]: 第"+strconv.Itoa(line)+
		"行第17列：用语\"我刚才不是跟您说过了吗？\"是问句，服务规范将反问、质问的语气列为严禁；只能列在critical: evaluation的评分项上（如no_rhetorical_questions）")
	var pe *callfloor.PolicyError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, "qa.policy.phrase_question", pe.Problems[0].MessageID)
}
