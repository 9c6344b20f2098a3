package qa

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
)

// Status is where a dispute stands.
type Status string

// The statuses of a dispute.
const (
	// StatusOpen: the dispute waits for a reviewer; the evaluation is held
	// out of pay and discipline until it is decided.
	StatusOpen Status = "open"
	// StatusDecided: every disputed item has a decision.
	StatusDecided Status = "decided"
	// StatusWithdrawn: the agent took the dispute back before a decision.
	StatusWithdrawn Status = "withdrawn"
)

// EventType is what a dispute event does.
type EventType string

// The events a dispute takes.

const (
	// EventRaise: the agent disputes items, each with a reason.
	EventRaise EventType = "raise"
	// EventDecide: a reviewer upholds or overturns disputed items, each with a
	// rationale; an overturned item carries the corrected answer.
	EventDecide EventType = "decide"
	// EventWithdraw: the agent takes the dispute back.
	EventWithdraw EventType = "withdraw"
)

// Decision on a disputed item.
type Decision string

const (
	// Pending items wait for a reviewer.
	Pending Decision = ""
	// Upheld items keep the evaluator's answer.
	Upheld Decision = "upheld"
	// Overturned items take the reviewer's corrected answer.
	Overturned Decision = "overturned"
)

// DisputeEvent is one step of a dispute. ID identifies the event: applying
// an event the dispute has already applied changes nothing, and another
// event under an id already applied is refused.
type DisputeEvent struct {
	// ID is the host's id of the event, unique within the dispute.
	// Type is EventRaise, EventDecide or EventWithdraw.
	// At is when the event happened; never before the dispute's last event,
	// and a raise falls within the policy's window after the evaluation.
	// By is who acted: the evaluated agent for a raise or a withdraw, a
	// reviewer other than the agent for a decide.
	// Items are the items raised or decided; a withdraw names none.
	ID    string             `json:"id"`
	Type  EventType          `json:"type"`
	At    time.Time          `json:"at"`
	By    string             `json:"by"`
	Items []DisputeItemEvent `json:"items,omitempty"`
}

// DisputeItemEvent is one item of an event: on a raise, the item and the
// agent's reason; on a decide, the decision, the rationale and, for an
// overturn, the corrected answer (Value, or NA).
type DisputeItemEvent struct {
	// Item is the id of a scorecard item.
	// Reason is the agent's reason; required on a raise.
	// Decision is Upheld or Overturned on a decide; empty on a raise.
	// Rationale is the reviewer's rationale; required on a decide.
	// Value is the corrected answer of an overturned item; 0 otherwise.
	// NA, on an overturned item, makes the corrected answer N/A.
	Item      string   `json:"item"`
	Reason    string   `json:"reason,omitempty"`
	Decision  Decision `json:"decision,omitempty"`
	Rationale string   `json:"rationale,omitempty"`
	Value     float64  `json:"value,omitempty"`
	NA        bool     `json:"na,omitempty"`
}

// DisputedItem is one item under dispute.
type DisputedItem struct {
	// Item is the id of the disputed scorecard item.
	// Reason is the agent's reason, from the raise.
	// Decision is Pending (empty) until a reviewer decides the item.
	// Rationale is the reviewer's rationale; empty while pending.
	// Reviewer is who decided the item; empty while pending.
	// DecidedAt is when it was decided; zero while pending.
	Item      string    `json:"item"`
	Reason    string    `json:"reason"`
	Decision  Decision  `json:"decision,omitempty"`
	Rationale string    `json:"rationale,omitempty"`
	Reviewer  string    `json:"reviewer,omitempty"`
	DecidedAt time.Time `json:"decided_at"`
	// Was is the answer under dispute; Corrected the reviewer's answer
	// when the item was overturned.
	Was       Answer  `json:"was"`
	Corrected *Answer `json:"corrected,omitempty"`
}

// ScoreVersion is one version of the evaluation's score. Version 1 is the
// original; each decision that overturns an item adds one.
type ScoreVersion struct {
	// Version numbers the versions from 1, the original score.
	// At is the evaluation's time for version 1, else the decide event's.
	// Event is the id of the decide event that made the version; empty for
	// version 1.
	// Score, RawScore, Passed and CriticalFailed are those of the Result for
	// the answers as they stood in this version.
	Version        int       `json:"version"`
	At             time.Time `json:"at"`
	Event          string    `json:"event,omitempty"`
	Score          float64   `json:"score"`
	RawScore       float64   `json:"raw_score"`
	Passed         bool      `json:"passed"`
	CriticalFailed []string  `json:"critical_failed,omitempty"`
	// Overturned lists the items whose answers this version changed.
	Overturned []string `json:"overturned,omitempty"`
}

// Dispute is an agent's challenge of an evaluation, as a plain value the
// host stores between events. It keeps the stored-state convention of
// the callfloor packages (an ID, a typed Status, Opened and Updated, the
// Policy it was opened under, and every event in History), so that a host
// stores a dispute as it stores a coaching case. It round-trips through
// JSON unchanged. Apply returns a new Dispute and never modifies the one
// it is given.
type Dispute struct {
	// ID is DisputeID of the evaluation's id and the raise's time.
	ID string `json:"id"`
	// Evaluation is the disputed evaluation with its original answers; the
	// answers as corrected are in Answers.
	Evaluation Evaluation `json:"evaluation"`
	// Policy names the policy the dispute was opened under.
	Policy callfloor.Identity `json:"policy"`
	// Locale is the locale of that policy when it names one other than
	// English ("zh-CN"): Hold words its reason in it. Empty for English.
	Locale string `json:"locale,omitempty"`
	// Status is StatusOpen until every item is decided or the agent
	// withdraws.
	Status Status `json:"status"`
	// Opened is when the agent raised the dispute: the raise's time.
	// Updated is the time of the last event applied, or the raise's.
	Opened  time.Time `json:"opened"`
	Updated time.Time `json:"updated"`
	// Items are the disputed items, in the order the raise named them.
	Items []DisputedItem `json:"items"`
	// Answers are the evaluation's answers as they stand now.
	Answers []Answer `json:"answers"`
	// Versions holds every version of the score, oldest first.
	Versions []ScoreVersion `json:"versions"`
	// History holds every event applied, in full and in order, from the
	// raise; an event sent again appears once. Apply replays it to check
	// a stored dispute before acting on it, and compares a re-sent event
	// with the one it names.
	History []DisputeEvent `json:"history"`
}

// DisputeID is the id OpenDispute gives the dispute of the evaluation
// with the given id raised at raised: the evaluation's id and the raise's
// time in UTC to the nanosecond, as in
// "ev-1042/20261103T091500.000000000Z". An evaluation is disputed once at
// a time, so the pair names the dispute; Apply refuses a stored dispute
// whose ID is not this.
func DisputeID(evaluation string, raised time.Time) string {
	return evaluation + "/" + raised.UTC().Format(idLayout)
}

// idLayout writes the raise's time in a dispute id, to the nanosecond.
const idLayout = "20060102T150405.000000000Z"

// holdRule is the place of the dispute hold, which no policy can remove:
// an evaluation under an open dispute is held out of pay and discipline.
const holdRule = "disputes.hold"

// Held reports whether the evaluation must be kept out of pay and
// discipline: while its dispute is open.
func (d Dispute) Held() bool { return d.Status == StatusOpen }

// Hold says whether the evaluation is held out of pay and discipline, as
// Held does, with the reason a host or the package that decides pay
// states alongside the hold or its release.
func (d Dispute) Hold() (bool, callfloor.Reason) {
	pending := 0
	for _, it := range d.Items {
		if it.Decision == Pending {
			pending++
		}
	}
	l := msg.English()
	if d.Locale != "" {
		if ll, err := msg.Lookup(d.Locale); err == nil {
			l = ll
		}
	}
	var ev msg.Message = msg.QaDisputeTheEvaluation{}
	if d.Evaluation.ID != "" {
		ev = msg.QaDisputeEvaluation{Evaluation: d.Evaluation.ID}
	}
	switch d.Status {
	case StatusOpen:
		return true, reasonIn(l, holdRule, callfloor.Held, msg.QaReasonHoldOpen{Evaluation: ev, Since: d.Opened, Pending: msg.QaCountItem{N: pending}},
			fact("pending", pending))
	case StatusDecided:
		return false, reasonIn(l, holdRule, callfloor.Fired, msg.QaReasonHoldDecided{Evaluation: ev, Version: d.Current().Version}, fact("version", d.Current().Version))
	case StatusWithdrawn:
		return false, reasonIn(l, holdRule, callfloor.Fired, msg.QaReasonHoldWithdrawn{Evaluation: ev, Version: d.Current().Version}, fact("version", d.Current().Version))
	}
	return false, reasonIn(l, holdRule, callfloor.NotEvaluated, msg.QaReasonHoldNone{Evaluation: ev})
}

// Current returns the latest version of the score.
func (d Dispute) Current() ScoreVersion {
	if len(d.Versions) == 0 {
		return ScoreVersion{}
	}
	return d.Versions[len(d.Versions)-1]
}

// OpenDispute starts a dispute of an evaluation with the agent's raise
// event. The evaluation needs its ID, which the dispute's ID is made
// from (DisputeID). The event must come from the evaluation's agent, within the
// policy's window after the evaluation (inclusive), and name between one
// and max_items distinct items of the scorecard, each with a reason.
func (p *Policy) OpenDispute(ev Evaluation, e DisputeEvent) (Dispute, error) {
	if !p.ready() {
		return Dispute{}, ErrZeroPolicy
	}
	l := p.locale()
	sc, ok := p.byID[ev.Scorecard]
	if !ok {
		return Dispute{}, msgerr.NotSupported(l, "evaluation.scorecard", msg.QaWhatScorecard{}, ev.Scorecard, p.scorecardIDs)
	}
	if ev.ID == "" {
		return Dispute{}, msgerr.Required(l, "evaluation.id", msg.QaBecauseDisputeEvaluationId{})
	}
	if ev.Agent == "" {
		return Dispute{}, msgerr.Required(l, "evaluation.agent", msg.QaBecauseDisputeAgent{})
	}
	if ev.At.IsZero() {
		return Dispute{}, msgerr.Required(l, "evaluation.at", msg.QaBecauseDisputeWindow{})
	}
	if m := timeProblem(ev.At); m != nil {
		return Dispute{}, inputErr(l, callfloor.ErrInvalid, "evaluation.at", m)
	}
	r, err := sc.Score(ev)
	if err != nil {
		return Dispute{}, err
	}
	if err := checkEventHead(l, e); err != nil {
		return Dispute{}, err
	}
	if e.Type != EventRaise {
		return Dispute{}, inputErr(l, callfloor.ErrForbidden, "event.type", msg.QaInputRaiseFirst{Want: quoted(string(EventRaise)), Got: quoted(string(e.Type))})
	}
	if e.By != ev.Agent {
		return Dispute{}, inputErr(l, callfloor.ErrForbidden, "event.by", msg.QaInputRaiseBy{By: quoted(e.By), Agent: quoted(ev.Agent)})
	}
	if e.At.Before(ev.At) {
		return Dispute{}, inputErr(l, callfloor.ErrInvalid, "event.at", msg.QaInputBeforeEvaluation{At: e.At, Evaluation: ev.At})
	}
	deadline := ev.At.Add(p.disputes.window)
	if m := timeProblem(deadline); m != nil {
		return Dispute{}, inputErr(l, callfloor.ErrInvalid, "evaluation.at", msg.QaInputWindowOutOfRange{Window: p.disputes.window, Problem: m})
	}
	if e.At.After(deadline) {
		return Dispute{}, inputErr(l, callfloor.ErrInvalid, "event.at", msg.QaInputAfterWindow{At: e.At, Closed: deadline, Window: p.disputes.window})
	}
	if len(e.Items) == 0 {
		return Dispute{}, msgerr.Required(l, "event.items", msg.QaBecauseDisputeItems{})
	}
	if len(e.Items) > p.disputes.maxItems {
		return Dispute{}, msgerr.OutOfRange(l, "event.items", len(e.Items), 1, p.disputes.maxItems, msg.QaWhatDisputeItems{})
	}
	answers := append([]Answer(nil), ev.Answers...)
	d := Dispute{
		ID: DisputeID(ev.ID, e.At), Evaluation: copyEvaluation(ev), Policy: p.id, Locale: p.disputeLocale(), Status: StatusOpen,
		Opened: e.At, Updated: e.At, Answers: answers, History: []DisputeEvent{copyEvent(e)},
	}
	seen := map[string]int{}
	for i, it := range e.Items {
		f := fmt.Sprintf("event.items[%d]", i)
		if _, ok := sc.index[it.Item]; !ok {
			return Dispute{}, msgerr.NotSupported(l, callfloor.Path(f+".item"), msg.QaWhatItem{}, it.Item, sc.itemIDs)
		}
		if j, dup := seen[it.Item]; dup {
			return Dispute{}, msgerr.Duplicate(l, callfloor.Path(f+".item"), it.Item, callfloor.Path(fmt.Sprintf("event.items[%d].item", j)))
		}
		seen[it.Item] = i
		if it.Reason == "" {
			return Dispute{}, msgerr.Required(l, callfloor.Path(f+".reason"), msg.QaBecauseItemReason{})
		}
		if it.Decision != Pending || it.Rationale != "" {
			return Dispute{}, msgerr.Forbidden(l, callfloor.Path(f+".decision"), msg.QaForbiddenRaiseDecision{})
		}
		d.Items = append(d.Items, DisputedItem{Item: it.Item, Reason: it.Reason, Was: answerOf(answers, it.Item)})
	}
	d.Versions = []ScoreVersion{versionOf(1, ev.At, "", r, nil)}
	return d, nil
}

// Apply applies a decide or withdraw event to a dispute and returns the
// new dispute. The dispute it is given is never modified, and comes back
// unchanged with any error. A stored dispute is checked first: its
// history must start with the raise, hold distinct event ids, and hold
// no more events than its items allow (the raise and one per item); its
// ID must be DisputeID of its evaluation and its raise; and under the
// policy it was opened with, replaying the history must give its status,
// items, answers, versions and times (under another, Opened and Updated
// must be the times of its first and last events, its evaluation's source
// and its events' ids, authors, times and types must be valid, and the
// dispute must encode to JSON). A dispute that disagrees is refused
// naming the field. An event whose id the dispute has applied returns it
// unchanged when it is the same event, and is refused when its content
// differs, since an event id names one event. Events out of order are
// errors that say what is expected: a second raise, any event after the
// dispute is closed, an event dated before the last one, or at a time
// JSON cannot hold. A decide event
// names pending items, each upheld or overturned with a rationale, by a
// reviewer who is neither the agent nor the evaluation's evaluator; when
// it overturns an item the evaluation is re-scored and a new version of
// the score is added. When no item is pending any more the dispute is
// decided.
func (p *Policy) Apply(d Dispute, e DisputeEvent) (Dispute, error) {
	if !p.ready() {
		return d, ErrZeroPolicy
	}
	sc, err := p.checkStored(&d)
	if err != nil {
		return d, err
	}
	for i := range d.History {
		if d.History[i].ID == e.ID {
			if sameEvent(&d.History[i], &e) {
				return d, nil
			}
			return d, inputErr(p.locale(), callfloor.ErrDuplicate, "event.id", msg.QaInputEventReused{Event: quoted(e.ID)})
		}
	}
	return p.step(sc, d, e)
}

// step applies one event to a dispute already checked.
func (p *Policy) step(sc *Scorecard, d Dispute, e DisputeEvent) (Dispute, error) {
	l := p.locale()
	if err := checkEventHead(l, e); err != nil {
		return d, err
	}
	switch d.Status {
	case StatusOpen:
	case StatusDecided, StatusWithdrawn:
		return d, inputErr(l, callfloor.ErrForbidden, "event.type", msg.QaInputDisputeClosed{Status: d.Status.name()})
	default:
		return d, msgerr.NotSupported(l, "dispute.status", msg.QaWhatStatus{}, string(d.Status), names(statuses))
	}
	if e.At.Before(d.Updated) {
		return d, inputErr(l, callfloor.ErrInvalid, "event.at", msg.QaInputOutOfOrder{At: e.At, Last: d.Updated})
	}
	switch e.Type {
	case EventRaise:
		return d, inputErr(l, callfloor.ErrForbidden, "event.type", msg.QaInputAlreadyRaised{Decide: quoted(string(EventDecide)), Withdraw: quoted(string(EventWithdraw))})
	case EventWithdraw:
		if len(e.Items) > 0 {
			return d, msgerr.Forbidden(l, "event.items", msg.QaForbiddenWithdrawItems{})
		}
		if e.By != d.Evaluation.Agent {
			return d, inputErr(l, callfloor.ErrForbidden, "event.by", msg.QaInputWithdrawBy{Agent: quoted(d.Evaluation.Agent), By: quoted(e.By)})
		}
		n := d.clone()
		n.Status = StatusWithdrawn
		n.History = append(n.History, copyEvent(e))
		n.Updated = e.At
		return n, nil
	case EventDecide:
		return p.decide(sc, d, e)
	default:
		return d, msgerr.NotSupported(l, "event.type", msg.QaWhatEventType{}, string(e.Type), names(eventTypes))
	}
}

func (p *Policy) decide(sc *Scorecard, d Dispute, e DisputeEvent) (Dispute, error) {
	l := p.locale()
	if e.By == d.Evaluation.Agent {
		return d, inputErr(l, callfloor.ErrForbidden, "event.by", msg.QaInputOwnDispute{By: quoted(e.By)})
	}
	if e.By == d.Evaluation.Evaluator {
		return d, inputErr(l, callfloor.ErrForbidden, "event.by", msg.QaInputEvaluatorDecides{By: quoted(e.By)})
	}
	if len(e.Items) == 0 {
		return d, msgerr.Required(l, "event.items", msg.QaBecauseDecideItems{})
	}
	n := d.clone()
	var overturned []string
	seen := map[string]int{}
	for i, it := range e.Items {
		f := fmt.Sprintf("event.items[%d]", i)
		k := slices.IndexFunc(n.Items, func(x DisputedItem) bool { return x.Item == it.Item })
		switch {
		case k < 0:
			return d, msgerr.NotSupported(l, callfloor.Path(f+".item"), msg.QaWhatDisputedItem{}, it.Item, disputedIDs(n.Items))
		case hasKey(seen, it.Item):
			j := seen[it.Item]
			return d, msgerr.Duplicate(l, callfloor.Path(f+".item"), it.Item, callfloor.Path(fmt.Sprintf("event.items[%d].item", j)))
		case n.Items[k].Decision != Pending:
			return d, inputErr(l, callfloor.ErrForbidden, f+".item", msg.QaInputAlreadyDecided{Item: quoted(it.Item), Decision: n.Items[k].Decision.name()})
		}
		seen[it.Item] = i
		if it.Rationale == "" {
			return d, msgerr.Required(l, callfloor.Path(f+".rationale"), msg.QaBecauseRationale{})
		}
		di := &n.Items[k]
		switch it.Decision {
		case Upheld:
			if it.Value != 0 || it.NA {
				return d, inputErr(l, callfloor.ErrInvalid, f+".value", msg.QaInputUpheldValue{})
			}
		case Overturned:
			corrected := Answer{Item: it.Item, Value: it.Value, NA: it.NA, Note: it.Rationale}
			if field, kind, m := sc.items[sc.index[it.Item]].check(&corrected); field != "" {
				return d, inputErr(l, kind, f+"."+field, m)
			}
			if corrected.Value == di.Was.Value && corrected.NA == di.Was.NA {
				return d, inputErr(l, callfloor.ErrInvalid, f+".value", msg.QaInputSameAnswer{})
			}
			a := slices.IndexFunc(n.Answers, func(x Answer) bool { return x.Item == it.Item })
			if a < 0 {
				return d, inputErr(l, callfloor.ErrRequired, "dispute.answers", msg.QaInputNoDisputedAnswer{Item: quoted(it.Item)})
			}
			n.Answers[a] = corrected
			di.Corrected = &corrected
			overturned = append(overturned, it.Item)
		default:
			return d, msgerr.NotSupported(l, callfloor.Path(f+".decision"), msg.QaWhatDecision{}, string(it.Decision), names(decisions))
		}
		di.Decision, di.Rationale, di.Reviewer, di.DecidedAt = it.Decision, it.Rationale, e.By, e.At
	}
	if len(overturned) > 0 {
		ev := n.Evaluation
		ev.Answers = n.Answers
		r, err := sc.Score(ev)
		if err != nil {
			return d, rebase(err, "evaluation", "dispute")
		}
		n.Versions = append(n.Versions, versionOf(len(n.Versions)+1, e.At, e.ID, r, overturned))
	}
	if !slices.ContainsFunc(n.Items, func(x DisputedItem) bool { return x.Decision == Pending }) {
		n.Status = StatusDecided
	}
	n.History = append(n.History, copyEvent(e))
	n.Updated = e.At
	return n, nil
}

func checkEventHead(l *msg.Locale, e DisputeEvent) error {
	if e.ID == "" {
		return required(l, "event.id")
	}
	if e.By == "" {
		return required(l, "event.by")
	}
	if e.At.IsZero() {
		return required(l, "event.at")
	}
	if m := timeProblem(e.At); m != nil {
		return inputErr(l, callfloor.ErrInvalid, "event.at", m)
	}
	return nil
}

// sameEvent reports whether a and b are the same event: same id, kind,
// time, author and items.
func sameEvent(a, b *DisputeEvent) bool {
	return a.ID == b.ID && a.Type == b.Type && a.At.Equal(b.At) && a.By == b.By && slices.Equal(a.Items, b.Items)
}

func copyEvent(e DisputeEvent) DisputeEvent {
	e.Items = slices.Clone(e.Items)
	return e
}

func (d Dispute) clone() Dispute {
	n := d
	n.Evaluation = copyEvaluation(d.Evaluation)
	n.Items = append([]DisputedItem(nil), d.Items...)
	for i := range n.Items {
		if c := n.Items[i].Corrected; c != nil {
			cc := *c
			n.Items[i].Corrected = &cc
		}
	}
	n.Answers = append([]Answer(nil), d.Answers...)
	n.Versions = append([]ScoreVersion(nil), d.Versions...)
	n.History = make([]DisputeEvent, len(d.History))
	for i, e := range d.History {
		n.History[i] = copyEvent(e)
	}
	return n
}

func copyEvaluation(ev Evaluation) Evaluation {
	ev.Answers = append([]Answer(nil), ev.Answers...)
	return ev
}

func answerOf(answers []Answer, item string) Answer {
	for _, a := range answers {
		if a.Item == item {
			return a
		}
	}
	return Answer{Item: item}
}

func versionOf(n int, at time.Time, event string, r Result, overturned []string) ScoreVersion {
	return ScoreVersion{
		Version: n, At: at, Event: event, Score: r.Score, RawScore: r.RawScore, Passed: r.Passed,
		CriticalFailed: r.CriticalFailed, Overturned: overturned,
	}
}

func days(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return count(int(d/(24*time.Hour)), "day")
	}
	return d.String()
}

// count says n things in English: "1 day", "2 days", "0 items".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}

// checkStored returns the scorecard of a dispute that comes back from the
// host's storage, after checking that the dispute is one OpenDispute and
// Apply could have made: its history starts with the raise, its event ids
// are its history's, and, under the policy it was opened with, replaying
// the history gives the dispute field for field. A dispute edited,
// truncated or stitched together is refused before anything is applied,
// so that its state and its history never tell two stories. Under another
// policy, which may score or time disputes differently, only what the
// history alone decides is checked.
func (p *Policy) checkStored(d *Dispute) (*Scorecard, error) {
	l := p.locale()
	sc, ok := p.byID[d.Evaluation.Scorecard]
	if !ok {
		return nil, msgerr.NotSupported(l, "dispute.evaluation.scorecard", msg.QaWhatScorecard{}, d.Evaluation.Scorecard, p.scorecardIDs)
	}
	for i, it := range d.Items {
		if _, ok := sc.index[it.Item]; !ok {
			return nil, msgerr.NotSupported(l, callfloor.Path(fmt.Sprintf("dispute.items[%d].item", i)), msg.QaWhatItem{}, it.Item, sc.itemIDs)
		}
	}
	switch d.Status {
	case StatusOpen, StatusDecided, StatusWithdrawn:
	default:
		return nil, msgerr.NotSupported(l, "dispute.status", msg.QaWhatStatus{}, string(d.Status), names(statuses))
	}
	// After the raise, a decide settles at least one pending item, and a
	// withdraw comes only while an item is pending and closes the
	// dispute: N items allow at most N events after the raise.
	if most := len(d.Items) + 1; len(d.History) > most {
		return nil, inputErr(l, callfloor.ErrInvalid, "dispute.history", msg.QaInputHistoryLong{
			Events: msg.QaCountEvent{N: len(d.History)}, Items: msg.QaCountItem{N: len(d.Items)}, Most: most})
	}
	if len(d.History) == 0 || d.History[0].Type != EventRaise {
		return nil, inputErr(l, callfloor.ErrInvalid, "dispute.history", msg.QaInputHistoryNoRaise{})
	}
	if want := DisputeID(d.Evaluation.ID, d.History[0].At); d.ID != want {
		return nil, inputErr(l, callfloor.ErrInvalid, "dispute.id", msg.QaInputDisputeId{Got: quoted(d.ID), Want: quoted(want)})
	}
	dup, first := firstRepeat(len(d.History), func(i int) string { return d.History[i].ID })
	for i := range d.History {
		if i == dup {
			return nil, msgerr.Duplicate(l, callfloor.Path(fmt.Sprintf("dispute.history[%d].id", i)), d.History[i].ID, callfloor.Path(fmt.Sprintf("dispute.history[%d].id", first)))
		}
		if m := timeProblem(d.History[i].At); m != nil {
			return nil, inputErr(l, callfloor.ErrInvalid, fmt.Sprintf("dispute.history[%d].at", i), m)
		}
	}
	if d.Policy != p.id {
		if !d.Opened.Equal(d.History[0].At) {
			return nil, inputErr(l, callfloor.ErrInvalid, "dispute.opened", msg.QaInputOpened{At: d.Opened, Raise: d.History[0].At})
		}
		if last := d.History[len(d.History)-1].At; !d.Updated.Equal(last) {
			return nil, inputErr(l, callfloor.ErrInvalid, "dispute.updated", msg.QaInputUpdated{At: d.Updated, Last: last})
		}
		if err := checkForeign(l, d); err != nil {
			return nil, err
		}
		return sc, nil
	}
	r, err := p.OpenDispute(d.Evaluation, d.History[0])
	if err != nil {
		return nil, rebase(rebase(err, "event", "dispute.history[0]"), "evaluation", "dispute.evaluation")
	}
	for i := 1; i < len(d.History); i++ {
		if r, err = p.step(sc, r, d.History[i]); err != nil {
			return nil, rebase(err, "event", fmt.Sprintf("dispute.history[%d]", i))
		}
	}
	for _, f := range [...]struct {
		name      string
		got, want any
	}{
		{"status", d.Status, r.Status}, {"opened", d.Opened, r.Opened}, {"items", d.Items, r.Items},
		{"answers", d.Answers, r.Answers}, {"versions", d.Versions, r.Versions}, {"updated", d.Updated, r.Updated},
	} {
		got, _ := json.Marshal(f.got)
		want, _ := json.Marshal(f.want)
		if string(got) != string(want) {
			return nil, inputErr(l, callfloor.ErrInvalid, "dispute."+f.name, msg.QaInputDisagrees{Want: string(want)})
		}
	}
	return sc, nil
}

// checkForeign checks what a dispute opened under another policy must
// hold whatever that policy said, since it is not replayed: the
// evaluation's source, each event's head and type, and that the dispute
// can be stored again, so that Apply never returns a dispute JSON cannot
// hold.
func checkForeign(l *msg.Locale, d *Dispute) error {
	if _, ok := sourceIndex(d.Evaluation.Source); !ok {
		return msgerr.NotSupported(l, "dispute.evaluation.source", msg.QaWhatSource{}, string(d.Evaluation.Source), names(sources))
	}
	for i := range d.History {
		e := &d.History[i]
		f := fmt.Sprintf("dispute.history[%d]", i)
		if err := checkEventHead(l, *e); err != nil {
			return rebase(err, "event", f)
		}
		if !slices.Contains(eventTypes, e.Type) {
			return msgerr.NotSupported(l, callfloor.Path(f+".type"), msg.QaWhatEventType{}, string(e.Type), names(eventTypes))
		}
	}
	if _, err := json.Marshal(d); err != nil {
		return inputErr(l, callfloor.ErrInvalid, "dispute", msg.QaInputNotStorable{Err: err.Error()})
	}
	return nil
}

// smallRepeat is the length up to which firstRepeat compares every pair
// rather than build a map.
const smallRepeat = 8

// firstRepeat returns the first index i whose id(i) is also id(j) for an
// earlier j, and that j, or -1, -1 when the n ids are distinct. It takes
// time O(n), so that a stored history of any length is checked in time
// proportional to it.
func firstRepeat(n int, id func(int) string) (i, j int) {
	if n <= smallRepeat {
		for i := 1; i < n; i++ {
			x := id(i)
			for j := 0; j < i; j++ {
				if id(j) == x {
					return i, j
				}
			}
		}
		return -1, -1
	}
	seen := make(map[string]int, n)
	for i := range n {
		x := id(i)
		if j, ok := seen[x]; ok {
			return i, j
		}
		seen[x] = i
	}
	return -1, -1
}

// disputedIDs lists the ids of the disputed items, in the raise's order.
func disputedIDs(items []DisputedItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Item
	}
	return out
}
