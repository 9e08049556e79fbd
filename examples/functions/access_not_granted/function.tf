terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

locals {
  deployer = {
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["lambda:UpdateFunctionCode", "iam:PassRole"], Resource = "*" },
    ]
  }
}

# Warns at plan, naming the statement, since the deployer may pass any role. A
# check block only warns; a precondition on the same call fails the plan.
check "deployer_passes_no_role" {
  assert {
    condition     = provider::iamv2::access_not_granted(local.deployer, ["iam:PassRole"], ["arn:aws:iam::*:role/admin*"]).pass
    error_message = join("; ", provider::iamv2::access_not_granted(local.deployer, ["iam:PassRole"], ["arn:aws:iam::*:role/admin*"]).reasons)
  }
}

output "deployer_creates_no_users" {
  value = provider::iamv2::access_not_granted(local.deployer, ["iam:CreateUser", "iam:CreateAccessKey"], []).pass # true
}
