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

// Callfloor runs the rules through callfloor's condition language. It
// keeps a scratch slice, so one value serves one goroutine.
type Callfloor struct {
	bonus, triage, discipline *cond.Chain
	promotion                 *cond.Expr
	vals                      []float64
}

// NewCallfloor compiles the rules once.
func NewCallfloor() (*Callfloor, error) {
	env, err := cond.NewEnv(MetricNames...)
	if err != nil {
		return nil, err
	}
	compileAll := func(srcs []string) (*cond.Chain, error) {
		out := make([]*cond.Expr, len(srcs))
		for i, s := range srcs {
			x, err := cond.Compile(s, env)
			if err != nil {
				return nil, fmt.Errorf("%q: %w", s, err)
			}
			out[i] = x
		}
		return cond.NewChain(out...), nil
	}
	c := &Callfloor{vals: make([]float64, env.Len())}
	if c.bonus, err = compileAll(BonusTiers); err != nil {
		return nil, err
	}
	if c.triage, err = compileAll(TriageTiers); err != nil {
		return nil, err
	}
	if c.discipline, err = compileAll(DisciplineSteps); err != nil {
		return nil, err
	}
	if c.promotion, err = cond.Compile(PromotionCheck, env); err != nil {
		return nil, err
	}
	return c, nil
}

// level turns the index of the first tier that holds, counted from the
// highest, into a level counted from none (0).
func level(tiers *cond.Chain, vals []float64) int {
	if i := tiers.First(vals); i >= 0 {
		return tiers.Len() - i
	}
	return 0
}

// Eval evaluates the four rules.
func (c *Callfloor) Eval(r *Record) (Outcome, error) {
	r.Values(c.vals)
	return Outcome{
		BonusTier:      level(c.bonus, c.vals),
		TriageTier:     level(c.triage, c.vals),
		Promote:        c.promotion.Eval(c.vals),
		DisciplineStep: level(c.discipline, c.vals),
	}, nil
}

// Expr runs the same rule texts through github.com/expr-lang/expr, with a
// typed environment and one reused VM: the fastest way that library offers.
type Expr struct {
	bonus, triage, discipline []*vm.Program
	promotion                 *vm.Program
	machine                   vm.VM
}

// NewExpr compiles the rules once.
func NewExpr() (*Expr, error) {
	compile := func(s string) (*vm.Program, error) {
		p, err := expr.Compile(s, expr.Env(&Record{}), expr.AsBool())
		if err != nil {
			return nil, fmt.Errorf("%q: %w", s, err)
		}
		return p, nil
	}
	compileAll := func(srcs []string) ([]*vm.Program, error) {
		out := make([]*vm.Program, len(srcs))
		for i, s := range srcs {
			p, err := compile(s)
			if err != nil {
				return nil, err
			}
			out[i] = p
		}
		return out, nil
	}
	e := &Expr{}
	var err error
	if e.bonus, err = compileAll(BonusTiers); err != nil {
		return nil, err
	}
	if e.triage, err = compileAll(TriageTiers); err != nil {
		return nil, err
	}
	if e.discipline, err = compileAll(DisciplineSteps); err != nil {
		return nil, err
	}
	if e.promotion, err = compile(PromotionCheck); err != nil {
		return nil, err
	}
	return e, nil
}

func (e *Expr) holds(p *vm.Program, r *Record) (bool, error) {
	out, err := e.machine.Run(p, r)
	if err != nil {
		return false, err
	}
	return out.(bool), nil
}

func (e *Expr) first(tiers []*vm.Program, r *Record) (int, error) {
	for i, p := range tiers {
		ok, err := e.holds(p, r)
		if err != nil {
			return 0, err
		}
		if ok {
			return len(tiers) - i, nil
		}
	}
	return 0, nil
}

// Eval evaluates the four rules.
func (e *Expr) Eval(r *Record) (o Outcome, err error) {
	if o.BonusTier, err = e.first(e.bonus, r); err != nil {
		return o, err
	}
	if o.TriageTier, err = e.first(e.triage, r); err != nil {
		return o, err
	}
	if o.Promote, err = e.holds(e.promotion, r); err != nil {
		return o, err
	}
	o.DisciplineStep, err = e.first(e.discipline, r)
	return o, err
}

// CEL runs the rules through github.com/google/cel-go, with the metrics
// declared as doubles and an activation that reads the record directly
// rather than building a map. CEL's type checker refuses to compare a
// double with an int literal ("complaints == 0"), so the rule texts are
// written for it with double literals ("complaints == 0.0"); see CELSource.
type CEL struct {
	bonus, triage, discipline []cel.Program
	promotion                 cel.Program
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
	compile := func(s string) (cel.Program, error) {
		ast, iss := env.Compile(CELSource(s))
		if iss.Err() != nil {
			return nil, fmt.Errorf("%q: %w", s, iss.Err())
		}
		return env.Program(ast, cel.EvalOptions(cel.OptOptimize))
	}
	compileAll := func(srcs []string) ([]cel.Program, error) {
		out := make([]cel.Program, len(srcs))
		for i, s := range srcs {
			p, err := compile(s)
			if err != nil {
				return nil, err
			}
			out[i] = p
		}
		return out, nil
	}
	c := &CEL{}
	if c.bonus, err = compileAll(BonusTiers); err != nil {
		return nil, err
	}
	if c.triage, err = compileAll(TriageTiers); err != nil {
		return nil, err
	}
	if c.discipline, err = compileAll(DisciplineSteps); err != nil {
		return nil, err
	}
	if c.promotion, err = compile(PromotionCheck); err != nil {
		return nil, err
	}
	return c, nil
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

func celFirst(tiers []cel.Program, act recordActivation) (int, error) {
	for i, p := range tiers {
		ok, err := celHolds(p, act)
		if err != nil {
			return 0, err
		}
		if ok {
			return len(tiers) - i, nil
		}
	}
	return 0, nil
}

// Eval evaluates the four rules.
func (c *CEL) Eval(r *Record) (o Outcome, err error) {
	act := recordActivation{r}
	if o.BonusTier, err = celFirst(c.bonus, act); err != nil {
		return o, err
	}
	if o.TriageTier, err = celFirst(c.triage, act); err != nil {
		return o, err
	}
	if o.Promote, err = celHolds(c.promotion, act); err != nil {
		return o, err
	}
	o.DisciplineStep, err = celFirst(c.discipline, act)
	return o, err
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
