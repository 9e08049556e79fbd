# Live IAM metadata from the AWS console, signed in with your AWS credentials
# (the AWS SDK's default chain: environment, shared files, SSO, IMDS).
terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

provider "iamv2" {
  catalog_source = "console"
  region         = "us-east-1"
  cache_ttl      = "12h" # repeated plans reuse answers instead of signing in again
}

# Actions AWS added since the provider's snapshot show up here first.
data "iamv2_service_actions" "bedrock_read" {
  service       = "bedrock"
  access_levels = ["ReadOnly"]
}

data "iamv2_service_linked_role_template" "autoscaling" {
  service_name = "autoscaling.amazonaws.com"
}

output "answered_by" {
  value = "${data.iamv2_service_actions.bedrock_read.source} ${data.iamv2_service_actions.bedrock_read.data_version}"
}

output "bedrock_read_actions" {
  value = length(data.iamv2_service_actions.bedrock_read.names)
}

output "autoscaling_role" {
  value = data.iamv2_service_linked_role_template.autoscaling.role_name
}
