# Needs the console source: catalog_source = "console" or IAMV2_SOURCE=console.
data "iamv2_service_linked_role_template" "autoscaling" {
  service_name = "autoscaling.amazonaws.com"
}

output "autoscaling_role" {
  value = {
    name        = data.iamv2_service_linked_role_template.autoscaling.role_name
    path        = data.iamv2_service_linked_role_template.autoscaling.path
    permissions = [for p in data.iamv2_service_linked_role_template.autoscaling.permissions_policies : p.name]
  }
}
