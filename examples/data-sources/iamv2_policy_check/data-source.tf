# Access Analyzer's CheckAccessNotGranted, offline: the boundary must never
# let its roles pass roles or touch IAM users.
data "iamv2_policy_check" "boundary" {
  check = "access_not_granted"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", NotAction = ["iam:*", "organizations:*"], Resource = "*" },
      { Effect = "Allow", Action = ["iam:Get*", "iam:List*"], Resource = "*" },
    ]
  })
  access = [{ actions = ["iam:PassRole", "iam:CreateUser", "iam:DeleteUser"] }]
}

output "boundary_check" {
  value = data.iamv2_policy_check.boundary.result # "PASS"
}
