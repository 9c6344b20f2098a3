// Package cond is the condition language that callfloor policies use for
// rules that depend on metrics, such as
//
//	qa_avg >= 95 && csat >= 4.6 && complaints == 0
//
// The language has numbers, metric names, the comparisons < <= > >= == !=,
// the connectives && || ! and parentheses, and the constants true and
// false. Both sides of a comparison are numbers or metric names; a metric
// name alone is not a condition (write "complaints > 0"). && binds tighter
// than ||; ! binds tightest.
//
// A policy declares the metrics it uses in an Env, which gives each name a
// slot. Compile parses an expression once, resolving names to slots, and
// reports the first problem with its byte offset so the policy loader can
// place it in the YAML. Eval then reads a []float64 indexed by slot and
// allocates nothing. A comparison with NaN is false, as in Go.
//
// Rules where the first condition that holds wins (gold, silver, bronze)
// link their conditions into a Chain, which evaluates them as one. A
// policy with several rules per record compiles all of them into a Set:
// groups of tiers, a rule alone being a group of one, evaluated in one
// call that writes each group's first tier that holds.
//
// # How a condition is compiled
//
// Compile parses the source into a small syntax tree, with a constant on
// the left mirrored to the right (5 < x is x > 5), and lowers it up to
// three ways. Every comparison of a metric with a constant becomes an
// interval test, lo <= v && v <= hi: x < c is [-Inf, c⁻] with c⁻ the
// float just below c (math.Nextafter), x == c is [c, c], and x != c is
// x == c with its outcomes swapped. The test is exact for every float;
// NaN lies in no interval, so it fails every comparison but != as in Go.
//
//   - The decision graph, for every condition: each comparison is one
//     instruction naming where to go when it holds and when it does not,
//     so && || and ! become jumps and evaluation short-circuits as Go does.
//     It is the general evaluator that the other forms are held to.
//   - The mask form, for conditions of up to 64 comparisons whose
//     disjunctive normal form has at most 64 terms: every comparison is
//     computed, without a jump, into one bit of a word, and the terms are
//     checked as masks. Expr.Eval and Chain.First use it when it fits.
//   - The flat form, for comparisons of metrics with constants joined all
//     by && or all by ||, other than !=, with a metric named at most once
//     in a ||: each metric held to one interval. A Set uses it.
//
// # Which groups a Set specialises, and why
//
// A group of a Set is specialised when every tier has a flat form with
// the same join and, for every metric, the values that pass its test grow
// down the tiers (thresholds going down, a metric dropped from the lower
// tiers of an && group or added to the lower tiers of an || group): gold,
// silver, bronze; triage tiers; discipline steps over one count; a single
// && or || of thresholds. Then every tier below one that holds holds too,
// and the first that holds comes from a count: in an && group, the tiers
// that hold are as many as the fewest that any metric's value passes; in
// an || group, the first tier that holds is the fewest that any metric's
// value fails. Counting reads
// every test, but it has no branch that depends on the record, which on
// varied records costs more than the tests that short-circuiting skips.
// Every test of the count is one unsigned comparison of an integer key
// with the order of the floats, and every group's tests run in one loop
// over fixed-width steps that calls nothing. Other groups (mixed nesting,
// !, !=, a metric against a metric, thresholds that do not nest) run as
// their Chain, after the loop.
//
// Comparisons are pure, so every form gives the same answer on every
// input, NaN, both zeros and the infinities included; tests compare each
// with the decision graph on random conditions and rows, and fuzz tests
// hold them to it.
package cond
