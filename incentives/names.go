package incentives

import (
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/policyfile"
)

// The display names of a policy's own ids live in the policy, under
// names: an id of a QA band, a tier group or tier, a grade, an exam, a
// contest, or an action or owner of an assessment failure or protective
// action, mapped to the words its sentences write for it. The catalogs
// cannot know the ids a center declares; the policy that declares
// "platinum" is the one place that can say what it is called, and a
// policy written in Chinese names its ids in Chinese beside its Chinese
// reasons and titles. An id the policy does not name is written as it
// is, which keeps every English statement as it always was.

// usedIDs gives the ids a policy writes into its sentences: the ids
// names may give display names to.
func usedIDs(raw *rawPolicy) map[string]bool {
	ids := map[string]bool{}
	add := func(id string) {
		if id != "" {
			ids[id] = true
		}
	}
	if m := raw.Rewards.QAMultiplier; m != nil {
		for _, b := range m.Bands {
			add(b.ID)
		}
	}
	for _, g := range raw.Rewards.Tiers {
		add(g.ID)
		for _, t := range g.Tiers {
			add(t.ID)
		}
	}
	for _, g := range raw.Ladder.Grades {
		add(g.ID)
		add(g.Exam)
	}
	for _, c := range raw.Contests {
		add(c.ID)
	}
	for _, c := range raw.Assessment.Failures {
		add(c.Action)
		add(c.Owner)
	}
	for _, k := range raw.Discipline.Kinds {
		for _, a := range k.Protect {
			add(a.Action)
			add(a.Owner)
		}
	}
	return ids
}

// compileNames keeps the display names of the policy's ids and reports a
// name given to an id the policy does not use, or an empty one.
func (p *Policy) compileNames(doc *policyfile.Doc, raw *rawPolicy) {
	p.names = doc.Names(policyfile.Path("names"), raw.Names, usedIDs(raw), func(id string) msg.Message {
		return msg.IncentivesPolicyNameUnused{Value: id}
	})
}

// name gives the display name of one of the policy's ids: the one names
// gives it, or the id itself.
func (p *Policy) name(id string) string {
	return p.names.Of(id)
}

// DisplayName gives the display name the policy gives one of its ids
// under names ("bronze", "铜牌"): a QA band, a tier group or tier, a
// grade, an exam, a contest, or the action or owner of an assessment
// failure or protective action. An id the policy does not name is
// returned as it is, as its statements write it; the result is empty on
// a nil or zero Policy.
func (p *Policy) DisplayName(id string) string {
	if p.zero() {
		return ""
	}
	return p.name(id)
}

// cadenceName gives a cadence's display name in the policy's locale.
func (p *Policy) cadenceName(c Cadence) string { return cadenceIn(p.loc, c) }

// cadenceIn gives a cadence's display name in the locale l (nil is
// English), or the cadence as written when it is none of the package's.
func cadenceIn(l *msg.Locale, c Cadence) string {
	l = orEnglish(l)
	switch c {
	case Weekly:
		return msg.IncentivesNameCadenceWeekly{}.String(l)
	case Monthly:
		return msg.IncentivesNameCadenceMonthly{}.String(l)
	}
	return string(c)
}
