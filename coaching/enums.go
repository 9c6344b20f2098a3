package coaching

import (
	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/enum"
	"github.com/callfloor/callfloor/internal/msg"
)

// The text forms of the package's enumerations. Stages,
// recommendations, periods and check-in kinds write only their own
// constants and read only their names, so that a misspelt one in stored
// JSON is an *callfloor.InputError listing the allowed names, never a
// value no rule knows. Kinds, dimensions and exit reasons are the
// policy's to declare, so their text is any id (^[a-z][a-z0-9_]*$): a
// stored case of a kind only a center's own policy declares reads back
// under that policy, and the policy, not the text form, refuses a kind,
// dimension or reason it does not declare.

var (
	kinds            = []Kind{PerformanceReview, PerformanceProblem, Promotion, Care, EmployeeIssue, ExitInterview, HiringInterview}
	stages           = []Stage{NewHire, Established, Veteran}
	recommendations  = []Recommendation{Hire, Hold, Reject}
	exitReasons      = []ExitReason{ExitPay, ExitWorkload, ExitManager, ExitGrowth, ExitSchedule, ExitHealth, ExitPersonal, ExitOther}
	attritionPeriods = []AttritionPeriod{Monthly, Quarterly, Yearly}
	dimensions       = []Dimension{StressTolerance, Adaptability, Expression, Execution, SelfPlanning, ListeningComprehension, ProfessionalKnowledge, Honesty}
	checkInKinds     = []CheckInKind{CheckInCare, CheckInGuidance, CheckInAttention}
)

// String gives the kind's name, as in "performance_review".
func (k Kind) String() string { return string(k) }

// MarshalText gives the kind's name; a value that is not an id is an
// error.
func (k Kind) MarshalText() ([]byte, error) { return idMarshal(kindNotAnID, k) }

// UnmarshalText reads a kind's name and refuses any text that is not an
// id; whether the kind is one the policy declares is the policy's to say.
func (k *Kind) UnmarshalText(b []byte) error { return idUnmarshal(k, kindNotAnID, b) }

// String gives the stage's name, as in "new_hire".
func (s Stage) String() string { return string(s) }

// MarshalText gives the stage's name; a value that is not one of the
// constants is an error.
func (s Stage) MarshalText() ([]byte, error) { return enum.Marshal(msg.EnumCoachingStage{}, s, stages) }

// UnmarshalText reads a stage's name and refuses any other text.
func (s *Stage) UnmarshalText(b []byte) error {
	return unmarshal(s, msg.EnumCoachingStage{}, b, stages)
}

// String gives the recommendation's name, as in "hire".
func (r Recommendation) String() string { return string(r) }

// MarshalText gives the recommendation's name; a value that is not one
// of the constants is an error.
func (r Recommendation) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumCoachingRecommendation{}, r, recommendations)
}

// UnmarshalText reads a recommendation's name and refuses any other text.
func (r *Recommendation) UnmarshalText(b []byte) error {
	return unmarshal(r, msg.EnumCoachingRecommendation{}, b, recommendations)
}

// String gives the exit reason's name, as in "workload".
func (r ExitReason) String() string { return string(r) }

// MarshalText gives the exit reason's name; a value that is not an id is
// an error.
func (r ExitReason) MarshalText() ([]byte, error) { return idMarshal(exitReasonNotAnID, r) }

// UnmarshalText reads an exit reason's name and refuses any text that is
// not an id; whether the reason is one the policy declares is the
// policy's to say.
func (r *ExitReason) UnmarshalText(b []byte) error { return idUnmarshal(r, exitReasonNotAnID, b) }

// String gives the period's name, as in "month".
func (a AttritionPeriod) String() string { return string(a) }

// MarshalText gives the period's name; a value that is not one of the
// constants is an error.
func (a AttritionPeriod) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumCoachingPeriod{}, a, attritionPeriods)
}

// UnmarshalText reads a period's name and refuses any other text.
func (a *AttritionPeriod) UnmarshalText(b []byte) error {
	return unmarshal(a, msg.EnumCoachingPeriod{}, b, attritionPeriods)
}

// String gives the dimension's name, as in "honesty".
func (d Dimension) String() string { return string(d) }

// MarshalText gives the dimension's name; a value that is not an id is
// an error.
func (d Dimension) MarshalText() ([]byte, error) { return idMarshal(dimensionNotAnID, d) }

// UnmarshalText reads a dimension's name and refuses any text that is not
// an id; whether the dimension is one the policy declares is the
// policy's to say.
func (d *Dimension) UnmarshalText(b []byte) error { return idUnmarshal(d, dimensionNotAnID, b) }

// String gives the check-in kind's name, as in "care".
func (k CheckInKind) String() string { return string(k) }

// MarshalText gives the check-in kind's name; a value that is not one of
// the constants is an error.
func (k CheckInKind) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumCoachingCheckInKind{}, k, checkInKinds)
}

// UnmarshalText reads a check-in kind's name and refuses any other text.
func (k *CheckInKind) UnmarshalText(b []byte) error {
	return unmarshal(k, msg.EnumCoachingCheckInKind{}, b, checkInKinds)
}

// idMarshal writes v when it is an id, as a policy declares its kinds,
// dimensions and exit reasons.
func idMarshal[T ~string](what func(string) msg.Message, v T) ([]byte, error) {
	if !callfloor.ValidID(string(v)) {
		return nil, idError(what, string(v))
	}
	return []byte(v), nil
}

// idUnmarshal reads b into *v when it is an id, leaving *v as it was
// when it is not.
func idUnmarshal[T ~string](v *T, what func(string) msg.Message, b []byte) error {
	if !callfloor.ValidID(string(b)) {
		return idError(what, string(b))
	}
	*v = T(b)
	return nil
}

// idError refuses text that is not an id where a kind, dimension or exit
// reason is read from JSON, by the message what gives for the quoted
// text; no policy is at hand there, so it is worded in English, and
// callfloor.Localize words it in another locale.
func idError(what func(string) msg.Message, v string) error {
	return callfloor.FramedInputError(nil, "", callfloor.ErrInvalid, nil, what(quote(v)))
}

func kindNotAnID(v string) msg.Message       { return msg.CoachingInputKindNotAnId{Value: v} }
func exitReasonNotAnID(v string) msg.Message { return msg.CoachingInputExitReasonNotAnId{Value: v} }
func dimensionNotAnID(v string) msg.Message  { return msg.CoachingInputDimensionNotAnId{Value: v} }

// unmarshal reads b into *v as one of names, leaving *v as it was when b
// is none of them.
func unmarshal[T ~string](v *T, kind msg.Message, b []byte, names []T) error {
	x, err := enum.Unmarshal(kind, b, names)
	if err == nil {
		*v = x
	}
	return err
}
