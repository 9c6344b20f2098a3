package coaching

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// quiet is a full set of default signals under which no rule fires.
func quiet() Signals {
	return Signals{
		"qa_avg": 92, "qa_stable_then_drop": 0, "complaints": 0,
		"qa_periods_below_bar": 0, "qa_evaluations": 8, "mood_tier": 0, "mood_watch": 0, "mood_crisis": 0,
		"days_since_review": 30, "eligible_next_grade": 0, "wants_promotion": 0, "resigned": 0, "tenure_days": 400,
		"sick_days": 0, "life_event": 0, "leaning_to_leave": 0,
	}
}

func with(s Signals, kv ...any) Signals {
	out := Signals{}
	for k, v := range s {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1].(float64)
	}
	return out
}

func proposedKinds(ps Proposals) []Kind {
	var out []Kind
	for _, p := range ps.Proposed {
		out = append(out, p.Kind)
	}
	return out
}

func TestDefaultTriggers(t *testing.T) {
	p := DefaultPolicy()
	for _, tc := range []struct {
		reason  string
		signals Signals
		want    []Kind
	}{
		{"nothing to act on", quiet(), nil},
		{"a stable top performer drops or draws a complaint", with(quiet(), "qa_stable_then_drop", 1.0), []Kind{Care}},
		{"a complaint alone is not the pattern", with(quiet(), "complaints", 1.0), nil},
		{"mood tier mild", with(quiet(), "mood_tier", 1.0), []Kind{Care}},
		{"mood watch at tier normal", with(quiet(), "mood_watch", 1.0), []Kind{Care}},
		{"mood crisis", with(quiet(), "mood_crisis", 1.0, "mood_tier", 3.0), []Kind{Care}},
		{"QA under the bar two periods", with(quiet(), "qa_periods_below_bar", 2.0), []Kind{PerformanceProblem}},
		{"QA under the bar one period", with(quiet(), "qa_periods_below_bar", 1.0), nil},
		{"QA under the bar two periods on 5 evaluations, the fewest to act on", with(quiet(), "qa_periods_below_bar", 2.0, "qa_evaluations", 5.0), []Kind{PerformanceProblem}},
		{"QA under the bar two periods on 4 evaluations: too few to act on", with(quiet(), "qa_periods_below_bar", 2.0, "qa_evaluations", 4.0), nil},
		{"90 days since the last review", with(quiet(), "days_since_review", 90.0), []Kind{PerformanceReview}},
		{"89 days since the last review", with(quiet(), "days_since_review", 89.0), nil},
		{"eligible and wants promotion", with(quiet(), "eligible_next_grade", 1.0, "wants_promotion", 1.0), []Kind{Promotion}},
		{"eligible but does not want it", with(quiet(), "eligible_next_grade", 1.0), nil},
		{"wants it but not eligible", with(quiet(), "wants_promotion", 1.0), nil},
		{"resignation", with(quiet(), "resigned", 1.0), []Kind{ExitInterview}},
		{"resignation in crisis: the exit interview is mandatory all the same", with(quiet(), "resigned", 1.0, "mood_crisis", 1.0), []Kind{Care, ExitInterview}},
		{"wants promotion, eligible, and a poor QA run: promotion and the problem talk", with(quiet(), "eligible_next_grade", 1.0, "wants_promotion", 1.0, "qa_periods_below_bar", 2.0), []Kind{PerformanceProblem, Promotion}},
		{"several at once, in rule order", with(quiet(), "resigned", 1.0, "mood_tier", 2.0, "days_since_review", 200.0), []Kind{Care, PerformanceReview, ExitInterview}},
	} {
		got, err := p.Propose("agent-5", tc.signals, nil)
		require.NoError(t, err, tc.reason)
		assert.Equal(t, tc.want, proposedKinds(got), tc.reason)
		assert.Empty(t, got.Suppressed, tc.reason)
		assert.Empty(t, got.Unevaluated, tc.reason)
	}
}

func TestProposalsMergePerKindWithReasons(t *testing.T) {
	p := DefaultPolicy()
	got, err := p.Propose("agent-5", with(quiet(), "qa_stable_then_drop", 1.0, "mood_watch", 1.0), nil)
	require.NoError(t, err)
	assert.Equal(t, Proposals{
		Policy:  p.Identity(),
		Subject: "agent-5",
		Proposed: []Proposal{{
			Kind: Care, Subject: "agent-5",
			Reasons: []callfloor.Reason{
				{Rule: "triggers.care_sudden_drop", Outcome: callfloor.Fired,
					Text: "a long stable, excellent performer suddenly dropped in QA or drew a complaint; find the need behind it (qa_stable_then_drop=1)", Message: "coaching.reason.rule",
					Facts: []callfloor.Fact{{Name: "qa_stable_then_drop", Value: 1}}},
				{Rule: "triggers.care_mood", Outcome: callfloor.Fired,
					Text: "the mood triage asks for attention (a watch, or a tier of mild or worse) (mood_tier=0, mood_watch=1, mood_crisis=0)", Message: "coaching.reason.rule",
					Facts: []callfloor.Fact{{Name: "mood_tier", Value: 0}, {Name: "mood_watch", Value: 1}, {Name: "mood_crisis", Value: 0}}},
			},
		}},
		Suppressed:  []Proposal{},
		Held:        []Proposal{},
		Unevaluated: []Unevaluated{},
	}, got)
}

func TestNoProposalWhileACaseOfTheKindIsOpen(t *testing.T) {
	p := DefaultPolicy()
	care, err := p.Open(Care, "agent-5", t0)
	require.NoError(t, err)
	otherAgent, err := p.Open(Care, "agent-6", t0)
	require.NoError(t, err)
	review, err := p.Open(PerformanceReview, "agent-5", t0)
	require.NoError(t, err)
	_, closedCare := runToEnd(t, p)
	closedCare.Subject = "agent-5"
	sig := with(quiet(), "mood_tier", 1.0, "resigned", 1.0)

	got, err := p.Propose("agent-5", sig, []Case{otherAgent, review, closedCare, care})
	require.NoError(t, err)
	assert.Equal(t, []Kind{ExitInterview}, proposedKinds(got))
	require.Len(t, got.Suppressed, 1)
	assert.Equal(t, Care, got.Suppressed[0].Kind)
	assert.Equal(t, care.ID, got.Suppressed[0].OpenCase)
	assert.Equal(t, callfloor.Reason{Rule: "triggers.care_mood", Outcome: callfloor.Suppressed,
		Text: "case care/agent-5/20260302T090000.000000000Z of the same kind is already open for agent-5", Message: "coaching.reason.case_open"}, got.Suppressed[0].Reasons[1])

	// Another agent's case or a closed one suppresses nothing.
	got, err = p.Propose("agent-5", sig, []Case{otherAgent, closedCare})
	require.NoError(t, err)
	assert.Equal(t, []Kind{Care, ExitInterview}, proposedKinds(got))
}

func TestMissingSignalsLeaveRulesUnevaluated(t *testing.T) {
	p := DefaultPolicy()
	// Only the resignation is known: every other rule waits for its data
	// rather than reading a missing figure as zero.
	got, err := p.Propose("agent-5", Signals{"resigned": 1, "mood_tier": 0}, nil)
	require.NoError(t, err)
	assert.Equal(t, []Kind{ExitInterview}, proposedKinds(got))
	assert.Equal(t, []Unevaluated{
		{Rule: "triggers.care_sudden_drop", Missing: []string{"qa_stable_then_drop"}},
		{Rule: "triggers.care_mood", Missing: []string{"mood_watch", "mood_crisis"}},
		{Rule: "triggers.care_sick_day", Missing: []string{"sick_days"}},
		{Rule: "triggers.care_life_event", Missing: []string{"life_event"}},
		{Rule: "triggers.care_retention", Missing: []string{"leaning_to_leave"}},
		{Rule: "triggers.problem_qa_below_bar", Missing: []string{"qa_evaluations", "qa_periods_below_bar"}},
		{Rule: "triggers.review_calendar", Missing: []string{"days_since_review"}},
		{Rule: "triggers.promotion_wish", Missing: []string{"eligible_next_grade", "wants_promotion"}},
	}, got.Unevaluated)

	got, err = p.Propose("agent-5", Signals{}, nil)
	require.NoError(t, err)
	assert.Empty(t, got.Proposed)
	assert.Len(t, got.Unevaluated, 9)
}

func TestProposeErrors(t *testing.T) {
	p := DefaultPolicy()
	for _, tc := range []struct {
		reason  string
		subject string
		signals Signals
		want    string
	}{
		{"no subject", "", quiet(), "subject: is required"},
		{"an undeclared signal", "a", with(quiet(), "qa_avgg", 90.0), "signals.qa_avgg: unknown signal \"qa_avgg\"; allowed: qa_avg, qa_evaluations, qa_stable_then_drop, complaints, qa_periods_below_bar, mood_tier, mood_watch, mood_crisis, days_since_review, eligible_next_grade, wants_promotion, resigned, tenure_days, sick_days, life_event, leaning_to_leave"},
		{"NaN", "a", with(quiet(), "qa_avg", math.NaN()), "signals.qa_avg: NaN is not a finite number"},
		{"infinity", "a", with(quiet(), "complaints", math.Inf(1)), "signals.complaints: +Inf is not a finite number"},
		{"minus infinity", "a", with(quiet(), "days_since_review", math.Inf(-1)), "signals.days_since_review: -Inf is not a finite number"},
		{"a negative count", "a", with(quiet(), "complaints", -1.0), "signals.complaints: -1 is not a count: a whole number, not negative"},
		{"a fractional count", "a", with(quiet(), "qa_periods_below_bar", 1.5), "signals.qa_periods_below_bar: 1.5 is not a count: a whole number, not negative"},
		{"a tier above severe", "a", with(quiet(), "mood_tier", 4.0), "signals.mood_tier: 4 is not a tier: 0 normal, 1 mild, 2 moderate or 3 severe"},
		{"a tier below normal", "a", with(quiet(), "mood_tier", -1.0), "signals.mood_tier: -1 is not a tier: 0 normal, 1 mild, 2 moderate or 3 severe"},
		{"a tier between two", "a", with(quiet(), "mood_tier", 2.5), "signals.mood_tier: 2.5 is not a tier: 0 normal, 1 mild, 2 moderate or 3 severe"},
		{"a yes-or-no signal of 2", "a", with(quiet(), "mood_crisis", 2.0), "signals.mood_crisis: 2 is not a yes-or-no signal: 1 or 0"},
		{"a QA average above 100", "a", with(quiet(), "qa_avg", 100.5), "signals.qa_avg: 100.5 is outside 0..100, the QA scale"},
		{"a negative QA average", "a", with(quiet(), "qa_avg", -0.5), "signals.qa_avg: -0.5 is outside 0..100, the QA scale"},
	} {
		_, err := p.Propose(tc.subject, tc.signals, nil)
		require.Error(t, err, tc.reason)
		assert.Equal(t, tc.want, err.Error(), tc.reason)
		var ie *callfloor.InputError
		assert.True(t, errors.As(err, &ie), tc.reason)
		// Retention reads the same signals and refuses them alike.
		if tc.subject != "" {
			_, err = p.Retention(tc.subject, tc.signals)
			assert.EqualError(t, err, tc.want, tc.reason)
		}
	}
	// The edges of each scale are accepted.
	_, err := p.Propose("a", with(quiet(), "qa_avg", 0.0, "mood_tier", 3.0, "complaints", 0.0), nil)
	require.NoError(t, err)
	_, err = p.Propose("a", with(quiet(), "qa_avg", 100.0), nil)
	require.NoError(t, err)
}

func TestSignalNames(t *testing.T) {
	names := DefaultPolicy().SignalNames()
	assert.Len(t, names, 16)
	assert.Equal(t, "qa_avg", names[0])
	names[0] = "changed"
	assert.Equal(t, "qa_avg", DefaultPolicy().SignalNames()[0])
}

func TestCorrectiveTalkHeldWhileInCrisis(t *testing.T) {
	p := DefaultPolicy()
	for _, tc := range []struct {
		reason   string
		signals  Signals
		proposed []Kind
		held     bool
	}{
		{"QA low, mood fine", with(quiet(), "qa_periods_below_bar", 3.0), []Kind{PerformanceProblem}, false},
		{"QA low at tier moderate: both talks", with(quiet(), "qa_periods_below_bar", 3.0, "mood_tier", 2.0), []Kind{Care, PerformanceProblem}, false},
		{"QA low at tier severe: care first", with(quiet(), "qa_periods_below_bar", 3.0, "mood_tier", 3.0), []Kind{Care}, true},
		{"QA low in crisis: care first", with(quiet(), "qa_periods_below_bar", 3.0, "mood_crisis", 1.0), []Kind{Care}, true},
	} {
		got, err := p.Propose("agent-7", tc.signals, nil)
		require.NoError(t, err, tc.reason)
		assert.Equal(t, tc.proposed, proposedKinds(got), tc.reason)
		assert.Equal(t, tc.held, len(got.Held) == 1, tc.reason)
	}
	got, err := p.Propose("agent-7", with(quiet(), "qa_periods_below_bar", 2.0, "mood_crisis", 1.0), nil)
	require.NoError(t, err)
	assert.Equal(t, []Proposal{{Kind: PerformanceProblem, Subject: "agent-7", Reasons: []callfloor.Reason{
		{Rule: "triggers.problem_qa_below_bar", Outcome: callfloor.Fired,
			Text: "QA has stayed under the bar for two periods or more, on enough evaluations to act on; find the problem from the scores and monitoring (qa_evaluations=8, qa_periods_below_bar=2)", Message: "coaching.reason.rule",
			Facts: []callfloor.Fact{{Name: "qa_evaluations", Value: 8}, {Name: "qa_periods_below_bar", Value: 2}}},
		{Rule: "triggers.problem_qa_below_bar.hold_when", Outcome: callfloor.Suppressed,
			Text: "someone in crisis or at the severe tier is cared for before any corrective talk (mood_tier=0, mood_crisis=1)", Message: "coaching.reason.rule",
			Facts: []callfloor.Fact{{Name: "mood_tier", Value: 0}, {Name: "mood_crisis", Value: 1}}},
	}}}, got.Held)

	// Without mood data the talk is proposed, and the reasons say the hold
	// was not checked.
	got, err = p.Propose("agent-7", Signals{"qa_periods_below_bar": 2, "qa_evaluations": 8}, nil)
	require.NoError(t, err)
	require.Len(t, got.Proposed, 1)
	assert.Equal(t, callfloor.Reason{Rule: "triggers.problem_qa_below_bar.hold_when", Outcome: callfloor.NotEvaluated,
		Text: "not checked without mood_tier, mood_crisis", Message: "coaching.reason.hold_unchecked"}, got.Proposed[0].Reasons[1])
}

// The care triggers the practice names, from its own examples: agent B
// suddenly off with a high fever, the agent whose relationship had just
// ended and who was then rude to a complaining caller, and those who lean
// toward leaving, who are best kept before they resign.
func TestCareTriggersFromThePractice(t *testing.T) {
	p := DefaultPolicy()
	for _, tc := range []struct {
		reason  string
		signals Signals
		want    []Kind
		rules   []string // the rules of the care proposal, in order
		held    []Kind
	}{
		{"B is off with a high fever for a day", with(quiet(), "sick_days", 1.0), []Kind{Care}, []string{"triggers.care_sick_day"}, nil},
		{"half a day off sick is under the threshold", with(quiet(), "sick_days", 0.5), nil, nil, nil},
		{"a week off sick", with(quiet(), "sick_days", 7.0), []Kind{Care}, []string{"triggers.care_sick_day"}, nil},
		{"the lead heard her relationship had just ended", with(quiet(), "life_event", 1.0), []Kind{Care}, []string{"triggers.care_life_event"}, nil},
		{"a life event and a day off sick: one care talk with both reasons", with(quiet(), "life_event", 1.0, "sick_days", 2.0), []Kind{Care},
			[]string{"triggers.care_sick_day", "triggers.care_life_event"}, nil},
		{"after the breakup she was rude to callers and QA stayed under the bar: care and the problem talk", with(quiet(), "life_event", 1.0, "qa_periods_below_bar", 2.0),
			[]Kind{Care, PerformanceProblem}, []string{"triggers.care_life_event"}, nil},
		{"the same at the severe tier: care comes first, the problem talk is held", with(quiet(), "life_event", 1.0, "qa_periods_below_bar", 2.0, "mood_tier", 3.0),
			[]Kind{Care}, []string{"triggers.care_mood", "triggers.care_life_event"}, []Kind{PerformanceProblem}},
		{"the same in crisis", with(quiet(), "sick_days", 1.0, "qa_periods_below_bar", 3.0, "mood_crisis", 1.0),
			[]Kind{Care}, []string{"triggers.care_mood", "triggers.care_sick_day"}, []Kind{PerformanceProblem}},
		{"leaning toward leaving, not resigned: a retention talk", with(quiet(), "leaning_to_leave", 1.0), []Kind{Care}, []string{"triggers.care_retention"}, nil},
		{"leaning toward leaving and resigned: the exit interview takes over", with(quiet(), "leaning_to_leave", 1.0, "resigned", 1.0), []Kind{ExitInterview}, nil, nil},
		{"no life event, no sick day, no sign of leaving", quiet(), nil, nil, nil},
	} {
		got, err := p.Propose("agent-b", tc.signals, nil)
		require.NoError(t, err, tc.reason)
		assert.Equal(t, tc.want, proposedKinds(got), tc.reason)
		var held []Kind
		for _, h := range got.Held {
			held = append(held, h.Kind)
		}
		assert.Equal(t, tc.held, held, tc.reason)
		assert.Empty(t, got.Unevaluated, tc.reason)
		var rules []string
		for _, pr := range got.Proposed {
			if pr.Kind == Care {
				for _, r := range pr.Reasons {
					rules = append(rules, r.Rule)
				}
			}
		}
		assert.Equal(t, tc.rules, rules, tc.reason)
	}
}

// Each new care trigger's reason in full: the sentence a manager reads,
// and no fact beyond the flag or count it read, so that a life event's
// nature never leaves the lead.
func TestCareTriggerReasons(t *testing.T) {
	p := DefaultPolicy()
	for _, tc := range []struct {
		signals Signals
		want    callfloor.Reason
	}{
		{with(quiet(), "sick_days", 1.0), callfloor.Reason{Rule: "triggers.care_sick_day", Outcome: callfloor.Fired,
			Text: "off sick for a day or more; help them through it and back to work (sick_days=1)", Message: "coaching.reason.rule",
			Facts: []callfloor.Fact{{Name: "sick_days", Value: 1}}}},
		{with(quiet(), "life_event", 1.0), callfloor.Reason{Rule: "triggers.care_life_event", Outcome: callfloor.Fired,
			Text: "the lead reported a life event (a bereavement, a breakup, an illness in the family); step in before it shows on the phone (life_event=1)", Message: "coaching.reason.rule",
			Facts: []callfloor.Fact{{Name: "life_event", Value: 1}}}},
		{with(quiet(), "leaning_to_leave", 1.0), callfloor.Reason{Rule: "triggers.care_retention", Outcome: callfloor.Fired,
			Text: "signs of leaning toward leaving and no resignation yet; a care talk now can keep them, where a talk after the resignation rarely does (resigned=0, leaning_to_leave=1)", Message: "coaching.reason.rule",
			Facts: []callfloor.Fact{{Name: "resigned", Value: 0}, {Name: "leaning_to_leave", Value: 1}}}},
	} {
		got, err := p.Propose("agent-b", tc.signals, nil)
		require.NoError(t, err)
		require.Len(t, got.Proposed, 1)
		assert.Equal(t, []callfloor.Reason{tc.want}, got.Proposed[0].Reasons)
	}
}

// The sick-day threshold is the policy's: a center that waits for two days
// says so in its trigger, and the boundary moves with it.
func TestSickDayThresholdIsThePolicys(t *testing.T) {
	src := strings.Replace(string(DefaultPolicySource()), "when: sick_days >= 1", "when: sick_days >= 2", 1)
	require.NotEqual(t, string(DefaultPolicySource()), src)
	p, err := ParsePolicy([]byte(src))
	require.NoError(t, err)
	for _, tc := range []struct {
		days float64
		want []Kind
	}{{0, nil}, {1, nil}, {1.5, nil}, {2, []Kind{Care}}, {3, []Kind{Care}}} {
		got, err := p.Propose("agent-b", with(quiet(), "sick_days", tc.days), nil)
		require.NoError(t, err)
		assert.Equal(t, tc.want, proposedKinds(got), "sick_days=%v", tc.days)
	}
}

// A retention talk is for before the resignation; without the resignation
// signal the rule cannot tell, and says so rather than guess.
func TestRetentionWaitsForTheResignationSignal(t *testing.T) {
	got, err := DefaultPolicy().Propose("agent-b", Signals{"leaning_to_leave": 1}, nil)
	require.NoError(t, err)
	assert.Empty(t, got.Proposed)
	assert.Contains(t, got.Unevaluated, Unevaluated{Rule: "triggers.care_retention", Missing: []string{"resigned"}})
}

// A center's own corrective kind is held for someone in crisis or at the
// severe tier like the performance-problem talk, and its own exit kind
// is mandatory and one-to-one like the exit interview: the rules follow
// the workflow's flags, not the names of the built-in kinds.
func TestCorrectiveAndExitFlags(t *testing.T) {
	const head = "version: v1\nroles: [team_lead]\nkinds: [warning_talk, leaver_talk]\nsignals: [mood_crisis, mood_tier, late_days]\n"
	const flows = `workflows:
  warning_talk:
    corrective: true
    phases: [p]
    steps:
      - {id: talk, phase: p, role: team_lead, within: 1d, setting: one_to_one, feedback: true}
  leaver_talk:
    exit: true
    phases: [p]
    steps:
      - {id: talk, phase: p, role: team_lead, within: 1d, setting: one_to_one, feedback: true}
triggers:
`
	const heldLate = "  - {id: late, kind: warning_talk, when: late_days >= 3, reason: late, hold_when: " + careHold + ", hold_reason: cared for first}\n"
	for _, tc := range []struct {
		reason string
		src    string
		want   string
	}{
		{"a corrective kind's trigger with no hold", head + flows + "  - {id: late, kind: warning_talk, when: late_days >= 3, reason: late}\n",
			`coaching policy: 1 problem
	triggers[0].kind: line 17, column 22: kind "warning_talk" is corrective, and someone in crisis or at the severe tier is cared for before any corrective talk; add hold_when: mood_crisis == 1 || mood_tier >= 3, with its hold_reason`},
		{"a corrective kind's hold that lets a crisis through", head + flows + "  - {id: late, kind: warning_talk, when: late_days >= 3, reason: late, hold_when: mood_tier >= 3, hold_reason: cared for first}\n",
			`coaching policy: 1 problem
	triggers[0].hold_when: line 17, column 83: kind "warning_talk" is corrective, and someone in crisis or at the severe tier is cared for before any corrective talk; this hold lets the talk go ahead when mood_crisis is 1 or mood_tier is 3, which mood_crisis == 1 || mood_tier >= 3 holds`},
		{"a corrective kind's hold that lets the severe tier through", head + flows + "  - {id: late, kind: warning_talk, when: late_days >= 3, reason: late, hold_when: mood_crisis == 1 && mood_tier >= 3, hold_reason: cared for first}\n",
			`coaching policy: 1 problem
	triggers[0].hold_when: line 17, column 83: kind "warning_talk" is corrective, and someone in crisis or at the severe tier is cared for before any corrective talk; this hold lets the talk go ahead when mood_crisis is 1 or mood_tier is 3, which mood_crisis == 1 || mood_tier >= 3 holds`},
		{"an exit kind's trigger held", head + flows + "  - {id: gone, kind: leaver_talk, when: late_days >= 30, reason: gone, hold_when: mood_crisis == 1, hold_reason: later}\n",
			`coaching policy: 1 problem
	triggers[0].hold_when: line 17, column 83: the exit interview is mandatory for everyone who resigns; it cannot be held`},
		{"an exit kind in a group", head + strings.Replace(flows, "within: 1d, setting: one_to_one, feedback: true}\ntriggers", "within: 1d, setting: group, feedback: true}\ntriggers", 1) + heldLate,
			`coaching policy: 1 problem
	workflows.leaver_talk.steps[0].setting: line 15, column 68: the exit interview is a mandatory one-to-one; group is not allowed`},
		{"an exit kind marked corrective", head + strings.Replace(flows, "    exit: true\n", "    exit: true\n    corrective: true\n", 1) + heldLate,
			`coaching policy: 1 problem
	workflows.leaver_talk.corrective: line 13, column 17: the exit interview is mandatory for everyone who resigns and cannot be held, so it is not a corrective talk, whose triggers are held for someone in crisis or at the severe tier`},
	} {
		_, err := ParsePolicy([]byte(tc.src))
		require.Error(t, err, tc.reason)
		assert.Equal(t, tc.want, err.Error(), tc.reason)
	}

	p, err := ParsePolicy([]byte(head + flows + heldLate))
	require.NoError(t, err)
	for _, tc := range []struct {
		crisis, tier float64
		held         bool
	}{{1, 0, true}, {0, 3, true}, {0, 2, false}} {
		pr, err := p.Propose("li.na", Signals{"late_days": 3, "mood_crisis": tc.crisis, "mood_tier": tc.tier}, nil)
		require.NoError(t, err)
		assert.Equal(t, tc.held, len(pr.Held) == 1, "crisis %v, tier %v", tc.crisis, tc.tier)
	}
	w, ok := p.Workflow("leaver_talk")
	require.True(t, ok)
	assert.True(t, w.Exit)
	w, ok = DefaultPolicy().Workflow(ExitInterview)
	require.True(t, ok)
	assert.True(t, w.Exit, "the exit interview is one without saying so")
}
