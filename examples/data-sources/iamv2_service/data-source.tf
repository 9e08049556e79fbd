data "iamv2_service" "cloudtrail" {
  service = "cloudtrail"
}

# The ARN format of every CloudTrail resource type.
output "cloudtrail_arns" {
  value = { for r in data.iamv2_service.cloudtrail.resource_types : r.name => r.arn }
}
