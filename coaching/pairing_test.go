package coaching

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/stretchr/testify/require"
)

// pairingsByScan is Pairings as it was first written, scanning every
// veteran for each new hire: the reference the heaps must agree with.
func pairingsByScan(p *Policy, staff []Employee, at time.Time) (Pairings, error) {
	if !p.ready() {
		return Pairings{}, ErrZeroPolicy
	}
	out := Pairings{Policy: p.id, Pairs: []Pair{}, Unpaired: []Unpaired{}}
	if !p.tenure.set {
		return out, callfloor.Forbidden("tenure", "the policy has no tenure section")
	}
	if at.IsZero() {
		return out, callfloor.Required("at", "")
	}
	if tp := timeProblem(at); tp != nil {
		return out, inputErr(p.loc, callfloor.ErrInvalid, "at", tp)
	}
	seen := map[string]int{}
	var hires, vets []Employee
	for i, e := range staff {
		f := callfloor.Path("staff").Index(i)
		if err := p.checkEmployee(f, e, at); err != nil {
			return out, err
		}
		if j, dup := seen[e.ID]; dup {
			return out, callfloor.Duplicate(f.Child("id"), e.ID, callfloor.Path("staff").Index(j))
		}
		seen[e.ID] = i
		if e.Away {
			continue
		}
		switch p.stageOf(at.Sub(e.Hired)) {
		case NewHire:
			hires = append(hires, e)
		case Veteran:
			vets = append(vets, e)
		}
	}
	sort.Slice(hires, func(i, j int) bool {
		a, b := hires[i], hires[j]
		if !a.Hired.Equal(b.Hired) {
			return a.Hired.After(b.Hired)
		}
		return a.ID < b.ID
	})
	sort.Slice(vets, func(i, j int) bool {
		a, b := vets[i], vets[j]
		if !a.Hired.Equal(b.Hired) {
			return a.Hired.Before(b.Hired)
		}
		return a.ID < b.ID
	})
	load := make([]int, len(vets))
	pick := func(team string, any bool) int {
		best := -1
		for i, v := range vets {
			if (!any && v.Team != team) || load[i] >= p.tenure.maxMentees {
				continue
			}
			if best < 0 || load[i] < load[best] {
				best = i
			}
		}
		return best
	}
	var waiting []Employee
	for _, h := range hires {
		v := pick(h.Team, false)
		if v < 0 {
			waiting = append(waiting, h)
			continue
		}
		load[v]++
		out.Pairs = append(out.Pairs, Pair{Mentor: vets[v].ID, Mentee: h.ID, Team: h.Team,
			Reasons: pairReason(load[v], p.tenure.maxMentees, p.loc, msg.CoachingReasonPairSameTeam{Hired: vets[v].Hired, Mentoring: load[v], Max: p.tenure.maxMentees})})
	}
	for _, h := range waiting {
		v := -1
		if p.tenure.crossTeam {
			v = pick("", true)
		}
		if v < 0 {
			var m msg.Message = msg.CoachingReasonNoRoomTeam{Team: h.Team, Max: p.tenure.maxMentees}
			if p.tenure.crossTeam {
				m = msg.CoachingReasonNoRoomAny{Max: p.tenure.maxMentees}
			}
			out.Unpaired = append(out.Unpaired, Unpaired{Mentee: h.ID, Team: h.Team, Reasons: []callfloor.Reason{{Rule: "tenure.pairing.max_mentees", Outcome: callfloor.Held,
				Text: m.String(p.loc), Message: m.ID(), Facts: []callfloor.Fact{{Name: "max_mentees", Value: float64(p.tenure.maxMentees)}}}}})
			continue
		}
		load[v]++
		out.Pairs = append(out.Pairs, Pair{Mentor: vets[v].ID, Mentee: h.ID, Team: h.Team,
			Reasons: pairReason(load[v], p.tenure.maxMentees, p.loc, msg.CoachingReasonPairCrossTeam{Team: vets[v].Team, Hired: vets[v].Hired, Mentoring: load[v], Max: p.tenure.maxMentees})})
	}
	return out, nil
}

// Pairing by heaps picks exactly the veterans scanning every veteran
// picks, pair for pair and in the same order, on seeded random centers:
// with and without cross-team pairing, at one to three mentees each,
// with people away, hires on the same day and teams without veterans.
func TestPairingsAgreeWithScan(t *testing.T) {
	src := string(DefaultPolicySource())
	var policies []*Policy
	for _, cross := range []string{"false", "true"} {
		for _, max := range []string{"1", "2", "3"} {
			s := replaceOnce(t, src, "cross_team: false", "cross_team: "+cross)
			s = replaceOnce(t, s, "max_mentees: 2", "max_mentees: "+max)
			p, err := ParsePolicy([]byte(s))
			require.NoError(t, err)
			policies = append(policies, p)
		}
	}
	rng := rand.New(rand.NewPCG(7, 11))
	for draw := 0; draw < 400; draw++ {
		n := 1 + rng.IntN(80)
		teams := 1 + rng.IntN(6)
		staff := make([]Employee, n)
		for i := range staff {
			staff[i] = Employee{ID: fmt.Sprintf("e%03d", i), Team: fmt.Sprintf("t%d", rng.IntN(teams)),
				Hired: t0.Add(-time.Duration(rng.IntN(900)) * day), Away: rng.IntN(10) == 0}
		}
		for _, p := range policies {
			want, err := pairingsByScan(p, staff, t0)
			require.NoError(t, err)
			got, err := p.Pairings(staff, t0)
			require.NoError(t, err)
			require.Equal(t, want, got, "draw %d, %d people in %d teams, cross %v, at most %d", draw, n, teams, p.tenure.crossTeam, p.tenure.maxMentees)
		}
	}
}

// BenchmarkPairings100k pairs a center of 100,000 in teams of twenty, a
// tenth of them new hires.
func BenchmarkPairings100k(b *testing.B) {
	staff := make([]Employee, 100_000)
	for i := range staff {
		hired := t0.Add(-time.Duration(100+i%700) * day)
		if i%10 == 0 {
			hired = t0.Add(-time.Duration(i%60) * day)
		}
		staff[i] = Employee{ID: fmt.Sprintf("a%06d", i), Team: fmt.Sprintf("team-%04d", i/20), Hired: hired}
	}
	p := DefaultPolicy()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := p.Pairings(staff, t0); err != nil {
			b.Fatal(err)
		}
	}
}
