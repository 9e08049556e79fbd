package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/evaluate"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// The function forms of iamv2_policy_check's three checks. A data source is
// read only once its whole configuration is known, so a check of a policy
// naming resources created in the same run would wait for apply; a function
// answers at plan time from the policy's known parts.

// checkResultTypes are the attributes of a check function's result.
var checkResultTypes = map[string]attr.Type{
	"pass":    types.BoolType,
	"message": types.StringType,
	"reasons": types.ListType{ElemType: types.StringType},
}

const checkReturnNote = " Returns an object: `pass`, whether the check passes; `message`, what the result means in a " +
	"sentence; and `reasons`, for a failure, each statement that may grant the access, as `Statement[1]: why`. " +
	"The check is sound, as `iamv2_policy_check`'s: `pass` is a proof over the documents' text."

// checkFunctionBoundsNote says how a check answers for unknown parts.
const checkFunctionBoundsNote = "\n\nGiven as an object, a policy may have parts known only after apply. The check is " +
	"then run twice. Once with every unknown part helping it pass: an `Allow`'s unknown `Resource` values stand for " +
	"a resource any pattern may cover and only `*` meets, an `Allow` with other unknown parts is left out, and a " +
	"`Deny`'s unknown parts apply to everything (for `no_public_access` an unknown `Condition` of a `Deny` counts as " +
	"the standard guard's). Once with every unknown part helping it fail: an `Allow`'s unknown parts apply to " +
	"everything, and a `Deny` with unknown parts is left out. The result is known when both agree, and unknown " +
	"otherwise: a bucket policy whose `Allow` to everyone is known fails at plan whatever its ARNs."

type checkFunction struct {
	name, summary, description string
	params                     []function.Parameter
	// run is the check over two bounds: lenient, where unknown parts help it
	// pass, and strict, where they help it fail.
	run func(ctx context.Context, args function.ArgumentsData) (lenient, strict *evaluate.CheckResult, known bool, ferr *function.FuncError)
}

func (f *checkFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = f.name
}

func (f *checkFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary:             f.summary,
		MarkdownDescription: f.description + checkReturnNote + checkFunctionBoundsNote + functionSourceNote,
		Parameters:          f.params,
		Return:              function.ObjectReturn{AttributeTypes: checkResultTypes},
	}
}

func (f *checkFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	lenient, strict, known, ferr := f.run(ctx, req.Arguments)
	if resp.Error = ferr; ferr != nil {
		return
	}
	var result *evaluate.CheckResult
	if known {
		result = verdict(lenient, strict)
	}
	if result == nil {
		resp.Error = resp.Result.Set(ctx, types.ObjectUnknown(checkResultTypes))
		return
	}
	reasons := make([]string, len(result.Reasons))
	for i, r := range result.Reasons {
		reasons[i] = r.Path + ": " + r.Description
	}
	resp.Error = resp.Result.Set(ctx, types.ObjectValueMust(checkResultTypes, map[string]attr.Value{
		"pass": types.BoolValue(result.Pass), "message": types.StringValue(result.Message), "reasons": stringListOf(reasons),
	}))
}

// verdict is a check's result over both bounds, or nil when they disagree:
// it fails even with every unknown part for it, and then its reasons hold
// whatever the parts are; or it passes even with every one against it.
func verdict(lenient, strict *evaluate.CheckResult) *evaluate.CheckResult {
	switch {
	case !lenient.Pass && !strict.Pass:
		return lenient
	case lenient.Pass && strict.Pass:
		return strict
	}
	return nil
}

// bothBounds compiles a policy argument's two bounds for a check, each the
// modes of its Allow and Deny statements: lenient where unknown parts help
// it pass, strict where they help it fail.
func bothBounds(b policyBounds, kind evaluate.Kind, position int64, lenient, strict [2]boundMode) (l, s *evaluate.Policy, ferr *function.FuncError) {
	if b.value == nil && !slices.Contains(lenient[:], dropEvery) && !slices.Contains(strict[:], dropEvery) {
		// Nothing is unknown: both bounds are the document, compiled once.
		l, ferr = compileBound(b.exact, kind, position)
		return l, l, ferr
	}
	if l, ferr = compileBound(b.document(lenient[0], lenient[1]), kind, position); ferr != nil {
		return nil, nil, ferr
	}
	s, ferr = compileBound(b.document(strict[0], strict[1]), kind, position)
	return l, s, ferr
}

// checkBoth runs a check over both bounds, once when they are the same
// policy.
func checkBoth(l, s *evaluate.Policy, check func(*evaluate.Policy) evaluate.CheckResult) (lenient, strict *evaluate.CheckResult) {
	lr := check(l)
	if s == l {
		return &lr, &lr
	}
	sr := check(s)
	return &lr, &sr
}

// The bounds of a policy whose Allow statements grant what a check asks
// about: fewer Allows and more Denies help it pass.
var (
	grantsLess = [2]boundMode{markUnknown, widenUnknown}
	grantsMore = [2]boundMode{widenUnknown, dropUnknown}
)

func newNoPublicAccessFunction() function.Function {
	return &checkFunction{
		name:    "no_public_access",
		summary: "Whether a resource policy grants no public access (Access Analyzer's CheckNoPublicAccess, offline)",
		description: "Runs `iamv2_policy_check`'s `no_public_access` check on a resource policy: an `Allow` to `\"*\"`, " +
			"`{\"AWS\": \"*\"}` or through `NotPrincipal` is public unless a condition pins it to an account, " +
			"organization, source or VPC endpoint, or a `Deny` to everyone outside one (the standard guard) covers every " +
			"action and resource it grants.",
		params: []function.Parameter{
			boundedPolicyParameter("policy"),
			function.StringParameter{Name: "resource_type", MarkdownDescription: "The resource type the policy is attached " +
				"to, as Access Analyzer names it, such as `AWS::S3::Bucket`: " + backquoted(evaluate.PublicResourceTypes()) + "."},
		},
		run: func(ctx context.Context, args function.ArgumentsData) (*evaluate.CheckResult, *evaluate.CheckResult, bool, *function.FuncError) {
			var resourceType string
			if ferr := args.GetArgument(ctx, 1, &resourceType); ferr != nil {
				return nil, nil, false, ferr
			}
			// The type is checked first, so that it fails while the policy is unknown.
			if _, err := evaluate.CheckNoPublicAccess(&evaluate.Policy{}, resourceType); err != nil {
				return nil, nil, false, argumentError(1, err)
			}
			b, ferr := readPolicyBounds(ctx, args, 0)
			if ferr != nil || !b.known {
				return nil, nil, false, ferr
			}
			l, s, ferr := noPublicAccessBounds(b, resourceType)
			return l, s, ferr == nil, ferr
		},
	}
}

// noPublicAccessBounds runs no_public_access over both bounds. A Deny
// helps only as a guard, so where unknown parts help the check pass, an
// unknown Condition of a Deny becomes a guard's.
func noPublicAccessBounds(b policyBounds, resourceType string) (lenient, strict *evaluate.CheckResult, ferr *function.FuncError) {
	l, s, ferr := bothBounds(b, evaluate.ResourcePolicy, 0, [2]boundMode{markUnknown, widenToGuard}, grantsMore)
	if ferr != nil {
		return nil, nil, ferr
	}
	lr, sr := checkBoth(l, s, func(p *evaluate.Policy) evaluate.CheckResult {
		r, _ := evaluate.CheckNoPublicAccess(p, resourceType) // the type was checked first
		return r
	})
	return lr, sr, nil
}

func newAccessNotGrantedFunction() function.Function {
	return &checkFunction{
		name:    "access_not_granted",
		summary: "Whether a policy grants none of some access (Access Analyzer's CheckAccessNotGranted, offline)",
		description: "Runs `iamv2_policy_check`'s `access_not_granted` check: it passes when the policy grants none of " +
			"the actions on any of the resources. The policy is a resource policy when a statement has `Principal` or " +
			"`NotPrincipal`, and an identity policy otherwise.",
		params: []function.Parameter{
			boundedPolicyParameter("policy"),
			function.ListParameter{Name: "actions", ElementType: types.StringType, MarkdownDescription: fmt.Sprintf(
				"Action names or patterns, such as `iam:CreateUser` or `iam:*`; at most %d. An empty list means any action.", evaluate.MaxAccessItems)},
			function.ListParameter{Name: "resources", ElementType: types.StringType, MarkdownDescription: fmt.Sprintf(
				"Resource ARNs or ARN patterns, or `*`; at most %d. An empty list means any resource.", evaluate.MaxAccessItems)},
		},
		run: func(ctx context.Context, args function.ArgumentsData) (*evaluate.CheckResult, *evaluate.CheckResult, bool, *function.FuncError) {
			actions, ferr := listArgument(ctx, args, 1, "actions")
			if ferr != nil {
				return nil, nil, false, ferr
			}
			resources, ferr := listArgument(ctx, args, 2, "resources")
			if ferr != nil {
				return nil, nil, false, ferr
			}
			access, ferr := accessArgument(ctx, actions, resources)
			if ferr != nil {
				return nil, nil, false, ferr
			}
			b, ferr := readPolicyBounds(ctx, args, 0)
			if ferr != nil || !b.known {
				return nil, nil, false, ferr
			}
			l, s, ferr := accessNotGrantedBounds(b, access)
			return l, s, ferr == nil, ferr
		},
	}
}

// accessNotGrantedBounds runs access_not_granted over both bounds.
func accessNotGrantedBounds(b policyBounds, access []evaluate.Access) (lenient, strict *evaluate.CheckResult, ferr *function.FuncError) {
	l, s, ferr := bothBounds(b, kindOfBounds(b), 0, grantsLess, grantsMore)
	if ferr != nil {
		return nil, nil, ferr
	}
	lr, sr := checkBoth(l, s, func(p *evaluate.Policy) evaluate.CheckResult { return evaluate.CheckAccessNotGranted(p, access) })
	return lr, sr, nil
}

// accessArgument checks access_not_granted's actions and resources as the
// data source does.
func accessArgument(ctx context.Context, actions, resources []string) ([]evaluate.Access, *function.FuncError) {
	if len(actions) == 0 && len(resources) == 0 {
		return nil, function.NewFuncError("Both actions and resources are empty: give at least one action or resource to check")
	}
	if len(actions) > evaluate.MaxAccessItems || len(resources) > evaluate.MaxAccessItems {
		return nil, function.NewFuncError(fmt.Sprintf("%d actions and %d resources: Access Analyzer takes at most %d of each",
			len(actions), len(resources), evaluate.MaxAccessItems))
	}
	expander, err := expanderFor(ctx, embedded.Default(), policy.NeedOf(actions...))
	if err != nil {
		return nil, functionError(err)
	}
	for _, a := range actions {
		if _, err := expander.ExpandPattern(a); err != nil {
			return nil, argumentError(1, err)
		}
	}
	for _, r := range resources {
		if err := checkAccessResource(r); err != nil {
			return nil, argumentError(2, err)
		}
	}
	return []evaluate.Access{{Actions: actions, Resources: resources}}, nil
}

func newNoNewAccessFunction() function.Function {
	return &checkFunction{
		name:    "no_new_access",
		summary: "Whether a policy grants nothing another does not (Access Analyzer's CheckNoNewAccess, offline)",
		description: "Runs `iamv2_policy_check`'s `no_new_access` check: it passes when everything the new policy " +
			"allows, the existing one allows too. Both are resource policies when a statement of either has " +
			"`Principal` or `NotPrincipal`, and identity policies otherwise.",
		params: []function.Parameter{boundedPolicyParameter("new_policy"), boundedPolicyParameter("existing_policy")},
		run: func(ctx context.Context, args function.ArgumentsData) (*evaluate.CheckResult, *evaluate.CheckResult, bool, *function.FuncError) {
			newer, ferr := readPolicyBounds(ctx, args, 0)
			if ferr != nil {
				return nil, nil, false, ferr
			}
			older, ferr := readPolicyBounds(ctx, args, 1)
			if ferr != nil || !newer.known || !older.known {
				return nil, nil, false, ferr
			}
			l, s, ferr := noNewAccessBounds(newer, older)
			return l, s, ferr == nil, ferr
		},
	}
}

// noNewAccessBounds runs no_new_access over both bounds of each policy.
func noNewAccessBounds(newer, older policyBounds) (lenient, strict *evaluate.CheckResult, ferr *function.FuncError) {
	kind := kindOfBounds(newer)
	if kind == evaluate.Identity {
		kind = kindOfBounds(older)
	}
	// The existing policy's Allows help the new one pass, and its Denies
	// count against it: each must be kept, by a new Deny of the same text,
	// or be unable to touch what the new policy allows. A new Deny with
	// unknown parts may turn out to keep any of them, so the lenient bound
	// then leaves every existing Deny out.
	oldDenies := dropUnknown
	if newer.unknownDeny() {
		oldDenies = dropEvery
	}
	newL, newS, ferr := bothBounds(newer, kind, 0, grantsLess, grantsMore)
	if ferr != nil {
		return nil, nil, ferr
	}
	oldL, oldS, ferr := bothBounds(older, kind, 1, [2]boundMode{widenUnknown, oldDenies}, [2]boundMode{dropUnknown, widenUnknown})
	if ferr != nil {
		return nil, nil, ferr
	}
	lr := evaluate.CheckNoNewAccess(newL, oldL)
	if newS == newL && oldS == oldL {
		return &lr, &lr, nil // nothing unknown: one check decides
	}
	sr := evaluate.CheckNoNewAccess(newS, oldS)
	return &lr, &sr, nil
}
