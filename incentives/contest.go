package incentives

import (
	"math"
	"slices"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/enum"
	"github.com/callfloor/callfloor/internal/msg"

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
	label   string // how sentences write the metric (Policy.label)
	lower   bool
	minTeam int
	prizes  []int64
	title   string
	src     int32
}

func (p *Policy) compileContests(doc *policyfile.Doc, raw []rawContest) {
	seen := map[string]policyfile.Path{}
	for i, rc := range raw {
		path := policyfile.Path("contests").Index(i)
		ok := checkID(doc, path.Child("id"), msg.IncentivesWhatIdContest{}, rc.ID, seen)
		c := contest{id: rc.ID, metric: rc.Metric, minTeam: rc.MinTeamSize, title: rc.Title}
		every, cok := parseCadence(rc.Every)
		if !cok && doc.Has(path.Child("every")) {
			doc.Report(path.Child("every"), msg.IncentivesPolicyNotCadence{Value: quoted(string(rc.Every)), Allowed: idList(cadences)})
		}
		c.every = every
		c.slot = p.metricRef(doc, path.Child("metric"), rc.Metric)
		if c.slot >= 0 {
			c.label = p.label(c.slot)
		}
		switch Direction(rc.Better) {
		case "", Higher:
		case Lower:
			c.lower = true
		default:
			doc.Report(path.Child("better"), msg.IncentivesPolicyNotAllowed{Value: quoted(string(rc.Better)), Allowed: idList(directions)})
		}
		if c.minTeam == 0 {
			c.minTeam = 1
		}
		if rc.MinTeamSize < 0 {
			doc.Report(path.Child("min_team_size"), msg.IncentivesPolicyNotNegative{})
		}
		for j, pz := range rc.Prizes {
			checkAmount(doc, path.Child("prizes").Index(j), pz)
		}
		c.prizes = rc.Prizes
		if ok && cok && c.slot >= 0 {
			c.src = p.source(lineSource{rule: "contests." + c.id, title: c.title, heading: p.name(c.id)})
			p.contests = append(p.contests, c)
		}
	}
}

// Direction says which way of a contest's metric wins.
type Direction string

// The directions.
const (
	// Higher: the team with the higher mean ranks first (quality,
	// resolution).
	Higher Direction = "higher"
	// Lower: the team with the lower mean ranks first (handle time).
	Lower Direction = "lower"
)

var directions = []Direction{Higher, Lower}

// String gives the direction's name, as in "higher".
func (d Direction) String() string { return string(d) }

// MarshalText gives the direction's name; a value that is not one of the
// constants is an error.
func (d Direction) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumIncentivesDirection{}, d, directions)
}

// UnmarshalText reads a direction's name and refuses any other text.
func (d *Direction) UnmarshalText(b []byte) error {
	v, err := enum.Unmarshal(msg.EnumIncentivesDirection{}, b, directions)
	if err == nil {
		*d = v
	}
	return err
}

// ContestResult is the league table of one contest in the period.
type ContestResult struct {
	// ID is the contest's id in the policy.
	ID string `json:"id"`
	// Every is the contest's cadence.
	Every Cadence `json:"every"`
	// Metric is the metric whose mean per agent ranks the teams.
	Metric string `json:"metric"`
	// Better says which way of the metric wins.
	Better Direction `json:"better"`
	// Table lists the ranked teams by rank, tied teams by id, then the
	// unranked teams by id.
	Table []Standing `json:"table"`
}

// Standing is one team's place in a contest. Teams are compared on the
// mean of the metric over their measured agents. Tied teams share a rank
// and split the prizes of the places they occupy; the next rank skips
// accordingly (1, 1, 3). Teams with fewer measured agents than the
// contest's minimum are listed last, unranked, with Rank 0.
type Standing struct {
	// Rank is 1 for the best team, 0 for an unranked one.
	Rank int `json:"rank"`
	// Team is the team's id.
	Team string `json:"team"`
	// Agents counts the team's agents whose metric is measured.
	Agents int `json:"agents"`
	// Value is the mean of the metric over those agents.
	Value float64 `json:"value"`
	// Prize is the team's prize in minor units, shared equally among
	// Agents (the first agents by id take the units left over).
	Prize int64 `json:"prize"`
	// Reasons hold one reason, of the contest's rule
	// ("contests.<id>"): for a ranked team, Outcome Fired and a Text such
	// as "rank 1 of 3 on mean csat 4.6 over 2 agents", with the facts
	// rank, teams, the metric's mean, agents and prize; for an unranked
	// team, Outcome NotEvaluated and a Text such as "unranked: 2 measured
	// agents, the contest needs 5", with the facts agents and
	// min_team_size.
	Reasons []callfloor.Reason `json:"reasons"`
}

// teamRow gathers one team's figures for a contest.
type teamRow struct {
	count    int // measured agents
	sum      float64
	value    float64
	rank     int
	prize    int64
	unranked bool
	shown    string // value as reasons show it
}

// runContest ranks teams and shares out prizes; it returns, by team
// index, each team's figures, rank and prize, and the league table.
func (b *builder) runContest(c *contest) ([]teamRow, ContestResult) {
	rows := make([]teamRow, len(b.teams))
	m := len(b.p.metrics)
	for pos, ai := range b.order {
		v := b.matrix[int(ai)*m+c.slot]
		if math.IsNaN(v) {
			continue
		}
		r := &rows[b.teamOf[pos]]
		r.count++
		r.sum += v
	}
	var ranked []int
	for t := range rows {
		r := &rows[t]
		if r.count > 0 {
			r.value = r.sum / float64(r.count)
		}
		if r.count < c.minTeam || r.count == 0 {
			r.unranked = true
			continue
		}
		ranked = append(ranked, t)
	}
	// Teams are in id order, and the sort is stable: tied teams stay in
	// id order.
	slices.SortStableFunc(ranked, func(x, y int) int {
		a, b := rows[x].value, rows[y].value
		switch {
		case a == b:
			return 0
		case (a > b) != c.lower:
			return -1
		}
		return 1
	})
	for i := 0; i < len(ranked); {
		j := i
		for j < len(ranked) && rows[ranked[j]].value == rows[ranked[i]].value {
			j++
		}
		var pot int64
		for place := i; place < j && place < len(c.prizes); place++ {
			pot += c.prizes[place]
		}
		for k := i; k < j; k++ {
			rows[ranked[k]].rank = i + 1
			rows[ranked[k]].prize = splitEven(pot, int64(j-i), int64(k-i))
		}
		i = j
	}
	// A mean is shown rounded, with more decimals only where rounding
	// would tie it with, or put it across, a neighbour in the table.
	// The means are written into one string, each team's a part of it.
	var th [2]float64
	var shown []byte
	ends := make([]int, len(ranked))
	for k, t := range ranked {
		n := 0
		if k > 0 {
			th[n] = rows[ranked[k-1]].value
			n++
		}
		if k+1 < len(ranked) {
			th[n] = rows[ranked[k+1]].value
			n++
		}
		shown = appendFigure(shown, rows[t].value, th[:n])
		ends[k] = len(shown)
	}
	means, from := string(shown), 0
	for k, t := range ranked {
		rows[t].shown = means[from:ends[k]]
		from = ends[k]
	}
	res := ContestResult{ID: c.id, Every: c.every, Metric: c.metric, Better: Higher}
	if c.lower {
		res.Better = Lower
	}
	// The reasons and facts of the table, each in one array; every
	// sentence in one string.
	res.Table = make([]Standing, 0, len(rows))
	reasons := make([]callfloor.Reason, len(rows))
	facts := make([]callfloor.Fact, 0, 5*len(ranked)+2*(len(rows)-len(ranked)))
	var buf []byte
	ends = make([]int, len(rows))
	rule := b.p.sources[c.src].rule
	for _, t := range ranked {
		r := &rows[t]
		m := msg.IncentivesReasonStanding{Rank: r.rank, Teams: len(ranked), Metric: c.label, Value: r.shown, N: r.count}
		buf = m.Append(buf, b.loc)
		ends[len(res.Table)] = len(buf)
		fs := len(facts)
		facts = append(facts, callfloor.Fact{Name: "rank", Value: float64(r.rank)}, callfloor.Fact{Name: "teams", Value: float64(len(ranked))},
			callfloor.Fact{Name: c.metric, Value: r.value}, callfloor.Fact{Name: "agents", Value: float64(r.count)}, callfloor.Fact{Name: "prize", Value: float64(r.prize)})
		reasons[len(res.Table)] = callfloor.Reason{Rule: rule, Outcome: callfloor.Fired, Message: m.ID(), Facts: facts[fs:len(facts):len(facts)]}
		res.Table = append(res.Table, Standing{Rank: r.rank, Team: b.teams[t], Agents: r.count, Value: r.value, Prize: r.prize})
	}
	for t := range rows {
		r := &rows[t]
		if !r.unranked {
			continue
		}
		m := msg.IncentivesReasonUnranked{N: r.count, Min: c.minTeam}
		buf = m.Append(buf, b.loc)
		ends[len(res.Table)] = len(buf)
		fs := len(facts)
		facts = append(facts, callfloor.Fact{Name: "agents", Value: float64(r.count)}, callfloor.Fact{Name: "min_team_size", Value: float64(c.minTeam)})
		reasons[len(res.Table)] = callfloor.Reason{Rule: rule, Outcome: callfloor.NotEvaluated, Message: m.ID(), Facts: facts[fs:len(facts):len(facts)]}
		res.Table = append(res.Table, Standing{Team: b.teams[t], Agents: r.count, Value: r.value})
	}
	all := string(buf)
	from = 0
	for i := range res.Table {
		reasons[i].Text = all[from:ends[i]]
		from = ends[i]
		res.Table[i].Reasons = reasons[i : i+1 : i+1]
	}
	return rows, res
}

// splitEven returns the i-th of n equal shares of total: total/n each,
// and the units left over one each to the first parts. It is the largest
// remainder method with equal weights, where every remainder is equal.
func splitEven(total, n, i int64) int64 {
	share := total / n
	if i < total%n {
		share++
	}
	return share
}

// contests writes the agent's share of its team's contest prizes.
func (b *builder) contests(pos int, a *AgentRecord) {
	for k := range b.running {
		rc := &b.running[k]
		c := rc.c
		if math.IsNaN(b.row(b.order[pos])[c.slot]) {
			continue
		}
		t := b.teamOf[pos]
		row := &rc.rows[t]
		nth := rc.seen[t]
		rc.seen[t]++
		if row.prize <= 0 {
			continue
		}
		share := splitEven(row.prize, int64(row.count), int64(nth))
		if share <= 0 {
			continue
		}
		care := a.careHold()
		fs := b.mark()
		b.fact("rank", float64(row.rank))
		b.fact(c.metric, row.value)
		b.fact("agents", float64(row.count))
		b.fact("prize", float64(row.prize))
		b.fact("share", float64(share))
		b.begin()
		b.contestShareText(a.Team, c, row, share)
		if care {
			r := b.add(kHold, c.src, fs)
			r.held, r.flags = share, fAward
			b.careGuard(r)
			b.private()
			continue
		}
		r := b.add(kAward, c.src, fs)
		r.amount, r.base, r.flags = share, share, fAward
	}
}
