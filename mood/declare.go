package mood

import (
	"strconv"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
	"github.com/callfloor/callfloor/internal/policyfile"
	"github.com/callfloor/callfloor/internal/timerange"
)

// DeclarationKind says what a declaration from an individual interview
// decides: a crisis or a tier.
type DeclarationKind string

// The kinds of declaration.
const (
	// DeclarationCrisis declares a crisis: the counselor found a risk of
	// self-harm in the interview, whatever any questionnaire says.
	DeclarationCrisis DeclarationKind = "crisis"
	// DeclarationTier sets a tier, as a screening would.
	DeclarationTier DeclarationKind = "tier"
)

var declarationKinds = [...]DeclarationKind{DeclarationCrisis, DeclarationTier}

// Declaration is a decision taken in an individual interview (个别访谈,
// one of the assessment methods of the practice, beside questionnaires
// and psychological tests): a crisis declared, or a tier set, by a
// person in a role the policy allows (declarations.crisis.by,
// declarations.tier.by).
//
// A declared crisis is a crisis exactly as a PHQ-9 item 9 answer is: the
// escalation to the crisis owner within the hour, its follow-up, the same
// confidentiality, and it stays in force for declarations.crisis.valid_for
// until the crisis owner closes it (a CrisisClosure with the crisis
// owner's role). A declared tier counts as a screening would, and the
// worst tier declared within declarations.tier.valid_for is used: a later,
// lower declaration does not lower an earlier one, which stays in force
// for its window, so that a severe tier's report to the superior and its
// professional help cannot be withdrawn by one later note. The worst of
// it and of the screenings used wins.
type Declaration struct {
	// Kind is DeclarationCrisis or DeclarationTier.
	Kind DeclarationKind `json:"kind"`
	// Tier is the tier set, mild, moderate or severe, for a tier
	// declaration; it must be left out of a crisis declaration.
	Tier Tier `json:"tier,omitempty"`
	// By is who declared it, as the host names people; required.
	By string `json:"by"`
	// Role is the role of the policy By declared it in; required, and one
	// the policy allows for the kind.
	Role string `json:"role"`
	// At is when it was declared; required, not after the assessment
	// time. Declarations are oldest first.
	At time.Time `json:"at"`
	// Why is the declarer's free text, required so that every declaration
	// is explained; triage never reads it beyond checking it is there and
	// never returns it.
	Why string `json:"why"`
}

// DeclaredTier is the tier declaration a triage used.
type DeclaredTier struct {
	// Tier is the tier declared.
	Tier Tier `json:"tier"`
	// By and Role name who declared it.
	By   string `json:"by"`
	Role string `json:"role"`
	// At is when it was declared.
	At time.Time `json:"at"`
}

type rawDeclarations struct {
	Crisis *rawDeclaration `yaml:"crisis"`
	Tier   *rawDeclaration `yaml:"tier"`
}

type rawDeclaration struct {
	By       []string            `yaml:"by,required"`
	ValidFor policyfile.Duration `yaml:"valid_for,required"`
}

func (rawDeclaration) SchemaRules() map[string]policyfile.SchemaRule {
	return map[string]policyfile.SchemaRule{"by": idRule}
}

type declareRule struct {
	rule     string // "declarations.crisis" or "declarations.tier"
	by       []string
	validFor time.Duration
}

func (d *declareRule) allows(role string) bool {
	for _, r := range d.by {
		if r == role {
			return true
		}
	}
	return false
}

type declarationRules struct {
	crisis, tier declareRule
}

// DeclarersOf lists the roles the policy allows to make a declaration of
// kind k; nil for an unknown kind or a nil or zero Policy.
func (p *Policy) DeclarersOf(k DeclarationKind) []string {
	if p.zero() {
		return nil
	}
	switch k {
	case DeclarationCrisis:
		return append([]string(nil), p.declarations.crisis.by...)
	case DeclarationTier:
		return append([]string(nil), p.declarations.tier.by...)
	}
	return nil
}

// compileDeclarations compiles the declarations section. A kind the
// policy leaves out keeps the default a center would expect: the crisis
// owner and the confidential roles may declare a crisis, the
// confidential roles a tier, each in force for the PHQ-9's validity
// window.
func (c *compiler) compileDeclarations(p *Policy, r *rawDeclarations) declarationRules {
	path := policyfile.Path("declarations")
	phq9 := p.instruments[0].validFor
	one := func(k DeclarationKind, raw *rawDeclaration, defaults []string) declareRule {
		at := path.Child(string(k))
		d := declareRule{rule: string(at)}
		if raw == nil {
			d.by, d.validFor = defaults, phq9
			return d
		}
		d.validFor = raw.ValidFor.Std()
		if bp := at.Child("by"); c.doc.Has(bp) && len(raw.By) == 0 {
			c.doc.Report(bp, msg.MoodPolicyDeclareBy{Kind: declarationName(k), Field: string(k)})
		}
		seen := map[string]bool{}
		for i, role := range raw.By {
			rp := at.Child("by").Index(i)
			switch {
			case !c.doc.IDAs(rp, msg.MoodWhatRole{}, role):
			case !c.roles[role]:
				c.doc.Report(rp, msg.MoodPolicyRoleUndeclared{Role: strconv.Quote(role)})
			case seen[role]:
				c.doc.Report(rp, msg.MoodPolicyRoleListedTwice{Role: strconv.Quote(role)})
			}
			seen[role] = true
		}
		d.by = append([]string(nil), raw.By...)
		vp := at.Child("valid_for")
		switch {
		case !c.doc.Has(vp):
		case d.validFor <= 0:
			c.doc.Report(vp, msg.MoodPolicyLongerThanZero{})
		case k == DeclarationCrisis && d.validFor < MinPHQ9ValidFor:
			c.doc.Report(vp, msg.MoodPolicyDeclaredCrisisValidFor{ValidFor: c.days(d.validFor), Min: c.days(MinPHQ9ValidFor)})
		case k == DeclarationTier && d.validFor < MinPHQ9ValidFor:
			c.doc.Report(vp, msg.MoodPolicyDeclaredTierValidFor{ValidFor: c.days(d.validFor), Min: c.days(MinPHQ9ValidFor)})
		}
		return d
	}
	var rules declarationRules
	if r == nil {
		r = &rawDeclarations{}
	}
	crisisBy := append([]string{p.crisis.owner}, p.confidential...)
	rules.crisis = one(DeclarationCrisis, r.Crisis, crisisBy)
	rules.tier = one(DeclarationTier, r.Tier, append([]string(nil), p.confidential...))
	return rules
}

// checkDeclarations validates the declarations of an assessment made as
// of asOf and returns the latest crisis declaration within its window and
// the worst tier declaration within its window (the latest of equals),
// each nil when there is none.
func (p *Policy) checkDeclarations(ds []Declaration, asOf time.Time) (crisis, tier *Declaration, err error) {
	const list = "assessment.declarations"
	for i := range ds {
		d := &ds[i]
		f := func() callfloor.Path { return elem(list, i) }
		var rule *declareRule
		switch d.Kind {
		case DeclarationCrisis:
			rule = &p.declarations.crisis
			if d.Tier != Normal {
				return nil, nil, invalid(p.loc, f().Child("tier"), msg.MoodInputCrisisTier{})
			}
		case DeclarationTier:
			rule = &p.declarations.tier
			if d.Tier < Normal || d.Tier > Severe {
				return nil, nil, msgerr.Invalid(p.loc, f().Child("tier"), int(d.Tier), msg.MoodInputNotATier{})
			}
			if d.Tier == Normal {
				return nil, nil, msgerr.Required(p.loc, f().Child("tier"), msg.MoodInputTierNormal{})
			}
		default:
			return nil, nil, msgerr.NotSupported(p.loc, f().Child("kind"), msg.MoodInputDeclarationKind{}, string(d.Kind), names(declarationKinds[:]))
		}
		if strings.TrimSpace(d.By) == "" {
			return nil, nil, msgerr.Required(p.loc, f().Child("by"), msg.MoodInputDeclaredBy{})
		}
		if d.Role == "" {
			return nil, nil, msgerr.Required(p.loc, f().Child("role"), msg.MoodInputDeclaredRole{})
		}
		if !rule.allows(d.Role) {
			return nil, nil, msgerr.Forbidden(p.loc, f().Child("role"), msg.MoodInputDeclareForbidden{Role: strconv.Quote(d.Role), Kind: declarationName(d.Kind), Allowed: rule.by})
		}
		if d.At.IsZero() {
			return nil, nil, msgerr.Required(p.loc, f().Child("at"), msg.MoodInputDeclaredAt{})
		}
		if d.At.After(asOf) {
			return nil, nil, afterErr(p.loc, f().Child("at"), d.At, asOf)
		}
		if !timerange.Storable(d.At) {
			return nil, nil, timeErr(p.loc, f().Child("at"), d.At)
		}
		if strings.TrimSpace(d.Why) == "" {
			return nil, nil, msgerr.Required(p.loc, f().Child("why"), msg.MoodInputDeclaredWhy{})
		}
		for j := i - 1; j >= 0; j-- {
			prev := &ds[j]
			if d.At.Before(prev.At) {
				return nil, nil, msgerr.Invalid(p.loc, f().Child("at"), stamp(d.At), msg.MoodInputDeclarationsOrder{Prev: string(elem(list, j)), PrevAt: prev.At})
			}
			if !d.At.Equal(prev.At) {
				break
			}
			if prev.Kind == d.Kind {
				return nil, nil, duplicate(p.loc, f().Child("at"), stamp(d.At), elem(list, j), msg.MoodInputSameTimeDeclarations{Kind: declarationName(d.Kind)})
			}
		}
		switch d.Kind {
		case DeclarationCrisis:
			if asOf.Sub(d.At) <= rule.validFor {
				crisis = d
			}
		case DeclarationTier:
			if asOf.Sub(d.At) <= rule.validFor && (tier == nil || d.Tier >= tier.Tier) {
				tier = d
			}
		}
	}
	return crisis, tier, nil
}

// closedDeclaration is the latest crisis declaration that the closure c
// ends, nil when it ends none: given at or before c, still in force then,
// and after since, the closure before it (nil for the first closure).
func (p *Policy) closedDeclaration(ds []Declaration, c *CrisisClosure, since *time.Time) *Declaration {
	var out *Declaration
	for i := range ds {
		d := &ds[i]
		if d.Kind != DeclarationCrisis || d.At.After(c.At) || (since != nil && !d.At.After(*since)) || c.At.Sub(d.At) > p.declarations.crisis.validFor {
			continue
		}
		out = d
	}
	return out
}
