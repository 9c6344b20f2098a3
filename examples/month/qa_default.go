package main

import (
	"os"
	"path/filepath"
	"runtime"

	"github.com/callfloor/callfloor/qa"
)

// zhSource reads the Simplified Chinese default policy of a package,
// default.zh-CN.yaml, beside the package's source in this repository.
func zhSource(pkg string) ([]byte, error) {
	_, file, _, _ := runtime.Caller(0)
	return os.ReadFile(filepath.Join(filepath.Dir(file), "..", "..", pkg, "default.zh-CN.yaml"))
}

// qaDefaultFor gives the quality-inspection default policy of the
// bundled locale tag: the English default, or the Simplified Chinese one.
func qaDefaultFor(tag string) (*qa.Policy, error) {
	if tag == "en" {
		return qa.DefaultPolicy(), nil
	}
	src, err := zhSource("qa")
	if err != nil {
		return nil, err
	}
	return qa.ParsePolicy(src)
}
