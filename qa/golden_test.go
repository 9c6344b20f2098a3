package qa

import (
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/golden"
	"github.com/stretchr/testify/require"
)

// goldenEval is an inbound call scored on the default scorecard at full
// marks except for the items changed, with a note on each change.
func goldenEval(t *testing.T, sc *Scorecard, id string, at time.Time, changes map[string]Answer) Evaluation {
	t.Helper()
	ev := Evaluation{ID: id, Agent: "li.na", Evaluator: "qa.wang", Source: QA, Scorecard: sc.ID(), Interaction: "call-" + id, At: at}
	for _, it := range sc.Items() {
		a, ok := changes[it.ID]
		if !ok {
			a = Answer{Value: float64(it.Max)}
		}
		a.Item = it.ID
		ev.Answers = append(ev.Answers, a)
	}
	return ev
}

// goldenResults are the package's result and state types, each produced
// by the default policy from fixed inputs. Their JSON is a contract: a
// change to a golden file is a change of the wire format.
func goldenResults(t *testing.T) map[string]any {
	t.Helper()
	p := DefaultPolicy()
	in, ok := p.Scorecard("inbound_service")
	require.True(t, ok)
	out, ok := p.Scorecard("outbound_sales")
	require.True(t, ok)

	r := policyResults(t, p)
	result, err := in.Score(goldenEval(t, in, "ev-1042", t0, map[string]Answer{
		"transfer_named":      {NA: true},
		"hold_under_1_minute": {Value: 0, Note: "held 2m10s while checking the bill"},
		"voice":               {Value: 4},
	}))
	require.NoError(t, err)
	plan, err := p.Feedback(result)
	require.NoError(t, err)

	session := func(id string, shifts map[string]map[string]float64) CalibrationSession {
		cs := CalibrationSession{ID: id, Interaction: "call-" + id, Expert: "lead.zhao"}
		for _, who := range []string{"lead.zhao", "qa.wang", "qa.chen", "qa.liu"} {
			ev := Evaluation{Evaluator: who, Source: QA, Interaction: "call-" + id, At: t0}
			for _, it := range out.Items() {
				v := float64(it.Max)
				if s, ok := shifts[who][it.ID]; ok {
					v = s
				}
				ev.Answers = append(ev.Answers, Answer{Item: it.ID, Value: v})
			}
			cs.Evaluations = append(cs.Evaluations, ev)
		}
		return cs
	}
	var cals []Calibration
	for _, id := range []string{"cal-1", "cal-2", "cal-3"} {
		c, err := out.Calibrate(session(id, map[string]map[string]float64{
			"lead.zhao": {"listen_needs": 3},
			"qa.wang":   {"listen_needs": 3},
			"qa.chen":   {"listen_needs": 1, "convenient_time": 0},
			"qa.liu":    {"listen_needs": 4},
		}))
		require.NoError(t, err)
		cals = append(cals, c)
	}
	median, err := out.Calibrate(CalibrationSession{ID: "cal-median", Evaluations: session("cal-median", map[string]map[string]float64{
		"qa.chen": {"listen_needs": 2},
	}).Evaluations})
	require.NoError(t, err)
	leans, err := p.Leans(cals)
	require.NoError(t, err)

	ev := goldenEval(t, in, "ev-7", t0, map[string]Answer{"no_arguing": {Value: 0}, "voice": {Value: 3}})
	raised, err := p.OpenDispute(ev, DisputeEvent{ID: "raise-1", Type: EventRaise, At: t0.Add(48 * time.Hour), By: "li.na", Items: []DisputeItemEvent{
		{Item: "no_arguing", Reason: "I explained the policy once; the customer kept talking over me"},
		{Item: "voice", Reason: "the line was noisy"},
	}})
	require.NoError(t, err)
	decided, err := p.Apply(raised, DisputeEvent{ID: "decide-1", Type: EventDecide, At: t0.Add(120 * time.Hour), By: "qa.lead", Items: []DisputeItemEvent{
		{Item: "no_arguing", Decision: Overturned, Value: 1, Rationale: "the recording shows a calm explanation, not an argument"},
		{Item: "voice", Decision: Upheld, Rationale: "the pace was too fast regardless of the line"},
	}})
	require.NoError(t, err)

	enough, err := p.Sufficient(ForPay, 12)
	require.NoError(t, err)

	ti := goldenTrendInput()
	for i := range ti.Scores {
		ti.Scores[i].Team = map[string]string{"mei": "team_a", "lin": "team_a", "tao": "team_b", "ping": "team_b"}[ti.Scores[i].Agent]
	}
	figures, err := p.EvaluatorFigures(EvaluatorInput{Periods: ti.Periods, Scores: ti.Scores, Calibrations: cals, Activity: []EvaluatorActivity{
		{Evaluator: "qa.chen", Evaluations: 40, FeedbackDelivered: 22, Teams: []string{"team_b", "team_a"}},
		{Evaluator: "qa.wang", Evaluations: 35, FeedbackDelivered: 35, Teams: []string{"team_a"}},
	}})
	require.NoError(t, err)

	april := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	suggestions, err := p.Suggestions(goldenPeriod("2025-04", april, april.AddDate(0, 1, 0)), []Suggestion{
		{ID: "s-1", Agent: "tao", At: april.AddDate(0, 0, 2), Scorecard: "inbound_service", Item: "hold_under_1_minute", Text: "a billing check takes two minutes; one minute forces a second hold"},
		{ID: "s-2", Agent: "mei", At: april.AddDate(0, 0, 5), Scorecard: "inbound_service", Item: "hold_under_1_minute", Text: "count the minute from the permission, not from the key press"},
		{ID: "s-3", Agent: "jun", At: april.AddDate(0, 0, 9), Scorecard: "inbound_service", Item: "hold_under_1_minute", Text: "allow a longer hold when the caller agrees to wait"},
		{ID: "s-4", Agent: "li.na", At: april.AddDate(0, 0, 12), Scorecard: "inbound_service", Item: "standard_greeting", Text: "the full greeting is too long on the night line"},
		{ID: "s-5", Agent: "li.na", At: april.AddDate(0, 1, 3), Scorecard: "inbound_service", Item: "courtesy", Text: "made in May"},
	})
	require.NoError(t, err)

	return map[string]any{
		"rotation":           r.rotation,
		"suggestions":        suggestions,
		"result":             result,
		"result_failed":      r.failed,
		"feedback_plan":      plan,
		"feedback_thin":      r.thin,
		"calibration":        cals[0],
		"calibration_median": median,
		"leans":              leans,
		"dispute_raised":     raised,
		"dispute_decided":    decided,
		"trends":             r.trends,
		"sampling_plan":      r.sampling,
		"sufficiency":        enough,
		"sufficiency_held":   r.few,
		"evaluator_figures":  figures,
		"items":              in.Items(),
		"sections":           in.Sections(),
	}
}

// qaResults are the results the golden files hold of a policy: every
// kind of reason scoring, feedback, sampling, sufficiency, trends and
// rotation write.
type qaResults struct {
	// failed misses a critical item and the closing question and uses
	// forbidden phrases; failedHold misses the critical item, the
	// closing question and the hold limit. thin and thinHold are their
	// feedback talks.
	failed, failedHold Result
	thin, thinHold     FeedbackPlan
	// sampling plans April for a veteran, a new hire and an agent with
	// a complaint; samplingFew for the last two alone.
	sampling, samplingFew SamplingPlan
	few                   Sufficiency
	trends                TrendReport
	// rotation is of two agents, a new hire and an evaluator;
	// rotationPair of the first agent and the evaluator alone.
	rotation, rotationPair RotationReport
}

// policyResults evaluates p on the golden inputs, so that the English and
// the Chinese goldens speak of the same calls, agents and months.
func policyResults(t *testing.T, p *Policy) qaResults {
	t.Helper()
	var r qaResults
	in, ok := p.Scorecard("inbound_service")
	require.True(t, ok)
	// The phrases ticked are the policy's own, in its language: "There's
	// nothing I can do." and "Calm down." in English.
	var said []string
	for _, it := range in.Items() {
		if it.ID == "no_forbidden_phrases" {
			said = []string{it.Phrases[4], it.Phrases[3]}
		}
	}
	require.Len(t, said, 2)
	var err error
	r.failed, err = in.Score(goldenEval(t, in, "ev-1043", t0, map[string]Answer{
		"protect_customer_information": {Value: 0, Note: "read the card number back in full"},
		"anything_else":                {Value: 0},
		"no_forbidden_phrases":         {Value: 0, Phrases: said},
	}))
	require.NoError(t, err)
	r.failedHold, err = in.Score(goldenEval(t, in, "ev-1043", t0, map[string]Answer{
		"protect_customer_information": {Value: 0, Note: "完整复述了卡号"},
		"anything_else":                {Value: 0},
		"hold_under_1_minute":          {Value: 0},
	}))
	require.NoError(t, err)
	r.thin, err = p.Feedback(r.failed)
	require.NoError(t, err)
	r.thinHold, err = p.Feedback(r.failedHold)
	require.NoError(t, err)

	april := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	agents := []SampleAgent{
		{Agent: "mei", HiredAt: april.AddDate(-4, 0, 0), RecentMean: 96.5, RecentN: 12, Evaluated: 9},
		{Agent: "jun", HiredAt: april.AddDate(0, 0, -40), RecentMean: 84, RecentN: 3, Evaluated: 3},
		{Agent: "tao", HiredAt: april.AddDate(-1, 0, 0), RecentMean: 72.5, RecentN: 10, Evaluated: 12, Complaints: []time.Time{april.AddDate(0, 0, -6)}},
	}
	r.sampling, err = p.SamplingPlan(goldenPeriod("2025-04", april, april.AddDate(0, 1, 0)), agents)
	require.NoError(t, err)
	r.samplingFew, err = p.SamplingPlan(goldenPeriod("2025-04", april, april.AddDate(0, 1, 0)), agents[1:])
	require.NoError(t, err)
	r.few, err = p.Sufficient(ForDiscipline, 3)
	require.NoError(t, err)
	r.trends, err = p.Trends(goldenTrendInput())
	require.NoError(t, err)

	roster := []RotationMember{
		{Person: "li.na", Role: RoleAgent, Since: april.AddDate(-1, 0, 0)},
		{Person: "tao", Role: RoleAgent, Since: april.AddDate(-3, 0, 0), LastInOtherRole: april.AddDate(0, -2, 0)},
		{Person: "jun", Role: RoleAgent, Since: april.AddDate(0, 0, -40)},
		{Person: "qa.wang", Role: RoleEvaluator, Since: april.AddDate(-2, 0, 0), LastInOtherRole: april.AddDate(-2, 0, 0)},
	}
	r.rotation, err = p.Rotation(april.AddDate(0, 2, 0), roster)
	require.NoError(t, err)
	r.rotationPair, err = p.Rotation(april.AddDate(0, 2, 0), []RotationMember{roster[0], roster[3]})
	require.NoError(t, err)
	return r
}

// goldenTrendInput is four months of one team: Mei's long excellent
// record drops and draws a complaint; Tao and Lin improve; Ping's two
// lucky calls do not count; one score falls in no period; one of Lin's
// is held under an open dispute.
func goldenTrendInput() TrendInput {
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var in TrendInput
	for m := 0; m < 4; m++ {
		start := jan.AddDate(0, m, 0)
		in.Periods = append(in.Periods, goldenPeriod(start.Format("2006-01"), start, start.AddDate(0, 1, 0)))
	}
	add := func(agent string, month int, vals ...float64) {
		for d, v := range vals {
			in.Scores = append(in.Scores, ScorePoint{Agent: agent, Evaluation: agent + "-" + jan.AddDate(0, month, d+1).Format("0102"), At: jan.AddDate(0, month, d+1), Score: v})
		}
	}
	add("mei", 0, 97, 96, 98)
	add("mei", 1, 96, 97, 97)
	add("mei", 2, 98, 97, 96)
	add("mei", 3, 85, 88)
	add("tao", 2, 70, 72, 74, 71, 73)
	add("tao", 3, 82, 84, 80, 83, 81)
	add("lin", 2, 80, 81, 79, 80, 80)
	add("lin", 3, 85, 86, 84, 85, 85)
	add("ping", 2, 60, 62)
	add("ping", 3, 100, 100)
	add("ping", 5, 90)
	in.Scores = append(in.Scores, ScorePoint{Agent: "lin", Evaluation: "lin-0420", At: jan.AddDate(0, 3, 19), Score: 40, Held: true})
	in.Complaints = []Complaint{{ID: "c-88", Agent: "mei", At: jan.AddDate(0, 3, 12)}}
	return in
}

// TestGolden holds every result and state type to its JSON byte for byte;
// go test ./qa -run Golden -update rewrites the files.
func TestGolden(t *testing.T) {
	golden.JSON(t, "./qa", goldenResults(t), *update)
}

// TestGoldenRoundTrip decodes each golden file into its type, refusing
// unknown fields, and encodes it again: the bytes must not change, so
// that a host can store a result and read it back as it was.
func TestGoldenRoundTrip(t *testing.T) {
	golden.RoundTrip(t, goldenResults(t))
}

// TestGoldenJSONTags holds every field of every type the golden results
// reach, inputs they carry included, to a snake_case JSON name of its own.
func TestGoldenJSONTags(t *testing.T) {
	snake := regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	seen := map[reflect.Type]bool{}
	var bad []string
	var walk func(reflect.Type)
	walk = func(rt reflect.Type) {
		for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice || rt.Kind() == reflect.Array || rt.Kind() == reflect.Map {
			rt = rt.Elem()
		}
		if rt.Kind() != reflect.Struct || seen[rt] || rt.PkgPath() != reflect.TypeOf(Result{}).PkgPath() {
			return
		}
		seen[rt] = true
		for i := range rt.NumField() {
			f := rt.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !snake.MatchString(name) {
				bad = append(bad, rt.Name()+"."+f.Name+": "+strings.TrimSpace(string(f.Tag)))
			}
			walk(f.Type)
		}
	}
	for _, v := range goldenResults(t) {
		walk(reflect.TypeOf(v))
	}
	for _, v := range []any{TrendInput{}, EvaluatorInput{}, SampleAgent{}, CalibrationSession{}, RotationMember{}, Suggestion{}} {
		walk(reflect.TypeOf(v))
	}
	sort.Strings(bad)
	require.Empty(t, bad, "fields without a snake_case JSON name")
}

// goldenPeriod is the period [start, end) named id.
func goldenPeriod(id string, start, end time.Time) callfloor.Period {
	return callfloor.Period{ID: id, Start: start, End: end}
}
