terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

locals {
  # AWS's documented way to keep a bucket private: allow everyone, then deny
  # everyone outside the organization.
  bucket_policy = {
    Version = "2012-10-17"
    Statement = [
      { Sid = "Read", Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::reports/*" },
      {
        Sid       = "OnlyOurOrganization"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]
        Condition = { StringNotEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
      },
    ]
  }
}

output "reports_are_private" {
  value = provider::iamv2::no_public_access(local.bucket_policy, "AWS::S3::Bucket").pass # true
}
