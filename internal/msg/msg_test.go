package msg

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor/internal/msg/msggen"
	"github.com/callfloor/callfloor/internal/msg/registry"
)

// TestCatalogs compiles every bundled locale against the registry: each
// problem (a missing id, an unknown one, an argument misspelt or left
// out, a plural form missing or extra) is listed.
func TestCatalogs(t *testing.T) {
	require.Equal(t, []string{"en", "zh-CN"}, Tags())
	for _, tag := range Tags() {
		l, err := Lookup(tag)
		require.NoError(t, err, tag)
		require.Equal(t, tag, l.Tag())
	}
}

// TestGenerated fails when a generated file is stale, missing, or left
// over from an area the registry no longer has.
func TestGenerated(t *testing.T) {
	want, err := msggen.Files(registry.All())
	require.NoError(t, err)
	have := map[string][]byte{}
	paths, err := filepath.Glob("*_gen.go")
	require.NoError(t, err)
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		have[p] = b
	}
	require.Empty(t, genProblems(want, have), "run go generate ./internal/msg")
}

// genProblems compares the generated files the registry gives (want)
// with those in the package (have), by name.
func genProblems(want, have map[string][]byte) []string {
	var out []string
	for name, src := range want {
		switch b, ok := have[name]; {
		case !ok:
			out = append(out, name+" is missing")
		case !bytes.Equal(b, src):
			out = append(out, name+" is stale")
		}
	}
	for name := range have {
		if _, ok := want[name]; !ok {
			out = append(out, name+" is not generated from the registry")
		}
	}
	sort.Strings(out)
	return out
}

func TestGenProblems(t *testing.T) {
	want := map[string][]byte{"areas_gen.go": []byte("a"), "messages_mood_gen.go": []byte("m"), "messages_qa_gen.go": []byte("q")}
	cases := []struct {
		name string
		have map[string][]byte
		want []string
	}{
		{"current", map[string][]byte{"areas_gen.go": []byte("a"), "messages_mood_gen.go": []byte("m"), "messages_qa_gen.go": []byte("q")}, nil},
		{"stale", map[string][]byte{"areas_gen.go": []byte("a"), "messages_mood_gen.go": []byte("m2"), "messages_qa_gen.go": []byte("q")},
			[]string{"messages_mood_gen.go is stale"}},
		{"missing", map[string][]byte{"messages_mood_gen.go": []byte("m"), "messages_qa_gen.go": []byte("q")},
			[]string{"areas_gen.go is missing"}},
		{"extra", map[string][]byte{"areas_gen.go": []byte("a"), "messages_mood_gen.go": []byte("m"), "messages_qa_gen.go": []byte("q"), "messages_old_gen.go": []byte("o")},
			[]string{"messages_old_gen.go is not generated from the registry"}},
		{"all three", map[string][]byte{"areas_gen.go": nil, "messages_qa_gen.go": []byte("q"), "messages_old_gen.go": []byte("o")},
			[]string{"areas_gen.go is stale", "messages_mood_gen.go is missing", "messages_old_gen.go is not generated from the registry"}},
		{"none", map[string][]byte{}, []string{"areas_gen.go is missing", "messages_mood_gen.go is missing", "messages_qa_gen.go is missing"}},
	}
	for _, c := range cases {
		require.Equal(t, c.want, genProblems(want, c.have), c.name)
	}
}

// TestAreaFiles holds the layout of the generated code: one file per area
// and the file that joins them, each area's table giving its messages
// only, and the joined table sorted by id as Compile and index need.
func TestAreaFiles(t *testing.T) {
	files, err := msggen.Files(registry.All())
	require.NoError(t, err)
	var names []string
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	require.Equal(t, []string{"areas_gen.go", "messages_coaching_gen.go", "messages_cond_gen.go", "messages_enum_gen.go", "messages_format_gen.go",
		"messages_incentives_gen.go", "messages_input_gen.go", "messages_month_gen.go", "messages_mood_gen.go",
		"messages_policy_gen.go", "messages_qa_gen.go", "messages_setting_gen.go"}, names)
	for i := 1; i < len(defs); i++ {
		require.Less(t, defs[i-1].id, defs[i].id)
	}
	for _, a := range []*area{&areaCoaching, &areaCond, &areaEnum, &areaFormat, &areaIncentives, &areaInput, &areaMonth, &areaMood, &areaPolicy, &areaQa, &areaSetting} {
		require.NotEmpty(t, a.defs, a.name)
		require.Equal(t, a.defs[0].id, defs[a.base].id, a.name)
		for _, d := range a.defs {
			require.Equal(t, a.name, msggen.Area(d.id), d.id)
		}
	}
	require.Equal(t, "mood", msggen.Area("mood.reason.stale"))
	require.Equal(t, "mood", msggen.Area("mood"))
	require.Equal(t, "messages_mood_gen.go", msggen.FileName("mood"))
}

// TestEachStructItsOwnMessage renders the first and last struct of every
// area from a catalog whose every sentence starts with its own id, so
// that a struct reading through a wrong area base or place shows.
func TestEachStructItsOwnMessage(t *testing.T) {
	var b strings.Builder
	for _, d := range defs {
		text := d.id + "|"
		// a stamp layout must read back what it writes
		switch d.id {
		case "format.stamp":
			text = time.RFC3339
		case "format.stamp_nano":
			text = time.RFC3339Nano
		}
		for _, a := range d.args {
			text += "{{." + a.name + "}}"
		}
		if d.plural >= 0 {
			fmt.Fprintf(&b, "%q:\n  one: %q\n  other: %q\n", d.id, text, text)
		} else {
			fmt.Fprintf(&b, "%q: %q\n", d.id, text)
		}
	}
	l, probs := Compile("en", []File{{Name: "ids.yaml", Src: []byte(b.String())}})
	require.Empty(t, probs)
	for _, m := range []Message{
		CoachingBecauseCancelReason{}, CoachingWhatTriggerId{},
		CondChained{}, CondUnknownMetricNone{},
		IncentivesConsequence{}, IncentivesWhatViolationKind{},
		InputDuplicate{}, InputRequiredBecause{},
		MonthAmount{}, MonthWhen{},
		MoodBandGoodWellbeing{}, MoodWhatRole{},
		PolicyAKindCoaching{}, PolicyYamlSyntax{},
		QaBecauseDecideItems{}, QaWhatUse{},
		SettingGroup{}, SettingOneToOne{},
	} {
		require.True(t, strings.HasPrefix(m.String(l), m.ID()+"|"), "%s renders %q", m.ID(), m.String(l))
	}
}

func TestUnknownLocale(t *testing.T) {
	for _, tag := range []string{"fr", "", "../en", "en/..", "zh.CN", "x y"} {
		_, err := Lookup(tag)
		require.ErrorIs(t, err, ErrUnknownLocale, tag)
		require.Equal(t, "unknown locale "+quote(tag)+"; bundled: en, zh-CN", err.Error())
	}
}

func quote(s string) string { return `"` + s + `"` }

func compileTest(t *testing.T, files map[string]string) []string {
	t.Helper()
	var names []string
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	var fs []File
	for _, name := range names {
		fs = append(fs, File{Name: name, Src: []byte(files[name])})
	}
	_, probs := Compile("en", fs)
	return probs
}

func enFiles(t *testing.T, tag string) map[string]string {
	t.Helper()
	out := map[string]string{}
	ents, err := fs.ReadDir(embedded, "locales/"+tag)
	require.NoError(t, err)
	for _, e := range ents {
		b, err := fs.ReadFile(embedded, "locales/"+tag+"/"+e.Name())
		require.NoError(t, err)
		out[tag+"/"+e.Name()] = string(b)
	}
	return out
}

// TestCatalogProblems shows what a translator reads for each kind of
// mistake.
func TestCatalogProblems(t *testing.T) {
	files := enFiles(t, "en")
	files["en/format.yaml"] = strings.Replace(files["en/format.yaml"], `money: "CNY {{.Amount}}"`, `money: "CNY {{.Amont}}"`, 1)
	files["en/format.yaml"] = strings.Replace(files["en/format.yaml"], `      one: "{{.N}} day"`+"\n", "", 1)
	files["en/format.yaml"] = strings.Replace(files["en/format.yaml"], `time: "15:04"`, `time: "{{.At}}"`, 1)
	files["en/format.yaml"] = strings.Replace(files["en/format.yaml"], `hours: "{{.N}}h"`, `hours: "h"`, 1)
	files["en/format.yaml"] = strings.Replace(files["en/format.yaml"], `minutes: "{{.N}}m"`, `minutes: "{{if .N}}m{{end}}"`, 1)
	files["en/format.yaml"] = strings.Replace(files["en/format.yaml"], `date: "2006-01-02"`, "date:\n    one: x\n    other: y", 1)
	files["en/format.yaml"] += "  unknown: x\n"
	files["en/extra.yaml"] = "format.list.and: x\n"
	require.Equal(t, []string{
		"en/format.yaml: format.date has a one form that en does not use",
		"en/format.yaml: format.duration.days lacks the one form",
		"en/format.yaml: format.duration.hours (other): argument N is not used",
		"en/format.yaml: format.duration.minutes (other): {{if .N}}: only {{.Name}} placeholders are allowed",
		"en/format.yaml: format.list.and is also in en/extra.yaml",
		"en/format.yaml: format.money (other): unknown argument Amont; the message has (Amount string)",
		"en/format.yaml: format.time (other): unknown argument At; the message has (no arguments)",
		"en/format.yaml: format.unknown is not in the registry",
	}, onlyFormat(compileTest(t, files)))
	delete(files, "en/format.yaml")
	delete(files, "en/extra.yaml")
	require.Contains(t, compileTest(t, files), "missing format.money (Amount string)")
}

// TestCatalogStampLayouts: a stamp layout that loses part of the instant
// it quotes is a problem of the catalog, named with what it writes.
func TestCatalogStampLayouts(t *testing.T) {
	for _, c := range []struct {
		name, stamp, nano string
		want              []string
	}{
		{"the bundled layouts", `"2006-01-02T15:04:05Z07:00"`, `"2006-01-02T15:04:05.999999999Z07:00"`, nil},
		{"zh-CN's layouts", `"2006年1月2日 15:04:05 Z07:00"`, `"2006年1月2日 15:04:05.999999999 Z07:00"`, nil},
		{"no seconds, no offset", `"2006-01-02 15:04"`, `"2006-01-02T15:04:05.999999999"`, []string{
			`en/format.yaml: format.stamp "2006-01-02 15:04" does not give back the instant it writes: 2026-11-02 09:05 reads as 2026-11-02T09:05:00Z`,
			`en/format.yaml: format.stamp_nano "2006-01-02T15:04:05.999999999" does not give back the instant it writes: 2026-11-02T09:05:07.123456789 reads as 2026-11-02T09:05:07.123456789Z`}},
		{"a fraction in the stamp, none in stamp_nano", `"2006-01-02T15:04:05.000Z07:00"`, `"2006-01-02T15:04:05Z07:00"`, []string{
			`en/format.yaml: format.stamp "2006-01-02T15:04:05.000Z07:00" does not give back the instant it writes: 2026-11-02T09:05:07.123-04:30 reads as 2026-11-02T09:05:07.123-04:30`,
			`en/format.yaml: format.stamp_nano "2006-01-02T15:04:05Z07:00" does not give back the instant it writes: 2026-11-02T09:05:07-04:30 reads as 2026-11-02T09:05:07-04:30`}},
		{"a zone name that does not read back", `"2006-01-02T15:04:05 MST"`, `"2006-01-02T15:04:05.999999999Z07:00"`, []string{
			`en/format.yaml: format.stamp "2006-01-02T15:04:05 MST" does not give back the instant it writes: 2026-11-02T09:05:07 -0430 does not read: parsing time "2026-11-02T09:05:07 -0430" as "2006-01-02T15:04:05 MST": cannot parse "-0430" as "MST"`}},
		{"not a time", `"stamp"`, `"2006"`, []string{
			`en/format.yaml: format.stamp "stamp" does not give back the instant it writes: stamp reads as 0000-01-01T00:00:00Z`,
			`en/format.yaml: format.stamp_nano "2006" does not give back the instant it writes: 2026 reads as 2026-01-01T00:00:00Z`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := enFiles(t, "en")
			f := files["en/format.yaml"]
			f = strings.Replace(f, `stamp: "2006-01-02T15:04:05Z07:00"`, "stamp: "+c.stamp, 1)
			f = strings.Replace(f, `stamp_nano: "2006-01-02T15:04:05.999999999Z07:00"`, "stamp_nano: "+c.nano, 1)
			files["en/format.yaml"] = f
			require.Equal(t, c.want, compileTest(t, files))
		})
	}
}

func onlyFormat(ps []string) []string {
	var out []string
	for _, p := range ps {
		if strings.Contains(p, "format.") {
			out = append(out, p)
		}
	}
	return out
}

var when = time.Date(2026, 11, 2, 9, 5, 7, 0, time.UTC)

func TestFormats(t *testing.T) {
	en, zh := English(), mustLookup(t, "zh-CN")
	cases := []struct {
		name   string
		render func(*Locale, []byte) []byte
		en, zh string
	}{
		{"int", func(l *Locale, b []byte) []byte { return l.AppendInt(b, 12345) }, "12345", "12345"},
		{"number", func(l *Locale, b []byte) []byte { return l.AppendNumber(b, 1234.5) }, "1,234.5", "1,234.5"},
		{"number rounds", func(l *Locale, b []byte) []byte { return l.AppendNumber(b, -1234567.996) }, "-1,234,568", "-1,234,568"},
		{"number small", func(l *Locale, b []byte) []byte { return l.AppendNumber(b, 0.07) }, "0.07", "0.07"},
		{"number zero", func(l *Locale, b []byte) []byte { return l.AppendNumber(b, -0.001) }, "0", "0"},
		{"number nan", func(l *Locale, b []byte) []byte { return l.AppendNumber(b, nan()) }, "NaN", "NaN"},
		{"money", func(l *Locale, b []byte) []byte { return l.AppendMoney(b, 123450) }, "CNY 1,234.50", "¥1,234.50"},
		{"money negative", func(l *Locale, b []byte) []byte { return l.AppendMoney(b, -5) }, "CNY -0.05", "¥-0.05"},
		{"date", func(l *Locale, b []byte) []byte { return l.AppendDate(b, when) }, "2026-11-02", "2026年11月2日"},
		{"time", func(l *Locale, b []byte) []byte { return l.AppendTime(b, when.Add(14*time.Hour)) }, "23:05", "23:05"},
		{"datetime", func(l *Locale, b []byte) []byte { return l.AppendDateTime(b, when) }, "2026-11-02 09:05:07Z", "2026年11月2日 09:05:07 Z"},
		{"stamp", func(l *Locale, b []byte) []byte { return l.AppendStamp(b, when) }, "2026-11-02T09:05:07Z", "2026年11月2日 09:05:07 Z"},
		{"stamp drops the fraction", func(l *Locale, b []byte) []byte { return l.AppendStamp(b, when.Add(time.Nanosecond)) }, "2026-11-02T09:05:07Z", "2026年11月2日 09:05:07 Z"},
		{"stamp in its own offset", func(l *Locale, b []byte) []byte { return l.AppendStamp(b, when.In(time.FixedZone("", 8*3600))) }, "2026-11-02T17:05:07+08:00", "2026年11月2日 17:05:07 +08:00"},
		{"stamp zero", func(l *Locale, b []byte) []byte { return l.AppendStamp(b, time.Time{}) }, "0001-01-01T00:00:00Z", "0001年1月1日 00:00:00 Z"},
		{"stamp nano whole", func(l *Locale, b []byte) []byte { return l.AppendStampNano(b, when) }, "2026-11-02T09:05:07Z", "2026年11月2日 09:05:07 Z"},
		{"stamp nano", func(l *Locale, b []byte) []byte { return l.AppendStampNano(b, when.Add(time.Nanosecond)) }, "2026-11-02T09:05:07.000000001Z", "2026年11月2日 09:05:07.000000001 Z"},
		{"stamp nano trims", func(l *Locale, b []byte) []byte {
			return l.AppendStampNano(b, when.Add(500*time.Millisecond).In(time.FixedZone("", -5*3600)))
		}, "2026-11-02T04:05:07.5-05:00", "2026年11月2日 04:05:07.5 -05:00"},
		{"one day", func(l *Locale, b []byte) []byte { return l.AppendDuration(b, 24*time.Hour) }, "1 day", "1天"},
		{"days", func(l *Locale, b []byte) []byte { return l.AppendDuration(b, 14*24*time.Hour) }, "14 days", "14天"},
		{"hours", func(l *Locale, b []byte) []byte { return l.AppendDuration(b, 36*time.Hour) }, "36h", "36小时"},
		{"hours minutes", func(l *Locale, b []byte) []byte { return l.AppendDuration(b, 90*time.Minute) }, "1h30m", "1小时30分钟"},
		{"hours seconds", func(l *Locale, b []byte) []byte { return l.AppendDuration(b, time.Hour+5*time.Second) }, "1h0m5s", "1小时0分钟5秒"},
		{"fraction", func(l *Locale, b []byte) []byte { return l.AppendDuration(b, 1500*time.Millisecond) }, "1.5s", "1.5秒"},
		{"zero", func(l *Locale, b []byte) []byte { return l.AppendDuration(b, 0) }, "0s", "0秒"},
		{"list", func(l *Locale, b []byte) []byte { return l.AppendList(b, []string{"a", "b", "c"}) }, "a, b, c", "a、b、c"},
		{"list and", func(l *Locale, b []byte) []byte { return l.AppendListAnd(b, []string{"1", "2", "4"}) }, "1, 2 and 4", "1、2和4"},
		{"list and two", func(l *Locale, b []byte) []byte { return l.AppendListAnd(b, []string{"1", "2"}) }, "1 and 2", "1和2"},
	}
	for _, c := range cases {
		require.Equal(t, c.en, string(c.render(en, nil)), c.name)
		require.Equal(t, c.zh, string(c.render(zh, nil)), c.name)
	}
}

func nan() float64 { var z float64; return z / z }

func mustLookup(t testing.TB, tag string) *Locale {
	t.Helper()
	l, err := Lookup(tag)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestEveryMessageUsed walks the module's non-test Go files outside this
// package and requires each generated message type to be named there.
func TestEveryMessageUsed(t *testing.T) {
	root := filepath.Join("..", "..")
	used := map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); p != root && (n == "testdata" || strings.HasPrefix(n, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") || strings.HasSuffix(p, "_gen.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if s, ok := n.(*ast.SelectorExpr); ok {
				if x, ok := s.X.(*ast.Ident); ok && x.Name == "msg" {
					used[s.Sel.Name] = true
				}
			}
			return true
		})
		return nil
	})
	require.NoError(t, err)
	var unused []string
	for _, d := range registry.All() {
		if !d.IsFormat() && !used[registry.TypeName(d.ID)] {
			unused = append(unused, d.ID)
		}
	}
	require.Empty(t, unused, "registered messages no code renders")
}

func FuzzParseFile(f *testing.F) {
	for _, tag := range []string{"en", "zh-CN"} {
		ents, _ := fs.ReadDir(embedded, "locales/"+tag)
		for _, e := range ents {
			b, _ := fs.ReadFile(embedded, "locales/"+tag+"/"+e.Name())
			f.Add(b)
		}
	}
	f.Add([]byte("a: {one: x, b: y}"))
	f.Add([]byte("- id: x\n  other: y"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 1<<16 {
			return
		}
		l, probs := Compile("en", []File{{Name: "f.yaml", Src: src}})
		if len(probs) == 0 {
			// A catalog that compiles renders every message.
			for i := range defs {
				_ = l.form(i, 1)
			}
		}
	})
}

// TestMessageArgument: a message argument is written in the locale of
// the sentence that holds it, at any depth, its plural form chosen by
// its own count; a nil one writes nothing; Args gives it by id with its
// own arguments.
func TestMessageArgument(t *testing.T) {
	zh := mustLookup(t, "zh-CN")
	scores := QaReasonTeamScores{Scores: QaCountScore{N: 1}, Period: "2026-10", Mean: "88.0", Share: "75.0", Bar: "80"}
	cases := []struct {
		name   string
		m      Message
		en, zh string
		args   map[string]any
	}{
		{"one level", PolicyExpectedList{Got: PolicyNodeInt{Value: "3"}},
			"expected a list, got the whole number 3", "应为列表，实为整数3",
			map[string]any{"Got": map[string]any{"message": "policy.node.int", "args": map[string]any{"Value": "3"}}}},
		{"a message without arguments", PolicyExpectedList{Got: PolicyNodeList{}},
			"expected a list, got a list", "应为列表，实为列表",
			map[string]any{"Got": map[string]any{"message": "policy.node.list"}}},
		{"nil", PolicyExpectedList{},
			"expected a list, got ", "应为列表，实为",
			map[string]any{"Got": nil}},
		{"two levels", QaReasonTeamHeld{Summary: scores, Held: QaCountScore{N: 2}},
			"the teams covered have 1 score in 2026-10, mean 88.0, 75.0% at or above the bar of 80, 2 scores held under dispute",
			"所负责的班组在2026-10有1个分数，平均88.0分，75.0%达到80分的达标线，其中2个分数因申诉暂缓计入",
			map[string]any{
				"Summary": map[string]any{"message": "qa.reason.team_scores", "args": map[string]any{
					"Scores": map[string]any{"message": "qa.count.score", "args": map[string]any{"N": 1}},
					"Period": "2026-10", "Mean": "88.0", "Share": "75.0", "Bar": "80"}},
				"Held": map[string]any{"message": "qa.count.score", "args": map[string]any{"N": 2}},
			}},
		{"three levels", QaReasonTeamPayable{Summary: QaReasonTeamHeld{Summary: scores, Held: QaCountScore{N: 1}}, Min: 3},
			"the teams covered have 1 score in 2026-10, mean 88.0, 75.0% at or above the bar of 80, 1 score held under dispute: enough to pay on (at least 3)",
			"所负责的班组在2026-10有1个分数，平均88.0分，75.0%达到80分的达标线，其中1个分数因申诉暂缓计入：数量足以作为薪酬依据（至少3个）",
			nil},
	}
	for _, c := range cases {
		require.Equal(t, c.en, c.m.String(English()), c.name)
		require.Equal(t, c.zh, c.m.String(zh), c.name)
		require.Equal(t, "prefix "+c.en, string(c.m.Append([]byte("prefix "), English())), c.name)
		if c.args != nil {
			require.Equal(t, c.args, c.m.Args(), c.name)
		}
	}
	require.Nil(t, NestedArgs(nil))
	require.Equal(t, []byte("x"), English().AppendMessage([]byte("x"), nil))
}
