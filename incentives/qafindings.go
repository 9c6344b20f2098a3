package incentives

import (
	"slices"
	"strconv"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
	"github.com/callfloor/callfloor/internal/timerange"
	"github.com/callfloor/callfloor/qa"
)

// QAViolation is a violation proved by a critical QA finding, ready for
// the agent's AgentRecord.Violations.
type QAViolation struct {
	// Agent is the evaluated agent, whose record takes the violation.
	Agent string `json:"agent"`
	// Violation is the record for Evaluate: its ID is QAViolationID of
	// the call and the kind, its At the first evaluation's At, and its
	// Interaction the call's.
	Violation Violation `json:"violation"`
	// Interaction is the call the evaluations scored (qa.Result's
	// Interaction); empty when the results do not name it, and each
	// evaluation is then a call of its own.
	Interaction string `json:"interaction,omitempty"`
	// Evaluation, Scorecard and Items are the evidence: the first
	// evaluation's id and scorecard, and the failed critical items
	// mapped to a kind, of every evaluation of the call, in scorecard
	// order, each once. Evaluations lists every evaluation of the call
	// with such an item, in results order, Evaluation first.
	Evaluation  string   `json:"evaluation"`
	Scorecard   string   `json:"scorecard"`
	Items       []string `json:"items"`
	Evaluations []string `json:"evaluations"`
	// Reasons hold, for each evaluation, one reason per item, of the rule
	// "discipline.qa_findings.<scorecard>.<item>", then, when the
	// evaluation was disputed, the dispute's reason (decided or
	// withdrawn, and which score version counts); when the call gave more
	// than one item or evaluation, a last reason of the rule
	// "discipline.qa_findings" names the kind kept and everything found.
	Reasons []callfloor.Reason `json:"reasons"`
}

// HeldFinding is a critical QA finding mapped to a violation kind that is
// held out of discipline while its evaluation is under open dispute, or
// may still be disputed. It becomes a violation, or nothing, once the
// dispute is decided or its window has passed undisputed.
type HeldFinding struct {
	// Agent is the evaluated agent.
	Agent string `json:"agent"`
	// Interaction is the call evaluated, as on QAViolation.
	Interaction string `json:"interaction,omitempty"`
	// Kind is the violation kind the finding would be.
	Kind string `json:"kind"`
	// Evaluation, Scorecard, Items and At are the evaluation's id, its
	// scorecard, the failed critical items mapped to the kind, in
	// scorecard order, and the evaluation's At.
	Evaluation string    `json:"evaluation"`
	Scorecard  string    `json:"scorecard"`
	Items      []string  `json:"items"`
	At         time.Time `json:"at"`
	// Dispute is the id of the open dispute; empty for a finding held
	// because its dispute window is still open.
	Dispute string `json:"dispute"`
	// Reasons hold the reasons of the finding, as on QAViolation, then
	// the dispute's hold (rule "disputes.hold", Outcome Held).
	Reasons []callfloor.Reason `json:"reasons"`
}

// QAViolationID is the id ViolationsFromQA gives the violation of a kind
// found on a call: "call-1042#service_misconduct", where call is the
// results' Interaction, or the evaluation's id when they name none. A
// call gives at most one violation, however many of its critical items
// map to kinds and however many evaluations scored it: one call is one
// incident, of the most severe kind found.
func QAViolationID(call, kind string) string { return call + "#" + kind }

// ViolationsFromQA turns the critical QA findings that the policy maps to
// violation kinds (discipline.qa_findings) into violations for Evaluate,
// honouring disputes: a finding whose evaluation is under an open
// dispute is returned as held, not as a violation; a decided (or
// withdrawn) dispute's current answers decide, so that a finding the
// reviewer overturned gives nothing.
//
// A finding is an id in Result.CriticalFailed of a pay-relevant result
// (qa.Result.PayRelevant): an evaluation that does not count toward pay,
// such as a peer's, never leads to discipline. The result of a finding
// needs its Evaluation id (the evidence), its Agent and its At. A dispute
// belongs to the result whose Evaluation is its Evaluation.ID; an
// evaluation has at most one open dispute, and, of its closed ones, the
// one raised last decides (two raised at the same instant are refused).
// A finding that nobody disputes is final only once its agent can no
// longer dispute it: until the QA policy's dispute window after the
// evaluation has passed (q.DisputeWindow, inclusive), as of asOf, it is
// held too, so that no sanction comes before the agent has had the chance
// the QA practice promises. The violations and held findings come in
// results order, then by kind in the order of the first item of each.
// The host passes each violation to the period its At falls in.
//
// One call is one incident. The final findings of an agent's results
// that name the same Interaction (a QA evaluator's and a lead's scores of
// one call), and all the findings of one evaluation, give one violation:
// of the most severe kind found (the higher severity, then a kind with
// protective actions, then the larger fine, then the kind the policy
// lists first), whose Items and Reasons name everything found. Its
// Violation names the call too, so that Evaluate merges it with a host's
// violation of the same call, and with a finding held today that becomes
// final later.
//
// q is the QA policy that scored the results. Every mapping must name a
// scorecard and a critical item of it: one that does not would never fire, and
// the finding it was written for would silently lead to nothing, so it
// is refused with the *callfloor.PolicyError of CheckQA before anything
// is read. On a nil or zero Policy it returns ErrZeroPolicy; a nil or
// zero q, or a zero asOf, is an *callfloor.InputError.
func (p *Policy) ViolationsFromQA(q *qa.Policy, asOf time.Time, results []qa.Result, disputes []qa.Dispute) ([]QAViolation, []HeldFinding, error) {
	if p.zero() {
		return nil, nil, ErrZeroPolicy
	}
	if q.DisputeWindow() <= 0 {
		return nil, nil, msgerr.Required(p.loc, "q", msg.IncentivesInputQaWindow{})
	}
	if asOf.IsZero() {
		return nil, nil, msgerr.Required(p.loc, "as_of", msg.IncentivesInputAsOf{})
	}
	if !timerange.Storable(asOf) {
		return nil, nil, timeErrIn(p.loc, "as_of", asOf)
	}
	if err := p.CheckQA(q); err != nil {
		return nil, nil, err
	}
	window := q.DisputeWindow()
	byEval := map[string]int{}
	for j := range disputes {
		d := &disputes[j]
		at := callfloor.Path("disputes").Index(j)
		id := d.Evaluation.ID
		if id == "" {
			return nil, nil, msgerr.Required(p.loc, at.Child("evaluation").Child("id"), msg.IncentivesInputDisputeEvaluation{})
		}
		switch d.Status {
		case qa.StatusOpen, qa.StatusDecided, qa.StatusWithdrawn:
		default:
			return nil, nil, msgerr.NotSupported(p.loc, at.Child("status"), msg.IncentivesWhatDisputeStatus{}, string(d.Status), []string{string(qa.StatusOpen), string(qa.StatusDecided), string(qa.StatusWithdrawn)})
		}
		if !timerange.Storable(d.Opened) {
			return nil, nil, timeErrIn(p.loc, at.Child("opened"), d.Opened)
		}
		// A dispute decides a finding only through its score versions and
		// its agent: one without them would erase a finding silently.
		if d.Evaluation.Agent == "" {
			return nil, nil, msgerr.Required(p.loc, at.Child("evaluation").Child("agent"), msg.IncentivesInputDisputeAgent{})
		}
		if !d.Held() && len(d.Versions) == 0 {
			return nil, nil, msgerr.Required(p.loc, at.Child("versions"), msg.IncentivesInputDisputeVersions{})
		}
		k, seen := byEval[id]
		if !seen {
			byEval[id] = j
			continue
		}
		o := &disputes[k]
		// Two open disputes of one evaluation, or two closed ones raised at
		// the same instant, leave no way to say which decides but the
		// order they were given in.
		if (d.Held() && o.Held()) || (!d.Held() && !o.Held() && d.Opened.Equal(o.Opened)) {
			return nil, nil, msgerr.Duplicate(p.loc, at.Child("evaluation").Child("id"), id, callfloor.Path("disputes").Index(k).Child("evaluation").Child("id"))
		}
		if d.Held() || (!o.Held() && d.Opened.After(o.Opened)) {
			byEval[id] = j
		}
	}
	var out []QAViolation
	var held []HeldFinding
	var calls map[string]int // the violation of each agent's call, in out
	evals := map[string]int{}
	for i := range results {
		r := &results[i]
		at := callfloor.Path("results").Index(i)
		var d *qa.Dispute
		if j, ok := byEval[r.Evaluation]; ok && r.Evaluation != "" {
			d = &disputes[j]
		}
		failed := r.CriticalFailed
		if d != nil && !d.Held() {
			failed = d.Current().CriticalFailed
		}
		if !r.PayRelevant || (!p.mapsAny(r.Scorecard, r.CriticalFailed) && !p.mapsAny(r.Scorecard, failed)) {
			continue
		}
		if r.Evaluation == "" {
			return nil, nil, msgerr.Required(p.loc, at.Child("evaluation"), msg.IncentivesInputFindingEvaluation{})
		}
		if k, dup := evals[r.Evaluation]; dup {
			return nil, nil, msgerr.Duplicate(p.loc, at.Child("evaluation"), r.Evaluation, callfloor.Path("results").Index(k))
		}
		evals[r.Evaluation] = i
		if r.Agent == "" {
			return nil, nil, msgerr.Required(p.loc, at.Child("agent"), msg.IncentivesInputFindingAgent{})
		}
		if r.At.IsZero() {
			return nil, nil, msgerr.Required(p.loc, at.Child("at"), msg.IncentivesInputFindingAt{})
		}
		if !timerange.Storable(r.At) {
			return nil, nil, timeErrIn(p.loc, at.Child("at"), r.At)
		}
		if d != nil && d.Evaluation.Scorecard != "" && d.Evaluation.Scorecard != r.Scorecard {
			return nil, nil, msgerr.Invalid(p.loc, callfloor.Path("disputes").Index(byEval[r.Evaluation]).Child("evaluation").Child("scorecard"), d.Evaluation.Scorecard,
				msg.IncentivesInputNotResultScorecard{Index: strconv.Itoa(i), Value: callfloor.FormatValue(r.Scorecard)})
		}
		if d != nil && d.Evaluation.Agent != r.Agent {
			return nil, nil, msgerr.Invalid(p.loc, callfloor.Path("disputes").Index(byEval[r.Evaluation]).Child("evaluation").Child("agent"), d.Evaluation.Agent,
				msg.IncentivesInputNotResultAgent{Index: strconv.Itoa(i), Value: callfloor.FormatValue(r.Agent)})
		}
		if d == nil && !asOf.After(r.At.Add(window)) {
			m := msg.IncentivesReasonDisputeWindow{Evaluation: r.Evaluation, Until: r.At.Add(window)}
			open := callfloor.Reason{Rule: "disputes.window", Outcome: callfloor.Held, Text: m.String(p.loc), Message: m.ID(),
				Facts: []callfloor.Fact{{Name: "window_days", Value: window.Hours() / 24}}}
			for _, f := range p.findings(q, r, r.CriticalFailed) {
				held = append(held, HeldFinding{Agent: r.Agent, Interaction: r.Interaction, Kind: f.kind, Evaluation: r.Evaluation, Scorecard: r.Scorecard, Items: f.items, At: r.At,
					Reasons: append(f.reasons, open)})
			}
			continue
		}
		if d != nil && d.Held() {
			_, why := d.Hold()
			for _, f := range p.findings(q, r, r.CriticalFailed) {
				held = append(held, HeldFinding{Agent: r.Agent, Interaction: r.Interaction, Kind: f.kind, Evaluation: r.Evaluation, Scorecard: r.Scorecard, Items: f.items, At: r.At,
					Dispute: d.ID, Reasons: append(f.reasons, why)})
			}
			continue
		}
		fs := p.findings(q, r, failed)
		if len(fs) == 0 {
			continue
		}
		kind := fs[0].kind
		for _, f := range fs[1:] {
			if p.moreSevere(f.kind, kind) {
				kind = f.kind
			}
		}
		var items []string
		var reasons []callfloor.Reason
		for _, it := range failed {
			for _, f := range fs {
				for j, fi := range f.items {
					if fi == it {
						items = append(items, it)
						reasons = append(reasons, f.reasons[j])
					}
				}
			}
		}
		if d != nil {
			_, why := d.Hold()
			reasons = append(reasons, why)
		}
		call := r.Interaction
		if call == "" {
			call = r.Evaluation
		}
		key := r.Agent + "\x00" + call
		k, again := calls[key]
		if !again {
			if calls == nil {
				calls = map[string]int{}
			}
			calls[key] = len(out)
			out = append(out, QAViolation{Agent: r.Agent, Violation: Violation{ID: QAViolationID(call, kind), Kind: kind, At: r.At, Interaction: r.Interaction},
				Interaction: r.Interaction, Evaluation: r.Evaluation, Scorecard: r.Scorecard, Items: items, Evaluations: []string{r.Evaluation}, Reasons: reasons})
			continue
		}
		o := &out[k]
		o.Evaluations = append(o.Evaluations, r.Evaluation)
		o.Reasons = append(o.Reasons, reasons...)
		for _, it := range items {
			if !slices.Contains(o.Items, it) {
				o.Items = append(o.Items, it)
			}
		}
		if p.moreSevere(kind, o.Violation.Kind) {
			o.Violation.Kind, o.Violation.ID = kind, QAViolationID(call, kind)
		}
		if r.At.Before(o.Violation.At) {
			o.Violation.At = r.At
		}
	}
	for i := range out {
		o := &out[i]
		if len(o.Items) == 1 && len(o.Evaluations) == 1 {
			continue
		}
		call := o.Interaction
		if call == "" {
			call = o.Evaluation
		}
		items := o.Items
		if !p.writesIDs() {
			items = make([]string, len(o.Items))
			for j, it := range o.Items {
				items[j] = p.qaItem(q, o.Scorecard, it)
			}
		}
		m := msg.IncentivesReasonOneIncident{Call: call, Kind: p.name(o.Violation.Kind), Evaluations: o.Evaluations, Items: items}
		o.Reasons = append(o.Reasons, callfloor.Reason{Rule: "discipline.qa_findings", Outcome: callfloor.Fired,
			Text: m.String(p.loc), Message: m.ID()})
	}
	return out, held, nil
}

// severityRank orders the severities from the lightest.
func severityRank(s Severity) int {
	switch s {
	case Minor:
		return 1
	case Serious:
		return 2
	case ZeroTolerance:
		return 3
	}
	return 0
}

// moreSevere reports whether a violation of kind a weighs more than one
// of kind b: a higher severity, then protective actions, then a larger
// fine, then a kind listed earlier in the policy. Both are kinds of the
// policy.
func (p *Policy) moreSevere(a, b string) bool {
	d := &p.discipline
	ia, ib := d.index[a], d.index[b]
	ka, kb := &d.kinds[ia], &d.kinds[ib]
	if x, y := severityRank(ka.severity), severityRank(kb.severity); x != y {
		return x > y
	}
	if x, y := len(ka.protect) > 0, len(kb.protect) > 0; x != y {
		return x
	}
	if ka.fine != kb.fine {
		return ka.fine > kb.fine
	}
	return ia < ib
}

// mapsAny reports whether any of the failed items of the scorecard maps
// to a violation kind.
func (p *Policy) mapsAny(scorecard string, failed []string) bool {
	for _, it := range failed {
		if _, ok := p.discipline.qaFindings[[2]string{scorecard, it}]; ok {
			return true
		}
	}
	return false
}

// finding is the violation of one kind found in one evaluation.
type finding struct {
	kind    string
	items   []string
	reasons []callfloor.Reason
}

// findings groups the failed items of r that map to a kind by kind, in
// the order of each kind's first item.
func (p *Policy) findings(q *qa.Policy, r *qa.Result, failed []string) []finding {
	var fs []finding
	for _, it := range failed {
		m, ok := p.discipline.qaFindings[[2]string{r.Scorecard, it}]
		if !ok {
			continue
		}
		k := -1
		for j := range fs {
			if fs[j].kind == m.kind {
				k = j
			}
		}
		if k < 0 {
			k = len(fs)
			fs = append(fs, finding{kind: m.kind})
		}
		label := p.discipline.kinds[p.discipline.index[m.kind]].label
		fs[k].items = append(fs[k].items, it)
		x := msg.IncentivesReasonCriticalItem{Evaluation: r.Evaluation, Date: r.At, Item: p.qaItem(q, r.Scorecard, it), Scorecard: p.qaScorecard(q, r.Scorecard), Label: label}
		fs[k].reasons = append(fs[k].reasons, callfloor.Reason{Rule: m.rule, Outcome: callfloor.Fired, Text: x.String(p.loc), Message: x.ID()})
	}
	return fs
}

// writesIDs reports whether the policy's sentences write the ids of
// another policy (a QA scorecard, an item) as they are: English ones do,
// as every English sentence writes ids; a sentence in any other locale
// writes the QA policy's own words for them, where an id would be the one
// English word of the sentence.
func (p *Policy) writesIDs() bool { return orEnglish(p.loc) == msg.English() }

// qaScorecard gives how the policy's sentences write a QA scorecard: its
// id (writesIDs), or its name in the QA policy q.
func (p *Policy) qaScorecard(q *qa.Policy, id string) string {
	if p.writesIDs() {
		return id
	}
	if s, ok := q.Scorecard(id); ok && s.Name() != "" {
		return s.Name()
	}
	return id
}

// qaItem gives how the policy's sentences write an item of a QA
// scorecard: its id (writesIDs), or its text in the QA policy q.
func (p *Policy) qaItem(q *qa.Policy, scorecard, item string) string {
	if p.writesIDs() {
		return item
	}
	if s, ok := q.Scorecard(scorecard); ok {
		for _, it := range s.Items() {
			if it.ID == item && it.Text != "" {
				return it.Text
			}
		}
	}
	return item
}

// CheckQA checks the mappings of discipline.qa_findings against the QA
// policy q whose results ViolationsFromQA will read: each must name a
// scorecard of q and a critical item of that scorecard (only a failed
// critical item is a finding). It returns nil when all
// do, and otherwise a *callfloor.PolicyError of this policy with one
// problem per mapping that does not, in policy order, placed at the
// mapping's scorecard or item field, as in
//
//	discipline.qa_findings[2].item: line 205, column 45: "no_rudenes" is not an item of scorecard inbound_service in qa policy 2025.1@4e88c310f2d7; allowed: ...
//
// so that a mapping whose finding would silently lead to nothing is
// caught where it is written; callfloor check reports the same when a
// qa and an incentives policy are checked together. On a nil or zero
// Policy it returns ErrZeroPolicy; a nil or zero q is an
// *callfloor.InputError.
func (p *Policy) CheckQA(q *qa.Policy) error {
	if p.zero() {
		return ErrZeroPolicy
	}
	if q.DisputeWindow() <= 0 {
		return msgerr.Required(p.loc, "q", msg.IncentivesInputQaMappings{})
	}
	var problems []callfloor.Problem
	for _, m := range p.discipline.qaMappings {
		sc, ok := q.Scorecard(m.scorecard)
		if !ok {
			var ids []string
			for _, c := range q.Scorecards() {
				ids = append(ids, c.ID())
			}
			problems = append(problems, callfloor.LocalizedProblem(p.loc, m.path+".scorecard", m.scorecardAt[0], m.scorecardAt[1],
				msg.IncentivesPolicyQaNotScorecard{Value: strconv.Quote(m.scorecard), Qa: q.Identity().String(), Allowed: ids}))
			continue
		}
		items := sc.Items()
		found, critical := false, false
		ids := make([]string, len(items))
		var crit []string
		for i, it := range items {
			ids[i] = it.ID
			if it.Critical != qa.NotCritical {
				crit = append(crit, it.ID)
			}
			if it.ID == m.item {
				found, critical = true, it.Critical != qa.NotCritical
			}
		}
		if !found {
			problems = append(problems, callfloor.LocalizedProblem(p.loc, m.path+".item", m.itemAt[0], m.itemAt[1],
				msg.IncentivesPolicyQaNotItem{Value: strconv.Quote(m.item), Scorecard: m.scorecard, Qa: q.Identity().String(), Allowed: ids}))
		} else if !critical {
			// Only a failed critical item is a finding: a mapping of any
			// other item would never fire.
			problems = append(problems, callfloor.LocalizedProblem(p.loc, m.path+".item", m.itemAt[0], m.itemAt[1],
				notCritical(strconv.Quote(m.item), m.scorecard, q.Identity().String(), crit)))
		}
	}
	if problems == nil {
		return nil
	}
	e := &callfloor.PolicyError{Kind: "incentives policy", Problems: problems}
	if !p.english() {
		e.Locale = p.loc.Tag()
	}
	return e
}

// notCritical is the problem of a mapping naming an item that is not
// critical: it says which items a mapping may name, the critical items
// of the scorecard, or that it has none.
func notCritical(item, scorecard, qaPolicy string, crit []string) msg.Message {
	if len(crit) == 0 {
		return msg.IncentivesPolicyQaNoCritical{Value: item, Scorecard: scorecard, Qa: qaPolicy}
	}
	return msg.IncentivesPolicyQaNotCritical{Value: item, Scorecard: scorecard, Qa: qaPolicy, Allowed: crit}
}
