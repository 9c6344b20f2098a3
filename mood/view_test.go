package mood

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// keysOf lists the keys of every JSON object in v, as dotted paths.
func keysOf(v any, prefix string, out *[]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			*out = append(*out, prefix+k)
			keysOf(e, prefix+k+".", out)
		}
	case []any:
		for _, e := range x {
			keysOf(e, prefix, out)
		}
	}
}

func TestViewLeadLeaksNothing(t *testing.T) {
	p := DefaultPolicy()
	// A severe, crisis, watched agent: the most there is to leak.
	a := Assessment{Agent: "a42", At: t0,
		Screenings: []Screening{
			screened(t, PHQ9, []int{3, 3, 2, 3, 2, 2, 3, 2, 1}, 1),
			screened(t, WHO5, []int{0, 1, 1, 2, 1}, 1),
			{Instrument: CBI, At: t0.Add(-day), Burnout: &Burnout{Personal: 70.8, Work: 64.3, Client: 91.7}},
		},
		Observations: []Observation{{Kind: SignalFloorWalk, At: t0.Add(-day), Note: "crying at desk"}},
	}
	tr, err := p.Triage(a)
	require.NoError(t, err)
	require.True(t, tr.Crisis)
	require.Equal(t, Severe, tr.Tier)

	v := p.View(tr, p.AudienceOf(p.LeadRole()))
	b, err := json.Marshal(v)
	require.NoError(t, err)
	js := string(b)

	var generic any
	require.NoError(t, json.Unmarshal(b, &generic))
	var keys []string
	keysOf(generic, "", &keys)
	sort.Strings(keys)
	assert.Equal(t, []string{"agent", "at", "audience", "owed", "owed.code", "owed.deadline", "owed.setting", "policy", "policy.hash", "policy.version"}, uniq(keys),
		"the lead view holds only the actions owed and their deadlines")
	assert.Equal(t, []Owed{{Code: "care_talk", Deadline: t0.Add(2 * day), Setting: OneToOne}}, v.Owed, "the lead owes only the care talk")

	forbidden := []string{"crisis", "severe", "moderate", "mild", "minimal", "wellbeing", "depression", "burnout", "phq", "gad", "who", "k10", "cbi", "total", "band", "tier", "reason", "crying", "answers", "report_to_superior"}
	for _, f := range forbidden {
		assert.NotContains(t, strings.ToLower(js), f, "lead view leaks %q: %s", f, js)
	}
	for _, n := range []int{tr.Used[0].Screening.Total, tr.Used[1].Screening.Total, tr.Used[1].Screening.Wellbeing.Percent} {
		assert.NotContains(t, strings.ReplaceAll(js, "2025-", ""), ":"+strconv.Itoa(n)+",", "a total leaks")
	}
}

func uniq(s []string) []string {
	out := []string{}
	for i, k := range s {
		if i == 0 || s[i-1] != k {
			out = append(out, k)
		}
	}
	return out
}

func TestViewAudiences(t *testing.T) {
	p := DefaultPolicy()
	tr, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{screened(t, PHQ9, []int{1, 1, 1, 1, 1, 1, 1, 0, 0}, 1)}})
	require.NoError(t, err)

	agent := p.View(tr, AudienceAgent)
	require.NotNil(t, agent.Result, "the agent sees their own result")
	assert.Equal(t, tr, *agent.Result)
	assert.Empty(t, agent.Owed)

	care := p.View(tr, p.AudienceOf("counselor"))
	require.NotNil(t, care.Result, "the counselor sees everything")
	assert.Equal(t, Mild, care.Result.Tier)

	none := p.View(tr, p.AudienceOf("manager"))
	assert.Nil(t, none.Result)
	assert.Empty(t, none.Owed)
	b, err := json.Marshal(none)
	require.NoError(t, err)
	assert.JSONEq(t, `{"audience":"none","agent":"a1","at":"2025-03-14T10:00:00Z","policy":{"version":"mood-default-1","hash":"`+p.Identity().Hash+`"}}`, string(b))

	lead := p.View(tr, AudienceLead)
	assert.Empty(t, lead.Owed, "a mild tier gives the lead nothing to do")
	assert.Nil(t, lead.Result)

	odd := p.View(tr, Audience(42))
	assert.Equal(t, AudienceNone, odd.Audience, "an unknown audience sees nothing")
	assert.Nil(t, odd.Result)
}

func TestViewCopies(t *testing.T) {
	p := DefaultPolicy()
	tr, err := p.Triage(Assessment{Agent: "a1", At: t0})
	require.NoError(t, err)
	v := p.View(tr, AudienceCare)
	v.Result.Agent = "changed"
	assert.Equal(t, "a1", tr.Agent, "a view is a copy")
}
