package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/callfloor/callfloor/coaching"
)

// TestE2ETwoReplicasOneCase runs two callfloord processes on one SQLite
// database, as two replicas behind a balancer, and sends each half of
// sixteen distinct events for one case at once. Every event answers 200
// and is in the case's history once: the processes share no lock, so
// only the store's version check keeps one replica from overwriting the
// other's event.
func TestE2ETwoReplicasOneCase(t *testing.T) {
	s := newE2ESite(t)
	// Without a bound on reschedules, every writer's event fits the step.
	unbounded := regexp.MustCompile(`(?m)^\s*max_reschedules:\s*\d+\s*\n`).ReplaceAll(coaching.DefaultPolicySource(), nil)
	s.writePolicy(t, "coaching.yaml", unbounded)
	replicas := []*e2eDaemon{startE2E(t, s), startE2E(t, s)}

	opened := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	pol := e2eMust[*coaching.Policy](t)(coaching.ParsePolicy(unbounded))
	c := e2eMust[coaching.Case](t)(pol.Open(coaching.PerformanceReview, "a.li", opened))
	opening := map[string]any{"kind": "performance_review", "subject": "a.li", "opened": opened}
	e2eWantJSON(t, "coaching.open", replicas[0].do(e2eTokLead, "POST", "/v1/coaching/cases", opening), 201, c)

	const writers = 16
	reqs := make([]*http.Request, writers)
	for i := range writers {
		at := opened.Add(time.Hour)
		e := coaching.Event{ID: fmt.Sprintf("move-%02d", i), Type: coaching.EventReschedule, At: at, Step: c.Steps[0].Step,
			By: e2eHolders[e2eTokLead].person, Due: at.Add(time.Duration(i+1) * 24 * time.Hour), Reason: "the agent is on leave"}
		reqs[i] = replicas[i%2].request(context.Background(), e2eTokLead, "POST", e2ePath("/v1/coaching/cases/", c.ID, "events"), e)
	}
	answers := make([]e2eExchange, writers)
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answers[i], errs[i] = replicas[i%2].send(reqs[i])
		}()
	}
	wg.Wait()
	for i := range writers {
		if errs[i] != nil || answers[i].status != 200 {
			t.Errorf("writer %d: %v %d %s", i, errs[i], answers[i].status, answers[i].body)
		}
	}

	x := replicas[1].do(e2eTokLead, "GET", e2ePath("/v1/coaching/cases/", c.ID), nil)
	var got coaching.Case
	if err := json.Unmarshal(x.body, &got); err != nil {
		t.Fatalf("GET case: %d %s: %v", x.status, x.body, err)
	}
	seen := map[string]int{}
	for _, e := range got.History {
		seen[e.ID]++
	}
	for i := range writers {
		if id := fmt.Sprintf("move-%02d", i); seen[id] != 1 {
			t.Errorf("event %s is in the history %d times, want once", id, seen[id])
		}
	}
	if len(got.History) != writers {
		t.Errorf("%d events in the history, want %d", len(got.History), writers)
	}
	// The case is what the library makes of the events in the order
	// they won.
	want := c
	for _, e := range got.History {
		e.Case = c.ID
		want = e2eMust[coaching.Case](t)(pol.Apply(want, e))
	}
	e2eWantJSON(t, "coaching.get", x, 200, want)
	for _, d := range replicas {
		d.stop()
	}
}
