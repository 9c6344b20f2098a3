package mood

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestDefaultPolicyParses(t *testing.T) {
	p, err := ParsePolicy(DefaultPolicySource())
	require.NoError(t, err)
	assert.Equal(t, "mood-default-1", p.Identity().Version)
	assert.Len(t, p.Identity().Hash, 12)
	assert.Same(t, DefaultPolicy(), DefaultPolicy(), "DefaultPolicy compiles once")
	assert.Equal(t, p.Identity(), DefaultPolicy().Identity())
}

func TestDefaultPolicyContent(t *testing.T) {
	p := DefaultPolicy()
	assert.Equal(t, "crisis_owner", p.CrisisOwner())
	assert.Equal(t, time.Hour, p.crisis.within, "default crisis delay is 1 hour")
	assert.Equal(t, "team_lead", p.LeadRole())
	assert.Equal(t, 5, p.MinGroup())
	ids := []string{}
	for _, tq := range p.Techniques() {
		ids = append(ids, tq.ID)
		assert.NotEmpty(t, tq.Steps, tq.ID)
	}
	assert.Equal(t, []string{"anger_control", "joy", "helping_others", "venting", "diversion", "relaxation"}, ids, "the six self-regulation techniques")
	assert.NotEmpty(t, p.Practices())
	for i, code := range []string{"offer_counseling", "psychological_intervention", "report_to_superior"} {
		tier := Tier(i + 1)
		require.NotEmpty(t, p.tierActions[tier], tier.String())
		assert.Equal(t, code, p.tierActions[tier][0].code, tier.String())
	}
	assert.Equal(t, "extend_morning_meeting", p.cycles.weekdays[time.Monday].Code, "the seed's Monday rule")
}

func TestAudienceOf(t *testing.T) {
	p := DefaultPolicy()
	assert.Equal(t, AudienceLead, p.AudienceOf("team_lead"))
	assert.Equal(t, AudienceCare, p.AudienceOf("counselor"))
	assert.Equal(t, AudienceCare, p.AudienceOf("hr"))
	assert.Equal(t, AudienceNone, p.AudienceOf("manager"), "a manager owns actions but sees no health data")
	assert.Equal(t, AudienceNone, p.AudienceOf(""))
}

// TestTierOfDefault walks every band of the default policy at its first
// and its last value. The mapping is the specified one: PHQ-9 and GAD-7 minimal,
// mild and moderate map to normal, mild and moderate, everything above to
// severe; WHO-5 above 50% normal, 29-50% mild, at or below 28% moderate;
// K10 low, moderate, high and very high to normal, mild, moderate and
// severe. The bands themselves are sourced beside TestScoreBands.
func TestTierOfDefault(t *testing.T) {
	p := DefaultPolicy()
	score := func(inst Instrument, total int) Screening {
		s, _ := specOf(inst)
		sc, err := Score(inst, answersFor(s.items, s.lo, s.hi, total))
		require.NoError(t, err)
		require.Equal(t, total, sc.Total)
		return sc
	}
	tests := []struct {
		inst        Instrument
		first, last int // raw totals
		want        Tier
		why         string
	}{
		{PHQ9, 0, 4, Normal, "PHQ-9 minimal"},
		{PHQ9, 5, 9, Mild, "PHQ-9 mild"},
		{PHQ9, 10, 14, Moderate, "PHQ-9 moderate"},
		{PHQ9, 15, 19, Severe, "PHQ-9 moderately severe is above moderate"},
		{PHQ9, 20, 27, Severe, "PHQ-9 severe"},
		{GAD7, 0, 4, Normal, "GAD-7 minimal"},
		{GAD7, 5, 9, Mild, "GAD-7 mild"},
		{GAD7, 10, 14, Moderate, "GAD-7 moderate"},
		{GAD7, 15, 21, Severe, "GAD-7 severe"},
		{WHO5, 0, 7, Moderate, "WHO-5 0% to 28%: likely depression"},
		{WHO5, 8, 12, Mild, "WHO-5 32% to 48%: poor wellbeing (29% and 50% cannot occur)"},
		{WHO5, 13, 25, Normal, "WHO-5 52% to 100%"},
		{K10, 10, 15, Normal, "K10 low"},
		{K10, 16, 21, Mild, "K10 moderate"},
		{K10, 22, 29, Moderate, "K10 high"},
		{K10, 30, 50, Severe, "K10 very high"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, p.TierOf(score(tt.inst, tt.first)), "%s, first value %d", tt.why, tt.first)
		assert.Equal(t, tt.want, p.TierOf(score(tt.inst, tt.last)), "%s, last value %d", tt.why, tt.last)
	}

	cbi := []struct {
		b    Burnout
		want Tier
		why  string
	}{
		{Burnout{}, Normal, "CBI all 0"},
		{Burnout{Personal: 10, Work: 20, Client: 49.99}, Normal, "CBI just under 50 everywhere"},
		{Burnout{Personal: 10, Work: 20, Client: 50}, Mild, "CBI client at 50 is moderate burnout"},
		{Burnout{Work: 74.99}, Mild, "CBI just under 75 is still moderate burnout"},
		{Burnout{Work: 75}, Moderate, "CBI 75 is high burnout"},
		{Burnout{Personal: 80, Work: 20, Client: 0}, Moderate, "any listed subscale counts: personal 80"},
		{Burnout{Client: 100}, Moderate, "CBI 100 falls in the last band"},
	}
	for _, tt := range cbi {
		b := tt.b
		assert.Equal(t, tt.want, p.TierOf(Screening{Instrument: CBI, Burnout: &b}), tt.why)
	}
	assert.Equal(t, Normal, p.TierOf(Screening{Instrument: CBI}), "a CBI without scores is not tiered")
	assert.Equal(t, Normal, p.TierOf(Screening{Instrument: "phq8", Total: 27}), "unknown instruments are not tiered")
	assert.Equal(t, Normal, p.TierOf(Screening{Instrument: CBI, Burnout: &Burnout{Client: nan()}}), "TierOf does not validate; Triage refuses NaN")
}

func TestPolicyErrorsGolden(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "bad_policy.yaml"))
	require.NoError(t, err)
	_, err = ParsePolicy(src)
	require.Error(t, err)
	var pe *callfloor.PolicyError
	require.True(t, errors.As(err, &pe))
	golden := filepath.Join("testdata", "bad_policy.golden")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(err.Error()+"\n"), 0o644))
	}
	want, err2 := os.ReadFile(golden)
	require.NoError(t, err2)
	assert.Equal(t, strings.TrimSuffix(string(want), "\n"), err.Error())
}

func TestPolicyErrors(t *testing.T) {
	base := string(DefaultPolicySource())
	tests := []struct {
		old, new string
		want     string
		why      string
	}{
		{"version: mood-default-1\n", "version: \"\"\n", "version: line 5, column 10: must not be empty: results name the policy by its version", "an empty version would leave results named by a hash alone, as the other packages refuse it"},
		{"version: mood-default-1\n", "version: \"  \"\n", "version: line 5, column 10: must not be empty: results name the policy by its version", "blanks are empty too"},
		{"  within: 1h\n", "  within: 90m\n", "crisis.within: line 102, column 11: 1h30m is longer than the crisis ceiling of 1h; a crisis escalation may be made sooner, never later", "a policy cannot delay a crisis past the ceiling"},
		{"crisis:\n  owner: crisis_owner\n  within: 1h\n", "crisis:\n  owner: crisis_owner\n", "crisis.within: line 101, column 3: required field is missing", "a policy cannot omit the crisis delay"},
		{"      - {name: mild, min: 5, max: 9, tier: mild}\n      - {name: moderate, min: 10, max: 14, tier: moderate}\n      - {name: moderately severe", "      - {name: mild, min: 5, max: 9, tier: mild}\n      - {name: moderate, min: 11, max: 14, tier: moderate}\n      - {name: moderately severe", `instruments.phq9.bands[2].min: line 27, column 31: 11 leaves a gap after bands[1] ("mild", max 9): 10 belongs to no band`, "a gap in PHQ-9"},
		{"{name: poor wellbeing, min: 29,", "{name: poor wellbeing, min: 28,", `instruments.who5.bands[1].min: line 41, column 37: 28 overlaps bands[0] ("likely depression", max 28); bands must be in ascending order, this one starting at 29`, "an overlap in WHO-5"},
		{"  min_group: 5\n", "  min_group: 5\n  min_grup: 6\n", "climate.min_grup: line 284, column 3: unknown field; allowed: min_group, change_window, alarms, actions", "unknown field"},
		{"  within: 1h\n", "  within: 61m\n", "crisis.within: line 102, column 11: 1h1m is longer than the crisis ceiling of 1h; a crisis escalation may be made sooner, never later", "one minute past the ceiling is refused"},
		{"crisis:\n  owner: crisis_owner\n", "crisis:\n", "crisis.owner: line 101, column 3: required field is missing", "a policy cannot drop the crisis owner"},
		{"crisis:\n  owner: crisis_owner\n", "crisis:\n  owner: \"\"\n", "crisis.owner: line 101, column 10: owner \"\" is not a role declared under roles", "nor make it nobody"},
		{"    - code: crisis_review\n", "    - code: crisis_escalation\n", "crisis.follow_up[0].code: line 105, column 13: \"crisis_escalation\" is the escalation itself, which every crisis gets; choose another code", "a follow-up cannot pose as the escalation"},
		{"  phq9:\n    valid_for: 30d\n", "  phq9:\n    valid_for: 13d\n", "instruments.phq9.valid_for: line 23, column 16: 13 days is shorter than the 14 days the PHQ-9 asks about; a crisis answer to item 9 must stay in force at least that long", "a PHQ-9 window shorter than its two weeks would let a crisis lapse"},
		{"  phq9:\n    valid_for: 30d\n", "  phq9:\n    valid_for: 2h\n", "instruments.phq9.valid_for: line 23, column 16: 2h is shorter than the 14 days the PHQ-9 asks about; a crisis answer to item 9 must stay in force at least that long", "a window in hours is named in hours"},
		{"{name: high burnout, min: 75,", "{name: high burnout, min: 70,", "instruments.cbi.bands[2].min: line 63, column 35: 70 overlaps bands[1] (\"moderate burnout\", max 75); bands must be in ascending order, this one starting at 75", "an overlap between half-open CBI bands"},
		{"{name: high burnout, min: 75,", "{name: high burnout, min: 80,", "instruments.cbi.bands[2].min: line 63, column 35: 80 leaves a gap after bands[1] (\"moderate burnout\", max 75); the next band must start at 75", "a gap between half-open CBI bands"},
		{"{name: very high, min: 30, max: 50,", "{name: very high, min: 30, max: 49,", "instruments.k10.bands[3].max: line 49, column 41: is 49; the last band must end where the K10 total scale ends, at 50", "the K10 scale must be covered to its end"},
		{"{name: low, min: 10, max: 15,", "{name: low, min: 0, max: 15,", "instruments.k10.bands[0].min: line 46, column 26: is 0; the first band must start where the K10 total scale starts, at 10", "the K10 starts at 10"},
		{"  who5:\n    valid_for: 30d\n", "  who5:\n    valid_for: 13d\n", "instruments.who5.valid_for: line 38, column 16: 13 days is shorter than the 14 days the WHO-5 asks about; an item answered 0 or 1 must stay in force at least that long, or set watch.who5_low_item: false", "a WHO-5 window shorter than its two weeks would let a low item lapse unseen"},
		{"  who5_low_item: true\n", "  who5_low_item: yes\n", `watch.who5_low_item: line 130, column 18: expected true or false, got "yes"`, "the WHO-5 switch takes true or false, not YAML 1.1's yes"},
		{"  who5_low_item: true\n", "  who5_low_item:\n", "watch.who5_low_item: line 130, column 17: expected true or false, got nothing (null)", "an empty WHO-5 switch is refused, not read as off"},
		{"{name: moderate burnout, min: 50,", "{name: moderate burnout, min: .nan,", "instruments.cbi.bands[1].min: line 62, column 39: expected a finite number, got .nan", "NaN is refused where the policy takes a number"},
	}
	for _, tt := range tests {
		require.True(t, strings.Contains(base, tt.old), "fixture %q", tt.why)
		_, err := ParsePolicy([]byte(strings.Replace(base, tt.old, tt.new, 1)))
		require.Error(t, err, tt.why)
		assert.Equal(t, "mood policy: 1 problem\n\t"+tt.want, err.Error(), tt.why)
	}
}

// TestPolicyWHO5LowItemSwitch: the WHO-5 rule is on unless the policy
// writes who5_low_item: false; only then may the WHO-5 window be shorter
// than its two weeks.
func TestPolicyWHO5LowItemSwitch(t *testing.T) {
	base := string(DefaultPolicySource())
	off := [2]string{"  who5_low_item: true\n", "  who5_low_item: false\n"}
	window := func(d string) [2]string {
		return [2]string{"  who5:\n    valid_for: 30d\n", "  who5:\n    valid_for: " + d + "\n"}
	}
	tests := []struct {
		edits   [][2]string
		daysAgo int // of a WHO-5 with items 2 and 4 answered 0 and 1
		watch   bool
		reasons []string
		why     string
	}{
		{nil, 2, true, []string{"instruments.who5.bands[2] fired", "watch.who5_low_item fired"}, "the default policy watches WHO-5 items"},
		{[][2]string{{"  who5_low_item: true\n", ""}}, 2, true, []string{"instruments.who5.bands[2] fired", "watch.who5_low_item fired"}, "left out, the rule stays on"},
		{[][2]string{off}, 2, false, []string{"instruments.who5.bands[2] fired"}, "an explicit false switches it off"},
		{[][2]string{off, window("7d")}, 7, false, []string{"instruments.who5.bands[2] fired"}, "switched off, the WHO-5 window may be shorter than 14 days"},
		{[][2]string{window("14d")}, 14, true, []string{"instruments.who5.bands[2] fired", "watch.who5_low_item fired"}, "14 days is the shortest window while the rule is on, and a WHO-5 that old still counts"},
	}
	for _, tt := range tests {
		src := base
		for _, e := range tt.edits {
			src = replaceOnce(t, src, e[0], e[1])
		}
		p, err := ParsePolicy([]byte(src))
		require.NoError(t, err, tt.why)
		sc := screened(t, WHO5, []int{5, 0, 5, 1, 5}, tt.daysAgo)
		got, err := p.Triage(Assessment{Agent: "a1", At: t0, Screenings: []Screening{sc}})
		require.NoError(t, err, tt.why)
		assert.Equal(t, tt.watch, got.Watch, tt.why)
		assert.Equal(t, tt.reasons, reasonIDs(got.Reasons), tt.why)
		if !tt.watch {
			assert.Empty(t, got.Actions, tt.why)
		}
	}
}

func TestPolicyFatal(t *testing.T) {
	_, err := ParsePolicy(nil)
	require.EqualError(t, err, "mood policy: 1 problem\n\tline 1, column 1: policy is empty")
	_, err = ParsePolicy([]byte("version: [\n"))
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "mood policy: 1 problem\n\tline 1: YAML syntax:"), err.Error())
}

func TestTierText(t *testing.T) {
	for tier := Normal; tier <= Severe; tier++ {
		b, err := tier.MarshalText()
		require.NoError(t, err)
		var back Tier
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, tier, back)
		assert.Equal(t, tier.String(), string(b))
	}
	assert.Equal(t, "Tier(7)", Tier(7).String())
	_, err := Tier(7).MarshalText()
	assert.EqualError(t, err, "mood: tier 7 is not one of normal, mild, moderate, severe")
	var x Tier
	assert.EqualError(t, x.UnmarshalText([]byte("grave")), `unknown tier "grave"; allowed: normal, mild, moderate, severe`)
	assert.True(t, Normal < Mild && Mild < Moderate && Moderate < Severe)
}

func FuzzParsePolicy(f *testing.F) {
	f.Add(DefaultPolicySource())
	bad, _ := os.ReadFile(filepath.Join("testdata", "bad_policy.yaml"))
	f.Add(bad)
	f.Add(append([]byte(nil), defaultZhYAML...))
	f.Add(append([]byte("locale: zh-CN\n"), bad...))
	f.Add([]byte(withNames(defaultYAML, "  care_talk: talk\n  crisis_escalation: \"\"\n  Bad-Id: x\n  bogus: y\n")))
	f.Add([]byte("version: x\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, src []byte) {
		// Four times the default policy is room enough for every field;
		// the 1 MiB limit on sources is internal/policyfile's to test.
		src = clip(src, 4*len(defaultYAML))
		p, err := ParsePolicy(src)
		if err != nil {
			var pe *callfloor.PolicyError
			if !errors.As(err, &pe) || len(pe.Problems) == 0 {
				t.Fatalf("error %v is not a *callfloor.PolicyError with problems", err)
			}
			return
		}
		if p.crisis.within > CrisisCeiling {
			t.Fatalf("a policy delays a crisis by %s", p.crisis.within)
		}
		at := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
		sc, _ := Score(PHQ9, []int{0, 0, 0, 0, 0, 0, 0, 0, 1})
		sc.At = at
		tr, err := p.Triage(Assessment{Agent: "a", At: at, Screenings: []Screening{sc}})
		if err != nil {
			t.Fatal(err)
		}
		if !tr.Crisis || tr.Actions[0].Code != CrisisEscalation || tr.Actions[0].Owner != p.CrisisOwner() {
			t.Fatalf("a compiled policy lost the crisis escalation: %+v", tr.Actions)
		}
		for _, a := range tr.Actions {
			if want := p.DisplayName(a.Code); a.Name != "" && a.Name != want || a.Name == "" && want != a.Code {
				t.Fatalf("action %q carries the name %q, the policy names it %q", a.Code, a.Name, want)
			}
		}
		if v := p.ViewFor(tr, p.CrisisOwner()); v.Result == nil && (len(v.Owed) == 0 || v.Owed[0].Code != CrisisEscalation) {
			t.Fatalf("a compiled policy hides the crisis from its owner: %+v", v)
		}
		if d, _ := p.ValidFor(PHQ9); d < MinPHQ9ValidFor {
			t.Fatalf("a policy lets a PHQ-9 lapse after %s", d)
		}
		// The WHO-5 rule is switched off only by writing so; while it is
		// on, a low item stays in force for the two weeks the WHO-5 covers.
		who5, _ := Score(WHO5, []int{5, 0, 5, 5, 5})
		who5.At = at.Add(-MinWHO5ValidFor)
		tr, err = p.Triage(Assessment{Agent: "a", At: at, Screenings: []Screening{who5}})
		if err != nil {
			t.Fatal(err)
		}
		if !tr.Watch && !bytes.Contains(src, []byte("who5_low_item")) {
			t.Fatalf("a policy that does not mention who5_low_item ignores a WHO-5 item answered 0: %+v", tr.Reasons)
		}
	})
}

// An id of a list (a technique, a practice, an alarm, a KPI period) is
// held to the one id rule, in the wording every package uses.
func TestListIDsFollowTheIDRule(t *testing.T) {
	src := replaceOnce(t, string(DefaultPolicySource()), "  - id: anger_control\n", "  - id: Anger-Control\n")
	_, err := ParsePolicy([]byte(src))
	var pe *callfloor.PolicyError
	require.ErrorAs(t, err, &pe)
	// The causes that name the technique now name one that is not there.
	require.Len(t, pe.Problems, 3)
	last := pe.Problems[2]
	assert.Equal(t, "techniques[0].id: line 235, column 9: id \"Anger-Control\" must be lower_snake_case (a-z, 0-9, _)", last.Error())
}

func TestDefaultPolicyFor(t *testing.T) {
	en, err := DefaultPolicyFor("en")
	require.NoError(t, err)
	require.Same(t, DefaultPolicy(), en)
	require.Equal(t, "en", en.Locale())
	zh, err := DefaultPolicyFor("zh-CN")
	require.NoError(t, err)
	require.Equal(t, "zh-CN", zh.Locale())
	again, _ := DefaultPolicyFor("zh-CN")
	require.Same(t, zh, again)
	_, err = DefaultPolicyFor("fr")
	require.EqualError(t, err, `mood: no default policy for locale "fr"; there are: en, zh-CN`)
}
