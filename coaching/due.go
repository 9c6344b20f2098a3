package coaching

import (
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/timerange"
)

// Reminder is a step a case owes as of a time: the next step of an open
// case, and any later step whose deadline has already passed.
type Reminder struct {
	// Policy names the policy that produced the reminder.
	// Case, Kind and Subject are the case's ID, kind and subject.
	// Step is the id of the step owed, Title its title as the sentence
	// writes it: the policy's, or the id when the policy gives none or
	// no longer has the step.
	Policy  callfloor.Identity `json:"policy"`
	Case    string             `json:"case"`
	Kind    Kind               `json:"kind"`
	Subject string             `json:"subject"`
	Step    string             `json:"step"`
	Title   string             `json:"title"`
	// Role owes the step.
	// Due is the step's deadline.
	Role string    `json:"role"`
	Due  time.Time `json:"due"`
	// Overdue is true once the time asked about is past Due; Late says by
	// how much.
	Overdue bool               `json:"overdue"`
	Late    callfloor.Duration `json:"late"`
	// SilenceRisk marks an issue the employee raised that has had no
	// feedback past its deadline: left so, it teaches the whole team to
	// stop speaking up.
	SilenceRisk bool `json:"silence_risk"`
	// Reasons holds one reason: the step's place in the policy
	// (workflows.<kind>.steps.<step>), Outcome Fired, and a sentence a
	// manager can read naming the kind, the step's title and the role. The
	// sentence and the slice are shared by every reminder of the step, so
	// that AppendDue allocates nothing; the sentence therefore does not
	// name the subject, which Subject does. Treat the slice as read-only.
	Reasons []callfloor.Reason `json:"reasons"`
}

// Due lists what case c owes as of now: its next step (owed, or overdue
// once past its deadline) and every later step already past its deadline,
// in the order of the flow. A step is overdue only after its deadline, not
// at it. A closed or cancelled case owes nothing. now is the host
// scheduler's clock; Due trusts a case that Apply made and reports, never
// refuses, so a zero now finds nothing overdue. Due has no error to
// return, so what it cannot answer gives no reminders: a now that JSON
// cannot hold (outside years 0 to 9999, or a zone 24 hours off or more),
// or a nil or zero Policy.
func (p *Policy) Due(c Case, now time.Time) []Reminder {
	return p.AppendDue(nil, c, now)
}

// AppendDue is Due appending to dst, for a scheduler that sweeps many cases
// into one slice. With room in dst it allocates nothing. Where Due gives
// no reminders, AppendDue returns dst as it was.
func (p *Policy) AppendDue(dst []Reminder, c Case, now time.Time) []Reminder {
	if c.Status != StatusOpen || !p.ready() || !timerange.Storable(now) {
		return dst
	}
	w := p.workflows[c.Kind]
	compatible := w != nil && len(w.steps) == len(c.Steps)
	next := c.next()
	for i := next; i < len(c.Steps); i++ {
		st := &c.Steps[i]
		if !st.Done.IsZero() || st.Due.IsZero() {
			continue
		}
		overdue := now.After(st.Due)
		if i != next && !overdue {
			continue
		}
		r := Reminder{Policy: p.id, Case: c.ID, Kind: c.Kind, Subject: c.Subject, Step: st.Step, Title: st.Step, Role: st.Role, Due: st.Due, Overdue: overdue}
		if overdue {
			r.Late = callfloor.Duration(now.Sub(st.Due))
		}
		var s *step
		if compatible && w.steps[i].id == st.Step {
			s = &w.steps[i]
		} else if w != nil {
			if j, ok := w.index[st.Step]; ok {
				s = &w.steps[j]
			}
		}
		if s != nil {
			r.Title = s.title
		}
		switch {
		case s == nil:
			r.Reasons = []callfloor.Reason{p.owedReminder(stepRule(c.Kind, st.Step), p.showKind(c.Kind), st.Step, st.Role, overdue)}
		case overdue && s.feedback && w.view.EmployeeRaised:
			r.SilenceRisk = true
			r.Reasons = s.silence
		case overdue:
			r.Reasons = s.overdue
		default:
			r.Reasons = s.owed
		}
		dst = append(dst, r)
	}
	return dst
}
