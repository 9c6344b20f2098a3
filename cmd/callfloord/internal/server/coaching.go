package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/cmd/callfloord/internal/store"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/mood"
)

// coachingRoutes are the coaching package's endpoints. A case's id holds
// slashes (kind/subject/opening), so a client escapes it as one path
// segment: /v1/coaching/cases/care%2Fa.li%2F20260302T090000Z.
var coachingRoutes = []route{
	{method: http.MethodPost, path: "/v1/coaching/proposals", name: "coaching.propose",
		roles: []Role{RoleLead, RoleCounselor, RoleCrisisOwner, RoleHR}, handle: proposeCases},
	{method: http.MethodPost, path: "/v1/coaching/cases", name: "coaching.open",
		roles: []Role{RoleLead, RoleCounselor, RoleCrisisOwner, RoleHR}, stored: true, handle: openCase},
	{method: http.MethodGet, path: "/v1/coaching/cases/{id}", name: "coaching.get",
		roles: []Role{RoleAgent, RoleLead, RoleCounselor, RoleCrisisOwner, RoleHR}, stored: true, handle: getCase},
	{method: http.MethodPost, path: "/v1/coaching/cases/{id}/events", name: "coaching.apply",
		roles: []Role{RoleLead, RoleCounselor, RoleCrisisOwner, RoleHR}, stored: true, handle: applyCaseEvent},
	{method: http.MethodGet, path: "/v1/coaching/due", name: "coaching.due",
		roles: []Role{RoleAgent, RoleLead, RoleCounselor, RoleCrisisOwner, RoleHR}, stored: true, handle: dueReminders},
}

// proposalsRequest is one person's signals and open cases, under the names
// coaching.Policy.Propose gives its arguments, so that the library's
// field paths ("signals.qa_avg") name the body's fields as they are.
type proposalsRequest struct {
	Subject string           `json:"subject"`
	Signals coaching.Signals `json:"signals"`
	Open    []coaching.Case  `json:"open,omitempty"`
}

// moodSignalPrefix starts the name of every signal taken from a mood
// triage: coaching's own (mood_tier, mood_watch, mood_crisis) and any a
// policy declares beside them.
const moodSignalPrefix = "mood_"

// firstMoodSignal returns the first signal name, in sorted order, that
// comes from a mood triage, or "" when there is none. Sorted order makes
// the refusal name the same field whatever order the body wrote.
func firstMoodSignal(s coaching.Signals) string {
	var names []string
	for name := range s {
		if strings.HasPrefix(name, moodSignalPrefix) {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	sort.Strings(names)
	return names[0]
}

// proposeCases runs the trigger rules over one person's signals and
// answers the caller's view of the proposals. Signals from a mood triage
// are health data: only a health role may send them, since the proposals
// they fire (a care talk, a corrective talk held for someone in crisis)
// tell what the triage found, and the read is audited.
func proposeCases(q *request) (int, any, error) {
	var in proposalsRequest
	if err := q.decode(&in); err != nil {
		return 0, nil, err
	}
	health := firstMoodSignal(in.Signals)
	if health != "" && !isHealthRole(q.pol.Policies, q.who.Role) {
		return 0, nil, forbidden(callfloor.Path("signals").Key(health),
			fmt.Sprintf("signal %s comes from a mood triage, which role %s may not send", health, q.who.Role))
	}
	out, err := q.pol.Coaching.Propose(in.Subject, in.Signals, in.Open)
	if err != nil {
		return 0, nil, err
	}
	if health != "" {
		if err := q.audit(in.Subject); err != nil {
			return 0, nil, err
		}
	}
	return http.StatusOK, q.pol.Coaching.ProposalsFor(out, proposalsAudience(q.pol.Policies, q.who.Role)), nil
}

// proposalsAudience is what role r may see of someone's proposals, as it
// may see of their triage: a health role sees them whole, the lead what is
// owed and by when, anyone else whose they are. A lead sends no mood
// signal, so the lead's view holds what the lead sent; it is taken all the
// same, so that no rule of a policy ever shows the lead a health fact.
func proposalsAudience(pol *Policies, r Role) mood.Audience {
	if isHealthRole(pol, r) {
		return mood.AudienceCare
	}
	return pol.Mood.AudienceOf(moodRole(pol, r))
}

// openingRequest is a case to open, under the names a stored case gives
// Open's arguments. Kind and Channel are read as text so that an unknown
// one is refused by the library, which lists the allowed names, rather
// than by the JSON decoder, which cannot.
type openingRequest struct {
	Kind    string    `json:"kind"`
	Subject string    `json:"subject"`
	Opened  time.Time `json:"opened"`
	Channel string    `json:"channel,omitempty"`
}

// caseMeta is what the store indexes of a case.
func caseMeta(c coaching.Case) (string, bool, time.Time) {
	return c.Subject, c.Status == coaching.StatusOpen, c.Updated
}

// openCase opens a case and stores it. The case id follows from the kind,
// subject and opening time, so sending the same opening again finds the
// case already stored and answers it as it now stands, events included:
// a client that lost the first answer may retry without a duplicate.
func openCase(q *request) (int, any, error) {
	var in openingRequest
	if err := q.decode(&in); err != nil {
		return 0, nil, err
	}
	c, err := openingOf(q.pol.Coaching, in)
	if err != nil {
		return 0, nil, err
	}
	_, created, err := createStored(q, store.KindCase, c.ID, c, caseMeta)
	var p *Problem
	if errors.As(err, &p) && p.Status == http.StatusConflict {
		// The id is the opening's own; a stored case under it that
		// differs from a fresh opening has had events since, or was
		// opened under an earlier policy. It is the same opening when it
		// has the same channel.
		rec, gerr := q.s.cfg.Store.Get(q.ctx(), store.KindCase, c.ID)
		if gerr != nil {
			return 0, nil, gerr
		}
		var stored coaching.Case
		if uerr := json.Unmarshal(rec.Doc, &stored); uerr != nil {
			return 0, nil, fmt.Errorf("stored case %s: %w", c.ID, uerr)
		}
		if stored.Channel != c.Channel {
			return 0, nil, newProblem(http.StatusConflict, "exists", "Already exists",
				fmt.Sprintf("case %s is stored with channel %q, not %q", c.ID, stored.Channel, c.Channel))
		}
		return http.StatusOK, stored, nil
	}
	if err != nil {
		return 0, nil, err
	}
	if created {
		return http.StatusCreated, c, nil
	}
	return http.StatusOK, c, nil
}

// openingOf opens the case a request asks for: with its channel for an
// issue the employee raised, without one for any other kind. Open calls
// the opening time "at"; the body calls it "opened".
func openingOf(pol *coaching.Policy, in openingRequest) (coaching.Case, error) {
	var (
		c   coaching.Case
		err error
	)
	switch {
	case in.Channel == "":
		c, err = pol.Open(coaching.Kind(in.Kind), in.Subject, in.Opened)
	case in.Kind == string(coaching.EmployeeIssue):
		c, err = pol.OpenIssue(in.Subject, coaching.Channel(in.Channel), in.Opened)
	default:
		return c, callfloor.Forbidden("channel",
			fmt.Sprintf("only an %s case records the channel an issue came through, not a %s case", coaching.EmployeeIssue, in.Kind))
	}
	return c, reroot(err, "at", "opened")
}

// getCase answers a stored case. An agent sees only cases about
// themselves; another's answers as an unknown id would, so that an agent
// cannot learn which cases exist.
func getCase(q *request) (int, any, error) {
	rec, err := q.s.cfg.Store.Get(q.ctx(), store.KindCase, q.r.PathValue("id"))
	if err != nil {
		return 0, nil, err
	}
	if q.who.Role == RoleAgent && rec.Subject != q.who.Person {
		return 0, nil, store.ErrNotFound
	}
	return http.StatusOK, json.RawMessage(rec.Doc), nil
}

// applyCaseEvent applies the body, one coaching.Event, to the stored case
// of the path. The path names the case, so the body may leave it out; one
// that names another case is refused rather than applied there. The
// event's by is the caller, and its role one the caller's token lets them
// act as (see coachingRoles): a history must say truly who held each talk
// and in which capacity, and a lead must not complete HR's step by naming
// HR. An event without a role is left to the library, which requires one
// where the step has one.
func applyCaseEvent(q *request) (int, any, error) {
	var e coaching.Event
	if err := q.decode(&e); err != nil {
		return 0, nil, err
	}
	id := q.r.PathValue("id")
	if e.Case != "" && e.Case != id {
		return 0, nil, callfloor.Invalid("case", e.Case, fmt.Sprintf("is not the case of the path, %q", id))
	}
	e.Case = id
	if strings.TrimSpace(e.By) != "" && e.By != q.who.Person {
		return 0, nil, forbidden("by",
			fmt.Sprintf("an event is recorded as by the caller, %q, not %q", q.who.Person, e.By))
	}
	if roles := coachingRoles(q.pol.Policies, q.who); e.Role != "" && !slices.Contains(roles, e.Role) {
		return 0, nil, forbidden("role",
			fmt.Sprintf("%s acts in a workflow as %s, not %q", q.who.Person, strings.Join(roles, " or "), e.Role))
	}
	pol := q.pol.Coaching
	c, err := applyStored(q, store.KindCase, id, nil, func(c coaching.Case) (coaching.Case, error) {
		next, err := pol.Apply(c, e)
		if err != nil && c.Status != coaching.StatusOpen {
			// A closed case takes no event but the ones it already holds,
			// which Apply returns unchanged: its refusal is about the case.
			return next, stateConflict(reroot(err, "event", ""), "")
		}
		return next, reroot(stateConflict(err, "case"), "event", "")
	}, caseMeta)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, c, nil
}

// maxDueCases bounds the open cases one due request sweeps, so that one
// request cannot read a whole center's history; a larger sweep asks per
// subject.
const maxDueCases = 10000

// dueAnswer is what the open cases owe as of a time.
type dueAnswer struct {
	At  time.Time           `json:"at"`
	Due []coaching.Reminder `json:"due"`
}

// dueReminders lists what the open cases owe as of the query's at, of
// every subject or of the query's subject alone, in case id order and, in
// a case, in the library's order. An agent asks only about themselves.
func dueReminders(q *request) (int, any, error) {
	query := q.r.URL.Query()
	subject := query.Get("subject")
	if q.who.Role == RoleAgent && subject != q.who.Person {
		return 0, nil, forbidden("subject",
			fmt.Sprintf("an agent sees only their own reminders; ask with subject=%s", q.who.Person))
	}
	at, err := dueTime(query.Get("at"))
	if err != nil {
		return 0, nil, err
	}
	recs, err := q.s.cfg.Store.ListOpen(q.ctx(), store.KindCase, subject, maxDueCases+1)
	if err != nil {
		return 0, nil, err
	}
	if len(recs) > maxDueCases {
		msg := fmt.Sprintf("more than %d open cases; ask for one subject's", maxDueCases)
		if subject != "" {
			msg = fmt.Sprintf("more than %d open cases of %s; close or cancel those done with", maxDueCases, subject)
		}
		return 0, nil, &callfloor.InputError{Field: "subject", Kind: callfloor.ErrOutOfRange, Msg: msg}
	}
	out := dueAnswer{At: at, Due: []coaching.Reminder{}}
	pol := q.pol.Coaching
	for _, rec := range recs {
		var c coaching.Case
		if err := json.Unmarshal(rec.Doc, &c); err != nil {
			return 0, nil, fmt.Errorf("stored case %s: %w", rec.ID, err)
		}
		out.Due = pol.AppendDue(out.Due, c, at)
	}
	return http.StatusOK, out, nil
}

// dueTime reads the at of a due request, an RFC 3339 time.
func dueTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, callfloor.Required("at", "the reminders listed are those owed at this time, as RFC 3339")
	}
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, callfloor.Invalid("at", s, "is not an RFC 3339 time, as 2026-03-02T09:00:00Z")
	}
	return at, nil
}
