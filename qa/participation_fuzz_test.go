package qa

import (
	"encoding/json"
	"testing"
	"time"
)

// FuzzRotation feeds rosters built from fuzzed bytes: roles in and out of
// the allowed set, times around the rotation's and up to the ends of
// what JSON holds.
func FuzzRotation(f *testing.F) {
	f.Add([]byte{0, 0, 10, 0, 1, 1, 200, 50, 2, 0, 255, 255}, int64(0))
	f.Add([]byte{}, int64(0))
	f.Add([]byte{3, 2, 0, 0}, int64(253402300799-1751360400))
	f.Add([]byte{1, 0, 180, 0, 1, 0, 181, 0}, int64(-1751360400-62167219200))
	p := DefaultPolicy()
	rs := []Role{RoleAgent, RoleEvaluator, "", "lead"}
	f.Fuzz(func(t *testing.T, data []byte, shift int64) {
		at := time.Unix(rotationAt.Unix()+shift%(1<<38), 0).UTC()
		var roster []RotationMember
		for i := 0; i+3 < len(data); i += 4 {
			m := RotationMember{
				Person: string(rune('a' + data[i]%5)),
				Role:   rs[data[i+1]%4],
				Since:  at.AddDate(0, 0, -int(data[i+2])*3+10),
			}
			if data[i+3]%3 != 0 {
				m.LastInOtherRole = at.AddDate(0, 0, -int(data[i+3])*2+5)
			}
			if data[i]%7 == 6 {
				m.Since = time.Time{}
			}
			roster = append(roster, m)
		}
		rep, err := p.Rotation(at, roster)
		if err != nil {
			asInputError(t, err)
			return
		}
		due, never := 0, 0
		for i, m := range rep.Members {
			if i > 0 && rep.Members[i-1].DueAt.After(m.DueAt) {
				t.Fatal("members not in order of their due time")
			}
			if m.Due != !m.DueAt.After(at) {
				t.Fatalf("%+v: due does not follow due_at", m)
			}
			if m.Due {
				due++
			}
			if m.Never {
				never++
			}
			if len(m.Reasons) != 1 {
				t.Fatalf("%+v: one reason expected", m)
			}
		}
		if due != rep.Due || never != rep.Never || len(rep.Members) != len(roster) {
			t.Fatalf("counts %d/%d, %d/%d, %d/%d", due, rep.Due, never, rep.Never, len(rep.Members), len(roster))
		}
		if _, err := json.Marshal(rep); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzSuggestions feeds suggestions built from fuzzed bytes against known
// and unknown scorecards and items, inside and outside the period.
func FuzzSuggestions(f *testing.F) {
	f.Add([]byte{0, 0, 9, 3, 1, 1, 1, 40, 2, 0, 0, 0})
	f.Add([]byte{})
	f.Add([]byte{4, 2, 30, 0, 5, 3, 255, 1})
	p := DefaultPolicy()
	cards := []string{"inbound_service", "outbound_sales", "", "chat"}
	items := []string{"voice", "courtesy", "hold_under_1_minute", "convenient_time", "", "nope"}
	texts := []string{"too strict", "", " ", "allow a longer hold"}
	f.Fuzz(func(t *testing.T, data []byte) {
		var in []Suggestion
		for i := 0; i+3 < len(data); i += 4 {
			in = append(in, Suggestion{
				Agent:     []string{"a", "b", "c", ""}[data[i]%4],
				At:        april.Start.Add(time.Duration(int(data[i+2])-20) * 24 * time.Hour / 4),
				Scorecard: cards[data[i+1]%4],
				Item:      items[data[i+3]%6],
				Text:      texts[(data[i]/4)%4],
			})
		}
		rep, err := p.Suggestions(april, in)
		if err != nil {
			asInputError(t, err)
			return
		}
		total := rep.Unassigned
		for i, it := range rep.Items {
			total += it.Count
			if it.Count != len(it.Suggestions) || it.Agents < 1 || it.Agents > it.Count {
				t.Fatalf("%+v", it)
			}
			if it.Review != (it.Agents >= p.suggestions.reviewAt) {
				t.Fatalf("%+v: review does not follow the agents", it)
			}
			if i > 0 && rep.Items[i-1].Agents < it.Agents {
				t.Fatal("items not ranked by agents")
			}
			for _, s := range it.Suggestions {
				if !april.Contains(s.At) {
					t.Fatalf("%+v is outside the period", s)
				}
			}
		}
		if total != len(in) {
			t.Fatalf("%d suggestions counted of %d", total, len(in))
		}
		if _, err := json.Marshal(rep); err != nil {
			t.Fatal(err)
		}
	})
}
