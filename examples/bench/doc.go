// Package bench measures callfloor against github.com/expr-lang/expr,
// github.com/google/cel-go and the same rules hand-written in Go, in two
// benchmarks. Every engine is checked to decide all 10,000 generated
// records exactly as the reference does before anything is timed. Run,
// from this folder:
//
//	go test -bench . -benchmem
//
// # Rules
//
// BenchmarkRules runs four typical rules per agent record: a bonus tier
// (gold, silver, bronze; the first that holds wins), a triage tier from
// PHQ-9 and GAD-7 totals, a promotion check of six requirements, and a
// discipline step from the violations of the last twelve months. Every
// engine is fed the same rule texts; callfloor compiles all four into one
// cond.Set, as a policy does, and evaluates them in one call. ns/op is per
// record, over the 10,000 varied records in turn: on one fixed row every
// branch of hand-written Go is predicted, which flatters it.
//
// Compare hand-written Go and callfloor side by side in one run, ten
// times, with benchstat:
//
//	go test -run '^$' -bench 'Rules/engine=(hand-written|callfloor)$' -benchmem -count 10 > rules.txt
//	benchstat -col /engine rules.txt
//
// On one core of a 2-core AMD EPYC, Go 1.26, with other work on the
// machine (load about 2-3), that gave, as medians of ten:
//
//	engine          ns per record   allocs per record
//	hand-written    20.9 ± 6%       0
//	callfloor       38.5 ± 4%       0 (1.84 times hand-written)
//
// The engine before the Set, a Chain per tiered rule and an Expr (four
// calls a record), measured 48.9 ns against hand-written Go's 21.0 ns by
// the same command in the same session: 2.33 times. internal/cond's
// package doc says which shapes a Set counts and why.
//
// # Incentives
//
// BenchmarkIncentives runs a full incentive evaluation of 10,000 agents per
// op, in teams of 20: the policy of testdata/incentives.yaml, with three
// reward rules, a gold/silver/bronze tier group, a reward per customer
// compliment up to a max, points on a line from csat 4.0 to 5.0, the QA
// multiplier (120, 110, 100 and 80 percent) and per-agent caps on bonus
// and points that bind for the best agents. ns/agent is ns/op divided by
// the number of agents.
//
// callfloor evaluates it with incentives.Policy.Evaluate, which checks
// every record and writes a whole statement: every line with its reason
// and note, team and center totals, the praise and corrective lists. The
// other engines work out only each agent's bonus and points: they read
// the same YAML (NewIncentivePlan), compile its conditions their own way
// (hand-written Go, expr, cel-go), and share Go code that reproduces
// callfloor's arithmetic: the QA band's percent rounded half up per bonus
// line, points rounded down on the line, the compliments max, and the caps
// shared out by the largest remainder, the earlier line first among equal
// remainders. Their per-agent totals must equal those of callfloor's
// statement for every agent, and the hand-written lines must equal
// callfloor's line by line, since a capped agent's total is the cap
// whichever line takes a leftover unit.
//
// It is its own module so that expr and cel-go never become dependencies
// of callfloor's users.
package bench
