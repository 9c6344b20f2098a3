package incentives

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/policyfile"
)

// The Chinese default names every id its sentences write, in Chinese; the
// English default names none, so that its sentences write the ids as
// they always did.
func TestDefaultNames(t *testing.T) {
	zh, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	en := DefaultPolicy()
	var raw rawPolicy
	require.True(t, policyfile.Decode("incentives policy", defaultYAML, &raw).OK())
	require.Empty(t, raw.Names)
	// 12 metrics, 4 reward rules, 2 points rules (csat shares its
	// metric's name), 4 bands, a tier group and 3 tiers, 10 violation
	// kinds, 4 grades, 3 exams, 2 contests, 3 consequences, their
	// owner, a protective action and its owner.
	require.Len(t, usedIDs(&raw), 50)
	for id := range usedIDs(&raw) {
		require.Equal(t, id, en.DisplayName(id))
		n := zh.DisplayName(id)
		require.NotEqual(t, id, n, id)
		require.True(t, hasHan(n), "%s: %s", id, n)
	}
	for id, want := range map[string]string{
		"excellent": "优秀", "below_standard": "未达标", "service_star": "服务之星", "bronze": "铜牌",
		"intermediate": "中级", "team_lead": "组长", "senior_exam": "高级考试", "monthly_quality": "每月服务质量竞赛",
		"supervisor": "主管", "warning": "警告", "information_security": "信息安全部门",
		"qa_avg": "质检均分", "aht_seconds": "平均处理时长（秒）", "csat": "客户满意度", "suggestions_adopted": "建议采纳数",
		"solved_with_praise": "解决问题获好评奖", "handle_time": "平均处理时长", "late": "迟到早退", "service_misconduct": "服务违规行为",
		// Not one of the policy's ids: as it is.
		"platinum": "platinum", "": "",
	} {
		require.Equal(t, want, zh.DisplayName(id), id)
	}
	require.Equal(t, "", (*Policy)(nil).DisplayName("bronze"))
}

// The sentences that write an id write its display name under the
// Chinese default, word for word.
func TestChineseNamedSentences(t *testing.T) {
	st := zhStatement(t)
	want := map[string]string{
		"incentives.reason.tier":            "服务之星的金牌档：服务质量、客户满意度和问题解决均表现卓越（质检均分=97、客户满意度=4.9、首次解决率=90、通话量=400、有效投诉次数=0）",
		"incentives.reason.award":           "成功解决客户问题，客户反馈良好（首次解决率=85、客户表扬次数=6、有效投诉次数=0）",
		"incentives.reason.band_held":       "质检档位未达标（质检均分=79.1）本可使奖金按80%发放",
		"incentives.reason.band":            "¥100.00 × 120%（质检档位优秀，质检均分=95.9，该档起点95）= ¥120.00",
		"incentives.reason.no_band_held":    "无质检档位：质检均分暂缓认定，奖金保持¥140.00",
		"incentives.reason.points":          "积分奖励：平均处理时长（秒）为164，按360至180线性计分，得20分（满分20分）",
		"incentives.reason.improver":        "进步最快第3名：质检进步幅度提升6.2，共37次质检",
		"incentives.praise.improver_titled": "进步之星：进步最快第3名，质检进步幅度提升6.2",
		"incentives.reason.improver_held":   "质检进步幅度提升7.3，本可进入进步最快之列",
		"incentives.reason.figure_of":       "首次解决率为66，需达到80",
		"incentives.reason.standing":        "3个团队中排名第1：质检均分平均90.21，共12名坐席",
		"incentives.reason.exam":            "未通过高级考试",
		"incentives.reason.contest_share":   "team-0团队在每月服务质量竞赛中排名第2（质检均分平均87.79，共12名坐席）：团队奖金¥600.00由12名坐席平分 = ¥50.00",
		"incentives.praise.podium_titled":   "服务质量联赛：第1名（每月服务质量竞赛）",
		"incentives.reason.protective":      "保护性措施，立即执行，不予暂缓：2025年3月7日恶意泄露客户信息之后，由信息安全部门执行收回客户信息访问权限",
	}
	got := map[string]string{}
	see := func(rs []callfloor.Reason) {
		for _, r := range rs {
			if _, ok := want[r.Message]; ok && got[r.Message] == "" {
				got[r.Message] = r.Text
			}
		}
	}
	for _, l := range st.Lines {
		see(l.Reasons)
	}
	for _, r := range st.Public {
		see(r.Reasons)
	}
	for _, c := range st.Careers {
		for _, n := range c.Next {
			see(n.Reasons)
		}
	}
	for _, a := range st.Protective {
		see(a.Reasons)
	}
	for _, c := range st.Contests {
		for _, s := range c.Table {
			see(s.Reasons)
		}
	}
	for id, w := range want {
		require.Equal(t, w, got[id], id)
	}
}

// A policy names its own ids in its own words; a name for an id it does
// not use, an empty name and a key that is not an id are problems, worded
// in the policy's locale.
func TestPolicyNames(t *testing.T) {
	src := func(locale, names string) []byte {
		return []byte("kind: incentives\nlocale: " + locale + "\nversion: \"1\"\ncurrency: CNY\nmetrics:\n  - {name: qa_avg, min: 0, max: 100}\n" +
			"rewards:\n  qa_multiplier:\n    metric: qa_avg\n    bands:\n      - {id: top, min: 90, percent: 120}\n      - {id: rest, min: 0, percent: 100}\n" +
			"names:\n" + names)
	}
	p, err := ParsePolicy(src("en", "  top: Top Band\n"))
	require.NoError(t, err)
	require.Equal(t, "Top Band", p.DisplayName("top"))
	require.Equal(t, "rest", p.DisplayName("rest"))

	problems := func(locale, names string) []string {
		_, err := ParsePolicy(src(locale, names))
		var pe *callfloor.PolicyError
		require.True(t, errors.As(err, &pe), "%v", err)
		var out []string
		for _, pr := range pe.Problems {
			out = append(out, pr.Error())
		}
		return out
	}
	require.Equal(t, []string{
		`names.top: line 14, column 8: a display name must not be empty`,
		`names.platinum: line 15, column 13: no metric, reward rule, points rule, band, tier group, tier, violation kind, grade, exam, contest, action or owner of the policy has the id "platinum"`,
	}, problems("en", "  top: \"\"\n  platinum: Platinum\n"))
	require.Equal(t, []string{
		`names.top: 第14行第8列：显示名称不能为空`,
		`names.platinum: 第15行第13列：本策略的指标、奖励规则、积分规则、质检档位、等级组、等级、违规类型、职级、考试、竞赛、措施和执行人中都没有编号"platinum"`,
	}, problems("zh-CN", "  top: \"\"\n  platinum: 白金\n"))
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// The input errors of agent records are worded in the policy's locale,
// with their message ids; English as before.
func TestChineseInputErrors(t *testing.T) {
	zh, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	en := DefaultPolicy()
	for _, tt := range []struct {
		agent  AgentRecord
		en, zh string
		id     string
	}{
		{AgentRecord{Team: "t"}, "agents[0].id: is required", "agents[0].id: 为必填项", "input.required"},
		{AgentRecord{ID: "a", Team: "t", Metrics: map[string]float64{"csat": 7}},
			"agents[0].metrics.csat: 7 is outside 1..5", "agents[0].metrics.csat: 7超出1..5的范围", "input.out_of_range"},
		{AgentRecord{ID: "a", Team: "t", Metrics: map[string]float64{"aht_seconds": -1}},
			"agents[0].metrics.aht_seconds: -1 is below 0, the metric's minimum", "agents[0].metrics.aht_seconds: -1低于该指标的最小值0", "incentives.input.below_min"},
		{AgentRecord{ID: "a", Team: "t", QAEvaluations: -2},
			"agents[0].qa_evaluations: -2 is a negative count", "agents[0].qa_evaluations: 次数-2为负数", "incentives.input.negative_count"},
		{AgentRecord{ID: "a", Team: "t", Grade: "boss", Hired: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}, "", "", "incentives.what.grade"},
		{AgentRecord{ID: "a", Team: "t"}, "agents[0].hired: is required: the career ladder counts tenure from it", "", "incentives.input.hired_needed"},
	} {
		_, errEn := en.Evaluate(march, []AgentRecord{tt.agent})
		_, errZh := zh.Evaluate(march, []AgentRecord{tt.agent})
		var ie *callfloor.InputError
		require.True(t, errors.As(errZh, &ie), "%v", errZh)
		require.Equal(t, tt.id, ie.MessageID)
		if tt.en != "" {
			require.EqualError(t, errEn, tt.en, "%v | %v", errEn, errZh)
		}
		if tt.zh != "" {
			require.EqualError(t, errZh, tt.zh, "%v | %v", errEn, errZh)
		}
		require.True(t, hasHan(errZh.Error()), errZh.Error())
	}
}

// A policy names its metrics and reward rules too: every sentence writes
// a metric by its name, and the figures of a rule's reason are joined in
// the policy's locale. A name for a metric or rule the policy does not
// declare, and an empty one, are problems.
func TestMetricAndRuleNames(t *testing.T) {
	src := func(locale, names string) []byte {
		s := "kind: incentives\nlocale: " + locale + "\nversion: \"1\"\ncurrency: CNY\nmetrics:\n" +
			"  - {name: qa_avg, min: 0, max: 100}\n  - {name: csat, min: 1, max: 5}\n" +
			"rewards:\n  rules:\n    - {id: star, when: qa_avg >= 90 && csat >= 4.5, bonus: 1000}\n" +
			"    - {id: quiet, when: csat < 2 || !(qa_avg > 10), points: 1}\n" +
			"  points:\n    - {id: csat, metric: csat, from: 4, to: 5, points: 10}\n"
		if names == "" {
			return []byte(s)
		}
		return []byte(s + "names:\n" + names)
	}
	agents := []AgentRecord{{ID: "a1", Team: "t", Metrics: map[string]float64{"qa_avg": 95.004, "csat": 4.5}},
		{ID: "a2", Team: "t", Metrics: map[string]float64{"qa_avg": 5, "csat": 4}}}
	for _, tc := range []struct {
		locale, names          string
		star, quiet, points    string
		starTitle, pointsTitle string
	}{
		// No names: the ids, joined as English joins them.
		{"en", "", "qa_avg >= 90 && csat >= 4.5 (qa_avg=95, csat=4.5)", "csat < 2 || !(qa_avg > 10) (qa_avg=5, csat=4)",
			"points award: csat 4.5 on the line from 4 to 5 earns 5 of 10 points", "star", "points: csat"},
		{"en", "  qa_avg: QA average\n  csat: satisfaction\n  star: Service Star\n",
			"QA average >= 90 && satisfaction >= 4.5 (QA average=95, satisfaction=4.5)",
			"satisfaction < 2 || !(QA average > 10) (QA average=5, satisfaction=4)",
			"points award: satisfaction 4.5 on the line from 4 to 5 earns 5 of 10 points", "Service Star", "points: satisfaction"},
		{"zh-CN", "  qa_avg: 质检均分\n  csat: 客户满意度\n  star: 服务之星奖\n",
			"质检均分 >= 90 且 客户满意度 >= 4.5（质检均分=95、客户满意度=4.5）",
			"客户满意度 < 2 或 非(质检均分 > 10)（质检均分=5、客户满意度=4）",
			"积分奖励：客户满意度为4.5，按4至5线性计分，得5分（满分10分）", "服务之星奖", "积分：客户满意度"},
	} {
		p, err := ParsePolicy(src(tc.locale, tc.names))
		require.NoError(t, err, tc.names)
		st, err := p.Evaluate(march, agents)
		require.NoError(t, err)
		texts := map[string]string{}
		for _, l := range st.Lines {
			texts[l.Agent+" "+l.Rule()] = l.Reasons[0].Text
		}
		require.Equal(t, map[string]string{
			"a1 rewards.rules.star":  tc.star,
			"a2 rewards.rules.quiet": tc.quiet,
			"a1 rewards.points.csat": tc.points,
		}, texts, tc.names)
		require.Equal(t, tc.starTitle, p.RuleTitle("rewards.rules.star"))
		require.Equal(t, tc.pointsTitle, p.RuleTitle("rewards.points.csat"))
	}

	problems := func(locale, names string) []string {
		_, err := ParsePolicy(src(locale, names))
		var pe *callfloor.PolicyError
		require.True(t, errors.As(err, &pe), "%v", err)
		var out []string
		for _, pr := range pe.Problems {
			out = append(out, pr.Error())
		}
		return out
	}
	require.Equal(t, []string{
		`names.aht_seconds: line 15, column 16: no metric, reward rule, points rule, band, tier group, tier, violation kind, grade, exam, contest, action or owner of the policy has the id "aht_seconds"`,
		`names.gold: line 16, column 9: no metric, reward rule, points rule, band, tier group, tier, violation kind, grade, exam, contest, action or owner of the policy has the id "gold"`,
		`names.qa_avg: line 17, column 11: a display name must not be empty`,
	}, problems("en", "  aht_seconds: handle time\n  gold: Gold\n  qa_avg: \"\"\n  star: Star\n"))
	require.Equal(t, []string{
		`names.aht_seconds: 第15行第16列：本策略的指标、奖励规则、积分规则、质检档位、等级组、等级、违规类型、职级、考试、竞赛、措施和执行人中都没有编号"aht_seconds"`,
		`names.star: 第16行第9列：显示名称不能为空`,
	}, problems("zh-CN", "  aht_seconds: 处理时长\n  star: \"\"\n"))
}

// RuleTitle names every kind of line in the policy's language, and
// leaves a rule no line has as it is.
func TestRuleTitle(t *testing.T) {
	zh, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	en := DefaultPolicy()
	for _, tc := range []struct{ rule, en, zh string }{
		{"rewards.rules.solved_with_praise", "solved_with_praise", "解决问题获好评奖"},
		{"rewards.rules.full_attendance", "full_attendance", "全勤奖"},
		{"rewards.tiers.service_star.bronze", "service_star bronze", "服务之星铜牌"},
		{"rewards.tiers.service_star.gold", "service_star gold", "服务之星金牌"},
		{"rewards.compliments", "customer compliments", "客户表扬"},
		{"rewards.points.csat", "points: csat", "积分：客户满意度"},
		{"rewards.points.handle_time", "points: handle_time", "积分：平均处理时长"},
		{"rewards.improvers", "fastest improvers", "进步奖"},
		{"rewards.qa_multiplier.bands.below_standard", "QA band below_standard", "质检档位未达标"},
		{"contests.monthly_quality", "monthly_quality", "每月服务质量竞赛"},
		{"contests.weekly_resolution", "weekly_resolution", "每周问题解决率竞赛"},
		{"discipline.kinds.missed_shift", "missed_shift", "旷班"},
		{"discipline.kinds.missed_shift.fine", "fine for missed_shift", "旷班的罚款"},
		{"discipline.kinds.customer_data_leak", "customer_data_leak", "恶意泄露客户信息"},
		{"discipline.kinds.late.occurrences", "late", "迟到早退"},
		{"ladder.grades.senior", "senior", "高级"},
		{"ladder.grades.team_lead", "team_lead", "组长"},
		// No line has these: as they are.
		{"guardrails.care", "guardrails.care", "guardrails.care"},
		{"rewards.rules.nobody", "rewards.rules.nobody", "rewards.rules.nobody"},
		{"", "", ""},
	} {
		require.Equal(t, tc.en, en.RuleTitle(tc.rule), tc.rule)
		require.Equal(t, tc.zh, zh.RuleTitle(tc.rule), tc.rule)
	}
	require.Equal(t, "", (*Policy)(nil).RuleTitle("rewards.compliments"))
	require.Equal(t, "", (&Policy{}).RuleTitle("rewards.compliments"))

	// A kind is titled by its display name, or its id, whatever its reason.
	src := func(names string) []byte {
		return []byte("kind: incentives\nversion: \"1\"\ncurrency: CNY\nmetrics:\n  - {name: qa_avg}\n" +
			"discipline:\n  kinds:\n    - {id: late, severity: minor, fine: 100}\n" + names)
	}
	p, err := ParsePolicy(src(""))
	require.NoError(t, err)
	require.Equal(t, "late", p.RuleTitle("discipline.kinds.late"))
	require.Equal(t, "fine for late", p.RuleTitle("discipline.kinds.late.fine"))
	p, err = ParsePolicy(src("names:\n  late: lateness\n"))
	require.NoError(t, err)
	require.Equal(t, "lateness", p.RuleTitle("discipline.kinds.late"))
	require.Equal(t, "fine for lateness", p.RuleTitle("discipline.kinds.late.fine"))
	withReason := strings.Replace(string(src("")), "{id: late, severity: minor, fine: 100}", "{id: late, severity: minor, fine: 100, reason: coming in after the shift starts or leaving before it ends}", 1)
	p, err = ParsePolicy([]byte(withReason))
	require.NoError(t, err)
	require.Equal(t, "late", p.RuleTitle("discipline.kinds.late"))

	// Every line of a statement has a title of its own, in both
	// languages, and Chinese titles are Chinese.
	for _, tc := range []struct {
		p  *Policy
		st Statement
	}{{en, goldenStatement(t)}, {zh, zhStatement(t)}} {
		kinds := map[LineKind]bool{}
		for _, l := range tc.st.Lines {
			title := tc.p.RuleTitle(l.Rule())
			require.NotEqual(t, l.Rule(), title, l.Rule())
			if tc.p == zh {
				require.True(t, hasHan(title), "%s: %s", l.Rule(), title)
			}
			kinds[l.Kind] = true
		}
		// The grade lines are in the table above: these agents climb none.
		require.Equal(t, map[LineKind]bool{KindAward: true, KindPenalty: true, KindHold: true}, kinds)
	}
}
