package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

func main() {
	log.SetFlags(0)
	var (
		dataDir = flag.String("data", "", "folder of the center's data files (default: the shipped ./examples/month/data)")
		agents  = flag.Int("agents", 0, "generate a synthetic center of this many agents instead of reading data files")
		seed    = flag.Uint64("seed", 2026, "seed of the synthetic center")
		asJSON  = flag.Bool("json", false, "write the report as JSON")
		detail  = flag.Int("detail", 5, "agents listed per team in the feedback and statement sections (0 for all)")
		write   = flag.String("write-data", "", "write the center's data files to this folder and stop")
	)
	flag.Parse()

	start := time.Now()
	var c *Center
	var err error
	if *agents > 0 {
		c, err = Generate(*agents, *seed)
	} else {
		dir := *dataDir
		if dir == "" {
			dir = shippedData()
		}
		c, err = LoadCenter(dir)
	}
	if err != nil {
		log.Fatal(err)
	}
	if *write != "" {
		if err := WriteCenter(c, *write); err != nil {
			log.Fatal(err)
		}
		return
	}
	loaded := time.Since(start)

	t0 := time.Now()
	r, err := Run(c, DefaultPolicies())
	if err != nil {
		log.Fatal(err)
	}
	ran := time.Since(t0)

	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			log.Fatal(err)
		}
		return
	}
	Render(os.Stdout, r, *detail)
	fmt.Fprintf(os.Stderr, "\n%d agents: data in %v, rules in %v\n", len(c.Agents), loaded.Round(time.Millisecond), ran.Round(time.Millisecond))
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
