# The most List and Read access to a team's services that fits one
# permissions boundary, plus the Write actions its deployments need.
data "iamv2_permission_boundary" "team" {
  services = ["ec2", "s3", "lambda", "dynamodb", "logs", "cloudwatch", "iam", "kms", "secretsmanager"]
  exclude  = ["s3:GetObject*", "secretsmanager:GetSecretValue", "kms:Decrypt"]
  statements = jsonencode([
    { Sid = "Deploy", Effect = "Allow", Action = ["lambda:UpdateFunctionCode", "lambda:PublishVersion"], Resource = "*" },
  ])
}

# 0.9909, in about 1,500 characters: every target action but the six that vend
# credentials by name (ec2:GetPasswordData, iam:GetCredentialReport, ...), which
# the Deny of *:Get*Password* and *:Get*Credential* blocks, with those AWS adds
# later
output "team_coverage" {
  value = data.iamv2_permission_boundary.team.coverage
}

output "team_boundary" {
  value = data.iamv2_permission_boundary.team.policy_json
}
