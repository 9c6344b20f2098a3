package incentives

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/callfloor/callfloor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProtectiveActionIsNeverHeld(t *testing.T) {
	revoke := ProtectiveAction{Agent: "li.na", Team: "north", Action: "revoke_customer_data_access", Owner: "information_security", At: leak.At,
		Violations: []string{"sec-0419"},
		Reasons: []callfloor.Reason{{Rule: "discipline.kinds.customer_data_leak.protect.revoke_customer_data_access", Outcome: callfloor.Fired,
			Text: "protective action, at once and never held: revoke_customer_data_access by information_security after malicious leaking of customer information on 2025-03-07", Message: "incentives.reason.protective"}}}
	handOver := ProtectiveAction{Agent: "li.na", Team: "north", Action: HandToCrisisOwner, Owner: CrisisOwner, At: leak.At,
		Violations: []string{"sec-0419"},
		Reasons: []callfloor.Reason{{Rule: "guardrails.care.hand_over", Outcome: callfloor.Fired,
			Text: "the case of malicious leaking of customer information on 2025-03-07 goes to the crisis owner at once: the wellbeing hold defers the sanction, never the protection", Message: "incentives.reason.hand_over"}}}
	disputed := leak
	disputed.Disputed = true
	revokeDisputed := revoke
	revokeDisputed.Reasons = []callfloor.Reason{{Rule: "discipline.kinds.customer_data_leak.protect.revoke_customer_data_access", Outcome: callfloor.Fired,
		Text: "protective action, at once and never held, while the violation is disputed: revoke_customer_data_access by information_security after malicious leaking of customer information on 2025-03-07", Message: "incentives.reason.protective_disputed"}}
	tests := []struct {
		name      string
		crisis    bool
		severe    bool
		violation Violation
		step      LineKind // of the dismissal line
		want      []ProtectiveAction
	}{
		{"no crisis: dismissal and the protective action", false, false, leak, KindPenalty, []ProtectiveAction{revoke}},
		{"crisis: the dismissal is held, the protection is not", true, false, leak, KindHold, []ProtectiveAction{revoke, handOver}},
		{"severe tier: as a crisis", false, true, leak, KindHold, []ProtectiveAction{revoke, handOver}},
		{"a dispute holds the sanction, never the protection", false, false, disputed, KindHold, []ProtectiveAction{revokeDisputed}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			agents := northTeam()
			agents[1].Crisis, agents[1].SevereTier = tc.crisis, tc.severe
			agents[1].Violations = []Violation{tc.violation}
			st, err := DefaultPolicy().Evaluate(march, agents)
			require.NoError(t, err)
			checkStatement(t, st)
			var kinds []LineKind
			for _, l := range st.AgentLines("li.na") {
				if l.Rule() == "discipline.kinds.customer_data_leak" {
					kinds = append(kinds, l.Kind)
				}
			}
			assert.Equal(t, []LineKind{tc.step}, kinds)
			assert.Equal(t, tc.want, st.Protective)
			b, err := json.Marshal(st.Public)
			require.NoError(t, err)
			assert.NotContains(t, string(b), "protect", "protective actions are not public")
			assert.NotContains(t, string(b), "crisis")
			for _, it := range st.Private {
				for _, r := range it.Reasons {
					assert.False(t, strings.Contains(r.Rule, "protect") || strings.Contains(r.Text, "crisis"), "the corrective list, read to the agent, names no crisis: %s", r.Text)
				}
			}
		})
	}
}

func TestProtectiveAbsentWithoutProtectingKinds(t *testing.T) {
	agents := northTeam()
	agents[1].Crisis = true
	st, err := DefaultPolicy().Evaluate(march, agents)
	require.NoError(t, err)
	assert.Nil(t, st.Protective)
	b, err := json.Marshal(st)
	require.NoError(t, err)
	assert.NotContains(t, string(b), `"protective"`, "omitted from the JSON when empty")
}

func TestQAFindingsAndProtectPolicyProblems(t *testing.T) {
	const head = "version: t\ncurrency: EUR\nmetrics: [{name: qa_avg}]\ndiscipline:\n  kinds:\n"
	tests := []struct {
		name, src, want string
	}{
		{"a mapping to an unknown violation kind",
			head + "    - {id: leak, severity: zero_tolerance}\n  qa_findings:\n    - {scorecard: inbound_service, item: protect_customer_information, kind: data_leak}\n",
			"1 problem\n\t" + `discipline.qa_findings[0].kind: line 8, column 78: "data_leak" is not a violation kind of discipline.kinds; allowed: leak`},
		{"the same item mapped twice",
			head + "    - {id: leak, severity: zero_tolerance}\n    - {id: rude, severity: serious}\n  qa_findings:\n    - {scorecard: s, item: i, kind: leak}\n    - {scorecard: s, item: i, kind: rude}\n",
			"1 problem\n\t" + `discipline.qa_findings[1].item: line 10, column 28: s item "i" is mapped already (first at discipline.qa_findings[0])`},
		{"ids that are not ids",
			head + "    - {id: leak, severity: zero_tolerance}\n  qa_findings:\n    - {scorecard: Inbound, item: i-1, kind: leak}\n",
			"2 problems\n\tdiscipline.qa_findings[0].scorecard: line 8, column 19: scorecard id \"Inbound\" must be lower_snake_case (a-z, 0-9, _)\n" +
				"\tdiscipline.qa_findings[0].item: line 8, column 34: item id \"i-1\" must be lower_snake_case (a-z, 0-9, _)"},
		{"the hand-over is the guardrail's own",
			head + "    - id: leak\n      severity: zero_tolerance\n      protect: [{action: hand_to_crisis_owner, owner: lead}]\n",
			"1 problem\n\t" + `discipline.kinds[0].protect[0].action: line 8, column 26: "hand_to_crisis_owner" is issued by the wellbeing guardrail itself, to the crisis owner; name another action`},
		{"an action twice",
			head + "    - id: leak\n      severity: zero_tolerance\n      protect: [{action: revoke, owner: it}, {action: revoke, owner: it}]\n",
			"1 problem\n\t" + `discipline.kinds[0].protect[1].action: line 8, column 55: duplicate id "revoke" (first at discipline.kinds[0].protect[0].action)`},
		{"an action without its owner",
			head + "    - id: leak\n      severity: zero_tolerance\n      protect: [{action: revoke}]\n",
			"1 problem\n\t" + `discipline.kinds[0].protect[0].owner: line 8, column 17: required field is missing`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParsePolicy([]byte(tc.src))
			require.Error(t, err)
			assert.EqualError(t, err, "incentives policy: "+tc.want)
		})
	}
}
