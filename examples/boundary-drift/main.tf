# With a live catalog source, the boundary is regenerated from AWS's data at
# every plan. What IAM enforces, though, is the document of the last apply:
# when AWS adds a Write action that one of its wildcards matches, that
# document grants it until the next apply. A check compares the deployed
# document with today's catalog and warns at plan.
terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

provider "iamv2" {
  catalog_source = "service_reference"
}

# Today's boundary: its Deny statement names whatever AWS added under its
# wildcards that is not List or Read.
data "iamv2_permission_boundary" "read_only" {}

# Stands in for the customer managed policy that holds the boundary:
#
#   resource "aws_iam_policy" "read_only_boundary" {
#     name   = "read-only-boundary"
#     policy = data.iamv2_permission_boundary.read_only.policy_json
#   }
#
# ignore_changes keeps the document of the first apply, as a deployment that
# is not re-applied after each release does.
resource "terraform_data" "deployed_boundary" {
  input = data.iamv2_permission_boundary.read_only.policy_json

  lifecycle {
    ignore_changes = [input]
  }
}

# The deployed document, expanded against today's catalog. With the AWS
# provider, read it back by its ARN, written out rather than taken from the
# resource so that the read happens at plan time, and assert on it with a
# function:
#
#   data "aws_iam_policy" "deployed" {
#     arn = "arn:aws:iam::123456789012:policy/read-only-boundary"
#   }
#
#   condition = provider::iamv2::policy_actions_summary(data.aws_iam_policy.deployed.policy).is_read_only
data "iamv2_policy_expansion" "deployed" {
  policy = terraform_data.deployed_boundary.output
}

# A failed check is a warning: the plan goes on, and the apply that deploys
# the regenerated boundary resolves it.
check "deployed_boundary_is_read_only" {
  assert {
    condition     = data.iamv2_policy_expansion.deployed.is_read_only
    error_message = "The deployed boundary grants ${join(", ", data.iamv2_policy_expansion.deployed.non_read_only_actions)}, which today's catalog says are neither List nor Read: apply to deploy the regenerated boundary, which denies them."
  }
}

output "exposed_patterns" {
  value = length(data.iamv2_permission_boundary.read_only.future_exposure)
}
