// Command loadgen measures a running callfloord from a second process: it
// drives the service over N concurrent keep-alive connections for a fixed
// time or number of requests and prints, for each scenario, the requests
// made, the seconds taken, the rate and the latency percentiles.
//
// Usage, from cmd/callfloord:
//
//	go run ./internal/loadgen -write-tokens /tmp/lg/tokens.yaml -write-policies /tmp/lg/policies
//	callfloord -addr 127.0.0.1:8080 -tokens /tmp/lg/tokens.yaml -policies /tmp/lg/policies \
//	    -store postgres://... -rate 0 -log-level warn &
//	go run ./internal/loadgen -url http://127.0.0.1:8080 -conns 32 -duration 10s
//
// -write-tokens writes a token file for the two tokens loadgen sends by
// default, a lead's and a counselor's; -write-policies writes a coaching
// policy whose performance review may be rescheduled without bound, which
// the same-case scenario needs (the default allows two reschedules a
// step). Run the service with -rate 0, or the per-holder rate limit
// answers most requests 429, and with -log-level warn, or it writes a log
// line per request.
//
// The scenarios (-scenarios, comma separated):
//
//	triage-lead       POST /v1/mood/triage as the lead: the owed-only view, not audited
//	triage-counselor  POST /v1/mood/triage as a counselor: the whole result, audited,
//	                  so one store write per request
//	event-distinct    POST /v1/coaching/cases/{id}/events, each connection on cases
//	                  of its own: the five steps and the close of a performance review,
//	                  then a new case (the openings are not timed)
//	event-same        the same, every connection rescheduling one shared case, so that
//	                  writers conflict and retry; the case's history grows with every
//	                  event, so bound it with -requests
//
// A request is an error when it fails or answers another status than the
// scenario expects. Latencies are from just before the request is sent to
// the end of its body.
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/mood"
)

// The tokens loadgen sends unless told otherwise, and their holders as
// -write-tokens writes them.
const (
	defaultLeadToken      = "loadgen-lead"
	defaultCounselorToken = "loadgen-counselor"
	defaultLeadPerson     = "lg.lead"
)

// Bounds of a run, so that a mistyped flag cannot run for hours.
const (
	maxDuration = 10 * time.Minute
	maxRequests = 10_000_000
	maxConns    = 1024
)

// config is the command line.
type config struct {
	url            string
	scenarios      []string
	conns          int
	duration       time.Duration
	requests       int64
	warmup         time.Duration
	leadToken      string
	counselorToken string
	leadPerson     string
	writeTokens    string
	writePolicies  string
}

func main() {
	cfg, err := parseFlags(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "loadgen: %v\n", err)
		os.Exit(2)
	}
	if cfg.writeTokens != "" || cfg.writePolicies != "" {
		if err := writeFiles(cfg); err != nil {
			fmt.Fprintf(os.Stderr, "loadgen: %v\n", err)
			os.Exit(1)
		}
		return
	}
	var rows []result
	for _, name := range cfg.scenarios {
		r, err := runScenario(cfg, name)
		if err != nil {
			fmt.Fprintf(os.Stderr, "loadgen: %s: %v\n", name, err)
			os.Exit(1)
		}
		rows = append(rows, r)
	}
	printTable(os.Stdout, cfg, rows)
}

func parseFlags(args []string) (config, error) {
	var c config
	var names string
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	fs.StringVar(&c.url, "url", "http://127.0.0.1:8080", "the service's base `URL`")
	fs.StringVar(&names, "scenarios", "triage-lead,triage-counselor,event-distinct,event-same", "comma-separated scenarios to run, in order")
	fs.IntVar(&c.conns, "conns", 32, "concurrent keep-alive connections")
	fs.DurationVar(&c.duration, "duration", 10*time.Second, "how long each scenario runs, at most")
	fs.Int64Var(&c.requests, "requests", 0, "requests each scenario makes, at most; 0 for no bound but -duration")
	fs.DurationVar(&c.warmup, "warmup", time.Second, "how long each scenario runs untimed before it is measured")
	fs.StringVar(&c.leadToken, "lead-token", defaultLeadToken, "bearer token of a lead")
	fs.StringVar(&c.counselorToken, "counselor-token", defaultCounselorToken, "bearer token of a counselor")
	fs.StringVar(&c.leadPerson, "lead-person", defaultLeadPerson, "the person -lead-token names, who signs the events")
	fs.StringVar(&c.writeTokens, "write-tokens", "", "write a token `file` for the default tokens and exit")
	fs.StringVar(&c.writePolicies, "write-policies", "", "write the same-case scenario's coaching policy into `dir` and exit")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	switch {
	case fs.NArg() > 0:
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case c.conns < 1 || c.conns > maxConns:
		return c, fmt.Errorf("-conns %d is not between 1 and %d", c.conns, maxConns)
	case c.duration <= 0 || c.duration > maxDuration:
		return c, fmt.Errorf("-duration %v is not between 0 and %v", c.duration, maxDuration)
	case c.requests < 0 || c.requests > maxRequests:
		return c, fmt.Errorf("-requests %d is not between 0 and %d", c.requests, maxRequests)
	case c.warmup < 0 || c.warmup > maxDuration:
		return c, fmt.Errorf("-warmup %v is not between 0 and %v", c.warmup, maxDuration)
	}
	for _, n := range strings.Split(names, ",") {
		if _, ok := scenarios[n]; !ok {
			return c, fmt.Errorf("unknown scenario %q; known: %s", n, strings.Join(scenarioNames(), ", "))
		}
		c.scenarios = append(c.scenarios, n)
	}
	return c, nil
}

// writeFiles writes the token file and the policy directory the service
// runs with under load.
func writeFiles(c config) error {
	if c.writeTokens != "" {
		var b strings.Builder
		b.WriteString("tokens:\n")
		for _, t := range []struct{ token, person, role string }{
			{defaultLeadToken, defaultLeadPerson, "lead"},
			{defaultCounselorToken, "lg.counselor", "counselor"},
		} {
			sum := sha256.Sum256([]byte(t.token))
			fmt.Fprintf(&b, "  - sha256: %s\n    person: %s\n    role: %s\n", hex.EncodeToString(sum[:]), t.person, t.role)
		}
		if err := os.WriteFile(c.writeTokens, []byte(b.String()), 0o600); err != nil {
			return err
		}
	}
	if c.writePolicies != "" {
		src, err := unboundedReschedules()
		if err != nil {
			return err
		}
		if err := os.MkdirAll(c.writePolicies, 0o700); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(c.writePolicies, "coaching.yaml"), src, 0o600); err != nil {
			return err
		}
	}
	return nil
}

// unboundedReschedules is the default coaching policy with the performance
// review's reschedules unbounded: its max_reschedules left out.
func unboundedReschedules() ([]byte, error) {
	src := coaching.DefaultPolicySource()
	const review = "  performance_review:\n"
	i := bytes.Index(src, []byte(review))
	if i < 0 {
		return nil, errors.New("the default coaching policy has no performance_review workflow")
	}
	const bound = "    max_reschedules: 2\n"
	j := bytes.Index(src[i:], []byte(bound))
	if j < 0 {
		return nil, errors.New("the default performance review declares no max_reschedules of 2")
	}
	out := slices.Concat(src[:i+j], src[i+j+len(bound):])
	out = bytes.Replace(out, []byte("\nversion: coaching-default-1\n"), []byte("\nversion: loadgen-unbounded-reschedules\n"), 1)
	if _, err := coaching.ParsePolicy(out); err != nil {
		return nil, fmt.Errorf("the policy made for the same-case scenario: %w", err)
	}
	return out, nil
}

// call is one request a worker makes.
type call struct {
	method, path, token string
	body                []byte
	want                int
}

// scenario makes the calls of one scenario. setup runs once before the
// workers start; worker makes one worker's next call, which may first
// make untimed calls of its own through w.untimed.
type scenario struct {
	setup  func(g *gen) error
	worker func(g *gen, w *worker) (call, error)
}

// gen is one scenario's run.
type gen struct {
	cfg    config
	client *http.Client
	// run names this run, so that cases of earlier runs never collide.
	run string
	// shared is the same-case scenario's case, and seq numbers its events.
	shared coaching.Case
	seq    atomic.Int64
}

// worker is one connection's state.
type worker struct {
	id int
	// c and step are the event-distinct scenario's current case and the
	// index of its next event; n counts the cases it opened.
	c    coaching.Case
	step int
	n    int
	// lat are the latencies measured, err the errors counted.
	lat  []time.Duration
	errs int64
	// firstErr is the first error seen, for the report.
	firstErr string
}

var scenarios = map[string]scenario{
	"triage-lead":      {worker: triageAs(func(c config) string { return c.leadToken })},
	"triage-counselor": {worker: triageAs(func(c config) string { return c.counselorToken })},
	"event-distinct":   {worker: distinctEvent},
	"event-same":       {setup: openShared, worker: sameEvent},
}

func scenarioNames() []string {
	names := make([]string, 0, len(scenarios))
	for n := range scenarios {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// base is when the scenarios' assessments and cases happen; the service
// reads no clock for them, so a fixed time gives the same work every run.
var base = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

// triageBody is a crisis PHQ-9 and a worrying morning meeting: the lead is
// owed a care talk, a counselor sees the whole result.
var triageBody = func() []byte {
	sc, err := mood.Score(mood.PHQ9, []int{2, 2, 1, 1, 2, 1, 1, 1, 1})
	if err != nil {
		panic(err)
	}
	sc.At = base.Add(-2 * time.Hour)
	b, err := json.Marshal(mood.Assessment{Agent: "a.li", At: base, Screenings: []mood.Screening{sc},
		Observations: []mood.Observation{{Kind: mood.SignalMorningMeeting, At: base.Add(-time.Hour), Note: "looked exhausted"}}})
	if err != nil {
		panic(err)
	}
	return b
}()

func triageAs(token func(config) string) func(g *gen, w *worker) (call, error) {
	return func(g *gen, w *worker) (call, error) {
		return call{method: "POST", path: "/v1/mood/triage", token: token(g.cfg), body: triageBody, want: http.StatusOK}, nil
	}
}

// open opens a performance review of subject at at, untimed.
func (g *gen) open(subject string, at time.Time) (coaching.Case, error) {
	body, _ := json.Marshal(map[string]any{"kind": coaching.PerformanceReview, "subject": subject, "opened": at})
	status, resp, err := g.do(call{method: "POST", path: "/v1/coaching/cases", token: g.cfg.leadToken, body: body})
	if err != nil {
		return coaching.Case{}, err
	}
	if status != http.StatusCreated {
		return coaching.Case{}, fmt.Errorf("opening a case answered %d: %s", status, resp)
	}
	var c coaching.Case
	return c, json.Unmarshal(resp, &c)
}

func eventsPath(id string) string { return "/v1/coaching/cases/" + url.PathEscape(id) + "/events" }

// distinctEvent is the next event of the worker's own case: its steps
// completed in order, then its close; then a new case.
func distinctEvent(g *gen, w *worker) (call, error) {
	pol := coaching.DefaultPolicy()
	wf, _ := pol.Workflow(coaching.PerformanceReview)
	if w.c.ID == "" || w.step > len(wf.Steps) {
		c, err := g.open(fmt.Sprintf("lg-%s-w%d-%d", g.run, w.id, w.n), base)
		if err != nil {
			return call{}, err
		}
		w.c, w.step = c, 0
		w.n++
	}
	at := base.Add(time.Duration(w.step+1) * time.Hour)
	e := coaching.Event{ID: fmt.Sprintf("e%d", w.step), Type: coaching.EventClose, At: at, By: g.cfg.leadPerson}
	if w.step < len(wf.Steps) {
		st := wf.Steps[w.step]
		e.Type, e.Step, e.Role = coaching.EventComplete, st.ID, st.Role
		for _, r := range st.Records {
			e.Records = append(e.Records, coaching.Record{Name: r, Value: r})
		}
	}
	w.step++
	body, err := json.Marshal(e)
	return call{method: "POST", path: eventsPath(w.c.ID), token: g.cfg.leadToken, body: body, want: http.StatusOK}, err
}

// openShared opens the case every worker of the same-case scenario
// reschedules.
func openShared(g *gen) error {
	c, err := g.open("lg-"+g.run+"-shared", base)
	g.shared = c
	return err
}

// sameEvent reschedules the shared case's first step. Every event has the
// same time, so that any order in which racing writers land is valid, and
// a deadline of its own.
func sameEvent(g *gen, w *worker) (call, error) {
	n := g.seq.Add(1)
	wf, _ := coaching.DefaultPolicy().Workflow(coaching.PerformanceReview)
	e := coaching.Event{ID: fmt.Sprintf("r%d", n), Type: coaching.EventReschedule, At: base.Add(time.Hour),
		Step: wf.Steps[0].ID, By: g.cfg.leadPerson, Due: base.Add(2*time.Hour + time.Duration(n)*time.Second)}
	body, err := json.Marshal(e)
	return call{method: "POST", path: eventsPath(g.shared.ID), token: g.cfg.leadToken, body: body, want: http.StatusOK}, err
}

// do sends one call and reads its whole answer.
func (g *gen) do(c call) (int, []byte, error) {
	req, err := http.NewRequestWithContext(context.Background(), c.method, g.cfg.url+c.path, bytes.NewReader(c.body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := g.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// result is one scenario's row of the table.
type result struct {
	name             string
	requests, errors int64
	seconds          float64
	p50, p99, p999   time.Duration
	firstErr         string
}

// runScenario runs one scenario: a warm-up, then the measured run, each
// over cfg.conns connections.
func runScenario(cfg config, name string) (result, error) {
	sc := scenarios[name]
	tr := &http.Transport{MaxIdleConnsPerHost: cfg.conns, MaxConnsPerHost: cfg.conns, IdleConnTimeout: time.Minute}
	defer tr.CloseIdleConnections()
	rb := make([]byte, 6)
	rand.Read(rb)
	g := &gen{cfg: cfg, client: &http.Client{Transport: tr, Timeout: 30 * time.Second}, run: hex.EncodeToString(rb)}
	if sc.setup != nil {
		if err := sc.setup(g); err != nil {
			return result{}, err
		}
	}
	workers := make([]*worker, cfg.conns)
	for i := range workers {
		workers[i] = &worker{id: i}
	}
	if cfg.warmup > 0 {
		drive(g, sc, workers, cfg.warmup, 0)
		for _, w := range workers {
			w.lat, w.errs, w.firstErr = w.lat[:0], 0, ""
		}
	}
	elapsed := drive(g, sc, workers, cfg.duration, cfg.requests)
	var all []time.Duration
	r := result{name: name, seconds: elapsed.Seconds()}
	for _, w := range workers {
		all = append(all, w.lat...)
		r.errors += w.errs
		if r.firstErr == "" {
			r.firstErr = w.firstErr
		}
	}
	r.requests = int64(len(all))
	slices.Sort(all)
	r.p50, r.p99, r.p999 = quantile(all, 0.50), quantile(all, 0.99), quantile(all, 0.999)
	return r, nil
}

// drive runs the workers until d has passed or limit calls (0: no
// limit) have been made, and returns how long they ran.
func drive(g *gen, sc scenario, workers []*worker, d time.Duration, limit int64) time.Duration {
	var issued atomic.Int64
	start := time.Now()
	stop := start.Add(d)
	var wg sync.WaitGroup
	for _, w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(stop) && (limit == 0 || issued.Add(1) <= limit) {
				c, err := sc.worker(g, w)
				if err != nil {
					w.fail(err.Error())
					continue
				}
				t0 := time.Now()
				status, body, err := g.do(c)
				w.lat = append(w.lat, time.Since(t0))
				switch {
				case err != nil:
					w.fail(err.Error())
				case status != c.want:
					w.fail(fmt.Sprintf("%s %s answered %d: %.200s", c.method, c.path, status, body))
				}
			}
		}()
	}
	wg.Wait()
	return time.Since(start)
}

func (w *worker) fail(msg string) {
	w.errs++
	if w.firstErr == "" {
		w.firstErr = msg
	}
}

// quantile is the q-quantile of sorted latencies, by the nearest rank.
func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func printTable(out io.Writer, cfg config, rows []result) {
	fmt.Fprintf(out, "%s, %d connections, %v per scenario", cfg.url, cfg.conns, cfg.duration)
	if cfg.requests > 0 {
		fmt.Fprintf(out, " or %d requests", cfg.requests)
	}
	fmt.Fprintln(out)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "scenario\trequests\tseconds\treq/s\tp50\tp99\tp99.9\terrors\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%.2f\t%.0f\t%s\t%s\t%s\t%d\t\n", r.name, r.requests, r.seconds, float64(r.requests)/r.seconds,
			ms(r.p50), ms(r.p99), ms(r.p999), r.errors)
	}
	tw.Flush()
	for _, r := range rows {
		if r.firstErr != "" {
			fmt.Fprintf(out, "%s: first error: %s\n", r.name, r.firstErr)
		}
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond)) }
