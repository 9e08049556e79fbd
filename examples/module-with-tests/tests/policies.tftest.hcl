# Plan-time assertions on what the module builds, made through the provider:
# each run plans the helper module tests/audit, which builds this module
# with the run's variables and expands its documents. Run with
# `terraform test` or `tofu test`; `-var` sets the module's variables.

run "boundary_is_one_document" {
  command = plan

  module {
    source = "./tests/audit"
  }

  assert {
    condition     = length(output.boundary_documents) == 1 && output.boundary_char_count <= 6144
    error_message = "The boundary must be one policy document of at most 6,144 characters; it has ${output.boundary_char_count}."
  }
}

run "boundary_allows_only_list_and_read" {
  command = plan

  module {
    source = "./tests/audit"
  }

  assert {
    condition = length(output.boundary_non_read_only_actions) == 0
    error_message = "The boundary allows ${length(output.boundary_non_read_only_actions)} actions outside List and Read: ${join(", ",
    slice(output.boundary_non_read_only_actions, 0, min(10, length(output.boundary_non_read_only_actions))))}."
  }
}

run "role_policy_manages_no_permissions" {
  command = plan

  module {
    source = "./tests/audit"
  }

  assert {
    condition     = output.role_policy_access_level_counts["Permissions management"] == 0
    error_message = "The role policy allows ${output.role_policy_access_level_counts["Permissions management"]} Permissions management actions."
  }
}
