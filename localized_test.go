package callfloor

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor/internal/msg"
)

// TestPolicyErrorInChinese: the first line of a policy error names the
// kind in the policy's locale; its problems keep their own wording.
func TestPolicyErrorInChinese(t *testing.T) {
	zh, err := msg.Lookup("zh-CN")
	require.NoError(t, err)
	p := LocalizedProblem(zh, "tiers[0].min", 3, 7, msg.PolicyRequiredField{})
	for kind, want := range map[string]string{
		"mood policy":       "情绪管理策略：1个问题\n\ttiers[0].min: 第3行第7列：缺少必填字段",
		"qa policy":         "质检策略：1个问题\n\ttiers[0].min: 第3行第7列：缺少必填字段",
		"coaching policy":   "辅导沟通策略：1个问题\n\ttiers[0].min: 第3行第7列：缺少必填字段",
		"incentives policy": "激励与奖惩策略：1个问题\n\ttiers[0].min: 第3行第7列：缺少必填字段",
		"test policy":       "test policy：1个问题\n\ttiers[0].min: 第3行第7列：缺少必填字段",
	} {
		e := &PolicyError{Kind: kind, Problems: []Problem{p}, Locale: "zh-CN"}
		require.Equal(t, want, e.Error())
	}
	e := &PolicyError{Kind: "mood policy", Problems: []Problem{LocalizedProblem(nil, "tiers[0].min", 3, 7, msg.PolicyRequiredField{})}}
	require.Equal(t, "mood policy: 1 problem\n\ttiers[0].min: line 3, column 7: required field is missing", e.Error())
	require.Equal(t, "policy.required_field", e.Problems[0].MessageID)
}

// TestDurationErrorMessages: ParseDuration's errors read in English and
// carry the catalog message that words them in a policy's locale.
func TestDurationErrorMessages(t *testing.T) {
	zh, err := msg.Lookup("zh-CN")
	require.NoError(t, err)
	for _, tt := range []struct{ src, id, en, zh string }{
		{" ", "policy.duration.empty", `expected a duration such as "90m", "36h" or "14d", got an empty string`, `应为时长，如"90m"、"36h"或"14d"，实为空字符串`},
		{"3 weeks", "policy.duration.malformed", `expected a duration such as "90m", "36h" or "14d", got "3 weeks"`, `应为时长，如"90m"、"36h"或"14d"，实为"3 weeks"`},
		{"xd", "policy.duration.malformed", `expected a duration such as "90m", "36h" or "14d", got "xd"`, `应为时长，如"90m"、"36h"或"14d"，实为"xd"`},
		{"-3d", "policy.duration.negative", "a duration must not be negative", "时长不能为负"},
		{"-3h", "policy.duration.negative", "a duration must not be negative", "时长不能为负"},
		{"100001d", "policy.duration.days_range", "100001 days is out of range (at most 100000)", "100001天超出范围（最多100000天）"},
	} {
		_, err := ParseDuration(tt.src)
		require.EqualError(t, err, tt.en)
		var l interface{ LocalizedMessage() msg.Message }
		require.True(t, errors.As(err, &l))
		require.Equal(t, tt.id, l.LocalizedMessage().ID())
		require.Equal(t, tt.zh, l.LocalizedMessage().String(zh))
	}
}

// TestLocalizedInputError: an input error built in a locale carries its
// message id and introduces a list in that locale.
func TestLocalizedInputError(t *testing.T) {
	zh, err := msg.Lookup("zh-CN")
	require.NoError(t, err)
	m := msg.InputRequired{}
	e := LocalizedInputError(zh, "case.at", ErrRequired, m.String(zh), m)
	require.Equal(t, "case.at: 为必填项", e.Error())
	require.Equal(t, "input.required", e.MessageID)
	require.Equal(t, "2个输入错误\n\tcase.at: 为必填项\n\tx: is required", InputErrors{e, Required("x", "")}.Error())
	require.Equal(t, "2 input errors\n\tx: is required\n\tcase.at: 为必填项", InputErrors{Required("x", ""), LocalizedInputError(nil, "case.at", ErrRequired, m.String(zh), m)}.Error())
	require.Equal(t, "no input errors", InputErrors{}.Error())
}
