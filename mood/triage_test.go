package mood

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var t0 = time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC) // a Friday
const day = 24 * time.Hour

// screened scores answers and dates the screening daysAgo before t0.
func screened(t testing.TB, inst Instrument, answers []int, daysAgo int) Screening {
	t.Helper()
	sc, err := Score(inst, answers)
	require.NoError(t, err)
	sc.At = t0.Add(-time.Duration(daysAgo) * day)
	return sc
}

func codes(as []Action) []string {
	out := []string{}
	for _, a := range as {
		out = append(out, a.Code)
	}
	return out
}

// reasonIDs lists each reason's rule and outcome, as in
// "instruments.phq9.bands[2] fired".
func reasonIDs(rs []callfloor.Reason) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.Rule+" "+r.Outcome.String())
	}
	return out
}

// reasonLine is a reason without its facts, for the tests that hold the
// sentences; TestTriageReasonFacts and the golden files hold the facts.
type reasonLine struct {
	Rule    string
	Outcome callfloor.Outcome
	Text    string
}

func lines(rs []callfloor.Reason) []reasonLine {
	out := make([]reasonLine, len(rs))
	for i, r := range rs {
		out[i] = reasonLine{r.Rule, r.Outcome, r.Text}
	}
	return out
}

func TestTriage(t *testing.T) {
	p := DefaultPolicy()
	phq := func(total, daysAgo int) Screening {
		return screened(t, PHQ9, append(answersFor(8, 0, 3, total), 0), daysAgo)
	}
	tests := []struct {
		a       Assessment
		tier    Tier
		crisis  bool
		watch   bool
		actions []string
		reasons []string
		why     string
	}{
		{
			a:    Assessment{Agent: "a1", At: t0},
			tier: Normal, actions: []string{}, reasons: []string{"tiers.normal not_evaluated"},
			why: "no data: normal, nothing owed",
		},
		{
			a:    Assessment{Agent: "a1", At: t0, Screenings: []Screening{phq(12, 3)}},
			tier: Moderate, actions: []string{"psychological_intervention", "refer_to_professional"}, reasons: []string{"instruments.phq9.bands[2] fired"},
			why: "PHQ-9 moderate: intervention and referral",
		},
		{
			a: Assessment{Agent: "a1", At: t0, Screenings: []Screening{
				phq(7, 3), screened(t, GAD7, answersFor(7, 0, 3, 16), 2),
			}},
			tier: Severe, actions: []string{"report_to_superior", "arrange_professional_help"}, reasons: []string{"instruments.phq9.bands[1] fired", "instruments.gad7.bands[3] fired"},
			why: "worst tier wins: GAD-7 severe over PHQ-9 mild",
		},
		{
			a:    Assessment{Agent: "a1", At: t0, Screenings: []Screening{phq(22, 20), phq(6, 5)}},
			tier: Mild, actions: []string{"offer_counseling"}, reasons: []string{"instruments.phq9.bands[1] fired"},
			why: "the latest PHQ-9 replaces an older one within the window",
		},
		{
			a:    Assessment{Agent: "a1", At: t0, Screenings: []Screening{phq(6, 5), phq(22, 20)}},
			tier: Mild, actions: []string{"offer_counseling"}, reasons: []string{"instruments.phq9.bands[1] fired"},
			why: "screenings come in any order: the latest still wins",
		},
		{
			a:    Assessment{Agent: "a1", At: t0, Screenings: []Screening{phq(22, 31)}},
			tier: Normal, actions: []string{}, reasons: []string{"instruments.phq9.valid_for stale", "tiers.normal not_evaluated"},
			why: "a PHQ-9 31 days old is stale in a 30-day window",
		},
		{
			a:    Assessment{Agent: "a1", At: t0, Screenings: []Screening{phq(22, 30)}},
			tier: Severe, actions: []string{"report_to_superior", "arrange_professional_help"}, reasons: []string{"instruments.phq9.bands[4] fired"},
			why: "exactly 30 days old is still within the window",
		},
		{
			a:    Assessment{Agent: "a1", At: t0, Screenings: []Screening{screened(t, PHQ9, []int{0, 0, 0, 0, 0, 0, 0, 0, 1}, 0)}},
			tier: Normal, crisis: true, actions: []string{CrisisEscalation, "crisis_review"}, reasons: []string{"crisis fired", "instruments.phq9.bands[0] fired"},
			why: "item 9 above 0 with a minimal total: normal tier, but a crisis",
		},
		{
			a:    Assessment{Agent: "a1", At: t0, Screenings: []Screening{screened(t, PHQ9, []int{3, 3, 3, 3, 3, 3, 2, 2, 2}, 1)}},
			tier: Severe, crisis: true,
			actions: []string{CrisisEscalation, "crisis_review", "report_to_superior", "arrange_professional_help"},
			reasons: []string{"crisis fired", "instruments.phq9.bands[4] fired"},
			why:     "crisis and severe: escalation first, then the tier's actions",
		},
		{
			a: Assessment{Agent: "a1", At: t0, Observations: []Observation{
				{Kind: SignalComplaint, At: t0.Add(-3 * day)}, {Kind: SignalComplaint, At: t0.Add(-1 * day), Note: "shouted at"},
			}},
			tier: Normal, watch: true, actions: []string{"care_talk", "offer_screening"}, reasons: []string{"tiers.normal not_evaluated", "watch.signals.complaint fired"},
			why: "two complaints in 14 days raise the watch; the tier stays normal",
		},
		{
			a: Assessment{Agent: "a1", At: t0, Observations: []Observation{
				{Kind: SignalComplaint, At: t0.Add(-20 * day)}, {Kind: SignalComplaint, At: t0.Add(-1 * day)},
			}},
			tier: Normal, actions: []string{}, reasons: []string{"tiers.normal not_evaluated"},
			why: "a complaint outside the window does not count",
		},
		{
			a: Assessment{Agent: "a1", At: t0, Screenings: []Screening{phq(6, 2)}, Observations: []Observation{
				{Kind: SignalMorningMeeting, At: t0.Add(-2 * time.Hour)},
			}},
			tier: Mild, watch: true, actions: []string{"offer_counseling", "care_talk", "offer_screening"}, reasons: []string{"instruments.phq9.bands[1] fired", "watch.signals.morning_meeting fired"},
			why: "one worrying morning read is enough; watch adds its actions after the tier's",
		},
		{
			a: Assessment{Agent: "a1", At: t0, CheckIns: []CheckIn{
				{At: t0.Add(-5 * day), Mood: 2}, {At: t0.Add(-4 * day), Mood: 4}, {At: t0.Add(-1 * day), Mood: 1},
			}},
			tier: Normal, watch: true, actions: []string{"care_talk", "offer_screening"}, reasons: []string{"tiers.normal not_evaluated", "watch.check_ins fired"},
			why: "two check-ins at or below 2 in the window",
		},
		{
			a: Assessment{Agent: "a1", At: t0, CheckIns: []CheckIn{
				{At: t0.Add(-5 * day), Mood: 3}, {At: t0.Add(-1 * day), Mood: 2},
			}},
			tier: Normal, actions: []string{}, reasons: []string{"tiers.normal not_evaluated"},
			why: "one low check-in is not enough",
		},
		{
			a: Assessment{Agent: "a1", At: t0, Screenings: []Screening{
				screened(t, WHO5, []int{1, 1, 1, 2, 2}, 4), screened(t, K10, answersFor(10, 1, 5, 18), 4),
			}},
			tier: Moderate, watch: true,
			actions: []string{"psychological_intervention", "refer_to_professional", "care_talk", "offer_screening"},
			reasons: []string{"instruments.who5.bands[0] fired", "instruments.k10.bands[1] fired", "watch.who5_low_item fired"},
			why:     "WHO-5 28% is moderate, K10 18 is mild; moderate wins; WHO-5 items 1-3 answered 1 raise the watch",
		},
		{
			a: Assessment{Agent: "a1", At: t0, Screenings: []Screening{
				{Instrument: CBI, At: t0.Add(-60 * day), Burnout: &Burnout{Personal: 40, Work: 45, Client: 79.2}},
			}},
			tier: Moderate, actions: []string{"psychological_intervention", "refer_to_professional"}, reasons: []string{"instruments.cbi.bands[2] fired"},
			why: "CBI client burnout 79 is high; CBI stays valid 90 days",
		},
	}
	for _, tt := range tests {
		got, err := p.Triage(tt.a)
		require.NoError(t, err, tt.why)
		assert.Equal(t, tt.tier, got.Tier, tt.why)
		assert.Equal(t, tt.crisis, got.Crisis, tt.why)
		assert.Equal(t, tt.watch, got.Watch, tt.why)
		assert.Equal(t, tt.actions, codes(got.Actions), tt.why)
		assert.Equal(t, tt.reasons, reasonIDs(got.Reasons), tt.why)
		assert.Equal(t, p.Identity(), got.Policy, tt.why)
	}
}

func TestTriageCrisisAction(t *testing.T) {
	p := DefaultPolicy()
	sc := screened(t, PHQ9, []int{0, 0, 0, 0, 0, 0, 0, 0, 2}, 0)
	got, err := p.Triage(Assessment{Agent: "a7", At: t0, Screenings: []Screening{sc}})
	require.NoError(t, err)
	require.NotEmpty(t, got.Actions)
	assert.Equal(t, Action{Code: CrisisEscalation, Owner: "crisis_owner", Deadline: t0.Add(time.Hour), Setting: callfloor.OneToOne, Rule: "crisis",
		Text: "Reach the agent now, assess the risk and stay until professional help takes over."}, got.Actions[0])
	assert.Equal(t, "PHQ-9 item 9 (thoughts of self-harm) was answered above 0 on 2025-03-14 10:00:00Z; immediate escalation to crisis_owner", got.Reasons[0].Text)
	assert.Equal(t, t0.Add(7*day), got.Actions[1].Deadline, "crisis review within 7 days")

	// A policy that sets a shorter delay and no follow-up still escalates.
	src := []byte(replaceOnce(t, string(DefaultPolicySource()), "  within: 1h\n", "  within: 15m\n"))
	src = []byte(replaceOnce(t, string(src), "  follow_up:\n    - code: crisis_review\n      owner: counselor\n      within: 7d\n      setting: one_to_one\n      text: Review the crisis and how it was handled.\n", ""))
	q, err := ParsePolicy(src)
	require.NoError(t, err)
	got, err = q.Triage(Assessment{Agent: "a7", At: t0, Screenings: []Screening{sc}})
	require.NoError(t, err)
	assert.Equal(t, []string{CrisisEscalation}, codes(got.Actions))
	assert.Equal(t, t0.Add(15*time.Minute), got.Actions[0].Deadline)

	// The shortest PHQ-9 window a policy may set keeps a crisis answer in
	// force for the two weeks the questionnaire covers.
	src = []byte(replaceOnce(t, string(DefaultPolicySource()), "  phq9:\n    valid_for: 30d\n", "  phq9:\n    valid_for: 14d\n"))
	q, err = ParsePolicy(src)
	require.NoError(t, err)
	sc = screened(t, PHQ9, []int{0, 0, 0, 0, 0, 0, 0, 0, 1}, 14)
	got, err = q.Triage(Assessment{Agent: "a7", At: t0, Screenings: []Screening{sc}})
	require.NoError(t, err)
	assert.True(t, got.Crisis, "a crisis answer 14 days old still escalates")
	assert.Equal(t, CrisisEscalation, got.Actions[0].Code)
}

func TestTriageReasonsText(t *testing.T) {
	p := DefaultPolicy()
	got, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{
		screened(t, PHQ9, answersFor(9, 0, 3, 17), 2),
		screened(t, WHO5, []int{3, 3, 3, 2, 1}, 2),
		screened(t, K10, answersFor(10, 1, 5, 25), 45),
		{Instrument: CBI, At: t0.Add(-10 * day), Burnout: &Burnout{Personal: 100.0 / 3, Work: 50, Client: 62.5}},
	}})
	require.NoError(t, err)
	assert.Equal(t, []reasonLine{
		{"instruments.phq9.bands[3]", callfloor.Fired, `PHQ-9 total 17 (moderately severe) on 2025-03-12 falls in band "moderately severe": severe`},
		{"instruments.who5.bands[1]", callfloor.Fired, `WHO-5 48% (poor wellbeing) on 2025-03-12 falls in band "poor wellbeing": mild`},
		{"instruments.cbi.bands[1]", callfloor.Fired, `CBI personal 33.3, work 50, client 62.5 on 2025-03-04 falls in band "moderate burnout": mild`},
		{"instruments.k10.valid_for", callfloor.Stale, "K10 of 2025-01-28 is older than 30 days and was not used; a new screening is due"},
		{"watch.who5_low_item", callfloor.Fired, "WHO-5 item 5 was answered 0 or 1 on 2025-03-12: follow up whatever the total"},
	}, lines(got.Reasons))
	assert.True(t, got.Watch, "a WHO-5 item answered 1 raises the watch")
	assert.Equal(t, []StaleScreening{{Instrument: K10, At: t0.Add(-45 * day), Age: callfloor.Duration(45 * day), ValidFor: callfloor.Duration(30 * day)}}, got.Stale)
	require.Len(t, got.Used, 3)
	assert.Equal(t, "moderate burnout", got.Used[2].PolicyBand)
}

func replaceOnce(t testing.TB, s, old, new string) string {
	t.Helper()
	i := indexOf(s, old)
	require.GreaterOrEqual(t, i, 0, "fixture %q", old)
	return s[:i] + new + s[i+len(old):]
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestTriageErrors(t *testing.T) {
	p := DefaultPolicy()
	good := screened(t, PHQ9, answersFor(9, 0, 3, 6), 1)
	mut := func(f func(*Screening)) Screening { s := good; f(&s); return s }
	tests := []struct {
		a    Assessment
		want string
		why  string
	}{
		{Assessment{Agent: "a1"}, "assessment.at: is required: triage speaks as of a time", "no time"},
		{Assessment{At: t0}, "assessment.agent: is required", "no agent"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{mut(func(s *Screening) { s.Instrument = "phq8" })}}, `assessment.screenings[0].instrument: unknown instrument "phq8"; allowed: phq9, gad7, who5, k10, cbi`, "unknown instrument"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{mut(func(s *Screening) { s.At = time.Time{} })}}, "assessment.screenings[0].at: is required: set it to when the questionnaire was answered", "undated screening"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{good, mut(func(s *Screening) { s.At = t0.Add(time.Minute) })}}, "assessment.screenings[1].at: 2025-03-14T10:01:00Z is after the assessment time 2025-03-14T10:00:00Z", "screening after the assessment"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{good, good}}, "assessment.screenings[1].at: 2025-03-13T10:00:00Z duplicates assessment.screenings[0]: two PHQ-9 screenings at the same time", "duplicate screening"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{mut(func(s *Screening) { s.Total = 28 })}}, "assessment.screenings[0].total: 28 is outside 0..27, the range of PHQ-9 totals", "total off range"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{mut(func(s *Screening) { s.Band = "severe" })}}, `assessment.screenings[0].band: is "severe" but a PHQ-9 total of 6 is "mild"`, "tampered band"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{{Instrument: GAD7, Total: 3, Band: BandMinimal, Crisis: true, At: t0}}}, "assessment.screenings[0].crisis: is set on a GAD-7 screening; only PHQ-9 item 9 sets a crisis", "crisis on another instrument"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{{Instrument: CBI, At: t0}}}, "assessment.screenings[0].burnout: is required: a CBI screening carries its three subscale scores", "CBI without scores"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{{Instrument: CBI, At: t0, Burnout: &Burnout{Client: nan()}}}}, "assessment.screenings[0].burnout.client: NaN is outside 0..100, the scale of a CBI subscale", "NaN"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{{Instrument: WHO5, Total: 10, Band: BandPoorWellbeing, At: t0}}}, "assessment.screenings[0].wellbeing: is required: a WHO-5 screening carries its percentage", "WHO-5 without percentage"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{{Instrument: WHO5, Total: 10, Band: BandPoorWellbeing, At: t0, Wellbeing: &Wellbeing{Percent: 10}}}}, "assessment.screenings[0].wellbeing.percent: is 10 but the raw total 10 gives 40", "WHO-5 inconsistent"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{{Instrument: PHQ9, Band: BandMinimal, Crisis: true, At: t0}}}, "assessment.screenings[0].crisis: is set on a PHQ-9 total of 0; item 9 above 0 makes the total at least 1", "a crisis Score could not have produced"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{{Instrument: CBI, At: t0, Burnout: &Burnout{Work: inf()}}}}, "assessment.screenings[0].burnout.work: +Inf is outside 0..100, the scale of a CBI subscale", "+Inf"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{{Instrument: CBI, At: t0, Burnout: &Burnout{Personal: -inf()}}}}, "assessment.screenings[0].burnout.personal: -Inf is outside 0..100, the scale of a CBI subscale", "-Inf"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{{Instrument: CBI, At: t0, Burnout: &Burnout{Personal: 100.5}}}}, "assessment.screenings[0].burnout.personal: 100.5 is outside 0..100, the scale of a CBI subscale", "above 100"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{{Instrument: CBI, At: t0, Total: 50, Burnout: &Burnout{}}}}, "assessment.screenings[0].total: is 50; the CBI has no total, its scores are in burnout", "a CBI total"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{{Instrument: WHO5, Total: 10, Band: BandPoorWellbeing, At: t0, Wellbeing: &Wellbeing{Percent: 40, LowItems: []int{7}, FollowUp: true}}}}, "assessment.screenings[0].wellbeing.low_items[0]: 7 is not a WHO-5 item 1..5 in ascending order", "WHO-5 low item off the questionnaire"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{{Instrument: WHO5, Total: 10, Band: BandPoorWellbeing, At: t0, Wellbeing: &Wellbeing{Percent: 40, LowItems: []int{3, 2}, FollowUp: true}}}}, "assessment.screenings[0].wellbeing.low_items[1]: 2 is not a WHO-5 item 1..5 in ascending order", "WHO-5 low items out of order"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{{Instrument: WHO5, Total: 25, Band: BandGoodWellbeing, At: t0, Wellbeing: &Wellbeing{Percent: 100, LowItems: []int{1}, FollowUp: true}}}}, "assessment.screenings[0].wellbeing.low_items: with 1 of the 5 items answered 0 or 1 the raw total is at most 21, not 25", "WHO-5 low items that the total rules out"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{{Instrument: WHO5, Total: 10, Band: BandPoorWellbeing, At: t0, Wellbeing: &Wellbeing{Percent: 40, LowItems: []int{2}}}}}, "assessment.screenings[0].wellbeing.follow_up: is false but low_items lists 1; follow-up is owed exactly when an item is answered 0 or 1", "WHO-5 follow-up cleared"},
		{Assessment{Agent: "a1", At: t0, Screenings: []Screening{good, mut(func(s *Screening) { s.Instrument = GAD7; s.At = t0.Add(time.Nanosecond) })}}, "assessment.screenings[1].at: 2025-03-14T10:00:00.000000001Z is after the assessment time 2025-03-14T10:00:00Z", "a nanosecond after the assessment is after it"},
		{Assessment{Agent: "a1", At: t0, Observations: []Observation{{Kind: "rumour", At: t0}}}, `assessment.observations[0].kind: unknown observation kind "rumour"; allowed: morning_meeting, floor_walk, complaint, absence, qa_drop`, "unknown observation"},
		{Assessment{Agent: "a1", At: t0, Observations: []Observation{{Kind: SignalAbsence}}}, "assessment.observations[0].at: is required", "undated observation"},
		{Assessment{Agent: "a1", At: t0, Observations: []Observation{{Kind: SignalAbsence, At: t0.Add(day)}}}, "assessment.observations[0].at: 2025-03-15T10:00:00Z is after the assessment time 2025-03-14T10:00:00Z", "observation after the assessment"},
		{Assessment{Agent: "a1", At: t0, CheckIns: []CheckIn{{At: t0, Mood: 0}}}, "assessment.check_ins[0].mood: 0 is outside 1..5, the check-in scale", "check-in off scale"},
		{Assessment{Agent: "a1", At: t0, CheckIns: []CheckIn{{At: t0.Add(-day), Mood: 3}, {At: t0.Add(-2 * day), Mood: 3}}}, "assessment.check_ins[1].at: 2025-03-12T10:00:00Z is before assessment.check_ins[0] (2025-03-13T10:00:00Z); check-ins must be oldest first", "unsorted check-ins"},
		{Assessment{Agent: "a1", At: t0, CheckIns: []CheckIn{{At: t0, Mood: 3}, {At: t0, Mood: 2}}}, "assessment.check_ins[1].at: 2025-03-14T10:00:00Z duplicates assessment.check_ins[0]", "duplicate check-ins"},
		{Assessment{Agent: "a1", At: t0, CheckIns: []CheckIn{{At: t0.Add(time.Hour), Mood: 3}}}, "assessment.check_ins[0].at: 2025-03-14T11:00:00Z is after the assessment time 2025-03-14T10:00:00Z", "check-in after the assessment"},
	}
	for _, tt := range tests {
		_, err := p.Triage(tt.a)
		require.Error(t, err, tt.why)
		assert.Equal(t, tt.want, err.Error(), tt.why)
		var ie *callfloor.InputError
		assert.True(t, errors.As(err, &ie), tt.why)
	}
}

func nan() float64 { var z float64; return z / z }

func inf() float64 { return math.Inf(1) }

func TestTriageDeterministic(t *testing.T) {
	p := DefaultPolicy()
	a := benchAssessment(t)
	first, err := p.Triage(a)
	require.NoError(t, err)
	for range 20 {
		again, err := p.Triage(a)
		require.NoError(t, err)
		assert.Equal(t, first, again)
	}
}

// A host stores triage results and hands them back to Climate later: they
// must survive JSON unchanged.
func TestTriageJSONRoundTrip(t *testing.T) {
	p := DefaultPolicy()
	a := benchAssessment(t)
	a.Screenings = append(a.Screenings,
		screened(t, PHQ9, []int{1, 2, 1, 2, 1, 1, 2, 1, 1}, 5),
		screened(t, WHO5, []int{0, 1, 3, 4, 2}, 2),
		Screening{Instrument: CBI, At: t0.Add(-day), Burnout: &Burnout{Personal: 37.5, Work: 425.0 / 7, Client: 400.0 / 6}})
	tr, err := p.Triage(a)
	require.NoError(t, err)
	require.NotNil(t, tr.CrisisSource, "the earlier PHQ-9's crisis answer is in force")
	b, err := json.Marshal(tr)
	require.NoError(t, err)
	var back Triage
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, tr, back)
}

func benchAssessment(t testing.TB) Assessment {
	return Assessment{
		Agent: "a1", At: t0,
		Screenings: []Screening{
			screened(t, PHQ9, []int{1, 2, 1, 2, 1, 1, 2, 1, 0}, 3),
			screened(t, GAD7, []int{1, 1, 2, 1, 1, 1, 1}, 3),
		},
		Observations: []Observation{{Kind: SignalComplaint, At: t0.Add(-2 * day)}, {Kind: SignalMorningMeeting, At: t0.Add(-time.Hour)}},
		CheckIns:     []CheckIn{{At: t0.Add(-3 * day), Mood: 3}, {At: t0.Add(-2 * day), Mood: 2}, {At: t0.Add(-day), Mood: 3}},
	}
}

func BenchmarkTriage(b *testing.B) {
	p := DefaultPolicy()
	a := benchAssessment(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := p.Triage(a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTriageChinese is BenchmarkTriage under the Simplified Chinese
// default: the same reasons, worded from the zh-CN catalog.
func BenchmarkTriageChinese(b *testing.B) {
	p, err := DefaultPolicyFor("zh-CN")
	if err != nil {
		b.Fatal(err)
	}
	a := benchAssessment(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := p.Triage(a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTriageCrisisRetake is the path of the reported defect: a crisis
// answer retaken without one, with its longer reason.
func BenchmarkTriageCrisisRetake(b *testing.B) {
	p := DefaultPolicy()
	a := Assessment{Agent: "a1", At: t0, Screenings: []Screening{
		phqAt(b, item9Two, 10*time.Minute), phqAt(b, allZeros, 5*time.Minute),
	}}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := p.Triage(a); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzTriage(f *testing.F) {
	f.Add(uint8(0), []byte{1, 2, 1, 2, 1, 1, 2, 1, 1}, int64(3), "complaint", int64(2), uint8(2), int64(1), uint8(0), int8(0), "", int64(0), "")
	f.Add(uint8(4), []byte{}, int64(100), "rumour", int64(-5), uint8(9), int64(-1), uint8(0), int8(0), "", int64(0), "")
	f.Add(uint8(2), []byte{0, 1, 5, 5, 5}, int64(0), "qa_drop", int64(0), uint8(1), int64(0), uint8(0), int8(0), "", int64(0), "")
	f.Add(uint8(0), []byte{3, 3, 3, 3, 3, 3, 3, 3, 3}, int64(0), "floor_walk", int64(0), uint8(1), int64(0), uint8(0), int8(0), "", int64(0), "")
	f.Add(uint8(2), []byte{2, 1, 2, 2, 2}, int64(30), "absence", int64(40), uint8(5), int64(1), uint8(0), int8(0), "", int64(0), "")
	f.Add(uint8(2), []byte{0, 1, 5, 5, 5}, int64(31), "absence", int64(40), uint8(5), int64(1), uint8(0), int8(0), "", int64(0), "")
	f.Add(uint8(2), []byte{2, 2, 2, 2, 2}, int64(1), "absence", int64(40), uint8(5), int64(1), uint8(0), int8(0), "", int64(0), "")
	f.Add(uint8(0), []byte{}, int64(0), "complaint", int64(0), uint8(1), int64(0), uint8(1), int8(0), "counselor", int64(3), "")
	f.Add(uint8(0), []byte{}, int64(0), "complaint", int64(0), uint8(1), int64(0), uint8(1), int8(0), "counselor", int64(3), "crisis_owner")
	f.Add(uint8(0), []byte{}, int64(0), "complaint", int64(0), uint8(1), int64(0), uint8(2), int8(3), "counselor", int64(700), "")
	f.Add(uint8(0), []byte{0, 0, 0, 0, 0, 0, 0, 0, 2}, int64(1), "complaint", int64(0), uint8(1), int64(0), uint8(1), int8(0), "team_lead", int64(3), "hr")
	f.Fuzz(func(t *testing.T, inst uint8, raw []byte, daysAgo int64, kind string, obsDaysAgo int64, mood uint8, ciDaysAgo int64,
		declKind uint8, declTier int8, declRole string, declHoursAgo int64, closeRole string) {
		raw, kind = clip(raw, 2*cbiItems), clipString(kind, 32)
		declRole, closeRole = clipString(declRole, 32), clipString(closeRole, 32)
		p := DefaultPolicy()
		insts := Instruments()
		answers := make([]int, len(raw))
		for i, b := range raw {
			answers[i] = int(b % 8)
		}
		a := Assessment{Agent: "a", At: t0}
		if sc, err := Score(insts[int(inst)%len(insts)], answers); err == nil {
			sc.At = t0.Add(-time.Duration(daysAgo%4000) * day)
			a.Screenings = append(a.Screenings, sc)
		}
		a.Observations = []Observation{{Kind: kind, At: t0.Add(-time.Duration(obsDaysAgo%4000) * day)}}
		a.CheckIns = []CheckIn{{At: t0.Add(-time.Duration(ciDaysAgo%4000) * day), Mood: int(mood)}}
		if declKind%3 > 0 {
			dk := []DeclarationKind{DeclarationCrisis, DeclarationTier, "mood"}[int(declKind/3)%3]
			if declKind%3 == 2 {
				dk = DeclarationTier
			}
			d := Declaration{Kind: dk, Tier: Tier(declTier), By: "dr.wu", Role: declRole, At: t0.Add(-time.Duration(declHoursAgo%100000) * time.Hour), Why: "interview"}
			a.Declarations = []Declaration{d}
			if closeRole != "" {
				a.CrisisClosures = []CrisisClosure{{By: "mr.li", Role: closeRole, At: t0, Why: "closed"}}
			}
		}
		got, err := p.Triage(a)
		if err != nil {
			var ie *callfloor.InputError
			if !errors.As(err, &ie) || ie.Field == "" {
				t.Fatalf("%v is not an *callfloor.InputError with a field", err)
			}
			return
		}
		if got.Tier < Normal || got.Tier > Severe {
			t.Fatalf("tier %d", got.Tier)
		}
		if got.Crisis != (got.CrisisSource != nil) {
			t.Fatalf("crisis %v with source %+v", got.Crisis, got.CrisisSource)
		}
		if _, err := json.Marshal(got); err != nil {
			t.Fatalf("an accepted assessment gives a result that cannot be stored: %v", err)
		}
		declaredCrisis := len(a.Declarations) == 1 && a.Declarations[0].Kind == DeclarationCrisis && !a.Declarations[0].At.Before(t0.Add(-30*day)) && a.CrisisClosures == nil
		if declaredCrisis && !got.Crisis {
			t.Fatalf("an accepted crisis declaration in force, no closure, and no crisis: %+v", a.Declarations[0])
		}
		if len(a.CrisisClosures) == 1 && a.CrisisClosures[0].Role != p.CrisisOwner() {
			t.Fatalf("a closure by %q was accepted", a.CrisisClosures[0].Role)
		}
		if d := got.Declared; d != nil && got.Tier < d.Tier {
			t.Fatalf("tier %v below the declared %v", got.Tier, d.Tier)
		}
		if b, _ := json.Marshal(p.ViewFor(got, p.LeadRole())); strings.Contains(string(b), "dr.wu") || strings.Contains(string(b), "interview") {
			t.Fatalf("the lead sees a declaration: %s", b)
		}
		if got.Crisis && (len(got.Actions) == 0 || got.Actions[0].Code != CrisisEscalation || got.Actions[0].Deadline.After(t0.Add(CrisisCeiling))) {
			t.Fatalf("crisis without a timely escalation: %+v", got.Actions)
		}
		if len(got.Reasons) == 0 {
			t.Fatal("a decision without reasons")
		}
		who5Items := 0
		for _, r := range got.Reasons {
			if r.Rule == "watch.who5_low_item" {
				who5Items++
			}
		}
		followUp := 0
		for _, u := range got.Used {
			if w := u.Screening.Wellbeing; w != nil && w.FollowUp {
				followUp++
			}
		}
		if who5Items != followUp || (followUp > 0 && !got.Watch) {
			t.Fatalf("a used WHO-5 follow-up (%d) gives %d watch:who5_item reasons, watch %v", followUp, who5Items, got.Watch)
		}
		lead := p.ViewFor(got, p.LeadRole())
		if lead.Result != nil {
			t.Fatal("the lead sees a whole result")
		}
		for _, o := range lead.Owed {
			if o.Code != "care_talk" {
				t.Fatalf("the lead owes %q under the default policy", o.Code)
			}
		}
		if got.Crisis {
			owner := p.ViewFor(got, p.CrisisOwner())
			if len(owner.Owed) == 0 || owner.Owed[0].Code != CrisisEscalation {
				t.Fatalf("the crisis owner does not see the escalation: %+v", owner)
			}
		}
	})
}

// TestTriageWHO5LowItem: the WHO-5 manual flags an item answered 0 or 1
// for follow-up whatever the total; a used WHO-5 with such an item raises
// the watch, with its own reason, and never changes the tier.
func TestTriageWHO5LowItem(t *testing.T) {
	p := DefaultPolicy()
	who5 := func(answers []int, daysAgo int) Screening { return screened(t, WHO5, answers, daysAgo) }
	watchActions := []string{"care_talk", "offer_screening"}
	tests := []struct {
		screenings []Screening
		tier       Tier
		watch      bool
		actions    []string
		reasons    []reasonLine
		why        string
	}{
		{
			screenings: []Screening{who5([]int{2, 2, 2, 2, 2}, 2)},
			tier:       Mild, actions: []string{"offer_counseling"},
			reasons: []reasonLine{{"instruments.who5.bands[1]", callfloor.Fired, `WHO-5 40% (poor wellbeing) on 2025-03-12 falls in band "poor wellbeing": mild`}},
			why:     "every item at 2, the lowest answer not flagged: no watch",
		},
		{
			screenings: []Screening{who5([]int{2, 1, 2, 2, 2}, 2)},
			tier:       Mild, watch: true, actions: append([]string{"offer_counseling"}, watchActions...),
			reasons: []reasonLine{
				{"instruments.who5.bands[1]", callfloor.Fired, `WHO-5 36% (poor wellbeing) on 2025-03-12 falls in band "poor wellbeing": mild`},
				{"watch.who5_low_item", callfloor.Fired, "WHO-5 item 2 was answered 0 or 1 on 2025-03-12: follow up whatever the total"},
			},
			why: "one item at 1, the highest answer flagged: watch, the tier stays mild",
		},
		{
			screenings: []Screening{who5([]int{5, 0, 5, 1, 5}, 2)},
			tier:       Normal, watch: true, actions: watchActions,
			reasons: []reasonLine{
				{"instruments.who5.bands[2]", callfloor.Fired, `WHO-5 64% (good wellbeing) on 2025-03-12 falls in band "good wellbeing": normal`},
				{"watch.who5_low_item", callfloor.Fired, "WHO-5 items 2 and 4 were answered 0 or 1 on 2025-03-12: follow up whatever the total"},
			},
			why: "good wellbeing overall, yet two items at 0 and 1: the watch, whatever the total",
		},
		{
			screenings: []Screening{who5([]int{0, 0, 1, 0, 1}, 0)},
			tier:       Moderate, watch: true, actions: append([]string{"psychological_intervention", "refer_to_professional"}, watchActions...),
			reasons: []reasonLine{
				{"instruments.who5.bands[0]", callfloor.Fired, `WHO-5 8% (likely depression) on 2025-03-14 falls in band "likely depression": moderate`},
				{"watch.who5_low_item", callfloor.Fired, "WHO-5 items 1, 2, 3, 4 and 5 were answered 0 or 1 on 2025-03-14: follow up whatever the total"},
			},
			why: "every item low: all five named",
		},
		{
			screenings: []Screening{who5([]int{0, 1, 5, 5, 5}, 31)},
			tier:       Normal, actions: []string{},
			reasons: []reasonLine{
				{"instruments.who5.valid_for", callfloor.Stale, "WHO-5 of 2025-02-11 is older than 30 days and was not used; a new screening is due"},
				{"tiers.normal", callfloor.NotEvaluated, "no usable screening; the tier stays normal"},
			},
			why: "a stale WHO-5 with low items raises nothing; a new screening is due",
		},
		{
			screenings: []Screening{who5([]int{0, 1, 5, 5, 5}, 30)},
			tier:       Normal, watch: true, actions: watchActions,
			reasons: []reasonLine{
				{"instruments.who5.bands[2]", callfloor.Fired, `WHO-5 64% (good wellbeing) on 2025-02-12 falls in band "good wellbeing": normal`},
				{"watch.who5_low_item", callfloor.Fired, "WHO-5 items 1 and 2 were answered 0 or 1 on 2025-02-12: follow up whatever the total"},
			},
			why: "exactly 30 days old is still used",
		},
		{
			screenings: []Screening{who5([]int{0, 1, 5, 5, 5}, 10), who5([]int{2, 2, 3, 3, 3}, 2)},
			tier:       Normal, actions: []string{},
			reasons: []reasonLine{{"instruments.who5.bands[2]", callfloor.Fired, `WHO-5 52% (good wellbeing) on 2025-03-12 falls in band "good wellbeing": normal`}},
			why:     "a newer WHO-5 without low items replaces one with them",
		},
		{
			screenings: []Screening{who5([]int{3, 1, 5, 5, 5}, 2), who5([]int{2, 2, 3, 3, 3}, 10)},
			tier:       Normal, watch: true, actions: watchActions,
			reasons: []reasonLine{
				{"instruments.who5.bands[2]", callfloor.Fired, `WHO-5 76% (good wellbeing) on 2025-03-12 falls in band "good wellbeing": normal`},
				{"watch.who5_low_item", callfloor.Fired, "WHO-5 item 2 was answered 0 or 1 on 2025-03-12: follow up whatever the total"},
			},
			why: "the latest WHO-5 decides, in whatever order they come",
		},
	}
	for _, tt := range tests {
		got, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: tt.screenings})
		require.NoError(t, err, tt.why)
		assert.Equal(t, tt.tier, got.Tier, tt.why)
		assert.Equal(t, tt.watch, got.Watch, tt.why)
		assert.False(t, got.Crisis, tt.why)
		assert.Equal(t, tt.actions, codes(got.Actions), tt.why)
		assert.Equal(t, tt.reasons, lines(got.Reasons), tt.why)
		for _, a := range got.Actions {
			if a.Code == "care_talk" || a.Code == "offer_screening" {
				assert.Equal(t, "watch", a.Rule, tt.why)
			}
		}
	}

	// With other watch signals, the WHO-5 items come first and the watch
	// actions are owed once.
	got, err := p.Triage(Assessment{Agent: "a1", At: t0,
		Screenings:   []Screening{who5([]int{5, 0, 5, 1, 5}, 2)},
		Observations: []Observation{{Kind: SignalComplaint, At: t0.Add(-day)}, {Kind: SignalComplaint, At: t0.Add(-2 * day)}},
		CheckIns:     []CheckIn{{At: t0.Add(-2 * day), Mood: 1}, {At: t0.Add(-day), Mood: 2}},
	})
	require.NoError(t, err)
	assert.Equal(t, watchActions, codes(got.Actions))
	assert.Equal(t, []string{"instruments.who5.bands[2] fired", "watch.who5_low_item fired", "watch.signals.complaint fired", "watch.check_ins fired"}, reasonIDs(got.Reasons))
}

// TestTriageReasonFacts holds every kind of triage reason to its rule,
// outcome, sentence and facts, so that a host can audit a triage without
// parsing sentences: the figures are those the sentence names, unrounded,
// with spans in days.
func TestTriageReasonFacts(t *testing.T) {
	p := DefaultPolicy()
	got, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{
		screened(t, PHQ9, answersFor(9, 0, 3, 17), 2),
		screened(t, WHO5, []int{3, 3, 3, 2, 1}, 2),
		screened(t, K10, answersFor(10, 1, 5, 25), 45),
		{Instrument: CBI, At: t0.Add(-10 * day), Burnout: &Burnout{Personal: 100.0 / 3, Work: 50, Client: 62.5}},
	}, Observations: []Observation{{Kind: SignalComplaint, At: t0.Add(-day)}, {Kind: SignalComplaint, At: t0.Add(-2 * day)}},
		CheckIns: []CheckIn{{At: t0.Add(-2 * day), Mood: 1}, {At: t0.Add(-day), Mood: 2}}})
	require.NoError(t, err)
	type F = []callfloor.Fact
	assert.Equal(t, []callfloor.Reason{
		{Rule: "instruments.phq9.bands[3]", Outcome: callfloor.Fired, Text: `PHQ-9 total 17 (moderately severe) on 2025-03-12 falls in band "moderately severe": severe`, Message: "mood.reason.band_total_published",
			Facts: F{{Name: "total", Value: 17}}},
		{Rule: "instruments.who5.bands[1]", Outcome: callfloor.Fired, Text: `WHO-5 48% (poor wellbeing) on 2025-03-12 falls in band "poor wellbeing": mild`, Message: "mood.reason.band_who5_published",
			Facts: F{{Name: "percent", Value: 48}}},
		{Rule: "instruments.cbi.bands[1]", Outcome: callfloor.Fired, Text: `CBI personal 33.3, work 50, client 62.5 on 2025-03-04 falls in band "moderate burnout": mild`, Message: "mood.reason.band_cbi",
			Facts: F{{Name: "personal", Value: 100.0 / 3}, {Name: "work", Value: 50}, {Name: "client", Value: 62.5}}},
		{Rule: "instruments.k10.valid_for", Outcome: callfloor.Stale, Text: "K10 of 2025-01-28 is older than 30 days and was not used; a new screening is due", Message: "mood.reason.stale",
			Facts: F{{Name: "valid_for_days", Value: 30}, {Name: "age_days", Value: 45}}},
		{Rule: "watch.who5_low_item", Outcome: callfloor.Fired, Text: "WHO-5 item 5 was answered 0 or 1 on 2025-03-12: follow up whatever the total", Message: "mood.reason.who5_low_item",
			Facts: F{{Name: "item", Value: 5}}},
		{Rule: "watch.signals.complaint", Outcome: callfloor.Fired, Text: "2 in the last 14 days: customer complaints about the agent", Message: "mood.reason.signal",
			Facts: F{{Name: "count", Value: 2}, {Name: "window_days", Value: 14}, {Name: "at_least", Value: 2}}},
		{Rule: "watch.check_ins", Outcome: callfloor.Fired, Text: "2 check-ins at or below 2 of 5 in the last 14 days", Message: "mood.reason.check_ins",
			Facts: F{{Name: "count", Value: 2}, {Name: "at_most", Value: 2}, {Name: "window_days", Value: 14}, {Name: "at_least", Value: 2}}},
	}, got.Reasons)

	// The crisis rule is the package's own, under the policy's crisis
	// section: fired while in force (with the window a retake does not
	// shorten), suppressed once its owner closes it; a triage with no
	// screening leaves the tier rule unevaluated.
	first := phqAt(t, []int{0, 0, 0, 0, 0, 0, 0, 0, 2}, 4*time.Hour)
	retake := phqAt(t, allZeros, 2*time.Hour)
	got, err = p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{first, retake}})
	require.NoError(t, err)
	require.Len(t, got.Reasons, 2)
	assert.Equal(t, "crisis", got.Reasons[0].Rule)
	assert.Equal(t, callfloor.Fired, got.Reasons[0].Outcome)
	assert.Equal(t, F{{Name: "valid_for_days", Value: 30}}, got.Reasons[0].Facts)
	got, err = p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{first},
		CrisisClosures: []CrisisClosure{{By: "dr.wu", At: t0.Add(-time.Hour), Why: "risk assessed"}}})
	require.NoError(t, err)
	assert.Equal(t, []string{"crisis suppressed", "instruments.phq9.bands[0] fired"}, reasonIDs(got.Reasons))
	assert.Nil(t, got.Reasons[0].Facts)
	got, err = p.Triage(Assessment{Agent: "a1", At: t0})
	require.NoError(t, err)
	assert.Equal(t, []callfloor.Reason{{Rule: "tiers.normal", Outcome: callfloor.NotEvaluated, Text: "no usable screening; the tier stays normal", Message: "mood.reason.no_screening"}}, got.Reasons)
}

// TestTriageAllocs holds a triage to its allocations: the screenings
// used, the actions, the reasons with their facts, and their text, plus
// the crisis source when there is one.
func TestTriageAllocs(t *testing.T) {
	zh, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	for _, p := range []*Policy{DefaultPolicy(), zh} {
		triageAllocs(t, p)
	}
}

// triageAllocs holds the triages of TestTriageAllocs under p.
func triageAllocs(t *testing.T, p *Policy) {
	for _, tc := range []struct {
		name string
		a    Assessment
		want float64
	}{
		{"watch", benchAssessment(t), 4},
		{"crisis retake", Assessment{Agent: "a1", At: t0, Screenings: []Screening{
			phqAt(t, item9Two, 10*time.Minute), phqAt(t, allZeros, 5*time.Minute),
		}}, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := p.Triage(tc.a)
			require.NoError(t, err)
			assert.Equal(t, len(tr.Reasons), cap(tr.Reasons), "reasons are counted exactly")
			n := testing.AllocsPerRun(100, func() {
				if _, err := p.Triage(tc.a); err != nil {
					t.Fatal(err)
				}
			})
			assert.Equal(t, tc.want, n)
		})
	}
}

func TestReasonSpace(t *testing.T) {
	for _, tc := range [][2]int{{0, 0}, {1, 0}, {2, 4}, {2, 5}, {3, 6}, {3, 7}, {4, 8}, {5, 8}, {8, 16}, {8, 17}, {9, 0}, {20, 40}} {
		r, f := reasonSpace(tc[0], tc[1])
		assert.Equal(t, []int{0, tc[0], 0, tc[1]}, []int{len(r), cap(r), len(f), cap(f)}, "reasonSpace(%d, %d)", tc[0], tc[1])
	}
}

// TestDays holds the spans the policy problems write, and the English
// catalog's spans in the reasons, to the same words for every window a
// policy can give.
func TestDays(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{day, "1 day"},
		{2 * day, "2 days"},
		{14 * day, "14 days"},
		{36 * time.Hour, "36h"},
		{90 * time.Minute, "1h30m"},
		{day + time.Second, "24h0m1s"},
	} {
		assert.Equal(t, tc.want, string(msg.English().AppendDuration([]byte("x "), tc.d))[2:], "%v", tc.d)
		assert.Equal(t, tc.want, days(tc.d), "%v", tc.d)
	}
	assert.Equal(t, "0 days", days(0))
}
