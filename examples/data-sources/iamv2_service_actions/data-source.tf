# The read-only half of EC2: every List and Read action matching Describe* or Get*.
data "iamv2_service_actions" "ec2_read" {
  service       = "ec2"
  match         = ["Describe*", "Get*"]
  access_levels = ["List", "Read"]
}

# Actions that can be scoped to a trail and support tag-based conditions.
data "iamv2_service_actions" "trail_tagging" {
  service       = "cloudtrail"
  resource_type = "trail"
  condition_key = "aws:ResourceTag/*"
}

output "ec2_read_actions" {
  value = length(data.iamv2_service_actions.ec2_read.names)
}

output "trail_actions_with_tag_conditions" {
  value = data.iamv2_service_actions.trail_tagging.names
}
