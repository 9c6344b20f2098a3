package msg

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/callfloor/callfloor/internal/msg/registry"
)

//go:embed locales
var embedded embed.FS

// Default is the tag of the locale used when a policy names none: English.
const Default = "en"

// Locale is one catalog compiled for rendering: every message of the
// registry split once into literal segments and argument slots, with the
// locale's formats for numbers, money, dates, times, durations and lists.
// A Locale is immutable and safe for concurrent use; Lookup gives the
// same *Locale for a tag for the life of the process.
type Locale struct {
	tag  string
	lang language.Tag
	msgs []message
	// formats, read from the reserved format.* messages
	dateLayout, timeLayout, dateTimeLayout string
	stampLayout, stampNanoLayout           string
	group, decimal, listSep, listAnd       string
	money, days, hours, minutes, seconds   *message
	// small holds the plural form of the integers 0..len(small)-1.
	small [128]plural.Form
}

type seg struct {
	lit  string
	slot int8 // the argument written after lit; -1 for none
}

type form struct{ segs []seg }

type message struct {
	forms  [6]*form // by plural.Form; Other always set
	plural bool
}

// Tag gives the locale's BCP 47 tag as the catalogs name it ("zh-CN").
func (l *Locale) Tag() string { return l.tag }

// Language gives the locale's language tag.
func (l *Locale) Language() language.Tag { return l.lang }

var (
	lookupMu sync.Mutex
	compiled = map[string]*Locale{}
	failed   = map[string]error{}
)

// Tags lists the bundled locales, sorted: the directories of
// internal/msg/locales.
func Tags() []string {
	ents, err := fs.ReadDir(embedded, "locales")
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// Lookup gives the compiled bundled locale of tag ("en", "zh-CN"),
// compiling it on first use. An unknown tag is an error that lists the
// bundled ones; a catalog that does not match the registry is an error
// listing every problem (the tests keep the bundled catalogs free of
// them).
func Lookup(tag string) (*Locale, error) {
	lookupMu.Lock()
	defer lookupMu.Unlock()
	if l := compiled[tag]; l != nil {
		return l, nil
	}
	if err := failed[tag]; err != nil {
		return nil, err
	}
	l, err := load(embedded, tag)
	if err != nil {
		failed[tag] = err
		return nil, err
	}
	compiled[tag] = l
	return l, nil
}

// English gives the bundled English locale; it panics if the English
// catalog does not compile, which the tests rule out.
var English = sync.OnceValue(func() *Locale {
	l, err := Lookup(Default)
	if err != nil {
		panic("msg: the English catalog does not compile: " + err.Error())
	}
	return l
})

// ErrUnknownLocale is wrapped by the error Lookup returns for a tag that
// is not bundled.
var ErrUnknownLocale = errors.New("unknown locale")

func load(fsys fs.FS, tag string) (*Locale, error) {
	dir := path.Join("locales", tag)
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil || !validTag(tag) {
		return nil, fmt.Errorf("%w %q; bundled: %s", ErrUnknownLocale, tag, strings.Join(Tags(), ", "))
	}
	var files []File
	for _, e := range ents {
		if e.IsDir() || path.Ext(e.Name()) != ".yaml" {
			continue
		}
		src, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		files = append(files, File{Name: path.Join(tag, e.Name()), Src: src})
	}
	l, probs := Compile(tag, files)
	if len(probs) > 0 {
		return nil, &CatalogError{Tag: tag, Problems: probs}
	}
	return l, nil
}

func validTag(tag string) bool {
	if tag == "" || strings.ContainsAny(tag, "/\\.") {
		return false
	}
	_, err := language.Parse(tag)
	return err == nil
}

// File is one catalog file: its name, for problems, and its YAML source in
// go-i18n's message-file format.
type File struct {
	Name string
	Src  []byte
}

// CatalogError lists every way a locale's catalog fails the registry.
type CatalogError struct {
	Tag      string
	Problems []string
}

// Error lists the problems one per line.
func (e *CatalogError) Error() string {
	return "catalog " + e.Tag + ": " + strings.Join(e.Problems, "\n\t")
}

var unmarshal = map[string]i18n.UnmarshalFunc{"yaml": yaml.Unmarshal}

// ParseFile reads one catalog file in go-i18n's message-file format
// (nested or dotted ids, a plain string or a map of CLDR plural forms
// with an optional description) and gives its messages by id.
func ParseFile(tag string, src []byte) ([]*i18n.Message, error) {
	mf, err := i18n.ParseMessageFileBytes(src, tag+".yaml", unmarshal)
	if err != nil {
		return nil, err
	}
	return mf.Messages, nil
}

// Compile builds the locale tag from its catalog files and checks them
// against the registry: every message present once, with exactly the
// registry's named arguments, each plural form the language needs and no
// other, and no id the registry lacks. It returns the problems sorted;
// the locale is usable only when there are none.
func Compile(tag string, files []File) (*Locale, []string) {
	var probs []string
	lt, err := language.Parse(tag)
	if err != nil {
		return nil, []string{fmt.Sprintf("%q is not a BCP 47 tag: %v", tag, err)}
	}
	l := &Locale{tag: tag, lang: lt, msgs: make([]message, len(defs))}
	for n := range l.small {
		l.small[n] = plural.Cardinal.MatchPlural(lt, n, 0, 0, 0, 0)
	}
	need := neededForms(lt)
	byID := map[string]*i18n.Message{}
	where := map[string]string{}
	for _, f := range files {
		ms, err := ParseFile(tag, f.Src)
		if err != nil {
			probs = append(probs, f.Name+": "+err.Error())
			continue
		}
		for _, m := range ms {
			if w, dup := where[m.ID]; dup {
				probs = append(probs, f.Name+": "+m.ID+" is also in "+w)
				continue
			}
			byID[m.ID], where[m.ID] = m, f.Name
		}
	}
	for i := range defs {
		d := &defs[i]
		m := byID[d.id]
		if m == nil {
			probs = append(probs, "missing "+d.id+" "+d.signature())
			continue
		}
		delete(byID, d.id)
		l.msgs[i].plural = d.plural >= 0
		texts := [6]string{plural.Other: m.Other, plural.Zero: m.Zero, plural.One: m.One, plural.Two: m.Two, plural.Few: m.Few, plural.Many: m.Many}
		for fi, s := range texts {
			fm := plural.Form(fi)
			want := fm == plural.Other || (d.plural >= 0 && need[fm])
			switch {
			case s == "" && want:
				probs = append(probs, where[d.id]+": "+d.id+" lacks the "+formNames[fm]+" form")
				continue
			case s == "" && !want:
				continue
			case !want:
				probs = append(probs, where[d.id]+": "+d.id+" has a "+formNames[fm]+" form that "+tag+" does not use")
				continue
			}
			c, err := compileForm(s, d)
			if err != nil {
				probs = append(probs, where[d.id]+": "+d.id+" ("+formNames[fm]+"): "+err.Error())
				continue
			}
			l.msgs[i].forms[fm] = c
		}
	}
	for id := range byID {
		probs = append(probs, where[id]+": "+id+" is not in the registry")
	}
	if len(probs) == 0 {
		l.formats()
		probs = append(probs, l.checkStamps(where)...)
	}
	sort.Strings(probs)
	return l, probs
}

var formNames = [6]string{plural.Other: "other", plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many"}

// neededForms gives the plural forms the language selects for integers.
func neededForms(t language.Tag) [6]bool {
	var need [6]bool
	for n := 0; n < 1000; n++ {
		need[plural.Cardinal.MatchPlural(t, n, 0, 0, 0, 0)] = true
	}
	return need
}

// compileForm splits the {{.Name}} placeholders out of src. Anything else
// between braces, an argument the message lacks, and an argument of the
// message left out are errors; an argument may be written more than once.
func compileForm(src string, d *def) (*form, error) {
	f := &form{}
	used := make([]bool, len(d.args))
	for {
		i := strings.Index(src, "{{")
		if i < 0 {
			if strings.Contains(src, "}}") {
				return nil, fmt.Errorf("\"}}\" without \"{{\"")
			}
			f.segs = append(f.segs, seg{lit: src, slot: -1})
			break
		}
		j := strings.Index(src[i:], "}}")
		if j < 0 {
			return nil, fmt.Errorf("\"{{\" without \"}}\"")
		}
		name := strings.TrimSpace(src[i+2 : i+j])
		if !strings.HasPrefix(name, ".") || strings.ContainsAny(name[1:], " .|()\"") || len(name) == 1 {
			return nil, fmt.Errorf("{{%s}}: only {{.Name}} placeholders are allowed", name)
		}
		name = name[1:]
		slot := -1
		for k, a := range d.args {
			if a.name == name {
				slot = k
			}
		}
		if slot < 0 {
			return nil, fmt.Errorf("unknown argument %s; the message has %s", name, d.signature())
		}
		if strings.Contains(src[:i], "}}") {
			return nil, fmt.Errorf("\"}}\" without \"{{\"")
		}
		used[slot] = true
		f.segs = append(f.segs, seg{lit: src[:i], slot: int8(slot)})
		src = src[i+j+2:]
	}
	for k, u := range used {
		if !u {
			return nil, fmt.Errorf("argument %s is not used", d.args[k].name)
		}
	}
	return f, nil
}

// area is the generated table of one area (the ids' first segment):
// its definitions sorted by id, and base, the place of the first of them
// in defs, which join fixes once at init. A generated struct renders
// through base plus its place in the area, so that adding a message to
// one area leaves every other area's generated file as it was.
type area struct {
	name string
	defs []def
	base int
}

// join gives the areas' tables end to end and fixes each area's base.
func join(areas ...*area) []def {
	var out []def
	for _, a := range areas {
		a.base = len(out)
		out = append(out, a.defs...)
	}
	return out
}

// def is a registry definition as the generated table holds it.
type def struct {
	id     string
	args   []argDef
	plural int8 // index of the plural argument; -1 for none
}

type argDef struct {
	name string
	kind registry.Kind
}

func (d *def) signature() string {
	if len(d.args) == 0 {
		return "(no arguments)"
	}
	var b strings.Builder
	b.WriteByte('(')
	for i, a := range d.args {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(a.name)
		b.WriteByte(' ')
		b.WriteString(a.kind.String())
	}
	b.WriteByte(')')
	return b.String()
}

// index gives the dense index of a message id, or -1.
func index(id string) int {
	i := sort.Search(len(defs), func(i int) bool { return defs[i].id >= id })
	if i < len(defs) && defs[i].id == id {
		return i
	}
	return -1
}

// formats reads the reserved format.* messages into l.
func (l *Locale) formats() {
	lit := func(id string) string { return l.msgs[index(id)].forms[plural.Other].segs[0].lit }
	l.dateLayout = lit("format.date")
	l.timeLayout = lit("format.time")
	l.dateTimeLayout = lit("format.datetime")
	l.stampLayout = lit("format.stamp")
	l.stampNanoLayout = lit("format.stamp_nano")
	l.group = lit("format.number.group")
	l.decimal = lit("format.number.decimal")
	l.listSep = lit("format.list.separator")
	l.listAnd = lit("format.list.and")
	l.money = &l.msgs[index("format.money")]
	l.days = &l.msgs[index("format.duration.days")]
	l.hours = &l.msgs[index("format.duration.hours")]
	l.minutes = &l.msgs[index("format.duration.minutes")]
	l.seconds = &l.msgs[index("format.duration.seconds")]
}

// stampProbe is an instant with an offset and a fraction of a second that
// a stamp layout must give back when read with it.
var stampProbe = time.Date(2026, 11, 2, 9, 5, 7, 123456789, time.FixedZone("", -(4*3600+30*60)))

// checkStamps requires the stamp layouts to give back the instant they
// write, since they quote the data: format.stamp to the second,
// format.stamp_nano to the nanosecond.
func (l *Locale) checkStamps(where map[string]string) []string {
	var probs []string
	for _, c := range []struct {
		id, layout string
		want       time.Time
	}{
		{"format.stamp", l.stampLayout, stampProbe.Truncate(time.Second)},
		{"format.stamp_nano", l.stampNanoLayout, stampProbe},
	} {
		text := stampProbe.Format(c.layout)
		got, err := time.Parse(c.layout, text)
		switch {
		case err != nil:
			probs = append(probs, fmt.Sprintf("%s: %s %q does not give back the instant it writes: %s does not read: %v", where[c.id], c.id, c.layout, text, err))
		case !got.Equal(c.want):
			probs = append(probs, fmt.Sprintf("%s: %s %q does not give back the instant it writes: %s reads as %s", where[c.id], c.id, c.layout, text, got.Format(time.RFC3339Nano)))
		}
	}
	return probs
}

// form gives the compiled form of message i for the plural count n (n is
// ignored for a message with one form). Generated code calls it.
func (l *Locale) form(i int, n int) *form {
	m := &l.msgs[i]
	if !m.plural {
		return m.forms[plural.Other]
	}
	if f := m.forms[l.pluralForm(n)]; f != nil {
		return f
	}
	return m.forms[plural.Other]
}

// pluralForm gives the CLDR cardinal plural form of the integer n.
func (l *Locale) pluralForm(n int) plural.Form {
	if n >= 0 && n < len(l.small) {
		return l.small[n]
	}
	if n < 0 {
		n = -n
	}
	return plural.Cardinal.MatchPlural(l.lang, n, 0, 0, 0, 0)
}
