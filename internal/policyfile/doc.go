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
// A policy may name its package in a top-level "kind" field (KindField):
// "kind: mood" for the policy mood.ParsePolicy reads, and so on. The field
// is optional; Decode checks it against the kind it was given and never
// passes it into the package's struct. A kind that names another package
// is one problem at its value, so that a qa policy handed to mood says so
// once rather than failing on every field:
//
//	kind: line 1, column 7: this is a mood policy; kind "qa" names another package
//
// A policy is one YAML document. A second document after "---" would be
// ignored, so it is refused at the line of its marker; "---" or "..."
// markers and comments with nothing after them are allowed.
//
// Decode lists a mapping's entries with a MappingReader: merge keys ("<<")
// expanded, an explicit key winning over a merged one and an earlier
// merged mapping over a later one, a key written twice refused at its
// second place. A tool that reads other YAML beside policies (callfloor
// test's files) uses the same reader with its own bounds, so that one
// document means one thing to both.
//
// Every string is checked as it is decoded, so that no package can forget
// to. Ids, versions and mapping keys follow the id rule: printable in the
// sense of unicode.IsPrint (no control characters, no format characters
// such as the bidi overrides U+202A to U+202E, no space but U+0020), not
// beginning or ending with a space, and not blank: an id or key that is
// empty or white space alone is refused as empty, and so is a version that
// is empty, white space alone or null, with the reason results need one:
//
//	version: line 1, column 10: must not be empty: results name the policy by its version
//
// Which fields hold ids is decided by name, so that every package's "id"
// and "version" fields are covered without a tag to forget; a field of
// another name that names something, such as a band's name, opts in with
// the "id" tag option: `yaml:"name,required,id"`. Every other string, free
// text shown to people, may hold tabs and line breaks but no other C0 or C1
// control character (an escape sequence repaints a terminal) and none of
// the bidi embedding, override and isolate characters U+202A to U+202E and
// U+2066 to U+2069 (they reorder what a reader sees); the bidi marks that
// right-to-left text needs are allowed. Each breach is one problem at the
// string's place naming the character, as in
//
//	scorecards[0].id: line 9, column 9: holds U+202E at character 8, which is not printable; ...
//
// A key that breaks the id rule is reported at its mapping, quoted, so
// that no path in an error carries the characters refused.
//
// Sources over MaxSize bytes are refused before parsing, and alias
// expansion is bounded by MaxNodes, so a hostile policy cannot exhaust
// memory. IdentityOf names a compiled policy by its declared version and
// a hash of its source.
//
// # Locale
//
// A policy may name its locale in a top-level "locale" field (LocaleField,
// "locale: zh-CN"); Decode reads it before any other field, wherever it is
// written, and every problem it finds after that is a catalog message of
// package internal/msg (ids policy.* and cond.*) worded in that locale,
// with its id and arguments on the Problem, the place and the first line
// too:
//
//	情绪管理策略：1个问题
//		tiers[0].min: 第3行第22列：应为整数，实为字符串"x"
//
// A validator words its own problems the same way with Report, ReportAt,
// ReportError (an error that carries a catalog message, as those of
// cond.NewEnv and callfloor.ParseDuration do) and IDAs; Condition words
// a condition that does not compile in the locale by itself. Problems
// reported with Errorf and ErrorfAt stay English text.
//
// Some problems are found before the locale can be known, and are
// English: a source over MaxSize, a source that is not YAML (and the YAML
// parser's own words after "YAML syntax:" are English in every locale),
// an empty policy, and a locale field that is itself wrong (not a plain
// string, or not a bundled locale) along with everything else in that
// policy.
//
// Schema writes the JSON Schema (draft 2020-12) of a policy format from
// the same description Decode reads, so that the two cannot drift: names,
// required fields, the id and version rules and inline structs come from
// the struct tags, and the closed sets and ids that only validators know
// from the raw struct's SchemaRules. Each package exposes its schema as
// PolicySchema, and the repository keeps them in schemas/.
package policyfile
