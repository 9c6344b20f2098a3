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
	// Skipped are the cases given that count for nothing because they
	// cannot be trusted, in the order given: one Apply would refuse, one
	// whose id an earlier case holds, and one that records an adoption at
	// a step whose workflow in this policy does not list the record. The
	// others are counted all the same.
	Skipped []SkippedCase `json:"skipped"`
}

// SkippedCase is a case AdoptedSuggestions did not count, and why.
type SkippedCase struct {
	// Index is the case's place among the cases given; Case is its id,
	// as stored.
	Index int    `json:"index"`
	Case  string `json:"case"`
	// Problem is what is wrong with it, as the *callfloor.InputError
	// Apply would return, its field under "cases[i]", in the policy's
	// locale.
	Problem string `json:"problem"`
	// Message is the id of the catalog message the problem is worded
	// from, as in "coaching.input.adoption_not_listed"; empty when the
	// case has several problems.
	Message string `json:"message,omitempty"`
}

// skipped lists case i, whose id is id, as skipped for err, worded in
// the policy's locale; Message is set when err is one *callfloor.InputError.
func skipped(i int, id string, err error) SkippedCase {
	s := SkippedCase{Index: i, Case: id, Problem: err.Error()}
	if ie, ok := err.(*callfloor.InputError); ok {
		s.Message = ie.MessageID
	}
	return s
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
// Cases of every kind count, and cases opened under another policy too,
// wherever this policy's step lists the record.
//
// Every case is checked against its own history as Apply checks it, so
// that a case edited by hand cannot add to a reward, and an adoption
// counts only at a step whose workflow in this policy lists
// RecordSuggestionAdopted, under records or optional_records: a case
// opened under another policy is held to exactly the records of its
// history, which a hand can write too. A case that fails, a case given
// twice (the same id) after its first, and an adoption at a step that
// does not list the record are left out of the count and listed in
// Skipped, with the *callfloor.InputError that names the field under
// "cases[i]", so that one case unreadable does not withhold everyone's
// reward. A period with a zero start or end, a start or end JSON cannot
// hold, or an end not after its start is an *callfloor.InputError.
func (p *Policy) AdoptedSuggestions(cases []Case, period callfloor.Period) (AdoptedSuggestions, error) {
	if !p.ready() {
		return AdoptedSuggestions{}, ErrZeroPolicy
	}
	out := AdoptedSuggestions{Policy: p.id, Period: period, Metric: MetricSuggestionsAdopted, Subjects: []SuggestionsAdopted{}, Skipped: []SkippedCase{}}
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
		w, err := p.checkCaseAt(c, root)
		if err != nil {
			out.Skipped = append(out.Skipped, skipped(i, c.ID, err))
			continue
		}
		if j, dup := ids[c.ID]; dup {
			out.Skipped = append(out.Skipped, skipped(i, c.ID, msgerr.Duplicate(p.loc, root.Child("id"), c.ID, callfloor.Path("cases").Index(j))))
			continue
		}
		ids[c.ID] = i
		if c.Status != StatusClosed || !period.Contains(c.Updated) {
			continue
		}
		var unlisted error
		counted := false
		for k := range c.Steps {
			j := slices.IndexFunc(c.Steps[k].Records, func(r Record) bool { return r.Name == RecordSuggestionAdopted })
			if j < 0 {
				continue
			}
			if !w.lists(c.Steps[k].Step, RecordSuggestionAdopted) {
				if unlisted == nil {
					unlisted = inputErr(p.loc, callfloor.ErrInvalid, root.Child("steps").Index(k).Child("records").Index(j),
						msg.CoachingInputAdoptionNotListed{Step: quote(c.Steps[k].Step), Kind: string(c.Kind), Record: quote(RecordSuggestionAdopted)})
				}
				continue
			}
			found = append(found, adoption{subject: c.Subject, id: c.ID, rule: stepRule(c.Kind, c.Steps[k].Step),
				value: c.Steps[k].Records[j].Value, closed: c.Updated})
			counted = true
			break
		}
		if !counted && unlisted != nil {
			out.Skipped = append(out.Skipped, skipped(i, c.ID, unlisted))
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
		return inputErr(loc, callfloor.ErrInvalid, "period.end", msg.CoachingInputPeriodEndNotAfterStart{End: period.End, Start: period.Start})
	}
	return nil
}

// lists reports whether a step of the workflow lists a record, under
// records or optional_records.
func (w *workflow) lists(step, record string) bool {
	i, ok := w.index[step]
	if !ok {
		return false
	}
	return slices.Contains(w.steps[i].records, record) || slices.Contains(w.steps[i].optional, record)
}
