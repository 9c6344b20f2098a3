package contract

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// spec is a small 3.1 description with the constructs callfloord's uses:
// a bearer scheme, type arrays with null, anyOf with a null type around a
// reference, additionalProperties false, enums, a date-time, a required
// query parameter, and a problem answer.
const spec = `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /things/{id}:
    post:
      operationId: thing.put
      security: [{bearer: []}]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/ThingInput'}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
        "422":
          description: bad
          content:
            application/problem+json:
              schema: {$ref: '#/components/schemas/Problem'}
  /due:
    get:
      operationId: due
      security: []
      parameters:
        - {name: at, in: query, required: true, schema: {type: string, format: date-time}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {n: {type: integer}}, required: [n], additionalProperties: false}
        "422":
          description: bad
          content:
            application/problem+json:
              schema: {$ref: '#/components/schemas/Problem'}
  /doc:
    get:
      operationId: doc
      security: []
      responses:
        "200":
          description: ok
          content:
            application/yaml: {}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
  schemas:
    Kind:
      type: string
      enum: [a, b]
    ThingInput:
      type: object
      properties:
        kind: {$ref: '#/components/schemas/Kind'}
        tags: {type: [array, "null"], items: {type: string}}
      additionalProperties: false
    Thing:
      type: object
      properties:
        id: {type: string}
        kind: {$ref: '#/components/schemas/Kind'}
        at: {type: string, format: date-time}
        tags: {type: [array, "null"], items: {type: string}}
        parent:
          anyOf:
            - {$ref: '#/components/schemas/Ref'}
            - {type: "null"}
      required: [id, kind, at, tags, parent]
      additionalProperties: false
    Ref:
      type: object
      properties:
        id: {type: string}
      required: [id]
      additionalProperties: false
    Problem:
      type: object
      properties:
        type: {type: string}
        title: {type: string}
        status: {type: integer}
      required: [type, title, status]
      additionalProperties: false
`

const goodThing = `{"id":"t1","kind":"a","at":"2026-03-02T09:00:00Z","tags":null,"parent":null}`

const problem = `{"type":"https://callfloor.dev/problems/invalid-input","title":"Invalid input","status":422}`

func TestCheck(t *testing.T) {
	v, err := New([]byte(spec))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name           string
		method, target string
		auth           string
		reqType        string
		reqBody        string
		status         int
		respType       string
		respBody       string
		// want is the violation's cause, nil for none.
		want error
		// reason is a text the violation must hold.
		reason string
	}{
		{name: "valid exchange", method: "POST", target: "/things/t1", auth: "Bearer x", reqType: "application/json",
			reqBody: `{"kind":"a"}`, status: 200, respType: "application/json", respBody: goodThing},
		{name: "an id holding an escaped slash is one segment", method: "POST", target: "/things/a%2Fb", auth: "Bearer x",
			reqType: "application/json", reqBody: `{"kind":"a"}`, status: 200, respType: "application/json", respBody: goodThing},
		{name: "type array and anyOf hold their non-null values", method: "POST", target: "/things/t1", auth: "Bearer x",
			reqType: "application/json", reqBody: `{"kind":"b","tags":["x"]}`, status: 200, respType: "application/json",
			respBody: `{"id":"t1","kind":"b","at":"2026-03-02T09:00:00Z","tags":["x"],"parent":{"id":"p"}}`},
		{name: "refused request answered with a problem", method: "POST", target: "/things/t1", auth: "Bearer x",
			reqType: "application/json", reqBody: `{"kind":"z"}`, status: 422, respType: "application/problem+json", respBody: problem},
		{name: "missing required field", method: "POST", target: "/things/t1", auth: "Bearer x", reqType: "application/json",
			reqBody: `{"kind":"a"}`, status: 200, respType: "application/json",
			respBody: `{"id":"t1","kind":"a","tags":null,"parent":null}`, reason: `"at"`},
		{name: "wrong type", method: "POST", target: "/things/t1", auth: "Bearer x", reqType: "application/json",
			reqBody: `{"kind":"a"}`, status: 200, respType: "application/json",
			respBody: `{"id":7,"kind":"a","at":"2026-03-02T09:00:00Z","tags":null,"parent":null}`, reason: "doesn't match schema"},
		{name: "null where the schema has no null", method: "POST", target: "/things/t1", auth: "Bearer x", reqType: "application/json",
			reqBody: `{"kind":"a"}`, status: 200, respType: "application/json",
			respBody: `{"id":"t1","kind":null,"at":"2026-03-02T09:00:00Z","tags":null,"parent":null}`, reason: "doesn't match schema"},
		{name: "value outside the enum", method: "POST", target: "/things/t1", auth: "Bearer x", reqType: "application/json",
			reqBody: `{"kind":"a"}`, status: 200, respType: "application/json",
			respBody: `{"id":"t1","kind":"c","at":"2026-03-02T09:00:00Z","tags":null,"parent":null}`, reason: "doesn't match schema"},
		{name: "undescribed field", method: "POST", target: "/things/t1", auth: "Bearer x", reqType: "application/json",
			reqBody: `{"kind":"a"}`, status: 200, respType: "application/json",
			respBody: `{"id":"t1","kind":"a","at":"2026-03-02T09:00:00Z","tags":null,"parent":null,"extra":1}`, reason: "doesn't match schema"},
		{name: "bad date-time", method: "POST", target: "/things/t1", auth: "Bearer x", reqType: "application/json",
			reqBody: `{"kind":"a"}`, status: 200, respType: "application/json",
			respBody: `{"id":"t1","kind":"a","at":"yesterday","tags":null,"parent":null}`, reason: "doesn't match schema"},
		{name: "undocumented status", method: "POST", target: "/things/t1", auth: "Bearer x", reqType: "application/json",
			reqBody: `{"kind":"a"}`, status: 409, respType: "application/problem+json", respBody: problem, reason: "status is not supported"},
		{name: "wrong content type", method: "POST", target: "/things/t1", auth: "Bearer x", reqType: "application/json",
			reqBody: `{"kind":"a"}`, status: 422, respType: "application/json", respBody: problem, reason: "response header Content-Type has unexpected value"},
		{name: "problem missing its title", method: "POST", target: "/things/t1", auth: "Bearer x", reqType: "application/json",
			reqBody: `{"kind":"z"}`, status: 422, respType: "application/problem+json",
			respBody: `{"type":"x","status":422}`, reason: `missing property 'title'`},
		{name: "refused body accepted", method: "POST", target: "/things/t1", auth: "Bearer x", reqType: "application/json",
			reqBody: `{"kind":"a","extra":1}`, status: 200, respType: "application/json", respBody: goodThing, want: ErrAcceptedRefused},
		{name: "no bearer token accepted", method: "POST", target: "/things/t1", reqType: "application/json",
			reqBody: `{"kind":"a"}`, status: 200, respType: "application/json", respBody: goodThing, want: ErrAcceptedRefused},
		{name: "missing query parameter answered with a problem", method: "GET", target: "/due", status: 422,
			respType: "application/problem+json", respBody: problem},
		{name: "missing query parameter accepted", method: "GET", target: "/due", status: 200,
			respType: "application/json", respBody: `{"n":1}`, want: ErrAcceptedRefused},
		{name: "bad query parameter accepted", method: "GET", target: "/due?at=soon", status: 200,
			respType: "application/json", respBody: `{"n":1}`, want: ErrAcceptedRefused},
		{name: "query parameter kept", method: "GET", target: "/due?at=2026-03-02T09:00:00Z", status: 200,
			respType: "application/json", respBody: `{"n":1}`},
		{name: "a body the description leaves open", method: "GET", target: "/doc", status: 200,
			respType: "application/yaml", respBody: "openapi: 3.1.0\n"},
		{name: "unknown path answered 404", method: "GET", target: "/nowhere", status: 404,
			respType: "application/problem+json", respBody: problem},
		{name: "unknown method answered 405", method: "DELETE", target: "/due", status: 405,
			respType: "application/problem+json", respBody: problem},
		{name: "unknown path answered 200", method: "GET", target: "/nowhere", status: 200,
			respType: "application/json", respBody: `{}`, want: ErrNoOperation},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := httptest.NewRequest(c.method, c.target, strings.NewReader(c.reqBody))
			if c.reqType != "" {
				req.Header.Set("Content-Type", c.reqType)
			}
			if c.auth != "" {
				req.Header.Set("Authorization", c.auth)
			}
			resp := &http.Response{StatusCode: c.status, Header: http.Header{"Content-Type": {c.respType}}}
			err := v.Check(req, []byte(c.reqBody), resp, []byte(c.respBody))
			if c.want == nil && c.reason == "" {
				if err != nil {
					t.Fatalf("Check = %v, want none", err)
				}
				return
			}
			var viol *Violation
			if !errors.As(err, &viol) {
				t.Fatalf("Check = %v, want a *Violation", err)
			}
			if viol.Method != c.method || viol.Path != strings.SplitN(c.target, "?", 2)[0] || viol.Status != c.status {
				t.Errorf("violation of %s %s %d, want %s %s %d", viol.Method, viol.Path, viol.Status, c.method, c.target, c.status)
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("Check = %v, want %v", err, c.want)
			}
			if c.reason != "" && !strings.Contains(err.Error(), c.reason) {
				t.Errorf("Check = %v, want it to say %q", err, c.reason)
			}
		})
	}
}

func TestTransport(t *testing.T) {
	v, err := New([]byte(spec))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		switch string(body) {
		case `{"kind":"a"}`:
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, goodThing)
		default:
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"id":"t1"}`)
		}
	}))
	defer srv.Close()
	client := &http.Client{Transport: v.Transport(nil)}
	post := func(body string) string {
		req, _ := http.NewRequest("POST", srv.URL+"/things/t1", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer x")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		got, _ := io.ReadAll(resp.Body)
		return string(got)
	}
	if got := post(`{"kind":"a"}`); got != goodThing {
		t.Errorf("the caller got %s, want the answer as it came, %s", got, goodThing)
	}
	if vs := v.Violations(); len(vs) != 0 {
		t.Fatalf("violations of a valid exchange: %v", vs)
	}
	if got := post(`{"kind":"b"}`); got != `{"id":"t1"}` {
		t.Errorf("the caller got %s, want the answer as it came", got)
	}
	vs := v.Violations()
	if len(vs) != 1 || !strings.Contains(vs[0].Error(), `POST /things/t1 answered 200: response body doesn't match schema`) {
		t.Fatalf("violations = %v, want one of the response body", vs)
	}
	if vs := v.Violations(); len(vs) != 0 {
		t.Errorf("Violations did not forget what it returned: %v", vs)
	}
}

// TestNullableIgnored shows why the description states null by type
// arrays: in a 3.1 document kin-openapi takes nullable for the unknown
// keyword it is there, and a null it would have let through is refused.
func TestNullableIgnored(t *testing.T) {
	v, err := New([]byte(strings.Replace(spec, "id: {type: string}\n      required: [id]", "id: {type: string, nullable: true}\n      required: [id]", 1)))
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("POST", "/things/t1", strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer x")
	resp := &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}}}
	body := `{"id":"t1","kind":"a","at":"2026-03-02T09:00:00Z","tags":null,"parent":{"id":null}}`
	if err := v.Check(req, []byte(`{}`), resp, []byte(body)); err == nil || !strings.Contains(err.Error(), "doesn't match schema") {
		t.Errorf("Check = %v, want the null id refused", err)
	}
}

func TestNewRefuses(t *testing.T) {
	cases := []struct{ name, spec, want string }{
		{"not YAML", "{", "contract: loading the description"},
		{"unknown reference", strings.Replace(spec, "'#/components/schemas/Ref'", "'#/components/schemas/Nowhere'", 1), "Nowhere"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := New([]byte(c.spec))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("New = %v, want an error saying %q", err, c.want)
			}
		})
	}
}

// FuzzCheck feeds Check answers of any status, type and body: it reports
// or passes them, and never panics.
func FuzzCheck(f *testing.F) {
	v, err := New([]byte(spec))
	if err != nil {
		f.Fatal(err)
	}
	f.Add("POST", "/things/t1", `{"kind":"a"}`, 200, "application/json", goodThing)
	f.Add("POST", "/things/t1", `{"kind":`, 422, "application/problem+json", problem)
	f.Add("GET", "/due?at=x", "", 200, "application/json", `{"n":"1"}`)
	f.Add("GET", "/doc", "", 200, "application/yaml", "- [")
	f.Add("PUT", "/things/%zz", "\x00", 999, "text/html; charset=\"", "<")
	f.Fuzz(func(t *testing.T, method, target, reqBody string, status int, respType, respBody string) {
		req, err := http.NewRequest(method, "http://x"+target, strings.NewReader(reqBody))
		if err != nil {
			return
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer x")
		resp := &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {respType}}}
		err = v.Check(req, []byte(reqBody), resp, []byte(respBody))
		var viol *Violation
		if err != nil && !errors.As(err, &viol) {
			t.Errorf("Check = %T %v, want a *Violation", err, err)
		}
	})
}
