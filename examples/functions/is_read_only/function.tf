terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

variable "auditor_actions" {
  type    = list(string)
  default = ["cloudtrail:Describe*", "cloudtrail:LookupEvents", "s3:GetBucketPolicy"]

  validation {
    condition     = provider::iamv2::is_read_only(var.auditor_actions)
    error_message = "Auditors get List and Read actions only."
  }
}

output "auditor_actions" {
  value = var.auditor_actions
}
