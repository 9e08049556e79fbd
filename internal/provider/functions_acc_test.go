package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// Provider functions need Terraform 1.8 or OpenTofu 1.7; `make test` runs
// these on OpenTofu and skips them on Terraform 1.5.
var functionCLIs = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)}

const functionsPreamble = `
terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}
`

func TestAccFunctions(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   functionCLIs,
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: functionsPreamble + `
output "level" {
  value = provider::iamv2::access_level("S3:getobject")
}
output "groups" {
  value = join(",", provider::iamv2::action_groups("ec2:DescribeInstances"))
}
output "expanded" {
  value = join(",", provider::iamv2::expand_actions(["cloudtrail:De*Trail*"]))
}
output "read_only" {
  value = provider::iamv2::is_read_only(["s3:Get*Tagging", "ec2:Describe*"])
}
output "compacted" {
  value = join(",", provider::iamv2::compact_actions(["cloudtrail:DescribeTrails", "cloudtrail:DescribeQuery"], "word"))
}
output "allowed" {
  value = length(provider::iamv2::policy_allowed_actions(jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "cloudtrail:*", Resource = "*" }]
  })))
}`,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckOutput("level", "Read"),
				resource.TestCheckOutput("groups", "ListOnly,ReadOnly,ReadWrite"),
				resource.TestCheckOutput("expanded", "cloudtrail:DeleteTrail,cloudtrail:DescribeTrails"),
				resource.TestCheckOutput("read_only", "true"),
				resource.TestCheckOutput("compacted", "cloudtrail:Describe*"),
				resource.TestCheckOutput("allowed", "66"),
			),
		}},
	})
}

// An argument unknown at plan time gives an unknown result; the function
// runs once the value is known.
func TestAccFunctionsUnknownArgument(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   functionCLIs,
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: functionsPreamble + `
resource "terraform_data" "action" {
  input = "cloudtrail:StartLogging"
}
output "level" {
  value = provider::iamv2::access_level(terraform_data.action.output)
}`,
			Check: resource.TestCheckOutput("level", "Write"),
		}},
	})
}

func TestAccFunctionsErrors(t *testing.T) {
	for name, c := range map[string]struct{ call, param, want string }{
		"null argument":    {`provider::iamv2::access_level(null)`, "action", `argument must not be null`},
		"unknown action":   {`provider::iamv2::access_level("s3:GetObjct")`, "action", `Service "s3" has no action "GetObjct" (did you mean "GetObject"?).`},
		"pattern":          {`provider::iamv2::action_groups("s3:Get*")`, "action", `"s3:Get*" is a pattern: this function takes one exact action name.`},
		"unknown pattern":  {`provider::iamv2::expand_actions(["s3:Get*", "s4:Get*"])`, "patterns", `Element 1: `},
		"not an action":    {`provider::iamv2::is_read_only(["nope"])`, "policy_or_actions", `Element 0: `},
		"null pattern":     {`provider::iamv2::is_read_only(["s3:GetObject", null])`, "policy_or_actions", `policy_or_actions[1] must not be null`},
		"null expand":      {`provider::iamv2::expand_actions(["s3:GetObject", null])`, "patterns", `patterns[1] must not be null`},
		"non-ASCII action": {`provider::iamv2::expand_actions(["İam:PassRole"])`, "patterns", `Element 0: action "İam:PassRole": action pattern "İam:PassRole" holds the character U+0130 ('İ'), which is not one IAM accepts in a policy`},
		"policy of a kind": {`provider::iamv2::policy_actions_summary(true)`, "policy", `The policy must be a JSON string or an object, not a bool.`},
		"wildcards mode":   {`provider::iamv2::compact_actions(["s3:GetObject"], "some")`, "wildcards", `Unknown wildcards mode "some"`},
		"malformed policy": {`provider::iamv2::policy_allowed_actions("{\"Statement\": 1}")`, "policy", `Error at Statement: Invalid Statement:`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				TerraformVersionChecks:   functionCLIs,
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config: functionsPreamble + "output \"x\" {\n  value = " + c.call + "\n}",
					ExpectError: regexp.MustCompile(`(?s)Invalid function argument.*Invalid value for "` + c.param + `"\s+parameter:\s+` +
						errorMatching(c.want).String()),
				}},
			})
		})
	}
}
