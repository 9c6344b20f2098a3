package server

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are a server's Prometheus metrics, on a registry of its own, so
// that one process may run several servers (as tests do) and a host that
// embeds the server keeps its own registry clean.
type metrics struct {
	reg          *prometheus.Registry
	requests     *prometheus.CounterVec
	duration     *prometheus.HistogramVec
	panics       prometheus.Counter
	reloads      *prometheus.CounterVec
	rateLimited  prometheus.Counter
	authFailures *prometheus.CounterVec
}

// The reasons callfloor_auth_failures_total counts: no bearer token, or
// one the token file does not list. Nothing of the token itself is ever a
// label.
const (
	authMissing = "missing"
	authUnknown = "unknown"
)

// newMetrics makes a server's metrics; running gives the policies in
// force whenever policy_info is scraped.
func newMetrics(running func() *Policies) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "callfloor_requests_total",
			Help: "Requests answered, by endpoint name and HTTP status.",
		}, []string{"endpoint", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "callfloor_request_duration_seconds",
			Help:    "Time to answer a request, by endpoint name.",
			Buckets: prometheus.DefBuckets,
		}, []string{"endpoint"}),
		panics: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "callfloor_panics_total",
			Help: "Requests whose handler panicked; each was answered 500.",
		}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "callfloor_reloads_total",
			Help: "Reloads of the policies and tokens, by result (success or failure).",
		}, []string{"result"}),
		rateLimited: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "callfloor_rate_limited_total",
			Help: "Requests refused 429 because their token holder went over the rate.",
		}),
		authFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "callfloor_auth_failures_total",
			Help: "Requests refused 401, by reason: missing (no bearer token) or unknown (a token the token file does not list).",
		}, []string{"reason"}),
	}
	m.reg.MustRegister(m.requests, m.duration, m.panics, m.reloads, m.rateLimited, m.authFailures,
		policyInfo{running: running},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Every result and reason is there from the start, so that an alert
	// on failures has a series to read before the first one.
	m.reloads.WithLabelValues("success")
	m.reloads.WithLabelValues("failure")
	m.authFailures.WithLabelValues(authMissing)
	m.authFailures.WithLabelValues(authUnknown)
	return m
}

// policyInfoDesc describes callfloor_policy_info.
var policyInfoDesc = prometheus.NewDesc("callfloor_policy_info",
	"The policy running for each kind: its declared version, source hash and file (empty for the package default); always 1.",
	[]string{"kind", "version", "hash", "file"}, nil)

// policyInfo is callfloor_policy_info, read from the policies in force at
// each scrape: a reload replaces them in one step, so a scrape sees the
// old set or the new one, never neither nor a mix.
type policyInfo struct {
	running func() *Policies
}

// Describe sends policy_info's one description.
func (c policyInfo) Describe(ch chan<- *prometheus.Desc) { ch <- policyInfoDesc }

// Collect sends one series per kind of the policies in force.
func (c policyInfo) Collect(ch chan<- prometheus.Metric) {
	pol := c.running()
	if pol == nil {
		return
	}
	for _, p := range policyList(pol) {
		ch <- prometheus.MustNewConstMetric(policyInfoDesc, prometheus.GaugeValue, 1, p.Kind, p.Version, p.Hash, p.File)
	}
}
