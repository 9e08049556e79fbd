data "iamv2_policy_expansion" "ops" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Read", Effect = "Allow", Action = ["ec2:Describe*", "s3:List*"], Resource = "*" },
      { Sid = "Restart", Effect = "Allow", Action = "ec2:RebootInstances", Resource = "*" },
    ]
  })
}

output "ops_non_read_only" {
  value = data.iamv2_policy_expansion.ops.non_read_only_actions # ["ec2:RebootInstances"]
}

output "ops_summary" {
  value = { for s in data.iamv2_policy_expansion.ops.service_summary : s.prefix => s.summary }
}
