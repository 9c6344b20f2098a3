package main

import (
	"bytes"
	"flag"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts run the command as a program named callfloor,
// built from this package, as a user would run the installed binary.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"callfloor": func() {
			e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, color: useColor(isTerminal(os.Stdout), os.Getenv)}
			os.Exit(run(e, os.Args[1:]))
		},
	})
}

// TestScripts runs every script in testdata/script: each is a session at
// a shell, the commands it types and what they must print and exit with.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}

// Flags are read wherever they stand among a command's arguments; "--"
// ends them.
func TestParseInterleaved(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		pos     []string
		verbose bool
		kind    string
	}{
		{nil, nil, false, ""},
		{[]string{"a.yaml", "b.yaml"}, []string{"a.yaml", "b.yaml"}, false, ""},
		{[]string{"-v", "a.yaml"}, []string{"a.yaml"}, true, ""},
		{[]string{"a.yaml", "-v"}, []string{"a.yaml"}, true, ""},
		{[]string{"a.yaml", "-kind", "qa", "b.yaml", "-v"}, []string{"a.yaml", "b.yaml"}, true, "qa"},
		{[]string{"a.yaml", "--", "-v", "-kind"}, []string{"a.yaml", "-v", "-kind"}, false, ""},
		{[]string{"-v", "--", "-b.yaml"}, []string{"-b.yaml"}, true, ""},
		{[]string{"-", "a.yaml"}, []string{"-", "a.yaml"}, false, ""},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		v := fs.Bool("v", false, "")
		k := fs.String("kind", "", "")
		pos, err := parseInterleaved(fs, tc.args)
		if err != nil {
			t.Fatalf("%q: %v", tc.args, err)
		}
		if !reflect.DeepEqual(pos, tc.pos) || *v != tc.verbose || *k != tc.kind {
			t.Errorf("%q: got %q, -v %v, -kind %q; want %q, %v, %q", tc.args, pos, *v, *k, tc.pos, tc.verbose, tc.kind)
		}
	}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if _, err := parseInterleaved(fs, []string{"a.yaml", "-nope"}); err == nil || err.Error() != "flag provided but not defined: -nope" {
		t.Errorf("an unknown flag after an argument: got %v", err)
	}
}

// TestUseColor: colour only on a terminal, and never when NO_COLOR holds
// anything or TERM is dumb.
func TestUseColor(t *testing.T) {
	tests := []struct {
		why      string
		terminal bool
		env      map[string]string
		want     bool
	}{
		{"a terminal", true, nil, true},
		{"a pipe", false, nil, false},
		{"NO_COLOR set", true, map[string]string{"NO_COLOR": "1"}, false},
		{"NO_COLOR set to anything", true, map[string]string{"NO_COLOR": "false"}, false},
		{"NO_COLOR empty is not set", true, map[string]string{"NO_COLOR": ""}, true},
		{"TERM=dumb", true, map[string]string{"TERM": "dumb"}, false},
		{"another TERM", true, map[string]string{"TERM": "xterm-256color"}, true},
		{"NO_COLOR on a pipe", false, map[string]string{"NO_COLOR": "1"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			if got := useColor(tt.terminal, getenv); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestPlural: a count of 1 takes the singular, every other the plural.
func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 agents", 1: "1 agent", 2: "2 agents", -1: "-1 agents"} {
		if got := plural(n, "agent", "agents"); got != want {
			t.Errorf("plural(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestUsageErrors: every command's wrong command line is one line naming
// the command, then its usage line; an unknown flag is the flag
// package's message and the usage line, never the whole help.
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{"check"}, "callfloor check: no policy file given\n" +
			"usage: callfloor check [flags] FILE...; \"callfloor check -h\" for help\n"},
		{[]string{"eval", "-x", "mood"}, "flag provided but not defined: -x\n" +
			"usage: callfloor eval [flags] PKG; \"callfloor eval -h\" for help\n"},
		{[]string{"diff", "a"}, "callfloor diff: want OLD and NEW, got 1 argument\n" +
			"usage: callfloor diff [flags] OLD NEW -data DIR; \"callfloor diff -h\" for help\n"},
		{[]string{"help", "nosuch"}, "callfloor: unknown command \"nosuch\"\n\n"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(&env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}, tt.args)
			if code != exitUsage {
				t.Errorf("exit status %d, want %d", code, exitUsage)
			}
			if !strings.HasPrefix(stderr.String(), tt.stderr) {
				t.Errorf("stderr:\n%s\nwant it to start with:\n%s", stderr.String(), tt.stderr)
			}
			if tt.args[0] != "help" && stderr.String() != tt.stderr {
				t.Errorf("stderr:\n%s\nwant exactly:\n%s", stderr.String(), tt.stderr)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout: %q", stdout.String())
			}
		})
	}
}
