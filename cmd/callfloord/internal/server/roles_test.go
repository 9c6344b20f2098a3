package server

import (
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/callfloor/callfloor/mood"
)

// renamedMood is the default mood policy with its lead called
// "supervisor", its crisis owner "duty_officer", and HR moved from the
// confidential roles to the others: a center whose HR sees no health data.
func renamedMood(t testing.TB) (string, *mood.Policy) {
	t.Helper()
	src := string(mood.DefaultPolicySource())
	for _, r := range []struct{ old, new string }{
		{"team_lead", "supervisor"},
		{"crisis_owner", "duty_officer"},
		{"confidential: [counselor, hr]", "confidential: [counselor]"},
		{"others: [duty_officer, manager]", "others: [duty_officer, manager, hr]"},
	} {
		if !strings.Contains(src, r.old) {
			t.Fatalf("the default mood policy no longer holds %q", r.old)
		}
		src = strings.ReplaceAll(src, r.old, r.new)
	}
	pol, err := mood.ParsePolicy([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return src, pol
}

func TestMoodRoleAndHealthRole(t *testing.T) {
	_, renamed := renamedMood(t)
	def := &Policies{Mood: mood.DefaultPolicy()}
	ren := &Policies{Mood: renamed}
	cases := []struct {
		name   string
		pol    *Policies
		role   Role
		mapped string
		health bool
	}{
		{"default agent", def, RoleAgent, "", false},
		{"default lead", def, RoleLead, "team_lead", false},
		{"default counselor", def, RoleCounselor, "counselor", true},
		{"default crisis owner", def, RoleCrisisOwner, "crisis_owner", true},
		{"default hr", def, RoleHR, "hr", true},
		{"default admin", def, RoleAdmin, "", false},
		{"renamed agent", ren, RoleAgent, "", false},
		{"renamed lead", ren, RoleLead, "supervisor", false},
		{"renamed counselor", ren, RoleCounselor, "counselor", true},
		{"renamed crisis owner, no confidential role", ren, RoleCrisisOwner, "duty_officer", true},
		{"renamed hr, no longer confidential", ren, RoleHR, "hr", false},
		{"renamed admin", ren, RoleAdmin, "", false},
		{"unknown role", def, Role("janitor"), "", false},
		{"no policies, crisis owner", nil, RoleCrisisOwner, "", false},
		{"no policies, counselor", nil, RoleCounselor, "", false},
		{"no mood policy, crisis owner", &Policies{}, RoleCrisisOwner, "", false},
		{"no mood policy, hr", &Policies{}, RoleHR, "", false},
	}
	for _, c := range cases {
		if got := moodRole(c.pol, c.role); got != c.mapped {
			t.Errorf("%s: moodRole = %q, want %q", c.name, got, c.mapped)
		}
		if got := isHealthRole(c.pol, c.role); got != c.health {
			t.Errorf("%s: isHealthRole = %v, want %v", c.name, got, c.health)
		}
	}
	// The mapping follows the policy's own names, whatever they are.
	if got := moodRole(def, RoleLead); got != def.Mood.LeadRole() {
		t.Errorf("lead maps to %q, the policy's lead is %q", got, def.Mood.LeadRole())
	}
	if got := moodRole(ren, RoleCrisisOwner); got != ren.Mood.CrisisOwner() {
		t.Errorf("crisis owner maps to %q, the policy's is %q", got, ren.Mood.CrisisOwner())
	}
}

// TestMoodViewsFollowThePolicyRoles proves the service gives each role the
// view the running mood policy names for it: under a policy whose HR is
// not confidential, HR sees only what it owes, and the renamed lead and
// crisis owner still see theirs. Every view but the lead's is audited,
// HR's empty one too: HR sent a named agent's screenings.
func TestMoodViewsFollowThePolicyRoles(t *testing.T) {
	src, pol := renamedMood(t)
	a := crisisAssessment(t, "a.li")
	tr, err := pol.Triage(a)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		token, mapped string
		keys          []string
		audience      string
		owed          []string
		audited       bool
	}{
		{tokLead, "supervisor", []string{"agent", "at", "audience", "owed", "policy"}, "lead", []string{"care_talk"}, false},
		{tokCrisis, "duty_officer", []string{"agent", "at", "audience", "owed", "policy"}, "none", []string{"crisis_escalation"}, true},
		{tokHR, "hr", []string{"agent", "at", "audience", "policy"}, "none", nil, true},
		{tokCounselor, "counselor", []string{"agent", "at", "audience", "policy", "result"}, "care", nil, true},
	}
	for _, c := range cases {
		t.Run(c.token, func(t *testing.T) {
			ts := newTestServer(t, withPolicy("mood.yaml", src))
			status, body, _ := ts.do(t, c.token, "POST", "/v1/mood/triage", a)
			wantBody(t, status, body, 200, pol.ViewFor(tr, c.mapped))
			if got := objectKeys(t, body); !reflect.DeepEqual(got, c.keys) {
				t.Errorf("view members %q, want %q", got, c.keys)
			}
			if got := audienceOf(t, body); got != c.audience {
				t.Errorf("audience %q, want %q", got, c.audience)
			}
			if got := owedCodes(t, body); !reflect.DeepEqual(got, c.owed) {
				t.Errorf("owed %q, want %q", got, c.owed)
			}
			if c.audited {
				wantAudits(t, ts, auditOf(c.token, "mood.triage", "a.li", "mood.triage"))
			} else {
				wantAudits(t, ts)
			}
			if c.audience == "care" {
				return
			}
			for _, w := range leakWords {
				if strings.Contains(string(body), w) {
					t.Errorf("a view without health data holds %q: %s", w, body)
				}
			}
		})
	}
}

func TestRequireJSON(t *testing.T) {
	cases := []struct {
		contentType string
		ok          bool
	}{
		{"application/json", true},
		{"application/json; charset=utf-8", true},
		{"Application/JSON", true},
		{"application/json ; charset=UTF-8", true},
		{"", false},
		{"text/plain", false},
		{"application/x-www-form-urlencoded", false},
		{"application/jsonx", false},
		{"application/problem+json", false},
		{"application/json-seq", false},
		{"application/json; =broken", false},
		{"json", false},
	}
	for _, c := range cases {
		r := httptest.NewRequest("POST", "/v1/mood/triage", strings.NewReader("{}"))
		if c.contentType != "" {
			r.Header.Set("Content-Type", c.contentType)
		}
		err := (&request{r: r}).requireJSON()
		if c.ok {
			if err != nil {
				t.Errorf("%q refused: %v", c.contentType, err)
			}
			continue
		}
		want := problem(415, "unsupported-media-type", "Unsupported media type", "a request body is JSON: send Content-Type: application/json", "")
		if p, ok := err.(*Problem); !ok || !reflect.DeepEqual(p, want) {
			t.Errorf("%q: got %v, want %v", c.contentType, err, want)
		}
	}
}
