package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

var _ function.Function = (*isReadOnlyFunction)(nil)

type isReadOnlyFunction struct{}

func newIsReadOnlyFunction() function.Function { return &isReadOnlyFunction{} }

func (f *isReadOnlyFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "is_read_only"
}

func (f *isReadOnlyFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Whether every action a policy allows, or a list of patterns names, is List or Read",
		MarkdownDescription: "Given a list of action patterns, expands them like `expand_actions` and returns whether " +
			"every action is at the List or Read access level (true for an empty list). Given a policy document, as " +
			"JSON or as an object, returns whether every action it allows (as `policy_allowed_actions`) is List or Read " +
			"(true when it allows nothing). A pattern that names no known action is an error." +
			functionsPlanTimeNote + functionSourceNote,
		Parameters: []function.Parameter{function.DynamicParameter{
			Name:               "policy_or_actions",
			AllowUnknownValues: true,
			MarkdownDescription: "Action patterns such as `[\"s3:Get*Tagging\", \"ec2:DescribeInstances\"]`, or a policy. " +
				policyArgumentDescription,
		}},
		Return: function.BoolReturn{},
	}
}

func (f *isReadOnlyFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	arg, ferr := dynamicArgument(ctx, req.Arguments, 0)
	if resp.Error = ferr; resp.Error != nil {
		return
	}
	switch arg.UnderlyingValue().(type) {
	case types.List, types.Tuple, types.Set:
		f.patterns(ctx, arg.UnderlyingValue(), resp)
		return
	}
	eval, ferr := evaluatePolicyArgument(ctx, arg, 0, policy.UnknownError)
	switch {
	case ferr != nil:
		resp.Error = ferr
	case !eval.known:
		resp.Error = resp.Result.Set(ctx, types.BoolUnknown())
	default:
		resp.Error = resp.Result.Set(ctx, eval.result.Net.ReadOnly)
	}
}

// patterns answers for a list of action patterns; an unknown pattern
// could name any action, so it makes the answer unknown.
func (f *isReadOnlyFunction) patterns(ctx context.Context, list attr.Value, resp *function.RunResponse) {
	if list.IsUnknown() || hasUnknownElement(list) {
		resp.Error = resp.Result.Set(ctx, types.BoolUnknown())
		return
	}
	patterns := stringElements(list, func(i int, _ attr.Value, problem string) {
		if resp.Error == nil {
			resp.Error = function.NewArgumentFuncError(0, fmt.Sprintf("policy_or_actions[%d] %s", i, problem))
		}
	})
	if resp.Error != nil {
		return
	}
	actions, err := expandAll(ctx, patterns)
	if err != nil {
		resp.Error = argumentError(0, err)
		return
	}
	readOnly := true
	for _, a := range actions {
		readOnly = readOnly && a.Level.IsReadOnly()
	}
	resp.Error = resp.Result.Set(ctx, readOnly)
}

func hasUnknownElement(v attr.Value) bool {
	for _, e := range elementsOf(v) {
		if e.IsUnknown() {
			return true
		}
	}
	return false
}
