package incentives_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/incentives"
)

const (
	englishDefault = "default.yaml"
	chineseDefault = "default.zh-CN.yaml"
)

// zhTextKeys are the keys of an incentives policy whose values are read
// by people: the reasons of reward rules, tiers, violation kinds and
// assessment failures, and the titles of tiers, compliments, improvers
// and contests. Their values are translated; a list under one of them
// would be text throughout. Every other scalar (ids, metric names,
// badges, numbers, conditions) is the same in every language.
var zhTextKeys = map[string]bool{
	"reason": true,
	"title":  true,
}

// zhProseKeys are the keys outside zhTextKeys whose values may hold a
// space: conditions. A spaced value under any other key is prose that
// zhTextKeys misses.
var zhProseKeys = map[string]bool{
	"when": true,
}

// TestChineseDefaultMatchesEnglish compares the two default policies as
// YAML node trees, their locale keys dropped: the same node
// kinds and styles, the same keys in the same order, the same sequence
// lengths, and every scalar the same but those at a text key, which are
// translated: different from the English and written in Chinese.
func TestChineseDefaultMatchesEnglish(t *testing.T) {
	en := zhPolicyTree(t, englishDefault)
	zh := zhPolicyTree(t, chineseDefault)

	if v, ok := zhTopScalar(en, "locale"); ok && v != "en" {
		t.Errorf("%s: locale is %q, want none or \"en\"", englishDefault, v)
	}
	if v, _ := zhTopScalar(zh, "locale"); v != "zh-CN" {
		t.Errorf("%s: locale is %q, want \"zh-CN\"", chineseDefault, v)
	}
	if got, want := zhKeyBefore(zh, "locale"), "kind"; got != want {
		t.Errorf("%s: locale follows %q, want it right after %q", chineseDefault, got, want)
	}
	zhDropTopKey(en, "locale")
	zhDropTopKey(zh, "locale")
	// The Chinese default names its ids in Chinese under names; the
	// English one writes them as they are.
	if _, ok := zhTopScalar(en, "names"); ok {
		t.Errorf("%s: names given, want none: English writes ids as they are", englishDefault)
	}
	if _, ok := zhTopScalar(zh, "names"); !ok {
		t.Errorf("%s: no names, want the Chinese names of its ids", chineseDefault)
	}
	zhDropTopKey(zh, "names")

	c := zhComparison{}
	c.compare("", en, zh, false)
	for _, d := range c.diffs {
		t.Error(d)
	}
	if c.texts == 0 {
		t.Error("no text scalar compared: zhTextKeys names no key of the default policy")
	}
}

// TestChineseDefaultComments checks that every comment of the Chinese
// default is written in Chinese, but for the schema line editors read.
func TestChineseDefaultComments(t *testing.T) {
	zh := zhPolicyTree(t, chineseDefault)
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
			for _, line := range strings.Split(c, "\n") {
				line = strings.TrimSpace(line)
				if line == "" || line == "#" || strings.HasPrefix(line, "# yaml-language-server:") {
					continue
				}
				if !zhHasHan(line) {
					t.Errorf("%s: comment near line %d is not in Chinese: %s", chineseDefault, n.Line, line)
				}
			}
		}
		for _, k := range n.Content {
			walk(k)
		}
	}
	walk(zh)
}

// TestChineseDefaultParses parses the Chinese default with ParsePolicy and
// checks that it declares the English default's version.
func TestChineseDefaultParses(t *testing.T) {
	p := zhParseChinese(t)
	if got, want := p.Identity().Version, incentives.DefaultPolicy().Identity().Version; got != want {
		t.Errorf("%s declares version %q, want the English default's %q", chineseDefault, got, want)
	}
}

// TestChineseDefaultDecides evaluates the same agents under both defaults,
// a month and a week, and the same failed assessments, and expects the
// same results once the texts, titles and policy identities are taken
// out: the same lines, amounts, points, steps, holds, grades, standings
// and facts.
func TestChineseDefaultDecides(t *testing.T) {
	zh := zhParseChinese(t)
	en := incentives.DefaultPolicy()
	agents := zhAgents()
	at := time.Date(2026, time.November, 2, 9, 30, 0, 0, time.UTC)
	week := make([]incentives.AgentRecord, len(agents))
	for i, a := range agents {
		a.Violations, a.Discipline = nil, nil
		week[i] = a
	}
	for _, run := range []struct {
		per    incentives.Period
		agents []incentives.AgentRecord
	}{{incentives.MonthOf(at), agents}, {incentives.WeekOf(at), week}} {
		per := run.per
		se, err := en.Evaluate(per, run.agents)
		if err != nil {
			t.Fatalf("%s under %s: %v", per.ID, englishDefault, err)
		}
		sz, err := zh.Evaluate(per, run.agents)
		if err != nil {
			t.Fatalf("%s under %s: %v", per.ID, chineseDefault, err)
		}
		zhSameDecisions(t, per.ID, se, sz)
		if per.Cadence == incentives.Monthly {
			zhCovers(t, se)
		}
	}
	var sittings []incentives.Assessment
	for i := 1; i <= 4; i++ {
		sittings = append(sittings, incentives.Assessment{ID: "a" + strconv.Itoa(i), Agent: "agent-1", At: at, Attempt: i},
			incentives.Assessment{ID: "c" + strconv.Itoa(i), Agent: "agent-2", At: at, Attempt: i, Crisis: true})
	}
	ce, err := en.AssessmentConsequences(sittings)
	if err != nil {
		t.Fatalf("assessments under %s: %v", englishDefault, err)
	}
	cz, err := zh.AssessmentConsequences(sittings)
	if err != nil {
		t.Fatalf("assessments under %s: %v", chineseDefault, err)
	}
	zhSameDecisions(t, "assessments", ce, cz)
}

// zhMonthRules are the rules the month's statement of zhAgents reaches,
// each named by the start of its place: every reward rule, tier and
// band, every violation kind, both guardrails, the caps and the monthly
// contest (the standard band, at 100 %, gives no reason of its own), so
// that the comparison covers every text the policy holds.
var zhMonthRules = []string{
	"rewards.rules.solved_with_praise", "rewards.rules.service_standard", "rewards.rules.full_attendance",
	"rewards.rules.suggestion_adopted", "rewards.tiers.service_star.gold", "rewards.tiers.service_star.silver",
	"rewards.tiers.service_star.bronze", "rewards.compliments", "rewards.improvers",
	"rewards.qa_multiplier.bands.excellent", "rewards.qa_multiplier.bands.good",
	"rewards.qa_multiplier.bands.below_standard",
	"rewards.caps.bonus", "rewards.caps.points",
	"discipline.kinds.late", "discipline.kinds.missed_shift", "discipline.kinds.hold_over_limit",
	"discipline.kinds.unauthorised_swap", "discipline.kinds.loud_or_private_chat",
	"discipline.kinds.break_over_time", "discipline.kinds.rude_to_customer", "discipline.kinds.customer_data_leak",
	"discipline.kinds.customer_data_exposure", "discipline.kinds.service_misconduct",
	"discipline.dismissal_withholds_awards", "guardrails.care", "guardrails.dispute", "contests.monthly_quality",
}

// zhCovers fails unless the statement st has a reason of every rule of
// zhMonthRules.
func zhCovers(t *testing.T, st incentives.Statement) {
	t.Helper()
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	for _, rule := range zhMonthRules {
		if !bytes.Contains(b, []byte(`"rule":"`+rule)) {
			t.Errorf("the month's statement has no reason of %s: the comparison misses its texts", rule)
		}
	}
}

// zhParseChinese parses the Chinese default. While the parser does not
// know the locale field, the one problem that reports it skips the test;
// any other problem fails it.
func zhParseChinese(t *testing.T) *incentives.Policy {
	t.Helper()
	src, err := os.ReadFile(chineseDefault)
	if err != nil {
		t.Fatal(err)
	}
	p, err := incentives.ParsePolicy(src)
	var pe *callfloor.PolicyError
	if errors.As(err, &pe) && len(pe.Problems) == 1 && pe.Problems[0].Path == "locale" &&
		strings.HasPrefix(pe.Problems[0].Msg, "unknown field") {
		t.Skipf("the parser does not know the locale field yet: %v", pe.Problems[0])
	}
	if err != nil {
		t.Fatalf("%s: %v", chineseDefault, err)
	}
	return p
}

// zhSameDecisions compares the JSON of the English result en and the
// Chinese result zh, texts, titles and policy identities taken out.
func zhSameDecisions(t *testing.T, what string, en, zh any) {
	t.Helper()
	je, jz := zhDecisions(t, en), zhDecisions(t, zh)
	if je == jz {
		return
	}
	le, lz := strings.Split(je, "\n"), strings.Split(jz, "\n")
	i := 0
	for i < len(le) && i < len(lz) && le[i] == lz[i] {
		i++
	}
	from := max(i-4, 0)
	t.Errorf("%s: the defaults decide differently, texts set aside, from JSON line %d\n%s:\n%s\n%s:\n%s", what, i+1,
		englishDefault, strings.Join(le[from:min(i+3, len(le))], "\n"), chineseDefault, strings.Join(lz[from:min(i+3, len(lz))], "\n"))
}

// zhDecisions returns the indented JSON of v with every "text" and
// "title" value and every policy identity blanked.
func zhDecisions(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var tree any
	if err := json.Unmarshal(b, &tree); err != nil {
		t.Fatal(err)
	}
	var strip func(any)
	strip = func(n any) {
		switch n := n.(type) {
		case map[string]any:
			for k, c := range n {
				switch k {
				case "text", "title", "policy":
					n[k] = "-"
				default:
					strip(c)
				}
			}
		case []any:
			for _, c := range n {
				strip(c)
			}
		}
	}
	strip(tree)
	out, err := json.MarshalIndent(tree, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

var zhSeed uint64 = 11

// zhAgents returns 60 agents from a fixed seed, in five teams, whose
// figures reach every reward, tier and band of the default policy and
// the requirements of its grades, with every violation kind, disputes,
// crises, severe tiers and earlier steps among them.
func zhAgents() []incentives.AgentRecord {
	r := rand.New(rand.NewPCG(zhSeed, 3))
	kinds := []string{"late", "missed_shift", "hold_over_limit", "unauthorised_swap", "loud_or_private_chat",
		"break_over_time", "rude_to_customer", "customer_data_leak", "customer_data_exposure", "service_misconduct"}
	grades := []string{"", "junior", "intermediate", "senior", "team_lead"}
	steps := []incentives.Step{incentives.VerbalWarning, incentives.WrittenWarning, incentives.FinalWarning}
	day := func(d int) time.Time { return time.Date(2026, time.November, d, 10, 0, 0, 0, time.UTC) }
	out := make([]incentives.AgentRecord, 60)
	for i := range out {
		a := &out[i]
		a.ID = fmt.Sprintf("agent-%02d", i)
		a.Team = "team-" + strconv.Itoa(i/12)
		a.Hired = time.Date(2018+r.IntN(8), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		a.Grade = grades[r.IntN(len(grades))]
		a.QAEvaluations = 2 + r.IntN(8)
		a.QADisputeOpen = r.IntN(15) == 0
		a.Crisis = r.IntN(30) == 0
		a.SevereTier = r.IntN(30) == 0
		if r.IntN(2) == 0 {
			a.ExamsPassed = []string{"intermediate_exam", "senior_exam", "team_lead_exam"}[:1+r.IntN(3)]
		}
		a.Metrics = map[string]float64{
			"qa_avg":              float64(780+r.IntN(221)) / 10,
			"qa_improvement":      float64(r.IntN(161)-60) / 10,
			"csat":                float64(40+r.IntN(11)) / 10,
			"aht_seconds":         float64(150 + r.IntN(250)),
			"fcr":                 float64(70 + r.IntN(31)),
			"answered_in_3_rings": float64(90 + r.IntN(11)),
			"attendance":          float64(95 + r.IntN(6)),
			"adherence":           float64(94 + r.IntN(7)),
			"calls":               float64(240 + r.IntN(200)),
			"compliments":         float64(r.IntN(12)),
			"complaints":          float64(r.IntN(3)),
			"suggestions_adopted": float64(r.IntN(3)),
		}
		a.Career = incentives.CareerRecord{QAAverage: float64(850+r.IntN(151)) / 10, QAEvaluations: 10 + r.IntN(60),
			Metrics: map[string]float64{"csat": float64(42+r.IntN(9)) / 10, "fcr": float64(75 + r.IntN(26))}}
		if r.IntN(3) == 0 {
			for k := 0; k < 1+r.IntN(4); k++ {
				a.Violations = append(a.Violations, incentives.Violation{ID: "v" + strconv.Itoa(k),
					Kind: kinds[r.IntN(len(kinds))], At: day(1 + r.IntN(7)), Disputed: r.IntN(8) == 0})
			}
			if r.IntN(3) == 0 {
				a.Discipline = append(a.Discipline, incentives.PriorStep{Step: steps[r.IntN(len(steps))],
					At: time.Date(2026, time.Month(1+r.IntN(10)), 5, 0, 0, 0, 0, time.UTC)})
			}
		}
	}
	// A gold star past both caps, a silver star, and an agent whose
	// lateness and long breaks reach their third occurrence.
	star := func(a *incentives.AgentRecord, qa, csat, fcr float64) {
		a.QAEvaluations, a.QADisputeOpen, a.Crisis, a.SevereTier, a.Violations, a.Discipline = 8, false, false, false, nil, nil
		a.Metrics = map[string]float64{"qa_avg": qa, "qa_improvement": 9.5, "csat": csat, "aht_seconds": 170, "fcr": fcr,
			"answered_in_3_rings": 99, "attendance": 100, "adherence": 99, "calls": 400, "compliments": 10,
			"complaints": 0, "suggestions_adopted": 2}
	}
	star(&out[0], 97, 4.9, 90)
	star(&out[1], 93, 4.7, 82)
	out[2].Crisis, out[2].SevereTier, out[2].Discipline = false, false, nil
	out[2].Violations = nil
	for k := 1; k <= 3; k++ {
		out[2].Violations = append(out[2].Violations,
			incentives.Violation{ID: "late-" + strconv.Itoa(k), Kind: "late", At: day(k)},
			incentives.Violation{ID: "break-" + strconv.Itoa(k), Kind: "break_over_time", At: day(k)})
	}
	return out
}

// zhPolicyTree reads and parses the YAML file name into a node tree.
func zhPolicyTree(t *testing.T, name string) *yaml.Node {
	t.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		t.Fatalf("%s: not one YAML document holding a mapping", name)
	}
	return &doc
}

// zhTopScalar returns the value of the top-level key of doc, and whether
// doc has it.
func zhTopScalar(doc *yaml.Node, key string) (string, bool) {
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1].Value, true
		}
	}
	return "", false
}

// zhKeyBefore returns the top-level key of doc just before key, "" when
// key is first or missing.
func zhKeyBefore(doc *yaml.Node, key string) string {
	m := doc.Content[0]
	for i := 2; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i-2].Value
		}
	}
	return ""
}

// zhDropTopKey removes the top-level key of doc and its value.
func zhDropTopKey(doc *yaml.Node, key string) {
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i:i], m.Content[i+2:]...)
			return
		}
	}
}

// A zhComparison walks the English and the Chinese trees side by side,
// collecting every difference and counting the text scalars compared.
type zhComparison struct {
	diffs []string
	texts int
}

// differ records a difference at path between the English node en and
// the Chinese node zh.
func (c *zhComparison) differ(path string, en, zh *yaml.Node, format string, args ...any) {
	if path == "" {
		path = "(document)"
	}
	c.diffs = append(c.diffs, fmt.Sprintf("%s: %s\n\t%s line %d: %s\n\t%s line %d: %s",
		path, fmt.Sprintf(format, args...), englishDefault, en.Line, zhShow(en), chineseDefault, zh.Line, zhShow(zh)))
}

// compare compares en with zh at path; text says the nodes sit under a
// text key.
func (c *zhComparison) compare(path string, en, zh *yaml.Node, text bool) {
	if en.Kind != zh.Kind {
		c.differ(path, en, zh, "%s in English, %s in Chinese", zhKind(en.Kind), zhKind(zh.Kind))
		return
	}
	switch en.Kind {
	case yaml.DocumentNode:
		c.compare(path, en.Content[0], zh.Content[0], text)
	case yaml.MappingNode:
		if en.Style != zh.Style {
			c.differ(path, en, zh, "the mapping is written in another style")
		}
		if len(en.Content) != len(zh.Content) {
			c.differ(path, en, zh, "%d keys in English, %d in Chinese", len(en.Content)/2, len(zh.Content)/2)
		}
		for i := 0; i+1 < len(en.Content) && i+1 < len(zh.Content); i += 2 {
			ek, zk := en.Content[i], zh.Content[i]
			if ek.Value != zk.Value {
				c.differ(zhChild(path, ek.Value), ek, zk, "key %d is %q in English, %q in Chinese", i/2+1, ek.Value, zk.Value)
				continue
			}
			c.compare(zhChild(path, ek.Value), en.Content[i+1], zh.Content[i+1], text || zhTextKeys[ek.Value])
		}
	case yaml.SequenceNode:
		if en.Style != zh.Style {
			c.differ(path, en, zh, "the sequence is written in another style")
		}
		if len(en.Content) != len(zh.Content) {
			c.differ(path, en, zh, "%d items in English, %d in Chinese", len(en.Content), len(zh.Content))
		}
		for i := 0; i < len(en.Content) && i < len(zh.Content); i++ {
			c.compare(path+"["+strconv.Itoa(i)+"]", en.Content[i], zh.Content[i], text)
		}
	default:
		c.scalar(path, en, zh, text)
	}
}

// scalar compares the scalars en and zh at path: a text is translated,
// any other value is the same, with the same tag and quoting.
func (c *zhComparison) scalar(path string, en, zh *yaml.Node, text bool) {
	if !text {
		if en.Value != zh.Value || en.ShortTag() != zh.ShortTag() || en.Style != zh.Style {
			c.differ(path, en, zh, "differs; only texts are translated")
		}
		if key := zhLastKey(path); strings.ContainsRune(en.Value, ' ') && !zhProseKeys[key] {
			c.differ(path, en, zh, "reads as prose under %q, a key zhTextKeys does not name", key)
		}
		return
	}
	c.texts++
	switch {
	case strings.TrimSpace(en.Value) == "":
		c.differ(path, en, zh, "the English text is empty")
	case en.Value == zh.Value:
		c.differ(path, en, zh, "not translated")
	case !zhHasHan(zh.Value):
		c.differ(path, en, zh, "the translation holds no Chinese character")
	case zhHasHan(en.Value):
		c.differ(path, en, zh, "the English text holds Chinese characters")
	}
}

// zhChild returns the path of key under path.
func zhChild(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// zhLastKey returns the last mapping key of path, its indexes dropped.
func zhLastKey(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		path = path[i+1:]
	}
	if i := strings.IndexByte(path, '['); i >= 0 {
		path = path[:i]
	}
	return path
}

// zhHasHan reports whether s holds a Han character.
func zhHasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

// zhShow shows a node in a failure: a scalar's value, quoted, or the kind
// of a collection.
func zhShow(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return strconv.Quote(n.Value)
	}
	return zhKind(n.Kind)
}

// zhKind names a node kind.
func zhKind(k yaml.Kind) string {
	switch k {
	case yaml.DocumentNode:
		return "a document"
	case yaml.SequenceNode:
		return "a sequence"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		return "a scalar"
	case yaml.AliasNode:
		return "an alias"
	}
	return "an unknown node"
}
