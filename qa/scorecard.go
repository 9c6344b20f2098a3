package qa

import (
	"math"
	"strings"

	"github.com/callfloor/callfloor"

	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/policyfile"
)

// ItemType is how an item is answered.
type ItemType string

const (
	// YesNo items are answered 1 (yes, done) or 0 (no, not done).
	YesNo ItemType = "yes_no"
	// Scale items are answered with a whole point of a rating scale
	// min..max; the point counts as (selected - min) / (max - min).
	Scale ItemType = "scale"
)

// Scope is what a critical item fails when it is failed.
type Scope string

const (
	// NotCritical items only lose their own weight.
	NotCritical Scope = ""
	// FailsEvaluation items, when failed, fail the whole evaluation:
	// score 0, not passed.
	FailsEvaluation Scope = "evaluation"
	// FailsSection items, when failed, set their section's score to 0.
	FailsSection Scope = "section"
)

type rawScorecard struct {
	ID           string       `yaml:"id,required"`
	Name         string       `yaml:"name"`
	Version      string       `yaml:"version,required"`
	PassMark     float64      `yaml:"pass_mark,required"`
	WeightsTotal *float64     `yaml:"weights_total"`
	Sections     []rawSection `yaml:"sections,required"`
}

type rawSection struct {
	ID           string    `yaml:"id,required"`
	Name         string    `yaml:"name"`
	Weight       float64   `yaml:"weight,required"`
	WeightsTotal *float64  `yaml:"weights_total"`
	Items        []rawItem `yaml:"items,required"`
}

type rawItem struct {
	ID       string    `yaml:"id,required"`
	Text     string    `yaml:"text,required"`
	Type     string    `yaml:"type,required"`
	Weight   *float64  `yaml:"weight"`
	AllowNA  bool      `yaml:"allow_na"`
	Critical string    `yaml:"critical"`
	Scale    *rawScale `yaml:"scale"`
	Good     string    `yaml:"good,required"`
	Fix      string    `yaml:"fix,required"`
	Phrases  []string  `yaml:"phrases"`
}

type rawScale struct {
	Min    int        `yaml:"min,required"`
	Max    int        `yaml:"max,required"`
	Labels []rawLabel `yaml:"labels"`
}

type rawLabel struct {
	Value int    `yaml:"value,required"`
	Label string `yaml:"label,required"`
}

// A Scorecard is one compiled scorecard of a policy: sections with weights,
// items with weights. It is immutable and safe for concurrent use.
//
// How a score is computed:
//
//   - Each answered item scores s in [0, 1]: a yes/no item 1 or 0; a scale
//     item (selected - min) / (max - min).
//   - A section's score is the weighted mean of its applicable items,
//     sum(w_i * s_i) / sum(w_i); an item answered N/A leaves both sums.
//   - The raw total is the weighted mean of the section scores over the
//     sections that have at least one applicable item, times 100.
//   - A critical item is failed when it scores 0 (no, or the lowest point
//     of its scale). A failed item of scope "section" sets its section's
//     score to 0 before the total is taken; a failed item of scope
//     "evaluation" sets the score to 0 and the evaluation does not pass.
//   - The evaluation passes when no evaluation-critical item failed and the
//     score is at or above the pass mark; a score short of the mark by
//     float rounding alone (under 1e-9 points) is at the mark.
//
// Each deduction's Lost is the number of points its item cost the score:
// its share of the raw total, and, on a failed critical item, what the
// failure took from the other answers of its section or of the
// evaluation; the Lost of all deductions add up to 100 - Score.
//
// Get a Scorecard from Policy.Scorecard or Policy.Scorecards. A nil or
// zero Scorecard never panics: Score, ScoreInto and Calibrate return
// ErrZeroScorecard, and every other method returns its zero value.
type Scorecard struct {
	id, name, version string
	passMark          float64
	sections          []section
	items             []item
	index             map[string]int
	itemIDs           []string
	policy            *Policy
	nCritical         int

	// passReason and failReason are the pass mark's reasons without
	// their facts, which ScoreInto writes for each result.
	passReason, failReason callfloor.Reason
}

type section struct {
	id, name   string
	weight     float64
	first, end int
}

type item struct {
	id, text, good, fix string
	section             int
	typ                 ItemType
	weight              float64
	allowNA             bool
	critical            Scope
	min, max            int
	labels              []ScalePoint
	criticalReason      callfloor.Reason

	// Compiled for Score: the scale's ends and span as floats; the score
	// of each point, (value - min) / (max - min), and its label (nil when
	// the scale has none), indexed by value - min.
	lo, hi, span float64
	points       []float64
	labelAt      []string

	// phrases are the phrases an evaluator may tick on a "no" to the
	// item, in policy order; nil when it lists none.
	phrases []string
}

// ScalePoint is a labelled point of a rating scale.
type ScalePoint struct {
	// Value is a whole point of the item's scale, min to max.
	// Label is the policy's label for the point.
	Value int    `json:"value"`
	Label string `json:"label"`
}

// SectionInfo describes a section of a scorecard.
type SectionInfo struct {
	// ID is the section's id.
	// Name is its display name; empty when the policy gives none.
	// Weight is its weight among the scorecard's sections, above 0.
	// Items are the ids of its items, in order.
	ID     string   `json:"id"`
	Name   string   `json:"name,omitempty"`
	Weight float64  `json:"weight"`
	Items  []string `json:"items"`
}

// ItemInfo describes an item of a scorecard, for a host that builds an
// evaluation form.
type ItemInfo struct {
	// ID is the item's id, unique in the scorecard.
	// Section is the id of its section.
	// Text says what the item checks.
	// Type is YesNo or Scale.
	// Weight is its weight within its section; 1 when the policy gives none.
	// AllowNA is true when the item may be answered N/A.
	// Critical is the item's scope when failed; NotCritical (empty) if none.
	// Min and Max are the ends of its scale: 0 and 1 for a yes/no item.
	// Labels are the labelled points of the scale, in policy order; nil when
	// none is labelled.
	// Good says what good looks like, and Fix how to fix a shortfall.
	// Phrases are the phrases the evaluator ticks, on a "no", for those
	// the agent said (the service standard's forbidden phrases), in
	// policy order; nil when the item lists none.
	ID       string       `json:"id"`
	Section  string       `json:"section"`
	Text     string       `json:"text"`
	Type     ItemType     `json:"type"`
	Weight   float64      `json:"weight"`
	AllowNA  bool         `json:"allow_na,omitempty"`
	Critical Scope        `json:"critical,omitempty"`
	Min      int          `json:"min"`
	Max      int          `json:"max"`
	Labels   []ScalePoint `json:"labels,omitempty"`
	Good     string       `json:"good"`
	Fix      string       `json:"fix"`
	Phrases  []string     `json:"phrases,omitempty"`
}

// ready reports whether s came from a compiled policy.
func (s *Scorecard) ready() bool { return s != nil && s.policy != nil }

// ID returns the scorecard's id; "" for a nil or zero Scorecard.
func (s *Scorecard) ID() string {
	if !s.ready() {
		return ""
	}
	return s.id
}

// Name returns the scorecard's display name; "" for a nil or zero
// Scorecard.
func (s *Scorecard) Name() string {
	if !s.ready() {
		return ""
	}
	return s.name
}

// Version returns the scorecard's declared version; "" for a nil or zero
// Scorecard.
func (s *Scorecard) Version() string {
	if !s.ready() {
		return ""
	}
	return s.version
}

// PassMark returns the score (0 to 100) at or above which an evaluation
// passes; 0 for a nil or zero Scorecard.
func (s *Scorecard) PassMark() float64 {
	if !s.ready() {
		return 0
	}
	return s.passMark
}

// Policy returns the policy the scorecard belongs to; nil for a nil or
// zero Scorecard.
func (s *Scorecard) Policy() *Policy {
	if !s.ready() {
		return nil
	}
	return s.policy
}

// Sections describes the scorecard's sections in order; nil for a nil or
// zero Scorecard.
func (s *Scorecard) Sections() []SectionInfo {
	if !s.ready() {
		return nil
	}
	out := make([]SectionInfo, len(s.sections))
	for i, sec := range s.sections {
		ids := make([]string, 0, sec.end-sec.first)
		for _, it := range s.items[sec.first:sec.end] {
			ids = append(ids, it.id)
		}
		out[i] = SectionInfo{ID: sec.id, Name: sec.name, Weight: sec.weight, Items: ids}
	}
	return out
}

// Items describes the scorecard's items in order; nil for a nil or zero
// Scorecard.
func (s *Scorecard) Items() []ItemInfo {
	if !s.ready() {
		return nil
	}
	out := make([]ItemInfo, len(s.items))
	for i, it := range s.items {
		out[i] = ItemInfo{
			ID: it.id, Section: s.sections[it.section].id, Text: it.text, Type: it.typ,
			Weight: it.weight, AllowNA: it.allowNA, Critical: it.critical,
			Min: it.min, Max: it.max, Labels: append([]ScalePoint(nil), it.labels...),
			Good: it.good, Fix: it.fix, Phrases: append([]string(nil), it.phrases...),
		}
		if it.phrases == nil {
			out[i].Phrases = nil
		}
	}
	return out
}

// weightsEqual compares declared and summed weights, allowing for the
// rounding of decimal weights such as 0.1 + 0.2.
func weightsEqual(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b))
}

func positiveWeight(doc *policyfile.Doc, path policyfile.Path, w float64) bool {
	if w <= 0 {
		doc.Report(path, msg.QaPolicyWeight{Got: fmtNum(w)})
		return false
	}
	return true
}

// checkID reports the id a policy declares at path as a what ("item
// id", a qa.what.*_id message) when it is empty, or not an id as callfloor.ValidID has it: ids
// join into the dotted rule paths of reasons, as in
// "scorecards.inbound_service.sections.manner.items.voice", which only
// such ids keep unambiguous.
func checkID(doc *policyfile.Doc, path policyfile.Path, what msg.Message, id string) {
	switch {
	case !doc.Has(path):
	case strings.TrimSpace(id) == "":
		doc.Report(path, msg.QaPolicyNotEmpty{})
	default:
		doc.ID(path, what, id)
	}
}

func compileScorecard(doc *policyfile.Doc, path policyfile.Path, raw *rawScorecard) *Scorecard {
	sc := &Scorecard{id: raw.ID, name: raw.Name, version: raw.Version, passMark: raw.PassMark, index: map[string]int{}}
	checkID(doc, path.Child("id"), msg.QaWhatScorecardId{}, raw.ID)
	scoreRange(doc, path.Child("pass_mark"), raw.PassMark)
	passRule := string(scorecardPath(raw.ID).Child("pass_mark"))
	l := doc.Locale()
	sc.passReason = reasonIn(l, passRule, callfloor.Fired, msg.QaReasonPassMarkMet{PassMark: fmtNum(raw.PassMark)})
	sc.failReason = reasonIn(l, passRule, callfloor.NotMet, msg.QaReasonPassMarkNotMet{PassMark: fmtNum(raw.PassMark)})

	secPath := path.Child("sections")
	if doc.Has(secPath) && len(raw.Sections) == 0 {
		doc.Report(secPath, msg.QaPolicyNoSection{})
	}
	firstSection := map[string]int{}
	firstItem := map[string]policyfile.Path{}
	var sum float64
	allWeightsValid := true
	for si := range raw.Sections {
		rs := &raw.Sections[si]
		sp := secPath.Index(si)
		if j, dup := firstSection[rs.ID]; dup && rs.ID != "" {
			line, _ := doc.Place(secPath.Index(j).Child("id"))
			doc.Report(sp.Child("id"), msg.QaPolicyDuplicateSection{Name: quoted(rs.ID), Line: line})
		} else {
			firstSection[rs.ID] = si
		}
		checkID(doc, sp.Child("id"), msg.QaWhatSectionId{}, rs.ID)
		if !positiveWeight(doc, sp.Child("weight"), rs.Weight) {
			allWeightsValid = false
		}
		sum += rs.Weight
		sec := section{id: rs.ID, name: rs.Name, weight: rs.Weight, first: len(sc.items)}
		itemsPath := sp.Child("items")
		if doc.Has(itemsPath) && len(rs.Items) == 0 {
			doc.Report(itemsPath, msg.QaPolicyNoItem{})
		}
		var isum float64
		itemWeightsValid := true
		for ii := range rs.Items {
			ip := itemsPath.Index(ii)
			it, ok := compileItem(doc, ip, &rs.Items[ii], si, rs.ID, scorecardPath(raw.ID).Child("sections").Key(rs.ID).Child("items").Key(rs.Items[ii].ID))
			if !ok {
				itemWeightsValid = false
			}
			isum += it.weight
			if first, dup := firstItem[it.id]; dup && it.id != "" {
				line, _ := doc.Place(first.Child("id"))
				doc.Report(ip.Child("id"), msg.QaPolicyDuplicateItem{Name: quoted(it.id), First: string(first), Line: line})
				continue
			}
			firstItem[it.id] = ip
			if it.critical != NotCritical {
				sc.nCritical++
			}
			sc.index[it.id] = len(sc.items)
			sc.itemIDs = append(sc.itemIDs, it.id)
			sc.items = append(sc.items, it)
		}
		if rs.WeightsTotal != nil && itemWeightsValid && len(rs.Items) > 0 && !weightsEqual(isum, *rs.WeightsTotal) {
			doc.Report(sp.Child("weights_total"), msg.QaPolicyItemWeights{Sum: fmtNum(isum), Declared: fmtNum(*rs.WeightsTotal)})
		}
		sec.end = len(sc.items)
		sc.sections = append(sc.sections, sec)
	}
	if raw.WeightsTotal != nil && allWeightsValid && len(raw.Sections) > 0 && !weightsEqual(sum, *raw.WeightsTotal) {
		doc.Report(path.Child("weights_total"), msg.QaPolicySectionWeights{Sum: fmtNum(sum), Declared: fmtNum(*raw.WeightsTotal)})
	}
	return sc
}

// compileItem checks one item; ok is false when its weight is invalid.
func compileItem(doc *policyfile.Doc, ip policyfile.Path, ri *rawItem, si int, sectionID string, rule callfloor.Path) (item, bool) {
	it := item{
		id: ri.ID, text: ri.Text, good: ri.Good, fix: ri.Fix, section: si,
		typ: ItemType(ri.Type), weight: 1, allowNA: ri.AllowNA, critical: Scope(ri.Critical),
	}
	checkID(doc, ip.Child("id"), msg.QaWhatItemId{}, ri.ID)
	for _, f := range [...]struct {
		name, v string
	}{{"text", ri.Text}, {"good", ri.Good}, {"fix", ri.Fix}} {
		if doc.Has(ip.Child(f.name)) && strings.TrimSpace(f.v) == "" {
			doc.Report(ip.Child(f.name), msg.QaPolicyItemText{})
		}
	}
	ok := true
	if ri.Weight != nil {
		it.weight = *ri.Weight
		ok = positiveWeight(doc, ip.Child("weight"), it.weight)
	}
	switch it.critical {
	case NotCritical:
	case FailsEvaluation, FailsSection:
		if ri.AllowNA {
			doc.Report(ip.Child("allow_na"), msg.QaPolicyCriticalNa{Scope: it.critical.name()})
		}
		if it.critical == FailsEvaluation {
			it.criticalReason = reasonIn(doc.Locale(), string(rule), callfloor.Fired, msg.QaReasonCriticalEvaluation{Item: quoted(ri.ID)})
		} else {
			it.criticalReason = reasonIn(doc.Locale(), string(rule), callfloor.Fired, msg.QaReasonCriticalSection{Item: quoted(ri.ID), Section: quoted(sectionID)})
		}
	default:
		doc.Report(ip.Child("critical"), msg.QaPolicyUnknownScope{Value: quoted(ri.Critical), Allowed: names(scopes)})
	}
	switch it.typ {
	case YesNo:
		it.min, it.max = 0, 1
		if ri.Scale != nil {
			doc.Report(ip.Child("scale"), msg.QaPolicyYesNoScale{})
		}
	case Scale:
		if ri.Scale == nil {
			if doc.Has(ip.Child("type")) {
				doc.Report(ip.Child("scale"), msg.QaPolicyScaleNeeded{})
			}
			break
		}
		compileScale(doc, ip.Child("scale"), ri.Scale, &it)
	default:
		doc.Report(ip.Child("type"), msg.QaPolicyUnknownItemType{Value: quoted(ri.Type), Allowed: names(itemTypes)})
	}
	compilePhrases(doc, ip.Child("phrases"), ri, &it)
	it.lo, it.hi, it.span = float64(it.min), float64(it.max), float64(it.max)-float64(it.min)
	if it.max > it.min && it.max-it.min <= maxScaleSpan {
		it.points = make([]float64, it.max-it.min+1)
		for k := range it.points {
			it.points[k] = float64(k) / it.span
		}
		if len(it.labels) > 0 {
			it.labelAt = make([]string, len(it.points))
			for _, l := range it.labels {
				it.labelAt[l.Value-it.min] = l.Label
			}
		}
	}
	return it, ok
}

// maxPhrases bounds the phrases of one item: a list an evaluator reads
// through on every call.
const maxPhrases = 50

// compilePhrases checks the phrases of an item: they belong to a yes/no
// item, which the evaluator answers "no" when the agent said one of them,
// each is said once and none is blank. A phrase that is a question (it
// ends in a question mark) belongs only to an item that fails the
// evaluation: the service standard strictly forbids a rhetorical or
// interrogating question, and on a lighter item the same words would
// pass a call that the item for that tone fails.
func compilePhrases(doc *policyfile.Doc, path policyfile.Path, ri *rawItem, it *item) {
	if !doc.Has(path) {
		return
	}
	if ri.Type != string(YesNo) {
		doc.Report(path, msg.QaPolicyPhrasesYesNo{})
		return
	}
	if len(ri.Phrases) == 0 {
		doc.Report(path, msg.QaPolicyNoPhrase{})
		return
	}
	if len(ri.Phrases) > maxPhrases {
		doc.Report(path, msg.QaPolicyTooManyPhrases{Max: maxPhrases, Got: len(ri.Phrases)})
		return
	}
	seen := map[string]int{}
	for i, ph := range ri.Phrases {
		switch j, dup := seen[ph]; {
		case strings.TrimSpace(ph) == "":
			doc.Report(path.Index(i), msg.QaPolicyNotEmpty{})
		case dup:
			doc.Report(path.Index(i), msg.QaPolicyPhraseTwice{Phrase: quoted(ph), First: j})
		case isQuestion(ph) && ri.Critical != string(FailsEvaluation):
			doc.Report(path.Index(i), msg.QaPolicyPhraseQuestion{Phrase: quoted(ph)})
			seen[ph] = i
		default:
			seen[ph] = i
		}
	}
	it.phrases = ri.Phrases
}

// isQuestion reports whether a phrase ends in a question mark, ASCII or
// full-width, trailing spaces aside.
func isQuestion(ph string) bool {
	ph = strings.TrimSpace(ph)
	return strings.HasSuffix(ph, "?") || strings.HasSuffix(ph, "？")
}

// phraseIndex returns the index of ph among the item's phrases, or -1.
func (it *item) phraseIndex(ph string) int {
	for i, p := range it.phrases {
		if p == ph {
			return i
		}
	}
	return -1
}

// maxScaleSpan is the widest scale, max - min: 101 points; maxScaleEnd
// bounds min and max.
const (
	maxScaleSpan = 100
	maxScaleEnd  = 1000
)

func compileScale(doc *policyfile.Doc, path policyfile.Path, rs *rawScale, it *item) {
	it.min, it.max = rs.Min, rs.Max
	bad := false
	for _, end := range [...]struct {
		name string
		v    int
	}{{"min", rs.Min}, {"max", rs.Max}} {
		if end.v < -maxScaleEnd || end.v > maxScaleEnd {
			doc.Report(path.Child(end.name), msg.QaPolicyScaleEnd{Value: end.v, Max: maxScaleEnd})
			bad = true
		}
	}
	if bad {
		return
	}
	if rs.Min >= rs.Max {
		doc.Report(path.Child("max"), msg.QaPolicyMaxAboveMin{Max: rs.Max, Min: rs.Min})
		return
	}
	if rs.Max-rs.Min > maxScaleSpan {
		doc.Report(path.Child("max"), msg.QaPolicyScalePoints{Points: maxScaleSpan + 1, Min: rs.Min, Max: rs.Max, Has: rs.Max - rs.Min + 1})
		return
	}
	seen := map[int]int{}
	for i, l := range rs.Labels {
		lp := path.Child("labels").Index(i)
		if l.Value < rs.Min || l.Value > rs.Max {
			doc.Report(lp.Child("value"), msg.QaPolicyOffScale{Value: l.Value, Min: rs.Min, Max: rs.Max})
			continue
		}
		if j, dup := seen[l.Value]; dup {
			doc.Report(lp.Child("value"), msg.QaPolicyLabelledTwice{Value: l.Value, First: j})
			continue
		}
		seen[l.Value] = i
		it.labels = append(it.labels, ScalePoint(l))
	}
}

// scorecardPath is the place of a scorecard's rules in the policy, by its
// id: "scorecards.inbound_service".
func scorecardPath(id string) callfloor.Path {
	return callfloor.Path("scorecards").Key(id)
}
