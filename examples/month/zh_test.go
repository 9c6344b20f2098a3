package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor/internal/msg"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// shippedIn runs the shipped center's month under the default policies of
// the locale tag.
func shippedIn(t testing.TB, tag string) *Report {
	t.Helper()
	c, err := LoadCenter("data")
	require.NoError(t, err)
	pol, err := DefaultPoliciesFor(tag)
	require.NoError(t, err)
	r, err := Run(c, pol, Options{})
	require.NoError(t, err)
	return r
}

// jsonTree gives the report's JSON as generic values, as a host reads it.
func jsonTree(t testing.TB, r *Report) any {
	t.Helper()
	js, err := json.Marshal(r)
	require.NoError(t, err)
	var v any
	require.NoError(t, json.Unmarshal(js, &v))
	return v
}

func textIn(t testing.TB, r *Report, tag string, detail int) string {
	t.Helper()
	l, err := msg.Lookup(tag)
	require.NoError(t, err)
	var buf bytes.Buffer
	RenderIn(&buf, r, detail, l)
	return buf.String()
}

// allowed are the words of three or more Latin letters a Chinese report
// may hold: the library's name, the teams of the shipped data (their
// ids), the currency's ISO code and the screening instruments' names.
var allowed = map[string]bool{
	"callfloor": true,
	"north":     true, "south": true, "east": true,
	"CNY":   true,
	"PHQ-9": true, "GAD-7": true, "WHO-5": true, "CBI": true,
}

// dataIDs are the shapes of the ids a Chinese report may hold because
// the center's data or the run names things by them, not the policies:
// agents (north-03), evaluations (ev-east-07-3), the calibration session
// (cal-2026-10), evaluators (qa.south), a policy's identity
// (mood-default-1@859df48432db, 2025.1@4e88c310f2d7) and the report's
// own flag (-detail). Every id a policy declares (a metric, a rule, an
// action's code, a step, an item) has a display name in the Chinese
// defaults and must be written by it.
var dataIDs = regexp.MustCompile(`^(?:[a-z]+-\d+|ev-[a-z]+-\d+-\d+|cal-\d{4}-\d{2}|qa\.[a-z]+|[a-z0-9.-]+@[0-9a-f]{12}|-detail)$`)

var (
	// token is a run of what an identifier is written with.
	token = regexp.MustCompile(`[A-Za-z0-9_.@/=+\-]+`)
	// letters is a run of three Latin letters or more.
	letters = regexp.MustCompile(`[A-Za-z]{3,}`)
)

// englishWords gives the English words of s: its tokens with three Latin
// letters in a row (qa_avg, care_talk, rewards.points.csat, overdue), but
// for allowed words and the ids of the data (dataIDs); a figure's
// metric counts too ("qa_avg" of "qa_avg=95").
func englishWords(s string) []string {
	var out []string
	for _, tk := range token.FindAllString(s, -1) {
		for _, part := range strings.Split(tk, "=") {
			if letters.MatchString(part) && !allowed[part] && !dataIDs.MatchString(part) {
				out = append(out, part)
			}
		}
	}
	return out
}

// textFields are the JSON keys whose values are sentences or texts of a
// policy, in the policy's language.
var textFields = map[string]bool{"text": true, "reason": true, "title": true, "say": true, "note": true, "look_for": true}

// walkText calls f with the JSON path (indices written as []), the id of
// the enclosing message when there is one, and the value of every text
// field of v.
func walkText(v any, path string, f func(path, id, text string)) {
	switch v := v.(type) {
	case map[string]any:
		id, _ := v["message"].(string)
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if textFields[k] {
				switch x := v[k].(type) {
				case string:
					f(path+"."+k, id, x)
					continue
				case []any:
					for _, e := range x {
						if s, ok := e.(string); ok {
							f(path+"."+k+"[]", id, s)
						}
					}
					continue
				}
			}
			walkText(v[k], path+"."+k, f)
		}
	case []any:
		for _, x := range v {
			walkText(x, path+"[]", f)
		}
	}
}

// Under zh-CN the whole month reads without English: the text report and
// every text of the JSON. The failures are grouped, by section of the
// report and by JSON path and message id, so that each group names the
// package and the message still to translate.
func TestChineseMonthHasNoEnglish(t *testing.T) {
	r := shippedIn(t, "zh-CN")
	groups := map[string][]string{}
	section := "head"
	for _, l := range strings.Split(textIn(t, r, "zh-CN", 0), "\n") {
		if m := regexp.MustCompile(`^(\d)\. `).FindStringSubmatch(l); m != nil {
			section = "section " + m[1]
		}
		if ws := englishWords(l); len(ws) > 0 {
			groups["report, "+section] = append(groups["report, "+section], fmt.Sprintf("%v: %s", ws, strings.TrimSpace(l)))
		}
	}
	walkText(jsonTree(t, r), "", func(path, id, text string) {
		// A dispute carries the agent's and the evaluator's own words
		// from the center's data, not the library's.
		if strings.HasPrefix(path, ".qa.disputes[].") && (strings.HasSuffix(path, ".note") || strings.HasSuffix(path, "items[].reason")) {
			return
		}
		if ws := englishWords(text); len(ws) > 0 {
			key := "json " + path
			if id != "" {
				key += " (" + id + ")"
			}
			groups[key] = append(groups[key], fmt.Sprintf("%v: %s", ws, text))
		}
	})
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	lines := 0
	for _, k := range keys {
		ls := groups[k]
		sort.Strings(ls)
		ls = compactStrings(ls)
		lines += len(ls)
		fmt.Fprintf(&b, "\n%s: %d\n", k, len(ls))
		for i, l := range ls {
			if i == 5 {
				fmt.Fprintf(&b, "    ... and %d more\n", len(ls)-5)
				break
			}
			fmt.Fprintf(&b, "    %s\n", l)
		}
	}
	assert.Zero(t, lines, "lines with English words, by where they come from:%s", b.String())
}

// Under zh-CN the coaching lines name every step by its Chinese title,
// never by its id: the report, at full detail, and every text of the
// JSON hold no token that is a step id of the Chinese coaching default.
// The ids stay in the JSON's step fields, which hosts read.
func TestChineseMonthNamesNoStepID(t *testing.T) {
	pol, err := DefaultPoliciesFor("zh-CN")
	require.NoError(t, err)
	ids := map[string]bool{}
	for _, k := range pol.Coaching.Kinds() {
		w, ok := pol.Coaching.Workflow(k)
		require.True(t, ok, k)
		for _, s := range w.Steps {
			ids[s.ID] = true
		}
	}
	r := shippedIn(t, "zh-CN")
	text := textIn(t, r, "zh-CN", 0)
	require.Contains(t, text, "员工离职面谈：步骤“一对一离职面谈”已逾期，应由主管完成")
	var found []string
	for _, tk := range token.FindAllString(text, -1) {
		if ids[tk] {
			found = append(found, "report: "+tk)
		}
	}
	walkText(jsonTree(t, r), "", func(path, _, text string) {
		for _, tk := range token.FindAllString(text, -1) {
			if ids[tk] {
				found = append(found, path+": "+tk)
			}
		}
	})
	assert.Empty(t, compactStrings(found), "step ids in the Chinese month")
}

func compactStrings(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// The identifiers check lets ids through and catches words.
func TestEnglishWords(t *testing.T) {
	assert.Empty(t, englishWords("north-03 mood-default-1@859df48432db 2025.1@4e88c310f2d7 ev-east-11-1 cal-2026-10 qa.south -detail CNY callfloor PHQ-9 QA ¥1,000.00 95.5"))
	assert.Equal(t, []string{"overdue", "step"}, englishWords("南区 overdue: step 处分 QA"))
	assert.Equal(t, []string{"qa_avg", "rewards.points.csat", "care_talk", "csat"}, englishWords("（qa_avg=95）rewards.points.csat 完成 care_talk csat"))
}

// blank clears what differs between two languages' runs of the same
// month: the texts, the policies' hashes (each default is its own file)
// and the locale a result names.
func blank(v any, key string) any {
	switch v := v.(type) {
	case map[string]any:
		delete(v, "locale")
		if _, action := v["code"]; action {
			// The display name of an action's code is the policy's
			// words for it, which only the Chinese default gives.
			delete(v, "name")
		}
		for k, x := range v {
			v[k] = blank(x, k)
		}
		return v
	case []any:
		for i, x := range v {
			v[i] = blank(x, key)
		}
		return v
	case string:
		if textFields[key] || key == "hash" || key == "policies" || key == "locale" {
			return ""
		}
	}
	return v
}

// The Chinese defaults decide the shipped month as the English ones do:
// the JSON of the two runs is the same once the texts and the policies'
// hashes are blanked.
func TestChineseMonthSameDecisions(t *testing.T) {
	en, zh := blank(jsonTree(t, shippedIn(t, "en")), ""), blank(jsonTree(t, shippedIn(t, "zh-CN")), "")
	var diffs []string
	diffJSON(en, zh, "", &diffs)
	assert.Empty(t, diffs, "the Chinese run differs from the English one")
}

// diffJSON lists the paths where a and b differ, at most 30.
func diffJSON(a, b any, path string, out *[]string) {
	if len(*out) >= 30 {
		return
	}
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok {
			*out = append(*out, path)
			return
		}
		keys := map[string]bool{}
		for k := range a {
			keys[k] = true
		}
		for k := range bm {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			diffJSON(a[k], bm[k], path+"."+k, out)
		}
	case []any:
		bs, ok := b.([]any)
		if !ok || len(bs) != len(a) {
			*out = append(*out, fmt.Sprintf("%s: %d items against %d", path, len(a), len(bs)))
			return
		}
		for i := range a {
			diffJSON(a[i], bs[i], path+"["+strconv.Itoa(i)+"]", out)
		}
	default:
		if fmt.Sprint(a) != fmt.Sprint(b) {
			*out = append(*out, fmt.Sprintf("%s: %v against %v", path, a, b))
		}
	}
}

// The head and the first section of the Chinese report, as the golden
// file holds them (go test -run TestChineseReportGolden -update rewrites
// it).
func TestChineseReportGolden(t *testing.T) {
	text := textIn(t, shippedIn(t, "zh-CN"), "zh-CN", 5)
	head, _, ok := strings.Cut(text, "\n2. ")
	require.True(t, ok)
	// The policies' hashes change with every edit of a default; the
	// golden file holds them as @hash.
	head = regexp.MustCompile(`@[0-9a-f]{12}\b`).ReplaceAllString(head, "@hash") + "\n"
	golden := filepath.Join("testdata", "golden", "month.zh-CN.txt")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(head), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), head)
}

// The report's own words in Chinese: dates with the weekday, money with
// ¥, counts with their measure words.
func TestChineseReportWords(t *testing.T) {
	zh, err := msg.Lookup("zh-CN")
	require.NoError(t, err)
	w := newWords(zh)
	assert.Equal(t, "11月2日 周一 18:00", w.when(asOf.AddDate(0, 0, 2)))
	assert.Equal(t, "¥1,234.50", w.money(123450, 2))
	assert.Equal(t, "-¥80.00", w.money(-8000, 2))
	assert.Equal(t, "1,250 名坐席", w.agents(1250))
	assert.Equal(t, "3 天", w.lateness(74*time.Hour))
	assert.Equal(t, "每逢周一", w.patternPhrase("weekday", "monday"))
	assert.Equal(t, "2026年10月", monthOf("2026-10", w.monthLayout))
	assert.Equal(t, "1 agent", english.agents(1))
	assert.Equal(t, "1,250 agents", english.agents(1250))
}

// -lang chooses the language of the policies and the report; a locale
// that is not bundled is a usage error listing the bundled ones.
func TestRunLang(t *testing.T) {
	var stdout, stderr bytes.Buffer
	require.Equal(t, exitOK, run([]string{"-lang", "zh-CN"}, &stdout, &stderr), stderr.String())
	assert.True(t, strings.HasPrefix(stdout.String(), "callfloor 呼叫中心月度报告：2026年10月（截至 2026年10月31日 18:00，时区 +08:00）\n"), stdout.String()[:200])
	assert.Contains(t, stderr.String(), "\n60 名坐席：读取数据 ")

	stdout.Reset()
	stderr.Reset()
	assert.Equal(t, exitUsage, run([]string{"-lang", "fr"}, &stdout, &stderr))
	assert.True(t, strings.HasPrefix(stderr.String(), "-lang must be one of the bundled locales en, zh-CN, not \"fr\"\n"), stderr.String())
	assert.Empty(t, stdout.String())
}

// Under zh-CN the incentives section shows no id of the incentives
// policy that the policy names, and no rule path: every metric, rule,
// contest, grade and violation kind reads by its display name or title.
func TestChineseIncentivesShowNoIDs(t *testing.T) {
	r := shippedIn(t, "zh-CN")
	pol, err := DefaultPoliciesFor("zh-CN")
	require.NoError(t, err)
	text := textIn(t, r, "zh-CN", 0)
	_, section, ok := strings.Cut(text, "\n4. ")
	require.True(t, ok)
	section, _, _ = strings.Cut(section, "\n5. ")
	require.Contains(t, section, "服务之星铜牌")
	require.Contains(t, section, "按各班组坐席质检均分的平均值排名")
	require.Contains(t, section, "进步最快第3名：质检进步幅度提升8.03，")
	for _, tk := range token.FindAllString(section, -1) {
		id, _, _ := strings.Cut(tk, "=")
		assert.Equal(t, id, pol.Incentives.DisplayName(id), "%s, which the policy names, in %q", id, tk)
		for _, root := range []string{"rewards.", "discipline.", "contests.", "ladder."} {
			assert.False(t, strings.HasPrefix(tk, root), "the rule path %s", tk)
		}
	}
}

// The Chinese report writes the ids of the mood and coaching policies by
// the names the Chinese defaults give them: a lead reads no action code,
// cycle event, climate metric or signal in the mood and conversations
// sections, while the English report writes every one as it is.
func TestChineseMonthNamesPolicyIDs(t *testing.T) {
	ids := []string{"care_talk", "team_building", "lead_state_check", "team_sharing_session",
		"crisis_review", "offer_counseling", "offer_screening", "psychological_intervention", "refer_to_professional", "crisis_escalation",
		"extend_morning_meeting", "plan_for_the_low_day", "personal_loss", "missed_targets", "recent_changes",
		"qa_avg", "tenure_days", "mood_crisis"}
	sections := func(tag string) string {
		text := textIn(t, shippedIn(t, tag), tag, 0)
		end := strings.Index(text, "\n4. ")
		require.Positive(t, end, "%s: no section 4", tag)
		return text[:end]
	}
	zh, en := sections("zh-CN"), sections("en")
	for _, id := range ids {
		assert.NotContains(t, zh, id, "the Chinese report writes an id")
		assert.Contains(t, en, id, "the English report writes the ids; the shipped month no longer shows this one")
	}
}
