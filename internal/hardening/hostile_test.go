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

// FuzzAllParsers feeds hostile sources to the public parsers, one parser
// per run: which picks it, so that each default policy is mutated under
// its own parser and a run costs one parse, not four. TestMain keeps the
// engine's minimizing of interesting inputs short, so that the rate it
// prints is the rate at which the parsers are tried. Every problem must
// have a possible place and carry none of the characters a policy may
// not hold.
func FuzzAllParsers(f *testing.F) {
	for i, p := range parsers {
		f.Add(uint8(i), p.def)
		f.Add(uint8(i), append(append([]byte(nil), p.def...), "\n---\nversion: x\n"...))
	}
	f.Add(uint8(0), []byte(billionLaughs(4)+"version: *a3\n"))
	f.Add(uint8(1), []byte("version: \"1\\u202e\"\nscorecards:\n  - id: \"a\\e[2J\"\n    \"\\u2066\": x\n"))
	f.Fuzz(func(t *testing.T, which uint8, src []byte) {
		p := parsers[int(which)%len(parsers)]
		err := p.parse(src)
		if err == nil {
			return
		}
		var pe *policyfile.Error
		if !errors.As(err, &pe) || len(pe.Problems) == 0 {
			t.Fatalf("%s: error %v is not a non-empty policy error", p.name, err)
		}
		for _, pr := range pe.Problems {
			if pr.Line < 0 || pr.Column < 0 || (pr.Line == 0 && pr.Column != 0) {
				t.Fatalf("%s: problem %q has an impossible place", p.name, pr.Error())
			}
			// An error is shown to people too: it must not carry the
			// characters a policy may not, whatever the source held.
			for _, r := range pr.Error() {
				if r < 0x20 || (r >= 0x7F && r <= 0x9F) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) {
					t.Fatalf("%s: problem %q holds %U", p.name, pr.Error(), r)
				}
			}
		}
	})
}
