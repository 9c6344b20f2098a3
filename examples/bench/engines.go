package bench

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/callfloor/callfloor/internal/cond"
	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"
	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/interpreter"
)

// An Engine evaluates the four rules for one record.
type Engine interface {
	Eval(r *Record) (Outcome, error)
}

// Callfloor runs the rules through callfloor's condition language, all
// four compiled into one cond.Set. It keeps scratch slices, so one value
// serves one goroutine.
type Callfloor struct {
	set   *cond.Set
	vals  []float64
	first []int
}

// The groups of Callfloor's set, in order.
const (
	groupBonus = iota
	groupTriage
	groupPromotion
	groupDiscipline
	groups
)

// NewCallfloor compiles the rules once.
func NewCallfloor() (*Callfloor, error) {
	env, err := cond.NewEnv(MetricNames...)
	if err != nil {
		return nil, err
	}
	rules, err := compileRules(func(s string) (*cond.Expr, error) { return cond.Compile(s, env) })
	if err != nil {
		return nil, err
	}
	return &Callfloor{
		set:   cond.NewSet(rules.bonus, rules.triage, []*cond.Expr{rules.promotion}, rules.discipline),
		vals:  make([]float64, env.Len()),
		first: make([]int, groups),
	}, nil
}

// rules are the four rules compiled by one engine: the tiered ones from the
// highest tier down.
type rules[T any] struct {
	bonus, triage, discipline []T
	promotion                 T
}

// compileRules compiles the four rules with an engine's compile function,
// naming the rule text in any error.
func compileRules[T any](compile func(string) (T, error)) (rules[T], error) {
	var r rules[T]
	all := func(srcs []string) ([]T, error) {
		out := make([]T, len(srcs))
		for i, s := range srcs {
			x, err := compile(s)
			if err != nil {
				return nil, fmt.Errorf("%q: %w", s, err)
			}
			out[i] = x
		}
		return out, nil
	}
	var err error
	if r.bonus, err = all(BonusTiers); err != nil {
		return r, err
	}
	if r.triage, err = all(TriageTiers); err != nil {
		return r, err
	}
	if r.discipline, err = all(DisciplineSteps); err != nil {
		return r, err
	}
	p, err := all([]string{PromotionCheck})
	if err != nil {
		return r, err
	}
	r.promotion = p[0]
	return r, nil
}

// firstLevel turns the first tier that holds, counted from the highest,
// into a level counted from none (0), for engines that test one tier at a
// time.
func firstLevel[T any](tiers []T, holds func(T) (bool, error)) (int, error) {
	for i, t := range tiers {
		ok, err := holds(t)
		if err != nil {
			return 0, err
		}
		if ok {
			return len(tiers) - i, nil
		}
	}
	return 0, nil
}

// evalRules evaluates the four rules with an engine's holds function.
func evalRules[T any](r *rules[T], holds func(T) (bool, error)) (o Outcome, err error) {
	if o.BonusTier, err = firstLevel(r.bonus, holds); err != nil {
		return o, err
	}
	if o.TriageTier, err = firstLevel(r.triage, holds); err != nil {
		return o, err
	}
	if o.Promote, err = holds(r.promotion); err != nil {
		return o, err
	}
	o.DisciplineStep, err = firstLevel(r.discipline, holds)
	return o, err
}

// level turns the index of the first tier that holds, counted from the
// highest of tiers, into a level counted from none (0).
func level(first, tiers int) int {
	if first >= 0 {
		return tiers - first
	}
	return 0
}

// Eval evaluates the four rules.
func (c *Callfloor) Eval(r *Record) (Outcome, error) {
	r.Values(c.vals)
	c.set.First(c.vals, c.first)
	return Outcome{
		BonusTier:      level(c.first[groupBonus], len(BonusTiers)),
		TriageTier:     level(c.first[groupTriage], len(TriageTiers)),
		Promote:        c.first[groupPromotion] == 0,
		DisciplineStep: level(c.first[groupDiscipline], len(DisciplineSteps)),
	}, nil
}

// Expr runs the same rule texts through github.com/expr-lang/expr, with a
// typed environment and one reused VM: the fastest way that library offers.
type Expr struct {
	rules   rules[*vm.Program]
	machine vm.VM
	record  *Record // the record being evaluated, read by holds
	holds   func(*vm.Program) (bool, error)
}

// NewExpr compiles the rules once.
func NewExpr() (*Expr, error) {
	r, err := compileRules(func(s string) (*vm.Program, error) {
		return expr.Compile(s, expr.Env(&Record{}), expr.AsBool())
	})
	if err != nil {
		return nil, err
	}
	e := &Expr{rules: r}
	e.holds = func(p *vm.Program) (bool, error) {
		out, err := e.machine.Run(p, e.record)
		if err != nil {
			return false, err
		}
		return out.(bool), nil
	}
	return e, nil
}

// Eval evaluates the four rules.
func (e *Expr) Eval(r *Record) (Outcome, error) {
	e.record = r
	return evalRules(&e.rules, e.holds)
}

// CEL runs the rules through github.com/google/cel-go, with the metrics
// declared as doubles and an activation that reads the record directly
// rather than building a map. CEL's type checker refuses to compare a
// double with an int literal ("complaints == 0"), so the rule texts are
// written for it with double literals ("complaints == 0.0"); see CELSource.
type CEL struct {
	rules rules[cel.Program]
}

// NewCEL compiles the rules once.
func NewCEL() (*CEL, error) {
	var opts []cel.EnvOption
	for _, n := range MetricNames {
		opts = append(opts, cel.Variable(n, cel.DoubleType))
	}
	env, err := cel.NewEnv(opts...)
	if err != nil {
		return nil, err
	}
	r, err := compileRules(func(s string) (cel.Program, error) {
		ast, iss := env.Compile(CELSource(s))
		if iss.Err() != nil {
			return nil, iss.Err()
		}
		return env.Program(ast, cel.EvalOptions(cel.OptOptimize))
	})
	if err != nil {
		return nil, err
	}
	return &CEL{rules: r}, nil
}

type recordActivation struct{ r *Record }

func (a recordActivation) ResolveName(name string) (any, bool) {
	r := a.r
	switch name {
	case "qa_avg":
		return r.QAAvg, true
	case "csat":
		return r.CSAT, true
	case "complaints":
		return r.Complaints, true
	case "phq9":
		return r.PHQ9, true
	case "gad7":
		return r.GAD7, true
	case "tenure_months":
		return r.TenureMonths, true
	case "qa_evals":
		return r.QAEvals, true
	case "exam_passed":
		return r.ExamPassed, true
	case "final_warning":
		return r.FinalWarning, true
	case "violations_12m":
		return r.Violations12m, true
	}
	return nil, false
}

func (recordActivation) Parent() interpreter.Activation { return nil }

func celHolds(p cel.Program, act interpreter.Activation) (bool, error) {
	out, _, err := p.Eval(act)
	if err != nil {
		return false, err
	}
	b, ok := out.Value().(bool)
	if !ok {
		return false, fmt.Errorf("rule gave %v, not a boolean", out)
	}
	return b, nil
}

// Eval evaluates the four rules.
func (c *CEL) Eval(r *Record) (Outcome, error) {
	act := recordActivation{r}
	return evalRules(&c.rules, func(p cel.Program) (bool, error) { return celHolds(p, act) })
}

// Hand is HandWritten as an Engine.
type Hand struct{}

// Eval evaluates the four rules.
func (Hand) Eval(r *Record) (Outcome, error) { return HandWritten(r), nil }

var numberLiteral = regexp.MustCompile(`\b\d+(\.\d+)?\b`)

// CELSource writes a rule for CEL: every whole-number literal becomes a
// double ("95" becomes "95.0"), which is what CEL needs to compare it with
// a double metric.
func CELSource(rule string) string {
	return numberLiteral.ReplaceAllStringFunc(rule, func(m string) string {
		if strings.Contains(m, ".") {
			return m
		}
		return m + ".0"
	})
}
