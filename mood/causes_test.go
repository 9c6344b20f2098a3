package mood

import (
	"errors"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGuideEveryCauseDiffers(t *testing.T) {
	p := DefaultPolicy()
	seen := map[string]Cause{}
	for _, c := range Causes() {
		g, err := p.Guide("a1", c, t0)
		require.NoError(t, err, c)
		assert.NotEmpty(t, g.Text, c)
		assert.NotEmpty(t, g.Awareness, c)
		assert.NotEmpty(t, g.Actions, "%s: the default gives every cause an action", c)
		key := g.Text + "|" + g.Actions[0].Code
		prev, dup := seen[key]
		assert.False(t, dup, "%s is treated like %s", c, prev)
		seen[key] = c
		assert.Equal(t, []callfloor.Reason{{Rule: "causes." + string(c), Outcome: callfloor.Fired, Text: g.Reasons[0].Text, Message: "mood.reason.cause"}}, g.Reasons)
	}
	assert.Len(t, Causes(), 7)
}

func TestGuideExamples(t *testing.T) {
	p := DefaultPolicy()
	tests := []struct {
		cause      Cause
		action     string
		owner      string
		techniques []string
		why        string
	}{
		{CauseTooManyTasks, "workload_review", "team_lead", []string{"relaxation"}, "too many tasks: a workload review"},
		{CauseLeadership, "bypass_channel", "hr", []string{"venting"}, "leadership: a channel that bypasses the lead"},
		{CauseCustomer, "call_debrief", "team_lead", []string{"anger_control", "venting", "relaxation"}, "customer: a debrief and self-regulation techniques"},
		{CauseNotValued, "public_recognition", "team_lead", []string{"joy"}, "not valued: praise in public"},
	}
	for _, tt := range tests {
		g, err := p.Guide("a1", tt.cause, t0)
		require.NoError(t, err, tt.why)
		assert.Equal(t, tt.action, g.Actions[0].Code, tt.why)
		assert.Equal(t, tt.owner, g.Actions[0].Owner, tt.why)
		assert.Equal(t, "causes."+string(tt.cause), g.Actions[0].Rule, tt.why)
		var ids []string
		for _, tq := range g.Techniques {
			ids = append(ids, tq.ID)
			assert.NotEmpty(t, tq.Steps, tt.why)
		}
		assert.Equal(t, tt.techniques, ids, tt.why)
	}
	g, err := p.Guide("a1", CauseTooManyTasks, t0)
	require.NoError(t, err)
	assert.Equal(t, t0.Add(3*day), g.Actions[0].Deadline, "workload review within 3 days")
	assert.Equal(t, callfloor.OneToOne, g.Actions[0].Setting, "corrective talks are one-to-one")
	g, err = p.Guide("a1", CauseNotValued, t0)
	require.NoError(t, err)
	assert.Equal(t, callfloor.Group, g.Actions[0].Setting, "praise is one-to-many")
}

func TestGuideErrors(t *testing.T) {
	p := DefaultPolicy()
	_, err := p.Guide("a1", "boredom", t0)
	require.EqualError(t, err, `cause: unknown cause "boredom"; allowed: not_valued, too_difficult, too_many_tasks, unfair_comparison, customer, leadership, personal_life`)
	var ie *callfloor.InputError
	assert.True(t, errors.As(err, &ie))
	_, err = p.Guide("a1", CauseCustomer, time.Time{})
	require.EqualError(t, err, "at: is required")
}

func TestTechniquesAreCopies(t *testing.T) {
	p := DefaultPolicy()
	ts := p.Techniques()
	require.Len(t, ts, 6)
	ts[0].Steps[0] = "changed"
	assert.NotEqual(t, "changed", p.Techniques()[0].Steps[0], "Techniques returns copies")
	g, err := p.Guide("a1", CauseCustomer, t0)
	require.NoError(t, err)
	g.Techniques[0].Steps[0] = "changed"
	assert.NotEqual(t, "changed", p.Techniques()[0].Steps[0], "Guide returns copies")
}

func TestPractices(t *testing.T) {
	p := DefaultPolicy()
	ps := p.Practices()
	byID := map[string]Practice{}
	for _, pr := range ps {
		byID[pr.ID] = pr
	}
	assert.Equal(t, callfloor.Group, byID["praise_in_public"].Setting, "praise one-to-many")
	assert.Equal(t, callfloor.OneToOne, byID["corrective_one_to_one"].Setting, "corrective talks one-to-one")
	assert.Equal(t, "crisis", byID["crisis_mechanism"].Area)
}
