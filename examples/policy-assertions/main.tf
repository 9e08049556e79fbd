# Plan-time policy assertions: a check block reports a policy that grants
# more than read access (as a warning on every plan), and a postcondition
# makes the same property a hard requirement that fails the plan.
terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

locals {
  auditor_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:LookupEvents"], Resource = "*" },
      { Effect = "Allow", Action = ["s3:GetBucket*", "s3:ListAllMyBuckets"], Resource = "*" },
    ]
  })
}

# Fails the plan if the auditor policy ever allows a change.
data "iamv2_policy_expansion" "auditor" {
  policy          = local.auditor_policy
  unknown_actions = "error"

  lifecycle {
    postcondition {
      # Ten names at most and a count: a NotAction policy allows thousands.
      condition     = self.is_read_only
      error_message = "The auditor policy must be read-only; it allows ${length(self.non_read_only_actions)} other actions: ${join(", ", slice(self.non_read_only_actions, 0, min(10, length(self.non_read_only_actions))))}${length(self.non_read_only_actions) > 10 ? ", ..." : ""}."
    }
  }
}

# Warns on every plan while the policy grants no access to IAM.
check "auditor_sees_cloudtrail" {
  assert {
    condition     = contains([for s in data.iamv2_policy_expansion.auditor.service_summary : s.prefix], "cloudtrail")
    error_message = "The auditor policy should let auditors read CloudTrail."
  }
}

# Lints the policy as AWS Access Analyzer would: fails the plan on any
# security warning.
data "iamv2_policy_validation" "auditor" {
  policy           = local.auditor_policy
  expect_read_only = true
  ignore_codes     = ["COMPACT_ACTIONS"]

  lifecycle {
    postcondition {
      condition     = self.valid && self.counts["SECURITY_WARNING"] == 0
      error_message = join("\n", [for f in self.findings : "${f.severity} ${f.code} at ${f.path}: ${f.message}"])
    }
  }
}

output "auditor_actions" {
  value = length(data.iamv2_policy_expansion.auditor.allowed_actions)
}
