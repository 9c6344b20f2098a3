package policyfile

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type textItem struct {
	ID    string   `yaml:"id"`
	Label string   `yaml:"label,id"`
	Roles []string `yaml:"roles,id"`
	Text  string   `yaml:"text"`
}

type textPolicy struct {
	Version string            `yaml:"version,required"`
	Items   []textItem        `yaml:"items"`
	Notes   []string          `yaml:"notes"`
	Names   map[string]string `yaml:"names"`
	Owner   *string           `yaml:"owner"`
}

const (
	idRuleMsg   = "ids, keys and versions are printable, with no control or formatting characters"
	controlRule = "text may hold tabs and line breaks but no other control characters"
	bidiRule    = "text must not hold bidi embedding, override or isolate characters"

	emptyVersionMsg = "must not be empty: results name the policy by its version"
)

func TestTextRules(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // every problem, in order; none for an accepted source
	}{
		{"plain ids and text pass", "version: 2026.1 (pilot)\nitems: [{id: gold, label: moderately severe, roles: [hr, team_lead], text: \"Offer a talk.\\n\\tThen follow up.\"}]\nnotes: [\"休息一下，再回来。\", \"שלום\u200f!\", \"👩\u200d💻 help\"]\nnames: {gold: Gold tier}\nowner: hr\n", nil},
		{"empty version", "version: \"\"\n", []string{"version: line 1, column 10: " + emptyVersionMsg}},
		{"one-space version", "version: \" \"\n", []string{"version: line 1, column 10: " + emptyVersionMsg}},
		{"blank version", "version: \"  \"\n", []string{"version: line 1, column 10: " + emptyVersionMsg}},
		{"tab version", "version: \"\\t\"\n", []string{"version: line 1, column 10: " + emptyVersionMsg}},
		{"line-break version", "version: \"\\n\"\n", []string{"version: line 1, column 10: " + emptyVersionMsg}},
		{"no-break-space version", "version: \"\\u00a0\"\n", []string{"version: line 1, column 10: " + emptyVersionMsg}},
		{"null version", "version: ~\n", []string{"version: line 1, column 10: " + emptyVersionMsg}},
		{"null version written as nothing", "version:\nitems: []\n", []string{"version: line 1, column 9: " + emptyVersionMsg}},
		{"null version through an alias, placed at the alias", "owner: &n ~\nversion: *n\n", []string{"version: line 2, column 10: " + emptyVersionMsg}},
		{"one-character version", "version: x\n", nil},
		{"version with a zero-width space alone", "version: \"\\u200b\"\n",
			[]string{"version: line 1, column 10: holds U+200B at character 1, which is not printable; " + idRuleMsg}},

		{"version with a bidi override", "version: \"1\\u202e2\"\n",
			[]string{"version: line 1, column 10: holds U+202E at character 2, which is not printable; " + idRuleMsg}},
		{"version with a raw bidi override", "version: 1\u202e2\n",
			[]string{"version: line 1, column 10: holds U+202E at character 2, which is not printable; " + idRuleMsg}},
		{"version with a line break", "version: \"1\\n2\"\n",
			[]string{"version: line 1, column 10: holds U+000A at character 2, which is not printable; " + idRuleMsg}},
		{"version with a leading space", "version: \" 1\"\n",
			[]string{"version: line 1, column 10: must not begin or end with a space"}},
		{"version with a trailing space", "version: \"1 \"\n",
			[]string{"version: line 1, column 10: must not begin or end with a space"}},

		{"empty id", "version: 1\nitems:\n  - id: \"\"\n",
			[]string{"items[0].id: line 3, column 9: must not be empty"}},
		{"blank id", "version: 1\nitems:\n  - id: \"   \"\n",
			[]string{"items[0].id: line 3, column 9: must not be empty"}},
		{"id of a tab alone", "version: 1\nitems:\n  - id: \"\\t\"\n",
			[]string{"items[0].id: line 3, column 9: must not be empty"}},
		{"null id", "version: 1\nitems:\n  - id: ~\n",
			[]string{"items[0].id: line 3, column 9: expected a string, got nothing (null)"}},
		{"id with an escape sequence", "version: 1\nitems:\n  - id: \"gold\\e[31m\"\n",
			[]string{"items[0].id: line 3, column 9: holds U+001B at character 5, which is not printable; " + idRuleMsg}},
		{"id with a tab", "version: 1\nitems:\n  - id: \"\\tgold\"\n",
			[]string{"items[0].id: line 3, column 9: holds U+0009 at character 1, which is not printable; " + idRuleMsg}},
		{"id with a C1 control", "version: 1\nitems:\n  - id: \"go\\x85ld\"\n",
			[]string{"items[0].id: line 3, column 9: holds U+0085 at character 3, which is not printable; " + idRuleMsg}},
		{"id with a zero-width space", "version: 1\nitems:\n  - id: \"go\\u200bld\"\n",
			[]string{"items[0].id: line 3, column 9: holds U+200B at character 3, which is not printable; " + idRuleMsg}},
		{"id with a right-to-left mark", "version: 1\nitems:\n  - id: \"gold\\u200f\"\n",
			[]string{"items[0].id: line 3, column 9: holds U+200F at character 5, which is not printable; " + idRuleMsg}},
		{"id with a no-break space", "version: 1\nitems:\n  - id: \"go\\u00a0ld\"\n",
			[]string{"items[0].id: line 3, column 9: holds U+00A0 at character 3, which is not printable; " + idRuleMsg}},
		{"id with a line separator", "version: 1\nitems:\n  - id: \"go\\u2028ld\"\n",
			[]string{"items[0].id: line 3, column 9: holds U+2028 at character 3, which is not printable; " + idRuleMsg}},
		{"id with a trailing space", "version: 1\nitems:\n  - id: \"gold \"\n",
			[]string{"items[0].id: line 3, column 9: must not begin or end with a space"}},
		{"field tagged id", "version: 1\nitems:\n  - label: \"severe\\u2066\"\n",
			[]string{"items[0].label: line 3, column 12: holds U+2066 at character 7, which is not printable; " + idRuleMsg}},
		{"list tagged id", "version: 1\nitems:\n  - roles: [hr, \"lead\\u202d\"]\n",
			[]string{"items[0].roles[1]: line 3, column 17: holds U+202D at character 5, which is not printable; " + idRuleMsg}},
		{"id through an alias, placed at the alias too", "version: 1\nitems:\n  - id: &x \"a\\u202eb\"\n  - id: *x\n",
			[]string{
				"items[0].id: line 3, column 9: holds U+202E at character 2, which is not printable; " + idRuleMsg,
				"items[1].id: line 4, column 9: holds U+202E at character 2, which is not printable; " + idRuleMsg,
			}},

		{"text with an escape sequence", "version: 1\nitems:\n  - text: \"ok\\e[2J\"\n",
			[]string{"items[0].text: line 3, column 11: holds the control character U+001B at character 3; " + controlRule}},
		{"text with a carriage return", "version: 1\nnotes: [\"paid\\rrefused\"]\n",
			[]string{"notes[0]: line 2, column 9: holds the control character U+000D at character 5; " + controlRule}},
		{"text with a NUL", "version: 1\nnotes: [\"a\\0\"]\n",
			[]string{"notes[0]: line 2, column 9: holds the control character U+0000 at character 2; " + controlRule}},
		{"text with DEL", "version: 1\nnotes: [\"a\\x7f\"]\n",
			[]string{"notes[0]: line 2, column 9: holds the control character U+007F at character 2; " + controlRule}},
		{"text with a C1 control", "version: 1\nnotes: [ok, \"a\\x9b31m\"]\n",
			[]string{"notes[1]: line 2, column 13: holds the control character U+009B at character 2; " + controlRule}},
		{"text with a bidi override", "version: 1\nowner: \"hr\\u202e\"\n",
			[]string{"owner: line 2, column 8: holds the bidi control U+202E at character 3; " + bidiRule}},
		{"text with a bidi isolate, raw", "version: 1\nowner: hr\u2069\n",
			[]string{"owner: line 2, column 8: holds the bidi control U+2069 at character 3; " + bidiRule}},
		{"text with a bidi embedding in a block scalar", "version: 1\nitems:\n  - text: |\n      first line\n      second \u202a line\n",
			[]string{"items[0].text: line 3, column 11: holds the bidi control U+202A at character 19; " + bidiRule}},
		{"map value is text", "version: 1\nnames: {gold: \"x\\e\"}\n",
			[]string{"names.gold: line 2, column 15: holds the control character U+001B at character 2; " + controlRule}},

		{"empty map key", "version: 1\nnames:\n  \"\": x\n",
			[]string{`names: line 3, column 3: key "" must not be empty`}},
		{"map key with a space", "version: 1\nnames:\n  \" gold\": x\n",
			[]string{`names: line 3, column 3: key " gold" must not begin or end with a space`}},
		{"map key with a bidi override", "version: 1\nnames:\n  \"gold\\u202e\": x\n  silver: y\n",
			[]string{`names: line 3, column 3: key "gold\u202e" holds U+202E at character 5, which is not printable; ` + idRuleMsg}},
		{"field key with an escape, not reported as unknown", "version: 1\n\"\\e[2Jversion\": 2\n",
			[]string{`line 2, column 1: key "\x1b[2Jversion" holds U+001B at character 1, which is not printable; ` + idRuleMsg}},
		{"long key is cut in the message", "version: 1\nnames:\n  \"" + strings.Repeat("a", 45) + "\\n\": x\n",
			[]string{`names: line 3, column 3: key "` + strings.Repeat("a", 40) + `"... holds U+000A at character 46, which is not printable; ` + idRuleMsg}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p textPolicy
			err := Decode("test policy", []byte(tt.src), &p).Err()
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			var pe *Error
			require.True(t, errors.As(err, &pe), "want problems, got %v", err)
			var got []string
			for _, pr := range pe.Problems {
				got = append(got, pr.Error())
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// A string that breaks a rule is not stored, so a validator never works
// on it; the entry of a refused key is skipped, and its siblings decoded.
func TestTextRefusedIsNotStored(t *testing.T) {
	var p textPolicy
	d := Decode("test policy", []byte("version: 1\nowner: \"a\\e\"\nnames: {\"b\\e\": x, c: y}\n"), &p)
	require.Error(t, d.Err())
	assert.Equal(t, "", *p.Owner)
	assert.Equal(t, map[string]string{"c": "y"}, p.Names)
	assert.True(t, d.Failed("owner"))
	assert.False(t, d.Failed("names"), "a refused key does not fail the whole mapping")
}

func TestOneDocument(t *testing.T) {
	const second = "a second YAML document starts here; a policy is one document"
	tests := []struct {
		name string
		src  string
		want string // the whole error; empty when the source is accepted
	}{
		{"second document", "version: 1\n---\nnotes: [a]\n",
			"test policy: 1 problem\n\tline 2, column 1: " + second},
		{"second document after an explicit first", "---\nversion: 1\n---\nversion: 2\n",
			"test policy: 1 problem\n\tline 3, column 1: " + second},
		{"second document on the marker's line", "version: 1\n--- [a]\n",
			"test policy: 1 problem\n\tline 2, column 1: " + second},
		{"second document holding only null", "version: 1\n---\n~\n",
			"test policy: 1 problem\n\tline 2, column 1: " + second},
		{"second document holding an empty string", "version: 1\n--- \"\"\n",
			"test policy: 1 problem\n\tline 2, column 1: " + second},
		{"second document holding only a tag", "version: 1\n--- !!str\n",
			"test policy: 1 problem\n\tline 2, column 1: " + second},
		{"second document holding only an anchor", "version: 1\n--- &a\n",
			"test policy: 1 problem\n\tline 2, column 1: " + second},
		{"content after empty documents", "version: 1\n---\n---\n# c\n---\nnotes: [a]\n",
			"test policy: 1 problem\n\tline 5, column 1: " + second},
		{"only the first extra document is reported", "version: 1\n---\na: 1\n---\nb: 2\n",
			"test policy: 1 problem\n\tline 2, column 1: " + second},
		{"the first document is still checked", "version: 1\nnotes: x\n---\na: 1\n",
			"test policy: 2 problems\n\tnotes: line 2, column 8: expected a list, got \"x\"\n\tline 3, column 1: " + second},
		{"empty first document, policy in the second", "---\n---\nversion: 1\n",
			"test policy: 2 problems\n\tline 1, column 1: policy is empty\n\tline 2, column 1: " + second},
		{"content after a document end marker", "version: 1\n...\nnotes: [a]\n",
			"test policy: 1 problem\n\tline 2: YAML syntax: did not find expected <document start>"},
		{"syntax error in a second document", "version: 1\n---\nnotes: [a\n",
			"test policy: 1 problem\n\tline 2: YAML syntax: did not find expected ',' or ']'"},

		{"trailing marker", "version: 1\n---\n", ""},
		{"trailing marker and comment", "version: 1\n--- # end\n# nothing more\n", ""},
		{"several trailing markers", "version: 1\n---\n---\n", ""},
		{"document end marker", "version: 1\n...\n", ""},
		{"document end marker then comment", "version: 1\n...\n# signed off\n", ""},
		{"document end and start markers", "version: 1\n...\n---\n", ""},
		{"leading marker", "---\nversion: 1\n", ""},
		{"directive", "%YAML 1.1\n---\nversion: 1\n...\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p testPolicy
			err := Decode("test policy", []byte(tt.src), &p).Err()
			if tt.want == "" {
				require.NoError(t, err)
				assert.Equal(t, "1", p.Version)
				return
			}
			assert.EqualError(t, err, tt.want)
		})
	}
}
