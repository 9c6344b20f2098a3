package qa

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
)

// Suggestion is an agent's input into the standard: a remark against one
// item of a scorecard, to dispute how it is written, ask for a revision
// or propose one. It is not a dispute of an evaluation (OpenDispute is).
type Suggestion struct {
	// ID is the host's id of the suggestion; optional, not used in the
	// counts.
	// Agent is who made it; required.
	// At is when it was made; it places the suggestion in the period.
	// Scorecard and Item name the item it is about, an item of a
	// scorecard of the policy; both required.
	// Text is what the agent said; required, not blank.
	ID        string    `json:"id,omitempty"`
	Agent     string    `json:"agent"`
	At        time.Time `json:"at"`
	Scorecard string    `json:"scorecard"`
	Item      string    `json:"item"`
	Text      string    `json:"text"`
}

// ItemSuggestions are the suggestions made against one item in the
// period.
type ItemSuggestions struct {
	// Scorecard and Item name the item; ItemText is the policy's text of
	// it.
	Scorecard string `json:"scorecard"`
	Item      string `json:"item"`
	ItemText  string `json:"item_text"`
	// Count is the number of suggestions; Agents the number of distinct
	// agents who made them.
	Count  int `json:"count"`
	Agents int `json:"agents"`
	// Review is true when at least suggestions.review_at distinct agents
	// made one: the item is due for review at the next calibration.
	// Suggestions are the suggestions themselves, oldest first, so that
	// each agent gets an answer.
	// Reasons state the rule suggestions.review_at, Fired when the item
	// is due for review and NotMet when not, with the counts.
	Review      bool               `json:"review"`
	Suggestions []Suggestion       `json:"suggestions"`
	Reasons     []callfloor.Reason `json:"reasons"`
}

// SuggestionReport counts the agents' suggestions per item over a
// period.
type SuggestionReport struct {
	// Period is the period's id.
	// Items holds one entry per item with a suggestion in the period: the
	// items the most agents questioned first, then the most suggestions,
	// then in the policy's order of scorecards and items.
	// Unassigned counts the suggestions outside the period.
	// Policy names the policy that produced the report.
	Period     string             `json:"period"`
	Items      []ItemSuggestions  `json:"items"`
	Unassigned int                `json:"unassigned,omitempty"`
	Policy     callfloor.Identity `json:"policy"`
}

// Suggestions counts the suggestions made in the period against each
// scorecard item, so that a center sees which items its agents dispute
// or want revised. Call-center practice has agents take part in writing,
// revising and calibrating the standard, and keeps listening to them
// while it is applied: a standard they had no say in is one they do not
// accept. An item that suggestions.review_at or more distinct agents
// questioned in the period is marked for review (three by default), since
// one agent may have a grievance while several point at the standard.
//
// A suggestion without an agent, time, scorecard, item or text, or one
// naming a scorecard or item the policy does not hold, is an
// *callfloor.InputError naming the field; so is a period whose end is not
// after its start, or whose start or end JSON cannot hold. Suggestions
// outside the period are counted in Unassigned.
func (p *Policy) Suggestions(period callfloor.Period, in []Suggestion) (SuggestionReport, error) {
	if !p.ready() {
		return SuggestionReport{}, ErrZeroPolicy
	}
	l := p.locale()
	if period.Start.IsZero() {
		return SuggestionReport{}, required(l, "period.start")
	}
	for _, e := range []struct {
		field string
		t     time.Time
	}{{"period.start", period.Start}, {"period.end", period.End}} {
		if m := timeProblem(e.t); m != nil {
			return SuggestionReport{}, inputErr(l, callfloor.ErrInvalid, e.field, m)
		}
	}
	if !period.End.After(period.Start) {
		return SuggestionReport{}, inputErr(l, callfloor.ErrInvalid, "period.end", msg.QaInputNotAfterStart{End: period.End, Start: period.Start})
	}
	type key struct{ card, item int }
	groups := map[key]*ItemSuggestions{}
	agents := map[key]map[string]bool{}
	rep := SuggestionReport{Period: period.ID, Items: []ItemSuggestions{}, Policy: p.id}
	for i, s := range in {
		f := "suggestions[" + itoa(i) + "]"
		if s.Agent == "" {
			return SuggestionReport{}, required(l, f+".agent")
		}
		if s.At.IsZero() {
			return SuggestionReport{}, required(l, f+".at")
		}
		if m := timeProblem(s.At); m != nil {
			return SuggestionReport{}, inputErr(l, callfloor.ErrInvalid, f+".at", m)
		}
		if s.Scorecard == "" {
			return SuggestionReport{}, required(l, f+".scorecard")
		}
		card := slices.Index(p.scorecardIDs, s.Scorecard)
		if card < 0 {
			return SuggestionReport{}, msgerr.NotSupported(l, callfloor.Path(f+".scorecard"), msg.QaWhatScorecard{}, s.Scorecard, p.scorecardIDs)
		}
		sc := p.scorecards[card]
		if s.Item == "" {
			return SuggestionReport{}, required(l, f+".item")
		}
		it, ok := sc.index[s.Item]
		if !ok {
			return SuggestionReport{}, msgerr.NotSupported(l, callfloor.Path(f+".item"), msg.QaWhatItem{}, s.Item, sc.itemIDs)
		}
		if strings.TrimSpace(s.Text) == "" {
			return SuggestionReport{}, msgerr.Required(l, callfloor.Path(f+".text"), msg.QaBecauseSuggestionText{})
		}
		if !period.Contains(s.At) {
			rep.Unassigned++
			continue
		}
		k := key{card, it}
		g := groups[k]
		if g == nil {
			g = &ItemSuggestions{Scorecard: s.Scorecard, Item: s.Item, ItemText: sc.items[it].text}
			groups[k] = g
			agents[k] = map[string]bool{}
		}
		g.Count++
		g.Suggestions = append(g.Suggestions, s)
		agents[k][s.Agent] = true
	}
	keys := make([]key, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(len(agents[b]), len(agents[a])); c != 0 {
			return c
		}
		if c := cmp.Compare(groups[b].Count, groups[a].Count); c != 0 {
			return c
		}
		if c := cmp.Compare(a.card, b.card); c != 0 {
			return c
		}
		return cmp.Compare(a.item, b.item)
	})
	at := p.suggestions.reviewAt
	for _, k := range keys {
		g := groups[k]
		g.Agents = len(agents[k])
		// A stable sort keeps suggestions made at the same time in the
		// order given.
		slices.SortStableFunc(g.Suggestions, func(a, b Suggestion) int { return a.At.Compare(b.At) })
		g.Review = g.Agents >= at
		text := msg.QaReasonSuggestions{Suggestions: msg.QaCountSuggestion{N: g.Count}, Agents: msg.QaCountAgent{N: g.Agents},
			Item: quoted(g.Item), Scorecard: g.Scorecard, Period: period.ID}
		facts := []callfloor.Fact{fact("agents", g.Agents), fact("suggestions", g.Count), fact("review_at", at)}
		if g.Review {
			g.Reasons = []callfloor.Reason{reasonIn(l, "suggestions.review_at", callfloor.Fired, msg.QaReasonSuggestionsReview{Summary: text, At: at}, facts...)}
		} else {
			g.Reasons = []callfloor.Reason{reasonIn(l, "suggestions.review_at", callfloor.NotMet, msg.QaReasonSuggestionsPending{Summary: text, At: at}, facts...)}
		}
		rep.Items = append(rep.Items, *g)
	}
	return rep, nil
}
