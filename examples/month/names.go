package main

import (
	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

// names gives the display names of the packages' enumerations the report
// prints (roles, settings, conversation kinds, dispute statuses, steps,
// line kinds) in the report's locale, from the packages' own catalogs.
// The English report shows them by their ids, as it always has.
type names struct {
	w   *words
	pol *Policies // the policies the month ran under; nil for a report not made by Run
	// kinds are the names of the statement's line kinds found so far.
	kinds map[incentives.LineKind]string
}

// shown says whether values are shown by their display names: in any
// locale but English, for a report made by Run.
func (n *names) shown() bool { return !n.w.ids && n.pol != nil }

// role names a role of the mood or the coaching policy.
func (n *names) role(role string) string {
	if !n.shown() {
		return role
	}
	if s := n.pol.Mood.RoleName(role); s != role {
		return s
	}
	return n.pol.Coaching.RoleName(role)
}

func (n *names) setting(s callfloor.Setting) string {
	if !n.shown() {
		return s.String()
	}
	return n.pol.Mood.SettingName(s)
}

func (n *names) kind(k coaching.Kind) string {
	if !n.shown() {
		return string(k)
	}
	return n.pol.Coaching.KindName(k)
}

func (n *names) status(s qa.Status) string {
	if n.w.ids {
		return string(s)
	}
	return s.DisplayName(n.w.l.Tag())
}

func (n *names) reference(k qa.ReferenceKind) string {
	if n.w.ids {
		return string(k)
	}
	return k.DisplayName(n.w.l.Tag())
}

func (n *names) step(s incentives.Step) string {
	if n.w.ids {
		return string(s)
	}
	return s.DisplayName(n.w.l.Tag())
}

// lineKind names the kind of a statement line; a report names a few
// kinds on many lines, each name found once.
func (n *names) lineKind(k incentives.LineKind) string {
	if n.w.ids {
		return string(k)
	}
	if s, ok := n.kinds[k]; ok {
		return s
	}
	if n.kinds == nil {
		n.kinds = map[incentives.LineKind]string{}
	}
	s := k.DisplayName(n.w.l.Tag())
	n.kinds[k] = s
	return s
}

// incentive names one of the incentives policy's ids: a grade, a
// contest, a protective action or its owner.
func (n *names) incentive(id string) string {
	if !n.shown() {
		return id
	}
	return n.pol.Incentives.DisplayName(id)
}

// lineTitle says what a statement line is, in the policy's language
// (incentives.Policy.RuleTitle): "service_star bronze", "服务之星铜牌". A
// report not made by Run shows the line's rule.
func (n *names) lineTitle(l *incentives.Line) string {
	if n.pol == nil || n.pol.Incentives == nil {
		return l.Rule()
	}
	return n.pol.Incentives.RuleTitle(l.Rule())
}

// code names one of the mood policy's ids as the policy names it: an
// action's code, or a period or event kind of its emotion cycles.
func (n *names) code(id string) string {
	if !n.shown() {
		return id
	}
	return n.pol.Mood.DisplayName(id)
}

// owed names an action a lead's view shows: by the display name the view
// carries beside its code, or the code when the policy gives none.
func (n *names) owed(o mood.Owed) string {
	if !n.shown() || o.Name == "" {
		return o.Code
	}
	return o.Name
}

// qaItems names the items of a QA scorecard by their texts in the QA
// policy ("对客户信息保密"); ids are kept in English and for an item the
// policy does not have.
func (n *names) qaItems(scorecard string, ids []string) []string {
	if !n.shown() || n.pol.QA == nil {
		return ids
	}
	card, ok := n.pol.QA.Scorecard(scorecard)
	if !ok {
		return ids
	}
	items := card.Items()
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		for _, it := range items {
			if it.ID == id && it.Text != "" {
				out[i] = it.Text
			}
		}
	}
	return out
}

// owner names the owner of a protective action: a role of the mood or
// coaching policy, or one the incentives policy names.
func (n *names) owner(role string) string {
	if s := n.role(role); s != role {
		return s
	}
	return n.incentive(role)
}

// better says which way of a contest's metric wins.
func (n *names) better(d string) string {
	if d == "lower" {
		return n.w.s(msg.MonthBetterLower{})
	}
	return n.w.s(msg.MonthBetterHigher{})
}
