package qa_test

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/qa"
)

// zhTextKeys are the keys of the qa policy whose scalar is a text for
// people: the Chinese default translates each of them.
var zhTextKeys = map[string]bool{
	"name":  true, // a scorecard's or a section's display name
	"text":  true, // what an item checks
	"good":  true, // what good looks like
	"fix":   true, // how to fix a shortfall
	"label": true, // a labelled point of a scale
}

// zhTextListKeys are the keys of the qa policy whose value is a list of
// texts for people.
var zhTextListKeys = map[string]bool{
	"look_for": true, // where the lead looks for praise
	"phrases":  true, // the forbidden service phrases
}

// loadPolicyTree reads a policy file as a YAML node tree and returns its
// top mapping with the locale key dropped.
func loadPolicyTree(t *testing.T, path string) *yaml.Node {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		t.Fatalf("%s: not a YAML mapping", path)
	}
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value == "locale" {
			top.Content = append(top.Content[:i:i], top.Content[i+2:]...)
			break
		}
	}
	return top
}

// hasCJK reports whether s holds a Chinese character.
func hasCJK(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

var nodeKinds = map[yaml.Kind]string{
	yaml.DocumentNode: "document", yaml.SequenceNode: "sequence", yaml.MappingNode: "mapping",
	yaml.ScalarNode: "scalar", yaml.AliasNode: "alias",
}

// treeDiff compares the English node en with the Chinese node zh at path
// and appends a line for each difference. text is true when the node is
// a human text: a scalar that the Chinese translates.
func treeDiff(path string, en, zh *yaml.Node, text bool, out *[]string) {
	where := func() string {
		return fmt.Sprintf("%s (default.yaml line %d, default.zh-CN.yaml line %d)", path, en.Line, zh.Line)
	}
	if en.Kind != zh.Kind {
		*out = append(*out, fmt.Sprintf("%s: a %s in English, a %s in Chinese", where(), nodeKinds[en.Kind], nodeKinds[zh.Kind]))
		return
	}
	switch en.Kind {
	case yaml.ScalarNode:
		switch {
		case en.Tag != zh.Tag:
			*out = append(*out, fmt.Sprintf("%s: tag %s in English, %s in Chinese", where(), en.Tag, zh.Tag))
		case !text && en.Value != zh.Value:
			*out = append(*out, fmt.Sprintf("%s: %q in English, %q in Chinese; only texts are translated", where(), en.Value, zh.Value))
		case text && en.Value == zh.Value:
			*out = append(*out, fmt.Sprintf("%s: %q is not translated", where(), zh.Value))
		case text && !hasCJK(zh.Value):
			*out = append(*out, fmt.Sprintf("%s: %q has no Chinese", where(), zh.Value))
		}
	case yaml.SequenceNode:
		if len(en.Content) != len(zh.Content) {
			*out = append(*out, fmt.Sprintf("%s: %d entries in English, %d in Chinese", where(), len(en.Content), len(zh.Content)))
			return
		}
		for i := range en.Content {
			treeDiff(path+"["+strconv.Itoa(i)+"]", en.Content[i], zh.Content[i], text, out)
		}
	case yaml.MappingNode:
		n := len(en.Content)
		if len(zh.Content) < n {
			n = len(zh.Content)
		}
		for i := 0; i+1 < n; i += 2 {
			ek, zk := en.Content[i], zh.Content[i]
			p := ek.Value
			if path != "" {
				p = path + "." + ek.Value
			}
			if ek.Value != zk.Value {
				*out = append(*out, fmt.Sprintf("%s: key %q in English (line %d), %q in Chinese (line %d)", p, ek.Value, ek.Line, zk.Value, zk.Line))
				return
			}
			ev, zv := en.Content[i+1], zh.Content[i+1]
			isText := zhTextKeys[ek.Value] && ev.Kind == yaml.ScalarNode ||
				zhTextListKeys[ek.Value] && ev.Kind == yaml.SequenceNode
			treeDiff(p, ev, zv, isText, out)
		}
		if len(en.Content) != len(zh.Content) {
			*out = append(*out, fmt.Sprintf("%s: %d keys in English, %d in Chinese", where(), len(en.Content)/2, len(zh.Content)/2))
		}
	default:
		*out = append(*out, fmt.Sprintf("%s: a %s, which a policy does not use", where(), nodeKinds[en.Kind]))
	}
}

// TestChineseDefaultMatchesEnglish checks that default.zh-CN.yaml is
// default.yaml with its texts translated: the same keys in the same
// order, the same lists, the same ids, numbers, durations and settings,
// and every text different from the English and in Chinese.
func TestChineseDefaultMatchesEnglish(t *testing.T) {
	en := loadPolicyTree(t, "default.yaml")
	zh := loadPolicyTree(t, "default.zh-CN.yaml")
	var diffs []string
	treeDiff("", en, zh, false, &diffs)
	for _, d := range diffs {
		t.Error(d)
	}
}

// TestChineseDefaultTreeDiff checks that the comparison finds what it is
// there to find, so that a pass of TestChineseDefaultMatchesEnglish means
// something.
func TestChineseDefaultTreeDiff(t *testing.T) {
	const en = `kind: qa
version: "1"
feedback:
  look_for: [full marks]
scorecards:
  - id: a
    name: Inbound
    pass_mark: 80
    sections:
      - {id: s, weight: 10, items: [{id: i, text: Greeted, type: yes_no}]}
`
	cases := []struct {
		name, zh string
		want     []string
	}{
		{"a translation", `kind: qa
locale: zh-CN
version: "1"
feedback:
  look_for: [满分]
scorecards:
  - id: a
    name: 呼入
    pass_mark: 80
    sections:
      - {id: s, weight: 10, items: [{id: i, text: 问候, type: yes_no}]}
`, nil},
		{"a number changed, a text left in English, an id translated", `kind: qa
version: "1"
feedback:
  look_for: [full marks]
scorecards:
  - id: a
    name: 呼入
    pass_mark: 85
    sections:
      - {id: s, weight: 10, items: [{id: 问候, text: Greeted, type: yes_no}]}
`, []string{
			`feedback.look_for[0] (default.yaml line 4, default.zh-CN.yaml line 4): "full marks" is not translated`,
			`scorecards[0].pass_mark (default.yaml line 8, default.zh-CN.yaml line 8): "80" in English, "85" in Chinese; only texts are translated`,
			`scorecards[0].sections[0].items[0].id (default.yaml line 10, default.zh-CN.yaml line 10): "i" in English, "问候" in Chinese; only texts are translated`,
			`scorecards[0].sections[0].items[0].text (default.yaml line 10, default.zh-CN.yaml line 10): "Greeted" is not translated`,
		}},
		{"a text changed but not into Chinese, a quoted version, a key moved", `kind: qa
version: 1
feedback:
  look_for: [Full marks]
scorecards:
  - id: a
    pass_mark: 80
    name: 呼入
    sections: []
`, []string{
			`version (default.yaml line 2, default.zh-CN.yaml line 2): tag !!str in English, !!int in Chinese`,
			`feedback.look_for[0] (default.yaml line 4, default.zh-CN.yaml line 4): "Full marks" has no Chinese`,
			`scorecards[0].name: key "name" in English (line 7), "pass_mark" in Chinese (line 7)`,
		}},
		{"a list shortened, a key added", `kind: qa
version: "1"
feedback:
  look_for: []
scorecards:
  - id: a
    name: 呼入
    pass_mark: 80
    sections:
      - {id: s, weight: 10, items: [{id: i, text: 问候, type: yes_no, allow_na: true}]}
`, []string{
			`feedback.look_for (default.yaml line 4, default.zh-CN.yaml line 4): 1 entries in English, 0 in Chinese`,
			`scorecards[0].sections[0].items[0] (default.yaml line 10, default.zh-CN.yaml line 10): 3 keys in English, 4 in Chinese`,
		}},
	}
	parse := func(t *testing.T, src string) *yaml.Node {
		t.Helper()
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
			t.Fatal(err)
		}
		top := doc.Content[0]
		for i := 0; i+1 < len(top.Content); i += 2 {
			if top.Content[i].Value == "locale" {
				top.Content = append(top.Content[:i:i], top.Content[i+2:]...)
				break
			}
		}
		return top
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			treeDiff("", parse(t, en), parse(t, c.zh), false, &got)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(c.want, "\n\t"))
			}
		})
	}
}

// TestChineseDefaultCommentsAreChinese checks that every comment of the
// Chinese default, which explains the policy to its reader, is written in
// Chinese; the first line names the schema for editors.
func TestChineseDefaultCommentsAreChinese(t *testing.T) {
	src, err := os.ReadFile("default.zh-CN.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	if want := "# yaml-language-server: $schema=../schemas/qa.schema.json"; lines[0] != want {
		t.Errorf("line 1 is %q, want %q", lines[0], want)
	}
	for i, line := range lines[1:] {
		c := strings.TrimSpace(line)
		if !strings.HasPrefix(c, "#") || c == "#" {
			continue
		}
		if !hasCJK(c) {
			t.Errorf("default.zh-CN.yaml line %d: comment without Chinese: %s", i+2, c)
		}
	}
}

// TestChineseDefaultParses parses the Chinese default with ParsePolicy
// and checks that it scores as the English default does: the same
// scorecards, sections, items, weights and scales, and the same scores,
// outcomes and figures on an evaluation with each item failed in turn.
func TestChineseDefaultParses(t *testing.T) {
	src, err := os.ReadFile("default.zh-CN.yaml")
	if err != nil {
		t.Fatal(err)
	}
	zh, err := qa.ParsePolicy(src)
	if err != nil {
		var pe *callfloor.PolicyError
		if errors.As(err, &pe) && len(pe.Problems) == 1 && pe.Problems[0].Path == "locale" &&
			strings.HasPrefix(pe.Problems[0].Msg, "unknown field") {
			t.Skipf("the qa policy does not know the locale field yet: %v", err)
		}
		t.Fatal(err)
	}
	en := qa.DefaultPolicy()
	if got, want := zh.DisputeWindow(), en.DisputeWindow(); got != want {
		t.Errorf("dispute window %v, want %v", got, want)
	}
	for _, s := range []qa.Source{qa.QA, qa.Lead, qa.Peer, qa.Self} {
		if got, want := zh.PayRelevant(s), en.PayRelevant(s); got != want {
			t.Errorf("PayRelevant(%s) = %v, want %v", s, got, want)
		}
	}
	enCards, zhCards := en.Scorecards(), zh.Scorecards()
	if len(enCards) != len(zhCards) {
		t.Fatalf("%d scorecards, want %d", len(zhCards), len(enCards))
	}
	for k, ec := range enCards {
		zc := zhCards[k]
		if zc.ID() != ec.ID() || zc.Version() != ec.Version() || zc.PassMark() != ec.PassMark() {
			t.Errorf("scorecard %d is %s v%s pass %v, want %s v%s pass %v", k, zc.ID(), zc.Version(), zc.PassMark(), ec.ID(), ec.Version(), ec.PassMark())
			continue
		}
		if got, want := sectionShapes(zc), sectionShapes(ec); got != want {
			t.Errorf("%s sections:\n%s\nwant\n%s", ec.ID(), got, want)
		}
		if got, want := itemShapes(zc), itemShapes(ec); got != want {
			t.Errorf("%s items:\n%s\nwant\n%s", ec.ID(), got, want)
		}
		items := ec.Items()
		for fail := -1; fail < len(items); fail++ {
			ev := qa.Evaluation{ID: "ev", Agent: "a1", Evaluator: "q1", Source: qa.QA, Scorecard: ec.ID(),
				At: time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)}
			for i, it := range items {
				v := float64(it.Max)
				if i == fail {
					v = float64(it.Min)
				}
				ev.Answers = append(ev.Answers, qa.Answer{Item: it.ID, Value: v})
			}
			er, err := ec.Score(ev)
			if err != nil {
				t.Fatal(err)
			}
			zr, err := zc.Score(ev)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := resultFigures(zr), resultFigures(er); got != want {
				t.Errorf("%s with item %d failed:\n%s\nwant\n%s", ec.ID(), fail, got, want)
			}
		}
	}
}

// sectionShapes prints a scorecard's sections without their names.
func sectionShapes(s *qa.Scorecard) string {
	var b strings.Builder
	for _, sec := range s.Sections() {
		fmt.Fprintf(&b, "%s %v %v\n", sec.ID, sec.Weight, sec.Items)
	}
	return b.String()
}

// itemShapes prints a scorecard's items without their texts.
func itemShapes(s *qa.Scorecard) string {
	var b strings.Builder
	for _, it := range s.Items() {
		fmt.Fprintf(&b, "%s %s %s %v na=%v critical=%s %d..%d labels=", it.ID, it.Section, it.Type, it.Weight, it.AllowNA, it.Critical, it.Min, it.Max)
		for _, l := range it.Labels {
			fmt.Fprintf(&b, "%d,", l.Value)
		}
		fmt.Fprintf(&b, " phrases=%d\n", len(it.Phrases))
	}
	return b.String()
}

// resultFigures prints a result's decisions and figures, leaving out its
// sentences and the policy's identity.
func resultFigures(r qa.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "score %v raw %v pass %v passed %v pay %v critical %v\n", r.Score, r.RawScore, r.PassMark, r.Passed, r.PayRelevant, r.CriticalFailed)
	for _, s := range r.Sections {
		fmt.Fprintf(&b, "section %+v\n", s)
	}
	for _, o := range r.Strengths {
		fmt.Fprintf(&b, "strength %s %s %v %v %v\n", o.Item, o.Section, o.Score, o.Value, o.Weight)
	}
	for _, o := range r.Deductions {
		fmt.Fprintf(&b, "deduction %s %s %v %v %v lost %v critical %s\n", o.Item, o.Section, o.Score, o.Value, o.Weight, o.Lost, o.Critical)
	}
	for _, rs := range r.Reasons {
		fmt.Fprintf(&b, "reason %s %s %v\n", rs.Rule, rs.Outcome, rs.Facts)
	}
	return b.String()
}
