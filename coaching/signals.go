package coaching

import (
	"math"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

// The signal names this package gives a meaning to: those MoodSignals and
// QASignals produce, and those the default policy's rules read. The
// default policy declares them all; a custom policy that uses MoodSignals
// or QASignals must declare the names they produce, or Propose refuses
// them. Whoever supplies a signal of these names, Propose and Retention
// hold it to the range stated on its constant and refuse any other value
// with the signal's name; a signal a policy declares under any other name
// is only required to be a finite number.
const (
	// SignalMoodTier is the mood triage tier: 0 normal, 1 mild, 2
	// moderate, 3 severe; nothing else.
	SignalMoodTier = "mood_tier"
	// SignalMoodWatch is 1 when the mood triage asks to watch the person,
	// else 0.
	SignalMoodWatch = "mood_watch"
	// SignalMoodCrisis is 1 in a crisis, else 0.
	SignalMoodCrisis = "mood_crisis"
	// SignalQAAvg is the QA mean of the latest period, on the 0 to 100
	// scale.
	SignalQAAvg = "qa_avg"
	// SignalComplaints counts customer complaints in the latest period: a
	// whole number, not negative.
	SignalComplaints = "complaints"
	// SignalQAPeriodsBelowBar counts consecutive periods under the QA bar:
	// a whole number, not negative.
	SignalQAPeriodsBelowBar = "qa_periods_below_bar"
	// SignalQAStableThenDrop is 1 when a long stable, excellent QA record
	// suddenly dropped or drew a complaint, else 0.
	SignalQAStableThenDrop = "qa_stable_then_drop"
	// SignalQAEvaluations counts the scores SignalQAAvg rests on: a whole
	// number, not negative.
	SignalQAEvaluations = "qa_evaluations"
	// SignalDaysSinceReview is the days since the last performance
	// interview: not negative, fractions allowed.
	SignalDaysSinceReview = "days_since_review"
	// SignalEligibleNextGrade is 1 when the career ladder allows the next
	// grade, else 0.
	SignalEligibleNextGrade = "eligible_next_grade"
	// SignalWantsPromotion is 1 when the person said they want promotion,
	// else 0.
	SignalWantsPromotion = "wants_promotion"
	// SignalResigned is 1 once a resignation is handed in, else 0.
	SignalResigned = "resigned"
	// SignalTenureDays is the days since hiring: not negative, fractions
	// allowed.
	SignalTenureDays = "tenure_days"
	// SignalSickDays counts the days the person was off sick that no care
	// talk has followed yet (a half day is 0.5): not negative. An agent
	// suddenly off with a high fever is a need the care talk starts from;
	// counting only days no talk has followed yet makes one illness
	// propose one talk, not one a day.
	SignalSickDays = "sick_days"
	// SignalLifeEvent is 1 when the team lead reported a life event (a
	// bereavement, a breakup, an illness in the family) that no care talk
	// has followed yet, else 0. It says only that there is one: which
	// event it was stays with the lead and the care case's own records.
	SignalLifeEvent = "life_event"
	// SignalLeaningToLeave is 1 when the lead sees signs that the person
	// leans toward leaving and has not resigned yet, else 0; the host
	// decides what counts as a sign.
	SignalLeaningToLeave = "leaning_to_leave"
)

// signalRange is the set of values a signal of a known name may take.
type signalRange int

const (
	anyFinite  signalRange = iota // a name the package gives no meaning to
	yesNo                         // 0 or 1
	wholeCount                    // 0, 1, 2, ...
	days                          // at least 0
	tier                          // 0, 1, 2 or 3
	qaScale                       // 0 to 100
)

// signalRanges is the one list of the signals this package gives a
// meaning to, with the values each may take; every check of a signal's
// value reads it.
var signalRanges = map[string]signalRange{
	SignalMoodTier:          tier,
	SignalMoodWatch:         yesNo,
	SignalMoodCrisis:        yesNo,
	SignalQAAvg:             qaScale,
	SignalComplaints:        wholeCount,
	SignalQAPeriodsBelowBar: wholeCount,
	SignalQAStableThenDrop:  yesNo,
	SignalQAEvaluations:     wholeCount,
	SignalDaysSinceReview:   days,
	SignalEligibleNextGrade: yesNo,
	SignalWantsPromotion:    yesNo,
	SignalResigned:          yesNo,
	SignalTenureDays:        days,
	SignalSickDays:          days,
	SignalLifeEvent:         yesNo,
	SignalLeaningToLeave:    yesNo,
}

// checkSignal holds a signal to its range; it returns what is wrong with
// v, or nil.
// maxCount and maxDays bound counts and day spans, so that a figure
// beyond what a call center can count (1e19 complaints) is refused rather
// than read as if it were real; the count bound is the one incentives
// uses, the day bound the longest career a tenure plan accepts.
const (
	maxCount = 1_000_000_000_000
	maxDays  = maxTenureYears * 366
)

func checkSignal(loc *msg.Locale, f callfloor.Path, name string, v float64) *callfloor.InputError {
	switch signalRanges[name] {
	case tier:
		if v != math.Trunc(v) || v < 0 || v > 3 {
			return msgerr.Invalid(loc, f, v, msg.CoachingDetailNotTier{})
		}
	case yesNo:
		if v != 0 && v != 1 {
			return msgerr.Invalid(loc, f, v, msg.CoachingDetailNotYesNo{})
		}
	case wholeCount:
		if v != math.Trunc(v) || v < 0 {
			return msgerr.Invalid(loc, f, v, msg.CoachingDetailNotCount{})
		}
		if v > maxCount {
			return msgerr.OutOfRange(loc, f, v, 0, maxCount, msg.CoachingWhatLargestCount{})
		}
	case days:
		if v < 0 || v > maxDays {
			return msgerr.OutOfRange(loc, f, v, 0, maxDays, msg.CoachingWhatCareerDays{MaxTenureYears: maxTenureYears})
		}
	case qaScale:
		if v < 0 || v > 100 {
			return msgerr.OutOfRange(loc, f, v, 0, 100, msg.CoachingWhatQaScale{})
		}
	}
	return nil
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
// mood_crisis is 1 for as long as the triage holds a crisis answer in
// force: a later retake without one does not lower it; only the crisis
// owner's closure, or the answer's window running out, does.
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
