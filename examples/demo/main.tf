# The classic question: which CloudTrail actions match De*, at what access
# level, and in which IAM console groups? `make demo` applies this.
terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

data "iamv2_service_actions" "cloudtrail_de" {
  service = "cloudtrail"
  match   = ["De*"]
}

locals {
  row = "%-48s %-8s %s"
}

output "table" {
  value = join("\n", concat(
    [format(local.row, "ACTION", "LEVEL", "CONSOLE GROUPS")],
    [for a in data.iamv2_service_actions.cloudtrail_de.actions :
    format(local.row, a.full_name, a.access_level, join(", ", a.action_groups))],
  ))
}
