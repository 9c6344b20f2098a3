package qa

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// april is the period the suggestion tests count over.
var april = callfloor.Period{ID: "2025-04", Start: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)}

func suggest(agent string, day int, card, item, text string) Suggestion {
	return Suggestion{Agent: agent, At: april.Start.AddDate(0, 0, day), Scorecard: card, Item: item, Text: text}
}

// TestSuggestions counts the agents' remarks on the standard: three
// agents find the hold limit too tight on billing calls and the item is
// reviewed; one agent's two remarks on the greeting are not enough; a
// remark from March is unassigned.
func TestSuggestions(t *testing.T) {
	p := DefaultPolicy()
	in := []Suggestion{
		suggest("li.na", 3, "inbound_service", "standard_greeting", "the full greeting is too long on the night line"),
		suggest("tao", 20, "inbound_service", "hold_under_1_minute", "a billing check takes two minutes; one minute forces a second hold"),
		suggest("mei", 2, "inbound_service", "hold_under_1_minute", "the limit should count from the permission, not from the key press"),
		suggest("li.na", 9, "inbound_service", "standard_greeting", "callers hang up during the greeting"),
		suggest("jun", 29, "inbound_service", "hold_under_1_minute", "allow a longer hold when the caller agrees to wait"),
		suggest("jun", 30, "outbound_sales", "convenient_time", "boundary: the period's end is excluded"),
		suggest("mei", -1, "inbound_service", "hold_under_1_minute", "boundary: March 31 is outside"),
		suggest("mei", 0, "outbound_sales", "convenient_time", "boundary: the period's start is included"),
	}
	rep, err := p.Suggestions(april, in)
	require.NoError(t, err)
	assert.Equal(t, "2025-04", rep.Period)
	assert.Equal(t, 2, rep.Unassigned)
	assert.Equal(t, p.Identity(), rep.Policy)
	require.Len(t, rep.Items, 3)

	hold := rep.Items[0]
	assert.Equal(t, "hold_under_1_minute", hold.Item)
	assert.Equal(t, "No hold longer than 1 minute", hold.ItemText)
	assert.Equal(t, 3, hold.Count)
	assert.Equal(t, 3, hold.Agents)
	assert.True(t, hold.Review, "three agents, exactly review_at")
	assert.Equal(t, []string{"mei", "tao", "jun"}, []string{hold.Suggestions[0].Agent, hold.Suggestions[1].Agent, hold.Suggestions[2].Agent}, "oldest first")
	require.Len(t, hold.Reasons, 1)
	assert.Equal(t, callfloor.Reason{Rule: "suggestions.review_at", Outcome: callfloor.Fired,
		Text: `3 suggestions from 3 agents against item "hold_under_1_minute" of scorecard inbound_service in 2025-04; at 3 agents or more the item is reviewed at the next calibration`, Message: "qa.reason.suggestions_review",
		Facts: []callfloor.Fact{{Name: "agents", Value: 3}, {Name: "suggestions", Value: 3}, {Name: "review_at", Value: 3}}}, hold.Reasons[0])

	greet := rep.Items[1]
	assert.Equal(t, "standard_greeting", greet.Item)
	assert.Equal(t, 2, greet.Count)
	assert.Equal(t, 1, greet.Agents, "one agent twice is one voice")
	assert.False(t, greet.Review)
	assert.Equal(t, `2 suggestions from 1 agent against item "standard_greeting" of scorecard inbound_service in 2025-04; the item is reviewed at the next calibration once 3 agents question it`, greet.Reasons[0].Text)
	assert.Equal(t, callfloor.NotMet, greet.Reasons[0].Outcome)

	assert.Equal(t, "outbound_sales", rep.Items[2].Scorecard)
	assert.Equal(t, 1, rep.Items[2].Count)
}

// TestSuggestionsOrder ranks items by agents, then suggestions, then the
// policy's order, whatever the input order.
func TestSuggestionsOrder(t *testing.T) {
	p := DefaultPolicy()
	in := []Suggestion{
		suggest("a", 1, "outbound_sales", "courtesy", "x"),
		suggest("a", 1, "inbound_service", "voice", "x"),
		suggest("a", 1, "inbound_service", "courtesy", "x"),
		suggest("b", 1, "inbound_service", "courtesy", "x"),
		suggest("a", 2, "inbound_service", "thank_caller", "x"),
		suggest("a", 3, "inbound_service", "thank_caller", "x"),
	}
	rep, err := p.Suggestions(april, in)
	require.NoError(t, err)
	var got []string
	for _, it := range rep.Items {
		got = append(got, it.Scorecard+"."+it.Item)
	}
	assert.Equal(t, []string{"inbound_service.courtesy", "inbound_service.thank_caller", "inbound_service.voice", "outbound_sales.courtesy"}, got)

	none, err := p.Suggestions(april, nil)
	require.NoError(t, err)
	b, err := json.Marshal(none)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"items":[]`)
}

func TestSuggestionsBadInput(t *testing.T) {
	p := DefaultPolicy()
	ok := suggest("li.na", 1, "inbound_service", "voice", "too strict for a noisy line")
	with := func(f func(*Suggestion)) []Suggestion {
		s := ok
		f(&s)
		return []Suggestion{ok, s}
	}
	tests := []struct {
		reason string
		period callfloor.Period
		in     []Suggestion
		want   string
	}{
		{"no period", callfloor.Period{}, nil, "period.start: is required"},
		{"an empty period", callfloor.Period{Start: april.Start, End: april.Start}, nil, "period.end: 2025-04-01T00:00:00Z is not after the start 2025-04-01T00:00:00Z"},
		{"an end JSON cannot hold", callfloor.Period{Start: april.Start, End: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}, nil,
			"period.end: year 10000 is outside 0..9999, the range a stored time can hold"},
		{"no agent", april, with(func(s *Suggestion) { s.Agent = "" }), "suggestions[1].agent: is required"},
		{"no time", april, with(func(s *Suggestion) { s.At = time.Time{} }), "suggestions[1].at: is required"},
		{"a time JSON cannot hold", april, with(func(s *Suggestion) { s.At = time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC) }),
			"suggestions[1].at: year -5 is outside 0..9999, the range a stored time can hold"},
		{"no scorecard", april, with(func(s *Suggestion) { s.Scorecard = "" }), "suggestions[1].scorecard: is required"},
		{"an unknown scorecard", april, with(func(s *Suggestion) { s.Scorecard = "chat" }),
			`suggestions[1].scorecard: unknown scorecard "chat"; allowed: inbound_service, outbound_sales`},
		{"no item", april, with(func(s *Suggestion) { s.Item = "" }), "suggestions[1].item: is required"},
		{"an item of the other scorecard", april, with(func(s *Suggestion) { s.Scorecard = "outbound_sales"; s.Item = "voice" }),
			`suggestions[1].item: unknown item "voice"; allowed: standard_greeting, convenient_time, confirm_details, listen_needs, plain_language, no_pretending, courtesy, apologise_own_error, no_mocking, no_rhetorical_questions, no_rudeness, no_arguing, no_interrupting, no_forbidden_phrases, protect_customer_information, thank_caller, customer_hangs_up_first`},
		{"a blank text", april, with(func(s *Suggestion) { s.Text = " \t" }), "suggestions[1].text: is required: a suggestion says what the agent would change"},
		{"bad data outside the period is still refused", april, []Suggestion{{Agent: "a", At: april.End.AddDate(1, 0, 0), Scorecard: "inbound_service", Item: "nope", Text: "x"}},
			`suggestions[0].item: unknown item "nope"; allowed: answer_within_3_rings, standard_greeting, give_agent_id, confirm_details, take_notes, no_pretending, protect_customer_information, hold_permission, hold_under_1_minute, no_long_silence, transfer_named, voice, plain_language, courtesy, apologise_own_error, special_needs, no_mocking, no_rhetorical_questions, no_rudeness, no_arguing, call_manager, no_interrupting, no_forbidden_phrases, anything_else, thank_caller, customer_hangs_up_first`},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			_, err := p.Suggestions(tt.period, tt.in)
			require.EqualError(t, err, tt.want)
			var ie *callfloor.InputError
			require.ErrorAs(t, err, &ie)
		})
	}
	_, err := (*Policy)(nil).Suggestions(april, nil)
	assert.ErrorIs(t, err, ErrZeroPolicy)
}
