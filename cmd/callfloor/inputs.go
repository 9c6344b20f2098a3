package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

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
//	mood        a mood.Assessment                          -> a mood.Triage
//	qa          a qa.Evaluation                            -> qaOutput (result and feedback plan)
//	coaching    coachingInput (subject, signals, open)     -> a coaching.Proposals
//	            coachingCaseInput (case, events, due_at)   -> coachingCaseOutput (case, due)
//	incentives  incentivesInput (period, agents)           -> an incentives.Statement
//
// A coaching document is of the second shape when it has a case field:
// the one asks which conversations to start, the other what a case
// becomes and owes.

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

// coachingCaseInput is one case and what happens to it: the case, the
// events to apply to it in order, and the time to ask what it then owes.
// An event that leaves out its case is for the document's case.
// Case is either a case to open, {"kind", "subject", "opened"} as a
// stored case names them, or a stored coaching.Case, told apart by its
// id; it is kept raw until the shape is known, so that each is read
// strictly.
type coachingCaseInput struct {
	Case   json.RawMessage   `json:"case"`
	Events []json.RawMessage `json:"events,omitempty"`
	DueAt  time.Time         `json:"due_at"`
}

// coachingOpening is a case to open, under the names a stored case gives
// the arguments of coaching.Policy.Open. Kind is read as text so that an
// unknown kind is refused by Open, which lists the policy's kinds.
type coachingOpening struct {
	Kind    string    `json:"kind"`
	Subject string    `json:"subject"`
	Opened  time.Time `json:"opened"`
}

// coachingCaseOutput is a case after its events and the reminders it owes
// as of the document's due_at, an empty list when it owes none.
type coachingCaseOutput struct {
	Case coaching.Case       `json:"case"`
	Due  []coaching.Reminder `json:"due"`
}

// maxCaseEvents bounds the events of one case document. Apply checks the
// whole case before each event and copies its history, so a document's
// cost grows with the square of its events; a real case has a few dozen.
const maxCaseEvents = 1000

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
		if isCaseDocument(doc) {
			return evaluateCase(p.coaching, doc)
		}
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

// isCaseDocument reports whether a coaching document has a case field,
// which makes it a case document. Anything that is not a JSON object is
// left to the proposals document's reading, which says what is wrong.
func isCaseDocument(doc []byte) bool {
	var peek struct {
		Case json.RawMessage `json:"case"`
	}
	return json.Unmarshal(doc, &peek) == nil && peek.Case != nil
}

// evaluateCase opens or reads the case of a case document, applies its
// events in order and lists what the case owes as of due_at. Every error
// names the document's own field: "case.opened" for the opening time
// Open calls "at", "events[2].step" for the step Apply calls
// "event.step".
func evaluateCase(p *coaching.Policy, doc []byte) (any, error) {
	var in coachingCaseInput
	if err := decodeStrict(doc, &in); err != nil {
		return nil, err
	}
	if len(in.Events) > maxCaseEvents {
		return nil, &callfloor.InputError{Field: "events", Kind: callfloor.ErrOutOfRange,
			Msg: fmt.Sprintf("%d events; a case document applies at most %d", len(in.Events), maxCaseEvents)}
	}
	if in.DueAt.IsZero() {
		return nil, callfloor.Required("due_at", "the reminders listed are those the case owes at this time")
	}
	c, err := readCase(p, in.Case, len(in.Events) == 0)
	if err != nil {
		return nil, err
	}
	for i, raw := range in.Events {
		at := callfloor.Path("events").Index(i)
		var e coaching.Event
		if err := decodeUnder(raw, &e, at); err != nil {
			return nil, err
		}
		if e.Case == "" {
			// The document holds one case, whose id the writer of a test
			// need not spell out in every event.
			e.Case = c.ID
		}
		if c, err = p.Apply(c, e); err != nil {
			return nil, refield(err, func(f callfloor.Path) (callfloor.Path, bool) {
				if f == "event" || strings.HasPrefix(string(f), "event.") {
					return at + f[len("event"):], true
				}
				return f, false
			})
		}
	}
	if in.DueAt.Before(c.Updated) {
		return nil, callfloor.Invalid("due_at", in.DueAt,
			fmt.Sprintf("is before the case's last event at %s; a case owes nothing in its past that its history does not already show done", c.Updated.Format(time.RFC3339Nano)))
	}
	return coachingCaseOutput{Case: c, Due: p.AppendDue([]coaching.Reminder{}, c, in.DueAt)}, nil
}

// readCase reads the case field of a case document: a stored case when it
// has an id, else a case to open. A stored case to which no event is
// applied is checked against its own history all the same, as Apply would
// check it, so that a case edited by hand is refused rather than asked
// what it owes.
func readCase(p *coaching.Policy, raw json.RawMessage, check bool) (coaching.Case, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
		return coaching.Case{}, &callfloor.InputError{Field: "case", Kind: callfloor.ErrInvalid,
			Msg: "expected an object: a case to open ({kind, subject, opened}) or a stored case (with its id)"}
	}
	if _, stored := fields["id"]; stored {
		var c coaching.Case
		if err := decodeUnder(raw, &c, "case"); err != nil {
			return c, err
		}
		if check {
			// Apply checks the stored case before it looks at the event,
			// so an event without an id, which it always refuses, checks
			// the case alone.
			if _, err := p.Apply(c, coaching.Event{}); !isInputErrorAt(err, "event.id") {
				return c, err
			}
		}
		return c, nil
	}
	var o coachingOpening
	if err := decodeUnder(raw, &o, "case"); err != nil {
		return coaching.Case{}, err
	}
	c, err := p.Open(coaching.Kind(o.Kind), o.Subject, o.Opened)
	if err != nil {
		return c, refield(err, func(f callfloor.Path) (callfloor.Path, bool) {
			switch f {
			case "kind", "subject":
				return "case." + f, true
			case "at":
				return "case.opened", true
			}
			return f, false
		})
	}
	return c, nil
}

// decodeUnder reads raw, the value at field of a document, strictly into
// out; what the decoder refuses is worded as inputErrors words it for a
// whole document, and named from the document's top: a mistake with the
// value as a whole by field itself, a value inside it by its path below
// field, list indexes and map keys included.
func decodeUnder(raw json.RawMessage, out any, field callfloor.Path) error {
	err := decodeStrict(raw, out)
	if err == nil {
		return nil
	}
	errs := evalErrors("coaching", err)
	for i, ie := range errs {
		c := *ie
		switch {
		case c.Field == "":
			c.Field = field
		case c.Field[0] == '[':
			c.Field = field + c.Field
		default:
			c.Field = field + "." + c.Field
		}
		errs[i] = &c
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && len(errs) == 1 {
		if at, ok := jsonPathAt(raw, te.Offset, field); ok {
			errs[0].Field = at
		}
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return callfloor.InputErrors(errs)
}

// refield renames the fields of the input errors in err by rename, which
// says whether it renamed a field; an error with no field renamed is
// returned as it was.
func refield(err error, rename func(callfloor.Path) (callfloor.Path, bool)) error {
	var list callfloor.InputErrors
	if !errors.As(err, &list) {
		var ie *callfloor.InputError
		if !errors.As(err, &ie) {
			return err
		}
		list = callfloor.InputErrors{ie}
	}
	out := make(callfloor.InputErrors, len(list))
	changed := false
	for i, ie := range list {
		c := *ie
		var ok bool
		c.Field, ok = rename(c.Field)
		changed = changed || ok
		out[i] = &c
	}
	if !changed {
		return err
	}
	if len(out) == 1 {
		return out[0]
	}
	return out
}

// isInputErrorAt reports whether err is an input error at field.
func isInputErrorAt(err error, field callfloor.Path) bool {
	var ie *callfloor.InputError
	return errors.As(err, &ie) && ie.Field == field
}
