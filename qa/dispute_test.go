package qa

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func disputedEval() Evaluation {
	e := smallEval(Answer{Item: "voice", Value: 2}, Answer{Item: "argue", Value: 0}, Answer{Item: "extra", Value: 0})
	e.Scorecard = "card"
	return e
}

func raise(at time.Time, items ...DisputeItemEvent) DisputeEvent {
	return DisputeEvent{ID: "r1", Type: EventRaise, At: at, By: "ana", Items: items}
}

func roundTrip(t *testing.T, d Dispute) Dispute {
	t.Helper()
	b, err := json.Marshal(d)
	require.NoError(t, err)
	var back Dispute
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, d, back, "a dispute round-trips through JSON unchanged")
	return back
}

func TestDisputeFlow(t *testing.T) {
	p := loadPolicy(t, "small.yaml")
	ev := disputedEval()
	d, err := p.OpenDispute(ev, raise(t0.Add(24*time.Hour),
		DisputeItemEvent{Item: "argue", Reason: "the customer was shouting; I only explained the rule"},
		DisputeItemEvent{Item: "voice", Reason: "the line was noisy"}))
	require.NoError(t, err)
	assert.Equal(t, StatusOpen, d.Status)
	assert.True(t, d.Held(), "an open dispute holds the figure out of pay and discipline")
	require.Len(t, d.Versions, 1)
	assert.InDelta(t, 20, d.Current().Score, 1e-9, "argue failed: section a is 0; b is 2/4")
	assert.Equal(t, []string{"argue"}, d.Current().CriticalFailed)
	d = roundTrip(t, d)

	before := roundTrip(t, d)
	dec := DisputeEvent{ID: "d1", Type: EventDecide, At: t0.Add(72 * time.Hour), By: "rev", Items: []DisputeItemEvent{
		{Item: "argue", Decision: Overturned, Value: 1, Rationale: "the recording shows an explanation, not an argument"},
	}}
	d2, err := p.Apply(d, dec)
	require.NoError(t, err)
	assert.Equal(t, before, d, "Apply does not modify its input")
	assert.Equal(t, StatusOpen, d2.Status, "voice is still pending")
	require.Len(t, d2.Versions, 2)
	v := d2.Current()
	assert.Equal(t, 2, v.Version)
	assert.Equal(t, "d1", v.Event)
	assert.InDelta(t, 0.6*(1+0.25*2+1+1)/5*100+20, v.Score, 1e-9, "re-scored with argue overturned")
	assert.Equal(t, []string{"argue"}, v.Overturned)
	assert.Nil(t, v.CriticalFailed)
	assert.Equal(t, Answer{Item: "argue", Value: 1, Note: "the recording shows an explanation, not an argument"}, *d2.Items[0].Corrected)
	assert.Equal(t, Answer{Item: "argue", Value: 0}, d2.Items[0].Was)

	same, err := p.Apply(d2, dec)
	require.NoError(t, err)
	assert.Equal(t, d2, same, "the same event twice changes nothing")

	d3, err := p.Apply(d2, DisputeEvent{ID: "d2", Type: EventDecide, At: t0.Add(96 * time.Hour), By: "rev", Items: []DisputeItemEvent{
		{Item: "voice", Decision: Upheld, Rationale: "the pace was too fast regardless of the line"},
	}})
	require.NoError(t, err)
	assert.Equal(t, StatusDecided, d3.Status)
	assert.False(t, d3.Held())
	assert.Len(t, d3.Versions, 2, "upholding does not re-score")
	assert.Equal(t, []string{"r1", "d1", "d2"}, historyIDs(d3))
	assert.Equal(t, "e1/20250304T090000.000000000Z", d3.ID, "the evaluation's id and the raise's time")
	assert.Equal(t, t0.Add(24*time.Hour), d3.Opened)
	assert.Equal(t, t0.Add(96*time.Hour), d3.Updated)
	roundTrip(t, d3)

	_, err = p.Apply(d3, DisputeEvent{ID: "w", Type: EventWithdraw, At: t0.Add(100 * time.Hour), By: "ana"})
	assert.EqualError(t, err, "event.type: the dispute is decided; no further event is expected")
}

func TestDisputeWithdraw(t *testing.T) {
	p := loadPolicy(t, "small.yaml")
	d, err := p.OpenDispute(disputedEval(), raise(t0, DisputeItemEvent{Item: "voice", Reason: "noise"}))
	require.NoError(t, err)
	_, err = p.Apply(d, DisputeEvent{ID: "w", Type: EventWithdraw, At: t0, By: "rev"})
	assert.EqualError(t, err, `event.by: only the agent "ana" can withdraw the dispute, not "rev"`)
	_, err = p.Apply(d, DisputeEvent{ID: "w", Type: EventWithdraw, At: t0, By: "ana", Items: []DisputeItemEvent{{Item: "voice", Decision: "0"}}})
	assert.EqualError(t, err, "event.items: a withdraw takes back the whole dispute and names no item")
	w, err := p.Apply(d, DisputeEvent{ID: "w", Type: EventWithdraw, At: t0, By: "ana"})
	require.NoError(t, err)
	assert.Equal(t, StatusWithdrawn, w.Status)
	assert.Len(t, w.Versions, 1)
}

func TestDisputeWindowAndLimits(t *testing.T) {
	p := loadPolicy(t, "small.yaml")
	ev := disputedEval()
	one := DisputeItemEvent{Item: "voice", Reason: "noise"}
	tests := []struct {
		reason string
		ev     Evaluation
		e      DisputeEvent
		want   string
	}{
		{"the last moment of the 14-day window is inside", ev, raise(t0.Add(14*24*time.Hour), one), ""},
		{"one second later is outside", ev, raise(t0.Add(14*24*time.Hour+time.Second), one),
			"event.at: 2025-03-17T09:00:01Z is after the dispute window closed at 2025-03-17T09:00:00Z (14 days after the evaluation)"},
		{"before the evaluation", ev, raise(t0.Add(-time.Second), one),
			"event.at: 2025-03-03T08:59:59Z is before the evaluation at 2025-03-03T09:00:00Z"},
		{"three items is the maximum", ev, raise(t0, one, DisputeItemEvent{Item: "argue", Reason: "r"}, DisputeItemEvent{Item: "extra", Reason: "r"}), ""},
		{"four items is too many", ev, raise(t0, one, DisputeItemEvent{Item: "argue", Reason: "r"}, DisputeItemEvent{Item: "extra", Reason: "r"},
			DisputeItemEvent{Item: "greet", Reason: "r"}), "event.items: 4 is outside 1..3, the number of items a dispute may name"},
		{"no items", ev, raise(t0), "event.items: is required: a dispute names at least one item"},
		{"no reason", ev, raise(t0, DisputeItemEvent{Item: "voice"}), "event.items[0].reason: is required: a disputed item needs a reason"},
		{"unknown item", ev, raise(t0, DisputeItemEvent{Item: "smile", Reason: "r"}), `event.items[0].item: unknown item "smile"; allowed: greet, voice, hold, argue, close, leak, extra`},
		{"same item twice", ev, raise(t0, one, one), `event.items[1].item: "voice" duplicates event.items[0].item`},
		{"someone else disputes", ev, DisputeEvent{ID: "r", Type: EventRaise, At: t0, By: "bob", Items: []DisputeItemEvent{one}},
			`event.by: "bob" cannot dispute an evaluation of "ana"; only the agent can`},
		{"opens with a decide", ev, DisputeEvent{ID: "r", Type: EventDecide, At: t0, By: "ana"}, `event.type: a dispute opens with a "raise" event, got "decide"`},
		{"event without id", ev, DisputeEvent{Type: EventRaise, At: t0, By: "ana"}, "event.id: is required"},
		{"evaluation without id", func() Evaluation { e := ev; e.ID = ""; return e }(), raise(t0, one),
			"evaluation.id: is required: a dispute names the evaluation it holds out of pay and discipline"},
		{"evaluation without scorecard", func() Evaluation { e := ev; e.Scorecard = ""; return e }(), raise(t0, one), `evaluation.scorecard: unknown scorecard ""; allowed: card`},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := p.OpenDispute(tc.ev, tc.e)
			if tc.want == "" {
				assert.NoError(t, err)
				return
			}
			assert.EqualError(t, err, tc.want)
		})
	}
}

func TestDisputeOutOfOrder(t *testing.T) {
	p := loadPolicy(t, "small.yaml")
	d, err := p.OpenDispute(disputedEval(), raise(t0.Add(time.Hour), DisputeItemEvent{Item: "voice", Reason: "noise"}))
	require.NoError(t, err)
	at := t0.Add(2 * time.Hour)
	tests := []struct {
		reason string
		e      DisputeEvent
		want   string
	}{
		{"a second raise", DisputeEvent{ID: "r2", Type: EventRaise, At: at, By: "ana"},
			`event.type: the dispute is already raised; expected a "decide" or "withdraw" event`},
		{"before the last event", DisputeEvent{ID: "x", Type: EventDecide, At: t0, By: "rev"},
			"event.at: 2025-03-03T09:00:00Z is before the last event at 2025-03-03T10:00:00Z; events must come in order"},
		{"the agent decides", DisputeEvent{ID: "x", Type: EventDecide, At: at, By: "ana"},
			`event.by: the agent "ana" cannot decide their own dispute`},
		{"an item not disputed", DisputeEvent{ID: "x", Type: EventDecide, At: at, By: "rev", Items: []DisputeItemEvent{{Item: "greet", Decision: Upheld, Rationale: "r"}}},
			`event.items[0].item: unknown disputed item "greet"; allowed: voice`},
		{"no rationale", DisputeEvent{ID: "x", Type: EventDecide, At: at, By: "rev", Items: []DisputeItemEvent{{Item: "voice", Decision: Upheld}}},
			"event.items[0].rationale: is required: a decision needs a rationale"},
		{"unknown decision", DisputeEvent{ID: "x", Type: EventDecide, At: at, By: "rev", Items: []DisputeItemEvent{{Item: "voice", Decision: "maybe", Rationale: "r"}}},
			`event.items[0].decision: unknown decision "maybe"; allowed: upheld, overturned`},
		{"overturn to the same answer", DisputeEvent{ID: "x", Type: EventDecide, At: at, By: "rev", Items: []DisputeItemEvent{{Item: "voice", Decision: Overturned, Value: 2, Rationale: "r"}}},
			"event.items[0].value: the corrected answer is the disputed answer; uphold the item instead"},
		{"overturn off the scale", DisputeEvent{ID: "x", Type: EventDecide, At: at, By: "rev", Items: []DisputeItemEvent{{Item: "voice", Decision: Overturned, Value: 9, Rationale: "r"}}},
			`event.items[0].value: 9 is outside 1..5, the scale of item "voice"`},
		{"unknown type", DisputeEvent{ID: "x", Type: "appeal", At: at, By: "rev"},
			`event.type: unknown event type "appeal"; allowed: raise, decide, withdraw`},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := p.Apply(d, tc.e)
			assert.EqualError(t, err, tc.want)
		})
	}
	_, err = p.Apply(Dispute{}, DisputeEvent{ID: "x", Type: EventDecide, At: at, By: "rev"})
	assert.EqualError(t, err, `dispute.evaluation.scorecard: unknown scorecard ""; allowed: card`)
}

func TestDisputeWindowDays(t *testing.T) {
	p := DefaultPolicy()
	sc, _ := p.Scorecard("inbound_service")
	ev := Evaluation{ID: "ev-1", Agent: "ana", Evaluator: "qa1", Source: QA, Scorecard: sc.ID(), At: t0}
	for _, it := range sc.Items() {
		ev.Answers = append(ev.Answers, Answer{Item: it.ID, Value: float64(it.Max)})
	}
	one := DisputeItemEvent{Item: "voice", Reason: "noise on the line"}
	day := 24 * time.Hour
	tests := []struct {
		reason string
		at     time.Time
		want   string
	}{
		{"the day of the evaluation", t0, ""},
		{"day 13", t0.Add(13 * day), ""},
		{"the last day, to the minute the window closes", t0.Add(14 * day), ""},
		{"the day after the 14-day window", t0.Add(15 * day),
			"event.at: 2025-03-18T09:00:00Z is after the dispute window closed at 2025-03-17T09:00:00Z (14 days after the evaluation)"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := p.OpenDispute(ev, raise(tc.at, one))
			if tc.want == "" {
				assert.NoError(t, err)
				return
			}
			assert.EqualError(t, err, tc.want)
		})
	}
}

func TestDisputeOpenBadEvaluation(t *testing.T) {
	p := loadPolicy(t, "small.yaml")
	one := DisputeItemEvent{Item: "voice", Reason: "noise"}
	noAgent := disputedEval()
	noAgent.Agent = ""
	noTime := disputedEval()
	noTime.At = time.Time{}
	badAnswer := disputedEval()
	badAnswer.Answers[1].Value = 8
	tests := []struct {
		reason string
		ev     Evaluation
		e      DisputeEvent
		want   string
	}{
		{"no agent", noAgent, raise(t0, one), "evaluation.agent: is required: only the evaluated agent may dispute"},
		{"no time", noTime, raise(t0, one), "evaluation.at: is required: the dispute window runs from it"},
		{"an evaluation that does not score", badAnswer, raise(t0, one), `evaluation.answers[1].value: 8 is outside 1..5, the scale of item "voice"`},
		{"event without time", disputedEval(), DisputeEvent{ID: "r", Type: EventRaise, By: "ana", Items: []DisputeItemEvent{one}}, "event.at: is required"},
		{"event without author", disputedEval(), DisputeEvent{ID: "r", Type: EventRaise, At: t0, Items: []DisputeItemEvent{one}}, "event.by: is required"},
		{"a raise that carries a decision", disputedEval(), raise(t0, DisputeItemEvent{Item: "voice", Reason: "r", Decision: Upheld}),
			"event.items[0].decision: an agent raises items; decisions come from a reviewer"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := p.OpenDispute(tc.ev, tc.e)
			assert.EqualError(t, err, tc.want)
		})
	}
}

func TestDisputeDecideErrors(t *testing.T) {
	p := loadPolicy(t, "small.yaml")
	d, err := p.OpenDispute(disputedEval(), raise(t0, DisputeItemEvent{Item: "voice", Reason: "noise"}, DisputeItemEvent{Item: "argue", Reason: "calm"},
		DisputeItemEvent{Item: "extra", Reason: "went further"}))
	require.NoError(t, err)
	at := t0.Add(time.Hour)
	upheld, err := p.Apply(d, DisputeEvent{ID: "d1", Type: EventDecide, At: at, By: "rev", Items: []DisputeItemEvent{{Item: "voice", Decision: Upheld, Rationale: "fast"}}})
	require.NoError(t, err)
	dec := func(items ...DisputeItemEvent) DisputeEvent {
		return DisputeEvent{ID: "d2", Type: EventDecide, At: at, By: "rev", Items: items}
	}
	tests := []struct {
		reason string
		e      DisputeEvent
		want   string
	}{
		{"an item already decided", dec(DisputeItemEvent{Item: "voice", Decision: Overturned, Value: 5, Rationale: "r"}),
			`event.items[0].item: item "voice" is already upheld`},
		{"an item decided twice in one event", dec(DisputeItemEvent{Item: "argue", Decision: Upheld, Rationale: "r"}, DisputeItemEvent{Item: "argue", Decision: Upheld, Rationale: "r"}),
			`event.items[1].item: "argue" duplicates event.items[0].item`},
		{"an upheld item with a corrected value", dec(DisputeItemEvent{Item: "argue", Decision: Upheld, Value: 1, Rationale: "r"}),
			"event.items[0].value: an upheld item keeps its answer; give no corrected value"},
		{"an overturn to NaN", dec(DisputeItemEvent{Item: "argue", Decision: Overturned, Value: math.NaN(), Rationale: "r"}),
			`event.items[0].value: NaN is not a number on the scale of item "argue"`},
		{"an overturn to N/A where N/A is not allowed", dec(DisputeItemEvent{Item: "argue", Decision: Overturned, NA: true, Rationale: "r"}),
			`event.items[0].na: item "argue" does not allow N/A`},
		{"a decide event without items", dec(), "event.items: is required: a decide event decides at least one item"},
		{"a decision without a kind", dec(DisputeItemEvent{Item: "argue", Rationale: "r"}), `event.items[0].decision: unknown decision ""; allowed: upheld, overturned`},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := p.Apply(upheld, tc.e)
			assert.EqualError(t, err, tc.want)
		})
	}

	// Overturning to N/A where it is allowed re-scores without the item.
	na, err := p.Apply(upheld, dec(DisputeItemEvent{Item: "extra", Decision: Overturned, NA: true, Rationale: "no chance to go further on this call"}))
	require.NoError(t, err)
	require.Len(t, na.Versions, 2)
	assert.InDelta(t, 0, na.Current().Score-(0.6*0+0.4*100), 1e-9, "argue still failed zeroes section a; b without extra is 2/2")

	// A stored dispute whose state or items were tampered with.
	bad := upheld
	bad.Status = ""
	_, err = p.Apply(bad, dec(DisputeItemEvent{Item: "argue", Decision: Upheld, Rationale: "r"}))
	assert.EqualError(t, err, `dispute.status: unknown status ""; allowed: open, decided, withdrawn`)
	bad = upheld
	bad.Items = append([]DisputedItem(nil), upheld.Items...)
	bad.Items[1].Item = "smile"
	_, err = p.Apply(bad, dec(DisputeItemEvent{Item: "smile", Decision: Upheld, Rationale: "r"}))
	assert.EqualError(t, err, `dispute.items[1].item: unknown item "smile"; allowed: greet, voice, hold, argue, close, leak, extra`)
}

func TestDisputeHold(t *testing.T) {
	p := loadPolicy(t, "small.yaml")
	ev := disputedEval()
	d, err := p.OpenDispute(ev, raise(t0.Add(24*time.Hour), DisputeItemEvent{Item: "voice", Reason: "noise"}, DisputeItemEvent{Item: "argue", Reason: "calm"}))
	require.NoError(t, err)
	held, why := d.Hold()
	assert.True(t, held)
	assert.Equal(t, callfloor.Reason{Rule: "disputes.hold", Outcome: callfloor.Held, Text: "evaluation e1 is disputed since 2025-03-04 with 2 items pending: held out of pay and discipline until decided", Message: "qa.reason.hold_open",
		Facts: []callfloor.Fact{{Name: "pending", Value: 2}}}, why)

	half, err := p.Apply(d, DisputeEvent{ID: "d1", Type: EventDecide, At: t0.Add(48 * time.Hour), By: "rev",
		Items: []DisputeItemEvent{{Item: "argue", Decision: Overturned, Value: 1, Rationale: "calm on the recording"}}})
	require.NoError(t, err)
	held, why = half.Hold()
	assert.True(t, held, "held while any item is pending")
	assert.Contains(t, why.Text, "1 item pending")

	done, err := p.Apply(half, DisputeEvent{ID: "d2", Type: EventDecide, At: t0.Add(49 * time.Hour), By: "rev",
		Items: []DisputeItemEvent{{Item: "voice", Decision: Upheld, Rationale: "too fast"}}})
	require.NoError(t, err)
	held, why = done.Hold()
	assert.False(t, held)
	assert.Equal(t, callfloor.Reason{Rule: "disputes.hold", Outcome: callfloor.Fired, Text: "the dispute of evaluation e1 is decided; score version 2 counts", Message: "qa.reason.hold_decided",
		Facts: []callfloor.Fact{{Name: "version", Value: 2}}}, why)

	w, err := p.Apply(half, DisputeEvent{ID: "w1", Type: EventWithdraw, At: t0.Add(50 * time.Hour), By: "ana"})
	require.NoError(t, err)
	held, why = w.Hold()
	assert.False(t, held)
	assert.Equal(t, "disputes.hold", why.Rule)
	assert.Equal(t, callfloor.Fired, why.Outcome)
	assert.Len(t, w.Versions, 2, "a withdrawal after a partial decision keeps the versions so far")

	held, why = Dispute{}.Hold()
	assert.False(t, held)
	assert.Equal(t, callfloor.Reason{Rule: "disputes.hold", Outcome: callfloor.NotEvaluated, Text: "the evaluation is not under dispute", Message: "qa.reason.hold_none"}, why)
}

func TestSentencesCountInEnglish(t *testing.T) {
	tests := []struct{ got, want string }{
		{days(24 * time.Hour), "1 day"},
		{days(14 * 24 * time.Hour), "14 days"},
		{days(36 * time.Hour), "36h0m0s"},
		{count(0, "item"), "0 items"},
		{count(1, "complaint"), "1 complaint"},
		{msg.QaReasonUnassigned{N: 1}.String(msg.English()), "1 score or complaint falls in no period and is not counted"},
		{msg.QaReasonUnassigned{N: 2}.String(msg.English()), "2 scores or complaints fall in no period and are not counted"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, tc.got)
	}
	src, err := os.ReadFile(filepath.Join("testdata", "small.yaml"))
	require.NoError(t, err)
	p := loadPolicyFromString(t, "disputes: {window: 1d}\n"+string(src))
	_, err = p.OpenDispute(disputedEval(), raise(t0.Add(25*time.Hour), DisputeItemEvent{Item: "voice", Reason: "noise"}))
	assert.EqualError(t, err, "event.at: 2025-03-04T10:00:00Z is after the dispute window closed at 2025-03-04T09:00:00Z (1 day after the evaluation)")
	s, err := DefaultPolicy().Sufficient(ForPay, 1)
	require.NoError(t, err)
	assert.Equal(t, "1 evaluation, fewer than the 8 needed for pay: the figure is held", s.Reasons[0].Text)
}

func TestDisputeHardening(t *testing.T) {
	p := loadPolicy(t, "small.yaml")
	ev := disputedEval()
	require.NotEmpty(t, ev.Evaluator)
	d, err := p.OpenDispute(ev, raise(t0.Add(time.Hour), DisputeItemEvent{Item: "voice", Reason: "noise"}, DisputeItemEvent{Item: "argue", Reason: "calm"}))
	require.NoError(t, err)
	dec := DisputeEvent{ID: "d1", Type: EventDecide, At: t0.Add(2 * time.Hour), By: "rev",
		Items: []DisputeItemEvent{{Item: "argue", Decision: Overturned, Value: 1, Rationale: "calm on the recording"}}}
	d1, err := p.Apply(d, dec)
	require.NoError(t, err)
	d1 = roundTrip(t, d1)

	same, err := p.Apply(d1, dec)
	require.NoError(t, err)
	assert.Equal(t, d1, same, "the same event again changes nothing")
	raiseAgain, err := p.Apply(d1, d1.History[0])
	require.NoError(t, err, "the raise re-sent is the same event")
	assert.Equal(t, d1, raiseAgain)

	other := dec
	other.Items = []DisputeItemEvent{{Item: "voice", Decision: Upheld, Rationale: "too fast"}}
	later := dec
	later.At = dec.At.Add(time.Minute)
	bySomeoneElse := dec
	bySomeoneElse.By = "rev2"
	stored := func(edit func(*Dispute)) Dispute {
		c := d1.clone()
		edit(&c)
		return c
	}
	tests := []struct {
		reason string
		d      Dispute
		e      DisputeEvent
		want   string
	}{
		{"the evaluator decides", d, DisputeEvent{ID: "d9", Type: EventDecide, At: t0.Add(2 * time.Hour), By: ev.Evaluator,
			Items: []DisputeItemEvent{{Item: "voice", Decision: Upheld, Rationale: "I was right"}}},
			`event.by: "` + ev.Evaluator + `" scored the evaluation and cannot decide its dispute; a reviewer other than the agent and the evaluator decides`},
		{"an id reused for other items", d1, other, `event.id: event id "d1" was already applied with different content; an event id names one event`},
		{"an id reused at another time", d1, later, `event.id: event id "d1" was already applied with different content; an event id names one event`},
		{"an id reused by another reviewer", d1, bySomeoneElse, `event.id: event id "d1" was already applied with different content; an event id names one event`},
		{"the raise id reused for a withdraw", d1, DisputeEvent{ID: "r1", Type: EventWithdraw, At: t0.Add(3 * time.Hour), By: "ana"},
			`event.id: event id "r1" was already applied with different content; an event id names one event`},
		{"a status that disagrees with the events", stored(func(c *Dispute) { c.Status = StatusDecided }), DisputeEvent{ID: "w", Type: EventWithdraw, At: t0.Add(3 * time.Hour), By: "ana"},
			`dispute.status: disagrees with the dispute's own history, which gives "open"`},
		{"an opening time that is not the raise's", stored(func(c *Dispute) { c.Opened = c.Opened.Add(time.Minute) }), other,
			`dispute.opened: disagrees with the dispute's own history, which gives "2025-03-03T10:00:00Z"`},
		{"an update time that is not the last event's", stored(func(c *Dispute) { c.Updated = c.Opened }), other,
			`dispute.updated: disagrees with the dispute's own history, which gives "2025-03-03T11:00:00Z"`},
		{"an id edited by hand", stored(func(c *Dispute) { c.ID = "e2/20250303T100000.000000000Z" }), other,
			`dispute.id: "e2/20250303T100000.000000000Z" is not the id of the dispute its evaluation and raise make, "e1/20250303T100000.000000000Z"`},
		{"an id wiped", stored(func(c *Dispute) { c.ID = "" }), other,
			`dispute.id: "" is not the id of the dispute its evaluation and raise make, "e1/20250303T100000.000000000Z"`},
		{"another evaluation id under the same history", stored(func(c *Dispute) { c.Evaluation.ID = "e2" }), other,
			`dispute.id: "e1/20250303T100000.000000000Z" is not the id of the dispute its evaluation and raise make, "e2/20250303T100000.000000000Z"`},
		{"a wiped history", stored(func(c *Dispute) { c.History = nil }), other,
			"dispute.history: a stored dispute holds its history from the raise; this one does not"},
		{"one id twice in the history", stored(func(c *Dispute) { c.History[1].ID = "r1" }), other,
			`dispute.history[1].id: "r1" duplicates dispute.history[0].id`},
		{"a corrected score edited by hand", stored(func(c *Dispute) { c.Versions[1].Score = 100 }), other,
			`dispute.versions: disagrees with the dispute's own history, which gives [{"version":1,"at":"2025-03-03T09:00:00Z","score":20,"raw_score":50,"passed":false,"critical_failed":["argue"]},{"version":2,"at":"2025-03-03T11:00:00Z","event":"d1","score":62,"raw_score":62,"passed":false,"overturned":["argue"]}]`},
		{"another evaluation under the same history", stored(func(c *Dispute) { c.Evaluation.Agent = "bob" }), other,
			`dispute.history[0].by: "ana" cannot dispute an evaluation of "bob"; only the agent can`},
		{"a history whose raise came too late", stored(func(c *Dispute) { c.Evaluation.At = t0.Add(-30 * 24 * time.Hour) }), other,
			"dispute.history[0].at: 2025-03-03T10:00:00Z is after the dispute window closed at 2025-02-15T09:00:00Z (14 days after the evaluation)"},
		{"an event in year 10000", d1, DisputeEvent{ID: "w", Type: EventWithdraw, At: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), By: "ana"},
			"event.at: year 10000 is outside 0..9999, the range a stored time can hold"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			before := roundTrip(t, tc.d)
			got, err := p.Apply(tc.d, tc.e)
			assert.EqualError(t, err, tc.want)
			assert.Equal(t, before, got, "a refused event returns the dispute unchanged")
		})
	}
}

func TestDisputeTimesJSONCannotHold(t *testing.T) {
	p := loadPolicy(t, "small.yaml")
	one := DisputeItemEvent{Item: "voice", Reason: "noise"}
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, time.UTC) }
	tests := []struct {
		reason string
		evAt   time.Time
		raise  time.Time
		want   string
	}{
		{"window closing on the last day of 9999", at(9999, 12, 17), at(9999, 12, 18), ""},
		{"window closing in year 10000", at(9999, 12, 18), at(9999, 12, 19),
			"evaluation.at: the dispute window, 14 days after it, closes out of range: year 10000 is outside 0..9999, the range a stored time can hold"},
		{"evaluation in year 10000", at(10000, 1, 1), at(10000, 1, 1), "evaluation.at: year 10000 is outside 0..9999, the range a stored time can hold"},
		{"evaluation in year -1", at(-1, 1, 1), at(-1, 1, 2), "evaluation.at: year -1 is outside 0..9999, the range a stored time can hold"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			ev := disputedEval()
			ev.At = tc.evAt
			d, err := p.OpenDispute(ev, raise(tc.raise, one))
			if tc.want == "" {
				require.NoError(t, err)
				roundTrip(t, d)
				return
			}
			assert.EqualError(t, err, tc.want)
		})
	}
}

func TestDisputeHistoryBound(t *testing.T) {
	p := loadPolicy(t, "small.yaml")
	two := raise(t0.Add(time.Hour), DisputeItemEvent{Item: "voice", Reason: "noise"}, DisputeItemEvent{Item: "argue", Reason: "calm"})
	d, err := p.OpenDispute(disputedEval(), two)
	require.NoError(t, err)
	d1, err := p.Apply(d, DisputeEvent{ID: "d1", Type: EventDecide, At: t0.Add(2 * time.Hour), By: "rev",
		Items: []DisputeItemEvent{{Item: "argue", Decision: Upheld, Rationale: "heard it"}}})
	require.NoError(t, err)
	withdraw := DisputeEvent{ID: "w1", Type: EventWithdraw, At: t0.Add(3 * time.Hour), By: "ana"}
	full, err := p.Apply(d1, withdraw)
	require.NoError(t, err)
	require.Len(t, full.History, 3, "two items: the raise, a decide of one item, a withdraw while the other is pending")

	again, err := p.Apply(full, withdraw)
	require.NoError(t, err, "a history of items + 1 events is what the state machine allows")
	assert.Equal(t, full, again)

	// grow appends withdraw events with fresh ids to a copy of the dispute
	// until its history holds n events.
	grow := func(d Dispute, n int) Dispute {
		c := d.clone()
		for i := len(c.History); i < n; i++ {
			e := DisputeEvent{ID: fmt.Sprintf("x%d", i), Type: EventWithdraw, At: t0.Add(4 * time.Hour), By: "ana"}
			c.History = append(c.History, e)
		}
		return c
	}
	noItems := d.clone()
	noItems.Items = nil
	tests := []struct {
		reason string
		d      Dispute
		want   string
	}{
		{"one event past the bound", grow(full, 4),
			"dispute.history: 4 events for 2 items under dispute; a dispute holds at most 3: the raise and one event per item, since a decide settles at least one item and a withdraw comes while one is pending"},
		{"a hostile history of 40,000 events", grow(full, 40_000),
			"dispute.history: 40000 events for 2 items under dispute; a dispute holds at most 3: the raise and one event per item, since a decide settles at least one item and a withdraw comes while one is pending"},
		{"a history longer than its empty item list allows", grow(noItems, 2),
			"dispute.history: 2 events for 0 items under dispute; a dispute holds at most 1: the raise and one event per item, since a decide settles at least one item and a withdraw comes while one is pending"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			got, err := p.Apply(tc.d, DisputeEvent{ID: "late", Type: EventWithdraw, At: t0.Add(5 * time.Hour), By: "ana"})
			assert.EqualError(t, err, tc.want)
			assert.Len(t, got.History, len(tc.d.History), "a refused dispute comes back unchanged")
		})
	}
}

func TestFirstRepeat(t *testing.T) {
	ids := func(n int, repeat ...int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("e%d", i)
		}
		for k := 0; k+1 < len(repeat); k += 2 {
			out[repeat[k]] = out[repeat[k+1]]
		}
		return out
	}
	tests := []struct {
		reason string
		ids    []string
		i, j   int
	}{
		{"none", nil, -1, -1},
		{"one", ids(1), -1, -1},
		{"two equal", ids(2, 1, 0), 1, 0},
		{"distinct, pairwise", ids(smallRepeat), -1, -1},
		{"the last of the pairwise length repeats the first", ids(smallRepeat, smallRepeat-1, 0), smallRepeat - 1, 0},
		{"distinct, by map", ids(smallRepeat + 1), -1, -1},
		{"the first repeat wins, by map", ids(50, 30, 2, 20, 7), 20, 7},
		{"a value seen three times is named by its first place", ids(50, 10, 3, 40, 3), 10, 3},
		{"the last of 100,000 repeats the first", ids(100_000, 99_999, 0), 99_999, 0},
		{"100,000 distinct", ids(100_000), -1, -1},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			calls := 0
			i, j := firstRepeat(len(tc.ids), func(k int) string { calls++; return tc.ids[k] })
			assert.Equal(t, [2]int{tc.i, tc.j}, [2]int{i, j})
			// Pairwise comparison is bounded by the small length; beyond
			// it each id is read once.
			assert.LessOrEqual(t, calls, len(tc.ids)+smallRepeat*smallRepeat, "ids read for %d ids", len(tc.ids))
		})
	}
}

// historyIDs lists the ids of the events a dispute applied, in order.
func historyIDs(d Dispute) []string {
	out := make([]string, len(d.History))
	for i, e := range d.History {
		out[i] = e.ID
	}
	return out
}

// TestDisputeUnderAnotherPolicy holds a dispute stored under one policy
// version to what its history alone decides when another version reads
// it: its id and its opening and update times.
func TestDisputeUnderAnotherPolicy(t *testing.T) {
	p := loadPolicy(t, "small.yaml")
	src, err := os.ReadFile(filepath.Join("testdata", "small.yaml"))
	require.NoError(t, err)
	next := loadPolicyFromString(t, strings.Replace(string(src), `version: "t1"`, `version: "t2"`, 1))
	require.NotEqual(t, p.Identity(), next.Identity())
	d, err := p.OpenDispute(disputedEval(), raise(t0.Add(time.Hour), DisputeItemEvent{Item: "voice", Reason: "noise"}, DisputeItemEvent{Item: "argue", Reason: "calm"}))
	require.NoError(t, err)
	d, err = p.Apply(d, DisputeEvent{ID: "d1", Type: EventDecide, At: t0.Add(2 * time.Hour), By: "rev",
		Items: []DisputeItemEvent{{Item: "argue", Decision: Upheld, Rationale: "heard it"}}})
	require.NoError(t, err)
	withdraw := DisputeEvent{ID: "w1", Type: EventWithdraw, At: t0.Add(3 * time.Hour), By: "ana"}
	stored := func(edit func(*Dispute)) Dispute {
		c := d.clone()
		edit(&c)
		return c
	}
	tests := []struct {
		reason string
		d      Dispute
		want   string
	}{
		{"as stored", d, ""},
		{"an opening time that is not the raise's", stored(func(c *Dispute) { c.Opened = t0 }),
			"dispute.opened: 2025-03-03T09:00:00Z is not the time of the raise in the history, 2025-03-03T10:00:00Z"},
		{"an update time that is not the last event's", stored(func(c *Dispute) { c.Updated = c.Opened }),
			"dispute.updated: 2025-03-03T10:00:00Z is not the time of the last event in the history, 2025-03-03T11:00:00Z"},
		{"an id edited by hand", stored(func(c *Dispute) { c.ID = "e1" }),
			`dispute.id: "e1" is not the id of the dispute its evaluation and raise make, "e1/20250303T100000.000000000Z"`},
		{"an evaluation without a source", stored(func(c *Dispute) { c.Evaluation.Source = "" }),
			`dispute.evaluation.source: unknown source ""; allowed: qa, peer, self, lead`},
		{"an event without its author", stored(func(c *Dispute) { c.History[1].By = "" }),
			"dispute.history[1].by: is required"},
		{"an event of an unknown type", stored(func(c *Dispute) { c.History[1].Type = "appeal" }),
			`dispute.history[1].type: unknown event type "appeal"; allowed: raise, decide, withdraw`},
		{"an evaluation time JSON cannot hold", stored(func(c *Dispute) { c.Evaluation.At = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }),
			"dispute: cannot be stored again: json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: year outside of range [0,9999]"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			got, err := next.Apply(tc.d, withdraw)
			if tc.want == "" {
				require.NoError(t, err)
				assert.Equal(t, StatusWithdrawn, got.Status)
				assert.Equal(t, p.Identity(), got.Policy, "a dispute keeps the policy it was opened under")
				return
			}
			assert.EqualError(t, err, tc.want)
			assert.Equal(t, tc.d, got, "a refused event returns the dispute unchanged")
		})
	}
}
