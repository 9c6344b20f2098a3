package server

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// opsRoutes are the endpoints that run the service itself.
var opsRoutes = []route{
	{method: "GET", path: "/healthz", name: "healthz", handle: healthz},
	{method: "GET", path: "/readyz", name: "readyz", handle: readyz},
	{method: "GET", path: "/metrics", name: "metrics", handle: serveMetrics},
	{method: "GET", path: "/v1/policies", name: "policies", roles: Roles(), handle: listPolicies},
	{method: "POST", path: "/v1/admin/reload", name: "admin.reload", roles: []Role{RoleAdmin}, handle: adminReload},
}

// healthz answers while the process serves.
func healthz(q *request) (int, any, error) {
	return http.StatusOK, map[string]string{"status": "ok"}, nil
}

// readyTimeout bounds the store's answer to a readiness probe, so that a
// hung database fails the probe instead of hanging it.
const readyTimeout = 2 * time.Second

var errStoreDown = newProblem(http.StatusServiceUnavailable, "store-unavailable", "Store unavailable",
	"the store does not answer; stored endpoints and audited reads are refused until it does")

// readyz answers 200 when the service can serve all it offers: always
// when it runs without a store, else when the store answers a ping.
func readyz(q *request) (int, any, error) {
	st := q.s.cfg.Store
	if st == nil {
		return http.StatusOK, map[string]string{"status": "ready", "store": "none"}, nil
	}
	ctx, cancel := context.WithTimeout(q.ctx(), readyTimeout)
	defer cancel()
	if err := st.Ping(ctx); err != nil {
		q.s.log.Warn("store ping failed", "error", err.Error())
		return 0, nil, errStoreDown
	}
	return http.StatusOK, map[string]string{"status": "ready", "store": "ok"}, nil
}

// serveMetrics writes the server's metrics in Prometheus's text format.
func serveMetrics(q *request) (int, any, error) {
	promhttp.HandlerFor(q.s.metrics.reg, promhttp.HandlerOpts{}).ServeHTTP(q.w, q.r)
	return 0, written{}, nil
}

// policiesBody is the answer of GET /v1/policies and of a reload.
type policiesBody struct {
	Policies []Policy `json:"policies"`
}

// listPolicies names the policy running for each kind.
func listPolicies(q *request) (int, any, error) {
	return http.StatusOK, policiesBody{Policies: policyList(q.pol.Policies)}, nil
}

// adminReload reloads the policies and tokens and names the policies now
// running; when a file has problems, the 422 lists each with its file,
// line and column, and the running policies stay.
func adminReload(q *request) (int, any, error) {
	if err := q.s.Reload(); err != nil {
		return 0, nil, loadProblem(err)
	}
	return http.StatusOK, policiesBody{Policies: policyList(q.s.Policies())}, nil
}
