// Command gen writes the generated files of package msg from the
// registry (see package msggen): messages_<area>_gen.go for each area and
// areas_gen.go, and removes the generated file of an area the registry no
// longer has. Run it with `go generate ./internal/msg`; it writes into
// the current directory, or into the directory given as its argument.
// When it removes an area's file, go generate then fails to open that
// file to look for directives in it; the files written are complete, and
// the next run is clean.
package main

import (
	"bytes"
	"log"
	"os"
	"path/filepath"

	"github.com/callfloor/callfloor/internal/msg/msggen"
	"github.com/callfloor/callfloor/internal/msg/registry"
)

func main() {
	dir := "."
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	files, err := msggen.Files(registry.All())
	if err != nil {
		log.Fatal(err)
	}
	old, err := filepath.Glob(filepath.Join(dir, "*_gen.go"))
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range old {
		if _, keep := files[filepath.Base(p)]; !keep {
			if err := os.Remove(p); err != nil {
				log.Fatal(err)
			}
		}
	}
	for name, src := range files {
		p := filepath.Join(dir, name)
		if cur, err := os.ReadFile(p); err == nil && bytes.Equal(cur, src) {
			continue
		}
		if err := os.WriteFile(p, src, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
