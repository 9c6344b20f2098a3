package coaching

import (
	_ "embed"
	"errors"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/cond"
	"github.com/callfloor/callfloor/internal/enum"
	"github.com/callfloor/callfloor/internal/policyfile"
)

// Kind is a kind of conversation a manager runs, each with its own fixed
// flow.
type Kind string

// The seven kinds of conversation.
const (
	PerformanceReview  Kind = "performance_review"
	PerformanceProblem Kind = "performance_problem"
	Promotion          Kind = "promotion"
	Care               Kind = "care"
	EmployeeIssue      Kind = "employee_issue"
	ExitInterview      Kind = "exit_interview"
	HiringInterview    Kind = "hiring_interview"
)

// Kinds lists every kind, in the order of the constants above.
func Kinds() []Kind {
	return append([]Kind(nil), kinds...)
}

func knownKind(k Kind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

func kindNames() string { return enum.Allowed(kinds) }

type rawPolicy struct {
	Version   string                 `yaml:"version,required"`
	Roles     []string               `yaml:"roles,required"`
	Workflows map[string]rawWorkflow `yaml:"workflows,required"`
	Signals   []string               `yaml:"signals"`
	Triggers  []rawTrigger           `yaml:"triggers"`
	Exit      *rawExit               `yaml:"exit"`
	Hiring    *rawHiring             `yaml:"hiring"`
	Tenure    *rawTenure             `yaml:"tenure"`
	Meetings  []rawMeeting           `yaml:"meetings"`
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
	workflows map[Kind]*workflow
	env       *cond.Env
	signals   []string // declared signal names, by slot
	triggers  []trigger
	exit      exitPolicy
	hiring    hiringPolicy
	tenure    tenurePolicy
	meetings  []meeting
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
		w.finish()
	}
	return p, nil
}

//go:embed default.yaml
var defaultYAML []byte

var defaultPolicy = policyfile.Default("coaching", ParsePolicy, defaultYAML)

// DefaultPolicy returns the policy embedded from default.yaml, written from
// call-center practice: the seven workflows, the default triggers, the exit-interview
// bar, the hiring question bank, the new-hire and veteran plans and the
// team meetings.
func DefaultPolicy() *Policy { return defaultPolicy() }

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
	p := &Policy{workflows: map[Kind]*workflow{}}
	roles := map[string]bool{}
	for i, r := range raw.Roles {
		path := policyfile.Path("roles").Index(i)
		switch {
		case !doc.ID(path, "role", r):
		case roles[r]:
			doc.Errorf(path, "role %q is declared twice", r)
		default:
			roles[r] = true
			p.roles = append(p.roles, r)
		}
	}
	for _, name := range policyfile.SortedKeys(raw.Workflows) {
		path := policyfile.Path("workflows").Key(name)
		k := Kind(name)
		if !knownKind(k) {
			doc.Errorf(path, "unknown kind %q; allowed: %s", name, kindNames())
			continue
		}
		w := raw.Workflows[name]
		p.workflows[k] = compileWorkflow(doc, path, k, &w, roles, p.roles)
	}
	p.env = compileSignals(doc, raw.Signals)
	p.signals = p.env.Names()
	p.triggers = compileTriggers(doc, raw.Triggers, p)
	p.exit = compileExit(doc, raw.Exit, p.env)
	p.hiring = compileHiring(doc, raw.Hiring)
	p.tenure = compileTenure(doc, raw.Tenure)
	p.meetings = compileMeetings(doc, raw.Meetings)
	return p
}

func compileSignals(doc *policyfile.Doc, names []string) *cond.Env {
	var ok []string
	seen := map[string]bool{}
	for i, n := range names {
		path := policyfile.Path("signals").Index(i)
		switch {
		case n == "true" || n == "false":
			doc.Errorf(path, "signal %q is reserved for the constant of the condition language", n)
		case !doc.ID(path, "signal", n):
		case seen[n]:
			doc.Errorf(path, "signal %q is declared twice", n)
		default:
			seen[n] = true
			ok = append(ok, n)
		}
	}
	env, err := cond.NewEnv(ok...)
	if err != nil {
		// Every name was checked above; NewEnv cannot refuse one.
		doc.Errorf("signals", "%v", err)
		env, _ = cond.NewEnv()
	}
	return env
}
