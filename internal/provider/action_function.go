package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

var _ function.Function = (*actionFunction)(nil)

// actionFunction is a function of one exact action name that answers a
// property of that action from the embedded snapshot; access_level and
// action_groups are two of them.
type actionFunction struct {
	name, summary, description string
	result                     function.Return
	answer                     func(*iam.Action) any
}

func (f *actionFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = f.name
}

func (f *actionFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary:             f.summary,
		MarkdownDescription: f.description + functionSourceNote,
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "action",
				MarkdownDescription: "One action's full name, such as `s3:GetObject`; case-insensitive, no wildcards.",
			},
		},
		Return: f.result,
	}
}

func (f *actionFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var action string
	resp.Error = req.Arguments.Get(ctx, &action)
	if resp.Error != nil {
		return
	}
	_, a, err := lookupAction(ctx, action)
	if err != nil {
		resp.Error = argumentError(0, err)
		return
	}
	resp.Error = resp.Result.Set(ctx, f.answer(a))
}
