// Package bench measures callfloor's condition engine against
// github.com/expr-lang/expr, github.com/google/cel-go and the same rules
// hand-written in Go.
//
// Four typical rules run per agent record: a bonus tier (gold, silver,
// bronze; the first that holds wins), a triage tier from PHQ-9 and GAD-7
// totals, a promotion check of six requirements, and a discipline step from
// the violations of the last twelve months. Every engine is fed the same
// rule texts and checked to decide all 10,000 generated records exactly as
// hand-written Go does before anything is timed. Run, from this folder:
//
//	go test -bench . -benchmem
//
// It is its own module so that expr and cel-go never become dependencies
// of callfloor's users.
package bench
