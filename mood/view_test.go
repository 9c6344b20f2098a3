package mood

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// leakyTriage is a severe agent in crisis and on watch, with every kind of
// screening: the most a view could leak.
func leakyTriage(t *testing.T, p *Policy) Triage {
	t.Helper()
	tr, err := p.Triage(Assessment{Agent: "a42", At: t0,
		Screenings: []Screening{
			screened(t, PHQ9, []int{3, 3, 2, 3, 2, 2, 3, 2, 1}, 1),
			screened(t, GAD7, []int{3, 2, 3, 2, 1, 2, 3}, 1),
			screened(t, WHO5, []int{0, 1, 1, 2, 1}, 1),
			screened(t, K10, []int{4, 4, 3, 5, 4, 3, 4, 4, 3, 4}, 1),
			{Instrument: CBI, At: t0.Add(-day), Burnout: &Burnout{Personal: 70.8, Work: 64.3, Client: 91.7}},
		},
		Observations: []Observation{{Kind: SignalFloorWalk, At: t0.Add(-day), Note: "crying at desk"}},
	})
	require.NoError(t, err)
	require.True(t, tr.Crisis)
	require.True(t, tr.Watch)
	require.Equal(t, Severe, tr.Tier)
	return tr
}

// secrets lists what only the agent and the confidential roles may read
// in tr, each as it appears in JSON, lower-cased: every reason, band,
// tier, total, score, flag and action text.
func secrets(t *testing.T, tr Triage) []string {
	out := []string{"moderate", "severe", "wellbeing", "depression", "burnout",
		"crisis", "watch", "total", "band", "tier", "reason", "stale", "used",
		"phq", "gad", "who", "k10", "cbi", "percent", "personal", "client", "tiers.", "70.8", "91.7",
		"item", "low_items", "follow_up", "follow up", "0 or 1", "1, 2, 3 and 5"}
	add := func(s string) {
		b, err := json.Marshal(strings.ToLower(s))
		require.NoError(t, err)
		out = append(out, string(b[1:len(b)-1]))
	}
	out = append(out, `"facts"`, `"outcome"`)
	for _, r := range tr.Reasons {
		add(r.Rule)
		add(r.Outcome.String())
		add(r.Text)
	}
	for _, u := range tr.Used {
		add(u.PolicyBand)
		out = append(out, `"total":`+strconv.Itoa(u.Screening.Total)+`,`)
		if u.Screening.Band != "" {
			add(u.Screening.Band)
		}
	}
	for _, a := range tr.Actions {
		if a.Text != "" {
			add(a.Text)
		}
	}
	return out
}

// TestViewEveryAudience marshals every audience's view, and the view of
// every role, of one result and checks, byte for byte, what each may read.
func TestViewEveryAudience(t *testing.T) {
	p := DefaultPolicy()
	tr := leakyTriage(t, p)
	whole, err := json.Marshal(tr)
	require.NoError(t, err)
	policy := `"policy":{"version":"mood-default-1","hash":"` + p.Identity().Hash + `"}`
	head := `"agent":"a42","at":"2025-03-14T10:00:00Z"`

	leadJSON := `{"audience":"lead",` + head + `,"owed":[{"code":"care_talk","deadline":"2025-03-16T10:00:00Z","setting":"one_to_one"}],` + policy + `}`
	crisisJSON := `{"audience":"none",` + head + `,"owed":[{"code":"crisis_escalation","deadline":"2025-03-14T11:00:00Z","setting":"one_to_one"}],` + policy + `}`
	nothingJSON := `{"audience":"none",` + head + `,` + policy + `}`
	wholeJSON := func(a string) string {
		return `{"audience":"` + a + `",` + head + `,"result":` + string(whole) + `,` + policy + `}`
	}
	tests := []struct {
		view View
		want string
		why  string
	}{
		{p.View(tr, AudienceAgent), wholeJSON("agent"), "the agent sees their own result"},
		{p.View(tr, AudienceCare), wholeJSON("care"), "a confidential role sees the whole result"},
		{p.View(tr, AudienceLead), leadJSON, "the lead sees only the care talk owed and its deadline"},
		{p.View(tr, AudienceNone), nothingJSON, "no audience sees nothing"},
		{p.View(tr, Audience(42)), nothingJSON, "an unknown audience sees nothing"},
		{p.ViewFor(tr, "counselor"), wholeJSON("care"), "the counselor is a confidential role"},
		{p.ViewFor(tr, "hr"), wholeJSON("care"), "HR is a confidential role"},
		{p.ViewFor(tr, "team_lead"), leadJSON, "ViewFor the lead role is the lead's view"},
		{p.ViewFor(tr, "crisis_owner"), crisisJSON, "the crisis owner sees the escalation owed, and nothing of why"},
		{p.ViewFor(tr, "manager"), nothingJSON, "a manager owes nothing here and sees nothing"},
		{p.ViewFor(tr, "janitor"), nothingJSON, "a role the policy does not declare sees nothing"},
		{p.ViewFor(tr, ""), nothingJSON, "no role sees nothing"},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.view)
		require.NoError(t, err, tt.why)
		assert.Equal(t, tt.want, string(b), tt.why)
	}

	// The same check the other way round: nothing the result holds in
	// confidence appears in the lead's view or in a view of nothing, while
	// each of it appears in the whole result, so that the list is real.
	all := strings.ToLower(string(whole))
	for _, view := range []View{p.View(tr, AudienceLead), p.View(tr, AudienceNone), p.ViewFor(tr, "manager")} {
		b, err := json.Marshal(view)
		require.NoError(t, err)
		js := strings.ToLower(string(b))
		for _, s := range secrets(t, tr) {
			assert.True(t, strings.Contains(all, s), "%q is not in the result, so not a secret", s)
			assert.False(t, strings.Contains(js, s), "the %s view leaks %q", view.Audience, s)
		}
		// No tier or band name of any instrument, even one this result
		// does not hold, and neither an answer nor the observation's note,
		// which no result ever holds.
		for _, s := range []string{"normal", "mild", "minimal", "low", "high", "crying", "answers"} {
			assert.False(t, strings.Contains(js, s), "the %s view leaks %q", view.Audience, s)
		}
		assert.False(t, strings.Contains(all, "crying") || strings.Contains(all, "answers"), "a result holds a note or answers")
	}
}

// TestViewWHO5WatchLead: a watch raised only by WHO-5 items answered 0
// or 1 gives the lead the care talk it owes and nothing of why: no item,
// no instrument, no reason.
func TestViewWHO5WatchLead(t *testing.T) {
	p := DefaultPolicy()
	tr, err := p.Triage(Assessment{Agent: "a42", At: t0, Screenings: []Screening{screened(t, WHO5, []int{5, 0, 5, 1, 5}, 1)}})
	require.NoError(t, err)
	require.True(t, tr.Watch)
	require.Equal(t, Normal, tr.Tier)
	require.Equal(t, "watch.who5_low_item", tr.Reasons[len(tr.Reasons)-1].Rule)
	whole, err := json.Marshal(tr)
	require.NoError(t, err)
	all := strings.ToLower(string(whole))
	policy := `"policy":{"version":"mood-default-1","hash":"` + p.Identity().Hash + `"}`
	want := `{"audience":"lead","agent":"a42","at":"2025-03-14T10:00:00Z","owed":[{"code":"care_talk","deadline":"2025-03-16T10:00:00Z","setting":"one_to_one"}],` + policy + `}`
	hidden := []string{"who", "wellbeing", "watch", "item", "low_items", "follow_up", "follow up", "0 or 1", "2 and 4",
		`"percent":64`, `"total":16,`, "band", "tier", "reason", "used", "normal", `"facts"`, `"outcome"`}
	for _, r := range tr.Reasons {
		for _, x := range []string{r.Rule, r.Outcome.String(), r.Text} {
			b, err := json.Marshal(strings.ToLower(x))
			require.NoError(t, err)
			hidden = append(hidden, string(b[1:len(b)-1]))
		}
	}
	for _, v := range []View{p.View(tr, AudienceLead), p.ViewFor(tr, p.LeadRole())} {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		assert.Equal(t, want, string(b))
		js := strings.ToLower(string(b))
		for _, s := range hidden {
			assert.True(t, strings.Contains(all, s), "%q is not in the result, so not a secret", s)
			assert.False(t, strings.Contains(js, s), "the lead's view leaks %q", s)
		}
	}
}

// TestViewForLeadOwningTierActions: a policy may give the lead an action
// of a clinical tier; the lead then sees that action's code and deadline,
// and still no band, tier, total or reason.
func TestViewForLeadOwningTierActions(t *testing.T) {
	src := replaceOnce(t, string(DefaultPolicySource()), "    - code: report_to_superior\n      owner: counselor\n", "    - code: report_to_superior\n      owner: team_lead\n")
	p, err := ParsePolicy([]byte(src))
	require.NoError(t, err)
	tr := leakyTriage(t, p)
	v := p.ViewFor(tr, "team_lead")
	assert.Nil(t, v.Result)
	assert.Equal(t, []Owed{
		{Code: "report_to_superior", Deadline: t0.Add(day), Setting: callfloor.OneToOne},
		{Code: "care_talk", Deadline: t0.Add(2 * day), Setting: callfloor.OneToOne},
	}, v.Owed)
	b, err := json.Marshal(v)
	require.NoError(t, err)
	for _, s := range []string{"severe", "total", "band", "tier", "reason", "phq"} {
		assert.NotContains(t, strings.ToLower(string(b)), s)
	}
}

// TestViewCrisisReachesItsOwner: whoever the policy names as crisis owner
// (a role of its own, the lead, a confidential role), that role's view
// holds the escalation.
func TestViewCrisisReachesItsOwner(t *testing.T) {
	base := string(DefaultPolicySource())
	tests := []struct {
		owner   string
		result  bool
		explain string
	}{
		{"crisis_owner", false, "a role of its own sees the escalation as an action owed"},
		{"team_lead", false, "a lead who owns crises sees the escalation beside the care talk"},
		{"counselor", true, "a confidential owner sees the whole result, escalation included"},
		{"manager", false, "any declared role will do"},
	}
	for _, tt := range tests {
		p, err := ParsePolicy([]byte(replaceOnce(t, base, "crisis:\n  owner: crisis_owner\n", "crisis:\n  owner: "+tt.owner+"\n")))
		require.NoError(t, err, tt.explain)
		tr := leakyTriage(t, p)
		v := p.ViewFor(tr, tt.owner)
		if tt.result {
			require.NotNil(t, v.Result, tt.explain)
			assert.Equal(t, CrisisEscalation, v.Result.Actions[0].Code, tt.explain)
			continue
		}
		require.Nil(t, v.Result, tt.explain)
		require.NotEmpty(t, v.Owed, tt.explain)
		assert.Equal(t, Owed{Code: CrisisEscalation, Deadline: t0.Add(time.Hour), Setting: callfloor.OneToOne}, v.Owed[0], tt.explain)
	}
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

	lead := p.View(tr, AudienceLead)
	assert.Empty(t, lead.Owed, "a mild tier gives the lead nothing to do")
	assert.Nil(t, lead.Result)
}

func TestViewCopies(t *testing.T) {
	p := DefaultPolicy()
	tr, err := p.Triage(Assessment{Agent: "a1", At: t0})
	require.NoError(t, err)
	v := p.View(tr, AudienceCare)
	v.Result.Agent = "changed"
	assert.Equal(t, "a1", tr.Agent, "a view holds its own Triage value")
}
