// Package contract holds callfloord to its OpenAPI description: it
// checks each request and its answer against the description the service
// serves, and records where they part.
//
// An answer breaks the contract when its status is not one the
// operation lists, when its content type is not the status's, or when
// its body does not match the status's schema. A request the
// description refuses (a wrong type, an unknown field, a value no enum
// holds, no bearer token) may be answered with any status the operation
// lists but a success: a service that accepts what its description
// refuses has drifted from it. A request for an operation the
// description lacks breaks the contract unless it is answered 404 or
// 405.
//
// The description is OpenAPI 3.1. kin-openapi v0.153.0 loads 3.1 and,
// for a 3.1 document, openapi3filter validates bodies with a JSON Schema
// 2020-12 validator (santhosh-tekuri/jsonschema): type arrays such as
// ["array", "null"], const, and anyOf with {"type": "null"} all hold. Two
// limits shape the description. A schema that refers to a component and
// uses no 2020-12-only keyword (const, prefixItems, if, $defs and the
// like) is validated by kin-openapi's own OpenAPI 3.0 validator instead;
// that one also reads type arrays and null types, so the description uses
// only those and plain 3.0 keywords: no nullable, which 3.1 removed and
// the loader refuses in a 3.1 document, and no 2020-12-only keyword, whose
// presence would switch a schema to the other validator. And undocumented
// statuses are allowed unless asked for: the Validator asks
// (IncludeResponseStatus).
package contract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// Validator checks exchanges against one description. It is safe for
// concurrent use.
type Validator struct {
	doc    *openapi3.T
	router routers.Router

	mu         sync.Mutex
	violations []error
}

// New loads and validates a description (the YAML or JSON of an OpenAPI
// document). A description that does not load or is not valid OpenAPI is
// an error.
func New(spec []byte) (*Validator, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("contract: loading the description: %w", err)
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("contract: %w", err)
	}
	return &Validator{doc: doc, router: router}, nil
}

// Document is the loaded description.
func (v *Validator) Document() *openapi3.T { return v.doc }

// Violation is one exchange that breaks the description.
type Violation struct {
	// Method and Path are the request's.
	Method, Path string
	// Status is the answer's.
	Status int
	// Err says what broke.
	Err error
}

func (e *Violation) Error() string {
	return fmt.Sprintf("%s %s answered %d: %v", e.Method, e.Path, e.Status, e.Err)
}

func (e *Violation) Unwrap() error { return e.Err }

// ErrNoOperation is a Violation's cause when the description has no
// operation for the request and the answer is neither 404 nor 405.
var ErrNoOperation = errors.New("the description has no such operation")

// ErrAcceptedRefused is a Violation's cause when the service answered a
// success to a request the description refuses.
var ErrAcceptedRefused = errors.New("the service accepted a request the description refuses")

// Check checks one exchange: req was sent with the body reqBody, and
// resp was answered with the body respBody (their Body fields are not
// read). It returns the Violation, or nil when the exchange keeps the
// description. Check does not record what it finds; Transport does.
func (v *Validator) Check(req *http.Request, reqBody []byte, resp *http.Response, respBody []byte) error {
	violation := func(err error) error {
		return &Violation{Method: req.Method, Path: req.URL.Path, Status: resp.StatusCode, Err: err}
	}
	r := req.Clone(context.Background())
	r.Body = io.NopCloser(bytes.NewReader(reqBody))
	r.ContentLength = int64(len(reqBody))
	// Route by the path as sent: an id holding an escaped slash is one
	// segment, as the service's mux takes it.
	if r.URL.RawPath != "" {
		u := *r.URL
		u.Path, u.RawPath = r.URL.EscapedPath(), ""
		r.URL = &u
	}
	route, params, err := v.router.FindRoute(r)
	if err != nil {
		if resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusMethodNotAllowed {
			return nil
		}
		return violation(fmt.Errorf("%w: %v", ErrNoOperation, err))
	}
	opts := &openapi3filter.Options{
		IncludeResponseStatus: true,
		AuthenticationFunc:    bearer,
		MultiError:            false,
	}
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: opts}
	reqErr := openapi3filter.ValidateRequest(context.Background(), in)
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 resp.StatusCode,
		Header:                 resp.Header,
		Options:                opts,
	}
	out.SetBodyBytes(respBody)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		return violation(err)
	}
	if reqErr != nil && resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return violation(fmt.Errorf("%w: %v", ErrAcceptedRefused, reqErr))
	}
	return nil
}

// bearer is the description's one security scheme, as far as the
// request shows it: an Authorization header with a bearer token. Whether
// the service knows the token is the service's to say.
func bearer(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	if in.SecurityScheme == nil || in.SecurityScheme.Type != "http" || !strings.EqualFold(in.SecurityScheme.Scheme, "bearer") {
		return fmt.Errorf("security scheme %q is not a bearer token", in.SecuritySchemeName)
	}
	tok, ok := strings.CutPrefix(in.RequestValidationInput.Request.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		return errors.New("no bearer token in the Authorization header")
	}
	return nil
}

// Transport returns a RoundTripper that sends each request with base (nil
// is http.DefaultTransport), checks the exchange and records any
// Violation, which Violations returns. The caller gets the answer as it
// came; a request that fails to be sent is not checked.
func (v *Validator) Transport(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return roundTripper{v: v, base: base}
}

type roundTripper struct {
	v    *Validator
	base http.RoundTripper
}

func (t roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	var reqBody []byte
	if req.Body != nil && req.Body != http.NoBody {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		reqBody = b
		req = req.Clone(req.Context())
		req.Body = io.NopCloser(bytes.NewReader(b))
	}
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	respBody, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(respBody))
	if err := t.v.Check(req, reqBody, resp, respBody); err != nil {
		t.v.mu.Lock()
		t.v.violations = append(t.v.violations, err)
		t.v.mu.Unlock()
	}
	return resp, nil
}

// Violations returns the violations the Transport recorded, in the order
// the answers came, and forgets them.
func (v *Validator) Violations() []error {
	v.mu.Lock()
	defer v.mu.Unlock()
	out := v.violations
	v.violations = nil
	return out
}
