package qa

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/callfloor/callfloor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var jan = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// months gives n consecutive calendar months from January 2025.
func months(n int) []callfloor.Period {
	ps := make([]callfloor.Period, n)
	for i := range ps {
		start := jan.AddDate(0, i, 0)
		ps[i] = callfloor.Period{ID: start.Format("2006-01"), Start: start, End: start.AddDate(0, 1, 0)}
	}
	return ps
}

// scoresIn gives one score per value, on successive days of month m.
func scoresIn(agent string, m int, vals ...float64) []ScorePoint {
	out := make([]ScorePoint, len(vals))
	for i, v := range vals {
		out[i] = ScorePoint{Agent: agent, Team: "t1", At: jan.AddDate(0, m, i), Score: v}
	}
	return out
}

func trendOf(t *testing.T, rep TrendReport, agent string) Trend {
	t.Helper()
	for _, tr := range rep.Trends {
		if tr.Agent == agent {
			return tr
		}
	}
	t.Fatalf("no trend for %s", agent)
	return Trend{}
}

func TestTrendStatistics(t *testing.T) {
	p := DefaultPolicy()
	var scores []ScorePoint
	scores = append(scores, scoresIn("ana", 0, 80, 90)...)
	scores = append(scores, scoresIn("ana", 1, 70)...)
	rep, err := p.Trends(TrendInput{Periods: months(3), Scores: scores})
	require.NoError(t, err)
	tr := trendOf(t, rep, "ana")
	jan := tr.Periods[0]
	assert.Equal(t, 2, jan.N)
	assert.Equal(t, 85.0, jan.Mean)
	half := 12.7062047 * math.Sqrt(50) / math.Sqrt(2)
	assert.InDelta(t, 85-half, jan.CILow, 1e-5, "t-based 95 % interval with 1 degree of freedom")
	assert.Equal(t, 100.0, jan.CIHigh)
	feb := tr.Periods[1]
	assert.False(t, feb.HasCI, "one score has no interval")
	assert.True(t, feb.HasChange)
	assert.Equal(t, -15.0, feb.Change)
	assert.False(t, tr.HasChange, "March has no scores: no change to report")
	assert.Equal(t, 1, tr.PeriodsBelowBar, "February is below 80; empty March is passed over; January is above")
}

func TestCareTalkPattern(t *testing.T) {
	p := DefaultPolicy()
	ps := months(4)
	stable := func(agent string) []ScorePoint {
		var s []ScorePoint
		s = append(s, scoresIn(agent, 0, 96, 97, 98)...)
		s = append(s, scoresIn(agent, 1, 97, 97, 97)...)
		return append(s, scoresIn(agent, 2, 98, 97, 96)...)
	}
	var scores []ScorePoint
	scores = append(scores, stable("drop")...)
	scores = append(scores, scoresIn("drop", 3, 87)...) // 97 - 87 = 10: exactly the drop
	scores = append(scores, stable("small")...)
	scores = append(scores, scoresIn("small", 3, 87.5)...) // 9.5: not enough
	scores = append(scores, stable("complaint")...)
	scores = append(scores, scoresIn("complaint", 3, 96)...)
	scores = append(scores, scoresIn("thin", 0, 97, 97)...) // two evaluations in January: too thin to call stable
	scores = append(scores, scoresIn("thin", 1, 97, 97, 97)...)
	scores = append(scores, scoresIn("thin", 2, 97, 97, 97)...)
	scores = append(scores, scoresIn("thin", 3, 60)...)
	scores = append(scores, scoresIn("wobbly", 0, 95, 95, 95)...)
	scores = append(scores, scoresIn("wobbly", 1, 100, 100, 100)...)
	scores = append(scores, scoresIn("wobbly", 2, 100, 100, 100)...)
	scores = append(scores, scoresIn("wobbly", 3, 60)...)
	scores = append(scores, scoresIn("spread", 0, 94.5, 94.5, 94.5)...) // below excellent
	scores = append(scores, scoresIn("spread", 1, 100, 100, 100)...)
	scores = append(scores, scoresIn("spread", 2, 100, 100, 100)...)
	scores = append(scores, scoresIn("spread", 3, 60)...)
	complaints := []Complaint{{Agent: "complaint", At: jan.AddDate(0, 3, 5)}, {Agent: "ghost", At: jan.AddDate(1, 0, 0)}}
	rep, err := p.Trends(TrendInput{Periods: ps, Scores: scores, Complaints: complaints})
	require.NoError(t, err)
	assert.True(t, trendOf(t, rep, "drop").StableExcellentThenDrop, "a drop of exactly 10 points")
	assert.Equal(t, callfloor.Reason{Rule: "trends.care", Outcome: callfloor.Fired,
		Text: "3 stable excellent periods averaging 97.0, then a drop of 10.0 points to 87.0 in 2025-04: a care talk is due", Message: "qa.reason.care_drop",
		Facts: []callfloor.Fact{{Name: "periods", Value: 3}, {Name: "mean", Value: 97}, {Name: "drop", Value: 10}, {Name: "latest_mean", Value: 87}, {Name: "complaints", Value: 0}}},
		trendOf(t, rep, "drop").Reasons[0], "a drop alone; the facts in the sentence's order")
	assert.False(t, trendOf(t, rep, "small").StableExcellentThenDrop, "9.5 points is less than the drop")
	c := trendOf(t, rep, "complaint")
	assert.True(t, c.StableExcellentThenDrop, "a complaint after stable excellence")
	assert.Equal(t, callfloor.Reason{Rule: "trends.care", Outcome: callfloor.Fired,
		Text: "3 stable excellent periods averaging 97.0, then 1 complaint in 2025-04: a care talk is due", Message: "qa.reason.care_complaints",
		Facts: []callfloor.Fact{{Name: "periods", Value: 3}, {Name: "mean", Value: 97}, {Name: "drop", Value: 1}, {Name: "latest_mean", Value: 96}, {Name: "complaints", Value: 1}}},
		c.Reasons[0], "a complaint after a drop too small to count: the figures read, though the sentence names only the complaint")
	assert.False(t, trendOf(t, rep, "thin").StableExcellentThenDrop, "January has 2 evaluations, fewer than 3")
	assert.True(t, trendOf(t, rep, "wobbly").StableExcellentThenDrop, "95 to 100 is a spread of exactly 5")
	assert.False(t, trendOf(t, rep, "spread").StableExcellentThenDrop, "94.5 is below the excellent mark of 95")
	assert.Equal(t, 1, rep.Unassigned, "the complaint of 2026 falls in no period")
}

func TestImprovers(t *testing.T) {
	p := DefaultPolicy()
	var scores []ScorePoint
	add := func(agent string, before, after float64, nb, na int) {
		for i := 0; i < nb; i++ {
			scores = append(scores, scoresIn(agent, 0, before)[0])
		}
		for i := 0; i < na; i++ {
			scores = append(scores, scoresIn(agent, 1, after)[0])
		}
	}
	add("lucky", 50, 100, 2, 2) // two lucky calls do not win
	add("bea", 70, 85, 5, 5)
	add("cal", 70, 80, 5, 6)
	add("dan", 70, 80, 6, 5)
	add("eve", 80, 81, 5, 5)
	add("fay", 80, 80.5, 5, 5) // below the minimum gain of 1
	add("gus", 70, 75, 5, 5)
	rep, err := p.Trends(TrendInput{Periods: months(2), Scores: scores})
	require.NoError(t, err)
	var names []string
	for _, im := range rep.Improvers {
		names = append(names, fmt.Sprintf("%s%+g", im.Agent, im.Change))
	}
	assert.Equal(t, []string{"bea+15", "cal+10", "dan+10"}, names, "top 3, ties by id")

	add("hal", 70, 80, 5, 5) // a third +10: tied with the last place, kept
	rep, err = p.Trends(TrendInput{Periods: months(2), Scores: scores})
	require.NoError(t, err)
	assert.Len(t, rep.Improvers, 4)
}

func TestTrendBadInput(t *testing.T) {
	p := DefaultPolicy()
	ps := months(2)
	tests := []struct {
		reason string
		in     TrendInput
		want   string
	}{
		{"no periods", TrendInput{}, "periods: is required: trends are computed per period"},
		{"overlapping periods", TrendInput{Periods: []callfloor.Period{ps[0], {ID: "x", Start: ps[0].Start.Add(time.Hour), End: ps[1].End}}},
			"periods[1].start: 2025-01-01T01:00:00Z is before the end of periods[0] at 2025-02-01T00:00:00Z; periods must be in order and not overlap"},
		{"empty period", TrendInput{Periods: []callfloor.Period{{ID: "x", Start: jan, End: jan}}}, "periods[0].end: 2025-01-01T00:00:00Z is not after the start 2025-01-01T00:00:00Z"},
		{"duplicate period", TrendInput{Periods: []callfloor.Period{ps[0], ps[0]}}, `periods[1].id: "2025-01" duplicates periods[0].id`},
		{"NaN score", TrendInput{Periods: ps, Scores: []ScorePoint{{Agent: "a", At: jan, Score: math.NaN()}}}, "scores[0].score: NaN is outside 0..100, the range of scores"},
		{"score above 100", TrendInput{Periods: ps, Scores: []ScorePoint{{Agent: "a", At: jan, Score: 100.1}}}, "scores[0].score: 100.1 is outside 0..100, the range of scores"},
		{"no agent", TrendInput{Periods: ps, Scores: []ScorePoint{{At: jan, Score: 1}}}, "scores[0].agent: is required"},
		{"complaint without time", TrendInput{Periods: ps, Complaints: []Complaint{{Agent: "a"}}}, "complaints[0].at: is required"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := p.Trends(tc.in)
			assert.EqualError(t, err, tc.want)
		})
	}
	rep, err := p.Trends(TrendInput{Periods: ps})
	require.NoError(t, err)
	assert.Empty(t, rep.Trends, "no scores, no trends")
}

// TestCareTalkStableSpread: with the default policy (excellent 95, spread
// 5) no record above 95 can spread more than 5, so the spread rule needs
// a policy whose excellent mark leaves room: 90 here.
func TestCareTalkStableSpread(t *testing.T) {
	p := loadPolicyFromString(t, `version: x
trends: {care: {stable_periods: 3, excellent: 90, stable_spread: 5, drop: 10, min_evaluations: 3}}
scorecards:
  - {id: c, version: "1", pass_mark: 50, sections: [{id: s, weight: 1, items: [{id: i, text: t, type: yes_no, good: g, fix: f}]}]}
`)
	var scores []ScorePoint
	add := func(agent string, means ...float64) {
		for m, v := range means {
			scores = append(scores, scoresIn(agent, m, v, v, v)...)
		}
	}
	add("steady", 91, 96, 96, 80)        // spread 5: stable, then a drop of 14.33
	add("jumpy", 90, 96, 96, 80)         // spread 6: not stable
	add("decimal", 90.3, 95.3, 95.3, 60) // a spread of 5 between decimal means
	rep, err := p.Trends(TrendInput{Periods: months(4), Scores: scores})
	require.NoError(t, err)
	assert.True(t, trendOf(t, rep, "steady").StableExcellentThenDrop, "a spread of exactly 5 is stable")
	assert.False(t, trendOf(t, rep, "jumpy").StableExcellentThenDrop, "a spread of 6 is not stable")
	assert.True(t, trendOf(t, rep, "decimal").StableExcellentThenDrop, "a spread of 5 between decimal means is stable")
}

func TestCareTalkEdges(t *testing.T) {
	p := DefaultPolicy()
	stable := func(agent string) []ScorePoint {
		var s []ScorePoint
		for m := 0; m < 3; m++ {
			s = append(s, scoresIn(agent, m, 97, 97, 97)...)
		}
		return s
	}
	var scores []ScorePoint
	scores = append(scores, stable("quiet")...)  // no score in April, one complaint
	scores = append(scores, stable("silent")...) // no score and no complaint in April
	scores = append(scores, stable("both")...)
	scores = append(scores, scoresIn("both", 3, 80)...)
	complaints := []Complaint{
		{ID: "c1", Agent: "quiet", At: jan.AddDate(0, 3, 2)},
		{ID: "c2", Agent: "both", At: jan.AddDate(0, 3, 9)},
		{ID: "c3", Agent: "newcomer", At: jan.AddDate(0, 3, 9)},
	}
	rep, err := p.Trends(TrendInput{Periods: months(4), Scores: scores, Complaints: complaints})
	require.NoError(t, err)
	q := trendOf(t, rep, "quiet")
	assert.True(t, q.StableExcellentThenDrop, "a complaint alone, with no score yet, calls for care")
	assert.Equal(t, 0, q.Latest.N)
	assert.False(t, trendOf(t, rep, "silent").StableExcellentThenDrop, "nothing happened in April")
	b := trendOf(t, rep, "both")
	assert.True(t, b.StableExcellentThenDrop)
	assert.Equal(t, "3 stable excellent periods averaging 97.0, then a drop of 17.0 points to 80.0 and 1 complaint in 2025-04: a care talk is due", b.Reasons[len(b.Reasons)-1].Text)
	n := trendOf(t, rep, "newcomer")
	assert.False(t, n.StableExcellentThenDrop, "a complaint without a record before it")
	assert.Equal(t, 1, n.Latest.Complaints)

	// Fewer periods than stable_periods + 1: no pattern can show.
	rep, err = p.Trends(TrendInput{Periods: months(3), Scores: stable("short"), Complaints: []Complaint{{Agent: "short", At: jan.AddDate(0, 2, 1)}}})
	require.NoError(t, err)
	assert.False(t, trendOf(t, rep, "short").StableExcellentThenDrop)
}

func TestTrendBarBoundary(t *testing.T) {
	p := DefaultPolicy()
	var scores []ScorePoint
	scores = append(scores, scoresIn("at", 0, 70)...)
	scores = append(scores, scoresIn("at", 1, 79, 81)...) // mean 80: at the bar, not below
	scores = append(scores, scoresIn("under", 0, 70)...)
	scores = append(scores, scoresIn("under", 1, 79.9)...)
	scores = append(scores, scoresIn("round", 1, 80.1, 79.9, 80)...) // mean 80 from decimals
	rep, err := p.Trends(TrendInput{Periods: months(2), Scores: scores})
	require.NoError(t, err)
	assert.Equal(t, 0, trendOf(t, rep, "at").PeriodsBelowBar)
	u := trendOf(t, rep, "under")
	assert.Equal(t, 2, u.PeriodsBelowBar)
	assert.Equal(t, callfloor.Reason{Rule: "trends.bar", Outcome: callfloor.Fired, Text: "below the bar of 80 for the last 2 periods with scores", Message: "qa.reason.trend_below_bar",
		Facts: []callfloor.Fact{{Name: "bar", Value: 80}, {Name: "periods", Value: 2}}}, u.Reasons[0])
	assert.Equal(t, 0, trendOf(t, rep, "round").PeriodsBelowBar)
	assert.InDelta(t, 9.9, u.Change, 1e-9)
}

// TestImproverBoundaries checks min_evaluations at min-1 and min on
// either side, and min_gain at its value and just under.
func TestImproverBoundaries(t *testing.T) {
	p := DefaultPolicy()
	var scores []ScorePoint
	add := func(agent string, before, after float64, nb, na int) {
		for i := 0; i < nb; i++ {
			scores = append(scores, ScorePoint{Agent: agent, At: jan.AddDate(0, 0, i), Score: before})
		}
		for i := 0; i < na; i++ {
			scores = append(scores, ScorePoint{Agent: agent, At: jan.AddDate(0, 1, i), Score: after})
		}
	}
	add("four_before", 60, 90, 4, 5)
	add("four_after", 60, 90, 5, 4)
	add("five_each", 60, 70, 5, 5)
	add("gain_one", 80, 81, 5, 5)
	add("gain_under", 80, 80.99, 5, 5)
	add("decimal_gain", 80.2, 81.2, 5, 5) // a gain of 1 between decimal means
	rep, err := p.Trends(TrendInput{Periods: months(2), Scores: scores})
	require.NoError(t, err)
	var names []string
	for _, im := range rep.Improvers {
		names = append(names, im.Agent)
	}
	assert.Equal(t, []string{"five_each", "decimal_gain", "gain_one"}, names,
		"4 evaluations in either period is one short; a gain of exactly 1 counts; ties sorted by id")
	assert.Equal(t, []callfloor.Reason{{Rule: "trends.improvers_top", Outcome: callfloor.Fired,
		Text: "rose 10.0 points, from 60.0 over 5 evaluations to 70.0 over 5: among the 3 fastest improvers; praise it in public and let it show in pay", Message: "qa.reason.improver",
		Facts: []callfloor.Fact{{Name: "change", Value: 10}, {Name: "from", Value: 60}, {Name: "n_from", Value: 5}, {Name: "to", Value: 70}, {Name: "n_to", Value: 5}, {Name: "improvers_top", Value: 3}}}},
		rep.Improvers[0].Reasons)

	// One agent, one period: no change, no improvers.
	rep, err = p.Trends(TrendInput{Periods: months(1), Scores: scoresIn("solo", 0, 90, 95)})
	require.NoError(t, err)
	require.Len(t, rep.Trends, 1)
	assert.False(t, rep.Trends[0].HasChange)
	assert.Empty(t, rep.Improvers)
	assert.Equal(t, 2, rep.Trends[0].Latest.N)
	assert.True(t, rep.Trends[0].Latest.HasCI)
}

func TestTrendMoreBadInput(t *testing.T) {
	p := DefaultPolicy()
	ps := months(3)
	tests := []struct {
		reason string
		in     TrendInput
		want   string
	}{
		{"+Inf score", TrendInput{Periods: ps, Scores: []ScorePoint{{Agent: "a", At: jan, Score: math.Inf(1)}}}, "scores[0].score: +Inf is outside 0..100, the range of scores"},
		{"negative score", TrendInput{Periods: ps, Scores: []ScorePoint{{Agent: "a", At: jan, Score: -0.5}}}, "scores[0].score: -0.5 is outside 0..100, the range of scores"},
		{"score without time", TrendInput{Periods: ps, Scores: []ScorePoint{{Agent: "a", Score: 50}}}, "scores[0].at: is required"},
		{"complaint without agent", TrendInput{Periods: ps, Complaints: []Complaint{{At: jan}}}, "complaints[0].agent: is required"},
		{"periods out of order", TrendInput{Periods: []callfloor.Period{ps[1], ps[0]}},
			"periods[1].start: 2025-01-01T00:00:00Z is before the end of periods[0] at 2025-03-01T00:00:00Z; periods must be in order and not overlap"},
		{"period ending before it starts", TrendInput{Periods: []callfloor.Period{{ID: "x", Start: jan.AddDate(0, 1, 0), End: jan}}},
			"periods[0].end: 2025-01-01T00:00:00Z is not after the start 2025-02-01T00:00:00Z"},
		{"nameless period", TrendInput{Periods: []callfloor.Period{{Start: jan, End: jan.AddDate(0, 1, 0)}}}, "periods[0].id: is required"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := p.Trends(tc.in)
			assert.EqualError(t, err, tc.want)
		})
	}
	// Periods may leave gaps; scores in a gap fall in no period.
	gap := []callfloor.Period{ps[0], ps[2]}
	rep, err := p.Trends(TrendInput{Periods: gap, Scores: scoresIn("a", 1, 90)})
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Unassigned)
	assert.Empty(t, rep.Trends)
	assert.Equal(t, "1 score or complaint falls in no period and is not counted", rep.Reasons[0].Text)
}

// TestCareTalkDropRounding: 85.6 down to 75.6 is a drop of 10 on paper and
// 9.999999999999986 in float64; at a drop of 10 it counts.
func TestCareTalkDropRounding(t *testing.T) {
	p := loadPolicyFromString(t, `version: x
trends: {care: {stable_periods: 3, excellent: 85, stable_spread: 5, drop: 10, min_evaluations: 1}}
scorecards:
  - {id: c, version: "1", pass_mark: 50, sections: [{id: s, weight: 1, items: [{id: i, text: t, type: yes_no, good: g, fix: f}]}]}
`)
	var scores []ScorePoint
	for m := 0; m < 3; m++ {
		scores = append(scores, scoresIn("ana", m, 85.6, 85.6, 85.6)...)
	}
	scores = append(scores, scoresIn("ana", 3, 75.6)...)
	rep, err := p.Trends(TrendInput{Periods: months(4), Scores: scores})
	require.NoError(t, err)
	tr := trendOf(t, rep, "ana")
	assert.Less(t, tr.Periods[2].Mean-tr.Latest.Mean, 10.0, "float arithmetic lands a hair under 10")
	assert.True(t, tr.StableExcellentThenDrop)
}

// held marks scores as under an open dispute.
func held(ss []ScorePoint) []ScorePoint {
	for i := range ss {
		ss[i].Held = true
	}
	return ss
}

// TestTrendsHoldDisputedScores holds that a score whose evaluation is
// under an open dispute counts in no mean, interval, change, bar, care
// pattern or improver ranking, and that the period says how many were
// held and why.
func TestTrendsHoldDisputedScores(t *testing.T) {
	p := DefaultPolicy()
	stable := func(agent string) []ScorePoint {
		var s []ScorePoint
		s = append(s, scoresIn(agent, 0, 96, 97, 98)...)
		s = append(s, scoresIn(agent, 1, 97, 97, 97)...)
		return append(s, scoresIn(agent, 2, 98, 97, 96)...)
	}
	var scores []ScorePoint
	// ana: a disputed 20 in March does not pull her mean or her interval.
	scores = append(scores, scoresIn("ana", 2, 90, 92)...)
	scores = append(scores, held(scoresIn("ana", 2, 20))...)
	// bob: a disputed drop after a stable excellent record calls for no
	// care talk while it is disputed.
	scores = append(scores, stable("bob")...)
	scores = append(scores, scoresIn("bob", 3, 97)...)
	scores = append(scores, held(scoresIn("bob", 3, 50, 55))...)
	// cy: five April scores, three of them held, are too few to rank him
	// an improver.
	scores = append(scores, scoresIn("cy", 2, 70, 70, 70, 70, 70)...)
	scores = append(scores, scoresIn("cy", 3, 90, 90)...)
	scores = append(scores, held(scoresIn("cy", 3, 90, 90, 90))...)
	// dee: the same five April scores, none held, rank her.
	scores = append(scores, scoresIn("dee", 2, 70, 70, 70, 70, 70)...)
	scores = append(scores, scoresIn("dee", 3, 90, 90, 90, 90, 90)...)
	// eli: only a held score, in January.
	scores = append(scores, held(scoresIn("eli", 0, 10))...)
	rep, err := p.Trends(TrendInput{Periods: months(4), Scores: scores})
	require.NoError(t, err)

	ana := trendOf(t, rep, "ana").Periods[2]
	assert.Equal(t, PeriodStat{Period: "2025-03", N: 2, Mean: 91, SD: math.Sqrt(2), CILow: ana.CILow, CIHigh: ana.CIHigh, HasCI: true, Held: 1}, ana)
	assert.InDelta(t, 91-12.7062047, ana.CILow, 1e-5, "the interval of the two scores that count")
	assert.Equal(t, []callfloor.Reason{{Rule: "disputes.hold", Outcome: callfloor.Held,
		Text: "held out of the figures while under an open dispute: 1 evaluation in 2025-03", Message: "qa.reason.trend_held",
		Facts: []callfloor.Fact{{Name: "held", Value: 1}}}}, trendOf(t, rep, "ana").Reasons)

	bob := trendOf(t, rep, "bob")
	assert.False(t, bob.StableExcellentThenDrop, "the drop is under dispute")
	assert.Equal(t, 1, bob.Latest.N)
	assert.Equal(t, 2, bob.Latest.Held)
	assert.Equal(t, []callfloor.Reason{{Rule: "disputes.hold", Outcome: callfloor.Held,
		Text: "held out of the figures while under an open dispute: 2 evaluations in 2025-04", Message: "qa.reason.trend_held",
		Facts: []callfloor.Fact{{Name: "held", Value: 2}}}}, bob.Reasons)

	var improvers []string
	for _, im := range rep.Improvers {
		improvers = append(improvers, fmt.Sprintf("%s:%d", im.Agent, im.NTo))
	}
	assert.Equal(t, []string{"dee:5"}, improvers, "cy has two April scores that count")
	assert.Equal(t, 3, trendOf(t, rep, "cy").Latest.Held)

	eli := trendOf(t, rep, "eli")
	assert.Equal(t, PeriodStat{Period: "2025-01", Held: 1}, eli.Periods[0], "no score counts: no mean, no interval")
	assert.Zero(t, eli.PeriodsBelowBar, "a held 10 puts nobody below the bar")
	require.Len(t, eli.Reasons, 1)
	assert.Equal(t, callfloor.Held, eli.Reasons[0].Outcome)

	// Unmarked, the same scores count.
	for i := range scores {
		scores[i].Held = false
	}
	rep, err = p.Trends(TrendInput{Periods: months(4), Scores: scores})
	require.NoError(t, err)
	assert.InDelta(t, (90+92+20)/3.0, trendOf(t, rep, "ana").Periods[2].Mean, 1e-9)
	assert.True(t, trendOf(t, rep, "bob").StableExcellentThenDrop)
	assert.Equal(t, 1, trendOf(t, rep, "eli").PeriodsBelowBar)
}
