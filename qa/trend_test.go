package qa

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var jan = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// months gives n consecutive calendar months from January 2025.
func months(n int) []Period {
	ps := make([]Period, n)
	for i := range ps {
		start := jan.AddDate(0, i, 0)
		ps[i] = Period{ID: start.Format("2006-01"), Start: start, End: start.AddDate(0, 1, 0)}
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
	assert.Equal(t, "stable_excellent_then_drop", trendOf(t, rep, "drop").Reasons[0].ID)
	assert.False(t, trendOf(t, rep, "small").StableExcellentThenDrop, "9.5 points is less than the drop")
	c := trendOf(t, rep, "complaint")
	assert.True(t, c.StableExcellentThenDrop, "a complaint after stable excellence")
	assert.Equal(t, "3 stable excellent period(s) averaging 97.0, then 1 complaint(s) in 2025-04: a care talk is due", c.Reasons[0].Text)
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
		{"no periods", TrendInput{}, "periods: at least one period is needed"},
		{"overlapping periods", TrendInput{Periods: []Period{ps[0], {ID: "x", Start: ps[0].Start.Add(time.Hour), End: ps[1].End}}},
			"periods[1].start: 2025-01-01T01:00:00Z is before the end of periods[0] at 2025-02-01T00:00:00Z; periods must be in order and not overlap"},
		{"empty period", TrendInput{Periods: []Period{{ID: "x", Start: jan, End: jan}}}, "periods[0].end: 2025-01-01T00:00:00Z is not after the start 2025-01-01T00:00:00Z"},
		{"duplicate period", TrendInput{Periods: []Period{ps[0], ps[0]}}, `periods[1].id: period "2025-01" is listed twice`},
		{"NaN score", TrendInput{Periods: ps, Scores: []ScorePoint{{Agent: "a", At: jan, Score: math.NaN()}}}, "scores[0].score: NaN is not a score between 0 and 100"},
		{"score above 100", TrendInput{Periods: ps, Scores: []ScorePoint{{Agent: "a", At: jan, Score: 100.1}}}, "scores[0].score: 100.1 is not a score between 0 and 100"},
		{"no agent", TrendInput{Periods: ps, Scores: []ScorePoint{{At: jan, Score: 1}}}, "scores[0].agent: must not be empty"},
		{"complaint without time", TrendInput{Periods: ps, Complaints: []Complaint{{Agent: "a"}}}, "complaints[0].at: must be set"},
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
