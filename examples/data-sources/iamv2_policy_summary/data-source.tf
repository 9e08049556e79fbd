data "iamv2_policy_summary" "ops" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "cloudwatch:*", Resource = "*" },
      { Effect = "Allow", Action = ["ec2:Describe*", "ec2:RebootInstances"], Resource = "*" },
    ]
  })
}

# { cloudwatch = "Full access", ec2 = "Limited: List, Write" }
output "ops_summary" {
  value = { for s in data.iamv2_policy_summary.ops.services : s.prefix => s.summary }
}
