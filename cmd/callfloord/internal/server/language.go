package server

import (
	"strings"

	"golang.org/x/text/language"

	"github.com/callfloor/callfloor"
)

// maxAcceptLanguage bounds the Accept-Language header read, in bytes: a
// browser sends a few dozen, and a longer list costs the matcher time
// for no reader's benefit, so it is read as no header at all.
const maxAcceptLanguage = 1024

// readerLocales are the bundled locales, in the order of callfloor.Locales,
// and readerMatcher matches a reader's languages against them.
var readerLocales, readerMatcher = bundledLocales()

func bundledLocales() ([]callfloor.Locale, language.Matcher) {
	var locs []callfloor.Locale
	var tags []language.Tag
	for _, tag := range callfloor.Locales() {
		l, err := callfloor.LookupLocale(tag)
		if err != nil {
			panic("callfloor.Locales lists " + tag + ", which LookupLocale refuses: " + err.Error())
		}
		locs = append(locs, l)
		tags = append(tags, language.MustParse(tag))
	}
	return locs, language.NewMatcher(tags)
}

// readerLocale is the bundled locale the Accept-Language header values
// vals choose, with their q-values, and whether they choose one. The
// languages are matched as CLDR matches them: "zh", "zh-Hans", "zh-CN"
// and "zh-Hans-CN" all choose zh-CN, "en-US" chooses en. A language the
// matcher only guesses at (zh-TW, written in Traditional characters,
// for zh-CN) chooses none, nor does a language no locale serves, "*",
// a header over maxAcceptLanguage bytes or one that does not parse: the
// problem then stays in the locale of the policy that refused the data,
// as for a request without the header.
func readerLocale(vals []string) (callfloor.Locale, bool) {
	if len(vals) == 0 {
		return callfloor.Locale{}, false
	}
	h := strings.Join(vals, ",")
	if len(h) > maxAcceptLanguage {
		return callfloor.Locale{}, false
	}
	tags, _, err := language.ParseAcceptLanguage(h)
	if err != nil || len(tags) == 0 {
		return callfloor.Locale{}, false
	}
	_, i, conf := readerMatcher.Match(tags...)
	if conf < language.High || i < 0 || i >= len(readerLocales) {
		return callfloor.Locale{}, false
	}
	return readerLocales[i], true
}
