package mood

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// answersFor spreads total over n items of at most hi each, filling from
// the first item, so that a table can name a total instead of a list.
func answersFor(n, lo, hi, total int) []int {
	a := make([]int, n)
	rest := total - lo*n
	for i := range a {
		a[i] = lo
		add := min(rest, hi-lo)
		a[i] += add
		rest -= add
	}
	return a
}

// The bands below are the published ones, each tested at its first and
// its last value:
//   - PHQ-9: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19 moderately
//     severe, 20-27 severe (Kroenke, Spitzer and Williams 2001, "The
//     PHQ-9: validity of a brief depression severity measure": "scores of
//     5, 10, 15, and 20 represent cutpoints for mild, moderate,
//     moderately severe and severe depression").
//   - GAD-7: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe
//     (Spitzer, Kroenke, Williams and Löwe 2006: "scores of 5, 10, and 15
//     represent cut points for mild, moderate, and severe anxiety").
//   - K10, items 1..5, total 10..50: 10-15 low, 16-21 moderate, 22-29
//     high, 30-50 very high (Australian Bureau of Statistics 4817.0.55.001,
//     Table E, drawn from Andrews and Slade 2001).
//   - WHO-5: raw 0..25, percentage = raw x 4; at or below 50% poor
//     wellbeing, at or below 28% likely depression (Topp, Østergaard,
//     Søndergaard and Bech 2015, "The WHO-5 Well-Being Index: a
//     systematic review of the literature"). Percentages move in steps of
//     4: raw 7 is 28%, raw 8 is 32%, raw 12 is 48%, raw 13 is 52%, so 29
//     and 50 are never reached.
func TestScoreBands(t *testing.T) {
	tests := []struct {
		inst  Instrument
		total int
		band  string
		why   string
	}{
		{PHQ9, 0, BandMinimal, "PHQ-9 floor of minimal"},
		{PHQ9, 4, BandMinimal, "PHQ-9 top of minimal"},
		{PHQ9, 5, BandMild, "PHQ-9 first mild"},
		{PHQ9, 9, BandMild, "PHQ-9 last mild"},
		{PHQ9, 10, BandModerate, "PHQ-9 first moderate, the usual cut-off"},
		{PHQ9, 14, BandModerate, "PHQ-9 last moderate"},
		{PHQ9, 15, BandModeratelySevere, "PHQ-9 first moderately severe"},
		{PHQ9, 19, BandModeratelySevere, "PHQ-9 last moderately severe"},
		{PHQ9, 20, BandSevere, "PHQ-9 first severe"},
		{PHQ9, 27, BandSevere, "PHQ-9 maximum"},
		{GAD7, 0, BandMinimal, "GAD-7 floor"},
		{GAD7, 4, BandMinimal, "GAD-7 top of minimal"},
		{GAD7, 5, BandMild, "GAD-7 first mild"},
		{GAD7, 9, BandMild, "GAD-7 last mild"},
		{GAD7, 10, BandModerate, "GAD-7 first moderate"},
		{GAD7, 14, BandModerate, "GAD-7 last moderate"},
		{GAD7, 15, BandSevere, "GAD-7 first severe"},
		{GAD7, 21, BandSevere, "GAD-7 maximum"},
		{K10, 10, BandLow, "K10 floor: every item 'none of the time'"},
		{K10, 15, BandLow, "K10 top of low"},
		{K10, 16, BandModerate, "K10 first moderate"},
		{K10, 21, BandModerate, "K10 last moderate"},
		{K10, 22, BandHigh, "K10 first high"},
		{K10, 29, BandHigh, "K10 last high"},
		{K10, 30, BandVeryHigh, "K10 first very high"},
		{K10, 50, BandVeryHigh, "K10 maximum"},
		{WHO5, 0, BandLikelyDepression, "WHO-5 0%"},
		{WHO5, 7, BandLikelyDepression, "WHO-5 28%, the depression cut-off, is included"},
		{WHO5, 8, BandPoorWellbeing, "WHO-5 32%"},
		{WHO5, 12, BandPoorWellbeing, "WHO-5 48%"},
		{WHO5, 13, BandGoodWellbeing, "WHO-5 52%, first above 50%"},
		{WHO5, 25, BandGoodWellbeing, "WHO-5 100%"},
	}
	for _, tt := range tests {
		s, _ := specOf(tt.inst)
		sc, err := Score(tt.inst, answersFor(s.items, s.lo, s.hi, tt.total))
		require.NoError(t, err, tt.why)
		assert.Equal(t, tt.total, sc.Total, tt.why)
		assert.Equal(t, tt.band, sc.Band, tt.why)
		assert.True(t, sc.At.IsZero(), "Score leaves At zero")
	}
}

// PHQ-9 item 9 asks about "thoughts that you would be better off dead or
// of hurting yourself in some way"; any answer above "not at all" calls for
// a risk assessment whatever the total (the crisis rule).
func TestScorePHQ9Crisis(t *testing.T) {
	tests := []struct {
		answers []int
		crisis  bool
		why     string
	}{
		{[]int{0, 0, 0, 0, 0, 0, 0, 0, 1}, true, "item 9 at 1 with a total of 1 (minimal) is still a crisis"},
		{[]int{0, 0, 0, 0, 0, 0, 0, 0, 3}, true, "item 9 at its maximum"},
		{[]int{3, 3, 3, 3, 3, 3, 3, 3, 0}, false, "a total of 24 without item 9 is severe but not a crisis"},
		{[]int{0, 0, 0, 0, 0, 0, 0, 0, 0}, false, "all zero"},
	}
	for _, tt := range tests {
		sc, err := Score(PHQ9, tt.answers)
		require.NoError(t, err, tt.why)
		assert.Equal(t, tt.crisis, sc.Crisis, tt.why)
	}
	sc, _ := Score(PHQ9, []int{0, 0, 0, 0, 0, 0, 0, 0, 1})
	assert.Equal(t, BandMinimal, sc.Band, "crisis does not change the band")
}

// The WHO-5 manual (Psychiatric Research Unit, WHO Collaborating Centre in
// Mental Health, Hillerød, 1998) recommends further assessment when "the
// raw score is below 13 or if the patient has answered 0 to 1 to any of
// the five items"; a raw score below 13 is a percentage at or below 50.
func TestScoreWHO5(t *testing.T) {
	sc, err := Score(WHO5, []int{3, 1, 4, 0, 5})
	require.NoError(t, err)
	require.NotNil(t, sc.Wellbeing)
	assert.Equal(t, 13, sc.Total, "raw total")
	assert.Equal(t, 52, sc.Wellbeing.Percent, "percentage is raw x 4")
	assert.Equal(t, BandGoodWellbeing, sc.Band, "52% is above 50%")
	assert.Equal(t, []int{2, 4}, sc.Wellbeing.LowItems, "items 2 and 4 answered 1 and 0 are flagged even with good wellbeing")
	assert.True(t, sc.Wellbeing.FollowUp)

	sc, err = Score(WHO5, []int{2, 2, 2, 2, 2})
	require.NoError(t, err)
	assert.Equal(t, 40, sc.Wellbeing.Percent)
	assert.Empty(t, sc.Wellbeing.LowItems, "no item at 0 or 1")
	assert.False(t, sc.Wellbeing.FollowUp)
	assert.Nil(t, sc.Burnout)
}

// The Copenhagen Burnout Inventory (Kristensen, Borritz, Villadsen and
// Christensen 2005, "The Copenhagen Burnout Inventory: a new tool for the
// assessment of burnout", Work & Stress 19(3), and the English PUMA
// version of the questionnaire): personal burnout items 1-6, work-related
// items 7-13, client-related items 14-19. Answers are "always, often,
// sometimes, seldom, never/almost never" or "to a very high degree, to a
// high degree, somewhat, to a low degree, to a very low degree", scored
// 100, 75, 50, 25, 0; "the total score on the scale is the average of the
// scores on the items"; the last work-related item, "Do you have enough
// energy for family and friends during leisure time?" (item 13), has a
// "reversed score".
func TestScoreCBI(t *testing.T) {
	tests := []struct {
		answers              []int
		personal, work, clnt float64
		why                  string
	}{
		{
			answers:  []int{0, 0, 0, 0, 0, 0 /**/, 0, 0, 0, 0, 0, 0, 4 /**/, 0, 0, 0, 0, 0, 0},
			personal: 0, work: 0, clnt: 0,
			why: "never everywhere and 'to a very high degree' of energy for family and friends: no burnout at all",
		},
		{
			answers:  []int{4, 4, 4, 4, 4, 4 /**/, 4, 4, 4, 4, 4, 4, 0 /**/, 4, 4, 4, 4, 4, 4},
			personal: 100, work: 100, clnt: 100,
			why: "always everywhere and no energy left for family: full burnout",
		},
		{
			answers:  []int{2, 2, 2, 2, 2, 2 /**/, 2, 2, 2, 2, 2, 2, 2 /**/, 2, 2, 2, 2, 2, 2},
			personal: 50, work: 50, clnt: 50,
			why: "'sometimes' is 50 points, reversed or not",
		},
		{
			answers:  []int{1, 1, 1, 1, 1, 1 /**/, 0, 0, 0, 0, 0, 0, 0 /**/, 3, 3, 3, 3, 4, 4},
			personal: 25, work: 100.0 / 7, clnt: (75*4 + 200) / 6.0,
			why: "the reversed work item alone scores 100/7; client burnout is the mean of 75,75,75,75,100,100",
		},
		{
			// Worked by hand. Personal: 50+50+25+25+50+25 = 225, /6 = 37.5.
			// Work: 75+75+50+50+50+50 = 350, plus item 13 answered 1
			// ("seldom" enough energy) reversed from 25 to 75: 425/7 =
			// 60.714... Client: 75+75+75+50+75+50 = 400, /6 = 66.666...
			answers:  []int{2, 2, 1, 1, 2, 1 /**/, 3, 3, 2, 2, 2, 2, 1 /**/, 3, 3, 3, 2, 3, 2},
			personal: 37.5, work: 425.0 / 7, clnt: 400.0 / 6,
			why: "a realistic agent, checked by hand (the same answers as ExamplePolicy_Triage)",
		},
		{
			answers:  []int{0, 0, 0, 0, 0, 0 /**/, 0, 0, 0, 0, 0, 0, 3 /**/, 0, 0, 0, 0, 0, 0},
			personal: 0, work: 25.0 / 7, clnt: 0,
			why: "'often' enough energy for family is 75 points reversed to 25",
		},
	}
	for _, tt := range tests {
		sc, err := Score(CBI, tt.answers)
		require.NoError(t, err, tt.why)
		require.NotNil(t, sc.Burnout, tt.why)
		assert.InDelta(t, tt.personal, sc.Burnout.Personal, 1e-9, tt.why)
		assert.InDelta(t, tt.work, sc.Burnout.Work, 1e-9, tt.why)
		assert.InDelta(t, tt.clnt, sc.Burnout.Client, 1e-9, tt.why)
		assert.Equal(t, 0, sc.Total, "the CBI has no total")
		assert.Empty(t, sc.Band, "CBI bands are the policy's")
		assert.False(t, sc.Crisis)
	}
}

func TestScoreErrors(t *testing.T) {
	tests := []struct {
		inst    Instrument
		answers []int
		want    string
		why     string
	}{
		{"phq8", []int{0}, `instrument: unknown instrument "phq8"; allowed: phq9, gad7, who5, k10, cbi`, "unknown instrument"},
		{"", nil, `instrument: unknown instrument ""; allowed: phq9, gad7, who5, k10, cbi`, "empty instrument"},
		{PHQ9, nil, "answers[0]: is required: PHQ-9 item 1 is unanswered; PHQ-9 takes 9 answers, got 0, and nothing is prorated", "no answers"},
		{PHQ9, []int{0, 0, 0, 0, 0, 0, 0, 0}, "answers[8]: is required: PHQ-9 item 9 is unanswered; PHQ-9 takes 9 answers, got 8, and nothing is prorated", "item 9 missing: no prorating"},
		{PHQ9, []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 2}, "answers[9]: is beyond the last item: PHQ-9 has 9 items, got 10 answers; the closing difficulty question is not scored and is not an answer", "the difficulty question is not an answer, and the error names it"},
		{PHQ9, []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1}, "answers[9]: is beyond the last item: PHQ-9 has 9 items, got 12 answers; the closing difficulty question is not scored and is not an answer", "several extra answers: the first extra one is named"},
		{GAD7, []int{0, 0, 0, 0, 0, 0, 0, 3}, "answers[7]: is beyond the last item: GAD-7 has 7 items, got 8 answers; the closing difficulty question is not scored and is not an answer", "the GAD-7 closes with the same unscored question"},
		{WHO5, []int{5, 5, 5, 5, 5, 5}, "answers[5]: is beyond the last item: WHO-5 has 5 items, got 6 answers", "WHO-5 extra answer"},
		{PHQ9, []int{0, 0, 0, 0, 0, 0, 0, 0, 4}, "answers[8]: 4 is outside 0..3, the scale of PHQ-9 item 9", "above the scale"},
		{PHQ9, []int{-1, 0, 0, 0, 0, 0, 0, 0, 0}, "answers[0]: -1 is outside 0..3, the scale of PHQ-9 item 1", "below the scale"},
		{GAD7, []int{0, 0, 0, 0, 0, 0, 9}, "answers[6]: 9 is outside 0..3, the scale of GAD-7 item 7", "GAD-7 off scale"},
		{GAD7, []int{0, 0, 0}, "answers[3]: is required: GAD-7 item 4 is unanswered; GAD-7 takes 7 answers, got 3, and nothing is prorated", "GAD-7 short"},
		{WHO5, []int{0, 0, 6, 0, 0}, "answers[2]: 6 is outside 0..5, the scale of WHO-5 item 3", "WHO-5 off scale"},
		{K10, []int{1, 1, 1, 1, 1, 1, 1, 1, 1, 0}, "answers[9]: 0 is outside 1..5, the scale of K10 item 10", "K10 starts at 1"},
		{K10, []int{1, 1, 1, 1, 1, 1, 1, 1, 1}, "answers[9]: is required: K10 item 10 is unanswered; K10 takes 10 answers, got 9, and nothing is prorated", "K10 short"},
		{K10, []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, "answers[0]: 0 is outside 1..5, the scale of K10 item 1", "the US 0..4 coding is refused, not silently shifted"},
		{CBI, answersFor(18, 0, 4, 0), "answers[18]: is required: CBI item 19 is unanswered; CBI takes 19 answers, got 18, and nothing is prorated", "CBI short: the manual's averaging of answered items is not used"},
		{CBI, answersFor(20, 0, 4, 0), "answers[19]: is beyond the last item: CBI has 19 items, got 20 answers", "CBI long"},
		{CBI, append(answersFor(12, 0, 4, 0), 5, 0, 0, 0, 0, 0, 0), "answers[12]: 5 is outside 0..4, the scale of CBI item 13 (work-related 7)", "CBI names the subscale item"},
		{CBI, append(answersFor(18, 0, 4, 0), -1), "answers[18]: -1 is outside 0..4, the scale of CBI item 19 (client-related 6)", "CBI client item"},
		{CBI, append([]int{7}, answersFor(18, 0, 4, 0)...), "answers[0]: 7 is outside 0..4, the scale of CBI item 1 (personal 1)", "CBI personal item"},
	}
	for _, tt := range tests {
		_, err := Score(tt.inst, tt.answers)
		require.Error(t, err, tt.why)
		assert.Equal(t, tt.want, err.Error(), tt.why)
		var ie *callfloor.InputError
		assert.True(t, errors.As(err, &ie), tt.why)
	}
}

func TestScoreJSONRoundTrip(t *testing.T) {
	for _, inst := range Instruments() {
		s, _ := specOf(inst)
		sc, err := Score(inst, answersFor(s.items, s.lo, s.hi, (s.lo+s.hi)*s.items/2))
		require.NoError(t, err)
		b, err := json.Marshal(sc)
		require.NoError(t, err)
		var back Screening
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, sc, back, "%s survives JSON", inst)
	}
}

func TestInstrumentName(t *testing.T) {
	assert.Equal(t, "PHQ-9", PHQ9.Name())
	assert.Equal(t, "CBI", CBI.Name())
	assert.Equal(t, "phq8", Instrument("phq8").Name(), "unknown instruments keep their id")
}

func TestScoreAllocs(t *testing.T) {
	answers := []int{1, 2, 0, 3, 1, 2, 1, 0, 0}
	for _, inst := range []Instrument{PHQ9, GAD7, K10} {
		s, _ := specOf(inst)
		a := answersFor(s.items, s.lo, s.hi, s.items)
		if inst == PHQ9 {
			a = answers
		}
		n := testing.AllocsPerRun(100, func() {
			if _, err := Score(inst, a); err != nil {
				t.Fatal(err)
			}
		})
		assert.Zero(t, n, "%s allocates", inst)
	}
}

func BenchmarkScorePHQ9(b *testing.B) {
	answers := []int{1, 2, 0, 3, 1, 2, 1, 0, 0}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Score(PHQ9, answers); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScoreCBI(b *testing.B) {
	answers := answersFor(cbiItems, 0, 4, 40)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Score(CBI, answers); err != nil {
			b.Fatal(err)
		}
	}
}

// The fuzz engine lets a byte slice or a string grow to tens of megabytes,
// and it checks for the end of -fuzztime only between two runs of the
// target. One huge input then takes seconds (a history of a million
// check-ins takes about one), overruns -fuzztime, holds memory in every
// worker, and is minimized run after run for up to -fuzzminimizetime. A
// worker that the kernel kills for its memory, or that does not answer the
// coordinator in time, makes "go test -fuzz" exit 1 with no crasher to
// replay. Every fuzz target of this package therefore cuts its inputs to a
// size that still reaches every branch; the package itself keeps taking
// inputs of any size.

// clip cuts b to at most n bytes.
func clip(b []byte, n int) []byte { return b[:min(len(b), n)] }

// clipString cuts s to at most n bytes.
func clipString(s string, n int) string { return s[:min(len(s), n)] }

func FuzzScore(f *testing.F) {
	f.Add("phq9", []byte{0, 1, 2, 3, 0, 1, 2, 3, 1})
	f.Add("gad7", []byte{3, 3, 3, 3, 3, 3, 3})
	f.Add("who5", []byte{5, 4, 1, 0, 3})
	f.Add("k10", []byte{1, 2, 3, 4, 5, 1, 2, 3, 4, 5})
	f.Add("cbi", []byte{0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3})
	f.Add("phq9", []byte{9})
	f.Add("x", []byte{})
	f.Fuzz(func(t *testing.T, inst string, raw []byte) {
		inst, raw = clipString(inst, 16), clip(raw, 2*cbiItems)
		answers := make([]int, len(raw))
		for i, b := range raw {
			answers[i] = int(int8(b))
		}
		sc, err := Score(Instrument(inst), answers)
		if err != nil {
			var ie *callfloor.InputError
			if !errors.As(err, &ie) || ie.Field == "" {
				t.Fatalf("error %v is not an *callfloor.InputError with a field", err)
			}
			return
		}
		s, _ := specOf(sc.Instrument)
		if sc.Total < s.minTot || sc.Total > s.maxTot {
			t.Fatalf("total %d outside %d..%d", sc.Total, s.minTot, s.maxTot)
		}
		sc.At = sc.At.AddDate(2025, 0, 0)
		if err := checkScreening(nil, &sc, "s", 0); err != nil {
			t.Fatalf("a screening Score made fails its own check: %v", err)
		}
		if sc.Crisis != (sc.Instrument == PHQ9 && answers[8] > 0) {
			t.Fatalf("crisis %v for %v", sc.Crisis, answers)
		}
	})
}
