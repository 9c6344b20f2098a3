package incentives

import (
	"slices"
	"time"

	"github.com/callfloor/callfloor/internal/enum"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/policyfile"
)

// Step is a step of progressive discipline.
type Step string

// The steps, from the lightest. A violation that leads to a step moves an
// agent up from the highest step still active in the look-back window (one
// step for a minor violation, two for a serious one), so a final warning
// still in force makes the next minor violation a dismissal; zero-tolerance
// violations go straight to Dismissal.
//
// A Dismissal taken in a pay period (not one held by the wellbeing
// guardrail) withholds the agent's awards of that period, unless the
// policy sets discipline.dismissal_withholds_awards to false: each award
// line becomes a hold line whose last reason, of the rule
// discipline.dismissal_withholds_awards, reads "withheld: dismissed this
// period (...)", and the agent leaves the public list.
const (
	VerbalWarning  Step = "verbal_warning"
	WrittenWarning Step = "written_warning"
	FinalWarning   Step = "final_warning"
	Dismissal      Step = "dismissal"
)

var stepByLevel = [...]Step{"", VerbalWarning, WrittenWarning, FinalWarning, Dismissal}

// String gives the step's name, as in "final_warning".
func (s Step) String() string { return string(s) }

// MarshalText gives the step's name; a value that is not one of the
// steps is an error. Fields that may hold no step omit it.
func (s Step) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumIncentivesDisciplineStep{}, s, stepByLevel[1:])
}

// UnmarshalText reads a step's name and refuses any other text.
func (s *Step) UnmarshalText(b []byte) error {
	v, err := enum.Unmarshal(msg.EnumIncentivesDisciplineStep{}, b, stepByLevel[1:])
	if err == nil {
		*s = v
	}
	return err
}

// stepNames lists the steps from the lightest, as errors name them.
func stepNames() []string {
	out := make([]string, 0, len(stepByLevel)-1)
	for _, s := range stepByLevel[1:] {
		out = append(out, string(s))
	}
	return out
}

// level is 1 for a verbal warning up to 4 for dismissal, 0 for no step.
func (s Step) level() int {
	switch s {
	case VerbalWarning:
		return 1
	case WrittenWarning:
		return 2
	case FinalWarning:
		return 3
	case Dismissal:
		return 4
	}
	return 0
}

// Severity is how far one violation of a kind moves an agent.
type Severity string

// Severities: Minor moves one step, Serious two, ZeroTolerance straight to
// dismissal (the domain's malicious leaking of customer information).
const (
	Minor         Severity = "minor"
	Serious       Severity = "serious"
	ZeroTolerance Severity = "zero_tolerance"
)

// severities are the severities, in the order errors list them.
var severities = []Severity{Minor, Serious, ZeroTolerance}

// PriorStep is a discipline step taken before the period, from the
// host's records.
type PriorStep struct {
	// Step is the step taken.
	Step Step `json:"step"`
	// At is when it was taken; it stays active for the policy's
	// look-back window (discipline.look_back_months) from then.
	At time.Time `json:"at"`
	// Violations optionally names the violations that led to it.
	Violations []string `json:"violations,omitempty"`
}

// Violation is one breach of the rules found in the period.
type Violation struct {
	// ID identifies the violation; unique within the agent's record.
	ID string `json:"id"`
	// Kind is a violation kind of the policy.
	Kind string `json:"kind"`
	// At is when it happened; it must fall inside the period.
	At time.Time `json:"at"`
	// Disputed says that the violation rests on a QA evaluation with an
	// open dispute: it is held out of discipline until that is decided.
	Disputed bool `json:"disputed,omitempty"`
	// Interaction optionally names the call (or chat) the violation is
	// about, as the host and qa.Evaluation name it. One call is one
	// incident: of the agent's violations that name the same
	// Interaction, such as a host's rude_to_customer and the
	// service_misconduct QA found on that call, only the most severe
	// (the higher severity, then a kind with protective actions, then
	// the larger fine, then the earliest, by At and ID) is fined and
	// stepped, and its lines name the others too; the others still issue
	// their protective actions.
	Interaction string `json:"interaction,omitempty"`
}

type rawFines struct {
	Enabled        *bool `yaml:"enabled"`
	PerIncidentMax int64 `yaml:"per_incident_max"`
	PerPeriodMax   int64 `yaml:"per_period_max"`
}

type rawKind struct {
	ID          string `yaml:"id,required"`
	Severity    string `yaml:"severity,required"`
	Occurrences int    `yaml:"occurrences"`
	Fine        int64  `yaml:"fine"`
	Reason      string `yaml:"reason"`
	// Protect lists the protective actions a violation of the kind
	// issues at once, whatever happens to its sanction.
	Protect []rawProtect `yaml:"protect"`
}

type rawProtect struct {
	Action string `yaml:"action,required"`
	Owner  string `yaml:"owner,required"`
}

type rawQAFinding struct {
	Scorecard string `yaml:"scorecard,required"`
	Item      string `yaml:"item,required"`
	Kind      string `yaml:"kind,required"`
}

type rawDiscipline struct {
	LookBackMonths           *int      `yaml:"look_back_months"`
	DismissalWithholdsAwards *bool     `yaml:"dismissal_withholds_awards"`
	Fines                    rawFines  `yaml:"fines"`
	Kinds                    []rawKind `yaml:"kinds"`
	// QAFindings maps critical QA items to violation kinds, for
	// ViolationsFromQA.
	QAFindings []rawQAFinding `yaml:"qa_findings"`
}

type violationKind struct {
	id          string
	label       string
	severity    Severity
	occurrences int
	fine        int64
	fineSrc     int32  // lines "discipline.kinds.<id>.fine"
	stepSrc     int32  // lines "discipline.kinds.<id>"
	occRule     string // notices, "discipline.kinds.<id>.occurrences"
	protect     []protectAction
}

// protectAction is a protective action a violation kind issues.
type protectAction struct {
	action, owner string
	rule          string // "discipline.kinds.<id>.protect.<action>"
}

// qaFinding maps a critical item of a QA scorecard to a violation kind.
type qaFinding struct {
	kind string
	rule string // "discipline.qa_findings.<scorecard>.<item>"
}

// qaMapping is a mapping of discipline.qa_findings as written, with the
// places of its scorecard and item, for CheckQA.
type qaMapping struct {
	scorecard, item string
	path            string // "discipline.qa_findings[2]"
	scorecardAt     [2]int // line and column
	itemAt          [2]int
}
type discipline struct {
	lookBack       int // months
	finesOn        bool
	withholdAwards bool  // a dismissal this period withholds the period's awards
	perIncident    int64 // 0: no cap
	perPeriod      int64 // 0: no cap
	kinds          []violationKind
	index          map[string]int
	qaFindings     map[[2]string]qaFinding // by scorecard and item
	qaMappings     []qaMapping             // in policy order
}

func (d *discipline) names() []string {
	out := make([]string, len(d.kinds))
	for i, k := range d.kinds {
		out[i] = k.id
	}
	return out
}

func (p *Policy) compileDiscipline(doc *policyfile.Doc, r *rawDiscipline) {
	base := policyfile.Path("discipline")
	d := &p.discipline
	d.lookBack = 12
	if r.LookBackMonths != nil {
		d.lookBack = *r.LookBackMonths
		if d.lookBack < 1 || d.lookBack > 120 {
			doc.Report(base.Child("look_back_months"), msg.IncentivesPolicyOutOfRange{Value: inum(d.lookBack), Lo: "1", Hi: "120"})
			d.lookBack = 12
		}
	}
	d.finesOn = r.Fines.Enabled == nil || *r.Fines.Enabled
	d.withholdAwards = r.DismissalWithholdsAwards == nil || *r.DismissalWithholdsAwards
	fp := base.Child("fines")
	checkAmount(doc, fp.Child("per_incident_max"), r.Fines.PerIncidentMax)
	checkAmount(doc, fp.Child("per_period_max"), r.Fines.PerPeriodMax)
	d.perIncident, d.perPeriod = max(r.Fines.PerIncidentMax, 0), max(r.Fines.PerPeriodMax, 0)
	d.index = map[string]int{}
	seen := map[string]policyfile.Path{}
	for i, k := range r.Kinds {
		path := base.Child("kinds").Index(i)
		ok := checkID(doc, path.Child("id"), msg.IncentivesWhatIdViolationKind{}, k.ID, seen)
		vk := violationKind{id: k.ID, label: k.Reason, severity: Severity(k.Severity), occurrences: k.Occurrences, fine: k.Fine}
		if vk.label == "" {
			vk.label = p.name(k.ID)
		}
		if !slices.Contains(severities, vk.severity) && doc.Has(path.Child("severity")) {
			doc.Report(path.Child("severity"), msg.IncentivesPolicyNotSeverity{Value: quoted(string(k.Severity)), Allowed: idList(severities)})
		}
		if vk.occurrences == 0 {
			vk.occurrences = 1
		}
		if vk.occurrences < 1 || vk.occurrences > 100 {
			doc.Report(path.Child("occurrences"), msg.IncentivesPolicyOutOfRange{Value: inum(k.Occurrences), Lo: "1", Hi: "100"})
			vk.occurrences = 1
		}
		if vk.severity == ZeroTolerance && vk.occurrences != 1 {
			doc.Report(path.Child("occurrences"), msg.IncentivesPolicyZeroToleranceFirst{})
		}
		checkAmount(doc, path.Child("fine"), k.Fine)
		if ok {
			// A kind's lines are titled by its name, as every other line
			// is, not by its reason, which may be a whole sentence.
			title := p.name(k.ID)
			vk.fineSrc = p.source(lineSource{rule: "discipline.kinds." + k.ID + ".fine", heading: msg.IncentivesHeadingFine{Label: title}.String(p.loc)})
			vk.stepSrc = p.source(lineSource{rule: "discipline.kinds." + k.ID, heading: title})
			vk.occRule = "discipline.kinds." + k.ID + ".occurrences"
			p.titles[vk.occRule] = title
			actions := map[string]policyfile.Path{}
			for j, pr := range k.Protect {
				pp := path.Child("protect").Index(j)
				okA := checkID(doc, pp.Child("action"), msg.IncentivesWhatIdProtectiveAction{}, pr.Action, actions)
				okO := doc.IDAs(pp.Child("owner"), msg.IncentivesWhatIdOwner{}, pr.Owner)
				if okA && pr.Action == HandToCrisisOwner {
					doc.Report(pp.Child("action"), msg.IncentivesPolicyCrisisAction{Value: quoted(pr.Action)})
					okA = false
				}
				if okA && okO {
					vk.protect = append(vk.protect, protectAction{action: pr.Action, owner: pr.Owner, rule: "discipline.kinds." + k.ID + ".protect." + pr.Action})
				}
			}
			d.index[k.ID] = len(d.kinds)
			d.kinds = append(d.kinds, vk)
		}
	}
	d.qaFindings = map[[2]string]qaFinding{}
	firstAt := map[[2]string]policyfile.Path{}
	for i, f := range r.QAFindings {
		path := base.Child("qa_findings").Index(i)
		okS := doc.IDAs(path.Child("scorecard"), msg.IncentivesWhatIdScorecard{}, f.Scorecard)
		okI := doc.IDAs(path.Child("item"), msg.IncentivesWhatIdItem{}, f.Item)
		okK := doc.IDAs(path.Child("kind"), msg.IncentivesWhatIdViolationKind{}, f.Kind)
		if okK {
			if _, known := d.index[f.Kind]; !known {
				doc.Report(path.Child("kind"), msg.IncentivesPolicyNotViolationKind{Value: quoted(f.Kind), Allowed: d.names()})
				okK = false
			}
		}
		key := [2]string{f.Scorecard, f.Item}
		if okS && okI {
			if first, dup := firstAt[key]; dup {
				doc.Report(path.Child("item"), msg.IncentivesPolicyItemMapped{Scorecard: f.Scorecard, Value: quoted(f.Item), First: string(first)})
				continue
			}
			firstAt[key] = path
		}
		if okS && okI && okK {
			d.qaFindings[key] = qaFinding{kind: f.Kind, rule: "discipline.qa_findings." + f.Scorecard + "." + f.Item}
			m := qaMapping{scorecard: f.Scorecard, item: f.Item, path: string(path)}
			m.scorecardAt[0], m.scorecardAt[1] = doc.Place(path.Child("scorecard"))
			m.itemAt[0], m.itemAt[1] = doc.Place(path.Child("item"))
			d.qaMappings = append(d.qaMappings, m)
		}
	}
}

// activeSince is the start of the look-back window of an instant: steps
// after it count.
func (d *discipline) activeSince(t time.Time) time.Time { return t.AddDate(0, -d.lookBack, 0) }

// activeSinceDay is activeSince for the first instant of a day, such as
// a period's end: the first instant of the same date lookBack months
// before. Where clocks skip midnight, a day starts at 01:00, and the same
// wall clock months earlier is an hour into that day.
func (d *discipline) activeSinceDay(t time.Time) time.Time {
	if !isDayStart(t) {
		return d.activeSince(t)
	}
	y, m, day := t.Date()
	return dayStart(y, m-time.Month(d.lookBack), day, t.Location())
}
