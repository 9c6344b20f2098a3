package coaching

import (
	"cmp"
	"slices"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
	"github.com/callfloor/callfloor/internal/timerange"
)

// MetricSuggestionsAdopted is the name of the metric AdoptedSuggestions
// counts, under which a host passes each employee's count to package
// incentives, whose default policy rewards an adopted suggestion.
const MetricSuggestionsAdopted = "suggestions_adopted"

// AdoptedSuggestions counts, per employee, the constructive suggestions
// the center adopted in a period: the cases closed in it that hold a
// RecordSuggestionAdopted.
type AdoptedSuggestions struct {
	// Policy names the policy that produced the count; Period is the
	// period counted, as the call gave it; Metric is
	// MetricSuggestionsAdopted.
	Policy callfloor.Identity `json:"policy"`
	Period callfloor.Period   `json:"period"`
	Metric string             `json:"metric"`
	// Subjects holds one entry per employee with at least one suggestion
	// adopted, by subject in byte order. An employee with no entry had
	// none adopted in the period: Count gives them 0.
	Subjects []SuggestionsAdopted `json:"subjects"`
}

// SuggestionsAdopted is one employee's adopted suggestions in the
// period.
type SuggestionsAdopted struct {
	// Subject is the employee, as the cases name them; Count is the
	// number of cases, the value of the metric.
	Subject string `json:"subject"`
	Count   int    `json:"count"`
	// Cases are the ids of the cases counted, the evidence: in the order
	// they closed, then by id.
	Cases []string `json:"cases"`
	// Reasons hold one reason per case, in the order of Cases: the rule
	// is the step that recorded the adoption ("workflows.employee_issue.
	// steps.follow_up_feedback"), the sentence names the case, when it
	// closed and what was adopted.
	Reasons []callfloor.Reason `json:"reasons"`
}

// Count returns the metric's value for a subject: how many of the
// subject's suggestions were adopted in the period, 0 for a subject with
// no entry.
func (a AdoptedSuggestions) Count(subject string) int {
	for i := range a.Subjects {
		if a.Subjects[i].Subject == subject {
			return a.Subjects[i].Count
		}
	}
	return 0
}

// AdoptedSuggestions counts, per employee, the cases closed in the period
// whose suggestion was adopted: those with a step that recorded
// RecordSuggestionAdopted. Call-center practice asks a manager to reward
// an employee whose constructive suggestion, objective problem or
// improvement was taken up, materially, in spirit or in the career; the
// count is the metric MetricSuggestionsAdopted a host passes to package
// incentives for that reward.
//
// A case counts in the period in which it closed (the time of its close
// event, or of the answer on the spot that closed it), so that a
// suggestion is rewarded once and only once its feedback is given: an
// open case, a cancelled one and one closed outside the period count
// for nothing. The period is half-open, like every callfloor.Period.
// Cases of every kind count, and cases opened under another policy too:
// the record's name is what marks an adopted suggestion.
//
// Every case is checked against its own history as Apply checks it, so
// that a case edited by hand cannot add to a reward; a case Apply would
// refuse is an *callfloor.InputError naming its field under
// "cases[i]", as is a case given twice (the same id), a period with a
// zero start or end, a start or end JSON cannot hold, or an end not
// after its start.
func (p *Policy) AdoptedSuggestions(cases []Case, period callfloor.Period) (AdoptedSuggestions, error) {
	if !p.ready() {
		return AdoptedSuggestions{}, ErrZeroPolicy
	}
	out := AdoptedSuggestions{Policy: p.id, Period: period, Metric: MetricSuggestionsAdopted, Subjects: []SuggestionsAdopted{}}
	if err := checkPeriod(p.loc, period); err != nil {
		return out, err
	}
	type adoption struct {
		subject, id, rule, value string
		closed                   time.Time
	}
	var found []adoption
	ids := map[string]int{}
	for i := range cases {
		c := &cases[i]
		root := callfloor.Path("cases").Index(i)
		if _, err := p.checkCaseAt(c, root); err != nil {
			return out, err
		}
		if j, dup := ids[c.ID]; dup {
			return out, msgerr.Duplicate(p.loc, root.Child("id"), c.ID, callfloor.Path("cases").Index(j))
		}
		ids[c.ID] = i
		if c.Status != StatusClosed || !period.Contains(c.Updated) {
			continue
		}
		for k := range c.Steps {
			if j := slices.IndexFunc(c.Steps[k].Records, func(r Record) bool { return r.Name == RecordSuggestionAdopted }); j >= 0 {
				found = append(found, adoption{subject: c.Subject, id: c.ID, rule: stepRule(c.Kind, c.Steps[k].Step),
					value: c.Steps[k].Records[j].Value, closed: c.Updated})
				break
			}
		}
	}
	slices.SortFunc(found, func(a, b adoption) int {
		return cmp.Or(cmp.Compare(a.subject, b.subject), a.closed.Compare(b.closed), cmp.Compare(a.id, b.id))
	})
	for _, a := range found {
		n := len(out.Subjects)
		if n == 0 || out.Subjects[n-1].Subject != a.subject {
			out.Subjects = append(out.Subjects, SuggestionsAdopted{Subject: a.subject, Cases: []string{}, Reasons: []callfloor.Reason{}})
			n++
		}
		s := &out.Subjects[n-1]
		s.Count++
		s.Cases = append(s.Cases, a.id)
		m := msg.CoachingReasonAdopted{Case: a.id, At: p.stampIn(a.closed), Value: a.value}
		s.Reasons = append(s.Reasons, callfloor.Reason{Rule: a.rule, Outcome: callfloor.Fired, Text: m.String(p.loc), Message: m.ID()})
	}
	return out, nil
}

// checkPeriod refuses a period that is not one: a zero start or end, a
// time JSON cannot hold, or an end not after the start.
func checkPeriod(loc *msg.Locale, period callfloor.Period) error {
	switch {
	case period.Start.IsZero():
		return msgerr.Required(loc, "period.start", nil)
	case period.End.IsZero():
		return msgerr.Required(loc, "period.end", nil)
	case !timerange.Storable(period.Start):
		return inputErr(loc, callfloor.ErrInvalid, "period.start", timeProblem(period.Start))
	case !timerange.Storable(period.End):
		return inputErr(loc, callfloor.ErrInvalid, "period.end", timeProblem(period.End))
	case !period.End.After(period.Start):
		return inputErr(loc, callfloor.ErrInvalid, "period.end", msg.CoachingInputNotAfterPeriodStart{End: text(stampIn(loc, period.End)), Start: text(stampIn(loc, period.Start))})
	}
	return nil
}
