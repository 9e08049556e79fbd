terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

# The bucket's name, and so its ARN, is known only after apply.
resource "terraform_data" "bucket" {
  input = "audit-logs"
}

locals {
  # The object jsonencode would be given: its actions are known at plan time
  # even though its Resource is not, so the assertion below runs at plan.
  reader_policy = {
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = ["arn:aws:s3:::${terraform_data.bucket.output}", "arn:aws:s3:::${terraform_data.bucket.output}/*"]
    }]
  }
  reader   = provider::iamv2::policy_actions_summary(local.reader_policy)
  not_read = local.reader.non_read_only_actions
}

resource "terraform_data" "reader_role" {
  input = jsonencode(local.reader_policy)

  lifecycle {
    precondition {
      condition = local.reader.is_read_only
      # A bounded message, the first ten actions and a count, however many a
      # NotAction statement would allow.
      error_message = "The reader role may also ${join(", ", slice(local.not_read, 0, min(10, length(local.not_read))))}${length(local.not_read) > 10 ? ", ..." : ""} (${length(local.not_read)} actions that are neither List nor Read)."
    }
  }
}

output "reader_read_actions" {
  value = local.reader.access_level_counts["Read"]
}
