package main

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runSchema runs the whole program as "callfloor schema args..." and
// returns its exit status and what it wrote.
func runSchema(w func([]byte) (int, error), args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
	if w != nil {
		e.stdout = writerFunc(w)
	}
	code := run(e, append([]string{"schema"}, args...))
	return code, stdout.String(), stderr.String()
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

// TestSchemaEveryKind: every kind a policy may name has its schema, and
// the command writes exactly the package's PolicySchema.
func TestSchemaEveryKind(t *testing.T) {
	names := make([]string, 0, len(schemas))
	for k := range schemas {
		names = append(names, k)
	}
	slices.Sort(names)
	require.Equal(t, kinds, names, "the kinds the command reads and the schemas it writes")
	for _, k := range kinds {
		code, out, errOut := runSchema(nil, k)
		assert.Equal(t, exitOK, code, k)
		assert.Empty(t, errOut, k)
		assert.Equal(t, string(schemas[k]()), out, k)
		assert.Contains(t, out, `"const": "`+k+`"`, k)
	}
}

// TestSchemaUsage: a missing, extra or unknown PKG is a usage error with
// the kinds allowed, and nothing on stdout.
func TestSchemaUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		err  string
	}{
		{"no PKG", nil, "callfloor schema: want one PKG (coaching, incentives, mood, qa), got 0 arguments\nusage: callfloor schema [flags] PKG; \"callfloor schema -h\" for help\n"},
		{"two PKGs", []string{"mood", "qa"}, "callfloor schema: want one PKG (coaching, incentives, mood, qa), got 2 arguments\nusage: callfloor schema [flags] PKG; \"callfloor schema -h\" for help\n"},
		{"unknown PKG", []string{"payroll"}, "callfloor schema: \"payroll\" is not a policy kind (coaching, incentives, mood, qa)\nusage: callfloor schema [flags] PKG; \"callfloor schema -h\" for help\n"},
		{"a kind is lowercase", []string{"QA"}, "callfloor schema: \"QA\" is not a policy kind (coaching, incentives, mood, qa)\nusage: callfloor schema [flags] PKG; \"callfloor schema -h\" for help\n"},
		{"a kind, not a policy name", []string{"mood policy"}, "callfloor schema: \"mood policy\" is not a policy kind (coaching, incentives, mood, qa)\nusage: callfloor schema [flags] PKG; \"callfloor schema -h\" for help\n"},
		{"an unknown flag", []string{"-o", "x", "mood"}, "flag provided but not defined: -o\n"},
	} {
		code, out, errOut := runSchema(nil, tc.args...)
		assert.Equal(t, exitUsage, code, tc.name)
		assert.Empty(t, out, tc.name)
		if tc.name == "an unknown flag" {
			assert.True(t, strings.HasPrefix(errOut, tc.err), "%s: %q", tc.name, errOut)
			continue
		}
		assert.Equal(t, tc.err, errOut, tc.name)
	}
}

// TestSchemaWriteFails: a schema that cannot be written (a closed pipe)
// is a problem, exit 1, said on stderr.
func TestSchemaWriteFails(t *testing.T) {
	code, _, errOut := runSchema(func([]byte) (int, error) { return 0, errors.New("broken pipe") }, "mood")
	assert.Equal(t, exitProblems, code)
	assert.Equal(t, "callfloor schema: broken pipe\n", errOut)
}

// TestSchemaHelp: -h shows the editor setup, the modeline and the
// settings an editor reads.
func TestSchemaHelp(t *testing.T) {
	code, out, _ := runSchema(nil, "-h")
	assert.Equal(t, exitOK, code)
	for _, want := range []string{
		"usage: callfloor schema [flags] PKG\n",
		"\t$ callfloor schema mood > mood.schema.json\n",
		"\t# yaml-language-server: $schema=mood.schema.json\n",
		`"yaml.schemas": {"./mood.schema.json": ["policies/mood*.yaml"]}`,
		"exit status: 0 done, 1 problems found, 2 wrong command line\n",
	} {
		assert.Contains(t, out, want)
	}
}

// FuzzSchemaArg: no argument makes the command panic; it succeeds for a
// kind, writing its schema, or for a help flag, writing its usage, and
// writes nothing otherwise.
func FuzzSchemaArg(f *testing.F) {
	for _, s := range []string{"mood", "qa", "coaching", "incentives", "", "-h", "--help", "--", "Mood", "mood\x00", "-kind=mood"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, arg string) {
		code, out, _ := runSchema(nil, arg)
		schema, known := schemas[arg]
		switch {
		case known && (code != exitOK || out != string(schema())):
			t.Fatalf("schema %q: exit %d, output %.40q", arg, code, out)
		case !known && code == exitOK && !strings.HasPrefix(out, "usage: callfloor schema "):
			t.Fatalf("schema %q: exit 0 with output %.40q", arg, out)
		case code != exitOK && out != "":
			t.Fatalf("schema %q: exit %d with output %.40q", arg, code, out)
		}
	})
}
