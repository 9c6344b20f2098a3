package coaching

import (
	"math"
	"strings"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/enum"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
	"github.com/callfloor/callfloor/internal/policyfile"
)

// Dimension is a quality the hiring interview scores: one of the eight
// built-in dimensions, or one the policy's hiring.dimensions declares.
type Dimension string

// The dimensions of the hiring interview's question bank. The first
// eight, named by the communication practice, are the built-in
// dimensions, those of a policy that declares none; ServiceAwareness and
// EmotionManagement, which the seat-management practice asks of a
// recruit besides adaptability, are the ids under which the default
// policy declares them.
const (
	StressTolerance        Dimension = "stress_tolerance"
	Adaptability           Dimension = "adaptability"
	Expression             Dimension = "expression"
	Execution              Dimension = "execution"
	SelfPlanning           Dimension = "self_planning"
	ListeningComprehension Dimension = "listening_comprehension"
	ProfessionalKnowledge  Dimension = "professional_knowledge"
	Honesty                Dimension = "honesty"
	ServiceAwareness       Dimension = "service_awareness"
	EmotionManagement      Dimension = "emotion_management"
)

// Dimensions lists the eight built-in dimensions in their fixed order:
// those of a hiring section that declares none. A policy's own list is
// (*Policy).Dimensions.
func Dimensions() []Dimension {
	return append([]Dimension(nil), dimensions...)
}

// Dimensions lists the dimensions the policy's hiring interview scores,
// in its order: its hiring.dimensions, or the built-in ones when it
// declares none. It is nil when the policy has no hiring section, as a
// nil or zero Policy has none.
func (p *Policy) Dimensions() []Dimension {
	if !p.ready() || !p.hiring.set {
		return nil
	}
	return append([]Dimension(nil), p.hiring.dims...)
}

// dimensionIndex is d's place among the policy's dimensions, or -1.
func (h *hiringPolicy) dimensionIndex(d Dimension) int {
	for i, x := range h.dims {
		if x == d {
			return i
		}
	}
	return -1
}

// Recommendation is the outcome a hiring score sheet proposes.
type Recommendation string

// The recommendations.
const (
	Hire   Recommendation = "hire"
	Hold   Recommendation = "hold"
	Reject Recommendation = "reject"
)

type rawHiring struct {
	Dimensions        []string           `yaml:"dimensions"`
	Weights           map[string]float64 `yaml:"weights"`
	Floors            map[string]float64 `yaml:"floors"`
	HireAt            float64            `yaml:"hire_at,required"`
	HoldAt            float64            `yaml:"hold_at,required"`
	MaxSpread         float64            `yaml:"max_spread,required"`
	DisagreementHolds bool               `yaml:"disagreement_holds"`
	Questions         []rawQuestion      `yaml:"questions,required"`
}

type rawQuestion struct {
	ID        string   `yaml:"id,required"`
	Dimension string   `yaml:"dimension,required"`
	Text      string   `yaml:"text,required"`
	Rubric    []string `yaml:"rubric,required"`
}

// Question is one question of the bank, with what each point of the 1-5
// scale means: Rubric[0] describes a 1, Rubric[4] a 5.
type Question struct {
	// ID is the question's id, unique in the bank.
	// Dimension is the quality the question scores.
	// Text is the question to ask the candidate.
	// Rubric holds exactly five descriptions, for the points 1 to 5.
	ID        string    `json:"id"`
	Dimension Dimension `json:"dimension"`
	Text      string    `json:"text"`
	Rubric    []string  `json:"rubric"`
}

// questionIDs lists the bank's question ids, in policy order.
func (h *hiringPolicy) questionIDs() []string {
	ids := make([]string, len(h.questions))
	for i, q := range h.questions {
		ids[i] = q.ID
	}
	return ids
}

type hiringPolicy struct {
	set       bool
	dims      []Dimension
	weights   []float64 // by dimension
	floors    []float64 // by dimension; 0 means no floor
	hireAt    float64
	holdAt    float64
	maxSpread float64
	holds     bool
	questions []Question
	index     map[string]int
}

const rubricPoints = 5

func compileHiring(doc *policyfile.Doc, raw *rawHiring) hiringPolicy {
	h := hiringPolicy{index: map[string]int{}}
	if raw == nil {
		return h
	}
	h.set = true
	h.dims = compileDimensions(doc, raw.Dimensions)
	names := enum.Allowed(h.dims)
	h.weights = make([]float64, len(h.dims))
	h.floors = make([]float64, len(h.dims))
	for i := range h.weights {
		h.weights[i] = 1
	}
	for _, name := range policyfile.SortedKeys(raw.Weights) {
		path := policyfile.Path("hiring.weights").Key(name)
		d := h.dimensionIndex(Dimension(name))
		w := raw.Weights[name]
		switch {
		case d < 0:
			doc.Report(path, msg.CoachingPolicyUnknownDimension{Name: quote(name), Allowed: text(names)})
		case w < 0:
			doc.Report(path, msg.CoachingPolicyWeightNegative{Weight: text(w)})
		default:
			h.weights[d] = w
		}
	}
	var total float64
	for _, w := range h.weights {
		total += w
	}
	if total == 0 && len(h.dims) > 0 {
		doc.Report("hiring.weights", msg.CoachingPolicyWeightsAllZero{})
	}
	for _, name := range policyfile.SortedKeys(raw.Floors) {
		path := policyfile.Path("hiring.floors").Key(name)
		d := h.dimensionIndex(Dimension(name))
		f := raw.Floors[name]
		switch {
		case d < 0:
			doc.Report(path, msg.CoachingPolicyUnknownDimension{Name: quote(name), Allowed: text(names)})
		case f < 1 || f > 5:
			doc.Report(path, msg.CoachingPolicyFloorRange{Floor: text(f)})
		case h.weights[d] == 0:
			doc.Report(path, msg.CoachingPolicyFloorUnweighted{Dimension: text(name)})
		default:
			h.floors[d] = f
		}
	}
	h.hireAt, h.holdAt, h.maxSpread, h.holds = raw.HireAt, raw.HoldAt, raw.MaxSpread, raw.DisagreementHolds
	if doc.Has("hiring.hire_at") && (raw.HireAt < 1 || raw.HireAt > 5) {
		doc.Report("hiring.hire_at", msg.CoachingPolicyHireBarRange{HireAt: text(raw.HireAt)})
	}
	if doc.Has("hiring.hold_at") {
		switch {
		case raw.HoldAt < 1 || raw.HoldAt > 5:
			doc.Report("hiring.hold_at", msg.CoachingPolicyHoldBarRange{HoldAt: text(raw.HoldAt)})
		case raw.HoldAt > raw.HireAt && raw.HireAt >= 1:
			doc.Report("hiring.hold_at", msg.CoachingPolicyHoldBarAboveHire{HoldAt: text(raw.HoldAt), HireAt: text(raw.HireAt)})
		}
	}
	if doc.Has("hiring.max_spread") && (raw.MaxSpread < 0 || raw.MaxSpread > 4) {
		doc.Report("hiring.max_spread", msg.CoachingPolicyMaxSpreadRange{MaxSpread: text(raw.MaxSpread)})
	}
	covered := make([]bool, len(h.dims))
	for i, q := range raw.Questions {
		path := policyfile.Path("hiring.questions").Index(i)
		d := h.dimensionIndex(Dimension(q.Dimension))
		if doc.Has(path.Child("id")) {
			if j, dup := h.index[q.ID]; dup {
				doc.Report(path.Child("id"), msg.CoachingPolicyQuestionTwice{Question: quote(q.ID), FirstIndex: j})
			} else if strings.TrimSpace(q.ID) == "" {
				doc.Report(path.Child("id"), msg.CoachingPolicyQuestionNeedsId{})
			} else if doc.IDAs(path.Child("id"), msg.CoachingWhatQuestionId{}, q.ID) {
				h.index[q.ID] = len(h.questions)
			}
		}
		if doc.Has(path.Child("dimension")) && d < 0 {
			doc.Report(path.Child("dimension"), msg.CoachingPolicyUnknownDimension{Name: quote(q.Dimension), Allowed: text(names)})
		}
		if doc.Has(path.Child("text")) && strings.TrimSpace(q.Text) == "" {
			doc.Report(path.Child("text"), msg.CoachingPolicyQuestionNeedsText{})
		}
		if doc.Has(path.Child("rubric")) {
			if len(q.Rubric) != rubricPoints {
				doc.Report(path.Child("rubric"), msg.CoachingPolicyRubricSize{Entries: len(q.Rubric)})
			}
			for j, r := range q.Rubric {
				if strings.TrimSpace(r) == "" {
					doc.Report(path.Child("rubric").Index(j), msg.CoachingPolicyRubricPointEmpty{Point: j + 1})
				}
			}
		}
		if d >= 0 {
			covered[d] = true
		}
		if _, ok := h.index[q.ID]; ok && h.index[q.ID] == len(h.questions) {
			h.questions = append(h.questions, Question{ID: q.ID, Dimension: Dimension(q.Dimension), Text: q.Text, Rubric: append([]string(nil), q.Rubric...)})
		}
	}
	if doc.Has("hiring.questions") {
		var bare []string
		for i, d := range h.dims {
			if h.weights[i] > 0 && !covered[i] {
				bare = append(bare, string(d))
			}
		}
		if len(bare) > 0 {
			doc.Report("hiring.questions", msg.CoachingPolicyDimensionNoQuestion{Dimensions: bare})
		}
	}
	return h
}

// compileDimensions takes the dimensions the hiring section declares,
// each an id, once; a section that declares none scores the built-in
// eight.
func compileDimensions(doc *policyfile.Doc, raw []string) []Dimension {
	const path = "hiring.dimensions"
	if !doc.Has(path) {
		return Dimensions()
	}
	if len(raw) == 0 {
		doc.Report(path, msg.CoachingPolicyDimensionsEmpty{})
	}
	out := []Dimension{}
	seen := map[string]bool{}
	for i, d := range raw {
		p := policyfile.Path(path).Index(i)
		switch {
		case !doc.IDAs(p, msg.CoachingWhatDimension{}, d):
		case seen[d]:
			doc.Report(p, msg.CoachingPolicyDimensionDeclaredTwice{Dimension: quote(d)})
		default:
			seen[d] = true
			out = append(out, Dimension(d))
		}
	}
	return out
}

// QuestionBank returns the hiring questions, in policy order, or nil when
// the policy has no hiring section (as a nil or zero Policy has none).
func (p *Policy) QuestionBank() []Question {
	if !p.ready() {
		return nil
	}
	out := make([]Question, len(p.hiring.questions))
	for i, q := range p.hiring.questions {
		q.Rubric = append([]string(nil), q.Rubric...)
		out[i] = q
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// ScoreSheet is one interviewer's scores for one candidate.
type ScoreSheet struct {
	// Interviewer identifies who filled the sheet; one sheet per interviewer.
	// Answers scores the questions asked, each at most once; together they
	// must cover every dimension the policy weights.
	Interviewer string   `json:"interviewer"`
	Answers     []Answer `json:"answers"`
}

// Answer scores the candidate's answer to one question, 1 to 5 by the
// question's rubric.
type Answer struct {
	// Question is the id of a question of the bank.
	// Score is 1 to 5, by the question's rubric.
	// Note is the interviewer's free text; optional and never scored.
	Question string `json:"question"`
	Score    int    `json:"score"`
	Note     string `json:"note,omitempty"`
}

// DimensionScore is the candidate's score on one dimension.
type DimensionScore struct {
	// Dimension is the quality scored.
	// Weight is the policy's weight for the dimension, above zero: dimensions
	// weighted 0 are not scored and do not appear.
	Dimension Dimension `json:"dimension"`
	Weight    float64   `json:"weight"`
	// Score is the average of the interviewers' scores; each interviewer's
	// score is the mean of their answers in the dimension.
	// ByInterviewer holds each interviewer's score, 1 to 5, in the order of
	// HiringResult.Interviewers.
	Score         float64   `json:"score"`
	ByInterviewer []float64 `json:"by_interviewer"`
	// Spread is the highest interviewer score minus the lowest; Disagree is
	// set when it exceeds the policy's max_spread.
	Spread   float64 `json:"spread"`
	Disagree bool    `json:"disagree"`
	// Floor is the policy's lowest acceptable score, 0 for none.
	// BelowFloor is set when Score is under a nonzero Floor; it rejects the
	// candidate whatever the total.
	Floor      float64 `json:"floor"`
	BelowFloor bool    `json:"below_floor"`
}

// HiringResult is the outcome of a hiring interview's score sheets.
type HiringResult struct {
	// Policy names the policy that produced the result.
	// Candidate is copied from the call.
	Policy    callfloor.Identity `json:"policy"`
	Candidate string             `json:"candidate"`
	// Interviewers are in the order of the sheets; ByInterviewer follows it.
	// Dimensions holds the weighted dimensions, in the order of the
	// policy's Dimensions.
	Interviewers []string         `json:"interviewers"`
	Dimensions   []DimensionScore `json:"dimensions"`
	// Total is the weighted mean of the dimension scores, 1 to 5.
	// Recommendation is Reject when a dimension is below its floor; otherwise
	// Total against hire_at and hold_at decides, and with disagreement_holds
	// a hire the interviewers disagree on becomes Hold.
	Total          float64        `json:"total"`
	Recommendation Recommendation `json:"recommendation"`
	// Disagreements lists the dimensions where the interviewers disagree.
	// Reasons holds, in dimension order, a reason for each disagreement
	// (Rule "hiring.max_spread") and each floor missed (Rule
	// "hiring.floors.<dimension>"), then one for the recommendation: Rule
	// "hiring.floors" when a floor rejects, "hiring.disagreement_holds"
	// (Outcome Held) when a disagreement holds a hire, else "hiring.hire_at"
	// or "hiring.hold_at".
	Disagreements []Dimension        `json:"disagreements"`
	Reasons       []callfloor.Reason `json:"reasons"`
}

// ScoreInterview scores a candidate's hiring interview from one or more
// interviewers' sheets. Each sheet must answer at least one question of
// every weighted dimension. A dimension under its floor rejects whatever
// the total; otherwise the total against hire_at and hold_at decides, and
// with disagreement_holds a hire on which the interviewers disagree is
// held for discussion.
func (p *Policy) ScoreInterview(candidate string, sheets []ScoreSheet) (HiringResult, error) {
	if !p.ready() {
		return HiringResult{}, ErrZeroPolicy
	}
	h := &p.hiring
	res := HiringResult{Policy: p.id, Candidate: candidate, Disagreements: []Dimension{}}
	if !h.set {
		return res, msgerr.Forbidden(p.loc, "hiring", msg.CoachingDetailNoHiringSection{})
	}
	if strings.TrimSpace(candidate) == "" {
		return res, msgerr.Required(p.loc, "candidate", nil)
	}
	if len(sheets) == 0 {
		return res, msgerr.Required(p.loc, "sheets", msg.CoachingBecauseHiringSheets{})
	}
	dims := h.dims
	per := make([][]float64, len(sheets))
	who := map[string]int{}
	for si, sh := range sheets {
		f := callfloor.Path("sheets").Index(si)
		if strings.TrimSpace(sh.Interviewer) == "" {
			return res, msgerr.Required(p.loc, f.Child("interviewer"), nil)
		}
		if j, dup := who[sh.Interviewer]; dup {
			return res, msgerr.Duplicate(p.loc, f.Child("interviewer"), sh.Interviewer, callfloor.Path("sheets").Index(j))
		}
		who[sh.Interviewer] = si
		per[si] = make([]float64, len(dims))
		sum := make([]float64, len(dims))
		n := make([]int, len(dims))
		answered := map[string]int{}
		for ai, a := range sh.Answers {
			af := f.Child("answers").Index(ai)
			qi, ok := h.index[a.Question]
			if !ok {
				return res, msgerr.NotSupported(p.loc, af.Child("question"), msg.CoachingWhatQuestion{}, a.Question, p.hiring.questionIDs())
			}
			if j, dup := answered[a.Question]; dup {
				return res, msgerr.Duplicate(p.loc, af.Child("question"), a.Question, f.Child("answers").Index(j))
			}
			answered[a.Question] = ai
			if a.Score < 1 || a.Score > rubricPoints {
				return res, msgerr.OutOfRange(p.loc, af.Child("score"), a.Score, 1, 5, msg.CoachingWhatQuestionScale{Question: quote(a.Question)})
			}
			d := h.dimensionIndex(h.questions[qi].Dimension)
			sum[d] += float64(a.Score)
			n[d]++
		}
		for d := range dims {
			if h.weights[d] == 0 {
				continue
			}
			if n[d] == 0 {
				return res, inputErr(p.loc, callfloor.ErrInvalid, f+".answers", msg.CoachingInputSheetMissingDimension{Dimension: text(dims[d])})
			}
			per[si][d] = sum[d] / float64(n[d])
		}
		res.Interviewers = append(res.Interviewers, sh.Interviewer)
	}

	var wsum, total float64
	var floorFailed bool
	var reasons []callfloor.Reason
	for d, dim := range dims {
		w := h.weights[d]
		if w == 0 {
			continue
		}
		ds := DimensionScore{Dimension: dim, Weight: w, Floor: h.floors[d], ByInterviewer: make([]float64, len(sheets))}
		lo, hi := math.Inf(1), math.Inf(-1)
		for si := range sheets {
			v := per[si][d]
			ds.ByInterviewer[si] = v
			ds.Score += v
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
		ds.Score /= float64(len(sheets))
		ds.Spread = hi - lo
		if ds.Spread > h.maxSpread+1e-9 {
			ds.Disagree = true
			res.Disagreements = append(res.Disagreements, dim)
			m := msg.CoachingReasonDisagree{Dimension: p.showDimension(dim), Scores: p.scores(ds.ByInterviewer), Spread: ds.Spread, MaxSpread: h.maxSpread}
			reasons = append(reasons, callfloor.Reason{Rule: "hiring.max_spread", Outcome: callfloor.Fired, Text: m.String(p.loc), Message: m.ID(),
				Facts: []callfloor.Fact{{Name: "spread", Value: ds.Spread}, {Name: "max_spread", Value: h.maxSpread}}})
		}
		if ds.Floor > 0 && ds.Score < ds.Floor-1e-9 {
			ds.BelowFloor = true
			floorFailed = true
			m := msg.CoachingReasonBelowFloor{Dimension: p.showDimension(dim), Score: ds.Score, Floor: ds.Floor}
			reasons = append(reasons, callfloor.Reason{Rule: "hiring.floors." + string(dim), Outcome: callfloor.Fired, Text: m.String(p.loc), Message: m.ID(),
				Facts: []callfloor.Fact{{Name: "score", Value: ds.Score}, {Name: "floor", Value: ds.Floor}}})
		}
		wsum += w
		total += w * ds.Score
		res.Dimensions = append(res.Dimensions, ds)
	}
	res.Total = total / wsum
	t := res.Total
	var rule string
	var outcome = callfloor.Fired
	var m msg.Message
	facts := []callfloor.Fact{{Name: "total", Value: t}}
	switch {
	case floorFailed:
		res.Recommendation, rule = Reject, "hiring.floors"
		m = msg.CoachingReasonRejectFloor{Total: t}
	case t >= h.hireAt-1e-9 && len(res.Disagreements) > 0 && h.holds:
		res.Recommendation, rule, outcome = Hold, "hiring.disagreement_holds", callfloor.Held
		m = msg.CoachingReasonHoldDisagree{Total: t, HireAt: h.hireAt}
		facts = append(facts, callfloor.Fact{Name: "hire_at", Value: h.hireAt})
	case t >= h.hireAt-1e-9:
		res.Recommendation, rule = Hire, "hiring.hire_at"
		m = msg.CoachingReasonHire{Total: t, HireAt: h.hireAt}
		facts = append(facts, callfloor.Fact{Name: "hire_at", Value: h.hireAt})
	case t >= h.holdAt-1e-9:
		res.Recommendation, rule = Hold, "hiring.hold_at"
		m = msg.CoachingReasonHold{Total: t, HireAt: h.hireAt, HoldAt: h.holdAt}
		facts = append(facts, callfloor.Fact{Name: "hire_at", Value: h.hireAt}, callfloor.Fact{Name: "hold_at", Value: h.holdAt})
	default:
		res.Recommendation, rule = Reject, "hiring.hold_at"
		m = msg.CoachingReasonReject{Total: t, HoldAt: h.holdAt}
		facts = append(facts, callfloor.Fact{Name: "hold_at", Value: h.holdAt})
	}
	reasons = append(reasons, callfloor.Reason{Rule: rule, Outcome: outcome, Text: m.String(p.loc), Message: m.ID(), Facts: facts})
	res.Reasons = reasons
	return res, nil
}

// scores writes each interviewer's score as the policy's locale writes
// a figure.
func (p *Policy) scores(vs []float64) []string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(p.loc.AppendNumber(nil, v))
	}
	return s
}
