// Package schematest holds the tests that keep each package's policy JSON
// Schema (mood.PolicySchema and the rest, and their copies in schemas/)
// true to its parser: every policy a parser accepts, the embedded
// defaults and every policy under a testdata folder of the repository,
// is valid against its schema; every way a parser refuses a policy for
// its shape (an unknown or missing field, a value of the wrong type, a
// malformed id, a value outside a closed set, the wrong kind) is refused
// by the schema too; and the schema never refuses what the parser
// accepts. A reference to a list the policy declares, such as a coaching
// workflow naming one of the policy's kinds, is judged as far as a
// schema can follow: where the policy leaves the list out, parser and
// schema hold the reference to the same built-in ids; where it declares
// the list, the parser holds it to the declared ids and the schema to the
// id pattern, suggesting the built-in ones. testdata holds the policies
// that judge the first case, which the default policies, declaring
// their lists, leave unjudged. It has no code of its own outside its
// tests.
package schematest
