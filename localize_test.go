package callfloor_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

func locale(t testing.TB, tag string) callfloor.Locale {
	l, err := callfloor.LookupLocale(tag)
	require.NoError(t, err)
	return l
}

// TestLocalize: an error of each group worded in English and in Chinese,
// whole sentences from the catalogs, whatever locale it came in.
func TestLocalize(t *testing.T) {
	scoreErr := func(inst mood.Instrument, answers ...int) func() error {
		return func() error { _, err := mood.Score(inst, answers); return err }
	}
	for _, c := range []struct {
		name   string
		err    func() error
		en, zh string
	}{
		{"an answer off its scale, from mood.Score, which takes no policy",
			scoreErr(mood.GAD7, 0, 0, 4, 0, 0, 0, 0),
			"answers[2]: 4 is outside 0..3, the scale of GAD-7 item 3",
			"answers[2]: 4超出0..3的范围（GAD-7第3题的分值范围）"},
		{"a missing answer",
			scoreErr(mood.PHQ9, 0, 0, 0),
			"answers[3]: is required: PHQ-9 item 4 is unanswered; PHQ-9 takes 9 answers, got 3, and nothing is prorated",
			"answers[3]: 为必填项：PHQ-9第4题未作答；PHQ-9需要9个回答，收到3个，不按比例折算"},
		{"an answer beyond the last item of the PHQ-9",
			scoreErr(mood.PHQ9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
			"answers[9]: is beyond the last item: PHQ-9 has 9 items, got 10 answers; the closing difficulty question is not scored and is not an answer",
			"answers[9]: 超出最后一题：PHQ-9共9题，收到10个回答；结尾关于困难程度的问题不计分，也不算回答"},
		{"an answer beyond the last item of the WHO-5",
			scoreErr(mood.WHO5, 0, 0, 0, 0, 0, 0),
			"answers[5]: is beyond the last item: WHO-5 has 5 items, got 6 answers",
			"answers[5]: 超出最后一题：WHO-5共5题，收到6个回答"},
		{"a CBI answer off its scale names its subscale",
			scoreErr(mood.CBI, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0),
			"answers[14]: 9 is outside 0..4, the scale of CBI item 15 (client-related 2)",
			"answers[14]: 9超出0..4的范围（CBI第15题（服务对象倦怠第2题）的分值范围）"},
		{"an unknown instrument",
			scoreErr("bdi"),
			`instrument: unknown instrument "bdi"; allowed: phq9, gad7, who5, k10, cbi`,
			`instrument: 未知的量表"bdi"；可用：phq9、gad7、who5、k10、cbi`},
		{"a JSON enumeration of mood",
			func() error { var x mood.Tier; return json.Unmarshal([]byte(`"grave"`), &x) },
			`unknown tier "grave"; allowed: normal, mild, moderate, severe`,
			`未知的分级"grave"；可用：normal、mild、moderate、severe`},
		{"a JSON enumeration of the root",
			func() error { var x callfloor.Outcome; return x.UnmarshalText([]byte("won")) },
			`unknown outcome "won"; allowed: fired, held, suppressed, not_evaluated, stale, not_met`,
			`未知的结果"won"；可用：fired、held、suppressed、not_evaluated、stale、not_met`},
		{"a coaching id read from JSON",
			func() error { var x coaching.Kind; return x.UnmarshalText([]byte("Care")) },
			`kind "Care" is not an id; a policy declares its kinds as lower_snake_case (a-z, 0-9, _)`,
			`类型"Care"不是编号；策略以lower_snake_case（a-z、0-9、_）声明类型`},
		{"a level of qa.Alpha, which takes no policy",
			func() error { _, err := qa.Alpha("nominal-ish", nil); return err },
			`level: unknown level "nominal-ish"; allowed: nominal, ordinal, interval, ratio`,
			`level: 未知的测量尺度"nominal-ish"；可用：nominal、ordinal、interval、ratio`},
		{"a default policy of a locale there is none of",
			func() error { _, err := mood.DefaultPolicyFor("fr"); return err },
			`mood: no default policy for locale "fr"; there are: en, zh-CN`,
			`mood：没有语言区域"fr"的默认策略；现有：en、zh-CN`},
		{"a policy too large to read, found before its locale",
			func() error { _, err := mood.ParsePolicy([]byte(strings.Repeat("#", 1<<20+1))); return err },
			"mood policy: 1 problem\n\tpolicy is 1048577 bytes; the limit is 1048576 (1 MiB)",
			"情绪管理策略：1个问题\n\t策略文件有1048577字节，上限为1048576字节（1 MiB）"},
		{"a policy that is not YAML",
			func() error { _, err := mood.ParsePolicy([]byte("locale: zh-CN\nversion: [v1\n")); return err },
			"mood policy: 1 problem\n\tline 1: YAML syntax: did not find expected ',' or ']'",
			"情绪管理策略：1个问题\n\t第1行：YAML语法错误：did not find expected ',' or ']'"},
		{"an unknown locale, found before any locale is known",
			func() error { _, err := mood.ParsePolicy([]byte("locale: fr\nversion: v1\n")); return err },
			"mood policy: 10 problems\n\tcauses: line 1, column 1: required field is missing\n\tclimate: line 1, column 1: required field is missing\n\tcrisis: line 1, column 1: required field is missing\n\tcycles: line 1, column 1: required field is missing\n\tinstruments: line 1, column 1: required field is missing\n\troles: line 1, column 1: required field is missing\n\ttechniques: line 1, column 1: required field is missing\n\ttiers: line 1, column 1: required field is missing\n\twatch: line 1, column 1: required field is missing\n\tlocale: line 1, column 9: unknown locale \"fr\"; bundled: en, zh-CN",
			"情绪管理策略：10个问题\n\tcauses: 第1行第1列：缺少必填字段\n\tclimate: 第1行第1列：缺少必填字段\n\tcrisis: 第1行第1列：缺少必填字段\n\tcycles: 第1行第1列：缺少必填字段\n\tinstruments: 第1行第1列：缺少必填字段\n\troles: 第1行第1列：缺少必填字段\n\ttechniques: 第1行第1列：缺少必填字段\n\ttiers: 第1行第1列：缺少必填字段\n\twatch: 第1行第1列：缺少必填字段\n\tlocale: 第1行第9列：未知的语言区域\"fr\"；内置的有：en、zh-CN"},
		{"an error wrapped by the host",
			func() error {
				return fmt.Errorf("agent li.na, screening 2: %w", scoreErr(mood.GAD7, 0, 0, 4, 0, 0, 0, 0)())
			},
			"agent li.na, screening 2: answers[2]: 4 is outside 0..3, the scale of GAD-7 item 3",
			"agent li.na, screening 2: answers[2]: 4超出0..3的范围（GAD-7第3题的分值范围）"},
		{"errors joined by the host",
			func() error {
				return errors.Join(errors.New("first:"), scoreErr("bdi")(), callfloor.Required("x", "English detail"))
			},
			"first:\ninstrument: unknown instrument \"bdi\"; allowed: phq9, gad7, who5, k10, cbi\nx: is required: English detail",
			"first:\ninstrument: 未知的量表\"bdi\"；可用：phq9、gad7、who5、k10、cbi\nx: is required: English detail"},
		{"several input errors at once",
			func() error {
				return callfloor.InputErrors{msgerr.Required(nil, "a", nil), msgerr.Duplicate(nil, "b", "x", "c"), msgerr.OutOfRange(nil, "d", 9, 1, 5, msg.MoodInputCheckInScale{})}
			},
			"3 input errors\n\ta: is required\n\tb: \"x\" duplicates c\n\td: 9 is outside 1..5, the check-in scale",
			"3个输入错误\n\ta: 为必填项\n\tb: \"x\"与c重复\n\td: 9超出1..5的范围（情绪打卡量表）"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.err()
			require.Error(t, err)
			before := err.Error()
			en, zh := locale(t, "en").Localize(err), locale(t, "zh-CN").Localize(err)
			assert.Equal(t, c.en, en.Error())
			assert.Equal(t, c.zh, zh.Error())
			assert.Equal(t, before, err.Error(), "the original error is unchanged")
			assert.Equal(t, en.Error(), locale(t, "en").Localize(zh).Error(), "zh-CN to en is en")
			assert.Equal(t, zh.Error(), locale(t, "zh-CN").Localize(en).Error(), "en to zh-CN is zh-CN")
			var ie *callfloor.InputError
			if errors.As(err, &ie) {
				var got *callfloor.InputError
				require.True(t, errors.As(zh, &got), "errors.As finds the reworded InputError")
				assert.Equal(t, ie.Field, got.Field)
				assert.Equal(t, ie.Kind, got.Kind)
				assert.Equal(t, ie.MessageID, got.MessageID)
				assert.Equal(t, ie.Args, got.Args)
				assert.NotSame(t, ie, got)
			}
		})
	}
}

// TestLocalizeChinesePolicyToEnglish: the problems of a zh-CN policy
// worded in English read as those of the same policy in English, and
// back, parts worded from other messages (what a node holds, the policy's
// kind, what an id names) included.
func TestLocalizeChinesePolicyToEnglish(t *testing.T) {
	cases := []struct {
		name, body, path, en, zh string
		args                     map[string]any
	}{
		{"unknown field", "version: v1\nunknown_field: 1\n", "unknown_field",
			"line 3, column 1: unknown field; allowed: ", "第3行第1列：未知字段；可用的字段：", nil},
		{"what a node holds", "version: v1\nroles: 3\n", "roles",
			"line 3, column 8: expected a mapping, got the whole number 3", "第3行第8列：应为映射（字段与取值），实为整数3",
			map[string]any{"Got": map[string]any{"message": "policy.node.int", "args": map[string]any{"Value": "3"}}}},
		{"the policy's kind", "version: v1\nkind: qa\n", "kind",
			`line 3, column 7: this is a mood policy; kind "qa" names another package`, `第3行第7列：这是情绪管理策略；kind值"qa"指的是另一个包`,
			map[string]any{"AKind": map[string]any{"message": "policy.a_kind.mood"}, "Got": `"qa"`}},
		{"what an id names", "version: v1\ndeclarations: {crisis: {by: [Team Lead]}}\n", "declarations.crisis.by[0]",
			`line 3, column 30: role "Team Lead" must be lower_snake_case (a-z, 0-9, _)`, `第3行第30列：角色"Team Lead"须为小写加下划线的标识符（a-z、0-9、_）`,
			map[string]any{"What": map[string]any{"message": "mood.what.role"}, "Value": `"Team Lead"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, zhErr := mood.ParsePolicy([]byte("locale: zh-CN\n" + c.body))
			_, enErr := mood.ParsePolicy([]byte("locale: en\n" + c.body))
			require.Error(t, zhErr)
			require.Error(t, enErr)
			assert.NotEqual(t, enErr.Error(), zhErr.Error())
			assert.Contains(t, enErr.Error(), "\n\t"+c.path+": "+c.en)
			assert.Contains(t, zhErr.Error(), "\n\t"+c.path+": "+c.zh)
			got := locale(t, "en").Localize(zhErr)
			assert.Equal(t, enErr.Error(), got.Error())
			var pe *callfloor.PolicyError
			require.True(t, errors.As(got, &pe))
			assert.Equal(t, "", pe.Locale)
			assert.Equal(t, enErr, got)
			assert.Equal(t, zhErr, locale(t, "zh-CN").Localize(enErr))
			if c.args != nil {
				for _, p := range pe.Problems {
					if p.Path == c.path {
						assert.Equal(t, c.args, p.Args)
					}
				}
			}
		})
	}
}

// TestLocalizeKeepsWrappers: errors.Is and errors.As still find the
// wrapper, the sentinels it wraps, and the reworded error.
func TestLocalizeKeepsWrappers(t *testing.T) {
	_, inner := mood.Score("bdi", nil)
	wrapped := &wrapper{fmt.Errorf("batch %d: %w", 3, errors.Join(mood.ErrZeroPolicy, inner))}
	got := locale(t, "zh-CN").Localize(wrapped)
	assert.Equal(t, "job: batch 3: "+mood.ErrZeroPolicy.Error()+"\ninstrument: 未知的量表\"bdi\"；可用：phq9、gad7、who5、k10、cbi", got.Error())
	assert.ErrorIs(t, got, mood.ErrZeroPolicy)
	var w *wrapper
	require.True(t, errors.As(got, &w))
	assert.Same(t, wrapped, w)
	var ie *callfloor.InputError
	require.True(t, errors.As(got, &ie))
	assert.Equal(t, `未知的量表"bdi"；可用：phq9、gad7、who5、k10、cbi`, ie.Msg)

	for _, err := range []error{nil, mood.ErrZeroPolicy, fmt.Errorf("x: %w", mood.ErrZeroPolicy), (*callfloor.InputError)(nil), (*callfloor.PolicyError)(nil)} {
		assert.Equal(t, err, locale(t, "zh-CN").Localize(err), "%v is kept as it is", err)
	}
}

type wrapper struct{ err error }

func (w *wrapper) Error() string { return "job: " + w.err.Error() }
func (w *wrapper) Unwrap() error { return w.err }

// TestLookupLocale: the bundled locales, and an unknown one named with
// them; the zero Locale is English.
func TestLookupLocale(t *testing.T) {
	assert.Equal(t, []string{"en", "zh-CN"}, callfloor.Locales())
	for _, tag := range []string{"fr", "", "zh", "EN", "../en"} {
		_, err := callfloor.LookupLocale(tag)
		assert.EqualError(t, err, fmt.Sprintf("unknown locale %q; bundled: en, zh-CN", tag))
		assert.ErrorIs(t, err, msg.ErrUnknownLocale)
	}
	assert.Equal(t, "zh-CN", locale(t, "zh-CN").String())
	var zero callfloor.Locale
	assert.Equal(t, "en", zero.String())
	_, err := mood.Score("bdi", nil)
	assert.Equal(t, locale(t, "en").Localize(err), zero.Localize(err))
}

// FuzzLocalize: errors built from fuzzed policies and answers, worded in
// every bundled locale, never panic; wording an error again in the locale
// it is in gives the same text, and wording it in a locale and back gives
// the first wording.
func FuzzLocalize(f *testing.F) {
	f.Add([]byte("locale: zh-CN\nversion: v1\n"), "gad7", []byte{0, 0, 4}, int64(0))
	f.Add([]byte("locale: en\nversion: v1\ntiers: 3\n"), "phq9", []byte{}, int64(1))
	f.Add([]byte("locale: fr\n"), "bdi", []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, int64(-1))
	f.Add([]byte("version: [v1\n"), "cbi", []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9}, int64(time.Hour+500*time.Millisecond))
	f.Add([]byte("locale: zh-CN\nkind: qa\n"), "who5", []byte{5, 5, 5, 5, 5, 5}, int64(-90*time.Minute))
	f.Add([]byte("locale: zh-CN\n"), "phq9", []byte{1}, int64(-3*time.Hour-7))
	f.Add([]byte("locale: en\n"), "gad7", []byte{2, 0}, int64(48*time.Hour))
	f.Add([]byte("locale: zh-CN\n"), "reschedule", []byte{1}, int64(time.Hour))
	f.Add([]byte("locale: en\n"), "answer_on_the_spot", []byte{}, int64(2*time.Hour+time.Second))
	f.Add([]byte("locale: zh-CN\n"), "cancel", []byte{3, 4}, int64(-time.Minute))
	f.Add([]byte("locale: en\n"), "complete", []byte{0, 9}, int64(time.Nanosecond))
	tags := callfloor.Locales()
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.FixedZone("", 8*3600))
	f.Fuzz(func(t *testing.T, src []byte, inst string, raw []byte, offset int64) {
		// times: a mood assessment and a coaching event at a fuzzed
		// distance from an as-of time, in a locale the bytes choose
		tag := tags[len(raw)%len(tags)]
		at := t0.Add(time.Duration(offset))
		a := mood.Assessment{Agent: "a1", At: t0, CheckIns: []mood.CheckIn{{At: at, Mood: 3}}}
		if len(raw) > 0 && raw[0]%2 == 1 {
			a = mood.Assessment{Agent: "a1", At: t0,
				Declarations:   []mood.Declaration{{Kind: mood.DeclarationCrisis, By: "wu", Role: "crisis_owner", At: at, Why: "x"}},
				CrisisClosures: []mood.CrisisClosure{{By: "li", At: t0.Add(-time.Nanosecond), Why: "x"}}}
		}
		mp, err := mood.DefaultPolicyFor(tag)
		if err != nil {
			t.Fatal(err)
		}
		_, triageErr := mp.Triage(a)
		cp, err := coaching.DefaultPolicyFor(tag)
		if err != nil {
			t.Fatal(err)
		}
		var eventErr error
		if c, err := cp.Open(coaching.PerformanceReview, "agent-17", t0); err == nil {
			_, eventErr = cp.Apply(c, coaching.Event{ID: "e1", Case: c.ID, Type: coaching.EventType(inst), Step: "analyze_scores", At: at, Due: at.Add(-time.Hour), By: "lead"})
		}
		answers := make([]int, len(raw))
		for i, b := range raw {
			answers[i] = int(b)
		}
		_, scoreErr := mood.Score(mood.Instrument(inst), answers)
		_, policyErr := mood.ParsePolicy(src)
		var tier mood.Tier
		enumErr := json.Unmarshal(append(append([]byte{'"'}, raw...), '"'), &tier)
		for i, err := range []error{scoreErr, policyErr, enumErr, errors.Join(scoreErr, policyErr), triageErr, eventErr} {
			if err == nil {
				continue
			}
			before := err.Error()
			from := "en"
			var pe *callfloor.PolicyError
			if errors.As(err, &pe) && pe.Locale != "" {
				from = pe.Locale
			}
			if i >= 4 {
				from = tag
			}
			if i != 3 {
				if got := locale(t, from).Localize(err).Error(); got != before {
					t.Fatalf("worded again in %s:\n%s\nwas\n%s", from, got, before)
				}
			}
			for _, a := range tags {
				there := locale(t, a).Localize(err)
				for _, b := range tags {
					want := locale(t, b).Localize(err).Error()
					if got := locale(t, b).Localize(there).Error(); got != want {
						t.Fatalf("to %s, then to %s:\n%s\nwant\n%s", a, b, got, want)
					}
				}
			}
			if err.Error() != before {
				t.Fatal("Localize changed the error it was given")
			}
		}
	})
}

// An input error of a Chinese policy whose sentence names something the
// catalogs word (a declaration kind, the crisis owner's role, a cadence)
// is worded in English as the English policy words it, and back: no part
// keeps the first language.
func TestLocalizeNamedParts(t *testing.T) {
	en, err := callfloor.LookupLocale("en")
	require.NoError(t, err)
	zh, err := callfloor.LookupLocale("zh-CN")
	require.NoError(t, err)
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	declared := func(kind mood.DeclarationKind, tier mood.Tier) mood.Assessment {
		return mood.Assessment{Agent: "a1", At: at, Declarations: []mood.Declaration{
			{Kind: kind, Tier: tier, By: "li", Role: "team_lead", At: at.Add(-time.Hour), Why: "x"}}}
	}
	closed := mood.Assessment{Agent: "a1", At: at,
		Declarations:   []mood.Declaration{{Kind: mood.DeclarationCrisis, By: "wu", Role: "crisis_owner", At: at.Add(-2 * time.Hour), Why: "x"}},
		CrisisClosures: []mood.CrisisClosure{{By: "li", Role: "team_lead", At: at.Add(-time.Hour), Why: "x"}}}
	tests := []struct {
		name   string
		a      mood.Assessment
		en, zh string
	}{
		{"a declaration kind", declared(mood.DeclarationCrisis, 0),
			`assessment.declarations[0].role: role "team_lead" may not declare a crisis; allowed: counselor, crisis_owner`,
			`assessment.declarations[0].role: 角色"team_lead"不能作出危机认定；可以认定的角色：counselor、crisis_owner`},
		{"the crisis owner's role", closed,
			`assessment.crisis_closures[0].role: role "team_lead" may not close a crisis; only the crisis owner, crisis_owner, does`, `assessment.crisis_closures[0].role: 角色"team_lead"不能解除危机；只有危机负责人可以解除`},
	}
	enPol, zhPol := mood.DefaultPolicy(), mustMood(t, "zh-CN")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errEn := enPol.Triage(tc.a)
			_, errZh := zhPol.Triage(tc.a)
			require.Error(t, errEn)
			require.Error(t, errZh)
			if tc.en != "" {
				require.EqualError(t, errEn, tc.en)
				require.EqualError(t, errZh, tc.zh)
			}
			require.Equal(t, errEn.Error(), en.Localize(errZh).Error())
			require.Equal(t, errZh.Error(), zh.Localize(errEn).Error())
		})
	}
}

func mustMood(t *testing.T, tag string) *mood.Policy {
	t.Helper()
	p, err := mood.DefaultPolicyFor(tag)
	require.NoError(t, err)
	return p
}

// TestLocalizeTimes: an error whose sentence names times or parts worded
// from other messages (an event type after its article, the event before,
// a deadline) reads, worded in English from a zh-CN policy's error, as
// the English policy's error, and back, times included: each locale
// writes them its own way.
func TestLocalizeTimes(t *testing.T) {
	en, zh := locale(t, "en"), locale(t, "zh-CN")
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	coach := func(ev func(c coaching.Case) coaching.Event) func(tag string) error {
		return func(tag string) error {
			p, err := coaching.DefaultPolicyFor(tag)
			require.NoError(t, err)
			c, err := p.Open(coaching.PerformanceReview, "agent-17", t0)
			require.NoError(t, err)
			c, err = p.Apply(c, coaching.Event{ID: "e1", Case: c.ID, Type: coaching.EventComplete, Step: "analyze_scores", Role: "team_lead", At: t0.Add(time.Hour), By: "lead",
				Records: []coaching.Record{{Name: "score_analysis", Value: "x"}}})
			require.NoError(t, err)
			_, err = p.Apply(c, ev(c))
			return err
		}
	}
	triage := func(a mood.Assessment) func(tag string) error {
		return func(tag string) error {
			_, err := mustMood(t, tag).Triage(a)
			return err
		}
	}
	crisisAt := time.Date(2026, 11, 2, 7, 0, 0, 500_000_000, time.FixedZone("", 8*3600))
	asOf := crisisAt.Add(2 * time.Hour)
	tests := []struct {
		name   string
		err    func(tag string) error
		en, zh string
	}{
		{"a coaching event before the case's last event", coach(func(c coaching.Case) coaching.Event {
			return coaching.Event{ID: "e2", Case: c.ID, Type: coaching.EventCancel, Reason: "r", At: t0, By: "lead"}
		}),
			`event.at: 2026-03-02T09:00:00Z is before the case's last event at 2026-03-02T10:00:00Z; events must not go back in time`,
			`event.at: 2026年3月2日 09:00:00 Z早于案件最后一个事件的时间2026年3月2日 10:00:00 Z；事件的时间不能倒退`},
		{"a coaching event that names no step, after its article", coach(func(c coaching.Case) coaching.Event {
			return coaching.Event{ID: "e2", Case: c.ID, Type: coaching.EventComplete, At: t0.Add(2 * time.Hour), By: "lead"}
		}),
			`event.step: a complete event names a step; expected: complete "make_interview_form" (or reschedule a step, or cancel)`,
			`event.step: complete事件须指明步骤；应当：complete "make_interview_form"（或改期某个步骤，或cancel）`},
		{"an event type that takes \"an\"", coach(func(c coaching.Case) coaching.Event {
			return coaching.Event{ID: "e2", Case: c.ID, Type: coaching.EventAnswerOnTheSpot, At: t0.Add(2 * time.Hour), By: "lead", Due: t0.Add(48 * time.Hour)}
		}),
			`event.due: an answer_on_the_spot event sets no deadline; only a reschedule does`,
			`event.due: answer_on_the_spot事件不设期限；只有改期才设期限`},
		{"a record a step does not keep, with what it records", coach(func(c coaching.Case) coaching.Event {
			return coaching.Event{ID: "e2", Case: c.ID, Type: coaching.EventComplete, Step: "make_interview_form", Role: "team_lead", At: t0.Add(2 * time.Hour), By: "lead",
				Records: []coaching.Record{{Name: "gossip", Value: "x"}}}
		}),
			`event.records[0]: step "make_interview_form" does not keep record "gossip"; it records interview_form`,
			`event.records[0]: 步骤"make_interview_form"不保存记录"gossip"；它记录：interview_form`},
		{"a coaching deadline before its event", coach(func(c coaching.Case) coaching.Event {
			return coaching.Event{ID: "e2", Case: c.ID, Type: coaching.EventReschedule, Step: "make_interview_form", At: t0.Add(2 * time.Hour), By: "lead", Due: t0}
		}),
			`event.due: the new deadline 2026-03-02T09:00:00Z must be later than the event at 2026-03-02T11:00:00Z`,
			`event.due: 新期限2026年3月2日 09:00:00 Z须晚于事件时间2026年3月2日 11:00:00 Z`},
		{"a qa dispute raised after its window", func(tag string) error {
			p, err := qa.DefaultPolicyFor(tag)
			require.NoError(t, err)
			sc, ok := p.Scorecard("inbound_service")
			require.True(t, ok)
			ev := qa.Evaluation{ID: "ev-1", Agent: "li.na", Evaluator: "qa.zhou", Source: qa.QA, Scorecard: sc.ID(), At: t0}
			for _, it := range sc.Items() {
				ev.Answers = append(ev.Answers, qa.Answer{Item: it.ID, Value: float64(it.Max)})
			}
			_, err = p.OpenDispute(ev, qa.DisputeEvent{ID: "r1", Type: qa.EventRaise, At: t0.Add(p.DisputeWindow() + time.Second), By: "li.na",
				Items: []qa.DisputeItemEvent{{Item: sc.Items()[0].ID, Reason: "noise"}}})
			return err
		},
			`event.at: 2026-03-16T09:00:01Z is after the dispute window closed at 2026-03-16T09:00:00Z (14 days after the evaluation)`,
			`event.at: 2026年3月16日 09:00:01 Z晚于申诉期截止时间2026年3月16日 09:00:00 Z（质检后14天）`},
		{"a mood closure of a declared crisis that names no role", triage(mood.Assessment{Agent: "a1", At: asOf,
			Declarations:   []mood.Declaration{{Kind: mood.DeclarationCrisis, By: "wu", Role: "crisis_owner", At: crisisAt, Why: "x"}},
			CrisisClosures: []mood.CrisisClosure{{By: "li", At: crisisAt.Add(time.Hour), Why: "x"}}}),
			`assessment.crisis_closures[0].role: is required: the closure ends the crisis declared on 2026-11-02T07:00:00.5+08:00, which only the crisis owner, crisis_owner, may close`,
			`assessment.crisis_closures[0].role: 为必填项：该记录解除的是2026年11月2日 07:00:00.5 +08:00认定的心理危机，只有危机负责人可以解除`},
		{"a mood check-in after the assessment time, to the nanosecond", triage(mood.Assessment{Agent: "a1", At: asOf,
			CheckIns: []mood.CheckIn{{At: asOf.Add(time.Nanosecond), Mood: 3}}}),
			`assessment.check_ins[0].at: 2026-11-02T09:00:00.500000001+08:00 is after the assessment time 2026-11-02T09:00:00.5+08:00`,
			`assessment.check_ins[0].at: 2026-11-02T09:00:00.500000001+08:00：晚于评估时间2026年11月2日 09:00:00.5 +08:00`},
		{"an incentives period that ends before it starts", func(tag string) error {
			p, err := incentives.DefaultPolicyFor(tag)
			require.NoError(t, err)
			march := incentives.MonthOf(t0)
			_, err = p.Evaluate(incentives.Period{Period: callfloor.Period{ID: "x", Start: march.End, End: march.Start}, Cadence: incentives.Monthly}, nil)
			return err
		},
			`period.end: 2026-03-01T00:00:00Z is not after the start 2026-04-01T00:00:00Z`,
			`period.end: 2026年3月1日 00:00:00 Z不晚于开始时间2026年4月1日 00:00:00 Z`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errEn, errZh := tc.err("en"), tc.err("zh-CN")
			require.Error(t, errEn)
			require.Error(t, errZh)
			assert.Equal(t, tc.en, errEn.Error())
			assert.Equal(t, tc.zh, errZh.Error())
			assert.Equal(t, errEn.Error(), en.Localize(errZh).Error(), "zh-CN to en")
			assert.Equal(t, errZh.Error(), zh.Localize(errEn).Error(), "en to zh-CN")
		})
	}
}
