package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/evaluate"
)

var _ function.Function = (*isAllowedFunction)(nil)

type isAllowedFunction struct{}

func newIsAllowedFunction() function.Function { return &isAllowedFunction{} }

func (f *isAllowedFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "is_allowed"
}

// boundsNote says how the evaluator's functions answer for a policy with
// unknown parts.
const boundsNote = "\n\nGiven as an object, the policy may have parts known only after apply. The answer is then " +
	"worked out twice, once with every unknown part of an `Allow` applying to everything and every `Deny` with " +
	"an unknown part left out, and once the other way round (an unknown `Effect` counting as either); it is known " +
	"when both agree, since every value the unknown parts can take gives the same answer, and unknown otherwise."

func (f *isAllowedFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Whether one identity policy allows an action on a resource",
		MarkdownDescription: "Evaluates one identity policy document against one request, as `iamv2_policy_simulation` " +
			"does with only `identity_policies` given: `true` when an `Allow` applies and no `Deny` does. The request " +
			"has no context, so a statement whose condition needs a key (such as `aws:SourceIp`) behaves as AWS " +
			"evaluates a missing key, and no key is derived from a principal; use the data source to give context, " +
			"a principal or other policy types. A malformed document, an unknown action or a resource that is not an " +
			"ARN is an error naming the problem." + boundsNote + functionSourceNote,
		Parameters: []function.Parameter{
			boundedPolicyParameter("policy"),
			function.StringParameter{Name: "action", MarkdownDescription: "One action name, such as `s3:GetObject` (case-insensitive)."},
			function.StringParameter{Name: "resource", MarkdownDescription: "The resource ARN, or `*`."},
		},
		Return: function.BoolReturn{},
	}
}

func (f *isAllowedFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var action, res string
	if resp.Error = req.Arguments.GetArgument(ctx, 1, &action); resp.Error != nil {
		return
	}
	if resp.Error = req.Arguments.GetArgument(ctx, 2, &res); resp.Error != nil {
		return
	}
	bounds, ferr := readPolicyBounds(ctx, req.Arguments, 0)
	if resp.Error = ferr; ferr != nil {
		return
	}
	svc, a, err := lookupAction(ctx, action)
	if err != nil {
		resp.Error = argumentError(1, err)
		return
	}
	if msg := checkRequestResource(types.StringValue(res)); msg != "" {
		resp.Error = function.NewArgumentFuncError(2, capitalize(msg))
		return
	}
	if !bounds.known {
		resp.Error = resp.Result.Set(ctx, types.BoolUnknown())
		return
	}
	least, most, ferr := isAllowedBounds(bounds, &evaluate.Request{Action: svc.Prefix + ":" + a.Name, Resource: res})
	switch {
	case ferr != nil:
		resp.Error = ferr
	case least == most:
		resp.Error = resp.Result.Set(ctx, types.BoolValue(least))
	default:
		resp.Error = resp.Result.Set(ctx, types.BoolUnknown())
	}
}

// isAllowedBounds decides the request under both bounds of the policy:
// least with every unknown part against it, most with every one for it.
// Evaluation is monotone (an Allow that applies to more, a Deny to less,
// allow more), so when they agree every value of the unknown parts does.
func isAllowedBounds(b policyBounds, request *evaluate.Request) (least, most bool, ferr *function.FuncError) {
	allowed := func(allow, deny boundMode) (bool, *function.FuncError) {
		p, ferr := compileBound(b.document(allow, deny), evaluate.Identity, 0)
		if ferr != nil {
			return false, ferr
		}
		return (&evaluate.Set{Identity: []*evaluate.Policy{p}}).Evaluate(request).Decision == evaluate.Allowed, nil
	}
	if least, ferr = allowed(dropUnknown, widenUnknown); ferr != nil || b.value == nil {
		return least, least, ferr // with nothing unknown, one evaluation decides
	}
	most, ferr = allowed(widenUnknown, dropUnknown)
	return least, most, ferr
}
