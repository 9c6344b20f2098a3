package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/callfloor/callfloor/internal/msg"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit statuses: the flag package's convention, 2 for a command line the
// program refuses.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// options are the command line, checked.
type options struct {
	dataDir   string // "" for the shipped data
	agents    int    // 0 to read data files
	seed      uint64
	json      bool
	detail    int
	writeData string
	scale     []int
	lang      string // the bundled locale of -lang; "" for English, the default
}

// usageError is a command line the program refuses; run prints it with the
// usage and exits with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// parseArgs reads the command line. It refuses every flag the chosen run
// would ignore, so that nobody reads a report of other data than they
// asked for. Help (-h) returns flag.ErrHelp.
func parseArgs(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("month", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.dataDir, "data", "", "folder of the center's data files (default: the shipped ./examples/month/data)")
	fs.IntVar(&o.agents, "agents", 0, fmt.Sprintf("generate a synthetic center of this many agents (1 to %s) instead of reading data files", group(maxAgents)))
	fs.Uint64Var(&o.seed, "seed", 2026, "seed of the synthetic center; only with -agents")
	fs.BoolVar(&o.json, "json", false, "write the report as JSON, every agent included")
	fs.IntVar(&o.detail, "detail", 5, "agents listed per team in each per-agent list of the text report (0 for all)")
	fs.StringVar(&o.writeData, "write-data", "", "write the center's data files to this folder and stop")
	lang := fs.String("lang", msg.Default, fmt.Sprintf("language of the policies and the report: %s", strings.Join(msg.Tags(), ", ")))
	scale := fs.String("scale", "", "measure the month end to end on generated centers of these sizes, as in 10000,30000,100000, and print the time and memory of each")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return o, err
		}
		// The flag package has printed the problem and the usage.
		return o, &usageError{msg: err.Error()}
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	var err error
	switch {
	case fs.NArg() > 0:
		err = usagef("unexpected argument %q: month takes flags only", fs.Arg(0))
	case set["agents"] && o.agents < 1:
		err = usagef("-agents must be at least 1, not %d", o.agents)
	case set["agents"] && o.agents > maxAgents:
		err = usagef("-agents must be at most %s, not %s", group(maxAgents), group(int64(o.agents)))
	case set["agents"] && set["data"]:
		err = usagef("-agents and -data cannot be used together: -agents generates a center, -data reads one from files")
	case set["data"] && o.dataDir == "":
		err = usagef("-data needs a folder; leave it out to read the shipped data")
	case set["seed"] && !set["agents"] && !set["scale"]:
		err = usagef("-seed applies only to a generated center: use it with -agents or -scale")
	case set["detail"] && o.detail < 0:
		err = usagef("-detail must be 0 (every agent) or more, not %d", o.detail)
	case set["write-data"] && o.writeData == "":
		err = usagef("-write-data needs a folder")
	case set["write-data"] && (set["json"] || set["detail"]):
		err = usagef("-write-data writes the data files and stops: -json and -detail do not apply")
	case set["json"] && set["detail"]:
		err = usagef("-detail applies to the text report only: -json lists every agent")
	case set["scale"] && (set["agents"] || set["data"] || set["json"] || set["write-data"]):
		err = usagef("-scale generates its own centers and prints measurements: -agents, -data, -json and -write-data do not apply")
	case set["lang"] && !slices.Contains(msg.Tags(), *lang):
		err = usagef("-lang must be one of the bundled locales %s, not %q", strings.Join(msg.Tags(), ", "), *lang)
	case set["lang"] && set["write-data"]:
		err = usagef("-write-data writes the data files and stops: -lang does not apply")
	case set["scale"]:
		o.scale, err = parseSizes(*scale)
		if err != nil {
			err = usagef("%v", err)
		}
	}
	if err == nil && *lang != msg.Default {
		o.lang = *lang
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		fs.Usage()
	}
	return o, err
}

// run is the program: it reads the command line in args, writes the report
// to stdout and problems to stderr, and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	o, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return exitUsage
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "month: %v\n", err)
		return exitError
	}
	tag := o.lang
	if tag == "" {
		tag = msg.Default
	}
	loc, err := msg.Lookup(tag)
	if err != nil {
		return fail(err)
	}
	if len(o.scale) > 0 {
		runs, err := measureScale(o.scale, o.seed, o.detail, tag)
		if err != nil {
			return fail(err)
		}
		writeScale(stdout, runs)
		return exitOK
	}

	// The timings are the example's own measurement, printed to stderr so
	// that the report itself stays the same from run to run.
	start := time.Now()
	var c *Center
	if o.agents > 0 {
		c, err = Generate(o.agents, o.seed)
	} else {
		dir := o.dataDir
		if dir == "" {
			dir = shippedData()
		}
		c, err = LoadCenter(dir)
	}
	if err != nil {
		return fail(err)
	}
	if o.writeData != "" {
		if err := WriteCenter(c, o.writeData); err != nil {
			return fail(err)
		}
		return exitOK
	}
	loaded := time.Since(start)

	t0 := time.Now()
	detail := o.detail
	if o.json {
		detail = 0
	}
	pol, err := DefaultPoliciesFor(tag)
	if err != nil {
		return fail(err)
	}
	r, err := Run(c, pol, Options{Detail: detail})
	if err != nil {
		return fail(err)
	}
	ran := time.Since(t0)

	// A buffered writer keeps the first write error, so a report cut short
	// (a closed pipe, a full disk) is an error, not a silent success.
	out := bufio.NewWriter(stdout)
	if o.json {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return fail(err)
		}
	} else {
		RenderIn(out, r, o.detail, loc)
	}
	if err := out.Flush(); err != nil {
		return fail(err)
	}
	if !o.json {
		wd := newWords(loc)
		fmt.Fprintf(stderr, "\n%s\n", wd.s(msg.MonthTiming{Agents: wd.agents(len(c.Agents)), Data: loaded.Round(time.Millisecond).String(), Rules: ran.Round(time.Millisecond).String()}))
	}
	return exitOK
}

// shippedData finds ./data beside this file, whether the command runs
// from the repository root or from its own folder.
func shippedData() string {
	for _, dir := range []string{"examples/month/data", "data"} {
		if _, err := os.Stat(filepath.Join(dir, agentsFile)); err == nil {
			return dir
		}
	}
	if _, file, _, ok := runtime.Caller(0); ok {
		return filepath.Join(filepath.Dir(file), "data")
	}
	return "data"
}
