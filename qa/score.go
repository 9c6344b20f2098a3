package qa

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// An Evaluation is one scored interaction: who evaluated whom, from which
// source, and an answer for every item of the scorecard.
type Evaluation struct {
	ID          string    `json:"id,omitempty"`
	Agent       string    `json:"agent,omitempty"`
	Evaluator   string    `json:"evaluator,omitempty"`
	Source      Source    `json:"source"`
	Scorecard   string    `json:"scorecard,omitempty"`
	Interaction string    `json:"interaction,omitempty"`
	At          time.Time `json:"at"`
	Answers     []Answer  `json:"answers"`
}

// An Answer answers one item: Value 1 (yes) or 0 (no) for a yes/no item, a
// whole point min..max for a scale item; or NA for an item that allows it
// (Value is then 0). Note is the evaluator's remark, carried into the
// result.
type Answer struct {
	Item  string  `json:"item"`
	Value float64 `json:"value"`
	NA    bool    `json:"na,omitempty"`
	Note  string  `json:"note,omitempty"`
}

// ItemOutcome is one item of a result, a strength or a deduction.
type ItemOutcome struct {
	Item    string `json:"item"`
	Section string `json:"section"`
	// Text says what the item checks.
	Text string `json:"text"`
	// Score is the item's score, 0 to 1.
	Score float64 `json:"score"`
	// Value is the answer; Label its scale point's label, if it has one.
	Value  float64 `json:"value"`
	Label  string  `json:"label,omitempty"`
	Weight float64 `json:"weight"`
	// Lost is how many points of the raw total (0 to 100) the item cost.
	Lost float64 `json:"lost,omitempty"`
	// Critical is the scope of a failed critical item, else empty.
	Critical Scope `json:"critical,omitempty"`
	// Good says what good looks like (set on strengths), Fix how to fix it
	// (set on deductions).
	Good string `json:"good,omitempty"`
	Fix  string `json:"fix,omitempty"`
	Note string `json:"note,omitempty"`
}

// SectionScore is one section of a result.
type SectionScore struct {
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
	Evaluation       string    `json:"evaluation,omitempty"`
	Agent            string    `json:"agent,omitempty"`
	Evaluator        string    `json:"evaluator,omitempty"`
	Source           Source    `json:"source"`
	At               time.Time `json:"at"`
	Scorecard        string    `json:"scorecard"`
	ScorecardVersion string    `json:"scorecard_version"`
	// Score is 0 to 100: RawScore after critical failures.
	Score float64 `json:"score"`
	// RawScore is the score the answers earn before any critical item
	// zeroes a section or the evaluation.
	RawScore float64 `json:"raw_score"`
	PassMark float64 `json:"pass_mark"`
	Passed   bool    `json:"passed"`
	// PayRelevant is true when the policy counts evaluations of this
	// source toward pay-relevant figures.
	PayRelevant bool `json:"pay_relevant"`
	// CriticalFailed lists the ids of failed critical items of either
	// scope, in scorecard order.
	CriticalFailed []string       `json:"critical_failed,omitempty"`
	Sections       []SectionScore `json:"sections"`
	// Strengths are the items with full marks, Deductions those below, in
	// scorecard order. Items answered N/A are in neither.
	Strengths  []ItemOutcome `json:"strengths,omitempty"`
	Deductions []ItemOutcome `json:"deductions,omitempty"`
	Reasons    []Reason      `json:"reasons"`
	Policy     Identity      `json:"policy"`
}

const stackItems = 64

var errNoPolicy = errors.New("qa: the scorecard was not obtained from a Policy")

// Score validates an evaluation against the scorecard and scores it; see
// Scorecard for how. Every item needs exactly one answer. An unknown item,
// a second answer, a missing answer, N/A on an item that does not allow
// it, and a value off the scale, not whole or not finite are returned as
// an *InputError naming the field. An evaluation whose every item is N/A
// cannot be scored.
func (s *Scorecard) Score(ev Evaluation) (Result, error) {
	if s == nil || s.policy == nil {
		return Result{}, errNoPolicy
	}
	if _, ok := sourceIndex(ev.Source); !ok {
		return Result{}, inputErr("evaluation.source", "unknown source %q; allowed: %s", ev.Source, allowedSources)
	}
	if ev.Scorecard != "" && ev.Scorecard != s.id {
		return Result{}, inputErr("evaluation.scorecard", "evaluation is for scorecard %q, not %q", ev.Scorecard, s.id)
	}
	n := len(s.items)
	var scoreBuf [stackItems]float64
	var stateBuf [stackItems]int32
	scores, state := scoreBuf[:0], stateBuf[:0]
	if n <= stackItems {
		scores, state = scoreBuf[:n], stateBuf[:n]
	} else {
		scores, state = make([]float64, n), make([]int32, n)
	}
	// state: 0 unanswered, -1 N/A, i+1 answered by answers[i].
	for i := range ev.Answers {
		a := &ev.Answers[i]
		idx, ok := s.index[a.Item]
		if !ok {
			return Result{}, answerErr(i, "item", "unknown item %q in scorecard %q", a.Item, s.id)
		}
		it := &s.items[idx]
		if state[idx] != 0 {
			return Result{}, answerErr(i, "item", "item %q is answered twice", a.Item)
		}
		if field, msg := it.check(a); field != "" {
			return Result{}, answerErr(i, field, "%s", msg)
		}
		if a.NA {
			state[idx] = -1
			continue
		}
		scores[idx] = it.scoreOf(a.Value)
		state[idx] = int32(i + 1)
	}
	for idx := range s.items {
		if state[idx] == 0 {
			return Result{}, inputErr("evaluation.answers", "no answer for item %q (every item needs an answer, or N/A where allowed)", s.items[idx].id)
		}
	}

	r := Result{
		Evaluation: ev.ID, Agent: ev.Agent, Evaluator: ev.Evaluator, Source: ev.Source, At: ev.At,
		Scorecard: s.id, ScorecardVersion: s.version, PassMark: s.passMark,
		PayRelevant: s.policy.PayRelevant(ev.Source), Policy: s.policy.id,
	}

	// Section sums, applicable weights and counts.
	r.Sections = make([]SectionScore, len(s.sections))
	var den, rawNum, num float64
	var nStrong, nWeak, nCrit int
	failsEvaluation := false
	for si := range s.sections {
		sec := &s.sections[si]
		var w, sw float64
		critical := false
		for idx := sec.first; idx < sec.end; idx++ {
			if state[idx] < 0 {
				continue
			}
			it := &s.items[idx]
			w += it.weight
			sw += it.weight * scores[idx]
			if scores[idx] == 1 {
				nStrong++
			} else {
				nWeak++
			}
			if it.critical != NotCritical && scores[idx] == 0 {
				nCrit++
				if it.critical == FailsEvaluation {
					failsEvaluation = true
				} else {
					critical = true
				}
			}
		}
		out := &r.Sections[si]
		out.Section, out.Weight = sec.id, sec.weight
		if w == 0 {
			continue
		}
		out.Applicable = true
		ss := sw / w
		den += sec.weight
		rawNum += sec.weight * ss
		if critical {
			out.CriticalFailed = true
			ss = 0
		}
		num += sec.weight * ss
		out.Score = 100 * ss
	}
	if den == 0 {
		return Result{}, inputErr("evaluation.answers", "every item is N/A; there is nothing to score")
	}
	r.RawScore = 100 * rawNum / den
	r.Score = 100 * num / den
	if failsEvaluation {
		r.Score = 0
	}
	r.Passed = !failsEvaluation && r.Score >= s.passMark

	// Strengths and deductions share one allocation.
	if nStrong+nWeak > 0 {
		buf := make([]ItemOutcome, nStrong+nWeak)
		strong, weak := buf[:0:nStrong], buf[nStrong:nStrong]
		if nCrit > 0 {
			r.CriticalFailed = make([]string, 0, nCrit)
		}
		r.Reasons = make([]Reason, 0, 2+nCrit)
		for si := range s.sections {
			sec := &s.sections[si]
			if !r.Sections[si].Applicable {
				continue
			}
			var w float64
			for idx := sec.first; idx < sec.end; idx++ {
				if state[idx] >= 0 {
					w += s.items[idx].weight
				}
			}
			share := 100 * sec.weight / den / w
			for idx := sec.first; idx < sec.end; idx++ {
				if state[idx] < 0 {
					continue
				}
				it := &s.items[idx]
				a := &ev.Answers[state[idx]-1]
				o := ItemOutcome{
					Item: it.id, Section: sec.id, Text: it.text, Score: scores[idx],
					Value: a.Value, Weight: it.weight, Note: a.Note,
				}
				for _, l := range it.labels {
					if float64(l.Value) == a.Value {
						o.Label = l.Label
						break
					}
				}
				if scores[idx] == 1 {
					o.Good = it.good
					strong = append(strong, o)
					continue
				}
				o.Fix = it.fix
				o.Lost = (1 - scores[idx]) * it.weight * share
				if it.critical != NotCritical && scores[idx] == 0 {
					o.Critical = it.critical
					r.CriticalFailed = append(r.CriticalFailed, it.id)
					r.Reasons = append(r.Reasons, it.criticalReason)
				}
				weak = append(weak, o)
			}
		}
		if nStrong > 0 {
			r.Strengths = strong
		}
		if nWeak > 0 {
			r.Deductions = weak
		}
	}
	if r.Passed {
		r.Reasons = append(r.Reasons, s.passReason)
	} else if !failsEvaluation {
		r.Reasons = append(r.Reasons, s.failReason)
	}
	r.Reasons = append(r.Reasons, s.policy.sourceReasons[mustSourceIndex(ev.Source)])
	return r, nil
}

func mustSourceIndex(s Source) int {
	i, _ := sourceIndex(s)
	return i
}

func answerErr(i int, field, format string, args ...any) error {
	return inputErr("evaluation.answers["+itoa(i)+"]."+field, format, args...)
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
// of the answer ("na" or "value") and what is wrong, or "" when the answer
// is valid.
func (it *item) check(a *Answer) (field, msg string) {
	if a.NA {
		if !it.allowNA {
			return "na", fmt.Sprintf("item %q does not allow N/A", a.Item)
		}
		if a.Value != 0 {
			return "value", fmt.Sprintf("item %q is answered N/A and also given the value %v", a.Item, a.Value)
		}
		return "", ""
	}
	v := a.Value
	switch {
	case !finite(v):
		return "value", fmt.Sprintf("%v is not a number on the scale of item %q", v, a.Item)
	case it.typ == YesNo:
		if v != 0 && v != 1 {
			return "value", fmt.Sprintf("%v is not an answer to yes/no item %q (1 yes, 0 no)", v, a.Item)
		}
	case v < float64(it.min) || v > float64(it.max):
		return "value", fmt.Sprintf("%v is off the scale %d..%d of item %q", v, it.min, it.max, a.Item)
	case v != math.Trunc(v):
		return "value", fmt.Sprintf("%v is not a whole point of the scale %d..%d of item %q", v, it.min, it.max, a.Item)
	}
	return "", ""
}
