// Package callfloor is the vocabulary the callfloor packages share: how a
// decision explains itself, how bad input and bad policies are reported,
// how a policy is named, and the few value types (Setting, Duration,
// Period) that more than one package speaks of. It holds no rules; the
// rules live in mood, qa, coaching and incentives, which import it.
//
// A host that embeds several packages therefore writes one renderer, one
// audit-log shape and one error handler:
//
//   - Every result that explains itself ends with Reasons []Reason and
//     Policy Identity. A Reason names the rule by its dotted place in the
//     policy's YAML ("tiers.moderate", "rewards.tiers.gold"), says what it
//     did to the result (an Outcome), gives one sentence for people, and
//     lists the figures it read as Facts, so that a host can re-render or
//     audit it without parsing sentences.
//   - Every function that takes host data reports bad data as an
//     *InputError whose Field is a path rooted at the argument's name
//     ("assessment.screenings[2].at"). Each kind of mistake is worded once,
//     by the constructors Required, Invalid, Duplicate, NotSupported and
//     OutOfRange; errors.As finds the InputError, and InputErrors carries
//     several at once.
//   - Every ParsePolicy reports a policy it cannot compile as a
//     *PolicyError listing every Problem with its field path, line and
//     column.
//
// # Languages
//
// Every sentence comes from a message catalog, by a stable message id
// with named arguments; the bundled locales are en and zh-CN. A policy
// names its locale ("locale: zh-CN"; English when it names none) and its
// results, input errors and problems are worded in it: Reason.Text in the
// locale, Reason.Message the id, Reason.Facts the same figures in every
// language. InputError and Problem carry the id and arguments as
// MessageID and Args when their wording came from a catalog message.
//
// Errors found where no policy is at hand (mood.Score, qa.Alpha, a JSON
// enumeration, a policy too large to read or naming no bundled locale,
// DefaultPolicyFor of a locale without a default) are English. Every
// error keeps the catalog messages it was worded from, so that
// Locale.Localize words it in any bundled locale, the whole sentence: a
// host words errors in its reader's language, whatever the policy's.
// Errors meant for the developer who wrote the call (a nil or zero
// policy) stay English.
//
// # Stored state
//
// State a host stores between calls (a coaching case, a QA dispute) keeps
// one convention, so that a host stores and replays every kind the same
// way: an ID; a Status typed as the package's own enum with constants
// named Status...; Opened and Updated times; the Policy Identity it was
// opened under; and History, every event applied, in order, in full. An
// event has an ID, a Type, an At time and a By (who). Apply returns a new
// state and never mutates the one given; on a refused event it returns the
// state it was given, unchanged, with an *InputError. Applying an event
// whose ID is already in History changes nothing when its content is the
// same, and is refused when it differs. A stored state is checked against
// its own History before an event is applied.
//
// # Wire format
//
// Every exported type here and every result and state type of the
// packages encodes to JSON with snake_case names. Enumerations encode as
// their names ("one_to_one", "fired") and refuse unknown names when
// decoded; durations encode as Go duration strings ("36h", "1h30m").
package callfloor
