# Live IAM metadata from the Service Authorization Reference that AWS
# publishes as JSON: no credentials, one request per service read, cached
# on disk and revalidated (ETag) once cache_ttl has passed.
terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

provider "iamv2" {
  catalog_source = "service_reference"
  cache_ttl      = "12h"
}

# Actions AWS added since the provider's snapshot are here the day AWS
# publishes them.
data "iamv2_service_actions" "s3_list" {
  service       = "s3"
  access_levels = ["List"]
}

output "answered_by" {
  value = "${data.iamv2_service_actions.s3_list.source} ${data.iamv2_service_actions.s3_list.data_version}"
}

output "s3_list_actions" {
  value = length(data.iamv2_service_actions.s3_list.names)
}
