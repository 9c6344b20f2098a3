package hardening

import (
	"flag"
	"testing"
)

// TestMain bounds how long the fuzzing engine minimizes each interesting
// input to 50 runs of the target, as CI does, unless the command line
// sets -fuzzminimizetime. The engine's default is 60 s per input, and the
// runs it spends minimizing are left out of the "execs" it prints; on
// policy-sized inputs a fuzz run then spends nearly all its time there
// and reports 0 execs/sec while its worker is busy.
func TestMain(m *testing.M) {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) {
		if f.Name == "test.fuzzminimizetime" {
			given = true
		}
	})
	if !given {
		if err := flag.Set("test.fuzzminimizetime", "50x"); err != nil {
			panic(err)
		}
	}
	m.Run()
}
