package qa

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rotationAt is the time the rotation tests speak as of.
var rotationAt = time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)

func TestRotation(t *testing.T) {
	p := DefaultPolicy()
	days := func(n int) time.Time { return rotationAt.AddDate(0, 0, -n) }
	tests := []struct {
		reason string
		m      RotationMember
		due    bool
		never  bool
		dueAt  time.Time
		text   string
	}{
		{"an agent who has never evaluated, on the floor exactly 180 days: due at the boundary",
			RotationMember{Person: "li.na", Role: RoleAgent, Since: days(180)}, true, true, rotationAt,
			"li.na has taken calls since 2025-01-02 and has never served as a QA evaluator; a turn fell due on 2025-07-01, every 180 days"},
		{"a new hire one day short of 180 days: flagged as never, not yet due",
			RotationMember{Person: "wu.fei", Role: RoleAgent, Since: days(179)}, false, true, rotationAt.AddDate(0, 0, 1),
			"wu.fei has taken calls since 2025-01-03 and has never served as a QA evaluator; the next turn falls due on 2025-07-02, every 180 days"},
		{"an agent back from a short QA turn 200 days ago: due again",
			RotationMember{Person: "tao", Role: RoleAgent, Since: days(600), LastInOtherRole: days(200)}, true, false, days(20),
			"tao last served as a QA evaluator on 2024-12-13; a turn fell due on 2025-06-11, every 180 days"},
		{"a turn recorded without a change of post, after since: counts from the turn",
			RotationMember{Person: "mei", Role: RoleAgent, Since: days(900), LastInOtherRole: days(10)}, false, false, days(10).AddDate(0, 0, 180),
			"mei last served as a QA evaluator on 2025-06-21; the next turn falls due on 2025-12-18, every 180 days"},
		{"an evaluator who last took calls 366 days ago: back to the floor",
			RotationMember{Person: "qa.wang", Role: RoleEvaluator, Since: days(366), LastInOtherRole: days(366)}, true, false, days(1),
			"qa.wang last took calls on 2024-06-30; a turn fell due on 2025-06-30, every 365 days"},
		{"an evaluator hired straight into QA 100 days ago: never took calls, not yet due",
			RotationMember{Person: "qa.chen", Role: RoleEvaluator, Since: days(100)}, false, true, days(100).AddDate(0, 0, 365),
			"qa.chen has evaluated since 2025-03-23 and has never taken calls; the next turn falls due on 2026-03-23, every 365 days"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			rep, err := p.Rotation(rotationAt, []RotationMember{tt.m})
			require.NoError(t, err)
			require.Len(t, rep.Members, 1)
			st := rep.Members[0]
			assert.Equal(t, tt.due, st.Due)
			assert.Equal(t, tt.never, st.Never)
			assert.True(t, tt.dueAt.Equal(st.DueAt), "due at %s, want %s", st.DueAt, tt.dueAt)
			require.Len(t, st.Reasons, 1)
			assert.Equal(t, tt.text, st.Reasons[0].Text)
			wantOutcome, wantRule := callfloor.NotMet, "rotation.agent_every"
			if tt.due {
				wantOutcome = callfloor.Fired
			}
			if tt.m.Role == RoleEvaluator {
				wantRule = "rotation.evaluator_every"
			}
			assert.Equal(t, wantOutcome, st.Reasons[0].Outcome)
			assert.Equal(t, wantRule, st.Reasons[0].Rule)
			assert.Equal(t, p.Identity(), rep.Policy)
		})
	}
}

// TestRotationOrder lists the longest overdue first and counts the due
// and the never-rotated.
func TestRotationOrder(t *testing.T) {
	p := DefaultPolicy()
	roster := []RotationMember{
		{Person: "b", Role: RoleAgent, Since: rotationAt.AddDate(0, 0, -10)},
		{Person: "c", Role: RoleAgent, Since: rotationAt.AddDate(-2, 0, 0)},
		{Person: "a", Role: RoleAgent, Since: rotationAt.AddDate(-2, 0, 0)},
		{Person: "d", Role: RoleEvaluator, Since: rotationAt.AddDate(-1, 0, 0), LastInOtherRole: rotationAt.AddDate(0, -1, 0)},
	}
	rep, err := p.Rotation(rotationAt, roster)
	require.NoError(t, err)
	var order []string
	for _, m := range rep.Members {
		order = append(order, m.Person)
	}
	assert.Equal(t, []string{"a", "c", "b", "d"}, order, "earliest due first, ties by person")
	assert.Equal(t, 2, rep.Due)
	assert.Equal(t, 3, rep.Never)

	empty, err := p.Rotation(rotationAt, nil)
	require.NoError(t, err)
	assert.Empty(t, empty.Members)
	b, err := json.Marshal(empty)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"members":[]`)
}

func TestRotationBadInput(t *testing.T) {
	p := DefaultPolicy()
	ok := RotationMember{Person: "li.na", Role: RoleAgent, Since: rotationAt.AddDate(0, -1, 0)}
	with := func(f func(*RotationMember)) []RotationMember {
		m := ok
		f(&m)
		return []RotationMember{m}
	}
	far := time.Date(9999, 12, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		reason string
		at     time.Time
		roster []RotationMember
		want   string
	}{
		{"no time", time.Time{}, nil, "at: is required: the rotation speaks as of a time"},
		{"a time JSON cannot hold", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), nil, "at: year 10000 is outside 0..9999, the range a stored time can hold"},
		{"no person", rotationAt, with(func(m *RotationMember) { m.Person = "" }), "roster[0].person: is required"},
		{"a person twice", rotationAt, []RotationMember{ok, ok}, `roster[1].person: "li.na" duplicates roster[0].person`},
		{"no role", rotationAt, with(func(m *RotationMember) { m.Role = "" }), "roster[0].role: is required"},
		{"an unknown role", rotationAt, with(func(m *RotationMember) { m.Role = "lead" }), `roster[0].role: unknown role "lead"; allowed: agent, evaluator`},
		{"no since", rotationAt, with(func(m *RotationMember) { m.Since = time.Time{} }), "roster[0].since: is required"},
		{"since after at", rotationAt, with(func(m *RotationMember) { m.Since = rotationAt.Add(time.Second) }),
			"roster[0].since: 2025-07-01T09:00:01Z is after at 2025-07-01T09:00:00Z"},
		{"a last turn after at", rotationAt, with(func(m *RotationMember) { m.LastInOtherRole = rotationAt.AddDate(0, 0, 1) }),
			"roster[0].last_in_other_role: 2025-07-02T09:00:00Z is after at 2025-07-01T09:00:00Z"},
		{"a since JSON cannot hold", rotationAt, with(func(m *RotationMember) { m.Since = time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC) }),
			"roster[0].since: year -1 is outside 0..9999, the range a stored time can hold"},
		{"a turn falling due beyond what JSON can hold", far.AddDate(0, 0, 20), []RotationMember{{Person: "x", Role: RoleAgent, Since: far}},
			"roster[0].since: 9999-12-01T00:00:00Z is so late that the turn due 180 days after it cannot be stored: year 10000 is outside 0..9999, the range a stored time can hold"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			_, err := p.Rotation(tt.at, tt.roster)
			require.EqualError(t, err, tt.want)
			var ie *callfloor.InputError
			require.ErrorAs(t, err, &ie)
		})
	}
	_, err := (*Policy)(nil).Rotation(rotationAt, nil)
	assert.ErrorIs(t, err, ErrZeroPolicy)
}

func TestRoleText(t *testing.T) {
	var r Role
	require.NoError(t, r.UnmarshalText([]byte("evaluator")))
	assert.Equal(t, RoleEvaluator, r)
	assert.EqualError(t, r.UnmarshalText([]byte("lead")), `unknown role "lead"; allowed: agent, evaluator`)
	_, err := Role("lead").MarshalText()
	assert.Error(t, err)
}
