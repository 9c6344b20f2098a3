package mood

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// interview is a crisis declared by the counselor in an individual
// interview ago before t0.
func interview(ago time.Duration) Declaration {
	return Declaration{Kind: DeclarationCrisis, By: "dr.wu", Role: "counselor", At: t0.Add(-ago), Why: "spoke of ending it all"}
}

// A crisis declared in an individual interview, with no questionnaire at
// all, is escalated exactly as a PHQ-9 item 9 answer is: the crisis owner
// within the hour, the follow-up, and the source says it was declared.
func TestDeclaredCrisisEscalatesLikeItem9(t *testing.T) {
	p := DefaultPolicy()
	declared, err := p.Triage(Assessment{Agent: "a1", At: t0, Declarations: []Declaration{interview(2 * time.Hour)}})
	require.NoError(t, err)
	answered, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{phqAt(t, item9Two, 2*time.Hour)}})
	require.NoError(t, err)

	assert.True(t, declared.Crisis)
	assert.Equal(t, &CrisisSource{Declared: true, By: "dr.wu", Role: "counselor", At: t0.Add(-2 * time.Hour)}, declared.CrisisSource)
	assert.Equal(t, answered.Actions, declared.Actions, "the same escalation and follow-up")
	assert.Equal(t, Action{Code: CrisisEscalation, Owner: "crisis_owner", Deadline: t0.Add(time.Hour), Setting: callfloor.OneToOne, Rule: "crisis",
		Text: "Reach the agent now, assess the risk and stay until professional help takes over."}, declared.Actions[0])
	assert.Equal(t, Normal, declared.Tier, "a declared crisis sets no tier")
	assert.Equal(t, []callfloor.Reason{
		{Rule: "declarations.crisis", Outcome: callfloor.Fired,
			Text: "a crisis was declared in an individual interview by dr.wu (counselor) on 2025-03-14 08:00:00Z; immediate escalation to crisis_owner; it stays in force for 30 days unless crisis_owner closes it", Message: "mood.reason.crisis_declared",
			Facts: []callfloor.Fact{{Name: "valid_for_days", Value: 30}}},
		{Rule: "tiers.normal", Outcome: callfloor.NotEvaluated, Text: "no usable screening; the tier stays normal", Message: "mood.reason.no_screening"},
	}, declared.Reasons)
	b, err := json.Marshal(declared)
	require.NoError(t, err)
	assert.NotContains(t, string(b), "ending it all", "why is never returned")
}

// A declared crisis stays in force for declarations.crisis.valid_for,
// whatever questionnaires follow, and not a moment longer.
func TestDeclaredCrisisWindow(t *testing.T) {
	p := DefaultPolicy()
	tests := []struct {
		ago    time.Duration
		crisis bool
	}{
		{0, true},
		{30 * day, true},
		{30*day + time.Nanosecond, false},
	}
	for _, tt := range tests {
		got, err := p.Triage(Assessment{Agent: "a1", At: t0, Declarations: []Declaration{interview(tt.ago)},
			Screenings: []Screening{phqAt(t, allZeros, 0)}})
		require.NoError(t, err)
		assert.Equal(t, tt.crisis, got.Crisis, "declared %v ago", tt.ago)
	}
}

// The latest crisis is the source, declared or answered; a closure by the
// crisis owner ends both, and one by anyone else is refused.
func TestDeclaredCrisisClosure(t *testing.T) {
	p := DefaultPolicy()
	byOwner := CrisisClosure{By: "mr.li", Role: "crisis_owner", At: t0.Add(-time.Hour), Why: "risk assessed, therapist engaged"}

	both, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{phqAt(t, item9Two, 3*day)}, Declarations: []Declaration{interview(2 * day)}})
	require.NoError(t, err)
	assert.True(t, both.CrisisSource.Declared, "the declaration is the later evidence")
	later, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{phqAt(t, item9Two, day)}, Declarations: []Declaration{interview(2 * day)}})
	require.NoError(t, err)
	assert.Equal(t, PHQ9, later.CrisisSource.Instrument, "the answer is the later evidence")
	assert.False(t, later.CrisisSource.Declared)

	closed, err := p.Triage(Assessment{Agent: "a1", At: t0, Declarations: []Declaration{interview(2 * day)}, CrisisClosures: []CrisisClosure{byOwner}})
	require.NoError(t, err)
	assert.False(t, closed.Crisis)
	assert.Empty(t, closed.Actions)
	assert.Equal(t, callfloor.Reason{Rule: "declarations.crisis", Outcome: callfloor.Suppressed,
		Text: "the crisis declared by dr.wu (counselor) on 2025-03-12 10:00:00Z was closed by mr.li on 2025-03-14 09:00:00Z", Message: "mood.reason.crisis_declared_closed"}, closed.Reasons[0])
	b, err := json.Marshal(closed)
	require.NoError(t, err)
	assert.NotContains(t, string(b), "therapist", "a closure's why is never returned")

	again, err := p.Triage(Assessment{Agent: "a1", At: t0, Declarations: []Declaration{interview(2 * day), interview(time.Minute)}, CrisisClosures: []CrisisClosure{byOwner}})
	require.NoError(t, err)
	assert.True(t, again.Crisis, "a crisis declared after the closure is in force again")
	assert.Equal(t, "declarations.crisis", again.Reasons[0].Rule)
	assert.Equal(t, callfloor.Suppressed, again.Reasons[1].Outcome)

	// A closure without a role still closes a questionnaire crisis, as it
	// always has.
	noRole := byOwner
	noRole.Role = ""
	old, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{phqAt(t, item9Two, 2*day)}, CrisisClosures: []CrisisClosure{noRole}})
	require.NoError(t, err)
	assert.False(t, old.Crisis)

	errs := []struct {
		name     string
		closures []CrisisClosure
		want     string
	}{
		{"the counselor who declared it", []CrisisClosure{{By: "dr.wu", Role: "counselor", At: t0.Add(-time.Hour), Why: "better now"}},
			`assessment.crisis_closures[0].role: role "counselor" may not close a crisis; only the crisis owner, crisis_owner, does`},
		{"the lead", []CrisisClosure{{By: "ms.ma", Role: "team_lead", At: t0.Add(-time.Hour), Why: "better now"}},
			`assessment.crisis_closures[0].role: role "team_lead" may not close a crisis; only the crisis owner, crisis_owner, does`},
		{"no role", []CrisisClosure{noRole},
			"assessment.crisis_closures[0].role: is required: the closure ends the crisis declared on 2025-03-12T10:00:00Z, which only the crisis owner, crisis_owner, may close"},
		{"no role on a second closure", []CrisisClosure{{By: "mr.li", Role: "crisis_owner", At: t0.Add(-3 * day), Why: "earlier crisis"}, noRole},
			"assessment.crisis_closures[1].role: is required: the closure ends the crisis declared on 2025-03-12T10:00:00Z, which only the crisis owner, crisis_owner, may close"},
	}
	for _, tt := range errs {
		_, err := p.Triage(Assessment{Agent: "a1", At: t0, Declarations: []Declaration{interview(2 * day)}, CrisisClosures: tt.closures})
		assert.EqualError(t, err, tt.want, tt.name)
	}
	// A closure without a role before the declaration, or after it ran
	// out, ends no declared crisis and needs no role.
	for _, at := range []time.Time{t0.Add(-3 * day), t0.Add(-2*day + 31*day)} {
		ds := []Declaration{interview(2 * day)}
		asOf := t0
		if at.After(t0) {
			asOf = at
		}
		c := noRole
		c.At = at
		_, err := p.Triage(Assessment{Agent: "a1", At: asOf, Declarations: ds, CrisisClosures: []CrisisClosure{c}})
		assert.NoError(t, err, "closure at %v", at)
	}
}

// A declared tier counts as a screening would: the worst tier wins, the
// latest declaration is the one used, and only within its window.
func TestDeclaredTier(t *testing.T) {
	p := DefaultPolicy()
	tier := func(tr Tier, ago time.Duration) Declaration {
		return Declaration{Kind: DeclarationTier, Tier: tr, By: "dr.wu", Role: "counselor", At: t0.Add(-ago), Why: "interview"}
	}
	mild := screened(t, PHQ9, answersFor(9, 0, 3, 6), 1) // total 6: mild
	tests := []struct {
		name string
		ds   []Declaration
		ss   []Screening
		want Tier
		used *DeclaredTier
	}{
		{"declared above the screening", []Declaration{tier(Severe, day)}, []Screening{mild}, Severe, &DeclaredTier{Tier: Severe, By: "dr.wu", Role: "counselor", At: t0.Add(-day)}},
		{"the screening above the declaration", []Declaration{tier(Mild, day)}, []Screening{screened(t, PHQ9, answersFor(9, 0, 3, 12), 1)}, Moderate, &DeclaredTier{Tier: Mild, By: "dr.wu", Role: "counselor", At: t0.Add(-day)}},
		{"a later, lower declaration does not lower an earlier one in its window", []Declaration{tier(Severe, 5*day), tier(Mild, day)}, nil, Severe, &DeclaredTier{Tier: Severe, By: "dr.wu", Role: "counselor", At: t0.Add(-5 * day)}},
		{"of equal tiers the latest is named", []Declaration{tier(Moderate, 5*day), tier(Moderate, day)}, nil, Moderate, &DeclaredTier{Tier: Moderate, By: "dr.wu", Role: "counselor", At: t0.Add(-day)}},
		{"a higher tier out of its window leaves the lower one in force", []Declaration{tier(Severe, 31*day), tier(Mild, day)}, nil, Mild, &DeclaredTier{Tier: Mild, By: "dr.wu", Role: "counselor", At: t0.Add(-day)}},
		{"at the end of its window", []Declaration{tier(Moderate, 30*day)}, nil, Moderate, &DeclaredTier{Tier: Moderate, By: "dr.wu", Role: "counselor", At: t0.Add(-30 * day)}},
		{"past its window", []Declaration{tier(Moderate, 30*day+time.Nanosecond)}, nil, Normal, nil},
	}
	for _, tt := range tests {
		got, err := p.Triage(Assessment{Agent: "a1", At: t0, Declarations: tt.ds, Screenings: tt.ss})
		require.NoError(t, err, tt.name)
		assert.Equal(t, tt.want, got.Tier, tt.name)
		assert.Equal(t, tt.used, got.Declared, tt.name)
		assert.False(t, got.Crisis, tt.name)
	}
	got, err := p.Triage(Assessment{Agent: "a1", At: t0, Declarations: []Declaration{tier(Moderate, day)}})
	require.NoError(t, err)
	assert.Equal(t, []callfloor.Reason{{Rule: "declarations.tier", Outcome: callfloor.Fired, Text: "moderate declared in an individual interview by dr.wu (counselor) on 2025-03-13", Message: "mood.reason.tier_declared",
		Facts: []callfloor.Fact{{Name: "valid_for_days", Value: 30}, {Name: "age_days", Value: 1}}}}, got.Reasons)
	assert.Equal(t, []string{"psychological_intervention", "refer_to_professional"}, codes(got.Actions))
}

// The lead sees the care talk it owes, never that a crisis or a tier was
// declared, by whom or why.
func TestDeclarationConfidential(t *testing.T) {
	p := DefaultPolicy()
	tr, err := p.Triage(Assessment{Agent: "a1", At: t0,
		Declarations: []Declaration{interview(day), {Kind: DeclarationTier, Tier: Severe, By: "dr.wu", Role: "counselor", At: t0.Add(-day), Why: "interview"}},
		Observations: []Observation{{Kind: SignalFloorWalk, At: t0.Add(-day)}}})
	require.NoError(t, err)
	for _, role := range []string{p.LeadRole(), "manager", "crisis_owner"} {
		b, err := json.Marshal(p.ViewFor(tr, role))
		require.NoError(t, err)
		for _, s := range []string{"dr.wu", "counselor", "declar", "severe", "ending it all", "interview"} {
			assert.NotContains(t, strings.ToLower(string(b)), s, "%s sees %q", role, s)
		}
	}
	owner := p.ViewFor(tr, "crisis_owner")
	require.NotEmpty(t, owner.Owed)
	assert.Equal(t, CrisisEscalation, owner.Owed[0].Code)
	care, err := json.Marshal(p.ViewFor(tr, "counselor"))
	require.NoError(t, err)
	assert.NotContains(t, string(care), "ending it all", "why is never returned, not even to the counselor")
}

func TestDeclarationErrors(t *testing.T) {
	p := DefaultPolicy()
	ok := interview(day)
	with := func(f func(*Declaration)) []Declaration { d := ok; f(&d); return []Declaration{d} }
	tests := []struct {
		ds   []Declaration
		want string
	}{
		{with(func(d *Declaration) { d.Kind = "mood" }), `assessment.declarations[0].kind: unknown declaration kind "mood"; allowed: crisis, tier`},
		{with(func(d *Declaration) { d.Kind = "" }), `assessment.declarations[0].kind: unknown declaration kind ""; allowed: crisis, tier`},
		{with(func(d *Declaration) { d.Tier = Severe }), "assessment.declarations[0].tier: is set on a crisis declaration; declare the tier in a tier declaration of its own"},
		{with(func(d *Declaration) { d.Kind = DeclarationTier }), "assessment.declarations[0].tier: is required: declare mild, moderate or severe; a declared tier only raises the tier"},
		{with(func(d *Declaration) { d.Kind, d.Tier = DeclarationTier, 4 }), "assessment.declarations[0].tier: 4 is not a tier"},
		{with(func(d *Declaration) { d.Kind, d.Tier = DeclarationTier, -1 }), "assessment.declarations[0].tier: -1 is not a tier"},
		{with(func(d *Declaration) { d.By = " " }), "assessment.declarations[0].by: is required: name who declared it"},
		{with(func(d *Declaration) { d.Role = "" }), "assessment.declarations[0].role: is required: name the role it was declared in"},
		{with(func(d *Declaration) { d.Role = "team_lead" }), `assessment.declarations[0].role: role "team_lead" may not declare a crisis; allowed: counselor, crisis_owner`},
		{with(func(d *Declaration) { d.Role = "nurse" }), `assessment.declarations[0].role: role "nurse" may not declare a crisis; allowed: counselor, crisis_owner`},
		{with(func(d *Declaration) { d.Kind, d.Tier, d.Role = DeclarationTier, Mild, "crisis_owner" }), `assessment.declarations[0].role: role "crisis_owner" may not declare a tier; allowed: counselor`},
		{with(func(d *Declaration) { d.At = time.Time{} }), "assessment.declarations[0].at: is required: set it to when it was declared"},
		{with(func(d *Declaration) { d.At = t0.Add(time.Nanosecond) }), "assessment.declarations[0].at: 2025-03-14T10:00:00.000000001Z is after the assessment time 2025-03-14T10:00:00Z"},
		{with(func(d *Declaration) { d.At = time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC) }), "assessment.declarations[0].at: year -1 is outside 0..9999, the range a stored time can hold"},
		{with(func(d *Declaration) { d.Why = "" }), "assessment.declarations[0].why: is required: say why it was declared (triage never returns it)"},
		{[]Declaration{ok, interview(2 * day)}, "assessment.declarations[1].at: 2025-03-12T10:00:00Z is before assessment.declarations[0] (2025-03-13T10:00:00Z); declarations must be oldest first"},
		{[]Declaration{ok, ok}, "assessment.declarations[1].at: 2025-03-13T10:00:00Z duplicates assessment.declarations[0]: two crisis declarations at the same time"},
		{[]Declaration{ok, {Kind: DeclarationTier, Tier: Mild, By: "dr.wu", Role: "counselor", At: ok.At, Why: "x"}, ok},
			"assessment.declarations[2].at: 2025-03-13T10:00:00Z duplicates assessment.declarations[0]: two crisis declarations at the same time"},
	}
	for _, tt := range tests {
		_, err := p.Triage(Assessment{Agent: "a1", At: t0, Declarations: tt.ds})
		assert.EqualError(t, err, tt.want)
		var ie *callfloor.InputError
		assert.ErrorAs(t, err, &ie)
	}
	// A crisis and a tier declared in one interview are two declarations
	// at the same time.
	_, err := p.Triage(Assessment{Agent: "a1", At: t0, Declarations: []Declaration{ok, {Kind: DeclarationTier, Tier: Mild, By: "dr.wu", Role: "counselor", At: ok.At, Why: "x"}}})
	assert.NoError(t, err)
}

func TestDeclarationsPolicy(t *testing.T) {
	src := string(DefaultPolicySource())
	base := src[:strings.Index(src, "\n# Individual interviews")+1]
	p, err := ParsePolicy([]byte(base))
	require.NoError(t, err, "the section is optional")
	assert.Equal(t, []string{"crisis_owner", "counselor", "hr"}, p.DeclarersOf(DeclarationCrisis))
	assert.Equal(t, []string{"counselor", "hr"}, p.DeclarersOf(DeclarationTier))
	assert.Nil(t, p.DeclarersOf("mood"))
	got, err := p.Triage(Assessment{Agent: "a1", At: t0, Declarations: []Declaration{interview(30 * day)}})
	require.NoError(t, err)
	assert.True(t, got.Crisis, "left out, a declaration lasts as long as the PHQ-9's window")

	tests := []struct {
		section string
		want    string
	}{
		{"declarations:\n  crisis: {by: [], valid_for: 30d}\n", "declarations.crisis.by: line 341, column 16: name at least one role that may declare a crisis, or leave declarations.crisis out for the default"},
		{"declarations:\n  tier: {by: [nurse], valid_for: 30d}\n", `declarations.tier.by[0]: line 341, column 15: role "nurse" is not a role declared under roles`},
		{"declarations:\n  tier: {by: [hr, hr], valid_for: 30d}\n", `declarations.tier.by[1]: line 341, column 19: role "hr" is listed twice`},
		{"declarations:\n  crisis: {by: [hr], valid_for: 13d}\n", "declarations.crisis.valid_for: line 341, column 33: 13 days is shorter than 14 days; a declared crisis must stay in force at least as long as a crisis answer to PHQ-9 item 9"},
		{"declarations:\n  tier: {by: [hr], valid_for: 0d}\n", "declarations.tier.valid_for: line 341, column 31: must be longer than zero"},
		{"declarations:\n  tier: {valid_for: 30d}\n", "declarations.tier.by: line 341, column 9: required field is missing"},
		{"declarations:\n  tier: {by: [hr], valid_for: 13d}\n", "declarations.tier.valid_for: line 341, column 31: 13 days is shorter than 14 days; a declared tier must stay in force at least as long as a PHQ-9 does"},
	}
	for _, tt := range tests {
		_, err := ParsePolicy([]byte(base + tt.section))
		require.Error(t, err)
		assert.Equal(t, "mood policy: 1 problem\n\t"+tt.want, err.Error())
	}
}
