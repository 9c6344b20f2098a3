package server

import "net/http"

// opsRoutes are the endpoints that run the service itself.
var opsRoutes = []route{
	{method: "GET", path: "/healthz", name: "healthz", handle: healthz},
}

// healthz answers while the process serves.
func healthz(q *request) (int, any, error) {
	return http.StatusOK, map[string]string{"status": "ok"}, nil
}
