package coaching

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor"
)

// namedEnglish is the English default with names for three of its
// signals.
func namedEnglish(t *testing.T) *Policy {
	t.Helper()
	p, err := ParsePolicy([]byte(string(defaultYAML) + "\nnames:\n  qa_avg: QA average\n  tenure_days: days served\n  mood_crisis: crisis on record\n"))
	require.NoError(t, err)
	return p
}

// The retention bar and every other condition a reason explains are
// written with the signals by the display names the policy gives them,
// and the bar with && in the locale's words; English without names
// writes them as the policy does. Missing signals are named the same
// way, while Missing itself and the facts keep the signals' ids.
func TestRetentionNames(t *testing.T) {
	zh, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	below := Signals{"qa_avg": 83.94, "tenure_days": 71, "mood_crisis": 0}
	for _, tt := range []struct {
		name    string
		p       *Policy
		signals Signals
		want    string
		missing []string
	}{
		{"English, nothing named", DefaultPolicy(), below,
			`below the bar for keeping "qa_avg >= 85 && tenure_days >= 180 && mood_crisis == 0" (qa_avg=83.94, mood_crisis=0, tenure_days=71)`, []string{}},
		{"English, signals named", namedEnglish(t), below,
			`below the bar for keeping "QA average >= 85 && days served >= 180 && crisis on record == 0" (QA average=83.94, crisis on record=0, days served=71)`, []string{}},
		{"Chinese", zh, below,
			`未达到挽留标准"质检均分 >= 85 且 司龄天数 >= 180 且 危机记录 == 0"（质检均分=83.94、危机记录=0、司龄天数=71）`, []string{}},
		{"English, signals named, one missing", namedEnglish(t), Signals{"qa_avg": 90},
			"cannot judge without crisis on record, days served; no retention attempt is proposed", []string{"mood_crisis", "tenure_days"}},
		{"Chinese, one missing", zh, Signals{"qa_avg": 90, "mood_crisis": 0},
			"缺少司龄天数，无法判断；不建议挽留", []string{"tenure_days"}},
	} {
		d, err := tt.p.Retention("north-17", tt.signals)
		require.NoError(t, err, tt.name)
		require.Len(t, d.Reasons, 1, tt.name)
		require.Equal(t, tt.want, d.Reasons[0].Text, tt.name)
		require.Equal(t, tt.missing, d.Missing, tt.name)
		for _, f := range d.Reasons[0].Facts {
			require.Contains(t, []string{"qa_avg", "tenure_days", "mood_crisis"}, f.Name, "%s: facts keep the ids", tt.name)
		}
	}
}

// A trigger's reason and a hold that could not be checked name the
// signals by their display names.
func TestTriggerNames(t *testing.T) {
	zh, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	for _, tt := range []struct {
		p    *Policy
		want []string
	}{
		{DefaultPolicy(), []string{
			"QA has stayed under the bar for two periods or more, on enough evaluations to act on; find the problem from the scores and monitoring (qa_evaluations=8, qa_periods_below_bar=2)",
			"not checked without mood_tier, mood_crisis"}},
		{zh, []string{
			"质检连续两期或以上低于达标线，且质检次数足以说明问题；从绩效成绩和日常监控中找出问题（质检次数=8、质检连续未达标期数=2）",
			"缺少情绪分级、危机记录，未作核查"}},
	} {
		got, err := tt.p.Propose("agent-7", Signals{"qa_periods_below_bar": 2, "qa_evaluations": 8}, nil)
		require.NoError(t, err)
		require.Len(t, got.Proposed, 1)
		var texts []string
		for _, r := range got.Proposed[0].Reasons {
			texts = append(texts, r.Text)
		}
		require.Equal(t, tt.want, texts)
	}
}

func TestDisplayName(t *testing.T) {
	zh, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	var zero *Policy
	for _, tt := range []struct {
		p      *Policy
		id     string
		want   string
		reason string
	}{
		{zh, "qa_avg", "质检均分", "a signal the Chinese default names"},
		{zh, "leaning_to_leave", "离职倾向", "the last signal declared"},
		{zh, "hold_exit_interview", "hold_exit_interview", "a step is no signal: names leaves it as it is"},
		{namedEnglish(t), "tenure_days", "days served", "an English policy may name its signals too"},
		{DefaultPolicy(), "qa_avg", "qa_avg", "the English default names nothing"},
		{zero, "qa_avg", "", "a nil Policy"},
		{&Policy{}, "qa_avg", "", "a zero Policy"},
	} {
		require.Equal(t, tt.want, tt.p.DisplayName(tt.id), tt.reason)
	}
}

// A name for anything but a declared signal, an empty name and a key
// that is not an id are problems at their place, in the policy's locale.
func TestPolicyNames(t *testing.T) {
	problems := func(src string) []string {
		_, err := ParsePolicy([]byte(src))
		var pe *callfloor.PolicyError
		require.True(t, errors.As(err, &pe), "%v", err)
		out := make([]string, len(pe.Problems))
		for i, p := range pe.Problems {
			out[i] = p.Error()
		}
		return out
	}
	lines := func(src []byte) int { return strings.Count(string(src), "\n") }
	en := lines(defaultYAML) + 2
	require.Equal(t, []string{
		"names.qa_avg: line " + strconv.Itoa(en+1) + ", column 11: a display name must not be empty",
		`names["QA-avg"]: line ` + strconv.Itoa(en+2) + `, column 11: named id "QA-avg" must be lower_snake_case (a-z, 0-9, _)`,
		"names.hold_exit_interview: line " + strconv.Itoa(en+3) + `, column 24: no signal the policy declares is "hold_exit_interview"; names names the declared signals`,
	}, problems(string(defaultYAML)+"\nnames:\n  qa_avg: \"\"\n  QA-avg: QA\n  hold_exit_interview: exit talk\n"))

	zhSrc := strings.Replace(string(defaultZhYAML), "  qa_avg: 质检均分\n", "", 1)
	zh := lines([]byte(zhSrc))
	require.Equal(t, []string{
		"names.qa_avg: 第" + strconv.Itoa(zh+1) + "行第11列：显示名称不能为空",
		`names["QA-avg"]: 第` + strconv.Itoa(zh+2) + `行第11列：命名的编号"QA-avg"须为小写加下划线的标识符（a-z、0-9、_）`,
		"names.hold_exit_interview: 第" + strconv.Itoa(zh+3) + `行第24列：本策略声明的信号中没有"hold_exit_interview"；names 只为已声明的信号命名`,
	}, problems(zhSrc+"  qa_avg: \"\"\n  QA-avg: 质检\n  hold_exit_interview: 离职面谈\n"))
}
