terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

output "get_object_level" {
  value = provider::iamv2::access_level("s3:GetObject") # "Read"
}
