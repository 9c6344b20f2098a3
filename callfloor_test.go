package callfloor

import (
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEnumsRoundTripAndRefuseUnknownNames(t *testing.T) {
	type enum interface {
		String() string
		MarshalText() ([]byte, error)
	}
	cases := []struct {
		name    string
		values  []enum
		decode  func([]byte) (enum, error)
		unknown string
		bad     enum
		badText string
	}{
		{"outcome", []enum{Fired, Held, Suppressed, NotEvaluated, Stale, NotMet},
			func(b []byte) (enum, error) { var o Outcome; err := o.UnmarshalText(b); return o, err },
			`unknown outcome "fire"; allowed: fired, held, suppressed, not_evaluated, stale, not_met`, Outcome(0), "outcome(0)"},
		{"setting", []enum{NoSetting, OneToOne, Group},
			func(b []byte) (enum, error) { var s Setting; err := s.UnmarshalText(b); return s, err },
			`unknown setting "fire"; allowed: none, one_to_one, group`, Setting(9), "setting(9)"},
		{"error kind", []enum{ErrRequired, ErrInvalid, ErrOutOfRange, ErrDuplicate, ErrNotSupported, ErrForbidden},
			func(b []byte) (enum, error) { var k ErrorKind; err := k.UnmarshalText(b); return k, err },
			`unknown error kind "fire"; allowed: required, invalid, out_of_range, duplicate, not_supported, forbidden`, ErrorKind(0), "error kind(0)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, v := range c.values {
				b, err := v.MarshalText()
				require.NoError(t, err)
				assert.Equal(t, v.String(), string(b))
				back, err := c.decode(b)
				require.NoError(t, err)
				assert.Equal(t, v, back)
			}
			_, err := c.decode([]byte("fire"))
			assert.EqualError(t, err, c.unknown)
			_, err = c.decode(nil)
			assert.Error(t, err, "the empty name is no value")
			assert.Equal(t, c.badText, c.bad.String())
			_, err = c.bad.MarshalText()
			assert.Error(t, err, "a value outside the enumeration never reaches JSON")
		})
	}
}

func TestReasonJSON(t *testing.T) {
	r := Reason{Rule: "rewards.tiers.gold", Outcome: Fired, Text: "gold of service_star (qa_avg=96.5)",
		Facts: []Fact{{Name: "qa_avg", Value: 96.5}}}
	b, err := json.Marshal(r)
	require.NoError(t, err)
	assert.Equal(t, `{"rule":"rewards.tiers.gold","outcome":"fired","text":"gold of service_star (qa_avg=96.5)","facts":[{"name":"qa_avg","value":96.5}]}`, string(b))
	var back Reason
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, r, back)

	err = json.Unmarshal([]byte(`{"rule":"x","outcome":"exploded","text":""}`), &back)
	assert.EqualError(t, err, `unknown outcome "exploded"; allowed: fired, held, suppressed, not_evaluated, stale, not_met`)
	_, err = json.Marshal(Reason{Rule: "x"})
	assert.Error(t, err, "a reason without an outcome is not written")
}

func TestInputErrorWording(t *testing.T) {
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		err  *InputError
		kind ErrorKind
		want string
	}{
		{"required", Required("assessment.at", "triage speaks as of a time"), ErrRequired, "assessment.at: is required: triage speaks as of a time"},
		{"required without detail", Required("agents[0].team", ""), ErrRequired, "agents[0].team: is required"},
		{"invalid string", Invalid("event.type", "reopen", "is not an event of a closed case"), ErrInvalid, `event.type: "reopen" is not an event of a closed case`},
		{"invalid time", Invalid("check_ins[2].at", at, "is before check_ins[1]"), ErrInvalid, "check_ins[2].at: 2026-11-02T09:00:00Z is before check_ins[1]"},
		{"invalid float", Invalid("metrics.csat", math.NaN(), "is not a number"), ErrInvalid, "metrics.csat: NaN is not a number"},
		{"out of range", OutOfRange("answers[2]", 4, 0, 3, "the scale of GAD-7 item 3"), ErrOutOfRange, "answers[2]: 4 is outside 0..3, the scale of GAD-7 item 3"},
		{"out of range floats", OutOfRange("mean", 100.5, 0.0, 100.0, ""), ErrOutOfRange, "mean: 100.5 is outside 0..100"},
		{"duplicate", Duplicate("agents[4].id", "li.na", "agents[1]"), ErrDuplicate, `agents[4].id: "li.na" duplicates agents[1]`},
		{"not supported", NotSupported("observations[0].kind", "observation kind", "gossip", []string{"complaint", "absence"}), ErrNotSupported,
			`observations[0].kind: unknown observation kind "gossip"; allowed: complaint, absence`},
		{"not supported, nothing allowed", NotSupported("exams_passed[0]", "exam", "x", nil), ErrNotSupported,
			`exams_passed[0]: unknown exam "x"; none is allowed here`},
		{"forbidden", Forbidden("event.by", `"qa1" scored the evaluation and cannot decide its dispute`), ErrForbidden,
			`event.by: "qa1" scored the evaluation and cannot decide its dispute`},
		{"no field", &InputError{Kind: ErrInvalid, Msg: "the list is empty"}, ErrInvalid, "the list is empty"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.kind, c.err.Kind)
			assert.EqualError(t, c.err, c.want)
		})
	}
	var nilErr *InputError
	assert.Equal(t, "callfloor: nil InputError", nilErr.Error())
}

func TestInputErrorsReachEachError(t *testing.T) {
	var err error = InputErrors{Required("a", ""), Duplicate("b[1]", 2, "b[0]")}
	assert.EqualError(t, err, "2 input errors\n\ta: is required\n\tb[1]: 2 duplicates b[0]")
	var ie *InputError
	require.True(t, errors.As(err, &ie))
	assert.Equal(t, Path("a"), ie.Field)
	assert.Len(t, err.(InputErrors).Unwrap(), 2)
	assert.EqualError(t, InputErrors{Required("a", "")}, "a: is required")
	assert.EqualError(t, InputErrors{}, "no input errors")

	b, jerr := json.Marshal(Required("a", ""))
	require.NoError(t, jerr)
	assert.Equal(t, `{"field":"a","kind":"required","message":"is required"}`, string(b))
}

func TestPath(t *testing.T) {
	var root Path
	assert.Equal(t, Path("agents[3].metrics.csat"), root.Child("agents").Index(3).Child("metrics").Key("csat"))
	assert.Equal(t, Path(`metrics["First Call"]`), Path("metrics").Key("First Call"))
	assert.Equal(t, Path(`metrics["a.b"]`), Path("metrics").Key("a.b"), "a key with a dot stays one step of the path")
	assert.Equal(t, Path("tiers[0]"), Path("tiers").Index(0))
}

func TestValidID(t *testing.T) {
	for _, s := range []string{"a", "qa_avg", "tier2", "a_b_c", "z9"} {
		assert.True(t, ValidID(s), s)
	}
	for _, s := range []string{"", "A", "2tier", "_a", "qa-avg", "qa avg", "é", "a.b", "a:b", "Qa", "a\n"} {
		assert.False(t, ValidID(s), s)
	}
}

func TestPolicyError(t *testing.T) {
	e := &PolicyError{Kind: "mood policy", Problems: []Problem{
		{Path: "tiers.mild[0].setting", Line: 72, Column: 16, Msg: `unknown setting "private"; allowed: one_to_one, group`},
		{Line: 3, Msg: "did not find expected key"},
		{Msg: "is 2000000 bytes, over the limit of 1048576"},
	}}
	assert.EqualError(t, e, "mood policy: 3 problems\n"+
		"\ttiers.mild[0].setting: line 72, column 16: unknown setting \"private\"; allowed: one_to_one, group\n"+
		"\tline 3: did not find expected key\n"+
		"\tis 2000000 bytes, over the limit of 1048576")
	var p Problem
	require.True(t, errors.As(error(e), &p))
	assert.Equal(t, 72, p.Line)
	one := &PolicyError{Kind: "qa policy", Problems: e.Problems[:1]}
	assert.Contains(t, one.Error(), "qa policy: 1 problem\n")

	many := &PolicyError{Kind: "qa policy"}
	for i := 0; i < MaxProblems+5; i++ {
		many.Problems = append(many.Problems, Problem{Line: i + 1, Msg: "x"})
	}
	assert.Contains(t, many.Error(), "\n\t... and 5 more")
	var nilErr *PolicyError
	assert.Equal(t, "callfloor: nil PolicyError", nilErr.Error())
	assert.Nil(t, nilErr.Unwrap())
}

func TestIdentity(t *testing.T) {
	id := Identity{Version: "mood-default-1", Hash: "859df48432db"}
	assert.Equal(t, "mood-default-1@859df48432db", id.String())
	assert.False(t, id.IsZero())
	assert.True(t, Identity{}.IsZero())
}

func TestDuration(t *testing.T) {
	cases := []struct {
		in   string
		want time.Duration
		text string
	}{
		{"36h", 36 * time.Hour, "36h"},
		{"14d", 14 * 24 * time.Hour, "336h"},
		{"1h30m", 90 * time.Minute, "1h30m"},
		{"90m", 90 * time.Minute, "1h30m"},
		{"90s", 90 * time.Second, "1m30s"},
		{"1m", time.Minute, "1m"},
		{"0s", 0, "0s"},
		{"0d", 0, "0s"},
		{"1.5s", 1500 * time.Millisecond, "1.5s"},
		{"1h0m0.5s", time.Hour + 500*time.Millisecond, "1h0m0.5s"},
		{" 2h ", 2 * time.Hour, "2h"},
		{"100000d", 100000 * 24 * time.Hour, "2400000h"},
	}
	for _, c := range cases {
		var d Duration
		require.NoError(t, d.UnmarshalText([]byte(c.in)), c.in)
		assert.Equal(t, c.want, d.Std(), c.in)
		assert.Equal(t, c.text, d.String(), c.in)
		var back Duration
		require.NoError(t, back.UnmarshalText([]byte(d.String())))
		assert.Equal(t, d, back, "%s reads back", d)
	}
	b, err := json.Marshal(struct {
		Window Duration `json:"window"`
	}{Duration(36 * time.Hour)})
	require.NoError(t, err)
	assert.Equal(t, `{"window":"36h"}`, string(b))

	bad := []struct{ in, want string }{
		{"", `expected a duration such as "90m", "36h" or "14d", got an empty string`},
		{"-1h", "a duration must not be negative"},
		{"-3d", "a duration must not be negative"},
		{"100001d", "100001 days is out of range (at most 100000)"},
		{"1.5d", `expected a duration such as "90m", "36h" or "14d", got "1.5d"`},
		{"soon", `expected a duration such as "90m", "36h" or "14d", got "soon"`},
		{"3 days", `expected a duration such as "90m", "36h" or "14d", got "3 days"`},
	}
	for _, c := range bad {
		var d Duration
		assert.EqualError(t, d.UnmarshalText([]byte(c.in)), c.want, c.in)
	}
}

func TestPeriodContains(t *testing.T) {
	start := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	p := Period{ID: "2026-10", Start: start, End: start.AddDate(0, 1, 0)}
	assert.True(t, p.Contains(start), "the first instant")
	assert.True(t, p.Contains(p.End.Add(-1)), "the last nanosecond")
	assert.False(t, p.Contains(p.End), "the end is the next period's")
	assert.False(t, p.Contains(start.Add(-1)))
}

func FuzzDurationText(f *testing.F) {
	for _, s := range []string{"36h", "14d", "1h30m", "-1h", "", "100001d", "9999999999999h", "1.5d", "0d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var d Duration
		if err := d.UnmarshalText([]byte(s)); err != nil {
			return
		}
		if d < 0 {
			t.Fatalf("%q read as negative %v", s, d)
		}
		var back Duration
		if err := back.UnmarshalText([]byte(d.String())); err != nil || back != d {
			t.Fatalf("%q: %v wrote %q, read back %v, %v", s, d, d.String(), back, err)
		}
	})
}

func FuzzEnumText(f *testing.F) {
	for _, s := range []string{"fired", "one_to_one", "required", "", "none", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var o Outcome
		if o.UnmarshalText([]byte(s)) == nil {
			if b, err := o.MarshalText(); err != nil || string(b) != s {
				t.Fatalf("outcome %q wrote %q, %v", s, b, err)
			}
		}
		var st Setting
		if st.UnmarshalText([]byte(s)) == nil {
			if b, err := st.MarshalText(); err != nil || string(b) != s {
				t.Fatalf("setting %q wrote %q, %v", s, b, err)
			}
		}
		var k ErrorKind
		if k.UnmarshalText([]byte(s)) == nil {
			if b, err := k.MarshalText(); err != nil || string(b) != s {
				t.Fatalf("error kind %q wrote %q, %v", s, b, err)
			}
		}
	})
}
