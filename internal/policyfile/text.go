package policyfile

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/callfloor/callfloor/internal/msg"
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
//
// A blank version is refused with its own message (policy.empty_version):
// results are named by the version they were computed under, and a hash
// alone does not tell a reader which policy that was.

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
	var m msg.Message
	if rule == freeText {
		m = textProblem(s)
	} else {
		m = idProblem(s, rule == aVersion)
	}
	if m == nil {
		return true
	}
	d.atMsg(n, path, m)
	return false
}

// checkKey applies the id rule to a mapping key. A key that breaks it is
// reported at the mapping, since a path must not carry the characters the
// rule refuses, and its entry is skipped.
func (d *Doc) checkKey(k *yaml.Node, path Path) bool {
	m := idProblem(k.Value, false)
	if m == nil {
		return true
	}
	d.add(path, k.Line, k.Column, msg.PolicyKeyRule{Key: quoteShort(k.Value), Detail: m})
	return false
}

// idProblem says how s breaks the id rule, or returns nil. A blank s,
// white space alone, is reported as empty rather than by its first
// unprintable character, since it names nothing whatever it holds; a
// blank version says why a version is needed.
func idProblem(s string, version bool) msg.Message {
	if strings.TrimSpace(s) == "" {
		if version {
			return msg.PolicyEmptyVersion{}
		}
		return msg.PolicyBlank{}
	}
	for i, pos := 0, 1; i < len(s); pos++ {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return msg.PolicyIdInvalidUtf8{Byte: fmt.Sprintf("0x%02X", s[i]), Pos: pos}
		}
		if !unicode.IsPrint(r) {
			return msg.PolicyIdUnprintable{Char: fmt.Sprintf("%U", r), Pos: pos}
		}
		i += size
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return msg.PolicyIdSpace{}
	}
	return nil
}

// textProblem says how s breaks the text rule, or returns nil.
func textProblem(s string) msg.Message {
	for i, pos := 0, 1; i < len(s); pos++ {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return msg.PolicyTextInvalidUtf8{Byte: fmt.Sprintf("0x%02X", s[i]), Pos: pos}
		case r < 0x20 && r != '\t' && r != '\n', r >= 0x7F && r <= 0x9F:
			return msg.PolicyTextControl{Char: fmt.Sprintf("%U", r), Pos: pos}
		case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
			return msg.PolicyTextBidi{Char: fmt.Sprintf("%U", r), Pos: pos}
		}
		i += size
	}
	return nil
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
