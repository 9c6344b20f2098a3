package incentives

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/qa"
)

// TestChinesePolicyProblems: a broken zh-CN policy has its problems in
// Chinese, word for word, each with its message id; ids, field names
// and quoted values stay as written.
func TestChinesePolicyProblems(t *testing.T) {
	src := string(defaultZhYAML)
	for _, r := range [][2]string{
		{"currency: CNY", "currency: yuan"},
		{"minor_digits: 2", "minor_digits: 7"},
		{"pay_period: monthly", "pay_period: daily"},
		{"  - {name: calls, kind: count}", "  - {name: calls, kind: count}\n  - {name: calls, kind: count}\n  - {name: Bad-Name, kind: count}"},
		{"look_back_months: 12", "look_back_months: 0"},
		{"    - id: late\n      severity: minor", "    - id: late\n      severity: mild"},
		{"      after: junior\n      tenure_months: 12", "      after: nobody\n      tenure_months: 700"},
		{"    every: weekly\n    metric: fcr\n    min_team_size: 5", "    every: daily\n    metric: fcr\n    min_team_size: -1"},
		{"kind: service_misconduct}\n    - {scorecard: outbound_sales, item: no_arguing",
			"kind: service_misconduct}\n    - {scorecard: outbound_sales, item: no_arguing, kind: nonesuch}\n    - {scorecard: outbound_sales, item: no_arguing"},
	} {
		require.Contains(t, src, r[0])
		src = strings.Replace(src, r[0], r[1], 1)
	}
	_, err := ParsePolicy([]byte(src))
	var pe *callfloor.PolicyError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, "zh-CN", pe.Locale)
	type problem struct{ path, id, msg string }
	var got []problem
	for _, p := range pe.Problems {
		got = append(got, problem{p.Path, p.MessageID, p.Msg})
	}
	kinds := "late、missed_shift、hold_over_limit、unauthorised_swap、loud_or_private_chat、break_over_time、rude_to_customer、customer_data_leak、customer_data_exposure、service_misconduct"
	require.Equal(t, []problem{
		{"currency", "incentives.policy.currency_code", `"yuan"不是货币代码（三个大写字母，如CNY或EUR）`},
		{"minor_digits", "incentives.policy.out_of_range", "7超出范围0..4"},
		{"pay_period", "incentives.policy.not_cadence", `"daily"不是周期；可用：weekly、monthly`},
		{"metrics[9].name", "incentives.policy.metric_twice", `指标"calls"声明了两次（第一次在metrics[8]）`},
		{"metrics[10].name", "policy.id_snake_case_of", `指标名"Bad-Name"须为小写加下划线的标识符（a-z、0-9、_）`},
		{"discipline.look_back_months", "incentives.policy.out_of_range", "0超出范围1..120"},
		{"discipline.kinds[0].severity", "incentives.policy.not_severity", `"mild"不是严重程度；可用：minor、serious、zero_tolerance`},
		{"discipline.qa_findings[9].kind", "incentives.policy.not_violation_kind", `"nonesuch"不是discipline.kinds中的违规类型；可用：` + kinds},
		{"discipline.qa_findings[10].item", "incentives.policy.item_mapped", `评分表outbound_sales的评分项"no_arguing"已经映射过（第一次在discipline.qa_findings[9]）`},
		{"ladder.grades[1].after", "incentives.policy.not_grade", `"nobody"不是职级阶梯中的职级`},
		{"ladder.grades[1].tenure_months", "incentives.policy.out_of_range", "700超出范围0..600"},
		{"contests[0].every", "incentives.policy.not_cadence", `"daily"不是周期；可用：weekly、monthly`},
		{"contests[0].min_team_size", "incentives.policy.not_negative", "不能为负"},
	}, got)
	require.Equal(t, map[string]any{"Value": `"yuan"`}, pe.Problems[0].Args)

	// The same breakages in the English default read as they always did.
	enSrc := strings.Replace(string(defaultYAML), "minor_digits: 2", "minor_digits: 7", 1)
	_, err = ParsePolicy([]byte(enSrc))
	require.ErrorAs(t, err, &pe)
	require.Equal(t, "7 is out of range 0..4", pe.Problems[0].Msg)
	require.Equal(t, "incentives.policy.out_of_range", pe.Problems[0].MessageID)
}

// TestChineseInputErrorsOfPeriodsAndSittings: the input errors of a
// period, of duplicate agents, of assessments and of QA findings under a
// zh-CN policy, word for word, with their message ids.
func TestChineseInputErrorsOfPeriodsAndSittings(t *testing.T) {
	zh, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	en := DefaultPolicy()
	late := march
	late.Start = late.Start.Add(time.Hour)
	wednesday := WeekOf(march.Start)
	wednesday.Start = wednesday.Start.AddDate(0, 0, 2)
	wrongID, noID := march, march
	wrongID.ID, noID.ID = "2025-04", ""
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name   string
		run    func(p *Policy) error
		id     string
		en, zh string
	}{
		{"a month starting late", func(p *Policy) error { _, err := p.Evaluate(late, nil); return err }, "incentives.input.monthly_start",
			"period.start: a monthly period starts at the first instant of the first of a month (00:00 where the day has one), not 2025-03-01 01:00; build it with MonthOf in the agents' time zone",
			"period.start: 月度周期从每月1日的第一个时刻开始（当天有00:00时即为00:00），而不是2025-03-01 01:00；请在坐席所在时区用MonthOf构造"},
		{"a week starting on a Wednesday", func(p *Policy) error { _, err := p.Evaluate(wednesday, nil); return err }, "incentives.input.weekly_start",
			"period.start: a weekly period starts at the first instant of a Monday (00:00 where the day has one), not Wednesday 2025-02-26 00:00; build it with WeekOf in the agents' time zone",
			"period.start: 周度周期从周一的第一个时刻开始（当天有00:00时即为00:00），而不是2025-02-26 00:00（周三）；请在坐席所在时区用WeekOf构造"},
		{"a wrong period id", func(p *Policy) error { _, err := p.Evaluate(wrongID, nil); return err }, "incentives.input.period_id_wrong",
			`period.id: "2025-04" does not name the monthly period starting 2025-03-01, which is "2025-03"`,
			`period.id: "2025-04"不是从2025-03-01开始的周期（每月）的编号，其编号是"2025-03"`},
		{"no period id", func(p *Policy) error { _, err := p.Evaluate(noID, nil); return err }, "incentives.input.period_id",
			`period.id: is required: the monthly period starting 2025-03-01 is "2025-03"`,
			`period.id: 为必填项：从2025-03-01开始的周期（每月）的编号是"2025-03"`},
		{"one agent twice", func(p *Policy) error {
			_, err := p.Evaluate(WeekOf(march.Start.AddDate(0, 0, 2)), []AgentRecord{{ID: "a", Team: "t"}, {ID: "a", Team: "t"}})
			return err
		}, "input.duplicate",
			`agents[1].id: "a" duplicates agents[0]`,
			`agents[1].id: "a"与agents[0]重复`},
		{"a sitting JSON cannot hold", func(p *Policy) error {
			_, err := p.AssessmentConsequences([]Assessment{{ID: "x", Agent: "a", At: far, Attempt: 1}})
			return err
		}, "input.year_range",
			"assessments[0].at: year 10000 is outside 0..9999, the range a stored time can hold",
			"assessments[0].at: 年份10000超出0..9999，即可存储时间的范围"},
		{"attempt zero", func(p *Policy) error {
			_, err := p.AssessmentConsequences([]Assessment{{ID: "x", Agent: "a", At: march.Start}})
			return err
		}, "incentives.what.attempt",
			"assessments[0].attempt: 0 is outside 1..1000, the sitting's number in a run: 1 for the first",
			"assessments[0].attempt: 0超出1..1000的范围（连续考核中的次数：第一次为1）"},
		{"a sitting without id", func(p *Policy) error {
			_, err := p.AssessmentConsequences([]Assessment{{Agent: "a", At: march.Start, Attempt: 1}})
			return err
		}, "incentives.input.sitting_evidence",
			"assessments[0].id: is required: the consequence names the sitting as evidence",
			"assessments[0].id: 为必填项：后果以这次考核为依据"},
		{"no as_of", func(p *Policy) error {
			_, _, err := p.ViolationsFromQA(qa.DefaultPolicy(), time.Time{}, nil, nil)
			return err
		}, "incentives.input.as_of",
			"as_of: is required: a finding is final once its dispute window has passed as of then",
			"as_of: 为必填项：截至该时刻申诉期已过的质检发现即为最终结果"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			errEn, errZh := tt.run(en), tt.run(zh)
			require.EqualError(t, errEn, tt.en)
			require.EqualError(t, errZh, tt.zh)
			var ie *callfloor.InputError
			require.True(t, errors.As(errZh, &ie))
			require.Equal(t, tt.id, ie.MessageID)
		})
	}
}
