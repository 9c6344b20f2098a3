package schematest

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

var update = flag.Bool("update", false, "rewrite schemas/*.schema.json from the packages' PolicySchema")

// root is the repository, where schemas/ and every testdata folder are.
const root = "../.."

// A pkg is one package that reads policies, as the schema tests see it.
type pkg struct {
	kind   string
	schema func() []byte
	parse  func([]byte) error
	def    func() []byte
}

var pkgs = []pkg{
	{"coaching", coaching.PolicySchema, func(b []byte) error { _, err := coaching.ParsePolicy(b); return err }, coaching.DefaultPolicySource},
	{"incentives", incentives.PolicySchema, func(b []byte) error { _, err := incentives.ParsePolicy(b); return err }, incentives.DefaultPolicySource},
	{"mood", mood.PolicySchema, func(b []byte) error { _, err := mood.ParsePolicy(b); return err }, mood.DefaultPolicySource},
	{"qa", qa.PolicySchema, func(b []byte) error { _, err := qa.ParsePolicy(b); return err }, qa.DefaultPolicySource},
}

func (p pkg) file() string { return filepath.Join(root, "schemas", p.kind+".schema.json") }

// compiled is the package's schema compiled by a validator that knows
// nothing of callfloor, as an editor's would be.
func (p pkg) compiled(t testing.TB) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(p.schema()))
	if err != nil {
		t.Fatalf("%s schema is not JSON: %v", p.kind, err)
	}
	c := jsonschema.NewCompiler()
	url := "https://callfloor.test/" + p.kind + ".schema.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("%s schema does not compile: %v", p.kind, err)
	}
	return s
}

// problems is the parser's problems with src, nil when it accepts it.
func (p pkg) problems(t testing.TB, src []byte) []callfloor.Problem {
	t.Helper()
	err := p.parse(src)
	if err == nil {
		return nil
	}
	var pe *callfloor.PolicyError
	if !errors.As(err, &pe) {
		t.Fatalf("%s.ParsePolicy returned %T, not a *callfloor.PolicyError: %v", p.kind, err, err)
	}
	return pe.Problems
}

// TestSchemaFiles holds schemas/<kind>.schema.json, the files editors
// point at, to the bytes PolicySchema returns.
func TestSchemaFiles(t *testing.T) {
	for _, p := range pkgs {
		want := p.schema()
		if *update {
			if err := os.WriteFile(p.file(), want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(p.file())
		if err != nil {
			t.Errorf("%v; write it with: go test ./internal/schematest -run TestSchemaFiles -update", err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: it differs from %s.PolicySchema(); refresh it with: go test ./internal/schematest -run TestSchemaFiles -update", p.file(), p.kind)
		}
	}
}

// TestSchemaStable holds PolicySchema to one value: the same bytes on
// every call, so a file written from it does not churn.
func TestSchemaStable(t *testing.T) {
	for _, p := range pkgs {
		a, b := p.schema(), p.schema()
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two calls of PolicySchema differ", p.kind)
		}
	}
}

// TestMetaschema validates every schema against the draft 2020-12
// metaschema, which a well-kept validator ships.
func TestMetaschema(t *testing.T) {
	c := jsonschema.NewCompiler()
	meta, err := c.Compile("https://json-schema.org/draft/2020-12/schema")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(p.schema()))
		if err != nil {
			t.Fatalf("%s: %v", p.kind, err)
		}
		if err := meta.Validate(doc); err != nil {
			t.Errorf("%s schema is not a draft 2020-12 schema: %v", p.kind, err)
		}
		if m := doc.(map[string]any); m["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s schema declares $schema %v, not draft 2020-12", p.kind, m["$schema"])
		}
	}
}

// TestDefaultsValid validates every embedded default policy, as shipped
// (with its kind field) and without its kind field, against its schema.
func TestDefaultsValid(t *testing.T) {
	for _, p := range pkgs {
		s := p.compiled(t)
		withoutKind := bytes.Replace(p.def(), []byte("\nkind: "+p.kind+"\n"), []byte("\n"), 1)
		if bytes.Equal(withoutKind, p.def()) {
			t.Fatalf("%s: the default policy names no kind on a line of its own", p.kind)
		}
		for _, src := range [][]byte{p.def(), withoutKind} {
			if ps := p.problems(t, src); ps != nil {
				t.Fatalf("%s: the default policy does not parse: %v", p.kind, ps)
			}
			v, err := instance(src)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Validate(v); err != nil {
				t.Errorf("%s: the default policy is invalid against its schema: %v", p.kind, err)
			}
		}
	}
}

// A policyFile is a policy source and where it came from.
type policyFile struct {
	name string
	src  []byte
}

// accepted is every policy p's parser accepts: its default and those
// under the repository's testdata folders.
func accepted(t testing.TB, p pkg) []policyFile {
	out := []policyFile{{p.kind + " default", p.def()}}
	for _, f := range testdataPolicies(t) {
		if p.problems(t, f.src) == nil {
			out = append(out, f)
		}
	}
	return out
}

// testdataPolicies reads every YAML file under a testdata folder of the
// repository, and every YAML file inside a txtar archive there (the
// command's scripts). Which package a file is for is not decided here:
// a file is a policy of each package whose parser accepts it.
func testdataPolicies(t testing.TB) []policyFile {
	t.Helper()
	var out []policyFile
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.Contains(filepath.ToSlash(path), "/testdata/") {
			return nil
		}
		name := strings.TrimPrefix(filepath.ToSlash(path), root+"/")
		switch filepath.Ext(path) {
		case ".yaml", ".yml":
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			out = append(out, policyFile{name, src})
		case ".txtar":
			a, err := txtar.ParseFile(path)
			if err != nil {
				return err
			}
			for _, f := range a.Files {
				if ext := filepath.Ext(f.Name); ext == ".yaml" || ext == ".yml" {
					out = append(out, policyFile{name + ":" + f.Name, f.Data})
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestTestdataValid validates every policy under a testdata folder that
// a parser accepts against that package's schema.
func TestTestdataValid(t *testing.T) {
	n := 0
	for _, f := range testdataPolicies(t) {
		v, verr := instance(f.src)
		for _, p := range pkgs {
			if p.problems(t, f.src) != nil {
				continue
			}
			n++
			if verr != nil {
				t.Errorf("%s: the %s parser accepts it, but it reads as no JSON instance: %v", f.name, p.kind, verr)
				continue
			}
			if err := p.compiled(t).Validate(v); err != nil {
				t.Errorf("%s: the %s parser accepts it, the schema refuses it: %v", f.name, p.kind, err)
			}
		}
	}
	if n == 0 {
		t.Fatal("no policy under a testdata folder is accepted by any parser; the walk finds nothing")
	}
	t.Logf("%d accepted testdata policies validated", n)
}
