package mood

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor"
)

// zhEdits are mistakes made in the Simplified Chinese default, each with
// the problems it gives, worded in Chinese. Together with
// bad_policy.zh-CN.golden they word every problem a mood policy can have.
var zhEdits = []struct {
	old, new string
	want     []string
}{
	{"  phq9:\n    valid_for: 30d\n", "  phq9:\n    valid_for: 2h\n", []string{
		"instruments.phq9.valid_for: 第23行第16列：2小时短于PHQ-9所问的14天；第9题的危机作答至少要在这段时间内有效"}},
	{"      - {name: moderate, min: 10, max: 14, tier: moderate}         # 中度抑郁", "      - {name: moderate, min: 11, max: 14, tier: moderate}", []string{
		`instruments.phq9.bands[2].min: 第27行第31列：11与bands[1]（"mild"，上限9）之间留有空缺：10不属于任何区间`}},
	{"{name: likely depression, min: 0,", "{name: likely depression, min: 1,", []string{
		"instruments.who5.bands[0].min: 第40行第40列：为1；第一个区间须从WHO-5百分制得分的起点0开始"}},
	{"subscales: [client, work, personal]", "subscales: [client, work, client]", []string{
		`instruments.cbi.subscales[2]: 第58行第31列：分量表"client"列出了两次`}},
	{"subscales: [client, work, personal]", "subscales: []", []string{
		"instruments.cbi.subscales: 第58行第16列：请列出区间计入的CBI分量表：personal、work、client"}},
	{"{name: low, min: 0, max: 50,", `{name: "", min: 0, max: 50,`, []string{
		"instruments.cbi.bands[0].name: 第60行第16列：不能为空"}},
	{"{name: moderate burnout, min: 50, max: 75,", "{name: moderate burnout, min: 50, max: 50,", []string{
		"instruments.cbi.bands[1].max: 第61行第48列：50不大于区间下限50",
		`instruments.cbi.bands[2].min: 第62行第35列：75与bands[1]（"moderate burnout"，上限50）之间留有空缺；下一个区间应从50开始`}},
	{"{name: high burnout, min: 75, max: 100,", "{name: high burnout, min: 75, max: 90,", []string{
		"instruments.cbi.bands[2].max: 第62行第44列：为90；最后一个区间须在CBI分量表得分的终点100结束"}},
	{"    - code: crisis_review\n", "    - code: crisis_escalation\n", []string{
		`crisis.follow_up[0].code: 第103行第13列："crisis_escalation"是每次危机都会有的上报措施本身；请换一个代码`,
		`names.crisis_review: 第358行第18列：本策略的措施代码、观察类型、周期和事件类型中都没有"crisis_review"`}},
	{"{kind: qa_drop,", "{kind: QA-drop,", []string{
		`watch.signals[4].kind: 第119行第14列：观察类型"QA-drop"须为小写加下划线的标识符（a-z、0-9、_）`}},
	{"    at_most: 2\n    count: 2\n", "    at_most: 2\n    count: 0\n", []string{
		"watch.check_ins.count: 第122行第12列：为0；至少要有1次低落打卡才能触发关注"}},
	{"  min_effect: 1.0\n", "  min_effect: 0\n", []string{
		"cycles.min_effect: 第144行第15列：为0；效应量须大于0（0.8为大效应）"}},
	{"      last_days: 3\n", "      last_days: 30\n", []string{
		"cycles.periods[0].last_days: 第160行第18列：为30；可选1..27"}},
	{"    steps:\n      - 同事遇到难处时，主动搭把手。\n", "    steps: []\n", []string{
		"techniques[2].steps: 第245行第12列：至少需要一个步骤"}},
	{"  change_window: 180d\n", "  change_window: 0d\n", []string{
		"climate.change_window: 第276行第18列：时长须大于零"}},
	{"{id: applause,", "{id: floor_walk,", []string{
		`practices[4].id: 第313行第10列："floor_walk"已在practices[1]使用`}},
	{"{id: applause,", "{id: Applause,", []string{
		`practices[4].id: 第313行第10列：编号"Applause"须为小写加下划线的标识符（a-z、0-9、_）`}},
	{"{id: applause, area: encourage,", "{id: applause, area: cheer,", []string{
		`practices[4].area: 第313行第26列：未知的领域"cheer"；可选：observe、encourage、guide、visible、habits、stress、survey、crisis、care、training、oversight`}},
	{"  confidential: [counselor, hr]\n  others: [crisis_owner, manager]\n", "  confidential: []\n  others: [crisis_owner, manager, counselor, hr]\n", []string{
		"roles.confidential: 第13行第17列：请至少指定一个可以查看完整结果的角色（如心理咨询师、人力资源）"}},
	{"    by: [counselor, crisis_owner]\n    valid_for: 30d\n", "    by: [counselor, counselor, boss]\n    valid_for: 7d\n", []string{
		`declarations.crisis.by[1]: 第341行第21列：角色"counselor"列出了两次`,
		`declarations.crisis.by[2]: 第341行第32列：角色"boss"不是roles下声明的角色`,
		"declarations.crisis.valid_for: 第342行第16列：7天短于14天；认定的心理危机的有效期至少要与PHQ-9第9题的危机作答相同"}},
	{"    by: [counselor]\n    valid_for: 30d\n", "    by: []\n    valid_for: 10d\n", []string{
		"declarations.tier.by: 第344行第9列：请至少指定一个可以作出等级认定的角色，或删去declarations.tier以采用默认设置",
		"declarations.tier.valid_for: 第345行第16列：10天短于14天；认定的等级的有效期至少要与一次PHQ-9相同"}},
}

// gad7Bands and alarmsBlock are lists of the default, the GAD-7's bands
// and the climate alarms, which two cases empty.
var (
	gad7Bands   = regexp.MustCompile(`(?s)\n  gad7:\n    valid_for: 30d\n    bands:\n.*?\n  who5:`)
	alarmsBlock = regexp.MustCompile(`(?s)\n  alarms:\n.*?\n  actions:`)
)

// TestPolicyErrorsChinese: under locale: zh-CN every problem of a mood
// policy is worded in Chinese, exactly, with the message id the English
// policy gives for the same mistake.
func TestPolicyErrorsChinese(t *testing.T) {
	base := string(defaultZhYAML)
	for _, tt := range zhEdits {
		require.Equal(t, 1, strings.Count(base, tt.old), "fixture %q", tt.old)
		problems := chineseProblems(t, strings.Replace(base, tt.old, tt.new, 1))
		require.Equal(t, tt.want, problems, tt.new)
	}
	require.Equal(t, []string{"instruments.gad7.bands: 第32行第12列：至少需要一个区间"},
		chineseProblems(t, gad7Bands.ReplaceAllString(base, "\n  gad7:\n    valid_for: 30d\n    bands: []\n  who5:")))
	require.Equal(t, []string{"climate.alarms: 第277行第11列：至少需要一条预警"},
		chineseProblems(t, alarmsBlock.ReplaceAllString(base, "\n  alarms: []\n  actions:")))
}

func chineseProblems(t *testing.T, src string) []string {
	t.Helper()
	_, err := ParsePolicy([]byte(src))
	var pe *callfloor.PolicyError
	require.True(t, errors.As(err, &pe), "%v", err)
	out := make([]string, len(pe.Problems))
	for i, p := range pe.Problems {
		out[i] = p.Error()
	}
	return out
}

// TestPolicyErrorsGoldenChinese: the broken policy of bad_policy.yaml
// under locale: zh-CN gives the same problems as in English, at the same
// fields, with the same message ids, worded in Chinese.
func TestPolicyErrorsGoldenChinese(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "bad_policy.yaml"))
	require.NoError(t, err)
	_, enErr := ParsePolicy(src)
	_, zhErr := ParsePolicy(append([]byte("locale: zh-CN\n"), src...))
	var en, zh *callfloor.PolicyError
	require.True(t, errors.As(enErr, &en))
	require.True(t, errors.As(zhErr, &zh))
	golden := filepath.Join("testdata", "bad_policy.zh-CN.golden")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(zhErr.Error()+"\n"), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, strings.TrimSuffix(string(want), "\n"), zhErr.Error())
	require.Len(t, zh.Problems, len(en.Problems))
	for i, p := range zh.Problems {
		e := en.Problems[i]
		assert.Equal(t, [3]any{e.Path, e.Line + 1, e.MessageID}, [3]any{p.Path, p.Line, p.MessageID}, e.Msg)
		assert.NotEmpty(t, p.MessageID, e.Msg)
	}
}

// policyKeys are the field names of a mood policy, which a Chinese
// problem may name ("roles", "bands[0]").
var policyKeys = regexp.MustCompile(`([a-z][a-z0-9_]*):`)

// TestPolicyErrorsChineseHaveNoEnglish: no Chinese problem holds an
// English word of three or more letters outside its field path, quoted
// values, identifiers, the policy's field names, the names the problem's
// arguments list and the instruments' names.
func TestPolicyErrorsChineseHaveNoEnglish(t *testing.T) {
	allowed := map[string]bool{"true": true, "false": true}
	for w := range englishAllowed {
		allowed[w] = true
	}
	for _, m := range policyKeys.FindAllStringSubmatch(string(defaultYAML), -1) {
		allowed[m[1]] = true
	}
	src, err := os.ReadFile(filepath.Join("testdata", "bad_policy.yaml"))
	require.NoError(t, err)
	var problems []callfloor.Problem
	collect := func(src string) {
		_, err := ParsePolicy([]byte(src))
		var pe *callfloor.PolicyError
		require.True(t, errors.As(err, &pe))
		problems = append(problems, pe.Problems...)
	}
	collect("locale: zh-CN\n" + string(src))
	base := string(defaultZhYAML)
	for _, tt := range zhEdits {
		collect(strings.Replace(base, tt.old, tt.new, 1))
	}
	quoted := regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	for _, p := range problems {
		named := map[string]bool{}
		for _, v := range p.Args {
			var words []string
			switch v := v.(type) {
			case string:
				words = []string{v}
			case []string:
				words = v
			}
			for _, w := range words {
				for _, x := range latinWord.FindAllString(w, -1) {
					named[x] = true
				}
			}
		}
		text := quoted.ReplaceAllString(p.Msg, "")
		for _, w := range latinWord.FindAllString(text, -1) {
			if len(w) >= 3 && !allowed[w] && !named[w] && !strings.ContainsAny(w, "_.") {
				t.Errorf("%s: %q holds the English word %q", p.Path, p.Msg, w)
			}
		}
	}
}
