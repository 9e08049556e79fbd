// Package readonly builds the policy statement behind the data source
// iamv2_readonly_statement: one Allow statement that grants exactly the
// actions of the chosen services at the chosen access levels, List and Read
// by default, and nothing else, written in as few characters as the chosen
// wildcard style allows. It knows nothing of Terraform; a wrapper maps
// Options, Result and Diagnostic onto the data source's schema.
package readonly

import (
	"context"
	"fmt"
	"sort"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// DefaultAccessLevels are the levels granted when Options.AccessLevels is
// empty.
var DefaultAccessLevels = []string{"List", "Read"}

// DefaultMaxPolicyChars is the size limit of a managed policy, which also
// binds a permissions boundary: 6,144 characters, whitespace not counted.
const DefaultMaxPolicyChars = 6144

// Options are the data source's arguments. A zero field takes its default,
// the way Terraform hands over an unset attribute.
type Options struct {
	// Services ("services", required) are service prefixes, "ec2", or
	// patterns on them matched with iam.Match: "ec2*", or "*" for every
	// service.
	Services []string
	// AccessLevels ("access_levels") are the levels to grant, in either
	// vocabulary iam.ParseLevels reads; empty means DefaultAccessLevels.
	AccessLevels []string
	// Exclude ("exclude") are "service:Action" patterns of actions to leave
	// out whatever else grants them, such as the data-reading
	// "s3:GetObject" or "secretsmanager:GetSecretValue" for a view-only
	// variant.
	Exclude []string
	// Include ("include") are "service:Action" patterns of extra actions,
	// of any service and level, expanded over the catalog to exact actions.
	Include []string
	// ReadScope ("read_scope") is "all" or "metadata", which leaves out the
	// data and credential reads the viewonly package classifies; "" means
	// "all".
	ReadScope string
	// Wildcards ("wildcards") is the wildcard mode; "" means WildcardsWord.
	Wildcards Wildcards
	// Sid ("sid") is the statement's Sid, ASCII letters and digits as IAM
	// requires; "" writes none.
	Sid string
	// MaxPolicyChars ("max_policy_chars") bounds each of Result.Policies,
	// in characters other than whitespace; 0 means DefaultMaxPolicyChars.
	MaxPolicyChars int
}

// Result is what the data source reports.
type Result struct {
	// Services are the prefixes of the services granted anything, sorted.
	Services []string
	// Actions are the compacted patterns, "svc:Pattern", sorted as
	// sort.Strings sorts (and Terraform's sort()). Expanded over the catalog they match exactly
	// ExpandedActions.
	Actions []string
	// ExpandedActions are the actions granted, "svc:Name" in the catalog's
	// case, sorted as sort.Strings sorts.
	ExpandedActions []string
	// LevelCounts counts ExpandedActions by access level; every level has
	// an entry.
	LevelCounts map[iam.AccessLevel]int
	// StatementJSON is the statement alone, as compact JSON.
	StatementJSON string
	// PolicyJSON is a complete policy document holding the statement. It
	// may exceed MaxPolicyChars; CharCount tells, and Policies fits.
	PolicyJSON string
	// Policies holds the statement split across complete policy documents
	// that each keep within MaxPolicyChars, as few as pack can find (the
	// proven minimum wherever the tests look); just PolicyJSON when that
	// fits.
	Policies []string
	// CharCount is the size of PolicyJSON as IAM counts it: characters
	// other than whitespace.
	CharCount int
}

// Build computes the statement for opts over the catalog. Problems with the
// input come back as diagnostics, all of them at once, and an error
// diagnostic means a nil Result. The error return is only for a missing or
// failing catalog, or a cancelled context.
func Build(ctx context.Context, cat iam.Catalog, opts Options) (*Result, []Diagnostic, error) {
	if cat == nil {
		return nil, nil, fmt.Errorf("no catalog to build the statement from")
	}
	b := newBuilder(ctx, cat)
	mode, err := ParseWildcards(string(opts.Wildcards))
	if err != nil {
		b.errorf("wildcards", -1, "Invalid wildcards mode", "%s", err)
	}
	b.parseLevels(opts.AccessLevels)
	limit := b.parseLimit(opts.MaxPolicyChars)
	b.checkSid(opts.Sid)
	if err := b.selectAll(opts); err != nil {
		return nil, b.diags, err
	}
	if HasError(b.diags) {
		return nil, b.diags, nil
	}
	b.warnEmptyServices()
	var families *Families
	if mode == WildcardsWord {
		if families, err = FamiliesOf(ctx, cat, b.levels); err != nil {
			return nil, b.diags, err
		}
	}
	res, err := b.grant(mode, families)
	if err != nil {
		return nil, b.diags, err
	}
	if len(res.ExpandedActions) == 0 {
		b.nothingToAllow()
		return nil, b.diags, nil
	}
	st := allowStatement(opts.Sid, res.Actions)
	res.StatementJSON = encode(st)
	res.PolicyJSON = encode(policyOf(st))
	res.CharCount = CountChars(res.PolicyJSON)
	policies, minimum, longest := splitPolicies(opts.Sid, res.Actions, limit)
	if policies == nil {
		b.errorf("max_policy_chars", -1, "max_policy_chars too small",
			"max_policy_chars = %d, but a policy holding just the pattern %q already has %d characters: set at least %d",
			limit, longest, minimum, minimum)
		return nil, b.diags, nil
	}
	res.Policies = policies
	if len(policies) > 1 {
		b.warnf("services", -1, "More than one document",
			"the statement takes %d documents of at most %d characters, but a principal takes exactly one permissions "+
				"boundary: attach them as identity policies, or use the data source iamv2_permission_boundary for the most "+
				"read access that fits one document", len(policies), limit)
	}
	return res, b.diags, nil
}

// grant compacts every selected service that grants anything.
func (b *builder) grant(mode Wildcards, families *Families) (*Result, error) {
	res := &Result{LevelCounts: map[iam.AccessLevel]int{}}
	for _, l := range iam.AccessLevels {
		res.LevelCounts[l] = 0
	}
	keys := make([]string, 0, len(b.sel))
	for k := range b.sel {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := b.ctx.Err(); err != nil {
			return nil, err
		}
		sel := b.sel[k]
		n := 0
		for i, w := range sel.want {
			if w {
				a := &sel.svc.Actions[i]
				res.ExpandedActions = append(res.ExpandedActions, sel.svc.FullName(a))
				res.LevelCounts[a.AccessLevel]++
				n++
			}
		}
		if n > 0 {
			res.Services = append(res.Services, sel.svc.Prefix)
			res.Actions = append(res.Actions, compact(sel.svc, sel.want, mode, starRules{families: families, full: sel.extra})...)
		}
	}
	sort.Strings(res.Actions)
	sort.Strings(res.ExpandedActions)
	return res, nil
}

func (b *builder) nothingToAllow() {
	b.errorf("services", -1, "Nothing to allow",
		"no action of the chosen services is at access levels %s once exclude has applied, and include adds none",
		levelNames(b.levels))
}

func levelNames(set iam.LevelSet) string {
	s := ""
	for i, l := range set.Levels() {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%q", l.String())
	}
	return s
}
