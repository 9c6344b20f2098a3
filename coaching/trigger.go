package coaching

import (
	"math"
	"strings"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/cond"
	"github.com/callfloor/callfloor/internal/enum"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
	"github.com/callfloor/callfloor/internal/policyfile"
)

// Signals are the facts a host supplies about one person, by the names the
// policy declares under signals: QA figures, the mood tier, days since the
// last review, and so on. Yes-or-no facts are 1 or 0. A signal left out is
// unknown, and a rule that reads it is not evaluated (it is listed as
// such), rather than read as zero.
type Signals map[string]float64

type rawTrigger struct {
	ID         string `yaml:"id,required"`
	Kind       string `yaml:"kind,required"`
	When       string `yaml:"when,required"`
	Reason     string `yaml:"reason,required"`
	HoldWhen   string `yaml:"hold_when"`
	HoldReason string `yaml:"hold_reason"`
}

type trigger struct {
	id         string
	rule       string // "triggers.<id>", its place in the policy
	kind       Kind
	when       *cond.Expr
	slots      []int
	reason     string
	hold       *cond.Expr
	holdSlots  []int
	holdReason string
}

// Proposal proposes opening a case of a kind for a subject, with the rules
// that fired.
type Proposal struct {
	// Kind is the kind of case to open.
	// Subject is copied from the call.
	// OpenCase is, for a suppressed proposal, the id of the case of the
	// same kind already open for the subject.
	Kind     Kind   `json:"kind"`
	Subject  string `json:"subject"`
	OpenCase string `json:"open_case,omitempty"`
	// Reasons hold, in policy order, one reason per trigger rule that
	// fired for the kind (Rule "triggers.<id>", Outcome Fired, Facts the
	// signals its condition read), each followed by what its hold_when
	// did: Suppressed when it held the proposal back, NotEvaluated when
	// its signals were missing (Rule "triggers.<id>.hold_when"). A
	// proposal suppressed by an open case of its kind ends with a reason
	// of its first rule, Outcome Suppressed, naming the case.
	Reasons []callfloor.Reason `json:"reasons"`
}

// Unevaluated is a rule that could not be evaluated for want of signals.
type Unevaluated struct {
	// Rule is the trigger rule's place in the policy, "triggers.<id>".
	// Missing names the signals the rule reads that were not supplied.
	Rule    string   `json:"rule"`
	Missing []string `json:"missing"`
}

// Proposals is what the trigger rules propose for one subject.
type Proposals struct {
	// Policy names the policy that produced the proposals.
	// Subject is copied from the call.
	Policy  callfloor.Identity `json:"policy"`
	Subject string             `json:"subject"`
	// Proposed are the cases to open, one per kind, in the order of the
	// first rule that proposed each.
	Proposed []Proposal `json:"proposed"`
	// Suppressed are proposals held back because a case of the same kind
	// is already open for the subject.
	Suppressed []Proposal `json:"suppressed"`
	// Held are proposals a rule's hold_when holds back, such as a
	// corrective talk for someone in crisis, who is cared for first.
	Held []Proposal `json:"held"`
	// Unevaluated are rules whose signals were not all supplied.
	Unevaluated []Unevaluated `json:"unevaluated"`
}

func compileTriggers(doc *policyfile.Doc, raws []rawTrigger, p *Policy) []trigger {
	var out []trigger
	ids := map[string]int{}
	for i, r := range raws {
		path := policyfile.Path("triggers").Index(i)
		t := trigger{id: r.ID, rule: "triggers." + r.ID, kind: Kind(r.Kind), reason: r.Reason, holdReason: r.HoldReason}
		if doc.Has(path.Child("id")) {
			if j, dup := ids[r.ID]; dup {
				doc.Report(path.Child("id"), msg.CoachingPolicyTriggerTwice{Trigger: quote(r.ID), FirstIndex: j})
			} else if strings.TrimSpace(r.ID) == "" {
				doc.Report(path.Child("id"), msg.CoachingPolicyTriggerNeedsId{})
			} else if doc.IDAs(path.Child("id"), msg.CoachingWhatTriggerId{}, r.ID) {
				ids[r.ID] = i
			}
		}
		if doc.Has(path.Child("kind")) {
			switch {
			case !p.knownKind(t.kind):
				doc.Report(path.Child("kind"), msg.CoachingPolicyUnknownKind{Name: quote(r.Kind), Allowed: text(enum.Allowed(p.kinds))})
			case p.workflows[t.kind] == nil:
				doc.Report(path.Child("kind"), msg.CoachingPolicyTriggerKindNoWorkflow{Kind: quote(r.Kind), KindList: p.kindList()})
			}
		}
		if doc.Has(path.Child("reason")) && strings.TrimSpace(r.Reason) == "" {
			doc.Report(path.Child("reason"), msg.CoachingPolicyTriggerNoReason{})
		}
		if doc.Has(path.Child("when")) {
			t.when = doc.Condition(path.Child("when"), r.When, p.env)
		}
		if t.when != nil {
			t.slots = slotsOf(t.when, p.env)
		}
		w := p.workflows[t.kind]
		if w != nil && w.view.Exit && (r.HoldWhen != "" || doc.Has(path.Child("hold_when"))) {
			doc.Report(path.Child("hold_when"), msg.CoachingPolicyExitCannotHold{})
		} else if r.HoldWhen != "" || doc.Has(path.Child("hold_when")) {
			t.hold = doc.Condition(path.Child("hold_when"), r.HoldWhen, p.env)
			if t.hold != nil {
				t.holdSlots = slotsOf(t.hold, p.env)
			}
			if strings.TrimSpace(r.HoldReason) == "" {
				doc.Report(path.Child("hold_reason"), msg.CoachingPolicyHoldNoReason{})
			}
		} else if doc.Has(path.Child("hold_reason")) {
			doc.Report(path.Child("hold_reason"), msg.CoachingPolicyHoldReasonWithoutHold{})
		}
		if w != nil && w.view.Corrective && doc.Has(path.Child("kind")) {
			p.checkCareHold(doc, path, &t)
		}
		out = append(out, t)
	}
	return out
}

// careHold is the hold every trigger of a corrective workflow needs:
// someone in crisis or at the severe tier is cared for before any
// corrective talk.
const careHold = "mood_crisis == 1 || mood_tier >= 3"

// checkCareHold reports a trigger of a corrective workflow whose hold
// does not hold the talk for someone in crisis or at the severe tier:
// with no hold_when, or with one that, every other signal 0, lets the
// talk go ahead when mood_crisis is 1 or mood_tier is 3.
func (p *Policy) checkCareHold(doc *policyfile.Doc, path policyfile.Path, t *trigger) {
	if !doc.Has(path.Child("hold_when")) {
		doc.Report(path.Child("kind"), msg.CoachingPolicyCorrectiveNeedsCareHold{Kind: quote(string(t.kind)), Hold: careHold})
		return
	}
	if t.hold == nil {
		return
	}
	crisis, okc := p.env.Slot(SignalMoodCrisis)
	tier, okt := p.env.Slot(SignalMoodTier)
	holds := okc && okt
	if holds {
		vals := make([]float64, p.env.Len())
		vals[crisis] = 1
		holds = t.hold.Eval(vals)
		vals[crisis], vals[tier] = 0, 3
		holds = holds && t.hold.Eval(vals)
	}
	if !holds {
		doc.Report(path.Child("hold_when"), msg.CoachingPolicyCorrectiveHoldLetsThrough{Kind: quote(string(t.kind)), Hold: careHold})
	}
}

func slotsOf(x *cond.Expr, env *cond.Env) []int {
	var out []int
	for _, m := range x.Metrics() {
		s, _ := env.Slot(m)
		out = append(out, s)
	}
	return out
}

// facts lists the signals a condition read, in the order it names them;
// a signal with no value is left out, since a fact is always a figure.
func (p *Policy) facts(slots []int, vals []float64) []callfloor.Fact {
	var out []callfloor.Fact
	for _, s := range slots {
		if !math.IsNaN(vals[s]) {
			out = append(out, callfloor.Fact{Name: p.signals[s], Value: vals[s]})
		}
	}
	return out
}

// signalValues checks signals against the declared names and lays them out
// by slot; an unknown signal is NaN.
func (p *Policy) signalValues(field string, s Signals) ([]float64, error) {
	vals := make([]float64, p.env.Len())
	for i := range vals {
		vals[i] = math.NaN()
	}
	for _, name := range policyfile.SortedKeys(s) {
		v := s[name]
		slot, ok := p.env.Slot(name)
		f := callfloor.Path(field).Key(name)
		if !ok {
			return nil, msgerr.NotSupported(p.loc, f, msg.CoachingWhatSignal{}, name, p.signals)
		}
		if !finite(v) {
			return nil, msgerr.Invalid(p.loc, f, v, msg.CoachingDetailNotFinite{})
		}
		if err := checkSignal(p.loc, f, name, v); err != nil {
			return nil, err
		}
		vals[slot] = v
	}
	return vals, nil
}

func (p *Policy) missing(slots []int, vals []float64) []string {
	var out []string
	for _, s := range slots {
		if math.IsNaN(vals[s]) {
			out = append(out, p.signals[s])
		}
	}
	return out
}

// Propose runs the trigger rules over one subject's signals and proposes
// the cases to open. open holds the host's open cases (of any subject); a
// proposal of a kind that already has an open case for the subject is
// suppressed, not proposed again. A rule's hold_when, when it holds, moves
// the proposal to Held with its reason; when its signals are unknown the
// proposal stands, and its reasons say the hold was not checked. Signals
// the policy does not declare, NaN or infinity, and values of this
// package's own signals off their scale are an *callfloor.InputError naming the
// signal.
func (p *Policy) Propose(subject string, signals Signals, open []Case) (Proposals, error) {
	if !p.ready() {
		return Proposals{}, ErrZeroPolicy
	}
	out := Proposals{Policy: p.id, Subject: subject, Proposed: []Proposal{}, Suppressed: []Proposal{}, Held: []Proposal{}, Unevaluated: []Unevaluated{}}
	if strings.TrimSpace(subject) == "" {
		return out, msgerr.Required(p.loc, "subject", nil)
	}
	vals, err := p.signalValues("signals", signals)
	if err != nil {
		return out, err
	}
	byKind := map[Kind]int{}
	var props []Proposal
	var held []bool
	for _, t := range p.triggers {
		if miss := p.missing(t.slots, vals); len(miss) > 0 {
			out.Unevaluated = append(out.Unevaluated, Unevaluated{Rule: t.rule, Missing: miss})
			continue
		}
		if !t.when.Eval(vals) {
			continue
		}
		rm := msg.CoachingReasonRule{Reason: t.reason, Explain: t.when.Explain(vals)}
		reasons := []callfloor.Reason{{Rule: t.rule, Outcome: callfloor.Fired,
			Text: rm.String(p.loc), Message: rm.ID(), Facts: p.facts(t.slots, vals)}}
		hold := false
		if t.hold != nil {
			if miss := p.missing(t.holdSlots, vals); len(miss) > 0 {
				m := msg.CoachingReasonHoldUnchecked{Missing: p.signalLabels(miss)}
				reasons = append(reasons, callfloor.Reason{Rule: t.rule + ".hold_when", Outcome: callfloor.NotEvaluated,
					Text: m.String(p.loc), Message: m.ID(), Facts: p.facts(t.holdSlots, vals)})
			} else if t.hold.Eval(vals) {
				hold = true
				m := msg.CoachingReasonRule{Reason: t.holdReason, Explain: t.hold.Explain(vals)}
				reasons = append(reasons, callfloor.Reason{Rule: t.rule + ".hold_when", Outcome: callfloor.Suppressed,
					Text: m.String(p.loc), Message: m.ID(), Facts: p.facts(t.holdSlots, vals)})
			}
		}
		if i, ok := byKind[t.kind]; ok {
			props[i].Reasons = append(props[i].Reasons, reasons...)
			held[i] = held[i] || hold
			continue
		}
		byKind[t.kind] = len(props)
		props = append(props, Proposal{Kind: t.kind, Subject: subject, Reasons: reasons})
		held = append(held, hold)
	}
	for i, pr := range props {
		if id := openCase(open, subject, pr.Kind); id != "" {
			pr.OpenCase = id
			m := msg.CoachingReasonCaseOpen{Case: id, Subject: subject}
			pr.Reasons = append(pr.Reasons, callfloor.Reason{Rule: pr.Reasons[0].Rule, Outcome: callfloor.Suppressed,
				Text: m.String(p.loc), Message: m.ID()})
			out.Suppressed = append(out.Suppressed, pr)
			continue
		}
		if held[i] {
			out.Held = append(out.Held, pr)
			continue
		}
		out.Proposed = append(out.Proposed, pr)
	}
	return out, nil
}

func openCase(open []Case, subject string, k Kind) string {
	for i := range open {
		c := &open[i]
		if c.Subject == subject && c.Kind == k && c.Status == StatusOpen {
			return c.ID
		}
	}
	return ""
}
