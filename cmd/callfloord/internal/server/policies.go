package server

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"go.yaml.in/yaml/v3"

	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

// loadPolicies reads every *.yaml file of dir as a policy of the kind its
// kind field names. A kind no file names runs its package's default.
func loadPolicies(dir string) (*Policies, error) {
	pol := &Policies{
		Mood:       mood.DefaultPolicy(),
		QA:         qa.DefaultPolicy(),
		Coaching:   coaching.DefaultPolicy(),
		Incentives: incentives.DefaultPolicy(),
		Files:      map[string]string{},
	}
	if dir == "" {
		return pol, nil
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var errs []error
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		var top struct {
			Kind string `yaml:"kind"`
		}
		_ = yaml.NewDecoder(bytes.NewReader(src)).Decode(&top)
		if prev, dup := pol.Files[top.Kind]; dup {
			errs = append(errs, fmt.Errorf("%s: a second %s policy; %s is the first", f, top.Kind, prev))
			continue
		}
		switch top.Kind {
		case "mood":
			pol.Mood, err = mood.ParsePolicy(src)
		case "qa":
			pol.QA, err = qa.ParsePolicy(src)
		case "coaching":
			pol.Coaching, err = coaching.ParsePolicy(src)
		case "incentives":
			pol.Incentives, err = incentives.ParsePolicy(src)
		default:
			err = fmt.Errorf("kind %q is not a policy kind (coaching, incentives, mood, qa)", top.Kind)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", f, err))
			continue
		}
		pol.Files[top.Kind] = f
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return pol, nil
}
