package mood

import (
	"strconv"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/enum"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
	"github.com/callfloor/callfloor/internal/policyfile"
)

// Cause is a cause of negative emotion that call-center practice names. The
// rule is to find the cause first and treat causes differently.
type Cause string

// The seven causes.
const (
	CauseNotValued        Cause = "not_valued"        // 不受重视: work not valued
	CauseTooDifficult     Cause = "too_difficult"     // 难度大: the work is too difficult
	CauseTooManyTasks     Cause = "too_many_tasks"    // 任务多: too many tasks
	CauseUnfairComparison Cause = "unfair_comparison" // 员工间不正确比较: unfair comparison between employees
	CauseCustomer         Cause = "customer"          // 客户问题: customer problems
	CauseLeadership       Cause = "leadership"        // 领导问题: leadership problems
	CausePersonalLife     Cause = "personal_life"     // a breakup, an illness
)

// String gives the cause's name, as in "customer".
func (c Cause) String() string { return string(c) }

// MarshalText gives the cause's name; a cause that is not one of the
// seven is an error.
func (c Cause) MarshalText() ([]byte, error) { return enum.Marshal(msg.EnumMoodCause{}, c, Causes()) }

// UnmarshalText reads a cause's name and refuses any other text.
func (c *Cause) UnmarshalText(b []byte) error {
	v, err := enum.Unmarshal(msg.EnumMoodCause{}, b, Causes())
	if err == nil {
		*c = v
	}
	return err
}

// Causes lists the seven causes, in a fixed order.
func Causes() []Cause {
	return []Cause{CauseNotValued, CauseTooDifficult, CauseTooManyTasks, CauseUnfairComparison, CauseCustomer, CauseLeadership, CausePersonalLife}
}

// Technique is a self-regulation technique an agent can use, as data the
// host can show: the default policy holds the six of call-center practice
// (anger control, joy, helping others, venting, diversion, relaxation).
type Technique struct {
	// ID is the technique's id in the policy, as in "anger_control".
	ID string `json:"id"`
	// Name is the name to show, as in "Anger control (制怒术)".
	Name string `json:"name"`
	// Summary says in one sentence what the technique does.
	Summary string `json:"summary"`
	// Steps are what the agent does, in order.
	Steps []string `json:"steps"`
}

// Guidance is what the policy says to do about one cause of an agent's
// negative emotion.
type Guidance struct {
	// Agent and Cause are copied from the call.
	Agent string `json:"agent"`
	Cause Cause  `json:"cause"`
	// Text is the policy's guidance for the cause.
	Text string `json:"text"`
	// Awareness is the reminder the policy gives with every cause: the
	// emotion affects self and others; a sigh is fine, swearing is not;
	// step away when it cannot be controlled.
	Awareness string `json:"awareness"`
	// Actions are the policy's actions for the cause, in policy order,
	// with deadlines counted from the time passed to Guide.
	Actions []Action `json:"actions"`
	// Techniques are the self-regulation techniques to offer the agent.
	Techniques []Technique `json:"techniques"`
	// Reasons holds one reason: the cause's rule ("causes.customer"),
	// fired, saying what the guidance answers.
	Reasons []callfloor.Reason `json:"reasons"`
	// Policy names the policy that produced the guidance.
	Policy callfloor.Identity `json:"policy"`
}

// Practice is a standing rule of call-center practice that no computation decides
// (praise one-to-many, greet each other every morning, review each crisis
// afterwards), kept in the policy so the host can show and schedule it.
type Practice struct {
	// ID is the practice's id in the policy.
	ID string `json:"id"`
	// Area is one of observe, encourage, guide, visible, habits, stress,
	// survey, crisis, care, training or oversight.
	Area string `json:"area"`
	// Text describes the practice.
	Text string `json:"text"`
	// Setting is set when the practice says how it is done.
	Setting callfloor.Setting `json:"setting,omitempty"`
}

type causeRule struct {
	text       string
	actions    []actionRule
	techniques []int
}

type causeRules struct {
	awareness string
	rules     [7]causeRule
}

func causeIndex(c Cause) (int, bool) {
	for i, k := range Causes() {
		if k == c {
			return i, true
		}
	}
	return 0, false
}

// Guide returns the policy's guidance for an agent's negative emotion
// whose cause the lead has found, as of at: the differentiated text, the
// actions with their deadlines, and the self-regulation techniques to
// offer. An unknown cause or a zero time is an *callfloor.InputError, as is a time
// that JSON cannot store or so late that one of the cause's deadlines
// would fall past year 9999. A nil or zero Policy returns ErrZeroPolicy.
func (p *Policy) Guide(agent string, cause Cause, at time.Time) (Guidance, error) {
	if p.zero() {
		return Guidance{}, ErrZeroPolicy
	}
	i, ok := causeIndex(cause)
	if !ok {
		return Guidance{}, msgerr.NotSupported(p.loc, "cause", msg.MoodInputCause{}, string(cause), names(Causes()))
	}
	if at.IsZero() {
		return Guidance{}, msgerr.Required(p.loc, "at", nil)
	}
	r := &p.causes.rules[i]
	if err := reachErr(p.loc, "at", at, reach(r.actions)); err != nil {
		return Guidance{}, err
	}
	g := Guidance{Agent: agent, Cause: cause, Text: r.text, Awareness: p.causes.awareness, Policy: p.id,
		Actions: make([]Action, 0, len(r.actions)), Techniques: make([]Technique, 0, len(r.techniques))}
	rule := "causes." + string(cause)
	for _, a := range r.actions {
		g.Actions = append(g.Actions, a.at(at, rule))
	}
	for _, t := range r.techniques {
		g.Techniques = append(g.Techniques, p.techniques[t].clone())
	}
	m := msg.MoodReasonCause{Cause: causeDisplay[i], Text: r.text}
	g.Reasons = []callfloor.Reason{{Rule: rule, Outcome: callfloor.Fired, Text: m.String(p.loc), Message: m.ID()}}
	return g, nil
}

func (t Technique) clone() Technique {
	t.Steps = append([]string(nil), t.Steps...)
	return t
}

// Techniques returns the policy's self-regulation techniques, in policy
// order; nil for a nil or zero Policy.
func (p *Policy) Techniques() []Technique {
	if p.zero() {
		return nil
	}
	out := make([]Technique, len(p.techniques))
	for i, t := range p.techniques {
		out[i] = t.clone()
	}
	return out
}

// Practices returns the policy's standing practices, in policy order; nil
// for a nil or zero Policy.
func (p *Policy) Practices() []Practice {
	if p.zero() {
		return nil
	}
	return append([]Practice(nil), p.practices...)
}

type rawCauses struct {
	Awareness        string   `yaml:"awareness,required"`
	NotValued        rawCause `yaml:"not_valued,required"`
	TooDifficult     rawCause `yaml:"too_difficult,required"`
	TooManyTasks     rawCause `yaml:"too_many_tasks,required"`
	UnfairComparison rawCause `yaml:"unfair_comparison,required"`
	Customer         rawCause `yaml:"customer,required"`
	Leadership       rawCause `yaml:"leadership,required"`
	PersonalLife     rawCause `yaml:"personal_life,required"`
}

type rawCause struct {
	Guidance   string      `yaml:"guidance,required"`
	Actions    []rawAction `yaml:"actions"`
	Techniques []string    `yaml:"techniques"`
}

type rawTechnique struct {
	ID      string   `yaml:"id,required"`
	Name    string   `yaml:"name,required"`
	Summary string   `yaml:"summary,required"`
	Steps   []string `yaml:"steps,required"`
}

type rawPractice struct {
	ID      string `yaml:"id,required"`
	Area    string `yaml:"area,required"`
	Text    string `yaml:"text,required"`
	Setting string `yaml:"setting"`
}

func (c *compiler) compileTechniques(raw []rawTechnique) []Technique {
	path := policyfile.Path("techniques")
	ids := map[string]int{}
	out := make([]Technique, 0, len(raw))
	for i, r := range raw {
		at := path.Index(i)
		c.uniqueID(at.Child("id"), r.ID, ids, i, "techniques")
		if c.doc.Has(at.Child("steps")) && len(r.Steps) == 0 {
			c.doc.Report(at.Child("steps"), msg.MoodPolicyNoStep{})
		}
		out = append(out, Technique{ID: r.ID, Name: r.Name, Summary: r.Summary, Steps: append([]string(nil), r.Steps...)})
	}
	return out
}

func (c *compiler) compileCauses(r *rawCauses, techniques []Technique) causeRules {
	path := policyfile.Path("causes")
	cr := causeRules{awareness: r.Awareness}
	raws := [7]*rawCause{&r.NotValued, &r.TooDifficult, &r.TooManyTasks, &r.UnfairComparison, &r.Customer, &r.Leadership, &r.PersonalLife}
	for i, rc := range raws {
		at := path.Child(string(Causes()[i]))
		rule := causeRule{text: rc.Guidance, actions: c.actions(at.Child("actions"), rc.Actions, false)}
		for j, id := range rc.Techniques {
			k := -1
			for n := range techniques {
				if techniques[n].ID == id {
					k = n
				}
			}
			if k < 0 {
				c.doc.Report(at.Child("techniques").Index(j), msg.MoodPolicyTechniqueUndefined{Value: strconv.Quote(id)})
				continue
			}
			rule.techniques = append(rule.techniques, k)
		}
		if c.doc.Has(at) && len(rule.actions) == 0 && len(rc.Techniques) == 0 {
			c.doc.Report(at, msg.MoodPolicyCauseUntreated{})
		}
		cr.rules[i] = rule
	}
	return cr
}

var practiceAreas = []string{"observe", "encourage", "guide", "visible", "habits", "stress", "survey", "crisis", "care", "training", "oversight"}

func (c *compiler) compilePractices(raw []rawPractice) []Practice {
	path := policyfile.Path("practices")
	ids := map[string]int{}
	out := make([]Practice, 0, len(raw))
	for i, r := range raw {
		at := path.Index(i)
		c.uniqueID(at.Child("id"), r.ID, ids, i, "practices")
		known := false
		for _, a := range practiceAreas {
			known = known || a == r.Area
		}
		if !known && c.doc.Has(at.Child("area")) {
			c.doc.Report(at.Child("area"), msg.MoodPolicyUnknownArea{Value: strconv.Quote(r.Area), Allowed: practiceAreas})
		}
		pr := Practice{ID: r.ID, Area: r.Area, Text: r.Text}
		if r.Setting != "" {
			pr.Setting = c.setting(at.Child("setting"), r.Setting)
		}
		out = append(out, pr)
	}
	return out
}
