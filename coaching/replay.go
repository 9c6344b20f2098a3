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
func (p *Policy) checkCase(c *Case) (*workflow, error) { return p.checkCaseAt(c, "case") }

// checkCaseAt is checkCase for a case passed as root: "case", or
// "cases[3]" for one of a list, which every refusal names its field
// under.
func (p *Policy) checkCaseAt(c *Case, root callfloor.Path) (*workflow, error) {
	w, err := p.checkShape(c, root)
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
	r, err := p.replayHistory(c, w, own, steps, root)
	if err != nil {
		return nil, err
	}
	if err := checkAgainstReplay(c, w, own, &r, steps, root); err != nil {
		return nil, err
	}
	return w, nil
}

// checkShape checks what a case says of itself before its history is
// read: its kind, status, opening and id, and that its steps are the
// workflow's, in its order, done in order (and, under the policy the case
// was opened with, in the workflow's phases and owed by its roles).
func (p *Policy) checkShape(c *Case, root callfloor.Path) (*workflow, error) {
	w, ok := p.workflows[c.Kind]
	if !ok {
		return nil, callfloor.NotSupported(root.Child("kind"), "kind", string(c.Kind), p.kindNames())
	}
	switch c.Status {
	case StatusOpen, StatusClosed, StatusCancelled:
	default:
		return nil, callfloor.NotSupported(root.Child("status"), "status", string(c.Status), names(statuses))
	}
	if c.Opened.IsZero() {
		return nil, callfloor.Required(root.Child("opened"), "")
	}
	if msg := timerange.Problem(c.Opened); msg != "" {
		return nil, inputErr(callfloor.ErrInvalid, root.Child("opened"), "%s", msg)
	}
	if !idMatches(c) {
		return nil, inputErr(callfloor.ErrInvalid, root.Child("id"), "%q is not the id of a %s case for subject %q opened at %s, which is %q", c.ID, c.Kind, c.Subject, stamp(c.Opened), CaseID(c.Kind, c.Subject, c.Opened))
	}
	if err := checkChannel(c, w, root); err != nil {
		return nil, err
	}
	if len(c.Steps) != len(w.steps) {
		return nil, inputErr(callfloor.ErrInvalid, root.Child("steps"), "the case has %d steps; the policy's %s workflow has %d %s", len(c.Steps), c.Kind, len(w.steps), p.policies(c))
	}
	own := c.Policy == p.id
	owed := -1
	for i := range w.steps {
		st, s := &c.Steps[i], &w.steps[i]
		if st.Step != s.id {
			return nil, inputErr(callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].step", root, i), "the case has step %q where the policy's %s workflow has %q %s", st.Step, c.Kind, s.id, p.policies(c))
		}
		if own && st.Phase != s.phase {
			return nil, inputErr(callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].phase", root, i), "step %q is in phase %q under policy %s, not %q", st.Step, s.phase, p.id, st.Phase)
		}
		if own && st.Role != s.role {
			return nil, inputErr(callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].role", root, i), "step %q is owed by the %s under policy %s, not the %s", st.Step, s.role, p.id, st.Role)
		}
		if st.Rescheduled < 0 {
			return nil, inputErr(callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].rescheduled", root, i), "%d is a count of reschedules; it must not be negative", st.Rescheduled)
		}
		switch {
		case st.Done.IsZero():
			if owed < 0 {
				owed = i
			}
		case owed >= 0:
			return nil, inputErr(callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].done", root, i), "step %q is done while the earlier step %q is owed; steps are done in order", st.Step, c.Steps[owed].Step)
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
func (p *Policy) replayHistory(c *Case, w *workflow, own bool, steps []replayStep, root callfloor.Path) (replay, error) {
	for i := range steps {
		steps[i] = replayStep{event: -1}
	}
	r := replay{status: StatusOpen, ender: -1, last: c.Opened}
	next := 0
	ids := eventIDs{list: c.History}
	for k := range c.History {
		e := &c.History[k]
		if strings.TrimSpace(e.ID) == "" {
			return r, callfloor.Required(eventField(root, k, ".id"), "")
		}
		if j := ids.at(k); j >= 0 {
			return r, callfloor.Duplicate(eventField(root, k, ".id"), e.ID, root.Child("history").Index(j))
		}
		if e.Case != c.ID {
			return r, inputErr(callfloor.ErrInvalid, eventField(root, k, ".case"), "the event is for case %q; this case is %q", e.Case, c.ID)
		}
		if e.At.IsZero() {
			return r, callfloor.Required(eventField(root, k, ".at"), "")
		}
		if msg := timerange.Problem(e.At); msg != "" {
			return r, inputErr(callfloor.ErrInvalid, eventField(root, k, ".at"), "%s", msg)
		}
		if strings.TrimSpace(e.By) == "" {
			return r, callfloor.Required(eventField(root, k, ".by"), byDetail)
		}
		if e.At.Before(r.last) {
			return r, inputErr(callfloor.ErrInvalid, eventField(root, k, ".at"), "%s is before %s at %s; events must not go back in time", stamp(e.At), previous(root, k), stamp(r.last))
		}
		if r.status != StatusOpen {
			return r, inputErr(callfloor.ErrInvalid, eventField(root, k, ""), "%s.history[%d] %s the case; no event follows it", root, r.ender, r.status)
		}
		if err := checkEventShape(e, root, k); err != nil {
			return r, err
		}
		switch e.Type {
		case EventComplete, EventReschedule, EventAnswerOnTheSpot:
			if e.Step == "" {
				return r, inputErr(callfloor.ErrRequired, eventField(root, k, ".step"), "%s event names a step", e.Type.article())
			}
			i, ok := w.index[e.Step]
			if !ok {
				return r, inputErr(callfloor.ErrInvalid, eventField(root, k, ".step"), "the %s workflow has no step %q", c.Kind, e.Step)
			}
			rs := &steps[i]
			if rs.event >= 0 {
				return r, inputErr(callfloor.ErrInvalid, eventField(root, k, ".step"), "step %q was already completed by %s.history[%d]", e.Step, root, rs.event)
			}
			if e.Type == EventReschedule {
				if err := checkDeadline(e, root, k); err != nil {
					return r, err
				}
				if m := w.view.MaxReschedules; own && m >= 0 && rs.rescheduled >= m {
					return r, inputErr(callfloor.ErrForbidden, eventField(root, k, ".step"), "step %q is rescheduled more than the %d times policy %s allows", e.Step, m, p.id)
				}
				rs.rescheduled++
				rs.due = e.Due
				break
			}
			if i != next {
				return r, inputErr(callfloor.ErrInvalid, eventField(root, k, ".step"), "step %q is not next; the history owes %q first", e.Step, w.steps[next].id)
			}
			spot := e.Type == EventAnswerOnTheSpot
			if spot && i != 0 {
				return r, inputErr(callfloor.ErrInvalid, eventField(root, k, ".step"), "an issue is answered on the spot only in the first talk, step %q, not in step %q", w.steps[0].id, e.Step)
			}
			if spot && own && w.spot == nil {
				return r, inputErr(callfloor.ErrForbidden, eventField(root, k, ".type"), "the %s workflow does not close on the spot under policy %s", c.Kind, p.id)
			}
			if e.Role != "" && e.Role != c.Steps[i].Role {
				return r, inputErr(callfloor.ErrForbidden, eventField(root, k, ".role"), "step %q is acted by the %s, not the %s", e.Step, c.Steps[i].Role, e.Role)
			}
			var keeps, optional []string
			if own {
				keeps, optional = stepKeeps(w, i, e.Type)
			}
			if spot && !slices.ContainsFunc(e.Records, func(r Record) bool { return r.Name == RecordEmployeeConfirmation }) {
				return r, inputErr(callfloor.ErrRequired, eventField(root, k, ".records"), "an issue closes on the spot only once the employee confirms the answer settles it; record %q is missing", RecordEmployeeConfirmation)
			}
			if err := checkRecords(w.steps[i].id, keeps, optional, own, e.Records, root, k); err != nil {
				return r, err
			}
			rs.done, rs.event = e.At, k
			next++
			if spot {
				r.status, r.ender = StatusClosed, k
			}
		case EventCancel:
			if strings.TrimSpace(e.Reason) == "" {
				return r, callfloor.Required(eventField(root, k, ".reason"), "a cancel says why")
			}
			r.status, r.ender, r.reason = StatusCancelled, k, e.Reason
		case EventClose:
			if next < len(steps) {
				return r, inputErr(callfloor.ErrInvalid, eventField(root, k, ".type"), "close needs every step done; step %q is still owed", w.steps[next].id)
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
func checkAgainstReplay(c *Case, w *workflow, own bool, r *replay, steps []replayStep, root callfloor.Path) error {
	for i := range steps {
		if err := checkStepAgainstReplay(c, w, own, steps, i, root); err != nil {
			return err
		}
	}
	switch {
	case c.Status == r.status:
	case r.status != StatusOpen:
		return inputErr(callfloor.ErrInvalid, root.Child("status"), "the case is %s, but %s.history[%d] %s it", c.Status, root, r.ender, r.status)
	default:
		return inputErr(callfloor.ErrInvalid, root.Child("status"), "the case is %s, but no event in its history %s it", c.Status, c.Status)
	}
	switch {
	case c.Reason == r.reason:
	case r.status == StatusCancelled:
		return inputErr(callfloor.ErrInvalid, root.Child("reason"), "%q is not the reason %s.history[%d] cancelled the case with, %q", c.Reason, root, r.ender, r.reason)
	default:
		return inputErr(callfloor.ErrInvalid, root.Child("reason"), "the case holds the reason %q, but only a cancel gives one and its history has none", c.Reason)
	}
	if !c.Updated.Equal(r.last) {
		return inputErr(callfloor.ErrInvalid, root.Child("updated"), "%s is not the time of %s, %s", stamp(c.Updated), lastName(root, len(c.History)), stamp(r.last))
	}
	return nil
}

// checkStepAgainstReplay compares the i-th step of a case with what its
// replayed history says of each step, steps.
func checkStepAgainstReplay(c *Case, w *workflow, own bool, steps []replayStep, i int, root callfloor.Path) error {
	st, rs, s := &c.Steps[i], &steps[i], &w.steps[i]
	var keeps, optional []string
	if rs.event >= 0 {
		keeps, optional = stepKeeps(w, i, c.History[rs.event].Type)
	}
	switch {
	case rs.event < 0 && !st.Done.IsZero():
		return inputErr(callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].done", root, i), "step %q is done at %s, but no event in the case's history completed it", st.Step, stamp(st.Done))
	case rs.event >= 0 && st.Done.IsZero():
		return inputErr(callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].done", root, i), "step %q is not done, but %s.history[%d] completed it at %s", st.Step, root, rs.event, stamp(rs.done))
	case rs.event >= 0 && !st.Done.Equal(rs.done):
		return inputErr(callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].done", root, i), "step %q is done at %s, but %s.history[%d] completed it at %s", st.Step, stamp(st.Done), root, rs.event, stamp(rs.done))
	}
	switch {
	case rs.event < 0 && len(st.Records) > 0:
		return inputErr(callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].records", root, i), "step %q is not done, yet holds records", st.Step)
	case rs.event >= 0 && !sameRecords(st.Records, c.History[rs.event].Records, keeps, optional, own):
		return inputErr(callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].records", root, i), "the records of step %q are not those %s.history[%d] completed it with", st.Step, root, rs.event)
	}
	if st.Rescheduled != rs.rescheduled {
		return inputErr(callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].rescheduled", root, i), "the case's history reschedules step %q %d times, not %d", st.Step, rs.rescheduled, st.Rescheduled)
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
		return inputErr(callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].due", root, i), "the deadline of step %q is %s, but the case's history gives %s", st.Step, stampOrNone(st.Due), stampOrNone(want))
	}
	if !st.Due.IsZero() {
		if msg := timerange.Problem(st.Due); msg != "" {
			return inputErr(callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].due", root, i), "%s", msg)
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
// k < 0, else the k-th event of the history of the case at root.
func eventField(root callfloor.Path, k int, sub string) callfloor.Path {
	if k < 0 {
		return callfloor.Path("event" + sub)
	}
	return callfloor.Path(fmt.Sprintf("%s.history[%d]%s", root, k, sub))
}

func previous(root callfloor.Path, k int) string {
	if k == 0 {
		return "the opening"
	}
	return fmt.Sprintf("%s.history[%d]", root, k-1)
}

func lastName(root callfloor.Path, n int) string {
	if n == 0 {
		return "the opening, as the case has no history"
	}
	return fmt.Sprintf("its last event %s.history[%d]", root, n-1)
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
func checkEventShape(e *Event, root callfloor.Path, k int) error {
	switch e.Type {
	case EventComplete, EventReschedule, EventCancel, EventClose, EventAnswerOnTheSpot:
	default:
		return callfloor.NotSupported(eventField(root, k, ".type"), "event type", string(e.Type), names(eventTypes))
	}
	if e.Type != EventComplete && e.Type != EventAnswerOnTheSpot && len(e.Records) > 0 {
		return inputErr(callfloor.ErrForbidden, eventField(root, k, ".records"), "a %s event records nothing; records belong to the complete event of a step", e.Type)
	}
	if e.Type != EventReschedule && !e.Due.IsZero() {
		return inputErr(callfloor.ErrForbidden, eventField(root, k, ".due"), "%s event sets no deadline; only a reschedule does", e.Type.article())
	}
	if (e.Type == EventCancel || e.Type == EventClose) && e.Step != "" {
		return inputErr(callfloor.ErrForbidden, eventField(root, k, ".step"), "a %s event names no step; it ends the whole case", e.Type)
	}
	return nil
}

// checkDeadline checks the new deadline of a reschedule: given, later
// than the event, and a time JSON can hold.
func checkDeadline(e *Event, root callfloor.Path, k int) error {
	switch {
	case e.Due.IsZero():
		return callfloor.Required(eventField(root, k, ".due"), "a reschedule sets the new deadline")
	case !e.Due.After(e.At):
		return inputErr(callfloor.ErrInvalid, eventField(root, k, ".due"), "the new deadline %s must be later than the event at %s", stamp(e.Due), stamp(e.At))
	}
	if msg := timerange.Problem(e.Due); msg != "" {
		return inputErr(callfloor.ErrInvalid, eventField(root, k, ".due"), "%s", msg)
	}
	return nil
}

// checkRecords checks the records of a complete event for step id: none
// twice, none empty and, when exact, every name keeps lists and no name
// that neither keeps nor optional lists (the records the step may keep,
// each at most once, which the first rule already holds to). When not
// exact (a case opened under another policy, which may have kept other
// records or more of them), nothing bounds how many records there are,
// so repeats are found through a map beyond pairwiseMax records.
func checkRecords(id string, keeps, optional []string, exact bool, got []Record, root callfloor.Path, k int) error {
	names := repeats[Record]{list: got, key: recordName}
	required := 0
	for j, r := range got {
		if names.at(j) >= 0 {
			return inputErr(callfloor.ErrDuplicate, eventField(root, k, fmt.Sprintf(".records[%d]", j)), "record %q is given twice", r.Name)
		}
		if exact {
			switch {
			case slices.Contains(keeps, r.Name):
				required++
			case !slices.Contains(optional, r.Name):
				return inputErr(callfloor.ErrForbidden, eventField(root, k, fmt.Sprintf(".records[%d]", j)), "step %q does not keep record %q; it records %s", id, r.Name, recordList(keeps, optional))
			}
		}
		if strings.TrimSpace(r.Value) == "" {
			return inputErr(callfloor.ErrRequired, eventField(root, k, fmt.Sprintf(".records[%d]", j)), "record %q of step %q is empty", r.Name, id)
		}
	}
	// Every record given is the step's and none twice, so the step has
	// every record it must keep exactly when it has as many of them.
	if exact && required < len(keeps) {
		var missing []string
		for _, name := range keeps {
			if !slices.ContainsFunc(got, func(r Record) bool { return r.Name == name }) {
				missing = append(missing, name)
			}
		}
		return inputErr(callfloor.ErrRequired, eventField(root, k, ".records"), "step %q must record %s; missing: %s", id, recordList(keeps, nil), strings.Join(missing, ", "))
	}
	return nil
}

// recordList says what a step records, for refusals: "issue,
// interview_notes", "follow_up_notes, feedback_given and optionally
// suggestion_adopted", "nothing". It is built only for an error: Apply
// checks records on every completion.
func recordList(keeps, optional []string) string {
	var b strings.Builder
	b.WriteString(strings.Join(keeps, ", "))
	if len(optional) > 0 {
		if len(keeps) > 0 {
			b.WriteString(" and ")
		}
		b.WriteString("optionally ")
		b.WriteString(strings.Join(optional, ", "))
	}
	if b.Len() == 0 {
		return "nothing"
	}
	return b.String()
}

// sameRecords reports whether a step holds exactly the records its
// complete event gave and, when ordered, in the order the policy lists
// them: first those it must keep (names), then those it may keep
// (optional), each present one once. The event's records have distinct
// names (checkRecords refused a repeat), so the step holds them exactly
// when it holds as many, none twice, each one of them. Beyond pairwiseMax
// records the event's are looked up by name.
func sameRecords(held, given []Record, names, optional []string, ordered bool) bool {
	if len(held) != len(given) || ordered && !inPolicyOrder(held, names, optional) {
		return false
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

// inPolicyOrder reports whether held lists every name of names, in
// order, followed by some of optional, in order: the order Apply stores a
// step's records in.
func inPolicyOrder(held []Record, names, optional []string) bool {
	if len(held) < len(names) || len(held) > len(names)+len(optional) {
		return false
	}
	for i, name := range names {
		if held[i].Name != name {
			return false
		}
	}
	j := 0
	for _, r := range held[len(names):] {
		for j < len(optional) && optional[j] != r.Name {
			j++
		}
		if j == len(optional) {
			return false
		}
		j++
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

// stepKeeps is what step i of w must keep when an event of type t
// completed it, its own records or on the spot also the answer and the
// confirmation, and what it may keep besides.
func stepKeeps(w *workflow, i int, t EventType) (keeps, optional []string) {
	if t == EventAnswerOnTheSpot && i == 0 && w.spot != nil {
		return w.spot, w.steps[0].optional
	}
	return w.steps[i].records, w.steps[i].optional
}

func stampOrNone(t time.Time) string {
	if t.IsZero() {
		return "none"
	}
	return stamp(t)
}
