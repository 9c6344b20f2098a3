package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
)

// Render writes the report as text a center manager reads. detail bounds
// how many agents each team lists in the per-agent sections; 0 lists all.
func Render(w io.Writer, r *Report, detail int) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	when := func(t time.Time) string { return t.Format("Mon Jan 2 15:04") }

	p("callfloor: one month in a call center, %s (as of %s)", r.Month, r.AsOf.Format("2006-01-02 15:04 MST"))
	p("%d agents in %d teams", r.Agents, len(r.Teams))
	for _, pol := range r.Policies {
		p("  policy %s", pol)
	}

	p("\n1. TEAM CLIMATE AND CARE OWED")
	p("   Wellbeing is confidential: this report shows what each lead owes and team")
	p("   figures over groups of five or more, never an agent's answers, totals or tier.")
	for _, tc := range r.Climate {
		cl := tc.Climate
		mm := tc.MoodMap
		line := fmt.Sprintf("   %-10s %3d agents", tc.Team, cl.Size)
		if mm.Mean != nil {
			line += fmt.Sprintf("  latest check-in mean %.1f of 5", *mm.Mean)
		}
		if cl.AtRisk != nil {
			line += fmt.Sprintf("  at mild or worse or on watch: %d (%.0f%%)", *cl.AtRisk, *cl.AtRiskShare*100)
		}
		p("%s", line)
		if cl.Alarm {
			for _, rs := range cl.Reasons {
				p("              ALARM %s", rs.Text)
			}
			for _, a := range cl.Actions {
				p("              team action: %s (%s, by %s, %s)", a.Code, a.Owner, when(a.Deadline), a.Setting)
			}
		}
	}
	p("   The leads' lists (what is owed and by when; nothing about why):")
	for _, tc := range r.Climate {
		for _, li := range limit(tc.LeadOwes, detail) {
			p("     %-10s %-12s %-22s by %s (%s)", tc.Team, li.Agent, li.Owed.Code, when(li.Owed.Deadline), li.Owed.Setting)
		}
		if more := len(tc.LeadOwes) - len(limit(tc.LeadOwes, detail)); more > 0 {
			p("     %-10s ... and %d more", tc.Team, more)
		}
	}
	p("   Routed to the confidential roles, who see the whole result (counted here):")
	for _, ra := range r.CareRouted {
		p("     %-13s %-27s %3d  earliest by %s", ra.Owner, ra.Code, ra.Count, when(ra.Earliest))
	}
	if len(r.Cycles) > 0 {
		p("   Emotion cycles (recurring lows in the agents' own check-ins):")
		for _, cy := range limit(r.Cycles, detail) {
			f := cy.Finding
			p("     %-12s low %s %-10s mean %.1f against %.1f (effect %.1f, %d and %d check-ins): %s (%s)",
				cy.Agent, f.Pattern, f.Key, f.MeanIn, f.MeanOut, f.Effect, f.NIn, f.NOut, cy.Action.Code, cy.Action.Owner)
		}
		if more := len(r.Cycles) - len(limit(r.Cycles, detail)); more > 0 {
			p("     ... and %d more", more)
		}
	}

	q := &r.QA
	p("\n2. QUALITY")
	p("   %d evaluations scored, %d count for pay (QA and lead, not under dispute): mean %.1f, %.0f%% passed",
		q.Evaluations, q.PayRelevant, q.Mean, q.PassRate*100)
	for _, t := range q.Teams {
		p("     %-10s %4d evaluations  mean %5.1f  passed %3.0f%%", t.Team, t.N, t.Mean, t.PassRate*100)
	}
	if cal := q.Calibration; cal != nil {
		agreement := "agreement undefined (no variation)"
		if cal.Agreement != nil {
			agreement = fmt.Sprintf("agreement alpha %.2f nominal, %.2f ordinal", cal.Agreement.Nominal, cal.Agreement.Ordinal)
		}
		p("   Calibration %s: reference %.1f (%s); %s", cal.Session, cal.Reference, cal.ReferenceBy, agreement)
		for _, e := range cal.Evaluators {
			flag := ""
			for _, f := range cal.Flagged {
				if f == e.Evaluator {
					flag = "  outside tolerance: recalibrate"
				}
			}
			p("     %-10s %5.1f  %+5.1f%s", e.Evaluator, e.Score, e.Deviation, flag)
		}
	}
	for _, d := range q.Disputes {
		cur := d.Current()
		if d.Held() {
			p("   Dispute of %s by %s: open, the evaluation is held out of pay until decided (score %.1f)", d.Evaluation.ID, d.Evaluation.Agent, cur.Score)
			continue
		}
		first := d.Versions[0]
		p("   Dispute of %s by %s: %s, score %.1f -> %.1f", d.Evaluation.ID, d.Evaluation.Agent, d.State, first.Score, cur.Score)
	}
	if len(q.Improvers) > 0 {
		p("   Fastest improvers, to praise in public:")
		for _, im := range q.Improvers {
			p("     %-12s %.1f -> %.1f (%+.1f on %d evaluations)", im.Agent, im.From, im.To, im.Change, im.NTo)
		}
	}
	if len(q.CareSignals) > 0 {
		p("   Long stable and excellent, then a sudden drop: %s (a care talk, not a reprimand)", strings.Join(q.CareSignals, ", "))
	}
	p("   Feedback talks, from each agent's latest evaluation (strengths first, corrections one-to-one):")
	byTeam := map[string]int{}
	shown := 0
	for _, f := range q.Feedback {
		if detail > 0 && byTeam[f.Team] >= detail {
			continue
		}
		byTeam[f.Team]++
		shown++
		plan := f.Plan
		enough := ""
		if !plan.EnoughStrengths {
			enough = fmt.Sprintf("; %d more strengths to find: look at %s", plan.MissingStrengths, strings.Join(plan.LookFor, ", "))
		}
		p("     %-12s month %5.1f (n=%d): %d strengths, %d corrections%s", f.Agent, f.Month, f.N, plan.Positives, plan.Negatives, enough)
		for _, part := range plan.Parts {
			if part.Kind == "correction" {
				p("         fix %q: %s", part.Text, part.Say)
			}
		}
	}
	if more := len(q.Feedback) - shown; more > 0 {
		p("     ... and %d more", more)
	}
	p("   Next month's sample: %d evaluations planned", q.NextSample)

	cr := &r.Coaching
	p("\n3. CONVERSATIONS")
	kinds := make([]string, 0, len(cr.Opened))
	for k, n := range cr.Opened {
		kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
	}
	sort.Strings(kinds)
	p("   %d cases: %s", cr.CasesTotal, strings.Join(kinds, ", "))
	for _, h := range cr.Held {
		p("   held: %s for %s (%s)", h.Kind, h.Subject, strings.Join(h.Reasons, "; "))
	}
	for _, rd := range cr.Retention {
		verdict := "no retention attempt"
		if rd.Attempt {
			verdict = "try to keep"
		}
		p("   exit interview with %s: %s (%s)", rd.Subject, verdict, strings.Join(rd.Reasons, "; "))
	}
	p("   As of %s: %d steps owed, %d overdue, %d silence risk(s)", when(r.AsOf), len(cr.Due), cr.Overdue, cr.Silence)
	var urgent []coaching.Reminder
	for _, d := range cr.Due {
		if d.Overdue || d.SilenceRisk {
			urgent = append(urgent, d)
		}
	}
	for _, d := range limit(urgent, detail*len(r.Teams)) {
		mark := ""
		if d.SilenceRisk {
			mark = "  SILENCE RISK: answer it, or everyone stops speaking up"
		}
		p("     %s%s", d.Reason, mark)
	}
	if more := len(urgent) - len(limit(urgent, detail*len(r.Teams))); more > 0 {
		p("     ... and %d more overdue", more)
	}
	if len(cr.Pairings.Pairs) > 0 {
		p("   One helps one: %d new hires paired with a veteran", len(cr.Pairings.Pairs))
		for _, pr := range limit(cr.Pairings.Pairs, detail) {
			p("     %s helps %s (%s)", pr.Mentor, pr.Mentee, pr.Team)
		}
	}

	st := &r.Incentives.Statement
	money := func(v int64) string { return formatMoney(v, st.MinorDigits, st.Currency) }
	p("\n4. INCENTIVES, %s (%s)", st.Period.ID, st.Currency)
	holdLines := 0
	for _, l := range st.Lines {
		if l.Kind == incentives.KindHold {
			holdLines++
		}
	}
	p("   Center: bonuses %s, fines %s, net %s, %d points; %d lines held by guardrails",
		money(st.Center.Bonus), money(st.Center.Fines), money(st.Center.Net), st.Center.Points, holdLines)
	for _, t := range st.Teams {
		p("     %-10s %3d agents  bonuses %12s  fines %10s  net %12s", t.Team, t.Agents, money(t.Bonus), money(t.Fines), money(t.Net))
	}
	for _, ct := range st.Contests {
		p("   League table, %s (%s, per agent):", ct.ID, ct.Metric)
		for _, s := range limit(ct.Table, detail) {
			rank := "  -"
			if s.Rank > 0 {
				rank = fmt.Sprintf("%3d", s.Rank)
			}
			p("     %s %-10s %6.2f  %s", rank, s.Team, s.Value, money(s.Prize))
		}
	}
	p("   Recognition, to read out in front of the team:")
	for _, rc := range limit(st.Public, detail*len(r.Teams)) {
		who := rc.Agent
		if who == "" {
			who = "team " + rc.Team
		}
		p("     %-14s %s", who, rc.Text)
	}
	if more := len(st.Public) - len(limit(st.Public, detail*len(r.Teams))); more > 0 {
		p("     ... and %d more", more)
	}
	p("   Private, for one-to-one talks only: %d items (each lead receives their own)", len(st.Private))
	var holds, steps, grades []incentives.Line
	for _, l := range st.Lines {
		switch {
		case l.Kind == incentives.KindHold:
			holds = append(holds, l)
		case l.Kind == incentives.KindPenalty && l.Step != "":
			steps = append(steps, l)
		case l.Kind == incentives.KindGrade:
			grades = append(grades, l)
		}
	}
	if len(steps) > 0 {
		p("   Discipline steps:")
		for _, l := range limit(steps, detail*len(r.Teams)) {
			p("     %-12s %-16s %s", l.Agent, l.Step, l.Reason)
		}
	}
	if len(holds) > 0 {
		p("   Held by guardrails:")
		for _, l := range limit(holds, detail*len(r.Teams)) {
			p("     %-12s %-22s %s", l.Agent, l.Rule, l.Reason)
		}
	}
	if len(grades) > 0 {
		p("   Grade changes:")
		for _, l := range limit(grades, detail*len(r.Teams)) {
			p("     %-12s -> %-14s %s", l.Agent, l.Grade, l.Reason)
		}
	}
	p("   Statement lines by agent (first %d per team):", detail)
	linesOf := map[string][]incentives.Line{}
	for _, l := range st.Lines {
		linesOf[l.Agent] = append(linesOf[l.Agent], l)
	}
	perTeam := map[string]int{}
	for _, at := range st.Agents {
		if detail > 0 && perTeam[at.Team] >= detail {
			continue
		}
		perTeam[at.Team]++
		p("     %-12s net %12s  %d points", at.Agent, money(at.Net), at.Points)
		for _, l := range linesOf[at.Agent] {
			amount := money(l.Amount)
			if l.Kind == incentives.KindHold {
				amount = "held " + money(l.Held)
			}
			p("         %-8s %-30s %14s  %s", l.Kind, l.Rule, amount, l.Reason)
		}
	}
}

func limit[T any](xs []T, n int) []T {
	if n <= 0 || len(xs) <= n {
		return xs
	}
	return xs[:n]
}

// formatMoney writes minor units as "1,234.56 CNY".
func formatMoney(v int64, digits int, currency string) string {
	neg := v < 0
	if neg {
		v = -v
	}
	unit := int64(1)
	for i := 0; i < digits; i++ {
		unit *= 10
	}
	whole, frac := v/unit, v%unit
	s := fmt.Sprintf("%d", whole)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if digits > 0 {
		s += fmt.Sprintf(".%0*d", digits, frac)
	}
	if neg {
		s = "-" + s
	}
	return s
}
