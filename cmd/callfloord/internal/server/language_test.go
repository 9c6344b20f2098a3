package server

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/mood"
)

func TestReaderLocale(t *testing.T) {
	cases := []struct {
		name string
		vals []string
		// want is the locale's tag, "" for none.
		want string
	}{
		{"no header", nil, ""},
		{"an empty header", []string{""}, ""},
		{"zh-CN", []string{"zh-CN"}, "zh-CN"},
		{"zh, the language alone", []string{"zh"}, "zh-CN"},
		{"zh-Hans, the script alone", []string{"zh-Hans"}, "zh-CN"},
		{"zh-Hans-CN", []string{"zh-Hans-CN"}, "zh-CN"},
		{"zh-CN in another case", []string{"ZH-cn"}, "zh-CN"},
		{"zh-SG, Simplified too", []string{"zh-SG"}, "zh-CN"},
		{"zh-TW, Traditional, which zh-CN only approximates", []string{"zh-TW"}, ""},
		{"zh-Hant", []string{"zh-Hant"}, ""},
		{"Chinese before English by q-value", []string{"zh-Hans-CN;q=0.9, en;q=0.8"}, "zh-CN"},
		{"English before Chinese by q-value, whatever the order", []string{"zh-CN;q=0.5, en"}, "en"},
		{"Chinese before English by q-value, whatever the order", []string{"en;q=0.5, zh-CN"}, "zh-CN"},
		{"an unserved language first, then Chinese", []string{"fr, zh;q=0.5"}, "zh-CN"},
		{"q=0 refuses the language", []string{"zh-CN;q=0"}, ""},
		{"en", []string{"en"}, "en"},
		{"en-US", []string{"en-US"}, "en"},
		{"en-GB", []string{"en-GB"}, "en"},
		{"fr", []string{"fr"}, ""},
		{"ja", []string{"ja"}, ""},
		{"*", []string{"*"}, ""},
		{"an unserved language, then *", []string{"de-CH, *;q=0.5"}, ""},
		{"two header lines, read as one list", []string{"fr", "zh-CN;q=0.8"}, "zh-CN"},
		{"a malformed tag", []string{"!!"}, ""},
		{"a malformed tag beside a good one", []string{"zh-CN, !!"}, ""},
		{"a malformed q-value", []string{"zh-CN;q=abc"}, ""},
		{"at the length limit", []string{"zh-CN" + strings.Repeat(",", maxAcceptLanguage-len("zh-CN"))}, "zh-CN"},
		{"one byte over the length limit", []string{"zh-CN" + strings.Repeat(",", maxAcceptLanguage-len("zh-CN")+1)}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l, ok := readerLocale(c.vals)
			got := ""
			if ok {
				got = l.String()
			}
			if got != c.want {
				t.Errorf("readerLocale(%q) = %q, %v; want %q", c.vals, got, ok, c.want)
			}
		})
	}
}

// FuzzReaderLocale holds the reading of Accept-Language to never panic
// and to choose a bundled locale or none, whatever the header holds.
func FuzzReaderLocale(f *testing.F) {
	for _, s := range []string{"", "zh-CN", "zh", "zh-Hans-CN;q=0.9, en;q=0.8", "en-US,en;q=0.9", "fr", "*",
		"!!", "zh-CN;q=abc", "zh-CN;q=0", "x-foo", "i-klingon", "zh-u-co-pinyin", "en;q=1.5", ",,,", "zh-CN\x00", "🙂"} {
		f.Add(s, "")
	}
	f.Add("fr", "zh-CN;q=0.8")
	f.Fuzz(func(t *testing.T, a, b string) {
		vals := []string{a}
		if b != "" {
			vals = append(vals, b)
		}
		l, ok := readerLocale(vals)
		if !ok {
			if l.String() != "en" {
				t.Errorf("readerLocale(%q) chose none, but gave %q rather than the zero Locale", vals, l)
			}
			return
		}
		if tag := l.String(); tag != "en" && tag != "zh-CN" {
			t.Errorf("readerLocale(%q) = %q, not a bundled locale", vals, tag)
		}
	})
}

// readerCase is one Accept-Language header a request may send, and the
// language its problems must come in: "en", "zh-CN", or "" for the
// locale of the policy, as without the header.
type readerCase struct {
	name, header, want string
}

// readerCases are the headers every problem worded by the library is
// tried with; header "" sends none.
var readerCases = []readerCase{
	{"no header", "", ""},
	{"zh-CN", "zh-CN", "zh-CN"},
	{"zh", "zh", "zh-CN"},
	{"Chinese before English by q-value", "zh-Hans-CN;q=0.9, en;q=0.8", "zh-CN"},
	{"en", "en", "en"},
	{"fr, which no locale serves", "fr", ""},
	{"*", "*", ""},
	{"malformed", "zh-CN;q=abc", ""},
}

// wantLanguage fails the test unless the response's headers say it is
// worded for the reader case c: Content-Language names the locale the
// header chose, and none when it chose none; Vary names Accept-Language
// either way.
func wantLanguage(t *testing.T, c readerCase, hdr http.Header) {
	t.Helper()
	want := c.want
	if got := hdr.Get("Content-Language"); got != want {
		t.Errorf("Content-Language %q, want %q", got, want)
	}
	if got := hdr.Values("Vary"); len(got) != 1 || got[0] != "Accept-Language" {
		t.Errorf("Vary %q, want Accept-Language", got)
	}
}

// An input error of a function that takes no policy (mood.Score) is
// English without the header, and in the reader's language with one that
// chooses a bundled locale.
func TestProblemLanguageInputError(t *testing.T) {
	ts := newTestServer(t, withoutStore())
	body := `{"agent":"a.li","instrument":"gad7","answers":[0,0,4,0,0,0,0],"at":"2026-03-01T09:00:00Z"}`
	en := "4 is outside 0..3, the scale of GAD-7 item 3"
	zh := "4超出0..3的范围（GAD-7第3题的分值范围）"
	for _, c := range readerCases {
		t.Run(c.name, func(t *testing.T) {
			status, got, hdr := ts.do(t, tokAgentA, "POST", "/v1/mood/screenings", body, langHeader(c.header)...)
			text := en
			if c.want == "zh-CN" {
				text = zh
			}
			wantProblem(t, status, got, hdr, bodyProblem("/v1/mood/screenings", "answers[2]", "out_of_range", text))
			wantLanguage(t, c, hdr)
		})
	}
}

// A problem of a policy file the service reloads comes in the locale the
// policy names without the header, here Chinese, and in the reader's
// language with one that chooses a bundled locale.
func TestProblemLanguagePolicyProblem(t *testing.T) {
	src, err := os.ReadFile("../../../../mood/default.zh-CN.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, withoutStore())
	dir := t.TempDir()
	broken := string(src) + "bogus: 1\n"
	if err := os.WriteFile(filepath.Join(dir, "mood.yaml"), []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	ts.cfg.PolicyDir = dir
	allowed := "kind, locale, version, roles, instruments, tiers, crisis, watch, cycles, causes, techniques, climate, practices, declarations, names"
	en := "unknown field; allowed: " + allowed
	zh := "未知字段；可用的字段：" + strings.ReplaceAll(allowed, ", ", "、")
	for _, c := range readerCases {
		t.Run(c.name, func(t *testing.T) {
			status, got, hdr := ts.do(t, tokAdmin, "POST", "/v1/admin/reload", "", langHeader(c.header)...)
			text := zh
			if c.want == "en" {
				text = en
			}
			want := problem(422, "invalid-policy", "Invalid policy or token file", "1 problem; the running policies and tokens stay in force", "/v1/admin/reload",
				FieldError{Field: "bogus", Kind: "invalid", File: filepath.Join(dir, "mood.yaml"), Line: lineCount(broken), Column: 1, Detail: text})
			wantProblem(t, status, got, hdr, want)
			wantLanguage(t, c, hdr)
		})
	}
}

// Mistakes the service's decoder finds (an unknown field) stay English
// in every language, while the count of several comes in the reader's
// language, and so does a mistake the library's own types find in the
// same body (an instrument no scale has).
func TestProblemLanguageDecoder(t *testing.T) {
	ts := newTestServer(t, withoutStore())
	body := `{"Agent":"a.li","at":"2026-03-01T09:00:00Z","screenings":[{"instrument":"phq10","total":1,"band":"mild","crisis":false,"at":"2026-03-01T08:00:00Z"}]}`
	unknown := FieldError{Field: `["Agent"]`, Kind: "not_supported",
		Detail: `unknown field "Agent"; allowed: agent, at, check_ins, crisis_closures, declarations, observations, screenings`}
	for _, c := range readerCases {
		t.Run(c.name, func(t *testing.T) {
			status, got, hdr := ts.do(t, tokCounselor, "POST", "/v1/mood/triage", body, langHeader(c.header)...)
			detail, instrument := "2 fields are invalid", `unknown instrument "phq10"; allowed: phq9, gad7, who5, k10, cbi`
			if c.want == "zh-CN" {
				detail, instrument = "2个输入错误", `未知的量表"phq10"；可用：phq9、gad7、who5、k10、cbi`
			}
			want := problem(422, "invalid-input", "Invalid input", detail, "/v1/mood/triage",
				unknown, FieldError{Field: "screenings[0].instrument", Kind: "not_supported", Detail: instrument})
			wantProblem(t, status, got, hdr, want)
			wantLanguage(t, c, hdr)
		})
	}
}

// A problem of the service's own words (no token) is the same in every
// language, and says nothing of one: no Content-Language, no Vary.
func TestProblemLanguageServiceWords(t *testing.T) {
	ts := newTestServer(t, withoutStore())
	for _, c := range readerCases {
		t.Run(c.name, func(t *testing.T) {
			status, got, hdr := ts.do(t, "", "GET", "/v1/policies", nil, langHeader(c.header)...)
			wantProblem(t, status, got, hdr, problem(401, "unauthorized", "Unauthorized", "send a bearer token in the Authorization header", "/v1/policies"))
			if cl, v := hdr.Get("Content-Language"), hdr.Values("Vary"); cl != "" || len(v) != 0 {
				t.Errorf("Content-Language %q, Vary %q; want neither", cl, v)
			}
		})
	}
}

// langHeader is the header pair that sends Accept-Language h; none for
// an empty h.
func langHeader(h string) []string {
	if h == "" {
		return nil
	}
	return []string{"Accept-Language", h}
}

// in words again the library's sentences a problem holds, and nothing
// else: the status, type and title stay, and so do the service's own
// sentences.
func TestProblemIn(t *testing.T) {
	zh, err := callfloor.LookupLocale("zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	en, err := callfloor.LookupLocale("en")
	if err != nil {
		t.Fatal(err)
	}
	_, one := mood.Score(mood.GAD7, []int{0, 0, 4, 0, 0, 0, 0})
	_, last := mood.Score(mood.GAD7, []int{0, 0, 0, 0, 0, 0, 5})
	var first, seventh *callfloor.InputError
	if !errors.As(one, &first) || !errors.As(last, &seventh) {
		t.Fatalf("mood.Score of an answer off the scale = %v, %v; want input errors", one, last)
	}
	two := callfloor.InputErrors{first, seventh}
	offScale := func(i int, text string) FieldError {
		return FieldError{Field: fmt.Sprintf("answers[%d]", i), Kind: "out_of_range", Detail: text}
	}
	cases := []struct {
		name string
		p    *Problem
		l    callfloor.Locale
		want *Problem
	}{
		{"one input error in Chinese", problemOf(one), zh,
			problem(422, "invalid-input", "Invalid input", "answers[2]: 4超出0..3的范围（GAD-7第3题的分值范围）", "",
				offScale(2, "4超出0..3的范围（GAD-7第3题的分值范围）"))},
		{"one input error in English", problemOf(one), en,
			problem(422, "invalid-input", "Invalid input", "answers[2]: 4 is outside 0..3, the scale of GAD-7 item 3", "",
				offScale(2, "4 is outside 0..3, the scale of GAD-7 item 3"))},
		{"two input errors in Chinese: the library's count", problemOf(two), zh,
			problem(422, "invalid-input", "Invalid input", "2个输入错误", "",
				offScale(2, "4超出0..3的范围（GAD-7第3题的分值范围）"), offScale(6, "5超出0..3的范围（GAD-7第7题的分值范围）"))},
		{"two input errors in English: the service's count", problemOf(two), en,
			problem(422, "invalid-input", "Invalid input", "2 fields are invalid", "",
				offScale(2, "4 is outside 0..3, the scale of GAD-7 item 3"), offScale(6, "5 is outside 0..3, the scale of GAD-7 item 7"))},
		{"a refusal of the stored record keeps its status, type and title", problemOf(stateConflict(reroot(one, "answers", "case.answers"), "case")), zh,
			problem(409, "state-conflict", "The stored record does not take this request", "case.answers[2]: 4超出0..3的范围（GAD-7第3题的分值范围）", "",
				FieldError{Field: "case.answers[2]", Kind: "out_of_range", Detail: "4超出0..3的范围（GAD-7第3题的分值范围）"})},
		{"the quiet messages are the service's, and stay English", problemOf(quietInputErrors(one)), zh,
			problem(422, "invalid-input", "Invalid input", "answers[2]: is outside the range it may take", "",
				offScale(2, "is outside the range it may take"))},
		{"a problem of the service's own words stays as it is", errNoStore, zh,
			problem(503, "no-store", "No store", "the service runs without a store; this endpoint keeps state", "")},
		{"a load problem of the service's own words keeps them, its count too", loadProblem(&LoadError{Problems: []FileProblem{
			{File: "a.yaml", Problem: callfloor.Problem{Path: "kind", Line: 2, Column: 7, Msg: `"pay" is not a policy kind; allowed: coaching, incentives, mood, qa`}}}}), zh,
			problem(422, "invalid-policy", "Invalid policy or token file", "1 problem; the running policies and tokens stay in force", "",
				FieldError{Field: "kind", Kind: "invalid", Detail: `"pay" is not a policy kind; allowed: coaching, incentives, mood, qa`, File: "a.yaml", Line: 2, Column: 7})},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := jsonText(c.p)
			got := c.p.in(c.l)
			if g, w := jsonText(got), jsonText(c.want); g != w {
				t.Errorf("in(%s):\n got %s\nwant %s", c.l, g, w)
			}
			if after := jsonText(c.p); after != before {
				t.Errorf("in changed the problem it was given:\n was %s\n now %s", before, after)
			}
		})
	}
}
