package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

// The input documents of each kind, and what evaluating one gives. eval
// reads them from stdin, diff from a data folder and test from its cases,
// so that a document written for one works in the others. Every field is
// the library's own JSON; unknown fields are refused.
//
//	mood        a mood.Assessment                   -> a mood.Triage
//	qa          a qa.Evaluation                     -> qaOutput (result and feedback plan)
//	coaching    coachingInput (subject, signals, open) -> a coaching.Proposals
//	incentives  incentivesInput (period, agents)    -> an incentives.Statement

// qaOutput is an evaluation scored and the feedback talk planned from it.
type qaOutput struct {
	Result   qa.Result        `json:"result"`
	Feedback *qa.FeedbackPlan `json:"feedback,omitempty"`
}

// coachingInput is one person's signals and open cases, named as
// coaching.Policy.Propose names its arguments, so that an input error's
// field is the field written.
type coachingInput struct {
	Subject string           `json:"subject"`
	Signals coaching.Signals `json:"signals"`
	Open    []coaching.Case  `json:"open,omitempty"`
}

// incentivesInput is one period's agent records.
type incentivesInput struct {
	Period incentives.Period        `json:"period"`
	Agents []incentives.AgentRecord `json:"agents"`
}

// maxDocument bounds one input document, so that a runaway pipe cannot
// exhaust memory before the library's own bounds apply.
const maxDocument = 64 << 20

// decodeStrict reads exactly one JSON value of doc into out, refusing
// unknown fields and anything after the value.
func decodeStrict(doc []byte, out any) error {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.DisallowUnknownFields()
	if err := dec.Decode(out); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("unexpected data after the document")
	}
	return nil
}

// evaluate decodes one input document for p's kind and evaluates it under
// p. The result is the value to write as JSON.
func evaluate(p *policy, doc []byte) (any, error) {
	switch p.kind {
	case "mood":
		var a mood.Assessment
		if err := decodeStrict(doc, &a); err != nil {
			return nil, err
		}
		return p.mood.Triage(a)
	case "qa":
		var ev qa.Evaluation
		if err := decodeStrict(doc, &ev); err != nil {
			return nil, err
		}
		sc, ok := p.qa.Scorecard(ev.Scorecard)
		if !ok {
			var ids []string
			for _, s := range p.qa.Scorecards() {
				ids = append(ids, s.ID())
			}
			return nil, callfloor.NotSupported("evaluation.scorecard", "scorecard", ev.Scorecard, ids)
		}
		res, err := sc.Score(ev)
		if err != nil {
			return nil, err
		}
		out := qaOutput{Result: res}
		plan, err := p.qa.Feedback(res)
		if err != nil {
			return nil, err
		}
		out.Feedback = &plan
		return out, nil
	case "coaching":
		var in coachingInput
		if err := decodeStrict(doc, &in); err != nil {
			return nil, err
		}
		return p.coaching.Propose(in.Subject, in.Signals, in.Open)
	case "incentives":
		var in incentivesInput
		if err := decodeStrict(doc, &in); err != nil {
			return nil, err
		}
		return p.incentives.Evaluate(in.Period, in.Agents)
	}
	return nil, fmt.Errorf("kind %q is not a policy kind", p.kind)
}
