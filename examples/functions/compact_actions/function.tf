terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

# The shortest patterns that grant exactly every Describe* action of CloudTrail.
output "compacted" {
  value = provider::iamv2::compact_actions(
    provider::iamv2::expand_actions(["cloudtrail:Describe*"]),
    "word",
  ) # ["cloudtrail:Describe*"]
}
