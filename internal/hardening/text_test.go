package hardening

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	idRule      = "ids, keys and versions are printable, with no control or formatting characters"
	controlRule = "text may hold tabs and line breaks but no other control characters"
	bidiRule    = "text must not hold bidi embedding, override or isolate characters"
	secondDoc   = "a second YAML document starts here; a policy is one document"
)

// placeOf gives the 1-based line and column of byte offset off in src.
func placeOf(src string, off int) (line, col int) {
	line = 1 + strings.Count(src[:off], "\n")
	return line, off - strings.LastIndex(src[:off], "\n")
}

// A second YAML document after "---" would be ignored; every parser
// refuses it at the line of its marker. Markers and comments alone after
// the policy are harmless and accepted.
func TestSecondDocumentRefused(t *testing.T) {
	for _, p := range parsers {
		t.Run(p.name, func(t *testing.T) {
			def := string(p.def)
			if !strings.HasSuffix(def, "\n") {
				def += "\n"
			}
			markerLine := strings.Count(def, "\n") + 1
			tests := []struct {
				name, tail, want string
			}{
				{"a policy after ---", "---\n" + def, fmt.Sprintf("%s: 1 problem\n\tline %d, column 1: %s", p.name, markerLine, secondDoc)},
				{"one field after ---", "--- # overrides\nversion: x\n", fmt.Sprintf("%s: 1 problem\n\tline %d, column 1: %s", p.name, markerLine, secondDoc)},
				{"a null after ---", "---\n~\n", fmt.Sprintf("%s: 1 problem\n\tline %d, column 1: %s", p.name, markerLine, secondDoc)},
				{"content after ...", "...\nversion: x\n", fmt.Sprintf("%s: 1 problem\n\tline %d: YAML syntax: did not find expected <document start>", p.name, markerLine)},
				{"a trailing ---", "---\n", ""},
				{"a trailing --- and a comment", "---\n# nothing more\n", ""},
				{"a trailing ...", "...\n", ""},
				{"a trailing ... and a comment", "...\n# signed off\n", ""},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					err := p.parse([]byte(def + tt.tail))
					if tt.want == "" {
						assert.NoError(t, err)
						return
					}
					assert.EqualError(t, err, tt.want)
				})
			}
		})
	}
}

// Versions, ids, band names and keys are printable, and free text holds
// no control or bidi characters but tabs and line breaks, in every
// package alike. Each case edits the package's default policy: old is
// replaced by new, and the problem is placed where new starts plus skip
// bytes.
func TestControlCharactersRefused(t *testing.T) {
	tests := []struct {
		parser   int
		name     string
		old, new string
		skip     int
		path     string
		msg      string
	}{
		{0, "version with an escape sequence", "version: mood-default-1", `version: "mood-default-1\e]0;x\a"`, 9, "version",
			"holds U+001B at character 15, which is not printable; " + idRule},
		{0, "band name with a right-to-left override", "{name: moderate, min: 10", `{name: "mode\u202erate", min: 10`, 7, "instruments.phq9.bands[2].name",
			"holds U+202E at character 5, which is not printable; " + idRule},
		{0, "band name with a line break", "{name: moderate, min: 10", `{name: "moderate\nsevere", min: 10`, 7, "instruments.phq9.bands[2].name",
			"holds U+000A at character 9, which is not printable; " + idRule},
		{0, "band name with a trailing space", "{name: moderate, min: 10", `{name: "moderate ", min: 10`, 7, "instruments.phq9.bands[2].name",
			"must not begin or end with a space"},
		{0, "action text with an escape sequence", "text: Offer the counseling service to relieve pressure and adjust mindset.", `text: "Offer the counseling service\e[8m to relieve pressure and adjust mindset."`, 6, "tiers.mild[0].text",
			"holds the control character U+001B at character 29; " + controlRule},
		{0, "weekday key with a bidi override", "      monday:\n", "      \"mon\\u202eday\":\n", 6, "cycles.weekdays.days",
			`key "mon\u202eday" holds U+202E at character 4, which is not printable; ` + idRule},

		{1, "version with a bidi isolate", `version: "2025.1"`, `version: "2025.1\u2066"`, 9, "version",
			"holds U+2066 at character 7, which is not printable; " + idRule},
		{1, "scorecard id with a line break", "  - id: inbound_service\n", "  - id: \"inbound\\nservice\"\n", 8, "scorecards[0].id",
			"holds U+000A at character 8, which is not printable; " + idRule},
		{1, "scorecard version with a leading space", "    version: \"2\"\n", "    version: \" 2\"\n", 13, "scorecards[0].version",
			"must not begin or end with a space"},
		{1, "item text with a carriage return", "text: Answered the call within 3 rings", `text: "Answered the call\r within 3 rings"`, 6, "scorecards[0].sections[0].items[0].text",
			"holds the control character U+000D at character 18; " + controlRule},
		{1, "item advice with a bidi override", "good: The caller was answered within three rings and did not wait to be heard.", `good: "The caller was \u202eanswered within three rings and did not wait to be heard."`, 6, "scorecards[0].sections[0].items[0].good",
			"holds the bidi control U+202E at character 16; " + bidiRule},

		{2, "version with a C1 control", "version: coaching-default-1", `version: "coaching\x9bdefault-1"`, 9, "version",
			"holds U+009B at character 9, which is not printable; " + idRule},
		{2, "step id with a zero-width space", "      - id: analyze_scores\n", "      - id: \"analyze\\u200bscores\"\n", 12, "workflows.performance_review.steps[0].id",
			"holds U+200B at character 8, which is not printable; " + idRule},
		{2, "hiring weight key with an escape", "    stress_tolerance: 1.5\n", "    \"stress_tolerance\\e\": 1.5\n", 4, "hiring.weights",
			`key "stress_tolerance\x1b" holds U+001B at character 17, which is not printable; ` + idRule},
		{2, "workflow title with an escape", "title: performance interview", `title: "performance interview\e[2J"`, 7, "workflows.performance_review.title",
			"holds the control character U+001B at character 22; " + controlRule},

		{3, "version with a NUL", `version: "default-1"`, `version: "default-1\0"`, 9, "version",
			"holds U+0000 at character 10, which is not printable; " + idRule},
		{3, "rule id that is blank", "    - id: solved_with_praise\n", "    - id: \" \"\n", 10, "rewards.rules[0].id",
			"must not be empty"},
		{3, "rule id with a bidi override", "    - id: solved_with_praise\n", "    - id: \"solved_with_\\u202epraise\"\n", 10, "rewards.rules[0].id",
			"holds U+202E at character 13, which is not printable; " + idRule},
		{3, "rule reason with a bidi override", "reason: solved customers' problems with good customer feedback", `reason: "solved customers' \u202eproblems with good customer feedback"`, 8, "rewards.rules[0].reason",
			"holds the bidi control U+202E at character 19; " + bidiRule},
	}
	for _, tt := range tests {
		p := parsers[tt.parser]
		t.Run(p.name+"/"+tt.name, func(t *testing.T) {
			def := string(p.def)
			at := strings.Index(def, tt.old)
			require.GreaterOrEqual(t, at, 0, "the default policy no longer holds %q", tt.old)
			src := def[:at] + tt.new + def[at+len(tt.old):]
			line, col := placeOf(src, at+tt.skip)
			want := fmt.Sprintf("%s: line %d, column %d: %s", tt.path, line, col, tt.msg)
			var got []string
			for _, pr := range problems(t, p.parse([]byte(src))) {
				got = append(got, pr.Error())
			}
			assert.Equal(t, []string{want}, got)
		})
	}
}

// A blank version, however written, is refused by every parser alike,
// once, at the version's place, with the reason results need one. Each
// target is a version line of a package's default policy, with the line
// and column at which its value starts.
func TestBlankVersionRefused(t *testing.T) {
	const emptyVersion = "must not be empty: results name the policy by its version"
	targets := []struct {
		parser    int
		name      string
		line, key string // the default's version line, and its key as written
		path      string
		at, col   int // where the value starts
	}{
		{0, "version", "version: mood-default-1\n", "version:", "version", 5, 10},
		{1, "version", "version: \"2025.1\"\n", "version:", "version", 15, 10},
		{1, "scorecard version", "    version: \"2\"\n", "    version:", "scorecards[0].version", 97, 14},
		{2, "version", "version: coaching-default-1\n", "version:", "version", 8, 10},
		{3, "version", "version: \"default-1\"\n", "version:", "version", 12, 10},
	}
	spellings := []struct {
		name, value string // value follows the key and a space; "" writes the key alone
	}{
		{"empty", `""`},
		{"one space", `" "`},
		{"spaces", `"   "`},
		{"a tab", `"\t"`},
		{"a line break", `"\n"`},
		{"a tab written raw", "'\t'"},
		{"null", "null"},
		{"tilde", "~"},
		{"nothing", ""},
	}
	for _, tg := range targets {
		p := parsers[tg.parser]
		for _, sp := range spellings {
			t.Run(p.name+"/"+tg.name+"/"+sp.name, func(t *testing.T) {
				def := string(p.def)
				at := strings.Index(def, tg.line)
				require.GreaterOrEqual(t, at, 0, "the default policy no longer holds %q", tg.line)
				line, col := placeOf(def, at+len(tg.key)+1)
				require.Equal(t, []int{tg.at, tg.col}, []int{line, col}, "the default's version moved")
				repl := tg.key + " " + sp.value + "\n"
				if sp.value == "" {
					// A value left out is placed just after the colon.
					repl, col = tg.key+"\n", col-1
				}
				src := def[:at] + repl + def[at+len(tg.line):]
				want := fmt.Sprintf("%s: line %d, column %d: %s", tg.path, line, col, emptyVersion)
				var got []string
				for _, pr := range problems(t, p.parse([]byte(src))) {
					got = append(got, pr.Error())
				}
				assert.Equal(t, []string{want}, got)
			})
		}
	}
}
