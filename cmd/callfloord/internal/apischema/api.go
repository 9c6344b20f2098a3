package apischema

import (
	"bytes"
	"fmt"
	"net/http"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

// Media types of the description's bodies.
const (
	JSON        = "application/json"
	ProblemJSON = "application/problem+json"
	YAML        = "application/yaml"
	Text        = "text/plain"
)

// Operation is one endpoint as the description states it.
type Operation struct {
	Method, Path string
	// ID is the operation's id, the service's name for the endpoint
	// ("mood.triage").
	ID      string
	Summary string
	// Roles may call it; none for an endpoint open to anyone, which needs
	// no token.
	Roles []string
	// Notes say, after the roles, what else decides the answer.
	Notes string
	// Request is the type of the body, nil for none.
	Request reflect.Type
	// Query are the query parameters.
	Query []Param
	// Responses by status.
	Responses []Response
}

// Param is one query parameter.
type Param struct {
	Name, Description string
	Required          bool
	Schema            *Schema
}

// Response is one status an operation answers.
type Response struct {
	Status int
	// Media is the body's media type; Body its Go type, nil for a body
	// the description leaves open (YAML, Prometheus text).
	Media string
	Body  reflect.Type
}

// The statuses answered for the same reason by many endpoints.
var (
	// authed are the statuses of an endpoint that takes a token and
	// refuses some roles or people; 400 is a Callfloor-Purpose header the
	// audit trail could not keep.
	authed = []int{http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden, http.StatusTooManyRequests}
	// anyRole are those of an endpoint that takes a token of any role.
	anyRole = []int{http.StatusBadRequest, http.StatusUnauthorized, http.StatusTooManyRequests}
	// bodied are those of an endpoint that reads a JSON body.
	bodied = []int{http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity}
	// stored are those of an endpoint that keeps state.
	stored = []int{http.StatusNotFound, http.StatusConflict, http.StatusServiceUnavailable}
	// audited are those of an endpoint whose reads are audited: the read
	// is refused when the audit trail cannot be written.
	audited = []int{http.StatusServiceUnavailable}
)

// problems are the problem answers of the statuses of every list given,
// and 500, once each.
func problems(lists ...[]int) []Response {
	set := map[int]bool{http.StatusInternalServerError: true}
	for _, l := range lists {
		for _, s := range l {
			set[s] = true
		}
	}
	var out []Response
	for s := range set {
		out = append(out, Response{Status: s, Media: ProblemJSON, Body: reflect.TypeFor[Problem]()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Status < out[j].Status })
	return out
}

func ok(status int, body reflect.Type) Response {
	return Response{Status: status, Media: JSON, Body: body}
}

func with(first []Response, rest ...Response) []Response {
	return append(first, rest...)
}

// Operations are the API's endpoints, in the order the description lists
// them.
func Operations() []Operation {
	health := []string{"counselor", "crisis_owner", "hr"}
	dateTime := &Schema{Type: Types{"string"}, Format: "date-time"}
	return []Operation{
		{Method: "POST", Path: "/v1/mood/screenings", ID: "mood.score",
			Summary: "Score a questionnaire.",
			Roles:   append([]string{"agent"}, health...),
			Notes:   "An agent scores only their own answers (403 on field agent otherwise); any other caller must be one of the mood policy's care roles or the crisis owner (403 otherwise). The screening is health data: its reading is written to the audit trail first, and refused when it cannot be.",
			Request: reflect.TypeFor[MoodScoreRequest](),
			Responses: with([]Response{ok(200, reflect.TypeFor[mood.Screening]())},
				problems(authed, bodied, audited)...)},
		{Method: "POST", Path: "/v1/mood/triage", ID: "mood.triage",
			Summary: "Triage an assessment and return the caller's view of it.",
			Roles:   []string{"agent", "lead", "counselor", "crisis_owner", "hr"},
			Notes:   "An agent asks only about themself (403 otherwise) and sees their own result; a lead sees only what they owe and by when; the mood policy's confidential roles see the whole triage, and the crisis owner at least every crisis. Every view but the lead's is written to the audit trail first, and refused when it cannot be. A caller who is neither the agent nor a care role or the crisis owner is told of a fault in the assessment only its field and kind, with a fixed message that repeats no value: the library's own message may say what it worked out from the screenings.",
			Request: reflect.TypeFor[mood.Assessment](),
			Responses: with([]Response{ok(200, reflect.TypeFor[mood.View]())},
				problems(authed, bodied, audited)...)},
		{Method: "POST", Path: "/v1/qa/evaluations", ID: "qa.score",
			Summary: "Score an evaluation and plan its feedback.",
			Roles:   []string{"agent", "lead", "hr"},
			Notes:   "An agent scores only their own evaluation (403 on field agent otherwise). An unknown scorecard is 422 on field scorecard.",
			Request: reflect.TypeFor[qa.Evaluation](),
			Responses: with([]Response{ok(200, reflect.TypeFor[QAScoreResponse]())},
				problems(authed, bodied)...)},
		{Method: "POST", Path: "/v1/qa/calibrations", ID: "qa.calibrate",
			Summary: "Find each evaluator's lean over calibration sessions.",
			Roles:   []string{"lead", "hr"},
			Request: reflect.TypeFor[QACalibrateRequest](),
			Responses: with([]Response{ok(200, reflect.TypeFor[QACalibrateResponse]())},
				problems(authed, bodied)...)},
		{Method: "POST", Path: "/v1/qa/disputes", ID: "qa.dispute",
			Summary: "Open a dispute of an evaluation with the agent's raise.",
			Roles:   []string{"agent", "lead", "hr"},
			Notes:   "An agent opens only a dispute of their own evaluation, raised by themself (403 on field evaluation.agent or event.by otherwise). The same request again answers 200 with the stored dispute; a different dispute under the same id is 409.",
			Request: reflect.TypeFor[QADisputeRequest](),
			Responses: with([]Response{ok(200, reflect.TypeFor[qa.Dispute]()), ok(201, reflect.TypeFor[qa.Dispute]())},
				problems(authed, bodied, stored)...)},
		{Method: "GET", Path: "/v1/qa/disputes/{id}", ID: "qa.dispute_get",
			Summary: "Read a stored dispute.",
			Roles:   []string{"agent", "lead", "hr"},
			Notes:   "An agent reads only their own disputes; another's is 404, as an unknown one.",
			Responses: with([]Response{ok(200, reflect.TypeFor[qa.Dispute]())},
				problems(authed, stored)...)},
		{Method: "POST", Path: "/v1/qa/disputes/{id}/events", ID: "qa.dispute_apply",
			Summary: "Decide or withdraw a dispute.",
			Roles:   []string{"agent", "lead", "hr"},
			Notes:   "The event's by must be the caller (403 on field by otherwise); an agent only withdraws their own dispute. A dispute decided or withdrawn takes no other event: 409.",
			Request: reflect.TypeFor[qa.DisputeEvent](),
			Responses: with([]Response{ok(200, reflect.TypeFor[qa.Dispute]())},
				problems(authed, bodied, stored)...)},
		{Method: "POST", Path: "/v1/coaching/proposals", ID: "coaching.propose",
			Summary: "Propose the conversations a person's signals call for.",
			Roles:   []string{"lead", "counselor", "crisis_owner", "hr"},
			Notes:   "Signals drawn from a mood triage (mood_tier, mood_watch, mood_crisis, any mood_ name) are sent only by the mood policy's care roles and the crisis owner (403 on the first such field, as signals.mood_tier, otherwise); a call with them is written to the audit trail first, and refused when it cannot be.",
			Request: reflect.TypeFor[CoachingProposeRequest](),
			Responses: with([]Response{ok(200, reflect.TypeFor[coaching.Proposals]())},
				problems(authed, bodied, audited)...)},
		{Method: "POST", Path: "/v1/coaching/cases", ID: "coaching.open",
			Summary: "Open a coaching case.",
			Roles:   []string{"lead", "counselor", "crisis_owner", "hr"},
			Notes:   "A channel is given only for an employee_issue. The same request again answers 200 with the stored case; a different case under the same id is 409.",
			Request: reflect.TypeFor[CoachingOpenRequest](),
			Responses: with([]Response{ok(200, reflect.TypeFor[coaching.Case]()), ok(201, reflect.TypeFor[coaching.Case]())},
				problems(authed, bodied, stored)...)},
		{Method: "GET", Path: "/v1/coaching/cases/{id}", ID: "coaching.get",
			Summary: "Read a stored case.",
			Roles:   []string{"agent", "lead", "counselor", "crisis_owner", "hr"},
			Notes:   "An agent reads only the cases about themself; another's is 404, as an unknown one.",
			Responses: with([]Response{ok(200, reflect.TypeFor[coaching.Case]())},
				problems(authed, stored)...)},
		{Method: "POST", Path: "/v1/coaching/cases/{id}/events", ID: "coaching.apply",
			Summary: "Apply an event to a stored case.",
			Roles:   []string{"lead", "counselor", "crisis_owner", "hr"},
			Notes:   "The event's case may be left out; when given it must be the path's id (422 on field case otherwise). Its by must be the caller (403 on field by otherwise), and its role, when given, one the caller's token lets them act as: the roles its acts_as lists, or else the coaching role named as the caller's role, and for a lead also the mood policy's lead role (403 on field role otherwise). A closed case takes no other event: 409.",
			Request: reflect.TypeFor[coaching.Event](),
			Responses: with([]Response{ok(200, reflect.TypeFor[coaching.Case]())},
				problems(authed, bodied, stored)...)},
		{Method: "GET", Path: "/v1/coaching/due", ID: "coaching.due",
			Summary: "List the steps owed over the open cases.",
			Roles:   []string{"agent", "lead", "counselor", "crisis_owner", "hr"},
			Notes:   "An agent asks only with subject set to themself (403 on field subject otherwise). Over 10,000 open cases the call is 422: ask for one subject.",
			Query: []Param{
				{Name: "at", Required: true, Schema: dateTime, Description: "The moment to ask what is owed at (RFC 3339); missing or bad is 422 on field at."},
				{Name: "subject", Schema: &Schema{Type: Types{"string"}}, Description: "Only the cases about this person."},
			},
			Responses: with([]Response{ok(200, reflect.TypeFor[CoachingDueResponse]())},
				problems(authed, []int{http.StatusUnprocessableEntity}, stored)...)},
		{Method: "POST", Path: "/v1/incentives/statements", ID: "incentives.evaluate",
			Summary: "Evaluate a period's pay statement.",
			Roles:   []string{"lead", "hr"},
			Notes:   "An agent record with crisis or severe_tier set carries health facts: only the mood policy's care roles and the crisis owner send one (403 on the field, as agents[3].crisis, otherwise), and the call is written to the audit trail first, and refused when it cannot be.",
			Request: reflect.TypeFor[IncentivesEvaluateRequest](),
			Responses: with([]Response{ok(200, reflect.TypeFor[incentives.Statement]())},
				problems(authed, bodied, audited)...)},
		{Method: "GET", Path: "/healthz", ID: "healthz",
			Summary:   "Answer while the process serves.",
			Responses: with([]Response{ok(200, reflect.TypeFor[Health]())}, problems()...)},
		{Method: "GET", Path: "/readyz", ID: "readyz",
			Summary: "Answer whether the service can serve all it offers: without a store always, with one when it answers.",
			Responses: with([]Response{ok(200, reflect.TypeFor[Ready]())},
				problems([]int{http.StatusServiceUnavailable})...)},
		{Method: "GET", Path: "/metrics", ID: "metrics",
			Summary:   "The service's metrics, in Prometheus's text format.",
			Responses: with([]Response{{Status: 200, Media: Text}}, problems()...)},
		{Method: "GET", Path: "/v1/policies", ID: "policies",
			Summary: "Name the policy running for each kind, and the file it was read from.",
			Roles:   []string{"agent", "lead", "counselor", "crisis_owner", "hr", "admin"},
			Responses: with([]Response{ok(200, reflect.TypeFor[PoliciesResponse]())},
				problems(anyRole)...)},
		{Method: "POST", Path: "/v1/admin/reload", ID: "admin.reload",
			Summary: "Read the policies and tokens again and put them in force together.",
			Roles:   []string{"admin"},
			Notes:   "The request says Content-Type: application/json and needs no body. A policy or token file with problems is 422, each problem with its file, line and column, and the running policies and tokens stay.",
			Responses: with([]Response{ok(200, reflect.TypeFor[PoliciesResponse]())},
				problems(authed, []int{http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity})...)},
		{Method: "GET", Path: "/v1/openapi.yaml", ID: "openapi",
			Summary:   "This description.",
			Responses: with([]Response{{Status: 200, Media: YAML}}, problems()...)},
	}
}

// Document generates the description, as the YAML the service serves.
// enums lists the values of the library's enums (see SourceEnums).
func Document(enums Enums) ([]byte, error) {
	g := NewGenerator(enums)
	paths := map[string]map[string]any{}
	var order []string
	for _, op := range Operations() {
		item, ok := paths[op.Path]
		if !ok {
			item = map[string]any{}
			paths[op.Path] = item
			order = append(order, op.Path)
		}
		o, err := g.operation(op)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", op.Method, op.Path, err)
		}
		item[strings.ToLower(op.Method)] = o
	}
	responses := map[string]response{}
	problem, err := g.Schema(reflect.TypeFor[Problem](), Out)
	if err != nil {
		return nil, err
	}
	for _, op := range Operations() {
		for _, r := range op.Responses {
			if r.Media == ProblemJSON {
				resp := response{Description: describe(r.Status),
					Content: map[string]mediaType{ProblemJSON: {Schema: problem}}}
				if r.Status == http.StatusTooManyRequests {
					resp.Headers = map[string]header{"Retry-After": {Required: true,
						Description: "Seconds to wait before the next request.",
						Schema:      &Schema{Type: Types{"integer"}, Minimum: &one}}}
				}
				if worded(r.Status) {
					resp.Headers = languageHeaders()
				}
				responses[problemResponse(r.Status)] = resp
			}
		}
	}
	pathNode := &yaml.Node{Kind: yaml.MappingNode}
	for _, p := range order {
		var v yaml.Node
		if err := v.Encode(paths[p]); err != nil {
			return nil, err
		}
		pathNode.Content = append(pathNode.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: p}, &v)
	}
	doc := struct {
		OpenAPI    string     `yaml:"openapi"`
		Info       info       `yaml:"info"`
		Paths      *yaml.Node `yaml:"paths"`
		Components components `yaml:"components"`
	}{
		OpenAPI: "3.1.0",
		Info: info{Title: "callfloord", Version: "1.0.0",
			Description: "The HTTP API of callfloor: the library's evaluations and its stored coaching cases and QA disputes, each caller seeing only what its role may. Every error is an RFC 9457 problem document. Confidential reads are written to an audit trail first, with the reason the Callfloor-Purpose header states: at most 256 bytes of UTF-8 text without control characters, sent once, or the call is 400."},
		Paths: pathNode,
		Components: components{
			Schemas:         g.Components,
			Responses:       responses,
			Parameters:      map[string]parameter{acceptLanguageParam: acceptLanguage},
			SecuritySchemes: map[string]any{"bearer": map[string]string{"type": "http", "scheme": "bearer"}},
		},
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type info struct {
	Title       string `yaml:"title"`
	Version     string `yaml:"version"`
	Description string `yaml:"description"`
}

type components struct {
	Schemas         map[string]*Schema   `yaml:"schemas"`
	Responses       map[string]response  `yaml:"responses"`
	Parameters      map[string]parameter `yaml:"parameters"`
	SecuritySchemes map[string]any       `yaml:"securitySchemes"`
}

type mediaType struct {
	Schema *Schema `yaml:"schema,omitempty"`
}

type response struct {
	Ref         string               `yaml:"$ref,omitempty"`
	Description string               `yaml:"description,omitempty"`
	Headers     map[string]header    `yaml:"headers,omitempty"`
	Content     map[string]mediaType `yaml:"content,omitempty"`
}

type header struct {
	Description string  `yaml:"description,omitempty"`
	Required    bool    `yaml:"required"`
	Schema      *Schema `yaml:"schema"`
}

// one is the least number of seconds Retry-After says.
var one = 1.0

type parameter struct {
	Name        string  `yaml:"name"`
	In          string  `yaml:"in"`
	Description string  `yaml:"description,omitempty"`
	Required    bool    `yaml:"required"`
	Schema      *Schema `yaml:"schema"`
}

type requestBody struct {
	Required bool                 `yaml:"required"`
	Content  map[string]mediaType `yaml:"content"`
}

type operation struct {
	OperationID string                `yaml:"operationId"`
	Summary     string                `yaml:"summary"`
	Description string                `yaml:"description,omitempty"`
	Security    []map[string][]string `yaml:"security"`
	Roles       []string              `yaml:"x-roles,omitempty"`
	// Parameters are parameters, or refs to those of the components.
	Parameters  []any               `yaml:"parameters,omitempty"`
	RequestBody *requestBody        `yaml:"requestBody,omitempty"`
	Responses   map[string]response `yaml:"responses"`
}

func (g *Generator) operation(op Operation) (*operation, error) {
	o := &operation{OperationID: op.ID, Summary: op.Summary, Security: []map[string][]string{}}
	if len(op.Roles) > 0 {
		o.Security = []map[string][]string{{"bearer": {}}}
		o.Roles = op.Roles
		o.Description = "Roles: " + strings.Join(op.Roles, ", ") + "."
		if op.Notes != "" {
			o.Description += " " + op.Notes
		}
	}
	for _, name := range pathParams(op.Path) {
		o.Parameters = append(o.Parameters, parameter{Name: name, In: "path", Required: true,
			Schema: &Schema{Type: Types{"string"}}, Description: "The record's id."})
	}
	for _, q := range op.Query {
		o.Parameters = append(o.Parameters, parameter{Name: q.Name, In: "query", Required: q.Required,
			Schema: q.Schema, Description: q.Description})
	}
	if op.worded() {
		o.Parameters = append(o.Parameters, ref{"#/components/parameters/" + acceptLanguageParam})
	}
	if op.Request != nil {
		s, err := g.Schema(op.Request, In)
		if err != nil {
			return nil, err
		}
		o.RequestBody = &requestBody{Required: true, Content: map[string]mediaType{JSON: {Schema: s}}}
	}
	o.Responses = map[string]response{}
	for _, r := range op.Responses {
		if r.Media == ProblemJSON {
			o.Responses[strconv.Itoa(r.Status)] = response{Ref: "#/components/responses/" + problemResponse(r.Status)}
			continue
		}
		resp := response{Description: describe(r.Status)}
		if r.Media != "" {
			mt := mediaType{}
			if r.Body != nil {
				s, err := g.Schema(r.Body, Out)
				if err != nil {
					return nil, err
				}
				mt.Schema = s
			}
			resp.Content = map[string]mediaType{r.Media: mt}
		}
		o.Responses[strconv.Itoa(r.Status)] = resp
	}
	return o, nil
}

// worded reports whether a problem of the status may hold the library's
// sentences, which the reader's language words: the input errors of a 422
// and of a 409 that the stored record refuses, the problems of a policy
// file a reload reads.
func worded(status int) bool {
	return status == http.StatusUnprocessableEntity || status == http.StatusConflict
}

// worded reports whether the operation may answer a problem holding the
// library's sentences; every such operation may answer 422.
func (op Operation) worded() bool {
	for _, r := range op.Responses {
		if r.Media == ProblemJSON && r.Status == http.StatusUnprocessableEntity {
			return true
		}
	}
	return false
}

// ref is a reference to a component.
type ref struct {
	Ref string `yaml:"$ref"`
}

// acceptLanguageParam names the Accept-Language parameter among the
// components, which every operation that may answer the library's
// sentences refers to.
const acceptLanguageParam = "accept-language"

// acceptLanguage is the Accept-Language parameter.
var acceptLanguage = parameter{Name: "Accept-Language", In: "header", Schema: &Schema{Type: Types{"string"}}, Description: "The reader's languages, with q-values (RFC 9110). When they choose a bundled locale (" +
	strings.Join(callfloor.Locales(), ", ") + "; zh, zh-Hans and zh-Hans-CN choose zh-CN, en-US en), a problem's " +
	"sentences that come from the library (the detail and errors of an input error, the errors of a policy problem) are " +
	"worded in it; without the header, or when it chooses none (another language, *, a malformed header), they come in " +
	"the locale of the policy that refused the data. The service's own sentences (a title, an unknown field, a wrong type, " +
	"malformed JSON) are English in every language."}

// languageHeaders are the headers of a problem that may hold the
// library's sentences.
func languageHeaders() map[string]header {
	return map[string]header{
		"Content-Language": {Description: "The bundled locale the request's Accept-Language chose, in which the library's sentences of the problem are worded; absent when the header chose none, or the problem holds none.",
			Schema: &Schema{Type: Types{"string"}, Enum: callfloor.Locales()}},
		"Vary": {Description: "Accept-Language, on a problem that holds the library's sentences, whether or not the request sent the header.",
			Schema: &Schema{Type: Types{"string"}}},
	}
}

// problemResponse names the shared response of a problem status, as
// "problem-404".
func problemResponse(status int) string { return "problem-" + strconv.Itoa(status) }

// pathParams are the names of the {parameters} of a path.
func pathParams(path string) []string {
	var out []string
	for _, seg := range strings.Split(path, "/") {
		if name, ok := strings.CutPrefix(seg, "{"); ok {
			out = append(out, strings.TrimSuffix(name, "}"))
		}
	}
	return out
}

// describe says what a status means in this API.
func describe(status int) string {
	switch status {
	case 200:
		return "The result."
	case 201:
		return "Created; the stored record."
	case 400:
		return "The body is not one JSON value, or the Callfloor-Purpose header is not one that the audit trail keeps."
	case 401:
		return "No bearer token, or one the service does not know."
	case 403:
		return "The caller's role or person may not make this call; errors name the field at fault."
	case 404:
		return "No such record, or none the caller may read."
	case 409:
		return "Another record is stored under the id; the stored record does not take the event (a closed case, a decided dispute); or the record kept changing while the request ran."
	case 413:
		return "The body is larger than the service reads."
	case 415:
		return "The body is not application/json."
	case 422:
		return "The input is refused: an unknown field (names match exactly, case included), a key given twice, a value of the wrong type, or one the library refuses; errors name each field at fault, rooted at the body."
	case 429:
		return "Too many requests; try again later."
	case 500:
		return "The service failed; the problem tells nothing of the inside."
	case 503:
		return "The service runs without a store; the store or the audit trail does not answer; or, with Retry-After, the request's deadline passed while other writers held its record (record-busy) or while the store worked (timeout), and nothing changed."
	}
	return http.StatusText(status)
}
