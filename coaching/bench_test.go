package coaching

import (
	"fmt"
	"testing"
)

func BenchmarkParseDefaultPolicy(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ParsePolicy(defaultYAML); err != nil {
			b.Fatal(err)
		}
	}
}

// openCases opens n cases spread over the seven kinds, each one step in.
func openCases(b *testing.B, p *Policy, n int) []Case {
	b.Helper()
	kinds := Kinds()
	cases := make([]Case, n)
	for i := range cases {
		k := kinds[i%len(kinds)]
		c, err := p.Open(k, fmt.Sprintf("agent-%05d", i), t0.Add(-10*day))
		if err != nil {
			b.Fatal(err)
		}
		w := p.workflows[k]
		var r []Record
		for _, name := range w.steps[0].records {
			r = append(r, Record{Name: name, Value: "done"})
		}
		c, err = p.Apply(c, Event{ID: "first", Case: c.ID, By: "lead.wang", Type: EventComplete, Step: w.steps[0].id, At: t0.Add(-9 * day), Records: r})
		if err != nil {
			b.Fatal(err)
		}
		cases[i] = c
	}
	return cases
}

// BenchmarkApply applies the next step to each of 10,000 open cases; one
// op is the whole sweep.
func BenchmarkApply(b *testing.B) {
	p := DefaultPolicy()
	cases := openCases(b, p, 10_000)
	events := make([]Event, len(cases))
	for i, c := range cases {
		w := p.workflows[c.Kind]
		s := w.steps[1]
		var r []Record
		for _, name := range s.records {
			r = append(r, Record{Name: name, Value: "done"})
		}
		events[i] = Event{ID: "second", Case: c.ID, By: "lead.wang", Type: EventComplete, Step: s.id, At: t0, Records: r}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range cases {
			if _, err := p.Apply(cases[j], events[j]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkDue sweeps 10,000 open cases for what they owe, appending into
// one reused slice; one op is the whole sweep.
func BenchmarkDue(b *testing.B) {
	p := DefaultPolicy()
	cases := openCases(b, p, 10_000)
	buf := make([]Reminder, 0, 4*len(cases))
	now := t0.Add(20 * day)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf = buf[:0]
		for j := range cases {
			buf = p.AppendDue(buf, cases[j], now)
		}
	}
	if len(buf) == 0 {
		b.Fatal("nothing due")
	}
}

// BenchmarkApplyLongHistory applies one event to a performance interview
// that has used every reschedule the policy allows: fourteen events of
// history, each Apply copies them once.
func BenchmarkApplyLongHistory(b *testing.B) {
	p := DefaultPolicy()
	c, err := p.Open(PerformanceReview, "agent-1", t0)
	if err != nil {
		b.Fatal(err)
	}
	w := p.workflows[PerformanceReview]
	at := t0
	n := 0
	apply := func(e Event) {
		n++
		e.ID, e.Case, e.At, e.By = fmt.Sprint("e", n), c.ID, at, "lead.wang"
		if c, err = p.Apply(c, e); err != nil {
			b.Fatal(err)
		}
	}
	var last Event
	for i, s := range w.steps {
		for r := 0; r < w.view.MaxReschedules; r++ {
			apply(Event{Type: EventReschedule, Step: s.id, Due: at.Add(day)})
		}
		var recs []Record
		for _, name := range s.records {
			recs = append(recs, Record{Name: name, Value: "done"})
		}
		e := Event{Type: EventComplete, Step: s.id, Records: recs}
		if i == len(w.steps)-1 {
			last = e
			break
		}
		apply(e)
	}
	last.ID, last.Case, last.At, last.By = "last", c.ID, at, "lead.wang"
	if len(c.History) != 14 {
		b.Fatalf("history of %d events", len(c.History))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Apply(c, last); err != nil {
			b.Fatal(err)
		}
	}
}
