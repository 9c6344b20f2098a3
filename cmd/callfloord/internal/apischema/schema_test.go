package apischema

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

type inner struct {
	ID string `json:"id"`
}

type Embedded struct {
	From string `json:"from"`
}

type sample struct {
	Embedded
	Name    string             `json:"name"`
	Note    string             `json:"note,omitempty"`
	Count   uint8              `json:"count,omitzero"`
	Ratio   float64            `json:"ratio"`
	At      time.Time          `json:"at"`
	Span    callfloor.Duration `json:"span"`
	Tier    mood.Tier          `json:"tier"`
	Status  qa.Status          `json:"status"`
	Kind    coaching.Kind      `json:"kind"`
	Tags    []string           `json:"tags"`
	Opt     []string           `json:"opt,omitempty"`
	Figures map[string]float64 `json:"figures"`
	Raw     json.RawMessage    `json:"raw"`
	Bytes   []byte             `json:"bytes"`
	Parent  *inner             `json:"parent"`
	Child   *inner             `json:"child,omitempty"`
	Maybe   *int               `json:"maybe"`
	Any     any                `json:"any"`
	Skipped string             `json:"-"`
	//lint:ignore U1000 an unexported field is one the generator must leave out
	unseen   string
	Untagged bool
}

type loop struct {
	Next *loop `json:"next,omitempty"`
}

type custom struct{}

func (custom) MarshalJSON() ([]byte, error) { return []byte(`1`), nil }

type withCustom struct {
	C custom `json:"c"`
}

func schemaYAML(t *testing.T, g *Generator, typ reflect.Type, d Direction) string {
	t.Helper()
	s, err := g.Schema(typ, d)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*Schema{"": s}
	for name, c := range g.Components {
		out[name] = c
	}
	b, err := yaml.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSchemaOut(t *testing.T) {
	g := NewGenerator(SourceEnums(libraryRoot(t), "github.com/callfloor/callfloor"))
	got := schemaYAML(t, g, reflect.TypeFor[sample](), Out)
	for _, want := range []string{
		`"":
    $ref: '#/components/schemas/callfloord.sample'`,
		`callfloord.sample:
    type: object
    properties:
        from:
            type: string
        name:
            type: string
        note:
            type: string
        count:
            type: integer
            minimum: 0
        ratio:
            type: number
        at:
            type: string
            format: date-time
        span:
            $ref: '#/components/schemas/callfloor.Duration'
        tier:
            $ref: '#/components/schemas/mood.Tier'
        status:
            $ref: '#/components/schemas/qa.Status'
        kind:
            $ref: '#/components/schemas/coaching.Kind'
        tags:
            type:
                - array
                - "null"
            items:
                type: string
        opt:
            type: array
            items:
                type: string
        figures:
            type:
                - object
                - "null"
            additionalProperties:
                type: number
        raw: {}
        bytes:
            type:
                - string
                - "null"
            contentEncoding: base64
        parent:
            anyOf:
                - $ref: '#/components/schemas/callfloord.inner'
                - type: "null"
        child:
            $ref: '#/components/schemas/callfloord.inner'
        maybe:
            type:
                - integer
                - "null"
        any: {}
        Untagged:
            type: boolean
    required:
        - from
        - name
        - ratio
        - at
        - span
        - tier
        - status
        - kind
        - tags
        - figures
        - raw
        - bytes
        - parent
        - maybe
        - any
        - Untagged
    additionalProperties: false`,
		`mood.Tier:
    type: string
    enum:
        - normal
        - mild
        - moderate
        - severe`,
		`qa.Status:
    type: string
    enum:
        - open
        - decided
        - withdrawn`,
		// A kind a policy declares is any id, not an enum.
		`coaching.Kind:
    type: string
`,
		`callfloor.Duration:
    description: A Go duration ("90m", "36h", "1h30m") or whole days ("14d"); written as the shortest Go duration.
    type: string
    pattern:`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("schema lacks\n%s\nin\n%s", want, got)
		}
	}
}

func TestSchemaIn(t *testing.T) {
	g := NewGenerator(nil)
	got := schemaYAML(t, g, reflect.TypeFor[qa.DisputeEvent](), In)
	if !strings.Contains(got, "$ref: '#/components/schemas/qa.DisputeEventInput'") || !strings.Contains(got, "qa.DisputeItemEventInput:") {
		t.Errorf("an input struct is not its Input component:\n%s", got)
	}
	if strings.Contains(got, "required:") {
		t.Errorf("an input schema requires fields:\n%s", got)
	}
	if !strings.Contains(got, "qa.EventType:\n    type: string\n") || strings.Contains(got, "enum:") {
		t.Errorf("without an enum lister a text type is not a plain string:\n%s", got)
	}
}

func TestSchemaRecursive(t *testing.T) {
	g := NewGenerator(nil)
	got := schemaYAML(t, g, reflect.TypeFor[loop](), Out)
	want := `callfloord.loop:
    type: object
    properties:
        next:
            $ref: '#/components/schemas/callfloord.loop'
    additionalProperties: false`
	if !strings.Contains(got, want) {
		t.Errorf("got\n%s\nwant it to hold\n%s", got, want)
	}
}

func TestSchemaRefuses(t *testing.T) {
	cases := []struct {
		typ  reflect.Type
		want string
	}{
		{reflect.TypeFor[withCustom](), "apischema.withCustom.C: apischema.custom has its own MarshalJSON; its schema must be stated by hand"},
		{reflect.TypeFor[map[int]string](), "map[int]string: a map key of kind int is not a JSON object's key"},
		{reflect.TypeFor[struct {
			C chan int `json:"c"`
		}](), "a value of kind chan has no JSON form"},
		{reflect.TypeFor[struct {
			N int `json:"n,string"`
		}](), "the string option needs a schema stated by hand"},
		{reflect.TypeFor[struct {
			X string
			Y string `json:"X"`
		}](), `two fields write "X"`},
	}
	for _, c := range cases {
		_, err := NewGenerator(nil).Schema(c.typ, Out)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Schema(%s) = %v, want an error saying %q", c.typ, err, c.want)
		}
	}
}
