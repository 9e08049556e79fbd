package provider

import (
	"context"
	"errors"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/evaluate"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

var _ function.Function = (*isAllowedFunction)(nil)

type isAllowedFunction struct{}

func newIsAllowedFunction() function.Function { return &isAllowedFunction{} }

func (f *isAllowedFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "is_allowed"
}

func (f *isAllowedFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Whether one identity policy allows an action on a resource",
		MarkdownDescription: "Evaluates one identity policy document against one request, as `iamv2_policy_simulation` " +
			"does with only `identity_policies` given: `true` when an `Allow` applies and no `Deny` does. The request " +
			"has no context, so a statement whose condition needs a key (such as `aws:SourceIp`) behaves as AWS " +
			"evaluates a missing key, and no key is derived from a principal; use the data source to give context, " +
			"a principal or other policy types. A malformed document, an unknown action or a resource that is not an " +
			"ARN is an error naming the problem." + functionSourceNote,
		Parameters: []function.Parameter{
			function.StringParameter{Name: "policy_json", MarkdownDescription: "The identity policy document as JSON."},
			function.StringParameter{Name: "action", MarkdownDescription: "One action name, such as `s3:GetObject` (case-insensitive)."},
			function.StringParameter{Name: "resource", MarkdownDescription: "The resource ARN, or `*`."},
		},
		Return: function.BoolReturn{},
	}
}

func (f *isAllowedFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var doc, action, res string
	resp.Error = req.Arguments.Get(ctx, &doc, &action, &res)
	if resp.Error != nil {
		return
	}
	p, diags := evaluate.CompileJSON(doc, evaluate.Source{Kind: evaluate.Identity})
	if p == nil {
		var problems []string
		for _, d := range diags {
			if d.Severity == policy.SeverityError {
				problems = append(problems, d.String())
			}
		}
		resp.Error = argumentError(0, errors.New(strings.Join(problems, "; ")))
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
	result := (&evaluate.Set{Identity: []*evaluate.Policy{p}}).Evaluate(&evaluate.Request{Action: svc.Prefix + ":" + a.Name, Resource: res})
	resp.Error = resp.Result.Set(ctx, result.Decision == evaluate.Allowed)
}
