package msg

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

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

// TestGenerated fails when messages_gen.go is older than the registry.
func TestGenerated(t *testing.T) {
	all := registry.All()
	require.Len(t, defs, len(all), "run go generate ./internal/msg")
	for i, d := range all {
		require.Equal(t, d.ID, defs[i].id, "run go generate ./internal/msg")
		require.Len(t, defs[i].args, len(d.Args), d.ID)
		for j, a := range d.Args {
			require.Equal(t, argDef{a.Name, a.Kind}, defs[i].args[j], d.ID)
		}
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
