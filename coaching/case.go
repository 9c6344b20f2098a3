package coaching

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/enum"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
)

// Status is where a case stands.
type Status string

// The statuses of a case. Closed and cancelled cases take no more events.
const (
	StatusOpen      Status = "open"
	StatusClosed    Status = "closed"
	StatusCancelled Status = "cancelled"
)

var statuses = []Status{StatusOpen, StatusClosed, StatusCancelled}

// String gives the status's name, as in "open".
func (s Status) String() string { return string(s) }

// MarshalText gives the status's name; a value that is not one of the
// constants is an error, so that no case is stored in a status Apply
// could not have given it.
func (s Status) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumCoachingStatus{}, s, statuses)
}

// UnmarshalText reads a status's name and refuses any other text.
func (s *Status) UnmarshalText(b []byte) error {
	v, err := enum.Unmarshal(msg.EnumCoachingStatus{}, b, statuses)
	if err == nil {
		*s = v
	}
	return err
}

// Case is one conversation being run: a plain value that a host stores as
// JSON between events, keeping callfloor's stored-state convention (ID,
// Status, Opened, Updated, Policy, History). Its Steps say what has been done and when each
// remaining step is due; its History holds every event applied, in order.
// Apply never changes a Case in place: it returns a new one, which may
// share the records of earlier steps and events with the old one. Treat a
// case as read-only and change it only through Apply.
type Case struct {
	// ID is derived from the kind, the subject and the opening time.
	// Kind is the kind of conversation; it fixes the workflow followed.
	// Subject is who the case is about: an employee, or a candidate for a
	// hiring interview.
	ID      string `json:"id"`
	Kind    Kind   `json:"kind"`
	Subject string `json:"subject"`
	// Channel is the way an issue the employee raised came in, as
	// OpenIssue records it; empty when the host did not record it, and
	// always empty for a case of a workflow not raised by the employee.
	Channel Channel `json:"channel,omitempty"`
	// Policy names the policy the case was opened under.
	// Status is StatusOpen until a close or cancel event ends the case.
	// Opened is the opening time passed to Open.
	Policy callfloor.Identity `json:"policy"`
	Status Status             `json:"status"`
	Opened time.Time          `json:"opened"`
	// Updated is the time of the last event applied, or the opening.
	// Steps holds one state per step of the workflow, in flow order.
	Updated time.Time   `json:"updated"`
	Steps   []StepState `json:"steps"`
	// Reason is why the case was cancelled.
	// History holds every event applied, oldest first; events that were
	// retried appear once.
	Reason  string  `json:"reason,omitempty"`
	History []Event `json:"history"`
}

// StepState is the state of one step of a case.
type StepState struct {
	// Step is the step's id in the workflow.
	// Phase is the workflow phase the step belongs to.
	// Role is the policy role that owes the step, as in "team_lead".
	Step  string `json:"step"`
	Phase string `json:"phase"`
	Role  string `json:"role"`
	// Due is the step's deadline; zero while the step it counts from is
	// not yet done.
	Due time.Time `json:"due"`
	// Done is when the step was completed; zero while it is owed.
	Done time.Time `json:"done"`
	// Records are what the step recorded, in the order the policy lists
	// them.
	Records []Record `json:"records,omitempty"`
	// Rescheduled counts reschedule events; a rescheduled deadline no
	// longer follows the step it counted from.
	Rescheduled int `json:"rescheduled"`
}

// Record is one thing a step records, such as the interview form or the
// agreed actions, by name; Value is the host's text or a reference to its
// own document.
type Record struct {
	// Name is the record's name as the step lists it, as in "agreed_actions".
	// Value is required; a blank value is refused.
	Name  string `json:"name"`
	Value string `json:"value"`
}

// EventType says what an event does.
type EventType string

// The events a case takes.
const (
	// EventComplete completes the next step with its records.
	EventComplete EventType = "complete"
	// EventReschedule gives an owed step a new deadline.
	EventReschedule EventType = "reschedule"
	// EventCancel ends an open case early, with a reason.
	EventCancel EventType = "cancel"
	// EventClose ends a case whose steps are all done.
	EventClose EventType = "close"
	// EventAnswerOnTheSpot completes the first step of an issue the
	// employee raised with its records, the answer given
	// (RecordAnswerGiven) and the employee's confirmation that it settles
	// the issue (RecordEmployeeConfirmation), and closes the case without
	// the later steps. Only a workflow that declares on_the_spot takes it.
	EventAnswerOnTheSpot EventType = "answer_on_the_spot"
)

var eventTypes = []EventType{EventComplete, EventReschedule, EventCancel, EventClose, EventAnswerOnTheSpot}

// String gives the event type's name, as in "complete".
func (t EventType) String() string { return string(t) }

// MarshalText gives the event type's name; a value that is not one of
// the constants is an error.
func (t EventType) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumCoachingEventType{}, t, eventTypes)
}

// UnmarshalText reads an event type's name and refuses any other text.
func (t *EventType) UnmarshalText(b []byte) error {
	v, err := enum.Unmarshal(msg.EnumCoachingEventType{}, b, eventTypes)
	if err == nil {
		*t = v
	}
	return err
}

// Event is something that happened to a case. ID is the host's, unique
// within the case: applying an event again under its ID, with the same
// content, changes nothing, so a host may retry freely; other content
// under an ID the case has seen is refused. Each type takes its own fields: a
// complete names its Step and carries its Records; a reschedule names its
// Step and the new Due; a cancel carries its Reason; a close needs nothing
// more. A field the type does not take is refused, never dropped.
type Event struct {
	// ID is the host's id for the event, unique within the case; an ID
	// names one event, so the same ID with other content is refused.
	ID string `json:"id"`
	// Case is the ID of the case the event is for.
	// Type is complete, reschedule, cancel or close; it decides which of the
	// other fields the event may carry.
	Case string    `json:"case"`
	Type EventType `json:"type"`
	// At is when it happened; never before the case's last event, and a
	// time JSON can hold (years 0 to 9999).
	At time.Time `json:"at"`
	// Step is the step completed or rescheduled.
	Step string `json:"step,omitempty"`
	// Role is who acted, one of the policy's roles; on a complete event
	// it must be the step's role.
	Role string `json:"role,omitempty"`
	// By identifies the person who acted, as the host names them;
	// required, since a history that does not say who completed, moved
	// or ended a step cannot be audited. A host acting on its own (a
	// scheduler closing a finished case) names itself, as in "system".
	By string `json:"by"`
	// Records are what a completed step recorded: each record the step
	// keeps, once, with a value.
	Records []Record `json:"records,omitempty"`
	// Due is the new deadline of a rescheduled step, later than At and a
	// time JSON can hold.
	Due time.Time `json:"due"`
	// Reason explains a cancel (required) or a reschedule.
	Reason string `json:"reason,omitempty"`
}

// CaseID is the id Open gives a case of kind k for subject opened at at.
func CaseID(k Kind, subject string, at time.Time) string {
	return string(k) + "/" + subject + "/" + at.UTC().Format(idLayout)
}

// Open starts a case of the given kind for subject (an employee, or a
// candidate for a hiring interview) at the given time. Steps whose deadline counts from
// the opening get their deadline now; the others get theirs when the step
// they count from is done. An opening time, or a deadline counted from
// it, that JSON cannot hold (outside years 0 to 9999) is an *callfloor.InputError,
// since the case could not be stored.
func (p *Policy) Open(kind Kind, subject string, at time.Time) (Case, error) {
	if !p.ready() {
		return Case{}, ErrZeroPolicy
	}
	w, ok := p.workflows[kind]
	if !ok {
		return Case{}, msgerr.NotSupported(p.loc, "kind", msg.CoachingWhatKind{}, string(kind), p.kindNames())
	}
	if strings.TrimSpace(subject) == "" {
		return Case{}, msgerr.Required(p.loc, "subject", nil)
	}
	if at.IsZero() {
		return Case{}, msgerr.Required(p.loc, "at", nil)
	}
	if tp := timeProblem(at); tp != nil {
		return Case{}, inputErr(p.loc, callfloor.ErrInvalid, "at", tp)
	}
	at = at.Round(0) // a wall-clock time only, so that the case round-trips through JSON
	c := Case{
		ID:      CaseID(kind, subject, at),
		Kind:    kind,
		Subject: subject,
		Policy:  p.id,
		Status:  StatusOpen,
		Opened:  at,
		Updated: at,
		Steps:   make([]StepState, len(w.steps)),
	}
	for i, s := range w.steps {
		c.Steps[i] = StepState{Step: s.id, Phase: s.phase, Role: s.role}
		if s.after < 0 {
			due := at.Add(s.within)
			if tp := timeProblem(due); tp != nil {
				return Case{}, inputErr(p.loc, callfloor.ErrOutOfRange, "at", msg.CoachingInputDeadlineOutOfRange{Step: quote(s.id), Span: text(fmtDur(s.within)), Msg: tp})
			}
			c.Steps[i].Due = due
		}
	}
	return c, nil
}

// kindNames lists the kinds the policy has a workflow for, in the order
// it declares them.
func (p *Policy) kindNames() []string {
	var ks []string
	for _, k := range p.kinds {
		if _, ok := p.workflows[k]; ok {
			ks = append(ks, string(k))
		}
	}
	return ks
}

// kindList names the kinds that have a workflow, for a trigger naming
// one that has none.
func (p *Policy) kindList() msg.Message {
	var ks []string
	for _, k := range p.kinds {
		if _, ok := p.workflows[k]; ok {
			ks = append(ks, string(k))
		}
	}
	if len(ks) == 0 {
		return msg.CoachingPolicyNoWorkflows{}
	}
	return msg.CoachingPolicyWorkflowKinds{Kinds: ks}
}

// next returns the index of the first step not done, or len(steps).
func (c *Case) next() int {
	for i := range c.Steps {
		if c.Steps[i].Done.IsZero() {
			return i
		}
	}
	return len(c.Steps)
}

// Next returns the step the case waits for, or "" when every step is done.
func (c Case) Next() string {
	if i := c.next(); i < len(c.Steps) {
		return c.Steps[i].Step
	}
	return ""
}

// Apply applies an event to a case and returns the new case. The case passed
// in is not changed, nor is anything it shares with the result.
//
// The stored case is checked first, against its own history: replayed
// from the opening, the history must give the case's id, status, reason,
// last update and every step's completion, records, reschedules and
// deadlines (see the package documentation). A case that disagrees with
// its history, or that Apply could not have made (an unknown status,
// steps that are not its workflow's), is refused with an *callfloor.InputError
// naming the field that disagrees, before anything is applied.
//
// An event whose ID the case has already applied, with the same content,
// returns the case unchanged with no error; the same ID with other
// content is refused, since an event ID names one event. An event that
// does not fit (for another case, out of order, earlier than the case's
// last event, missing a record the step must keep, carrying a field its
// type does not take, at a time or setting a deadline JSON cannot hold)
// is an *callfloor.InputError that says what the case expects instead, and the case
// comes back as it was.
func (p *Policy) Apply(c Case, e Event) (Case, error) {
	if !p.ready() {
		return c, ErrZeroPolicy
	}
	w, err := p.checkCase(&c)
	if err != nil {
		return c, err
	}
	if strings.TrimSpace(e.ID) == "" {
		return c, msgerr.Required(p.loc, "event.id", msg.CoachingBecauseEventIdRetry{})
	}
	if e.Case != c.ID {
		return c, inputErr(p.loc, callfloor.ErrInvalid, "event.case", msg.CoachingInputEventOtherCase{Case: quote(e.Case), ThisCase: quote(c.ID)})
	}
	for i := range c.History {
		if c.History[i].ID == e.ID {
			if sameEvent(&c.History[i], &e) {
				return c, nil
			}
			return c, inputErr(p.loc, callfloor.ErrInvalid, "event.id", msg.CoachingInputEventIdReused{Event: quote(e.ID)})
		}
	}
	if c.Status != StatusOpen {
		return c, inputErr(p.loc, callfloor.ErrInvalid, "event", c.expected())
	}
	if e.At.IsZero() {
		return c, msgerr.Required(p.loc, "event.at", nil)
	}
	if tp := timeProblem(e.At); tp != nil {
		return c, inputErr(p.loc, callfloor.ErrInvalid, "event.at", tp)
	}
	if strings.TrimSpace(e.By) == "" {
		return c, msgerr.Required(p.loc, "event.by", msg.CoachingBecauseHistoryActor{})
	}
	if e.At.Before(c.Updated) {
		return c, inputErr(p.loc, callfloor.ErrInvalid, "event.at", msg.CoachingInputEventBeforeLast{At: e.At, Updated: c.Updated})
	}
	if err := checkEventShape(p.loc, &e, "", -1); err != nil {
		return c, err
	}
	if e.Role != "" && !slices.Contains(p.roles, e.Role) {
		return c, msgerr.NotSupported(p.loc, "event.role", msg.CoachingWhatRole{}, e.Role, p.roles)
	}
	// Wall-clock times only, so that the case round-trips through JSON.
	e.At, e.Due = e.At.Round(0), e.Due.Round(0)

	n := c
	switch e.Type {
	case EventComplete:
		i, err := c.stepFor(p.loc, w, e, "event.step")
		if err != nil {
			return c, err
		}
		if n, err = c.complete(p.loc, w, &e, i, w.steps[i].records, w.steps[i].optional); err != nil {
			return c, err
		}
	case EventAnswerOnTheSpot:
		i, err := c.onTheSpot(p.loc, w, &e)
		if err != nil {
			return c, err
		}
		if n, err = c.complete(p.loc, w, &e, i, w.spot, w.steps[0].optional); err != nil {
			return c, err
		}
		n.Status = StatusClosed
	case EventReschedule:
		i, err := c.stepFor(p.loc, w, e, "event.step")
		if err != nil {
			return c, err
		}
		if !c.Steps[i].Done.IsZero() {
			return c, inputErr(p.loc, callfloor.ErrInvalid, "event.step", msg.CoachingInputRescheduleCompletedStep{Step: quote(e.Step), Done: c.Steps[i].Done})
		}
		if err := checkDeadline(p.loc, &e, "", -1); err != nil {
			return c, err
		}
		if m := w.view.MaxReschedules; m >= 0 && c.Steps[i].Rescheduled >= m {
			return c, inputErr(p.loc, callfloor.ErrForbidden, "event.step", msg.CoachingInputRescheduleLimitReached{Step: quote(e.Step), Rescheduled: c.Steps[i].Rescheduled})
		}
		n.Steps = slices.Clone(c.Steps)
		n.Steps[i].Due = e.Due
		n.Steps[i].Rescheduled++
	case EventCancel:
		if strings.TrimSpace(e.Reason) == "" {
			return c, msgerr.Required(p.loc, "event.reason", msg.CoachingBecauseCancelReason{})
		}
		n.Status = StatusCancelled
		n.Reason = e.Reason
	case EventClose:
		if i := c.next(); i < len(c.Steps) {
			return c, inputErr(p.loc, callfloor.ErrInvalid, "event.type", msg.CoachingInputCloseStepOwedExpected{Step: quote(c.Steps[i].Step), Expected: c.expected()})
		}
		n.Status = StatusClosed
	}
	n.Updated = e.At
	// A new array, exactly one event longer: the old case's history is
	// never written to, even where its array has room to spare, so two
	// events applied to the same case give two independent cases.
	n.History = make([]Event, len(c.History)+1)
	copy(n.History, c.History)
	n.History[len(c.History)] = e
	return n, nil
}

// complete completes step i, the next one, with the records of e, which
// must be every name of keeps and at most once each name of optional,
// and nothing else, and returns the new case with the deadlines that
// count from the step set; its history is the caller's to extend.
func (c *Case) complete(loc *msg.Locale, w *workflow, e *Event, i int, keeps, optional []string) (Case, error) {
	next := c.next()
	if i != next {
		if !c.Steps[i].Done.IsZero() {
			return *c, inputErr(loc, callfloor.ErrInvalid, "event.step", msg.CoachingInputStepCompletedExpected{Step: quote(e.Step), Done: c.Steps[i].Done, Expected: c.expected()})
		}
		return *c, inputErr(loc, callfloor.ErrInvalid, "event.step", msg.CoachingInputStepNotNext{Step: quote(e.Step), Expected: c.expected()})
	}
	s := &w.steps[i]
	if e.Role != "" && e.Role != s.role {
		return *c, inputErr(loc, callfloor.ErrForbidden, "event.role", msg.CoachingInputStepWrongRole{Step: quote(s.id), Role: text(s.role), CaseRole: text(e.Role)})
	}
	if err := checkRecords(loc, s.id, keeps, optional, true, e.Records, "", -1); err != nil {
		return *c, err
	}
	for j := range w.steps {
		if w.steps[j].after == i && c.Steps[j].Rescheduled == 0 && c.Steps[j].Done.IsZero() {
			if tp := timeProblem(e.At.Add(w.steps[j].within)); tp != nil {
				return *c, inputErr(loc, callfloor.ErrOutOfRange, "event.at", msg.CoachingInputNextDeadlineOutOfRange{Step: quote(s.id), Next: quote(w.steps[j].id), Span: text(fmtDur(w.steps[j].within)), Msg: tp})
			}
		}
	}
	recs, given := takeRecords(keeps, optional, e.Records)
	e.Records = given
	n := *c
	n.Steps = slices.Clone(c.Steps)
	n.Steps[i].Done = e.At
	n.Steps[i].Records = recs
	for j := range w.steps {
		if w.steps[j].after == i && n.Steps[j].Rescheduled == 0 && n.Steps[j].Done.IsZero() {
			n.Steps[j].Due = e.At.Add(w.steps[j].within)
		}
	}
	return n, nil
}

// onTheSpot checks that an answer_on_the_spot event fits the case: the
// workflow declares on_the_spot, the event names the first step while it
// is still owed, and the employee's confirmation is recorded. It returns
// the index of the step, which is 0.
func (c *Case) onTheSpot(loc *msg.Locale, w *workflow, e *Event) (int, error) {
	if w.spot == nil {
		return 0, inputErr(loc, callfloor.ErrForbidden, "event.type", msg.CoachingInputNoSpotAnswer{Kind: text(c.Kind)})
	}
	i, err := c.stepFor(loc, w, *e, "event.step")
	if err != nil {
		return 0, err
	}
	first := w.steps[0].id
	switch {
	case i != 0:
		return 0, inputErr(loc, callfloor.ErrInvalid, "event.step", msg.CoachingInputSpotAnswerNotFirst{First: quote(first), Step: quote(e.Step)})
	case !c.Steps[0].Done.IsZero():
		return 0, inputErr(loc, callfloor.ErrInvalid, "event.step", msg.CoachingInputSpotTooLate{First: quote(first), Done: c.Steps[0].Done, Expected: c.expected()})
	}
	if !slices.ContainsFunc(e.Records, func(r Record) bool { return r.Name == RecordEmployeeConfirmation }) {
		return 0, inputErr(loc, callfloor.ErrRequired, "event.records", msg.CoachingInputSpotUnconfirmedFollowUp{Record: quote(RecordEmployeeConfirmation), First: quote(first)})
	}
	return 0, nil
}

func (c *Case) stepFor(loc *msg.Locale, w *workflow, e Event, field string) (int, error) {
	if e.Step == "" {
		return 0, inputErr(loc, callfloor.ErrRequired, field, msg.CoachingInputStepRequiredExpected{Article: e.Type.article(), Expected: c.expected()})
	}
	i, ok := w.index[e.Step]
	if !ok {
		ids := make([]string, len(w.steps))
		for k, s := range w.steps {
			ids[k] = s.id
		}
		return 0, msgerr.NotSupported(loc, callfloor.Path(field), msg.CoachingWhatKindStep{Kind: string(c.Kind)}, e.Step, ids)
	}
	return i, nil
}

// takeRecords returns the records of a complete event, which
// checkRecords has accepted against keeps and optional, twice from one
// allocation: in the policy's order (those of keeps, then those of
// optional given), and as given for the history.
func takeRecords(keeps, optional []string, got []Record) (ordered, given []Record) {
	n := len(got)
	if n == 0 {
		return nil, nil
	}
	// Both halves are capped at their length, so that appending to one
	// never writes into the other.
	buf := make([]Record, 2*n)
	ordered, given = buf[:0:n], buf[n:]
	copy(given, got)
	for _, list := range [2][]string{keeps, optional} {
		for _, name := range list {
			for _, r := range got {
				if r.Name == name {
					ordered = append(ordered, r)
					break
				}
			}
		}
	}
	return ordered, given
}

// finite reports whether v is a usable number.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
