package golden

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

type result struct {
	Agent string    `json:"agent"`
	At    time.Time `json:"at"`
	Score float64   `json:"score"`
}

// recorder stands in for testing.T so that a failure can be observed.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true; panic(r) }
func (r *recorder) Fatal(...any)          { r.failed = true; panic(r) }
func run(r *recorder, f func(testing.TB)) (failed bool) {
	defer func() {
		if v := recover(); v != nil && v != any(r) {
			panic(v)
		}
		failed = r.failed
	}()
	f(r)
	return r.failed
}

func TestJSONAndRoundTrip(t *testing.T) {
	old := Dir
	Dir = filepath.Join(t.TempDir(), "golden")
	defer func() { Dir = old }()
	results := map[string]any{"result": result{Agent: "li.na", At: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), Score: 96.5}}

	if !run(&recorder{TB: t}, func(tb testing.TB) { JSON(tb, "./x", results, false) }) {
		t.Fatal("a missing golden file must fail")
	}
	JSON(t, "./x", results, true)
	want := "{\n  \"agent\": \"li.na\",\n  \"at\": \"2026-11-02T09:00:00Z\",\n  \"score\": 96.5\n}\n"
	b, err := os.ReadFile(filepath.Join(Dir, "result.json"))
	if err != nil || string(b) != want {
		t.Fatalf("wrote %q, %v", b, err)
	}
	JSON(t, "./x", results, false)
	RoundTrip(t, results)

	changed := map[string]any{"result": result{Agent: "li.na", Score: 97}}
	if !run(&recorder{TB: t}, func(tb testing.TB) { JSON(tb, "./x", changed, false) }) {
		t.Fatal("a changed result must fail")
	}
	if err := os.WriteFile(filepath.Join(Dir, "result.json"), []byte(`{"agent":"li.na","extra":1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if !run(&recorder{TB: t}, func(tb testing.TB) { RoundTrip(tb, results) }) {
		t.Fatal("an unknown field must fail the round trip")
	}
}
