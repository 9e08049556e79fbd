package fit

import (
	"github.com/iamv2/terraform-provider-iamv2/internal/evaluate"
	"github.com/iamv2/terraform-provider-iamv2/internal/quota"
	"github.com/iamv2/terraform-provider-iamv2/internal/validation"
)

// Kind names a quota as the quota package does ("managed", "inline_role",
// "scp"...): its limit and counting rule come from there.
type Kind string

// The kinds the tests and the documentation name; quota.Kinds lists all.
const (
	Managed    Kind = "managed"
	InlineUser Kind = "inline_user"
	InlineRole Kind = "inline_role"
	Trust      Kind = "trust"
	SCP        Kind = "scp"
)

// rule is a quota kind with what the fitter needs besides its count.
type rule struct {
	quota.Kind
	limit int
	role
}

// role is where a kind's policy sits, for the evaluator and the validator,
// and whether AWS attaches one document of it only.
type role struct {
	single bool
	eval   evaluate.Kind
	valid  validation.PolicyType
}

var (
	identity = role{eval: evaluate.Identity, valid: validation.Identity}
	// resourceRole is also the role of a kind the quota package adds later:
	// one document, with a Principal, refuses nothing by mistake.
	resourceRole = role{single: true, eval: evaluate.ResourcePolicy, valid: validation.Resource}
	// The validator's type is the kind's own where it has one, so that its
	// size check measures the kind's quota, not a managed policy's.
	roles = map[string]role{
		"managed":      identity,
		"boundary":     {eval: evaluate.PermissionsBoundary, valid: validation.Boundary},
		"inline_user":  {eval: evaluate.Identity, valid: validation.InlineUser},
		"inline_group": {eval: evaluate.Identity, valid: validation.InlineGroup},
		"inline_role":  {eval: evaluate.Identity, valid: validation.InlineRole},
		"trust":        {single: true, eval: evaluate.ResourcePolicy, valid: validation.Trust},
		"scp":          {eval: evaluate.ServiceControlPolicy, valid: validation.SCP},
		"rcp":          {eval: evaluate.ResourceControlPolicy, valid: validation.Resource},
		"session":      {single: true, eval: evaluate.SessionPolicy, valid: validation.Session},
	}
)

func ruleOf(k Kind) (rule, error) {
	q, err := quota.Lookup(string(k))
	if err != nil {
		return rule{}, err
	}
	r, ok := roles[q.Name]
	if !ok {
		r = resourceRole
	}
	return rule{Kind: q, limit: q.Limit, role: r}, nil
}
