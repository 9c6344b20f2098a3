// Package msg renders every sentence callfloor writes from message
// catalogs, in the locale a policy names ("en", "zh-CN").
//
// # Library
//
// The catalogs are go-i18n message files
// (github.com/nicksnyder/go-i18n/v2, v2.5.1, the last release whose go.mod
// asks no newer Go than ours): YAML, one file per locale and area
// (locales/zh-CN/mood.yaml), ids with {{.Name}} arguments and CLDR plural
// forms (one, other, ...), read with i18n.ParseMessageFileBytes, so that
// translators and their tools work with a format they know. Plural forms
// are chosen with golang.org/x/text/feature/plural and tags parsed with
// golang.org/x/text/language, which go-i18n brings.
//
// Sentences are not rendered through go-i18n's Localize nor x/text's
// message.Printer: measured on one reason sentence, Localize costs 1.4 to
// 1.7 µs and 13 to 22 allocations and Printer.Sprintf 0.7 to 1.3 µs and 13
// allocations, which would break the targets of DESIGN.md (a triage under
// 1 µs, a 100,000-agent statement under 200 ms). Instead each message is
// compiled once per locale into literal segments and argument slots, and
// rendered by appending into the caller's buffer: 55 to 66 ns and no
// allocation per sentence. Numbers, money, dates, times, durations and
// lists are written by this package from the reserved format.* messages
// of each catalog (format.date and format.stamp are Go time layouts,
// format.money wraps {{.Amount}}), since x/text has no date formatting
// and its zh currency pattern is not the one Chinese call centers print.
//
// # Formats
//
//	kind      en                       zh-CN
//	Int       12                       12
//	Number    1,234.5                  1,234.5
//	Money     CNY 1,234.50             ¥1,234.50
//	Date      2026-11-02               2026年11月2日
//	Time      09:30                    09:30
//	DateTime  2026-11-02 09:30:00Z     2026年11月2日 09:30:00 Z
//	Stamp     2026-11-02T09:30:00Z     2026年11月2日 09:30:00 Z
//	StampNano 2026-11-02T09:30:00.5Z   2026年11月2日 09:30:00.5 Z
//	Duration  3 days, 36h, 1h30m       3天, 36小时, 1小时30分钟
//	List      a, b                     a、b
//	ListAnd   1, 2 and 4               1、2和4
//	Msg       the whole number 3       整数3
//
// A Stamp argument is an instant quoted from the data (a time the host
// sent or a case stored), to the second, in format.stamp: RFC 3339 in
// English, as the data holds it, and the locale's date and time in
// zh-CN; StampNano adds the fraction of a second when there is one, for
// a sentence that sets instants given to the nanosecond side by side.
// Code passes the time, never its text, so that a sentence worded again
// in another locale writes its times as that locale does; the catalog
// tests require each layout to read back the instant it writes.
//
// A Msg argument is another message (Go type Message): a part of the
// sentence worded from the catalogs, such as what a YAML node holds in
// "expected a list, got the whole number 3". It is written in the locale
// of the sentence that holds it, at any depth, so that the sentence is in
// one language as a whole, and a sentence worded again in another locale
// (callfloor.Locale.Localize) words its parts again too. Code passes the
// message itself, never its text: msg.PolicyExpectedList{Got:
// msg.PolicyNodeInt{Value: "3"}}. A nil message writes nothing. Args
// gives such an argument as {"message": id, "args": {...}} (NestedArgs),
// "args" left out when the message has none, nil for a nil message, so
// that a host can word it itself and JSON can hold it.
//
// # Converting a package
//
// The registry (package internal/msg/registry) is the source of truth.
// An area declares its messages in its own file there, registry/<area>.go:
//
//	func init() {
//		Register(
//			Def{ID: "mood.reason.stale", Doc: "a screening too old to use",
//				Args: []Arg{{"Instrument", String}, {"At", DateTime}, {"ValidFor", Duration}}},
//			Def{ID: "qa.reason.fails", Args: []Arg{{"N", Int}}, Plural: "N", Doc: "..."},
//		)
//	}
//
// then writes the sentence in every catalog, locales/en/<area>.yaml and
// locales/zh-CN/<area>.yaml:
//
//	mood.reason.stale: "{{.Instrument}} of {{.At}} is older than {{.ValidFor}}"
//	qa.reason.fails:
//	  one: "{{.N}} evaluation failed"
//	  other: "{{.N}} evaluations failed"
//
// and runs `go generate ./internal/msg`, which writes one struct per
// message (MoodReasonStale, QaReasonFails) with typed fields named after
// the arguments, into one file per area (messages_mood_gen.go; the area
// is the id's first segment), and areas_gen.go, which joins the areas'
// tables. A message is found through its place within its own area, so a
// change to one area's messages rewrites that area's file only. The code
// renders it into its buffer in the policy's
// locale, which policyfile hands to the package's compile function:
//
//	buf = msg.MoodReasonStale{Instrument: name, At: s.At, ValidFor: v}.Append(buf, p.loc)
//	r.Message = msg.MoodReasonStale{}.ID()
//
// or as a string with String(loc). Input errors and policy problems take
// a Message (package internal/msg/msgerr and policyfile.Doc.Report), so
// that they carry the id and arguments beside the text. The tests of this
// package then check that every id is in every catalog with the same
// arguments and the plural forms the language needs, that no catalog
// holds an id the registry lacks, that every registered message is used
// by code outside the tests, and that the generated files are exactly
// those the registry gives, none stale, missing or left over.
//
// # Adding a locale
//
// Add a directory locales/<tag>, named by its BCP 47 tag ("ja", "zh-TW"),
// holding the same files as locales/en, translated; format.yaml says how
// the locale writes numbers, money, dates, durations and the times an
// error quotes from the data. Then run go test
// ./internal/msg: TestCatalogs lists every message missing, every
// argument misspelt and every plural form the language needs, and Lookup
// serves the locale once the list is empty. A policy chooses it with
// "locale: <tag>".
package msg

//go:generate go run ./gen

// Message is a sentence with its arguments: a generated struct. ID is the
// stable id; Append and String render it in a locale; Args gives the
// arguments by name, for a host that renders or audits it itself.
type Message interface {
	ID() string
	Append(dst []byte, l *Locale) []byte
	String(l *Locale) string
	Args() map[string]any
}
