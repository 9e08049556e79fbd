# The most List and Read access to a team's services that fits one
# permissions boundary, plus the Write actions its deployments need.
data "iamv2_permission_boundary" "team" {
  services = ["ec2", "s3", "lambda", "dynamodb", "logs", "cloudwatch", "iam", "kms", "secretsmanager"]
  exclude  = ["s3:GetObject*", "secretsmanager:GetSecretValue", "kms:Decrypt"]
  statements = jsonencode([
    { Sid = "Deploy", Effect = "Allow", Action = ["lambda:UpdateFunctionCode", "lambda:PublishVersion"], Resource = "*" },
  ])
}

# 1 (every target action fits), in about 1,500 characters
output "team_coverage" {
  value = data.iamv2_permission_boundary.team.coverage
}

output "team_boundary" {
  value = data.iamv2_permission_boundary.team.policy_json
}
