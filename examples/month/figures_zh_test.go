package main

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// figure is a number as a sentence writes it: digits, with grouping
// commas and a decimal point.
var figure = regexp.MustCompile(`\d+(?:,\d{3})*(?:\.\d+)?`)

// identifier is a name written with letters, digits and "_", as a metric
// name (answered_in_3_rings): its digits are no figure.
var identifier = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)

// figuresOf gives the values of the figures of s, sorted: "01" and "1",
// "1,000.00" and "1000", are one value written two ways.
func figuresOf(s string) []float64 {
	var fs []float64
	for _, f := range figure.FindAllString(identifier.ReplaceAllString(s, " "), -1) {
		v, err := strconv.ParseFloat(strings.ReplaceAll(f, ",", ""), 64)
		if err != nil {
			panic(err)
		}
		fs = append(fs, v)
	}
	sort.Float64s(fs)
	return fs
}

// Every sentence of the Chinese month has its figures: each text of the
// Chinese report's JSON writes the same numbers (amounts, scores, counts,
// dates, times) as the English text at the same place, neither fewer
// nor more, whatever the words around them.
func TestChineseSentencesHaveTheirFigures(t *testing.T) {
	en, zh := jsonTree(t, shippedIn(t, "en")), jsonTree(t, shippedIn(t, "zh-CN"))
	var texts int
	var diffs []string
	var walk func(a, b any, path, key string)
	walk = func(a, b any, path, key string) {
		switch a := a.(type) {
		case map[string]any:
			bm, _ := b.(map[string]any)
			for k, x := range a {
				walk(x, bm[k], path+"."+k, k)
			}
		case []any:
			bs, _ := b.([]any)
			for i, x := range a {
				if i < len(bs) {
					walk(x, bs[i], path+"[]", key)
				}
			}
		case string:
			s, _ := b.(string)
			if !textFields[key] || strings.HasPrefix(path, ".qa.disputes[].") {
				return
			}
			texts++
			if fe, fz := figuresOf(a), figuresOf(s); fmt.Sprint(fe) != fmt.Sprint(fz) {
				diffs = append(diffs, fmt.Sprintf("%s:\n    en %v: %s\n    zh %v: %s", path, fe, a, fz, s))
			}
		}
	}
	walk(en, zh, "", "")
	require.NotZero(t, texts)
	sort.Strings(diffs)
	if len(diffs) > 20 {
		diffs = append(diffs[:20], fmt.Sprintf("... and %d more", len(diffs)-20))
	}
	assert.Empty(t, diffs, "texts whose figures differ between the English and the Chinese month")
}
