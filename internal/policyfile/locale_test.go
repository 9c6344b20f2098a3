package policyfile

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
)

type localeRaw struct {
	Version string `yaml:"version,required"`
}

func TestLocaleField(t *testing.T) {
	var raw localeRaw
	d := Decode("test policy", []byte("version: v1\n"), &raw)
	require.NoError(t, d.Err())
	require.Same(t, msg.English(), d.Locale())

	d = Decode("test policy", []byte("version: v1\nlocale: zh-CN\n"), &raw)
	require.NoError(t, d.Err())
	require.Equal(t, "zh-CN", d.Locale().Tag())
	require.Equal(t, "v1", raw.Version)

	d = Decode("test policy", []byte("version: v1\nlocale: fr\n"), &raw)
	require.EqualError(t, d.Err(), "test policy: 1 problem\n\tlocale: line 2, column 9: unknown locale \"fr\"; bundled: en, zh-CN")
	require.Same(t, msg.English(), d.Locale())
}

// TestReport: a problem reported as a message is worded in the policy's
// locale, its place and summary too, and carries the message id.
func TestReport(t *testing.T) {
	var raw localeRaw
	d := Decode("test policy", []byte("locale: zh-CN\nversion: v1\n"), &raw)
	d.Report("version", msg.InputRequired{})
	d.Report("version", msg.InputRequired{})
	err := d.Err()
	require.EqualError(t, err, "test policy：1个问题\n\tversion: 第2行第10列：为必填项")
	var pe *callfloor.PolicyError
	require.True(t, errors.As(err, &pe))
	require.Equal(t, "zh-CN", pe.Locale)
	require.Equal(t, "input.required", pe.Problems[0].MessageID)

	d = Decode("test policy", []byte("version: v1\n"), &raw)
	d.Report("version", msg.InputRequired{})
	require.EqualError(t, d.Err(), "test policy: 1 problem\n\tversion: line 1, column 10: is required")
}
