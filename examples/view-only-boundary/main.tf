# A view-only boundary for auditors: the List and Read actions that describe
# resources, in one document, without the reads that return customer data or
# credentials (objects, secrets, parameters, messages, log events, records,
# query results, model invocation, tokens, credentials, connections), which
# its own Deny statement also refuses as AWS adds more of them.
terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

data "iamv2_permission_boundary" "auditors" {
  read_scope = "metadata"
}

# The provider's own policy engine reads the document back: List and Read only.
data "iamv2_policy_expansion" "auditors" {
  policy = data.iamv2_permission_boundary.auditors.policy_json
}

output "coverage" {
  value = data.iamv2_permission_boundary.auditors.coverage
}

output "is_read_only" {
  value = data.iamv2_policy_expansion.auditors.is_read_only
}

output "grants_data_reads" {
  value = anytrue([for a in ["s3:GetObject", "secretsmanager:GetSecretValue", "ssm:GetParameter", "sqs:ReceiveMessage"] :
  contains(data.iamv2_policy_expansion.auditors.allowed_actions, a)])
}
