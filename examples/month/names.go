package main

import (
	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/qa"
)

// names gives the display names of the packages' enumerations the report
// prints (roles, settings, conversation kinds, dispute statuses, steps,
// line kinds) in the report's locale, from the packages' own catalogs.
// The English report shows them by their ids, as it always has.
type names struct {
	w   *words
	pol *Policies // the policies the month ran under; nil for a report not made by Run
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

func (n *names) lineKind(k incentives.LineKind) string {
	if n.w.ids {
		return string(k)
	}
	return k.DisplayName(n.w.l.Tag())
}

// better says which way of a contest's metric wins.
func (n *names) better(d string) string {
	if d == "lower" {
		return n.w.s(msg.MonthBetterLower{})
	}
	return n.w.s(msg.MonthBetterHigher{})
}
