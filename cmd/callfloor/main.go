package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
)

// Exit statuses, the same for every subcommand.
const (
	exitOK       = 0 // done; for check and test, nothing found
	exitProblems = 1 // problems found, tests failed, or the input was refused
	exitUsage    = 2 // the command line was wrong
)

// A command is one subcommand. Each lives in its own file and registers
// itself from an init function, so that the dispatcher knows nothing of
// what they do.
type command struct {
	name    string
	args    string // the arguments after the flags, as the usage line shows them
	summary string // one line for the overview
	// help is the rest of -h: what the command does, with an example.
	help string
	// flags declares the command's flags on fs and returns the function
	// that runs it once the flags are parsed.
	flags func(fs *flag.FlagSet) func(env *env, args []string) int
	// exits, when set, replaces the exit-status line of -h, for a command
	// whose statuses mean something more precise than the common ones.
	exits string
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("callfloor: command " + c.name + " registered twice")
	}
	commands[c.name] = c
}

// env is what a command reads and writes, so that tests run the whole
// program without a process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// color is true when stdout is a terminal and the user has not
	// asked for no colour (useColor); commands colour their output only
	// then.
	color bool
}

func main() {
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, color: useColor(isTerminal(os.Stdout), os.Getenv)}
	os.Exit(run(e, os.Args[1:]))
}

// useColor decides whether output is coloured: only on a terminal, and
// not when the user asks for none, by NO_COLOR set to anything but ""
// (no-color.org) or by TERM=dumb, a terminal that shows escape codes as
// text.
func useColor(terminal bool, getenv func(string) string) bool {
	return terminal && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
}

// usageLine is a command's usage on one line, with where to read more:
// what a wrong command line is answered with, where -h gives the whole
// help.
func usageLine(c *command) string {
	return fmt.Sprintf("usage: callfloor %s [flags] %s; \"callfloor %s -h\" for help", c.name, c.args, c.name)
}

// errorf writes a command's error that is not about its command line as
// "callfloor CMD: message".
func (e *env) errorf(cmd, format string, args ...any) {
	fmt.Fprintf(e.stderr, "callfloor %s: %s\n", cmd, fmt.Sprintf(format, args...))
}

// usageErrorf writes a mistake in a command's command line as
// "callfloor CMD: message" followed by the command's usage line, and
// returns the status of a wrong command line.
func (e *env) usageErrorf(cmd, format string, args ...any) int {
	e.errorf(cmd, format, args...)
	if c, ok := commands[cmd]; ok {
		fmt.Fprintln(e.stderr, usageLine(c))
	}
	return exitUsage
}

// plural writes n and the noun for n of a thing, as in "1 argument" and
// "2 arguments"; many is the noun for any count but 1.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// run is the program: it dispatches args to a subcommand and returns the
// exit status.
func run(e *env, args []string) int {
	if len(args) == 0 {
		overview(e.stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 {
			c, ok := commands[args[1]]
			if !ok {
				return unknownCommand(e, args[1])
			}
			usage(c, e.stdout)
			return exitOK
		}
		overview(e.stdout)
		return exitOK
	case "-version", "--version", "version":
		fmt.Fprintf(e.stdout, "callfloor %s\n", version())
		return exitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		return unknownCommand(e, args[0])
	}
	fs, runCmd := newFlagSet(c, e.stderr)
	pos, err := parseInterleaved(fs, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(e.stdout)
			usage(c, e.stdout)
			return exitOK
		}
		// The flag package has said what is wrong; the whole help is
		// for -h.
		fmt.Fprintln(e.stderr, usageLine(c))
		return exitUsage
	}
	return runCmd(e, pos)
}

// unknownCommand answers a command name no command has, with the
// overview, on stderr.
func unknownCommand(e *env, name string) int {
	fmt.Fprintf(e.stderr, "callfloor: unknown command %q\n\n", name)
	overview(e.stderr)
	return exitUsage
}

// parseInterleaved parses flags wherever they stand among the arguments,
// as in "callfloor diff OLD NEW -data DIR" or "callfloor check a.yaml -v",
// where the flag package alone stops at the first argument. It returns
// the arguments that are not flags, in order; after "--" everything is
// an argument, even what starts with "-".
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for len(args) > 0 {
		a := args[0]
		switch {
		case a == "--":
			return append(pos, args[1:]...), nil
		case len(a) > 1 && a[0] == '-':
			if err := fs.Parse(args); err != nil {
				return nil, err
			}
			rest := fs.Args()
			if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
				// Parse stopped at a "--" of its own: what follows is an
				// argument.
				return append(pos, rest...), nil
			}
			args = rest
		default:
			pos = append(pos, a)
			args = args[1:]
		}
	}
	return pos, nil
}

func newFlagSet(c *command, out io.Writer) (*flag.FlagSet, func(*env, []string) int) {
	fs := flag.NewFlagSet("callfloor "+c.name, flag.ContinueOnError)
	fs.SetOutput(out)
	runCmd := c.flags(fs)
	// run writes the help itself, to stdout for -h, and the usage line to
	// stderr after a bad flag's message, so the flag package must not
	// write its own.
	fs.Usage = func() {}
	return fs, runCmd
}

// usage writes a subcommand's -h: its usage line, what it does with an
// example, and its flags.
func usage(c *command, w io.Writer) {
	fs := flag.NewFlagSet("callfloor "+c.name, flag.ContinueOnError)
	c.flags(fs)
	fmt.Fprintf(w, "usage: callfloor %s [flags] %s\n\n%s\n", c.name, c.args, strings.TrimSpace(c.help))
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprintln(w, "\nflags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
	exits := fmt.Sprintf("%d done, %d problems found, %d wrong command line", exitOK, exitProblems, exitUsage)
	if c.exits != "" {
		exits = c.exits
	}
	fmt.Fprintf(w, "\nexit status: %s\n", exits)
}

func overview(w io.Writer) {
	fmt.Fprint(w, `callfloor checks, tests, evaluates and compares callfloor policies.

usage: callfloor <command> [flags] [arguments]

commands:
`)
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-8s %s\n", name, commands[name].summary)
	}
	fmt.Fprintf(w, `
"callfloor <command> -h" describes a command; "callfloor -version" prints
the version. Flags may also follow a command's arguments. Exit status: %d
done, %d problems found, %d wrong command line (diff: %d no differences,
%d differences found, %d trouble).
`, exitOK, exitProblems, exitUsage, exitOK, exitProblems, exitUsage)
}

// version is the module version the binary was built from: a tag when
// installed with go install ...@version, "(devel)" in a checkout.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// isTerminal reports whether f is a character device, which is how a
// terminal looks to the standard library; pipes and files are not.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
