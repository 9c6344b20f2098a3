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
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

// Render writes the report as text a center manager reads, in English.
// detail bounds how many agents each team shows in every per-agent list;
// 0 shows all.
func Render(w io.Writer, r *Report, detail int) { RenderIn(w, r, detail, msg.English()) }

// RenderIn writes the report as text in the locale l: every heading,
// label and sentence of the report's own is a message of the month's
// catalog, and the sentences the packages wrote (reasons, notes, the
// policies' texts) are in the language of the policies the month ran
// under. detail bounds how many agents each team shows in every per-agent
// list; 0 shows all.
//
// One order holds across the whole report: teams in the order of the
// agents file (Report.Teams), and within a team, agents by id. Rankings
// (the league table, the fastest improvers) keep their rank order.
//
// RenderIn formats its own figures one way throughout: scores and means
// to one decimal, money with thousands separators and the minor digits of
// the currency, counts with their noun in the form the language gives the
// number. The sentences the packages write are printed as given.
func RenderIn(w io.Writer, r *Report, detail int, l *msg.Locale) {
	wd := english
	if l != msg.English() {
		wd = newWords(l)
	}
	x := &render{line: line{out: w}, w: wd, l: wd.l, nm: &names{w: wd, pol: r.pol}, r: r, ro: newRoster(r), detail: detail}
	ln := &x.line

	ln.put("", msg.MonthTitle{Month: monthOf(r.Month, wd.monthLayout), AsOf: r.AsOf.Format(wd.asOfLayout)}.Append(ln.msg(), x.l))
	ln.put("", msg.MonthSize{Agents: x.count(msg.MonthCountAgents{N: r.Agents}, int64(r.Agents)),
		Teams: x.count(msg.MonthCountTeams{N: len(r.Teams)}, int64(len(r.Teams)))}.Append(ln.msg(), x.l))
	for _, pol := range r.Policies {
		area, ref, _ := strings.Cut(pol, " ")
		if m, ok := areas[area]; ok {
			area = wd.s(m)
		}
		ln.put("  ", msg.MonthPolicy{Area: area, Ref: ref}.Append(ln.msg(), x.l))
	}

	x.climate()
	x.quality()
	x.conversations()
	x.incentives()
}

// areas are the names of the four areas a month runs, by the word
// Report.Policies starts each policy with.
var areas = map[string]msg.Message{"mood": msg.MonthAreaMood{}, "qa": msg.MonthAreaQa{}, "coaching": msg.MonthAreaCoaching{}, "incentives": msg.MonthAreaIncentives{}}

// monthOf writes the month "2026-10" with layout; any other text as given.
func monthOf(month, layout string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	return t.Format(layout)
}

// render is one rendering of a report. Every line is written through
// line, into one buffer: the messages, figures and columns of a line are
// appended to it, never built as strings of their own, except the
// deadlines, which are few and written once each.
type render struct {
	line
	w      *words
	l      *msg.Locale
	nm     *names
	r      *Report
	ro     *roster
	detail int
	whens  map[time.Time]string
	effect []byte // one statement line's effect, to measure its column
}

// heading writes an empty line and a section's heading.
func (x *render) heading(m []byte) {
	x.buf = append(x.buf[:0], '\n')
	x.add(m)
	x.end()
}

// more says how many items a list left out.
func (x *render) more(n int) {
	if n > 0 {
		x.put("     ", msg.MonthMore{N: n}.Append(x.msg(), x.l))
	}
}

// count gives the mark of a count message whose argument N is n.
func (x *render) count(m msg.Message, n int64) string {
	x.vals = x.w.appendN(x.vals, m, n)
	return x.mark()
}

// countLeft gives the mark of a count message right-aligned in w columns.
func (x *render) countLeft(m msg.Message, n int64, w int) string {
	start := len(x.vals)
	x.vals = rightAlign(x.w.appendN(x.vals, m, n), start, w)
	return x.mark()
}

// money gives the mark of an amount of the statement's currency,
// right-aligned in w columns (0 for none).
func (x *render) money(v int64, w int) string {
	start := len(x.vals)
	x.vals = rightAlign(x.w.appendMoney(x.vals, v, x.r.Incentives.Statement.MinorDigits), start, w)
	return x.mark()
}

func (x *render) appendMoney(dst []byte, v int64) []byte {
	return x.w.appendMoney(dst, v, x.r.Incentives.Statement.MinorDigits)
}

// because gives the mark of a decision's reasons joined on one line.
func (x *render) because(rs []callfloor.Reason) string {
	x.vals = x.w.appendBecause(x.vals, rs)
	return x.mark()
}

// when writes a deadline; a report names few distinct deadlines, each
// written once.
func (x *render) when(t time.Time) string {
	if s, ok := x.whens[t]; ok {
		return s
	}
	if x.whens == nil {
		x.whens = map[time.Time]string{}
	}
	s := x.w.when(t)
	x.whens[t] = s
	return s
}

// pad writes s left-aligned in a column of width columns.
func pad(s string, width int) string { return string(appendPad(nil, s, width)) }

// padLeft writes s right-aligned in a column of width columns.
func padLeft(s string, width int) string { return string(appendPadLeft(nil, s, width)) }

func (x *render) climate() {
	ln, wd, nm, r, ro, l := &x.line, x.w, x.nm, x.r, x.ro, x.l
	x.heading(msg.MonthClimateHeading{}.Append(ln.msg(), l))
	ln.put("   ", msg.MonthClimateConfidential{}.Append(ln.msg(), l))
	climate := inOrder(ro, r.Climate, func(tc *TeamClimate) (string, string) { return tc.Team, "" })
	type teamItem struct {
		team string
		LeadItem
	}
	var owed []teamItem
	for _, tc := range climate {
		cl := tc.Climate
		ln.begin("   ")
		ln.buf = appendPad(ln.buf, tc.Team, 10)
		ln.buf = append(ln.buf, ' ')
		start := len(ln.buf)
		ln.buf = rightAlign(wd.appendN(ln.buf, msg.MonthCountAgents{N: cl.Size}, int64(cl.Size)), start, 9)
		if mm := tc.MoodMap; mm.Mean != nil {
			ln.buf = append(ln.buf, "  "...)
			ln.add(msg.MonthClimateMean{Mean: ln.fixed(*mm.Mean, 1, 0, false)}.Append(ln.msg(), l))
		}
		if cl.AtRisk != nil {
			ln.buf = append(ln.buf, "  "...)
			ln.add(msg.MonthClimateAtRisk{N: *cl.AtRisk, Share: ln.fixed(*cl.AtRiskShare*100, 0, 0, false)}.Append(ln.msg(), l))
		}
		ln.end()
		if cl.Alarm {
			for _, rs := range cl.Reasons {
				ln.put("              ", msg.MonthClimateAlarm{Reason: rs.Text}.Append(ln.msg(), l))
			}
			for _, a := range cl.Actions {
				ln.put("              ", msg.MonthClimateTeamAction{Owner: nm.role(a.Owner), Code: nm.code(a.Code), Deadline: x.when(a.Deadline), Setting: nm.setting(a.Setting)}.Append(ln.msg(), l))
			}
		}
		for _, li := range tc.LeadOwes {
			owed = append(owed, teamItem{tc.Team, li})
		}
	}
	ln.put("   ", msg.MonthClimateLeads{}.Append(ln.msg(), l))
	shown, hidden := listed(ro, owed, x.detail, func(it *teamItem) (string, string) { return it.team, it.Agent })
	if len(owed) == 0 {
		ln.put("     ", msg.MonthClimateNothingOwed{}.Append(ln.msg(), l))
	}
	for _, it := range shown {
		ln.put("     ", msg.MonthClimateOwed{Team: ln.pad(it.team, 10), Agent: ln.pad(it.Agent, 12), Code: ln.pad(nm.owed(it.Owed), 22),
			Deadline: x.when(it.Owed.Deadline), Setting: nm.setting(it.Owed.Setting)}.Append(ln.msg(), l))
	}
	x.more(hidden + r.Omitted.LeadOwes)
	ln.put("   ", msg.MonthClimateRouted{}.Append(ln.msg(), l))
	if len(r.CareRouted) == 0 {
		ln.put("     ", msg.MonthClimateNothingRouted{}.Append(ln.msg(), l))
	}
	for _, ra := range r.CareRouted {
		start := len(ln.vals)
		ln.vals = rightAlign(appendGroup(ln.vals, int64(ra.Count)), start, 5)
		count := ln.mark()
		ln.put("     ", msg.MonthClimateRoutedLine{Owner: ln.pad(nm.role(ra.Owner), 13), Code: ln.pad(nm.code(ra.Code), 27), Count: count, Earliest: x.when(ra.Earliest)}.Append(ln.msg(), l))
	}
	if len(r.Cycles) > 0 {
		ln.put("   ", msg.MonthClimateCycles{}.Append(ln.msg(), l))
		key := func(cy *CycleNote) (string, string) { return ro.teamOf(cy.Agent), cy.Agent }
		shown, hidden := listed(ro, r.Cycles, x.detail, key)
		for _, cy := range shown {
			f := cy.Finding
			key := f.Key
			if f.Pattern != mood.PatternWeekday {
				key = nm.code(key)
			}
			ln.put("     ", msg.MonthClimateCycle{Agent: ln.pad(cy.Agent, 12), When: wd.patternPhrase(string(f.Pattern), key),
				In: ln.fixed(f.MeanIn, 1, 0, false), Out: ln.fixed(f.MeanOut, 1, 0, false), Effect: ln.fixed(f.Effect, 1, 0, false),
				CheckIns: x.count(msg.MonthCountCheckIns{N: f.NIn}, int64(f.NIn)), Others: strconv.Itoa(f.NOut),
				Owner: nm.role(cy.Action.Owner), Code: nm.code(cy.Action.Code)}.Append(ln.msg(), l))
		}
		x.more(hidden + r.Omitted.Cycles)
	}
}

// patternPhrase says when a recurring low comes, in English: "on
// mondays", "at month_end", "after personal_loss".
func patternPhrase(pattern, key string) string { return english.patternPhrase(pattern, key) }

func (x *render) quality() {
	ln, wd, nm, r, ro, l := &x.line, x.w, x.nm, x.r, x.ro, x.l
	q := &r.QA
	x.heading(msg.MonthQualityHeading{}.Append(ln.msg(), l))
	ln.put("   ", msg.MonthQualitySummary{Scored: x.count(msg.MonthCountEvaluations{N: q.Evaluations}, int64(q.Evaluations)),
		ForPay: x.count(msg.MonthCountForPay{N: q.PayRelevant}, int64(q.PayRelevant)),
		Mean:   ln.fixed(q.Mean, 1, 0, false), Passed: ln.fixed(q.PassRate*100, 0, 0, false)}.Append(ln.msg(), l))
	for _, t := range inOrder(ro, q.Teams, func(t *TeamQA) (string, string) { return t.Team, "" }) {
		if t.N == 0 {
			ln.put("     ", msg.MonthQualityTeamNone{Team: ln.pad(t.Team, 10)}.Append(ln.msg(), l))
			continue
		}
		ln.put("     ", msg.MonthQualityTeam{Team: ln.pad(t.Team, 10), Evaluations: x.countLeft(msg.MonthCountEvaluations{N: t.N}, int64(t.N), 16),
			Mean: ln.fixed(t.Mean, 1, 5, false), Passed: ln.fixed(t.PassRate*100, 0, 3, false)}.Append(ln.msg(), l))
	}
	if cal := q.Calibration; cal != nil {
		agreement := wd.s(msg.MonthQualityAgreementUndefined{})
		if cal.Agreement != nil {
			agreement = wd.s(msg.MonthQualityAgreement{Nominal: fmt.Sprintf("%.2f", cal.Agreement.Nominal), Ordinal: fmt.Sprintf("%.2f", cal.Agreement.Ordinal)})
		}
		ref := nm.reference(cal.ReferenceBy)
		if cal.ReferenceBy == qa.ReferenceExpert {
			ref = wd.s(msg.MonthQualityReferenceExpert{By: ref, Expert: cal.Expert})
		}
		ln.put("   ", msg.MonthQualityCalibration{Session: cal.Session, Reference: ln.fixed(cal.Reference, 1, 0, false), By: ref, Agreement: agreement}.Append(ln.msg(), l))
		for _, e := range cal.Evaluators {
			// As for the improvers, the deviation shown is that of the
			// figures shown; whether it is outside tolerance is qa's
			// decision on the exact figures.
			ln.begin("     ")
			ln.buf = appendPad(ln.buf, e.Evaluator, 10)
			ln.buf = append(ln.buf, ' ')
			start := len(ln.buf)
			ln.buf = rightAlign(appendFixed(ln.buf, round1(e.Score), 1, false), start, 5)
			ln.buf = append(ln.buf, "  "...)
			start = len(ln.buf)
			ln.buf = rightAlign(appendFixed(ln.buf, round1(e.Score)-round1(cal.Reference), 1, true), start, 5)
			for _, f := range cal.Flagged {
				if f == e.Evaluator {
					ln.buf = append(ln.buf, "  "...)
					ln.add(msg.MonthQualityRecalibrate{}.Append(ln.msg(), l))
				}
			}
			ln.end()
		}
	}
	disputes := inOrder(ro, q.Disputes, func(d *qa.Dispute) (string, string) {
		return ro.teamOf(d.Evaluation.Agent), d.Evaluation.Agent
	})
	for _, d := range disputes {
		cur := d.Current()
		if d.Held() {
			ln.put("   ", msg.MonthQualityDisputeOpen{Evaluation: d.Evaluation.ID, Agent: d.Evaluation.Agent, Score: ln.fixed(cur.Score, 1, 0, false)}.Append(ln.msg(), l))
			continue
		}
		first := d.Versions[0]
		ln.put("   ", msg.MonthQualityDispute{Evaluation: d.Evaluation.ID, Agent: d.Evaluation.Agent, Status: nm.status(d.Status),
			From: ln.fixed(first.Score, 1, 0, false), To: ln.fixed(cur.Score, 1, 0, false)}.Append(ln.msg(), l))
	}
	for _, f := range inOrder(ro, q.Findings, func(f *incentives.QAViolation) (string, string) { return ro.teamOf(f.Agent), f.Agent }) {
		ln.put("   ", msg.MonthQualityFinding{Evaluation: f.Evaluation, Agent: f.Agent, Items: nm.qaItems(f.Scorecard, f.Items), Kind: nm.incentive(f.Violation.Kind)}.Append(ln.msg(), l))
	}
	for _, f := range inOrder(ro, q.HeldFindings, func(f *incentives.HeldFinding) (string, string) { return ro.teamOf(f.Agent), f.Agent }) {
		if f.Dispute == "" {
			ln.put("   ", msg.MonthQualityHeldUndisputed{Evaluation: f.Evaluation, Agent: f.Agent, Items: nm.qaItems(f.Scorecard, f.Items), Kind: nm.incentive(f.Kind)}.Append(ln.msg(), l))
		} else {
			ln.put("   ", msg.MonthQualityHeldDisputed{Evaluation: f.Evaluation, Agent: f.Agent, Items: nm.qaItems(f.Scorecard, f.Items), Kind: nm.incentive(f.Kind)}.Append(ln.msg(), l))
		}
	}
	if len(q.Improvers) > 0 {
		ln.put("   ", msg.MonthQualityImprovers{}.Append(ln.msg(), l))
		for _, im := range q.Improvers {
			// The rise is worked out from the rounded means, so that the
			// three figures on the line agree with each other.
			from, to := round1(im.From), round1(im.To)
			ln.put("     ", msg.MonthQualityImprover{Agent: ln.pad(im.Agent, 12), From: ln.fixed(from, 1, 0, false), To: ln.fixed(to, 1, 0, false),
				Change: ln.fixed(to-from, 1, 0, true), Before: im.NFrom, Now: im.NTo}.Append(ln.msg(), l))
		}
	}
	if len(q.CareTalks) > 0 {
		ln.put("   ", msg.MonthQualityCareTalks{}.Append(ln.msg(), l))
		for _, ct := range inOrder(ro, q.CareTalks, func(ct *CareTalk) (string, string) { return ct.Team, ct.Agent }) {
			ln.begin("     ")
			ln.buf = appendPad(ln.buf, ct.Agent, 12)
			ln.buf = append(ln.buf, ' ')
			ln.buf = append(ln.buf, ct.Reason...)
			ln.end()
		}
	}
	ln.put("   ", msg.MonthQualityFeedback{}.Append(ln.msg(), l))
	key := func(f *AgentFeedback) (string, string) { return f.Team, f.Agent }
	shown, hidden := listed(ro, q.Feedback, x.detail, key)
	if len(q.Feedback) == 0 {
		ln.put("     ", msg.MonthQualityFeedbackNone{}.Append(ln.msg(), l))
	}
	for _, f := range shown {
		plan := f.Plan
		more := ""
		if !plan.EnoughStrengths {
			ln.vals = msg.MonthQualityFindMore{Strengths: wd.n(msg.MonthCountStrengths{N: plan.MissingStrengths}, int64(plan.MissingStrengths)),
				LookFor: plan.LookFor}.Append(ln.vals, l)
			more = ln.mark()
		}
		ln.put("     ", msg.MonthQualityFeedbackLine{Agent: ln.pad(f.Agent, 12), Mean: ln.fixed(f.Month, 1, 5, false),
			Evaluations: x.count(msg.MonthCountEvaluations{N: f.N}, int64(f.N)),
			Strengths:   x.count(msg.MonthCountStrengths{N: plan.Positives}, int64(plan.Positives)),
			Corrections: x.count(msg.MonthCountCorrections{N: plan.Negatives}, int64(plan.Negatives)), More: more}.Append(ln.msg(), l))
		for _, part := range plan.Parts {
			if part.Kind != "correction" {
				continue
			}
			if part.Critical != "" {
				ln.put("         ", msg.MonthQualityMissedCritical{Text: part.Text}.Append(ln.msg(), l))
			} else {
				ln.put("         ", msg.MonthQualityMissed{Text: part.Text}.Append(ln.msg(), l))
			}
			ln.put("           ", msg.MonthQualityHowToFix{Say: part.Say}.Append(ln.msg(), l))
		}
	}
	x.more(hidden + r.Omitted.Feedback)
	ln.put("   ", msg.MonthQualityNextSample{Evaluations: x.count(msg.MonthCountEvaluations{N: q.NextSample}, int64(q.NextSample))}.Append(ln.msg(), l))
}

func (x *render) conversations() {
	ln, wd, nm, r, ro, l := &x.line, x.w, x.nm, x.r, x.ro, x.l
	cr := &r.Coaching
	x.heading(msg.MonthConversationsHeading{}.Append(ln.msg(), l))
	ks := make([]coaching.Kind, 0, len(cr.Opened))
	for k := range cr.Opened {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i] < ks[j] })
	kinds := make([]string, len(ks))
	for i, k := range ks {
		kinds[i] = wd.s(msg.MonthConversationsKind{Kind: nm.kind(k), N: group(int64(cr.Opened[k]))})
	}
	cases := x.count(msg.MonthCountCases{N: cr.CasesTotal}, int64(cr.CasesTotal))
	if len(kinds) == 0 {
		ln.put("   ", msg.MonthConversationsCasesNone{Cases: cases}.Append(ln.msg(), l))
	} else {
		ln.put("   ", msg.MonthConversationsCases{Cases: cases, Opened: kinds}.Append(ln.msg(), l))
	}
	for _, h := range inOrder(ro, cr.Held, func(h *coaching.Proposal) (string, string) { return ro.teamOf(h.Subject), h.Subject }) {
		ln.put("   ", msg.MonthConversationsHeld{Kind: nm.kind(h.Kind), Subject: h.Subject, Reasons: x.because(h.Reasons)}.Append(ln.msg(), l))
	}
	for _, rd := range inOrder(ro, cr.Retention, func(rd *coaching.RetentionDecision) (string, string) { return ro.teamOf(rd.Subject), rd.Subject }) {
		if rd.Attempt {
			ln.put("   ", msg.MonthConversationsExitKeep{Subject: rd.Subject, Reasons: x.because(rd.Reasons)}.Append(ln.msg(), l))
		} else {
			ln.put("   ", msg.MonthConversationsExitLetGo{Subject: rd.Subject, Reasons: x.because(rd.Reasons)}.Append(ln.msg(), l))
		}
	}
	ln.put("   ", msg.MonthConversationsAsOf{AsOf: x.when(r.AsOf), Owed: x.count(msg.MonthCountStepsOwed{N: cr.Owed}, int64(cr.Owed)), Overdue: cr.Overdue,
		Silence: x.count(msg.MonthCountSilenceRisks{N: cr.Silence}, int64(cr.Silence))}.Append(ln.msg(), l))
	key := func(d *coaching.Reminder) (string, string) { return ro.teamOf(d.Subject), d.Subject }
	shown, hidden := listed(ro, cr.Urgent, x.detail, key)
	overdue, silence := wd.s(msg.MonthConversationsMarkOverdue{}), wd.s(msg.MonthConversationsMarkSilence{})
	for _, d := range shown {
		mark := overdue
		if d.SilenceRisk {
			mark = silence
		}
		agent, markCol, reasons := ln.pad(d.Subject, 12), ln.pad(mark, 12), x.because(d.Reasons)
		ln.vals = wd.appendLateness(ln.vals, d.Late.Std())
		late := ln.mark()
		ln.put("     ", msg.MonthConversationsUrgent{Agent: agent, Mark: markCol, Reasons: reasons, Due: x.when(d.Due), Late: late}.Append(ln.msg(), l))
	}
	x.more(hidden + r.Omitted.Urgent)
	if len(cr.Meetings) > 0 {
		ln.put("   ", msg.MonthConversationsMeetings{}.Append(ln.msg(), l))
		for _, mt := range cr.Meetings {
			meetings := x.count(msg.MonthCountMeetings{N: mt.Count, Title: mt.Title}, int64(mt.Count))
			for i, tp := range mt.Topics {
				if i > 0 {
					ln.vals = append(ln.vals, wd.sep...)
				}
				ln.vals = append(ln.vals, tp.Text...)
			}
			topics := ln.mark()
			if mt.Longer > 0 {
				ln.vals = appendGroup(ln.vals, int64(mt.Longer))
				longer := ln.mark()
				ln.put("     ", msg.MonthConversationsMeetingLonger{Meetings: meetings, Longer: longer, Topics: topics}.Append(ln.msg(), l))
			} else {
				ln.put("     ", msg.MonthConversationsMeeting{Meetings: meetings, Topics: topics}.Append(ln.msg(), l))
			}
		}
	}
	if pairs := len(cr.Pairings.Pairs) + r.Omitted.Pairs; pairs > 0 {
		ln.put("   ", msg.MonthConversationsPairs{NewHires: x.count(msg.MonthCountNewHires{N: pairs}, int64(pairs))}.Append(ln.msg(), l))
		key := func(pr *coaching.Pair) (string, string) { return pr.Team, pr.Mentee }
		shown, hidden := listed(ro, cr.Pairings.Pairs, x.detail, key)
		for _, pr := range shown {
			ln.put("     ", msg.MonthConversationsPair{Mentor: pr.Mentor, Mentee: pr.Mentee, Team: pr.Team}.Append(ln.msg(), l))
		}
		x.more(hidden + r.Omitted.Pairs)
	}
}

// lateness says how long past its deadline a step is, in English.
func lateness(d time.Duration) string { return english.lateness(d) }

func (x *render) incentives() {
	ln, wd, nm, r, ro, l, detail := &x.line, x.w, x.nm, x.r, x.ro, x.l, x.detail
	st := &r.Incentives.Statement
	x.heading(msg.MonthIncentivesHeading{Period: st.Period.ID, Currency: st.Currency}.Append(ln.msg(), l))
	holdLines := r.Incentives.HoldLines
	c := &st.Center
	ln.vals = wd.appendPoints(ln.vals, c.Points)
	points := ln.mark()
	ln.put("   ", msg.MonthIncentivesCenter{Bonus: x.money(c.Bonus, 0), Fines: x.money(c.Fines, 0), Net: x.money(c.Net, 0), Points: points}.Append(ln.msg(), l))
	if holdLines > 0 {
		ln.put("   ", msg.MonthIncentivesHeldCenter{Lines: x.count(msg.MonthCountLines{N: holdLines}, int64(holdLines)), Bonus: x.money(c.HeldBonus, 0), Fines: x.money(c.HeldFines, 0)}.Append(ln.msg(), l))
	}
	for _, t := range inOrder(ro, st.Teams, func(t *incentives.TeamTotal) (string, string) { return t.Team, "" }) {
		ln.put("     ", msg.MonthIncentivesTeam{Team: ln.pad(t.Team, 10), Agents: x.countLeft(msg.MonthCountAgents{N: t.Agents}, int64(t.Agents), 9),
			Bonus: x.money(t.Bonus, 12), Fines: x.money(t.Fines, 10), Net: x.money(t.Net, 12)}.Append(ln.msg(), l))
	}
	for _, ct := range st.Contests {
		ln.put("   ", msg.MonthIncentivesLeague{Contest: nm.incentive(ct.ID), Metric: nm.incentive(ct.Metric), Better: nm.better(string(ct.Better))}.Append(ln.msg(), l))
		table := ct.Table
		if detail > 0 && len(table) > detail {
			table = table[:detail]
		}
		noPrize := wd.s(msg.MonthIncentivesNoPrize{})
		for _, s := range table {
			ln.begin("     ")
			if s.Rank > 0 {
				start := len(ln.buf)
				ln.buf = rightAlign(strconv.AppendInt(ln.buf, int64(s.Rank), 10), start, 3)
			} else {
				ln.buf = append(ln.buf, "  -"...)
			}
			ln.buf = append(ln.buf, ' ')
			ln.buf = appendPad(ln.buf, s.Team, 10)
			ln.buf = append(ln.buf, ' ')
			start := len(ln.buf)
			ln.buf = rightAlign(appendFixed(ln.buf, s.Value, 1, false), start, 7)
			ln.buf = append(ln.buf, "  "...)
			if s.Prize != 0 {
				ln.add(msg.MonthIncentivesPrize{Prize: x.money(s.Prize, 0), Agents: x.count(msg.MonthCountAgents{N: s.Agents}, int64(s.Agents))}.Append(ln.msg(), l))
			} else {
				ln.buf = append(ln.buf, noPrize...)
			}
			ln.end()
		}
		if n := len(ct.Table) - len(table); n > 0 {
			ln.put("     ", msg.MonthMoreTeams{Teams: x.count(msg.MonthCountTeams{N: n}, int64(n))}.Append(ln.msg(), l))
		}
	}

	ln.put("   ", msg.MonthIncentivesRecognition{}.Append(ln.msg(), l))
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
		ln.begin("     ")
		start := len(ln.buf)
		ln.buf = msg.MonthIncentivesTeamName{Team: rc.Team}.Append(ln.buf, l)
		for n := 14 - columnsOf(ln.buf[start:]); n > 0; n-- {
			ln.buf = append(ln.buf, ' ')
		}
		ln.buf = append(ln.buf, ' ')
		ln.buf = wd.appendBecause(ln.buf, rc.Reasons)
		ln.end()
	}
	shownRec, hiddenRec := listed(ro, agentRec, detail, recKey)
	for _, rc := range shownRec {
		ln.begin("     ")
		ln.buf = appendPad(ln.buf, rc.Agent, 14)
		ln.buf = append(ln.buf, ' ')
		ln.buf = wd.appendBecause(ln.buf, rc.Reasons)
		ln.end()
	}
	x.more(hiddenRec + r.Omitted.Recognitions)
	if len(st.Public) == 0 {
		ln.put("     ", msg.MonthIncentivesNoneThisMonth{}.Append(ln.msg(), l))
	}
	items := r.Incentives.PrivateItems
	ln.put("   ", msg.MonthIncentivesPrivate{Items: x.count(msg.MonthCountItems{N: items}, int64(items))}.Append(ln.msg(), l))

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
		ln.put("   ", msg.MonthIncentivesSteps{}.Append(ln.msg(), l))
		shown, hidden := listed(ro, steps, detail, lineKey)
		for _, sl := range shown {
			ln.begin("     ")
			ln.buf = appendPad(ln.buf, sl.Agent, 12)
			ln.buf = append(ln.buf, ' ')
			ln.buf = appendPad(ln.buf, nm.step(sl.Step), 16)
			ln.buf = append(ln.buf, ' ')
			ln.buf = wd.appendBecause(ln.buf, sl.Reasons)
			ln.end()
		}
		x.more(hidden + r.Omitted.Steps)
	}
	if len(st.Protective) > 0 {
		ln.put("   ", msg.MonthIncentivesProtective{}.Append(ln.msg(), l))
		for _, pa := range inOrder(ro, st.Protective, func(pa *incentives.ProtectiveAction) (string, string) { return pa.Team, pa.Agent }) {
			ln.put("     ", msg.MonthIncentivesProtectiveLine{Agent: ln.pad(pa.Agent, 12), Action: ln.pad(nm.incentive(pa.Action), 27), Owner: nm.owner(pa.Owner)}.Append(ln.msg(), l))
		}
	}
	if len(holds) > 0 {
		ln.put("   ", msg.MonthIncentivesHolds{}.Append(ln.msg(), l))
		shown, hidden := listed(ro, holds, detail, lineKey)
		ruleW, effW := x.widths(shown)
		for i := range shown {
			ln.begin("     ")
			ln.buf = appendPad(ln.buf, shown[i].Agent, 12)
			ln.buf = append(ln.buf, ' ')
			x.statementLine(&shown[i], ruleW, effW)
		}
		x.more(hidden + r.Omitted.Holds)
	}
	if len(grades) > 0 {
		ln.put("   ", msg.MonthIncentivesGrades{}.Append(ln.msg(), l))
		shown, hidden := listed(ro, grades, detail, lineKey)
		for _, gl := range shown {
			ln.begin("     ")
			ln.buf = appendPad(ln.buf, gl.Agent, 12)
			ln.buf = append(ln.buf, " -> "...)
			ln.buf = appendPad(ln.buf, nm.incentive(gl.Grade), 14)
			ln.buf = append(ln.buf, ' ')
			ln.buf = wd.appendBecause(ln.buf, gl.Reasons)
			ln.end()
		}
		x.more(hidden + r.Omitted.Grades)
	}

	if detail > 0 {
		ln.put("   ", msg.MonthIncentivesLinesFirst{N: detail}.Append(ln.msg(), l))
	} else {
		ln.put("   ", msg.MonthIncentivesLinesAll{}.Append(ln.msg(), l))
	}
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
		r, e := x.widths(linesOf[at.Agent])
		ruleW, effW = max(ruleW, r), max(effW, e)
	}
	kindW := 8
	for _, k := range []incentives.LineKind{incentives.KindAward, incentives.KindPenalty, incentives.KindHold, incentives.KindGrade} {
		kindW = max(kindW, columns(nm.lineKind(k)))
	}
	for _, at := range agents {
		ln.begin("     ")
		ln.vals = wd.appendPoints(ln.vals, at.Points)
		points := ln.mark()
		ln.add(msg.MonthIncentivesAgentNet{Agent: ln.pad(at.Agent, 12), Net: x.money(at.Net, 0), Points: points}.Append(ln.msg(), l))
		if at.Held != 0 {
			ln.add(msg.MonthIncentivesAgentHeld{Held: x.money(at.Held, 0)}.Append(ln.msg(), l))
		}
		ln.end()
		lines := linesOf[at.Agent]
		for i := range lines {
			ln.begin("         ")
			ln.buf = appendPad(ln.buf, nm.lineKind(lines[i].Kind), kindW)
			ln.buf = append(ln.buf, ' ')
			x.statementLine(&lines[i], ruleW, effW)
		}
	}
	x.more(hidden + r.Omitted.Agents)
}

// statementLine ends a line of the statement with what the line is (its
// rule's title), its effect and its reasons, in columns of ruleW and
// effW.
func (x *render) statementLine(sl *incentives.Line, ruleW, effW int) {
	ln := &x.line
	ln.buf = appendPad(ln.buf, x.nm.lineTitle(sl), ruleW)
	ln.buf = append(ln.buf, ' ')
	start := len(ln.buf)
	ln.buf = rightAlign(x.w.appendEffect(ln.buf, *sl, x.appendMoney, x.nm), start, effW)
	ln.buf = append(ln.buf, "  "...)
	ln.buf = x.w.appendBecause(ln.buf, sl.Reasons)
	ln.end()
}

// widths are the widths, in columns, of the title and effect columns
// over lines, so that the columns line up whatever the policy's titles.
func (x *render) widths(lines []incentives.Line) (rule, eff int) {
	for i := range lines {
		rule = max(rule, columns(x.nm.lineTitle(&lines[i])))
		x.effect = x.w.appendEffect(x.effect[:0], lines[i], x.appendMoney, x.nm)
		eff = max(eff, columnsOf(x.effect))
	}
	return rule, eff
}

// lineEffect says what a statement line does, in English, with money
// written by money.
func lineEffect(l incentives.Line, money func(int64) string) string {
	return english.lineEffect(l, money, &names{w: english})
}

// because renders a decision's reasons as one line: each reason's
// sentence, in order, joined by "; ". Every section of the report
// explains itself through it, whichever package made the reasons, as a
// host's own renderer would; the rules, outcomes and figures stay in the
// JSON output for machines.
func because(rs []callfloor.Reason) string { return english.because(rs) }

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

func count64(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return group(n) + " " + many
}

// group writes an integer with thousands separators: 1,000,000.
func group(n int64) string { return string(appendGroup(nil, n)) }

// formatMoney writes minor units as "1,234.56"; the currency is in the
// section's heading.
func formatMoney(v int64, digits int) string { return string(appendMoney(nil, v, digits)) }
