package provider

import (
	"context"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

var _ function.Function = (*policyActionsSummaryFunction)(nil)

type policyActionsSummaryFunction struct{}

func newPolicyActionsSummaryFunction() function.Function { return &policyActionsSummaryFunction{} }

// summaryTypes are the attributes of policy_actions_summary's result.
var summaryTypes = map[string]attr.Type{
	"allowed_count":         types.NumberType,
	"access_level_counts":   types.MapType{ElemType: types.NumberType},
	"non_read_only_actions": types.ListType{ElemType: types.StringType},
	"unknown_patterns":      types.ListType{ElemType: types.StringType},
	"is_read_only":          types.BoolType,
}

func (f *policyActionsSummaryFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "policy_actions_summary"
}

func (f *policyActionsSummaryFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "How many actions an IAM policy allows at each access level, and which are not read-only",
		MarkdownDescription: "Expands a policy document like `policy_allowed_actions` and returns an object: " +
			"`allowed_count`, the number of actions allowed; `access_level_counts`, how many at each access level " +
			"(every level has a key); `non_read_only_actions`, the allowed actions that are neither List nor Read, " +
			"sorted; `unknown_patterns`, the action patterns, as written and sorted, that name no known action (a " +
			"typo, a retired action: listed here rather than an error, unlike `policy_allowed_actions`; unknown while a " +
			"conditional `Deny`'s actions are unknown); and `is_read_only`. A malformed document is an error naming " +
			"its JSON path. The answer is small whatever the policy allows, so it suits an `error_message`." +
			functionsPlanTimeNote + functionSourceNote,
		Parameters: []function.Parameter{policyParameter("policy")},
		Return:     function.ObjectReturn{AttributeTypes: summaryTypes},
	}
}

func (f *policyActionsSummaryFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	doc, ferr := dynamicArgument(ctx, req.Arguments, 0)
	if resp.Error = ferr; resp.Error != nil {
		return
	}
	eval, ferr := evaluatePolicyArgument(ctx, doc, 0, policy.UnknownWarn)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	if !eval.known {
		resp.Error = resp.Result.Set(ctx, types.ObjectUnknown(summaryTypes))
		return
	}
	net := eval.result.Net
	counts := make(map[string]attr.Value, len(iam.AccessLevels))
	for _, l := range iam.AccessLevels {
		counts[l.String()] = types.NumberValue(bigInt(net.Levels.Of(l)))
	}
	unknown := attr.Value(types.ListUnknown(types.StringType))
	if len(eval.skipped) == 0 {
		unknown = stringListOf(net.Unknown)
	}
	summary, diags := types.ObjectValue(summaryTypes, map[string]attr.Value{
		"allowed_count":         types.NumberValue(bigInt(net.Allowed.Len())),
		"access_level_counts":   types.MapValueMust(types.NumberType, counts),
		"non_read_only_actions": stringListOf(net.NonReadOnly.Names()),
		"unknown_patterns":      unknown,
		"is_read_only":          types.BoolValue(net.ReadOnly),
	})
	if diags.HasError() {
		resp.Error = function.FuncErrorFromDiags(ctx, diags)
		return
	}
	resp.Error = resp.Result.Set(ctx, summary)
}

func stringListOf(items []string) types.List {
	values := make([]attr.Value, len(items))
	for i, s := range items {
		values[i] = types.StringValue(s)
	}
	return types.ListValueMust(types.StringType, values)
}

func bigInt(n int) *big.Float { return new(big.Float).SetInt64(int64(n)) }
