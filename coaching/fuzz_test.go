package coaching

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
)

func FuzzParsePolicy(f *testing.F) {
	// Small seeds keep the fuzzer fast; the default policy has its own
	// tests.
	f.Add([]byte(compactPolicy))
	if bad, err := os.ReadFile(filepath.Join("testdata", "bad.yaml")); err == nil {
		f.Add(bad)
	}
	f.Add([]byte("version: v\nroles: [r]\nworkflows: {}\n"))
	f.Add([]byte("version: v\nroles: [r]\nworkflows:\n  care:\n    phases: [p]\n    steps:\n      - {id: a, phase: p, role: r, after: b, within: 1d, setting: none}\n      - {id: b, phase: p, role: r, within: 1d, setting: none}\n"))
	f.Add([]byte("version: v\nroles: [r]\nworkflows: {}\nmeetings:\n  - {id: m, title: t, days: [monday, friday], at: \"08:45\", length: 10m, reason: r, topics: [{id: a, text: a}], longer: [{day: monday, by: 15m, reason: r}]}\n"))
	f.Add([]byte("version: v\nroles: [r]\nkinds: [chat, care]\nworkflows:\n  chat:\n    phases: [p]\n    steps:\n      - {id: a, phase: p, role: r, within: 1d, setting: one_to_one, feedback: true}\nexit:\n  reasons: [commute, commute]\nhiring:\n  dimensions: [courtesy]\n  hire_at: 3\n  hold_at: 2\n  max_spread: 1\n  questions: [{id: q, dimension: courtesy, text: t, rubric: [a, b, c, d, e]}]\nmeeting_zone: Asia/Shanghai\n"))
	f.Add([]byte("version: v\nroles: [r]\nworkflows:\n  care:\n    phases: [p]\n    steps:\n      - {id: a, title: talk it over, phase: p, role: r, within: 1d, setting: one_to_one}\n      - {id: b, title: \"\", phase: p, role: r, within: 1d, setting: none, feedback: true}\n"))
	f.Add([]byte("version: v\nroles: [r]\nworkflows: {}\nsignals: [a, b]\nexit:\n  retain_when: a >= 1 && !(b < 2)\nnames:\n  a: \"质 \\\"a\\\" &&\"\n  b: \"\"\n  C-1: x\n  c: y\n"))
	f.Add([]byte("version: v\nroles: [r]\nworkflows: {}\nsignals: [a, b]\nexit:\n  retain_when: a >= 1 || !(b < 2)\nnames:\n  a: \"质 \\\"a\\\" &&\"\n"))
	f.Add([]byte("version: v\nlocale: zh-CN\nroles: [r, q]\nkinds: [chat, care]\nworkflows:\n  chat:\n    phases: [p]\n    steps:\n      - {id: a, phase: p, role: q, within: 1d, setting: one_to_one, feedback: true}\n  care:\n    phases: [p]\n    steps:\n      - {id: a, phase: p, role: r, within: 1d, setting: one_to_one, feedback: true}\nexit:\n  reasons: [pay, move]\nhiring:\n  dimensions: [courtesy]\n  hire_at: 3\n  hold_at: 2\n  max_spread: 1\n  questions: [{id: q, dimension: courtesy, text: t, rubric: [a, b, c, d, e]}]\ntenure:\n  new_hire_for: 90d\n  veteran_after: 365d\n  new_hire: {care_every: 14d, guidance_every: 7d}\n  veteran: {attention_every: 30d, roles: [coach]}\n  pairing: {max_mentees: 2}\nnames:\n  r: 组长\n  q: 质检\n  chat: 聊天\n  move: 搬迁\n  courtesy: 礼貌\n  coach: 教练\n"))
	f.Add([]byte("a: &a [*a]"))
	f.Add([]byte("version: [\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := ParsePolicy(src)
		if err != nil {
			var pe *callfloor.PolicyError
			if !errors.As(err, &pe) || len(pe.Problems) == 0 {
				t.Fatalf("error %v is not a PolicyError with problems", err)
			}
			if p != nil {
				t.Fatal("a policy with problems was returned")
			}
			return
		}
		// A policy that compiles decides a retention on every signal it
		// declares, whatever its names, and writes the bar by them.
		all := Signals{}
		for _, s := range p.SignalNames() {
			all[s] = 0
		}
		if d, err := p.Retention("s", all); err != nil || len(d.Reasons) != 1 || d.Reasons[0].Text == "" {
			t.Fatalf("retention on every signal: %+v, %v", d, err)
		}
		// A policy that compiles shows every kind, role, dimension and
		// exit reason it runs by a name: the one its names give, when they
		// give one.
		named := func(what, id, name string) {
			if name == "" || (p.DisplayName(id) != id && name != p.DisplayName(id)) {
				t.Fatalf("%s %q is shown as %q; names give it %q", what, id, name, p.DisplayName(id))
			}
		}
		for _, k := range p.Kinds() {
			named("kind", string(k), p.KindName(k))
		}
		for _, r := range p.Roles() {
			named("role", r, p.RoleName(r))
		}
		for _, d := range p.Dimensions() {
			named("dimension", string(d), p.DimensionName(d))
		}
		for _, r := range p.ExitReasons() {
			named("exit reason", string(r), p.ExitReasonName(r))
		}
		// A policy that compiles lists its meetings of a week, each no
		// longer than the longest meeting.
		ms, err := p.Meetings(Team{ID: "north", Shifts: len(src)%2 == 0}, callfloor.Period{Start: t0, End: t0.Add(7 * day)})
		if err != nil {
			t.Fatalf("meetings: %v", err)
		}
		for _, m := range ms {
			if m.Length <= 0 || m.Length.Std() > maxMeetingLength || len(m.Topics) == 0 {
				t.Fatalf("meeting %s compiled with length %v and %d topics", m.Meeting, m.Length, len(m.Topics))
			}
		}
		// A policy that compiles runs every workflow it holds.
		for _, k := range Kinds() {
			w, ok := p.Workflow(k)
			if !ok {
				continue
			}
			c, err := p.Open(k, "s", t0)
			if err != nil {
				t.Fatalf("open %s: %v", k, err)
			}
			if !slices.ContainsFunc(w.Steps, func(s Step) bool { return s.Feedback }) {
				t.Fatalf("%s compiled with no feedback step", k)
			}
			for i, s := range w.Steps {
				if s.Role == "" || s.Within <= 0 {
					t.Fatalf("%s step %d compiled without role or deadline", k, i)
				}
				if strings.TrimSpace(s.Title) == "" {
					t.Fatalf("%s step %d compiled with no title to name it by", k, i)
				}
				if (w.Corrective || w.Exit) && s.Setting == callfloor.Group {
					t.Fatalf("%s step %d is a group talk", k, i)
				}
				var r []Record
				for _, name := range s.Records {
					r = append(r, Record{Name: name, Value: "v"})
				}
				c, err = p.Apply(c, Event{ID: fmt.Sprint(i), Case: c.ID, By: "lead.wang", Type: EventComplete, Step: s.ID, At: t0.Add(time.Duration(i) * time.Hour), Records: r})
				if err != nil {
					t.Fatalf("%s step %s: %v", k, s.ID, err)
				}
				checkCase(t, p, c)
			}
			if _, err := p.Apply(c, Event{ID: "close", Case: c.ID, By: "lead.wang", Type: EventClose, At: t0.Add(time.Duration(len(w.Steps)) * time.Hour)}); err != nil {
				t.Fatalf("%s close: %v", k, err)
			}
		}
	})
}

// compactPolicy uses every section of the policy in little space.
const compactPolicy = `version: v1
roles: [lead, hr]
workflows:
  employee_issue:
    employee_raised: true
    max_reschedules: 1
    phases: [talk, track]
    steps:
      - {id: a, phase: talk, role: lead, records: [notes], within: 3d, setting: one_to_one}
      - {id: b, phase: talk, role: lead, after: a, within: 2d, setting: group}
      - {id: c, phase: track, role: hr, records: [x, y], optional_records: [suggestion_adopted, z], after: open, within: 14d, setting: none, feedback: true}
  performance_problem:
    corrective: true
    phases: [p]
    steps:
      - {id: a, phase: p, role: lead, within: 36h, setting: one_to_one, feedback: true}
signals: [s, t]
triggers:
  - {id: r, kind: employee_issue, when: s >= 1 && !(t < 2), reason: why}
exit: {retain_when: s > 3 || t == 1, period: quarter}
hiring:
  hire_at: 3.5
  hold_at: 3
  max_spread: 1
  weights: {honesty: 2, stress_tolerance: 0, adaptability: 0, expression: 0, execution: 0, self_planning: 0, listening_comprehension: 0}
  floors: {honesty: 3}
  questions:
    - {id: q, dimension: honesty, text: t, rubric: [a, b, c, d, e]}
    - {id: k, dimension: professional_knowledge, text: t, rubric: [a, b, c, d, e]}
tenure:
  new_hire_for: 90d
  veteran_after: 365d
  new_hire: {care_every: 14d, guidance_every: 7d}
  veteran: {attention_every: 30d, roles: [mentor]}
  pairing: {max_mentees: 2}
`

// checkCase fails the test when c is not a state its workflow allows:
// steps done in order and only with their records, deadlines where the
// workflow puts them, reschedules within the bound, a closed case with
// every step done, and a history that accounts for every one of these.
func checkCase(t *testing.T, p *Policy, c Case) {
	t.Helper()
	w := p.workflows[c.Kind]
	if w == nil || len(c.Steps) != len(w.steps) {
		t.Fatalf("case %s does not follow its workflow", c.ID)
	}
	switch c.Status {
	case StatusOpen, StatusClosed, StatusCancelled:
	default:
		t.Fatalf("status %q", c.Status)
	}
	if c.Status == StatusCancelled && c.Reason == "" {
		t.Fatal("cancelled without a reason")
	}
	if c.Status != StatusCancelled && c.Reason != "" {
		t.Fatalf("a %s case with a cancel reason", c.Status)
	}
	// A case opened under another policy with the same steps keeps the
	// phases, roles, record names, deadlines and reschedules that policy
	// gave it; only what the history decides is held to this policy.
	own := c.Policy == p.id
	last := c.Opened
	pending := false
	for i, s := range c.Steps {
		ws := w.steps[i]
		if s.Step != ws.id || own && (s.Role != ws.role || s.Phase != ws.phase) {
			t.Fatalf("step %d is %+v, policy says %s", i, s, ws.id)
		}
		if s.Done.IsZero() {
			pending = true
			if c.Status == StatusClosed && !answeredOnTheSpot(&c) {
				t.Fatalf("closed with step %s owed", s.Step)
			}
			if s.Records != nil {
				t.Fatalf("owed step %s has records", s.Step)
			}
		} else {
			if pending {
				t.Fatalf("step %s done after an owed step", s.Step)
			}
			if s.Done.Before(last) || s.Done.After(c.Updated) {
				t.Fatalf("step %s done at %v, out of order", s.Step, s.Done)
			}
			last = s.Done
			keeps := ws.records
			if i == 0 && answeredOnTheSpot(&c) {
				keeps = w.spot
			}
			// Every record the step must keep, in order, then some of
			// those it may keep, in order.
			if own && (len(s.Records) < len(keeps) || len(s.Records) > len(keeps)+len(ws.optional)) {
				t.Fatalf("step %s records %v", s.Step, s.Records)
			}
			opt := 0
			for j, r := range s.Records {
				if r.Value == "" {
					t.Fatalf("step %s record %d is %+v", s.Step, j, r)
				}
				if !own {
					continue
				}
				if j < len(keeps) {
					if r.Name != keeps[j] {
						t.Fatalf("step %s record %d is %+v", s.Step, j, r)
					}
					continue
				}
				for opt < len(ws.optional) && ws.optional[opt] != r.Name {
					opt++
				}
				if opt == len(ws.optional) {
					t.Fatalf("step %s record %d is %+v, not one it may keep in order", s.Step, j, r)
				}
				opt++
			}
		}
		if own && s.Rescheduled == 0 {
			var want time.Time
			switch {
			case ws.after < 0:
				want = c.Opened.Add(ws.within)
			case !c.Steps[ws.after].Done.IsZero():
				want = c.Steps[ws.after].Done.Add(ws.within)
			}
			if !s.Due.Equal(want) {
				t.Fatalf("step %s due %v, want %v", s.Step, s.Due, want)
			}
		} else if s.Rescheduled < 0 || own && w.view.MaxReschedules >= 0 && s.Rescheduled > w.view.MaxReschedules {
			t.Fatalf("step %s rescheduled %d times", s.Step, s.Rescheduled)
		}
	}

	// The history accounts for the state, event by event.
	seen := map[string]bool{}
	prev := c.Opened
	done := make([]time.Time, len(c.Steps))
	given := make([][]Record, len(c.Steps))
	moved := make([]int, len(c.Steps))
	due := make([]time.Time, len(c.Steps))
	ended := false
	for _, e := range c.History {
		if e.ID == "" || seen[e.ID] {
			t.Fatalf("event %q empty or twice in the history", e.ID)
		}
		seen[e.ID] = true
		if e.Case != c.ID {
			t.Fatalf("event %s is for case %s", e.ID, e.Case)
		}
		if e.At.Before(prev) {
			t.Fatalf("history goes back in time at %s", e.ID)
		}
		prev = e.At
		if ended {
			t.Fatalf("event %s after the case ended", e.ID)
		}
		if e.Type != EventComplete && e.Type != EventAnswerOnTheSpot && e.Records != nil || e.Type != EventReschedule && !e.Due.IsZero() {
			t.Fatalf("event %s carries a field its type does not take", e.ID)
		}
		i, named := w.index[e.Step]
		switch e.Type {
		case EventComplete:
			if !named || !done[i].IsZero() || (i > 0 && done[i-1].IsZero()) {
				t.Fatalf("complete event %s for step %q out of order", e.ID, e.Step)
			}
			done[i], given[i] = e.At, e.Records
		case EventReschedule:
			if !named || !done[i].IsZero() || !e.Due.After(e.At) {
				t.Fatalf("reschedule event %s for step %q", e.ID, e.Step)
			}
			moved[i]++
			due[i] = e.Due
		case EventCancel:
			if e.Step != "" || e.Reason == "" || c.Status != StatusCancelled || e.Reason != c.Reason {
				t.Fatalf("cancel event %s", e.ID)
			}
			ended = true
		case EventClose:
			if e.Step != "" || c.Status != StatusClosed {
				t.Fatalf("close event %s", e.ID)
			}
			ended = true
		case EventAnswerOnTheSpot:
			if !named || i != 0 || !done[0].IsZero() || c.Status != StatusClosed ||
				!slices.ContainsFunc(e.Records, func(r Record) bool { return r.Name == RecordEmployeeConfirmation && r.Value != "" }) {
				t.Fatalf("answer on the spot %s for step %q", e.ID, e.Step)
			}
			done[i], given[i] = e.At, e.Records
			ended = true
		default:
			t.Fatalf("event %s of type %q in the history", e.ID, e.Type)
		}
	}
	if !ended && c.Status != StatusOpen {
		t.Fatalf("case %s with no event that ended it", c.Status)
	}
	if !c.Updated.Equal(prev) {
		t.Fatalf("updated %v, last event %v", c.Updated, prev)
	}
	for i, s := range c.Steps {
		if !s.Done.Equal(done[i]) || s.Rescheduled != moved[i] {
			t.Fatalf("step %s: done %v rescheduled %d; history says %v and %d", s.Step, s.Done, s.Rescheduled, done[i], moved[i])
		}
		if moved[i] > 0 && !s.Due.Equal(due[i]) {
			t.Fatalf("step %s due %v; its last reschedule says %v", s.Step, s.Due, due[i])
		}
		if len(given[i]) != len(s.Records) {
			t.Fatalf("step %s keeps %v; its event gave %v", s.Step, s.Records, given[i])
		}
		for _, r := range given[i] {
			if !slices.Contains(s.Records, r) {
				t.Fatalf("step %s keeps %v; its event gave %v", s.Step, s.Records, given[i])
			}
		}
	}
}

// FuzzApply drives a case with random events, under the default policy and
// a compact one with unbounded reschedules: every result is a state the
// workflow allows (checkCase), a refused event is a *callfloor.InputError and
// changes nothing, the case passed in is never changed, replaying an
// event is a no-op, each state round-trips through JSON, and an event
// applied to an older state leaves the newer one alone.
func FuzzApply(f *testing.F) {
	// Each op is five bytes: type, step, hours forward (less 16), records
	// and deadline, flags.
	f.Add(uint8(0), []byte{0, 0, 17, 1, 0, 0, 1, 17, 0, 0, 0, 2, 17, 0, 0, 0, 3, 17, 0, 0, 0, 4, 17, 0, 0, 3, 0, 17, 0, 0})
	f.Add(uint8(4), []byte{1, 1, 9, 0, 0, 1, 0, 0, 1, 0, 200, 0, 1, 5, 2, 0, 1, 0, 0, 0})
	f.Add(uint8(3), []byte{2, 0, 0, 0, 0, 3, 1, 0, 0, 0})
	f.Add(uint8(6), []byte{})
	// Reschedules of the compact policy's unbounded step, then a cancel
	// applied to an older state: a branch that must leave every later
	// state alone.
	f.Add(uint8(0x81), []byte{1, 0, 17, 20, 0, 1, 0, 17, 20, 0, 1, 0, 17, 20, 0, 1, 0, 17, 20, 0, 1, 0, 17, 20, 0, 2, 9, 17, 1, 0x70})
	// An issue answered on the spot, without and then with the
	// employee's confirmation, then an event after the close.
	f.Add(uint8(4), []byte{4, 0, 17, 0x08, 0, 4, 0, 17, 0, 0, 0, 1, 17, 0, 0})
	f.Add(uint8(0x80), []byte{4, 0, 17, 0, 0, 3, 0, 17, 0, 0})
	// Stray fields, an unknown role, another case.
	f.Add(uint8(5), []byte{0, 0, 17, 0, 0x02, 1, 1, 17, 0, 0x02, 0, 0, 17, 3, 0x04, 2, 0, 17, 1, 0x02, 0, 0, 17, 0, 0x01, 3, 9, 17, 0, 0})
	compact, err := ParsePolicy([]byte(compactPolicy))
	if err != nil {
		f.Fatal(err)
	}
	def := DefaultPolicy()
	f.Fuzz(func(t *testing.T, kind uint8, ops []byte) {
		p := def
		var kinds []Kind
		if kind&0x80 != 0 {
			p = compact
			kinds = []Kind{EmployeeIssue, PerformanceProblem}
		} else {
			kinds = Kinds()
		}
		k := kinds[int(kind&0x7f)%len(kinds)]
		w := p.workflows[k]
		c, err := p.Open(k, "agent", t0)
		if err != nil {
			t.Fatal(err)
		}
		checkCase(t, p, c)
		states := []Case{c}
		first, _ := json.Marshal(c)
		stored := []string{string(first)}
		at := t0
		for n := 0; len(ops) >= 5 && n < 64; n++ {
			op, stepIdx, dt, rec, flags := ops[0], ops[1], ops[2], ops[3], ops[4]
			ops = ops[5:]
			at = at.Add(time.Duration(int(dt)-16) * time.Hour)
			e := Event{ID: fmt.Sprintf("e%d", n%24), Case: c.ID, By: "lead.wang", At: at}
			if flags&0x01 != 0 {
				e.Case = "other"
			}
			stray := flags&0x02 != 0 // a field the event's type does not take
			var s *step
			switch {
			case int(stepIdx) < len(w.steps):
				s = &w.steps[stepIdx]
			case int(stepIdx) < len(w.steps)+2 && stepIdx%2 == 0:
				e.Step = "nope"
			}
			switch op % 6 {
			case 0:
				e.Type = EventComplete
				if s != nil {
					e.Step = s.id
					for j, name := range s.records {
						if rec&(1<<j) == 0 || rec&0x80 != 0 {
							e.Records = append(e.Records, Record{Name: name, Value: "v"})
						}
					}
					e.Records = withOptional(e.Records, s.optional, rec)
				}
				if stray {
					e.Due = at.Add(time.Hour)
				}
			case 1:
				e.Type = EventReschedule
				if s != nil {
					e.Step = s.id
				}
				e.Due = at.Add(time.Duration(int(rec&0x3f)-8) * time.Hour)
				if stray {
					e.Records = []Record{{Name: "x", Value: "v"}}
				}
			case 2:
				e.Type = EventCancel
				if rec%3 != 0 {
					e.Reason = "r"
				}
			case 3:
				e.Type = EventClose
			case 4:
				// An answer on the spot: the step's records, then the
				// answer and the confirmation, each left out by a bit.
				e.Type = EventAnswerOnTheSpot
				if s != nil {
					e.Step = s.id
					for j, name := range spotRecords(s.records) {
						if rec&(1<<j) == 0 || rec&0x80 != 0 {
							e.Records = append(e.Records, Record{Name: name, Value: "v"})
						}
					}
					e.Records = withOptional(e.Records, s.optional, rec)
				}
				if stray {
					e.Due = at.Add(time.Hour)
				}
			default:
				e.Type = EventType([]string{"", "skip"}[rec%2])
			}
			if stray && s != nil && (e.Type == EventCancel || e.Type == EventClose) {
				e.Step = s.id
			}
			switch {
			case flags&0x04 != 0:
				e.Role = "janitor"
			case flags&0x08 != 0:
				e.Role = "hr"
			}
			from, branch := c, false
			if flags&0x10 != 0 && len(states) > 1 {
				// An event applied to an older state: a branch, which
				// must leave the newest state alone.
				from, branch = states[int(flags>>5)%len(states)], true
			}
			before, _ := json.Marshal(from)
			next, err := p.Apply(from, e)
			after, _ := json.Marshal(from)
			if string(before) != string(after) {
				t.Fatal("Apply changed the case it was given")
			}
			if branch {
				for i, st := range states {
					if now, _ := json.Marshal(st); string(now) != stored[i] {
						t.Fatalf("Apply on an older state changed state %d", i)
					}
				}
			}
			if err != nil {
				var ie *callfloor.InputError
				if !errors.As(err, &ie) {
					t.Fatalf("error %v is not a *callfloor.InputError", err)
				}
				got, _ := json.Marshal(next)
				if string(got) != string(before) {
					t.Fatal("a refused event changed the case")
				}
				continue
			}
			checkCase(t, p, next)
			if _, err := p.checkCase(&next); err != nil {
				t.Fatalf("Apply made a case its own check refuses: %v", err)
			}
			again, err := p.Apply(next, e)
			if err != nil {
				t.Fatalf("replay: %v", err)
			}
			a1, _ := json.Marshal(next)
			a2, _ := json.Marshal(again)
			if string(a1) != string(a2) {
				t.Fatal("replaying an event changed the case")
			}
			var back Case
			if err := json.Unmarshal(a1, &back); err != nil {
				t.Fatal(err)
			}
			if b2, _ := json.Marshal(back); string(b2) != string(a1) {
				t.Fatal("the case does not round-trip through JSON")
			}
			for _, r := range p.Due(next, at) {
				if r.Case != c.ID || r.Due.IsZero() || r.Overdue != at.After(r.Due) || r.SilenceRisk && !(r.Overdue && w.view.EmployeeRaised) {
					t.Fatalf("reminder %+v", r)
				}
			}
			if !branch && len(next.History) > len(c.History) {
				c = next
				states = append(states, c)
				stored = append(stored, string(a1))
			}
		}
	})
}

// FuzzStoredCase feeds Apply a stored case as a host might hand it back:
// any JSON at all, seeded with real cases at several states. Apply must
// not panic, must refuse with a *callfloor.InputError, and whatever stored case it
// accepts must give a result that its history accounts for (checkCase),
// so that an edited case is never driven further.
func FuzzStoredCase(f *testing.F) {
	p := DefaultPolicy()
	c, err := p.Open(PerformanceReview, "agent-17", t0)
	if err != nil {
		f.Fatal(err)
	}
	events := []Event{
		{ID: "e1", Case: c.ID, By: "lead.wang", Type: EventComplete, Step: "analyze_scores", At: t0.Add(day), Records: []Record{{Name: "score_analysis", Value: "x"}}},
		{ID: "e2", Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: "make_interview_form", At: t0.Add(day), Due: t0.Add(5 * day), Reason: "r"},
		{ID: "e3", Case: c.ID, By: "lead.wang", Type: EventComplete, Step: "make_interview_form", At: t0.Add(2 * day), Records: []Record{{Name: "interview_form", Value: "f"}}},
		{ID: "e4", Case: c.ID, By: "lead.wang", Type: EventCancel, At: t0.Add(3 * day), Reason: "moved team"},
	}
	for i, e := range events {
		b, _ := json.Marshal(c)
		f.Add(b, uint8(i))
		if c, err = p.Apply(c, e); err != nil {
			f.Fatal(err)
		}
	}
	b, _ := json.Marshal(c)
	f.Add(b, uint8(0))
	// An issue from the suggestion box answered on the spot.
	issue, err := p.OpenIssue("agent-3", ChannelSuggestionBox, t0)
	if err != nil {
		f.Fatal(err)
	}
	spot, err := p.Apply(issue, Event{ID: "s1", Case: issue.ID, By: "lead.wang", Type: EventAnswerOnTheSpot, Step: "hold_interview", At: t0.Add(day),
		Records: []Record{{Name: "issue", Value: "i"}, {Name: "interview_notes", Value: "n"}, {Name: RecordAnswerGiven, Value: "a"}, {Name: RecordEmployeeConfirmation, Value: "c"}}})
	if err != nil {
		f.Fatal(err)
	}
	b, _ = json.Marshal(issue)
	f.Add(b, uint8(3))
	b, _ = json.Marshal(spot)
	f.Add(b, uint8(0x80))
	f.Add(b, uint8(3))
	// An issue whose suggestion was adopted at its feedback step, an
	// optional record, before and after the close.
	heard := issueHeard(f, p, "agent-4", t0)
	b, _ = json.Marshal(applyAll(f, p, heard, complete(heard, "f", "follow_up_feedback", t0.Add(5*day), feedbackRecs[0], feedbackRecs[1], adopted)))
	f.Add(b, uint8(4))
	f.Add(b, uint8(0x80|2))
	f.Add([]byte(`{"id":"care/a/x","kind":"care","status":"open","steps":null,"history":[{"id":"e"}]}`), uint8(1))
	// A case from another policy version past the length where ids and
	// records are searched through a map: more records than the step
	// keeps here, and more reschedules than this policy allows.
	long, _ := storedCase(f, p, callfloor.Identity{Version: "coaching-default-0", Hash: "000000000000"}, numbered(pairwiseMax+2), numbered(pairwiseMax+2), pairwiseMax+2)
	b, _ = json.Marshal(long)
	f.Add(b, uint8(2))
	f.Add(b, uint8(0x80|5))
	next := []Event{
		{ID: "n", By: "lead.wang", Type: EventComplete, Step: "analyze_scores", At: t0.Add(4 * day), Records: []Record{{Name: "score_analysis", Value: "x"}}},
		{ID: "n", By: "lead.wang", Type: EventComplete, Step: "make_interview_form", At: t0.Add(4 * day), Records: []Record{{Name: "interview_form", Value: "f"}}},
		{ID: "n", By: "lead.wang", Type: EventReschedule, Step: "hold_interview", At: t0.Add(4 * day), Due: t0.Add(9 * day)},
		{ID: "n", By: "lead.wang", Type: EventCancel, At: t0.Add(4 * day), Reason: "r"},
		{ID: "n", By: "lead.wang", Type: EventClose, At: t0.Add(4 * day)},
	}
	f.Fuzz(func(t *testing.T, src []byte, which uint8) {
		var stored Case
		if json.Unmarshal(src, &stored) != nil {
			return
		}
		e := next[int(which)%len(next)]
		e.Case = stored.ID
		if which&0x80 != 0 && len(stored.History) > 0 {
			e = stored.History[int(which)%len(stored.History)]
		}
		got, err := p.Apply(stored, e)
		if err != nil {
			var ie *callfloor.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not a *callfloor.InputError", err)
			}
			return
		}
		checkCase(t, p, got)
		if _, err := json.Marshal(got); err != nil {
			t.Fatalf("an accepted case does not store: %v", err)
		}
	})
}

// withOptional adds to the records of a fuzzed event those a step may
// keep, by the bits of rec: 0x40 adds each, first; 0x20 adds each twice
// or, for a step that may keep none, one it does not keep.
func withOptional(rs []Record, optional []string, rec uint8) []Record {
	if rec&0x40 != 0 {
		for _, name := range optional {
			rs = append([]Record{{Name: name, Value: "adopted"}}, rs...)
		}
	}
	if rec&0x20 != 0 {
		if len(optional) == 0 {
			return append(rs, Record{Name: RecordSuggestionAdopted, Value: "v"})
		}
		for _, name := range optional {
			rs = append(rs, Record{Name: name, Value: "again"})
		}
	}
	return rs
}

// answeredOnTheSpot reports whether the case was closed by an answer on
// the spot, which leaves the later steps owed.
func answeredOnTheSpot(c *Case) bool {
	n := len(c.History)
	return n > 0 && c.History[n-1].Type == EventAnswerOnTheSpot
}

// FuzzHostData feeds arbitrary numbers to every function that takes the
// host's data: none may panic, and an error is always a *callfloor.InputError.
func FuzzHostData(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
	f.Add(make([]byte, 64))
	f.Add([]byte{255, 255, 255, 255, 255, 255, 255, 248, 0, 1})
	p := DefaultPolicy()
	names := p.SignalNames()
	bank := p.QuestionBank()
	f.Fuzz(func(t *testing.T, data []byte) {
		next := func() uint64 {
			if len(data) < 8 {
				var b [8]byte
				copy(b[:], data)
				data = nil
				return binary.LittleEndian.Uint64(b[:])
			}
			v := binary.LittleEndian.Uint64(data)
			data = data[8:]
			return v
		}
		asInput := func(err error) {
			var ie *callfloor.InputError
			if err != nil && !errors.As(err, &ie) {
				t.Fatalf("error %v is not a *callfloor.InputError", err)
			}
		}
		sig := Signals{}
		for i := 0; i < 6; i++ {
			v := next()
			name := names[int(v%uint64(len(names)))]
			if v%17 == 0 {
				name = "unknown"
			}
			sig[name] = math.Float64frombits(next())
		}
		_, err := p.Propose("s", sig, nil)
		asInput(err)
		_, err = p.Retention("s", sig)
		asInput(err)

		var sheets []ScoreSheet
		for i := 0; i < 2; i++ {
			sh := ScoreSheet{Interviewer: fmt.Sprint("i", next()%3)}
			for j := 0; j < 12; j++ {
				v := next()
				sh.Answers = append(sh.Answers, Answer{Question: bank[int(v%uint64(len(bank)))].ID, Score: int(int8(v >> 8))})
			}
			sheets = append(sheets, sh)
		}
		r, err := p.ScoreInterview("c", sheets)
		asInput(err)
		if err == nil && (math.IsNaN(r.Total) || r.Total < 1 || r.Total > 5) {
			t.Fatalf("total %v", r.Total)
		}

		var staff []Employee
		var leavers []Leaver
		for i := 0; i < 5; i++ {
			v := next()
			hired := t0.Add(-time.Duration(int64(v%2000)-10) * day)
			staff = append(staff, Employee{ID: fmt.Sprint(v % 7), Team: fmt.Sprint(v % 3), Hired: hired, Away: v%11 == 0})
			leavers = append(leavers, Leaver{Subject: fmt.Sprint(v % 9), Team: fmt.Sprint(v % 2), At: hired, Reason: ExitReasons()[v%8], RetentionAttempted: v%3 == 0, Retained: v%5 == 0})
		}
		_, err = p.Pairings(staff, t0)
		asInput(err)
		_, err = p.Plan(staff[0], t0)
		asInput(err)
		_, err = p.Attrition(leavers, []Headcount{{Team: "0", Period: "2026-01", Count: int(next() % 4)}})
		asInput(err)

		// Times anywhere in time.Time's range, and periods in any form.
		when := time.Unix(int64(next()), int64(next()%1e9)).In(time.FixedZone("z", int(int64(next())%(30*3600))))
		c, err := p.Open(Kinds()[next()%7], "s", when)
		asInput(err)
		if err == nil {
			if _, err := json.Marshal(c); err != nil {
				t.Fatalf("an opened case does not store: %v", err)
			}
			_, err = p.Apply(c, Event{ID: "e", Case: c.ID, By: "lead.wang", Type: EventReschedule, Step: c.Steps[0].Step, At: when, Due: when.Add(time.Duration(next()))})
			asInput(err)
		}
		_ = p.Due(c, when)
		pl, err := p.Plan(Employee{ID: "a", Hired: when.Add(-time.Duration(next() % uint64(200*365*day)))}, when)
		asInput(err)
		if err == nil {
			if _, err := json.Marshal(pl); err != nil {
				t.Fatalf("a plan does not store: %v", err)
			}
		}
		_, err = p.Pairings(staff, when)
		asInput(err)
		leavers[0].At = when
		_, err = p.Attrition(leavers, []Headcount{{Team: "0", Period: fmt.Sprintf("%04d-%02d", next()%10000, next()%14), Count: int(next() % 8)}})
		asInput(err)
	})
}

func TestCompactPolicyParses(t *testing.T) {
	if _, err := ParsePolicy([]byte(compactPolicy)); err != nil {
		t.Fatal(err)
	}
}
