package coaching

import (
	_ "embed"
	"errors"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/cond"
	"github.com/callfloor/callfloor/internal/enum"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/policyfile"
)

// Kind is a kind of conversation a manager runs, each with its own fixed
// flow.
type Kind string

// The kinds of conversation of the practice. The first seven are the
// built-in kinds, those of a policy that declares no kinds of its own;
// CrossDepartment is the id under which the default policy declares the
// communication with related departments, which a policy runs only when
// it declares it.
const (
	PerformanceReview  Kind = "performance_review"
	PerformanceProblem Kind = "performance_problem"
	Promotion          Kind = "promotion"
	Care               Kind = "care"
	EmployeeIssue      Kind = "employee_issue"
	ExitInterview      Kind = "exit_interview"
	HiringInterview    Kind = "hiring_interview"
	CrossDepartment    Kind = "cross_department"
)

// Kinds lists the seven built-in kinds, in the order of the constants
// above: the kinds of a policy that declares none. A policy's own list is
// (*Policy).Kinds.
func Kinds() []Kind {
	return append([]Kind(nil), kinds...)
}

// Kinds lists the kinds the policy declares, in its order: its kinds
// list, or the built-in kinds when it declares none. A nil or zero Policy
// declares none.
func (p *Policy) Kinds() []Kind {
	if !p.ready() {
		return nil
	}
	return append([]Kind(nil), p.kinds...)
}

func (p *Policy) knownKind(k Kind) bool {
	for _, x := range p.kinds {
		if x == k {
			return true
		}
	}
	return false
}

type rawPolicy struct {
	Version   string                 `yaml:"version,required"`
	Roles     []string               `yaml:"roles,required"`
	Kinds     []string               `yaml:"kinds"`
	Workflows map[string]rawWorkflow `yaml:"workflows,required"`
	Signals   []string               `yaml:"signals"`
	Triggers  []rawTrigger           `yaml:"triggers"`
	Exit      *rawExit               `yaml:"exit"`
	Hiring    *rawHiring             `yaml:"hiring"`
	Tenure    *rawTenure             `yaml:"tenure"`
	Meetings  []rawMeeting           `yaml:"meetings"`
	// MeetingZone is the IANA name of the team's time zone, in which
	// Meetings reads days and times of day; empty for the zone of the
	// window's start.
	MeetingZone string `yaml:"meeting_zone"`
	// Names gives display names to the signals, roles, kinds, hiring
	// dimensions and exit reasons the policy declares (names.go).
	Names map[string]string `yaml:"names"`
}

// ErrZeroPolicy is the error of every method called on a nil or zero
// Policy: such a policy holds no workflow and no rule, and answering as if
// it did would hide what the host asked about.
var ErrZeroPolicy = errors.New("coaching: nil or zero Policy; make one with ParsePolicy or DefaultPolicy")

// Policy is a compiled coaching policy: the workflow of every kind of
// conversation, the rules that propose opening one, the exit-interview
// bar, the hiring question bank, the tenure plans and the team meetings. A Policy is
// immutable once ParsePolicy returns it and safe for concurrent use; every
// method is a pure function of the policy and its arguments.
//
// Make a Policy with ParsePolicy or DefaultPolicy. A nil or zero Policy
// (var p *Policy, or &Policy{}) never panics: every method with an error
// result returns ErrZeroPolicy, and every other method returns its zero
// value (no reminders, no names, no workflow).
type Policy struct {
	id        callfloor.Identity
	roles     []string
	kinds     []Kind // declared, in policy order
	workflows map[Kind]*workflow
	env       *cond.Env
	signals   []string // declared signal names, by slot
	// names are the display names the policy gives its ids: env writes
	// the signals' into the reasons of its conditions, and the other
	// sentences the roles', kinds' and dimensions' (names.go).
	names    policyfile.Names
	triggers []trigger
	exit     exitPolicy
	hiring   hiringPolicy
	tenure   tenurePolicy
	meetings []meeting
	// zone is the team's time zone for meetings; nil for the zone of
	// the window's start.
	zone *time.Location
	// loc is the locale the policy names, in which its sentences are
	// worded; stampLayout is that locale's layout of an instant.
	loc         *msg.Locale
	stampLayout string
}

// ParsePolicy decodes, validates and compiles a coaching policy. The error,
// if any, is a *callfloor.PolicyError listing every problem with its line and
// column.
func ParsePolicy(src []byte) (*Policy, error) {
	var raw rawPolicy
	p, err := policyfile.Compile("coaching policy", src, &raw, compile)
	if err != nil {
		return nil, err
	}
	p.id = callfloor.Identity(policyfile.IdentityOf(raw.Version, src))
	for _, w := range p.workflows {
		w.finish(p)
	}
	return p, nil
}

//go:embed default.yaml
var defaultYAML []byte

var defaultPolicy = policyfile.Default("coaching", ParsePolicy, defaultYAML)

// DefaultPolicy returns the policy embedded from default.yaml, written from
// call-center practice: the eight workflows, the default triggers, the exit-interview
// bar, the hiring question bank, the new-hire and veteran plans and the
// team meetings.
func DefaultPolicy() *Policy { return defaultPolicy() }

//go:embed default.zh-CN.yaml
var defaultZhYAML []byte

var defaultZhPolicy = policyfile.Default("coaching", ParsePolicy, defaultZhYAML)

// DefaultPolicyFor returns the embedded default policy of a locale: "en"
// gives DefaultPolicy, "zh-CN" the Simplified Chinese default of
// default.zh-CN.yaml, the same workflows, rules and figures with every
// title, reason, question, rubric and topic in Chinese. Any other locale
// is an error naming those there are. Every call for a locale returns the
// same *Policy.
func DefaultPolicyFor(locale string) (*Policy, error) {
	return policyfile.DefaultFor("coaching", locale, DefaultPolicy, defaultZhPolicy)
}

// Locale gives the tag of the locale the policy names ("zh-CN"), in
// which its reasons, reminders and display names are worded; "en" when it
// names none, and empty for a nil or zero Policy.
func (p *Policy) Locale() string {
	if !p.ready() {
		return ""
	}
	return p.loc.Tag()
}

// DefaultPolicySource returns the YAML source of the default policy, for
// hosts that start their own policy from it.
func DefaultPolicySource() []byte { return append([]byte(nil), defaultYAML...) }

// ready reports whether p was made by ParsePolicy: compile always sets
// the signal environment, so a nil or zero Policy lacks it.
func (p *Policy) ready() bool { return p != nil && p.env != nil }

// Identity names the policy: its declared version and a hash of its source.
// A nil or zero Policy has the zero Identity.
func (p *Policy) Identity() callfloor.Identity {
	if !p.ready() {
		return callfloor.Identity{}
	}
	return p.id
}

// SignalNames returns the signal names the policy declares, in declaration
// order; the trigger rules and the exit bar read only these, and Propose
// and Retention refuse any other. A nil or zero Policy declares none.
func (p *Policy) SignalNames() []string {
	if !p.ready() {
		return nil
	}
	return append([]string(nil), p.signals...)
}

func compile(doc *policyfile.Doc, raw *rawPolicy) *Policy {
	p := &Policy{workflows: map[Kind]*workflow{}, loc: doc.Locale()}
	p.stampLayout = msg.CoachingStampLayout{}.String(p.loc)
	roles := map[string]bool{}
	for i, r := range raw.Roles {
		path := policyfile.Path("roles").Index(i)
		switch {
		case !doc.IDAs(path, msg.CoachingWhatRole{}, r):
		case roles[r]:
			doc.Report(path, msg.CoachingPolicyRoleDeclaredTwice{Role: quote(r)})
		default:
			roles[r] = true
			p.roles = append(p.roles, r)
		}
	}
	p.kinds = compileKinds(doc, raw.Kinds)
	for _, name := range policyfile.SortedKeys(raw.Workflows) {
		path := policyfile.Path("workflows").Key(name)
		k := Kind(name)
		if !p.knownKind(k) {
			doc.Report(path, msg.CoachingPolicyUnknownKind{Name: quote(name), Allowed: text(enum.Allowed(p.kinds))})
			continue
		}
		w := raw.Workflows[name]
		p.workflows[k] = compileWorkflow(doc, path, k, &w, roles, p.roles)
	}
	if doc.Has("kinds") {
		for i, k := range raw.Kinds {
			if _, ok := p.workflows[Kind(k)]; !ok && p.knownKind(Kind(k)) && doc.Has("workflows") {
				doc.Report(policyfile.Path("kinds").Index(i), msg.CoachingPolicyKindNoWorkflow{Kind: quote(k)})
			}
		}
	}
	p.env = compileSignals(doc, raw.Signals)
	p.signals = p.env.Names()
	p.triggers = compileTriggers(doc, raw.Triggers, p)
	p.exit = compileExit(doc, raw.Exit, p.env)
	p.hiring = compileHiring(doc, raw.Hiring)
	p.tenure = compileTenure(doc, raw.Tenure)
	p.meetings = compileMeetings(doc, raw.Meetings)
	p.zone = compileZone(doc, raw.MeetingZone)
	p.compileNames(doc, raw)
	return p
}

// compileKinds takes the kinds the policy declares, each an id, once; a
// policy that declares none runs the built-in kinds, as every policy did
// before kinds were its to declare.
func compileKinds(doc *policyfile.Doc, raw []string) []Kind {
	if !doc.Has("kinds") {
		return Kinds()
	}
	if len(raw) == 0 {
		doc.Report("kinds", msg.CoachingPolicyKindsEmpty{})
	}
	out := []Kind{}
	seen := map[string]bool{}
	for i, k := range raw {
		path := policyfile.Path("kinds").Index(i)
		switch {
		case !doc.IDAs(path, msg.CoachingWhatKind{}, k):
		case seen[k]:
			doc.Report(path, msg.CoachingPolicyKindDeclaredTwice{Kind: quote(k)})
		default:
			seen[k] = true
			out = append(out, Kind(k))
		}
	}
	return out
}

func compileSignals(doc *policyfile.Doc, names []string) *cond.Env {
	var ok []string
	seen := map[string]bool{}
	for i, n := range names {
		path := policyfile.Path("signals").Index(i)
		switch {
		case n == "true" || n == "false":
			doc.Report(path, msg.CoachingPolicySignalReserved{Signal: quote(n)})
		case !doc.IDAs(path, msg.CoachingWhatSignal{}, n):
		case seen[n]:
			doc.Report(path, msg.CoachingPolicySignalDeclaredTwice{Signal: quote(n)})
		default:
			seen[n] = true
			ok = append(ok, n)
		}
	}
	env, err := cond.NewEnv(ok...)
	if err != nil {
		// Every name was checked above; NewEnv cannot refuse one.
		doc.ReportError("signals", err)
		env, _ = cond.NewEnv()
	}
	return env
}
