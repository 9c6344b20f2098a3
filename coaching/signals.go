package coaching

import (
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

// The signal names the helpers below produce. The default policy declares
// them all; a custom policy that uses a helper must declare the names it
// produces, or Propose refuses them.
const (
	SignalMoodTier          = "mood_tier"
	SignalMoodWatch         = "mood_watch"
	SignalMoodCrisis        = "mood_crisis"
	SignalQAAvg             = "qa_avg"
	SignalComplaints        = "complaints"
	SignalQAPeriodsBelowBar = "qa_periods_below_bar"
	SignalQAStableThenDrop  = "qa_stable_then_drop"
)

func bit(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// MoodSignals turns a mood triage into signals: mood_tier (0 normal, 1
// mild, 2 moderate, 3 severe), mood_watch and mood_crisis (1 or 0). Only
// these facts leave the triage: no screening answer or total does.
func MoodSignals(t mood.Triage) Signals {
	return Signals{
		SignalMoodTier:   float64(t.Tier),
		SignalMoodWatch:  bit(t.Watch),
		SignalMoodCrisis: bit(t.Crisis),
	}
}

// QASignals turns one agent's QA trend into signals: qa_avg (the mean of
// the latest period, left out when that period has no score, so that rules
// reading it wait rather than read a zero), complaints in the latest
// period, qa_periods_below_bar, and qa_stable_then_drop (1 when the qa
// policy sees a long stable, excellent record that suddenly dropped or drew
// a complaint).
func QASignals(t qa.Trend) Signals {
	s := Signals{
		SignalComplaints:        float64(t.Latest.Complaints),
		SignalQAPeriodsBelowBar: float64(t.PeriodsBelowBar),
		SignalQAStableThenDrop:  bit(t.StableExcellentThenDrop),
	}
	if t.Latest.N > 0 {
		s[SignalQAAvg] = t.Latest.Mean
	}
	return s
}

// Merge returns a new set holding s and then each of others in turn; a
// name given twice keeps the last value.
func (s Signals) Merge(others ...Signals) Signals {
	out := make(Signals, len(s))
	for k, v := range s {
		out[k] = v
	}
	for _, o := range others {
		for k, v := range o {
			out[k] = v
		}
	}
	return out
}
