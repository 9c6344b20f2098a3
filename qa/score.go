package qa

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/callfloor/callfloor"

	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
	"github.com/callfloor/callfloor/internal/timerange"
)

// An Evaluation is one scored interaction: who evaluated whom, from which
// source, and an answer for every item of the scorecard.
type Evaluation struct {
	// ID, Agent and Evaluator are the host's ids, carried into the
	// result. A dispute needs the Agent: only they may raise it.
	ID        string `json:"id,omitempty"`
	Agent     string `json:"agent,omitempty"`
	Evaluator string `json:"evaluator,omitempty"`
	// Source is who evaluated; the policy says which sources count
	// toward pay.
	Source Source `json:"source"`
	// Scorecard is the id of the scorecard used. Score checks it when it
	// is set; OpenDispute needs it to find the scorecard again.
	Scorecard string `json:"scorecard,omitempty"`
	// Interaction is the host's id of the call or chat evaluated;
	// Calibrate checks it against the session's, and the result carries
	// it, so that discipline counts one call once.
	Interaction string `json:"interaction,omitempty"`
	// At is when the evaluation was made; the dispute window runs from it.
	// Answers holds one answer per item of the scorecard, in any order.
	At      time.Time `json:"at"`
	Answers []Answer  `json:"answers"`
}

// An Answer answers one item: Value 1 (yes) or 0 (no) for a yes/no item, a
// whole point min..max for a scale item; or NA for an item that allows it
// (Value is then 0). Note is the evaluator's remark, carried into the
// result. On an item that lists phrases (the service standard's
// forbidden phrases), Phrases are those the evaluator ticked as heard: a
// "no" may tick any of them, so that the result and the feedback say
// which was said; an answer that ticks one is a "no".
type Answer struct {
	// Item is the id of the scorecard item answered.
	// Value is the answer: 1 or 0 for a yes/no item, a whole point of the
	// scale for a scale item, 0 when NA.
	// NA answers the item N/A; allowed only where the item allows it.
	// Note is the evaluator's remark; optional.
	// Phrases are the item's phrases ticked as heard, each as the policy
	// lists it, none twice; only on a "no" to an item that lists phrases.
	Item    string   `json:"item"`
	Value   float64  `json:"value"`
	NA      bool     `json:"na,omitempty"`
	Note    string   `json:"note,omitempty"`
	Phrases []string `json:"phrases,omitempty"`
}

// ItemOutcome is one item of a result, a strength or a deduction.
type ItemOutcome struct {
	// Item is the item's id and Section the id of its section.
	Item    string `json:"item"`
	Section string `json:"section"`
	// Text says what the item checks.
	Text string `json:"text"`
	// Score is the item's score, 0 to 1.
	Score float64 `json:"score"`
	// Value is the answer; Label its scale point's label, if it has one.
	// Weight is the item's weight within its section.
	Value  float64 `json:"value"`
	Label  string  `json:"label,omitempty"`
	Weight float64 `json:"weight"`
	// Lost is how many points of the score (0 to 100) the item cost: its
	// weight's share of the raw total, and, on a failed critical item,
	// the points its failure took from what the other answers earned (the
	// rest of its section, or the rest of the score), counted on the
	// first such item of a section or of the evaluation. The deductions
	// add up to 100 minus Score: an argument that zeroes its section of
	// 25 points loses 25.
	Lost float64 `json:"lost,omitempty"`
	// Critical is the scope of a failed critical item, else empty.
	Critical Scope `json:"critical,omitempty"`
	// Good says what good looks like (set on strengths), Fix how to fix it
	// (set on deductions).
	// Note is the evaluator's note on the answer; empty when none.
	// Phrases are the phrases the evaluator ticked as heard, in the
	// order the item lists them (set on deductions); nil when none.
	Good    string   `json:"good,omitempty"`
	Fix     string   `json:"fix,omitempty"`
	Note    string   `json:"note,omitempty"`
	Phrases []string `json:"phrases,omitempty"`
}

// SectionScore is one section of a result.
type SectionScore struct {
	// Section is the section's id.
	// Weight is the section's weight in the scorecard.
	Section string  `json:"section"`
	Weight  float64 `json:"weight"`
	// Score is 0 to 100; 0 when the section is not applicable.
	Score float64 `json:"score"`
	// Applicable is false when every item of the section was N/A; the
	// section then leaves the total.
	Applicable bool `json:"applicable"`
	// CriticalFailed is true when a section-critical item failed and set
	// the section to 0.
	CriticalFailed bool `json:"critical_failed,omitempty"`
}

// Result is a scored evaluation.
type Result struct {
	// Evaluation, Agent, Evaluator, Source and At repeat the
	// evaluation's ID, Agent, Evaluator, Source and At.
	Evaluation string    `json:"evaluation,omitempty"`
	Agent      string    `json:"agent,omitempty"`
	Evaluator  string    `json:"evaluator,omitempty"`
	Source     Source    `json:"source"`
	At         time.Time `json:"at"`
	// Interaction repeats the evaluation's Interaction: two results of
	// one call (a QA evaluator's and a lead's) are one incident to
	// discipline, which can tell them apart only by it.
	Interaction string `json:"interaction,omitempty"`
	// Scorecard and ScorecardVersion name the scorecard as the policy
	// declares it; PassMark is its pass mark.
	Scorecard        string `json:"scorecard"`
	ScorecardVersion string `json:"scorecard_version"`
	// Score is 0 to 100: RawScore after critical failures.
	Score float64 `json:"score"`
	// RawScore is the score the answers earn before any critical item
	// zeroes a section or the evaluation.
	// PassMark is the scorecard's pass mark, 0 to 100.
	// Passed is true when no evaluation-critical item failed and Score is at
	// or above PassMark.
	RawScore float64 `json:"raw_score"`
	PassMark float64 `json:"pass_mark"`
	Passed   bool    `json:"passed"`
	// PayRelevant is true when the policy counts evaluations of this
	// source toward pay-relevant figures.
	PayRelevant bool `json:"pay_relevant"`
	// CriticalFailed lists the ids of failed critical items of either
	// scope, in scorecard order.
	// Sections holds every section of the scorecard, in order, applicable or
	// not.
	CriticalFailed []string       `json:"critical_failed,omitempty"`
	Sections       []SectionScore `json:"sections"`
	// Strengths are the items with full marks, Deductions those below, in
	// scorecard order. Items answered N/A are in neither.
	Strengths  []ItemOutcome `json:"strengths,omitempty"`
	Deductions []ItemOutcome `json:"deductions,omitempty"`
	// Reasons name the failed critical items, whether the pass mark was
	// met, and whether the source counts toward pay.
	Reasons []callfloor.Reason `json:"reasons"`
	// Policy names the policy that produced the result.
	Policy callfloor.Identity `json:"policy"`

	// facts holds the figures of the pass mark's reason, and phrases the
	// ticked phrases the deductions' Phrases slice, so that a reused
	// result writes them without allocating.
	facts   []callfloor.Fact
	phrases []string
}

// stackItems and stackSections bound the scorecards whose working state
// Score keeps on the stack; larger ones take it from the heap.
const (
	stackItems    = 64
	stackSections = 16
)

// ErrZeroScorecard is the error of Score, ScoreInto and Calibrate called
// on a nil or zero Scorecard, one not obtained from a compiled Policy.
var ErrZeroScorecard = errors.New("qa: nil or zero Scorecard; get one from Policy.Scorecard")

var (
	errNoResult = errors.New("qa: ScoreInto needs a *Result to write into, got nil")
)

// Score validates an evaluation against the scorecard and scores it; see
// Scorecard for how. Every item needs exactly one answer, in any order
// (answers in the scorecard's order, as Items lists them, are matched
// fastest). An unknown item, a second answer, a missing answer, N/A on an
// item that does not allow it, and a value off the scale, not whole or
// not finite are returned as an *InputError naming the field. An
// evaluation whose every item is N/A cannot be scored.
//
// The evaluation passes when no evaluation-critical item failed and the
// score is at or above the pass mark; a score that falls short of the
// mark only by float rounding (less than 1e-9 points) is at the mark.
//
// The result owns its slices; they are nil when empty.
func (s *Scorecard) Score(ev Evaluation) (Result, error) {
	var r Result
	if err := s.ScoreInto(&r, ev); err != nil {
		return Result{}, err
	}
	return r, nil
}

// ScoreInto is Score writing its result into *dst and reusing the
// capacity of dst's slices, for a host that scores many evaluations in a
// loop: once the slices have grown it allocates nothing. Everything in
// *dst is overwritten, so a result kept from an earlier call must not
// share dst's slices (copy it, or score it with Score). Empty slices may
// be left non-nil. On error *dst is unchanged.
func (s *Scorecard) ScoreInto(dst *Result, ev Evaluation) error {
	if !s.ready() {
		return ErrZeroScorecard
	}
	if dst == nil {
		return errNoResult
	}
	src, err := s.checkHead(&ev)
	if err != nil {
		return err
	}
	// The working state lives on the stack for scorecards up to
	// stackItems items and stackSections sections.
	var bufs tallyBufs
	t := newTally(&bufs, len(s.items), len(s.sections))
	if err := s.count(&t, ev.Answers); err != nil {
		return err
	}
	if err := s.complete(&t); err != nil {
		return err
	}
	// The evaluation is valid: from here on only *dst changes.
	s.write(dst, &t, &ev, src)
	return nil
}

// tally is an evaluation's answers checked and added up, before anything
// is written to a result.
type tally struct {
	// state[idx] is 0 while item idx is unanswered, -1 when it is N/A,
	// and k+1 when answers[k] answers it at point[idx], the index of the
	// value on the item's scale.
	state []int32
	point []uint8
	// weight[si] and sum[si] add up the applicable weight and weighted
	// score of section si; crit[si] marks a failed section-critical item.
	weight, sum []float64
	crit        []bool
	// nStrong, nWeak and nCrit count the strengths, the deductions and
	// the failed critical items; failsEvaluation marks a failed
	// evaluation-critical item.
	nStrong, nWeak, nCrit int
	failsEvaluation       bool
	// nPhrases counts the phrases ticked on the answers.
	nPhrases int
	// den is the total weight of the sections with an applicable item.
	den float64
}

// tallyBufs holds a tally's working state for scorecards small enough to
// keep it on the stack.
type tallyBufs struct {
	state       [stackItems]int32
	point       [stackItems]uint8
	weight, sum [stackSections]float64
	crit        [stackSections]bool
}

// newTally returns an empty tally for n items in m sections, in b when
// they fit.
func newTally(b *tallyBufs, n, m int) tally {
	var t tally
	if n <= stackItems {
		t.state, t.point = b.state[:n], b.point[:n]
	} else {
		t.state, t.point = make([]int32, n), make([]uint8, n)
	}
	if m <= stackSections {
		t.weight, t.sum, t.crit = b.weight[:m], b.sum[:m], b.crit[:m]
	} else {
		t.weight, t.sum, t.crit = make([]float64, m), make([]float64, m), make([]bool, m)
	}
	return t
}

// checkHead checks what the evaluation says about itself (its source,
// scorecard and time) and returns the index of its source.
func (s *Scorecard) checkHead(ev *Evaluation) (int, error) {
	l := s.policy.locale()
	src, ok := sourceIndex(ev.Source)
	if !ok {
		return 0, msgerr.NotSupported(l, "evaluation.source", msg.QaWhatSource{}, string(ev.Source), names(sources))
	}
	if ev.Scorecard != "" && ev.Scorecard != s.id {
		return 0, inputErr(l, callfloor.ErrInvalid, "evaluation.scorecard", msg.QaInputOtherScorecard{Got: quoted(ev.Scorecard), Want: quoted(s.id)})
	}
	if !timerange.Storable(ev.At) {
		return 0, inputErr(l, callfloor.ErrInvalid, "evaluation.at", timeProblem(ev.At))
	}
	return src, nil
}

// count checks each answer and adds it to the tally.
func (s *Scorecard) count(t *tally, answers []Answer) error {
	n := len(s.items)
	for i := range answers {
		a := &answers[i]
		// Answers usually come in scorecard order: try the item at the
		// same position before the index.
		idx := i
		if idx >= n || s.items[idx].id != a.Item {
			var ok bool
			if idx, ok = s.index[a.Item]; !ok {
				return msgerr.NotSupported(s.policy.locale(), callfloor.Path("evaluation.answers["+itoa(i)+"].item"), msg.QaWhatItem{}, a.Item, s.itemIDs)
			}
		}
		it := &s.items[idx]
		if t.state[idx] != 0 {
			return answerErr(s.policy.locale(), callfloor.ErrDuplicate, i, "item", msg.QaInputAnsweredTwice{Item: quoted(a.Item)})
		}
		v := a.Value
		// A whole point of the scale. NaN and Inf fail the comparisons;
		// within them the conversion to an integer is exact.
		if a.NA || !(v >= it.lo && v <= it.hi) || float64(int64(v)) != v || len(a.Phrases) > 0 {
			if field, kind, m := it.check(a); field != "" {
				return answerErr(s.policy.locale(), kind, i, field, m)
			}
			if a.NA {
				t.state[idx] = -1
				continue
			}
			t.nPhrases += len(a.Phrases)
		}
		k := uint8(v - it.lo)
		t.point[idx], t.state[idx] = k, int32(i+1)
		sc := it.points[k]
		t.weight[it.section] += it.weight
		t.sum[it.section] += it.weight * sc
		switch {
		case sc == 1:
			t.nStrong++
		case sc == 0 && it.critical != NotCritical:
			t.nWeak++
			t.nCrit++
			if it.critical == FailsEvaluation {
				t.failsEvaluation = true
			} else {
				t.crit[it.section] = true
			}
		default:
			t.nWeak++
		}
	}
	return nil
}

// complete checks that every item is answered and that something is left
// to score once N/A items are set aside.
func (s *Scorecard) complete(t *tally) error {
	for idx := range t.state {
		if t.state[idx] == 0 {
			return inputErr(s.policy.locale(), callfloor.ErrRequired, "evaluation.answers", msg.QaInputNoAnswer{Item: quoted(s.items[idx].id)})
		}
	}
	for si := range s.sections {
		if t.weight[si] > 0 {
			t.den += s.sections[si].weight
		}
	}
	if t.den == 0 {
		return inputErr(s.policy.locale(), callfloor.ErrRequired, "evaluation.answers", msg.QaInputAllNa{})
	}
	return nil
}

// write writes the result of a valid tally into r, reusing r's slices.
func (s *Scorecard) write(r *Result, t *tally, ev *Evaluation, src int) {
	fresh := r.Sections == nil && r.Strengths == nil && r.Deductions == nil && r.Reasons == nil && r.CriticalFailed == nil
	m := len(s.sections)
	*r = Result{
		Evaluation: ev.ID, Agent: ev.Agent, Evaluator: ev.Evaluator, Source: ev.Source, At: ev.At, Interaction: ev.Interaction,
		Scorecard: s.id, ScorecardVersion: s.version, PassMark: s.passMark,
		PayRelevant: s.policy.payRelevant[src], Policy: s.policy.id,
		Sections: reuse(r.Sections, m, m), Reasons: r.Reasons[:0], CriticalFailed: r.CriticalFailed[:0],
		Strengths: r.Strengths, Deductions: r.Deductions, facts: r.facts, phrases: r.phrases[:0],
	}
	s.writeScores(r, t)
	s.writeOutcomes(r, t, ev.Answers, fresh)
	s.writeReasons(r, t, src)
	if fresh {
		// A fresh result keeps Score's nil for empty.
		if t.nStrong == 0 {
			r.Strengths = nil
		}
		if t.nWeak == 0 {
			r.Deductions = nil
		}
		if t.nCrit == 0 {
			r.CriticalFailed = nil
		}
	}
}

// writeScores writes the section scores, the raw score, the score after
// critical failures and whether the evaluation passed.
func (s *Scorecard) writeScores(r *Result, t *tally) {
	var rawNum, num float64
	for si := range s.sections {
		sec := &s.sections[si]
		out := &r.Sections[si]
		out.Section, out.Weight = sec.id, sec.weight
		if t.weight[si] == 0 {
			continue
		}
		out.Applicable = true
		ss := t.sum[si] / t.weight[si]
		rawNum += sec.weight * ss
		if t.crit[si] {
			out.CriticalFailed = true
			ss = 0
		}
		num += sec.weight * ss
		out.Score = 100 * ss
	}
	r.RawScore = 100 * rawNum / t.den
	r.Score = 100 * num / t.den
	if t.failsEvaluation {
		r.Score = 0
	}
	r.Passed = !t.failsEvaluation && atLeast(r.Score, s.passMark)
}

// writeOutcomes writes the strengths and deductions in scorecard order,
// and the failed critical items with their reasons. A fresh result gets
// one exactly sized allocation that strengths and deductions share,
// each with its own capacity; a reused one keeps its own slices, grown
// once to room for the most an evaluation of this scorecard can need.
func (s *Scorecard) writeOutcomes(r *Result, t *tally, answers []Answer, fresh bool) {
	n := len(s.items)
	nReasons := t.nCrit + 1
	if !t.failsEvaluation {
		nReasons++
	}
	if cap(r.Reasons) < nReasons {
		r.Reasons = make([]callfloor.Reason, 0, capFor(fresh, nReasons, s.nCritical+2))
	}
	if t.nCrit > 0 && cap(r.CriticalFailed) < t.nCrit {
		r.CriticalFailed = make([]string, 0, capFor(fresh, t.nCrit, s.nCritical))
	}
	var strengths, deductions []ItemOutcome
	if fresh {
		buf := make([]ItemOutcome, t.nStrong+t.nWeak)
		strengths, deductions = buf[:t.nStrong:t.nStrong], buf[t.nStrong:]
	} else {
		strengths, deductions = reuse(r.Strengths, t.nStrong, n), reuse(r.Deductions, t.nWeak, n)
	}
	if cap(r.phrases) < t.nPhrases {
		r.phrases = make([]string, 0, t.nPhrases)
	}
	strong, weak := 0, 0
	// rest is what a failed evaluation-critical item takes beyond its
	// weight: the score the answers kept after section-critical failures.
	rest := 0.0
	if t.failsEvaluation {
		for si := range s.sections {
			if t.weight[si] > 0 && !t.crit[si] {
				rest += s.sections[si].weight * (t.sum[si] / t.weight[si])
			}
		}
		rest = 100 * rest / t.den
	}
	for si := range s.sections {
		if t.weight[si] == 0 {
			continue
		}
		sec := &s.sections[si]
		share := 100 * sec.weight / t.den / t.weight[si]
		// kept is what the section's answers earned, which its first
		// failed section-critical item takes.
		kept := 0.0
		if t.crit[si] {
			kept = share * t.sum[si]
		}
		for idx := sec.first; idx < sec.end; idx++ {
			if t.state[idx] < 0 {
				continue
			}
			it := &s.items[idx]
			a := &answers[t.state[idx]-1]
			sc := it.points[t.point[idx]]
			var o *ItemOutcome
			if sc == 1 {
				o = &strengths[strong]
				strong++
				o.Good = it.good
			} else {
				o = &deductions[weak]
				weak++
				o.Fix = it.fix
				o.Lost = (1 - sc) * it.weight * share
				if len(a.Phrases) > 0 {
					o.Phrases = r.ticked(it, a.Phrases)
				}
				if sc == 0 && it.critical != NotCritical {
					o.Critical = it.critical
					r.CriticalFailed = append(r.CriticalFailed, it.id)
					r.Reasons = append(r.Reasons, it.criticalReason)
					if it.critical == FailsSection {
						o.Lost, kept = o.Lost+kept, 0
					} else {
						o.Lost, rest = o.Lost+max(rest, 0), 0
					}
				}
			}
			o.Item, o.Section, o.Text = it.id, sec.id, it.text
			o.Score, o.Value, o.Weight = sc, a.Value, it.weight
			if a.Note != "" {
				o.Note = a.Note
			}
			if it.labelAt != nil {
				o.Label = it.labelAt[t.point[idx]]
			}
		}
	}
	r.Strengths, r.Deductions = strengths, deductions
}

// ticked appends to r's phrases the item's phrases that ticks names, in
// the item's order and as the policy's own strings, and returns them.
// ticks was checked: each names a phrase of the item, once.
func (r *Result) ticked(it *item, ticks []string) []string {
	start := len(r.phrases)
	for _, ph := range it.phrases {
		for _, t := range ticks {
			if t == ph {
				r.phrases = append(r.phrases, ph)
				break
			}
		}
	}
	return r.phrases[start:len(r.phrases):len(r.phrases)]
}

// writeReasons appends, after the failed critical items, the pass mark's
// reason (unless a critical item failed the evaluation) with its figures
// in the result's own facts, and the source's reason.
func (s *Scorecard) writeReasons(r *Result, t *tally, src int) {
	if !t.failsEvaluation {
		if cap(r.facts) < 2 {
			r.facts = make([]callfloor.Fact, 2)
		}
		r.facts = r.facts[:2]
		r.facts[0] = callfloor.Fact{Name: "score", Value: r.Score}
		r.facts[1] = callfloor.Fact{Name: "pass_mark", Value: s.passMark}
		pm := s.failReason
		if r.Passed {
			pm = s.passReason
		}
		pm.Facts = r.facts
		r.Reasons = append(r.Reasons, pm)
	}
	r.Reasons = append(r.Reasons, s.policy.sourceReasons[src])
}

// reuse returns s resized to n zeroed elements, reusing its capacity when
// it is large enough and otherwise allocating room for room elements.
func reuse[T any](s []T, n, room int) []T {
	if cap(s) < n {
		return make([]T, n, max(n, room))
	}
	s = s[:n]
	clear(s)
	return s
}

func capFor(fresh bool, n, room int) int {
	if fresh {
		return n
	}
	return max(n, room)
}

func answerErr(l *msg.Locale, kind callfloor.ErrorKind, i int, field string, m msg.Message) error {
	return inputErr(l, kind, "evaluation.answers["+itoa(i)+"]."+field, m)
}

// itoa formats a small non-negative index without fmt.
func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	var b [20]byte
	p := len(b)
	for i > 0 {
		p--
		b[p] = byte('0' + i%10)
		i /= 10
	}
	return string(b[p:])
}

// check validates one answer to the item; it returns the offending field
// of the answer ("na" or "value"), the kind of mistake and what is wrong,
// or "" when the answer is valid.
func (it *item) check(a *Answer) (field string, kind callfloor.ErrorKind, m msg.Message) {
	if len(a.Phrases) > 0 {
		if field, kind, m := it.checkPhrases(a); field != "" {
			return field, kind, m
		}
	}
	if a.NA {
		if !it.allowNA {
			return "na", callfloor.ErrForbidden, msg.QaInputNaNotAllowed{Item: quoted(a.Item)}
		}
		if a.Value != 0 {
			return "value", callfloor.ErrInvalid, msg.QaInputNaAndValue{Item: quoted(a.Item), Value: value(a.Value)}
		}
		return "", 0, nil
	}
	v := a.Value
	switch {
	case !finite(v):
		return "value", callfloor.ErrInvalid, msg.QaInputNotOnScale{Value: value(v), Item: quoted(a.Item)}
	case it.typ == YesNo:
		if v != 0 && v != 1 {
			return "value", callfloor.ErrOutOfRange, msg.QaInputNotYesNo{Value: value(v), Item: quoted(a.Item)}
		}
	case v < float64(it.min) || v > float64(it.max):
		return "value", callfloor.ErrOutOfRange, msg.QaInputOutsideScale{Value: value(v), Min: it.min, Max: it.max, Item: quoted(a.Item)}
	case v != math.Trunc(v):
		return "value", callfloor.ErrInvalid, msg.QaInputNotWholePoint{Value: value(v), Min: it.min, Max: it.max, Item: quoted(a.Item)}
	}
	return "", 0, nil
}

// checkPhrases validates the phrases an answer ticks: the item lists
// phrases, each ticked one is among them and ticked once, and the answer
// is a "no", since a forbidden phrase said is a shortfall.
func (it *item) checkPhrases(a *Answer) (field string, kind callfloor.ErrorKind, m msg.Message) {
	if it.phrases == nil {
		return "phrases", callfloor.ErrForbidden, msg.QaInputNoPhrases{Item: quoted(a.Item)}
	}
	for j, ph := range a.Phrases {
		k := it.phraseIndex(ph)
		if k < 0 {
			return "phrases[" + itoa(j) + "]", callfloor.ErrNotSupported, msg.QaInputUnknownPhrase{Phrase: quoted(ph), Item: quoted(a.Item), Allowed: quotedAll(it.phrases)}
		}
		for i := range j {
			if a.Phrases[i] == ph {
				return "phrases[" + itoa(j) + "]", callfloor.ErrDuplicate, msg.QaInputPhraseTickedTwice{Phrase: quoted(ph), First: i}
			}
		}
	}
	if a.NA || a.Value != 0 {
		return "phrases", callfloor.ErrInvalid, msg.QaInputPhraseNotNo{Item: quoted(a.Item), Answer: answerWord(a)}
	}
	return "", 0, nil
}

// answerWord names an answer in errors: "N/A" or its value.
func answerWord(a *Answer) string {
	if a.NA {
		return "N/A"
	}
	return fmt.Sprint(a.Value)
}
