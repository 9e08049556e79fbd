package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

func newAccessLevelFunction() function.Function {
	return &actionFunction{
		name:    "access_level",
		summary: "The access level of one IAM action",
		description: "Returns the access level of an action: `List`, `Read`, `Write`, `Permissions management` " +
			"or `Tagging` (the more specific one where AWS's data names two).",
		result: function.StringReturn{},
		answer: func(a *iam.Action) any { return a.AccessLevel.String() },
	}
}
