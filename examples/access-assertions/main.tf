# Asserting access at plan time: decisions about requests, offline, in
# postconditions and check blocks.
#   1. The deployer role's boundary must stop iam:CreateUser on any
#      resource, whatever its identity policies grant (a postcondition).
#   2. The site bucket's policy must not be public (a check block).
#   3. The new version of the reader policy must grant no access the
#      current one does not (a postcondition).
terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

locals {
  account = "111122223333"

  deployer_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Deploy", Effect = "Allow", Action = "*", Resource = "*" }]
  })
  deployer_boundary = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Everything", Effect = "Allow", Action = "*", Resource = "*" },
      { Sid = "NoNewIdentities", Effect = "Deny", Action = ["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile"], Resource = "*" },
    ]
  })

  site_bucket_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "CloudFrontReads"
      Effect    = "Allow"
      Principal = { Service = "cloudfront.amazonaws.com" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::example-site/*"
      Condition = { StringEquals = { "aws:SourceAccount" = local.account } }
    }]
  })

  reader_policy_current = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:Get*", "s3:List*"], Resource = ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"] }]
  })
  reader_policy_next = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ReadThisYear"
      Effect    = "Allow"
      Action    = ["s3:GetObject", "s3:ListBucket"]
      Resource  = ["arn:aws:s3:::reports", "arn:aws:s3:::reports/2026/*"]
      Condition = { Bool = { "aws:SecureTransport" = "true" } }
    }]
  })
}

# 1. Every CreateUser request of the deployer's sessions is denied, and the
# boundary is what denies it.
data "iamv2_policy_simulation" "deployer" {
  principal_arn        = "arn:aws:sts::${local.account}:assumed-role/deployer/ci"
  identity_policies    = [local.deployer_policy]
  permissions_boundary = local.deployer_boundary
  requests = [{
    actions   = ["iam:CreateUser"]
    resources = ["*", "arn:aws:iam::${local.account}:user/anyone", "arn:aws:iam::${local.account}:user/team/admin"]
  }]

  lifecycle {
    postcondition {
      condition = alltrue([for r in self.results : r.decision != "allowed" && r.decided_by == "permissions_boundary"])
      error_message = "The deployer boundary must stop iam:CreateUser: ${join("; ", [
        for r in self.results : "${r.resource} is ${r.decision} by ${r.decided_by}" if r.decision == "allowed" || r.decided_by != "permissions_boundary"
      ])}."
    }
  }
}

# 2. Warns on every plan if the bucket policy lets anyone in.
data "iamv2_policy_check" "site_bucket" {
  check           = "no_public_access"
  resource_type   = "AWS::S3::Bucket"
  policy_document = local.site_bucket_policy
}

check "site_bucket_not_public" {
  assert {
    condition     = data.iamv2_policy_check.site_bucket.result == "PASS"
    error_message = "The site bucket policy may be public: ${join("; ", [for r in data.iamv2_policy_check.site_bucket.reasons : "${r.path}: ${r.description}"])}."
  }
}

# 3. Fails the plan if the next reader policy grants anything new.
data "iamv2_policy_check" "reader_update" {
  check                    = "no_new_access"
  policy_document          = local.reader_policy_next
  existing_policy_document = local.reader_policy_current

  lifecycle {
    postcondition {
      condition     = self.result == "PASS"
      error_message = "The next reader policy grants new access: ${join("; ", [for r in self.reasons : "${r.path}: ${r.description}"])}."
    }
  }
}

output "deployer_create_user" {
  value = distinct([for r in data.iamv2_policy_simulation.deployer.results : "${r.decision} by ${r.decided_by}"])
}

output "reader_update" {
  value = data.iamv2_policy_check.reader_update.result
}
