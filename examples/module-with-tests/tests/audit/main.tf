# The tests' helper module: it builds the module under test with the
# variables of the run, and expands each document it writes with the
# provider, so assertions read what the documents allow.
terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

# null takes the module's own default.
variable "services" {
  type    = list(string)
  default = null
}

variable "write_actions" {
  type    = list(string)
  default = null
}

module "team" {
  source        = "../.."
  services      = var.services
  write_actions = var.write_actions
}

data "iamv2_policy_expansion" "boundary" {
  policy = module.team.boundary_json
}

data "iamv2_policy_expansion" "role_policy" {
  policy = module.team.role_policy_json
}

output "boundary_documents" {
  value = [module.team.boundary_json]
}

output "boundary_char_count" {
  value = module.team.boundary_char_count
}

output "boundary_non_read_only_actions" {
  value = data.iamv2_policy_expansion.boundary.non_read_only_actions
}

output "role_policy_access_level_counts" {
  value = data.iamv2_policy_expansion.role_policy.access_level_counts
}
