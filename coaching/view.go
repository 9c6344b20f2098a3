package coaching

import (
	"strings"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/mood"
)

// moodSignal reports whether a signal comes from a mood triage: its
// value is health data, which only the person and the confidential roles
// may see.
func moodSignal(name string) bool {
	return name == SignalMoodTier || name == SignalMoodWatch || name == SignalMoodCrisis
}

// readsMood reports whether a condition's slots read a mood signal.
func (p *Policy) readsMood(slots []int) bool {
	for _, s := range slots {
		if moodSignal(p.signals[s]) {
			return true
		}
	}
	return false
}

// ProposalsFor returns what an audience may see of pr, proposals this
// policy made, as mood's View does for a triage. The person the
// proposals are about (mood.AudienceAgent) and the confidential roles
// (mood.AudienceCare) see them whole. The team lead (mood.AudienceLead)
// sees every proposal, in the list it is in, but no health data and
// nothing that tells one mood state from another: every fact of a mood
// signal (mood_tier, mood_watch, mood_crisis) is left out; a proposal of
// a kind that a rule reading a mood signal may propose (the care talk)
// carries, whatever prompted it, one reason at its workflow
// ("workflows.care") that says only which talk is owed and when its
// first step is due after the case opens, and its open case, if any,
// is named at that workflow too; a hold that reads a mood signal shows
// at its trigger's rule ("triggers.<id>"), never at its hold_when, as
// "held; the care roles will say when it may start" when it holds and
// as a warning that it was not checked when its signals were missing,
// and is left out of a proposal an open case suppresses. Unevaluated
// rules keep the names of the signals they lack, which are no one's
// data; a reason at a rule this policy does not have is left out, since
// nothing tells what it read. Anyone else (mood.AudienceNone) sees only whose proposals they
// are. pr is not changed. A nil or zero Policy shows nothing to anyone.
//
// Open does not read holds: a host shows the lead this view and nothing
// else, and leaves a held talk for the care roles to start.
func (p *Policy) ProposalsFor(pr Proposals, a mood.Audience) Proposals {
	if !p.ready() {
		return Proposals{}
	}
	out := Proposals{Policy: pr.Policy, Subject: pr.Subject, Proposed: []Proposal{}, Suppressed: []Proposal{}, Held: []Proposal{}, Unevaluated: []Unevaluated{}}
	switch a {
	case mood.AudienceAgent, mood.AudienceCare:
		out.Proposed = append(out.Proposed, pr.Proposed...)
		out.Suppressed = append(out.Suppressed, pr.Suppressed...)
		out.Held = append(out.Held, pr.Held...)
		out.Unevaluated = append(out.Unevaluated, pr.Unevaluated...)
		for _, l := range [][]Proposal{out.Proposed, out.Suppressed, out.Held} {
			for i := range l {
				l[i].Reasons = append([]callfloor.Reason(nil), l[i].Reasons...)
			}
		}
		for i := range out.Unevaluated {
			out.Unevaluated[i].Missing = append([]string(nil), out.Unevaluated[i].Missing...)
		}
	case mood.AudienceLead:
		for _, x := range pr.Proposed {
			out.Proposed = append(out.Proposed, p.forLead(x, false))
		}
		for _, x := range pr.Suppressed {
			out.Suppressed = append(out.Suppressed, p.forLead(x, true))
		}
		for _, x := range pr.Held {
			out.Held = append(out.Held, p.forLead(x, false))
		}
		for _, u := range pr.Unevaluated {
			u.Missing = append([]string(nil), u.Missing...)
			out.Unevaluated = append(out.Unevaluated, u)
		}
	}
	return out
}

// triggerAt returns the trigger whose rule, or whose hold, is at rule,
// and whether it is the hold.
func (p *Policy) triggerAt(rule string) (*trigger, bool) {
	base := strings.TrimSuffix(rule, ".hold_when")
	for i := range p.triggers {
		if p.triggers[i].rule == base {
			return &p.triggers[i], base != rule
		}
	}
	return nil, false
}

// moodKind reports whether a rule that reads a mood signal may propose
// a kind: which of its rules fired would tell the lead whether that one
// did.
func (p *Policy) moodKind(k Kind) bool {
	for i := range p.triggers {
		if p.triggers[i].kind == k && p.readsMood(p.triggers[i].slots) {
			return true
		}
	}
	return false
}

// forLead rewrites a proposal for the team lead: no mood fact, one
// sentence for every proposal of a kind a mood rule may propose, and
// holds that read a mood signal at their trigger's rule, in words that
// tell no mood state. suppressed is set for a proposal an open case
// suppresses, whose holds are left out: the open case holds it anyway.
func (p *Policy) forLead(x Proposal, suppressed bool) Proposal {
	mk := p.moodKind(x.Kind)
	reasons := make([]callfloor.Reason, 0, len(x.Reasons))
	if mk {
		text, id := p.owedText(x.Kind)
		reasons = append(reasons, callfloor.Reason{Rule: "workflows." + string(x.Kind), Outcome: callfloor.Fired, Text: text, Message: id})
	}
	for _, r := range x.Reasons {
		var facts []callfloor.Fact
		for _, f := range r.Facts {
			if !moodSignal(f.Name) {
				facts = append(facts, f)
			}
		}
		r.Facts = facts
		t, hold := p.triggerAt(r.Rule)
		switch {
		case t == nil:
			// Not this policy's rule: nothing tells what it read.
			continue
		case hold && p.readsMood(t.holdSlots):
			if suppressed {
				continue
			}
			// The sentence the lead reads in place of a hold that reads a
			// mood signal: that it holds, or that it was not checked.
			var m msg.Message = msg.CoachingReasonLeadNotChecked{}
			if r.Outcome == callfloor.Suppressed {
				m = msg.CoachingReasonLeadHeld{}
			}
			r = callfloor.Reason{Rule: t.rule, Outcome: r.Outcome, Text: m.String(p.loc), Message: m.ID()}
		case hold:
		case r.Outcome == callfloor.Suppressed:
			// The reason an open case suppresses a proposal names the
			// case, not what prompted it.
			if mk {
				r.Rule = "workflows." + string(x.Kind)
			}
		case mk:
			continue
		}
		reasons = append(reasons, r)
	}
	x.Reasons = reasons
	return x
}

// owedText says which talk is owed and when its first step is due, and
// nothing of what prompted it; it gives the sentence and its message id.
func (p *Policy) owedText(k Kind) (string, string) {
	w := p.workflows[k]
	if w == nil || len(w.steps) == 0 {
		m := msg.CoachingReasonOwedConfidential{Kind: p.showKind(k)}
		return m.String(p.loc), m.ID()
	}
	s := w.steps[0]
	m := msg.CoachingReasonOwedFirstStep{Title: p.KindName(w.view.Kind), Role: p.showRole(s.role), Step: s.title, Within: span(p.loc, s.within)}
	return m.String(p.loc), m.ID()
}
