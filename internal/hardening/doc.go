// Package hardening holds the tests that hold every public package to the
// same bar at once: hostile policy sources are refused with located
// errors, and properties that span packages stay true. It has no API.
//
// Its fuzz target, FuzzAllParsers, runs one parser per input. Its
// TestMain limits the engine's minimizing of each interesting input to 50
// runs unless -fuzzminimizetime is given. The engine counts the runs spent
// minimizing an input in the execs it prints only once that minimizing
// ends, which at its default takes up to 60 s per input; on policy-sized
// inputs the printed rate would then read 0 execs/sec for long stretches
// while the worker is busy.
package hardening
