terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

# The bucket's name, and so its ARN, is known only after apply.
resource "terraform_data" "bucket" {
  input = "audit-logs"
}

locals {
  # The object jsonencode would be given: policy_size counts it as jsonencode
  # writes it, and while the bucket ARN is unknown, min_size still counts
  # every known part, so an oversize policy fails the plan.
  deployer_policy = {
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject"]
      Resource = "arn:aws:s3:::${terraform_data.bucket.output}/*"
    }]
  }
  deployer_size = provider::iamv2::policy_size(local.deployer_policy, "managed")

  # The inline policies of one role add up against 10,240 characters.
  role_inline_policies = {
    read = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:ListBucket"], Resource = "*" }]
    })
    logs = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents"], Resource = "*" }]
    })
  }
  role_inline = provider::iamv2::policy_size(values(local.role_inline_policies), "inline_role")

  # This account's trust policy quota was raised to 4,096 characters.
  trust_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  trust = provider::iamv2::policy_size(local.trust_policy, "trust", 4096)
}

resource "terraform_data" "deployer_policy" {
  input = jsonencode(local.deployer_policy)

  lifecycle {
    precondition {
      # false at plan only when the known parts already exceed the limit.
      condition     = local.deployer_size.fits != false
      error_message = "The deployer policy is at least ${local.deployer_size.min_size} characters, over the ${local.deployer_size.limit} of a managed policy."
    }
  }
}

resource "terraform_data" "role" {
  input = local.role_inline_policies

  lifecycle {
    precondition {
      condition     = local.role_inline.fits
      error_message = "The role's inline policies total ${local.role_inline.size} characters, over ${local.role_inline.limit}."
    }
  }
}

output "deployer_policy_size" {
  value = local.deployer_size.size
}

output "role_inline_total" {
  value = local.role_inline.size
}

output "trust_fits" {
  value = local.trust.fits
}
