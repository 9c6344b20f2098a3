package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestE2EProblemLanguage holds the real binary to the language of its
// problems: the library's sentences of an input error (of mood.Score,
// English without a policy) and of a policy problem (of a policy that
// names zh-CN) come in the language Accept-Language chooses, in the
// policy's locale when it chooses none, with Content-Language and Vary
// saying so; every exchange goes through the contract validator.
func TestE2EProblemLanguage(t *testing.T) {
	s := newE2ESite(t)
	d := startE2E(t, s)
	zhPolicy, err := os.ReadFile(filepath.Join("..", "..", "mood", "default.zh-CN.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	broken := append(zhPolicy, "bogus: 1\n"...)
	s.writePolicy(t, "mood.yaml", broken)
	file := filepath.Join(s.policies, "mood.yaml")
	line := strings.Count(string(broken), "\n")

	const screenings = "/v1/mood/screenings"
	offScale := `{"agent":"a.li","instrument":"gad7","answers":[0,0,4,0,0,0,0],"at":"2026-03-01T09:00:00Z"}`
	scoreEN := "4 is outside 0..3, the scale of GAD-7 item 3"
	scoreZH := "4超出0..3的范围（GAD-7第3题的分值范围）"
	allowed := "kind, locale, version, roles, instruments, tiers, crisis, watch, cycles, causes, techniques, climate, practices, declarations, names"
	policyEN := "unknown field; allowed: " + allowed
	policyZH := "未知字段；可用的字段：" + strings.ReplaceAll(allowed, ", ", "、")

	cases := []struct {
		name, header string
		// lang is the locale the header chooses, "" for none.
		lang             string
		score, policyMsg string
	}{
		{"no header", "", "", scoreEN, policyZH},
		{"zh-CN", "zh-CN", "zh-CN", scoreZH, policyZH},
		{"zh", "zh", "zh-CN", scoreZH, policyZH},
		{"Chinese before English by q-value", "zh-Hans-CN;q=0.9, en;q=0.8", "zh-CN", scoreZH, policyZH},
		{"en", "en", "en", scoreEN, policyEN},
		{"fr, which no locale serves", "fr", "", scoreEN, policyZH},
		{"*", "*", "", scoreEN, policyZH},
		{"malformed", "zh-CN;q=abc", "", scoreEN, policyZH},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var hdr []string
			if c.header != "" {
				hdr = []string{"Accept-Language", c.header}
			}
			x := d.do(e2eTokAgentA, "POST", screenings, offScale, hdr...)
			e2eWantProblem(t, "an answer off the scale", x, e2eProblemOf(422, "invalid-input", "Invalid input", "answers[2]: "+c.score, screenings,
				e2eFieldError{Field: "answers[2]", Kind: "out_of_range", Detail: c.score}))
			e2eWantLanguage(t, "an answer off the scale", x, c.lang)

			x = d.do(e2eTokAdmin, "POST", "/v1/admin/reload", "", hdr...)
			e2eWantProblem(t, "a reload of a broken policy", x, e2eProblemOf(422, "invalid-policy", "Invalid policy or token file",
				"1 problem; the running policies and tokens stay in force", "/v1/admin/reload",
				e2eFieldError{Field: "bogus", Kind: "invalid", Detail: c.policyMsg, File: file, Line: line, Column: 1}))
			e2eWantLanguage(t, "a reload of a broken policy", x, c.lang)
		})
	}
	d.stop()
}

// e2eWantLanguage fails the test unless the answer's Content-Language is
// lang ("" for none) and its Vary names Accept-Language.
func e2eWantLanguage(t *testing.T, what string, x e2eExchange, lang string) {
	t.Helper()
	if got := x.header.Get("Content-Language"); got != lang {
		t.Errorf("%s: Content-Language %q, want %q", what, got, lang)
	}
	if got := x.header.Values("Vary"); len(got) != 1 || got[0] != "Accept-Language" {
		t.Errorf("%s: Vary %q, want Accept-Language", what, got)
	}
}
