package incentives

import (
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/policyfile"
)

// The display names of a policy's own ids live in the policy, under
// names: a declared metric, a reward rule, points rule, QA band, tier
// group or tier, a violation kind, a grade, an exam, a contest, or an
// action or owner of an assessment failure or protective action, mapped
// to the words its sentences write for it. The ids share one mapping: a
// points rule named after its metric ("csat") takes the metric's name. The catalogs
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
	for _, m := range raw.Metrics {
		add(m.Name)
	}
	for _, r := range raw.Rewards.Rules {
		add(r.ID)
	}
	for _, r := range raw.Rewards.Points {
		add(r.ID)
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
		add(k.ID)
		for _, a := range k.Protect {
			add(a.Action)
			add(a.Owner)
		}
	}
	return ids
}

// compileNames keeps the display names of the policy's ids and reports a
// name given to an id the policy does not use, or one doc.Names refuses (blank, more than one line).
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
// under names ("bronze", "铜牌"; "qa_avg", "质检均分"): a declared
// metric, a reward rule, points rule, QA band, tier group or tier, a
// violation kind, a grade, an exam, a contest, or the action or owner of
// an assessment failure or protective action. An id the policy does not name is
// returned as it is, as its statements write it; the result is empty on
// a nil or zero Policy.
func (p *Policy) DisplayName(id string) string {
	if p.zero() {
		return ""
	}
	return p.name(id)
}

// cadenceMessage gives the display name of a cadence of the package, for
// a sentence to word in its own locale; nil, which writes nothing, for
// any other, which Validate refuses before it names a cadence.
func cadenceMessage(c Cadence) msg.Message {
	switch c {
	case Weekly:
		return msg.IncentivesNameCadenceWeekly{}
	case Monthly:
		return msg.IncentivesNameCadenceMonthly{}
	}
	return nil
}

// RuleTitle gives what the lines of a rule are, in the policy's
// language, for a host that shows a statement line by name rather than
// by its rule path; rule is a line's Rule ("rewards.tiers.service_star.bronze").
// A reward rule, contest or grade is its display name under names
// ("solved_with_praise", "解决问题获好评奖"), a tier its group's and its
// own ("service_star bronze", "服务之星铜牌"), a QA band held back its
// band's ("QA band excellent", "质检档位优秀"); the compliments, points
// and improvers rules are named by the catalogs ("customer
// compliments", "points: csat", "fastest improvers"; "客户表扬",
// "积分：客户满意度", "进步奖"); a discipline step, and a notice of its
// occurrences, is its violation kind's display name ("lateness",
// "迟到早退"), and a fine that kind's fine ("fine for lateness",
// "迟到早退的罚款"). A rule no line of the policy has is
// returned as it is; the result is empty on a nil or zero Policy. The
// titles are written once, when the policy is compiled, so that a
// statement costs nothing more for them.
func (p *Policy) RuleTitle(rule string) string {
	if p.zero() {
		return ""
	}
	if s, ok := p.titles[rule]; ok {
		return s
	}
	return rule
}
