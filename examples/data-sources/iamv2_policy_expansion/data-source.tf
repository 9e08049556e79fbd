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

# Each statement reports its counts, its patterns and their compacted form by
# default. Its full action list is opt-in: it suits a few statements, since a
# "*" or NotAction statement applies to about 21,000 actions.
data "iamv2_policy_expansion" "restart_detail" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["ec2:Reboot*", "ec2:StartInstances"], Resource = "*" }]
  })
  statement_detail = "actions"
}

output "restart_statement" {
  value = {
    count     = data.iamv2_policy_expansion.ops.statements[1].action_count             # 1
    compacted = data.iamv2_policy_expansion.ops.statements[0].compacted_actions        # ["ec2:Describe*", "s3:List*"]
    actions   = keys(data.iamv2_policy_expansion.restart_detail.statements[0].actions) # ["ec2:RebootInstances", "ec2:StartInstances"]
  }
}
