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
