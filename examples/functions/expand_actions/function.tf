terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

output "tagging_reads" {
  value = provider::iamv2::expand_actions(["s3:Get*Tagging"]) # ["s3:GetBucketTagging", "s3:GetJobTagging", ...]
}
