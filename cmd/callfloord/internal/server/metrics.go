package server

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are a server's Prometheus metrics, on a registry of its own, so
// that one process may run several servers (as tests do) and a host that
// embeds the server keeps its own registry clean.
type metrics struct {
	reg         *prometheus.Registry
	requests    *prometheus.CounterVec
	duration    *prometheus.HistogramVec
	panics      prometheus.Counter
	reloads     *prometheus.CounterVec
	policyInfo  *prometheus.GaugeVec
	rateLimited prometheus.Counter
}

func newMetrics() *metrics {
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
		policyInfo: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "callfloor_policy_info",
			Help: "The policy running for each kind: its declared version, source hash and file (empty for the package default); always 1.",
		}, []string{"kind", "version", "hash", "file"}),
		rateLimited: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "callfloor_rate_limited_total",
			Help: "Requests refused 429 because their token holder went over the rate.",
		}),
	}
	m.reg.MustRegister(m.requests, m.duration, m.panics, m.reloads, m.policyInfo, m.rateLimited,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Both results are there from the start, so that an alert on
	// failures has a series to read before the first reload.
	m.reloads.WithLabelValues("success")
	m.reloads.WithLabelValues("failure")
	return m
}

// setPolicies makes policy_info name pol's policies and no others.
func (m *metrics) setPolicies(pol *Policies) {
	m.policyInfo.Reset()
	for _, p := range policyList(pol) {
		m.policyInfo.WithLabelValues(p.Kind, p.Version, p.Hash, p.File).Set(1)
	}
}
