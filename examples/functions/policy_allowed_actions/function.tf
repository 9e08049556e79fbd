terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

locals {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "cloudtrail:*", Resource = "*" },
      { Effect = "Deny", Action = "cloudtrail:Delete*", Resource = "*" },
    ]
  })
}

output "can_stop_logging" {
  value = contains(provider::iamv2::policy_allowed_actions(local.policy), "cloudtrail:StopLogging") # true
}
