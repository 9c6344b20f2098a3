package main

import (
	"testing"
	"time"

	"github.com/callfloor/callfloor/coaching"
)

func TestQuantile(t *testing.T) {
	ms := func(n ...int) []time.Duration {
		out := make([]time.Duration, len(n))
		for i, v := range n {
			out[i] = time.Duration(v) * time.Millisecond
		}
		return out
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = i + 1
	}
	cases := []struct {
		sorted []time.Duration
		q      float64
		want   time.Duration
	}{
		{nil, 0.5, 0},
		{ms(7), 0.999, 7 * time.Millisecond},
		{ms(1, 2), 0.5, 1 * time.Millisecond},
		{ms(hundred...), 0.50, 50 * time.Millisecond},
		{ms(hundred...), 0.99, 99 * time.Millisecond},
		{ms(hundred...), 0.999, 100 * time.Millisecond},
		{ms(hundred...), 0, 1 * time.Millisecond},
	}
	for _, c := range cases {
		if got := quantile(c.sorted, c.q); got != c.want {
			t.Errorf("quantile(%d values, %v) = %v, want %v", len(c.sorted), c.q, got, c.want)
		}
	}
}

// TestUnboundedReschedules: the same-case scenario's policy lifts the
// bound of the performance review alone and changes nothing else.
func TestUnboundedReschedules(t *testing.T) {
	src, err := unboundedReschedules()
	if err != nil {
		t.Fatal(err)
	}
	pol, err := coaching.ParsePolicy(src)
	if err != nil {
		t.Fatal(err)
	}
	if v := pol.Identity().Version; v != "loadgen-unbounded-reschedules" {
		t.Errorf("version %q", v)
	}
	def := coaching.DefaultPolicy()
	for _, k := range def.Kinds() {
		got, _ := pol.Workflow(k)
		want, _ := def.Workflow(k)
		if k == coaching.PerformanceReview {
			want.MaxReschedules = -1
		}
		if got.MaxReschedules != want.MaxReschedules || len(got.Steps) != len(want.Steps) {
			t.Errorf("%s: max_reschedules %d and %d steps, want %d and %d", k, got.MaxReschedules, len(got.Steps), want.MaxReschedules, len(want.Steps))
		}
	}
}

func TestParseFlagsRefuses(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"-conns", "0"}, "-conns 0 is not between 1 and 1024"},
		{[]string{"-conns", "1025"}, "-conns 1025 is not between 1 and 1024"},
		{[]string{"-duration", "11m"}, "-duration 11m0s is not between 0 and 10m0s"},
		{[]string{"-requests", "-1"}, "-requests -1 is not between 0 and 10000000"},
		{[]string{"-warmup", "-1s"}, "-warmup -1s is not between 0 and 10m0s"},
		{[]string{"-scenarios", "triage-lead,triage"}, `unknown scenario "triage"; known: event-distinct, event-same, triage-counselor, triage-lead`},
		{[]string{"extra"}, `unexpected argument "extra"`},
	}
	for _, c := range cases {
		_, err := parseFlags(c.args)
		if err == nil || err.Error() != c.want {
			t.Errorf("parseFlags(%q) = %v, want %q", c.args, err, c.want)
		}
	}
	cfg, err := parseFlags([]string{"-scenarios", "event-same", "-conns", "1024", "-requests", "10000000"})
	if err != nil || cfg.conns != 1024 || cfg.requests != maxRequests || len(cfg.scenarios) != 1 {
		t.Errorf("the largest bounds: %+v, %v", cfg, err)
	}
}
