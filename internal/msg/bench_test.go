package msg

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestPlural(t *testing.T) {
	en, zh := English(), mustLookup(t, "zh-CN")
	require.Equal(t, "1 input error", InputErrors{N: 1}.String(en))
	require.Equal(t, "2 input errors", InputErrors{N: 2}.String(en))
	require.Equal(t, "1001 input errors", InputErrors{N: 1001}.String(en))
	require.Equal(t, "1个输入错误", InputErrors{N: 1}.String(zh))
	require.Equal(t, "mood policy: 1 problem", PolicyProblems{Kind: PolicyKindMood{}, N: 1}.String(en))
	require.Equal(t, "情绪管理策略：3个问题", PolicyProblems{Kind: PolicyKindMood{}, N: 3}.String(zh))
	require.Equal(t, "策略：3个问题", PolicyProblems{Kind: PolicyKindGeneric{Kind: "策略"}, N: 3}.String(zh))
	require.Equal(t, map[string]any{"Kind": map[string]any{"message": "policy.kind.mood"}, "N": 3}, PolicyProblems{Kind: PolicyKindMood{}, N: 3}.Args())
	require.Equal(t, "policy.problems", PolicyProblems{}.ID())
}

// TestStampArguments: a generated struct writes its Stamp and StampNano
// arguments in the locale it is rendered in, and Args gives the times
// themselves.
func TestStampArguments(t *testing.T) {
	en, zh := English(), mustLookup(t, "zh-CN")
	closed := when.Add(14 * 24 * time.Hour)
	m := QaInputAfterWindow{At: closed.Add(time.Second), Closed: closed, Window: 14 * 24 * time.Hour}
	require.Equal(t, "2026-11-16T09:05:08Z is after the dispute window closed at 2026-11-16T09:05:07Z (14 days after the evaluation)", m.String(en))
	require.Equal(t, "2026年11月16日 09:05:08 Z晚于申诉期截止时间2026年11月16日 09:05:07 Z（质检后14天）", m.String(zh))
	require.Equal(t, map[string]any{"At": closed.Add(time.Second), "Closed": closed, "Window": 14 * 24 * time.Hour}, m.Args())
	n := MoodInputAfter{AsOf: when.Add(250 * time.Millisecond)}
	require.Equal(t, "is after the assessment time 2026-11-02T09:05:07.25Z", n.String(en))
	require.Equal(t, "晚于评估时间2026年11月2日 09:05:07.25 Z", n.String(zh))
	d := CoachingInputDeadlineMismatch{Step: `"follow_up"`, Due: CoachingInputNone{}, Want: CoachingInputDeadline{Due: when}}
	require.Equal(t, `the deadline of step "follow_up" is none, but the case's history gives 2026-11-02T09:05:07Z`, d.String(en))
	require.Equal(t, `步骤"follow_up"的期限为无，但案件历史给出的是2026年11月2日 09:05:07 Z`, d.String(zh))
}

func TestAppendAllocs(t *testing.T) {
	var got Message = PolicyNodeInt{Value: "3"}
	for _, l := range []*Locale{English(), mustLookup(t, "zh-CN")} {
		buf := make([]byte, 0, 256)
		n := testing.AllocsPerRun(100, func() {
			buf = InputOutOfRangeOf{Value: "4", Lo: "0", Hi: "3", What: "the scale of GAD-7 item 3"}.Append(buf[:0], l)
			buf = PolicyExpectedList{Got: got}.Append(buf, l)
			buf = QaReasonTeamHeld{Summary: QaCountScore{N: 3}, Held: QaCountScore{N: 1}}.Append(buf, l)
			buf = InputErrors{N: 3}.Append(buf, l)
			buf = l.AppendMoney(buf, 123450)
			buf = l.AppendDate(buf, when)
			buf = l.AppendDuration(buf, 90*60e9)
			buf = l.AppendStamp(buf, when)
			buf = l.AppendStampNano(buf, when)
			buf = QaInputAfterWindow{At: when, Closed: when, Window: 90 * 60e9}.Append(buf, l)
			buf = MoodInputAfter{AsOf: when}.Append(buf, l)
		})
		require.Zero(t, n, l.Tag())
	}
}

func BenchmarkAppend(b *testing.B) {
	for _, tag := range []string{"en", "zh-CN"} {
		l := mustLookup(b, tag)
		b.Run(tag, func(b *testing.B) {
			buf := make([]byte, 0, 256)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				buf = InputOutOfRangeOf{Value: "4", Lo: "0", Hi: "3", What: "the scale of GAD-7 item 3"}.Append(buf[:0], l)
			}
		})
	}
}

func BenchmarkAppendNested(b *testing.B) {
	var got Message = PolicyNodeInt{Value: "3"}
	for _, tag := range []string{"en", "zh-CN"} {
		l := mustLookup(b, tag)
		b.Run(tag, func(b *testing.B) {
			buf := make([]byte, 0, 256)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				buf = PolicyExpectedList{Got: got}.Append(buf[:0], l)
			}
		})
	}
}

func BenchmarkAppendFormats(b *testing.B) {
	for _, tag := range []string{"en", "zh-CN"} {
		l := mustLookup(b, tag)
		b.Run(tag, func(b *testing.B) {
			buf := make([]byte, 0, 256)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				buf = l.AppendMoney(buf[:0], 123450)
				buf = l.AppendDate(buf, when)
				buf = l.AppendDateTime(buf, when)
				buf = l.AppendStamp(buf, when)
				buf = l.AppendDuration(buf, 3*24*3600e9)
				buf = l.AppendNumber(buf, 96.5)
			}
		})
	}
}
