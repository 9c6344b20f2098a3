package main

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/internal/msg"
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
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	wd := english
	if l != msg.English() {
		wd = newWords(l)
	}
	x := &render{p: p, w: wd, nm: &names{w: wd, pol: r.pol}, r: r, ro: newRoster(r), detail: detail}

	p("%s", wd.s(msg.MonthTitle{Month: monthOf(r.Month, wd.monthLayout), AsOf: r.AsOf.Format(wd.asOfLayout)}))
	p("%s", wd.s(msg.MonthSize{Agents: wd.agents(r.Agents), Teams: wd.n(msg.MonthCountTeams{N: len(r.Teams)}, int64(len(r.Teams)))}))
	for _, pol := range r.Policies {
		area, ref, _ := strings.Cut(pol, " ")
		if m, ok := areas[area]; ok {
			area = wd.s(m)
		}
		p("  %s", wd.s(msg.MonthPolicy{Area: area, Ref: ref}))
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

// render is one rendering of a report.
type render struct {
	p      printer
	w      *words
	nm     *names
	r      *Report
	ro     *roster
	detail int
}

type printer = func(format string, args ...any)

// more says how many items a list left out.
func (x *render) more(n int) {
	if n > 0 {
		x.p("     %s", x.w.s(msg.MonthMore{N: n}))
	}
}

// when writes a deadline in English: "Mon Nov 2 18:00".
func when(t time.Time) string { return english.when(t) }

// pad writes s left-aligned in a column of width runes.
func pad(s string, width int) string { return fmt.Sprintf("%-*s", width, s) }

// padLeft writes s right-aligned in a column of width runes.
func padLeft(s string, width int) string { return fmt.Sprintf("%*s", width, s) }

func (x *render) climate() {
	p, wd, nm, r, ro := x.p, x.w, x.nm, x.r, x.ro
	p("\n%s", wd.s(msg.MonthClimateHeading{}))
	p("   %s", wd.s(msg.MonthClimateConfidential{}))
	climate := inOrder(ro, r.Climate, func(tc *TeamClimate) (string, string) { return tc.Team, "" })
	type teamItem struct {
		team string
		LeadItem
	}
	var owed []teamItem
	for _, tc := range climate {
		cl := tc.Climate
		line := fmt.Sprintf("   %-10s %9s", tc.Team, wd.agents(cl.Size))
		if mm := tc.MoodMap; mm.Mean != nil {
			line += "  " + wd.s(msg.MonthClimateMean{Mean: fmt.Sprintf("%.1f", *mm.Mean)})
		}
		if cl.AtRisk != nil {
			line += "  " + wd.s(msg.MonthClimateAtRisk{N: *cl.AtRisk, Share: fmt.Sprintf("%.0f", *cl.AtRiskShare*100)})
		}
		p("%s", line)
		if cl.Alarm {
			for _, rs := range cl.Reasons {
				p("              %s", wd.s(msg.MonthClimateAlarm{Reason: rs.Text}))
			}
			for _, a := range cl.Actions {
				p("              %s", wd.s(msg.MonthClimateTeamAction{Owner: nm.role(a.Owner), Code: a.Code, Deadline: wd.when(a.Deadline), Setting: nm.setting(a.Setting)}))
			}
		}
		for _, li := range tc.LeadOwes {
			owed = append(owed, teamItem{tc.Team, li})
		}
	}
	p("   %s", wd.s(msg.MonthClimateLeads{}))
	shown, hidden := listed(ro, owed, x.detail, func(it *teamItem) (string, string) { return it.team, it.Agent })
	if len(owed) == 0 {
		p("     %s", wd.s(msg.MonthClimateNothingOwed{}))
	}
	for _, it := range shown {
		p("     %s", wd.s(msg.MonthClimateOwed{Team: pad(it.team, 10), Agent: pad(it.Agent, 12), Code: pad(it.Owed.Code, 22),
			Deadline: wd.when(it.Owed.Deadline), Setting: nm.setting(it.Owed.Setting)}))
	}
	x.more(hidden + r.Omitted.LeadOwes)
	p("   %s", wd.s(msg.MonthClimateRouted{}))
	if len(r.CareRouted) == 0 {
		p("     %s", wd.s(msg.MonthClimateNothingRouted{}))
	}
	for _, ra := range r.CareRouted {
		p("     %s", wd.s(msg.MonthClimateRoutedLine{Owner: pad(nm.role(ra.Owner), 13), Code: pad(ra.Code, 27), Count: padLeft(group(int64(ra.Count)), 5), Earliest: wd.when(ra.Earliest)}))
	}
	if len(r.Cycles) > 0 {
		p("   %s", wd.s(msg.MonthClimateCycles{}))
		key := func(cy *CycleNote) (string, string) { return ro.teamOf(cy.Agent), cy.Agent }
		shown, hidden := listed(ro, r.Cycles, x.detail, key)
		for _, cy := range shown {
			f := cy.Finding
			p("     %s", wd.s(msg.MonthClimateCycle{Agent: pad(cy.Agent, 12), When: wd.patternPhrase(string(f.Pattern), f.Key),
				In: fmt.Sprintf("%.1f", f.MeanIn), Out: fmt.Sprintf("%.1f", f.MeanOut), Effect: fmt.Sprintf("%.1f", f.Effect),
				CheckIns: wd.n(msg.MonthCountCheckIns{N: f.NIn}, int64(f.NIn)), Others: strconv.Itoa(f.NOut),
				Owner: nm.role(cy.Action.Owner), Code: cy.Action.Code}))
		}
		x.more(hidden + r.Omitted.Cycles)
	}
}

// patternPhrase says when a recurring low comes, in English: "on
// mondays", "at month_end", "after personal_loss".
func patternPhrase(pattern, key string) string { return english.patternPhrase(pattern, key) }

func (x *render) quality() {
	p, wd, nm, r, ro := x.p, x.w, x.nm, x.r, x.ro
	q := &r.QA
	p("\n%s", wd.s(msg.MonthQualityHeading{}))
	p("   %s", wd.s(msg.MonthQualitySummary{Scored: wd.evaluations(q.Evaluations), ForPay: wd.n(msg.MonthCountForPay{N: q.PayRelevant}, int64(q.PayRelevant)),
		Mean: fmt.Sprintf("%.1f", q.Mean), Passed: fmt.Sprintf("%.0f", q.PassRate*100)}))
	for _, t := range inOrder(ro, q.Teams, func(t *TeamQA) (string, string) { return t.Team, "" }) {
		if t.N == 0 {
			p("     %s", wd.s(msg.MonthQualityTeamNone{Team: pad(t.Team, 10)}))
			continue
		}
		p("     %s", wd.s(msg.MonthQualityTeam{Team: pad(t.Team, 10), Evaluations: padLeft(wd.evaluations(t.N), 16),
			Mean: fmt.Sprintf("%5.1f", t.Mean), Passed: fmt.Sprintf("%3.0f", t.PassRate*100)}))
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
		p("   %s", wd.s(msg.MonthQualityCalibration{Session: cal.Session, Reference: fmt.Sprintf("%.1f", cal.Reference), By: ref, Agreement: agreement}))
		for _, e := range cal.Evaluators {
			flag := ""
			for _, f := range cal.Flagged {
				if f == e.Evaluator {
					flag = "  " + wd.s(msg.MonthQualityRecalibrate{})
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
			p("   %s", wd.s(msg.MonthQualityDisputeOpen{Evaluation: d.Evaluation.ID, Agent: d.Evaluation.Agent, Score: fmt.Sprintf("%.1f", cur.Score)}))
			continue
		}
		first := d.Versions[0]
		p("   %s", wd.s(msg.MonthQualityDispute{Evaluation: d.Evaluation.ID, Agent: d.Evaluation.Agent, Status: nm.status(d.Status),
			From: fmt.Sprintf("%.1f", first.Score), To: fmt.Sprintf("%.1f", cur.Score)}))
	}
	for _, f := range inOrder(ro, q.Findings, func(f *incentives.QAViolation) (string, string) { return ro.teamOf(f.Agent), f.Agent }) {
		p("   %s", wd.s(msg.MonthQualityFinding{Evaluation: f.Evaluation, Agent: f.Agent, Items: f.Items, Kind: f.Violation.Kind}))
	}
	for _, f := range inOrder(ro, q.HeldFindings, func(f *incentives.HeldFinding) (string, string) { return ro.teamOf(f.Agent), f.Agent }) {
		if f.Dispute == "" {
			p("   %s", wd.s(msg.MonthQualityHeldUndisputed{Evaluation: f.Evaluation, Agent: f.Agent, Items: f.Items, Kind: f.Kind}))
		} else {
			p("   %s", wd.s(msg.MonthQualityHeldDisputed{Evaluation: f.Evaluation, Agent: f.Agent, Items: f.Items, Kind: f.Kind}))
		}
	}
	if len(q.Improvers) > 0 {
		p("   %s", wd.s(msg.MonthQualityImprovers{}))
		for _, im := range q.Improvers {
			// The rise is worked out from the rounded means, so that the
			// three figures on the line agree with each other.
			from, to := round1(im.From), round1(im.To)
			p("     %s", wd.s(msg.MonthQualityImprover{Agent: pad(im.Agent, 12), From: fmt.Sprintf("%.1f", from), To: fmt.Sprintf("%.1f", to),
				Change: fmt.Sprintf("%+.1f", to-from), Before: im.NFrom, Now: im.NTo}))
		}
	}
	if len(q.CareTalks) > 0 {
		p("   %s", wd.s(msg.MonthQualityCareTalks{}))
		for _, ct := range inOrder(ro, q.CareTalks, func(ct *CareTalk) (string, string) { return ct.Team, ct.Agent }) {
			p("     %-12s %s", ct.Agent, ct.Reason)
		}
	}
	p("   %s", wd.s(msg.MonthQualityFeedback{}))
	key := func(f *AgentFeedback) (string, string) { return f.Team, f.Agent }
	shown, hidden := listed(ro, q.Feedback, x.detail, key)
	if len(q.Feedback) == 0 {
		p("     %s", wd.s(msg.MonthQualityFeedbackNone{}))
	}
	strengths := func(n int) string { return wd.n(msg.MonthCountStrengths{N: n}, int64(n)) }
	for _, f := range shown {
		plan := f.Plan
		enough := ""
		if !plan.EnoughStrengths {
			enough = wd.s(msg.MonthQualityFindMore{Strengths: strengths(plan.MissingStrengths), LookFor: plan.LookFor})
		}
		p("     %s", wd.s(msg.MonthQualityFeedbackLine{Agent: pad(f.Agent, 12), Mean: fmt.Sprintf("%5.1f", f.Month), Evaluations: wd.evaluations(f.N),
			Strengths: strengths(plan.Positives), Corrections: wd.n(msg.MonthCountCorrections{N: plan.Negatives}, int64(plan.Negatives)), More: enough}))
		for _, part := range plan.Parts {
			if part.Kind != "correction" {
				continue
			}
			if part.Critical != "" {
				p("         %s", wd.s(msg.MonthQualityMissedCritical{Text: part.Text}))
			} else {
				p("         %s", wd.s(msg.MonthQualityMissed{Text: part.Text}))
			}
			p("           %s", wd.s(msg.MonthQualityHowToFix{Say: part.Say}))
		}
	}
	x.more(hidden + r.Omitted.Feedback)
	p("   %s", wd.s(msg.MonthQualityNextSample{Evaluations: wd.evaluations(q.NextSample)}))
}

func (x *render) conversations() {
	p, wd, nm, r, ro := x.p, x.w, x.nm, x.r, x.ro
	cr := &r.Coaching
	p("\n%s", wd.s(msg.MonthConversationsHeading{}))
	ks := make([]coaching.Kind, 0, len(cr.Opened))
	for k := range cr.Opened {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i] < ks[j] })
	kinds := make([]string, len(ks))
	for i, k := range ks {
		kinds[i] = wd.s(msg.MonthConversationsKind{Kind: nm.kind(k), N: group(int64(cr.Opened[k]))})
	}
	cases := wd.n(msg.MonthCountCases{N: cr.CasesTotal}, int64(cr.CasesTotal))
	if len(kinds) == 0 {
		p("   %s", wd.s(msg.MonthConversationsCasesNone{Cases: cases}))
	} else {
		p("   %s", wd.s(msg.MonthConversationsCases{Cases: cases, Opened: kinds}))
	}
	for _, h := range inOrder(ro, cr.Held, func(h *coaching.Proposal) (string, string) { return ro.teamOf(h.Subject), h.Subject }) {
		p("   %s", wd.s(msg.MonthConversationsHeld{Kind: nm.kind(h.Kind), Subject: h.Subject, Reasons: wd.because(h.Reasons)}))
	}
	for _, rd := range inOrder(ro, cr.Retention, func(rd *coaching.RetentionDecision) (string, string) { return ro.teamOf(rd.Subject), rd.Subject }) {
		if rd.Attempt {
			p("   %s", wd.s(msg.MonthConversationsExitKeep{Subject: rd.Subject, Reasons: wd.because(rd.Reasons)}))
		} else {
			p("   %s", wd.s(msg.MonthConversationsExitLetGo{Subject: rd.Subject, Reasons: wd.because(rd.Reasons)}))
		}
	}
	p("   %s", wd.s(msg.MonthConversationsAsOf{AsOf: wd.when(r.AsOf), Owed: wd.n(msg.MonthCountStepsOwed{N: cr.Owed}, int64(cr.Owed)), Overdue: cr.Overdue,
		Silence: wd.n(msg.MonthCountSilenceRisks{N: cr.Silence}, int64(cr.Silence))}))
	key := func(d *coaching.Reminder) (string, string) { return ro.teamOf(d.Subject), d.Subject }
	shown, hidden := listed(ro, cr.Urgent, x.detail, key)
	overdue, silence := wd.s(msg.MonthConversationsMarkOverdue{}), wd.s(msg.MonthConversationsMarkSilence{})
	for _, d := range shown {
		mark := overdue
		if d.SilenceRisk {
			mark = silence
		}
		p("     %s", wd.s(msg.MonthConversationsUrgent{Agent: pad(d.Subject, 12), Mark: pad(mark, 12), Reasons: wd.because(d.Reasons),
			Due: wd.when(d.Due), Late: wd.lateness(d.Late.Std())}))
	}
	x.more(hidden + r.Omitted.Urgent)
	if len(cr.Meetings) > 0 {
		p("   %s", wd.s(msg.MonthConversationsMeetings{}))
		for _, mt := range cr.Meetings {
			meetings := wd.n(msg.MonthCountMeetings{N: mt.Count, Title: mt.Title}, int64(mt.Count))
			topics := make([]string, len(mt.Topics))
			for i, tp := range mt.Topics {
				topics[i] = tp.Text
			}
			joined := strings.Join(topics, wd.sep)
			if mt.Longer > 0 {
				p("     %s", wd.s(msg.MonthConversationsMeetingLonger{Meetings: meetings, Longer: group(int64(mt.Longer)), Topics: joined}))
			} else {
				p("     %s", wd.s(msg.MonthConversationsMeeting{Meetings: meetings, Topics: joined}))
			}
		}
	}
	if pairs := len(cr.Pairings.Pairs) + r.Omitted.Pairs; pairs > 0 {
		p("   %s", wd.s(msg.MonthConversationsPairs{NewHires: wd.n(msg.MonthCountNewHires{N: pairs}, int64(pairs))}))
		key := func(pr *coaching.Pair) (string, string) { return pr.Team, pr.Mentee }
		shown, hidden := listed(ro, cr.Pairings.Pairs, x.detail, key)
		for _, pr := range shown {
			p("     %s", wd.s(msg.MonthConversationsPair{Mentor: pr.Mentor, Mentee: pr.Mentee, Team: pr.Team}))
		}
		x.more(hidden + r.Omitted.Pairs)
	}
}

// lateness says how long past its deadline a step is, in English.
func lateness(d time.Duration) string { return english.lateness(d) }

func (x *render) incentives() {
	p, wd, nm, r, ro, detail := x.p, x.w, x.nm, x.r, x.ro, x.detail
	st := &r.Incentives.Statement
	money := func(v int64) string { return wd.money(v, st.MinorDigits) }
	p("\n%s", wd.s(msg.MonthIncentivesHeading{Period: st.Period.ID, Currency: st.Currency}))
	holdLines := r.Incentives.HoldLines
	c := &st.Center
	p("   %s", wd.s(msg.MonthIncentivesCenter{Bonus: money(c.Bonus), Fines: money(c.Fines), Net: money(c.Net), Points: wd.points(c.Points)}))
	if holdLines > 0 {
		p("   %s", wd.s(msg.MonthIncentivesHeldCenter{Lines: wd.n(msg.MonthCountLines{N: holdLines}, int64(holdLines)), Bonus: money(c.HeldBonus), Fines: money(c.HeldFines)}))
	}
	for _, t := range inOrder(ro, st.Teams, func(t *incentives.TeamTotal) (string, string) { return t.Team, "" }) {
		p("     %s", wd.s(msg.MonthIncentivesTeam{Team: pad(t.Team, 10), Agents: padLeft(wd.agents(t.Agents), 9),
			Bonus: padLeft(money(t.Bonus), 12), Fines: padLeft(money(t.Fines), 10), Net: padLeft(money(t.Net), 12)}))
	}
	for _, ct := range st.Contests {
		p("   %s", wd.s(msg.MonthIncentivesLeague{Contest: ct.ID, Metric: ct.Metric, Better: nm.better(string(ct.Better))}))
		table := ct.Table
		if detail > 0 && len(table) > detail {
			table = table[:detail]
		}
		noPrize := wd.s(msg.MonthIncentivesNoPrize{})
		for _, s := range table {
			rank := "  -"
			if s.Rank > 0 {
				rank = fmt.Sprintf("%3d", s.Rank)
			}
			prize := noPrize
			if s.Prize != 0 {
				prize = wd.s(msg.MonthIncentivesPrize{Prize: money(s.Prize), Agents: wd.agents(s.Agents)})
			}
			p("     %s %-10s %7.1f  %s", rank, s.Team, s.Value, prize)
		}
		if n := len(ct.Table) - len(table); n > 0 {
			p("     %s", wd.s(msg.MonthMoreTeams{Teams: wd.n(msg.MonthCountTeams{N: n}, int64(n))}))
		}
	}

	p("   %s", wd.s(msg.MonthIncentivesRecognition{}))
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
		p("     %-14s %s", wd.s(msg.MonthIncentivesTeamName{Team: rc.Team}), wd.because(rc.Reasons))
	}
	shownRec, hiddenRec := listed(ro, agentRec, detail, recKey)
	for _, rc := range shownRec {
		p("     %-14s %s", rc.Agent, wd.because(rc.Reasons))
	}
	x.more(hiddenRec + r.Omitted.Recognitions)
	if len(st.Public) == 0 {
		p("     %s", wd.s(msg.MonthIncentivesNoneThisMonth{}))
	}
	items := r.Incentives.PrivateItems
	p("   %s", wd.s(msg.MonthIncentivesPrivate{Items: wd.n(msg.MonthCountItems{N: items}, int64(items))}))

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
	effect := func(l incentives.Line) string { return wd.lineEffect(l, money, nm) }
	lineKey := func(l *incentives.Line) (string, string) { return l.Team, l.Agent }
	if len(steps) > 0 {
		p("   %s", wd.s(msg.MonthIncentivesSteps{}))
		shown, hidden := listed(ro, steps, detail, lineKey)
		for _, l := range shown {
			p("     %-12s %-16s %s", l.Agent, nm.step(l.Step), wd.because(l.Reasons))
		}
		x.more(hidden + r.Omitted.Steps)
	}
	if len(st.Protective) > 0 {
		p("   %s", wd.s(msg.MonthIncentivesProtective{}))
		for _, pa := range inOrder(ro, st.Protective, func(pa *incentives.ProtectiveAction) (string, string) { return pa.Team, pa.Agent }) {
			p("     %s", wd.s(msg.MonthIncentivesProtectiveLine{Agent: pad(pa.Agent, 12), Action: pad(pa.Action, 27), Owner: nm.role(pa.Owner)}))
		}
	}
	if len(holds) > 0 {
		p("   %s", wd.s(msg.MonthIncentivesHolds{}))
		shown, hidden := listed(ro, holds, detail, lineKey)
		ruleW, effW := widths(shown, effect)
		for _, l := range shown {
			p("     %-12s %-*s %*s  %s", l.Agent, ruleW, l.Rule(), effW, effect(l), wd.because(l.Reasons))
		}
		x.more(hidden + r.Omitted.Holds)
	}
	if len(grades) > 0 {
		p("   %s", wd.s(msg.MonthIncentivesGrades{}))
		shown, hidden := listed(ro, grades, detail, lineKey)
		for _, l := range shown {
			p("     %-12s -> %-14s %s", l.Agent, l.Grade, wd.because(l.Reasons))
		}
		x.more(hidden + r.Omitted.Grades)
	}

	if detail > 0 {
		p("   %s", wd.s(msg.MonthIncentivesLinesFirst{N: detail}))
	} else {
		p("   %s", wd.s(msg.MonthIncentivesLinesAll{}))
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
		r, e := widths(linesOf[at.Agent], effect)
		ruleW, effW = max(ruleW, r), max(effW, e)
	}
	kindW := 8
	for _, k := range []incentives.LineKind{incentives.KindAward, incentives.KindPenalty, incentives.KindHold, incentives.KindGrade} {
		kindW = max(kindW, utf8.RuneCountInString(nm.lineKind(k)))
	}
	for _, at := range agents {
		head := wd.s(msg.MonthIncentivesAgentNet{Agent: pad(at.Agent, 12), Net: money(at.Net), Points: wd.points(at.Points)})
		if at.Held != 0 {
			head += wd.s(msg.MonthIncentivesAgentHeld{Held: money(at.Held)})
		}
		p("     %s", head)
		for _, l := range linesOf[at.Agent] {
			p("         %-*s %-*s %*s  %s", kindW, nm.lineKind(l.Kind), ruleW, l.Rule(), effW, effect(l), wd.because(l.Reasons))
		}
	}
	x.more(hidden + r.Omitted.Agents)
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

// lineWidths are the widths of the rule and effect columns over lines, so
// that the columns line up whatever the policy's rule ids.
func lineWidths(lines []incentives.Line, money func(int64) string) (rule, effect int) {
	return widths(lines, func(l incentives.Line) string { return lineEffect(l, money) })
}

// widths are the widths, in runes, of the rule and effect columns over
// lines, each line's effect written by effect.
func widths(lines []incentives.Line, effect func(incentives.Line) string) (rule, eff int) {
	for _, l := range lines {
		rule = max(rule, utf8.RuneCountInString(l.Rule()))
		eff = max(eff, utf8.RuneCountInString(effect(l)))
	}
	return rule, eff
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
