// Package timerange says whether a time can be stored.
//
// Results and stored state (coaching cases, QA disputes, triage results)
// are meant to round-trip through JSON, and encoding/json refuses a
// time.Time whose year, in its own location, lies outside 0..9999 or
// whose zone offset is 24 hours or more. A deadline computed past that
// range would make a result that the host cannot store, so the packages
// refuse such times, and the inputs that would produce them, as input
// errors.
package timerange
