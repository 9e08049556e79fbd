package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

func newActionGroupsFunction() function.Function {
	return &actionFunction{
		name:    "action_groups",
		summary: "The IAM console's action groups of one action",
		description: "Returns the IAM console's groups for an action (`ListOnly`, `ReadOnly`, `ReadWrite`, " +
			"`Tagging`, `Permissions`), cumulative the way the console reports them: a List action is in `ListOnly`, " +
			"`ReadOnly` and `ReadWrite`.",
		result: function.ListReturn{ElementType: types.StringType},
		answer: func(a *iam.Action) any {
			groups := []string{}
			for _, g := range a.AccessLevel.Groups() {
				groups = append(groups, string(g))
			}
			return groups
		},
	}
}
