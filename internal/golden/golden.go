package golden

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

// Dir is where the golden files live, relative to the package under test.
var Dir = filepath.Join("testdata", "golden")

// JSON holds each value of results to the file named after its key, or
// rewrites the files when update is set. pkg names the package in the
// message that says how to rewrite them ("./mood").
func JSON(t testing.TB, pkg string, results map[string]any, update bool) {
	t.Helper()
	for _, name := range sortedKeys(results) {
		got, err := encode(results[name])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		path := filepath.Join(Dir, name+".json")
		if update {
			if err := os.MkdirAll(Dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v; run go test %s -run Golden -update", name, err, pkg)
		}
		if !bytes.Equal(want, got) {
			t.Errorf("%s: the wire format changed; if on purpose, run go test %s -run Golden -update\n--- want\n%s\n--- got\n%s", name, pkg, want, got)
		}
	}
}

// RoundTrip decodes each golden file into the type of its value in
// results, refusing unknown fields, and encodes it again: the bytes must
// be the file's, so that a host reads back exactly what it stored.
func RoundTrip(t testing.TB, results map[string]any) {
	t.Helper()
	for _, name := range sortedKeys(results) {
		src, err := os.ReadFile(filepath.Join(Dir, name+".json"))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		back := reflect.New(reflect.TypeOf(results[name]))
		dec := json.NewDecoder(bytes.NewReader(src))
		dec.DisallowUnknownFields()
		if err := dec.Decode(back.Interface()); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		again, err := encode(back.Elem().Interface())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(src, again) {
			t.Errorf("%s: decoding and encoding again changed it\n--- file\n%s\n--- again\n%s", name, src, again)
		}
	}
}

func encode(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
