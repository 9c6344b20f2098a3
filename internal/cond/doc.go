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
// link their conditions into a Chain, which evaluates them as one.
//
// Evaluation has two lowerings of the same syntax tree. Conditions of up
// to 64 comparisons whose disjunctive normal form has at most 64 terms are
// evaluated by computing every comparison into one bit of a word and
// checking the terms as masks; others walk a decision graph that
// short-circuits as Go does. Comparisons are pure, so both give the same
// answer on every input; the fuzz test holds them to it.
package cond
