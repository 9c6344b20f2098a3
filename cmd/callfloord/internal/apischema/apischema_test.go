package apischema

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/callfloor/callfloor/cmd/callfloord/internal/contract"
)

var update = flag.Bool("update", false, "rewrite the committed openapi.yaml from the generator")

// libraryRoot is the directory of the library's module, three levels
// above this package's.
func libraryRoot(t testing.TB) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("no caller")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "..")
}

// committed is the description the service embeds and serves.
const committed = "../server/openapi.yaml"

func generate(t testing.TB) []byte {
	doc, err := Document(SourceEnums(libraryRoot(t), "github.com/callfloor/callfloor"))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestOpenAPIUpToDate(t *testing.T) {
	doc := generate(t)
	if *update {
		if err := os.WriteFile(committed, doc, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	old, err := os.ReadFile(committed)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(old, doc) {
		t.Errorf("%s differs from what the generator makes of the Go types; run go test ./internal/apischema -run TestOpenAPIUpToDate -update and commit it", committed)
	}
}

// TestDescriptionLoads holds the description to what the contract
// validator, kin-openapi, accepts of OpenAPI 3.1.
func TestDescriptionLoads(t *testing.T) {
	v, err := contract.New(generate(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := v.Document().OpenAPI; got != "3.1.0" {
		t.Errorf("openapi = %q, want 3.1.0", got)
	}
}
