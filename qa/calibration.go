package qa

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
)

// A CalibrationSession is several evaluators scoring the same interaction
// with the same scorecard, to see how far apart they are.
type CalibrationSession struct {
	// ID is the host's id of the session, copied to Calibration.Session.
	// Interaction is the host's id of the interaction scored; optional. When
	// set, an evaluation that names another interaction is refused.
	// At is when the session took place, copied to Calibration.At.
	ID          string    `json:"id"`
	Interaction string    `json:"interaction,omitempty"`
	At          time.Time `json:"at"`
	// Expert names the evaluator whose evaluation is the reference. Empty
	// means the reference is the median of all evaluators.
	Expert string `json:"expert,omitempty"`
	// Evaluations holds one complete evaluation per evaluator, each of
	// the session's interaction with the same scorecard.
	Evaluations []Evaluation `json:"evaluations"`
}

// EvaluatorDeviation is one evaluator's score in a session against the
// reference.
type EvaluatorDeviation struct {
	// Evaluator is the evaluator's id.
	// Score is the evaluator's score of the interaction, 0 to 100, after
	// critical failures (Result.Score).
	Evaluator string  `json:"evaluator"`
	Score     float64 `json:"score"`
	// Deviation is Score minus the reference: below zero is harsher,
	// above zero more lenient.
	Deviation float64 `json:"deviation"`
	// Expert marks the evaluator whose score is the reference.
	Expert bool `json:"expert,omitempty"`
	// OutsideTolerance is true when |Deviation| exceeds the policy's
	// calibration tolerance.
	OutsideTolerance bool `json:"outside_tolerance"`
}

// ItemValue is one evaluator's answer to an item in a session.
type ItemValue struct {
	// Evaluator is the evaluator's id.
	// Value is the answer as given, on the item's scale; 0 when NA.
	// NA is true when the evaluator answered the item N/A; Score is then 0.
	Evaluator string  `json:"evaluator"`
	Value     float64 `json:"value"`
	NA        bool    `json:"na,omitempty"`
	// Score is the answer as an item score, 0 to 1.
	Score float64 `json:"score"`
	// Differs is true when the answer differs from the reference answer.
	Differs bool `json:"differs"`
}

// ItemDisagreement is an item on which the evaluators did not all give
// the same answer.
type ItemDisagreement struct {
	// Item is the item's id.
	Item string `json:"item"`
	// Reference is the reference item score (0 to 1): the expert's, or
	// the median; ReferenceNA when the reference is N/A.
	Reference   float64 `json:"reference"`
	ReferenceNA bool    `json:"reference_na,omitempty"`
	// Values holds every evaluator's answer, in the session's order.
	Values []ItemValue `json:"values"`
	// Spread is the highest minus the lowest item score given.
	Spread float64 `json:"spread"`
}

// Agreement is Krippendorff's alpha across the evaluators of a session,
// over the item scores (0 to 1), with N/A as missing data.
type Agreement struct {
	// Nominal is alpha with the item scores as categories, Ordinal alpha with
	// them as ranks: 1 is perfect agreement, 0 no better than chance, and
	// below 0 systematic disagreement.
	Nominal float64 `json:"nominal"`
	Ordinal float64 `json:"ordinal"`
	// Units is the number of items with at least two answers.
	Units int `json:"units"`
}

// Calibration is the outcome of a calibration session.
type Calibration struct {
	// Session is the session's ID and At its time, copied from the session.
	// Scorecard is the id of the scorecard used.
	Session   string    `json:"session"`
	Scorecard string    `json:"scorecard"`
	At        time.Time `json:"at"`
	// Reference is the reference score: the expert's, or the median.
	Reference float64 `json:"reference"`
	// ReferenceBy says whose score is the reference: ReferenceExpert
	// (then Expert is the expert's id) or ReferenceMedian.
	ReferenceBy ReferenceKind `json:"reference_by"`
	// Expert is the id of the expert whose score is the reference; empty
	// when the reference is the median.
	Expert string `json:"expert,omitempty"`
	// Evaluators holds every evaluator's deviation, in the session's order.
	Evaluators []EvaluatorDeviation `json:"evaluators"`
	// Disagreements lists, in scorecard order, the items where the
	// evaluators did not all give the same answer.
	Disagreements []ItemDisagreement `json:"disagreements,omitempty"`
	// Agreement is nil when alpha is undefined: no item was answered by
	// two evaluators, or every answer was the same (perfect agreement on
	// a single value, which chance correction cannot measure).
	Agreement *Agreement `json:"agreement,omitempty"`
	// Flagged lists, sorted, the evaluators outside the tolerance.
	// Reasons note an undefined alpha, state the reference, then give each
	// flagged evaluator's deviation, in the session's order.
	// Policy names the policy that produced the calibration.
	Flagged []string           `json:"flagged,omitempty"`
	Reasons []callfloor.Reason `json:"reasons"`
	Policy  callfloor.Identity `json:"policy"`
}

// Calibrate scores every evaluation of the session and compares the
// evaluators: each one's deviation from the reference score, the items
// where they disagree, Krippendorff's alpha (nominal and ordinal) over
// the item scores, and who lies outside the policy's tolerance.
// Evaluators appear in the order of the session.
func (s *Scorecard) Calibrate(cs CalibrationSession) (Calibration, error) {
	if !s.ready() {
		return Calibration{}, ErrZeroScorecard
	}
	scores, expert, err := s.scoreSession(&cs)
	if err != nil {
		return Calibration{}, err
	}
	p := s.policy
	c := Calibration{Session: cs.ID, Scorecard: s.id, At: cs.At, Policy: p.id}
	c.compare(&cs, scores, expert, p.calibration.tolerance)
	units := s.disagreements(&c, &cs, expert)
	if err := c.agree(p.locale(), units); err != nil {
		return Calibration{}, err
	}
	c.explain(p.locale(), p.calibration.tolerance)
	return c, nil
}

// scoreSession checks the session and scores each of its evaluations; it
// returns the scores, in the session's order, and the index of the
// expert's evaluation, or -1 when the session names no expert.
func (s *Scorecard) scoreSession(cs *CalibrationSession) (scores []float64, expert int, err error) {
	l := s.policy.locale()
	if len(cs.Evaluations) < 2 {
		return nil, 0, inputErr(l, callfloor.ErrInvalid, "session.evaluations", msg.QaInputCalibrationTooFew{N: len(cs.Evaluations)})
	}
	if m := timeProblem(cs.At); m != nil {
		return nil, 0, inputErr(l, callfloor.ErrInvalid, "session.at", m)
	}
	n := len(cs.Evaluations)
	scores = make([]float64, n)
	seen := make(map[string]int, n)
	expert = -1
	var r Result
	for i, ev := range cs.Evaluations {
		f := "session.evaluations[" + itoa(i) + "]"
		if ev.Evaluator == "" {
			return nil, 0, required(l, f+".evaluator")
		}
		if cs.Interaction != "" && ev.Interaction != "" && ev.Interaction != cs.Interaction {
			return nil, 0, inputErr(l, callfloor.ErrInvalid, f+".interaction", msg.QaInputOtherInteraction{Interaction: quoted(ev.Interaction), Session: quoted(cs.Interaction)})
		}
		if j, dup := seen[ev.Evaluator]; dup {
			return nil, 0, msgerr.Duplicate(l, callfloor.Path(f+".evaluator"), ev.Evaluator, callfloor.Path(fmt.Sprintf("session.evaluations[%d].evaluator", j)))
		}
		seen[ev.Evaluator] = i
		if ev.Evaluator == cs.Expert {
			expert = i
		}
		// Only the score is kept: one result is reused for them all.
		if err := s.ScoreInto(&r, ev); err != nil {
			return nil, 0, rebase(err, "evaluation", f)
		}
		scores[i] = r.Score
	}
	if cs.Expert != "" && expert < 0 {
		return nil, 0, inputErr(l, callfloor.ErrNotSupported, "session.expert", msg.QaInputExpertMissing{Expert: quoted(cs.Expert)})
	}
	return scores, expert, nil
}

// compare sets the reference score (the expert's, or the median) and
// each evaluator's deviation from it, flagging those beyond tol.
func (c *Calibration) compare(cs *CalibrationSession, scores []float64, expert int, tol float64) {
	if expert >= 0 {
		c.Reference, c.ReferenceBy, c.Expert = scores[expert], ReferenceExpert, cs.Expert
	} else {
		c.Reference, c.ReferenceBy = median(scores), ReferenceMedian
	}
	c.Evaluators = make([]EvaluatorDeviation, len(scores))
	for i, ev := range cs.Evaluations {
		d := scores[i] - c.Reference
		out := beyond(math.Abs(d), tol)
		c.Evaluators[i] = EvaluatorDeviation{Evaluator: ev.Evaluator, Score: scores[i], Deviation: d, Expert: i == expert, OutsideTolerance: out}
		if out {
			c.Flagged = append(c.Flagged, ev.Evaluator)
		}
	}
	sort.Strings(c.Flagged)
}

// disagreements lists, in scorecard order, the items the evaluators did
// not all answer alike, each against its reference (the expert's answer,
// or the median of the item scores). It returns every item's scores, the
// units of Krippendorff's alpha.
func (s *Scorecard) disagreements(c *Calibration, cs *CalibrationSession, expert int) [][]float64 {
	n, m := len(cs.Evaluations), len(s.items)
	// Item answers, indexed [item][evaluator].
	answers := make([]Answer, m*n)
	for i, ev := range cs.Evaluations {
		for _, a := range ev.Answers {
			answers[s.index[a.Item]*n+i] = a
		}
	}
	units := make([][]float64, 0, m)
	unitBuf := make([]float64, m*n)
	itemScores := make([]float64, n)
	for idx := range s.items {
		it := &s.items[idx]
		row := answers[idx*n : idx*n+n]
		unit := unitBuf[idx*n : idx*n : idx*n+n]
		answered := itemScores[:0]
		allSame := true
		for _, a := range row {
			if !a.NA {
				sc := it.scoreOf(a.Value)
				unit = append(unit, sc)
				answered = append(answered, sc)
			}
			if a.NA != row[0].NA || a.Value != row[0].Value {
				allSame = false
			}
		}
		units = append(units, unit)
		if !allSame {
			c.Disagreements = append(c.Disagreements, it.disagreement(cs, row, answered, expert))
		}
	}
	return units
}

// disagreement compares the evaluators' answers to one item, row, whose
// answered item scores are answered, against its reference.
func (it *item) disagreement(cs *CalibrationSession, row []Answer, answered []float64, expert int) ItemDisagreement {
	n := len(row)
	d := ItemDisagreement{Item: it.id}
	switch {
	case expert >= 0:
		d.ReferenceNA = row[expert].NA
		if !d.ReferenceNA {
			d.Reference = it.scoreOf(row[expert].Value)
		}
	case len(answered)*2 < n:
		d.ReferenceNA = true
	default:
		d.Reference = median(answered)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	d.Values = make([]ItemValue, n)
	for i, a := range row {
		v := ItemValue{Evaluator: cs.Evaluations[i].Evaluator, Value: a.Value, NA: a.NA}
		if !a.NA {
			v.Score = it.scoreOf(a.Value)
			lo, hi = math.Min(lo, v.Score), math.Max(hi, v.Score)
		}
		v.Differs = a.NA != d.ReferenceNA || (!a.NA && v.Score != d.Reference)
		d.Values[i] = v
	}
	if hi >= lo {
		d.Spread = hi - lo
	}
	return d
}

// agree sets Krippendorff's alpha, nominal and ordinal, over the item
// scores, or states why it is undefined.
func (c *Calibration) agree(l *msg.Locale, units [][]float64) error {
	nominal, err := Alpha(Nominal, units)
	switch {
	case errors.Is(err, ErrAlphaUndefined):
		c.Reasons = append(c.Reasons, reasonIn(l, "calibration.alpha", callfloor.NotEvaluated, msg.QaReasonAlphaUndefined{}))
		return nil
	case err != nil:
		return err
	}
	ordinal, err := Alpha(Ordinal, units)
	if err != nil {
		return err
	}
	pairable := 0
	for _, u := range units {
		if len(u) >= 2 {
			pairable++
		}
	}
	c.Agreement = &Agreement{Nominal: nominal, Ordinal: ordinal, Units: pairable}
	return nil
}

// explain states the reference and each flagged evaluator's deviation.
func (c *Calibration) explain(l *msg.Locale, tol float64) {
	if c.ReferenceBy == ReferenceExpert {
		c.Reasons = append(c.Reasons, reasonIn(l, "calibration.reference", callfloor.Fired,
			msg.QaReasonReferenceExpert{Reference: fmtScore(c.Reference), Expert: c.Expert}, fact("reference", c.Reference)))
	} else {
		c.Reasons = append(c.Reasons, reasonIn(l, "calibration.reference", callfloor.Fired,
			msg.QaReasonReferenceMedian{Reference: fmtScore(c.Reference)}, fact("reference", c.Reference)))
	}
	for _, e := range c.Evaluators {
		if e.OutsideTolerance {
			c.Reasons = append(c.Reasons, reasonIn(l, "calibration.tolerance", callfloor.Fired,
				msg.QaReasonEvaluatorTolerance{Evaluator: e.Evaluator, Score: fmtScore(e.Score), Deviation: fmtSigned(e.Deviation), Tolerance: fmtNum(tol)},
				fact("score", e.Score), fact("deviation", e.Deviation), fact("tolerance", tol)))
		}
	}
}

// scoreOf is a valid answer's item score, 0 to 1.
func (it *item) scoreOf(v float64) float64 { return (v - it.lo) / it.span }

// median of a non-empty slice, which it leaves as it was.
func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	h := len(s) / 2
	if len(s)%2 == 1 {
		return s[h]
	}
	return (s[h-1] + s[h]) / 2
}

func fmtScore(v float64) string { return fmt.Sprintf("%.1f", v) }

func fmtSigned(v float64) string { return fmt.Sprintf("%+.1f", v) }

// Lean is an evaluator's tendency across calibration sessions.
type Lean struct {
	// Evaluator is the evaluator's id.
	Evaluator string `json:"evaluator"`
	// Sessions counts the sessions in which the evaluator was not the
	// expert.
	Sessions int `json:"sessions"`
	// MeanDeviation is the mean signed deviation from the reference: below
	// zero harsher, above zero more lenient.
	MeanDeviation float64 `json:"mean_deviation"`
	// MeanAbsDeviation is the mean distance from the reference, in either
	// direction: an evaluator can be far off and still balanced.
	MeanAbsDeviation float64 `json:"mean_abs_deviation"`
	// Direction is Harsher, MoreLenient, Balanced, or TooFewSessions when
	// there are fewer sessions than the policy's lean_min_sessions.
	Direction Direction `json:"direction"`
	// OutsideTolerance is true when |MeanDeviation| exceeds the tolerance.
	// Reasons give the direction (or too few sessions) with the figures, then
	// "outside_tolerance" when it applies.
	// Policy names the policy that produced the lean.
	OutsideTolerance bool               `json:"outside_tolerance"`
	Reasons          []callfloor.Reason `json:"reasons"`
	Policy           callfloor.Identity `json:"policy"`
}

// Direction is which way an evaluator leans against the reference.
type Direction string

// The directions of a Lean.
const (
	// Harsher evaluators score below the reference on average, by at
	// least the policy's lean_threshold.
	Harsher Direction = "harsher"
	// MoreLenient evaluators score above the reference on average, by
	// at least the lean_threshold.
	MoreLenient Direction = "more_lenient"
	// Balanced evaluators stay within the lean_threshold on average.
	Balanced Direction = "balanced"
	// TooFewSessions is given while an evaluator has taken part in fewer
	// calibrations than lean_min_sessions, as a non-expert.
	TooFewSessions Direction = "too_few_sessions"
)

// ReferenceKind says whose score a calibration measures the evaluators
// against.
type ReferenceKind string

// The references of a Calibration.
const (
	// ReferenceExpert: the score of the session's designated expert.
	ReferenceExpert ReferenceKind = "expert"
	// ReferenceMedian: the median of the evaluators' scores, when the
	// session names no expert.
	ReferenceMedian ReferenceKind = "median"
)

// Leans finds each evaluator's lean over several calibrations: the mean
// signed deviation across the sessions in which they were not the expert.
// A mean at or beyond the policy's lean_threshold (in either direction)
// over at least lean_min_sessions sessions is a consistent lean.
// Evaluators are sorted by id.
func (p *Policy) Leans(cals []Calibration) ([]Lean, error) {
	if !p.ready() {
		return nil, ErrZeroPolicy
	}
	loc := p.locale()
	type acc struct {
		n        int
		sum, abs float64
	}
	accs := map[string]*acc{}
	for i, c := range cals {
		for j, e := range c.Evaluators {
			f := fmt.Sprintf("calibrations[%d].evaluators[%d]", i, j)
			if e.Evaluator == "" {
				return nil, required(loc, f+".evaluator")
			}
			if !finite(e.Deviation) || math.Abs(e.Deviation) > 100 {
				return nil, msgerr.OutOfRange(loc, callfloor.Path(f+".deviation"), e.Deviation, -100, 100, msg.QaWhatDeviations{})
			}
			a := accs[e.Evaluator]
			if a == nil {
				a = &acc{}
				accs[e.Evaluator] = a
			}
			if e.Expert {
				continue
			}
			a.n++
			a.sum += e.Deviation
			a.abs += math.Abs(e.Deviation)
		}
	}
	cs := p.calibration
	out := make([]Lean, 0, len(accs))
	for _, id := range sortedKeys(accs) {
		a := accs[id]
		l := Lean{Evaluator: id, Sessions: a.n, Policy: p.id}
		if a.n > 0 {
			l.MeanDeviation, l.MeanAbsDeviation = a.sum/float64(a.n), a.abs/float64(a.n)
		}
		l.OutsideTolerance = beyond(math.Abs(l.MeanDeviation), cs.tolerance)
		switch {
		case a.n < cs.leanMinSessions:
			l.Direction = TooFewSessions
			l.Reasons = append(l.Reasons, reasonIn(loc, "calibration.lean_min_sessions", callfloor.NotEvaluated,
				msg.QaReasonLeanMinSessions{Sessions: msg.QaCountSession{N: a.n}, Min: cs.leanMinSessions},
				fact("sessions", a.n), fact("lean_min_sessions", cs.leanMinSessions)))
		case atLeast(-l.MeanDeviation, cs.leanThreshold):
			l.Direction = Harsher
		case atLeast(l.MeanDeviation, cs.leanThreshold):
			l.Direction = MoreLenient
		default:
			l.Direction = Balanced
		}
		if l.Direction != TooFewSessions {
			// A balanced evaluator's deviation was weighed against the
			// threshold and did not reach it.
			o := callfloor.Fired
			if l.Direction == Balanced {
				o = callfloor.NotMet
			}
			l.Reasons = append(l.Reasons, reasonIn(loc, "calibration.lean_threshold", o,
				msg.QaReasonLeanThreshold{Deviation: fmtSigned(l.MeanDeviation), Sessions: a.n, Threshold: fmtNum(cs.leanThreshold)},
				fact("mean_deviation", l.MeanDeviation), fact("sessions", a.n), fact("lean_threshold", cs.leanThreshold)))
		}
		if l.OutsideTolerance {
			l.Reasons = append(l.Reasons, reasonIn(loc, "calibration.tolerance", callfloor.Fired,
				msg.QaReasonLeanTolerance{Deviation: fmtSigned(l.MeanDeviation), Tolerance: fmtNum(cs.tolerance)},
				fact("mean_deviation", l.MeanDeviation), fact("tolerance", cs.tolerance)))
		}
		out = append(out, l)
	}
	return out, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
