# A complete permission boundary generated from HCL: read-only access to the
# services a team works with, plus the few write actions its deployments need.
terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

variable "services" {
  type    = list(string)
  default = ["cloudwatch", "dynamodb", "ec2", "ecs", "lambda", "logs", "s3", "sqs"]
}

data "iamv2_readonly_statement" "read" {
  services = var.services
  exclude  = ["s3:GetObject*", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan"]
  sid      = "ReadOnly"
}

# The write actions the team needs, checked against the catalog.
data "iamv2_service_actions" "deploy" {
  service = "lambda"
  match   = ["UpdateFunctionCode", "PublishVersion"]
}

locals {
  boundary = jsonencode({
    Version = "2012-10-17"
    Statement = [
      jsondecode(data.iamv2_readonly_statement.read.statement_json),
      {
        Sid      = "Deploy"
        Effect   = "Allow"
        Action   = data.iamv2_service_actions.deploy.names
        Resource = "*"
      },
    ]
  })
}

output "boundary" {
  value = local.boundary
}

output "read_actions" {
  value = sum(values(data.iamv2_readonly_statement.read.access_level_counts))
}

output "fits_one_managed_policy" {
  value = length(replace(local.boundary, "/\\s/", "")) <= 6144
}
