package qa

import (
	"slices"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/enum"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
)

// Role is the post a person holds in the rotation between the floor and
// QA.
type Role string

const (
	// RoleAgent takes calls.
	RoleAgent Role = "agent"
	// RoleEvaluator scores calls as a QA evaluator.
	RoleEvaluator Role = "evaluator"
)

var roles = []Role{RoleAgent, RoleEvaluator}

// String gives the role's name, as in "agent".
func (r Role) String() string { return string(r) }

// MarshalText gives the role's name; a value that is not one of the
// constants is an error.
func (r Role) MarshalText() ([]byte, error) { return enum.Marshal(msg.EnumQaRole{}, r, roles) }

// UnmarshalText reads a role's name and refuses any other text.
func (r *Role) UnmarshalText(b []byte) error { return unmarshal(msg.EnumQaRole{}, b, roles, r) }

// RotationMember is one person of the roster Rotation reads: their
// current post and when they last served in the other one.
type RotationMember struct {
	// Person is the person's id; required, once per roster.
	// Role is their current post, RoleAgent or RoleEvaluator.
	// Since is when they took up that post (a hire date, or the day they
	// came back from their last turn); required, not after the time of
	// the rotation.
	// LastInOtherRole is when they last served in the other post: for an
	// agent, the end of their last turn as a QA evaluator; for an
	// evaluator, the last day they took calls. Zero means never. A turn
	// that was recorded without a change of post may end after Since;
	// it must not be after the time of the rotation.
	Person          string    `json:"person"`
	Role            Role      `json:"role"`
	Since           time.Time `json:"since"`
	LastInOtherRole time.Time `json:"last_in_other_role"`
}

// RotationStatus says whether a person is due a turn in the other post.
type RotationStatus struct {
	// Person and Role repeat the roster's entry.
	Person string `json:"person"`
	Role   Role   `json:"role"`
	// Never is true when the person has never served in the other post:
	// an agent who has never evaluated, an evaluator who has never taken
	// calls here.
	// DueAt is when their next turn falls due: LastInOtherRole (Since when
	// Never) plus rotation.agent_every for an agent, or
	// rotation.evaluator_every for an evaluator.
	// Due is true when DueAt is at or before the time of the rotation.
	Never bool      `json:"never"`
	DueAt time.Time `json:"due_at"`
	Due   bool      `json:"due"`
	// Reasons state the rule weighed (rotation.agent_every or
	// rotation.evaluator_every), Fired when due and NotMet when not, with
	// the days since the last turn (or since Since) and the period.
	Reasons []callfloor.Reason `json:"reasons"`
}

// RotationReport is the roster's rotation as of a time.
type RotationReport struct {
	// At is the time the report speaks as of.
	// Members holds one status per roster entry, earliest DueAt first
	// (the longest overdue head the list), ties by person.
	// Due counts those due a turn; Never those who have never served in
	// the other post (due or not).
	// Policy names the policy that produced the report.
	At      time.Time          `json:"at"`
	Members []RotationStatus   `json:"members"`
	Due     int                `json:"due"`
	Never   int                `json:"never"`
	Policy  callfloor.Identity `json:"policy"`
}

// Rotation says who on the roster is due a turn in the other post as of
// at. Call-center practice rotates agents into QA, even for a short
// turn: an agent who has scored calls with the standard sees QA
// differently and helps settle the conflicts between the floor and QA.
// The sources speak of agents going to QA; the library also sends
// evaluators back to the floor (rotation.evaluator_every, once a year by
// default), so that the people who score calls keep taking them.
//
// Agents who have never evaluated are due once rotation.agent_every has
// passed since they started taking calls, and are flagged as Never from
// their first day, so that a host can plan their first turn. A roster
// entry without a person, role or since, a person listed twice, an
// unknown role, a time after at or a time JSON cannot hold is an
// *callfloor.InputError naming the field; so is a turn that would fall
// due beyond what JSON can hold.
func (p *Policy) Rotation(at time.Time, roster []RotationMember) (RotationReport, error) {
	if !p.ready() {
		return RotationReport{}, ErrZeroPolicy
	}
	l := p.locale()
	if at.IsZero() {
		return RotationReport{}, msgerr.Required(l, "at", msg.QaBecauseRotationAt{})
	}
	if m := timeProblem(at); m != nil {
		return RotationReport{}, inputErr(l, callfloor.ErrInvalid, "at", m)
	}
	rep := RotationReport{At: at, Members: make([]RotationStatus, 0, len(roster)), Policy: p.id}
	seen := make(map[string]int, len(roster))
	for i, m := range roster {
		f := "roster[" + itoa(i) + "]"
		if m.Person == "" {
			return RotationReport{}, required(l, f+".person")
		}
		if j, dup := seen[m.Person]; dup {
			return RotationReport{}, msgerr.Duplicate(l, callfloor.Path(f+".person"), m.Person, callfloor.Path("roster["+itoa(j)+"].person"))
		}
		seen[m.Person] = i
		if m.Role == "" {
			return RotationReport{}, required(l, f+".role")
		}
		if !slices.Contains(roles, m.Role) {
			return RotationReport{}, msgerr.NotSupported(l, callfloor.Path(f+".role"), msg.QaWhatRole{}, string(m.Role), names(roles))
		}
		if m.Since.IsZero() {
			return RotationReport{}, required(l, f+".since")
		}
		if err := notAfter(l, f+".since", m.Since, at); err != nil {
			return RotationReport{}, err
		}
		if !m.LastInOtherRole.IsZero() {
			if err := notAfter(l, f+".last_in_other_role", m.LastInOtherRole, at); err != nil {
				return RotationReport{}, err
			}
		}
		st, err := p.rotationStatus(f, at, m)
		if err != nil {
			return RotationReport{}, err
		}
		if st.Due {
			rep.Due++
		}
		if st.Never {
			rep.Never++
		}
		rep.Members = append(rep.Members, st)
	}
	slices.SortFunc(rep.Members, func(a, b RotationStatus) int {
		if c := a.DueAt.Compare(b.DueAt); c != 0 {
			return c
		}
		return strings.Compare(a.Person, b.Person)
	})
	return rep, nil
}

// notAfter checks that t can be stored and is not after at.
func notAfter(l *msg.Locale, field string, t, at time.Time) error {
	if m := timeProblem(t); m != nil {
		return inputErr(l, callfloor.ErrInvalid, field, m)
	}
	if t.After(at) {
		return msgerr.Invalid(l, callfloor.Path(field), t, msg.QaInputAfterAt{At: at})
	}
	return nil
}

// rotationStatus weighs one checked roster entry.
func (p *Policy) rotationStatus(f string, at time.Time, m RotationMember) (RotationStatus, error) {
	l := p.locale()
	rule, every := "rotation.agent_every", p.rotation.agentEvery
	if m.Role == RoleEvaluator {
		rule, every = "rotation.evaluator_every", p.rotation.evaluatorEvery
	}
	st := RotationStatus{Person: m.Person, Role: m.Role, Never: m.LastInOtherRole.IsZero()}
	from, field := m.LastInOtherRole, f+".last_in_other_role"
	if st.Never {
		from, field = m.Since, f+".since"
	}
	st.DueAt = from.Add(every)
	if pm := timeProblem(st.DueAt); pm != nil {
		return RotationStatus{}, inputErr(l, callfloor.ErrInvalid, field, msg.QaInputTurnTooLate{From: from, Days: fmtNum(every.Hours() / 24), Problem: pm})
	}
	st.Due = !st.DueAt.After(at)
	days := fact("days", float64(at.Unix()-from.Unix())/86400)
	period := fact("every_days", every.Hours()/24)
	var summary msg.Message
	switch {
	case st.Never && m.Role == RoleEvaluator:
		summary = msg.QaRotationEvaluatorNever{Person: m.Person, Since: m.Since}
	case st.Never:
		summary = msg.QaRotationAgentNever{Person: m.Person, Since: m.Since}
	case m.Role == RoleEvaluator:
		summary = msg.QaRotationEvaluatorLast{Person: m.Person, Last: m.LastInOtherRole}
	default:
		summary = msg.QaRotationAgentLast{Person: m.Person, Last: m.LastInOtherRole}
	}
	everyDays := fmtNum(every.Hours() / 24)
	if st.Due {
		st.Reasons = []callfloor.Reason{reasonIn(l, rule, callfloor.Fired, msg.QaReasonRotationDue{Summary: summary, Due: st.DueAt, Every: everyDays}, days, period)}
	} else {
		st.Reasons = []callfloor.Reason{reasonIn(l, rule, callfloor.NotMet, msg.QaReasonRotationNext{Summary: summary, Due: st.DueAt, Every: everyDays}, days, period)}
	}
	return st, nil
}
