package mood

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// phqAt scores a PHQ-9 and dates it ago before t0.
func phqAt(t testing.TB, answers []int, ago time.Duration) Screening {
	t.Helper()
	sc, err := Score(PHQ9, answers)
	require.NoError(t, err)
	sc.At = t0.Add(-ago)
	return sc
}

var (
	item9Two = []int{0, 0, 0, 0, 0, 0, 0, 0, 2}
	allZeros = []int{0, 0, 0, 0, 0, 0, 0, 0, 0}
)

// The reported defect: a PHQ-9 with item 9 = 2 taken 10 minutes before
// triage, then a retake with all zeros 5 minutes before. The retake gives
// the tier; it does not clear the crisis.
func TestCrisisSurvivesARetake(t *testing.T) {
	p := DefaultPolicy()
	crisis := phqAt(t, item9Two, 10*time.Minute)
	retake := phqAt(t, allZeros, 5*time.Minute)

	got, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{crisis, retake}})
	require.NoError(t, err)
	assert.True(t, got.Crisis, "a retake does not clear a crisis answer")
	assert.Equal(t, &CrisisSource{Instrument: PHQ9, At: t0.Add(-10 * time.Minute), Retaken: true}, got.CrisisSource, "the source is the -10 min screening")
	assert.Equal(t, Normal, got.Tier, "the tier comes from the retake")
	require.Len(t, got.Used, 1)
	assert.Equal(t, retake, got.Used[0].Screening, "the retake is the screening used for the tier")

	require.NotEmpty(t, got.Actions)
	assert.Equal(t, Action{Code: CrisisEscalation, Owner: "crisis_owner", Deadline: t0.Add(time.Hour), Setting: callfloor.OneToOne, Rule: "crisis",
		Text: "Reach the agent now, assess the risk and stay until professional help takes over."}, got.Actions[0])
	assert.Equal(t, []string{CrisisEscalation, "crisis_review"}, codes(got.Actions))
	assert.Equal(t, []reasonLine{
		{"crisis", callfloor.Fired, "PHQ-9 item 9 (thoughts of self-harm) was answered above 0 on 2025-03-14 09:50:00Z; immediate escalation to crisis_owner; " +
			"the later PHQ-9 of 2025-03-14 09:55:00Z has no crisis answer and does not clear it: it stays in force for 30 days unless crisis_owner closes it"},
		{"instruments.phq9.bands[0]", callfloor.Fired, `PHQ-9 total 0 (minimal) on 2025-03-14 falls in band "minimal": normal`},
	}, lines(got.Reasons))

	// Order does not matter, and the crisis owner gets the escalation
	// while the lead learns nothing of it.
	again, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{retake, crisis}})
	require.NoError(t, err)
	assert.Equal(t, got, again)
	owner := p.ViewFor(got, p.CrisisOwner())
	require.NotEmpty(t, owner.Owed)
	assert.Equal(t, Owed{Code: CrisisEscalation, Deadline: t0.Add(time.Hour), Setting: callfloor.OneToOne}, owner.Owed[0])
	lead := p.ViewFor(got, p.LeadRole())
	assert.Nil(t, lead.Result)
	assert.Empty(t, lead.Owed, "the default lead owes nothing for a crisis")
	b, err := json.Marshal(lead)
	require.NoError(t, err)
	for _, s := range []string{"crisis", "phq", "source", "retake", "09:50"} {
		assert.NotContains(t, strings.ToLower(string(b)), s, "the lead's view holds no screening detail")
	}
	care := p.ViewFor(got, "counselor")
	require.NotNil(t, care.Result)
	assert.Equal(t, got.CrisisSource, care.Result.CrisisSource, "a confidential role sees the source")
}

// A crisis answer is in force to the last instant of the PHQ-9 window and
// gone one nanosecond after, retake or not.
func TestCrisisWindowEdge(t *testing.T) {
	p := DefaultPolicy()
	window, ok := p.ValidFor(PHQ9)
	require.True(t, ok)
	crisis := phqAt(t, item9Two, window)
	retake := phqAt(t, allZeros, day)
	for _, ss := range [][]Screening{{crisis}, {crisis, retake}} {
		last, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: ss})
		require.NoError(t, err)
		assert.True(t, last.Crisis, "in force on the last instant of the window (%d screenings)", len(ss))
		require.NotNil(t, last.CrisisSource)
		assert.Equal(t, crisis.At, last.CrisisSource.At)
		assert.Equal(t, CrisisEscalation, last.Actions[0].Code)

		after, err := p.Triage(Assessment{Agent: "a1", At: t0.Add(time.Nanosecond), Screenings: ss})
		require.NoError(t, err)
		assert.False(t, after.Crisis, "gone one nanosecond after the window (%d screenings)", len(ss))
		assert.Nil(t, after.CrisisSource)
		assert.NotContains(t, codes(after.Actions), CrisisEscalation)
		assert.NotContains(t, reasonIDs(after.Reasons), "crisis:phq9_item9")
	}
}

// Of several crisis answers in force, the source is the latest.
func TestCrisisSourceIsTheLatestAnswer(t *testing.T) {
	p := DefaultPolicy()
	got, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{
		phqAt(t, item9Two, 3*day), phqAt(t, []int{1, 1, 1, 1, 1, 1, 1, 1, 1}, 2*day), phqAt(t, allZeros, day), phqAt(t, item9Two, 20*day),
	}})
	require.NoError(t, err)
	assert.Equal(t, &CrisisSource{Instrument: PHQ9, At: t0.Add(-2 * day), Retaken: true}, got.CrisisSource)

	// A crisis answer that is itself the latest PHQ-9 is not retaken.
	got, err = p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{phqAt(t, allZeros, 3*day), phqAt(t, item9Two, day)}})
	require.NoError(t, err)
	assert.Equal(t, &CrisisSource{Instrument: PHQ9, At: t0.Add(-day)}, got.CrisisSource)
	assert.Equal(t, "PHQ-9 item 9 (thoughts of self-harm) was answered above 0 on 2025-03-13 10:00:00Z; immediate escalation to crisis_owner", got.Reasons[0].Text)

	// The reason gives the time in the screening's own location.
	shanghai := time.FixedZone("CST", 8*3600)
	sc := phqAt(t, item9Two, time.Hour)
	sc.At = sc.At.In(shanghai)
	got, err = p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{sc}})
	require.NoError(t, err)
	assert.Contains(t, got.Reasons[0].Text, "on 2025-03-14 17:00:00+08:00;")
}

// Only the crisis owner's closure ends a crisis before its window does; a
// crisis answer after the closure is in force again.
func TestCrisisClosure(t *testing.T) {
	p := DefaultPolicy()
	crisis := phqAt(t, item9Two, 2*day)
	retake := phqAt(t, allZeros, day)
	closed := CrisisClosure{By: "dr.wu", At: t0.Add(-36 * time.Hour), Why: "risk assessed; safety plan agreed with the agent"}

	got, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{crisis, retake}, CrisisClosures: []CrisisClosure{closed}})
	require.NoError(t, err)
	assert.False(t, got.Crisis, "the closure ends the crisis")
	assert.Nil(t, got.CrisisSource)
	assert.NotContains(t, codes(got.Actions), CrisisEscalation)
	assert.Equal(t, []reasonLine{
		{"crisis", callfloor.Suppressed, "the crisis answer to PHQ-9 item 9 of 2025-03-12 10:00:00Z was closed by dr.wu on 2025-03-12 22:00:00Z"},
		{"instruments.phq9.bands[0]", callfloor.Fired, `PHQ-9 total 0 (minimal) on 2025-03-13 falls in band "minimal": normal`},
	}, lines(got.Reasons))
	b, err := json.Marshal(got)
	require.NoError(t, err)
	assert.NotContains(t, string(b), "safety plan", "triage never returns why")

	// A closure at the very time of the answer closes it; one an instant
	// before does not.
	for _, tc := range []struct {
		at     time.Time
		crisis bool
	}{{crisis.At, false}, {crisis.At.Add(-time.Nanosecond), true}} {
		c := closed
		c.At = tc.at
		got, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{crisis}, CrisisClosures: []CrisisClosure{c}})
		require.NoError(t, err)
		assert.Equal(t, tc.crisis, got.Crisis, "closure at %v", tc.at)
	}

	// A crisis answer after the closure is in force again; the audit trail
	// keeps the closed one too.
	again := phqAt(t, []int{0, 0, 0, 0, 0, 0, 0, 0, 1}, 12*time.Hour)
	got, err = p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{crisis, retake, again}, CrisisClosures: []CrisisClosure{closed}})
	require.NoError(t, err)
	assert.True(t, got.Crisis, "a crisis answer after the closure is in force again")
	assert.Equal(t, &CrisisSource{Instrument: PHQ9, At: again.At}, got.CrisisSource)
	assert.Equal(t, []string{"crisis fired", "crisis suppressed", "instruments.phq9.bands[0] fired"}, reasonIDs(got.Reasons))
	assert.Equal(t, CrisisEscalation, got.Actions[0].Code)

	// The latest closure closes everything before it; a closure of a
	// lapsed answer says nothing.
	got, err = p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{crisis, again},
		CrisisClosures: []CrisisClosure{closed, {By: "dr.li", At: t0.Add(-time.Hour), Why: "reviewed"}}})
	require.NoError(t, err)
	assert.False(t, got.Crisis)
	assert.Equal(t, "the crisis answer to PHQ-9 item 9 of 2025-03-13 22:00:00Z was closed by dr.li on 2025-03-14 09:00:00Z", got.Reasons[0].Text)
	old := phqAt(t, item9Two, 40*day)
	got, err = p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{old}, CrisisClosures: []CrisisClosure{closed}})
	require.NoError(t, err)
	assert.Equal(t, []string{"instruments.phq9.valid_for stale", "tiers.normal not_evaluated"}, reasonIDs(got.Reasons))
}

func TestCrisisClosureErrors(t *testing.T) {
	p := DefaultPolicy()
	ok := CrisisClosure{By: "dr.wu", At: t0.Add(-time.Hour), Why: "risk assessed"}
	mut := func(f func(*CrisisClosure)) CrisisClosure { c := ok; f(&c); return c }
	tests := []struct {
		cs   []CrisisClosure
		want string
	}{
		{[]CrisisClosure{mut(func(c *CrisisClosure) { c.By = "" })}, "assessment.crisis_closures[0].by: is required: name who closed the crisis"},
		{[]CrisisClosure{mut(func(c *CrisisClosure) { c.By = " \t" })}, "assessment.crisis_closures[0].by: is required: name who closed the crisis"},
		{[]CrisisClosure{mut(func(c *CrisisClosure) { c.At = time.Time{} })}, "assessment.crisis_closures[0].at: is required: set it to when the crisis was closed"},
		{[]CrisisClosure{mut(func(c *CrisisClosure) { c.At = t0.Add(time.Nanosecond) })}, "assessment.crisis_closures[0].at: 2025-03-14T10:00:00.000000001Z is after the assessment time 2025-03-14T10:00:00Z"},
		{[]CrisisClosure{mut(func(c *CrisisClosure) { c.Why = "" })}, "assessment.crisis_closures[0].why: is required: say why the crisis is closed (triage never returns it)"},
		{[]CrisisClosure{mut(func(c *CrisisClosure) { c.Why = "\n " })}, "assessment.crisis_closures[0].why: is required: say why the crisis is closed (triage never returns it)"},
		{[]CrisisClosure{ok, ok}, "assessment.crisis_closures[1].at: 2025-03-14T09:00:00Z duplicates assessment.crisis_closures[0]"},
		{[]CrisisClosure{ok, mut(func(c *CrisisClosure) { c.At = t0.Add(-2 * time.Hour) })}, "assessment.crisis_closures[1].at: 2025-03-14T08:00:00Z is before assessment.crisis_closures[0] (2025-03-14T09:00:00Z); closures must be oldest first"},
	}
	for _, tt := range tests {
		_, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{phqAt(t, item9Two, 2*time.Hour)}, CrisisClosures: tt.cs})
		require.Error(t, err, tt.want)
		assert.Equal(t, tt.want, err.Error())
		var ie *callfloor.InputError
		assert.True(t, errors.As(err, &ie), tt.want)
	}
	_, err := p.Triage(Assessment{Agent: "a1", At: t0, CrisisClosures: []CrisisClosure{ok, mut(func(c *CrisisClosure) { c.At = t0 })}})
	assert.NoError(t, err, "a closure without a crisis in sight is not an error")
}

// randomAssessment draws an assessment of up to 7 screenings of any
// instrument in the 45 days before t0, PHQ-9s often with a crisis answer,
// and up to 2 closures.
func randomAssessment(t testing.TB, rng *rand.Rand) Assessment {
	a := Assessment{Agent: "a1", At: t0}
	for range rng.IntN(8) {
		a.Screenings = append(a.Screenings, randomScreening(t, rng))
	}
	var at time.Time
	for i := range rng.IntN(3) {
		if i == 0 {
			at = t0.Add(-time.Duration(rng.Int64N(int64(45 * day))))
		} else {
			at = at.Add(time.Duration(1 + rng.Int64N(int64(t0.Sub(at)))))
		}
		a.CrisisClosures = append(a.CrisisClosures, CrisisClosure{By: "dr.wu", At: at, Why: "reviewed"})
	}
	return a
}

func randomScreening(t testing.TB, rng *rand.Rand) Screening {
	insts := Instruments()
	inst := insts[rng.IntN(len(insts))]
	if rng.IntN(2) == 0 {
		inst = PHQ9
	}
	spec, _ := specOf(inst)
	answers := make([]int, spec.items)
	for i := range answers {
		answers[i] = spec.lo + rng.IntN(spec.hi-spec.lo+1)
	}
	if inst == PHQ9 && rng.IntN(2) == 0 {
		answers[8] = 0
	}
	sc, err := Score(inst, answers)
	require.NoError(t, err)
	// Whole minutes, so that two screenings of one instrument at the
	// same time do happen and are then redrawn.
	sc.At = t0.Add(-time.Duration(rng.Int64N(int64(45*day/time.Minute))) * time.Minute)
	return sc
}

// inForce is the crisis rule written out the slow way: the latest crisis
// answer within its window and after every closure, or nil.
func inForce(p *Policy, a Assessment) *Screening {
	var src *Screening
	for i := range a.Screenings {
		s := &a.Screenings[i]
		vf, _ := p.ValidFor(s.Instrument)
		if !s.Crisis || a.At.Sub(s.At) > vf {
			continue
		}
		closed := false
		for _, c := range a.CrisisClosures {
			closed = closed || !c.At.Before(s.At)
		}
		if !closed && (src == nil || s.At.After(src.At)) {
			src = s
		}
	}
	return src
}

// TestCrisisNeverClearedByAScreening is the property the defect broke:
// adding any screening to any assessment never ends a crisis that was in
// force, and never moves its source back in time. The tier may fall; a
// retake is how recovery is recorded. Every result is also checked
// against the rule written out the slow way.
func TestCrisisNeverClearedByAScreening(t *testing.T) {
	p := DefaultPolicy()
	rng := rand.New(rand.NewPCG(20250314, 9))
	crises, kept, tierFell := 0, 0, 0
	for n := 0; n < 5000; n++ {
		a := randomAssessment(t, rng)
		before, err := p.Triage(a)
		if err != nil {
			require.Contains(t, err.Error(), "duplicates assessment.screenings[", "draw %d", n)
			continue
		}
		checkCrisis(t, p, a, before, n)
		b := a
		b.Screenings = append(append([]Screening(nil), a.Screenings...), randomScreening(t, rng))
		if rng.IntN(2) == 0 { // anywhere in the list, not only last
			i := rng.IntN(len(b.Screenings))
			b.Screenings[i], b.Screenings[len(b.Screenings)-1] = b.Screenings[len(b.Screenings)-1], b.Screenings[i]
		}
		after, err := p.Triage(b)
		if err != nil {
			require.Contains(t, err.Error(), "duplicates assessment.screenings[", "draw %d", n)
			continue
		}
		checkCrisis(t, p, b, after, n)
		if before.Crisis {
			crises++
			require.True(t, after.Crisis, "draw %d: adding %+v ended the crisis of %+v", n, b.Screenings, before.CrisisSource)
			require.False(t, after.CrisisSource.At.Before(before.CrisisSource.At), "draw %d: the source moved back", n)
			kept++
		}
		if after.Tier < before.Tier {
			tierFell++
		}
	}
	assert.Greater(t, crises, 500, "the draws hold enough crises to test")
	assert.Equal(t, crises, kept)
	assert.Greater(t, tierFell, 50, "the draws hold retakes that lower the tier, which is allowed")
}

// checkCrisis holds one result to the crisis rule: Crisis exactly when a
// crisis answer is in force, the source named, the escalation first and
// owed to the crisis owner, who sees it in their view.
func checkCrisis(t *testing.T, p *Policy, a Assessment, got Triage, n int) {
	t.Helper()
	want := inForce(p, a)
	require.Equal(t, want != nil, got.Crisis, "draw %d", n)
	require.Equal(t, got.Crisis, got.CrisisSource != nil, "draw %d", n)
	if want == nil {
		require.NotContains(t, codes(got.Actions), CrisisEscalation, "draw %d", n)
		return
	}
	require.Equal(t, want.At, got.CrisisSource.At, "draw %d", n)
	require.Equal(t, Action{Code: CrisisEscalation, Owner: p.CrisisOwner(), Deadline: a.At.Add(p.crisis.within), Setting: callfloor.OneToOne, Rule: "crisis", Text: p.crisis.text}, got.Actions[0], "draw %d", n)
	require.Equal(t, "crisis fired", reasonIDs(got.Reasons)[0], "draw %d", n)
	require.Contains(t, got.Reasons[0].Text, want.At.Format("2006-01-02 15:04:05Z07:00"), "draw %d", n)
	owner := p.ViewFor(got, p.CrisisOwner())
	require.NotEmpty(t, owner.Owed, "draw %d", n)
	require.Equal(t, CrisisEscalation, owner.Owed[0].Code, "draw %d", n)
}

// A member whose crisis came from an earlier screening, with a calm
// retake since, is at risk in the team's climate.
func TestClimateCountsACrisisFromAnEarlierScreening(t *testing.T) {
	p := DefaultPolicy()
	tr, err := p.Triage(Assessment{Agent: "a0", At: t0.Add(-time.Hour), Screenings: []Screening{
		phqAt(t, item9Two, 3*time.Hour), phqAt(t, allZeros, 2*time.Hour),
	}})
	require.NoError(t, err)
	require.True(t, tr.Crisis)
	require.Equal(t, Normal, tr.Tier)
	require.False(t, tr.Watch)

	team := members(10, 1)
	team[1] = tr
	team[1].Agent = "a1"
	c, err := p.Climate(Team{Team: "t1", At: t0, Members: team})
	require.NoError(t, err)
	require.NotNil(t, c.AtRisk)
	assert.Equal(t, 2, *c.AtRisk, "the member in crisis counts as at risk")

	// The result survives storage on the way to Climate.
	b, err := json.Marshal(tr)
	require.NoError(t, err)
	var back Triage
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, tr, back)

	// A stored result whose crisis flag was lost is refused, not counted
	// as calm.
	back.Crisis = false
	back.Agent = "a1"
	team[1] = back
	_, err = p.Climate(Team{Team: "t1", At: t0, Members: team})
	assert.EqualError(t, err, "team.members[1].crisis: is false but crisis_source names a crisis answer of 2025-03-14T07:00:00Z; a triage with a crisis source is in crisis")
}

// Two screenings of one instrument at the same time are refused wherever
// they sit in the list, and the error is the same whether the list is
// short (compared pairwise) or long (sorted).
func TestTriageDuplicateScreeningsAnywhere(t *testing.T) {
	p := DefaultPolicy()
	a := phqAt(t, item9Two, 3*day)
	b := phqAt(t, allZeros, 3*day)
	_, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{a, phqAt(t, allZeros, day), b}})
	assert.EqualError(t, err, "assessment.screenings[2].at: 2025-03-11T10:00:00Z duplicates assessment.screenings[0]: two PHQ-9 screenings at the same time", "an older pair is refused too: one of them holds a crisis answer")

	for _, n := range []int{10, 40} {
		ss := make([]Screening, n)
		for i := range ss {
			ss[i] = phqAt(t, allZeros, time.Duration(i+1)*time.Hour)
		}
		ss[n-1].At = ss[3].At
		ss[n-2].At = ss[5].At
		ss[n-3].At = ss[5].At
		_, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: ss})
		assert.EqualError(t, err, "assessment.screenings["+strconv.Itoa(n-3)+"].at: 2025-03-14T04:00:00Z duplicates assessment.screenings[5]: two PHQ-9 screenings at the same time", "%d screenings", n)
		require.NoError(t, checkDuplicateScreenings(nil, ss[:n-3]))
	}
}
