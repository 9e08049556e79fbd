# Can the app role read and delete objects in the prod bucket, from inside
# the VPC endpoint its policy requires?
data "iamv2_policy_simulation" "app" {
  principal_arn = "arn:aws:sts::111122223333:assumed-role/app/session"
  identity_policies = [jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["s3:GetObject", "s3:PutObject"]
      Resource  = "arn:aws:s3:::prod-data/*"
      Condition = { StringEquals = { "aws:SourceVpce" = "vpce-0a1b2c3d" } }
    }]
  })]
  service_control_policies = [
    [jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })],
  ]
  context = { "aws:SourceVpce" = ["vpce-0a1b2c3d"] }
  requests = [{
    actions   = ["s3:GetObject", "s3:DeleteObject"]
    resources = ["arn:aws:s3:::prod-data/reports/2026.csv"]
  }]
}

output "app_can_read" {
  value = contains(data.iamv2_policy_simulation.app.allowed, "s3:GetObject") # true
}

output "app_cannot_delete" {
  value = contains(data.iamv2_policy_simulation.app.denied, "s3:DeleteObject") # true
}
