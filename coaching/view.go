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
// sees every proposal still owed, so that a care talk is held, but no
// health data: every fact of a mood signal (mood_tier, mood_watch,
// mood_crisis) is left out, and the sentence of every reason whose rule
// reads one is replaced by one that says only which talk is owed and by
// when its first step is due after the case opens. A proposal held by a
// rule whose hold reads a mood signal is left out of the lead's view
// altogether, since that it is held would tell the lead the person is
// in crisis or at a high tier. Unevaluated rules keep the names of the
// signals they lack, which are no one's data. Anyone else
// (mood.AudienceNone) sees only whose proposals they are. pr is not
// changed. A nil or zero Policy shows nothing to anyone.
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
			out.Proposed = append(out.Proposed, p.forLead(x))
		}
		for _, x := range pr.Suppressed {
			out.Suppressed = append(out.Suppressed, p.forLead(x))
		}
		for _, x := range pr.Held {
			if !p.heldByMood(x) {
				out.Held = append(out.Held, p.forLead(x))
			}
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

// heldByMood reports whether a held proposal is held by a hold that
// reads a mood signal.
func (p *Policy) heldByMood(x Proposal) bool {
	for _, r := range x.Reasons {
		if t, hold := p.triggerAt(r.Rule); t != nil && hold && r.Outcome == callfloor.Suppressed && p.readsMood(t.holdSlots) {
			return true
		}
	}
	return false
}

// forLead rewrites a proposal for the team lead: no mood fact, and no
// sentence of a rule that reads a mood signal.
func (p *Policy) forLead(x Proposal) Proposal {
	reasons := make([]callfloor.Reason, 0, len(x.Reasons))
	for _, r := range x.Reasons {
		var facts []callfloor.Fact
		for _, f := range r.Facts {
			if !moodSignal(f.Name) {
				facts = append(facts, f)
			}
		}
		r.Facts = facts
		if t, hold := p.triggerAt(r.Rule); t != nil {
			// The reason an open case suppresses a proposal names the
			// case, not what prompted it.
			openCase := !hold && r.Outcome == callfloor.Suppressed
			reads := p.readsMood(t.slots)
			if hold {
				reads = p.readsMood(t.holdSlots)
			}
			if reads && !openCase {
				r.Text, r.Message = p.owedText(x.Kind)
			}
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
	m := msg.CoachingReasonOwedFirstStep{Title: w.view.Title, Role: p.showRole(s.role), Step: s.id, Within: span(p.loc, s.within)}
	return m.String(p.loc), m.ID()
}
