package coaching

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor"
)

// TestZhInputErrors: under the Chinese default, the input errors are
// worded in Chinese, exactly, with the message id of what is specific to
// the mistake; the English default words the same mistakes as before.
func TestZhInputErrors(t *testing.T) {
	zh, en := zhPolicy(t), DefaultPolicy()
	c, err := zh.Open(PerformanceReview, "agent-17", t0)
	require.NoError(t, err)
	done := c
	done.Steps = append([]StepState(nil), c.Steps...)
	done.Steps[0].Done = t0.Add(time.Hour)
	at := t0.Add(time.Hour)
	tests := []struct {
		name   string
		run    func(p *Policy) error
		id     string
		en, zh string
	}{
		{"unknown kind", func(p *Policy) error { _, err := p.Open("gossip", "a", t0); return err }, "coaching.what.kind",
			`kind: unknown kind "gossip"; allowed: performance_review, performance_problem, promotion, care, employee_issue, exit_interview, hiring_interview, cross_department`,
			`kind: 未知的类型"gossip"；可用：performance_review、performance_problem、promotion、care、employee_issue、exit_interview、hiring_interview、cross_department`},
		{"unknown step", func(p *Policy) error {
			_, err := p.Apply(c, Event{ID: "e1", Case: c.ID, Type: EventComplete, Step: "nope", At: at, By: "lead"})
			return err
		}, "coaching.what.kind_step",
			`event.step: unknown performance_review step "nope"; allowed: analyze_scores, make_interview_form, hold_interview, follow_up, performance_feedback`,
			`event.step: 未知的performance_review步骤"nope"；可用：analyze_scores、make_interview_form、hold_interview、follow_up、performance_feedback`},
		{"cancel without reason", func(p *Policy) error {
			_, err := p.Apply(c, Event{ID: "e1", Case: c.ID, Type: EventCancel, At: at, By: "lead"})
			return err
		}, "coaching.because.cancel_reason", `event.reason: is required: a cancel says why`, `event.reason: 为必填项：取消须说明原因`},
		{"close too early", func(p *Policy) error {
			_, err := p.Apply(c, Event{ID: "e1", Case: c.ID, Type: EventClose, At: at, By: "lead"})
			return err
		}, "coaching.input.close_step_owed_expected",
			`event.type: close needs every step done; step "analyze_scores" is still owed; expected: complete "analyze_scores" (or reschedule a step, or cancel)`,
			`event.type: 结案须完成所有步骤；步骤"analyze_scores"尚未完成；应当：complete "analyze_scores"（或改期某个步骤，或cancel）`},
		{"deadline before the event", func(p *Policy) error {
			_, err := p.Apply(c, Event{ID: "e1", Case: c.ID, Type: EventReschedule, Step: "analyze_scores", At: at, By: "lead", Due: t0})
			return err
		}, "coaching.input.due_not_later",
			`event.due: the new deadline 2026-03-02T09:00:00Z must be later than the event at 2026-03-02T10:00:00Z`,
			`event.due: 新期限2026年3月2日 09:00:00 Z须晚于事件时间2026年3月2日 10:00:00 Z`},
		{"not a tier", func(p *Policy) error { _, err := p.Propose("a", Signals{"mood_tier": 7}, nil); return err }, "coaching.detail.not_tier",
			`signals.mood_tier: 7 is not a tier: 0 normal, 1 mild, 2 moderate or 3 severe`, `signals.mood_tier: 7：不是等级：0正常、1轻度、2中度或3重度`},
		{"score off the scale", func(p *Policy) error {
			_, err := p.ScoreInterview("cand", []ScoreSheet{sheet("hr.zhao", 4, 4, 5, 4, 3, 4, 4, 4, 4, 9)})
			return err
		}, "coaching.what.question_scale",
			`sheets[0].answers[18].score: 9 is outside 1..5, the scale of question "emotion_after_abuse"`,
			`sheets[0].answers[18].score: 9超出1..5的范围（问题"emotion_after_abuse"的分数范围）`},
		{"time out of range", func(p *Policy) error {
			_, err := p.Open(PerformanceReview, "x", time.Date(10001, 1, 1, 0, 0, 0, 0, time.UTC))
			return err
		}, "input.year_range", `at: year 10001 is outside 0..9999, the range a stored time can hold`, `at: 年份10001超出0..9999，即可存储时间的范围`},
		{"done without an event", func(p *Policy) error {
			_, err := p.Apply(done, Event{ID: "e1", Case: c.ID, Type: EventCancel, At: at, By: "lead", Reason: "r"})
			return err
		}, "coaching.input.done_without_event",
			`case.steps[0].done: step "analyze_scores" is done at 2026-03-02T10:00:00Z, but no event in the case's history completed it`,
			`case.steps[0].done: 步骤"analyze_scores"完成于2026年3月2日 10:00:00 Z，但案件历史中没有完成它的事件`},
		{"no tenure section", func(p *Policy) error {
			q := *p
			q.tenure.set = false
			_, err := q.Plan(Employee{ID: "n1", Hired: t0}, t0)
			return err
		}, "coaching.detail.no_tenure_section", `tenure: the policy has no tenure section`, `tenure: 策略没有tenure部分`},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			p    *Policy
			want string
		}{{en, tt.en}, {zh, tt.zh}} {
			err := tt.run(c.p)
			var ie *callfloor.InputError
			require.True(t, errors.As(err, &ie), tt.name)
			require.Equal(t, c.want, err.Error(), tt.name)
			require.Equal(t, tt.id, ie.MessageID, tt.name)
		}
	}
}

// TestZhPolicyProblems: a policy naming locale zh-CN is told its problems
// in Chinese, exactly, with the what of a bad id in Chinese too.
func TestZhPolicyProblems(t *testing.T) {
	src := string(defaultZhYAML)
	bad := strings.Replace(src, "hire_at: 3.5", "hire_at: 7", 1)
	bad = strings.Replace(bad, "roles: [team_lead, supervisor, hr,", "roles: [team_lead, supervisor, team_lead, Bad-Role, hr,", 1)
	_, err := ParsePolicy([]byte(bad))
	require.EqualError(t, err, "辅导沟通策略：3个问题\n"+
		"\troles[2]: 第10行第32列：角色\"team_lead\"声明了两次\n"+
		"\troles[3]: 第10行第43列：角色\"Bad-Role\"须为小写加下划线的标识符（a-z、0-9、_）\n"+
		"\thiring.hire_at: 第431行第12列：录用线采用1-5分制，实际为7")
	en := strings.Replace(bad, "locale: zh-CN", "locale: en", 1)
	_, err = ParsePolicy([]byte(en))
	require.EqualError(t, err, "coaching policy: 3 problems\n"+
		"\troles[2]: line 10, column 32: role \"team_lead\" is declared twice\n"+
		"\troles[3]: line 10, column 43: role \"Bad-Role\" must be lower_snake_case (a-z, 0-9, _)\n"+
		"\thiring.hire_at: line 431, column 12: the hire bar is on the 1-5 scale, got 7")
}

// TestZhCareHoldProblems: the problems of a corrective kind without the
// hold that cares first, of a hold that lets the severe tier through and
// of an exit workflow marked corrective (whose trigger then lacks that
// hold too) are told in Chinese, exactly.
func TestZhCareHoldProblems(t *testing.T) {
	src := string(defaultZhYAML)
	const hold = "    hold_when: mood_crisis == 1 || mood_tier >= 3\n    hold_reason: 处于危机或重度等级的员工先关怀，之后才能进行任何纠正性谈话\n"
	require.Contains(t, src, hold)
	line := func(s, sub string) int { return strings.Count(s[:strings.Index(s, sub)], "\n") + 1 }

	noHold := strings.Replace(src, hold, "", 1)
	_, err := ParsePolicy([]byte(noHold))
	require.EqualError(t, err, "辅导沟通策略：1个问题\n"+
		"\ttriggers[5].kind: 第"+strconv.Itoa(line(noHold, "    kind: performance_problem\n    # 质检"))+"行第11列：类型\"performance_problem\"属于纠正性谈话，而处于危机或重度等级的员工要先得到关怀，之后才能进行任何纠正性谈话；请加上hold_when: mood_crisis == 1 || mood_tier >= 3，并写明hold_reason")

	lets := strings.Replace(src, "    hold_when: mood_crisis == 1 || mood_tier >= 3\n", "    hold_when: mood_tier >= 3\n", 1)
	_, err = ParsePolicy([]byte(lets))
	require.EqualError(t, err, "辅导沟通策略：1个问题\n"+
		"\ttriggers[5].hold_when: 第"+strconv.Itoa(line(lets, "    hold_when: mood_tier >= 3\n"))+"行第16列：类型\"performance_problem\"属于纠正性谈话，而处于危机或重度等级的员工要先得到关怀，之后才能进行任何纠正性谈话；这一暂缓条件在mood_crisis为1或mood_tier为3时仍放行谈话，而mood_crisis == 1 || mood_tier >= 3会暂缓")

	exit := strings.Replace(src, "  exit_interview:\n    title: 员工离职面谈\n", "  exit_interview:\n    title: 员工离职面谈\n    corrective: true\n", 1)
	_, err = ParsePolicy([]byte(exit))
	require.EqualError(t, err, "辅导沟通策略：2个问题\n"+
		"\tworkflows.exit_interview.corrective: 第"+strconv.Itoa(line(exit, "    corrective: true\n    max_reschedules: 1\n    phases: [execution, tracking]"))+"行第17列：离职面谈对每位辞职者都是必须的，不能暂缓，因此不是纠正性谈话：纠正性谈话的触发条件对处于危机或重度等级的员工须暂缓\n"+
		"\ttriggers[8].kind: 第"+strconv.Itoa(line(exit, "    kind: exit_interview\n"))+"行第11列：类型\"exit_interview\"属于纠正性谈话，而处于危机或重度等级的员工要先得到关怀，之后才能进行任何纠正性谈话；请加上hold_when: mood_crisis == 1 || mood_tier >= 3，并写明hold_reason")
}

// TestZhListsJoinedByTheLocale: a list inside a Chinese problem is joined
// as Chinese joins a list (、), an English one as English does.
func TestZhListsJoinedByTheLocale(t *testing.T) {
	src := string(defaultZhYAML)
	const step = "        role: team_lead\n        records: [score_analysis]\n"
	require.Contains(t, src, step)
	bad := strings.Replace(src, step, "        role: nobody\n        records: [score_analysis]\n", 1)
	_, err := ParsePolicy([]byte(bad))
	require.Error(t, err)
	require.Contains(t, err.Error(), "team_lead、supervisor、hr、")
	require.NotContains(t, err.Error(), "team_lead, supervisor")
	_, err = ParsePolicy([]byte(strings.Replace(bad, "locale: zh-CN", "locale: en", 1)))
	require.Error(t, err)
	require.Contains(t, err.Error(), "team_lead, supervisor, hr, ")
}
