package server

import (
	"mime"
	"net/http"

	"github.com/callfloor/callfloor/mood"
)

// moodRole is the name the mood policy gives the role r: the policy's own
// lead and crisis owner, or the counselor and HR roles under their names.
// It is "" for the agent, who sees only their own result and is no role of
// the policy, and for the admin, who never sees health data. A nil policy
// names no role.
func moodRole(pol *Policies, r Role) string {
	if pol == nil || pol.Mood == nil {
		return ""
	}
	switch r {
	case RoleLead:
		return pol.Mood.LeadRole()
	case RoleCrisisOwner:
		return pol.Mood.CrisisOwner()
	case RoleCounselor:
		return "counselor"
	case RoleHR:
		return "hr"
	}
	return ""
}

// isHealthRole reports whether r may handle health facts about other
// people: a role the mood policy lets see whole triage results, or the
// crisis owner, who must be reached by every crisis whatever the policy
// lets it see. Without a mood policy no role is.
func isHealthRole(pol *Policies, r Role) bool {
	m := moodRole(pol, r)
	if m == "" {
		return false
	}
	return r == RoleCrisisOwner || pol.Mood.AudienceOf(m) == mood.AudienceCare
}

// coachingRoles are the coaching policy's roles who may act as in a
// workflow's events: those their token's acts_as lists, or, when it lists
// none, the coaching role of the same name as their role, and for a lead
// also the mood policy's name for the lead (team_lead by default), which
// the default coaching policy gives the lead's steps.
func coachingRoles(pol *Policies, who Principal) []string {
	if who.ActsAs != nil {
		return who.ActsAs
	}
	roles := []string{string(who.Role)}
	if who.Role == RoleLead && pol != nil && pol.Mood != nil {
		if lead := pol.Mood.LeadRole(); lead != string(RoleLead) {
			roles = append(roles, lead)
		}
	}
	return roles
}

// requireJSON refuses a body that does not say it is JSON, so that a form
// post or a text body is never read as an API request.
func (q *request) requireJSON() error {
	ct := q.r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/json" {
		return newProblem(http.StatusUnsupportedMediaType, "unsupported-media-type", "Unsupported media type",
			"a request body is JSON: send Content-Type: application/json")
	}
	return nil
}
