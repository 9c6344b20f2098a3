package mood_test

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/mood"
	"go.yaml.in/yaml/v3"
)

// The files compared: the English default policy and its Simplified
// Chinese translation.
const (
	englishDefault = "default.yaml"
	chineseDefault = "default.zh-CN.yaml"
)

// moodTextKeys are the mapping keys of a mood policy whose values are
// text for people, translated in the Chinese default; a sequence under
// one of them (a technique's steps) is text element by element. Every
// other scalar (ids, codes, roles, kinds, band names, durations, numbers,
// conditions) is the same in both files.
var moodTextKeys = map[string]bool{
	"text":      true, // actions, watch signals, climate alarms, practices
	"guidance":  true, // causes
	"awareness": true, // causes
	"summary":   true, // techniques
	"steps":     true, // techniques
}

// techniqueName matches the path of a technique, whose name is text; a
// band's name is an id.
var techniqueName = regexp.MustCompile(`^techniques\[\d+\]$`)

// isMoodText reports whether the value of key, in the mapping at path,
// is text for people.
func isMoodText(path, key string) bool {
	return moodTextKeys[key] || key == "name" && techniqueName.MatchString(path)
}

// latinWord finds a word of three or more Latin letters, which a
// Chinese text holds only when it is a proper name of latinAllowed.
var latinWord = regexp.MustCompile(`[A-Za-z]{3,}`)

// latinAllowed are the proper names a Chinese text of the mood policy may
// spell in Latin letters: the screening instruments.
var latinAllowed = map[string]bool{"PHQ": true, "GAD": true, "WHO": true, "CBI": true}

// yamlPair is one policy file: its node tree and its lines, for messages.
type yamlPair struct {
	en, zh           *yaml.Node
	enLines, zhLines []string
}

// loadPolicyTree reads and parses a policy file as a yaml.v3 node tree.
func loadPolicyTree(t *testing.T, name string) (*yaml.Node, []string) {
	t.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		t.Fatalf("%s: not one YAML document holding a mapping", name)
	}
	return &doc, strings.Split(string(src), "\n")
}

// comparer walks the English and the Chinese tree side by side and
// reports every difference with its path and both source lines.
type comparer struct {
	t *testing.T
	yamlPair
}

// line gives line n (1-based) of lines, trimmed, for a message.
func line(lines []string, n int) string {
	if n < 1 || n > len(lines) {
		return "(no line)"
	}
	return strings.TrimSpace(lines[n-1])
}

// fail reports a difference at path, quoting the line of each node.
func (c *comparer) fail(path string, en, zh *yaml.Node, format string, args ...any) {
	c.t.Helper()
	if path == "" {
		path = "(root)"
	}
	c.t.Errorf("%s: %s\n\t%s line %d: %s\n\t%s line %d: %s", path, fmt.Sprintf(format, args...),
		englishDefault, en.Line, line(c.enLines, en.Line),
		chineseDefault, zh.Line, line(c.zhLines, zh.Line))
}

// child gives the path of key inside the mapping at path.
func child(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// withoutLocale gives the key and value nodes of a mapping without its
// locale and names entries, which only the root has and only the Chinese
// file needs: English writes the policy's ids as they are.
func withoutLocale(m *yaml.Node, root bool) []*yaml.Node {
	if !root {
		return m.Content
	}
	out := make([]*yaml.Node, 0, len(m.Content))
	for i := 0; i+1 < len(m.Content); i += 2 {
		if v := m.Content[i].Value; v == "locale" || v == "names" {
			continue
		}
		out = append(out, m.Content[i], m.Content[i+1])
	}
	return out
}

// compare checks that zh has en's structure at path; text says whether
// the scalars here are text for people, translated.
func (c *comparer) compare(path string, en, zh *yaml.Node, text bool) {
	c.t.Helper()
	if en.Kind != zh.Kind {
		c.fail(path, en, zh, "node kinds differ: %s in English, %s in Chinese", kindName(en.Kind), kindName(zh.Kind))
		return
	}
	c.comments(path, en, zh)
	switch en.Kind {
	case yaml.DocumentNode:
		c.compare(path, en.Content[0], zh.Content[0], false)
	case yaml.MappingNode:
		ek, zk := withoutLocale(en, path == ""), withoutLocale(zh, path == "")
		if len(ek) != len(zk) {
			c.fail(path, en, zh, "%d keys in English, %d in Chinese", len(ek)/2, len(zk)/2)
		}
		for i := 0; i+1 < len(ek) && i+1 < len(zk); i += 2 {
			if ek[i].Value != zk[i].Value {
				c.fail(path, ek[i], zk[i], "key %d is %q in English, %q in Chinese", i/2+1, ek[i].Value, zk[i].Value)
				return
			}
			c.comments(child(path, ek[i].Value), ek[i], zk[i])
			c.compare(child(path, ek[i].Value), ek[i+1], zk[i+1], isMoodText(path, ek[i].Value))
		}
	case yaml.SequenceNode:
		if len(en.Content) != len(zh.Content) {
			c.fail(path, en, zh, "%d elements in English, %d in Chinese", len(en.Content), len(zh.Content))
		}
		for i := 0; i < len(en.Content) && i < len(zh.Content); i++ {
			c.compare(path+"["+strconv.Itoa(i)+"]", en.Content[i], zh.Content[i], text)
		}
	case yaml.ScalarNode:
		c.scalar(path, en, zh, text)
	default:
		c.fail(path, en, zh, "unexpected %s node", kindName(en.Kind))
	}
}

// scalar checks one scalar: a text is translated into Chinese, anything
// else is the same value with the same tag.
func (c *comparer) scalar(path string, en, zh *yaml.Node, text bool) {
	c.t.Helper()
	if !text {
		if en.Value != zh.Value || en.Tag != zh.Tag {
			c.fail(path, en, zh, "%s %q in English, %s %q in Chinese: only texts are translated", en.Tag, en.Value, zh.Tag, zh.Value)
		}
		return
	}
	switch {
	case zh.Tag != "!!str":
		c.fail(path, en, zh, "the Chinese text is a %s, not a string", zh.Tag)
	case zh.Value == en.Value:
		c.fail(path, en, zh, "the text is not translated")
	case !hasHan(zh.Value):
		c.fail(path, en, zh, "the Chinese text %q has no Chinese characters", zh.Value)
	}
	for _, w := range latinWord.FindAllString(zh.Value, -1) {
		if !latinAllowed[w] {
			c.fail(path, en, zh, "the Chinese text holds the English word %q", w)
		}
	}
}

// comments checks that every comment of the English node is there, in
// Chinese, on the Chinese node.
func (c *comparer) comments(path string, en, zh *yaml.Node) {
	c.t.Helper()
	for _, p := range [...]struct {
		where  string
		en, zh string
	}{{"head", en.HeadComment, zh.HeadComment}, {"line", en.LineComment, zh.LineComment}, {"foot", en.FootComment, zh.FootComment}} {
		switch {
		case p.en == "":
		case p.zh == "":
			c.fail(path, en, zh, "the English %s comment has no Chinese counterpart: %q", p.where, p.en)
		case !hasHan(p.zh):
			c.fail(path, en, zh, "the %s comment is not in Chinese: %q", p.where, p.zh)
		}
	}
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// kindName names a yaml.v3 node kind for a message.
func kindName(k yaml.Kind) string {
	switch k {
	case yaml.DocumentNode:
		return "document"
	case yaml.SequenceNode:
		return "sequence"
	case yaml.MappingNode:
		return "mapping"
	case yaml.ScalarNode:
		return "scalar"
	case yaml.AliasNode:
		return "alias"
	}
	return "kind " + strconv.Itoa(int(k))
}

// TestChineseDefaultMatchesEnglish holds default.zh-CN.yaml to the
// structure of default.yaml: the same keys in the same order, the same
// sequence lengths and the same scalars, except that every text for
// people is translated into Chinese, and every comment too.
func TestChineseDefaultMatchesEnglish(t *testing.T) {
	en, enLines := loadPolicyTree(t, englishDefault)
	zh, zhLines := loadPolicyTree(t, chineseDefault)
	if enLines[0] != zhLines[0] {
		t.Errorf("the first line, the schema comment, differs:\n\t%s line 1: %s\n\t%s line 1: %s", englishDefault, enLines[0], chineseDefault, zhLines[0])
	}
	c := &comparer{t: t, yamlPair: yamlPair{en: en, zh: zh, enLines: enLines, zhLines: zhLines}}
	c.compare("", en, zh, false)

	var locale *yaml.Node
	root := zh.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "locale" {
			locale = root.Content[i+1]
		}
	}
	switch {
	case locale == nil:
		t.Errorf("%s has no top-level locale", chineseDefault)
	case locale.Value != "zh-CN":
		t.Errorf("%s line %d: locale is %q, not zh-CN", chineseDefault, locale.Line, locale.Value)
	}
}

// TestChineseDefaultParses compiles the Chinese default policy with
// ParsePolicy. Until the parser knows the locale field, that field alone
// is refused; the test then skips, saying so, and becomes a real check
// once the field exists.
func TestChineseDefaultParses(t *testing.T) {
	src, err := os.ReadFile(chineseDefault)
	if err != nil {
		t.Fatal(err)
	}
	p, err := mood.ParsePolicy(src)
	var pe *callfloor.PolicyError
	if errors.As(err, &pe) && len(pe.Problems) == 1 && pe.Problems[0].Path == "locale" && strings.HasPrefix(pe.Problems[0].Msg, "unknown field") {
		t.Skipf("the mood policy parser does not know the locale field yet: %v", err)
	}
	if err != nil {
		t.Fatalf("%s does not parse: %v", chineseDefault, err)
	}
	if got, want := p.Identity().Version, mood.DefaultPolicy().Identity().Version; got != want {
		t.Errorf("version %q, want the English default's %q", got, want)
	}
}

// namedIDs collects the ids of a policy tree that its sentences and
// results write, which a policy may name: every action's code, and the
// event kinds and periods of the emotion cycles. A watched observation
// kind is written only when its signal has no text, which none of the
// default's lacks.
func namedIDs(n *yaml.Node, path string, out map[string]bool) {
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			namedIDs(c, path, out)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i].Value, n.Content[i+1]
			switch {
			case k == "names":
				continue
			case k == "code" && v.Kind == yaml.ScalarNode,
				k == "kind" && path == "cycles.events" && v.Kind == yaml.ScalarNode,
				k == "id" && path == "cycles.periods" && v.Kind == yaml.ScalarNode:
				out[v.Value] = true
			}
			namedIDs(v, child(path, k), out)
		}
	}
}

// TestChineseDefaultNamesEveryID holds the Chinese default to naming in
// Chinese every id its sentences, results and views write (every action's
// code, the crisis escalation's included, and the event kinds and
// periods of its cycles), and the English default to naming none, so that
// English writes the ids as it always has.
func TestChineseDefaultNamesEveryID(t *testing.T) {
	zh, _ := loadPolicyTree(t, chineseDefault)
	en, _ := loadPolicyTree(t, englishDefault)
	for i := 0; i+1 < len(en.Content[0].Content); i += 2 {
		if en.Content[0].Content[i].Value == "names" {
			t.Errorf("%s line %d: names given, want none: English writes ids as they are", englishDefault, en.Content[0].Content[i].Line)
		}
	}
	ids := map[string]bool{mood.CrisisEscalation: true}
	namedIDs(zh, "", ids)
	if len(ids) < 25 {
		t.Fatalf("found %d ids in %s, want the default's 31 or so: the walk misses them", len(ids), chineseDefault)
	}
	pz, err := mood.DefaultPolicyFor("zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range sortedIDs(ids) {
		if got := pz.DisplayName(id); got == id || !hasHan(got) {
			t.Errorf("%s: %q is named %q, want a Chinese name under names", chineseDefault, id, got)
		}
		if got := mood.DefaultPolicy().DisplayName(id); got != id {
			t.Errorf("%s: %q is named %q, want the id", englishDefault, id, got)
		}
	}
}

// sortedIDs gives the keys of a set in order, for failures that read the
// same from run to run.
func sortedIDs(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}
