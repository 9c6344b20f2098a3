package coaching

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// InputError is host data the package refuses: an event that does not fit
// its case, a score off the scale, a signal the policy does not declare.
// Field names the offending field, as in "event.records" or
// "sheets[1].answers[3].score".
type InputError struct {
	// Field is the path of the offending input, as in "event.step".
	// Msg says what is wrong and, where it can, what is expected instead.
	Field string `json:"field"`
	Msg   string `json:"msg"`
}

// Error returns "field: message".
func (e *InputError) Error() string { return e.Field + ": " + e.Msg }

func inputErr(field, format string, args ...any) error {
	return &InputError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Status is where a case stands.
type Status string

// The statuses of a case. Closed and cancelled cases take no more events.
const (
	StatusOpen      Status = "open"
	StatusClosed    Status = "closed"
	StatusCancelled Status = "cancelled"
)

// Case is one conversation being run: a plain value that a host stores as
// JSON between events. Its Steps say what has been done and when each
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
	// Policy names the policy the case was opened under.
	// Status is StatusOpen until a close or cancel event ends the case.
	// Opened is the opening time passed to Open.
	Policy Identity  `json:"policy"`
	Status Status    `json:"status"`
	Opened time.Time `json:"opened"`
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
)

// Event is something that happened to a case. ID is the host's, unique
// within the case: applying an event whose ID the case has seen changes
// nothing, so a host may retry freely. Each type takes its own fields: a
// complete names its Step and carries its Records; a reschedule names its
// Step and the new Due; a cancel carries its Reason; a close needs nothing
// more. A field the type does not take is refused, never dropped.
type Event struct {
	// ID is the host's id for the event, unique within the case; applying an
	// ID the case has already seen changes nothing.
	ID string `json:"id"`
	// Case is the ID of the case the event is for.
	// Type is complete, reschedule, cancel or close; it decides which of the
	// other fields the event may carry.
	Case string    `json:"case"`
	Type EventType `json:"type"`
	// At is when it happened; never before the case's last event.
	At time.Time `json:"at"`
	// Step is the step completed or rescheduled.
	Step string `json:"step,omitempty"`
	// Role is who acted, one of the policy's roles; on a complete event
	// it must be the step's role.
	Role string `json:"role,omitempty"`
	// By identifies the person who acted, for the history.
	By string `json:"by,omitempty"`
	// Records are what a completed step recorded: each record the step
	// keeps, once, with a value.
	Records []Record `json:"records,omitempty"`
	// Due is the new deadline of a rescheduled step.
	Due time.Time `json:"due"`
	// Reason explains a cancel (required) or a reschedule.
	Reason string `json:"reason,omitempty"`
}

// CaseID is the id Open gives a case of kind k for subject opened at at.
func CaseID(k Kind, subject string, at time.Time) string {
	return string(k) + "/" + subject + "/" + at.UTC().Format("20060102T150405.000000000Z")
}

// Open starts a case of the given kind for subject (an employee, or a
// candidate for a hiring interview) at the given time. Steps whose deadline counts from
// the opening get their deadline now; the others get theirs when the step
// they count from is done.
func (p *Policy) Open(kind Kind, subject string, at time.Time) (Case, error) {
	w, ok := p.workflows[kind]
	if !ok {
		return Case{}, inputErr("kind", "the policy has no workflow for kind %q; it has %s", kind, p.kindList())
	}
	if strings.TrimSpace(subject) == "" {
		return Case{}, inputErr("subject", "a case needs a subject")
	}
	if at.IsZero() {
		return Case{}, inputErr("at", "a case needs the time it was opened")
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
			c.Steps[i].Due = at.Add(s.within)
		}
	}
	return c, nil
}

func (p *Policy) kindList() string {
	var ks []string
	for _, k := range Kinds() {
		if _, ok := p.workflows[k]; ok {
			ks = append(ks, string(k))
		}
	}
	if len(ks) == 0 {
		return "none"
	}
	return strings.Join(ks, ", ")
}

// workflowOf returns the workflow a case follows, checking that the case is
// one Apply could have made: a known status, an opening time, the
// workflow's steps in order, no step done while an earlier one is owed, no
// negative reschedule count. A case a host stored and changed by hand is
// refused here rather than driven into a state its workflow forbids.
func (p *Policy) workflowOf(c *Case) (*workflow, error) {
	w, ok := p.workflows[c.Kind]
	if !ok {
		return nil, inputErr("case.kind", "the policy has no workflow for kind %q; it has %s", c.Kind, p.kindList())
	}
	switch c.Status {
	case StatusOpen, StatusClosed, StatusCancelled:
	default:
		return nil, inputErr("case.status", "unknown status %q; allowed: open, closed, cancelled", c.Status)
	}
	if c.Opened.IsZero() {
		return nil, inputErr("case.opened", "a case needs the time it was opened")
	}
	if len(c.Steps) != len(w.steps) {
		return nil, inputErr("case.steps", "the case has %d steps; the policy's %s workflow has %d (the case was opened under policy %s)", len(c.Steps), c.Kind, len(w.steps), c.Policy)
	}
	owed := -1
	for i := range w.steps {
		st := &c.Steps[i]
		if st.Step != w.steps[i].id {
			return nil, inputErr(fmt.Sprintf("case.steps[%d].step", i), "the case has step %q where the policy's %s workflow has %q (the case was opened under policy %s)", st.Step, c.Kind, w.steps[i].id, c.Policy)
		}
		if st.Rescheduled < 0 {
			return nil, inputErr(fmt.Sprintf("case.steps[%d].rescheduled", i), "%d is a count of reschedules; it must not be negative", st.Rescheduled)
		}
		switch {
		case st.Done.IsZero():
			if owed < 0 {
				owed = i
			}
		case owed >= 0:
			return nil, inputErr(fmt.Sprintf("case.steps[%d].done", i), "step %q is done while the earlier step %q is owed; steps are done in order", st.Step, c.Steps[owed].Step)
		}
	}
	return w, nil
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

func (c *Case) expected() string {
	switch c.Status {
	case StatusClosed:
		return "the case is closed; it takes no more events"
	case StatusCancelled:
		return "the case is cancelled; it takes no more events"
	}
	if i := c.next(); i < len(c.Steps) {
		return fmt.Sprintf("expected: complete %q (or reschedule a step, or cancel)", c.Steps[i].Step)
	}
	return "expected: close (or cancel)"
}

// Apply applies an event to a case and returns the new case. The case passed
// in is not changed, nor is anything it shares with the result. An event
// whose ID the case has already applied returns the case unchanged with no
// error. An event that does not fit (for another case, out of order,
// earlier than the case's last event, missing a record the step must keep,
// carrying a field its type does not take) is an *InputError that says
// what the case expects instead, and the case comes back as it was. A
// stored case that Apply could not have made (an unknown status, steps
// that are not its workflow's) is refused the same way.
func (p *Policy) Apply(c Case, e Event) (Case, error) {
	if strings.TrimSpace(e.ID) == "" {
		return c, inputErr("event.id", "an event needs an id, so that applying it twice changes nothing")
	}
	if e.Case != c.ID {
		return c, inputErr("event.case", "the event is for case %q; this case is %q", e.Case, c.ID)
	}
	for i := range c.History {
		if c.History[i].ID == e.ID {
			return c, nil
		}
	}
	w, err := p.workflowOf(&c)
	if err != nil {
		return c, err
	}
	if c.Status != StatusOpen {
		return c, inputErr("event", "%s", c.expected())
	}
	if e.At.IsZero() {
		return c, inputErr("event.at", "an event needs the time it happened")
	}
	if e.At.Before(c.Updated) {
		return c, inputErr("event.at", "%s is before the case's last event at %s; events must not go back in time", stamp(e.At), stamp(c.Updated))
	}
	if err := p.checkEventFields(&e); err != nil {
		return c, err
	}
	// Wall-clock times only, so that the case round-trips through JSON.
	e.At, e.Due = e.At.Round(0), e.Due.Round(0)

	n := c
	switch e.Type {
	case EventComplete:
		i, err := c.stepFor(w, e, "event.step")
		if err != nil {
			return c, err
		}
		next := c.next()
		if i != next {
			if !c.Steps[i].Done.IsZero() {
				return c, inputErr("event.step", "step %q was completed at %s; %s", e.Step, stamp(c.Steps[i].Done), c.expected())
			}
			return c, inputErr("event.step", "step %q is not next; %s", e.Step, c.expected())
		}
		s := &w.steps[i]
		if e.Role != "" && e.Role != s.role {
			return c, inputErr("event.role", "step %q is acted by the %s, not the %s", s.id, s.role, e.Role)
		}
		recs, given, err := s.takeRecords(e.Records)
		if err != nil {
			return c, err
		}
		e.Records = given
		n.Steps = slices.Clone(c.Steps)
		n.Steps[i].Done = e.At
		n.Steps[i].Records = recs
		for j := range w.steps {
			if w.steps[j].after == i && n.Steps[j].Rescheduled == 0 && n.Steps[j].Done.IsZero() {
				n.Steps[j].Due = e.At.Add(w.steps[j].within)
			}
		}
	case EventReschedule:
		i, err := c.stepFor(w, e, "event.step")
		if err != nil {
			return c, err
		}
		if !c.Steps[i].Done.IsZero() {
			return c, inputErr("event.step", "step %q was completed at %s; only an owed step can be rescheduled", e.Step, stamp(c.Steps[i].Done))
		}
		if e.Due.IsZero() {
			return c, inputErr("event.due", "a reschedule needs the new deadline")
		}
		if !e.Due.After(e.At) {
			return c, inputErr("event.due", "the new deadline %s must be later than the event at %s", stamp(e.Due), stamp(e.At))
		}
		if m := w.view.MaxReschedules; m >= 0 && c.Steps[i].Rescheduled >= m {
			return c, inputErr("event.step", "step %q has been rescheduled %d times, the most the policy allows; expected: complete it or cancel the case", e.Step, c.Steps[i].Rescheduled)
		}
		n.Steps = slices.Clone(c.Steps)
		n.Steps[i].Due = e.Due
		n.Steps[i].Rescheduled++
	case EventCancel:
		if strings.TrimSpace(e.Reason) == "" {
			return c, inputErr("event.reason", "a cancel needs a reason")
		}
		n.Status = StatusCancelled
		n.Reason = e.Reason
	case EventClose:
		if i := c.next(); i < len(c.Steps) {
			return c, inputErr("event.type", "close needs every step done; step %q is still owed; %s", c.Steps[i].Step, c.expected())
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

// checkEventFields refuses an unknown event type, a role the policy does
// not declare, and fields the event's type does not take, so that nothing
// the host sent is silently dropped.
func (p *Policy) checkEventFields(e *Event) error {
	switch e.Type {
	case EventComplete, EventReschedule, EventCancel, EventClose:
	default:
		return inputErr("event.type", "unknown event type %q; allowed: complete, reschedule, cancel, close", e.Type)
	}
	if e.Role != "" && !slices.Contains(p.roles, e.Role) {
		return inputErr("event.role", "unknown role %q; declared roles: %s", e.Role, strings.Join(p.roles, ", "))
	}
	if e.Type != EventComplete && len(e.Records) > 0 {
		return inputErr("event.records", "a %s event records nothing; records belong to the complete event of a step", e.Type)
	}
	if e.Type != EventReschedule && !e.Due.IsZero() {
		return inputErr("event.due", "a %s event sets no deadline; only a reschedule does", e.Type)
	}
	if (e.Type == EventCancel || e.Type == EventClose) && e.Step != "" {
		return inputErr("event.step", "a %s event names no step; it ends the whole case", e.Type)
	}
	return nil
}

func (c *Case) stepFor(w *workflow, e Event, field string) (int, error) {
	if e.Step == "" {
		return 0, inputErr(field, "a %s event names a step; %s", e.Type, c.expected())
	}
	i, ok := w.index[e.Step]
	if !ok {
		ids := make([]string, len(w.steps))
		for k, s := range w.steps {
			ids[k] = s.id
		}
		return 0, inputErr(field, "the %s workflow has no step %q; its steps are %s", c.Kind, e.Step, strings.Join(ids, ", "))
	}
	return i, nil
}

// takeRecords checks that the records are exactly the step's, each with a
// value. It returns them twice, from one allocation: in the policy's order
// for the step, and as given for the history.
func (s *step) takeRecords(got []Record) (ordered, given []Record, err error) {
	keeps := "nothing"
	if len(s.records) > 0 {
		keeps = strings.Join(s.records, ", ")
	}
	for k, r := range got {
		for j := 0; j < k; j++ {
			if got[j].Name == r.Name {
				return nil, nil, inputErr(fmt.Sprintf("event.records[%d]", k), "record %q is given twice", r.Name)
			}
		}
		if !slices.Contains(s.records, r.Name) {
			return nil, nil, inputErr(fmt.Sprintf("event.records[%d]", k), "step %q does not keep record %q; it records %s", s.id, r.Name, keeps)
		}
		if strings.TrimSpace(r.Value) == "" {
			return nil, nil, inputErr(fmt.Sprintf("event.records[%d]", k), "record %q of step %q is empty", r.Name, s.id)
		}
	}
	// Every record given is the step's and none twice, so the step has
	// them all exactly when the counts match.
	if len(got) < len(s.records) {
		var missing []string
		for _, name := range s.records {
			if !slices.ContainsFunc(got, func(r Record) bool { return r.Name == name }) {
				missing = append(missing, name)
			}
		}
		return nil, nil, inputErr("event.records", "step %q must record %s; missing: %s", s.id, keeps, strings.Join(missing, ", "))
	}
	n := len(s.records)
	if n == 0 {
		return nil, nil, nil
	}
	// Both halves are capped at their length, so that appending to one
	// never writes into the other.
	buf := make([]Record, 2*n)
	ordered, given = buf[:n:n], buf[n:]
	copy(given, got)
	for i, name := range s.records {
		for _, r := range got {
			if r.Name == name {
				ordered[i] = r
				break
			}
		}
	}
	return ordered, given, nil
}

func stamp(t time.Time) string { return t.Format(time.RFC3339) }

// finite reports whether v is a usable number.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
