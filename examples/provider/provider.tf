terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

# The embedded snapshot is the default: offline, no credentials, deterministic plans.
provider "iamv2" {
  catalog_source = "embedded" # or set IAMV2_SOURCE
}
