package main

import (
	"flag"
	"io"
	"os"
	"reflect"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts run the command as a program named callfloor,
// built from this package, as a user would run the installed binary.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"callfloor": func() {
			e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, color: isTerminal(os.Stdout)}
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
