package hardening

import (
	"flag"
	"testing"
)

// TestMain bounds how long the fuzzing engine minimizes each interesting
// input to 50 runs of the target, as CI does, unless the command line
// sets -fuzzminimizetime. The engine's default is 60 s per input, and it
// adds the runs spent minimizing an input to the "execs" it prints only
// when that minimizing ends; on policy-sized inputs, where minimizing
// takes most of a fuzz run, the printed rate would read 0 execs/sec for
// up to a minute at a time while the worker is busy.
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
