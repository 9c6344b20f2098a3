package policyfile

import "testing"

func TestDefaultFor(t *testing.T) {
	en := func() string { return "english" }
	zh := func() string { return "chinese" }
	for _, c := range []struct{ locale, want, err string }{
		{"en", "english", ""},
		{"zh-CN", "chinese", ""},
		{"zh", "", `pkg: no default policy for locale "zh"; there are: en, zh-CN`},
		{"", "", `pkg: no default policy for locale ""; there are: en, zh-CN`},
		{"EN", "", `pkg: no default policy for locale "EN"; there are: en, zh-CN`},
	} {
		got, err := DefaultFor("pkg", c.locale, en, zh)
		if got != c.want || (err == nil) != (c.err == "") || (err != nil && err.Error() != c.err) {
			t.Errorf("DefaultFor(%q) = %q, %v; want %q, %q", c.locale, got, err, c.want, c.err)
		}
	}
}
