package main

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/qa"
)

// Render writes the report as text a center manager reads. detail bounds
// how many agents each team shows in every per-agent list; 0 shows all.
//
// One order holds across the whole report: teams in the order of the
// agents file (Report.Teams), and within a team, agents by id. Rankings
// (the league table, the fastest improvers) keep their rank order.
//
// Render formats its own figures one way throughout: scores and means to
// one decimal, money with thousands separators and the minor digits of the
// currency, counts with their noun in the singular or the plural. The
// sentences the packages write (reasons, notes) are printed as given.
func Render(w io.Writer, r *Report, detail int) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	more := func(n int) {
		if n > 0 {
			p("     ... and %d more; -detail 0 lists every agent", n)
		}
	}
	ro := newRoster(r)

	p("callfloor: one month in a call center, %s (as of %s)", r.Month, r.AsOf.Format("2006-01-02 15:04 MST"))
	p("%s in %s", count(r.Agents, "agent", "agents"), count(len(r.Teams), "team", "teams"))
	for _, pol := range r.Policies {
		p("  policy %s", pol)
	}

	renderClimate(p, more, r, ro, detail)
	renderQuality(p, more, r, ro, detail)
	renderConversations(p, more, r, ro, detail)
	renderIncentives(p, more, r, ro, detail)
}

type printer = func(format string, args ...any)

func when(t time.Time) string { return t.Format("Mon Jan 2 15:04") }

func renderClimate(p printer, more func(int), r *Report, ro *roster, detail int) {
	p("\n1. TEAM CLIMATE AND CARE OWED")
	p("   Wellbeing is confidential: this report shows what each lead owes and team")
	p("   figures over groups of five or more, never an agent's answers, totals or tier.")
	climate := inOrder(ro, r.Climate, func(tc *TeamClimate) (string, string) { return tc.Team, "" })
	type teamItem struct {
		team string
		LeadItem
	}
	var owed []teamItem
	for _, tc := range climate {
		cl := tc.Climate
		line := fmt.Sprintf("   %-10s %9s", tc.Team, count(cl.Size, "agent", "agents"))
		if mm := tc.MoodMap; mm.Mean != nil {
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
				p("              team action: the %s owes %s by %s (%s)", a.Owner, a.Code, when(a.Deadline), a.Setting)
			}
		}
		for _, li := range tc.LeadOwes {
			owed = append(owed, teamItem{tc.Team, li})
		}
	}
	p("   The leads' lists (what is owed and by when; nothing about why):")
	shown, hidden := listed(ro, owed, detail, func(it *teamItem) (string, string) { return it.team, it.Agent })
	if len(owed) == 0 {
		p("     nothing owed")
	}
	for _, it := range shown {
		p("     %-10s %-12s %-22s by %s (%s)", it.team, it.Agent, it.Owed.Code, when(it.Owed.Deadline), it.Owed.Setting)
	}
	more(hidden + r.Omitted.LeadOwes)
	p("   Routed to the confidential roles, who see the whole result (counted here):")
	if len(r.CareRouted) == 0 {
		p("     nothing routed")
	}
	for _, ra := range r.CareRouted {
		p("     %-13s %-27s %5s  earliest by %s", ra.Owner, ra.Code, group(int64(ra.Count)), when(ra.Earliest))
	}
	if len(r.Cycles) > 0 {
		p("   Emotion cycles (recurring lows in the agents' own check-ins):")
		key := func(cy *CycleNote) (string, string) { return ro.teamOf(cy.Agent), cy.Agent }
		shown, hidden := listed(ro, r.Cycles, detail, key)
		for _, cy := range shown {
			f := cy.Finding
			p("     %-12s lows %s: mood %.1f against %.1f otherwise (effect %.1f; %s against %d): the %s owes %s",
				cy.Agent, patternPhrase(string(f.Pattern), f.Key), f.MeanIn, f.MeanOut, f.Effect,
				count(f.NIn, "check-in", "check-ins"), f.NOut, cy.Action.Owner, cy.Action.Code)
		}
		more(hidden + r.Omitted.Cycles)
	}
}

// patternPhrase says when a recurring low comes: "on mondays", "at
// month_end", "after personal_loss".
func patternPhrase(pattern, key string) string {
	switch pattern {
	case "weekday":
		return "on " + key + "s"
	case "period":
		return "at " + key
	case "event":
		return "after " + key
	}
	return pattern + " " + key
}

func renderQuality(p printer, more func(int), r *Report, ro *roster, detail int) {
	q := &r.QA
	p("\n2. QUALITY")
	p("   %s scored, %s for pay (QA and lead, not under dispute): mean %.1f, %.0f%% passed",
		count(q.Evaluations, "evaluation", "evaluations"), count(q.PayRelevant, "counts", "count"), q.Mean, q.PassRate*100)
	for _, t := range inOrder(ro, q.Teams, func(t *TeamQA) (string, string) { return t.Team, "" }) {
		if t.N == 0 {
			p("     %-10s no evaluation counts for pay", t.Team)
			continue
		}
		p("     %-10s %16s  mean %5.1f  passed %3.0f%%", t.Team, count(t.N, "evaluation", "evaluations"), t.Mean, t.PassRate*100)
	}
	if cal := q.Calibration; cal != nil {
		agreement := "agreement undefined (no variation)"
		if cal.Agreement != nil {
			agreement = fmt.Sprintf("agreement alpha %.2f nominal, %.2f ordinal", cal.Agreement.Nominal, cal.Agreement.Ordinal)
		}
		ref := string(cal.ReferenceBy)
		if cal.ReferenceBy == qa.ReferenceExpert {
			ref += " " + cal.Expert
		}
		p("   Calibration %s: reference %.1f (%s); %s", cal.Session, cal.Reference, ref, agreement)
		for _, e := range cal.Evaluators {
			flag := ""
			for _, f := range cal.Flagged {
				if f == e.Evaluator {
					flag = "  outside tolerance: recalibrate"
				}
			}
			// As for the improvers, the deviation shown is that of the
			// figures shown; whether it is outside tolerance is qa's
			// decision on the exact figures.
			p("     %-10s %5.1f  %+5.1f%s", e.Evaluator, round1(e.Score), round1(e.Score)-round1(cal.Reference), flag)
		}
	}
	disputes := inOrder(ro, q.Disputes, func(d *qa.Dispute) (string, string) {
		return ro.teamOf(d.Evaluation.Agent), d.Evaluation.Agent
	})
	for _, d := range disputes {
		cur := d.Current()
		if d.Held() {
			p("   Dispute of %s by %s: open, the evaluation is held out of pay until decided (score %.1f)", d.Evaluation.ID, d.Evaluation.Agent, cur.Score)
			continue
		}
		first := d.Versions[0]
		p("   Dispute of %s by %s: %s, score %.1f -> %.1f", d.Evaluation.ID, d.Evaluation.Agent, d.Status, first.Score, cur.Score)
	}
	for _, f := range inOrder(ro, q.Findings, func(f *incentives.QAViolation) (string, string) { return ro.teamOf(f.Agent), f.Agent }) {
		p("   Sent to discipline: %s by %s failed %s: %s", f.Evaluation, f.Agent, strings.Join(f.Items, ", "), f.Violation.Kind)
	}
	for _, f := range inOrder(ro, q.HeldFindings, func(f *incentives.HeldFinding) (string, string) { return ro.teamOf(f.Agent), f.Agent }) {
		why := "while disputed"
		if f.Dispute == "" {
			why = "while it may still be disputed"
		}
		p("   Held from discipline %s: %s by %s failed %s: %s", why, f.Evaluation, f.Agent, strings.Join(f.Items, ", "), f.Kind)
	}
	if len(q.Improvers) > 0 {
		p("   Fastest improvers, to praise in public:")
		for _, im := range q.Improvers {
			// The rise is worked out from the rounded means, so that the
			// three figures on the line agree with each other.
			from, to := round1(im.From), round1(im.To)
			p("     %-12s %.1f -> %.1f (%+.1f; %d evaluations before, %d this month)", im.Agent, from, to, to-from, im.NFrom, im.NTo)
		}
	}
	if len(q.CareTalks) > 0 {
		p("   Long stable and excellent, then a drop or a complaint: a care talk, not a reprimand:")
		for _, ct := range inOrder(ro, q.CareTalks, func(ct *CareTalk) (string, string) { return ct.Team, ct.Agent }) {
			p("     %-12s %s", ct.Agent, ct.Reason)
		}
	}
	p("   Feedback talks, from each agent's latest evaluation (strengths first, corrections one-to-one):")
	key := func(f *AgentFeedback) (string, string) { return f.Team, f.Agent }
	shown, hidden := listed(ro, q.Feedback, detail, key)
	if len(q.Feedback) == 0 {
		p("     none: no evaluation counts for pay")
	}
	for _, f := range shown {
		plan := f.Plan
		enough := ""
		if !plan.EnoughStrengths {
			enough = fmt.Sprintf("; find %s more before the talk: look at %s",
				count(plan.MissingStrengths, "strength", "strengths"), strings.Join(plan.LookFor, ", "))
		}
		p("     %-12s month mean %5.1f over %s; latest: %s, %s%s", f.Agent, f.Month, count(f.N, "evaluation", "evaluations"),
			count(plan.Positives, "strength", "strengths"), count(plan.Negatives, "correction", "corrections"), enough)
		for _, part := range plan.Parts {
			if part.Kind != "correction" {
				continue
			}
			missed := "missed"
			if part.Critical != "" {
				missed = "missed (critical)"
			}
			p("         %s: %s", missed, part.Text)
			p("           how to fix it: %s", part.Say)
		}
	}
	more(hidden + r.Omitted.Feedback)
	p("   Next month's sample: %s planned", count(q.NextSample, "evaluation", "evaluations"))
}

func renderConversations(p printer, more func(int), r *Report, ro *roster, detail int) {
	cr := &r.Coaching
	p("\n3. CONVERSATIONS")
	kinds := make([]string, 0, len(cr.Opened))
	for k, n := range cr.Opened {
		kinds = append(kinds, fmt.Sprintf("%s %s", k, group(int64(n))))
	}
	sort.Strings(kinds)
	opened := strings.Join(kinds, ", ")
	if opened == "" {
		opened = "none opened"
	}
	p("   %s: %s", count(cr.CasesTotal, "case", "cases"), opened)
	for _, h := range inOrder(ro, cr.Held, func(h *coaching.Proposal) (string, string) { return ro.teamOf(h.Subject), h.Subject }) {
		p("   held: %s for %s (%s)", h.Kind, h.Subject, because(h.Reasons))
	}
	for _, rd := range inOrder(ro, cr.Retention, func(rd *coaching.RetentionDecision) (string, string) { return ro.teamOf(rd.Subject), rd.Subject }) {
		verdict := "no retention attempt"
		if rd.Attempt {
			verdict = "try to keep"
		}
		p("   exit interview with %s: %s (%s)", rd.Subject, verdict, because(rd.Reasons))
	}
	p("   As of %s: %s, %d overdue, %s", when(r.AsOf), count(cr.Owed, "step owed", "steps owed"), cr.Overdue,
		count(cr.Silence, "silence risk", "silence risks"))
	key := func(d *coaching.Reminder) (string, string) { return ro.teamOf(d.Subject), d.Subject }
	shown, hidden := listed(ro, cr.Urgent, detail, key)
	for _, d := range shown {
		mark := "overdue"
		if d.SilenceRisk {
			mark = "SILENCE RISK"
		}
		p("     %-12s %-12s %s (due %s, %s late)", d.Subject, mark, because(d.Reasons), when(d.Due), lateness(d.Late.Std()))
	}
	more(hidden + r.Omitted.Urgent)
	if len(cr.Meetings) > 0 {
		p("   Team meetings owed in the month, over every team:")
		for _, mt := range cr.Meetings {
			line := fmt.Sprintf("     %s", count(mt.Count, mt.Title, mt.Title+"s"))
			if mt.Longer > 0 {
				line += fmt.Sprintf(", %s longer (Mondays)", group(int64(mt.Longer)))
			}
			topics := make([]string, len(mt.Topics))
			for i, tp := range mt.Topics {
				topics[i] = tp.Text
			}
			p("%s: %s", line, strings.Join(topics, "; "))
		}
	}
	if pairs := len(cr.Pairings.Pairs) + r.Omitted.Pairs; pairs > 0 {
		p("   One helps one: %s, each paired with a veteran", count(pairs, "new hire", "new hires"))
		key := func(pr *coaching.Pair) (string, string) { return pr.Team, pr.Mentee }
		shown, hidden := listed(ro, cr.Pairings.Pairs, detail, key)
		for _, pr := range shown {
			p("     %s helps %s (%s)", pr.Mentor, pr.Mentee, pr.Team)
		}
		more(hidden + r.Omitted.Pairs)
	}
}

// lateness says how long past its deadline a step is, in whole days, hours
// or minutes: a manager reads "3 days late", not "74h12m0s".
func lateness(d time.Duration) string {
	switch {
	case d >= 24*time.Hour:
		return count(int(d/(24*time.Hour)), "day", "days")
	case d >= time.Hour:
		return count(int(d/time.Hour), "hour", "hours")
	case d >= time.Minute:
		return count(int(d/time.Minute), "minute", "minutes")
	}
	return "under a minute"
}

func renderIncentives(p printer, more func(int), r *Report, ro *roster, detail int) {
	st := &r.Incentives.Statement
	money := func(v int64) string { return formatMoney(v, st.MinorDigits) }
	p("\n4. INCENTIVES, %s (amounts in %s)", st.Period.ID, st.Currency)
	holdLines := r.Incentives.HoldLines
	c := &st.Center
	p("   Center: bonuses %s, fines %s, net %s, %s", money(c.Bonus), money(c.Fines), money(c.Net), count64(c.Points, "point", "points"))
	if holdLines > 0 {
		p("   Held back, and not in the figures above: %s (bonuses %s, fines %s), by guardrails or from an agent dismissed this month",
			count(holdLines, "line", "lines"), money(c.HeldBonus), money(c.HeldFines))
	}
	for _, t := range inOrder(ro, st.Teams, func(t *incentives.TeamTotal) (string, string) { return t.Team, "" }) {
		p("     %-10s %9s  bonuses %12s  fines %10s  net %12s", t.Team, count(t.Agents, "agent", "agents"), money(t.Bonus), money(t.Fines), money(t.Net))
	}
	for _, ct := range st.Contests {
		p("   League table, %s: teams ranked on their agents' mean %s (%s is better)", ct.ID, ct.Metric, ct.Better)
		table := ct.Table
		if detail > 0 && len(table) > detail {
			table = table[:detail]
		}
		for _, s := range table {
			rank := "  -"
			if s.Rank > 0 {
				rank = fmt.Sprintf("%3d", s.Rank)
			}
			prize := "no prize"
			if s.Prize != 0 {
				prize = fmt.Sprintf("prize %s, shared by %s", money(s.Prize), count(s.Agents, "agent", "agents"))
			}
			p("     %s %-10s %7.1f  %s", rank, s.Team, s.Value, prize)
		}
		if n := len(ct.Table) - len(table); n > 0 {
			p("     ... and %s more; -detail 0 lists every team", count(n, "team", "teams"))
		}
	}

	p("   Recognition, to read out in front of the team:")
	teamRec := make([]incentives.Recognition, 0, len(r.Teams))
	agentRec := make([]incentives.Recognition, 0, len(st.Public))
	for _, rc := range st.Public {
		if rc.Agent == "" {
			teamRec = append(teamRec, rc)
		} else {
			agentRec = append(agentRec, rc)
		}
	}
	// A team's recognition is read out in the team's place, not in the
	// contest's rank order: the league table above gives the ranks.
	recKey := func(rc *incentives.Recognition) (string, string) { return rc.Team, rc.Agent }
	for _, rc := range inOrder(ro, teamRec, recKey) {
		p("     %-14s %s", "team "+rc.Team, because(rc.Reasons))
	}
	shownRec, hiddenRec := listed(ro, agentRec, detail, recKey)
	for _, rc := range shownRec {
		p("     %-14s %s", rc.Agent, because(rc.Reasons))
	}
	more(hiddenRec + r.Omitted.Recognitions)
	if len(st.Public) == 0 {
		p("     none this month")
	}
	p("   Private, for one-to-one talks only: %s (each lead receives their own)", count(r.Incentives.PrivateItems, "item", "items"))

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
	lineKey := func(l *incentives.Line) (string, string) { return l.Team, l.Agent }
	if len(steps) > 0 {
		p("   Discipline steps:")
		shown, hidden := listed(ro, steps, detail, lineKey)
		for _, l := range shown {
			p("     %-12s %-16s %s", l.Agent, l.Step, because(l.Reasons))
		}
		more(hidden + r.Omitted.Steps)
	}
	if len(st.Protective) > 0 {
		p("   Protective actions, at once and never held (each to its owner):")
		for _, pa := range inOrder(ro, st.Protective, func(pa *incentives.ProtectiveAction) (string, string) { return pa.Team, pa.Agent }) {
			p("     %-12s %-27s by %s", pa.Agent, pa.Action, pa.Owner)
		}
	}
	if len(holds) > 0 {
		p("   Held back, by guardrails or from an agent dismissed this month:")
		shown, hidden := listed(ro, holds, detail, lineKey)
		ruleW, effW := lineWidths(shown, money)
		for _, l := range shown {
			p("     %-12s %-*s %*s  %s", l.Agent, ruleW, l.Rule(), effW, lineEffect(l, money), because(l.Reasons))
		}
		more(hidden + r.Omitted.Holds)
	}
	if len(grades) > 0 {
		p("   Grade changes:")
		shown, hidden := listed(ro, grades, detail, lineKey)
		for _, l := range shown {
			p("     %-12s -> %-14s %s", l.Agent, l.Grade, because(l.Reasons))
		}
		more(hidden + r.Omitted.Grades)
	}

	which := "every agent"
	if detail > 0 {
		which = fmt.Sprintf("the first %d of each team", detail)
	}
	p("   Statement lines by agent (%s):", which)
	totalKey := func(at *incentives.AgentTotal) (string, string) { return at.Team, at.Agent }
	agents, hidden := listed(ro, st.Agents, detail, totalKey)
	// The statement keeps each agent's lines together, so each agent's
	// lines are a part of st.Lines, not a copy; lines of an agent found
	// apart are joined.
	linesOf := make(map[string][]incentives.Line, len(agents))
	for _, at := range agents {
		linesOf[at.Agent] = nil
	}
	for start := 0; start < len(st.Lines); {
		end := start + 1
		for end < len(st.Lines) && st.Lines[end].Agent == st.Lines[start].Agent {
			end++
		}
		if ls, ok := linesOf[st.Lines[start].Agent]; ok {
			if ls == nil {
				linesOf[st.Lines[start].Agent] = st.Lines[start:end:end]
			} else {
				linesOf[st.Lines[start].Agent] = append(ls, st.Lines[start:end]...)
			}
		}
		start = end
	}
	var ruleW, effW int
	for _, at := range agents {
		r, e := lineWidths(linesOf[at.Agent], money)
		ruleW, effW = max(ruleW, r), max(effW, e)
	}
	for _, at := range agents {
		head := fmt.Sprintf("     %-12s net %s, %s", at.Agent, money(at.Net), count64(at.Points, "point", "points"))
		if at.Held != 0 {
			head += fmt.Sprintf("; held back %s", money(at.Held))
		}
		p("%s", head)
		for _, l := range linesOf[at.Agent] {
			p("         %-8s %-*s %*s  %s", l.Kind, ruleW, l.Rule(), effW, lineEffect(l, money), because(l.Reasons))
		}
	}
	more(hidden + r.Omitted.Agents)
}

// lineEffect says what a statement line does, in the line's own terms:
// money for a line that moves money, points for points, the step or grade
// for a discipline step or a grade change. A line that moves no money
// shows no amount; a hold line says what it holds back.
func lineEffect(l incentives.Line, money func(int64) string) string {
	var parts []string
	amount := l.Amount
	if l.Kind == incentives.KindHold {
		amount = l.Held
	}
	if amount != 0 {
		parts = append(parts, money(amount))
	}
	if l.Points != 0 {
		parts = append(parts, count64(l.Points, "point", "points"))
	}
	if len(parts) == 0 {
		switch {
		case l.Step != "":
			parts = append(parts, string(l.Step))
		case l.Grade != "":
			parts = append(parts, "-> "+l.Grade)
		case l.Title != "":
			parts = append(parts, "title")
		case l.Badge != "":
			parts = append(parts, "badge")
		}
	}
	s := strings.Join(parts, " + ")
	if l.Kind == incentives.KindHold {
		if s == "" {
			return "held"
		}
		return "held " + s
	}
	return s
}

// because renders a decision's reasons as one line: each reason's
// sentence, in order, joined by "; ". Every section of the report
// explains itself through it, whichever package made the reasons, as a
// host's own renderer would; the rules, outcomes and figures stay in the
// JSON output for machines.
func because(rs []callfloor.Reason) string {
	switch len(rs) {
	case 0:
		return ""
	case 1:
		return rs[0].Text
	}
	n := 2 * (len(rs) - 1)
	for _, r := range rs {
		n += len(r.Text)
	}
	var b strings.Builder
	b.Grow(n)
	for i, r := range rs {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(r.Text)
	}
	return b.String()
}

// lineWidths are the widths of the rule and effect columns over lines, so
// that the columns line up whatever the policy's rule ids.
func lineWidths(lines []incentives.Line, money func(int64) string) (rule, effect int) {
	for _, l := range lines {
		rule = max(rule, len(l.Rule()))
		effect = max(effect, len(lineEffect(l, money)))
	}
	return rule, effect
}

// roster orders the report's lists: teams as in Report.Teams, a team the
// report does not list after them by id, and agents by id within a team.
type roster struct {
	rank map[string]int    // team -> position in Report.Teams
	team map[string]string // agent -> team
}

func newRoster(r *Report) *roster {
	ro := &roster{rank: make(map[string]int, len(r.Teams)), team: r.teamOf}
	for i, t := range r.Teams {
		if _, dup := ro.rank[t]; !dup {
			ro.rank[t] = i
		}
	}
	if ro.team != nil {
		return ro
	}
	// A report not made by Run: the agents' teams are found in it.
	ro.team = map[string]string{}
	for _, a := range r.Incentives.Statement.Agents {
		ro.team[a.Agent] = a.Team
	}
	for _, tc := range r.Climate {
		for _, li := range tc.LeadOwes {
			ro.team[li.Agent] = tc.Team
		}
	}
	for _, f := range r.QA.Feedback {
		ro.team[f.Agent] = f.Team
	}
	return ro
}

func (ro *roster) teamOf(agent string) string { return ro.team[agent] }

// rankOf is a team's place: its position in Report.Teams, or after every
// listed team.
func (ro *roster) rankOf(team string) int {
	if i, ok := ro.rank[team]; ok {
		return i
	}
	return len(ro.rank)
}

// inOrder returns the items of xs in the roster's order; items of the same
// team and agent keep their order.
func inOrder[T any](ro *roster, xs []T, key func(*T) (team, agent string)) []T {
	shown, _ := listed(ro, xs, 0, key)
	return shown
}

// listed returns, in the roster's order, the items of the first detail
// agents of each team (every item when detail is 0), and counts the items
// it leaves out. Items of the same team and agent keep their order. It
// sorts positions rather than the items, so that a center of many
// thousand agents costs a few bytes per item, not a copy of each.
func listed[T any](ro *roster, xs []T, detail int, key func(*T) (team, agent string)) (shown []T, hidden int) {
	idx := make([]int32, len(xs))
	rank := make([]int32, len(xs))
	for i := range xs {
		idx[i] = int32(i)
		team, _ := key(&xs[i])
		rank[i] = int32(ro.rankOf(team))
	}
	sort.SliceStable(idx, func(a, b int) bool {
		i, j := idx[a], idx[b]
		if rank[i] != rank[j] {
			return rank[i] < rank[j]
		}
		ti, ai := key(&xs[i])
		tj, aj := key(&xs[j])
		if ti != tj {
			return ti < tj
		}
		return ai < aj
	})
	var seen map[string]map[string]bool
	if detail > 0 {
		seen = map[string]map[string]bool{}
	}
	for _, i := range idx {
		if detail > 0 {
			team, agent := key(&xs[i])
			agents := seen[team]
			if agents == nil {
				agents = map[string]bool{}
				seen[team] = agents
			}
			if !agents[agent] && len(agents) >= detail {
				hidden++
				continue
			}
			agents[agent] = true
		}
		shown = append(shown, xs[i])
	}
	return shown, hidden
}

// count writes n with its noun, in the singular for exactly one: "1
// correction", "2 corrections", "1,250 agents".
func count(n int, one, many string) string { return count64(int64(n), one, many) }

func count64(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return group(n) + " " + many
}

// group writes an integer with thousands separators: 1,000,000.
func group(n int64) string {
	if n < 0 {
		return "-" + groupDigits(strconv.FormatUint(uint64(-(n+1))+1, 10))
	}
	return groupDigits(strconv.FormatInt(n, 10))
}

func groupDigits(s string) string {
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// formatMoney writes minor units as "1,234.56"; the currency is in the
// section's heading.
func formatMoney(v int64, digits int) string {
	u := uint64(v)
	if v < 0 {
		u = uint64(-(v + 1)) + 1
	}
	unit := uint64(1)
	for i := 0; i < digits; i++ {
		unit *= 10
	}
	s := groupDigits(strconv.FormatUint(u/unit, 10))
	if digits > 0 {
		s += fmt.Sprintf(".%0*d", digits, u%unit)
	}
	if v < 0 {
		s = "-" + s
	}
	return s
}
