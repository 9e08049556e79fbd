# Needs a live source: catalog_source = "service_reference" (or "console").

# What AWS changed since this provider's snapshot, for the services a
# read-only boundary is built from.
data "iamv2_catalog_changes" "boundary" {
  services = ["s3", "pricing", "sustainability"]
}

# Warn (a check block never fails the run) when the pinned snapshot misses
# actions: time to upgrade the provider, or to switch the boundary to the
# live source.
check "snapshot_is_current" {
  assert {
    condition     = data.iamv2_catalog_changes.boundary.added_action_count == 0
    error_message = "The snapshot ${data.iamv2_catalog_changes.boundary.snapshot_version} misses ${join(", ", flatten(data.iamv2_catalog_changes.boundary.changes[*].added_actions))}."
  }
}

output "new_services" {
  value = data.iamv2_catalog_changes.boundary.added_services
}

output "level_changes" {
  value = flatten(data.iamv2_catalog_changes.boundary.changes[*].access_level_changes)
}
