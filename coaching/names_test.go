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

// A name for anything but a declared signal, role, kind, dimension or
// exit reason, an empty name and a key that is not an id are problems
// at their place, in the policy's locale.
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
		"names.hold_exit_interview: line " + strconv.Itoa(en+3) + `, column 24: no signal, role, kind, hiring dimension or exit reason of the policy is "hold_exit_interview"; names names only those`,
	}, problems(string(defaultYAML)+"\nnames:\n  qa_avg: \"\"\n  QA-avg: QA\n  hold_exit_interview: exit talk\n"))

	zhSrc := strings.Replace(string(defaultZhYAML), "  qa_avg: 质检均分\n", "", 1)
	zh := lines([]byte(zhSrc))
	require.Equal(t, []string{
		"names.qa_avg: 第" + strconv.Itoa(zh+1) + "行第11列：显示名称不能为空",
		`names["QA-avg"]: 第` + strconv.Itoa(zh+2) + `行第11列：命名的编号"QA-avg"须为小写加下划线的标识符（a-z、0-9、_）`,
		"names.hold_exit_interview: 第" + strconv.Itoa(zh+3) + `行第24列：本策略的信号、角色、沟通类别、面试维度和离职原因中都没有"hold_exit_interview"；names 只为这些编号命名`,
	}, problems(zhSrc+"  qa_avg: \"\"\n  QA-avg: 质检\n  hold_exit_interview: 离职面谈\n"))
}

// ownIDsPolicy is a policy that adds to the built-in values a role
// (quality_lead), a kind (quality_review), a hiring dimension
// (sales_sense), an exit reason (relocation) and a veteran role
// (floor_coach), in English or in Chinese, with names, when given, for
// those and for a built-in role, dimension and exit reason.
func ownIDsPolicy(t *testing.T, locale, names string) *Policy {
	t.Helper()
	title, step := "quality review", "listen to the calls"
	if locale == "zh-CN" {
		title, step = "质量回顾", "复听录音"
	}
	src := "version: v1\nlocale: " + locale + `
roles: [team_lead, quality_lead]
kinds: [care, quality_review]
workflows:
  care:
    phases: [p]
    steps:
      - {id: talk, title: ` + step + `, phase: p, role: team_lead, within: 1d, setting: one_to_one, feedback: true}
  quality_review:
    title: ` + title + `
    phases: [p]
    steps:
      - {id: review, title: ` + step + `, phase: p, role: quality_lead, within: 1d, setting: one_to_one, feedback: true}
exit:
  reasons: [pay, relocation]
hiring:
  dimensions: [honesty, sales_sense]
  hire_at: 3.5
  hold_at: 3
  max_spread: 4
  floors: {honesty: 3, sales_sense: 3}
  questions:
    - {id: q1, dimension: honesty, text: t, rubric: [a, b, c, d, e]}
    - {id: q2, dimension: sales_sense, text: t, rubric: [a, b, c, d, e]}
tenure:
  new_hire_for: 90d
  veteran_after: 365d
  new_hire: {care_every: 14d, guidance_every: 7d}
  veteran: {attention_every: 30d, roles: [mentor, floor_coach]}
  pairing: {max_mentees: 2}
` + names
	p, err := ParsePolicy([]byte(src))
	require.NoError(t, err)
	return p
}

const (
	namesEnglish = `names:
  quality_lead: quality lead
  quality_review: quality review talk
  sales_sense: sales sense
  relocation: moving away
  floor_coach: floor coach
  team_lead: shift lead
  care: wellbeing talk
  honesty: integrity
  pay: salary
`
	namesChinese = `names:
  quality_lead: 质检主管
  quality_review: 质检回顾谈话
  sales_sense: 销售意识
  relocation: 搬迁
  floor_coach: 现场教练
  team_lead: 班长
  care: 关怀谈话
  honesty: 诚实守信
  pay: 薪资待遇
`
)

// The sentences of a policy write the roles, kinds and dimensions it
// adds by the names it gives them, in English as in Chinese, and a name
// the policy gives a built-in value wins over the catalog's. An id left
// unnamed is written as it always was in English, by its id; in Chinese
// a kind is written by the title the policy gives its workflow, else by
// its catalog name, a built-in role or dimension by its catalog name,
// and an id no catalog knows by itself. An exit reason is in no
// sentence; ExitReasonName names it the same way.
func TestOwnIDsInSentences(t *testing.T) {
	for _, tt := range []struct {
		name                    string
		p                       *Policy
		added, builtIn          string // the overdue reminders of quality_review and care
		floors                  []string
		veteran                 string
		kind, role, dim, reason []string // the display names of the added and the built-in value
	}{
		{"English, unnamed", ownIDsPolicy(t, "en", ""),
			`quality_review: step "listen to the calls" is overdue; the quality_lead owes it`,
			`care: step "listen to the calls" is overdue; the team_lead owes it`,
			[]string{"honesty scored 2, below its floor 3", "sales_sense scored 2, below its floor 3"},
			"800d in, at least 365d: a veteran gets attention every 30d and a role (mentor, floor_coach) so that they feel indispensable",
			[]string{"quality review", "care talk"}, []string{"quality_lead", "team lead"}, []string{"sales_sense", "honesty"}, []string{"relocation", "pay"}},
		{"English, named", ownIDsPolicy(t, "en", namesEnglish),
			`quality review talk: step "listen to the calls" is overdue; the quality lead owes it`,
			`wellbeing talk: step "listen to the calls" is overdue; the shift lead owes it`,
			[]string{"integrity scored 2, below its floor 3", "sales sense scored 2, below its floor 3"},
			"800d in, at least 365d: a veteran gets attention every 30d and a role (mentor, floor coach) so that they feel indispensable",
			[]string{"quality review talk", "wellbeing talk"}, []string{"quality lead", "shift lead"}, []string{"sales sense", "integrity"}, []string{"moving away", "salary"}},
		{"Chinese, unnamed", ownIDsPolicy(t, "zh-CN", ""),
			"质量回顾：步骤“复听录音”已逾期，应由quality_lead完成",
			"关怀沟通：步骤“复听录音”已逾期，应由组长完成",
			[]string{"诚信得分2，低于该项下限3", "sales_sense得分2，低于该项下限3"},
			"入职800天，已满365天：老员工每30天关注一次，并担任角色（带教师傅、floor_coach），让他们感到自己不可或缺",
			[]string{"质量回顾", "关怀沟通"}, []string{"quality_lead", "组长"}, []string{"sales_sense", "诚信"}, []string{"relocation", "薪酬"}},
		{"Chinese, named", ownIDsPolicy(t, "zh-CN", namesChinese),
			"质检回顾谈话：步骤“复听录音”已逾期，应由质检主管完成",
			"关怀谈话：步骤“复听录音”已逾期，应由班长完成",
			[]string{"诚实守信得分2，低于该项下限3", "销售意识得分2，低于该项下限3"},
			"入职800天，已满365天：老员工每30天关注一次，并担任角色（带教师傅、现场教练），让他们感到自己不可或缺",
			[]string{"质检回顾谈话", "关怀谈话"}, []string{"质检主管", "班长"}, []string{"销售意识", "诚实守信"}, []string{"搬迁", "薪资待遇"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.p
			overdue := func(k Kind) string {
				c, err := p.Open(k, "agent-7", t0)
				require.NoError(t, err)
				due := p.Due(c, t0.Add(3*day))
				require.Len(t, due, 1)
				require.Len(t, due[0].Reasons, 1)
				return due[0].Reasons[0].Text
			}
			require.Equal(t, tt.added, overdue("quality_review"))
			require.Equal(t, tt.builtIn, overdue(Care))

			low := ScoreSheet{Interviewer: "hr.zhao", Answers: []Answer{{Question: "q1", Score: 2}, {Question: "q2", Score: 2}}}
			res, err := p.ScoreInterview("cand-1", []ScoreSheet{low})
			require.NoError(t, err)
			var floors []string
			for _, r := range res.Reasons {
				if strings.HasPrefix(r.Rule, "hiring.floors.") {
					floors = append(floors, r.Text)
				}
			}
			require.Equal(t, tt.floors, floors)
			require.Equal(t, []Dimension{"honesty", "sales_sense"}, []Dimension{res.Dimensions[0].Dimension, res.Dimensions[1].Dimension}, "results keep the ids")

			pl, err := p.Plan(Employee{ID: "v1", Team: "north", Hired: t0.Add(-800 * day)}, t0)
			require.NoError(t, err)
			require.Len(t, pl.Reasons, 1)
			require.Equal(t, tt.veteran, pl.Reasons[0].Text)
			require.Equal(t, []string{"mentor", "floor_coach"}, pl.Roles, "plans keep the ids")

			require.Equal(t, tt.kind, []string{p.KindName("quality_review"), p.KindName(Care)})
			require.Equal(t, tt.role, []string{p.RoleName("quality_lead"), p.RoleName("team_lead")})
			require.Equal(t, tt.dim, []string{p.DimensionName("sales_sense"), p.DimensionName("honesty")})
			require.Equal(t, tt.reason, []string{p.ExitReasonName("relocation"), p.ExitReasonName("pay")})
		})
	}
}

// names may name what the policy runs: its declared roles and veteran
// roles, its kinds, dimensions and exit reasons, the built-in ones where
// it declares none of its own. A dimension of a policy without a hiring
// section, a veteran role of one without tenure, a step, a phase and a
// record are not among them; an empty name for a role or a kind is
// refused as for a signal.
func TestPolicyNamesOfOwnIDs(t *testing.T) {
	const head = `version: v1
roles: [team_lead, quality_lead]
workflows:
  care:
    phases: [prepare]
    steps:
      - {id: talk, phase: prepare, role: team_lead, records: [notes], within: 1d, setting: one_to_one, feedback: true}
names:
  care: wellbeing talk
  pay: salary
  team_lead: shift lead
  quality_lead: ""
  hiring_interview: ""
  Quality: quality
  honesty: integrity
  mentor: mentor
  relocation: moving away
  prepare: preparation
  talk: the talk
  notes: talk notes
`
	for _, tc := range []struct {
		locale string
		want   []string
	}{
		{"en", []string{
			`names.quality_lead: line 12, column 17: a display name must not be empty`,
			`names.hiring_interview: line 13, column 21: a display name must not be empty`,
			`names["Quality"]: line 14, column 12: named id "Quality" must be lower_snake_case (a-z, 0-9, _)`,
			`names.honesty: line 15, column 12: no signal, role, kind, hiring dimension or exit reason of the policy is "honesty"; names names only those`,
			`names.mentor: line 16, column 11: no signal, role, kind, hiring dimension or exit reason of the policy is "mentor"; names names only those`,
			`names.relocation: line 17, column 15: no signal, role, kind, hiring dimension or exit reason of the policy is "relocation"; names names only those`,
			`names.prepare: line 18, column 12: no signal, role, kind, hiring dimension or exit reason of the policy is "prepare"; names names only those`,
			`names.talk: line 19, column 9: no signal, role, kind, hiring dimension or exit reason of the policy is "talk"; names names only those`,
			`names.notes: line 20, column 10: no signal, role, kind, hiring dimension or exit reason of the policy is "notes"; names names only those`,
		}},
		{"zh-CN", []string{
			`names.quality_lead: 第12行第17列：显示名称不能为空`,
			`names.hiring_interview: 第13行第21列：显示名称不能为空`,
			`names["Quality"]: 第14行第12列：命名的编号"Quality"须为小写加下划线的标识符（a-z、0-9、_）`,
			`names.honesty: 第15行第12列：本策略的信号、角色、沟通类别、面试维度和离职原因中都没有"honesty"；names 只为这些编号命名`,
			`names.mentor: 第16行第11列：本策略的信号、角色、沟通类别、面试维度和离职原因中都没有"mentor"；names 只为这些编号命名`,
			`names.relocation: 第17行第15列：本策略的信号、角色、沟通类别、面试维度和离职原因中都没有"relocation"；names 只为这些编号命名`,
			`names.prepare: 第18行第12列：本策略的信号、角色、沟通类别、面试维度和离职原因中都没有"prepare"；names 只为这些编号命名`,
			`names.talk: 第19行第9列：本策略的信号、角色、沟通类别、面试维度和离职原因中都没有"talk"；names 只为这些编号命名`,
			`names.notes: 第20行第10列：本策略的信号、角色、沟通类别、面试维度和离职原因中都没有"notes"；names 只为这些编号命名`,
		}},
	} {
		// The locale goes last, so that the lines stay those above.
		_, err := ParsePolicy([]byte(head + "locale: " + tc.locale + "\n"))
		var pe *callfloor.PolicyError
		require.True(t, errors.As(err, &pe), "%s: %v", tc.locale, err)
		got := make([]string, len(pe.Problems))
		for i, p := range pe.Problems {
			got[i] = p.Error()
		}
		require.Equal(t, tc.want, got, tc.locale)
	}

	// The same names, the refused ones left out, compile; the ids the
	// policy runs without declaring them, the built-in kinds and exit
	// reasons, take names as its declared roles do.
	p, err := ParsePolicy([]byte(strings.Split(head, "  quality_lead:")[0]))
	require.NoError(t, err)
	require.Equal(t, []string{"wellbeing talk", "salary", "shift lead"}, []string{p.KindName(Care), p.ExitReasonName(ExitPay), p.RoleName("team_lead")})
	require.Equal(t, []string{"wellbeing talk", "salary", "shift lead", "honesty"}, []string{p.DisplayName("care"), p.DisplayName("pay"), p.DisplayName("team_lead"), p.DisplayName("honesty")})
}
