// Package policyfile decodes callfloor policies strictly and reports every
// problem with its place.
//
// Every public package (mood, qa, coaching, incentives) reads its policy
// the same way: Decode walks the YAML node tree into the package's raw
// policy struct, recording the line and column of every field it sets and
// noting unknown fields, duplicate keys, missing required fields and
// values of the wrong type without stopping at the first. The package's
// validator then adds its own problems through Errorf and ErrorfAt, which
// place them at the field's value. Err returns them all, sorted, as one
// *Error whose lines read
//
//	tiers[2].min: line 14, column 10: overlaps tiers[1] (max 9)
//
// Sources over MaxSize bytes are refused before parsing, and alias
// expansion is bounded by MaxNodes, so a hostile policy cannot exhaust
// memory. IdentityOf names a compiled policy by its declared version and
// a hash of its source.
package policyfile
