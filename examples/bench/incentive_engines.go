package bench

import (
	"fmt"

	"github.com/callfloor/callfloor/incentives"
	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"
	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/interpreter"
)

// An IncentiveEngine evaluates the incentives policy for a center of
// agents.
type IncentiveEngine interface {
	// Evaluate writes the pay of agents[i] to out[i]; out is as long as
	// agents.
	Evaluate(agents []incentives.AgentRecord, out []Pay) error
}

// CallfloorIncentives evaluates the policy with incentives.Policy.Evaluate
// and reads each agent's pay from the statement's totals. The statement
// holds much more than the totals: every line with its reason and note,
// the team and center totals, the public and private lists.
type CallfloorIncentives struct {
	policy *incentives.Policy
	period incentives.Period
}

// NewCallfloorIncentives parses the policy.
func NewCallfloorIncentives(src []byte, period incentives.Period) (*CallfloorIncentives, error) {
	p, err := incentives.ParsePolicy(src)
	if err != nil {
		return nil, err
	}
	return &CallfloorIncentives{policy: p, period: period}, nil
}

// Evaluate writes the pay of agents[i] to out[i].
func (c *CallfloorIncentives) Evaluate(agents []incentives.AgentRecord, out []Pay) error {
	st, err := c.policy.Evaluate(c.period, agents)
	if err != nil {
		return err
	}
	// The statement lists agents by id: the input order when the host
	// keeps its agents sorted, as GenerateAgents does.
	var index map[string]int
	for k, t := range st.Agents {
		i := k
		if index == nil && agents[k].ID != t.Agent {
			index = make(map[string]int, len(agents))
			for j := range agents {
				index[agents[j].ID] = j
			}
		}
		if index != nil {
			i = index[t.Agent]
		}
		out[i] = Pay{Bonus: t.Bonus, Points: t.Points}
	}
	return nil
}

// ExprIncentives compiles every condition of the plan with
// github.com/expr-lang/expr over Figures, runs them on one reused VM, and
// turns the decisions into pay with the plan's arithmetic. It keeps
// scratch space, so one value serves one goroutine.
type ExprIncentives struct {
	rules   []*vm.Program
	groups  [][]*vm.Program
	machine vm.VM
	p       *payer
}

// NewExprIncentives compiles the plan's conditions once.
func NewExprIncentives(plan *IncentivePlan) (*ExprIncentives, error) {
	compile := func(r PlanRule) (*vm.Program, error) {
		p, err := expr.Compile(r.When, expr.Env(&Figures{}), expr.AsBool())
		if err != nil {
			return nil, fmt.Errorf("%s: %q: %w", r.ID, r.When, err)
		}
		return p, nil
	}
	e := &ExprIncentives{p: newPayer(plan)}
	for _, r := range plan.Rules {
		p, err := compile(r)
		if err != nil {
			return nil, err
		}
		e.rules = append(e.rules, p)
	}
	for _, g := range plan.Groups {
		var tiers []*vm.Program
		for _, t := range g {
			p, err := compile(t)
			if err != nil {
				return nil, err
			}
			tiers = append(tiers, p)
		}
		e.groups = append(e.groups, tiers)
	}
	return e, nil
}

func (e *ExprIncentives) holds(p *vm.Program, f *Figures) (bool, error) {
	out, err := e.machine.Run(p, f)
	if err != nil {
		return false, err
	}
	return out.(bool), nil
}

// Evaluate writes the pay of agents[i] to out[i].
func (e *ExprIncentives) Evaluate(agents []incentives.AgentRecord, out []Pay) error {
	p := e.p
	f := &p.figures
	for i := range agents {
		p.plan.Figures(&agents[i], f)
		for k, prog := range e.rules {
			ok, err := e.holds(prog, f)
			if err != nil {
				return err
			}
			p.fired[k] = ok
		}
		for g, tiers := range e.groups {
			p.tiers[g] = -1
			for k, prog := range tiers {
				ok, err := e.holds(prog, f)
				if err != nil {
					return err
				}
				if ok {
					p.tiers[g] = k
					break
				}
			}
		}
		out[i], _ = p.pay(f)
	}
	return nil
}

// CELIncentives compiles every condition of the plan with
// github.com/google/cel-go, the metrics declared as doubles and the
// conditions written with double literals (CELSource), reads Figures
// through an activation, and turns the decisions into pay with the plan's
// arithmetic. It keeps scratch space, so one value serves one goroutine.
type CELIncentives struct {
	rules  []cel.Program
	groups [][]cel.Program
	p      *payer
}

// NewCELIncentives compiles the plan's conditions once.
func NewCELIncentives(plan *IncentivePlan) (*CELIncentives, error) {
	var opts []cel.EnvOption
	for _, n := range IncentiveMetrics {
		opts = append(opts, cel.Variable(n, cel.DoubleType))
	}
	env, err := cel.NewEnv(opts...)
	if err != nil {
		return nil, err
	}
	compile := func(r PlanRule) (cel.Program, error) {
		ast, iss := env.Compile(CELSource(r.When))
		if iss.Err() != nil {
			return nil, fmt.Errorf("%s: %q: %w", r.ID, r.When, iss.Err())
		}
		return env.Program(ast, cel.EvalOptions(cel.OptOptimize))
	}
	c := &CELIncentives{p: newPayer(plan)}
	for _, r := range plan.Rules {
		p, err := compile(r)
		if err != nil {
			return nil, err
		}
		c.rules = append(c.rules, p)
	}
	for _, g := range plan.Groups {
		var tiers []cel.Program
		for _, t := range g {
			p, err := compile(t)
			if err != nil {
				return nil, err
			}
			tiers = append(tiers, p)
		}
		c.groups = append(c.groups, tiers)
	}
	return c, nil
}

type figuresActivation struct{ f *Figures }

func (a figuresActivation) ResolveName(name string) (any, bool) {
	f := a.f
	switch name {
	case "qa_avg":
		return f.QAAvg, true
	case "csat":
		return f.CSAT, true
	case "fcr":
		return f.FCR, true
	case "attendance":
		return f.Attendance, true
	case "adherence":
		return f.Adherence, true
	case "calls":
		return f.Calls, true
	case "compliments":
		return f.Compliments, true
	case "complaints":
		return f.Complaints, true
	}
	return nil, false
}

func (figuresActivation) Parent() interpreter.Activation { return nil }

// Evaluate writes the pay of agents[i] to out[i].
func (c *CELIncentives) Evaluate(agents []incentives.AgentRecord, out []Pay) error {
	p := c.p
	act := figuresActivation{&p.figures}
	for i := range agents {
		p.plan.Figures(&agents[i], act.f)
		for k, prog := range c.rules {
			ok, err := celHolds(prog, act)
			if err != nil {
				return err
			}
			p.fired[k] = ok
		}
		for g, tiers := range c.groups {
			p.tiers[g] = -1
			for k, prog := range tiers {
				ok, err := celHolds(prog, act)
				if err != nil {
					return err
				}
				if ok {
					p.tiers[g] = k
					break
				}
			}
		}
		out[i], _ = p.pay(act.f)
	}
	return nil
}
