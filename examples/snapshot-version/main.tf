# Which IAM data answers this configuration, and is it recent enough?
terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

data "iamv2_services" "all" {}

locals {
  # "0.21.202609261": the last part is the data's date, YYYYMMDD and a build number.
  data_date = tonumber(substr(split(".", data.iamv2_services.all.data_version)[2], 0, 8))
}

check "iam_data_is_recent" {
  assert {
    condition     = local.data_date >= 20260901
    error_message = "The provider's IAM data (${data.iamv2_services.all.data_version}) predates September 2026: upgrade the provider."
  }
}

output "data_version" {
  value = "${data.iamv2_services.all.source} ${data.iamv2_services.all.data_version}: ${length(data.iamv2_services.all.prefixes)} services"
}
