# Two inline policies a team wrote over time, combined into as few managed
# policies as fit AWS's 6,144 characters. The two statements on the logs
# bucket merge, "s3:GetObject" goes (the wildcard of its statement grants
# it), and the answer is proven to allow and deny exactly what the input
# does before it is returned.
data "iamv2_policy_fit" "team" {
  policies = [
    jsonencode({
      Version = "2012-10-17"
      Statement = [
        { Sid = "ReadLogs", Effect = "Allow", Action = ["s3:Get*", "s3:GetObject"], Resource = "arn:aws:s3:::team-logs/*" },
        { Sid = "Queues", Effect = "Allow", Action = ["sqs:SendMessage", "sqs:ReceiveMessage"], Resource = "*" },
      ]
    }),
    jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Sid = "WriteLogs", Effect = "Allow", Action = "s3:PutObject", Resource = "arn:aws:s3:::team-logs/*" }]
    }),
  ]
  kind          = "managed"
  max_documents = 2
}

output "fitted" {
  value = {
    documents   = data.iamv2_policy_fit.team.documents   # one document of two statements
    char_counts = data.iamv2_policy_fit.team.char_counts # [215]
    merged      = data.iamv2_policy_fit.team.changes.statements_merged
  }
}
