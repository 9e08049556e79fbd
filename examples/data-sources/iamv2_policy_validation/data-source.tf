data "iamv2_policy_validation" "deployer" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["lambda:CreateFunction", "lambda:UpdateFunctionCode"], Resource = "*" },
      { Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::123456789012:role/lambda-*" },
    ]
  })
  ignore_codes = ["COMPACT_ACTIONS"]
}

output "deployer_findings" {
  value = [for f in data.iamv2_policy_validation.deployer.findings : "${f.severity} ${f.code} at ${f.path}"]
}

# A bucket policy is a resource policy: it names its principals, and
# Principal "*" with no condition makes the bucket public.
data "iamv2_policy_validation" "website" {
  policy_type = "resource"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicRead"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::example-website/*"
    }]
  })
}

output "website_is_public" {
  value = contains([for f in data.iamv2_policy_validation.website.findings : f.code], "PUBLIC_ACCESS")
}
