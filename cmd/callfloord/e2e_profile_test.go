package main

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestE2EServeProfiled serves in the test process, so that go test's
// -cpuprofile and -memprofile see the service under a load generator's
// requests: the binary has no profiling endpoint, and should not. It runs
// only when CALLFLOORD_PROFILE_ARGS holds the command's flags, for
// CALLFLOORD_PROFILE_FOR (a duration, default 20s), then stops as on
// SIGTERM:
//
//	CALLFLOORD_PROFILE_ARGS='-addr 127.0.0.1:8080 -tokens T -store DSN -rate 0 -log-level warn' \
//	CALLFLOORD_PROFILE_FOR=15s go test -run TestE2EServeProfiled -cpuprofile cpu.out .
//	go tool pprof -top callfloord.test cpu.out
func TestE2EServeProfiled(t *testing.T) {
	args := os.Getenv("CALLFLOORD_PROFILE_ARGS")
	if args == "" {
		t.Skip("CALLFLOORD_PROFILE_ARGS is not set; this test only serves for a profile")
	}
	d := 20 * time.Second
	if v := os.Getenv("CALLFLOORD_PROFILE_FOR"); v != "" {
		var err error
		if d, err = time.ParseDuration(v); err != nil {
			t.Fatalf("CALLFLOORD_PROFILE_FOR: %v", err)
		}
	}
	sigs := make(chan os.Signal, 1)
	stop := time.AfterFunc(d, func() { sigs <- syscall.SIGTERM })
	defer stop.Stop()
	if code := run(strings.Fields(args), os.Stderr, sigs); code != exitOK {
		t.Fatalf("callfloord exited %d", code)
	}
}
