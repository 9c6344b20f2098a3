package coaching

import (
	"slices"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/policyfile"
)

// settings lists the settings a step may have, in the order the
// policy's problems list them.
var settings = []callfloor.Setting{callfloor.OneToOne, callfloor.Group, callfloor.NoSetting}

// parseSetting reads a step's setting by its name.
func parseSetting(s string) (callfloor.Setting, bool) {
	for _, x := range settings {
		if x.String() == s {
			return x, true
		}
	}
	return callfloor.NoSetting, false
}

func settingNames() []string {
	s := make([]string, len(settings))
	for i, x := range settings {
		s[i] = x.String()
	}
	return s
}

// FromOpening is the anchor of a deadline counted from the opening of the
// case rather than from the completion of an earlier step.
const FromOpening = "open"

type rawWorkflow struct {
	Title          string    `yaml:"title"`
	Corrective     bool      `yaml:"corrective"`
	Exit           bool      `yaml:"exit"`
	EmployeeRaised bool      `yaml:"employee_raised"`
	OnTheSpot      bool      `yaml:"on_the_spot"`
	MaxReschedules *int      `yaml:"max_reschedules"`
	Phases         []string  `yaml:"phases,required"`
	Steps          []rawStep `yaml:"steps,required"`
}

type rawStep struct {
	ID       string              `yaml:"id,required"`
	Title    string              `yaml:"title"`
	Phase    string              `yaml:"phase,required"`
	Role     string              `yaml:"role,required"`
	Records  []string            `yaml:"records"`
	Optional []string            `yaml:"optional_records"`
	After    string              `yaml:"after"`
	Within   policyfile.Duration `yaml:"within,required"`
	Setting  string              `yaml:"setting,required"`
	Feedback bool                `yaml:"feedback"`
}

// Workflow is the flow of one kind of conversation, as the policy defines
// it. It is a copy; changing it changes nothing in the policy.
type Workflow struct {
	// Kind is the kind of conversation the workflow runs.
	// Title is the policy's title, or the kind with underscores as spaces
	// when it gives none.
	Kind  Kind   `json:"kind"`
	Title string `json:"title"`
	// Corrective workflows hold every talk one-to-one, and every trigger
	// of one holds it for someone in crisis or at the severe tier.
	Corrective bool `json:"corrective"`
	// Exit marks the exit interview, mandatory for everyone who resigns:
	// one-to-one, and no trigger of it may be held. The exit_interview
	// kind is always one; a center's own kind is one with exit: true.
	Exit bool `json:"exit"`
	// EmployeeRaised workflows answer an issue the employee raised; a
	// feedback step past its deadline is a silence risk.
	EmployeeRaised bool `json:"employee_raised"`
	// OnTheSpot lets an issue the employee raised be answered in the
	// first talk: an EventAnswerOnTheSpot completes the first step with
	// the answer and the employee's confirmation and closes the case,
	// without the later steps. Only an employee-raised workflow whose
	// first step is a talk may declare it.
	OnTheSpot bool `json:"on_the_spot"`
	// MaxReschedules bounds how often one step may be rescheduled; -1
	// means no bound.
	// Phases are the workflow's phases, in order; steps run in phase order.
	// Steps are the workflow's steps, in the order they are done.
	MaxReschedules int      `json:"max_reschedules"`
	Phases         []string `json:"phases"`
	Steps          []Step   `json:"steps"`
}

// Step is one step of a workflow.
type Step struct {
	// ID is the step's id, unique within the workflow.
	// Title is the policy's title, in the policy's language, or the id
	// when it gives none; every sentence that names the step writes it.
	// Phase is the phase the step belongs to, one of Workflow.Phases.
	ID    string `json:"id"`
	Title string `json:"title"`
	Phase string `json:"phase"`
	// Role acts in the step.
	Role string `json:"role"`
	// Records are what completing the step must record, by name.
	Records []string `json:"records"`
	// OptionalRecords are what completing the step may record, each at
	// most once, when there is something to record: the suggestion an
	// employee made was adopted (RecordSuggestionAdopted). Left out when
	// the step has none.
	OptionalRecords []string `json:"optional_records,omitempty"`
	// After is FromOpening or the id of the earlier step whose completion
	// starts the deadline; Within is the time allowed from then.
	After  string             `json:"after"`
	Within callfloor.Duration `json:"within"`
	// Setting is how the step is held: one-to-one, in a group, or
	// callfloor.NoSetting ("none") for desk work such as analysing scores.
	Setting callfloor.Setting `json:"setting"`
	// Feedback marks a step that gives the employee feedback. Every
	// workflow has one: feedback closes every flow.
	Feedback bool `json:"feedback"`
}

type workflow struct {
	view  Workflow
	steps []step
	index map[string]int
	// spot is what the first step keeps when the issue is answered on
	// the spot, built once; nil unless the workflow declares on_the_spot.
	spot []string
	// titled is set when the policy gives the workflow its title, which
	// then names the kind in the policy's own words.
	titled bool
}

type step struct {
	id       string
	title    string // the policy's title, or the id when it gives none
	role     string
	phase    string
	records  []string
	optional []string // records the step may keep, in policy order
	after    int      // index of the anchor step, or -1 for the opening
	within   time.Duration
	feedback bool
	// Reminder texts, built once so that Due allocates nothing.
	owed, overdue, silence []callfloor.Reason // one reason each, shared by every reminder
}

// Workflow returns the workflow of a kind, or false when the policy does
// not define that kind (as a nil or zero Policy defines none).
func (p *Policy) Workflow(k Kind) (Workflow, bool) {
	if !p.ready() {
		return Workflow{}, false
	}
	w, ok := p.workflows[k]
	if !ok {
		return Workflow{}, false
	}
	v := w.view
	v.Phases = append([]string(nil), v.Phases...)
	v.Steps = append([]Step(nil), v.Steps...)
	for i := range v.Steps {
		v.Steps[i].Records = append([]string{}, v.Steps[i].Records...)
		if v.Steps[i].OptionalRecords != nil {
			v.Steps[i].OptionalRecords = append([]string{}, v.Steps[i].OptionalRecords...)
		}
	}
	return v, true
}

// Roles returns the roles the policy declares; a nil or zero Policy
// declares none.
func (p *Policy) Roles() []string {
	if !p.ready() {
		return nil
	}
	return append([]string(nil), p.roles...)
}

// workflowCompiler compiles one workflow of the policy: the kind, its
// place, the policy's roles, and what the steps compiled so far have set
// (the phase reached, each step's anchor).
type workflowCompiler struct {
	doc      *policyfile.Doc
	path     policyfile.Path
	kind     Kind
	raw      *rawWorkflow
	roles    map[string]bool
	roleList []string
	w        *workflow
	phases   map[string]int // phase name to its place in the workflow, from 1
	after    []int          // each step's anchor: the index of a step, or -1
	reached  int            // the latest phase of the steps compiled so far
}

func compileWorkflow(doc *policyfile.Doc, path policyfile.Path, k Kind, raw *rawWorkflow, roles map[string]bool, roleList []string) *workflow {
	c := &workflowCompiler{doc: doc, path: path, kind: k, raw: raw, roles: roles, roleList: roleList,
		w: &workflow{index: map[string]int{}}, phases: map[string]int{}, after: make([]int, len(raw.Steps))}
	c.header()
	c.compilePhases()
	c.indexSteps()
	for i := range raw.Steps {
		c.compileStep(i)
	}
	checkAnchors(doc, path, raw.Steps, c.after)
	c.checkFeedback()
	c.checkOnTheSpot()
	return c.w
}

// header takes the workflow's title, flags and reschedule bound.
func (c *workflowCompiler) header() {
	raw, w := c.raw, c.w
	w.view = Workflow{Kind: c.kind, Title: raw.Title, Corrective: raw.Corrective, Exit: raw.Exit || c.kind == ExitInterview, EmployeeRaised: raw.EmployeeRaised, OnTheSpot: raw.OnTheSpot, MaxReschedules: -1}
	w.titled = w.view.Title != ""
	if !w.titled {
		w.view.Title = strings.ReplaceAll(string(c.kind), "_", " ")
	}
	if w.view.Exit && raw.Corrective {
		c.doc.Report(c.path.Child("corrective"), msg.CoachingPolicyExitNotCorrective{})
	}
	if raw.MaxReschedules != nil {
		if *raw.MaxReschedules < 0 {
			c.doc.Report(c.path.Child("max_reschedules"), msg.CoachingPolicyBoundNegative{})
		} else {
			w.view.MaxReschedules = *raw.MaxReschedules
		}
	}
}

// compilePhases takes the phases in order, each once, and reports a
// workflow with no phase or no step.
func (c *workflowCompiler) compilePhases() {
	doc, path := c.doc, c.path
	for i, ph := range c.raw.Phases {
		pp := path.Child("phases").Index(i)
		switch {
		case !doc.IDAs(pp, msg.CoachingWhatPhase{}, ph):
		case c.phases[ph] > 0:
			doc.Report(pp, msg.CoachingPolicyPhaseListedTwice{Phase: quote(ph)})
		default:
			c.phases[ph] = len(c.w.view.Phases) + 1
			c.w.view.Phases = append(c.w.view.Phases, ph)
		}
	}
	if doc.Has(path.Child("phases")) && len(c.raw.Phases) == 0 {
		doc.Report(path.Child("phases"), msg.CoachingPolicyWorkflowNoPhases{})
	}
	if doc.Has(path.Child("steps")) && len(c.raw.Steps) == 0 {
		doc.Report(path.Child("steps"), msg.CoachingPolicyWorkflowNoSteps{})
	}
}

// indexSteps takes the step ids before any step is compiled, so that a
// deadline may name any step, even a later one, and be reported for it.
func (c *workflowCompiler) indexSteps() {
	doc := c.doc
	for i, s := range c.raw.Steps {
		sp := c.path.Child("steps").Index(i).Child("id")
		switch {
		case !doc.Has(sp):
		case !doc.IDAs(sp, msg.CoachingWhatStepId{}, s.ID):
		case s.ID == FromOpening:
			doc.Report(sp, msg.CoachingPolicyStepIdReserved{Step: quote(s.ID)})
		default:
			if j, dup := c.w.index[s.ID]; dup {
				doc.Report(sp, msg.CoachingPolicyStepTwice{Step: quote(s.ID), FirstIndex: j})
				continue
			}
			c.w.index[s.ID] = i
		}
	}
}

// compileStep compiles step i: its role, its phase (in phase order), its
// records, its setting, its deadline and what the deadline counts from.
func (c *workflowCompiler) compileStep(i int) {
	s := &c.raw.Steps[i]
	sp := c.path.Child("steps").Index(i)
	st := step{id: s.ID, title: s.Title, role: s.Role, phase: s.Phase, within: s.Within.Std(), feedback: s.Feedback, after: i - 1}
	setting, knownSetting := parseSetting(s.Setting)
	if c.doc.Has(sp.Child("title")) && strings.TrimSpace(s.Title) == "" {
		c.doc.Report(sp.Child("title"), msg.CoachingPolicyStepTitleEmpty{})
	}
	if strings.TrimSpace(st.title) == "" {
		st.title = s.ID
	}
	view := Step{ID: s.ID, Title: st.title, Phase: s.Phase, Role: s.Role, Within: callfloor.Duration(s.Within.Std()), Setting: setting, Feedback: s.Feedback}
	c.checkRole(sp, s)
	c.checkPhase(sp, s)
	st.records, st.optional = c.compileRecords(sp, s)
	view.Records = append([]string{}, st.records...)
	if len(st.optional) > 0 {
		view.OptionalRecords = append([]string{}, st.optional...)
	}
	c.checkSetting(sp, s, setting, knownSetting)
	if c.doc.Has(sp.Child("within")) && s.Within <= 0 {
		c.doc.Report(sp.Child("within"), msg.CoachingPolicyDeadlineNotPositive{})
	}
	st.after, view.After = c.anchor(sp, i, s)
	c.after[i] = st.after
	c.w.steps = append(c.w.steps, st)
	c.w.view.Steps = append(c.w.view.Steps, view)
}

// checkRole reports a step with no role, or with one the policy does not
// declare.
func (c *workflowCompiler) checkRole(sp policyfile.Path, s *rawStep) {
	switch {
	case c.doc.Has(sp.Child("role")) && s.Role == "":
		c.doc.Report(sp.Child("role"), msg.CoachingPolicyStepNoRole{Roles: c.roleList})
	case s.Role != "" && !c.roles[s.Role]:
		c.doc.Report(sp.Child("role"), msg.CoachingPolicyUnknownRole{Role: quote(s.Role), Roles: c.roleList})
	}
}

// checkPhase reports a step in an unknown phase, or in a phase before
// that of a step above it: steps run in phase order.
func (c *workflowCompiler) checkPhase(sp policyfile.Path, s *rawStep) {
	if s.Phase == "" && !c.doc.Has(sp.Child("phase")) {
		return
	}
	n, ok := c.phases[s.Phase]
	if !ok {
		c.doc.Report(sp.Child("phase"), msg.CoachingPolicyUnknownPhase{Phase: quote(s.Phase), Phases: c.w.view.Phases})
		return
	}
	if n < c.reached {
		c.doc.Report(sp.Child("phase"), msg.CoachingPolicyPhaseOrder{Phase: quote(s.Phase), Reached: quote(c.w.view.Phases[c.reached-1])})
	}
	c.reached = max(c.reached, n)
}

// compileRecords returns the records a step must keep and those it may
// keep, each an id, once, and in one list only. RecordSuggestionAdopted
// is optional or absent: kept on every completion, it would count a
// suggestion adopted in every case of the kind.
func (c *workflowCompiler) compileRecords(sp policyfile.Path, s *rawStep) (records, optional []string) {
	seen := map[string]bool{}
	for j, r := range s.Records {
		rp := sp.Child("records").Index(j)
		switch {
		case !c.doc.IDAs(rp, msg.CoachingWhatRecord{}, r):
		case seen[r]:
			c.doc.Report(rp, msg.CoachingPolicyRecordListedTwice{Record: quote(r)})
		case r == RecordSuggestionAdopted:
			c.doc.Report(rp, msg.CoachingPolicyAdoptionRecordRequired{Record: quote(r)})
		default:
			seen[r] = true
			records = append(records, r)
		}
	}
	if c.doc.Has(sp.Child("optional_records")) && len(s.Optional) == 0 {
		c.doc.Report(sp.Child("optional_records"), msg.CoachingPolicyOptionalRecordsEmpty{})
	}
	for j, r := range s.Optional {
		rp := sp.Child("optional_records").Index(j)
		switch {
		case !c.doc.IDAs(rp, msg.CoachingWhatRecord{}, r):
		case slices.Contains(records, r):
			c.doc.Report(rp, msg.CoachingPolicyRecordRequiredAndOptional{Record: quote(r)})
		case seen[r]:
			c.doc.Report(rp, msg.CoachingPolicyRecordListedTwice{Record: quote(r)})
		default:
			seen[r] = true
			optional = append(optional, r)
		}
	}
	return records, optional
}

// checkSetting reports an unknown setting, and a group talk where the
// practice holds every talk one-to-one: a corrective workflow and the
// exit interview.
func (c *workflowCompiler) checkSetting(sp policyfile.Path, s *rawStep, setting callfloor.Setting, known bool) {
	switch {
	case !known:
		if c.doc.Has(sp.Child("setting")) {
			c.doc.Report(sp.Child("setting"), msg.CoachingPolicyUnknownSetting{Setting: quote(s.Setting), Allowed: settingNames()})
		}
	case setting != callfloor.Group:
	case c.raw.Corrective:
		c.doc.Report(sp.Child("setting"), msg.CoachingPolicyCorrectiveGroup{})
	case c.w.view.Exit:
		c.doc.Report(sp.Child("setting"), msg.CoachingPolicyExitGroup{})
	}
}

// anchor resolves what step i's deadline counts from: the step above it
// when after is left out, the opening, or a named step. It returns the
// anchor's index (-1 for the opening) and the anchor as the view shows it.
func (c *workflowCompiler) anchor(sp policyfile.Path, i int, s *rawStep) (int, string) {
	switch s.After {
	case "":
		if i > 0 {
			return i - 1, c.raw.Steps[i-1].ID
		}
		return -1, FromOpening
	case FromOpening:
		return -1, FromOpening
	}
	j, ok := c.w.index[s.After]
	if !ok {
		c.doc.Report(sp.Child("after"), msg.CoachingPolicyUnknownDeadlineStep{After: quote(s.After), FromOpening: quote(FromOpening), Steps: stepIDs(c.raw.Steps)})
		return -1, s.After
	}
	return j, s.After
}

// checkFeedback reports a workflow with no feedback step. Feedback closes
// every flow: a case closes only once every step is done, so a feedback
// step makes sure the employee hears back before it can.
func (c *workflowCompiler) checkFeedback() {
	for _, s := range c.w.steps {
		if s.feedback {
			return
		}
	}
	switch {
	case len(c.w.steps) == 0:
	case c.raw.EmployeeRaised:
		c.doc.Report(c.path.Child("employee_raised"), msg.CoachingPolicyIssueNoFeedback{})
	default:
		c.doc.Report(c.path.Child("steps"), msg.CoachingPolicyNoFeedbackStep{})
	}
}

// checkAnchors reports deadlines that count from themselves, from a later
// step, or around a cycle of steps. A step can only start once the steps
// before it are done, so a deadline must count from the opening or from an
// earlier step.
func checkAnchors(doc *policyfile.Doc, path policyfile.Path, steps []rawStep, after []int) {
	reported := make([]bool, len(steps))
	for i := range steps {
		if reported[i] || after[i] < i {
			continue
		}
		sp := path.Child("steps").Index(i).Child("after")
		if after[i] == i {
			reported[i] = true
			doc.Report(sp, msg.CoachingPolicyDeadlineFromItself{Step: quote(steps[i].ID), FromOpening: quote(FromOpening)})
			continue
		}
		// Follow the chain of anchors; it either reaches the opening or an
		// earlier step, or comes back to a step already on it.
		chain := []int{i}
		on := map[int]int{i: 0}
		cur := i
		cycle := -1
		for {
			nxt := after[cur]
			if nxt < 0 {
				break
			}
			if at, ok := on[nxt]; ok {
				cycle = at
				break
			}
			on[nxt] = len(chain)
			chain = append(chain, nxt)
			cur = nxt
		}
		if cycle >= 0 && after[chain[len(chain)-1]] >= 0 {
			loop := chain[cycle:]
			first := loop[0]
			for _, s := range loop {
				first = min(first, s)
			}
			if !reported[first] {
				names := make([]string, 0, len(loop)+1)
				start := 0
				for k, s := range loop {
					if s == first {
						start = k
					}
				}
				for k := range loop {
					names = append(names, steps[loop[(start+k)%len(loop)]].ID)
				}
				names = append(names, steps[first].ID)
				for _, s := range loop {
					reported[s] = true
				}
				doc.Report(path.Child("steps").Index(first).Child("after"), msg.CoachingPolicyDeadlineCycle{List: text(strings.Join(names, " -> "))})
			}
			if reported[i] {
				continue
			}
		}
		reported[i] = true
		doc.Report(sp, msg.CoachingPolicyDeadlineFromLaterStep{Step: quote(steps[i].ID), After: quote(steps[after[i]].ID), FromOpening: quote(FromOpening)})
	}
}

func stepIDs(steps []rawStep) []string {
	ids := make([]string, len(steps))
	for i, s := range steps {
		ids[i] = s.ID
	}
	return ids
}

// finish builds the sentences reminders carry, once, in the policy's
// locale, so that Due allocates nothing: the case's kind, the step's
// title and the role that owes it. They do not name the case's subject, since one
// sentence serves every case of the kind; Reminder.Subject names it.
func (w *workflow) finish(p *Policy) {
	k := p.showKind(w.view.Kind)
	for i := range w.steps {
		s := &w.steps[i]
		rule := stepRule(w.view.Kind, s.id)
		s.owed = []callfloor.Reason{p.owedReminder(rule, k, s.title, s.role, false)}
		s.overdue = []callfloor.Reason{p.owedReminder(rule, k, s.title, s.role, true)}
		m := msg.CoachingReminderSilence{Kind: k, Step: s.title}
		s.silence = []callfloor.Reason{{Rule: rule, Outcome: callfloor.Fired, Text: m.String(p.loc), Message: m.ID()}}
	}
}

// owedReminder is the reason of a reminder of a step owed, or overdue
// when late: kind is the kind as the policy's sentences write it, title
// the step's.
func (p *Policy) owedReminder(rule, kind, title, role string, late bool) callfloor.Reason {
	var m msg.Message = msg.CoachingReminderOwed{Kind: kind, Step: title, Role: p.showRole(role)}
	if late {
		m = msg.CoachingReminderOverdue{Kind: kind, Step: title, Role: p.showRole(role)}
	}
	return callfloor.Reason{Rule: rule, Outcome: callfloor.Fired, Text: m.String(p.loc), Message: m.ID()}
}

// stepRule is a step's place in the policy: steps are a list whose
// elements have ids, so the id stands in for the index.
func stepRule(k Kind, step string) string {
	return "workflows." + string(k) + ".steps." + step
}

// checkOnTheSpot reports an on_the_spot workflow that cannot answer an
// issue in its first talk: one not raised by the employee, one whose
// first step is desk work rather than a talk, or one whose first step
// already keeps a record under a name the on-the-spot path adds.
func (c *workflowCompiler) checkOnTheSpot() {
	if !c.raw.OnTheSpot {
		return
	}
	p := c.path.Child("on_the_spot")
	switch {
	case !c.raw.EmployeeRaised:
		c.doc.Report(p, msg.CoachingPolicySpotNotIssue{})
	case len(c.raw.Steps) == 0:
	case c.raw.Steps[0].Setting == callfloor.NoSetting.String():
		c.doc.Report(p, msg.CoachingPolicySpotStepNotHeld{Step: quote(c.raw.Steps[0].ID)})
	default:
		if r := spotListed(c.raw.Steps[0].Records, c.raw.Steps[0].Optional); r != "" {
			c.doc.Report(p, msg.CoachingPolicySpotRecordTaken{Step: quote(c.raw.Steps[0].ID), Record: quote(r)})
			return
		}
		if len(c.w.steps) > 0 {
			c.w.spot = spotRecords(c.w.steps[0].records)
		}
	}
}
