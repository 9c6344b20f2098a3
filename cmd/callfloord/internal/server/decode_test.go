package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

// statementBody is the body of incentives.evaluate, as its handler reads it.
type statementBody struct {
	Period incentives.Period        `json:"period"`
	Agents []incentives.AgentRecord `json:"agents"`
}

// Types that exercise what the library's input types do not: embedded
// structs and pointers, tags that rename and hide, maps with integer and
// text keys, raw JSON, bytes, numbers of every width, empty interfaces.
type inner struct {
	Deep string `json:"deep"`
}

type Embedded struct {
	Shared string `json:"shared"`
	Mine   int    `json:"mine"`
}

type decodeProbe struct {
	Embedded
	*inner
	Name   string `json:"name"`
	Hidden string `json:"-"`
	//lint:ignore SA5008 the tag "-," names a field "-", a case the decoder must follow as encoding/json does
	Dash    string                       `json:"-,"`
	Untag   bool                         // named by its Go name
	Shared  string                       `json:"shared"` // shadows Embedded.Shared
	I8      int8                         `json:"i8"`
	U16     uint16                       `json:"u16"`
	F32     float32                      `json:"f32"`
	Ptr     *int                         `json:"ptr,omitempty"`
	ByInt   map[int]string               `json:"by_int"`
	ByTier  map[mood.Tier]int            `json:"by_tier"`
	Raw     json.RawMessage              `json:"raw"`
	Bytes   []byte                       `json:"bytes"`
	Any     any                          `json:"any"`
	Num     json.Number                  `json:"num"`
	Pair    [2]int                       `json:"pair"`
	Tiers   []*mood.Tier                 `json:"tiers"`
	Nested  map[string][]inner           `json:"nested"`
	Stringy interface{ String() string } `json:"stringy"`
	Grid    [][]int                      `json:"grid"`
	Items   []inner                      `json:"items"`
	Pairs   [][2][]int                   `json:"pairs"`
}

func TestDecodeFieldErrors(t *testing.T) {
	type want struct {
		field, kind, detail string
	}
	cases := []struct {
		name string
		body string
		into func() any
		want []want
	}{
		{"unknown field lists the allowed names, sorted", `{"agent":"a","tier":"mild"}`, newAssessment,
			[]want{{"tier", "not_supported", `unknown field "tier"; allowed: agent, at, check_ins, crisis_closures, declarations, observations, screenings`}}},
		{"unknown field deep in a list", `{"screenings":[{},{"instrument":"phq9","totl":3}]}`, newAssessment,
			[]want{{"screenings[1].totl", "not_supported", `unknown field "totl"; allowed: at, band, burnout, crisis, instrument, total, wellbeing`}}},
		{"a key that is no id is quoted", `{"a b":1}`, newAssessment,
			[]want{{`["a b"]`, "not_supported", `unknown field "a b"; allowed: agent, at, check_ins, crisis_closures, declarations, observations, screenings`}}},
		{"wrong type in a map", `{"agents":[{},{},{},{"metrics":{"csat":"4.5"}}]}`, newStatement,
			[]want{{"agents[3].metrics.csat", "invalid", "must be a number, not a string"}}},
		{"a time that is no time", `{"screenings":[{"at":"yesterday"}]}`, newAssessment,
			[]want{{"screenings[0].at", "invalid", `"yesterday" is not an RFC 3339 time, as 2026-03-01T09:00:00Z`}}},
		{"a time out of range", `{"at":"2026-13-01T00:00:00Z"}`, newAssessment,
			[]want{{"at", "invalid", `"2026-13-01T00:00:00Z" is not an RFC 3339 time: month out of range`}}},
		{"a time that is a number", `{"at":20260301}`, newAssessment,
			[]want{{"at", "invalid", "must be an RFC 3339 time string, not a number"}}},
		{"an unknown enum name keeps the library's words", `{"screenings":[{"instrument":"bdi"}]}`, newAssessment,
			[]want{{"screenings[0].instrument", "not_supported", `unknown instrument "bdi"; allowed: phq9, gad7, who5, k10, cbi`}}},
		{"an enum that is a number", `{"source":3}`, newEvaluation,
			[]want{{"source", "invalid", "must be a string, not a number"}}},
		{"an integer with a fraction", `{"screenings":[{"total":1.5}]}`, newAssessment,
			[]want{{"screenings[0].total", "invalid", "must be an integer, not 1.5"}}},
		{"an integer beyond int64", `{"screenings":[{"total":99999999999999999999}]}`, newAssessment,
			[]want{{"screenings[0].total", "out_of_range", "99999999999999999999 is outside -9223372036854775808..9223372036854775807"}}},
		{"a float beyond float64", `{"answers":[{"item":"x","value":1e400}]}`, newEvaluation,
			[]want{{"answers[0].value", "out_of_range", "1e400 is beyond the range of a 64-bit floating-point number"}}},
		{"a key given twice", `{"agent":"a","at":"2026-03-01T09:00:00Z","agent":"b"}`, newAssessment,
			[]want{{"agent", "duplicate", "is given twice; each key may appear once in an object"}}},
		{"a field in another case is unknown", `{"Agent":"a"}`, newAssessment,
			[]want{{`["Agent"]`, "not_supported", `unknown field "Agent"; allowed: agent, at, check_ins, crisis_closures, declarations, observations, screenings`}}},
		{"a field in capitals is unknown, beside its own name", `{"agent":"a","AGENT":"b"}`, newAssessment,
			[]want{{`["AGENT"]`, "not_supported", `unknown field "AGENT"; allowed: agent, at, check_ins, crisis_closures, declarations, observations, screenings`}}},
		{"a field that folds to a name under Unicode is unknown", "{\"na\u017fme\":\"n\"}", newProbe,
			[]want{{`["naſme"]`, "not_supported", `unknown field "naſme"; allowed: -, Untag, any, by_int, by_tier, bytes, deep, f32, grid, i8, items, mine, name, nested, num, pair, pairs, ptr, raw, shared, stringy, tiers, u16`}}},
		{"a Go field name in another case is unknown", `{"untag":true}`, newProbe,
			[]want{{"untag", "not_supported", `unknown field "untag"; allowed: -, Untag, any, by_int, by_tier, bytes, deep, f32, grid, i8, items, mine, name, nested, num, pair, pairs, ptr, raw, shared, stringy, tiers, u16`}}},
		{"a key given twice after a case variant", `{"agent":"a","Agent":"b","agent":"c"}`, newAssessment,
			[]want{
				{`["Agent"]`, "not_supported", `unknown field "Agent"; allowed: agent, at, check_ins, crisis_closures, declarations, observations, screenings`},
				{"agent", "duplicate", "is given twice; each key may appear once in an object"},
			}},
		{"a map key given twice", `{"agents":[{"metrics":{"csat":1,"csat":2}}]}`, newStatement,
			[]want{{"agents[0].metrics.csat", "duplicate", "is given twice; each key may appear once in an object"}}},
		{"an object where a list belongs", `{"screenings":{}}`, newAssessment,
			[]want{{"screenings", "invalid", "must be an array, not an object"}}},
		{"a list where an object belongs", `[]`, newAssessment,
			[]want{{"", "invalid", "must be an object, not an array"}}},
		{"a boolean where a string belongs", `{"agent":true}`, newAssessment,
			[]want{{"agent", "invalid", "must be a string, not true"}}},
		{"every mistake at once, in body order", `{"agent":1,"x":2,"at":"no"}`, newAssessment,
			[]want{
				{"agent", "invalid", "must be a string, not a number"},
				{"x", "not_supported", `unknown field "x"; allowed: agent, at, check_ins, crisis_closures, declarations, observations, screenings`},
				{"at", "invalid", `"no" is not an RFC 3339 time, as 2026-03-01T09:00:00Z`},
			}},
		{"an embedded struct's field is its parent's", `{"mine":"x"}`, newProbe,
			[]want{{"mine", "invalid", "must be an integer, not a string"}}},
		{"an embedded pointer to an unexported struct cannot be set", `{"deep":"x"}`, newProbe,
			[]want{{"deep", "invalid", "cannot be set: it lies in an embedded pointer to an unexported struct"}}},
		{"a hidden field is unknown", `{"Hidden":"x"}`, newProbe,
			[]want{{`["Hidden"]`, "not_supported", `unknown field "Hidden"; allowed: -, Untag, any, by_int, by_tier, bytes, deep, f32, grid, i8, items, mine, name, nested, num, pair, pairs, ptr, raw, shared, stringy, tiers, u16`}}},
		{"an int8 out of range", `{"i8":128}`, newProbe, []want{{"i8", "out_of_range", "128 is outside -128..127"}}},
		{"a negative uint", `{"u16":-1}`, newProbe, []want{{"u16", "out_of_range", "-1 is outside 0..65535"}}},
		{"a float32 out of range", `{"f32":1e39}`, newProbe, []want{{"f32", "out_of_range", "1e39 is beyond the range of a 32-bit floating-point number"}}},
		{"an integer map key that is no integer", `{"by_int":{"x":"a"}}`, newProbe,
			[]want{{"by_int.x", "invalid", `"x" is not an integer, which a key of this object must be`}}},
		{"an integer map key out of range", `{"by_int":{"99999999999999999999":"a"}}`, newProbe,
			[]want{{`by_int["99999999999999999999"]`, "out_of_range", "99999999999999999999 is outside -9223372036854775808..9223372036854775807"}}},
		{"a text map key the type refuses", `{"by_tier":{"dire":1}}`, newProbe,
			[]want{{"by_tier.dire", "not_supported", `unknown tier "dire"; allowed: normal, mild, moderate, severe`}}},
		{"bytes that are not base64", `{"bytes":"!!"}`, newProbe, []want{{"bytes", "invalid", "is not standard base64"}}},
		{"a number string that is no number", `{"num":"1x"}`, newProbe, []want{{"num", "invalid", `"1x" is not a JSON number`}}},
		{"a number beyond float64 in an empty interface", `{"any":{"k":[1e999]}}`, newProbe,
			[]want{{"any.k[0]", "out_of_range", "1e999 is beyond the range of a 64-bit floating-point number"}}},
		{"a key twice in an empty interface", `{"any":{"k":1,"k":2}}`, newProbe,
			[]want{{"any.k", "duplicate", "is given twice; each key may appear once in an object"}}},
		{"a value in an interface with methods", `{"stringy":"x"}`, newProbe, []want{{"stringy", "invalid", "must be null, not a string"}}},
		{"an element of a list of pointers", `{"tiers":[null,"grave"]}`, newProbe,
			[]want{{"tiers[1]", "not_supported", `unknown tier "grave"; allowed: normal, mild, moderate, severe`}}},
		{"deep in a map of lists", `{"nested":{"k":[{"deep":"a"},{"deeper":1}]}}`, newProbe,
			[]want{{"nested.k[1].deeper", "not_supported", `unknown field "deeper"; allowed: deep`}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := decodeJSON([]byte(c.body), DefaultMaxDepth, c.into())
			p, ok := err.(*Problem)
			if !ok {
				t.Fatalf("decodeJSON(%s) = %v, want a problem", c.body, err)
			}
			want := &Problem{Type: ProblemBase + "invalid-input", Title: "Invalid input", Status: http.StatusUnprocessableEntity}
			for _, w := range c.want {
				want.Errors = append(want.Errors, FieldError{Field: w.field, Kind: w.kind, Detail: w.detail})
			}
			if len(c.want) == 1 {
				want.Detail = (&callfloor.InputError{Field: callfloor.Path(c.want[0].field), Msg: c.want[0].detail}).Error()
			} else {
				want.Detail = fmt.Sprintf("%d fields are invalid", len(c.want))
			}
			// Compared as the service writes them: the problem also keeps,
			// unexported, the library's errors it was worded from.
			if got, exp := jsonText(p), jsonText(want); got != exp {
				t.Errorf("decodeJSON(%s):\n got %s\nwant %s", c.body, got, exp)
			}
		})
	}
}

func TestDecodeMalformed(t *testing.T) {
	cases := []struct{ name, body, detail string }{
		{"empty", "", "the body is empty; send one JSON value"},
		{"only space", " \n\t", "the body is empty; send one JSON value"},
		{"truncated", `{"agent":"a"`, "unexpected end of JSON input, at byte 12"},
		{"trailing comma", `{"agent":"a",}`, "invalid character '}' looking for beginning of object key string, at byte 14"},
		{"data after the value", `{} {}`, "invalid character '{' after top-level value, at byte 4"},
		{"not JSON", `agent=a`, "invalid character 'a' looking for beginning of value, at byte 1"},
		{"too deep", strings.Repeat("[", DefaultMaxDepth+1), "JSON nested deeper than 32 levels"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := decodeJSON([]byte(c.body), DefaultMaxDepth, newAssessment())
			want := newProblem(http.StatusBadRequest, "malformed", "Malformed JSON", c.detail)
			if !reflect.DeepEqual(err, want) {
				t.Errorf("decodeJSON(%q) = %s, want %s", c.body, jsonText(err), jsonText(want))
			}
		})
	}
}

func TestDecodeAccepts(t *testing.T) {
	var probe decodeProbe
	body := `{"name":"n","shared":"top","mine":7,"Untag":true,"-":"dash","i8":-128,"u16":65535,"f32":1.5,
		"ptr":3,"by_int":{"-2":"m"},"by_tier":{"severe":3},"raw":{"x": [1, 2]},"bytes":"aGk=","any":{"k":[1,"s",null]},
		"num":"1e5","pair":[1,2,3],"tiers":["mild",null],"nested":{"k":[{"deep":"d"}]},"stringy":null,
		"grid":[[1,2],[],null,[3]],"items":[{"deep":"x"},{}],"pairs":[[[1],[2,3]],[null]]}`
	if err := decodeJSON([]byte(body), DefaultMaxDepth, &probe); err != nil {
		t.Fatalf("decodeJSON: %v", err)
	}
	mild, three := mood.Mild, 3
	want := decodeProbe{
		Embedded: Embedded{Mine: 7}, Name: "n", Shared: "top", Untag: true, Dash: "dash", I8: -128, U16: 65535, F32: 1.5,
		Ptr: &three, ByInt: map[int]string{-2: "m"}, ByTier: map[mood.Tier]int{mood.Severe: 3}, Raw: json.RawMessage(`{"x": [1, 2]}`),
		Bytes: []byte("hi"), Any: map[string]any{"k": []any{1.0, "s", nil}}, Num: "1e5", Pair: [2]int{1, 2},
		Tiers: []*mood.Tier{&mild, nil}, Nested: map[string][]inner{"k": {{Deep: "d"}}},
		Grid: [][]int{{1, 2}, {}, nil, {3}}, Items: []inner{{Deep: "x"}, {}}, Pairs: [][2][]int{{{1}, {2, 3}}, {nil, nil}},
	}
	if cap(probe.Grid) != 4 || cap(probe.Grid[0]) != 2 || cap(probe.Grid[3]) != 1 || cap(probe.Pairs[0][1]) != 2 {
		t.Errorf("slices of capacity %d, %d, %d, %d; want each the length of its array, 4, 2, 1, 2",
			cap(probe.Grid), cap(probe.Grid[0]), cap(probe.Grid[3]), cap(probe.Pairs[0][1]))
	}
	if !reflect.DeepEqual(probe, want) {
		t.Errorf("decoded\n %+v\nwant\n %+v", probe, want)
	}
}

func newAssessment() any { return new(mood.Assessment) }
func newEvaluation() any { return new(qa.Evaluation) }
func newStatement() any  { return new(statementBody) }
func newProbe() any      { return new(decodeProbe) }

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// FuzzDecode holds the body checker to encoding/json: it never panics,
// a body it accepts encoding/json decodes with DisallowUnknownFields to
// the same value, and a body it refuses encoding/json refuses too, but
// for the two things the checker alone refuses: a key given twice in an
// object, where encoding/json lets the last one win, and a field named
// in another case than its own ("Agent", "AGENT", "na\u017fme" for
// "name"), which encoding/json matches under Unicode simple case folding
// when no field has the name exactly. A body refused for those is refused
// for nothing else.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		`{"agent":"a.li","at":"2026-03-01T09:00:00Z","screenings":[{"instrument":"phq9","answers":[1,2,3,0,0,1,2,0,1],"at":"2026-03-01T08:00:00Z"}]}`,
		`{"id":"e1","agent":"a","source":"qa","at":"2026-03-01T09:00:00Z","answers":[{"item":"greet","value":1}]}`,
		`{"period":{"id":"2026-03","start":"2026-03-01T00:00:00Z","end":"2026-04-01T00:00:00Z","cadence":"monthly","budget":100},"agents":[{"id":"a","metrics":{"csat":4.5}}]}`,
		`{"id":"ev1","case":"c1","type":"complete","at":"2026-03-01T09:00:00Z","by":"l.chen","records":[{"name":"n","value":"v"}]}`,
		`{"name":"n","mine":1,"deep":"x","by_int":{"1":"a"},"raw":[1,{}],"bytes":"aGk=","any":[1e400],"num":"1","pair":[1,2,3],"tiers":[null]}`,
		`{"agent":"a","AGENT":"b"}`, `{"at":"2026-13-01T00:00:00Z"}`, `[`, `null`, `{"i8":1e2}`, `{"u16":-0}`, `{"ptr":null}`,
		`{"screenings":[{"total":1.0}]}`, `{"Name":"n","nAmE":"m"}`, "{\"na\u017fme\":1}",
		`{"grid":[[1],[],null,[2,3]],"items":[{"deep":"a"},null,{}],"pairs":[[[1],null],[[2]]]}`, `{"INSTRUMENT":"phq9","Agent":"a"}`,
	} {
		f.Add([]byte(seed))
	}
	targets := []func() any{newAssessment, newEvaluation, newStatement, func() any { return new(coaching.Event) }, newProbe}
	f.Fuzz(func(t *testing.T, body []byte) {
		if checkDepth(body, DefaultMaxDepth) != nil {
			return
		}
		for _, into := range targets {
			out := into()
			err := decodeJSON(body, DefaultMaxDepth, out)
			std := into()
			dec := json.NewDecoder(bytes.NewReader(body))
			dec.DisallowUnknownFields()
			stdErr := dec.Decode(std)
			if stdErr == nil {
				if _, tokErr := dec.Token(); tokErr == nil || tokErr.Error() != "EOF" {
					stdErr = tokErr
					if stdErr == nil {
						stdErr = errTrailing
					}
				}
			}
			p, _ := err.(*Problem)
			switch {
			case err == nil && stdErr != nil:
				t.Fatalf("%T: accepted %q, which encoding/json refuses: %v", out, body, stdErr)
			case err == nil && !reflect.DeepEqual(out, std):
				t.Fatalf("%T: %q decoded to %+v, encoding/json to %+v", out, body, out, std)
			case err != nil && p == nil:
				t.Fatalf("%T: %q: error %v is not a problem", out, body, err)
			case err != nil && stdErr == nil && !onlyStricter(p):
				t.Fatalf("%T: refused %q, which encoding/json accepts: %s", out, body, jsonText(p))
			case p != nil && p.Status == http.StatusUnprocessableEntity && len(p.Errors) == 0:
				t.Fatalf("%T: %q: a 422 that names no field", out, body)
			}
		}
	})
}

var errTrailing = &json.SyntaxError{}

// onlyStricter reports whether p refuses a body only for what the checker
// refuses and encoding/json does not: keys given twice, and fields named
// in another case.
func onlyStricter(p *Problem) bool {
	if len(p.Errors) == 0 {
		return false
	}
	for _, e := range p.Errors {
		if e.Kind != "duplicate" && !caseVariant(e) {
			return false
		}
	}
	return true
}

// caseVariant reports whether e is an unknown field whose name folds to
// one of the names allowed.
func caseVariant(e FieldError) bool {
	rest, ok := strings.CutPrefix(e.Detail, "unknown field ")
	if e.Kind != "not_supported" || !ok {
		return false
	}
	quoted, err := strconv.QuotedPrefix(rest)
	if err != nil {
		return false
	}
	name, _ := strconv.Unquote(quoted)
	allowed, ok := strings.CutPrefix(rest[len(quoted):], "; allowed: ")
	if !ok {
		return false
	}
	for _, a := range strings.Split(allowed, ", ") {
		if strings.EqualFold(a, name) {
			return true
		}
	}
	return false
}

// bigBody is a body of just under DefaultMaxBody: head, then elem as
// many times as fit, comma-separated, then tail.
func bigBody(head, elem, tail string) []byte {
	n := (DefaultMaxBody - len(head) - len(tail) + 1) / (len(elem) + 1)
	return []byte(head + strings.Repeat(elem+",", n-1) + elem + tail)
}

// BenchmarkDecodeLargeArray decodes bodies of DefaultMaxBody bytes, the
// largest a caller can send, each one long array: half a million answers
// of a screening, and forty thousand items of an evaluation.
func BenchmarkDecodeLargeArray(b *testing.B) {
	cases := []struct {
		name string
		body []byte
		into func() any
	}{
		{"answers", bigBody(`{"agent":"a.li","instrument":"phq9","at":"2026-03-01T09:00:00Z","answers":[`, "0", "]}"),
			func() any { return new(screeningRequest) }},
		{"items", bigBody(`{"id":"e1","agent":"a","at":"2026-03-01T09:00:00Z","answers":[`, `{"item":"greet","value":1}`, "]}"),
			newEvaluation},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.body)))
			b.ReportAllocs()
			for b.Loop() {
				if err := decodeJSON(c.body, DefaultMaxDepth, c.into()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
