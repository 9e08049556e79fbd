# A reusable module: a team's role policy (read access to its services and
# the Write actions it deploys with) and the permissions boundary that caps
# every role the team creates. tests/ asserts its properties at plan time
# with `terraform test` (Terraform 1.6+) or `tofu test`.
terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

variable "services" {
  description = "Service prefixes the team reads."
  type        = list(string)
  default     = ["cloudwatch", "dynamodb", "lambda", "logs", "s3"]
  nullable    = false
}

variable "write_actions" {
  description = "Exact Write actions the team's role needs."
  type        = list(string)
  default     = ["lambda:UpdateFunctionCode", "lambda:PublishVersion"]
  nullable    = false
}

# The role's read access: exact, and the Write actions on top.
data "iamv2_readonly_statement" "read" {
  services = var.services
  exclude  = ["s3:GetObject*"]
  sid      = "Read"
}

locals {
  role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [jsondecode(data.iamv2_readonly_statement.read.statement_json)],
      length(var.write_actions) == 0 ? [] : [{ Sid = "Deploy", Effect = "Allow", Action = var.write_actions, Resource = "*" }],
    )
  })
}

# The boundary every role of the team gets: the most List and Read access
# to its services that fits one document, and nothing else.
data "iamv2_permission_boundary" "team" {
  services = var.services
  exclude  = ["s3:GetObject*"]
  required = var.services
}

output "role_policy_json" {
  value = local.role_policy
}

output "boundary_json" {
  value = data.iamv2_permission_boundary.team.policy_json
}

output "boundary_char_count" {
  value = data.iamv2_permission_boundary.team.char_count
}
