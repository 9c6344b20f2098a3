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

// TestPresent: an Env presented in a locale with labels writes each
// metric by its label and joins figures and conditions in the locale's
// words; a metric without a label keeps its name, and an Env never
// presented writes what it always wrote.
func TestPresent(t *testing.T) {
	zh, err := msg.Lookup("zh-CN")
	require.NoError(t, err)
	labels := map[string]string{"qa_avg": "质检均分", "csat": "客户满意度", "tenure_months": "司龄月数"}
	vals := []float64{96.456, 4.7, 0, 14, 90}
	tests := []struct {
		name              string
		loc               *msg.Locale
		label             func(string) string
		src               string
		explain, readable string
	}{
		{"never presented", nil, nil, "qa_avg >= 95 && csat >= 4.6 || !(complaints > 0)",
			"qa_avg=96.46, csat=4.7, complaints=0", "qa_avg >= 95 && csat >= 4.6 || !(complaints > 0)"},
		{"English without labels", msg.English(), nil, "qa_avg >= 95 && csat >= 4.6 || !(complaints > 0)",
			"qa_avg=96.46, csat=4.7, complaints=0", "qa_avg >= 95 && csat >= 4.6 || !(complaints > 0)"},
		{"Chinese with labels", zh, func(n string) string { return labels[n] }, "qa_avg >= 95 && csat >= 4.6 || !(complaints > 0)",
			"质检均分=96.46、客户满意度=4.7、complaints=0", "质检均分 >= 95 且 客户满意度 >= 4.6 或 非(complaints > 0)"},
		{"spacing and numbers as written", zh, func(n string) string { return labels[n] }, "  tenure_months>=1e1&&!(qa_avg!=qa_prev)",
			"质检均分=96.456、司龄月数=14、qa_prev=90", "  司龄月数>=1e1且非(质检均分!=qa_prev)"},
		{"a label equal to the name", zh, func(n string) string { return n }, "qa_avg > 1 || csat < 2",
			"qa_avg=96.46、csat=4.7", "qa_avg > 1 或 csat < 2"},
		{"true and false in words", zh, func(n string) string { return labels[n] }, "true && qa_avg > 1",
			"质检均分=96.46", "真 且 质检均分 > 1"},
		{"false in Chinese", zh, func(n string) string { return labels[n] }, "false||csat>1",
			"客户满意度=4.7", "假或客户满意度>1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := testEnv(t)
			if tt.loc != nil {
				env.Present(tt.loc, tt.label)
			}
			x, err := Compile(tt.src, env)
			require.NoError(t, err)
			require.Equal(t, tt.explain, x.Explain(vals))
			require.Equal(t, tt.readable, x.Readable())
			require.Equal(t, tt.src, x.String(), "String stays the source")
		})
	}
}

// TestLabel: Label gives a metric's label, its name without one, and an
// undeclared name as it is.
func TestLabel(t *testing.T) {
	env := testEnv(t)
	require.Equal(t, "qa_avg", env.Label("qa_avg"))
	env.Present(msg.English(), func(n string) string {
		if n == "qa_avg" {
			return "QA average"
		}
		return ""
	})
	require.Equal(t, "QA average", env.Label("qa_avg"))
	require.Equal(t, "csat", env.Label("csat"))
	require.Equal(t, "nope", env.Label("nope"))
	env.Present(nil, nil)
	require.Equal(t, "qa_avg", env.Label("qa_avg"), "Present with no labels drops them")
}
