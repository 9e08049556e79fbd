# Permission boundaries generated from HCL, each exactly one policy document,
# as AWS attaches a boundary: every service read-only, and a team's services
# read-only plus the few write actions its deployments need.
terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

variable "account_id" {
  type    = string
  default = "123456789012"
}

variable "team_services" {
  type    = list(string)
  default = ["cloudwatch", "dynamodb", "ec2", "lambda", "logs", "s3"]
}

# The most List and Read actions of every service that fit one document of
# 6,144 characters, and no other action.
data "iamv2_permission_boundary" "read_only" {}

# A team's boundary: all of its services' List and Read actions except those
# that read data, two deployment actions, and the guard that lets the team
# create roles only under this same boundary.
data "iamv2_permission_boundary" "team" {
  services = var.team_services
  exclude  = ["s3:GetObject*", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan"]
  required = var.team_services
  statements = jsonencode([{
    Sid      = "Deploy"
    Effect   = "Allow"
    Action   = ["lambda:UpdateFunctionCode", "lambda:PublishVersion"]
    Resource = "*"
  }])
  delegation_guard = {
    boundary_policy_arn = "arn:aws:iam::${var.account_id}:policy/team/team-boundary"
    path                = "/team/"
  }
}

# With the AWS provider, each document becomes a customer managed policy and
# the permissions_boundary of a role:
#
#   resource "aws_iam_policy" "team_boundary" {
#     name   = "team-boundary"
#     path   = "/team/"
#     policy = data.iamv2_permission_boundary.team.policy_json
#   }
#
#   resource "aws_iam_role" "app" {
#     name                 = "app"
#     path                 = "/team/"
#     assume_role_policy   = data.aws_iam_policy_document.assume.json
#     permissions_boundary = aws_iam_policy.team_boundary.arn
#   }

output "read_only_boundary" {
  value = data.iamv2_permission_boundary.read_only.policy_json
}

output "read_only_coverage" {
  value = data.iamv2_permission_boundary.read_only.coverage
}

output "team_boundary" {
  value = data.iamv2_permission_boundary.team.policy_json
}

output "team_fits_one_managed_policy" {
  value = data.iamv2_permission_boundary.team.char_count <= 6144 && data.iamv2_permission_boundary.team.coverage == 1
}
