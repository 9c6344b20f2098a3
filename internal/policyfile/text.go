package policyfile

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// The id rule holds every mapping key and every field that names
// something: a field whose yaml name is "id" or "version", or whose tag
// has the "id" option. Such a string is printable (unicode.IsPrint: no
// control characters, no format characters such as the bidi overrides,
// no spaces but the ASCII one) and does not begin or end with a space; an
// id, key or version is not blank (empty, null or white space alone). Ids
// end up in results, logs and reports, where a line break, an escape
// sequence or a right-to-left override would forge or hide what a reader
// sees.
const idRule = "ids, keys and versions are printable, with no control or formatting characters"

// emptyVersion is the problem with a blank version: results are named by
// the version they were computed under, and a hash alone does not tell a
// reader which policy that was.
const emptyVersion = "must not be empty: results name the policy by its version"

// The text rule holds every other string of a policy: free text shown to
// people may hold tabs and line breaks, but no other C0 or C1 control
// character (an escape sequence repaints a terminal) and none of the bidi
// embedding, override and isolate characters U+202A to U+202E and U+2066
// to U+2069 (they reorder what a reader sees). The bidi marks U+200E,
// U+200F and U+061C, which right-to-left languages need, are allowed.

// A textRule is the rule a decoded string is held to.
type textRule uint8

const (
	freeText textRule = iota
	anID
	aVersion // the id rule, with a blank version refused as emptyVersion
)

// checkText holds the string s decoded from n to rule, recording a
// problem at path if it breaks it.
func (d *Doc) checkText(n *yaml.Node, path Path, s string, rule textRule) bool {
	var msg string
	if rule == freeText {
		msg = textProblem(s)
	} else {
		msg = idProblem(s, rule == aVersion)
	}
	if msg == "" {
		return true
	}
	d.at(n, path, "%s", msg)
	return false
}

// checkKey applies the id rule to a mapping key. A key that breaks it is
// reported at the mapping, since a path must not carry the characters the
// rule refuses, and its entry is skipped.
func (d *Doc) checkKey(k *yaml.Node, path Path) bool {
	msg := idProblem(k.Value, false)
	if msg == "" {
		return true
	}
	d.problems = append(d.problems, Problem{Path: string(path), Line: k.Line, Column: k.Column,
		Msg: "key " + quoteShort(k.Value) + " " + msg})
	return false
}

// idProblem says how s breaks the id rule, or returns "". A blank s,
// white space alone, is reported as empty rather than by its first
// unprintable character, since it names nothing whatever it holds; a
// blank version says why a version is needed.
func idProblem(s string, version bool) string {
	if strings.TrimSpace(s) == "" {
		if version {
			return emptyVersion
		}
		return "must not be empty"
	}
	for i, pos := 0, 1; i < len(s); pos++ {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return fmt.Sprintf("holds the invalid UTF-8 byte 0x%02X at character %d; %s", s[i], pos, idRule)
		}
		if !unicode.IsPrint(r) {
			return fmt.Sprintf("holds %U at character %d, which is not printable; %s", r, pos, idRule)
		}
		i += size
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return "must not begin or end with a space"
	}
	return ""
}

// textProblem says how s breaks the text rule, or returns "".
func textProblem(s string) string {
	for i, pos := 0, 1; i < len(s); pos++ {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return fmt.Sprintf("holds the invalid UTF-8 byte 0x%02X at character %d", s[i], pos)
		case r < 0x20 && r != '\t' && r != '\n', r >= 0x7F && r <= 0x9F:
			return fmt.Sprintf("holds the control character %U at character %d; text may hold tabs and line breaks but no other control characters", r, pos)
		case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
			return fmt.Sprintf("holds the bidi control %U at character %d; text must not hold bidi embedding, override or isolate characters", r, pos)
		}
		i += size
	}
	return ""
}

// quoteShort quotes s as Go would, every unprintable character escaped,
// cut after 40 characters so that one long key does not flood the error.
func quoteShort(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		n := 0
		for i := range s {
			if n == 40 {
				return strconv.Quote(s[:i]) + "..."
			}
			n++
		}
	}
	return strconv.Quote(s)
}
