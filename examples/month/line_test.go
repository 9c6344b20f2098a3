package main

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/callfloor/callfloor/internal/msg"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A column is as wide as a terminal shows it: a Chinese character takes
// two columns, so that Chinese columns line up as Latin ones do.
func TestColumns(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"", 0},
		{"north-03", 8},
		{"心理咨询师", 10},
		{"石沉大海风险", 12},
		{"¥1,234.50", 9},
		{"20 名坐席", 9},
		{"（一对一）", 10},
		{"组长A", 5},
	} {
		assert.Equal(t, tc.want, columns(tc.s), tc.s)
		assert.Equal(t, tc.want, columnsOf([]byte(tc.s)), tc.s)
	}
	assert.Equal(t, "组长  |", pad("组长", 6)+"|")
	assert.Equal(t, "  组长|", padLeft("组长", 6)+"|")
	assert.Equal(t, "心理咨询师|", pad("心理咨询师", 6)+"|", "a value wider than its column is not cut")
	assert.Equal(t, "north     |", pad("north", 10)+"|")
	assert.Equal(t, "    2|", padLeft("2", 5)+"|")
}

// The figures are written as fmt writes them with %.1f, %5.1f and %+.1f.
func TestAppendFixed(t *testing.T) {
	for _, v := range []float64{0, math.Copysign(0, -1), 0.05, 0.15, 0.25, -0.04, 1.25, 96.65, 100, -8.1, 12345.678, math.NaN(), math.Inf(1), math.Inf(-1)} {
		for _, prec := range []int{0, 1, 2} {
			for _, plus := range []bool{false, true} {
				for _, w := range []int{0, 5} {
					format := fmt.Sprintf("%%%d.%df", w, prec)
					if plus {
						format = fmt.Sprintf("%%+%d.%df", w, prec)
					}
					if w == 0 {
						format = strings.Replace(format, "0.", ".", 1)
					}
					var ln line
					mark := ln.fixed(v, prec, w, plus)
					ln.add([]byte(mark))
					assert.Equal(t, fmt.Sprintf(format, v), string(ln.buf), "%s of %v", format, v)
				}
			}
		}
	}
}

// A message's marks are replaced by their values, in the message's own
// order of its arguments, whatever the order the values were written in.
func TestLineMarks(t *testing.T) {
	var out bytes.Buffer
	ln := line{out: &out}
	team, agent := ln.pad("north", 8), ln.pad("组长", 6)
	ln.put("  ", []byte("["+agent+"] ["+team+"] "+team+"\x00\x09"))
	ln.begin("")
	ln.buf = append(ln.buf, "a "...)
	ln.add([]byte("b " + ln.padLeft("¥5", 4)))
	ln.buf = append(ln.buf, " c"...)
	ln.end()
	assert.Equal(t, "  [组长  ] [north   ] north   \x00\x09\n"+"a b   ¥5 c\n", out.String())
}

// In every language the statement's columns line up: the effect of each
// line ends at the same column, however wide its characters.
func TestReportColumnsLineUp(t *testing.T) {
	// A line ends with two spaces and its reasons, whose sentences hold
	// no two spaces in a row: the effect ends before the last two.
	holdLine := regexp.MustCompile(`^( {5}\S.*\S)  \S`)
	statementLine := regexp.MustCompile(`^( {9}\S.*\S)  \S`)
	for _, tag := range []string{"en", "zh-CN"} {
		text := textIn(t, shippedIn(t, tag), tag, 0)
		_, holds, ok := strings.Cut(text, map[string]string{"en": "   Held back, by guardrails", "zh-CN": "   暂扣项"}[tag])
		require.True(t, ok, tag)
		ends := map[int][]string{}
		for _, l := range strings.Split(holds, "\n")[1:] {
			if !strings.HasPrefix(l, "     ") || strings.HasPrefix(l, "     ...") || strings.HasPrefix(l, "     ……") {
				break
			}
			m := holdLine.FindStringSubmatch(l)
			require.NotNil(t, m, "%s: %q", tag, l)
			ends[columns(m[1])] = append(ends[columns(m[1])], l)
		}
		assert.Len(t, ends, 1, "%s: the held lines' effects end at columns %v", tag, ends)

		_, lines, ok := strings.Cut(text, map[string]string{"en": "   Statement lines by agent", "zh-CN": "   各坐席的结算明细"}[tag])
		require.True(t, ok, tag)
		ends = map[int][]string{}
		for _, l := range strings.Split(lines, "\n") {
			if m := statementLine.FindStringSubmatch(l); m != nil {
				ends[columns(m[1])] = append(ends[columns(m[1])], l)
			}
		}
		assert.Len(t, ends, 1, "%s: the statement lines' effects end at columns %v", tag, ends)
	}
}

// The routed actions of the Chinese report line up under the role's
// display name and the action's, two columns for each of their
// characters.
func TestChineseRoutedColumns(t *testing.T) {
	text := textIn(t, shippedIn(t, "zh-CN"), "zh-CN", 5)
	assert.Contains(t, text, "\n     心理咨询师    危机总结                        2  最早截止 11月7日 周六 18:00\n"+
		"     心理咨询师    提供心理咨询                    2  最早截止 11月7日 周六 18:00\n")
	assert.Contains(t, text, "\n     危机负责人    危机上报                        2  最早截止 10月31日 周六 19:00\n")
	assert.Contains(t, text, "\n     north-17     逾期         ")
	assert.Contains(t, text, "\n     south-09     石沉大海风险 ")
}

// Rendering writes every line through one buffer: a report costs a few
// allocations per list and per name it looks up, not several per line
// (under half an allocation per line for the shipped month).
func TestRenderAllocs(t *testing.T) {
	for _, tag := range []string{"en", "zh-CN"} {
		r := shippedIn(t, tag)
		text := textIn(t, r, tag, 0)
		lines := strings.Count(text, "\n")
		l := lookup(t, tag)
		allocs := testing.AllocsPerRun(20, func() { RenderIn(io.Discard, r, 0, l) })
		t.Logf("%s: %.0f allocations for %d lines", tag, allocs, lines)
		assert.Less(t, allocs, float64(lines)/2, tag)
	}
}

func lookup(t testing.TB, tag string) *msg.Locale {
	t.Helper()
	l, err := msg.Lookup(tag)
	require.NoError(t, err)
	return l
}

// The Chinese report of a center of 10,000 agents, as BenchmarkRender10000
// renders the English one.
func BenchmarkRender10000ZhCN(b *testing.B) {
	c, err := Generate(10000, 2026)
	if err != nil {
		b.Fatal(err)
	}
	pol, err := DefaultPoliciesFor("zh-CN")
	if err != nil {
		b.Fatal(err)
	}
	r, err := Run(c, pol, Options{})
	if err != nil {
		b.Fatal(err)
	}
	l := lookup(b, "zh-CN")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		RenderIn(io.Discard, r, 5, l)
	}
}
