package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// childEnv, when set, makes TestSQLiteSurvivesKill the writer it kills.
const childEnv = "CALLFLOORD_STORE_TEST_WRITER"

// TestSQLiteSurvivesKill: a write Create has returned is on disk, even when
// the process dies at once by kill -9, with no Close. A child process
// writes records and prints each one's id once Create returns; the test
// kills it after 50 and opens the file again.
func TestSQLiteSurvivesKill(t *testing.T) {
	if path := os.Getenv(childEnv); path != "" {
		writeUntilKilled(path)
		return
	}
	const printed = 50
	path := filepath.Join(t.TempDir(), "killed.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestSQLiteSurvivesKill$")
	cmd.Env = append(os.Environ(), childEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var written []string
	lines := bufio.NewScanner(out)
	for len(written) < printed && lines.Scan() {
		written = append(written, lines.Text())
	}
	cmd.Process.Kill()
	cmd.Wait()
	if len(written) < printed {
		t.Fatalf("the writer printed %d ids before it stopped, want %d", len(written), printed)
	}

	s := openT(t, "sqlite:"+path)
	for _, id := range written {
		r, err := s.Get(context.Background(), KindCase, id)
		if err != nil {
			t.Fatalf("record %s, written before the kill: %v", id, err)
		}
		if want := childDoc(id); string(r.Doc) != want {
			t.Fatalf("record %s: doc %s, want %s", id, r.Doc, want)
		}
	}
}

func childDoc(id string) string { return fmt.Sprintf(`{"id":%q}`, id) }

// writeUntilKilled is the child: it creates records until it is killed.
func writeUntilKilled(path string) {
	ctx := context.Background()
	s, err := Open(ctx, "sqlite:"+path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	for i := 0; ; i++ {
		id := fmt.Sprintf("c-%06d", i)
		if err := s.Create(ctx, Record{Kind: KindCase, ID: id, Subject: "ana", Open: true, Doc: []byte(childDoc(id)), Updated: at}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Println(id)
	}
}
