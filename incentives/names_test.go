package incentives

import (
	"errors"
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
	require.Len(t, usedIDs(&raw), 23)
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
		// Not one of the policy's ids: as it is.
		"late": "late", "": "",
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
		"incentives.reason.tier":          "服务之星的金牌档：服务质量、客户满意度和问题解决均表现卓越（qa_avg=97, csat=4.9, fcr=90, calls=400, complaints=0）",
		"incentives.reason.band_held":     "质检档位未达标（qa_avg=79.1）本可使奖金按80%发放",
		"incentives.reason.exam":          "未通过高级考试",
		"incentives.reason.contest_share": "team-0团队在每月服务质量竞赛中排名第2（qa_avg平均87.79，共12名坐席）：团队奖金¥600.00由12名坐席平分 = ¥50.00",
		"incentives.praise.podium_titled": "服务质量联赛：第1名（每月服务质量竞赛）",
		"incentives.reason.protective":    "保护性措施，立即执行，不予暂缓：2025年3月7日恶意泄露客户信息之后，由信息安全部门执行收回客户信息访问权限",
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
		`names.platinum: line 15, column 13: no band, tier group, tier, grade, exam, contest, action or owner of the policy has the id "platinum"`,
	}, problems("en", "  top: \"\"\n  platinum: Platinum\n"))
	require.Equal(t, []string{
		`names.top: 第14行第8列：显示名称不能为空`,
		`names.platinum: 第15行第13列：本策略的质检档位、等级组、等级、职级、考试、竞赛、措施和执行人中都没有编号"platinum"`,
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
