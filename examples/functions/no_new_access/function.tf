terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

locals {
  reviewed = {
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:ListBucket"], Resource = "*" }]
  }
  proposed = {
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::reports/*" }]
  }
}

output "proposed_grants_nothing_new" {
  value = provider::iamv2::no_new_access(local.proposed, local.reviewed).pass # true
}

output "reviewed_grants_more_than_proposed" {
  value = provider::iamv2::no_new_access(local.reviewed, local.proposed).reasons
}
