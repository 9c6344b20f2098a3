package coaching

import (
	"fmt"
	"math"

	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

// The signal names MoodSignals and QASignals produce. The default policy
// declares them all; a custom policy that uses either function must declare the
// names it produces, or Propose refuses them. Whoever supplies them,
// Propose and Retention hold them to their meaning: mood_tier is 0 to 3,
// the yes-or-no signals are 1 or 0, the counts are whole and not negative,
// and qa_avg is on the 0 to 100 scale.
const (
	SignalMoodTier          = "mood_tier"
	SignalMoodWatch         = "mood_watch"
	SignalMoodCrisis        = "mood_crisis"
	SignalQAAvg             = "qa_avg"
	SignalComplaints        = "complaints"
	SignalQAPeriodsBelowBar = "qa_periods_below_bar"
	SignalQAStableThenDrop  = "qa_stable_then_drop"
	SignalQAEvaluations     = "qa_evaluations"
)

// checkSignal holds a signal this package names to its meaning; it returns
// what is wrong with v, or "".
func checkSignal(name string, v float64) string {
	switch name {
	case SignalMoodTier:
		if v != math.Trunc(v) || v < 0 || v > 3 {
			return fmt.Sprintf("%v is not a tier: 0 normal, 1 mild, 2 moderate or 3 severe", v)
		}
	case SignalMoodWatch, SignalMoodCrisis, SignalQAStableThenDrop:
		if v != 0 && v != 1 {
			return fmt.Sprintf("%v is not a yes-or-no signal: 1 or 0", v)
		}
	case SignalComplaints, SignalQAPeriodsBelowBar, SignalQAEvaluations:
		if v != math.Trunc(v) || v < 0 {
			return fmt.Sprintf("%v is not a count: a whole number, not negative", v)
		}
	case SignalQAAvg:
		if v < 0 || v > 100 {
			return fmt.Sprintf("%v is off the QA scale 0 to 100", v)
		}
	}
	return ""
}

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
// reading it wait rather than read a zero), qa_evaluations (how many
// scores that mean rests on, so that a rule can refuse to act on too few),
// complaints in the latest period, qa_periods_below_bar, and
// qa_stable_then_drop (1 when the qa policy sees a long stable, excellent
// record that suddenly dropped or drew a complaint).
func QASignals(t qa.Trend) Signals {
	s := Signals{
		SignalComplaints:        float64(t.Latest.Complaints),
		SignalQAPeriodsBelowBar: float64(t.PeriodsBelowBar),
		SignalQAStableThenDrop:  bit(t.StableExcellentThenDrop),
		SignalQAEvaluations:     float64(t.Latest.N),
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
