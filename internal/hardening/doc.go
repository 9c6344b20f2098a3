// Package hardening holds the tests that hold every public package to the
// same bar at once: hostile policy sources are refused with located
// errors, and properties that span packages stay true. It has no API.
//
// Its fuzz target, FuzzAllParsers, runs one parser per input. Its
// TestMain limits the engine's minimizing of each interesting input to 50
// runs unless -fuzzminimizetime is given: the engine leaves minimizing
// runs out of the execs it prints, and at its default of 60 s per input a
// run on policy-sized inputs printed 0 execs/sec while its worker was busy.
package hardening
