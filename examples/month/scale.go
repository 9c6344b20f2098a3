package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/callfloor/callfloor/internal/msg"
)

// scaleRun is one size of center measured by -scale.
type scaleRun struct {
	agents      int
	data, rules time.Duration
	render      time.Duration
	input       uint64 // live heap of the generated center
	held        uint64 // most live heap between the month's steps, input included
	peak        uint64 // highest live heap seen during the month, input included
	rss         uint64 // the process's peak resident set so far
}

// measureScale generates a center of each size in turn and runs its month
// end to end with the text report written nowhere, measuring the time of
// each part and the live heap: what the generated center holds, and the
// most the month adds to it. The live heap is read at the end of every
// garbage collection, which is when the runtime knows it.
func measureScale(sizes []int, seed uint64, detail int, lang string) ([]scaleRun, error) {
	pol, err := DefaultPoliciesFor(lang)
	if err != nil {
		return nil, err
	}
	loc, err := msg.Lookup(lang)
	if err != nil {
		return nil, err
	}
	var out []scaleRun
	for _, n := range sizes {
		runtime.GC()
		t0 := time.Now()
		c, err := Generate(n, seed)
		if err != nil {
			return nil, err
		}
		s := scaleRun{agents: n, data: time.Since(t0)}
		runtime.GC()
		s.input = liveHeap()

		// Between the steps, a collection measures what the month holds;
		// its time is not the month's.
		var probing time.Duration
		probe := func() {
			t := time.Now()
			runtime.GC()
			s.held = max(s.held, liveHeap())
			probing += time.Since(t)
		}
		w := watchLiveHeap()
		t1 := time.Now()
		r, err := Run(c, pol, Options{Detail: detail, probe: probe})
		if err != nil {
			return nil, err
		}
		s.rules = time.Since(t1) - probing
		t2 := time.Now()
		RenderIn(io.Discard, r, detail, loc)
		s.render = time.Since(t2)
		runtime.GC()
		s.peak = w.stop()
		s.rss = peakRSS()
		runtime.KeepAlive(c)
		runtime.KeepAlive(r)
		out = append(out, s)
	}
	return out, nil
}

// writeScale writes the measurements as a table, and the ratio of the
// largest center's time to the smallest's against the ratio of their
// sizes: a month that scales linearly keeps the two close.
func writeScale(w io.Writer, runs []scaleRun) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	p("%9s %8s %8s %8s %8s %10s %10s %12s %12s %10s", "agents", "data", "rules", "report", "total", "per agent", "input", "month holds", "heap peak", "peak RSS")
	perAgent := func(b uint64, s scaleRun) string {
		return group((int64(b)-int64(s.input))/int64(s.agents)) + " B/agent"
	}
	for _, s := range runs {
		total := s.data + s.rules + s.render
		p("%9s %8s %8s %8s %8s %10s %10s %12s %12s %10s", group(int64(s.agents)), seconds(s.data), seconds(s.rules), seconds(s.render),
			seconds(total), micros(total, s.agents), megabytes(s.input), perAgent(s.held, s), perAgent(s.peak, s), megabytes(s.rss))
	}
	if len(runs) >= 2 {
		a, b := runs[0], runs[len(runs)-1]
		ta, tb := a.data+a.rules+a.render, b.data+b.rules+b.render
		p("time(%s) / time(%s) = %.1f for %.1f times the agents", group(int64(b.agents)), group(int64(a.agents)),
			tb.Seconds()/ta.Seconds(), float64(b.agents)/float64(a.agents))
	}
	p("input: the live heap of the generated center. Beyond it, per agent: month holds, the most the month holds")
	p("between its steps (a collection forced there, its time left out; the most is once the statement is")
	p("evaluated, with every record); heap peak, the most live heap read at the end of any collection, which")
	p("also counts what was allocated while it ran; peak RSS: the process's highest resident memory so far.")
	p("%d cores (GOMAXPROCS %d)", runtime.NumCPU(), runtime.GOMAXPROCS(0))
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func micros(d time.Duration, n int) string {
	return fmt.Sprintf("%.1f µs", float64(d.Microseconds())/float64(n))
}

func megabytes(b uint64) string { return fmt.Sprintf("%s MB", group(int64(b>>20))) }

// liveHeap is the live heap as of the last garbage collection.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// heapWatch records the highest live heap at the end of each garbage
// collection while it runs.
type heapWatch struct {
	mu      sync.Mutex
	peak    uint64
	stopped bool
}

// watchLiveHeap starts a watch. It re-arms a finalizer on a sentinel at
// every collection, the runtime's own signal that one has finished.
func watchLiveHeap() *heapWatch {
	w := &heapWatch{peak: liveHeap()}
	w.arm()
	return w
}

type sentinel struct{ _ [16]byte }

func (w *heapWatch) arm() {
	s := &sentinel{}
	runtime.SetFinalizer(s, func(*sentinel) {
		w.mu.Lock()
		defer w.mu.Unlock()
		if w.stopped {
			return
		}
		w.peak = max(w.peak, liveHeap())
		w.arm()
	})
}

func (w *heapWatch) stop() uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.stopped = true
	return max(w.peak, liveHeap())
}

// parseSizes reads -scale's comma-separated sizes.
func parseSizes(s string) ([]int, error) {
	var sizes []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(f), "_", ""))
		if err != nil || n < 1 || n > maxAgents {
			return nil, fmt.Errorf("-scale takes sizes from 1 to %s separated by commas, not %q", group(maxAgents), f)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

// peakRSS is the process's highest resident set so far, from Linux's
// /proc/self/status; 0 where that is not available.
func peakRSS() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}
