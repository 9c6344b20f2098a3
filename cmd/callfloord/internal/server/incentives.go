package server

import (
	"fmt"
	"net/http"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/incentives"
)

// incentivesRoutes are the incentives package's endpoints.
var incentivesRoutes = []route{
	{method: http.MethodPost, path: "/v1/incentives/statements", name: "incentives.evaluate",
		roles: []Role{RoleLead, RoleHR}, handle: evaluateStatement},
}

// statementRequest is one period's agent records, under the names
// incentives.Policy.Evaluate gives them in its field paths
// ("period.start", "agents[3].metrics.csat").
type statementRequest struct {
	Period incentives.Period        `json:"period"`
	Agents []incentives.AgentRecord `json:"agents"`
}

// healthFact returns the path of the first health fact in the records,
// in input order (crisis before severe_tier within a record), or "" when
// they hold none. A crisis or the severe tier holds an agent's penalties,
// so the statement tells them to whoever reads it.
func healthFact(agents []incentives.AgentRecord) callfloor.Path {
	for i := range agents {
		at := callfloor.Path("agents").Index(i)
		switch {
		case agents[i].Crisis:
			return at.Child("crisis")
		case agents[i].SevereTier:
			return at.Child("severe_tier")
		}
	}
	return ""
}

// evaluateStatement computes a period's statement. Records carrying a
// crisis or the severe tier come only from a health role, and their
// statement is audited as a read of the whole team's health facts.
func evaluateStatement(q *request) (int, any, error) {
	var in statementRequest
	if err := q.decode(&in); err != nil {
		return 0, nil, err
	}
	health := healthFact(in.Agents)
	if health != "" && !isHealthRole(q.pol.Policies, q.who.Role) {
		return 0, nil, forbidden(health,
			fmt.Sprintf("a crisis or the severe tier is health data, which role %s may not send", q.who.Role))
	}
	st, err := q.pol.Incentives.Evaluate(in.Period, in.Agents)
	if err != nil {
		return 0, nil, err
	}
	if health != "" {
		if err := q.audit("*"); err != nil {
			return 0, nil, err
		}
	}
	return http.StatusOK, st, nil
}
