package server

import (
	_ "embed"
	"net/http"
)

// openapiYAML is the API's OpenAPI 3.1 description. It is generated from
// the Go types the service reads and writes (package apischema, whose
// test keeps this file equal to what it generates).
//
//go:embed openapi.yaml
var openapiYAML []byte

// OpenAPI returns the API's OpenAPI 3.1 description, as the service
// serves it, for clients and tests to hold the service to.
func OpenAPI() []byte { return append([]byte(nil), openapiYAML...) }

// openapiRoutes serve the API's OpenAPI description.
var openapiRoutes = []route{
	{method: "GET", path: "/v1/openapi.yaml", name: "openapi", handle: openapiDocument},
}

// openapiDocument answers the description, to anyone: it says what the
// API is, not what it holds.
func openapiDocument(q *request) (int, any, error) {
	q.w.Header().Set("Content-Type", "application/yaml")
	q.w.WriteHeader(http.StatusOK)
	q.w.Write(openapiYAML)
	return http.StatusOK, written{}, nil
}
