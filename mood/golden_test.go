package mood

import (
	"testing"
	"time"

	"github.com/callfloor/callfloor/internal/golden"
	"github.com/stretchr/testify/require"
)

// goldenResults are the package's result and state types, each produced
// by the default policy from fixed inputs. Their JSON is a contract: a
// change to a golden file is a change of the wire format.
func goldenResults(t *testing.T) map[string]any {
	t.Helper()
	p := DefaultPolicy()
	r := policyResults(t, p)
	cbi, err := Score(CBI, []int{2, 2, 1, 1, 2, 1, 3, 3, 2, 2, 2, 2, 1, 3, 3, 3, 2, 3, 2})
	require.NoError(t, err)
	cbi.At = t0
	return map[string]any{
		"triage":             r.crisis,
		"triage_stale":       r.stale,
		"triage_declared":    r.declared,
		"view_lead_declared": p.ViewFor(r.declared, p.LeadRole()),
		"view_lead":          p.ViewFor(r.crisis, p.LeadRole()),
		"view_care":          p.ViewFor(r.crisis, "counselor"),
		"view_none":          p.View(r.crisis, AudienceNone),
		"cycles":             r.cycles,
		"climate":            r.climate,
		"climate_small":      r.small,
		"mood_map":           r.moodMap,
		"guidance":           r.guide,
		"screening_who5":     screened(t, WHO5, []int{5, 0, 5, 1, 5}, 1),
		"screening_cbi":      cbi,
		"techniques":         p.Techniques(),
		"practices":          p.Practices(),
		"assessment":         Assessment{Agent: "a7", At: t0, Screenings: []Screening{screened(t, PHQ9, answersFor(9, 0, 3, 12), 2)}, CheckIns: []CheckIn{{At: t0.Add(-day), Mood: 2}}},
	}
}

// moodResults are the results the golden files hold of a policy: every
// kind of reason triage, guidance, climate, the mood map and cycles write.
type moodResults struct {
	crisis, stale, declared Triage
	cycles                  Cycles
	climate, small          Climate
	moodMap                 MoodMap
	guide                   Guidance
}

// policyResults evaluates p on the golden inputs, so that the English and
// the Chinese goldens speak of the same cases.
func policyResults(t *testing.T, p *Policy) moodResults {
	t.Helper()
	crisis := leakyTriage(t, p)
	stale, err := p.Triage(Assessment{Agent: "a7", At: t0,
		Screenings:     []Screening{phqAt(t, []int{0, 0, 0, 0, 0, 0, 0, 0, 1}, 40*24*time.Hour), screened(t, K10, answersFor(10, 1, 5, 25), 45)},
		CrisisClosures: []CrisisClosure{{By: "dr.wu", At: t0.Add(-39 * day), Why: "risk assessed"}},
		CheckIns:       []CheckIn{{At: t0.Add(-2 * day), Mood: 1}, {At: t0.Add(-day), Mood: 2}},
	})
	require.NoError(t, err)
	declared, err := p.Triage(Assessment{Agent: "a9", At: t0,
		Screenings:   []Screening{phqAt(t, allZeros, 3*day)},
		Declarations: []Declaration{{Kind: DeclarationCrisis, By: "dr.wu", Role: "counselor", At: t0.Add(-2 * time.Hour), Why: "spoke of ending it all"}, {Kind: DeclarationTier, Tier: Moderate, By: "dr.wu", Role: "counselor", At: t0.Add(-2 * time.Hour), Why: "interview"}},
	})
	require.NoError(t, err)
	cs := regular(112, func(d time.Time, i int) int {
		if d.Weekday() == time.Monday {
			return []int{2, 2, 3, 1}[i%4]
		}
		return wobble[i%len(wobble)]
	})
	cycles, err := p.Cycles(History{Agent: "a1", CheckIns: cs})
	require.NoError(t, err)
	watched := members(10, 2)
	watched[5].Watch = true
	climate, err := p.Climate(Team{Team: "t1", At: t0, Members: watched, MissedTargets: 3,
		Changes: []OrgChange{{Kind: "reorg", At: t0.Add(-100 * day)}, {Kind: "new_lead", At: t0.Add(-10 * day)}}})
	require.NoError(t, err)
	small, err := p.Climate(Team{Team: "t2", At: t0, Members: members(4, 4), MissedTargets: 5})
	require.NoError(t, err)
	moodMap, err := p.MoodMap([]MoodGroup{{ID: "team_a", Moods: []int{4, 5, 3, 4, 2}}, {ID: "team_b", Moods: []int{1, 2, 2, 5}}, {ID: "team_c", Moods: []int{2, 4, 2, 4, 4, 3, 3}}})
	require.NoError(t, err)
	guide, err := p.Guide("a1", CauseCustomer, t0)
	require.NoError(t, err)
	return moodResults{crisis, stale, declared, cycles, climate, small, moodMap, guide}
}

// TestGolden holds every result and state type to its JSON byte for byte;
// go test ./mood -run Golden -update rewrites the files.
func TestGolden(t *testing.T) {
	golden.JSON(t, "./mood", goldenResults(t), *update)
}

// TestGoldenRoundTrip decodes each golden file into its type and encodes
// it again: the bytes must not change, so that a host can store a result
// and read it back as it was.
func TestGoldenRoundTrip(t *testing.T) {
	golden.RoundTrip(t, goldenResults(t))
}
