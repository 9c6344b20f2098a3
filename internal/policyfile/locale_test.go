package policyfile

import (
	"bytes"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/cond"
	"github.com/callfloor/callfloor/internal/msg"
)

type localeRaw struct {
	Version string `yaml:"version,required"`
}

func TestLocaleField(t *testing.T) {
	var raw localeRaw
	d := Decode("test policy", []byte("version: v1\n"), &raw)
	require.NoError(t, d.Err())
	require.Same(t, msg.English(), d.Locale())

	d = Decode("test policy", []byte("version: v1\nlocale: zh-CN\n"), &raw)
	require.NoError(t, d.Err())
	require.Equal(t, "zh-CN", d.Locale().Tag())
	require.Equal(t, "v1", raw.Version)

	d = Decode("test policy", []byte("version: v1\nlocale: fr\n"), &raw)
	require.EqualError(t, d.Err(), "test policy: 1 problem\n\tlocale: line 2, column 9: unknown locale \"fr\"; bundled: en, zh-CN")
	require.Same(t, msg.English(), d.Locale())
}

// TestReport: a problem reported as a message is worded in the policy's
// locale, its place and summary too, and carries the message id.
func TestReport(t *testing.T) {
	var raw localeRaw
	d := Decode("test policy", []byte("locale: zh-CN\nversion: v1\n"), &raw)
	d.Report("version", msg.InputRequired{})
	d.Report("version", msg.InputRequired{})
	err := d.Err()
	require.EqualError(t, err, "test policy：1个问题\n\tversion: 第2行第10列：为必填项")
	var pe *callfloor.PolicyError
	require.True(t, errors.As(err, &pe))
	require.Equal(t, "zh-CN", pe.Locale)
	require.Equal(t, "input.required", pe.Problems[0].MessageID)

	d = Decode("test policy", []byte("version: v1\n"), &raw)
	d.Report("version", msg.InputRequired{})
	require.EqualError(t, d.Err(), "test policy: 1 problem\n\tversion: line 1, column 10: is required")
}

// TestProblemsInChinese: every problem the decoder writes is worded in the
// locale the policy names, its place and the summary line too, and
// carries its message id; problems found before the locale is read are
// English.
func TestProblemsInChinese(t *testing.T) {
	tests := []struct {
		why, src, want, id string
	}{
		{"unknown field", "locale: zh-CN\nversion: v1\ncolour: red\n",
			"colour: 第3行第1列：未知字段；可用的字段：kind、locale、version、currency、metrics、tiers、weights、notes、owner", "policy.unknown_field"},
		{"required field", "locale: zh-CN\ncurrency: CNY\n", "version: 第1行第1列：缺少必填字段", "policy.required_field"},
		{"wrong type", "locale: zh-CN\nversion: v1\ntiers: [{id: a, min: x}]\n", `tiers[0].min: 第3行第22列：应为整数，实为字符串"x"`, "policy.expected_int"},
		{"a list for a string", "locale: zh-CN\nversion: v1\ncurrency: [a]\n", "currency: 第3行第11列：应为字符串，实为列表", "policy.expected_string"},
		{"a mapping for a list", "locale: zh-CN\nversion: v1\nnotes: {a: 1}\n", "notes: 第3行第8列：应为列表，实为映射", "policy.expected_list"},
		{"null for a bool", "locale: zh-CN\nversion: v1\ntiers: [{id: a, enabled: ~}]\n", "tiers[0].enabled: 第3行第26列：应为true或false，实为空值（null）", "policy.expected_bool"},
		{"a boolean for a number", "locale: zh-CN\nversion: v1\nweights: {a: true}\n", "weights.a: 第3行第14列：应为数字，实为布尔值true", "policy.expected_number"},
		{"infinite", "locale: zh-CN\nversion: v1\nweights: {a: .inf}\n", "weights.a: 第3行第14列：应为有限的数字，实为.inf", "policy.expected_finite"},
		{"duplicate key", "locale: zh-CN\nversion: v1\nversion: v2\n", `version: 第3行第1列：键"version"重复（首次出现在第2行第1列）`, "policy.duplicate_key"},
		{"bad duration", "locale: zh-CN\nversion: v1\ntiers: [{id: a, window: 3 weeks}]\n", `tiers[0].window: 第3行第25列：应为时长，如"90m"、"36h"或"14d"，实为"3 weeks"`, "policy.duration.malformed"},
		{"negative duration", "locale: zh-CN\nversion: v1\ntiers: [{id: a, window: -3d}]\n", "tiers[0].window: 第3行第25列：时长不能为负", "policy.duration.negative"},
		{"blank version", "locale: zh-CN\nversion: ' '\n", "version: 第2行第10列：不能为空：结果以版本号标明所用的策略", "policy.empty_version"},
		{"blank id", "locale: zh-CN\nversion: v1\ntiers: [{id: ''}]\n", "tiers[0].id: 第3行第14列：不能为空", "policy.blank"},
		{"unprintable id", "locale: zh-CN\nversion: \"v\\u200b1\"\n", "version: 第2行第10列：第2个字符U+200B不可打印；标识符、键和版本号须为可打印字符，不得含控制字符或格式字符", "policy.id_unprintable"},
		{"control character in text", "locale: zh-CN\nversion: v1\nnotes: [\"a\\x1b[2J\"]\n", "notes[0]: 第3行第9列：第2个字符是控制字符U+001B；文本可以含制表符和换行符，但不得含其他控制字符", "policy.text_control"},
		{"bidi control in text", "locale: zh-CN\nversion: v1\nnotes: [\"a\\u202eb\"]\n", "notes[0]: 第3行第9列：第2个字符是双向文本控制符U+202E；文本不得含双向嵌入、覆盖或隔离字符", "policy.text_bidi"},
		{"key breaking the id rule", "locale: zh-CN\nversion: v1\nweights: {\" a\": 1}\n", `weights: 第3行第11列：键" a"开头和结尾不能是空格`, "policy.key_rule"},
		{"a list as a key", "locale: zh-CN\nversion: v1\nweights: {[a]: 1}\n", "weights: 第3行第11列：键必须是普通字符串，实为列表", "policy.key_not_string"},
		{"merge of a scalar", "locale: zh-CN\nversion: v1\nweights: {<<: 3}\n", "weights: 第3行第15列：合并键（<<）只接受映射或映射的列表，实为整数3", "policy.merge_not_mapping"},
		{"kind of another package", "locale: zh-CN\nkind: qa\nversion: v1\n", `kind: 第2行第7列：这是情绪管理策略；kind值"qa"指的是另一个包`, "policy.kind_mismatch"},
		{"kind of no package", "locale: zh-CN\nkind: moods\nversion: v1\n", `kind: 第2行第7列：未知的kind值"moods"；情绪管理策略的kind为：mood`, "policy.kind_unknown"},
		{"second document", "locale: zh-CN\nversion: v1\n---\nversion: v2\n", "第3行第1列：此处开始了第二个YAML文档；一份策略只能是一个文档", "policy.second_document"},
		{"locale read first, wherever it is written", "version: v1\ncolour: red\nlocale: zh-CN\n",
			"colour: 第2行第1列：未知字段；可用的字段：kind、locale、version、currency、metrics、tiers、weights、notes、owner", "policy.unknown_field"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			var raw testPolicy
			err := Decode("mood policy", []byte(tt.src), &raw).Err()
			var pe *callfloor.PolicyError
			require.True(t, errors.As(err, &pe), "%v", err)
			require.Len(t, pe.Problems, 1, "%v", err)
			require.Equal(t, "情绪管理策略：1个问题\n\t"+tt.want, err.Error())
			require.Equal(t, tt.id, pe.Problems[0].MessageID)
			require.Equal(t, "zh-CN", pe.Locale)
		})
	}
}

// TestProblemsBeforeTheLocale: a problem found before the locale can be
// read, or with the locale itself, is English.
func TestProblemsBeforeTheLocale(t *testing.T) {
	var raw testPolicy
	for src, want := range map[string]string{
		"locale: zh-CN\nversion: [v1\n":            "test policy: 1 problem\n\tline 1: YAML syntax: did not find expected ',' or ']'",
		"# locale: zh-CN\n":                        "test policy: 1 problem\n\tline 1, column 1: policy is empty",
		"locale: zh-TW\nversion: v1\n":             "test policy: 1 problem\n\tlocale: line 1, column 9: unknown locale \"zh-TW\"; bundled: en, zh-CN",
		"locale: [zh-CN]\nversion: v1\n":           "test policy: 1 problem\n\tlocale: line 1, column 9: expected a string, got a list",
		"locale: zh-CN\nlocale: en\nversion: v1\n": "test policy：1个问题\n\tlocale: 第2行第1列：键\"locale\"重复（首次出现在第1行第1列）",
	} {
		err := Decode("test policy", []byte(src), &raw).Err()
		require.EqualError(t, err, want, src)
	}
	big := append([]byte("locale: zh-CN\nnotes: [\""), bytes.Repeat([]byte("a"), MaxSize)...)
	require.EqualError(t, Decode("test policy", big, &raw).Err(), "test policy: 1 problem\n\tpolicy is 1048599 bytes; the limit is 1048576 (1 MiB)")
}

// TestConditionProblemsInChinese: a condition that does not compile is
// worded in the policy's locale, placed at the offending character.
func TestConditionProblemsInChinese(t *testing.T) {
	for _, tt := range []struct{ when, want, id string }{
		{"csat >= 4.6 && qa_avg >", "第4行第47列：条件提前结束；此处应为数字或指标名", "cond.ends_early.operand"},
		{"aht < 300", `第4行第24列：未知的指标"aht"；已声明的指标：csat、qa_avg`, "cond.unknown_metric"},
		{"csat = 4", `第4行第29列：此处不应出现"="；是否应为"=="？`, "cond.did_you_mean"},
		{"(csat > 4", "第4行第24列：括号未闭合", "cond.unclosed"},
		{"csat", "第4行第24列：单独的指标csat不构成条件；请加上比较，如csat > 0", "cond.metric_alone"},
		{"1 < csat < 5", "第4行第33列：比较不能连写；请用&&连接，如a < b && b < c", "cond.chained"},
		{"csat > 4 # x", `第4行第33列：意外的字符"#"；此处应为&&、||或条件的结尾`, "cond.unexpected_char.end"},
	} {
		src := "locale: zh-CN\nversion: v1\nmetrics: [csat, qa_avg]\ntiers: [{id: a, when: \"" + tt.when + "\"}]\n"
		var raw testPolicy
		d := Decode("test policy", []byte(src), &raw)
		validate(d, &raw)
		var pe *callfloor.PolicyError
		require.True(t, errors.As(d.Err(), &pe), "%v", d.Err())
		require.Equal(t, "test policy：1个问题\n\ttiers[0].when: "+tt.want, d.Err().Error(), tt.when)
		require.Equal(t, tt.id, pe.Problems[0].MessageID)
	}
}

// TestIDProblems: an id that is not lower_snake_case names what it is in
// English; under another locale, ID leaves out the noun and IDAs words it
// in the locale.
func TestIDProblems(t *testing.T) {
	var raw localeRaw
	d := Decode("test policy", []byte("version: v1\n"), &raw)
	d.ID("version", msg.MoodWhatRole{}, "Team Lead")
	require.EqualError(t, d.Err(), "test policy: 1 problem\n\tversion: line 1, column 10: role \"Team Lead\" must be lower_snake_case (a-z, 0-9, _)")

	d = Decode("test policy", []byte("locale: zh-CN\nversion: v1\n"), &raw)
	d.ID("version", msg.MoodWhatRole{}, "Team Lead")
	require.EqualError(t, d.Err(), "test policy：1个问题\n\tversion: 第2行第10列：\"Team Lead\"须为小写加下划线的标识符（a-z、0-9、_）")

	d = Decode("test policy", []byte("locale: zh-CN\nversion: v1\n"), &raw)
	d.IDAs("version", msg.PolicyNodeList{}, "Team Lead")
	require.EqualError(t, d.Err(), "test policy：1个问题\n\tversion: 第2行第10列：列表\"Team Lead\"须为小写加下划线的标识符（a-z、0-9、_）")
	require.True(t, d.IDAs("missing", msg.PolicyNodeList{}, "x") == false)
}

// TestReportError: an error that carries a catalog message is worded in
// the policy's locale; any other keeps its English text.
func TestReportError(t *testing.T) {
	var raw localeRaw
	_, envErr := cond.NewEnv("csat", "csat")
	d := Decode("test policy", []byte("locale: zh-CN\nversion: v1\n"), &raw)
	d.ReportError("version", envErr)
	require.EqualError(t, d.Err(), "test policy：1个问题\n\tversion: 第2行第10列：指标\"csat\"重复声明")

	d = Decode("test policy", []byte("version: v1\n"), &raw)
	d.ReportError("version", envErr)
	require.EqualError(t, d.Err(), "test policy: 1 problem\n\tversion: line 1, column 10: metric \"csat\" is declared twice")

	d = Decode("test policy", []byte("locale: zh-CN\nversion: v1\n"), &raw)
	d.ReportError("version", errors.New("plain"))
	require.Equal(t, "plain", d.Err().(*callfloor.PolicyError).Problems[0].Msg)
}

// TestDescribe: what a node holds, as the message the Got of a
// policy.expected_* problem takes, worded in the problem's locale, and
// in English by Describe.
func TestDescribe(t *testing.T) {
	zh, err := msg.Lookup("zh-CN")
	require.NoError(t, err)
	var n yaml.Node
	require.NoError(t, yaml.Unmarshal([]byte("3.5"), &n))
	require.Equal(t, msg.PolicyNodeFloat{Value: "3.5"}, describe(n.Content[0]))
	require.Equal(t, "数字3.5", describe(n.Content[0]).String(zh))
	require.Equal(t, "the number 3.5", Describe(n.Content[0]))

	var raw localeRaw
	d := Decode("test policy", []byte("locale: zh-CN\nversion: [1]\n"), &raw)
	var pe *callfloor.PolicyError
	require.True(t, errors.As(d.Err(), &pe), "%v", d.Err())
	p := pe.Problems[0]
	require.Equal(t, "应为字符串，实为列表", p.Msg)
	require.Equal(t, map[string]any{"Got": map[string]any{"message": "policy.node.list"}}, p.Args)
	en := callfloor.Locale{}.Localize(pe).(*callfloor.PolicyError)
	require.Equal(t, "expected a string, got a list", en.Problems[0].Msg)
}
