package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = (*actionGroupsFunction)(nil)

type actionGroupsFunction struct{}

func newActionGroupsFunction() function.Function { return &actionGroupsFunction{} }

func (f *actionGroupsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "action_groups"
}

func (f *actionGroupsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The IAM console's action groups of one action",
		MarkdownDescription: "Returns the IAM console's groups for an action (`ListOnly`, `ReadOnly`, `ReadWrite`, " +
			"`Tagging`, `Permissions`), cumulative the way the console reports them: a List action is in `ListOnly`, " +
			"`ReadOnly` and `ReadWrite`." + functionSourceNote,
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "action",
				MarkdownDescription: "One action's full name, such as `s3:GetObject`; case-insensitive, no wildcards.",
			},
		},
		Return: function.ListReturn{ElementType: types.StringType},
	}
}

func (f *actionGroupsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
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
	groups := []string{}
	for _, g := range a.AccessLevel.Groups() {
		groups = append(groups, string(g))
	}
	resp.Error = resp.Result.Set(ctx, groups)
}
