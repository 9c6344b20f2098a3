// Package golden holds the callfloor packages' JSON results to their
// golden files, so that the wire format, which hosts store and read back,
// changes only on purpose.
//
// Each package names its result and state types, each produced by its
// default policy from fixed inputs, and passes them to JSON, which
// compares their indented encoding with testdata/golden/<name>.json byte
// for byte (or rewrites the files when the package's -update flag is
// set), and to RoundTrip, which decodes each file into its type with
// unknown fields refused and encodes it again: the bytes must not change.
package golden
