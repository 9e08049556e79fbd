package provider

import (
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// A bucket whose name, and so ARN, Terraform knows only after apply: a
// terraform_data's output is unknown until it is created.
const unknownBucket = functionsPreamble + `
resource "terraform_data" "bucket" {
  input = "logs"
}
locals {
  bucket_arn = "arn:aws:s3:::${terraform_data.bucket.output}"
}
`

// A policy built from resources created in the same run is asserted at
// plan time when it is passed as an object: the precondition fails the
// plan, before the bucket (or anything) is created. A data source would be
// read only during apply, once its configuration is known.
func TestAccFunctionsAssertAtPlanDespiteUnknownResources(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   functionCLIs,
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			PlanOnly: true,
			Config: unknownBucket + `
locals {
  policy = {
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject"]
      Resource = "${local.bucket_arn}/*"
    }]
  }
}
resource "terraform_data" "role" {
  input = jsonencode(local.policy)
  lifecycle {
    precondition {
      condition     = provider::iamv2::is_read_only(local.policy)
      error_message = "The role must be read-only, but it may also ${join(", ", provider::iamv2::policy_actions_summary(local.policy).non_read_only_actions)}."
    }
  }
}`,
			ExpectError: errorMatching(`The role must be read-only, but it may also s3:PutObject.`),
		}},
	})
}

// A check block is evaluated at plan time too: it fails there, rather than
// being left unknown until apply.
func TestAccFunctionsCheckBlockFailsAtPlanDespiteUnknownResources(t *testing.T) {
	config := func(action string) string {
		return unknownBucket + `
check "read_only" {
  assert {
    condition = provider::iamv2::is_read_only({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "` + action + `", Resource = local.bucket_arn }]
    })
    error_message = "The policy allows more than reading."
  }
}`
	}
	step := func(action string, status tfjson.CheckStatus) resource.TestStep {
		return resource.TestStep{Config: config(action), ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{checkBlockStatus{"read_only", status, nil}},
		}}
	}
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   functionCLIs,
		ProtoV6ProviderFactories: testProviders,
		Steps:                    []resource.TestStep{step("s3:DeleteBucket", tfjson.CheckStatusFail), step("s3:ListBucket", tfjson.CheckStatusPass)},
	})
}

// What the functions answer at plan time for each unknown part, by the
// rules of policy.ExpandValue: known unless an Effect, Action or NotAction
// that decides the answer is unknown.
func TestAccFunctionsPartialEvaluationOfUnknownPolicies(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   functionCLIs,
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: unknownBucket + `
resource "terraform_data" "action" {
  input = "ListBucket"
}
resource "terraform_data" "effect" {
  input = "Allow"
}
locals {
  get_put = ["s3:GetObject", "s3:PutObject"]
}
output "unknown_resource" {
  value = provider::iamv2::policy_allowed_actions({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = local.get_put, Resource = local.bucket_arn }]
  })
}
output "deny_on_unknown_resource_is_conditional" {
  value = provider::iamv2::policy_allowed_actions({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = local.get_put, Resource = "*" },
      { Effect = "Deny", Action = "s3:PutObject", Resource = local.bucket_arn },
    ]
  })
}
output "deny_with_unknown_condition_is_conditional" {
  value = provider::iamv2::is_read_only({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = local.get_put, Resource = "*" },
      { Effect = "Deny", Action = "s3:PutObject", Resource = "*", Condition = { StringNotEquals = { "aws:ResourceTag/name" = terraform_data.bucket.output } } },
    ]
  })
}
output "unconditional_deny_removes" {
  value = provider::iamv2::is_read_only({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = local.get_put, Resource = local.bucket_arn },
      { Effect = "Deny", Action = "s3:PutObject", Resource = "*" },
    ]
  })
}
output "conditional_deny_with_unknown_actions" {
  value = provider::iamv2::policy_actions_summary({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = local.get_put, Resource = "*" },
      { Effect = "Deny", Action = "s3:${terraform_data.action.output}", Resource = local.bucket_arn },
    ]
  })
}
output "unknown_allowed_action" {
  value = provider::iamv2::is_read_only({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:${terraform_data.action.output}"], Resource = "*" }]
  })
}
output "unknown_effect" {
  value = provider::iamv2::policy_allowed_actions({
    Version   = "2012-10-17"
    Statement = [{ Effect = terraform_data.effect.output, Action = "s3:GetObject", Resource = "*" }]
  })
}
output "unknown_json" {
  value = provider::iamv2::is_read_only(jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = local.bucket_arn }]
  }))
}
output "unknown_pattern" {
  value = provider::iamv2::is_read_only(["s3:GetObject", "s3:${terraform_data.action.output}"])
}`,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectKnownOutputValue("unknown_resource", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("s3:GetObject"), knownvalue.StringExact("s3:PutObject"),
				})),
				plancheck.ExpectKnownOutputValue("deny_on_unknown_resource_is_conditional", knownvalue.ListSizeExact(2)),
				plancheck.ExpectKnownOutputValue("deny_with_unknown_condition_is_conditional", knownvalue.Bool(false)),
				plancheck.ExpectKnownOutputValue("unconditional_deny_removes", knownvalue.Bool(true)),
				plancheck.ExpectKnownOutputValueAtPath("conditional_deny_with_unknown_actions", tfjsonpath.New("allowed_count"), knownvalue.Int64Exact(2)),
				plancheck.ExpectKnownOutputValueAtPath("conditional_deny_with_unknown_actions", tfjsonpath.New("non_read_only_actions"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("s3:PutObject")})),
				plancheck.ExpectUnknownOutputValueAtPath("conditional_deny_with_unknown_actions", tfjsonpath.New("unknown_patterns")),
				plancheck.ExpectUnknownOutputValue("unknown_allowed_action"),
				plancheck.ExpectUnknownOutputValue("unknown_effect"),
				plancheck.ExpectUnknownOutputValue("unknown_json"),
				plancheck.ExpectUnknownOutputValue("unknown_pattern"),
			}},
		}},
	})
}
