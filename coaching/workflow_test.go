package coaching

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor/mood"
)

// titledCare is a care flow whose first step has no title and whose
// second has one, with a trigger that reads a mood signal, so that the
// lead's view of its proposal names the first step; locale is the
// policy's.
func titledCare(t *testing.T, locale, title string) *Policy {
	t.Helper()
	p, err := ParsePolicy([]byte(`version: v1
locale: ` + locale + `
roles: [team_lead]
signals: [mood_tier]
workflows:
  care:
    phases: [p]
    steps:
      - {id: find_need, phase: p, role: team_lead, within: 1d, setting: none}
      - {id: talk, title: "` + title + `", phase: p, role: team_lead, within: 2d, setting: one_to_one, feedback: true}
triggers:
  - {id: care_mood, kind: care, when: mood_tier >= 1, reason: r}
`))
	require.NoError(t, err)
	return p
}

// A step's title is what every sentence naming the step writes; a step
// without one is named by its id, as before steps had titles.
func TestStepTitles(t *testing.T) {
	for _, tc := range []struct {
		reason, locale, title    string
		owed, overdue, leadFirst string
	}{
		{"English", "en", "hold the care talk",
			`care: step "find_need" is owed by the team_lead`,
			`care: step "hold the care talk" is overdue; the team_lead owes it`,
			`a care talk is owed: the team_lead's first step, "find_need", is due 1d after the case opens; what prompted it is confidential`},
		{"Chinese", "zh-CN", "关怀面谈",
			"关怀沟通：步骤“find_need”待组长完成",
			"关怀沟通：步骤“关怀面谈”已逾期，应由组长完成",
			"需要进行一次关怀沟通：由组长负责的第一步“find_need”须在立案后1天内完成；起因保密"},
	} {
		p := titledCare(t, tc.locale, tc.title)
		w, ok := p.Workflow(Care)
		require.True(t, ok)
		assert.Equal(t, "find_need", w.Steps[0].Title, "%s: a step without a title shows its id", tc.reason)
		assert.Equal(t, tc.title, w.Steps[1].Title, tc.reason)

		c, err := p.Open(Care, "agent-8", t0)
		require.NoError(t, err)
		got := p.Due(c, t0)
		require.Len(t, got, 1, tc.reason)
		assert.Equal(t, "find_need", got[0].Step, tc.reason)
		assert.Equal(t, "find_need", got[0].Title, tc.reason)
		assert.Equal(t, tc.owed, got[0].Reasons[0].Text, tc.reason)

		c = mustApply(t, p, c, complete(c, "e1", "find_need", t0, recs()...))
		got = p.Due(c, t0.Add(2*day+1))
		require.Len(t, got, 1, tc.reason)
		assert.Equal(t, "talk", got[0].Step, tc.reason)
		assert.Equal(t, tc.title, got[0].Title, tc.reason)
		assert.Equal(t, tc.overdue, got[0].Reasons[0].Text, tc.reason)

		props, err := p.Propose("agent-8", Signals{"mood_tier": 1}, nil)
		require.NoError(t, err)
		lead := p.ProposalsFor(props, mood.AudienceLead)
		require.Len(t, lead.Proposed, 1, tc.reason)
		assert.Equal(t, tc.leadFirst, lead.Proposed[0].Reasons[0].Text, tc.reason)
	}
}

// Every step of both default policies has a title of its own, in the
// policy's language; the structure test of default.zh-CN.yaml holds the
// Chinese titles to be translations.
func TestDefaultStepTitles(t *testing.T) {
	for _, p := range []*Policy{DefaultPolicy(), zhPolicy(t)} {
		for _, k := range p.Kinds() {
			w, ok := p.Workflow(k)
			require.True(t, ok, k)
			for _, s := range w.Steps {
				assert.NotEqual(t, s.ID, s.Title, "%s %s.%s has no title", p.Locale(), k, s.ID)
			}
		}
	}
	zh, _ := zhPolicy(t).Workflow(ExitInterview)
	assert.Equal(t, []string{"一对一离职面谈", "挽留面谈", "收集离职数据"}, []string{zh.Steps[0].Title, zh.Steps[1].Title, zh.Steps[2].Title})
	en, _ := DefaultPolicy().Workflow(ExitInterview)
	assert.Equal(t, []string{"hold the exit interview", "try to keep the leaver", "record the attrition data"}, []string{en.Steps[0].Title, en.Steps[1].Title, en.Steps[2].Title})
}

// A title given but empty is a problem at its place, in the policy's
// language: sentences would name the step with nothing.
func TestStepTitleEmpty(t *testing.T) {
	for _, tc := range []struct {
		reason, locale, title, want string
	}{
		{"empty", "en", `""`, "coaching policy: 1 problem\n\tworkflows.care.steps[0].title: line 8, column 27: an empty title; give the step a title, or leave title out to name the step by its id"},
		{"blank", "en", `"  "`, "coaching policy: 1 problem\n\tworkflows.care.steps[0].title: line 8, column 27: an empty title; give the step a title, or leave title out to name the step by its id"},
		{"empty, in Chinese", "zh-CN", `""`, "辅导沟通策略：1个问题\n\tworkflows.care.steps[0].title: 第8行第27列：标题为空；请为步骤写上标题，或省略title，以步骤id称呼它"},
	} {
		_, err := ParsePolicy([]byte(`version: v1
locale: ` + tc.locale + `
roles: [team_lead]
workflows:
  care:
    phases: [p]
    steps:
      - {id: talk, title: ` + tc.title + `, phase: p, role: team_lead, within: 1d, setting: one_to_one, feedback: true}
`))
		require.Error(t, err, tc.reason)
		assert.Equal(t, tc.want, err.Error(), tc.reason)
	}
}
