package cond

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor/internal/msg"
)

// TestErrorMessages: every error Compile and NewEnv return carries the
// catalog message it is worded from, English as Msg says it and Chinese
// from the zh-CN catalog, with the offset unchanged.
func TestErrorMessages(t *testing.T) {
	zh, err := msg.Lookup("zh-CN")
	require.NoError(t, err)
	env := testEnv(t)
	empty, err := NewEnv()
	require.NoError(t, err)
	tests := []struct {
		src        string
		env        *Env
		offset     int
		id, en, zh string
	}{
		{"", env, 0, "cond.empty", "condition is empty", "条件为空"},
		{strings.Repeat(" ", MaxLen+1), env, MaxLen, "cond.too_long", "condition is 4097 bytes; the limit is 4096", "条件有4097字节，上限为4096字节"},
		{"csat >", env, 6, "cond.ends_early.operand", "condition ends early; expected a number or a metric name", "条件提前结束；此处应为数字或指标名"},
		{"5", env, 1, "cond.ends_early.comparison", "condition ends early; expected a comparison (<, <=, >, >=, ==, !=)", "条件提前结束；此处应为比较符（<、<=、>、>=、==、!=）"},
		{"csat > 1 csat", env, 9, "cond.unexpected.end", `unexpected "csat"; expected &&, || or the end of the condition`, `此处不应出现"csat"；应为&&、||或条件的结尾`},
		{"(csat > 1 csat)", env, 10, "cond.unexpected.close", `unexpected "csat"; expected &&, || or )`, `此处不应出现"csat"；应为&&、||或)`},
		{"5 csat", env, 2, "cond.unexpected.comparison", `unexpected "csat"; expected a comparison (<, <=, >, >=, ==, !=)`, `此处不应出现"csat"；应为比较符（<、<=、>、>=、==、!=）`},
		{"csat > )", env, 7, "cond.unexpected.operand", `unexpected ")"; expected a number or a metric name`, `此处不应出现")"；应为数字或指标名`},
		{"csat > 1 @", env, 9, "cond.unexpected_char.end", `unexpected character "@"; expected &&, || or the end of the condition`, `意外的字符"@"；此处应为&&、||或条件的结尾`},
		{"(csat > 1 @", env, 10, "cond.unexpected_char.close", `unexpected character "@"; expected &&, || or )`, `意外的字符"@"；此处应为&&、||或)`},
		{"5 @", env, 2, "cond.unexpected_char.comparison", `unexpected character "@"; expected a comparison (<, <=, >, >=, ==, !=)`, `意外的字符"@"；此处应为比较符（<、<=、>、>=、==、!=）`},
		{"csat > @", env, 7, "cond.unexpected_char.operand", `unexpected character "@"; expected a number or a metric name`, `意外的字符"@"；此处应为数字或指标名`},
		{"csat > 1e999", env, 7, "cond.not_finite", `"1e999" is not a finite number`, `"1e999"不是有限的数字`},
		{"csat = 1", env, 5, "cond.did_you_mean", `unexpected "="; did you mean "=="?`, `此处不应出现"="；是否应为"=="？`},
		{strings.Repeat("!", 70) + "true", env, 64, "cond.too_deep", "condition nests deeper than 64", "条件嵌套超过64层"},
		{"(csat > 1", env, 0, "cond.unclosed", "unclosed parenthesis", "括号未闭合"},
		{"true == 1", env, 0, "cond.const_compared", "true cannot be compared; use it alone", "true不能参与比较；请单独使用"},
		{"csat > false", env, 7, "cond.const_compared", "false cannot be compared; use it alone", "false不能参与比较；请单独使用"},
		{"csat && qa_avg > 1", env, 0, "cond.metric_alone", "metric csat alone is not a condition; compare it, as in csat > 0", "单独的指标csat不构成条件；请加上比较，如csat > 0"},
		{"1 < csat < 2", env, 9, "cond.chained", "comparisons do not chain; join them with &&, as in a < b && b < c", "比较不能连写；请用&&连接，如a < b && b < c"},
		{"aht > 1", env, 0, "cond.unknown_metric", `unknown metric "aht"; declared: qa_avg, csat, complaints, tenure_months, qa_prev`, `未知的指标"aht"；已声明的指标：qa_avg、csat、complaints、tenure_months、qa_prev`},
		{"aht > 1", empty, 0, "cond.unknown_metric_none", `unknown metric "aht"; declared: none`, `未知的指标"aht"；本策略未声明任何指标`},
	}
	for _, tt := range tests {
		_, err := Compile(tt.src, tt.env)
		var ce *Error
		require.True(t, errors.As(err, &ce), "%q: %v", tt.src, err)
		require.Equal(t, tt.offset, ce.Offset, tt.src)
		require.Equal(t, tt.en, ce.Msg, tt.src)
		require.Equal(t, tt.id, ce.Message.ID(), tt.src)
		require.Equal(t, tt.en, ce.Message.String(msg.English()), tt.src)
		require.Equal(t, tt.zh, ce.Message.String(zh), tt.src)
		require.Equal(t, ce.Message, ce.LocalizedMessage())
	}

	for _, tt := range []struct {
		names      []string
		id, en, zh string
	}{
		{[]string{"9lives"}, "cond.env.not_ident", `metric name "9lives" is not an identifier (letters, digits and _, not starting with a digit)`, `指标名"9lives"不是合法的标识符（字母、数字和_，不以数字开头）`},
		{[]string{"true"}, "cond.env.reserved", `metric name "true" is reserved`, `指标名"true"是保留字`},
		{[]string{"csat", "csat"}, "cond.env.duplicate", `metric "csat" is declared twice`, `指标"csat"重复声明`},
	} {
		_, err := NewEnv(tt.names...)
		var de *DeclError
		require.True(t, errors.As(err, &de), "%v", err)
		require.Equal(t, tt.en, err.Error())
		require.Equal(t, tt.id, de.LocalizedMessage().ID())
		require.Equal(t, tt.zh, de.Message.String(zh))
	}
}
