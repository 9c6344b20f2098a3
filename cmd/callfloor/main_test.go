package main

import (
	"os"
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
