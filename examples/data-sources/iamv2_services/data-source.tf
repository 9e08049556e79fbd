# Every service whose prefix starts with "cloud".
data "iamv2_services" "cloud" {
  match = ["cloud*"]
}

output "cloud_services" {
  value = { for s in data.iamv2_services.cloud.services : s.prefix => "${s.name} (${s.action_count} actions)" }
}
