package hardening

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/internal/policyfile"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parsers are the four public policy parsers, each with its embedded
// default source.
var parsers = []struct {
	name  string
	parse func([]byte) error
	def   []byte
}{
	{"mood policy", func(b []byte) error { _, err := mood.ParsePolicy(b); return err }, mood.DefaultPolicySource()},
	{"qa policy", func(b []byte) error { _, err := qa.ParsePolicy(b); return err }, qa.DefaultPolicySource()},
	{"coaching policy", func(b []byte) error { _, err := coaching.ParsePolicy(b); return err }, coaching.DefaultPolicySource()},
	{"incentives policy", func(b []byte) error { _, err := incentives.ParsePolicy(b); return err }, incentives.DefaultPolicySource()},
}

func problems(t *testing.T, err error) []policyfile.Problem {
	t.Helper()
	var pe *policyfile.Error
	require.True(t, errors.As(err, &pe), "want a policy error, got %v", err)
	require.NotEmpty(t, pe.Problems)
	return pe.Problems
}

func billionLaughs(levels int) string {
	var b strings.Builder
	b.WriteString("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < levels; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

func TestHostilePolicies(t *testing.T) {
	for _, p := range parsers {
		t.Run(p.name, func(t *testing.T) {
			t.Run("10 MB source", func(t *testing.T) {
				src := append([]byte("version: x\n"), []byte(strings.Repeat("# padding\n", 1<<20))...)
				ps := problems(t, p.parse(src))
				assert.Equal(t, fmt.Sprintf("policy is %d bytes; the limit is 1048576 (1 MiB)", len(src)), ps[0].Msg)
			})
			t.Run("alias bomb", func(t *testing.T) {
				// Nine levels of ten: a billion nodes if expanded. The
				// unknown anchors' fields are refused without expansion, and
				// the alias where a string belongs is refused at its place.
				src := billionLaughs(9) + "version: *a8\n"
				ps := problems(t, p.parse([]byte(src)))
				var msgs []string
				for _, pr := range ps {
					msgs = append(msgs, pr.Error())
				}
				assert.Contains(t, msgs, "version: line 10, column 10: expected a string, got a list")
				assert.Contains(t, msgs[0], "a0: line 1, column 1: unknown field; allowed: ")
			})
			t.Run("deep nesting", func(t *testing.T) {
				src := "version: x\nextra: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n"
				ps := problems(t, p.parse([]byte(src)))
				assert.NotEmpty(t, ps[0].Msg)
			})
			t.Run("not a mapping", func(t *testing.T) {
				ps := problems(t, p.parse([]byte("- just\n- a list\n")))
				assert.Equal(t, "line 1, column 1: expected a mapping, got a list", ps[0].Error())
			})
			t.Run("empty", func(t *testing.T) {
				ps := problems(t, p.parse(nil))
				assert.Equal(t, "line 1, column 1: policy is empty", ps[0].Error())
			})
			t.Run("huge numbers and wrong types everywhere", func(t *testing.T) {
				// Replace every scalar value of the default policy with a
				// value of another type: a mapping where a scalar stands,
				// a huge number where text stands. Every problem must be
				// located.
				var lines []string
				for _, line := range strings.Split(string(p.def), "\n") {
					if k, v, ok := strings.Cut(line, ": "); ok && !strings.HasPrefix(strings.TrimSpace(line), "#") && !strings.HasPrefix(strings.TrimSpace(v), "#") && strings.TrimSpace(v) != "" && !strings.HasPrefix(strings.TrimSpace(v), "|") && !strings.HasPrefix(strings.TrimSpace(v), ">") {
						if strings.TrimSpace(k) == "version" {
							lines = append(lines, line)
							continue
						}
						lines = append(lines, k+": {bogus: 1e999999}")
						continue
					}
					lines = append(lines, line)
				}
				err := p.parse([]byte(strings.Join(lines, "\n")))
				for _, pr := range problems(t, err) {
					assert.Positive(t, pr.Line, "every problem has a line: %v", pr)
				}
			})
			t.Run("the default parses", func(t *testing.T) {
				assert.NoError(t, p.parse(p.def))
			})
		})
	}
}

func FuzzAllParsers(f *testing.F) {
	for _, p := range parsers {
		f.Add(p.def)
	}
	f.Add([]byte(billionLaughs(4) + "version: *a3\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, p := range parsers {
			err := p.parse(src)
			if err == nil {
				continue
			}
			var pe *policyfile.Error
			if !errors.As(err, &pe) || len(pe.Problems) == 0 {
				t.Fatalf("%s: error %v is not a non-empty policy error", p.name, err)
			}
		}
	})
}
