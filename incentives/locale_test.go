package incentives

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/golden"
	"github.com/callfloor/callfloor/internal/policyfile"
	"github.com/callfloor/callfloor/qa"
)

func TestDefaultPolicyFor(t *testing.T) {
	en, err := DefaultPolicyFor("en")
	require.NoError(t, err)
	require.Same(t, DefaultPolicy(), en)
	require.Equal(t, "en", en.Locale())
	zh, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	require.Equal(t, "zh-CN", zh.Locale())
	again, _ := DefaultPolicyFor("zh-CN")
	require.Same(t, zh, again)
	_, err = DefaultPolicyFor("fr")
	require.EqualError(t, err, `incentives: no default policy for locale "fr"; there are: en, zh-CN`)
	require.Equal(t, "", (*Policy)(nil).Locale())
}

// zhStatement is goldenStatement under the Chinese default.
func zhStatement(t *testing.T) Statement {
	t.Helper()
	zh, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	per := march
	budget := int64(400_000)
	per.Budget = &budget
	st, err := zh.Evaluate(per, goldenAgents())
	require.NoError(t, err)
	return st
}

// TestChineseGolden holds a statement and a consequence of the Chinese
// default to their golden files.
func TestChineseGolden(t *testing.T) {
	zh, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	cs, err := zh.AssessmentConsequences([]Assessment{
		{Agent: "a1", ID: "q1-2025", At: time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), Attempt: 2},
		{Agent: "a2", ID: "q1-2025-b", At: time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), Attempt: 5, Crisis: true},
	})
	require.NoError(t, err)
	golden.JSON(t, "./incentives", map[string]any{"statement.zh-CN": zhStatement(t), "consequences.zh-CN": cs}, *update)
}

// TestChineseSentences: sentences of the Chinese default, word for word,
// with the message id and the figures the English sentence has.
func TestChineseSentences(t *testing.T) {
	st := zhStatement(t)
	en := goldenStatement(t)
	want := map[string]string{
		"incentives.reason.compliments":   "客户表扬6次 × ¥20.00 = ¥120.00",
		"incentives.reason.pool":          "按奖金池缩减：预算¥4,000.00，申请¥5,916.00，本项由¥200.00减为¥135.23",
		"incentives.reason.band":          "¥100.00 × 120%（质检档位优秀，质检均分=95.9，该档起点95）= ¥120.00",
		"incentives.reason.cap_bonus":     "每人奖金上限¥2,000.00：该坐席合计¥2,196.00，按比例削减，本项由¥240.00减为¥218.58",
		"incentives.hold.care":            "关怀暂缓：先关怀，后处分与竞赛排名",
		"incentives.reason.withheld":      "不予发放：本期已被辞退（2025年3月7日恶意泄露客户信息）",
		"incentives.reason.step_serious":  "2025年3月9日对客户语气粗鲁、大声嚷嚷或与客户争吵：严重违规，在最近12个月内无处分的基础上升两级",
		"incentives.reason.improver_held": "质检进步幅度提升7.3，本可进入进步最快之列",
	}
	got := map[string]string{}
	for _, l := range st.Lines {
		for _, r := range l.Reasons {
			if _, ok := want[r.Message]; ok && got[r.Message] == "" {
				got[r.Message] = r.Text
			}
		}
	}
	for id, w := range want {
		require.Equal(t, w, got[id], id)
	}
	// The same lines, reasons, message ids and facts as in English.
	require.Len(t, st.Lines, len(en.Lines))
	for i := range en.Lines {
		require.Len(t, st.Lines[i].Reasons, len(en.Lines[i].Reasons))
		for j, r := range en.Lines[i].Reasons {
			z := st.Lines[i].Reasons[j]
			require.Equal(t, r.Rule, z.Rule)
			require.Equal(t, r.Message, z.Message)
			require.Equal(t, r.Facts, z.Facts)
		}
	}
}

// latinWord is a run of Latin letters, digits, _ and -, starting with
// a letter: an identifier, or an English word.
var latinWord = regexp.MustCompile(`[A-Za-z][A-Za-z0-9_\-]*`)

// threeLetters finds three Latin letters in a row.
var threeLetters = regexp.MustCompile(`[A-Za-z]{3}`)

// TestChineseStatementHasNoEnglish: under zh-CN, every reason of the
// statement, its recognitions, corrective items, careers, contests and
// protective actions is Chinese: a Latin word of three letters or more
// is an identifier of the policy or of the records.
func TestChineseStatementHasNoEnglish(t *testing.T) {
	allowed := map[string]bool{}
	src, err := os.ReadFile("default.zh-CN.yaml")
	require.NoError(t, err)
	var doc yaml.Node
	require.NoError(t, yaml.Unmarshal(src, &doc))
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode {
			for _, w := range latinWord.FindAllString(n.Value, -1) {
				allowed[w] = true
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(doc.Content[0])
	// The ids the policy names are written by their names, never as
	// they are.
	var raw rawPolicy
	require.True(t, policyfile.Decode("incentives policy", defaultZhYAML, &raw).OK())
	require.NotEmpty(t, raw.Names)
	for id := range raw.Names {
		delete(allowed, id)
	}
	for _, a := range goldenAgents() {
		allowed[a.ID], allowed[a.Team] = true, true
		for _, v := range a.Violations {
			allowed[v.ID] = true
		}
	}
	st := zhStatement(t)
	var texts []string
	add := func(rs []callfloor.Reason) {
		for _, r := range rs {
			texts = append(texts, r.Text)
		}
	}
	for _, l := range st.Lines {
		for _, r := range l.Reasons {
			require.NotEmpty(t, r.Message, r.Text)
		}
		add(l.Reasons)
	}
	for _, r := range st.Public {
		// A title is the policy's own text and a badge its display
		// name; every other sentence comes from a message.
		if r.Kind != RecognizeTitle && r.Kind != RecognizeBadge {
			require.NotEmpty(t, r.Reasons[0].Message, r.Reasons[0].Text)
		}
		add(r.Reasons)
	}
	for _, r := range st.Private {
		add(r.Reasons)
	}
	for _, c := range st.Careers {
		for _, n := range c.Next {
			add(n.Reasons)
		}
	}
	for _, c := range st.Contests {
		for _, s := range c.Table {
			add(s.Reasons)
		}
	}
	for _, p := range st.Protective {
		add(p.Reasons)
	}
	require.Greater(t, len(texts), 100)
	for _, s := range texts {
		for _, w := range latinWord.FindAllString(s, -1) {
			if threeLetters.MatchString(w) && !allowed[w] {
				t.Errorf("%q holds the English word %q", s, w)
			}
		}
	}
}

func TestDisplayNames(t *testing.T) {
	require.Equal(t, "最后警告", FinalWarning.DisplayName("zh-CN"))
	require.Equal(t, "final warning", FinalWarning.DisplayName("en"))
	require.Equal(t, "final_warning", FinalWarning.DisplayName("fr"))
	require.Equal(t, "奖励", KindAward.DisplayName("zh-CN"))
	require.Equal(t, "零容忍", ZeroTolerance.DisplayName("zh-CN"))
	require.Equal(t, "提醒", ItemNotice.DisplayName("zh-CN"))
	require.Equal(t, "徽章", RecognizeBadge.DisplayName("zh-CN"))
	require.Equal(t, "每月", Monthly.DisplayName("zh-CN"))
	require.Equal(t, "越低越好", Lower.DisplayName("zh-CN"))
	require.Equal(t, "全勤", BadgeDisplayName("zh-CN", "full_attendance"))
	require.Equal(t, "Full Attendance", BadgeDisplayName("en", "full_attendance"))
	require.Equal(t, "my_badge", BadgeDisplayName("zh-CN", "my_badge"))
}

// TestChineseOneIncidentAndCheckQA: under zh-CN, the reasons of QA
// findings write the QA policy's scorecards and items by its own words
// (an English QA policy's items in English), the reason that merges the
// findings of one call and CheckQA's problems are Chinese, with their
// message ids and the ids they name.
func TestChineseOneIncidentAndCheckQA(t *testing.T) {
	zh, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	q, err := qa.DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	byQA := rudeCall(t, "no_rudeness")
	byQA.Interaction = "call-77"
	byLead := rudeCall(t, "no_rudeness", "no_mocking")
	byLead.Evaluation, byLead.Evaluator, byLead.Source, byLead.Interaction = "ev-2002", "lead.wu", qa.Lead, "call-77"
	byLead.At = evalAt.Add(time.Hour)
	vs, _, err := zh.ViolationsFromQA(q, settled, []qa.Result{byQA, byLead}, nil)
	require.NoError(t, err)
	require.Len(t, vs, 1)
	require.Len(t, vs[0].Reasons, 4)
	require.Equal(t, callfloor.Reason{Rule: "discipline.qa_findings", Outcome: callfloor.Fired,
		Text:    "一通电话只算一次违规：通话call-77记为一次服务违规行为，取质检评估ev-2001、ev-2002所发现问题中最严重的一类；未通过的关键项：对客户不言辞粗鲁、不讥笑客户的缺陷（严禁）",
		Message: "incentives.reason.one_incident"}, vs[0].Reasons[3])
	require.Equal(t, "incentives.reason.critical_item", vs[0].Reasons[0].Message)
	require.Equal(t, "2025年3月10日的质检评估ev-2001未通过评分表「呼入服务标准」的关键项「对客户不言辞粗鲁」：质检发现服务标准禁止的对客户行为", vs[0].Reasons[0].Text)

	const last = "    - {scorecard: outbound_sales, item: no_arguing, kind: service_misconduct}\n"
	src := string(defaultZhYAML)
	require.Contains(t, src, last)
	line := strings.Count(src[:strings.Index(src, last)], "\n") + 2
	for _, tc := range []struct{ extra, want string }{
		{"    - {scorecard: chat_service, item: no_rudeness, kind: service_misconduct}\n",
			"discipline.qa_findings[10].scorecard: 第" + strconv.Itoa(line) + "行第19列：\"chat_service\"不是质检策略" + q.Identity().String() + "中的评分表；可用：inbound_service、outbound_sales"},
		{"    - {scorecard: inbound_service, item: no_interrupting, kind: service_misconduct}\n",
			"discipline.qa_findings[10].item: 第" + strconv.Itoa(line) + "行第42列：\"no_interrupting\"不是质检策略" + q.Identity().String() + "中评分表inbound_service的关键项，永远不会成为质检发现；可用：protect_customer_information、no_mocking、no_rhetorical_questions、no_rudeness、no_arguing"},
	} {
		p, err := ParsePolicy([]byte(strings.Replace(src, last, last+tc.extra, 1)))
		require.NoError(t, err)
		err = p.CheckQA(q)
		var pe *callfloor.PolicyError
		require.ErrorAs(t, err, &pe)
		require.Equal(t, "zh-CN", pe.Locale)
		require.Len(t, pe.Problems, 1)
		require.Equal(t, tc.want, pe.Problems[0].Error())
		require.NotEmpty(t, pe.Problems[0].MessageID)
	}
}
