package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

var _ function.Function = (*policyAllowedActionsFunction)(nil)

type policyAllowedActionsFunction struct{}

func newPolicyAllowedActionsFunction() function.Function { return &policyAllowedActionsFunction{} }

func (f *policyAllowedActionsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "policy_allowed_actions"
}

func (f *policyAllowedActionsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The net actions an IAM policy document allows",
		MarkdownDescription: "Parses a policy document strictly and returns the actions it allows: the union of its " +
			"`Allow` statements less what unconditional `Deny` statements on every resource remove, full names in " +
			"canonical case, sorted, as `iamv2_policy_expansion`'s `allowed_actions`. A malformed document or an action " +
			"pattern that names nothing is an error naming its JSON path; use the data source for warnings instead." +
			functionsPlanTimeNote + functionSourceNote,
		Parameters: []function.Parameter{policyParameter("policy")},
		Return:     function.ListReturn{ElementType: types.StringType},
	}
}

func (f *policyAllowedActionsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	doc, ferr := dynamicArgument(ctx, req.Arguments, 0)
	if resp.Error = ferr; resp.Error != nil {
		return
	}
	eval, ferr := evaluatePolicyArgument(ctx, doc, 0, policy.UnknownError)
	switch {
	case ferr != nil:
		resp.Error = ferr
	case !eval.known:
		resp.Error = resp.Result.Set(ctx, types.ListUnknown(types.StringType))
	default:
		resp.Error = resp.Result.Set(ctx, nonNil(eval.result.Net.Allowed.Names()))
	}
}
