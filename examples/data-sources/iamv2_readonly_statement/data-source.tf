# List and Read for three services, without the Read actions that return data.
data "iamv2_readonly_statement" "view_only" {
  services = ["ec2", "s3", "secretsmanager"]
  exclude  = ["s3:GetObject*", "secretsmanager:GetSecretValue"]
  sid      = "ViewOnly"
}

output "view_only_policy" {
  value = data.iamv2_readonly_statement.view_only.policy_json
}

output "view_only_size" {
  value = data.iamv2_readonly_statement.view_only.char_count
}
