package provider

import (
	"context"
	"errors"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
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
			functionSourceNote,
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "policy",
				MarkdownDescription: "The policy document as JSON, such as `jsonencode({...})` or `file(\"policy.json\")`.",
			},
		},
		Return: function.ListReturn{ElementType: types.StringType},
	}
}

func (f *policyAllowedActionsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var doc string
	resp.Error = req.Arguments.Get(ctx, &doc)
	if resp.Error != nil {
		return
	}
	e, err := expanderFor(ctx, embedded.Default())
	if err != nil {
		resp.Error = functionError(err)
		return
	}
	result, diags := e.ExpandJSON(doc, policy.Options{UnknownActions: policy.UnknownError})
	if diags.HasError() {
		var problems []string
		for _, d := range diags {
			if d.Severity == policy.SeverityError {
				problems = append(problems, d.String())
			}
		}
		resp.Error = argumentError(0, errors.New(strings.Join(problems, "; ")))
		return
	}
	resp.Error = resp.Result.Set(ctx, nonNil(result.Net.Allowed.Names()))
}
