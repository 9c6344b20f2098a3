package coaching

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
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
	if err := checkAgainstReplay(p.loc, c, w, own, &r, steps, root); err != nil {
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
		return nil, msgerr.NotSupported(p.loc, root.Child("kind"), msg.CoachingWhatKind{}, string(c.Kind), p.kindNames())
	}
	switch c.Status {
	case StatusOpen, StatusClosed, StatusCancelled:
	default:
		return nil, msgerr.NotSupported(p.loc, root.Child("status"), msg.CoachingWhatStatus{}, string(c.Status), names(statuses))
	}
	if c.Opened.IsZero() {
		return nil, msgerr.Required(p.loc, root.Child("opened"), nil)
	}
	if tp := timeProblem(c.Opened); tp != nil {
		return nil, inputErr(p.loc, callfloor.ErrInvalid, root.Child("opened"), tp)
	}
	if !idMatches(c) {
		return nil, inputErr(p.loc, callfloor.ErrInvalid, root.Child("id"), msg.CoachingInputCaseIdMismatch{Value: quote(c.ID), Kind: text(c.Kind), Subject: quote(c.Subject), Opened: c.Opened, CaseID: quote(CaseID(c.Kind, c.Subject, c.Opened))})
	}
	if err := checkChannel(p.loc, c, w, root); err != nil {
		return nil, err
	}
	if len(c.Steps) != len(w.steps) {
		return nil, inputErr(p.loc, callfloor.ErrInvalid, root.Child("steps"), msg.CoachingInputStepCountMismatch{Steps: len(c.Steps), Kind: text(c.Kind), PolicySteps: len(w.steps), Policies: p.policies(c)})
	}
	own := c.Policy == p.id
	owed := -1
	for i := range w.steps {
		st, s := &c.Steps[i], &w.steps[i]
		if st.Step != s.id {
			return nil, inputErr(p.loc, callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].step", root, i), msg.CoachingInputStepMismatch{Step: quote(st.Step), Kind: text(c.Kind), PolicyStep: quote(s.id), Policies: p.policies(c)})
		}
		if own && st.Phase != s.phase {
			return nil, inputErr(p.loc, callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].phase", root, i), msg.CoachingInputStepPhaseChanged{Step: quote(st.Step), Phase: quote(s.phase), Policy: text(p.id), CasePhase: quote(st.Phase)})
		}
		if own && st.Role != s.role {
			return nil, inputErr(p.loc, callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].role", root, i), msg.CoachingInputStepRoleChanged{Step: quote(st.Step), Role: text(s.role), Policy: text(p.id), CaseRole: text(st.Role)})
		}
		if st.Rescheduled < 0 {
			return nil, inputErr(p.loc, callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].rescheduled", root, i), msg.CoachingInputReschedulesNegative{Rescheduled: st.Rescheduled})
		}
		switch {
		case st.Done.IsZero():
			if owed < 0 {
				owed = i
			}
		case owed >= 0:
			return nil, inputErr(p.loc, callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].done", root, i), msg.CoachingInputDoneOutOfOrder{Step: quote(st.Step), Earlier: quote(c.Steps[owed].Step)})
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
			return r, msgerr.Required(p.loc, eventField(root, k, ".id"), nil)
		}
		if j := ids.at(k); j >= 0 {
			return r, msgerr.Duplicate(p.loc, eventField(root, k, ".id"), e.ID, root.Child("history").Index(j))
		}
		if e.Case != c.ID {
			return r, inputErr(p.loc, callfloor.ErrInvalid, eventField(root, k, ".case"), msg.CoachingInputEventOtherCase{Case: quote(e.Case), ThisCase: quote(c.ID)})
		}
		if e.At.IsZero() {
			return r, msgerr.Required(p.loc, eventField(root, k, ".at"), nil)
		}
		if tp := timeProblem(e.At); tp != nil {
			return r, inputErr(p.loc, callfloor.ErrInvalid, eventField(root, k, ".at"), tp)
		}
		if strings.TrimSpace(e.By) == "" {
			return r, msgerr.Required(p.loc, eventField(root, k, ".by"), msg.CoachingBecauseHistoryActor{})
		}
		if e.At.Before(r.last) {
			return r, inputErr(p.loc, callfloor.ErrInvalid, eventField(root, k, ".at"), msg.CoachingInputEventBeforePrevious{At: e.At, Previous: previous(root, k), Last: r.last})
		}
		if r.status != StatusOpen {
			return r, inputErr(p.loc, callfloor.ErrInvalid, eventField(root, k, ""), msg.CoachingInputEventAfterEnd{Root: text(root), Ender: r.ender, Status: text(r.status)})
		}
		if err := checkEventShape(p.loc, e, root, k); err != nil {
			return r, err
		}
		switch e.Type {
		case EventComplete, EventReschedule, EventAnswerOnTheSpot:
			if e.Step == "" {
				return r, inputErr(p.loc, callfloor.ErrRequired, eventField(root, k, ".step"), msg.CoachingInputStepRequired{Article: e.Type.article()})
			}
			i, ok := w.index[e.Step]
			if !ok {
				return r, inputErr(p.loc, callfloor.ErrInvalid, eventField(root, k, ".step"), msg.CoachingInputWorkflowHasNoStep{Kind: text(c.Kind), Step: quote(e.Step)})
			}
			rs := &steps[i]
			if rs.event >= 0 {
				return r, inputErr(p.loc, callfloor.ErrInvalid, eventField(root, k, ".step"), msg.CoachingInputStepAlreadyCompleted{Step: quote(e.Step), Root: text(root), Event: rs.event})
			}
			if e.Type == EventReschedule {
				if err := checkDeadline(p.loc, e, root, k); err != nil {
					return r, err
				}
				if m := w.view.MaxReschedules; own && m >= 0 && rs.rescheduled >= m {
					return r, inputErr(p.loc, callfloor.ErrForbidden, eventField(root, k, ".step"), msg.CoachingInputRescheduleLimitExceeded{Step: quote(e.Step), Max: m, Policy: text(p.id)})
				}
				rs.rescheduled++
				rs.due = e.Due
				break
			}
			if i != next {
				return r, inputErr(p.loc, callfloor.ErrInvalid, eventField(root, k, ".step"), msg.CoachingInputStepNotNextOwed{Step: quote(e.Step), Owed: quote(w.steps[next].id)})
			}
			spot := e.Type == EventAnswerOnTheSpot
			if spot && i != 0 {
				return r, inputErr(p.loc, callfloor.ErrInvalid, eventField(root, k, ".step"), msg.CoachingInputSpotAnswerNotFirst{First: quote(w.steps[0].id), Step: quote(e.Step)})
			}
			if spot && own && w.spot == nil {
				return r, inputErr(p.loc, callfloor.ErrForbidden, eventField(root, k, ".type"), msg.CoachingInputNoSpotAnswerPolicy{Kind: text(c.Kind), Policy: text(p.id)})
			}
			if e.Role != "" && e.Role != c.Steps[i].Role {
				return r, inputErr(p.loc, callfloor.ErrForbidden, eventField(root, k, ".role"), msg.CoachingInputStepWrongRole{Step: quote(e.Step), Role: text(c.Steps[i].Role), CaseRole: text(e.Role)})
			}
			var keeps, optional []string
			if own {
				keeps, optional = stepKeeps(w, i, e.Type)
			}
			if spot && !slices.ContainsFunc(e.Records, func(r Record) bool { return r.Name == RecordEmployeeConfirmation }) {
				return r, inputErr(p.loc, callfloor.ErrRequired, eventField(root, k, ".records"), msg.CoachingInputSpotUnconfirmed{Record: quote(RecordEmployeeConfirmation)})
			}
			if err := checkRecords(p.loc, w.steps[i].id, keeps, optional, own, e.Records, root, k); err != nil {
				return r, err
			}
			rs.done, rs.event = e.At, k
			next++
			if spot {
				r.status, r.ender = StatusClosed, k
			}
		case EventCancel:
			if strings.TrimSpace(e.Reason) == "" {
				return r, msgerr.Required(p.loc, eventField(root, k, ".reason"), msg.CoachingBecauseCancelReason{})
			}
			r.status, r.ender, r.reason = StatusCancelled, k, e.Reason
		case EventClose:
			if next < len(steps) {
				return r, inputErr(p.loc, callfloor.ErrInvalid, eventField(root, k, ".type"), msg.CoachingInputCloseStepOwed{Step: quote(w.steps[next].id)})
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
func checkAgainstReplay(loc *msg.Locale, c *Case, w *workflow, own bool, r *replay, steps []replayStep, root callfloor.Path) error {
	for i := range steps {
		if err := checkStepAgainstReplay(loc, c, w, own, steps, i, root); err != nil {
			return err
		}
	}
	switch {
	case c.Status == r.status:
	case r.status != StatusOpen:
		return inputErr(loc, callfloor.ErrInvalid, root.Child("status"), msg.CoachingInputStatusContradictsHistory{Status: text(c.Status), Root: text(root), Ender: r.ender, Ended: text(r.status)})
	default:
		return inputErr(loc, callfloor.ErrInvalid, root.Child("status"), msg.CoachingInputStatusWithoutEvent{Status: text(c.Status), Ended: text(c.Status)})
	}
	switch {
	case c.Reason == r.reason:
	case r.status == StatusCancelled:
		return inputErr(loc, callfloor.ErrInvalid, root.Child("reason"), msg.CoachingInputReasonMismatch{Reason: quote(c.Reason), Root: text(root), Ender: r.ender, HistoryReason: quote(r.reason)})
	default:
		return inputErr(loc, callfloor.ErrInvalid, root.Child("reason"), msg.CoachingInputReasonWithoutCancel{Reason: quote(c.Reason)})
	}
	if !c.Updated.Equal(r.last) {
		return inputErr(loc, callfloor.ErrInvalid, root.Child("updated"), msg.CoachingInputUpdatedMismatch{Updated: c.Updated, LastName: lastName(root, len(c.History)), Last: r.last})
	}
	return nil
}

// checkStepAgainstReplay compares the i-th step of a case with what its
// replayed history says of each step, steps.
func checkStepAgainstReplay(loc *msg.Locale, c *Case, w *workflow, own bool, steps []replayStep, i int, root callfloor.Path) error {
	st, rs, s := &c.Steps[i], &steps[i], &w.steps[i]
	var keeps, optional []string
	if rs.event >= 0 {
		keeps, optional = stepKeeps(w, i, c.History[rs.event].Type)
	}
	switch {
	case rs.event < 0 && !st.Done.IsZero():
		return inputErr(loc, callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].done", root, i), msg.CoachingInputDoneWithoutEvent{Step: quote(st.Step), Done: st.Done})
	case rs.event >= 0 && st.Done.IsZero():
		return inputErr(loc, callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].done", root, i), msg.CoachingInputCompletedNotDone{Step: quote(st.Step), Root: text(root), Event: rs.event, Done: rs.done})
	case rs.event >= 0 && !st.Done.Equal(rs.done):
		return inputErr(loc, callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].done", root, i), msg.CoachingInputDoneMismatch{Step: quote(st.Step), Done: st.Done, Root: text(root), Event: rs.event, HistoryDone: rs.done})
	}
	switch {
	case rs.event < 0 && len(st.Records) > 0:
		return inputErr(loc, callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].records", root, i), msg.CoachingInputRecordsBeforeDone{Step: quote(st.Step)})
	case rs.event >= 0 && !sameRecords(st.Records, c.History[rs.event].Records, keeps, optional, own):
		return inputErr(loc, callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].records", root, i), msg.CoachingInputRecordsMismatch{Step: quote(st.Step), Root: text(root), Event: rs.event})
	}
	if st.Rescheduled != rs.rescheduled {
		return inputErr(loc, callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].rescheduled", root, i), msg.CoachingInputRescheduleCountMismatch{Step: quote(st.Step), HistoryCount: rs.rescheduled, Rescheduled: st.Rescheduled})
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
		return inputErr(loc, callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].due", root, i), msg.CoachingInputDeadlineMismatch{Step: quote(st.Step), Due: deadline(st.Due), Want: deadline(want)})
	}
	if !st.Due.IsZero() {
		if tp := timeProblem(st.Due); tp != nil {
			return inputErr(loc, callfloor.ErrInvalid, fmt.Sprintf("%s.steps[%d].due", root, i), tp)
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

// eventField is the field path of an event: the event being applied when
// k < 0, else the k-th event of the history of the case at root.
func eventField(root callfloor.Path, k int, sub string) callfloor.Path {
	if k < 0 {
		return callfloor.Path("event" + sub)
	}
	return callfloor.Path(fmt.Sprintf("%s.history[%d]%s", root, k, sub))
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
func checkEventShape(loc *msg.Locale, e *Event, root callfloor.Path, k int) error {
	switch e.Type {
	case EventComplete, EventReschedule, EventCancel, EventClose, EventAnswerOnTheSpot:
	default:
		return msgerr.NotSupported(loc, eventField(root, k, ".type"), msg.CoachingWhatEventType{}, string(e.Type), names(eventTypes))
	}
	if e.Type != EventComplete && e.Type != EventAnswerOnTheSpot && len(e.Records) > 0 {
		return inputErr(loc, callfloor.ErrForbidden, eventField(root, k, ".records"), msg.CoachingInputRecordsNotComplete{Type: text(e.Type)})
	}
	if e.Type != EventReschedule && !e.Due.IsZero() {
		return inputErr(loc, callfloor.ErrForbidden, eventField(root, k, ".due"), msg.CoachingInputDueNotReschedule{Article: e.Type.article()})
	}
	if (e.Type == EventCancel || e.Type == EventClose) && e.Step != "" {
		return inputErr(loc, callfloor.ErrForbidden, eventField(root, k, ".step"), msg.CoachingInputStepForbidden{Type: text(e.Type)})
	}
	return nil
}

// checkDeadline checks the new deadline of a reschedule: given, later
// than the event, and a time JSON can hold.
func checkDeadline(loc *msg.Locale, e *Event, root callfloor.Path, k int) error {
	switch {
	case e.Due.IsZero():
		return msgerr.Required(loc, eventField(root, k, ".due"), msg.CoachingBecauseRescheduleDeadline{})
	case !e.Due.After(e.At):
		return inputErr(loc, callfloor.ErrInvalid, eventField(root, k, ".due"), msg.CoachingInputDueNotLater{Due: e.Due, At: e.At})
	}
	if tp := timeProblem(e.Due); tp != nil {
		return inputErr(loc, callfloor.ErrInvalid, eventField(root, k, ".due"), tp)
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
func checkRecords(loc *msg.Locale, id string, keeps, optional []string, exact bool, got []Record, root callfloor.Path, k int) error {
	names := repeats[Record]{list: got, key: recordName}
	required := 0
	for j, r := range got {
		if names.at(j) >= 0 {
			return inputErr(loc, callfloor.ErrDuplicate, eventField(root, k, fmt.Sprintf(".records[%d]", j)), msg.CoachingInputRecordGivenTwice{Name: quote(r.Name)})
		}
		if exact {
			switch {
			case slices.Contains(keeps, r.Name):
				required++
			case !slices.Contains(optional, r.Name):
				return inputErr(loc, callfloor.ErrForbidden, eventField(root, k, fmt.Sprintf(".records[%d]", j)), msg.CoachingInputRecordNotKept{Step: quote(id), Name: quote(r.Name), RecordList: recordList(keeps, optional)})
			}
		}
		if strings.TrimSpace(r.Value) == "" {
			return inputErr(loc, callfloor.ErrRequired, eventField(root, k, fmt.Sprintf(".records[%d]", j)), msg.CoachingInputRecordEmpty{Name: quote(r.Name), Step: quote(id)})
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
		return inputErr(loc, callfloor.ErrRequired, eventField(root, k, ".records"), msg.CoachingInputRecordsMissing{Step: quote(id), RecordList: recordList(keeps, nil), Missing: missing})
	}
	return nil
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
