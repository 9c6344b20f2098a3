package hardening

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor/internal/policyfile"
)

// zhKinds are the Chinese names of the policies, as the first line of
// their problems gives them.
var zhKinds = map[string]string{
	"mood policy":       "情绪管理策略",
	"qa policy":         "质检策略",
	"coaching policy":   "辅导沟通策略",
	"incentives policy": "激励与奖惩策略",
}

// englishWord finds a word of ASCII letters, digits and underscores; one
// with three or more letters in a row is English unless allowed.
var englishWord = regexp.MustCompile(`[A-Za-z0-9_]*[A-Za-z]{3,}[A-Za-z0-9_]*`)

// quoted finds a Go-quoted value, which is data, not prose.
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// kindLine finds the kind field of a default policy.
var kindLine = regexp.MustCompile(`(?m)^kind: [a-z]+$`)

// allowedWords are the words a Chinese problem may hold: the names of
// formats and units, and the words of YAML and of the condition language.
var allowedWords = map[string]bool{"YAML": true, "UTF": true, "MiB": true, "null": true, "true": true, "false": true, "inf": true, "nan": true}

// englishIn gives the English words of a problem's text, leaving out
// quoted values, identifiers the problem lists (the allowed fields, the
// declared metrics, the kind), and allowedWords.
func englishIn(p policyfile.Problem) []string {
	ids := map[string]bool{}
	for _, a := range p.Args {
		switch v := a.(type) {
		case []string:
			for _, s := range v {
				ids[s] = true
			}
		}
	}
	if w, ok := p.Args["Want"].(string); ok {
		ids[w] = true
	}
	var out []string
	for _, w := range englishWord.FindAllString(quoted.ReplaceAllString(p.Msg, ""), -1) {
		if !allowedWords[w] && !ids[w] && !strings.Contains(p.Path, w) {
			out = append(out, w)
		}
	}
	return out
}

// Under locale: zh-CN, a broken policy of each kind gives Chinese
// problems: every problem the decoder writes (policy.*, cond.*) has no
// English word outside ids, field paths, quoted values and the names of
// formats, and the first line names the policy in Chinese.
func TestBrokenPoliciesInChinese(t *testing.T) {
	for _, p := range parsers {
		t.Run(p.name, func(t *testing.T) {
			def := "locale: zh-CN\n" + string(p.def)
			if !strings.HasSuffix(def, "\n") {
				def += "\n"
			}
			end := strings.Count(def, "\n") + 1
			versionLine := 1 + strings.Count(def[:strings.Index(def, "\nversion:")+1], "\n")
			other := "qa"
			if p.name == "qa policy" {
				other = "mood"
			}
			zhKind := zhKinds[p.name]
			kindAt := 1 + strings.Count(def[:kindLine.FindStringIndex(def)[0]], "\n")
			tests := []struct {
				name, src, id, want string
			}{
				{"an unknown field", def + "colour: red\n", "policy.unknown_field",
					fmt.Sprintf("colour: 第%d行第1列：未知字段；可用的字段：kind、locale、version、", end)},
				{"a key written twice", def + "version: x\n", "policy.duplicate_key",
					fmt.Sprintf(`version: 第%d行第1列：键"version"重复（首次出现在第%d行第1列）`, end, versionLine)},
				{"a second document", def + "---\nversion: x\n", "policy.second_document",
					fmt.Sprintf("第%d行第1列：此处开始了第二个YAML文档；一份策略只能是一个文档", end)},
				{"the kind of another package", kindLine.ReplaceAllString(def, "kind: "+other), "policy.kind_mismatch",
					fmt.Sprintf(`kind: 第%d行第7列：这是%s；kind值"%s"指的是另一个包`, kindAt, zhKind, other)},
				{"a list for the version", "version: [v1]\n" + strings.Replace(def, "\nversion:", "\nversion_was:", 1), "policy.expected_string",
					"version: 第1行第10列：应为字符串，实为列表"},
				{"a control character in the version", "version: \"v\\x1b1\"\n" + strings.Replace(def, "\nversion:", "\nversion_was:", 1), "policy.id_unprintable",
					"version: 第1行第10列：第2个字符U+001B不可打印；标识符、键和版本号须为可打印字符，不得含控制字符或格式字符"},
				{"a key breaking the id rule", def + "\" colour\": red\n", "policy.key_rule",
					fmt.Sprintf(`第%d行第1列：键" colour"开头和结尾不能是空格`, end)},
				{"a merge of a number", def + "<<: 3\n", "policy.merge_not_mapping",
					fmt.Sprintf("第%d行第5列：合并键（<<）只接受映射或映射的列表，实为整数3", end)},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					err := p.parse([]byte(tt.src))
					ps := problems(t, err)
					require.True(t, strings.HasPrefix(err.Error(), zhKind+"："), "%v", err)
					var texts []string
					found := false
					for _, pr := range ps {
						if !strings.HasPrefix(pr.MessageID, "policy.") && !strings.HasPrefix(pr.MessageID, "cond.") {
							continue
						}
						s := pr.Error()
						texts = append(texts, s)
						assert.Empty(t, englishIn(pr), "English in %q", s)
						if pr.MessageID == tt.id && strings.HasPrefix(s, tt.want) {
							found = true
						}
					}
					assert.True(t, found, "no %s problem starting %q in\n%s", tt.id, tt.want, strings.Join(texts, "\n"))
				})
			}
		})
	}
}
