package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
)

var _ function.Function = (*accessLevelFunction)(nil)

type accessLevelFunction struct{}

func newAccessLevelFunction() function.Function { return &accessLevelFunction{} }

func (f *accessLevelFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "access_level"
}

func (f *accessLevelFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The access level of one IAM action",
		MarkdownDescription: "Returns the access level of an action: `List`, `Read`, `Write`, `Permissions management` " +
			"or `Tagging` (the more specific one where AWS's data names two)." + functionSourceNote,
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "action",
				MarkdownDescription: "One action's full name, such as `s3:GetObject`; case-insensitive, no wildcards.",
			},
		},
		Return: function.StringReturn{},
	}
}

func (f *accessLevelFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
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
	resp.Error = resp.Result.Set(ctx, a.AccessLevel.String())
}
