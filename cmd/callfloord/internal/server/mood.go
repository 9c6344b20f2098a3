package server

import (
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
// data, so the read is written to the audit trail first, and an agent may
// score only their own answers.
func moodScore(q *request) (int, any, error) {
	var in screeningRequest
	if err := q.decode(&in); err != nil {
		return 0, nil, err
	}
	if in.Agent == "" {
		return 0, nil, callfloor.Required("agent", "a screening is of one agent's answers")
	}
	if q.who.Role == RoleAgent && in.Agent != q.who.Person {
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
// the mood policy shows it. Whole results are audited before they leave;
// the lead's view, what is owed and by when, is not health data.
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
		return 0, nil, reroot(err, "assessment", "")
	}
	var v mood.View
	if self {
		v = pol.View(t, mood.AudienceAgent)
	} else {
		v = pol.ViewFor(t, moodRole(q.pol, q.who.Role))
	}
	if v.Result != nil {
		if err := q.audit(t.Agent); err != nil {
			return 0, nil, err
		}
	}
	return http.StatusOK, v, nil
}
