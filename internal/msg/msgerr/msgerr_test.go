package msgerr

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
)

func TestWording(t *testing.T) {
	zh, err := msg.Lookup("zh-CN")
	require.NoError(t, err)
	for _, l := range []*msg.Locale{nil, msg.English(), zh} {
		e := Duplicate(l, "agents[4].id", "li.na", "agents[1]")
		require.Equal(t, "input.duplicate", e.MessageID)
		require.Equal(t, map[string]any{"Value": `"li.na"`, "Other": "agents[1]"}, e.Args)
		require.Equal(t, callfloor.ErrDuplicate, e.Kind)
		e = Required(l, "assessment.at", nil)
		require.Equal(t, callfloor.ErrRequired, e.Kind)
	}
	require.Equal(t, `agents[4].id: "li.na" duplicates agents[1]`, Duplicate(nil, "agents[4].id", "li.na", "agents[1]").Error())
	require.Equal(t, `agents[4].id: "li.na"与agents[1]重复`, Duplicate(zh, "agents[4].id", "li.na", "agents[1]").Error())
	require.Equal(t, `answers[2]: 4超出0..3的范围`, OutOfRange(zh, "answers[2]", 4, 0, 3, nil).Error())
	require.Equal(t, `assessment.at: 为必填项`, Required(zh, "assessment.at", nil).Error())
}

// TestEveryConstructor: each constructor words its kind of mistake in
// English and in Chinese, exactly, with the detail message's id and
// arguments; several errors are introduced in their locale.
func TestEveryConstructor(t *testing.T) {
	zh, err := msg.Lookup("zh-CN")
	require.NoError(t, err)
	why := msg.PolicyDurationNegative{}
	what := msg.PolicyNodeList{}
	tests := []struct {
		name   string
		build  func(l *msg.Locale) *callfloor.InputError
		kind   callfloor.ErrorKind
		id     string
		en, zh string
	}{
		{"Required", func(l *msg.Locale) *callfloor.InputError { return Required(l, "case.at", nil) },
			callfloor.ErrRequired, "input.required", "case.at: is required", "case.at: 为必填项"},
		{"Required because", func(l *msg.Locale) *callfloor.InputError { return Required(l, "case.at", why) },
			callfloor.ErrRequired, "policy.duration.negative", "case.at: is required: a duration must not be negative", "case.at: 为必填项：时长不能为负"},
		{"Invalid", func(l *msg.Locale) *callfloor.InputError { return Invalid(l, "window", "-3d", why) },
			callfloor.ErrInvalid, "policy.duration.negative", `window: "-3d" a duration must not be negative`, `window: "-3d"：时长不能为负`},
		{"OutOfRange", func(l *msg.Locale) *callfloor.InputError { return OutOfRange(l, "answers[2]", 4, 0, 3, nil) },
			callfloor.ErrOutOfRange, "input.out_of_range", "answers[2]: 4 is outside 0..3", "answers[2]: 4超出0..3的范围"},
		{"OutOfRange of", func(l *msg.Locale) *callfloor.InputError { return OutOfRange(l, "answers[2]", 4, 0, 3, what) },
			callfloor.ErrOutOfRange, "policy.node.list", "answers[2]: 4 is outside 0..3, a list", "answers[2]: 4超出0..3的范围（列表）"},
		{"Duplicate", func(l *msg.Locale) *callfloor.InputError { return Duplicate(l, "agents[4].id", "li.na", "agents[1]") },
			callfloor.ErrDuplicate, "input.duplicate", `agents[4].id: "li.na" duplicates agents[1]`, `agents[4].id: "li.na"与agents[1]重复`},
		{"NotSupported", func(l *msg.Locale) *callfloor.InputError {
			return NotSupported(l, "kind", what, "gossip", []string{"complaint", "absence"})
		}, callfloor.ErrNotSupported, "policy.node.list", `kind: unknown a list "gossip"; allowed: complaint, absence`, `kind: 未知的列表"gossip"；可用：complaint、absence`},
		{"NotSupported, none allowed", func(l *msg.Locale) *callfloor.InputError { return NotSupported(l, "kind", what, "gossip", nil) },
			callfloor.ErrNotSupported, "policy.node.list", `kind: unknown a list "gossip"; none is allowed here`, `kind: 未知的列表"gossip"；此处不允许任何取值`},
		{"Forbidden", func(l *msg.Locale) *callfloor.InputError { return Forbidden(l, "event.by", why) },
			callfloor.ErrForbidden, "policy.duration.negative", "event.by: a duration must not be negative", "event.by: 时长不能为负"},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			l    *msg.Locale
			want string
		}{{nil, tt.en}, {msg.English(), tt.en}, {zh, tt.zh}} {
			e := tt.build(c.l)
			require.Equal(t, c.want, e.Error(), tt.name)
			require.Equal(t, tt.kind, e.Kind, tt.name)
			require.Equal(t, tt.id, e.MessageID, tt.name)
		}
	}
	two := callfloor.InputErrors{Required(zh, "a", nil), Duplicate(zh, "b", "x", "c")}
	require.Equal(t, "2个输入错误\n\ta: 为必填项\n\tb: \"x\"与c重复", two.Error())
	two = callfloor.InputErrors{Required(nil, "a", nil), Duplicate(nil, "b", "x", "c")}
	require.Equal(t, "2 input errors\n\ta: is required\n\tb: \"x\" duplicates c", two.Error())
}

// TimeProblem words why a time cannot be stored, in every locale, for
// exactly the times encoding/json refuses, at both ends of the range and
// of the zone offsets.
func TestTimeProblem(t *testing.T) {
	zh, err := msg.Lookup("zh-CN")
	require.NoError(t, err)
	tests := []struct {
		name   string
		t      time.Time
		en, zh string
	}{
		{"zero time", time.Time{}, "", ""},
		{"first instant of year 0", time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), "", ""},
		{"last instant of year 9999", time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), "", ""},
		{"offset 23:59:59", time.Date(2026, 11, 2, 9, 0, 0, 0, time.FixedZone("", 24*3600-1)), "", ""},
		{"year 10000", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
			"year 10000 is outside 0..9999, the range a stored time can hold", "年份10000超出0..9999，即可存储时间的范围"},
		{"year -1", time.Date(-1, 12, 31, 23, 59, 59, 0, time.UTC),
			"year -1 is outside 0..9999, the range a stored time can hold", "年份-1超出0..9999，即可存储时间的范围"},
		{"year 9999 in UTC is 10000 east of it", time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC).In(time.FixedZone("CST", 8*3600)),
			"year 10000 is outside 0..9999, the range a stored time can hold", "年份10000超出0..9999，即可存储时间的范围"},
		{"offset +24h", time.Date(2026, 11, 2, 9, 0, 0, 0, time.FixedZone("", 24*3600)),
			"zone offset 86400s is 24 hours or more, which a stored time cannot hold", "时区偏移86400秒达到24小时或以上，无法存储"},
		{"offset -24h", time.Date(2026, 11, 2, 9, 0, 0, 0, time.FixedZone("", -24*3600)),
			"zone offset -86400s is 24 hours or more, which a stored time cannot hold", "时区偏移-86400秒达到24小时或以上，无法存储"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := TimeProblem(tc.t)
			_, jsonErr := json.Marshal(tc.t)
			require.Equal(t, jsonErr == nil, m == nil, "TimeProblem agrees with encoding/json")
			if tc.en == "" {
				require.Nil(t, m)
				return
			}
			require.Equal(t, tc.en, m.String(msg.English()))
			require.Equal(t, tc.zh, m.String(zh))
		})
	}
}
