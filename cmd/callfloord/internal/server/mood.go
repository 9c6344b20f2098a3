package server

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/mood"
)

// moodRoutes are the mood package's endpoints. The admin is on neither:
// running the service gives no right to health data.
var moodRoutes = []route{
	{method: "POST", path: "/v1/mood/screenings", name: "mood.score",
		roles: []Role{RoleAgent, RoleCounselor, RoleCrisisOwner, RoleHR}, handle: moodScore},
	{method: "POST", path: "/v1/mood/triage", name: "mood.triage",
		roles: []Role{RoleAgent, RoleLead, RoleCounselor, RoleCrisisOwner, RoleHR}, handle: moodTriage},
}

// screeningRequest is a questionnaire to score: whose answers, on which
// instrument, and when they were given. Instrument is read as text so that
// an unknown one is refused by mood.Score, which lists the instruments.
type screeningRequest struct {
	Agent      string    `json:"agent"`
	Instrument string    `json:"instrument"`
	Answers    []int     `json:"answers"`
	At         time.Time `json:"at"`
}

// moodScore scores one questionnaire. The screening it returns is health
// data: an agent may score only their own answers, anyone else must be a
// health role under the mood policy in force (a site whose policy takes
// HR off the confidential roles takes screenings from HR too), and the
// read is written to the audit trail first.
func moodScore(q *request) (int, any, error) {
	self := q.who.Role == RoleAgent
	if !self && !isHealthRole(q.pol.Policies, q.who.Role) {
		return 0, nil, forbidden("", fmt.Sprintf("the mood policy does not let role %s see a screening", q.who.Role))
	}
	var in screeningRequest
	if err := q.decode(&in); err != nil {
		return 0, nil, err
	}
	if in.Agent == "" {
		return 0, nil, callfloor.Required("agent", "a screening is of one agent's answers")
	}
	if self && in.Agent != q.who.Person {
		return 0, nil, forbidden("agent", "an agent may score only their own answers")
	}
	sc, err := mood.Score(mood.Instrument(in.Instrument), in.Answers)
	if err != nil {
		return 0, nil, err
	}
	if in.At.IsZero() {
		return 0, nil, callfloor.Required("at", "a screening is dated when its questionnaire was answered")
	}
	sc.At = in.At
	if err := q.audit(in.Agent); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, sc, nil
}

// moodTriage triages one agent and answers with the part of the result the
// caller may see: an agent their own whole result, every other role what
// the mood policy shows it. Every view is audited before it leaves but the
// lead's view of what is owed and by when, which is what a lead may know:
// the crisis owner's view, an escalation owed, tells that a named agent
// is in crisis. The assessment's faults are told in full to the agent and
// to a health role, and to anyone else without what the library worked
// out (see quietInputErrors).
func moodTriage(q *request) (int, any, error) {
	var a mood.Assessment
	if err := q.decode(&a); err != nil {
		return 0, nil, err
	}
	self := q.who.Role == RoleAgent
	if self && a.Agent != "" && a.Agent != q.who.Person {
		return 0, nil, forbidden("agent", "an agent may triage only themselves")
	}
	pol := q.pol.Mood
	t, err := pol.Triage(a)
	if err != nil {
		err = reroot(err, "assessment", "")
		if !self && !isHealthRole(q.pol.Policies, q.who.Role) {
			err = quietInputErrors(err)
		}
		return 0, nil, err
	}
	var v mood.View
	if self {
		v = pol.View(t, mood.AudienceAgent)
	} else {
		v = pol.ViewFor(t, moodRole(q.pol.Policies, q.who.Role))
	}
	if q.who.Role != RoleLead || v.Result != nil {
		if err := q.audit(t.Agent); err != nil {
			return 0, nil, err
		}
	}
	return http.StatusOK, v, nil
}

// quietMessages are what a caller who may not see health data is told of
// each kind of fault in an assessment, in place of the library's message:
// the library checks a screening's band against its total, a WHO-5
// percentage against its raw total, a closure against the crisis it ends,
// and says in its message what it worked out ("a PHQ-9 total of 12 is
// moderate"), which is itself health data. None repeats a value.
var quietMessages = map[callfloor.ErrorKind]string{
	callfloor.ErrRequired:     "is required",
	callfloor.ErrInvalid:      "is not consistent with the rest of the assessment",
	callfloor.ErrOutOfRange:   "is outside the range it may take",
	callfloor.ErrDuplicate:    "repeats an earlier value",
	callfloor.ErrNotSupported: "is not a name the policy allows here",
	callfloor.ErrForbidden:    "is not allowed here",
}

// quietInputErrors keeps of the library's input errors in err their field
// paths and kinds and replaces each message with its kind's quiet
// message. Other errors pass unchanged.
func quietInputErrors(err error) error {
	quiet := func(ie *callfloor.InputError) *callfloor.InputError {
		msg, ok := quietMessages[ie.Kind]
		if !ok {
			msg = "is invalid"
		}
		return &callfloor.InputError{Field: ie.Field, Kind: ie.Kind, Msg: msg}
	}
	var ies callfloor.InputErrors
	if errors.As(err, &ies) {
		out := make(callfloor.InputErrors, len(ies))
		for i, ie := range ies {
			out[i] = quiet(ie)
		}
		return out
	}
	var ie *callfloor.InputError
	if errors.As(err, &ie) {
		return quiet(ie)
	}
	return err
}
