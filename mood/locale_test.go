package mood

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/golden"
)

// TestChineseReasons: the reasons converted to the catalogs read in
// Chinese under a zh-CN policy, with the same rule, outcome, message id
// and facts as in English.
func TestChineseReasons(t *testing.T) {
	zh, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	a := Assessment{Agent: "a7", At: t0, Screenings: []Screening{screened(t, K10, answersFor(10, 1, 5, 25), 45)}}
	en, err := DefaultPolicy().Triage(a)
	require.NoError(t, err)
	got, err := zh.Triage(a)
	require.NoError(t, err)
	require.Equal(t, []callfloor.Reason{
		{Rule: "instruments.k10.valid_for", Outcome: callfloor.Stale, Message: "mood.reason.stale",
			Text:  "2025年1月28日的K10筛查已超过30天的有效期，未予采用；需要重新筛查",
			Facts: []callfloor.Fact{{Name: "valid_for_days", Value: 30}, {Name: "age_days", Value: 45}}},
		{Rule: "tiers.normal", Outcome: callfloor.NotEvaluated, Message: "mood.reason.no_screening",
			Text: "没有可用的筛查；分级保持为正常"},
	}, got.Reasons)
	require.Len(t, en.Reasons, len(got.Reasons))
	for i := range en.Reasons {
		require.Equal(t, en.Reasons[i].Message, got.Reasons[i].Message)
		require.Equal(t, en.Reasons[i].Facts, got.Reasons[i].Facts)
	}
}

// chineseResults are results of the Simplified Chinese default policy
// from the inputs of goldenResults: every kind of reason triage, guidance,
// climate, the mood map and cycles write.
func chineseResults(t *testing.T) map[string]any {
	t.Helper()
	p, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	r := policyResults(t, p)
	return map[string]any{
		"triage.zh-CN":          r.crisis,
		"triage_stale.zh-CN":    r.stale,
		"triage_declared.zh-CN": r.declared,
		"cycles.zh-CN":          r.cycles,
		"climate.zh-CN":         r.climate,
		"climate_small.zh-CN":   r.small,
		"mood_map.zh-CN":        r.moodMap,
		"guidance.zh-CN":        r.guide,
	}
}

// TestGoldenChinese holds results of the Chinese default to their JSON
// byte for byte; go test ./mood -run Golden -update rewrites the files.
func TestGoldenChinese(t *testing.T) {
	golden.JSON(t, "./mood", chineseResults(t), *update)
}

// TestChineseSentences holds a few Chinese sentences to their exact text.
func TestChineseSentences(t *testing.T) {
	r := chineseResults(t)
	texts := func(rs []callfloor.Reason) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Text)
		}
		return out
	}
	require.Equal(t, []string{
		"2025年3月13日 10:00:00 Z，PHQ-9第9题（自伤念头）的回答高于0；立即上报危机负责人",
		"2025年3月13日的PHQ-9总分21（重度），落在“重度”区间：重度",
		"2025年3月13日的GAD-7总分16（重度），落在“重度”区间：重度",
		"2025年3月13日的WHO-5得分20%（可能存在抑郁），落在“可能存在抑郁”区间：中度",
		"2025年3月13日的K10总分38（很高），落在“很高”区间：重度",
		"2025年3月13日的CBI个人倦怠70.8、工作倦怠64.3、服务对象倦怠91.7，落在“高度倦怠”区间：中度",
		"2025年3月13日的WHO-5第1、2、3和5题回答为0或1：无论总分多少都要跟进",
		"最近14天内1次：现场巡视时发现情绪状态令人担忧",
	}, texts(r["triage.zh-CN"].(Triage).Reasons))
	require.Equal(t, []string{
		"dr.wu（心理咨询师）于2025年3月14日 08:00:00 Z在个别谈话中认定心理危机；立即上报危机负责人；除非危机负责人予以解除，危机状态持续30天",
		"2025年3月11日的PHQ-9总分0（无或极轻微），落在“无或极轻微”区间：正常",
		"dr.wu（心理咨询师）于2025年3月14日在个别谈话中认定等级为中度",
	}, texts(r["triage_declared.zh-CN"].(Triage).Reasons))
	require.Equal(t, []string{
		"团队只有4名成员，少于5名；不统计个人状态",
	}, texts(r["climate_small.zh-CN"].(Climate).Reasons)[:1])
	zh, _ := DefaultPolicyFor("zh-CN")
	require.Equal(t, []string{"重度", "中重度", "一对一", "危机负责人", "任务多", "PHQ-9（患者健康问卷）"},
		[]string{zh.TierName(Severe), zh.BandName(BandModeratelySevere), zh.SettingName(callfloor.OneToOne), zh.RoleName("crisis_owner"), zh.CauseName(CauseTooManyTasks), zh.InstrumentName(PHQ9)})
	en := DefaultPolicy()
	require.Equal(t, []string{"severe", "moderately severe", "one-to-one", "crisis_owner", "too many tasks", "PHQ-9 (Patient Health Questionnaire)"},
		[]string{en.TierName(Severe), en.BandName(BandModeratelySevere), en.SettingName(callfloor.OneToOne), en.RoleName("crisis_owner"), en.CauseName(CauseTooManyTasks), en.InstrumentName(PHQ9)})
}

// englishAllowed are the words of three or more letters a Chinese
// sentence may hold: the instruments' published names and the people and
// ids of the inputs.
var englishAllowed = map[string]bool{"PHQ": true, "GAD": true, "WHO": true, "CBI": true, "team": true, "night": true, "day": true}

var latinWord = regexp.MustCompile(`[A-Za-z][A-Za-z_.]*[A-Za-z0-9_]|[A-Za-z]`)

// TestChineseHasNoEnglish: under zh-CN no reason, action or guidance
// text of the default policy's typical results holds an English word of
// three or more letters, outside identifiers (with an underscore or a
// dot: metric names, ids, people) and the allow-list; each has the same
// message id and facts as the English result of the same inputs.
func TestChineseHasNoEnglish(t *testing.T) {
	var texts []string
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			if r, ok := v.Interface().(callfloor.Reason); ok {
				texts = append(texts, r.Text)
				return
			}
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() && v.Type().Field(i).Name != "Agent" {
					walk(v.Field(i))
				}
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.String:
			texts = append(texts, v.String())
		}
	}
	zh := chineseResults(t)
	for _, name := range []string{"triage.zh-CN", "triage_stale.zh-CN", "triage_declared.zh-CN", "cycles.zh-CN", "climate.zh-CN", "climate_small.zh-CN", "mood_map.zh-CN", "guidance.zh-CN"} {
		texts = texts[:0]
		walk(reflect.ValueOf(zh[name]))
		for _, s := range texts {
			if !strings.ContainsFunc(s, func(r rune) bool { return r > 0x2e80 }) {
				continue // an id, a code, a rule, an enumeration's name
			}
			for _, w := range latinWord.FindAllString(s, -1) {
				if len(w) >= 3 && !englishAllowed[w] && !strings.ContainsAny(w, "_.") {
					t.Errorf("%s: %q holds the English word %q", name, s, w)
				}
			}
		}
	}
}

// TestChineseInputErrors: an input error of a zh-CN policy is worded in
// Chinese, with the message id and arguments of its detail; the English
// policy words the same mistake as before.
func TestChineseInputErrors(t *testing.T) {
	zh, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	a := Assessment{Agent: "a1", At: t0, CheckIns: []CheckIn{{At: t0.Add(-day), Mood: 6}}}
	_, err = zh.Triage(a)
	require.EqualError(t, err, "assessment.check_ins[0].mood: 6超出1..5的范围（情绪打卡量表）")
	var ie *callfloor.InputError
	require.ErrorAs(t, err, &ie)
	require.Equal(t, "mood.input.check_in_scale", ie.MessageID)
	_, err = DefaultPolicy().Triage(a)
	require.EqualError(t, err, "assessment.check_ins[0].mood: 6 is outside 1..5, the check-in scale")

	_, err = zh.Triage(Assessment{Agent: "a1", At: t0, Declarations: []Declaration{{Kind: DeclarationTier, Tier: Mild, By: "li", Role: "team_lead", At: t0.Add(-day), Why: "x"}}})
	require.EqualError(t, err, `assessment.declarations[0].role: 角色"team_lead"不能作出等级认定；可以认定的角色：counselor`)

	// A time JSON cannot hold is refused in the policy's locale, alone
	// after its path or ending another sentence.
	late := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err = zh.Triage(Assessment{Agent: "a1", At: late})
	require.EqualError(t, err, "assessment.at: 年份10000超出0..9999，即可存储时间的范围")
	require.ErrorAs(t, err, &ie)
	require.Equal(t, "input.year_range", ie.MessageID)
	_, err = zh.Triage(Assessment{Agent: "a1", At: time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("", 24*3600))})
	require.EqualError(t, err, "assessment.at: 时区偏移86400秒达到24小时或以上，无法存储")
	_, err = zh.Triage(Assessment{Agent: "a1", At: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)})
	require.EqualError(t, err, "assessment.at: 9999-12-31T00:00:00Z：之后7天以内的期限无法保存：年份10000超出0..9999，即可存储时间的范围")
	_, err = DefaultPolicy().Triage(Assessment{Agent: "a1", At: late})
	require.EqualError(t, err, "assessment.at: year 10000 is outside 0..9999, the range a stored time can hold")

	_, err = zh.Guide("a1", "boredom", t0)
	require.EqualError(t, err, `cause: 未知的负面情绪原因"boredom"；可用：not_valued、too_difficult、too_many_tasks、unfair_comparison、customer、leadership、personal_life`)
}
