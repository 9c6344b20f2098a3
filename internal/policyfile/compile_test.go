package policyfile

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type compiled struct{ tiers int }

func compileTest(d *Doc, p *testPolicy) *compiled {
	validate(d, p)
	return &compiled{tiers: len(p.Tiers)}
}

func parseTest(src []byte) (*compiled, error) {
	raw := testPolicy{Currency: "CNY"} // a default the source may override
	c, err := Compile("test policy", src, &raw, compileTest)
	if err != nil {
		return nil, err
	}
	if raw.Currency != "CNY" {
		c.tiers = -1
	}
	return c, nil
}

func TestCompile(t *testing.T) {
	c, err := parseTest([]byte("version: 1\nmetrics: [qa_avg]\ntiers: [{id: a, min: 1, max: 2}]\n"))
	require.NoError(t, err)
	assert.Equal(t, 1, c.tiers)

	c, err = parseTest([]byte("version: 1\ncurrency: EUR\n"))
	require.NoError(t, err)
	assert.Equal(t, -1, c.tiers, "the source overrides the raw default")

	_, err = parseTest([]byte("version: 1\ntiers: [{id: a, min: 3, max: 2}]\n"))
	assert.EqualError(t, err, "test policy: 1 problem\n\ttiers[0].min: line 2, column 22: 3 is above max 2")

	_, err = parseTest([]byte("{"))
	assert.EqualError(t, err, "test policy: 1 problem\n\tline 1: YAML syntax: did not find expected node content", "compile is not called on an undecodable source")
}

func TestDefault(t *testing.T) {
	calls := 0
	parse := func(src []byte) (*compiled, error) {
		calls++
		return parseTest(src)
	}
	get := Default("test", parse, []byte("version: 1\n"))
	a, b := get(), get()
	assert.Same(t, a, b)
	assert.Equal(t, 1, calls, "parsed once")

	bad := Default("test", parseTest, []byte("version: [1]\n"))
	assert.PanicsWithValue(t, "test: the embedded default.yaml does not compile: test policy: 1 problem\n\tversion: line 1, column 10: expected a string, got a list", func() { bad() })
}
