terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

locals {
  reader = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject", "s3:ListBucket"], Resource = ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"] },
      { Effect = "Deny", Action = "s3:*", Resource = "arn:aws:s3:::reports/private/*" },
    ]
  })
}

output "reads_reports" {
  value = provider::iamv2::is_allowed(local.reader, "s3:GetObject", "arn:aws:s3:::reports/2026/q1.csv") # true
}

output "reads_private" {
  value = provider::iamv2::is_allowed(local.reader, "s3:GetObject", "arn:aws:s3:::reports/private/salaries.csv") # false
}
