package coaching

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/timerange"
)

// replayStep is what a case's history says of one step.
type replayStep struct {
	done        time.Time // when the history completed the step
	event       int       // the index of that complete event, or -1
	rescheduled int       // how many reschedule events name the step
	due         time.Time // the deadline the last of them set
}

// replay is what a case's history decides of the whole case, replayed
// from the opening. What it decides of each step is held apart, in a
// []replayStep, so that those stay on the stack.
type replay struct {
	status Status    // open until an event ends the case
	ender  int       // the event that ended the case, or -1
	reason string    // the reason the case was cancelled with
	last   time.Time // the time of the last event, or the opening
}

// checkCase returns the workflow a stored case follows, after checking
// that the case is one Apply could have made. A host stores cases, so a
// case may come back edited, truncated or stitched together: Apply must
// not drive such a case further, or its steps and its history would tell
// two stories. The check replays the history from the opening and
// compares every field the history decides: the id (from kind, subject
// and opening), the status and cancel reason, the time of the last event,
// and each step's completion, records, reschedule count and deadline.
// Under the policy the case was opened with, phases, roles, record names,
// the reschedule bound and every deadline counted from the opening or
// from a step are checked too; under another policy, which may count
// deadlines differently and may have kept other records or more of them,
// only what the history alone decides is.
//
// The cost is linear in the size of the case: one pass over the history
// and one over the steps, with event ids and record names found through
// a map once a list is longer than pairwiseMax, so that a long history or
// an event with many records (which a case opened under another policy
// may hold, as nothing in this policy bounds them) cannot make one Apply
// quadratic.
func (p *Policy) checkCase(c *Case) (*workflow, error) {
	w, err := p.checkShape(c)
	if err != nil {
		return nil, err
	}
	own := c.Policy == p.id
	var buf [16]replayStep
	var steps []replayStep
	if len(w.steps) <= len(buf) {
		steps = buf[:len(w.steps)]
	} else {
		steps = make([]replayStep, len(w.steps))
	}
	r, err := p.replayHistory(c, w, own, steps)
	if err != nil {
		return nil, err
	}
	if err := checkAgainstReplay(c, w, own, &r, steps); err != nil {
		return nil, err
	}
	return w, nil
}

// checkShape checks what a case says of itself before its history is
// read: its kind, status, opening and id, and that its steps are the
// workflow's, in its order, done in order (and, under the policy the case
// was opened with, in the workflow's phases and owed by its roles).
func (p *Policy) checkShape(c *Case) (*workflow, error) {
	w, ok := p.workflows[c.Kind]
	if !ok {
		return nil, callfloor.NotSupported("case.kind", "kind", string(c.Kind), p.kindNames())
	}
	switch c.Status {
	case StatusOpen, StatusClosed, StatusCancelled:
	default:
		return nil, callfloor.NotSupported("case.status", "status", string(c.Status), names(statuses))
	}
	if c.Opened.IsZero() {
		return nil, callfloor.Required("case.opened", "")
	}
	if msg := timerange.Problem(c.Opened); msg != "" {
		return nil, inputErr(callfloor.ErrInvalid, "case.opened", "%s", msg)
	}
	if !idMatches(c) {
		return nil, inputErr(callfloor.ErrInvalid, "case.id", "%q is not the id of a %s case for subject %q opened at %s, which is %q", c.ID, c.Kind, c.Subject, stamp(c.Opened), CaseID(c.Kind, c.Subject, c.Opened))
	}
	if err := checkChannel(c, w); err != nil {
		return nil, err
	}
	if len(c.Steps) != len(w.steps) {
		return nil, inputErr(callfloor.ErrInvalid, "case.steps", "the case has %d steps; the policy's %s workflow has %d %s", len(c.Steps), c.Kind, len(w.steps), p.policies(c))
	}
	own := c.Policy == p.id
	owed := -1
	for i := range w.steps {
		st, s := &c.Steps[i], &w.steps[i]
		if st.Step != s.id {
			return nil, inputErr(callfloor.ErrInvalid, fmt.Sprintf("case.steps[%d].step", i), "the case has step %q where the policy's %s workflow has %q %s", st.Step, c.Kind, s.id, p.policies(c))
		}
		if own && st.Phase != s.phase {
			return nil, inputErr(callfloor.ErrInvalid, fmt.Sprintf("case.steps[%d].phase", i), "step %q is in phase %q under policy %s, not %q", st.Step, s.phase, p.id, st.Phase)
		}
		if own && st.Role != s.role {
			return nil, inputErr(callfloor.ErrInvalid, fmt.Sprintf("case.steps[%d].role", i), "step %q is owed by the %s under policy %s, not the %s", st.Step, s.role, p.id, st.Role)
		}
		if st.Rescheduled < 0 {
			return nil, inputErr(callfloor.ErrInvalid, fmt.Sprintf("case.steps[%d].rescheduled", i), "%d is a count of reschedules; it must not be negative", st.Rescheduled)
		}
		switch {
		case st.Done.IsZero():
			if owed < 0 {
				owed = i
			}
		case owed >= 0:
			return nil, inputErr(callfloor.ErrInvalid, fmt.Sprintf("case.steps[%d].done", i), "step %q is done while the earlier step %q is owed; steps are done in order", st.Step, c.Steps[owed].Step)
		}
	}
	return w, nil
}

// replayHistory replays a case's history from the opening, filling steps
// and returning what it decides of the whole case. It refuses the first
// event Apply would not have taken at its place: a repeated id, an event
// for another case, out of order or after the case ended, a field its
// type does not take, a step completed twice or out of turn, records a
// step does not keep (under the policy the case was opened with) or a
// reschedule beyond the bound.
func (p *Policy) replayHistory(c *Case, w *workflow, own bool, steps []replayStep) (replay, error) {
	for i := range steps {
		steps[i] = replayStep{event: -1}
	}
	r := replay{status: StatusOpen, ender: -1, last: c.Opened}
	next := 0
	ids := eventIDs{list: c.History}
	for k := range c.History {
		e := &c.History[k]
		if strings.TrimSpace(e.ID) == "" {
			return r, callfloor.Required(eventField(k, ".id"), "")
		}
		if j := ids.at(k); j >= 0 {
			return r, callfloor.Duplicate(eventField(k, ".id"), e.ID, callfloor.Path("case.history").Index(j))
		}
		if e.Case != c.ID {
			return r, inputErr(callfloor.ErrInvalid, eventField(k, ".case"), "the event is for case %q; this case is %q", e.Case, c.ID)
		}
		if e.At.IsZero() {
			return r, callfloor.Required(eventField(k, ".at"), "")
		}
		if msg := timerange.Problem(e.At); msg != "" {
			return r, inputErr(callfloor.ErrInvalid, eventField(k, ".at"), "%s", msg)
		}
		if strings.TrimSpace(e.By) == "" {
			return r, callfloor.Required(eventField(k, ".by"), byDetail)
		}
		if e.At.Before(r.last) {
			return r, inputErr(callfloor.ErrInvalid, eventField(k, ".at"), "%s is before %s at %s; events must not go back in time", stamp(e.At), previous(k), stamp(r.last))
		}
		if r.status != StatusOpen {
			return r, inputErr(callfloor.ErrInvalid, eventField(k, ""), "case.history[%d] %s the case; no event follows it", r.ender, r.status)
		}
		if err := checkEventShape(e, k); err != nil {
			return r, err
		}
		switch e.Type {
		case EventComplete, EventReschedule, EventAnswerOnTheSpot:
			if e.Step == "" {
				return r, inputErr(callfloor.ErrRequired, eventField(k, ".step"), "%s event names a step", e.Type.article())
			}
			i, ok := w.index[e.Step]
			if !ok {
				return r, inputErr(callfloor.ErrInvalid, eventField(k, ".step"), "the %s workflow has no step %q", c.Kind, e.Step)
			}
			rs := &steps[i]
			if rs.event >= 0 {
				return r, inputErr(callfloor.ErrInvalid, eventField(k, ".step"), "step %q was already completed by case.history[%d]", e.Step, rs.event)
			}
			if e.Type == EventReschedule {
				if err := checkDeadline(e, k); err != nil {
					return r, err
				}
				if m := w.view.MaxReschedules; own && m >= 0 && rs.rescheduled >= m {
					return r, inputErr(callfloor.ErrForbidden, eventField(k, ".step"), "step %q is rescheduled more than the %d times policy %s allows", e.Step, m, p.id)
				}
				rs.rescheduled++
				rs.due = e.Due
				break
			}
			if i != next {
				return r, inputErr(callfloor.ErrInvalid, eventField(k, ".step"), "step %q is not next; the history owes %q first", e.Step, w.steps[next].id)
			}
			spot := e.Type == EventAnswerOnTheSpot
			if spot && i != 0 {
				return r, inputErr(callfloor.ErrInvalid, eventField(k, ".step"), "an issue is answered on the spot only in the first talk, step %q, not in step %q", w.steps[0].id, e.Step)
			}
			if spot && own && w.spot == nil {
				return r, inputErr(callfloor.ErrForbidden, eventField(k, ".type"), "the %s workflow does not close on the spot under policy %s", c.Kind, p.id)
			}
			if e.Role != "" && e.Role != c.Steps[i].Role {
				return r, inputErr(callfloor.ErrForbidden, eventField(k, ".role"), "step %q is acted by the %s, not the %s", e.Step, c.Steps[i].Role, e.Role)
			}
			var keeps []string
			switch {
			case own && spot:
				keeps = w.spot
			case own:
				keeps = w.steps[i].records
			}
			if spot && !slices.ContainsFunc(e.Records, func(r Record) bool { return r.Name == RecordEmployeeConfirmation }) {
				return r, inputErr(callfloor.ErrRequired, eventField(k, ".records"), "an issue closes on the spot only once the employee confirms the answer settles it; record %q is missing", RecordEmployeeConfirmation)
			}
			if err := checkRecords(w.steps[i].id, keeps, own, e.Records, k); err != nil {
				return r, err
			}
			rs.done, rs.event = e.At, k
			next++
			if spot {
				r.status, r.ender = StatusClosed, k
			}
		case EventCancel:
			if strings.TrimSpace(e.Reason) == "" {
				return r, callfloor.Required(eventField(k, ".reason"), "a cancel says why")
			}
			r.status, r.ender, r.reason = StatusCancelled, k, e.Reason
		case EventClose:
			if next < len(steps) {
				return r, inputErr(callfloor.ErrInvalid, eventField(k, ".type"), "close needs every step done; step %q is still owed", w.steps[next].id)
			}
			r.status, r.ender = StatusClosed, k
		}
		r.last = e.At
	}
	return r, nil
}

// checkAgainstReplay compares what the case holds with what its replayed
// history decides (r of the whole case, steps of each step): each step's completion, records, reschedule count
// and deadline (under the policy the case was opened with, also the
// deadlines counted from the opening or from a step), then the status,
// the cancel reason and the time of the last update.
func checkAgainstReplay(c *Case, w *workflow, own bool, r *replay, steps []replayStep) error {
	for i := range steps {
		if err := checkStepAgainstReplay(c, w, own, steps, i); err != nil {
			return err
		}
	}
	switch {
	case c.Status == r.status:
	case r.status != StatusOpen:
		return inputErr(callfloor.ErrInvalid, "case.status", "the case is %s, but case.history[%d] %s it", c.Status, r.ender, r.status)
	default:
		return inputErr(callfloor.ErrInvalid, "case.status", "the case is %s, but no event in its history %s it", c.Status, c.Status)
	}
	switch {
	case c.Reason == r.reason:
	case r.status == StatusCancelled:
		return inputErr(callfloor.ErrInvalid, "case.reason", "%q is not the reason case.history[%d] cancelled the case with, %q", c.Reason, r.ender, r.reason)
	default:
		return inputErr(callfloor.ErrInvalid, "case.reason", "the case holds the reason %q, but only a cancel gives one and its history has none", c.Reason)
	}
	if !c.Updated.Equal(r.last) {
		return inputErr(callfloor.ErrInvalid, "case.updated", "%s is not the time of %s, %s", stamp(c.Updated), lastName(len(c.History)), stamp(r.last))
	}
	return nil
}

// checkStepAgainstReplay compares the i-th step of a case with what its
// replayed history says of each step, steps.
func checkStepAgainstReplay(c *Case, w *workflow, own bool, steps []replayStep, i int) error {
	st, rs, s := &c.Steps[i], &steps[i], &w.steps[i]
	switch {
	case rs.event < 0 && !st.Done.IsZero():
		return inputErr(callfloor.ErrInvalid, fmt.Sprintf("case.steps[%d].done", i), "step %q is done at %s, but no event in the case's history completed it", st.Step, stamp(st.Done))
	case rs.event >= 0 && st.Done.IsZero():
		return inputErr(callfloor.ErrInvalid, fmt.Sprintf("case.steps[%d].done", i), "step %q is not done, but case.history[%d] completed it at %s", st.Step, rs.event, stamp(rs.done))
	case rs.event >= 0 && !st.Done.Equal(rs.done):
		return inputErr(callfloor.ErrInvalid, fmt.Sprintf("case.steps[%d].done", i), "step %q is done at %s, but case.history[%d] completed it at %s", st.Step, stamp(st.Done), rs.event, stamp(rs.done))
	}
	switch {
	case rs.event < 0 && len(st.Records) > 0:
		return inputErr(callfloor.ErrInvalid, fmt.Sprintf("case.steps[%d].records", i), "step %q is not done, yet holds records", st.Step)
	case rs.event >= 0 && !sameRecords(st.Records, c.History[rs.event].Records, stepKeeps(w, i, c.History[rs.event].Type), own):
		return inputErr(callfloor.ErrInvalid, fmt.Sprintf("case.steps[%d].records", i), "the records of step %q are not those case.history[%d] completed it with", st.Step, rs.event)
	}
	if st.Rescheduled != rs.rescheduled {
		return inputErr(callfloor.ErrInvalid, fmt.Sprintf("case.steps[%d].rescheduled", i), "the case's history reschedules step %q %d times, not %d", st.Step, rs.rescheduled, st.Rescheduled)
	}
	want, known := rs.due, rs.rescheduled > 0
	if !known && own {
		known = true
		switch {
		case s.after < 0:
			want = c.Opened.Add(s.within)
		case steps[s.after].event >= 0:
			want = steps[s.after].done.Add(s.within)
		default:
			want = time.Time{}
		}
	}
	if known && !st.Due.Equal(want) {
		return inputErr(callfloor.ErrInvalid, fmt.Sprintf("case.steps[%d].due", i), "the deadline of step %q is %s, but the case's history gives %s", st.Step, stampOrNone(st.Due), stampOrNone(want))
	}
	if !st.Due.IsZero() {
		if msg := timerange.Problem(st.Due); msg != "" {
			return inputErr(callfloor.ErrInvalid, fmt.Sprintf("case.steps[%d].due", i), "%s", msg)
		}
	}
	return nil
}

// idLayout writes the opening time in a case id, to the nanosecond.
const idLayout = "20060102T150405.000000000Z"

// idMatches reports whether the case's id is CaseID of its kind, subject
// and opening, without building that id.
func idMatches(c *Case) bool {
	k, s, id := string(c.Kind), c.Subject, c.ID
	n := len(k) + len(s) + 2
	if len(id) < n || id[:len(k)] != k || id[len(k)] != '/' || id[len(k)+1:n-1] != s || id[n-1] != '/' {
		return false
	}
	var buf [40]byte
	return id[n:] == string(c.Opened.UTC().AppendFormat(buf[:0], idLayout))
}

// policies names the policy a case was opened under and the one asked to
// apply an event to it, for refusals across policy versions.
func (p *Policy) policies(c *Case) string {
	return fmt.Sprintf("(the case was opened under policy %s; this policy is %s)", c.Policy, p.id)
}

// eventField is the field path of an event: the event being applied when
// k < 0, else the k-th event of the case's history.
func eventField(k int, sub string) callfloor.Path {
	if k < 0 {
		return callfloor.Path("event" + sub)
	}
	return callfloor.Path(fmt.Sprintf("case.history[%d]%s", k, sub))
}

func previous(k int) string {
	if k == 0 {
		return "the opening"
	}
	return fmt.Sprintf("case.history[%d]", k-1)
}

func lastName(n int) string {
	if n == 0 {
		return "the opening, as the case has no history"
	}
	return fmt.Sprintf("its last event case.history[%d]", n-1)
}

// pairwiseMax is the length up to which a list (a case's history, the
// records of an event) is searched for repeats by comparing its items
// pairwise, which allocates nothing; a longer one gets a map, so that its
// check stays linear.
const pairwiseMax = 32

// scanned, when not nil, is told how many pairs each pairwise search
// compared. Only tests set it, to prove that no check of a stored case
// compares a long list pairwise.
var scanned func(pairs int)

// repeats finds, walking a list from its start, the first item whose key
// an earlier item already has. The first pairwiseMax items are searched
// pairwise; from there on a map of the keys seen, built once and grown
// item by item, answers, so a walk over the whole list is linear.
type repeats[T any] struct {
	list []T
	key  func(*T) string
	seen map[string]int
}

// at returns the index of an earlier item with the k-th item's key, or
// -1. Calls go k = 0, 1, 2 and so on, and stop at the first repeat.
func (r *repeats[T]) at(k int) int {
	key := r.key(&r.list[k])
	if r.seen == nil {
		if k < pairwiseMax {
			if scanned != nil {
				scanned(k)
			}
			for j := 0; j < k; j++ {
				if r.key(&r.list[j]) == key {
					return j
				}
			}
			return -1
		}
		r.seen = make(map[string]int, len(r.list))
		for j := 0; j < k; j++ {
			if _, dup := r.seen[r.key(&r.list[j])]; !dup {
				r.seen[r.key(&r.list[j])] = j
			}
		}
	}
	if j, dup := r.seen[key]; dup {
		return j
	}
	r.seen[key] = k
	return -1
}

// eventIDs is repeats for the ids of a case's history, written out for
// events: the history is checked on every Apply, and its pairwise search
// compares the ids in place, where repeats calls its key function once
// for each pair.
type eventIDs struct {
	list []Event
	seen map[string]int
}

// at is repeats.at for event ids.
func (r *eventIDs) at(k int) int {
	key := r.list[k].ID
	if r.seen == nil {
		if k < pairwiseMax {
			if scanned != nil {
				scanned(k)
			}
			for j := range r.list[:k] {
				if r.list[j].ID == key {
					return j
				}
			}
			return -1
		}
		r.seen = make(map[string]int, len(r.list))
		for j := range r.list[:k] {
			if _, dup := r.seen[r.list[j].ID]; !dup {
				r.seen[r.list[j].ID] = j
			}
		}
	}
	if j, dup := r.seen[key]; dup {
		return j
	}
	r.seen[key] = k
	return -1
}

func recordName(r *Record) string { return r.Name }

// checkEventShape refuses an unknown event type and fields the event's
// type does not take, so that nothing sent is silently dropped; k is as
// for eventField.
func checkEventShape(e *Event, k int) error {
	switch e.Type {
	case EventComplete, EventReschedule, EventCancel, EventClose, EventAnswerOnTheSpot:
	default:
		return callfloor.NotSupported(eventField(k, ".type"), "event type", string(e.Type), names(eventTypes))
	}
	if e.Type != EventComplete && e.Type != EventAnswerOnTheSpot && len(e.Records) > 0 {
		return inputErr(callfloor.ErrForbidden, eventField(k, ".records"), "a %s event records nothing; records belong to the complete event of a step", e.Type)
	}
	if e.Type != EventReschedule && !e.Due.IsZero() {
		return inputErr(callfloor.ErrForbidden, eventField(k, ".due"), "%s event sets no deadline; only a reschedule does", e.Type.article())
	}
	if (e.Type == EventCancel || e.Type == EventClose) && e.Step != "" {
		return inputErr(callfloor.ErrForbidden, eventField(k, ".step"), "a %s event names no step; it ends the whole case", e.Type)
	}
	return nil
}

// checkDeadline checks the new deadline of a reschedule: given, later
// than the event, and a time JSON can hold.
func checkDeadline(e *Event, k int) error {
	switch {
	case e.Due.IsZero():
		return callfloor.Required(eventField(k, ".due"), "a reschedule sets the new deadline")
	case !e.Due.After(e.At):
		return inputErr(callfloor.ErrInvalid, eventField(k, ".due"), "the new deadline %s must be later than the event at %s", stamp(e.Due), stamp(e.At))
	}
	if msg := timerange.Problem(e.Due); msg != "" {
		return inputErr(callfloor.ErrInvalid, eventField(k, ".due"), "%s", msg)
	}
	return nil
}

// checkRecords checks the records of a complete event for step id: none
// twice, none empty and, when exact, exactly the names keeps lists. When
// not exact (a case opened under another policy, which may have kept
// other records or more of them), nothing bounds how many records there
// are, so repeats are found through a map beyond pairwiseMax records.
func checkRecords(id string, keeps []string, exact bool, got []Record, k int) error {
	// Built only for an error: Apply checks records on every completion.
	list := func() string {
		if len(keeps) == 0 {
			return "nothing"
		}
		return strings.Join(keeps, ", ")
	}
	names := repeats[Record]{list: got, key: recordName}
	for j, r := range got {
		if names.at(j) >= 0 {
			return inputErr(callfloor.ErrDuplicate, eventField(k, fmt.Sprintf(".records[%d]", j)), "record %q is given twice", r.Name)
		}
		if exact && !slices.Contains(keeps, r.Name) {
			return inputErr(callfloor.ErrForbidden, eventField(k, fmt.Sprintf(".records[%d]", j)), "step %q does not keep record %q; it records %s", id, r.Name, list())
		}
		if strings.TrimSpace(r.Value) == "" {
			return inputErr(callfloor.ErrRequired, eventField(k, fmt.Sprintf(".records[%d]", j)), "record %q of step %q is empty", r.Name, id)
		}
	}
	// Every record given is the step's and none twice, so the step has
	// them all exactly when the counts match.
	if exact && len(got) < len(keeps) {
		var missing []string
		for _, name := range keeps {
			if !slices.ContainsFunc(got, func(r Record) bool { return r.Name == name }) {
				missing = append(missing, name)
			}
		}
		return inputErr(callfloor.ErrRequired, eventField(k, ".records"), "step %q must record %s; missing: %s", id, list(), strings.Join(missing, ", "))
	}
	return nil
}

// sameRecords reports whether a step holds exactly the records its
// complete event gave, in the policy's order (names) when ordered. The
// event's records have distinct names (checkRecords refused a repeat), so
// the step holds them exactly when it holds as many, none twice, each one
// of them. Beyond pairwiseMax records the event's are looked up by name.
func sameRecords(held, given []Record, names []string, ordered bool) bool {
	if len(held) != len(given) || ordered && len(held) != len(names) {
		return false
	}
	if ordered {
		for i := range held {
			if held[i].Name != names[i] {
				return false
			}
		}
	}
	twice := repeats[Record]{list: held, key: recordName}
	if len(given) <= pairwiseMax {
		for i, r := range held {
			if scanned != nil {
				scanned(len(given))
			}
			if twice.at(i) >= 0 || !slices.Contains(given, r) {
				return false
			}
		}
		return true
	}
	value := make(map[string]string, len(given))
	for _, r := range given {
		value[r.Name] = r.Value
	}
	for i, r := range held {
		if v, ok := value[r.Name]; !ok || v != r.Value || twice.at(i) >= 0 {
			return false
		}
	}
	return true
}

// sameEvent reports whether two events say the same thing: an event sent
// again under its id is a retry only if nothing in it changed. Times
// compare as instants, since a stored event comes back from JSON in
// another representation of the same time.
func sameEvent(a, b *Event) bool {
	return a.ID == b.ID && a.Case == b.Case && a.Type == b.Type && a.At.Equal(b.At) &&
		a.Step == b.Step && a.Role == b.Role && a.By == b.By && a.Due.Equal(b.Due) &&
		a.Reason == b.Reason && slices.Equal(a.Records, b.Records)
}

// stepKeeps is what step i of w keeps when an event of type t completed
// it: its own records, or on the spot also the answer and the
// confirmation.
func stepKeeps(w *workflow, i int, t EventType) []string {
	if t == EventAnswerOnTheSpot && i == 0 && w.spot != nil {
		return w.spot
	}
	return w.steps[i].records
}

func stampOrNone(t time.Time) string {
	if t.IsZero() {
		return "none"
	}
	return stamp(t)
}
