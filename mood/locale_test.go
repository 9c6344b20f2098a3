package mood

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor"
)

// TestChineseReasons: the reasons converted to the catalogs read in
// Chinese under a zh-CN policy, with the same rule, outcome, message id
// and facts as in English.
func TestChineseReasons(t *testing.T) {
	zh, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	a := Assessment{Agent: "a7", At: t0, Screenings: []Screening{screened(t, K10, answersFor(10, 1, 5, 25), 45)}}
	en, err := DefaultPolicy().Triage(a)
	require.NoError(t, err)
	got, err := zh.Triage(a)
	require.NoError(t, err)
	require.Equal(t, []callfloor.Reason{
		{Rule: "instruments.k10.valid_for", Outcome: callfloor.Stale, Message: "mood.reason.stale",
			Text:  "2025年1月28日的K10筛查已超过30天的有效期，未予采用；需要重新筛查",
			Facts: []callfloor.Fact{{Name: "valid_for_days", Value: 30}, {Name: "age_days", Value: 45}}},
		{Rule: "tiers.normal", Outcome: callfloor.NotEvaluated, Message: "mood.reason.no_screening",
			Text: "没有可用的筛查；分级保持为正常"},
	}, got.Reasons)
	require.Len(t, en.Reasons, len(got.Reasons))
	for i := range en.Reasons {
		require.Equal(t, en.Reasons[i].Message, got.Reasons[i].Message)
		require.Equal(t, en.Reasons[i].Facts, got.Reasons[i].Facts)
	}
}
