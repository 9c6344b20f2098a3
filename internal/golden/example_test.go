package golden_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/callfloor/callfloor/internal/golden"
)

// printer reports what a test would, so the example can show it.
type printer struct{ testing.TB }

func (printer) Helper()                           {}
func (printer) Errorf(format string, args ...any) { fmt.Println("error") }
func (printer) Fatalf(format string, args ...any) { fmt.Println("fatal") }
func (printer) Fatal(args ...any)                 { fmt.Println("fatal") }

// A package's golden test writes its files once with -update, then holds
// every later run to them and reads each file back into its type.
func ExampleJSON() {
	dir, _ := os.MkdirTemp("", "golden")
	defer os.RemoveAll(dir)
	golden.Dir = filepath.Join(dir, "golden")

	type reminder struct {
		Subject string `json:"subject"`
		Overdue bool   `json:"overdue"`
	}
	results := map[string]any{"reminder": reminder{Subject: "li.na", Overdue: true}}
	golden.JSON(printer{}, "./coaching", results, true) // -update
	golden.JSON(printer{}, "./coaching", results, false)
	golden.RoundTrip(printer{}, results)
	b, _ := os.ReadFile(filepath.Join(golden.Dir, "reminder.json"))
	fmt.Print(string(b))
	// Output:
	// {
	//   "subject": "li.na",
	//   "overdue": true
	// }
}
