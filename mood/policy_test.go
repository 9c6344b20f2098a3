package mood

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	assert.Equal(t, []string{"anger_control", "joy", "helping_others", "venting", "diversion", "relaxation"}, ids, "the six techniques of DOMAIN.md")
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

func TestTierOfDefault(t *testing.T) {
	p := DefaultPolicy()
	score := func(inst Instrument, total int) Screening {
		s, _ := specOf(inst)
		sc, err := Score(inst, answersFor(s.items, s.lo, s.hi, total))
		require.NoError(t, err)
		return sc
	}
	tests := []struct {
		s    Screening
		want Tier
		why  string
	}{
		{score(PHQ9, 4), Normal, "PHQ-9 minimal is normal"},
		{score(PHQ9, 5), Mild, "PHQ-9 mild is mild"},
		{score(PHQ9, 9), Mild, "PHQ-9 last mild"},
		{score(PHQ9, 10), Moderate, "PHQ-9 moderate is moderate"},
		{score(PHQ9, 14), Moderate, "PHQ-9 last moderate"},
		{score(PHQ9, 15), Severe, "PHQ-9 moderately severe is above moderate: severe"},
		{score(PHQ9, 27), Severe, "PHQ-9 severe"},
		{score(GAD7, 4), Normal, "GAD-7 minimal"},
		{score(GAD7, 5), Mild, "GAD-7 mild"},
		{score(GAD7, 14), Moderate, "GAD-7 last moderate"},
		{score(GAD7, 15), Severe, "GAD-7 severe"},
		{score(WHO5, 13), Normal, "WHO-5 52% is above 50%: normal"},
		{score(WHO5, 12), Mild, "WHO-5 48% is 29-50%: mild"},
		{score(WHO5, 8), Mild, "WHO-5 32%: mild"},
		{score(WHO5, 7), Moderate, "WHO-5 28% is at or below 28%: moderate"},
		{score(WHO5, 0), Moderate, "WHO-5 0%"},
		{score(K10, 15), Normal, "K10 low"},
		{score(K10, 16), Mild, "K10 moderate is mild"},
		{score(K10, 22), Moderate, "K10 high is moderate"},
		{score(K10, 30), Severe, "K10 very high is severe"},
		{Screening{Instrument: CBI, Burnout: &Burnout{Personal: 10, Work: 20, Client: 49.99}}, Normal, "CBI just under 50 everywhere"},
		{Screening{Instrument: CBI, Burnout: &Burnout{Personal: 10, Work: 20, Client: 50}}, Mild, "CBI client at 50 is moderate burnout"},
		{Screening{Instrument: CBI, Burnout: &Burnout{Personal: 80, Work: 20, Client: 0}}, Moderate, "any listed subscale counts: personal 80"},
		{Screening{Instrument: CBI, Burnout: &Burnout{Client: 100}}, Moderate, "CBI 100 falls in the last band"},
		{Screening{Instrument: CBI}, Normal, "a CBI without scores is not tiered"},
		{Screening{Instrument: "phq8", Total: 27}, Normal, "unknown instruments are not tiered"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, p.TierOf(tt.s), tt.why)
	}
}

func TestPolicyErrorsGolden(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "bad_policy.yaml"))
	require.NoError(t, err)
	_, err = ParsePolicy(src)
	require.Error(t, err)
	var pe *PolicyError
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
		{"  within: 1h\n", "  within: 90m\n", "crisis.within: line 102, column 11: 1h30m is longer than the crisis ceiling of 1h; a crisis escalation may be made sooner, never later", "a policy cannot delay a crisis past the ceiling"},
		{"crisis:\n  owner: crisis_owner\n  within: 1h\n", "crisis:\n  owner: crisis_owner\n", "crisis.within: line 101, column 3: required field is missing", "a policy cannot omit the crisis delay"},
		{"      - {name: mild, min: 5, max: 9, tier: mild}\n      - {name: moderate, min: 10, max: 14, tier: moderate}\n      - {name: moderately severe", "      - {name: mild, min: 5, max: 9, tier: mild}\n      - {name: moderate, min: 11, max: 14, tier: moderate}\n      - {name: moderately severe", `instruments.phq9.bands[2].min: line 27, column 31: 11 leaves a gap after bands[1] ("mild", max 9): 10 belongs to no band`, "a gap in PHQ-9"},
		{"{name: poor wellbeing, min: 29,", "{name: poor wellbeing, min: 28,", `instruments.who5.bands[1].min: line 41, column 37: 28 overlaps bands[0] ("likely depression", max 28); bands must be in ascending order, this one starting at 29`, "an overlap in WHO-5"},
		{"  min_group: 5\n", "  min_group: 5\n  min_grup: 6\n", "climate.min_grup: line 278, column 3: unknown field; allowed: min_group, change_window, alarms, actions", "unknown field"},
	}
	for _, tt := range tests {
		require.True(t, strings.Contains(base, tt.old), "fixture %q", tt.why)
		_, err := ParsePolicy([]byte(strings.Replace(base, tt.old, tt.new, 1)))
		require.Error(t, err, tt.why)
		assert.Equal(t, "mood policy: 1 problem\n\t"+tt.want, err.Error(), tt.why)
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
	assert.EqualError(t, x.UnmarshalText([]byte("grave")), `mood: unknown tier "grave"; allowed: normal, mild, moderate, severe`)
	assert.True(t, Normal < Mild && Mild < Moderate && Moderate < Severe)
}

func FuzzParsePolicy(f *testing.F) {
	f.Add(DefaultPolicySource())
	bad, _ := os.ReadFile(filepath.Join("testdata", "bad_policy.yaml"))
	f.Add(bad)
	f.Add([]byte("version: x\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := ParsePolicy(src)
		if err != nil {
			var pe *PolicyError
			if !errors.As(err, &pe) || len(pe.Problems) == 0 {
				t.Fatalf("error %v is not a *PolicyError with problems", err)
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
		if !tr.Crisis || tr.Actions[0].Code != CrisisEscalation {
			t.Fatalf("a compiled policy lost the crisis escalation: %+v", tr.Actions)
		}
	})
}
