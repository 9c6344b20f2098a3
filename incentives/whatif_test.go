package incentives

import (
	"bytes"
	"github.com/callfloor/callfloor"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCompare(t *testing.T) {
	before := small(t)
	src, err := os.ReadFile("testdata/small.yaml")
	require.NoError(t, err)
	src = bytes.Replace(src, []byte("when: qa_avg >= 90\n      bonus: 2000"), []byte("when: qa_avg >= 92\n      bonus: 2500"), 1)
	src = bytes.Replace(src, []byte("version: small-1"), []byte("version: small-2"), 1)
	after, err := ParsePolicy(src)
	require.NoError(t, err)

	agents := []AgentRecord{
		agentWith(map[string]float64{"qa_avg": 91, "complaints": 1}),
		agentWith(map[string]float64{"qa_avg": 93, "complaints": 1}),
		agentWith(map[string]float64{"qa_avg": 80, "complaints": 1}),
	}
	agents[1].ID, agents[2].ID = "b", "c"
	c, err := Compare(before, after, march, agents)
	require.NoError(t, err)
	assert.Equal(t, "small-1", c.Before.Version)
	assert.Equal(t, "small-2", c.After.Version)
	require.Len(t, c.Agents, 2, "c is unchanged and not listed")
	assert.Equal(t, "a", c.Agents[0].Agent)
	assert.Equal(t, int64(-2000), c.Agents[0].NetDelta)
	assert.Equal(t, []LineChange{{Kind: KindAward, Change: Removed, Before: 2000, Reasons: []callfloor.Reason{{Rule: "rewards.rules.quality",
		Outcome: callfloor.Fired, Text: "qa_avg >= 90 (qa_avg=91)", Message: "incentives.reason.award", Facts: []callfloor.Fact{{Name: "qa_avg", Value: 91}}}}}}, c.Agents[0].Changes)
	assert.Equal(t, int64(500), c.Agents[1].NetDelta)
	assert.Equal(t, []LineChange{{Kind: KindAward, Change: Changed, Before: 2000, After: 2500, Reasons: []callfloor.Reason{{Rule: "rewards.rules.quality",
		Outcome: callfloor.Fired, Text: "qa_avg >= 92 (qa_avg=93)", Message: "incentives.reason.award", Facts: []callfloor.Fact{{Name: "qa_avg", Value: 93}}}}}}, c.Agents[1].Changes)
	assert.Equal(t, c.CenterBefore.Net-1500, c.CenterAfter.Net)

	same, err := Compare(before, before, march, agents)
	require.NoError(t, err)
	assert.Empty(t, same.Agents)

	_, err = Compare(before, after, march, []AgentRecord{{ID: ""}})
	assert.EqualError(t, err, "agents[0].id: is required")
}
