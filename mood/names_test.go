package mood

import (
	"encoding/json"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor"
)

// problemTexts gives the problems ParsePolicy finds in src, as they print.
func problemTexts(t *testing.T, src string) []string {
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

// withNames appends a names mapping to a policy source.
func withNames(src []byte, names string) string {
	return string(src) + "\nnames:\n" + names
}

// A policy names its own ids in its own words; a name for an id it does
// not use, an empty name and a key that is not an id are problems at
// their place, worded in the policy's locale, and the names the policy
// may give stay out of the result.
func TestPolicyNames(t *testing.T) {
	names := "  care_talk: \"\"\n  Care-Talk: Care\n  bogus: Bogus\n  many_at_risk: Many at risk\n  offer_screening: \"   \"\n  crisis_review: \"crisis\\nreview\"\n"
	enLine := func(n int) int { return lineCount(defaultYAML) + 2 + n }
	zhLine := func(n int) int { return lineCount(defaultZhYAML) + n }
	require.Equal(t, []string{
		at("names.care_talk", enLine(1), 14) + `a display name must not be empty`,
		at(`names["Care-Talk"]`, enLine(2), 14) + `named id "Care-Talk" must be lower_snake_case (a-z, 0-9, _)`,
		at("names.bogus", enLine(3), 10) + `no action code, observation kind, period or event kind of the policy is "bogus"`,
		at("names.many_at_risk", enLine(4), 17) + `no action code, observation kind, period or event kind of the policy is "many_at_risk"`,
		at("names.offer_screening", enLine(5), 20) + `a display name must not be empty`,
		at("names.crisis_review", enLine(6), 18) + `a display name is one line of text, without line breaks or control characters`,
	}, problemTexts(t, withNames(defaultYAML, names)))
	// The Chinese source ends in its own names, which the Chinese case
	// extends; a key given twice would be the decoder's problem.
	zhNames := "  debrief_after_complaint: \"\"\n  Care-Talk: 关怀\n  bogus: 无\n"
	zhSrc := replaceOnce(t, string(defaultZhYAML), "  debrief_after_complaint: 投诉后复盘\n", "")
	require.Equal(t, []string{
		zhAt("names.debrief_after_complaint", zhLine(0), 28) + `显示名称不能为空`,
		zhAt(`names["Care-Talk"]`, zhLine(1), 14) + `命名的编号"Care-Talk"须为小写加下划线的标识符（a-z、0-9、_）`,
		zhAt("names.bogus", zhLine(2), 10) + `本策略的措施代码、观察类型、周期和事件类型中都没有"bogus"`,
	}, problemTexts(t, zhSrc+zhNames))
}

// lineCount is the number of lines of a source that ends in a newline.
func lineCount(src []byte) int {
	n := 0
	for _, b := range src {
		if b == '\n' {
			n++
		}
	}
	return n
}

// at and zhAt write the place of a problem as it prints in English and
// in Chinese.
func at(path string, line, col int) string {
	return path + ": line " + itoa(line) + ", column " + itoa(col) + ": "
}

func zhAt(path string, line, col int) string {
	return path + ": 第" + itoa(line) + "行第" + itoa(col) + "列："
}

func itoa(n int) string { return strconv.Itoa(n) }

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
		{zh, "care_talk", "关怀谈话", "an action code the Chinese default names"},
		{zh, CrisisEscalation, "危机上报", "the escalation every crisis gets"},
		{zh, "personal_loss", "个人变故", "an event kind of the cycles"},
		{zh, "month_end", "月末", "a period of the cycles"},
		{zh, "qa_drop", "qa_drop", "an observation kind the default leaves unnamed, since its signal has a text"},
		{zh, "nobody_knows", "nobody_knows", "an id no policy declares is written as it is"},
		{DefaultPolicy(), "care_talk", "care_talk", "English names nothing"},
		{zero, "care_talk", "", "a nil Policy"},
		{&Policy{}, "care_talk", "", "a zero Policy"},
	} {
		require.Equal(t, tt.want, tt.p.DisplayName(tt.id), tt.reason)
	}
}

// namedPolicy is the English default with names for a few of its ids.
func namedPolicy(t *testing.T) *Policy {
	t.Helper()
	p, err := ParsePolicy([]byte(withNames(defaultYAML,
		"  care_talk: care conversation\n  crisis_escalation: escalate now\n  harsh_complaint: a harsh complaint\n"+
			"  debrief_after_complaint: complaint debrief\n  month_end: the month's last days\n  ease_period_end: easing the period's end\n")))
	require.NoError(t, err)
	return p
}

// The actions of a result carry the display names the policy gives
// their codes, and so do the actions a view shows its viewer; a code the
// policy does not name carries none, and its JSON no name at all.
func TestActionNames(t *testing.T) {
	p := namedPolicy(t)
	crisis, err := Score(PHQ9, []int{0, 0, 0, 0, 0, 0, 0, 0, 1})
	require.NoError(t, err)
	crisis.At = t0
	tr, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{crisis},
		Observations: []Observation{{Kind: SignalMorningMeeting, At: t0.Add(-time.Hour)}}})
	require.NoError(t, err)
	type named struct{ Code, Name string }
	var got []named
	for _, a := range tr.Actions {
		got = append(got, named{a.Code, a.Name})
	}
	require.Equal(t, []named{{"crisis_escalation", "escalate now"}, {"crisis_review", ""}, {"care_talk", "care conversation"}, {"offer_screening", ""}}, got)

	v := p.ViewFor(tr, p.LeadRole())
	require.Equal(t, []Owed{{Code: "care_talk", Name: "care conversation", Deadline: tr.Actions[2].Deadline, Setting: callfloor.OneToOne}}, v.Owed)
	v = p.ViewFor(tr, p.CrisisOwner())
	require.Equal(t, []Owed{{Code: "crisis_escalation", Name: "escalate now", Deadline: t0.Add(CrisisCeiling), Setting: callfloor.OneToOne}}, v.Owed)

	en, err := DefaultPolicy().Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{crisis}})
	require.NoError(t, err)
	b, err := json.Marshal(DefaultPolicy().ViewFor(en, DefaultPolicy().CrisisOwner()))
	require.NoError(t, err)
	require.NotContains(t, string(b), `"name"`, "a code the policy does not name has no name in the JSON")
}

// harshComplaints is a history with a low in the two days after each of
// ten harsh complaints.
func harshComplaints() History {
	var events []Event
	low := map[int]bool{}
	for i := 5; i < 200; i += 20 {
		events = append(events, Event{Kind: "harsh_complaint", At: day0.AddDate(0, 0, i).Add(-2 * time.Hour)})
		low[i], low[i+1] = true, true
	}
	cs := regular(200, func(d time.Time, i int) int {
		if low[i] {
			return 2
		}
		return wobble[i%len(wobble)]
	})
	return History{Agent: "a1", CheckIns: cs, Events: events}
}

// A cycle's reason writes the event kind, the period and the preventive
// action by the display names the policy gives them, in English and in
// Chinese; the finding keeps the ids.
func TestCycleNames(t *testing.T) {
	zh, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	monthEnd := regular(365, func(d time.Time, i int) int {
		if d.Day() > daysIn(d.Year(), d.Month())-3 {
			return 2
		}
		return wobble[i%len(wobble)]
	})
	for _, tt := range []struct {
		p    *Policy
		h    History
		code string
		name string
		want string
	}{
		{DefaultPolicy(), harshComplaints(), "debrief_after_complaint", "",
			"mood on the days after harsh_complaint averages 2.00 against 3.91 otherwise (effect 3.00, 20 of 20 check-ins below; 20 against 180); prevent with debrief_after_complaint"},
		{namedPolicy(t), harshComplaints(), "debrief_after_complaint", "complaint debrief",
			"mood on the days after a harsh complaint averages 2.00 against 3.91 otherwise (effect 3.00, 20 of 20 check-ins below; 20 against 180); prevent with complaint debrief"},
		{zh, harshComplaints(), "debrief_after_complaint", "投诉后复盘",
			"严厉投诉之后的几天的平均情绪为2.00，其他日子为3.91（效应量3.00；20次打卡中有20次低于其他日子；样本20对180）；预防措施：投诉后复盘"},
		{namedPolicy(t), History{Agent: "a1", CheckIns: monthEnd}, "ease_period_end", "easing the period's end",
			"mood on the month's last days averages 2.00 against 3.90 otherwise (effect 3.01, 36 of 36 check-ins below; 36 against 329); prevent with easing the period's end"},
		{zh, History{Agent: "a1", CheckIns: monthEnd}, "ease_period_end", "月末减压",
			"月末期间的平均情绪为2.00，其他日子为3.90（效应量3.01；36次打卡中有36次低于其他日子；样本36对329）；预防措施：月末减压"},
	} {
		c, err := tt.p.Cycles(tt.h)
		require.NoError(t, err)
		require.Len(t, c.Findings, 1)
		f := c.Findings[0]
		require.Equal(t, tt.want, f.Reasons[0].Text)
		require.Equal(t, tt.name, f.Action.Name)
		require.Equal(t, tt.code, f.Action.Code, "the finding keeps the code")
	}
}

// The climate alarms write their figures by the display names of the
// climate metrics in the policy's locale, joined as the locale joins a
// list; the facts keep the metrics' ids. English writes the ids.
func TestClimateMetricNames(t *testing.T) {
	zh, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	both := func(base []byte, locale string) *Policy {
		src := replaceOnce(t, string(base), "when: missed_targets >= 3\n", "when: missed_targets >= 3 && team_size >= 5\n")
		p, err := ParsePolicy([]byte(src))
		require.NoError(t, err, locale)
		return p
	}
	team := Team{Team: "t1", At: t0, Members: members(10, 4), MissedTargets: 3,
		Changes: []OrgChange{{Kind: "reorg", At: t0.Add(-10 * day)}, {Kind: "new_lead", At: t0.Add(-day)}}}
	for _, tt := range []struct {
		p    *Policy
		want []string
	}{
		{DefaultPolicy(), []string{
			"at least 30% of the team is at mild or worse, in crisis or on watch (at_risk_share=0.4)",
			"the team has missed its target 3 periods in a row (missed_targets=3)",
			"the team has lived through repeated organizational change (recent_changes=2)"}},
		{zh, []string{
			"团队中至少30%的成员处于轻度及以上等级、心理危机或重点关注状态（风险人数占比=0.4）",
			"团队已连续3个周期未达成目标（连续未达标周期=3）",
			"团队经历了多次组织变革（近期组织变革次数=2）"}},
		{both(defaultYAML, "en"), []string{
			"at least 30% of the team is at mild or worse, in crisis or on watch (at_risk_share=0.4)",
			"the team has missed its target 3 periods in a row (team_size=10, missed_targets=3)",
			"the team has lived through repeated organizational change (recent_changes=2)"}},
		{both(defaultZhYAML, "zh-CN"), []string{
			"团队中至少30%的成员处于轻度及以上等级、心理危机或重点关注状态（风险人数占比=0.4）",
			"团队已连续3个周期未达成目标（团队人数=10、连续未达标周期=3）",
			"团队经历了多次组织变革（近期组织变革次数=2）"}},
	} {
		c, err := tt.p.Climate(team)
		require.NoError(t, err)
		var texts []string
		for _, r := range c.Reasons {
			texts = append(texts, r.Text)
		}
		require.Equal(t, tt.want, texts)
		require.Equal(t, []callfloor.Fact{{Name: MetricAtRiskShare, Value: 0.4}}, c.Reasons[0].Facts, "facts keep the ids")
		require.Equal(t, "团队建设", zh.DisplayName(c.Actions[0].Code))
	}
}
