// Callfloor is the command for the people who write callfloor policies: it
// checks them, tests them, evaluates input under them and compares two
// versions of one, without writing Go.
//
// Install it with
//
//	go install github.com/callfloor/callfloor/cmd/callfloor@latest
//
// Usage:
//
//	callfloor <command> [flags] [arguments]
//
// The commands:
//
//	check FILE...     validate policies of any kind, every problem with its place
//	eval PKG          evaluate JSON input documents under a policy, results as JSON
//	test TESTFILE...  run policy unit tests written in YAML
//	diff OLD NEW      what a new policy version changes over one period's data
//	schema PKG        the JSON Schema of a package's policy format
//
// "callfloor <command> -h" (or "callfloor help <command>") describes a
// command, with an example, and "callfloor -version" prints the module
// version the binary was built from. Flags may stand before or after a
// command's arguments, as in "callfloor diff OLD NEW -data DIR"; after
// "--" everything is an argument. A wrong command line (an unknown flag,
// a missing argument) is answered on stderr with what is wrong and the
// command's usage line:
//
//	callfloor diff: want OLD and NEW, got 1 argument
//	usage: callfloor diff [flags] OLD NEW -data DIR; "callfloor diff -h" for help
//
// A policy names its package in a top-level kind field (kind: mood,
// kind: qa, kind: coaching or kind: incentives); check and eval take
// -kind or PKG for a policy without one. check prints every problem of
// every file at once, one a line, as
//
//	file:line:column: path: message
//
// prints nothing when there is none (-v names each file that passed), and
// writes the problems as a JSON array with -o json. A coaching policy is
// checked against the kinds of the files given with it, never against how
// many there are, so that a hook checking only the files a commit changed
// gives each the same verdict: with a mood policy it must declare every
// signal callfloor gives from a mood triage, with a qa policy every one it
// gives from a qa trend, and with -signals every signal named there, while
// each signal its conditions read that is neither a mood nor a qa signal
// must be named there. Alone, or with an incentives policy, it is checked
// against nothing else.
//
// eval reads one JSON document, or several one after another (JSON
// Lines), on stdin and writes one line of JSON per document on stdout, so
// that hosts not written in Go and shell pipelines can use the rules. A
// document that is refused gets an {"errors": [...]} line in its place, so
// that line N of the output always answers document N, and each of its
// errors goes to stderr as "input N: field: message".
//
// Output is coloured only when it goes to a terminal, and never when the
// NO_COLOR environment variable holds anything (https://no-color.org) or
// TERM is dumb.
//
// Exit status, the same for every command but diff:
//
//	0  done; for check and test, nothing found
//	1  problems found, tests failed, or input refused
//	2  the command line was wrong: an unknown command or flag, a missing argument
//
// diff follows diff(1), so that a CI job fails when a change moves
// decisions or pay: 0 no differences, 1 differences found, 2 a wrong
// command line or input that cannot be compared. With -o json, what
// cannot be compared is written on stdout as {"errors": [...]}, each
// error in the shape of check's JSON problems, so that a tool reads JSON
// whatever happens.
package main
