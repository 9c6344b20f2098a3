// Package schematest holds the tests that keep each package's policy JSON
// Schema (mood.PolicySchema and the rest, and their copies in schemas/)
// true to its parser: every policy a parser accepts, the embedded
// defaults and every policy under a testdata folder of the repository,
// is valid against its schema; every way a parser refuses a policy for
// its shape (an unknown or missing field, a value of the wrong type, a
// malformed id, a value outside a closed set, the wrong kind) is refused
// by the schema too; and the schema never refuses what the parser
// accepts. It has no code of its own outside its tests.
package schematest
