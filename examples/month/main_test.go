package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A flag the run would ignore is refused with status 2, the flag
// package's status for a usage error, the problem on the first line of
// stderr, the usage after it, and nothing on stdout.
func TestRunRefusesIgnoredFlags(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		why  string
		args []string
		want string
	}{
		{"a negative center used to run the shipped data", []string{"-agents", "-5"}, "-agents must be at least 1, not -5"},
		{"zero agents is no center either", []string{"-agents", "0"}, "-agents must be at least 1, not 0"},
		{"one past the largest center", []string{"-agents", "1000001"}, "-agents must be at most 1,000,000, not 1,000,001"},
		{"a count that would overflow Generate's sizes", []string{"-agents", "9223372036854775807"}, "-agents must be at most 1,000,000, not 9,223,372,036,854,775,807"},
		{"-data used to be silently ignored", []string{"-agents", "10", "-data", dir}, "-agents and -data cannot be used together: -agents generates a center, -data reads one from files"},
		{"the same, in the other order", []string{"-data", dir, "-agents", "10"}, "-agents and -data cannot be used together: -agents generates a center, -data reads one from files"},
		{"an empty folder is not the shipped data", []string{"-data", ""}, "-data needs a folder; leave it out to read the shipped data"},
		{"a seed only seeds a generated center", []string{"-seed", "7"}, "-seed applies only to a generated center: use it with -agents or -scale"},
		{"-scale generates its own centers", []string{"-scale", "10", "-agents", "10"}, "-scale generates its own centers and prints measurements: -agents, -data, -json and -write-data do not apply"},
		{"-scale prints no report", []string{"-scale", "10", "-json"}, "-scale generates its own centers and prints measurements: -agents, -data, -json and -write-data do not apply"},
		{"-scale reads no data", []string{"-data", dir, "-scale", "10"}, "-scale generates its own centers and prints measurements: -agents, -data, -json and -write-data do not apply"},
		{"-scale writes no data", []string{"-scale", "10", "-write-data", dir}, "-scale generates its own centers and prints measurements: -agents, -data, -json and -write-data do not apply"},
		{"-scale needs sizes", []string{"-scale", ""}, `-scale takes sizes from 1 to 1,000,000 separated by commas, not ""`},
		{"a size of zero", []string{"-scale", "10,0"}, `-scale takes sizes from 1 to 1,000,000 separated by commas, not "0"`},
		{"a size too large", []string{"-scale", "1000001"}, `-scale takes sizes from 1 to 1,000,000 separated by commas, not "1000001"`},
		{"a size that is not a number", []string{"-scale", "10k"}, `-scale takes sizes from 1 to 1,000,000 separated by commas, not "10k"`},
		{"a trailing comma", []string{"-scale", "10,"}, `-scale takes sizes from 1 to 1,000,000 separated by commas, not ""`},
		{"negative detail", []string{"-detail", "-1"}, "-detail must be 0 (every agent) or more, not -1"},
		{"an empty folder to write to", []string{"-write-data", ""}, "-write-data needs a folder"},
		{"writing data prints no report", []string{"-agents", "3", "-write-data", dir, "-json"}, "-write-data writes the data files and stops: -json and -detail do not apply"},
		{"writing data lists no agent", []string{"-write-data", dir, "-detail", "2"}, "-write-data writes the data files and stops: -json and -detail do not apply"},
		{"JSON holds every agent", []string{"-json", "-detail", "3"}, "-detail applies to the text report only: -json lists every agent"},
		{"a stray argument", []string{"-json", "north"}, `unexpected argument "north": month takes flags only`},
		{"not a number", []string{"-agents", "ten"}, `invalid value "ten" for flag -agents: parse error`},
		{"an unknown flag", []string{"-agent", "10"}, "flag provided but not defined: -agent"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args, &stdout, &stderr)
			assert.Equal(t, exitUsage, code)
			assert.Empty(t, stdout.String())
			first, rest, _ := strings.Cut(stderr.String(), "\n")
			assert.Equal(t, tc.want, first)
			assert.True(t, strings.HasPrefix(rest, "Usage of month:\n"), "the usage follows the problem: %q", rest)
		})
	}
}

func TestParseArgsAccepts(t *testing.T) {
	for _, tc := range []struct {
		why  string
		args []string
		want options
	}{
		{"nothing: the shipped data, five agents a team", nil, options{seed: 2026, detail: 5}},
		{"the smallest center", []string{"-agents", "1"}, options{agents: 1, seed: 2026, detail: 5}},
		{"the largest center", []string{"-agents", "1000000", "-seed", "9"}, options{agents: 1000000, seed: 9, detail: 5}},
		{"every agent listed", []string{"-detail", "0"}, options{seed: 2026, detail: 0}},
		{"a data folder, as JSON", []string{"-data", "d", "-json"}, options{dataDir: "d", seed: 2026, json: true, detail: 5}},
		{"a generated center written as files", []string{"-agents", "60", "-write-data", "out"}, options{agents: 60, seed: 2026, detail: 5, writeData: "out"}},
		{"shipped data copied to a folder", []string{"-data", "d", "-write-data", "out"}, options{dataDir: "d", seed: 2026, detail: 5, writeData: "out"}},
		{"three sizes measured", []string{"-scale", "10_000,30000, 100000"}, options{seed: 2026, detail: 5, scale: []int{10000, 30000, 100000}}},
		{"measured on another seed, every agent listed", []string{"-scale", "1", "-seed", "4", "-detail", "0"}, options{seed: 4, scale: []int{1}}},
	} {
		t.Run(tc.why, func(t *testing.T) {
			var stderr bytes.Buffer
			got, err := parseArgs(tc.args, &stderr)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			assert.Empty(t, stderr.String())
		})
	}
}

// -scale measures centers of the sizes given, smallest first as given,
// and prints one row each, with the ratio of the last to the first.
func TestRunScale(t *testing.T) {
	var stdout, stderr bytes.Buffer
	require.Equal(t, exitOK, run([]string{"-scale", "3,40"}, &stdout, &stderr), stderr.String())
	assert.Empty(t, stderr.String())
	rows := strings.Split(strings.TrimRight(stdout.String(), "\n"), "\n")
	require.GreaterOrEqual(t, len(rows), 4, stdout.String())
	assert.Regexp(t, `^ +agents +data +rules +report +total +per agent +input +month holds +heap peak +peak RSS$`, rows[0])
	assert.Regexp(t, `^ +3 +\d+\.\d\d s .* B/agent .* MB$`, rows[1])
	assert.Regexp(t, `^ +40 +\d+\.\d\d s .* B/agent .* MB$`, rows[2])
	assert.Regexp(t, `^time\(40\) / time\(3\) = \d+\.\d for 13\.3 times the agents$`, rows[3])
}

func TestRunHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	assert.Equal(t, exitOK, run([]string{"-h"}, &stdout, &stderr))
	assert.Empty(t, stdout.String())
	assert.True(t, strings.HasPrefix(stderr.String(), "Usage of month:\n"), stderr.String())
}

func TestRunReport(t *testing.T) {
	var stdout, stderr bytes.Buffer
	require.Equal(t, exitOK, run([]string{"-data", "data"}, &stdout, &stderr), stderr.String())
	assert.True(t, strings.HasPrefix(stdout.String(), "callfloor: one month in a call center, 2026-10 (as of 2026-10-31 18:00 CST)\n"))
	assert.Contains(t, stderr.String(), "\n60 agents: data in ")
}

// The JSON is valid, stands alone on stdout, and names every field in
// snake_case.
func TestRunJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	require.Equal(t, exitOK, run([]string{"-json"}, &stdout, &stderr), stderr.String())
	assert.Empty(t, stderr.String())
	require.True(t, json.Valid(stdout.Bytes()))
	var top struct {
		Coaching map[string]json.RawMessage `json:"coaching"`
		QA       map[string]json.RawMessage `json:"qa"`
	}
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &top))
	assert.Contains(t, top.Coaching, "retention")
	assert.NotContains(t, top.Coaching, "Retention")
	assert.Contains(t, top.QA, "care_talks")
}

func TestRunWritesData(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "center")
	var stdout, stderr bytes.Buffer
	require.Equal(t, exitOK, run([]string{"-agents", "3", "-seed", "4", "-write-data", dir}, &stdout, &stderr), stderr.String())
	assert.Empty(t, stdout.String())
	assert.Empty(t, stderr.String())
	c, err := LoadCenter(dir)
	require.NoError(t, err)
	assert.Len(t, c.Agents, 3)
}

func TestRunFailures(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing")
	var stdout, stderr bytes.Buffer
	assert.Equal(t, exitError, run([]string{"-data", missing}, &stdout, &stderr))
	assert.Empty(t, stdout.String())
	assert.Equal(t, "month: open "+filepath.Join(missing, "agents.csv")+": no such file or directory\n", stderr.String())

	// A report that cannot be written is a failure, not a silent success.
	stderr.Reset()
	assert.Equal(t, exitError, run(nil, failingWriter{}, &stderr))
	assert.Equal(t, "month: disk full\n", stderr.String())
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestGenerateBounds(t *testing.T) {
	_, err := Generate(maxAgents+1, 1)
	assert.EqualError(t, err, "a generated center holds at most 1,000,000 agents, not 1,000,001")
	_, err = Generate(-5, 1)
	assert.EqualError(t, err, "a center needs at least one agent, not -5")
}

// No command line panics, and whatever parseArgs accepts is a run that
// uses every flag given.
func FuzzParseArgs(f *testing.F) {
	for _, seed := range []string{
		"", "-agents\x00-5", "-agents\x0010\x00-data\x00d", "-json\x00-detail\x003", "-seed\x007",
		"-agents\x001000000", "-write-data\x00out\x00-json", "--agents=3", "-detail=-0", "-h", "x\x00-json",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, joined string) {
		var args []string
		if joined != "" {
			args = strings.Split(joined, "\x00")
		}
		o, err := parseArgs(args, io.Discard)
		if err != nil {
			return
		}
		if o.agents < 0 || o.agents > maxAgents {
			t.Fatalf("accepted -agents %d", o.agents)
		}
		if o.agents > 0 && o.dataDir != "" {
			t.Fatalf("accepted -agents with -data: %+v", o)
		}
		if o.detail < 0 {
			t.Fatalf("accepted -detail %d", o.detail)
		}
		if o.writeData != "" && o.json {
			t.Fatalf("accepted -write-data with -json: %+v", o)
		}
	})
}
