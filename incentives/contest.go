package incentives

import (
	"math"
	"slices"
	"strings"

	"github.com/callfloor/callfloor/internal/policyfile"
)

type rawContest struct {
	ID          string  `yaml:"id,required"`
	Every       string  `yaml:"every,required"`
	Metric      string  `yaml:"metric,required"`
	Better      string  `yaml:"better"`
	MinTeamSize int     `yaml:"min_team_size"`
	Prizes      []int64 `yaml:"prizes"`
	Title       string  `yaml:"title"`
}

type contest struct {
	id      string
	every   Cadence
	slot    int
	metric  string
	lower   bool
	minTeam int
	prizes  []int64
	title   string
}

func (p *Policy) compileContests(doc *policyfile.Doc, raw []rawContest) {
	seen := map[string]policyfile.Path{}
	for i, rc := range raw {
		path := policyfile.Path("contests").Index(i)
		ok := checkID(doc, path.Child("id"), rc.ID, seen)
		c := contest{id: rc.ID, metric: rc.Metric, minTeam: rc.MinTeamSize, title: rc.Title}
		every, cok := parseCadence(rc.Every)
		if !cok && doc.Has(path.Child("every")) {
			doc.Errorf(path.Child("every"), "%q is not a cadence; allowed: weekly, monthly", rc.Every)
		}
		c.every = every
		c.slot = p.metricRef(doc, path.Child("metric"), rc.Metric)
		switch rc.Better {
		case "", "higher":
		case "lower":
			c.lower = true
		default:
			doc.Errorf(path.Child("better"), "%q is not allowed; allowed: higher, lower", rc.Better)
		}
		if c.minTeam == 0 {
			c.minTeam = 1
		}
		if rc.MinTeamSize < 0 {
			doc.Errorf(path.Child("min_team_size"), "must not be negative")
		}
		for j, pz := range rc.Prizes {
			checkAmount(doc, path.Child("prizes").Index(j), pz)
		}
		c.prizes = rc.Prizes
		if ok && cok && c.slot >= 0 {
			p.contests = append(p.contests, c)
		}
	}
}

// ContestResult is the league table of one contest in the period.
type ContestResult struct {
	ID     string  `json:"id"`
	Every  Cadence `json:"every"`
	Metric string  `json:"metric"`
	// Better is "higher" or "lower".
	Better string     `json:"better"`
	Table  []Standing `json:"table"`
}

// Standing is one team's place in a contest. Teams are compared on the
// mean of the metric over their measured agents. Tied teams share a rank
// and split the prizes of the places they occupy; the next rank skips
// accordingly (1, 1, 3). Teams with fewer measured agents than the
// contest's minimum are listed last, unranked, with Rank 0.
type Standing struct {
	Rank   int     `json:"rank"`
	Team   string  `json:"team"`
	Agents int     `json:"agents"`
	Value  float64 `json:"value"`
	Prize  int64   `json:"prize"`
	Reason string  `json:"reason"`
}

// teamRow gathers one team's figures for a contest.
type teamRow struct {
	team     string
	members  []int32 // positions in sorted agent order, measured only
	sum      float64
	value    float64
	rank     int
	prize    int64
	unranked bool
}

// runContest ranks teams and shares out prizes; it returns the league
// table and, per team, the prize.
func (b *builder) runContest(c *contest) ([]teamRow, ContestResult) {
	rows := make([]teamRow, len(b.teams))
	for t := range b.teams {
		rows[t].team = b.teams[t].id
	}
	m := len(b.p.metrics)
	for pos, ai := range b.order {
		v := b.matrix[int(ai)*m+c.slot]
		if math.IsNaN(v) {
			continue
		}
		r := &rows[b.teamOf[pos]]
		r.members = append(r.members, int32(pos))
		r.sum += v
	}
	var ranked []int
	for t := range rows {
		r := &rows[t]
		if len(r.members) > 0 {
			r.value = r.sum / float64(len(r.members))
		}
		if len(r.members) < c.minTeam || len(r.members) == 0 {
			r.unranked = true
			continue
		}
		ranked = append(ranked, t)
	}
	slices.SortStableFunc(ranked, func(x, y int) int {
		a, b := rows[x].value, rows[y].value
		if a != b {
			if (a > b) != c.lower {
				return -1
			}
			return 1
		}
		return strings.Compare(rows[x].team, rows[y].team)
	})
	for i := 0; i < len(ranked); {
		j := i
		for j < len(ranked) && rows[ranked[j]].value == rows[ranked[i]].value {
			j++
		}
		var pot int64
		for pos := i; pos < j && pos < len(c.prizes); pos++ {
			pot += c.prizes[pos]
		}
		shares := make([]int64, j-i)
		if pot > 0 {
			weights := make([]int64, j-i)
			for k := range weights {
				weights[k] = 1
			}
			apportion(pot, weights, shares)
		}
		for k := i; k < j; k++ {
			rows[ranked[k]].rank = i + 1
			rows[ranked[k]].prize = shares[k-i]
		}
		i = j
	}
	res := ContestResult{ID: c.id, Every: c.every, Metric: c.metric, Better: "higher"}
	if c.lower {
		res.Better = "lower"
	}
	for _, t := range ranked {
		r := &rows[t]
		s := Standing{Rank: r.rank, Team: r.team, Agents: len(r.members), Value: r.value, Prize: r.prize}
		s.Reason = "rank " + itoa(r.rank) + " of " + itoa(len(ranked)) + " on mean " + c.metric + " " + fmtNum(roundTo(r.value, 4)) + " over " + itoa(len(r.members)) + " agents"
		res.Table = append(res.Table, s)
	}
	for t := range rows {
		r := &rows[t]
		if !r.unranked {
			continue
		}
		res.Table = append(res.Table, Standing{Team: r.team, Agents: len(r.members), Value: r.value,
			Reason: "unranked: " + itoa(len(r.members)) + " measured agents, the contest needs " + itoa(c.minTeam)})
	}
	return rows, res
}

func roundTo(v float64, digits int) float64 {
	s := math.Pow(10, float64(digits))
	return math.Round(v*s) / s
}
