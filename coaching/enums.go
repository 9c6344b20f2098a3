package coaching

import "github.com/callfloor/callfloor/internal/enum"

// The text forms of the package's enumerations: each writes only its own
// constants and reads only their names, so that a misspelt kind, stage or
// reason in stored JSON is an *callfloor.InputError listing the allowed
// names, never a value no rule knows.

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

// MarshalText gives the kind's name; a value that is not one of the
// constants is an error.
func (k Kind) MarshalText() ([]byte, error) { return enum.Marshal("kind", k, kinds) }

// UnmarshalText reads a kind's name and refuses any other text.
func (k *Kind) UnmarshalText(b []byte) error { return unmarshal(k, "kind", b, kinds) }

// String gives the stage's name, as in "new_hire".
func (s Stage) String() string { return string(s) }

// MarshalText gives the stage's name; a value that is not one of the
// constants is an error.
func (s Stage) MarshalText() ([]byte, error) { return enum.Marshal("stage", s, stages) }

// UnmarshalText reads a stage's name and refuses any other text.
func (s *Stage) UnmarshalText(b []byte) error { return unmarshal(s, "stage", b, stages) }

// String gives the recommendation's name, as in "hire".
func (r Recommendation) String() string { return string(r) }

// MarshalText gives the recommendation's name; a value that is not one
// of the constants is an error.
func (r Recommendation) MarshalText() ([]byte, error) {
	return enum.Marshal("recommendation", r, recommendations)
}

// UnmarshalText reads a recommendation's name and refuses any other text.
func (r *Recommendation) UnmarshalText(b []byte) error {
	return unmarshal(r, "recommendation", b, recommendations)
}

// String gives the exit reason's name, as in "workload".
func (r ExitReason) String() string { return string(r) }

// MarshalText gives the exit reason's name; a value that is not one of
// the constants is an error.
func (r ExitReason) MarshalText() ([]byte, error) { return enum.Marshal("exit reason", r, exitReasons) }

// UnmarshalText reads an exit reason's name and refuses any other text.
func (r *ExitReason) UnmarshalText(b []byte) error {
	return unmarshal(r, "exit reason", b, exitReasons)
}

// String gives the period's name, as in "month".
func (a AttritionPeriod) String() string { return string(a) }

// MarshalText gives the period's name; a value that is not one of the
// constants is an error.
func (a AttritionPeriod) MarshalText() ([]byte, error) {
	return enum.Marshal("period", a, attritionPeriods)
}

// UnmarshalText reads a period's name and refuses any other text.
func (a *AttritionPeriod) UnmarshalText(b []byte) error {
	return unmarshal(a, "period", b, attritionPeriods)
}

// String gives the dimension's name, as in "honesty".
func (d Dimension) String() string { return string(d) }

// MarshalText gives the dimension's name; a value that is not one of the
// constants is an error.
func (d Dimension) MarshalText() ([]byte, error) { return enum.Marshal("dimension", d, dimensions) }

// UnmarshalText reads a dimension's name and refuses any other text.
func (d *Dimension) UnmarshalText(b []byte) error { return unmarshal(d, "dimension", b, dimensions) }

// String gives the check-in kind's name, as in "care".
func (k CheckInKind) String() string { return string(k) }

// MarshalText gives the check-in kind's name; a value that is not one of
// the constants is an error.
func (k CheckInKind) MarshalText() ([]byte, error) {
	return enum.Marshal("check-in kind", k, checkInKinds)
}

// UnmarshalText reads a check-in kind's name and refuses any other text.
func (k *CheckInKind) UnmarshalText(b []byte) error {
	return unmarshal(k, "check-in kind", b, checkInKinds)
}

// unmarshal reads b into *v as one of names, leaving *v as it was when b
// is none of them.
func unmarshal[T ~string](v *T, kind string, b []byte, names []T) error {
	x, err := enum.Unmarshal(kind, b, names)
	if err == nil {
		*v = x
	}
	return err
}
