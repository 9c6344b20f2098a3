package mood

import (
	"math"
	"strconv"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/enum"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
)

// Instrument names a published screening questionnaire.
type Instrument string

// The instruments Score knows. Their items, scales and bands are those of
// the published manuals; see the package documentation for sources and
// licences.
const (
	// PHQ9 is the Patient Health Questionnaire-9 (depression): 9 items
	// scored 0..3, total 0..27.
	PHQ9 Instrument = "phq9"
	// GAD7 is the Generalized Anxiety Disorder-7 scale: 7 items scored
	// 0..3, total 0..21.
	GAD7 Instrument = "gad7"
	// WHO5 is the WHO-5 Well-Being Index: 5 items scored 0..5, raw total
	// 0..25, percentage 0..100; higher is better.
	WHO5 Instrument = "who5"
	// K10 is the Kessler Psychological Distress Scale: 10 items scored
	// 1..5 as in Australian use, total 10..50. A host holding the US
	// coding 0..4 adds 1 to each answer.
	K10 Instrument = "k10"
	// CBI is the Copenhagen Burnout Inventory: 19 items in three
	// subscales (personal 6, work-related 7, client-related 6), each
	// answered 0..4 and worth 0, 25, 50, 75 or 100 points.
	CBI Instrument = "cbi"
)

// Instruments lists every instrument Score knows, in a fixed order.
func Instruments() []Instrument { return []Instrument{PHQ9, GAD7, WHO5, K10, CBI} }

// String gives the instrument's id, as in "phq9".
func (i Instrument) String() string { return string(i) }

// MarshalText gives the instrument's id; an instrument Score does not
// know is an error.
func (i Instrument) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumMoodInstrument{}, i, instruments[:])
}

// UnmarshalText reads an instrument's id and refuses any other text.
func (i *Instrument) UnmarshalText(b []byte) error {
	v, err := enum.Unmarshal(msg.EnumMoodInstrument{}, b, instruments[:])
	if err == nil {
		*i = v
	}
	return err
}

var instruments = [...]Instrument{PHQ9, GAD7, WHO5, K10, CBI}

// Name gives the instrument's published name, as in "PHQ-9".
func (i Instrument) Name() string {
	if s, ok := specOf(i); ok {
		return s.name
	}
	return string(i)
}

type spec struct {
	name           string
	items          int
	lo, hi         int // answer scale
	minTot, maxTot int // range of Screening.Total
}

var (
	specPHQ9 = spec{"PHQ-9", 9, 0, 3, 0, 27}
	specGAD7 = spec{"GAD-7", 7, 0, 3, 0, 21}
	specWHO5 = spec{"WHO-5", 5, 0, 5, 0, 25}
	specK10  = spec{"K10", 10, 1, 5, 10, 50}
	specCBI  = spec{"CBI", cbiItems, 0, 4, 0, 0}
)

func specOf(i Instrument) (*spec, bool) {
	switch i {
	case PHQ9:
		return &specPHQ9, true
	case GAD7:
		return &specGAD7, true
	case WHO5:
		return &specWHO5, true
	case K10:
		return &specK10, true
	case CBI:
		return &specCBI, true
	}
	return nil, false
}

// The Copenhagen Burnout Inventory in its published item order: personal
// burnout items 1-6, work-related 7-13, client-related 14-19. Item 13, "Do
// you have enough energy for family and friends during leisure time?", is
// scored in reverse.
const (
	cbiPersonal = 6
	cbiWork     = 7
	cbiClient   = 6
	cbiItems    = cbiPersonal + cbiWork + cbiClient
	cbiReversed = cbiPersonal + 6 // index of item 13
)

// Screening is one scored questionnaire. Score fills every field but At,
// which the caller sets to when the questionnaire was answered. A
// Screening holds no individual answers: the host keeps those.
//
// Total means, per instrument:
//   - PHQ9: the sum of the 9 items, 0..27.
//   - GAD7: the sum of the 7 items, 0..21.
//   - WHO5: the raw sum of the 5 items, 0..25; the percentage the bands
//     use is in Wellbeing.Percent.
//   - K10: the sum of the 10 items, 10..50.
//   - CBI: always 0. The inventory has no total by design; its three
//     subscale scores are in Burnout.
type Screening struct {
	// Instrument is the questionnaire answered.
	Instrument Instrument `json:"instrument"`
	// Total is the instrument's score, as listed above.
	Total int `json:"total"`
	// Band is the instrument's published band for Total, such as
	// "moderately severe" for a PHQ-9 of 17. It is empty for the CBI,
	// whose bands are set by the policy (see Policy.TierOf).
	Band string `json:"band,omitempty"`
	// Crisis is set by a PHQ-9 whose item 9 (thoughts of self-harm) is
	// above 0, whatever the total. No policy can clear it, and no later
	// screening: it stays in force for the PHQ-9's validity window unless
	// the crisis owner closes it (see Policy.Triage).
	Crisis bool `json:"crisis"`
	// Wellbeing holds the WHO-5 details; nil for other instruments.
	Wellbeing *Wellbeing `json:"wellbeing,omitempty"`
	// Burnout holds the CBI subscale scores; nil for other instruments.
	Burnout *Burnout `json:"burnout,omitempty"`
	// At is when the questionnaire was answered; Score leaves it zero.
	At time.Time `json:"at"`
}

// Wellbeing is the WHO-5 result in the form its manual reads it.
type Wellbeing struct {
	// Percent is the raw total times 4, 0..100. At or below 50 is poor
	// wellbeing; at or below 28 indicates likely depression.
	Percent int `json:"percent"`
	// LowItems lists the 1-based numbers of items answered 0 or 1, which
	// the manual flags for follow-up whatever the total.
	LowItems []int `json:"low_items,omitempty"`
	// FollowUp is true when LowItems is not empty. While the screening is
	// used, Triage raises the watch for it, unless the policy sets
	// watch.who5_low_item to false.
	FollowUp bool `json:"follow_up"`
}

// Burnout is the CBI result: each subscale is the mean of its items'
// points, 0..100, higher meaning more burnout.
type Burnout struct {
	// Personal is personal burnout, items 1-6: physical and psychological
	// exhaustion whatever its source.
	Personal float64 `json:"personal"`
	// Work is work-related burnout, items 7-13, item 13 (energy for
	// family and friends) reversed.
	Work float64 `json:"work"`
	// Client is burnout from work with clients, here the callers: the
	// subscale that matters most in a call center.
	Client float64 `json:"client"`
}

// The published band names.
const (
	BandMinimal          = "minimal"
	BandMild             = "mild"
	BandModerate         = "moderate"
	BandModeratelySevere = "moderately severe"
	BandSevere           = "severe"

	BandGoodWellbeing    = "good wellbeing"
	BandPoorWellbeing    = "poor wellbeing"
	BandLikelyDepression = "likely depression"

	BandLow      = "low"
	BandHigh     = "high"
	BandVeryHigh = "very high"
)

// Score scores one questionnaire exactly as its manual publishes it.
// answers holds one value per item, in the published item order, on the
// instrument's own scale:
//
//	PHQ9  9 answers, 0..3 (0 "not at all" .. 3 "nearly every day"; item 9,
//	      answers[8], is thoughts of self-harm; the unscored closing
//	      question on how difficult the problems made things is not an
//	      answer)
//	GAD7  7 answers, 0..3 (as the PHQ-9, closing question included)
//	WHO5  5 answers, 0..5 (0 "at no time" .. 5 "all of the time")
//	K10   10 answers, 1..5 (1 "none of the time" .. 5 "all of the time")
//	CBI   19 answers, 0..4 (0 never / to a very low degree, worth 0 points,
//	      .. 4 always / to a very high degree, worth 100; item 13 reversed)
//
// Nothing is prorated: a missing or extra answer, or one off the scale, is
// an *callfloor.InputError naming the item, as in "answers[8]: is
// required: PHQ-9 item 9 is unanswered; ..." (ErrRequired) or
// "answers[8]: 4 is outside 0..3, the scale of PHQ-9 item 9"
// (ErrOutOfRange); an unknown instrument is ErrNotSupported. The CBI manual averages whatever items of a subscale
// were answered; Score, as for every instrument, needs them all. Score
// allocates nothing for PHQ-9, GAD-7 and K10.
func Score(inst Instrument, answers []int) (Screening, error) {
	s, ok := specOf(inst)
	if !ok {
		return Screening{}, msgerr.NotSupported(nil, "instrument", msg.MoodInputInstrument{}, string(inst), names(Instruments()))
	}
	if len(answers) != s.items {
		return Screening{}, countErr(inst, s, len(answers))
	}
	total := 0
	for i, a := range answers {
		if a < s.lo || a > s.hi {
			return Screening{}, offScale(s, i, a)
		}
		total += a
	}
	sc := Screening{Instrument: inst, Total: total}
	switch inst {
	case PHQ9:
		sc.Band = phq9Band(total)
		sc.Crisis = answers[8] > 0
	case GAD7:
		sc.Band = gad7Band(total)
	case K10:
		sc.Band = k10Band(total)
	case WHO5:
		w := &Wellbeing{Percent: total * 4}
		for i, a := range answers {
			if a <= 1 {
				w.LowItems = append(w.LowItems, i+1)
			}
		}
		w.FollowUp = len(w.LowItems) > 0
		sc.Wellbeing = w
		sc.Band = who5Band(w.Percent)
	case CBI:
		sc.Total = 0
		sc.Burnout = cbiScore(answers)
	}
	return sc, nil
}

// countErr names the first missing item, or the first answer beyond the
// last item. The PHQ-9 and the GAD-7 close with an unscored question on
// how difficult the problems made work and life; it is not an answer.
func countErr(inst Instrument, s *spec, n int) error {
	if n < s.items {
		return msgerr.Required(nil, callfloor.Path("answers").Index(n), msg.MoodInputUnanswered{Instrument: s.name, Item: n + 1, Items: s.items, Got: n})
	}
	field := callfloor.Path("answers").Index(s.items)
	if inst == PHQ9 || inst == GAD7 {
		return invalid(nil, field, msg.MoodInputBeyondLastItemClosing{Instrument: s.name, Items: s.items, Got: n})
	}
	return invalid(nil, field, msg.MoodInputBeyondLastItem{Instrument: s.name, Items: s.items, Got: n})
}

func offScale(s *spec, i, a int) error {
	var scale msg.Message = msg.MoodInputItemScale{Instrument: s.name, Item: i + 1}
	if s == &specCBI {
		scale = cbiItemScale(i)
	}
	return msgerr.OutOfRange(nil, callfloor.Path("answers").Index(i), a, s.lo, s.hi, scale)
}

// cbiItemScale names the scale of CBI item i+1 with its place in its
// subscale.
func cbiItemScale(i int) msg.Message {
	switch {
	case i < cbiPersonal:
		return msg.MoodInputCbiItemScalePersonal{Item: i + 1, N: i + 1}
	case i < cbiPersonal+cbiWork:
		return msg.MoodInputCbiItemScaleWork{Item: i + 1, N: i - cbiPersonal + 1}
	default:
		return msg.MoodInputCbiItemScaleClient{Item: i + 1, N: i - cbiPersonal - cbiWork + 1}
	}
}

func cbiScore(answers []int) *Burnout {
	var sum [3]int
	for i, a := range answers {
		pts := 25 * a
		if i == cbiReversed {
			pts = 100 - pts
		}
		switch {
		case i < cbiPersonal:
			sum[0] += pts
		case i < cbiPersonal+cbiWork:
			sum[1] += pts
		default:
			sum[2] += pts
		}
	}
	return &Burnout{
		Personal: float64(sum[0]) / cbiPersonal,
		Work:     float64(sum[1]) / cbiWork,
		Client:   float64(sum[2]) / cbiClient,
	}
}

func phq9Band(t int) string {
	switch {
	case t <= 4:
		return BandMinimal
	case t <= 9:
		return BandMild
	case t <= 14:
		return BandModerate
	case t <= 19:
		return BandModeratelySevere
	}
	return BandSevere
}

func gad7Band(t int) string {
	switch {
	case t <= 4:
		return BandMinimal
	case t <= 9:
		return BandMild
	case t <= 14:
		return BandModerate
	}
	return BandSevere
}

func k10Band(t int) string {
	switch {
	case t <= 15:
		return BandLow
	case t <= 21:
		return BandModerate
	case t <= 29:
		return BandHigh
	}
	return BandVeryHigh
}

func who5Band(pct int) string {
	switch {
	case pct <= 28:
		return BandLikelyDepression
	case pct <= 50:
		return BandPoorWellbeing
	}
	return BandGoodWellbeing
}

func publishedBand(inst Instrument, total int) string {
	switch inst {
	case PHQ9:
		return phq9Band(total)
	case GAD7:
		return gad7Band(total)
	case K10:
		return k10Band(total)
	case WHO5:
		return who5Band(total * 4)
	}
	return ""
}

// checkScreening verifies that a screening handed in by the host is one
// that Score could have produced, so that a corrupted record is refused
// rather than triaged. list[i] prefixes the names in the error.
func checkScreening(l *msg.Locale, sc *Screening, list callfloor.Path, i int) error {
	// The field name is built only for an error: triage checks every
	// screening and keeps the good path free of string building.
	field := func() callfloor.Path { return elem(list, i) }
	s, ok := specOf(sc.Instrument)
	if !ok {
		return msgerr.NotSupported(l, field().Child("instrument"), msg.MoodInputInstrument{}, string(sc.Instrument), names(Instruments()))
	}
	if sc.At.IsZero() {
		return msgerr.Required(l, field().Child("at"), msg.MoodInputScreeningAt{})
	}
	if sc.Crisis && sc.Instrument != PHQ9 {
		return invalid(l, field().Child("crisis"), msg.MoodInputCrisisNotPhq9{Instrument: s.name})
	}
	if sc.Instrument == CBI {
		b := sc.Burnout
		if b == nil {
			return msgerr.Required(l, field().Child("burnout"), msg.MoodInputCbiBurnout{})
		}
		for _, v := range [...]struct {
			name string
			v    float64
		}{{"personal", b.Personal}, {"work", b.Work}, {"client", b.Client}} {
			if math.IsNaN(v.v) || v.v < 0 || v.v > 100 {
				return msgerr.OutOfRange(l, field().Child("burnout").Child(v.name), v.v, 0, 100, msg.MoodInputCbiSubscaleScale{})
			}
		}
		if sc.Total != 0 {
			return invalid(l, field().Child("total"), msg.MoodInputCbiTotal{Total: sc.Total})
		}
		return nil
	}
	if sc.Total < s.minTot || sc.Total > s.maxTot {
		return msgerr.OutOfRange(l, field().Child("total"), sc.Total, s.minTot, s.maxTot, msg.MoodInputTotalRange{Instrument: s.name})
	}
	if want := publishedBand(sc.Instrument, sc.Total); sc.Band != want {
		return invalid(l, field().Child("band"), msg.MoodInputBandMismatch{Band: strconv.Quote(sc.Band), Instrument: s.name, Total: sc.Total, Want: strconv.Quote(want)})
	}
	if sc.Crisis && sc.Total == 0 {
		return invalid(l, field().Child("crisis"), msg.MoodInputCrisisZeroTotal{})
	}
	if sc.Instrument == WHO5 {
		return checkWellbeing(l, sc, field)
	}
	return nil
}

// checkWellbeing verifies the WHO-5 details against the raw total.
func checkWellbeing(l *msg.Locale, sc *Screening, field func() callfloor.Path) error {
	w := sc.Wellbeing
	if w == nil {
		return msgerr.Required(l, field().Child("wellbeing"), msg.MoodInputWellbeing{})
	}
	if w.Percent != sc.Total*4 {
		return invalid(l, field().Child("wellbeing").Child("percent"), msg.MoodInputPercentMismatch{Percent: w.Percent, Total: sc.Total, Want: sc.Total * 4})
	}
	for i, item := range w.LowItems {
		if item < 1 || item > specWHO5.items || (i > 0 && item <= w.LowItems[i-1]) {
			return msgerr.Invalid(l, field().Child("wellbeing").Child("low_items").Index(i), item, msg.MoodInputLowItem{})
		}
	}
	if most := 25 - 4*len(w.LowItems); sc.Total > most {
		return invalid(l, field().Child("wellbeing").Child("low_items"), msg.MoodInputLowItemsTotal{N: len(w.LowItems), Most: most, Total: sc.Total})
	}
	if w.FollowUp != (len(w.LowItems) > 0) {
		return invalid(l, field().Child("wellbeing").Child("follow_up"), msg.MoodInputFollowUp{FollowUp: strconv.FormatBool(w.FollowUp), N: len(w.LowItems)})
	}
	return nil
}
